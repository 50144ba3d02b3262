//! `RELIABILITY.md` names the test that holds each guarantee, as `path::name` (a full path the
//! first time, then the file name, or `…::name` for the file just named). Every test it names
//! must exist, so a renamed or deleted test cannot leave a guarantee pointing at nothing.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `` `file::…::name` `` reference in the document, with the file resolved: a file name
/// alone is the file of that name given in full earlier.
fn references(root: &Path, text: &str) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut named: Vec<PathBuf> = Vec::new();
    for code in text.split('`').skip(1).step_by(2) {
        let Some((file, rest)) = code.split_once("::") else { continue };
        let source = [".rs", ".py", ".kt", ".swift"].iter().any(|extension| file.ends_with(extension));
        if !(source || file == "…") {
            continue;
        }
        let name = rest.rsplit("::").next().unwrap_or(rest).to_owned();
        let path = match file {
            "…" => named.last().cloned().unwrap_or_else(|| panic!("`{code}`: no file named before it")),
            file if file.contains('/') => root.join(file),
            file => named
                .iter()
                .rev()
                .find(|path| path.file_name().is_some_and(|n| n == file))
                .cloned()
                .unwrap_or_else(|| panic!("`{code}`: {file} is not given in full before")),
        };
        named.push(path.clone());
        found.push((path, name));
    }
    found
}

#[test]
fn every_test_the_reliability_guarantees_name_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = fs::read_to_string(root.join("RELIABILITY.md")).expect("RELIABILITY.md");
    let references = references(root, &text);
    assert!(references.len() >= 30, "only {} tests named", references.len());
    let mut missing = Vec::new();
    for (path, name) in &references {
        let source = fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        // A test is a function in every language here: Rust `fn`, Python `def`, Kotlin `fun`,
        // Swift `func`.
        let defined = ["fn", "def", "fun", "func"].iter().any(|keyword| source.contains(&format!("{keyword} {name}(")));
        if !defined {
            missing.push(format!("{}::{name}", path.strip_prefix(root).unwrap_or(path).display()));
        }
    }
    assert!(missing.is_empty(), "RELIABILITY.md names tests that do not exist: {missing:#?}");
}
