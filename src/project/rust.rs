//! Rust: `use` declarations, `crate::`/`super::`/`self::` paths in code,
//! `mod` declarations (with `#[path]`), functions and calls in loops; the
//! module tree of each crate (rooted at `src/lib.rs`, `src/main.rs`,
//! `src/bin/*`, named from the `Cargo.toml` beside `src/`) and resolution of
//! paths to the files of modules.

use crate::lang::NodeExt;
use std::collections::{BTreeMap, VecDeque};
use std::path::Path;

use tree_sitter::Node;

use super::{FileIndex, FunctionFact, ImportKind, ModDecl, Scopes, import_at};
use crate::lang::{self, Language, text};
use crate::source::SourceFile;

const USE: u8 = 1;
const PATH: u8 = 2;
const MOD: u8 = 3;
const FUNCTION: u8 = 4;
const CLOSURE: u8 = 5;
const LOOP: u8 = 6;
const CALL: u8 = 7;
pub(super) const KINDS: &[(&str, u8)] = &[
    ("use_declaration", USE),
    ("scoped_identifier", PATH),
    ("scoped_type_identifier", PATH),
    ("mod_item", MOD),
    ("function_item", FUNCTION),
    ("closure_expression", CLOSURE),
    ("for_expression", LOOP),
    ("while_expression", LOOP),
    ("loop_expression", LOOP),
    ("call_expression", CALL),
];
static TABLES: [std::sync::OnceLock<super::KindTable>; 5] = [const { std::sync::OnceLock::new() }; 5];

