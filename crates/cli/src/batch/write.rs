//! Scored rows out, as CSV or JSON Lines whatever the input was. Every row, an error row too,
//! has the same columns: the carried ones, then `level`, `reached`, `level_range`,
//! `recommendations` and `error`.
//!
//! Workers write their rows into a chunk's bytes ([`json_object`], [`csv_record`],
//! [`spool_line`]); the one [`RowWriter`] puts the chunks out in input order. A JSON Lines
//! object lists its keys sorted, as `serde_json`'s map writes them (the output of earlier
//! versions, kept byte for byte).
//!
//! From JSON Lines to CSV without `--carry`, the carried columns are every key any row has
//! (the first row need not have them all), so rows wait in an unnamed temporary file until the
//! header is known: memory stays flat.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};
use std::mem;

use serde::Serialize;
use smartlib::{Catalog, Summary};

use super::json::{Json, Pairs, read_spooled};
use super::reuse;

/// The columns every output row ends with.
const RESULT_COLUMNS: [&str; 5] = ["level", "reached", "level_range", "recommendations", "error"];

/// A row's outcome: its summary, or the message for its `error` column.
pub(crate) type Outcome<'r> = Result<&'r Summary, &'r str>;

/// A value carried through from the input: a JSON value, or a CSV cell's text.
#[derive(Clone, Copy)]
pub(crate) enum Carried<'r> {
    Json(&'r Json<'r>),
    Text(&'r str),
}

