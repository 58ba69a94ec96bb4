//! TypeScript/JavaScript web framework knowledge: CORS options of the
//! `cors` package (Express, NestJS `enableCors`), `@fastify/cors`,
//! `@koa/cors`, `hono/cors`; CORS headers written by hand; debug switches
//! (the `errorhandler` middleware, Apollo Server `debug`, `app.set('env', 'development')`).

use crate::lang::NodeExt;
use tree_sitter::Node;

use super::{ALLOW_CREDENTIALS_HEADER, ALLOW_ORIGIN_HEADER, Origins, is_wildcard_origin};
use crate::lang::crypto::typescript::arguments;
use crate::lang::typescript::{Imports, callee_name, object_property, pair_key, string_value};
use crate::lang::{descendants, text, values};

/// CORS middleware packages, with whether they reflect the request's origin
/// when no `origin` option is given (`@koa/cors` does; `cors` sends `*`).
const CORS_PACKAGES: &[(&str, bool)] = &[
    ("cors", false),
    ("@koa/cors", true),
    ("koa2-cors", false),
    ("hono/cors.cors", false),
    ("@fastify/cors", false),
    ("fastify-cors", false),
    ("@elysiajs/cors.cors", false),
];

/// A CORS options object handed to a framework.
#[derive(Debug)]
pub struct CorsOptions<'t> {
    /// The package or method that receives the options.
    pub framework: String,
    pub options: Node<'t>,
    /// What the framework does when `origin` is missing.
    pub default_reflects: bool,
}

/// Finds the CORS options object of a call: `cors({...})`,
/// `fastify.register(cors, {...})`, `app.enableCors({...})`,
/// `NestFactory.create(AppModule, { cors: {...} })`.
pub fn cors_options<'t>(call: Node<'t>, source: &str, imports: &Imports) -> Option<CorsOptions<'t>> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let callee = callee_name(call, source)?;
    let qualified = imports.qualify(&callee);
    let args = arguments(call);
    // Options may be written inline or held in a variable (`cors(corsOptions)`).
    let object =
        |index: usize| args.get(index).map(|a| values::resolve(*a, source)).filter(|a| a.kind_name() == "object");
    let imported = imports.binds(callee.split('.').next().unwrap_or(""));
    if imported && let Some((package, reflects)) = CORS_PACKAGES.iter().find(|(p, _)| qualified == *p) {
        return Some(CorsOptions { framework: package.to_string(), options: object(0)?, default_reflects: *reflects });
    }
    let method = callee.rsplit('.').next().unwrap_or("");
    match method {
        "register" => {
            let plugin = imports.qualify(&crate::lang::typescript::dotted_name(*args.first()?, source)?);
            let (package, reflects) = CORS_PACKAGES.iter().find(|(p, _)| plugin == *p)?;
            Some(CorsOptions { framework: package.to_string(), options: object(1)?, default_reflects: *reflects })
        }
        "enableCors" => Some(CorsOptions { framework: callee.clone(), options: object(0)?, default_reflects: false }),
        "create" if qualified.ends_with("NestFactory.create") => {
            let options = object_property(object(1)?, "cors", source)
                .map(|o| values::resolve(o, source))
                .filter(|o| o.kind_name() == "object")?;
            Some(CorsOptions { framework: callee.clone(), options, default_reflects: false })
        }
        _ => None,
    }
}

/// NestJS CORS turned on with its defaults: `app.enableCors()` without
/// options, or `NestFactory.create(AppModule, { cors: true })`. The
/// defaults allow any origin (`*`) without credentials: fine for a public
/// API, worth a look for one that a browser app of the project calls.
/// Returns the node to report and how it was written.
pub fn nest_default_cors<'t>(call: Node<'t>, source: &str, imports: &Imports) -> Option<(Node<'t>, String)> {
    if call.kind_name() != "call_expression" || !imports.imports_module("@nestjs/core") {
        return None;
    }
    let callee = callee_name(call, source)?;
    let args = arguments(call);
    match callee.rsplit('.').next() {
        Some("enableCors") if args.is_empty() => Some((call, format!("`{callee}()`"))),
        Some("create") if imports.qualify(&callee).ends_with("NestFactory.create") => {
            let options = values::resolve(*args.get(1)?, source);
            let cors = object_property(options, "cors", source).map(|c| values::resolve(c, source))?;
            (cors.kind_name() == "true")
                .then(|| (cors.parent().unwrap_or(cors), format!("`{callee}(.., {{ cors: true }})`")))
        }
        _ => None,
    }
}

