//! Outbound HTTP in Python: `requests` (module functions and `Session`s),
//! `httpx` (functions and clients, bounded by default), `aiohttp` sessions,
//! `urllib3` pools and `urllib3.request`, and `urllib.request.urlopen`.

use crate::lang::NodeExt;
use std::collections::HashMap;

use tree_sitter::Node;

use super::{CallKind, HttpCall, Timeout};
use crate::lang::{python, text, values};

/// Request methods of the module-level APIs and of clients and sessions.
const METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "options", "request"];

/// Extra methods of client objects that send requests.
const CLIENT_METHODS: &[&str] =
    &["send", "stream", "ws_connect", "urlopen", "request_encode_url", "request_encode_body"];

/// A client or session bound to a name in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Client {
    library: &'static str,
    /// The construction's own setting: `Set`, `Disabled`, `Missing`,
    /// `LibraryDefault` (httpx) or `Unknown` (a requests `Session`, which has
    /// no timeout of its own).
    bounded: Bound,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bound {
    Set,
    Unbounded,
    LibraryDefault,
    PerCall,
    Unknown,
}

/// The names a file binds to HTTP clients and sessions: `s = requests.Session()`,
/// `self.client = httpx.Client(timeout=None)`, `with requests.Session() as s`,
/// `async with aiohttp.ClientSession() as session`.
#[derive(Debug, Default)]
pub struct Clients {
    bindings: HashMap<String, Client>,
}

impl Clients {
    /// The node kinds [`Clients::collect`] looks at.
    pub const BINDING_KINDS: &'static [&'static str] = &["assignment", "as_pattern"];

    /// Follows clients bound by the given nodes (assignments and `with ... as`;
    /// others are ignored): pass a file's nodes of [`Clients::BINDING_KINDS`].
    pub fn collect<'t>(nodes: impl IntoIterator<Item = Node<'t>>, source: &str, imports: &python::Imports) -> Clients {
        let mut bindings = HashMap::new();
        for node in nodes {
            let (target, value) = match node.kind_name() {
                "assignment" => match (node.field("left"), node.field("right")) {
                    (Some(l), Some(r)) => (l, r),
                    _ => continue,
                },
                "as_pattern" => match (node.named_child(0), node.field("alias")) {
                    (Some(v), Some(a)) => (a.named_child(0).unwrap_or(a), v),
                    _ => continue,
                },
                _ => continue,
            };
            let value = if value.kind_name() == "await" { value.named_child(0).unwrap_or(value) } else { value };
            if value.kind_name() != "call" {
                continue;
            }
            let Some(name) = python::dotted_name(target, source) else { continue };
            if let Some(client) = construction(value, source, imports) {
                bindings.insert(name, client);
            }
        }
        Clients { bindings }
    }
}

/// A client construction: the library and its own timeout setting.
fn construction(call: Node<'_>, source: &str, imports: &python::Imports) -> Option<Client> {
    let callee = python::callee_name(call, source)?;
    let qualified = imports.qualify(&callee);
    let (library, bounded) = match qualified.as_ref() {
        "requests.Session" | "requests.session" | "requests.sessions.Session" => ("requests", Bound::PerCall),
        "httpx.Client" | "httpx.AsyncClient" => ("httpx", bound(call, source, Bound::LibraryDefault)),
        "aiohttp.ClientSession" => ("aiohttp", bound(call, source, Bound::Unbounded)),
        // urllib3 pools wait forever unless given `timeout=`.
        "urllib3.PoolManager"
        | "urllib3.poolmanager.PoolManager"
        | "urllib3.ProxyManager"
        | "urllib3.HTTPConnectionPool"
        | "urllib3.HTTPSConnectionPool"
        | "urllib3.connection_from_url" => ("urllib3", bound(call, source, Bound::Unbounded)),
        _ => return None,
    };
    Some(Client { library, bounded })
}

fn bound(call: Node<'_>, source: &str, default: Bound) -> Bound {
    match timeout_argument(call, source, None) {
        Timeout::Set => Bound::Set,
        Timeout::Disabled(_) => Bound::Unbounded,
        Timeout::Unknown => Bound::Unknown,
        _ => default,
    }
}

/// The `timeout` argument of a call: keyword `timeout=`, a `timeout` key of
/// a `**kwargs` dictionary, or the positional argument at `position`. Values
/// held in variables count as written inline (`timeout=TIMEOUT` with
/// `TIMEOUT = None` disables it); `**kwargs` that cannot be read make it
/// unknown.
fn timeout_argument<'t>(call: Node<'t>, source: &str, position: Option<usize>) -> Timeout<'t> {
    if let Some(value) = python::keyword_argument(call, "timeout", source) {
        return timeout_value(value, source);
    }
    let Some(arguments) = call.field("arguments") else { return Timeout::Missing };
    let args: Vec<Node<'t>> = arguments.named_child_nodes().filter(|a| a.kind_name() != "comment").collect();
    if args.iter().any(|a| a.kind_name() == "list_splat") {
        return Timeout::Unknown;
    }
    for splat in args.iter().filter(|a| a.kind_name() == "dictionary_splat") {
        match splat.named_child(0).and_then(|d| dictionary_timeout(d, source)) {
            // A readable dictionary without `timeout`: the other arguments decide.
            Some(Timeout::Missing) => {}
            Some(timeout) => return timeout,
            None => return Timeout::Unknown,
        }
    }
    if let Some(position) = position {
        let positional: Vec<_> = args.iter().filter(|a| a.kind_name() != "keyword_argument").collect();
        if let Some(value) = positional.get(position) {
            return timeout_value(**value, source);
        }
    }
    Timeout::Missing
}

