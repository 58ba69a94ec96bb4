use sqlx::PgPool;

pub struct UserRepo {
    pool: PgPool,
}

impl UserRepo {
    pub async fn find(&self, id: i64) -> Option<String> {
        sqlx::query_scalar("SELECT name FROM users WHERE id = $1").bind(id).fetch_optional(&self.pool).await.ok()?
    }

    pub fn label(&self, id: i64) -> String {
        format!("user #{id}")
    }
}

pub struct OrderRepo {
    pool: PgPool,
}

impl OrderRepo {
    pub async fn total(&self, id: i64) -> Option<i64> {
        sqlx::query_scalar("SELECT total FROM orders WHERE id = $1").bind(id).fetch_optional(&self.pool).await.ok()?
    }
}

pub fn connect(pool: PgPool) -> UserRepo {
    UserRepo { pool }
}

pub async fn label(pool: &PgPool, id: i64) {
    let _ = sqlx::query("DELETE FROM users WHERE id = $1").bind(id).execute(pool).await;
}
