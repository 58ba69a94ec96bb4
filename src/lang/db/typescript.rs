//! TypeScript/JavaScript database knowledge: `pg`, `mysql`/`mysql2`,
//! `better-sqlite3`/`sqlite3`, knex, Sequelize, TypeORM, Prisma, Kysely,
//! Drizzle, postgres.js and Mongoose.

use crate::lang::NodeExt;
use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use super::eval::{Binding, Eval, Lang, Shape};
use super::{
    DbCall, DbCallKind, DbFacts, Dynamic, QueryValue, Receiver, is_placeholder_text, is_upper_case, short, sql_text,
};
use crate::lang::typescript::{Imports, dotted_name, string_value};
use crate::lang::{descendants, text};

const DB_MODULES: &[&str] = &[
    "pg",
    "mysql",
    "mysql2",
    "mysql2/promise",
    "better-sqlite3",
    "sqlite3",
    "sqlite",
    "knex",
    "sequelize",
    "typeorm",
    "@prisma/client",
    "kysely",
    "drizzle-orm",
    "postgres",
    "mongoose",
    "mongodb",
];

/// Methods that run SQL text given as their first argument.
const RAW_METHODS: &[&str] = &["query", "execute", "prepare", "exec", "run", "all", "get", "each"];
/// knex raw fragments.
const KNEX_RAW: &[&str] =
    &["raw", "whereRaw", "orWhereRaw", "orderByRaw", "havingRaw", "joinRaw", "groupByRaw", "selectRaw"];
/// Prisma, TypeORM, Sequelize and Mongoose methods that query.
const ORM_METHODS: &[&str] = &[
    "findMany",
    "findUnique",
    "findFirst",
    "findUniqueOrThrow",
    "findFirstOrThrow",
    "create",
    "createMany",
    "update",
    "updateMany",
    "upsert",
    "delete",
    "deleteMany",
    "count",
    "aggregate",
    "groupBy",
    "find",
    "findOne",
    "findOneBy",
    "findBy",
    "findById",
    "findByPk",
    "findAll",
    "findAndCountAll",
    "save",
    "insert",
    "remove",
    "destroy",
    "bulkCreate",
    "getMany",
    "getOne",
    "getRawMany",
    "getRawOne",
    "exists",
];

/// Whether `method` is a query method of an ORM model or delegate.
pub(super) fn is_orm_method(method: &str) -> bool {
    ORM_METHODS.contains(&method)
}

fn conventional(name: &str) -> Option<Receiver> {
    let last = name.rsplit('.').next().unwrap_or(name).trim_start_matches('_');
    match last {
        "db" | "pool" | "client" | "conn" | "connection" | "pgPool" | "database" | "tx" | "trx" => {
            Some(Receiver::Connection)
        }
        "knex" | "sequelize" | "prisma" | "dataSource" | "manager" | "entityManager" | "orm" => Some(Receiver::Orm),
        _ if last.ends_with("Repository") || last.ends_with("Repo") => Some(Receiver::Model),
        _ => None,
    }
}

/// The node kinds [`collect`] reads (the file's nodes of these kinds, in
/// document order, come from the shared node index).
pub(super) const COLLECT_KINDS: &[&str] = &[
    "assignment_expression",
    "class_declaration",
    "lexical_declaration",
    "program",
    "variable_declaration",
    "variable_declarator",
];

