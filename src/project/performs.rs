//! What each function of a file performs (data access, opening a database
//! connection, outbound HTTP), filled from the shared language knowledge on
//! the tree and node index the rules already used; then, after the join,
//! propagated across modules through resolved calls.
//!
//! Per file: the database summaries (`Db::summaries`, computed once per file
//! and shared with the rules) give which functions query and where; one pass
//! over the file's call nodes gives the calls to imported names that the
//! cross-module propagation follows, and (when the whole index is asked for:
//! no rule reads them yet) HTTP calls and connection constructors.

use crate::lang::NodeExt;
use std::collections::{BTreeSet, HashMap, HashSet};

use tree_sitter::Node;

use super::{FileIndex, Project};
use crate::file_facts::FileView;
use crate::lang::handlers::connections;
use crate::lang::{Family, http, python, rust, typescript};

/// Records the routes the file registers with handlers of other modules
/// (from the handler model's references), for the project join to resolve.
pub fn fill_routes(ctx: &FileView<'_>, index: &mut FileIndex) {
    let routes: Vec<super::RouteFact> = ctx
        .route_references()
        .iter()
        .map(|r| super::RouteFact {
            framework: r.framework,
            methods: r.methods.clone(),
            route: r.route.clone(),
            callee: r.callee.clone(),
            location: ctx.file.location(r.registration.clone()),
            kind: r.kind,
        })
        .collect();
    if !routes.is_empty() {
        index.rare_mut().routes = routes;
    }
}

/// Records the file's own route handlers (for `backlint flow` and
/// `backlint handlers`).
pub fn fill_handlers(ctx: &FileView<'_>, index: &mut FileIndex) {
    let handlers: Vec<super::HandlerFact> = ctx
        .handlers()
        .iter()
        .map(|h| {
            let function = ctx.file.location(h.function.clone());
            // `backlint flow` follows an inline handler's calls too.
            let named = index.functions.iter().any(|f| f.span.bytes() == function.bytes);
            let body =
                (ctx.settings.build_flows && !named).then(|| Box::new(inline_body(ctx, index, &h.name, &function)));
            super::HandlerFact {
                framework: h.framework,
                methods: h.methods.clone(),
                route: h.route.clone(),
                name: h.name.clone(),
                name_line: ctx.file.line_of(h.name_range.start) as u32 + 1,
                function,
                body,
            }
        })
        .collect();
    if !handlers.is_empty() {
        index.rare_mut().handlers = handlers;
    }
}

/// What an inline handler (`app.get("/x", async (req, res) => ..)`, which
/// the index does not keep as a function) performs, summarised like a named
/// function by [`fill`]: its calls through imported names, and the query it
/// runs itself or through a function of its file.
fn inline_body(
    ctx: &FileView<'_>,
    index: &FileIndex,
    name: &str,
    span: &crate::diagnostic::Location,
) -> super::FunctionFact {
    let family = ctx.file.language.family();
    let db = ctx.db();
    let callees = Callees::new(ctx, &index.imports);
    let classify = Classifier::new(ctx);
    let mut body = super::FunctionFact::new(name.to_string(), crate::diagnostic::Span::of(span));
    let kinds = call_kinds(family);
    let inside = |n: &Node<'_>| span.bytes.start <= n.start_byte() && n.end_byte() <= span.bytes.end;
    for call in ctx.nodes(kinds).into_iter().filter(inside) {
        let (opens, http) = classify.call(call);
        body.performs.opens_connection |= opens;
        body.performs.outbound_http |= http;
        let query = db.access_at(call).map(|api| (call.byte_range(), api.to_string())).or_else(|| {
            let callee = db.local_callee(call)?;
            let summaries = db.summaries();
            summaries.querying(&callee)?;
            summaries.origin(&callee).and_then(|o| o.direct.clone())
        });
        if let Some((range, api)) = query.filter(|_| body.query.is_none()) {
            body.performs.data_access = true;
            body.query = Some(Box::new((ctx.file.location(range), api)));
        }
        if let Some((callee, _)) = callees.of(call) {
            body.add_call(&callee);
        }
    }
    body
}

/// The callees of a file's calls that the join can follow into other
/// modules, for [`fill`] and [`inline_body`] alike.
struct Callees<'a, 'f> {
    ctx: &'a FileView<'f>,
    bound: BTreeSet<&'a str>,
    /// The classes the file's receivers hold, found on first need.
    instances: std::cell::OnceCell<Instances>,
}

impl<'a, 'f> Callees<'a, 'f> {
    fn new(ctx: &'a FileView<'f>, imports: &'a [super::ImportFact]) -> Self {
        Callees { ctx, bound: bound_names(imports), instances: std::cell::OnceCell::new() }
    }

    /// The callee of `call` as the join resolves it, and whether it is
    /// written through an imported name (`users.find`, `repo::load`) rather
    /// than a method of the class a receiver holds (`OrderService.create`
    /// for `this.orders.create(..)`).
    fn of(&self, call: Node<'_>) -> Option<(String, bool)> {
        let (family, source) = (self.ctx.file.language.family(), self.ctx.source());
        // The callee's first segment decides before its name is built. That
        // segment is the name the call's text starts with, so the text is
        // asked first (most calls are of local names), the tree only then.
        let first = crate::lang::leading_name_of(call, source);
        if !self.bound.contains(first) || !first_segment(call, source).is_some_and(|first| self.bound.contains(first)) {
            return self.method_call(call, first).map(|callee| (callee, false));
        }
        let separator = if family == Family::Rust { "::" } else { "." };
        let callee = (call.kind_name() != "new_expression").then(|| written_callee(call, family, source)).flatten()?;
        self.bound.contains(callee.split(separator).next().unwrap_or("")).then_some((callee, true))
    }

    /// A call on a receiver that holds an imported class, as that class's
    /// method (`first`: the name the call's text starts with).
    fn method_call(&self, call: Node<'_>, first: &str) -> Option<String> {
        self.instances.get_or_init(|| instance_classes(self.ctx, &self.bound)).method_call(
            call,
            first,
            self.ctx.source(),
        )
    }
}

