use sqlx::PgPool;

pub async fn order_total(pool: &PgPool, id: i64) -> i64 {
    let row: (i64,) = sqlx::query_as("SELECT total FROM orders WHERE id = $1").bind(id).fetch_one(pool).await.unwrap();
    row.0
}
