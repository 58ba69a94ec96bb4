//! TypeScript/JavaScript cryptography knowledge: `crypto.createHash`, the
//! `md5`/`sha1`/`js-sha256`/`crypto-js` packages, bcrypt and PBKDF2 work
//! factors, `jsonwebtoken` and `jose` decoding.

use crate::lang::NodeExt;
use tree_sitter::Node;

use super::{KeySource, KeyUse, fast_digest, int_literal, is_none_algorithm, is_password_hash_target};
use crate::lang::typescript::{Imports, callee_name, object_property, pair_key, string_value};
use crate::lang::{descendants, text, values};

/// Packages whose exports are fast digests (`md5(x)`, `CryptoJS.SHA256(x)`).
const DIGEST_PACKAGES: &[&str] =
    &["md5", "blueimp-md5", "js-md5", "sha1", "js-sha1", "js-sha256", "js-sha512", "crypto-js"];

/// The positional arguments of a call.
pub fn arguments<'t>(call: Node<'t>) -> Vec<Node<'t>> {
    let Some(arguments) = call.field("arguments") else { return Vec::new() };
    arguments.named_child_nodes().filter(|n| n.kind_name() != "comment").collect()
}

/// A call that computes a fast digest.
#[derive(Debug)]
pub struct FastHash<'t> {
    /// The callee as written.
    pub callee: String,
    pub algorithm: &'static str,
    /// The data hashed by this call or by `.update(...)` calls chained on it.
    pub inputs: Vec<Node<'t>>,
    /// The end of the chain (`createHash(..).update(..).digest(..)`), whose
    /// value is the digest (or the hasher, when nothing is chained).
    pub chain_end: Node<'t>,
    /// Whether the call creates a hasher (`createHash`) rather than a digest.
    pub hasher: bool,
}

/// Recognises `crypto.createHash('md5')` (with its chained `.update(x)`
/// calls) and one-shot digest functions of the common packages.
pub fn fast_hash_call<'t>(call: Node<'t>, source: &str, imports: &Imports) -> Option<FastHash<'t>> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let callee = callee_name(call, source)?;
    let qualified = imports.qualify(&callee);
    let args = arguments(call);
    if qualified == "crypto.createHash" {
        let algorithm = fast_digest(string_value(*args.first()?, source)?)?;
        let mut inputs = Vec::new();
        let mut end = call;
        // Walk up `.update(x)` links of the chain.
        while let Some(member) = end.parent().filter(|p| p.kind_name() == "member_expression")
            && let Some(outer) = member.parent().filter(|p| p.kind_name() == "call_expression")
        {
            let method = member.field("property").map(|p| text(p, source)).unwrap_or("");
            if method == "update" {
                inputs.extend(arguments(outer).first().copied());
            }
            end = outer;
        }
        return Some(FastHash { callee, algorithm, inputs, chain_end: end, hasher: end == call });
    }
    imports.binding(callee.split('.').next().unwrap_or(""))?;
    let module = DIGEST_PACKAGES.iter().find(|p| crate::lang::is_or_within(&qualified, p, &['.', '/']))?;
    let last = qualified.rsplit(['.', '/']).next()?;
    let name = last.trim_start_matches("js-").trim_start_matches("blueimp-");
    let algorithm = fast_digest(name).or(match *module {
        "js-sha256" => Some("SHA-256"),
        "js-sha512" => Some("SHA-512"),
        _ => None,
    })?;
    Some(FastHash {
        callee,
        algorithm,
        inputs: args.first().copied().into_iter().collect(),
        chain_end: call,
        hasher: false,
    })
}

/// The family of a password-hashing function with a tunable work factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kdf {
    Bcrypt,
    Pbkdf2,
}

