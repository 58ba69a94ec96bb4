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
    // Whether the search left a closure for the scope around it: a binding
    // found there must not change after the closure is made.
    let mut captured = false;
    loop {
        let parent = node.parent();
        // Out of closures at module level: the module's one binding, as for
        // any function (a module name may be bound after the function).
        if captured && let Some(module) = parent.filter(|p| is_module(*p)) {
            return module_binding(module, name, source);
        }
        for statement in super::earlier_siblings(node, parent) {
            examined += 1;
            if examined > MAX_STATEMENTS {
                return None;
            }
            if let Some(value) = binding_in(statement, name, source) {
                let value = value.filter(|v| !rebound_by_closure(*v, name, source))?;
                return (!captured || is_fixed_binding(statement, value, source)).then_some(value);
            }
            if may_rebind(statement, name, source) {
                return None;
            }
        }
        let parent = parent?;
        if is_scope(parent) {
            if binds_in_scope(parent, name, source) {
                return None;
            }
            let closure = matches!(
                parent.kind_name(),
                "arrow_function"
                    | "function_expression"
                    | "closure_expression"
                    | "function_declaration"
                    | "function_item"
            );
            if is_module(parent) || !closure {
                return module_binding(parent, name, source);
            }
            // A closure (or nested function) reads its enclosing scope's names.
            captured = true;
        }
        node = parent;
    }
}

