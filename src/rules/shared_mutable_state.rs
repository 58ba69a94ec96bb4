//! `shared-mutable-state`: module-level or static mutable state written from
//! a route handler (or a same-file function it calls).
//!
//! - Python: module-level lists, dicts, sets (literals, comprehensions,
//!   `list()`/`dict()`/`set()`/`defaultdict()`/`OrderedDict()`/`Counter()`/`deque()`)
//!   mutated by method (`append`, `update`, ...), item assignment or `del`;
//!   any module variable assigned after `global x`.
//! - TypeScript/JavaScript: module `let`/`var` reassigned or incremented;
//!   module arrays, objects, `Map`s and `Set`s mutated (`push`, `set`, item
//!   or property assignment, `delete`).
//! - Rust: `static mut` written (error); `static` / `lazy_static!` /
//!   `LazyLock` / `once_cell` / `thread_local!` collections behind
//!   `Mutex`/`RwLock`/`RefCell` mutated.
//!
//! Left alone: constants, loggers, metrics objects, atomics, pools and
//! clients (their methods are not collection mutations), names shadowed by a
//! local or parameter, lazy one-time initialisation guarded by
//! `if x is None` / `if (!x)`, and keyed entries stored with a time stamp by
//! a function that checks their age (`cache[key] = (time.monotonic(),
//! value)`): a cache that expires.

use crate::lang::NodeExt;
use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use crate::diagnostic::{Finding, Level};
use crate::lang::handlers::{Scope, handler_scopes};
use crate::lang::{Family, ancestor_of_kind, descendants, python, text, typescript};
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "shared-mutable-state",
    doc: include_str!("../../rules/shared-mutable-state.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: None,
};

/// A module-level or static declaration.
#[derive(Clone)]
struct Global {
    /// Where it is declared (related location).
    declaration: std::ops::Range<usize>,
    /// A mutable collection (list, dict, Map, Mutex<Vec>...).
    collection: bool,
    /// Reassignable (`let`/`var`, any Python module variable, `static mut`).
    reassignable: bool,
    /// Rust `static mut`.
    static_mut: bool,
    /// Rust `thread_local!`.
    thread_local: bool,
}

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let handlers = ctx.judged_handlers();
    if handlers.is_empty() {
        return;
    }
    let family = ctx.file.language.family();
    let source = ctx.source();
    let globals = match family {
        Family::Python => python_globals(ctx.root(), source),
        Family::TypeScript => typescript_globals(ctx.root(), source),
        Family::Rust => rust_globals(ctx.nodes(&["static_item", "macro_invocation"]), source),
    };
    if globals.is_empty() {
        return;
    }
    let scopes = handler_scopes(family, ctx.node_index(), ctx.root(), source, handlers);
    let mut seen = HashSet::new();
    for scope in &scopes {
        let writes = match family {
            Family::Python => python_writes(scope.function, source, &globals),
            Family::TypeScript => typescript_writes(scope.function, source, &globals),
            Family::Rust => rust_writes(ctx.node_index().inside(scope.function), source, &globals),
        };
        for (node, name, what) in writes {
            if !seen.insert(node.start_byte()) {
                continue;
            }
            out.push(report(ctx, scope, node, name, &what, &globals[name]));
        }
    }
}

fn report(
    ctx: &FileContext<'_>,
    scope: &Scope<'_>,
    node: Node<'_>,
    name: &str,
    what: &str,
    global: &Global,
) -> Finding {
    let handlers = ctx.handlers();
    let kind = match ctx.file.language.family() {
        Family::Rust if global.static_mut => "`static mut`",
        Family::Rust if global.thread_local => "thread-local",
        Family::Rust => "static",
        _ => "module-level",
    };
    let consequence = if global.static_mut {
        "a data race: undefined behaviour when requests run concurrently"
    } else if global.thread_local {
        "state that differs between worker threads and is lost on restart"
    } else {
        "state shared by every request, lost on restart and not shared between processes"
    };
    let mut finding = ctx.finding(
        node,
        format!("{what} in {} writes {kind} `{name}`: {consequence}", scope.describe(handlers, ctx.source())),
    );
    if global.static_mut {
        finding.level = Level::Error;
    }
    finding = finding.with_related(ctx.file.location(global.declaration.clone()), format!("`{name}` is declared here"));
    if scope.callee {
        let handler = &handlers[scope.handler];
        finding =
            finding.with_related(ctx.file.location(handler.name_range.clone()), format!("handler `{}`", handler.name));
    }
    finding
}

