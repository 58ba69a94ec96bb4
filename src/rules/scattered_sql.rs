//! `scattered-sql`: SQL text or raw SQL execution outside the data-access
//! layer (`[layers] data-access`).
//!
//! SQL text is recognised by parsing (`lang::db::sql_text`), raw SQL calls by
//! the shared database knowledge. One finding per function, at its first SQL
//! occurrence, with the others as related locations. Tests, the data-access
//! layer and route handlers (left to `handler-data-access`) are skipped.
//!
//! Once the project is joined, [`PROJECT`] revises the findings: a module
//! that alone writes its tables (no other module's SQL or model names
//! them) is their store, and its findings are dropped.
//!
//! The user docs are in `rules/scattered-sql.md`.

use crate::lang::NodeExt;
use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use crate::diagnostic::Finding;
use crate::lang::Family;
use crate::lang::db::short;
use crate::lang::handlers::CLASS_KINDS;
use crate::lang::innermost_enclosing;
use crate::rules::{FileContext, ProjectCheck, ProjectContext, Rule};

pub static RULE: Rule = Rule {
    id: "scattered-sql",
    doc: include_str!("../../rules/scattered-sql.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: Some(PROJECT),
};

/// The project part: a module that alone writes its tables is their store.
const PROJECT: ProjectCheck =
    ProjectCheck { reads_sql_tables: true, revise: Some(drop_sole_writers), ..ProjectCheck::READS_NOTHING };

/// Drops the findings of modules that are the store of their tables: every
/// SQL statement of the module writes a table, it serves no route, and no
/// other module's SQL names any of its tables (`auth_logging.rs`, the only
/// place that inserts into and reads `chat_session_auth_log`). The table's
/// SQL is in one place already; moving it gains nothing. A module that
/// writes a table another module also queries stays reported.
fn drop_sole_writers(ctx: &ProjectContext<'_>, findings: &mut Vec<Finding>) {
    let files = &ctx.project.files;
    if !files.iter().any(|f| f.rare().writes_only) {
        return;
    }
    // How many modules name each table.
    let mut naming: HashMap<&str, usize> = HashMap::new();
    for file in files {
        for table in &file.rare().tables {
            *naming.entry(table).or_default() += 1;
        }
    }
    let stores: HashSet<&str> = files
        .iter()
        .filter(|f| {
            let rare = f.rare();
            rare.writes_only && rare.tables.iter().all(|t| naming.get(&**t) == Some(&1))
        })
        .map(|f| &*f.path)
        .collect();
    findings.retain(|f| !stores.contains(&*f.location.path));
}

/// A piece of SQL found in the file.
struct Occurrence<'t> {
    node: Node<'t>,
    /// "SQL text `SELECT ...`" or "raw SQL call `cursor.execute`".
    what: String,
}

/// `PRAGMA journal_mode=wal`, `SET search_path TO app`: the configuration of
/// a connection, not a query to move into a repository.
fn is_connection_setting(text: &str) -> bool {
    let body = text.trim_start_matches(|c: char| matches!(c, '"' | '\'' | '`' | 'r' | 'f' | 'b') || c.is_whitespace());
    let word: String = body.chars().take_while(|c| c.is_ascii_alphabetic()).collect::<String>().to_ascii_uppercase();
    matches!(word.as_str(), "PRAGMA" | "SET")
}

/// Whether a module is data access by what it does, whatever its name: at
/// least two of its functions run SQL and they are more than half of them
/// (a `crud.py`, a `prisma.service.ts`, the query module of a `*-db`
/// crate), or its one function runs a query straight through (a
/// `getProductionChanges.js` that exports one query). A business module
/// runs SQL in a function or two among others that compute, decide, call
/// services and shape results.
fn is_data_access_by_content(ctx: &FileContext<'_>, occurrences: &[Occurrence<'_>]) -> bool {
    let all = module_functions(ctx);
    // Constructors only keep the client, and stubs (`() =>
    // Promise.resolve(fixed)`, the fake beside a query) only hand back what
    // they were given: neither is what the module does.
    let functions = all.iter().filter(|f| !is_constructor(ctx, **f) && !is_stub(**f, ctx.source())).count();
    let mut with_sql: HashSet<usize> =
        occurrences.iter().filter_map(|o| innermost_enclosing(&all, o.node).map(|f| f.id())).collect();
    // A function that only reaches the database through another function of
    // the module (`audit_table_exists(tx)` calling
    // `audit_table_exists_for_executor(tx)`) is data access as well.
    let db = ctx.db();
    if with_sql.len() >= 2 && db.summaries().any_querying() {
        with_sql.extend(all.iter().filter_map(|f| {
            let key = db.summary_key(*f)?;
            db.summaries().querying(&key).filter(|s| s.direct.is_none()).map(|_| f.id())
        }));
    }
    // One function that runs its query and shapes the row, with no branch
    // or loop, and nothing else in the module: a query module.
    let lone_query = functions == 1
        && with_sql.len() == 1
        && all.iter().any(|f| with_sql.contains(&f.id()) && runs_straight(ctx, *f));
    lone_query || owns_queries(with_sql.len(), functions)
}

