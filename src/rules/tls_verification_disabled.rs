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
//!
//! Candidates (keyword arguments, object pairs, assignments, method calls,
//! the rustls verifier's `impl` blocks) come from the shared node index: a
//! query would cost a traversal of its own (on Rust, half the rule time of a
//! whole check went to the one `impl ServerCertVerifier` pattern).

use crate::lang::NodeExt;
use tree_sitter::Node;

use crate::diagnostic::Finding;
use crate::lang::{self, Family, python, rust, typescript};
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "tls-verification-disabled",
    doc: include_str!("../../rules/tls-verification-disabled.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: None,
};

/// Words every construct the rule flags contains, per family: files that
/// mention none of them are skipped without looking at their tree.
static NEEDLES_PYTHON: lang::Words = lang::Words::new(&["verify", "ssl", "cert_reqs", "check_hostname", "_create_"]);
static NEEDLES_TYPESCRIPT: lang::Words =
    lang::Words::new(&["rejectUnauthorized", "strictSSL", "checkServerIdentity", "NODE_TLS_REJECT_UNAUTHORIZED"]);
static NEEDLES_RUST: lang::Words =
    lang::Words::new(&["danger_accept_invalid", "set_verify", "verify_hostname", "ServerCertVerifier"]);

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let family = ctx.file.language.family();
    let needles = match family {
        Family::Python => &NEEDLES_PYTHON,
        Family::TypeScript => &NEEDLES_TYPESCRIPT,
        Family::Rust => &NEEDLES_RUST,
    };
    if !needles.in_text(ctx.source()) {
        return;
    }
    match family {
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
    // Only a file that spreads a dict into a call (`f(**options)`) and
    // writes one of the keywords as a string (a dict key) is searched for
    // one: resolving every `**kwargs` of a module costs a walk back each.
    static QUOTED_KEYWORDS: lang::Words =
        lang::Words::new(&["\"verify", "'verify", "\"ssl", "'ssl", "\"cert_reqs", "'cert_reqs"]);
    let spreads = source.contains("**") && QUOTED_KEYWORDS.in_text(source);
    for node in ctx.nodes(&["keyword_argument", "call", "assignment"]) {
        let imports = ctx.python_imports();
        // `verify=False` written in the call, or held in a dict the call
        // spreads (`requests.get(url, **OPTIONS)` with `OPTIONS = {"verify": False}`).
        let mut settings: Vec<(Node<'_>, &str, Node<'_>, Option<Node<'_>>)> = Vec::new();
        if let Some((call, keyword, value)) = python_keyword(node, source) {
            settings.push((call, keyword, value, None));
        } else if node.kind_name() == "call" && spreads {
            settings.extend(python_spread_settings(node, source).into_iter().map(|(k, v, s)| (node, k, v, Some(s))));
        }
        for (call, keyword, value, spread) in settings {
            let Some(callee) = python::callee_name(call, source) else { continue };
            let qualified = imports.qualify(&callee);
            let module = qualified.split('.').next().unwrap_or("");
            let method = python::callee_method(call, source).unwrap_or("");
            let http_call = PY_HTTP_MODULES.contains(&module)
                || (PY_HTTP_METHODS.contains(&method) && PY_HTTP_MODULES.iter().any(|m| imports.imports_module(m)));
            // The setting may be held in a variable (`verify=VERIFY_TLS`).
            let held = lang::values::resolve(value, source);
            let disables = match keyword {
                "verify" => python::is_false(held) && http_call,
                "ssl" | "verify_ssl" => {
                    python::is_false(held) && (module == "aiohttp" || imports.imports_module("aiohttp"))
                }
                "cert_reqs" => is_cert_none(held, source),
                _ => false,
            };
            if !disables || reads_peer_certificate_only(call, source) {
                continue;
            }
            let argument = value.parent().unwrap_or(value);
            let setting = ctx.text(argument);
            let mut finding = ctx.finding(
                argument,
                format!("`{callee}` is called with `{setting}`, which turns off TLS certificate verification"),
            );
            if held.id() != value.id() {
                let holds = ctx.text(held);
                finding = finding.with_related(ctx.location(held), format!("`{}` is `{holds}` here", ctx.text(value)));
            }
            if let Some(spread) = spread {
                finding = finding.with_related(ctx.location(spread), format!("`{callee}` receives it here"));
            }
            out.push(finding);
        }
        if node.kind_name() == "keyword_argument" {
            continue;
        }
        if node.kind_name() == "call" && python::callee_method(node, source) == Some("_create_unverified_context") {
            let call = node;
            let callee = python::callee_name(call, source).unwrap_or_else(|| "_create_unverified_context".into());
            if imports.qualify(&callee).starts_with("ssl.") || callee == "ssl._create_unverified_context" {
                out.push(ctx.finding(
                    call,
                    format!("`{callee}()` creates an SSL context that verifies neither certificates nor host names"),
                ));
            }
        } else if let Some((assignment, attribute, assigned)) = python_attribute_assignment(node, source) {
            let target = ctx.text(assignment.field("left").unwrap_or(attribute));
            let message = match ctx.text(attribute) {
                "verify" if python::is_false(assigned) => {
                    format!(
                        "`{target} = False` turns off TLS certificate verification for every request of this session"
                    )
                }
                "check_hostname" if python::is_false(assigned) => {
                    format!("`{target} = False` turns off TLS host name verification")
                }
                "verify_mode" if is_cert_none(assigned, source) => {
                    format!("`{target} = {}` turns off TLS certificate verification", ctx.text(assigned))
                }
                "_create_default_https_context" if ctx.text(assigned).ends_with("_create_unverified_context") => {
                    format!(
                        "`{target}` is replaced by an unverified context: every HTTPS connection of the process skips verification"
                    )
                }
                _ => continue,
            };
            if reads_peer_certificate_only(assignment, source) {
                continue;
            }
            out.push(ctx.finding(assignment, message));
        }
    }
}

/// Whether `node` sits in a Python function that opens the connection only
/// to read the server's certificate (`ssock.getpeercert(binary_form=True)`,
/// a certificate-expiry check): it authenticates nothing and sends nothing,
/// and a certificate that does not verify is what it may have to report on.
fn reads_peer_certificate_only(node: Node<'_>, source: &str) -> bool {
    let Some(function) = lang::ancestor_of_kind(node, &["function_definition"]) else { return false };
    let methods: Vec<&str> = lang::descendants(function)
        .filter(|n| n.kind_name() == "call")
        .filter_map(|n| python::callee_method(n, source))
        .collect();
    methods.contains(&"getpeercert")
        && !methods.iter().any(|m| matches!(*m, "send" | "sendall" | "write" | "request" | "urlopen" | "putrequest"))
}

/// Keywords that can switch verification off: requests/httpx `verify=`,
/// aiohttp `ssl=` / `verify_ssl=`, urllib3 and ssl `cert_reqs=`.
const PY_KEYWORDS: &[&str] = &["verify", "ssl", "verify_ssl", "cert_reqs"];

/// For a `keyword_argument` in a call's argument list with one of
/// [`PY_KEYWORDS`]: the call, the keyword and its value.
fn python_keyword<'t, 's>(node: Node<'t>, source: &'s str) -> Option<(Node<'t>, &'s str, Node<'t>)> {
    if node.kind_name() != "keyword_argument" {
        return None;
    }
    let keyword = lang::text(node.field("name")?, source);
    if !PY_KEYWORDS.contains(&keyword) {
        return None;
    }
    let call =
        node.parent().filter(|p| p.kind_name() == "argument_list")?.parent().filter(|c| c.kind_name() == "call")?;
    Some((call, keyword, node.field("value")?))
}

/// The settings of [`PY_KEYWORDS`] a call passes through a dictionary it
/// spreads (`requests.get(url, **OPTIONS)`).
fn python_spread_settings<'t>(call: Node<'t>, source: &str) -> Vec<(&'static str, Node<'t>, Node<'t>)> {
    python::spread_keywords(call, source)
        .into_iter()
        .filter_map(|(keyword, value, spread)| {
            PY_KEYWORDS.iter().find(|k| **k == keyword).map(|known| (*known, value, spread))
        })
        .collect()
}