/// Whether a JavaScript/TypeScript function takes any parameter: every
/// handler does (`(req, res)`, `(ctx)`, `(c)`, `(request, reply)`); a
/// factory that takes none is named by its call (`login()`), whose
/// returned function is the one counted.
fn takes_parameters(function: Node<'_>) -> bool {
    function.field("parameter").is_some() || function.field("parameters").is_some_and(|p| p.named_child_count() > 0)
}

/// The function node a [`FunctionFact`](super::FunctionFact) was recorded
/// from: the function spanning its byte range (a TS declarator holds its
/// arrow function as its value).
fn function_node<'t>(root: Node<'t>, bytes: &std::ops::Range<usize>, family: Family) -> Option<Node<'t>> {
    let kinds = crate::lang::db::function_kinds(family);
    let mut node = root.descendant_for_byte_range(bytes.start, bytes.end);
    while let Some(n) = node {
        if kinds.contains(&n.kind_name()) {
            return Some(n);
        }
        let value = n.field("value").filter(|v| kinds.contains(&v.kind_name()));
        node = value.or_else(|| n.parent().filter(|p| p.start_byte() >= bytes.start && p.end_byte() <= bytes.end));
    }
    None
}

/// Fills the shape of each function's body (`lang::handlers::shape`), for
/// handlers routed from another file to be judged in the join.
///
/// In Rust only `async fn`s are counted: a handler routed from another file
/// (axum, actix-web) returns a future. In Python and TypeScript methods
/// (`Class.method`) and functions nested in others are not: a route of
/// another file resolves to a function of a module by its last name (see
/// `Project::resolve_callee`), never to a method or a local function (but
/// to the one a factory returns), and the class-based views whose methods
/// serve routes are handlers of their own file. In TypeScript a function
/// without parameters is not counted either: it cannot take a request.
pub fn fill_shapes(ctx: &FileView<'_>, index: &mut FileIndex) {
    let family = ctx.file.language.family();
    let source = ctx.source();
    // The end of the function the current one sits in, if any (functions
    // are in document order): a function nested in another cannot be
    // named by a route of another module, unless it is the one a factory
    // returns (`login()`).
    let mut open_until: Vec<usize> = Vec::new();
    for function in &mut index.functions {
        let bytes = function.span.bytes();
        while open_until.last().is_some_and(|&end| end <= bytes.start) {
            open_until.pop();
        }
        let nested = !open_until.is_empty();
        open_until.push(bytes.end);
        if family != Family::Rust && (function.name.contains('.') || nested && !function.name.ends_with("()")) {
            continue;
        }
        function.shape = function_node(ctx.root(), &function.span.bytes(), family)
            .filter(|n| family != Family::Rust || rust::is_async(*n, source))
            .filter(|n| family != Family::TypeScript || takes_parameters(*n))
            .map(|n| crate::lang::handlers::shape::count(family, n, ctx.node_index(), source))
            .filter(|counts| !counts.is_trivial())
            .map(Box::new);
    }
}

/// Fills the panic sites of each Rust `async fn`'s body
/// (`lang::handlers::panics`), for handlers routed from another file.
pub fn fill_panics(ctx: &FileView<'_>, index: &mut FileIndex) {
    if ctx.file.language.family() != Family::Rust {
        return;
    }
    let templates = rust::uses_compile_time_templates(ctx.source());
    for function in &mut index.functions {
        // Handlers routed from another file are `async fn`s (see `fill_shapes`).
        let Some(node) = function_node(ctx.root(), &function.span.bytes(), Family::Rust)
            .filter(|n| rust::is_async(*n, ctx.source()))
        else {
            continue;
        };
        let panics: Vec<_> =
            crate::lang::handlers::panics::panic_sites(node, ctx.node_index(), ctx.source(), templates)
                .into_iter()
                .map(|(range, what)| (ctx.file.location(range), what))
                .collect();
        if !panics.is_empty() {
            function.extras_mut().panics = panics;
        }
    }
}

/// Fills the tables the file's SQL statements name or its models declare,
/// and whether the file only writes them (`RareFacts::tables`,
/// `RareFacts::writes_only`): every statement that names a table writes
/// one, and the file serves no route. Files that name no table get nothing.
pub fn fill_sql_tables(ctx: &FileView<'_>, index: &mut FileIndex) {
    let mut tables: Vec<Box<str>> = Vec::new();
    let mut statements = 0;
    let mut writes_only = true;
    for &literal in ctx.sql_statements() {
        let text = ctx.text(literal);
        // A table from a placeholder may be anyone's.
        if crate::lang::db::sql_text::names_a_placeholder_table(text) {
            writes_only = false;
        }
        let named = crate::lang::db::sql_text::tables_named(text);
        if named.is_empty() {
            continue;
        }
        statements += 1;
        writes_only &= named.iter().any(|(_, written)| *written);
        tables.extend(named.into_iter().map(|(table, _)| table.into_boxed_str()));
    }
    tables.extend(crate::lang::db::declared_tables(ctx.source()).into_iter().map(String::into_boxed_str));
    if ctx.file.language.family() == Family::Python {
        let classes = ctx.nodes(&["class_definition"]);
        let defaults = crate::lang::python::django_default_tables(&ctx.file.path, &classes, ctx.source());
        tables.extend(defaults.into_iter().map(String::into_boxed_str));
    }
    if tables.is_empty() {
        return;
    }
    tables.sort();
    tables.dedup();
    let serves_routes = statements > 0 && !ctx.handlers().is_empty();
    let rare = index.rare_mut();
    rare.tables = tables;
    rare.writes_only = statements > 0 && writes_only && !serves_routes;
}

