//! `gitlab`: a GitLab Code Quality report (a JSON array of issues), which
//! merge requests show beside the changed lines. Each issue: the message,
//! the rule as `check_name`, a severity, the path and first line, and a
//! fingerprint that stays the same while the finding's line does (from its
//! GitHub line hash), so GitLab tells new issues from old ones. Listed
//! notifications (internal errors always) are issues too.

use std::io::{self, Write};

use serde::Serialize;

use super::TextOptions;
use crate::diagnostic::Level;
use crate::scan::ScanReport;

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation<'a>,
}

#[derive(Serialize)]
struct IssueLocation<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
}

/// GitLab's severities for backlint's levels.
fn severity(level: Level) -> &'static str {
    match level {
        Level::Error => "critical",
        Level::Warning => "major",
        Level::Note => "info",
    }
}

/// A stable 64-bit FNV-1a hash of the parts, in hex: what identifies an
/// issue across runs.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

pub fn write(report: &ScanReport, options: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut issues: Vec<Issue<'_>> = report
        .findings
        .iter()
        .map(|f| Issue {
            description: &f.message,
            check_name: f.rule,
            fingerprint: fingerprint(&[f.rule, &f.location.path, &f.fingerprint, &f.message]),
            severity: severity(f.level),
            location: IssueLocation { path: &f.location.path, lines: Lines { begin: f.location.start.line } },
        })
        .collect();
    for n in report.notifications.iter().filter(|n| options.lists(n.kind)) {
        issues.push(Issue {
            description: &n.message,
            check_name: n.kind.as_str(),
            fingerprint: fingerprint(&[n.kind.as_str(), &n.path, &n.message]),
            severity: if n.kind == crate::diagnostic::NotificationKind::InternalError {
                "blocker"
            } else {
                severity(n.kind.level())
            },
            location: IssueLocation { path: &n.path, lines: Lines { begin: n.position.map_or(1, |p| p.line) } },
        });
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
