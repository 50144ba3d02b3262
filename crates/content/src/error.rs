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
    /// A catalog written in a `schema_version` of another major version than this engine reads.
    UnsupportedVersion,
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
            ErrorKind::UnsupportedVersion => "unsupported-version",
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

/// One problem, or one warning: where it is and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
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
    /// The name the problem is about, as written: an unknown or repeated id, an unknown field
    /// or value.
    pub id: Option<String>,
    /// The nearest valid name, for an unknown one: what the "did you mean" in the message says.
    pub suggestion: Option<String>,
}

impl Diagnostic {
    /// Names what the problem is about, and the nearest valid name.
    pub(crate) fn about(mut self, id: impl Into<String>, suggestion: Option<String>) -> Self {
        self.id = Some(id.into());
        self.suggestion = suggestion;
        self
    }
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

/// What a file that did not load seems to be instead. The loaders find it; each front end says
/// how to pass such a file its own way (the CLI names its flag).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Hint {
    /// A catalog (a file or a catalog directory) given where a profile was expected: it has a
    /// catalog's `tiers` or `start_message`, and no profile field.
    LooksLikeCatalog,
    /// A profile given where a catalog was expected: it has a profile's `offers`, `goals`, … and
    /// no catalog field.
    LooksLikeProfile,
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Hint::LooksLikeCatalog => "this looks like a catalog, not a profile",
            Hint::LooksLikeProfile => "this looks like a profile, not a catalog",
        })
    }
}

/// The most diagnostics an error or a load keeps; the rest are counted. A file broken
/// everywhere (or a catalog directory of broken files) is still read to the end, but a report
/// of a hundred problems already says what there is to fix.
pub const MAX_DIAGNOSTICS: usize = 100;

/// Why content was refused: every problem found (the first [`MAX_DIAGNOSTICS`] of them, in the
/// order the files were read and each file in document order), and a [`Hint`] when the file
/// seems to be of the other kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError {
    diagnostics: Vec<Diagnostic>,
    omitted: usize,
    hint: Option<Hint>,
}

impl ContentError {
    pub(crate) fn new(mut diagnostics: Vec<Diagnostic>) -> ContentError {
        debug_assert!(!diagnostics.is_empty());
        let omitted = diagnostics.len().saturating_sub(MAX_DIAGNOSTICS);
        diagnostics.truncate(MAX_DIAGNOSTICS);
        ContentError { diagnostics, omitted, hint: None }
    }

    /// Counts `more` problems found but not listed.
    pub(crate) fn with_omitted(mut self, more: usize) -> ContentError {
        self.omitted += more;
        self
    }

    pub(crate) fn one(diagnostic: Diagnostic) -> ContentError {
        ContentError { diagnostics: vec![diagnostic], omitted: 0, hint: None }
    }

    pub(crate) fn with_hint(mut self, hint: Option<Hint>) -> ContentError {
        self.hint = hint;
        self
    }

    /// What the file seems to be instead, when it seems to be a catalog given as a profile or
    /// the reverse. [`Display`](fmt::Display) ends with it too.
    ///
    /// ```
    /// use smartlib_content::{Format, Hint, parse_profile};
    /// let catalog = smartlib_content::default_catalog();
    /// let text = "name = \"Tiny\"\nversion = \"1\"\nstart_message = \"Start.\"\n";
    /// let error = parse_profile(text, Format::Toml, "tiny.toml", &catalog).unwrap_err();
    /// assert_eq!(error.hint(), Some(Hint::LooksLikeCatalog));
    /// assert!(error.to_string().ends_with("; this looks like a catalog, not a profile"));
    /// ```
    pub fn hint(&self) -> Option<Hint> {
        self.hint
    }

    /// Every problem, up to [`MAX_DIAGNOSTICS`] (never empty).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// How many problems were found beyond those [`diagnostics`](Self::diagnostics) lists.
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    /// How many problems were found in all.
    pub fn count(&self) -> usize {
        self.diagnostics.len() + self.omitted
    }

    /// Every problem, one a line, then how many more there were if any: the whole report,
    /// where [`Display`](fmt::Display) gives the first problem, a count and the hint.
    ///
    /// ```
    /// use smartlib_content::{Format, parse_catalog};
    /// let text = "name = \"T\"\nversion = \"1\"\nstart_message = \"S\"\ntiers = []\nprograms = []\nnmae = 1\nvesrion = 2\n";
    /// let error = parse_catalog(text, Format::Toml, "t.toml").unwrap_err();
    /// assert_eq!(
    ///     error.report().to_string(),
    ///     "t.toml:6:1: nmae: unknown field \"nmae\" (did you mean \"name\"?)\n\
    ///      t.toml:7:1: vesrion: unknown field \"vesrion\" (did you mean \"version\"?)"
    /// );
    /// ```
    pub fn report(&self) -> Report<'_> {
        Report { lines: &self.diagnostics, omitted: self.omitted, noun: "problem" }
    }

    /// The kind of the first problem.
    pub fn kind(&self) -> ErrorKind {
        self.diagnostics[0].kind
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.diagnostics[0])?;
        match self.count() {
            1 => {}
            n => write!(f, " (and {} more problem{})", n - 1, if n == 2 { "" } else { "s" })?,
        }
        match self.hint {
            Some(hint) => write!(f, "; {hint}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for ContentError {}

/// Diagnostics one a line, then `and N more problems` when there were more than
/// [`MAX_DIAGNOSTICS`]: see [`ContentError::report`] and [`crate::LoadedCatalog::report`].
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    lines: &'a [Diagnostic],
    omitted: usize,
    noun: &'static str,
}

impl<'a> Report<'a> {
    pub(crate) fn warnings(lines: &'a [Diagnostic], omitted: usize) -> Report<'a> {
        Report { lines, omitted, noun: "warning" }
    }

    /// The lines of the report, each without a line break.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        let more = (self.omitted > 0).then(|| More(self.omitted, self.noun).to_string());
        self.lines.iter().map(ToString::to_string).chain(more)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, line) in self.lines().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            f.write_str(&line)?;
        }
        Ok(())
    }
}

/// `and 3 more problems`.
struct More(usize, &'static str);

impl fmt::Display for More {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "and {} more {}{}", self.0, self.1, if self.0 == 1 { "" } else { "s" })
    }
}
