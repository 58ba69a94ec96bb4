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

use crate::diagnostic::Finding;
use crate::lang::handlers::panics::panic_sites;
use crate::lang::handlers::{Scope, handler_scopes};
use crate::lang::{Family, rust};
use crate::rules::{FileContext, ProjectCheck, ProjectContext, Rule};

pub static RULE: Rule = Rule {
    id: "panic-in-handler",
    doc: include_str!("../../rules/panic-in-handler.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: Some(PROJECT),
};

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
        for (bytes, what) in panic_sites(scope.function, ctx.node_index(), source, templates) {
            if seen.insert(bytes.start) {
                out.push(report(ctx, scope, bytes, &what));
            }
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

/// The cross-file part of the rule: Rust handlers that a route of another
/// file names (`.route("/x", get(handlers::orders::create))`), judged by the
/// panic sites the project index keeps for their own body.
const PROJECT: ProjectCheck =
    ProjectCheck { check: check_project, reads_routes: true, reads_panics: true, ..ProjectCheck::READS_NOTHING };

/// One finding per panic site, with the registration as a related location.
fn check_project(ctx: &ProjectContext<'_>, out: &mut Vec<Finding>) {
    for handler in ctx.routed_handlers(|_| false) {
        for (location, what) in handler.function.panics() {
            out.push(handler.with_registration(ctx.finding_at(
                location.clone(),
                format!(
                    "{what} in handler `{}` ({}) panics on an ordinary failure and aborts the request with no error response; return an error (`?`, `map_err`) instead",
                    handler.function.name, handler.served
                ),
            )));
        }
    }
}
