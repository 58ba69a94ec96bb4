//! What a name holds: the value that a local or module-level binding gives an
//! identifier at the point where it is used, in every language family.
//!
//! Rules ask [`resolve`] wherever they read an option, a flag or a query out
//! of an expression, so that a value held in a variable counts like one
//! written inline (`opts = {"verify_signature": False}` then
//! `jwt.decode(t, key, options=opts)`; `const corsOptions = {..}` then
//! `cors(corsOptions)`; `let q = format!(..)` then `query(&q)`).
//!
//! A binding is followed when it is unambiguous from the code alone:
//! - the last straight-line binding of the name before the use, in the
//!   use's block or an enclosing one up to its function (`x = ..`,
//!   `const x = ..`, `let x = ..`), when no statement between them may
//!   rebind it (an assignment inside an `if`, a loop or a `try` in between
//!   makes the value unknown);
//! - otherwise, when the function does not bind the name (as a parameter or
//!   anywhere in its body), the one top-level binding of the module (a
//!   module constant: `TIMEOUT = 5`, `const OPTIONS = {..}`, Rust `const` and
//!   `static` items), if the module binds the name exactly once.
//!
//! Chains of names (`b = a`) are followed up to [`MAX_HOPS`] bindings.
//! Attributes, calls, parameters and anything bound in more than one way
//! give no value: the caller keeps the expression it had.

use tree_sitter::Node;

use super::{NodeExt, descendants_pruned, text};

/// Names followed through at most this many bindings (`c = b; b = a`).
pub const MAX_HOPS: usize = 8;

/// Statements examined when looking for rebinding before giving up: a
/// resolution stays cheap even in a huge generated module.
const MAX_STATEMENTS: usize = 4096;

/// The value `node` holds: for an identifier, the expression its binding
/// gives it (followed through further names); for anything else, `node`
/// itself. Parentheses and TypeScript `as`/`satisfies`/non-null wrappers are
/// looked through.
pub fn resolve<'t>(node: Node<'t>, source: &str) -> Node<'t> {
    let mut current = unwrap(node);
    for _ in 0..MAX_HOPS {
        if !is_name(current) {
            break;
        }
        match bound_value(current, source) {
            Some(value) => current = unwrap(value),
            None => break,
        }
    }
    current
}

/// Whether `resolve` found a value other than the expression itself: the
/// name was followed to its binding.
pub fn resolves_elsewhere(node: Node<'_>, source: &str) -> bool {
    resolve(node, source).id() != unwrap(node).id()
}

fn is_name(node: Node<'_>) -> bool {
    node.kind_name() == "identifier"
}

/// Looks through wrappers that do not change a value.
fn unwrap(node: Node<'_>) -> Node<'_> {
    let mut node = node;
    while matches!(
        node.kind_name(),
        "parenthesized_expression" | "as_expression" | "satisfies_expression" | "non_null_expression"
    ) {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// The expression the binding of the identifier `at` gives it (see the
/// module documentation), if it is unambiguous.
pub fn bound_value<'t>(at: Node<'t>, source: &str) -> Option<Node<'t>> {
    let name = text(at, source);
    let mut examined = 0;
    let mut node = at;
    loop {
        let mut sibling = node.prev_sibling();
        while let Some(statement) = sibling {
            examined += 1;
            if examined > MAX_STATEMENTS {
                return None;
            }
            if let Some(value) = binding_in(statement, name, source) {
                return value.filter(|v| !rebound_by_closure(*v, name, source));
            }
            if may_rebind(statement, name, source) {
                return None;
            }
            sibling = statement.prev_sibling();
        }
        let parent = node.parent()?;
        if is_scope(parent) {
            if binds_in_scope(parent, name, source) {
                return None;
            }
            return module_binding(parent, name, source);
        }
        node = parent;
    }
}

/// The binding a statement makes of `name`: `Some(Some(value))` for a plain
/// binding, `Some(None)` for one without a usable value (`let x;`, a
/// destructuring, `x += ..`), `None` when it does not bind `name` itself.
fn binding_in<'t>(statement: Node<'t>, name: &str, source: &str) -> Option<Option<Node<'t>>> {
    let statement = match statement.kind_name() {
        "export_statement" => statement.field("declaration").unwrap_or(statement),
        _ => statement,
    };
    match statement.kind_name() {
        "expression_statement" => {
            let inner = statement.named_child(0)?;
            binding_in(inner, name, source)
        }
        "lexical_declaration" | "variable_declaration" => {
            let mut cursor = statement.walk();
            let declarators: Vec<Node<'t>> =
                statement.named_children(&mut cursor).filter(|d| d.kind_name() == "variable_declarator").collect();
            declarators.into_iter().rev().find_map(|d| {
                let target = d.field("name")?;
                if target.kind_name() == "identifier" && text(target, source) == name {
                    Some(d.field("value"))
                } else if target.kind_name() != "identifier" && binds_pattern(target, name, source) {
                    Some(None)
                } else {
                    None
                }
            })
        }
        "assignment" | "assignment_expression" => {
            let left = statement.field("left")?;
            if left.kind_name() == "identifier" && text(left, source) == name {
                // Python's annotated `x: int = 5` keeps the value in `right` too.
                Some(statement.field("right"))
            } else if left.kind_name() != "identifier" && binds_pattern(left, name, source) {
                Some(None)
            } else {
                None
            }
        }
        "augmented_assignment" | "augmented_assignment_expression" | "compound_assignment_expr" => {
            let left = statement.field("left")?;
            (text(left, source) == name).then_some(None)
        }
        "let_declaration" => {
            let pattern = statement.field("pattern")?;
            let plain = match pattern.kind_name() {
                "identifier" => Some(pattern),
                "mut_pattern" => pattern.named_child(0).filter(|p| p.kind_name() == "identifier"),
                _ => None,
            };
            match plain {
                Some(p) if text(p, source) == name => Some(statement.field("value")),
                Some(_) => None,
                None => binds_pattern(pattern, name, source).then_some(None),
            }
        }
        "const_item" | "static_item" => {
            let own = statement.field("name")?;
            (text(own, source) == name).then(|| statement.field("value"))
        }
        _ => None,
    }
}

