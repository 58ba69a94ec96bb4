//! Rust cryptography knowledge: the `md5`/`md-5`, `sha1`, `sha2`, `sha3`,
//! `sha256` and `ring` digests, `bcrypt` and `pbkdf2`/`ring` work factors,
//! and `jsonwebtoken`'s insecure decoding.

use crate::lang::NodeExt;
use tree_sitter::Node;

use super::{KeySource, KeyUse, fast_digest, int_literal, is_password_hash_target};
use crate::lang::rust::{Uses, arguments, call_path, method_name};
use crate::lang::{descendants, text};

/// A call that computes a fast digest, or creates a hasher for one.
#[derive(Debug)]
pub struct FastHash<'t> {
    /// The callee path as written (`Sha256::digest`, `md5::compute`).
    pub callee: String,
    pub algorithm: &'static str,
    /// The data hashed by the call or by `.update(..)`/`.chain_update(..)`
    /// calls chained on it.
    pub inputs: Vec<Node<'t>>,
    /// The end of the method chain.
    pub chain_end: Node<'t>,
    /// Whether the call creates a hasher (`Sha256::new()`) with nothing chained.
    pub hasher: bool,
}

/// The `ring::digest` algorithm constants.
const RING_DIGESTS: &[(&str, &str)] = &[
    ("SHA1_FOR_LEGACY_USE_ONLY", "SHA-1"),
    ("SHA256", "SHA-256"),
    ("SHA384", "SHA-384"),
    ("SHA512", "SHA-512"),
    ("SHA512_256", "SHA-512/256"),
];

/// Splits a path into its segments, dropping generic arguments and
/// `<T as Trait>` qualification.
fn segments(path: &str) -> Vec<&str> {
    let (owner, rest) = match path.strip_prefix('<').and_then(|p| p.split_once(">::")) {
        Some((qualified, rest)) => (qualified.split(" as ").next().unwrap_or(qualified), Some(rest)),
        None => (path, None),
    };
    owner
        .split("::")
        .chain(rest.into_iter().flat_map(|r| r.split("::")))
        .map(|s| s.split('<').next().unwrap_or(s).trim())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Recognises `Sha256::digest(x)`, `Md5::new_with_prefix(x)`,
/// `Sha1::new().chain_update(x)`, `Sha256::new()` (a hasher),
/// `md5::compute(x)`, `sha256::digest(x)`, `sha1_smol::Sha1::from(x)` and
/// `ring::digest::digest(&SHA256, x)`.
pub fn fast_hash_call<'t>(call: Node<'t>, source: &str, uses: &Uses) -> Option<FastHash<'t>> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let written = call_path(call, source)?;
    let qualified = uses.qualify(written);
    let parts = segments(&qualified);
    let (function, owner) = match parts.as_slice() {
        [.., owner, function] => (*function, *owner),
        _ => return None,
    };
    let args = arguments(call);
    let (algorithm, inputs, hasher) = match (owner, function) {
        ("md5", "compute") => ("MD5", args.first().copied(), false),
        ("sha256", "digest") => ("SHA-256", args.first().copied(), false),
        ("digest", "digest") if parts.first() == Some(&"ring") || parts.len() == 2 => {
            let algorithm_text = text(*args.first()?, source);
            let algorithm = RING_DIGESTS.iter().find(|(c, _)| algorithm_text.ends_with(c)).map(|(_, d)| *d)?;
            (algorithm, args.get(1).copied(), false)
        }
        (owner, "digest" | "new_with_prefix") => (fast_digest(owner)?, args.first().copied(), false),
        ("Sha1", "from") => ("SHA-1", args.first().copied(), false),
        (owner, "new" | "default") if owner.chars().next().is_some_and(char::is_uppercase) => {
            (fast_digest(owner)?, None, true)
        }
        _ => return None,
    };
    let mut inputs: Vec<Node<'t>> = inputs.into_iter().collect();
    let mut end = call;
    while let Some(field) = end.parent().filter(|p| p.kind_name() == "field_expression")
        && let Some(outer) = field.parent().filter(|p| p.kind_name() == "call_expression")
    {
        if method_name(outer).is_some_and(|m| matches!(text(m, source), "update" | "chain_update" | "chain")) {
            inputs.extend(arguments(outer).first().copied());
        }
        end = outer;
    }
    Some(FastHash { callee: written.to_string(), algorithm, inputs, chain_end: end, hasher: hasher && end == call })
}

