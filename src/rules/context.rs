//! The context a rule's check runs with on one file.

use std::cell::OnceCell;

use tree_sitter::{Node, Query, Tree};

use crate::config::Settings;
use crate::diagnostic::{Finding, Level, Location};
use crate::lang::{self, Family, db, handlers, python, rust, typescript};
use crate::rules::Match;
use crate::source::SourceFile;

/// Facts about a file that several rules need, computed at most once per file
/// on first use and shared by every rule that runs on it.
#[derive(Default)]
pub struct FileFacts<'t> {
    nodes: OnceCell<lang::NodeIndex<'t>>,
    python_imports: OnceCell<python::Imports>,
    typescript_imports: OnceCell<typescript::Imports>,
    rust_uses: OnceCell<rust::Uses>,
    handlers: OnceCell<Vec<handlers::Handler>>,
    /// Routes registered with handlers of other modules (filled with `handlers`).
    route_references: OnceCell<Vec<handlers::Reference>>,
    db: OnceCell<db::DbFacts>,
    db_calls: OnceCell<Vec<db::DbCall<'t>>>,
    is_test: OnceCell<bool>,
    is_browser_code: OnceCell<bool>,
}

impl<'t> FileFacts<'t> {
    /// The facts of a file whose place in the tests layer is already known.
    pub fn new(is_test: bool) -> FileFacts<'t> {
        FileFacts { is_test: OnceCell::from(is_test), ..FileFacts::default() }
    }

    /// Whether a rule judged the file browser code (see
    /// [`FileContext::is_browser_code`]); `false` when none asked.
    pub fn judged_browser_code(&self) -> bool {
        self.is_browser_code.get().copied().unwrap_or(false)
    }

    /// The file's node index, built on first use.
    pub fn node_index(&self, language: lang::Language, tree: &'t Tree) -> &lang::NodeIndex<'t> {
        self.nodes.get_or_init(|| lang::NodeIndex::build(language, tree))
    }
}

/// What a rule sees of one file.
pub struct FileContext<'a> {
    pub file: &'a SourceFile,
    pub tree: &'a Tree,
    pub settings: &'a Settings,
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
    pub(crate) facts: &'a FileFacts<'a>,
}

