//! What the fuzz targets check, one function a target; the stable test
//! `tests/fuzz_regressions.rs` compiles this file too, so past crashes are replayed through the
//! very same code.
//!
//! The property is the same everywhere: no panic, no hang, and every error a value that says
//! what and where. Where it is cheap, what loads is also checked for sense: a profile that
//! loads is assessed and reads back the same from JSON, a catalog that loads exports and loads
//! back the same, a row that scores stays within the catalog and scores the same again from
//! the profile it reads as.
//!
//! The first byte of an input chooses a variant and the rest is the text, so one target covers
//! every format. Digits count from `'0'`, which keeps seeds readable: the loaders read `0` as
//! TOML, `1` as JSON and `2` as YAML; the row targets list that many recommendations a row.
//! `batch_rows` reads its first byte as two halves instead, a row limit and a buffer size.

use std::io::{BufRead, BufReader};
use std::sync::LazyLock;

use serde_json::{Map, Value};
use smartlib::content::{
    ContentError, Diagnostic, ErrorKind as ContentErrorKind, Format, MAX_DIAGNOSTICS, Support,
    parse_catalog_with_warnings,
};
use smartlib::{
    BatchError, BatchOptions, Cell, Columns, ErrorKind, Profile, Worker, default_catalog, export_catalog,
    parse_catalog, parse_profile,
};

use self::rows::{Lines, MAX_ROW_BYTES, Records};

/// The CLI's row readers, compiled here from the CLI's own file.
#[path = "../../crates/cli/src/batch/rows.rs"]
#[expect(dead_code, reason = "what only the CLI uses: the limit as text, reading rows in place")]
mod rows;

/// A target's check: it panics on what it finds.
pub type Check = fn(&[u8]);

/// Every target, named as `cargo fuzz run` knows it and as its folders under `fuzz/corpus/`
/// and `fuzz/regressions/` are.
pub const TARGETS: [(&str, Check); 5] = [
    ("profile", profile),
    ("catalog", catalog),
    ("batch_jsonl", batch_jsonl),
    ("batch_csv", batch_csv),
    ("batch_rows", batch_rows),
];

/// How inputs are named in messages.
const ORIGIN: &str = "fuzz";

/// The most recommendations a row target asks for: more than the default catalog has
/// programs, so asking for too many is covered.
const MOST: usize = 20;

/// A profile in any format, checked against the embedded default catalog.
pub fn profile(data: &[u8]) {
    let Some((choice, text)) = split(data) else { return };
    let text = String::from_utf8_lossy(text);
    let catalog = default_catalog();
    let format = Format::ALL[choice % Format::ALL.len()];
    match parse_profile(&text, format, ORIGIN, &catalog) {
        Ok(profile) => {
            catalog.assess(&profile).unwrap_or_else(|error| panic!("a loaded profile is refused: {error}"));
            let json = serde_json::to_string(&profile).expect("a profile is JSON");
            let again = parse_profile(&json, Format::Json, ORIGIN, &catalog)
                .unwrap_or_else(|error| panic!("a loaded profile written as {json} is refused: {error}"));
            assert_eq!(again, profile, "a loaded profile written as JSON reads back otherwise");
        }
        Err(error) => placed(&error, &text, format),
    }
}

