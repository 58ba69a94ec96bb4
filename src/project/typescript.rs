//! TypeScript/JavaScript: imports (`import`, `import type`, re-exports,
//! dynamic `import()`, `require()`), functions and calls in loops; module
//! names from paths and resolution of specifiers to files (relative, with
//! extension and `index` resolution, and `tsconfig.json` `baseUrl`/`paths`
//! with `extends`).

use crate::lang::NodeExt;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use tree_sitter::Node;

use super::{FileIndex, FunctionFact, ImportKind, Scopes, import_at};
use crate::lang::{Family, text, typescript};
use crate::source::SourceFile;

const IMPORT: u8 = 1;
const EXPORT: u8 = 2;
const FUNCTION: u8 = 3;
pub(super) const LOOP: u8 = 4;
const CALL: u8 = 5;
const DECLARATOR: u8 = 6;
const CLASS: u8 = 7;
pub(super) const KINDS: &[(&str, u8)] = &[
    ("variable_declarator", DECLARATOR),
    ("class_declaration", CLASS),
    ("class", CLASS),
    ("abstract_class_declaration", CLASS),
    ("import_statement", IMPORT),
    ("export_statement", EXPORT),
    ("function_declaration", FUNCTION),
    ("generator_function_declaration", FUNCTION),
    ("method_definition", FUNCTION),
    ("arrow_function", FUNCTION),
    ("function_expression", FUNCTION),
    ("for_statement", LOOP),
    ("for_in_statement", LOOP),
    ("while_statement", LOOP),
    ("do_statement", LOOP),
    ("call_expression", CALL),
];
static TABLES: [std::sync::OnceLock<super::KindTable>; 5] = [const { std::sync::OnceLock::new() }; 5];

