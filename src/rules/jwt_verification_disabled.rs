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
//! A decode wrapper (a function that returns the claims of its parameter
//! decoded without verification) is judged by its callers, in a project
//! check ([`PROJECT`]): a caller that never verifies the token is reported
//! at its call, with the path into the wrapper; a wrapper no caller of the
//! project reaches is reported where it decodes, like any other decode.
//!
//! The library knowledge lives in `crate::lang::crypto`; the user docs are
//! in `rules/jwt-verification-disabled.md`.

use crate::lang::NodeExt;
use std::collections::HashSet;

use tree_sitter::Node;

use crate::diagnostic::Finding;
use crate::lang::crypto::{self, python::JwtCall as PyJwt, typescript::JwtCall as TsJwt};
use crate::lang::{Family, python, rust, typescript};
use crate::project::{DecodeFact, FileIndex, Project};
use crate::rules::{FileContext, ProjectCheck, ProjectContext, Rule};

pub static RULE: Rule = Rule {
    id: "jwt-verification-disabled",
    doc: include_str!("../../rules/jwt-verification-disabled.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: Some(PROJECT),
};

/// Decode wrappers judged by their callers, across modules.
const PROJECT: ProjectCheck = ProjectCheck { check: check_project, reads_decodes: true, ..ProjectCheck::READS_NOTHING };

fn check_project(ctx: &ProjectContext<'_>, out: &mut Vec<Finding>) {
    let project = ctx.project;
    let tests = &ctx.settings.layers.tests;
    // The wrappers (file, position in its `decode_wrappers`) a token reaches.
    let mut reached = HashSet::new();
    for (i, file) in project.files.iter().enumerate() {
        if file.wrapped().token_calls.is_empty() || tests.is_match(&file.path) {
            continue;
        }
        for call in &file.wrapped().token_calls {
            let Some((fi, k)) = project.called_function(i, &call.callee) else { continue };
            let wrappers = project.files[fi].wrapped().decode_wrappers.iter().enumerate();
            let Some((w, decode)) =
                wrappers.filter(|(_, d)| d.function == Some(k)).find(|(_, d)| d.parameter == call.argument)
            else {
                continue;
            };
            reached.insert((fi, w));
            if verifies(project, i, call.caller) {
                continue;
            }
            let wrapper = &project.files[fi].functions[k];
            let message = format!(
                "`{}` returns the claims of `{}` decoded without checking the signature (`{}(..)` in `{}`), and this function never verifies the token: {FORGE}",
                call.callee, call.token, decode.callee, wrapper.name
            );
            out.push(
                ctx.finding_at(call.location.clone(), message)
                    .with_related(
                        decode.location.clone(),
                        format!("`{}` decodes its argument without verification here", wrapper.name),
                    )
                    .with_step(call.location.clone(), format!("`{}` is passed to `{}`", call.token, call.callee))
                    .with_step(
                        wrapper.span.start_only().in_file(&project.files[fi].path),
                        format!("`{}` is defined here", wrapper.name),
                    )
                    .with_step(decode.location.clone(), "it decodes the token without checking the signature"),
            );
        }
    }
    // A wrapper no token of the project reaches is judged where it decodes.
    for (fi, file) in project.files.iter().enumerate() {
        for (w, decode) in file.wrapped().decode_wrappers.iter().enumerate() {
            if !reached.contains(&(fi, w)) && !tests.is_match(&file.path) {
                out.push(unreached_wrapper(ctx, file, decode));
            }
        }
    }
}

/// Whether the function `caller` of file `file` checks a token's
/// signature: in its own body, or through a function it passes a token to.
fn verifies(project: &Project, file: usize, caller: Option<usize>) -> bool {
    let Some(caller) = caller else { return false };
    let index = &project.files[file];
    index.functions[caller].verifies_token()
        || index.wrapped().token_calls.iter().filter(|c| c.caller == Some(caller)).any(|c| {
            project
                .called_function(file, &c.callee)
                .is_some_and(|(fi, k)| project.files[fi].functions[k].verifies_token())
        })
}

/// The finding of the file check for a decode, at a wrapper no caller reaches.
fn unreached_wrapper(ctx: &ProjectContext<'_>, file: &FileIndex, decode: &DecodeFact) -> Finding {
    let callee = &decode.callee;
    match (&decode.setting, file.language.family()) {
        (Some((at, setting)), _) => {
            let finding = ctx.finding_at(at.clone(), setting_message(callee, setting));
            if decode.location.bytes.contains(&at.bytes.start) {
                finding
            } else {
                finding.with_related(decode.location.clone(), "the call it configures")
            }
        }
        (None, Family::Python) => ctx.finding_at(decode.location.clone(), unverified_claims_message(callee)),
        (None, _) => ctx.finding_at(decode.location.clone(), unverified_decode_message(callee)),
    }
}

/// An unverified decode because of a setting (`verify_signature: False`).
fn setting_message(callee: &str, setting: &str) -> String {
    format!("`{callee}(..)` is called with `{setting}`: the signature is not checked, so {FORGE}")
}

/// python-jose `get_unverified_claims` in a function that never verifies.
fn unverified_claims_message(callee: &str) -> String {
    format!(
        "`{callee}(..)` reads the claims without checking the signature, and this function never verifies the token: {FORGE}"
    )
}

/// A TypeScript `jwt.decode()` whose result is used where nothing verifies.
fn unverified_decode_message(callee: &str) -> String {
    format!(
        "`{callee}(..)` does not verify the signature and its result is used in a function that never calls `verify`: {FORGE}"
    )
}

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
        let scope = ctx.scope_id(node, FUNCTIONS);
        match kind {
            PyJwt::Decode => match crypto::python::disabled_verification(node, source) {
                Some((at, crypto::python::ACCEPTS_NONE)) => out.push(with_call(
                    ctx,
                    ctx.finding(at, format!("`{callee}(..)` accepts the unsigned `none` algorithm: {FORGE}")),
                    at,
                    node,
                )),
                // A decode wrapper is judged by its callers (the project check).
                Some(_) if crypto::returned_decode_of_parameter(Family::Python, node, source).is_some() => {}
                Some((at, _)) => {
                    let setting = ctx.text(at);
                    candidates.push(Candidate {
                        scope,
                        finding: with_call(ctx, ctx.finding(at, setting_message(&callee, setting)), at, node),
                    });
                }
                None => {
                    verifying.insert(scope);
                }
            },
            PyJwt::UnverifiedClaims if crypto::returned_decode_of_parameter(Family::Python, node, source).is_some() => {
            }
            PyJwt::UnverifiedClaims => {
                candidates.push(Candidate { scope, finding: ctx.finding(node, unverified_claims_message(&callee)) })
            }
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
        let scope = ctx.scope_id(node, FUNCTIONS);
        match kind {
            TsJwt::Verify => {
                verifying.insert(scope);
                if let Some(none) = crypto::typescript::none_algorithm(node, source) {
                    let finding =
                        ctx.finding(none, format!("`{callee}(..)` accepts the unsigned `none` algorithm: {FORGE}"));
                    out.push(with_call(ctx, finding, none, node));
                }
            }
            // A decode wrapper is judged by its callers (the project check).
            TsJwt::Decode if crypto::returned_decode_of_parameter(Family::TypeScript, node, source).is_some() => {}
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
                candidates.push(Candidate { scope, finding: ctx.finding(node, unverified_decode_message(&callee)) });
            }
        }
    }
    out.extend(candidates.into_iter().filter(|c| !verifying.contains(&c.scope)).map(|c| c.finding));
}

fn check_rust(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let source = ctx.source();
    // Each form below is spelled out in the file (no import renames a
    // method or a field, and the paths are matched as written): a file
    // that spells none is done without looking at its calls.
    const SPELLINGS: &[&str] = &[crypto::rust::DISABLE_SIGNATURE_METHOD, "dangerous_", "validate_signature"];
    if !crate::lang::mentions_any(source, SPELLINGS) {
        return;
    }
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
