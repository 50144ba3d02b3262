//! End-to-end tests of the `smartlib` binary: every command, every format, and bad input of
//! every kind (exit 2, one line on stderr naming input and position, nothing on stdout).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const FIRST_TIER: &str = "computer-labs,wifi-access,digital-resources,basic-computer-training";

fn smartlib() -> Command {
    Command::cargo_bin("smartlib").expect("the binary is built")
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn json_of(args: &[&str]) -> Value {
    let output = smartlib().args(args).output().expect("runs");
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

/// Runs a command that must fail with exit 2, nothing on stdout and one line on stderr.
fn refused(args: &[&str]) -> String {
    let output = smartlib().args(args).output().expect("runs");
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(output.stdout.is_empty(), "{args:?} printed: {}", String::from_utf8_lossy(&output.stdout));
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr.trim_end().to_owned()
}

#[test]
fn assess_text_tells_level_tiers_and_next_steps() {
    smartlib()
        .args(["assess", "--offers", FIRST_TIER, "--goal", "co-creators", "--name", "Anytown"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Anytown: Level 1 of 3: Getting started\n"))
        .stdout(predicate::str::contains("Making progress                 0 of 5       3  build this next"))
        .stdout(predicate::str::contains(" 1. Advanced training (Making progress), score 145"))
        .stdout(predicate::str::contains("serves your goal: Co-creators (+15)"))
        .stdout(predicate::str::contains("see how others do it: Chattanooga Public Library"));
}

#[test]
fn assess_json_keeps_the_contract() {
    let answer = json_of(&["assess", "--offers", FIRST_TIER, "--unknown", "makerspaces", "--format", "json"]);
    assert_eq!(answer["level"], 1);
    assert_eq!(answer["reached"], "getting-started");
    assert_eq!(answer["level_range"], serde_json::json!([1, 1]));
    let tier = &answer["tiers"][0];
    for key in ["id", "offered", "total", "share"] {
        assert!(tier.get(key).is_some(), "tiers[0].{key}");
    }
    assert_eq!(tier["offered"], 4);
    assert!(answer["roles"].is_array());
    assert_eq!(answer["to_next_level"].as_array().map(Vec::len), Some(3));
    let first = &answer["recommendations"][0];
    for key in ["program", "tier", "action", "score", "reasons", "processes", "outreach", "examples"] {
        assert!(first.get(key).is_some(), "recommendations[0].{key}");
    }
    assert_eq!(first["program"], "advanced-training");
    assert_eq!(first["action"], "start");
    assert_eq!(first["reasons"][1]["kind"], "builds-on");
    assert_eq!(first["reasons"][1]["programs"], serde_json::json!(["basic-computer-training", "computer-labs"]));
    assert_eq!(answer["message"]["key"], "getting-started");
    assert!(answer["message"]["text"].as_str().is_some_and(|t| !t.is_empty()));
}

#[test]
fn reports_say_what_to_do_with_each_recommendation() {
    let profile = [
        "assess",
        "--offers",
        "computer-labs,wifi-access",
        "--unknown",
        "digital-resources",
        "--piloting",
        "advanced-training",
        "--planned",
        "makerspaces",
        "--top",
        "15",
    ];
    let actions: Vec<(String, String)> = json_of(&[&profile[..], &["--format", "json"]].concat())["recommendations"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| {
            (r["program"].as_str().unwrap_or_default().to_owned(), r["action"].as_str().unwrap_or_default().to_owned())
        })
        .collect();
    for (program, action) in [
        ("digital-resources", "verify"),
        ("advanced-training", "make-permanent"),
        ("makerspaces", "carry-out-plan"),
        ("public-meeting-spaces", "start"),
    ] {
        assert!(actions.contains(&(program.to_owned(), action.to_owned())), "{program}: {actions:?}");
    }

    let text = report(&profile);
    let title =
        |name: &str| text.lines().find(|line| line.contains(&format!(". {name} ("))).unwrap_or_default().to_owned();
    assert!(title("Digital resources").ends_with(", score 100 [verify first: status unknown]"), "{text}");
    assert!(title("Advanced training").ends_with("[make permanent: piloting now]"), "{text}");
    // A long title wraps, and its label stays whole.
    assert!(text.contains("(Advancing your role), score 31\n    [carry out your plan: already planned]\n"), "{text}");
    assert!(title("Spaces for public meetings and discussion").ends_with(", score 106"), "a start needs no label");

    let dated = [&profile[..], &["--date", "2026-11-29", "--format"]].concat();
    let markdown = report(&[&dated[..], &["markdown"]].concat());
    assert!(
        markdown.contains("### 2. Digital resources (Getting started)\n\n**Verify first: status unknown.**\n"),
        "{markdown}"
    );
    let html = report(&[&dated[..], &["html"]].concat());
    assert!(html.contains("Digital resources <span class=\"note\">(Getting started)</span></h3>\n<p class=\"action\">Verify first: status unknown</p>"), "{html}");
}

#[test]
fn assess_markdown_is_a_board_report() {
    let board =
        report(&["assess", "--offers", FIRST_TIER, "--format", "markdown", "--top", "2", "--date", "2026-11-29"]);
    assert!(board.starts_with("# Your library: smart community assessment\n\n_29 November 2026_"), "{board}");
    assert!(board.contains("| Tier | Offered | Needed | Status |"));
    assert!(board.contains("## What the toolbox advises"));
    assert!(board.contains("Source: <https://www.smartcommunitytoolbox.ctg.albany.edu/getting-started>"));
    assert!(board.contains("### 2. ") && !board.contains("### 3. "));
    // For a board: no points and no fingerprint unless asked; the toolbox credited.
    assert!(!board.contains("(+100)") && !board.contains("score ") && !board.contains("fingerprint"));
    assert!(board.contains("Center for Technology in Government, University at Albany"));
    let scored =
        report(&["assess", "--offers", FIRST_TIER, "--format", "markdown", "--scores", "--date", "2026-11-29"]);
    assert!(scored.contains("(+100)") && scored.contains("score "));
}

#[test]
fn the_html_report_is_one_self_contained_page() {
    let html = report(&[
        "assess",
        "--offers",
        FIRST_TIER,
        "--format",
        "html",
        "--date",
        "2026-11-29",
        "--name",
        "<Anytown & Co>",
    ]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(html.contains("<h1>&lt;Anytown &amp; Co&gt;: smart community assessment</h1>"));
    // Nothing is fetched: no scripts, stylesheets, images or frames from anywhere.
    for tag in ["<script", "<link", "<img", "<iframe", "@import", "url("] {
        assert!(!html.contains(tag), "{tag}");
    }
    assert!(html.contains("@media print") && html.contains("class=\"bar\""));
    assert_eq!(
        refused(&["roadmap", "--offers", FIRST_TIER, "--format", "html"]),
        "smartlib: --format html is the board report of `assess`; use text, json or markdown here"
    );
    assert!(
        refused(&["assess", "--offers", FIRST_TIER, "--format", "html", "--date", "tomorrow"])
            .contains("is not a date")
    );
}

/// Six realistic libraries, as a librarian, a board and a browser see them.
#[test]
fn six_libraries_read_true() {
    for name in ["tiny-rural", "suburban", "large-system", "everything", "rooms-and-ebooks", "piloting-three"] {
        let profile = workspace().join(format!("examples/profiles/{name}.toml"));
        let profile = profile.to_str().expect("utf-8");
        insta::assert_snapshot!(format!("{name}_text"), report(&["assess", "--profile", profile]));
        for format in ["markdown", "html"] {
            let args = ["assess", "--profile", profile, "--format", format, "--date", "2026-11-29"];
            insta::assert_snapshot!(format!("{name}_{format}"), report(&args));
        }
    }
}

#[test]
fn profile_files_in_every_format_give_the_same_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = [
        (
            "library.toml",
            "name = \"Anytown\"\noffers = [\"computer-labs\", \"wifi-access\", \"digital-resources\"]\ngoals = [\"co-creators\"]\n[constraints]\nbudget = \"low\"\n",
        ),
        (
            "library.json",
            r#"{"name": "Anytown", "offers": ["computer-labs", "wifi-access", "digital-resources"], "goals": ["co-creators"], "constraints": {"budget": "low"}}"#,
        ),
        (
            "library.yaml",
            "name: Anytown\noffers: [computer-labs, wifi-access, digital-resources]\ngoals: [co-creators]\nconstraints:\n  budget: low\n",
        ),
    ];
    let from_flags = json_of(&[
        "assess",
        "--name",
        "Anytown",
        "--offers",
        "computer-labs,wifi-access,digital-resources",
        "--goal",
        "co-creators",
        "--budget",
        "low",
        "--format",
        "json",
    ]);
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::write(&path, text).expect("write");
        let from_file = json_of(&["assess", "--profile", path.to_str().expect("utf-8"), "--format", "json"]);
        assert_eq!(from_file, from_flags, "{name}");
    }
    // Flags add to a file.
    let path = dir.path().join("library.toml");
    let more = json_of(&[
        "assess",
        "--profile",
        path.to_str().expect("utf-8"),
        "--offers",
        "basic-computer-training",
        "--format",
        "json",
    ]);
    assert_eq!(more["tiers"][0]["offered"], 4);
}

#[test]
fn custom_content_and_exported_catalogs_load() {
    let five = workspace().join("tests/vectors/catalogs/five-tiers.json");
    let answer =
        json_of(&["assess", "--content", five.to_str().expect("utf-8"), "--offers", "a1,b1,b3", "--format", "json"]);
    assert_eq!(answer["level"], 2);
    assert_eq!(answer["tiers"].as_array().map(Vec::len), Some(5));

    // export -> edit -> load round-trips.
    let dir = tempfile::tempdir().expect("temp dir");
    for format in ["json", "toml"] {
        let output = smartlib().args(["catalog", "--format", format]).output().expect("runs");
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).expect("utf-8");
        let edited = text.replace("\"Getting started\"", "\"First steps\"");
        assert_ne!(edited, text);
        let path = dir.path().join(format!("catalog.{format}"));
        fs::write(&path, edited).expect("write");
        smartlib()
            .args(["assess", "--content", path.to_str().expect("utf-8"), "--offers", FIRST_TIER])
            .assert()
            .success()
            .stdout(predicate::str::contains("Level 1 of 3: First steps"));
    }
}

#[test]
fn what_if_and_roadmap() {
    smartlib()
        .args(["what-if", "--offers", "computer-labs,wifi-access", "--add", "digital-resources,public-meeting-spaces"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Level: 0 (no tier yet) -> 1 (Getting started) of 3"))
        .stdout(predicate::str::contains("roles gained: Democratic participants"));
    let change =
        json_of(&["what-if", "--offers", FIRST_TIER, "--remove", "computer-labs,wifi-access", "--format", "json"]);
    assert_eq!((change["level_before"].as_u64(), change["level_after"].as_u64()), (Some(1), Some(0)));
    assert_eq!(change["removed"], serde_json::json!(["computer-labs", "wifi-access"]));

    let roadmap = json_of(&["roadmap", "--offers", "computer-labs", "--format", "json"]);
    let phases = roadmap["phases"].as_array().expect("phases");
    assert_eq!(phases.len(), 3);
    assert_eq!(phases.last().expect("last")["level_after"], 3);
    smartlib()
        .args(["roadmap", "--offers", "computer-labs"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Phase 1: then level 1 of 3 (Getting started)"));
}

#[test]
fn catalog_validate_and_schema() {
    smartlib().arg("catalog").assert().success().stdout(predicate::str::contains(
        "wifi-after-hours               Wi-Fi access after hours  [builds on wifi-access]",
    ));
    let catalog = json_of(&["catalog", "--format", "json"]);
    assert_eq!(catalog["programs"].as_array().map(Vec::len), Some(15));
    for key in ["tiers", "processes", "outreach", "examples", "policy"] {
        assert!(catalog.get(key).is_some(), "{key}");
    }
    let directory = workspace().join("crates/content/catalog");
    smartlib()
        .args(["validate", directory.to_str().expect("utf-8")])
        .assert()
        .success()
        .stdout(predicate::str::contains("15 programs"));
    let schema = json_of(&["schema", "profile"]);
    assert_eq!(schema["type"], "object");
    assert!(schema["properties"]["offers"].is_object());
}

#[test]
fn validate_lists_every_problem() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.toml");
    fs::write(
        &path,
        "name = \"x\"\nversion = \"1\"\nstart_message = \"go\"\n[[tiers]]\nid = \"t\"\nname = \"T\"\nmessage = \"m\"\n\
         [[programs]]\nid = \"a\"\nname = \"A\"\ntier = \"t\"\nsummary = \"s\"\nbuilds_on = [\"b\"]\nprocesses = [\"p\"]\n",
    )
    .expect("write");
    let output = smartlib().args(["validate", path.to_str().expect("utf-8")]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines[0].ends_with(r#"broken.toml:13:14: programs[0].builds_on[0]: unknown program "b" (did you mean "a"?)"#),
        "{stderr}"
    );
    assert!(lines[1].contains("broken.toml:14:14: programs[0].processes[0]: unknown process \"p\""), "{stderr}");
    assert_eq!(lines[2], "smartlib: 2 problems found");
}

#[test]
fn bad_input_is_one_clear_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        fs::write(&path, bytes).expect("write");
        path.to_str().expect("utf-8").to_owned()
    };
    assert_eq!(
        refused(&["assess", "--offers", "computer-labs,wifi-acess"]),
        r#"smartlib: --offers: unknown program "wifi-acess" (did you mean "wifi-access"?)"#
    );
    assert_eq!(
        refused(&["assess", "--offers", "computer-labs", "--goal", "co-creator"]),
        r#"smartlib: --goal: unknown goal "co-creator" (goals are role or contribution area ids) (did you mean "co-creators"?)"#
    );
    let malformed = file("malformed.toml", b"offers = [\"computer-labs\"\ngoals = []\n");
    let message = refused(&["assess", "--profile", &malformed]);
    assert!(message.contains("malformed.toml:2:1: "), "{message}");
    let typo = file("typo.toml", b"name = \"x\"\noffers = [\"computer-labs\", \"makerspace\"]\n");
    assert!(
        refused(&["assess", "--profile", &typo])
            .ends_with(r#"typo.toml:2:28: offers[1]: unknown program "makerspace" (did you mean "makerspaces"?)"#)
    );
    let wrong_type = file("wrong.json", br#"{"offers": "computer-labs"}"#);
    assert!(
        refused(&["assess", "--profile", &wrong_type])
            .ends_with("wrong.json:1:12: offers: invalid type: string \"computer-labs\", expected a sequence")
    );
    let unknown_key = file("key.yaml", b"offers: []\nofers: [computer-labs]\n");
    assert!(
        refused(&["assess", "--profile", &unknown_key])
            .ends_with(r#"key.yaml:2:1: ofers: unknown field "ofers" (did you mean "offers"?)"#)
    );
    let noise = file("noise.json", &[0xff, 0xfe, 0x00, 0x41, 0x9c]);
    assert!(refused(&["assess", "--profile", &noise]).contains("noise.json:1:1: not UTF-8 text"));
    let missing = dir.path().join("missing.toml");
    assert!(
        refused(&["assess", "--profile", missing.to_str().expect("utf-8")])
            .ends_with("missing.toml: cannot read: no such file or directory")
    );
    let text = file("library.txt", b"offers = []\n");
    assert!(
        refused(&["assess", "--profile", &text])
            .ends_with("library.txt: cannot tell the format: use a .toml, .json, .yaml or .yml file")
    );
    assert!(refused(&["assess", "--content", &text, "--offers", "a"]).contains("cannot tell the format"));
    assert!(refused(&["assess"]).contains("--offers ID,... or --profile FILE"));
    assert!(refused(&["what-if", "--offers", "computer-labs"]).contains("needs --add or --remove"));
    assert_eq!(
        refused(&["what-if", "--offers", "computer-labs", "--add", "wifi-accses"]),
        r#"smartlib: --add: unknown program "wifi-accses" (did you mean "wifi-access"?)"#
    );
    assert_eq!(
        refused(&["assess", "--offers", "computer-labs", "--planned", "computer-labs"]),
        r#"smartlib: --planned: program "computer-labs" is listed as offered and as planned"#
    );
    let batch = file("rows.jsonl", b"{}\n");
    assert_eq!(refused(&["batch", &batch, "--top", "0"]), "smartlib: --top must be at least 1");
}

#[test]
fn usage_errors_exit_2_and_help_teaches() {
    smartlib()
        .args(["assess", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values: text, json, markdown"));
    smartlib().args(["assess", "--budget", "tiny"]).assert().code(2);
    smartlib().arg("bogus").assert().code(2);
    smartlib()
        .args(["assess", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("smartlib assess --offers computer-labs,wifi-access,digital-resources"));
    smartlib().arg("--version").assert().success().stdout(predicate::str::starts_with("smartlib "));
}

#[test]
fn batch_jsonl_keeps_order_and_reports_bad_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("rows.jsonl");
    fs::write(
        &input,
        "{\"id\": \"a\", \"offers\": [\"computer-labs\", \"wifi-access\", \"digital-resources\"], \"state\": \"NY\"}\n\
         {\"id\": \"b\", \"offers\": [\"nope\"]}\n\
         \n\
         not json\n\
         {\"id\": \"c\", \"offers\": [], \"goals\": [\"co-creators\"]}\n",
    )
    .expect("write");
    let output = smartlib().args(["batch", input.to_str().expect("utf-8"), "--top", "2"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(1), "some rows failed");
    let rows: Vec<Value> = String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        (rows[0]["id"].as_str(), rows[0]["state"].as_str(), rows[0]["level"].as_u64()),
        (Some("a"), Some("NY"), Some(1))
    );
    assert_eq!(rows[0]["recommendations"].as_array().map(Vec::len), Some(2));
    assert_eq!(rows[1]["error"], "row 2, column \"offers\": unknown program \"nope\" (did you mean \"makerspaces\"?)");
    assert!(rows[2]["error"].as_str().is_some_and(|e| e.starts_with("row 3: not a JSON object")));
    assert_eq!(rows[3]["recommendations"][0], "wifi-access");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(stderr.contains("rows.jsonl:2: row 2, column \"offers\": unknown program \"nope\""), "{stderr}");
    assert!(stderr.contains("rows.jsonl:4: row 3: not a JSON object"), "{stderr}");
    assert!(stderr.contains("smartlib: 2 of 4 rows failed"), "{stderr}");
}

#[test]
fn batch_csv_per_program_columns_and_lists() {
    let dir = tempfile::tempdir().expect("temp dir");
    let columns = dir.path().join("survey.csv");
    fs::write(&columns, "fscs_id,name,computer-labs,wifi-access,digital-resources\nX1,\"Lib, One\",1,yes,\nX2,Two,0,maybe,1\nX3,Three,true,TRUE,yes\n")
        .expect("write");
    let out = dir.path().join("scored.csv");
    let output = smartlib()
        .args(["batch", columns.to_str().expect("utf-8"), "--output", out.to_str().expect("utf-8")])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(stderr.contains("survey.csv:3: row 2, column \"wifi-access\": \"maybe\" is not a status"), "{stderr}");
    let scored = fs::read_to_string(&out).expect("output file");
    let lines: Vec<&str> = scored.lines().collect();
    assert_eq!(lines[0], "fscs_id,name,level,reached,level_range,recommendations,error");
    // Twelve programs have no column: unknown, so the level is a range.
    assert!(lines[1].starts_with("X1,\"Lib, One\",0,,0-3,"), "{}", lines[1]);
    assert!(lines[2].starts_with("X2,Two,,,,,"), "{}", lines[2]);
    // Advanced training builds on unknown basic computer training: no penalty, so it leads.
    assert!(lines[3].starts_with("X3,Three,1,getting-started,1-3,advanced-training;wifi-after-hours;"), "{}", lines[3]);

    // A column one typo away from a program id refuses the file: it would drop that program.
    let typo = dir.path().join("typo.csv");
    fs::write(&typo, "fscs_id,computer-labs,wifi-acess\nX1,1,1\n").expect("write");
    assert_eq!(
        refused(&["batch", typo.to_str().expect("utf-8")]),
        format!(
            "smartlib: {}:1: column \"wifi-acess\": not a program id or profile field (did you mean \"wifi-access\"?)",
            typo.display()
        )
    );

    let lists = dir.path().join("lists.csv");
    fs::write(&lists, "id,offers,goals,budget\nA,computer-labs;wifi-access;digital-resources,co-creators,low\n")
        .expect("write");
    smartlib()
        .args(["batch", lists.to_str().expect("utf-8"), "--format", "jsonl"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"id\":\"A\"").and(predicate::str::contains("\"level\":1")));

    let neither = dir.path().join("neither.csv");
    fs::write(&neither, "id,state\nA,NY\n").expect("write");
    assert!(
        refused(&["batch", neither.to_str().expect("utf-8")])
            .contains("no \"offers\" column and no column named after a program id")
    );
}

/// Runs `batch` on a table vector written as CSV or as JSON Lines: every row's level, level
/// range and recommendations, or its error, must be the vector's; a table error refuses the
/// file with that message.
fn check_table_vector(vector: &Value, as_csv: bool) {
    let name = vector["name"].as_str().expect("name");
    let columns: Vec<&str> = vector["columns"].as_array().expect("columns").iter().filter_map(Value::as_str).collect();
    let rows: Vec<Vec<&str>> = vector["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row.as_array().expect("row").iter().filter_map(Value::as_str).collect())
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join(if as_csv { format!("{name}.csv") } else { format!("{name}.jsonl") });
    let text = if as_csv {
        let quoted = |cells: &[&str]| {
            cells.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(",")
        };
        std::iter::once(quoted(&columns)).chain(rows.iter().map(|row| quoted(row))).collect::<Vec<_>>().join("\n")
            + "\n"
    } else {
        rows.iter()
            .map(|row| {
                let object: serde_json::Map<String, Value> =
                    columns.iter().zip(row).map(|(c, v)| ((*c).to_owned(), Value::from(*v))).collect();
                Value::Object(object).to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    };
    fs::write(&input, text).expect("write");
    let catalog =
        workspace().join(format!("tests/vectors/catalogs/{}.json", vector["catalog"].as_str().expect("catalog")));
    let top = vector["top"].to_string();
    let args = [
        "batch",
        input.to_str().expect("utf-8"),
        "--format",
        "jsonl",
        "--top",
        &top,
        "--content",
        catalog.to_str().expect("utf-8"),
    ];
    let expect = &vector["expect"];
    if let Some(error) = expect["error"].as_str() {
        let stderr = refused(&args);
        assert!(stderr.ends_with(&format!(": {error}")), "{name} ({}): {stderr}", if as_csv { "csv" } else { "jsonl" });
        return;
    }
    let output = smartlib().args(args).output().expect("runs");
    let got: Vec<Value> = String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(|line| {
            let row: Value = serde_json::from_str(line).expect("JSON line");
            match row.get("error") {
                Some(error) => serde_json::json!({ "error": error }),
                None => serde_json::json!({
                    "level": row["level"], "level_range": row["level_range"], "recommendations": row["recommendations"]
                }),
            }
        })
        .collect();
    assert_eq!(&Value::from(got), &expect["rows"], "{name} ({})", if as_csv { "csv" } else { "jsonl" });
    let failed = expect["rows"].as_array().expect("rows").iter().filter(|row| row.get("error").is_some()).count();
    assert_eq!(output.status.code(), Some(if failed > 0 { 1 } else { 0 }), "{name}");
}

#[test]
fn table_vectors_give_the_same_answers_from_csv_and_json_lines() {
    let dir = workspace().join("tests/vectors/tables");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir).expect("tables").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    assert!(paths.len() >= 6);
    for path in paths {
        let vector: Value = serde_json::from_str(&fs::read_to_string(&path).expect("readable")).expect("JSON");
        check_table_vector(&vector, true);
        check_table_vector(&vector, false);
    }
}

/// What a person reads: the text and markdown reports, pinned so every change to them is seen
/// in review. The content fingerprint is masked: it changes with any catalog edit.
fn report(args: &[&str]) -> String {
    let output = smartlib().args(args).output().expect("runs");
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let fingerprint = smartlib::default_catalog().content().fingerprint.to_string();
    text.replace(&fingerprint, "[fingerprint]")
}

#[test]
fn nothing_is_called_left_while_programs_remain() {
    let top_zero = report(&["assess", "--offers", "computer-labs", "--top", "0"]);
    assert!(!top_zero.contains("nothing left"), "{top_zero}");
    assert!(!top_zero.contains("Recommended next steps"), "{top_zero}");
    let all: Vec<String> = smartlib::default_catalog().programs().iter().map(|p| p.id.to_string()).collect();
    let everything = report(&["assess", "--offers", &all.join(",")]);
    assert!(everything.contains("Every program in the catalog is offered: nothing left to recommend."));
}

#[test]
fn reports_read_as_they_should() {
    let anytown = workspace().join("examples/profiles/anytown.toml");
    let anytown = anytown.to_str().expect("utf-8");
    let survey =
        ["--offers", "computer-labs,wifi-access", "--unknown", "digital-resources,basic-computer-training,makerspaces"];
    insta::assert_snapshot!("assess_text", report(&["assess", "--profile", anytown]));
    insta::assert_snapshot!(
        "assess_markdown",
        report(&["assess", "--profile", anytown, "--format", "markdown", "--date", "2026-11-29"])
    );
    insta::assert_snapshot!("assess_unknowns_text", report(&[&["assess"][..], &survey].concat()));
    insta::assert_snapshot!("roadmap_text", report(&["roadmap", "--offers", FIRST_TIER, "--budget", "low"]));
    insta::assert_snapshot!("roadmap_markdown", report(&["roadmap", "--offers", FIRST_TIER, "--format", "markdown"]));
    let what_if = ["what-if", "--offers", "computer-labs,wifi-access", "--add", "digital-resources,technology-lending"];
    insta::assert_snapshot!("what_if_text", report(&what_if));
    insta::assert_snapshot!("what_if_markdown", report(&[&what_if[..], &["--format", "markdown"]].concat()));
    insta::assert_snapshot!("catalog_text", report(&["catalog"]));
}

/// Libraries known from published evidence, with most programs unknown: the headline gives the
/// range, the first advice asks what to confirm, nothing unknown is to start or lacking, and no
/// report tells them to build what they may already have.
#[test]
fn mostly_unknown_libraries_are_asked_to_confirm_first() {
    let profile = |name: &str| workspace().join(format!("examples/profiles/{name}.toml")).display().to_string();
    let (westport, ignacio) = (profile("westport-library"), profile("ignacio-community-library"));
    let text = report(&["assess", "--profile", &westport]);
    assert!(text.starts_with("The Westport Library: Level 0–3 of 3: 13 programs are unknown\n"), "{text}");
    assert!(text.contains("Getting started                 0 of 5       3  confirm first, 5 unknown"), "{text}");
    let first = text.split("Where the library stands:\n  - ").nth(1).expect("advice");
    assert!(
        first.starts_with("Confirm first whether you offer Spaces for public meetings and discussion, Wi-Fi access")
    );
    for words in ["build this next", "suggests building that group first", "To reach level", "do not offer yet"] {
        assert!(!text.contains(words), "{words}: {text}");
    }
    // Every recommendation here is unknown, and each says so.
    let titles = text.lines().filter(|line| line.starts_with(' ') && line.contains(", score ")).count();
    assert_eq!(text.matches("[verify first: status unknown]").count(), titles, "{text}");
    for format in ["markdown", "html"] {
        let board = report(&["assess", "--profile", &westport, "--format", format, "--date", "2026-11-29"]);
        assert!(board.contains("Level 0–3 of 3: 13 programs are unknown."), "{board}");
        assert!(board.contains("Confirm first whether you offer"), "{board}");
        assert!(!board.contains("build this next") && !board.contains("The way to level"), "{board}");
        insta::assert_snapshot!(format!("westport-library_{format}"), board);
    }
    insta::assert_snapshot!("westport-library_text", text);
    // Higher up, the stage's advice follows, marked as depending on the answers.
    let text = report(&["assess", "--profile", &ignacio]);
    assert!(text.starts_with("Ignacio Community Library: Level 1–3 of 3: 12 programs are unknown\n"), "{text}");
    assert!(text.contains("\nWhat the toolbox advises at level 1 (depends on your answers above):\n"), "{text}");
    insta::assert_snapshot!("ignacio-community-library_text", text);
    // JSON carries the programs to confirm, and the advice that depends on them.
    let answer = json_of(&["assess", "--profile", &ignacio, "--format", "json"]);
    assert_eq!(
        answer["to_confirm"],
        serde_json::json!(["advanced-training", "wifi-after-hours", "technology-lending"])
    );
    assert_eq!(answer["advice"][0]["kind"], "fact");
    assert!(answer["advice"].as_array().expect("list").iter().any(|a| a["provisional"] == true));
}

/// `--assume-unknown` shows each end of the range by itself, and says so everywhere.
#[test]
fn assume_unknown_shows_each_end_of_the_range_and_says_so() {
    let westport = workspace().join("examples/profiles/westport-library.toml").display().to_string();
    let assess = |assume: &str, format: &str| {
        report(&[
            "assess",
            "--profile",
            &westport,
            "--assume-unknown",
            assume,
            "--format",
            format,
            "--date",
            "2026-11-29",
        ])
    };
    let high = assess("offered", "text");
    assert!(
        high.starts_with(
            "The Westport Library: Level 3 of 3: Advancing your role (13 unknown programs read as offered)\n"
        ),
        "{high}"
    );
    assert!(high.contains("It is the upper end of the range, not a finding"), "{high}");
    let low = assess("not-offered", "markdown");
    assert!(
        low.contains("**Level 0 of 3: no tier established yet (13 unknown programs read as not offered).**"),
        "{low}"
    );
    // The programs assumed not offered are still to verify, not to start.
    assert!(
        low.contains("### 1. Spaces for public meetings and discussion (Getting started)\n\n**Verify first"),
        "{low}"
    );
    let answer = json_of(&["assess", "--profile", &westport, "--assume-unknown", "not-offered", "--format", "json"]);
    assert_eq!(answer["level_range"], serde_json::json!([0, 0]));
    assert_eq!(answer["assumed"]["unknown_as"], "not-offered");
    assert_eq!(answer["assumed"]["programs"].as_array().map(Vec::len), Some(13));
    smartlib()
        .args(["assess", "--offers", "computer-labs", "--assume-unknown", "maybe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values: offered, not-offered"));
}

/// A catalog given as a profile, or the reverse: the loader's hint, and the flag that takes
/// such a file in this command.
#[test]
fn a_catalog_given_as_a_profile_or_the_reverse_names_the_right_flag() {
    let dir = tempfile::tempdir().expect("temp dir");
    let catalog = dir.path().join("catalog.json");
    let exported = smartlib().args(["catalog", "--format", "json"]).output().expect("runs").stdout;
    fs::write(&catalog, exported).expect("write");
    let catalog = catalog.to_str().expect("utf-8");
    let profile = dir.path().join("library.toml");
    fs::write(&profile, "offers = [\"computer-labs\"]\n").expect("write");
    let profile = profile.to_str().expect("utf-8");
    let directory = workspace().join("crates/content/catalog");
    let directory = directory.to_str().expect("utf-8");

    for command in ["assess", "roadmap"] {
        assert!(
            refused(&[command, "--profile", catalog])
                .ends_with("; this looks like a catalog, not a profile: pass it with --content")
        );
    }
    assert!(refused(&["assess", "--profile", directory]).ends_with(
        "catalog: is a directory; a profile is one file (TOML, JSON or YAML); \
             this looks like a catalog, not a profile: pass it with --content"
    ));
    assert!(
        refused(&["assess", "--content", profile, "--offers", "computer-labs"])
            .ends_with("; this looks like a profile, not a catalog: pass it with --profile")
    );

    // `validate` takes the catalog as PATH.
    let output = smartlib().args(["validate", "--profile", catalog]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(
        stderr.ends_with(
            "\nsmartlib: this looks like a catalog, not a profile: pass it as PATH (smartlib validate PATH)\n"
        ),
        "{stderr}"
    );
    let output = smartlib().args(["validate", profile]).output().expect("runs");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(
        stderr.ends_with("\nsmartlib: this looks like a profile, not a catalog: pass it with --profile\n"),
        "{stderr}"
    );
}

/// `validate` counts programs, not list items: a program listed twice is offered once.
#[test]
fn validate_counts_a_program_listed_twice_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("library.toml");
    fs::write(&path, "offers = [\"computer-labs\", \"wifi-access\", \"computer-labs\"]\n").expect("write");
    smartlib()
        .args(["validate", "--profile", path.to_str().expect("utf-8")])
        .assert()
        .success()
        .stdout(predicate::str::contains("library.toml: offers 2 programs; checked against"));
    fs::write(&path, "offers = [\"wifi-access\", \"wifi-access\"]\n").expect("write");
    smartlib()
        .args(["validate", "--profile", path.to_str().expect("utf-8")])
        .assert()
        .success()
        .stdout(predicate::str::contains("library.toml: offers 1 program; checked against"));
}

/// A small catalog file written in `schema_version`, with `extra` lines added after its name.
fn versioned_catalog(dir: &Path, schema_version: &str, extra: &str) -> String {
    let path = dir.join("catalog.toml");
    fs::write(
        &path,
        format!(
            "schema_version = \"{schema_version}\"\nname = \"Tiny\"\n{extra}version = \"1\"\nstart_message = \"go\"\n\
             [[tiers]]\nid = \"t\"\nname = \"T\"\nmessage = \"m\"\n\
             [[programs]]\nid = \"a\"\nname = \"A\"\ntier = \"t\"\nsummary = \"s\"\n"
        ),
    )
    .expect("write");
    path.to_str().expect("utf-8").to_owned()
}

/// Exit code, stdout and stderr, with the temporary directory written as DIR.
fn transcript(args: &[&str], dir: &Path) -> String {
    let output = smartlib().args(args).output().expect("runs");
    let text = format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let text = text.replace(&*dir.to_string_lossy(), "DIR");
    // The fingerprint changes with any change to the catalog model; other tests pin it.
    match text.split_once("(fingerprint ") {
        Some((before, after)) => format!("{before}(fingerprint [fingerprint]{}", &after[16..]),
        None => text,
    }
}

#[test]
fn validate_shows_the_warnings_of_a_newer_minor_version_and_succeeds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = versioned_catalog(dir.path(), "1.4", "released = \"2031-01-01\"\nchannel = \"beta\"\n");
    insta::assert_snapshot!("validate_newer_minor", transcript(&["validate", &path], dir.path()));
    // Every command that takes --content says the same warnings, and goes on.
    let output = smartlib().args(["assess", "--offers", "a", "--content", &path]).output().expect("runs");
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert_eq!(stderr.lines().filter(|line| line.starts_with("smartlib: warning: ")).count(), 2, "{stderr}");
}

#[test]
fn validate_refuses_a_newer_major_version_and_lists_every_typo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = versioned_catalog(dir.path(), "2.0", "");
    insta::assert_snapshot!("validate_newer_major", transcript(&["validate", &path], dir.path()));
    let path = versioned_catalog(dir.path(), "1.0", "nmae = \"x\"\nstart_mesage = \"y\"\n");
    insta::assert_snapshot!("validate_typos", transcript(&["validate", &path], dir.path()));
}

#[test]
fn validate_counts_problems_past_the_hundred_it_lists() {
    let dir = tempfile::tempdir().expect("temp dir");
    let programs: String = (0..120)
        .map(|n| format!("[[programs]]\nid = \"p{n}\"\nname = \"P\"\ntier = \"t\"\nsummary = \"s\"\nroles = [\"r\"]\n"))
        .collect();
    let path = versioned_catalog(dir.path(), "1.0", "");
    let text = fs::read_to_string(&path).expect("read") + &programs;
    fs::write(&path, text).expect("write");
    let output = smartlib().args(["validate", &path]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 102, "100 problems, how many more, how many in all");
    assert_eq!(lines[100..], ["smartlib: and 20 more problems", "smartlib: 120 problems found"]);
}

#[test]
fn the_long_version_names_engine_schema_and_catalog_versions() {
    let output = smartlib().arg("--version").output().expect("runs");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let expected = format!(
        "smartlib {}\nengine {}\ncatalog schema 1.0 (reads 1.0 to 1.x, ignoring fields newer than 1.0)\ndefault catalog {}\n",
        env!("CARGO_PKG_VERSION"),
        smartlib::VERSION,
        smartlib::CATALOG_VERSION
    );
    assert_eq!(stdout, expected);
}
