//! What each kind of broken input says: snapshots of the full diagnostics (insta).
//!
//! Each case starts from a small valid catalog and breaks one thing. The snapshots pin file,
//! line, column, key path, kind and wording; review changes with `cargo insta review` or by
//! reading the `.snap.new` files.

use std::fs;
use std::path::Path;

use smartlib_content::{ContentError, Format, load_catalog, load_profile, parse_catalog, parse_profile};

const TOML: &str = r#"name = "Tiny"
version = "1"
start_message = "Start."

[[tiers]]
id = "basics"
name = "Basics"
message = "Basics done."

[[tiers]]
id = "growth"
name = "Growth"
message = "Growing."

[[roles]]
id = "ict-users"
name = "ICT users"

[[programs]]
id = "lab"
name = "Lab"
tier = "basics"
summary = "A computer lab."
roles = ["ict-users"]

[[programs]]
id = "training"
name = "Training"
tier = "growth"
summary = "Advanced training."
builds_on = ["lab"]

[programs.needs]
budget = "medium"
"#;

const JSON: &str = r#"{
  "name": "Tiny",
  "version": "1",
  "start_message": "Start.",
  "tiers": [{ "id": "basics", "name": "Basics", "message": "Basics done." }],
  "programs": [
    { "id": "lab", "name": "Lab", "tier": "basics", "summary": "A computer lab." },
    { "id": "wifi", "name": "Wi-Fi", "tier": "basics", "summary": "Wireless.", "builds_on": ["lab"] }
  ]
}
"#;

const YAML: &str = "name: Tiny
version: '1'
start_message: Start.
tiers:
  - id: basics
    name: Basics
    message: Basics done.
programs:
  - id: lab
    name: Lab
    tier: basics
    summary: A computer lab.
  - id: wifi
    name: Wi-Fi
    tier: basics
    summary: Wireless.
    builds_on: [lab]
";

/// Every diagnostic, one a line, with its kind.
fn render(error: &ContentError) -> String {
    error.diagnostics().iter().map(|d| format!("[{}] {d}", d.kind)).collect::<Vec<_>>().join("\n")
}

fn catalog_error(text: &str, format: Format, origin: &str) -> String {
    match parse_catalog(text, format, origin) {
        Ok(_) => "no error".to_owned(),
        Err(error) => render(&error),
    }
}

fn broken_toml(from: &str, to: &str) -> String {
    assert!(TOML.contains(from), "{from}");
    catalog_error(&TOML.replacen(from, to, 1), Format::Toml, "tiny.toml")
}

#[test]
fn the_bases_are_valid() {
    for (text, format) in [(TOML, Format::Toml), (JSON, Format::Json), (YAML, Format::Yaml)] {
        assert!(parse_catalog(text, format, "base").is_ok(), "{format}");
    }
}

#[test]
fn syntax_errors_in_each_format() {
    insta::assert_snapshot!("toml_syntax", broken_toml("name = \"Lab\"", "name = \"Lab"));
    insta::assert_snapshot!(
        "json_syntax",
        catalog_error(&JSON.replacen("\"lab\"] }", "\"lab\"], }", 1), Format::Json, "tiny.json")
    );
    insta::assert_snapshot!(
        "yaml_syntax",
        catalog_error(&YAML.replacen("    name: Wi-Fi", "   name: [Wi-Fi", 1), Format::Yaml, "tiny.yaml")
    );
}

#[test]
fn shape_errors() {
    insta::assert_snapshot!("wrong_type", broken_toml("builds_on = [\"lab\"]", "builds_on = \"lab\""));
    insta::assert_snapshot!("unknown_field", broken_toml("builds_on = [\"lab\"]", "buils_on = [\"lab\"]"));
    insta::assert_snapshot!("missing_field", broken_toml("summary = \"A computer lab.\"\n", ""));
    insta::assert_snapshot!("unknown_value", broken_toml("budget = \"medium\"", "budget = \"meduim\""));
    insta::assert_snapshot!(
        "json_unknown_field",
        catalog_error(&JSON.replacen("\"builds_on\"", "\"builds\"", 1), Format::Json, "tiny.json")
    );
    insta::assert_snapshot!(
        "yaml_wrong_type",
        catalog_error(&YAML.replacen("builds_on: [lab]", "builds_on: 3", 1), Format::Yaml, "tiny.yaml")
    );
}

