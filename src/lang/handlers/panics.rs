//! Where Rust code panics on an ordinary failure: `unwrap()`, `expect()`,
//! `panic!`, `unreachable!`, `todo!` and `unimplemented!`, less the sites
//! that can only fail when an invariant breaks (`rust::fails_only_on_broken_invariant`),
//! values built from literals and constants, unwraps checked just before,
//! `expect`s stating what holds, and `unreachable!` ruling a case out.
//! `panic-in-handler` reports them in handlers, in the file that registers
//! them or, through the project index, in the join.

use crate::lang::NodeExt;
use tree_sitter::Node;

use crate::lang::{rust, text};

const PANIC_MACROS: &[&str] = &["panic", "unreachable", "todo", "unimplemented"];

/// The panic sites in `function`'s body (closures included), in document
/// order: where to point (a method call from its method name, for
/// `.unwrap()` on its own line) and what panics ("`user.unwrap()`",
/// "`todo!`"). `templates`: the file uses a compile-time template crate.
pub fn panic_sites(
    function: Node<'_>,
    index: &crate::lang::NodeIndex<'_>,
    source: &str,
    templates: bool,
) -> Vec<(std::ops::Range<usize>, String)> {
    // The call and macro nodes inside the function, from the file's node
    // index (no walk of the subtree's leaves).
    index
        .inside(function)
        .iter()
        .copied()
        .filter_map(|node| {
            let what = panic_site(node, source, templates)?;
            let start = rust::method_name(node).map_or(node.start_byte(), |m| m.start_byte());
            Some((start..node.end_byte(), what))
        })
        .collect()
}

/// `.unwrap()` / `.expect(..)` / `panic!(..)`...: a description of the panic
/// site, or `None`.
fn panic_site(node: Node<'_>, source: &str, templates: bool) -> Option<String> {
    match node.kind_name() {
        "macro_invocation" => {
            let name = text(node.field("macro")?, source);
            if name == "unreachable" && rules_out_a_case(node) {
                return None;
            }
            PANIC_MACROS.contains(&name).then(|| format!("`{name}!`"))
        }
        "call_expression" => {
            let method = text(rust::method_name(node)?, source);
            let args = rust::arguments(node).len();
            if !matches!((method, args), ("unwrap", 0) | ("expect", 1)) {
                return None;
            }
            let receiver = rust::method_receiver(node)?;
            if rust::fails_only_on_broken_invariant(receiver, source, templates)
                || constant_value(receiver, source)
                || checked_before(node, receiver, source)
                || asserted_state(node, receiver, source)
            {
                return None;
            }
            let receiver_text = text(receiver, source);
            let shown = if receiver_text.len() > 40 || receiver_text.contains('\n') {
                format!("`.{method}()`")
            } else {
                format!("`{receiver_text}.{method}()`")
            };
            Some(shown)
        }
        _ => None,
    }
}

/// `session.alias().expect("alias should exist")`: an `expect` whose
/// message states what the author knows holds (the "expect as precondition"
/// style the standard library recommends: *should*, *must*, *always*,
/// *exists*, *before*, *already*...) on a getter of the program's own state (a method without
/// arguments, or a field). An `expect` on a lookup or a parse with arguments
/// (`find(id).expect("user exists")`) is still reported: its input decides.
fn asserted_state(expect: Node<'_>, receiver: Node<'_>, source: &str) -> bool {
    const STATED: [&str; 13] = [
        "should",
        "must",
        // "pool resolved before execution", "sql compiled already": what an
        // earlier step of the handler established.
        "before",
        "already",
        "always",
        "exists",
        "exist",
        "is set",
        "never",
        "invariant",
        "infallible",
        "cannot fail",
        "guaranteed",
    ];
    let Some(message) = rust::arguments(expect).first().copied().filter(|a| a.kind_name() == "string_literal") else {
        return false;
    };
    let getter = match receiver.kind_name() {
        "field_expression" => true,
        "call_expression" => rust::method_name(receiver).is_some() && rust::arguments(receiver).is_empty(),
        // `check.job.await`: joining a task the program spawned fails only
        // when that task panicked or was cancelled.
        "await_expression" => receiver.named_child(0).is_some_and(|j| j.kind_name() == "field_expression"),
        // `join_all(tasks).await.into_iter().map(|r| r.expect(..))`: the same, per task.
        "identifier" => joined_task_result(receiver, source),
        _ => false,
    };
    // The message as words between spaces: " alias should exist ".
    let words: Vec<String> = text(message, source)
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let spaced = format!(" {} ", words.join(" "));
    getter && STATED.iter().any(|word| spaced.contains(&format!(" {word} "))) && !from_parameter(receiver, source)
}

