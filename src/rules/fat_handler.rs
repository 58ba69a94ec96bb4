//! `fat-handler`: a route handler that mixes input validation, business
//! logic and data access, or whose body passes a size or complexity
//! threshold.
//!
//! The shape of each handler body (validation checks, business logic,
//! statements, complexity) comes from `lang::handlers::shape`; data access
//! is what `handler-data-access` reports. The handler is reported at its
//! name when it mixes all three (with at least `min-business-logic` pieces
//! of logic), or when statements or complexity pass their limits.
//!
//! Handlers registered in their own file are judged by the file check;
//! handlers that a route of another file names (`router.get("/x",
//! users.list)`, Django's `urls.py`) by the project check, from the shape
//! kept in the project index.

use std::collections::HashSet;

use crate::diagnostic::Finding;
use crate::lang::handlers::shape::{Counts, count};
use crate::rules::{FileContext, OptionKind, ProjectCheck, ProjectContext, Rule, RuleOption};

pub static RULE: Rule = Rule {
    id: "fat-handler",
    doc: include_str!("../../rules/fat-handler.md"),
    queries: &[],
    options: &[
        RuleOption { name: "max-statements", kind: OptionKind::Integer },
        RuleOption { name: "max-complexity", kind: OptionKind::Integer },
        RuleOption { name: "min-business-logic", kind: OptionKind::Integer },
    ],
    check: Some(check),
    project: Some(PROJECT),
};

const MAX_STATEMENTS: i64 = 40;
const MAX_COMPLEXITY: i64 = 15;
const MIN_BUSINESS_LOGIC: i64 = 3;

/// The rule's thresholds, from its options.
struct Limits {
    max_statements: u32,
    max_complexity: u32,
    min_business: u32,
}

impl Limits {
    fn new(option: impl Fn(&str, i64) -> i64) -> Limits {
        let limit = |name, default| u32::try_from(option(name, default).max(1)).unwrap_or(u32::MAX);
        Limits {
            max_statements: limit("max-statements", MAX_STATEMENTS),
            max_complexity: limit("max-complexity", MAX_COMPLEXITY),
            min_business: limit("min-business-logic", MIN_BUSINESS_LOGIC),
        }
    }

    /// What the handler `described` does wrong, given its shape and the
    /// database calls it makes, or `None` when it is fine.
    fn judge(&self, described: String, counts: &Counts, queries: usize) -> Option<String> {
        let mixes = counts.checks > 0 && counts.business() >= self.min_business && queries > 0;
        let too_long = counts.statements > self.max_statements;
        let too_complex = counts.complexity > self.max_complexity;
        if !mixes && !too_long && !too_complex {
            return None;
        }
        let mut parts = Vec::new();
        if counts.checks > 0 {
            parts.push(format!("validates input ({})", plural(counts.checks, "check", "checks")));
        }
        if counts.business() > 0 {
            let mut logic = Vec::new();
            if counts.branches > 0 {
                logic.push(plural(counts.branches, "branch", "branches"));
            }
            if counts.loops > 0 {
                logic.push(plural(counts.loops, "loop", "loops"));
            }
            if counts.arithmetic > 0 {
                logic.push(plural(counts.arithmetic, "arithmetic operation", "arithmetic operations"));
            }
            parts.push(format!("runs business logic ({})", logic.join(", ")));
        }
        if queries > 0 {
            parts.push(format!("queries the database ({})", plural(queries as u32, "call", "calls")));
        }
        let mut message = described;
        match parts.len() {
            0 => {}
            1 => message.push_str(&format!(" {}", parts[0])),
            n => message.push_str(&format!(" {} and {}", parts[..n - 1].join(", "), parts[n - 1])),
        }
        let lines = counts.lines;
        if parts.is_empty() {
            message.push_str(&format!(" spans {lines} lines"));
        } else {
            message.push_str(&format!(" in {lines} lines"));
        }
        let mut limits = Vec::new();
        if too_long {
            limits.push(format!("{} statements (limit {})", counts.statements, self.max_statements));
        }
        if too_complex {
            limits.push(format!("cyclomatic complexity {} (limit {})", counts.complexity, self.max_complexity));
        }
        if !limits.is_empty() {
            message.push_str(&format!(", with {}", limits.join(" and ")));
        }
        message.push_str(
            "; keep the handler to parsing the request and shaping the response, and move the rest into a service",
        );
        Some(message)
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let handlers = ctx.judged_handlers();
    if handlers.is_empty() {
        return;
    }
    let limits = Limits::new(|name, default| ctx.option_int(name, default));
    let family = ctx.file.language.family();
    let source = ctx.source();
    let root = ctx.root();
    let mut seen = HashSet::new();
    for handler in handlers {
        if !seen.insert(handler.function.start) {
            continue;
        }
        let Some(function) = handler.function_node(root) else { continue };
        let counts = count(family, function, ctx.node_index(), source);
        let queries = ctx.db().accesses_in(function).len();
        if let Some(message) = limits.judge(handler.title(), &counts, queries) {
            out.push(ctx.finding_at(ctx.file.location(handler.name_range.clone()), message));
        }
    }
}

/// The cross-file part of the rule: handlers that a route of another file
/// names, judged by the shape the project index keeps for them.
const PROJECT: ProjectCheck = ProjectCheck {
    check: check_project,
    reads_performs: true,
    reads_routes: true,
    reads_shapes: true,
    ..ProjectCheck::READS_NOTHING
};

/// One finding per handler function, at its name, with the registration as
/// a related location. A query counts when the handler's own module runs
/// it (as in the file check, a function of another module is a service).
fn check_project(ctx: &ProjectContext<'_>, out: &mut Vec<Finding>) {
    let limits = Limits::new(|name, default| ctx.option_int(name, default));
    for handler in ctx.routed_handlers(|_| false) {
        let function = handler.function;
        let Some(counts) = function.shape.as_deref() else { continue };
        let queries = usize::from(
            function.performs.data_access
                && function.query.as_deref().is_some_and(|(query, _)| *query.path == *handler.file.path),
        );
        let described = format!("handler `{}` ({})", function.name, handler.served);
        let Some(message) = limits.judge(described, counts, queries) else {
            continue;
        };
        out.push(
            handler.with_registration(ctx.finding_at(function.span.start_only().in_file(&handler.file.path), message)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The project index drops the shapes of trivial bodies: no limit may
    /// judge one, even every limit at its least (1).
    #[test]
    fn no_limit_judges_a_trivial_body() {
        let strictest = Limits::new(|_, _| 0);
        let shapes = [
            Counts { statements: 1, complexity: 1, arithmetic: 3, lines: 9, ..Counts::default() },
            Counts { statements: 1, complexity: 1, checks: 2, lines: 9, ..Counts::default() },
            Counts { statements: 0, complexity: 1, ..Counts::default() },
        ];
        for counts in shapes {
            assert!(counts.is_trivial(), "{counts:?}");
            assert_eq!(strictest.judge(String::new(), &counts, 5), None, "{counts:?}");
        }
        let judged = [
            Counts { statements: 2, complexity: 1, ..Counts::default() },
            Counts { statements: 1, complexity: 2, ..Counts::default() },
            Counts { statements: 1, complexity: 1, checks: 1, loops: 1, ..Counts::default() },
        ];
        for counts in judged {
            assert!(!counts.is_trivial(), "{counts:?}");
            assert!(strictest.judge(String::new(), &counts, 5).is_some(), "{counts:?}");
        }
    }
}
