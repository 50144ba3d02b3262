//! The [`Catalog`] object: browsing, lookups, assessing profiles and reading tables. Every
//! method that does more than copy data the catalog holds runs inside [`guarded`], so a Rust
//! panic comes out as `SmartlibError.Internal`, never as a crash.

use std::sync::Arc;

use crate::error::{ContentProblem, SmartlibError, guarded};
use crate::records::{
    Assessment, AssumeUnknown, Cell, Dimension, ExampleLibrary, Format, Guide, IdKind, Profile, Program,
    Recommendation, Roadmap, RowSummary, Tier, WhatIf,
};

/// A validated catalog: the embedded toolbox or your own. Immutable and safe to use from many
/// threads at once: build it once (off the main thread) and share it.
#[derive(uniffi::Object)]
pub struct Catalog {
    inner: smartlib::Catalog,
    /// What the loader read past (unknown fields of a newer minor format version).
    warnings: Vec<ContentProblem>,
    /// How many warnings there were beyond those listed.
    omitted_warnings: usize,
    /// The catalog format version it is written in.
    schema_version: String,
}

impl Catalog {
    /// A catalog as a loader answered it, with its warnings.
    fn loaded(loaded: smartlib::content::LoadedCatalog) -> Arc<Catalog> {
        Arc::new(Catalog {
            warnings: loaded.warnings.iter().map(ContentProblem::from).collect(),
            omitted_warnings: loaded.omitted_warnings,
            schema_version: loaded.schema_version.to_string(),
            inner: loaded.catalog,
        })
    }
}

#[uniffi::export]
impl Catalog {
    /// The embedded toolbox catalog (works offline). The first call reads and checks the
    /// embedded content (a few milliseconds); later calls share it.
    #[uniffi::constructor]
    pub fn toolbox() -> Result<Arc<Catalog>, SmartlibError> {
        guarded(|| {
            let inner = smartlib::default_catalog();
            let schema_version = (inner.data().schema_version.clone())
                .unwrap_or_else(|| smartlib::content::ASSUMED_SCHEMA_VERSION.to_string());
            Ok(Arc::new(Catalog { inner, warnings: Vec::new(), omitted_warnings: 0, schema_version }))
        })
    }

    /// A catalog from text (TOML, JSON or YAML). Throws `InvalidCatalog` with every problem.
    /// A catalog in a newer minor format version (`schema_version`) loads without the fields
    /// this engine does not know, and lists them in `warnings()`; another major version is
    /// refused (a problem of kind `unsupported-version`).
    #[uniffi::constructor]
    pub fn from_text(text: String, format: Format) -> Result<Arc<Catalog>, SmartlibError> {
        guarded(|| {
            let loaded = smartlib::content::parse_catalog_with_warnings(&text, format.into(), "<text>")
                .map_err(|e| SmartlibError::catalog(&e))?;
            Ok(Catalog::loaded(loaded))
        })
    }

    /// A catalog from a file or a catalog directory. Throws `Io` when it cannot be read and
    /// `InvalidCatalog` with every problem when it can but is wrong; format versions as for
    /// `fromText`.
    #[uniffi::constructor]
    pub fn from_path(path: String) -> Result<Arc<Catalog>, SmartlibError> {
        guarded(|| {
            let loaded =
                smartlib::content::load_catalog_with_warnings(&path).map_err(|e| SmartlibError::catalog(&e))?;
            Ok(Catalog::loaded(loaded))
        })
    }

    /// The same catalog with policy changes given as JSON, such as
    /// `{"established_share": 0.8, "weights": {"goal": 30}}`. Throws `InvalidPolicy`.
    pub fn with_policy_json(&self, changes: String) -> Result<Arc<Catalog>, SmartlibError> {
        guarded(|| {
            let changes: serde_json::Value = serde_json::from_str(&changes).map_err(SmartlibError::policy)?;
            let policy = self.inner.policy().with_changes(&changes).map_err(SmartlibError::policy)?;
            let inner = self.inner.with_policy(policy).map_err(SmartlibError::policy)?;
            Ok(Arc::new(Catalog {
                inner,
                warnings: self.warnings.clone(),
                omitted_warnings: self.omitted_warnings,
                schema_version: self.schema_version.clone(),
            }))
        })
    }

