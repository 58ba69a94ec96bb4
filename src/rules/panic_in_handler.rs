//! `panic-in-handler`: `unwrap()`, `expect()`, `panic!`, `unreachable!`,
//! `todo!` and `unimplemented!` inside a Rust route handler or a same-file
//! function it calls.
//!
//! Handlers come from the shared handler model (`lang::handlers`); start-up
//! code is not a handler and is never looked at. Left alone: results that
//! fail only when an invariant breaks (`lang::rust::fails_only_on_broken_invariant`:
//! poisoned locks, the clock since the epoch, integer conversions, compiled
//! templates' `render()`), values parsed from literals
//! (`"0.0.0.0:80".parse().unwrap()`, `Regex::new("..").unwrap()`), unwraps
//! checked just before, `expect`s stating what holds, `#[cfg(test)]` code and
//! the tests layer.

use crate::lang::NodeExt;
use tree_sitter::Node;

use crate::diagnostic::Finding;
use crate::lang::handlers::{Scope, handler_scopes};
use crate::lang::{Family, descendants, rust, text};
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "panic-in-handler",
    doc: include_str!("../../rules/panic-in-handler.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: None,
};

const PANIC_MACROS: &[&str] = &["panic", "unreachable", "todo", "unimplemented"];

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if ctx.file.language.family() != Family::Rust || ctx.is_test() {
        return;
    }
    let handlers = ctx.handlers();
    if handlers.is_empty() {
        return;
    }
    let source = ctx.source();
    let templates = rust::uses_compile_time_templates(source);
    let scopes = handler_scopes(Family::Rust, ctx.node_index(), ctx.root(), source, handlers);
    let mut seen = std::collections::HashSet::new();
    for scope in &scopes {
        for node in descendants(scope.function) {
            let Some(what) = panic_site(node, source, templates) else { continue };
            if !seen.insert(node.start_byte()) {
                continue;
            }
            // Report a method call at its method name (`.unwrap()` on its own line).
            let start = rust::method_name(node).map_or(node.start_byte(), |m| m.start_byte());
            out.push(report(ctx, scope, start..node.end_byte(), &what));
        }
    }
}

fn report(ctx: &FileContext<'_>, scope: &Scope<'_>, bytes: std::ops::Range<usize>, what: &str) -> Finding {
    let handlers = ctx.handlers();
    let handler = &handlers[scope.handler];
    let finding = ctx.finding_at(
        ctx.file.location(bytes),
        format!(
            "{what} in {} panics on an ordinary failure and aborts the request with no error response; return an error (`?`, `map_err`) instead",
            scope.describe(handlers, ctx.source())
        ),
    );
    if scope.callee {
        finding.with_related(ctx.file.location(handler.name_range.clone()), format!("handler `{}`", handler.name))
    } else {
        finding
    }
}

/// `.unwrap()` / `.expect(..)` / `panic!(..)`...: a description of the panic
/// site, or `None`.
fn panic_site(node: Node<'_>, source: &str, templates: bool) -> Option<String> {
    match node.kind_name() {
        "macro_invocation" => {
            let name = text(node.field("macro")?, source);
            if name == "unreachable" && rules_out_a_case(node) {
                return None;
            }
            PANIC_MACROS.contains(&name).then(|| format!("`{name}!`"))
        }
        "call_expression" => {
            let method = text(rust::method_name(node)?, source);
            let args = rust::arguments(node).len();
            if !matches!((method, args), ("unwrap", 0) | ("expect", 1)) {
                return None;
            }
            let receiver = rust::method_receiver(node)?;
            if rust::fails_only_on_broken_invariant(receiver, source, templates)
                || constant_value(receiver, source)
                || checked_before(node, receiver, source)
                || asserted_state(node, receiver, source)
            {
                return None;
            }
            let receiver_text = text(receiver, source);
            let shown = if receiver_text.len() > 40 || receiver_text.contains('\n') {
                format!("`.{method}()`")
            } else {
                format!("`{receiver_text}.{method}()`")
            };
            Some(shown)
        }
        _ => None,
    }
}

/// `session.alias().expect("alias should exist")`: an `expect` whose
/// message states what the author knows holds (the "expect as precondition"
/// style the standard library recommends: *should*, *must*, *always*,
/// *exists*...) on a getter of the program's own state (a method without
/// arguments, or a field). An `expect` on a lookup or a parse with arguments
/// (`find(id).expect("user exists")`) is still reported: its input decides.
fn asserted_state(expect: Node<'_>, receiver: Node<'_>, source: &str) -> bool {
    const STATED: [&str; 11] = [
        "should",
        "must",
        "always",
        "exists",
        "exist",
        "is set",
        "never",
        "invariant",
        "infallible",
        "cannot fail",
        "guaranteed",
    ];
    let Some(message) = rust::arguments(expect).first().copied().filter(|a| a.kind_name() == "string_literal") else {
        return false;
    };
    let getter = match receiver.kind_name() {
        "field_expression" => true,
        "call_expression" => rust::method_name(receiver).is_some() && rust::arguments(receiver).is_empty(),
        _ => false,
    };
    // The message as words between spaces: " alias should exist ".
    let words: Vec<String> = text(message, source)
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let spaced = format!(" {} ", words.join(" "));
    getter && STATED.iter().any(|word| spaced.contains(&format!(" {word} "))) && !from_parameter(receiver, source)
}

