//! Rust database knowledge: sqlx (`query`, `query_as`, `query_scalar`,
//! `raw_sql`, `QueryBuilder::push`; the `query!` macros are checked at
//! compile time), diesel (`sql_query`, `dsl::sql`, `load`/`get_result`),
//! rusqlite, tokio-postgres/postgres, sea-orm (`Statement::from_string`) and
//! mysql_async.

use crate::lang::NodeExt;
use tree_sitter::Node;

use super::eval::{Binding, Eval, Lang, Shape};
use super::{
    DbCall, DbCallKind, DbFacts, Dynamic, QueryValue, Receiver, Template, is_placeholder_text, is_upper_case, short,
};
use crate::lang::rust::{Uses, arguments, call_path, method_name, method_receiver};
use crate::lang::{descendants, text};

const CRATES: &[&str] = &[
    "sqlx",
    "diesel",
    "rusqlite",
    "tokio_postgres",
    "postgres",
    "sea_orm",
    "mysql_async",
    "mysql",
    "deadpool_postgres",
    "bb8_postgres",
    "r2d2_sqlite",
];

/// sqlx functions whose first argument is SQL text.
const SQLX_FUNCTIONS: &[&str] =
    &["query", "query_as", "query_scalar", "query_with", "query_as_with", "query_scalar_with", "raw_sql"];

/// Methods of connections, clients and pools that take SQL text first
/// (rusqlite, tokio-postgres, mysql_async, sqlx `Executor`).
const RAW_METHODS: &[&str] = &[
    "execute",
    "query",
    "query_one",
    "query_opt",
    "query_row",
    "query_map",
    "query_raw",
    "prepare",
    "prepare_cached",
    "execute_batch",
    "batch_execute",
    "simple_query",
    "query_drop",
    "query_first",
    "query_iter",
    "exec",
    "exec_drop",
    "exec_first",
    "exec_iter",
    "exec_batch",
    "fetch_all",
    "fetch_one",
    "fetch_optional",
    "fetch",
];

/// Methods that run a built query against a connection passed as argument:
/// sqlx `fetch_one(&pool)`, diesel `load(&mut conn)`, sea-orm `all(&db)`.
const RUN_METHODS: &[&str] = &[
    "fetch_one",
    "fetch_all",
    "fetch_optional",
    "fetch",
    "execute",
    "load",
    "get_result",
    "get_results",
    "first",
    "all",
    "one",
    "exec",
    "exec_with_returning",
];

fn conventional(name: &str) -> Option<Receiver> {
    let last = name.rsplit('.').next().unwrap_or(name).trim_start_matches('_');
    match last {
        "pool" | "db" | "conn" | "connection" | "client" | "tx" | "transaction" | "executor" | "db_pool" | "pg" => {
            Some(Receiver::Connection)
        }
        _ => None,
    }
}

/// Database types whose name is specific enough without a `use`.
const DB_TYPES: &[&str] = &[
    "PgPool",
    "MySqlPool",
    "SqlitePool",
    "AnyPool",
    "PgConnection",
    "MySqlConnection",
    "SqliteConnection",
    "DatabaseConnection",
    "DatabaseTransaction",
    "QueryBuilder",
];

/// Whether a type comes from a crate that is not a database crate
/// (`reqwest::Client`, `&hyper::Client<..>`).
fn foreign_type(ty: &str, uses: &Uses) -> bool {
    let ty = ty.trim_start_matches('&').trim_start_matches("mut ").trim();
    let base = ty.split('<').next().unwrap_or(ty);
    let qualified = uses.qualify(base);
    qualified
        .split_once("::")
        .is_some_and(|(krate, _)| !CRATES.contains(&krate) && !matches!(krate, "crate" | "self" | "super"))
}