/// Whether `name` is the parameter of a closure mapped over the results of
/// awaited task joins (`futures::future::join_all(jobs).await.drain(..).map(|r|
/// ..)`).
fn joined_task_result(name: Node<'_>, source: &str) -> bool {
    let Some(closure) = crate::lang::ancestor_of_kind(name, &["closure_expression"]) else { return false };
    let is_parameter = closure.field("parameters").is_some_and(|p| {
        crate::lang::descendants(p).any(|n| n.kind_name() == "identifier" && text(n, source) == text(name, source))
    });
    let Some(call) = closure.parent().and_then(|a| a.parent()).filter(|c| c.kind_name() == "call_expression") else {
        return false;
    };
    is_parameter
        && rust::method_receiver(call).is_some_and(|chain| {
            crate::lang::descendants(chain).any(|n| {
                n.kind_name() == "await_expression"
                    && n.named_child(0)
                        .and_then(|c| rust::call_path(c, source))
                        .is_some_and(|path| matches!(path.rsplit("::").next(), Some("join_all" | "try_join_all")))
            })
        })
}

/// Whether a method chain starts at a parameter of its function (request
/// input, in a handler): `body["email"].as_str()`.
fn from_parameter(chain: Node<'_>, source: &str) -> bool {
    let mut node = chain;
    loop {
        let next = match node.kind_name() {
            "field_expression" => node.field("value"),
            "call_expression" => rust::method_receiver(node),
            "index_expression" | "reference_expression" | "parenthesized_expression" | "try_expression" => {
                node.named_child(0)
            }
            _ => None,
        };
        match next {
            Some(inner) => node = inner,
            None => break,
        }
    }
    if node.kind_name() != "identifier" {
        return false;
    }
    let name = text(node, source);
    let Some(parameters) = crate::lang::ancestor_of_kind(node, &["function_item"]).and_then(|f| f.field("parameters"))
    else {
        return false;
    };
    crate::lang::descendants(parameters).any(|p| p.kind_name() == "identifier" && text(p, source) == name)
}

/// `if res.is_ok() { res.unwrap() }`, `if x.is_some() { x.unwrap() }`,
/// `if ready && args.password.is_some() { args.password.as_ref().unwrap() }`,
/// `if let Ok(_) = res { res.unwrap() }`: the unwrap sits in the branch of an
/// `if` that checked the same variable, so it cannot panic. So does one after
/// an `if x.is_none() { return ..; }` (or `is_err()`) in an enclosing block,
/// where `x` may also be a chain of accessors
/// (`request.match_info().get("id")`).
fn checked_before(unwrap: Node<'_>, receiver: Node<'_>, source: &str) -> bool {
    // `x`, `args.password`, or either through `.as_ref()`/`.as_mut()`/
    // `.as_deref()`, or a copy (`.clone()`, `.cloned()`, `.copied()`), which
    // keeps whether there is a value.
    let mut value = receiver;
    while value.kind_name() == "call_expression"
        && rust::arguments(value).is_empty()
        && rust::method_name(value).is_some_and(|m| {
            matches!(text(m, source), "as_ref" | "as_mut" | "as_deref" | "clone" | "cloned" | "copied")
        })
        && let Some(inner) = rust::method_receiver(value)
    {
        value = inner;
    }
    if !accessor_chain(value, source) {
        return false;
    }
    // Compared without white space: a chain may be split over lines.
    let name = crate::lang::without_white_space(text(value, source));
    let name = name.as_str();
    let mut current = unwrap;
    while let Some(parent) = current.parent() {
        if matches!(parent.kind_name(), "function_item" | "closure_expression") {
            return false;
        }
        if parent.kind_name() == "if_expression"
            && parent.field("consequence") == Some(current)
            && let Some(condition) = parent.field("condition")
        {
            let condition = crate::lang::without_white_space(text(condition, source));
            // The check itself, or one of the conditions `&&` joins.
            let checked = [format!("{name}.is_ok()"), format!("{name}.is_some()")]
                .iter()
                .any(|c| condition.split("&&").any(|part| part == c))
                || (condition.starts_with("letOk(") || condition.starts_with("letSome("))
                    && condition.rsplit_once('=').is_some_and(|(_, value)| value == name);
            if checked {
                return true;
            }
        }
        if parent.kind_name() == "block" && settled_before(parent, current, name, source) {
            return true;
        }
        current = parent;
    }
    false
}

