//! The handler model: which functions of a file are HTTP route handlers, for
//! which framework, method(s) and route, and which same-file functions they
//! call. One module per language family finds them; rules read the per-file
//! list through `FileView::handlers()` and walk the bodies through
//! [`handler_scopes`].
//!
//! Invariant: a handler is recorded only on evidence the file itself shows
//! (a decorator, attribute or registration call of a known framework, a
//! framework base class, a Next.js file path). A registration that names a
//! handler of another module (`router.get('/', ctrl.list)`, Django
//! `path("x/", views.f)`, axum `get(handlers::orders::create)`) is kept as a
//! [`Reference`], which the project join resolves through the file's imports
//! (and, in Rust, module paths).

pub mod connections;
pub mod panics;
pub mod python;
pub mod rust;
pub mod shape;
pub mod typescript;

use crate::lang::NodeExt;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Serialize;
use tree_sitter::Node;

use super::{Family, NodeIndex, text};

/// The web frameworks whose handlers backlint recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub enum Framework {
    Flask,
    FlaskAppBuilder,
    FastApi,
    Starlette,
    Django,
    DjangoRest,
    Aiohttp,
    Express,
    Koa,
    Hono,
    Fastify,
    NestJs,
    NextJs,
    Axum,
    ActixWeb,
    Rocket,
}

impl Framework {
    pub fn as_str(self) -> &'static str {
        match self {
            Framework::Flask => "flask",
            Framework::FlaskAppBuilder => "flask-appbuilder",
            Framework::FastApi => "fastapi",
            Framework::Starlette => "starlette",
            Framework::Django => "django",
            Framework::DjangoRest => "django-rest-framework",
            Framework::Aiohttp => "aiohttp",
            Framework::Express => "express",
            Framework::Koa => "koa",
            Framework::Hono => "hono",
            Framework::Fastify => "fastify",
            Framework::NestJs => "nestjs",
            Framework::NextJs => "nextjs",
            Framework::Axum => "axum",
            Framework::ActixWeb => "actix-web",
            Framework::Rocket => "rocket",
        }
    }

    /// Whether the framework is built around querying its ORM in the view
    /// itself (Django's generic views take a `queryset`, its tutorials call
    /// `Model.objects` in views, DRF viewsets do the same): an ORM query
    /// there is the framework's idiom, not a layering flaw.
    pub fn queries_orm_in_views(self) -> bool {
        matches!(self, Framework::Django | Framework::DjangoRest)
    }
}

/// One recognised route handler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handler {
    pub framework: Framework,
    /// Upper-case HTTP methods; empty when the handler answers any method or
    /// the methods are not visible in the file.
    pub methods: Vec<String>,
    /// The route path when the file shows it (prefixes of routers and
    /// controllers included when visible).
    pub route: Option<String>,
    /// The function's name, `Class.method` for methods, `<anonymous>` for
    /// inline functions and closures.
    pub name: String,
    /// Byte range of the function node (`function_definition`,
    /// `arrow_function`, `method_definition`, `function_item`, `closure_expression`...).
    pub function: Range<usize>,
    /// Byte range to report findings about the handler at: its name, or the
    /// start of an inline function.
    pub name_range: Range<usize>,
}

impl Handler {
    /// The function node of this handler in `root`'s tree.
    pub fn function_node<'t>(&self, root: Node<'t>) -> Option<Node<'t>> {
        let mut node = root.descendant_for_byte_range(self.function.start, self.function.end)?;
        loop {
            if node.byte_range() == self.function && is_function(node) {
                return Some(node);
            }
            node = node.parent()?;
            if node.start_byte() < self.function.start || node.end_byte() > self.function.end {
                return None;
            }
        }
    }

    /// `GET,POST`, or `ANY` when no method is known.
    pub fn methods_label(&self) -> String {
        methods_label(&self.methods)
    }

    /// The route for display (see [`route_label`]).
    pub fn route_label(&self) -> &str {
        route_label(self.route.as_deref())
    }

    /// `GET /users` / `ANY ?`: what the handler answers, for messages.
    pub fn describe(&self) -> String {
        describe(&self.methods, self.route.as_deref())
    }

    /// "handler `x` (GET /x)" or "the inline handler (GET /x)", for messages.
    pub fn title(&self) -> String {
        if self.name.starts_with('<') {
            format!("the inline handler ({})", self.describe())
        } else {
            format!("handler `{}` ({})", self.name, self.describe())
        }
    }
}

