//! Errors: what is wrong ([`ErrorKind`], [`Problem`]) and where ([`Path`]: a key path such as
//! `programs[3].builds_on[1]`, or a table position such as `row 3, column "wifi-access"`).
//!
//! Every error keeps the two apart and lets `Display` join them, so a front end that shows the
//! position its own way (a file line, a command-line flag) prints the kind alone and never
//! rebuilds a message by cutting text off. The engine itself never sees files.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use crate::model::{Id, Status};

/// `Result` with this crate's [`Error`] as the default error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One step of a [`Path`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// A field (`builds_on`).
    Key(Cow<'static, str>),
    /// A position in a list, from 0.
    Index(usize),
    /// A row of a table, from 1 for the first row of data (after any header).
    Row(usize),
    /// A column of a table (or a key of a loose row), by its name.
    Column(Cow<'static, str>),
}

/// Where in a catalog, profile or table a problem sits: `programs[3].builds_on[1]`,
/// `row 3, column "wifi-access"`, or nothing (the input as a whole).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Path(Vec<Segment>);

impl Path {
    /// The empty path: the document itself.
    pub fn root() -> Path {
        Path(Vec::new())
    }

    /// This path followed by a field.
    pub fn key(&self, key: impl Into<Cow<'static, str>>) -> Path {
        self.then(Segment::Key(key.into()))
    }

    /// This path followed by a list position.
    pub fn index(&self, index: usize) -> Path {
        self.then(Segment::Index(index))
    }

    /// This path followed by a table row (from 1).
    pub fn row(&self, row: usize) -> Path {
        self.then(Segment::Row(row))
    }

    /// This path followed by a table column.
    pub fn column(&self, column: impl Into<Cow<'static, str>>) -> Path {
        self.then(Segment::Column(column.into()))
    }

    fn then(&self, segment: Segment) -> Path {
        let mut segments = Vec::with_capacity(self.0.len() + 1);
        segments.extend_from_slice(&self.0);
        segments.push(segment);
        Path(segments)
    }

    /// Adds a step at the end.
    pub fn push(&mut self, segment: Segment) {
        self.0.push(segment);
    }

    /// The same path with a row in front: how a table reader places an error found in one row.
    pub fn in_row(self, row: usize) -> Path {
        let mut segments = Vec::with_capacity(self.0.len() + 1);
        segments.push(Segment::Row(row));
        segments.extend(self.0);
        Path(segments)
    }

    /// The steps, outermost first.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// True for the empty path.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The table row the path starts in, if it names one.
    pub fn row_number(&self) -> Option<usize> {
        match self.0.first() {
            Some(Segment::Row(row)) => Some(*row),
            _ => None,
        }
    }
}

impl From<Vec<Segment>> for Path {
    fn from(segments: Vec<Segment>) -> Path {
        Path(segments)
    }
}

impl FromIterator<Segment> for Path {
    fn from_iter<I: IntoIterator<Item = Segment>>(segments: I) -> Path {
        Path(segments.into_iter().collect())
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => write!(f, "{}", Echo(key))?,
                Segment::Key(key) => write!(f, ".{}", Echo(key))?,
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Row(row) => write!(f, "{}row {row}", if i == 0 { "" } else { ", " })?,
                Segment::Column(column) => write!(f, "{}column \"{}\"", if i == 0 { "" } else { ", " }, Echo(column))?,
            }
        }
        Ok(())
    }
}

/// Text from the input as every message echoes it: an id, a key, a cell, a URL.
///
/// Control characters, `"` and `\\`, and the characters that hide or reorder text (zero-width
/// characters, bidirectional overrides and isolates, the byte-order mark, tag characters) are
/// escaped as `\u{202e}`, so a message shows what the input holds and reads the same in any
/// terminal. Past [`Echo::MAX_CHARS`] characters the text is cut and ends in `…`: a 15 MB id
/// makes a short message.
///
/// ```
/// use smartlib_core::Echo;
/// assert_eq!(Echo("wifi\u{202e}ssecca").to_string(), r"wifi\u{202e}ssecca");
/// assert_eq!(Echo("a\tb\"c\0").to_string(), r#"a\tb\"c\u{0}"#);
/// assert_eq!(Echo(&"x".repeat(100)).to_string(), format!("{}…", "x".repeat(80)));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Echo<'a>(pub &'a str);

