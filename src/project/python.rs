//! Python: imports (`import`, `from ... import`, relative, `if TYPE_CHECKING:`
//! type-only, function-level lazy), functions and calls in loops; module
//! names from package roots and resolution of imports to files.

use crate::lang::NodeExt;
use std::collections::{BTreeMap, BTreeSet};

use tree_sitter::Node;

use super::{FileIndex, FunctionFact, ImportFact, ImportKind, Scopes, import_at};
use crate::lang::{python, text};
use crate::source::SourceFile;

const IMPORT: u8 = 1;
const FUNCTION: u8 = 2;
const LOOP: u8 = 3;
const CALL: u8 = 4;
const CLASS: u8 = 5;
pub(super) const KINDS: &[(&str, u8)] = &[
    ("class_definition", CLASS),
    ("import_statement", IMPORT),
    ("import_from_statement", IMPORT),
    ("function_definition", FUNCTION),
    ("for_statement", LOOP),
    ("while_statement", LOOP),
    ("list_comprehension", LOOP),
    ("set_comprehension", LOOP),
    ("dictionary_comprehension", LOOP),
    ("call", CALL),
];
static TABLES: [std::sync::OnceLock<super::KindTable>; 5] = [const { std::sync::OnceLock::new() }; 5];

/// Collects the Python facts of a file from its matched nodes (pre-order).
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
    // The classes and functions open at the current node, innermost last: a
    // function directly in a class (innermost) is its method.
    let mut open: Vec<Node<'_>> = Vec::new();
    // Only a file that names TYPE_CHECKING can have type-only imports.
    let type_checking = source.contains("TYPE_CHECKING");
    for &node in nodes {
        let tag = table.tag(node);
        if tag == 0 {
            continue;
        }
        while open.last().is_some_and(|c| c.end_byte() <= node.start_byte()) {
            open.pop();
        }
        scopes.visit(node);
        match tag {
            IMPORT => {
                let kind = import_kind(node, node_index, source, scopes.in_function(), type_checking);
                imports(node, source, file, kind, index);
            }
            FUNCTION => {
                let Some(name) = node.field("name") else { continue };
                let class = open.last().filter(|c| c.kind_name() == "class_definition").and_then(|c| c.field("name"));
                // `Class.method` for a method (pushed, not formatted: a file has many).
                let name = match class {
                    Some(class) => {
                        let (class, name) = (text(class, source), text(name, source));
                        let mut qualified = String::with_capacity(class.len() + 1 + name.len());
                        qualified.push_str(class);
                        qualified.push('.');
                        qualified.push_str(name);
                        qualified
                    }
                    None => text(name, source).to_string(),
                };
                open.push(node);
                index.functions.push(FunctionFact::new(name, file.node_span(node)));
                scopes.push_function(index.functions.len() - 1, node);
            }
            LOOP => {
                if let Some(body) = node.field("body") {
                    scopes.push_loop(node, body);
                }
            }
            CALL => scopes.record_call(file, node, || python::callee_name(node, source), index),
            CLASS => open.push(node),
            _ => {}
        }
    }
}

/// Type-only inside `if TYPE_CHECKING:` (or `typing.TYPE_CHECKING`), lazy
/// inside a function, normal otherwise.
/// (`type_checking`: whether the file names `TYPE_CHECKING` at all; when not,
/// the ancestors are not climbed.)
fn import_kind<'t>(
    node: Node<'t>,
    node_index: &crate::lang::NodeIndex<'t>,
    source: &str,
    in_function: bool,
    type_checking: bool,
) -> ImportKind {
    let ancestors = type_checking.then(|| node_index.ancestors(node));
    for n in ancestors.into_iter().flatten() {
        if n.kind_name() == "if_statement"
            && let Some(condition) = n.field("condition")
        {
            let condition = text(condition, source);
            let in_consequence = n.field("consequence").is_some_and(|c| c.end_byte() >= node.end_byte());
            if in_consequence && (condition == "TYPE_CHECKING" || condition.ends_with(".TYPE_CHECKING")) {
                return ImportKind::TypeOnly;
            }
        }
    }
    if in_function { ImportKind::Lazy } else { ImportKind::Normal }
}

