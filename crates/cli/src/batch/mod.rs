//! `smartlib batch`: score one profile a row from JSON Lines or CSV, in input order.
//!
//! The core reads every row (what each column means, what each cell says: the same rules as
//! every other front end) and scores rows on worker threads, keeping input order with a
//! bounded number of rows in flight, so memory stays flat however long the file is. A bad row
//! becomes an output row with an `error` and a message on stderr naming its line; the others
//! carry on, and the command exits 1 at the end if any row failed. A problem with the columns
//! themselves (a name one typo away from a program id, no program column) refuses the file.

mod rows;
mod write;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};
use smartlib::{BatchError, BatchOptions, Catalog, Cell, Columns, Echo, Worker};

use self::rows::{BOM, Fields, Line, Lines, MAX_ROW_BYTES, MAX_ROW_TEXT, Record, Records};
use self::write::{Carried, RowWriter, Scored};
use crate::failure::Failure;
use crate::output::Output;

#[derive(Args, Debug)]
pub(crate) struct BatchArgs {
    /// The input: JSON Lines (`.jsonl`, `.ndjson`) or CSV (`.csv`); `-` reads standard input
    /// (then say which with --input-format).
    pub(crate) file: PathBuf,
    /// The input format, when the extension does not tell.
    #[arg(long, value_enum)]
    pub(crate) input_format: Option<RowFormat>,
    /// The output format (default: the input's).
    #[arg(long, value_enum)]
    pub(crate) format: Option<RowFormat>,
    /// How many recommendations to list per row (default: the catalog's policy, 5).
    #[arg(long)]
    pub(crate) top: Option<usize>,
    /// Write here instead of standard output: the file is replaced only when the run finishes.
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// The input columns or keys to copy to the output, in this order (default: every one that
    /// is not a program, a list or a field, from any row).
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    pub(crate) carry: Vec<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowFormat {
    Csv,
    Jsonl,
}

/// Scores every row of the input; returns how many rows failed.
pub(crate) fn run(args: &BatchArgs, catalog: &Catalog) -> Result<u64, Failure> {
    let stdin = args.file.as_os_str() == "-";
    let input_format = input_format(args, stdin)?;
    let top = args.top.unwrap_or(catalog.policy().recommendations);
    if top == 0 {
        return Err(Failure::Usage("--top must be at least 1".into()));
    }
    let carry = carried_names(&args.carry)?;
    // The output is checked and opened before the input is read, and replaced only at the end.
    let output = match &args.output {
        Some(path) if path.as_os_str() != "-" => {
            let inputs: &[&Path] = if stdin { &[] } else { &[&args.file] };
            Output::file(path, inputs)?
        }
        _ => Output::stdout(),
    };
    let output_name = output.name();
    let (source, size): (Box<dyn Read + Send>, Option<u64>) = if stdin {
        (Box::new(io::stdin()), None)
    } else {
        let file = File::open(&args.file).map_err(|e| Failure::io(&args.file, e))?;
        let size = file.metadata().ok().filter(std::fs::Metadata::is_file).map(|m| m.len());
        (Box::new(file), size)
    };
    let progress = io::stderr().is_terminal().then(|| progress_bar(size));
    let reader = Counting { inner: BufReader::with_capacity(1 << 16, source), progress: progress.clone(), read: 0 };
    let input = Input {
        name: if stdin { "standard input".to_owned() } else { args.file.display().to_string() },
        catalog,
        options: BatchOptions::new(top).with_chunk_weight(4 * MAX_ROW_BYTES),
        carry,
    };
    let out = BufWriter::with_capacity(1 << 16, output);
    let output_format = args.format.unwrap_or(input_format);
    let write_failed = |error: io::Error| Failure::Io { path: output_name.clone(), error };
    let mut counts = Counts::default();
    let outcome = match input_format {
        RowFormat::Csv => input.csv(reader, output_format, out, &mut counts, &write_failed),
        RowFormat::Jsonl => input.jsonl(reader, output_format, out, &mut counts, &write_failed),
    };
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let out = outcome?;
    out.into_inner().map_err(|error| write_failed(error.into_error()))?.commit()?;
    if counts.failed > 0 {
        eprintln!(
            "smartlib: {} of {} rows failed (see the messages above and the error column)",
            counts.failed, counts.rows
        );
    }
    Ok(counts.failed)
}

fn input_format(args: &BatchArgs, stdin: bool) -> Result<RowFormat, Failure> {
    if let Some(format) = args.input_format {
        return Ok(format);
    }
    if stdin {
        return Err(Failure::Usage("-: say what standard input holds with --input-format csv or jsonl".into()));
    }
    match args.file.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("csv") => Ok(RowFormat::Csv),
        Some("jsonl" | "ndjson") => Ok(RowFormat::Jsonl),
        _ => Err(Failure::Usage(format!(
            "{}: cannot tell the format: name it .csv or .jsonl, or pass --input-format",
            args.file.display()
        ))),
    }
}

