//! Python cryptography knowledge: `hashlib` and pycryptodome digests, bcrypt,
//! PBKDF2 and passlib work factors, PyJWT and python-jose decoding.

use crate::lang::NodeExt;
use tree_sitter::Node;

use super::{KeySource, KeyUse, fast_digest, int_literal, is_password_hash_target};
use crate::lang::python::{Imports, callee_name, keyword_argument, string_value};
use crate::lang::{descendants, text, values};

/// A call that computes a fast digest: `hashlib.sha256(data)`,
/// `hashlib.new("md5", data)`, `SHA256.new(data)` (pycryptodome).
#[derive(Debug)]
pub struct FastHash<'t> {
    /// The callee as written.
    pub callee: String,
    /// The digest's display name (`MD5`, `SHA-256`).
    pub algorithm: &'static str,
    /// The data passed to the constructor, if any (more may come through `.update()`).
    pub input: Option<Node<'t>>,
}

/// The `index`-th positional argument of a call.
pub fn positional<'t>(call: Node<'t>, index: usize) -> Option<Node<'t>> {
    let arguments = call.field("arguments")?;
    arguments
        .named_child_nodes()
        .filter(|a| !matches!(a.kind_name(), "keyword_argument" | "comment" | "list_splat" | "dictionary_splat"))
        .nth(index)
}

/// A keyword argument, or else the positional argument at `index`.
fn argument<'t>(call: Node<'t>, keyword: &str, index: usize, source: &str) -> Option<Node<'t>> {
    keyword_argument(call, keyword, source).or_else(|| positional(call, index))
}

/// Recognises a call that computes a fast digest.
pub fn fast_hash_call<'t>(call: Node<'t>, source: &str, imports: &Imports) -> Option<FastHash<'t>> {
    let callee = callee_name(call, source)?;
    let qualified = imports.qualify(&callee);
    let (algorithm, input) = if let Some(name) = qualified.strip_prefix("hashlib.") {
        if name == "new" {
            let algorithm = fast_digest(string_value(argument(call, "name", 0, source)?, source)?)?;
            (algorithm, argument(call, "data", 1, source))
        } else {
            (fast_digest(name)?, argument(call, "data", 0, source).or_else(|| keyword_argument(call, "string", source)))
        }
    } else if let Some(rest) =
        qualified.strip_prefix("Crypto.Hash.").or_else(|| qualified.strip_prefix("Cryptodome.Hash."))
    {
        let name = rest.strip_suffix(".new")?;
        (fast_digest(name)?, argument(call, "data", 0, source))
    } else {
        return None;
    };
    Some(FastHash { callee, algorithm, input })
}

/// The family of a password-hashing function with a tunable work factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kdf {
    Bcrypt,
    Pbkdf2,
}

/// A work factor passed to a password-hashing function as a literal.
#[derive(Debug)]
pub struct WorkFactor<'t> {
    pub callee: String,
    pub kdf: Kdf,
    pub value: i64,
    /// The literal (or the string that holds it).
    pub node: Node<'t>,
}

