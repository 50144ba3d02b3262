//! Profile files (TOML, JSON, YAML), checked against a catalog with positioned errors.

use std::path::Path;

use smartlib_core::{Catalog, Error, ErrorKind as Engine, Path as KeyPath, Profile};

use crate::catalog::{MANIFEST_NAMES, format_of};
use crate::document::{Document, Holds};
use crate::error::{ContentError, Diagnostic, ErrorKind, Hint};
use crate::format::Format;

/// Loads a profile file (format by extension) and checks every id against `catalog`.
///
/// # Errors
/// [`ContentError`] naming file, line, column and key path: syntax, wrong type, unknown field,
/// unknown program or goal (with the nearest valid id), a program under two statuses. An empty
/// file ([`ErrorKind::Empty`](crate::ErrorKind::Empty)) and a top level that is not a table (a
/// JSON array, a YAML list) are refused alike in every format. A catalog file or directory
/// given here gets [`Hint::LooksLikeCatalog`].
pub fn load_profile(path: impl AsRef<Path>, catalog: &Catalog) -> Result<Profile, ContentError> {
    let path = path.as_ref();
    if path.is_dir() {
        let catalog_directory = MANIFEST_NAMES.iter().any(|name| path.join(name).is_file());
        return Err(ContentError::one(Diagnostic {
            id: None,
            suggestion: None,
            origin: path.display().to_string(),
            position: None,
            path: KeyPath::root(),
            kind: ErrorKind::Layout,
            message: "is a directory; a profile is one file (TOML, JSON or YAML)".to_owned(),
        })
        .with_hint(catalog_directory.then_some(Hint::LooksLikeCatalog)));
    }
    checked(&Document::read(path, format_of(path)?)?, catalog)
}

/// Parses a profile held in memory; `origin` names it in messages.
///
/// # Errors
/// As [`load_profile`].
pub fn parse_profile(text: &str, format: Format, origin: &str, catalog: &Catalog) -> Result<Profile, ContentError> {
    checked(&Document::from_text(origin, text, format)?, catalog)
}

fn checked(document: &Document, catalog: &Catalog) -> Result<Profile, ContentError> {
    let profile: Profile = document.deserialize(Holds::Profile)?;
    match catalog.resolve(&profile) {
        Ok(_) => Ok(profile),
        Err(error) => Err(ContentError::one(profile_diagnostic(document, &error))),
    }
}

/// Places an engine error about a profile at its key path in the document.
fn profile_diagnostic(document: &Document, error: &Error) -> Diagnostic {
    let kind = match error.kind {
        Engine::UnknownProgram { .. } | Engine::UnknownGoal { .. } => ErrorKind::UnknownReference,
        Engine::ConflictingStatus { .. } => ErrorKind::Duplicate,
        _ => ErrorKind::InvalidValue,
    };
    // The diagnostic prints the path itself, so it takes the kind alone.
    document.diagnostic(error.path.clone(), kind, error.kind.to_string())
}
