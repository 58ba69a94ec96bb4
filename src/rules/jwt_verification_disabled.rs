//! `jwt-verification-disabled`: JSON Web Tokens decoded without checking
//! their signature, or with the unsigned `none` algorithm accepted.
//!
//! ## What it does
//! Flags PyJWT/python-jose `decode(..)` with `verify_signature: False`,
//! `verify=False` or `none` among `algorithms`, python-jose
//! `get_unverified_claims`, `jsonwebtoken` `jwt.decode()` (and jose
//! `decodeJwt()`) whose result is used in a function that never verifies,
//! `'none'` in `jwt.verify`'s algorithms, and Rust jsonwebtoken's
//! `insecure_disable_signature_validation()` and `dangerous_insecure_decode*`.
//!
//! ## Why is this bad?
//! Without the signature check anyone can forge a token with any claims.
//!
//! The library knowledge lives in `crate::lang::crypto`; the user docs are
//! in `rules/jwt-verification-disabled.md`.

use crate::lang::NodeExt;
use std::collections::HashSet;

use tree_sitter::Node;

use crate::diagnostic::Finding;
use crate::lang::crypto::{self, python::JwtCall as PyJwt, typescript::JwtCall as TsJwt};
use crate::lang::{self, Family, python, rust, typescript};
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "jwt-verification-disabled",
    doc: include_str!("../../rules/jwt-verification-disabled.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: None,
};

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if ctx.is_test() {
        return;
    }
    match ctx.file.language.family() {
        Family::Python => check_python(ctx, out),
        Family::TypeScript => check_typescript(ctx, out),
        Family::Rust => check_rust(ctx, out),
    }
}

fn scope_of(node: Node<'_>, kinds: &[&str]) -> usize {
    lang::ancestor_of_kind(node, kinds).map_or(0, |f| f.id())
}

const FORGE: &str = "anyone can forge a token with any claims";

/// A finding that is dropped when its function also verifies a token
/// (decoding without verification first, to read the issuer or key id, is
/// a legitimate pattern).
struct Candidate {
    scope: usize,
    finding: Finding,
}

fn check_python(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    const FUNCTIONS: &[&str] = &["function_definition"];
    let source = ctx.source();
    let imports = ctx.python_imports();
    let mut verifying = HashSet::new();
    let mut candidates = Vec::new();
    for node in ctx.nodes(&["call"]) {
        if node.kind_name() != "call" {
            continue;
        }
        let Some(kind) = crypto::python::jwt_call(node, source, imports) else { continue };
        let callee = python::callee_name(node, source).unwrap_or_default();
        let scope = scope_of(node, FUNCTIONS);
        match kind {
            PyJwt::Decode => match crypto::python::disabled_verification(node, source) {
                Some((at, "accepts the unsigned `none` algorithm")) => out.push(with_call(
                    ctx,
                    ctx.finding(at, format!("`{callee}(..)` accepts the unsigned `none` algorithm: {FORGE}")),
                    at,
                    node,
                )),
                Some((at, _)) => {
                    let setting = ctx.text(at);
                    candidates.push(Candidate {
                        scope,
                        finding: with_call(
                            ctx,
                            ctx.finding(
                                at,
                                format!(
                                    "`{callee}(..)` is called with `{setting}`: the signature is not checked, so {FORGE}"
                                ),
                            ),
                            at,
                            node,
                        ),
                    });
                }
                None => {
                    verifying.insert(scope);
                }
            },
            PyJwt::UnverifiedClaims => candidates.push(Candidate {
                scope,
                finding: ctx.finding(
                    node,
                    format!("`{callee}(..)` reads the claims without checking the signature, and this function never verifies the token: {FORGE}"),
                ),
            }),
        }
    }
    out.extend(candidates.into_iter().filter(|c| !verifying.contains(&c.scope)).map(|c| c.finding));
}

fn check_typescript(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    const FUNCTIONS: &[&str] = crate::lang::db::function_kinds(crate::lang::Family::TypeScript);
    let source = ctx.source();
    let imports = ctx.typescript_imports();
    let mut verifying = HashSet::new();
    let mut candidates = Vec::new();
    for node in ctx.nodes(&["call_expression"]) {
        if node.kind_name() != "call_expression" {
            continue;
        }
        let Some(kind) = crypto::typescript::jwt_call(node, source, imports) else { continue };
        let callee = typescript::callee_name(node, source).unwrap_or_default();
        let scope = scope_of(node, FUNCTIONS);
        match kind {
            TsJwt::Verify => {
                verifying.insert(scope);
                if let Some(none) = crypto::typescript::none_algorithm(node, source) {
                    let finding =
                        ctx.finding(none, format!("`{callee}(..)` accepts the unsigned `none` algorithm: {FORGE}"));
                    out.push(with_call(ctx, finding, none, node));
                }
            }
            TsJwt::Decode => {
                // A decode whose result is thrown away decides nothing.
                let mut consumer = node.parent();
                while let Some(p) =
                    consumer.filter(|p| matches!(p.kind_name(), "await_expression" | "parenthesized_expression"))
                {
                    consumer = p.parent();
                }
                if consumer.is_none_or(|p| p.kind_name() == "expression_statement") {
                    continue;
                }
                // Reading the issuer or expiry to route or refresh a token trusts no identity.
                if crypto::typescript::reads_only_token_metadata(node, source) {
                    continue;
                }
                candidates.push(Candidate {
                    scope,
                    finding: ctx.finding(
                        node,
                        format!("`{callee}(..)` does not verify the signature and its result is used in a function that never calls `verify`: {FORGE}"),
                    ),
                });
            }
        }
    }
    out.extend(candidates.into_iter().filter(|c| !verifying.contains(&c.scope)).map(|c| c.finding));
}

fn check_rust(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    for node in ctx.nodes(&["call_expression", "assignment_expression"]) {
        match node.kind_name() {
            "call_expression" => {
                if let Some(method) = rust::method_name(node)
                    && ctx.text(method) == crypto::rust::DISABLE_SIGNATURE_METHOD
                {
                    out.push(ctx.finding_at(
                        ctx.file.location(method.start_byte()..node.end_byte()),
                        format!(
                            "`{}()` turns off signature validation: {FORGE}",
                            crypto::rust::DISABLE_SIGNATURE_METHOD
                        ),
                    ));
                } else if let Some(path) = rust::call_path(node, source)
                    && crypto::rust::is_insecure_decode_path(path)
                {
                    out.push(ctx.finding(
                        node,
                        format!("`{path}(..)` decodes the token without checking its signature: {FORGE}"),
                    ));
                }
            }
            "assignment_expression" => {
                let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
                    continue;
                };
                if left.kind_name() == "field_expression"
                    && left.field("field").is_some_and(|f| ctx.text(f) == "validate_signature")
                    && ctx.text(right) == "false"
                {
                    out.push(ctx.finding(
                        node,
                        format!("`{} = false` turns off signature validation: {FORGE}", ctx.text(left)),
                    ));
                }
            }
            _ => {}
        }
    }
}

/// A setting chosen away from the call it configures (options held in a
/// variable) points at where it is chosen, with the call as a related
/// location.
fn with_call(ctx: &FileContext<'_>, finding: Finding, at: Node<'_>, call: Node<'_>) -> Finding {
    if call.byte_range().contains(&at.start_byte()) {
        finding
    } else {
        finding.with_related(ctx.location(call), "the call it configures")
    }
}