/// A work factor written as a number literal: `bcrypt.hash(pw, 8)`,
/// `bcrypt.genSaltSync(6)`, `crypto.pbkdf2Sync(pw, salt, 1000, 64, 'sha512')`.
pub fn work_factor<'t>(call: Node<'t>, source: &str, imports: &Imports) -> Option<(Kdf, i64, Node<'t>)> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let qualified = imports.qualify(&callee_name(call, source)?);
    let (module, function) = qualified.rsplit_once('.')?;
    let (kdf, index) = match (module, function) {
        ("bcrypt" | "bcryptjs", "hash" | "hashSync") => (Kdf::Bcrypt, 1),
        ("bcrypt" | "bcryptjs", "genSalt" | "genSaltSync") => (Kdf::Bcrypt, 0),
        ("crypto", "pbkdf2" | "pbkdf2Sync") => (Kdf::Pbkdf2, 2),
        _ => return None,
    };
    let node = *arguments(call).get(index)?;
    if node.kind_name() != "number" {
        return None;
    }
    Some((kdf, int_literal(text(node, source))?, node))
}

/// The first password-like name (none when the expression also holds a
/// nonce: a challenge-response digest) inside an expression (`password`,
/// `req.body.password`, `user.pwd`), skipping object keys.
pub fn password_operand(node: Node<'_>, source: &str) -> Option<String> {
    super::password_among(
        descendants(node)
            .filter(|n| matches!(n.kind_name(), "identifier" | "property_identifier" | "shorthand_property_identifier"))
            .filter(|n| !n.parent().is_some_and(|p| p.kind_name() == "pair" && p.field("key") == Some(*n)))
            .map(|n| text(n, source)),
    )
}

/// The name the value of `node` is stored into (variable, property, object
/// key), looking through `await`, parentheses and type assertions.
pub fn stored_into(node: Node<'_>, source: &str) -> Option<String> {
    let mut current = node;
    while let Some(parent) = current.parent() {
        match parent.kind_name() {
            "parenthesized_expression"
            | "await_expression"
            | "as_expression"
            | "non_null_expression"
            | "satisfies_expression" => {}
            "variable_declarator" if parent.field("value") == Some(current) => {
                let name = parent.field("name")?;
                return (name.kind_name() == "identifier").then(|| text(name, source).to_string());
            }
            "assignment_expression" if parent.field("right") == Some(current) => {
                let left = parent.field("left")?;
                return match left.kind_name() {
                    "identifier" => Some(text(left, source).to_string()),
                    "member_expression" => left.field("property").map(|p| text(p, source).to_string()),
                    "subscript_expression" => {
                        left.field("index").and_then(|i| string_value(i, source)).map(str::to_string)
                    }
                    _ => None,
                };
            }
            "pair" if parent.field("value") == Some(current) => {
                return pair_key(parent, source).map(str::to_string);
            }
            _ => return None,
        }
        current = parent;
    }
    None
}

/// Whether the value of `node` ends up in a password-hash field.
pub fn stored_as_password_hash(node: Node<'_>, source: &str) -> Option<String> {
    stored_into(node, source).filter(|name| is_password_hash_target(name))
}

/// A JWT library call that matters for signature verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtCall {
    /// `jsonwebtoken` `jwt.decode()`, `jose` `decodeJwt()`: no verification at all.
    Decode,
    /// `jsonwebtoken` `jwt.verify()`, `jose` `jwtVerify()`.
    Verify,
}

/// Recognises `jsonwebtoken` and `jose` calls.
pub fn jwt_call(call: Node<'_>, source: &str, imports: &Imports) -> Option<JwtCall> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    // A callee names one of these modules only through a name bound from
    // it, or as written (`jose.jwtVerify` on an unbound `jose`): most files
    // do neither, and then no callee's name is built.
    const MODULES: [&str; 2] = ["jsonwebtoken", "jose"];
    let written = call.field("function").map_or("", |f| text(f, source));
    if !imports.binds_from(&MODULES) && !MODULES.iter().any(|m| written.starts_with(m)) {
        return None;
    }
    match imports.qualify(&callee_name(call, source)?).as_str() {
        "jsonwebtoken.decode" | "jose.decodeJwt" => Some(JwtCall::Decode),
        "jsonwebtoken.verify" | "jose.jwtVerify" | "jose.compactVerify" => Some(JwtCall::Verify),
        _ => None,
    }
}

/// What a `jsonwebtoken` or `jose` call does with the signature.
pub fn token_use(call: Node<'_>, source: &str, imports: &Imports) -> Option<super::TokenUse> {
    Some(match jwt_call(call, source, imports)? {
        JwtCall::Decode => super::TokenUse::Unverified,
        JwtCall::Verify => super::TokenUse::Verifies,
    })
}

