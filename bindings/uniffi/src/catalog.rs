//! The [`Catalog`] object: browsing, assessing profiles and reading tables.

use std::sync::Arc;

use crate::error::SmartlibError;
use crate::records::{
    Assessment, AssumeUnknown, Cell, Dimension, ExampleLibrary, Format, Guide, Profile, Program, Recommendation,
    Roadmap, RowSummary, Tier, WhatIf,
};

/// A validated catalog: the embedded toolbox or your own. Immutable and safe to use from many
/// threads at once.
#[derive(uniffi::Object)]
pub struct Catalog {
    inner: smartlib::Catalog,
}

#[uniffi::export]
impl Catalog {
    /// The embedded toolbox catalog (works offline).
    #[uniffi::constructor]
    pub fn toolbox() -> Arc<Catalog> {
        Arc::new(Catalog { inner: smartlib::default_catalog() })
    }

    /// A catalog from text (TOML, JSON or YAML).
    #[uniffi::constructor]
    pub fn from_text(text: String, format: Format) -> Result<Arc<Catalog>, SmartlibError> {
        let inner = smartlib::parse_catalog(&text, format.into(), "<text>")?;
        Ok(Arc::new(Catalog { inner }))
    }

    /// A catalog from a file or a catalog directory.
    #[uniffi::constructor]
    pub fn from_path(path: String) -> Result<Arc<Catalog>, SmartlibError> {
        Ok(Arc::new(Catalog { inner: smartlib::load_catalog(&path)? }))
    }

    /// The same catalog with policy changes given as JSON, such as
    /// `{"established_share": 0.8, "weights": {"goal": 30}}`.
    pub fn with_policy_json(&self, changes: String) -> Result<Arc<Catalog>, SmartlibError> {
        let profile_error = |e: serde_json::Error| SmartlibError::Profile { description: format!("policy: {e}") };
        let changes: serde_json::Value = serde_json::from_str(&changes).map_err(profile_error)?;
        let policy = self.inner.policy().with_changes(&changes).map_err(profile_error)?;
        let inner = self.inner.with_policy(policy).map_err(smartlib::Error::from)?;
        Ok(Arc::new(Catalog { inner }))
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

    /// One program; `UnknownProgram` names the nearest valid id.
    pub fn program(&self, id: String) -> Result<Program, SmartlibError> {
        match self.inner.program(&id) {
            Some(found) => Ok(found.into()),
            None => Err(self.inner.unknown_program(&id, smartlib::Path::root()).into()),
        }
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

    /// Assesses a library: level, tiers, roles, next steps and recommendations.
    pub fn assess(&self, profile: Profile) -> Result<Assessment, SmartlibError> {
        let assessment = self.inner.assess(&profile.into())?;
        Ok(self.inner.view_assessment(&assessment).into())
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
        let profile = self.inner.assume_unknown(&profile.into(), assume_unknown.into())?;
        let assessment = self.inner.assess(&profile)?;
        Ok(self.inner.view_assessment(&assessment).into())
    }

    /// Every program not offered yet (or the best `limit`), best first.
    pub fn recommend(&self, profile: Profile, limit: Option<u32>) -> Result<Vec<Recommendation>, SmartlibError> {
        let limit = limit.map_or(usize::MAX, |n| n as usize);
        let recommendations = self.inner.recommend(&profile.into(), limit)?;
        Ok(recommendations.iter().map(|r| self.inner.view_recommendation(r).into()).collect())
    }

    /// Every program not offered yet, in phases.
    pub fn roadmap(&self, profile: Profile) -> Result<Roadmap, SmartlibError> {
        let roadmap = self.inner.roadmap(&profile.into())?;
        Ok(self.inner.view_roadmap(&roadmap).into())
    }

    /// What changes if the library offers `add` and stops offering `remove`.
    pub fn what_if(&self, profile: Profile, add: Vec<String>, remove: Vec<String>) -> Result<WhatIf, SmartlibError> {
        let change = self.inner.what_if(&profile.into(), &add, &remove)?;
        Ok(self.inner.view_what_if(&change).into())
    }

    /// Assesses a profile given as JSON (the profile file format) and answers with the
    /// assessment's JSON (the CLI's `--format json`).
    pub fn assess_json(&self, profile: String) -> Result<String, SmartlibError> {
        let profile = smartlib::parse_profile(&profile, smartlib::Format::Json, "<profile>", &self.inner)?;
        let assessment = self.inner.assess(&profile)?;
        serde_json::to_string(&assessment).map_err(|e| SmartlibError::Profile { description: e.to_string() })
    }

    /// A profile from JSON text (the profile file format), checked against this catalog.
    pub fn profile_from_json(&self, text: String) -> Result<Profile, SmartlibError> {
        Ok(smartlib::parse_profile(&text, smartlib::Format::Json, "<profile>", &self.inner)?.into())
    }

    /// Scores a table, one library a row: `columns` names the columns (program ids, or
    /// `offers`/`piloting`/`planned`/`unknown` lists, and optionally `goals`, `budget`,
    /// `staff`, `space`, `id`, `name`; other columns are ignored), `rows` holds one cell a
    /// column. Answers one summary a row, in order, with the `top` best next programs; a row
    /// that cannot be read carries its message in `error` and the others still count. Rows
    /// are scored on all cores.
    ///
    /// Throws `Table` for an error about the columns (a near miss of a program id, a name used
    /// twice, no column that says what a library offers, lists and program columns at once).
    pub fn summarize_table(
        &self,
        columns: Vec<String>,
        rows: Vec<Vec<Cell>>,
        top: u32,
    ) -> Result<Vec<RowSummary>, SmartlibError> {
        let catalog = &self.inner;
        let layout = catalog.columns(&columns).map_err(SmartlibError::from_table)?;
        let options = smartlib::BatchOptions::new(top as usize);
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
            // A bug in the engine: uniffi turns the panic into an exception, never a crash.
            Err(smartlib::BatchError::Panicked) => panic!("a worker panicked while scoring the table"),
        }
    }

    /// One row of a table as a profile (to assess with reasons, save or show): `columns` as
    /// for `summarize_table`, `cells` one a column, `row` the row's number in messages (1 for
    /// the first row of data). Throws `Table` (or `UnknownProgram` for an unknown program id)
    /// with the row and column.
    pub fn row_profile(&self, columns: Vec<String>, cells: Vec<Cell>, row: u32) -> Result<Profile, SmartlibError> {
        let layout = self.inner.columns(&columns).map_err(SmartlibError::from_table)?;
        let cells: Vec<smartlib::Cell<'_>> = cells.iter().map(Cell::as_core).collect();
        let profile = self.inner.row_profile(&layout, row as usize, &cells).map_err(SmartlibError::from_table)?;
        Ok(profile.into())
    }

    /// The whole catalog as JSON (the format `from_text` reads).
    pub fn to_json(&self) -> String {
        smartlib::export_catalog(self.inner.data(), smartlib::Format::Json).unwrap_or_default()
    }
}