/// Extensions tried, in order, for a specifier without one.
const EXTENSIONS: &[&str] = &["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];

/// Collects the TypeScript/JavaScript facts of a file from its matched nodes (pre-order).
pub fn extract<'t>(
    nodes: &[Node<'t>],
    node_index: &crate::lang::NodeIndex<'t>,
    file: &SourceFile,
    index: &mut FileIndex,
    functions: &crate::lang::db::FileFunctions<'t>,
) {
    let source = file.text.as_str();
    let mut scopes = Scopes::new(functions, node_index);
    let table = super::kind_table(&TABLES, file.language, KINDS);
    // Values bound by `const x = <value>` (by node id): names of arrow
    // functions and of `require` results, without climbing to the parent.
    let mut declared: HashMap<usize, &str> = HashMap::new();
    // The names a declarator destructures from its value, by value node id.
    let mut destructured: HashMap<usize, Vec<(&str, &str)>> = HashMap::new();
    // The classes open at the current node, innermost last.
    let mut classes: Vec<Node<'_>> = Vec::new();
    for &node in nodes {
        let tag = table.tag(node);
        if tag == 0 {
            continue;
        }
        scopes.visit(node);
        while classes.last().is_some_and(|c| c.end_byte() <= node.start_byte()) {
            classes.pop();
        }
        match tag {
            DECLARATOR => {
                if let (Some(name), Some(value)) = (node.field("name"), node.field("value")) {
                    match name.kind_name() {
                        "identifier" => {
                            declared.insert(value.id(), text(name, source));
                        }
                        // `const { login, signup: signUp } = require('./auth')`
                        "object_pattern" => {
                            destructured.insert(value.id(), typescript::destructured_names(name, source));
                        }
                        _ => {}
                    }
                }
            }
            CLASS => classes.push(node),
            IMPORT => import_statement(node, source, file, index),
            EXPORT => {
                if let Some(specifier) = node.field("source").and_then(|s| typescript::string_value(s, source)) {
                    let kind = if has_token(node, source, "type") { ImportKind::TypeOnly } else { ImportKind::Normal };
                    index.imports.push(import_at(file, node, specifier.to_string(), kind));
                }
            }
            FUNCTION => {
                let name = function_name(node, node_index, source, &declared, classes.last().copied());
                let function = match name {
                    Some(name) => {
                        index.functions.push(FunctionFact::new(name, file.node_span(node)));
                        index.functions.len() - 1
                    }
                    // `ids.forEach(async (id) => ..)`: the callback's body runs
                    // once per item, as a loop's body does.
                    None if let Some(call) = crate::lang::db::iteration_call_of(node, node_index, source)
                        && let Some(body) = node.field("body") =>
                    {
                        scopes.push_callback(call, body);
                        continue;
                    }
                    // Other anonymous callbacks still bound what runs per call.
                    None => usize::MAX,
                };
                scopes.push_function(function, node);
            }
            LOOP => {
                if let Some(body) = node.field("body") {
                    scopes.push_loop(node, body);
                }
            }
            CALL => {
                let Some(function) = node.field("function") else { continue };
                if function.kind_name() == "import" {
                    let argument = node.field("arguments").and_then(|a| a.named_child(0));
                    if let Some(specifier) = argument.and_then(|a| typescript::string_value(a, source)) {
                        index.imports.push(import_at(file, node, specifier.to_string(), ImportKind::Lazy));
                    }
                } else if let Some(specifier) = typescript::require_source(node, source) {
                    let kind = if scopes.in_function() { ImportKind::Lazy } else { ImportKind::Normal };
                    let mut fact = import_at(file, node, specifier.to_string(), kind);
                    if let Some(name) = declared.get(&node.id()) {
                        fact.bindings.push(((*name).into(), "".into()));
                    }
                    for (local, imported) in destructured.remove(&node.id()).unwrap_or_default() {
                        fact.names.push(imported.into());
                        fact.bindings.push((local.into(), imported.into()));
                    }
                    index.imports.push(fact);
                } else {
                    scopes.record_call(file, node, || typescript::callee_name(node, source), index);
                }
            }
            _ => {}
        }
    }
    for call in &mut index.loop_calls {
        if call.caller == Some(usize::MAX) {
            call.caller = None;
        }
    }
}

/// Whether `node` has an anonymous child token `token` (`import type`, `export type`).
fn has_token(node: Node<'_>, source: &str, token: &str) -> bool {
    // A token is text of the node: without that text, no child to look for.
    if !text(node, source).contains(token) {
        return false;
    }
    node.child_nodes().any(|c| !c.is_named() && c.kind_name() == token)
}

fn import_statement(node: Node<'_>, source: &str, file: &SourceFile, index: &mut FileIndex) {
    let children: Vec<Node<'_>> = node.named_child_nodes().collect();
    // `import x = require("y")`
    let specifier = match node.field("source") {
        Some(s) => typescript::string_value(s, source),
        None => children
            .iter()
            .find(|c| c.kind_name() == "import_require_clause")
            .and_then(|c| c.field("source"))
            .and_then(|s| typescript::string_value(s, source)),
    };
    let Some(specifier) = specifier else { return };
    let mut type_only = has_token(node, source, "type");
    let mut fact = import_at(file, node, specifier.to_string(), ImportKind::Normal);
    if let Some(clause) = children.iter().find(|c| c.kind_name() == "import_clause") {
        let mut specifiers = 0;
        let mut type_specifiers = 0;
        let mut default_or_namespace = false;
        // `import name, * as ns from` / `import name, { a, b as c } from`:
        // the clause holds the default name, a namespace import and the
        // named imports, whose children are the specifiers.
        let mut parts = Vec::new();
        for part in clause.named_child_nodes() {
            parts.push(part);
            if part.kind_name() == "named_imports" {
                parts.extend(part.named_child_nodes());
            }
        }
        for part in parts {
            match part.kind_name() {
                "identifier" => {
                    default_or_namespace = true;
                    fact.bindings.push((text(part, source).into(), "default".into()));
                }
                "namespace_import" => {
                    default_or_namespace = true;
                    if let Some(name) = part.named_child(0) {
                        fact.bindings.push((text(name, source).into(), "".into()));
                    }
                }
                "import_specifier" => {
                    specifiers += 1;
                    type_specifiers += usize::from(has_token(part, source, "type"));
                    if let Some(name) = part.field("name") {
                        let local = part.field("alias").unwrap_or(name);
                        fact.bindings.push((text(local, source).into(), text(name, source).into()));
                    }
                }
                _ => {}
            }
        }
        type_only |= specifiers > 0 && specifiers == type_specifiers && !default_or_namespace;
    } else if let Some(clause) = children.iter().find(|c| c.kind_name() == "import_require_clause")
        && let Some(name) = clause.named_child(0)
    {
        fact.bindings.push((text(name, source).into(), "".into()));
    }
    if type_only {
        fact.kind = ImportKind::TypeOnly;
    }
    index.imports.push(fact);
}

/// The name of a function node: its own, `Class.method`, or the name of
/// the `const` it is assigned to (`declared`, by value node id).
fn function_name<'t>(
    node: Node<'t>,
    node_index: &crate::lang::NodeIndex<'t>,
    source: &str,
    declared: &HashMap<usize, &str>,
    class: Option<Node<'_>>,
) -> Option<String> {
    match node.kind_name() {
        "method_definition" => {
            let name = text(node.field("name")?, source);
            let class = class.and_then(|c| c.field("name"));
            Some(match class {
                Some(class) => format!("{}.{name}", text(class, source)),
                None => name.to_string(),
            })
        }
        "arrow_function" | "function_expression" => {
            declared
                .get(&node.id())
                .map(|name| name.to_string())
                .or_else(|| exported_name(node, node_index, source))
                .or_else(|| {
                    // A handler factory's product is named `login()`, after the call that makes it.
                    let factory = crate::lang::db::returned_by(node, node_index)?;
                    Some(format!("{}()", function_name(factory, node_index, source, declared, class)?))
                })
        }
        _ => Some(text(node.field("name")?, source).to_string()),
    }
}

