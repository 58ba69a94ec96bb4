//! Data access helpers for billing connections.
use sqlx::PgPool;

pub async fn connection_name(pool: &PgPool, id: i64) -> sqlx::Result<(String,)> {
    // ok: a module of the `data` folder owns its queries
    sqlx::query_as("SELECT name FROM billing_connections WHERE id = $1").bind(id).fetch_one(pool).await
}

pub fn is_active(status: &str) -> bool {
    status == "active"
}
