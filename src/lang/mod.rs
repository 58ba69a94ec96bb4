//! Languages backlint understands: file detection, grammars, per-thread parsers
//! and the shared syntax knowledge every rule asks (one module per family).
//!
//! Invariant: parsing never fails. A file with syntax errors still yields a tree
//! (with `ERROR` nodes) and is analysed; the engine only counts it.

pub mod crypto;
pub mod db;
pub mod handlers;
pub mod http;
pub mod python;
pub mod rust;
pub mod strings;
pub mod typescript;
pub mod values;
pub mod web;

use std::cell::RefCell;
use std::path::Path;

use serde::Serialize;
use tree_sitter::{Node, Parser, Tree};

/// A concrete grammar. TypeScript and TSX are different grammars; `.js`, `.jsx`,
/// `.mjs` and `.cjs` use the JavaScript grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub enum Language {
    Python,
    TypeScript,
    Tsx,
    JavaScript,
    Rust,
}

/// A family of grammars that share rule logic and query files
/// (`queries/<family>/<rule-id>.scm`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Python,
    /// TypeScript, TSX and JavaScript.
    TypeScript,
    Rust,
}

impl Language {
    pub const ALL: [Language; 5] =
        [Language::Python, Language::TypeScript, Language::Tsx, Language::JavaScript, Language::Rust];

    /// The language of a path, from its extension. Declaration files (`.d.ts`)
    /// hold no runtime code and are not analysed.
    pub fn from_path(path: &Path) -> Option<Language> {
        let name = path.file_name()?.to_str()?;
        if name.ends_with(".d.ts") || name.ends_with(".d.mts") || name.ends_with(".d.cts") {
            return None;
        }
        match path.extension()?.to_str()? {
            "py" | "pyi" => Some(Language::Python),
            "ts" | "mts" | "cts" => Some(Language::TypeScript),
            "tsx" => Some(Language::Tsx),
            "js" | "jsx" | "mjs" | "cjs" => Some(Language::JavaScript),
            "rs" => Some(Language::Rust),
            _ => None,
        }
    }

    pub fn family(self) -> Family {
        match self {
            Language::Python => Family::Python,
            Language::TypeScript | Language::Tsx | Language::JavaScript => Family::TypeScript,
            Language::Rust => Family::Rust,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::JavaScript => "javascript",
            Language::Rust => "rust",
        }
    }

    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::Rust => tree_sitter_rust::LANGUAGE.into(),
        }
    }

    /// Whether `node` is a comment in this language's grammar.
    pub fn is_comment(self, node: Node<'_>) -> bool {
        matches!(node.kind_name(), "comment" | "line_comment" | "block_comment")
    }
}

impl Family {
    pub const ALL: [Family; 3] = [Family::Python, Family::TypeScript, Family::Rust];

    /// The folder name under `queries/` and the name used in rule metadata.
    pub fn name(self) -> &'static str {
        match self {
            Family::Python => "python",
            Family::TypeScript => "typescript",
            Family::Rust => "rust",
        }
    }

    pub fn from_name(name: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The grammars a query file of this family must compile against.
    pub fn languages(self) -> &'static [Language] {
        match self {
            Family::Python => &[Language::Python],
            Family::TypeScript => &[Language::TypeScript, Language::Tsx, Language::JavaScript],
            Family::Rust => &[Language::Rust],
        }
    }

    /// The comment leader fixtures and suppressions use in this family.
    pub fn comment_leader(self) -> &'static str {
        match self {
            Family::Python => "#",
            Family::TypeScript | Family::Rust => "//",
        }
    }
}

thread_local! {
    static PARSERS: RefCell<[Option<Parser>; 5]> = const { RefCell::new([None, None, None, None, None]) };
}

/// Parses `text` with this thread's parser for `language` (created on first use,
/// then reused for every file this thread parses).
pub fn parse(language: Language, text: &str) -> Tree {
    with_parser(language, |parser| {
        parser.parse(text, None).expect("no timeout or cancellation is set, so parsing always yields a tree")
    })
}

/// Like [`parse`], but gives up (`None`) once this thread's file budget has
/// passed ([`crate::deadline::passed`], asked from tree-sitter's progress
/// callback): some inputs with syntax errors make error recovery super-linear.
pub fn parse_within_budget(language: Language, text: &str) -> Option<Tree> {
    let bytes = text.as_bytes();
    let mut give_up = |_: &tree_sitter::ParseState| {
        if crate::deadline::passed() { std::ops::ControlFlow::Break(()) } else { std::ops::ControlFlow::Continue(()) }
    };
    with_parser(language, |parser| {
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut give_up);
        let tree = parser.parse_with_options(&mut |at, _| &bytes[at.min(bytes.len())..], None, Some(options));
        // A cancelled parse leaves the parser ready to resume that parse;
        // the next file starts afresh.
        parser.reset();
        tree
    })
}

/// Runs `f` with this thread's parser for `language`.
fn with_parser<T>(language: Language, f: impl FnOnce(&mut Parser) -> T) -> T {
    PARSERS.with(|parsers| {
        let mut parsers = parsers.borrow_mut();
        let parser = parsers[language.index()].get_or_insert_with(|| {
            let mut parser = Parser::new();
            parser
                .set_language(&language.grammar())
                .expect("bundled grammar is ABI-compatible with the tree-sitter runtime");
            parser
        });
        f(parser)
    })
}

/// A comment in a source file.
#[derive(Debug, Clone)]
pub struct Comment<'a> {
    /// 0-based line the comment starts on.
    pub line: usize,
    /// 0-based line the comment ends on.
    pub end_line: usize,
    /// The comment's text, including its leader.
    pub text: &'a str,
    /// Whether only whitespace precedes the comment on its line.
    pub own_line: bool,
}

/// All comments of a tree, in source order. Comments are read from comment
/// nodes only, so text inside string literals never counts.
pub fn comments<'a>(language: Language, tree: &Tree, source: &'a str) -> Vec<Comment<'a>> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        if language.is_comment(node) {
            let start = node.start_position();
            let line_start = node.start_byte() - start.column;
            let own_line = source[line_start..node.start_byte()].trim().is_empty();
            out.push(Comment {
                line: start.row,
                end_line: node.end_position().row,
                text: &source[node.byte_range()],
                own_line,
            });
        } else if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    out
}

/// The comments of a tree whose text contains `needle`, in source order.
/// Cheaper than [`comments`]: it searches the text and only asks the tree
/// about the places where `needle` occurs, so comments are still told apart
/// from strings by their nodes.
pub fn comments_containing<'a>(language: Language, tree: &Tree, source: &'a str, needle: &str) -> Vec<Comment<'a>> {
    let mut out: Vec<Comment<'a>> = Vec::new();
    let root = tree.root_node();
    for offset in memchr::memmem::find_iter(source.as_bytes(), needle) {
        let Some(node) = comment_at(language, root, offset) else { continue };
        if out.last().is_some_and(|c: &Comment<'_>| c.text.as_ptr() == source[node.byte_range()].as_ptr()) {
            continue;
        }
        let start = node.start_position();
        let line_start = node.start_byte() - start.column;
        out.push(Comment {
            line: start.row,
            end_line: node.end_position().row,
            text: &source[node.byte_range()],
            own_line: source[line_start..node.start_byte()].trim().is_empty(),
        });
    }
    out
}

/// Which suppression comments of other linters a rule honours: the team
/// already reviewed what they mark.
#[derive(Clone, Copy, Debug, Default)]
pub struct ForeignSuppressions<'a> {
    /// Codes of a `# noqa: ..` (flake8, Ruff) that cover the rule's finding.
    pub noqa: &'a [&'a str],
    /// Whether a bare `# noqa` (every code) covers it.
    pub bare_noqa: bool,
    /// Whether Bandit's `# nosec` covers it.
    pub nosec: bool,
    /// ESLint rules whose disabling covers it (`// eslint-disable-next-line
    /// no-console`, `// eslint-disable-line ..`, a block `/* eslint-disable
    /// .. */` for the rest of the file, or any of them without a rule list).
    pub eslint: &'a [&'a str],
}

