//! Outbound HTTP in TypeScript/JavaScript: `axios` (functions and instances
//! from `axios.create`), `fetch` (global, `node-fetch`, `undici`), `got`
//! (functions and `got.extend` instances), `needle` (bounded by its
//! `response_timeout`/`read_timeout` options), `superagent` (bounded by a chained
//! `.timeout(..)`), `ky` (bounded by default) and `node:http(s)`
//! `request`/`get`.

use crate::lang::NodeExt;
use std::collections::HashMap;

use tree_sitter::Node;

use super::{CallKind, HttpCall, Timeout};
use crate::lang::{text, typescript, values};

const AXIOS_NO_BODY: &[&str] = &["get", "delete", "head", "options"];
const AXIOS_BODY: &[&str] = &["post", "put", "patch", "postForm", "putForm", "patchForm"];
const GOT_METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "head"];
const SUPERAGENT_METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "del", "head"];
const NEEDLE_METHODS: &[&str] = &["get", "head", "post", "put", "patch", "delete", "request"];

/// Modules whose `fetch` export behaves like the global one.
const FETCH_MODULES: &[&str] = &["node-fetch", "undici.fetch", "cross-fetch", "isomorphic-fetch", "node-fetch.default"];

/// An `axios.create` / `got.extend` instance bound to a name in a file.
#[derive(Clone, Copy, Debug)]
struct Instance {
    library: &'static str,
    has_timeout: bool,
}

/// The names a file binds to HTTP client instances (`const api = axios.create({...})`,
/// `this.http = got.extend({...})`), and whether each has a timeout, also one
/// set later through `api.defaults.timeout = ...`.
#[derive(Debug, Default)]
pub struct Clients {
    bindings: HashMap<String, Instance>,
}

impl Clients {
    /// The node kinds [`Clients::collect`] looks at.
    pub const BINDING_KINDS: &'static [&'static str] = &["variable_declarator", "assignment_expression"];

    /// Follows instances bound by the given nodes (declarations and
    /// assignments; others are ignored): pass a file's nodes of
    /// [`Clients::BINDING_KINDS`].
    pub fn collect<'t>(
        nodes: impl IntoIterator<Item = Node<'t>>,
        source: &str,
        imports: &typescript::Imports,
    ) -> Clients {
        let mut bindings = HashMap::new();
        let mut defaults_set = Vec::new();
        for node in nodes {
            let (target, value) = match node.kind_name() {
                "variable_declarator" => (node.field("name"), node.field("value")),
                "assignment_expression" => (node.field("left"), node.field("right")),
                _ => continue,
            };
            let (Some(target), Some(value)) = (target, value) else { continue };
            // (The target's text holds `timeout` wherever its name ends so.)
            if text(target, source).contains("timeout")
                && let Some(name) = typescript::dotted_name(target, source)
                && let Some(instance) = name.strip_suffix(".defaults.timeout")
            {
                defaults_set.push(instance.to_string());
                continue;
            }
            let value = crate::lang::without_await(value);
            // An instance comes from `axios.create(..)` or `got.extend(..)`,
            // under a global or imported name.
            let maker = first_name(value, source);
            if value.kind_name() != "call_expression" || !matches!(maker, "axios" | "got") && !imports.binds(maker) {
                continue;
            }
            let Some(name) = typescript::dotted_name(target, source) else { continue };
            let Some(callee) = typescript::callee_name(value, source) else { continue };
            let library = match imports.qualify(&callee).as_str() {
                "axios.create" | "axios.default.create" => "axios",
                "got.extend" => "got",
                _ => continue,
            };
            let options = argument(value, 0);
            let has_timeout = options.is_some_and(|o| has_option(o, &["timeout", "signal"], source) != Some(false));
            bindings.insert(name, Instance { library, has_timeout });
        }
        for name in defaults_set {
            if let Some(instance) = bindings.get_mut(&name) {
                instance.has_timeout = true;
            }
        }
        Clients { bindings }
    }
}