pub(super) fn collect<'t>(nodes: Vec<Node<'t>>, source: &str, imports: &Imports) -> DbFacts {
    let uses_db = imports_any_module(imports, DB_MODULES);
    let mut facts = DbFacts { uses_db, ..DbFacts::default() };
    // Declarations at module level (the program's statements and exported
    // declarations), and for each declarator: (in a `const` declaration,
    // at module level). Parents come before children in document order, so
    // these are known before the declarators are read.
    let mut module_level = HashSet::new();
    let mut declarators: HashMap<usize, (bool, bool)> = HashMap::new();
    let mut cursor = None;
    // `this.x` fields assigned an escaped identifier or a literal, and those
    // assigned anything else somewhere.
    let mut escaped_fields = HashSet::new();
    let mut other_fields = HashSet::new();
    for node in nodes {
        match node.kind_name() {
            "program" => {
                let cursor = cursor.get_or_insert_with(|| node.walk());
                for statement in node.named_children(cursor) {
                    let declaration = if statement.kind_name() == "export_statement" {
                        statement.field("declaration")
                    } else {
                        Some(statement)
                    };
                    module_level.extend(declaration.map(|d| d.id()));
                }
            }
            "lexical_declaration" | "variable_declaration" => {
                let is_const = node.kind_name() == "lexical_declaration"
                    && node.child(0).is_some_and(|k| text(k, source) == "const");
                let top = module_level.contains(&node.id());
                let cursor = cursor.get_or_insert_with(|| node.walk());
                for declarator in node.named_children(cursor) {
                    declarators.insert(declarator.id(), (is_const, top));
                }
            }
            "variable_declarator" => {
                let Some((name, value)) = crate::lang::typescript::named_declarator(node, source) else {
                    continue;
                };
                if let Some(kind) = value_receiver(value, source, imports, &facts) {
                    facts.receivers.insert(name.to_string(), kind);
                } else if foreign_constructor(value, source, imports) {
                    facts.not_db.insert(name.to_string());
                }
                let (is_const, top_level) = declarators.get(&node.id()).copied().unwrap_or((false, false));
                let top_level_const = is_const && top_level;
                if top_level_const && is_constant_expr(value, source, &facts) {
                    facts.constants.insert(name.to_string());
                } else if top_level && is_upper_case(name) {
                    facts.non_constants.insert(name.to_string());
                }
            }
            "assignment_expression" => {
                let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
                    continue;
                };
                if let (Some(name), Some(kind)) =
                    (dotted_name(left, source), value_receiver(right, source, imports, &facts))
                {
                    facts.receivers.insert(name, kind);
                }
                if let Some(field) = dotted_name(left, source).filter(|n| n.starts_with("this.")) {
                    let escaped = is_escaping_call(right, source)
                        || right.kind_name() == "string"
                        || right.kind_name() == "template_string" && right.named_child_count() == 0;
                    if escaped {
                        escaped_fields.insert(field)
                    } else {
                        other_fields.insert(field)
                    };
                }
            }
            "class_declaration" => {
                let Some(name) = node.field("name") else { continue };
                // The heritage clause is a child of the declaration: the body is not walked.
                let heritage = node.child_nodes().find(|n| n.kind_name() == "class_heritage");
                if heritage.is_some_and(|h| {
                    let t = text(h, source);
                    t.contains("Model") || t.contains("BaseEntity")
                }) {
                    facts.receivers.insert(text(name, source).to_string(), Receiver::Model);
                }
            }
            _ => {}
        }
    }
    facts.uses_db |=
        facts.receivers.values().any(|r| matches!(r, Receiver::Connection | Receiver::Orm | Receiver::SqlTag));
    facts.escaped_fields = escaped_fields.difference(&other_fields).cloned().collect();
    facts
}

/// Whether `node` calls a database library's escaping method on some
/// receiver: `driver.escape(name)` (TypeORM quotes an identifier),
/// `qb.escape(alias)`, `connection.escape(value)` (mysql quotes a value),
/// `client.escapeIdentifier(..)` / `escapeLiteral(..)` (pg), or a helper,
/// bare or a method, named for quoting an identifier (`quoteIdent(name)`,
/// see [`super::is_identifier_quoting`]). A bare `escape(x)` may escape HTML
/// and is not one.
pub fn is_escaping_call(node: Node<'_>, source: &str) -> bool {
    if node.kind_name() != "call_expression" {
        return false;
    }
    match node.field("function") {
        Some(f) if f.kind_name() == "member_expression" => f.field("property").is_some_and(|p| {
            let method = text(p, source);
            matches!(method, "escape" | "escapeId" | "escapeIdentifier" | "escapeLiteral")
                || super::is_identifier_quoting(method)
        }),
        Some(f) if f.kind_name() == "identifier" => super::is_identifier_quoting(text(f, source)),
        _ => false,
    }
}

/// Whether a dotted name reads a member of an enumeration: a PascalCase
/// member of a PascalCase type (`TaskStatus.Running`), possibly through the
/// module object compiled code reads it from
/// (`scheduled_task_1.TaskStatus.Running`), not through `this`. Its value is
/// one the code defines.
fn is_enum_member(name: &str) -> bool {
    let pascal =
        |s: &str| s.starts_with(|c: char| c.is_ascii_uppercase()) && s.contains(|c: char| c.is_ascii_lowercase());
    let parts: Vec<&str> = name.split('.').collect();
    match parts.as_slice() {
        [ty, member] => pascal(ty) && pascal(member),
        [root, ty, member] => *root != "this" && pascal(ty) && pascal(member),
        _ => false,
    }
}