/// Classifies an `origin` option: `'*'` accepts any origin; `true`, a
/// catch-all regex, or a callback that always allows (or returns the
/// request's origin) reflects it; anything else is restricted.
pub fn classify_origin(value: Node<'_>, source: &str) -> Origins {
    let value = values::resolve(value, source);
    match value.kind_name() {
        "string" | "template_string" => {
            if string_value(value, source).is_some_and(is_wildcard_origin) {
                Origins::Any
            } else {
                Origins::Restricted
            }
        }
        "true" => Origins::Reflected,
        "regex" => {
            let pattern = value.field("pattern").map(|p| text(p, source)).unwrap_or("");
            if is_wildcard_origin(pattern) { Origins::Reflected } else { Origins::Restricted }
        }
        "array" => {
            let any = value.named_child_nodes().any(|v| classify_origin(v, source) != Origins::Restricted);
            if any { Origins::Any } else { Origins::Restricted }
        }
        "arrow_function" | "function_expression" | "function" => {
            if callback_allows_everything(value, source) {
                Origins::Reflected
            } else {
                Origins::Restricted
            }
        }
        _ => Origins::Restricted,
    }
}

/// A callback that allows every origin without looking at it:
/// `(origin, cb) => cb(null, true)`, `(origin) => origin`,
/// `(ctx) => ctx.get('Origin')`, `() => '*'`.
fn callback_allows_everything(function: Node<'_>, source: &str) -> bool {
    let Some(body) = function.field("body") else { return false };
    let compact = crate::lang::without_white_space(text(body, source));
    let inner = compact.trim_start_matches('{').trim_end_matches('}').trim_end_matches(';');
    let inner = inner.strip_prefix("return").unwrap_or(inner);
    if inner.contains("if(") || inner.contains('?') || inner.contains("&&") || inner.contains("||") {
        return false;
    }
    let params = function
        .field("parameters")
        .or_else(|| function.field("parameter"))
        .map(|p| {
            text(p, source)
                .trim_matches(['(', ')'])
                .split(',')
                .map(|s| s.split(':').next().unwrap_or("").trim().to_string())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let first = params.first().map(String::as_str).unwrap_or("");
    // `cb(null, true)` with the callback parameter.
    if params.len() >= 2 && inner == format!("{}(null,true)", params[1]) {
        return true;
    }
    // Returning the origin parameter itself, or reading the request's Origin.
    (params.len() == 1 && !first.is_empty() && inner == first)
        || inner == "'*'"
        || inner == "\"*\""
        || inner.ends_with(".get('Origin')")
        || inner.ends_with(".get(\"Origin\")")
        || inner.ends_with(".header.origin")
        || inner.ends_with(".headers.origin")
}

/// The origin and credentials settings of a CORS options object.
pub fn cors_settings<'t>(config: &CorsOptions<'t>, source: &str) -> (Origins, Node<'t>, Option<Node<'t>>) {
    let credentials = object_property(config.options, "credentials", source)
        .map(|v| values::resolve(v, source))
        .filter(|v| v.kind_name() == "true");
    match object_property(config.options, "origin", source) {
        Some(origin) => (classify_origin(origin, source), origin, credentials),
        None if config.default_reflects => (Origins::Reflected, config.options, credentials),
        None => (Origins::Any, config.options, credentials),
    }
}

/// Methods that set a response header from a name and a value
/// (Express `res.setHeader/header/set/append`, Koa `ctx.set`, Fastify
/// `reply.header`, Hono `c.header`, `Headers.set/append`).
const HEADER_SETTERS: &[&str] = &["setHeader", "header", "set", "append"];

/// A CORS response header written by hand, as a setter call or as an entry
/// of a headers object. Returns the lower-case header name and the value.
pub fn cors_header_write<'t>(node: Node<'t>, source: &str) -> Option<(&'static str, Node<'t>)> {
    let (name, value) = match node.kind_name() {
        "call_expression" => {
            let function = node.field("function")?;
            if function.kind_name() != "member_expression" {
                return None;
            }
            let method = text(function.field("property")?, source);
            if !HEADER_SETTERS.contains(&method) {
                return None;
            }
            let args = arguments(node);
            (string_value(*args.first()?, source)?, *args.get(1)?)
        }
        "pair" => (pair_key(node, source)?, node.field("value")?),
        _ => return None,
    };
    if name.eq_ignore_ascii_case(ALLOW_ORIGIN_HEADER) {
        Some((ALLOW_ORIGIN_HEADER, value))
    } else if name.eq_ignore_ascii_case(ALLOW_CREDENTIALS_HEADER) {
        Some((ALLOW_CREDENTIALS_HEADER, value))
    } else {
        None
    }
}