/// Collects the Rust facts of a file from its matched nodes (pre-order).
pub fn extract<'t>(
    nodes: &[Node<'t>],
    node_index: &lang::NodeIndex<'t>,
    file: &SourceFile,
    index: &mut FileIndex,
    functions: &crate::lang::db::FileFunctions<'t>,
) {
    let source = file.text.as_str();
    let mut scopes = Scopes::new(functions, node_index);
    // Inline modules around the current node: (name, end byte).
    let mut inline: Vec<(String, usize)> = Vec::new();
    // End of the `use` declaration being walked, if any.
    let mut in_use_until = 0;
    // End of the `#[cfg(test)]` module being walked, if any: its imports
    // exist only in test builds and close no cycle of the program.
    let mut in_test_until = 0;
    let table = super::kind_table(&TABLES, file.language, KINDS);
    for &node in nodes {
        let tag = table.tag(node);
        if tag == 0 {
            continue;
        }
        scopes.visit(node);
        while inline.last().is_some_and(|(_, end)| *end <= node.start_byte()) {
            inline.pop();
        }
        let scope = || inline.iter().map(|(n, _)| n.as_str().into()).collect::<Vec<Box<str>>>();
        if node.start_byte() < in_test_until && matches!(tag, USE | PATH) {
            continue;
        }
        if tag == MOD && node.start_byte() >= in_test_until && lang::rust::is_test_item(node, node_index, source) {
            in_test_until = node.end_byte();
        }
        match tag {
            USE => {
                in_use_until = node.end_byte();
                if let Some(argument) = node.field("argument") {
                    let mut leaves = Vec::new();
                    use_leaves(argument, String::new(), source, &mut leaves);
                    for (path, local) in leaves {
                        let mut fact = import_at(file, node, path, ImportKind::Normal);
                        fact.scope = scope();
                        if let Some(local) = local {
                            fact.bindings.push((local.into(), "".into()));
                        }
                        index.imports.push(fact);
                    }
                }
            }
            PATH if node.start_byte() >= in_use_until => {
                let path = text(node, source);
                // (The text test first: the parent costs a descent from the root.)
                if ["crate::", "super::", "self::"].iter().any(|p| path.starts_with(p))
                    && !node
                        .parent()
                        .is_some_and(|p| matches!(p.kind_name(), "scoped_identifier" | "scoped_type_identifier"))
                {
                    let mut fact = import_at(file, node, path.split_whitespace().collect(), ImportKind::Normal);
                    fact.scope = scope();
                    index.imports.push(fact);
                }
            }
            MOD => {
                let Some(name) = node.field("name") else { continue };
                let name = text(name, source).to_string();
                let body = node.field("body");
                index.rare_mut().mods.push(ModDecl {
                    scope: scope().into_iter().map(String::from).collect(),
                    name: name.clone(),
                    path_attr: path_attribute(node, node_index, source),
                    inline: body.is_some(),
                });
                if body.is_some() {
                    inline.push((name, node.end_byte()));
                }
            }
            FUNCTION => {
                let Some(name) = node.field("name") else { continue };
                let mut name = text(name, source).to_string();
                if let Some(owner) = lang::ancestor_of_kind(node, &["impl_item", "function_item"])
                    .filter(|a| a.kind_name() == "impl_item")
                    .and_then(|i| i.field("type"))
                {
                    name = format!("{}::{name}", text(owner, source));
                }
                index.functions.push(FunctionFact::new(name, file.node_span(node)));
                scopes.push_function(index.functions.len() - 1, node);
            }
            // `rows.iter().for_each(|row| ..)`: the closure's body runs once
            // per item, as a loop's body does.
            CLOSURE => match (crate::lang::db::iteration_call_of(node, node_index, source), node.field("body")) {
                (Some(call), Some(body)) => scopes.push_callback(call, body),
                _ => scopes.push_function(usize::MAX, node),
            },
            LOOP => {
                if let Some(body) = node.field("body") {
                    scopes.push_loop(node, body);
                }
            }
            CALL => {
                // A path call (`repo::items_for(..)`), or a method call on a
                // field of `self` (`self.accounts.owner(..)`, renamed to the
                // field type's method by `performs::fill`).
                let function = node.field("function").filter(|f| match f.kind_name() {
                    "identifier" | "scoped_identifier" => true,
                    "field_expression" => text(*f, source).starts_with("self."),
                    _ => false,
                });
                if let Some(function) = function {
                    scopes.record_call(file, node, || Some(text(function, source).to_string()), index);
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

/// The leaves of a `use` tree as full paths, with the local name each binds.
fn use_leaves(node: Node<'_>, prefix: String, source: &str, out: &mut Vec<(String, Option<String>)>) {
    // Use trees nest only as deep as written; an explicit stack avoids recursion anyway.
    let mut stack = vec![(node, prefix)];
    while let Some((node, prefix)) = stack.pop() {
        let join = |segment: &str| if prefix.is_empty() { segment.to_string() } else { format!("{prefix}::{segment}") };
        match node.kind_name() {
            // `use crate::repo::{self, Repo}`: `self` binds the module itself, as `repo`.
            "self" if !prefix.is_empty() => {
                let local = prefix.rsplit("::").next().map(str::to_string);
                out.push((prefix.clone(), local));
            }
            "identifier" | "scoped_identifier" | "crate" | "self" | "super" => {
                let full = join(text(node, source));
                let local = full.rsplit("::").next().map(str::to_string);
                out.push((full, local));
            }
            "use_as_clause" => {
                if let (Some(path), Some(alias)) = (node.field("path"), node.field("alias")) {
                    out.push((join(text(path, source)), Some(text(alias, source).to_string())));
                }
            }
            "use_wildcard" => {
                let path = node.named_child(0).map(|p| join(text(p, source))).unwrap_or(prefix.clone());
                out.push((path, None));
            }
            "scoped_use_list" => {
                let next = node.field("path").map(|p| join(text(p, source))).unwrap_or(prefix.clone());
                if let Some(list) = node.field("list") {
                    for child in list.named_child_nodes() {
                        stack.push((child, next.clone()));
                    }
                }
            }
            "use_list" => {
                for child in node.named_child_nodes() {
                    stack.push((child, prefix.clone()));
                }
            }
            _ => {}
        }
    }
}

/// The value of a `#[path = "..."]` attribute just before a `mod` item.
fn path_attribute<'t>(node: Node<'t>, node_index: &lang::NodeIndex<'t>, source: &str) -> Option<String> {
    let mut previous = node_index.previous_sibling(node);
    while let Some(p) = previous.filter(|p| p.kind_name() == "attribute_item") {
        let attribute = text(p, source);
        let inner = attribute.trim_start_matches("#[").trim_end_matches(']').trim();
        if let Some(value) = inner.strip_prefix("path").map(str::trim).and_then(|v| v.strip_prefix('=')) {
            return Some(value.trim().trim_matches('"').to_string());
        }
        previous = node_index.previous_sibling(p);
    }
    None
}

/// Module trees of the crates of a project and path resolution.
pub struct Resolver {
    /// Crate names, by crate index.
    crates: Vec<String>,
    /// (crate, module path) -> file. Inline modules map to their file.
    modules: BTreeMap<(usize, Vec<String>), usize>,
    /// File -> (crate, module path) of the file's own module.
    file_module: BTreeMap<usize, (usize, Vec<String>)>,
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(p, _)| p)
}

fn join(dir: &str, rest: &str) -> String {
    if dir.is_empty() { rest.to_string() } else { format!("{dir}/{rest}") }
}

/// The crate name in `<dir>/Cargo.toml`, `-` written as `_`.
fn package_name(root: &Path, dir: &str) -> Option<String> {
    let text = std::fs::read_to_string(root.join(dir).join("Cargo.toml")).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    let name = table.get("package")?.get("name")?.as_str()?;
    Some(name.replace('-', "_"))
}

impl Resolver {
    pub fn new(root: &Path, files: &[FileIndex]) -> Resolver {
        let by_path: BTreeMap<&str, usize> = files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.language == Language::Rust)
            .map(|(i, f)| (&*f.path, i))
            .collect();
        let mut resolver = Resolver { crates: Vec::new(), modules: BTreeMap::new(), file_module: BTreeMap::new() };
        // Crate roots, libraries first so that they own the package name.
        let mut roots: Vec<(u8, String, usize)> = Vec::new();
        for (&path, &i) in &by_path {
            let (dir, rest) = match path.rsplit_once("src/") {
                Some((dir, rest)) if dir.is_empty() || dir.ends_with('/') => (dir.trim_end_matches('/'), rest),
                // A scan rooted at a crate's `src/` folder.
                _ if matches!(path, "lib.rs" | "main.rs") || path.starts_with("bin/") => ("..", path),
                _ => continue,
            };
            let package = || {
                package_name(root, dir).unwrap_or_else(|| {
                    dir.rsplit('/').next().filter(|d| !d.is_empty()).unwrap_or("crate").replace('-', "_")
                })
            };
            match rest {
                "lib.rs" => roots.push((0, package(), i)),
                "main.rs" => roots.push((1, package(), i)),
                _ => {
                    let bin = rest
                        .strip_prefix("bin/")
                        .and_then(|b| b.strip_suffix("/main.rs").or_else(|| b.strip_suffix(".rs")));
                    if let Some(bin) = bin.filter(|b| !b.contains('/')) {
                        roots.push((2, bin.replace('-', "_"), i));
                    }
                }
            }
        }
        roots.sort();
        for (_, mut name, file) in roots {
            if resolver.crates.contains(&name) {
                name =
                    format!("{name}[{}]", files[file].path.rsplit('/').next().unwrap_or("bin").trim_end_matches(".rs"));
            }
            let krate = resolver.crates.len();
            resolver.crates.push(name);
            // Breadth-first over `mod` declarations: (file, its module path, whether its children live in its folder).
            let mut queue = VecDeque::from([(file, Vec::<String>::new(), true)]);
            while let Some((file, module, owns_dir)) = queue.pop_front() {
                if resolver.file_module.contains_key(&file) {
                    continue;
                }
                resolver.file_module.insert(file, (krate, module.clone()));
                resolver.modules.entry((krate, module.clone())).or_insert(file);
                let path = &*files[file].path;
                let children_dir =
                    if owns_dir { parent(path).to_string() } else { path.trim_end_matches(".rs").to_string() };
                for decl in &files[file].rare().mods {
                    let mut full = module.clone();
                    full.extend(decl.scope.iter().cloned());
                    full.push(decl.name.clone());
                    if decl.inline {
                        resolver.modules.entry((krate, full)).or_insert(file);
                        continue;
                    }
                    let dir = decl.scope.iter().fold(children_dir.clone(), |d, s| join(&d, s));
                    let candidates: Vec<(String, bool)> = match &decl.path_attr {
                        Some(attr) => {
                            let base = if decl.scope.is_empty() { parent(path).to_string() } else { dir.clone() };
                            vec![(normalize(&join(&base, attr)), true)]
                        }
                        None => vec![
                            (join(&dir, &format!("{}.rs", decl.name)), false),
                            (join(&dir, &format!("{}/mod.rs", decl.name)), true),
                        ],
                    };
                    if let Some((child, owns)) =
                        candidates.into_iter().find_map(|(p, owns)| by_path.get(p.as_str()).map(|&f| (f, owns)))
                    {
                        let owns = owns || files[child].path.ends_with("/mod.rs");
                        queue.push_back((child, full, owns));
                    }
                }
            }
        }
        resolver
    }

    /// The module name (`crate::a::b`: the crate, then the path in it) of a
    /// file reached from a crate root.
    pub fn module_name(&self, file: usize) -> Option<String> {
        let (krate, path) = self.file_module.get(&file)?;
        let mut name = self.crates[*krate].clone();
        for segment in path {
            name.push_str("::");
            name.push_str(segment);
        }
        Some(name)
    }

    /// The file of the module a path names (the longest prefix that is a module).
    pub fn resolve(&self, from: usize, import: &super::ImportFact) -> Vec<usize> {
        let Some((krate, own)) = self.file_module.get(&from) else { return Vec::new() };
        let mut current = own.clone();
        current.extend(import.scope.iter().map(|s| s.to_string()));
        let mut segments: Vec<&str> = import.target.trim_start_matches("::").split("::").collect();
        while segments.last().is_some_and(|s| *s == "self" || *s == "*") {
            segments.pop();
        }
        let Some(first) = segments.first().copied() else { return Vec::new() };
        let (krate, mut base, rest) = match first {
            "crate" => (*krate, Vec::new(), &segments[1..]),
            "self" => (*krate, current, &segments[1..]),
            "super" => {
                let supers = segments.iter().take_while(|s| **s == "super").count();
                if supers > current.len() {
                    return Vec::new();
                }
                current.truncate(current.len() - supers);
                (*krate, current, &segments[supers..])
            }
            name => {
                let mut child = current.clone();
                child.push(name.to_string());
                if self.modules.contains_key(&(*krate, child)) {
                    (*krate, current, &segments[..])
                } else if let Some(other) = self.crates.iter().position(|c| c == name) {
                    (other, Vec::new(), &segments[1..])
                } else {
                    return Vec::new();
                }
            }
        };
        let prefix_len = base.len();
        base.extend(rest.iter().map(|s| s.to_string()));
        while base.len() >= prefix_len {
            if let Some(&file) = self.modules.get(&(krate, base.clone())) {
                return vec![file];
            }
            if base.pop().is_none() {
                break;
            }
        }
        Vec::new()
    }
}

/// Removes `.` and `..` segments of a `/`-separated path lexically.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}