fn type_receiver(ty: &str, uses: &Uses) -> Option<Receiver> {
    let mut ty = ty.trim_start_matches('&');
    if ty.starts_with('\'') {
        // A lifetime: `&'a PgPool`.
        ty = ty.split_once(' ').map(|(_, rest)| rest).unwrap_or(ty);
    }
    let ty = ty.trim_start().trim_start_matches("mut ").trim();
    let base = ty.split('<').next().unwrap_or(ty);
    let last = base.rsplit("::").next().unwrap_or(base);
    // `reqwest::Client` is not `tokio_postgres::Client`: a qualified or imported
    // type must come from a database crate; a bare name must be unambiguous or
    // carry a database in its generics (`Pool<Postgres>`).
    let qualified = uses.qualify(base);
    let from_db = match qualified.split_once("::") {
        Some((krate, _)) => CRATES.contains(&krate),
        None => {
            DB_TYPES.contains(&last)
                || ["Postgres", "Sqlite", "MySql", "Any"].iter().any(|d| ty.contains(&format!("<{d}>")))
        }
    };
    if !from_db {
        return None;
    }
    if last == "QueryBuilder" {
        return Some(Receiver::QueryBuilder);
    }
    matches!(
        last,
        "Pool"
            | "PgPool"
            | "MySqlPool"
            | "SqlitePool"
            | "AnyPool"
            | "PgConnection"
            | "MySqlConnection"
            | "SqliteConnection"
            | "Connection"
            | "Client"
            | "Transaction"
            | "DatabaseConnection"
            | "DatabaseTransaction"
            | "Conn"
            | "PooledConnection"
            | "Object"
    )
    .then_some(Receiver::Connection)
}

/// Whether the text names a path in one of the database [`CRATES`]
/// (`sqlx::`): one search for all of them, as a file-level pre-test.
fn names_a_database_crate(source: &str) -> bool {
    static PATHS: crate::lang::Words = crate::lang::Words::followed_by(CRATES, "::");
    PATHS.in_text(source)
}

/// The node kinds [`collect`] reads (the file's nodes of these kinds, in
/// document order, come from the shared node index).
pub(super) const COLLECT_KINDS: &[&str] =
    &["const_item", "field_declaration", "let_declaration", "parameter", "static_item"];

