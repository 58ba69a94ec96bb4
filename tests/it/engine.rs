//! Engine behaviour that no single rule shows: panic isolation, suppressions,
//! per-file ignores and secret masking in snippets.

use std::path::Path;

use backlint::config::{Overrides, Settings};
use backlint::diagnostic::{Finding, NotificationKind};
use backlint::engine::analyse_source;
use backlint::lang::Language;
use backlint::rules::{FileContext, Rule, RuleSet};
use backlint::source::SourceFile;

const DOC: &str = "+++\nid = \"{ID}\"\nname = \"Test\"\nsummary = \"Test rule\"\ncategory = \"reliability\"\nlevel = \"warning\"\nlanguages = [\"python\"]\nprecision = \"high\"\n+++\n\n## What it does\nTests.\n";

/// Panics with the file's text in the message, as a string slice that cuts
/// a character does.
fn panics(ctx: &FileContext<'_>, _: &mut Vec<Finding>) {
    panic!("boom: {}", ctx.file.text);
}

fn flags_every_secret_assignment(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    for node in backlint::lang::descendants(ctx.root()) {
        if node.kind() == "string" && ctx.text(node).contains("hunter2") {
            out.push(ctx.finding(node, "secret").redact(node.byte_range()));
        }
    }
}

/// Walks the tree forever: only the file's time budget stops it.
fn never_ends(ctx: &FileContext<'_>, _: &mut Vec<Finding>) {
    loop {
        for node in backlint::lang::descendants(ctx.root()) {
            std::hint::black_box(node);
        }
    }
}

static PANICKING: Rule =
    Rule { id: "a-panicking-rule", doc: "", queries: &[], options: &[], check: Some(panics), project: None };
static SECRETS: Rule = Rule {
    id: "b-secret-rule",
    doc: "",
    queries: &[],
    options: &[],
    check: Some(flags_every_secret_assignment),
    project: None,
};

fn leak_doc(id: &str) -> &'static str {
    Box::leak(DOC.replace("{ID}", id).into_boxed_str())
}

fn test_rules() -> RuleSet {
    let panicking: &'static Rule = Box::leak(Box::new(Rule { doc: leak_doc(PANICKING.id), ..copy(&PANICKING) }));
    let secrets: &'static Rule = Box::leak(Box::new(Rule { doc: leak_doc(SECRETS.id), ..copy(&SECRETS) }));
    let tls = backlint::rules::by_id("tls-verification-disabled").unwrap();
    RuleSet::new(vec![panicking, secrets, tls])
}

fn copy(rule: &Rule) -> Rule {
    Rule {
        id: rule.id,
        doc: rule.doc,
        queries: rule.queries,
        options: rule.options,
        check: rule.check,
        project: rule.project,
    }
}

fn run(rules: &RuleSet, config: &str, path: &str, text: &str) -> backlint::engine::FileResult {
    let settings = Settings::from_toml(rules, Path::new("backlint.toml"), config, &Overrides::default()).unwrap();
    let language = Language::from_path(Path::new(path)).expect("a path with a known language");
    analyse_source(SourceFile::new(path.into(), language, text.into()), rules, &settings).result
}

#[test]
fn a_panicking_rule_loses_no_other_finding() {
    let rules = test_rules();
    let outcome = run(&rules, "", "app.py", "import requests\nrequests.get(u, verify=False)\npassword = \"hunter2\"\n");
    let ids: Vec<&str> = outcome.findings.iter().map(|f| f.rule).collect();
    assert_eq!(ids, vec!["tls-verification-disabled", "b-secret-rule"]);
    assert_eq!(outcome.notifications.len(), 1);
    assert_eq!(outcome.notifications[0].kind, NotificationKind::InternalError);
    let message = &outcome.notifications[0].message;
    assert!(message.contains("a-panicking-rule"), "{message}");
    assert!(message.contains("panic at tests/it/engine.rs:"), "{message}");
}

#[test]
fn internal_errors_never_quote_the_source_text() {
    let rules = test_rules();
    let outcome = run(&rules, "", "app.py", "API_KEY = \"s3cr3t-vålue-hunter2\"\n");
    let internal: Vec<_> = outcome.notifications.iter().filter(|n| n.kind == NotificationKind::InternalError).collect();
    assert_eq!(internal.len(), 1);
    assert!(!internal[0].message.contains("boom"), "{}", internal[0].message);
    assert!(!internal[0].message.contains("hunter2"), "{}", internal[0].message);
}

