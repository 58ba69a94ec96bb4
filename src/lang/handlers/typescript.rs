//! TypeScript/JavaScript route handlers: Express, Koa router, Hono, Fastify
//! (`app.get(path, ...handlers)`, `app.route(path).get(...)`,
//! `fastify.route({ handler })`), NestJS controllers and Next.js route files.

use crate::lang::NodeExt;
use std::cell::RefCell;
use std::collections::HashMap;

use tree_sitter::Node;

use super::{Framework, HTTP_METHODS, Handler, Reference, ReferenceKind, finish, is_function};
use crate::lang::typescript::{Imports, callee_name, dotted_name, object_property, string_value};
use crate::lang::{NodeIndex, descendants, text};

pub fn find<'t>(nodes: &NodeIndex<'t>, root: Node<'t>, source: &str, path: &str, imports: &Imports) -> Vec<Handler> {
    find_with_references(nodes, root, source, path, imports).0
}

/// The file's handlers, and the routes it registers with handlers defined
/// elsewhere (see [`Reference`]).
pub fn find_with_references<'t>(
    nodes: &NodeIndex<'t>,
    root: Node<'t>,
    source: &str,
    path: &str,
    imports: &Imports,
) -> (Vec<Handler>, Vec<Reference>) {
    let mut out = Vec::new();
    next_js(root, source, path, &mut out);
    let mut functions: HashMap<&str, Node<'_>> = HashMap::new();
    let mut apps: HashMap<&str, Framework> = HashMap::new();
    let mut calls = Vec::new();
    let mut classes = Vec::new();
    let kinds = ["function_declaration", "variable_declarator", "call_expression", "class_declaration", "class"];
    for node in nodes.of_kinds(&kinds) {
        match node.kind_name() {
            "function_declaration" => {
                if let Some(name) = node.field("name") {
                    functions.entry(text(name, source)).or_insert(node);
                }
            }
            "variable_declarator" => {
                let Some((name, value)) = crate::lang::typescript::named_declarator(node, source) else {
                    continue;
                };
                if is_function(value) {
                    functions.entry(name).or_insert(value);
                } else if let Some(framework) = constructed_app(value, source, imports) {
                    apps.insert(name, framework);
                }
            }
            "call_expression" => calls.push(node),
            "class_declaration" | "class" => classes.push(node),
            _ => {}
        }
    }
    let imported = imported_framework(imports);
    let finder = Finder { source, functions, apps, imported, references: RefCell::new(Vec::new()) };
    for call in calls {
        finder.route_call(call, &mut out);
    }
    for class in classes {
        nest_controller(class, source, &mut out);
    }
    let mut references = finder.references.into_inner();
    references.sort_by(|a, b| (a.registration.start, &a.callee).cmp(&(b.registration.start, &b.callee)));
    references.dedup();
    (finish(out), references)
}

/// The framework an application/router constructor call belongs to:
/// `express()`, `express.Router()`, `new Router()` (Koa), `new Hono()`, `Fastify()`.
fn constructed_app(value: Node<'_>, source: &str, imports: &Imports) -> Option<Framework> {
    let value = if value.kind_name() == "await_expression" { value.named_child(0)? } else { value };
    if !matches!(value.kind_name(), "call_expression" | "new_expression") {
        return None;
    }
    // `require('express').Router()`: the module required inline.
    if let Some(function) = value.field("function").filter(|f| f.kind_name() == "member_expression")
        && let Some(module) = function.field("object").and_then(|o| crate::lang::typescript::require_source(o, source))
    {
        return framework_of_module(module);
    }
    let qualified = imports.qualify(&callee_name(value, source)?);
    framework_of_module(&qualified)
}

fn framework_of_module(qualified: &str) -> Option<Framework> {
    let module = qualified.split('.').next().unwrap_or("");
    match module {
        "express" => Some(Framework::Express),
        "koa-router" | "@koa/router" => Some(Framework::Koa),
        "hono" => Some(Framework::Hono),
        "fastify" => Some(Framework::Fastify),
        _ => None,
    }
}

