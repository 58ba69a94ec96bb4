//! `hardcoded-url`: service URLs and connection strings written in code
//! outside the config layer.
//!
//! ## What it does
//! Flags string literals that are a URL with a service scheme (`http(s)`,
//! `ws(s)`, `grpc`, `postgres`, `mysql`, `mongodb`, `redis`, `amqp`, `kafka`,
//! `nats`, `sqlserver`, `jdbc:...`) or a bare `host:port` of a non-local host
//! passed to a call, in modules outside the config layer and tests.
//!
//! ## Why is this bad?
//! Every environment (local, staging, production, a customer's) needs a code
//! change and a release to point the service elsewhere.
//!
//! String literals and URLs are read with `lang::strings`. The user docs are
//! in `rules/hardcoded-url.md`.

use crate::lang::NodeExt;

use tree_sitter::Node;

use crate::diagnostic::Finding;
use crate::lang::http::hosts;
use crate::lang::strings::{is_bare_string_statement, parse_url, string_literal};
use crate::lang::{self, Family};
use crate::rules::{FileContext, OptionKind, Rule, RuleOption};

pub static RULE: Rule = Rule {
    id: "hardcoded-url",
    doc: include_str!("../../rules/hardcoded-url.md"),
    queries: &[],
    options: &[RuleOption { name: "own-domains", kind: OptionKind::StringList }],
    check: Some(check),
    project: None,
};

/// Schemes of services a deployment points at.
const SERVICE_SCHEMES: &[&str] = &[
    "http",
    "https",
    "ws",
    "wss",
    "grpc",
    "grpcs",
    "postgres",
    "postgresql",
    "mysql",
    "mariadb",
    "mongodb",
    "redis",
    "rediss",
    "amqp",
    "amqps",
    "kafka",
    "nats",
    "sqlserver",
];

/// Hosts of XML and JSON-schema namespaces and other identifiers that look
/// like URLs but are never fetched.
const NAMESPACE_HOSTS: &[&str] = &[
    "www.w3.org",
    "w3.org",
    "json-schema.org",
    "schemas.xmlsoap.org",
    "schemas.openxmlformats.org",
    "schemas.microsoft.com",
    "schemas.android.com",
    "xmlns.com",
    "purl.org",
    "schema.org",
    "ns.adobe.com",
    "docs.oasis-open.org",
    "www.sitemaps.org",
    "maven.apache.org",
    "java.sun.com",
    "xmlns.jcp.org",
    "www.opengis.net",
    "json.schemastore.org",
    "www.schemastore.org",
    "xml.org",
    "www.xml.org",
    "xml.python.org",
    "cyclonedx.org",
    "spdx.org",
];

/// Hosts of standards, documentation and web pages: links to read, not
/// services to call.
const DOCUMENTATION_HOSTS: &[&str] = &[
    "peps.python.org",
    "www.rfc-editor.org",
    "rfc-editor.org",
    "datatracker.ietf.org",
    "tools.ietf.org",
    "www.ietf.org",
    "www.unicode.org",
    "unicode.org",
    "www.iana.org",
    "spec.openapis.org",
    // Web pages of code hosts and registries (their APIs live on other hosts,
    // such as `api.github.com`).
    "github.com",
    "www.github.com",
    "gitlab.com",
    "bitbucket.org",
    "www.npmjs.com",
    "npmjs.com",
    "npm.im",
    "pypi.org",
    "crates.io",
    "stackoverflow.com",
    "en.wikipedia.org",
];

/// Whether a host serves documentation (`docs.python.org`, `developer.mozilla.org`,
/// `doc.rust-lang.org`, the RFC editor, ...).
fn is_documentation_host(host: &str) -> bool {
    ["docs.", "doc.", "developer.", "wiki.", "learn.", "help."].iter().any(|p| host.starts_with(p))
        || DOCUMENTATION_HOSTS.contains(&host)
}

/// Whether a literal is prose rather than a URL value: it holds whitespace
/// (also as `\n` / `\t` escapes), or it is one piece of an implicitly
/// concatenated Python string whose other pieces do.
fn is_prose(node: Node<'_>, value: &str, interpolated: bool, source: &str) -> bool {
    let spaced = |v: &str| v.trim_end().contains(char::is_whitespace) || v.contains("\\n") || v.contains("\\t");
    if !interpolated && spaced(value) {
        return true;
    }
    let Some(parent) = node.parent().filter(|p| p.kind_name() == "concatenated_string") else { return false };
    parent.named_child_nodes().any(|piece| piece != node && spaced(lang::text(piece, source)))
}

