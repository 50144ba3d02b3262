//! Why a command stopped, said in one line, and its exit code: 2 for bad usage or bad input.

use std::fmt;
use std::io;
use std::path::Path;

use smartlib::{ContentError, Error};

/// A command that could not do its job. Displayed as the one line after `smartlib: `.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Flags that do not fit together or a value out of range.
    Usage(String),
    /// A catalog or profile file with problems (each with file, line and column): the first.
    Content(ContentError),
    /// The same, listing every problem (for `validate`).
    AllProblems(ContentError),
    /// The engine refused a profile; `input` names where it came from (`--offers`, a file).
    Engine { input: String, message: String },
    /// A file that could not be read or written.
    Io { path: String, error: io::Error },
}

impl Failure {
    /// An engine error from an input that has no positions of its own: the full message.
    pub(crate) fn engine(input: &str, error: &Error) -> Failure {
        Failure::Engine { input: input.to_owned(), message: error.to_string() }
    }

    /// An engine error from a command-line flag: the flag stands for the position.
    pub(crate) fn flag(flag: &str, error: &Error) -> Failure {
        Failure::Engine { input: flag.to_owned(), message: error.kind.to_string() }
    }

    pub(crate) fn io(path: &Path, error: io::Error) -> Failure {
        Failure::Io { path: path.display().to_string(), error }
    }

    /// A write to a pipe whose reader has gone (`smartlib batch x.csv | head`).
    pub(crate) fn is_broken_pipe(&self) -> bool {
        matches!(self, Failure::Io { error, .. } if error.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(message) => f.write_str(message),
            Failure::Content(error) => write!(f, "{error}"),
            Failure::AllProblems(error) => {
                let lines: Vec<String> = error.diagnostics().iter().map(ToString::to_string).collect();
                f.write_str(&lines.join("\nsmartlib: "))?;
                match lines.len() {
                    1 => Ok(()),
                    n => write!(f, "\nsmartlib: {n} problems found"),
                }
            }
            Failure::Engine { input, message } => write!(f, "{input}: {message}"),
            Failure::Io { path, error } => {
                let reason = match error.kind() {
                    io::ErrorKind::NotFound => "no such file or directory".to_owned(),
                    io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                    _ => error.to_string(),
                };
                write!(f, "{path}: {reason}")
            }
        }
    }
}

impl From<ContentError> for Failure {
    fn from(error: ContentError) -> Failure {
        Failure::Content(error)
    }
}