/// Whether `node` sits under an `if` whose condition tests `name` for being
/// unset: one-time lazy initialisation.
fn lazy_guard(node: Node<'_>, function: Node<'_>, name: &str, source: &str) -> bool {
    let mut current = node.parent();
    while let Some(n) = current {
        if n.id() == function.id() {
            return false;
        }
        if matches!(n.kind_name(), "if_statement" | "if_expression")
            && let Some(condition) = n.field("condition")
        {
            let condition = text(condition, source);
            if condition.contains(name)
                && (condition.contains("None")
                    || condition.contains("not ")
                    || condition.contains('!')
                    || condition.contains("null")
                    || condition.contains("undefined"))
            {
                return true;
            }
        }
        current = n.parent();
    }
    false
}

// ---------------------------------------------------------------- Python

const PY_MUTATORS: &[&str] = &[
    "append",
    "extend",
    "insert",
    "pop",
    "remove",
    "clear",
    "update",
    "add",
    "discard",
    "setdefault",
    "popitem",
    "appendleft",
    "extendleft",
    "popleft",
    "sort",
    "reverse",
    "difference_update",
    "intersection_update",
];

const PY_COLLECTION_CALLS: &[&str] =
    &["list", "dict", "set", "defaultdict", "OrderedDict", "Counter", "deque", "ChainMap"];

fn python_globals<'t>(root: Node<'t>, source: &'t str) -> HashMap<&'t str, Global> {
    let mut out = HashMap::new();
    for statement in root.named_child_nodes() {
        if statement.kind_name() != "expression_statement" {
            continue;
        }
        let Some(assignment) = statement.named_child(0).filter(|a| a.kind_name() == "assignment") else { continue };
        let Some(left) = assignment.field("left").filter(|l| l.kind_name() == "identifier") else {
            continue;
        };
        let collection = assignment.field("right").is_some_and(|right| match right.kind_name() {
            "list" | "dictionary" | "set" | "list_comprehension" | "dictionary_comprehension" | "set_comprehension" => {
                true
            }
            "call" => python::callee_name(right, source)
                .is_some_and(|c| PY_COLLECTION_CALLS.contains(&c.rsplit('.').next().unwrap_or(&c))),
            _ => false,
        });
        out.insert(
            text(left, source),
            Global {
                declaration: assignment.byte_range(),
                collection,
                reassignable: true,
                static_mut: false,
                thread_local: false,
            },
        );
    }
    out
}

/// Names bound locally in a Python function (parameters and assignment
/// targets), and the names it declares `global`.
fn python_locals<'t>(function: Node<'t>, source: &'t str) -> (HashSet<&'t str>, HashSet<&'t str>) {
    let mut locals = HashSet::new();
    let mut globals = HashSet::new();
    for node in descendants(function) {
        match node.kind_name() {
            "global_statement" => {
                globals.extend(node.named_child_nodes().map(|n| text(n, source)));
            }
            "identifier" => {
                let Some(parent) = node.parent() else { continue };
                let bound = match parent.kind_name() {
                    "parameters" | "default_parameter" | "typed_parameter" | "typed_default_parameter" => {
                        parent.field("value").is_none_or(|v| v.id() != node.id())
                    }
                    "assignment" | "augmented_assignment" | "for_statement" | "as_pattern_target" => {
                        parent.field("left").is_some_and(|l| l.id() == node.id())
                            || parent.kind_name() == "as_pattern_target"
                    }
                    "pattern_list" | "tuple_pattern" => true,
                    _ => false,
                };
                if bound {
                    locals.insert(text(node, source));
                }
            }
            _ => {}
        }
    }
    for g in &globals {
        locals.remove(g);
    }
    (locals, globals)
}

