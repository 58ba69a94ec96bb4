pub mod orders;
pub mod v0;

pub async fn health() -> &'static str {
    "ok"
}

// ok: a namesake of the routed `v0::items::list`; no route names this one
pub async fn list(pool: &sqlx::PgPool) -> i64 {
    let row: (i64,) = sqlx::query_as("SELECT count(*) FROM items").fetch_one(pool).await.unwrap();
    row.0
}
