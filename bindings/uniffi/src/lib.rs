//! Kotlin and Swift bindings for smartlib (uniffi proc-macros, no UDL).
//!
//! One thread-safe [`Catalog`] object (an `Arc` around the engine's catalog) and plain records
//! in and out. Kotlin sees the package `org.smartlib`, Swift the module `SmartLib`. Counts and
//! levels are `i32` (Kotlin `Int`, Swift `Int32`). Errors are one [`SmartlibError`] enum, one
//! case a cause: Kotlin `SmartlibException.*`, Swift `throws SmartlibError`. A Rust panic in
//! any exported call that does work is caught (`error::guarded`) and thrown as
//! `SmartlibError::Internal`, never a crashed process.
//!
//! - `error.rs`: [`SmartlibError`], how the engine's errors map to it, and the panic guard;
//! - `records.rs`: every record and enum, and their conversions (the answer records are the
//!   core's views, field by field; reasons typed by kind);
//! - `catalog.rs`: the [`Catalog`] object and its methods;
//! - `json.rs`: JSON in and out for assessments and profiles.

mod catalog;
mod error;
mod json;
mod records;

pub use catalog::Catalog;
pub use error::{ContentProblem, SmartlibError};
pub use json::{assessment_from_json, assessment_to_json, profile_to_json};
pub use records::{
    Advice, Assessment, AssumeUnknown, Cell, Coverage, Dimension, ExampleLibrary, Format, Guide, IdKind, Phase,
    Profile, Program, Progress, Reason, ReasonKind, Recommendation, Resource, Roadmap, RowSummary, Scale, Tier,
    TierChange, TierStatus, ViewType, WhatIf,
};

uniffi::setup_scaffolding!();

/// Panics on purpose. The binding tests call it to show that a Rust panic reaches Kotlin as
/// `SmartlibException.Internal` and Swift as `SmartlibError.internal`, and the process goes
/// on. Only in builds with the `panic-probe` feature, which the test builds turn on.
#[cfg(feature = "panic-probe")]
#[uniffi::export]
pub fn panic_probe() -> Result<(), SmartlibError> {
    error::guarded(|| panic!("a deliberate panic, to test that panics stay inside the app"))
}

/// The version of the embedded toolbox content.
#[uniffi::export]
pub fn content_version() -> String {
    smartlib::CATALOG_VERSION.to_owned()
}

/// What this engine is and reads, to check against or to tell a content server.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Versions {
    /// The engine's version, `MAJOR.MINOR.PATCH`.
    pub engine: String,
    /// The catalog format version it writes and reads in full, `MAJOR.MINOR` (`"1.0"`).
    pub schema: String,
    /// The only format major version it reads.
    pub schema_major: i32,
    /// The newest minor version whose every field it knows; newer minor versions load, with
    /// their unknown fields as warnings.
    pub schema_minor: i32,
    /// The versions it reads, in words: `1.0 to 1.x, ignoring fields newer than 1.0`.
    pub supported_schemas: String,
    /// The version of the embedded toolbox content.
    pub content: String,
}

/// The engine's version and the catalog format versions it reads.
#[uniffi::export]
pub fn versions() -> Versions {
    let schema = smartlib::content::SCHEMA_VERSION;
    Versions {
        engine: smartlib::VERSION.to_owned(),
        schema: schema.to_string(),
        schema_major: i32::try_from(schema.major).unwrap_or(i32::MAX),
        schema_minor: i32::try_from(schema.minor).unwrap_or(i32::MAX),
        supported_schemas: smartlib::content::SchemaVersion::supported_range(),
        content: smartlib::CATALOG_VERSION.to_owned(),
    }
}

