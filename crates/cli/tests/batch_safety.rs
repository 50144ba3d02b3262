//! `smartlib batch` and file outputs under careless or hostile use: nothing lost, nothing
//! hangs. An output is written whole or not at all and never over its input; every row is
//! read with a bound; a bad row is one error row with the header's columns and the rest go
//! on; line numbers are right for CRLF files; a closed pipe is a quiet exit 0.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use serde_json::Value;

fn smartlib() -> Command {
    Command::cargo_bin("smartlib").expect("the binary is built")
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: &[u8]) -> Run {
    let output = smartlib().args(args).write_stdin(stdin).output().expect("runs");
    let run = Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn batch(dir: &Path, name: &str, content: &[u8], extra: &[&str]) -> Run {
    let input = dir.join(name);
    fs::write(&input, content).expect("write input");
    let mut args = vec!["batch", input.to_str().expect("UTF-8 path")];
    args.extend(extra);
    run(&args, b"")
}

/// The output's rows, the header first, read by a CSV reader that refuses ragged rows.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|record| record.expect("a well-formed output row").iter().map(str::to_owned).collect())
        .collect()
}

/// Files in `dir` that a run left behind besides `expected`.
fn leftovers(dir: &Path, expected: &[&str]) -> Vec<String> {
    fs::read_dir(dir)
        .expect("read dir")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !expected.contains(&name.as_str()))
        .collect()
}

const GOOD_CSV: &[u8] = b"id,offers\nA,computer-labs\nB,wifi-access\n";

#[test]
fn an_output_that_is_the_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("libraries.csv");
    let jsonl = dir.path().join("libraries.jsonl");
    fs::write(&input, GOOD_CSV).expect("write");
    fs::write(&jsonl, b"{\"id\": \"A\", \"offers\": [\"computer-labs\"]}\n").expect("write");
    std::os::unix::fs::symlink(&input, dir.path().join("link.csv")).expect("symlink");
    fs::hard_link(&input, dir.path().join("hard.csv")).expect("hard link");
    for (from, to) in [
        (&input, input.clone()),
        (&input, dir.path().join("link.csv")),
        (&input, dir.path().join("hard.csv")),
        (&input, dir.path().join(".").join("libraries.csv")),
        (&jsonl, jsonl.clone()),
    ] {
        let ran = run(&["batch", from.to_str().expect("path"), "-o", to.to_str().expect("path")], b"");
        assert_eq!(ran.code, Some(2), "{}", ran.stderr);
        assert!(ran.stderr.contains("is the input"), "{}", ran.stderr);
    }
    assert_eq!(fs::read(&input).expect("read"), GOOD_CSV);
    assert_eq!(leftovers(dir.path(), &["libraries.csv", "libraries.jsonl", "link.csv", "hard.csv"]), [] as [String; 0]);
}

#[test]
fn a_refused_input_leaves_an_existing_output_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("scored.csv");
    fs::write(&output, "yesterday's results\n").expect("write");
    // A column one typo from a program id refuses the file.
    let ran = batch(dir.path(), "typo.csv", b"id,computer-lab\nA,yes\n", &["-o", output.to_str().expect("path")]);
    assert_eq!(ran.code, Some(2));
    assert_eq!(fs::read_to_string(&output).expect("read"), "yesterday's results\n");
    assert_eq!(leftovers(dir.path(), &["scored.csv", "typo.csv"]), [] as [String; 0]);
}