/// Whether an expression reads the request's `Origin` header:
/// `req.headers.origin`, `req.headers['origin']`, `req.get('Origin')`,
/// `req.header('origin')`, `ctx.request.header.origin`,
/// `request.headers.get('origin')`.
pub fn is_request_origin(node: Node<'_>, source: &str) -> bool {
    descendants(node).any(|n| match n.kind_name() {
        "member_expression" => {
            n.field("property").is_some_and(|p| text(p, source).eq_ignore_ascii_case("origin"))
                && n.field("object").is_some_and(|o| {
                    let object = text(o, source);
                    object.ends_with("headers") || object.ends_with("header")
                })
        }
        "subscript_expression" => {
            n.field("index").and_then(|i| string_value(i, source)).is_some_and(|k| k.eq_ignore_ascii_case("origin"))
                && n.field("object").is_some_and(|o| text(o, source).ends_with("headers"))
        }
        "call_expression" => {
            let method = n
                .field("function")
                .filter(|f| f.kind_name() == "member_expression")
                .and_then(|f| f.field("property"))
                .map(|p| text(p, source));
            matches!(method, Some("get" | "header" | "getHeader"))
                && arguments(n)
                    .first()
                    .and_then(|a| string_value(*a, source))
                    .is_some_and(|k| k.eq_ignore_ascii_case("origin"))
        }
        _ => false,
    })
}

/// A debug switch turned on in code: the `errorhandler` middleware (or
/// Express 3's `express.errorHandler()`) created outside any condition,
/// Apollo Server's `debug: true` / `includeStacktraceInErrorResponses: true`,
/// and `app.set('env', 'development')` on an Express app. Returns the node to report and a
/// description.
pub fn debug_switch<'t>(call: Node<'t>, source: &str, imports: &Imports) -> Option<(Node<'t>, String)> {
    if !matches!(call.kind_name(), "call_expression" | "new_expression") {
        return None;
    }
    let callee = callee_name(call, source)?;
    let qualified = imports.qualify(&callee);
    let imported = imports.binds(callee.split('.').next().unwrap_or(""));
    if imported && (qualified == "errorhandler" || qualified == "express.errorHandler") {
        let conditional = crate::lang::ancestor_of_kind(
            call,
            &["if_statement", "ternary_expression", "switch_statement", "binary_expression"],
        )
        .is_some();
        return (!conditional).then(|| {
            (
                call,
                format!(
                    "`{callee}()` is mounted unconditionally: it sends stack traces and source snippets to clients"
                ),
            )
        });
    }
    if qualified.ends_with("ApolloServer")
        && (qualified.starts_with("apollo-server") || qualified.starts_with("@apollo/server"))
    {
        let options = arguments(call).into_iter().find(|a| a.kind_name() == "object")?;
        for key in ["debug", "includeStacktraceInErrorResponses"] {
            if let Some(value) = object_property(options, key, source).filter(|v| v.kind_name() == "true") {
                return Some((
                    value.parent()?,
                    format!("`new {callee}({{ {key}: true }})` returns stack traces to clients"),
                ));
            }
        }
        return None;
    }
    // The arguments first: `.set(` is everywhere (every `Map`), and whether
    // the receiver is an Express app takes a walk of the file.
    if let Some(receiver) = callee.strip_suffix(".set") {
        let args = arguments(call);
        if args.len() == 2
            && string_value(args[0], source) == Some("env")
            && string_value(args[1], source) == Some("development")
            && is_express_app(call, receiver, source, imports)
        {
            return Some((
                call,
                format!("`{callee}('env', 'development')` forces development mode (stack traces in error pages)"),
            ));
        }
    }
    None
}

/// Whether `name` is declared in the file as an Express application
/// (`const app = express()`). Walks the file; only called for the rare
/// `x.set('env', ..)` calls.
fn is_express_app(node: Node<'_>, name: &str, source: &str, imports: &Imports) -> bool {
    let mut root = node;
    while let Some(parent) = root.parent() {
        root = parent;
    }
    descendants(root).any(|declarator| {
        declarator.kind_name() == "variable_declarator"
            && declarator.field("name").is_some_and(|n| text(n, source) == name)
            && declarator
                .field("value")
                .filter(|v| v.kind_name() == "call_expression")
                .and_then(|v| callee_name(v, source))
                .is_some_and(|c| imports.qualify(&c) == "express")
    })
}