/// Where `which` of the other linters' suppression comments stand in a
/// file: the 0-based lines they cover, and the line from which an ESLint
/// block covers the rest of the file.
pub fn foreign_suppressions(
    language: Language,
    tree: &Tree,
    source: &str,
    which: &ForeignSuppressions<'_>,
) -> (Vec<usize>, Option<usize>) {
    let mut lines = Vec::new();
    let mut from = None;
    if which.nosec && source.contains("nosec") {
        for comment in comments_containing(language, tree, source, "nosec") {
            lines.extend(comment.line..=comment.end_line);
        }
    }
    if (which.bare_noqa || !which.noqa.is_empty()) && source.contains("noqa") {
        for comment in comments_containing(language, tree, source, "noqa") {
            let Some((_, codes)) = comment.text.split_once("noqa") else { continue };
            let bare = !codes.trim_start().starts_with(':');
            if bare && which.bare_noqa || which.noqa.iter().any(|code| codes.contains(code)) {
                lines.extend(comment.line..=comment.end_line);
            }
        }
    }
    if !which.eslint.is_empty() && language.family() == Family::TypeScript && source.contains("eslint-disable") {
        for comment in comments_containing(language, tree, source, "eslint-disable") {
            let Some((_, rest)) = comment.text.split_once("eslint-disable") else { continue };
            let (directive, rules) = match rest.split_once(char::is_whitespace) {
                Some((directive, rules)) => (directive, rules),
                None => (rest.trim_end_matches("*/"), ""),
            };
            let rules = rules.split("--").next().unwrap_or("").trim().trim_end_matches("*/").trim();
            if !rules.is_empty() && !rules.split(',').any(|r| which.eslint.contains(&r.trim())) {
                continue;
            }
            match directive {
                "-next-line" => lines.push(comment.end_line + 1),
                "-line" => lines.push(comment.line),
                "" => from = from.or(Some(comment.line)),
                _ => {}
            }
        }
    }
    (lines, from)
}

/// The comment node covering byte `offset`, if any.
fn comment_at(language: Language, root: Node<'_>, offset: usize) -> Option<Node<'_>> {
    let mut node = root.descendant_for_byte_range(offset, offset + 1)?;
    loop {
        if language.is_comment(node) {
            return Some(node);
        }
        node = node.parent()?;
        if node.kind_name().ends_with("string") || node == root {
            return None;
        }
    }
}

/// The 0-based line a comment's directive applies to: its own line when it
/// trails code, otherwise the next line that holds code (skipping blank lines
/// and lines that hold only comments).
pub fn directive_target_line(comment: &Comment<'_>, language: Language, tree: &Tree, source: &str) -> usize {
    if !comment.own_line {
        return comment.line;
    }
    let root = tree.root_node();
    let mut offset = 0;
    for (line, text) in source.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += text.len();
        if line <= comment.end_line {
            continue;
        }
        let Some(indent) = text.find(|c: char| !c.is_whitespace()) else { continue };
        if comment_at(language, root, line_start + indent).is_none() {
            return line;
        }
    }
    source.split_inclusive('\n').count()
}

/// Code without its white space, to compare two spellings of one
/// expression (`self\n    .client` and `self.client`) or to search a body
/// for a token sequence whatever its layout.
pub fn without_white_space(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a comment's text (with its `#`, `//` or `/* */` markers) says
/// why in words: not a tool directive (`# noqa: E722`, `// eslint-disable-line`,
/// `# type: ignore`, `// @ts-ignore`) and not a marker of unfinished work
/// (`TODO`, `FIXME`, `XXX`), nor backlint's own fixture marker (`expect:`).
pub fn is_explanation(comment: &str) -> bool {
    let words = comment.trim_start_matches(['#', '/', '*', '!', ' ', '\t']).trim_end_matches(['*', '/', ' ']);
    let lower = words.to_ascii_lowercase();
    const DIRECTIVES: [&str; 18] = [
        "noqa",
        "nosec",
        "type:",
        "pylint:",
        "pyright:",
        "mypy:",
        "ruff:",
        "fmt:",
        "eslint",
        "@ts-",
        "istanbul ",
        "c8 ",
        "prettier-ignore",
        "jshint",
        "todo",
        "fixme",
        "xxx",
        "expect:",
    ];
    !lower.is_empty() && !DIRECTIVES.iter().any(|d| lower.starts_with(d))
}

/// Whether `source` contains any of `needles`: a cheap pre-filter (a
/// `memchr`-speed scan) that lets a rule skip a file that cannot hold what it
/// looks for, before touching the tree.
pub fn mentions_any(source: &str, needles: &[&str]) -> bool {
    needles.iter().any(|needle| source.contains(needle))
}

/// Words a whole file's text is searched for at once: what [`mentions_any`]
/// answers, in one pass of a multi-literal search (the regex crate's, over
/// the escaped words) where `mentions_any` makes one pass per word. For
/// the file-level pre-filters with many words, held in a `static`.
pub struct Words {
    words: &'static [&'static str],
    ignore_case: bool,
    /// Text that must follow a word for it to count (`::` after a crate
    /// name); empty for none.
    suffix: &'static str,
    search: std::sync::OnceLock<regex::Regex>,
}

impl Words {
    pub const fn new(words: &'static [&'static str]) -> Words {
        Words { words, ignore_case: false, suffix: "", search: std::sync::OnceLock::new() }
    }

    /// Words found in any ASCII case (`Changeme`, `CHANGEME`), as a search
    /// of the text's ASCII lowercase would find them (the words must be
    /// ASCII and lowercase).
    pub const fn ignoring_ascii_case(words: &'static [&'static str]) -> Words {
        Words { words, ignore_case: true, suffix: "", search: std::sync::OnceLock::new() }
    }

    /// Words found only where `suffix` follows them (`sqlx::` for the
    /// crate `sqlx`).
    pub const fn followed_by(words: &'static [&'static str], suffix: &'static str) -> Words {
        Words { words, ignore_case: false, suffix, search: std::sync::OnceLock::new() }
    }

    /// The words, as written.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Whether `text` contains one of the words.
    pub fn in_text(&self, text: &str) -> bool {
        if self.words.is_empty() {
            return false;
        }
        let search = self.search.get_or_init(|| {
            let pattern: Vec<String> = self.words.iter().map(|w| regex::escape(w)).collect();
            regex::RegexBuilder::new(&format!("(?:{}){}", pattern.join("|"), regex::escape(self.suffix)))
                .case_insensitive(self.ignore_case)
                .unicode(!self.ignore_case)
                .build()
                .expect("escaped words make a valid pattern")
        });
        search.is_match(text)
    }
}

