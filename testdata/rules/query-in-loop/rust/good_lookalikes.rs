use reqwest::Client;
use sqlx::PgPool;

pub async fn http(client: &Client, urls: Vec<String>) -> reqwest::Result<()> {
    for url in urls {
        // ok: an HTTP request, not a query
        let req = client.get(url).build()?;
        client.execute(req).await?;
    }
    Ok(())
}

pub async fn after(pool: &PgPool, ids: Vec<i64>) -> sqlx::Result<()> {
    let mut total = 0;
    for id in &ids {
        total += id;
    }
    // ok: one query after the loop
    sqlx::query("UPDATE stats SET total = $1").bind(total).execute(pool).await?;
    Ok(())
}

pub async fn local_client(urls: Vec<String>) -> reqwest::Result<()> {
    let client = reqwest::Client::new();
    for url in urls {
        let req = client.get(url).build()?;
        // ok: reqwest client built locally
        client.execute(req).await?;
    }
    Ok(())
}
