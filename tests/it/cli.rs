//! End-to-end tests of the `backlint` binary: every output format on the
//! projects under `testdata/projects/` (compared with the snapshots under
//! `testdata/snapshots/`; `BACKLINT_BLESS=1` rewrites them), determinism
//! across thread counts, exit codes, the shipped problem matcher, and bad
//! input of every kind.

use crate::support::{repo, temp_project};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn backlint(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backlint"))
        .current_dir(cwd)
        .args(args)
        .env_remove("NO_COLOR")
        .env("BACKLINT_NO_CACHE", "1")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

const FORMATS: [&str; 8] = ["text", "concise", "github", "gitlab", "json", "junit", "rdjson", "sarif"];

/// The SARIF log names the absolute scan root once; snapshots must not.
fn normalize(format: &str, text: &str, root: &Path) -> String {
    if format != "sarif" {
        return text.to_string();
    }
    let root = root.canonicalize().unwrap();
    text.replace(&format!("file://{}/", root.display()), "file:///SRCROOT/")
}

/// The lines that differ between a snapshot and the output, with three
/// lines of context, as a unified diff.
fn line_diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header("expected (snapshot)", "actual (output)")
        .to_string()
}

#[test]
fn every_format_matches_its_snapshot_on_every_project() {
    let mut problems = Vec::new();
    let projects = std::fs::read_dir(repo().join("testdata/projects")).unwrap();
    for project in projects {
        let project = project.unwrap().path();
        let name = project.file_name().unwrap().to_string_lossy().into_owned();
        for format in FORMATS {
            let output = backlint(&project, &["check", "--format", format, "-j", "4"]);
            assert!(output.status.code().is_some_and(|c| c < 2), "{name} {format}: {output:?}");
            let actual = normalize(format, &stdout(&output), &project);
            let snapshot = repo().join("testdata/snapshots").join(format!("{name}.{format}"));
            if std::env::var_os("BACKLINT_BLESS").is_some() {
                std::fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
                std::fs::write(&snapshot, &actual).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
            if actual != expected {
                problems.push(format!("{} differs:\n{}", snapshot.display(), line_diff(&expected, &actual)));
            }
        }
    }
    assert!(problems.is_empty(), "run with BACKLINT_BLESS=1 to accept:\n{}", problems.join("\n"));
}

#[test]
fn output_is_byte_identical_across_thread_counts_and_runs() {
    let project = repo().join("testdata/projects/mixed");
    for format in FORMATS {
        let one = stdout(&backlint(&project, &["check", "--format", format, "-j", "1"]));
        for jobs in ["2", "8", "8"] {
            let many = stdout(&backlint(&project, &["check", "--format", format, "-j", jobs]));
            assert_eq!(one, many, "{format} differs between -j 1 and -j {jobs}");
        }
    }
}

#[test]
fn exit_codes_follow_findings_and_fail_on() {
    let project = repo().join("testdata/projects/mixed");
    assert_eq!(backlint(&project, &["check", "-q"]).status.code(), Some(1));
    assert_eq!(backlint(&project, &["check", "-q", "--exit-zero"]).status.code(), Some(0));
    assert_eq!(backlint(&project, &["check", "-q", "web/agent.ts", "--fail-on", "error"]).status.code(), Some(1));
    assert_eq!(
        backlint(&project, &["check", "-q", "--ignore", "tls-verification-disabled", "--fail-on", "error"])
            .status
            .code(),
        Some(0),
        "only warnings are left, below --fail-on error"
    );
    let missing = backlint(&project, &["check", "does/not/exist.py"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("does/not/exist.py"));
    let usage = backlint(&project, &["check", "--format", "xml"]);
    assert_eq!(usage.status.code(), Some(2));
    let unknown = backlint(&project, &["check", "--select", "no-such-rule"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no-such-rule"));
}

#[test]
fn shipped_problem_matcher_parses_concise_output() {
    let matcher: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join(".github/backlint-matcher.json")).unwrap()).unwrap();
    let pattern = &matcher["problemMatcher"][0]["pattern"][0];
    let regexp = pattern["regexp"].as_str().unwrap();
    assert_eq!(regexp, backlint::report::MATCHER_REGEX);
    let regex = regex::Regex::new(regexp).unwrap();
    let group = |name: &str| pattern[name].as_u64().unwrap() as usize;

    let project = repo().join("testdata/projects/mixed");
    let concise = stdout(&backlint(&project, &["check", "--format", "concise"]));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&backlint(&project, &["check", "--format", "json"]))).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let lines: Vec<&str> = concise.lines().collect();
    // Findings first, then one line per notification about a file that was
    // not analysed (here a binary file), in the same form.
    let (finding_lines, note_lines) = lines.split_at(findings.len());
    assert_eq!(note_lines, ["app/blob.py:1:1: notice: binary content (NUL byte in the first 8 KiB); skipped [binary]"]);
    assert!(regex.is_match(note_lines[0]));
    assert!(!finding_lines.is_empty());
    for (line, finding) in finding_lines.iter().zip(findings) {
        let caps = regex.captures(line).unwrap_or_else(|| panic!("matcher does not match {line:?}"));
        assert_eq!(&caps[group("file")], finding["path"].as_str().unwrap());
        assert!(project.join(&caps[group("file")]).is_file());
        assert_eq!(caps[group("line")].parse::<u64>().unwrap(), finding["start"]["line"].as_u64().unwrap());
        assert_eq!(caps[group("column")].parse::<u64>().unwrap(), finding["start"]["column"].as_u64().unwrap());
        let severity = match finding["level"].as_str().unwrap() {
            "note" => "notice",
            other => other,
        };
        assert_eq!(&caps[group("severity")], severity);
        assert_eq!(&caps[group("message")], finding["message"].as_str().unwrap());
        assert_eq!(&caps[group("code")], finding["rule"].as_str().unwrap());
    }
}