/// The expression under any `await` and parentheses around it (`(await
/// x)`, `x.await`), as each grammar names them `await_expression` and
/// `parenthesized_expression`.
pub fn without_await(node: Node<'_>) -> Node<'_> {
    let mut node = node;
    while matches!(node.kind_name(), "await_expression" | "parenthesized_expression") {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// Text of a node.
pub fn text<'a>(node: Node<'_>, source: &'a str) -> &'a str {
    &source[node.byte_range()]
}

/// The fields a file gives a receiver it already binds (`self.repo = repo`
/// after `def __init__(self, repo: OrderRepository)`, `this.orders =
/// orders` after `constructor(orders: OrderService)`), with the receiver's
/// class. `assignment` is the grammar's assignment kind; `is_own_object`
/// tells `self`/`this`.
pub fn fields_given_receivers(
    nodes: &NodeIndex<'_>,
    source: &str,
    found: &[(String, String)],
    assignment: &'static str,
    is_own_object: impl Fn(Node<'_>) -> bool,
) -> Vec<(String, String)> {
    if found.is_empty() {
        return Vec::new();
    }
    let mut fields = Vec::new();
    for node in nodes.of_kinds(&[assignment]) {
        let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else { continue };
        if right.kind_name() != "identifier" || left.field("object").is_none_or(|o| !is_own_object(o)) {
            continue;
        }
        if let Some((_, class)) = found.iter().find(|(receiver, _)| receiver == text(right, source)) {
            fields.push((text(left, source).to_string(), class.clone()));
        }
    }
    fields
}

/// The (receiver, class) pairs a file binds, sorted, with the receivers
/// bound to two classes left out (a call on them names no one method).
pub fn known_receivers(mut found: Vec<(String, String)>) -> Vec<(String, String)> {
    found.sort();
    found.dedup();
    let ambiguous: Vec<String> = found.windows(2).filter(|w| w[0].0 == w[1].0).map(|w| w[0].0.clone()).collect();
    found.retain(|(receiver, _)| !ambiguous.contains(receiver));
    found
}

/// The name `text` starts with (empty when it starts with anything else):
/// of a call's text, the first name of its callee.
pub fn leading_name(text: &str) -> &str {
    let end = text.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '$' | '#'))).unwrap_or(text.len());
    &text[..end]
}

/// The name `node`'s text starts with ([`leading_name`]): of a call, the
/// first name of its callee, read off the text without asking the tree.
pub fn leading_name_of<'s>(node: Node<'_>, source: &'s str) -> &'s str {
    leading_name(source.get(node.start_byte()..).unwrap_or_default())
}

/// The children of `parent` before `node` (one of them), nearest first:
/// what calling `Node::prev_sibling` from `node` on gives, where each call
/// descends from the root to find the parent again.
pub fn earlier_siblings<'t>(node: Node<'t>, parent: Option<Node<'t>>) -> Vec<Node<'t>> {
    let Some(parent) = parent else { return Vec::new() };
    let mut before: Vec<Node<'t>> = parent.child_nodes().take_while(|c| *c != node).collect();
    before.reverse();
    before
}

/// Iterates over `node` and all its descendants in pre-order without recursion
/// (deeply nested code must not overflow the stack).
pub fn descendants<'t>(node: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    descendants_pruned(node, |_| false)
}

/// Like [`descendants`], but does not enter the subtrees of descendants for
/// which `prune` is true (they are not yielded either): e.g. the statements of
/// a function without those of the functions nested in it.
///
/// The open nodes' children are a stack of [`Children`] (on the heap, so
/// that deep trees cannot overflow the thread's stack): read by index where
/// a node has few, cheaper than a cursor's sibling steps.
pub fn descendants_pruned<'t>(node: Node<'t>, prune: impl Fn(Node<'t>) -> bool) -> impl Iterator<Item = Node<'t>> {
    let mut open: Vec<Children<'t>> = Vec::new();
    let mut root = Some(node);
    std::iter::from_fn(move || {
        let enter = |node: Node<'t>, open: &mut Vec<Children<'t>>| {
            crate::deadline::tick();
            let children = node.child_nodes();
            if children.count > 0 {
                open.push(children);
            }
            Some(node)
        };
        if let Some(root) = root.take() {
            return enter(root, &mut open);
        }
        loop {
            match open.last_mut()?.next() {
                Some(child) if !prune(child) => return enter(child, &mut open),
                Some(_) => {}
                None => {
                    open.pop();
                }
            }
        }
    })
}

/// Whether the tree below `node` is more than `limit` levels deep (one
/// traversal, stopping as soon as the limit is passed).
pub fn depth_exceeds(node: Node<'_>, limit: usize) -> bool {
    let mut cursor = node.walk();
    let mut depth = 0usize;
    loop {
        if cursor.goto_first_child() {
            depth += 1;
            if depth > limit {
                return true;
            }
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return false;
            }
            depth -= 1;
        }
    }
}

/// The nearest ancestor of `node` (excluding itself) whose kind is one of `kinds`.
pub fn ancestor_of_kind<'t>(node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let mut current = node.parent();
    while let Some(n) = current {
        if kinds.contains(&n.kind_name()) {
            return Some(n);
        }
        current = n.parent();
    }
    None
}

/// The innermost of `containers` (nodes of one tree, in document order, as
/// the node index gives them) that strictly encloses `node`: what
/// [`ancestor_of_kind`] finds, by comparing byte ranges instead of walking
/// parents (each `Node::parent` descends from the root), for a rule that
/// asks it of many nodes.
pub fn innermost_enclosing<'t>(containers: &[Node<'t>], node: Node<'_>) -> Option<Node<'t>> {
    // Containers that start after the node cannot enclose it; of those that
    // start before, the last one to enclose it is the innermost (pre-order).
    let before = containers.partition_point(|c| c.start_byte() <= node.start_byte());
    containers[..before]
        .iter()
        .rev()
        .copied()
        .find(|c| c.end_byte() >= node.end_byte() && c.byte_range() != node.byte_range())
}

/// Whether a loop stops at the first round whose `try` succeeds: `attempt`
/// is a `try` statement of the loop's `body` block, and its own block ends
/// by leaving the loop (`return`, `break`), or a later statement of the
/// body does (`for host in candidates: try: probe(host) except ..:
/// continue; return host`). A round that fails moves on to the next
/// attempt or candidate; the loop is a retry or a search, not a pass over
/// every item.
pub fn leaves_once_try_succeeds(body: Node<'_>, attempt: Node<'_>) -> bool {
    let leaves = |s: Node<'_>| matches!(s.kind_name(), "return_statement" | "break_statement");
    attempt.kind_name() == "try_statement"
        && attempt.parent().is_some_and(|p| p.id() == body.id())
        && (attempt
            .field("body")
            .and_then(|b| b.named_child_nodes().filter(|c| !c.is_extra()).last())
            .is_some_and(leaves)
            || body.named_child_nodes().skip_while(|s| s.id() != attempt.id()).skip(1).any(leaves))
}

/// Whether `node` sits in a branch that handles a failure, within its
/// function: an `except` / `catch` clause, the body of `if let Err(e) = ..`,
/// or a `match` arm `Err(..) =>` (a per-row fallback after a failed batch,
/// the removal of a half-written file after a failed dump): code that runs
/// when something failed, not on the ordinary path.
pub fn handles_a_failure<'t>(node: Node<'t>, index: &NodeIndex<'t>, source: &str) -> bool {
    let mut child = node;
    while let Some(n) = index.parent(child) {
        match n.kind_name() {
            "except_clause" | "catch_clause" => return true,
            "if_expression"
                if n.field("consequence") == Some(child)
                    && n.field("condition").is_some_and(|c| text(c, source).starts_with("let Err(")) =>
            {
                return true;
            }
            "match_arm" if n.field("pattern").is_some_and(|p| text(p, source).starts_with("Err(")) => return true,
            kind if kind.contains("function")
                || matches!(kind, "method_definition" | "lambda" | "closure_expression") =>
            {
                return false;
            }
            _ => {}
        }
        child = n;
    }
    false
}

/// Whether `text` may bind `name` (a text test before a tree walk that
/// tells): it holds `name` as a word followed by `=` (not `==` or `=>`),
/// `:` (a typed binding, Python's `:=`) or `in ` (a loop variable), or
/// after `let`, `const`, `var`, `for` or `mut`. A superset of the
/// bindings of every grammar, so that a `false` is sure.
pub fn may_bind(text: &str, name: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(name).any(|(i, _)| {
        let (before, after) = (&text[..i], &text[i + name.len()..]);
        if before.chars().next_back().is_some_and(|c| is_word(c) || c == '.') || after.starts_with(is_word) {
            return false;
        }
        let (next, previous) = (after.trim_start(), before.trim_end());
        (next.starts_with('=') && !next.starts_with("==") && !next.starts_with("=>"))
            || next.starts_with(':')
            || next.starts_with("in ")
            || [" let", " const", " var", " for", "(let", "mut"].iter().any(|k| previous.ends_with(k))
    })
}

/// The string literal node kinds of every grammar (Python `string`, TS/JS
/// `string` and `template_string`, Rust `string_literal` and
/// `raw_string_literal`), as the node index is asked for them.
pub const STRING_KINDS: &[&str] = &["string", "template_string", "string_literal", "raw_string_literal"];

/// Whether the qualified `name` is `module` or a name inside it
/// (`module.x` with `.` as separator), without building `"module."`.
pub fn is_or_within(name: &str, module: &str, separators: &[char]) -> bool {
    name.strip_prefix(module).is_some_and(|rest| rest.is_empty() || rest.starts_with(separators))
}

