//! `hardcoded-secret`: passwords, tokens, API keys and private keys written in
//! code.
//!
//! ## What it does
//! Flags string literals assigned to names, keyword arguments, object keys,
//! struct fields or builder methods that say secret (`password`, `secret`,
//! `token`, `api_key`, `private_key`, `client_secret`, `auth`, ...), literals
//! in a known credential format anywhere (AWS access key ids, GitHub tokens,
//! Stripe live keys, Slack tokens, Google API keys, PEM private keys, JWTs),
//! and passwords inside URLs.
//!
//! ## Why is this bad?
//! Whoever can read the code, its history, a build artefact or a log of it
//! holds the credential; rotating it takes a release.
//!
//! Every finding redacts the literal's secret part, so the value appears in
//! no output; messages name the variable and the kind of secret, never the
//! value. The user docs are in `rules/hardcoded-secret.md`.

use crate::lang::NodeExt;
use crate::lang::identifier_words as words;
use std::collections::HashSet;
use std::ops::Range;

use tree_sitter::Node;

use crate::diagnostic::Finding;
use crate::lang::crypto::{self, KeySource};
use crate::lang::strings::{is_bare_string_statement, parse_url, string_literal};
use crate::lang::{self, Family, rust, web};
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "hardcoded-secret",
    doc: include_str!("../../rules/hardcoded-secret.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: None,
};

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if ctx.is_test() {
        return;
    }
    let family = ctx.file.language.family();
    let source = ctx.source();
    // Keys by where they flow first; the literals reported there are not
    // judged again by their names.
    let mut by_flow = report_keys(ctx, out);
    report_compared_passwords(ctx, out, &mut by_flow);
    let migration = crate::lang::db::is_migration_path(&ctx.file.path);
    for node in ctx.nodes(crate::lang::STRING_KINDS) {
        if by_flow.contains(&node.start_byte()) {
            continue;
        }
        let Some(literal) = string_literal(node, family, source) else { continue };
        let value = literal.value(source);
        if value.is_empty() {
            continue;
        }
        // A docstring documents; it holds nothing. (Asked only of a literal
        // about to be reported, as it walks up the tree; a literal judged by
        // its name is never a bare statement.)
        let docstring = || family == Family::Python && is_bare_string_statement(node);
        let start = literal.content.0;
        // Known credential formats, anywhere in the literal.
        let formats = find_known_formats(value);
        if !formats.is_empty() {
            if docstring() {
                continue;
            }
            let kinds: Vec<&str> = formats.iter().map(|(kind, _)| *kind).collect();
            let mut finding = ctx.finding(
                node,
                format!(
                    "string literal{} holds {}; load it from the environment or a secret store and rotate it",
                    assigned_name(node, ctx.node_index(), family, source)
                        .map(|n| format!(" assigned to `{n}`"))
                        .unwrap_or_default(),
                    kinds.join(" and ")
                ),
            );
            for (_, range) in formats {
                finding = finding.redact(start + range.start..start + range.end);
            }
            out.push(finding);
            continue;
        }
        // Credentials inside a URL.
        if let Some(url) = parse_url(value)
            && let Some(password) = url.password
        {
            let secret = &value[password.clone()];
            if !is_placeholder(secret)
                && !secret.contains(['{', '}', '$', '%', '<'])
                && !lang::is_schema_example(node, source)
                && !docstring()
            {
                out.push(
                    ctx.finding(
                        node,
                        format!(
                            "the URL for `{}` holds a hardcoded password; take the credentials from the environment or a secret store",
                            url.origin
                        ),
                    )
                    .redact(start + password.start..start + password.end),
                );
            }
            continue;
        }
        // In browser code every value is public: a name that says secret
        // holds a public client id or a label; in a migration, names are
        // the schema's (`shared_credentials: 'credentialsId'`, a foreign
        // key's hash suffix). (A key in a known format, above, is reported
        // there too.)
        if literal.interpolated || ctx.is_browser_code() || migration {
            continue;
        }
        // Literals given to a name that says secret. Whatever the name, the
        // value must look like a credential: that is asked first, as
        // finding the name walks the tree.
        if !is_mnemonic(value) && !secret_part(value, "").is_some_and(|s| looks_like_secret(value, s)) {
            continue;
        }
        let Some(name) = assigned_name(node, ctx.node_index(), family, source) else { continue };
        let Some(kind) = secret_kind(&name) else { continue };
        // A wallet's recovery phrase is words by design: 12 to 24 of them.
        let mnemonic = kind == "wallet mnemonic" && is_mnemonic(value);
        if !mnemonic {
            let Some(secret) = secret_part(value, &name) else { continue };
            if !looks_like_secret(value, secret) {
                continue;
            }
        }
        if family == Family::Python && goes_into_urls(node, source) {
            continue;
        }
        // An API schema's example shows what a field holds; nothing uses it.
        if lang::is_schema_example(node, source) {
            continue;
        }
        out.push(
            ctx.finding(
                node,
                format!("`{name}` is set to a hardcoded {kind}; load it from the environment or a secret store"),
            )
            .redact(literal.range()),
        );
    }
    // A line marked for Python linters as a deliberate hard-coded password
    // (`# nosec B105`, `# noqa: S105`) has been looked at and kept.
    if family == Family::Python {
        let file = ctx.file;
        out.retain(|f| {
            !lang::python::acknowledges_hardcoded_password(file.line_text(file.line_of(f.location.bytes.start)))
        });
    }
}

