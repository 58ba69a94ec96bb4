//! The project index end to end: lazy imports on request, suppressions of
//! project findings, `backlint graph` in every format, and a generated
//! 10,000-module project with long cycles (must stay linear; not timed).

use crate::support::{repo, temp_project};
use std::path::Path;
use std::process::Command;

use backlint::config::{Overrides, Settings};
use backlint::lang::{Family, Language};
use backlint::project::{FileIndex, Performs, Project, index_kinds};
use backlint::rules::RuleSet;
use backlint::scan::{self, ScanOptions, ScanReport};
use backlint::source::SourceFile;

fn scan_with(root: &Path, config: &str) -> ScanReport {
    let rules = RuleSet::all();
    let overrides = Overrides {
        select: Some(vec!["import-cycle".into(), "layer-violation".into()]),
        report_unused_suppressions: true,
        ..Overrides::default()
    };
    let mut settings = Settings::from_toml(&rules, &root.join("backlint.toml"), config, &overrides).unwrap();
    settings.anchor_at(root);
    scan::scan(
        root,
        &[root.to_path_buf()],
        &rules,
        &settings,
        ScanOptions { jobs: 2, follow_symlinks: false, progress: false, cache_dir: None },
    )
}

#[test]
fn lazy_imports_form_cycles_only_when_asked() {
    let root = repo().join("testdata/rules/import-cycle/python/lazy");
    assert!(scan_with(&root, "").findings.is_empty());
    let report = scan_with(&root, "[rules.import-cycle]\ninclude-lazy = true\n");
    let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(messages, ["import cycle: app.good_jobs -> app.good_queue -> app.good_jobs"]);
    assert_eq!(report.findings[0].related.len(), 2);
    assert_eq!(&*report.findings[0].location.path, "app/good_jobs.py");
}

#[test]
fn project_findings_honour_suppressions_and_report_unused_ones() {
    let root = temp_project("project", "suppress");
    std::fs::write(
        root.join("a.ts"),
        "import { b } from \"./b\"; // backlint: ignore[import-cycle] -- known\nexport const a = 1;\n",
    )
    .unwrap();
    std::fs::write(
        root.join("b.ts"),
        "import { a } from \"./a\"; // backlint: ignore[layer-violation]\nexport const b = 2;\n",
    )
    .unwrap();
    let report = scan_with(&root, "");
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    let unused: Vec<String> = report.notifications.iter().map(|n| format!("{} {}", n.path, n.message)).collect();
    assert_eq!(unused, ["b.ts unused suppression: no finding of layer-violation here"]);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn graph_command_draws_cycles_and_violations_in_every_format() {
    let root = repo().join("testdata/rules/layer-violation/typescript/layered");
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_backlint")).current_dir(&root).args(args).output().unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let dot = run(&["graph", "--format", "dot"]);
    assert!(dot.starts_with("digraph modules {"), "{dot}");
    assert!(dot.contains("\"data\" -> \"handlers\" [label=\"2\", color=red, penwidth=2, style=dashed];"), "{dot}");
    assert!(dot.contains("\"handlers\" -> \"services\" [label=\"1\", color=red, penwidth=2];"), "{dot}");
    let mermaid = run(&["graph", "--format", "mermaid"]);
    assert!(mermaid.starts_with("flowchart LR\n"), "{mermaid}");
    assert!(mermaid.contains("linkStyle"), "{mermaid}");
    let json: serde_json::Value = serde_json::from_str(&run(&["graph", "--format", "json"])).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), 3);
    assert_eq!(json["cycles"][0][0], "src/data/users");
    // Depth instead of layers: `src/data`, `src/handlers`, `src/services`.
    let json: serde_json::Value = serde_json::from_str(&run(&["graph", "--format", "json", "--depth", "2"])).unwrap();
    let ids: Vec<&str> = json["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["src/data", "src/handlers", "src/services"]);
    assert_eq!(run(&["graph", "--format", "dot"]), dot, "output is deterministic");
}

