//! `swallowed-exception`: errors caught and dropped without a trace.
//!
//! ## What it does
//! Python `except:` / `except Exception` / `except BaseException` whose body
//! is only `pass`, `...` or `continue`, and `contextlib.suppress(Exception)`;
//! TypeScript/JavaScript empty `catch` blocks and `.catch(() => {})` /
//! `.catch(() => undefined)`; Rust `let _ = <call>` and statement-level
//! `<call>.ok();` on a call that changes durable state.
//!
//! A handler with a comment says why it drops the error, and a `try` that
//! only computes values falls back to their defaults: neither is reported.
//!
//! ## Why is this bad?
//! The failure disappears: no log line, no metric, no error to the caller.
//!
//! Which Rust calls change durable state lives in [`is_consequential_call`]. The user docs are in `rules/swallowed-exception.md`.

use crate::lang::NodeExt;

use tree_sitter::Node;

use crate::diagnostic::Finding;
use crate::lang::{self, Family, python, rust, typescript};
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "swallowed-exception",
    doc: include_str!("../../rules/swallowed-exception.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: None,
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
fn enclosing_function<'a>(ctx: &FileContext<'a>, node: Node<'a>) -> Option<&'a str> {
    let kinds = [
        "function_definition",
        "function_declaration",
        "method_definition",
        "function_item",
        "generator_function_declaration",
    ];
    let function = ctx.ancestor_of_kind(node, &kinds)?;
    function.field("name").map(|n| ctx.text(n))
}

/// Whether a handler holds a comment that says in words why it drops the
/// error (see [`lang::is_explanation`]).
fn holds_explanation(ctx: &FileContext<'_>, handler: Node<'_>) -> bool {
    lang::descendants(handler).any(|n| ctx.file.language.is_comment(n) && lang::is_explanation(ctx.text(n)))
}

fn in_function<'a>(ctx: &FileContext<'a>, node: Node<'a>) -> String {
    enclosing_function(ctx, node).map(|f| format!(" in `{f}`")).unwrap_or_default()
}

// ---------------------------------------------------------------- Python

const BROAD_EXCEPTIONS: &[&str] = &["Exception", "BaseException", "builtins.Exception", "builtins.BaseException"];

