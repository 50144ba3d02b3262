//! Content errors: every problem as a diagnostic naming the file, line, column, key path and
//! kind, displayed like `catalog/programs/makerspaces.toml:12:5: builds_on[1]: unknown program …`.

use std::fmt;

use smartlib_core::Path;

/// What kind of problem a diagnostic reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read.
    Io,
    /// The input is larger than [`crate::MAX_INPUT_BYTES`].
    TooLarge,
    /// The input is not UTF-8 text.
    Encoding,
    /// The input nests deeper than any catalog or profile needs.
    Nesting,
    /// Not valid TOML, JSON or YAML.
    Syntax,
    /// A value of the wrong type.
    WrongType,
    /// A file with nothing in it but white space and comments.
    Empty,
    /// A required field is missing.
    MissingField,
    /// A field the format does not have.
    UnknownField,
    /// An id that names nothing.
    UnknownReference,
    /// An id used twice, or a program given two statuses.
    Duplicate,
    /// Programs (or guides) that refer to each other in a circle.
    Cycle,
    /// Required text left empty.
    EmptyText,
    /// A value that breaks a rule: an id's spelling, a range, an empty tier.
    InvalidValue,
    /// A catalog directory whose files and manifest disagree, or a listed entry that is no
    /// file to read (a directory, a pipe, a broken symbolic link).
    Layout,
    /// A file whose format cannot be told from its name, or a format that cannot be written.
    UnsupportedFormat,
}

impl ErrorKind {
    /// A short kebab-case name (`unknown-reference`), stable for tools that parse it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::Encoding => "encoding",
            ErrorKind::Nesting => "nesting",
            ErrorKind::Syntax => "syntax",
            ErrorKind::WrongType => "wrong-type",
            ErrorKind::Empty => "empty",
            ErrorKind::MissingField => "missing-field",
            ErrorKind::UnknownField => "unknown-field",
            ErrorKind::UnknownReference => "unknown-reference",
            ErrorKind::Duplicate => "duplicate",
            ErrorKind::Cycle => "cycle",
            ErrorKind::EmptyText => "empty-text",
            ErrorKind::InvalidValue => "invalid-value",
            ErrorKind::Layout => "layout",
            ErrorKind::UnsupportedFormat => "unsupported-format",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A line and column, both counted from 1 (columns in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// One problem: where it is and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file (as given) or a name for in-memory text such as `<string>`.
    pub origin: String,
    /// Where in it, when known.
    pub position: Option<Position>,
    /// The key path inside the document (`programs[3].builds_on[1]`); empty for the document.
    pub path: Path,
    /// What kind of problem.
    pub kind: ErrorKind,
    /// What is wrong, and what to do where there is a hint.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.origin)?;
        if let Some(Position { line, column }) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Why content was refused: every problem found, in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError {
    diagnostics: Vec<Diagnostic>,
}

impl ContentError {
    pub(crate) fn new(diagnostics: Vec<Diagnostic>) -> ContentError {
        debug_assert!(!diagnostics.is_empty());
        ContentError { diagnostics }
    }

    pub(crate) fn one(diagnostic: Diagnostic) -> ContentError {
        ContentError { diagnostics: vec![diagnostic] }
    }

    /// Every problem (never empty).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The kind of the first problem.
    pub fn kind(&self) -> ErrorKind {
        self.diagnostics[0].kind
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.diagnostics[0])?;
        match self.diagnostics.len() {
            1 => Ok(()),
            n => write!(f, " (and {} more problem{})", n - 1, if n == 2 { "" } else { "s" }),
        }
    }
}

impl std::error::Error for ContentError {}
