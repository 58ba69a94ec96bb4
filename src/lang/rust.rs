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
            for child in node.named_child_nodes() {
                collect_use_tree(child, prefix, source, out);
            }
        }
        _ => {}
    }
}

/// The project types receivers hold, from how the file binds them: a
/// parameter typed with the type, behind references and the wrappers an
/// extractor or a shared state puts around it (`repo: &UserRepo`,
/// `State(users): State<Arc<UserRepo>>`, `web::Data<UserRepo>`: `repo`,
/// `users`), a struct field (`orders: OrderRepo`: `self.orders`) and `let
/// repo = UserRepo::new(..)` (`repo`). Only types for which `is_type_name`
/// holds (a name the file imports) are kept, and a receiver given two types
/// in the file keeps none: a call on it (`users.find(id)`) is then a call of
/// `UserRepo::find`.
pub fn instance_classes(
    nodes: &crate::lang::NodeIndex<'_>,
    source: &str,
    is_type_name: impl Fn(&str) -> bool,
) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    for node in nodes.of_kinds(&["parameter", "field_declaration", "let_declaration"]) {
        // The type first (most bindings hold none the file imports), the
        // receiver's name only then.
        let class = match node.kind_name() {
            "let_declaration" => node.field("value").and_then(|v| constructed_type(v, source)),
            _ => node.field("type").and_then(|t| held_type(t, source)),
        };
        let Some(class) = class.filter(|class| is_type_name(class)) else { continue };
        let receiver = match node.kind_name() {
            "field_declaration" => node.field("name").map(|n| format!("self.{}", text(n, source))),
            _ => bound_name(node.field("pattern"), source),
        };
        if let Some(receiver) = receiver {
            found.push((receiver, class.to_string()));
        }
    }
    super::known_receivers(found)
}

/// The one name a pattern binds: `repo`, `mut repo`, `State(repo)`,
/// `web::Data(repo)`.
fn bound_name(pattern: Option<Node<'_>>, source: &str) -> Option<String> {
    let pattern = pattern?;
    match pattern.kind_name() {
        "identifier" => Some(text(pattern, source).to_string()),
        "mut_pattern" => bound_name(pattern.named_child(0), source),
        "tuple_struct_pattern" if pattern.named_child_count() == 2 => bound_name(pattern.named_child(1), source),
        _ => None,
    }
}

/// The type a value of `ty` holds, through references and the wrappers
/// that share or extract it (`&UserRepo`, `Arc<UserRepo>`,
/// `State<Arc<UserRepo>>`, `web::Data<UserRepo>`).
fn held_type<'a>(ty: Node<'_>, source: &'a str) -> Option<&'a str> {
    match ty.kind_name() {
        "type_identifier" => Some(text(ty, source)),
        "reference_type" => held_type(ty.field("type")?, source),
        "generic_type" => {
            let wrapper = ty.field("type")?;
            let wrapper = wrapper.field("name").unwrap_or(wrapper);
            let arguments = ty.field("type_arguments")?;
            (matches!(text(wrapper, source), "Arc" | "Rc" | "Box" | "State" | "Data" | "Extension")
                && arguments.named_child_count() == 1)
                .then(|| arguments.named_child(0))
                .flatten()
                .and_then(|inner| held_type(inner, source))
        }
        _ => None,
    }
}

/// The type a constructor call makes: `UserRepo::new(pool)`,
/// `UserRepo::from_pool(pool).await`, `UserRepo { pool }`.
fn constructed_type<'a>(value: Node<'_>, source: &'a str) -> Option<&'a str> {
    match value.kind_name() {
        "await_expression" | "try_expression" => constructed_type(value.named_child(0)?, source),
        "struct_expression" => {
            value.field("name").filter(|n| n.kind_name() == "type_identifier").map(|n| text(n, source))
        }
        // (A type, not a module: `repo::connect(..)` makes whatever it returns.)
        "call_expression" => {
            let path = value.field("function").filter(|f| f.kind_name() == "scoped_identifier")?.field("path")?;
            let name = text(path, source);
            (path.kind_name() == "identifier" && name.starts_with(|c: char| c.is_ascii_uppercase())).then_some(name)
        }
        _ => None,
    }
}

/// Whether `node` is a macro that writes straight to standard output or
/// error: `println!`, `print!`, `eprintln!`, `eprint!`, `dbg!` (also as
/// `std::println!`).
pub fn is_console_output(node: Node<'_>, source: &str) -> bool {
    node.kind_name() == "macro_invocation"
        && node.field("macro").is_some_and(|m| {
            let name = text(m, source);
            let name = name.strip_prefix("std::").unwrap_or(name);
            matches!(name, "println" | "print" | "eprintln" | "eprint" | "dbg")
        })
}

/// For a `call_expression` whose function is a method access (`x.m(..)`),
/// the method name node.
pub fn method_name<'t>(call: Node<'t>) -> Option<Node<'t>> {
    let function = callee(call)?;
    if function.kind_name() != "field_expression" {
        return None;
    }
    function.field("field")
}