/// One key's value in an output object.
#[derive(Clone, Copy)]
enum Entry<'r> {
    Carried(Carried<'r>),
    Level(usize),
    /// The tier a level reaches.
    Reached(usize),
    Range([usize; 2]),
    Top(&'r [usize]),
    Error(&'r str),
}

/// The keys an object lists after its carried ones, by outcome.
const OK_KEYS: [&str; 4] = ["level", "reached", "level_range", "recommendations"];
const ERROR_KEYS: [&str; 1] = ["error"];

/// The order an object's keys are written in, with each key as JSON, worked out again only when
/// a row's carried keys or kind of outcome differ from the row before (rows of one file mostly
/// share their keys, and sorting them was a tenth of a row's cost).
#[derive(Default)]
pub(crate) struct KeyOrder {
    carried: Vec<String>,
    /// The outcome the order is for: none yet, or (no results, a summary, an error).
    outcome: Option<Option<bool>>,
    /// Positions in the carried keys followed by the outcome's keys, and each key written out
    /// with its colon.
    order: Vec<(usize, Vec<u8>)>,
}

impl KeyOrder {
    /// Sorts the keys as a map would, the last of equal keys kept (a result replaces a carried
    /// key of the same name, as inserting into a map would).
    fn update(&mut self, carried: &[(&str, Carried<'_>)], outcome: Option<bool>, results: &[&str]) {
        let same = self.outcome == Some(outcome)
            && self.carried.len() == carried.len()
            && self.carried.iter().zip(carried).all(|(known, (key, _))| known == key);
        if same {
            return;
        }
        self.carried.clear();
        self.carried.extend(carried.iter().map(|(key, _)| (*key).to_owned()));
        self.outcome = Some(outcome);
        let keys: Vec<&str> = carried.iter().map(|(key, _)| *key).chain(results.iter().copied()).collect();
        let mut positions: Vec<usize> = (0..keys.len()).collect();
        // A stable sort keeps equal keys in the order given, so the last of them is the one kept.
        positions.sort_by(|&a, &b| keys[a].cmp(keys[b]));
        positions.dedup_by(|later, earlier| {
            let same = keys[*later] == keys[*earlier];
            if same {
                *earlier = *later;
            }
            same
        });
        self.order = positions
            .into_iter()
            .map(|position| {
                let mut key = Vec::new();
                json_str(&mut key, keys[position]);
                key.push(b':');
                (position, key)
            })
            .collect();
    }
}

/// Writes one JSON Lines row: the carried keys and the row's results, keys sorted as
/// `serde_json`'s map sorts them.
pub(crate) fn json_object(
    out: &mut Vec<u8>,
    carried: &[(&str, Carried<'_>)],
    outcome: Outcome<'_>,
    ids: &Ids<'_>,
    order: &mut KeyOrder,
) {
    object(out, carried, Some(outcome), ids, order);
    out.push(b'\n');
}

/// A JSON object of the carried keys and, when given, the row's results.
fn object(
    out: &mut Vec<u8>,
    carried: &[(&str, Carried<'_>)],
    outcome: Option<Outcome<'_>>,
    ids: &Ids<'_>,
    order: &mut KeyOrder,
) {
    let results: &[&str] = match outcome {
        None => &[],
        Some(Ok(_)) => &OK_KEYS,
        Some(Err(_)) => &ERROR_KEYS,
    };
    order.update(carried, outcome.map(|outcome| outcome.is_ok()), results);
    out.push(b'{');
    for (index, (position, key)) in order.order.iter().enumerate() {
        let entry = match (carried.get(*position), outcome) {
            (Some((_, value)), _) => Entry::Carried(*value),
            (None, Some(Ok(summary))) => match position - carried.len() {
                0 => Entry::Level(summary.level),
                1 => Entry::Reached(summary.level),
                2 => Entry::Range(summary.level_range),
                _ => Entry::Top(&summary.top),
            },
            (None, Some(Err(message))) => Entry::Error(message),
            // Without an outcome the order holds only carried keys.
            (None, None) => continue,
        };
        if index > 0 {
            out.push(b',');
        }
        out.extend_from_slice(key);
        match entry {
            // Text that the input held without an escape needs none: copied as it is.
            Entry::Carried(Carried::Json(Json::Text(Cow::Borrowed(text)))) => quoted(out, text),
            Entry::Carried(Carried::Json(Json::Text(text))) => json_str(out, text),
            Entry::Carried(Carried::Json(value)) => json(out, value),
            Entry::Carried(Carried::Text(text)) | Entry::Error(text) => json_str(out, text),
            Entry::Level(level) => json(out, &level),
            Entry::Reached(level) => match ids.catalog.reached_tier(level) {
                Some(tier) => ids.json(out, &tier.id),
                None => out.extend_from_slice(b"null"),
            },
            Entry::Range([low, high]) => {
                out.push(b'[');
                json(out, &low);
                out.push(b',');
                json(out, &high);
                out.push(b']');
            }
            Entry::Top(top) => {
                out.push(b'[');
                for (index, &program) in top.iter().enumerate() {
                    if index > 0 {
                        out.push(b',');
                    }
                    ids.json(out, &ids.catalog.programs()[program].id);
                }
                out.push(b']');
            }
        }
    }
    out.push(b'}');
}

/// Writes `value` as compact JSON.
fn json(out: &mut Vec<u8>, value: &(impl Serialize + ?Sized)) {
    // Writing into memory cannot fail, and every value here is one serde_json can write.
    let _ = serde_json::to_writer(out, value);
}

/// Writes a JSON string: as it is when nothing in it needs an escape (most text), else as
/// `serde_json` escapes it.
fn json_str(out: &mut Vec<u8>, text: &str) {
    // Every byte looked at, without an early exit, so the check runs many bytes at a time.
    let plain = text.bytes().fold(true, |plain, byte| plain & (byte >= 0x20) & (byte != b'"') & (byte != b'\\'));
    if plain { quoted(out, text) } else { json(out, text) }
}

/// Writes text that needs no escape as a JSON string.
fn quoted(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
}

/// The catalog whose ids the rows list, and whether every program and tier id can be written
/// as it is, in CSV and in JSON: checked once, not in every row (ids are slugs, so they can).
pub(crate) struct Ids<'c> {
    pub(crate) catalog: &'c Catalog,
    plain: bool,
}

impl<'c> Ids<'c> {
    pub(crate) fn new(catalog: &'c Catalog) -> Ids<'c> {
        let mut ids =
            catalog.programs().iter().map(|program| &*program.id).chain(catalog.tiers().iter().map(|tier| &*tier.id));
        let plain =
            ids.all(|id| !needs_quotes(id) && id.bytes().all(|byte| byte >= 0x20 && byte != b'"' && byte != b'\\'));
        Ids { catalog, plain }
    }

    /// Writes an id as a JSON string.
    fn json(&self, out: &mut Vec<u8>, id: &str) {
        if self.plain { quoted(out, id) } else { json_str(out, id) }
    }
}

/// Writes one CSV record: the carried cells, then the row's results.
pub(crate) fn csv_record<'r>(
    out: &mut Vec<u8>,
    carried: impl Iterator<Item = &'r str>,
    carried_plain: bool,
    outcome: Outcome<'_>,
    ids: &Ids<'_>,
) {
    for cell in carried {
        if !carried_plain && needs_quotes(cell) {
            csv_cell(out, &[cell]);
        } else {
            out.extend_from_slice(cell.as_bytes());
        }
        out.push(b',');
    }
    match outcome {
        Ok(summary) => {
            json(out, &summary.level);
            out.push(b',');
            let tier = reached(summary, ids.catalog).unwrap_or_default();
            if ids.plain {
                out.extend_from_slice(tier.as_bytes());
            } else {
                csv_cell(out, &[tier]);
            }
            out.push(b',');
            json(out, &summary.level_range[0]);
            out.push(b'-');
            json(out, &summary.level_range[1]);
            out.push(b',');
            if ids.plain {
                for (index, &program) in summary.top.iter().enumerate() {
                    if index > 0 {
                        out.push(b';');
                    }
                    out.extend_from_slice(ids.catalog.programs()[program].id.as_bytes());
                }
            } else {
                let top: Vec<&str> = summary.top.iter().map(|&p| &*ids.catalog.programs()[p].id).collect();
                csv_cell(out, &top);
            }
            out.extend_from_slice(b",\n");
        }
        Err(message) => {
            out.extend_from_slice(b",,,,");
            csv_cell(out, &[message]);
            out.push(b'\n');
        }
    }
}

/// One CSV cell, its parts joined by `;`, quoted where needed (RFC 4180).
fn csv_cell(out: &mut Vec<u8>, parts: &[&str]) {
    let quoted = parts.iter().any(|part| needs_quotes(part));
    if quoted {
        out.push(b'"');
    }
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            out.push(b';');
        }
        if quoted {
            for piece in part.split_inclusive('"') {
                out.extend_from_slice(piece.as_bytes());
                if piece.ends_with('"') {
                    out.push(b'"');
                }
            }
        } else {
            out.extend_from_slice(part.as_bytes());
        }
    }
    if quoted {
        out.push(b'"');
    }
}

/// Whether a CSV cell must be quoted: it holds a comma, a quote or a line break. Every byte is
/// looked at, without an early exit, so the check runs many bytes at a time.
fn needs_quotes(text: &str) -> bool {
    text.bytes()
        .fold(false, |quoted, byte| quoted | (byte == b',') | (byte == b'"') | (byte == b'\n') | (byte == b'\r'))
}

/// Writes one row of JSON Lines to CSV through the spool: its carried keys and values, and its
/// result cells, each row a JSON line until the header is known.
pub(crate) fn spool_line(
    out: &mut Vec<u8>,
    carried: &[(&str, Carried<'_>)],
    outcome: Outcome<'_>,
    ids: &Ids<'_>,
    order: &mut KeyOrder,
) {
    out.push(b'[');
    object(out, carried, None, ids, order);
    out.push(b',');
    json(out, &result_cells(outcome, ids.catalog));
    out.extend_from_slice(b"]\n");
}

fn reached<'c>(summary: &Summary, catalog: &'c Catalog) -> Option<&'c str> {
    catalog.reached_tier(summary.level).map(|tier| &*tier.id)
}

/// The result columns of a CSV row.
fn result_cells(outcome: Outcome<'_>, catalog: &Catalog) -> [String; 5] {
    match outcome {
        Ok(summary) => [
            summary.level.to_string(),
            reached(summary, catalog).unwrap_or_default().to_owned(),
            format!("{}-{}", summary.level_range[0], summary.level_range[1]),
            summary.top.iter().map(|&p| &*catalog.programs()[p].id).collect::<Vec<_>>().join(";"),
            String::new(),
        ],
        Err(message) => [String::new(), String::new(), String::new(), String::new(), message.to_owned()],
    }
}

/// A JSON value as a CSV cell: text as it is, null and missing as empty, the rest as JSON.
pub(crate) fn json_cell<'r>(value: Option<&'r Json<'r>>) -> Cow<'r, str> {
    match value {
        None | Some(Json::Null) => Cow::Borrowed(""),
        Some(Json::Text(text)) => Cow::Borrowed(text),
        Some(other) => Cow::Owned(serde_json::to_string(other).unwrap_or_default()),
    }
}

/// Where the carried column names come from.
enum Names {
    /// Known before the first row: a CSV header or `--carry`.
    Known(Vec<String>),
    /// Every key seen so far, in order of first appearance; rows wait in `spool`.
    Union { keys: Vec<String>, seen: HashSet<String>, spool: BufWriter<File> },
}

/// What a worker made of one chunk of rows, for the writer.
#[derive(Default)]
pub(crate) struct Written {
    /// The rows as written, or as spooled for a union of keys.
    pub(crate) bytes: Vec<u8>,
    /// For a union of keys: the chunk's carried keys in order of first appearance.
    pub(crate) keys: Vec<String>,
}

/// Puts the chunks out in input order.
pub(crate) struct RowWriter<W: Write> {
    out: W,
    names: Names,
    /// For CSV with known columns: whether the header is out (it waits for the first row, so a
    /// refused input writes nothing).
    header: Option<bool>,
}

impl<W: Write> RowWriter<W> {
    /// A JSON Lines writer.
    pub(crate) fn jsonl(out: W) -> RowWriter<W> {
        RowWriter { out, names: Names::Known(Vec::new()), header: None }
    }

    /// A CSV writer whose carried columns are `names`.
    pub(crate) fn csv(out: W, names: Vec<String>) -> RowWriter<W> {
        RowWriter { out, names: Names::Known(names), header: Some(false) }
    }

    /// A CSV writer whose carried columns are every key of every row, named at the end.
    ///
    /// # Errors
    /// When no temporary file can be made.
    pub(crate) fn union(out: W) -> io::Result<RowWriter<W>> {
        let spool = BufWriter::with_capacity(1 << 16, tempfile::tempfile()?);
        let names = Names::Union { keys: Vec::new(), seen: HashSet::new(), spool };
        Ok(RowWriter { out, names, header: None })
    }

    pub(crate) fn write(&mut self, written: &Written) -> io::Result<()> {
        match &mut self.names {
            Names::Union { keys, seen, spool } => {
                for key in &written.keys {
                    if !seen.contains(key) {
                        seen.insert(key.clone());
                        keys.push(key.clone());
                    }
                }
                spool.write_all(&written.bytes)
            }
            Names::Known(names) => {
                if self.header == Some(false) && !written.bytes.is_empty() {
                    write_header(&mut self.out, names)?;
                    self.header = Some(true);
                }
                self.out.write_all(&written.bytes)
            }
        }
    }

    /// Writes what waited (the header, the spooled rows) and flushes.
    pub(crate) fn finish(mut self) -> io::Result<W> {
        match self.names {
            Names::Union { keys, spool, .. } => {
                write_header(&mut self.out, &keys)?;
                let mut spool = spool.into_inner().map_err(io::IntoInnerError::into_error)?;
                spool.rewind()?;
                // Each row's keys come sorted and once each: matched against the columns,
                // sorted once, in one pass.
                let mut columns: Vec<(&str, usize)> = keys.iter().map(String::as_str).zip(0..).collect();
                columns.sort_unstable();
                let mut line = Vec::new();
                let mut spooled = String::new();
                let mut spare_pairs: Pairs<'static> = Vec::new();
                let mut spare_values: Vec<Option<&'static Json<'static>>> = Vec::new();
                let mut reader = BufReader::with_capacity(1 << 16, spool);
                loop {
                    spooled.clear();
                    if reader.read_line(&mut spooled)? == 0 {
                        break;
                    }
                    let mut pairs: Pairs<'_> = reuse(mem::take(&mut spare_pairs));
                    let result = read_spooled(spooled.trim_end_matches('\n'), &mut pairs)?;
                    let mut values: Vec<Option<&Json<'_>>> = reuse(mem::take(&mut spare_values));
                    values.resize(keys.len(), None);
                    let mut known = columns.iter().peekable();
                    for (key, value) in &pairs {
                        while known.next_if(|(column, _)| *column < key.as_ref()).is_some() {}
                        if let Some((_, index)) = known.next_if(|(column, _)| *column == key.as_ref()) {
                            values[*index] = Some(value);
                        }
                    }
                    line.clear();
                    let carried = values.iter().map(|value| json_cell(*value));
                    for (index, cell) in carried.chain(result).enumerate() {
                        if index > 0 {
                            line.push(b',');
                        }
                        csv_cell(&mut line, &[&cell]);
                    }
                    line.push(b'\n');
                    self.out.write_all(&line)?;
                    spare_values = reuse(values);
                    spare_pairs = reuse(pairs);
                }
            }
            Names::Known(names) if self.header == Some(false) => write_header(&mut self.out, &names)?,
            Names::Known(_) => {}
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

fn write_header(out: &mut impl Write, carried: &[String]) -> io::Result<()> {
    let mut line = Vec::new();
    for (index, name) in carried.iter().map(String::as_str).chain(RESULT_COLUMNS).enumerate() {
        if index > 0 {
            line.push(b',');
        }
        csv_cell(&mut line, &[name]);
    }
    line.push(b'\n');
    out.write_all(&line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(parts: &[&str]) -> String {
        let mut out = Vec::new();
        csv_cell(&mut out, parts);
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn csv_cells_are_quoted_only_where_needed() {
        assert_eq!(cell(&["plain"]), "plain");
        assert_eq!(cell(&["a", "b"]), "a;b");
        assert_eq!(cell(&["a,b"]), "\"a,b\"");
        assert_eq!(cell(&["say \"hi\"", "x"]), "\"say \"\"hi\"\";x\"");
        assert_eq!(cell(&["\"", "line\r\nbreak"]), "\"\"\";line\r\nbreak\"");
        assert_eq!(cell(&[""]), "");
    }
}