impl Echo<'_> {
    /// How many characters of a value a message shows.
    pub const MAX_CHARS: usize = 80;
}

impl fmt::Display for Echo<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chars = self.0.chars();
        for c in chars.by_ref().take(Echo::MAX_CHARS) {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c if c.is_control() || hides_or_reorders(c) => write!(f, "\\u{{{:x}}}", u32::from(c))?,
                c => f.write_char(c)?,
            }
        }
        if chars.next().is_some() {
            f.write_char('…')?;
        }
        Ok(())
    }
}

/// Characters that print as nothing or change the order of the text around them.
fn hides_or_reorders(c: char) -> bool {
    matches!(c,
        '\u{00AD}' // soft hyphen
        | '\u{061C}' // Arabic letter mark
        | '\u{180E}' // Mongolian vowel separator
        | '\u{200B}'..='\u{200F}' // zero-width space, joiners, direction marks
        | '\u{2028}'..='\u{202E}' // line and paragraph separators, embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // isolates
        | '\u{FEFF}' // byte-order mark, zero-width no-break space
        | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
        | '\u{E0000}'..='\u{E007F}' // tags
    )
}

/// The kinds of things a catalog holds, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A tier.
    Tier,
    /// A program or service.
    Program,
    /// A smart-citizen role.
    Role,
    /// A library contribution area.
    Area,
    /// A role or an area, as named by a profile's goals.
    Goal,
    /// An organizational process.
    Process,
    /// A marketing and outreach tool.
    Outreach,
    /// An example library.
    Library,
}

impl Kind {
    /// The singular noun used in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Tier => "tier",
            Kind::Program => "program",
            Kind::Role => "role",
            Kind::Area => "contribution area",
            Kind::Goal => "goal (role or contribution area)",
            Kind::Process => "process",
            Kind::Outreach => "outreach tool",
            Kind::Library => "example library",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.noun())
    }
}

/// Formats `path: ` before a message, or nothing for the empty path.
struct At<'a>(&'a Path);

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() { Ok(()) } else { write!(f, "{}: ", self.0) }
    }
}

/// Formats ` (did you mean "x"?)` when there is a suggestion.
struct DidYouMean<'a>(&'a Option<Id>);

impl fmt::Display for DidYouMean<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(id) => write!(f, " (did you mean \"{}\"?)", Echo(id)),
            None => Ok(()),
        }
    }
}

/// What is wrong with one place in a catalog.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// The catalog defines no tier.
    #[error("a catalog needs at least one tier")]
    NoTiers,
    /// A tier no program belongs to.
    #[error("tier \"{}\" has no programs", Echo(tier))]
    EmptyTier {
        /// The tier's id.
        tier: Id,
    },
    /// Required text that is empty or only white space.
    #[error("must not be empty")]
    EmptyText,
    /// An id that is not lower-case kebab-case.
    #[error(
        "\"{}\" is not a valid id (use lower-case letters, digits and single hyphens, like \"wifi-access\")",
        Echo(id)
    )]
    InvalidId {
        /// The offending id.
        id: String,
    },
    /// An id used twice.
    #[error("duplicate {kind} \"{}\" (first defined at {first})", Echo(id))]
    Duplicate {
        /// What kind of entry.
        kind: Kind,
        /// The repeated id.
        id: Id,
        /// Where it first appeared.
        first: Path,
    },
    /// A reference to an id that does not exist.
    #[error("unknown {kind} \"{}\"{}", Echo(id), DidYouMean(suggestion))]
    UnknownReference {
        /// What kind of entry the id should name.
        kind: Kind,
        /// The id as written.
        id: Id,
        /// The nearest valid id.
        suggestion: Option<Id>,
    },
    /// Programs that build on each other in a circle.
    #[error("forms a cycle: {}", cycle.iter().map(|id| Echo(id).to_string()).collect::<Vec<_>>().join(" -> "))]
    Cycle {
        /// The programs in the cycle, first repeated at the end (`a -> b -> a`).
        cycle: Vec<Id>,
    },
    /// A number outside its allowed range.
    #[error("{} is out of range: expected {expected}", Echo(value))]
    OutOfRange {
        /// The value as written.
        value: String,
        /// The allowed range, in words.
        expected: &'static str,
    },
    /// More entries of a kind than the engine supports.
    #[error("{count} {kind} entries; at most {max} are supported")]
    TooMany {
        /// What kind of entry.
        kind: Kind,
        /// How many there are.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A source that is not an http(s) URL.
    #[error("\"{}\" is not an http(s) URL", Echo(url))]
    BadUrl {
        /// The text as written.
        url: String,
    },
}

