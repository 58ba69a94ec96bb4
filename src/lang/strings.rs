//! String literals as each language writes them (where the text between the
//! quotes is, whether it interpolates values) and URLs found in their text.
//! Shared by the rules that judge literal values (`hardcoded-url`,
//! `hardcoded-secret`).

use std::ops::Range;

use tree_sitter::Node;

use crate::lang::{self, Family, NodeExt};

/// A string literal: the byte range of its contents (quotes and prefixes
/// excluded) and whether it interpolates values.
#[derive(Clone, Copy, Debug)]
pub struct Literal {
    pub content: (usize, usize),
    pub interpolated: bool,
}

impl Literal {
    pub fn range(&self) -> Range<usize> {
        self.content.0..self.content.1
    }

    pub fn value<'a>(&self, source: &'a str) -> &'a str {
        &source[self.range()]
    }
}

/// The string literal `node` is, if it is one of its family's string kinds.
pub fn string_literal(node: Node<'_>, family: Family, source: &str) -> Option<Literal> {
    let raw = lang::text(node, source);
    let (start, end) = match (family, node.kind_name()) {
        (Family::Python, "string") => {
            // One pass over the parts: the first opening quote, the last
            // closing one, any interpolation.
            let (mut open, mut close, mut interpolated) = (None, None, false);
            for part in node.child_nodes() {
                match part.kind_name() {
                    "string_start" if open.is_none() => open = Some(part.end_byte()),
                    "string_end" => close = Some(part.start_byte()),
                    "interpolation" => interpolated = true,
                    _ => {}
                }
            }
            let literal = Literal { content: (open?, close?), interpolated };
            return (literal.content.0 <= literal.content.1).then_some(literal);
        }
        (Family::TypeScript, "string" | "template_string") => {
            // The quotes, where they are: a literal the parser recovered from
            // an error can lack its closing quote and end in any character.
            let quote = raw.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
            let end = if raw.len() > 1 && raw.ends_with(quote) { raw.len() - 1 } else { raw.len() };
            (1, end)
        }
        (Family::Rust, "string_literal" | "raw_string_literal") => {
            if raw.starts_with('b') || raw.starts_with("c") {
                return None;
            }
            (raw.find('"')? + 1, raw.rfind('"')?)
        }
        _ => return None,
    };
    if start > end {
        return None;
    }
    // Only a template literal has substitutions.
    let interpolated = node.kind_name() == "template_string" && {
        node.named_child_nodes().any(|c| c.kind_name() == "template_substitution")
    };
    Some(Literal { content: (node.start_byte() + start, node.start_byte() + end), interpolated })
}

/// Whether a Python string is a docstring or a bare string statement (the
/// language's block comment).
pub fn is_bare_string_statement(node: Node<'_>) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        match parent.kind_name() {
            "concatenated_string" | "parenthesized_expression" => current = parent,
            "expression_statement" => return parent.named_child_count() == 1,
            _ => return false,
        }
    }
    false
}

/// A URL found at the start of a string: where its parts are, as byte offsets
/// into the string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    /// The scheme, lower-cased, without `jdbc:` and without `+driver`.
    pub scheme: String,
    /// `scheme://host[:port]` as written, without credentials.
    pub origin: String,
    pub host: Range<usize>,
    /// The password of `user:password@`, when there is one.
    pub password: Option<Range<usize>>,
}