/// `GET,POST`, or `ANY` when no method is known.
pub fn methods_label(methods: &[String]) -> String {
    if methods.is_empty() { "ANY".to_string() } else { methods.join(",") }
}

/// A route for display: `?` when not visible, `/` for an empty
/// (router-relative) path.
pub fn route_label(route: Option<&str>) -> &str {
    match route {
        None => "?",
        Some("") => "/",
        Some(route) => route,
    }
}

/// `GET /users` / `ANY ?`: what a route answers, for messages.
pub fn describe(methods: &[String], route: Option<&str>) -> String {
    format!("{} {}", methods_label(methods), route_label(route))
}

/// Function-like node kinds of every grammar.
pub const FUNCTION_KINDS: &[&str] = &[
    "function_definition",
    "lambda",
    "function_declaration",
    "function_expression",
    "function",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "function_item",
    "closure_expression",
];

pub fn is_function(node: Node<'_>) -> bool {
    FUNCTION_KINDS.contains(&node.kind_name())
}

/// Whether a route serves operators' diagnostics, by a segment of its path
/// (`/debug/gateway`, `/admin/diagnostics/db`, `/__debug__/`): a request to
/// it is a person checking the service (is this database reachable?), not
/// traffic.
pub fn is_diagnostics_route(route: Option<&str>) -> bool {
    route.is_some_and(|route| {
        route.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).any(|segment| {
            matches!(segment.trim_matches('_').to_ascii_lowercase().as_str(), "debug" | "diagnostics" | "diag")
        })
    })
}

/// Whether a handler is a health, readiness or liveness probe, by its
/// function name (`healthcheck`, `HealthView.get`, `readiness_probe`) or
/// the last segment of its route (`/healthz`, `^ping/$`): its query is the
/// probe itself (is the database up?), not data access to move elsewhere.
pub fn is_health_check(name: &str, route: Option<&str>) -> bool {
    let probe = |word: &str| {
        let word = word.to_ascii_lowercase();
        word.contains("health")
            || word.contains("readiness")
            || word.contains("liveness")
            || matches!(word.as_str(), "ping" | "ready" | "readyz" | "live" | "livez" | "alive" | "heartbeat")
    };
    // `ReadyCheckController.getReady`: a word of the name says it.
    let probe_word = |part: &str| {
        crate::lang::identifier_words(part).iter().any(|w| {
            matches!(
                w.as_str(),
                "ready" | "readyz" | "readiness" | "liveness" | "livez" | "healthz" | "heartbeat" | "ping"
            )
        })
    };
    if name.rsplit('.').next().is_some_and(probe_word) {
        return true;
    }
    let function = name.rsplit('.').find(|part| !matches!(*part, "get" | "head" | "post")).unwrap_or(name);
    let last_segment = route
        .map(|r| r.trim_matches(|c: char| matches!(c, '^' | '$' | '/')))
        .and_then(|r| r.rsplit('/').next())
        .filter(|segment| !segment.is_empty());
    probe(function) || last_segment.is_some_and(probe)
}

/// `prefix` and `route` joined with one `/` between them (`/api` + `/x`,
/// `/api` + `` for the prefix itself).
pub fn join_route(prefix: &str, route: &str) -> String {
    match route {
        "" | "/" => prefix.to_string(),
        r => format!("{}/{}", prefix.trim_end_matches('/'), r.trim_start_matches('/')),
    }
}

/// A part of a file (a function that builds a router, a list of URL
/// patterns: its byte range) mounted under `prefix` by a registration of
/// the same file at byte `at` (axum `.nest("/admin", admin())`, Django
/// `path("api/", include(_api_urlpatterns))`).
pub struct LocalMount<'a> {
    pub part: Range<usize>,
    pub prefix: &'a str,
    pub at: usize,
}

