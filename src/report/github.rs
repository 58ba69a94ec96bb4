//! `github`: workflow commands that GitHub Actions turns into annotations,
//! with end positions and a title, escaped as the runner requires (after
//! [`printable`], so no control character from a scanned file reaches a log).

use std::io::{self, Write};

use super::{TextOptions, printable, severity_word};
use crate::scan::ScanReport;

pub fn write(report: &ScanReport, options: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        writeln!(
            out,
            "::{} file={},line={},endLine={},col={},endColumn={},title={}::{}",
            severity_word(f.level),
            escape_property(&f.location.path),
            f.location.start.line,
            f.location.end.line,
            f.location.start.column,
            f.location.end.column,
            escape_property(&format!("backlint {}", f.rule)),
            escape_data(&f.message)
        )?;
    }
    for n in report.notifications.iter().filter(|n| options.lists(n.kind)) {
        writeln!(
            out,
            "::{} file={},line={},title={}::{}",
            severity_word(n.kind.level()),
            escape_property(&n.path),
            n.position.map_or(1, |p| p.line),
            escape_property(&format!("backlint {}", n.kind.as_str())),
            escape_data(&n.message)
        )?;
    }
    Ok(())
}

/// Escapes a workflow command's message: [`printable`] (no control
/// character is left), then `%` as the runner requires.
pub fn escape_data(s: &str) -> String {
    printable(s).replace('%', "%25")
}

/// Escapes a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_requires() {
        assert_eq!(escape_data("100% done\r\nnext"), "100%25 done\\r\\nnext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