    // The next thirteen methods copy data the catalog holds: no parsing, no lookup, nothing
    // that can panic, so they do not throw.

    /// What loading read past: each unknown field of a catalog written in a newer minor format
    /// version, with its file, line, column and key path (the first 100). Empty for a catalog
    /// in this engine's format version or an older one.
    pub fn warnings(&self) -> Vec<ContentProblem> {
        self.warnings.clone()
    }

    /// How many warnings there were beyond those `warnings()` lists.
    pub fn omitted_warnings(&self) -> i32 {
        crate::records::count(self.omitted_warnings)
    }

    /// The catalog format version it is written in (`"1.0"` when the file does not say).
    pub fn schema_version(&self) -> String {
        self.schema_version.clone()
    }

    /// The catalog's name.
    pub fn name(&self) -> String {
        self.inner.content().name.to_string()
    }

    /// The content version.
    pub fn version(&self) -> String {
        self.inner.content().version.to_string()
    }

    /// A hash of the whole content.
    pub fn fingerprint(&self) -> String {
        self.inner.content().fingerprint.to_string()
    }

    /// The tiers, first to last.
    pub fn tiers(&self) -> Vec<Tier> {
        self.inner.tiers().iter().map(Into::into).collect()
    }

    /// The programs, in catalog order.
    pub fn programs(&self) -> Vec<Program> {
        self.inner.programs().iter().map(Into::into).collect()
    }

    /// The smart-citizen roles.
    pub fn roles(&self) -> Vec<Dimension> {
        self.inner.roles().iter().map(Into::into).collect()
    }

    /// The contribution areas.
    pub fn areas(&self) -> Vec<Dimension> {
        self.inner.areas().iter().map(Into::into).collect()
    }

    /// The organizational processes.
    pub fn processes(&self) -> Vec<Guide> {
        self.inner.processes().iter().map(Into::into).collect()
    }

    /// The marketing and outreach tools.
    pub fn outreach(&self) -> Vec<Guide> {
        self.inner.outreach().iter().map(Into::into).collect()
    }

    /// The example libraries.
    pub fn example_libraries(&self) -> Vec<ExampleLibrary> {
        self.inner.examples().iter().map(Into::into).collect()
    }

    /// One program. Throws `UnknownId` naming the nearest valid id.
    pub fn program(&self, id: String) -> Result<Program, SmartlibError> {
        guarded(|| match self.inner.program(&id) {
            Some(found) => Ok(found.into()),
            None => Err(self.inner.unknown_program(&id, smartlib::Path::root()).into()),
        })
    }

    /// One tier. Throws `UnknownId` naming the nearest valid id.
    pub fn tier(&self, id: String) -> Result<Tier, SmartlibError> {
        guarded(|| {
            let tiers = self.inner.tiers();
            let found = tiers.iter().find(|tier| *tier.id == *id);
            found
                .map(Into::into)
                .ok_or_else(|| SmartlibError::unknown_id(IdKind::Tier, &id, tiers.iter().map(|t| &t.id)))
        })
    }

    /// One smart-citizen role. Throws `UnknownId` naming the nearest valid id.
    pub fn role(&self, id: String) -> Result<Dimension, SmartlibError> {
        guarded(|| {
            let roles = self.inner.roles();
            let found = roles.iter().find(|role| *role.id == *id);
            found
                .map(Into::into)
                .ok_or_else(|| SmartlibError::unknown_id(IdKind::Role, &id, roles.iter().map(|r| &r.id)))
        })
    }