/// Whether a binding cannot change once made: a TS/JS `const`, a function
/// declaration, a Rust `let` without `mut`, a `const` or `static` item.
fn is_fixed_binding(statement: Node<'_>, value: Node<'_>, source: &str) -> bool {
    let statement = match statement.kind_name() {
        "export_statement" => statement.field("declaration").unwrap_or(statement),
        _ => statement,
    };
    match statement.kind_name() {
        "lexical_declaration" => statement.child(0).is_some_and(|k| text(k, source) == "const"),
        "let_declaration" => statement.field("pattern").is_some_and(|p| p.kind_name() == "identifier"),
        "const_item" | "static_item" => true,
        _ => value.id() == statement.id(),
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
            let declarators: Vec<Node<'t>> =
                statement.named_child_nodes().filter(|d| d.kind_name() == "variable_declarator").collect();
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
        // A function declaration binds its name to the function itself.
        "function_declaration" | "generator_function_declaration" | "function_definition" | "function_item" => {
            let own = statement.field("name")?;
            (text(own, source) == name).then_some(Some(statement))
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
    // A statement that does not spell the name cannot bind it: one scan of
    // its text spares the walk of its nodes (bound_value asks this of every
    // statement before a binding).
    if is_scope(statement) || statement.named_child_count() == 0 || !text(statement, source).contains(name) {
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
    // The statement that binds it, remembered for the file (see `FileMemo`).
    let statement = match remembered(module, name) {
        Some(known) => known?,
        None => {
            let found = binding_statement(module, name, source);
            remember(module, name, found);
            found?
        }
    };
    let statement = module.named_child(u32::try_from(statement).ok()?)?;
    binding_in(statement, name, source).flatten()
}

/// The position among the module's statements of the one that binds
/// `name` at the top level, when one does and nothing else rebinds it.
fn binding_statement(module: Node<'_>, name: &str, source: &str) -> Option<usize> {
    let mut found = None;
    for (count, statement) in module.named_child_nodes().enumerate() {
        if count > MAX_STATEMENTS {
            return None;
        }
        match binding_in(statement, name, source) {
            Some(Some(value)) if found.is_none() => found = Some((count, value)),
            Some(_) => return None,
            None if may_rebind(statement, name, source) => return None,
            None => {}
        }
    }
    found.filter(|(_, v)| !rebound_by_closure(*v, name, source)).map(|(count, _)| count)
}

/// A module's id, and by name the position of its binding statement
/// (`None`: no single binding).
type ModuleBindings = (usize, std::collections::HashMap<String, Option<usize>>);

thread_local! {
    /// The module bindings looked up in the file analysed on this thread,
    /// while a [`FileMemo`] is alive.
    static MODULE_BINDINGS: std::cell::RefCell<Option<ModuleBindings>> = const { std::cell::RefCell::new(None) };
}

/// While alive, the top-level bindings looked up in the one file being
/// analysed on this thread are remembered: each name's binding is searched
/// for once per file rather than once per use, which a module of thousands
/// of top-level statements made quadratic; so are the dotted names asked of
/// the file's nodes (`lang::remembered_name`). The engine holds one around the
/// analysis of each file (one file per thread at a time); lookups outside
/// one are not remembered.
pub struct FileMemo(());

impl FileMemo {
    pub fn start() -> FileMemo {
        MODULE_BINDINGS.with(|m| *m.borrow_mut() = Some((usize::MAX, std::collections::HashMap::new())));
        super::remember_node_names(true);
        FileMemo(())
    }
}

impl Drop for FileMemo {
    fn drop(&mut self) {
        MODULE_BINDINGS.with(|m| *m.borrow_mut() = None);
        super::remember_node_names(false);
    }
}

/// What the memo holds for `name` in `module`: `None` when not known.
fn remembered(module: Node<'_>, name: &str) -> Option<Option<usize>> {
    MODULE_BINDINGS.with(|m| match &*m.borrow() {
        Some((id, names)) if *id == module.id() => names.get(name).copied(),
        _ => None,
    })
}

fn remember(module: Node<'_>, name: &str, found: Option<usize>) {
    MODULE_BINDINGS.with(|m| {
        if let Some((id, names)) = &mut *m.borrow_mut() {
            // The first module asked about is the file's; its id stays.
            if *id == usize::MAX {
                *id = module.id();
            }
            if *id == module.id() {
                names.insert(name.to_string(), found);
            }
        }
    })
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
    // Only code inside the declaring scope can assign the name (a closure
    // there); the walk stays within it rather than the whole file.
    let mut root = declaration;
    while let Some(parent) = root.parent() {
        root = parent;
    }
    let within = own_scope.unwrap_or(root);
    super::descendants(within).any(|n| {
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

/// Whether the identifier `at` names a parameter of a function around it
/// (which shadows any global or import of that name: `async function
/// load(key, fetch) { await fetch(key) }` calls the caller's `fetch`).
pub fn is_parameter(at: Node<'_>, source: &str) -> bool {
    let name = text(at, source);
    let mut node = at;
    while let Some(parent) = node.parent() {
        if is_scope(parent) && !is_module(parent) {
            let parameters = parent.field("parameters").or_else(|| parent.field("parameter"));
            if parameters.is_some_and(|p| binds_pattern(p, name, source)) {
                return true;
            }
        }
        node = parent;
    }
    false
}

/// Whether the identifier `at` names a TypeScript/JavaScript function or
/// variable the module itself declares at top level (`export async function
/// fetch() { .. }`, `const fetch = makeLoader()`), which shadows the global
/// of that name everywhere in the module.
pub fn is_module_declaration(at: Node<'_>, source: &str) -> bool {
    let name = text(at, source);
    let mut root = at;
    while let Some(parent) = root.parent() {
        root = parent;
    }
    root.named_child_nodes().any(|statement| {
        let declaration = if statement.kind_name() == "export_statement" {
            match statement.field("declaration") {
                Some(d) => d,
                None => return false,
            }
        } else {
            statement
        };
        match declaration.kind_name() {
            "function_declaration" | "generator_function_declaration" => {
                declaration.field("name").is_some_and(|n| text(n, source) == name)
            }
            "lexical_declaration" | "variable_declaration" => declaration
                .named_child_nodes()
                .any(|d| d.field("name").is_some_and(|n| n.kind_name() == "identifier" && text(n, source) == name)),
            _ => false,
        }
    })
}

/// The value a TypeScript/JavaScript `let`/`const` declaration gives the
/// identifier `at`, found among the statements before it in its block,
/// when the name is declared there once: what it started as, whatever later
/// statements append (`let sql = "SELECT .."; sql += ..`), where
/// [`bound_value`] says nothing.
pub fn declared_value<'t>(at: Node<'t>, source: &str) -> Option<Node<'t>> {
    let name = text(at, source);
    let statement =
        crate::lang::ancestor_of_kind(at, &["return_statement", "expression_statement", "lexical_declaration"])?;
    let mut found = None;
    for s in super::earlier_siblings(statement, statement.parent()) {
        if s.kind_name() == "lexical_declaration" {
            for declarator in s.named_child_nodes() {
                if declarator.field("name").is_some_and(|n| text(n, source) == name) {
                    if found.is_some() {
                        return None;
                    }
                    found = declarator.field("value");
                }
            }
        }
    }
    found
}

/// For an identifier that names a parameter of its function: that function
/// and the parameter's position among those a caller passes (a method's
/// `self`/`cls` and a Rust `self` are not passed between the parentheses).
pub fn parameter_position<'t>(at: Node<'t>, source: &str) -> Option<(Node<'t>, usize)> {
    let name = text(at, source);
    let mut node = at;
    while let Some(parent) = node.parent() {
        if is_scope(parent) && !is_module(parent) {
            if let Some(position) = position_of_parameter(parent, name, source) {
                return Some((parent, position));
            }
            if binds_in_scope(parent, name, source) {
                return None;
            }
        }
        node = parent;
    }
    None
}

/// The position among those a caller passes of the parameter of
/// `function` that binds `name` (a method's `self`/`cls` and a Rust `self`
/// are not passed between the parentheses).
pub fn position_of_parameter(function: Node<'_>, name: &str, source: &str) -> Option<usize> {
    // `(a, b) => ..`, `def f(a, b)`; or the one `parameter` of `a => ..`.
    let passed: Vec<Node<'_>> = match (function.field("parameters"), function.field("parameter")) {
        (Some(parameters), _) => parameters
            .named_child_nodes()
            .filter(|p| {
                !p.kind_name().contains("comment")
                    && p.kind_name() != "self_parameter"
                    && !(p.kind_name() == "identifier" && matches!(text(*p, source), "self" | "cls"))
            })
            .collect(),
        (None, Some(parameter)) => vec![parameter],
        (None, None) => Vec::new(),
    };
    passed.iter().position(|p| binds_pattern(*p, name, source))
}

/// Whether the value of the identifier `at` was checked against a fixed
/// allow-list before this use, in its function: the use sits in the branch
/// of `if name in ALLOWED:` (`ALLOWED.includes(name)`, `.has(name)`,
/// `.contains(&name)`), or an earlier statement of an enclosing block
/// rejects the other values (`if name not in ALLOWED: raise ..`, `if
/// (!ALLOWED.includes(name)) throw ..`, `if !ALLOWED.contains(&name) {
/// return Err(..) }`, `assert name in ALLOWED`). The allow-list must be a
/// literal collection, an UPPER_CASE constant, or a name bound to a literal
/// collection. Such a value is one of a few constants the code chose.
pub fn is_allow_listed(at: Node<'_>, source: &str) -> bool {
    is_allow_listed_as(at, text(at, source), source)
}

/// [`is_allow_listed`] for the value of `name` used at `at` (a node that
/// mentions it, such as a format string with `{name}` inside).
pub fn is_allow_listed_as(at: Node<'_>, name: &str, source: &str) -> bool {
    let mut child = at;
    while let Some(parent) = child.parent() {
        if is_scope(parent) {
            return false;
        }
        // The use inside the branch of a positive membership test.
        if matches!(parent.kind_name(), "if_statement" | "if_expression")
            && parent.field("consequence").is_some_and(|c| c.id() == child.id())
            && parent.field("condition").is_some_and(|c| membership(c, name, source) == Some(true))
        {
            return true;
        }
        // An earlier statement that rejects every other value.
        if super::earlier_siblings(child, Some(parent)).into_iter().any(|s| rejects_others(s, name, source)) {
            return true;
        }
        // The item of a loop over a fixed collection: `for plugin in {'a', 'b'}:`.
        if is_item_of_fixed_loop(parent, child, name, source) {
            return true;
        }
        child = parent;
    }
    false
}

/// Whether `body` is the body of `loop_node`, a `for` loop whose item is
/// `name` and whose collection is fixed (see [`is_fixed_collection`]): `for
/// plugin in NO_REVISION_PLUGINS:`, `for (const t of ["a", "b"])`, `for t in
/// ["a", "b"]`.
fn is_item_of_fixed_loop(loop_node: Node<'_>, body: Node<'_>, name: &str, source: &str) -> bool {
    let (item, items) = match loop_node.kind_name() {
        "for_statement" | "for_in_statement" => (loop_node.field("left"), loop_node.field("right")),
        "for_expression" => (loop_node.field("pattern"), loop_node.field("value")),
        _ => return false,
    };
    loop_node.field("body").is_some_and(|b| b.id() == body.id())
        && item.is_some_and(|i| text(i, source) == name)
        && items.is_some_and(|c| is_fixed_collection(c, source))
}

/// Whether a statement leaves the block for every value of `name` outside
/// an allow-list: `if name not in ALLOWED: raise ..` and its TS/Rust forms,
/// or `assert name in ALLOWED`.
fn rejects_others(statement: Node<'_>, name: &str, source: &str) -> bool {
    let statement = match statement.kind_name() {
        "expression_statement" => statement.named_child(0).unwrap_or(statement),
        _ => statement,
    };
    match statement.kind_name() {
        "assert_statement" => statement.named_child(0).is_some_and(|c| membership(c, name, source) == Some(true)),
        "if_statement" | "if_expression" => {
            statement.field("alternative").is_none()
                && statement.field("condition").is_some_and(|c| membership(c, name, source) == Some(false))
                && statement.field("consequence").is_some_and(|b| always_exits(b, source))
        }
        _ => false,
    }
}

/// For a condition that tests whether `name` is in an allow-list:
/// `Some(true)` for "it is" (`name in X`, `X.includes(name)`), `Some(false)`
/// for "it is not" (`name not in X`, `!X.includes(name)`), `None` otherwise.
fn membership(condition: Node<'_>, name: &str, source: &str) -> Option<bool> {
    let condition = unwrap(condition);
    match condition.kind_name() {
        // Python: `name in X` / `name not in X`.
        "comparison_operator" => {
            let (left, right) = (condition.named_child(0)?, condition.named_child(1)?);
            if condition.named_child_count() != 2 || text(left, source) != name || !is_fixed_collection(right, source) {
                return None;
            }
            let operators = &source[left.end_byte()..right.start_byte()];
            match operators.split_whitespace().collect::<Vec<_>>().as_slice() {
                ["in"] => Some(true),
                ["not", "in"] => Some(false),
                _ => None,
            }
        }
        "not_operator" => membership(condition.field("argument")?, name, source).map(|m| !m),
        "unary_expression" if condition.child(0).is_some_and(|o| text(o, source) == "!") => {
            membership(condition.field("argument").or_else(|| condition.named_child(0))?, name, source).map(|m| !m)
        }
        // TS `X.includes(name)` / `X.has(name)`, Rust `X.contains(&name)`.
        "call_expression" => {
            let function = condition.field("function")?;
            let (object, method) = match function.kind_name() {
                "member_expression" => (function.field("object")?, function.field("property")?),
                "field_expression" => (function.field("value")?, function.field("field")?),
                _ => return None,
            };
            if !matches!(text(method, source), "includes" | "has" | "contains" | "contains_key") {
                return None;
            }
            let arguments = condition.field("arguments")?;
            let argument = same_value(arguments.named_child(0)?, source);
            (arguments.named_child_count() == 1
                && text(argument, source) == name
                && is_fixed_collection(object, source))
            .then_some(true)
        }
        _ => None,
    }
}

/// The value an argument passes on unchanged: through Rust references and
/// borrowing views (`&name`, `&name.as_str()`, `name.as_ref()`,
/// `&*name`), which compare like the value itself.
fn same_value<'t>(argument: Node<'t>, source: &str) -> Node<'t> {
    let mut node = unwrap(argument);
    for _ in 0..MAX_HOPS {
        node = match node.kind_name() {
            "reference_expression" => node.field("value").unwrap_or(node),
            "unary_expression" if node.child(0).is_some_and(|o| text(o, source) == "*") => {
                node.named_child(0).unwrap_or(node)
            }
            "call_expression"
                if node.field("arguments").is_some_and(|a| a.named_child_count() == 0)
                    && node.field("function").is_some_and(|f| {
                        f.kind_name() == "field_expression"
                            && f.field("field")
                                .is_some_and(|m| matches!(text(m, source), "as_str" | "as_ref" | "as_deref"))
                    }) =>
            {
                node.field("function").and_then(|f| f.field("value")).unwrap_or(node)
            }
            _ => return node,
        };
    }
    node
}

