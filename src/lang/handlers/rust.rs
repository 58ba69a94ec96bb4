//! Rust route handlers: axum (`Router::route(path, get(h).post(h2))`),
//! actix-web (`#[get("/")]`, `web::resource(..).route(web::get().to(h))`,
//! `App::route`) and Rocket (`#[get("/")]`). Routes registered in test code
//! (`#[cfg(test)]` items) name no production handler.

use crate::lang::NodeExt;
use std::cell::RefCell;
use std::collections::HashMap;

use tree_sitter::Node;

use super::{Framework, HTTP_METHODS, Handler, LocalMount, Reference, ReferenceKind, finish, join_route};
use crate::lang::rust::{arguments, call_path, method_name, method_receiver};
use crate::lang::{descendants, text};

/// Whether a file's text can hold a handler form this module knows: it
/// names axum, actix-web or Rocket, or carries a route attribute
/// (`#[get("/")]`, which Rocket's `#[macro_use]` brings without a path). A
/// superset test: most files of a service define no handler.
pub fn may_define(source: &str) -> bool {
    crate::lang::mentions_any(source, &["axum", "actix_web", "rocket"])
        || source.match_indices("#[").any(|(at, _)| {
            let attribute = &source[at + 2..];
            HTTP_METHODS.iter().chain(&["route"]).any(|m| attribute.strip_prefix(m).is_some_and(|r| r.starts_with('(')))
        })
}

/// The file's handlers, and the routes it registers with handlers of other
/// modules (`get(handlers::orders::create_order)`, see [`Reference`]).
pub fn find_with_references<'t>(nodes: &crate::lang::NodeIndex<'t>, source: &str) -> (Vec<Handler>, Vec<Reference>) {
    let actix = source.contains("actix_web");
    let axum = source.contains("axum");
    let mut functions: HashMap<&str, Vec<Node<'t>>> = HashMap::new();
    let mut calls = Vec::new();
    let mut attributes = Vec::new();
    let mut out = Vec::new();
    for node in nodes.of_kinds(&["attribute_item", "function_item", "call_expression"]) {
        match node.kind_name() {
            "attribute_item" => attributes.push(node),
            "function_item" => {
                if let Some(name) = node.field("name") {
                    functions.entry(text(name, source)).or_default().push(node);
                }
                attribute_route(node, nodes, source, actix, &mut out);
            }
            "call_expression" => calls.push(node),
            _ => {}
        }
    }
    let nested = if axum { same_file_nests(&calls, &functions, source) } else { Vec::new() };
    let resolver = Resolver { source, functions, nested, references: RefCell::new(Vec::new()) };
    for call in calls {
        if axum {
            axum_route(call, &resolver, &mut out);
            axum_mount(call, &resolver);
        }
        if actix {
            actix_to(call, &resolver, &mut out);
        }
    }
    let mut references = resolver.references.into_inner();
    // A route registered in test code (`#[cfg(test)] mod tests`) is not a
    // production route.
    let tests = crate::lang::rust::test_item_ranges(attributes, source);
    references.retain(|r| !tests.iter().any(|t| t.contains(&r.registration.start)));
    references.sort_by(|a, b| (a.registration.start, &a.callee).cmp(&(b.registration.start, &b.callee)));
    references.dedup();
    (finish(out), references)
}

struct Resolver<'t, 's> {
    source: &'s str,
    functions: HashMap<&'s str, Vec<Node<'t>>>,
    /// axum: the prefix under which a router built by a function of this
    /// file is nested (`.nest("/api", api())`), by the function's byte range.
    nested: Vec<(std::ops::Range<usize>, String)>,
    /// Registrations whose handler is a function of another module.
    references: RefCell<Vec<Reference>>,
}

