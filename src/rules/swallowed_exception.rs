//! `swallowed-exception`: errors caught and dropped without a trace.
//!
//! ## What it does
//! Python `except:` / `except Exception` / `except BaseException` whose body
//! is only `pass`, `...` or `continue`, and `contextlib.suppress(Exception)`;
//! TypeScript/JavaScript empty `catch` blocks (comments count as empty) and
//! `.catch(() => {})` / `.catch(() => undefined)`; Rust `let _ = <fallible
//! call>` and statement-level `<call>.ok();`.
//!
//! ## Why is this bad?
//! The failure disappears: no log line, no metric, no error to the caller.
//!
//! The fallible-call knowledge for Rust (which calls return `Result`) lives in
//! [`is_fallible_call`]. The user docs are in `rules/swallowed-exception.md`.

use crate::lang::NodeExt;
use std::collections::HashSet;

use tree_sitter::Node;

use crate::diagnostic::Finding;
use crate::lang::{self, Family, python, rust};
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "swallowed-exception",
    doc: include_str!("../../rules/swallowed-exception.md"),
    queries: &[],
    options: &[],
    check,
};

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // A UI's swallowed error loses no request: browser code is left alone.
    if ctx.is_test() || ctx.is_browser_code() {
        return;
    }
    match ctx.file.language.family() {
        Family::Python => check_python(ctx, out),
        Family::TypeScript => check_typescript(ctx, out),
        Family::Rust => check_rust(ctx, out),
    }
}

/// The name of the function or method `node` is in, for messages.
fn enclosing_function<'a>(ctx: &FileContext<'a>, node: Node<'_>) -> Option<&'a str> {
    let kinds = [
        "function_definition",
        "function_declaration",
        "method_definition",
        "function_item",
        "generator_function_declaration",
    ];
    let function = lang::ancestor_of_kind(node, &kinds)?;
    function.field("name").map(|n| ctx.text(n))
}

fn in_function(ctx: &FileContext<'_>, node: Node<'_>) -> String {
    enclosing_function(ctx, node).map(|f| format!(" in `{f}`")).unwrap_or_default()
}

// ---------------------------------------------------------------- Python

const BROAD_EXCEPTIONS: &[&str] = &["Exception", "BaseException", "builtins.Exception", "builtins.BaseException"];

fn check_python(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    let imports = ctx.python_imports();
    for node in ctx.nodes(&["except_clause", "call"]) {
        match node.kind_name() {
            "except_clause" => {
                let mut cursor = node.walk();
                let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                let Some(body) = children.iter().find(|c| c.kind_name() == "block") else { continue };
                let caught = children.iter().find(|c| !matches!(c.kind_name(), "block" | "comment"));
                let label = match caught {
                    None => "except:".to_string(),
                    Some(caught) => {
                        let types =
                            if caught.kind_name() == "as_pattern" { caught.named_child(0) } else { Some(*caught) };
                        let Some(types) = types else { continue };
                        if !is_broad_python(types, source) {
                            continue;
                        }
                        format!("except {}:", ctx.text(*caught))
                    }
                };
                if let Some(only) = python_body_only_drops(*body, source) {
                    out.push(ctx.finding(
                        node,
                        format!("`{label}`{} drops the error: its body is only `{only}`", in_function(ctx, node)),
                    ));
                }
            }
            "call" => {
                let Some(callee) = python::callee_name(node, source) else { continue };
                if imports.qualify(&callee) != "contextlib.suppress" {
                    continue;
                }
                let Some(arguments) = node.field("arguments") else { continue };
                let mut cursor = arguments.walk();
                let broad = arguments.named_children(&mut cursor).find(|a| is_broad_python(*a, source));
                if let Some(broad) = broad {
                    out.push(ctx.finding(
                        node,
                        format!(
                            "`{callee}({})`{} silently drops every error of the block",
                            ctx.text(broad),
                            in_function(ctx, node)
                        ),
                    ));
                }
            }
            _ => {}
        }
    }
}

/// `Exception`, `BaseException`, or a tuple holding one of them.
fn is_broad_python(node: Node<'_>, source: &str) -> bool {
    match node.kind_name() {
        "tuple" | "parenthesized_expression" => {
            let mut cursor = node.walk();
            node.named_children(&mut cursor).any(|c| is_broad_python(c, source))
        }
        _ => python::dotted_name(node, source).is_some_and(|n| BROAD_EXCEPTIONS.contains(&n.as_str())),
    }
}

