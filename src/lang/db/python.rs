//! Python database knowledge: DB-API drivers (`sqlite3`, `psycopg2`,
//! `psycopg`, `pymysql`, `MySQLdb`, `cx_Oracle`/`oracledb`, `pyodbc`),
//! `asyncpg`, `aiosqlite`, `aiomysql`, SQLAlchemy (`text`, sessions, engines),
//! Django (`raw`, `extra`, `RawSQL`, `connection.cursor()`, managers),
//! `pandas.read_sql*`, and ORM models (SQLAlchemy, SQLModel, Django, Peewee,
//! Tortoise).

use crate::lang::NodeExt;
use std::collections::HashMap;

use tree_sitter::Node;

use crate::lang::values;

use super::eval::{Binding, Eval, Lang, Shape};
use super::{DbCall, DbCallKind, DbFacts, Dynamic, QueryValue, Receiver, is_placeholder_text, is_upper_case, short};
use crate::lang::python::{Imports, dotted_name, string_value};
use crate::lang::{descendants, text};

/// Modules besides the [`DRIVERS`] whose import makes a file a database
/// user: pools, the `mysql` package as a whole, ORMs.
const OTHER_DB_MODULES: &[&str] = &[
    "psycopg_pool",
    "mysql",
    "sqlalchemy",
    "sqlmodel",
    "flask_sqlalchemy",
    "django",
    "peewee",
    "tortoise",
    "databases",
];

/// Modules whose import makes a file a database user.
fn db_modules() -> impl Iterator<Item = &'static str> {
    DRIVERS.iter().chain(OTHER_DB_MODULES).copied()
}

/// Driver modules whose `connect`/`create_pool` returns a connection.
const DRIVERS: &[&str] = &[
    "sqlite3",
    "psycopg2",
    "psycopg",
    "pymysql",
    "MySQLdb",
    "mysql.connector",
    "cx_Oracle",
    "oracledb",
    "pyodbc",
    "asyncpg",
    "aiosqlite",
    "aiomysql",
    "aiopg",
];

/// Methods that take SQL text as their first argument on a connection or cursor.
const RAW_METHODS: &[&str] =
    &["execute", "executemany", "executescript", "exec_driver_sql", "fetch", "fetchrow", "fetchval", "mogrify"];

/// Methods of a SQLAlchemy/SQLModel session or engine that query.
const SESSION_METHODS: &[&str] = &[
    "query",
    "get",
    "get_one",
    "scalars",
    "scalar",
    "execute",
    "exec",
    "merge",
    "refresh",
    "stream",
    "stream_scalars",
];

/// Class methods of ORM models (Peewee, Tortoise, SQLModel helpers) that query.
const MODEL_METHODS: &[&str] = &[
    "select",
    "get",
    "get_or_none",
    "get_by_id",
    "get_or_create",
    "create",
    "filter",
    "all",
    "insert",
    "insert_many",
    "update",
    "delete",
    "exists",
    "count",
    "first",
    "bulk_create",
    "update_or_create",
];

/// Django manager/queryset and Flask-SQLAlchemy query methods.
const QUERYSET_METHODS: &[&str] = &[
    "all",
    "filter",
    "filter_by",
    "exclude",
    "get",
    "first",
    "last",
    "one",
    "one_or_none",
    "values",
    "values_list",
    "order_by",
    "annotate",
    "aggregate",
    "bulk_update",
    "in_bulk",
    "iterator",
    "select_related",
    "prefetch_related",
    "only",
    "defer",
    "distinct",
    "paginate",
    "get_or_404",
    "first_or_404",
];

/// Conventional names of database receivers, trusted in files that import a
/// database library.
fn conventional(name: &str) -> Option<Receiver> {
    let last = name.rsplit('.').next().unwrap_or(name).trim_start_matches('_');
    match last {
        "cursor" | "cur" | "curs" => Some(Receiver::Cursor),
        "conn" | "connection" | "con" | "cnx" | "db" | "database" | "pool" | "tx" | "txn" | "transaction" => {
            Some(Receiver::Connection)
        }
        "session" | "db_session" | "engine" | "sess" => Some(Receiver::Orm),
        _ => None,
    }
}

/// The node kinds [`collect`] reads (the file's nodes of these kinds, in
/// document order, come from the shared node index).
pub(super) const COLLECT_KINDS: &[&str] = &[
    "as_pattern",
    "assignment",
    "class_definition",
    "import_from_statement",
    "typed_default_parameter",
    "typed_parameter",
];

