//! `http-call-without-timeout`: outbound HTTP requests and clients with no
//! timeout.
//!
//! ## What it does
//! Asks the shared HTTP knowledge (`lang::http`) for every outbound call and
//! client construction of the file and reports those left without a time
//! bound: requests calls without `timeout=`, `urlopen` without a timeout,
//! httpx with `timeout=None`, aiohttp sessions without a `ClientTimeout`;
//! axios calls and `axios.create()` without `timeout`, `fetch` without a
//! `signal`, got and `node:http(s)` without a timeout; reqwest clients built
//! without `.timeout(...)` (reported where the client is built), `ureq`
//! agents and requests without one.
//!
//! ## Why is this bad?
//! A peer that accepts the connection and never answers holds the caller's
//! worker, connection and memory until the process restarts.
//!
//! The user docs are in `rules/http-call-without-timeout.md`.

use crate::diagnostic::Finding;
use crate::lang::Family;
use crate::lang::NodeExt;
use crate::lang::http::{self, CallKind, HttpCall, Timeout};
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "http-call-without-timeout",
    doc: include_str!("../../rules/http-call-without-timeout.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: None,
};

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // A browser's fetch is bounded by the user, not by a server's workers.
    if ctx.is_test() || ctx.is_browser_code() {
        return;
    }
    let source = ctx.source();
    match ctx.file.language.family() {
        Family::Python => {
            let imports = ctx.python_imports();
            let clients =
                http::python::Clients::collect(ctx.nodes(http::python::Clients::BINDING_KINDS), source, imports);
            for node in ctx.nodes(&["call"]) {
                if node.kind_name() == "call"
                    && let Some(call) = http::python::classify(node, source, imports, &clients)
                {
                    report(ctx, &call, out);
                }
            }
        }
        Family::TypeScript => {
            let imports = ctx.typescript_imports();
            let clients = http::typescript::Clients::collect(
                ctx.nodes(http::typescript::Clients::BINDING_KINDS),
                source,
                imports,
            );
            for node in ctx.nodes(&["call_expression"]) {
                if node.kind_name() == "call_expression"
                    && let Some(call) = http::typescript::classify(node, source, imports, &clients)
                {
                    report(ctx, &call, out);
                }
            }
        }
        Family::Rust => {
            let uses = ctx.rust_uses();
            for node in ctx.nodes(&["call_expression"]) {
                if node.kind_name() == "call_expression"
                    && let Some(call) = http::rust::classify(node, source, uses)
                {
                    report(ctx, &call, out);
                }
            }
        }
    }
}

fn report(ctx: &FileContext<'_>, call: &HttpCall<'_>, out: &mut Vec<Finding>) {
    let callee = &call.callee;
    let message = match (call.timeout, call.kind) {
        (Timeout::Disabled(setting), _) => format!(
            "`{callee}` is called with `{}`: a server that stops answering blocks it forever",
            ctx.text(setting)
        ),
        (Timeout::Missing, CallKind::Request) => match call.library {
            "requests" | "aiohttp" => {
                format!("`{callee}` is called without `timeout=`: a server that stops answering blocks it forever")
            }
            "urllib" => {
                format!("`{callee}` is called without a timeout: a server that stops answering blocks it forever")
            }
            "fetch" => format!(
                "`{callee}` is called without a `signal` (e.g. `AbortSignal.timeout(...)`): a server that stops answering leaves it pending forever"
            ),
            "axios" | "got" => format!(
                "`{callee}` is called without a `timeout` option: a server that stops answering leaves it pending forever"
            ),
            "node:http" => format!(
                "`{callee}` is called without a `timeout` option or `setTimeout`: a server that stops answering leaves the request open forever"
            ),
            "reqwest" => format!(
                "`{callee}` uses a default client without a timeout: a server that stops answering blocks it forever"
            ),
            _ => {
                format!("`{callee}` sends a request without a timeout: a server that stops answering blocks it forever")
            }
        },
        (Timeout::Missing, CallKind::Client) => match call.library {
            "reqwest" if callee.ends_with("Client::new") || callee.ends_with("Client::default") => format!(
                "`{callee}()` builds a reqwest client without a timeout; use `Client::builder().timeout(...)` so its requests cannot hang forever"
            ),
            "reqwest" => format!(
                "the client built from `{callee}()` has no `.timeout(...)`: every request through it can hang forever"
            ),
            "aiohttp" => format!(
                "`{callee}()` creates a session without `timeout=aiohttp.ClientTimeout(...)`: its requests wait up to five minutes, or forever with `total=None`"
            ),
            "ureq" => format!("the `ureq` agent from `{callee}()` has no timeout: its requests can hang forever"),
            "axios" | "got" => format!(
                "`{callee}()` creates an instance without a `timeout` option: every request through it can hang forever"
            ),
            _ => format!("`{callee}()` builds an HTTP client without a timeout"),
        },
        _ => return,
    };
    out.push(ctx.finding(call.node, message));
}