pub(super) fn collect<'t>(nodes: Vec<Node<'t>>, source: &str, uses: &Uses) -> DbFacts {
    let uses_db = names_a_database_crate(source);
    let mut facts = DbFacts { uses_db, ..DbFacts::default() };
    if !uses_db {
        // Constants still matter for query values.
    }
    for node in nodes {
        match node.kind_name() {
            "const_item" | "static_item" => {
                if let Some(name) = node.field("name") {
                    facts.constants.insert(text(name, source).to_string());
                }
            }
            "parameter" if uses_db => {
                let (Some(pattern), Some(ty)) = (node.field("pattern"), node.field("type")) else {
                    continue;
                };
                let name = text(pattern, source).trim_start_matches("mut ").to_string();
                if let Some(kind) = type_receiver(text(ty, source), uses) {
                    facts.receivers.insert(name, kind);
                } else if foreign_type(text(ty, source), uses) {
                    facts.not_db.insert(name);
                }
            }
            "field_declaration" if uses_db => {
                let (Some(name), Some(ty)) = (node.field("name"), node.field("type")) else {
                    continue;
                };
                if let Some(kind) = type_receiver(text(ty, source), uses) {
                    facts.receivers.insert(format!("self.{}", text(name, source)), kind);
                }
            }
            "let_declaration" if uses_db => {
                let (Some(pattern), Some(value)) = (node.field("pattern"), node.field("value")) else {
                    continue;
                };
                let value_text = text(value, source);
                let name = text(pattern, source).trim_start_matches("mut ").trim();
                let constructor = value_text.split('(').next().unwrap_or("");
                if foreign_type(constructor.rsplit_once("::").map(|(t, _)| t).unwrap_or(""), uses)
                    || node.field("type").is_some_and(|t| foreign_type(text(t, source), uses))
                {
                    // `let client = reqwest::Client::new();`
                    facts.not_db.insert(name.to_string());
                    continue;
                }
                let kind = if let Some(ty) = node.field("type") {
                    type_receiver(text(ty, source), uses)
                } else if value_text.contains("QueryBuilder::") {
                    Some(Receiver::QueryBuilder)
                } else if [
                    "Pool",
                    "Connection::open",
                    "sqlx::",
                    "tokio_postgres::connect",
                    "postgres::Client",
                    "get_conn",
                    ".acquire()",
                    ".begin()",
                    "Database::connect",
                    "establish(",
                ]
                .iter()
                .any(|p| value_text.contains(p))
                {
                    Some(Receiver::Connection)
                } else {
                    None
                };
                if let Some(kind) = kind {
                    match pattern.kind_name() {
                        "identifier" => {
                            facts.receivers.insert(text(pattern, source).to_string(), kind);
                        }
                        "tuple_pattern" => {
                            // `let (client, connection) = tokio_postgres::connect(..)`.
                            if let Some(first) = pattern.named_child(0) {
                                facts.receivers.insert(text(first, source).to_string(), kind);
                            }
                        }
                        _ => {
                            let name = text(pattern, source).trim_start_matches("mut ").trim();
                            if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                                facts.receivers.insert(name.to_string(), kind);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    facts
}

/// A receiver as written, without the borrows and derefs around it
/// (`&mut *conn` is `conn`, `(&pool)` is `pool`); a call keeps its
/// parentheses (`query_builder.build()`).
fn receiver_name(node: Node<'_>, source: &str) -> String {
    let mut t = text(node, source).trim();
    while let Some(inner) = t.strip_prefix('(').and_then(|i| i.strip_suffix(')')) {
        t = inner.trim();
    }
    t.trim_start_matches(['&', '*']).trim_start_matches("mut ").trim_start_matches(['&', '*']).trim().to_string()
}

fn receiver_of(node: Node<'_>, source: &str, facts: &DbFacts) -> Option<Receiver> {
    let name = receiver_name(node, source);
    if let Some(kind) = facts.receivers.get(&name) {
        return Some(*kind);
    }
    if !facts.uses_db
        || facts.not_db.contains(&name)
        || !name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    {
        return None;
    }
    conventional(&name)
}

pub(super) fn classify<'t>(call: Node<'t>, source: &str, uses: &Uses, facts: &DbFacts) -> Option<DbCall<'t>> {
    let make = |kind: DbCallKind, api: String, query: Option<Node<'t>>, confident: bool, safe: bool| DbCall {
        call,
        kind,
        api,
        query,
        confident,
        safe_by_construction: safe,
        runs: true,
    };
    if call.kind_name() == "macro_invocation" {
        let name = text(call.field("macro")?, source);
        let last = name.rsplit("::").next().unwrap_or(name);
        let sqlx = name.starts_with("sqlx::") || (facts.uses_db && source.contains("sqlx"));
        if sqlx
            && matches!(
                last,
                "query"
                    | "query_as"
                    | "query_scalar"
                    | "query_unchecked"
                    | "query_as_unchecked"
                    | "query_file"
                    | "query_file_as"
            )
        {
            return Some(make(DbCallKind::RawSql, format!("{name}!"), None, true, true));
        }
        return None;
    }
    if call.kind_name() != "call_expression" {
        return None;
    }
    // Cheap filter before any allocation: the called name must be one we know.
    let function = call.field("function")?;
    let called = match function.kind_name() {
        "field_expression" => text(function.field("field")?, source),
        "generic_function" => {
            let inner = function.field("function")?;
            text(inner, source).rsplit("::").next().unwrap_or("")
        }
        _ => text(function, source).rsplit("::").next().unwrap_or(""),
    };
    if !RAW_METHODS.contains(&called)
        && !RUN_METHODS.contains(&called)
        && !SQLX_FUNCTIONS.contains(&called)
        && !matches!(called, "push" | "sql_query" | "sql" | "from_string" | "from_sql_and_values" | "new")
    {
        return None;
    }
    let args = arguments(call);
    if let Some(path) = call_path(call, source) {
        let qualified = uses.qualify(path);
        let last = qualified.rsplit("::").next().unwrap_or("");
        let krate = qualified.split("::").next().unwrap_or("");
        if krate == "sqlx" && SQLX_FUNCTIONS.contains(&last) {
            return Some(make(DbCallKind::RawSql, path.to_string(), args.first().copied(), true, false));
        }
        if krate == "diesel" && matches!(last, "sql_query" | "sql") {
            return Some(make(DbCallKind::RawSql, path.to_string(), args.first().copied(), true, false));
        }
        if (krate == "sea_orm" || qualified.ends_with("Statement::from_string") && source.contains("sea_orm"))
            && matches!(last, "from_string" | "from_sql_and_values")
        {
            return Some(make(DbCallKind::RawSql, path.to_string(), args.get(1).copied(), true, false));
        }
        if (krate == "sqlx" || qualified.starts_with("QueryBuilder")) && qualified.ends_with("QueryBuilder::new") {
            let builder = make(DbCallKind::RawSql, path.to_string(), args.first().copied(), true, false);
            return Some(DbCall { runs: false, ..builder });
        }
        return None;
    }
    let method = text(method_name(call)?, source);
    let object = method_receiver(call)?;
    let api = match chain_root(object, source) {
        Some(root) => format!("{root}.{method}"),
        None => format!("{}.{method}", super::short(&receiver_name(object, source))),
    };
    match receiver_of(object, source, facts) {
        Some(Receiver::QueryBuilder) if method == "push" => {
            Some(DbCall { runs: false, ..make(DbCallKind::RawSql, api, args.first().copied(), true, false) })
        }
        Some(Receiver::Connection) if RAW_METHODS.contains(&method) => {
            let query = args.first().copied()?;
            let stringish = matches!(
                query.kind_name(),
                "string_literal"
                    | "raw_string_literal"
                    | "reference_expression"
                    | "identifier"
                    | "macro_invocation"
                    | "field_expression"
            ) || query.kind_name() == "call_expression" && text(query, source).ends_with(".as_str()");
            if stringish && !is_built_query(query, source, uses, facts) {
                Some(make(DbCallKind::RawSql, api, Some(query), true, false))
            } else {
                Some(make(DbCallKind::Orm, api, None, true, false))
            }
        }
        _ if RUN_METHODS.contains(&method) && facts.uses_db => {
            // `query.fetch_one(&pool)`, `users.load(&mut conn)`.
            let connection = args.first()?;
            receiver_of(*connection, source, facts)
                .filter(|k| *k == Receiver::Connection)
                .map(|_| make(DbCallKind::Orm, api, None, true, false))
        }
        _ => None,
    }
}

/// For a receiver that is a call chain (`sqlx::query(..).bind(x)`), the
/// chain's root call as `sqlx::query(..)`; `None` for plain receivers.
fn chain_root(object: Node<'_>, source: &str) -> Option<String> {
    let mut current = object;
    loop {
        match current.kind_name() {
            "call_expression" => {
                if let Some(path) = call_path(current, source) {
                    return Some(format!("{path}(..)"));
                }
                current = method_receiver(current)?;
            }
            "macro_invocation" => {
                let name = text(current.field("macro")?, source);
                return Some(format!("{name}!(..)"));
            }
            "await_expression" | "try_expression" => current = current.named_child(0)?,
            _ => return None,
        }
    }
}

/// Whether an argument is a built query object (`sqlx::query(..)`) rather than SQL text.
fn is_built_query(node: Node<'_>, source: &str, uses: &Uses, facts: &DbFacts) -> bool {
    let inner = if node.kind_name() == "reference_expression" { node.field("value").unwrap_or(node) } else { node };
    inner.kind_name() == "call_expression" && classify(inner, source, uses, facts).is_some()
}

/// The static pieces of a string literal; `format!` strings are split at
/// their `{}` fields.
pub(super) fn literal_parts(node: Node<'_>, source: &str) -> Option<Vec<String>> {
    if !matches!(node.kind_name(), "string_literal" | "raw_string_literal") {
        return None;
    }
    let mut content = String::new();
    for child in node.named_child_nodes() {
        if matches!(child.kind_name(), "string_content" | "escape_sequence") {
            content.push_str(text(child, source));
        }
    }
    let in_format = node
        .parent()
        .filter(|p| p.kind_name() == "token_tree")
        .and_then(|p| p.parent())
        .filter(|m| m.kind_name() == "macro_invocation")
        .and_then(|m| m.field("macro"))
        .is_some_and(|m| {
            matches!(text(m, source).rsplit("::").next(), Some("format" | "write" | "writeln" | "format_args"))
        });
    if !in_format {
        return Some(vec![content]);
    }
    Some(format_fields(&content).0)
}

/// Splits a format string into its static parts and the names of its
/// fields (`""` for positional `{}` / `{0}`).
fn format_fields(format: &str) -> (Vec<String>, Vec<String>) {
    let mut parts = vec![String::new()];
    let mut names = Vec::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                parts.last_mut().expect("never empty").push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                parts.last_mut().expect("never empty").push('}');
            }
            '{' => {
                let mut field = String::new();
                for f in chars.by_ref() {
                    if f == '}' {
                        break;
                    }
                    field.push(f);
                }
                let name = field.split(':').next().unwrap_or("").trim().to_string();
                names.push(if name.chars().all(|c| c.is_ascii_digit()) { String::new() } else { name });
                parts.push(String::new());
            }
            _ => parts.last_mut().expect("never empty").push(c),
        }
    }
    (parts, names)
}

