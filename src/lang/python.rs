//! Python syntax knowledge shared by rules: imports and the names they bind,
//! dotted callee names, keyword arguments and string literal values.

use crate::lang::NodeExt;
use std::borrow::Cow;
use std::collections::HashMap;

use tree_sitter::Node;

use super::text;

/// Names bound by `import` statements at any level of a module, mapped to the
/// qualified name they stand for (`import requests as r` binds `r` to
/// `requests`; `from ssl import CERT_NONE` binds `CERT_NONE` to `ssl.CERT_NONE`).
#[derive(Debug, Default, Clone)]
pub struct Imports {
    bindings: HashMap<String, String>,
}

impl Imports {
    /// Collects the bindings of a whole tree.
    pub fn collect(root: Node<'_>, source: &str) -> Imports {
        Imports::from_nodes(super::descendants(root), source)
    }

    /// Collects the bindings of the given nodes (those of other kinds are
    /// ignored), e.g. a file's import statements from its node index.
    pub fn from_nodes<'t>(nodes: impl IntoIterator<Item = Node<'t>>, source: &str) -> Imports {
        let mut bindings = HashMap::new();
        for node in nodes {
            match node.kind_name() {
                "import_statement" => {
                    let mut cursor = node.walk();
                    for name in node.children_by_field_name("name", &mut cursor) {
                        match name.kind_name() {
                            "dotted_name" => {
                                let full = text(name, source);
                                let first = full.split('.').next().unwrap_or(full);
                                bindings.insert(first.to_string(), first.to_string());
                            }
                            "aliased_import" => {
                                if let (Some(n), Some(a)) = (name.field("name"), name.field("alias")) {
                                    bindings.insert(text(a, source).to_string(), text(n, source).to_string());
                                }
                            }
                            _ => {}
                        }
                    }
                }
                "import_from_statement" => {
                    let Some(module) = node.field("module_name") else { continue };
                    // A relative module keeps its dots: `from .requests import
                    // request` names the package's own `requests` module, not
                    // the library (`.requests.request`).
                    let module = text(module, source);
                    for (imported, local) in from_import_names(node, source) {
                        let qualified = if module.ends_with('.') {
                            format!("{module}{imported}")
                        } else {
                            format!("{module}.{imported}")
                        };
                        bindings.insert(local.to_string(), qualified);
                    }
                }
                _ => {}
            }
        }
        Imports { bindings }
    }

    /// Qualifies a dotted name through the import bindings of its first
    /// segment: `r.get` becomes `requests.get` after `import requests as r`.
    /// Names whose first segment is not imported are returned unchanged.
    pub fn qualify<'a>(&self, dotted: &'a str) -> Cow<'a, str> {
        let (first, rest) = match dotted.split_once('.') {
            Some((first, rest)) => (first, Some(rest)),
            None => (dotted, None),
        };
        match (self.bindings.get(first), rest) {
            (Some(q), Some(rest)) => Cow::Owned(format!("{q}.{rest}")),
            (Some(q), None) => Cow::Owned(q.clone()),
            (None, _) => Cow::Borrowed(dotted),
        }
    }

    /// Whether any import binds a name from `module` (or a submodule of it).
    pub fn imports_module(&self, module: &str) -> bool {
        self.bindings.values().any(|q| q == module || q.strip_prefix(module).is_some_and(|rest| rest.starts_with('.')))
    }
}

/// The names a `from m import a, b as c` statement binds, as `(imported,
/// local)` pairs: `("a", "a")`, `("b", "c")`.
pub fn from_import_names<'a>(statement: Node<'_>, source: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut cursor = statement.walk();
    statement
        .children_by_field_name("name", &mut cursor)
        .filter_map(|name| match name.kind_name() {
            "dotted_name" => Some((text(name, source), text(name, source))),
            "aliased_import" => Some((text(name.field("name")?, source), text(name.field("alias")?, source))),
            _ => None,
        })
        .collect()
}

/// Whether `call` writes straight to the process's standard output or
/// error: `print(..)` (unless its `file=` is another stream),
/// `pprint(..)`/`pprint.pprint(..)`. The name is what the call says: a
/// `print` bound by an import (`from rich import print`) is still a print.
pub fn is_console_output(call: Node<'_>, source: &str) -> bool {
    let Some(function) = call.field("function") else { return false };
    let callee = text(function, source);
    if !matches!(callee, "print" | "pprint" | "pprint.pprint") {
        return false;
    }
    keyword_argument(call, "file", source).is_none_or(|f| matches!(text(f, source), "sys.stdout" | "sys.stderr"))
}

