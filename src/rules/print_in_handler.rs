//! `print-in-handler`: a route handler that writes straight to standard
//! output or error (`print(..)`, `console.log(..)`, `println!`/`dbg!`)
//! instead of going through the service's logger.
//!
//! Handlers come from the shared handler model (`ctx.handlers()`), what
//! counts as console output from `lang::{python,typescript,rust}::
//! is_console_output`. Every such call inside a handler's function, nested
//! callbacks included, is one finding. The user docs are in
//! `rules/print-in-handler.md`.

use crate::diagnostic::Finding;
use crate::lang::Family;
use crate::lang::NodeExt;
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "print-in-handler",
    doc: include_str!("../../rules/print-in-handler.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: None,
};

/// The other linters' markers that say console output is intended:
/// flake8-print's `T201`/`T203` (or a bare `# noqa`), ESLint's `no-console`.
const INTENDED_OUTPUT: crate::lang::ForeignSuppressions<'static> = crate::lang::ForeignSuppressions {
    noqa: &["T201", "T203"],
    bare_noqa: true,
    nosec: false,
    eslint: &["no-console"],
};

/// A language's test for a console-output call.
type IsOutput = fn(tree_sitter::Node<'_>, &str) -> bool;

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if ctx.is_test() {
        return;
    }
    let handlers = ctx.handlers();
    if handlers.is_empty() {
        return;
    }
    let source = ctx.source();
    let family = ctx.file.language.family();
    let (kinds, is_output): (&[&str], IsOutput) = match family {
        Family::Python => (&["call"], crate::lang::python::is_console_output),
        Family::TypeScript => (&["call_expression"], crate::lang::typescript::is_console_output),
        Family::Rust => (&["macro_invocation"], crate::lang::rust::is_console_output),
    };
    // Console output the file's own linter was told is intended.
    let mut allowed: Option<(Vec<usize>, Option<usize>)> = None;
    for node in ctx.nodes(kinds) {
        if !is_output(node, source) {
            continue;
        }
        // The innermost handler around the call.
        let Some(handler) = handlers
            .iter()
            .filter(|h| h.function.start <= node.start_byte() && node.end_byte() <= h.function.end)
            .min_by_key(|h| h.function.len())
        else {
            continue;
        };
        let (lines, from) = allowed.get_or_insert_with(|| {
            crate::lang::foreign_suppressions(ctx.file.language, ctx.tree, source, &INTENDED_OUTPUT)
        });
        let line = node.start_position().row;
        if lines.contains(&line) || from.is_some_and(|f| f <= line) {
            continue;
        }
        let what = match family {
            Family::Rust => format!("`{}!`", ctx.text(node).split('!').next().unwrap_or("println")),
            _ => format!("`{}`", node.field("function").map_or("print", |f| ctx.text(f))),
        };
        out.push(ctx.finding(
            node,
            format!(
                "{what} in {} writes to the process's console, outside the service's logger: no level, no request context, and whatever it prints (request data included) lands in raw output; log through the logger or remove it",
                handler.title()
            ),
        ));
    }
}