/// Attributes whose assignment can switch verification off:
/// `session.verify = False`, `ctx.check_hostname = False`,
/// `ctx.verify_mode = ssl.CERT_NONE`,
/// `ssl._create_default_https_context = ssl._create_unverified_context`.
const PY_ATTRIBUTES: &[&str] = &["verify", "check_hostname", "verify_mode", "_create_default_https_context"];

/// For an assignment to one of [`PY_ATTRIBUTES`]: the assignment, the
/// attribute name node and the assigned value.
fn python_attribute_assignment<'t>(node: Node<'t>, source: &str) -> Option<(Node<'t>, Node<'t>, Node<'t>)> {
    if node.kind_name() != "assignment" {
        return None;
    }
    let left = node.field("left").filter(|l| l.kind_name() == "attribute")?;
    let attribute = left.field("attribute")?;
    if !PY_ATTRIBUTES.contains(&lang::text(attribute, source)) {
        return None;
    }
    Some((node, attribute, node.field("right")?))
}

/// `ssl.CERT_NONE`, `CERT_NONE` or the string `"CERT_NONE"`.
fn is_cert_none(node: Node<'_>, source: &str) -> bool {
    match node.kind_name() {
        "string" => python::string_value(node, source) == Some("CERT_NONE"),
        _ => python::dotted_name(node, source).is_some_and(|n| n == "CERT_NONE" || n.ends_with(".CERT_NONE")),
    }
}