/// The dotted name of an expression made of identifiers and attribute
/// accesses (`requests.Session`, `self.client.get`), or `None`.
pub fn dotted_name(node: Node<'_>, source: &str) -> Option<String> {
    match node.kind_name() {
        "identifier" => Some(text(node, source).to_string()),
        "attribute" => super::remembered_name(node, super::NodeName::PythonDotted, || {
            // Most chains are written plainly: their text is the name,
            // without naming (and remembering) each link.
            let written = text(node, source);
            if !node.has_error() && super::is_plain_dotted(written, &["None", "True", "False"]) {
                debug_assert_eq!(Some(written), attribute_name(node, source).as_deref());
                return Some(written.to_string());
            }
            attribute_name(node, source)
        }),
        _ => None,
    }
}

/// The dotted name of an `attribute` node (see [`dotted_name`]).
fn attribute_name(node: Node<'_>, source: &str) -> Option<String> {
    // Pushed onto the object's name (no `format!` per level).
    let mut name = dotted_name(node.field("object")?, source)?;
    let attr = node.field("attribute")?;
    name.push('.');
    name.push_str(text(attr, source));
    Some(name)
}

/// The project classes receivers hold, from how the file binds them:
/// `self.repo = OrderRepository(db)` (`self.repo`), `orders =
/// OrderService()` (`orders`), a parameter typed with the class (`def
/// list(self, repo: OrderRepository)`: `repo`) and a field given such a
/// parameter (`self.repo = repo`). Only classes for which
/// `is_class_name` holds (a name the file imports) are kept, and a receiver
/// given two classes in the file keeps none: a call on it
/// (`self.repo.all()`) is then a call of `OrderRepository.all`.
pub fn instance_classes(
    nodes: &crate::lang::NodeIndex<'_>,
    source: &str,
    is_class_name: impl Fn(&str) -> bool,
) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    // `OrderService(..)`: a call of the class itself (Python has no `new`).
    let constructed = |value: Node<'_>| {
        let class = value.field("function").filter(|_| value.kind_name() == "call")?;
        (class.kind_name() == "identifier").then(|| text(class, source))
    };
    let annotated = |node: Node<'_>| {
        let named = node.field("type")?.named_child(0)?;
        (named.kind_name() == "identifier").then(|| text(named, source))
    };
    for node in nodes.of_kinds(&["assignment", "typed_parameter", "typed_default_parameter"]) {
        let bound = match node.kind_name() {
            // `self.repo = OrderRepository(db)`, `orders = OrderService()`.
            "assignment" => node
                .field("left")
                .filter(|l| {
                    l.kind_name() == "identifier"
                        || (l.kind_name() == "attribute"
                            && l.field("object").is_some_and(|o| text(o, source) == "self"))
                })
                .zip(node.field("right").and_then(constructed)),
            // `repo: OrderRepository`, `repo: OrderRepository = Depends()`.
            "typed_parameter" => node.named_child(0).filter(|n| n.kind_name() == "identifier").zip(annotated(node)),
            _ => node.field("name").filter(|n| n.kind_name() == "identifier").zip(annotated(node)),
        };
        if let Some((receiver, class)) = bound.filter(|(_, class)| is_class_name(class)) {
            found.push((text(receiver, source).to_string(), class.to_string()));
        }
    }
    // `def __init__(self, repo: OrderRepository): self.repo = repo`.
    let fields =
        super::fields_given_receivers(nodes, source, &found, "assignment", |object| text(object, source) == "self");
    found.extend(fields);
    super::known_receivers(found)
}

/// Whether `call` dispatches a signal and its result is unpacked as
/// `(receiver, response)` pairs: `for receiver, response in
/// ticket_outputs.send(event)` (Django's `Signal.send`/`send_robust`,
/// blinker's `send`). There is one pair per connected receiver: the plugins
/// installed, a count the code fixes, not the items of some data.
pub fn is_signal_dispatch(call: Node<'_>, source: &str) -> bool {
    let dispatches = call.kind_name() == "call"
        && call.field("function").is_some_and(|f| {
            f.kind_name() == "attribute"
                && f.field("attribute").is_some_and(|m| matches!(text(m, source), "send" | "send_robust"))
        });
    dispatches
        && call.parent().filter(|p| matches!(p.kind_name(), "for_statement" | "for_in_clause")).is_some_and(|p| {
            p.field("right").is_some_and(|r| r.id() == call.id())
                && p.field("left").is_some_and(|target| {
                    matches!(target.kind_name(), "pattern_list" | "tuple_pattern" | "tuple")
                        && target.named_child_count() == 2
                })
        })
}

