//! `smartlib batch`: score one profile a row from JSON Lines or CSV, in input order.
//!
//! The core reads every row (what each column means, what each cell says: the same rules as
//! every other front end). The run is a pipeline: one reader cuts the input into chunks of rows
//! ([`chunks`], over the bounded row readers of [`rows`]); the core's batch kernel hands each
//! chunk to a worker (`--jobs`, one a core), which parses, scores and writes its rows into
//! bytes ([`json`], [`mod@write`]); this thread puts the chunks out in input order. At most two
//! chunks a worker are in flight, so memory stays flat however long the file is, and the
//! output is the same bytes whatever the number of workers. A bad row becomes an output row
//! with an `error` and a message on stderr naming its line; the others carry on, and the
//! command exits 1 at the end if any row failed. A problem with the columns themselves (a name
//! one typo away from a program id, no program column) refuses the file.

mod chunks;
mod json;
mod rows;
mod write;

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::iter;
use std::mem;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use smartlib::{BatchError, BatchOptions, Catalog, Cell, Columns, Echo, Summary, Worker};

use self::chunks::{Buffers, ChunkLimits, LineChunk, LineChunks, RecordChunk, RecordChunks};
use self::json::{Json, Pairs, read_pairs};
use self::rows::{BOM, Fields, Lines, MAX_ROW_TEXT, Record, Records};
use self::write::{
    Carried, Ids, KeyOrder, Outcome, RowWriter, Written, csv_record, json_cell, json_object, spool_line,
};
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
    /// How many threads read, score and write rows (default: one a core). The output is the
    /// same whatever the number.
    #[arg(long, short, value_name = "N")]
    pub(crate) jobs: Option<NonZeroUsize>,
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
    let mut options = BatchOptions::new(top);
    if let Some(jobs) = args.jobs {
        options = options.with_threads(jobs.get());
    }
    let input = Input {
        name: if stdin { "standard input".to_owned() } else { args.file.display().to_string() },
        catalog,
        ids: Ids::new(catalog),
        options,
        limits: ChunkLimits::DEFAULT,
        buffers: Buffers::default(),
        carry,
        output: output_name.clone(),
    };
    let out = BufWriter::with_capacity(1 << 16, output);
    let output_format = args.format.unwrap_or(input_format);
    let mut counts = Counts::default();
    let outcome = input.run(reader, input_format, output_format, out, &mut io::stderr(), &mut counts);
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let out = outcome?;
    out.into_inner().map_err(|error| Failure::Io { path: output_name, error: error.into_error() })?.commit()?;
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
    ids: Ids<'a>,
    options: BatchOptions,
    limits: ChunkLimits,
    buffers: Buffers,
    /// `--carry`, when given.
    carry: Option<Vec<String>>,
    /// The output's name, for messages.
    output: String,
}

/// How a worker writes rows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Jsonl,
    /// CSV with its carried columns known up front.
    Csv,
    /// CSV from JSON Lines, its carried columns the union of every row's keys.
    Union,
}

/// What a worker made of a chunk: the rows written, the messages for their errors, and why the
/// run stops after them, if it does.
struct Done {
    written: Written,
    messages: Vec<u8>,
    rows: u64,
    failed: u64,
    end: Option<End>,
}

/// Why a run stops after a chunk.
enum End {
    /// A problem with a JSON line's keys, which refuses the whole file.
    Refused { line: u64, error: smartlib::Error },
    /// A failed read.
    ReadFailed(io::Error),
}

impl Done {
    fn new(bytes: Vec<u8>) -> Done {
        let written = Written { bytes, keys: Vec::new() };
        Done { written, messages: Vec::new(), rows: 0, failed: 0, end: None }
    }

    /// Counts a row, and an error row's message for stderr.
    fn count(&mut self, name: &str, line: u64, outcome: Outcome<'_>) {
        self.rows += 1;
        if let Err(message) = outcome {
            self.failed += 1;
            let _ = writeln!(self.messages, "{name}:{line}: {message}");
        }
    }
}