/// A whole catalog in one file, in any format. What loads with warnings has them only for a
/// newer minor format version, each placed in the text like an error.
pub fn catalog(data: &[u8]) {
    let Some((choice, text)) = split(data) else { return };
    let text = String::from_utf8_lossy(text);
    let format = Format::ALL[choice % Format::ALL.len()];
    match parse_catalog_with_warnings(&text, format, ORIGIN) {
        Ok(loaded) => {
            let newer = loaded.schema_version.support() == Support::IgnoringNewFields;
            assert!(newer || loaded.warnings.is_empty(), "warnings at version {}", loaded.schema_version);
            assert!(loaded.warnings.len() <= MAX_DIAGNOSTICS, "more warnings than the cap");
            for warning in &loaded.warnings {
                assert_eq!(warning.kind, ContentErrorKind::UnknownField, "{warning}");
                placed_one(warning, &text, format);
            }
            let catalog = loaded.catalog;
            catalog.assess(&Profile::default()).unwrap_or_else(|error| panic!("a blank profile is refused: {error}"));
            let json = export_catalog(catalog.data(), Format::Json).expect("a catalog exports as JSON");
            let again = parse_catalog(&json, Format::Json, ORIGIN)
                .unwrap_or_else(|error| panic!("a loaded catalog, exported, is refused: {error}\n{json}"));
            assert_eq!(again.data(), catalog.data(), "a loaded catalog, exported, loads back otherwise");
        }
        Err(error) => placed(&error, &text, format),
    }
}

/// Rows of JSON Lines read as `smartlib batch` reads them, against the default catalog: blank
/// lines skipped, each object's keys giving the columns, a problem with the keys refusing the
/// rest of the input.
pub fn batch_jsonl(data: &[u8]) {
    let Some((choice, text)) = split(data) else { return };
    let top = choice % (MOST + 1);
    let catalog = default_catalog();
    let lines = text
        .lines()
        .filter(|line| !line.as_ref().is_ok_and(|text| text.trim().is_empty()))
        .enumerate()
        .map(|(index, line)| (index + 1, line));
    let outcome = catalog.summarize_many(
        lines,
        one_thread(top),
        |worker, (row, line)| {
            // A line that is not a JSON object never reaches the engine: the CLI reports it itself.
            let Some(object) = line.ok().and_then(|line| serde_json::from_str::<Map<String, Value>>(&line).ok()) else {
                return Ok(());
            };
            let names: Vec<&str> = object.keys().map(String::as_str).collect();
            let columns = worker.loose_columns(&names)?;
            let cells: Vec<Cell<'_>> = object.values().map(Cell::from_json).collect();
            scored(worker, &columns, row, &cells, top);
            Ok(())
        },
        |row: Result<(), smartlib::Error>| row,
    );
    match outcome {
        Ok(()) => {}
        Err(BatchError::Sink(error)) => {
            assert_eq!(error.row(), None, "an error about the keys names a row: {error}");
            assert!(!error.to_string().is_empty(), "an error about the keys says nothing: {error:?}");
        }
        Err(BatchError::Panicked) => panic!("a row panicked (see the message above)"),
    }
}

/// A CSV header and rows read as `smartlib batch` reads them, against the default catalog:
/// rows of any length, every cell text.
pub fn batch_csv(data: &[u8]) {
    let Some((choice, text)) = split(data) else { return };
    let top = choice % (MOST + 1);
    let catalog = default_catalog();
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text);
    let Ok(headers) = reader.headers().cloned() else { return };
    let columns = match catalog.columns(&headers.iter().collect::<Vec<_>>()) {
        Ok(columns) => columns,
        Err(error) => {
            assert_eq!(error.row(), None, "an error about the header names a row: {error}");
            assert!(!error.to_string().is_empty(), "an error about the header says nothing: {error:?}");
            return;
        }
    };
    let records = reader.into_records().enumerate().map(|(index, record)| (index + 1, record));
    let outcome = catalog.summarize_many(
        records,
        one_thread(top),
        |worker, (row, record)| {
            if let Ok(record) = record {
                let cells: Vec<Cell<'_>> = record.iter().map(Cell::Text).collect();
                scored(worker, &columns, row, &cells, top);
            }
        },
        |()| Ok::<(), ()>(()),
    );
    assert_eq!(outcome, Ok(()), "a row panicked (see the message above)");
}

/// The row limits `batch_rows` picks from, the first the CLI's own (read through `new`).
const LIMITS: [usize; 16] = [MAX_ROW_BYTES, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 20, 24, 32, 64];

