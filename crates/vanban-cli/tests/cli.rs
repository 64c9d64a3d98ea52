//! The `vanban` binary as a user runs it: over files, directories and stdin, in every format,
//! with failing inputs and failing outputs. `tests/tree/` holds a small archive: three texts in
//! nested folders, a file that is not UTF-8 (`a/bad.txt`), a binary file (`a/image.png`) and
//! hidden entries (`.hidden/`, `a/.draft.txt`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_vanban");

/// The archive's path as the tests pass it (relative to the crate, as a user would type it).
const TREE: &str = "tests/tree";

/// The texts of the archive that are read, in the walk's order (name order, depth first).
const GOOD: [&str; 3] = [
    "tests/tree/a/b/two.txt",
    "tests/tree/a/one.txt",
    "tests/tree/c.md",
];

fn vanban(args: &[&str]) -> Output {
    vanban_with(args, None)
}

fn vanban_with(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run vanban");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> &str {
    std::str::from_utf8(&o.stdout).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> &str {
    std::str::from_utf8(&o.stderr).expect("stderr is UTF-8")
}

fn jsonl(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn a_directory_gives_every_text_in_order_with_its_file_and_reports_the_bad_one() {
    let out = vanban(&["cite", TREE]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a failed input gives exit code 2"
    );
    let records = jsonl(&out);
    // Every record names its file; the files come in walk order and each one's citations are
    // exactly what a run over that file alone gives.
    let mut expected = Vec::new();
    for file in GOOD {
        let alone = vanban(&["cite", file]);
        assert_eq!(alone.status.code(), Some(0));
        for mut c in jsonl(&alone) {
            assert!(c.get("file").is_none(), "one file: no file key");
            let text = c["text"].as_str().unwrap().to_owned();
            let (s, e) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            let chars: String = read(file).chars().skip(s).take(e - s).collect();
            assert_eq!(chars, text, "offsets slice the file");
            let mut with_file = serde_json::Map::new();
            with_file.insert("file".to_owned(), Value::from(file));
            with_file.append(c.as_object_mut().unwrap());
            expected.push(Value::Object(with_file));
        }
    }
    assert!(expected.len() >= 5, "the fixtures have citations");
    assert_eq!(records, expected);
    // `file` comes first.
    assert!(
        stdout(&out)
            .lines()
            .all(|l| l.starts_with("{\"file\":\"tests/tree/"))
    );
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| l == "vanban: tests/tree/a/bad.txt: invalid UTF-8 at byte offset 47"),
        "{err}"
    );
    for note in [
        "vanban: tests/tree/.hidden: skipped (hidden directory)",
        "vanban: tests/tree/a/.draft.txt: skipped (hidden file)",
        "vanban: tests/tree/a/image.png: skipped (binary file)",
    ] {
        assert!(
            err.lines().any(|l| l == note),
            "missing note {note:?} in {err}"
        );
    }
    assert!(
        !stdout(&out).contains("99-NQ")
            && !stdout(&out).contains("98-CT")
            && !stdout(&out).contains("09-NQ")
    );
    let summary = err.lines().last().unwrap();
    assert!(
        summary.starts_with("vanban: 3 files, 5 citations, 3 skipped, 1 error, "),
        "{summary}"
    );
}

#[test]
fn quiet_keeps_errors_and_drops_notes_and_summary() {
    let out = vanban(&["cite", "--quiet", TREE]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "vanban: tests/tree/a/bad.txt: invalid UTF-8 at byte offset 47\n"
    );
}

