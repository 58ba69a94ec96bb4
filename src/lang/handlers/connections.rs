//! Calls that open a database connection or build a connection pool, per
//! language, by qualified name (after import resolution). Used to tell
//! per-request connections from pools created once.

use crate::lang::NodeExt;
use tree_sitter::Node;

use crate::lang::{python, rust, text, typescript};

/// What a connection call makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Opens {
    Connection,
    Pool,
}

impl Opens {
    pub fn noun(self) -> &'static str {
        match self {
            Opens::Connection => "a new database connection",
            Opens::Pool => "a new connection pool",
        }
    }
}

/// Python: qualified callee names.
const PYTHON: &[(&str, Opens)] = &[
    ("psycopg2.connect", Opens::Connection),
    ("psycopg.connect", Opens::Connection),
    ("psycopg.Connection.connect", Opens::Connection),
    ("psycopg.AsyncConnection.connect", Opens::Connection),
    ("sqlite3.connect", Opens::Connection),
    ("pymysql.connect", Opens::Connection),
    ("MySQLdb.connect", Opens::Connection),
    ("mysql.connector.connect", Opens::Connection),
    ("asyncpg.connect", Opens::Connection),
    ("aiomysql.connect", Opens::Connection),
    ("aiosqlite.connect", Opens::Connection),
    ("pyodbc.connect", Opens::Connection),
    ("oracledb.connect", Opens::Connection),
    ("cx_Oracle.connect", Opens::Connection),
    ("pymongo.MongoClient", Opens::Pool),
    ("motor.motor_asyncio.AsyncIOMotorClient", Opens::Pool),
    ("sqlalchemy.create_engine", Opens::Pool),
    ("sqlalchemy.ext.asyncio.create_async_engine", Opens::Pool),
    ("asyncpg.create_pool", Opens::Pool),
    ("aiomysql.create_pool", Opens::Pool),
    ("psycopg2.pool.SimpleConnectionPool", Opens::Pool),
    ("psycopg2.pool.ThreadedConnectionPool", Opens::Pool),
    ("psycopg_pool.ConnectionPool", Opens::Pool),
    ("psycopg_pool.AsyncConnectionPool", Opens::Pool),
    ("redis.Redis", Opens::Pool),
    ("redis.StrictRedis", Opens::Pool),
    ("redis.from_url", Opens::Pool),
    ("redis.Redis.from_url", Opens::Pool),
];

/// TypeScript/JavaScript: (qualified callee, whether it must be `new`).
const TYPESCRIPT: &[(&str, Opens)] = &[
    ("pg.Client", Opens::Connection),
    ("pg.Pool", Opens::Pool),
    ("mysql.createConnection", Opens::Connection),
    ("mysql2.createConnection", Opens::Connection),
    ("mysql2/promise.createConnection", Opens::Connection),
    ("mysql.createPool", Opens::Pool),
    ("mysql2.createPool", Opens::Pool),
    ("mysql2/promise.createPool", Opens::Pool),
    ("mariadb.createConnection", Opens::Connection),
    ("mariadb.createPool", Opens::Pool),
    ("sequelize", Opens::Pool),
    ("sequelize.Sequelize", Opens::Pool),
    ("@prisma/client.PrismaClient", Opens::Pool),
    ("mongodb.MongoClient", Opens::Pool),
    ("mongodb.MongoClient.connect", Opens::Pool),
    ("mongoose.connect", Opens::Pool),
    ("mongoose.createConnection", Opens::Pool),
    ("knex", Opens::Pool),
    ("postgres", Opens::Pool),
    ("better-sqlite3", Opens::Connection),
    ("sqlite3.Database", Opens::Connection),
    ("ioredis", Opens::Pool),
    ("redis.createClient", Opens::Pool),
    ("typeorm.DataSource", Opens::Pool),
    ("typeorm.createConnection", Opens::Pool),
    ("mssql.ConnectionPool", Opens::Pool),
    ("mssql.connect", Opens::Pool),
    ("oracledb.getConnection", Opens::Connection),
    ("oracledb.createPool", Opens::Pool),
];

