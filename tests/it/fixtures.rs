//! The fixture harness: runs each rule on its fixtures under
//! `testdata/rules/<id>/` and compares its findings with the `expect:`
//! comments in them.
//!
//! - `expect: <rule-id>` in a comment that trails code applies to that line;
//!   in a comment on its own line, to the next line of code. Several ids may
//!   be listed, comma-separated; a rule id listed twice expects two findings.
//! - Files named `good*` are look-alikes: each case is introduced by an
//!   `ok: <why>` comment, and any finding in them is Noisy.
//! - Expectations are read from comment nodes only.
//! - An optional `testdata/rules/<id>/backlint.toml` configures the rule.
//!
//! - Project-level rules (`import-cycle`, `layer-violation`) see whole
//!   projects: each folder `testdata/rules/<id>/<family>/<case>/` is scanned
//!   as one project (with its own optional `backlint.toml`), and the findings
//!   are compared with the expectations of every file in it. A project rule
//!   that also has a file check (`query-in-loop`) keeps its single-file
//!   fixtures directly in `<family>/`.
//!
//! Every Missing (expected, not reported) and Noisy (reported, not expected)
//! finding of every fixture is listed before the test fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use backlint::config::{Overrides, Settings};
use backlint::engine::analyse_source;
use backlint::lang::{self, Language};
use backlint::rules::RuleSet;
use backlint::scan::{self, ScanOptions};
use backlint::source::SourceFile;

/// Expected findings of one file: (1-based line, rule id) -> count.
pub fn expectations(language: Language, text: &str) -> BTreeMap<(u32, String), usize> {
    let tree = lang::parse(language, text);
    let comments = lang::comments(language, &tree, text);
    let mut out = BTreeMap::new();
    for comment in &comments {
        let Some(at) = comment.text.find("expect:") else { continue };
        let ids = comment.text[at + "expect:".len()..].trim().trim_end_matches("*/").trim();
        let target = lang::directive_target_line(comment, language, &tree, text) as u32 + 1;
        for id in ids.split(',').map(str::trim).filter(|id| !id.is_empty()) {
            *out.entry((target, id.to_string())).or_insert(0) += 1;
        }
    }
    out
}

fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if Language::from_path(&path).is_some() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// One test per rule, so that `cargo test sql_injection` runs one rule's
/// fixtures (in every language).
macro_rules! fixture_tests {
    ($($name:ident => $id:literal,)*) => {
        $(
            #[test]
            fn $name() {
                check_rule($id);
            }
        )*

        /// Every rule of the registry has its fixture test above.
        #[test]
        fn every_rule_has_a_fixture_test() {
            let listed = [$($id),*];
            for rule in RuleSet::all().rules() {
                assert!(listed.contains(&rule.id), "add `{}` to fixture_tests! in tests/it/fixtures.rs", rule.id);
            }
        }
    };
}

fixture_tests! {
    connection_per_request => "connection-per-request",
    debug_mode_enabled => "debug-mode-enabled",
    fat_handler => "fat-handler",
    handler_data_access => "handler-data-access",
    hardcoded_secret => "hardcoded-secret",
    hardcoded_url => "hardcoded-url",
    http_call_without_timeout => "http-call-without-timeout",
    import_cycle => "import-cycle",
    jwt_verification_disabled => "jwt-verification-disabled",
    layer_violation => "layer-violation",
    panic_in_handler => "panic-in-handler",
    permissive_cors => "permissive-cors",
    print_in_handler => "print-in-handler",
    query_in_loop => "query-in-loop",
    scattered_sql => "scattered-sql",
    shared_mutable_state => "shared-mutable-state",
    sql_injection => "sql-injection",
    swallowed_exception => "swallowed-exception",
    tls_verification_disabled => "tls-verification-disabled",
    weak_password_hash => "weak-password-hash",
}