/// The full prefix of each part a file mounts itself (see [`LocalMount`]):
/// a part mounted from inside another mounted part gets the outer prefix
/// first, joined by `join`; a part mounted twice keeps its routes as
/// written.
pub fn local_prefixes(mounts: &[LocalMount<'_>], join: impl Fn(&str, &str) -> String) -> Vec<(Range<usize>, String)> {
    let once: Vec<&LocalMount<'_>> =
        mounts.iter().filter(|m| mounts.iter().filter(|o| o.part == m.part).count() == 1).collect();
    let mut prefixes: Vec<(Range<usize>, String)> = Vec::new();
    // Outer prefixes first: as many rounds as there are mounts.
    for _ in 0..once.len() {
        for mount in &once {
            let full = join(prefix_at(&prefixes, mount.at).unwrap_or(""), mount.prefix);
            match prefixes.iter_mut().find(|(part, _)| *part == mount.part) {
                Some(entry) => entry.1 = full,
                None => prefixes.push((mount.part.clone(), full)),
            }
        }
    }
    prefixes
}

/// The prefix of the innermost mounted part around byte `at`, if any.
pub fn prefix_at(prefixes: &[(Range<usize>, String)], at: usize) -> Option<&str> {
    prefixes.iter().filter(|(part, _)| part.contains(&at)).min_by_key(|(part, _)| part.len()).map(|(_, p)| p.as_str())
}

/// The route of a DRF viewset's standard action under its router prefix
/// (`items/`, `items/{pk}/`); `None` for an extra action, whose path the
/// handler model does not know.
pub fn viewset_action_route(prefix: &str, action: &str) -> Option<String> {
    match action {
        "list" | "create" => Some(format!("{prefix}/")),
        "retrieve" | "update" | "partial_update" | "destroy" => Some(format!("{prefix}/{{pk}}/")),
        _ => None,
    }
}

/// HTTP method names as they appear in routing APIs (lower case).
pub const HTTP_METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "options", "trace"];

/// What a [`Reference`] registers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ReferenceKind {
    /// One handler, named by the callee.
    Handler,
    /// A whole router mounted under the route as a prefix (`app.use("/api",
    /// apiRouter)`, `include("shop.urls")`, `.nest("/api", api::router())`).
    Mount,
    /// A DRF viewset class, named by the callee, whose standard actions are
    /// routed under the route (`router.register("items", ItemViewSet)`).
    ViewSet,
    /// A prefix for every controller of the application (NestJS
    /// `app.setGlobalPrefix("api")`); the callee is empty.
    GlobalPrefix,
    /// A Django class-based view of another module, named by the callee,
    /// whose method handlers serve the route (`path("orders/<int:pk>/",
    /// views.OrderDetail.as_view())`).
    ClassView,
}

/// A route registered in a file with a handler the file does not define:
/// the handler is named (`ctrl.login`, an imported `login`, a factory call
/// `login()` whose result serves the route) and lives in another module,
/// where the project join finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub framework: Framework,
    pub methods: Vec<String>,
    pub route: Option<String>,
    /// The handler as written (a factory call without its arguments); for a
    /// mount, the router: a name the file binds, `require:<specifier>` or
    /// `module:<dotted name>`; for a viewset, its class.
    pub callee: String,
    /// Byte range of the registration call.
    pub registration: Range<usize>,
    pub kind: ReferenceKind,
}

impl Reference {
    /// A reference to the handler named by `argument` of a registration
    /// call (the call's span is the registration; the argument's own when it
    /// is not in an argument list).
    pub fn to_handler(
        framework: Framework,
        methods: Vec<String>,
        route: Option<String>,
        callee: String,
        argument: Node<'_>,
    ) -> Reference {
        let registration = argument
            .parent()
            .filter(|a| matches!(a.kind_name(), "arguments" | "argument_list"))
            .and_then(|a| a.parent())
            .map_or_else(|| argument.byte_range(), |c| c.byte_range());
        Reference { framework, methods, route, callee, registration, kind: ReferenceKind::Handler }
    }
}

/// The handlers of one file, and the routes it registers with handlers of
/// other modules, found with the file's own import tables (the engine asks
/// `file_facts::FileView::handlers`, which shares the file's facts; this
/// parses on its own, for tests).
#[cfg(test)]
pub(crate) fn find(
    language: super::Language,
    path: &str,
    tree: &tree_sitter::Tree,
    source: &str,
) -> (Vec<Handler>, Vec<Reference>) {
    let root = tree.root_node();
    let nodes = super::NodeIndex::build(language, tree);
    match language.family() {
        Family::Python => python::find_with_references(&nodes, source, &super::python::Imports::collect(root, source)),
        Family::TypeScript => typescript::find_with_references(
            &nodes,
            root,
            source,
            path,
            &super::typescript::Imports::collect(root, source),
        ),
        Family::Rust => rust::find_with_references(&nodes, source),
    }
}

/// Sorts handlers by position and removes duplicates (the same function
/// registered twice the same way).
pub(crate) fn finish(mut handlers: Vec<Handler>) -> Vec<Handler> {
    handlers.sort_by(|a, b| {
        (a.function.start, a.name_range.start, &a.methods, &a.route).cmp(&(
            b.function.start,
            b.name_range.start,
            &b.methods,
            &b.route,
        ))
    });
    handlers.dedup();
    handlers
}