/// The named nodes of one tree bucketed by kind, built in one traversal and
/// shared by every rule that runs on the file, so that rules looking for a
/// few kinds of node do not each walk the whole tree.
pub struct NodeIndex<'t> {
    language: Language,
    /// The kept nodes in walk (document) order.
    nodes: Vec<Node<'t>>,
    /// Positions in `nodes`, grouped by kind id: kind id `k` owns
    /// `by_kind[start[k]..start[k + 1]]`, in walk order. Positions order
    /// `of_kinds` over several kinds without asking the tree for offsets.
    by_kind: Vec<u32>,
    start: Vec<u32>,
    /// For each kept node, the position of its nearest kept ancestor
    /// (`u32::MAX` for none): ancestors without `Node::parent`, which
    /// tree-sitter answers by descending from the root, scanning every
    /// level's children, so that climbing from each of a file's nodes costs
    /// time in the number of top-level items of the file.
    parents: Vec<u32>,
    /// The depth of the deepest node of the tree (the root is at 0), what
    /// [`depth_exceeds`] would walk the tree again to learn.
    deepest: u32,
    /// Kept kinds seen as leaves in this tree (debug builds check that no
    /// caller asks for them).
    #[cfg(debug_assertions)]
    leaf_kinds: Vec<u16>,
}

impl<'t> NodeIndex<'t> {
    pub fn build(language: Language, tree: &'t Tree) -> NodeIndex<'t> {
        let named = indexed_kinds(language);
        // A pre-order walk that keeps named nodes with children. The index
        // keeps no leaves, so a node whose children are all leaves (`f(a,
        // b)`'s argument list, `self.x`, a plain string) is not entered: its
        // descendant count (stored in the tree) is then its child count plus
        // one. That spares about a third of all steps. About a quarter of
        // all nodes are kept: reserving that spares most regrowth.
        let root = tree.root_node();
        let reserve = root.descendant_count() / 3;
        let mut nodes: Vec<Node<'t>> = Vec::with_capacity(reserve);
        let mut kinds: Vec<u16> = Vec::with_capacity(reserve);
        let mut counts = vec![0u32; named.len() + 1];
        let mut parents: Vec<u32> = Vec::with_capacity(reserve);
        let mut deepest = 0u32;
        // A pre-order walk over the nodes with children, each open node a
        // frame holding its children still to visit ([`Children`]: read by
        // index where a node has few, cheaper than a cursor's steps).
        struct Frame<'t> {
            children: Children<'t>,
            depth: u32,
            /// The position of the nearest kept node at or above this one.
            kept: u32,
        }
        let mut frames: Vec<Frame<'t>> = Vec::new();
        // Visits one node with children: keeps it if its kind is kept, and
        // opens a frame for it if some child has children of its own.
        let mut visit = |node: Node<'t>, children: u32, depth: u32, above: u32, frames: &mut Vec<Frame<'t>>| {
            crate::deadline::tick();
            // Children the walk does not enter are leaves one level down.
            deepest = deepest.max(depth + 1);
            let id = node.kind_id();
            let mut kept = above;
            if named.get(id as usize).copied().unwrap_or(false) {
                parents.push(above);
                kept = nodes.len() as u32;
                nodes.push(node);
                kinds.push(id);
                counts[id as usize] += 1;
            }
            if node.descendant_count() > children as usize + 1 {
                frames.push(Frame { children: node.child_nodes(), depth, kept });
            }
        };
        let children = root.child_count();
        if children > 0 {
            visit(root, children, 0, u32::MAX, &mut frames);
        }
        while let Some(frame) = frames.last_mut() {
            let Some(child) = frame.children.next() else {
                frames.pop();
                continue;
            };
            let grandchildren = child.child_count();
            if grandchildren > 0 {
                let (depth, kept) = (frame.depth + 1, frame.kept);
                visit(child, grandchildren, depth, kept, &mut frames);
            }
        }
        #[cfg(debug_assertions)]
        let leaf_kinds = {
            // Checks the shortcut against a full walk, and records the kept
            // kinds seen as leaves (which `of_kinds` must not be asked for).
            let mut leaf_kinds = Vec::new();
            let mut kept = 0;
            for node in descendants(tree.root_node()) {
                if named.get(node.kind_id() as usize).copied().unwrap_or(false) {
                    if node.child_count() > 0 {
                        kept += 1;
                    } else if !leaf_kinds.contains(&node.kind_id()) {
                        leaf_kinds.push(node.kind_id());
                    }
                }
            }
            assert_eq!(kept, nodes.len(), "the node index walk skipped a kept node");
            leaf_kinds
        };
        // Group the positions by kind (a counting sort, stable: walk order
        // within a kind).
        let mut start = Vec::with_capacity(counts.len());
        let mut total = 0u32;
        for count in &counts {
            start.push(total);
            total += count;
        }
        let mut next = start.clone();
        let mut by_kind = vec![0u32; nodes.len()];
        for (position, id) in kinds.into_iter().enumerate() {
            let at = &mut next[id as usize];
            by_kind[*at as usize] = position as u32;
            *at += 1;
        }
        NodeIndex {
            language,
            nodes,
            by_kind,
            start,
            parents,
            deepest,
            #[cfg(debug_assertions)]
            leaf_kinds,
        }
    }

    /// Whether some node of the tree lies more than `limit` levels below
    /// the root: [`depth_exceeds`] of the root, learnt during the build.
    pub fn depth_exceeds(&self, limit: usize) -> bool {
        self.deepest as usize > limit
    }

    /// The positions of the kept nodes of kind id `id`, in walk order.
    fn bucket(&self, id: usize) -> &[u32] {
        match (self.start.get(id), self.start.get(id + 1)) {
            (Some(&from), Some(&to)) => &self.by_kind[from as usize..to as usize],
            _ => &[],
        }
    }

    /// The kept nodes inside `node` (its descendants the index keeps, not
    /// `node` itself), in document order: a slice of the index found by two
    /// binary searches, so a rule that looks at every statement or branch of
    /// a function need not walk its subtree.
    pub fn inside(&self, node: Node<'t>) -> &[Node<'t>] {
        let (start, end) = (node.start_byte(), node.end_byte());
        let mut from = self.nodes.partition_point(|n| n.start_byte() < start);
        // Ancestors that start where `node` starts come before it in walk order.
        if let Some(at) = self.nodes[from..].iter().take_while(|n| n.start_byte() == start).position(|n| *n == node) {
            from += at + 1;
        }
        let to = from + self.nodes[from..].partition_point(|n| n.start_byte() < end);
        &self.nodes[from..to]
    }

    /// The innermost ancestor of `node` (any node of this tree) whose kind
    /// is one of `kinds`, as [`ancestor_of_kind`] but in time of the depth
    /// (and a binary search), whatever the number of top-level items. Every
    /// kind asked for must be kept by the index (named, with children).
    pub fn ancestor_of_kind(&self, node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
        debug_assert!(!kinds.iter().any(|k| UNINDEXED_KINDS.contains(k)));
        let found = self.indexed_ancestor_of_kind(node, kinds);
        debug_assert_eq!(found, ancestor_of_kind(node, kinds), "the node index's ancestors disagree with the tree's");
        found
    }

    fn indexed_ancestor_of_kind(&self, node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
        let mut at = self.nearest_kept_ancestor(node);
        while let Some(ancestor) = self.nodes.get(at as usize) {
            if kinds.contains(&ancestor.kind_name()) {
                return Some(*ancestor);
            }
            at = self.parents[at as usize];
        }
        None
    }