#[test]
fn meaning_errors() {
    insta::assert_snapshot!("unknown_reference", broken_toml("builds_on = [\"lab\"]", "builds_on = [\"labb\"]"));
    insta::assert_snapshot!("duplicate_id", broken_toml("id = \"training\"", "id = \"lab\""));
    insta::assert_snapshot!(
        "cycle",
        broken_toml("roles = [\"ict-users\"]", "roles = [\"ict-users\"]\nbuilds_on = [\"training\"]")
    );
    insta::assert_snapshot!("empty_text", broken_toml("summary = \"A computer lab.\"", "summary = \"  \""));
    insta::assert_snapshot!("invalid_id", broken_toml("id = \"lab\"", "id = \"Lab_1\""));
    insta::assert_snapshot!(
        "policy_range",
        broken_toml(
            "start_message = \"Start.\"\n",
            "start_message = \"Start.\"\n\n[policy]\nestablished_share = 1.5\n"
        )
    );
    insta::assert_snapshot!("empty_tier", broken_toml("tier = \"growth\"", "tier = \"basics\""));
    insta::assert_snapshot!(
        "json_unknown_reference",
        catalog_error(&JSON.replacen("[\"lab\"]", "[\"lap\"]", 1), Format::Json, "tiny.json")
    );
    insta::assert_snapshot!(
        "yaml_unknown_reference",
        catalog_error(&YAML.replacen("[lab]", "[lob]", 1), Format::Yaml, "tiny.yaml")
    );
}

#[test]
fn inputs_that_are_not_catalogs_at_all() {
    let dir = tempdir();
    let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    fs::write(dir.join("noise.toml"), &noise).expect("write");
    insta::assert_snapshot!(
        "binary_noise",
        render(&load_catalog(dir.join("noise.toml")).expect_err("noise")).replace(&*dir.to_string_lossy(), "DIR")
    );

    let huge = dir.join("huge.json");
    fs::write(&huge, vec![b' '; 17 * 1024 * 1024]).expect("write");
    insta::assert_snapshot!(
        "too_large",
        render(&load_catalog(&huge).expect_err("huge")).replace(&*dir.to_string_lossy(), "DIR")
    );

    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    insta::assert_snapshot!("json_nesting", catalog_error(&deep, Format::Json, "deep.json"));
    // Too deep is too deep wherever it is, and the error path stops reading at the 65th level.
    insta::assert_snapshot!(
        "json_deep_value",
        catalog_error(&format!("{{\"name\": {deep}}}"), Format::Json, "deep.json")
    );
    insta::assert_snapshot!("toml_nesting", catalog_error(&format!("a = {deep}"), Format::Toml, "deep.toml"));
    insta::assert_snapshot!("yaml_nesting", catalog_error(&deep, Format::Yaml, "deep.yaml"));
    insta::assert_snapshot!("yaml_alias", catalog_error("name: &n Tiny\nversion: *n\n", Format::Yaml, "alias.yaml"));

    insta::assert_snapshot!(
        "missing_file",
        render(&load_catalog(dir.join("nope.toml")).expect_err("missing")).replace(&*dir.to_string_lossy(), "DIR")
    );
    fs::write(dir.join("catalog.txt"), TOML).expect("write");
    insta::assert_snapshot!(
        "unknown_format",
        render(&load_catalog(dir.join("catalog.txt")).expect_err("txt")).replace(&*dir.to_string_lossy(), "DIR")
    );
}

/// A device, a pipe or a `/proc` file declares no size, so the read itself stops at the limit.
#[cfg(unix)]
#[test]
fn reads_stop_at_the_limit_whatever_the_file_type() {
    use std::os::unix::fs::symlink;

    let dir = tempdir();
    let catalog = smartlib_content::default_catalog();
    let zeros = dir.join("z.toml");
    symlink("/dev/zero", &zeros).expect("symlink");
    let error = load_profile(&zeros, &catalog).expect_err("endless zeros");
    assert_eq!(error.kind(), smartlib_content::ErrorKind::TooLarge);
    assert_eq!(error.to_string(), format!("{}: more than the 16 MiB limit: reading stopped there", zeros.display()));
    let noise = dir.join("noise.json");
    symlink("/dev/urandom", &noise).expect("symlink");
    assert_eq!(load_catalog(&noise).expect_err("endless noise").kind(), smartlib_content::ErrorKind::TooLarge);

    let fifo = dir.join("library.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            let mut pipe = fs::OpenOptions::new().write(true).open(fifo).expect("open the pipe");
            // Writes until the reader stops reading and the pipe breaks.
            let line = b"# a comment that goes on and on\n".repeat(1024);
            while pipe.write_all(&line).is_ok() {}
        })
    };
    let error = load_profile(&fifo, &catalog).expect_err("endless pipe");
    assert_eq!(error.to_string(), format!("{}: more than the 16 MiB limit: reading stopped there", fifo.display()));
    writer.join().expect("the writer stops");
}