/// A literal collection, an UPPER_CASE constant (possibly an attribute such
/// as `Model.SORTABLE`), or a name bound to a literal collection.
fn is_fixed_collection(node: Node<'_>, source: &str) -> bool {
    const LITERALS: &[&str] = &["list", "tuple", "set", "dictionary", "array", "array_expression"];
    let node = unwrap(node);
    let last = text(node, source).rsplit(['.', ':']).next().unwrap_or("");
    if !last.is_empty() && last.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') {
        return last.chars().any(|c| c.is_ascii_uppercase());
    }
    if LITERALS.contains(&node.kind_name()) {
        return true;
    }
    // `new Set([..])`, `HashSet::from([..])`, `frozenset({..})`.
    if matches!(node.kind_name(), "new_expression" | "call_expression" | "call") {
        let arguments = node.field("arguments");
        return arguments.and_then(|a| a.named_child(0)).is_some_and(|a| LITERALS.contains(&unwrap(a).kind_name()));
    }
    let held = resolve(node, source);
    held.id() != node.id() && is_fixed_collection(held, source)
}

/// Whether a branch always leaves: it ends in `raise`, `throw`, `return`,
/// `continue`, `break`, an abort (`abort(..)`, `sys.exit(..)`), or a
/// diverging macro (`bail!`, `panic!`, `unreachable!`).
pub fn always_exits(branch: Node<'_>, source: &str) -> bool {
    let mut last = branch;
    for _ in 0..MAX_HOPS {
        match last.kind_name() {
            "raise_statement"
            | "throw_statement"
            | "return_statement"
            | "continue_statement"
            | "break_statement"
            | "return_expression"
            | "continue_expression"
            | "break_expression" => return true,
            "macro_invocation" => {
                let name = last.field("macro").map(|m| text(m, source)).unwrap_or("");
                return matches!(name, "bail" | "panic" | "unreachable" | "todo");
            }
            "call" | "call_expression" => {
                let callee = last.field("function").map(|f| text(f, source)).unwrap_or("");
                return matches!(callee.rsplit(['.', ':']).next(), Some("abort" | "exit"));
            }
            "block" | "statement_block" | "expression_statement" => {
                let next = last.named_child_nodes().filter(|c| !c.kind_name().contains("comment")).last();
                match next {
                    Some(next) => last = next,
                    None => return false,
                }
            }
            _ => return false,
        }
    }
    false
}