/// Whether a value is a BIP-39 style recovery phrase: 12, 15, 18, 21 or 24
/// lower-case words of letters, none of them a placeholder.
fn is_mnemonic(value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    matches!(words.len(), 12 | 15 | 18 | 21 | 24)
        && words.iter().all(|w| (3..=8).contains(&w.len()) && w.chars().all(|c| c.is_ascii_lowercase()))
        && !is_placeholder(value)
}

/// Texts one of which a file must contain to hand a key to a library that
/// `lang::crypto` knows (a cheap test before looking at its calls).
fn names_a_keyed_api(family: Family, source: &str) -> bool {
    static PYTHON: lang::Words =
        lang::Words::new(&["jwt", "hmac", "itsdangerous", "secret_key", "SECRET_KEY", "boto3"]);
    static TYPESCRIPT: lang::Words = lang::Words::new(&[
        "jsonwebtoken",
        "createHmac",
        "cookie-parser",
        "express-session",
        "cookie-session",
        "jose",
        "createSecretKey",
        "aws-sdk",
    ]);
    static RUST: lang::Words = lang::Words::new(&["from_secret", "new_from_slice", "Credentials"]);
    match family {
        Family::Python => PYTHON.in_text(source),
        Family::TypeScript => TYPESCRIPT.in_text(source),
        Family::Rust => RUST.in_text(source),
    }
}

/// Reports literals that reach the key of a library that signs or
/// authenticates (`lang::crypto`'s `key_use`), wherever they are written:
/// inline, in a variable or constant, or as the fallback of an environment
/// read. Returns the start bytes of the literals reported.
fn report_keys(ctx: &FileContext<'_>, out: &mut Vec<Finding>) -> HashSet<usize> {
    let mut reported = HashSet::new();
    let family = ctx.file.language.family();
    let source = ctx.source();
    // Keys in browser code are public anyway; the rule leaves that code alone.
    if ctx.is_browser_code() || !names_a_keyed_api(family, source) {
        return reported;
    }
    let kinds: &[&str] = match family {
        Family::Python => &["call", "assignment"],
        Family::TypeScript => &["call_expression", "new_expression"],
        Family::Rust => &["call_expression"],
    };
    let django_settings = family == Family::Python
        && source.contains("SECRET_KEY")
        && web::python::is_django_settings(&ctx.file.path, ctx.root(), source)
        && !web::is_development_module(&ctx.file.path);
    for node in ctx.nodes(kinds) {
        let found = match family {
            Family::Python => crypto::python::key_use(node, source, ctx.python_imports())
                .or_else(|| crypto::python::key_assignment(node, source, ctx.python_imports(), django_settings))
                .and_then(|u| Some((u, crypto::python::key_source(u.key, source)?))),
            Family::TypeScript => crypto::typescript::key_use(node, source, ctx.typescript_imports())
                .and_then(|u| Some((u, crypto::typescript::key_source(u.key, source)?))),
            Family::Rust => crypto::rust::key_use(node, source, ctx.rust_uses())
                .and_then(|u| Some((u, crypto::rust::key_source(u.key, source)?))),
        };
        let Some((key_use, key_source)) = found else { continue };
        let literal = key_source.literal();
        // Byte strings (`b"key"`) are keys too, though not text for the other checks.
        let raw = ctx.text(literal);
        let content = match string_literal(literal, family, source) {
            Some(content) => content.range(),
            None => match (raw.find('"'), raw.rfind('"')) {
                (Some(open), Some(close)) if open < close => {
                    literal.start_byte() + open + 1..literal.start_byte() + close
                }
                _ => continue,
            },
        };
        let api = match key_use.sink.field("function") {
            // A builder chain (`new SignJWT(..).setProtectedHeader(..).sign`): its head and its last method.
            Some(function) if ctx.text(function).contains('(') => {
                let written = ctx.text(function);
                let head = &written[..written.find('(').unwrap_or(written.len())];
                let method = function.field("property").map(|p| ctx.text(p)).unwrap_or_default();
                format!("{head}(..).{method}")
            }
            Some(function) => ctx.text(function).to_string(),
            // A constructor, named without its arguments (they may hold the secret).
            None if key_use.sink.field("constructor").is_some() => {
                format!("new {}", key_use.sink.field("constructor").map(|c| ctx.text(c)).unwrap_or_default())
            }
            None => ctx.text(key_use.sink.field("left").unwrap_or(key_use.sink)).to_string(),
        };
        let api = crate::lang::db::short(&api);
        let message = match key_source {
            KeySource::Literal(_) => format!(
                "hardcoded key: this literal {} (`{api}`), so anyone who reads the code can forge what it protects; load it from the environment or a secret store and rotate it",
                key_use.purpose
            ),
            KeySource::Fallback(_) => format!(
                "hardcoded fallback key: when the environment variable is unset this literal {} (`{api}`), and anyone who reads the code can forge what it protects; fail at start-up instead",
                key_use.purpose
            ),
        };
        let mut finding = ctx.finding(literal, message).redact(content);
        if !key_use.sink.byte_range().contains(&literal.start_byte()) {
            finding = finding.with_related(ctx.location(key_use.sink), "the key is used here");
        }
        if reported.insert(literal.start_byte()) {
            out.push(finding);
        }
    }
    reported
}

