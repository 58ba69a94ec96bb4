//! TypeScript and JavaScript syntax knowledge shared by rules: imports and
//! `require` bindings, dotted callee names, object properties and string values.

use crate::lang::NodeExt;
use std::collections::HashMap;

use tree_sitter::Node;

use super::text;

/// Local names bound to modules: `import x from 'm'`, `import * as x from 'm'`,
/// `import { a as b } from 'm'` (bound to `m.a`), `const x = require('m')`.
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
        Imports::gather(nodes, source, super::descendants)
    }

    /// Collects the bindings of a file from its node index: its import
    /// statements and declarators, and the parts of each import from the
    /// index too (no walk of the statement).
    pub fn from_index(index: &super::NodeIndex<'_>, source: &str) -> Imports {
        let nodes = index.of_kinds(&["import_statement", "variable_declarator"]);
        Imports::gather(nodes, source, |statement| index.inside(statement).iter().copied())
    }

    /// The bindings of `nodes`, with `parts` yielding the named nodes inside
    /// an import statement that have children (its clauses and specifiers).
    fn gather<'t, P: IntoIterator<Item = Node<'t>>>(
        nodes: impl IntoIterator<Item = Node<'t>>,
        source: &str,
        parts: impl Fn(Node<'t>) -> P,
    ) -> Imports {
        let mut bindings = HashMap::new();
        for node in nodes {
            match node.kind_name() {
                "import_statement" => {
                    let Some(module) = node.field("source").and_then(|s| string_value(s, source)) else {
                        continue;
                    };
                    let module = module.strip_prefix("node:").unwrap_or(module);
                    for part in parts(node) {
                        match part.kind_name() {
                            "import_clause" => {
                                for child in part.named_child_nodes() {
                                    if child.kind_name() == "identifier" {
                                        bindings.insert(text(child, source).to_string(), module.to_string());
                                    }
                                }
                            }
                            "namespace_import" => {
                                for child in part.named_child_nodes() {
                                    if child.kind_name() == "identifier" {
                                        bindings.insert(text(child, source).to_string(), module.to_string());
                                    }
                                }
                            }
                            "import_specifier" => {
                                let Some(name) = part.field("name") else { continue };
                                let local = part.field("alias").unwrap_or(name);
                                bindings.insert(
                                    text(local, source).to_string(),
                                    format!("{module}.{}", text(name, source)),
                                );
                            }
                            _ => {}
                        }
                    }
                }
                "variable_declarator" => {
                    let (Some(name), Some(value)) = (node.field("name"), node.field("value")) else {
                        continue;
                    };
                    let Some(module) = require_source(value, source) else { continue };
                    let module = module.strip_prefix("node:").unwrap_or(module);
                    match name.kind_name() {
                        "identifier" => {
                            bindings.insert(text(name, source).to_string(), module.to_string());
                        }
                        "object_pattern" => {
                            for (local, property) in destructured_names(name, source) {
                                bindings.insert(local.to_string(), format!("{module}.{property}"));
                            }
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        Imports { bindings }
    }

    /// Whether an import or `require` binds a name from one of `modules`
    /// (the module itself or one of its exports): without one, no call of
    /// the file qualifies to a name of theirs.
    pub fn binds_from(&self, modules: &[&str]) -> bool {
        self.bindings.values().any(|q| {
            modules.iter().any(|m| q.strip_prefix(m).is_some_and(|rest| rest.is_empty() || rest.starts_with('.')))
        })
    }

    /// Every binding: the local name and what it stands for, in no order.
    pub fn bindings(&self) -> impl Iterator<Item = (&str, &str)> {
        self.bindings.iter().map(|(local, qualified)| (local.as_str(), qualified.as_str()))
    }

    /// Whether an import or `require` binds `name`.
    pub fn binds(&self, name: &str) -> bool {
        self.bindings.contains_key(name)
    }

    /// Whether any binding comes from `module` (or a subpath of it).
    pub fn imports_module(&self, module: &str) -> bool {
        self.bindings.values().any(|q| {
            q.strip_prefix(module).is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('/'))
        })
    }

    /// The module (or `module.export`) a local name is bound to, if any.
    pub fn binding(&self, name: &str) -> Option<&str> {
        self.bindings.get(name).map(String::as_str)
    }

    /// Qualifies a dotted name through the binding of its first segment.
    pub fn qualify(&self, dotted: &str) -> String {
        let (first, rest) = match dotted.split_once('.') {
            Some((first, rest)) => (first, Some(rest)),
            None => (dotted, None),
        };
        match (self.bindings.get(first), rest) {
            (Some(q), Some(rest)) => format!("{q}.{rest}"),
            (Some(q), None) => q.clone(),
            (None, _) => dotted.to_string(),
        }
    }
}

/// For `const name = value` (a `variable_declarator` whose name is a plain
/// identifier): the name and the value.
pub fn named_declarator<'t, 'a>(declarator: Node<'t>, source: &'a str) -> Option<(&'a str, Node<'t>)> {
    let (name, value) = (declarator.field("name")?, declarator.field("value")?);
    (name.kind_name() == "identifier").then(|| (text(name, source), value))
}

/// The names an object pattern binds, as `(local, property)` pairs:
/// `{ login }` binds `login` to `login`, `{ signup: signUp }` binds
/// `signUp` to `signup`. Nested patterns and rest elements bind nothing here.
pub fn destructured_names<'s>(pattern: Node<'_>, source: &'s str) -> Vec<(&'s str, &'s str)> {
    pattern
        .named_child_nodes()
        .filter_map(|part| match part.kind_name() {
            "shorthand_property_identifier_pattern" => Some((text(part, source), text(part, source))),
            "pair_pattern" => {
                let (key, value) = (part.field("key")?, part.field("value")?);
                (value.kind_name() == "identifier").then(|| (text(value, source), text(key, source)))
            }
            _ => None,
        })
        .collect()
}

/// The module of a `require('m')` call, or `None`.
pub fn require_source<'a>(node: Node<'_>, source: &'a str) -> Option<&'a str> {
    // (A call's text starts with its callee's: most calls are turned away
    // without looking for the callee.)
    if node.kind_name() != "call_expression" || !text(node, source).starts_with("require") {
        return None;
    }
    let function = node.field("function")?;
    if text(function, source) != "require" {
        return None;
    }
    let arguments = node.field("arguments")?;
    string_value(arguments.named_child(0)?, source)
}

/// The dotted name of an expression made of identifiers and member accesses
/// (`https.Agent`, `process.env.NODE_ENV`), or `None`. A computed member with
/// a string key (`process.env["X"]`) counts as a dotted segment.
pub fn dotted_name(node: Node<'_>, source: &str) -> Option<String> {
    match node.kind_name() {
        "identifier" | "this" | "property_identifier" => Some(text(node, source).to_string()),
        "member_expression" | "subscript_expression" | "parenthesized_expression" | "non_null_expression" => {
            super::remembered_name(node, super::NodeName::TypeScriptDotted, || {
                // Most chains are written plainly: their text is the name,
                // without naming (and remembering) each link.
                let written = text(node, source);
                if node.kind_name() == "member_expression"
                    && !node.has_error()
                    && super::is_plain_dotted(
                        written,
                        &["super", "undefined", "null", "true", "false", "import", "new"],
                    )
                {
                    debug_assert_eq!(Some(written), dotted_name_of(node, source).as_deref());
                    return Some(written.to_string());
                }
                dotted_name_of(node, source)
            })
        }
        _ => None,
    }
}

/// The dotted name of a compound expression (see [`dotted_name`]), computed.
fn dotted_name_of(node: Node<'_>, source: &str) -> Option<String> {
    match node.kind_name() {
        "member_expression" => {
            // Pushed onto the object's name (no `format!` per level: this
            // names the callee of every call most rules look at).
            let mut name = dotted_name(node.field("object")?, source)?;
            let property = node.field("property")?;
            name.push('.');
            name.push_str(text(property, source));
            Some(name)
        }
        "subscript_expression" => {
            let mut name = dotted_name(node.field("object")?, source)?;
            let key = string_value(node.field("index")?, source)?;
            name.push('.');
            name.push_str(key);
            Some(name)
        }
        "parenthesized_expression" | "non_null_expression" => dotted_name(node.named_child(0)?, source),
        _ => None,
    }
}

/// The callee of a `call_expression` or `new_expression` as a dotted name.
pub fn callee_name(call: Node<'_>, source: &str) -> Option<String> {
    let field = if call.kind_name() == "new_expression" { "constructor" } else { "function" };
    dotted_name(call.field(field)?, source)
}

/// The value of a string literal, or of a template literal without
/// substitutions, without its quotes. Escapes are kept as written.
pub fn string_value<'a>(node: Node<'_>, source: &'a str) -> Option<&'a str> {
    match node.kind_name() {
        "string" => {
            let raw = text(node, source);
            Some(raw.get(1..raw.len().saturating_sub(1)).unwrap_or(""))
        }
        "template_string" => {
            if node.named_child_nodes().any(|c| c.kind_name() == "template_substitution") {
                return None;
            }
            let raw = text(node, source);
            Some(raw.get(1..raw.len().saturating_sub(1)).unwrap_or(""))
        }
        _ => None,
    }
}

/// The key of an object `pair` as plain text (identifier, string or number key).
pub fn pair_key<'a>(pair: Node<'_>, source: &'a str) -> Option<&'a str> {
    let key = pair.field("key")?;
    match key.kind_name() {
        "property_identifier" | "number" => Some(text(key, source)),
        "string" => string_value(key, source),
        _ => None,
    }
}

/// The value of property `name` in an `object` literal.
pub fn object_property<'t>(object: Node<'t>, name: &str, source: &str) -> Option<Node<'t>> {
    let found =
        object.named_child_nodes().find(|child| child.kind_name() == "pair" && pair_key(*child, source) == Some(name));
    found.and_then(|pair| pair.field("value"))
}

/// The ancestors [`option_guard`] steps through from a call: the branches
/// (`if`, ternary) that may guard it, up to its own function, where the
/// search ends.
pub static BRANCH_OR_FUNCTION_KINDS: std::sync::LazyLock<Vec<&str>> = std::sync::LazyLock::new(|| {
    let functions = crate::lang::db::function_kinds(crate::lang::Family::TypeScript);
    functions.iter().copied().chain(["if_statement", "ternary_expression"]).collect()
});

/// When `call` runs only if an option its function was handed is set: it
/// sits in the `then` branch of `if (options.primaryKeys)` (or of
/// `options?.primaryKeys ? .. : ..`, or behind one conjunct of such a
/// test joined by `&&`), where `options` is a parameter of the innermost
/// function around the call. Gives that parameter's position and the
/// option's name; `None` for a call outside such a branch (a call in a
/// callback nested inside the branch included: its own function decides).
///
/// `nearest` gives a node's nearest ancestor of [`BRANCH_OR_FUNCTION_KINDS`]
/// (the file's node index answers it without climbing the tree).
pub fn option_guard<'t>(
    call: Node<'t>,
    source: &str,
    nearest: impl Fn(Node<'t>) -> Option<Node<'t>>,
) -> Option<(usize, String)> {
    let functions = crate::lang::db::function_kinds(crate::lang::Family::TypeScript);
    let mut node = call;
    while let Some(around) = nearest(node) {
        if functions.contains(&around.kind_name()) {
            return None;
        }
        let in_consequence = around
            .field("consequence")
            .is_some_and(|c| c.start_byte() <= call.start_byte() && call.end_byte() <= c.end_byte());
        if in_consequence
            && let Some(condition) = around.field("condition")
            && let Some(found) = tested_option(condition, call, source)
        {
            return Some(found);
        }
        node = around;
    }
    None
}

/// The parameter position and property of a condition `param.prop`
/// (parenthesised, optional-chained, or one operand of `&&`) whose
/// `param` is a parameter of the innermost function around `call`.
fn tested_option(condition: Node<'_>, call: Node<'_>, source: &str) -> Option<(usize, String)> {
    match condition.kind_name() {
        "parenthesized_expression" => tested_option(condition.named_child(0)?, call, source),
        "binary_expression" if condition.field("operator").is_some_and(|o| text(o, source) == "&&") => {
            let left = condition.field("left").and_then(|l| tested_option(l, call, source));
            left.or_else(|| condition.field("right").and_then(|r| tested_option(r, call, source)))
        }
        "member_expression" => {
            let object = condition.field("object").filter(|o| o.kind_name() == "identifier")?;
            let property = condition.field("property").filter(|p| p.kind_name() == "property_identifier")?;
            let (function, position) = crate::lang::values::parameter_position(object, source)?;
            let functions = crate::lang::db::function_kinds(crate::lang::Family::TypeScript);
            let innermost = crate::lang::ancestor_of_kind(call, functions)?;
            (innermost.id() == function.id()).then(|| (position, text(property, source).to_string()))
        }
        _ => None,
    }
}

/// The arguments of `call` written as object literals whose keys are all
/// known (no spread, no computed key): each one's position and keys.
pub fn object_argument_keys(call: Node<'_>, source: &str) -> Vec<(usize, Vec<String>)> {
    let Some(arguments) = call.field("arguments") else { return Vec::new() };
    let mut found = Vec::new();
    let positional = arguments.named_child_nodes().filter(|a| !a.kind_name().contains("comment"));
    for (position, argument) in positional.enumerate() {
        if argument.kind_name() != "object" {
            continue;
        }
        let keys: Option<Vec<String>> = argument
            .named_child_nodes()
            .filter(|m| !m.kind_name().contains("comment"))
            .map(|member| match member.kind_name() {
                "pair" => pair_key(member, source).map(str::to_string),
                "shorthand_property_identifier" => Some(text(member, source).to_string()),
                "method_definition" => member
                    .field("name")
                    .filter(|n| n.kind_name() == "property_identifier")
                    .map(|n| text(n, source).to_string()),
                _ => None,
            })
            .collect();
        if let Some(keys) = keys {
            found.push((position, keys));
        }
    }
    found
}

/// UI frameworks whose import makes a module browser code.
const UI_FRAMEWORKS: &[&str] = &[
    "react",
    "react-dom",
    "preact",
    "vue",
    "svelte",
    "solid-js",
    "@angular/core",
    "lit",
    "jquery",
    "@remix-run/react",
];

/// Packages whose presence in a `package.json` means the package runs on a
/// server: web frameworks, database clients and full-stack frameworks (whose
/// API routes are server code even beside React).
const SERVER_PACKAGES: &[&str] = &[
    "express",
    "fastify",
    "koa",
    "@koa/router",
    "@nestjs/core",
    "@hapi/hapi",
    "hapi",
    "hono",
    "restify",
    "@apollo/server",
    "apollo-server",
    "apollo-server-express",
    "graphql-yoga",
    "socket.io",
    "ws",
    "knex",
    "pg",
    "mysql",
    "mysql2",
    "sqlite3",
    "better-sqlite3",
    "mongoose",
    "mongodb",
    "sequelize",
    "typeorm",
    "@prisma/client",
    "drizzle-orm",
    "redis",
    "ioredis",
    "bullmq",
    "next",
    "nuxt",
    "@sveltejs/kit",
    "@remix-run/node",
    "@remix-run/server-runtime",
    "astro",
    "electron",
];

/// Whether a `package.json` describes a front end: it depends (in
/// `dependencies`, `devDependencies` or `peerDependencies`) on a UI
/// framework and on no server framework, database client or full-stack
/// framework. Text that is not a JSON object describes nothing.
pub fn is_front_end_manifest(text: &str) -> bool {
    let Ok(serde_json::Value::Object(manifest)) = serde_json::from_str::<serde_json::Value>(text) else {
        return false;
    };
    let depends_on = |names: &[&str]| {
        ["dependencies", "devDependencies", "peerDependencies"].iter().any(|section| {
            manifest
                .get(*section)
                .and_then(|d| d.as_object())
                .is_some_and(|deps| names.iter().any(|name| deps.contains_key(*name)))
        })
    };
    depends_on(UI_FRAMEWORKS) && !depends_on(SERVER_PACKAGES)
}

/// Folders whose files are served to browsers as they are.
const BROWSER_FOLDERS: &[&str] = &["static", "public", "assets", "wwwroot", "frontend", "client"];

/// Whether `call` only asks whether a file or a module exists
/// (`fs.statSync(p)`, `await fs.promises.access(p)`,
/// `require.resolve("pkg/src")`): it changes nothing, and its error is the
/// answer "it is not there".
pub fn is_existence_probe(call: Node<'_>, source: &str) -> bool {
    callee_name(call, source).is_some_and(|name| {
        if name == "require.resolve" {
            return true;
        }
        let (object, method) = name.rsplit_once('.').unwrap_or(("", &name));
        (object == "fs" || object.ends_with(".promises") || object.ends_with("fs"))
            && matches!(method, "stat" | "statSync" | "lstat" | "lstatSync" | "access" | "accessSync")
    })
}

/// Whether `call` checks a value against a schema and throws when it does
/// not fit: `Message.parse(raw)`, `await bodySchema.parseAsync(input)`
/// (zod and its likes: a PascalCase schema or one named `*Schema`), and
/// `JSON.parse(text)`. A failure means the input is not of that shape.
pub fn is_schema_parse(call: Node<'_>, source: &str) -> bool {
    let Some(function) = call.field("function").filter(|f| f.kind_name() == "member_expression") else {
        return false;
    };
    let (Some(object), Some(method)) = (function.field("object"), function.field("property")) else {
        return false;
    };
    if !matches!(text(method, source), "parse" | "parseAsync") || object.kind_name() != "identifier" {
        return false;
    }
    let schema = text(object, source);
    // `Date.parse` and `URL.parse` answer NaN or null; they do not throw.
    if matches!(schema, "Date" | "URL") {
        return false;
    }
    schema == "JSON"
        || schema.ends_with("Schema")
        || schema.ends_with("schema")
        || (schema.starts_with(|c: char| c.is_ascii_uppercase()) && schema.chars().any(|c| c.is_ascii_lowercase()))
}

/// Methods that write a log record.
const LOG_METHODS: &[&str] = &["log", "error", "warn", "warning", "info", "debug", "trace", "fatal"];

/// Whether `call` is debug output on the console: `console.log`, `.debug`,
/// `.trace`, `.dir`, `.table`. `console.error` and `console.warn` are left
/// out: they are how small services log failures.
pub fn is_console_output(call: Node<'_>, source: &str) -> bool {
    let Some(function) = call.field("function").filter(|f| f.kind_name() == "member_expression") else {
        return false;
    };
    let (Some(object), Some(method)) = (function.field("object"), function.field("property")) else {
        return false;
    };
    text(object, source) == "console" && matches!(text(method, source), "log" | "debug" | "trace" | "dir" | "table")
}

/// Whether `node` reads the clock somewhere inside it: `Date.now()`,
/// `performance.now()`, `new Date()`. A value stored with such a time stamp
/// is a cache entry that expires.
pub fn reads_clock(node: Node<'_>, source: &str) -> bool {
    super::descendants(node).any(|n| match n.kind_name() {
        "call_expression" => {
            n.field("function").is_some_and(|f| matches!(text(f, source), "Date.now" | "performance.now"))
        }
        "new_expression" => n.field("constructor").is_some_and(|c| text(c, source) == "Date"),
        _ => false,
    })
}

/// Whether `call` writes a log record: `console.error(..)`, `logger.warn(..)`,
/// `this.log.info(..)`, `useLogger().error(..)`. A failure to log has
/// nowhere to be reported.
pub fn is_logging_call(call: Node<'_>, source: &str) -> bool {
    let Some(function) = call.field("function").filter(|f| f.kind_name() == "member_expression") else {
        return false;
    };
    let (Some(object), Some(method)) = (function.field("object"), function.field("property")) else {
        return false;
    };
    if !LOG_METHODS.contains(&text(method, source)) {
        return false;
    }
    // `useLogger()` / `getLogger("x")`: the logger a call returns.
    let object = match object.kind_name() {
        "call_expression" => object.field("function").unwrap_or(object),
        _ => object,
    };
    let last = match object.kind_name() {
        "member_expression" => object.field("property").map_or("", |p| text(p, source)),
        _ => text(object, source),
    };
    let last = last.to_ascii_lowercase();
    last == "console" || last == "log" || last.contains("logger") || last.contains("logging")
}

/// Whether `call` releases or removes something as best-effort cleanup,
/// whose failure leaves nothing to do: `socket.destroy()`, `client.close()`,
/// `child.kill()`; and a removal (`fs.unlink`, `rm`, `delete`, `remove`) of
/// a temporary file (`tmpPath`, `partialFile`) or on an error path
/// (`in_error_path`: inside a `catch` or `finally`, cleaning up after a
/// failure already handled). Elsewhere a removal may be the action itself
/// (deleting a delivered message's queue file), whose failure matters.
pub fn is_cleanup_call(call: Node<'_>, source: &str, in_error_path: bool) -> bool {
    let Some(function) = call.field("function") else { return false };
    let name = match function.kind_name() {
        "member_expression" => function.field("property").map_or("", |p| text(p, source)),
        "identifier" => text(function, source),
        _ => return false,
    };
    let releases = matches!(name, "close" | "destroy" | "kill" | "disconnect" | "quit" | "release" | "abort");
    let removes = matches!(
        name,
        "unlink"
            | "unlinkSync"
            | "rm"
            | "rmSync"
            | "rmdir"
            | "rmdirSync"
            | "removeSync"
            | "delete"
            | "remove"
            | "deleteFile"
            | "removeFile"
    );
    let temporary = || {
        call.field("arguments").and_then(|a| a.named_child(0)).is_some_and(|target| {
            let target = text(target, source).to_ascii_lowercase();
            target.contains("tmp") || target.contains("temp") || target.contains("partial")
        })
    };
    releases || (removes && (in_error_path || temporary()))
}

/// Whether `node` sits in a `catch` clause or a `finally` block (of the
/// same function).
pub fn in_error_path(node: Node<'_>) -> bool {
    let mut current = node.parent();
    while let Some(n) = current {
        match n.kind_name() {
            "catch_clause" | "finally_clause" => return true,
            "function_declaration" | "function_expression" | "arrow_function" | "method_definition" => return false,
            _ => current = n.parent(),
        }
    }
    false
}

/// Whether a JavaScript/TypeScript module runs in the browser rather than on
/// the server: a JSX/TSX component, a file under a folder that is served as
/// static assets or holds the front end (`static/`, `static_build/`, `public/`, `assets/`,
/// `frontend/`, `client/`), a service worker, or a module that imports a UI
/// framework (React, Vue, Svelte, Solid, Angular, Preact, Lit, jQuery).
pub fn is_browser_code(path: &str, imports: impl FnOnce() -> bool) -> bool {
    let mut segments = path.split('/');
    let file = segments.next_back().unwrap_or(path);
    file.ends_with(".jsx")
        || file.ends_with(".tsx")
        || file == "sw.js"
        || file.starts_with("service-worker")
        || segments.any(|s| BROWSER_FOLDERS.contains(&s) || s.starts_with("static"))
        || imports()
}

impl Imports {
    /// Whether the module imports a UI framework (see [`is_browser_code`]).
    pub fn imports_ui_framework(&self) -> bool {
        UI_FRAMEWORKS.iter().any(|m| self.imports_module(m))
    }
}

/// Calls between a caller and the function that handles its errors are
/// followed this deep.
const MAX_HANDLING_DEPTH: usize = 4;

/// Whether calling the function node `function` cannot reject or throw for
/// the work it awaits: every `await` in its body sits in a `try` whose
/// `catch` does something (logs, counts, re-queues), or awaits only
/// plumbing (`Promise.all`, `Object.keys`, `.map`) around calls of same-file
/// functions that handle their own errors in the same way
/// (`const flushAll = () => Promise.all(keys.map((k) => flush(k)))` with a
/// `flush` that catches and logs). A caller's empty `catch` around it loses
/// nothing: the callee already reported the failure.
pub fn handles_own_errors(function: Node<'_>, source: &str) -> bool {
    handles_within(function, source, 0)
}

fn handles_within(function: Node<'_>, source: &str, depth: usize) -> bool {
    if depth > MAX_HANDLING_DEPTH || !is_function_node(function) {
        return false;
    }
    let Some(body) = function.field("body") else { return false };
    let nested = |n: Node<'_>| n.id() != body.id() && is_function_node(n) && !is_callback_argument(n);
    let mut awaits = 0;
    for node in super::descendants_pruned(body, nested) {
        if node.kind_name() != "await_expression" {
            continue;
        }
        awaits += 1;
        if !inside_handled_try(node, body) && !awaits_only_handlers(node, source, depth) {
            return false;
        }
    }
    awaits > 0
}

/// A TS/JS function node.
fn is_function_node(node: Node<'_>) -> bool {
    matches!(
        node.kind_name(),
        "function_declaration"
            | "generator_function_declaration"
            | "function_expression"
            | "function"
            | "arrow_function"
            | "method_definition"
    )
}

/// A function passed as an argument (`keys.map((k) => flush(k))`): it runs
/// as part of the call that takes it.
fn is_callback_argument(function: Node<'_>) -> bool {
    function.parent().is_some_and(|p| p.kind_name() == "arguments")
}

/// Whether `node` is in the body of a `try` (inside `stop`) whose `catch`
/// block is not empty.
fn inside_handled_try(node: Node<'_>, stop: Node<'_>) -> bool {
    let mut child = node;
    while let Some(parent) = child.parent() {
        if parent.id() == stop.id() {
            return false;
        }
        if parent.kind_name() == "try_statement"
            && parent.field("body").is_some_and(|b| b.id() == child.id())
            && parent
                .field("handler")
                .and_then(|h| h.field("body"))
                .is_some_and(|b| b.named_children(&mut b.walk()).any(|s| s.kind_name() != "comment"))
        {
            return true;
        }
        child = parent;
    }
    false
}

/// Whether every call an awaited expression makes is plumbing or a
/// same-file function that handles its own errors.
fn awaits_only_handlers(awaited: Node<'_>, source: &str, depth: usize) -> bool {
    super::descendants(awaited).filter(|n| n.kind_name() == "call_expression").all(|call| {
        let Some(callee) = call.field("function") else { return false };
        let written = text(callee, source);
        let method = written.rsplit('.').next().unwrap_or(written);
        if written.starts_with("Promise.")
            || written.starts_with("Object.")
            || matches!(method, "map" | "forEach" | "filter" | "flatMap")
        {
            return true;
        }
        callee.kind_name() == "identifier" && {
            let target = super::values::resolve(callee, source);
            target.id() != callee.id() && handles_within(target, source, depth + 1)
        }
    })
}

/// The project classes receivers hold, from how the file binds them: `const
/// orders = new OrderService(..)` (`orders`), `this.repo = new
/// OrderRepository()` and a constructor's parameter property or a typed
/// field (`constructor(private readonly orders: OrderService)`, `private
/// repo: OrderRepository;`: `this.orders`, `this.repo`). Only classes for
/// which `is_class_name` holds (a name the file imports) are kept, and a
/// receiver given two classes in the file keeps none: a call on it
/// (`this.orders.create(..)`) is then a call of `OrderService.create`.
pub fn instance_classes(
    nodes: &crate::lang::NodeIndex<'_>,
    source: &str,
    is_class_name: impl Fn(&str) -> bool,
) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let constructed = |value: Node<'_>| {
        let value = if value.kind_name() == "await_expression" { value.named_child(0)? } else { value };
        (value.kind_name() == "new_expression")
            .then(|| value.field("constructor"))
            .flatten()
            .filter(|c| c.kind_name() == "identifier")
            .map(|c| text(c, source))
    };
    let typed = |node: Node<'_>| {
        let annotation = node.field("type")?;
        let named = annotation.named_child(0)?;
        (named.kind_name() == "type_identifier").then(|| text(named, source))
    };
    let kinds = ["variable_declarator", "assignment_expression", "required_parameter", "public_field_definition"];
    for node in nodes.of_kinds(&kinds) {
        let bound = match node.kind_name() {
            "variable_declarator" => node
                .field("name")
                .filter(|n| n.kind_name() == "identifier")
                .zip(node.field("value").and_then(constructed))
                .map(|(name, class)| (text(name, source).to_string(), class)),
            "assignment_expression" => node
                .field("left")
                .filter(|l| {
                    l.kind_name() == "member_expression" && l.field("object").is_some_and(|o| o.kind_name() == "this")
                })
                .zip(node.field("right").and_then(constructed))
                .map(|(left, class)| (text(left, source).to_string(), class)),
            // `constructor(private readonly orders: OrderService)`, also with
            // only `readonly` or `override`: `this.orders`; a parameter with
            // no modifier (`orders: OrderService`): `orders`.
            "required_parameter" => {
                let property = node
                    .child_nodes()
                    .any(|c| matches!(c.kind_name(), "accessibility_modifier" | "override_modifier" | "readonly"));
                node.field("pattern").filter(|p| p.kind_name() == "identifier").zip(typed(node)).map(|(name, class)| {
                    let name = text(name, source);
                    (if property { format!("this.{name}") } else { name.to_string() }, class)
                })
            }
            // `private repo: OrderRepository;`, `repo = new OrderRepository();`.
            "public_field_definition" => node
                .field("name")
                .filter(|n| n.kind_name() == "property_identifier")
                .zip(typed(node).or_else(|| node.field("value").and_then(constructed)))
                .map(|(name, class)| (format!("this.{}", text(name, source)), class)),
            _ => None,
        };
        if let Some((receiver, class)) = bound.filter(|(_, class)| is_class_name(class)) {
            found.push((receiver, class.to_string()));
        }
    }
    // `constructor(orders: OrderService) { this.orders = orders; }`.
    let fields = super::fields_given_receivers(nodes, source, &found, "assignment_expression", |object| {
        object.kind_name() == "this"
    });
    found.extend(fields);
    super::known_receivers(found)
}

