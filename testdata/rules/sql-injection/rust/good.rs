use rusqlite::{params, Connection};
use sqlx::{PgPool, Postgres, QueryBuilder};

const COLUMNS: &str = "id, name, email";
static TABLE: &str = "users";

pub async fn bound(pool: &PgPool, email: &str) -> sqlx::Result<()> {
    // ok: $1 placeholder, value bound
    sqlx::query("SELECT * FROM users WHERE email = $1").bind(email).execute(pool).await?;
    Ok(())
}

pub async fn macro_checked(pool: &PgPool, email: &str) -> sqlx::Result<()> {
    // ok: query! is checked at compile time and binds its arguments
    sqlx::query!("SELECT id FROM users WHERE email = $1", email).fetch_one(pool).await?;
    Ok(())
}

pub async fn constants(pool: &PgPool, id: i64) -> sqlx::Result<()> {
    // ok: const and static interpolated
    sqlx::query(&format!("SELECT {COLUMNS} FROM {} WHERE id = $1", TABLE)).bind(id).execute(pool).await?;
    Ok(())
}

pub async fn number(pool: &PgPool, limit: i64) -> sqlx::Result<()> {
    // ok: an integer parameter cannot inject SQL
    sqlx::query(&format!("SELECT * FROM users LIMIT {limit}")).execute(pool).await?;
    Ok(())
}

pub fn rusqlite_params(conn: &Connection, name: &str) -> rusqlite::Result<usize> {
    // ok: ?1 placeholder with params!
    conn.execute("UPDATE users SET seen = 1 WHERE name = ?1", params![name])
}

pub fn builder(name: &str) {
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new("SELECT * FROM users WHERE name = ");
    // ok: push_bind binds the value
    qb.push_bind(name);
    // ok: constant text pushed
    qb.push(" LIMIT 10");
}

pub fn message(name: &str) -> String {
    // ok: format! that is not passed to a SQL call
    format!("Select a plan, {name}")
}

pub async fn in_list(pool: &PgPool, ids: &[i64]) -> sqlx::Result<()> {
    let placeholders = vec!["?"; ids.len()].join(", ");
    // ok: a list of placeholders
    sqlx::query(&format!("SELECT * FROM users WHERE id IN ({placeholders})")).execute(pool).await?;
    Ok(())
}

// ok: table names from a constant list, one statement each.
const TABLES_TO_TRUNCATE: &[&str] = &["torrents", "users", "categories"];

pub async fn truncate_all(pool: &sqlx::SqlitePool) -> sqlx::Result<()> {
    for table in TABLES_TO_TRUNCATE {
        sqlx::query(&format!("DELETE FROM {table};")).execute(pool).await?;
    }
    Ok(())
}

const SORTABLE: [&str; 2] = ["name", "email"];

pub async fn sorted(pool: &PgPool, column: &str, up: bool) -> sqlx::Result<()> {
    // ok: a fixed allow-list guards the column; the direction comes from a match of constants
    if !SORTABLE.contains(&column) {
        return Ok(());
    }
    let direction = match up {
        true => "ASC",
        false => "DESC",
    };
    sqlx::query(&format!("SELECT * FROM users ORDER BY {column} {direction}")).execute(pool).await?;
    Ok(())
}

pub async fn sorted_by(pool: &PgPool, column: String) -> sqlx::Result<()> {
    // ok: the allow-list is asked about a borrowed view of the owned value
    if !SORTABLE.contains(&column.as_str()) {
        return Ok(());
    }
    sqlx::query(&format!("SELECT * FROM users ORDER BY {column}")).execute(pool).await?;
    Ok(())
}

fn sanitize_qualified_table_identifier(name: &str) -> Option<String> {
    name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.').then(|| format!("\"{name}\""))
}

pub async fn insert_into(pool: &PgPool, table_name: &str, value: &str) -> Result<(), String> {
    // ok: the table name went through the project's identifier sanitizer; the value is bound
    let table = sanitize_qualified_table_identifier(table_name).ok_or("bad table")?;
    let sql = format!("INSERT INTO {table} (v) VALUES ($1)");
    sqlx::query(&sql).bind(value).execute(pool).await.map_err(|e| e.to_string())?;
    Ok(())
}

pub async fn session_timeout(pool: &PgPool, timeout_ms: u64) -> sqlx::Result<()> {
    // ok: a local typed as an integer formats as digits
    let ms: i64 = i64::try_from(timeout_ms).unwrap_or(i64::MAX);
    sqlx::query(&format!("SET LOCAL statement_timeout = {ms}")).execute(pool).await?;
    Ok(())
}

fn assignments(columns: &[String]) -> Vec<String> {
    columns.iter().enumerate().map(|(i, c)| format!("{c} = ${}", i + 1)).collect()
}

fn conditions(filters: &[(String, String)], first: usize) -> (String, Vec<String>) {
    let parts: Vec<String> = filters.iter().enumerate().map(|(i, (c, _))| format!("{c} = ${}", first + i)).collect();
    (format!(" WHERE {}", parts.join(" AND ")), filters.iter().map(|(_, v)| v.clone()).collect())
}

pub async fn update_where(
    pool: &PgPool,
    columns: &[String],
    values: &[String],
    filters: &[(String, String)],
) -> sqlx::Result<()> {
    let set_parts = assignments(columns);
    let (where_clause, where_values) = conditions(filters, values.len() + 1);
    // ok: the SET list and the WHERE clause are structure built by code; every value is bound on the query
    let sql = format!("UPDATE items AS t SET {set_clause}{where_clause}", set_clause = set_parts.join(", "));
    let mut query = sqlx::query(&sql);
    for value in values.iter().chain(where_values.iter()) {
        query = query.bind(value);
    }
    query.execute(pool).await?;
    Ok(())
}

pub async fn insert_sanitized(
    pool: &PgPool,
    table: &str,
    columns: &[String],
    placeholders: &[String],
    values: &[String],
) -> sqlx::Result<()> {
    // ok: the literal text has no placeholder while values are bound, so the VALUES list is where the placeholders are generated
    let sql = format!(
        "INSERT INTO {table} AS t ({columns}) VALUES ({placeholders}) RETURNING t.id",
        columns = columns.join(", "),
        placeholders = placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for value in values {
        query = query.bind(value);
    }
    query.execute(pool).await?;
    Ok(())
}

pub async fn explain_sampled(pool: &PgPool, sample: &str) -> sqlx::Result<()> {
    // ok: the hole is a whole statement for EXPLAIN to plan, SQL by contract
    sqlx::query(&format!("EXPLAIN (FORMAT JSON) {sample}")).fetch_one(pool).await?;
    Ok(())
}

pub async fn wrapped_statement(pool: &PgPool, statement: &str) -> sqlx::Result<()> {
    // ok: the caller's statement becomes the body of a common table expression
    let sql = format!("WITH result AS ({statement}) SELECT to_jsonb(result) FROM result");
    sqlx::query(&sql).fetch_all(pool).await?;
    Ok(())
}

pub enum FsType {
    Generic = 4096,
    Zfs = 65536,
}

pub fn tune(conn: &Connection, fstype: FsType) -> rusqlite::Result<()> {
    let page_size = fstype as u32;
    let cache_pages = 33554432 / page_size;
    // ok: numbers worked out from the configuration; PRAGMA takes no bound parameters
    conn.execute_batch(&format!("PRAGMA page_size={page_size}; PRAGMA cache_size={cache_pages};"))
}