impl Clients {
    /// Whether the instance `call` creates is bound to a name that is given a
    /// timeout (`api.defaults.timeout = ...`).
    fn bound_with_timeout(&self, call: Node<'_>, source: &str) -> bool {
        let mut node = call;
        while let Some(parent) = node.parent() {
            let target = match parent.kind_name() {
                "await_expression" | "parenthesized_expression" => {
                    node = parent;
                    continue;
                }
                "variable_declarator" => parent.field("name"),
                "assignment_expression" => parent.field("left"),
                _ => None,
            };
            return target
                .and_then(|t| typescript::dotted_name(t, source))
                .and_then(|name| self.bindings.get(&name))
                .is_some_and(|instance| instance.has_timeout);
        }
        false
    }
}

/// Whether a method named `method` is called later in the chain that
/// starts with `call` (`superagent.get(u).set(..).timeout(5000)`).
fn chained_method(call: Node<'_>, method: &str, source: &str) -> bool {
    let mut node = call;
    while let Some(member) = node.parent().filter(|p| p.kind_name() == "member_expression") {
        if member.field("property").is_some_and(|p| text(p, source) == method) {
            return true;
        }
        match member.parent().filter(|p| p.kind_name() == "call_expression") {
            Some(outer) => node = outer,
            None => return false,
        }
    }
    false
}

/// The `index`-th argument of a call.
fn argument(call: Node<'_>, index: usize) -> Option<Node<'_>> {
    let arguments = call.field("arguments")?;
    arguments.named_child_nodes().filter(|a| a.kind_name() != "comment").nth(index)
}

/// Whether an options argument sets one of `keys`: `Some(true)` for an object
/// that has one, `Some(false)` for one that has none, `None` when it cannot
/// be told (a parameter, a call result, a spread of one). Objects held in
/// variables and spread into the options (`{ ...defaults, url }`) count as
/// written inline.
fn has_option(options: Node<'_>, keys: &[&str], source: &str) -> Option<bool> {
    has_option_within(options, keys, source, 0)
}

/// Spreads of spreads are followed this deep.
const MAX_SPREAD_DEPTH: usize = 4;

fn has_option_within(options: Node<'_>, keys: &[&str], source: &str, depth: usize) -> Option<bool> {
    let options = values::resolve(options, source);
    if options.kind_name() != "object" || depth > MAX_SPREAD_DEPTH {
        return None;
    }
    let mut unknown = false;
    for child in options.named_child_nodes() {
        match child.kind_name() {
            "pair" if typescript::pair_key(child, source).is_some_and(|k| keys.contains(&k)) => return Some(true),
            "shorthand_property_identifier" if keys.contains(&text(child, source)) => return Some(true),
            "spread_element" => {
                match child.named_child(0).and_then(|s| has_option_within(s, keys, source, depth + 1)) {
                    Some(true) => return Some(true),
                    Some(false) => {}
                    None => unknown = true,
                }
            }
            _ => {}
        }
    }
    if unknown { None } else { Some(false) }
}

/// Whether an argument is (or holds) an options object rather than a URL.
fn is_options_object(argument: Node<'_>, source: &str) -> bool {
    values::resolve(argument, source).kind_name() == "object"
}

/// The timeout of an options argument at `index` (absent counts as missing).
fn options_timeout<'t>(call: Node<'t>, index: usize, keys: &[&str], source: &str) -> Timeout<'t> {
    let Some(options) = argument(call, index).map(|o| values::resolve(o, source)) else { return Timeout::Missing };
    if options.kind_name() == "object"
        && let Some(value) = typescript::object_property(options, "timeout", source)
        && value.kind_name() == "number"
        && text(value, source) == "0"
    {
        return Timeout::Disabled(value.parent().unwrap_or(value));
    }
    match has_option(options, keys, source) {
        Some(true) => Timeout::Set,
        Some(false) => Timeout::Missing,
        None => Timeout::Unknown,
    }
}

/// ky's timeout: the library's default unless the options at `index` say
/// `timeout: false` (also written `false as const`, or held in a constant).
fn ky_timeout<'t>(call: Node<'t>, index: usize, source: &str) -> Timeout<'t> {
    let Some(options) = argument(call, index).map(|o| values::resolve(o, source)) else {
        return Timeout::LibraryDefault;
    };
    if options.kind_name() != "object" {
        return Timeout::LibraryDefault;
    }
    match typescript::object_property(options, "timeout", source) {
        Some(value) if values::resolve(value, source).kind_name() == "false" => {
            Timeout::Disabled(value.parent().unwrap_or(value))
        }
        Some(_) => Timeout::Set,
        None => Timeout::LibraryDefault,
    }
}

