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

const KEY_LENGTH: usize = 32;

pub async fn ddl_sized_by_a_constant(pool: &PgPool) -> sqlx::Result<()> {
    // ok: the column size comes from a constant through a checked conversion
    let sql = format!("CREATE TABLE keys (key VARCHAR({}) NOT NULL)", i8::try_from(KEY_LENGTH).expect("fits"));
    sqlx::query(&sql).execute(pool).await?;
    Ok(())
}

fn placeholders(count: usize) -> String {
    vec!["?"; count].join(",")
}

pub async fn placeholder_list(pool: &PgPool, ids: &[i64]) -> sqlx::Result<()> {
    // ok: only placeholders, as many as there are ids, are formatted in; the ids are bound
    let sql = format!("SELECT * FROM events WHERE id IN ({})", placeholders(ids.len() - 1));
    let mut query = sqlx::query(&sql);
    for id in ids {
        query = query.bind(id);
    }
    query.execute(pool).await?;
    Ok(())
}
