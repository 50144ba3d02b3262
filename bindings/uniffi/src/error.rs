//! [`SmartlibError`]: the one error type of the binding, one case a cause, and how the
//! engine's errors map to it; [`guarded`], which turns a Rust panic into
//! [`SmartlibError::Internal`] so no exported call can crash the app.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::records::{IdKind, count};

/// Why a call was refused: one case a cause (profile, unknown id, catalog, I/O, policy, table,
/// argument, internal). Every case carries `description`, the sentence the CLI prints for the
/// same problem (`path: what`); Kotlin's `message` and Swift's `errorDescription` are it. The
/// other fields are the same facts taken apart, for code that acts on them.
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
pub enum SmartlibError {
    /// A profile that cannot be used: a program under two statuses, profile text that is not
    /// valid JSON or has a field the format lacks.
    #[error("{description}")]
    InvalidProfile {
        /// The sentence the CLI prints.
        description: String,
        /// Where in the profile (`offers[2]`, `constraints.budget`); empty for the whole.
        path: String,
        /// Line of the problem in profile text, from 1, when known.
        line: Option<i32>,
        /// Column of the problem in profile text, from 1, when known.
        column: Option<i32>,
    },
    /// An id the catalog does not have: in a profile, a table cell or a lookup
    /// (`catalog.tier(id)` …).
    #[error("{description}")]
    UnknownId {
        /// The sentence the CLI prints, with its position (`offers[2]`, `row 3, column "offers"`).
        description: String,
        /// What the id should have named.
        kind: IdKind,
        /// The id as given.
        id: String,
        /// The nearest valid id of that kind.
        suggestion: Option<String>,
        /// Where it was given (`offers[2]`); empty for a lookup.
        path: String,
    },
    /// A catalog that cannot be used: wrong content, or a catalog format of another major
    /// version (a problem of kind `unsupported-version`). `problems` holds every problem found
    /// (the first 100, in document order); `description` is the first, with how many more
    /// there are.
    #[error("{description}")]
    InvalidCatalog {
        /// The sentence the CLI prints.
        description: String,
        /// Every problem, each with its place.
        problems: Vec<ContentProblem>,
        /// How many more problems were found than `problems` lists.
        omitted: i32,
    },
    /// A file or directory that could not be read.
    #[error("{description}")]
    Io {
        /// The sentence the CLI prints.
        description: String,
        /// The file as given.
        path: String,
    },
    /// Policy changes that cannot be applied: not JSON, an unknown field, a value out of range.
    #[error("{description}")]
    InvalidPolicy {
        /// The sentence the CLI prints.
        description: String,
    },
    /// Table input that cannot be read: a column name (a near miss of a program id, a name
    /// used twice), the set of columns (no `offers` and no program column, or both), or one
    /// cell of one row.
    #[error("{description}")]
    Table {
        /// `row 4, column "computer-labs": -1 is not a status; use …`,
        /// `column "Computer_Labs": not a program id …`, or the message alone for the table.
        description: String,
        /// The row, from 1 for the first row of data; null for column and table errors.
        row: Option<i32>,
        /// The column's name; null for errors about a whole row or the whole table.
        column: Option<String>,
    },
    /// An argument that means nothing, such as a negative limit.
    #[error("{description}")]
    InvalidArgument {
        /// What is wrong with it.
        description: String,
        /// The parameter's name.
        name: String,
    },
    /// A bug in smartlib (a Rust panic, caught before it reached the app). The call did
    /// nothing; the catalog and the app go on.
    #[error("{description}")]
    Internal {
        /// What went wrong, for a bug report.
        description: String,
    },
}

/// One problem of a catalog (or of profile text), or one warning about a catalog, with its
/// place.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ContentProblem {
    /// The whole line the CLI prints: `catalog.toml:12:5: programs[3].tier: unknown tier …`.
    pub description: String,
    /// What is wrong, without the place.
    pub message: String,
    /// A short kebab-case name of the kind of problem (`unknown-reference`, `unknown-field`,
    /// `unsupported-version`, `syntax`, …).
    pub kind: String,
    /// The name the problem is about, as written: an unknown or repeated id, an unknown field.
    pub id: Option<String>,
    /// The nearest valid name, for an unknown one.
    pub suggestion: Option<String>,
    /// The file, or a name for text such as `<text>`.
    pub origin: String,
    /// The key path inside the document (`programs[3].builds_on[1]`); empty for the document.
    pub path: String,
    /// Line, from 1, when known.
    pub line: Option<i32>,
    /// Column, from 1, when known.
    pub column: Option<i32>,
}

impl From<&smartlib::content::Diagnostic> for ContentProblem {
    fn from(d: &smartlib::content::Diagnostic) -> ContentProblem {
        ContentProblem {
            description: d.to_string(),
            message: d.message.clone(),
            kind: d.kind.as_str().to_owned(),
            id: d.id.clone(),
            suggestion: d.suggestion.clone(),
            origin: d.origin.clone(),
            path: d.path.to_string(),
            line: d.position.map(|p| count(p.line)),
            column: d.position.map(|p| count(p.column)),
        }
    }
}