    /// The parent of `node` (any node of this tree), as `Node::parent`
    /// answers but from the nearest kept ancestor down (usually one step),
    /// where tree-sitter descends from the root scanning every level's
    /// children: climbing from a node asked once per call of a file costs
    /// time in the square of its top-level items.
    pub fn parent(&self, node: Node<'t>) -> Option<Node<'t>> {
        let found = match self.nodes.get(self.nearest_kept_ancestor(node) as usize) {
            Some(&ancestor) => {
                let mut above = ancestor;
                loop {
                    match above.child_with_descendant(node) {
                        Some(child) if child == node => break Some(above),
                        Some(child) => above = child,
                        None => break None,
                    }
                }
            }
            // Above every kept node: only the root, or what no kept node encloses.
            None => node.parent(),
        };
        debug_assert_eq!(
            found,
            node.parent(),
            "the node index's parent of {} at {} disagrees with the tree's",
            node.kind_name(),
            node.start_byte()
        );
        found
    }

    /// The ancestors of `node`, innermost first, each found by [`Self::parent`].
    pub fn ancestors(&self, node: Node<'t>) -> impl Iterator<Item = Node<'t>> + '_ {
        std::iter::successors(self.parent(node), |n| self.parent(*n))
    }

    /// The position of the nearest kept node that strictly encloses `node`
    /// (`u32::MAX` for none).
    fn nearest_kept_ancestor(&self, node: Node<'t>) -> u32 {
        let start = node.start_byte();
        let from = self.nodes.partition_point(|n| n.start_byte() < start);
        let upto = from + self.nodes[from..].partition_point(|n| n.start_byte() <= start);
        // The nearest kept ancestor: the parent of `node` itself when kept;
        // else found by climbing from the last kept node that starts where
        // or before it does (that node is the ancestor or one of its
        // descendants, in walk order).
        match self.nodes[from..upto].iter().position(|n| *n == node) {
            Some(k) => self.parents[from + k],
            None => {
                let mut at = upto.checked_sub(1).map_or(u32::MAX, |p| p as u32);
                while let Some(candidate) = self.nodes.get(at as usize) {
                    let encloses = candidate.start_byte() <= start && candidate.end_byte() >= node.end_byte();
                    // A kept descendant may span exactly what `node` spans.
                    let below =
                        candidate.byte_range() == node.byte_range() && node.child_with_descendant(*candidate).is_some();
                    if encloses && !below {
                        break;
                    }
                    at = self.parents[at as usize];
                }
                at
            }
        }
    }

    /// The kept node just before `node` (a node the index keeps) among the
    /// kept nodes under the same nearest kept ancestor: for an item, the
    /// attribute or item above it, as `Node::prev_named_sibling` answers but
    /// passing over what the index does not keep (plain comments, leaves).
    /// In time of the depth, where `prev_named_sibling` climbs from the root
    /// and scans every earlier sibling: asked for each item of a file, that
    /// grows with the square of the number of items.
    pub fn previous_sibling(&self, node: Node<'t>) -> Option<Node<'t>> {
        let start = node.start_byte();
        let from = self.nodes.partition_point(|n| n.start_byte() < start);
        let at = from + self.nodes[from..].iter().take_while(|n| n.start_byte() == start).position(|n| *n == node)?;
        let parent = self.parents[at];
        // Walk order puts the previous sibling, or one of its descendants,
        // just before `node`: climb from there to the shared ancestor.
        let mut before = at.checked_sub(1)? as u32;
        while before != parent {
            if self.parents[before as usize] == parent {
                return Some(self.nodes[before as usize]);
            }
            before = self.parents[before as usize];
            if before == u32::MAX {
                return None;
            }
        }
        None
    }

    /// The nodes of any of `kinds`, in document order (a node before the
    /// nodes it contains).
    pub fn of_kinds(&self, kinds: &[&'static str]) -> Vec<Node<'t>> {
        debug_assert!(
            !kinds.iter().any(|k| UNINDEXED_KINDS.contains(k)),
            "the node index does not keep {kinds:?} (see UNINDEXED_KINDS)"
        );
        #[cfg(debug_assertions)]
        for kind in kinds {
            let leaf = ids_of_kind(self.language, kind).iter().any(|id| self.leaf_kinds.contains(id));
            assert!(!leaf, "the node index keeps no leaves, but `{kind}` occurs as a leaf in this tree");
        }
        // The non-empty buckets of the kinds, each kind's ids looked up once.
        let mut found = kinds
            .iter()
            .flat_map(|kind| ids_of_kind(self.language, kind))
            .map(|id| self.bucket(*id as usize))
            .filter(|bucket| !bucket.is_empty());
        let gather = |positions: &[u32]| positions.iter().map(|&p| self.nodes[p as usize]).collect();
        match (found.next(), found.next()) {
            (None, _) => Vec::new(),
            (Some(one), None) => gather(one),
            (Some(one), Some(two)) => {
                // Each bucket is in walk order already, and positions are
                // unique: sorting merges the runs.
                let mut merged: Vec<u32> = [one, two].into_iter().chain(found).flatten().copied().collect();
                merged.sort_unstable();
                gather(&merged)
            }
        }
    }
}

/// Slots of the per-thread caches of names by address ([`ids_of_kind`],
/// [`field_id`]).
const NAME_SLOTS: usize = 1024;

/// The slot of a name's address (mixed with `salt`, the grammar) in a cache
/// of [`NAME_SLOTS`] entries: a multiplicative hash of the address.
fn name_slot(name: &str, salt: usize) -> usize {
    let address = (name.as_ptr() as usize ^ salt) as u64;
    (address.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - NAME_SLOTS.trailing_zeros())) as usize
}

/// The symbol ids of the named node kind `kind` in `language`'s grammar
/// (empty for a kind the grammar lacks), as [`kind_ids`] answers. Kinds are
/// string literals of the rules: a per-thread cache slotted by the
/// name's address answers with one comparison of addresses instead of
/// hashing the name (static text never changes, so the same address and
/// length are the same name).
fn ids_of_kind(language: Language, kind: &'static str) -> &'static [u16] {
    type Slot = (usize, &'static str, &'static [u16]);
    thread_local! {
        static CACHE: RefCell<[Slot; NAME_SLOTS]> = const { RefCell::new([(usize::MAX, "", &[]); NAME_SLOTS]) };
    }
    let l = language.index();
    let slot = name_slot(kind, l);
    CACHE.with_borrow_mut(|cache| {
        let (cached_language, cached_kind, ids) = cache[slot];
        if cached_language == l && std::ptr::eq(cached_kind, kind) {
            return ids;
        }
        let ids = kind_ids(language).get(kind).map_or(&[][..], Vec::as_slice);
        cache[slot] = (l, kind, ids);
        ids
    })
}

/// Field access by name without the name search tree-sitter does on every
/// `child_by_field_name` (a linear scan of the grammar's field names): the
/// name is looked up once in a sorted per-grammar table.
pub trait NodeExt<'t> {
    /// The first child in field `name` (as `Node::child_by_field_name`).
    fn field(&self, name: &'static str) -> Option<Node<'t>>;
    /// The node's children in order, as `Node::children` without a cursor
    /// to pass (see [`Children`]).
    fn child_nodes(&self) -> Children<'t>;
    /// The node's named children in order, as `Node::named_children`.
    fn named_child_nodes(&self) -> std::iter::Filter<Children<'t>, fn(&Node<'t>) -> bool>;
    /// The node's kind, as `Node::kind`, read from a per-grammar table by
    /// kind id: `Node::kind` measures and validates the grammar's C string
    /// on every call, which made it the costliest accessor rules use.
    fn kind_name(&self) -> &'t str;
}

impl<'t> NodeExt<'t> for Node<'t> {
    #[inline]
    fn field(&self, name: &'static str) -> Option<Node<'t>> {
        let language = self.language();
        let id = field_id(&language, name)?;
        self.child_by_field_id(id)
    }

    #[inline]
    fn child_nodes(&self) -> Children<'t> {
        Children { node: *self, next: 0, count: self.child_count(), cursor: None }
    }

    #[inline]
    fn named_child_nodes(&self) -> std::iter::Filter<Children<'t>, fn(&Node<'t>) -> bool> {
        self.child_nodes().filter(|child| child.is_named())
    }

    #[inline]
    fn kind_name(&self) -> &'t str {
        let language = self.language();
        let name = kind_names(&language).and_then(|names| names.get(self.kind_id() as usize)).map(String::as_str);
        let name = name.unwrap_or_else(|| self.kind());
        debug_assert_eq!(name, self.kind());
        name
    }
}