/// Parses a URL at the start of `value`. The host must be written out (no
/// `{`, `$`, `%` or `<` placeholders in it, not the word `host`), and the
/// port, if any, in digits: `host:port` is a format, not an address.
pub fn parse_url(value: &str) -> Option<Url> {
    let (offset, rest) = match value.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("jdbc:") => (5, &value[5..]),
        _ => (0, value),
    };
    let scheme_len = rest.find("://")?;
    let scheme_text = &rest[..scheme_len];
    if scheme_text.is_empty()
        || !scheme_text.starts_with(|c: char| c.is_ascii_alphabetic())
        || !scheme_text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
    {
        return None;
    }
    let authority_start = offset + scheme_len + 3;
    let after = &value[authority_start..];
    let authority_len = after.find(['/', '?', '#', ';']).unwrap_or(after.len());
    let authority = &after[..authority_len];
    if authority.contains(char::is_whitespace) {
        return None;
    }
    let (userinfo_len, host_start) = match authority.rfind('@') {
        Some(at) => (Some(at), at + 1),
        None => (None, 0),
    };
    let host_port = &authority[host_start..];
    let host_len = if host_port.starts_with('[') {
        host_port.find(']').map(|i| i + 1).unwrap_or(host_port.len())
    } else {
        host_port.find(':').unwrap_or(host_port.len())
    };
    let host = &host_port[..host_len];
    if host.is_empty() || host.contains(['{', '}', '$', '%', '<', '>', '(', '*']) {
        return None;
    }
    // A documented format (`mysql://user:password@host:port/dbname`): the
    // port is a word, or the host is the word `host` itself.
    let port = host_port[host_len..].strip_prefix(':').unwrap_or("");
    if !port.chars().all(|c| c.is_ascii_digit()) || matches!(host.to_ascii_lowercase().as_str(), "host" | "hostname") {
        return None;
    }
    let password = userinfo_len.and_then(|len| {
        let userinfo = &authority[..len];
        let colon = userinfo.find(':')?;
        let start = authority_start + colon + 1;
        (len > colon + 1).then_some(start..authority_start + len)
    });
    let scheme = scheme_text.to_ascii_lowercase();
    let scheme = scheme.split('+').next().unwrap_or("").to_string();
    let origin = format!("{}{}", &value[..offset + scheme_len + 3], host_port);
    let host_abs = authority_start + host_start;
    Some(Url { scheme, origin, host: host_abs..host_abs + host_len, password })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_give_their_content_and_holes() {
        let cases: &[(lang::Language, &str, &str)] = &[
            (
                lang::Language::Python,
                "x = 'a'\ny = f\"b{c}d\"\nz = r'''e'''\nw = ''\n",
                "a:false b{c}d:true e:false :false",
            ),
            (
                lang::Language::TypeScript,
                "const a = 'x'; const b = `y${z}`; const c = `w`;\n",
                "x:false y${z}:true w:false",
            ),
            (
                lang::Language::Rust,
                "const A: &str = \"p\"; const B: &[u8] = b\"q\"; const C: &str = r#\"s\"#;\n",
                "p:false s:false",
            ),
        ];
        for (language, source, expected) in cases {
            let tree = lang::parse(*language, source);
            let found: Vec<String> = lang::descendants(tree.root_node())
                .filter_map(|n| string_literal(n, language.family(), source))
                .map(|l| format!("{}:{}", &source[l.content.0..l.content.1], l.interpolated))
                .collect();
            assert_eq!(found.join(" "), *expected, "{language:?}");
        }
    }

    #[test]
    fn parses_urls_and_credentials() {
        let url = parse_url("postgresql+asyncpg://app:s3cret@db.prod.internal:5432/app").unwrap();
        assert_eq!(url.scheme, "postgresql");
        assert_eq!(url.origin, "postgresql+asyncpg://db.prod.internal:5432");
        let value = "postgresql+asyncpg://app:s3cret@db.prod.internal:5432/app";
        assert_eq!(&value[url.password.unwrap()], "s3cret");
        assert_eq!(&value[url.host], "db.prod.internal");
        let jdbc = parse_url("jdbc:mysql://db.example.net/app").unwrap();
        assert_eq!(jdbc.scheme, "mysql");
        assert!(parse_url("https://{host}/api").is_none());
        assert!(parse_url("mysql://user:password@host:port/dbname[?key=value]").is_none());
        assert!(parse_url("postgresql://db.internal:port/app").is_none());
        assert!(parse_url("redis://hostname/0").is_none());
        assert!(parse_url("redis://cache.internal:6379/0").is_some());
        assert!(parse_url("see the docs").is_none());
        assert!(parse_url("mongodb+srv://cluster0.abc.mongodb.net").is_some_and(|u| u.scheme == "mongodb"));
    }
}
