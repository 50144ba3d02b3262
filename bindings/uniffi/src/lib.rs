//! Kotlin and Swift bindings for smartlib (uniffi proc-macros, no UDL).
//!
//! One thread-safe [`Catalog`] object (an `Arc` around the engine's catalog) and plain records
//! in and out. Kotlin sees the package `org.smartlib`, Swift the module `SmartLib`. Errors are
//! one [`SmartlibError`] enum with the cases a caller acts on: Kotlin `SmartlibException.*`,
//! Swift `throws SmartlibError`. A Rust panic is caught by uniffi and surfaces as an exception,
//! never as a crashed process.
//!
//! - `error.rs`: [`SmartlibError`] and how the engine's errors map to it;
//! - `records.rs`: every record and enum, and their conversions (the answer records are the
//!   core's views, field by field);
//! - `catalog.rs`: the [`Catalog`] object and its methods.

mod catalog;
mod error;
mod records;

pub use catalog::Catalog;
pub use error::SmartlibError;
pub use records::{
    Assessment, Cell, Coverage, Dimension, ExampleLibrary, Format, Guide, Phase, Profile, Program, Reason,
    Recommendation, Roadmap, RowSummary, Scale, Tier, TierChange, TierStatus, ViewType, WhatIf,
};

uniffi::setup_scaffolding!();

/// Panics on purpose. The binding tests call it to show that a Rust panic reaches Kotlin
/// (`InternalException`) and Swift (a thrown `UniffiInternalError`) as an exception and the
/// process goes on. Only in builds with the `panic-probe` feature, which the test builds turn on.
#[cfg(feature = "panic-probe")]
#[uniffi::export]
pub fn panic_probe() -> Result<(), SmartlibError> {
    panic!("a deliberate panic, to test that panics stay inside the app")
}

/// The version of the embedded toolbox content.
#[uniffi::export]
pub fn content_version() -> String {
    smartlib::CATALOG_VERSION.to_owned()
}

/// Every answer record (`Assessment`, `TierStatus`, `Coverage`, `Recommendation`, `Reason`,
/// `Roadmap`, `Phase`, `WhatIf`, `TierChange`) with its fields in order, as the core lists them
/// in `smartlib::view::VIEW_FIELDS` (snake_case; the records spell them in camelCase). The
/// records have exactly these fields: the tests check it.
#[uniffi::export]
pub fn view_fields() -> Vec<ViewType> {
    smartlib::view::VIEW_FIELDS
        .iter()
        .map(|(name, fields)| ViewType {
            name: (*name).to_owned(),
            fields: fields.iter().map(|field| (*field).to_owned()).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|cell| Cell::Text((*cell).to_owned())).collect()
    }

    #[test]
    fn errors_map_to_the_cases_callers_act_on() {
        let catalog = Catalog::toolbox();
        let unknown = catalog.assess(Profile { offers: vec!["wifi-acess".into()], ..Profile::default() });
        assert!(
            matches!(unknown, Err(SmartlibError::UnknownProgram { ref suggestion, .. }) if suggestion.as_deref() == Some("wifi-access"))
        );
        let conflict = catalog.assess(Profile {
            offers: vec!["wifi-access".into()],
            planned: vec!["wifi-access".into()],
            ..Profile::default()
        });
        assert!(matches!(conflict, Err(SmartlibError::Profile { .. })));
        let broken = Catalog::from_text("name = \"x\"\nversion =".into(), Format::Toml);
        assert!(matches!(broken, Err(SmartlibError::Content { line: Some(2), .. })));
    }

    #[test]
    fn summarize_table_answers_every_row_in_order() {
        let catalog = Catalog::toolbox();
        let columns: Vec<String> =
            ["id", "computer-labs", "wifi-access", "digital-resources", "budget"].map(str::to_owned).to_vec();
        let mut rows = vec![
            text(&["a", "yes", "1", "TRUE", "low"]),
            text(&["b", "-1", "yes", "yes", ""]),
            vec![Cell::Text("c".into()), Cell::Bool(false), Cell::Number(0.0), Cell::Missing, Cell::Missing],
        ];
        // Enough rows for more than one chunk, so the workers run.
        rows.extend((0..2500).map(|i| text(&["x", if i % 2 == 0 { "yes" } else { "no" }, "yes", "yes", ""])));
        let summaries = catalog.summarize_table(columns.clone(), rows.clone(), 3).expect("the columns are fine");
        assert_eq!(summaries.len(), rows.len());
        let first = &summaries[0];
        assert_eq!((first.level, first.level_min, first.level_max, first.error.as_deref()), (1, 1, 3, None));
        assert_eq!(first.reached.as_deref(), Some("getting-started"));
        assert_eq!(first.recommendations.len(), 3);
        assert_eq!(
            summaries[1].error.as_deref().map(|e| e.split(';').next()),
            Some(Some(r#"row 2, column "computer-labs": -1 is not a status"#))
        );
        assert_eq!((summaries[2].level, summaries[2].reached.as_deref()), (0, None));
        // Each row alone, through a profile, gives the same answer.
        for (index, summary) in summaries.iter().enumerate().filter(|(_, s)| s.error.is_none()).take(50) {
            let profile = catalog.row_profile(columns.clone(), rows[index].clone(), count(index + 1)).expect("reads");
            let assessment = catalog.assess(profile).expect("assesses");
            assert_eq!((assessment.level_min, assessment.level_max), (summary.level_min, summary.level_max));
            assert_eq!(assessment.reached, summary.reached);
            let ids: Vec<String> = assessment.recommendations.iter().take(3).map(|r| r.program.clone()).collect();
            assert_eq!(ids, summary.recommendations);
        }
    }

    #[test]
    fn table_errors_name_their_row_and_column() {
        let catalog = Catalog::toolbox();
        let near_miss = catalog.summarize_table(vec!["id".into(), "Computer_Labs".into()], vec![], 5);
        assert!(
            matches!(near_miss, Err(SmartlibError::Table { row: None, column: Some(ref c), .. }) if c == "Computer_Labs")
        );
        let nothing = catalog.summarize_table(vec!["id".into(), "state".into()], vec![], 5);
        assert!(matches!(nothing, Err(SmartlibError::Table { row: None, column: None, .. })));
        let columns: Vec<String> = vec!["offers".into(), "staff".into()];
        let bad = catalog.row_profile(columns.clone(), text(&["computer-labs", "lots"]), 7);
        assert!(matches!(bad, Err(SmartlibError::Table { row: Some(7), column: Some(ref c), .. }) if c == "staff"));
        let unknown = catalog.row_profile(columns, vec![Cell::List(vec!["wifi-acess".into()]), Cell::Missing], 2);
        match unknown {
            Err(SmartlibError::UnknownProgram { suggestion, description, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("wifi-access"));
                assert!(description.starts_with(r#"row 2, column "offers": "#), "{description}");
            }
            other => panic!("{other:?}"),
        }
    }

    fn count(n: usize) -> u32 {
        u32::try_from(n).expect("small")
    }
}