/// Rust: qualified paths of associated functions and functions.
const RUST: &[(&str, Opens)] = &[
    ("sqlx::PgConnection::connect", Opens::Connection),
    ("sqlx::MySqlConnection::connect", Opens::Connection),
    ("sqlx::SqliteConnection::connect", Opens::Connection),
    ("sqlx::postgres::PgConnection::connect", Opens::Connection),
    ("sqlx::PgPool::connect", Opens::Pool),
    ("sqlx::MySqlPool::connect", Opens::Pool),
    ("sqlx::SqlitePool::connect", Opens::Pool),
    ("sqlx::postgres::PgPool::connect", Opens::Pool),
    ("sqlx::Pool::connect", Opens::Pool),
    ("rusqlite::Connection::open", Opens::Connection),
    ("rusqlite::Connection::open_in_memory", Opens::Connection),
    ("tokio_postgres::connect", Opens::Connection),
    ("postgres::Client::connect", Opens::Connection),
    ("diesel::PgConnection::establish", Opens::Connection),
    ("diesel::MysqlConnection::establish", Opens::Connection),
    ("diesel::SqliteConnection::establish", Opens::Connection),
    ("diesel::pg::PgConnection::establish", Opens::Connection),
    ("mysql::Conn::new", Opens::Connection),
    ("mysql::Pool::new", Opens::Pool),
    ("mongodb::Client::with_uri_str", Opens::Pool),
    ("mongodb::Client::with_options", Opens::Pool),
    ("redis::Client::open", Opens::Pool),
    ("sea_orm::Database::connect", Opens::Pool),
    ("r2d2::Pool::new", Opens::Pool),
];

/// Pool builders whose chain ends in a connecting call:
/// `PgPoolOptions::new().max_connections(5).connect(url)`.
const RUST_POOL_BUILDERS: &[&str] = &[
    "sqlx::postgres::PgPoolOptions::new",
    "sqlx::mysql::MySqlPoolOptions::new",
    "sqlx::sqlite::SqlitePoolOptions::new",
    "sqlx::PgPoolOptions::new",
    "sqlx::pool::PoolOptions::new",
    "r2d2::Pool::builder",
    "bb8::Pool::builder",
    "deadpool_postgres::Config::new",
];

const RUST_BUILDER_ENDS: &[&str] =
    &["connect", "connect_lazy", "connect_with", "build", "build_unchecked", "create_pool"];

/// Whether a file's text names a library any of these tables knows: a
/// qualified name only matches when its first segment is written in the file
/// (in the call or in the import that binds it), so a file that names none
/// has no connection call, and its calls need not be looked at.
pub fn may_open(family: crate::lang::Family, source: &str) -> bool {
    use crate::lang::Family;
    use std::sync::OnceLock;
    // One matcher per family over the first segments of every name, built
    // once: a file is searched in one pass, not once per name.
    static MATCHERS: [OnceLock<regex::Regex>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = match family {
        Family::Python => 0,
        Family::TypeScript => 1,
        Family::Rust => 2,
    };
    let matcher = MATCHERS[slot].get_or_init(|| {
        let (names, separator): (Vec<&str>, &str) = match family {
            Family::Python => (PYTHON.iter().map(|(n, _)| *n).collect(), "."),
            Family::TypeScript => (TYPESCRIPT.iter().map(|(n, _)| *n).collect(), "."),
            Family::Rust => (RUST.iter().map(|(n, _)| *n).chain(RUST_POOL_BUILDERS.iter().copied()).collect(), "::"),
        };
        let mut roots: Vec<String> =
            names.iter().map(|n| regex::escape(n.split(separator).next().unwrap_or(n))).collect();
        roots.sort();
        roots.dedup();
        regex::Regex::new(&roots.join("|")).expect("escaped literals form a valid pattern")
    });
    matcher.is_match(source)
}

/// Whether a Python file imports a library the table knows (sharper than
/// [`may_open`]: a name that is not imported fails at run time).
pub fn may_open_python(imports: &python::Imports) -> bool {
    PYTHON.iter().any(|(n, _)| imports.imports_module(n.split('.').next().unwrap_or(n)))
}

fn lookup(table: &[(&str, Opens)], name: &str) -> Option<Opens> {
    table.iter().find(|(n, _)| *n == name).map(|(_, o)| *o)
}

/// A Python `call` that opens a connection or builds a pool: the callee as
/// written and what it opens.
pub fn python_call(call: Node<'_>, source: &str, imports: &python::Imports) -> Option<(String, Opens)> {
    if call.kind_name() != "call" {
        return None;
    }
    let callee = python::callee_name(call, source)?;
    let opens = lookup(PYTHON, &imports.qualify(&callee))?;
    Some((callee, opens))
}

/// A TypeScript/JavaScript call or `new` that opens a connection or builds a pool.
pub fn typescript_call(call: Node<'_>, source: &str, imports: &typescript::Imports) -> Option<(String, Opens)> {
    if !matches!(call.kind_name(), "call_expression" | "new_expression") {
        return None;
    }
    let callee = typescript::callee_name(call, source)?;
    let qualified = imports.qualify(&callee);
    // Only names that come through an import or `require`.
    if !imports.binds(callee.split('.').next().unwrap_or("")) {
        return None;
    }
    let opens = lookup(TYPESCRIPT, &qualified)?;
    Some((if call.kind_name() == "new_expression" { format!("new {callee}") } else { callee }, opens))
}

/// A Rust call that opens a connection or builds a pool.
pub fn rust_call(call: Node<'_>, source: &str, uses: &rust::Uses) -> Option<(String, Opens)> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    if let Some(path) = rust::call_path(call, source) {
        let qualified = uses.qualify(path);
        let opens = lookup(RUST, &qualified).or_else(|| lookup(RUST, path))?;
        return Some((path.to_string(), opens));
    }
    let method = text(rust::method_name(call)?, source);
    if !RUST_BUILDER_ENDS.contains(&method) {
        return None;
    }
    let mut receiver = rust::method_receiver(call)?;
    loop {
        if receiver.kind_name() == "await_expression" || receiver.kind_name() == "try_expression" {
            receiver = receiver.named_child(0)?;
            continue;
        }
        if receiver.kind_name() != "call_expression" {
            return None;
        }
        if let Some(path) = rust::call_path(receiver, source) {
            let qualified = uses.qualify(path);
            return (RUST_POOL_BUILDERS.contains(&qualified.as_str()) || RUST_POOL_BUILDERS.contains(&path))
                .then(|| (format!("{path}(..).{method}"), Opens::Pool));
        }
        receiver = rust::method_receiver(receiver)?;
    }
}