/// A `'none'` entry in the `algorithms` option of a verify call.
/// The options may be held in a variable (`const opts = { algorithms: ['none'] }`),
/// and so may the list.
pub fn none_algorithm<'t>(call: Node<'t>, source: &str) -> Option<Node<'t>> {
    let options = arguments(call).into_iter().map(|a| values::resolve(a, source));
    options.filter(|a| a.kind_name() == "object").find_map(|options| {
        let algorithms = values::resolve(object_property(options, "algorithms", source)?, source);
        descendants(algorithms).find(|n| string_value(*n, source).is_some_and(is_none_algorithm))
    })
}

/// Whether the result of an unverified decode is only peeked at: every
/// read of it takes one of the [`METADATA_CLAIMS`](super::METADATA_CLAIMS)
/// (`jwt.decode(t)?.iss`, `decoded.exp`), or tests it for presence
/// (`decoded && typeof decoded === "object"`). The claims that say who the
/// caller is are never read, so nothing is decided on a forged identity.
pub fn reads_only_token_metadata(decode: Node<'_>, source: &str) -> bool {
    let mut value = decode;
    while let Some(parent) =
        value.parent().filter(|p| matches!(p.kind_name(), "await_expression" | "parenthesized_expression"))
    {
        value = parent;
    }
    let Some(parent) = value.parent() else { return false };
    if parent.kind_name() == "member_expression" {
        return reads_metadata(parent, value, source);
    }
    // `const decoded = jwt.decode(token)`: every later use of `decoded`.
    if parent.kind_name() != "variable_declarator" || parent.field("value") != Some(value) {
        return false;
    }
    let Some(name) = parent.field("name").filter(|n| n.kind_name() == "identifier") else { return false };
    let name = text(name, source);
    let Some(scope) = parent.parent().and_then(|d| d.parent()) else { return false };
    descendants(scope)
        .filter(|n| n.start_byte() >= parent.end_byte() && n.kind_name() == "identifier" && text(*n, source) == name)
        .all(|read| {
            let Some(user) = read.parent() else { return false };
            match user.kind_name() {
                "member_expression" => reads_metadata(user, read, source),
                "unary_expression" => true,
                "binary_expression" => {
                    let operator = user.field("operator").map(|o| text(o, source)).unwrap_or("");
                    matches!(operator, "&&" | "||" | "===" | "!==" | "==" | "!=")
                        && (operator != "||" || user.field("left") == Some(read))
                }
                "parenthesized_expression" => {
                    user.parent().is_some_and(|p| matches!(p.kind_name(), "if_statement" | "while_statement"))
                }
                "ternary_expression" => user.field("condition") == Some(read),
                _ => false,
            }
        })
}

/// `object.property` with `object` the decoded token: a metadata claim.
fn reads_metadata(member: Node<'_>, object: Node<'_>, source: &str) -> bool {
    member.field("object") == Some(object)
        && member.field("property").is_some_and(|p| super::METADATA_CLAIMS.contains(&text(p, source)))
}

