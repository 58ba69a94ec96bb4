//! `text`: a code frame per finding, like rustc, then the notifications and a
//! summary. Paths, messages and source lines are [`printable`].

use std::collections::BTreeMap;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{TextOptions, printable, printable_snippet};
use crate::diagnostic::{Finding, Level, NotificationKind};
use crate::scan::ScanReport;

const BOLD: Style = Style::new().bold();
const BLUE: Style = AnsiColor::Blue.on_default().bold();
const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
const CYAN: Style = AnsiColor::Cyan.on_default().bold();

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color { format!("{style}{text}{style:#}") } else { text.to_string() }
    }

    fn level(&self, level: Level) -> String {
        let style = match level {
            Level::Error => RED,
            Level::Warning => YELLOW,
            Level::Note => CYAN,
        };
        self.paint(style, level.as_str())
    }
}

pub fn write(report: &ScanReport, options: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    let painter = Painter { color: options.color };
    for finding in &report.findings {
        write_frame(finding, &painter, out)?;
    }
    let mut listed = false;
    for n in report.notifications.iter().filter(|n| options.lists(n.kind)) {
        let position = n.position.map(|p| format!(":{}:{}", p.line, p.column)).unwrap_or_default();
        writeln!(
            out,
            "{}: {}{}: {} [{}]",
            painter.level(n.kind.level()),
            printable(&n.path),
            position,
            printable(&n.message),
            n.kind.as_str()
        )?;
        listed = true;
    }
    if options.quiet {
        return Ok(());
    }
    if listed {
        writeln!(out)?;
    }
    write_summary(report, &painter, options, out)
}

fn write_frame(f: &Finding, painter: &Painter, out: &mut dyn Write) -> io::Result<()> {
    let line_label = f.location.start.line.to_string();
    let gutter = " ".repeat(line_label.len());
    writeln!(
        out,
        "{}{}: {}",
        painter.level(f.level),
        painter.paint(BOLD, &format!("[{}]", f.rule)),
        painter.paint(BOLD, &printable(&f.message))
    )?;
    writeln!(
        out,
        "{gutter}{} {}:{}:{}",
        painter.paint(BLUE, "-->"),
        printable(&f.location.path),
        f.location.start.line,
        f.location.start.column
    )?;
    let bar = painter.paint(BLUE, "|");
    writeln!(out, "{gutter} {bar}")?;
    let snippet = printable_snippet(&f.snippet);
    writeln!(out, "{} {bar} {}", painter.paint(BLUE, &line_label), snippet)?;
    let start = char_index(&snippet, f.location.start.column);
    let end = if f.location.end.line == f.location.start.line {
        char_index(&snippet, f.location.end.column)
    } else {
        snippet.chars().count()
    };
    let carets = "^".repeat(end.saturating_sub(start).max(1));
    let level_style = match f.level {
        Level::Error => RED,
        Level::Warning => YELLOW,
        Level::Note => CYAN,
    };
    writeln!(out, "{gutter} {bar} {}{}", " ".repeat(start), painter.paint(level_style, &carets))?;
    for related in &f.related {
        writeln!(
            out,
            "{gutter} {} {}: {}:{}:{}: {}",
            painter.paint(BLUE, "="),
            painter.paint(BOLD, "related"),
            printable(&related.location.path),
            related.location.start.line,
            related.location.start.column,
            printable(&related.message)
        )?;
    }
    writeln!(out)
}

/// The char index in `line` of a 1-based UTF-16 column.
fn char_index(line: &str, column: u32) -> usize {
    let target = column.saturating_sub(1) as usize;
    let mut units = 0;
    for (i, c) in line.chars().enumerate() {
        if units >= target {
            return i;
        }
        units += c.len_utf16();
    }
    line.chars().count()
}

fn write_summary(report: &ScanReport, painter: &Painter, options: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    let mut by_level: BTreeMap<Level, usize> = BTreeMap::new();
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &report.findings {
        *by_level.entry(f.level).or_insert(0) += 1;
        *by_rule.entry(f.rule).or_insert(0) += 1;
    }
    let total = report.findings.len();
    let levels: Vec<String> = [Level::Error, Level::Warning, Level::Note]
        .iter()
        .filter_map(|l| by_level.get(l).map(|n| format!("{n} {}{}", l.as_str(), if *n == 1 { "" } else { "s" })))
        .collect();
    let headline = if total == 0 {
        "No findings".to_string()
    } else {
        format!("Found {total} finding{} ({})", if total == 1 { "" } else { "s" }, levels.join(", "))
    };
    let mut headline = headline;
    if s.outside_diff > 0 {
        headline.push_str(&format!(" ({} more outside the diff)", s.outside_diff));
    }
    if s.baselined > 0 {
        headline.push_str(&format!(" ({} more in the baseline)", s.baselined));
    }
    writeln!(out, "{}", painter.paint(BOLD, &headline))?;
    for (rule, count) in &by_rule {
        writeln!(out, "  {count:>5}  {rule}")?;
    }
    let count = |kind: NotificationKind| report.notifications.iter().filter(|n| n.kind == kind).count();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut files = format!(
        "Scanned {} file{}, skipped {}, {} with syntax errors",
        s.files_scanned,
        plural(s.files_scanned),
        s.files_skipped,
        s.files_with_syntax_errors
    );
    if s.files_browser_code > 0 {
        files.push_str(&format!(", {} judged browser code", s.files_browser_code));
    }
    let not_utf8 = count(NotificationKind::NotUtf8);
    if not_utf8 > 0 {
        files.push_str(&format!(", {not_utf8} not valid UTF-8"));
    }
    if s.files_with_syntax_errors + not_utf8 > 0 && !options.show_notes {
        files.push_str(" (--show-notes lists them)");
    }
    let unused = count(NotificationKind::UnusedSuppression);
    if unused > 0 {
        files.push_str(&format!(", {unused} unused suppression{}", plural(unused)));
    }
    let internal = count(NotificationKind::InternalError);
    if internal > 0 {
        let label = format!("{internal} internal error{} (the report is incomplete)", plural(internal));
        files.push_str(&format!(", {}", painter.paint(RED, &label)));
    }
    if options.timing {
        files.push_str(&format!(" in {:.2}s", s.elapsed.as_secs_f64()));
    }
    writeln!(out, "{files}")
}

#[cfg(test)]
mod tests {
    use super::char_index;

    #[test]
    fn char_index_maps_utf16_columns() {
        assert_eq!(char_index("a😀b", 1), 0);
        assert_eq!(char_index("a😀b", 2), 1);
        assert_eq!(char_index("a😀b", 4), 2);
        assert_eq!(char_index("ab", 9), 2);
    }
}
