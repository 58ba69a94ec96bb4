//! `tls-verification-disabled`: certificate or hostname verification turned
//! off in HTTP and TLS clients.
//!
//! ## What it does
//! Flags code that switches off TLS certificate or hostname verification:
//! `verify=False` in `requests`/`httpx`, `ssl._create_unverified_context()`,
//! `CERT_NONE`; `rejectUnauthorized: false` and
//! `NODE_TLS_REJECT_UNAUTHORIZED=0` in Node; `danger_accept_invalid_certs(true)`
//! in reqwest and native-tls, `SslVerifyMode::NONE` in openssl, and rustls
//! verifiers that accept every certificate.
//!
//! ## Why is this bad?
//! Without verification any machine on the path can impersonate the server
//! and read or change the traffic, credentials included.
//!
//! The user docs, with examples in each language, are in
//! `rules/tls-verification-disabled.md`.

use tree_sitter::Node;

use crate::diagnostic::Finding;
use crate::lang::{Family, python, rust, typescript};
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "tls-verification-disabled",
    doc: include_str!("../../rules/tls-verification-disabled.md"),
    queries: &[
        (Family::Python, include_str!("../../queries/python/tls-verification-disabled.scm")),
        (Family::TypeScript, include_str!("../../queries/typescript/tls-verification-disabled.scm")),
        (Family::Rust, include_str!("../../queries/rust/tls-verification-disabled.scm")),
    ],
    options: &[],
    check,
};

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    match ctx.file.language.family() {
        Family::Python => check_python(ctx, out),
        Family::TypeScript => check_typescript(ctx, out),
        Family::Rust => check_rust(ctx, out),
    }
}

/// HTTP client modules whose calls take `verify=`.
const PY_HTTP_MODULES: &[&str] = &["requests", "httpx", "urllib3", "aiohttp"];

/// Methods of HTTP clients and sessions that take `verify=` / `ssl=`.
const PY_HTTP_METHODS: &[&str] =
    &["get", "post", "put", "patch", "delete", "head", "options", "request", "send", "stream", "ws_connect", "urlopen"];

fn check_python(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    ctx.for_each_match(|m| {
        let imports = ctx.python_imports();
        if let (Some(call), Some(keyword), Some(value)) =
            (ctx.capture(m, "call"), ctx.capture(m, "keyword"), ctx.capture(m, "value"))
        {
            let Some(callee) = python::callee_name(call, source) else { return };
            let qualified = imports.qualify(&callee);
            let module = qualified.split('.').next().unwrap_or("");
            let method = python::callee_method(call, source).unwrap_or("");
            let http_call = PY_HTTP_MODULES.contains(&module)
                || (PY_HTTP_METHODS.contains(&method) && PY_HTTP_MODULES.iter().any(|m| imports.imports_module(m)));
            let keyword = ctx.text(keyword);
            let disables = match keyword {
                "verify" => python::is_false(value) && http_call,
                "ssl" | "verify_ssl" => python::is_false(value) && (module == "aiohttp" || imports.imports_module("aiohttp")),
                "cert_reqs" => is_cert_none(value, source),
                _ => false,
            };
            if disables {
                let setting = ctx.text(value.parent().unwrap_or(value));
                out.push(ctx.finding(
                    value.parent().unwrap_or(value),
                    format!("`{callee}` is called with `{setting}`, which turns off TLS certificate verification"),
                ));
            }
        } else if let Some(call) = ctx.capture(m, "factory_call") {
            let callee = python::callee_name(call, source).unwrap_or_else(|| "_create_unverified_context".into());
            if imports.qualify(&callee).starts_with("ssl.") || callee == "ssl._create_unverified_context" {
                out.push(ctx.finding(
                    call,
                    format!("`{callee}()` creates an SSL context that verifies neither certificates nor host names"),
                ));
            }
        } else if let (Some(assignment), Some(attribute), Some(assigned)) =
            (ctx.capture(m, "assignment"), ctx.capture(m, "attribute"), ctx.capture(m, "assigned"))
        {
            let target = ctx.text(assignment.child_by_field_name("left").unwrap_or(attribute));
            let message = match ctx.text(attribute) {
                "verify" if python::is_false(assigned) => {
                    format!("`{target} = False` turns off TLS certificate verification for every request of this session")
                }
                "check_hostname" if python::is_false(assigned) => {
                    format!("`{target} = False` turns off TLS host name verification")
                }
                "verify_mode" if is_cert_none(assigned, source) => {
                    format!("`{target} = {}` turns off TLS certificate verification", ctx.text(assigned))
                }
                "_create_default_https_context" if ctx.text(assigned).ends_with("_create_unverified_context") => {
                    format!("`{target}` is replaced by an unverified context: every HTTPS connection of the process skips verification")
                }
                _ => return,
            };
            out.push(ctx.finding(assignment, message));
        }
    });
}