/// The children of a node in order ([`NodeExt::child_nodes`]). A node with
/// a handful of children is read by index: `Node::child(i)` scans the
/// children from the first, yet for a few that costs about half of a
/// cursor's sibling steps (each pops and pushes the cursor's stack; the
/// node index's walk took 44% fewer instructions this way). A node with
/// more ([`READ_BY_INDEX`]) is walked with a cursor, so that listing
/// stays linear.
pub struct Children<'t> {
    node: Node<'t>,
    next: u32,
    count: u32,
    cursor: Option<tree_sitter::TreeCursor<'t>>,
}

/// The most children a node may have for [`Children`] to read them by index.
const READ_BY_INDEX: u32 = 16;

impl<'t> Iterator for Children<'t> {
    type Item = Node<'t>;

    #[inline]
    fn next(&mut self) -> Option<Node<'t>> {
        if self.next >= self.count {
            return None;
        }
        let i = self.next;
        self.next += 1;
        if self.count <= READ_BY_INDEX {
            return self.node.child(i);
        }
        let cursor = self.cursor.get_or_insert_with(|| self.node.walk());
        let moved = if i == 0 { cursor.goto_first_child() } else { cursor.goto_next_sibling() };
        if moved {
            Some(cursor.node())
        } else {
            self.next = self.count;
            None
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.count - self.next) as usize;
        (left, Some(left))
    }
}

/// Names a grammar's tables are read by, built once per process for each
/// grammar of [`Language::ALL`].
struct GrammarNames {
    grammar: tree_sitter::Language,
    /// Kind names by kind id.
    kinds: Vec<String>,
    /// Field names with their ids, sorted by name.
    fields: Vec<(String, u16)>,
}

/// The tables of every grammar, and the position of `grammar` among them.
fn grammar_names(grammar: &tree_sitter::Language) -> (&'static [GrammarNames], Option<usize>) {
    use std::sync::OnceLock;
    static TABLES: OnceLock<Vec<GrammarNames>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        Language::ALL
            .iter()
            .map(|language| {
                let grammar = language.grammar();
                let kinds = (0..grammar.node_kind_count() as u16)
                    .map(|id| grammar.node_kind_for_id(id).unwrap_or("").to_string())
                    .collect();
                let mut fields: Vec<(String, u16)> = (1..=grammar.field_count() as u16)
                    .filter_map(|id| Some((grammar.field_name_for_id(id)?.to_string(), id)))
                    .collect();
                fields.sort();
                GrammarNames { grammar, kinds, fields }
            })
            .collect()
    });
    (tables, tables.iter().position(|t| t.grammar == *grammar))
}

/// The kind names of `grammar` by kind id (`None` for a grammar that is
/// not one of [`Language::ALL`]).
fn kind_names(grammar: &tree_sitter::Language) -> Option<&'static [String]> {
    let (tables, g) = grammar_names(grammar);
    g.map(|g| tables[g].kinds.as_slice())
}

/// The id of field `name` in `grammar` (0 is no field).
fn field_id(grammar: &tree_sitter::Language, name: &'static str) -> Option<u16> {
    let (tables, Some(g)) = grammar_names(grammar) else {
        return grammar.field_id_for_name(name).map(|id| id.get());
    };
    // Field names are string literals of the rules: a per-thread cache
    // slotted by the name's address answers with one comparison of
    // addresses (static text never changes, so the same address and length
    // are the same name), as for kinds in [`ids_of_kind`].
    type Slot = (usize, &'static str, Option<u16>);
    thread_local! {
        static CACHE: RefCell<[Slot; NAME_SLOTS]> = const { RefCell::new([(usize::MAX, "", None); NAME_SLOTS]) };
    }
    let slot = name_slot(name, g);
    CACHE.with_borrow_mut(|cache| {
        let (cached_grammar, cached_name, id) = cache[slot];
        if cached_grammar == g && std::ptr::eq(cached_name, name) {
            return id;
        }
        let fields = &tables[g].fields;
        let id = fields.binary_search_by(|(n, _)| n.as_str().cmp(name)).ok().map(|e| fields[e].1);
        cache[slot] = (g, name, id);
        id
    })
}

/// Named node kinds the node index leaves out: the most frequent leaves and
/// list wrappers (over half of all named nodes), which rules reach from
/// their parents and never ask the index for ([`NodeIndex::of_kinds`]
/// asserts it in debug builds).
const UNINDEXED_KINDS: &[&str] = &[
    "identifier",
    "property_identifier",
    "field_identifier",
    "type_identifier",
    "shorthand_property_identifier",
    "string_start",
    "string_end",
    "string_content",
    "string_fragment",
    "escape_sequence",
    "argument_list",
    "arguments",
    "block",
    "statement_block",
    "integer",
    "number",
    "parameters",
    "formal_parameters",
];

/// Whether the node index keeps each symbol id of a grammar: named kinds but
/// [`UNINDEXED_KINDS`]. Built once per process per grammar.
fn indexed_kinds(language: Language) -> &'static [bool] {
    use std::sync::OnceLock;
    static TABLES: [OnceLock<Vec<bool>>; 5] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    TABLES[language.index()].get_or_init(|| {
        let grammar = language.grammar();
        (0..grammar.node_kind_count() as u16)
            .map(|id| {
                grammar.node_kind_is_named(id)
                    && !grammar.node_kind_for_id(id).is_some_and(|kind| UNINDEXED_KINDS.contains(&kind))
            })
            .collect()
    })
}

/// The hasher of [`kind_ids`]: kind names are short and come from
/// backlint's own code, so the standard library's flood-resistant SipHash
/// only costs time there (it was most of [`NodeIndex::of_kinds`], which
/// looks up a few kinds per rule per file). A multiply-rotate hash, as
/// rustc's own `FxHasher`.
#[derive(Default)]
pub(crate) struct KindNameHasher(u64);

impl std::hash::Hasher for KindNameHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Whether the text of an attribute chain (`self.client.get`) is its
/// dotted name as written: ASCII names joined by single dots and nothing
/// else (no spaces, comments, calls or subscripts), starting with a name
/// that is not one of `literal_roots` (the keywords that are values:
/// Python's `None`, TypeScript's `super`), nor a digit. Then the name is
/// the text, without descending the chain.
pub(crate) fn is_plain_dotted(text: &str, literal_roots: &[&str]) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
    if first.is_ascii_digit() || first == b'.' || last == b'.' {
        return false;
    }
    let mut after_dot = false;
    for &b in bytes {
        match b {
            b'.' if after_dot => return false,
            b'.' => after_dot = true,
            b'_' | b'$' => after_dot = false,
            _ if b.is_ascii_alphanumeric() => after_dot = false,
            _ => return false,
        }
    }
    let root = text.split_once('.').map_or(text, |(root, _)| root);
    !literal_roots.contains(&root)
}

/// Which name of a node [`remembered_name`] keeps (one table for all).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NodeName {
    PythonDotted,
    TypeScriptDotted,
}

type NodeNames =
    std::collections::HashMap<(usize, NodeName), Option<String>, std::hash::BuildHasherDefault<KindNameHasher>>;

thread_local! {
    /// The names of the nodes of the file being analysed on this thread,
    /// while a [`values::FileMemo`] is alive (node ids are unique within a
    /// tree, and the engine analyses one tree per thread at a time).
    static NODE_NAMES: RefCell<Option<NodeNames>> = const { RefCell::new(None) };
}

/// Starts or ends remembering node names (see [`values::FileMemo`]).
pub(crate) fn remember_node_names(on: bool) {
    NODE_NAMES.with_borrow_mut(|names| *names = on.then(NodeNames::default));
}