/// The test of both: at least two functions run SQL, and they are more than
/// half of the functions.
fn owns_queries(with_sql: usize, functions: usize) -> bool {
    with_sql >= 2 && with_sql * 2 > functions
}

/// Whether a function runs straight through: its shape
/// (`lang::handlers::shape`) holds no branch, loop or validation check.
fn runs_straight(ctx: &FileContext<'_>, function: Node<'_>) -> bool {
    let counts =
        crate::lang::handlers::shape::count(ctx.file.language.family(), function, ctx.node_index(), ctx.source());
    counts.branches == 0 && counts.loops == 0 && counts.checks == 0
}

/// The functions a module is made of, in document order: named functions
/// and methods, and in TypeScript/JavaScript also the arrow functions and
/// function expressions a declaration names (`export const getUser = async
/// (db, id) => ..`), the usual way to write a module's functions there.
fn module_functions<'t>(ctx: &FileContext<'t>) -> Vec<Node<'t>> {
    let family = ctx.file.language.family();
    let named = crate::lang::db::named_function_kinds(family);
    if family != Family::TypeScript {
        return ctx.nodes(named);
    }
    let mut kinds = named.to_vec();
    kinds.extend(["arrow_function", "function_expression"]);
    ctx.nodes(&kinds)
        .into_iter()
        .filter(|f| {
            named.contains(&f.kind_name()) || f.parent().is_some_and(|p| p.kind_name() == "variable_declarator")
        })
        .collect()
}

/// Whether a function only hands back a value it was given or that is
/// written out, possibly through more arrows and `Promise.resolve(..)`:
/// `() => Promise.resolve(changes)`, the fake that stands in for a query.
fn is_stub(function: Node<'_>, source: &str) -> bool {
    let mut value = function.field("body");
    while let Some(v) = value {
        match v.kind_name() {
            "arrow_function" => value = v.field("body"),
            "parenthesized_expression" => value = v.named_child(0),
            "call_expression" => {
                let resolves = v.field("function").is_some_and(|f| crate::lang::text(f, source) == "Promise.resolve");
                let single = v.field("arguments").is_some_and(|a| a.named_child_count() == 1);
                if !(resolves && single) {
                    return false;
                }
                value = v.field("arguments").and_then(|a| a.named_child(0));
            }
            _ => return is_given_or_written(v),
        }
    }
    false
}

/// A name, a literal, or an object or array made only of them (`{ signups }`).
fn is_given_or_written(value: Node<'_>) -> bool {
    match value.kind_name() {
        "identifier"
        | "shorthand_property_identifier"
        | "string"
        | "number"
        | "true"
        | "false"
        | "null"
        | "undefined" => true,
        "object" | "array" | "pair" => {
            let parts: Vec<Node<'_>> = value.named_child_nodes().filter(|c| c.kind_name() != "comment").collect();
            parts.into_iter().enumerate().all(|(i, part)| {
                // A pair's key is a name, not a value.
                (value.kind_name() == "pair" && i == 0) || is_given_or_written(part)
            })
        }
        _ => false,
    }
}

fn is_constructor(ctx: &FileContext<'_>, function: Node<'_>) -> bool {
    function.field("name").is_some_and(|n| matches!(ctx.text(n), "constructor" | "__init__"))
}