impl<'t> Resolver<'t, '_> {
    /// The function a handler argument stands for: a closure, a same-file
    /// `fn` by name, or by the last segment of a path when only one `fn` of
    /// the file has that name.
    fn resolve(&self, handler: Node<'t>) -> Option<Node<'t>> {
        match handler.kind_name() {
            "closure_expression" => Some(handler),
            "identifier" => self.functions.get(text(handler, self.source))?.first().copied(),
            "scoped_identifier" => {
                let name = text(handler.field("name")?, self.source);
                match self.functions.get(name)?.as_slice() {
                    [only] => Some(*only),
                    _ => None,
                }
            }
            "generic_function" => self.resolve(handler.field("function")?),
            _ => None,
        }
    }

    fn push(
        &self,
        framework: Framework,
        methods: Vec<String>,
        route: Option<String>,
        handler: Node<'t>,
        out: &mut Vec<Handler>,
    ) {
        if let Some(function) = self.resolve(handler) {
            push(framework, methods, route, function, self.source, out);
        } else if matches!(handler.kind_name(), "identifier" | "scoped_identifier") {
            // A path to a function of another module: `handlers::orders::create`.
            let callee = text(handler, self.source).to_string();
            self.references.borrow_mut().push(Reference::to_handler(framework, methods, route, callee, handler));
        }
    }
}

fn push(
    framework: Framework,
    methods: Vec<String>,
    route: Option<String>,
    function: Node<'_>,
    source: &str,
    out: &mut Vec<Handler>,
) {
    let name_node = function.field("name");
    let name = name_node.map_or_else(|| "<closure>".to_string(), |n| text(n, source).to_string());
    let name_range = name_node.map_or(function.start_byte()..function.start_byte() + 1, |n| n.byte_range());
    out.push(Handler { framework, methods, route, name, function: function.byte_range(), name_range });
}

/// `#[get("/")]`, `#[actix_web::post("/x")]`, `#[route("/", method = "GET")]`
/// (actix-web) and `#[route(GET, uri = "/")]` (Rocket) on a function.
fn attribute_route<'t>(
    function: Node<'t>,
    nodes: &crate::lang::NodeIndex<'t>,
    source: &str,
    actix: bool,
    out: &mut Vec<Handler>,
) {
    let mut sibling = nodes.previous_sibling(function);
    while let Some(item) = sibling {
        match item.kind_name() {
            "attribute_item" => {}
            "line_comment" | "block_comment" => {
                sibling = nodes.previous_sibling(item);
                continue;
            }
            _ => break,
        }
        sibling = nodes.previous_sibling(item);
        let Some(attribute) = item.named_child(0).filter(|a| a.kind_name() == "attribute") else { continue };
        let Some(path) = attribute.named_child(0) else { continue };
        let path = text(path, source);
        let last = path.rsplit("::").next().unwrap_or(path);
        let Some(tokens) = attribute.field("arguments") else { continue };
        let strings: Vec<&str> = descendants(tokens)
            .filter(|n| n.kind_name() == "string_literal")
            .map(|n| text(n, source).trim_matches('"'))
            .collect();
        let framework = if path.starts_with("actix_web::") || (actix && !path.starts_with("rocket::")) {
            Framework::ActixWeb
        } else {
            Framework::Rocket
        };
        let (methods, route) = if HTTP_METHODS.contains(&last) {
            (vec![last.to_ascii_uppercase()], strings.first().copied())
        } else if last == "route" {
            let mut methods: Vec<String> = Vec::new();
            let mut route = None;
            let mut key = "";
            for token in tokens.child_nodes() {
                match token.kind_name() {
                    "identifier" => {
                        let word = text(token, source);
                        if HTTP_METHODS.contains(&word.to_ascii_lowercase().as_str())
                            && word == word.to_ascii_uppercase()
                        {
                            methods.push(word.to_string());
                        }
                        key = word;
                    }
                    "string_literal" => {
                        let value = text(token, source).trim_matches('"');
                        if key == "method" {
                            methods.push(value.to_ascii_uppercase());
                        } else if route.is_none() && value.starts_with('/') {
                            route = Some(value);
                        }
                    }
                    "," => key = "",
                    _ => {}
                }
            }
            (methods, route)
        } else {
            continue;
        };
        let Some(route) = route.filter(|r| r.starts_with('/')) else { continue };
        push(framework, methods, Some(route.to_string()), function, source, out);
    }
}

