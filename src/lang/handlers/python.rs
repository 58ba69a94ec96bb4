//! Python route handlers: Flask (and Flask-AppBuilder's `@expose` views),
//! FastAPI/Starlette, Django (function views routed in the same file,
//! class-based views, Django REST framework) and aiohttp.

use crate::lang::NodeExt;
use std::collections::HashMap;

use tree_sitter::Node;

use super::{Framework, HTTP_METHODS, Handler, LocalMount, Reference, ReferenceKind, finish, join_route};
use crate::lang::python::{Imports, callee_name, dotted_name, keyword_argument, string_value};
use crate::lang::{NodeIndex, text};

/// Which web frameworks the file imports something from.
struct Imported {
    flask: bool,
    flask_appbuilder: bool,
    fastapi: bool,
    starlette: bool,
    django: bool,
    drf: bool,
    aiohttp: bool,
}

struct Finder<'t, 's> {
    source: &'s str,
    imports: &'s Imports,
    imported: Imported,
    /// Module variables bound to an application or router object.
    apps: HashMap<String, Framework>,
    /// The prefix a router object serves its routes under, from its
    /// constructor (`Blueprint(..., url_prefix="/api")`, `APIRouter(prefix="/items")`).
    prefixes: HashMap<String, String>,
    /// Module-level functions by name.
    functions: HashMap<&'s str, Node<'t>>,
    /// Same-file classes that are class-based views: name -> (framework, viewset).
    views: HashMap<&'s str, (Framework, bool)>,
    out: Vec<Handler>,
    /// Registrations whose view is defined in another module.
    references: Vec<Reference>,
    /// DRF router registrations: the router variable, and the index of the
    /// registration in `references`.
    viewset_routers: Vec<(String, usize)>,
    /// Module-level lists of URL patterns (`_api_urlpatterns = [..]`): name
    /// and the byte range of the list.
    url_lists: Vec<(&'s str, std::ops::Range<usize>)>,
    /// The prefix under which this file includes one of its own lists
    /// (`path("api/projects/", include((_api_urlpatterns, app_name)))`), by
    /// the list's byte range.
    list_prefixes: Vec<(std::ops::Range<usize>, String)>,
}

/// Whether a Python file's text can hold a handler this model recognises:
/// it names a framework (or a `.route(` blueprint decorator), and it has
/// one of the forms [`find`] reads: a route decorator (`@x.get(`), a view
/// base class (`...View`, `HTTPEndpoint`), a Django or DRF decorator
/// (`require_...`, `api_view`), a URL pattern (`path(`, `re_path(`,
/// `url(`), a registration call (`add_url_rule`, `add_api_route`,
/// `Route(`) or a router mounted under a prefix (`register_blueprint`,
/// `include_router`); aiohttp files are always read. A superset test on the text,
/// so that the many files of a framework that define no handler (models,
/// forms, utilities) are skipped before their nodes and imports are read.
pub fn may_define(source: &str) -> bool {
    // Three searches rather than one alternation: each has literal prefixes
    // the regex engine finds with a vector search, where the alternation of
    // all forms ran a DFA over every byte (six times the time on Django's
    // source).
    static FRAMEWORKS: crate::lang::Words =
        crate::lang::Words::new(&["flask", "fastapi", "starlette", "django", "rest_framework", "aiohttp", ".route("]);
    static NAMES: crate::lang::Words = crate::lang::Words::new(&[
        "View",
        "HTTPEndpoint",
        "api_view",
        "require_",
        "add_url_rule",
        "add_api_route",
        "register_blueprint",
        "include_router",
        "expose",
    ]);
    // ASCII classes (any non-ASCII character counts as a name character):
    // Unicode `\w`/`\s` would make the lazy DFA far larger.
    static CALLS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?-u)Route\s*\(|\.register\s*\(|\b(?:re_)?path\s*\(|\burl\s*\(").expect("valid pattern")
    });
    static DECORATORS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(concat!(
            r"(?-u)@(?:[\w.\s]|(?u:[^\x00-\x7F]))*\.\s*",
            r"(?:route|api_route|get|post|put|patch|delete|head|options|trace|websocket)\s*\(",
        ))
        .expect("valid pattern")
    });
    FRAMEWORKS.in_text(source)
        && (source.contains("aiohttp")
            || NAMES.in_text(source)
            || CALLS.is_match(source)
            || DECORATORS.is_match(source))
}