/// A problem and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    /// Key path of the offending value.
    pub path: Path,
    /// What is wrong there.
    pub problem: Problem,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", At(&self.path), self.problem)
    }
}

/// Why catalog data was refused: every problem found, in document order.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogError {
    problems: Vec<Located>,
}

impl CatalogError {
    pub(crate) fn new(problems: Vec<Located>) -> CatalogError {
        debug_assert!(!problems.is_empty());
        CatalogError { problems }
    }

    /// Every problem, in document order (never empty).
    pub fn problems(&self) -> &[Located] {
        &self.problems
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.problems[0])?;
        match self.problems.len() {
            1 => Ok(()),
            n => write!(f, " (and {} more problem{})", n - 1, if n == 2 { "" } else { "s" }),
        }
    }
}

impl std::error::Error for CatalogError {}

/// A value from loose input (a table cell, a JSON value, a DataFrame element) that could not
/// be used, kept for the message. Numbers print the same whichever way they arrived: the text
/// `"-1"`, the integer -1 and the float -1.0 all print as `-1`.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    /// Text as written (trimmed).
    Text(String),
    /// A number, or text that reads as one.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// A list where one value was expected.
    List,
    /// Any other kind of value, by its name (`an object`, `a date`).
    Other(&'static str),
}

impl fmt::Display for CellValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellValue::Text(text) => write!(f, "\"{}\"", Echo(text)),
            CellValue::Number(number) => write_number(f, *number),
            CellValue::Bool(flag) => write!(f, "{flag}"),
            CellValue::List => f.write_str("a list"),
            CellValue::Other(kind) => f.write_str(kind),
        }
    }
}

/// Whole numbers without a fraction (`2`, not `2.0`), so every front end prints them alike.
fn write_number(f: &mut fmt::Formatter<'_>, number: f64) -> fmt::Result {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every whole number below is exact
    if number.fract() == 0.0 && number.abs() < EXACT {
        #[allow(clippy::cast_possible_truncation)]
        let whole = number as i64;
        write!(f, "{whole}")
    } else {
        write!(f, "{number}")
    }
}

/// The status words a table cell may hold, for messages.
struct StatusWords;

impl fmt::Display for StatusWords {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups: Vec<String> = Status::ALL
            .iter()
            .map(|status| {
                let words: Vec<&str> = status.words().iter().filter(|w| !w.is_empty()).copied().collect();
                let blank = if status.words().contains(&"") { " or an empty cell" } else { "" };
                format!("{}{blank}", words.join(", "))
            })
            .collect();
        write!(f, "{}", groups.join("; "))
    }
}