pub(super) fn collect<'t>(nodes: Vec<Node<'t>>, source: &str, imports: &Imports) -> DbFacts {
    let uses_db = db_modules().any(|m| imports.imports_module(m));
    let mut facts = DbFacts { uses_db, ..DbFacts::default() };
    let mut assigned_once: HashMap<String, (usize, bool)> = HashMap::new();
    for node in nodes {
        match node.kind_name() {
            "assignment" => {
                let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
                    continue;
                };
                // Only calls make receivers, and only UPPER_CASE names constants:
                // other assignments are skipped before their name is built.
                let upper = left.kind_name() == "identifier" && is_upper_case(text(left, source));
                if !upper && !matches!(right.kind_name(), "call" | "await") {
                    continue;
                }
                let Some(name) = dotted_name(left, source) else { continue };
                if let Some(kind) = value_receiver(right, source, imports, &facts) {
                    facts.receivers.insert(name.clone(), kind);
                } else if foreign_constructor(right, source, imports) {
                    facts.not_db.insert(name.clone());
                }
                // (The name test first: climbing to the parent costs a descent from the root.)
                if is_upper_case(&name)
                    && node.parent().and_then(|p| p.parent()).is_some_and(|m| m.kind_name() == "module")
                {
                    let entry = assigned_once.entry(name).or_insert((0, true));
                    entry.0 += 1;
                    entry.1 &= is_constant_expr(right, source, &facts);
                }
            }
            "as_pattern" => {
                let (Some(value), Some(alias)) = (node.named_child(0), node.field("alias")) else {
                    continue;
                };
                let Some(name) = alias.named_child(0).and_then(|a| dotted_name(a, source)) else { continue };
                if let Some(kind) = value_receiver(value, source, imports, &facts) {
                    facts.receivers.insert(name, kind);
                }
            }
            "typed_parameter" | "typed_default_parameter" => {
                let name = match node.kind_name() {
                    "typed_parameter" => node.named_child(0),
                    _ => node.field("name"),
                };
                let (Some(name), Some(ty)) = (name, node.field("type")) else { continue };
                if let Some(kind) = annotation_receiver(text(ty, source), imports) {
                    facts.receivers.insert(text(name, source).to_string(), kind);
                }
            }
            "class_definition" => {
                let (Some(name), Some(supers)) = (node.field("name"), node.field("superclasses")) else {
                    continue;
                };
                let supers = text(supers, source);
                let orm_base = supers
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                    .map(|s| s.rsplit('.').next().unwrap_or(s))
                    .any(|s| matches!(s, "Model" | "SQLModel" | "Base" | "DeclarativeBase" | "Document"));
                if orm_base {
                    facts.receivers.insert(text(name, source).to_string(), Receiver::Model);
                }
            }
            "import_from_statement" => {
                let Some(module) = node.field("module_name") else { continue };
                let module = text(module, source);
                if !module.trim_start_matches('.').split('.').any(|s| s == "models")
                    && module.trim_start_matches('.') != "models"
                {
                    continue;
                }
                let mut cursor = node.walk();
                for name in node.children_by_field_name("name", &mut cursor) {
                    let local = match name.kind_name() {
                        "aliased_import" => name.field("alias"),
                        _ => Some(name),
                    };
                    if let Some(local) = local {
                        let local = text(local, source);
                        if local.starts_with(|c: char| c.is_ascii_uppercase()) && !is_upper_case(local) {
                            facts.receivers.insert(local.to_string(), Receiver::Model);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for (name, (count, constant)) in assigned_once {
        if count == 1 && constant {
            facts.constants.insert(name);
        } else {
            facts.non_constants.insert(name);
        }
    }
    facts
}

/// A call to a function of an imported library that is not a database
/// library (`requests.Session()`, `httpx.AsyncClient()`).
fn foreign_constructor(value: Node<'_>, source: &str, imports: &Imports) -> bool {
    let value = if value.kind_name() == "await" { value.named_child(0).unwrap_or(value) } else { value };
    if value.kind_name() != "call" {
        return false;
    }
    let Some(callee) = value.field("function").and_then(|f| dotted_name(f, source)) else { return false };
    let qualified = imports.qualify(&callee);
    let root = qualified.split('.').next().unwrap_or("");
    imports.imports_module(root) && !db_modules().any(|m| qualified.starts_with(m))
}

/// Names that the database naming convention would misread as a database
/// session: the web session of a request (`request.session`,
/// `self.request.session`: Django, DRF, Starlette) and the web frameworks'
/// session proxies (`from flask import session`, Quart's). A project's own
/// `from app.db import session` stays a database session.
fn http_session(name: &str, imports: &Imports) -> bool {
    let first = name.split('.').next().unwrap_or(name);
    let qualified = imports.qualify(first);
    qualified.starts_with("flask.") || qualified.starts_with("quart.") || name.ends_with("request.session")
}

fn annotation_receiver(annotation: &str, imports: &Imports) -> Option<Receiver> {
    let last = annotation.rsplit('.').next().unwrap_or(annotation);
    let qualified = imports.qualify(annotation);
    let from_db = db_modules().any(|m| qualified.starts_with(m));
    if !from_db && (qualified.contains('.') || !db_modules().any(|m| imports.imports_module(m))) {
        // `requests.Session`, or a bare name in a file without database imports.
        return None;
    }
    match last {
        "Cursor" | "AsyncCursor" | "DictCursor" | "RealDictCursor" => Some(Receiver::Cursor),
        "Connection" | "AsyncConnection" | "Pool" | "ConnectionPool" | "AsyncConnectionPool" => {
            Some(Receiver::Connection)
        }
        "Session" | "AsyncSession" | "Engine" | "AsyncEngine" | "scoped_session" => Some(Receiver::Orm),
        _ => None,
    }
}

/// What the value of an assignment or `with ... as` holds.
fn value_receiver(value: Node<'_>, source: &str, imports: &Imports, facts: &DbFacts) -> Option<Receiver> {
    match value.kind_name() {
        "await" => value_receiver(value.named_child(0)?, source, imports, facts),
        "call" => {
            let function = value.field("function")?;
            let callee = dotted_name(function, source);
            if let Some(callee) = &callee {
                let qualified = imports.qualify(callee);
                if let Some((module, func)) = qualified.rsplit_once('.')
                    && DRIVERS.iter().any(|d| crate::lang::is_or_within(module, d, &['.']))
                    && matches!(
                        func,
                        "connect"
                            | "create_pool"
                            | "Connection"
                            | "ConnectionPool"
                            | "SimpleConnectionPool"
                            | "ThreadedConnectionPool"
                    )
                {
                    return Some(Receiver::Connection);
                }
                if qualified.starts_with("sqlalchemy")
                    || qualified.starts_with("sqlmodel")
                    || qualified.starts_with("flask_sqlalchemy")
                {
                    let func = qualified.rsplit('.').next().unwrap_or("");
                    if matches!(
                        func,
                        "create_engine"
                            | "create_async_engine"
                            | "sessionmaker"
                            | "async_sessionmaker"
                            | "Session"
                            | "AsyncSession"
                            | "scoped_session"
                            | "SQLAlchemy"
                    ) {
                        return Some(Receiver::Orm);
                    }
                }
                if qualified.starts_with("psycopg_pool") {
                    return Some(Receiver::Connection);
                }
                // A session factory called: `SessionLocal()`.
                if facts.receivers.get(callee.as_str()) == Some(&Receiver::Orm) && function.kind_name() == "identifier"
                {
                    return Some(Receiver::Orm);
                }
                if qualified == "django.db.connection.cursor" || qualified == "django.db.connections" {
                    return Some(Receiver::Cursor);
                }
            }
            // Methods on a known receiver: `conn.cursor()`, `pool.acquire()`, `engine.connect()`.
            if function.kind_name() == "attribute" {
                let object = function.field("object")?;
                let method = text(function.field("attribute")?, source);
                if !matches!(
                    method,
                    "cursor" | "acquire" | "connection" | "getconn" | "connect" | "begin" | "session" | "begin_nested"
                ) {
                    return None;
                }
                let object_kind = receiver_of(object, source, imports, facts);
                return match (object_kind, method) {
                    (Some(Receiver::Connection) | Some(Receiver::Orm), "cursor") => Some(Receiver::Cursor),
                    (_, "cursor") if facts.uses_db => Some(Receiver::Cursor),
                    (Some(Receiver::Connection), "acquire" | "connection" | "getconn") => Some(Receiver::Connection),
                    (Some(Receiver::Orm), "connect" | "begin" | "session" | "begin_nested") => Some(Receiver::Orm),
                    _ => None,
                };
            }
            None
        }
        _ => None,
    }
}

/// The receiver kind of an expression: a tracked name, a conventional name in
/// a database file, a chain through `.objects`/`.query` on a model, or a call
/// that returns a receiver.
fn receiver_of(node: Node<'_>, source: &str, imports: &Imports, facts: &DbFacts) -> Option<Receiver> {
    match node.kind_name() {
        "identifier" | "attribute" => {
            let name = dotted_name(node, source)?;
            if let Some(kind) = facts.receivers.get(&name) {
                return Some(*kind);
            }
            let qualified = imports.qualify(&name);
            if qualified == "django.db.connection" || qualified.starts_with("django.db.connections") {
                return Some(Receiver::Connection);
            }
            if node.kind_name() == "attribute" {
                let object = node.field("object")?;
                let attr = text(node.field("attribute")?, source);
                // Django managers (`User.objects`) and Flask-SQLAlchemy `User.query`.
                let object_name = text(object, source);
                // `Item.objects`, or a model named through its module (`models.Item.objects`).
                let class_name = match object.kind_name() {
                    "attribute" => object.field("attribute").map_or("", |a| text(a, source)),
                    _ => object_name,
                };
                let model_like = matches!(object.kind_name(), "identifier" | "attribute")
                    && class_name.starts_with(|c: char| c.is_ascii_uppercase())
                    && !is_upper_case(class_name);
                if attr == "objects" && model_like {
                    return Some(Receiver::Model);
                }
                if attr == "query" && facts.receivers.get(object_name) == Some(&Receiver::Model) {
                    return Some(Receiver::Model);
                }
            }
            if facts.uses_db && !facts.not_db.contains(&name) && !http_session(&name, imports) {
                conventional(&name)
            } else {
                None
            }
        }
        "call" => {
            // Chains: `User.objects.filter(..).exclude(..)`, `conn.cursor()`.
            let function = node.field("function")?;
            if function.kind_name() != "attribute" {
                return value_receiver(node, source, imports, facts);
            }
            let object = function.field("object")?;
            match receiver_of(object, source, imports, facts) {
                Some(Receiver::Model) => Some(Receiver::Model),
                _ => value_receiver(node, source, imports, facts),
            }
        }
        "subscript" => {
            let value = node.field("value")?;
            let qualified = imports.qualify(&dotted_name(value, source)?).into_owned();
            (qualified == "django.db.connections").then_some(Receiver::Connection)
        }
        "parenthesized_expression" | "await" => receiver_of(node.named_child(0)?, source, imports, facts),
        _ => None,
    }
}

fn first_argument<'t>(call: Node<'t>, source: &str) -> Option<Node<'t>> {
    let arguments = call.field("arguments")?;
    let first = arguments.named_child_nodes().find(|a| a.kind_name() != "comment")?;
    if first.kind_name() == "keyword_argument" {
        return ["sql", "query", "statement", "operation"]
            .iter()
            .find_map(|k| crate::lang::python::keyword_argument(call, k, source));
    }
    Some(first)
}

pub(super) fn classify<'t>(call: Node<'t>, source: &str, imports: &Imports, facts: &DbFacts) -> Option<DbCall<'t>> {
    if call.kind_name() != "call" {
        return None;
    }
    let function = call.field("function")?;
    // Cheap filter before any allocation: the called name must be one we know.
    let called = match function.kind_name() {
        "identifier" => text(function, source),
        "attribute" => text(function.field("attribute")?, source),
        _ => return None,
    };
    static KNOWN: std::sync::LazyLock<Vec<&str>> = std::sync::LazyLock::new(|| {
        let extra = &["raw", "extra", "text", "RawSQL", "read_sql", "read_sql_query"];
        super::name_table(&[RAW_METHODS, SESSION_METHODS, MODEL_METHODS, QUERYSET_METHODS, extra])
    });
    if KNOWN.binary_search(&called).is_err() {
        return None;
    }
    let raw = |api: String, confident: bool| DbCall {
        call,
        kind: DbCallKind::RawSql,
        api,
        query: first_argument(call, source),
        confident,
        safe_by_construction: false,
        runs: true,
    };
    let orm = |api: String| DbCall {
        call,
        kind: DbCallKind::Orm,
        api,
        query: None,
        confident: true,
        safe_by_construction: false,
        runs: true,
    };
    if matches!(called, "text" | "RawSQL" | "read_sql" | "read_sql_query")
        && matches!(function.kind_name(), "identifier" | "attribute")
        && let Some(callee) = dotted_name(function, source)
    {
        let qualified = imports.qualify(&callee);
        let last = qualified.rsplit('.').next().unwrap_or("");
        // `text(..)` and `RawSQL(..)` build an expression for another call to run.
        if ((qualified.starts_with("sqlalchemy") || qualified.starts_with("sqlmodel")) && last == "text")
            || (qualified.starts_with("django") && last == "RawSQL")
        {
            return Some(DbCall { runs: false, ..raw(callee, true) });
        }
        if qualified.starts_with("pandas") && matches!(last, "read_sql" | "read_sql_query") {
            return Some(raw(callee, true));
        }
    }
    if function.kind_name() != "attribute" {
        return None;
    }
    let object = function.field("object")?;
    let method = text(function.field("attribute")?, source);
    let receiver = receiver_of(object, source, imports, facts);
    // Most candidates have no database receiver: name the API only for those that do.
    if receiver.is_none() && !matches!(method, "execute" | "executemany" | "executescript" | "extra") {
        return None;
    }
    let api = format!("{}.{method}", receiver_label(object, source));
    match receiver {
        Some(Receiver::Cursor | Receiver::Connection) if RAW_METHODS.contains(&method) => Some(raw(api, true)),
        Some(Receiver::Orm) if matches!(method, "execute" | "exec_driver_sql" | "scalars" | "scalar") => {
            let Some(query) = first_argument(call, source) else { return Some(orm(api)) };
            // `session.scalars(select(R).from_statement(text(sql)))`: SQL text anywhere in the statement.
            let holds_text = || crate::lang::descendants(query).any(|n| is_sql_text_call(n, source, imports));
            // `stmt = delete(T).where(..)` then `session.execute(stmt)`: the expression language.
            let statement = || is_core_statement(query, source, imports);
            if method == "exec_driver_sql"
                || (method == "execute" && is_stringish(query) && !statement())
                || holds_text()
            {
                Some(raw(api, true))
            } else {
                Some(orm(api))
            }
        }
        Some(Receiver::Orm) if SESSION_METHODS.contains(&method) => Some(orm(api)),
        // A queryset held in a variable or a parameter (`qs.extra(where=[..])`):
        // in a Django module, `extra` with SQL fragments is Django's.
        None if method == "extra"
            && imports.imports_module("django")
            && ["where", "select", "tables"]
                .iter()
                .any(|k| crate::lang::python::keyword_argument(call, k, source).is_some()) =>
        {
            let mut found = raw(api, true);
            found.query = ["where", "select", "order_by", "tables"]
                .iter()
                .find_map(|k| crate::lang::python::keyword_argument(call, k, source));
            found.runs = false;
            Some(found)
        }
        Some(Receiver::Model) if matches!(method, "raw" | "extra") => {
            let mut found = raw(api, true);
            if method == "extra" {
                // `.extra(where=[..], select={..})`: lists of SQL fragments
                // (evaluated item by item) that the queryset runs later.
                found.query = ["where", "select", "order_by", "tables"]
                    .iter()
                    .find_map(|k| crate::lang::python::keyword_argument(call, k, source));
                found.runs = false;
            }
            Some(found)
        }
        Some(Receiver::Model) if object.kind_name() == "identifier" && !MODEL_METHODS.contains(&method) => None,
        Some(Receiver::Model) if MODEL_METHODS.contains(&method) || QUERYSET_METHODS.contains(&method) => {
            Some(DbCall { runs: !is_subquery(call, source), ..orm(api) })
        }
        // `session.execute(stmt)` on an unknown receiver, where `stmt` is a
        // statement of SQLAlchemy's expression language (`delete(TokenOwner)
        // .where(..)`): the ORM's query, not SQL text.
        None if method == "execute"
            && first_argument(call, source).is_some_and(|q| is_core_statement(q, source, imports)) =>
        {
            Some(orm(api))
        }
        None if matches!(method, "execute" | "executemany" | "executescript") => Some(raw(api, false)),
        _ => None,
    }
}

/// Whether `node`, or the value a local name holds, builds a statement of
/// SQLAlchemy's expression language: a chain that starts at `select(..)`,
/// `insert(..)`, `update(..)` or `delete(..)` imported from `sqlalchemy`
/// (`delete(T).where(T.id == x)`).
fn is_core_statement(node: Node<'_>, source: &str, imports: &Imports) -> bool {
    let mut current = crate::lang::values::bound_value(node, source).unwrap_or(node);
    loop {
        if current.kind_name() != "call" {
            return false;
        }
        let Some(function) = current.field("function") else { return false };
        match function.kind_name() {
            "attribute" => match function.field("object") {
                Some(object) => current = object,
                None => return false,
            },
            "identifier" => {
                let qualified = imports.qualify(text(function, source));
                let Some(name) = qualified.strip_prefix("sqlalchemy.") else { return false };
                return matches!(name.rsplit('.').next(), Some("select" | "insert" | "update" | "delete"));
            }
            _ => return false,
        }
    }
}

/// Django queryset methods that only build a query: nothing runs until the
/// queryset is evaluated.
const LAZY_QUERYSET_METHODS: &[&str] = &[
    "all",
    "filter",
    "exclude",
    "annotate",
    "order_by",
    "values",
    "values_list",
    "select_related",
    "prefetch_related",
    "only",
    "defer",
    "distinct",
];

/// Whether a queryset chain is a subquery of another query: every method from
/// `call` to the end of its chain is lazy, and the chain is a lookup's value
/// (`id__in=Task.objects.filter(..)`) or the argument of `Exists(..)` /
/// `Subquery(..)`. It runs as part of the outer query, never on its own.
fn is_subquery(call: Node<'_>, source: &str) -> bool {
    let mut top = call;
    loop {
        let lazy = top
            .field("function")
            .and_then(|f| f.field("attribute"))
            .is_some_and(|m| LAZY_QUERYSET_METHODS.contains(&text(m, source)));
        if !lazy {
            return false;
        }
        // `qs.filter(..)` inside `qs.filter(..).exclude(..)`: climb to the outer call.
        match top.parent().filter(|p| p.kind_name() == "attribute").and_then(|a| a.parent()) {
            Some(outer) if outer.kind_name() == "call" => top = outer,
            _ => break,
        }
    }
    // `OuterRef("pk")` only means something inside an outer query: the chain
    // is a subquery wherever it is kept (`qs = X.objects.filter(event=OuterRef("pk"))`
    // then `Exists(qs)`).
    if refers_to_outer_query(top, source) {
        return true;
    }
    let Some(parent) = top.parent() else { return false };
    match parent.kind_name() {
        "keyword_argument" => true,
        "argument_list" => parent
            .parent()
            .and_then(|c| c.field("function"))
            .is_some_and(|f| matches!(super::last_name(text(f, source)), "Exists" | "Subquery")),
        _ => false,
    }
}

/// Whether a call of the chain that ends in `top` passes `OuterRef(..)` as
/// an argument (directly or inside `Q(..)`, `F(..)`).
fn refers_to_outer_query(top: Node<'_>, source: &str) -> bool {
    let mut current = Some(top);
    while let Some(call) = current.filter(|c| c.kind_name() == "call") {
        let outer_ref = call.field("arguments").is_some_and(|arguments| {
            crate::lang::descendants(arguments).any(|n| {
                n.kind_name() == "call"
                    && n.field("function").is_some_and(|f| super::last_name(text(f, source)) == "OuterRef")
            })
        });
        if outer_ref {
            return true;
        }
        current = call.field("function").and_then(|f| f.field("object"));
    }
    false
}

/// Name, call and comprehension chains are followed this deep when telling
/// whether a value is a number.
const MAX_NUMERIC_DEPTH: usize = 32;

/// Steps one question "is this a number" may take in all (names are
/// followed through several bindings, which could otherwise multiply).
const NUMERIC_STEPS: usize = 256;

thread_local! {
    static NUMERIC_BUDGET: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Takes one step of the current question's budget; `false` once spent.
fn spend_numeric_step() -> bool {
    NUMERIC_BUDGET.with(|b| {
        let left = b.get();
        b.set(left.saturating_sub(1));
        left > 0
    })
}

/// Whether the identifier `name` can only hold numbers where it is used: a
/// comprehension variable over numbers (`for k in keys` with `keys` built
/// from integer lock keys), or a local whose every assignment is numeric.
/// A number interpolated into SQL cannot change the statement.
fn holds_numbers_only(name: Node<'_>, source: &str) -> bool {
    NUMERIC_BUDGET.with(|b| b.set(NUMERIC_STEPS));
    if let Some(iterable) = comprehension_iterable(name, source) {
        return numeric_elements(iterable, source, 0);
    }
    bindings_all(name, source, |value| is_numeric(value, source, 1))
}

/// The iterable of the `for` clause of an enclosing comprehension that binds `name`.
fn comprehension_iterable<'t>(name: Node<'t>, source: &str) -> Option<Node<'t>> {
    let wanted = text(name, source);
    let mut node = name;
    while let Some(parent) = node.parent() {
        if matches!(
            parent.kind_name(),
            "list_comprehension" | "set_comprehension" | "generator_expression" | "dictionary_comprehension"
        ) {
            let clause = parent.named_child_nodes().find(|c| {
                c.kind_name() == "for_in_clause" && c.field("left").is_some_and(|l| text(l, source) == wanted)
            });
            if let Some(clause) = clause {
                return clause.field("right");
            }
        }
        if matches!(parent.kind_name(), "function_definition" | "lambda" | "module") {
            return None;
        }
        node = parent;
    }
    None
}