/// A timeout value: `None` (written or held in a variable) disables it.
fn timeout_value<'t>(value: Node<'t>, source: &str) -> Timeout<'t> {
    // Reported at the call, which may share a module's `TIMEOUT = None` with others.
    if values::resolve(value, source).kind_name() == "none" {
        Timeout::Disabled(value.parent().unwrap_or(value))
    } else {
        Timeout::Set
    }
}

/// The timeout a `**kwargs` dictionary passes: `Some(Set/Disabled)` when it
/// has a `timeout` key, `Some(Missing)` when it is a dictionary (literal or
/// `dict(..)`, possibly held in a variable) without one, `None` when it
/// cannot be read.
fn dictionary_timeout<'t>(dictionary: Node<'t>, source: &str) -> Option<Timeout<'t>> {
    let held = values::resolve(dictionary, source);
    match held.kind_name() {
        "dictionary" => {
            let entries: Vec<Node<'t>> = held.named_child_nodes().collect();
            let mut readable = true;
            for entry in entries {
                match entry.kind_name() {
                    "pair" if entry.field("key").and_then(|k| python::string_value(k, source)) == Some("timeout") => {
                        return entry.field("value").map(|v| timeout_value(v, source));
                    }
                    "dictionary_splat" => readable = false,
                    _ => {}
                }
            }
            readable.then_some(Timeout::Missing)
        }
        "call" if held.field("function").is_some_and(|f| text(f, source) == "dict") => {
            let has_positional = held.field("arguments").is_some_and(|a| {
                a.named_child_nodes().any(|c| c.kind_name() != "keyword_argument" && c.kind_name() != "comment")
            });
            match python::keyword_argument(held, "timeout", source) {
                Some(value) => Some(timeout_value(value, source)),
                None if has_positional => None,
                None => Some(Timeout::Missing),
            }
        }
        _ => None,
    }
}

/// Classifies a `call` node as an outbound HTTP call, or `None`.
pub fn classify<'t>(
    call: Node<'t>,
    source: &str,
    imports: &python::Imports,
    clients: &Clients,
) -> Option<HttpCall<'t>> {
    let callee = python::callee_name(call, source)?;
    let qualified = imports.qualify(&callee);
    let made = |kind, library, timeout| {
        Some(HttpCall { node: call, kind, library, callee: callee.clone(), timeout, through_client: false })
    };
    if let Some(client) = construction(call, source, imports) {
        let timeout = match client.bounded {
            Bound::Set => Timeout::Set,
            Bound::Unbounded => timeout_argument(call, source, None),
            Bound::LibraryDefault => Timeout::LibraryDefault,
            Bound::PerCall | Bound::Unknown => Timeout::Unknown,
        };
        return made(CallKind::Client, client.library, timeout);
    }
    if let Some((module, method)) = qualified.rsplit_once('.') {
        match module {
            "requests" | "requests.api" if METHODS.contains(&method) => {
                return made(CallKind::Request, "requests", timeout_argument(call, source, None));
            }
            "httpx" if METHODS.contains(&method) || method == "stream" => {
                let timeout = match timeout_argument(call, source, None) {
                    Timeout::Missing => Timeout::LibraryDefault,
                    other => other,
                };
                return made(CallKind::Request, "httpx", timeout);
            }
            "aiohttp" if method == "request" => {
                return made(CallKind::Request, "aiohttp", timeout_argument(call, source, None));
            }
            "urllib3" if method == "request" => {
                return made(CallKind::Request, "urllib3", timeout_argument(call, source, None));
            }
            "urllib.request" if method == "urlopen" => {
                return made(CallKind::Request, "urllib", timeout_argument(call, source, Some(2)));
            }
            _ => {}
        }
    }
    // A method called on a bound client or session.
    let (receiver, method) = callee.rsplit_once('.')?;
    let client = clients.bindings.get(receiver)?;
    if !METHODS.contains(&method) && !CLIENT_METHODS.contains(&method) {
        return None;
    }
    let timeout = match timeout_argument(call, source, None) {
        Timeout::Missing => match client.bounded {
            Bound::PerCall => Timeout::Missing,
            Bound::LibraryDefault => Timeout::LibraryDefault,
            Bound::Unknown => Timeout::Unknown,
            Bound::Set | Bound::Unbounded => Timeout::FromClient,
        },
        other => other,
    };
    Some(HttpCall {
        node: call,
        kind: CallKind::Request,
        library: client.library,
        callee,
        timeout,
        through_client: true,
    })
}

/// Whether a file imports an HTTP client library this module knows (every
/// classified call qualifies to one; a name that is not imported fails at
/// run time).
pub fn may_call(imports: &python::Imports) -> bool {
    ["requests", "httpx", "aiohttp", "urllib", "urllib3"].iter().any(|m| imports.imports_module(m))
}

/// Whether `call` makes an outbound HTTP call or builds a client that will.
pub fn is_http_call(call: Node<'_>, source: &str, imports: &python::Imports, clients: &Clients) -> bool {
    classify(call, source, imports, clients).is_some()
}