    /// One contribution area. Throws `UnknownId` naming the nearest valid id.
    pub fn area(&self, id: String) -> Result<Dimension, SmartlibError> {
        guarded(|| {
            let areas = self.inner.areas();
            let found = areas.iter().find(|area| *area.id == *id);
            found
                .map(Into::into)
                .ok_or_else(|| SmartlibError::unknown_id(IdKind::Area, &id, areas.iter().map(|a| &a.id)))
        })
    }

    /// One example library. Throws `UnknownId` naming the nearest valid id.
    pub fn example_library(&self, id: String) -> Result<ExampleLibrary, SmartlibError> {
        guarded(|| {
            let examples = self.inner.examples();
            let found = examples.iter().find(|library| *library.id == *id);
            found
                .map(Into::into)
                .ok_or_else(|| SmartlibError::unknown_id(IdKind::ExampleLibrary, &id, examples.iter().map(|l| &l.id)))
        })
    }

    /// Assesses a library: level, tiers, roles, next steps and recommendations.
    pub fn assess(&self, profile: Profile) -> Result<Assessment, SmartlibError> {
        guarded(|| {
            let assessment = self.inner.assess(&profile.into())?;
            Ok(self.inner.view_assessment(&assessment).into())
        })
    }

    /// Assesses a library with every program of unknown status read as offered, or as not
    /// offered: one end of the level range by itself. The answer says so (`assumedUnknown`,
    /// `assumed`, the headline and the first advice), and programs assumed not offered still
    /// say `verify`.
    pub fn assess_assuming(
        &self,
        profile: Profile,
        assume_unknown: AssumeUnknown,
    ) -> Result<Assessment, SmartlibError> {
        guarded(|| {
            let profile = self.inner.assume_unknown(&profile.into(), assume_unknown.into())?;
            let assessment = self.inner.assess(&profile)?;
            Ok(self.inner.view_assessment(&assessment).into())
        })
    }

    /// Every program not offered yet (or the best `limit`), best first. Throws
    /// `InvalidArgument` for a negative limit.
    pub fn recommend(&self, profile: Profile, limit: Option<i32>) -> Result<Vec<Recommendation>, SmartlibError> {
        guarded(|| {
            let limit = match limit {
                Some(n) => SmartlibError::check_not_negative("limit", n)?,
                None => usize::MAX,
            };
            let recommendations = self.inner.recommend(&profile.into(), limit)?;
            Ok(recommendations.iter().map(|r| self.inner.view_recommendation(r).into()).collect())
        })
    }

    /// Every program not offered yet, in phases.
    pub fn roadmap(&self, profile: Profile) -> Result<Roadmap, SmartlibError> {
        guarded(|| {
            let roadmap = self.inner.roadmap(&profile.into())?;
            Ok(self.inner.view_roadmap(&roadmap).into())
        })
    }

    /// What changes if the library offers `add` and stops offering `remove`.
    pub fn what_if(&self, profile: Profile, add: Vec<String>, remove: Vec<String>) -> Result<WhatIf, SmartlibError> {
        guarded(|| {
            let change = self.inner.what_if(&profile.into(), &add, &remove)?;
            Ok(self.inner.view_what_if(&change).into())
        })
    }

    /// Assesses a profile given as JSON (the profile file format) and answers with the
    /// assessment as JSON, in the shape of the `Assessment` record (`assessmentToJson`).
    pub fn assess_json(&self, profile: String) -> Result<String, SmartlibError> {
        guarded(|| {
            let profile = self.parse_profile(&profile)?;
            let assessment = self.inner.assess(&profile)?;
            crate::json::to_json(&Assessment::from(self.inner.view_assessment(&assessment)))
        })
    }

    /// A profile from JSON text (the profile file format, which `profileToJson` writes and the
    /// CLI reads), checked against this catalog. Throws `InvalidProfile` with the line and
    /// column of the first problem.
    pub fn profile_from_json(&self, text: String) -> Result<Profile, SmartlibError> {
        guarded(|| Ok(self.parse_profile(&text)?.into()))
    }

