//! One input document: its text read within limits, deserialized into a typed value, and every
//! error turned into a [`Diagnostic`] with file, line, column, key path and kind.

use std::cell::OnceCell;
use std::io::Read;

use serde::de::DeserializeOwned;
use smartlib_core::{Path, Problem};

use crate::de;
use crate::error::{ContentError, Diagnostic, ErrorKind, Hint};
use crate::format::Format;
use crate::tree::{self, Kind, Node, Refusal, Scalar};
use crate::version::{ASSUMED_SCHEMA_VERSION, SCHEMA_VERSION, SchemaVersion, Support};

/// The largest input accepted, whatever the file type: far above any real catalog (the
/// 10,000-program benchmark catalog is about 4 MiB), far below what would strain memory.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// What some editors write at the start of a UTF-8 file. It says nothing in UTF-8, so every
/// format drops it before reading (TOML and YAML allow it, JSON parsers refuse it), and
/// columns on the first line count from the character after it.
const BYTE_ORDER_MARK: char = '\u{feff}';

/// What a document holds: a table of fields of one kind. Any other value at the top level is
/// refused by name, and so is an empty file, the same way in every format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Holds {
    Profile,
    /// A catalog file or a catalog directory's manifest.
    Catalog,
    Program,
    Process,
    Outreach,
    Example,
}

impl Holds {
    fn noun(self) -> &'static str {
        match self {
            Holds::Profile => "a profile",
            Holds::Catalog => "a catalog",
            Holds::Program => "a program",
            Holds::Process => "a process",
            Holds::Outreach => "an outreach tool",
            Holds::Example => "an example library",
        }
    }

    /// What an empty file lacks, written as the format writes it.
    fn least(self, format: Format) -> String {
        match self {
            Holds::Profile => {
                let (some, none) = match format {
                    Format::Toml => ("offers = [\"computer-labs\"]", "offers = []"),
                    Format::Json => ("{\"offers\": [\"computer-labs\"]}", "{\"offers\": []}"),
                    Format::Yaml => ("offers: [computer-labs]", "offers: []"),
                };
                format!("the programs the library offers: `{some}`, or `{none}` if none yet")
            }
            Holds::Catalog => "name, version, start_message, tiers and programs".to_owned(),
            Holds::Program => "id, name, tier and summary".to_owned(),
            Holds::Process | Holds::Outreach => "id, name and summary".to_owned(),
            Holds::Example => "id, name, location and summary".to_owned(),
        }
    }
}

/// What a reading does with a field the type does not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unknown {
    /// Refuse it, naming the nearest field: at this engine's format version or an older one, an
    /// unknown field is a typo.
    Refuse,
    /// Leave it out with a warning: the file is written in this newer minor format version.
    Ignore(SchemaVersion),
    /// Decide by the document's own `schema_version` (a catalog file or manifest).
    ByVersion,
}

impl Unknown {
    /// What a catalog written in `version` gets.
    pub(crate) fn for_version(version: SchemaVersion) -> Unknown {
        match version.support() {
            Support::IgnoringNewFields => Unknown::Ignore(version),
            _ => Unknown::Refuse,
        }
    }
}

/// Warnings of a reading: the first ones in detail, and how many more there were.
#[derive(Debug, Default)]
pub(crate) struct Warnings {
    pub(crate) listed: Vec<Diagnostic>,
    pub(crate) omitted: usize,
}

impl Warnings {
    /// Adds another file's warnings after these.
    pub(crate) fn extend(&mut self, other: Warnings) {
        self.listed.extend(other.listed);
        self.omitted += other.omitted;
    }
}

/// The key of a catalog's format version.
pub(crate) const SCHEMA_VERSION_KEY: &str = "schema_version";

pub(crate) struct Document {
    pub(crate) origin: String,
    pub(crate) text: String,
    pub(crate) format: Format,
    /// Built on first need: always for YAML, only for errors otherwise.
    tree: OnceCell<Result<Node, Refusal>>,
}