/// Reports a password compared with a literal (`if password == "admin123"`,
/// `pass === 'hunter2'`): the literal is a credential that logs in, a
/// backdoor whoever reads the code can use. Masked values (`"********"`),
/// placeholders and empty strings are not passwords. The start bytes of the
/// literals reported are added to `reported`.
fn report_compared_passwords(ctx: &FileContext<'_>, out: &mut Vec<Finding>, reported: &mut HashSet<usize>) {
    let family = ctx.file.language.family();
    let source = ctx.source();
    if ctx.is_browser_code() || !crypto::may_name_password(source) {
        return;
    }
    let kind = if family == Family::Python { "comparison_operator" } else { "binary_expression" };
    for node in ctx.nodes(&[kind]) {
        let (Some(left), Some(right)) = (node.named_child(0), node.named_child(1)) else { continue };
        if node.named_child_count() != 2 {
            continue;
        }
        let operator = source[left.end_byte()..right.start_byte()].trim();
        if !matches!(operator, "==" | "===") {
            continue;
        }
        for (name_side, literal_side) in [(left, right), (right, left)] {
            let Some(name) = compared_name(name_side, source) else { continue };
            if !crypto::is_password_name(name) {
                continue;
            }
            let Some(literal) = string_literal(literal_side, family, source) else { continue };
            let value = literal.value(source);
            if literal.interpolated || value.trim().is_empty() || is_placeholder(value) {
                continue;
            }
            if reported.insert(literal_side.start_byte()) {
                out.push(
                    ctx.finding(
                        literal_side,
                        format!(
                            "`{name}` is compared with a hardcoded password: anyone who reads the code can log in with it; check a stored hash instead"
                        ),
                    )
                    .redact(literal.range()),
                );
            }
        }
    }
}

/// The name a compared operand reads: an identifier, or the last segment
/// of an attribute, member or field access (`form.password`, `req.body.pass`).
fn compared_name<'a>(operand: Node<'_>, source: &'a str) -> Option<&'a str> {
    let name = match operand.kind_name() {
        "identifier" => operand,
        "attribute" => operand.field("attribute")?,
        "member_expression" => operand.field("property")?,
        "field_expression" => operand.field("field")?,
        _ => return None,
    };
    Some(lang::text(name, source))
}