/// The file's handlers, and the routes it registers with views defined in
/// other modules (`path("orders/", views.orders)`, see [`Reference`]).
pub fn find_with_references(nodes: &NodeIndex<'_>, source: &str, imports: &Imports) -> (Vec<Handler>, Vec<Reference>) {
    let imported = Imported {
        flask: imports.imports_module("flask"),
        flask_appbuilder: imports.imports_module("flask_appbuilder"),
        fastapi: imports.imports_module("fastapi"),
        starlette: imports.imports_module("starlette"),
        django: imports.imports_module("django"),
        drf: imports.imports_module("rest_framework"),
        aiohttp: imports.imports_module("aiohttp"),
    };
    if !(imported.flask
        || imported.flask_appbuilder
        || imported.fastapi
        || imported.starlette
        || imported.django
        || imported.drf
        || imported.aiohttp
        || source.contains(".route("))
    {
        return (Vec::new(), Vec::new());
    }
    let mut finder = Finder {
        source,
        imports,
        imported,
        apps: HashMap::new(),
        prefixes: HashMap::new(),
        functions: HashMap::new(),
        views: HashMap::new(),
        out: Vec::new(),
        references: Vec::new(),
        viewset_routers: Vec::new(),
        url_lists: Vec::new(),
        list_prefixes: Vec::new(),
    };
    let mut classes = Vec::new();
    let mut calls = Vec::new();
    let mut decorated = Vec::new();
    // The end of the outermost function or class seen so far: a definition
    // that starts after it is at module level.
    let mut outer_end = 0;
    let kinds = ["assignment", "function_definition", "class_definition", "call", "decorated_definition"];
    for node in nodes.of_kinds(&kinds) {
        match node.kind_name() {
            "assignment" => finder.app_assignment(node),
            "function_definition" => {
                if node.start_byte() >= outer_end
                    && let Some(name) = node.field("name")
                {
                    finder.functions.entry(text(name, source)).or_insert(node);
                }
                outer_end = outer_end.max(node.end_byte());
            }
            "decorated_definition" => decorated.push(node),
            "class_definition" => {
                outer_end = outer_end.max(node.end_byte());
                classes.push(node);
            }
            "call" => calls.push(node),
            _ => {}
        }
    }
    finder.classify_classes(&classes);
    for node in decorated {
        if let Some(function) = node.field("definition").filter(|d| d.kind_name() == "function_definition") {
            finder.decorated(node, function);
        }
    }
    for class in &classes {
        finder.class_methods(*class);
    }
    finder.local_includes(&calls);
    for call in calls {
        finder.registration(call);
    }
    finder.include_router_urls();
    let mut references = finder.references;
    references.sort_by(|a, b| (a.registration.start, &a.callee).cmp(&(b.registration.start, &b.callee)));
    references.dedup();
    (finish(finder.out), references)
}

/// Names people give application and router objects.
fn app_like(receiver: &str) -> bool {
    let last = receiver.rsplit('.').next().unwrap_or(receiver);
    matches!(last, "app" | "api" | "router" | "bp" | "blueprint" | "routes" | "application" | "server")
        || ["_bp", "_blueprint", "_router", "_app", "_api", "_routes"].iter().any(|s| last.ends_with(s))
}

/// The framework of an application/router constructor, from its qualified name.
fn constructor_framework(qualified: &str) -> Option<Framework> {
    let last = qualified.rsplit('.').next().unwrap_or(qualified);
    let module = qualified.split('.').next().unwrap_or("");
    match (module, last) {
        ("flask", "Flask" | "Blueprint") => Some(Framework::Flask),
        ("fastapi", "FastAPI" | "APIRouter") => Some(Framework::FastApi),
        ("starlette", "Starlette" | "Router") => Some(Framework::Starlette),
        ("aiohttp", "Application" | "RouteTableDef") => Some(Framework::Aiohttp),
        _ => None,
    }
}

