//! Cryptography knowledge shared by rules: which digests are fast (unfit for
//! passwords), which names hold passwords, the work factors password hashing
//! needs, and JWT library calls. One module per language family below; the
//! language-independent vocabulary is here.

pub mod python;
pub mod rust;
pub mod typescript;

/// The lowest bcrypt cost backlint accepts (OWASP recommends 10 or more).
pub const MIN_BCRYPT_COST: i64 = 10;

/// The lowest PBKDF2 iteration count backlint accepts.
pub const MIN_PBKDF2_ITERATIONS: i64 = 100_000;

/// The display name of a fast, general-purpose digest (MD5, SHA-1, SHA-2,
/// SHA-3, BLAKE2) from the way libraries spell it (`md5`, `sha256`, `SHA-256`,
/// `Sha512_256`, `sha3_256`), or `None` for anything else.
pub fn fast_digest(name: &str) -> Option<&'static str> {
    let normalized: String =
        name.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    let display = match normalized.as_str() {
        "md5" => "MD5",
        "md4" => "MD4",
        "sha1" | "sha" => "SHA-1",
        "sha224" => "SHA-224",
        "sha256" => "SHA-256",
        "sha384" => "SHA-384",
        "sha512" => "SHA-512",
        "sha512224" => "SHA-512/224",
        "sha512256" => "SHA-512/256",
        "sha3224" => "SHA3-224",
        "sha3256" => "SHA3-256",
        "sha3384" => "SHA3-384",
        "sha3512" => "SHA3-512",
        "blake2b" | "blake2b512" => "BLAKE2b",
        "blake2s" | "blake2s256" => "BLAKE2s",
        _ => return None,
    };
    Some(display)
}

use crate::lang::identifier_words as words;

/// How a file's text spells a password where it names one (`password`,
/// `passwd`, `userPass`, `DB_PWD`): what the text holds when it may pass
/// or compare a password.
pub const PASSWORD_SPELLINGS: &[&str] = &["pass", "Pass", "PASS", "pwd", "Pwd", "PWD"];

/// Whether `text` may name a password: it holds one of
/// [`PASSWORD_SPELLINGS`] (one search of the text for all of them). The
/// pre-test of the facts and rules that follow passwords.
pub fn may_name_password(text: &str) -> bool {
    static SPELLINGS: crate::lang::Words = crate::lang::Words::new(PASSWORD_SPELLINGS);
    SPELLINGS.in_text(text)
}

/// Words that make a name a password.
const PASSWORD_WORDS: &[&str] = &["password", "passwd", "pwd", "pass", "passphrase", "passcode", "pw"];

/// Words that say a password-ish name holds something else: a policy, a
/// reset token, a length, a form label, an already-computed hash.
const NOT_A_PASSWORD: &[&str] = &[
    "reset", "token", "hash", "hashed", "digest", "length", "len", "policy", "field", "label", "prompt", "min", "max",
    "url", "file", "path", "version", "changed", "expiry", "expires", "expired", "date", "time", "count", "attempts",
    "rule", "rules", "regex", "pattern", "hint", "strength", "valid", "enabled", "required", "type", "through", "fail",
    "failed", "manager", "form", "input", "widget", "error", "errors", "message", "name", "id", "salt",
];

/// Words that say a name holds a digest.
const HASH_WORDS: &[&str] = &["hash", "hashed", "digest", "encrypted", "crypted", "hashes"];

/// Whether a variable, field or parameter name holds a plain password:
/// `password`, `new_password`, `userPass`, `pwd`, `passphrase`; not
/// `password_reset_token`, `PASSWORD_MIN_LENGTH` or `password_hash`. A
/// `secret` is not a password: it is usually a generated key or preimage,
/// and hashing one with SHA-256 is what protocols do.
pub fn is_password_name(name: &str) -> bool {
    let words = words(name);
    !words.iter().any(|w| NOT_A_PASSWORD.contains(&w.as_str()))
        && words.iter().any(|w| PASSWORD_WORDS.contains(&w.as_str()))
}