/// The secret key a call takes: `jsonwebtoken` `sign`/`verify` (second
/// argument), `crypto.createHmac` (second), `cookie-parser(secret)`, and the
/// `secret` option of `express-session` and `cookie-session`.
pub fn key_use<'t>(call: Node<'t>, source: &str, imports: &Imports) -> Option<KeyUse<'t>> {
    if call.kind_name() == "new_expression" {
        // aws-sdk v2: `new AWS.Credentials(accessKeyId, secretAccessKey)`.
        let callee = callee_name(call, source)?;
        let qualified = imports.qualify(&callee);
        let qualified = qualified.strip_suffix(".default").unwrap_or(&qualified);
        let credentials = qualified.starts_with("aws-sdk.") && qualified.ends_with(".Credentials");
        return credentials
            .then(|| Some(KeyUse { sink: call, key: *arguments(call).get(1)?, purpose: "signs AWS requests" }))
            .flatten();
    }
    if call.kind_name() != "call_expression" {
        return None;
    }
    let args = arguments(call);
    // jose's builder: `new SignJWT(claims).setProtectedHeader(..).sign(key)`.
    if let Some(builder) = jose_builder(call, source, imports) {
        let purpose = if builder == "SignJWT" { "signs tokens" } else { "encrypts tokens" };
        return Some(KeyUse { sink: call, key: *args.first()?, purpose });
    }
    let callee = callee_name(call, source)?;
    let qualified = imports.qualify(&callee);
    let qualified = qualified.strip_suffix(".default").unwrap_or(&qualified);
    let qualified = qualified.strip_prefix("node:").unwrap_or(qualified);
    let (key, purpose) = match qualified {
        "jsonwebtoken.sign" => (*args.get(1)?, "signs tokens"),
        "jsonwebtoken.verify" | "jose.jwtVerify" | "jose.jwtDecrypt" => (*args.get(1)?, "verifies tokens"),
        "crypto.createHmac" => (*args.get(1)?, "keys an HMAC"),
        "crypto.createSecretKey" => (*args.first()?, "becomes a secret key"),
        "cookie-parser" => (*args.first()?, "signs cookies"),
        "express-session" | "cookie-session" => {
            let options = values::resolve(*args.first()?, source);
            if options.kind_name() != "object" {
                return None;
            }
            (object_property(options, "secret", source)?, "signs session cookies")
        }
        _ => return None,
    };
    Some(KeyUse { sink: call, key, purpose })
}

/// For `.sign(key)` / `.encrypt(key)` at the end of a chain that starts
/// with jose's `new SignJWT(..)` or `new EncryptJWT(..)`: the builder's name.
fn jose_builder(call: Node<'_>, source: &str, imports: &Imports) -> Option<&'static str> {
    let function = call.field("function").filter(|f| f.kind_name() == "member_expression")?;
    let method = function.field("property").map(|p| text(p, source))?;
    if !matches!(method, "sign" | "encrypt") {
        return None;
    }
    let mut receiver = function.field("object")?;
    loop {
        match receiver.kind_name() {
            "call_expression" => receiver = receiver.field("function")?,
            "member_expression" => receiver = receiver.field("object")?,
            "parenthesized_expression" => receiver = receiver.named_child(0)?,
            "new_expression" => break,
            _ => return None,
        }
    }
    let constructor = text(receiver.field("constructor")?, source);
    match imports.qualify(constructor).as_ref() {
        "jose.SignJWT" if method == "sign" => Some("SignJWT"),
        "jose.EncryptJWT" if method == "encrypt" => Some("EncryptJWT"),
        _ => None,
    }
}

/// Where a key's value comes from (see [`KeySource`]): a string literal or
/// a template without substitutions, possibly through `Buffer.from(..)` or
/// `new TextEncoder().encode(..)`, held in a variable or written inline; or
/// the literal fallback of an environment read (`process.env.KEY || 'dev'`,
/// `?? 'dev'`).
pub fn key_source<'t>(key: Node<'t>, source: &str) -> Option<KeySource<'t>> {
    let value = values::resolve(key, source);
    match value.kind_name() {
        "string" | "template_string" => {
            let plain = string_value(value, source).is_some_and(|v| !v.trim().is_empty());
            plain.then_some(KeySource::Literal(value))
        }
        "call_expression" => {
            // `new TextEncoder().encode(..)` has no dotted callee.
            let callee =
                callee_name(value, source).or_else(|| value.field("function").map(|f| text(f, source).to_string()))?;
            let encodes =
                callee == "Buffer.from" || callee.ends_with(".encode") && text(value, source).contains("TextEncoder");
            if !encodes {
                return None;
            }
            key_source(*arguments(value).first()?, source)
        }
        "binary_expression" => {
            let operator = value.field("operator").map(|o| text(o, source))?;
            let (left, right) = (value.field("left")?, value.field("right")?);
            let reads_environment = text(left, source).starts_with("process.env");
            let literal = matches!(right.kind_name(), "string" | "template_string")
                && string_value(right, source).is_some_and(|v| !v.trim().is_empty());
            (matches!(operator, "||" | "??") && reads_environment && literal).then_some(KeySource::Fallback(right))
        }
        _ => None,
    }
}