#[test]
fn directory_layout_errors_name_the_entity_file() {
    let dir = tempdir();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
    copy_dir(&source, &dir);
    let civic = dir.join("programs/civic-participation.toml");
    let text = fs::read_to_string(&civic).expect("read");
    fs::write(&civic, text.replace("program = \"public-meeting-spaces\"", "program = \"public-meeting-spacs\""))
        .expect("write");
    fs::write(dir.join("programs/podcast-studio.toml"), "id = \"podcast-studio\"\n").expect("write");
    let wifi = dir.join("programs/wifi-access.toml");
    let text = fs::read_to_string(&wifi).expect("read");
    fs::write(&wifi, text.replace("id = \"wifi-access\"", "id = \"wifi\"")).expect("write");
    fs::remove_file(dir.join("examples/westport-library.toml")).expect("remove");
    let error = load_catalog(&dir).expect_err("broken layout");
    insta::assert_snapshot!("directory_layout", render(&error).replace(&*dir.to_string_lossy(), "DIR"));

    // With the layout mended, the reference error points into the program's own file.
    fs::remove_file(dir.join("programs/podcast-studio.toml")).expect("remove");
    fs::write(&wifi, text).expect("write");
    copy_dir(&source.join("examples"), &dir.join("examples"));
    let error = load_catalog(&dir).expect_err("bad reference");
    insta::assert_snapshot!("directory_reference", render(&error).replace(&*dir.to_string_lossy(), "DIR"));
}

/// A listed file that is no file at all is an error naming it, never an entity quietly dropped.
#[cfg(unix)]
#[test]
fn directory_entries_that_are_not_files() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;

    let dir = tempdir();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog"), &dir);
    fs::remove_file(dir.join("programs/makerspaces.toml")).expect("remove");
    fs::create_dir(dir.join("programs/makerspaces.toml")).expect("mkdir");
    fs::remove_file(dir.join("programs/wifi-access.toml")).expect("remove");
    symlink("wifi.toml", dir.join("programs/wifi-access.toml")).expect("symlink");
    fs::remove_file(dir.join("processes/engagement-with-partners.toml")).expect("remove");
    let made = std::process::Command::new("mkfifo").arg(dir.join("processes/engagement-with-partners.toml")).status();
    assert!(made.expect("mkfifo runs").success());
    let error = load_catalog(&dir).expect_err("three entries are not files");
    insta::assert_snapshot!("directory_entries", render(&error).replace(&*dir.to_string_lossy(), "DIR"));

    // Linux file systems take any bytes for a name; macOS ones want UTF-8.
    if cfg!(target_os = "linux") {
        fs::write(dir.join("outreach").join(std::ffi::OsStr::from_bytes(b"caf\xe9.toml")), "").expect("write");
        let error = load_catalog(&dir).expect_err("a name that is not UTF-8");
        let named = |d: &smartlib_content::Diagnostic| d.origin.ends_with("outreach/caf\u{FFFD}.toml");
        let diagnostic = error.diagnostics().iter().find(|d| named(d)).expect("the odd name is reported");
        assert_eq!(diagnostic.message, "the file name is not UTF-8 text: rename the file");
    }

    let manifest = dir.join("catalog.toml");
    fs::remove_file(&manifest).expect("remove");
    fs::create_dir(&manifest).expect("mkdir");
    let error = load_catalog(&dir).expect_err("the manifest is a directory");
    assert_eq!(error.to_string(), format!("{}: is a directory", manifest.display()));
}

