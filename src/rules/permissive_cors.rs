//! `permissive-cors`: any origin (wildcard or reflected) allowed together
//! with credentials, and the frameworks' permissive presets.
//!
//! ## What it does
//! Flags CORS configurations that let every web site make credentialed
//! requests: flask-cors, Starlette/FastAPI `CORSMiddleware`,
//! django-cors-headers settings, the `cors` package and its Fastify, Koa,
//! Hono and NestJS counterparts, `Access-Control-Allow-Origin` echoed from
//! the request next to `Access-Control-Allow-Credentials: true`, tower-http
//! `CorsLayer` and actix-cors `Cors`. A wildcard without credentials is not
//! reported, except tower-http's `CorsLayer::permissive()` preset, reported
//! at level note.
//!
//! The framework knowledge lives in `crate::lang::web`; the user docs are in
//! `rules/permissive-cors.md`.

use crate::lang::NodeExt;
use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use crate::diagnostic::{Finding, Level};
use crate::lang::web::{self, ALLOW_CREDENTIALS_HEADER, ALLOW_ORIGIN_HEADER, Origins};
use crate::lang::{self, Family, python, typescript};
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "permissive-cors",
    doc: include_str!("../../rules/permissive-cors.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: None,
};

const RISK: &str = "any web site can make credentialed requests and read the responses";

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if ctx.is_test() {
        return;
    }
    // CORS is configured by name (a cors package, `CorsLayer`, `CORS_*`
    // settings) or by writing its headers: skip files that mention neither.
    static NEEDLES: lang::Words = lang::Words::new(&["cors", "Cors", "CORS", "Access-Control", "access-control"]);
    if !NEEDLES.in_text(ctx.source()) {
        return;
    }
    match ctx.file.language.family() {
        Family::Python => check_python(ctx, out),
        Family::TypeScript => check_typescript(ctx, out),
        Family::Rust => check_rust(ctx, out),
    }
}

/// Whether `node` sits under a condition (within its function) that looks
/// at the origin: `if origin in ALLOWED:`, `allowed.includes(origin) ? ..`.
fn origin_checked(ctx: &FileContext<'_>, node: Node<'_>, conditionals: &[&str], functions: &[&str]) -> bool {
    let mut current = node.parent();
    while let Some(n) = current {
        if functions.contains(&n.kind_name()) {
            return false;
        }
        if conditionals.contains(&n.kind_name())
            && n.field("condition").is_some_and(|c| ctx.text(c).to_ascii_lowercase().contains("origin"))
        {
            return true;
        }
        current = n.parent();
    }
    false
}

/// CORS headers written by hand, grouped by function.
#[derive(Default)]
struct HeaderWrites<'t> {
    /// (scope, variable) bound to the request's origin.
    origin_variables: HashSet<(usize, String)>,
    /// Reflected `Access-Control-Allow-Origin` writes: (scope, node, variable or expression).
    reflected: Vec<(usize, Node<'t>)>,
    /// Scopes that send `Access-Control-Allow-Credentials: true`, with where.
    credentials: HashMap<usize, Node<'t>>,
}

impl HeaderWrites<'_> {
    fn report(self, ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
        for (scope, node) in self.reflected {
            if let Some(credentials) = self.credentials.get(&scope) {
                out.push(
                    ctx.finding(
                        node,
                        format!("`Access-Control-Allow-Origin` echoes the request's origin while credentials are allowed: {RISK}"),
                    )
                    .with_related(ctx.location(*credentials), "`Access-Control-Allow-Credentials: true` is sent here"),
                );
            }
        }
    }
}

fn config_message(framework: &str, origins: Origins) -> String {
    format!("`{framework}` allows {} together with credentials: {RISK}", origins.describe())
}