/// A body a handler runs per request: the handler itself, or a same-file
/// function it calls (directly or through other same-file functions).
#[derive(Clone, Copy, Debug)]
pub struct Scope<'t> {
    /// Index of the handler in the file's handler list.
    pub handler: usize,
    /// The function node.
    pub function: Node<'t>,
    /// Whether this is a function the handler calls rather than the handler.
    pub callee: bool,
}

impl Scope<'_> {
    /// "handler `x` (GET /x)" or "`helper`, called by handler `x` (GET /x)",
    /// for messages.
    pub fn describe(&self, handlers: &[Handler], source: &str) -> String {
        let which = handlers[self.handler].title();
        if self.callee { format!("`{}`, called by {which}", self.name(source)) } else { which }
    }

    /// The name of the scope's function (for callees) as written.
    pub fn name<'a>(&self, source: &'a str) -> &'a str {
        function_name(self.function).map_or("<anonymous>", |n| text(n, source))
    }
}

/// The name node of a function-like node, when it has one (for arrow
/// functions, the variable it is assigned to).
pub fn function_name(function: Node<'_>) -> Option<Node<'_>> {
    if let Some(name) = function.field("name") {
        return Some(name);
    }
    let parent = function.parent()?;
    if parent.kind_name() == "variable_declarator" {
        return parent.field("name");
    }
    None
}

/// Every body handlers run per request: each handler, then the same-file
/// functions they call, transitively. Each function appears once (for the
/// first handler that reaches it), so a rule walking the scopes reports each
/// node once.
pub fn handler_scopes<'t>(
    family: Family,
    nodes: &NodeIndex<'t>,
    root: Node<'t>,
    source: &'t str,
    handlers: &[Handler],
) -> Vec<Scope<'t>> {
    let functions = FunctionIndex::build(family, nodes, source);
    let mut seen: HashSet<usize> = HashSet::new();
    let mut scopes = Vec::new();
    for (index, handler) in handlers.iter().enumerate() {
        let Some(function) = handler.function_node(root) else { continue };
        if seen.insert(function.start_byte()) {
            scopes.push(Scope { handler: index, function, callee: false });
        }
    }
    let mut next = 0;
    while next < scopes.len() {
        let scope = scopes[next];
        next += 1;
        for &node in nodes.inside(scope.function) {
            let Some(callee) = functions.callee(family, node, scope.function, source) else { continue };
            if seen.insert(callee.start_byte()) {
                scopes.push(Scope { handler: scope.handler, function: callee, callee: true });
            }
        }
    }
    scopes
}

/// Same-file functions by name: module-level functions, and methods by
/// (enclosing class or impl start byte, name).
struct FunctionIndex<'t> {
    free: HashMap<&'t str, Node<'t>>,
    methods: HashMap<(usize, &'t str), Node<'t>>,
}

/// Class-like node kinds of every grammar: classes and Rust `impl` blocks.
pub const CLASS_KINDS: &[&str] = &["class_definition", "class_declaration", "class", "impl_item"];

