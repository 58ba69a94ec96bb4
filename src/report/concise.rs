//! `concise`: one line per finding, `path:line:col: severity: message [rule-id]`,
//! the form GitHub's problem matchers and VS Code tasks parse. Notes print as
//! `notice`, the only third word GitHub's runner keeps.

use std::io::{self, Write};

use super::severity_word;
use crate::diagnostic::NotificationKind;
use crate::scan::ScanReport;

/// The regular expression of the shipped problem matcher
/// (`.github/backlint-matcher.json`); a test checks they agree.
pub const MATCHER_REGEX: &str = r"^(.+?):(\d+):(\d+): (error|warning|notice): (.+) \[([A-Za-z0-9_./-]+)\]$";

pub fn write(report: &ScanReport, quiet: bool, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        writeln!(
            out,
            "{}:{}:{}: {}: {} [{}]",
            f.location.path,
            f.location.start.line,
            f.location.start.column,
            severity_word(f.level),
            one_line(&f.message),
            f.rule
        )?;
    }
    if !quiet {
        for n in report.notifications.iter().filter(|n| n.kind == NotificationKind::UnusedSuppression) {
            let position = n.position.unwrap_or(crate::diagnostic::Position { line: 1, column: 1 });
            writeln!(
                out,
                "{}:{}:{}: notice: {} [{}]",
                n.path,
                position.line,
                position.column,
                one_line(&n.message),
                n.kind.as_str()
            )?;
        }
    }
    Ok(())
}

pub(crate) fn one_line(message: &str) -> String {
    message.replace(['\r', '\n'], " ")
}