/// When a block does nothing but `pass`, `...` or `continue` (comments
/// aside), the statement it does.
fn python_body_only_drops(body: Node<'_>, source: &str) -> Option<&'static str> {
    let mut cursor = body.walk();
    let mut only = None;
    for statement in body.named_children(&mut cursor) {
        let this = match statement.kind_name() {
            "comment" => continue,
            "pass_statement" => "pass",
            "continue_statement" => "continue",
            "expression_statement" if lang::text(statement, source).trim() == "..." => "...",
            _ => return None,
        };
        only.get_or_insert(this);
    }
    only
}

// ---------------------------------------------------------------- TypeScript

fn check_typescript(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    for node in ctx.nodes(&["catch_clause", "call_expression"]) {
        match node.kind_name() {
            "catch_clause" => {
                let Some(body) = node.field("body") else { continue };
                if is_empty_block(body) {
                    out.push(ctx.finding(
                        node,
                        format!(
                            "empty `catch` block{} drops the error without logging or rethrowing it",
                            in_function(ctx, node)
                        ),
                    ));
                }
            }
            "call_expression" => {
                let Some(function) = node.field("function") else { continue };
                if function.kind_name() != "member_expression"
                    || function.field("property").is_none_or(|p| ctx.text(p) != "catch")
                {
                    continue;
                }
                let Some(arguments) = node.field("arguments") else { continue };
                let mut cursor = arguments.walk();
                let handlers: Vec<Node<'_>> = arguments.named_children(&mut cursor).collect();
                if handlers.len() != 1 || !is_noop_handler(handlers[0], source) || !result_is_dropped(node) {
                    continue;
                }
                let promise = function.field("object").map(|o| ctx.text(o)).unwrap_or("");
                let shown = if promise.len() > 40 || promise.is_empty() || promise.contains('\n') {
                    "the promise".to_string()
                } else {
                    format!("`{promise}`")
                };
                out.push(ctx.finding(
                    handlers[0],
                    format!(
                        "`.catch({})` drops the rejection of {shown}{}",
                        ctx.text(handlers[0]).split_whitespace().collect::<Vec<_>>().join(" "),
                        in_function(ctx, node)
                    ),
                ));
            }
            _ => {}
        }
    }
}

/// Whether a call's value is thrown away: the call is a statement of its own
/// (possibly awaited or `void`ed). A `.catch(() => null)` whose value is
/// assigned, returned or passed on is a fallback the caller checks.
fn result_is_dropped(call: Node<'_>) -> bool {
    let mut node = call;
    while let Some(parent) = node.parent() {
        match parent.kind_name() {
            "await_expression" | "parenthesized_expression" | "unary_expression" => node = parent,
            "expression_statement" => return true,
            _ => return false,
        }
    }
    false
}

fn is_empty_block(block: Node<'_>) -> bool {
    let mut cursor = block.walk();
    block.named_children(&mut cursor).all(|c| c.kind_name() == "comment")
}

/// `() => {}`, `() => undefined`, `() => null`, `() => void 0`, `function () {}`.
fn is_noop_handler(handler: Node<'_>, source: &str) -> bool {
    if !matches!(handler.kind_name(), "arrow_function" | "function_expression" | "function") {
        return false;
    }
    let Some(body) = handler.field("body") else { return false };
    match body.kind_name() {
        "statement_block" => is_empty_block(body),
        "undefined" | "null" => true,
        "identifier" => lang::text(body, source) == "undefined",
        "unary_expression" => lang::text(body, source).split_whitespace().collect::<String>() == "void0",
        _ => false,
    }
}

// ---------------------------------------------------------------- Rust

/// Methods that return `Result` in the APIs backend code uses: channel sends,
/// database execution and transactions (sqlx, diesel, rusqlite, tokio-postgres),
/// HTTP sends (reqwest), and I/O writes.
const FALLIBLE_METHODS: &[&str] = &[
    "send",
    "try_send",
    "blocking_send",
    "send_timeout",
    "execute",
    "execute_batch",
    "fetch_one",
    "fetch_all",
    "fetch_optional",
    "get_result",
    "get_results",
    "commit",
    "rollback",
    "write_all",
    "flush",
    "sync_all",
    "sync_data",
    "shutdown",
    "set_ex",
    "publish",
];

/// Functions of `std::fs`, `tokio::fs` and `async_std::fs` that return `Result`.
const FALLIBLE_FS: &[&str] = &[
    "write",
    "remove_file",
    "remove_dir",
    "remove_dir_all",
    "create_dir",
    "create_dir_all",
    "rename",
    "copy",
    "hard_link",
    "set_permissions",
    "File::create",
    "File::open",
];

/// Whether a call returns a `Result` by what is known of its callee: one of
/// the fallible methods or file-system functions above, or a function of this
/// file declared to return a `Result`.
pub fn is_fallible_call(call: Node<'_>, source: &str, uses: &rust::Uses, local: &HashSet<&str>) -> bool {
    if let Some(method) = rust::method_name(call) {
        let method = lang::text(method, source);
        return FALLIBLE_METHODS.contains(&method) || local.contains(method);
    }
    let Some(path) = rust::call_path(call, source) else { return false };
    let qualified = uses.qualify(path);
    for prefix in ["std::fs::", "tokio::fs::", "async_std::fs::"] {
        if let Some(rest) = qualified.strip_prefix(prefix)
            && FALLIBLE_FS.contains(&rest)
        {
            return true;
        }
    }
    let last = path.rsplit("::").next().unwrap_or(path);
    local.contains(last)
}

/// `tx.send(event)`, `notice_tx.try_send(..)`: a send on a channel, which
/// fails only when the receiver is gone. Dropping that error is often best
/// effort by design, so it is reported as a note. A request's `.send()` ends
/// a builder chain (`client.post(url).send()`) and stays a warning.
fn is_channel_send(call: Node<'_>, source: &str) -> bool {
    rust::method_name(call)
        .is_some_and(|m| matches!(lang::text(m, source), "send" | "try_send" | "blocking_send" | "send_timeout"))
        && rust::method_receiver(call).is_some_and(|r| matches!(r.kind_name(), "identifier" | "field_expression"))
}

/// A finding about a channel send, at note level (see [`is_channel_send`]).
fn lowered_for_channel_sends(mut finding: Finding, call: Node<'_>, source: &str) -> Finding {
    if is_channel_send(call, source) {
        finding.level = crate::diagnostic::Level::Note.min(finding.level);
    }
    finding
}

/// Names of the functions of a file declared to return a `Result`.
fn result_functions<'a>(functions: &[Node<'_>], source: &'a str) -> HashSet<&'a str> {
    let mut out = HashSet::new();
    for &node in functions {
        if node.kind_name() == "function_item"
            && let (Some(name), Some(ret)) = (node.field("name"), node.field("return_type"))
        {
            let ret = lang::text(ret, source);
            let base = ret.split('<').next().unwrap_or(ret).trim();
            if base == "Result" || base.ends_with("::Result") {
                out.insert(lang::text(name, source));
            }
        }
    }
    out
}

