//! `--statistics`: the number of findings per rule instead of the findings,
//! most frequent first, as a table or as JSON.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::Level;
use crate::scan::ScanReport;

/// One rule's row.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct RuleCount<'a> {
    pub count: usize,
    pub rule: &'a str,
    /// The levels its findings have, most serious first.
    pub levels: Vec<Level>,
}

/// The rows: by count (descending), then rule id.
pub fn counts(report: &ScanReport) -> Vec<RuleCount<'_>> {
    let mut by_rule: BTreeMap<&str, (usize, Vec<Level>)> = BTreeMap::new();
    for finding in &report.findings {
        let (count, levels) = by_rule.entry(finding.rule).or_default();
        *count += 1;
        if !levels.contains(&finding.level) {
            levels.push(finding.level);
        }
    }
    let mut rows: Vec<RuleCount<'_>> = by_rule
        .into_iter()
        .map(|(rule, (count, mut levels))| {
            levels.sort_by(|a, b| b.cmp(a));
            RuleCount { count, rule, levels }
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
    rows
}

/// Writes the table (`count  rule  levels`, aligned), or JSON.
pub fn write(report: &ScanReport, json: bool, out: &mut dyn Write) -> io::Result<()> {
    let rows = counts(report);
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    let count_width = rows.iter().map(|r| r.count.to_string().len()).max().unwrap_or(1);
    let rule_width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
    for row in &rows {
        let levels: Vec<&str> = row.levels.iter().map(|l| l.as_str()).collect();
        writeln!(out, "{:>count_width$}  {:<rule_width$}  {}", row.count, row.rule, levels.join(", "))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Finding, Location, Position};

    fn finding(rule: &'static str, level: Level) -> Finding {
        Finding {
            rule,
            level,
            message: String::new(),
            location: Location {
                path: "a.py".into(),
                start: Position { line: 1, column: 1 },
                end: Position { line: 1, column: 2 },
                bytes: 0..1,
            },
            related: Vec::new(),
            flow: Vec::new(),
            snippet: String::new(),
            fingerprint: String::new(),
            redactions: Vec::new(),
        }
    }

    #[test]
    fn rules_are_counted_most_frequent_first_with_their_levels() {
        let report = ScanReport {
            root: "/p".into(),
            findings: vec![
                finding("sql-injection", Level::Error),
                finding("fat-handler", Level::Note),
                finding("fat-handler", Level::Warning),
                finding("import-cycle", Level::Warning),
            ],
            notifications: Vec::new(),
            summary: Default::default(),
            project: None,
            cache_warnings: Vec::new(),
        };
        let mut out = Vec::new();
        write(&report, false, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "2  fat-handler    warning, note\n1  import-cycle   warning\n1  sql-injection  error\n"
        );
        let mut out = Vec::new();
        write(&report, true, &mut out).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(json[0]["rule"], "fat-handler");
        assert_eq!(json[0]["count"], 2);
        assert_eq!(json[0]["levels"], serde_json::json!(["warning", "note"]));
    }
}