impl<'t, 's> Finder<'t, 's> {
    fn app_assignment(&mut self, node: Node<'t>) {
        let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
            return;
        };
        if left.kind_name() == "identifier" && right.kind_name() == "list" {
            self.url_lists.push((text(left, self.source), right.byte_range()));
        }
        if left.kind_name() != "identifier" || right.kind_name() != "call" {
            return;
        }
        let Some(callee) = callee_name(right, self.source) else { return };
        if let Some(framework) = constructor_framework(&self.imports.qualify(&callee)) {
            let name = text(left, self.source).to_string();
            let keyword = if framework == Framework::Flask { "url_prefix" } else { "prefix" };
            if let Some(prefix) =
                keyword_argument(right, keyword, self.source).and_then(|v| string_value(v, self.source))
                && prefix.starts_with('/')
            {
                self.prefixes.insert(name.clone(), prefix.trim_end_matches('/').to_string());
            }
            self.apps.insert(name, framework);
        }
    }

    /// The prefixes under which Django `path()`/`re_path()` calls include
    /// lists of this file (`include(_api_urlpatterns)`, `include((
    /// _api_urlpatterns, app_name))`), each joined with the prefix of the
    /// list that holds the including call, if any (see `local_prefixes`).
    fn local_includes(&mut self, calls: &[Node<'_>]) {
        if self.url_lists.is_empty() || !self.imported.django {
            return;
        }
        let mut mounts = Vec::new();
        for &call in calls {
            let Some(name) = callee_name(call, self.source) else { continue };
            if !matches!(name.as_str(), "path" | "re_path" | "url") {
                continue;
            }
            let args = positional(call);
            let (Some(route), Some(view)) = (args.first().and_then(|a| string_value(*a, self.source)), args.get(1))
            else {
                continue;
            };
            if let Some(part) = included_local_list(*view, self.source).and_then(|l| self.url_list(l)) {
                mounts.push(LocalMount { part, prefix: route, at: call.start_byte() });
            }
        }
        self.list_prefixes = super::local_prefixes(&mounts, django_join);
    }

    /// The byte range of the module-level list of URL patterns `name`.
    fn url_list(&self, name: &str) -> Option<std::ops::Range<usize>> {
        self.url_lists.iter().find(|(n, _)| *n == name).map(|(_, range)| range.clone())
    }

    /// A Django route written inside one of this file's included lists,
    /// under that list's prefix.
    fn under_list_prefix(&self, call: Node<'_>, route: String) -> String {
        match super::prefix_at(&self.list_prefixes, call.start_byte()) {
            Some(prefix) => django_join(prefix, &route),
            None => route,
        }
    }

    /// `route` under the prefix of the router object `receiver`, if it has one.
    fn under_prefix(&self, receiver: &str, route: String) -> String {
        match self.prefixes.get(receiver) {
            Some(prefix) => join_route(prefix, &route),
            None => route,
        }
    }

    /// The framework of a decorator or registration receiver (`app`, `router`).
    fn receiver_framework(&self, receiver: &str) -> Option<Framework> {
        if let Some(framework) = self.apps.get(receiver) {
            return Some(*framework);
        }
        if !app_like(receiver) {
            return None;
        }
        let i = &self.imported;
        if i.fastapi {
            Some(Framework::FastApi)
        } else if i.flask {
            Some(Framework::Flask)
        } else if i.aiohttp {
            Some(Framework::Aiohttp)
        } else if i.starlette {
            Some(Framework::Starlette)
        } else {
            None
        }
    }

    fn push(&mut self, framework: Framework, methods: Vec<String>, route: Option<String>, function: Node<'_>) {
        let Some(name) = function.field("name") else { return };
        let mut label = text(name, self.source).to_string();
        if let Some(class) = crate::lang::ancestor_of_kind(function, &["class_definition"])
            && let Some(class_name) = class.field("name")
        {
            label = format!("{}.{label}", text(class_name, self.source));
        }
        self.out.push(Handler {
            framework,
            methods,
            route,
            name: label,
            function: function.byte_range(),
            name_range: name.byte_range(),
        });
    }

    /// Handlers declared by the decorators of `parent` (a decorated definition) on its `function`.
    fn decorated(&mut self, parent: Node<'t>, function: Node<'t>) {
        let decorators: Vec<Node<'_>> = parent.named_child_nodes().filter(|c| c.kind_name() == "decorator").collect();
        for decorator in decorators {
            let Some(expression) = decorator.named_child(0) else { continue };
            let (callee, call) = match expression.kind_name() {
                "call" => match expression.field("function") {
                    Some(f) => (f, Some(expression)),
                    None => continue,
                },
                _ => (expression, None),
            };
            let Some(name) = dotted_name(callee, self.source) else { continue };
            let qualified = self.imports.qualify(&name).into_owned();
            let last = name.rsplit('.').next().unwrap_or(&name);
            let args = call.map(positional).unwrap_or_default();
            // Django / DRF function views.
            if last == "api_view" && (qualified.starts_with("rest_framework") || self.imported.drf) {
                let methods = args.first().map(|l| string_list(*l, self.source)).unwrap_or_default();
                let methods = if methods.is_empty() { vec!["GET".to_string()] } else { methods };
                self.push(Framework::DjangoRest, methods, None, function);
                continue;
            }
            if qualified.starts_with("django.views.decorators.http.") || (self.imported.django && call.is_none()) {
                let methods = match last {
                    "require_http_methods" => args.first().map(|l| string_list(*l, self.source)).unwrap_or_default(),
                    "require_GET" => vec!["GET".into()],
                    "require_POST" => vec!["POST".into()],
                    "require_safe" => vec!["GET".into(), "HEAD".into()],
                    _ => continue,
                };
                if qualified.starts_with("django") {
                    self.push(Framework::Django, methods, None, function);
                }
                continue;
            }
            let Some(call) = call else { continue };
            if qualified.starts_with("flask_appbuilder.") && qualified.ends_with(".expose") {
                self.exposed(&qualified, call, &args, function);
                continue;
            }
            let Some((receiver, method)) = name.rsplit_once('.') else { continue };
            let Some(framework) = self.receiver_framework(receiver) else {
                // `@bp.route("/x")` in a module that imports the blueprint only.
                if method == "route" && app_like(receiver) && route_arg(&args, 0, self.source).is_some() {
                    let route = route_arg(&args, 0, self.source);
                    let methods = self.methods_keyword(call).unwrap_or_else(|| vec!["GET".into()]);
                    self.push(Framework::Flask, methods, route, function);
                }
                continue;
            };
            match method {
                "route" if framework == Framework::Aiohttp => {
                    let (Some(m), Some(route)) =
                        (args.first().and_then(|a| string_value(*a, self.source)), route_arg(&args, 1, self.source))
                    else {
                        continue;
                    };
                    self.push(framework, method_list(m), Some(route), function);
                }
                "route" | "api_route" => {
                    let Some(route) = route_arg(&args, 0, self.source) else { continue };
                    let default = if framework == Framework::Flask { vec!["GET".into()] } else { Vec::new() };
                    let methods = self.methods_keyword(call).unwrap_or(default);
                    self.push(framework, methods, Some(self.under_prefix(receiver, route)), function);
                }
                m if HTTP_METHODS.contains(&m) => {
                    let Some(route) = route_arg(&args, 0, self.source) else { continue };
                    let route = self.under_prefix(receiver, route);
                    self.push(framework, vec![m.to_ascii_uppercase()], Some(route), function);
                }
                "websocket" if framework == Framework::FastApi => {
                    let Some(route) = route_arg(&args, 0, self.source) else { continue };
                    self.push(framework, vec!["WEBSOCKET".into()], Some(self.under_prefix(receiver, route)), function);
                }
                _ => {}
            }
        }
    }

    /// A Flask-AppBuilder endpoint: `@expose("/<pk>", methods=("PUT",))` on
    /// a method of a view (`flask_appbuilder.expose`) or an API class
    /// (`flask_appbuilder.api.expose`), served under the class's route base:
    /// its `route_base`, else `/api/{version}/{resource_name}` for an API
    /// (`v1` and the class name by default) and `/{class name}` for a view,
    /// in lowercase. A route base inherited from a class of another file is
    /// not seen.
    fn exposed(&mut self, qualified: &str, call: Node<'_>, args: &[Node<'_>], function: Node<'_>) {
        let Some(class) = crate::lang::ancestor_of_kind(function, &["class_definition"]) else { return };
        let Some(class_name) = class.field("name").map(|n| text(n, self.source)) else { return };
        let url = match args.first() {
            Some(arg) => string_value(*arg, self.source),
            None => keyword_argument(call, "url", self.source).and_then(|v| string_value(v, self.source)),
        }
        .unwrap_or("/");
        let methods = match args.get(1) {
            Some(list) => string_list(*list, self.source),
            None => self.methods_keyword(call).unwrap_or_default(),
        };
        let methods = if methods.is_empty() { vec!["GET".to_string()] } else { methods };
        let attribute = |name: &str| class_attribute(class, name, self.source);
        let base = match attribute("route_base") {
            Some(base) => base.to_string(),
            None if qualified.starts_with("flask_appbuilder.api.") => format!(
                "/api/{}/{}",
                attribute("version").unwrap_or("v1"),
                attribute("resource_name").unwrap_or(class_name).to_lowercase()
            ),
            None => format!("/{}", class_name.to_lowercase()),
        };
        self.push(Framework::FlaskAppBuilder, methods, Some(join_route(&base, url)), function);
    }

    /// `methods=["GET", "POST"]`.
    fn methods_keyword(&self, call: Node<'_>) -> Option<Vec<String>> {
        let value = keyword_argument(call, "methods", self.source)?;
        Some(string_list(value, self.source))
    }

    /// Finds the same-file classes that are class-based views (directly, or
    /// through another same-file view class).
    fn classify_classes(&mut self, classes: &[Node<'t>]) {
        for _ in 0..4 {
            let before = self.views.len();
            for class in classes {
                let Some(name) = class.field("name") else { continue };
                let name = text(name, self.source);
                if self.views.contains_key(name) {
                    continue;
                }
                let Some(bases) = class.field("superclasses") else { continue };
                for base in bases.named_child_nodes() {
                    let Some(base) = dotted_name(base, self.source) else { continue };
                    if let Some(kind) = self.views.get(base.as_str()).copied() {
                        self.views.insert(name, kind);
                        break;
                    }
                    if let Some(kind) = self.view_base(&base) {
                        self.views.insert(name, kind);
                        break;
                    }
                }
            }
            if self.views.len() == before {
                break;
            }
        }
    }

    /// Whether an imported base class makes a class-based view:
    /// (framework, whether it is a DRF ViewSet).
    fn view_base(&self, base: &str) -> Option<(Framework, bool)> {
        let qualified = self.imports.qualify(base);
        let last = qualified.rsplit('.').next().unwrap_or(&qualified);
        let module = qualified.split('.').next().unwrap_or("");
        match module {
            "flask" if matches!(last, "MethodView" | "View") => Some((Framework::Flask, false)),
            "rest_framework" if last.ends_with("ViewSet") => Some((Framework::DjangoRest, true)),
            "rest_framework" if last.ends_with("APIView") => Some((Framework::DjangoRest, false)),
            "django" if last.ends_with("View") => Some((Framework::Django, false)),
            "starlette" | "fastapi" if last == "HTTPEndpoint" => Some((Framework::Starlette, false)),
            "aiohttp" if last == "View" => Some((Framework::Aiohttp, false)),
            _ => None,
        }
    }

    fn class_methods(&mut self, class: Node<'t>) {
        let Some(name) = class.field("name") else { return };
        let Some((framework, viewset)) = self.views.get(text(name, self.source)).copied() else { return };
        let Some(body) = class.field("body") else { return };
        let members: Vec<Node<'_>> = body.named_child_nodes().collect();
        for member in members {
            let function = match member.kind_name() {
                "function_definition" => member,
                "decorated_definition" => match member.field("definition") {
                    Some(d) if d.kind_name() == "function_definition" => d,
                    _ => continue,
                },
                _ => continue,
            };
            let Some(method) = function.field("name") else { continue };
            let method = text(method, self.source);
            let methods: Vec<String> = if HTTP_METHODS.contains(&method) {
                vec![method.to_ascii_uppercase()]
            } else if viewset {
                match method {
                    "list" | "retrieve" => vec!["GET".into()],
                    "create" => vec!["POST".into()],
                    "update" => vec!["PUT".into()],
                    "partial_update" => vec!["PATCH".into()],
                    "destroy" => vec!["DELETE".into()],
                    _ => match self.action_methods(member) {
                        Some(methods) => methods,
                        None => continue,
                    },
                }
            } else {
                continue;
            };
            self.push(framework, methods, None, function);
        }
    }

    /// The methods of a DRF `@action(methods=[...])` method.
    fn action_methods(&self, decorated: Node<'_>) -> Option<Vec<String>> {
        if decorated.kind_name() != "decorated_definition" {
            return None;
        }
        let decorators: Vec<Node<'_>> =
            decorated.named_child_nodes().filter(|c| c.kind_name() == "decorator").collect();
        for decorator in decorators {
            let expression = decorator.named_child(0)?;
            let call = if expression.kind_name() == "call" { Some(expression) } else { None };
            let callee = call.and_then(|c| c.field("function")).unwrap_or(expression);
            let name = dotted_name(callee, self.source)?;
            if name.rsplit('.').next() == Some("action") {
                let methods = call.and_then(|c| self.methods_keyword(c)).unwrap_or_default();
                return Some(if methods.is_empty() { vec!["GET".into()] } else { methods });
            }
        }
        None
    }

    /// Registration calls: Django `path()`, Flask `add_url_rule`, FastAPI
    /// `add_api_route`, Starlette `Route`, aiohttp `web.get` / `add_get`.
    fn registration(&mut self, call: Node<'_>) {
        let Some(name) = callee_name(call, self.source) else { return };
        let last = name.rsplit('.').next().unwrap_or(&name);
        // Only the names of the arms below register, but for aiohttp's
        // (the calls of most files are turned away before qualifying them).
        const REGISTERING: &[&str] = &[
            "path",
            "re_path",
            "url",
            "add_url_rule",
            "register_blueprint",
            "include_router",
            "register",
            "add_api_route",
            "Route",
            "APIRoute",
        ];
        if !REGISTERING.contains(&last) && !self.imported.aiohttp && !name.starts_with("aiohttp.") {
            return;
        }
        let qualified = self.imports.qualify(&name);
        // Most calls register nothing: their arguments are listed only
        // for an arm that reads them.
        let args = std::cell::LazyCell::new(|| positional(call));
        let i = &self.imported;
        match last {
            "path" | "re_path" | "url" if qualified.starts_with("django.") || (i.django && !name.contains('.')) => {
                let Some(route) = args.first().and_then(|a| string_value(*a, self.source)) else { return };
                let route = self.under_list_prefix(call, route.to_string());
                let Some(view) = args.get(1).copied() else { return };
                // `include(_api_urlpatterns)`: a list of this file, whose
                // routes already carry the prefix.
                if included_local_list(view, self.source)
                    .and_then(|l| self.url_list(l))
                    .is_some_and(|part| self.list_prefixes.iter().any(|(p, _)| *p == part))
                {
                    return;
                }
                if matches!(view.kind_name(), "identifier" | "attribute") {
                    self.push_reference(Framework::Django, Vec::new(), Some(route), view);
                } else if let Some(included) = included_urls(view, self.source) {
                    // `path("shop/", include("shop.urls"))`: the module's patterns
                    // are served under this prefix (resolved in the project join).
                    // A regex prefix's `^` anchors nothing once joined
                    // (`re_path(r"^", include(..))` adds no prefix at all).
                    self.references.push(Reference {
                        framework: Framework::Django,
                        methods: Vec::new(),
                        route: Some(route.strip_prefix('^').unwrap_or(&route).to_string()),
                        callee: included,
                        registration: call.byte_range(),
                        kind: ReferenceKind::Mount,
                    });
                } else if let Some(class) = as_view_class(view, self.source) {
                    // Give the class-based view's handlers the route: those of
                    // this file, or, for a class of another module
                    // (`views.OrderDetail`), in the project join.
                    let mut found = false;
                    for handler in &mut self.out {
                        if handler.route.is_none() && handler.name.split('.').next() == Some(class.as_str()) {
                            handler.route = Some(route.clone());
                            found = true;
                        }
                    }
                    if !found {
                        self.references.push(Reference {
                            framework: Framework::Django,
                            methods: Vec::new(),
                            route: Some(route),
                            callee: class,
                            registration: call.byte_range(),
                            kind: ReferenceKind::ClassView,
                        });
                    }
                }
            }
            "add_url_rule" if self.receiver_framework(name.rsplit_once('.').map_or("", |r| r.0)).is_some() => {
                let route = route_arg(&args, 0, self.source);
                let view = keyword_argument(call, "view_func", self.source).or_else(|| args.get(2).copied());
                let methods = self.methods_keyword(call).unwrap_or_else(|| vec!["GET".into()]);
                if let Some(view) = view {
                    self.push_reference(Framework::Flask, methods, route, view);
                }
            }
            // `app.register_blueprint(bp, url_prefix="/api")`,
            // `app.include_router(users.router, prefix="/users")`: the router's
            // routes are served under the prefix (resolved in the project join).
            "register_blueprint" | "include_router"
                if self.receiver_framework(name.rsplit_once('.').map_or("", |r| r.0)).is_some() =>
            {
                let (framework, keyword) = if last == "register_blueprint" {
                    (Framework::Flask, "url_prefix")
                } else {
                    (Framework::FastApi, "prefix")
                };
                let prefix = keyword_argument(call, keyword, self.source).and_then(|v| string_value(v, self.source));
                let router = args.first().and_then(|a| dotted_name(*a, self.source));
                if let (Some(prefix), Some(router)) = (prefix, router)
                    && prefix.starts_with('/')
                {
                    self.references.push(Reference {
                        framework,
                        methods: Vec::new(),
                        route: Some(prefix.to_string()),
                        callee: router,
                        registration: call.byte_range(),
                        kind: ReferenceKind::Mount,
                    });
                }
            }
            // DRF `router.register("items", views.ItemViewSet)`: the viewset's
            // actions are served under the prefix (resolved in the project join).
            "register" if i.drf && name.contains('.') => {
                let (Some(prefix), Some(viewset)) =
                    (args.first().and_then(|a| string_value(*a, self.source)), args.get(1).copied())
                else {
                    return;
                };
                if !matches!(viewset.kind_name(), "identifier" | "attribute") {
                    return;
                }
                let Some(viewset) = dotted_name(viewset, self.source) else { return };
                let router = name.rsplit_once('.').map_or("", |r| r.0).to_string();
                self.viewset_routers.push((router, self.references.len()));
                self.references.push(Reference {
                    framework: Framework::DjangoRest,
                    methods: Vec::new(),
                    route: Some(prefix.trim_matches('/').to_string()),
                    callee: viewset,
                    registration: call.byte_range(),
                    kind: ReferenceKind::ViewSet,
                });
            }
            "add_api_route" if self.receiver_framework(name.rsplit_once('.').map_or("", |r| r.0)).is_some() => {
                let route = route_arg(&args, 0, self.source);
                let view = keyword_argument(call, "endpoint", self.source).or_else(|| args.get(1).copied());
                let methods = self.methods_keyword(call).unwrap_or_else(|| vec!["GET".into()]);
                if let Some(view) = view {
                    self.push_reference(Framework::FastApi, methods, route, view);
                }
            }
            "Route" | "APIRoute" if qualified.starts_with("starlette.") || qualified.starts_with("fastapi.") => {
                let route = route_arg(&args, 0, self.source);
                let view = keyword_argument(call, "endpoint", self.source).or_else(|| args.get(1).copied());
                let methods = self.methods_keyword(call).unwrap_or_default();
                let framework =
                    if qualified.starts_with("fastapi.") { Framework::FastApi } else { Framework::Starlette };
                if let Some(view) = view {
                    self.push_reference(framework, methods, route, view);
                }
            }
            _ if qualified.starts_with("aiohttp.web.") && !qualified["aiohttp.web.".len()..].contains('.') => {
                let (methods, route, view) = match last {
                    "route" => (
                        args.first().and_then(|a| string_value(*a, self.source)).map(method_list),
                        route_arg(&args, 1, self.source),
                        args.get(2),
                    ),
                    m if HTTP_METHODS.contains(&m) => {
                        (Some(vec![m.to_ascii_uppercase()]), route_arg(&args, 0, self.source), args.get(1))
                    }
                    _ => return,
                };
                if let (Some(methods), Some(view)) = (methods, view) {
                    self.push_reference(Framework::Aiohttp, methods, route, *view);
                }
            }
            _ if i.aiohttp && name.ends_with(&format!("router.{last}")) && last.starts_with("add_") => {
                let verb = &last["add_".len()..];
                let (methods, route, view) = if verb == "route" {
                    (
                        args.first().and_then(|a| string_value(*a, self.source)).map(method_list),
                        route_arg(&args, 1, self.source),
                        args.get(2),
                    )
                } else if HTTP_METHODS.contains(&verb) {
                    (Some(vec![verb.to_ascii_uppercase()]), route_arg(&args, 0, self.source), args.get(1))
                } else {
                    return;
                };
                if let (Some(methods), Some(view)) = (methods, view) {
                    self.push_reference(Framework::Aiohttp, methods, route, *view);
                }
            }
            _ => {}
        }
    }

    /// `path("api/", include(router.urls))` with a DRF router of this file:
    /// its registrations are served under the prefix (the include names no
    /// module, so it is not kept as a mount).
    fn include_router_urls(&mut self) {
        let mut mounted = Vec::new();
        for (i, reference) in self.references.iter().enumerate() {
            let Some(router) = reference.callee.strip_prefix("module:").and_then(|m| m.strip_suffix(".urls")) else {
                continue;
            };
            if reference.kind == ReferenceKind::Mount && self.viewset_routers.iter().any(|(r, _)| r == router) {
                mounted.push((i, router.to_string(), reference.route.clone().unwrap_or_default()));
            }
        }
        for (_, router, prefix) in &mounted {
            for (r, index) in &self.viewset_routers {
                if r == router
                    && let Some(route) = &mut self.references[*index].route
                {
                    *route = join_route(prefix.trim_end_matches('/'), route).trim_start_matches('/').to_string();
                }
            }
        }
        let dropped: Vec<usize> = mounted.iter().map(|(i, _, _)| *i).collect();
        self.references = std::mem::take(&mut self.references)
            .into_iter()
            .enumerate()
            .filter_map(|(i, reference)| (!dropped.contains(&i)).then_some(reference))
            .collect();
    }

    /// A handler given by name: recorded when it names a module-level
    /// function of this file, kept as a [`Reference`] when it names one of
    /// another module (`views.orders`, an imported `orders`).
    fn push_reference(&mut self, framework: Framework, methods: Vec<String>, route: Option<String>, view: Node<'_>) {
        let local = (view.kind_name() == "identifier").then(|| self.functions.get(text(view, self.source)).copied());
        match local {
            Some(Some(function)) => self.push(framework, methods, route, function),
            _ if matches!(view.kind_name(), "identifier" | "attribute") => {
                let Some(callee) = dotted_name(view, self.source) else { return };
                self.references.push(Reference::to_handler(framework, methods, route, callee, view));
            }
            _ => {}
        }
    }
}