#[test]
fn a_finished_run_replaces_the_output_keeping_its_mode_and_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let real = dir.path().join("real.csv");
    fs::write(&real, "old\n").expect("write");
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).expect("chmod");
    let link = dir.path().join("scored.csv");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let ran = batch(dir.path(), "in.csv", GOOD_CSV, &["-o", link.to_str().expect("path")]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    // Written through the link, as `>` would, with the file's mode kept.
    assert!(fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    assert!(fs::read_to_string(&real).expect("read").starts_with("id,level,"));
    assert_eq!(fs::metadata(&real).expect("meta").permissions().mode() & 0o777, 0o640);
    // A new file is not private to its owner, as a temporary file would be.
    let fresh = dir.path().join("fresh.csv");
    batch(dir.path(), "in.csv", GOOD_CSV, &["-o", fresh.to_str().expect("path")]);
    assert_ne!(fs::metadata(&fresh).expect("meta").permissions().mode() & 0o777, 0o600);
}

#[test]
fn write_errors_name_the_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ran = batch(dir.path(), "in.csv", GOOD_CSV, &["-o", "/dev/full"]);
    assert_eq!(ran.code, Some(2));
    assert!(ran.stderr.starts_with("smartlib: /dev/full: "), "{}", ran.stderr);
    let ran = batch(dir.path(), "in.csv", GOOD_CSV, &["-o", dir.path().to_str().expect("path")]);
    assert_eq!(ran.code, Some(2));
    assert!(ran.stderr.contains("is a directory"), "{}", ran.stderr);
}

#[test]
fn an_interrupted_run_leaves_no_partial_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("scored.jsonl");
    fs::write(&output, "kept\n").expect("write");
    // /dev/zero never ends: the run is interrupted while it writes.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("smartlib"))
        .args(["batch", "/dev/zero", "--input-format", "jsonl", "-o", output.to_str().expect("path")])
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let started = std::time::Instant::now();
    while leftovers(dir.path(), &["scored.jsonl"]).is_empty() && started.elapsed().as_secs() < 20 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(leftovers(dir.path(), &["scored.jsonl"]).len(), 1, "the temporary file is made beside the output");
    let killed = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill");
    assert!(killed.success());
    assert_eq!(child.wait().expect("wait").code(), Some(130));
    assert_eq!(fs::read_to_string(&output).expect("read"), "kept\n");
    assert_eq!(leftovers(dir.path(), &["scored.jsonl"]), [] as [String; 0]);
}

/// Endless inputs run in bounded memory until interrupted: one endless line of NULs in each
/// format, and endless good rows from a pipe. Run under a 64 MiB data limit (`ulimit -d`), where
/// a reader that keeps a whole line, or an output that keeps rows, fails within a second.
#[test]
fn endless_inputs_run_in_bounded_memory_until_interrupted() {
    let binary = assert_cmd::cargo::cargo_bin("smartlib");
    let binary = binary.to_str().expect("UTF-8 path");
    for command in [
        format!("exec '{binary}' batch /dev/zero --input-format jsonl -o /dev/null"),
        format!("exec '{binary}' batch /dev/zero --input-format csv -o /dev/null"),
        format!(
            r#"yes '{{"id": "A", "offers": ["computer-labs"]}}' | exec '{binary}' batch - --input-format jsonl -o /dev/null"#
        ),
    ] {
        let mut child = std::process::Command::new("sh")
            .args(["-c", &format!("ulimit -d 65536 && {command}")])
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_secs(2));
        let running = child.try_wait().expect("wait").is_none();
        // The shell has exec'd smartlib, or is waiting on it at the end of the pipe.
        let _ = std::process::Command::new("pkill").args(["-INT", "-P", &child.id().to_string()]).status();
        let _ = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status();
        let status = child.wait().expect("wait");
        let mut stderr = String::new();
        child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("read stderr");
        assert!(running, "{command}: ended early ({status}): {stderr}");
        assert!(!stderr.contains("memory allocation") && !stderr.contains("panicked"), "{command}: {stderr}");
    }
}