/// axum: `.route("/path", get(h).post(h2))`.
fn axum_route<'t>(call: Node<'t>, resolver: &Resolver<'t, '_>, out: &mut Vec<Handler>) {
    let source = resolver.source;
    if method_name(call).is_none_or(|m| text(m, source) != "route") {
        return;
    }
    let args = arguments(call);
    let [path, router] = args.as_slice() else { return };
    let Some(route) = string_literal(*path, source) else { return };
    let mut entries = Vec::new();
    if !method_router(*router, source, &mut entries) {
        return;
    }
    // Routes of a router a function of this file builds, nested elsewhere
    // in the file under a prefix.
    let route = match super::prefix_at(&resolver.nested, call.start_byte()) {
        Some(prefix) => join_route(prefix, route),
        None => route.to_string(),
    };
    for (methods, handler) in entries {
        resolver.push(Framework::Axum, methods, Some(route.clone()), handler, out);
    }
}

/// axum: `.nest("/api", api())` where `api` is a function of this file: the
/// prefix of the routes that function registers, by its byte range (see
/// `local_prefixes`).
fn same_file_nests(
    calls: &[Node<'_>],
    functions: &HashMap<&str, Vec<Node<'_>>>,
    source: &str,
) -> Vec<(std::ops::Range<usize>, String)> {
    let mut mounts = Vec::new();
    for &call in calls {
        if method_name(call).is_none_or(|m| text(m, source) != "nest") {
            continue;
        }
        let args = arguments(call);
        let [path, router] = args.as_slice() else { continue };
        let Some(prefix) = string_literal(*path, source).filter(|p| p.starts_with('/')) else { continue };
        let Some(function) = router
            .field("function")
            .filter(|f| router.kind_name() == "call_expression" && f.kind_name() == "identifier")
            .and_then(|f| functions.get(text(f, source)))
            .and_then(|found| match found.as_slice() {
                [only] => Some(*only),
                _ => None,
            })
        else {
            continue;
        };
        mounts.push(LocalMount {
            part: function.byte_range(),
            prefix: prefix.trim_end_matches('/'),
            at: call.start_byte(),
        });
    }
    super::local_prefixes(&mounts, join_route)
}

/// axum: `.nest("/api", api::router(state))` and `.merge(users::router())`:
/// the routes of the router that function builds are served under the
/// prefix (none for `merge`), resolved in the project join to the module
/// of the function. A router held in a variable is not followed.
fn axum_mount(call: Node<'_>, resolver: &Resolver<'_, '_>) {
    let source = resolver.source;
    let Some(method) = method_name(call).map(|m| text(m, source)).filter(|m| matches!(*m, "nest" | "merge")) else {
        return;
    };
    let args = arguments(call);
    let (prefix, router) = match (method, args.as_slice()) {
        ("nest", [path, router]) => match string_literal(*path, source) {
            Some(prefix) if prefix.starts_with('/') => (prefix.trim_end_matches('/'), *router),
            _ => return,
        },
        ("merge", [router]) => ("", *router),
        _ => return,
    };
    if router.kind_name() != "call_expression" {
        return;
    }
    let Some(function) = router.field("function").filter(|f| f.kind_name() == "scoped_identifier") else { return };
    resolver.references.borrow_mut().push(Reference {
        framework: Framework::Axum,
        methods: Vec::new(),
        route: Some(prefix.to_string()),
        callee: text(function, source).to_string(),
        registration: call.byte_range(),
        kind: ReferenceKind::Mount,
    });
}

/// Parses an axum method router (`get(h)`, `routing::post(h)`,
/// `get(h).post(h2)`, `on(MethodFilter::GET, h)`, `any(h)`, any of them
/// `.with_state(..)` or `.layer(..)`) into
/// (methods, handler) pairs; `false` when the expression is something else.
fn method_router<'t>(node: Node<'t>, source: &str, out: &mut Vec<(Vec<String>, Node<'t>)>) -> bool {
    if node.kind_name() != "call_expression" {
        return false;
    }
    let args = arguments(node);
    let (name, receiver) = match (call_path(node, source), method_name(node)) {
        (Some(path), _) => (path.rsplit("::").next().unwrap_or(path), None),
        (None, Some(method)) => (text(method, source), method_receiver(node)),
        _ => return false,
    };
    if let Some(receiver) = receiver
        && !method_router(receiver, source, out)
    {
        return false;
    }
    // `get(h).with_state(state)`, `.layer(..)`: the same handlers, with state
    // or middleware.
    if receiver.is_some() && matches!(name, "with_state" | "layer" | "route_layer") {
        return true;
    }
    let entry = match (name, args.as_slice()) {
        ("any", [h]) => (Vec::new(), *h),
        ("on", [filter, h]) => {
            let filter = text(*filter, source);
            let methods = HTTP_METHODS
                .iter()
                .filter(|m| filter.contains(&format!("::{}", m.to_ascii_uppercase())))
                .map(|m| m.to_ascii_uppercase())
                .collect();
            (methods, *h)
        }
        (m, [h]) if HTTP_METHODS.contains(&m) => (vec![m.to_ascii_uppercase()], *h),
        _ => return false,
    };
    out.push(entry);
    true
}

/// actix-web: `X.to(h)` where `X` is `web::get()` (and the like),
/// `web::route()` or a `web::resource(path)` chain; and `web::to(h)`.
fn actix_to<'t>(call: Node<'t>, resolver: &Resolver<'t, '_>, out: &mut Vec<Handler>) {
    let source = resolver.source;
    // A `to` call by its name, asked before its arguments are read (most calls are not).
    let named_to = match call_path(call, source) {
        Some(path) => path == "web::to" || path == "actix_web::web::to",
        None => method_name(call).is_some_and(|m| text(m, source) == "to"),
    };
    if !named_to {
        return;
    }
    let args = arguments(call);
    let [handler] = args.as_slice() else { return };
    let mut route = None;
    let methods = if let Some(path) = call_path(call, source) {
        if path != "web::to" && path != "actix_web::web::to" {
            return;
        }
        Vec::new()
    } else {
        if method_name(call).is_none_or(|m| text(m, source) != "to") {
            return;
        }
        let Some(receiver) = method_receiver(call) else { return };
        match actix_method(receiver, source, &mut route) {
            Some(methods) => methods,
            None => return,
        }
    };
    if route.is_none() {
        route = enclosing_route(call, source);
    }
    resolver.push(Framework::ActixWeb, methods, route.map(str::to_string), *handler, out);
}

