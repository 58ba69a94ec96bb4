use sqlx::PgPool;

pub async fn batched(pool: &PgPool, ids: &[i64]) -> sqlx::Result<()> {
    // ok: one query for every id
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE id = ANY($1)").bind(ids).fetch_all(pool).await?;
    for row in &rows {
        println!("{}", row.0);
    }
    Ok(())
}

fn double(x: i64) -> i64 {
    x * 2
}

pub fn pure(ids: &[i64]) -> Vec<i64> {
    // ok: a same-file function that does not query
    ids.iter().map(|i| double(*i)).collect()
}

pub async fn option_map(pool: &PgPool, id: Option<i64>) {
    // ok: Option::map is not a loop
    let _ = id.map(|i| sqlx::query("SELECT 1").bind(i));
    let _ = pool;
}
