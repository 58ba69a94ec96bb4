//! The per-file pipeline as the fuzz targets drive it: bytes → one file
//! analysed with every rule (size, binary and UTF-8 checks included) → the
//! project join → every output format. A target fails on what a user must
//! never see: a panic, an internal error, output that is not UTF-8 or not
//! valid JSON, a control character in a one-line or text report.

use std::path::Path;
use std::sync::OnceLock;

use backlint::config::Settings;
use backlint::diagnostic::NotificationKind;
use backlint::lang::Language;
use backlint::report::{self, Format, TextOptions};
use backlint::rules::RuleSet;
use backlint::{engine, scan};

struct Harness {
    rules: RuleSet,
    settings: Settings,
}

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        let rules = RuleSet::all();
        let settings = Settings::defaults(&rules);
        Harness { rules, settings }
    })
}

/// Runs `data` through the whole per-file pipeline as a file named `path`
/// in `language`, and checks every format's output.
pub fn check(language: Language, path: &str, data: &[u8]) {
    let Harness { rules, settings } = harness();
    let outcome = engine::analyse_bytes(
        engine::FileInput { path, language, in_front_end_package: false },
        data.to_vec(),
        rules,
        settings,
    );
    let report =
        scan::merge(Path::new("/fuzz"), Vec::new(), vec![outcome.result], outcome.timings, rules, settings);
    if let Some(internal) = report.notifications.iter().find(|n| n.kind == NotificationKind::InternalError) {
        panic!("{}", internal.message);
    }
    let options = TextOptions { show_notes: true, ..TextOptions::default() };
    for format in [Format::Text, Format::Concise, Format::Github, Format::Json, Format::Sarif] {
        let mut out = Vec::new();
        report::write(format, &report, rules, options, &mut out).expect("writing to memory cannot fail");
        let text = String::from_utf8(out).expect("every format writes UTF-8");
        match format {
            Format::Json | Format::Sarif => {
                serde_json::from_str::<serde_json::Value>(&text).expect("JSON and SARIF output is valid JSON");
            }
            _ => assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{format:?} output holds a control character: {text:?}"
            ),
        }
    }
}
