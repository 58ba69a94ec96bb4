//! `weak-password-hash`: passwords hashed with a fast digest (MD5, SHA-1,
//! SHA-2) or with a password-hashing function whose work factor is too low.
//!
//! ## What it does
//! Flags a fast digest whose input is a password-like name (`password`,
//! `pwd`, `user.passwd`, `secret`) or whose result is stored in a
//! password-hash field (`password_hash`, `hashed_password`), and bcrypt costs
//! below 10 or PBKDF2 iteration counts below 100,000 written as literals.
//!
//! Across modules (the project check), a password passed to a function that
//! hashes that parameter with a fast digest is reported at the call.
//!
//! ## Why is this bad?
//! Fast digests let an attacker who obtains the hashes try billions of
//! guesses per second; password hashes must be slow and salted.
//!
//! The digest and naming knowledge lives in `crate::lang::crypto`; the user
//! docs are in `rules/weak-password-hash.md`.

use crate::lang::NodeExt;
use std::collections::HashMap;

use tree_sitter::Node;

use crate::diagnostic::{Finding, Location};
use crate::lang::crypto::{self, MIN_BCRYPT_COST, MIN_PBKDF2_ITERATIONS};
use crate::lang::{self, Family, python, rust, typescript};
use crate::rules::{FileContext, OptionKind, ProjectCheck, ProjectContext, Rule, RuleOption};

pub static RULE: Rule = Rule {
    id: "weak-password-hash",
    doc: include_str!("../../rules/weak-password-hash.md"),
    queries: &[],
    options: &[
        RuleOption { name: "min-bcrypt-cost", kind: OptionKind::Integer },
        RuleOption { name: "min-pbkdf2-iterations", kind: OptionKind::Integer },
    ],
    check: Some(check),
    project: Some(PROJECT),
};

/// The part judged in the join: a password passed to a function of the
/// project (in its own module or another) that hashes that parameter with a
/// fast digest (`security.digest(password)` with `def digest(value): return
/// md5(value.encode()).hexdigest()`), reported at the call with the digest
/// as a related location.
const PROJECT: ProjectCheck = ProjectCheck { check: check_project, reads_digests: true, ..ProjectCheck::READS_NOTHING };

fn check_project(ctx: &ProjectContext<'_>, out: &mut Vec<Finding>) {
    let project = ctx.project;
    let tests = &ctx.settings.layers.tests;
    for (i, file) in project.files.iter().enumerate() {
        if file.wrapped().password_calls.is_empty() || tests.is_match(&file.path) {
            continue;
        }
        for call in &file.wrapped().password_calls {
            // A function of another module (through the file's imports) or of this one.
            let Some((fi, k)) = project.called_function(i, &call.callee) else { continue };
            let wrapper = &project.files[fi].functions[k];
            let Some(digest) = wrapper.digests().filter(|d| d.parameter == call.argument) else { continue };
            if tests.is_match(&project.files[fi].path) {
                continue;
            }
            out.push(
                ctx.finding_at(
                    call.location.clone(),
                    format!(
                        "`{}` hashes `{}` with {} (`{}` in `{}`), a fast digest: leaked hashes can be brute-forced at billions of guesses per second; {ADVICE}",
                        call.callee, call.password, digest.algorithm, digest.callee, wrapper.name
                    ),
                )
                .with_related(digest.location.clone(), format!("`{}` hashes its argument with {} here", wrapper.name, digest.algorithm))
                .with_step(call.location.clone(), format!("`{}` is passed to `{}`", call.password, call.callee))
                .with_step(wrapper.span.start_only().in_file(&project.files[fi].path), format!("`{}` is defined here", wrapper.name))
                .with_step(digest.location.clone(), format!("it hashes the argument with {}", digest.algorithm)),
            );
        }
    }
}

/// Whether a TypeScript or Rust file may hash anything this rule judges:
/// `None` when its text names neither a fast digest
/// (`crypto::may_digest`) nor bcrypt or PBKDF2; else whether it names a
/// digest. (Cheap tests before each call is looked at.)
fn names_a_hash(source: &str) -> Option<bool> {
    let digests = crypto::may_digest(source);
    (digests || lang::mentions_any(source, &["bcrypt", "pbkdf2"])).then_some(digests)
}

const ADVICE: &str = "use a password hashing function (Argon2, scrypt or bcrypt)";

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if ctx.is_test() {
        return;
    }
    let limits = Limits {
        bcrypt: ctx.option_int("min-bcrypt-cost", MIN_BCRYPT_COST),
        pbkdf2: ctx.option_int("min-pbkdf2-iterations", MIN_PBKDF2_ITERATIONS),
    };
    match ctx.file.language.family() {
        Family::Python => check_python(ctx, &limits, out),
        Family::TypeScript => check_typescript(ctx, &limits, out),
        Family::Rust => check_rust(ctx, &limits, out),
    }
}