/// Whether `call` is `this.tableName(..)`, a method of the enclosing class
/// whose every `return` gives an escaped identifier (`getTableName(name) {
/// return this.manager.connection.driver.escape(`${prefix}${name}`); }`).
fn returns_escaped_identifier(call: Node<'_>, source: &str) -> bool {
    let Some(function) = call.field("function").filter(|f| f.kind_name() == "member_expression") else {
        return false;
    };
    if function.field("object").is_none_or(|o| o.kind_name() != "this") {
        return false;
    }
    let Some(name) = function.field("property").map(|p| text(p, source)) else { return false };
    let Some(class) = crate::lang::ancestor_of_kind(call, &["class_body"]) else { return false };
    let Some(method) = class
        .named_child_nodes()
        .find(|m| m.kind_name() == "method_definition" && m.field("name").is_some_and(|n| text(n, source) == name))
    else {
        return false;
    };
    let mut returns = crate::lang::descendants(method).filter(|n| n.kind_name() == "return_statement").peekable();
    returns.peek().is_some() && returns.all(|r| r.named_child(0).is_some_and(|v| is_escaping_call(v, source)))
}

/// Whether `node` is the SQL a TypeORM query builder compiled
/// (`subQuery.getQuery()`, `.getSql()`), in a file that makes builders: its
/// values are named parameters the outer query takes over
/// (`qb.setParameters(subQuery.getParameters())`).
fn is_compiled_builder_query(node: Node<'_>, source: &str) -> bool {
    node.kind_name() == "call_expression"
        && node
            .field("function")
            .filter(|f| f.kind_name() == "member_expression")
            .and_then(|f| f.field("property"))
            .is_some_and(|p| matches!(text(p, source), "getQuery" | "getSql"))
        && memchr::memmem::find(source.as_bytes(), b"createQueryBuilder").is_some()
}

/// `new ApolloClient()`, `axios.create()`: a constructor or factory of an
/// imported library that is not a database library.
fn foreign_constructor(value: Node<'_>, source: &str, imports: &Imports) -> bool {
    let value = if value.kind_name() == "await_expression" { value.named_child(0).unwrap_or(value) } else { value };
    if !matches!(value.kind_name(), "new_expression" | "call_expression") {
        return false;
    }
    let Some(callee) = crate::lang::typescript::callee_name(value, source) else { return false };
    let qualified = imports.qualify(&callee);
    imports.binds(callee.split('.').next().unwrap_or(""))
        && !DB_MODULES.iter().any(|m| crate::lang::is_or_within(&qualified, m, &['.']))
}

/// The local names database modules are commonly bound to.
const DB_BINDINGS: &[&str] = &[
    "pg",
    "mysql",
    "Pool",
    "Client",
    "Database",
    "knex",
    "Knex",
    "Sequelize",
    "PrismaClient",
    "DataSource",
    "postgres",
    "sql",
    "mongoose",
    "createPool",
    "createConnection",
    "drizzle",
    "Kysely",
    "getRepository",
    "Repository",
    "InjectRepository",
];

/// Whether the file imports one of `modules` under one of the
/// [`DB_BINDINGS`] names. (The file's bindings are read, not probed once
/// per name: most files bind fewer names than the list holds.)
fn imports_any_module(imports: &Imports, modules: &[&str]) -> bool {
    imports.bindings().any(|(local, qualified)| {
        DB_BINDINGS.contains(&local)
            && qualified != local
            && modules.iter().any(|m| crate::lang::is_or_within(qualified, m, &['.']))
    })
}

fn value_receiver(value: Node<'_>, source: &str, imports: &Imports, facts: &DbFacts) -> Option<Receiver> {
    match value.kind_name() {
        "await_expression" | "parenthesized_expression" | "as_expression" | "non_null_expression" => {
            value_receiver(value.named_child(0)?, source, imports, facts)
        }
        "call_expression"
            if value
                .field("function")
                .and_then(|f| crate::lang::typescript::require_source(f, source))
                .is_some_and(|m| DB_MODULES.contains(&m)) =>
        {
            // `require("knex")({ client: "pg" })`.
            Some(Receiver::Orm)
        }
        "new_expression" | "call_expression" => {
            let callee = crate::lang::typescript::callee_name(value, source)?;
            let qualified = imports.qualify(&callee);
            let module = DB_MODULES.iter().find(|m| crate::lang::is_or_within(&qualified, m, &['.']));
            let last = qualified.rsplit('.').next().unwrap_or("");
            if let Some(module) = module {
                return match (*module, last) {
                    ("postgres", _) => Some(Receiver::SqlTag),
                    ("knex" | "sequelize" | "@prisma/client" | "typeorm" | "kysely" | "drizzle-orm", _)
                        if !matches!(last, "getRepository" | "literal") =>
                    {
                        Some(Receiver::Orm)
                    }
                    (_, "getRepository") => Some(Receiver::Model),
                    ("mongoose", "model") => Some(Receiver::Model),
                    _ => Some(Receiver::Connection),
                };
            }
            let function = value.field("function");
            if let Some(member) = function.filter(|f| f.kind_name() == "member_expression") {
                let object = member.field("object")?;
                let method = text(member.field("property")?, source);
                let object_kind = dotted_name(object, source).and_then(|n| facts.receivers.get(&n).copied());
                return match (object_kind, method) {
                    (Some(Receiver::Connection), "connect" | "getConnection" | "acquire") => Some(Receiver::Connection),
                    (Some(Receiver::Orm), "getRepository") => Some(Receiver::Model),
                    (Some(Receiver::Orm), "transaction" | "connect" | "initialize") => Some(Receiver::Orm),
                    _ => None,
                };
            }
            None
        }
        _ => None,
    }
}

