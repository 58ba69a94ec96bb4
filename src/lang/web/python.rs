//! Python web framework knowledge: flask-cors, Starlette/FastAPI
//! `CORSMiddleware`, django-cors-headers settings, CORS headers written by
//! hand, the debug switches of Flask, Django, FastAPI, Starlette and
//! Werkzeug, and the values a URL is built from (`reverse(.., kwargs=..)`).

use crate::lang::NodeExt;
use tree_sitter::Node;

use super::{ALLOW_CREDENTIALS_HEADER, ALLOW_ORIGIN_HEADER, Origins, is_wildcard_origin};
use crate::lang::crypto::python::positional;
use crate::lang::python::{Imports, callee_method, callee_name, keyword_argument, string_value};
use crate::lang::{descendants, text, values};

/// A CORS configuration written as a call.
#[derive(Debug)]
pub struct CorsConfig<'t> {
    /// What was called, as written (`CORS`, `cross_origin`, `CORSMiddleware`).
    pub framework: String,
    pub origins: Origins,
    /// Where the permissive origin is written (or the call, for a default).
    pub origins_node: Node<'t>,
    /// `supports_credentials=True` / `allow_credentials=True`.
    pub credentials: Option<Node<'t>>,
}

/// Classifies an origins value: `"*"`, `["*"]` and wildcard regexes accept
/// every origin; anything else (a list of origins, a variable) is restricted.
fn classify_origins(value: Node<'_>, source: &str) -> Origins {
    let wildcard = match value.kind_name() {
        "string" => string_value(value, source).is_some_and(is_wildcard_origin),
        "list" | "tuple" | "set" => {
            value.named_child_nodes().any(|v| string_value(v, source).is_some_and(is_wildcard_origin))
        }
        _ => false,
    };
    if wildcard { Origins::Any } else { Origins::Restricted }
}

fn is_true(node: Option<Node<'_>>) -> Option<Node<'_>> {
    node.filter(|n| n.kind_name() == "true")
}

/// Recognises flask-cors `CORS(app, ...)` / `@cross_origin(...)` and
/// Starlette's `CORSMiddleware` (through `app.add_middleware(CORSMiddleware, ...)`,
/// `Middleware(CORSMiddleware, ...)` or a direct call).
pub fn cors_config<'t>(call: Node<'t>, source: &str, imports: &Imports) -> Option<CorsConfig<'t>> {
    let callee = callee_name(call, source)?;
    let qualified = imports.qualify(&callee);
    // Settings may be written inline or held in a variable (`origins=ALLOWED`);
    // a finding stays at the argument, where the call takes the value.
    let setting = |keyword: &str| keyword_argument(call, keyword, source).map(|v| values::resolve(v, source));
    if matches!(qualified.as_ref(), "flask_cors.CORS" | "flask_cors.cross_origin") {
        // flask-cors defaults to every origin and, with credentials, echoes
        // the request's origin back.
        let mut origins = Origins::Any;
        let mut origins_node = call;
        if let Some(value) = keyword_argument(call, "origins", source) {
            origins = classify_origins(values::resolve(value, source), source);
            origins_node = value;
        } else if let Some(resources) = setting("resources")
            && resources.kind_name() == "dictionary"
        {
            for pair in descendants(resources).filter(|n| n.kind_name() == "pair") {
                let key = pair.field("key").and_then(|k| string_value(k, source));
                if let (Some("origins"), Some(value)) = (key, pair.field("value")) {
                    origins = classify_origins(value, source);
                    origins_node = value;
                    if origins.is_permissive() {
                        break;
                    }
                }
            }
        }
        let origins = if origins == Origins::Any { Origins::Reflected } else { origins };
        let credentials = is_true(setting("supports_credentials"));
        return Some(CorsConfig { framework: callee, origins, origins_node, credentials });
    }
    let middleware = if qualified.ends_with("CORSMiddleware") {
        true
    } else if callee_method(call, source) == Some("add_middleware") || qualified.ends_with("Middleware") {
        positional(call, 0)
            .and_then(|m| crate::lang::python::dotted_name(m, source))
            .is_some_and(|m| imports.qualify(&m).ends_with("CORSMiddleware"))
    } else {
        false
    };
    if !middleware {
        return None;
    }
    let mut origins = Origins::Restricted;
    let mut origins_node = call;
    if let Some(value) = keyword_argument(call, "allow_origins", source) {
        origins = classify_origins(values::resolve(value, source), source);
        origins_node = value;
    }
    if !origins.is_permissive()
        && let Some(regex) = setting("allow_origin_regex")
        && string_value(regex, source).is_some_and(is_wildcard_origin)
    {
        origins = Origins::Reflected;
        origins_node = regex;
    }
    let credentials = is_true(setting("allow_credentials"));
    Some(CorsConfig { framework: "CORSMiddleware".to_string(), origins, origins_node, credentials })
}

/// A django-cors-headers setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DjangoCors {
    /// `CORS_ALLOW_ALL_ORIGINS = True` (or the old `CORS_ORIGIN_ALLOW_ALL`),
    /// or a wildcard `CORS_ALLOWED_ORIGIN_REGEXES`.
    AllowAll,
    /// `CORS_ALLOW_CREDENTIALS = True`.
    Credentials,
}

