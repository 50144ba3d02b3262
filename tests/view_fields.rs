//! Each binding's README lists its answer records with exactly the core's view fields
//! (`smartlib::view::VIEW_FIELDS`): snake_case in Python, camelCase in Kotlin and Swift. The
//! bindings' own tests hold their classes to the same list.

use std::fs;
use std::path::Path;

use smartlib::view::VIEW_FIELDS;

/// The `| record | fields |` table of a README, as (record, fields) rows.
fn table(readme: &str) -> Vec<(String, Vec<String>)> {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(readme)).expect("README");
    let strip = |cell: &str| cell.trim().trim_matches('`').to_owned();
    text.lines()
        .skip_while(|line| !line.starts_with("| record | fields |"))
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').collect();
            (strip(cells[0]), cells[1].split(',').map(strip).collect())
        })
        .collect()
}

fn camel(field: &str) -> String {
    let mut parts = field.split('_');
    let first = parts.next().unwrap_or_default().to_owned();
    parts.fold(first, |name, part| {
        let mut chars = part.chars();
        name + &chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
    })
}

fn expected(rename: fn(&str) -> String) -> Vec<(String, Vec<String>)> {
    VIEW_FIELDS.iter().map(|(name, fields)| ((*name).to_owned(), fields.iter().map(|f| rename(f)).collect())).collect()
}

#[test]
fn the_python_readme_lists_the_view_fields() {
    assert_eq!(table("bindings/python/README.md"), expected(|f| f.to_owned()));
}

#[test]
fn the_kotlin_and_swift_readme_lists_the_view_fields() {
    assert_eq!(table("bindings/uniffi/README.md"), expected(camel));
}