fn receiver_of(node: Node<'_>, source: &str, facts: &DbFacts) -> Option<Receiver> {
    match node.kind_name() {
        "identifier" | "member_expression" | "this" => {
            let name = dotted_name(node, source)?;
            if let Some(kind) = facts.receivers.get(&name) {
                return Some(*kind);
            }
            let root = name.split('.').find(|s| *s != "this").unwrap_or(&name);
            if let Some(Receiver::Orm) = facts.receivers.get(root).copied().or_else(|| conventional(root))
                && name.split('.').filter(|s| *s != "this").count() == 2
                && facts.uses_db
            {
                // `prisma.user`, `this.prisma.order`: a Prisma model delegate.
                return Some(Receiver::Model);
            }
            if facts.uses_db && !facts.not_db.contains(&name) { conventional(&name) } else { None }
        }
        "call_expression" => {
            // Builder chains: `knex('users').where(..)`, `repo.createQueryBuilder('u').where(..)`.
            let function = node.field("function")?;
            match function.kind_name() {
                "member_expression" => {
                    let object = function.field("object")?;
                    match receiver_of(object, source, facts)? {
                        Receiver::Orm | Receiver::Model => Some(Receiver::Model),
                        _ => None,
                    }
                }
                "identifier" => match receiver_of(function, source, facts)? {
                    Receiver::Orm => Some(Receiver::Model),
                    _ => None,
                },
                _ => None,
            }
        }
        "await_expression" | "parenthesized_expression" | "non_null_expression" => {
            receiver_of(node.named_child(0)?, source, facts)
        }
        _ => None,
    }
}

/// Whether a `call_expression` is a SQL tagged template: `` sql`...` ``,
/// `` Prisma.sql`...` ``, `` prisma.$queryRaw`...` ``, `` db.execute(sql`...`) ``.
pub(super) fn is_sql_tag_call(call: Node<'_>, source: &str) -> bool {
    let (Some(function), Some(arguments)) = (call.field("function"), call.field("arguments")) else {
        return false;
    };
    if arguments.kind_name() != "template_string" {
        return false;
    }
    let tag = dotted_name(function, source).unwrap_or_default();
    let last = tag.rsplit('.').next().unwrap_or(&tag);
    matches!(last, "sql" | "SQL" | "$queryRaw" | "$executeRaw")
}

fn arguments<'t>(call: Node<'t>) -> Vec<Node<'t>> {
    let Some(arguments) = call.field("arguments") else { return Vec::new() };
    if arguments.kind_name() != "arguments" {
        return Vec::new();
    }
    arguments.named_child_nodes().filter(|a| a.kind_name() != "comment").collect()
}

