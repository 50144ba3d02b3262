//! Catalogs from one file, from a directory laid out one entity a file, or from the embedded
//! default; and back out to JSON or TOML in the format they were read from.
//!
//! A directory holds a manifest, `catalog.toml` (or `.json`, `.yaml`), with everything but the
//! entities and with the ordered ids of each kind, plus one file per entity:
//! `programs/<id>.toml`, `processes/<id>.toml`, `outreach/<id>.toml`, `examples/<id>.toml`.
//! The manifest's lists set catalog order and must match the files exactly.
//!
//! A catalog's `schema_version` (in the one file, or in the manifest for every file of a
//! directory) decides what an unknown field is: an error, or for a newer minor version a
//! warning the loaders return beside the catalog ([`LoadedCatalog`]).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use smartlib_core::{
    AdviceItem, Catalog, CatalogData, CatalogError, Dimension, Echo, ExampleLibrary, Guide, Id, Path as KeyPath,
    Policy, Program, Segment, Tier,
};

use crate::document::{Document, Holds, Unknown, Warnings};
use crate::error::{ContentError, Diagnostic, ErrorKind, MAX_DIAGNOSTICS, Report};
use crate::format::Format;
use crate::version::SchemaVersion;

/// The manifest of a catalog directory: a catalog whose entity lists are ids of files.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Manifest {
    /// JSON Schema reference, for editors; ignored.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    schema: Option<String>,
    /// The version of the catalog format every file of the directory is written in,
    /// `"MAJOR.MINOR"`; none means `"1.0"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[0-9]+\.[0-9]+$"))]
    schema_version: Option<String>,
    /// The catalog's name.
    name: String,
    /// The content version.
    version: String,
    /// The headline when no tier is established yet.
    start_message: String,
    /// The advice when no tier is established yet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    start_advice: Vec<AdviceItem>,
    /// The assessment threshold and ranking weights.
    #[serde(default)]
    policy: Policy,
    /// The tiers, first to last.
    tiers: Vec<Tier>,
    /// The smart-citizen roles.
    #[serde(default)]
    roles: Vec<Dimension>,
    /// The library contribution areas.
    #[serde(default)]
    areas: Vec<Dimension>,
    /// Program ids in catalog order; each has a file `programs/<id>.toml`.
    programs: Vec<Id>,
    /// Process ids; each has a file `processes/<id>.toml`.
    #[serde(default)]
    processes: Vec<Id>,
    /// Outreach tool ids; each has a file `outreach/<id>.toml`.
    #[serde(default)]
    outreach: Vec<Id>,
    /// Example library ids; each has a file `examples/<id>.toml`.
    #[serde(default)]
    examples: Vec<Id>,
}

/// A catalog that loaded, with what the loader read past: unknown fields of a catalog written
/// in a newer minor format version, each naming file, line, column and key path.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct LoadedCatalog {
    /// The catalog.
    pub catalog: Catalog,
    /// The first [`MAX_DIAGNOSTICS`] warnings, in the order the files were read and each file
    /// in document order; empty for a catalog in this engine's format version or an older one.
    pub warnings: Vec<Diagnostic>,
    /// How many warnings there were beyond those listed.
    pub omitted_warnings: usize,
    /// The format version the catalog is written in (`"1.0"` when it does not say).
    pub schema_version: SchemaVersion,
}

impl LoadedCatalog {
    fn new(catalog: Catalog, warnings: Warnings, schema_version: SchemaVersion) -> LoadedCatalog {
        let Warnings { listed: mut warnings, omitted } = warnings;
        let omitted_warnings = omitted + warnings.len().saturating_sub(MAX_DIAGNOSTICS);
        warnings.truncate(MAX_DIAGNOSTICS);
        LoadedCatalog { catalog, warnings, omitted_warnings, schema_version }
    }

    /// The warnings one a line, then how many more there were if any; empty when there are
    /// none.
    pub fn report(&self) -> Report<'_> {
        Report::warnings(&self.warnings, self.omitted_warnings)
    }
}