/// The routing framework the file imports, if exactly one is likely.
fn imported_framework(imports: &Imports) -> Option<Framework> {
    for (module, framework) in [
        ("express", Framework::Express),
        ("@koa/router", Framework::Koa),
        ("koa-router", Framework::Koa),
        ("koa", Framework::Koa),
        ("hono", Framework::Hono),
        ("fastify", Framework::Fastify),
    ] {
        if imports.imports_module(module) {
            return Some(framework);
        }
    }
    None
}

struct Finder<'t, 's> {
    source: &'s str,
    functions: HashMap<&'s str, Node<'t>>,
    apps: HashMap<&'s str, Framework>,
    imported: Option<Framework>,
    /// Registrations whose handler is defined in another module.
    references: RefCell<Vec<Reference>>,
}

/// `get`, `post`, ..., `all`, and Koa's `del`.
fn route_method(name: &str) -> Option<Vec<String>> {
    match name {
        "all" => Some(Vec::new()),
        "del" => Some(vec!["DELETE".into()]),
        m if HTTP_METHODS.contains(&m) => Some(vec![m.to_ascii_uppercase()]),
        _ => None,
    }
}

impl<'t, 's> Finder<'t, 's> {
    fn route_call(&self, call: Node<'t>, out: &mut Vec<Handler>) {
        let Some(function) = call.field("function") else { return };
        if function.kind_name() != "member_expression" {
            return;
        }
        let (Some(object), Some(property)) = (function.field("object"), function.field("property")) else {
            return;
        };
        let method = text(property, self.source);
        // Most member calls are not routing: the method name decides before
        // the arguments are gathered.
        if !matches!(method, "setGlobalPrefix" | "route" | "on" | "use") && route_method(method).is_none() {
            return;
        }
        let args = arguments(call);
        // NestJS `app.setGlobalPrefix("api")`: every controller's routes are
        // served under the prefix (applied in the project join).
        if method == "setGlobalPrefix" {
            if let Some(prefix) = args.first().and_then(|a| string_value(*a, self.source)) {
                let prefix = format!("/{}", prefix.trim_matches('/'));
                self.references.borrow_mut().push(Reference {
                    framework: Framework::NestJs,
                    methods: Vec::new(),
                    route: Some(if prefix == "/" { String::new() } else { prefix }),
                    callee: String::new(),
                    registration: call.byte_range(),
                    kind: ReferenceKind::GlobalPrefix,
                });
            }
            return;
        }
        if object.kind_name() == "this" {
            self.controller_route(call, method, &args, out);
            return;
        }
        if method == "route" && args.len() == 1 && args[0].kind_name() == "object" {
            self.fastify_route(object, args[0], out);
            return;
        }
        if method == "on" && args.len() >= 3 {
            // Hono: app.on('GET', '/path', handler)
            let methods: Vec<String> = match args[0].kind_name() {
                "array" => args[0]
                    .named_child_nodes()
                    .filter_map(|m| string_value(m, self.source))
                    .map(str::to_ascii_uppercase)
                    .collect(),
                _ => match string_value(args[0], self.source) {
                    Some(m) => vec![m.to_ascii_uppercase()],
                    None => return,
                },
            };
            let Some(route) = route_string(args[1], self.source) else { return };
            if let Some(framework) = self.receiver_framework(object, args.last().copied()) {
                self.push_handler(framework, methods, Some(route), *args.last().unwrap_or(&args[1]), out);
            }
            return;
        }
        // `app.use("/api", apiRouter)` / `router.use("/v1", require("./v1"))`: a
        // router mounted under a prefix, resolved in the project join.
        if method == "use"
            && args.len() >= 2
            && let Some(prefix) = route_string(args[0], self.source).filter(|p| p != "*")
            && let Some(framework) = self.receiver_framework(object, None)
        {
            let router = args[args.len() - 1];
            let target = match router.kind_name() {
                "identifier" if !self.functions.contains_key(text(router, self.source)) => {
                    Some(text(router, self.source).to_string())
                }
                "call_expression" => {
                    crate::lang::typescript::require_source(router, self.source).map(|s| format!("require:{s}"))
                }
                _ => None,
            };
            if let Some(callee) = target {
                self.references.borrow_mut().push(Reference {
                    framework,
                    methods: Vec::new(),
                    route: Some(prefix),
                    callee,
                    registration: call.byte_range(),
                    kind: ReferenceKind::Mount,
                });
            }
            return;
        }
        let Some(methods) = route_method(method) else { return };
        let Some(handler) = args.last().copied() else { return };
        let route = match args.first().and_then(|a| route_string(*a, self.source)) {
            Some(route) if args.len() >= 2 => route,
            Some(_) => return,
            None => {
                // app.route('/book').get(h).post(h2)
                let Some(route) = chained_route(object, self.source) else { return };
                route
            }
        };
        let Some(framework) = self.receiver_framework(object, Some(handler)) else { return };
        self.push_handler(framework, methods, Some(route), handler, out);
    }

