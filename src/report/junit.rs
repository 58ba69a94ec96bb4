//! `junit`: a JUnit XML report, which CI systems (GitLab test reports,
//! Jenkins, Azure Pipelines) show as failed tests: one test suite per rule,
//! one failed test case per finding, named `path:line:col`; listed
//! notifications (internal errors always) are test cases with an error in a
//! `backlint` suite. Text is escaped for XML; control characters cannot
//! reach the document.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{TextOptions, printable, severity_word};
use crate::scan::ScanReport;

/// Escapes text for an XML attribute or element (after [`printable`] has
/// turned control characters into visible escapes).
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in printable(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

pub fn write(report: &ScanReport, options: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut by_rule: BTreeMap<&str, Vec<&crate::diagnostic::Finding>> = BTreeMap::new();
    for f in &report.findings {
        by_rule.entry(f.rule).or_default().push(f);
    }
    let listed: Vec<_> = report.notifications.iter().filter(|n| options.lists(n.kind)).collect();
    let failures = report.findings.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="backlint" tests="{}" failures="{failures}" errors="{}">"#,
        failures + listed.len(),
        listed.len()
    )?;
    for (rule, findings) in &by_rule {
        writeln!(out, r#"  <testsuite name="{rule}" tests="{n}" failures="{n}" errors="0">"#, n = findings.len())?;
        for f in findings {
            let at = format!("{}:{}:{}", f.location.path, f.location.start.line, f.location.start.column);
            writeln!(
                out,
                r#"    <testcase name="{}" classname="{rule}" file="{}" line="{}">"#,
                xml(&at),
                xml(&f.location.path),
                f.location.start.line
            )?;
            writeln!(
                out,
                r#"      <failure type="{rule}" message="{}">{}: {}: {}</failure>"#,
                xml(&f.message),
                xml(&at),
                severity_word(f.level),
                xml(&f.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    if !listed.is_empty() {
        writeln!(out, r#"  <testsuite name="backlint" tests="{n}" failures="0" errors="{n}">"#, n = listed.len())?;
        for n in listed {
            writeln!(
                out,
                r#"    <testcase name="{}" classname="{}" file="{}">"#,
                xml(&n.path),
                n.kind.as_str(),
                xml(&n.path)
            )?;
            writeln!(out, r#"      <error type="{}" message="{}"/>"#, n.kind.as_str(), xml(&n.message))?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