/// `host:port` for a non-local host with a dot in its name (or an IPv4
/// address), e.g. `db.internal:5432`; the host part's length.
fn bare_host_port(value: &str) -> Option<usize> {
    let (host, port) = value.rsplit_once(':')?;
    if port.is_empty()
        || port.len() > 5
        || !port.chars().all(|c| c.is_ascii_digit())
        || port.parse::<u32>().ok()? > 65535
    {
        return None;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let valid = labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    let ipv4 = labels.len() == 4 && labels.iter().all(|l| l.parse::<u8>().is_ok());
    let named = labels.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_alphabetic()) && tld.len() >= 2);
    (valid && (ipv4 || named) && !hosts::is_local_host(host)).then_some(host.len())
}

/// Whether a literal is the argument of a call (directly, as a keyword
/// argument or object property value, or in a list passed to one).
fn is_call_argument(node: Node<'_>) -> bool {
    let mut current = node;
    for _ in 0..4 {
        let Some(parent) = current.parent() else { return false };
        match parent.kind_name() {
            "argument_list" | "arguments" => return true,
            "keyword_argument" | "pair" | "list" | "array" | "array_expression" | "object" | "tuple" => {
                current = parent
            }
            _ => return false,
        }
    }
    false
}

/// Whether a literal is the fallback of an environment look-up
/// (`os.getenv("X", "...")`, `process.env.X ?? "..."`,
/// `env::var("X").unwrap_or(...)`), or the declared default of a setting
/// the user chooses (`default="redis://127.0.0.1:6379/0"` of a prompt or a
/// command-line option, `{ env: "DATABASE_URI", default: ".." }` of an
/// options table).
pub(crate) fn is_env_default(node: Node<'_>, source: &str) -> bool {
    if is_declared_default(node, source) {
        return true;
    }
    let mut current = node;
    for _ in 0..6 {
        let Some(parent) = current.parent() else { return false };
        if matches!(
            parent.kind_name(),
            "call" | "call_expression" | "binary_expression" | "boolean_operator" | "macro_invocation"
        ) {
            let text = lang::text(parent, source);
            if ["getenv", "environ", "process.env", "env::var", "Deno.env", "env.get", "env(", "config("]
                .iter()
                .any(|p| text.contains(p))
            {
                return true;
            }
        }
        if matches!(
            parent.kind_name(),
            "expression_statement"
                | "assignment"
                | "let_declaration"
                | "variable_declarator"
                | "block"
                | "statement_block"
        ) {
            return false;
        }
        current = parent;
    }
    false
}

/// Whether a literal is the value of a `default` keyword argument or key
/// (`prompt("Redis URI", default="redis://..")`, `{ default: "mongodb://.." }`).
fn is_declared_default(node: Node<'_>, source: &str) -> bool {
    let Some(parent) = node.parent() else { return false };
    let key = match parent.kind_name() {
        "keyword_argument" => parent.field("name"),
        "pair" => parent.field("key"),
        _ => None,
    };
    parent.field("value").is_some_and(|v| v.id() == node.id())
        && key.is_some_and(|k| matches!(lang::text(k, source).trim_matches(['"', '\'']), "default" | "defaultValue"))
}

/// Whether a literal is the `base_url` of a client that serves its requests
/// in process (`httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
/// base_url="http://in-memory/api")`, also set apart with
/// `settings.setdefault("base_url", ..)` in a function that makes such a
/// transport): the host is a name for the app, never looked up.
fn is_in_process_base_url(node: Node<'_>, source: &str) -> bool {
    let Some(parent) = node.parent() else { return false };
    let named_base_url = match parent.kind_name() {
        "keyword_argument" => parent.field("name").is_some_and(|n| lang::text(n, source) == "base_url"),
        // `settings.setdefault("base_url", "http://..")`
        "argument_list" => parent.named_child(0).is_some_and(|first| {
            first.id() != node.id() && lang::python::string_value(first, source) == Some("base_url")
        }),
        _ => false,
    };
    named_base_url
        && lang::ancestor_of_kind(node, &["function_definition"]).is_some_and(|f| {
            let body = lang::text(f, source);
            body.contains("ASGITransport(") || body.contains("WSGITransport(")
        })
}

/// Whether a literal is one of the sources a Content-Security-Policy
/// directive allows: an element of the list (or the value) under a key or
/// variable named for a directive (`'connect-src': [..]`, `connectSrc: [..]`,
/// `CSP_CONNECT_SRC = (..)`). The browser checks it; nothing connects to it.
fn is_policy_source(node: Node<'_>, source: &str) -> bool {
    let mut child = node;
    while let Some(parent) = child.parent() {
        match parent.kind_name() {
            "list" | "tuple" | "set" | "array" | "parenthesized_expression" => child = parent,
            "pair" => {
                return parent.field("value").is_some_and(|v| v.id() == child.id())
                    && parent.field("key").is_some_and(|k| {
                        let key = lang::text(k, source).trim_matches(|c| matches!(c, '"' | '\'' | '`'));
                        crate::lang::http::is_csp_source_directive(key)
                    });
            }
            "assignment" | "variable_declarator" => {
                let target = parent.field("left").or_else(|| parent.field("name"));
                return target.is_some_and(|t| {
                    t.id() != child.id() && crate::lang::http::is_csp_source_directive(lang::text(t, source))
                });
            }
            _ => return false,
        }
    }
    false
}