/// `--carry` names, each once; `None` when not given.
fn carried_names(names: &[String]) -> Result<Option<Vec<String>>, Failure> {
    let names: Vec<String> = names.iter().map(|name| name.trim().to_owned()).filter(|n| !n.is_empty()).collect();
    if let Some(name) = names.iter().enumerate().find_map(|(index, name)| names[..index].contains(name).then_some(name))
    {
        return Err(Failure::Usage(format!("--carry: \"{}\" is named twice", Echo(name))));
    }
    Ok((!names.is_empty()).then_some(names))
}

fn progress_bar(size: Option<u64>) -> ProgressBar {
    let (bar, template) = match size {
        Some(size) => (ProgressBar::new(size), "{spinner} {bytes}/{total_bytes} {wide_bar} {per_sec} eta {eta}"),
        None => (ProgressBar::new_spinner(), "{spinner} {bytes} read, {per_sec}"),
    };
    bar.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    bar
}

#[derive(Default)]
struct Counts {
    rows: u64,
    failed: u64,
}

/// What every row of one input shares.
struct Input<'a> {
    name: String,
    catalog: &'a Catalog,
    options: BatchOptions,
    /// `--carry`, when given.
    carry: Option<Vec<String>>,
}

/// Where a batch's rows go.
type Sink = BufWriter<Output>;

