//! Forward-compatible catalogs: `schema_version`, warnings for a newer minor version's fields,
//! refusal of another major version, and every problem reported with its place.

use std::fs;
use std::path::{Path, PathBuf};

use smartlib_content::{
    ContentError, Diagnostic, ErrorKind, Format, LoadedCatalog, MAX_DIAGNOSTICS, SCHEMA_VERSION, SchemaVersion,
    load_catalog, load_catalog_with_warnings, parse_catalog, parse_catalog_with_warnings,
};

/// A small valid catalog with `VERSION` where its `schema_version` line goes.
const TOML: &str = r#"VERSION
name = "Tiny"
version = "1"
start_message = "Start."

[[tiers]]
id = "basics"
name = "Basics"
message = "Basics done."

[[programs]]
id = "lab"
name = "Lab"
tier = "basics"
summary = "A computer lab."

[[programs]]
id = "wifi"
name = "Wi-Fi"
tier = "basics"
summary = "Wireless."
builds_on = [{ program = "lab", why = "the lab's network carries it" }]

[programs.needs]
budget = { level = "low", why = "routers are cheap" }
"#;

fn toml(version: &str) -> String {
    TOML.replace("VERSION", &format!("schema_version = \"{version}\""))
}

/// Adds a line after the first line that starts with `after`.
fn with_line(text: &str, after: &str, line: &str) -> String {
    let at = text.find(after).unwrap_or_else(|| panic!("{after}"));
    let end = at + text[at..].find('\n').expect("a line");
    format!("{}\n{line}{}", &text[..end], &text[end..])
}

/// `origin:line: path (id)` for each diagnostic.
fn places(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let line = d.position.map_or(0, |p| p.line);
            format!("{}:{line}: {} ({})", d.origin, d.path, d.id.as_deref().unwrap_or("-"))
        })
        .collect()
}

/// A newer minor version's catalog with unknown fields everywhere a catalog has fields.
fn newer_with_new_fields() -> String {
    let text = toml("1.7");
    let text = with_line(&text, "start_message", "released = 2031-01-01");
    let text = with_line(&text, "message = \"Basics done.\"", "colour = \"green\"");
    let text = with_line(&text, "summary = \"A computer lab.\"", "icon = \"lab.svg\"");
    let text =
        text.replace("why = \"the lab's network carries it\"", "why = \"the lab's network carries it\", weight = 2");
    text.replace("why = \"routers are cheap\"", "why = \"routers are cheap\", currency = \"USD\"")
}

#[test]
fn a_newer_minor_version_loads_without_its_new_fields_and_says_where_they_were() {
    let loaded = parse_catalog_with_warnings(&newer_with_new_fields(), Format::Toml, "tiny.toml").expect("loads");
    assert_eq!(loaded.schema_version, SchemaVersion { major: 1, minor: 7 });
    assert_eq!(loaded.catalog.programs().len(), 2);
    assert_eq!(
        places(&loaded.warnings),
        [
            "tiny.toml:5: released (released)",
            "tiny.toml:11: tiers[0].colour (colour)",
            "tiny.toml:18: programs[0].icon (icon)",
            "tiny.toml:25: programs[1].builds_on[0].weight (weight)",
            "tiny.toml:28: programs[1].needs.budget.currency (currency)",
        ]
    );
    assert!(loaded.warnings.iter().all(|w| w.kind == ErrorKind::UnknownField && w.suggestion.is_none()));
    assert_eq!(
        loaded.warnings[0].to_string(),
        "tiny.toml:5:1: released: unknown field \"released\", ignored (schema_version 1.7 is newer than 1.0, the \
         newest this engine knows)"
    );
    // What is known is read as ever: the link and the need keep their why.
    let wifi = &loaded.catalog.data().programs[1];
    assert_eq!(wifi.builds_on[0].why.as_deref(), Some("the lab's network carries it"));
    assert_eq!(wifi.needs.budget.as_ref().and_then(|need| need.why.as_deref()), Some("routers are cheap"));
    // The plain loader reads the same catalog and drops the warnings.
    let plain = parse_catalog(&newer_with_new_fields(), Format::Toml, "tiny.toml").expect("loads");
    assert_eq!(plain.data(), loaded.catalog.data());
}

