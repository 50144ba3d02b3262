//! Scored rows out, as CSV or JSON Lines whatever the input was. Every row, an error row too,
//! has the same columns: the carried ones, then `level`, `reached`, `level_range`,
//! `recommendations` and `error`.
//!
//! From JSON Lines to CSV without `--carry`, the carried columns are every key any row has
//! (the first row need not have them all), so rows wait in an unnamed temporary file until the
//! header is known: memory stays flat.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};

use serde_json::{Map, Value};
use smartlib::{Catalog, Summary};

use super::RowFormat;

/// The columns every output row ends with.
const RESULT_COLUMNS: [&str; 5] = ["level", "reached", "level_range", "recommendations", "error"];

/// One row as a worker hands it to the writer: its line, the columns it carries through, and
/// its summary or the message for its `error` column.
pub(crate) struct Scored {
    pub(crate) line: u64,
    pub(crate) carried: Carried,
    pub(crate) result: Result<Summary, String>,
}

/// The input columns or keys that pass through to the output.
pub(crate) enum Carried {
    /// A JSON line's carried keys and values.
    Json(Map<String, Value>),
    /// Cells in the order of the writer's carried names.
    Cells(Vec<String>),
}

/// Where the carried column names come from.
enum Names {
    /// Known before the first row: a CSV header or `--carry`.
    Known(Vec<String>),
    /// Every key seen so far, in order of first appearance; rows wait in `spool`.
    Union { keys: Vec<String>, seen: HashSet<String>, spool: BufWriter<File> },
}

pub(crate) struct RowWriter<W: Write> {
    format: RowFormat,
    out: W,
    names: Names,
    wrote_header: bool,
}

impl<W: Write> RowWriter<W> {
    /// A writer whose carried columns are `names`.
    pub(crate) fn new(format: RowFormat, out: W, names: Vec<String>) -> RowWriter<W> {
        RowWriter { format, out, names: Names::Known(names), wrote_header: false }
    }

    /// A CSV writer whose carried columns are every key of every row, named at the end.
    ///
    /// # Errors
    /// When no temporary file can be made.
    pub(crate) fn union(out: W) -> io::Result<RowWriter<W>> {
        let spool = BufWriter::with_capacity(1 << 16, tempfile::tempfile()?);
        let names = Names::Union { keys: Vec::new(), seen: HashSet::new(), spool };
        Ok(RowWriter { format: RowFormat::Csv, out, names, wrote_header: false })
    }

    pub(crate) fn write(&mut self, row: &Scored, catalog: &Catalog) -> io::Result<()> {
        match (self.format, &mut self.names) {
            (RowFormat::Jsonl, names) => {
                let mut object = match (&row.carried, names) {
                    (Carried::Json(map), _) => map.clone(),
                    (Carried::Cells(cells), Names::Known(names)) => {
                        names.iter().cloned().zip(cells.iter().cloned().map(Value::String)).collect()
                    }
                    (Carried::Cells(_), Names::Union { .. }) => Map::new(),
                };
                match &row.result {
                    Ok(summary) => {
                        object.insert("level".into(), summary.level.into());
                        object.insert("reached".into(), reached(summary, catalog).map_or(Value::Null, Value::String));
                        object.insert("level_range".into(), Value::from(summary.level_range.to_vec()));
                        object.insert("recommendations".into(), Value::from(top(summary, catalog)));
                    }
                    Err(message) => {
                        object.insert("error".into(), Value::String(message.clone()));
                    }
                }
                serde_json::to_writer(&mut self.out, &object)?;
                self.out.write_all(b"\n")
            }
            (RowFormat::Csv, Names::Union { keys, seen, spool }) => {
                // Only JSON Lines input gets a union writer; its rows always carry a map.
                let Carried::Json(map) = &row.carried else {
                    return Err(io::Error::other("a CSV row reached the JSON Lines union writer"));
                };
                for key in map.keys() {
                    if !seen.contains(key) {
                        seen.insert(key.clone());
                        keys.push(key.clone());
                    }
                }
                serde_json::to_writer(&mut *spool, &(map, result_cells(&row.result, catalog)))?;
                spool.write_all(b"\n")
            }
            (RowFormat::Csv, Names::Known(names)) => {
                let carried = match &row.carried {
                    Carried::Cells(cells) => cells.clone(),
                    Carried::Json(map) => names.iter().map(|name| json_cell(map.get(name))).collect(),
                };
                if !self.wrote_header {
                    write_header(&mut self.out, names)?;
                    self.wrote_header = true;
                }
                let result = result_cells(&row.result, catalog);
                write_csv_line(&mut self.out, carried.iter().chain(&result).map(String::as_str))
            }
        }
    }

    /// Writes what waited (the header, the spooled rows) and flushes.
    pub(crate) fn finish(mut self) -> io::Result<W> {
        match (self.format, self.names) {
            (RowFormat::Csv, Names::Union { keys, spool, .. }) => {
                write_header(&mut self.out, &keys)?;
                let mut spool = spool.into_inner().map_err(io::IntoInnerError::into_error)?;
                spool.rewind()?;
                for line in BufReader::with_capacity(1 << 16, spool).lines() {
                    let (map, result): (Map<String, Value>, [String; 5]) = serde_json::from_str(&line?)?;
                    let carried = keys.iter().map(|key| json_cell(map.get(key)));
                    let cells: Vec<String> = carried.chain(result).collect();
                    write_csv_line(&mut self.out, cells.iter().map(String::as_str))?;
                }
            }
            (RowFormat::Csv, Names::Known(names)) if !self.wrote_header => write_header(&mut self.out, &names)?,
            _ => {}
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

fn reached(summary: &Summary, catalog: &Catalog) -> Option<String> {
    catalog.reached_tier(summary.level).map(|tier| tier.id.to_string())
}

fn top<'a>(summary: &Summary, catalog: &'a Catalog) -> Vec<&'a str> {
    summary.top.iter().map(|&p| catalog.programs()[p].id.as_ref()).collect()
}

/// The result columns of a CSV row.
fn result_cells(result: &Result<Summary, String>, catalog: &Catalog) -> [String; 5] {
    match result {
        Ok(summary) => [
            summary.level.to_string(),
            reached(summary, catalog).unwrap_or_default(),
            format!("{}-{}", summary.level_range[0], summary.level_range[1]),
            top(summary, catalog).join(";"),
            String::new(),
        ],
        Err(message) => [String::new(), String::new(), String::new(), String::new(), message.clone()],
    }
}

/// A JSON value as a CSV cell: text as it is, null and missing as empty, the rest as JSON.
fn json_cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

fn write_header(out: &mut impl Write, carried: &[String]) -> io::Result<()> {
    write_csv_line(out, carried.iter().map(String::as_str).chain(RESULT_COLUMNS))
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