/// The family of a password-hashing function with a tunable work factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kdf {
    Bcrypt,
    Pbkdf2,
}

/// A work factor written as an integer literal: `bcrypt::hash(pw, 4)`,
/// `pbkdf2_hmac::<Sha256>(pw, salt, 1_000, &mut key)`,
/// `ring::pbkdf2::derive(alg, NonZeroU32::new(1000).unwrap(), ..)`.
pub fn work_factor<'t>(call: Node<'t>, source: &str, uses: &Uses) -> Option<(String, Kdf, i64, Node<'t>)> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let written = call_path(call, source)?;
    let qualified = uses.qualify(written);
    let parts = segments(&qualified);
    let (kdf, index) = match parts.as_slice() {
        ["bcrypt", "hash" | "hash_with_result" | "hash_with_salt"] => (Kdf::Bcrypt, 1),
        [.., "pbkdf2", "pbkdf2" | "pbkdf2_hmac" | "pbkdf2_array" | "pbkdf2_hmac_array"] => (Kdf::Pbkdf2, 2),
        [.., "pbkdf2", "derive" | "verify"] => (Kdf::Pbkdf2, 1),
        _ => return None,
    };
    let argument = *arguments(call).get(index)?;
    let literal = if argument.kind_name() == "integer_literal" {
        argument
    } else if kdf == Kdf::Pbkdf2 && text(argument, source).contains("NonZeroU32::new") {
        descendants(argument).find(|n| n.kind_name() == "integer_literal")?
    } else {
        return None;
    };
    Some((written.to_string(), kdf, int_literal(text(literal, source))?, literal))
}

/// The first password-like name (none when the expression also holds a
/// nonce: a challenge-response digest) inside an expression (`password`,
/// `form.password.as_bytes()`).
pub fn password_operand(node: Node<'_>, source: &str) -> Option<String> {
    super::password_among(
        descendants(node)
            .filter(|n| matches!(n.kind_name(), "identifier" | "field_identifier"))
            .map(|n| text(n, source)),
    )
}