/// The `function` of a call: its first child (the grammar puts it first,
/// and comments before a node belong to its parent), which tree-sitter
/// finds without looking up the production's field map.
fn callee<'t>(call: Node<'t>) -> Option<Node<'t>> {
    let function = call.child(0).filter(|_| call.kind_name() == "call_expression" && !call.has_error());
    match function {
        Some(function) => {
            debug_assert_eq!(Some(function), call.field("function"));
            Some(function)
        }
        None => call.field("function"),
    }
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
    let function = callee(call)?;
    match function.kind_name() {
        "identifier" | "scoped_identifier" => Some(text(function, source)),
        "generic_function" => Some(text(function.field("function")?, source)),
        _ => None,
    }
}

/// The argument expressions of a call.
pub fn arguments<'t>(call: Node<'t>) -> Vec<Node<'t>> {
    let Some(arguments) = call.field("arguments") else { return Vec::new() };
    arguments
        .named_child_nodes()
        .filter(|n| !matches!(n.kind_name(), "line_comment" | "block_comment" | "attribute_item"))
        .collect()
}

/// Whether `node` is the literal `true`.
pub fn is_true(node: Node<'_>, source: &str) -> bool {
    node.kind_name() == "boolean_literal" && text(node, source) == "true"
}

/// Whether a type name is one of Rust's integer types.
pub fn is_integer_type(name: &str) -> bool {
    matches!(name, "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize")
}

/// Whether `name` is an integer, float or `bool` type: a value of it
/// formatted into text is digits or a word, never SQL.
pub fn is_number_type(name: &str) -> bool {
    is_integer_type(name) || matches!(name, "f32" | "f64" | "bool")
}