fn check_typescript(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    for node in ctx.nodes(&["pair", "assignment_expression"]) {
        if node.kind_name() == "pair" {
            let (Some(key), Some(value)) = (typescript::pair_key(node, source), node.field("value")) else {
                continue;
            };
            // The flag may be held in a constant (`rejectUnauthorized: INSECURE`).
            let held = lang::values::resolve(value, source);
            let message = match key {
                "rejectUnauthorized" | "strictSSL" if held.kind_name() == "false" => {
                    format!("`{key}: {}` turns off TLS certificate verification", ctx.text(value))
                }
                "checkServerIdentity" if accepts_any_identity(held, source) => {
                    "`checkServerIdentity` accepts every certificate: TLS host name verification is off".to_string()
                }
                _ => continue,
            };
            let mut finding = ctx.finding(node, message);
            if held.id() != value.id() {
                let holds = ctx.text(held);
                finding = finding.with_related(ctx.location(held), format!("`{}` is `{holds}` here", ctx.text(value)));
            }
            out.push(finding);
        } else {
            let (Some(target), Some(assigned)) = (node.field("left"), node.field("right")) else {
                continue;
            };
            if typescript::dotted_name(target, source).as_deref() != Some("process.env.NODE_TLS_REJECT_UNAUTHORIZED") {
                continue;
            }
            let zero = typescript::string_value(assigned, source) == Some("0")
                || (assigned.kind_name() == "number" && ctx.text(assigned) == "0");
            if zero {
                out.push(ctx.finding(
                    node,
                    "`NODE_TLS_REJECT_UNAUTHORIZED` is set to 0: every TLS connection of the process skips certificate verification",
                ));
            }
        }
    }
}

/// A `checkServerIdentity` function that never returns an error: an arrow or
/// function whose body is empty or returns `undefined`/`null`.
fn accepts_any_identity(value: Node<'_>, source: &str) -> bool {
    if !matches!(value.kind_name(), "arrow_function" | "function_expression" | "function") {
        return false;
    }
    let Some(body) = value.field("body") else { return false };
    let body_text = &source[body.byte_range()];
    let compact = lang::without_white_space(body_text);
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

/// Builder methods that turn verification off when given a literal:
/// reqwest/native-tls `danger_accept_invalid_certs(true)`,
/// `danger_accept_invalid_hostnames(true)`; openssl
/// `set_verify(SslVerifyMode::NONE)`, `verify_hostname(false)`.
fn rust_method_message(method: &str, argument: Node<'_>, held: Node<'_>, source: &str) -> Option<String> {
    let argument_text = lang::text(argument, source);
    let held_text = lang::text(held, source);
    Some(match method {
        "danger_accept_invalid_certs" if rust::is_true(held, source) => {
            format!("`danger_accept_invalid_certs({argument_text})` turns off TLS certificate verification")
        }
        "danger_accept_invalid_hostnames" if rust::is_true(held, source) => {
            format!("`danger_accept_invalid_hostnames({argument_text})` turns off TLS host name verification")
        }
        "verify_hostname" if held.kind_name() == "boolean_literal" && held_text == "false" => {
            format!("`verify_hostname({argument_text})` turns off TLS host name verification")
        }
        "set_verify" if held_text.ends_with("SslVerifyMode::NONE") => {
            format!("`set_verify({argument_text})` turns off TLS certificate verification")
        }
        _ => return None,
    })
}

fn check_rust(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    for call in ctx.nodes(&["call_expression"]) {
        let Some(method) = rust::method_name(call) else { continue };
        let Some(argument) = rust::arguments(call).into_iter().next() else { continue };
        // The flag may be held in a constant or a local (`let insecure = true;`).
        let held = lang::values::resolve(argument, source);
        if let Some(message) = rust_method_message(ctx.text(method), argument, held, source) {
            // Point at the method and its arguments, not the whole builder chain.
            let mut finding = ctx.finding_at(ctx.file.location(method.start_byte()..call.end_byte()), message);
            if held.id() != argument.id() {
                let holds = ctx.text(held);
                finding =
                    finding.with_related(ctx.location(held), format!("`{}` is `{holds}` here", ctx.text(argument)));
            }
            out.push(finding);
        }
    }
    // rustls verifiers that accept everything: `impl ServerCertVerifier for X`
    // whose `verify_server_cert` only asserts.
    for verifier in ctx.nodes(&["impl_item"]) {
        let implements =
            verifier.field("trait").is_some_and(|t| ctx.text(t).rsplit("::").next() == Some("ServerCertVerifier"));
        let Some(items) = verifier.field("body").filter(|_| implements) else { continue };
        let functions: Vec<Node<'_>> = items.named_child_nodes().filter(|f| f.kind_name() == "function_item").collect();
        for function in functions {
            let Some(body) = function.field("body") else { continue };
            if function.field("name").is_none_or(|n| ctx.text(n) != "verify_server_cert") {
                continue;
            }
            let compact = lang::without_white_space(ctx.text(body));
            if compact == "{Ok(ServerCertVerified::assertion())}"
                || compact == "{Ok(rustls::client::danger::ServerCertVerified::assertion())}"
            {
                let name = verifier.field("type").map(|t| ctx.text(t)).unwrap_or("this verifier");
                out.push(ctx.finding(
                    function.field("name").unwrap_or(function),
                    format!("`{name}::verify_server_cert` accepts every certificate without checking it"),
                ));
            }
        }
    }
}
