//! Properties of whole scans over generated input: every format's output is
//! well-formed (JSON and SARIF parse; one-line formats hold no control
//! character), the same bytes whatever the number of threads, and a secret
//! that was found never appears unmasked in any format.
//!
//! The files are made of fragments of backend code (valid and broken) in
//! each language, arbitrary text, and one line with a generated live key.

use std::path::Path;

use backlint::config::Settings;
use backlint::report::{self, Format, TextOptions};
use backlint::rules::RuleSet;
use backlint::scan::{self, ScanOptions};
use proptest::prelude::*;

const FORMATS: [Format; 8] = [
    Format::Text,
    Format::Concise,
    Format::Github,
    Format::Gitlab,
    Format::Json,
    Format::Junit,
    Format::Rdjson,
    Format::Sarif,
];

/// Fragments of code per extension: findings, look-alikes, broken syntax.
fn fragments(extension: &str) -> &'static [&'static str] {
    match extension {
        "py" => &[
            "import requests\n",
            "requests.get(url, verify=False)\n",
            "cursor.execute(\"SELECT * FROM users WHERE id = \" + user_id)\n",
            "@app.route(\"/items\")\ndef items():\n    return db.session.execute(text(\"SELECT 1\"))\n",
            "try:\n    work()\nexcept Exception:\n    pass\n",
            "BASE = \"https://billing.internal.example.net/v1\"\n",
            "def f(:\n  x = (\n",
            "x = f\"{a}\\n{b!r:>{w}}\"\n",
            "\"\"\"unterminated\n",
        ],
        "ts" => &[
            "import axios from 'axios';\n",
            "app.get('/users', async (req, res) => { res.json(await pool.query(`SELECT * FROM users WHERE id = ${req.query.id}`)); });\n",
            "const agent = new https.Agent({ rejectUnauthorized: false });\n",
            "try { go(); } catch (e) {}\n",
            "export const API = \"https://api.internal.example.net\";\n",
            "function (( { [ `${\n",
            "const t = `a${`b${c}`}d`;\n",
            "/* unterminated comment\n",
        ],
        _ => &[
            "use reqwest::Client;\n",
            "fn c() { let _ = reqwest::Client::builder().danger_accept_invalid_certs(true).build(); }\n",
            "static mut COUNT: u32 = 0;\n",
            "async fn h(Path(id): Path<String>) { sqlx::query(&format!(\"SELECT * FROM t WHERE id = {id}\")); }\n",
            "fn main() { let r = r#\"raw \"quoted\" text\"#; }\n",
            "impl<T Foo for {\n",
            "let x = b'\\xff';\n",
        ],
    }
}

/// The line with a secret, in the language of `extension`.
fn secret_line(extension: &str, secret: &str) -> String {
    match extension {
        "py" => format!("STRIPE_KEY = \"{secret}\"; requests.get(u, verify=False)\n"),
        "ts" => format!("const STRIPE_KEY = '{secret}'; new https.Agent({{ rejectUnauthorized: false }});\n"),
        _ => format!("const STRIPE_KEY: &str = \"{secret}\";\n"),
    }
}

#[derive(Debug, Clone)]
struct GeneratedFile {
    extension: &'static str,
    picks: Vec<prop::sample::Index>,
    noise: String,
}

fn generated_file() -> impl Strategy<Value = GeneratedFile> {
    (
        prop::sample::select(vec!["py", "ts", "rs"]),
        prop::collection::vec(any::<prop::sample::Index>(), 0..8),
        // Arbitrary text, control characters and non-ASCII included (but NUL,
        // which makes a file binary).
        "(?s)[^\\x00]{0,40}",
    )
        .prop_map(|(extension, picks, noise)| GeneratedFile { extension, picks, noise })
}

/// A random part for a live key with enough distinct characters to be
/// taken for one.
fn key_body() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{24}".prop_filter("varied enough to look like a key", |s| {
        let mut distinct: Vec<char> = s.chars().collect();
        distinct.sort_unstable();
        distinct.dedup();
        distinct.len() >= 14
    })
}

/// The file's text: the secret's line first (code before it could be an
/// unterminated string that swallows it), then the fragments and the noise.
fn render(file: &GeneratedFile, secret: &str) -> String {
    let fragments = fragments(file.extension);
    let mut text = secret_line(file.extension, secret);
    text.extend(file.picks.iter().map(|i| i.get(fragments).to_string()));
    text.push_str(&file.noise);
    text
}

fn outputs(root: &Path, jobs: usize) -> Vec<String> {
    let rules = RuleSet::all();
    let settings = Settings::defaults(&rules);
    let report = scan::scan(
        root,
        &[root.to_path_buf()],
        &rules,
        &settings,
        ScanOptions { jobs, follow_symlinks: false, progress: false, cache_dir: None },
    );
    let options = TextOptions { show_notes: true, ..TextOptions::default() };
    FORMATS
        .iter()
        .map(|&format| {
            let mut out = Vec::new();
            report::write(format, &report, &rules, options, &mut out).unwrap();
            String::from_utf8(out).expect("every format writes UTF-8")
        })
        .collect()
}

proptest! {
    // 48 cases in the test suite; `PROPTEST_CASES=5000` for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn outputs_are_well_formed_deterministic_and_never_show_a_found_secret(
        files in prop::collection::vec(generated_file(), 1..5),
        body in key_body(),
    ) {
        // A key per file: one file's key must not be shown by another's findings either.
        let secrets: Vec<String> = (0..files.len()).map(|i| format!("sk_live_{i}{body}")).collect();
        let dir = tempfile::tempdir().unwrap();
        for (i, file) in files.iter().enumerate() {
            std::fs::write(dir.path().join(format!("f{i}.{}", file.extension)), render(file, &secrets[i])).unwrap();
        }
        let one = outputs(dir.path(), 1);
        let many = outputs(dir.path(), 3);
        prop_assert_eq!(&one, &many, "output differs between 1 and 3 threads");
        for (format, out) in FORMATS.iter().zip(&one) {
            match format {
                Format::Json | Format::Sarif => {
                    prop_assert!(serde_json::from_str::<serde_json::Value>(out).is_ok(), "{:?} is not JSON", format);
                }
                _ => prop_assert!(
                    !out.chars().any(|c| c.is_control() && c != '\n'),
                    "{:?} holds a control character: {:?}", format, out
                ),
            }
        }
        let concise = &one[1];
        let found = concise.lines().filter(|l| l.ends_with("[hardcoded-secret]")).count();
        prop_assert_eq!(found, files.len(), "every file's key is found: {}", concise);
        for (format, out) in FORMATS.iter().zip(&one) {
            for secret in &secrets {
                prop_assert!(!out.contains(secret.as_str()), "{:?} shows a secret", format);
            }
        }
    }
}