/// The byte ranges of a file's test code: the items (modules, functions)
/// marked `#[cfg(test)]`, `#[test]` or a runtime's test attribute
/// (`#[tokio::test]`, `#[sqlx::test(...)]`), found from the file's
/// `attribute_item` nodes. Sorted by start.
pub fn test_item_ranges<'t>(
    attributes: impl IntoIterator<Item = Node<'t>>,
    source: &str,
) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    for attribute in attributes {
        if attribute.kind_name() != "attribute_item" || !is_test_attribute(text(attribute, source)) {
            continue;
        }
        // The item the attribute is on: the next named sibling that is not
        // another attribute or a comment.
        let mut next = attribute.next_named_sibling();
        while let Some(n) =
            next.filter(|n| matches!(n.kind_name(), "attribute_item" | "line_comment" | "block_comment"))
        {
            next = n.next_named_sibling();
        }
        if let Some(item) = next {
            ranges.push(item.byte_range());
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// Whether an item (a module, a function) is test code: one of the
/// attributes right above it is a test attribute (`#[cfg(test)] mod tests`).
pub fn is_test_item<'t>(item: Node<'t>, index: &crate::lang::NodeIndex<'t>, source: &str) -> bool {
    let mut previous = index.previous_sibling(item);
    while let Some(p) = previous {
        match p.kind_name() {
            "attribute_item" if is_test_attribute(text(p, source)) => return true,
            "attribute_item" | "line_comment" | "block_comment" => previous = index.previous_sibling(p),
            _ => return false,
        }
    }
    false
}

/// Whether an attribute marks test code: `#[cfg(test)]`, `#[test]`,
/// `#[tokio::test]`, `#[sqlx::test(migrations = "...")]`. Not
/// `#[cfg(not(test))]` or `#[cfg(any(test, ...))]`.
fn is_test_attribute(attribute: &str) -> bool {
    let compact = super::without_white_space(attribute);
    let Some(inner) = compact.strip_prefix("#[").and_then(|a| a.strip_suffix(']')) else { return false };
    let path = inner.split('(').next().unwrap_or(inner);
    inner == "cfg(test)" || path == "test" || path.ends_with("::test")
}

/// Whether unwrapping the result of `receiver` can only fail when an
/// invariant of the program or its machine breaks, never on a request's
/// input: a lock (poisoned), the system clock since the epoch, a number
/// converted to an integer type, and (when `templates`, the file uses a
/// compile-time template crate) a template's `render()`.
pub fn fails_only_on_broken_invariant(receiver: Node<'_>, source: &str, templates: bool) -> bool {
    is_lock_result(receiver, source)
        || is_clock_since_epoch(receiver, source)
        || is_number_conversion(receiver, source)
        || is_infallible_in_practice(receiver, source)
        || (templates && is_template_render(receiver, source))
}

/// Calls whose `Result` only errs on a programming error, never on input:
/// `Hmac::new_from_slice(key)` (HMAC takes a key of any length) and
/// `serde_json::to_value`/`to_string`/`to_vec` of the program's own value
/// (which fail only for a map with non-string keys or a failing
/// `Serialize` impl).
fn is_infallible_in_practice(receiver: Node<'_>, source: &str) -> bool {
    let Some(path) = (receiver.kind_name() == "call_expression").then(|| call_path(receiver, source)).flatten() else {
        return false;
    };
    let (ty, function) = path.rsplit_once("::").unwrap_or(("", path));
    (function == "new_from_slice" && ty.contains("Hmac"))
        || (ty.ends_with("serde_json") && matches!(function, "to_value" | "to_string" | "to_vec"))
}

/// Whether a file uses a template crate whose templates are checked when the
/// program is compiled.
pub fn uses_compile_time_templates(source: &str) -> bool {
    crate::lang::mentions_any(source, TEMPLATE_CRATES)
}

/// `i64::try_from(millis)`, `interval.try_into()`: a number that does not fit
/// its new type is an invariant broken by the program or its configuration,
/// not a failure a request can cause.
fn is_number_conversion(receiver: Node<'_>, source: &str) -> bool {
    if receiver.kind_name() != "call_expression" {
        return false;
    }
    if method_name(receiver).is_some_and(|m| text(m, source) == "try_into") && arguments(receiver).is_empty() {
        return true;
    }
    call_path(receiver, source)
        .is_some_and(|path| path.rsplit_once("::").is_some_and(|(ty, f)| f == "try_from" && is_integer_type(ty)))
}

/// Crates whose templates are checked when the program is compiled: their
/// `render()` only fails if a value's `Display` fails.
const TEMPLATE_CRATES: &[&str] = &["askama", "rinja", "sailfish"];

/// `template.render()` (no arguments) in a file that uses a compile-time
/// template crate.
fn is_template_render(receiver: Node<'_>, source: &str) -> bool {
    receiver.kind_name() == "call_expression"
        && arguments(receiver).is_empty()
        && method_name(receiver).is_some_and(|m| matches!(text(m, source), "render" | "render_once"))
}

/// `SystemTime::now().duration_since(UNIX_EPOCH)`: fails only for a clock
/// set before 1970.
fn is_clock_since_epoch(receiver: Node<'_>, source: &str) -> bool {
    receiver.kind_name() == "call_expression"
        && method_name(receiver).is_some_and(|m| text(m, source) == "duration_since")
        && arguments(receiver).first().is_some_and(|a| text(*a, source).ends_with("UNIX_EPOCH"))
}

/// `m.lock()`, `rw.read()`, `rw.write()`: unwrapping them only panics on a
/// poisoned lock.
fn is_lock_result(receiver: Node<'_>, source: &str) -> bool {
    receiver.kind_name() == "call_expression"
        && arguments(receiver).is_empty()
        && method_name(receiver).is_some_and(|m| matches!(text(m, source), "lock" | "read" | "write"))
}

#[cfg(test)]
mod test_code_tests {
    use super::is_test_attribute;

    #[test]
    fn test_attributes() {
        for yes in [
            "#[cfg(test)]",
            "#[test]",
            "#[tokio::test]",
            "#[tokio::test(flavor = \"multi_thread\")]",
            "#[ sqlx::test ]",
        ] {
            assert!(is_test_attribute(yes), "{yes}");
        }
        for no in ["#[cfg(not(test))]", "#[cfg(any(test, feature = \"x\"))]", "#[derive(Debug)]", "#[attest]"] {
            assert!(!is_test_attribute(no), "{no}");
        }
    }
}

/// Whether a `function_item` is an `async fn`: what axum and actix-web
/// route (a handler is a function returning a future).
pub fn is_async(function: Node<'_>, source: &str) -> bool {
    function
        .child_nodes()
        .take_while(|c| c.kind_name() != "identifier")
        .any(|c| c.kind_name() == "function_modifiers" && crate::lang::text(c, source).contains("async"))
}

/// Whether `node` is inside a destructor, `fn drop` of an `impl Drop for
/// ..`: it has no caller to return an error to, and must not panic.
pub fn in_destructor(node: Node<'_>, source: &str) -> bool {
    let Some(function) = crate::lang::ancestor_of_kind(node, &["function_item"]) else { return false };
    function.field("name").is_some_and(|n| text(n, source) == "drop")
        && function
            .parent()
            .and_then(|list| list.parent())
            .filter(|i| i.kind_name() == "impl_item")
            .and_then(|i| i.field("trait"))
            .is_some_and(|t| text(t, source).rsplit("::").next() == Some("Drop"))
}

#[cfg(test)]
mod async_tests {
    #[test]
    fn async_functions() {
        let source = "pub async fn a() {}\nfn b() {}\npub(crate) async unsafe fn c() {}\n";
        let tree = crate::lang::parse(crate::lang::Language::Rust, source);
        let root = tree.root_node();
        let found: Vec<bool> = (0..3).map(|i| super::is_async(root.named_child(i).unwrap(), source)).collect();
        assert_eq!(found, [true, false, true]);
    }
}