/// Whether every assignment to the identifier `name` in its function (or
/// module) gives a value `accepts`, and there is at least one; a parameter
/// or a name bound any other way (a `for`, a `with`, an unpacking) is not.
fn bindings_all(name: Node<'_>, source: &str, accepts: impl Fn(Node<'_>) -> bool) -> bool {
    let wanted = text(name, source);
    let Some(scope) = crate::lang::ancestor_of_kind(name, &["function_definition", "module"]) else { return false };
    if scope.kind_name() == "function_definition"
        && scope.field("parameters").is_some_and(|p| descendants(p).any(|n| text(n, source) == wanted))
    {
        return false;
    }
    let nested =
        |n: Node<'_>| n.id() != scope.id() && matches!(n.kind_name(), "function_definition" | "class_definition");
    let mut found = false;
    for node in crate::lang::descendants_pruned(scope, nested) {
        let binds = match node.kind_name() {
            "assignment" | "augmented_assignment" => node
                .field("left")
                .is_some_and(|l| descendants(l).any(|n| n.kind_name() == "identifier" && text(n, source) == wanted)),
            "for_statement" | "for_in_clause" | "as_pattern" | "named_expression" => {
                node.field("left").or_else(|| node.field("alias")).or_else(|| node.field("name")).is_some_and(
                    |target| descendants(target).any(|n| n.kind_name() == "identifier" && text(n, source) == wanted),
                )
            }
            _ => false,
        };
        if !binds {
            continue;
        }
        let plain = node.kind_name() == "assignment"
            && node.field("left").is_some_and(|l| l.kind_name() == "identifier" && text(l, source) == wanted);
        match node.field("right").filter(|_| plain) {
            Some(value) if accepts(value) => found = true,
            _ => return false,
        }
    }
    found
}