/// Classes and `impl` blocks that own their queries (the same test as
/// [`is_data_access_by_content`], within one type: a `MembersStats` class
/// built around the database client, an `impl DbFsQueries`), and classes
/// that hold SQL and open their own connection or pool (a datasource
/// connector), by node id.
fn data_access_types(ctx: &FileContext<'_>, occurrences: &[Occurrence<'_>]) -> HashSet<usize> {
    let kinds = crate::lang::db::named_function_kinds(ctx.file.language.family());
    let mut with_sql: std::collections::HashMap<usize, HashSet<usize>> = std::collections::HashMap::new();
    let (types, functions) = (ctx.nodes(CLASS_KINDS), ctx.nodes(kinds));
    for occurrence in occurrences {
        if let (Some(owner), Some(function)) =
            (innermost_enclosing(&types, occurrence.node), innermost_enclosing(&functions, occurrence.node))
        {
            with_sql.entry(owner.id()).or_default().insert(function.id());
        }
    }
    // A class that opens its own connection or pool (`this.client = await
    // new sqlServer.ConnectionPool(config).connect()`, a datasource
    // connector) is the database's client: its SQL is where SQL belongs.
    let source = ctx.source();
    let bindings = ctx.connection_bindings();
    let connectors: HashSet<usize> = if crate::lang::handlers::connections::may_open(ctx.file.language.family(), source)
    {
        let owners: HashSet<usize> =
            occurrences.iter().filter_map(|o| innermost_enclosing(&types, o.node)).map(|t| t.id()).collect();
        types
            .iter()
            .filter(|t| owners.contains(&t.id()))
            .filter(|t| {
                ctx.node_index()
                    .inside(**t)
                    .iter()
                    .any(|n| crate::lang::handlers::connections::call_site(*n, source, &bindings).is_some())
            })
            .map(|t| t.id())
            .collect()
    } else {
        HashSet::new()
    };
    with_sql.retain(|owner, functions| functions.len() >= 2 && !connectors.contains(owner));
    if with_sql.is_empty() {
        return connectors;
    }
    let mut methods: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for &function in &functions {
        if is_constructor(ctx, function) {
            continue;
        }
        if let Some(owner) = innermost_enclosing(&types, function).filter(|o| with_sql.contains_key(&o.id())) {
            *methods.entry(owner.id()).or_default() += 1;
        }
    }
    with_sql
        .into_iter()
        .filter(|(owner, functions)| owns_queries(functions.len(), methods.get(owner).copied().unwrap_or(0)))
        .map(|(owner, _)| owner)
        .chain(connectors)
        .collect()
}

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // Browser code runs no SQL: what looks like it there is a CSS selector
    // (`select[name=state]`) or text for people.
    if ctx.is_test() || ctx.is_browser_code() {
        return;
    }
    let db = ctx.db();
    let family = ctx.file.language.family();
    // Raw SQL calls count once, whatever SQL literal they hold.
    let mut occurrences: Vec<Occurrence<'_>> = db
        .raw_sql_calls()
        .filter(|call| call.confident && !call.safe_by_construction && call.runs)
        .filter(|call| !call.query.is_some_and(|q| is_connection_setting(ctx.text(q))))
        .map(|call| Occurrence { node: call.call, what: format!("raw SQL call `{}`", call.api) })
        .collect();
    // Most files hold no SQL: the strings are first screened by their first
    // word, and the rest of the work is done only for those that pass.
    let candidates: Vec<Node<'_>> = ctx.sql_candidates().to_vec();
    // The layer test matches the path against every layer glob: it runs only
    // for the few files that hold SQL.
    if (occurrences.is_empty() && candidates.is_empty()) || ctx.settings.layers.data_access.is_match(&ctx.file.path) {
        return;
    }
    let covered: Vec<std::ops::Range<usize>> = occurrences.iter().map(|o| o.node.byte_range()).collect();
    // Python strings that are parts of an implicit concatenation (judged as
    // one literal by their parent) or statements on their own (docstrings
    // and notes), found from their parents instead of climbing from each.
    let mut concatenated = HashSet::new();
    let mut statements = HashSet::new();
    if family == Family::Python && !candidates.is_empty() {
        for parent in ctx.nodes(&["concatenated_string", "expression_statement"]) {
            let set = if parent.kind_name() == "concatenated_string" { &mut concatenated } else { &mut statements };
            set.extend(parent.named_child_nodes().map(|c| c.id()));
        }
    }
    // Every literal that starts like SQL, also inside a raw SQL call (for the generic-helper test).
    let mut sql_literals: Vec<Node<'_>> = Vec::new();
    for node in candidates {
        let string = match family {
            Family::Python => node.kind_name() == "string" && !concatenated.contains(&node.id()),
            _ => db.is_string_literal(node),
        };
        if !string || statements.contains(&node.id()) {
            continue;
        }
        // Templates filled by `.format()` may not parse as SQL: they count as
        // starting like SQL for the generic-helper test.
        sql_literals.push(node);
        if !covered.iter().any(|r| r.contains(&node.start_byte()))
            && ctx.is_sql_statement(node)
            && !is_connection_setting(ctx.text(node))
        {
            occurrences.push(Occurrence { node, what: format!("SQL text {}", short(ctx.text(node))) });
        }
    }
    if occurrences.is_empty() {
        return;
    }
    // In document order (a call before the literals inside it).
    occurrences.sort_by_key(|o| (o.node.start_byte(), std::cmp::Reverse(o.node.end_byte())));
    // SQL inside a route handler is left to `handler-data-access`.
    let handlers = ctx.handlers();
    if handlers.is_empty() && is_data_access_by_content(ctx, &occurrences) {
        return;
    }
    let in_handler = |node: Node<'_>| {
        handlers.iter().any(|h| h.function.start <= node.start_byte() && node.end_byte() <= h.function.end)
    };
    let owned = data_access_types(ctx, &occurrences);
    let types = if owned.is_empty() { Vec::new() } else { ctx.nodes(CLASS_KINDS) };
    let in_owner = |node: Node<'_>| {
        !owned.is_empty() && innermost_enclosing(&types, node).is_some_and(|o| owned.contains(&o.id()))
    };
    // Functions whose SQL names no table in its text: generic helpers (`UPDATE
    // {table} SET ..`, the machinery of a data layer), plumbing (`SELECT
    // pg_advisory_xact_lock(%s)`, catalog look-ups), and executors that run
    // SQL written elsewhere (`client.query(sql, &[])` on a parameter): no
    // SQL literal at all.
    let generic: HashSet<usize> = {
        let mut literal_kinds: std::collections::HashMap<usize, bool> = std::collections::HashMap::new();
        for literal in &sql_literals {
            if let Some(f) = db.enclosing_function(*literal) {
                let none = literal_kinds.entry(f.id()).or_insert(true);
                // The text inside the quotes: an opening `'` would pass for a SQL quote.
                let body = crate::lang::strings::string_literal(*literal, family, ctx.source())
                    .map_or_else(|| ctx.text(*literal), |l| l.value(ctx.source()));
                *none &= !crate::lang::db::sql_text::names_a_table(body);
            }
        }
        for occurrence in &occurrences {
            if let Some(f) = db.enclosing_function(occurrence.node) {
                literal_kinds.entry(f.id()).or_insert(true);
            }
        }
        literal_kinds.into_iter().filter(|(_, none)| *none).map(|(f, _)| f).collect()
    };
    let mut seen_functions: HashSet<usize> = HashSet::new();
    let mut reported_lines: HashSet<usize> = HashSet::new();
    // Each occurrence's function, and the occurrences of each function in
    // document order (to list a function's others beside its first).
    let functions: Vec<Option<Node<'_>>> = occurrences.iter().map(|o| db.enclosing_function(o.node)).collect();
    let mut by_function: std::collections::HashMap<usize, Vec<usize>> = std::collections::HashMap::new();
    for (i, function) in functions.iter().enumerate() {
        if let Some(f) = function {
            by_function.entry(f.id()).or_default().push(i);
        }
    }
    for (i, occurrence) in occurrences.iter().enumerate() {
        if in_handler(occurrence.node) || in_owner(occurrence.node) {
            continue;
        }
        let function = functions[i];
        // A migration runner (`migrate_databases`) is schema setup.
        if function.and_then(|f| db.function_name(f)).is_some_and(|n| n.to_ascii_lowercase().contains("migrat")) {
            continue;
        }
        match function {
            Some(f) => {
                if generic.contains(&f.id()) || !seen_functions.insert(f.id()) {
                    continue;
                }
                let name = db.function_name(f).unwrap_or("this function");
                let others: Vec<&Occurrence<'_>> =
                    by_function[&f.id()].iter().filter(|&&k| k > i).map(|&k| &occurrences[k]).collect();
                let more = if others.is_empty() { String::new() } else { format!(" (and {} more)", others.len()) };
                let mut finding = ctx.finding(
                    occurrence.node,
                    format!(
                        "{} in `{name}`{more} outside the data-access layer; move the query into a repository or data-access module",
                        occurrence.what
                    ),
                );
                for other in others.iter().take(8) {
                    finding = finding.with_related(ctx.location(other.node), format!("also {}", other.what));
                }
                out.push(finding);
            }
            None => {
                if !reported_lines.insert(occurrence.node.start_position().row) {
                    continue;
                }
                out.push(ctx.finding(
                    occurrence.node,
                    format!(
                        "{} at module level outside the data-access layer; move the query into a repository or data-access module",
                        occurrence.what
                    ),
                ));
            }
        }
    }
}