struct Limits {
    bcrypt: i64,
    pbkdf2: i64,
}

/// A hasher bound to a variable, waiting for `.update(password)` calls.
type Hashers = HashMap<(usize, String), (String, &'static str, Location)>;

/// A `name.update(arg)` call seen during the walk.
struct Update<'t> {
    scope: usize,
    receiver: String,
    call: Node<'t>,
    argument: Node<'t>,
}

fn digest_message(callee: &str, algorithm: &str, password: &str) -> String {
    format!(
        "`{callee}` hashes `{password}` with {algorithm}, a fast digest: leaked hashes can be brute-forced at billions of guesses per second; {ADVICE}"
    )
}

fn stored_message(callee: &str, algorithm: &str, target: &str) -> String {
    format!("`{callee}` computes `{target}` with {algorithm}, a fast digest unfit for passwords; {ADVICE}")
}

fn work_factor_message(callee: &str, bcrypt: bool, value: i64, limits: &Limits) -> Option<String> {
    if bcrypt && value < limits.bcrypt {
        Some(format!(
            "`{callee}` uses bcrypt cost {value}, below the minimum of {}: raise it to {} or more",
            limits.bcrypt, limits.bcrypt
        ))
    } else if !bcrypt && value < limits.pbkdf2 {
        Some(format!(
            "`{callee}` runs {value} PBKDF2 iterations, below the minimum of {}: raise the count or use Argon2/scrypt",
            limits.pbkdf2
        ))
    } else {
        None
    }
}