#[test]
fn redacted_ranges_are_masked_in_snippets() {
    let rules = test_rules();
    let outcome = run(&rules, "ignore = [\"a-panicking-rule\"]", "app.py", "password = \"hunter2\"  # real\n");
    assert_eq!(outcome.findings.len(), 1);
    let snippet = &outcome.findings[0].snippet;
    assert!(!snippet.contains("hunter2"), "{snippet}");
    assert_eq!(snippet, "password = \"hun****  # real");
}

const TLS: &str = "import requests\n";
const TLS_ONLY: &str = "select = [\"tls-verification-disabled\"]\n";

#[test]
fn suppressions_on_the_line_and_the_line_above() {
    let rules = RuleSet::all();
    let text = format!(
        "{TLS}requests.get(a, verify=False)  # backlint: ignore[tls-verification-disabled] -- test server\n\
         # backlint: ignore[tls-verification-disabled]\n\
         requests.get(b, verify=False)\n\
         requests.get(c, verify=False)  # backlint: ignore[some-other-rule]\n\
         s = \"# backlint: ignore[tls-verification-disabled]\"; requests.get(d, verify=False)\n"
    );
    let outcome = run(&rules, TLS_ONLY, "app.py", &text);
    let lines: Vec<u32> = outcome.findings.iter().map(|f| f.location.start.line).collect();
    assert_eq!(lines, vec![5, 6], "only the unsuppressed calls and the one whose marker is inside a string");
}

#[test]
fn file_suppressions_and_unused_suppressions() {
    let rules = RuleSet::all();
    let text = format!(
        "# backlint: ignore-file[tls-verification-disabled]\n{TLS}requests.get(a, verify=False)\nx = 1  # backlint: ignore[tls-verification-disabled]\n"
    );
    let outcome = run(&rules, &format!("{TLS_ONLY}report-unused-suppressions = true"), "app.py", &text);
    assert!(outcome.findings.is_empty());
    let unused: Vec<u32> = outcome
        .notifications
        .iter()
        .filter(|n| n.kind == NotificationKind::UnusedSuppression)
        .map(|n| n.position.unwrap().line)
        .collect();
    assert_eq!(unused, vec![4], "the file-wide suppression was used, the line one was not");
    let quiet = run(&rules, TLS_ONLY, "app.py", &text);
    assert!(quiet.notifications.is_empty(), "unused suppressions are only reported on request");
}

#[test]
fn per_file_ignores_apply_by_glob() {
    let rules = RuleSet::all();
    let text = format!("{TLS}requests.get(a, verify=False)\n");
    let config = format!("{TLS_ONLY}[per-file-ignores]\n\"scripts/**\" = [\"tls-verification-disabled\"]\n");
    let config = config.as_str();
    assert!(run(&rules, config, "scripts/dev.py", &text).findings.is_empty());
    assert_eq!(run(&rules, config, "app/dev.py", &text).findings.len(), 1);
}

#[test]
fn unreadable_files_are_notifications() {
    let rules = RuleSet::all();
    let settings = Settings::defaults(&rules);
    let candidate = backlint::walk::Candidate {
        display: "gone.py".into(),
        path: std::env::temp_dir().join("backlint-this-file-does-not-exist.py"),
        language: Language::Python,
        in_front_end_package: false,
    };
    let outcome = backlint::engine::analyse_file(&candidate, &rules, &settings, None).result;
    assert!(!outcome.analysed);
    assert_eq!(outcome.notifications[0].kind, NotificationKind::Unreadable);
}

#[test]
fn a_rule_over_the_time_budget_becomes_a_timed_out_note_and_keeps_earlier_findings() {
    let slow: &'static Rule = Box::leak(Box::new(Rule {
        id: "c-slow-rule",
        doc: leak_doc("c-slow-rule"),
        queries: &[],
        options: &[],
        check: Some(never_ends),
        project: None,
    }));
    let secrets: &'static Rule = Box::leak(Box::new(Rule { doc: leak_doc(SECRETS.id), ..copy(&SECRETS) }));
    let rules = RuleSet::new(vec![secrets, slow]);
    let start = std::time::Instant::now();
    let outcome = run(&rules, "timeout = 1\n", "app.py", "password = \"hunter2\"\n");
    assert!(start.elapsed() < std::time::Duration::from_secs(5), "{:?}", start.elapsed());
    assert_eq!(outcome.findings.len(), 1, "the rule before the slow one keeps its finding");
    let kinds: Vec<_> = outcome.notifications.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, vec![NotificationKind::TimedOut]);
    assert!(outcome.notifications[0].message.contains("rule `c-slow-rule`"), "{}", outcome.notifications[0].message);
}

