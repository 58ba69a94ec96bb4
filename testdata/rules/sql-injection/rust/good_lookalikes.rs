use reqwest::Client;
use sqlx::PgPool;

pub async fn http(client: &Client, id: String) -> reqwest::Result<()> {
    // ok: reqwest's Client::execute is not SQL
    let req = client.get(format!("https://api.example.com/users/{id}")).build()?;
    client.execute(req).await?;
    Ok(())
}

pub async fn from_caller(pool: &PgPool, sql: &str) -> sqlx::Result<()> {
    // ok: the query is a parameter; judged where it is built
    sqlx::query(sql).execute(pool).await?;
    Ok(())
}

pub fn log_only(table: &str) {
    // ok: formatted SQL-like text that is only logged
    println!("{}", format!("DELETE FROM {table} done"));
}
