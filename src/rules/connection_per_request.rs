//! `connection-per-request`: a database connection opened, or a pool built,
//! inside a route handler or a same-file function it calls.
//!
//! The connection and pool constructors per language are in
//! `lang::handlers::connections`; handlers come from the shared handler
//! model. Left alone: connections made at start-up (outside handlers), lazy
//! one-time initialisation (the result stored in a module variable under an
//! `is None` / `!pool` guard, or built inside `get_or_init`), the tests layer.

use crate::lang::NodeExt;
use tree_sitter::Node;

use crate::diagnostic::Finding;
use crate::lang::handlers::connections::{self, Opens, python_call, rust_call, typescript_call};
use crate::lang::handlers::handler_scopes;
use crate::lang::{Family, descendants, text};
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "connection-per-request",
    doc: include_str!("../../rules/connection-per-request.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: None,
};

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if ctx.is_test() {
        return;
    }
    let family = ctx.file.language.family();
    let source = ctx.source();
    // A file that names no connection library opens no connection.
    if !connections::may_open(family, source) {
        return;
    }
    let handlers = ctx.handlers();
    if handlers.is_empty() {
        return;
    }
    let scopes = handler_scopes(family, ctx.node_index(), ctx.root(), source, handlers);
    let mut seen = std::collections::HashSet::new();
    for scope in &scopes {
        for node in descendants(scope.function) {
            let found = match family {
                Family::Python => python_call(node, source, ctx.python_imports()),
                Family::TypeScript => typescript_call(node, source, ctx.typescript_imports()),
                Family::Rust => rust_call(node, source, ctx.rust_uses()),
            };
            let Some((callee, opens)) = found else { continue };
            if lazy_initialisation(node, scope.function, source) || !seen.insert(node.start_byte()) {
                continue;
            }
            let handler = &handlers[scope.handler];
            let advice = match opens {
                Opens::Connection => "take connections from a pool created once at start-up",
                Opens::Pool => "create it once at start-up and share it",
            };
            let mut finding = ctx.finding(
                node,
                format!(
                    "`{callee}(...)` opens {} on every request in {}; {advice}",
                    opens.noun(),
                    scope.describe(handlers, source)
                ),
            );
            if scope.callee {
                finding = finding
                    .with_related(ctx.file.location(handler.name_range.clone()), format!("handler `{}`", handler.name));
            }
            out.push(finding);
        }
    }
}

/// One-time initialisation inside a handler: the call is inside a closure
/// given to `get_or_init` / `get_or_try_init` / `call_once`, or its value is
/// assigned to a variable that an enclosing `if` tests for being unset
/// (`if _engine is None:`, `if (!pool)`, `pool ??= ...`).
fn lazy_initialisation(call: Node<'_>, function: Node<'_>, source: &str) -> bool {
    let mut current = call.parent();
    let mut target: Option<&str> = None;
    while let Some(node) = current {
        if node.id() == function.id() {
            break;
        }
        match node.kind_name() {
            "call_expression" => {
                if let Some(method) = crate::lang::rust::method_name(node)
                    && matches!(
                        text(method, source),
                        "get_or_init" | "get_or_try_init" | "call_once" | "get_or_insert_with"
                    )
                {
                    return true;
                }
            }
            "assignment" | "assignment_expression" | "augmented_assignment_expression" => {
                let left = node.field("left").map(|l| text(l, source));
                if node.kind_name() == "augmented_assignment_expression" && text(node, source).contains("??=") {
                    return true;
                }
                target = target.or(left);
            }
            "if_statement" | "if_expression" => {
                if let (Some(target), Some(condition)) = (target, node.field("condition")) {
                    let condition = text(condition, source);
                    let negated = condition.contains("None")
                        || condition.contains("not ")
                        || condition.contains('!')
                        || condition.contains("null")
                        || condition.contains("undefined")
                        || condition.contains("is_none");
                    if negated && condition.contains(target.trim_start_matches("self.").trim_start_matches("this.")) {
                        return true;
                    }
                }
            }
            _ => {}
        }
        current = node.parent();
    }
    false
}