#[test]
fn a_dropped_channel_send_is_not_reported_and_a_dropped_commit_is_a_warning() {
    let text = "async fn f(tx: Sender<u8>, db: sqlx::Transaction<'_, Postgres>) {\n    let _ = tx.send(1).await;\n    db.commit().await.ok();\n}\n";
    let outcome = run(&RuleSet::all(), "select = [\"swallowed-exception\"]\n", "src/worker.rs", text);
    assert_eq!(lines_and_levels(&outcome), vec![(3, "warning")]);
}

/// Handler data access by framework: ORM queries in a FastAPI or
/// Flask-SQLAlchemy handler are a note and SQL text a warning; Django and DRF
/// views query the ORM by design, so only their SQL text is reported; SQL
/// text compiled into a statement (`select(R).from_statement(sql_text(sql))`,
/// under an alias of `sqlalchemy.text`) is SQL text.
#[test]
fn handler_data_access_levels_follow_the_framework_idiom() {
    let cases: [LevelCase<'_>; 3] = [
        (
            "app/views.py",
            "from fastapi import APIRouter, Depends\nfrom sqlalchemy import text\nfrom sqlalchemy.orm import Session\nfrom .models import Task\n\nrouter = APIRouter()\n\n\n@router.get(\"/tasks/{pk}\")\ndef task(pk: int, session: Session = Depends()):\n    return session.query(Task).filter(Task.id == pk).first()\n\n\n@router.get(\"/tasks/count\")\ndef count(session: Session = Depends()):\n    return session.execute(text(\"SELECT count(*) FROM tasks\")).scalar()\n",
            vec![(10, "note"), (15, "warning")],
        ),
        (
            "app/views.py",
            "from django.db import connection\nfrom rest_framework.views import APIView\nfrom .models import Task\n\n\nclass TaskView(APIView):\n    def get(self, request, pk):\n        return Task.objects.get(pk=pk)\n\n\nclass CountView(APIView):\n    def get(self, request):\n        with connection.cursor() as cursor:\n            cursor.execute(\"SELECT count(*) FROM tasks\")\n            return cursor.fetchone()\n",
            vec![(12, "warning")],
        ),
        (
            "app/records.py",
            "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\nfrom sqlalchemy.sql import select\nfrom sqlalchemy.sql import text as sql_text\n\napp = Flask(__name__)\ndb = SQLAlchemy(app)\n\n\nclass Record(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n\n@app.route(\"/records/<int:pk>\")\ndef record(pk):\n    return db.session.get(Record, pk)\n\n\n@app.route(\"/records\")\ndef records():\n    sql = \"SELECT * FROM records ORDER BY id\"\n    return db.session.scalars(select(Record).from_statement(sql_text(sql))).all()\n",
            vec![(15, "note"), (20, "warning")],
        ),
    ];
    assert_levels("handler-data-access", &cases);
}

/// A write per row inside one transaction is a note; a read per row, or a
/// write with each statement committed on its own, stays a warning.
#[test]
fn query_in_loop_writes_inside_one_transaction_are_notes() {
    let cases = [
        (
            "app/services.py",
            "from django.db import transaction\nfrom .models import Line, Order\n\n\n@transaction.atomic\ndef build(order, items):\n    for item in items:\n        Line.objects.create(order=order, item=item)\n\n\ndef build_each(order, items):\n    for item in items:\n        Line.objects.create(order=order, item=item)\n\n\ndef totals(ids):\n    with transaction.atomic():\n        for i in ids:\n            Order.objects.get(pk=i)\n            Order.objects.filter(pk=i).update(total=0)\n",
            vec![(8, "note"), (13, "warning"), (19, "warning"), (20, "note")],
        ),
        (
            "src/tags.ts",
            "import { Pool } from \"pg\";\nconst pool = new Pool();\n\nexport async function tag(id: number, tags: string[]) {\n  const client = await pool.connect();\n  await client.query(\"BEGIN\");\n  for (const name of tags) {\n    await client.query(\"INSERT INTO tags (item, name) VALUES ($1, $2)\", [id, name]);\n  }\n  await client.query(\"COMMIT\");\n  client.release();\n}\n\nexport async function tagEach(id: number, tags: string[]) {\n  for (const name of tags) {\n    await pool.query(\"INSERT INTO tags (item, name) VALUES ($1, $2)\", [id, name]);\n  }\n}\n",
            vec![(8, "note"), (16, "warning")],
        ),
        (
            "src/tags.rs",
            "use sqlx::PgPool;\n\npub async fn tag(pool: &PgPool, id: i64, tags: &[String]) -> sqlx::Result<()> {\n    let mut tx = pool.begin().await?;\n    for tag in tags {\n        sqlx::query(\"INSERT INTO tags (item, tag) VALUES ($1, $2)\").bind(id).bind(tag).execute(&mut *tx).await?;\n    }\n    tx.commit().await\n}\n",
            vec![(6, "note")],
        ),
    ];
    assert_levels("query-in-loop", &cases);
}

