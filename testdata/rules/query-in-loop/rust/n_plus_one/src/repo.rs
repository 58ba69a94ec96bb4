use sqlx::PgPool;

pub async fn items_for(pool: &PgPool, user_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT id, name FROM items WHERE user_id = $1").bind(user_id).fetch_all(pool).await
}

pub async fn items_for_all(pool: &PgPool, user_ids: &[i64]) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT id, name FROM items WHERE user_id = ANY($1)").bind(user_ids).fetch_all(pool).await
}