/// Whether a Python literal is only ever a route parameter of a URL being
/// built (see [`web::python::is_url_parameter`]): given to `reverse(..,
/// kwargs={..})` itself, or a field of a literal record that a loop right
/// there feeds into one (`for order in [{"secret": ".."}, ..]` and then
/// `kwargs={"secret": order["secret"]}`). A value printed in links is a
/// resource's identifier, not a credential of the service: sample data for
/// a preview.
fn goes_into_urls(literal: Node<'_>, source: &str) -> bool {
    if web::python::is_url_parameter(literal, source) {
        return true;
    }
    let Some(pair) = literal.parent().filter(|p| p.kind_name() == "pair") else { return false };
    let Some(key) = pair.field("key").and_then(|k| lang::python::string_value(k, source)) else { return false };
    let Some(list) = pair.parent().and_then(|d| d.parent()).filter(|l| l.kind_name() == "list") else {
        return false;
    };
    let Some(clause) = list.parent().filter(|c| matches!(c.kind_name(), "for_in_clause" | "for_statement")) else {
        return false;
    };
    if clause.field("right") != Some(list) {
        return false;
    }
    let Some(variable) = clause.field("left").filter(|l| l.kind_name() == "identifier") else { return false };
    let variable = lang::text(variable, source);
    let scope = if clause.kind_name() == "for_in_clause" { clause.parent() } else { clause.field("body") };
    let Some(scope) = scope else { return false };
    let mut reads = lang::descendants(scope).filter(|n| {
        n.kind_name() == "subscript"
            && n.field("value").is_some_and(|v| lang::text(v, source) == variable)
            && n.field("subscript").and_then(|k| lang::python::string_value(k, source)) == Some(key)
    });
    let first = reads.next();
    first.is_some_and(|read| web::python::is_url_parameter(read, source))
        && reads.all(|read| web::python::is_url_parameter(read, source))
}

// ---------------------------------------------------------------- names

/// The name a literal is given to: an assignment target, a keyword argument,
/// an object key, a struct field, a default parameter, or a builder method
/// such as `.password("...")` / `.bearer_auth("...")`.
fn assigned_name<'t>(node: Node<'t>, index: &lang::NodeIndex<'t>, family: Family, source: &str) -> Option<String> {
    let (node, parent) =
        if family == Family::Rust { through_conversions(node, index, source) } else { (node, index.parent(node)) };
    let parent = parent?;
    let is_value = |field: &'static str| parent.field(field) == Some(node);
    let last_segment = |target: Node<'_>| -> Option<String> {
        match target.kind_name() {
            "identifier" | "property_identifier" | "field_identifier" | "shorthand_property_identifier" => {
                Some(lang::text(target, source).to_string())
            }
            "attribute" => target.field("attribute").map(|a| lang::text(a, source).to_string()),
            "member_expression" => target.field("property").map(|p| lang::text(p, source).to_string()),
            "field_expression" => target.field("field").map(|f| lang::text(f, source).to_string()),
            "subscript" | "subscript_expression" => {
                let key = target.field("subscript").or_else(|| target.field("index"))?;
                let literal = string_literal(key, family, source)?;
                Some(literal.value(source).to_string())
            }
            _ => None,
        }
    };
    match parent.kind_name() {
        "assignment" | "augmented_assignment" if is_value("right") => last_segment(parent.field("left")?),
        "assignment_expression" if is_value("right") => last_segment(parent.field("left")?),
        "keyword_argument" | "default_parameter" | "typed_default_parameter" if is_value("value") => {
            Some(lang::text(parent.field("name")?, source).to_string())
        }
        "pair" if is_value("value") => {
            let key = parent.field("key")?;
            match string_literal(key, family, source) {
                Some(literal) => Some(literal.value(source).to_string()),
                None => Some(lang::text(key, source).to_string()),
            }
        }
        "variable_declarator" if is_value("value") => last_segment(parent.field("name")?),
        "public_field_definition" | "field_definition" if is_value("value") => {
            last_segment(parent.field("name").or_else(|| parent.field("property"))?)
        }
        "assignment_pattern" if is_value("right") => last_segment(parent.field("left")?),
        "let_declaration" if is_value("value") => last_segment(parent.field("pattern")?),
        "const_item" | "static_item" if is_value("value") => {
            Some(lang::text(parent.field("name")?, source).to_string())
        }
        "field_initializer" if is_value("value") => Some(lang::text(parent.field("field")?, source).to_string()),
        "arguments" if family == Family::Rust => rust_builder_name(node, parent, index, source),
        _ => None,
    }
}

/// The outermost of the conversions a Rust literal goes through before it is
/// stored: `"...".into()`, `.to_string()`, `.to_owned()`, `String::from("...")`,
/// `SecretString::from("...")` / `Secret::new("...")`; with its parent.
fn through_conversions<'t>(
    literal: Node<'t>,
    index: &lang::NodeIndex<'t>,
    source: &str,
) -> (Node<'t>, Option<Node<'t>>) {
    let mut node = literal;
    loop {
        let Some(parent) = index.parent(node) else { return (node, None) };
        match parent.kind_name() {
            "field_expression" => {
                let method = parent.field("field").map(|f| lang::text(f, source));
                match index.parent(parent) {
                    Some(call)
                        if call.kind_name() == "call_expression"
                            && matches!(method, Some("into" | "to_string" | "to_owned"))
                            && rust::arguments(call).is_empty() =>
                    {
                        node = call
                    }
                    _ => return (node, Some(parent)),
                }
            }
            "arguments" => match index.parent(parent) {
                Some(call)
                    if rust::call_path(call, source).is_some_and(|p| {
                        p.ends_with("::from") || p.ends_with("Secret::new") || p.ends_with("SecretString::new")
                    }) && rust::arguments(call).len() == 1 =>
                {
                    node = call
                }
                _ => return (node, Some(parent)),
            },
            _ => return (node, Some(parent)),
        }
    }
}

