//! Rust syntax knowledge shared by rules: `use` bindings, method and path
//! calls, and literal values.

use crate::lang::NodeExt;
use std::collections::HashMap;

use tree_sitter::Node;

use super::text;

/// Names bound by `use` declarations, mapped to their full path
/// (`use reqwest::Client;` binds `Client` to `reqwest::Client`).
#[derive(Debug, Default, Clone)]
pub struct Uses {
    bindings: HashMap<String, String>,
}

impl Uses {
    /// Collects the bindings of a whole tree.
    pub fn collect(root: Node<'_>, source: &str) -> Uses {
        Uses::from_nodes(super::descendants(root), source)
    }

    /// Collects the bindings of the given nodes (those of other kinds are
    /// ignored), e.g. a file's import statements from its node index.
    pub fn from_nodes<'t>(nodes: impl IntoIterator<Item = Node<'t>>, source: &str) -> Uses {
        let mut bindings = HashMap::new();
        for node in nodes {
            if node.kind_name() == "use_declaration"
                && let Some(argument) = node.field("argument")
            {
                collect_use_tree(argument, "", source, &mut bindings);
            }
        }
        Uses { bindings }
    }

    /// Expands the first segment of a path through the `use` bindings:
    /// `Client::new` becomes `reqwest::Client::new` after `use reqwest::Client;`.
    pub fn qualify(&self, path: &str) -> String {
        let (first, rest) = match path.split_once("::") {
            Some((first, rest)) => (first, Some(rest)),
            None => (path, None),
        };
        match (self.bindings.get(first), rest) {
            (Some(q), Some(rest)) => format!("{q}::{rest}"),
            (Some(q), None) => q.clone(),
            (None, _) => path.to_string(),
        }
    }
}

fn join(prefix: &str, segment: &str) -> String {
    if prefix.is_empty() { segment.to_string() } else { format!("{prefix}::{segment}") }
}

fn collect_use_tree(node: Node<'_>, prefix: &str, source: &str, out: &mut HashMap<String, String>) {
    match node.kind_name() {
        "identifier" | "scoped_identifier" => {
            let full = join(prefix, text(node, source));
            let last = full.rsplit("::").next().unwrap_or(&full).to_string();
            out.insert(last, full);
        }
        "use_as_clause" => {
            if let (Some(path), Some(alias)) = (node.field("path"), node.field("alias")) {
                out.insert(text(alias, source).to_string(), join(prefix, text(path, source)));
            }
        }
        "scoped_use_list" => {
            let inner = match node.field("path") {
                Some(path) => join(prefix, text(path, source)),
                None => prefix.to_string(),
            };
            if let Some(list) = node.field("list") {
                collect_use_tree(list, &inner, source, out);
            }
        }
        "use_list" => {
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                collect_use_tree(child, prefix, source, out);
            }
        }
        _ => {}
    }
}

/// For a `call_expression` whose function is a method access (`x.m(..)`),
/// the method name node.
pub fn method_name<'t>(call: Node<'t>) -> Option<Node<'t>> {
    let function = call.field("function")?;
    if function.kind_name() != "field_expression" {
        return None;
    }
    function.field("field")
}

/// The receiver of a method call (`x` in `x.m(..)`).
pub fn method_receiver<'t>(call: Node<'t>) -> Option<Node<'t>> {
    let function = call.field("function")?;
    if function.kind_name() != "field_expression" {
        return None;
    }
    function.field("value")
}

/// The path of a call to a function by path (`Client::new`, `reqwest::get`),
/// as written.
pub fn call_path<'a>(call: Node<'_>, source: &'a str) -> Option<&'a str> {
    let function = call.field("function")?;
    match function.kind_name() {
        "identifier" | "scoped_identifier" => Some(text(function, source)),
        "generic_function" => Some(text(function.field("function")?, source)),
        _ => None,
    }
}

/// The argument expressions of a call.
pub fn arguments<'t>(call: Node<'t>) -> Vec<Node<'t>> {
    let Some(arguments) = call.field("arguments") else { return Vec::new() };
    let mut cursor = arguments.walk();
    arguments
        .named_children(&mut cursor)
        .filter(|n| !matches!(n.kind_name(), "line_comment" | "block_comment" | "attribute_item"))
        .collect()
}

/// Whether `node` is the literal `true`.
pub fn is_true(node: Node<'_>, source: &str) -> bool {
    node.kind_name() == "boolean_literal" && text(node, source) == "true"
}
