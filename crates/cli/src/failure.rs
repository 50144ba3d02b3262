//! Why a command stopped, said in one line, and its exit code: 2 for bad usage or bad input.

use std::fmt;
use std::io;
use std::path::Path;

use smartlib::content::Hint;
use smartlib::{ContentError, Error};

/// A command that could not do its job. Displayed as the one line after `smartlib: `.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Flags that do not fit together or a value out of range.
    Usage(String),
    /// A catalog or profile file with problems (each with file, line and column): the first.
    Content(ContentError),
    /// The same, listing every problem (for `validate`, which takes a catalog as PATH).
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
            // The error ends with its hint, if any; what is left to say is which flag takes it.
            Failure::Content(error) => match error.hint().and_then(|hint| pass_it(hint, false)) {
                Some(advice) => write!(f, "{error}: {advice}"),
                None => write!(f, "{error}"),
            },
            Failure::AllProblems(error) => {
                let lines: Vec<String> = error.report().lines().collect();
                f.write_str(&lines.join("\nsmartlib: "))?;
                if error.count() > 1 {
                    write!(f, "\nsmartlib: {} problems found", error.count())?;
                }
                match error.hint() {
                    Some(hint) => match pass_it(hint, true) {
                        Some(advice) => write!(f, "\nsmartlib: {hint}: {advice}"),
                        None => write!(f, "\nsmartlib: {hint}"),
                    },
                    None => Ok(()),
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

/// How this command line takes a file that looks like the other kind: `validate` takes a
/// catalog as its PATH, every other command with `--content`.
fn pass_it(hint: Hint, validate: bool) -> Option<&'static str> {
    match hint {
        Hint::LooksLikeCatalog if validate => Some("pass it as PATH (smartlib validate PATH)"),
        Hint::LooksLikeCatalog => Some("pass it with --content"),
        Hint::LooksLikeProfile => Some("pass it with --profile"),
        _ => None,
    }
}

impl From<ContentError> for Failure {
    fn from(error: ContentError) -> Failure {
        Failure::Content(error)
    }
}
