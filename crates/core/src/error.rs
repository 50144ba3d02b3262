//! Errors: what is wrong, where (a key path such as `programs[3].builds_on[1]`) and what to do.
//!
//! Key paths let the content crate point at file, line and column; the engine itself never
//! sees files.

use std::borrow::Cow;
use std::fmt;

use crate::model::Id;
use crate::profile::Status;

/// `Result` with this crate's [`Error`] as the default error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One step of a key path: a field name or a list position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// A field (`builds_on`).
    Key(Cow<'static, str>),
    /// A position in a list, from 0.
    Index(usize),
}

/// Where in a catalog or profile a problem sits, such as `programs[3].builds_on[1]`.
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

    fn then(&self, segment: Segment) -> Path {
        let mut segments = Vec::with_capacity(self.0.len() + 1);
        segments.extend_from_slice(&self.0);
        segments.push(segment);
        Path(segments)
    }

    /// The steps, outermost first.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
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
pub(crate) struct At<'a>(pub &'a Path);

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.segments().is_empty() { Ok(()) } else { write!(f, "{}: ", self.0) }
    }
}

/// Formats ` (did you mean "x"?)` when there is a suggestion.
pub(crate) struct DidYouMean<'a>(pub &'a Option<Id>);

impl fmt::Display for DidYouMean<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(id) => write!(f, " (did you mean \"{id}\"?)"),
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
    #[error("tier \"{tier}\" has no programs")]
    EmptyTier {
        /// The tier's id.
        tier: Id,
    },
    /// Required text that is empty or only white space.
    #[error("must not be empty")]
    EmptyText,
    /// An id that is not lower-case kebab-case.
    #[error("\"{id}\" is not a valid id (use lower-case letters, digits and single hyphens, like \"wifi-access\")")]
    InvalidId {
        /// The offending id.
        id: String,
    },
    /// An id used twice.
    #[error("duplicate {kind} \"{id}\" (first defined at {first})")]
    Duplicate {
        /// What kind of entry.
        kind: Kind,
        /// The repeated id.
        id: Id,
        /// Where it first appeared.
        first: Path,
    },
    /// A reference to an id that does not exist.
    #[error("unknown {kind} \"{id}\"{}", DidYouMean(suggestion))]
    UnknownReference {
        /// What kind of entry the id should name.
        kind: Kind,
        /// The id as written.
        id: Id,
        /// The nearest valid id.
        suggestion: Option<Id>,
    },
    /// Programs that build on each other in a circle.
    #[error("forms a cycle: {}", cycle.iter().map(|id| id.as_ref()).collect::<Vec<_>>().join(" -> "))]
    Cycle {
        /// The programs in the cycle, first repeated at the end (`a -> b -> a`).
        cycle: Vec<Id>,
    },
    /// A number outside its allowed range.
    #[error("{value} is out of range: expected {expected}")]
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
    #[error("\"{url}\" is not an http(s) URL")]
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
        if self.path.segments().is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}: {}", self.path, self.problem)
        }
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

/// Why an engine call was refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A profile names a program the catalog does not have.
    #[error("{}unknown program \"{id}\"{}", At(path), DidYouMean(suggestion))]
    UnknownProgram {
        /// The id as written.
        id: String,
        /// Where in the profile (`offers[2]`).
        path: Path,
        /// The nearest valid program id.
        suggestion: Option<Id>,
    },
    /// A profile's goal names neither a role nor an area of the catalog.
    #[error("{}unknown goal \"{id}\" (goals are role or contribution area ids){}", At(path), DidYouMean(suggestion))]
    UnknownGoal {
        /// The id as written.
        id: String,
        /// Where in the profile (`goals[0]`).
        path: Path,
        /// The nearest valid role or area id.
        suggestion: Option<Id>,
    },
    /// A profile gives one program two statuses.
    #[error("{}program \"{id}\" is listed as {first} and as {second}", At(path))]
    ConflictingStatus {
        /// The program id.
        id: Id,
        /// Where the second listing is.
        path: Path,
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
    /// A resolved profile that belongs to another catalog.
    #[error("this profile was resolved against another catalog; resolve it again with this one")]
    CatalogMismatch,
    /// Catalog data that does not hold together.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
}

impl Error {
    /// Where in the profile (or what-if list) the error is, for errors about one entry.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Error::UnknownProgram { path, .. }
            | Error::UnknownGoal { path, .. }
            | Error::ConflictingStatus { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The message without its leading `path: `, for callers that show the position their own
    /// way (a file position, a command-line flag).
    ///
    /// ```
    /// # let catalog = smartlib_core::Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
    /// let error = catalog.assess(&smartlib_core::Profile::offering(["wfii"])).unwrap_err();
    /// assert_eq!(error.path().map(ToString::to_string).as_deref(), Some("offers[0]"));
    /// assert_eq!(error.message(), r#"unknown program "wfii" (did you mean "wifi"?)"#);
    /// ```
    pub fn message(&self) -> String {
        let text = self.to_string();
        match self.path().filter(|path| !path.segments().is_empty()) {
            Some(path) => text.strip_prefix(&format!("{path}: ")).map_or_else(|| text.clone(), str::to_owned),
            None => text,
        }
    }
}
