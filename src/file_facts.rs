//! The facts of one file that rules and the project index share: its tree,
//! its node index, import bindings, handlers, database analysis, and where
//! it sits (tests, browser code). Each is computed at most once per file, on
//! first use, whoever asks first ([`FileFacts`]), and asked through a
//! [`FileView`]. Below the rules: a rule's `FileContext` is a view plus the
//! rule's own id, level, options and query matches.

use std::cell::OnceCell;

use tree_sitter::{Node, Tree};

use crate::config::Settings;
use crate::diagnostic::Location;
use crate::lang::{self, Family, db, handlers, python, rust, typescript};
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
    file_functions: db::FileFunctions<'t>,
    sql_candidates: OnceCell<Vec<Node<'t>>>,
    sql_statements: OnceCell<Vec<Node<'t>>>,
    is_test: OnceCell<bool>,
    is_browser_code: OnceCell<bool>,
}

impl<'t> FileFacts<'t> {
    /// The facts of a file whose place in the tests layer is already known.
    pub fn new(is_test: bool) -> FileFacts<'t> {
        FileFacts { is_test: OnceCell::from(is_test), ..FileFacts::default() }
    }

    /// Whether a rule judged the file browser code (see
    /// [`FileView::is_browser_code`]); `false` when none asked.
    pub fn judged_browser_code(&self) -> bool {
        self.is_browser_code.get().copied().unwrap_or(false)
    }

    /// The file's top-level functions by name, listed on first use (shared
    /// by the rules' `Db` and the project facts).
    pub fn file_functions(&self) -> &db::FileFunctions<'t> {
        &self.file_functions
    }

    /// The file's node index if it was built (not past the deadline or on
    /// a bug).
    pub fn built_node_index(&self) -> Option<&lang::NodeIndex<'t>> {
        self.nodes.get()
    }

    /// The file's node index, built on first use.
    pub fn node_index(&self, language: lang::Language, tree: &'t Tree) -> &lang::NodeIndex<'t> {
        self.nodes.get_or_init(|| lang::NodeIndex::build(language, tree))
    }
}

/// One file as the analysis sees it: its text, tree, settings and shared facts.
#[derive(Clone, Copy)]
pub struct FileView<'a> {
    pub file: &'a SourceFile,
    pub tree: &'a Tree,
    pub settings: &'a Settings,
    pub facts: &'a FileFacts<'a>,
}

impl<'a> FileView<'a> {
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

    /// The nodes of the file of any of `kinds` (named node kinds of the
    /// file's grammar), in document order. The first call builds an index
    /// of the whole tree in one traversal; every rule shares it, so prefer
    /// this to walking the tree from the root.
    pub fn nodes(&self, kinds: &[&'static str]) -> Vec<Node<'a>> {
        self.node_index().of_kinds(kinds)
    }

    /// The file's node index (see [`FileView::nodes`]).
    pub fn node_index(&self) -> &'a lang::NodeIndex<'a> {
        self.facts.node_index(self.file.language, self.tree)
    }

    /// The innermost ancestor of `node` of one of `kinds` (kinds the node
    /// index keeps), from the index's parent links
    /// (`NodeIndex::ancestor_of_kind`): no root-down `Node::parent` walks.
    pub fn ancestor_of_kind(&self, node: Node<'a>, kinds: &[&str]) -> Option<Node<'a>> {
        self.node_index().ancestor_of_kind(node, kinds)
    }

    /// The id of the innermost function (or other scope) of `kinds` around
    /// `node`, 0 at the top level: the key of per-scope tables.
    pub fn scope_id(&self, node: Node<'a>, kinds: &[&str]) -> usize {
        self.ancestor_of_kind(node, kinds).map_or(0, |f| f.id())
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
        self.facts.typescript_imports.get_or_init(|| typescript::Imports::from_index(self.node_index(), self.source()))
    }

    /// The file's Rust `use` bindings.
    pub fn rust_uses(&self) -> &'a rust::Uses {
        self.facts.rust_uses.get_or_init(|| rust::Uses::from_nodes(self.nodes(&["use_declaration"]), self.source()))
    }

    /// The import bindings that qualify the file's connection calls
    /// (`handlers::connections::sites`).
    pub fn connection_bindings(&self) -> handlers::connections::Bindings<'a> {
        match self.file.language.family() {
            Family::Python => handlers::connections::Bindings::Python(self.python_imports()),
            Family::TypeScript => handlers::connections::Bindings::TypeScript(self.typescript_imports()),
            Family::Rust => handlers::connections::Bindings::Rust(self.rust_uses()),
        }
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
            Family::Rust if !handlers::rust::may_define(self.source()) => Vec::new(),
            Family::Rust => {
                let (found, references) = handlers::rust::find_with_references(self.node_index(), self.source());
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
        db::Db {
            family,
            root: self.root(),
            source: self.source(),
            bindings,
            facts,
            nodes,
            calls: &self.facts.db_calls,
            functions: self.facts.file_functions(),
        }
    }

    /// The file's string literals whose text starts with a SQL statement
    /// keyword (`Db::starts_like_sql`), in document order, found once per
    /// file: most files have none, and the few that pass are then judged by
    /// `Db::is_sql_literal`.
    pub fn sql_candidates(&self) -> &'a [Node<'a>] {
        self.facts.sql_candidates.get_or_init(|| {
            let db = self.db();
            self.nodes(lang::STRING_KINDS).into_iter().filter(|n| db.starts_like_sql(*n)).collect()
        })
    }

    /// Of [`FileView::sql_candidates`], the literals that are SQL statements
    /// (`Db::is_sql_literal`, which parses them), in document order: each is
    /// parsed once per file, whoever asks first.
    pub fn sql_statements(&self) -> &'a [Node<'a>] {
        self.facts.sql_statements.get_or_init(|| {
            let db = self.db();
            self.sql_candidates().iter().copied().filter(|n| db.is_sql_literal(*n)).collect()
        })
    }

    /// Whether the literal `node` is one of [`FileView::sql_statements`].
    pub fn is_sql_statement(&self, node: Node<'_>) -> bool {
        let statements = self.sql_statements();
        statements
            .binary_search_by_key(&node.start_byte(), |n| n.start_byte())
            .is_ok_and(|i| statements[i].id() == node.id())
    }
}