/// Whether a statement of `block` before `statement` makes `name` hold a
/// value: an `if` without `else` that, when `name` is empty, fills it (`if
/// x.is_none() { x = Some(Vec::new()); }`) or leaves the function or the
/// loop (`if x.is_none() { return ..; }`, `if x.is_err() { continue; }`).
fn settled_before(block: Node<'_>, statement: Node<'_>, name: &str, source: &str) -> bool {
    let is_none = format!("{name}.is_none()");
    let is_err = format!("{name}.is_err()");
    let fills = format!("{name}=Some(");
    block.named_child_nodes().take_while(|s| s.id() != statement.id()).any(|s| {
        let s = if s.kind_name() == "expression_statement" { s.named_child(0).unwrap_or(s) } else { s };
        if s.kind_name() != "if_expression" || s.field("alternative").is_some() {
            return false;
        }
        let (Some(condition), Some(branch)) = (s.field("condition"), s.field("consequence")) else { return false };
        let condition = crate::lang::without_white_space(text(condition, source));
        let leaves = || crate::lang::values::always_exits(branch, source);
        let fills = || crate::lang::without_white_space(text(branch, source)).contains(&fills);
        (condition == is_none && (fills() || leaves())) || (condition == is_err && leaves())
    })
}

/// A chain of calls that read without changing anything, so that two
/// evaluations give the same answer: `request.match_info().get("file_id")`,
/// `req.headers().get("x-id")`, on a variable or field.
fn accessor_chain(node: Node<'_>, source: &str) -> bool {
    match node.kind_name() {
        "identifier" | "field_expression" | "self" => true,
        "call_expression" => {
            rust::method_name(node).is_some_and(|m| {
                matches!(
                    text(m, source),
                    "get" | "match_info" | "headers" | "query_string" | "extensions" | "first" | "last"
                )
            }) && rust::method_receiver(node).is_some_and(|r| accessor_chain(r, source))
        }
        _ => false,
    }
}

/// A value built only from literals and constants: `"127.0.0.1:80".parse()`,
/// `Regex::new(r"^\d+$")`, `HeaderValue::from_str("text/plain")`,
/// `HEADER_NAME.parse::<HeaderName>()`, `NaiveTime::from_hms_opt(2, 0, 0)`.
/// It gives the same result on every request: a failure shows on the first.
fn constant_value(receiver: Node<'_>, source: &str) -> bool {
    if receiver.kind_name() != "call_expression" {
        return false;
    }
    let args = rust::arguments(receiver);
    let constant_args = args.iter().all(|a| is_constant(*a, source));
    if let Some(path) = rust::call_path(receiver, source) {
        let constructor = path.rsplit("::").next().unwrap_or(path);
        let builds = matches!(constructor, "new" | "parse" | "from_str" | "from_static" | "try_from" | "from")
            || constructor.starts_with("from_");
        return builds && !args.is_empty() && constant_args;
    }
    rust::method_receiver(receiver).is_some_and(|r| is_constant(r, source)) && constant_args
}

/// A literal, or a name written as a constant (`HEADER_NAME`,
/// `headers::CONTENT_TYPE`).
fn is_constant(node: Node<'_>, source: &str) -> bool {
    match node.kind_name() {
        "string_literal" | "raw_string_literal" | "integer_literal" | "float_literal" | "boolean_literal"
        | "char_literal" => true,
        "identifier" | "scoped_identifier" => {
            let name = text(node, source);
            let last = name.rsplit("::").next().unwrap_or(name);
            last.len() > 1
                && last.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                && last.chars().any(|c| c.is_ascii_uppercase())
        }
        _ => false,
    }
}

/// `unreachable!` where the author enumerated the cases: a `match` arm
/// (`Err(Error::MissingView) => unreachable!("handled above")`) or the
/// `else` of a `let .. else`. A branch an `if` on a value takes is still
/// reported: the value decides.
fn rules_out_a_case(node: Node<'_>) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        match parent.kind_name() {
            "match_arm" => return parent.field("value").is_some_and(|v| v.id() == current.id()),
            "let_declaration" => return parent.field("alternative").is_some_and(|a| a.id() == current.id()),
            "block" if parent.named_children(&mut parent.walk()).filter(|c| !c.is_extra()).count() == 1 => {
                current = parent
            }
            "expression_statement" | "macro_invocation" => current = parent,
            _ => return false,
        }
    }
    false
}
