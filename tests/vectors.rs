//! Runs every shared vector in `tests/vectors/*.json` through the engine.
//!
//! A vector names a catalog (`tests/vectors/catalogs/<name>.json`, or `default` for the
//! embedded toolbox), an optional partial policy
//! override, a profile and the expected answer. The expectations come from the independent
//! Python implementation in `tests/reference/`; the Python, Kotlin and Swift bindings run the
//! same files, so all four languages must agree exactly.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use smartlib::{Catalog, CatalogData, Profile};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    name: String,
    description: String,
    catalog: String,
    #[serde(default)]
    policy: Option<Value>,
    profile: Profile,
    expect: Expect,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    level: usize,
    reached: Option<String>,
    level_range: [usize; 2],
    to_next_level: Vec<String>,
    /// The fewest unknown programs that, confirmed as offered, raise the level.
    to_confirm: Vec<String>,
    recommendations: Vec<String>,
    scores: Vec<f64>,
    /// Each recommendation's action, in the same order.
    actions: Vec<String>,
    /// The kind of each recommendation's reasons, in the same order.
    reason_kinds: Vec<Vec<String>>,
}

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

/// The vector's catalog (`default` is the embedded one) with its policy override applied.
pub(crate) fn catalog_for(name: &str, policy: Option<&Value>) -> Catalog {
    let catalog = if name == "default" {
        smartlib::default_catalog()
    } else {
        let text = fs::read_to_string(vectors_dir().join("catalogs").join(format!("{name}.json")))
            .unwrap_or_else(|error| panic!("catalog {name}: {error}"));
        let data: CatalogData = serde_json::from_str(&text).unwrap_or_else(|error| panic!("catalog {name}: {error}"));
        Catalog::new(data).unwrap_or_else(|error| panic!("catalog {name}: {error}"))
    };
    match policy {
        None => catalog,
        Some(changes) => {
            let policy = catalog.policy().with_changes(changes).expect("valid policy override");
            catalog.with_policy(policy).expect("policy in range")
        }
    }
}

fn answer(catalog: &Catalog, profile: &Profile) -> Expect {
    let assessment = catalog.assess(profile).expect("vector profiles are valid");
    let recommendations = catalog.recommend(profile, usize::MAX).expect("vector profiles are valid");
    Expect {
        level: assessment.level,
        reached: assessment.reached.map(|id| id.to_string()),
        level_range: assessment.level_range,
        to_next_level: assessment.to_next_level.iter().map(ToString::to_string).collect(),
        to_confirm: assessment.to_confirm.iter().map(ToString::to_string).collect(),
        recommendations: recommendations.iter().map(|r| r.program.to_string()).collect(),
        scores: recommendations.iter().map(|r| r.score).collect(),
        actions: recommendations.iter().map(|r| r.action.as_str().to_owned()).collect(),
        reason_kinds: recommendations.iter().map(|r| r.reasons.iter().map(|x| x.kind().to_owned()).collect()).collect(),
    }
}

#[test]
fn every_vector_gives_the_expected_answer() {
    let mut paths: Vec<PathBuf> = fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .map(|entry| entry.expect("readable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 20, "the design asks for at least 20 vectors, found {}", paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let vector: Vector = serde_json::from_str(&fs::read_to_string(path).expect("readable"))
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert_eq!(path.file_stem().and_then(|s| s.to_str()), Some(vector.name.as_str()));
        assert!(!vector.description.is_empty());
        let catalog = catalog_for(&vector.catalog, vector.policy.as_ref());
        let got = answer(&catalog, &vector.profile);
        if got != vector.expect {
            failures.push(format!("{}\n  expected {:?}\n  got      {got:?}", vector.name, vector.expect));
        }
    }
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), paths.len(), failures.join("\n"));
}

/// A table vector: cells exactly as a spreadsheet holds them, and per row the answer or the
/// error every front end must give (or one error for the whole table).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableVector {
    name: String,
    description: String,
    catalog: String,
    top: usize,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
    expect: Value,
}

/// The answer for a table in the vectors' `expect` shape, through the core's table reader.
fn table_answer(catalog: &Catalog, vector: &TableVector) -> Value {
    let columns = match catalog.columns(&vector.columns) {
        Ok(columns) => columns,
        Err(error) => return serde_json::json!({ "error": error.to_string() }),
    };
    let mut worker = smartlib::Worker::new(catalog, vector.top);
    let rows: Vec<Value> = vector
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let cells: Vec<smartlib::Cell<'_>> = row.iter().map(|cell| smartlib::Cell::Text(cell)).collect();
            match worker.summarize_row(&columns, index + 1, &cells) {
                Ok(summary) => serde_json::json!({
                    "level": summary.level,
                    "level_range": summary.level_range,
                    "recommendations": summary.top.iter().map(|&p| catalog.programs()[p].id.to_string()).collect::<Vec<_>>(),
                }),
                Err(error) => serde_json::json!({ "error": error.to_string() }),
            }
        })
        .collect();
    serde_json::json!({ "rows": rows })
}

#[test]
fn every_table_vector_reads_as_expected() {
    let mut paths: Vec<PathBuf> = fs::read_dir(vectors_dir().join("tables"))
        .expect("tests/vectors/tables exists")
        .map(|entry| entry.expect("readable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 6, "found {} table vectors", paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let vector: TableVector = serde_json::from_str(&fs::read_to_string(path).expect("readable"))
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert_eq!(path.file_stem().and_then(|s| s.to_str()), Some(vector.name.as_str()));
        assert!(!vector.description.is_empty());
        let got = table_answer(&catalog_for(&vector.catalog, None), &vector);
        if got != vector.expect {
            failures.push(format!("{}\n  expected {}\n  got      {got}", vector.name, vector.expect));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} table vectors failed:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}