fn report_updates(
    ctx: &FileContext<'_>,
    hashers: &Hashers,
    updates: Vec<Update<'_>>,
    password: impl Fn(Node<'_>) -> Option<String>,
    out: &mut Vec<Finding>,
) {
    for update in updates {
        let Some((callee, algorithm, made)) = hashers.get(&(update.scope, update.receiver.clone())) else { continue };
        if let Some(name) = password(update.argument) {
            // Reported where the digest is chosen, with the password's way in beside it.
            out.push(
                ctx.finding_at(
                    made.clone(),
                    format!(
                        "`{callee}` hashes `{name}` (fed in by `{}.update(..)`) with {algorithm}, a fast digest: {ADVICE}",
                        update.receiver
                    ),
                )
                .with_related(ctx.location(update.call), format!("`{name}` goes into the hasher here")),
            );
        }
    }
}

const PY_FUNCTIONS: &[&str] = &["function_definition", "lambda"];

fn check_python(ctx: &FileContext<'_>, limits: &Limits, out: &mut Vec<Finding>) {
    let source = ctx.source();
    let imports = ctx.python_imports();
    let mut hashers = Hashers::new();
    let mut updates = Vec::new();
    for node in ctx.nodes(&["call"]) {
        if node.kind_name() != "call" {
            continue;
        }
        if let Some(hash) = crypto::python::fast_hash_call(node, source, imports) {
            let callee = format!("{}()", hash.callee);
            if let Some(name) = hash.input.and_then(|i| crypto::python::password_operand(i, source)) {
                if !crypto::python::only_used_as_search_key(node, source) {
                    out.push(ctx.finding(node, digest_message(&callee, hash.algorithm, &name)));
                }
            } else if let Some(target) = crypto::python::stored_as_password_hash(node, source) {
                out.push(ctx.finding(node, stored_message(&callee, hash.algorithm, &target)));
            } else if let Some(variable) = crypto::python::stored_into(node, source) {
                hashers
                    .insert((ctx.scope_id(node, PY_FUNCTIONS), variable), (callee, hash.algorithm, ctx.location(node)));
            }
        } else if let Some(factor) = crypto::python::work_factor(node, source, imports) {
            let bcrypt = factor.kdf == crypto::python::Kdf::Bcrypt;
            // `pbkdf2_hmac(hash, key_material, salt, n)` derives a key; only a
            // password needs many iterations.
            let key_derivation = factor.callee.ends_with("pbkdf2_hmac")
                && crypto::python::positional(node, 1)
                    .is_some_and(|input| crypto::python::password_operand(input, source).is_none());
            if key_derivation {
                continue;
            }
            if let Some(message) = work_factor_message(&factor.callee, bcrypt, factor.value, limits) {
                out.push(ctx.finding(factor.node, message));
            }
        } else if python::callee_method(node, source) == Some("update")
            && let Some(receiver) = node.field("function").and_then(|f| f.field("object"))
            && receiver.kind_name() == "identifier"
            && let Some(argument) = crypto::python::positional(node, 0)
        {
            updates.push(Update {
                scope: ctx.scope_id(node, PY_FUNCTIONS),
                receiver: ctx.text(receiver).to_string(),
                call: node,
                argument,
            });
        }
    }
    report_updates(ctx, &hashers, updates, |n| crypto::python::password_operand(n, source), out);
}

const TS_FUNCTIONS: &[&str] = crate::lang::db::function_kinds(crate::lang::Family::TypeScript);

fn check_typescript(ctx: &FileContext<'_>, limits: &Limits, out: &mut Vec<Finding>) {
    let source = ctx.source();
    let Some(digests) = names_a_hash(source) else { return };
    let imports = ctx.typescript_imports();
    let mut hashers = Hashers::new();
    let mut updates = Vec::new();
    for node in ctx.nodes(&["call_expression"]) {
        if node.kind_name() != "call_expression" {
            continue;
        }
        if digests && let Some(hash) = crypto::typescript::fast_hash_call(node, source, imports) {
            let callee = format!("{}()", hash.callee);
            if let Some(name) = hash.inputs.iter().find_map(|i| crypto::typescript::password_operand(*i, source)) {
                out.push(ctx.finding(node, digest_message(&callee, hash.algorithm, &name)));
            } else if let Some(target) = crypto::typescript::stored_as_password_hash(hash.chain_end, source) {
                out.push(ctx.finding(node, stored_message(&callee, hash.algorithm, &target)));
            } else if hash.hasher
                && let Some(variable) = crypto::typescript::stored_into(node, source)
            {
                hashers
                    .insert((ctx.scope_id(node, TS_FUNCTIONS), variable), (callee, hash.algorithm, ctx.location(node)));
            }
        } else if let Some((kdf, value, literal)) = crypto::typescript::work_factor(node, source, imports) {
            let callee = typescript::callee_name(node, source).unwrap_or_default();
            if let Some(message) = work_factor_message(&callee, kdf == crypto::typescript::Kdf::Bcrypt, value, limits) {
                out.push(ctx.finding(literal, message));
            }
        } else if let Some(function) = node.field("function")
            && function.kind_name() == "member_expression"
            && function.field("property").is_some_and(|p| ctx.text(p) == "update")
            && let Some(receiver) = function.field("object").filter(|r| r.kind_name() == "identifier")
            && let Some(argument) = crypto::typescript::arguments(node).first().copied()
        {
            updates.push(Update {
                scope: ctx.scope_id(node, TS_FUNCTIONS),
                receiver: ctx.text(receiver).to_string(),
                call: node,
                argument,
            });
        }
    }
    report_updates(ctx, &hashers, updates, |n| crypto::typescript::password_operand(n, source), out);
}

const RS_FUNCTIONS: &[&str] = &["function_item", "closure_expression"];

fn check_rust(ctx: &FileContext<'_>, limits: &Limits, out: &mut Vec<Finding>) {
    let source = ctx.source();
    let Some(digests) = names_a_hash(source) else { return };
    let uses = ctx.rust_uses();
    let mut hashers = Hashers::new();
    let mut updates = Vec::new();
    for node in ctx.nodes(&["call_expression"]) {
        if node.kind_name() != "call_expression" {
            continue;
        }
        if digests && let Some(hash) = crypto::rust::fast_hash_call(node, source, uses) {
            let callee = format!("{}()", hash.callee);
            if let Some(name) = hash.inputs.iter().find_map(|i| crypto::rust::password_operand(*i, source)) {
                out.push(ctx.finding(node, digest_message(&callee, hash.algorithm, &name)));
            } else if let Some(target) = crypto::rust::stored_as_password_hash(hash.chain_end, source) {
                out.push(ctx.finding(node, stored_message(&callee, hash.algorithm, &target)));
            } else if hash.hasher
                && let Some(variable) = crypto::rust::stored_into(node, source)
            {
                hashers
                    .insert((ctx.scope_id(node, RS_FUNCTIONS), variable), (callee, hash.algorithm, ctx.location(node)));
            }
        } else if let Some((callee, kdf, value, literal)) = crypto::rust::work_factor(node, source, uses) {
            if let Some(message) = work_factor_message(&callee, kdf == crypto::rust::Kdf::Bcrypt, value, limits) {
                out.push(ctx.finding(literal, message));
            }
        } else if rust::method_name(node).is_some_and(|m| ctx.text(m) == "update")
            && let Some(receiver) = rust::method_receiver(node).filter(|r| r.kind_name() == "identifier")
            && let Some(argument) = rust::arguments(node).first().copied()
        {
            updates.push(Update {
                scope: ctx.scope_id(node, RS_FUNCTIONS),
                receiver: ctx.text(receiver).to_string(),
                call: node,
                argument,
            });
        }
    }
    report_updates(ctx, &hashers, updates, |n| crypto::rust::password_operand(n, source), out);
}
