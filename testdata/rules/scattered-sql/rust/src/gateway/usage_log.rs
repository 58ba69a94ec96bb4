//! Records gateway usage: writes a table that the stats module also reads.

use sqlx::PgPool;

pub fn label(client: &str) -> String {
    format!("client:{client}")
}

pub async fn record_usage(pool: &PgPool, client: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO client_usage (client, at) VALUES ($1, now())") // expect: scattered-sql
        .bind(client)
        .execute(pool)
        .await?;
    Ok(())
}