/// Whether an expression is a number: a numeric literal, a shift, `%` by
/// an integer, arithmetic of numbers, `len`/`int`/`abs`/`round`/`hash`/`ord`,
/// a local bound only to numbers, or a call of a same-file function whose
/// every `return` gives one.
fn is_numeric(node: Node<'_>, source: &str, depth: usize) -> bool {
    if depth > MAX_NUMERIC_DEPTH || !spend_numeric_step() {
        return false;
    }
    match node.kind_name() {
        "integer" | "float" => true,
        "parenthesized_expression" => node.named_child(0).is_some_and(|n| is_numeric(n, source, depth)),
        "unary_operator" => node.field("argument").is_some_and(|n| is_numeric(n, source, depth)),
        "binary_operator" => {
            let (Some(left), Some(right), Some(op)) = (node.field("left"), node.field("right"), node.field("operator"))
            else {
                return false;
            };
            match text(op, source) {
                "<<" | ">>" => true,
                // `x % 256`: a remainder, or a format whose only value is that integer.
                "%" => {
                    right.kind_name() == "integer"
                        || (is_numeric(left, source, depth + 1) && is_numeric(right, source, depth + 1))
                }
                "+" | "-" | "*" | "//" | "|" | "&" | "^" | "**" => {
                    is_numeric(left, source, depth + 1) && is_numeric(right, source, depth + 1)
                }
                _ => false,
            }
        }
        "call" => {
            let Some(function) = node.field("function") else { return false };
            if matches!(text(function, source), "len" | "int" | "abs" | "round" | "hash" | "ord") {
                return true;
            }
            function.kind_name() == "identifier" && {
                let defined = values::resolve(function, source);
                defined.kind_name() == "function_definition" && returns_numbers(defined, source, depth + 1)
            }
        }
        "identifier" => bindings_all(node, source, |value| is_numeric(value, source, depth + 1)),
        _ => false,
    }
}