/// needle's timeout: set when the options at `index` set
/// `response_timeout` or `read_timeout`.
fn needle_timeout<'t>(call: Node<'t>, index: usize, source: &str) -> Timeout<'t> {
    let Some(options) = argument(call, index).map(|o| values::resolve(o, source)) else { return Timeout::Missing };
    match options.kind_name() {
        "object" => match has_option(options, &["response_timeout", "read_timeout"], source) {
            Some(true) => Timeout::Set,
            Some(false) => Timeout::Missing,
            None => Timeout::Unknown,
        },
        "null" | "undefined" | "arrow_function" | "function_expression" => Timeout::Missing,
        _ => Timeout::Unknown,
    }
}

/// Where needle's options are: `needle.get(url, options)`,
/// `needle.post(url, data, options)`, `needle(method, url, data, options)`,
/// where a GET or HEAD may leave the data out (`needle("get", url, options)`).
fn needle_options_index(call: Node<'_>, method: &str, source: &str) -> usize {
    match method {
        "get" | "head" => 1,
        "" | "request" => {
            let verb = argument(call, 0).and_then(|v| typescript::string_value(v, source)).unwrap_or("");
            let bodiless = verb.eq_ignore_ascii_case("get") || verb.eq_ignore_ascii_case("head");
            if bodiless && argument(call, 3).is_none() { 2 } else { 3 }
        }
        _ => 2,
    }
}

