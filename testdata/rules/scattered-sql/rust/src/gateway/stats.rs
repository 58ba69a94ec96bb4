//! Usage statistics shown on the dashboard.

use sqlx::PgPool;

pub fn percent(part: i64, whole: i64) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 * 100.0 / whole as f64 }
}

pub async fn busiest(pool: &PgPool) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT client, count(*) FROM client_usage GROUP BY client ORDER BY 2 DESC LIMIT 10") // expect: scattered-sql
        .fetch_all(pool)
        .await
}