/// Whether a method chain starts at a parameter of its function (request
/// input, in a handler): `body["email"].as_str()`.
fn from_parameter(chain: Node<'_>, source: &str) -> bool {
    let mut node = chain;
    loop {
        let next = match node.kind_name() {
            "field_expression" => node.field("value"),
            "call_expression" => rust::method_receiver(node),
            "index_expression" | "reference_expression" | "parenthesized_expression" | "try_expression" => {
                node.named_child(0)
            }
            _ => None,
        };
        match next {
            Some(inner) => node = inner,
            None => break,
        }
    }
    if node.kind_name() != "identifier" {
        return false;
    }
    let name = text(node, source);
    let Some(parameters) = crate::lang::ancestor_of_kind(node, &["function_item"]).and_then(|f| f.field("parameters"))
    else {
        return false;
    };
    crate::lang::descendants(parameters).any(|p| p.kind_name() == "identifier" && text(p, source) == name)
}

/// `if res.is_ok() { res.unwrap() }`, `if x.is_some() { x.unwrap() }`,
/// `if let Ok(_) = res { res.unwrap() }`: the unwrap sits in the branch of an
/// `if` that checked the same variable, so it cannot panic.
fn checked_before(unwrap: Node<'_>, receiver: Node<'_>, source: &str) -> bool {
    if receiver.kind_name() != "identifier" {
        return false;
    }
    let name = text(receiver, source);
    let mut current = unwrap;
    while let Some(parent) = current.parent() {
        if matches!(parent.kind_name(), "function_item" | "closure_expression") {
            return false;
        }
        if parent.kind_name() == "if_expression"
            && parent.field("consequence") == Some(current)
            && let Some(condition) = parent.field("condition")
        {
            let condition = text(condition, source);
            let checked = [format!("{name}.is_ok()"), format!("{name}.is_some()")].iter().any(|c| condition == c)
                || (condition.starts_with("let Ok(") || condition.starts_with("let Some("))
                    && condition.rsplit_once('=').is_some_and(|(_, value)| value.trim() == name);
            if checked {
                return true;
            }
        }
        current = parent;
    }
    false
}

/// A value built only from literals and constants: `"127.0.0.1:80".parse()`,
/// `Regex::new(r"^\d+$")`, `HeaderValue::from_str("text/plain")`,
/// `HEADER_NAME.parse::<HeaderName>()`, `NaiveTime::from_hms_opt(2, 0, 0)`.
/// It gives the same result on every request: a failure shows on the first.
fn constant_value(receiver: Node<'_>, source: &str) -> bool {
    if receiver.kind_name() != "call_expression" {
        return false;
    }
    let args = rust::arguments(receiver);
    let constant_args = args.iter().all(|a| is_constant(*a, source));
    if let Some(path) = rust::call_path(receiver, source) {
        let constructor = path.rsplit("::").next().unwrap_or(path);
        let builds = matches!(constructor, "new" | "parse" | "from_str" | "from_static" | "try_from" | "from")
            || constructor.starts_with("from_");
        return builds && !args.is_empty() && constant_args;
    }
    rust::method_receiver(receiver).is_some_and(|r| is_constant(r, source)) && constant_args
}

/// A literal, or a name written as a constant (`HEADER_NAME`,
/// `headers::CONTENT_TYPE`).
fn is_constant(node: Node<'_>, source: &str) -> bool {
    match node.kind_name() {
        "string_literal" | "raw_string_literal" | "integer_literal" | "float_literal" | "boolean_literal"
        | "char_literal" => true,
        "identifier" | "scoped_identifier" => {
            let name = text(node, source);
            let last = name.rsplit("::").next().unwrap_or(name);
            last.len() > 1
                && last.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                && last.chars().any(|c| c.is_ascii_uppercase())
        }
        _ => false,
    }
}

/// `unreachable!` where the author enumerated the cases: a `match` arm
/// (`Err(Error::MissingView) => unreachable!("handled above")`) or the
/// `else` of a `let .. else`. A branch an `if` on a value takes is still
/// reported: the value decides.
fn rules_out_a_case(node: Node<'_>) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        match parent.kind_name() {
            "match_arm" => return parent.field("value").is_some_and(|v| v.id() == current.id()),
            "let_declaration" => return parent.field("alternative").is_some_and(|a| a.id() == current.id()),
            "block" if parent.named_children(&mut parent.walk()).filter(|c| !c.is_extra()).count() == 1 => {
                current = parent
            }
            "expression_statement" | "macro_invocation" => current = parent,
            _ => return false,
        }
    }
    false
}