/// The CLI's row readers (`crates/cli/src/batch/rows.rs`) against plain references on the same
/// bytes: its JSON Lines lines against a split at each `\n`, its CSV records against the csv
/// crate's. The first byte's high four bits pick the row limit from [`LIMITS`], its low four
/// bits plus one are the reader's buffer size, so rows and line breaks straddle buffers.
///
/// A line is its bytes before the `\n`, less one `\r` at their end; a record's size is its
/// fields' bytes and a separator between each two (the record as written without quotes). A
/// row over the limit is read as `None`, and the rows after it are read as ever.
pub fn batch_rows(data: &[u8]) {
    let Some((&choice, text)) = data.split_first() else { return };
    let capacity = usize::from(choice & 0x0f) + 1;
    let limit = LIMITS[usize::from(choice >> 4)];
    let reader = || BufReader::with_capacity(capacity, text);
    let context = format!("limit {limit}, buffer {capacity}, text \"{}\"", text.escape_ascii());

    let mut lines = if limit == MAX_ROW_BYTES { Lines::new(reader()) } else { Lines::with_limit(reader(), limit) };
    let read: Vec<(u64, Option<String>)> = lines
        .by_ref()
        .map(|line| line.expect("a slice reads"))
        .map(|line| (line.number, line.bytes.as_deref().map(shown)))
        .collect();
    assert!(lines.next().is_none(), "lines go on after their end; {context}");
    assert_eq!(read, reference_lines(text, limit), "lines; {context}");

    let mut records =
        if limit == MAX_ROW_BYTES { Records::new(reader()) } else { Records::with_limit(reader(), limit) };
    let read: Vec<(u64, Option<Vec<String>>)> = records
        .by_ref()
        .map(|record| record.expect("a slice reads"))
        .map(|record| (record.line, record.fields.map(|fields| fields.iter().map(shown).collect())))
        .collect();
    assert!(records.next().is_none(), "records go on after their end; {context}");
    assert_eq!(read, reference_records(text, limit), "records; {context}");
}

/// The lines of a text as `Lines` should read them: split at each `\n`, with no line after a
/// final one, and one `\r` dropped from the end of each.
fn reference_lines(text: &[u8], limit: usize) -> Vec<(u64, Option<String>)> {
    let mut pieces: Vec<&[u8]> = text.split(|&byte| byte == b'\n').collect();
    if pieces.last().is_some_and(|piece| piece.is_empty()) {
        pieces.pop();
    }
    pieces
        .into_iter()
        .zip(1..)
        .map(|(piece, number)| {
            let line = piece.strip_suffix(b"\r").unwrap_or(piece);
            (number, (line.len() <= limit).then(|| shown(line)))
        })
        .collect()
}

/// The records of a text as the csv crate reads them, each with the line it starts on.
fn reference_records(text: &[u8], limit: usize) -> Vec<(u64, Option<Vec<String>>)> {
    const BOM: &[u8] = b"\xef\xbb\xbf";
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(text);
    reader
        .byte_records()
        .map(|record| {
            let record = record.expect("a slice reads");
            // csv places a record where the one before it ended, so before the line breaks
            // that its parser skips, and the first before a byte-order mark the parser drops.
            let at = record.position().expect("a record read has a position").byte();
            let mut start = usize::try_from(at).expect("a slice's offset fits");
            if start == 0 && text.starts_with(BOM) {
                start = BOM.len();
            }
            start += text[start..].iter().take_while(|&&byte| byte == b'\n' || byte == b'\r').count();
            let line = text[..start].iter().filter(|&&byte| byte == b'\n').count() + 1;
            let size = record.iter().map(<[u8]>::len).sum::<usize>() + record.len().saturating_sub(1);
            let fields = (size <= limit).then(|| record.iter().map(shown).collect());
            (u64::try_from(line).expect("a line number fits"), fields)
        })
        .collect()
}

/// Bytes as readable text, every byte kept apart (`\n`, `\xef`).
fn shown(bytes: &[u8]) -> String {
    bytes.escape_ascii().to_string()
}