/// Recognises bcrypt costs and PBKDF2 iteration counts written as literals:
/// `bcrypt.gensalt(rounds=8)`, `hashlib.pbkdf2_hmac("sha256", pw, salt, 1000)`,
/// `PBKDF2HMAC(..., iterations=1000)`, passlib `.using(rounds=...)`,
/// pycryptodome `PBKDF2(pw, salt, count=...)`, werkzeug
/// `generate_password_hash(pw, method="pbkdf2:sha256:1000")`.
pub fn work_factor<'t>(call: Node<'t>, source: &str, imports: &Imports) -> Option<WorkFactor<'t>> {
    let callee = callee_name(call, source)?;
    let qualified = imports.qualify(&callee);
    let (kdf, node) = match qualified.as_ref() {
        "bcrypt.gensalt" => (Kdf::Bcrypt, argument(call, "rounds", 0, source)?),
        "passlib.hash.bcrypt.using" | "passlib.hash.bcrypt_sha256.using" => {
            (Kdf::Bcrypt, keyword_argument(call, "rounds", source)?)
        }
        "passlib.hash.pbkdf2_sha1.using" | "passlib.hash.pbkdf2_sha256.using" | "passlib.hash.pbkdf2_sha512.using" => {
            (Kdf::Pbkdf2, keyword_argument(call, "rounds", source)?)
        }
        "hashlib.pbkdf2_hmac" => (Kdf::Pbkdf2, argument(call, "iterations", 3, source)?),
        "Crypto.Protocol.KDF.PBKDF2" | "Cryptodome.Protocol.KDF.PBKDF2" => {
            (Kdf::Pbkdf2, argument(call, "count", 3, source)?)
        }
        "werkzeug.security.generate_password_hash" | "werkzeug.generate_password_hash" => {
            let method = keyword_argument(call, "method", source).or_else(|| positional(call, 1))?;
            let spec = string_value(method, source)?;
            let iterations = spec.strip_prefix("pbkdf2:")?.split(':').nth(1)?;
            let value = int_literal(iterations)?;
            return Some(WorkFactor { callee, kdf: Kdf::Pbkdf2, value, node: method });
        }
        q if q.ends_with("PBKDF2HMAC") && (q.starts_with("cryptography.") || q == "PBKDF2HMAC") => {
            (Kdf::Pbkdf2, argument(call, "iterations", 3, source)?)
        }
        _ => return None,
    };
    if node.kind_name() != "integer" {
        return None;
    }
    let value = int_literal(text(node, source))?;
    Some(WorkFactor { callee, kdf, value, node })
}

/// The first password-like name (none when the expression also holds a
/// nonce: a challenge-response digest) (`password`, `user.pwd`, `get_password()`)
/// inside an expression, skipping keyword argument names.
pub fn password_operand(node: Node<'_>, source: &str) -> Option<String> {
    super::password_among(
        descendants(node)
            .filter(|n| n.kind_name() == "identifier")
            .filter(|n| !n.parent().is_some_and(|p| p.kind_name() == "keyword_argument" && p.field("name") == Some(*n)))
            .map(|n| text(n, source)),
    )
}

/// The name a value is stored into when it is the right-hand side of an
/// assignment, a keyword argument or a dictionary entry, looking through
/// method chains (`.hexdigest()`), `await` and parentheses.
pub fn stored_into(node: Node<'_>, source: &str) -> Option<String> {
    let mut current = node;
    while let Some(parent) = current.parent() {
        match parent.kind_name() {
            "attribute" if parent.field("object") == Some(current) => {}
            "call" if parent.field("function") == Some(current) => {}
            "parenthesized_expression" | "await" => {}
            // Encoding the digest (`base64.b64encode(..)`, `binascii.hexlify(..)`) keeps it the same value.
            "argument_list"
                if parent
                    .parent()
                    .and_then(|c| callee_name(c, source))
                    .is_some_and(|c| c.ends_with("encode") || c.ends_with("hexlify")) =>
            {
                current = parent.parent().unwrap_or(parent);
                continue;
            }
            "assignment" if parent.field("right") == Some(current) => {
                return target_name(parent.field("left")?, source);
            }
            "keyword_argument" if parent.field("value") == Some(current) => {
                return Some(text(parent.field("name")?, source).to_string());
            }
            "pair" if parent.field("value") == Some(current) => {
                return string_value(parent.field("key")?, source).map(str::to_string);
            }
            _ => return None,
        }
        current = parent;
    }
    None
}

