//! Web framework knowledge shared by rules: CORS configuration (flask-cors,
//! Starlette/FastAPI, django-cors-headers, Express `cors`, Fastify, NestJS,
//! Koa, Hono, tower-http, actix-cors, hand-written headers) and debug switches
//! (Flask, Django, FastAPI/Starlette, Express error handlers). One module per
//! language family below; the shared vocabulary is here.

pub mod python;
pub mod rust;
pub mod typescript;

use std::path::Path;

/// The header that names the allowed origin.
pub const ALLOW_ORIGIN_HEADER: &str = "access-control-allow-origin";

/// The header that lets the browser send cookies and credentials.
pub const ALLOW_CREDENTIALS_HEADER: &str = "access-control-allow-credentials";

/// Which origins a CORS configuration accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origins {
    /// Every origin, written as a wildcard (`*`, `.*`).
    Any,
    /// Every origin, by echoing the request's `Origin` header back
    /// (`origin: true`, a callback that always allows, `mirror_request()`).
    Reflected,
    /// An explicit list, a function, a variable: not known to be permissive.
    Restricted,
}

impl Origins {
    pub fn is_permissive(self) -> bool {
        matches!(self, Origins::Any | Origins::Reflected)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Origins::Any => "any origin",
            Origins::Reflected => "any origin (reflected from the request)",
            Origins::Restricted => "a restricted set of origins",
        }
    }
}

/// Whether a configured origin (or origin regex) matches everything.
pub fn is_wildcard_origin(origin: &str) -> bool {
    matches!(
        origin.trim(),
        "*" | ".*" | "^.*$" | "^.*" | ".*$" | ".+" | "^.+$" | "(.*)" | "^(.*)$" | "https?://.*" | "^https?://.*$"
    )
}

/// Whether an expression, as written, reads the incoming request directly:
/// `req.query.sort`, `request.args["col"]`, `ctx.request.body.dir`,
/// `ctx.query.order`.
pub fn reads_request(expression: &str) -> bool {
    let mut segments = expression.split(['.', '[']).map(str::trim);
    matches!(
        (segments.next(), segments.next()),
        (Some("req" | "request"), _) | (Some("ctx" | "context"), Some("request" | "query" | "params" | "body"))
    )
}

/// Whether a path is a settings module meant only for development, tests or
/// building artefacts (`settings/dev.py`, `local_settings.py`,
/// `settings_development.py`, `config/test.py`, `_build_settings.py`, read
/// when a package is built, not when it serves): debug switches and
/// throw-away keys there are expected.
pub fn is_development_module(path: &str) -> bool {
    let stem = Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or("");
    crate::lang::identifier_words(stem).iter().any(|w| {
        matches!(
            w.as_str(),
            "dev" | "devel" | "develop" | "development" | "local" | "test" | "tests" | "testing" | "ci" | "build"
        )
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn expressions_that_read_the_request() {
        for e in ["req.query.sort", "request.args['col']", "ctx.request.body.dir", "ctx.query.order"] {
            assert!(super::reads_request(e), "{e}");
        }
        for e in ["sortRecord.order", "requests.get", "ctx.state.user", "direction"] {
            assert!(!super::reads_request(e), "{e}");
        }
    }

    use super::*;

    #[test]
    fn development_modules() {
        for path in [
            "app/settings/dev.py",
            "local_settings.py",
            "proj/settings_development.py",
            "config/test.py",
            "pkg/_build_settings.py",
        ] {
            assert!(is_development_module(path), "{path}");
        }
        for path in ["app/settings/production.py", "settings.py", "app/settings/base.py", "devices.py", "builder.py"] {
            assert!(!is_development_module(path), "{path}");
        }
    }

    #[test]
    fn wildcard_origins() {
        assert!(is_wildcard_origin("*"));
        assert!(is_wildcard_origin(".*"));
        assert!(!is_wildcard_origin("https://app.example.com"));
        assert!(!is_wildcard_origin(r"https://.*\.example\.com"));
    }
}