fn check_python(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    const FUNCTIONS: &[&str] = &["function_definition", "lambda"];
    const CONDITIONALS: &[&str] = &["if_statement", "elif_clause", "conditional_expression"];
    let source = ctx.source();
    let imports = ctx.python_imports();
    let django = !web::is_development_module(&ctx.file.path);
    let mut allow_all = None;
    let mut credentials = None;
    let mut headers = HeaderWrites::default();
    for node in ctx.nodes(&["call", "assignment", "pair"]) {
        match node.kind_name() {
            "call" => {
                if let Some(config) = web::python::cors_config(node, source, imports) {
                    if config.origins.is_permissive()
                        && let Some(credentials) = config.credentials
                    {
                        out.push(
                            ctx.finding(config.origins_node, config_message(&config.framework, config.origins))
                                .with_related(
                                    ctx.location(credentials.parent().unwrap_or(credentials)),
                                    "credentials are allowed here",
                                ),
                        );
                    }
                    continue;
                }
            }
            "assignment" => {
                let module_level = node.parent().and_then(|p| p.parent()).is_some_and(|p| p.kind_name() == "module");
                if module_level && django {
                    match web::python::django_cors_setting(node, source) {
                        Some(web::python::DjangoCors::AllowAll) => allow_all = allow_all.or(Some(node)),
                        Some(web::python::DjangoCors::Credentials) => credentials = credentials.or(Some(node)),
                        None => {}
                    }
                }
                if let (Some(left), Some(right)) = (node.field("left"), node.field("right"))
                    && left.kind_name() == "identifier"
                    && web::python::is_request_origin(right, source)
                {
                    headers.origin_variables.insert((ctx.scope_id(node, FUNCTIONS), ctx.text(left).to_string()));
                }
            }
            _ => {}
        }
        let Some((header, value)) = web::python::cors_header_write(node, source) else { continue };
        let scope = ctx.scope_id(node, FUNCTIONS);
        if header == ALLOW_CREDENTIALS_HEADER {
            if python::string_value(value, source).is_some_and(|v| v.eq_ignore_ascii_case("true")) {
                headers.credentials.entry(scope).or_insert(node);
            }
        } else if header == ALLOW_ORIGIN_HEADER {
            let reflected = match value.kind_name() {
                "identifier" => headers.origin_variables.contains(&(scope, ctx.text(value).to_string())),
                "conditional_expression" => false,
                _ => web::python::is_request_origin(value, source),
            };
            if reflected && !origin_checked(ctx, node, CONDITIONALS, FUNCTIONS) {
                headers.reflected.push((scope, node));
            }
        }
    }
    if let (Some(allow_all), Some(credentials)) = (allow_all, credentials) {
        let setting = ctx.text(allow_all.field("left").unwrap_or(allow_all));
        out.push(
            ctx.finding(
                allow_all,
                format!("`{setting}` allows any origin and `CORS_ALLOW_CREDENTIALS = True` allows credentials: {RISK}"),
            )
            .with_related(ctx.location(credentials), "credentials are allowed here"),
        );
    }
    headers.report(ctx, out);
}