fn imports(node: Node<'_>, source: &str, file: &SourceFile, kind: ImportKind, index: &mut FileIndex) {
    let mut cursor = node.walk();
    if node.kind_name() == "import_statement" {
        for name in node.children_by_field_name("name", &mut cursor) {
            let (module, local) = match name.kind_name() {
                "dotted_name" => {
                    let full = text(name, source);
                    (full, full.split('.').next().unwrap_or(full))
                }
                "aliased_import" => match (name.field("name"), name.field("alias")) {
                    (Some(n), Some(a)) => (text(n, source), text(a, source)),
                    _ => continue,
                },
                _ => continue,
            };
            let mut fact = import_at(file, node, module.to_string(), kind);
            fact.bindings.push((local.into(), "".into()));
            index.imports.push(fact);
        }
        return;
    }
    let Some(module) = node.field("module_name") else { return };
    let mut fact: ImportFact = import_at(file, node, text(module, source).to_string(), kind);
    for (imported, local) in crate::lang::python::from_import_names(node, source) {
        fact.names.push(imported.into());
        fact.bindings.push((local.into(), imported.into()));
    }
    index.imports.push(fact);
}

/// Module names and import resolution for the Python files of a project.
/// It borrows the files' paths (slices of them are its keys): it lives only
/// while the project is joined, when every file's facts are in memory.
pub struct Resolver<'a> {
    /// Module path (`a/b` for `a/b.py`, `a/b.pyi`, `a/b/__init__.py` or
    /// `a/b/__init__.pyi`, in that order of preference) -> file index.
    by_module: std::collections::HashMap<&'a str, usize>,
    /// The source root of each Python file (`""`, `"src"`, a package's parent).
    root_of: BTreeMap<usize, &'a str>,
    /// Every source root, sorted.
    roots: Vec<&'a str>,
    /// Every file of the project, by index.
    files: &'a [FileIndex],
    /// [`Resolver::absolute`]'s answers by `"<own root>\n<dotted>"`: files
    /// import the same modules over and over, and each miss (any import of
    /// another package) tries every root.
    absolute_memo: std::cell::RefCell<(String, std::collections::HashMap<String, Option<usize>>)>,
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(p, _)| p)
}

fn join(dir: &str, rest: &str) -> String {
    if dir.is_empty() { rest.to_string() } else { format!("{dir}/{rest}") }
}

impl<'a> Resolver<'a> {
    pub fn new(files: &'a [FileIndex]) -> Resolver<'a> {
        // Hashed, not ordered: nothing iterates it in an order that shows.
        let by_path: std::collections::HashMap<&'a str, usize> = files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.language == crate::lang::Language::Python)
            .map(|(i, f)| (&*f.path, i))
            .collect();
        // The folders holding an `__init__.py(i)`, gathered once: the roots
        // below climb through them for every file.
        let packages: std::collections::HashSet<&str> = by_path
            .keys()
            .filter_map(|path| path.strip_suffix("/__init__.py").or_else(|| path.strip_suffix("/__init__.pyi")))
            .collect();
        let is_package = |dir: &str| packages.contains(dir);
        let mut root_of = BTreeMap::new();
        let mut roots = BTreeSet::new();
        for (path, &i) in &by_path {
            let mut dir = parent(path);
            let root = if is_package(dir) {
                while is_package(dir) {
                    dir = parent(dir);
                }
                dir
            } else if path.starts_with("src/") {
                "src"
            } else {
                ""
            };
            roots.insert(root);
            root_of.insert(i, root);
        }
        // Each file under the name(s) `file_at` finds it by, keeping the
        // preferred spelling when several files give the same module path.
        let mut ranked: std::collections::HashMap<&'a str, (u8, usize)> = std::collections::HashMap::new();
        let mut offer = |module: &'a str, rank: u8, i: usize| {
            let entry = ranked.entry(module).or_insert((rank, i));
            if rank < entry.0 {
                *entry = (rank, i);
            }
        };
        for (path, &i) in &by_path {
            for (suffix, rank) in [(".py", 0), (".pyi", 1)] {
                if let Some(stem) = path.strip_suffix(suffix) {
                    offer(stem, rank, i);
                    let package = if stem == "__init__" { Some("") } else { stem.strip_suffix("/__init__") };
                    if let Some(package) = package {
                        offer(package, rank + 2, i);
                    }
                }
            }
        }
        Resolver {
            by_module: ranked.into_iter().map(|(module, (_, i))| (module, i)).collect(),
            root_of,
            roots: roots.into_iter().collect(),
            files,
            absolute_memo: Default::default(),
        }
    }