impl Document {
    /// Checks size and encoding of raw bytes.
    pub(crate) fn from_bytes(origin: &str, bytes: Vec<u8>, format: Format) -> Result<Document, ContentError> {
        if bytes.len() > MAX_INPUT_BYTES {
            return Err(too_large(origin, Some(bytes.len())));
        }
        let mut text = String::from_utf8(bytes).map_err(|error| {
            let valid = error.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
            let position = tree::Lines::new(&prefix).position(valid);
            ContentError::one(Diagnostic {
                id: None,
                suggestion: None,
                origin: origin.to_owned(),
                position: Some(position),
                path: Path::root(),
                kind: ErrorKind::Encoding,
                message: format!("not UTF-8 text (invalid byte at offset {valid}); is this a {format} file?"),
            })
        })?;
        if text.starts_with(BYTE_ORDER_MARK) {
            text.drain(..BYTE_ORDER_MARK.len_utf8());
        }
        Ok(Document { origin: origin.to_owned(), text, format, tree: OnceCell::new() })
    }

    pub(crate) fn from_text(origin: &str, text: &str, format: Format) -> Result<Document, ContentError> {
        if text.len() > MAX_INPUT_BYTES {
            return Err(too_large(origin, Some(text.len())));
        }
        let text = text.strip_prefix(BYTE_ORDER_MARK).unwrap_or(text);
        Ok(Document { origin: origin.to_owned(), text: text.to_owned(), format, tree: OnceCell::new() })
    }