/// Whether every `return` of a function gives a number (and it has one).
fn returns_numbers(function: Node<'_>, source: &str, depth: usize) -> bool {
    let Some(body) = function.field("body") else { return false };
    let nested = |n: Node<'_>| matches!(n.kind_name(), "function_definition" | "lambda" | "class_definition");
    let mut returns =
        crate::lang::descendants_pruned(body, nested).filter(|n| n.kind_name() == "return_statement").peekable();
    returns.peek().is_some() && returns.all(|r| r.named_child(0).is_some_and(|v| is_numeric(v, source, depth)))
}

/// Whether every element of a collection expression is a number: `sorted`,
/// `list`, `set`, `tuple` of such, set operations, both branches of a
/// conditional, a comprehension whose body is a number, a literal of
/// numbers, or a local bound only to such collections.
fn numeric_elements(node: Node<'_>, source: &str, depth: usize) -> bool {
    if depth > MAX_NUMERIC_DEPTH || !spend_numeric_step() {
        return false;
    }
    match node.kind_name() {
        "parenthesized_expression" => node.named_child(0).is_some_and(|n| numeric_elements(n, source, depth)),
        "call" => {
            let Some(function) = node.field("function") else { return false };
            if !matches!(text(function, source), "sorted" | "list" | "set" | "tuple" | "frozenset" | "reversed") {
                return false;
            }
            let Some(arguments) = node.field("arguments") else { return false };
            // `set(f(x) for x in xs)`: the generator is the argument list itself.
            if arguments.kind_name() == "generator_expression" {
                return numeric_elements(arguments, source, depth + 1);
            }
            let arguments: Vec<Node<'_>> =
                arguments.named_child_nodes().filter(|n| n.kind_name() != "comment").collect();
            match arguments.as_slice() {
                [] => true,
                [only] => numeric_elements(*only, source, depth + 1),
                _ => false,
            }
        }
        "binary_operator" => {
            let op = node.field("operator").map(|o| text(o, source));
            matches!(op, Some("|" | "&" | "-" | "^"))
                && node.field("left").is_some_and(|l| numeric_elements(l, source, depth + 1))
                && node.field("right").is_some_and(|r| numeric_elements(r, source, depth + 1))
        }
        "conditional_expression" => [node.named_child(0), node.named_child(2)]
            .into_iter()
            .all(|b| b.is_some_and(|b| numeric_elements(b, source, depth + 1))),
        "list_comprehension" | "set_comprehension" | "generator_expression" => {
            node.field("body").is_some_and(|b| is_numeric(b, source, depth + 1))
        }
        "list" | "tuple" | "set" => {
            let items: Vec<Node<'_>> = node.named_child_nodes().collect();
            items.iter().all(|i| is_numeric(*i, source, depth + 1))
        }
        "identifier" => bindings_all(node, source, |value| numeric_elements(value, source, depth + 1)),
        _ => false,
    }
}