    /// Scores a table, one library a row: `columns` names the columns (program ids, or
    /// `offers`/`piloting`/`planned`/`unknown` lists, and optionally `goals`, `budget`,
    /// `staff`, `space`, `id`, `name`; other columns are ignored), `rows` holds one cell a
    /// column. Answers one summary a row, in order, with the `top` best next programs; a row
    /// that cannot be read carries its message in `error` and the others still count. Rows
    /// are scored on all cores.
    ///
    /// Throws `Table` for an error about the columns (a near miss of a program id, a name used
    /// twice, no column that says what a library offers, lists and program columns at once),
    /// and `InvalidArgument` for a negative `top`.
    pub fn summarize_table(
        &self,
        columns: Vec<String>,
        rows: Vec<Vec<Cell>>,
        top: i32,
    ) -> Result<Vec<RowSummary>, SmartlibError> {
        guarded(|| {
            let top = SmartlibError::check_not_negative("top", top)?;
            let catalog = &self.inner;
            let layout = catalog.columns(&columns).map_err(SmartlibError::from_table)?;
            let options = smartlib::BatchOptions::new(top);
            // No more workers than chunks: a small table is scored on the calling thread.
            let options = options.with_threads(options.threads.min(rows.len().div_ceil(options.chunk)));
            let mut summaries = Vec::with_capacity(rows.len());
            let outcome = catalog.summarize_many(
                rows.iter().enumerate(),
                options,
                |worker, (index, row)| {
                    let cells: Vec<smartlib::Cell<'_>> = row.iter().map(Cell::as_core).collect();
                    match worker.summarize_row(&layout, index + 1, &cells) {
                        Ok(summary) => RowSummary::new(catalog, &summary),
                        Err(error) => RowSummary::failed(&error),
                    }
                },
                |summary| {
                    summaries.push(summary);
                    Ok::<(), std::convert::Infallible>(())
                },
            );
            match outcome {
                Ok(()) => Ok(summaries),
                Err(smartlib::BatchError::Sink(never)) => match never {},
                Err(smartlib::BatchError::Panicked) => Err(SmartlibError::Internal {
                    description: "internal error (a bug in smartlib): a worker panicked while scoring the table".into(),
                }),
            }
        })
    }

    /// One row of a table as a profile (to assess with reasons, save or show): `columns` as
    /// for `summarize_table`, `cells` one a column, `row` the row's number in messages (1 for
    /// the first row of data). Throws `Table` (or `UnknownId` for an unknown program id)
    /// with the row and column, and `InvalidArgument` for a row number below 1.
    pub fn row_profile(&self, columns: Vec<String>, cells: Vec<Cell>, row: i32) -> Result<Profile, SmartlibError> {
        guarded(|| {
            let row = match SmartlibError::check_not_negative("row", row)? {
                0 => {
                    return Err(SmartlibError::InvalidArgument {
                        description: "row must be 1 or more (1 is the first row of data), not 0".into(),
                        name: "row".into(),
                    });
                }
                row => row,
            };
            let layout = self.inner.columns(&columns).map_err(SmartlibError::from_table)?;
            let cells: Vec<smartlib::Cell<'_>> = cells.iter().map(Cell::as_core).collect();
            let profile = self.inner.row_profile(&layout, row, &cells).map_err(SmartlibError::from_table)?;
            Ok(profile.into())
        })
    }

    /// The whole catalog as JSON (the format `fromText` reads).
    pub fn to_json(&self) -> Result<String, SmartlibError> {
        guarded(|| {
            smartlib::export_catalog(self.inner.data(), smartlib::Format::Json).map_err(|e| SmartlibError::Internal {
                description: format!("internal error (a bug in smartlib): cannot write the catalog as JSON: {e}"),
            })
        })
    }
}

impl Catalog {
    fn parse_profile(&self, text: &str) -> Result<smartlib::Profile, SmartlibError> {
        smartlib::parse_profile(text, smartlib::Format::Json, "<profile>", &self.inner)
            .map_err(|e| SmartlibError::profile_text(&e))
    }
}
