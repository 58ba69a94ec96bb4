//! Suppression comments: `backlint: ignore[rule-id, ...] -- reason` on a
//! finding's line (or on its own line just above it) and
//! `backlint: ignore-file[rule-id, ...]` anywhere in a file. They are read
//! from comment nodes only, never from string literals.

use tree_sitter::Tree;

use crate::lang::{Comment, Language, directive_target_line};

/// One suppression comment.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Suppression {
    /// 0-based line the comment is on.
    pub comment_line: usize,
    /// 0-based line it applies to; `None` for a whole-file suppression.
    pub target_line: Option<usize>,
    /// Rule ids it names; empty means every rule.
    pub rules: Vec<String>,
    /// How many findings it suppressed, per named rule (or one count when
    /// it names none).
    pub used: Vec<bool>,
}

impl Suppression {
    /// Whether this suppression covers a finding of `rule` on 0-based `line`,
    /// marking it used when it does.
    pub fn covers(&mut self, rule: &str, line: usize) -> bool {
        if self.target_line.is_some_and(|target| target != line) {
            return false;
        }
        if self.rules.is_empty() {
            if let Some(used) = self.used.first_mut() {
                *used = true;
            }
            return true;
        }
        match self.rules.iter().position(|r| r == rule) {
            Some(i) => {
                self.used[i] = true;
                true
            }
            None => false,
        }
    }
}

/// The marker every suppression comment holds.
pub const MARKER: &str = "backlint:";

/// Parses the suppressions among a file's comments (those holding [`MARKER`]).
pub fn collect(comments: &[Comment<'_>], language: Language, tree: &Tree, source: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    for comment in comments {
        let Some(at) = comment.text.find(MARKER) else { continue };
        let directive = comment.text[at + MARKER.len()..].trim_start();
        let (file_wide, rest) = if let Some(rest) = directive.strip_prefix("ignore-file") {
            (true, rest)
        } else if let Some(rest) = directive.strip_prefix("ignore") {
            (false, rest)
        } else {
            continue;
        };
        let rules: Vec<String> = match rest.strip_prefix('[') {
            Some(list) => match list.split_once(']') {
                Some((ids, _)) => ids.split(',').map(|id| id.trim().to_string()).filter(|id| !id.is_empty()).collect(),
                None => continue,
            },
            None if rest.is_empty() || rest.starts_with(char::is_whitespace) => Vec::new(),
            None => continue,
        };
        let used = vec![false; rules.len().max(1)];
        let target_line = (!file_wide).then(|| directive_target_line(comment, language, tree, source));
        out.push(Suppression { comment_line: comment.line, target_line, rules, used });
    }
    out
}