/// Classifies a `call_expression` as an outbound HTTP call, or `None`.
pub fn classify<'t>(
    call: Node<'t>,
    source: &str,
    imports: &typescript::Imports,
    clients: &Clients,
) -> Option<HttpCall<'t>> {
    if call.kind_name() != "call_expression" || !may_be_http(call, source, imports, clients) {
        return None;
    }
    let callee = typescript::callee_name(call, source)?;
    let qualified = imports.qualify(&callee);
    let qualified = qualified.strip_suffix(".default").map(str::to_string).unwrap_or(qualified);
    let made = |kind, library, timeout| {
        Some(HttpCall { node: call, kind, library, callee: callee.clone(), timeout, through_client: false })
    };
    let axios_keys: &[&str] = &["timeout", "signal"];
    let (module, method) = qualified.rsplit_once('.').unwrap_or((qualified.as_str(), ""));
    match (module, method) {
        ("axios", "") => {
            let first_is_url = argument(call, 0).is_some_and(|a| !is_options_object(a, source));
            let index = usize::from(first_is_url);
            return made(CallKind::Request, "axios", options_timeout(call, index, axios_keys, source));
        }
        ("axios", "request") => return made(CallKind::Request, "axios", options_timeout(call, 0, axios_keys, source)),
        ("axios", m) if AXIOS_NO_BODY.contains(&m) => {
            return made(CallKind::Request, "axios", options_timeout(call, 1, axios_keys, source));
        }
        ("axios", m) if AXIOS_BODY.contains(&m) => {
            return made(CallKind::Request, "axios", options_timeout(call, 2, axios_keys, source));
        }
        ("axios", "create") => {
            let timeout = match options_timeout(call, 0, axios_keys, source) {
                Timeout::Missing if clients.bound_with_timeout(call, source) => Timeout::Set,
                other => other,
            };
            return made(CallKind::Client, "axios", timeout);
        }
        ("got", "") => {
            let first_is_url = argument(call, 0).is_some_and(|a| !is_options_object(a, source));
            let index = usize::from(first_is_url);
            return made(CallKind::Request, "got", options_timeout(call, index, axios_keys, source));
        }
        ("got", m) if GOT_METHODS.contains(&m) => {
            return made(CallKind::Request, "got", options_timeout(call, 1, axios_keys, source));
        }
        ("got", "extend") => return made(CallKind::Client, "got", options_timeout(call, 0, axios_keys, source)),
        // superagent: bounded only by a chained `.timeout(..)`.
        ("superagent", m) if SUPERAGENT_METHODS.contains(&m) => {
            let timeout = if chained_method(call, "timeout", source) { Timeout::Set } else { Timeout::Missing };
            return made(CallKind::Request, "superagent", timeout);
        }
        // ky times out after 10 s unless told `timeout: false`; so do the
        // instances `ky.create`/`ky.extend` make.
        ("ky", m) if m.is_empty() || GOT_METHODS.contains(&m) => {
            return made(CallKind::Request, "ky", ky_timeout(call, 1, source));
        }
        ("ky", "create" | "extend") => return made(CallKind::Client, "ky", ky_timeout(call, 0, source)),
        // needle answers no response deadline by default (`response_timeout`
        // and `read_timeout` are 0; `open_timeout` only bounds connecting).
        ("needle", m) if m.is_empty() || NEEDLE_METHODS.contains(&m) => {
            let index = needle_options_index(call, m, source);
            return made(CallKind::Request, "needle", needle_timeout(call, index, source));
        }
        ("http" | "https", "request" | "get") => {
            return made(CallKind::Request, "node:http", node_http_timeout(call, source));
        }
        _ => {}
    }
    let is_fetch = match callee.as_str() {
        // A `fetch` parameter is the caller's function, not the global, and
        // so is the module's own `export async function fetch()`.
        "fetch"
            if call
                .field("function")
                .is_some_and(|f| values::is_parameter(f, source) || values::is_module_declaration(f, source)) =>
        {
            false
        }
        "fetch" | "globalThis.fetch" => qualified == "fetch" || FETCH_MODULES.contains(&qualified.as_str()),
        _ => FETCH_MODULES.contains(&qualified.as_str()),
    };
    if is_fetch {
        let timeout = match argument(call, 1) {
            None => Timeout::Missing,
            Some(init) => match has_option(init, &["signal"], source) {
                Some(true) => Timeout::Set,
                Some(false) => Timeout::Missing,
                None => Timeout::Unknown,
            },
        };
        return made(CallKind::Request, "fetch", timeout);
    }
    // A method called on an instance bound in this file.
    let (receiver, method) = callee.rsplit_once('.')?;
    let instance = clients.bindings.get(receiver)?;
    let index = match instance.library {
        "axios" if method == "request" => 0,
        "axios" if AXIOS_NO_BODY.contains(&method) => 1,
        "axios" if AXIOS_BODY.contains(&method) => 2,
        "got" if GOT_METHODS.contains(&method) => 1,
        _ => return None,
    };
    let timeout = match options_timeout(call, index, axios_keys, source) {
        // The instance's construction is its own call site (reported there when unbounded).
        Timeout::Missing => Timeout::FromClient,
        other => other,
    };
    Some(HttpCall {
        node: call,
        kind: CallKind::Request,
        library: instance.library,
        callee,
        timeout,
        through_client: true,
    })
}

/// The first name of a call's callee, read off the call's text (which
/// starts with the callee): `axios` of `(axios).get(u)`, `this` of
/// `this.http.get(u)`; empty when the callee starts otherwise.
fn first_name<'s>(call: Node<'_>, source: &'s str) -> &'s str {
    crate::lang::leading_name(text(call, source).trim_start_matches(|c: char| c == '(' || c.is_whitespace()))
}

/// The names a call's callee can start with and be classified without an
/// import: the libraries' usual names as globals.
const HTTP_GLOBALS: &[&str] =
    &["axios", "got", "superagent", "ky", "needle", "http", "https", "fetch", "globalThis", "undici"];

/// Whether [`classify`] can classify `call`: the first name of its callee
/// (read off the call's text, which starts with the callee) is imported, a
/// library's global name, or the start of a client instance's binding.
/// Most calls (`res.json()`, `this.repo.find()`) are turned away here
/// without naming their callee.
fn may_be_http(call: Node<'_>, source: &str, imports: &typescript::Imports, clients: &Clients) -> bool {
    let first = first_name(call, source);
    !first.is_empty()
        && (imports.binds(first)
            || HTTP_GLOBALS.contains(&first)
            || clients.bindings.keys().any(|k| crate::lang::is_or_within(k, first, &['.'])))
}

