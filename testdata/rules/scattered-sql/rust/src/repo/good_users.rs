use sqlx::PgPool;

pub async fn active(pool: &PgPool) -> sqlx::Result<Vec<(i64,)>> {
    // ok: data-access layer
    sqlx::query_as("SELECT id FROM users WHERE active").fetch_all(pool).await
}