#[cfg(test)]
mod manifest_tests {
    use super::is_front_end_manifest;

    #[test]
    fn a_package_is_a_front_end_when_it_depends_on_a_ui_framework_and_no_server() {
        assert!(is_front_end_manifest(r#"{"dependencies": {"react": "^18", "axios": "1"}}"#));
        assert!(is_front_end_manifest(r#"{"devDependencies": {"vue": "3"}, "dependencies": {}}"#));
        assert!(!is_front_end_manifest(r#"{"dependencies": {"react": "18", "express": "4"}}"#));
        assert!(!is_front_end_manifest(r#"{"dependencies": {"react": "18", "next": "14"}}"#));
        assert!(!is_front_end_manifest(r#"{"dependencies": {"knex": "3"}}"#));
        assert!(!is_front_end_manifest("not json"));
        assert!(!is_front_end_manifest("[1, 2]"));
    }
}

#[cfg(test)]
mod import_tests {
    use super::Imports;
    use crate::lang::Language;

    fn imports(source: &str) -> Imports {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&Language::TypeScript.grammar()).unwrap();
        let tree = parser.parse(source, None).unwrap();
        Imports::collect(tree.root_node(), source)
    }

    #[test]
    fn binds_from_knows_the_module_of_each_binding_and_nothing_by_prefix() {
        let aliased = imports("import { verify as check } from 'jsonwebtoken';");
        assert!(aliased.binds_from(&["jsonwebtoken", "jose"]));
        let required = imports("const jwt = require('jsonwebtoken');");
        assert!(required.binds_from(&["jsonwebtoken"]));
        let namespace = imports("import * as jose from 'jose';");
        assert!(namespace.binds_from(&["jose"]));
        let other = imports("import { verify } from 'jose-extra'; import fs from 'fs';");
        assert!(!other.binds_from(&["jsonwebtoken", "jose"]));
        assert!(!imports("const x = 1;").binds_from(&["jose"]));
    }

    #[test]
    fn the_index_finds_the_bindings_a_walk_finds() {
        let source = r#"
import fs from "fs";
import * as path from "node:path";
import def, { a, b as c } from "./mod";
import type { T } from "./types";
import "./side-effect";
const express = require("express");
const { Router, json: parse } = require("express");
function f() { const inner = require("./lazy"); return inner; }
"#;
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&Language::TypeScript.grammar()).unwrap();
        let tree = parser.parse(source, None).unwrap();
        let walked = Imports::collect(tree.root_node(), source);
        let indexed = Imports::from_index(&crate::lang::NodeIndex::build(Language::TypeScript, &tree), source);
        assert_eq!(indexed.bindings, walked.bindings);
        assert_eq!(indexed.binding("c"), Some("./mod.b"));
        assert_eq!(indexed.binding("path"), Some("path"));
        assert_eq!(indexed.binding("parse"), Some("express.json"));
        assert_eq!(indexed.bindings.len(), 10);
    }
}