/// The variant byte as a number, and the text.
fn split(data: &[u8]) -> Option<(usize, &[u8])> {
    let (&first, text) = data.split_first()?;
    Some((usize::from(first.wrapping_sub(b'0')), text))
}

/// Rows on the calling thread: a crash then stops the fuzzer where it happened.
fn one_thread(top: usize) -> BatchOptions {
    // `BatchOptions::new` reads the CPU count from the system; once is enough.
    static ONE_THREAD: LazyLock<BatchOptions> = LazyLock::new(|| BatchOptions::new(0).with_threads(1));
    let mut options = *ONE_THREAD;
    options.top = top;
    options
}

/// Every diagnostic names the input, a line and column inside it, and what is wrong.
fn placed(error: &ContentError, text: &str, format: Format) {
    assert!(!error.diagnostics().is_empty(), "an error without a diagnostic: {error:?}");
    assert!(error.diagnostics().len() <= MAX_DIAGNOSTICS, "more diagnostics than the cap");
    assert_eq!(error.count(), error.diagnostics().len() + error.omitted());
    for diagnostic in error.diagnostics() {
        placed_one(diagnostic, text, format);
    }
    assert!(error.to_string().starts_with(ORIGIN), "{error}");
}

/// One diagnostic names the input and a line of it.
fn placed_one(diagnostic: &Diagnostic, text: &str, format: Format) {
    let breaks = text.matches('\n').count();
    let lines = match format {
        // YAML also breaks lines at a lone carriage return, and its reader places an error at
        // the very end of a text without a final newline on the line after the last (drop the
        // last `+ 1` once it no longer does).
        Format::Yaml => breaks + text.matches('\r').count() - text.matches("\r\n").count() + 1 + 1,
        Format::Toml | Format::Json => breaks + 1,
    };
    assert_eq!(diagnostic.origin, ORIGIN, "{diagnostic}");
    assert!(!diagnostic.message.trim().is_empty(), "a diagnostic says nothing: {diagnostic:?}");
    // A text with nothing in it (white space and comments) has nowhere to point: it is
    // refused as a whole.
    if diagnostic.kind == ContentErrorKind::Empty {
        return;
    }
    let position = diagnostic.position.unwrap_or_else(|| panic!("a diagnostic has no position: {diagnostic}"));
    assert!(
        (1..=lines).contains(&position.line) && position.column >= 1,
        "a diagnostic points outside the {lines} lines of its input: {diagnostic}"
    );
}

/// Scores a row: a summary within the catalog that the row's profile scores again, or an error
/// that names the row.
fn scored(worker: &mut Worker<'_>, columns: &Columns, row: usize, cells: &[Cell<'_>], top: usize) {
    let catalog = worker.catalog();
    match worker.summarize_row(columns, row, cells) {
        Ok(summary) => {
            let [low, high] = summary.level_range;
            assert!(summary.level == low && low <= high && high <= catalog.tiers().len(), "{summary:?}");
            assert!(summary.top.len() <= top, "{summary:?} lists more than {top}");
            let mut listed = vec![false; catalog.programs().len()];
            for &program in &summary.top {
                assert!(program < listed.len() && !listed[program], "{summary:?} lists a program twice or none");
                listed[program] = true;
            }
            match catalog.row_profile(columns, row, cells) {
                Ok(profile) => {
                    let resolved = catalog.resolve(&profile).unwrap_or_else(|error| panic!("{profile:?}: {error}"));
                    assert_eq!(
                        catalog.summarize(&resolved, top),
                        Ok(summary),
                        "row {row} as {profile:?} scores otherwise"
                    );
                }
                // Only the name, which scoring does not read, may refuse a row that scores.
                Err(error) => assert!(matches!(error.kind, ErrorKind::NotText { .. }), "row {row}: {error}"),
            }
        }
        Err(error) => {
            assert_eq!(error.row(), Some(row), "an error about row {row} names another: {error}");
            assert!(!error.to_string().is_empty(), "an error about row {row} says nothing: {error:?}");
        }
    }
}