/// Runs rule `id` on its fixtures under `testdata/rules/<id>/` and fails with
/// every missing and unexpected finding.
fn check_rule(id: &str) {
    let rules = RuleSet::all();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    let mut problems = Vec::new();
    let mut checked = 0;
    let rule = rules.rules().iter().find(|r| r.id == id).expect("a rule of the registry");
    {
        let dir = root.join(rule.id);
        let overrides = Overrides { select: Some(vec![rule.id.to_string()]), ..Overrides::default() };
        let config = dir.join("backlint.toml");
        let settings = if config.exists() {
            let text = std::fs::read_to_string(&config).unwrap();
            Settings::from_toml(&rules, &config, &text, &overrides).unwrap()
        } else {
            Settings::from_toml(&rules, Path::new("<fixtures>"), "", &overrides).unwrap()
        };
        let project_rule = backlint::rules::is_project_rule(rule.id);
        if project_rule {
            checked += check_projects(&rules, rule.id, &dir, &mut problems);
        }
        // A project rule with a file check too keeps single-file fixtures
        // directly in `<family>/`; its case folders are scanned as projects.
        let single_files = fixture_files(&dir)
            .into_iter()
            .filter(|p| !project_rule || p.parent().and_then(Path::parent) == Some(dir.as_path()));
        for path in single_files {
            let language = Language::from_path(&path).unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            let relative = path.strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
            let display = format!("testdata/rules/{}/{relative}", rule.id);
            let mut expected = expectations(language, &text);
            expected.retain(|(_, id), _| id == rule.id);
            // A project rule's file is scanned as a project of one file, so
            // that its project check judges it too, as `backlint check` does.
            let (findings, notifications) = if project_rule {
                let mut settings = settings.clone();
                settings.anchor_at(&dir);
                let report = scan::scan(&dir, std::slice::from_ref(&path), &rules, &settings, ScanOptions::default());
                (report.findings, report.notifications)
            } else {
                let outcome =
                    analyse_source(SourceFile::new(relative.clone(), language, text), &rules, &settings).result;
                (outcome.findings, outcome.notifications)
            };
            for n in &notifications {
                problems.push(format!("{display}: unexpected notification: {} ({})", n.message, n.kind.as_str()));
            }
            let mut actual: BTreeMap<(u32, String), Vec<String>> = BTreeMap::new();
            for f in findings {
                actual.entry((f.location.start.line, f.rule.to_string())).or_default().push(f.message);
            }
            for (key, count) in &expected {
                let found = actual.get(key).map_or(0, Vec::len);
                if found < *count {
                    problems.push(format!(
                        "Missing  {display}:{}: expected {} finding(s) of {}, got {found}",
                        key.0, count, key.1
                    ));
                }
            }
            for (key, messages) in &actual {
                let wanted = expected.get(key).copied().unwrap_or(0);
                for message in messages.iter().skip(wanted) {
                    problems.push(format!("Noisy    {display}:{}: {} reported: {message}", key.0, key.1));
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no fixtures found under {}", root.join(id).display());
    assert!(problems.is_empty(), "{} fixture problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// Scans each `<family>/<case>/` folder under `dir` as a project and
/// compares the rule's findings with the `expect:` comments of its files.
fn check_projects(rules: &RuleSet, id: &str, dir: &Path, problems: &mut Vec<String>) -> usize {
    let mut checked = 0;
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .flat_map(|family| std::fs::read_dir(family).into_iter().flatten().flatten().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    for case in cases {
        let overrides = Overrides { select: Some(vec![id.to_string()]), ..Overrides::default() };
        let config = case.join("backlint.toml");
        let mut settings = if config.exists() {
            let text = std::fs::read_to_string(&config).unwrap();
            Settings::from_toml(rules, &config, &text, &overrides).unwrap()
        } else {
            Settings::from_toml(rules, Path::new("<fixtures>"), "", &overrides).unwrap()
        };
        settings.anchor_at(&case);
        let report = scan::scan(&case, std::slice::from_ref(&case), rules, &settings, ScanOptions::default());
        let name =
            case.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap().to_string_lossy().replace('\\', "/");
        for n in &report.notifications {
            problems.push(format!("{name}/{}: unexpected notification: {} ({})", n.path, n.message, n.kind.as_str()));
        }
        let mut actual: BTreeMap<(String, u32), Vec<String>> = BTreeMap::new();
        for f in &report.findings {
            actual.entry((f.location.path.to_string(), f.location.start.line)).or_default().push(f.message.clone());
        }
        for path in fixture_files(&case) {
            let language = Language::from_path(&path).unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            let relative = path.strip_prefix(&case).unwrap().to_string_lossy().replace('\\', "/");
            let expected: BTreeMap<u32, usize> = expectations(language, &text)
                .into_iter()
                .filter(|((_, rule), _)| rule == id)
                .map(|((line, _), count)| (line, count))
                .collect();
            for (line, count) in &expected {
                let found = actual.get(&(relative.clone(), *line)).map_or(0, Vec::len);
                if found < *count {
                    problems.push(format!(
                        "Missing  {name}/{relative}:{line}: expected {count} finding(s) of {id}, got {found}"
                    ));
                }
            }
            for ((file, line), messages) in &actual {
                if *file != relative {
                    continue;
                }
                let wanted = expected.get(line).copied().unwrap_or(0);
                for message in messages.iter().skip(wanted) {
                    problems.push(format!("Noisy    {name}/{relative}:{line}: {id} reported: {message}"));
                }
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn expectation_comments_apply_to_their_line_or_the_next_code_line() {
    let text = "x = 1  # expect: a\n# expect: b, c\n\n# unrelated\ny = 2\ns = \"# expect: d\"\n";
    let expected = expectations(Language::Python, text);
    let keys: Vec<(u32, &str)> = expected.keys().map(|(l, id)| (*l, id.as_str())).collect();
    assert_eq!(keys, vec![(1, "a"), (5, "b"), (5, "c")]);
}