/// The URL module an `include(..)` names: `module:shop.urls` for a dotted
/// string, or the name bound to an imported module (`include(shop_urls)`).
fn included_urls(node: Node<'_>, source: &str) -> Option<String> {
    if node.kind_name() != "call" || callee_name(node, source)?.rsplit('.').next() != Some("include") {
        return None;
    }
    let mut argument = positional(node).into_iter().next()?;
    // `include(("shop.urls", "shop"))`: a (module, app namespace) pair.
    if argument.kind_name() == "tuple" {
        argument = argument.named_child(0)?;
    }
    match argument.kind_name() {
        "string" => string_value(argument, source).map(|m| format!("module:{m}")),
        "identifier" => dotted_name(argument, source),
        // `include(pretix.control.urls)`: a module by its dotted name.
        "attribute" => dotted_name(argument, source).map(|m| format!("module:{m}")),
        _ => None,
    }
}

/// The name of the list an `include(..)` takes, when it takes a name
/// (`include(patterns)`, `include((patterns, "app"))`).
fn included_local_list<'a>(node: Node<'_>, source: &'a str) -> Option<&'a str> {
    if node.kind_name() != "call" || callee_name(node, source)?.rsplit('.').next() != Some("include") {
        return None;
    }
    let mut argument = positional(node).into_iter().next()?;
    if argument.kind_name() == "tuple" {
        argument = argument.named_child(0)?;
    }
    (argument.kind_name() == "identifier").then(|| text(argument, source))
}

