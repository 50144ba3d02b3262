//! `smartlib batch`: score one profile a row from JSON Lines or CSV, streaming, in input order.
//!
//! Rows are read, scored and written one at a time, so memory stays flat however long the file
//! is. A bad row becomes an output row with an `error` and a message on stderr naming its line;
//! the others carry on, and the command exits 1 at the end if any row failed.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Map, Value};
use smartlib::{Catalog, Profile, ResolvedProfile, Status, Summary};

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

/// Profile fields a JSON line may hold; every other key is carried to the output unchanged.
const PROFILE_KEYS: [&str; 8] =
    ["offers", "piloting", "planned", "unknown", "goals", "constraints", "partners", "content_version"];

/// The outcome of one row.
type Scored = Result<Summary, String>;

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
    let output_format = args.format.unwrap_or(input_format);
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
    let mut writer = RowWriter::new(output_format, BufWriter::with_capacity(1 << 16, sink));
    let scorer = Scorer { catalog, top: args.top };
    let origin = args.file.display().to_string();
    let counts = match input_format {
        RowFormat::Jsonl => jsonl(reader, &scorer, &mut writer, &origin),
        RowFormat::Csv => csv_rows(reader, &scorer, &mut writer, &origin),
    };
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let (rows, failed) = counts?;
    writer.finish().map_err(|e| output_failure(args, e))?;
    if failed > 0 {
        eprintln!("smartlib: {failed} of {rows} rows failed (see the messages above and the error column)");
    }
    Ok(failed)
}

fn output_failure(args: &BatchArgs, error: io::Error) -> Failure {
    match &args.output {
        Some(path) => Failure::io(path, error),
        None => Failure::Io { path: "standard output".to_owned(), error },
    }
}

struct Scorer<'a> {
    catalog: &'a Catalog,
    top: usize,
}

impl Scorer<'_> {
    fn profile(&self, profile: &Profile) -> Scored {
        let resolved = self.catalog.resolve(profile).map_err(|e| e.to_string())?;
        self.resolved(&resolved)
    }

    fn resolved(&self, resolved: &ResolvedProfile) -> Scored {
        self.catalog.summarize(resolved, self.top).map_err(|e| e.to_string())
    }
}

/// JSON Lines: one object a line; blank lines are skipped but still counted.
fn jsonl(
    reader: impl BufRead,
    scorer: &Scorer<'_>,
    writer: &mut RowWriter,
    origin: &str,
) -> Result<(u64, u64), Failure> {
    let (mut rows, mut failed) = (0u64, 0u64);
    for (index, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Failure::Io { path: origin.to_owned(), error: e })?;
        if line.trim().is_empty() {
            continue;
        }
        rows += 1;
        let (carried, scored) = match serde_json::from_str::<Map<String, Value>>(&line) {
            Ok(mut object) => {
                let mut profile_fields = Map::new();
                for key in PROFILE_KEYS {
                    if let Some(value) = object.remove(key) {
                        profile_fields.insert(key.to_owned(), value);
                    }
                }
                if let Some(name) = object.get("name") {
                    profile_fields.insert("name".to_owned(), name.clone());
                }
                let scored = profile_from_fields(profile_fields).and_then(|profile| scorer.profile(&profile));
                (Carried::Json(object), scored)
            }
            Err(error) => (Carried::Json(Map::new()), Err(format!("not a JSON object: {error}"))),
        };
        if let Err(message) = &scored {
            failed += 1;
            eprintln!("{origin}:{}: {message}", index + 1);
        }
        writer
            .write(&carried, &scored, scorer.catalog)
            .map_err(|e| Failure::Io { path: "output".to_owned(), error: e })?;
    }
    Ok((rows, failed))
}

fn profile_from_fields(fields: Map<String, Value>) -> Result<Profile, String> {
    serde_json::from_value(Value::Object(fields)).map_err(|error| format!("bad profile: {error}"))
}

/// How a CSV file says what a library offers.
enum CsvLayout {
    /// An `offers` column of ids separated by `;` (and optional status, goal and budget columns).
    Lists { columns: Vec<(usize, ListColumn)> },
    /// One column per program id holding true/false/1/0/yes/no or a status; blank = unknown.
    PerProgram { columns: Vec<(usize, usize)>, extra: Vec<(usize, ListColumn)> },
}