/// Whether an expression is (or may be) a string rather than a SQLAlchemy
/// construct: a literal, an f-string, a `+`/`%` expression or a name.
/// `text("SELECT ..")` of SQLAlchemy (or SQLModel): SQL text wrapped for a
/// session or connection to run.
fn is_sql_text_call(node: Node<'_>, source: &str, imports: &Imports) -> bool {
    if node.kind_name() != "call" {
        return false;
    }
    let Some(callee) = node.field("function").and_then(|f| dotted_name(f, source)) else { return false };
    let qualified = imports.qualify(&callee);
    (qualified.starts_with("sqlalchemy") || qualified.starts_with("sqlmodel")) && qualified.ends_with(".text")
}

fn is_stringish(node: Node<'_>) -> bool {
    matches!(node.kind_name(), "string" | "concatenated_string" | "binary_operator" | "identifier")
}

/// How a receiver is named in messages: the dotted name, or the callee for
/// chains (`User.objects.filter(...)` -> `User.objects.filter(...)`).
fn receiver_label(object: Node<'_>, source: &str) -> String {
    dotted_name(object, source).unwrap_or_else(|| short(text(object, source)))
}

/// Whether a module-level value is a constant: literals, tuples/lists of
/// constants, `+` and f-strings of constants.
fn is_constant_expr(node: Node<'_>, source: &str, facts: &DbFacts) -> bool {
    constant_within(node, source, facts, 0)
}

/// Nesting beyond which an expression is not judged constant (generated code
/// can nest arrays thousands deep; recursion must stay bounded).
const MAX_CONSTANT_DEPTH: usize = 64;

fn constant_within(node: Node<'_>, source: &str, facts: &DbFacts, depth: usize) -> bool {
    if depth > MAX_CONSTANT_DEPTH {
        return false;
    }
    match node.kind_name() {
        "string" => node
            .named_child_nodes()
            .filter(|c| c.kind_name() == "interpolation")
            .all(|i| i.field("expression").is_some_and(|e| constant_within(e, source, facts, depth + 1))),
        "integer" | "float" | "true" | "false" | "none" | "concatenated_string" => true,
        "identifier" => facts.constants.contains(text(node, source)) || is_upper_case(text(node, source)),
        "binary_operator" => ["left", "right"]
            .iter()
            .all(|f| node.field(f).is_some_and(|c| constant_within(c, source, facts, depth + 1))),
        "tuple" | "list" | "parenthesized_expression" => {
            node.named_child_nodes().all(|c| constant_within(c, source, facts, depth + 1))
        }
        _ => false,
    }
}

/// The static pieces of a string literal or f-string, split at its
/// interpolations (`str.format` fields count as interpolations when the
/// literal is the receiver of `.format`).
pub(super) fn literal_parts(node: Node<'_>, source: &str) -> Option<Vec<String>> {
    match node.kind_name() {
        "string" => {
            let mut parts = vec![String::new()];
            let raw = text(node, source).split(['\'', '"']).next().is_some_and(|prefix| prefix.contains(['r', 'R']));
            for child in node.named_child_nodes() {
                match child.kind_name() {
                    "string_content" if raw => parts.last_mut()?.push_str(text(child, source)),
                    "string_content" => parts.last_mut()?.push_str(&unescape(text(child, source))),
                    "interpolation" => parts.push(String::new()),
                    _ => {}
                }
            }
            let formatted = node
                .parent()
                .filter(|p| p.kind_name() == "attribute")
                .and_then(|p| p.field("attribute"))
                .is_some_and(|a| text(a, source) == "format");
            if formatted {
                parts = parts.iter().flat_map(|p| split_braces(p)).collect::<Vec<_>>();
            }
            Some(parts)
        }
        "concatenated_string" => {
            let mut parts = vec![String::new()];
            for child in node.named_child_nodes() {
                let inner = literal_parts(child, source)?;
                let mut inner = inner.into_iter();
                if let Some(first) = inner.next() {
                    parts.last_mut()?.push_str(&first);
                }
                parts.extend(inner);
            }
            Some(parts)
        }
        _ => None,
    }
}

/// The text a (non-raw) literal's content stands for, as far as SQL cares:
/// escaped quotes and backslashes are the characters, `\n`, `\t` and `\r`
/// white space (`f'.. name = \'{name}\''` holds `name = '{name}'`).
fn unescape(content: &str) -> std::borrow::Cow<'_, str> {
    if !content.contains('\\') {
        return std::borrow::Cow::Borrowed(content);
    }
    let mut out = String::with_capacity(content.len());
    let mut chars = content.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(q @ ('\'' | '"' | '\\')) => out.push(q),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Splits `a {x} b {} c` into `["a ", " b ", " c"]`.
fn split_braces(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    parts.push(String::new());
                }
            }
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => parts.last_mut().expect("never empty").push(c),
            _ => {}
        }
    }
    parts
}

/// How the query argument of a sink was built.
/// Methods that return the SQL an ORM compiled for a query, with its
/// parameters kept apart for binding: Django's `query.sql_with_params()` and
/// a compiler's `as_sql()`. Their text holds placeholders, not values.
const COMPILED_QUERY_METHODS: &[&str] = &["sql_with_params", "as_sql"];

/// Whether `value` is a call of one of the [`COMPILED_QUERY_METHODS`].
fn is_compiled_query(value: Node<'_>, source: &str) -> bool {
    let mut value = value;
    while value.kind_name() == "parenthesized_expression" {
        match value.named_child(0) {
            Some(inner) => value = inner,
            None => return false,
        }
    }
    value.kind_name() == "call"
        && value
            .field("function")
            .and_then(|f| f.field("attribute"))
            .is_some_and(|m| COMPILED_QUERY_METHODS.contains(&text(m, source)))
}