#[test]
fn a_row_over_a_mebibyte_is_one_error_row_and_the_rest_go_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut jsonl = b"{\"id\": \"A\", \"offers\": []}\n{\"id\": \"".to_vec();
    jsonl.extend(vec![b'x'; 3 << 20]);
    jsonl.extend(b"\"}\n{\"id\": \"C\", \"offers\": []}\n");
    let ran = batch(dir.path(), "long.jsonl", &jsonl, &[]);
    assert_eq!(ran.code, Some(1));
    let rows: Vec<Value> = ran.stdout.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["error"], "row 2: longer than 1 MiB, the most one row may hold");
    assert_eq!(rows[2]["id"], "C");
    assert!(ran.stderr.starts_with(&format!("{}:2: row 2: longer", dir.path().join("long.jsonl").display())));

    // The same in CSV, where a quoted field may run over many lines.
    let mut csv = b"id,offers\nA,computer-labs\nB,\"".to_vec();
    csv.extend(vec![b'y'; 3 << 20]);
    csv.extend(b"\n\n\"\nC,wifi-access\n");
    let ran = batch(dir.path(), "long.csv", &csv, &[]);
    assert_eq!(ran.code, Some(1));
    let rows = csv_rows(&ran.stdout);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[2].len(), rows[0].len(), "the error row has the header's columns");
    assert_eq!(rows[3][0], "C");
    assert!(ran.stderr.contains("long.csv:3: row 2: longer than 1 MiB"), "{}", ran.stderr);

    // A file with no line break at all ends as one error row, memory flat.
    let ran = batch(dir.path(), "zeros.jsonl", &vec![0; 5 << 20], &[]);
    assert_eq!(ran.code, Some(1));
    assert_eq!(ran.stdout.lines().count(), 1);
}

#[test]
fn a_bad_byte_in_row_50001_is_one_error_row_that_keeps_its_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut jsonl = Vec::new();
    for row in 1..=50_002 {
        let offers = if row == 50_001 { "computer-labs\u{ff}" } else { "computer-labs" };
        jsonl.extend(format!("{{\"id\": \"lib-{row}\", \"offers\": [\"{offers}\"]}}\n").into_bytes());
    }
    let at = jsonl.windows(2).rposition(|w| w == "\u{ff}".as_bytes()).expect("the byte");
    jsonl.splice(at..at + 2, [0xff]);
    let ran = batch(dir.path(), "survey.jsonl", &jsonl, &[]);
    assert_eq!(ran.code, Some(1));
    let rows: Vec<Value> = ran.stdout.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(rows.len(), 50_002);
    assert_eq!(rows[50_000]["id"], "lib-50001");
    assert!(rows[50_000]["error"].as_str().expect("error").starts_with("row 50001: not valid UTF-8"));
    assert_eq!(rows[50_001]["id"], "lib-50002");
    assert!(rows[50_001].get("error").is_none());
    assert!(ran.stderr.contains("survey.jsonl:50001: row 50001: not valid UTF-8"), "{}", ran.stderr);

    // In CSV the error names the column, and the carried id stays.
    let ran = batch(dir.path(), "survey.csv", b"id,computer-labs\nA,yes\nB,y\xffs\nC,no\n", &[]);
    assert_eq!(ran.code, Some(1));
    let rows = csv_rows(&ran.stdout);
    assert_eq!(rows[2][0], "B");
    assert!(ran.stderr.contains(":3: row 2, column \"computer-labs\": not valid UTF-8"), "{}", ran.stderr);
}

#[test]
fn a_row_with_too_few_fields_keeps_the_header_columns_and_its_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ran = batch(dir.path(), "short.csv", b"id,computer-labs,wifi-access\nA,yes,yes\nB,yes\nC,no,yes\n", &[]);
    assert_eq!(ran.code, Some(1));
    let rows = csv_rows(&ran.stdout);
    assert!(rows.iter().all(|row| row.len() == rows[0].len()), "{rows:?}");
    assert_eq!(rows[2][0], "B");
    assert_eq!(rows[3][0], "C");
}