#[test]
fn profile_errors() {
    let catalog = smartlib_content::default_catalog();
    let profile = |text: &str, format: Format| match parse_profile(text, format, "library.toml", &catalog) {
        Ok(_) => "no error".to_owned(),
        Err(error) => render(&error),
    };
    insta::assert_snapshot!(
        "profile_unknown_program",
        profile("name = \"Anytown\"\noffers = [\"computer-labs\", \"wifi-acess\"]\n", Format::Toml)
    );
    insta::assert_snapshot!("profile_unknown_goal", profile("offers = []\ngoals = [\"co-creator\"]\n", Format::Toml));
    insta::assert_snapshot!(
        "profile_conflict",
        profile("offers = [\"computer-labs\"]\nplanned = [\"makerspaces\", \"computer-labs\"]\n", Format::Toml)
    );
    insta::assert_snapshot!("profile_unknown_key", profile("offers = []\nofers = [\"computer-labs\"]\n", Format::Toml));
    insta::assert_snapshot!(
        "profile_bad_constraint",
        profile("{\"offers\": [], \"constraints\": {\"budget\": \"tiny\"}}", Format::Json)
    );
    assert_eq!(profile("offers = [\"computer-labs\"]\ngoals = [\"co-creators\"]\n", Format::Toml), "no error");

    let dir = tempdir();
    fs::write(dir.join("library.yaml"), "offers:\n  - computer-labs\n  - makerspace\n").expect("write");
    let error = load_profile(dir.join("library.yaml"), &catalog).expect_err("unknown id");
    insta::assert_snapshot!("profile_yaml_file", render(&error).replace(&*dir.to_string_lossy(), "DIR"));
}

fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "smartlib-content-test-{}-{}",
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

#[test]
fn links_and_needs_say_why_in_table_form() {
    let table = TOML
        .replacen(
            "builds_on = [\"lab\"]",
            "builds_on = [{ program = \"lab\", why = \"the course runs on the lab's computers\", source = \"https://example.org/a\" }]",
            1,
        )
        .replacen("budget = \"medium\"", "budget = { level = \"medium\", why = \"trainers are paid\" }", 1);
    let catalog = parse_catalog(&table, Format::Toml, "tiny.toml").expect("the table forms load");
    let training = catalog.program("training").expect("training");
    assert_eq!(training.builds_on[0].why.as_deref(), Some("the course runs on the lab's computers"));
    assert_eq!(training.needs.budget.as_ref().and_then(|need| need.why.as_deref()), Some("trainers are paid"));
    // Plain and table forms round-trip through the exported JSON.
    let again = smartlib_content::export_catalog(catalog.data(), Format::Json).expect("exports");
    assert_eq!(parse_catalog(&again, Format::Json, "again.json").expect("loads").data(), catalog.data());

    insta::assert_snapshot!(
        "link_unknown_field",
        broken_toml("builds_on = [\"lab\"]", "builds_on = [{ progam = \"lab\", why = \"x\" }]")
    );
    insta::assert_snapshot!(
        "link_bad_source",
        broken_toml(
            "builds_on = [\"lab\"]",
            "builds_on = [{ program = \"lab\", why = \"x\", source = \"see the toolbox\" }]"
        )
    );
    insta::assert_snapshot!("need_bad_level", broken_toml("budget = \"medium\"", "budget = { level = \"lots\" }"));
}

/// Values from the input are echoed escaped and cut, wherever the message is made: an unknown
/// program (core), an unknown field and a wrong type (the loader), a key in the path.
#[test]
fn echoed_values_are_escaped_and_cut() {
    let catalog = smartlib_content::default_catalog();
    let error = |text: &str, format: Format| {
        parse_profile(text, format, "library.json", &catalog).expect_err("refused").to_string()
    };
    assert_eq!(
        error("{\"offers\": [\"wifi\\u202eaccess\\u0000\\u200b\"]}", Format::Json),
        r#"library.json:1:13: offers[0]: unknown program "wifi\u{202e}access\u{0}\u{200b}" (did you mean "wifi-access"?)"#
    );
    assert_eq!(
        error("{\"offers\": [], \"\\u2066goals\\u2069\": []}", Format::Json),
        r#"library.json:1:16: \u{2066}goals\u{2069}: unknown field "\u{2066}goals\u{2069}" (did you mean "goals"?)"#
    );
    assert_eq!(
        error("name: \"\\t\\e\"\nconstraints: \"\\u202d\"\n", Format::Yaml),
        r#"library.json:2:14: constraints: invalid type: string "\u{202d}", expected struct Resources"#
    );

    // A long id makes a short message, with no "did you mean" (no id is that long); how fast
    // is checked in the engine, by suggest::tests::a_huge_id_errors_at_once_without_a_suggestion.
    let long = "x".repeat(100_000);
    let message = error(&format!("offers = [\"{long}\"]\n"), Format::Toml);
    assert_eq!(message, format!("library.json:1:11: offers[0]: unknown program \"{}…\"", "x".repeat(80)));
}

