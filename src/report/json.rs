//! `json`: a stable document (schema version 1, described in the README).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Finding, Level, Location, Position, Related};
use crate::scan::ScanReport;

/// The version of the JSON schema; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    findings: Vec<JsonFinding<'a>>,
    notifications: Vec<JsonNotification<'a>>,
    summary: Summary<'a>,
}

/// A finding as the schema has it (the internal [`Finding`] also carries
/// what only the engine and the cache need: byte ranges, the snippet,
/// redactions).
#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    level: Level,
    message: &'a str,
    #[serde(flatten)]
    location: JsonLocation<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    flow: Vec<JsonRelated<'a>>,
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct JsonNotification<'a> {
    path: &'a str,
    kind: crate::diagnostic::NotificationKind,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<Position>,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    path: &'a str,
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    #[serde(flatten)]
    location: JsonLocation<'a>,
    message: &'a str,
}

impl<'a> JsonLocation<'a> {
    fn of(location: &'a Location) -> JsonLocation<'a> {
        JsonLocation { path: &location.path, start: location.start, end: location.end }
    }
}

impl<'a> JsonFinding<'a> {
    fn of(finding: &'a Finding) -> JsonFinding<'a> {
        let related = |list: &'a [Related]| {
            list.iter().map(|r| JsonRelated { location: JsonLocation::of(&r.location), message: &r.message }).collect()
        };
        JsonFinding {
            rule: finding.rule,
            level: finding.level,
            message: &finding.message,
            location: JsonLocation::of(&finding.location),
            related: related(&finding.related),
            flow: related(&finding.flow),
            fingerprint: &finding.fingerprint,
        }
    }
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
        findings: report.findings.iter().map(JsonFinding::of).collect(),
        notifications: report
            .notifications
            .iter()
            .map(|n| JsonNotification { path: &n.path, kind: n.kind, message: &n.message, position: n.position })
            .collect(),
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