/// What is wrong with a profile, a table of profiles or a call; see [`Error`].
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A profile names a program the catalog does not have.
    #[error("unknown program \"{}\"{}", Echo(id), DidYouMean(suggestion))]
    UnknownProgram {
        /// The id as written.
        id: String,
        /// The nearest valid program id.
        suggestion: Option<Id>,
    },
    /// A profile's goal names neither a role nor an area of the catalog.
    #[error("unknown goal \"{}\" (goals are role or contribution area ids){}", Echo(id), DidYouMean(suggestion))]
    UnknownGoal {
        /// The id as written.
        id: String,
        /// The nearest valid role or area id.
        suggestion: Option<Id>,
    },
    /// A profile gives one program two statuses.
    #[error("program \"{}\" is listed as {first} and as {second}", Echo(id))]
    ConflictingStatus {
        /// The program id.
        id: Id,
        /// The status it was given first.
        first: Status,
        /// The status it was given again.
        second: Status,
    },
    /// A program position past the end of the catalog.
    #[error("program index {index} is out of range: the catalog has {programs} programs")]
    NoSuchProgram {
        /// The position asked for.
        index: usize,
        /// How many programs there are.
        programs: usize,
    },
    /// A row of statuses whose length is not the catalog's number of programs.
    #[error("{given} statuses given for a catalog of {programs} programs: give one a program, in catalog order")]
    WrongStatusCount {
        /// How many statuses were given.
        given: usize,
        /// How many programs there are.
        programs: usize,
    },
    /// A table row with more or fewer cells than the table has columns.
    #[error("expected {columns} cells (one a column), found {given}")]
    WrongCellCount {
        /// How many cells the row has.
        given: usize,
        /// How many columns the table has.
        columns: usize,
    },
    /// A resolved profile that belongs to another catalog.
    #[error("this profile was resolved against another catalog; resolve it again with this one")]
    CatalogMismatch,
    /// Levels asked column by column of a table that also reads goals, amounts or id lists.
    #[error("this table reads more than program columns; read its rows one by one")]
    NotLevelsByColumn,
    /// Catalog data that does not hold together.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// A table cell that is not one of the status words.
    #[error("{value} is not a status; use {StatusWords}")]
    BadStatus {
        /// The cell as found.
        value: CellValue,
    },
    /// A budget, staff or space cell that is not low, medium or high.
    #[error("{value} is not an amount; use low, medium or high, or leave the cell empty")]
    BadAmount {
        /// The cell as found.
        value: CellValue,
    },
    /// A cell that should hold ids (`a;b`, or a list) but holds something else.
    #[error("expected ids (text such as \"computer-labs;wifi-access\", or a list of them), found {value}")]
    NotIds {
        /// The cell as found.
        value: CellValue,
    },
    /// A cell that should hold text but holds something else.
    #[error("expected text, found {value}")]
    NotText {
        /// The cell as found.
        value: CellValue,
    },
    /// A column whose name is close to a program id or a profile field but is neither: most
    /// likely a typo that would otherwise drop the column without a word.
    #[error("not a program id or profile field (did you mean \"{}\"?)", Echo(suggestion))]
    NearMissColumn {
        /// The column as named.
        name: String,
        /// The program id or field it is close to.
        suggestion: Id,
    },
    /// A column name used twice.
    #[error("appears more than once")]
    DuplicateColumn {
        /// The column's name.
        name: String,
    },
    /// A profile-file field that a table row cannot hold.
    #[error("is a profile-file field; in a table give budget, staff and space as columns of their own")]
    NotAColumn {
        /// The field's name.
        name: String,
    },
    /// A table with nothing that says what a library offers.
    #[error(
        "no \"offers\" column and no column named after a program id (such as \"computer-labs\"): nothing says what the library offers"
    )]
    NoProgramColumns,
    /// A table that says what a library offers in two ways at once.
    #[error(
        "column \"{}\" lists programs and column \"{}\" is a program: use lists (offers, piloting, planned, unknown) or one column per program, not both",
        Echo(list),
        Echo(program)
    )]
    MixedColumns {
        /// The list column (`offers`, …).
        list: String,
        /// A program column.
        program: String,
    },
}

