//! [`SmartlibError`]: the one error type of the binding, and how the engine's errors map to it.

use crate::records::count;

/// Why a call was refused.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum SmartlibError {
    /// A program id the catalog does not have.
    #[error("{description}")]
    UnknownProgram {
        /// The id as given.
        id: String,
        /// The nearest valid id.
        suggestion: Option<String>,
        /// The whole message, with the position (`offers[2]`).
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
}

impl From<smartlib::Error> for SmartlibError {
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