/// Fills the file's loops over a parameter of one of its functions, and
/// which arguments of its calls are written-out collections, for
/// `query-in-loop` to tell a loop whose every caller hands a fixed handful
/// (`build_rows(&pool, &[spec_a, spec_b])`) from a loop over data.
pub fn fill_parameter_loops(ctx: &FileView<'_>, index: &mut FileIndex) {
    let family = ctx.file.language.family();
    let source = ctx.source();
    let root = ctx.root();
    // The index's functions by node, found when a loop over a name first asks.
    let by_node: std::cell::OnceCell<HashMap<usize, usize>> = std::cell::OnceCell::new();
    let by_node = || {
        by_node.get_or_init(|| {
            let functions = index.functions.iter().enumerate();
            functions.filter_map(|(k, f)| function_node(root, &f.span.bytes(), family).map(|n| (n.id(), k))).collect()
        })
    };
    let mut loops: Vec<super::ParameterLoop> = Vec::new();
    for node in ctx.nodes(&["for_statement", "for_in_statement", "for_expression"]) {
        let Some(mut items) = node.field("right").or_else(|| node.field("value")) else { continue };
        if items.kind_name() == "reference_expression" {
            match items.field("value") {
                Some(inner) => items = inner,
                None => continue,
            }
        }
        if items.kind_name() != "identifier" {
            continue;
        }
        // The loop's own function (from the node index: no climb from the
        // root), when the name is one of its parameters and nothing in its
        // body before the loop binds the name again.
        let Some(function) = ctx.ancestor_of_kind(node, crate::lang::db::function_kinds(family)) else { continue };
        let Some(&k) = by_node().get(&function.id()) else { continue };
        let name = crate::lang::text(items, source);
        let Some(parameter) = crate::lang::values::position_of_parameter(function, name, source) else { continue };
        let body_start = function.field("body").map_or(node.start_byte(), |b| b.start_byte());
        if crate::lang::may_bind(source.get(body_start..node.start_byte()).unwrap_or_default(), name) {
            continue;
        }
        loops.push(super::ParameterLoop { function: k, parameter, start: node.start_byte() });
    }
    if loops.is_empty() && (!source.contains('[') || !hands_written_out_collection(ctx)) {
        return;
    }
    // Each call's written-out arguments first: most files hand none and
    // have no parameter loop, and then no callee's name is built.
    let calls: Vec<(Node<'_>, u32)> = ctx
        .nodes(call_kinds(family))
        .into_iter()
        .filter_map(|call| {
            let arguments = call.field("arguments")?;
            let mask = arguments
                .named_child_nodes()
                .filter(|a| !a.kind_name().contains("comment"))
                .take(32)
                .enumerate()
                .filter(|(_, a)| crate::lang::db::is_written_out_collection(*a, source))
                .fold(0u32, |mask, (position, _)| mask | 1 << position);
            Some((call, mask))
        })
        .collect();
    if loops.is_empty() && calls.iter().all(|&(_, mask)| mask == 0) {
        return;
    }
    let looping: BTreeSet<&str> =
        loops.iter().map(|l| index.functions[l.function].name.rsplit('.').next().unwrap_or_default()).collect();
    let mut masks: HashMap<String, u32> = HashMap::new();
    for (call, mask) in calls {
        let Some(callee) = written_callee(call, family, source) else { continue };
        masks.entry(callee).and_modify(|m| *m &= mask).or_insert(mask);
    }
    let mut literal_arguments: Vec<(String, u32)> =
        masks.into_iter().filter(|(callee, mask)| *mask != 0 || looping.contains(callee.as_str())).collect();
    literal_arguments.sort();
    if loops.is_empty() && literal_arguments.is_empty() {
        return;
    }
    let rare = index.rare_mut();
    rare.parameter_loops = loops;
    rare.literal_arguments = literal_arguments;
}

/// Fills the connections each function's body opens
/// (`lang::handlers::connections::sites`), for handlers routed from another
/// file.
pub fn fill_connections(ctx: &FileView<'_>, index: &mut FileIndex) {
    use crate::lang::handlers::connections;
    let family = ctx.file.language.family();
    let source = ctx.source();
    if index.functions.is_empty() || !connections::may_open(family, source) {
        return;
    }
    // The file's connection calls, found once; then given to each function
    // that holds them (nested functions share their outer function's).
    let bindings = ctx.connection_bindings();
    let kinds = call_kinds(family);
    let found: Vec<(Node<'_>, String, connections::Opens)> = ctx
        .nodes(kinds)
        .into_iter()
        .filter_map(|call| connections::call_site(call, source, &bindings).map(|(callee, opens)| (call, callee, opens)))
        .collect();
    if found.is_empty() {
        return;
    }
    for function in &mut index.functions {
        let bytes = function.span.bytes();
        if !found.iter().any(|(call, ..)| bytes.contains(&call.start_byte())) {
            continue;
        }
        let Some(node) = function_node(ctx.root(), &bytes, family) else { continue };
        let opens: Vec<_> = found
            .iter()
            .filter(|(call, ..)| bytes.contains(&call.start_byte()))
            .filter(|(call, ..)| !connections::lazy_initialisation(*call, node, source))
            .map(|(call, callee, opens)| (ctx.file.node_location(*call), callee.clone(), *opens))
            .collect();
        if !opens.is_empty() {
            function.extras_mut().opens = opens;
        }
    }
}

/// Fills which parameter each function hashes with a fast digest
/// (`lang::crypto`'s digest calls whose input is a parameter, through
/// `.encode()` and the like), and the calls that pass a password as an
/// argument: the join matches them to report a password hashed through a
/// wrapper. A digest of an input named as a password is left out: the file
/// check reports it where it is.
pub fn fill_digests(ctx: &FileView<'_>, index: &mut FileIndex) {
    use crate::lang::crypto;
    let family = ctx.file.language.family();
    let source = ctx.source();
    let kind = if family == Family::Python { "call" } else { "call_expression" };
    let calls = ctx.nodes(&[kind]);
    let hashes = crypto::may_digest(source);
    for &call in calls.iter().filter(|_| hashes) {
        let found = match family {
            Family::Python => crypto::python::fast_hash_call(call, source, ctx.python_imports())
                .map(|h| (h.callee, h.algorithm, h.input.into_iter().collect::<Vec<_>>())),
            Family::TypeScript => crypto::typescript::fast_hash_call(call, source, ctx.typescript_imports())
                .map(|h| (h.callee, h.algorithm, h.inputs)),
            Family::Rust => {
                crypto::rust::fast_hash_call(call, source, ctx.rust_uses()).map(|h| (h.callee, h.algorithm, h.inputs))
            }
        };
        let Some((callee, algorithm, inputs)) = found else { continue };
        for input in inputs {
            if crypto::password_operand(family, input, source).is_some() {
                continue;
            }
            let Some(name) = crypto::hashed_name(input, source) else { continue };
            let Some((function, parameter)) = crate::lang::values::parameter_position(name, source) else { continue };
            // The fact of that function: the innermost whose range holds it.
            if let Some(k) = holder_of(index, function).filter(|&k| index.functions[k].digests().is_none()) {
                index.functions[k].extras_mut().digests = Some(super::DigestFact {
                    parameter,
                    location: ctx.file.node_location(call),
                    algorithm: algorithm.to_string(),
                    callee: callee.clone(),
                });
            }
        }
    }
    if !crypto::may_name_password(source) {
        return;
    }
    let mut found = Vec::new();
    for_resolvable_arguments(ctx, index, &calls, crypto::PASSWORD_SPELLINGS, |call, callee, argument, node| {
        if let Some(password) = crypto::password_operand(family, node, source) {
            found.push(super::PasswordCall { callee, argument, password, location: ctx.file.node_location(call) });
        }
    });
    if !found.is_empty() {
        index.wrapped.get_or_insert_default().password_calls = found;
    }
}

/// Calls the join can resolve (of an imported name or a function of the
/// file), with each positional argument that is a short expression
/// mentioning one of `words` (`password`, `req.body.password`,
/// `&form.pwd`): `each(call, callee as written, position, argument)`.
/// Callbacks and literals that merely mention a word are not walked.
fn for_resolvable_arguments<'t>(
    ctx: &FileView<'t>,
    index: &FileIndex,
    calls: &[Node<'t>],
    words: &[&str],
    mut each: impl FnMut(Node<'t>, String, usize, Node<'t>),
) {
    let family = ctx.file.language.family();
    let source = ctx.source();
    let separator = if family == Family::Rust { "::" } else { "." };
    let bound = bound_names(&index.imports);
    let local: BTreeSet<&str> = index.functions.iter().map(|f| &*f.name).collect();
    for &call in calls {
        let written = crate::lang::leading_name_of(call, source);
        if !bound.contains(written) && !local.contains(written) {
            continue;
        }
        let Some(callee) = written_callee(call, family, source) else { continue };
        let resolvable = match callee.split_once(separator) {
            Some((first, _)) => bound.contains(first),
            None => local.contains(callee.as_str()) || bound.contains(callee.as_str()),
        };
        if !resolvable {
            continue;
        }
        let Some(arguments) = call.field("arguments") else { continue };
        let positional = arguments
            .named_child_nodes()
            .filter(|a| !a.kind_name().contains("comment") && a.kind_name() != "keyword_argument");
        for (argument, node) in positional.enumerate() {
            let written = crate::lang::text(node, source);
            if written.len() > 80 || written.contains('\n') || !crate::lang::mentions_any(written, words) {
                continue;
            }
            each(call, callee.clone(), argument, node);
        }
    }
}

/// The index of the innermost function of the index whose span holds `node`.
fn holder_of(index: &FileIndex, node: Node<'_>) -> Option<usize> {
    let functions = index.functions.iter().enumerate();
    functions
        .filter(|(_, f)| f.span.bytes().start <= node.start_byte() && node.end_byte() <= f.span.bytes().end)
        .min_by_key(|(_, f)| f.span.bytes().len())
        .map(|(k, _)| k)
}

/// Fills the file's decode wrappers (functions that return the claims of a
/// parameter decoded without checking the signature), whether each function
/// checks a token's signature itself, and the calls that pass a token: the
/// join matches them, so that a token decoded through a wrapper is judged
/// by the function that trusts the claims. A wrapper that verifies as well
/// is none, as in the file check. Rust's unverified decodes are flaws
/// wherever they are, so Rust files have none.
pub fn fill_decodes(ctx: &FileView<'_>, index: &mut FileIndex) {
    use crate::lang::crypto::{self, TokenUse};
    let family = ctx.file.language.family();
    let source = ctx.source();
    static TOKEN_WORDS: crate::lang::Words =
        crate::lang::Words::new(&["token", "Token", "TOKEN", "jwt", "Jwt", "JWT", "uthorization", "earer"]);
    if family == Family::Rust || !TOKEN_WORDS.in_text(source) {
        return;
    }
    let kind = if family == Family::Python { "call" } else { "call_expression" };
    let calls = ctx.nodes(&[kind]);
    let mut wrappers = Vec::new();
    let mut verifying = HashSet::new();
    // Only a file that names a JWT library decodes or verifies anything.
    let decodes = crate::lang::mentions_any(source, &["jwt", "jose", "jsonwebtoken"]);
    for &call in calls.iter().filter(|_| decodes) {
        let used = match family {
            Family::Python => crypto::python::token_use(call, source, ctx.python_imports()),
            _ => crypto::typescript::token_use(call, source, ctx.typescript_imports()),
        };
        let scope = ctx.ancestor_of_kind(call, crate::lang::db::function_kinds(family));
        match used {
            Some(TokenUse::Verifies) => {
                verifying.insert(scope.map(|f| f.id()));
                if let Some(k) = holder_of(index, call) {
                    index.functions[k].extras_mut().verifies_token = true;
                }
            }
            Some(TokenUse::Unverified) => {
                let Some((function, parameter)) = crypto::returned_decode_of_parameter(family, call, source) else {
                    continue;
                };
                let setting = match family {
                    Family::Python => crypto::python::disabled_verification(call, source)
                        .map(|(at, _)| (ctx.file.node_location(at), crate::lang::text(at, source).to_string())),
                    _ => None,
                };
                let exact = index.functions.iter().position(|f| f.span.bytes() == function.byte_range());
                let callee = written_callee(call, family, source).unwrap_or_default();
                let fact = super::DecodeFact {
                    function: exact,
                    parameter,
                    location: ctx.file.node_location(call),
                    callee,
                    setting,
                };
                wrappers.push((function.id(), fact));
            }
            None => {}
        }
    }
    let wrappers: Vec<super::DecodeFact> =
        wrappers.into_iter().filter(|(id, _)| !verifying.contains(&Some(*id))).map(|(_, fact)| fact).collect();
    let mut found = Vec::new();
    for_resolvable_arguments(ctx, index, &calls, TOKEN_WORDS.words(), |call, callee, argument, node| {
        found.push(super::TokenCall {
            caller: holder_of(index, call),
            callee,
            argument,
            token: crate::lang::text(node, source).to_string(),
            location: ctx.file.node_location(call),
        });
    });
    if !wrappers.is_empty() || !found.is_empty() {
        let wrapped = index.wrapped.get_or_insert_default();
        wrapped.decode_wrappers = wrappers;
        wrapped.token_calls = found;
    }
}

/// Fills the `performs`, `query` and `calls` of the index's functions, and
/// marks the loop calls the file check already reports (data-access calls,
/// calls to querying functions of the same file).
pub fn fill(ctx: &FileView<'_>, index: &mut FileIndex) {
    let family = ctx.file.language.family();
    let db = ctx.db();
    if !index.functions.is_empty() {
        let summaries = db.summaries();
        let by_range: HashMap<(usize, usize), usize> =
            summaries.functions.iter().enumerate().map(|(i, s)| ((s.range.start, s.range.end), i)).collect();
        // The spans of the raw-SQL calls, asked once per querying function.
        let raw_sql: std::collections::HashSet<(usize, usize)> = db
            .calls()
            .iter()
            .filter(|c| c.kind == crate::lang::db::DbCallKind::RawSql)
            .map(|c| (c.call.start_byte(), c.call.end_byte()))
            .collect();
        for function in &mut index.functions {
            let bytes = function.span.bytes();
            let Some(&s) = by_range.get(&(bytes.start, bytes.end)) else { continue };
            let summary = &summaries.functions[s];
            if !summary.queries {
                continue;
            }
            let origin = if summary.direct.is_some() { Some(summary) } else { summaries.origin(&summary.name) };
            if let Some((range, api)) = origin.and_then(|o| o.direct.clone()) {
                function.performs.data_access = true;
                function.performs.raw_sql = raw_sql.contains(&(range.start, range.end));
                function.query = Some(Box::new((ctx.file.location(range), api)));
            }
        }
    }
    let kinds = call_kinds(family);
    let callees = Callees::new(ctx, &index.imports);
    let loop_starts: HashMap<usize, usize> =
        index.loop_calls.iter().enumerate().map(|(i, c)| (c.location.bytes.start, i)).collect();
    let calls = ctx.nodes(kinds);
    // No rule reads the connection and HTTP flags yet (only `query-in-loop`
    // reads the summaries, for data access): they are filled when the whole
    // index is asked for.
    let classify = ctx.settings.build_index.then(|| Classifier::new(ctx));
    // Functions are in pre-order; a stack of the ones open at the current call.
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    // Per (function, callee): the option every call of it waits for, if one does.
    let mut guards: HashMap<(usize, String), Option<(usize, String)>> = HashMap::new();
    for call in calls {
        let at = call.start_byte();
        while next < index.functions.len() && index.functions[next].span.bytes().start <= at {
            while open
                .last()
                .is_some_and(|&f| index.functions[f].span.bytes().end <= index.functions[next].span.bytes().start)
            {
                open.pop();
            }
            open.push(next);
            next += 1;
        }
        while open.last().is_some_and(|&f| index.functions[f].span.bytes().end <= at) {
            open.pop();
        }
        if let Some(&l) = loop_starts.get(&at)
            && index.loop_calls[l].location.bytes.end == call.end_byte()
        {
            if db.access_at(call).is_some()
                || db.local_callee(call).is_some_and(|c| db.summaries().querying(&c).is_some())
            {
                index.loop_calls[l].data_access = true;
            } else if is_receiver_of_own_object(crate::lang::leading_name(&index.loop_calls[l].callee)) {
                // `this.repo.byId(..)` is `OrderRepository.byId` when the field
                // holds that imported class; a call on another field is left out.
                let first = crate::lang::leading_name_of(call, ctx.source());
                index.loop_calls[l].callee = callees.method_call(call, first).unwrap_or_default();
            }
        }
        let Some(&f) = open.last() else { continue };
        let function = &mut index.functions[f];
        if let Some(classify) = &classify {
            let (opens, http) = classify.call(call);
            function.performs.opens_connection |= opens;
            function.performs.outbound_http |= http;
        }
        let Some((callee, imported)) = callees.of(call) else { continue };
        // `User.findOne(..)`: a query when `User` is a model of the module
        // it comes from (resolved in the join).
        if imported && family == Family::TypeScript && crate::lang::db::model_query_callee(&callee).is_some() {
            function.extras_mut().model_calls.push((ctx.file.node_location(call), callee.clone()));
        }
        // Only calls of imported names reach another module's queries.
        if imported && family == Family::TypeScript {
            let nearest = |n| ctx.ancestor_of_kind(n, &crate::lang::typescript::BRANCH_OR_FUNCTION_KINDS);
            let guard = crate::lang::typescript::option_guard(call, ctx.source(), nearest);
            guards
                .entry((f, callee.clone()))
                .and_modify(|g| *g = g.take().filter(|g| Some(g) == guard.as_ref()))
                .or_insert(guard);
        }
        function.add_call(&callee);
    }
    let mut guards: Vec<_> =
        guards.into_iter().filter_map(|((f, callee), g)| g.map(|(p, option)| (f, callee, p, option))).collect();
    guards.sort();
    for (f, callee, position, option) in guards {
        let guarded = index.functions[f].extras_mut().guarded.get_or_insert_with(Default::default);
        guarded.calls.push((callee, position, option));
    }
    index.loop_calls.retain(|c| !c.callee.is_empty());
    let models = db.model_names();
    if !models.is_empty() {
        index.rare_mut().models = models;
    }
    mark_memoized(ctx, &db, index);
}

/// Sets [`FunctionFact::memoized`] on the functions that may query (here or
/// through the calls they make to other modules) and answer from memory
/// first.
fn mark_memoized(ctx: &FileView<'_>, db: &crate::lang::db::Db<'_>, index: &mut FileIndex) {
    let may_query = |f: &crate::project::FunctionFact| f.performs.data_access || !f.calls.is_empty();
    if !index.functions.iter().any(may_query) {
        return;
    }
    let by_range: HashMap<(usize, usize), usize> =
        index.functions.iter().enumerate().map(|(k, f)| ((f.span.bytes().start, f.span.bytes().end), k)).collect();
    let queries = |n: tree_sitter::Node<'_>| db.access_at(n).is_some();
    for node in ctx.nodes(crate::lang::db::function_kinds(ctx.file.language.family())) {
        if let Some(&k) = by_range.get(&(node.start_byte(), node.end_byte()))
            && may_query(&index.functions[k])
        {
            index.functions[k].memoized = crate::lang::db::memoized::answers_from_memory(node, ctx.source(), &queries);
        }
    }
}

/// Undoes a [`fill`] that stopped part-way (a panic in the shared
/// knowledge): the summaries are left empty, as if never filled.
pub fn clear(index: &mut FileIndex) {
    for function in &mut index.functions {
        function.performs = Default::default();
        function.query = None;
        function.memoized = false;
        function.calls.clear();
        function.shape = None;
        function.extras = None;
    }
    for call in &mut index.loop_calls {
        call.data_access = false;
    }
    if let Some(rare) = &mut index.rare {
        rare.routes.clear();
        rare.handlers.clear();
        rare.models.clear();
        rare.tables.clear();
        rare.writes_only = false;
        rare.parameter_loops.clear();
        rare.literal_arguments.clear();
    }
    index.wrapped = None;
}

/// The classes receivers of a file hold (see `instance_classes` of
/// `lang::typescript`, `lang::python` and `lang::rust`), sorted by receiver,
/// and the first names of those receivers (`self` of `self.orders`), sorted.
struct Instances {
    classes: Vec<(String, String)>,
    first_names: Vec<String>,
}

fn instance_classes(ctx: &FileView<'_>, bound: &BTreeSet<&str>) -> Instances {
    let is_class_name = |class: &str| bound.contains(class);
    Instances::new(match ctx.file.language.family() {
        Family::TypeScript => typescript::instance_classes(ctx.node_index(), ctx.source(), is_class_name),
        Family::Python => crate::lang::python::instance_classes(ctx.node_index(), ctx.source(), is_class_name),
        Family::Rust => crate::lang::rust::instance_classes(ctx.node_index(), ctx.source(), is_class_name),
    })
}

impl Instances {
    /// From (receiver, class) pairs sorted by receiver.
    fn new(classes: Vec<(String, String)>) -> Instances {
        let mut first_names: Vec<String> =
            classes.iter().map(|(receiver, _)| crate::lang::leading_name(receiver).to_string()).collect();
        first_names.sort_unstable();
        first_names.dedup();
        Instances { classes, first_names }
    }

    /// A call of a method on a receiver that holds a known class, as a call
    /// of that class's method (`this.orders.create` is `OrderService.create`);
    /// `first` is the name the call's text starts with
    /// (`lang::leading_name_of`).
    fn method_call(&self, call: Node<'_>, first: &str, source: &str) -> Option<String> {
        if self.classes.is_empty() {
            return None;
        }
        // A receiver begins the call's text, so the name that text starts
        // with is the receiver's first name: a call that starts with a name
        // no receiver starts with is on none of them, and the tree is not
        // asked (most calls are of other values). A text that starts with no
        // name (`(a).b()`) is asked.
        if !first.is_empty() && self.first_names.binary_search_by(|n| n.as_str().cmp(first)).is_err() {
            return None;
        }
        let class_of = |receiver: &str| {
            let at = self.classes.binary_search_by(|(r, _)| r.as_str().cmp(receiver)).ok()?;
            Some(self.classes[at].1.as_str())
        };
        // Rust `users.find(id)`, `self.orders.total(id)`: the receiver's text
        // is looked up as it stands (most method calls are of other values).
        if let Some(function) = call.field("function").filter(|f| f.kind_name() == "field_expression") {
            let receiver = crate::lang::text(function.field("value")?, source);
            let method = crate::lang::text(function.field("field")?, source);
            return Some(format!("{}::{method}", class_of(receiver)?));
        }
        let callee = match call.kind_name() {
            "call" => crate::lang::python::callee_name(call, source)?,
            "call_expression" => typescript::callee_name(call, source)?,
            _ => return None,
        };
        let (receiver, method) = callee.rsplit_once('.')?;
        Some(format!("{}.{method}", class_of(receiver)?))
    }
}

/// Whether some call of the file is handed a written-out collection
/// (`f([a, b])`, `f(&[a, b])`, `f(vec![a, b])`): a collection node of the
/// node index that is one of the arguments of its nearest call. A test
/// from the few collections of the file, where listing the arguments of
/// every call would read them all.
fn hands_written_out_collection(ctx: &FileView<'_>) -> bool {
    let family = ctx.file.language.family();
    let kinds: &[&str] = match family {
        Family::Python => &["list", "tuple", "set"],
        Family::TypeScript => &["array"],
        Family::Rust => &["array_expression", "macro_invocation", "reference_expression"],
    };
    let source = ctx.source();
    ctx.nodes(kinds).into_iter().any(|node| {
        crate::lang::db::is_written_out_collection(node, source)
            && ctx
                .ancestor_of_kind(node, call_kinds(family))
                .and_then(|call| call.field("arguments"))
                .is_some_and(|arguments| arguments.named_child_nodes().any(|argument| argument == node))
    })
}

/// The call nodes whose callees the summaries read (TS/JS constructors
/// included: `new Pool()` opens a connection).
fn call_kinds(family: Family) -> &'static [&'static str] {
    match family {
        Family::Python => &["call"],
        Family::TypeScript => &["call_expression", "new_expression"],
        Family::Rust => &["call_expression"],
    }
}

/// The local names the file's imports bind (`security`, `digest`, `repo`).
fn bound_names(imports: &[super::ImportFact]) -> BTreeSet<&str> {
    imports.iter().flat_map(|i| i.bindings.iter().map(|(local, _)| &**local)).collect()
}

/// A call's callee as written, dotted (`security.digest`) or a Rust path
/// (`hashing::digest`); `None` for a callee that is not a name (a method
/// chain, a closure).
fn written_callee(call: Node<'_>, family: Family, source: &str) -> Option<String> {
    match family {
        Family::Python => python::callee_name(call, source),
        Family::TypeScript => typescript::callee_name(call, source),
        Family::Rust => call
            .field("function")
            .filter(|f| matches!(f.kind_name(), "identifier" | "scoped_identifier"))
            .map(|f| crate::lang::text(f, source).to_string()),
    }
}

/// Whether `name` is the object a method runs on (`this`, `self`), whose
/// fields may hold instances of project classes.
pub(crate) fn is_receiver_of_own_object(name: &str) -> bool {
    matches!(name, "this" | "self")
}

/// The first segment of a call's callee (`a` in `a.b.c()`, `a::b()`), when
/// the callee is a plain name or a path of names.
fn first_segment<'a>(call: Node<'_>, source: &'a str) -> Option<&'a str> {
    let mut node = call.field("function")?;
    loop {
        node = match node.kind_name() {
            "identifier" => return Some(crate::lang::text(node, source)),
            "attribute" | "member_expression" => node.field("object")?,
            "scoped_identifier" => node.field("path")?,
            _ => return None,
        };
    }
}

/// HTTP and connection knowledge for one file's calls.
struct Classifier<'a> {
    source: &'a str,
    kind: Kind<'a>,
    /// Whether the file names a connection library / an HTTP client library
    /// at all (when not, none of its calls is one, and none is looked at).
    may_open: bool,
    may_call: bool,
}