/// Loads a catalog from a file (format by extension) or a catalog directory.
///
/// A catalog written in a newer minor format version loads without the fields this engine does
/// not know: [`load_catalog_with_warnings`] returns them as warnings, this function drops them.
///
/// # Errors
/// [`ContentError`] with every problem found, each naming file, line, column and key path; a
/// catalog written in another major format version ([`ErrorKind::UnsupportedVersion`]).
pub fn load_catalog(path: impl AsRef<Path>) -> Result<Catalog, ContentError> {
    load_catalog_with_warnings(path).map(|loaded| loaded.catalog)
}

/// Loads a catalog as [`load_catalog`] does, and returns the warnings beside it.
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// # let path = dir.path().join("newer.toml");
/// let text = r#"
/// schema_version = "1.9"
/// name = "Tiny"
/// version = "1"
/// start_message = "Start."
/// released = "2031-01-01"
/// [[tiers]]
/// id = "only"
/// name = "Only"
/// message = "Done."
/// [[programs]]
/// id = "lab"
/// name = "Lab"
/// tier = "only"
/// summary = "A lab."
/// "#;
/// std::fs::write(&path, text)?;
/// let loaded = smartlib_content::load_catalog_with_warnings(&path)?;
/// assert_eq!(loaded.catalog.programs().len(), 1);
/// let warning = &loaded.warnings[0];
/// assert_eq!((warning.position.map(|p| p.line), warning.id.as_deref()), (Some(6), Some("released")));
/// assert!(warning.to_string().ends_with(
///     "newer.toml:6:1: released: unknown field \"released\", ignored \
///      (schema_version 1.9 is newer than 1.0, the newest this engine knows)"
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`load_catalog`].
pub fn load_catalog_with_warnings(path: impl AsRef<Path>) -> Result<LoadedCatalog, ContentError> {
    let path = path.as_ref();
    if path.is_dir() {
        return load_layout_with_warnings(&Disk(path.to_path_buf()));
    }
    let document = Document::read(path, format_of(path)?)?;
    catalog_from(&document)
}

/// Parses a catalog held in memory; `origin` names it in messages (`<string>`, a URL, …).
/// Warnings are dropped, as [`load_catalog`] drops them.
///
/// # Errors
/// As [`load_catalog`].
pub fn parse_catalog(text: &str, format: Format, origin: &str) -> Result<Catalog, ContentError> {
    parse_catalog_with_warnings(text, format, origin).map(|loaded| loaded.catalog)
}

/// Parses a catalog held in memory, and returns the warnings beside it.
///
/// # Errors
/// As [`load_catalog`].
pub fn parse_catalog_with_warnings(text: &str, format: Format, origin: &str) -> Result<LoadedCatalog, ContentError> {
    catalog_from(&Document::from_text(origin, text, format)?)
}

/// Writes catalog data as JSON (pretty) or TOML, in the format [`parse_catalog`] reads.
///
/// # Errors
/// YAML is read but not written ([`ErrorKind::UnsupportedFormat`]).
pub fn export_catalog(data: &CatalogData, format: Format) -> Result<String, ContentError> {
    let failed = |message: String| {
        ContentError::one(Diagnostic {
            id: None,
            suggestion: None,
            origin: "<export>".to_owned(),
            position: None,
            path: KeyPath::root(),
            kind: ErrorKind::UnsupportedFormat,
            message,
        })
    };
    match format {
        Format::Json => serde_json::to_string_pretty(data).map(|text| text + "\n").map_err(|e| failed(e.to_string())),
        Format::Toml => toml::to_string_pretty(data).map_err(|e| failed(e.to_string())),
        Format::Yaml => Err(failed("catalogs are read from YAML but exported as json or toml".to_owned())),
    }
}

/// The format a path's extension names, or an error that says which ones work.
pub(crate) fn format_of(path: &Path) -> Result<Format, ContentError> {
    Format::from_path(path).ok_or_else(|| {
        ContentError::one(Diagnostic {
            id: None,
            suggestion: None,
            origin: path.display().to_string(),
            position: None,
            path: KeyPath::root(),
            kind: ErrorKind::UnsupportedFormat,
            message: "cannot tell the format: use a .toml, .json, .yaml or .yml file".to_owned(),
        })
    })
}