    /// The dotted module name of a Python file.
    pub fn module_name(&self, file: usize) -> Option<String> {
        let root = *self.root_of.get(&file)?;
        let path = &*self.files[file].path;
        let relative = if root.is_empty() { path } else { path.strip_prefix(root)?.trim_start_matches('/') };
        let stem = relative.strip_suffix(".py").or_else(|| relative.strip_suffix(".pyi"))?;
        let stem = stem.strip_suffix("/__init__").unwrap_or(stem);
        if stem == "__init__" {
            return Some(root.rsplit('/').next().unwrap_or("__init__").to_string());
        }
        Some(stem.replace('/', "."))
    }

    /// The file of a module path (`a/b` below `dir`): `a/b.py` or `a/b/__init__.py`.
    fn file_at(&self, dir_path: &str) -> Option<usize> {
        self.by_module.get(dir_path).copied()
    }

    /// The file an absolute dotted module resolves to, trying the importing
    /// file's root first, then every other root.
    fn absolute(&self, from: usize, dotted: &str) -> Option<usize> {
        // `import logging` in a module of the project's own `logging/`
        // package is the standard library's: a package does not import
        // itself by a library's name. (From elsewhere, a project package
        // named like a library module, a Django app `profile`, still
        // resolves.) Asked before the memo, whose answers do not depend on
        // the importing file's folder.
        let first = dotted.split('.').next().unwrap_or(dotted);
        if crate::lang::python::is_standard_library(first)
            && self.files[from].path.split('/').rev().skip(1).any(|folder| folder == first)
        {
            return None;
        }
        let own = self.root_of.get(&from).copied().unwrap_or("");
        let mut memo = self.absolute_memo.borrow_mut();
        let (key, answers) = &mut *memo;
        key.clear();
        key.push_str(own);
        key.push('\n');
        key.push_str(dotted);
        if let Some(&answer) = answers.get(key.as_str()) {
            return answer;
        }
        let relative = dotted.replace('.', "/");
        let answer = std::iter::once(own)
            .chain(self.roots.iter().copied().filter(|r| *r != own))
            .find_map(|root| self.file_at(&join(root, &relative)));
        answers.insert(key.clone(), answer);
        answer
    }

    /// The files an import resolves to (empty for imports of other packages).
    pub fn resolve(&self, from: usize, import: &ImportFact) -> Vec<usize> {
        if !self.root_of.contains_key(&from) {
            return Vec::new();
        }
        let path = &*self.files[from].path;
        let dots = import.target.chars().take_while(|c| *c == '.').count();
        let rest = &import.target[dots..];
        // The base as a folder path (for submodules) and as a module file.
        let (base_dir, base_file) = if dots > 0 {
            let mut dir = parent(path).to_string();
            for _ in 1..dots {
                dir = parent(&dir).to_string();
            }
            let target = if rest.is_empty() { dir.clone() } else { join(&dir, &rest.replace('.', "/")) };
            (Some(target.clone()), self.file_at(&target))
        } else {
            let mut found = self.absolute(from, rest);
            // `import a.b.c` where only `a.b` is a module of the project.
            let mut prefix = rest;
            while found.is_none() && import.names.is_empty() {
                let Some((shorter, _)) = prefix.rsplit_once('.') else { break };
                prefix = shorter;
                found = self.absolute(from, prefix);
            }
            let dir = found.map(|f| {
                let p = &*self.files[f].path;
                match p.strip_suffix("/__init__.py").or_else(|| p.strip_suffix("/__init__.pyi")) {
                    Some(dir) => dir.to_string(),
                    None => p.trim_end_matches(".pyi").trim_end_matches(".py").to_string(),
                }
            });
            (dir, found)
        };
        let mut out = Vec::new();
        let mut base_needed = import.names.is_empty();
        for name in &import.names {
            match base_dir.as_deref().and_then(|dir| self.file_at(&join(dir, name))) {
                Some(sub) => out.push(sub),
                None => base_needed = true,
            }
        }
        if base_needed && let Some(base) = base_file {
            out.push(base);
        }
        out
    }
}