/// A Django route after a prefix: `path()` routes concatenate as written
/// (`"api/projects/"` + `"<int:pk>/"`); a regex route's own `^` anchor is
/// dropped after a prefix.
fn django_join(prefix: &str, route: &str) -> String {
    if prefix.is_empty() {
        return route.to_string();
    }
    format!("{prefix}{}", route.strip_prefix('^').unwrap_or(route))
}

/// `SomeView.as_view(...)` / `views.SomeView.as_view(...)`: the class as
/// written.
fn as_view_class(node: Node<'_>, source: &str) -> Option<String> {
    if node.kind_name() != "call" {
        return None;
    }
    let function = node.field("function")?;
    if function.kind_name() != "attribute" || text(function.field("attribute")?, source) != "as_view" {
        return None;
    }
    dotted_name(function.field("object")?, source)
}

/// The positional arguments of a call.
fn positional(call: Node<'_>) -> Vec<Node<'_>> {
    let Some(arguments) = call.field("arguments") else { return Vec::new() };
    arguments
        .named_child_nodes()
        .filter(|a| !matches!(a.kind_name(), "keyword_argument" | "comment" | "list_splat" | "dictionary_splat"))
        .collect()
}

/// The string a class body assigns to `name` (`route_base = "/charts"`).
fn class_attribute<'s>(class: Node<'_>, name: &str, source: &'s str) -> Option<&'s str> {
    let body = class.field("body")?;
    body.named_child_nodes().filter(|s| s.kind_name() == "expression_statement").find_map(|statement| {
        let assignment = statement.named_child(0).filter(|a| a.kind_name() == "assignment")?;
        let left = assignment.field("left").filter(|l| l.kind_name() == "identifier")?;
        (text(left, source) == name).then(|| string_value(assignment.field("right")?, source)).flatten()
    })
}

/// Argument `index` when it is a route string (`/...` or empty for a router
/// prefix).
fn route_arg(args: &[Node<'_>], index: usize, source: &str) -> Option<String> {
    let value = string_value(*args.get(index)?, source)?;
    (value.is_empty() || value.starts_with('/')).then(|| value.to_string())
}

/// The upper-cased strings of a list or tuple literal.
fn string_list(node: Node<'_>, source: &str) -> Vec<String> {
    match node.kind_name() {
        "list" | "tuple" | "set" => {
            node.named_child_nodes().filter_map(|c| string_value(c, source)).map(str::to_ascii_uppercase).collect()
        }
        "string" => string_value(node, source).map(|s| vec![s.to_ascii_uppercase()]).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// aiohttp's method argument: `"GET"`, or `"*"` for any.
fn method_list(method: &str) -> Vec<String> {
    if method == "*" { Vec::new() } else { vec![method.to_ascii_uppercase()] }
}

#[cfg(test)]
mod tests {
    use crate::lang::Language;
    use crate::lang::handlers::tests::handlers_of;

    #[test]
    fn files_that_may_define_handlers() {
        for source in [
            "from django.views import View\nclass A(View): pass",
            "from django.urls import path\nurlpatterns = [path ('a/', v)]",
            "from django.urls import re_path\nurlpatterns = [re_path(r'^a', v)]",
            "from flask import Flask\n@app .route('/')\ndef f(): pass",
            "from fastapi import APIRouter\n@router.get(\"/x\")\nasync def f(): pass",
            "from fastapi import FastAPI\napp.include_router(r)",
            "from starlette.routing import Route\nroutes = [Route('/', f)]",
            "from rest_framework import routers\nrouter.register(r'users', V)",
            "from django.conf.urls import url\nurlpatterns = [url(r'^a', v)]",
            "from aiohttp import web",
        ] {
            assert!(super::may_define(source), "{source}");
        }
        for source in [
            "import os\n@app.task('/')\ndef f(): pass",
            "from django.db import models\nclass A(models.Model): pass",
            "from django.utils import timezone\nx = os.path.join(a, b)\n@property\ndef f(self): pass",
        ] {
            assert!(!super::may_define(source), "{source}");
        }
    }

    fn py(source: &str) -> Vec<String> {
        handlers_of(Language::Python, "app.py", source)
    }

    #[test]
    fn flask_routes_and_look_alikes() {
        let source = "from flask import Flask, Blueprint\napp = Flask(__name__)\nbp = Blueprint('b', __name__)\n\n@app.route('/users', methods=['GET', 'POST'])\ndef users():\n    pass\n\n@bp.get('/items/<id>')\ndef item(id):\n    pass\n\n@cache.get('key')\ndef get():\n    pass\n\ndef plain():\n    pass\napp.add_url_rule('/plain', view_func=plain)\n";
        assert_eq!(
            py(source),
            vec!["flask GET,POST /users users", "flask GET /items/<id> item", "flask GET /plain plain"]
        );
    }

    #[test]
    fn flask_appbuilder_views_and_apis() {
        let source = "from flask_appbuilder import BaseView, expose\nfrom flask_appbuilder.api import BaseApi, expose as api_expose, protect\n\nclass Reports(BaseView):\n    @expose('/list/')\n    def list(self):\n        pass\n\nclass Saved(BaseView):\n    route_base = '/saved'\n    @expose('/<pk>', methods=['GET', 'POST'])\n    def edit(self, pk):\n        pass\n\nclass ChartRestApi(BaseApi):\n    resource_name = 'chart'\n    @api_expose('/<pk>', methods=('PUT',))\n    @protect()\n    def put(self, pk):\n        pass\n    @api_expose()\n    def info(self):\n        pass\n    def helper(self):\n        pass\n\nclass MenuApi(BaseApi):\n    version = 'v2'\n    @api_expose('/')\n    def get(self):\n        pass\n\n@expose('/loose')\ndef loose():\n    pass\n";
        assert_eq!(
            py(source),
            vec![
                "flask-appbuilder GET /reports/list/ Reports.list",
                "flask-appbuilder GET,POST /saved/<pk> Saved.edit",
                "flask-appbuilder PUT /api/v1/chart/<pk> ChartRestApi.put",
                "flask-appbuilder GET /api/v1/chart ChartRestApi.info",
                "flask-appbuilder GET /api/v2/menuapi MenuApi.get",
            ]
        );
        // `expose` of another library is not a route.
        let source = "from flask import Flask\nfrom metrics import expose\n\nclass Gauge:\n    @expose('/x')\n    def read(self):\n        pass\n";
        assert!(py(source).is_empty());
    }

    #[test]
    fn fastapi_django_drf_aiohttp() {
        let source =
            "from fastapi import APIRouter\nrouter = APIRouter()\n@router.post('')\nasync def create():\n    pass\n";
        assert_eq!(py(source), vec!["fastapi POST / create"]);
        let source = "from django.urls import path\nfrom django.views import View\nfrom rest_framework import viewsets\nfrom rest_framework.decorators import api_view\n\ndef index(request):\n    pass\n\nclass Home(View):\n    def get(self, request):\n        pass\n    def helper(self):\n        pass\n\nclass Users(viewsets.ModelViewSet):\n    def list(self, request):\n        pass\n\n@api_view(['POST'])\ndef hook(request):\n    pass\n\nurlpatterns = [path('', index), path('home/', Home.as_view())]\n";
        assert_eq!(
            py(source),
            vec![
                "django ANY / index",
                "django GET home/ Home.get",
                "django-rest-framework GET ? Users.list",
                "django-rest-framework POST ? hook"
            ]
        );
        let source = "from aiohttp import web\nroutes = web.RouteTableDef()\n@routes.get('/a')\nasync def a(request):\n    pass\nasync def b(request):\n    pass\napp = web.Application()\napp.add_routes([web.post('/b', b)])\n";
        assert_eq!(py(source), vec!["aiohttp GET /a a", "aiohttp POST /b b"]);
    }
}