/// Editors on Windows start UTF-8 files with a byte-order mark: every format takes it, for
/// profiles, catalogs and the files of a catalog directory alike.
#[test]
fn a_byte_order_mark_is_accepted_in_every_format() {
    let catalog = smartlib_content::default_catalog();
    let profiles = [
        ("library.toml", "offers = [\"computer-labs\"]\n"),
        ("library.json", "{\"offers\": [\"computer-labs\"]}\n"),
        ("library.yaml", "offers: [computer-labs]\n"),
    ];
    let dir = tempdir();
    for (name, text) in profiles {
        let format = Format::from_path(name).expect("known");
        let profile = parse_profile(&format!("\u{feff}{text}"), format, name, &catalog).expect(name);
        assert_eq!(profile.offers, ["computer-labs"], "{name}");
        fs::write(dir.join(name), format!("\u{feff}{text}")).expect("write");
        assert_eq!(load_profile(dir.join(name), &catalog).expect(name).offers, ["computer-labs"], "{name}");
    }
    for (text, format) in [(TOML, Format::Toml), (JSON, Format::Json), (YAML, Format::Yaml)] {
        let with_mark = format!("\u{feff}{text}");
        assert!(parse_catalog(&with_mark, format, "tiny").is_ok(), "{format}");
        let file = dir.join(format!("tiny.{format}"));
        fs::write(&file, with_mark).expect("write");
        assert!(load_catalog(&file).is_ok(), "{format}");
    }
    // Positions still count from the first character after the mark.
    let error = parse_profile("\u{feff}{\"offers\": [\"wifi\"]}", Format::Json, "library.json", &catalog);
    assert_eq!(
        error.expect_err("unknown").to_string(),
        r#"library.json:1:13: offers[0]: unknown program "wifi" (did you mean "wifi-access"?)"#
    );

    let layout = dir.join("layout");
    fs::create_dir_all(layout.join("programs")).expect("mkdir");
    let files = [
        (
            "catalog.json",
            r#"{"name": "Tiny", "version": "1", "start_message": "Start.", "programs": ["lab", "wifi"],
                "tiers": [{"id": "basics", "name": "Basics", "message": "Done."}]}"#,
        ),
        ("programs/lab.json", r#"{"id": "lab", "name": "Lab", "tier": "basics", "summary": "A lab."}"#),
        ("programs/wifi.yaml", "id: wifi\nname: Wi-Fi\ntier: basics\nsummary: Wireless.\nbuilds_on: [lab]\n"),
    ];
    for (name, text) in files {
        fs::write(layout.join(name), format!("\u{feff}{text}")).expect("write");
    }
    assert_eq!(load_catalog(&layout).expect("the marked files load").programs().len(), 2);
}

/// A profile is a table of fields: any other top-level value is refused by name, never read
/// field by field by position (a JSON array used to fill `$schema`, `name`, `offers`, …).
#[test]
fn only_a_table_is_a_profile() {
    let catalog = smartlib_content::default_catalog();
    let cases = [
        ("library.json", "[\"computer-labs\", \"wifi-access\"]"),
        ("library.json", "  \"computer-labs\""),
        ("library.json", "null"),
        ("library.json", "[1,"),
        ("library.yaml", "- computer-labs\n- wifi-access\n"),
        ("library.yaml", "computer-labs\n"),
        ("library.yaml", "# a comment\n42\n"),
        ("library.yaml", "~\n"),
    ];
    let lines: Vec<String> = cases
        .iter()
        .map(|(name, text)| {
            let format = Format::from_path(name).expect("known");
            match parse_profile(text, format, name, &catalog) {
                Ok(profile) => format!("{text:?} -> read as {profile:?}"),
                Err(error) => format!("{text:?} -> {}", render(&error)),
            }
        })
        .collect();
    insta::assert_snapshot!("profile_not_a_table", lines.join("\n"));
    // The same holds for catalogs and the files of a catalog directory.
    insta::assert_snapshot!("catalog_not_a_table", catalog_error("[]", Format::Json, "catalog.json"));
}

