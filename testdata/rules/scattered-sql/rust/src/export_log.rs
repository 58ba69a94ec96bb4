//! Copies a table's rows into an export and logs it; which table it reads
//! is the caller's choice, so the module is not the store of what it touches.

use sqlx::PgPool;

pub fn file_name(table: &str) -> String {
    format!("{table}.csv")
}

pub async fn export(pool: &PgPool, table: &str) -> Result<u64, sqlx::Error> {
    sqlx::query("INSERT INTO export_log (source, at) VALUES ($1, now())") // expect: scattered-sql
        .bind(table)
        .execute(pool)
        .await?;
    let (count,): (i64,) = sqlx::query_as(&format!("SELECT count(*) FROM {table}")).fetch_one(pool).await?;
    Ok(count as u64)
}