enum Kind<'a> {
    Python(&'a python::Imports, http::python::Clients),
    TypeScript(&'a typescript::Imports, http::typescript::Clients),
    Rust(&'a rust::Uses),
}

impl<'a> Classifier<'a> {
    fn new(ctx: &FileView<'a>) -> Classifier<'a> {
        let source = ctx.source();
        let family = ctx.file.language.family();
        // Python names a library through its imports; TS/JS and Rust code can
        // call globals (`fetch`) and full paths, so their text decides.
        let by_text = || (connections::may_open(family, source), http::may_call(family, source));
        let (kind, (may_open, may_call)) = match family {
            Family::Python => {
                let imports = ctx.python_imports();
                let may = (connections::may_open_python(imports), http::python::may_call(imports));
                let clients = if may.1 {
                    http::python::Clients::collect(ctx.nodes(http::python::Clients::BINDING_KINDS), source, imports)
                } else {
                    Default::default()
                };
                (Kind::Python(imports, clients), may)
            }
            Family::TypeScript => {
                let imports = ctx.typescript_imports();
                let may = by_text();
                let clients = if may.1 {
                    http::typescript::Clients::collect(
                        ctx.nodes(http::typescript::Clients::BINDING_KINDS),
                        source,
                        imports,
                    )
                } else {
                    Default::default()
                };
                (Kind::TypeScript(imports, clients), may)
            }
            Family::Rust => (Kind::Rust(ctx.rust_uses()), by_text()),
        };
        Classifier { source, kind, may_open, may_call }
    }

    /// Whether `call` opens a database connection, and whether it is an outbound HTTP call.
    fn call(&self, call: Node<'_>) -> (bool, bool) {
        if !self.may_open && !self.may_call {
            return (false, false);
        }
        let (opens, http) = match &self.kind {
            Kind::Python(imports, clients) => (
                self.may_open && connections::python_call(call, self.source, imports).is_some(),
                self.may_call && http::python::is_http_call(call, self.source, imports, clients),
            ),
            Kind::TypeScript(imports, clients) => (
                self.may_open && connections::typescript_call(call, self.source, imports).is_some(),
                self.may_call
                    && call.kind_name() == "call_expression"
                    && http::typescript::is_http_call(call, self.source, imports, clients),
            ),
            Kind::Rust(uses) => (
                self.may_open && connections::rust_call(call, self.source, uses).is_some(),
                self.may_call && http::rust::is_http_call(call, self.source, uses),
            ),
        };
        (opens, http)
    }
}

/// Propagates `performs` (and the query a function ends up running) from
/// callees to callers across modules, through calls that resolve to a
/// function of another module. A worklist over the reverse call graph: each
/// function is queued again only when one of its three flags changes, so the
/// work is linear in the number of resolved calls.
pub fn propagate(project: &mut Project) {
    // Function (file i, index k) has slot `first_slot[i] + k`. (`u32`s
    // here: a project has fewer functions than that, and these tables are
    // built while every file's facts are held.)
    let mut first_slot: Vec<u32> = Vec::with_capacity(project.files.len());
    let mut ids: Vec<(u32, u32)> = Vec::new();
    for (i, file) in project.files.iter().enumerate() {
        first_slot.push(ids.len() as u32);
        ids.extend((0..file.functions.len()).map(|k| (i as u32, k as u32)));
    }
    let id = |slot: usize| (ids[slot].0 as usize, ids[slot].1 as usize);
    // The callers of each slot, as (callee slot, caller slot) arcs sorted
    // into compressed rows.
    let mut arcs: Vec<(u32, u32)> = Vec::new();
    for caller in 0..ids.len() {
        let (i, k) = id(caller);
        let Some(from) = project.module_of_file.get(i) else { continue };
        for callee in &project.files[i].functions[k].calls {
            let Some((module, name)) = project.resolve_callee(i, callee) else { continue };
            if module == from {
                continue;
            }
            if let Some((file, k)) = project.defined(module, &name) {
                arcs.push((first_slot[file] + k as u32, caller as u32));
            }
        }
    }
    drop(first_slot);
    arcs.sort_unstable();
    let callers =
        super::graph::Adjacency::from_sorted(ids.len(), arcs.into_iter().map(|(f, c)| (f as usize, c as usize)));
    // A call to a query method of a model another module binds
    // (`User.findOne(..)`) is data access where it is made.
    if !project.models.is_empty() {
        for slot in 0..ids.len() {
            let (i, k) = id(slot);
            let function = &project.files[i].functions[k];
            let Some((location, api)) =
                function.model_calls().iter().find(|(_, callee)| project.model_of_call(i, callee).is_some()).cloned()
            else {
                continue;
            };
            let function = &mut project.files[i].functions[k];
            function.performs.data_access = true;
            if function.query.is_none() {
                function.query = Some(Box::new((location, api)));
            }
        }
    }
    let performs = |p: &Project, slot: usize| {
        let (i, k) = id(slot);
        p.files[i].functions[k].performs
    };
    // Whether a function queries in its own body (or through its file's
    // functions, or a model), before any query of another module is added.
    let own: Vec<bool> = (0..ids.len()).map(|s| performs(project, s).data_access).collect();
    let mut work: Vec<usize> = (0..ids.len())
        .filter(|&s| {
            let p = performs(project, s);
            p.data_access || p.opens_connection || p.outbound_http
        })
        .collect();
    while let Some(slot) = work.pop() {
        let done = performs(project, slot);
        let (i, k) = id(slot);
        let query = project.files[i].functions[k].query.clone();
        for &caller in callers.of(slot) {
            let caller = caller as usize;
            let (ci, ck) = id(caller);
            let function = &mut project.files[ci].functions[ck];
            let before = function.performs;
            function.performs.data_access |= done.data_access;
            function.performs.opens_connection |= done.opens_connection;
            function.performs.outbound_http |= done.outbound_http;
            if !before.data_access && done.data_access {
                function.query = query.clone();
            }
            if function.performs != before {
                work.push(caller);
            }
        }
    }
    mark_query_guards(project, &ids, &own);
}

/// Sets [`GuardedCalls::query`](super::GuardedCalls::query) on each function
/// that queries only through calls it makes when one option is set (`if
/// (options.primaryKeys) await readItems(..)`): its own body runs none, and
/// every callee of another module that queries is called only under that
/// test.
fn mark_query_guards(project: &mut Project, ids: &[(u32, u32)], own: &[bool]) {
    let mut found: Vec<(usize, usize, (usize, String))> = Vec::new();
    for (slot, &(i, k)) in ids.iter().enumerate() {
        let (i, k) = (i as usize, k as usize);
        let function = &project.files[i].functions[k];
        let Some(guarded) = function.guarded() else { continue };
        if own[slot] || !function.performs.data_access {
            continue;
        }
        let mut option: Option<(usize, &str)> = None;
        let mut every = true;
        for callee in &function.calls {
            let Some((module, name)) = project.resolve_callee(i, callee) else { continue };
            let Some((fi, fk)) = project.defined(module, &name) else { continue };
            if project.module_of_file.get(i) == Some(module) || !project.files[fi].functions[fk].performs.data_access {
                continue;
            }
            let guard = guarded.calls.iter().find(|(c, _, _)| **c == **callee).map(|(_, p, o)| (*p, o.as_str()));
            if guard.is_none() || option.is_some_and(|o| Some(o) != guard) {
                every = false;
                break;
            }
            option = guard;
        }
        if every && let Some((position, name)) = option {
            found.push((i, k, (position, name.to_string())));
        }
    }
    for (i, k, option) in found {
        if let Some(guarded) = project.files[i].functions[k].extras.as_deref_mut().and_then(|e| e.guarded.as_mut()) {
            guarded.query = Some(option);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Instances;
    use crate::lang::{Language, NodeExt, descendants, parse};

    fn instances(pairs: &[(&str, &str)]) -> Instances {
        Instances::new(pairs.iter().map(|(r, c)| (r.to_string(), c.to_string())).collect())
    }

    /// The method each call of `source` resolves to, in document order.
    fn resolved(language: Language, source: &str, call_kind: &str, known: &Instances) -> Vec<Option<String>> {
        let tree = parse(language, source);
        descendants(tree.root_node())
            .filter(|n| n.kind_name() == call_kind)
            .map(|call| known.method_call(call, crate::lang::leading_name_of(call, source), source))
            .collect()
    }

    #[test]
    fn a_call_on_a_receiver_that_holds_a_class_is_that_class_method() {
        let rust = instances(&[("self.orders", "OrderRepo"), ("users", "UserRepo")]);
        let source = "fn f() { self.orders.total(1); users.find(2); other.find(3); (users).find(4); }";
        assert_eq!(
            resolved(Language::Rust, source, "call_expression", &rust),
            [Some("OrderRepo::total".into()), Some("UserRepo::find".into()), None, None]
        );
        let typescript = instances(&[("this.orders", "OrderService")]);
        let source = "this.orders.create(a);\nthis\n  .orders.create(b);\nthat.orders.create(c);\n";
        assert_eq!(
            resolved(Language::TypeScript, source, "call_expression", &typescript),
            [Some("OrderService.create".into()), Some("OrderService.create".into()), None]
        );
        let python = instances(&[("self.orders", "OrderRepository")]);
        let source = "self.orders.by_id(1)\nother.orders.by_id(2)\n";
        assert_eq!(resolved(Language::Python, source, "call", &python), [Some("OrderRepository.by_id".into()), None]);
    }
}