/// `ssl.CERT_NONE`, `CERT_NONE` or the string `"CERT_NONE"`.
fn is_cert_none(node: Node<'_>, source: &str) -> bool {
    match node.kind() {
        "string" => python::string_value(node, source) == Some("CERT_NONE"),
        _ => python::dotted_name(node, source).is_some_and(|n| n == "CERT_NONE" || n.ends_with(".CERT_NONE")),
    }
}

fn check_typescript(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    ctx.for_each_match(|m| {
        if let (Some(pair), Some(value)) = (ctx.capture(m, "pair"), ctx.capture(m, "value")) {
            let Some(key) = typescript::pair_key(pair, source) else { return };
            let message = match key {
                "rejectUnauthorized" if value.kind() == "false" => {
                    "`rejectUnauthorized: false` turns off TLS certificate verification".to_string()
                }
                "strictSSL" if value.kind() == "false" => "`strictSSL: false` turns off TLS certificate verification".to_string(),
                "checkServerIdentity" if accepts_any_identity(value, source) => {
                    "`checkServerIdentity` accepts every certificate: TLS host name verification is off".to_string()
                }
                _ => return,
            };
            out.push(ctx.finding(pair, message));
        } else if let (Some(assignment), Some(target), Some(assigned)) =
            (ctx.capture(m, "assignment"), ctx.capture(m, "target"), ctx.capture(m, "assigned"))
        {
            let Some(name) = typescript::dotted_name(target, source) else { return };
            if name != "process.env.NODE_TLS_REJECT_UNAUTHORIZED" {
                return;
            }
            let zero = typescript::string_value(assigned, source) == Some("0") || (assigned.kind() == "number" && ctx.text(assigned) == "0");
            if zero {
                out.push(ctx.finding(
                    assignment,
                    "`NODE_TLS_REJECT_UNAUTHORIZED` is set to 0: every TLS connection of the process skips certificate verification",
                ));
            }
        }
    });
}

/// A `checkServerIdentity` function that never returns an error: an arrow or
/// function whose body is empty or returns `undefined`/`null`.
fn accepts_any_identity(value: Node<'_>, source: &str) -> bool {
    if !matches!(value.kind(), "arrow_function" | "function_expression" | "function") {
        return false;
    }
    let Some(body) = value.child_by_field_name("body") else { return false };
    let body_text = &source[body.byte_range()];
    let compact: String = body_text.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        compact.as_str(),
        "{}" | "undefined"
            | "null"
            | "{returnundefined;}"
            | "{returnnull;}"
            | "{return;}"
            | "{returnundefined}"
            | "{returnnull}"
    )
}

fn check_rust(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    ctx.for_each_match(|m| {
        if let (Some(call), Some(method), Some(argument)) =
            (ctx.capture(m, "call"), ctx.capture(m, "method"), ctx.capture(m, "argument"))
        {
            let method_name = ctx.text(method);
            let message = match method_name {
                "danger_accept_invalid_certs" if rust::is_true(argument, source) => {
                    "`danger_accept_invalid_certs(true)` turns off TLS certificate verification".to_string()
                }
                "danger_accept_invalid_hostnames" if rust::is_true(argument, source) => {
                    "`danger_accept_invalid_hostnames(true)` turns off TLS host name verification".to_string()
                }
                "verify_hostname" if argument.kind() == "boolean_literal" && ctx.text(argument) == "false" => {
                    "`verify_hostname(false)` turns off TLS host name verification".to_string()
                }
                "set_verify" if ctx.text(argument).ends_with("SslVerifyMode::NONE") => {
                    format!("`set_verify({})` turns off TLS certificate verification", ctx.text(argument))
                }
                _ => return,
            };
            // Point at the method and its arguments, not the whole builder chain.
            let start = method.start_byte();
            let end = call.end_byte();
            out.push(ctx.finding_at(ctx.file.location(start..end), message));
        } else if let (Some(verifier), Some(function), Some(body)) =
            (ctx.capture(m, "verifier"), ctx.capture(m, "function"), ctx.capture(m, "body"))
        {
            let compact: String = ctx.text(body).chars().filter(|c| !c.is_whitespace()).collect();
            if compact == "{Ok(ServerCertVerified::assertion())}"
                || compact == "{Ok(rustls::client::danger::ServerCertVerified::assertion())}"
            {
                let name = verifier.child_by_field_name("type").map(|t| ctx.text(t)).unwrap_or("this verifier");
                out.push(ctx.finding(
                    function,
                    format!("`{name}::verify_server_cert` accepts every certificate without checking it"),
                ));
            }
        }
    });
}
