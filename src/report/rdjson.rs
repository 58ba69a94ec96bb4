//! `rdjson`: reviewdog's Diagnostic Format (one JSON document), so that
//! reviewdog can comment on pull requests with only the findings on changed
//! lines: message, path, range, severity and the rule as `code`. Listed
//! notifications (internal errors always) are diagnostics too.

use std::io::{self, Write};

use serde::Serialize;

use super::TextOptions;
use crate::diagnostic::{Level, NotificationKind, Position};
use crate::scan::ScanReport;

#[derive(Serialize)]
struct Document<'a> {
    source: Source,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: &'a str,
    location: RdLocation<'a>,
    severity: &'static str,
    source: Source,
    code: Code<'a>,
}

#[derive(Serialize)]
struct RdLocation<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Point,
    end: Point,
}

#[derive(Serialize)]
struct Point {
    line: u32,
    column: u32,
}

impl From<Position> for Point {
    fn from(p: Position) -> Point {
        Point { line: p.line, column: p.column }
    }
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
}

fn severity(level: Level) -> &'static str {
    match level {
        Level::Error => "ERROR",
        Level::Warning => "WARNING",
        Level::Note => "INFO",
    }
}

pub fn write(report: &ScanReport, options: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut diagnostics: Vec<Diagnostic<'_>> = report
        .findings
        .iter()
        .map(|f| Diagnostic {
            message: &f.message,
            location: RdLocation {
                path: &f.location.path,
                range: Range { start: f.location.start.into(), end: f.location.end.into() },
            },
            severity: severity(f.level),
            source: Source { name: "backlint" },
            code: Code { value: f.rule },
        })
        .collect();
    for n in report.notifications.iter().filter(|n| options.lists(n.kind)) {
        let at = n.position.unwrap_or(Position { line: 1, column: 1 });
        diagnostics.push(Diagnostic {
            message: &n.message,
            location: RdLocation { path: &n.path, range: Range { start: at.into(), end: at.into() } },
            severity: if n.kind == NotificationKind::InternalError { "ERROR" } else { severity(n.kind.level()) },
            source: Source { name: "backlint" },
            code: Code { value: n.kind.as_str() },
        });
    }
    serde_json::to_writer_pretty(&mut *out, &Document { source: Source { name: "backlint" }, diagnostics })?;
    writeln!(out)
}
