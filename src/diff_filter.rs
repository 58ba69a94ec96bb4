//! `check --diff REF`: findings on lines changed since the merge base with a
//! git revision, for pull requests that should answer only for what they
//! change (the way review tools filter by diff).
//!
//! The changed lines come from `git diff --unified=0` against the merge base
//! (working tree included), plus every line of untracked files. A finding
//! counts when its primary or any related location is on a changed line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::diagnostic::Finding;

/// Changed lines per path (relative to the scan root); `None` for a file
/// that is new as a whole.
#[derive(Debug, Default)]
pub struct ChangedLines {
    files: BTreeMap<String, Option<BTreeSet<u32>>>,
}

impl ChangedLines {
    /// The lines changed in `root`'s repository since the merge base of
    /// `reference` and `HEAD`, keyed by path relative to `root` (git runs in
    /// `root`: `--relative` diff paths and `ls-files` paths are relative to it).
    pub fn since(root: &Path, reference: &str) -> Result<ChangedLines> {
        let git = |args: &[&str]| -> Result<String> {
            let output = Command::new("git")
                .arg("-C")
                .arg(root)
                .args(args)
                .output()
                .context("cannot run `git` (is it installed?)")?;
            if !output.status.success() {
                let stderr = String::from_utf8_lossy(&output.stderr);
                bail!("{}", stderr.lines().next().unwrap_or("git failed").trim());
            }
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        };
        git(&["rev-parse", "--show-prefix"])
            .map_err(|e| anyhow::anyhow!("--diff needs a git repository: `{}` is not in one ({e})", root.display()))?;
        let base = git(&["merge-base", reference, "HEAD"])
            .map_err(|e| anyhow::anyhow!("--diff {reference}: not a revision of this repository ({e})"))?;
        let diff = git(&["diff", "--unified=0", "--no-color", "--no-ext-diff", "--relative", base.trim()])?;
        let mut changed = ChangedLines::parse_diff(&diff);
        let untracked = git(&["ls-files", "--others", "--exclude-standard"])?;
        for path in untracked.lines() {
            changed.files.insert(path.to_string(), None);
        }
        Ok(changed)
    }

    /// Reads the new-side line ranges of a `git diff --unified=0`.
    fn parse_diff(diff: &str) -> ChangedLines {
        let mut changed = ChangedLines::default();
        let mut current: Option<String> = None;
        for line in diff.lines() {
            if let Some(path) = line.strip_prefix("+++ ") {
                current = path.strip_prefix("b/").map(str::to_string);
                if let Some(path) = &current {
                    changed.files.entry(path.clone()).or_insert_with(|| Some(BTreeSet::new()));
                }
            } else if let Some(hunk) = line.strip_prefix("@@ ")
                && let Some(path) = &current
            {
                // `@@ -a,b +c,d @@`: d lines from c (d omitted means 1).
                let new = hunk.split_whitespace().find_map(|part| part.strip_prefix('+'));
                let Some(new) = new else { continue };
                let (start, count) = match new.split_once(',') {
                    Some((start, count)) => (start.parse::<u32>().ok(), count.parse::<u32>().ok()),
                    None => (new.parse::<u32>().ok(), Some(1)),
                };
                if let (Some(start), Some(count), Some(Some(lines))) = (start, count, changed.files.get_mut(path)) {
                    lines.extend(start..start + count);
                }
            }
        }
        changed
    }

    /// Whether a finding touches a changed line.
    pub fn touches(&self, finding: &Finding) -> bool {
        let on = |path: &str, start: u32, end: u32| match self.files.get(path) {
            Some(None) => true,
            Some(Some(lines)) => lines.range(start..=end.max(start)).next().is_some(),
            None => false,
        };
        on(&finding.location.path, finding.location.start.line, finding.location.end.line)
            || finding.related.iter().any(|r| on(&r.location.path, r.location.start.line, r.location.end.line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_side_ranges_of_a_zero_context_diff() {
        let diff = "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n@@ -3,0 +4,2 @@\n+x\n+y\n@@ -10 +12 @@\n-a\n+b\n@@ -20,3 +22,0 @@\n-c\ndiff --git a/gone.py b/gone.py\n--- a/gone.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n";
        let changed = ChangedLines::parse_diff(diff);
        let lines: Vec<u32> = changed.files["app.py"].as_ref().unwrap().iter().copied().collect();
        assert_eq!(lines, [4, 5, 12]);
        assert!(!changed.files.contains_key("gone.py"));
    }
}