/// Whether a digest is only used to look something up, never kept or sent
/// whole: it is bound to a local name, and every later use of that name in
/// the function is
/// - a slice of it, as a k-anonymity look-up does (Pwned Passwords: `sha =
///   sha1(password).hexdigest(); send sha[:5], compare sha[5:]`), or
/// - the key of an in-memory mapping: `seen[digest]`, `digest in seen`
///   (the result of checking this password once, kept for the request).
///
/// Such a digest is a search key, not a stored password hash.
pub fn only_used_as_search_key(digest: Node<'_>, source: &str) -> bool {
    let Some(name) = stored_into(digest, source) else { return false };
    let Some(assignment) = crate::lang::ancestor_of_kind(digest, &["assignment"]) else { return false };
    if assignment.field("left").is_none_or(|l| l.kind_name() != "identifier") {
        return false;
    }
    let Some(function) = crate::lang::ancestor_of_kind(assignment, &["function_definition"]) else { return false };
    let mut uses = descendants(function)
        .filter(|n| {
            n.start_byte() >= assignment.end_byte() && n.kind_name() == "identifier" && text(*n, source) == name
        })
        .peekable();
    uses.peek().is_some() && uses.all(|n| is_slice_of(n) || is_mapping_key(n, source))
}

/// `name[:5]`: the identifier is sliced.
fn is_slice_of(name: Node<'_>) -> bool {
    name.parent().is_some_and(|p| {
        p.kind_name() == "subscript"
            && p.field("value") == Some(name)
            && p.field("subscript").is_some_and(|s| s.kind_name() == "slice")
    })
}

/// `seen[name]` or `name in seen` / `name not in seen.keys()`: the
/// identifier is the key of a look-up.
fn is_mapping_key(name: Node<'_>, source: &str) -> bool {
    let Some(parent) = name.parent() else { return false };
    match parent.kind_name() {
        "subscript" => parent.field("subscript") == Some(name),
        "comparison_operator" => {
            parent.named_child(0) == Some(name)
                && parent.child_nodes().any(|op| matches!(text(op, source), "in" | "not in"))
        }
        _ => false,
    }
}

/// The last name of an assignment target: `x`, `user.password_hash`, `row["pwd"]`.
fn target_name(target: Node<'_>, source: &str) -> Option<String> {
    match target.kind_name() {
        "identifier" => Some(text(target, source).to_string()),
        "attribute" => Some(text(target.field("attribute")?, source).to_string()),
        "subscript" => string_value(target.field("subscript")?, source).map(str::to_string),
        _ => None,
    }
}

/// Whether the value of `node` ends up in a password-hash field.
pub fn stored_as_password_hash(node: Node<'_>, source: &str) -> Option<String> {
    stored_into(node, source).filter(|name| is_password_hash_target(name))
}

/// A JWT library call that matters for signature verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtCall {
    /// PyJWT or python-jose `jwt.decode(...)`: verifies unless told not to.
    Decode,
    /// python-jose `jwt.get_unverified_claims(token)`.
    UnverifiedClaims,
}

/// Recognises PyJWT and python-jose calls.
pub fn jwt_call(call: Node<'_>, source: &str, imports: &Imports) -> Option<JwtCall> {
    let callee = callee_name(call, source)?;
    let qualified = imports.qualify(&callee);
    if !imports.imports_module(qualified.split('.').next().unwrap_or("")) {
        return None;
    }
    match qualified.as_ref() {
        "jwt.decode" | "jwt.api_jwt.decode" | "jose.jwt.decode" | "jwt.PyJWT.decode" => Some(JwtCall::Decode),
        "jose.jwt.get_unverified_claims" => Some(JwtCall::UnverifiedClaims),
        _ => None,
    }
}

/// What a PyJWT or python-jose call does with the signature: a `decode`
/// checks it unless an option turns that off; accepting the `none`
/// algorithm is a flaw of the call itself, neither of these.
pub fn token_use(call: Node<'_>, source: &str, imports: &Imports) -> Option<super::TokenUse> {
    match jwt_call(call, source, imports)? {
        JwtCall::UnverifiedClaims => Some(super::TokenUse::Unverified),
        JwtCall::Decode => match disabled_verification(call, source) {
            None => Some(super::TokenUse::Verifies),
            Some((_, reason)) if reason == ACCEPTS_NONE => None,
            Some(_) => Some(super::TokenUse::Unverified),
        },
    }
}