impl<'a> FileContext<'a> {
    pub fn source(&self) -> &'a str {
        &self.file.text
    }

    pub fn root(&self) -> Node<'a> {
        self.tree.root_node()
    }

    pub fn text(&self, node: Node<'_>) -> &'a str {
        lang::text(node, &self.file.text)
    }

    pub fn location(&self, node: Node<'_>) -> Location {
        self.file.node_location(node)
    }

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

    /// A finding of this rule at `node`.
    pub fn finding(&self, node: Node<'_>, message: impl Into<String>) -> Finding {
        self.finding_at(self.location(node), message)
    }

    /// A finding of this rule at a location.
    pub fn finding_at(&self, location: Location, message: impl Into<String>) -> Finding {
        Finding {
            rule: self.rule,
            level: self.level,
            message: message.into(),
            location,
            related: Vec::new(),
            flow: Vec::new(),
            snippet: String::new(),
            fingerprint: String::new(),
            redactions: Vec::new(),
        }
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

    /// The nodes of the file of any of `kinds` (named node kinds of the
    /// file's grammar), in document order. The first call builds an index
    /// of the whole tree in one traversal; every rule shares it, so prefer
    /// this to walking the tree from the root.
    pub fn nodes(&self, kinds: &[&str]) -> Vec<Node<'a>> {
        self.node_index().of_kinds(kinds)
    }

    /// The file's node index (see [`FileContext::nodes`]).
    pub fn node_index(&self) -> &'a lang::NodeIndex<'a> {
        self.facts.node_index(self.file.language, self.tree)
    }

    /// Whether the file is JavaScript/TypeScript that runs in the browser
    /// (`lang::typescript::is_browser_code`, or a file of a front-end
    /// package, or matched by `[layers] browser`, and not by `[layers]
    /// server`): the server-side rules
    /// (timeouts, swallowed errors, hard-coded URLs and secrets) leave it
    /// alone. Decided once per file.
    pub fn is_browser_code(&self) -> bool {
        *self.facts.is_browser_code.get_or_init(|| {
            let layers = &self.settings.layers;
            self.file.language.family() == lang::Family::TypeScript
                && !layers.server.is_match(&self.file.path)
                && (layers.browser.is_match(&self.file.path)
                    || self.file.in_front_end_package
                    || typescript::is_browser_code(&self.file.path, || {
                        self.typescript_imports().imports_ui_framework()
                    }))
        })
    }

    /// Whether the file is test code (`[layers] tests`), matched once per file.
    pub fn is_test(&self) -> bool {
        *self.facts.is_test.get_or_init(|| self.settings.layers.tests.is_match(&self.file.path))
    }

    /// The file's Python import bindings.
    pub fn python_imports(&self) -> &'a python::Imports {
        self.facts.python_imports.get_or_init(|| {
            python::Imports::from_nodes(self.nodes(&["import_statement", "import_from_statement"]), self.source())
        })
    }

    /// The file's TypeScript/JavaScript import and `require` bindings.
    pub fn typescript_imports(&self) -> &'a typescript::Imports {
        self.facts.typescript_imports.get_or_init(|| {
            typescript::Imports::from_nodes(self.nodes(&["import_statement", "variable_declarator"]), self.source())
        })
    }

    /// The file's Rust `use` bindings.
    pub fn rust_uses(&self) -> &'a rust::Uses {
        self.facts.rust_uses.get_or_init(|| rust::Uses::from_nodes(self.nodes(&["use_declaration"]), self.source()))
    }

    /// The file's route handlers (see [`handlers`]).
    pub fn handlers(&self) -> &'a [handlers::Handler] {
        self.facts.handlers.get_or_init(|| match self.file.language.family() {
            // A file without the text of any handler form is skipped before
            // its nodes and imports are read.
            Family::Python if !handlers::python::may_define(self.source()) => Vec::new(),
            Family::Python => {
                let (found, references) =
                    handlers::python::find_with_references(self.node_index(), self.source(), self.python_imports());
                let _ = self.facts.route_references.set(references);
                found
            }
            Family::TypeScript => {
                let (found, references) = handlers::typescript::find_with_references(
                    self.node_index(),
                    self.root(),
                    self.source(),
                    &self.file.path,
                    self.typescript_imports(),
                );
                let _ = self.facts.route_references.set(references);
                found
            }
            Family::Rust => {
                let (found, references) = handlers::rust::find_with_references(self.root(), self.source());
                let _ = self.facts.route_references.set(references);
                found
            }
        })
    }

    /// The routes the file registers with handlers defined in other modules
    /// (see [`handlers::Reference`]).
    pub fn route_references(&self) -> &'a [handlers::Reference] {
        self.handlers();
        self.facts.route_references.get().map_or(&[], Vec::as_slice)
    }

    /// The file's database analysis (receivers, constants, which functions
    /// query), computed once per file, and the questions rules ask through it.
    pub fn db(&self) -> db::Db<'a> {
        let family = self.file.language.family();
        let bindings = match family {
            Family::Python => db::Bindings::Python(self.python_imports()),
            Family::TypeScript => db::Bindings::TypeScript(self.typescript_imports()),
            Family::Rust => db::Bindings::Rust(self.rust_uses()),
        };
        let facts =
            self.facts.db.get_or_init(|| db::DbFacts::collect(|kinds| self.nodes(kinds), self.source(), bindings));
        let nodes = self.facts.node_index(self.file.language, self.tree);
        db::Db { family, root: self.root(), source: self.source(), bindings, facts, nodes, calls: &self.facts.db_calls }
    }
}