fn python_writes<'t>(
    function: Node<'t>,
    source: &'t str,
    globals: &HashMap<&'t str, Global>,
) -> Vec<(Node<'t>, &'t str, String)> {
    let (locals, declared_global) = python_locals(function, source);
    let module_collection = |name: &str| !locals.contains(name) && globals.get(name).is_some_and(|g| g.collection);
    let fresh_checked = checks_freshness(function, source, "comparison_operator", python::reads_clock);
    let stamped = |assignment: Node<'_>| assignment.field("right").is_some_and(|r| python::reads_clock(r, source));
    let mut out = Vec::new();
    for node in descendants(function) {
        match node.kind_name() {
            "call" => {
                let Some(callee) = node.field("function").filter(|f| f.kind_name() == "attribute") else {
                    continue;
                };
                let (Some(object), Some(method)) = (callee.field("object"), callee.field("attribute")) else {
                    continue;
                };
                let name = text(object, source);
                if object.kind_name() == "identifier"
                    && module_collection(name)
                    && PY_MUTATORS.contains(&text(method, source))
                    && !python_warns_once(node, name, source)
                {
                    out.push((node, name, format!("`{name}.{}(...)`", text(method, source))));
                }
            }
            "assignment" | "augmented_assignment" => {
                let Some(left) = node.field("left") else { continue };
                match left.kind_name() {
                    "subscript" => {
                        let Some(value) = left.field("value").filter(|v| v.kind_name() == "identifier") else {
                            continue;
                        };
                        let name = text(value, source);
                        if module_collection(name) && !(fresh_checked && stamped(node)) {
                            out.push((node, name, format!("`{}`", first_line(text(node, source)))));
                        }
                    }
                    "identifier" => {
                        let name = text(left, source);
                        if declared_global.contains(name)
                            && globals.contains_key(name)
                            && !lazy_guard(node, function, name, source)
                        {
                            out.push((node, name, format!("`global {name}` and `{}`", first_line(text(node, source)))));
                        }
                    }
                    _ => {}
                }
            }
            "delete_statement" => {
                for target in descendants(node).filter(|n| n.kind_name() == "subscript") {
                    let Some(value) = target.field("value").filter(|v| v.kind_name() == "identifier") else {
                        continue;
                    };
                    let name = text(value, source);
                    if module_collection(name) {
                        out.push((node, name, format!("`{}`", first_line(text(node, source)))));
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether `function` compares a clock reading (`time.monotonic() -
/// entry[0] < ttl`, `Date.now() - hit.at < TTL`): it checks how old what it
/// remembers is. An entry it stores with a time stamp is then a cache that
/// expires, not state; a session store stamped at login and checked
/// elsewhere is still state.
fn checks_freshness(
    function: Node<'_>,
    source: &str,
    comparison: &str,
    reads_clock: fn(Node<'_>, &str) -> bool,
) -> bool {
    descendants(function).any(|n| {
        n.kind_name() == comparison
            && n.child_nodes().any(|op| matches!(text(op, source), "<" | ">" | "<=" | ">="))
            && reads_clock(n, source)
    })
}

/// Whether `call` (`seen.add(key)`) is the memory of a warn-once guard:
/// it sits in the branch of `if key not in seen:` whose other statements
/// only log (`log.warning(..)`, `warnings.warn(..)`). The set only keeps one
/// process from logging the same notice twice; losing it, or holding a
/// different one in each worker, logs the notice again and changes nothing
/// else.
fn python_warns_once(call: Node<'_>, name: &str, source: &str) -> bool {
    let Some(statement) = call.parent().filter(|p| p.kind_name() == "expression_statement") else { return false };
    let Some(block) = statement.parent().filter(|p| p.kind_name() == "block") else { return false };
    let Some(guard) = block.parent().filter(|p| p.kind_name() == "if_statement") else { return false };
    let tests_absence = guard.field("condition").is_some_and(|c| {
        c.kind_name() == "comparison_operator"
            && c.named_child(1).is_some_and(|set| text(set, source) == name)
            && text(c, source).contains(" not in ")
    });
    tests_absence
        && guard.field("consequence") == Some(block)
        && block.named_child_nodes().filter(|s| s.id() != statement.id() && s.kind_name() != "comment").all(|s| {
            s.kind_name() == "expression_statement"
                && s.named_child(0)
                    .is_some_and(|c| c.kind_name() == "call" && crate::lang::python::is_logging_call(c, source))
        })
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or(text);
    if line.len() > 60 { format!("{}...", &line[..line.floor_char_boundary(57)]) } else { line.to_string() }
}

// ---------------------------------------------------------------- TypeScript

const TS_MUTATORS: &[&str] = &[
    "push",
    "pop",
    "shift",
    "unshift",
    "splice",
    "sort",
    "reverse",
    "fill",
    "copyWithin",
    "set",
    "delete",
    "clear",
    "add",
];

const TS_COLLECTIONS: &[&str] = &["Map", "Set", "Array", "Object"];

fn typescript_globals<'t>(root: Node<'t>, source: &'t str) -> HashMap<&'t str, Global> {
    let mut out = HashMap::new();
    for statement in root.named_child_nodes() {
        let declaration = match statement.kind_name() {
            "export_statement" => match statement.field("declaration") {
                Some(d) => d,
                None => continue,
            },
            _ => statement,
        };
        if !matches!(declaration.kind_name(), "lexical_declaration" | "variable_declaration") {
            continue;
        }
        let keyword = declaration.child(0).map(|k| text(k, source)).unwrap_or("");
        let reassignable = keyword == "let" || keyword == "var";
        for declarator in declaration.named_child_nodes().filter(|d| d.kind_name() == "variable_declarator") {
            let Some(name) = declarator.field("name").filter(|n| n.kind_name() == "identifier") else {
                continue;
            };
            let value = declarator.field("value");
            let value = value.map(|v| if v.kind_name() == "as_expression" { v.named_child(0).unwrap_or(v) } else { v });
            let collection = value.is_some_and(|v| match v.kind_name() {
                "array" | "object" => true,
                "new_expression" => v.field("constructor").is_some_and(|c| TS_COLLECTIONS.contains(&text(c, source))),
                _ => false,
            });
            if collection || reassignable {
                out.insert(
                    text(name, source),
                    Global {
                        declaration: declarator.byte_range(),
                        collection,
                        reassignable,
                        static_mut: false,
                        thread_local: false,
                    },
                );
            }
        }
    }
    out
}

/// Names declared anywhere inside a TS function (parameters, variables,
/// functions): they shadow module names.
fn typescript_locals<'t>(function: Node<'t>, source: &'t str) -> HashSet<&'t str> {
    let mut out = HashSet::new();
    for node in descendants(function) {
        let name = match node.kind_name() {
            "variable_declarator" | "function_declaration" => node.field("name"),
            "required_parameter" | "optional_parameter" => node.field("pattern"),
            "shorthand_property_identifier_pattern" => Some(node),
            "identifier" if node.parent().is_some_and(|p| p.kind_name() == "formal_parameters") => Some(node),
            "identifier"
                if node.parent().is_some_and(|p| p.kind_name() == "arrow_function")
                    && node.parent().and_then(|p| p.field("parameter")).is_some_and(|p| p.id() == node.id()) =>
            {
                Some(node)
            }
            _ => None,
        };
        if let Some(name) =
            name.filter(|n| matches!(n.kind_name(), "identifier" | "shorthand_property_identifier_pattern"))
        {
            out.insert(text(name, source));
        }
    }
    out
}

/// The identifier at the root of a member/subscript chain (`cache` in
/// `cache.users[id]`).
fn ts_root_identifier(mut node: Node<'_>) -> Option<Node<'_>> {
    loop {
        match node.kind_name() {
            "identifier" => return Some(node),
            "member_expression" | "subscript_expression" => node = node.field("object")?,
            "parenthesized_expression" | "non_null_expression" => node = node.named_child(0)?,
            _ => return None,
        }
    }
}

fn typescript_writes<'t>(
    function: Node<'t>,
    source: &'t str,
    globals: &HashMap<&'t str, Global>,
) -> Vec<(Node<'t>, &'t str, String)> {
    let locals = typescript_locals(function, source);
    let global = |name: &str| if locals.contains(name) { None } else { globals.get(name) };
    let fresh_checked = checks_freshness(function, source, "binary_expression", typescript::reads_clock);
    let mut out = Vec::new();
    for node in descendants(function) {
        match node.kind_name() {
            "assignment_expression" | "augmented_assignment_expression" => {
                let Some(left) = node.field("left") else { continue };
                let Some(root) = ts_root_identifier(left) else { continue };
                let name = text(root, source);
                let Some(g) = global(name) else { continue };
                let direct = left.kind_name() == "identifier";
                let hit = if direct {
                    g.reassignable && !lazy_guard(node, function, name, source)
                } else {
                    (g.collection || g.reassignable)
                        && !(fresh_checked
                            && left.kind_name() == "subscript_expression"
                            && node.field("right").is_some_and(|r| typescript::reads_clock(r, source)))
                };
                if hit && !(text(node, source).contains("??=") && direct) {
                    out.push((node, name, format!("`{}`", first_line(text(node, source)))));
                }
            }
            "update_expression" => {
                let Some(argument) = node.field("argument") else { continue };
                let Some(root) = ts_root_identifier(argument) else { continue };
                let name = text(root, source);
                if global(name).is_some_and(|g| {
                    if argument.kind_name() == "identifier" { g.reassignable } else { g.collection || g.reassignable }
                }) {
                    out.push((node, name, format!("`{}`", text(node, source))));
                }
            }
            "call_expression" => {
                let Some(callee) = node.field("function").filter(|f| f.kind_name() == "member_expression") else {
                    continue;
                };
                let (Some(object), Some(property)) = (callee.field("object"), callee.field("property")) else {
                    continue;
                };
                let Some(root) = ts_root_identifier(object) else { continue };
                let name = text(root, source);
                let method = text(property, source);
                // `cache.set(key, { at: Date.now(), value })`: an entry that expires.
                let stamped_entry = fresh_checked
                    && method == "set"
                    && node
                        .field("arguments")
                        .and_then(|a| a.named_child(1))
                        .is_some_and(|v| typescript::reads_clock(v, source));
                if global(name).is_some_and(|g| g.collection) && TS_MUTATORS.contains(&method) && !stamped_entry {
                    out.push((node, name, format!("`{}.{method}(...)`", first_line(text(object, source)))));
                }
            }
            "unary_expression" => {
                if node.child(0).is_some_and(|op| text(op, source) == "delete")
                    && let Some(argument) = node.field("argument")
                    && let Some(root) = ts_root_identifier(argument)
                    && global(text(root, source)).is_some_and(|g| g.collection)
                {
                    out.push((node, text(root, source), format!("`{}`", first_line(text(node, source)))));
                }
            }
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------- Rust

const RS_MUTATORS: &[&str] = &[
    "push",
    "push_str",
    "push_back",
    "push_front",
    "pop",
    "pop_back",
    "pop_front",
    "insert",
    "remove",
    "clear",
    "extend",
    "append",
    "retain",
    "truncate",
    "drain",
    "entry",
    "get_mut",
    "swap_remove",
    "sort",
    "dedup",
];

const RS_GUARDS: &[&str] = &["lock", "write", "borrow_mut", "try_lock", "try_write", "get_mut"];

/// The statics of a Rust file that handlers could share (`static mut`,
/// guarded collections, `lazy_static!` / `thread_local!` ones), from its
/// `static_item` and `macro_invocation` nodes.
fn rust_globals<'t>(nodes: Vec<Node<'t>>, source: &'t str) -> HashMap<&'t str, Global> {
    let mut out = HashMap::new();
    for node in nodes {
        match node.kind_name() {
            "static_item" => {
                if ancestor_of_kind(node, &["function_item"]).is_some() {
                    continue;
                }
                let Some(name) = node.field("name") else { continue };
                let static_mut = node.child_nodes().any(|c| c.kind_name() == "mutable_specifier");
                let ty = node.field("type").map(|t| text(t, source)).unwrap_or("");
                let collection = is_guarded_type(ty);
                if static_mut || collection {
                    out.insert(
                        text(name, source),
                        Global {
                            declaration: node.byte_range(),
                            collection,
                            reassignable: static_mut,
                            static_mut,
                            thread_local: false,
                        },
                    );
                }
            }
            "macro_invocation" => {
                let Some(macro_name) = node.field("macro") else { continue };
                let macro_name = text(macro_name, source);
                if macro_name != "lazy_static" && macro_name != "thread_local" {
                    continue;
                }
                let body = text(node, source);
                let base = node.start_byte();
                let mut rest = 0;
                while let Some(at) = body[rest..].find("static ") {
                    let start = rest + at + "static ".len();
                    let after = body[start..].trim_start_matches("ref ").trim_start();
                    let offset = body.len() - after.len();
                    let name_len = after.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(after.len());
                    let name = &source[base + offset..base + offset + name_len];
                    let end = body[offset..].find(';').map_or(body.len(), |e| offset + e);
                    let ty = &body[offset..end];
                    let ty = ty.split_once('=').map_or(ty, |(t, _)| t);
                    if !name.is_empty() && is_guarded_type(ty) {
                        out.insert(
                            name,
                            Global {
                                declaration: base + offset..base + offset + name_len,
                                collection: true,
                                reassignable: false,
                                static_mut: false,
                                thread_local: macro_name == "thread_local",
                            },
                        );
                    }
                    rest = end.max(start);
                }
            }
            _ => {}
        }
    }
    out
}

/// `Mutex<..>`, `RwLock<..>`, `RefCell<..>` (possibly inside `LazyLock`,
/// `Lazy`, `OnceLock`, `Arc`), but not atomics or plain values, nor a guarded
/// flag or counter (`Mutex<bool>`, `RwLock<u64>`): like an atomic, it holds
/// no request's data.
fn is_guarded_type(ty: &str) -> bool {
    ["Mutex<", "RwLock<", "RefCell<"].iter().any(|guard| {
        ty.split(guard).skip(1).any(|inner| {
            let inner: String = inner.chars().take_while(|c| *c != '>').filter(|c| !c.is_whitespace()).collect();
            !crate::lang::rust::is_number_type(&inner)
        })
    })
}

/// The static at the root of a receiver chain, with whether the chain passes
/// through a guard (`lock()`, `write()`, `borrow_mut()`).
fn rs_chain_root<'t>(mut node: Node<'t>, source: &str) -> (Option<Node<'t>>, bool) {
    let mut guarded = false;
    loop {
        match node.kind_name() {
            "identifier" => return (Some(node), guarded),
            "call_expression" => {
                if let Some(method) = crate::lang::rust::method_name(node) {
                    if RS_GUARDS.contains(&text(method, source)) {
                        guarded = true;
                    }
                    match crate::lang::rust::method_receiver(node) {
                        Some(r) => node = r,
                        None => return (None, guarded),
                    }
                } else {
                    return (None, guarded);
                }
            }
            "try_expression" | "await_expression" | "parenthesized_expression" | "unary_expression" => {
                match node.named_child(0) {
                    Some(n) => node = n,
                    None => return (None, guarded),
                }
            }
            "field_expression" | "index_expression" => match node.field("value").or(node.named_child(0)) {
                Some(n) => node = n,
                None => return (None, guarded),
            },
            "scoped_identifier" => {
                return (node.field("name"), guarded);
            }
            _ => return (None, guarded),
        }
    }
}

/// The writes to `globals` among the nodes inside a handler's body (from
/// the file's node index): assignments, mutating calls through a guard,
/// `&mut` borrows of a `static mut`.
fn rust_writes<'t>(
    inside: &[Node<'t>],
    source: &'t str,
    globals: &HashMap<&'t str, Global>,
) -> Vec<(Node<'t>, &'t str, String)> {
    // `let mut cache = CACHE.lock().unwrap();`: guard variables -> static.
    let mut guards: HashMap<&str, &str> = HashMap::new();
    for &node in inside {
        if node.kind_name() == "let_declaration"
            && let (Some(pattern), Some(value)) = (node.field("pattern"), node.field("value"))
        {
            let (root, guarded) = rs_chain_root(value, source);
            if let Some(root) = root
                && guarded
                && pattern.kind_name() == "identifier"
                && let Some((name, _)) = globals.get_key_value(text(root, source))
                && globals[name].collection
            {
                guards.insert(text(pattern, source), name);
            }
        }
    }
    let resolve = |root: Node<'_>, guarded: bool| -> Option<&'t str> {
        let name = text(root, source);
        if let Some(static_name) = guards.get(name) {
            return Some(*static_name);
        }
        let (key, global) = globals.get_key_value(name)?;
        (global.static_mut || (global.collection && guarded)).then_some(*key)
    };
    let mut out = Vec::new();
    for &node in inside {
        match node.kind_name() {
            "assignment_expression" | "compound_assignment_expr" => {
                let Some(left) = node.field("left") else { continue };
                let (Some(root), guarded) = rs_chain_root(left, source) else { continue };
                if let Some(name) = resolve(root, guarded) {
                    out.push((node, name, format!("`{}`", first_line(text(node, source)))));
                }
            }
            "call_expression" => {
                let Some(method) = crate::lang::rust::method_name(node) else { continue };
                let method = text(method, source);
                let Some(receiver) = crate::lang::rust::method_receiver(node) else { continue };
                if method == "with" || method == "with_borrow_mut" {
                    // thread_local: KEY.with(|c| c.borrow_mut().push(..))
                    if receiver.kind_name() == "identifier"
                        && let Some((name, global)) = globals.get_key_value(text(receiver, source))
                        && global.thread_local
                        && (method == "with_borrow_mut" || text(node, source).contains("borrow_mut"))
                    {
                        out.push((node, *name, format!("`{}.{method}(...)`", text(receiver, source))));
                    }
                    continue;
                }
                if !RS_MUTATORS.contains(&method) {
                    continue;
                }
                let (Some(root), guarded) = rs_chain_root(receiver, source) else { continue };
                if let Some(name) = resolve(root, guarded) {
                    out.push((node, name, format!("`.{method}(...)`")));
                }
            }
            "reference_expression" => {
                if !node.child_nodes().any(|c| c.kind_name() == "mutable_specifier") {
                    continue;
                }
                let Some(value) = node.field("value") else { continue };
                let (Some(root), _) = rs_chain_root(value, source) else { continue };
                if let Some((name, global)) = globals.get_key_value(text(root, source))
                    && global.static_mut
                {
                    out.push((node, *name, format!("`{}`", text(node, source))));
                }
            }
            _ => {}
        }
    }
    out
}