/// Recognises a module-level django-cors-headers setting.
pub fn django_cors_setting(assignment: Node<'_>, source: &str) -> Option<DjangoCors> {
    let left = assignment.field("left")?;
    let right = assignment.field("right")?;
    if left.kind_name() != "identifier" {
        return None;
    }
    match text(left, source) {
        "CORS_ALLOW_ALL_ORIGINS" | "CORS_ORIGIN_ALLOW_ALL" if right.kind_name() == "true" => Some(DjangoCors::AllowAll),
        "CORS_ALLOWED_ORIGIN_REGEXES" | "CORS_ORIGIN_REGEX_WHITELIST"
            if classify_origins(right, source) == Origins::Any =>
        {
            Some(DjangoCors::AllowAll)
        }
        "CORS_ALLOW_CREDENTIALS" if right.kind_name() == "true" => Some(DjangoCors::Credentials),
        _ => None,
    }
}

/// A CORS response header written by hand: `resp.headers["Access-Control-Allow-Origin"] = v`,
/// `response["Access-Control-Allow-Origin"] = v` (Django), `headers.set(name, v)`,
/// `headers.add(name, v)`, or a `{"Access-Control-Allow-Origin": v}` entry.
/// Returns the lower-case header name and the value.
pub fn cors_header_write<'t>(node: Node<'t>, source: &str) -> Option<(&'static str, Node<'t>)> {
    let (name, value) = match node.kind_name() {
        "assignment" => {
            let left = node.field("left")?;
            if left.kind_name() != "subscript" {
                return None;
            }
            (string_value(left.field("subscript")?, source)?, node.field("right")?)
        }
        "call" => {
            if !matches!(callee_method(node, source)?, "set" | "add" | "setdefault" | "add_header" | "__setitem__") {
                return None;
            }
            (string_value(positional(node, 0)?, source)?, positional(node, 1)?)
        }
        "pair" => (string_value(node.field("key")?, source)?, node.field("value")?),
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
/// `request.headers.get("Origin")`, `request.headers["origin"]`,
/// `request.META.get("HTTP_ORIGIN")`, `request.META["HTTP_ORIGIN"]`.
pub fn is_request_origin(node: Node<'_>, source: &str) -> bool {
    descendants(node).any(|n| {
        let key = match n.kind_name() {
            "call" if matches!(callee_method(n, source), Some("get")) => positional(n, 0),
            "subscript" => n.field("subscript"),
            _ => None,
        };
        let Some(key) = key.and_then(|k| string_value(k, source)) else { return false };
        let object = match n.kind_name() {
            "call" => n.field("function").and_then(|f| f.field("object")),
            _ => n.field("value"),
        };
        let object = object.map(|o| text(o, source)).unwrap_or("");
        (key.eq_ignore_ascii_case("origin") && object.ends_with("headers"))
            || (key == "HTTP_ORIGIN" && object.ends_with("META"))
    })
}

/// Web frameworks whose application objects have a `debug` switch.
const DEBUG_FRAMEWORKS: &[&str] = &["flask", "quart", "fastapi", "starlette", "sanic"];

/// A debug switch turned on in code: Flask `app.run(debug=True)`,
/// `app.debug = True`, `app.config["DEBUG"] = True`,
/// `app.config.update(DEBUG=True)`, `FastAPI(debug=True)`,
/// `Starlette(debug=True)`, Werkzeug `run_simple(..., use_debugger=True)`.
/// Returns the node to report and a description of the switch.
pub fn debug_switch<'t>(node: Node<'t>, source: &str, imports: &Imports) -> Option<(Node<'t>, String)> {
    let framework = || DEBUG_FRAMEWORKS.iter().any(|m| imports.imports_module(m));
    match node.kind_name() {
        "call" => {
            // `create_app().run(..)` has no dotted callee: name it as written.
            let callee = callee_name(node, source)
                .or_else(|| node.field("function").map(|f| crate::lang::db::short(text(f, source))))?;
            let qualified = imports.qualify(&callee);
            // The flag may be held in a variable (`debug=DEBUG_MODE`).
            // Or passed in a dictionary the call spreads (`run(**opts)`).
            let spread = || {
                crate::lang::python::spread_keywords(node, source)
                    .into_iter()
                    .find(|(keyword, _, _)| *keyword == "debug")
                    .map(|(_, value, spread)| (value, Some(spread)))
            };
            let debug_flag = keyword_argument(node, "debug", source)
                .map(|v| (v, None))
                .or_else(spread)
                .filter(|(v, _)| is_true(Some(values::resolve(*v, source))).is_some());
            if let Some((debug, spread)) = debug_flag {
                let app_constructor = matches!(
                    qualified.as_ref(),
                    "fastapi.FastAPI"
                        | "starlette.applications.Starlette"
                        | "starlette.Starlette"
                        | "flask.Flask"
                        | "quart.Quart"
                        | "aiohttp.web.Application"
                        | "aiohttp.web_app.Application"
                );
                let run = callee_method(node, source) == Some("run") && framework();
                if app_constructor || run {
                    let argument = debug.parent()?;
                    let switch = match spread {
                        Some(spread) => {
                            format!("`{callee}({})` with `{}`", text(spread, source), text(argument, source))
                        }
                        None => format!("`{callee}({})`", text(argument, source)),
                    };
                    return Some((argument, switch));
                }
            }
            if let Some(debugger) = is_true(keyword_argument(node, "use_debugger", source))
                && qualified.ends_with("run_simple")
            {
                return Some((debugger.parent()?, format!("`{callee}(use_debugger=True)`")));
            }
            if matches!(callee_method(node, source), Some("update" | "from_mapping"))
                && (callee.ends_with(".config.update") || callee.ends_with(".config.from_mapping"))
                && framework()
            {
                if let Some(debug) = is_true(keyword_argument(node, "DEBUG", source)) {
                    return Some((debug.parent()?, format!("`{callee}(DEBUG=True)`")));
                }
                let dict = positional(node, 0).filter(|d| d.kind_name() == "dictionary")?;
                let pair = dict.named_child_nodes().find(|p| {
                    p.kind_name() == "pair"
                        && p.field("key").and_then(|k| string_value(k, source)) == Some("DEBUG")
                        && p.field("value").is_some_and(|v| v.kind_name() == "true")
                })?;
                return Some((pair, format!("`{callee}` with `\"DEBUG\": True`")));
            }
            None
        }
        "assignment" => {
            let left = node.field("left")?;
            is_true(node.field("right"))?;
            let target = text(left, source);
            let switch = match left.kind_name() {
                "attribute" => {
                    left.field("attribute").is_some_and(|a| text(a, source) == "debug")
                        && left.field("object").is_some_and(|o| o.kind_name() == "identifier")
                }
                "subscript" => {
                    left.field("subscript").and_then(|s| string_value(s, source)) == Some("DEBUG")
                        && left.field("value").is_some_and(|v| text(v, source).ends_with(".config"))
                }
                _ => false,
            };
            (switch && framework()).then(|| (node, format!("`{target} = True`")))
        }
        _ => None,
    }
}

/// Whether a module is a Django settings module: named `settings` /
/// `*_settings` / `settings_*`, inside a `settings` package, or defining
/// `INSTALLED_APPS` or `ROOT_URLCONF` at module level.
pub fn is_django_settings(path: &str, root: Node<'_>, source: &str) -> bool {
    let in_settings = path.split('/').any(|part| {
        let stem = part.strip_suffix(".py").unwrap_or(part);
        stem == "settings" || stem.ends_with("_settings") || stem.starts_with("settings_")
    });
    in_settings || {
        root.named_child_nodes().any(|statement| {
            statement
                .named_child(0)
                .filter(|a| a.kind_name() == "assignment")
                .and_then(|a| a.field("left"))
                .is_some_and(|left| matches!(text(left, source), "INSTALLED_APPS" | "ROOT_URLCONF"))
        })
    }
}

/// Whether a callee builds a URL from route parameters: Django's `reverse`
/// / `reverse_lazy` / `resolve_url` and the project wrappers named after
/// them (`eventreverse`, `build_absolute_uri`, `get_absolute_url`), Flask's
/// `url_for` and `redirect`.
fn is_url_builder(callee: &str) -> bool {
    let last = callee.rsplit('.').next().unwrap_or(callee);
    matches!(last, "url_for" | "redirect" | "resolve_url")
        || last.ends_with("reverse")
        || last.ends_with("reverse_lazy")
        || last.ends_with("_uri")
        || last.ends_with("_url")
}

/// Whether `node` is a route parameter of a URL being built: a value of the
/// `kwargs=` / `args=` dict or list given to a URL builder
/// (`reverse("order", kwargs={"secret": ..})`), or a keyword argument of
/// `url_for(..)`. Such a value is printed in a link, so it is an
/// identifier of a resource, never a credential of the service.
pub fn is_url_parameter(node: Node<'_>, source: &str) -> bool {
    let mut container = node.parent();
    if container.is_some_and(|p| p.kind_name() == "pair") {
        container = container.and_then(|p| p.parent());
    }
    let Some(container) = container else { return false };
    let keyword = match container.kind_name() {
        "dictionary" | "list" | "tuple" => container.parent(),
        "keyword_argument" => Some(container),
        _ => None,
    };
    let Some(keyword) = keyword.filter(|k| k.kind_name() == "keyword_argument") else { return false };
    let Some(call) = keyword.parent().and_then(|a| a.parent()).filter(|c| c.kind_name() == "call") else {
        return false;
    };
    let Some(callee) = callee_name(call, source) else { return false };
    let name = keyword.field("name").map(|n| text(n, source)).unwrap_or("");
    let is_route_values = if container.kind_name() == "keyword_argument" {
        callee.rsplit('.').next() == Some("url_for")
    } else {
        matches!(name, "kwargs" | "args")
    };
    is_route_values && is_url_builder(&callee)
}