/// `http.request(...)` / `https.get(...)`: a `timeout` option, a chained or
/// later `.setTimeout(...)` on the request, or an options variable (unknown).
fn node_http_timeout<'t>(call: Node<'t>, source: &str) -> Timeout<'t> {
    let Some(arguments) = call.field("arguments") else { return Timeout::Missing };
    let args: Vec<Node<'_>> = arguments.named_child_nodes().filter(|a| a.kind_name() != "comment").collect();
    for (i, arg) in args.iter().enumerate() {
        match arg.kind_name() {
            "object" => match has_option(*arg, &["timeout", "signal"], source) {
                Some(true) => return Timeout::Set,
                Some(false) => {}
                None => return Timeout::Unknown,
            },
            "identifier" if is_options_object(*arg, source) => match has_option(*arg, &["timeout", "signal"], source) {
                Some(true) => return Timeout::Set,
                Some(false) => {}
                None => return Timeout::Unknown,
            },
            "identifier" | "member_expression" => {
                // The URL (first argument) is often a variable; anything else may be options.
                let name = text(*arg, source).to_ascii_lowercase();
                if i > 0 || !(name.contains("url") || name.contains("uri") || name.contains("href")) {
                    return Timeout::Unknown;
                }
            }
            _ => {}
        }
    }
    // `https.get(...).setTimeout(...)` or `req.setTimeout(...)` on the variable holding it.
    let mut node = call;
    while let Some(parent) = node.parent() {
        match parent.kind_name() {
            "member_expression" => {
                if parent.field("property").is_some_and(|p| matches!(text(p, source), "setTimeout" | "timeout")) {
                    return Timeout::Set;
                }
                match parent.parent() {
                    Some(grand) if grand.kind_name() == "call_expression" => node = grand,
                    _ => break,
                }
            }
            "variable_declarator" => {
                if let Some(name) = parent.field("name")
                    && name.kind_name() == "identifier"
                {
                    let name = text(name, source);
                    if source.contains(&format!("{name}.setTimeout("))
                        || source.contains(&format!("{name}.on(\"timeout\""))
                        || source.contains(&format!("{name}.on('timeout'"))
                    {
                        return Timeout::Set;
                    }
                }
                break;
            }
            "await_expression" | "parenthesized_expression" => node = parent,
            _ => break,
        }
    }
    Timeout::Missing
}

/// Whether `call` makes an outbound HTTP call or builds a client that will.
pub fn is_http_call(call: Node<'_>, source: &str, imports: &typescript::Imports, clients: &Clients) -> bool {
    classify(call, source, imports, clients).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Language, descendants, parse};

    #[test]
    fn the_first_name_of_a_callee_is_read_off_the_call() {
        let source = "(axios).get(u);\nthis.http.get(u);\n$http(u);\nres.json();\n(0, f)(x);\n";
        let tree = parse(Language::TypeScript, source);
        let firsts: Vec<&str> = descendants(tree.root_node())
            .filter(|n| n.kind_name() == "call_expression")
            .map(|call| first_name(call, source))
            .collect();
        assert_eq!(firsts, ["axios", "this", "$http", "res", "0"]);
    }

    #[test]
    fn only_calls_that_may_be_http_reach_the_classification() {
        let source = "import request from 'got';\nconst api = axios.create({});\nthis.client = axios.create({});\n\
                      request(u);\nfetch(u);\napi.get(u);\nthis.client.get(u);\nres.json();\nthis.repo.find();\n";
        let tree = parse(Language::TypeScript, source);
        let imports = typescript::Imports::collect(tree.root_node(), source);
        let clients = Clients::collect(descendants(tree.root_node()), source, &imports);
        let passed: Vec<&str> = descendants(tree.root_node())
            .filter(|n| n.kind_name() == "call_expression")
            .filter(|call| may_be_http(*call, source, &imports, &clients))
            .map(|call| text(call, source))
            .collect();
        assert_eq!(
            passed,
            [
                "axios.create({})",
                "axios.create({})",
                "request(u)",
                "fetch(u)",
                "api.get(u)",
                "this.client.get(u)",
                "this.repo.find()"
            ]
        );
    }
}