/// `.password("...")`, `.bearer_auth("...")`, `.basic_auth(user, Some("..."))`:
/// the method name when the literal is its secret argument.
fn rust_builder_name<'t>(
    literal: Node<'t>,
    arguments: Node<'t>,
    index: &lang::NodeIndex<'t>,
    source: &str,
) -> Option<String> {
    let mut call = index.parent(arguments)?;
    let mut argument = literal;
    // Look through `Some("...")`.
    if rust::call_path(call, source) == Some("Some") {
        argument = call;
        call = index.parent(index.parent(call)?)?;
    }
    let method = lang::text(rust::method_name(call)?, source);
    let index = rust::arguments(call).iter().position(|a| *a == argument)?;
    match method {
        "basic_auth" if index == 1 => Some(method.to_string()),
        "password" | "bearer_auth" | "token" | "api_key" | "secret" | "set_password" | "auth_token" if index == 0 => {
            Some(method.to_string())
        }
        _ => None,
    }
}

/// Last words that make a name describe something about a secret rather than
/// hold one (`password_field`, `token_url`, `secret_name`, `api_key_header`).
const DESCRIPTIVE: &[&str] = &[
    "url",
    "uri",
    "path",
    "file",
    "filename",
    "name",
    "id",
    "header",
    "type",
    "field",
    "param",
    "env",
    "var",
    "endpoint",
    "prefix",
    "suffix",
    "length",
    "len",
    "expiry",
    "expires",
    "ttl",
    "label",
    "regex",
    "pattern",
    "format",
    "scope",
    "mode",
    "policy",
    "hint",
    "dir",
    "algorithm",
    "alg",
    "kind",
    "version",
    "count",
    "max",
    "min",
    "timeout",
    "message",
    "msg",
    "error",
    "prompt",
    "placeholder",
    "template",
    "method",
    "route",
    "location",
    "table",
    "column",
    "query",
    "input",
    "selector",
    "class",
    "style",
    "text",
    "title",
    "description",
    "help",
    "link",
    "hash",
    "salt",
    "rule",
    "rules",
    "enabled",
    "required",
    "event",
    "topic",
    "queue",
    "provider",
    "source",
    "store",
    "manager",
    "service",
    "backend",
    "strategy",
    "cookie",
    "separator",
    "delimiter",
    "encoding",
    "size",
    "bytes",
    "lifetime",
    "reset",
    "changed",
    "policy",
    "length",
    "arn",
    "ref",
    "key_id",
    "path",
    "dirname",
    "username",
    "user",
    "login",
    "email",
    "audience",
    "issuer",
    "claim",
    "claims",
];

/// The kind of secret a name says it holds, for messages, or `None`.
/// Words that make a `..._key` name a cryptographic or access key
/// (`STATIC_KEY`, `encryption_key`, `hmacKey`, `LICENSE_KEY`) rather than a
/// lookup key (`cache_key`, `sort_key`).
const KEY_QUALIFIERS: &[&str] = &[
    "static",
    "encryption",
    "encrypt",
    "hmac",
    "aes",
    "enc",
    "cipher",
    "crypto",
    "jwt",
    "license",
    "admin",
    "shared",
    "webhook",
];

fn secret_kind(name: &str) -> Option<&'static str> {
    let words = words(name);
    let last = words.last()?.as_str();
    let first = words.first()?.as_str();
    if DESCRIPTIVE.contains(&last) || matches!(first, "is" | "has" | "use" | "enable" | "require" | "show" | "check") {
        return None;
    }
    let has = |w: &str| words.iter().any(|x| x == w);
    let pair = |a: &str, b: &str| words.windows(2).any(|p| p[0] == a && p[1] == b);
    if has("password") || has("passwd") || has("pwd") || has("passphrase") || has("pass") {
        Some("password")
    } else if has("mnemonic") || pair("seed", "phrase") {
        Some("wallet mnemonic")
    } else if pair("private", "key") || has("privatekey") {
        Some("private key")
    } else if pair("api", "key")
        || has("apikey")
        || pair("access", "key")
        || pair("signing", "key")
        || pair("master", "key")
    {
        Some("API key")
    } else if last == "key" && words.iter().rev().nth(1).is_some_and(|w| KEY_QUALIFIERS.contains(&w.as_str())) {
        Some("key")
    } else if has("secret") || has("credential") || has("credentials") || has("clientsecret") {
        Some("secret")
    } else if has("token") || has("accesstoken") || has("authtoken") {
        Some("token")
    } else if last == "auth" || last == "authorization" {
        Some("credential")
    } else {
        None
    }
}