    /// The framework of a routing receiver (`app`, `router`, `fastify`,
    /// `app.route('/x')`), or `None` when the call is something else.
    fn receiver_framework(&self, object: Node<'_>, handler: Option<Node<'_>>) -> Option<Framework> {
        let mut root = object;
        while root.kind_name() == "call_expression" {
            let function = root.field("function")?;
            if function.kind_name() != "member_expression" {
                break;
            }
            root = function.field("object")?;
        }
        let name = dotted_name(root, self.source).unwrap_or_default();
        if let Some(framework) = self.apps.get(name.as_str()) {
            return Some(*framework);
        }
        if name == "fastify" {
            return Some(Framework::Fastify);
        }
        let handler = handler.and_then(|h| self.resolve(h));
        let parameters = handler.map(|h| parameter_names(h, self.source)).unwrap_or_default();
        let params: Vec<&str> = parameters.iter().map(String::as_str).collect();
        match self.imported {
            Some(framework) => {
                let last = name.rsplit('.').next().unwrap_or(&name);
                let routing_name = matches!(
                    last,
                    "app" | "router" | "api" | "server" | "routes" | "route" | "instance" | "r" | "fastify"
                ) || last.ends_with("Router")
                    || last.ends_with("App")
                    || last.ends_with("Routes");
                (routing_name || handler.is_some_and(|_| request_parameters(&params))).then_some(framework)
            }
            // No routing import: the handler's parameters must say so.
            None => match params.as_slice() {
                ["request", "reply", ..] | ["req", "reply", ..] => Some(Framework::Fastify),
                p if request_parameters(p) => Some(Framework::Express),
                _ => None,
            },
        }
    }