/// Without `--depth` or layers, the graph shows the deepest level that stays
/// readable (at most 40 groups) and says which one it chose.
#[test]
fn graph_picks_the_deepest_readable_depth() {
    let root = temp_project("project", "graph-depth");
    for package in ["orders", "billing"] {
        let dir = root.join("app").join(package);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("__init__.py"), "").unwrap();
        for module in ["views", "services", "models"] {
            std::fs::write(dir.join(format!("{module}.py")), format!("from app.{package} import models\n")).unwrap();
        }
    }
    std::fs::write(root.join("app/__init__.py"), "").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .current_dir(&root)
        .args(["graph", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["depth"], 3, "{json}");
    let ids: Vec<&str> = json["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"app.orders.views") && ids.contains(&"app.billing.models"), "{ids:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("collapsed to 3 name segment(s)"), "{stderr}");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn ten_thousand_modules_with_long_cycles() {
    let root = temp_project("project", "scale");
    // 10 cycles of 1,000 Python modules each, plus a chain linking them one way.
    let (cycles, length) = (10, 1_000);
    for c in 0..cycles {
        let package = root.join(format!("p{c}"));
        std::fs::create_dir_all(&package).unwrap();
        std::fs::write(package.join("__init__.py"), "").unwrap();
        for m in 0..length {
            let next = (m + 1) % length;
            let mut text = format!("from p{c} import m{next:04}\n");
            if m == 0 && c + 1 < cycles {
                text.push_str(&format!("import p{}.m0000\n", c + 1));
            }
            std::fs::write(package.join(format!("m{m:04}.py")), text).unwrap();
        }
    }
    let report = scan_with(&root, "");
    let project = report.project.as_ref().unwrap();
    assert_eq!(project.modules.len(), cycles * (length + 1));
    assert_eq!(report.findings.len(), cycles);
    for (c, finding) in report.findings.iter().enumerate() {
        assert_eq!(finding.location.path.to_string(), format!("p{c}/m0000.py"));
        assert_eq!(finding.related.len(), length);
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn n_plus_one_across_modules_names_the_callee_and_relates_loop_and_query() {
    let root = repo().join("testdata/rules/query-in-loop/python/n_plus_one");
    let rules = RuleSet::all();
    let overrides = Overrides { select: Some(vec!["query-in-loop".into()]), ..Overrides::default() };
    let mut settings = Settings::from_toml(&rules, &root.join("backlint.toml"), "", &overrides).unwrap();
    settings.anchor_at(&root);
    let report = scan::scan(
        &root,
        std::slice::from_ref(&root),
        &rules,
        &settings,
        ScanOptions { jobs: 2, follow_symlinks: false, progress: false, cache_dir: None },
    );
    let finding = report.findings.iter().find(|f| &*f.location.path == "app/services/report.py").unwrap();
    assert_eq!(
        finding.message,
        "`items_for` (app/repositories/users.py:10) runs a query per iteration of this loop (`conn.execute`); \
         load the data in one batched query outside it"
    );
    assert_eq!(finding.snippet.trim(), "result[user_id] = items_for(user_id)  # expect: query-in-loop");
    let related: Vec<(String, u32)> =
        finding.related.iter().map(|r| (r.location.path.to_string(), r.location.start.line)).collect();
    assert_eq!(related, [("app/services/report.py".to_string(), 9), ("app/repositories/users.py".to_string(), 11)]);
    // Same-module loop calls are reported once, by the file check.
    let in_repo: Vec<_> = report.findings.iter().filter(|f| &*f.location.path == "app/repositories/users.py").collect();
    assert_eq!(in_repo.len(), 1, "{in_repo:?}");
}

#[test]
fn a_rust_cycle_is_a_note_and_a_python_cycle_a_warning() {
    for (case, level) in [("rust/cycle", "note"), ("python/cycle", "warning")] {
        let report = scan_with(&repo().join("testdata/rules/import-cycle").join(case), "");
        let levels: Vec<&str> =
            report.findings.iter().filter(|f| f.rule == "import-cycle").map(|f| f.level.as_str()).collect();
        assert!(!levels.is_empty() && levels.iter().all(|l| *l == level), "{case}: {levels:?}");
    }
}

#[test]
fn a_nested_rust_cycle_is_reported_between_the_siblings_under_the_common_ancestor() {
    let report = scan_with(&repo().join("testdata/rules/import-cycle/rust/nested"), "");
    let messages: Vec<&str> =
        report.findings.iter().filter(|f| f.rule == "import-cycle").map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        ["import cycle: shop_nested::api::orders -> shop_nested::api::users -> shop_nested::api::orders"]
    );
}

/// The index of `text` at `path` from a walk of its tree (no engine).
fn walked_index(path: &str, text: &str) -> FileIndex {
    let language = Language::from_path(Path::new(path)).unwrap();
    let file = SourceFile::new(path.into(), language, text.into());
    let tree = backlint::lang::parse(language, &file.text);
    backlint::project::extract(&file, &tree, None)
}

/// The index the engine builds for a file (with `performs` filled).
fn engine_index(path: &str, text: &str) -> FileIndex {
    let rules = RuleSet::all();
    let mut settings = Settings::defaults(&rules);
    settings.build_index = true;
    let language = Language::from_path(Path::new(path)).unwrap();
    let outcome =
        backlint::engine::analyse_source(SourceFile::new(path.into(), language, text.into()), &rules, &settings);
    outcome.result.index.unwrap()
}

#[test]
fn performs_is_filled_per_file_and_propagated_across_modules() {
    let repo = engine_index(
        "app/repo.py",
        "import sqlite3\nimport requests\n\ndef open_db():\n    return sqlite3.connect('x.db')\n\n\
         def rows(conn):\n    return conn.execute('SELECT * FROM t').fetchall()\n\n\
         def fetch(url):\n    return requests.get(url, timeout=5)\n\ndef pure(x):\n    return x + 1\n",
    );
    let performs = |index: &FileIndex, name: &str| index.functions.iter().find(|f| *f.name == *name).unwrap().performs;
    assert!(performs(&repo, "open_db").opens_connection);
    assert!(performs(&repo, "rows").data_access);
    assert!(performs(&repo, "fetch").outbound_http);
    assert_eq!(performs(&repo, "pure"), Performs::default());
    let query = repo.functions.iter().find(|f| &*f.name == "rows").unwrap().query.clone().unwrap();
    assert_eq!(query.0.start.line, 8);
    let service = engine_index(
        "app/service.py",
        "from app import repo\n\ndef load(conn):\n    return repo.rows(conn)\n\n\
         def setup():\n    repo.open_db()\n    return repo.fetch('u')\n\ndef calc(x):\n    return repo.pure(x)\n",
    );
    // Mutual calls across modules terminate and carry the flags both ways.
    let other = engine_index("app/other.py", "from app import service\n\ndef again(c):\n    return service.load(c)\n");
    let project =
        Project::build(Path::new("/nonexistent"), vec![service, repo, other, walked_index("app/__init__.py", "")]);
    let file = |path: &str| project.files.iter().find(|f| &*f.path == path).unwrap();
    assert!(performs(file("app/service.py"), "load").data_access);
    assert_eq!(file("app/service.py").functions[0].query.as_ref().unwrap().0.path.as_ref(), "app/repo.py");
    let setup = performs(file("app/service.py"), "setup");
    assert!(setup.opens_connection && setup.outbound_http && !setup.data_access);
    assert_eq!(performs(file("app/service.py"), "calc"), Performs::default());
    assert!(performs(file("app/other.py"), "again").data_access);
}

#[test]
fn index_kinds_exist_in_a_grammar_and_find_what_a_walk_finds() {
    for family in Family::ALL {
        for kind in index_kinds(family) {
            let known = family.languages().iter().any(|l| l.grammar().id_for_node_kind(kind, true) != 0);
            assert!(known, "{}: no grammar has node kind {kind}", family.name());
        }
    }
    let rules = RuleSet::all();
    let mut settings = Settings::defaults(&rules);
    settings.build_index = true;
    let text = "import a\nclass C:\n    def m(self, xs):\n        for x in xs:\n            a.f(x)\n";
    let outcome = backlint::engine::analyse_source(
        SourceFile::new("p.py".into(), Language::Python, text.into()),
        &rules,
        &settings,
    );
    let from_query = outcome.result.index.unwrap();
    let walked = walked_index("p.py", text);
    assert_eq!(from_query.imports.len(), walked.imports.len());
    assert_eq!(&*from_query.functions[0].name, "C.m");
    assert_eq!(from_query.loop_calls.len(), 1);
    assert_eq!(walked.loop_calls.len(), 1);
    // A call whose first name no import binds can reach no other module: not kept.
    let unbound = walked_index("q.py", "import a\ndef m(xs):\n    for x in xs:\n        b.f(x)\n");
    assert!(unbound.loop_calls.is_empty());
}
