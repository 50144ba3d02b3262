//! The committed JSON Schemas (`schema/`) match the types, and the content matches the schemas.
//!
//! Regenerate after a model change with:
//! `SMARTLIB_UPDATE_SCHEMAS=1 cargo test --test tests schema`

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

const REGENERATE: &str = "SMARTLIB_UPDATE_SCHEMAS=1 cargo test --test tests schema";

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schema")
}

fn committed(name: &str) -> Value {
    let text = fs::read_to_string(schema_dir().join(name))
        .unwrap_or_else(|error| panic!("schema/{name}: {error}; regenerate with `{REGENERATE}`"));
    serde_json::from_str(&text).expect("committed schemas are JSON")
}

#[test]
fn committed_schemas_match_the_types() {
    let update = std::env::var_os("SMARTLIB_UPDATE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for (name, schema) in smartlib::content::schemas() {
        let text = serde_json::to_string_pretty(&schema).expect("serializable") + "\n";
        let path = schema_dir().join(name);
        if update {
            fs::create_dir_all(schema_dir()).expect("schema dir");
            fs::write(&path, &text).expect("write schema");
        } else if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(stale.is_empty(), "out of date: {stale:?}; regenerate with `{REGENERATE}`");
    let mut on_disk: Vec<String> = fs::read_dir(schema_dir())
        .expect("schema dir")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .collect();
    on_disk.sort();
    let mut known: Vec<String> = smartlib::content::schemas().into_iter().map(|(name, _)| name.to_owned()).collect();
    known.sort();
    assert_eq!(on_disk, known, "schema/ holds files no type generates");
}

fn check(schema_name: &str, instance: &Value, what: &str) {
    let validator = jsonschema::validator_for(&committed(schema_name)).expect("valid schema");
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not match {schema_name}: {errors:#?}");
}

#[test]
fn the_embedded_catalog_matches_its_schemas() {
    let catalog = smartlib::default_catalog();
    check("catalog.schema.json", &serde_json::to_value(catalog.data()).expect("json"), "the default catalog");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/content/catalog");
    let toml_file = |path: &Path| -> Value {
        let text = fs::read_to_string(path).expect("readable");
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    check("catalog-manifest.schema.json", &toml_file(&root.join("catalog.toml")), "catalog.toml");
    for (folder, schema) in [
        ("programs", "program.schema.json"),
        ("processes", "guide.schema.json"),
        ("outreach", "guide.schema.json"),
        ("examples", "example-library.schema.json"),
    ] {
        for entry in fs::read_dir(root.join(folder)).expect("folder") {
            let path = entry.expect("entry").path();
            check(schema, &toml_file(&path), &path.display().to_string());
        }
    }
}

#[test]
fn vector_profiles_and_catalogs_match_their_schemas() {
    let vectors = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    for entry in fs::read_dir(vectors.join("catalogs")).expect("catalogs") {
        let path = entry.expect("entry").path();
        let value: Value = serde_json::from_str(&fs::read_to_string(&path).expect("read")).expect("json");
        check("catalog.schema.json", &value, &path.display().to_string());
    }
    for entry in fs::read_dir(&vectors).expect("vectors") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let value: Value = serde_json::from_str(&fs::read_to_string(&path).expect("read")).expect("json");
            check("profile.schema.json", &value["profile"], &path.display().to_string());
        }
    }
    // And the schema says no to what the loader says no to.
    let validator = jsonschema::validator_for(&committed("profile.schema.json")).expect("valid schema");
    assert!(!validator.is_valid(&serde_json::json!({"offers": [], "ofers": []})));
    assert!(!validator.is_valid(&serde_json::json!({"constraints": {"budget": "tiny"}})));
}