/// Every answer record (`Assessment`, `TierStatus`, `Coverage`, `Advice`, `Recommendation`,
/// `Reason`, `Roadmap`, `Phase`, `WhatIf`, `TierChange`) with its fields in order, as the core
/// lists them in `smartlib::view::VIEW_FIELDS` (snake_case; the records spell them in
/// camelCase). The records have exactly these fields, except `Reason`, whose details (`ids`,
/// `tier`, …) sit in the case of its `kind`: the tests check both.
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

    fn toolbox() -> std::sync::Arc<Catalog> {
        Catalog::toolbox().expect("the embedded catalog loads")
    }

    #[test]
    fn errors_map_to_one_case_a_cause() {
        let catalog = toolbox();
        let unknown = catalog.assess(Profile { offers: vec!["wifi-acess".into()], ..Profile::default() });
        assert!(
            matches!(unknown, Err(SmartlibError::UnknownId { kind: IdKind::Program, ref suggestion, ref path, .. })
                if suggestion.as_deref() == Some("wifi-access") && path == "offers[0]")
        );
        let conflict = catalog.assess(Profile {
            offers: vec!["wifi-access".into()],
            planned: vec!["wifi-access".into()],
            ..Profile::default()
        });
        assert!(matches!(conflict, Err(SmartlibError::InvalidProfile { .. })));
        let broken = Catalog::from_text("name = \"x\"\nversion =".into(), Format::Toml);
        match broken {
            Err(SmartlibError::InvalidCatalog { problems, .. }) => assert_eq!(problems[0].line, Some(2)),
            _ => panic!("not InvalidCatalog"),
        }
        // Bad profile JSON is a profile error, bad policy JSON a policy error, a missing file I/O.
        assert!(matches!(
            catalog.profile_from_json("{\"offers\": [1".into()),
            Err(SmartlibError::InvalidProfile { line: Some(1), .. })
        ));
        assert!(matches!(
            catalog.with_policy_json("{\"established_share\": ".into()),
            Err(SmartlibError::InvalidPolicy { .. })
        ));
        assert!(matches!(
            catalog.with_policy_json("{\"established_share\": \"most\"}".into()),
            Err(SmartlibError::InvalidPolicy { .. })
        ));
        assert!(matches!(Catalog::from_path("/nonexistent/catalog.toml".into()), Err(SmartlibError::Io { .. })));
        assert!(matches!(
            catalog.recommend(Profile::default(), Some(-1)),
            Err(SmartlibError::InvalidArgument { ref name, .. }) if name == "limit"
        ));
        match catalog.tier("getting-startd".into()) {
            Err(SmartlibError::UnknownId { kind: IdKind::Tier, suggestion, description, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("getting-started"));
                assert_eq!(description, r#"unknown tier "getting-startd" (did you mean "getting-started"?)"#);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn content_from_a_newer_minor_version_loads_with_warnings() {
        let info = versions();
        assert_eq!(info.schema, format!("{}.{}", info.schema_major, info.schema_minor));
        let text = |version: &str, extra: &str| {
            format!(
                "schema_version = \"{version}\"\nname = \"Tiny\"\nversion = \"1\"\nstart_message = \"Start.\"\n{extra}\n\
                 [[tiers]]\nid = \"only\"\nname = \"Only\"\nmessage = \"Done.\"\n\
                 [[programs]]\nid = \"lab\"\nname = \"Lab\"\ntier = \"only\"\nsummary = \"A lab.\"\n"
            )
        };
        let newer = format!("{}.{}", info.schema_major, info.schema_minor + 1);
        let catalog = Catalog::from_text(text(&newer, "released = \"2031\""), Format::Toml).expect("loads");
        assert_eq!(catalog.schema_version(), newer);
        let warnings = catalog.warnings();
        assert_eq!(warnings.len(), 1);
        assert_eq!((warnings[0].id.as_deref(), warnings[0].line), (Some("released"), Some(5)));
        match Catalog::from_text(text(&info.schema, "released = 1\npublisher = 2"), Format::Toml) {
            Err(SmartlibError::InvalidCatalog { problems, omitted: 0, .. }) => assert_eq!(problems.len(), 2),
            _ => panic!("an unknown field at this version is an error"),
        }
        let major = format!("{}.0", info.schema_major + 1);
        match Catalog::from_text(text(&major, ""), Format::Toml) {
            Err(SmartlibError::InvalidCatalog { problems, .. }) => assert_eq!(problems[0].kind, "unsupported-version"),
            _ => panic!("another major version is refused"),
        }
    }

    #[test]
    fn a_panic_is_an_internal_error() {
        let caught = error::guarded::<()>(|| panic!("boom {}", 1));
        assert_eq!(
            caught,
            Err(SmartlibError::Internal { description: "internal error (a bug in smartlib): boom 1".into() })
        );
    }

    #[test]
    fn every_reason_kind_is_typed() {
        // Every reason the engine gives for a varied profile converts (a kind the binding did
        // not know would panic), and the typed kinds cover the view's kind names.
        let catalog = toolbox();
        let profile = Profile {
            offers: vec!["computer-labs".into(), "wifi-access".into()],
            piloting: vec!["digital-resources".into()],
            unknown: vec!["technology-lending".into()],
            goals: vec!["co-creators".into()],
            budget: Some(Scale::Low),
            ..Profile::default()
        };
        let mut kinds: Vec<String> = Vec::new();
        for recommendation in catalog.recommend(profile.clone(), None).expect("recommends") {
            for reason in recommendation.reasons {
                let json = serde_json::to_value(&reason).expect("json");
                kinds.push(json["kind"].as_str().expect("kind").to_owned());
            }
        }
        for phase in catalog.roadmap(profile).expect("roadmap").phases {
            for reason in phase.programs.into_iter().flat_map(|p| p.reasons) {
                kinds.push(serde_json::to_value(&reason).expect("json")["kind"].as_str().expect("kind").to_owned());
            }
        }
        kinds.sort();
        kinds.dedup();
        for expected in
            ["next-tier", "builds-on", "constraint", "in-progress", "status-unknown", "builds-on-earlier-phases"]
        {
            assert!(kinds.iter().any(|k| k == expected), "{expected} not in {kinds:?}");
        }
    }

    #[test]
    fn json_has_the_records_shape_and_round_trips() {
        let catalog = toolbox();
        let profile = Profile {
            name: Some("Anytown".into()),
            offers: vec!["computer-labs".into(), "wifi-access".into(), "digital-resources".into()],
            budget: Some(Scale::Low),
            ..Profile::default()
        };
        let assessment = catalog.assess(profile.clone()).expect("assesses");
        let json = assessment_to_json(assessment.clone()).expect("writes");
        assert_eq!(assessment_from_json(json.clone()).expect("reads"), assessment);
        let value: serde_json::Value = serde_json::from_str(&json).expect("json");
        let keys: Vec<&str> = value.as_object().expect("object").keys().map(String::as_str).collect();
        let (_, fields) = smartlib::view::VIEW_FIELDS.iter().find(|(name, _)| *name == "Assessment").expect("listed");
        let mut want: Vec<&str> = fields.to_vec();
        let mut got = keys.clone();
        want.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, want);
        let profile_json = profile_to_json(profile.clone()).expect("writes");
        assert!(profile_json.contains(r#""constraints":{"budget":"low"}"#), "{profile_json}");
        let back = catalog.profile_from_json(profile_json).expect("reads");
        assert_eq!((back.name, back.offers, back.budget), (profile.name, profile.offers, profile.budget));
        assert!(matches!(assessment_from_json("{}".into()), Err(SmartlibError::InvalidArgument { .. })));
    }

    #[test]
    fn summarize_table_answers_every_row_in_order() {
        let catalog = toolbox();
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
        let catalog = toolbox();
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
            Err(SmartlibError::UnknownId { suggestion, description, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("wifi-access"));
                assert!(description.starts_with(r#"row 2, column "offers": "#), "{description}");
            }
            other => panic!("{other:?}"),
        }
    }

    fn count(n: usize) -> i32 {
        i32::try_from(n).expect("small")
    }
}