#[test]
fn without_failures_the_exit_code_is_zero() {
    let out = vanban(&["cite", GOOD[0], GOOD[1]]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let files: Vec<_> = jsonl(&out)
        .iter()
        .map(|c| c["file"].as_str().unwrap().to_owned())
        .collect();
    assert!(files.contains(&GOOD[0].to_owned()) && files.contains(&GOOD[1].to_owned()));
    // Given order, not name order.
    let out = vanban(&["cite", GOOD[1], GOOD[0]]);
    let first = &jsonl(&out)[0];
    assert_eq!(first["file"], GOOD[1]);
    // A missing file is an error, the others are still read.
    let out = vanban(&["cite", "tests/tree/missing.txt", GOOD[0]]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("vanban: tests/tree/missing.txt: No such file or directory"));
    assert!(!jsonl(&out).is_empty());
}

#[test]
fn parallel_output_is_the_sequential_output() {
    for format in ["jsonl", "json", "csv", "table"] {
        let one = vanban(&[
            "cite",
            "--jobs",
            "1",
            "--format",
            format,
            TREE,
            "../../tests/fixtures",
        ]);
        for jobs in ["2", "3", "8"] {
            let many = vanban(&[
                "cite",
                "--jobs",
                jobs,
                "--format",
                format,
                TREE,
                "../../tests/fixtures",
            ]);
            assert_eq!(
                stdout(&one),
                stdout(&many),
                "--jobs {jobs} --format {format}"
            );
            assert_eq!(many.status.code(), Some(2));
        }
    }
    for format in ["json", "jsonl", "yaml", "outline", "table", "csv"] {
        let run = |jobs| {
            let args = [
                "report",
                "--jobs",
                jobs,
                "--format",
                format,
                TREE,
                "../../tests/fixtures",
            ];
            vanban(&args)
        };
        let (one, two) = (run("1"), run("2"));
        assert_eq!(stdout(&one), stdout(&two), "report --format {format}");
        assert!(stdout(&one).lines().count() > 20);
        // The summaries count the same (all but the time).
        let summary = |o: &Output| {
            let last = stderr(o).lines().last().unwrap().to_owned();
            last[..last.rfind(", ").unwrap()].to_owned()
        };
        assert_eq!(summary(&one), summary(&two));
        let files = 3 + std::fs::read_dir("../../tests/fixtures")
            .unwrap()
            .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
            .count();
        let expected = format!("vanban: {files} files, {files} reports, ");
        assert!(summary(&one).starts_with(&expected), "{}", summary(&one));
        assert!(summary(&one).ends_with(", 3 skipped, 1 error"));
    }
}

#[test]
fn standard_input_alone_and_among_files() {
    let text = read(GOOD[1]);
    let file = vanban(&["cite", GOOD[1]]);
    for args in [&["cite"][..], &["cite", "-"][..]] {
        let piped = vanban_with(args, Some(text.as_bytes()));
        assert_eq!(piped.status.code(), Some(0));
        assert_eq!(stdout(&piped), stdout(&file));
    }
    let mixed = vanban_with(&["cite", GOOD[0], "-"], Some(text.as_bytes()));
    let from_stdin: Vec<_> = jsonl(&mixed)
        .into_iter()
        .filter(|c| c["file"] == "-")
        .collect();
    assert_eq!(from_stdin.len(), jsonl(&file).len());
    let bad = vanban_with(&["cite", "-"], Some(b"Ngh\xff"));
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        stderr(&bad),
        "vanban: <stdin>: invalid UTF-8 at byte offset 3, and too little text to tell a legacy encoding (likely tcvn3 or viscii); name it with --encoding tcvn3\n"
    );
}

#[test]
fn json_is_one_valid_array() {
    let out = vanban(&["cite", "--format", "json", TREE]);
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(all, jsonl(&vanban(&["cite", TREE])));
    let none = vanban_with(
        &["cite", "--format", "json", "-"],
        Some(b"no citation here"),
    );
    assert_eq!(stdout(&none), "[]\n");
    // A report of one input is the object itself; of several, an array of objects with `file`.
    let one: Value = serde_json::from_slice(&vanban(&["report", GOOD[1]]).stdout).unwrap();
    assert_eq!(one["kind"], "article");
    assert!(one.get("file").is_none());
    let many: Vec<Value> = serde_json::from_slice(&vanban(&["report", TREE]).stdout).unwrap();
    let files: Vec<_> = many.iter().map(|r| r["file"].as_str().unwrap()).collect();
    assert_eq!(files, GOOD);
    assert_eq!(many[1]["citations"], one["citations"]);
}

#[test]
fn csv_has_every_field_of_the_json() {
    let out = vanban(&["cite", "--format", "csv", TREE]);
    let mut rows = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_owned).collect();
    let records = jsonl(&vanban(&["cite", TREE]));
    let keys: Vec<String> = records[0].as_object().unwrap().keys().cloned().collect();
    assert_eq!(header, keys, "same columns, same order");
    let mut n = 0;
    for (row, json) in rows.records().zip(&records) {
        let row = row.unwrap();
        for (k, cell) in header.iter().zip(row.iter()) {
            let expected = match &json[k] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(cell, expected, "column {k}");
        }
        n += 1;
    }
    assert_eq!(n, records.len());
    // No citations: still a header.
    let none = vanban_with(&["cite", "--format", "csv", "-"], Some(b"none"));
    assert!(stdout(&none).starts_with("text,start,end,"));
    // Reports: one summary row per input.
    let reports = vanban(&["report", "--format", "csv", TREE]);
    let mut rows = csv::Reader::from_reader(reports.stdout.as_slice());
    assert_eq!(
        rows.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "file",
            "kind",
            "date",
            "number",
            "title",
            "people",
            "citations"
        ]
    );
    assert_eq!(rows.records().count(), 3);
}

