use sqlx::PgPool;

pub async fn overdue(pool: &PgPool) -> sqlx::Result<Vec<(i64,)>> {
    sqlx::query_as("SELECT id FROM invoices WHERE due_at < now()") // expect: scattered-sql
        .fetch_all(pool)
        .await
}

pub fn label() -> &'static str {
    "Select an option from the list below"
}
