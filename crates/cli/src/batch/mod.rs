//! `smartlib batch`: score one profile a row from JSON Lines or CSV, in input order.
//!
//! The core reads every row (what each column means, what each cell says: the same rules as
//! every other front end) and scores rows on worker threads, keeping input order with a
//! bounded number of rows in flight, so memory stays flat however long the file is. A bad row
//! becomes an output row with an `error` and a message on stderr naming its line; the others
//! carry on, and the command exits 1 at the end if any row failed. A problem with the columns
//! themselves (a name one typo away from a program id, no program column) refuses the file.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Map, Value};
use smartlib::{BatchError, BatchOptions, Catalog, Cell, Columns, Summary, Worker};

use crate::failure::Failure;

#[derive(Args, Debug)]
pub(crate) struct BatchArgs {
    /// The input: JSON Lines (`.jsonl`, `.ndjson`) or CSV (`.csv`).
    pub(crate) file: PathBuf,
    /// The input format, when the extension does not tell.
    #[arg(long, value_enum)]
    pub(crate) input_format: Option<RowFormat>,
    /// The output format (default: the input's).
    #[arg(long, value_enum)]
    pub(crate) format: Option<RowFormat>,
    /// How many recommendations to list per row.
    #[arg(long, default_value_t = 5)]
    pub(crate) top: usize,
    /// Write here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowFormat {
    Csv,
    Jsonl,
}

/// One row as a worker hands it to the writer: its line, the columns it carries through, and
/// its summary or the message for its `error` column.
struct Scored {
    line: u64,
    carried: Carried,
    result: Result<Summary, String>,
}

/// The input columns or keys that pass through to the output.
enum Carried {
    Json(Map<String, Value>),
    Csv(Vec<String>),
}

