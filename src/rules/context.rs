//! The context a rule's check runs with on one file: the file's shared
//! facts ([`FileView`], which it dereferences to) and the rule's own id,
//! level, options and query matches.

use tree_sitter::{Node, Query};

use crate::diagnostic::{Finding, Level, Location};
use crate::file_facts::FileView;
use crate::rules::Match;

/// What a rule sees of one file.
pub struct FileContext<'a> {
    pub view: FileView<'a>,
    /// The rule's id.
    pub rule: &'static str,
    /// The level the rule's findings are reported at (after config).
    pub level: Level,
    /// The rule's options from `[rules.<id>]`.
    pub options: &'a toml::Table,
    /// The combined query of all rules for this grammar (for capture names).
    pub(crate) query: Option<&'a Query>,
    /// This rule's matches in this file, in document order.
    pub(crate) matches: &'a [Match<'a>],
}

impl<'a> std::ops::Deref for FileContext<'a> {
    type Target = FileView<'a>;

    fn deref(&self) -> &FileView<'a> {
        &self.view
    }
}

impl<'a> FileContext<'a> {
    /// Calls `f` with each match of the rule's query for this file's grammar,
    /// in document order. Does nothing when the rule has no query for this
    /// language. (The engine ran every rule's patterns in one traversal.)
    pub fn for_each_match(&self, mut f: impl FnMut(&Match<'a>)) {
        for m in self.matches {
            f(m);
        }
    }

    /// The node captured as `name` in a match of this rule's query.
    pub fn capture(&self, m: &Match<'a>, name: &str) -> Option<Node<'a>> {
        let index = self.query?.capture_index_for_name(name)?;
        m.captures.iter().find(|(i, _)| *i == index).map(|(_, node)| *node)
    }

    /// Every node captured as `name` in a match (quantified captures).
    pub fn captures(&self, m: &Match<'a>, name: &str) -> Vec<Node<'a>> {
        let Some(index) = self.query.and_then(|q| q.capture_index_for_name(name)) else { return Vec::new() };
        m.captures.iter().filter(|(i, _)| *i == index).map(|(_, node)| *node).collect()
    }

    /// The route handlers a handler rule judges here: the file's handlers,
    /// none in test code.
    pub fn judged_handlers(&self) -> &'a [crate::lang::handlers::Handler] {
        if self.is_test() { &[] } else { self.handlers() }
    }

    /// A finding of this rule at `node`.
    pub fn finding(&self, node: Node<'_>, message: impl Into<String>) -> Finding {
        self.finding_at(self.location(node), message)
    }

    /// A finding of this rule at a location.
    pub fn finding_at(&self, location: Location, message: impl Into<String>) -> Finding {
        Finding::new(self.rule, self.level, location, message)
    }

    /// An integer option, or `default` when it is not set.
    pub fn option_int(&self, name: &str, default: i64) -> i64 {
        self.options.get(name).and_then(toml::Value::as_integer).unwrap_or(default)
    }

    /// A boolean option, or `default` when it is not set.
    pub fn option_bool(&self, name: &str, default: bool) -> bool {
        self.options.get(name).and_then(toml::Value::as_bool).unwrap_or(default)
    }

    /// A list-of-strings option, or empty when it is not set.
    pub fn option_strings(&self, name: &str) -> Vec<&'a str> {
        self.options
            .get(name)
            .and_then(toml::Value::as_array)
            .map(|a| a.iter().filter_map(toml::Value::as_str).collect())
            .unwrap_or_default()
    }
}