/// The methods of an actix route builder: `web::get()` → GET, `web::route()`
/// or `web::resource("/x")` → any (`.method(Method::POST)` / `.guard(guard::Post())`
/// narrow it). Sets `route` from a `resource(path)` in the chain.
fn actix_method<'a>(node: Node<'_>, source: &'a str, route: &mut Option<&'a str>) -> Option<Vec<String>> {
    if node.kind_name() != "call_expression" {
        return None;
    }
    if let Some(path) = call_path(node, source) {
        let last = path.rsplit("::").next().unwrap_or(path);
        if !(path.starts_with("web::") || path.starts_with("actix_web::")) {
            return None;
        }
        return match last {
            "route" => Some(Vec::new()),
            "resource" => {
                *route = arguments(node).first().and_then(|a| string_literal(*a, source));
                Some(Vec::new())
            }
            m if HTTP_METHODS.contains(&m) => Some(vec![m.to_ascii_uppercase()]),
            _ => None,
        };
    }
    let method = text(method_name(node)?, source);
    let mut methods = actix_method(method_receiver(node)?, source, route)?;
    if matches!(method, "method" | "guard") {
        let argument = arguments(node).first().map(|a| text(*a, source)).unwrap_or("");
        for m in HTTP_METHODS {
            let upper = m.to_ascii_uppercase();
            let capitalised = format!("{}{}", &upper[..1], &m[1..]);
            if argument.contains(&format!("::{upper}")) || argument.contains(&format!("::{capitalised}(")) {
                methods.push(upper);
            }
        }
    }
    Some(methods)
}