/// The `which` name of `node`: remembered from an earlier ask about the
/// same node of the file, or computed (and remembered while a
/// `values::FileMemo` is alive). The dotted name of a callee is asked of
/// the same call by most rules.
pub(crate) fn remembered_name(
    node: Node<'_>,
    which: NodeName,
    compute: impl FnOnce() -> Option<String>,
) -> Option<String> {
    let key = (node.id(), which);
    if let Some(known) = NODE_NAMES.with_borrow(|names| names.as_ref().and_then(|n| n.get(&key).cloned())) {
        return known;
    }
    let name = compute();
    NODE_NAMES.with_borrow_mut(|names| {
        if let Some(names) = names {
            names.insert(key, name.clone());
        }
    });
    name
}

/// Kind name -> symbol ids, hashed with [`KindNameHasher`].
pub(crate) type KindIds = std::collections::HashMap<String, Vec<u16>, std::hash::BuildHasherDefault<KindNameHasher>>;

/// For each named node kind of a grammar, its symbol ids (a kind can have
/// several, through aliases). Built once per process per grammar.
pub(crate) fn kind_ids(language: Language) -> &'static KindIds {
    use std::sync::OnceLock;
    static TABLES: [OnceLock<KindIds>; 5] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    TABLES[language.index()].get_or_init(|| {
        let grammar = language.grammar();
        let mut table = KindIds::default();
        for id in 0..grammar.node_kind_count() as u16 {
            if grammar.node_kind_is_named(id)
                && let Some(kind) = grammar.node_kind_for_id(id)
            {
                table.entry(kind.to_string()).or_default().push(id);
            }
        }
        table
    })
}

/// Whether a literal sits in a documentation example of an API schema: under
/// an `example`/`examples` key of an object or dict (OpenAPI and JSON Schema
/// specs, `json_schema_extra`), or passed as `example=`/`examples=` (Pydantic
/// `Field`). Such values show a reader what a field holds; no code uses them.
pub fn is_schema_example(node: Node<'_>, source: &str) -> bool {
    const KEYS: [&str; 3] = ["example", "examples", "x-example"];
    let unquote = |n: Node<'_>| text(n, source).trim_matches(|c| matches!(c, '"' | '\'' | '`')).to_string();
    let mut current = node;
    for _ in 0..12 {
        let Some(parent) = current.parent() else { return false };
        let key = match parent.kind_name() {
            "pair" => parent.field("key").filter(|_| parent.field("value").is_some_and(|v| v.id() == current.id())),
            "keyword_argument" => parent.field("name"),
            _ => None,
        };
        if key.is_some_and(|k| KEYS.contains(&unquote(k).as_str())) {
            return true;
        }
        current = parent;
    }
    false
}

