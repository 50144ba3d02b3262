//! smartlib's content: the toolbox as data files, checked with precise errors.
//!
//! - [`default_catalog`]: the *Public Libraries in Smart Cities and Communities Toolbox*
//!   (CTG UAlbany with ALA), written in our own words, compiled in: it works offline with no
//!   configuration. [`CATALOG_VERSION`] names its version.
//! - [`load_catalog`] / [`parse_catalog`]: a catalog from one TOML, JSON or YAML file, or from a
//!   directory laid out one entity a file (`programs/<id>.toml`, … plus a `catalog.toml`
//!   manifest), as the default catalog is.
//! - [`load_catalog_with_warnings`] / [`parse_catalog_with_warnings`]: the same, with what the
//!   loader read past ([`LoadedCatalog`]). A catalog says its format version in
//!   `schema_version = "MAJOR.MINOR"`: a newer minor version than [`SCHEMA_VERSION`] loads
//!   without the fields this engine does not know, each a warning; another major version is
//!   refused ([`ErrorKind::UnsupportedVersion`]); at this version or older, or with no version
//!   (read as [`ASSUMED_SCHEMA_VERSION`]), an unknown field is an error.
//! - [`load_profile`] / [`parse_profile`]: a library's profile, checked against a catalog.
//! - [`export_catalog`]: JSON or TOML in the same format the loaders read, so
//!   export → edit → load round-trips.
//! - [`schemas`]: JSON Schemas for every file kind (committed under `schema/`).
//!
//! Every error is a [`ContentError`] listing [`Diagnostic`]s (every problem found, up to
//! [`MAX_DIAGNOSTICS`]) that name file, line, column, key path and [`ErrorKind`], and for an
//! unknown name the name and the nearest valid one:
//!
//! ```
//! use smartlib_content::{parse_catalog, ErrorKind, Format};
//! let text = r#"
//! name = "Tiny"
//! version = "1"
//! start_message = "Start."
//! [[tiers]]
//! id = "only"
//! name = "Only"
//! message = "Done."
//! [[programs]]
//! id = "lab"
//! name = "Lab"
//! tier = "only"
//! summary = "A lab."
//! builds_on = ["labb"]
//! "#;
//! let error = parse_catalog(text, Format::Toml, "tiny.toml").unwrap_err();
//! assert_eq!(error.kind(), ErrorKind::UnknownReference);
//! assert_eq!(
//!     error.to_string(),
//!     r#"tiny.toml:14:14: programs[0].builds_on[0]: unknown program "labb" (did you mean "lab"?)"#
//! );
//! ```
//!
//! Inputs are refused cleanly, never with a panic, when they are over [`MAX_INPUT_BYTES`] (read
//! no further, be they files, devices or pipes), not UTF-8, nested absurdly deep, or use YAML
//! aliases. A UTF-8 byte-order mark at the start is allowed in every format.
#![deny(missing_docs)]

mod catalog;
mod de;
mod document;
mod embedded_files;
mod error;
mod format;
mod profile;
mod schema;
mod tree;
mod version;

use std::sync::OnceLock;

use smartlib_core::Catalog;

pub use catalog::{
    LoadedCatalog, export_catalog, load_catalog, load_catalog_with_warnings, parse_catalog, parse_catalog_with_warnings,
};
pub use document::MAX_INPUT_BYTES;
pub use error::{ContentError, Diagnostic, ErrorKind, Hint, MAX_DIAGNOSTICS, Position, Report};
pub use format::Format;
pub use profile::{load_profile, parse_profile};
pub use schema::{schema_named, schemas};
pub use version::{ASSUMED_SCHEMA_VERSION, BadSchemaVersion, SCHEMA_VERSION, SchemaVersion, Support};

/// The version of the embedded default catalog (its `catalog.toml` `version`).
pub const CATALOG_VERSION: &str = "1.1.0";

/// The embedded default catalog: all fifteen programs of the toolbox, its processes, outreach
/// tools and example libraries. Built once, then shared (cloning a [`Catalog`] is cheap).
///
/// ```
/// let catalog = smartlib_content::default_catalog();
/// assert_eq!(catalog.programs().len(), 15);
/// assert_eq!(&*catalog.content().version, smartlib_content::CATALOG_VERSION);
/// ```
///
/// # Panics
/// Never in a released build: the embedded files are fixed at compile time and the test suite
/// loads them. A build whose embedded catalog is broken panics here, with every problem listed.
pub fn default_catalog() -> Catalog {
    static DEFAULT: OnceLock<Catalog> = OnceLock::new();
    DEFAULT
        .get_or_init(|| match load_default_catalog() {
            Ok(catalog) => catalog,
            Err(error) => panic!("the embedded default catalog is invalid: {error:?}"),
        })
        .clone()
}

/// Parses and validates the embedded default catalog afresh (what [`default_catalog`] does
/// once); for benchmarks and for checking a build.
///
/// # Errors
/// Only if the embedded files are broken, which the test suite rules out.
pub fn load_default_catalog() -> Result<Catalog, ContentError> {
    catalog::load_layout(&catalog::embedded::Embedded(embedded_files::FILES))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_embedded_list_matches_the_files_on_disk() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
        let mut on_disk = vec!["catalog.toml".to_owned()];
        for kind in ["programs", "processes", "outreach", "examples"] {
            for entry in std::fs::read_dir(root.join(kind)).expect("catalog folder") {
                let name = entry.expect("entry").file_name().into_string().expect("UTF-8 name");
                on_disk.push(format!("{kind}/{name}"));
            }
        }
        on_disk.sort();
        let mut embedded: Vec<String> = embedded_files::FILES.iter().map(|(path, _)| (*path).to_owned()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk, "update src/embedded_files.rs to list exactly the files in catalog/");
        for (path, text) in embedded_files::FILES {
            assert_eq!(*text, std::fs::read_to_string(root.join(path)).expect("readable"), "{path}");
        }
    }

    #[test]
    fn the_default_catalog_loads_the_same_from_disk_and_from_the_binary() {
        let from_disk = load_catalog(Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog")).expect("valid");
        let embedded = default_catalog();
        assert_eq!(from_disk.data(), embedded.data());
        assert_eq!(embedded.content().version.as_ref(), CATALOG_VERSION);
        assert_eq!(embedded.tiers().len(), 3);
    }

    /// The content contract: every link and every need of the default catalog says why, as a
    /// lower-case clause, and a source, when given, is a web address.
    #[test]
    fn every_default_link_and_need_says_why() {
        let catalog = default_catalog();
        let checked = |place: String, why: Option<&str>, source: Option<&str>| {
            let why = why.unwrap_or_else(|| panic!("{place}: no why"));
            assert!(why.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()), "{place}: {why:?}");
            assert!(!why.ends_with('.'), "{place}: a clause, not a sentence: {why:?}");
            if let Some(source) = source {
                assert!(source.starts_with("https://") || source.starts_with("http://"), "{place}: {source}");
            }
        };
        for program in &catalog.data().programs {
            for link in &program.builds_on {
                checked(
                    format!("{} builds on {}", program.id, link.program),
                    link.why.as_deref(),
                    link.source.as_deref(),
                );
            }
            for resource in smartlib_core::Resource::ALL {
                if let Some(need) = program.needs.get(resource) {
                    checked(
                        format!("{} needs {}", program.id, resource.as_str()),
                        need.why.as_deref(),
                        need.source.as_deref(),
                    );
                }
            }
        }
    }
}
