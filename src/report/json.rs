//! `json`: a stable document (schema version 1, described in the README).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Finding, Level, Notification};
use crate::scan::ScanReport;

/// The version of the JSON schema; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    findings: &'a [Finding],
    notifications: &'a [Notification],
    summary: Summary<'a>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary<'a> {
    files_scanned: usize,
    files_skipped: usize,
    files_with_syntax_errors: usize,
    files_browser_code: usize,
    by_level: BTreeMap<Level, usize>,
    by_rule: BTreeMap<&'a str, usize>,
}

pub fn write(report: &ScanReport, out: &mut dyn Write) -> io::Result<()> {
    let mut by_level = BTreeMap::new();
    let mut by_rule = BTreeMap::new();
    for f in &report.findings {
        *by_level.entry(f.level).or_insert(0) += 1;
        *by_rule.entry(f.rule).or_insert(0) += 1;
    }
    let document = Document {
        version: SCHEMA_VERSION,
        tool: Tool { name: "backlint", version: env!("CARGO_PKG_VERSION") },
        findings: &report.findings,
        notifications: &report.notifications,
        summary: Summary {
            files_scanned: report.summary.files_scanned,
            files_skipped: report.summary.files_skipped,
            files_with_syntax_errors: report.summary.files_with_syntax_errors,
            files_browser_code: report.summary.files_browser_code,
            by_level,
            by_rule,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
