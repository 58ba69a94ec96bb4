use sqlx::PgPool;

pub async fn overdue(pool: &PgPool) -> sqlx::Result<Vec<(i64,)>> {
    sqlx::query_as("SELECT id FROM invoices WHERE due_at < now()") // expect: scattered-sql
        .fetch_all(pool)
        .await
}

pub fn label() -> &'static str {
    "Select an option from the list below"
}

const REPORT: &str = "SELECT count(*) FROM orders WHERE paid"; // expect: scattered-sql

pub fn create(conn: &rusqlite::Connection) -> rusqlite::Result<usize> {
    conn.execute("CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, at TEXT)", []) // expect: scattered-sql
}

pub fn report() -> &'static str {
    REPORT
}
