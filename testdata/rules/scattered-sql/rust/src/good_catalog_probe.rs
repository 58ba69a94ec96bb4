//! Diagnostics for the debug endpoint.
use sqlx::PgPool;

pub async fn relation_kind(pool: &PgPool, name: &str) -> sqlx::Result<Option<(String,)>> {
    // ok: a look-up in the database's own catalog; 'BASE TABLE' is a string, not a table
    sqlx::query_as(
        "SELECT CASE c.relkind WHEN 'r' THEN 'BASE TABLE' WHEN 'v' THEN 'VIEW' END FROM pg_class c \
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)",
    )
    .bind(name)
    .fetch_optional(pool)
    .await
}