#[test]
fn a_newer_minor_version_is_read_alike_in_every_format() {
    let loaded = parse_catalog_with_warnings(&newer_with_new_fields(), Format::Toml, "t").expect("loads");
    let data = loaded.catalog.data();
    let mut json: serde_json::Value = serde_json::to_value(data).expect("json");
    json["released"] = "2031".into();
    json["programs"][0]["icon"] = "lab.svg".into();
    let json_text = serde_json::to_string_pretty(&json).expect("json");
    let from_json = parse_catalog_with_warnings(&json_text, Format::Json, "tiny.json").expect("loads");
    assert_eq!(from_json.catalog.data(), data);
    let fields: Vec<_> = from_json.warnings.iter().map(|w| w.path.to_string()).collect();
    assert_eq!(fields, ["programs[0].icon", "released"], "document order: serde_json writes keys sorted");

    let yaml = "schema_version: '1.1'\nname: Tiny\nversion: '1'\nstart_message: Start.\nlogo: x.png\ntiers:\n  - id: b\n    \
                name: B\n    message: M.\nprograms:\n  - id: p\n    name: P\n    tier: b\n    summary: S.\n    video: v.mp4\n";
    let from_yaml = parse_catalog_with_warnings(yaml, Format::Yaml, "tiny.yaml").expect("loads");
    assert_eq!(places(&from_yaml.warnings), ["tiny.yaml:5: logo (logo)", "tiny.yaml:15: programs[0].video (video)"]);
}

#[test]
fn a_newer_major_version_is_refused_naming_the_version_and_the_range() {
    let expected = "tiny.toml:1:18: schema_version: 2.0 is not supported: this engine reads 1.0 to \
                    1.x, ignoring fields newer than 1.0; a newer smartlib may read it";
    // Without a field this engine does not know (the fast reading succeeds) and with one.
    for text in [toml("2.0"), with_line(&toml("2.0"), "start_message", "released = 1")] {
        let error = parse_catalog(&text, Format::Toml, "tiny.toml").expect_err("another major version");
        assert_eq!(error.kind(), ErrorKind::UnsupportedVersion);
        assert_eq!(error.to_string(), expected);
        assert_eq!(error.count(), 1, "nothing else is said about a format this engine does not know");
    }
    let error = parse_catalog(&toml("0.9"), Format::Toml, "tiny.toml").expect_err("an older major version");
    assert_eq!(error.kind(), ErrorKind::UnsupportedVersion);
}

#[test]
fn a_version_that_is_not_major_dot_minor_is_refused_where_it_is_written() {
    for (version, column) in [("1", 18), ("1.0.0", 18), ("v1.0", 18), ("latest", 18)] {
        let error = parse_catalog(&toml(version), Format::Toml, "tiny.toml").expect_err(version);
        assert_eq!(error.kind(), ErrorKind::InvalidValue, "{version}");
        assert_eq!(
            error.to_string(),
            format!(
                "tiny.toml:1:{column}: schema_version: \"{version}\" is not a schema version: write MAJOR.MINOR, like \
                 \"1.0\""
            )
        );
    }
    let error = parse_catalog(&TOML.replace("VERSION", "schema_version = 1.0"), Format::Toml, "tiny.toml")
        .expect_err("a number");
    assert_eq!(error.kind(), ErrorKind::WrongType);
    assert!(error.to_string().starts_with("tiny.toml:1:18: schema_version: invalid type: floating point"), "{error}");
}

#[test]
fn an_unknown_field_at_this_version_or_none_is_a_typo_with_a_suggestion() {
    for text in [toml("1.0"), TOML.replace("VERSION", "")] {
        let text = text.replace("summary = \"A computer lab.\"", "sumary = \"A computer lab.\"");
        let error = parse_catalog(&text, Format::Toml, "tiny.toml").expect_err("a typo");
        let first = &error.diagnostics()[0];
        assert_eq!(first.kind, ErrorKind::UnknownField);
        assert_eq!((first.id.as_deref(), first.suggestion.as_deref()), (Some("sumary"), Some("summary")));
        assert!(
            first.to_string().ends_with("programs[0].sumary: unknown field \"sumary\" (did you mean \"summary\"?)")
        );
        // Read past, the typo also leaves the field it meant missing: both are said.
        assert_eq!(error.diagnostics()[1].kind, ErrorKind::MissingField);
    }
    let loaded = parse_catalog_with_warnings(&toml("1.0"), Format::Toml, "tiny.toml").expect("valid");
    assert!(loaded.warnings.is_empty());
    assert_eq!(loaded.schema_version, SCHEMA_VERSION);
    let unversioned = parse_catalog_with_warnings(&TOML.replace("VERSION", ""), Format::Toml, "t").expect("valid");
    assert_eq!(unversioned.schema_version, SchemaVersion { major: 1, minor: 0 }, "no version reads as 1.0");
}