impl Input<'_> {
    /// Reads, scores and writes every row: one reader cuts the input into chunks, the engine's
    /// batch workers read, score and write each chunk into bytes, and the chunks go out in
    /// input order. Error rows' messages go to `messages`.
    fn run<W: Write>(
        &self,
        reader: impl BufRead + Send,
        input: RowFormat,
        output: RowFormat,
        out: W,
        messages: &mut dyn Write,
        counts: &mut Counts,
    ) -> Result<W, Failure> {
        match input {
            RowFormat::Csv => self.csv(reader, output, out, messages, counts),
            RowFormat::Jsonl => self.jsonl(reader, output, out, messages, counts),
        }
    }

    /// What a worker writes a chunk of `read` bytes into: about as many bytes again, and the
    /// results.
    fn done(&self, read: usize) -> Done {
        let mut bytes = self.buffers.bytes();
        bytes.reserve(read + read / 2);
        Done::new(bytes)
    }

    fn write_failed(&self, error: io::Error) -> Failure {
        Failure::Io { path: self.output.clone(), error }
    }

    /// The writer's side of the pipeline: each chunk, in input order.
    fn emit<W: Write>(
        &self,
        writer: &mut RowWriter<W>,
        counts: &mut Counts,
        messages: &mut dyn Write,
        done: Done,
    ) -> Result<(), Failure> {
        counts.rows += done.rows;
        counts.failed += done.failed;
        // As `eprintln!` would, but one write a chunk; a closed stderr stops nothing.
        let _ = messages.write_all(&done.messages);
        writer.write(&done.written).map_err(|error| self.write_failed(error))?;
        self.buffers.give_bytes(done.written.bytes);
        match done.end {
            None => Ok(()),
            Some(End::Refused { line, error }) => Err(Failure::Usage(format!("{}:{line}: {error}", self.name))),
            Some(End::ReadFailed(error)) => Err(Failure::Io { path: self.name.clone(), error }),
        }
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

    /// The engine's options for chunks that arrive whole: each is a unit of work.
    fn chunk_options(&self) -> BatchOptions {
        self.options.with_chunk(1)
    }

    /// JSON Lines: one object a line; blank lines are skipped but still counted for line numbers.
    fn jsonl<W: Write>(
        &self,
        reader: impl BufRead + Send,
        format: RowFormat,
        out: W,
        messages: &mut dyn Write,
        counts: &mut Counts,
    ) -> Result<W, Failure> {
        let (mut writer, layout) = match (format, &self.carry) {
            (RowFormat::Csv, None) => (RowWriter::union(out).map_err(|e| self.write_failed(e))?, Layout::Union),
            (RowFormat::Csv, Some(names)) => (RowWriter::csv(out, names.clone()), Layout::Csv),
            (RowFormat::Jsonl, _) => (RowWriter::jsonl(out), Layout::Jsonl),
        };
        let chunks = LineChunks::new(Lines::new(reader), self.limits, &self.buffers);
        let outcome = self.catalog.summarize_many(
            chunks,
            self.chunk_options(),
            |worker, chunk| self.json_chunk(worker, chunk, layout),
            |done| self.emit(&mut writer, counts, messages, done),
        );
        self.finished(outcome)?;
        writer.finish().map_err(|error| self.write_failed(error))
    }

    fn json_chunk(&self, worker: &mut Worker<'_>, mut chunk: LineChunk, layout: Layout) -> Done {
        let mut out = JsonOut::new(self.done(chunk.bytes()), layout);
        let mut pairs = Pairs::new();
        for (row, line, bytes) in chunk.lines() {
            out.line = line;
            if let Err(error) = self.json_row(worker, row, bytes, &mut pairs, &mut out) {
                out.done.end = Some(End::Refused { line, error });
                break;
            }
        }
        if out.done.end.is_none() {
            out.done.end = chunk.error.take().map(End::ReadFailed);
        }
        chunk.recycle(&self.buffers);
        out.done
    }

    /// Reads, scores and writes one line; an error about its keys refuses the file.
    fn json_row<'c>(
        &self,
        worker: &mut Worker<'_>,
        row: usize,
        bytes: Option<&'c [u8]>,
        pairs: &mut Pairs<'c>,
        out: &mut JsonOut,
    ) -> Result<(), smartlib::Error> {
        let Some(bytes) = bytes else {
            let message = format!("row {row}: longer than {MAX_ROW_TEXT}, the most one row may hold");
            self.json_out(out, &[], iter::empty(), Err(&message));
            return Ok(());
        };
        let bytes = match bytes.strip_prefix(BOM) {
            Some(rest) if out.line == 1 => rest,
            Some(_) => {
                let message = format!(
                    "row {row}: starts with a byte-order mark, which belongs only at the start of a file (were two files joined?)"
                );
                self.json_out(out, &[], iter::empty(), Err(&message));
                return Ok(());
            }
            None => bytes,
        };
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                // The keys that can still be read are carried, so the error row keeps its id.
                let lossy = String::from_utf8_lossy(bytes);
                let mut lossy_pairs = Pairs::new();
                let columns = read_pairs(&lossy, &mut lossy_pairs).ok().and_then(|()| {
                    let names: Vec<&str> = lossy_pairs.iter().map(|(key, _)| key.as_ref()).collect();
                    worker.loose_columns(&names).ok()
                });
                let at = error.valid_up_to() + 1;
                let message = format!("row {row}: not valid UTF-8 (byte {at} of the line)");
                match &columns {
                    Some(columns) => self.json_out(out, &lossy_pairs, columns.carried(), Err(&message)),
                    None => self.json_out(out, &[], iter::empty(), Err(&message)),
                }
                return Ok(());
            }
        };
        if let Err(error) = read_pairs(text, pairs) {
            let message = format!("row {row}: not a JSON object: {error}");
            self.json_out(out, &[], iter::empty(), Err(&message));
            return Ok(());
        }
        let mut names: Vec<&str> = reuse(mem::take(&mut out.names));
        names.extend(pairs.iter().map(|(key, _)| key.as_ref()));
        let columns = worker.loose_columns(&names);
        out.names = reuse(names);
        let columns = columns?;
        let mut cells: Vec<Cell<'_>> = reuse(mem::take(&mut out.cells));
        cells.extend(pairs.iter().map(|(_, value)| value.cell()));
        let result = worker.summarize_row_into(&columns, row, &cells, &mut out.summary);
        out.cells = reuse(cells);
        // Out of `out` while `out` takes the row, and back for the next row's lists.
        let summary = mem::take(&mut out.summary);
        let message = result.err().map(|error| error.to_string());
        let outcome = match &message {
            None => Ok(&summary),
            Some(message) => Err(message.as_str()),
        };
        self.json_out(out, pairs, columns.carried(), outcome);
        out.summary = summary;
        Ok(())
    }

    /// Writes a JSON line's row: `--carry`'s keys when given, else the keys the engine reads
    /// as carried (`carried`, positions in `pairs`; none for a line that could not be read).
    fn json_out(
        &self,
        out: &mut JsonOut,
        pairs: &[(Cow<'_, str>, Json<'_>)],
        carried: impl Iterator<Item = usize>,
        outcome: Outcome<'_>,
    ) {
        let mut entries: Vec<(&str, Carried<'_>)> = reuse(mem::take(&mut out.carried));
        match &self.carry {
            Some(names) => entries.extend(
                names
                    .iter()
                    .filter_map(|name| pairs.iter().find(|(key, _)| key == name))
                    .map(|(key, value)| (key.as_ref(), Carried::Json(value))),
            ),
            None => {
                entries.extend(carried.map(|position| (pairs[position].0.as_ref(), Carried::Json(&pairs[position].1))))
            }
        }
        out.done.count(&self.name, out.line, outcome);
        let bytes = &mut out.done.written.bytes;
        match out.layout {
            Layout::Jsonl => json_object(bytes, &entries, outcome, &self.ids, &mut out.order),
            Layout::Csv => {
                let names = self.carry.as_deref().unwrap_or_default();
                let value = |name: &String| {
                    entries.iter().find(|(key, _)| key == name).and_then(|(_, value)| match value {
                        Carried::Json(value) => Some(*value),
                        Carried::Text(_) => None,
                    })
                };
                let cells: Vec<Cow<'_, str>> = names.iter().map(|name| json_cell(value(name))).collect();
                csv_record(bytes, cells.iter().map(Cow::as_ref), false, outcome, &self.ids);
            }
            Layout::Union => {
                spool_line(bytes, &entries, outcome, &self.ids, &mut out.order);
                // A map's keys in its order: sorted.
                let mut keys: Vec<&str> = entries.iter().map(|&(key, _)| key).collect();
                keys.sort_unstable();
                keys.dedup();
                for key in keys {
                    if !out.seen.contains(key) {
                        out.seen.insert(key.to_owned());
                        out.done.written.keys.push(key.to_owned());
                    }
                }
            }
        }
        out.carried = reuse(entries);
    }

    fn csv<W: Write>(
        &self,
        reader: impl BufRead + Send,
        format: RowFormat,
        out: W,
        messages: &mut dyn Write,
        counts: &mut Counts,
    ) -> Result<W, Failure> {
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
        let names: Vec<String> = carried.iter().map(|&c| header[c].clone()).collect();
        let (mut writer, layout) = match format {
            RowFormat::Csv => (RowWriter::csv(out, names.clone()), Layout::Csv),
            RowFormat::Jsonl => (RowWriter::jsonl(out), Layout::Jsonl),
        };
        let table = Table { columns: &columns, header: &header, carried: &carried, names: &names, layout };
        let chunks = RecordChunks::new(records, self.limits, &self.buffers);
        let outcome = self.catalog.summarize_many(
            chunks,
            self.chunk_options(),
            |worker, chunk| self.csv_chunk(worker, chunk, &table),
            |done| self.emit(&mut writer, counts, messages, done),
        );
        self.finished(outcome)?;
        writer.finish().map_err(|error| self.write_failed(error))
    }

    fn csv_chunk(&self, worker: &mut Worker<'_>, mut chunk: RecordChunk, table: &Table<'_>) -> Done {
        let mut done = self.done(chunk.bytes());
        let mut summary = Summary::default();
        let mut order = KeyOrder::default();
        let (mut texts, mut cells, mut carried) = (Vec::new(), Vec::new(), Vec::new());
        for (row, line, fields) in chunk.records() {
            carried.clear();
            let Some(fields) = fields else {
                let message = format!("row {row}: longer than {MAX_ROW_TEXT}, the most one row may hold");
                carried.extend(table.carried.iter().map(|_| Cow::Borrowed("")));
                self.csv_out(&mut done, table, line, (&carried, true), Err(&message), &mut order);
                continue;
            };
            let result = match fields.texts(&mut texts) {
                Ok(()) => {
                    carried.extend(table.carried.iter().map(|&c| Cow::Borrowed(texts.get(c).copied().unwrap_or(""))));
                    cells.clear();
                    cells.extend(texts.iter().map(|text| Cell::Text(text)));
                    worker
                        .summarize_row_into(table.columns, row, &cells, &mut summary)
                        .map_err(|error| error.to_string())
                }
                Err(index) => {
                    let lossy = |&c| fields.get(c).map(String::from_utf8_lossy).unwrap_or_default();
                    carried.extend(table.carried.iter().map(lossy));
                    Err(format!("row {row}, column {}: not valid UTF-8", ColumnName(table.header.get(index), index)))
                }
            };
            let outcome = match &result {
                Ok(()) => Ok(&summary),
                Err(message) => Err(message.as_str()),
            };
            self.csv_out(&mut done, table, line, (&carried, !fields.quoted), outcome, &mut order);
        }
        done.end = chunk.error.take().map(End::ReadFailed);
        chunk.recycle(&self.buffers);
        done
    }

    fn csv_out(
        &self,
        done: &mut Done,
        table: &Table<'_>,
        line: u64,
        carried: (&[Cow<'_, str>], bool),
        outcome: Outcome<'_>,
        order: &mut KeyOrder,
    ) {
        // Whether the carried cells are known to need no quotes.
        let (carried, plain) = carried;
        done.count(&self.name, line, outcome);
        let bytes = &mut done.written.bytes;
        match table.layout {
            Layout::Jsonl => {
                let entries: Vec<(&str, Carried<'_>)> = table
                    .names
                    .iter()
                    .map(String::as_str)
                    .zip(carried.iter().map(|cell| Carried::Text(cell)))
                    .collect();
                json_object(bytes, &entries, outcome, &self.ids, order);
            }
            Layout::Csv | Layout::Union => {
                csv_record(bytes, carried.iter().map(Cow::as_ref), plain, outcome, &self.ids)
            }
        }
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

/// Where a chunk's JSON lines go, and what their rows reuse.
struct JsonOut {
    done: Done,
    /// The line being written.
    line: u64,
    layout: Layout,
    /// For a union of keys: the keys the chunk has met.
    seen: HashSet<String>,
    order: KeyOrder,
    summary: Summary,
    /// Lists whose items borrow one row, kept empty between rows for their allocations.
    names: Vec<&'static str>,
    cells: Vec<Cell<'static>>,
    carried: Vec<(&'static str, Carried<'static>)>,
}

impl JsonOut {
    fn new(done: Done, layout: Layout) -> JsonOut {
        JsonOut {
            done,
            line: 0,
            layout,
            seen: HashSet::new(),
            order: KeyOrder::default(),
            summary: Summary::default(),
            names: Vec::new(),
            cells: Vec::new(),
            carried: Vec::new(),
        }
    }
}

/// An empty list in the same allocation, its items free to borrow for another lifetime: rows
/// whose items borrow the row then share one allocation. (Collecting a vector's own iterator
/// into items of the same size reuses its allocation.)
pub(crate) fn reuse<T, U>(mut list: Vec<T>) -> Vec<U> {
    list.clear();
    list.into_iter().filter_map(|_| None).collect()
}

/// What every row of a CSV input shares.
struct Table<'t> {
    columns: &'t Columns,
    header: &'t [String],
    /// The carried columns' positions, and their names.
    carried: &'t [usize],
    names: &'t [String],
    layout: Layout,
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What a run gives: its output, its messages, its counts and its failure, if any.
    type Ran = (Vec<u8>, String, u64, u64, Option<String>);

    fn run(
        input: &[u8],
        format: RowFormat,
        output: RowFormat,
        carry: Option<&str>,
        jobs: usize,
        limits: ChunkLimits,
    ) -> Ran {
        let catalog = smartlib::default_catalog();
        let input_name = "rows";
        let batch = Input {
            name: input_name.to_owned(),
            catalog: &catalog,
            ids: Ids::new(&catalog),
            options: BatchOptions::new(3).with_threads(jobs),
            limits,
            buffers: Buffers::default(),
            carry: carry.map(|names| names.split(',').map(str::to_owned).collect()),
            output: "out".to_owned(),
        };
        let (mut messages, mut counts) = (Vec::new(), Counts::default());
        let outcome = batch.run(input, format, output, Vec::new(), &mut messages, &mut counts);
        let (out, failure) = match outcome {
            Ok(out) => (out, None),
            Err(failure) => (Vec::new(), Some(failure.to_string())),
        };
        (out, String::from_utf8(messages).expect("utf-8"), counts.rows, counts.failed, failure)
    }

    /// One thread and chunks of one row against every thread count and chunk size tried.
    fn same_whatever_the_threads_and_chunks(input: &[u8], format: RowFormat) {
        for output in [RowFormat::Jsonl, RowFormat::Csv] {
            for carry in [None, Some("id,state")] {
                let one = run(input, format, output, carry, 1, ChunkLimits { rows: 1, bytes: 1 });
                let (rows, failed) = (one.2, one.3);
                assert!(one.4.is_none() && failed > 0 && rows > failed, "{rows} rows, {failed} failed: {:?}", one.4);
                for (jobs, rows, bytes) in [(1, 1024, 1 << 20), (2, 3, 1 << 20), (8, 2, 64), (8, 1024, 1 << 20)] {
                    let many = run(input, format, output, carry, jobs, ChunkLimits { rows, bytes });
                    assert_eq!(many, one, "{output:?} {carry:?}, {jobs} jobs, chunks of {rows} rows or {bytes} bytes");
                }
            }
        }
    }

    /// JSON Lines of every kind: rows that score, error rows, blank lines, a byte-order mark,
    /// CRLF, bad bytes, escapes, key sets that change.
    fn mixed_lines(rows: usize) -> Vec<u8> {
        let mut text = b"\xef\xbb\xbf".to_vec();
        for n in 0..rows {
            let line = match n % 13 {
                0 => format!(r#"{{"id":"lib-{n}","offers":["computer-labs","wifi-access"],"state":"NY"}}"#),
                1 => format!(r#"{{"id":"lib-{n}","offers":[],"goals":["ict-users"],"budget":"low"}}"#),
                2 => "not json".to_owned(),
                3 => String::new(),
                4 => format!(r#"{{"id":"l\u0069b-{n}","offers":["makerspaces"],"state":"a,\"b\"\nc"}}"#),
                5 => format!(r#"{{"id":"lib-{n}","offers":["no-such-program"],"state":null}}"#),
                6 => format!(
                    r#"{{"id":{n},"offers":"computer-labs;wifi-access","state":[1,{{"z":1,"a":2}}],"level":"kept?"}}"#
                ),
                7 => format!(r#"{{"id":"lib-{n}","offers":["computer-labs"],"budget":"huge","state":1.5e3}}"#),
                8 => "[1,2]".to_owned(),
                9 => format!(r#"{{"id":"lib-{n}","offers":["digital-resources"],"extra":"x"}}"#),
                10 => "  ".to_owned(),
                11 => format!("{{\"id\":\"lib-{n}\",\"offers\":[]}}\r"),
                _ => format!(r#"{{"offers":["computer-labs"],"id":"lib-{n}","state":"é"}}"#),
            };
            text.extend(line.as_bytes());
            text.push(b'\n');
        }
        text.extend(b"{\"id\":\"bad\xff\",\"offers\":[]}\n\xef\xbb\xbf{\"id\":\"bom\",\"offers\":[]}\n");
        text
    }

    fn mixed_records(rows: usize) -> Vec<u8> {
        let mut text = b"\xef\xbb\xbfid,state,offers,goals,budget\r\n".to_vec();
        for n in 0..rows {
            let record: &[u8] = match n % 9 {
                0 => b"lib,NY,computer-labs;wifi-access,,low",
                1 => b"lib,\"a,\"\"b\"\"\nc\",makerspaces,ict-users,",
                2 => b"lib,too few",
                3 => b"lib,NY,,,huge",
                4 => b"l\xffb,NY,computer-labs,,",
                5 => b"lib,NY,computer-labs,,,one too many",
                6 => b"",
                7 => b"lib,\xc3\xa9,no-such-program,,",
                _ => b"lib,CA,digital-resources,,medium\r",
            };
            text.extend(record);
            text.extend(if n % 2 == 0 { &b"\n"[..] } else { b"\r\n" });
        }
        text
    }

    #[test]
    fn a_reused_list_keeps_its_allocation() {
        let text = String::from("a row");
        let mut cells: Vec<Cell<'_>> = Vec::with_capacity(64);
        cells.push(Cell::Text(&text));
        let spare: Vec<Cell<'static>> = reuse(cells);
        drop(text);
        assert!(spare.is_empty() && spare.capacity() == 64, "{}", spare.capacity());
    }

    #[test]
    fn json_lines_come_out_the_same_whatever_the_threads_and_chunks() {
        same_whatever_the_threads_and_chunks(&mixed_lines(500), RowFormat::Jsonl);
    }

    #[test]
    fn csv_comes_out_the_same_whatever_the_threads_and_chunks() {
        same_whatever_the_threads_and_chunks(&mixed_records(500), RowFormat::Csv);
    }

    #[test]
    fn a_refused_key_set_stops_the_run_at_its_line_whatever_the_threads() {
        let mut input = mixed_lines(300);
        input.extend(b"{\"id\":\"x\",\"ofers\":[]}\n");
        input.extend(mixed_lines(300));
        let one = run(&input, RowFormat::Jsonl, RowFormat::Jsonl, None, 1, ChunkLimits { rows: 1, bytes: 1 });
        assert_eq!(one.4.as_deref().map(|failure| failure.starts_with("rows:303: ")), Some(true), "{:?}", one.4);
        for jobs in [2, 8] {
            let many =
                run(&input, RowFormat::Jsonl, RowFormat::Jsonl, None, jobs, ChunkLimits { rows: 7, bytes: 1 << 20 });
            assert_eq!(many, one);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any mix of lines, any threads and chunk sizes: the output of one thread.
        #[test]
        fn any_lines_come_out_as_one_thread_writes_them(
            picks in proptest::collection::vec(0..14usize, 0..60),
            jobs in 2..9usize,
            rows in 1..6usize,
            bytes in 1..400usize,
        ) {
            let pieces = mixed_lines(14);
            let lines: Vec<&[u8]> = pieces.split_inclusive(|&byte| byte == b'\n').collect();
            let input: Vec<u8> = picks.iter().flat_map(|&pick| lines[pick % lines.len()].iter().copied()).collect();
            for output in [RowFormat::Jsonl, RowFormat::Csv] {
                let one = run(&input, RowFormat::Jsonl, output, None, 1, ChunkLimits::DEFAULT);
                let many = run(&input, RowFormat::Jsonl, output, None, jobs, ChunkLimits { rows, bytes });
                prop_assert_eq!(many, one);
            }
        }
    }
}