#[test]
fn glob_filters_directories_not_named_files() {
    let out = vanban(&["cite", "--glob", "*.md", TREE]);
    assert_eq!(out.status.code(), Some(0), "bad.txt is not read");
    let files: Vec<_> = jsonl(&out)
        .iter()
        .map(|c| c["file"].as_str().unwrap().to_owned())
        .collect();
    assert!(!files.is_empty() && files.iter().all(|f| f == "tests/tree/c.md"));
    let out = vanban(&["cite", "--glob", "a/b/*", "--glob", "*.md", TREE]);
    let files: std::collections::BTreeSet<_> = jsonl(&out)
        .iter()
        .map(|c| c["file"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        ["tests/tree/a/b/two.txt", "tests/tree/c.md"]
    );
    let named = vanban(&["cite", "--glob", "*.md", GOOD[0]]);
    assert!(!jsonl(&named).is_empty());
    let bad = vanban(&["cite", "--glob", "a[", TREE]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).starts_with("vanban: --glob a[: "),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn a_directory_loop_is_reported_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::write(root.join("sub/x.txt"), read(GOOD[1])).unwrap();
    std::os::unix::fs::symlink(&root, root.join("sub/back")).unwrap();
    let root_arg = root.to_str().unwrap();
    let out = vanban(&["cite", root_arg]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "vanban: {root_arg}/sub/back: directory loop (back to {root_arg})"
        )),
        "{err}"
    );
    let records = jsonl(&out);
    assert!(!records.is_empty());
    assert!(
        records
            .iter()
            .all(|c| c["file"] == format!("{root_arg}/sub/x.txt").as_str())
    );
}

#[test]
fn yaml_reads_back_as_the_json() {
    for path in [
        GOOD[1],
        "../../tests/fixtures/documents/quydinh_chuong_dieu.txt",
    ] {
        let json: Value = serde_json::from_slice(&vanban(&["report", path]).stdout).unwrap();
        let yaml = vanban(&["report", "--format", "yaml", path]);
        let back: Value = serde_saphyr::from_str(stdout(&yaml)).expect("valid YAML");
        assert_eq!(back, json, "{path}");
    }
    // Several inputs: one YAML document each, with `file`.
    let yaml = vanban(&["report", "--format", "yaml", TREE]);
    let docs: Vec<Value> = serde_saphyr::from_multiple(stdout(&yaml)).expect("valid YAML stream");
    let json: Vec<Value> = serde_json::from_slice(&vanban(&["report", TREE]).stdout).unwrap();
    assert_eq!(docs, json);
}

#[test]
fn table_and_outline_name_the_files() {
    let table = vanban(&["cite", "--format", "table", TREE]);
    let lines: Vec<&str> = stdout(&table).lines().collect();
    assert!(lines[0].starts_with("file ") && lines[0].contains("symbol"));
    assert_eq!(lines.len(), 1 + 5);
    assert!(lines[1].starts_with("tests/tree/a/b/two.txt "));
    let outline = vanban(&["report", "--format", "outline", TREE]);
    let files: Vec<&str> = stdout(&outline)
        .lines()
        .filter(|l| l.starts_with("file "))
        .collect();
    assert_eq!(files.len(), 3);
    assert!(files[0].ends_with("tests/tree/a/b/two.txt"));
}

#[test]
fn the_seed_copy_is_the_fixture() {
    assert_eq!(
        read("seed/seed_xaydungdang_2016.txt"),
        read("../../tests/fixtures/articles/seed_xaydungdang_2016.txt"),
        "crates/vanban-cli/seed/ is a copy of the fixture (so the crate packages alone): keep them equal"
    );
    let demo = vanban(&["demo"]);
    assert_eq!(demo.status.code(), Some(0));
    assert!(stdout(&demo).contains("17 citations"));
}