fn catalog_from(document: &Document) -> Result<LoadedCatalog, ContentError> {
    let (data, warnings): (CatalogData, _) = document.deserialize_with(Holds::Catalog, Unknown::ByVersion)?;
    // Read again from the value: a fast reading that succeeded has not looked at it.
    let version = document.checked_version(data.schema_version.as_deref())?;
    let catalog = Catalog::new(data).map_err(|error| {
        ContentError::new(
            error.problems().iter().map(|located| document.problem(located.path.clone(), &located.problem)).collect(),
        )
    })?;
    Ok(LoadedCatalog::new(catalog, warnings, version))
}

/// Where a catalog directory's files come from: the disk, or the copy embedded in the binary.
pub(crate) trait Files {
    /// How messages name a file.
    fn origin(&self, relative: &str) -> String;
    /// Opens a file (format by extension), or `None` when there is nothing by that name; a
    /// name that is there but is no file to read is an error.
    fn open(&self, relative: &str) -> Result<Option<Document>, ContentError>;
    /// File names in a folder, sorted; empty when the folder does not exist.
    fn list(&self, folder: &str) -> Result<Vec<String>, ContentError>;
}

struct Disk(PathBuf);

impl Files for Disk {
    fn origin(&self, relative: &str) -> String {
        self.0.join(relative).display().to_string()
    }

    fn open(&self, relative: &str) -> Result<Option<Document>, ContentError> {
        let path = self.0.join(relative);
        // The type is checked before opening, which would wait forever on a pipe with no writer.
        let (kind, message) = match std::fs::metadata(&path) {
            Ok(metadata) if metadata.is_file() => return Document::read(&path, format_of(&path)?).map(Some),
            Ok(metadata) if metadata.is_dir() => (ErrorKind::Layout, "is a directory".to_owned()),
            Ok(_) => (ErrorKind::Layout, "is not a regular file (a pipe, a device or a socket)".to_owned()),
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                (ErrorKind::Io, format!("cannot read: {}", crate::document::io_reason(&error)))
            }
            Err(_) if path.symlink_metadata().is_ok() => (ErrorKind::Layout, "is a broken symbolic link".to_owned()),
            Err(_) => return Ok(None),
        };
        Err(ContentError::one(Diagnostic {
            id: None,
            suggestion: None,
            origin: path.display().to_string(),
            position: None,
            path: KeyPath::root(),
            kind,
            message,
        }))
    }

    fn list(&self, folder: &str) -> Result<Vec<String>, ContentError> {
        let path = self.0.join(folder);
        if !path.is_dir() {
            return Ok(Vec::new());
        }
        let refused = |origin: &Path, message: String| {
            ContentError::one(Diagnostic {
                id: None,
                suggestion: None,
                origin: origin.display().to_string(),
                position: None,
                path: KeyPath::root(),
                kind: ErrorKind::Io,
                message,
            })
        };
        let cannot_list =
            |error: std::io::Error| refused(&path, format!("cannot list: {}", crate::document::io_reason(&error)));
        let mut names = Vec::new();
        for entry in std::fs::read_dir(&path).map_err(cannot_list)? {
            // A name that is not UTF-8 can be neither listed in a manifest nor left out quietly.
            let name = entry.map_err(cannot_list)?.file_name().into_string().map_err(|name| {
                refused(&path.join(name), "the file name is not UTF-8 text: rename the file".to_owned())
            })?;
            names.push(name);
        }
        names.sort();
        Ok(names)
    }
}

/// Entities that live one to a file and carry their id.
trait Entity: DeserializeOwned {
    fn id(&self) -> &Id;
}

impl Entity for Program {
    fn id(&self) -> &Id {
        &self.id
    }
}

impl Entity for Guide {
    fn id(&self) -> &Id {
        &self.id
    }
}

impl Entity for ExampleLibrary {
    fn id(&self) -> &Id {
        &self.id
    }
}

pub(crate) const MANIFEST_NAMES: [&str; 4] = ["catalog.toml", "catalog.json", "catalog.yaml", "catalog.yml"];

/// Reads a catalog directory through `files`.
pub(crate) fn load_layout(files: &dyn Files) -> Result<Catalog, ContentError> {
    load_layout_with_warnings(files).map(|loaded| loaded.catalog)
}