#[test]
fn line_numbers_are_right_for_crlf_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lf_csv = "id,computer-labs\nA,yes\n\nB,maybe\nC,\"multi\nline\"\nD,nope\n";
    let lf_jsonl = "{\"id\":\"A\"}\n\n{\"id\":\"B\",\"computer-labs\":\"maybe\"}\n";
    for (name, lf) in [("t.csv", lf_csv), ("t.jsonl", lf_jsonl)] {
        let lf_run = batch(dir.path(), name, lf.as_bytes(), &[]);
        let crlf_run = batch(dir.path(), name, lf.replace('\n', "\r\n").as_bytes(), &[]);
        let lines = |run: &Run| -> Vec<String> {
            run.stderr.lines().filter_map(|line| line.split(':').nth(1)).map(str::to_owned).collect()
        };
        assert_eq!(lines(&lf_run), lines(&crlf_run), "{name}");
        assert!(!lines(&lf_run).is_empty());
    }
    let csv = batch(dir.path(), "t.csv", lf_csv.replace('\n', "\r\n").as_bytes(), &[]);
    assert!(csv.stderr.contains("t.csv:4: row 2"), "{}", csv.stderr);
    assert!(csv.stderr.contains("t.csv:7: row 4"), "{}", csv.stderr);
}

#[test]
fn json_lines_to_csv_carries_every_key_of_every_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let jsonl = b"not json\n{\"id\":\"B\",\"offers\":[]}\n{\"id\":\"C\",\"state\":\"NY\",\"offers\":[]}\n";
    let ran = batch(dir.path(), "rows.jsonl", jsonl, &["--format", "csv"]);
    assert_eq!(ran.code, Some(1));
    let rows = csv_rows(&ran.stdout);
    assert_eq!(rows[0][..3], ["id", "state", "level"]);
    assert_eq!(rows[1][..3], ["", "", ""]);
    assert_eq!(rows[2][..3], ["B", "", "0"]);
    assert_eq!(rows[3][..3], ["C", "NY", "0"]);
    // Declared with --carry: those columns, in that order, and no others.
    let ran = batch(dir.path(), "rows.jsonl", jsonl, &["--format", "csv", "--carry", "state,id"]);
    assert_eq!(csv_rows(&ran.stdout)[3][..3], ["NY", "C", "0"]);
    let ran = batch(dir.path(), "rows.csv", b"id,state,offers\nA,NY,\n", &["--carry", "county"]);
    assert_eq!(ran.code, Some(2));
    assert!(ran.stderr.contains("has no column \"county\""), "{}", ran.stderr);
}

#[test]
fn repeated_or_mixed_columns_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, content, says) in [
        ("dup.csv", &b"id,offers,offers\nA,wifi-access,computer-labs\n"[..], "appears more than once"),
        ("mix.csv", b"id,offers,computer-labs\nA,wifi-access,yes\n", "not both"),
        ("dup.jsonl", b"{\"offers\":[\"wifi-access\"],\"offers\":[\"computer-labs\"]}\n", "appears more than once"),
    ] {
        let ran = batch(dir.path(), name, content, &[]);
        assert_eq!(ran.code, Some(2), "{name}");
        assert!(ran.stderr.contains(says), "{name}: {}", ran.stderr);
    }
}

#[test]
fn a_byte_order_mark_opens_a_file_but_not_a_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ran =
        batch(dir.path(), "bom.jsonl", b"\xef\xbb\xbf{\"id\":\"A\",\"offers\":[]}\n\xef\xbb\xbf{\"id\":\"B\"}\n", &[]);
    assert_eq!(ran.code, Some(1));
    let rows: Vec<Value> = ran.stdout.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(rows[0]["level"], 0);
    assert!(rows[1]["error"].as_str().expect("error").contains("byte-order mark"));
    let ran = batch(dir.path(), "bom.csv", b"\xef\xbb\xbfid,offers\nA,\n", &[]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(ran.stdout.starts_with("id,level"));
    // A first line that holds only the mark is blank, and the line numbers still count it.
    let ran =
        batch(dir.path(), "alone.jsonl", b"\xef\xbb\xbf\n{\"id\":\"A\",\"offers\":[]}\n{\"offers\":\"x\"}\n", &[]);
    let rows: Vec<Value> = ran.stdout.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!((ran.code, rows.len(), &rows[0]["level"]), (Some(1), 2, &Value::from(0)), "{}", ran.stdout);
    assert!(ran.stderr.contains("alone.jsonl:3: row 2"), "{}", ran.stderr);
}