/// The kinds of the scope whose bindings a query's value is read in.
pub(super) fn query_scope_kinds() -> &'static [&'static str] {
    &["function_definition"]
}

/// Python's knowledge for the query-string evaluator (`super::eval`).
pub(super) struct PythonSyntax;

impl Lang for PythonSyntax {
    fn shape<'t>(eval: &Eval<'_, '_, 't, Self>, node: Node<'t>) -> Shape<'t> {
        match node.kind_name() {
            "string" => {
                let holes = node
                    .named_child_nodes()
                    .filter(|c| c.kind_name() == "interpolation")
                    .filter_map(|i| i.field("expression"))
                    .collect();
                Shape::Template { holes, how: "an f-string" }
            }
            "concatenated_string" => Shape::AnyOf(node.named_child_nodes().collect()),
            "parenthesized_expression" => node.named_child(0).map_or(Shape::Unknown, Shape::Same),
            "binary_operator" if node.field("operator").is_some_and(|o| text(o, eval.source) == "%") => Shape::Other,
            "binary_operator" => Shape::plus(node, eval.source),
            "call" => Shape::Other,
            "identifier" => Shape::Name(node),
            "subscript" if values::is_constant_lookup(node, eval.source) => Shape::Constant,
            // SQL fragments in a list or a dictionary's values (`.extra(where=[..])`).
            "list" | "tuple" | "dictionary" => Shape::AnyOf(
                node.named_child_nodes()
                    .filter_map(|c| if c.kind_name() == "pair" { c.field("value") } else { Some(c) })
                    .filter(|c| c.kind_name() != "comment")
                    .collect(),
            ),
            // `"ASC" if up else "DESC"`: both branches, not the condition.
            "conditional_expression" => {
                Shape::AnyOf([node.named_child(0), node.named_child(2)].into_iter().flatten().collect())
            }
            _ => Shape::Unknown,
        }
    }

    fn other<'t>(eval: &mut Eval<'_, '_, 't, Self>, node: Node<'t>, at: usize) -> QueryValue<'t> {
        if node.kind_name() == "call" { eval.call(node, at) } else { eval.percent(node, at) }
    }

    fn binding<'t>(eval: &Eval<'_, '_, 't, Self>, n: Node<'t>, name: &str) -> Option<Binding<'t>> {
        // `for index in ["idx_a", "idx_b"]:` / `for table in TABLES:`.
        if n.kind_name() == "for_statement"
            && n.field("left").is_some_and(|l| text(l, eval.source) == name)
            && n.field("right").is_some_and(|r| eval.constant_items(r))
        {
            return Some(Binding::Constant);
        }
        if !matches!(n.kind_name(), "assignment" | "augmented_assignment") {
            return None;
        }
        let (left, right) = (n.field("left")?, n.field("right")?);
        // `sql, params = queryset.query.sql_with_params()`: SQL the ORM compiled.
        if matches!(left.kind_name(), "pattern_list" | "tuple_pattern") && n.kind_name() == "assignment" {
            let binds = left.named_child_nodes().any(|t| t.kind_name() == "identifier" && text(t, eval.source) == name);
            return binds
                .then(|| if is_compiled_query(right, eval.source) { Binding::Constant } else { Binding::Unknown });
        }
        if left.kind_name() != "identifier" || text(left, eval.source) != name {
            return None;
        }
        let statement = n.parent().filter(|p| p.kind_name() == "expression_statement").unwrap_or(n);
        let augmented = (n.kind_name() == "augmented_assignment").then_some("`+=` concatenation");
        Some(Binding::Assign { value: right, statement, augmented })
    }

    /// Checks a value interpolated into SQL text: `None` when it is safe (a
    /// constant, a number, a placeholder list), otherwise the hole.
    fn hole<'t>(
        eval: &mut Eval<'_, '_, 't, Self>,
        node: Node<'t>,
        at: usize,
        how: &'static str,
    ) -> Option<Dynamic<'t>> {
        match node.kind_name() {
            "integer" | "float" | "true" | "false" | "none" => return None,
            "string"
            | "concatenated_string"
            | "binary_operator"
            | "parenthesized_expression"
            | "conditional_expression" => {
                return eval.value(node, at).hole_or(|| eval.dynamic(node, how));
            }
            "identifier" => {
                let name = text(node, eval.source);
                let numeric = eval.int_parameter(name) || holds_numbers_only(node, eval.source);
                return eval.named_hole(node, name, at, how, numeric);
            }
            "attribute" => {
                let name = dotted_name(node, eval.source).unwrap_or_default();
                let last = name.rsplit('.').next().unwrap_or("");
                if is_upper_case(last)
                    || name.starts_with("self.")
                    || name.starts_with("cls.")
                    || name.contains("._meta.")
                    || last == "__tablename__"
                    || node.field("object").is_some_and(|o| eval.is_db_handle(o))
                {
                    return None;
                }
            }
            "call" => {
                let callee = node.field("function").and_then(|f| dotted_name(f, eval.source));
                if callee.as_deref().is_some_and(|c| matches!(c, "int" | "float" | "len" | "bool")) {
                    return None;
                }
                // `str(sql)`: the text of its argument.
                if callee.as_deref() == Some("str")
                    && let Some(arguments) = node.field("arguments")
                    && arguments.named_child_count() == 1
                    && let Some(argument) = arguments.named_child(0)
                {
                    return eval.hole(argument, at, how);
                }
                // `eval.call` also treats identifier quoting (`quote_name(..)`) as safe.
                if let QueryValue::Constant = eval.call(node, at) {
                    return None;
                }
            }
            _ => {}
        }
        Some(eval.dynamic(node, how))
    }
}