/// Whether a destructuring pattern (`a, b = ..`, `const { a } = ..`,
/// `let (a, b) = ..`) binds `name`.
fn binds_pattern(pattern: Node<'_>, name: &str, source: &str) -> bool {
    descendants_pruned(pattern, |_| false).any(|n| {
        matches!(n.kind_name(), "identifier" | "shorthand_property_identifier_pattern") && text(n, source) == name
    })
}

/// Whether a compound statement (a branch, a loop, a `try`, a `with`) may
/// rebind `name` somewhere inside it; nested functions and classes are
/// scopes of their own and do not count.
fn may_rebind(statement: Node<'_>, name: &str, source: &str) -> bool {
    if is_scope(statement) || statement.named_child_count() == 0 {
        return false;
    }
    descendants_pruned(statement, |n| n.id() != statement.id() && is_scope(n)).any(|n| {
        n.id() != statement.id() && binding_in(n, name, source).is_some()
            || matches!(n.kind_name(), "for_statement" | "for_in_statement")
                && n.field("left").is_some_and(|l| binds_pattern(l, name, source))
    })
}

/// Whether `node` opens a scope of its own: a function, a class or the module.
fn is_scope(node: Node<'_>) -> bool {
    matches!(
        node.kind_name(),
        "module"
            | "program"
            | "source_file"
            | "function_definition"
            | "class_definition"
            | "lambda"
            | "function_declaration"
            | "function_expression"
            | "arrow_function"
            | "method_definition"
            | "generator_function_declaration"
            | "class_declaration"
            | "function_item"
            | "closure_expression"
            | "impl_item"
            | "mod_item"
    )
}

fn is_module(node: Node<'_>) -> bool {
    matches!(node.kind_name(), "module" | "program" | "source_file")
}

/// Whether a function (or class) `scope` binds `name` itself: as a
/// parameter, or anywhere in its own body. Its value is then the function's
/// own, not the module's. A module does not count here.
fn binds_in_scope(scope: Node<'_>, name: &str, source: &str) -> bool {
    if is_module(scope) {
        return false;
    }
    let parameters = scope.field("parameters").or_else(|| scope.field("parameter"));
    if parameters.is_some_and(|p| binds_pattern(p, name, source)) {
        return true;
    }
    descendants_pruned(scope, |n| n.id() != scope.id() && is_scope(n)).any(|n| {
        binding_in(n, name, source).is_some()
            || matches!(n.kind_name(), "for_statement" | "for_in_statement" | "for_expression")
                && n.field("left").or_else(|| n.field("pattern")).is_some_and(|l| binds_pattern(l, name, source))
    })
}

