//! JSON Schemas for every file smartlib reads, generated from the types that read them.
//!
//! They are committed under `schema/` at the workspace root (a test fails on drift), so files
//! can point editors at them with `"$schema"`.

use schemars::JsonSchema;
use serde_json::Value;
use smartlib_core::{CatalogData, ExampleLibrary, Guide, Profile, Program};

use crate::catalog::Manifest;

/// Every schema as (file name, schema), in a stable order.
///
/// ```
/// let schemas = smartlib_content::schemas();
/// assert!(schemas.iter().any(|(name, _)| *name == "profile.schema.json"));
/// ```
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        ("catalog.schema.json", schema::<CatalogData>("A smartlib catalog in one file")),
        ("catalog-manifest.schema.json", schema::<Manifest>("The manifest (catalog.toml) of a catalog directory")),
        ("program.schema.json", schema::<Program>("One program file of a catalog directory (programs/<id>.toml)")),
        (
            "guide.schema.json",
            schema::<Guide>("One process or outreach tool file (processes/<id>.toml, outreach/<id>.toml)"),
        ),
        ("example-library.schema.json", schema::<ExampleLibrary>("One example library file (examples/<id>.toml)")),
        ("profile.schema.json", schema::<Profile>("A smartlib library profile")),
    ]
}

/// The schema with this file name (`catalog.schema.json`) or short name (`catalog`).
pub fn schema_named(name: &str) -> Option<Value> {
    schemas()
        .into_iter()
        .find(|(file, _)| *file == name || file.strip_suffix(".schema.json") == Some(name))
        .map(|(_, schema)| schema)
}

fn schema<T: JsonSchema>(description: &str) -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or(Value::Null);
    if let Value::Object(object) = &mut schema {
        object.insert("description".to_owned(), Value::String(description.to_owned()));
    }
    schema
}