/// Whether a name is part of a challenge-response exchange (HTTP Digest,
/// WSSE, CRAM): a digest over a password and a nonce is a protocol message,
/// not a stored password hash.
pub fn is_challenge_name(name: &str) -> bool {
    words(name).iter().any(|w| matches!(w.as_str(), "nonce" | "cnonce" | "challenge" | "realm"))
}

/// The password among the names of an expression, in order: the first
/// that names a password, unless a name says challenge (a salt, a nonce:
/// then the expression is a challenge-response digest and none is).
pub fn password_among<'a>(mut names: impl Iterator<Item = &'a str>) -> Option<String> {
    names
        .try_fold(None, |found: Option<&str>, name| {
            if is_challenge_name(name) { Err(()) } else { Ok(found.or(is_password_name(name).then_some(name))) }
        })
        .ok()
        .flatten()
        .map(str::to_string)
}

/// Whether a name is where a password's hash is stored: `password_hash`,
/// `hashed_password`, `passwordDigest`, `pwd_hash`. A bare `password` is not
/// enough: `password = sha256(os.urandom(32)).hexdigest()` generates one.
pub fn is_password_hash_target(name: &str) -> bool {
    let words = words(name);
    let excluded = |w: &String| !HASH_WORDS.contains(&w.as_str()) && NOT_A_PASSWORD.contains(&w.as_str());
    !words.iter().any(excluded)
        && words.iter().any(|w| PASSWORD_WORDS.contains(&w.as_str()))
        && words.iter().any(|w| HASH_WORDS.contains(&w.as_str()))
}

/// The parts of a JSON Web Token that say how to check it rather than who
/// holds it: the issuer and key id (to choose a key), the algorithm and type,
/// the validity times and the whole header. Reading them from an unverified
/// token is a peek (to route it to its verifier, or to schedule a refresh);
/// trusting any other claim (`sub`, roles, the payload) is the forgery.
pub const METADATA_CLAIMS: &[&str] = &["iss", "exp", "iat", "nbf", "kid", "alg", "typ", "header"];

/// Whether a file's text names a fast digest that the per-language
/// knowledge recognises (`fast_digest`'s names, `hashlib`, `createHash`): a
/// cheap test before looking at its calls.
pub fn may_digest(source: &str) -> bool {
    static WORDS: crate::lang::Words = crate::lang::Words::new(&[
        "hashlib",
        "createHash",
        "md4",
        "Md4",
        "MD4",
        "md5",
        "Md5",
        "MD5",
        "sha1",
        "Sha1",
        "SHA1",
        "sha2",
        "Sha2",
        "SHA2",
        "sha3",
        "Sha3",
        "SHA3",
        "sha5",
        "Sha5",
        "SHA5",
        "sha384",
        "Sha384",
        "SHA384",
        "lake2",
        "LAKE2",
    ]);
    WORDS.in_text(source)
}

/// The password-like name an expression of `family` mentions (see each
/// language's `password_operand`).
pub fn password_operand(family: crate::lang::Family, node: tree_sitter::Node<'_>, source: &str) -> Option<String> {
    match family {
        crate::lang::Family::Python => python::password_operand(node, source),
        crate::lang::Family::TypeScript => typescript::password_operand(node, source),
        crate::lang::Family::Rust => rust::password_operand(node, source),
    }
}