impl<'t> FunctionIndex<'t> {
    fn build(family: Family, nodes: &NodeIndex<'t>, source: &'t str) -> FunctionIndex<'t> {
        let mut free = HashMap::new();
        let mut methods = HashMap::new();
        let containers = [CLASS_KINDS, FUNCTION_KINDS].concat();
        let mut kinds = containers.clone();
        // (`FUNCTION_KINDS` has methods and Rust functions already: a kind
        // listed twice would yield its nodes twice.)
        kinds.push("variable_declarator");
        // The classes and functions open at the current node, outermost first
        // (nodes come in document order, so this is a sweep, not a climb).
        let mut open: Vec<Node<'t>> = Vec::new();
        for node in nodes.of_kinds(&kinds) {
            while open.last().is_some_and(|o| o.end_byte() <= node.start_byte()) {
                open.pop();
            }
            if containers.contains(&node.kind_name()) {
                open.push(node);
            }
            let (name, function) = match (family, node.kind_name()) {
                (Family::Python, "function_definition")
                | (Family::TypeScript, "function_declaration" | "method_definition")
                | (Family::Rust, "function_item") => match node.field("name") {
                    Some(name) => (text(name, source), node),
                    None => continue,
                },
                (Family::TypeScript, "variable_declarator") => match (node.field("name"), node.field("value")) {
                    (Some(name), Some(value)) if name.kind_name() == "identifier" && is_function(value) => {
                        (text(name, source), value)
                    }
                    _ => continue,
                },
                _ => continue,
            };
            // The innermost class or function around `function` (not itself).
            let owner = open.iter().rev().find(|o| o.id() != function.id());
            match owner {
                None => {
                    free.entry(name).or_insert(function);
                }
                Some(owner) if CLASS_KINDS.contains(&owner.kind_name()) => {
                    methods.entry((owner.start_byte(), name)).or_insert(function);
                }
                Some(_) => {}
            }
        }
        FunctionIndex { free, methods }
    }

    /// The same-file function `call` calls, when `node` is a call to one.
    fn callee(&self, family: Family, node: Node<'t>, within: Node<'t>, source: &str) -> Option<Node<'t>> {
        if !matches!(node.kind_name(), "call" | "call_expression") {
            return None;
        }
        let function = node.field("function")?;
        let by_method = |name: &str| {
            let class = super::ancestor_of_kind(within, CLASS_KINDS)?;
            self.methods.get(&(class.start_byte(), name)).copied()
        };
        match (family, function.kind_name()) {
            (_, "identifier") => self.free.get(text(function, source)).copied(),
            (Family::Python, "attribute") => {
                let object = text(function.field("object")?, source);
                if object == "self" || object == "cls" {
                    by_method(text(function.field("attribute")?, source))
                } else {
                    None
                }
            }
            (Family::TypeScript, "member_expression") => {
                if function.field("object")?.kind_name() == "this" {
                    by_method(text(function.field("property")?, source))
                } else {
                    None
                }
            }
            (Family::Rust, "field_expression") => {
                if text(function.field("value")?, source) == "self" {
                    by_method(text(function.field("field")?, source))
                } else {
                    None
                }
            }
            (Family::Rust, "scoped_identifier") => {
                let path = function.field("path").map(|p| text(p, source));
                let name = text(function.field("name")?, source);
                if path == Some("Self") { by_method(name) } else { None }
            }
            _ => None,
        }
    }
}

/// Whether `node` lies inside a handler scope function, and which: the
/// innermost scope containing it.
pub fn scope_of<'s, 't>(scopes: &'s [Scope<'t>], node: Node<'_>) -> Option<&'s Scope<'t>> {
    scopes
        .iter()
        .filter(|s| s.function.start_byte() <= node.start_byte() && node.end_byte() <= s.function.end_byte())
        .min_by_key(|s| s.function.end_byte() - s.function.start_byte())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    #[test]
    fn health_checks_by_name_or_route() {
        assert!(is_health_check("healthcheck", Some("^healthcheck/$")));
        assert!(is_health_check("ReadyCheckController.getReady", Some("/")));
        assert!(!is_health_check("ShippingController.getRates", Some("/")));
        assert!(is_health_check("HealthView.get", None));
        assert!(is_diagnostics_route(Some("/debug/gateway")));
        assert!(is_diagnostics_route(Some("^__debug__/")));
        assert!(is_diagnostics_route(Some("/admin/diagnostics/:db")));
        assert!(!is_diagnostics_route(Some("/debugger-sessions")));
        assert!(!is_diagnostics_route(Some("/orders/:id")));
        assert!(!is_diagnostics_route(None));
        assert!(is_health_check("status", Some("/readyz")));
        assert!(is_health_check("index", Some("/api/ping")));
        assert!(!is_health_check("order_status", Some("/orders/<id>/status")));
        assert!(!is_health_check("get", Some("/users")));
        assert!(!is_health_check("user_signup", Some("^/user/signup/")));
    }

    pub(crate) fn handlers_of(language: Language, path: &str, source: &str) -> Vec<String> {
        let tree = crate::lang::parse(language, source);
        find(language, path, &tree, source)
            .0
            .iter()
            .map(|h| format!("{} {} {}", h.framework.as_str(), h.describe(), h.name))
            .collect()
    }

    #[test]
    fn scopes_follow_same_file_calls() {
        let source = "from flask import Flask\napp = Flask(__name__)\n\ndef helper():\n    return 1\n\ndef unused():\n    pass\n\n@app.get('/x')\ndef x():\n    return helper()\n";
        let tree = crate::lang::parse(Language::Python, source);
        let (handlers, _) = find(Language::Python, "a.py", &tree, source);
        assert_eq!(handlers.len(), 1);
        let nodes = NodeIndex::build(Language::Python, &tree);
        let scopes = handler_scopes(Family::Python, &nodes, tree.root_node(), source, &handlers);
        let names: Vec<&str> = scopes.iter().map(|s| s.name(source)).collect();
        assert_eq!(names, vec!["x", "helper"]);
        assert!(scopes[1].callee);
    }
}