/// The kinds of the scope whose bindings a query's value is read in.
pub(super) fn query_scope_kinds() -> &'static [&'static str] {
    &["function_item"]
}

/// Rust's knowledge for the query-string evaluator (`super::eval`).
pub(super) struct RustSyntax;

impl Lang for RustSyntax {
    fn shape<'t>(eval: &Eval<'_, '_, 't, Self>, node: Node<'t>) -> Shape<'t> {
        match node.kind_name() {
            "string_literal" | "raw_string_literal" => Shape::Constant,
            "match_expression" | "index_expression" if crate::lang::values::is_constant_lookup(node, eval.source) => {
                Shape::Constant
            }
            "reference_expression" | "parenthesized_expression" => {
                node.field("value").or_else(|| node.named_child(0)).map_or(Shape::Unknown, Shape::Same)
            }
            "macro_invocation" | "call_expression" => Shape::Other,
            "binary_expression" => Shape::plus(node, eval.source),
            // `sanitize_identifier(name).ok_or(..)?`: the value of what it unwraps.
            "try_expression" => node.named_child(0).map_or(Shape::Unknown, Shape::Same),
            "identifier" => Shape::Name(node),
            _ => Shape::Unknown,
        }
    }

    fn other<'t>(eval: &mut Eval<'_, '_, 't, Self>, node: Node<'t>, at: usize) -> QueryValue<'t> {
        if node.kind_name() == "macro_invocation" { eval.macro_value(node, at) } else { eval.call(node, at) }
    }