/// Splits an identifier into lower-case words at `_`, `-`, `.` and camelCase
/// boundaries: `userPasswordHash` gives `user`, `password`, `hash`.
pub fn identifier_words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn parsing_gives_up_once_the_file_budget_has_passed() {
        let text = "x = f(1, 2)\n".repeat(2000);
        crate::deadline::start(Some(std::time::Instant::now()));
        assert!(parse_within_budget(Language::Python, &text).is_none());
        crate::deadline::start(None);
        let tree = parse_within_budget(Language::Python, &text).expect("no budget: a tree");
        assert!(!tree.root_node().has_error(), "the parser starts afresh after a cancelled parse");
    }

    use super::*;

    #[test]
    fn pruned_walk_skips_nested_subtrees_only() {
        let source = "def outer():\n    a()\n    def inner():\n        b()\n    c(lambda: d())\n    e()\n";
        let tree = parse(Language::Python, source);
        let outer = descendants(tree.root_node()).find(|n| n.kind_name() == "function_definition").unwrap();
        let is_function = |n: Node<'_>| matches!(n.kind_name(), "function_definition" | "lambda");
        let calls: Vec<&str> = descendants_pruned(outer, is_function)
            .filter(|n| n.kind_name() == "call")
            .map(|n| text(n.field("function").unwrap(), source))
            .collect();
        assert_eq!(calls, vec!["a", "c", "e"]);
        let all = descendants(outer).count();
        let pruned_nothing = descendants_pruned(outer, |_| false).count();
        assert_eq!(all, pruned_nothing);
    }

    #[test]
    fn the_index_finds_every_node_s_ancestors_as_the_tree_does() {
        // Leaves, unkept nodes with children (`block`, `argument_list`, a
        // block of one statement spanning what it spans) and kept nodes, in
        // each grammar.
        let cases = [
            (
                Language::Python,
                "def g(x):\n    for y in x:\n        f(y, [lambda: h(y)])\n\nclass C:\n    def m(self):\n        return 1\nz = 2\n",
            ),
            (
                Language::TypeScript,
                "function g(xs) {\n  for (const x of xs) { f(x, () => h(x)); }\n}\nclass C { m() { return [1].map((v) => v); } }\n",
            ),
            (
                Language::Rust,
                "fn g(xs: &[u8]) {\n    for x in xs { f(*x, |y| h(y)); }\n}\nimpl C { fn m(&self) -> u8 { 1 } }\n",
            ),
        ];
        for (language, source) in cases {
            let tree = parse(language, source);
            let index = NodeIndex::build(language, &tree);
            let kinds: &[&[&str]] = &[
                &["function_definition", "function_declaration", "function_item", "method_definition"],
                &[
                    "for_statement",
                    "for_in_statement",
                    "for_expression",
                    "lambda",
                    "arrow_function",
                    "closure_expression",
                ],
                &["module", "program", "source_file", "class_definition", "class_declaration", "impl_item"],
            ];
            for node in descendants(tree.root_node()) {
                for kinds in kinds {
                    assert_eq!(
                        index.indexed_ancestor_of_kind(node, kinds),
                        ancestor_of_kind(node, kinds),
                        "{language:?}: the {kinds:?} around `{}` at {}",
                        node.kind_name(),
                        node.start_byte()
                    );
                }
            }
        }
    }

    #[test]
    fn the_node_index_finds_the_parent_the_tree_finds() {
        let cases = [
            (
                Language::Python,
                "import os\n\nclass A:\n    def f(self, x):\n        return [y for y in x if y]\n\nx = f(1)[2]\n",
            ),
            (
                Language::TypeScript,
                "const a = 1;\nexport class B { m(x: number) { return x.map((y) => y + 1); } }\nf(a)`t${a}`;\n",
            ),
            (
                Language::Rust,
                "#[derive(Debug)]\nstruct S;\nimpl S { fn f(&self) -> u8 { match 1 { 1 => 2, _ => 3 } } }\nfn g() { let v = vec![1]; }\n",
            ),
        ];
        for (language, source) in cases {
            let tree = parse(language, source);
            let index = NodeIndex::build(language, &tree);
            for node in descendants(tree.root_node()) {
                assert_eq!(
                    index.parent(node),
                    node.parent(),
                    "{language:?}: the parent of `{}` at {}",
                    node.kind_name(),
                    node.start_byte()
                );
                let climbed: Vec<_> = std::iter::successors(node.parent(), |n| n.parent()).collect();
                assert_eq!(index.ancestors(node).collect::<Vec<_>>(), climbed);
            }
        }
    }

    #[test]
    fn descendants_are_the_pre_order_of_the_tree() {
        // A recursive pre-order walk with the cursor is the reference.
        fn pre_order<'t>(node: Node<'t>, prune: &dyn Fn(Node<'t>) -> bool, out: &mut Vec<Node<'t>>) {
            out.push(node);
            let mut cursor = node.walk();
            for child in node.children(&mut cursor) {
                if !prune(child) {
                    pre_order(child, prune, out);
                }
            }
        }
        let arguments: Vec<String> = (0..20).map(|i| format!("a{i}")).collect();
        let source =
            format!("def f(x):\n    def g():\n        return h({})\n    return [y for y in x]\n", arguments.join(", "));
        let tree = parse(Language::Python, &source);
        let root = tree.root_node();
        let mut expected = Vec::new();
        pre_order(root, &|_| false, &mut expected);
        assert_eq!(descendants(root).collect::<Vec<_>>(), expected);
        let nested = |n: Node<'_>| n.kind_name() == "function_definition";
        let mut expected = Vec::new();
        pre_order(root, &nested, &mut expected);
        assert_eq!(expected.len(), 1, "the module's only child is a function");
        let function = root.named_child(0).unwrap();
        let mut expected = Vec::new();
        pre_order(function, &nested, &mut expected);
        let found: Vec<_> = descendants_pruned(function, nested).collect();
        assert_eq!(found, expected);
        assert!(!found.iter().any(|n| text(*n, &source) == "h"), "the nested function's body is pruned");
    }

    #[test]
    fn child_nodes_are_the_children_the_cursor_lists() {
        // Few children (read by index) and more than `READ_BY_INDEX` (a
        // module of 40 statements, a call of 30 arguments: walked).
        let arguments: Vec<String> = (0..30).map(|i| format!("a{i}")).collect();
        let statements: String = (0..40).map(|i| format!("x{i} = f({i}) # n\n")).collect();
        let cases = [
            (Language::Python, format!("{statements}g({})\n", arguments.join(", "))),
            (Language::TypeScript, format!("const a = [{}];\nf(a)`t${{a}}`;\n", arguments.join(", "))),
            (Language::Rust, format!("fn g() {{ h({}); }}\n", arguments.join(", "))),
        ];
        let mut walked = 0;
        for (language, source) in cases {
            let tree = parse(language, &source);
            for node in descendants(tree.root_node()) {
                let mut cursor = node.walk();
                let listed: Vec<_> = node.children(&mut cursor).collect();
                assert_eq!(node.child_nodes().collect::<Vec<_>>(), listed);
                let named: Vec<_> = node.named_children(&mut cursor).collect();
                assert_eq!(node.named_child_nodes().collect::<Vec<_>>(), named);
                walked += usize::from(listed.len() > READ_BY_INDEX as usize);
            }
        }
        assert!(walked >= 3, "every sample has a node with many children");
    }
    #[test]
    fn plain_dotted_text_is_its_own_name() {
        for text in ["a", "self.client.get", "_x.$y"] {
            assert!(is_plain_dotted(text, &["None"]), "{text}");
        }
        for text in [
            "a. b",
            "a.b()",
            "a[0].b",
            "None.x",
            "1.5",
            "a..b",
            ".a",
            "a.",
            "a?.b",
            "this.#x",
            "a # c",
            "café.menu",
            "",
        ] {
            assert!(!is_plain_dotted(text, &["None"]), "{text}");
        }
    }

    #[test]
    fn dotted_names_read_off_the_text_match_the_walk() {
        let python = "self.client.get(x)\nNone.x\na . b\nrequests.Session\nf(a).b.c\n";
        let tree = parse(Language::Python, python);
        let names: Vec<Option<String>> = descendants(tree.root_node())
            .filter(|n| n.kind_name() == "attribute" && n.parent().is_some_and(|p| p.kind_name() != "attribute"))
            .map(|n| python::dotted_name(n, python))
            .collect();
        let expected = [Some("self.client.get"), None, Some("a.b"), Some("requests.Session"), None];
        assert_eq!(names, expected.map(|n| n.map(str::to_string)));
        let typescript = "this.client.get(x);\nsuper.x();\na\n  .b;\nres.json();\n";
        let tree = parse(Language::TypeScript, typescript);
        let names: Vec<Option<String>> = descendants(tree.root_node())
            .filter(|n| {
                n.kind_name() == "member_expression" && n.parent().is_some_and(|p| p.kind_name() != "member_expression")
            })
            .map(|n| typescript::dotted_name(n, typescript))
            .collect();
        let expected = [Some("this.client.get"), None, Some("a.b"), Some("res.json")];
        assert_eq!(names, expected.map(|n| n.map(str::to_string)));
    }

    #[test]
    fn words_are_found_as_mentions_any_finds_them() {
        static WORDS: Words = Words::new(&["md5", "MD5", "a.b", "(x", "é"]);
        static NONE: Words = Words::new(&[]);
        for text in ["", "md", "use md5;", "xMD5x", "a_b", "a.b", "f(x)", "café", "MD 5", "ab"] {
            assert_eq!(WORDS.in_text(text), mentions_any(text, WORDS.words()), "{text:?}");
            assert!(!NONE.in_text(text));
        }
    }

    #[test]
    fn remembered_dotted_names_are_the_computed_ones() {
        let cases = [
            (Language::Python, "a.b.c(x)\nself.repo.get(1)\n(a).b\n"),
            (Language::TypeScript, "this.knex.raw(1); a['b'].c!.d(); (x).y; f().g;\n"),
        ];
        for (language, source) in cases {
            let tree = parse(language, source);
            let name = |n: Node<'_>| match language {
                Language::Python => python::dotted_name(n, source),
                _ => typescript::dotted_name(n, source),
            };
            let computed: Vec<Option<String>> = descendants(tree.root_node()).map(name).collect();
            let memo = values::FileMemo::start();
            for _ in 0..2 {
                let remembered: Vec<Option<String>> = descendants(tree.root_node()).map(name).collect();
                assert_eq!(remembered, computed, "{language:?}");
            }
            drop(memo);
            assert!(NODE_NAMES.with_borrow(Option::is_none), "the names are forgotten with the memo");
        }
    }

    #[test]
    fn the_index_knows_how_deep_the_tree_is() {
        // Nesting through nodes the index keeps, through nodes it does not
        // enter (an argument list of leaves), and a leaf at the bottom.
        let cases = [
            (Language::Python, format!("x = {}1{}\n", "[".repeat(40), "]".repeat(40))),
            (Language::Python, "f(a, b)\n".to_string()),
            (Language::TypeScript, format!("const x = {}0{};\n", "(".repeat(30), ")".repeat(30))),
            (Language::Rust, "fn f() { g(1, 2); }\n".to_string()),
            (Language::Rust, String::new()),
        ];
        for (language, source) in cases {
            let tree = parse(language, &source);
            let index = NodeIndex::build(language, &tree);
            for limit in 0..200 {
                assert_eq!(
                    index.depth_exceeds(limit),
                    depth_exceeds(tree.root_node(), limit),
                    "{language:?} `{source}` with the limit {limit}"
                );
            }
        }
    }

    #[test]
    fn the_previous_sibling_of_an_item_is_the_one_tree_sitter_names() {
        let source = r#"
//! Crate docs.
use std::fmt;

/// A thing.
#[derive(Debug)]
// a plain comment
#[cfg(test)]
struct Thing { a: u32 }

#[path = "other.rs"]
mod other;

impl Thing {
    #[inline]
    fn a(&self) -> u32 { self.a }
    // between
    fn b(&self) -> u32 { let c = 1; c }
}

#[cfg(test)]
mod tests {
    #[test]
    fn it_works() {}
}
"#;
        let tree = parse(Language::Rust, source);
        let index = NodeIndex::build(Language::Rust, &tree);
        let items = ["attribute_item", "struct_item", "mod_item", "impl_item", "function_item", "use_declaration"];
        let mut asked = 0;
        for node in index.of_kinds(&items) {
            // What prev_named_sibling finds, passing over what the index
            // does not keep (leaves: plain comments).
            let mut expected = node.prev_named_sibling();
            while let Some(leaf) = expected.filter(|n| n.child_count() == 0) {
                expected = leaf.prev_named_sibling();
            }
            assert_eq!(index.previous_sibling(node), expected, "before `{}`", text(node, source));
            asked += 1;
        }
        assert_eq!(asked, 14);
    }

    #[test]
    fn the_nodes_inside_a_node_are_its_kept_descendants() {
        // `g` starts where the module starts: that ancestor is not inside
        // it; `h` after it is not either.
        let source = "def g(x):\n    if x:\n        return x + 1\n    return 0\ndef h():\n    pass\n";
        let tree = parse(Language::Python, source);
        let index = NodeIndex::build(Language::Python, &tree);
        for node in descendants(tree.root_node()).filter(|n| n.child_count() > 0) {
            let expected: Vec<Node<'_>> = descendants(node)
                .filter(|n| *n != node && n.child_count() > 0 && indexed_kinds(Language::Python)[n.kind_id() as usize])
                .collect();
            assert_eq!(index.inside(node), expected.as_slice(), "inside `{}`", node.kind_name());
        }
    }
}