#[test]
fn every_unknown_field_and_every_unknown_reference_is_reported_with_its_place() {
    let text = toml("1.0")
        .replace("name = \"Lab\"", "nmae = \"Lab\"\nname = \"Lab\"")
        .replace("summary = \"Wireless.\"", "summary = \"Wireless.\"\ntire = \"basics\"")
        .replace("start_message = \"Start.\"", "start_message = \"Start.\"\nstart_mesage = \"Go.\"");
    let error = parse_catalog(&text, Format::Toml, "tiny.toml").expect_err("three typos");
    assert_eq!(
        places(error.diagnostics()),
        [
            "tiny.toml:5: start_mesage (start_mesage)",
            "tiny.toml:14: programs[0].nmae (nmae)",
            "tiny.toml:24: programs[1].tire (tire)",
        ]
    );
    let suggestions: Vec<_> = error.diagnostics().iter().map(|d| d.suggestion.as_deref()).collect();
    assert_eq!(suggestions, [Some("start_message"), Some("name"), Some("tier")]);
    assert_eq!(error.to_string().lines().count(), 1, "Display stays one line");
    assert!(error.to_string().ends_with("(and 2 more problems)"), "{error}");
    assert_eq!(error.report().to_string().lines().count(), 3);

    let text = toml("1.0")
        .replace("program = \"lab\"", "program = \"labb\"")
        .replace("tier = \"basics\"\nsummary = \"A computer lab.\"", "tier = \"basic\"\nsummary = \"A computer lab.\"");
    let error = parse_catalog(&text, Format::Toml, "tiny.toml").expect_err("two unknown ids");
    assert_eq!(
        places(error.diagnostics()),
        ["tiny.toml:14: programs[0].tier (basic)", "tiny.toml:22: programs[1].builds_on[0] (labb)"]
    );
    assert!(error.diagnostics().iter().all(|d| d.kind == ErrorKind::UnknownReference));
    let suggestions: Vec<_> = error.diagnostics().iter().map(|d| d.suggestion.as_deref()).collect();
    assert_eq!(suggestions, [Some("basics"), Some("lab")]);
}

#[test]
fn problems_past_the_cap_are_counted() {
    let programs: String = (0..150)
        .map(|n| format!("[[programs]]\nid = \"p{n}\"\nname = \"P\"\ntier = \"basics\"\nsummary = \"S.\"\nroles = [\"nobody\"]\n\n"))
        .collect();
    let text = format!("{}\n{programs}", toml("1.0"));
    let error = parse_catalog(&text, Format::Toml, "big.toml").expect_err("150 unknown roles");
    assert_eq!((error.diagnostics().len(), error.omitted(), error.count()), (MAX_DIAGNOSTICS, 50, 150));
    assert!(error.to_string().ends_with("(and 149 more problems)"), "{error}");
    let report = error.report().to_string();
    assert_eq!(report.lines().count(), MAX_DIAGNOSTICS + 1);
    assert!(report.ends_with("\nand 50 more problems"), "{report}");

    let fields: String = (0..150).map(|n| format!("extra{n} = 1\n")).collect();
    let text = format!("{}{fields}", toml("1.2"));
    let loaded = parse_catalog_with_warnings(&text, Format::Toml, "big.toml").expect("loads");
    assert_eq!((loaded.warnings.len(), loaded.omitted_warnings), (MAX_DIAGNOSTICS, 50));
    assert!(loaded.report().to_string().ends_with("\nand 50 more warnings"));
    // The same fields at this version are typos: as many errors, listed and counted alike.
    let text = format!("{}{fields}", toml("1.0"));
    let error = parse_catalog(&text, Format::Toml, "big.toml").expect_err("150 typos");
    assert_eq!((error.diagnostics().len(), error.omitted(), error.count()), (MAX_DIAGNOSTICS, 50, 150));
    assert_eq!(
        error.diagnostics().last().map(|d| d.path.to_string()).as_deref(),
        Some("programs[1].needs.extra99"),
        "appended to the last table"
    );
}

fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "smartlib-compat-test-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The default catalog in a temporary directory, with `edit` applied to files in it.
fn default_catalog_copy(edit: &[(&str, &str, &str)]) -> PathBuf {
    let dir = tempdir();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog"), &dir);
    for (file, from, to) in edit {
        let path = dir.join(file);
        let text = fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file}: {from}");
        fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }
    dir
}

