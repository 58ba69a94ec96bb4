//! Baselines: the findings a repository accepts for now, so that a check
//! reports only new ones (`check --write-baseline FILE`, then `check
//! --baseline FILE`).
//!
//! A baseline is sorted, reviewable JSON: one entry per finding with its
//! rule, path, the GitHub line hash of its primary line (content-based, so
//! moving code up or down does not resurrect a finding) and a short masked
//! snippet for the reader. Matching counts: two identical findings in the
//! baseline cover two in the scan, not more.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::diagnostic::Finding;

/// The format version written and accepted.
const VERSION: u32 = 1;

/// Snippets are cut to this many characters.
const SNIPPET_CHARS: usize = 80;

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    /// GitHub's `primaryLocationLineHash` of the finding's first line.
    pub fingerprint: String,
    /// The start of the line, secrets masked: for the reader, and to match a
    /// finding whose line hash changed with the lines after it.
    #[serde(default)]
    pub snippet: String,
}

impl Baseline {
    /// The baseline of a scan's findings, sorted.
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .iter()
            .map(|f| Entry {
                rule: f.rule.to_string(),
                path: f.location.path.to_string(),
                fingerprint: f.fingerprint.clone(),
                snippet: snippet_of(f),
            })
            .collect();
        entries.sort();
        Baseline { version: VERSION, findings: entries }
    }

    /// Reads a baseline; errors name the file and, for JSON that does not
    /// parse or does not fit, the line and column.
    pub fn read(path: &Path) -> Result<Baseline> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("cannot read baseline `{}`", path.display()))?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!("baseline `{}` line {} column {}: {e}", path.display(), e.line(), e.column())
        })?;
        if baseline.version != VERSION {
            bail!(
                "baseline `{}` has version {}; this backlint reads version {VERSION}: write it again with --write-baseline",
                path.display(),
                baseline.version
            );
        }
        Ok(baseline)
    }

    /// The baseline as written to a file: pretty JSON and a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serializes");
        text.push('\n');
        text
    }

    /// Removes the findings the baseline accepts; returns the baseline's
    /// entries that matched no finding (fixed since it was written). A
    /// finding matches an unused entry of its rule and path with the same
    /// line hash, or else with the same line text: the hash also covers the
    /// lines after it, which an edit below may change.
    pub fn filter(&self, findings: &mut Vec<Finding>) -> Vec<Entry> {
        let mut unused: BTreeMap<(&str, &str, &str), Vec<usize>> = BTreeMap::new();
        let mut by_text: BTreeMap<(&str, &str, &str), Vec<usize>> = BTreeMap::new();
        for (i, entry) in self.findings.iter().enumerate() {
            unused.entry((&entry.rule, &entry.path, &entry.fingerprint)).or_default().push(i);
            by_text.entry((&entry.rule, &entry.path, &entry.snippet)).or_default().push(i);
        }
        let mut used = vec![false; self.findings.len()];
        let take = |candidates: Option<&Vec<usize>>, used: &mut Vec<bool>| {
            let i = candidates?.iter().copied().find(|&i| !used[i])?;
            used[i] = true;
            Some(i)
        };
        let mut kept = vec![true; findings.len()];
        for (k, f) in findings.iter().enumerate() {
            let key = (f.rule, &*f.location.path, f.fingerprint.as_str());
            if take(unused.get(&key), &mut used).is_some() {
                kept[k] = false;
            }
        }
        for (k, f) in findings.iter().enumerate() {
            if !kept[k] {
                continue;
            }
            let text = snippet_of(f);
            let key = (f.rule, &*f.location.path, text.as_str());
            if take(by_text.get(&key), &mut used).is_some() {
                kept[k] = false;
            }
        }
        let mut keep = kept.into_iter();
        findings.retain(|_| keep.next().unwrap_or(true));
        self.findings.iter().zip(used).filter(|(_, used)| !used).map(|(e, _)| e.clone()).collect()
    }
}

/// A finding's line as a baseline keeps it: trimmed, printable, secrets
/// masked, cut to [`SNIPPET_CHARS`].
fn snippet_of(finding: &Finding) -> String {
    crate::report::printable_snippet(finding.snippet.trim()).chars().take(SNIPPET_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Level, Location, Position};

    fn finding(rule: &'static str, path: &str, line: u32, fingerprint: &str) -> Finding {
        finding_on(rule, path, line, fingerprint, fingerprint)
    }

    fn finding_on(rule: &'static str, path: &str, line: u32, fingerprint: &str, text: &str) -> Finding {
        Finding {
            rule,
            level: Level::Warning,
            message: "m".into(),
            location: Location {
                path: path.into(),
                start: Position { line, column: 1 },
                end: Position { line, column: 2 },
                bytes: 0..1,
            },
            related: Vec::new(),
            flow: Vec::new(),
            snippet: format!("  line {text}  "),
            fingerprint: fingerprint.into(),
            redactions: Vec::new(),
        }
    }

    #[test]
    fn accepted_findings_are_filtered_by_content_not_line_and_counted() {
        let baseline = Baseline::of(&[finding("r", "a.py", 3, "h1:1"), finding("r", "a.py", 9, "h2:1")]);
        // The first moved down ten lines; a second copy of it is new; the second is fixed.
        let mut now = vec![finding("r", "a.py", 13, "h1:1"), finding("r", "a.py", 20, "h1:1")];
        let fixed = baseline.filter(&mut now);
        assert_eq!(now.len(), 1);
        assert_eq!(now[0].location.start.line, 20);
        assert_eq!(fixed.iter().map(|e| e.fingerprint.as_str()).collect::<Vec<_>>(), ["h2:1"]);
        // An edit below changed the line hash; the line's text still matches.
        let mut edited = vec![finding_on("r", "a.py", 5, "h9:1", "h2:1")];
        assert!(baseline.filter(&mut edited).len() == 1 && edited.is_empty());
    }

    #[test]
    fn written_baselines_read_back_and_bad_ones_say_where() {
        let baseline = Baseline::of(&[finding("r", "b.py", 1, "h:1"), finding("q", "a.py", 1, "g:1")]);
        assert_eq!(baseline.findings[0].rule, "q", "sorted");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        std::fs::write(&path, baseline.to_json()).unwrap();
        assert_eq!(Baseline::read(&path).unwrap(), baseline);
        std::fs::write(&path, "{\n  \"version\": 1,\n  \"findings\": [ {\"rule\": 3} ]\n}\n").unwrap();
        let error = Baseline::read(&path).unwrap_err().to_string();
        assert!(error.contains("baseline.json` line 3"), "{error}");
    }
}
