//! `handler-data-access`: a route handler that talks to the database itself
//! (raw SQL, a driver call or an ORM query) instead of calling a repository
//! or service function.
//!
//! Handlers come from the shared handler model, data-access calls from the
//! shared database knowledge. Calls to same-file functions that query count
//! as the handler querying; calls to functions of other modules (services,
//! repositories) do not. One finding per handler, at its name, with each
//! call as a related location.

use std::collections::HashSet;

use crate::diagnostic::Finding;
use crate::rules::{FileContext, ProjectCheck, ProjectContext, Rule};

pub static RULE: Rule = Rule {
    id: "handler-data-access",
    doc: include_str!("../../rules/handler-data-access.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: Some(PROJECT),
};

/// The cross-file part of the rule: routes registered in one file with a
/// handler defined in another (`router.post("/login", auth.login)`).
const PROJECT: ProjectCheck =
    ProjectCheck { check: check_project, reads_performs: true, reads_routes: true, ..ProjectCheck::READS_NOTHING };

/// Judges each handler that a route of another file names, resolved through
/// that file's imports, by its own file's facts: it queries when a call in
/// its body (or in a function of its own module that it calls) does. One
/// finding per handler function, at its first line, with the registration
/// and the query as related locations.
fn check_project(ctx: &ProjectContext<'_>, out: &mut Vec<Finding>) {
    let data_access = &ctx.settings.layers.data_access;
    for handler in ctx.routed_handlers(|path| data_access.is_match(path)) {
        let (route, function, served) = (handler.route, handler.function, &handler.served);
        if crate::lang::handlers::is_health_check(&function.name, route.route.as_deref()) {
            continue;
        }
        // Only queries of the handler's own module: a function of another
        // module is a repository or service (as in the file check).
        let Some((query, api)) = function
            .query
            .as_deref()
            .filter(|(query, _)| function.performs.data_access && *query.path == *handler.file.path)
        else {
            continue;
        };
        // As in the file check: ORM queries in a Django view are the idiom.
        if !function.performs.raw_sql && route.framework.queries_orm_in_views() {
            continue;
        }
        let first_line = function.span.start_only().in_file(&handler.file.path);
        let mut finding = ctx
                .finding_at(
                    first_line.clone(),
                    format!(
                        "handler `{}` ({}) queries the database itself (`{api}`); move the queries into a repository or service function",
                        function.name,
                        served,
                    ),
                )
                .with_related(route.location.clone(), format!("the route {} is registered here", served))
                .with_related(query.clone(), format!("database call `{api}`"))
                .with_step(route.location.clone(), format!("the route {} is registered here", served))
                .with_step(first_line.clone(), format!("handler `{}` serves it", function.name))
                .with_step(query.clone(), format!("it runs `{api}`"));
        // As in the file check: ORM queries in a handler are advice.
        if !function.performs.raw_sql {
            finding.level = crate::diagnostic::Level::Note.min(finding.level);
        }
        out.push(finding);
    }
}

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // Most files serve no route: that is known (and shared with the other
    // handler rules) before the path is matched against the layer globs.
    let handlers = ctx.handlers();
    if handlers.is_empty() || ctx.is_test() || ctx.settings.layers.data_access.is_match(&ctx.file.path) {
        return;
    }
    let root = ctx.root();
    let mut seen = HashSet::new();
    for handler in handlers {
        if !seen.insert(handler.function.start) {
            continue;
        }
        if crate::lang::handlers::is_health_check(&handler.name, handler.route.as_deref()) {
            continue;
        }
        let Some(function) = handler.function_node(root) else { continue };
        let mut found = ctx.db().accesses_in(function);
        // A Django or DRF view that queries the ORM is written the way the
        // framework teaches; only SQL text in it is a layering flaw.
        if handler.framework.queries_orm_in_views() {
            found.retain(|access| access.raw_sql);
        }
        if found.is_empty() {
            continue;
        }
        let count = if found.len() == 1 { "1 call".to_string() } else { format!("{} calls", found.len()) };
        let mut apis: Vec<&str> = Vec::new();
        for access in &found {
            if !apis.contains(&access.what.as_str()) {
                apis.push(&access.what);
            }
        }
        let mut finding = ctx.finding_at(
            ctx.file.location(handler.name_range.clone()),
            format!(
                "{} queries the database itself ({count}: {}); move the queries into a repository or service function",
                handler.title(),
                apis.join(", ")
            ),
        );
        for access in &found {
            finding = finding.with_related(ctx.location(access.call), format!("database call {}", access.what));
        }
        // ORM queries in other frameworks' handlers are advice: moving them
        // into a repository is a refactoring, not a fix.
        if !found.iter().any(|a| a.raw_sql) {
            finding.level = crate::diagnostic::Level::Note.min(finding.level);
        }
        out.push(finding);
    }
}