impl<'t> Eval<'_, '_, 't, PythonSyntax> {
    /// `"..." % (a, b)`, `"..." % {"k": v}`: each formatted value is a hole
    /// of a constant template.
    fn percent(&mut self, node: Node<'t>, at: usize) -> QueryValue<'t> {
        let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
            return QueryValue::Unknown;
        };
        let left_value = self.value(left, at);
        if let QueryValue::Dynamic(d) = left_value {
            return QueryValue::Dynamic(d);
        }
        if !matches!(left.kind_name(), "string" | "concatenated_string") && !left_value.is_constant() {
            return QueryValue::Unknown;
        }
        let items: Vec<Node<'t>> = if matches!(right.kind_name(), "tuple" | "parenthesized_expression") {
            right.named_child_nodes().collect()
        } else if right.kind_name() == "dictionary" {
            right.named_child_nodes().filter_map(|p| p.field("value")).collect()
        } else {
            vec![right]
        };
        self.first_hole(items, at, "`%` formatting")
    }

    fn call(&mut self, node: Node<'t>, at: usize) -> QueryValue<'t> {
        let Some(function) = node.field("function") else { return QueryValue::Unknown };
        // A quoted identifier (`table = quote_name(self._table)`) is safe to
        // interpolate: identifiers cannot be bound, quoting is the safe form.
        let last = match function.kind_name() {
            "identifier" => Some(text(function, self.source)),
            "attribute" => function.field("attribute").map(|a| text(a, self.source)),
            _ => None,
        };
        if last.is_some_and(super::is_identifier_quoting) {
            return QueryValue::Constant;
        }
        if function.kind_name() != "attribute" {
            return QueryValue::Unknown;
        }
        let (Some(object), Some(method)) = (function.field("object"), function.field("attribute")) else {
            return QueryValue::Unknown;
        };
        // A fragment from the database handle itself (`db.timestamp_placeholder("at")`,
        // `connection.ops.quote_name(..)`): dialect SQL, placeholders or quoting.
        if self.is_db_handle(object) {
            return QueryValue::Constant;
        }
        // Comments between the arguments are children of the list too.
        let arguments: Vec<Node<'t>> = node
            .field("arguments")
            .map(|a| a.named_child_nodes().filter(|c| c.kind_name() != "comment").collect())
            .unwrap_or_default();
        match text(method, self.source) {
            "format" => {
                // Positional and keyword values alike.
                let values = arguments
                    .iter()
                    .filter_map(|a| if a.kind_name() == "keyword_argument" { a.field("value") } else { Some(*a) })
                    .collect();
                self.formatted(object, values, at, "`.format()`")
            }
            "join" if object.kind_name() == "string" => {
                let Some(items) = arguments.first().copied() else { return QueryValue::Constant };
                if self.placeholder_list(items) {
                    return QueryValue::Constant;
                }
                match self.value(items, at) {
                    QueryValue::Dynamic(d) => QueryValue::Dynamic(d),
                    QueryValue::Constant => QueryValue::Constant,
                    QueryValue::Unknown => match items.kind_name() {
                        // `", ".join(f"lock({k})" for k in keys)`: the pieces are the body's values.
                        "list_comprehension" | "generator_expression" | "set_comprehension" => {
                            match items.field("body").map(|b| self.value(b, at)) {
                                Some(QueryValue::Dynamic(d)) => QueryValue::Dynamic(d),
                                Some(QueryValue::Constant) => QueryValue::Constant,
                                _ => QueryValue::Unknown,
                            }
                        }
                        "list" | "tuple" => {
                            let elements: Vec<Node<'t>> = items.named_child_nodes().collect();
                            for element in elements {
                                if let Some(d) = self.hole(element, at, "`str.join`") {
                                    return QueryValue::Dynamic(d);
                                }
                            }
                            QueryValue::Constant
                        }
                        _ => QueryValue::Unknown,
                    },
                }
            }
            "strip" | "lstrip" | "rstrip" | "upper" | "lower" | "replace" => self.value(object, at),
            _ => QueryValue::Unknown,
        }
    }

    /// `["%s"] * len(ids)`, `"?" * n`, `("?" for _ in ids)`: lists of placeholders.
    fn placeholder_list(&self, node: Node<'_>) -> bool {
        let mut strings = descendants(node).filter(|n| n.kind_name() == "string").peekable();
        strings.peek().is_some()
            && strings.all(|s| string_value(s, self.source).is_some_and(is_placeholder_text))
            && matches!(node.kind_name(), "binary_operator" | "generator_expression" | "list_comprehension" | "list")
    }

    /// A literal list or tuple of strings, or a constant name: the items a
    /// loop over it binds are constants.
    fn constant_items(&self, node: Node<'_>) -> bool {
        match node.kind_name() {
            "list" | "tuple" => {
                let plain = |c: Node<'_>| {
                    c.kind_name() == "string" && !c.named_child_nodes().any(|p| p.kind_name() == "interpolation")
                };
                node.named_child_nodes().all(plain)
            }
            "identifier" => {
                let name = text(node, self.source);
                if self.facts.constants.contains(name)
                    || (is_upper_case(name) && !self.facts.non_constants.contains(name))
                {
                    return true;
                }
                // A local list assigned once, from literals, before the loop.
                let Some(scope) = self.scope else { return false };
                let mut assignments =
                    descendants(scope).take_while(|n| n.start_byte() < node.start_byte()).filter(|n| {
                        matches!(n.kind_name(), "assignment" | "augmented_assignment")
                            && n.field("left").is_some_and(|l| text(l, self.source) == name)
                    });
                let first = assignments.next();
                assignments.next().is_none()
                    && first.is_some_and(|a| {
                        a.kind_name() == "assignment"
                            && a.field("right")
                                .is_some_and(|r| matches!(r.kind_name(), "list" | "tuple") && self.constant_items(r))
                    })
            }
            _ => false,
        }
    }

    /// Whether `object` is a database handle (a tracked receiver, or a
    /// conventional name such as `db`, `conn`, `database`): its attributes
    /// and helper calls (`db.timestamp_now`, `db.blob`) are dialect SQL, not
    /// input.
    fn is_db_handle(&self, object: Node<'_>) -> bool {
        let object = match object.kind_name() {
            "parenthesized_expression" => object.named_child(0).unwrap_or(object),
            _ => object,
        };
        let Some(name) = dotted_name(object, self.source) else { return false };
        self.facts.receivers.get(&name).is_some_and(|r| !matches!(r, Receiver::Model))
            || (!self.facts.not_db.contains(&name) && conventional(&name).is_some())
    }

    /// Whether `name` is a parameter of the enclosing function annotated as a
    /// number (`limit: int`): a number cannot inject SQL.
    fn int_parameter(&self, name: &str) -> bool {
        let Some(parameters) = self.scope.and_then(|s| s.field("parameters")) else { return false };
        parameters.named_child_nodes().any(|p| {
            matches!(p.kind_name(), "typed_parameter" | "typed_default_parameter")
                && text(p, self.source).starts_with(name)
                && p.field("type").is_some_and(|t| matches!(text(t, self.source), "int" | "float" | "bool"))
                && p.named_child(0).is_some_and(|n| text(n, self.source) == name)
        })
    }
}