/// Reads a catalog directory through `files`, with the warnings.
pub(crate) fn load_layout_with_warnings(files: &dyn Files) -> Result<LoadedCatalog, ContentError> {
    let mut manifest_document = None;
    for name in MANIFEST_NAMES {
        if let Some(document) = files.open(name)? {
            manifest_document = Some(document);
            break;
        }
    }
    let Some(manifest_document) = manifest_document else {
        return Err(ContentError::one(Diagnostic {
            id: None,
            suggestion: None,
            origin: files.origin(""),
            position: None,
            path: KeyPath::root(),
            kind: ErrorKind::Layout,
            message: "not a catalog directory: it has no catalog.toml (or .json, .yaml) manifest".to_owned(),
        }));
    };
    let (manifest, mut warnings): (Manifest, _) =
        manifest_document.deserialize_with(Holds::Catalog, Unknown::ByVersion)?;
    let version = manifest_document.checked_version(manifest.schema_version.as_deref())?;
    let mut diagnostics = Vec::new();
    let mut layout = Layout {
        files,
        manifest: &manifest_document,
        unknown: Unknown::for_version(version),
        diagnostics: &mut diagnostics,
        warnings: &mut warnings,
    };
    let programs: Vec<(Program, Document)> = layout.entities("programs", Holds::Program, &manifest.programs);
    let processes: Vec<(Guide, Document)> = layout.entities("processes", Holds::Process, &manifest.processes);
    let outreach: Vec<(Guide, Document)> = layout.entities("outreach", Holds::Outreach, &manifest.outreach);
    let examples: Vec<(ExampleLibrary, Document)> = layout.entities("examples", Holds::Example, &manifest.examples);
    if !diagnostics.is_empty() {
        return Err(ContentError::new(diagnostics));
    }

    let (programs, program_documents): (Vec<_>, Vec<_>) = programs.into_iter().unzip();
    let (processes, process_documents): (Vec<_>, Vec<_>) = processes.into_iter().unzip();
    let (outreach, outreach_documents): (Vec<_>, Vec<_>) = outreach.into_iter().unzip();
    let (examples, example_documents): (Vec<_>, Vec<_>) = examples.into_iter().unzip();
    let data = CatalogData {
        schema: None,
        schema_version: manifest.schema_version,
        name: manifest.name,
        version: manifest.version,
        start_message: manifest.start_message,
        start_advice: manifest.start_advice,
        policy: manifest.policy,
        tiers: manifest.tiers,
        roles: manifest.roles,
        areas: manifest.areas,
        programs,
        processes,
        outreach,
        examples,
    };
    let catalog = Catalog::new(data).map_err(|error: CatalogError| {
        let documents = |kind: &str| match kind {
            "programs" => Some(&program_documents),
            "processes" => Some(&process_documents),
            "outreach" => Some(&outreach_documents),
            "examples" => Some(&example_documents),
            _ => None,
        };
        ContentError::new(
            error
                .problems()
                .iter()
                .map(|located| {
                    // `programs[3].builds_on[1]` lives in the fourth program's own file.
                    if let [Segment::Key(kind), Segment::Index(index), rest @ ..] = located.path.segments() {
                        if let Some(document) = documents(kind).and_then(|docs| docs.get(*index)) {
                            return document.problem(rest.iter().cloned().collect(), &located.problem);
                        }
                    }
                    manifest_document.problem(located.path.clone(), &located.problem)
                })
                .collect(),
        )
    })?;
    Ok(LoadedCatalog::new(catalog, warnings, version))
}

struct Layout<'a> {
    files: &'a dyn Files,
    manifest: &'a Document,
    /// What an unknown field in an entity file is, by the manifest's version.
    unknown: Unknown,
    diagnostics: &'a mut Vec<Diagnostic>,
    warnings: &'a mut Warnings,
}