// ---------------------------------------------------------------- values

/// The part of a value that would be the secret: the whole value, or the
/// credential after an `Authorization` scheme (`Bearer ...`). `None` for
/// prose, templates and references.
fn secret_part<'a>(value: &'a str, name: &str) -> Option<&'a str> {
    let trimmed = value.trim();
    for scheme in ["Bearer ", "Basic ", "Token ", "bearer ", "token "] {
        if let Some(rest) = trimmed.strip_prefix(scheme) {
            return (!rest.contains(char::is_whitespace)).then_some(rest);
        }
    }
    if trimmed.contains(char::is_whitespace) || trimmed.eq_ignore_ascii_case(name) {
        return None;
    }
    Some(trimmed)
}

static PLACEHOLDER_WORDS: lang::Words = lang::Words::ignoring_ascii_case(&[
    "changeme",
    "change_me",
    "change-me",
    "xxx",
    "***",
    "...",
    "placeholder",
    "example",
    "dummy",
    "sample",
    "your_",
    "your-",
    "yourpass",
    "yoursecret",
    "yourtoken",
    "todo",
    "fixme",
    "redacted",
    "replace",
    "insert",
    "fake",
    "mock",
    "test",
    "secret",
    "password",
    "passwd",
    "token",
    "default",
    "none",
    "null",
    "undefined",
    "empty",
    "foobar",
    "notset",
    "not-set",
    "not_set",
    "<",
    "${",
    "{{",
    "%(",
    "%s",
    "{}",
    "__",
]);

/// Placeholders: `changeme`, `xxx`, `<token>`, `${TOKEN}`, `%(password)s`,
/// `your-api-key`, and values made of such words.
fn is_placeholder(value: &str) -> bool {
    PLACEHOLDER_WORDS.in_text(value) || value.chars().all(|c| c == '*' || c == 'x' || c == 'X')
}

/// Shannon entropy in bits per character.
fn entropy(value: &str) -> f64 {
    let mut counts = [0usize; 256];
    let mut total = 0usize;
    for b in value.bytes() {
        counts[b as usize] += 1;
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / total as f64;
            -p * p.log2()
        })
        .sum()
}

