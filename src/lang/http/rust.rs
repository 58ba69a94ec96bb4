//! Outbound HTTP in Rust: `reqwest` (async and blocking clients, `get`) and
//! `ureq` (agents and request functions). Paths are resolved through the
//! file's `use` declarations, so an unqualified `Client::new()` only counts
//! when `Client` comes from one of these crates.

use crate::lang::NodeExt;
use tree_sitter::Node;

use super::{CallKind, HttpCall, Timeout};
use crate::lang::{rust, text};

const UREQ_REQUESTS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "request"];

/// Classifies a `call_expression` as an outbound HTTP call or client
/// construction, or `None`. For builder chains (`Client::builder()...build()`)
/// the call site is the builder's start and the timeout is looked up along the
/// chain; a chain that does not end in `.build()` is unknown (the builder is
/// kept and configured elsewhere).
pub fn classify<'t>(call: Node<'t>, source: &str, uses: &rust::Uses) -> Option<HttpCall<'t>> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let path = rust::call_path(call, source)?;
    let qualified = uses.qualify(path);
    let qualified = qualified.strip_prefix("::").unwrap_or(&qualified);
    let made = |kind, library, timeout| {
        Some(HttpCall { node: call, kind, library, callee: path.to_string(), timeout, through_client: false })
    };
    if let Some(rest) = qualified.strip_prefix("reqwest::") {
        let blocking = rest.starts_with("blocking::");
        let rest = rest.strip_prefix("blocking::").unwrap_or(rest);
        let default = if blocking { Timeout::LibraryDefault } else { Timeout::Missing };
        return match rest {
            "get" => made(CallKind::Request, "reqwest", default),
            "Client::new" | "Client::default" => {
                let timeout = if per_request_timeouts(call, source) { Timeout::Set } else { default };
                made(CallKind::Client, "reqwest", timeout)
            }
            "Client::builder" | "ClientBuilder::new" => {
                let timeout = match chain_timeout(call, source, |m| matches!(m, "timeout" | "read_timeout")) {
                    Timeout::Missing if per_request_timeouts(call, source) => Timeout::Set,
                    Timeout::Missing => default,
                    other => other,
                };
                made(CallKind::Client, "reqwest", timeout)
            }
            _ => None,
        };
    }
    if let Some(rest) = qualified.strip_prefix("ureq::") {
        let is_timeout = |m: &str| m.starts_with("timeout");
        return match rest {
            "agent" | "Agent::new" | "Agent::new_with_defaults" => made(CallKind::Client, "ureq", Timeout::Missing),
            "AgentBuilder::new" | "Agent::config_builder" | "config::Config::builder" | "Config::builder" => {
                made(CallKind::Client, "ureq", chain_timeout(call, source, is_timeout))
            }
            m if UREQ_REQUESTS.contains(&m) => made(CallKind::Request, "ureq", chain_timeout(call, source, is_timeout)),
            _ => None,
        };
    }
    None
}

/// Walks up a method chain that starts at `call`: `Set` when a method the
/// predicate accepts is called on it, `Missing` when the chain reaches
/// `.build()` (or a request's `.call()`/`.send()`) without one, `Unknown` when
/// the chain ends before that.
fn chain_timeout<'t>(call: Node<'t>, source: &str, is_timeout: impl Fn(&str) -> bool) -> Timeout<'t> {
    let mut node = call;
    let mut terminated = false;
    while let Some(parent) = node.parent() {
        match parent.kind_name() {
            "field_expression" if parent.field("value") == Some(node) => {
                let Some(field) = parent.field("field") else { break };
                let Some(grand) = parent.parent().filter(|g| g.kind_name() == "call_expression") else { break };
                let method = text(field, source);
                if is_timeout(method) {
                    return Timeout::Set;
                }
                if matches!(method, "build" | "call" | "send" | "send_string" | "send_json" | "send_form" | "into") {
                    terminated = true;
                }
                node = grand;
            }
            "try_expression" | "await_expression" | "parenthesized_expression" => node = parent,
            _ => break,
        }
    }
    if terminated { Timeout::Missing } else { Timeout::Unknown }
}

/// Whether every request sent through the client that `call` builds sets
/// its own timeout (`client.get(url).timeout(d).send()`): the client is bound
/// by a `let` and each `client.get/post/..(..)` chain in the same function
/// calls `.timeout(..)`; or it is kept in a field of a struct (`Self {
/// client, .. }`, `client: Client::new()`) and each `self.client.post(..)`
/// chain of the file does. At least one such request is needed.
fn per_request_timeouts(call: Node<'_>, source: &str) -> bool {
    // Requests through `self.<field>` anywhere in the file.
    let through_field = |field: &str| {
        let root = crate::lang::ancestor_of_kind(call, &["source_file"]).unwrap_or(call);
        requests_all_time_out(root, &format!("self.{field}"), 0, source)
    };
    if let Some(field) = field_initialized_with(call, source) {
        return through_field(field);
    }
    let Some(binding) = crate::lang::ancestor_of_kind(call, &["let_declaration"]) else { return false };
    let Some(name) = binding.field("pattern").map(|p| text(p, source).trim_start_matches("mut ")) else {
        return false;
    };
    let Some(function) = crate::lang::ancestor_of_kind(binding, &["function_item"]) else { return false };
    // The binding handed to a field of the struct the function builds.
    let stored = crate::lang::descendants(function).find_map(|n| match n.kind_name() {
        "shorthand_field_initializer" if text(n, source) == name => Some(name.to_string()),
        "field_initializer" if n.field("value").is_some_and(|v| text(v, source) == name) => {
            n.field("field").map(|f| text(f, source).to_string())
        }
        _ => None,
    });
    if let Some(field) = stored {
        return through_field(&field);
    }
    requests_all_time_out(function, name, binding.end_byte(), source)
}

/// The field a struct expression fills with `call` (`client: Client::new()`).
fn field_initialized_with<'s>(call: Node<'_>, source: &'s str) -> Option<&'s str> {
    let parent = call.parent().filter(|p| p.kind_name() == "field_initializer")?;
    (parent.field("value") == Some(call)).then(|| parent.field("field").map(|f| text(f, source)))?
}

/// Whether the requests sent through `client` (its text without white space:
/// `client`, `self.client`) in `scope`, after byte `from`, all set a timeout,
/// and there is at least one.
fn requests_all_time_out(scope: Node<'_>, client: &str, from: usize, source: &str) -> bool {
    let mut requests = 0;
    for node in crate::lang::descendants(scope) {
        if node.kind_name() != "call_expression" || node.start_byte() < from {
            continue;
        }
        let sends = rust::method_name(node).is_some_and(|m| {
            matches!(text(m, source), "get" | "post" | "put" | "patch" | "delete" | "head" | "request")
        });
        let through = |r: Node<'_>| crate::lang::without_white_space(text(r, source)) == client;
        if !sends || !rust::method_receiver(node).is_some_and(through) {
            continue;
        }
        if !matches!(chain_timeout(node, source, |m| m == "timeout"), Timeout::Set) {
            return false;
        }
        requests += 1;
    }
    requests > 0
}

/// Whether `call` makes an outbound HTTP call or builds a client that will.
pub fn is_http_call(call: Node<'_>, source: &str, uses: &rust::Uses) -> bool {
    classify(call, source, uses).is_some()
}