    /// Reads a file of any type, never more than [`MAX_INPUT_BYTES`] of it.
    ///
    /// A regular file too large is refused by its size before it is read. Devices, pipes and
    /// `/proc` files declare no size (a profile linked to `/dev/zero` has size 0), so the read
    /// itself stops one byte past the limit.
    pub(crate) fn read(path: &std::path::Path, format: Format) -> Result<Document, ContentError> {
        let origin = path.display().to_string();
        let io = |error: std::io::Error| {
            ContentError::one(Diagnostic {
                id: None,
                suggestion: None,
                origin: origin.clone(),
                position: None,
                path: Path::root(),
                kind: ErrorKind::Io,
                message: format!("cannot read: {}", io_reason(&error)),
            })
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let declared = file.metadata().map_err(io)?.len();
        if declared > MAX_INPUT_BYTES as u64 {
            return Err(too_large(&origin, Some(usize::try_from(declared).unwrap_or(usize::MAX))));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
        file.take(MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(io)?;
        if bytes.len() > MAX_INPUT_BYTES {
            return Err(too_large(&origin, None));
        }
        Document::from_bytes(&origin, bytes, format)
    }

    /// A diagnostic at `path`, positioned by the document's tree.
    pub(crate) fn diagnostic(&self, path: Path, kind: ErrorKind, message: String) -> Diagnostic {
        Diagnostic {
            id: None,
            suggestion: None,
            origin: self.origin.clone(),
            position: self.tree().as_ref().ok().map(|tree| tree.locate(path.segments())),
            path,
            kind,
            message,
        }
    }

    /// The document as a tree of positioned values; built once, on first need.
    fn tree(&self) -> &Result<Node, Refusal> {
        self.tree.get_or_init(|| match self.format {
            Format::Toml => tree::toml(&self.text),
            Format::Json => tree::json(&self.text),
            Format::Yaml => tree::yaml(&self.text),
        })
    }

    /// Deserializes the whole document, which `holds` a table of fields, or says precisely
    /// why not; an unknown field is an error.
    pub(crate) fn deserialize<T: DeserializeOwned>(&self, holds: Holds) -> Result<T, ContentError> {
        self.deserialize_with(holds, Unknown::Refuse).map(|(value, _)| value)
    }

    /// Deserializes the whole document, which `holds` a table of fields, doing with unknown
    /// fields what `unknown` says: the value and the warnings, or every problem found.
    ///
    /// The first pass is plain serde, straight from the text: a document that loads never
    /// builds its tree. Only when that pass fails is the document read again through the tree,
    /// which knows where everything is and reads past unknown fields, so that all of them are
    /// reported (or, for a newer minor version, left out). YAML has no fast pass: it is always
    /// read that way. A fast pass that succeeds found no unknown field, so it has no warning;
    /// with [`Unknown::ByVersion`], the caller checks the version the value holds.
    ///
    /// Before either, the top level is checked: an empty file (nothing but white space and
    /// comments) is refused in every format, as is a top level that is not a table (serde
    /// would read a JSON array into a struct field by field, by position).
    pub(crate) fn deserialize_with<T: DeserializeOwned>(
        &self,
        holds: Holds,
        unknown: Unknown,
    ) -> Result<(T, Warnings), ContentError> {
        if self.is_blank() {
            let message = format!("is empty; {} needs at least {}", holds.noun(), holds.least(self.format));
            return Err(ContentError::one(Diagnostic {
                id: None,
                suggestion: None,
                origin: self.origin.clone(),
                position: None,
                path: Path::root(),
                kind: ErrorKind::Empty,
                message,
            }));
        }
        // A TOML document is always a table; a JSON one that opens with `{` is an object.
        let maybe_not_a_table = match self.format {
            Format::Toml => false,
            Format::Json => !self.text.trim_start().starts_with('{'),
            Format::Yaml => true,
        };
        if maybe_not_a_table {
            // A text with no tree falls through to the precise pass, which says why.
            if let Ok(tree) = self.tree() {
                if let Some(found) = not_a_table(tree) {
                    return Err(ContentError::one(Diagnostic {
                        id: None,
                        suggestion: None,
                        origin: self.origin.clone(),
                        position: Some(tree.position),
                        path: Path::root(),
                        kind: ErrorKind::WrongType,
                        message: format!("{} is a table of fields, not {found}", holds.noun()),
                    }));
                }
            }
        }
        let fast = match self.format {
            Format::Json => serde_json::from_str(&self.text).ok(),
            Format::Toml => toml::from_str(&self.text).ok(),
            Format::Yaml => None,
        };
        match fast {
            Some(value) => Ok((value, Warnings::default())),
            None => {
                let hint = self.mixup(holds);
                self.read_tree(unknown, hint.is_none()).map_err(|error| error.with_hint(hint))
            }
        }
    }

    /// Whether a document that did not load as what it `holds` has the fields of the other
    /// kind: a catalog's given as a profile, or a profile's given as a catalog.
    fn mixup(&self, holds: Holds) -> Option<Hint> {
        /// Fields only a catalog (or its manifest) has, and that every one of them has.
        const CATALOG: [&str; 2] = ["tiers", "start_message"];
        /// Fields only a catalog has.
        const CATALOG_ONLY: [&str; 12] = [
            "version",
            "schema_version",
            "start_message",
            "start_advice",
            "policy",
            "tiers",
            "roles",
            "areas",
            "programs",
            "processes",
            "outreach",
            "examples",
        ];
        /// Fields only a profile has.
        const PROFILE_ONLY: [&str; 8] =
            ["offers", "piloting", "planned", "unknown", "goals", "constraints", "partners", "content_version"];
        let Ok(Node { kind: Kind::Map(entries), .. }) = self.tree() else { return None };
        let has = |keys: &[&str]| entries.iter().any(|entry| keys.contains(&entry.key.as_str()));
        match holds {
            Holds::Profile if has(&CATALOG) && !has(&PROFILE_ONLY) => Some(Hint::LooksLikeCatalog),
            Holds::Catalog if has(&PROFILE_ONLY) && !has(&CATALOG_ONLY) => Some(Hint::LooksLikeProfile),
            _ => None,
        }
    }

    /// The precise pass. The tree refuses text that is not valid in its format or nests too
    /// deep; a tree that does not fit `T` fails with the field, type or name at fault. (Should
    /// the tree fit where the fast pass failed, the value stands: both read the same data the
    /// same way, and the tests hold them to it.) Unknown fields are all found, and are errors or
    /// warnings as `unknown` says; as errors they get the nearest valid name only when
    /// `suggest`, and they come first, before the one other problem serde stops at, if any. A
    /// document that `suggest` nothing for seems to be of another kind altogether: its first
    /// problem says enough.
    fn read_tree<T: DeserializeOwned>(&self, unknown: Unknown, suggest: bool) -> Result<(T, Warnings), ContentError> {
        let tree = self.tree().as_ref().map_err(|refusal| {
            ContentError::one(Diagnostic {
                id: None,
                suggestion: None,
                origin: self.origin.clone(),
                position: refusal.position,
                path: Path::root(),
                kind: refusal.kind,
                message: refusal.message.clone(),
            })
        })?;
        let unknown = match unknown {
            Unknown::ByVersion => Unknown::for_version(self.checked_version(version_in(tree))?),
            other => other,
        };
        let (result, fields) = de::read::<T>(tree);
        let more = fields.more;
        let fields = fields.listed.into_iter().map(|field| {
            let message = match unknown {
                Unknown::Ignore(version) => format!(
                    "{}, ignored (schema_version {version} is newer than {SCHEMA_VERSION}, the newest this engine knows)",
                    field.message(false)
                ),
                _ => field.message(suggest),
            };
            // A field of a newer version is no typo: the nearest known name would only mislead.
            let typo = suggest && !matches!(unknown, Unknown::Ignore(_));
            let suggestion = if typo { field.suggestion() } else { None };
            Diagnostic {
                origin: self.origin.clone(),
                position: Some(field.position),
                path: field.path,
                kind: ErrorKind::UnknownField,
                message,
                id: Some(field.field),
                suggestion,
            }
        });
        let (mut problems, warnings) = match unknown {
            Unknown::Ignore(_) => (Vec::new(), Warnings { listed: fields.collect(), omitted: more }),
            _ => (fields.collect(), Warnings::default()),
        };
        let more_problems = if matches!(unknown, Unknown::Ignore(_)) { 0 } else { more };
        match result {
            Ok(value) if problems.is_empty() => return Ok((value, warnings)),
            Ok(_) => {}
            Err(error) => {
                let (id, suggestion) = match error.about() {
                    Some((id, suggestion)) => (Some(id.to_owned()), suggestion.filter(|_| suggest)),
                    None => (None, None),
                };
                problems.push(Diagnostic {
                    origin: self.origin.clone(),
                    position: error.position(),
                    path: error.path(),
                    kind: error.kind(),
                    message: if suggest { error.to_string() } else { error.message_without_suggestion() },
                    id,
                    suggestion,
                });
            }
        }
        if !suggest {
            problems.truncate(1);
            return Err(ContentError::new(problems));
        }
        Err(ContentError::new(problems).with_omitted(more_problems))
    }

    /// The catalog format version a catalog file or manifest is written in: its
    /// `schema_version`, or [`ASSUMED_SCHEMA_VERSION`] when it has none. A version that is no
    /// `MAJOR.MINOR` text, or of another major version, is refused at the value. A value that
    /// is not text at all is left to the reading, which says it is of the wrong type.
    pub(crate) fn checked_version(&self, written: Option<&str>) -> Result<SchemaVersion, ContentError> {
        let Some(text) = written else { return Ok(ASSUMED_SCHEMA_VERSION) };
        let at = || Path::root().key(SCHEMA_VERSION_KEY);
        let version: SchemaVersion = text.parse().map_err(|error| {
            let message = format!("\"{}\" is {error}", smartlib_core::Echo(text));
            ContentError::one(self.diagnostic(at(), ErrorKind::InvalidValue, message))
        })?;
        if version.support() == Support::Unsupported {
            let message = format!(
                "{version} is not supported: this engine reads {}; a newer smartlib may read it",
                SchemaVersion::supported_range()
            );
            return Err(ContentError::one(self.diagnostic(at(), ErrorKind::UnsupportedVersion, message)));
        }
        Ok(version)
    }

    /// True when the text holds no value: only white space, and comments where the format has
    /// them (and YAML's document markers).
    fn is_blank(&self) -> bool {
        self.text.lines().all(|line| {
            let line = line.trim();
            line.is_empty()
                || match self.format {
                    Format::Json => false,
                    Format::Toml => line.starts_with('#'),
                    Format::Yaml => line.starts_with('#') || line == "---" || line == "...",
                }
        })
    }

    /// A diagnostic for a catalog problem at `path` in this document.
    pub(crate) fn problem(&self, path: Path, problem: &Problem) -> Diagnostic {
        let diagnostic = self.diagnostic(path, problem_kind(problem), problem.to_string());
        match problem {
            Problem::UnknownReference { id, suggestion, .. } => {
                diagnostic.about(id.as_ref(), suggestion.as_deref().map(str::to_owned))
            }
            Problem::Duplicate { id, .. } => diagnostic.about(id.as_ref(), None),
            Problem::InvalidId { id } => diagnostic.about(id.as_str(), None),
            Problem::EmptyTier { tier } => diagnostic.about(tier.as_ref(), None),
            _ => diagnostic,
        }
    }
}

/// The `schema_version` text at the top of a tree, if it has one that is text.
fn version_in(tree: &Node) -> Option<&str> {
    let Kind::Map(entries) = &tree.kind else { return None };
    entries.iter().find(|entry| entry.key == SCHEMA_VERSION_KEY).and_then(|entry| match &entry.value.kind {
        Kind::Scalar(Scalar::String(text)) => Some(text.as_str()),
        _ => None,
    })
}

/// What a top-level value that is not a table is, for messages.
fn not_a_table(tree: &Node) -> Option<&'static str> {
    match &tree.kind {
        Kind::Map(_) => None,
        Kind::List(_) => Some("an array"),
        Kind::Scalar(Scalar::Null) => Some("null"),
        Kind::Scalar(Scalar::Bool(_)) => Some("true or false"),
        Kind::Scalar(Scalar::Integer(_) | Scalar::Float(_)) => Some("a number"),
        Kind::Scalar(Scalar::String(_)) => Some("a string"),
        Kind::Scalar(Scalar::Datetime(_)) => Some("a date"),
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

/// Refuses an input of `size` bytes, or of no known size when reading stopped at the limit.
fn too_large(origin: &str, size: Option<usize>) -> ContentError {
    let limit = MAX_INPUT_BYTES / (1024 * 1024);
    ContentError::one(Diagnostic {
        id: None,
        suggestion: None,
        origin: origin.to_owned(),
        position: None,
        path: Path::root(),
        kind: ErrorKind::TooLarge,
        message: match size {
            Some(size) => format!("{size} bytes is more than the {limit} MiB limit"),
            None => format!("more than the {limit} MiB limit: reading stopped there"),
        },
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

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::*;
    use smartlib_core::CatalogData;

    use super::*;

    /// The default catalog exported as JSON and as TOML.
    static EXPORTS: LazyLock<[(String, Format); 2]> = LazyLock::new(|| {
        let data = crate::default_catalog().data().clone();
        [Format::Json, Format::Toml].map(|format| (crate::export_catalog(&data, format).expect("export"), format))
    });

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// The precise pass fails exactly where the fast one does, so which of them reads a
        /// document never decides whether it loads.
        #[test]
        fn both_passes_accept_the_same_documents(
            which in 0usize..2,
            at in any::<prop::sample::Index>(),
            len in 0usize..40,
            junk in "[\\[\\]{}:,\"'#=.\\-\n a-z0-9*&!|>]{0,20}",
        ) {
            let (text, format) = &EXPORTS[which];
            let start = at.index(text.len());
            let start = (0..=start).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let end = (start + len).min(text.len());
            let end = (end..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
            let damaged = format!("{}{}{}", &text[..start], junk, &text[end..]);
            let fast = match format {
                Format::Json => serde_json::from_str::<CatalogData>(&damaged).is_ok(),
                _ => toml::from_str::<CatalogData>(&damaged).is_ok(),
            };
            let document = Document::from_text("damaged", &damaged, *format).expect("small");
            let precise = document.read_tree::<CatalogData>(Unknown::Refuse, true);
            prop_assert_eq!(fast, precise.is_ok(), "{:?}", precise.err());
        }
    }
}