/// The name a CommonJS module exports a function under: `exports.login =
/// fn`, `module.exports.login = fn`, or a member of the object a module
/// exports (`module.exports = { login: fn }`, `export default { login: fn }`).
/// Callers in other modules reach it as `controller.login` after a
/// `require` or a default import.
fn exported_name<'t>(function: Node<'t>, node_index: &crate::lang::NodeIndex<'t>, source: &str) -> Option<String> {
    let parent = node_index.parent(function)?;
    match parent.kind_name() {
        "assignment_expression" if parent.field("right").is_some_and(|r| r.id() == function.id()) => {
            let left = text(parent.field("left")?, source);
            let name = left.strip_prefix("module.exports.").or_else(|| left.strip_prefix("exports."))?;
            (!name.is_empty() && !name.contains('.')).then(|| name.to_string())
        }
        "pair" if parent.field("value").is_some_and(|v| v.id() == function.id()) => {
            let object = node_index.parent(parent).filter(|o| o.kind_name() == "object")?;
            let holder = node_index.parent(object)?;
            let exported = match holder.kind_name() {
                "assignment_expression" => holder.field("left").is_some_and(|l| text(l, source) == "module.exports"),
                "export_statement" => true,
                _ => false,
            };
            exported.then(|| typescript::pair_key(parent, source).map(str::to_string)).flatten()
        }
        _ => None,
    }
}

/// The module name of a TS/JS file: its path without the extension.
pub fn module_name(path: &str) -> String {
    match path.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() && !stem.ends_with('/') => stem.to_string(),
        _ => path.to_string(),
    }
}

/// The parts of a `tsconfig.json` that resolution uses, with `extends` applied.
#[derive(Debug, Default, Clone)]
struct TsConfig {
    /// `baseUrl`, root-relative.
    base_url: Option<String>,
    /// `paths` patterns and their targets, root-relative.
    paths: Vec<(String, Vec<String>)>,
}

/// Resolution of specifiers to the TS/JS files of a project.
pub struct Resolver {
    root: PathBuf,
    /// Path -> file index of the TS/JS files.
    files: BTreeMap<std::sync::Arc<str>, usize>,
    /// Nearest tsconfig.json of each folder (root-relative), cached.
    configs: RefCell<BTreeMap<String, Option<Rc<TsConfig>>>>,
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(p, _)| p)
}