/// Run `sh -c SCRIPT` with `$0` = the binary.
fn sh(script: &str) -> Output {
    Command::new("sh")
        .args(["-c", script, BIN])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn a_failed_write_is_one_line_and_a_nonzero_exit() {
    for script in [
        r#""$0" --version > /dev/full"#,
        r#""$0" --help > /dev/full"#,
        r#""$0" cite tests/tree/a/one.txt > /dev/full"#,
        r#""$0" cite tests/tree > /dev/full"#,
        r#""$0" report --format yaml tests/tree/a/one.txt > /dev/full"#,
        r#""$0" demo > /dev/full"#,
    ] {
        let out = sh(script);
        assert_eq!(out.status.code(), Some(1), "{script}");
        let err = stderr(&out);
        assert!(
            err.lines()
                .any(|l| l == "vanban: <stdout>: No space left on device (os error 28)"),
            "{script}: {err}"
        );
    }
    for script in [
        r#""$0" --version >&-"#,
        r#""$0" --help >&-"#,
        r#""$0" cite tests/tree/a/one.txt >&-"#,
        r#""$0" report tests/tree/a/one.txt >&-"#,
    ] {
        let out = sh(script);
        assert_eq!(out.status.code(), Some(1), "{script}");
        assert_eq!(
            stderr(&out),
            "vanban: <stdout>: standard output is closed\n",
            "{script}"
        );
    }
    // /dev/null is a fine place for output.
    let out = sh(r#""$0" cite tests/tree/a/one.txt > /dev/null"#);
    assert_eq!(out.status.code(), Some(0));
    let out = Command::new(BIN)
        .args(["cite", "tests/tree/a/one.txt"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_closed_pipe_is_silent_and_exit_zero() {
    // Far more output than a pipe holds.
    let dir = tempfile::tempdir().unwrap();
    let big: PathBuf = dir.path().join("big.txt");
    std::fs::write(&big, read(GOOD[1]).repeat(5_000)).unwrap();
    for args in [
        vec!["cite", big.to_str().unwrap()],
        vec!["cite", "--format", "table", big.to_str().unwrap()],
        vec!["report", "--format", "yaml", big.to_str().unwrap()],
        vec!["cite", big.to_str().unwrap(), TREE, "--quiet"],
    ] {
        let mut child = Command::new(BIN)
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 100];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert!(
            !err.contains("Broken pipe") && !err.contains("<stdout>"),
            "{args:?}: {err}"
        );
        // The reader has what it wanted: the run stops there, exit 0 (the bad file after the
        // big one is never reached).
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn usage_errors_exit_two() {
    let out = vanban(&["cite", "--format", "xml", GOOD[0]]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid value 'xml'"));
    let out = vanban(&["cite", "--jobs", "0", GOOD[0]]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(vanban(&["--version"]).status.code(), Some(0));
}

/// Run `script` (util-linux) so that stderr is a terminal; returns what the terminal showed.
fn on_a_terminal(shell: &str) -> String {
    let out = Command::new("script")
        .args(["-qefc", shell, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("VANBAN", BIN)
        .stdin(Stdio::null())
        .output()
        .expect("script(1) from util-linux gives the run a terminal");
    String::from_utf8_lossy(&out.stdout).replace('\r', "\n")
}

#[test]
fn a_long_run_on_a_terminal_shows_a_progress_bar_on_stderr_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    // Standard input arrives after 1.5 s: the run is long, and two files are still to come.
    let shell = format!(
        "(sleep 1.5; cat {GOOD0}) | \"$VANBAN\" cite --jobs 1 {GOOD1} - {GOOD2} > {out}",
        GOOD0 = GOOD[0],
        GOOD1 = GOOD[1],
        GOOD2 = GOOD[2],
        out = out.display()
    );
    let terminal = on_a_terminal(&shell);
    assert!(terminal.contains("2/3 files"), "{terminal}");
    assert!(terminal.contains("ETA"), "{terminal}");
    assert!(
        terminal.contains("vanban: 3 files, "),
        "the summary: {terminal}"
    );
    let records = std::fs::read_to_string(&out).unwrap();
    assert!(
        !records.contains("files") && records.lines().count() >= 5,
        "stdout holds records only"
    );
    // --quiet: nothing at all.
    let quiet = on_a_terminal(&shell.replace(" cite ", " cite --quiet "));
    assert_eq!(quiet.trim(), "", "{quiet}");
    // A short run: the summary, no bar.
    let short = on_a_terminal(&format!(
        "\"$VANBAN\" cite {} {} > /dev/null",
        GOOD[1], GOOD[2]
    ));
    assert!(!short.contains("ETA"), "{short}");
    assert!(short.contains("vanban: 2 files, "), "{short}");
}