impl Input<'_> {
    /// The writer's side of the pipeline: every scored row, in input order.
    fn emit<W: io::Write>(
        &self,
        writer: &mut RowWriter<W>,
        counts: &mut Counts,
        row: Scored,
        write_failed: &dyn Fn(io::Error) -> Failure,
    ) -> Result<(), Failure> {
        counts.rows += 1;
        if let Err(message) = &row.result {
            counts.failed += 1;
            eprintln!("{}:{}: {message}", self.name, row.line);
        }
        writer.write(&row, self.catalog).map_err(write_failed)
    }

    fn finished(&self, outcome: Result<(), BatchError<Failure>>) -> Result<(), Failure> {
        match outcome {
            Ok(()) => Ok(()),
            Err(BatchError::Sink(failure)) => Err(failure),
            Err(BatchError::Panicked) => {
                Err(Failure::Usage("internal error: a batch worker failed; please report it".into()))
            }
        }
    }

    /// JSON Lines: one object a line; blank lines are skipped but still counted for line numbers.
    fn jsonl(
        &self,
        reader: impl BufRead + Send,
        format: RowFormat,
        out: Sink,
        counts: &mut Counts,
        write_failed: &dyn Fn(io::Error) -> Failure,
    ) -> Result<Sink, Failure> {
        let mut writer = match (format, &self.carry) {
            (RowFormat::Csv, None) => RowWriter::union(out).map_err(write_failed)?,
            (_, carry) => RowWriter::new(format, out, carry.clone().unwrap_or_default()),
        };
        // A first line that holds only the file's byte-order mark is blank too.
        let blank = |line: &Line| {
            line.bytes.as_ref().is_some_and(|bytes| {
                let bytes = if line.number == 1 { bytes.strip_prefix(BOM).unwrap_or(bytes) } else { bytes };
                bytes.trim_ascii().is_empty()
            })
        };
        let lines = Lines::new(reader)
            .filter(|line| !line.as_ref().is_ok_and(blank))
            .enumerate()
            .map(|(index, line)| (index + 1, line));
        let weigh = |(_, line): &(usize, io::Result<Line>)| {
            line.as_ref().ok().and_then(|line| line.bytes.as_ref()).map_or(0, Vec::len)
        };
        let outcome = self.catalog.summarize_many_weighed(
            lines,
            self.options,
            weigh,
            |worker, (row, line)| match line {
                Ok(line) => self.json_row(worker, row, line),
                Err(error) => JsonRow::ReadFailed(error),
            },
            |row| match row {
                JsonRow::Scored(scored) => self.emit(&mut writer, counts, scored, write_failed),
                JsonRow::Refused { line, error } => Err(Failure::Usage(format!("{}:{line}: {error}", self.name))),
                JsonRow::ReadFailed(error) => Err(Failure::Io { path: self.name.clone(), error }),
            },
        );
        self.finished(outcome)?;
        writer.finish().map_err(write_failed)
    }

    fn json_row(&self, worker: &mut Worker<'_>, row: usize, line: Line) -> JsonRow {
        let failed = |carried: Map<String, Value>, message: String| {
            JsonRow::Scored(Scored { line: line.number, carried: Carried::Json(carried), result: Err(message) })
        };
        let Some(bytes) = &line.bytes else {
            return failed(Map::new(), format!("row {row}: longer than {MAX_ROW_TEXT}, the most one row may hold"));
        };
        let bytes = match bytes.strip_prefix(BOM) {
            Some(rest) if line.number == 1 => rest,
            Some(_) => {
                return failed(
                    Map::new(),
                    format!(
                        "row {row}: starts with a byte-order mark, which belongs only at the start of a file (were two files joined?)"
                    ),
                );
            }
            None => bytes,
        };
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                // The keys that can still be read are carried, so the error row keeps its id.
                let lossy = String::from_utf8_lossy(bytes);
                let carried = serde_json::from_str::<Pairs>(&lossy)
                    .ok()
                    .and_then(|pairs| self.json_carried(worker, &pairs))
                    .unwrap_or_default();
                let at = error.valid_up_to() + 1;
                return failed(carried, format!("row {row}: not valid UTF-8 (byte {at} of the line)"));
            }
        };
        let pairs = match serde_json::from_str::<Pairs>(text) {
            Ok(pairs) => pairs,
            Err(error) => return failed(Map::new(), format!("row {row}: not a JSON object: {error}")),
        };
        let names: Vec<&str> = pairs.0.iter().map(|(key, _)| key.as_str()).collect();
        let columns = match worker.loose_columns(&names) {
            Ok(columns) => columns,
            Err(error) => return JsonRow::Refused { line: line.number, error },
        };
        let cells: Vec<Cell<'_>> = pairs.0.iter().map(|(_, value)| Cell::from_json(value)).collect();
        let result = worker.summarize_row(&columns, row, &cells).map_err(|error| error.to_string());
        let carried = self.carried_of(&pairs, columns.carried());
        JsonRow::Scored(Scored { line: line.number, carried: Carried::Json(carried), result })
    }

    /// The carried keys of a row whose keys the core accepts.
    fn json_carried(&self, worker: &mut Worker<'_>, pairs: &Pairs) -> Option<Map<String, Value>> {
        let names: Vec<&str> = pairs.0.iter().map(|(key, _)| key.as_str()).collect();
        let columns = worker.loose_columns(&names).ok()?;
        Some(self.carried_of(pairs, columns.carried()))
    }

    /// `--carry`'s keys when given, else the keys the core reads as carried.
    fn carried_of(&self, pairs: &Pairs, carried: impl Iterator<Item = usize>) -> Map<String, Value> {
        match &self.carry {
            Some(names) => names
                .iter()
                .filter_map(|name| pairs.0.iter().find(|(key, _)| key == name))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect(),
            None => carried.map(|position| pairs.0[position].clone()).collect(),
        }
    }

    fn csv(
        &self,
        reader: impl BufRead + Send,
        format: RowFormat,
        out: Sink,
        counts: &mut Counts,
        write_failed: &dyn Fn(io::Error) -> Failure,
    ) -> Result<Sink, Failure> {
        let mut records = Records::new(reader);
        let header = match records.next() {
            None => return Err(Failure::Usage(format!("{}: empty: a CSV input starts with a header row", self.name))),
            Some(Err(error)) => return Err(Failure::Io { path: self.name.clone(), error }),
            Some(Ok(Record { fields: None, .. })) => {
                return Err(Failure::Usage(format!("{}:1: the header is longer than {MAX_ROW_TEXT}", self.name)));
            }
            Some(Ok(Record { fields: Some(fields), .. })) => self.header(&fields)?,
        };
        let columns = self
            .catalog
            .columns(&header.iter().map(String::as_str).collect::<Vec<_>>())
            .map_err(|error| Failure::Engine { input: format!("{}:1", self.name), message: error.to_string() })?;
        let carried: Vec<usize> = match &self.carry {
            Some(names) => names
                .iter()
                .map(|name| {
                    header.iter().position(|column| column == name).ok_or_else(|| {
                        Failure::Usage(format!("--carry: {}:1 has no column \"{}\"", self.name, Echo(name)))
                    })
                })
                .collect::<Result<_, _>>()?,
            None => columns.carried().collect(),
        };
        let names = carried.iter().map(|&c| header[c].clone()).collect();
        let mut writer = RowWriter::new(format, out, names);
        let rows = records.enumerate().map(|(index, record)| (index + 1, record));
        let weigh = |(_, record): &(usize, io::Result<Record>)| {
            record.as_ref().ok().and_then(|record| record.fields.as_ref()).map_or(0, Fields::weight)
        };
        let outcome = self.catalog.summarize_many_weighed(
            rows,
            self.options,
            weigh,
            |worker, (row, record)| match record {
                Ok(record) => Ok(csv_row(worker, &columns, &header, &carried, row, record)),
                Err(error) => Err(error),
            },
            |row| match row {
                Ok(scored) => self.emit(&mut writer, counts, scored, write_failed),
                Err(error) => Err(Failure::Io { path: self.name.clone(), error }),
            },
        );
        self.finished(outcome)?;
        writer.finish().map_err(write_failed)
    }

    /// The header's column names.
    fn header(&self, fields: &Fields) -> Result<Vec<String>, Failure> {
        fields
            .iter()
            .enumerate()
            .map(|(index, name)| {
                String::from_utf8(name.to_vec()).map_err(|_| {
                    Failure::Usage(format!("{}:1: column {} of the header is not valid UTF-8", self.name, index + 1))
                })
            })
            .collect()
    }
}