#[test]
fn standard_input_is_read_with_dash() {
    let ran = run(&["batch", "-", "--input-format", "csv"], GOOD_CSV);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(ran.stdout.lines().count(), 3);
    let ran = run(&["batch", "-"], GOOD_CSV);
    assert_eq!(ran.code, Some(2));
    assert!(ran.stderr.contains("--input-format"), "{}", ran.stderr);
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ran = batch(dir.path(), "in.csv", GOOD_CSV, &[]);
    assert_eq!((ran.code, ran.stderr.as_str()), (Some(0), ""));
}

#[test]
fn batch_lists_as_many_recommendations_as_the_policy_says_unless_told() {
    let dir = tempfile::tempdir().expect("temp dir");
    let exported = run(&["catalog", "--format", "json"], b"").stdout;
    let mut catalog: Value = serde_json::from_str(&exported).expect("catalog JSON");
    catalog["policy"]["recommendations"] = 2.into();
    let content = dir.path().join("catalog.json");
    fs::write(&content, catalog.to_string()).expect("write");
    let content = content.to_str().expect("path");
    let count = |extra: &[&str]| {
        let mut args = vec!["--content", content];
        args.extend(extra);
        let ran = batch(dir.path(), "in.csv", GOOD_CSV, &args);
        csv_rows(&ran.stdout)[1].iter().find(|cell| cell.contains(';')).map_or(0, |cell| cell.split(';').count())
    };
    assert_eq!(count(&[]), 2);
    assert_eq!(count(&["--top", "3"]), 3);
}

#[test]
fn a_closed_pipe_is_a_quiet_exit_0_in_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.csv");
    let mut rows = String::from("id,offers\n");
    for row in 0..20_000 {
        rows.push_str(&format!("lib-{row},computer-labs;wifi-access\n"));
    }
    fs::write(&big, rows).expect("write");
    let commands: [&[&str]; 6] = [
        &["batch", big.to_str().expect("path")],
        &["assess", "--offers", "computer-labs"],
        &["roadmap", "--offers", "computer-labs"],
        &["what-if", "--offers", "computer-labs", "--add", "wifi-access"],
        &["catalog", "--format", "json"],
        &["schema", "catalog"],
    ];
    for args in commands {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("smartlib"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // The reader goes away before the command writes.
        drop(child.stdout.take());
        let mut stderr = String::new();
        child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("read");
        assert_eq!((child.wait().expect("wait").code(), stderr.as_str()), (Some(0), ""), "{args:?}");
    }
}

#[test]
fn every_command_that_takes_a_profile_refuses_none_and_drops_empty_ids() {
    for command in ["assess", "roadmap", "what-if"] {
        let mut args = vec![command];
        if command == "what-if" {
            args.extend(["--add", "wifi-access"]);
        }
        let ran = run(&args, b"");
        assert_eq!(ran.code, Some(2), "{command}");
        assert!(ran.stderr.contains("say what the library offers"), "{command}: {}", ran.stderr);
        args.extend(["--offers", ",,"]);
        assert_eq!(run(&args, b"").code, Some(0), "{command}: --offers ,, means nothing offered");
    }
    let ran = run(&["what-if", "--offers", "computer-labs", "--add", ",,"], b"");
    assert_eq!(ran.code, Some(2));
    assert!(ran.stderr.contains("what-if needs --add or --remove"), "{}", ran.stderr);
}