fn check_python(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    let imports = ctx.python_imports();
    let first = out.len();
    for node in ctx.nodes(&["except_clause", "call"]) {
        match node.kind_name() {
            "except_clause" => {
                let children: Vec<Node<'_>> = node.named_child_nodes().collect();
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
                // A comment in the handler says why the error is dropped; a
                // `try` that only computes values falls back to their defaults.
                let documented = holds_explanation(ctx, node)
                    || lang::descendants(node)
                        .any(|n| n.kind_name() == "comment" && python::acknowledges_dropped_error(ctx.text(n)));
                let fallback =
                    node.parent().and_then(|t| t.field("body")).is_some_and(|b| python_computes_values_only(b));
                if documented || fallback {
                    continue;
                }
                if let Some(only) = python_body_only_drops(*body, source) {
                    if only == "continue" && python_tries_next_candidate(node) {
                        continue;
                    }
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
                let broad = arguments.named_child_nodes().find(|a| is_broad_python(*a, source));
                // `with suppress(Exception):` around a block that only
                // computes values (`ts = parse(line)`), or says why it may
                // fail: on failure the names keep their defaults.
                let block = lang::ancestor_of_kind(node, &["with_statement"])
                    .filter(|w| w.field("body").is_some_and(|b| b.start_byte() > node.end_byte()))
                    .and_then(|w| w.field("body"));
                if block.is_some_and(|b| python_computes_values_only(b) || holds_explanation(ctx, b)) {
                    continue;
                }
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
    if out.len() > first {
        drop_in_exit_hooks(ctx, out, first);
    }
}

/// Drops the findings (from `first` on) inside a function the file
/// registers to run at interpreter exit (`lang::python::exit_hooks`): when
/// the process is going away, nothing is left to act on its failure.
fn drop_in_exit_hooks(ctx: &FileContext<'_>, out: &mut Vec<Finding>, first: usize) {
    let hooks = python::exit_hooks(ctx.nodes(&["call"]), ctx.source(), ctx.python_imports());
    if hooks.is_empty() {
        return;
    }
    let mut found = out.split_off(first);
    found.retain(|finding| {
        let start = finding.location.bytes.start;
        !ctx.root()
            .descendant_for_byte_range(start, start)
            .and_then(|node| enclosing_function(ctx, node))
            .is_some_and(|name| hooks.contains(&name))
    });
    out.extend(found);
}

/// Whether an `except ..: continue` moves on to the next candidate of a
/// search: its `try` is a statement of a loop's body, and a later statement
/// of that body leaves the loop (`return host, port`, `break`), so the loop
/// stops at the first candidate that works (`for host, port in candidates:
/// try: SMTP(host, port).close() except Exception: continue; return host,
/// port`). A failed candidate is the expected answer "not this one".
fn python_tries_next_candidate(handler: Node<'_>) -> bool {
    let Some(try_statement) = handler.parent().filter(|t| t.kind_name() == "try_statement") else { return false };
    let Some(body) = try_statement.parent().filter(|b| b.kind_name() == "block") else { return false };
    body.parent().is_some_and(|l| matches!(l.kind_name(), "for_statement" | "while_statement"))
        && lang::leaves_once_try_succeeds(body, try_statement)
}

/// `Exception`, `BaseException`, or a tuple holding one of them.
fn is_broad_python(node: Node<'_>, source: &str) -> bool {
    match node.kind_name() {
        "tuple" | "parenthesized_expression" => node.named_child_nodes().any(|c| is_broad_python(c, source)),
        _ => python::dotted_name(node, source).is_some_and(|n| BROAD_EXCEPTIONS.contains(&n.as_str())),
    }
}

/// When a block does nothing but `pass`, `...` or `continue` (comments
/// aside), the statement it does.
fn python_body_only_drops(body: Node<'_>, source: &str) -> Option<&'static str> {
    let mut only = None;
    for statement in body.named_child_nodes() {
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

/// Whether a `try` block only computes values (assignments, possibly under
/// `with` or `if`): when it fails, the names keep their defaults, which is a
/// fallback, not a lost action.
fn python_computes_values_only(block: Node<'_>) -> bool {
    let statements: Vec<Node<'_>> = block.named_child_nodes().collect();
    statements.iter().all(|statement| match statement.kind_name() {
        "comment" | "pass_statement" => true,
        "return_statement" => !lang::descendants(*statement).any(|n| matches!(n.kind_name(), "call" | "await")),
        "expression_statement" => {
            statement.named_child(0).is_some_and(|e| matches!(e.kind_name(), "assignment" | "augmented_assignment"))
        }
        "with_statement" => statement.field("body").is_some_and(|b| python_computes_values_only(b)),
        "if_statement" => {
            let branches: Vec<Node<'_>> = statement.named_child_nodes().skip(1).collect();
            branches.iter().all(|branch| match branch.kind_name() {
                "block" => python_computes_values_only(*branch),
                "elif_clause" | "else_clause" => branch
                    .field("consequence")
                    .or_else(|| branch.field("body"))
                    .is_some_and(|b| python_computes_values_only(b)),
                "comment" => true,
                _ => false,
            })
        }
        _ => false,
    })
}

// ---------------------------------------------------------------- TypeScript

fn check_typescript(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    for node in ctx.nodes(&["catch_clause", "call_expression"]) {
        match node.kind_name() {
            "catch_clause" => {
                let Some(body) = node.field("body") else { continue };
                // A comment in the block says why the error is dropped; a `try`
                // that only computes values (or probes for a file) falls back.
                let documented = holds_explanation(ctx, body);
                let Some(try_statement) = node.parent() else { continue };
                let Some(tried) = try_statement.field("body") else { continue };
                let fallback = typescript_computes_values_only(tried, source)
                    || typescript_only_logs(tried, source)
                    || typescript_retries(try_statement, ctx)
                    || typescript_calls_handlers(tried, source)
                    || typescript_handles_parsed(tried, source)
                    || typescript_parses_with_fallback(try_statement, tried, source)
                    || only_calls(tried, |call| {
                        typescript::is_cleanup_call(call, source, typescript::in_error_path(try_statement))
                    })
                    || (lang::db::is_migration_path(&ctx.file.path) && typescript_drops_schema(tried, source));
                if is_empty_block(body) && !documented && !fallback {
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
                let handlers: Vec<Node<'_>> = arguments.named_child_nodes().collect();
                if handlers.len() != 1 || !is_noop_handler(handlers[0], source) || !result_is_dropped(node) {
                    continue;
                }
                // `.catch(() => { /* tracking is best effort */ })`: the reason is written down.
                if holds_explanation(ctx, handlers[0]) {
                    continue;
                }
                // `failed.catch(() => {})` on a promise awaited or raced elsewhere:
                // the no-op only marks it handled until then.
                if function.field("object").is_some_and(|o| promise_used_elsewhere(o, source)) {
                    continue;
                }
                // `fs.unlink(tmp).catch(() => {})`: best-effort cleanup.
                if function.field("object").is_some_and(|o| {
                    o.kind_name() == "call_expression"
                        && typescript::is_cleanup_call(o, source, typescript::in_error_path(node))
                }) {
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

/// Whether a `try` block only computes values (declarations, assignments,
/// possibly under `if`) or probes whether a file exists: when it fails, the
/// names keep their defaults, which is a fallback, not a lost action.
fn typescript_computes_values_only(statement: Node<'_>, source: &str) -> bool {
    match statement.kind_name() {
        "comment" | "empty_statement" | "lexical_declaration" | "variable_declaration" => true,
        // `if (parsed) return parsed;`: an answer computed from values, with no call to lose.
        "return_statement" => !lang::descendants(statement)
            .any(|n| matches!(n.kind_name(), "call_expression" | "await_expression" | "new_expression")),
        "statement_block" | "else_clause" => {
            let inner: Vec<Node<'_>> = statement.named_child_nodes().collect();
            inner.iter().all(|s| typescript_computes_values_only(*s, source))
        }
        "expression_statement" => statement.named_child(0).is_some_and(|e| {
            let e = if e.kind_name() == "await_expression" { e.named_child(0).unwrap_or(e) } else { e };
            matches!(e.kind_name(), "assignment_expression" | "augmented_assignment_expression")
                || (e.kind_name() == "call_expression" && typescript::is_existence_probe(e, source))
        }),
        "if_statement" => [statement.field("consequence"), statement.field("alternative")]
            .into_iter()
            .flatten()
            .all(|branch| typescript_computes_values_only(branch, source)),
        // A nested `try` is judged by its own handler.
        "try_statement" => statement.field("body").is_some_and(|b| typescript_computes_values_only(b, source)),
        _ => false,
    }
}

/// Whether a `try` only returns a parsed value (`return JSON.parse(text)`,
/// `return Config.parse(raw)`, see [`typescript::is_schema_parse`]) and the
/// statement after it returns the fallback (`return text`): input that is
/// not of that shape is answered as it is, on purpose. Without a `return`
/// after the `try`, the function silently answers `undefined` and is still
/// reported.
fn typescript_parses_with_fallback(try_statement: Node<'_>, tried: Node<'_>, source: &str) -> bool {
    let statements: Vec<Node<'_>> = tried.named_child_nodes().filter(|s| s.kind_name() != "comment").collect();
    let [only] = statements.as_slice() else { return false };
    only.kind_name() == "return_statement"
        && only
            .named_child(0)
            .map(crate::lang::without_await)
            .is_some_and(|r| r.kind_name() == "call_expression" && typescript::is_schema_parse(r, source))
        && try_statement.next_named_sibling().is_some_and(|next| next.kind_name() == "return_statement")
}

/// Whether a `try` block only writes log records: a logger that fails has
/// nowhere to report it.
fn typescript_only_logs(block: Node<'_>, source: &str) -> bool {
    only_calls(block, |call| typescript::is_logging_call(call, source))
}

/// Whether a block holds at least one statement and every statement is a
/// call (possibly awaited) that `accepts`.
fn only_calls(block: Node<'_>, accepts: impl Fn(Node<'_>) -> bool) -> bool {
    let statements: Vec<Node<'_>> = block.named_child_nodes().filter(|s| s.kind_name() != "comment").collect();
    !statements.is_empty()
        && statements.iter().all(|statement| {
            statement.kind_name() == "expression_statement"
                && statement
                    .named_child(0)
                    .map(crate::lang::without_await)
                    .is_some_and(|call| call.kind_name() == "call_expression" && accepts(call))
        })
}

/// Whether the failure of a `try` leads to another attempt: the `try`
/// returns on success and the statement after it calls the same function
/// again (`return getSchema(options, attempt + 1)`), or it sits in a loop
/// that it leaves on success.
fn typescript_retries<'a>(try_statement: Node<'a>, ctx: &FileContext<'a>) -> bool {
    let Some(tried) = try_statement.field("body") else { return false };
    let exits = |kinds: &[&str]| lang::descendants(tried).any(|n| kinds.contains(&n.kind_name()));
    if !exits(&["return_statement", "break_statement"]) {
        return false;
    }
    let in_loop =
        try_statement.parent().and_then(|b| if b.kind_name() == "statement_block" { b.parent() } else { Some(b) });
    if in_loop.is_some_and(|l| {
        matches!(l.kind_name(), "for_statement" | "for_in_statement" | "while_statement" | "do_statement")
    }) {
        return true;
    }
    let mut next = try_statement.next_named_sibling();
    while let Some(n) = next.filter(|n| ctx.file.language.is_comment(*n)) {
        next = n.next_named_sibling();
    }
    let Some(function) = enclosing_function(ctx, try_statement) else { return false };
    next.filter(|n| n.kind_name() == "return_statement")
        .and_then(|r| r.named_child(0))
        .map(crate::lang::without_await)
        .filter(|call| call.kind_name() == "call_expression")
        .and_then(|call| call.field("function"))
        .is_some_and(|callee| {
            let name = match callee.kind_name() {
                "member_expression" => callee.field("property").map_or("", |p| ctx.text(p)),
                _ => ctx.text(callee),
            };
            name == function
        })
}

/// Whether a `try` block only calls same-file functions that handle their
/// own errors (`try { await flushAll(); } catch {}` with a `flushAll` whose
/// work is caught and logged inside): the failure was reported there.
fn typescript_calls_handlers(block: Node<'_>, source: &str) -> bool {
    only_calls(block, |call| {
        call.field("function").is_some_and(|f| {
            f.kind_name() == "identifier" && {
                let target = lang::values::resolve(f, source);
                target.id() != f.id() && typescript::handles_own_errors(target, source)
            }
        })
    })
}

/// Whether a `try` block hands input checked against a schema to a handler,
/// and does nothing else: `try { this.onMessage(client,
/// Message.parse(raw)) } catch {}` in a listener that every message reaches.
/// The expected failure is input of another shape, which the listener
/// ignores on purpose.
fn typescript_handles_parsed(block: Node<'_>, source: &str) -> bool {
    let statements = block.named_child_nodes().filter(|s| s.kind_name() != "comment").count();
    statements == 1
        && only_calls(block, |call| {
            call.field("arguments").is_some_and(|arguments| {
                arguments
                    .named_child_nodes()
                    .map(crate::lang::without_await)
                    .any(|a| a.kind_name() == "call_expression" && typescript::is_schema_parse(a, source))
            })
        })
}

/// Whether a migration's `try` drops a schema object (`table.dropForeign(..)`,
/// `dropIndex`, `dropColumn`): its only expected failure is that the object
/// is already gone, which is what the migration wants.
fn typescript_drops_schema(block: Node<'_>, source: &str) -> bool {
    let statements = block.named_child_nodes().filter(|s| s.kind_name() != "comment").count();
    statements == 1
        && lang::descendants(block).any(|n| {
            n.kind_name() == "call_expression"
                && typescript::callee_name(n, source)
                    .is_some_and(|c| c.rsplit('.').next().is_some_and(|m| m.starts_with("drop")))
        })
}

/// Whether the promise a no-op `.catch` is attached to is a local or a
/// property path (`entry.value`) that is used again in its function
/// (awaited, raced, returned): the rejection is seen there.
fn promise_used_elsewhere(promise: Node<'_>, source: &str) -> bool {
    // A local (`failed`), or a property path (`entry.value`) with no call in it.
    let path = promise.kind_name() == "member_expression"
        && lang::descendants(promise).all(|n| {
            matches!(n.kind_name(), "member_expression" | "identifier" | "property_identifier" | "this" | ".")
        });
    if promise.kind_name() != "identifier" && !path {
        return false;
    }
    let name = lang::text(promise, source);
    let function_kinds = ["function_declaration", "function_expression", "arrow_function", "method_definition"];
    let Some(scope) = lang::ancestor_of_kind(promise, &function_kinds) else { return false };
    lang::descendants(scope).any(|n| {
        n != promise
            && n.kind_name() == promise.kind_name()
            && lang::text(n, source) == name
            && n.parent().is_none_or(|p| {
                !(p.kind_name() == "variable_declarator" && p.field("name") == Some(n)
                    || p.kind_name() == "assignment_expression" && p.field("left") == Some(n))
            })
    })
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
    block.named_child_nodes().all(|c| c.kind_name() == "comment")
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

/// Methods whose failure loses a change to durable state: database
/// execution, commits and migrations (sqlx, diesel, rusqlite,
/// tokio-postgres, refinery), and messages published to a broker. Dropping
/// their error hides lost data. Sends on channels, writes to unknown sinks
/// (a buffer, stdout) and rollbacks are left out: their failure is expected
/// (the receiver is gone) or changes nothing.
const CONSEQUENTIAL_METHODS: &[&str] = &[
    "execute",
    "execute_batch",
    "fetch_one",
    "fetch_all",
    "fetch_optional",
    "get_result",
    "get_results",
    "commit",
    "run_pending_migrations",
    "migrate",
    "migrate_up",
    "publish",
    "basic_publish",
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

/// Whether a call changes durable state and returns a `Result` by what is
/// known of its callee: one of the methods or file-system functions above.
pub fn is_consequential_call<'t>(call: Node<'t>, index: &lang::NodeIndex<'t>, source: &str, uses: &rust::Uses) -> bool {
    if let Some(method) = rust::method_name(call) {
        return CONSEQUENTIAL_METHODS.contains(&lang::text(method, source)) && !runs_a_rollback(call, source);
    }
    let Some(path) = rust::call_path(call, source) else { return false };
    let qualified = uses.qualify(path);
    let Some(function) = ["std::fs::", "tokio::fs::", "async_std::fs::"]
        .iter()
        .find_map(|prefix| qualified.strip_prefix(prefix).filter(|rest| FALLIBLE_FS.contains(rest)))
    else {
        return false;
    };
    !is_cleanup_removal(call, function, index, source)
}

/// A dropped `Result` on a failure branch (`if let Err(err) = result {
/// let _ = tx.commit().await; return error_response(err) }`: the audit row
/// of a failure that is reported anyway) is a second failure while one is
/// being handled: a note, not a warning.
fn lower_on_failure_branch<'a>(finding: &mut crate::diagnostic::Finding, statement: Node<'a>, ctx: &FileContext<'a>) {
    if lang::handles_a_failure(statement, ctx.node_index(), ctx.source()) {
        finding.level = crate::diagnostic::Level::Note.min(finding.level);
    }
}

/// A removal (`remove_file`, `remove_dir`, `remove_dir_all`) on a failure
/// branch (`Err(e) => { let _ = remove_dir_all(&tmp_root).await; return
/// Err(e) }`): cleanup after a failure the branch already reports, whose own
/// failure leaves at most a stray file, as `lang::typescript::is_cleanup_call`
/// tells for JavaScript. On the ordinary path a dropped removal still counts
/// (a `cleanup(tmp)` that cannot tell its caller the file stayed).
fn is_cleanup_removal<'t>(call: Node<'t>, function: &str, index: &lang::NodeIndex<'t>, source: &str) -> bool {
    matches!(function, "remove_file" | "remove_dir" | "remove_dir_all") && lang::handles_a_failure(call, index, source)
}

/// `sqlx::query("ROLLBACK TO SAVEPOINT s").execute(..)`: the statement the
/// chain runs is a rollback, which changes nothing when it fails.
fn runs_a_rollback(call: Node<'_>, source: &str) -> bool {
    let Some(receiver) = rust::method_receiver(call) else { return false };
    lang::descendants(receiver).find(|n| matches!(n.kind_name(), "string_literal" | "raw_string_literal")).is_some_and(
        |literal| {
            let sql = lang::text(literal, source).trim_start_matches(['r', '#', '"']).trim_start();
            sql.get(..8).is_some_and(|w| w.eq_ignore_ascii_case("ROLLBACK"))
        },
    )
}

/// Whether a comment on the line above a Rust statement, or at the end of
/// its line, says why its error is dropped (`// best effort: the parent
/// directory may not be empty`).
fn explained(ctx: &FileContext<'_>, statement: Node<'_>) -> bool {
    let statement = match statement.parent() {
        Some(p) if p.kind_name() == "expression_statement" => p,
        _ => statement,
    };
    let row = statement.start_position().row;
    let end = statement.end_position().row;
    let above = statement.prev_sibling().filter(|c| c.end_position().row + 1 == row);
    let after = statement.next_sibling().filter(|c| c.start_position().row == end);
    [above, after].into_iter().flatten().any(|c| ctx.file.language.is_comment(c) && lang::is_explanation(ctx.text(c)))
}

/// The call as shown in a message: its text on one line, or its callee when long.
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
    for node in ctx.nodes(&["let_declaration", "assignment_expression", "expression_statement"]) {
        match node.kind_name() {
            "let_declaration" | "assignment_expression" => {
                let (target, value) = if node.kind_name() == "let_declaration" {
                    (node.field("pattern"), node.field("value"))
                } else {
                    (node.field("left"), node.field("right"))
                };
                let (Some(target), Some(value)) = (target, value) else { continue };
                // A destructor has nowhere to send the error.
                if ctx.text(target) != "_"
                    || node.field("type").is_some()
                    || explained(ctx, node)
                    || rust::in_destructor(node, source)
                {
                    continue;
                }
                let call = crate::lang::without_await(value);
                if call.kind_name() == "call_expression" && is_consequential_call(call, ctx.node_index(), source, uses)
                {
                    let mut finding = ctx.finding(
                        node,
                        format!(
                            "`let _ =` drops the `Result` of `{}`{}: a failure goes unnoticed",
                            shown_call(ctx, call),
                            in_function(ctx, node)
                        ),
                    );
                    lower_on_failure_branch(&mut finding, node, ctx);
                    out.push(finding);
                }
            }
            "expression_statement" => {
                let Some(expression) = node.named_child(0) else { continue };
                // The shape first (most statements are not `x.ok();`), then
                // the comments and the destructor around it.
                if expression.kind_name() != "call_expression"
                    || rust::method_name(expression).is_none_or(|m| ctx.text(m) != "ok")
                    || !rust::arguments(expression).is_empty()
                    || explained(ctx, node)
                    || rust::in_destructor(node, source)
                {
                    continue;
                }
                let Some(receiver) = rust::method_receiver(expression) else { continue };
                let call = crate::lang::without_await(receiver);
                if call.kind_name() == "call_expression" && is_consequential_call(call, ctx.node_index(), source, uses)
                {
                    let mut finding = ctx.finding(
                        node,
                        format!(
                            "`.ok();` drops the error of `{}`{}: a failure goes unnoticed",
                            shown_call(ctx, call),
                            in_function(ctx, node)
                        ),
                    );
                    lower_on_failure_branch(&mut finding, node, ctx);
                    out.push(finding);
                }
            }
            _ => {}
        }
    }
}