/// Joins a root-relative folder and a relative path lexically; `None` when
/// it leaves the root.
fn join(dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

impl Resolver {
    pub fn new(root: &Path, files: &[FileIndex]) -> Resolver {
        Resolver {
            root: root.to_path_buf(),
            files: files
                .iter()
                .enumerate()
                .filter(|(_, f)| f.language.family() == Family::TypeScript)
                .map(|(i, f)| (f.path.clone(), i))
                .collect(),
            configs: RefCell::new(BTreeMap::new()),
        }
    }

    /// The files a specifier of the file at `from` resolves to (at most one;
    /// none for packages and unresolvable paths).
    pub fn resolve(&self, from: &str, specifier: &str) -> Vec<usize> {
        self.resolve_path(from, specifier).and_then(|p| self.files.get(p.as_str()).copied()).into_iter().collect()
    }

    fn resolve_path(&self, from: &str, specifier: &str) -> Option<String> {
        if specifier.starts_with("./") || specifier.starts_with("../") || specifier == "." || specifier == ".." {
            return self.with_extensions(&join(parent(from), specifier)?);
        }
        let config = self.config_for(parent(from))?;
        for (pattern, targets) in &config.paths {
            let captured = match pattern.split_once('*') {
                Some((prefix, suffix)) => {
                    specifier.strip_prefix(prefix).and_then(|rest| rest.strip_suffix(suffix)).map(str::to_string)
                }
                None => (pattern == specifier).then(String::new),
            };
            let Some(captured) = captured else { continue };
            for target in targets {
                let candidate = target.replacen('*', &captured, 1);
                if let Some(found) = self.with_extensions(&candidate) {
                    return Some(found);
                }
            }
        }
        let base = config.base_url.as_deref()?;
        self.with_extensions(&join(base, specifier)?)
    }

    fn with_extensions(&self, base: &str) -> Option<String> {
        if self.files.contains_key(base) {
            return Some(base.to_string());
        }
        // ESM-style `./a.js` naming the `a.ts` source.
        if let Some((stem, ext)) = base.rsplit_once('.')
            && matches!(ext, "js" | "jsx" | "mjs" | "cjs")
        {
            let sources: &[&str] = match ext {
                "mjs" => &["mts"],
                "cjs" => &["cts"],
                _ => &["ts", "tsx"],
            };
            if let Some(found) =
                sources.iter().map(|e| format!("{stem}.{e}")).find(|p| self.files.contains_key(p.as_str()))
            {
                return Some(found);
            }
        }
        // `base.ext`, then `base/index.ext`, spelled in one buffer.
        let mut candidate = String::with_capacity(base.len() + 10);
        let index = if base.is_empty() { "index." } else { "/index." };
        [".", index].iter().flat_map(|glue| EXTENSIONS.iter().map(move |e| (glue, e))).find_map(|(glue, e)| {
            candidate.clear();
            candidate.push_str(base);
            candidate.push_str(glue);
            candidate.push_str(e);
            self.files.contains_key(candidate.as_str()).then(|| candidate.clone())
        })
    }

    /// The nearest `tsconfig.json` at or above `dir`, within the scan root.
    fn config_for(&self, dir: &str) -> Option<Rc<TsConfig>> {
        if let Some(cached) = self.configs.borrow().get(dir) {
            return cached.clone();
        }
        let file = self.root.join(dir).join("tsconfig.json");
        let found = if file.is_file() {
            read_config(&self.root, &file, 0).map(Rc::new)
        } else if dir.is_empty() {
            None
        } else {
            self.config_for(parent(dir))
        };
        self.configs.borrow_mut().insert(dir.to_string(), found.clone());
        found
    }
}

/// Reads a tsconfig file (JSON with comments and trailing commas) and the
/// configs it `extends` (relative paths only), up to a depth of 8.
fn read_config(root: &Path, file: &Path, depth: usize) -> Option<TsConfig> {
    if depth > 8 {
        return None;
    }
    let text = std::fs::read_to_string(file).ok()?;
    let value: serde_json::Value = serde_json::from_str(&strip_jsonc(&text)).ok()?;
    let dir = file.parent()?;
    let mut config = match value.get("extends").and_then(|e| e.as_str()) {
        Some(extends) if extends.starts_with('.') => {
            let mut path = dir.join(extends);
            if path.extension().is_none() {
                path.set_extension("json");
            }
            read_config(root, &path, depth + 1).unwrap_or_default()
        }
        _ => TsConfig::default(),
    };
    let relative_dir = dir
        .strip_prefix(root)
        .ok()
        .map(|d| d.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/"))?;
    let options = value.get("compilerOptions");
    if let Some(base) = options.and_then(|o| o.get("baseUrl")).and_then(|b| b.as_str()) {
        config.base_url = join(&relative_dir, base);
    }
    if let Some(paths) = options.and_then(|o| o.get("paths")).and_then(|p| p.as_object()) {
        let base = config.base_url.clone().unwrap_or_else(|| relative_dir.clone());
        config.paths = paths
            .iter()
            .map(|(pattern, targets)| {
                let targets = targets
                    .as_array()
                    .map(|a| a.iter().filter_map(|t| t.as_str()).filter_map(|t| join(&base, t)).collect())
                    .unwrap_or_default();
                (pattern.clone(), targets)
            })
            .collect();
        // The longest prefix wins, as in the compiler.
        config.paths.sort_by_key(|(pattern, _)| std::cmp::Reverse(pattern.split('*').next().unwrap_or("").len()));
    }
    Some(config)
}

/// JSON with comments (`//`, `/* */`) and trailing commas, as plain JSON.
pub fn strip_jsonc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                for next in chars.by_ref() {
                    if next == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut previous = ' ';
                for next in chars.by_ref() {
                    if previous == '*' && next == '/' {
                        break;
                    }
                    previous = next;
                }
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    // Trailing commas: a comma followed (after whitespace) by `}` or `]`.
    let mut cleaned = String::with_capacity(out.len());
    let bytes: Vec<char> = out.chars().collect();
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if in_string {
            if c == '\\' && i + 1 < bytes.len() {
                cleaned.push(c);
                cleaned.push(bytes[i + 1]);
                i += 2;
                continue;
            }
            in_string = c != '"';
        } else if c == '"' {
            in_string = true;
        } else if c == ',' {
            let next = bytes[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}') | Some(']')) {
                i += 1;
                continue;
            }
        }
        cleaned.push(c);
        i += 1;
    }
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonc_comments_and_trailing_commas_are_removed() {
        let text = "{\n // c\n \"a\": \"http://x/*y*/\", /* b */\n \"p\": [1, 2,],\n}\n";
        let value: serde_json::Value = serde_json::from_str(&strip_jsonc(text)).unwrap();
        assert_eq!(value["a"], "http://x/*y*/");
        assert_eq!(value["p"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn relative_join_stays_in_root() {
        assert_eq!(join("src/a", "../b/c").as_deref(), Some("src/b/c"));
        assert_eq!(join("", "../x"), None);
    }
}