    /// The function node a handler argument stands for: the inline function,
    /// or the same-file function it names.
    fn resolve(&self, handler: Node<'t>) -> Option<Node<'t>> {
        match handler.kind_name() {
            "identifier" => self.functions.get(text(handler, self.source)).copied(),
            _ if is_function(handler) => Some(handler),
            _ => None,
        }
    }

    fn push_handler(
        &self,
        framework: Framework,
        methods: Vec<String>,
        route: Option<String>,
        handler: Node<'t>,
        out: &mut Vec<Handler>,
    ) {
        match self.resolve(handler) {
            Some(function) => push(framework, methods, route, function, self.source, out),
            None => {
                if let Some(callee) = self.named_elsewhere(handler) {
                    let reference = Reference::to_handler(framework, methods, route, callee, handler);
                    self.references.borrow_mut().push(reference);
                }
            }
        }
    }

    /// A handler argument that names a function of another module: a
    /// member of an imported module object (`ctrl.login`), a name the file
    /// does not define (an imported `login`), or a factory call (`login()`,
    /// `ctrl.login()`) whose result serves the route.
    fn named_elsewhere(&self, handler: Node<'_>) -> Option<String> {
        // A factory call is kept as `login()`: the function it returns serves the route.
        let (named, call) = match handler.kind_name() {
            "call_expression" => (handler.field("function")?, "()"),
            _ => (handler, ""),
        };
        let name = match named.kind_name() {
            "identifier" if !self.functions.contains_key(text(named, self.source)) => {
                Some(text(named, self.source).to_string())
            }
            "member_expression" => dotted_name(named, self.source).filter(|n| !n.starts_with("this.")),
            _ => None,
        }?;
        Some(format!("{name}{call}"))
    }

    /// A controller class that registers its own methods on the router it
    /// wraps: `this.route({ method: 'get', path: '/x', handler: this.list })`
    /// or `this.get('/x', this.list)` in its constructor. The handler is the
    /// method of the same class, and it must take a request and a response.
    fn controller_route(&self, call: Node<'t>, method: &str, args: &[Node<'t>], out: &mut Vec<Handler>) {
        // The options object names its route and handler; a path built at
        // run time (`mode === 'global' ? '' : '/:id'`) leaves the route unknown.
        let (methods, route, handler) = match (method, args) {
            ("route", [options, ..]) if options.kind_name() == "object" => {
                let methods = object_property(*options, "method", self.source)
                    .and_then(|m| string_value(m, self.source))
                    .and_then(|m| route_method(&m.to_ascii_lowercase()));
                let route = object_property(*options, "path", self.source).and_then(|p| self.controller_path(p));
                (methods, Some(route), object_property(*options, "handler", self.source))
            }
            // Most `this.x(a, b)` calls are not routes: the method name decides
            // before the path is resolved.
            (m, [path, handler, ..]) => match route_method(m) {
                Some(methods) => (Some(methods), self.controller_path(*path).map(Some), Some(*handler)),
                None => return,
            },
            _ => return,
        };
        let (Some(methods), Some(route), Some(handler)) = (methods, route, handler) else { return };
        let Some(function) = self.own_method(call, handler) else { return };
        let parameters = parameter_names(function, self.source);
        let params: Vec<&str> = parameters.iter().map(String::as_str).collect();
        // `(req, res)`, or `(_, res)` when the request is not read.
        let takes_response = matches!(params.get(1), Some(&("res" | "response" | "reply")));
        if request_parameters(&params) || takes_response {
            push(self.imported.unwrap_or(Framework::Express), methods, route, function, self.source, out);
        }
    }

    /// A controller's route: a path, or `''` for the root of where the
    /// controller is mounted.
    fn controller_path(&self, node: Node<'_>) -> Option<String> {
        let path = constant_text(node, self.source, 0)?;
        match path.as_str() {
            "" => Some("/".to_string()),
            p if p.starts_with('/') => Some(path),
            _ => None,
        }
    }

