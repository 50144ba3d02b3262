//! One input document: its text read within limits, deserialized into a typed value, and every
//! error turned into a [`Diagnostic`] with file, line, column, key path and kind.

use std::cell::OnceCell;

use serde::de::DeserializeOwned;
use smartlib_core::suggest::nearest_str;
use smartlib_core::{Path, Problem, Segment};

use crate::error::{ContentError, Diagnostic, ErrorKind, Position};
use crate::format::Format;
use crate::tree::{self, Node};

/// The largest input accepted: far above any real catalog (the 10,000-program benchmark
/// catalog is about 4 MiB), far below what would strain memory.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

pub(crate) struct Document {
    pub(crate) origin: String,
    pub(crate) text: String,
    pub(crate) format: Format,
    /// Built on first need: always for YAML, only for errors otherwise.
    tree: OnceCell<Option<Node>>,
}

impl Document {
    /// Checks size and encoding of raw bytes.
    pub(crate) fn from_bytes(origin: &str, bytes: Vec<u8>, format: Format) -> Result<Document, ContentError> {
        if bytes.len() > MAX_INPUT_BYTES {
            return Err(too_large(origin, bytes.len()));
        }
        let text = String::from_utf8(bytes).map_err(|error| {
            let valid = error.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
            let position = tree::Lines::new(&prefix).position(valid);
            ContentError::one(Diagnostic {
                origin: origin.to_owned(),
                position: Some(position),
                path: Path::root(),
                kind: ErrorKind::Encoding,
                message: format!("not UTF-8 text (invalid byte at offset {valid}); is this a {format} file?"),
            })
        })?;
        Ok(Document { origin: origin.to_owned(), text, format, tree: OnceCell::new() })
    }

    pub(crate) fn from_text(origin: &str, text: &str, format: Format) -> Result<Document, ContentError> {
        if text.len() > MAX_INPUT_BYTES {
            return Err(too_large(origin, text.len()));
        }
        Ok(Document { origin: origin.to_owned(), text: text.to_owned(), format, tree: OnceCell::new() })
    }

    /// Reads a file, refusing oversized files before reading them.
    pub(crate) fn read(path: &std::path::Path, format: Format) -> Result<Document, ContentError> {
        let origin = path.display().to_string();
        let io = |error: std::io::Error| {
            ContentError::one(Diagnostic {
                origin: origin.clone(),
                position: None,
                path: Path::root(),
                kind: ErrorKind::Io,
                message: format!("cannot read: {}", io_reason(&error)),
            })
        };
        let size = std::fs::metadata(path).map_err(io)?.len();
        if size > MAX_INPUT_BYTES as u64 {
            return Err(too_large(&origin, usize::try_from(size).unwrap_or(usize::MAX)));
        }
        Document::from_bytes(&origin, std::fs::read(path).map_err(io)?, format)
    }

    /// A diagnostic at `path`, positioned by the document's tree.
    pub(crate) fn diagnostic(&self, path: Path, kind: ErrorKind, message: String) -> Diagnostic {
        Diagnostic {
            origin: self.origin.clone(),
            position: self.tree().map(|tree| tree.locate(path.segments())),
            path,
            kind,
            message,
        }
    }

    fn tree(&self) -> Option<&Node> {
        self.tree
            .get_or_init(|| match self.format {
                Format::Toml => tree::toml(&self.text),
                Format::Json => tree::json(&self.text),
                Format::Yaml => tree::yaml(&self.text).ok(),
            })
            .as_ref()
    }

    fn syntax(&self, position: Option<Position>, message: String) -> ContentError {
        let nested = ["recursion limit", "recursion depth", "nested more than"];
        let kind =
            if nested.iter().any(|phrase| message.contains(phrase)) { ErrorKind::Nesting } else { ErrorKind::Syntax };
        ContentError::one(Diagnostic { origin: self.origin.clone(), position, path: Path::root(), kind, message })
    }

    /// Deserializes the whole document, or says precisely why not.
    ///
    /// The first pass is plain serde; only when it fails is the document read again with
    /// `serde_path_to_error`, whose path tracking costs a fifth of a successful load.
    pub(crate) fn deserialize<T: DeserializeOwned>(&self) -> Result<T, ContentError> {
        let fast = match self.format {
            Format::Json => serde_json::from_str(&self.text).ok(),
            Format::Toml => toml::from_str(&self.text).ok(),
            Format::Yaml => None,
        };
        match fast {
            Some(value) => Ok(value),
            None => self.deserialize_tracked(),
        }
    }

