// ok: SQL built from strings in test code, which the scan treats as tests
// wherever the file is.
use sqlx::PgPool;

pub async fn by_id(pool: &PgPool, id: i64) -> sqlx::Result<()> {
    sqlx::query("SELECT * FROM users WHERE id = $1").bind(id).execute(pool).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn seed(pool: &PgPool, table: &str) {
        sqlx::query(&format!("DELETE FROM {table}")).execute(pool).await.unwrap();
    }

    #[sqlx::test]
    async fn finds_by_id(pool: PgPool) {
        seed(&pool, "users").await;
        by_id(&pool, 1).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn cleans_up() {
    let pool = PgPool::connect_lazy("postgres://localhost/test").unwrap();
    let name = std::env::var("TABLE").unwrap();
    sqlx::query(&format!("TRUNCATE {name}")).execute(&pool).await.unwrap();
}