#[derive(Clone, Copy)]
enum ListColumn {
    Offers,
    Piloting,
    Planned,
    Unknown,
    Goals,
    Budget,
    Staff,
    Space,
}

impl ListColumn {
    fn from_header(header: &str) -> Option<ListColumn> {
        Some(match header {
            "offers" => ListColumn::Offers,
            "piloting" => ListColumn::Piloting,
            "planned" => ListColumn::Planned,
            "unknown" => ListColumn::Unknown,
            "goals" => ListColumn::Goals,
            "budget" => ListColumn::Budget,
            "staff" => ListColumn::Staff,
            "space" => ListColumn::Space,
            _ => return None,
        })
    }
}

fn csv_rows(
    reader: impl Read,
    scorer: &Scorer<'_>,
    writer: &mut RowWriter,
    origin: &str,
) -> Result<(u64, u64), Failure> {
    let mut csv = csv::ReaderBuilder::new().flexible(false).from_reader(reader);
    let headers =
        csv.headers().map_err(|e| Failure::Usage(format!("{origin}: cannot read the CSV header: {e}")))?.clone();
    let catalog = scorer.catalog;
    let mut carried_columns = Vec::new();
    let mut lists = Vec::new();
    let mut programs = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        let header = header.trim();
        if let Some(kind) = ListColumn::from_header(header) {
            lists.push((column, kind));
        } else if let Some(program) = catalog.program_index(header) {
            programs.push((column, program));
        } else {
            // A column one or two typos away from a program id is most likely meant as one.
            let near = smartlib::suggest::nearest_str(header, catalog.programs().iter().map(|p| p.id.as_ref()));
            if let Some(near) = near.filter(|near| strsim::damerau_levenshtein(header, near) <= 2) {
                eprintln!(
                    "{origin}: note: column \"{header}\" is not a program id (did you mean \"{near}\"?); carried through unchanged"
                );
            }
            carried_columns.push(column);
        }
    }
    let has_offers = lists.iter().any(|(_, kind)| matches!(kind, ListColumn::Offers));
    let layout = if has_offers {
        CsvLayout::Lists { columns: lists }
    } else if !programs.is_empty() {
        CsvLayout::PerProgram { columns: programs, extra: lists }
    } else {
        return Err(Failure::Usage(format!(
            "{origin}: the header has neither an \"offers\" column nor a column named after a program id (such as \"computer-labs\")"
        )));
    };
    writer.set_csv_header(carried_columns.iter().map(|&c| headers[c].to_owned()).collect());

    let (mut rows, mut failed) = (0u64, 0u64);
    let mut record = csv::StringRecord::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                rows += 1;
                failed += 1;
                let line = error.position().map_or(0, csv::Position::line);
                eprintln!("{origin}:{line}: {error}");
                writer.write(&Carried::Csv(Vec::new()), &Err(error.to_string()), catalog).map_err(output_io)?;
                continue;
            }
        }
        rows += 1;
        let line = record.position().map_or(0, csv::Position::line);
        let scored = match &layout {
            CsvLayout::Lists { columns } => csv_profile(&record, columns).and_then(|profile| scorer.profile(&profile)),
            CsvLayout::PerProgram { columns, extra } => {
                csv_resolved(&record, &headers, columns, extra, catalog).and_then(|resolved| scorer.resolved(&resolved))
            }
        };
        if let Err(message) = &scored {
            failed += 1;
            eprintln!("{origin}:{line}: {message}");
        }
        let carried = Carried::Csv(carried_columns.iter().map(|&c| record.get(c).unwrap_or("").to_owned()).collect());
        writer.write(&carried, &scored, catalog).map_err(output_io)?;
    }
    Ok((rows, failed))
}

fn output_io(error: io::Error) -> Failure {
    Failure::Io { path: "output".to_owned(), error }
}

fn split_ids(cell: &str) -> Vec<String> {
    cell.split(';').map(str::trim).filter(|id| !id.is_empty()).map(str::to_owned).collect()
}

fn scale(cell: &str, column: &str) -> Result<Option<smartlib::Scale>, String> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "low" => Ok(Some(smartlib::Scale::Low)),
        "medium" => Ok(Some(smartlib::Scale::Medium)),
        "high" => Ok(Some(smartlib::Scale::High)),
        other => Err(format!("column \"{column}\": \"{other}\" is not low, medium or high")),
    }
}