    fn deserialize_tracked<T: DeserializeOwned>(&self) -> Result<T, ContentError> {
        match self.format {
            Format::Json => {
                let json_error = |inner: &serde_json::Error, steps: Option<Vec<Segment>>| {
                    let position = Some(Position { line: inner.line(), column: inner.column() });
                    let message = strip_position(&inner.to_string());
                    match steps {
                        Some(steps) if !(inner.is_syntax() || inner.is_eof() || inner.is_io()) => {
                            self.typed(&steps, &message, position)
                        }
                        _ => self.syntax(position, message),
                    }
                };
                let mut deserializer = serde_json::Deserializer::from_str(&self.text);
                let value = serde_path_to_error::deserialize(&mut deserializer)
                    .map_err(|error| json_error(error.inner(), Some(steps_of(error.path()))))?;
                deserializer.end().map_err(|error| json_error(&error, None))?;
                Ok(value)
            }
            Format::Toml => {
                let deserializer = toml::Deserializer::parse(&self.text).map_err(|error| {
                    let position = error.span().map(|span| tree::Lines::new(&self.text).position(span.start));
                    self.syntax(position, error.message().to_owned())
                })?;
                serde_path_to_error::deserialize(deserializer).map_err(|error| {
                    let inner = error.inner();
                    let position = inner.span().map(|span| tree::Lines::new(&self.text).position(span.start));
                    self.typed(&steps_of(error.path()), inner.message(), position)
                })
            }
            Format::Yaml => {
                let node =
                    tree::yaml(&self.text).map_err(|(position, message)| self.syntax(Some(position), message))?;
                let value = node.into_value();
                serde_path_to_error::deserialize(value)
                    .map_err(|error| self.typed(&steps_of(error.path()), &error.inner().to_string(), None))
            }
        }
    }

    /// A diagnostic for an error serde found after the syntax was fine: wrong type, missing or
    /// unknown field, unknown variant. Unknown names get the nearest valid one.
    fn typed(&self, steps: &[Segment], message: &str, fallback: Option<Position>) -> ContentError {
        let names = backticked(message);
        let (kind, message, key) = if message.starts_with("unknown field") {
            let unknown = names.first().cloned().unwrap_or_default();
            let hint = did_you_mean(&unknown, &names[1.min(names.len())..]);
            (ErrorKind::UnknownField, format!("unknown field \"{unknown}\"{hint}"), Some(unknown))
        } else if message.starts_with("unknown variant") {
            let unknown = names.first().cloned().unwrap_or_default();
            let expected = names.get(1..).unwrap_or_default();
            let hint = did_you_mean(&unknown, expected);
            let allowed = expected.join(", ");
            (ErrorKind::InvalidValue, format!("unknown value \"{unknown}\" (expected one of: {allowed}){hint}"), None)
        } else if message.starts_with("missing field") {
            let field = names.first().cloned().unwrap_or_default();
            (ErrorKind::MissingField, format!("missing field \"{field}\""), None)
        } else if message.starts_with("duplicate field") {
            let field = names.first().cloned().unwrap_or_default();
            (ErrorKind::Duplicate, format!("duplicate field \"{field}\""), Some(field))
        } else {
            (ErrorKind::WrongType, message.to_owned(), None)
        };
        // serde_path_to_error's path ends at the unknown key itself; point at it.
        let (steps, key) = match (key, steps.split_last()) {
            (Some(key), Some((Segment::Key(last), parent))) if *last == key => (parent, Some(key)),
            (key, _) => (steps, key),
        };
        let tree_position = self.tree().map(|tree| match &key {
            Some(key) => tree.locate_key(steps, key).unwrap_or_else(|| tree.locate(steps)),
            None => tree.locate(steps),
        });
        let mut full_path = steps.to_vec();
        full_path.extend(key.map(|key| Segment::Key(key.into())));
        ContentError::one(Diagnostic {
            origin: self.origin.clone(),
            position: fallback.filter(|_| tree_position.is_none()).or(tree_position),
            path: Path::from(full_path),
            kind,
            message,
        })
    }

    /// A diagnostic for a catalog problem at `path` in this document.
    pub(crate) fn problem(&self, path: Path, problem: &Problem) -> Diagnostic {
        self.diagnostic(path, problem_kind(problem), problem.to_string())
    }
}

pub(crate) fn problem_kind(problem: &Problem) -> ErrorKind {
    match problem {
        Problem::Duplicate { .. } => ErrorKind::Duplicate,
        Problem::UnknownReference { .. } => ErrorKind::UnknownReference,
        Problem::Cycle { .. } => ErrorKind::Cycle,
        Problem::EmptyText => ErrorKind::EmptyText,
        _ => ErrorKind::InvalidValue,
    }
}

fn steps_of(path: &serde_path_to_error::Path) -> Vec<Segment> {
    use serde_path_to_error::Segment as Step;
    path.iter()
        .filter_map(|segment| match segment {
            Step::Seq { index } => Some(Segment::Index(*index)),
            Step::Map { key } => Some(Segment::Key(key.clone().into())),
            Step::Enum { variant } => Some(Segment::Key(variant.clone().into())),
            Step::Unknown => None,
        })
        .collect()
}

/// The names serde puts between backticks: `unknown field `x`, expected one of `a`, `b``.
fn backticked(message: &str) -> Vec<String> {
    message.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

fn did_you_mean(unknown: &str, expected: &[String]) -> String {
    nearest_str(unknown, expected.iter().map(String::as_str))
        .map(|name| format!(" (did you mean \"{name}\"?)"))
        .unwrap_or_default()
}

/// serde_json appends " at line L column C"; positions are reported separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}

fn too_large(origin: &str, size: usize) -> ContentError {
    ContentError::one(Diagnostic {
        origin: origin.to_owned(),
        position: None,
        path: Path::root(),
        kind: ErrorKind::TooLarge,
        message: format!("{size} bytes is more than the {} MiB limit", MAX_INPUT_BYTES / (1024 * 1024)),
    })
}

/// An I/O error in words, without the OS error number.
pub(crate) fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = error.to_string();
            text.split(" (os error").next().unwrap_or(&text).to_lowercase()
        }
    }
}