/// An empty file means the same in every format: refused, saying what it needs.
#[test]
fn an_empty_file_is_refused_alike_in_every_format() {
    let catalog = smartlib_content::default_catalog();
    let dir = tempdir();
    let mut lines = Vec::new();
    for (name, text) in [
        ("empty.toml", ""),
        ("empty.json", ""),
        ("empty.yaml", ""),
        ("blank.toml", "\n  \n# only a comment\n"),
        ("blank.json", " \r\n\t\n"),
        ("blank.yaml", "---\n# only a comment\n"),
    ] {
        fs::write(dir.join(name), text).expect("write");
        let error = load_profile(dir.join(name), &catalog).expect_err(name);
        assert_eq!(error.kind(), smartlib_content::ErrorKind::Empty, "{name}");
        lines.push(render(&error).replace(&*dir.to_string_lossy(), "DIR"));
        let error = load_catalog(dir.join(name)).expect_err(name);
        lines.push(render(&error).replace(&*dir.to_string_lossy(), "DIR"));
    }
    let layout = dir.join("catalog");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog"), &layout);
    fs::write(layout.join("programs/makerspaces.toml"), "# to do\n").expect("write");
    lines.push(render(&load_catalog(&layout).expect_err("empty program")).replace(&*dir.to_string_lossy(), "DIR"));
    insta::assert_snapshot!("empty_files", lines.join("\n"));
    // A table with nothing in it is not empty: it says, on purpose, that there is nothing.
    assert!(parse_profile("{}", Format::Json, "library.json", &catalog).is_ok());
    assert!(parse_profile("offers = []", Format::Toml, "library.toml", &catalog).is_ok());
}

/// A catalog given as a profile, or a profile given as a catalog, fails with the usual
/// diagnostic and a hint that says what the file looks like. The loader finds it; front ends
/// say which flag takes such a file.
#[test]
fn a_catalog_given_as_a_profile_or_the_reverse_gets_a_hint() {
    use smartlib_content::Hint;

    let catalog = smartlib_content::default_catalog();
    let dir = tempdir();
    let mut lines = Vec::new();
    for (text, format) in [(TOML, Format::Toml), (JSON, Format::Json), (YAML, Format::Yaml)] {
        let error = parse_profile(text, format, &format!("tiny.{format}"), &catalog).expect_err("a catalog");
        assert_eq!(error.hint(), Some(Hint::LooksLikeCatalog), "{format}");
        lines.push(error.to_string());
    }
    let profiles = [
        ("library.toml", "name = \"Anytown\"\noffers = [\"computer-labs\"]\n"),
        ("library.json", "{\"offers\": [\"computer-labs\"], \"goals\": [\"co-creators\"]}"),
        ("library.yaml", "constraints:\n  budget: low\n"),
    ];
    for (name, text) in profiles {
        let format = Format::from_path(name).expect("known");
        let error = parse_catalog(text, format, name).expect_err("a profile");
        assert_eq!(error.hint(), Some(Hint::LooksLikeProfile), "{name}");
        lines.push(error.to_string());
    }
    // A catalog directory, and its manifest, given as a profile.
    let layout = dir.join("my-catalog");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog"), &layout);
    for path in [layout.clone(), layout.join("catalog.toml")] {
        let error = load_profile(&path, &catalog).expect_err("a catalog");
        assert_eq!(error.hint(), Some(Hint::LooksLikeCatalog), "{}", path.display());
        lines.push(error.to_string().replace(&*dir.to_string_lossy(), "DIR"));
    }
    // The nearest field of the kind expected only misleads for a file of the other kind.
    assert!(lines.iter().all(|line| !line.contains("did you mean")), "{lines:#?}");
    insta::assert_snapshot!("mixups", lines.join("\n"));

    // No hint where the file is of the right kind, only wrong.
    let no_hint = [
        parse_profile("programs = [\"computer-labs\"]\n", Format::Toml, "library.toml", &catalog),
        parse_profile("offers = [\"labs\"]\ntiers = []\n", Format::Toml, "library.toml", &catalog),
        parse_profile("offers = [\"labs\"]\n", Format::Toml, "library.toml", &catalog),
    ];
    for result in no_hint {
        assert_eq!(result.expect_err("refused").hint(), None);
    }
    assert_eq!(load_profile(&dir, &catalog).expect_err("a plain directory").hint(), None);
    let error = parse_catalog(&TOML.replacen("[[roles]]", "offers = []\n\n[[roles]]", 1), Format::Toml, "tiny.toml");
    assert_eq!(error.expect_err("a catalog with a stray field").hint(), None);
}