fn apply_lists(
    profile: &mut Profile,
    record: &csv::StringRecord,
    columns: &[(usize, ListColumn)],
) -> Result<(), String> {
    for &(column, kind) in columns {
        let cell = record.get(column).unwrap_or("");
        match kind {
            ListColumn::Offers => profile.offers = split_ids(cell),
            ListColumn::Piloting => profile.piloting = split_ids(cell),
            ListColumn::Planned => profile.planned = split_ids(cell),
            ListColumn::Unknown => profile.unknown = split_ids(cell),
            ListColumn::Goals => profile.goals = split_ids(cell),
            ListColumn::Budget => profile.constraints.budget = scale(cell, "budget")?,
            ListColumn::Staff => profile.constraints.staff = scale(cell, "staff")?,
            ListColumn::Space => profile.constraints.space = scale(cell, "space")?,
        }
    }
    Ok(())
}

fn csv_profile(record: &csv::StringRecord, columns: &[(usize, ListColumn)]) -> Result<Profile, String> {
    let mut profile = Profile::default();
    apply_lists(&mut profile, record, columns)?;
    Ok(profile)
}

/// A row of per-program cells, resolved directly into bit sets (no id lookups per row).
fn csv_resolved(
    record: &csv::StringRecord,
    headers: &csv::StringRecord,
    columns: &[(usize, usize)],
    extra: &[(usize, ListColumn)],
    catalog: &Catalog,
) -> Result<ResolvedProfile, String> {
    let mut resolved = if extra.is_empty() {
        catalog.blank_profile()
    } else {
        // Goals and constraints come in through the ordinary profile path.
        let mut profile = Profile::default();
        apply_lists(&mut profile, record, extra)?;
        catalog.resolve(&profile).map_err(|e| e.to_string())?
    };
    // Programs without a column are unknown: the survey did not observe them.
    let mut seen = vec![false; catalog.programs().len()];
    for &(column, program) in columns {
        let cell = record.get(column).unwrap_or("");
        let status = cell_status(cell).ok_or_else(|| {
            format!(
                "column \"{}\": \"{cell}\" is not a status (use true/false, 1/0, yes/no, offered, piloting, planned, not-offered, unknown, or leave it blank)",
                &headers[column]
            )
        })?;
        resolved.set_status(program, status).map_err(|e| e.to_string())?;
        seen[program] = true;
    }
    for (program, seen) in seen.into_iter().enumerate() {
        if !seen && resolved.status(program) == Status::NotOffered {
            resolved.set_status(program, Status::Unknown).map_err(|e| e.to_string())?;
        }
    }
    Ok(resolved)
}

fn cell_status(cell: &str) -> Option<Status> {
    Some(match cell.trim().to_ascii_lowercase().as_str() {
        "" | "unknown" | "?" | "na" | "n/a" => Status::Unknown,
        "true" | "1" | "yes" | "y" | "offered" => Status::Offered,
        "false" | "0" | "no" | "n" | "not-offered" => Status::NotOffered,
        "piloting" => Status::Piloting,
        "planned" => Status::Planned,
        _ => return None,
    })
}

/// The input columns or keys that pass through to the output.
enum Carried {
    Json(Map<String, Value>),
    Csv(Vec<String>),
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

    fn write(&mut self, carried: &Carried, scored: &Scored, catalog: &Catalog) -> io::Result<()> {
        let top = |summary: &Summary| -> Vec<&str> {
            summary.top.iter().map(|&p| catalog.programs()[p].id.as_ref()).collect()
        };
        let reached = |summary: &Summary| summary.level.checked_sub(1).map(|t| catalog.tiers()[t].id.to_string());
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
                    let mut header: Vec<&str> = self.csv_header.iter().flatten().map(String::as_str).collect();
                    header.extend(["level", "reached", "level_range", "recommendations", "error"]);
                    write_csv_line(&mut self.out, header.iter().copied())?;
                    self.wrote_header = true;
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

    fn finish(mut self) -> io::Result<()> {
        if self.format == RowFormat::Csv && !self.wrote_header {
            let mut header: Vec<&str> = self.csv_header.iter().flatten().map(String::as_str).collect();
            header.extend(["level", "reached", "level_range", "recommendations", "error"]);
            write_csv_line(&mut self.out, header.iter().copied())?;
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