pub(super) fn classify<'t>(call: Node<'t>, source: &str, imports: &Imports, facts: &DbFacts) -> Option<DbCall<'t>> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let function = call.field("function")?;
    // Cheap filter before any allocation: the called name must be one we know.
    let tagged = call.field("arguments").is_some_and(|a| a.kind_name() == "template_string");
    if !tagged && function.kind_name() == "member_expression" {
        let called = text(function.field("property")?, source);
        static KNOWN: std::sync::LazyLock<Vec<&str>> = std::sync::LazyLock::new(|| {
            let extra =
                &["$queryRawUnsafe", "$executeRawUnsafe", "unsafe", "literal", "where", "select", "first", "then"];
            super::name_table(&[RAW_METHODS, KNEX_RAW, ORM_METHODS, QUERY_BUILDER_CLAUSES, extra])
        });
        if KNOWN.binary_search(&called).is_err() {
            return None;
        }
    }
    // The arguments are read only for the few calls that turn out raw SQL.
    let first_argument = || arguments(call).first().copied();
    let make = |kind: DbCallKind, api: String, confident: bool| {
        let query = if kind == DbCallKind::RawSql { first_argument() } else { None };
        let safe = query.is_some_and(|q| q.kind_name() == "call_expression" && is_sql_tag_call(q, source));
        DbCall { call, kind, api, query, confident, safe_by_construction: safe, runs: true }
    };
    // Tagged templates run by a Prisma client or postgres.js: safe raw SQL.
    if call.field("arguments").is_some_and(|a| a.kind_name() == "template_string") {
        let tag = dotted_name(function, source)?;
        let last = tag.rsplit('.').next().unwrap_or(&tag);
        let root = tag.split('.').find(|s| *s != "this").unwrap_or(&tag);
        let is_db = matches!(last, "$queryRaw" | "$executeRaw")
            || facts.receivers.get(root) == Some(&Receiver::SqlTag) && tag == root;
        return is_db.then(|| DbCall {
            call,
            kind: DbCallKind::RawSql,
            api: tag.clone(),
            query: None,
            confident: true,
            safe_by_construction: true,
            runs: true,
        });
    }
    if function.kind_name() == "identifier" {
        let name = text(function, source);
        // An unbound name qualifies to itself: only an imported name can be
        // `sequelize.literal` (and qualifying allocates).
        let sequelize_literal = imports.binds(name) && {
            let qualified = imports.qualify(name);
            qualified.ends_with(".literal") && qualified.starts_with("sequelize")
        };
        if sequelize_literal {
            // `literal(..)` is always a fragment of another query.
            return Some(DbCall { runs: false, ..make(DbCallKind::RawSql, name.to_string(), true) });
        }
        if facts.receivers.get(name) == Some(&Receiver::Orm) || (facts.uses_db && name == "knex") {
            // `knex('users')`: starts a builder chain.
            return Some(make(DbCallKind::Orm, name.to_string(), true));
        }
        return None;
    }
    if function.kind_name() != "member_expression" {
        return None;
    }
    let object = function.field("object")?;
    let method = text(function.field("property")?, source);
    // Named only once the call is known to be data access.
    let api = || format!("{}.{method}", dotted_name(object, source).unwrap_or_else(|| short(text(object, source))));
    if matches!(method, "$queryRawUnsafe" | "$executeRawUnsafe") {
        return Some(make(DbCallKind::RawSql, api(), true));
    }
    if matches!(method, "raw" | "unsafe" | "literal") {
        let object_name = dotted_name(object, source).unwrap_or_default();
        let object_last = object_name.rsplit('.').next().unwrap_or("");
        if object_last == "sql" || object_last == "Sequelize" {
            let fragment = method == "literal" || is_fragment(call, source);
            return Some(DbCall { runs: !fragment, ..make(DbCallKind::RawSql, api(), true) });
        }
    }
    // A TypeORM query builder's clauses take SQL text: `.where(`u.name = '${name}'`)`
    // interpolates into the query the builder runs later.
    if QUERY_BUILDER_CLAUSES.contains(&method) && builds_typeorm_query(object, source) {
        return Some(DbCall { runs: false, ..make(DbCallKind::RawSql, api(), true) });
    }
    let receiver = receiver_of(object, source, facts);
    match receiver {
        Some(Receiver::Orm | Receiver::Model) if method == "raw" && is_fragment(call, source) => {
            Some(DbCall { runs: false, ..make(DbCallKind::RawSql, api(), true) })
        }
        Some(Receiver::Orm) if KNEX_RAW.contains(&method) || matches!(method, "query" | "$queryRawUnsafe") => {
            Some(make(DbCallKind::RawSql, api(), true))
        }
        Some(Receiver::Model) if KNEX_RAW.contains(&method) => Some(make(DbCallKind::RawSql, api(), true)),
        Some(Receiver::Model) if method == "query" => Some(make(DbCallKind::RawSql, api(), true)),
        Some(Receiver::Model | Receiver::Orm) if ORM_METHODS.contains(&method) => {
            Some(make(DbCallKind::Orm, api(), true))
        }
        Some(Receiver::Model)
            if matches!(method, "where" | "select" | "first" | "then") && text(object, source).contains('(') =>
        {
            Some(make(DbCallKind::Orm, api(), true))
        }
        Some(Receiver::Connection) if RAW_METHODS.contains(&method) => {
            // `get`/`all`/`run` are only SQL when the first argument is.
            let query = first_argument()?;
            let generic = matches!(method, "get" | "all" | "run" | "each" | "exec");
            if generic
                && !matches!(query.kind_name(), "string" | "template_string" | "identifier" | "binary_expression")
            {
                return None;
            }
            Some(make(DbCallKind::RawSql, api(), !generic))
        }
        Some(Receiver::SqlTag) if method == "unsafe" => Some(make(DbCallKind::RawSql, api(), true)),
        None if matches!(method, "query" | "execute" | "raw" | "whereRaw" | "orderByRaw") => {
            Some(make(DbCallKind::RawSql, api(), false))
        }
        _ => None,
    }
}