/// The tables Django names after a models module's models when they do not
/// set `db_table`: `<app>_<model>`, lower-cased, where the app is the folder
/// that holds `models.py` (or the `models/` package). `classes` are the
/// module's `class_definition` nodes; a model is one whose last base ends
/// in `Model` (`models.Model`, a project's `LoggedModel`).
pub fn django_default_tables(path: &str, classes: &[Node<'_>], source: &str) -> Vec<String> {
    let mut parts: Vec<&str> = path.split('/').collect();
    let Some(file) = parts.pop() else { return Vec::new() };
    let app = match (file, parts.last()) {
        ("models.py", Some(app)) => *app,
        (_, Some(&"models")) if file.ends_with(".py") => match parts.len().checked_sub(2).map(|i| parts[i]) {
            Some(app) => app,
            None => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    classes
        .iter()
        .filter(|class| {
            class.field("superclasses").is_some_and(|bases| {
                let last = bases.named_child_nodes().filter(|b| b.kind_name() != "keyword_argument").last();
                last.is_some_and(|b| text(b, source).ends_with("Model"))
            })
        })
        .filter_map(|class| class.field("name"))
        .map(|name| format!("{app}_{}", text(name, source)).to_ascii_lowercase())
        .collect()
}

/// The callee of a `call` node as a dotted name, when it is one.
pub fn callee_name(call: Node<'_>, source: &str) -> Option<String> {
    dotted_name(call.field("function")?, source)
}

/// The last segment of a call's callee: the method or function name.
pub fn callee_method<'a>(call: Node<'_>, source: &'a str) -> Option<&'a str> {
    let function = call.field("function")?;
    match function.kind_name() {
        "identifier" => Some(text(function, source)),
        "attribute" => Some(text(function.field("attribute")?, source)),
        _ => None,
    }
}

/// The value of keyword argument `name` in a `call`.
pub fn keyword_argument<'t>(call: Node<'t>, name: &str, source: &str) -> Option<Node<'t>> {
    let arguments = call.field("arguments")?;
    let found = arguments.named_child_nodes().find(|arg| {
        arg.kind_name() == "keyword_argument" && arg.field("name").is_some_and(|n| text(n, source) == name)
    });
    found.and_then(|arg| arg.field("value"))
}

/// The keyword arguments a call passes through dictionaries it spreads
/// (`run(**opts)` with `opts = {"debug": True}`, followed through
/// `lang::values`): each key, its value and the `**` spread that passes it.
pub fn spread_keywords<'t, 's>(call: Node<'t>, source: &'s str) -> Vec<(&'s str, Node<'t>, Node<'t>)> {
    let Some(arguments) = call.field("arguments") else { return Vec::new() };
    // Most calls spread nothing: their text says so before any walk.
    if !text(arguments, source).contains("**") {
        return Vec::new();
    }
    let spreads: Vec<Node<'t>> =
        arguments.named_child_nodes().filter(|a| a.kind_name() == "dictionary_splat").collect();
    let mut out = Vec::new();
    for spread in spreads {
        let Some(inner) = spread.named_child(0) else { continue };
        let dict = super::values::resolve(inner, source);
        if dict.kind_name() != "dictionary" {
            continue;
        }
        for pair in dict.named_child_nodes().filter(|p| p.kind_name() == "pair") {
            let (Some(key), Some(value)) = (pair.field("key"), pair.field("value")) else { continue };
            if let Some(keyword) = string_value(key, source) {
                out.push((keyword, value, spread));
            }
        }
    }
    out
}

/// Whether `call` writes a log record or a warning: `log.warning(..)`,
/// `logger.error(..)`, `logging.info(..)`, `self._log.debug(..)`,
/// `warnings.warn(..)`.
pub fn is_logging_call(call: Node<'_>, source: &str) -> bool {
    let Some(function) = call.field("function").filter(|f| f.kind_name() == "attribute") else { return false };
    let (Some(object), Some(method)) = (function.field("object"), function.field("attribute")) else {
        return false;
    };
    let method = text(method, source);
    let owner = text(object, source).rsplit('.').next().unwrap_or("").trim_start_matches('_').to_ascii_lowercase();
    if owner == "warnings" {
        return method == "warn";
    }
    matches!(method, "debug" | "info" | "warning" | "warn" | "error" | "exception" | "critical" | "log")
        && (owner == "log" || owner.contains("logger") || owner == "logging")
}

/// The top-level modules of Python's standard library (3.11's
/// `sys.stdlib_module_names`, without the private ones), sorted.
const STANDARD_LIBRARY: &[&str] = &[
    "abc",
    "aifc",
    "argparse",
    "array",
    "ast",
    "asynchat",
    "asyncio",
    "asyncore",
    "atexit",
    "audioop",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "cgi",
    "cgitb",
    "chunk",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "crypt",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "distutils",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "imaplib",
    "imghdr",
    "imp",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "lib2to3",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "mailcap",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msilib",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nis",
    "nntplib",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "ossaudiodev",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pipes",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtpd",
    "smtplib",
    "sndhdr",
    "socket",
    "socketserver",
    "spwd",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sunau",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "telnetlib",
    "tempfile",
    "termios",
    "textwrap",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uu",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xdrlib",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];

/// Whether `module` (a top-level name: `logging`, `json`) is a module of the
/// standard library. An absolute import of it is the library's, even where
/// the project holds a package of that name (`prefect/logging/`): Python 3
/// never resolves an absolute import to a sibling, and a project folder on
/// the path that shadowed the library would break the libraries it uses.
pub fn is_standard_library(module: &str) -> bool {
    STANDARD_LIBRARY.binary_search(&module).is_ok()
}

/// The names of the functions a file registers to run at interpreter exit
/// (`atexit.register(cleanup)`), from its `call` nodes.
pub fn exit_hooks<'s>(calls: Vec<Node<'_>>, source: &'s str, imports: &Imports) -> Vec<&'s str> {
    calls
        .into_iter()
        .filter(|call| callee_name(*call, source).is_some_and(|c| imports.qualify(&c) == "atexit.register"))
        .filter_map(|call| call.field("arguments")?.named_child(0))
        .filter(|hook| hook.kind_name() == "identifier")
        .map(|hook| text(hook, source))
        .collect()
}

/// Whether `node` reads the clock somewhere inside it: `time.time()`,
/// `time.monotonic()`, `datetime.now(..)`, Django's `timezone.now()`. A
/// value stored with such a time stamp is a cache entry that expires.
pub fn reads_clock(node: Node<'_>, source: &str) -> bool {
    const CLOCKS: &[&str] = &[
        "time.time",
        "time.monotonic",
        "time.perf_counter",
        "datetime.now",
        "datetime.utcnow",
        "timezone.now",
        "monotonic",
        "perf_counter",
    ];
    super::descendants(node).any(|n| {
        n.kind_name() == "call"
            && n.field("function").is_some_and(|f| {
                let callee = text(f, source);
                CLOCKS.iter().any(|c| callee == *c || callee.strip_suffix(c).is_some_and(|rest| rest.ends_with('.')))
            })
    })
}

/// Whether a comment tells Python linters that the `try`/`except` it sits
/// in drops its error on purpose: `# noqa: S110` or `S112` (flake8-bandit's
/// and ruff's try-except-pass / try-except-continue), or bandit's `# nosec`
/// (alone, or naming `B110`/`B112`). Someone already looked at this handler
/// and kept it.
pub fn acknowledges_dropped_error(comment: &str) -> bool {
    acknowledges(comment, &["s110", "s112"], &["b110", "b112"])
}

/// Whether a source line carries a comment telling Python linters that its
/// string is a hard-coded password on purpose: `# noqa: S105`, `S106` or
/// `S107` (ruff's and flake8-bandit's hardcoded-password checks), or
/// bandit's `# nosec` (alone, or naming `B105`-`B107`), as in `password =
/// "topSekr3t"  # nosec B105 # used for testing`.
pub fn acknowledges_hardcoded_password(line: &str) -> bool {
    line.match_indices('#').any(|(i, _)| acknowledges(&line[i..], &["s105", "s106", "s107"], &["b105", "b106", "b107"]))
}

/// Whether a comment (from its `#`) holds a `noqa` naming one of
/// `ruff_codes`, or a `nosec` alone or naming one of `bandit_codes`
/// (lower-case), among directives separated by `#`.
fn acknowledges(comment: &str, ruff_codes: &[&str], bandit_codes: &[&str]) -> bool {
    let comment = comment.trim_start_matches('#').trim();
    let named = |codes: &str, known: &[&str]| codes.split([',', ' ']).map(str::trim).any(|code| known.contains(&code));
    comment.split('#').map(str::trim).any(|directive| {
        let lower = directive.to_ascii_lowercase();
        if let Some(codes) = lower.strip_prefix("noqa:") {
            return named(codes, ruff_codes);
        }
        match lower.strip_prefix("nosec") {
            Some(rest) => rest.trim().is_empty() || named(rest, bandit_codes),
            None => false,
        }
    })
}

/// The value of a string literal without interpolations (not an f-string with
/// replacement fields), with its quotes and prefix removed. Escapes are kept
/// as written.
pub fn string_value<'a>(node: Node<'_>, source: &'a str) -> Option<&'a str> {
    if node.kind_name() != "string" {
        return None;
    }
    let mut content = None;
    for child in node.named_child_nodes() {
        match child.kind_name() {
            "string_content" => content = Some(text(child, source)),
            "interpolation" => return None,
            _ => {}
        }
    }
    Some(content.unwrap_or(""))
}

/// Whether `path` is a Django management command (`<app>/management/commands/<name>.py`):
/// a command-line tool run by an operator, whose arguments are trusted input.
pub fn is_management_command(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.windows(3).any(|w| w[0] == "management" && w[1] == "commands")
}

/// Whether `node` is the literal `False`.
pub fn is_false(node: Node<'_>) -> bool {
    node.kind_name() == "false"
}

#[cfg(test)]
mod tests {

    #[test]
    fn standard_library_names_are_sorted_and_found() {
        assert!(super::STANDARD_LIBRARY.windows(2).all(|w| w[0] < w[1]));
        for name in ["logging", "json", "typing", "sqlite3", "cProfile"] {
            assert!(super::is_standard_library(name), "{name}");
        }
        for name in ["requests", "django", "prefect", "app"] {
            assert!(!super::is_standard_library(name), "{name}");
        }
    }

    #[test]
    fn relative_imports_keep_their_dots() {
        let source =
            "from .requests import request\nfrom . import db\nfrom requests import get\nfrom ..x.y import z as w\n";
        let tree = crate::lang::parse(crate::lang::Language::Python, source);
        let imports = super::Imports::from_nodes(crate::lang::descendants(tree.root_node()), source);
        assert_eq!(imports.qualify("request"), ".requests.request");
        assert_eq!(imports.qualify("db.session"), ".db.session");
        assert_eq!(imports.qualify("get"), "requests.get");
        assert_eq!(imports.qualify("w"), "..x.y.z");
        let own = "from .requests import request\n";
        let tree = crate::lang::parse(crate::lang::Language::Python, own);
        let imports = super::Imports::from_nodes(crate::lang::descendants(tree.root_node()), own);
        assert!(!imports.imports_module("requests"));
    }

    #[test]
    fn directives_that_acknowledge_a_hardcoded_password() {
        assert!(super::acknowledges_hardcoded_password("password = \"topSekr3t\"  # nosec B105 # used for testing"));
        assert!(super::acknowledges_hardcoded_password("token = \"x#y\"  # noqa: S105"));
        assert!(!super::acknowledges_hardcoded_password("password = \"topSekr3t\"  # nosec B608"));
    }

    #[test]
    fn directives_that_acknowledge_a_dropped_error() {
        for comment in [
            "# noqa: S110",
            "# pylint: disable=broad-except  # noqa: S110",
            "# noqa: E722, S112",
            "# nosec",
            "# nosec B110",
        ] {
            assert!(super::acknowledges_dropped_error(comment), "{comment}");
        }
        for comment in ["# noqa: E722", "# noqa", "# nosec B608", "# no S110 here", "# noqa: S1100"] {
            assert!(!super::acknowledges_dropped_error(comment), "{comment}");
        }
    }

    use super::django_default_tables;
    use crate::lang::NodeExt;

    fn tables(path: &str, source: &str) -> Vec<String> {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_python::LANGUAGE.into()).unwrap();
        let tree = parser.parse(source, None).unwrap();
        let root = tree.root_node();
        let classes: Vec<_> = root.named_child_nodes().filter(|n| n.kind() == "class_definition").collect();
        django_default_tables(path, &classes, source)
    }

    #[test]
    fn django_names_a_models_table_after_its_app_folder() {
        let source =
            "class Order(models.Model):\n    pass\n\nclass Audit(LoggedModel):\n    pass\n\nclass Helper:\n    pass\n";
        assert_eq!(tables("shop/models.py", source), vec!["shop_order", "shop_audit"]);
        assert_eq!(tables("src/billing/models/invoices.py", source), vec!["billing_order", "billing_audit"]);
        assert!(tables("shop/views.py", source).is_empty());
        assert!(tables("models.py", source).is_empty());
    }
}
