//! [`SmartlibError`]: the one error type of the binding, and how the engine's errors map to it.

use crate::records::count;

/// Why a call was refused. Every case carries `description`, the engine's whole message
/// (`path: what`), the same text the CLI and Python show.
#[derive(Debug, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum SmartlibError {
    /// A program id the catalog does not have (in a profile, or in a table cell).
    #[error("{description}")]
    UnknownProgram {
        /// The id as given.
        id: String,
        /// The nearest valid id.
        suggestion: Option<String>,
        /// The whole message, with the position (`offers[2]`, or `row 3, column "offers"`).
        description: String,
    },
    /// A profile that does not fit: an unknown goal, a program under two statuses, bad JSON.
    #[error("{description}")]
    Profile {
        /// What is wrong and where.
        description: String,
    },
    /// A catalog that cannot be used, with the position of its first problem.
    #[error("{description}")]
    Content {
        /// The first problem, as `file:line:column: path: message`.
        description: String,
        /// Line of the first problem, from 1, when known.
        line: Option<u32>,
        /// Column of the first problem, from 1, when known.
        column: Option<u32>,
        /// How many problems were found.
        problems: u32,
    },
    /// Table input that cannot be read: a column name (a near miss of a program id, a name
    /// used twice), the set of columns (no `offers` and no program column, or both), or one
    /// cell of one row.
    #[error("{description}")]
    Table {
        /// The whole message: `row 4, column "computer-labs": -1 is not a status; use …`,
        /// `column "Computer_Labs": not a program id …`, or the message alone for the table.
        description: String,
        /// The row, from 1 for the first row of data; `None` for column and table errors.
        row: Option<u32>,
        /// The column's name; `None` for errors about a whole row or the whole table.
        column: Option<String>,
    },
}

impl From<smartlib::Error> for SmartlibError {
    /// Errors of profiles and calls: `UnknownProgram`, `Content` for catalog data, and
    /// `Profile` for everything else.
    fn from(error: smartlib::Error) -> SmartlibError {
        let message = error.to_string();
        match error.kind {
            smartlib::ErrorKind::UnknownProgram { id, suggestion, .. } => SmartlibError::UnknownProgram {
                id,
                suggestion: suggestion.map(|s| s.to_string()),
                description: message,
            },
            smartlib::ErrorKind::Catalog(error) => SmartlibError::Content {
                description: message,
                line: None,
                column: None,
                problems: count(error.problems().len()),
            },
            _ => SmartlibError::Profile { description: message },
        }
    }
}

impl From<smartlib::ContentError> for SmartlibError {
    fn from(error: smartlib::ContentError) -> SmartlibError {
        let first = &error.diagnostics()[0];
        SmartlibError::Content {
            description: error.to_string(),
            line: first.position.map(|p| count(p.line)),
            column: first.position.map(|p| count(p.column)),
            problems: count(error.diagnostics().len()),
        }
    }
}

impl SmartlibError {
    /// An error from reading a table: `Table` with the row and column of its path, except an
    /// unknown program id, which stays `UnknownProgram` (with its suggestion; the description
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
}