pub(crate) fn run(args: &BatchArgs, catalog: &Catalog) -> Result<u64, Failure> {
    let input_format = match args.input_format {
        Some(format) => format,
        None => match args.file.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("csv") => RowFormat::Csv,
            Some("jsonl" | "ndjson") => RowFormat::Jsonl,
            _ => {
                return Err(Failure::Usage(format!(
                    "{}: cannot tell the format: name it .csv or .jsonl, or pass --input-format",
                    args.file.display()
                )));
            }
        },
    };
    let file = File::open(&args.file).map_err(|e| Failure::io(&args.file, e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let progress = io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(size);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {bytes}/{total_bytes} {wide_bar} {per_sec} eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let reader = Counting { inner: BufReader::with_capacity(1 << 16, file), progress: progress.clone(), read: 0 };
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(File::create(path).map_err(|e| Failure::io(path, e))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut writer = RowWriter::new(args.format.unwrap_or(input_format), BufWriter::with_capacity(1 << 16, sink));
    let origin = args.file.display().to_string();
    let options = BatchOptions::new(args.top);
    let mut counts = Counts::default();
    let outcome = match input_format {
        RowFormat::Jsonl => jsonl(reader, catalog, options, &origin, &mut writer, &mut counts),
        RowFormat::Csv => csv_rows(reader, catalog, options, &origin, &mut writer, &mut counts),
    };
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    outcome?;
    writer.finish().map_err(|e| output_failure(args, e))?;
    if counts.failed > 0 {
        eprintln!(
            "smartlib: {} of {} rows failed (see the messages above and the error column)",
            counts.failed, counts.rows
        );
    }
    Ok(counts.failed)
}

#[derive(Default)]
struct Counts {
    rows: u64,
    failed: u64,
}

/// The writer's side of the pipeline: every scored row, in input order.
fn emit(
    writer: &mut RowWriter,
    counts: &mut Counts,
    origin: &str,
    catalog: &Catalog,
    row: Scored,
) -> Result<(), Failure> {
    counts.rows += 1;
    if let Err(message) = &row.result {
        counts.failed += 1;
        eprintln!("{origin}:{}: {message}", row.line);
    }
    writer.write(&row.carried, &row.result, catalog).map_err(output_io)
}

fn finished(outcome: Result<(), BatchError<Failure>>) -> Result<(), Failure> {
    match outcome {
        Ok(()) => Ok(()),
        Err(BatchError::Sink(failure)) => Err(failure),
        Err(BatchError::Panicked) => {
            Err(Failure::Usage("internal error: a batch worker failed; please report it".into()))
        }
    }
}

/// A JSON line's outcome: scored, or a problem with its keys that refuses the whole file.
enum JsonRow {
    Scored(Scored),
    Refused { line: u64, error: smartlib::Error },
}

/// JSON Lines: one object a line; blank lines are skipped but still counted for line numbers.
fn jsonl(
    reader: impl BufRead + Send,
    catalog: &Catalog,
    options: BatchOptions,
    origin: &str,
    writer: &mut RowWriter,
    counts: &mut Counts,
) -> Result<(), Failure> {
    let lines = reader
        .lines()
        .enumerate()
        .map(|(index, line)| (index as u64 + 1, line))
        .filter(|(_, line)| !line.as_ref().is_ok_and(|text| text.trim().is_empty()))
        .enumerate()
        .map(|(row, (line, text))| (row + 1, line, text));
    let outcome = catalog.summarize_many(
        lines,
        options,
        |worker, (row, line, text)| match text {
            Ok(text) => json_row(worker, row, line, &text),
            Err(error) => JsonRow::Scored(Scored {
                line,
                carried: Carried::Json(Map::new()),
                result: Err(format!("row {row}: {error}")),
            }),
        },
        |row| match row {
            JsonRow::Scored(scored) => emit(writer, counts, origin, catalog, scored),
            JsonRow::Refused { line, error } => Err(Failure::Usage(format!("{origin}:{line}: {error}"))),
        },
    );
    finished(outcome)
}

fn json_row(worker: &mut Worker<'_>, row: usize, line: u64, text: &str) -> JsonRow {
    let object = match serde_json::from_str::<Map<String, Value>>(text) {
        Ok(object) => object,
        Err(error) => {
            let result = Err(format!("row {row}: not a JSON object: {error}"));
            return JsonRow::Scored(Scored { line, carried: Carried::Json(Map::new()), result });
        }
    };
    let names: Vec<&str> = object.keys().map(String::as_str).collect();
    let columns = match worker.loose_columns(&names) {
        Ok(columns) => columns,
        Err(error) => return JsonRow::Refused { line, error },
    };
    let cells: Vec<Cell<'_>> = object.values().map(Cell::from_json).collect();
    let result = worker.summarize_row(&columns, row, &cells).map_err(|error| error.to_string());
    let carried = columns.carried().map(|position| names[position]).collect::<Vec<_>>();
    let carried = object.iter().filter(|(key, _)| carried.contains(&key.as_str()));
    JsonRow::Scored(Scored {
        line,
        carried: Carried::Json(carried.map(|(k, v)| (k.clone(), v.clone())).collect()),
        result,
    })
}

fn csv_rows(
    reader: impl Read + Send,
    catalog: &Catalog,
    options: BatchOptions,
    origin: &str,
    writer: &mut RowWriter,
    counts: &mut Counts,
) -> Result<(), Failure> {
    // Rows of any length are read; the core says which ones do not fit the header.
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers =
        csv.headers().map_err(|e| Failure::Usage(format!("{origin}: cannot read the CSV header: {e}")))?.clone();
    let columns = catalog
        .columns(&headers.iter().collect::<Vec<_>>())
        .map_err(|error| Failure::Engine { input: format!("{origin}:1"), message: error.to_string() })?;
    let carried: Vec<usize> = columns.carried().collect();
    writer.set_csv_header(carried.iter().map(|&c| headers[c].to_owned()).collect());
    let records = csv.into_records().enumerate().map(|(index, record)| (index + 1, record));
    let outcome = catalog.summarize_many(
        records,
        options,
        |worker, (row, record)| csv_row(worker, &columns, &carried, row, record),
        |scored| emit(writer, counts, origin, catalog, scored),
    );
    finished(outcome)
}

fn csv_row(
    worker: &mut Worker<'_>,
    columns: &Columns,
    carried: &[usize],
    row: usize,
    record: Result<csv::StringRecord, csv::Error>,
) -> Scored {
    match record {
        Ok(record) => {
            let cells: Vec<Cell<'_>> = record.iter().map(Cell::Text).collect();
            let result = worker.summarize_row(columns, row, &cells).map_err(|error| error.to_string());
            let line = record.position().map_or(0, csv::Position::line);
            let carried = carried.iter().map(|&c| record.get(c).unwrap_or("").to_owned()).collect();
            Scored { line, carried: Carried::Csv(carried), result }
        }
        Err(error) => {
            let line = error.position().map_or(0, csv::Position::line);
            Scored { line, carried: Carried::Csv(Vec::new()), result: Err(format!("row {row}: {error}")) }
        }
    }
}

fn output_failure(args: &BatchArgs, error: io::Error) -> Failure {
    match &args.output {
        Some(path) => Failure::io(path, error),
        None => Failure::Io { path: "standard output".to_owned(), error },
    }
}

fn output_io(error: io::Error) -> Failure {
    Failure::Io { path: "output".to_owned(), error }
}

/// Writes rows as CSV or JSON Lines, whatever the input was.
struct RowWriter {
    format: RowFormat,
    out: BufWriter<Box<dyn Write>>,
    csv_header: Option<Vec<String>>,
    wrote_header: bool,
}

impl RowWriter {
    fn new(format: RowFormat, out: BufWriter<Box<dyn Write>>) -> RowWriter {
        RowWriter { format, out, csv_header: None, wrote_header: false }
    }

    fn set_csv_header(&mut self, carried: Vec<String>) {
        self.csv_header = Some(carried);
    }

    fn write(&mut self, carried: &Carried, scored: &Result<Summary, String>, catalog: &Catalog) -> io::Result<()> {
        let top = |summary: &Summary| -> Vec<&str> {
            summary.top.iter().map(|&p| catalog.programs()[p].id.as_ref()).collect()
        };
        let reached = |summary: &Summary| catalog.reached_tier(summary.level).map(|tier| tier.id.to_string());
        match self.format {
            RowFormat::Jsonl => {
                let mut object = match carried {
                    Carried::Json(map) => map.clone(),
                    Carried::Csv(cells) => self
                        .csv_header
                        .iter()
                        .flatten()
                        .zip(cells)
                        .map(|(header, cell)| (header.clone(), Value::String(cell.clone())))
                        .collect(),
                };
                match scored {
                    Ok(summary) => {
                        object.insert("level".into(), summary.level.into());
                        object.insert("reached".into(), reached(summary).map_or(Value::Null, Value::String));
                        object.insert("level_range".into(), Value::from(summary.level_range.to_vec()));
                        object.insert("recommendations".into(), Value::from(top(summary)));
                    }
                    Err(message) => {
                        object.insert("error".into(), Value::String(message.clone()));
                    }
                }
                serde_json::to_writer(&mut self.out, &object)?;
                self.out.write_all(b"\n")
            }
            RowFormat::Csv => {
                let carried_cells: Vec<String> = match carried {
                    Carried::Csv(cells) => cells.clone(),
                    Carried::Json(map) => {
                        if self.csv_header.is_none() {
                            // From JSON Lines, the first row's keys make the header.
                            self.csv_header = Some(map.keys().cloned().collect());
                        }
                        self.csv_header
                            .iter()
                            .flatten()
                            .map(|key| match map.get(key) {
                                None | Some(Value::Null) => String::new(),
                                Some(Value::String(text)) => text.clone(),
                                Some(other) => other.to_string(),
                            })
                            .collect()
                    }
                };
                if !self.wrote_header {
                    self.write_header()?;
                }
                let (level, reached, range, recommendations, error) = match scored {
                    Ok(summary) => (
                        summary.level.to_string(),
                        reached(summary).unwrap_or_default(),
                        format!("{}-{}", summary.level_range[0], summary.level_range[1]),
                        top(summary).join(";"),
                        String::new(),
                    ),
                    Err(message) => (String::new(), String::new(), String::new(), String::new(), message.clone()),
                };
                let cells = carried_cells.iter().map(String::as_str).chain([
                    level.as_str(),
                    reached.as_str(),
                    range.as_str(),
                    recommendations.as_str(),
                    error.as_str(),
                ]);
                write_csv_line(&mut self.out, cells)
            }
        }
    }

    fn write_header(&mut self) -> io::Result<()> {
        let mut header: Vec<&str> = self.csv_header.iter().flatten().map(String::as_str).collect();
        header.extend(["level", "reached", "level_range", "recommendations", "error"]);
        write_csv_line(&mut self.out, header.iter().copied())?;
        self.wrote_header = true;
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        if self.format == RowFormat::Csv && !self.wrote_header {
            self.write_header()?;
        }
        self.out.flush()
    }
}

/// One CSV record, quoted where needed (RFC 4180).
fn write_csv_line<'a>(out: &mut impl Write, cells: impl Iterator<Item = &'a str>) -> io::Result<()> {
    let mut first = true;
    for cell in cells {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        if cell.contains([',', '"', '\n', '\r']) {
            out.write_all(b"\"")?;
            out.write_all(cell.replace('"', "\"\"").as_bytes())?;
            out.write_all(b"\"")?;
        } else {
            out.write_all(cell.as_bytes())?;
        }
    }
    out.write_all(b"\n")
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