    fn binding<'t>(eval: &Eval<'_, '_, 't, Self>, n: Node<'t>, name: &str) -> Option<Binding<'t>> {
        // `for table in TABLES { .. }`: each item of a constant list.
        if n.kind_name() == "for_expression"
            && n.field("pattern").is_some_and(|p| text(p, eval.source) == name)
            && n.field("value").is_some_and(|v| eval.constant_iterable(v))
        {
            return Some(Binding::Constant);
        }
        // `let ms: i64 = ..`, `let pages = cfg.fstype as u32`, `let cache =
        // 33554432 / pages`: a number cannot carry SQL.
        if n.kind_name() == "let_declaration"
            && n.field("pattern").is_some_and(|p| text(p, eval.source).trim_start_matches("mut ") == name)
            && (n.field("type").is_some_and(|t| crate::lang::rust::is_number_type(text(t, eval.source)))
                || n.field("value").is_some_and(|v| is_number_expression(v, eval.source)))
        {
            return Some(Binding::Constant);
        }
        let (target, value, augmented) = match n.kind_name() {
            "let_declaration" => (n.field("pattern")?, n.field("value")?, None),
            "assignment_expression" => (n.field("left")?, n.field("right")?, None),
            "compound_assignment_expr" => (n.field("left")?, n.field("right")?, Some("`+=` concatenation")),
            // `q.push_str(x)`.
            "call_expression" if method_name(n).is_some_and(|m| text(m, eval.source) == "push_str") => {
                (method_receiver(n)?, arguments(n).first().copied()?, Some("`push_str`"))
            }
            _ => return None,
        };
        if text(target, eval.source).trim_start_matches("mut ") != name {
            return None;
        }
        let statement = if n.kind_name() == "let_declaration" {
            n
        } else {
            crate::lang::ancestor_of_kind(n, &["let_declaration", "expression_statement"]).unwrap_or(n)
        };
        Some(Binding::Assign { value, statement, augmented })
    }

    fn hole<'t>(
        eval: &mut Eval<'_, '_, 't, Self>,
        node: Node<'t>,
        at: usize,
        how: &'static str,
    ) -> Option<Dynamic<'t>> {
        match node.kind_name() {
            "integer_literal" | "float_literal" | "boolean_literal" => None,
            "identifier" => {
                let name = text(node, eval.source);
                let numeric = eval.number_parameter(name);
                eval.named_hole(node, name, at, how, numeric)
            }
            _ => eval.value(node, at).hole_or(|| eval.dynamic(node, how)),
        }
    }
}