#[test]
fn names_from_the_input_or_the_flags_are_echoed_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let carried = batch(dir.path(), "in.csv", GOOD_CSV, &["--carry", "id,n\u{202e}ame"]);
    assert_eq!(carried.code, Some(2));
    assert!(carried.stderr.contains(r#"has no column "n\u{202e}ame""#), "{}", carried.stderr);
    let header = "id,offers,n\u{200b}ote\nA,computer-labs,\u{ff}\n".as_bytes().to_vec();
    let mut latin1 = header.clone();
    latin1.truncate(header.len() - 3);
    latin1.extend(b"\xff\n");
    let ran = batch(dir.path(), "notes.csv", &latin1, &["--carry", "id"]);
    assert_eq!(ran.code, Some(1), "{}", ran.stderr);
    assert_eq!(csv_rows(&ran.stdout)[1].last().expect("error"), r#"row 1, column "n\u{200b}ote": not valid UTF-8"#);
}

/// Rows of every kind, `rows` of them, numbered in `id`: rows that score, rows with a bad
/// value, lines that are not JSON, blank lines, CRLF, escapes.
fn mixed_json_lines(rows: usize) -> String {
    let mut text = String::new();
    for n in 0..rows {
        let line = match n % 7 {
            0 => format!(r#"{{"id":"{n}","offers":["computer-labs","wifi-access"],"state":"NY"}}"#),
            1 => format!(r#"{{"id":"{n}","offers":[],"budget":"huge"}}"#),
            2 => format!("{{\"id\":\"{n}\",\"offers\":[\"makerspaces\"],\"note\":\"a,\\\"b\\\"\\nc\"}}\r"),
            3 => format!(r#"{{"id":"{n}","offers":["no-such-program"]}}"#),
            4 => format!("{{\"id\":\"{n}\" not json\n"),
            5 => format!(r#"{{"id":"{n}","offers":["digital-resources"],"goals":["ict-users"],"state":1.5}}"#),
            _ => format!("{{\"id\":\"{n}\",\"offers\":[\"computer-labs\"]}}\n"),
        };
        text.push_str(&line);
        text.push('\n');
    }
    text
}

/// The output of many workers is the output of one, byte for byte, messages and exit code
/// too, for every pair of formats: the chunks are written in input order.
#[test]
fn any_number_of_jobs_writes_the_same_bytes_in_input_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rows = 6_000;
    let jsonl = dir.path().join("rows.jsonl");
    fs::write(&jsonl, mixed_json_lines(rows)).expect("write input");
    let csv = dir.path().join("rows.csv");
    let converted =
        run(&["batch", jsonl.to_str().expect("UTF-8"), "--format", "csv", "--carry", "id,offers,note"], b"");
    // The scored rows' carried columns and results make a CSV input with bad rows of its own.
    fs::write(&csv, converted.stdout.replace(",level,", ",lvl,").replace(",error\n", ",err\n")).expect("write input");
    for (input, format) in [(&jsonl, "jsonl"), (&jsonl, "csv"), (&csv, "csv"), (&csv, "jsonl")] {
        let input = input.to_str().expect("UTF-8");
        let one = run(&["batch", input, "--format", format, "--jobs", "1"], b"");
        assert_eq!(one.code, Some(1), "{input} to {format}: {}", one.stderr);
        let failed = one.stderr.lines().count() - 1;
        assert!(failed > rows / 10 && failed < rows, "{input} to {format}: {failed} error rows");
        let many = run(&["batch", input, "--format", format, "--jobs", "8"], b"");
        assert_eq!((many.code, &many.stderr), (one.code, &one.stderr), "{input} to {format}");
        assert!(many.stdout == one.stdout, "{input} to {format}: the outputs differ");
        // And that order is the input's: the ids count up.
        let ids: Vec<usize> = if format == "csv" {
            csv_rows(&many.stdout).iter().skip(1).filter_map(|row| row[0].parse().ok()).collect()
        } else {
            many.stdout
                .lines()
                .filter_map(|line| serde_json::from_str::<Value>(line).ok()?["id"].as_str()?.parse().ok())
                .collect()
        };
        assert!(ids.len() > rows / 2 && ids.windows(2).all(|pair| pair[0] < pair[1]), "{input} to {format}");
    }
}