/// Clauses of a TypeORM `SelectQueryBuilder` whose first argument is SQL text
/// (`where`, `andWhere`, `orderBy`, ...); values belong in the parameters
/// object (`.where("u.name = :name", { name })`).
const QUERY_BUILDER_CLAUSES: &[&str] = &[
    "where",
    "andWhere",
    "orWhere",
    "having",
    "andHaving",
    "orHaving",
    "orderBy",
    "addOrderBy",
    "groupBy",
    "addGroupBy",
];

/// Whether a receiver is a TypeORM query builder: its chain (or the value of
/// the variable holding it) starts with `createQueryBuilder(..)`.
fn builds_typeorm_query(object: Node<'_>, source: &str) -> bool {
    let mut node = object;
    loop {
        match node.kind_name() {
            "call_expression" => {
                let Some(function) = node.field("function") else { return false };
                if function.kind_name() != "member_expression" {
                    return false;
                }
                if function.field("property").is_some_and(|p| text(p, source) == "createQueryBuilder") {
                    return true;
                }
                match function.field("object") {
                    Some(inner) => node = inner,
                    None => return false,
                }
            }
            "identifier" => {
                // Following the name costs more than a look at the file for
                // the one method that makes a builder.
                if memchr::memmem::find(source.as_bytes(), b"createQueryBuilder").is_none() {
                    return false;
                }
                let held = crate::lang::values::resolve(node, source);
                if held.id() == node.id() {
                    return false;
                }
                node = held;
            }
            "await_expression" | "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => node = inner,
                None => return false,
            },
            _ => return false,
        }
    }
}

/// Whether a `knex.raw(..)` (or `sql.raw(..)`) is a fragment of another
/// query: the value of an object property (`{ created_at:
/// knex.raw("current_timestamp") }`), an argument of another call or an array
/// element. A knex builder runs only when awaited or `.then`'d, which the
/// query it is part of does.
///
/// So is one that a `.map` callback returns when the mapped array is itself
/// a fragment (`builder.select(nodes.map((n) => { ..; return knex.raw(..) }))`),
/// but not when the array goes to `Promise.all(..)`, which awaits each.
///
/// So is one whose text, where the code shows how it starts, is no statement
/// (`knex.raw(\`(CASE WHEN ${sql} THEN ?? END)\`)`, `knex.raw("now()")`): it
/// cannot run on its own, whoever runs the query it ends up in.
fn is_fragment(call: Node<'_>, source: &str) -> bool {
    let Some(parent) = call.parent() else { return false };
    match parent.kind_name() {
        "pair" | "arguments" | "array" => true,
        "return_statement" | "arrow_function" => {
            mapped_into_fragment(parent, source) || starts_no_statement(call, source)
        }
        _ => starts_no_statement(call, source),
    }
}

/// Whether the first argument of `call` is a string, or a name whose binding
/// is one (later `+=` appends leave its start as it is), that does not start
/// with a statement keyword.
fn starts_no_statement(call: Node<'_>, source: &str) -> bool {
    let Some(first) = call.field("arguments").and_then(|a| a.named_child(0)) else { return false };
    let value = match first.kind_name() {
        "identifier" => crate::lang::values::bound_value(first, source)
            .or_else(|| crate::lang::values::declared_value(first, source)),
        _ => Some(first),
    };
    let Some(value) = value.filter(|v| matches!(v.kind_name(), "string" | "template_string")) else { return false };
    let body = text(value, source).trim_start_matches(['"', '\'', '`']);
    !body.trim().is_empty() && !sql_text::starts_with_sql_keyword(body)
}