/// Places whose literals are not code values: imports, attributes, markup.
const OUTSIDE_CODE: &[&str] = &["import_statement", "attribute_item", "inner_attribute_item", "jsx_attribute"];

/// The nodes of [`OUTSIDE_CODE`] kinds, swept in document order beside the
/// literals (the literals come in document order too): whether a literal
/// sits in one is a look at the ranges still open, not a climb to the root.
struct OutsideCode<'t> {
    places: Vec<Node<'t>>,
    next: usize,
    open: Vec<Node<'t>>,
}

impl<'t> OutsideCode<'t> {
    fn contains(&mut self, literal: Node<'_>) -> bool {
        let at = literal.start_byte();
        while self.next < self.places.len() && self.places[self.next].start_byte() <= at {
            self.open.push(self.places[self.next]);
            self.next += 1;
        }
        self.open.retain(|p| p.end_byte() > at);
        self.open.iter().any(|p| literal.end_byte() <= p.end_byte() && p.id() != literal.id())
    }
}

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let layers = &ctx.settings.layers;
    // Browser code is configured by the page that serves it.
    if layers.config.is_match(&ctx.file.path) || ctx.is_test() || ctx.is_browser_code() {
        return;
    }
    let family = ctx.file.language.family();
    let source = ctx.source();
    let own_domains = ctx.option_strings("own-domains");
    let mut outside_code: Option<OutsideCode<'_>> = None;
    for node in ctx.nodes(crate::lang::STRING_KINDS) {
        // A URL (`scheme://`) and a bare `host:port` both hold a colon: most
        // strings are left before any further reading.
        if !ctx.text(node).contains(':') {
            continue;
        }
        let Some(literal) = string_literal(node, family, source) else { continue };
        if family == Family::Python && is_bare_string_statement(node) {
            continue;
        }
        let value = literal.value(source);
        if value.is_empty()
            || outside_code
                .get_or_insert_with(|| OutsideCode { places: ctx.nodes(OUTSIDE_CODE), next: 0, open: Vec::new() })
                .contains(node)
        {
            continue;
        }
        if let Some(url) = parse_url(value) {
            if !SERVICE_SCHEMES.contains(&url.scheme.as_str()) {
                continue;
            }
            // A prose string holding a link is not a URL value.
            if is_prose(node, value, literal.interpolated, source) {
                continue;
            }
            let host = &value[url.host.clone()];
            let host_lower = host.to_ascii_lowercase();
            if NAMESPACE_HOSTS.contains(&host_lower.as_str())
                || is_documentation_host(&host_lower)
                || is_policy_source(node, source)
                || lang::is_schema_example(node, source)
                || (family == Family::Python && is_in_process_base_url(node, source))
            {
                continue;
            }
            if hosts::is_local_host(host) && is_env_default(node, source) {
                continue;
            }
            let web = matches!(url.scheme.as_str(), "http" | "https" | "ws" | "wss" | "grpc" | "grpcs");
            if web && !hosts::is_environment_host(host, &own_domains) {
                continue;
            }
            let what = if web { "service URL" } else { "connection string" };
            let mut finding = ctx.finding(
                node,
                format!(
                    "hardcoded {what} `{}`{}: read it from configuration so each environment can point elsewhere",
                    url.origin,
                    enclosing(ctx, node)
                ),
            );
            if let Some(password) = url.password {
                let start = literal.content.0;
                finding = finding.redact(start + password.start..start + password.end);
            }
            out.push(finding);
        } else if !literal.interpolated
            && let Some(host_len) = bare_host_port(value)
            && is_call_argument(node)
            && !is_env_default(node, source)
        {
            out.push(ctx.finding(
                node,
                format!(
                    "hardcoded address `{value}` (host `{}`) passed to a client{}: read it from configuration",
                    &value[..host_len],
                    enclosing(ctx, node)
                ),
            ));
        }
    }
}

fn enclosing<'a>(ctx: &FileContext<'a>, node: Node<'a>) -> String {
    let kinds = ["function_definition", "function_declaration", "method_definition", "function_item"];
    ctx.ancestor_of_kind(node, &kinds)
        .and_then(|f| f.field("name"))
        .map(|n| format!(" in `{}`", ctx.text(n)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_addresses() {
        assert_eq!(bare_host_port("db.internal:5432"), Some(11));
        assert_eq!(bare_host_port("10.0.3.7:6379"), Some(8));
        assert_eq!(bare_host_port("localhost:5432"), None);
        assert_eq!(bare_host_port("127.0.0.1:8080"), None);
        assert_eq!(bare_host_port("user:42"), None);
        assert_eq!(bare_host_port("12:30"), None);
        assert_eq!(bare_host_port("v1.2:3"), None);
    }
}