/// The name a digest's input is, through the conversions that only turn
/// text into bytes (`value.encode()`, `str(value)`, `Buffer.from(value)`,
/// `value.as_bytes()`, `&value`): the parameter a wrapper hashes
/// (`def digest(value): return md5(value.encode()).hexdigest()`).
pub fn hashed_name<'t>(input: tree_sitter::Node<'t>, source: &str) -> Option<tree_sitter::Node<'t>> {
    use crate::lang::NodeExt;
    const CONVERSIONS: &[&str] = &["encode", "as_bytes", "as_ref", "as_str", "to_string", "toString", "to_owned"];
    const WRAPPERS: &[&str] = &["str", "bytes", "Buffer.from", "String::from"];
    let mut node = input;
    for _ in 0..crate::lang::values::MAX_HOPS {
        match node.kind_name() {
            "identifier" => return Some(node),
            "parenthesized_expression" => node = node.named_child(0)?,
            "reference_expression" => node = node.field("value")?,
            "call" | "call_expression" => {
                let function = node.field("function")?;
                let method = function
                    .field("attribute")
                    .or_else(|| function.field("property"))
                    .or_else(|| function.field("field"));
                let receiver = function.field("object").or_else(|| function.field("value"));
                node = match (method, receiver) {
                    (Some(m), Some(r)) if CONVERSIONS.contains(&crate::lang::text(m, source)) => r,
                    _ if WRAPPERS.contains(&crate::lang::text(function, source)) => {
                        node.field("arguments")?.named_child(0)?
                    }
                    _ => return None,
                };
            }
            _ => return None,
        }
    }
    None
}

/// What a JWT library call does with a token's signature, as the code
/// around it relies on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenUse {
    /// The signature is checked (`jwt.verify`, PyJWT `decode` with a key).
    Verifies,
    /// The claims are read without the check (`jwt.decode`, `verify_signature: False`).
    Unverified,
}

/// For an unverified decode whose value its function returns (`return
/// jwt.decode(token)`, `(t) => decodeJwt(t)`, `return jwt.decode(token,
/// options=..)`): that function and the position of the parameter it
/// decodes. Such a function is a decode wrapper, and whether the claims are
/// trusted unverified is up to its callers: a caller that verifies the
/// token as well only peeks at them.
pub fn returned_decode_of_parameter<'t>(
    family: crate::lang::Family,
    call: tree_sitter::Node<'t>,
    source: &str,
) -> Option<(tree_sitter::Node<'t>, usize)> {
    use crate::lang::NodeExt;
    const LOOKED_THROUGH: &[&str] = &[
        "await",
        "await_expression",
        "parenthesized_expression",
        "as_expression",
        "non_null_expression",
        "satisfies_expression",
        "type_assertion",
    ];
    let mut value = call;
    while let Some(parent) = value.parent().filter(|p| LOOKED_THROUGH.contains(&p.kind_name())) {
        value = parent;
    }
    let parent = value.parent()?;
    let returned = parent.kind_name() == "return_statement"
        || parent.kind_name() == "arrow_function" && parent.field("body") == Some(value);
    if !returned {
        return None;
    }
    let arguments = call.field("arguments")?;
    let token = arguments.named_child_nodes().find(|a| !a.kind_name().contains("comment"))?;
    if token.kind_name() != "identifier" {
        return None;
    }
    let (function, position) = crate::lang::values::parameter_position(token, source)?;
    // The parameter is the returning function's own, not an outer one's.
    let returning = crate::lang::ancestor_of_kind(call, crate::lang::db::function_kinds(family))?;
    (returning.id() == function.id()).then_some((function, position))
}

/// Whether an algorithm name is the JWT `none` algorithm.
pub fn is_none_algorithm(name: &str) -> bool {
    name.eq_ignore_ascii_case("none")
}

/// An integer literal as written in Python, TypeScript or Rust source
/// (`100000`, `100_000`, `1_000u32`, `0x10`), or `None`.
pub fn int_literal(text: &str) -> Option<i64> {
    let cleaned: String = text.trim().chars().filter(|c| *c != '_').collect();
    let digits = ["u128", "u16", "u32", "u64", "u8", "usize", "i128", "i16", "i32", "i64", "i8", "isize", "n"]
        .iter()
        .find_map(|suffix| cleaned.strip_suffix(suffix).filter(|d| !d.starts_with("0x") || suffix.len() > 1))
        .unwrap_or(&cleaned);
    if let Some(hex) = digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0X")) {
        return i64::from_str_radix(hex, 16).ok();
    }
    digits.parse().ok()
}