/// Whether `from` (a `return` or an arrow's expression body) returns from a
/// `.map`/`.flatMap` callback whose array is an argument, property value or
/// element of something other than `Promise.all`-like awaiting.
fn mapped_into_fragment(from: Node<'_>, source: &str) -> bool {
    let mut node = from;
    let function = loop {
        if matches!(node.kind_name(), "arrow_function" | "function_expression") {
            break node;
        }
        if node.kind_name().contains("function") || node.kind_name() == "method_definition" {
            return false;
        }
        match node.parent() {
            Some(p) => node = p,
            None => return false,
        }
    };
    let Some(map_call) = function.parent().filter(|a| a.kind_name() == "arguments").and_then(|a| a.parent()) else {
        return false;
    };
    let mapped = map_call
        .field("function")
        .and_then(|f| f.field("property"))
        .is_some_and(|m| matches!(text(m, source), "map" | "flatMap"));
    let Some(holder) = map_call.parent() else { return false };
    let awaited = holder.kind_name() == "arguments"
        && holder.parent().and_then(|c| c.field("function")).is_some_and(|f| text(f, source).starts_with("Promise."));
    mapped && matches!(holder.kind_name(), "pair" | "arguments" | "array") && !awaited
}

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
        "string" | "number" | "true" | "false" | "null" => true,
        "template_string" => node
            .named_child_nodes()
            .filter(|c| c.kind_name() == "template_substitution")
            .all(|s| s.named_child(0).is_some_and(|e| constant_within(e, source, facts, depth + 1))),
        "identifier" => facts.constants.contains(text(node, source)),
        // `const T = { segments: 'segments' }`: a table of names.
        "object" => {
            node.named_child_count() > 0
                && node.named_child_nodes().all(|pair| {
                    pair.kind_name() == "pair"
                        && pair.field("key").is_some_and(|k| matches!(k.kind_name(), "property_identifier" | "string"))
                        && pair.field("value").is_some_and(|v| constant_within(v, source, facts, depth + 1))
                })
        }
        "binary_expression" => ["left", "right"]
            .iter()
            .all(|f| node.field(f).is_some_and(|c| constant_within(c, source, facts, depth + 1))),
        "array" | "parenthesized_expression" | "as_expression" => node
            .named_child_nodes()
            .filter(|c| c.kind_name() != "type_identifier")
            .all(|c| constant_within(c, source, facts, depth + 1)),
        _ => false,
    }
}

/// The static pieces of a string or template literal, split at `${}`.
pub(super) fn literal_parts(node: Node<'_>, source: &str) -> Option<Vec<String>> {
    match node.kind_name() {
        "string" => Some(vec![string_value(node, source)?.to_string()]),
        "template_string" => {
            let mut parts = vec![String::new()];
            for child in node.named_child_nodes() {
                match child.kind_name() {
                    "string_fragment" | "escape_sequence" => parts.last_mut()?.push_str(text(child, source)),
                    "template_substitution" => parts.push(String::new()),
                    _ => {}
                }
            }
            Some(parts)
        }
        _ => None,
    }
}

/// The kinds of the scope whose bindings a query's value is read in.
pub(super) fn query_scope_kinds() -> &'static [&'static str] {
    super::function_kinds(crate::lang::Family::TypeScript)
}

/// TypeScript's and JavaScript's knowledge for the query-string evaluator
/// (`super::eval`).
pub(super) struct TypeScriptSyntax;

impl Lang for TypeScriptSyntax {
    fn shape<'t>(eval: &Eval<'_, '_, 't, Self>, node: Node<'t>) -> Shape<'t> {
        match node.kind_name() {
            "string" => Shape::Constant,
            "subscript_expression" if crate::lang::values::is_constant_lookup(node, eval.source) => Shape::Constant,
            "template_string" => {
                let holes = node
                    .named_child_nodes()
                    .filter(|c| c.kind_name() == "template_substitution")
                    .filter_map(|s| s.named_child(0))
                    .collect();
                Shape::Template { holes, how: "a template literal" }
            }
            "parenthesized_expression" | "as_expression" | "non_null_expression" => {
                node.named_child(0).map_or(Shape::Unknown, Shape::Same)
            }
            "binary_expression" => Shape::plus(node, eval.source),
            "call_expression" => Shape::Other,
            "identifier" => Shape::Name(node),
            // `up ? "ASC" : "DESC"`: both branches, not the condition.
            "ternary_expression" => {
                Shape::AnyOf([node.field("consequence"), node.field("alternative")].into_iter().flatten().collect())
            }
            _ => Shape::Unknown,
        }
    }

    fn other<'t>(eval: &mut Eval<'_, '_, 't, Self>, node: Node<'t>, at: usize) -> QueryValue<'t> {
        eval.call(node, at)
    }

    fn binding<'t>(eval: &Eval<'_, '_, 't, Self>, n: Node<'t>, name: &str) -> Option<Binding<'t>> {
        let (target, value, augmented) = match n.kind_name() {
            "variable_declarator" => (n.field("name")?, n.field("value")?, None),
            "assignment_expression" => (n.field("left")?, n.field("right")?, None),
            "augmented_assignment_expression" => (n.field("left")?, n.field("right")?, Some("`+=` concatenation")),
            _ => return None,
        };
        if target.kind_name() != "identifier" || text(target, eval.source) != name {
            return None;
        }
        let statement =
            crate::lang::ancestor_of_kind(n, &["lexical_declaration", "variable_declaration", "expression_statement"])
                .unwrap_or(n);
        Some(Binding::Assign { value, statement, augmented })
    }