/// A JSON line's outcome: scored, a problem with its keys that refuses the whole file, or a
/// failed read that ends the run.
enum JsonRow {
    Scored(Scored),
    Refused { line: u64, error: smartlib::Error },
    ReadFailed(io::Error),
}

fn csv_row(
    worker: &mut Worker<'_>,
    columns: &Columns,
    header: &[String],
    carried: &[usize],
    row: usize,
    record: Record,
) -> Scored {
    let line = record.line;
    let Some(fields) = record.fields else {
        let result = Err(format!("row {row}: longer than {MAX_ROW_TEXT}, the most one row may hold"));
        return Scored { line, carried: Carried::Cells(vec![String::new(); carried.len()]), result };
    };
    let carried_cells =
        carried.iter().map(|&c| fields.get(c).map(String::from_utf8_lossy).unwrap_or_default().into_owned()).collect();
    let texts: Result<Vec<&str>, usize> =
        fields.iter().enumerate().map(|(index, field)| std::str::from_utf8(field).map_err(|_| index)).collect();
    let result = match texts {
        Ok(texts) => {
            let cells: Vec<Cell<'_>> = texts.into_iter().map(Cell::Text).collect();
            worker.summarize_row(columns, row, &cells).map_err(|error| error.to_string())
        }
        Err(index) => Err(format!("row {row}, column {}: not valid UTF-8", ColumnName(header.get(index), index))),
    };
    Scored { line, carried: Carried::Cells(carried_cells), result }
}

/// A column by its header name, or by its position when the row is longer than the header.
struct ColumnName<'a>(Option<&'a String>, usize);

impl fmt::Display for ColumnName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(name) => write!(f, "\"{}\"", Echo(name)),
            None => write!(f, "{}", self.1 + 1),
        }
    }
}

/// A JSON object's keys and values in order, duplicates kept (a map would keep only the last
/// value of a repeated key, silently), so the core can refuse them.
struct Pairs(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Pairs, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = Pairs;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of keys and values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(PairsVisitor)
    }
}

/// Counts bytes read, for the progress bar.
struct Counting<R> {
    inner: R,
    progress: Option<ProgressBar>,
    read: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let count = self.inner.read(buffer)?;
        self.read += count as u64;
        if let Some(bar) = &self.progress {
            bar.set_position(self.read);
        }
        Ok(count)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.read += amount as u64;
        if let Some(bar) = &self.progress {
            bar.set_position(self.read);
        }
        self.inner.consume(amount);
    }
}