fn check_typescript(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    const FUNCTIONS: &[&str] = crate::lang::db::function_kinds(crate::lang::Family::TypeScript);
    const CONDITIONALS: &[&str] = &["if_statement", "ternary_expression"];
    let source = ctx.source();
    let imports = ctx.typescript_imports();
    let mut headers = HeaderWrites::default();
    for node in ctx.nodes(&["call_expression", "variable_declarator", "pair"]) {
        match node.kind_name() {
            "call_expression" => {
                if let Some((at, written)) = web::typescript::nest_default_cors(node, source, imports) {
                    let mut finding = ctx.finding(
                        at,
                        format!("{written} allows any origin (NestJS's default `*`, without credentials): fine for a public API; list the origins of your own front ends otherwise"),
                    );
                    finding.level = crate::diagnostic::Level::Note.min(finding.level);
                    out.push(finding);
                    continue;
                }
                if let Some(config) = web::typescript::cors_options(node, source, imports) {
                    let (origins, origin_node, credentials) = web::typescript::cors_settings(&config, source);
                    if origins.is_permissive()
                        && let Some(credentials) = credentials
                    {
                        let at = origin_node.parent().filter(|p| p.kind_name() == "pair").unwrap_or(origin_node);
                        out.push(ctx.finding(at, config_message(&config.framework, origins)).with_related(
                            ctx.location(credentials.parent().unwrap_or(credentials)),
                            "credentials are allowed here",
                        ));
                    }
                    continue;
                }
            }
            "variable_declarator" => {
                if let (Some(name), Some(value)) = (node.field("name"), node.field("value")) {
                    let scope = ctx.scope_id(node, FUNCTIONS);
                    if name.kind_name() == "identifier" && web::typescript::is_request_origin(value, source) {
                        headers.origin_variables.insert((scope, ctx.text(name).to_string()));
                    } else if name.kind_name() == "object_pattern" && ctx.text(value).ends_with("headers") {
                        for part in lang::descendants(name) {
                            if part.kind_name() == "shorthand_property_identifier_pattern"
                                && ctx.text(part).eq_ignore_ascii_case("origin")
                            {
                                headers.origin_variables.insert((scope, ctx.text(part).to_string()));
                            }
                        }
                    }
                }
                continue;
            }
            _ => {}
        }
        let Some((header, value)) = web::typescript::cors_header_write(node, source) else { continue };
        let scope = ctx.scope_id(node, FUNCTIONS);
        if header == ALLOW_CREDENTIALS_HEADER {
            // Also `true as any`, or a constant that holds it.
            let value = lang::values::resolve(value, source);
            if value.kind_name() == "true"
                || typescript::string_value(value, source).is_some_and(|v| v.eq_ignore_ascii_case("true"))
            {
                headers.credentials.entry(scope).or_insert(node);
            }
        } else if header == ALLOW_ORIGIN_HEADER {
            let reflected = match value.kind_name() {
                "identifier" => headers.origin_variables.contains(&(scope, ctx.text(value).to_string())),
                "ternary_expression" => false,
                _ => web::typescript::is_request_origin(value, source),
            };
            if reflected && !origin_checked(ctx, node, CONDITIONALS, FUNCTIONS) {
                headers.reflected.push((scope, node));
            }
        }
    }
    headers.report(ctx, out);
}

/// Whether a Rust expression only runs when the environment or the
/// configuration says so: inside an `if` whose condition reads an
/// environment variable or a config or settings value.
fn behind_deployment_switch(node: Node<'_>, source: &str) -> bool {
    lang::ancestor_of_kind(node, &["if_expression"])
        .and_then(|i| i.field("condition"))
        .is_some_and(|c| lang::mentions_any(lang::text(c, source), &["env::var", "config", "settings", "Config"]))
}

fn check_rust(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    let uses = ctx.rust_uses();
    for node in ctx.nodes(&["call_expression"]) {
        let Some(chain) = web::rust::cors_chain(node, source, uses) else { continue };
        let framework = chain.framework;
        match (chain.origins.is_permissive(), chain.credentials, chain.preset) {
            (true, Some(credentials), preset) => {
                let message = match preset {
                    Some(preset) => format!(
                        "`{framework}::{preset}()` allows {} together with credentials: {RISK}",
                        chain.origins.describe()
                    ),
                    None => config_message(framework, chain.origins),
                };
                let mut finding = ctx.finding(chain.origins_node, message);
                if credentials != chain.origins_node {
                    finding = finding.with_related(ctx.location(credentials), "credentials are allowed here");
                }
                out.push(finding);
            }
            // Opted into by the deployment: `if env::var("CORS_PERMISSIVE").is_ok() { .. }`.
            (true, None, Some(_)) if behind_deployment_switch(node, source) => {}
            (true, None, Some(preset)) => {
                let mut finding = ctx.finding(
                    chain.origins_node,
                    format!("`{framework}::{preset}()` allows any origin, header and method; fine for a public API, too broad for anything else"),
                );
                finding.level = Level::Note.min(ctx.level);
                out.push(finding);
            }
            _ => {}
        }
    }
}