#[test]
fn the_default_catalog_is_written_in_this_engines_version() {
    let dir = default_catalog_copy(&[]);
    let loaded = load_catalog_with_warnings(&dir).expect("valid");
    assert_eq!(loaded.schema_version, SCHEMA_VERSION);
    assert!(loaded.warnings.is_empty());
    assert_eq!(smartlib_content::default_catalog().data().schema_version.as_deref(), Some("1.0"));
}

#[test]
fn a_directorys_manifest_version_governs_every_file_in_it() {
    let newer = [
        ("catalog.toml", "schema_version = \"1.0\"", "schema_version = \"1.3\""),
        ("catalog.toml", "version = \"1.1.0\"", "version = \"1.1.0\"\nchannel = \"beta\""),
        (
            "programs/makerspaces.toml",
            "tier = \"advancing-your-role\"",
            "tier = \"advancing-your-role\"\nvideo = \"m.mp4\"",
        ),
        ("examples/westport-library.toml", "location =", "founded = 1908\nlocation ="),
    ];
    let dir = default_catalog_copy(&newer);
    let loaded: LoadedCatalog = load_catalog_with_warnings(&dir).expect("loads");
    let root = dir.to_string_lossy().into_owned();
    let warned: Vec<String> = places(&loaded.warnings).iter().map(|w| w.replace(&root, "DIR")).collect();
    assert_eq!(
        warned,
        [
            "DIR/catalog.toml:5: channel (channel)",
            "DIR/programs/makerspaces.toml:5: video (video)",
            "DIR/examples/westport-library.toml:4: founded (founded)",
        ]
    );
    assert_eq!(load_catalog(&dir).expect("loads").data(), loaded.catalog.data());

    // At the manifest's own version, the same fields are errors, all of them, each in its file.
    let dir = default_catalog_copy(&newer[1..]);
    let error = load_catalog(&dir).expect_err("typos");
    let root = dir.to_string_lossy().into_owned();
    let refused: Vec<String> = places(error.diagnostics()).iter().map(|w| w.replace(&root, "DIR")).collect();
    assert_eq!(refused, ["DIR/catalog.toml:5: channel (channel)"], "a manifest with problems stops the reading");
    let dir = default_catalog_copy(&newer[2..]);
    let error = load_catalog(&dir).expect_err("typos");
    let refused: Vec<String> = error.diagnostics().iter().map(|d| d.path.to_string()).collect();
    assert_eq!(refused, ["video", "founded"], "each entity file with its problem");
    assert!(error.diagnostics()[0].origin.ends_with("programs/makerspaces.toml"));

    let dir = default_catalog_copy(&[("catalog.toml", "schema_version = \"1.0\"", "schema_version = \"2.1\"")]);
    let error = load_catalog(&dir).expect_err("another major version");
    assert_eq!(error.kind(), ErrorKind::UnsupportedVersion);
    assert!(error.diagnostics()[0].origin.ends_with("catalog.toml"));
}

#[test]
fn an_export_loads_back_the_same_whatever_version_it_came_in() {
    let loaded = parse_catalog_with_warnings(&newer_with_new_fields(), Format::Toml, "t").expect("loads");
    for format in [Format::Json, Format::Toml] {
        let text = smartlib_content::export_catalog(loaded.catalog.data(), format).expect("export");
        let again = parse_catalog_with_warnings(&text, format, "export").expect("loads back");
        assert!(again.warnings.is_empty(), "the export holds only known fields");
        assert_eq!(again.catalog.data(), loaded.catalog.data());
    }
}

/// An error's diagnostics as data, so bindings can show them without parsing text.
#[test]
fn diagnostics_carry_their_facts_as_fields() {
    let text = toml("1.0").replace("program = \"lab\"", "program = \"labb\"");
    let error: ContentError = parse_catalog(&text, Format::Toml, "tiny.toml").expect_err("unknown id");
    let diagnostic = &error.diagnostics()[0];
    assert_eq!(diagnostic.origin, "tiny.toml");
    assert_eq!(diagnostic.position.map(|p| (p.line, p.column)), Some((22, 14)));
    assert_eq!(diagnostic.path.to_string(), "programs[1].builds_on[0]");
    assert_eq!(diagnostic.kind.as_str(), "unknown-reference");
    assert_eq!((diagnostic.id.as_deref(), diagnostic.suggestion.as_deref()), (Some("labb"), Some("lab")));
}