/// Why an engine call or a piece of input was refused: what ([`ErrorKind`]) and where
/// ([`Path`], empty when the error concerns the input as a whole). Displayed as
/// `path: what`, or `what` alone.
///
/// ```
/// # let catalog = smartlib_core::Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
/// let error = catalog.assess(&smartlib_core::Profile::offering(["wfii"])).unwrap_err();
/// assert_eq!(error.path.to_string(), "offers[0]");
/// assert_eq!(error.kind.to_string(), r#"unknown program "wfii" (did you mean "wifi"?)"#);
/// assert_eq!(error.to_string(), r#"offers[0]: unknown program "wfii" (did you mean "wifi"?)"#);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Error {
    /// Where: a key path (`offers[2]`), a table position (`row 3, column "x"`), or empty.
    pub path: Path,
    /// What is wrong.
    pub kind: ErrorKind,
}

impl Error {
    /// An error at `path`.
    pub fn new(path: Path, kind: ErrorKind) -> Error {
        Error { path, kind }
    }

    /// The table row the error is in, or `None` when it concerns a whole table (a column
    /// name, the set of columns) or is not about a table at all.
    pub fn row(&self) -> Option<usize> {
        self.path.row_number()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", At(&self.path), self.kind)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Catalog(error) => Some(error),
            _ => None,
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error { path: Path::root(), kind }
    }
}

impl From<CatalogError> for Error {
    fn from(error: CatalogError) -> Error {
        ErrorKind::Catalog(error).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_key_paths_or_table_positions() {
        assert_eq!(
            Path::root().key("programs").index(3).key("builds_on").index(1).to_string(),
            "programs[3].builds_on[1]"
        );
        assert_eq!(Path::root().row(3).column("wifi-access").to_string(), r#"row 3, column "wifi-access""#);
        assert_eq!(Path::root().column("offers").in_row(2).to_string(), r#"row 2, column "offers""#);
        assert_eq!(Path::root().column("x").row_number(), None);
        assert_eq!(Path::root().row(7).row_number(), Some(7));
    }

    /// An id from the input could hide text, reorder it or flood the terminal: every message
    /// echoes it through [`Echo`].
    #[test]
    fn echoed_input_is_escaped_and_cut() {
        let kind = ErrorKind::UnknownProgram {
            id: "wifi\u{202e}ssecca\u{0}\u{200b}\u{2066}\u{feff}\n\"\\".to_owned(),
            suggestion: Some(Id::from("wifi-access")),
        };
        assert_eq!(
            kind.to_string(),
            r#"unknown program "wifi\u{202e}ssecca\u{0}\u{200b}\u{2066}\u{feff}\n\"\\" (did you mean "wifi-access"?)"#
        );
        let path = Path::root().row(2).column("lab\u{202e}").key("a\u{7}");
        assert_eq!(path.to_string(), r#"row 2, column "lab\u{202e}".a\u{7}"#);
        let cell = CellValue::Text(format!("{}\u{2067}", "é".repeat(100)));
        assert_eq!(cell.to_string(), format!("\"{}…\"", "é".repeat(80)));
        let cycle = Problem::Cycle { cycle: vec![Id::from("a\u{2029}"), Id::from("b"), Id::from("a\u{2029}")] };
        assert_eq!(cycle.to_string(), r"forms a cycle: a\u{2029} -> b -> a\u{2029}");
        // Letters of every script, accents and emoji are shown as they are.
        assert_eq!(Echo("bibliothèque-ملتقى-图书馆-📚").to_string(), "bibliothèque-ملتقى-图书馆-📚");
    }

    #[test]
    fn numbers_print_alike_whatever_their_type() {
        assert_eq!(CellValue::Number(-1.0).to_string(), "-1");
        assert_eq!(CellValue::Number(2.5).to_string(), "2.5");
        assert_eq!(CellValue::Number(f64::INFINITY).to_string(), "inf");
        assert_eq!(CellValue::Text("maybe".into()).to_string(), "\"maybe\"");
    }

    #[test]
    fn status_errors_list_every_accepted_word() {
        let message = ErrorKind::BadStatus { value: CellValue::Text("maybe".into()) }.to_string();
        assert_eq!(
            message,
            "\"maybe\" is not a status; use offered, yes, y, true, 1, 1.0; piloting, pilot; planned; \
             not-offered, no, n, false, 0, 0.0; unknown, ?, na, n/a, nan, null or an empty cell"
        );
    }
}