/// Whether an expression picks one of a fixed set of literals: a subscript
/// of a literal mapping or list whose values are all literals (`{"up":
/// "ASC", "down": "DESC"}[direction]`, `ORDER[dir]` with `const ORDER = {..}`),
/// or a Rust `match` whose arms all give literals. Whatever the key, the
/// result is one of the code's own constants.
pub fn is_constant_lookup(node: Node<'_>, source: &str) -> bool {
    let node = unwrap(node);
    match node.kind_name() {
        "subscript" | "subscript_expression" | "index_expression" => {
            let object = node.field("value").or_else(|| node.field("object")).or_else(|| node.named_child(0));
            object.is_some_and(|o| literal_values(resolve(o, source)))
        }
        "match_expression" => node.field("body").is_some_and(|body| {
            let arms: Vec<Node<'_>> = body.named_child_nodes().filter(|a| a.kind_name() == "match_arm").collect();
            !arms.is_empty() && arms.iter().all(|arm| arm.field("value").is_some_and(|v| is_literal(unwrap(v))))
        }),
        _ => false,
    }
}

/// A literal collection whose values (of a mapping: the values, not the
/// keys) are all literals.
fn literal_values(collection: Node<'_>) -> bool {
    if !matches!(collection.kind_name(), "dictionary" | "object" | "list" | "tuple" | "array" | "array_expression") {
        return false;
    }
    let items: Vec<Node<'_>> = collection.named_child_nodes().filter(|c| !c.kind_name().contains("comment")).collect();
    !items.is_empty()
        && items.iter().all(|item| match item.kind_name() {
            "pair" => item.field("value").is_some_and(|v| is_literal(unwrap(v))),
            _ => is_literal(*item),
        })
}

