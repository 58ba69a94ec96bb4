//! `concise`: one line per finding, `path:line:col: severity: message [rule-id]`,
//! the form GitHub's problem matchers and VS Code tasks parse, then one line
//! per notification in the same form (`[internal-error]`, `[binary]`, ...),
//! so an editor or CI learns when a file was skipped. Notes print as
//! `notice`, the only third word GitHub's runner keeps. Paths and messages
//! are [`printable`]: a file name cannot start a line of its own.

use std::io::{self, Write};

use super::{TextOptions, printable, severity_word};
use crate::diagnostic::Position;
use crate::scan::ScanReport;

/// The regular expression of the shipped problem matcher
/// (`.github/backlint-matcher.json`); a test checks they agree.
pub const MATCHER_REGEX: &str = r"^(.+?):(\d+):(\d+): (error|warning|notice): (.+) \[([A-Za-z0-9_./-]+)\]$";

pub fn write(report: &ScanReport, options: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        writeln!(
            out,
            "{}:{}:{}: {}: {} [{}]",
            printable(&f.location.path),
            f.location.start.line,
            f.location.start.column,
            severity_word(f.level),
            printable(&f.message),
            f.rule
        )?;
    }
    for n in report.notifications.iter().filter(|n| options.lists(n.kind)) {
        let position = n.position.unwrap_or(Position { line: 1, column: 1 });
        writeln!(
            out,
            "{}:{}:{}: {}: {} [{}]",
            printable(&n.path),
            position.line,
            position.column,
            severity_word(n.kind.level()),
            printable(&n.message),
            n.kind.as_str()
        )?;
    }
    Ok(())
}