    fn hole<'t>(
        eval: &mut Eval<'_, '_, 't, Self>,
        node: Node<'t>,
        at: usize,
        how: &'static str,
    ) -> Option<Dynamic<'t>> {
        match node.kind_name() {
            "number" | "true" | "false" | "null" | "undefined" => return None,
            "string" | "template_string" | "binary_expression" | "parenthesized_expression" | "ternary_expression" => {
                return eval.value(node, at).hole_or(|| eval.dynamic(node, how));
            }
            "identifier" => {
                let name = text(node, eval.source);
                let numeric = eval.number_parameter(name);
                return eval.named_hole(node, name, at, how, numeric);
            }
            "member_expression" => {
                let name = dotted_name(node, eval.source).unwrap_or_default();
                let last = name.rsplit('.').next().unwrap_or("");
                if is_upper_case(last)
                    || name.ends_with(".length")
                    || eval.facts.constants.contains(name.split('.').next().unwrap_or(""))
                    || eval.facts.escaped_fields.contains(&name)
                    || is_enum_member(&name)
                {
                    return None;
                }
            }
            "call_expression" => {
                let callee = node.field("function").and_then(|f| dotted_name(f, eval.source));
                if callee.as_deref().is_some_and(|c| {
                    matches!(c, "Number" | "parseInt" | "parseFloat" | "Math.floor" | "Math.min" | "Math.max")
                }) {
                    return None;
                }
                // Escaping and identifier quoting are judged with the other calls.
                if let QueryValue::Constant = eval.value(node, at) {
                    return None;
                }
            }
            _ => {}
        }
        Some(eval.dynamic(node, how))
    }
}

impl<'t> Eval<'_, '_, 't, TypeScriptSyntax> {
    /// A call that builds text: `.concat(..)`, `.join(..)`, `.trim()`, a
    /// tagged `sql` template.
    fn call(&mut self, node: Node<'t>, at: usize) -> QueryValue<'t> {
        if is_sql_tag_call(node, self.source)
            || is_escaping_call(node, self.source)
            || is_compiled_builder_query(node, self.source)
            || returns_escaped_identifier(node, self.source)
        {
            return QueryValue::Constant;
        }
        let Some(function) = node.field("function").filter(|f| f.kind_name() == "member_expression") else {
            return QueryValue::Unknown;
        };
        let (Some(object), Some(method)) = (function.field("object"), function.field("property")) else {
            return QueryValue::Unknown;
        };
        match text(method, self.source) {
            "concat" => self.formatted(object, arguments(node), at, "`concat`"),
            "join" => {
                if self.placeholder_list(object) {
                    return QueryValue::Constant;
                }
                match object.kind_name() {
                    "array" => {
                        let elements: Vec<Node<'t>> = object.named_child_nodes().collect();
                        for element in elements {
                            if let Some(d) = self.hole(element, at, "`join`") {
                                return QueryValue::Dynamic(d);
                            }
                        }
                        QueryValue::Constant
                    }
                    _ => match self.value(object, at) {
                        QueryValue::Dynamic(d) => QueryValue::Dynamic(d),
                        other => other,
                    },
                }
            }
            "trim" | "toString" => self.value(object, at),
            _ => QueryValue::Unknown,
        }
    }

    /// `ids.map(() => '?')`, `Array(n).fill('?')`, `ids.map((_, i) => `$${i + 1}`)`.
    fn placeholder_list(&self, node: Node<'_>) -> bool {
        if node.kind_name() != "call_expression" {
            return false;
        }
        let literals: Vec<Node<'_>> =
            descendants(node).filter(|n| matches!(n.kind_name(), "string" | "template_string")).collect();
        !literals.is_empty()
            && literals.iter().all(|s| {
                let value: String = match literal_parts(*s, self.source) {
                    Some(parts) => parts.concat(),
                    None => return false,
                };
                is_placeholder_text(&value)
            })
    }

    /// Whether `name` is a parameter typed `number` (TypeScript).
    fn number_parameter(&self, name: &str) -> bool {
        let Some(parameters) = self.scope.and_then(|s| s.field("parameters")) else { return false };
        parameters.named_child_nodes().any(|p| {
            p.field("pattern").is_some_and(|n| text(n, self.source) == name)
                && p.field("type").is_some_and(|t| text(t, self.source).trim_start_matches(':').trim() == "number")
        })
    }
}