/// A string or number literal without interpolation.
fn is_literal(node: Node<'_>) -> bool {
    match node.kind_name() {
        "integer" | "float" | "number" | "integer_literal" | "float_literal" | "string_literal"
        | "raw_string_literal" => true,
        "string" | "template_string" => {
            !super::descendants(node).any(|n| matches!(n.kind_name(), "interpolation" | "template_substitution"))
        }
        _ => false,
    }
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
    fn remembered_module_bindings_resolve_as_searched_ones() {
        // Every use of every name, first without the file memo, then with
        // it, in a module where some names are bound once, some twice and
        // some rebound in a branch or a closure.
        let cases = [
            (
                Language::Python,
                "A = 1\nB = 2\nB = 3\nif X:\n    C = 4\nC = 5\ndef f():\n    g(A, B, C)\n    g(A)\ndef h(A):\n    g(A, B)\n",
            ),
            (
                Language::TypeScript,
                "const A = 1;\nlet B = 2;\nconst C = { k: A };\nfunction f() { g(A, B, C); }\nfunction h() { B = 3; g(A, C); }\n",
            ),
        ];
        for (language, code) in cases {
            let tree = parse(language, code);
            let uses: Vec<Node<'_>> =
                crate::lang::descendants(tree.root_node()).filter(|n| n.kind_name() == "identifier").collect();
            let searched: Vec<&str> = uses.iter().map(|n| text(resolve(*n, code), code)).collect();
            let memo = FileMemo::start();
            let remembered: Vec<&str> = uses.iter().map(|n| text(resolve(*n, code), code)).collect();
            let again: Vec<&str> = uses.iter().map(|n| text(resolve(*n, code), code)).collect();
            drop(memo);
            assert_eq!(searched, remembered, "{language:?}");
            assert_eq!(searched, again, "{language:?}");
        }
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

    /// Whether `is_allow_listed` holds for the last identifier `name` in `code`.
    fn allow_listed(language: Language, code: &str, name: &str) -> bool {
        let tree = parse(language, code);
        let last = crate::lang::descendants(tree.root_node())
            .filter(|n| n.kind_name() == "identifier" && text(*n, code) == name)
            .last()
            .expect("the name occurs");
        is_allow_listed(last, code)
    }

    #[test]
    fn items_of_a_loop_over_a_fixed_collection() {
        let python = "def f():\n    plugins = {'chat', 'outlook'}\n    for plugin in plugins:\n        run(plugin)\n";
        assert!(allow_listed(Language::Python, python, "plugin"));
        let python = "def f(plugins):\n    for plugin in plugins:\n        run(plugin)\n";
        assert!(!allow_listed(Language::Python, python, "plugin"));
        let typescript = "for (const table of ['a', 'b']) {\n  run(table);\n}\n";
        assert!(allow_listed(Language::TypeScript, typescript, "table"));
        let rust = "fn f() {\n    for table in TABLES {\n        run(table);\n    }\n}\n";
        assert!(allow_listed(Language::Rust, rust, "table"));
    }

    #[test]
    fn allow_lists_in_every_language() {
        let python =
            "ALLOWED = {'a'}\ndef f(col):\n    if col not in ALLOWED:\n        raise ValueError()\n    run(col)\n";
        assert!(allow_listed(Language::Python, python, "col"));
        let inside = "def f(col):\n    if col in ('a', 'b'):\n        run(col)\n";
        assert!(allow_listed(Language::Python, inside, "col"));
        let not_exiting = "def f(col):\n    if col not in ALLOWED:\n        log(col)\n    run(col)\n";
        assert!(!allow_listed(Language::Python, not_exiting, "col"));
        let request_list = "def f(col, request):\n    if col not in request.args:\n        raise X()\n    run(col)\n";
        assert!(!allow_listed(Language::Python, request_list, "col"));
        let typescript =
            "const SORTABLE = ['a'];\nfunction f(col) { if (!SORTABLE.includes(col)) throw new Error(); run(col); }\n";
        assert!(allow_listed(Language::TypeScript, typescript, "col"));
        let rust = "fn f(col: &str) -> R { if !ALLOWED.contains(&col) { return Err(e()); } run(col) }\n";
        assert!(allow_listed(Language::Rust, rust, "col"));
    }

    #[test]
    fn closures_read_fixed_bindings_of_their_enclosing_functions() {
        let code = "function f() {\n  const flushAll = 1;\n  const t = () => { return () => use(flushAll); };\n}\n";
        assert_eq!(resolved(Language::TypeScript, code, "flushAll"), "1");
        let mutable = "function f() {\n  let n = 1;\n  n = 2;\n  const t = () => use(n);\n}\n";
        assert_eq!(resolved(Language::TypeScript, mutable, "n"), "n");
        let module_let = "let opts = { a: 1 };\nexport function f() { return use(opts); }\n";
        assert_eq!(resolved(Language::TypeScript, module_let, "opts"), "{ a: 1 }");
    }
}
