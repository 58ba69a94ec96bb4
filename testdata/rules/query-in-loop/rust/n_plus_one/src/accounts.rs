use sqlx::PgPool;

pub struct AccountRepo {
    pool: PgPool,
}

impl AccountRepo {
    pub async fn owner(&self, id: i64) -> sqlx::Result<String> {
        sqlx::query_scalar("SELECT owner FROM accounts WHERE id = $1").bind(id).fetch_one(&self.pool).await
    }

    pub fn label(&self, id: i64) -> String {
        format!("account #{id}")
    }
}
