// ok: a query per item in a test that seeds rows.
use sqlx::PgPool;

#[cfg(test)]
mod tests {
    use super::*;

    #[sqlx::test]
    async fn lists_users(pool: PgPool) {
        for id in 1..=3_i64 {
            sqlx::query("INSERT INTO users (id) VALUES ($1)").bind(id).execute(&pool).await.unwrap();
        }
    }
}
