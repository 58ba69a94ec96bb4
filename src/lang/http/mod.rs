//! Outbound HTTP client knowledge shared by rules: which calls send an HTTP
//! request or build a client that will, from which library, and what timeout
//! setting they carry.
//!
//! One module per language family answers "is this call an outbound HTTP
//! call, and is it bounded in time?". Rules ask it instead of re-learning the
//! libraries (`requests`, `httpx`, `aiohttp`, `urllib`; `axios`, `fetch`,
//! `got`, `node:http(s)`; `reqwest`, `ureq`).

pub mod hosts;
pub mod python;
pub mod rust;
pub mod typescript;

use tree_sitter::Node;

/// Whether a file's text names an HTTP client library this module knows
/// (for TS/JS also the global `fetch` and `node:http(s)`): every classified
/// call qualifies to one of these names, which the file must then write in
/// the call or in the import binding it. A file that names none makes no
/// outbound HTTP call, and its calls need not be looked at.
pub fn may_call(family: crate::lang::Family, source: &str) -> bool {
    use crate::lang::Family;
    let libraries: &[&str] = match family {
        Family::Python => &["requests", "httpx", "aiohttp", "urllib"],
        Family::TypeScript => &["axios", "got", "http", "fetch", "superagent", "ky", "needle"],
        Family::Rust => &["reqwest", "ureq"],
    };
    crate::lang::mentions_any(source, libraries)
}

/// What an HTTP call site does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    /// Sends a request (`requests.get`, `fetch`, `reqwest::get`, `session.post`).
    Request,
    /// Builds a client or session later used for requests (`requests.Session()`,
    /// `axios.create`, `reqwest::Client::builder()...build()`).
    Client,
}

/// The timeout setting of an HTTP call site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timeout<'t> {
    /// No timeout is given and the library has none by default.
    Missing,
    /// A timeout is given explicitly as "none" (`timeout=None`, `timeout: 0`).
    Disabled(Node<'t>),
    /// A timeout (or an abort signal) is given.
    Set,
    /// None is given, but the library's default bounds the call (httpx,
    /// reqwest's blocking client).
    LibraryDefault,
    /// The call goes through a client whose timeout was configured where it
    /// was built.
    FromClient,
    /// Cannot tell (options passed as a variable or spread, `**kwargs`).
    Unknown,
}

impl Timeout<'_> {
    /// Whether this setting leaves the call without any time bound.
    pub fn is_unbounded(self) -> bool {
        matches!(self, Timeout::Missing | Timeout::Disabled(_))
    }
}

/// One outbound HTTP call site.
#[derive(Clone, Debug)]
pub struct HttpCall<'t> {
    /// The call (or, for Rust builder chains, the outermost call of the chain).
    pub node: Node<'t>,
    pub kind: CallKind,
    /// The library, as users know it (`requests`, `axios`, `reqwest`).
    pub library: &'static str,
    /// The callee as written (`requests.get`, `api.post`, `Client::builder`).
    pub callee: String,
    pub timeout: Timeout<'t>,
    /// Whether the call goes through a client or session bound in this file
    /// (its construction is a separate call site).
    pub through_client: bool,
}

/// Content-Security-Policy directives whose values are source lists: the
/// origins a browser may load from or connect to.
const CSP_SOURCE_DIRECTIVES: &[&str] = &[
    "defaultsrc",
    "scriptsrc",
    "scriptsrcelem",
    "scriptsrcattr",
    "stylesrc",
    "stylesrcelem",
    "stylesrcattr",
    "imgsrc",
    "connectsrc",
    "fontsrc",
    "objectsrc",
    "mediasrc",
    "framesrc",
    "childsrc",
    "workersrc",
    "manifestsrc",
    "prefetchsrc",
    "formaction",
    "frameancestors",
    "baseuri",
    "navigateto",
];

/// Whether a key or variable name is a Content-Security-Policy source-list
/// directive, in any spelling: `connect-src`, `connectSrc`, django-csp's
/// `CSP_CONNECT_SRC`, or a list named for one (`LOGROCKET_SCRIPT_SRC`). A URL
/// in its value is an origin the policy allows,
/// not an address the code calls.
pub fn is_csp_source_directive(name: &str) -> bool {
    let normal: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    let normal = normal.strip_prefix("csp").unwrap_or(&normal);
    // `LOGROCKET_SCRIPT_SRC`: a list of sources named for its directive.
    CSP_SOURCE_DIRECTIVES.iter().any(|d| normal.ends_with(d))
}