fn strip_await(node: Node<'_>) -> Node<'_> {
    let mut node = node;
    while matches!(node.kind_name(), "await_expression" | "parenthesized_expression") {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// The call as shown in messages: one line, arguments elided when long.
fn shown_call(ctx: &FileContext<'_>, call: Node<'_>) -> String {
    let text: String = ctx.text(call).split_whitespace().collect::<Vec<_>>().join(" ");
    if text.len() <= 60 {
        return text;
    }
    let function = call.field("function").map(|f| ctx.text(f)).unwrap_or("");
    let function: String = function.split_whitespace().collect::<Vec<_>>().join(" ");
    match function.rsplit_once('.') {
        Some((_, method)) if function.len() > 50 => format!("...{method}(...)"),
        _ => format!("{function}(...)"),
    }
}

fn check_rust(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    let uses = ctx.rust_uses();
    let local = result_functions(&ctx.nodes(&["function_item"]), source);
    for node in ctx.nodes(&["let_declaration", "assignment_expression", "expression_statement"]) {
        match node.kind_name() {
            "let_declaration" | "assignment_expression" => {
                let (target, value) = if node.kind_name() == "let_declaration" {
                    (node.field("pattern"), node.field("value"))
                } else {
                    (node.field("left"), node.field("right"))
                };
                let (Some(target), Some(value)) = (target, value) else { continue };
                if ctx.text(target) != "_" || node.field("type").is_some() {
                    continue;
                }
                let call = strip_await(value);
                if call.kind_name() == "call_expression" && is_fallible_call(call, source, uses, &local) {
                    let finding = ctx.finding(
                        node,
                        format!(
                            "`let _ =` drops the `Result` of `{}`{}: a failure goes unnoticed",
                            shown_call(ctx, call),
                            in_function(ctx, node)
                        ),
                    );
                    out.push(lowered_for_channel_sends(finding, call, source));
                }
            }
            "expression_statement" => {
                let Some(expression) = node.named_child(0) else { continue };
                if expression.kind_name() != "call_expression"
                    || rust::method_name(expression).is_none_or(|m| ctx.text(m) != "ok")
                    || !rust::arguments(expression).is_empty()
                {
                    continue;
                }
                let Some(receiver) = rust::method_receiver(expression) else { continue };
                let call = strip_await(receiver);
                if call.kind_name() == "call_expression" {
                    let finding = ctx.finding(
                        node,
                        format!(
                            "`.ok();` drops the error of `{}`{}: a failure goes unnoticed",
                            shown_call(ctx, call),
                            in_function(ctx, node)
                        ),
                    );
                    out.push(lowered_for_channel_sends(finding, call, source));
                }
            }
            _ => {}
        }
    }
}