/// Runs an exported call and answers a Rust panic in it with [`SmartlibError::Internal`], so a
/// bug in smartlib is a thrown error in Kotlin and Swift, never a crashed app. Every exported
/// function and method that does more than copy a field goes through it.
pub(crate) fn guarded<T>(call: impl FnOnce() -> Result<T, SmartlibError>) -> Result<T, SmartlibError> {
    // The catalogs are immutable and the call's inputs are owned by it, so nothing a panic
    // interrupts is seen half-changed afterwards.
    catch_unwind(AssertUnwindSafe(call)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_owned());
        Err(SmartlibError::Internal { description: format!("internal error (a bug in smartlib): {what}") })
    })
}

impl SmartlibError {
    /// A negative number where only 0 or more means something.
    pub(crate) fn check_not_negative(name: &str, value: i32) -> Result<usize, SmartlibError> {
        usize::try_from(value).map_err(|_| SmartlibError::InvalidArgument {
            description: format!("{name} must be 0 or more, not {value}"),
            name: name.to_owned(),
        })
    }

    /// A catalog that did not load: `Io` when the file itself could not be read, otherwise
    /// `InvalidCatalog` with every problem.
    pub(crate) fn catalog(error: &smartlib::ContentError) -> SmartlibError {
        let first = &error.diagnostics()[0];
        if first.kind == smartlib::content::ErrorKind::Io {
            return SmartlibError::Io { description: error.to_string(), path: first.origin.clone() };
        }
        SmartlibError::InvalidCatalog {
            description: error.to_string(),
            problems: error.diagnostics().iter().map(ContentProblem::from).collect(),
            omitted: count(error.omitted()),
        }
    }

    /// Profile text that did not read: `Io` or `InvalidProfile` at its first problem.
    pub(crate) fn profile_text(error: &smartlib::ContentError) -> SmartlibError {
        let first = &error.diagnostics()[0];
        if first.kind == smartlib::content::ErrorKind::Io {
            return SmartlibError::Io { description: error.to_string(), path: first.origin.clone() };
        }
        SmartlibError::InvalidProfile {
            description: error.to_string(),
            path: first.path.to_string(),
            line: first.position.map(|p| count(p.line)),
            column: first.position.map(|p| count(p.column)),
        }
    }

    /// Policy changes that could not be applied.
    pub(crate) fn policy(what: impl std::fmt::Display) -> SmartlibError {
        SmartlibError::InvalidPolicy { description: format!("policy: {what}") }
    }

    /// An error from reading a table: `Table` with the row and column of its path, except an
    /// unknown program id, which stays `UnknownId` (with its suggestion; the description
    /// carries the position).
    pub(crate) fn from_table(error: smartlib::Error) -> SmartlibError {
        if matches!(error.kind, smartlib::ErrorKind::UnknownProgram { .. } | smartlib::ErrorKind::Catalog(_)) {
            return error.into();
        }
        let column = error.path.segments().iter().rev().find_map(|segment| match segment {
            smartlib::Segment::Column(name) => Some(name.to_string()),
            _ => None,
        });
        SmartlibError::Table { description: error.to_string(), row: error.row().map(count), column }
    }

    /// An id a lookup did not find, with the nearest of `candidates`.
    pub(crate) fn unknown_id<'a>(
        kind: IdKind,
        id: &str,
        candidates: impl IntoIterator<Item = &'a smartlib::Id>,
    ) -> SmartlibError {
        let suggestion = smartlib::suggest::nearest_str(id, candidates.into_iter().map(|c| &**c)).map(str::to_owned);
        let hint = suggestion.as_ref().map_or_else(String::new, |s| format!(" (did you mean \"{s}\"?)"));
        SmartlibError::UnknownId {
            description: format!("unknown {} \"{}\"{hint}", kind.noun(), smartlib::Echo(id)),
            kind,
            id: id.to_owned(),
            suggestion,
            path: String::new(),
        }
    }
}

impl From<smartlib::Error> for SmartlibError {
    /// Errors of profiles and calls, each to its cause.
    fn from(error: smartlib::Error) -> SmartlibError {
        let description = error.to_string();
        let path = error.path.to_string();
        match error.kind {
            smartlib::ErrorKind::UnknownProgram { id, suggestion, .. } => SmartlibError::UnknownId {
                description,
                kind: IdKind::Program,
                id,
                suggestion: suggestion.map(|s| s.to_string()),
                path,
            },
            smartlib::ErrorKind::UnknownGoal { id, suggestion, .. } => SmartlibError::UnknownId {
                description,
                kind: IdKind::Goal,
                id,
                suggestion: suggestion.map(|s| s.to_string()),
                path,
            },
            smartlib::ErrorKind::Catalog(error) => SmartlibError::InvalidCatalog {
                description,
                problems: error
                    .problems()
                    .iter()
                    .map(|located| ContentProblem {
                        description: located.to_string(),
                        message: located.problem.to_string(),
                        kind: "invalid-value".to_owned(),
                        id: None,
                        suggestion: None,
                        origin: String::new(),
                        path: located.path.to_string(),
                        line: None,
                        column: None,
                    })
                    .collect(),
                omitted: 0,
            },
            // Calls the binding makes itself: reaching these is a bug in the binding.
            smartlib::ErrorKind::NoSuchProgram { .. }
            | smartlib::ErrorKind::WrongStatusCount { .. }
            | smartlib::ErrorKind::CatalogMismatch
            | smartlib::ErrorKind::NotLevelsByColumn => {
                SmartlibError::Internal { description: format!("internal error (a bug in smartlib): {description}") }
            }
            _ => SmartlibError::InvalidProfile { description, path, line: None, column: None },
        }
    }
}