/// The name the value of `node` is stored into (`let` binding, assignment,
/// struct field), looking through method chains, `?` and `.await`.
pub fn stored_into(node: Node<'_>, source: &str) -> Option<String> {
    let mut current = node;
    while let Some(parent) = current.parent() {
        match parent.kind_name() {
            "field_expression" if parent.field("value") == Some(current) => {}
            "call_expression" if parent.field("function") == Some(current) => {}
            "try_expression" | "await_expression" | "parenthesized_expression" | "reference_expression" => {}
            // Encoding the digest (`hex::encode(..)`, `base64::encode(..)`) keeps it the same value.
            "arguments"
                if parent.parent().and_then(|c| call_path(c, source)).is_some_and(|p| p.ends_with("encode")) =>
            {
                current = parent.parent().unwrap_or(parent);
                continue;
            }
            "let_declaration" if parent.field("value") == Some(current) => {
                let pattern = parent.field("pattern")?;
                return (pattern.kind_name() == "identifier").then(|| text(pattern, source).to_string());
            }
            "assignment_expression" if parent.field("right") == Some(current) => {
                let left = parent.field("left")?;
                return match left.kind_name() {
                    "identifier" => Some(text(left, source).to_string()),
                    "field_expression" => left.field("field").map(|f| text(f, source).to_string()),
                    _ => None,
                };
            }
            "field_initializer" if parent.field("value") == Some(current) => {
                return parent.field("field").map(|f| text(f, source).to_string());
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

/// `jsonwebtoken` functions that decode without checking the signature.
pub fn is_insecure_decode_path(path: &str) -> bool {
    let last = path.rsplit("::").next().unwrap_or(path);
    let last = last.split('<').next().unwrap_or(last);
    matches!(
        last,
        "dangerous_insecure_decode" | "dangerous_insecure_decode_with_validation" | "dangerous_unsafe_decode"
    )
}

/// The `jsonwebtoken::Validation` method that turns signature checks off.
pub const DISABLE_SIGNATURE_METHOD: &str = "insecure_disable_signature_validation";

/// The secret key a call takes: `jsonwebtoken`'s
/// `EncodingKey::from_secret` / `DecodingKey::from_secret` and
/// `from_base64_secret`, and `Hmac::<D>::new_from_slice` (also through a
/// type alias whose name says HMAC).
pub fn key_use<'t>(call: Node<'t>, source: &str, uses: &Uses) -> Option<KeyUse<'t>> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let qualified = uses.qualify(call_path(call, source)?);
    let parts = segments(&qualified);
    let [.., owner, function] = parts.as_slice() else { return None };
    let purpose = match (*owner, *function) {
        ("EncodingKey", "from_secret" | "from_base64_secret") => "signs tokens",
        ("DecodingKey", "from_secret" | "from_base64_secret") => "verifies tokens",
        (owner, "new_from_slice") if owner.to_ascii_lowercase().contains("hmac") => "keys an HMAC",
        // `aws_credential_types::Credentials::new(id, secret, token, expiry, provider)`.
        ("Credentials", "new") if parts.first().is_some_and(|c| c.starts_with("aws_")) => {
            return Some(KeyUse { sink: call, key: *arguments(call).get(1)?, purpose: "signs AWS requests" });
        }
        _ => return None,
    };
    Some(KeyUse { sink: call, key: *arguments(call).first()?, purpose })
}

/// Where a key's value comes from (see [`KeySource`]): a string or byte
/// string literal, possibly borrowed or through `.as_bytes()`, held in a
/// `let`, `const` or `static` or written inline; or the literal fallback of
/// an environment read (`env::var("K").unwrap_or("dev".into())`,
/// `.unwrap_or_else(|_| "dev".to_string())`).
pub fn key_source<'t>(key: Node<'t>, source: &str) -> Option<KeySource<'t>> {
    let mut value = crate::lang::values::resolve(key, source);
    for _ in 0..crate::lang::values::MAX_HOPS {
        match value.kind_name() {
            "reference_expression" => value = crate::lang::values::resolve(value.field("value")?, source),
            "call_expression" => {
                let method = method_name(value).map(|m| text(m, source));
                let receiver = crate::lang::rust::method_receiver(value);
                match (method, receiver) {
                    (Some("as_bytes" | "as_ref" | "to_string" | "to_owned" | "into" | "as_str"), Some(r)) => {
                        value = crate::lang::values::resolve(r, source)
                    }
                    (Some("unwrap_or" | "unwrap_or_else"), Some(r)) if text(r, source).contains("var(") => {
                        let fallback = *arguments(value).first()?;
                        let literal = descendants(fallback).find(|n| n.kind_name() == "string_literal")?;
                        return has_content(literal, source).then_some(KeySource::Fallback(literal));
                    }
                    _ => return None,
                }
            }
            "string_literal" | "raw_string_literal" => {
                return has_content(value, source).then_some(KeySource::Literal(value));
            }
            _ => return None,
        }
    }
    None
}

/// Whether a string literal holds more than whitespace.
fn has_content(literal: Node<'_>, source: &str) -> bool {
    !text(literal, source).trim_start_matches(['b', 'r', '#']).trim_matches(['"', '#']).trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::segments;

    #[test]
    fn splits_paths() {
        assert_eq!(segments("<sha2::Sha256 as Digest>::digest"), ["sha2", "Sha256", "digest"]);
        assert_eq!(segments("pbkdf2::pbkdf2_hmac::<Sha256>"), ["pbkdf2", "pbkdf2_hmac"]);
        assert_eq!(segments("Sha256::digest"), ["Sha256", "digest"]);
    }
}