/// How [`disabled_verification`] describes a `none` algorithm.
pub const ACCEPTS_NONE: &str = "accepts the unsigned `none` algorithm";

/// What in a `jwt.decode(...)` call switches verification off: the
/// `verify_signature: False` option, `verify=False`, or `none` among the
/// accepted algorithms. Returns the node to report and a description.
pub fn disabled_verification<'t>(call: Node<'t>, source: &str) -> Option<(Node<'t>, &'static str)> {
    // Each setting may be written inline or held in a variable.
    let setting = |keyword: &str| keyword_argument(call, keyword, source).map(|v| values::resolve(v, source));
    if let Some(options) = setting("options") {
        for node in descendants(options) {
            let disabled = match node.kind_name() {
                "pair" => {
                    node.field("key").and_then(|k| string_value(k, source)) == Some("verify_signature")
                        && node.field("value").is_some_and(|v| v.kind_name() == "false")
                }
                "keyword_argument" => {
                    node.field("name").is_some_and(|k| text(k, source) == "verify_signature")
                        && node.field("value").is_some_and(|v| v.kind_name() == "false")
                }
                _ => false,
            };
            if disabled {
                return Some((node, "turns off signature verification"));
            }
        }
    }
    if let Some(verify) = setting("verify")
        && verify.kind_name() == "false"
    {
        return Some((verify.parent().unwrap_or(verify), "turns off signature verification"));
    }
    if let Some(algorithms) = setting("algorithms") {
        for node in descendants(algorithms) {
            if string_value(node, source).is_some_and(super::is_none_algorithm) {
                return Some((node, ACCEPTS_NONE));
            }
        }
    }
    None
}

/// The secret key a call takes: PyJWT / python-jose `jwt.encode` and
/// `jwt.decode` (`key`), `hmac.new` / `hmac.digest` (`key`), and the
/// itsdangerous signers and serializers (`secret_key`); Flask's
/// `app.config.update(SECRET_KEY=..)` / `from_mapping(..)` too.
pub fn key_use<'t>(call: Node<'t>, source: &str, imports: &Imports) -> Option<KeyUse<'t>> {
    let callee = callee_name(call, source)?;
    let qualified = imports.qualify(&callee);
    let module = qualified.split('.').next().unwrap_or("");
    let (key, purpose) = match qualified.as_ref() {
        _ if !imports.imports_module(module) => {
            // `app.config.update(SECRET_KEY="..")` on a Flask app.
            let configures = callee.ends_with(".config.update") || callee.ends_with(".config.from_mapping");
            if !configures || !imports.imports_module("flask") {
                return None;
            }
            (keyword_argument(call, "SECRET_KEY", source)?, "signs session cookies")
        }
        "jwt.encode" | "jwt.api_jwt.encode" | "jwt.PyJWT.encode" | "jose.jwt.encode" => {
            (argument(call, "key", 1, source)?, "signs tokens")
        }
        "jwt.decode" | "jwt.api_jwt.decode" | "jwt.PyJWT.decode" | "jose.jwt.decode" => {
            (argument(call, "key", 1, source)?, "verifies tokens")
        }
        "hmac.new" | "hmac.digest" => (argument(call, "key", 0, source)?, "keys an HMAC"),
        // The secret key of boto3's session and clients, by keyword or position.
        "boto3.Session" | "boto3.session.Session" => {
            (argument(call, "aws_secret_access_key", 1, source)?, "signs AWS requests")
        }
        "boto3.client" | "boto3.resource" => {
            (argument(call, "aws_secret_access_key", 7, source)?, "signs AWS requests")
        }
        name if name.starts_with("itsdangerous.") && (name.ends_with("Serializer") || name.ends_with("Signer")) => {
            (argument(call, "secret_key", 0, source)?, "signs data")
        }
        _ => return None,
    };
    Some(KeyUse { sink: call, key, purpose })
}

