//! Reporters: the same [`ScanReport`] written as human text, one-line
//! `concise` output, GitHub workflow commands, a GitLab Code Quality report,
//! JUnit XML, reviewdog's rdjson, JSON or SARIF 2.1.0.
//!
//! Invariant: every format except `text` on a terminal (which adds colour and
//! the elapsed time) is a pure function of the report: same findings, same
//! bytes.

mod concise;
mod github;
mod gitlab;
mod json;
mod junit;
mod rdjson;
mod sarif;
pub mod statistics;
mod text;

use std::borrow::Cow;
use std::io::{self, Write};

use clap::ValueEnum;

use crate::diagnostic::NotificationKind;
use crate::rules::RuleSet;
use crate::scan::ScanReport;

pub use concise::MATCHER_REGEX;
pub use sarif::to_sarif;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Code frames and a summary, for people.
    Text,
    /// `path:line:col: severity: message [rule-id]`, for editors and problem matchers.
    Concise,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// A GitLab Code Quality report (JSON), for merge request widgets.
    Gitlab,
    /// A stable JSON document (see README).
    Json,
    /// JUnit XML: one failed test case per finding, for CI test reports.
    Junit,
    /// reviewdog's Diagnostic Format (JSON), for pull-request comments.
    Rdjson,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
}

/// How a text report is decorated.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextOptions {
    pub color: bool,
    /// Show the elapsed time in the summary.
    pub timing: bool,
    /// Leave out notifications (but internal errors) and the summary.
    pub quiet: bool,
    /// Also list the notifications that are only counted by default
    /// (syntax errors, invalid UTF-8): see [`NotificationKind::listed_by_default`].
    pub show_notes: bool,
}

impl TextOptions {
    /// Whether a notification is listed in the one-per-line formats.
    pub(crate) fn lists(&self, kind: NotificationKind) -> bool {
        kind == NotificationKind::InternalError || (!self.quiet && (self.show_notes || kind.listed_by_default()))
    }
}

/// Writes `report` in `format`.
pub fn write(
    format: Format,
    report: &ScanReport,
    rules: &RuleSet,
    text: TextOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::write(report, text, out),
        Format::Concise => concise::write(report, text, out),
        Format::Github => github::write(report, text, out),
        Format::Gitlab => gitlab::write(report, text, out),
        Format::Json => json::write(report, out),
        Format::Junit => junit::write(report, text, out),
        Format::Rdjson => rdjson::write(report, text, out),
        Format::Sarif => {
            let log = to_sarif(report, rules);
            serde_json::to_writer_pretty(&mut *out, &log)?;
            writeln!(out)
        }
    }
}

/// `text` with every control character escaped (`\n`, `\u{1b}`), and the
/// invisible characters that reorder text (bidirectional overrides): what a
/// scanned file or its name holds must not move the cursor, ring the bell,
/// start a new line that a CI runner reads as a command, or show code in
/// another order than it runs. For paths and messages.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unprintable) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unprintable(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A source line for a code frame: every character [`printable`] would
/// escape becomes one `\u{fffd}`, so that columns still line up with the
/// carets; a tab becomes a space.
pub(crate) fn printable_snippet(line: &str) -> String {
    line.chars()
        .map(|c| {
            if c == '\t' {
                ' '
            } else if is_unprintable(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// Control characters (C0, DEL, C1) and the bidirectional formatting characters.
fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The word problem matchers and GitHub understand for a level.
pub(crate) fn severity_word(level: crate::diagnostic::Level) -> &'static str {
    match level {
        crate::diagnostic::Level::Error => "error",
        crate::diagnostic::Level::Warning => "warning",
        crate::diagnostic::Level::Note => "notice",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_escapes_control_and_reordering_characters() {
        assert_eq!(printable("a.py"), "a.py");
        assert_eq!(printable("x\n::error file=a.py::owned.py"), "x\\n::error file=a.py::owned.py");
        assert_eq!(printable("bell\u{7}esc\u{1b}[31m\r\t"), "bell\\u{7}esc\\u{1b}[31m\\r\\t");
        assert_eq!(printable("admin\u{202e}txt.py"), "admin\\u{202e}txt.py");
        assert_eq!(printable("\u{85}é😀"), "\\u{85}é😀");
    }

    #[test]
    fn snippets_keep_one_character_per_character() {
        assert_eq!(printable_snippet("a\u{1b}[2Jb\tc"), "a\u{fffd}[2Jb c");
    }
}