/// The route of the nearest enclosing `.route("/path", ...)` call, or of a
/// `web::resource("/path")` in the receiver chain of the nearest `.route(...)`.
fn enclosing_route<'a>(node: Node<'_>, source: &'a str) -> Option<&'a str> {
    let mut current = node.parent();
    while let Some(n) = current {
        if n.kind_name() == "call_expression" && method_name(n).is_some_and(|m| text(m, source) == "route") {
            let args = arguments(n);
            if let Some(route) = args.first().and_then(|a| string_literal(*a, source)) {
                return Some(route);
            }
            let mut receiver = method_receiver(n);
            while let Some(r) = receiver {
                if r.kind_name() != "call_expression" {
                    break;
                }
                if let Some(path) = call_path(r, source) {
                    if path.ends_with("resource") {
                        return arguments(r).first().and_then(|a| string_literal(*a, source));
                    }
                    break;
                }
                receiver = method_receiver(r);
            }
            return None;
        }
        if matches!(n.kind_name(), "function_item" | "block") {
            return None;
        }
        current = n.parent();
    }
    None
}

/// A string literal's value when it is a route (`/...`).
fn string_literal<'a>(node: Node<'_>, source: &'a str) -> Option<&'a str> {
    if node.kind_name() != "string_literal" {
        return None;
    }
    let value = text(node, source).trim_matches('"');
    value.starts_with('/').then_some(value)
}

#[cfg(test)]
mod tests {
    use crate::lang::Language;
    use crate::lang::handlers::tests::handlers_of;

    fn rs(source: &str) -> Vec<String> {
        handlers_of(Language::Rust, "src/main.rs", source)
    }

    #[test]
    fn axum_routes() {
        let source = "use axum::{routing::{get, post}, Router};\nasync fn list() {}\nasync fn create() {}\nfn get_user() {}\nfn app() -> Router {\n    Router::new().route(\"/users\", get(list).post(create)).route(\"/health\", get(|| async { \"ok\" }))\n}\n";
        assert_eq!(rs(source), vec!["axum GET /users list", "axum POST /users create", "axum GET /health <closure>"]);
    }

    #[test]
    fn axum_method_routers_with_state_or_layers() {
        let source = "use axum::{routing::{get, post}, Router};\nasync fn list() {}\nasync fn create() {}\nfn app(s: S) -> Router {\n    Router::new().route(\"/a\", get(list).with_state(s.clone())).route(\"/b\", post(create).layer(l))\n}\n";
        assert_eq!(rs(source), vec!["axum GET /a list", "axum POST /b create"]);
    }

    #[test]
    fn actix_and_rocket() {
        let source = "use actix_web::{get, web, App, HttpResponse};\n#[get(\"/a\")]\nasync fn a() -> HttpResponse { todo!() }\nasync fn b() {}\nasync fn c() {}\nfn config(cfg: &mut web::ServiceConfig) {\n    cfg.service(web::resource(\"/b\").route(web::post().to(b)));\n    App::new().route(\"/c\", web::get().to(c));\n}\n";
        assert_eq!(rs(source), vec!["actix-web GET /a a", "actix-web POST /b b", "actix-web GET /c c"]);
        let source = "#[macro_use] extern crate rocket;\n#[get(\"/hello/<name>\")]\nfn hello(name: &str) -> String { name.into() }\n#[route(POST, uri = \"/x\")]\nfn x() {}\n#[test]\nfn get() {}\n";
        assert_eq!(rs(source), vec!["rocket GET /hello/<name> hello", "rocket POST /x x"]);
    }

    #[test]
    fn files_that_may_define_handlers() {
        assert!(super::may_define("use axum::Router;"));
        assert!(super::may_define("#[get(\"/hello\")]\nfn hello() {}"));
        assert!(super::may_define("#[route(POST, uri = \"/x\")]\nfn x() {}"));
        assert!(!super::may_define("pub fn parse(input: &str) -> u32 { input.len() as u32 }"));
        assert!(!super::may_define("#[derive(Debug)]\n#[getter]\nstruct Getter;"));
    }
}