/// A secret key set by assignment: Flask's `app.secret_key = ..` or
/// `app.config["SECRET_KEY"] = ..` in a file that imports Flask, and
/// Django's module-level `SECRET_KEY = ..` when `django_settings` says the
/// file is a Django settings module that is not development-only.
pub fn key_assignment<'t>(
    assignment: Node<'t>,
    source: &str,
    imports: &Imports,
    django_settings: bool,
) -> Option<KeyUse<'t>> {
    if assignment.kind_name() != "assignment" {
        return None;
    }
    let left = assignment.field("left")?;
    if django_settings
        && left.kind_name() == "identifier"
        && text(left, source) == "SECRET_KEY"
        && assignment.parent().and_then(|s| s.parent()).is_some_and(|m| m.kind_name() == "module")
    {
        let purpose = "signs sessions, password-reset links and messages";
        return Some(KeyUse { sink: assignment, key: assignment.field("right")?, purpose });
    }
    if !imports.imports_module("flask") {
        return None;
    }
    let target = match left.kind_name() {
        "attribute" => left.field("attribute").is_some_and(|a| text(a, source) == "secret_key"),
        "subscript" => {
            left.field("value").is_some_and(|v| text(v, source).ends_with(".config"))
                && left.field("subscript").and_then(|s| string_value(s, source)) == Some("SECRET_KEY")
        }
        _ => false,
    };
    if !target {
        return None;
    }
    Some(KeyUse { sink: assignment, key: assignment.field("right")?, purpose: "signs session cookies" })
}

/// Where a key's value comes from (see [`KeySource`]): a string or bytes
/// literal, possibly `.encode()`d, held in a variable or written inline; or
/// the literal fallback of an environment read (`os.getenv("K", "dev")`,
/// `os.environ.get("K", "dev")`, `os.environ.get("K") or "dev"`).
pub fn key_source<'t>(key: Node<'t>, source: &str) -> Option<KeySource<'t>> {
    let value = values::resolve(key, source);
    match value.kind_name() {
        "string" | "concatenated_string" => is_plain_literal(value, source).then_some(KeySource::Literal(value)),
        "call" => {
            let function = value.field("function")?;
            let callee = text(function, source);
            if function.kind_name() == "attribute"
                && function.field("attribute").is_some_and(|m| text(m, source) == "encode")
            {
                let object = function.field("object")?;
                return key_source(object, source);
            }
            if matches!(callee, "os.getenv" | "os.environ.get" | "getenv" | "environ.get") {
                let fallback = argument(value, "default", 1, source)?;
                return matches!(fallback.kind_name(), "string" | "concatenated_string")
                    .then_some(fallback)
                    .filter(|f| is_plain_literal(*f, source))
                    .map(KeySource::Fallback);
            }
            None
        }
        "boolean_operator" => {
            let (left, right) = (value.field("left")?, value.field("right")?);
            let operator = value.child_by_field_name("operator").map(|o| text(o, source)).unwrap_or("or");
            let reads_environment = text(left, source).starts_with("os.") || text(left, source).contains("environ");
            (operator == "or" && reads_environment && right.kind_name() == "string" && is_plain_literal(right, source))
                .then_some(KeySource::Fallback(right))
        }
        _ => None,
    }
}

/// A literal without interpolation and with some content.
fn is_plain_literal(node: Node<'_>, source: &str) -> bool {
    !descendants(node).any(|n| n.kind_name() == "interpolation")
        && (node.kind_name() == "concatenated_string"
            || string_value(node, source).is_some_and(|v| !v.trim().is_empty()))
}