/// A place where code hands a secret key to a library: the argument that
/// is the key, and what the library does with it. A literal that reaches it
/// is a hardcoded key whatever it looks like (`'keyboard cat'` as a session
/// secret is the worst case, not a placeholder).
#[derive(Clone, Copy, Debug)]
pub struct KeyUse<'t> {
    /// The call (or assignment) that takes the key.
    pub sink: tree_sitter::Node<'t>,
    /// The key expression as written there.
    pub key: tree_sitter::Node<'t>,
    /// What the key does: "signs tokens", "keys an HMAC", ...
    pub purpose: &'static str,
}

/// Where a key's value comes from, as far as the file shows.
#[derive(Clone, Copy, Debug)]
pub enum KeySource<'t> {
    /// A string literal (possibly encoded to bytes on the way).
    Literal(tree_sitter::Node<'t>),
    /// An environment read whose fallback is a literal
    /// (`process.env.JWT_SECRET || 'dev'`, `os.getenv("KEY", "dev")`): the
    /// literal is the key whenever the variable is unset.
    Fallback(tree_sitter::Node<'t>),
}

impl<'t> KeySource<'t> {
    /// The literal node.
    pub fn literal(self) -> tree_sitter::Node<'t> {
        match self {
            KeySource::Literal(n) | KeySource::Fallback(n) => n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_may_name_a_password_in_any_of_its_spellings() {
        for text in ["user_password = x", "const userPass = 1", "DB_PWD=x", "passwd", "let Pwd;", "PASSWORD"] {
            assert!(may_name_password(text), "{text:?}");
        }
        for text in ["", "user = 1", "const token = 2", "p-a-s-s"] {
            assert!(!may_name_password(text), "{text:?}");
        }
    }

    #[test]
    fn splits_words() {
        assert_eq!(words("userPasswordHash"), ["user", "password", "hash"]);
        assert_eq!(words("NEW_PASSWORD"), ["new", "password"]);
        assert_eq!(words("self.pwd"), ["self", "pwd"]);
    }

    #[test]
    fn recognises_password_names() {
        for name in ["password", "new_password", "userPass", "pwd", "raw_passwd", "passphrase", "plainPassword"] {
            assert!(is_password_name(name), "{name}");
        }
        for name in [
            "password_reset_token",
            "PASSWORD_MIN_LENGTH",
            "password_hash",
            "SECRET_KEY",
            "client_secret",
            "secret",
            "user_secret",
            "passenger",
            "bypass",
            "compass",
            "body",
        ] {
            assert!(!is_password_name(name), "{name}");
        }
    }

    #[test]
    fn recognises_password_hash_targets() {
        for name in ["password_hash", "hashed_password", "passwordDigest", "pwd_hash", "encrypted_password"] {
            assert!(is_password_hash_target(name), "{name}");
        }
        for name in
            ["etag", "cache_key", "checksum", "content_hash", "password_reset_token", "password", "reset_password_hash"]
        {
            assert!(!is_password_hash_target(name), "{name}");
        }
    }

    #[test]
    fn digests_and_literals() {
        assert_eq!(fast_digest("SHA-256"), Some("SHA-256"));
        assert_eq!(fast_digest("Sha512_256"), Some("SHA-512/256"));
        assert_eq!(fast_digest("md5"), Some("MD5"));
        assert_eq!(fast_digest("sha256WithRSAEncryption"), None);
        assert_eq!(int_literal("100_000"), Some(100_000));
        assert_eq!(int_literal("1000u32"), Some(1000));
        assert_eq!(int_literal("0x10"), Some(16));
        assert_eq!(int_literal("rounds"), None);
    }
}
