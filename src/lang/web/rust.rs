//! Rust web framework knowledge: tower-http `CorsLayer` and actix-cors
//! `Cors` builder chains.

use crate::lang::NodeExt;
use tree_sitter::Node;

use super::Origins;
use crate::lang::rust::{Uses, arguments, call_path, method_name};
use crate::lang::{descendants, text};

/// A CORS layer built by a method chain.
#[derive(Debug)]
pub struct CorsChain<'t> {
    /// `CorsLayer` (tower-http) or `Cors` (actix-cors).
    pub framework: &'static str,
    /// The preset the chain starts from (`permissive`, `very_permissive`), if any.
    pub preset: Option<&'static str>,
    pub origins: Origins,
    /// Where the permissive origin is set (the preset call or the method).
    pub origins_node: Node<'t>,
    /// Where credentials are allowed, if they are.
    pub credentials: Option<Node<'t>>,
    /// The whole chain.
    pub chain: Node<'t>,
}

/// Whether a closure always returns `true` (`|_, _| true`).
fn always_true(node: Node<'_>, source: &str) -> bool {
    node.kind_name() == "closure_expression"
        && node.field("body").is_some_and(|b| {
            let compact = crate::lang::without_white_space(text(b, source));
            compact == "true" || compact == "{true}"
        })
}

/// Recognises the start of a CORS builder chain (`CorsLayer::new()`,
/// `CorsLayer::permissive()`, `Cors::default()`, `Cors::permissive()`) and
/// reads the origin and credentials settings along the chain.
pub fn cors_chain<'t>(call: Node<'t>, source: &str, uses: &Uses) -> Option<CorsChain<'t>> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let written = call_path(call, source)?;
    let qualified = uses.qualify(written);
    let (owner, constructor) = qualified.rsplit_once("::")?;
    let owner_name = owner.rsplit("::").next().unwrap_or(owner);
    let framework = match owner_name {
        "CorsLayer" if !owner.contains("::") || owner.starts_with("tower_http") => "CorsLayer",
        "Cors" if owner.starts_with("actix_cors") => "Cors",
        _ => return None,
    };
    let mut chain = CorsChain {
        framework,
        preset: None,
        origins: Origins::Restricted,
        origins_node: call,
        credentials: None,
        chain: call,
    };
    match (framework, constructor) {
        ("CorsLayer", "very_permissive") => {
            chain.preset = Some("very_permissive");
            chain.origins = Origins::Reflected;
            chain.credentials = Some(call);
        }
        ("CorsLayer", "permissive") => {
            chain.preset = Some("permissive");
            chain.origins = Origins::Any;
        }
        ("Cors", "permissive") => {
            chain.preset = Some("permissive");
            chain.origins = Origins::Reflected;
            chain.credentials = Some(call);
        }
        (_, "new" | "default") => {}
        _ => return None,
    }
    let mut end = call;
    while let Some(field) = end.parent().filter(|p| p.kind_name() == "field_expression")
        && let Some(outer) = field.parent().filter(|p| p.kind_name() == "call_expression")
    {
        let method = method_name(outer).map(|m| text(m, source)).unwrap_or("");
        let argument = arguments(outer).first().copied();
        let argument_text = argument.map(|a| text(a, source)).unwrap_or("");
        let origins = match method {
            "allow_origin" => {
                let any = argument_text == "Any"
                    || argument_text.ends_with("::Any")
                    || argument_text.ends_with("AllowOrigin::any()");
                let mirror = argument_text.ends_with("AllowOrigin::mirror_request()")
                    || argument_text.contains("AllowOrigin::predicate")
                        && argument.is_some_and(|a| descendants(a).any(|n| always_true(n, source)));
                if any {
                    Some(Origins::Any)
                } else if mirror {
                    Some(Origins::Reflected)
                } else {
                    Some(Origins::Restricted)
                }
            }
            "allow_any_origin" => Some(Origins::Reflected),
            "allowed_origin_fn" if argument.is_some_and(|a| always_true(a, source)) => Some(Origins::Reflected),
            "allowed_origin" | "allowed_origin_fn" => Some(Origins::Restricted),
            "send_wildcard" => Some(Origins::Any),
            _ => None,
        };
        if let Some(origins) = origins {
            // `send_wildcard` only changes how an any-origin policy is sent.
            if method != "send_wildcard" || chain.origins.is_permissive() {
                chain.origins = origins;
                chain.origins_node = field.field("field").unwrap_or(outer);
            }
        }
        match method {
            "allow_credentials" => {
                chain.credentials = (argument_text == "true").then(|| field.field("field").unwrap_or(outer));
            }
            "supports_credentials" => chain.credentials = Some(field.field("field").unwrap_or(outer)),
            _ => {}
        }
        end = outer;
    }
    chain.chain = end;
    Some(chain)
}
