//! `connection-per-request`: a database connection opened, or a pool built,
//! inside a route handler or a same-file function it calls.
//!
//! Handlers routed from another file are judged in the join ([`PROJECT`]),
//! from the connection calls the project index keeps for each function
//! (`FunctionFact::opens`); so are the helpers of other modules that any
//! handler calls directly (`FunctionFact::calls`).
//!
//! The connection and pool constructors per language are in
//! `lang::handlers::connections`; handlers come from the shared handler
//! model. Left alone: connections made at start-up (outside handlers), lazy
//! one-time initialisation (the result stored in a module variable under an
//! `is None` / `!pool` guard, or built inside `get_or_init`), health checks
//! (`/health/db`: the connection is the probe) and diagnostics routes
//! (`/debug/gateway`), the tests layer.

use std::collections::BTreeMap;

use crate::diagnostic::{Finding, Location};
use crate::lang::handlers::connections::{self, Opens};
use crate::lang::handlers::{Handler, handler_scopes, is_diagnostics_route, is_health_check};
use crate::rules::{FileContext, ProjectCheck, ProjectContext, Rule};

pub static RULE: Rule = Rule {
    id: "connection-per-request",
    doc: include_str!("../../rules/connection-per-request.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: Some(PROJECT),
};

/// The part judged in the join: the bodies of handlers routed from another
/// file, and the helpers of other modules that any handler calls, from the
/// connection calls and the calls the project index keeps for each function.
const PROJECT: ProjectCheck = ProjectCheck {
    check: check_project,
    reads_routes: true,
    reads_connections: true,
    reads_performs: true,
    reads_handlers: true,
    ..ProjectCheck::READS_NOTHING
};

/// One finding per connection call of a routed handler's body, with the
/// registration as a related location; one per connection call of a
/// helper in another module that handlers call, with the first handler.
/// A health check or a diagnostics route: opening a connection to test it
/// is what such a request is for.
fn is_probe(name: &str, route: Option<&str>) -> bool {
    is_health_check(name, route) || is_diagnostics_route(route)
}

fn check_project(ctx: &ProjectContext<'_>, out: &mut Vec<Finding>) {
    let project = ctx.project;
    let tests = &ctx.settings.layers.tests;
    // Every handler of the project: (file, function, description, where).
    let mut handlers: Vec<(usize, usize, String, Location)> = Vec::new();
    for handler in ctx.routed_handlers(|_| false) {
        if is_probe(&handler.function.name, handler.route.route.as_deref()) {
            continue;
        }
        for &(ref location, ref callee, opens) in handler.function.opens() {
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
        let described = format!("handler `{}` ({})", handler.function.name, handler.served);
        handlers.push((
            handler.at.0,
            handler.at.1,
            described,
            handler.function.span.start_only().in_file(&handler.file.path),
        ));
    }
    for (i, file) in project.files.iter().enumerate() {
        if file.rare().handlers.is_empty() || tests.is_match(&file.path) {
            continue;
        }
        for own in file.rare().handlers.iter().filter(|own| !is_probe(&own.name, own.route.as_deref())) {
            let Some(k) = file.functions.iter().position(|f| f.span.bytes() == own.function.bytes) else { continue };
            let route = crate::lang::handlers::describe(&own.methods, own.route.as_deref());
            handlers.push((i, k, format!("handler `{}` ({route})", own.name), own.function.start_only()));
        }
    }
    // Each connection call of a helper, with the handlers that call it, in order.
    let mut sites: BTreeMap<(String, usize), HelperSite> = BTreeMap::new();
    for (i, k, described, at) in handlers {
        for call in &project.files[i].functions[k].calls {
            let Some((module, name)) = project.resolve_callee(i, call) else { continue };
            let Some((fi, hk)) = project.defined(module, &name) else { continue };
            let helper = &project.files[fi].functions[hk];
            if fi == i || tests.is_match(&project.files[fi].path) {
                continue;
            }
            for &(ref location, ref callee, opens) in helper.opens() {
                let key = (location.path.to_string(), location.bytes.start);
                let entry = sites.entry(key).or_insert_with(|| HelperSite {
                    location: location.clone(),
                    callee: callee.clone(),
                    opens,
                    helper: helper.name.to_string(),
                    callers: Vec::new(),
                });
                entry.callers.push((described.clone(), at.clone()));
            }
        }
    }
    for HelperSite { location, callee, opens, helper, mut callers } in sites.into_values() {
        callers.sort_by(|a, b| (a.1.path.as_ref(), a.1.bytes.start).cmp(&(b.1.path.as_ref(), b.1.bytes.start)));
        callers.dedup_by(|a, b| a.1.path == b.1.path && a.1.bytes.start == b.1.bytes.start);
        let (first, first_at) = &callers[0];
        let more = match callers.len() - 1 {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        out.push(
            ctx.finding_at(
                location,
                format!(
                    "`{callee}(...)` in `{helper}` opens {} on every request: {first}{more} calls it; {}",
                    opens.noun(),
                    advice(opens)
                ),
            )
            .with_related(first_at.clone(), format!("{first} calls `{helper}`")),
        );
    }
}

/// A connection call in a helper of another module, and the handlers that
/// call the helper (description, where).
struct HelperSite {
    location: Location,
    callee: String,
    opens: Opens,
    helper: String,
    callers: Vec<(String, Location)>,
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
    // A file that serves no route (most files; the handlers are shared with
    // the other handler rules) or names no connection library is done.
    let handlers = ctx.handlers();
    if handlers.is_empty() || !connections::may_open(family, source) {
        return;
    }
    // A health check's connection is the probe itself: is the database up?
    let handlers: Vec<Handler> = handlers.iter().filter(|h| !is_probe(&h.name, h.route.as_deref())).cloned().collect();
    let handlers = handlers.as_slice();
    let scopes = handler_scopes(family, ctx.node_index(), ctx.root(), source, handlers);
    let bindings = ctx.connection_bindings();
    let mut seen = std::collections::HashSet::new();
    for scope in &scopes {
        for (node, callee, opens) in connections::sites(scope.function, ctx.node_index(), source, &bindings) {
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