impl Layout<'_> {
    /// Loads the files of one kind in manifest order, checking files and list agree.
    fn entities<T: Entity>(&mut self, folder: &str, holds: Holds, ids: &[Id]) -> Vec<(T, Document)> {
        let names = match self.files.list(folder) {
            Ok(names) => names,
            Err(error) => {
                self.diagnostics.extend(error.diagnostics().iter().cloned());
                return Vec::new();
            }
        };
        // One pass over the names, so each id finds its files at once: looking them up id by id
        // made a directory of 10,000 files take seconds.
        let mut by_stem: HashMap<&str, Vec<&String>> = HashMap::with_capacity(names.len());
        for name in &names {
            by_stem.entry(stem(name)).or_default().push(name);
        }
        let mut loaded = Vec::with_capacity(ids.len());
        let mut listed = HashSet::new();
        for (position, id) in ids.iter().enumerate() {
            let at = || KeyPath::root().key(folder.to_owned()).index(position); // for problems only
            if !listed.insert(id.as_ref()) {
                let message = format!("\"{}\" is listed twice", Echo(id));
                self.diagnostics.push(self.manifest.diagnostic(at(), ErrorKind::Duplicate, message));
                continue;
            }
            let files = by_stem.get(id.as_ref()).map_or(&[][..], Vec::as_slice);
            let [name] = files else {
                let message = if files.is_empty() {
                    format!("no file for \"{}\": expected {folder}/{}.toml (or .json, .yaml)", Echo(id), Echo(id))
                } else {
                    format!("several files for \"{}\" in {folder}/: keep one", Echo(id))
                };
                self.diagnostics.push(self.manifest.diagnostic(at(), ErrorKind::Layout, message));
                continue;
            };
            let relative = format!("{folder}/{name}");
            let document = match self.files.open(&relative) {
                Ok(Some(document)) => document,
                Ok(None) => {
                    // Listed a moment ago and gone now: still an entity that did not load.
                    self.diagnostics.push(Diagnostic {
                        id: None,
                        suggestion: None,
                        origin: self.files.origin(&relative),
                        position: None,
                        path: KeyPath::root(),
                        kind: ErrorKind::Io,
                        message: "cannot read: no such file or directory".to_owned(),
                    });
                    continue;
                }
                Err(error) => {
                    self.diagnostics.extend(error.diagnostics().iter().cloned());
                    continue;
                }
            };
            match document.deserialize_with::<T>(holds, self.unknown) {
                Ok((entity, warnings)) if entity.id() == id => {
                    self.warnings.extend(warnings);
                    loaded.push((entity, document));
                }
                Ok((entity, _)) => {
                    let message =
                        format!("id \"{}\" does not match the file name \"{}\"", Echo(entity.id()), Echo(name));
                    self.diagnostics.push(document.diagnostic(KeyPath::root().key("id"), ErrorKind::Layout, message));
                }
                Err(error) => self.diagnostics.extend(error.diagnostics().iter().cloned()),
            }
        }
        for name in &names {
            if name.starts_with('.') || listed.contains(stem(name)) {
                continue;
            }
            self.diagnostics.push(Diagnostic {
                id: None,
                suggestion: None,
                origin: self.files.origin(&format!("{folder}/{name}")),
                position: None,
                path: KeyPath::root(),
                kind: ErrorKind::Layout,
                message: format!(
                    "not listed in the manifest's \"{folder}\" list: add its id there, or remove the file"
                ),
            });
        }
        loaded
    }
}

/// A file name without its extension: the id the file is for.
fn stem(name: &str) -> &str {
    Path::new(name).file_stem().and_then(|stem| stem.to_str()).unwrap_or_default()
}

pub(crate) mod embedded {
    //! The default catalog compiled into the binary, read through the same directory loader.

    use std::path::Path;

    use super::{Document, Files, format_of};
    use crate::error::ContentError;

    pub(crate) struct Embedded(pub(crate) &'static [(&'static str, &'static str)]);

    impl Files for Embedded {
        fn origin(&self, relative: &str) -> String {
            format!("<embedded>/catalog/{relative}")
        }

        fn open(&self, relative: &str) -> Result<Option<Document>, ContentError> {
            let Some((_, text)) = self.0.iter().find(|(path, _)| *path == relative) else { return Ok(None) };
            let origin = self.origin(relative);
            Document::from_text(&origin, text, format_of(Path::new(&origin))?).map(Some)
        }

        fn list(&self, folder: &str) -> Result<Vec<String>, ContentError> {
            let prefix = format!("{folder}/");
            let mut names: Vec<String> =
                self.0.iter().filter_map(|(path, _)| path.strip_prefix(&prefix)).map(str::to_owned).collect();
            names.sort();
            Ok(names)
        }
    }
}