/// The (path, kind) of each notification of a JSON report.
fn notification_kinds(json: &serde_json::Value) -> Vec<(&str, &str)> {
    json["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["path"].as_str().unwrap(), n["kind"].as_str().unwrap()))
        .collect()
}

#[test]
fn config_errors_name_file_line_and_key_and_exit_2() {
    let dir = temp_project("cli", "config");
    std::fs::write(
        dir.join("backlint.toml"),
        "select = [\"tls-verification-disabled\"]\n\n[rules.tls-verification-disabled]\nlevl = \"note\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.py"), "x = 1\n").unwrap();
    let output = backlint(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("backlint.toml:4:1"), "{stderr}");
    assert!(stderr.contains("levl"), "{stderr}");

    std::fs::write(dir.join("backlint.toml"), "select = [\n").unwrap();
    let output = backlint(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("backlint.toml:"), "{output:?}");
}

#[test]
fn size_limit_binary_and_unsupported_files_are_counted_not_dropped() {
    let dir = temp_project("cli", "skips");
    std::fs::write(dir.join("big.py"), format!("import requests\n{}", "x = 1\n".repeat(1000))).unwrap();
    std::fs::write(dir.join("bin.py"), b"import os\x00\x01\x02").unwrap();
    std::fs::write(dir.join("notes.txt"), "hello").unwrap();
    std::fs::write(dir.join("empty.py"), "").unwrap();
    let output = backlint(&dir, &["check", "--format", "json", "--max-file-size", "100", "notes.txt", "."]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let kinds: Vec<(&str, &str)> = notification_kinds(&json);
    assert_eq!(kinds, vec![("big.py", "too-large"), ("bin.py", "binary"), ("notes.txt", "unsupported")]);
    assert_eq!(json["summary"]["files_skipped"], 3);
    assert_eq!(json["summary"]["files_scanned"], 1);
}

#[test]
fn vendored_folders_are_left_out_and_minified_javascript_is_skipped_with_a_note() {
    let dir = temp_project("cli", "vendored");
    let swallowed = "function f() {\n  try {\n    g();\n  } catch (e) {}\n}\n";
    for folder in ["vendor", "lib/third_party", "src"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        std::fs::write(dir.join(folder).join("lib.js"), swallowed).unwrap();
    }
    // One 2,000-byte line: a minifier's output, outside any vendor folder.
    let minified = format!("function f(){{try{{g()}}catch(e){{}}}}var a=[{}];\n", "1,".repeat(1000));
    std::fs::write(dir.join("src/bundle.js"), minified).unwrap();
    let args = ["check", "--format", "json", "--select", "swallowed-exception"];
    let output = backlint(&dir, &args);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let paths: Vec<&str> = json["findings"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, vec!["src/lib.js"], "{json}");
    let notes: Vec<(&str, &str)> = notification_kinds(&json);
    assert_eq!(notes, vec![("src/bundle.js", "minified")]);
    assert_eq!(json["summary"]["files_skipped"], 1);

    // Named on the command line, a vendored folder is scanned.
    let output = backlint(&dir, &[&args[..], &["vendor"]].concat());
    assert_eq!(output.status.code(), Some(1), "{output:?}");

    // `default-excludes = false` walks into them all.
    std::fs::write(dir.join("backlint.toml"), "default-excludes = false\n").unwrap();
    let output = backlint(&dir, &args);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let mut paths: Vec<&str> =
        json["findings"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    paths.sort();
    assert_eq!(paths, vec!["lib/third_party/lib.js", "src/lib.js", "vendor/lib.js"], "{json}");
}

#[test]
fn symlink_loops_are_reported_and_the_scan_goes_on() {
    let dir = temp_project("cli", "loop");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(dir.join("a/x.py"), "import requests\nrequests.get('https://e.com', verify=False)\n").unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("a/loop")).unwrap();
    let output =
        backlint(&dir, &["check", "--format", "json", "--follow-symlinks", "--select", "tls-verification-disabled"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 1);
    assert!(json["notifications"].as_array().unwrap().iter().any(|n| n["kind"] == "walk-error"), "{json}");
    // Without --follow-symlinks the link is not entered at all.
    let output = backlint(&dir, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(json["notifications"].as_array().unwrap().is_empty(), "{json}");
}

#[test]
fn deeply_nested_code_does_not_crash() {
    let dir = temp_project("cli", "nested");
    let depth = 20_000;
    std::fs::write(dir.join("deep.py"), format!("x = {}1{}\n", "(".repeat(depth), ")".repeat(depth))).unwrap();
    std::fs::write(dir.join("deep.ts"), format!("const x = {}1{};\n", "[".repeat(depth), "]".repeat(depth))).unwrap();
    std::fs::write(dir.join("deep.rs"), format!("fn f() {{ let x = {}1{}; }}\n", "(".repeat(depth), ")".repeat(depth)))
        .unwrap();
    // Deep, but analysed: every rule runs on 800 levels of nesting.
    let medium = 800;
    std::fs::write(dir.join("medium.py"), format!("x = {}1{}\n", "(\n".repeat(medium), ")".repeat(medium))).unwrap();
    let output = backlint(&dir, &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["summary"]["files_scanned"], 1);
    let too_deep: Vec<&str> = json["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "too-deep")
        .map(|n| n["path"].as_str().unwrap())
        .collect();
    assert_eq!(too_deep, vec!["deep.py", "deep.rs", "deep.ts"]);
}

#[test]
fn closed_pipe_exits_quietly() {
    let project = repo().join("testdata/projects/mixed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .current_dir(&project)
        .args(["check", "--format", "sarif"])
        .env("BACKLINT_NO_CACHE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn explain_rules_and_init() {
    let dir = temp_project("cli", "init");
    let rules = backlint(&dir, &["rules"]);
    assert!(stdout(&rules).contains("tls-verification-disabled"));
    let explain = backlint(&dir, &["explain", "tls-verification-disabled"]);
    assert!(stdout(&explain).contains("## Why is this bad?"));
    assert_eq!(backlint(&dir, &["explain", "nope"]).status.code(), Some(2));
    assert_eq!(backlint(&dir, &["init"]).status.code(), Some(0));
    assert!(dir.join("backlint.toml").is_file());
    assert_eq!(backlint(&dir, &["init"]).status.code(), Some(2));
    std::fs::write(dir.join("a.py"), "x = 1\n").unwrap();
    assert_eq!(backlint(&dir, &["check"]).status.code(), Some(0));
}

#[test]
fn no_color_and_pipes_get_plain_text() {
    let project = repo().join("testdata/projects/mixed");
    let forced = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .current_dir(&project)
        .args(["check", "--color", "always"])
        .env("NO_COLOR", "1")
        .env("BACKLINT_NO_CACHE", "1")
        .output()
        .unwrap();
    assert!(!forced.stdout.contains(&0x1b));
    let colored = backlint(&project, &["check", "--color", "always"]);
    assert!(colored.stdout.contains(&0x1b));
}

#[test]
fn a_non_ascii_string_does_not_turn_hardcoded_secret_off_for_the_file() {
    let dir = temp_project("cli", "non-ascii");
    let key = ["sk_live_", "4eC39HqLyjWDarjtT1zdp7dc"].concat();
    std::fs::write(dir.join("s.py"), format!("greeting = \"é\"\nAPI_KEY = \"{key}\"\n")).unwrap();
    std::fs::write(dir.join("s.ts"), format!("const a = 'naïve ✓';\nconst STRIPE_KEY = '{key}';\n")).unwrap();
    // Broken code the parser recovers from with a template literal that
    // ends in a two-byte character: its text has no closing quote to strip.
    let open = "function (( { [ `${\nexport const API = \"https://api.internal.example.net\";\n`¡\\¡%/";
    std::fs::write(dir.join("open.ts"), format!("const STRIPE_KEY = '{key}';\n{open}")).unwrap();
    let output = backlint(&dir, &["check", "--format", "concise", "--select", "hardcoded-secret,hardcoded-url"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let concise = stdout(&output);
    assert_eq!(concise.lines().filter(|l| l.ends_with("[hardcoded-secret]")).count(), 3, "{concise}");
    assert!(!concise.contains("internal-error") && output.stderr.is_empty(), "{output:?}");
}

#[test]
fn file_names_and_source_text_cannot_inject_lines_or_terminal_escapes() {
    let dir = temp_project("cli", "inject");
    let evil = "x.py\n::error file=owned.py,line=1::injected\n\u{1b}]0;title\u{7}.py";
    let code = "import requests\nrequests.get('https://api.internal\u{1b}[2J\u{7}.example.net/x', verify=False)\n";
    std::fs::write(dir.join(evil), code).unwrap();
    for format in ["text", "concise", "github", "junit"] {
        let output = backlint(&dir, &["check", "--format", format, "--color", "never"]);
        assert_eq!(output.status.code(), Some(1), "{format}: {output:?}");
        let out = stdout(&output);
        assert!(!out.lines().any(|l| l.starts_with("::error file=owned.py")), "{format}: {out}");
        assert!(!out.contains(['\u{1b}', '\u{7}']), "{format}: {out}");
        assert!(out.contains("x.py\\n"), "{format}: {out}");
    }
}

#[test]
fn lone_cr_line_endings_give_the_right_lines() {
    let dir = temp_project("cli", "lone-cr");
    std::fs::write(dir.join("a.py"), "import requests\rx = 1\rrequests.get(u, verify=False, timeout=5)\r").unwrap();
    let output = backlint(&dir, &["check", "--format", "concise", "--select", "tls-verification-disabled"]);
    assert_eq!(stdout(&output).lines().next().unwrap_or_default().split(':').nth(1), Some("3"), "{output:?}");
}

#[test]
fn an_output_onto_a_scanned_file_or_two_outputs_onto_one_file_are_refused() {
    let dir = temp_project("cli", "outputs");
    let code = "import requests\nrequests.get(u, verify=False)\n";
    std::fs::write(dir.join("app.py"), code).unwrap();
    let onto_source = backlint(&dir, &["check", "-o", "app.py"]);
    assert_eq!(onto_source.status.code(), Some(2), "{onto_source:?}");
    assert!(String::from_utf8_lossy(&onto_source.stderr).contains("`app.py` is a file this scan reads"));
    assert_eq!(std::fs::read_to_string(dir.join("app.py")).unwrap(), code, "the source is kept");

    let same = backlint(&dir, &["check", "-o", "out.sarif", "--sarif-output", "./out.sarif"]);
    assert_eq!(same.status.code(), Some(2), "{same:?}");
    assert!(String::from_utf8_lossy(&same.stderr).contains("both name `out.sarif`"));
    assert!(!dir.join("out.sarif").exists());

    let written = backlint(&dir, &["check", "-o", "report.txt", "--sarif-output", "report.sarif"]);
    assert_eq!(written.status.code(), Some(1), "{written:?}");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 3, "no temporary file is left behind: {leftovers:?}");
}

#[test]
fn write_errors_name_the_file() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let dir = temp_project("cli", "dev-full");
    std::fs::write(dir.join("a.py"), "x = 1\n").unwrap();
    let output = backlint(&dir, &["check", "-o", "/dev/full"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write `/dev/full`"), "{output:?}");
}

#[test]
fn a_dangling_symlink_named_on_the_command_line_exits_2_and_a_fifo_is_skipped_with_a_note() {
    let dir = temp_project("cli", "special");
    std::os::unix::fs::symlink(dir.join("nowhere.py"), dir.join("dangling.py")).unwrap();
    let output = backlint(&dir, &["check", "dangling.py"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("`dangling.py`: a symbolic link to a path that does not exist")
    );

    std::fs::remove_file(dir.join("dangling.py")).unwrap();
    let fifo = std::process::Command::new("mkfifo").arg(dir.join("pipe.py")).status();
    if !fifo.is_ok_and(|s| s.success()) {
        return;
    }
    std::fs::write(dir.join("a.py"), "import requests\nrequests.get(u, verify=False, timeout=1)\n").unwrap();
    let output = backlint(&dir, &["check", "--format", "concise"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let concise = stdout(&output);
    assert!(
        concise.contains("pipe.py:1:1: warning: not a regular file (a FIFO, socket or device); skipped [unreadable]"),
        "{concise}"
    );
    assert!(concise.contains("a.py:2:"), "{concise}");
}

#[test]
fn a_folder_of_bad_inputs_keeps_every_other_files_findings_and_names_each_bad_one() {
    let dir = temp_project("cli", "bad-inputs");
    let flagged = "import requests\nrequests.get(u, verify=False, timeout=5)\n";
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    write("good.py", flagged.as_bytes());
    write("binary.py", &b"import os\x00\x01\x02".repeat(100));
    write("latin1.py", &[b"# caf\xe9\n", flagged.as_bytes()].concat());
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(flagged.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    write("utf16.py", &utf16);
    write("long_line.py", format!("a = \"{}\"\n", "x".repeat(10 << 20)).as_bytes());
    write("deep.py", format!("x = {}1{}\n", "(".repeat(5000), ")".repeat(5000)).as_bytes());
    write("deep.ts", format!("const x = {}1{};\n", "[".repeat(5000), "]".repeat(5000)).as_bytes());
    write("many_lines.py", "x = 1\n".repeat(400_000).as_bytes());
    write("new\nline.py", flagged.as_bytes());
    write("esc\u{1b}[31m\u{7}.py", flagged.as_bytes());
    std::fs::create_dir_all(dir.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("loop/up")).unwrap();
    let fifo = std::process::Command::new("mkfifo").arg(dir.join("fifo.py")).status().is_ok_and(|s| s.success());

    let output = backlint(&dir, &["check", "--format", "concise", "--follow-symlinks", "--show-notes"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let concise = stdout(&output);
    let tagged = |tag: &str| -> Vec<&str> {
        let mut paths: Vec<&str> =
            concise.lines().filter(|l| l.ends_with(tag)).map(|l| l.split(':').next().unwrap()).collect();
        paths.sort();
        paths
    };
    assert_eq!(
        tagged("[tls-verification-disabled]"),
        ["esc\\u{1b}[31m\\u{7}.py", "good.py", "latin1.py", "new\\nline.py", "utf16.py"],
        "{concise}"
    );
    assert_eq!(tagged("[binary]"), ["binary.py"]);
    assert_eq!(tagged("[too-large]"), ["long_line.py", "many_lines.py"]);
    assert_eq!(tagged("[too-deep]"), ["deep.py", "deep.ts"]);
    assert_eq!(tagged("[not-utf8]"), ["latin1.py", "utf16.py"]);
    assert_eq!(tagged("[walk-error]"), ["loop/up"]);
    if fifo {
        assert_eq!(tagged("[unreadable]"), ["fifo.py"]);
    }
}

#[test]
fn a_front_end_package_is_browser_code_unless_the_config_says_server() {
    let root = temp_project("cli", "front-end-package");
    let call = "export async function load(url: string) {\n  return fetch(url);\n}\n";
    for (package, manifest) in
        [("web", r#"{"dependencies": {"react": "18.3.1"}}"#), ("api", r#"{"dependencies": {"express": "4.21.2"}}"#)]
    {
        std::fs::create_dir_all(root.join(package).join("src")).unwrap();
        std::fs::write(root.join(package).join("package.json"), manifest).unwrap();
        std::fs::write(root.join(package).join("src/load.ts"), call).unwrap();
    }
    let args = ["check", "--select", "http-call-without-timeout", "--format", "json", "."];
    let report: serde_json::Value = serde_json::from_str(&stdout(&backlint(&root, &args))).unwrap();
    let paths: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, vec!["api/src/load.ts"]);
    assert_eq!(report["summary"]["files_browser_code"], 1);

    std::fs::write(root.join("backlint.toml"), "[layers]\nserver = [\"web/src/load.ts\"]\n").unwrap();
    let report: serde_json::Value = serde_json::from_str(&stdout(&backlint(&root, &args))).unwrap();
    let paths: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, vec!["api/src/load.ts", "web/src/load.ts"]);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_baseline_reports_only_new_findings_and_survives_moved_code() {
    let dir = temp_project("cli", "baseline");
    let old = "import requests\n\ndef fetch(url):\n    return requests.get(url, verify=False, timeout=5)\n";
    std::fs::write(dir.join("app.py"), old).unwrap();
    let written = backlint(&dir, &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(written.status.code(), Some(0), "{written:?}");
    assert!(String::from_utf8_lossy(&written.stderr).contains("wrote 1 finding to the baseline"), "{written:?}");
    let baseline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("baseline.json")).unwrap()).unwrap();
    assert_eq!(baseline["findings"][0]["rule"], "tls-verification-disabled");
    assert_eq!(baseline["findings"][0]["path"], "app.py");

    // The accepted finding moves down; a new one appears.
    let new = format!("\n\n\n{old}\ndef post(url):\n    return requests.post(url, verify=False, timeout=5)\n");
    std::fs::write(dir.join("app.py"), new).unwrap();
    let output = backlint(&dir, &["check", "--baseline", "baseline.json", "--format", "concise"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let reported = stdout(&output);
    assert_eq!(reported.lines().filter(|l| l.contains("[tls-verification-disabled]")).count(), 1, "{reported}");
    assert!(reported.contains("app.py:10:"), "{reported}");
    let text = stdout(&backlint(&dir, &["check", "--baseline", "baseline.json", "--color", "never"]));
    assert!(text.contains("Found 1 finding (1 error) (1 more in the baseline)"), "{text}");

    // Fixed: the accepted finding is gone and is listed on request.
    std::fs::write(dir.join("app.py"), "x = 1\n").unwrap();
    let output = backlint(&dir, &["check", "--baseline", "baseline.json", "--report-fixed-baseline"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("fixed since the baseline: [tls-verification-disabled] app.py"), "{stderr}");

    // A broken baseline is a usage error that names the file and line.
    std::fs::write(dir.join("baseline.json"), "{\n  \"version\": 1,\n  \"findings\": 3\n}\n").unwrap();
    let output = backlint(&dir, &["check", "--baseline", "baseline.json"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("baseline.json` line 3"), "{output:?}");
}

#[test]
fn diff_reports_only_findings_on_changed_lines_and_new_files() {
    let dir = temp_project("cli", "diff");
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .current_dir(&dir)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
            .args(args)
            .output()
            .unwrap();
        assert!(status.status.success(), "git {args:?}: {status:?}");
    };
    // Outside a repository: a usage error.
    let output = backlint(&dir, &["check", "--diff", "main"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("needs a git repository"), "{output:?}");

    git(&["init", "-q"]);
    let old = "import requests\n\ndef fetch(url):\n    return requests.get(url, verify=False, timeout=5)\n";
    std::fs::write(dir.join("app.py"), old).unwrap();
    git(&["add", "app.py"]);
    git(&["commit", "-q", "-m", "first"]);
    std::fs::write(
        dir.join("app.py"),
        format!("{old}\ndef post(url):\n    return requests.post(url, verify=False, timeout=5)\n"),
    )
    .unwrap();
    std::fs::write(dir.join("new.py"), "import requests\nrequests.put('https://x', verify=False, timeout=5)\n")
        .unwrap();
    let output = backlint(&dir, &["check", "--diff", "HEAD", "--format", "concise"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let reported = stdout(&output);
    let lines: Vec<&str> = reported.lines().filter(|l| l.contains("[tls-verification-disabled]")).collect();
    assert_eq!(lines.len(), 2, "{reported}");
    assert!(lines[0].starts_with("app.py:7:") && lines[1].starts_with("new.py:2:"), "{reported}");
    let text = stdout(&backlint(&dir, &["check", "--diff", "HEAD", "--color", "never"]));
    assert!(text.contains("(1 more outside the diff)"), "{text}");

    let output = backlint(&dir, &["check", "--diff", "no-such-branch"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("--diff no-such-branch"), "{output:?}");
}

/// Every `inputs.NAME` the GitHub Action reads is declared, every `run`
/// step names its shell, and what it runs are options `check` accepts.
#[test]
fn the_github_action_declares_what_it_uses() {
    use yaml_rust2::{Yaml, YamlLoader};
    let text = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    let action = &YamlLoader::load_from_str(&text).expect("action.yml is YAML")[0];
    let declared: Vec<&str> = action["inputs"].as_hash().unwrap().keys().filter_map(Yaml::as_str).collect();
    for input in ["paths", "args", "sarif-category", "upload", "diff-base", "baseline"] {
        assert!(declared.contains(&input), "input `{input}` is declared");
    }
    let used: Vec<String> = text
        .match_indices("inputs.")
        .map(|(at, _)| {
            text[at + "inputs.".len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect()
        })
        .collect();
    assert!(!used.is_empty());
    for name in &used {
        assert!(declared.contains(&name.as_str()), "`inputs.{name}` is used but not declared");
    }
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    for step in action["runs"]["steps"].as_vec().unwrap() {
        if step["run"].as_str().is_some() {
            assert_eq!(step["shell"].as_str(), Some("bash"), "{step:?}");
        }
    }
    // The options the action passes exist.
    let help = stdout(&backlint(&repo(), &["check", "--help"]));
    for option in ["--diff", "--baseline", "--format", "--sarif-output"] {
        assert!(help.contains(option), "check accepts {option}");
    }
    assert!(text.contains("--format github"), "annotations through the github format");
}

/// The pre-commit hook's command runs on the files pre-commit passes.
#[test]
fn the_pre_commit_hook_runs_check_on_named_files() {
    use yaml_rust2::YamlLoader;
    let text = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks = &YamlLoader::load_from_str(&text).expect("YAML")[0];
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("backlint"));
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    assert_eq!(entry[..2], ["backlint", "check"]);
    let dir = temp_project("cli", "pre-commit");
    std::fs::write(dir.join("app.py"), "import requests\nrequests.get(u, verify=False, timeout=5)\n").unwrap();
    let mut args: Vec<&str> = entry[1..].to_vec();
    args.push("app.py");
    let output = backlint(&dir, &args);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(stdout(&output).starts_with("app.py:2:"), "{output:?}");
}

#[test]
fn statistics_count_findings_per_rule_as_a_table_or_json() {
    let project = repo().join("testdata/projects/mixed");
    let table = backlint(&project, &["check", "--statistics"]);
    assert_eq!(table.status.code(), Some(1), "same exit code as the findings would give");
    let json = backlint(&project, &["check", "--statistics", "--format", "json"]);
    let findings = backlint(&project, &["check", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let document: serde_json::Value = serde_json::from_str(&stdout(&findings)).unwrap();
    let by_rule = document["summary"]["by_rule"].as_object().unwrap();
    assert_eq!(rows.as_array().unwrap().len(), by_rule.len());
    for row in rows.as_array().unwrap() {
        let rule = row["rule"].as_str().unwrap();
        assert_eq!(row["count"], by_rule[rule], "{rule}");
        let line = stdout(&table).lines().find(|l| l.split_whitespace().nth(1) == Some(rule)).map(str::to_string);
        assert_eq!(line.unwrap().split_whitespace().next().unwrap(), row["count"].to_string(), "{rule}");
    }
    let refused = backlint(&project, &["check", "--statistics", "--format", "sarif"]);
    assert_eq!(refused.status.code(), Some(2));
}