    /// The method `this.name` (or `this.name.bind(this)`) names, defined in
    /// the class around `call`.
    fn own_method(&self, call: Node<'t>, handler: Node<'t>) -> Option<Node<'t>> {
        let mut member = handler;
        if member.kind_name() == "call_expression" {
            let function = member.field("function").filter(|f| f.kind_name() == "member_expression")?;
            if text(function.field("property")?, self.source) != "bind" {
                return None;
            }
            member = function.field("object")?;
        }
        if member.kind_name() != "member_expression" || member.field("object")?.kind_name() != "this" {
            return None;
        }
        let name = text(member.field("property")?, self.source);
        let class = crate::lang::ancestor_of_kind(call, &["class_declaration", "class"])?;
        let body = class.field("body")?;
        body.named_child_nodes().find(|m| {
            m.kind_name() == "method_definition" && m.field("name").is_some_and(|n| text(n, self.source) == name)
        })
    }

    /// Fastify's `fastify.route({ method, url, handler })`.
    fn fastify_route(&self, object: Node<'_>, options: Node<'t>, out: &mut Vec<Handler>) {
        let name = dotted_name(object, self.source).unwrap_or_default();
        let framework = self.apps.get(name.as_str()).copied();
        if !(framework == Some(Framework::Fastify)
            || name == "fastify"
            || (framework.is_none() && self.imported == Some(Framework::Fastify)))
        {
            return;
        }
        let route = ["url", "path"]
            .iter()
            .find_map(|k| object_property(options, k, self.source))
            .and_then(|v| route_string(v, self.source));
        let methods = match object_property(options, "method", self.source) {
            Some(value) if value.kind_name() == "array" => value
                .named_child_nodes()
                .filter_map(|m| string_value(m, self.source))
                .map(str::to_ascii_uppercase)
                .collect(),
            Some(value) => string_value(value, self.source).map(|m| vec![m.to_ascii_uppercase()]).unwrap_or_default(),
            None => Vec::new(),
        };
        let handler = object_property(options, "handler", self.source).or_else(|| {
            (0..options.named_child_count()).filter_map(|i| options.named_child(i as u32)).find(|c| {
                c.kind_name() == "method_definition"
                    && c.field("name").is_some_and(|n| text(n, self.source) == "handler")
            })
        });
        if let Some(handler) = handler {
            self.push_handler(Framework::Fastify, methods, route, handler, out);
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
    let name_node = super::function_name(function);
    let mut name = name_node.map_or_else(|| "<anonymous>".to_string(), |n| text(n, source).to_string());
    if function.kind_name() == "method_definition"
        && let Some(class) = crate::lang::ancestor_of_kind(function, &["class_declaration", "class"])
        && let Some(class_name) = class.field("name")
    {
        name = format!("{}.{name}", text(class_name, source));
    }
    let name_range = match name_node {
        Some(n) => n.byte_range(),
        None => function.start_byte()..function.start_byte() + 1,
    };
    out.push(Handler { framework, methods, route, name, function: function.byte_range(), name_range });
}

/// `(req, res)`, `(request, response)`, `(ctx, next)` style parameters.
fn request_parameters(params: &[&str]) -> bool {
    matches!(params, ["req", "res", ..] | ["request", "response", ..] | ["req", "reply", ..] | ["request", "reply", ..])
        || (params.first() == Some(&"ctx") && params.len() <= 2)
}

fn parameter_names(function: Node<'_>, source: &str) -> Vec<String> {
    if let Some(single) = function.field("parameter") {
        return vec![text(single, source).to_string()];
    }
    let Some(parameters) = function.field("parameters") else { return Vec::new() };
    parameters
        .named_child_nodes()
        .filter_map(|p| {
            let pattern = p.field("pattern").unwrap_or(p);
            (pattern.kind_name() == "identifier").then(|| text(pattern, source).to_string())
        })
        .collect()
}

/// The arguments of a call, without comments.
fn arguments(call: Node<'_>) -> Vec<Node<'_>> {
    let Some(arguments) = call.field("arguments") else { return Vec::new() };
    arguments.named_child_nodes().filter(|a| a.kind_name() != "comment").collect()
}

/// The text of a string built from constants: a literal, a name bound to
/// one (`PATH`), or a template of such names (`${PATH}/:featureName`).
fn constant_text(node: Node<'_>, source: &str, depth: usize) -> Option<String> {
    if depth > 4 {
        return None;
    }
    let node = crate::lang::values::resolve(node, source);
    match node.kind_name() {
        "string" => string_value(node, source).map(str::to_string),
        "template_string" => {
            let mut out = String::new();
            for part in node.named_child_nodes() {
                match part.kind_name() {
                    "string_fragment" => out.push_str(text(part, source)),
                    "template_substitution" => out.push_str(&constant_text(part.named_child(0)?, source, depth + 1)?),
                    _ => return None,
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// A string that looks like a route (`/...`, `*`).
fn route_string(node: Node<'_>, source: &str) -> Option<String> {
    let value = string_value(node, source)?;
    (value.starts_with('/') || value == "*").then(|| value.to_string())
}

/// The path of `x.route('/path')` at the root of a chain of `.get(h)` calls.
fn chained_route(mut object: Node<'_>, source: &str) -> Option<String> {
    loop {
        if object.kind_name() != "call_expression" {
            return None;
        }
        let function = object.field("function")?;
        if function.kind_name() != "member_expression" {
            return None;
        }
        let method = text(function.field("property")?, source);
        if method == "route" {
            return route_string(*arguments(object).first()?, source);
        }
        route_method(method)?;
        object = function.field("object")?;
    }
}

/// NestJS: `@Controller('prefix')` classes and their `@Get()`, `@Post(':id')`... methods.
fn nest_controller(class: Node<'_>, source: &str, out: &mut Vec<Handler>) {
    let mut decorators = child_decorators(class);
    if let Some(parent) = class.parent().filter(|p| p.kind_name() == "export_statement") {
        decorators.extend(child_decorators(parent));
    }
    let Some(prefix) = decorators.iter().find_map(|d| {
        let (name, args) = decorator_call(*d, source)?;
        (name == "Controller").then(|| {
            args.first()
                .and_then(|a| match a.kind_name() {
                    "object" => object_property(*a, "path", source).and_then(|p| string_value(p, source)),
                    _ => string_value(*a, source),
                })
                .unwrap_or("")
                .to_string()
        })
    }) else {
        return;
    };
    let Some(body) = class.field("body") else { return };
    let mut pending: Vec<Node<'_>> = Vec::new();
    for member in body.named_child_nodes() {
        match member.kind_name() {
            "decorator" => pending.push(member),
            "method_definition" => {
                let mut all = std::mem::take(&mut pending);
                all.extend(child_decorators(member));
                for decorator in all {
                    let Some((name, args)) = decorator_call(decorator, source) else { continue };
                    let methods = match name {
                        "All" => Vec::new(),
                        "Get" | "Post" | "Put" | "Patch" | "Delete" | "Head" | "Options" => {
                            vec![name.to_ascii_uppercase()]
                        }
                        _ => continue,
                    };
                    let path = args.first().and_then(|a| string_value(*a, source)).unwrap_or("");
                    push(Framework::NestJs, methods, Some(join_route(&prefix, path)), member, source, out);
                }
            }
            _ => pending.clear(),
        }
    }
}

fn child_decorators(node: Node<'_>) -> Vec<Node<'_>> {
    node.child_nodes().filter(|c| c.kind_name() == "decorator").collect()
}

/// `@Name(args)` or `@Name`: the name and the arguments.
fn decorator_call<'a, 't>(decorator: Node<'t>, source: &'a str) -> Option<(&'a str, Vec<Node<'t>>)> {
    let expression = decorator.named_child(0)?;
    match expression.kind_name() {
        "identifier" => Some((text(expression, source), Vec::new())),
        "call_expression" => {
            let function = expression.field("function")?;
            (function.kind_name() == "identifier").then(|| (text(function, source), arguments(expression)))
        }
        _ => None,
    }
}

fn join_route(prefix: &str, path: &str) -> String {
    let joined = [prefix.trim_matches('/'), path.trim_matches('/')]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("/");
    format!("/{joined}")
}

/// Next.js: `app/**/route.ts` exporting `GET`, `POST`, ... and
/// `pages/api/**` default exports, recognised by the file's path.
fn next_js(root: Node<'_>, source: &str, path: &str, out: &mut Vec<Handler>) {
    let segments: Vec<&str> = path.split('/').collect();
    let Some((file, folders)) = segments.split_last() else { return };
    let stem = file.split('.').next().unwrap_or(file);
    if stem == "route"
        && let Some(app) = folders.iter().rposition(|s| *s == "app")
    {
        let route = route_from_segments(&folders[app + 1..]);
        for export in descendants(root).filter(|n| n.kind_name() == "export_statement") {
            let Some(declaration) = export.field("declaration") else { continue };
            let functions: Vec<(Node<'_>, Node<'_>)> = match declaration.kind_name() {
                "function_declaration" => declaration.field("name").map(|n| (n, declaration)).into_iter().collect(),
                "lexical_declaration" | "variable_declaration" => declaration
                    .named_child_nodes()
                    .filter_map(|d| Some((d.field("name")?, d.field("value")?)))
                    .filter(|(_, v)| is_function(*v))
                    .collect(),
                _ => Vec::new(),
            };
            for (name, function) in functions {
                let name = text(name, source);
                if HTTP_METHODS.contains(&name.to_ascii_lowercase().as_str()) && name == name.to_ascii_uppercase() {
                    push(Framework::NextJs, vec![name.to_string()], Some(route.clone()), function, source, out);
                }
            }
        }
    } else if let Some(pages) = folders.iter().rposition(|s| *s == "pages")
        && folders.get(pages + 1) == Some(&"api")
    {
        let mut parts: Vec<&str> = folders[pages + 1..].to_vec();
        if stem != "index" {
            parts.push(stem);
        }
        let route = route_from_segments(&parts);
        let mut top = Vec::new();
        top.extend(root.named_child_nodes());
        for export in top.into_iter().filter(|n| n.kind_name() == "export_statement") {
            if !export.children(&mut export.walk()).any(|c| c.kind_name() == "default") {
                continue;
            }
            let target = export.field("declaration").or_else(|| export.field("value"));
            let Some(target) = target else { continue };
            let function = if is_function(target) {
                Some(target)
            } else if target.kind_name() == "identifier" {
                let name = text(target, source);
                descendants(root).find_map(|n| match n.kind_name() {
                    "function_declaration" if n.field("name").is_some_and(|x| text(x, source) == name) => Some(n),
                    "variable_declarator" if n.field("name").is_some_and(|x| text(x, source) == name) => {
                        n.field("value").filter(|v| is_function(*v))
                    }
                    _ => None,
                })
            } else {
                None
            };
            if let Some(function) = function {
                push(Framework::NextJs, Vec::new(), Some(route.clone()), function, source, out);
            }
        }
    }
}

/// `/api/users/[id]` from folder names, without route groups `(group)`.
fn route_from_segments(segments: &[&str]) -> String {
    let kept: Vec<&str> = segments.iter().filter(|s| !(s.starts_with('(') && s.ends_with(')'))).copied().collect();
    format!("/{}", kept.join("/"))
}

#[cfg(test)]
mod tests {
    use crate::lang::Language;
    use crate::lang::handlers::tests::handlers_of;

    #[test]
    fn express_and_look_alikes() {
        let source = "import express from 'express';\nconst app = express();\nconst router = express.Router();\nfunction list(req, res) { res.json([]) }\napp.get('/users', auth, list);\nrouter.post('/users', async (req, res) => {});\napp.route('/book').get((req, res) => {}).put(update);\nconst cache = new Map();\ncache.get('/users');\naxios.get('/x').then((r) => r);\nfunction update(req, res) {}\n";
        assert_eq!(
            handlers_of(Language::TypeScript, "src/app.ts", source),
            vec![
                "express GET /users list",
                "express POST /users <anonymous>",
                "express GET /book <anonymous>",
                "express PUT /book update"
            ]
        );
    }

    #[test]
    fn fastify_nest_next() {
        let source = "import Fastify from 'fastify';\nconst app = Fastify();\napp.route({ method: ['GET', 'HEAD'], url: '/a', handler: async (request, reply) => {} });\napp.get('/b', { schema: {} }, async (request, reply) => {});\n";
        assert_eq!(
            handlers_of(Language::JavaScript, "server.js", source),
            vec!["fastify GET,HEAD /a <anonymous>", "fastify GET /b <anonymous>"]
        );
        let source = "import { Controller, Get, Post } from '@nestjs/common';\n@Controller('cats')\nexport class CatsController {\n  @Get(':id')\n  findOne() {}\n  @Post()\n  create() {}\n  helper() {}\n}\n";
        assert_eq!(
            handlers_of(Language::TypeScript, "cats.controller.ts", source),
            vec!["nestjs GET /cats/:id CatsController.findOne", "nestjs POST /cats CatsController.create"]
        );
        let source = "export async function GET(request: Request) {}\nexport const POST = async () => {};\nexport function helper() {}\n";
        assert_eq!(
            handlers_of(Language::TypeScript, "src/app/(shop)/api/items/[id]/route.ts", source),
            vec!["nextjs GET /api/items/[id] GET", "nextjs POST /api/items/[id] POST"]
        );
        let source = "export default function handler(req, res) {}\n";
        assert_eq!(
            handlers_of(Language::TypeScript, "pages/api/users/index.ts", source),
            vec!["nextjs ANY /api/users handler"]
        );
    }
}