/// The import bindings a file's connection calls are qualified through.
pub enum Bindings<'a> {
    Python(&'a python::Imports),
    TypeScript(&'a typescript::Imports),
    Rust(&'a rust::Uses),
}

/// The call at `node`, if it opens a connection or builds a pool: the
/// callee as written and what it opens.
pub fn call_site(node: Node<'_>, source: &str, bindings: &Bindings<'_>) -> Option<(String, Opens)> {
    match bindings {
        Bindings::Python(imports) => python_call(node, source, imports),
        Bindings::TypeScript(imports) => typescript_call(node, source, imports),
        Bindings::Rust(uses) => rust_call(node, source, uses),
    }
}

/// The calls in `function`'s body that open a connection or build a pool,
/// with the callee as written and what it opens; one-time initialisation
/// (see [`lazy_initialisation`]) left out. The calls come from the file's
/// node index (`NodeIndex::inside`), not a walk of the body.
pub fn sites<'t>(
    function: Node<'t>,
    index: &crate::lang::NodeIndex<'t>,
    source: &str,
    bindings: &Bindings<'_>,
) -> Vec<(Node<'t>, String, Opens)> {
    index
        .inside(function)
        .iter()
        .copied()
        .filter_map(|node| {
            let (callee, opens) = call_site(node, source, bindings)?;
            (!lazy_initialisation(node, function, source)).then_some((node, callee, opens))
        })
        .collect()
}

/// One-time initialisation inside a handler: the call is inside a closure
/// given to `get_or_init` / `get_or_try_init` / `call_once`, or its value is
/// assigned to a variable that an enclosing `if` tests for being unset
/// (`if _engine is None:`, `if (!pool)`, `pool ??= ...`).
pub fn lazy_initialisation(call: Node<'_>, function: Node<'_>, source: &str) -> bool {
    let mut current = call.parent();
    let mut target: Option<&str> = None;
    while let Some(node) = current {
        if node.id() == function.id() {
            break;
        }
        match node.kind_name() {
            "call_expression" => {
                if let Some(method) = crate::lang::rust::method_name(node)
                    && matches!(
                        text(method, source),
                        "get_or_init" | "get_or_try_init" | "call_once" | "get_or_insert_with"
                    )
                {
                    return true;
                }
            }
            "assignment" | "assignment_expression" | "augmented_assignment_expression" => {
                let left = node.field("left").map(|l| text(l, source));
                if node.kind_name() == "augmented_assignment_expression" && text(node, source).contains("??=") {
                    return true;
                }
                target = target.or(left);
            }
            "if_statement" | "if_expression" => {
                if let (Some(target), Some(condition)) = (target, node.field("condition")) {
                    let condition = text(condition, source);
                    let negated = condition.contains("None")
                        || condition.contains("not ")
                        || condition.contains('!')
                        || condition.contains("null")
                        || condition.contains("undefined")
                        || condition.contains("is_none");
                    if negated && condition.contains(target.trim_start_matches("self.").trim_start_matches("this.")) {
                        return true;
                    }
                }
            }
            _ => {}
        }
        current = node.parent();
    }
    false
}