/// Whether a value given to a secret-like name looks like a real secret: not
/// a placeholder, an environment variable name, a path, a URL, a template or a
/// low-entropy dummy.
fn looks_like_secret(value: &str, secret: &str) -> bool {
    if secret.len() < 6 {
        return false;
    }
    // An environment variable or setting name: `DB_PASSWORD`, `auth.token`.
    let reference = secret.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        || (secret.contains('.') && secret.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'));
    let path = secret.starts_with(['/', '~', '$']) || secret.starts_with("./") || secret.starts_with("../");
    let file =
        [".pem", ".key", ".json", ".txt", ".env", ".crt", ".p12", ".yaml", ".yml"].iter().any(|e| secret.ends_with(e));
    let url = secret.contains("://");
    let digits_only = secret.chars().all(|c| c.is_ascii_digit());
    // (The placeholder test lower-cases the value: it is asked last.)
    !reference
        && !path
        && !file
        && !url
        && !digits_only
        && !is_word_value(secret)
        && entropy(secret) >= 2.5
        && !is_placeholder(value)
}

/// Values that are words, not generated credentials: letters-only words
/// joined by `-`, `_` or `.`, each in lower case, capitalised or an acronym
/// (`same-origin`, `oidc-auth`, `string`, `Passwort`, `API-merki`: an option
/// value, an enum member, a type name, a label), text with non-ASCII
/// characters (a translated label such as `'密码'`), and alphabets
/// (`abcdefghijklmnopqrstuvwxyz0123456789`, the characters a generator draws
/// from). Generated credentials mix cases within a word, or hold digits or
/// symbols.
fn is_word_value(secret: &str) -> bool {
    let is_word = |word: &str| {
        let mut chars = word.chars();
        let first = chars.next();
        let rest = chars.as_str();
        first.is_some_and(|c| c.is_ascii_alphabetic())
            && (rest.chars().all(|c| c.is_ascii_lowercase()) || word.chars().all(|c| c.is_ascii_uppercase()))
    };
    // `credentialsId`, `userId`: a camelCase identifier of whole words
    // (each part two letters or more), a column or field name.
    let camel_words = |word: &str| {
        let mut parts = 0;
        let mut length = 0;
        for (i, c) in word.char_indices() {
            if !c.is_ascii_alphabetic() {
                return false;
            }
            if c.is_ascii_uppercase() || i == 0 {
                if i > 0 && length < 2 {
                    return false;
                }
                parts += 1;
                length = 0;
            }
            length += 1;
        }
        word.starts_with(|c: char| c.is_ascii_lowercase()) && parts <= 4 && length >= 2
    };
    let words = secret.split(['-', '_', '.']).filter(|w| !w.is_empty()).all(|w| is_word(w) || camel_words(w));
    let bytes = secret.as_bytes();
    let consecutive = bytes.windows(2).filter(|pair| pair[1] == pair[0].wrapping_add(1)).count();
    let alphabet = bytes.len() >= 10 && consecutive * 10 >= (bytes.len() - 1) * 8;
    words || !secret.is_ascii() || alphabet
}

// ---------------------------------------------------------------- known formats

fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn is_base64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Length of the run of bytes from `start` accepted by `accept`.
fn run(bytes: &[u8], start: usize, accept: impl Fn(u8) -> bool) -> usize {
    bytes[start.min(bytes.len())..].iter().take_while(|&&b| accept(b)).count()
}

/// Whether the byte before `at` does not continue a token.
fn boundary_before(bytes: &[u8], at: usize) -> bool {
    at == 0 || !is_base64url(bytes[at - 1])
}

/// Credentials in a known format inside a string value: their kind (for
/// messages) and byte ranges.
fn find_known_formats(value: &str) -> Vec<(&'static str, Range<usize>)> {
    let bytes = value.as_bytes();
    let mut out: Vec<(&'static str, Range<usize>)> = Vec::new();
    let push = |out: &mut Vec<(&'static str, Range<usize>)>, kind: &'static str, range: Range<usize>| {
        let token = &value[range.clone()];
        let lower = token.to_ascii_lowercase();
        if lower.contains("example") || lower.contains("xxxx") || entropy(token) < 3.0 {
            return;
        }
        if !out.iter().any(|(_, r)| r.start < range.end && range.start < r.end) {
            out.push((kind, range));
        }
    };
    // PEM private key blocks.
    if let Some(begin) = value.find("-----BEGIN ") {
        let header_end = value[begin..].find("-----\n").or_else(|| value[begin + 11..].find("-----").map(|i| i + 11));
        if let Some(header_end) = header_end
            && value[begin..begin + header_end].ends_with("PRIVATE KEY")
        {
            let end = value[begin..]
                .find("-----END ")
                .and_then(|e| value[begin + e + 9..].find("-----").map(|f| begin + e + 9 + f + 5))
                .unwrap_or(value.len());
            if end - begin > 60 {
                out.push(("a private key", begin..end));
            }
        }
    }
    let mut i = 0;
    while i < bytes.len() {
        // Bytes, not `&value[i..]`: `i` steps over every byte, and most of
        // them are not character boundaries in a non-ASCII string.
        let rest = &bytes[i..];
        if !boundary_before(bytes, i) {
            i += 1;
            continue;
        }
        let found: Option<(&'static str, usize)> =
            if [b"AKIA", b"ASIA", b"ABIA", b"ACCA"].iter().any(|p| rest.starts_with(*p)) {
                let n = run(bytes, i + 4, |b| b.is_ascii_uppercase() || b.is_ascii_digit());
                (n == 16 && !bytes.get(i + 20).is_some_and(|b| is_alnum(*b))).then_some(("an AWS access key id", 20))
            } else if [b"ghp_", b"gho_", b"ghu_", b"ghs_", b"ghr_"].iter().any(|p| rest.starts_with(*p)) {
                let n = run(bytes, i + 4, is_alnum);
                (n >= 36).then_some(("a GitHub token", 4 + n))
            } else if rest.starts_with(b"github_pat_") {
                let n = run(bytes, i + 11, |b| is_alnum(b) || b == b'_');
                (n >= 50).then_some(("a GitHub token", 11 + n))
            } else if rest.starts_with(b"sk_live_") || rest.starts_with(b"rk_live_") {
                let n = run(bytes, i + 8, is_alnum);
                (n >= 16).then_some(("a Stripe live key", 8 + n))
            } else if rest.len() > 5
                && rest.starts_with(b"xox")
                && b"baprse".contains(&bytes[i + 3])
                && bytes[i + 4] == b'-'
            {
                let n = run(bytes, i + 5, |b| is_alnum(b) || b == b'-');
                (n >= 20).then_some(("a Slack token", 5 + n))
            } else if rest.starts_with(b"AIza") {
                let n = run(bytes, i + 4, is_base64url);
                (n == 35).then_some(("a Google API key", 39))
            } else if rest.starts_with(b"eyJ") {
                jwt_length(bytes, i).map(|n| ("a JWT", n))
            } else {
                None
            };
        match found {
            Some((kind, len)) => {
                push(&mut out, kind, i..i + len);
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// `eyJ<header>.eyJ<payload>.<signature>`: the length of a JWT at `start`.
fn jwt_length(bytes: &[u8], start: usize) -> Option<usize> {
    let header = run(bytes, start, is_base64url);
    if header < 10 || bytes.get(start + header) != Some(&b'.') {
        return None;
    }
    let payload_start = start + header + 1;
    if !bytes[payload_start..].starts_with(b"eyJ") {
        return None;
    }
    let payload = run(bytes, payload_start, is_base64url);
    if payload < 10 || bytes.get(payload_start + payload) != Some(&b'.') {
        return None;
    }
    let signature_start = payload_start + payload + 1;
    let signature = run(bytes, signature_start, is_base64url);
    (signature >= 16).then_some(signature_start + signature - start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_in_any_case() {
        for value in ["CHANGEME", "Your-Api-Key", "<token>", "${DB_PASSWORD}", "xXxX", "Dummy1234"] {
            assert!(is_placeholder(value), "{value}");
        }
        for value in ["k8Jq2Lm9Zr4Tb", "\u{212A}8Jq2Lm9"] {
            assert!(!is_placeholder(value), "{value}");
        }
    }

    #[test]
    fn splits_names_into_words() {
        assert_eq!(words("clientSecret"), ["client", "secret"]);
        assert_eq!(words("CLIENT_SECRET"), ["client", "secret"]);
        assert_eq!(words("x-api-key"), ["x", "api", "key"]);
    }

    #[test]
    fn names_that_say_secret() {
        assert_eq!(secret_kind("DB_PASSWORD"), Some("password"));
        assert_eq!(secret_kind("stripeApiKey"), Some("API key"));
        assert_eq!(secret_kind("client_secret"), Some("secret"));
        assert_eq!(secret_kind("basic_auth"), Some("credential"));
        assert_eq!(secret_kind("password_field"), None);
        assert_eq!(secret_kind("TOKEN_URL"), None);
        assert_eq!(secret_kind("is_secret"), None);
        assert_eq!(secret_kind("tokenizer"), None);
        assert_eq!(secret_kind("author"), None);
    }

    #[test]
    fn values_that_look_like_secrets() {
        assert!(looks_like_secret("hunter22", "hunter22"));
        assert!(looks_like_secret("q8Zr!pL2vW", "q8Zr!pL2vW"));
        assert!(!looks_like_secret("changeme", "changeme"));
        assert!(!looks_like_secret("<your-token>", "<your-token>"));
        assert!(!looks_like_secret("${DB_PASSWORD}", "${DB_PASSWORD}"));
        assert!(!looks_like_secret("%(password)s", "%(password)s"));
        assert!(!looks_like_secret("aaaaaaaa", "aaaaaaaa"));
        assert!(!looks_like_secret("DB_PASSWORD", "DB_PASSWORD"));
        assert!(!looks_like_secret("/run/secrets/db", "/run/secrets/db"));
        assert!(!looks_like_secret("abc", "abc"));
        // camelCase names of whole words are field names, not credentials.
        assert!(!looks_like_secret("credentialsId", "credentialsId"));
        assert!(!looks_like_secret("sharedWorkflowId", "sharedWorkflowId"));
        assert!(looks_like_secret("aBcDeFgHiJ", "aBcDeFgHiJ"));
        assert!(looks_like_secret("xK9mPq2Lr", "xK9mPq2Lr"));
    }

    #[test]
    fn known_formats() {
        let aws = format!("{}{}", "AKIA", "Q3ZD7XK2M9PLR4TB");
        assert_eq!(find_known_formats(&aws).len(), 1);
        assert!(find_known_formats("AKIAIOSFODNN7EXAMPLE").is_empty());
        let github = format!("token {}{}", "ghp_", "R8f2kLq9Zx3mN7vB1cT5yH0wJ4sD6gA2pE8u");
        assert_eq!(find_known_formats(&github)[0].0, "a GitHub token");
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(find_known_formats(jwt)[0].0, "a JWT");
        assert!(find_known_formats("eyJ not a token").is_empty());
        assert!(find_known_formats("ghp_short").is_empty());
    }
}
