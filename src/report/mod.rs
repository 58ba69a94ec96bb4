//! Reporters: the same [`ScanReport`] written as human text, one-line
//! `concise` output, GitHub workflow commands, JSON or SARIF 2.1.0.
//!
//! Invariant: every format except `text` on a terminal (which adds colour and
//! the elapsed time) is a pure function of the report: same findings, same
//! bytes.

mod concise;
mod github;
mod json;
mod sarif;
mod text;

use std::io::{self, Write};

use clap::ValueEnum;

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
    /// A stable JSON document (see README).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
}

/// How a text report is decorated.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextOptions {
    pub color: bool,
    /// Show the elapsed time in the summary.
    pub timing: bool,
    /// Leave out notifications and the summary.
    pub quiet: bool,
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
        Format::Concise => concise::write(report, text.quiet, out),
        Format::Github => github::write(report, out),
        Format::Json => json::write(report, out),
        Format::Sarif => {
            let log = to_sarif(report, rules);
            serde_json::to_writer_pretty(&mut *out, &log)?;
            writeln!(out)
        }
    }
}

/// The word problem matchers and GitHub understand for a level.
pub(crate) fn severity_word(level: crate::diagnostic::Level) -> &'static str {
    match level {
        crate::diagnostic::Level::Error => "error",
        crate::diagnostic::Level::Warning => "warning",
        crate::diagnostic::Level::Note => "notice",
    }
}