/// One flaw written the way each language writes it: the same rule must
/// fire in all three (the knowledge per language says the same thing).
#[test]
fn the_same_flaw_fires_in_every_language() {
    let rules = RuleSet::all();
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "hardcoded-secret",
            &[
                (
                    "app/auth.py",
                    "import jwt\nKEY = \"keyboard cat\"\ndef issue(uid):\n    return jwt.encode({\"sub\": uid}, KEY, algorithm=\"HS256\")\n",
                ),
                (
                    "src/auth.ts",
                    "import jwt from \"jsonwebtoken\";\nconst KEY = \"keyboard cat\";\nexport const issue = (uid: string) => jwt.sign({ sub: uid }, KEY);\n",
                ),
                (
                    "src/auth.rs",
                    "use jsonwebtoken::EncodingKey;\nconst KEY: &str = \"keyboard cat\";\npub fn key() -> EncodingKey { EncodingKey::from_secret(KEY.as_bytes()) }\n",
                ),
            ],
        ),
        (
            "sql-injection",
            &[
                (
                    "app/users.py",
                    "import sqlite3\ndef find(conn: sqlite3.Connection, name):\n    return conn.execute(f\"SELECT * FROM users WHERE name = '{name}'\")\n",
                ),
                (
                    "src/users.ts",
                    "import { Pool } from \"pg\";\nconst pool = new Pool();\nexport const find = (name: string) => pool.query(`SELECT * FROM users WHERE name = '${name}'`);\n",
                ),
                (
                    "src/users.rs",
                    "pub async fn find(pool: &sqlx::PgPool, name: &str) {\n    sqlx::query(&format!(\"SELECT * FROM users WHERE name = '{name}'\")).execute(pool).await.unwrap();\n}\n",
                ),
            ],
        ),
        (
            "query-in-loop",
            &[
                (
                    "app/orders.py",
                    "import sqlite3\ndef totals(conn: sqlite3.Connection, ids):\n    for i in ids:\n        conn.execute(\"SELECT total FROM orders WHERE id = ?\", (i,))\n",
                ),
                (
                    "src/orders.ts",
                    "import { Pool } from \"pg\";\nconst pool = new Pool();\nexport async function totals(ids: string[]) {\n  for (const id of ids) {\n    await pool.query(\"SELECT total FROM orders WHERE id = $1\", [id]);\n  }\n}\n",
                ),
                (
                    "src/orders.rs",
                    "pub async fn totals(pool: &sqlx::PgPool, ids: &[i64]) {\n    for id in ids {\n        sqlx::query(\"SELECT total FROM orders WHERE id = $1\").bind(id).fetch_one(pool).await.unwrap();\n    }\n}\n",
                ),
            ],
        ),
    ];
    for (rule, snippets) in cases {
        for (path, text) in snippets.iter() {
            let outcome = run(&rules, "", path, text);
            let fired = outcome.findings.iter().filter(|f| f.rule == *rule).count();
            assert_eq!(
                fired,
                1,
                "{rule} in {path}: {:?}",
                outcome.findings.iter().map(|f| &f.message).collect::<Vec<_>>()
            );
        }
    }
}

/// Each finding's line and level, in report order.
fn lines_and_levels(outcome: &backlint::engine::FileResult) -> Vec<(u32, &str)> {
    outcome.findings.iter().map(|f| (f.location.start.line, f.level.as_str())).collect()
}

/// A file's path and text, and the lines and levels of the findings expected in it.
type LevelCase<'a> = (&'a str, &'a str, Vec<(u32, &'a str)>);

/// Runs `rule` alone on each case and checks the lines and levels of its
/// findings.
fn assert_levels(rule: &str, cases: &[LevelCase<'_>]) {
    for (path, text, expected) in cases {
        let outcome = run(&RuleSet::all(), &format!("select = [\"{rule}\"]\n"), path, text);
        assert_eq!(&lines_and_levels(&outcome), expected, "{path}");
    }
}
