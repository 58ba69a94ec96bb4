//! `connection-per-request`: a database connection opened, or a pool built,
//! inside a route handler or a same-file function it calls.
//!
//! Handlers routed from another file are judged in the join ([`PROJECT`]),
//! from the connection calls the project index keeps for each function
//! (`FunctionFact::opens`).
//!
//! The connection and pool constructors per language are in
//! `lang::handlers::connections`; handlers come from the shared handler
//! model. Left alone: connections made at start-up (outside handlers), lazy
//! one-time initialisation (the result stored in a module variable under an
//! `is None` / `!pool` guard, or built inside `get_or_init`), the tests layer.

use crate::diagnostic::Finding;
use crate::lang::handlers::connections::{self, Opens};
use crate::lang::handlers::handler_scopes;
use crate::rules::{FileContext, ProjectCheck, ProjectContext, Rule};

pub static RULE: Rule = Rule {
    id: "connection-per-request",
    doc: include_str!("../../rules/connection-per-request.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: Some(PROJECT),
};

/// The part for handlers routed from another file: their bodies' connection
/// calls, from the project index, judged in the join.
const PROJECT: ProjectCheck =
    ProjectCheck { check: check_project, reads_routes: true, reads_connections: true, ..ProjectCheck::READS_NOTHING };

/// One finding per connection call, with the registration as a related location.
fn check_project(ctx: &ProjectContext<'_>, out: &mut Vec<Finding>) {
    for handler in ctx.routed_handlers(|_| false) {
        for (location, callee, pool) in &handler.function.opens {
            let opens = if *pool { Opens::Pool } else { Opens::Connection };
            out.push(handler.with_registration(ctx.finding_at(
                location.clone(),
                format!(
                    "`{callee}(...)` opens {} on every request in handler `{}` ({}); {}",
                    opens.noun(),
                    handler.function.name,
                    handler.served,
                    advice(opens)
                ),
            )));
        }
    }
}

/// What to do instead.
fn advice(opens: Opens) -> &'static str {
    match opens {
        Opens::Connection => "take connections from a pool created once at start-up",
        Opens::Pool => "create it once at start-up and share it",
    }
}

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
    let bindings = ctx.connection_bindings();
    let mut seen = std::collections::HashSet::new();
    for scope in &scopes {
        for (node, callee, opens) in connections::sites(scope.function, source, &bindings) {
            if !seen.insert(node.start_byte()) {
                continue;
            }
            let handler = &handlers[scope.handler];
            let mut finding = ctx.finding(
                node,
                format!(
                    "`{callee}(...)` opens {} on every request in {}; {}",
                    opens.noun(),
                    scope.describe(handlers, source),
                    advice(opens)
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
