//! `debug-mode-enabled`: a framework's debug mode switched on in code that
//! ships.
//!
//! ## What it does
//! Flags Flask `app.run(debug=True)`, `app.debug = True`,
//! `app.config["DEBUG"] = True`; Django `DEBUG = True` in a settings module
//! that is not development-only; FastAPI/Starlette `debug=True`; Werkzeug's
//! debugger; the Express `errorhandler()` middleware mounted unconditionally,
//! Apollo Server's `debug: true`, `app.set('env', 'development')`. Values read
//! from the environment are never literal `True`, so they are left alone.
//!
//! The framework knowledge lives in `crate::lang::web`; the user docs are in
//! `rules/debug-mode-enabled.md`.

use crate::diagnostic::Finding;
use crate::lang::NodeExt;
use crate::lang::{Family, web};
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "debug-mode-enabled",
    doc: include_str!("../../rules/debug-mode-enabled.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: None,
};

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if ctx.is_test() || web::is_development_module(&ctx.file.path) {
        return;
    }
    // Every switch the rule knows names debug mode, an error handler, stack
    // traces or the development environment: skip files that mention none.
    static NEEDLES: crate::lang::Words = crate::lang::Words::new(&[
        "debug",
        "DEBUG",
        "Debug",
        "errorhandler",
        "errorHandler",
        "Stacktrace",
        "development",
    ]);
    if !NEEDLES.in_text(ctx.source()) {
        return;
    }
    match ctx.file.language.family() {
        Family::Python => check_python(ctx, out),
        Family::TypeScript => check_typescript(ctx, out),
        Family::Rust => {}
    }
}

fn check_python(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    let imports = ctx.python_imports();
    let root = ctx.root();
    if web::python::is_django_settings(&ctx.file.path, root, source) {
        for statement in root.named_child_nodes() {
            let Some(assignment) = statement.named_child(0).filter(|a| a.kind_name() == "assignment") else { continue };
            let (Some(left), Some(right)) = (assignment.field("left"), assignment.field("right")) else {
                continue;
            };
            if ctx.text(left) == "DEBUG" && right.kind_name() == "true" {
                out.push(ctx.finding(
                    assignment,
                    "`DEBUG = True` in a Django settings module that is not development-only: error pages show settings, SQL and stack traces to anyone; read it from the environment",
                ));
            }
        }
    }
    for node in ctx.nodes(&["call", "assignment"]) {
        if !matches!(node.kind_name(), "call" | "assignment") {
            continue;
        }
        if let Some((at, switch)) = web::python::debug_switch(node, source, imports) {
            out.push(ctx.finding(
                at,
                format!("{switch} turns on debug mode: tracebacks (and with Werkzeug an interactive console) are exposed to clients; read it from the environment"),
            ));
        }
    }
}

fn check_typescript(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    let imports = ctx.typescript_imports();
    for node in ctx.nodes(&["call_expression", "new_expression"]) {
        if let Some((at, message)) = web::typescript::debug_switch(node, source, imports) {
            out.push(
                ctx.finding(at, format!("{message}; enable it only in development (e.g. behind a `NODE_ENV` check)")),
            );
        }
    }
}