/// The one top-level binding of `name` in the module around `scope`.
fn module_binding<'t>(scope: Node<'t>, name: &str, source: &str) -> Option<Node<'t>> {
    let mut node = scope;
    while !is_module(node) {
        // A function nested in another binds names of its enclosing function
        // too: its enclosing function is searched as a scope first.
        let parent = node.parent()?;
        if is_scope(parent) && !is_module(parent) && binds_in_scope(parent, name, source) {
            return None;
        }
        node = parent;
    }
    let module = node;
    let mut found = None;
    let mut cursor = module.walk();
    for (count, statement) in module.named_children(&mut cursor).enumerate() {
        if count > MAX_STATEMENTS {
            return None;
        }
        match binding_in(statement, name, source) {
            Some(Some(value)) if found.is_none() => found = Some(value),
            Some(_) => return None,
            None if may_rebind(statement, name, source) => return None,
            None => {}
        }
    }
    found.filter(|v| !rebound_by_closure(*v, name, source))
}

/// Whether the TypeScript `let`/`var` declaration that gives `value` is
/// assigned again from inside another function (a closure or callback
/// that runs at some other time): then no straight-line reading tells what
/// it holds at a use.
fn rebound_by_closure(value: Node<'_>, name: &str, source: &str) -> bool {
    let Some(declaration) = value.parent().filter(|d| d.kind_name() == "variable_declarator").and_then(|d| d.parent())
    else {
        return false;
    };
    let keyword = declaration.child(0).map(|k| text(k, source)).unwrap_or("");
    if !matches!(keyword, "let" | "var") {
        return false;
    }
    let own_scope = scope_of(declaration);
    let mut root = declaration;
    while let Some(parent) = root.parent() {
        root = parent;
    }
    super::descendants(root).any(|n| {
        matches!(n.kind_name(), "assignment_expression" | "augmented_assignment_expression")
            && n.field("left").is_some_and(|l| text(l, source) == name)
            && scope_of(n).map(|s| s.id()) != own_scope.map(|s| s.id())
    })
}

/// The innermost scope around `node`.
fn scope_of(node: Node<'_>) -> Option<Node<'_>> {
    let mut current = node.parent();
    while let Some(n) = current {
        if is_scope(n) {
            return Some(n);
        }
        current = n.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Language, parse};

    /// The text `resolve` gives for the last identifier `name` in `code`.
    fn resolved(language: Language, code: &str, name: &str) -> String {
        let tree = parse(language, code);
        let last = crate::lang::descendants(tree.root_node())
            .filter(|n| n.kind_name() == "identifier" && text(*n, code) == name)
            .last()
            .expect("the name occurs");
        text(resolve(last, code), code).to_string()
    }

    #[test]
    fn python_local_and_module_bindings() {
        let code = "OPTS = {'a': 1}\ndef f(x):\n    o = OPTS\n    call(o)\n";
        assert_eq!(resolved(Language::Python, code, "o"), "{'a': 1}");
        let shadowed = "OPTS = 1\ndef f(OPTS):\n    call(OPTS)\n";
        assert_eq!(resolved(Language::Python, shadowed, "OPTS"), "OPTS");
        let twice = "T = 1\nT = 2\ncall(T)\n";
        assert_eq!(resolved(Language::Python, twice, "T"), "2");
        let branch = "def f(c):\n    t = 1\n    if c:\n        t = None\n    call(t)\n";
        assert_eq!(resolved(Language::Python, branch, "t"), "t");
        let module_branch = "T = 1\nif X:\n    T = 2\ndef f():\n    call(T)\n";
        assert_eq!(resolved(Language::Python, module_branch, "T"), "T");
    }

    #[test]
    fn typescript_declarations_and_wrappers() {
        let code = "const opts = { timeout: 5 } as const;\nfunction f() { const o = opts; get(o); }\n";
        assert_eq!(resolved(Language::TypeScript, code, "o"), "{ timeout: 5 }");
        let parameter = "const o = 1;\nconst f = (o) => get(o);\n";
        assert_eq!(resolved(Language::TypeScript, parameter, "o"), "o");
        let exported = "export const corsOptions = { origin: true };\napp.use(cors(corsOptions));\n";
        assert_eq!(resolved(Language::TypeScript, exported, "corsOptions"), "{ origin: true }");
        let reassigned = "let o = {};\nfunction f() { o = g(); }\nget(o);\n";
        assert_eq!(resolved(Language::TypeScript, reassigned, "o"), "o");
    }

    #[test]
    fn rust_lets_and_consts() {
        let code = "const Q: &str = \"SELECT 1\";\nfn f() { let q = Q; run(q); }\n";
        assert_eq!(resolved(Language::Rust, code, "q"), "\"SELECT 1\"");
        let mutable = "fn f() { let mut q = String::new(); run(q); }\n";
        assert_eq!(resolved(Language::Rust, mutable, "q"), "String::new()");
    }
}