/// Whether an expression is a number by its form: a cast to a number type
/// (`cfg.fstype as u32`), or arithmetic other than `+` (which also joins
/// strings), or `+` with a number literal or cast on one side.
fn is_number_expression(node: Node<'_>, source: &str) -> bool {
    match node.kind_name() {
        "integer_literal" | "float_literal" => true,
        "parenthesized_expression" => node.named_child(0).is_some_and(|n| is_number_expression(n, source)),
        "type_cast_expression" => {
            node.field("type").is_some_and(|t| crate::lang::rust::is_number_type(text(t, source)))
        }
        "binary_expression" => match node.field("operator").map(|o| text(o, source)) {
            Some("*" | "/" | "%" | "-" | "<<" | ">>") => true,
            Some("+") => [node.field("left"), node.field("right")]
                .into_iter()
                .flatten()
                .any(|side| is_number_expression(side, source)),
            _ => false,
        },
        _ => false,
    }
}

impl<'t> Eval<'_, '_, 't, RustSyntax> {
    /// A call that passes text on (`.to_string()`, `String::from(..)`,
    /// `.unwrap()`), builds it (`[..].concat()`, `.join(..)`), or quotes an
    /// identifier.
    fn call(&mut self, node: Node<'t>, at: usize) -> QueryValue<'t> {
        if let Some(path) = call_path(node, self.source) {
            if super::is_identifier_quoting(path.rsplit("::").next().unwrap_or(path)) {
                return QueryValue::Constant;
            }
            if matches!(path, "String::from" | "String::new") {
                return match arguments(node).first() {
                    Some(a) => self.value(*a, at),
                    None => QueryValue::Constant,
                };
            }
            return QueryValue::Unknown;
        }
        let (Some(method), Some(object)) = (method_name(node), method_receiver(node)) else {
            return QueryValue::Unknown;
        };
        match text(method, self.source) {
            "to_string" | "to_owned" | "as_str" | "as_ref" | "clone" | "into" | "trim" | "unwrap" | "expect"
            | "ok_or" | "ok_or_else" | "map_err" => self.value(object, at),
            "concat" | "join" => {
                if descendants(object).any(|n| n.kind_name() == "string_literal")
                    && descendants(object)
                        .filter(|n| n.kind_name() == "string_literal")
                        .all(|s| literal_parts(s, self.source).is_some_and(|p| is_placeholder_text(&p.concat())))
                {
                    return QueryValue::Constant;
                }
                if object.kind_name() == "array_expression" {
                    let elements: Vec<Node<'t>> = object.named_child_nodes().collect();
                    for element in elements {
                        if let Some(d) = self.hole(element, at, "`concat`") {
                            return QueryValue::Dynamic(d);
                        }
                    }
                    return QueryValue::Constant;
                }
                QueryValue::Unknown
            }
            _ => QueryValue::Unknown,
        }
    }

    /// `format!("..{x}..", y)`: the inline names and the positional arguments are holes.
    fn macro_value(&mut self, node: Node<'t>, at: usize) -> QueryValue<'t> {
        let Some(name) = node.field("macro").map(|m| text(m, self.source)) else {
            return QueryValue::Unknown;
        };
        let name = name.rsplit("::").next().unwrap_or(name);
        if name == "concat" || name == "include_str" {
            return QueryValue::Constant;
        }
        if name != "format" {
            return QueryValue::Unknown;
        }
        let Some(tree) = node.named_children(&mut node.walk()).find(|c| c.kind_name() == "token_tree") else {
            return QueryValue::Unknown;
        };
        let tokens: Vec<Node<'t>> = tree.child_nodes().collect();
        let Some(format) =
            tokens.iter().find(|t| matches!(t.kind_name(), "string_literal" | "raw_string_literal")).copied()
        else {
            return QueryValue::Unknown;
        };
        let content = literal_parts(format, self.source).map(|_| {
            let raw = text(format, self.source);
            raw.trim_start_matches('r').trim_matches('#').trim_matches('"').to_string()
        });
        let (parts, names) = format_fields(&content.unwrap_or_default());
        // The arguments: token groups after the format string, split at
        // top-level commas; `name = expr` groups are named.
        let mut groups: Vec<Vec<Node<'t>>> = Vec::new();
        let mut after_format = false;
        for token in tokens {
            if token.id() == format.id() {
                after_format = true;
                continue;
            }
            if !after_format || matches!(token.kind_name(), "(" | ")" | "[" | "]" | "{" | "}") {
                continue;
            }
            if token.kind_name() == "," {
                groups.push(Vec::new());
                continue;
            }
            if let Some(group) = groups.last_mut() {
                group.push(token);
            }
        }
        let mut positional = Vec::new();
        let mut named = Vec::new();
        for group in groups.into_iter().filter(|g| !g.is_empty()) {
            match group.iter().position(|t| t.kind_name() == "=") {
                Some(i) if i > 0 => named.push((text(group[0], self.source), group[i + 1..].to_vec())),
                _ => positional.push(group),
            }
        }
        // Each field in order: its value, and the literal text in front of it.
        let mut first = None::<Dynamic<'t>>;
        let mut before_holes = Vec::new();
        let mut literal = String::new();
        let mut next_positional = positional.iter();
        for (i, name) in names.iter().enumerate() {
            literal.push_str(&parts[i]);
            let argument = match named.iter().find(|(n, _)| n == name) {
                Some((_, tokens)) => Some(tokens),
                None if name.is_empty() => next_positional.next(),
                None => None,
            };
            let hole = match argument {
                Some(tokens) => self.argument_hole(tokens, at),
                None => self.hole_name(name, format, at),
            };
            if let Some(d) = hole {
                before_holes.push(literal.clone());
                first.get_or_insert(d);
            }
        }
        match first {
            Some(d) => {
                let text = parts.concat();
                QueryValue::Dynamic(Dynamic { template: Some(Template { before_holes, text }), ..d })
            }
            None => QueryValue::Constant,
        }
    }

    /// The hole a `format!` argument brings, as the macro's tokens: a single
    /// name is followed to its binding, anything else judged token by token.
    fn argument_hole(&mut self, tokens: &[Node<'t>], at: usize) -> Option<Dynamic<'t>> {
        if let [single] = tokens
            && single.kind_name() == "identifier"
        {
            return self.hole_name(text(*single, self.source), *single, at);
        }
        if self.tokens_are_constant(tokens, at) {
            return None;
        }
        let (first, last) = (tokens.first()?, tokens.last()?);
        let hole_text = short(&self.source[first.start_byte()..last.end_byte()]);
        Some(Dynamic { hole: *first, hole_text, how: "`format!`", built_at: None, template: None })
    }

    /// Whether a `format!` argument, as the macro's tokens, is built only
    /// from literals, constants, numbers and lengths: every value it names is
    /// a constant (`AUTH_KEY_LENGTH`, `i8::try_from(MAX)`), a number
    /// (`params.len() - 1`), or a variable that holds a constant.
    /// Function, method, macro and path names are not values; their
    /// arguments are judged as tokens too (`repeat_vars(ids.len())`).
    fn tokens_are_constant(&mut self, tokens: &[Node<'t>], at: usize) -> bool {
        let kind = |i: usize| tokens.get(i).map(|t| t.kind_name()).unwrap_or("");
        let is = |i: usize, s: &str| tokens.get(i).is_some_and(|t| text(*t, self.source) == s);
        for (i, token) in tokens.iter().enumerate() {
            match token.kind_name() {
                "token_tree" => {
                    let inner: Vec<Node<'t>> = token
                        .child_nodes()
                        .filter(|t| !matches!(t.kind_name(), "(" | ")" | "[" | "]" | "{" | "}"))
                        .collect();
                    if !self.tokens_are_constant(&inner, at) {
                        return false;
                    }
                }
                "self" => return false,
                "identifier" => {
                    let name = text(*token, self.source);
                    let is_name = (i > 0 && matches!(kind(i - 1), "." | "::"))
                        || matches!(kind(i + 1), "::" | "!" | "token_tree")
                        || (i > 0 && is(i - 1, "as"))
                        || crate::lang::rust::is_integer_type(name);
                    let is_length = is(i + 1, ".") && (is(i + 2, "len") || is(i + 2, "count"));
                    if !is_name && !is_length && self.hole_name(name, *token, at).is_some() {
                        return false;
                    }
                }
                _ => {}
            }
        }
        true
    }

    /// A value interpolated into `format!` by name (`{name}` or a
    /// positional identifier).
    fn hole_name(&mut self, name: &str, at_node: Node<'t>, at: usize) -> Option<Dynamic<'t>> {
        let numeric = self.number_parameter(name);
        self.named_hole(at_node, name, at, "`format!`", numeric)
    }

    /// A constant list iterated over: `TABLES`, `&TABLES`, `TABLES.iter()`,
    /// `["users", "posts"]`.
    fn constant_iterable(&self, node: Node<'_>) -> bool {
        let mut node = node;
        loop {
            match node.kind_name() {
                "reference_expression" => match node.field("value") {
                    Some(inner) => node = inner,
                    None => return false,
                },
                "call_expression"
                    if arguments(node).is_empty()
                        && method_name(node).is_some_and(|m| {
                            matches!(text(m, self.source), "iter" | "into_iter" | "copied" | "cloned")
                        }) =>
                {
                    match method_receiver(node) {
                        Some(inner) => node = inner,
                        None => return false,
                    }
                }
                "identifier" | "scoped_identifier" => {
                    let last = text(node, self.source).rsplit("::").next().unwrap_or("");
                    return is_upper_case(last) || self.facts.constants.contains(last);
                }
                "array_expression" => {
                    return node
                        .named_child_nodes()
                        .all(|c| matches!(c.kind_name(), "string_literal" | "raw_string_literal" | "integer_literal"));
                }
                _ => return false,
            }
        }
    }

    /// Whether `name` is a parameter of the enclosing function with an
    /// integer, float or bool type: it cannot inject SQL.
    fn number_parameter(&self, name: &str) -> bool {
        let Some(parameters) = self.scope.and_then(|s| s.field("parameters")) else { return false };
        parameters.named_child_nodes().any(|p| {
            p.kind_name() == "parameter"
                && p.field("pattern").is_some_and(|n| text(n, self.source).trim_start_matches("mut ") == name)
                && p.field("type").is_some_and(|t| crate::lang::rust::is_number_type(text(t, self.source)))
        })
    }
}

/// Whether values are bound on the query a call returns: a `.bind(..)` in
/// the chain it starts (`sqlx::query(&sql).bind(id)`), or, for a query kept
/// in a variable, a later reassignment that passes it on
/// (`q = q.bind(v)`, `q = bind_value(q, v)?`, `q = bind!(q, v)`): sqlx's
/// query only grows by binding.
pub(super) fn bound_later(call: Node<'_>, source: &str) -> bool {
    let mut node = call;
    while let Some(parent) = node.parent() {
        match parent.kind_name() {
            "field_expression" if parent.field("value").is_some_and(|v| v.id() == node.id()) => {
                let method = parent.field("field").map(|f| text(f, source));
                if matches!(method, Some("bind" | "bind_all")) {
                    return true;
                }
            }
            "call_expression" | "await_expression" | "try_expression" | "reference_expression" => {}
            "let_declaration" => {
                let Some(name) = parent.field("pattern").map(|p| text(p, source).trim_start_matches("mut ")) else {
                    return false;
                };
                let Some(scope) = crate::lang::ancestor_of_kind(parent, &["function_item", "closure_expression"])
                else {
                    return false;
                };
                return descendants(scope).any(|n| {
                    n.start_byte() > parent.end_byte()
                        && n.kind_name() == "assignment_expression"
                        && n.field("left").is_some_and(|l| text(l, source) == name)
                        && n.field("right").is_some_and(|r| {
                            descendants(r).any(|t| t.kind_name() == "identifier" && text(t, source) == name)
                        })
                });
            }
            _ => return false,
        }
        node = parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_crate_is_named_by_a_path_into_it() {
        for source in ["use sqlx::PgPool;", "let c = tokio_postgres::connect(u);", "diesel::insert_into(t)"] {
            assert!(names_a_database_crate(source), "{source}");
        }
        for source in ["use serde::Deserialize;", "// sqlx and diesel", "let sqlx = 1;"] {
            assert!(!names_a_database_crate(source), "{source}");
        }
    }
}
