use sqlx::PgPool;

pub async fn items_for(pool: &PgPool, user_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT id, name FROM items WHERE user_id = $1").bind(user_id).fetch_all(pool).await
}

pub async fn items_for_all(pool: &PgPool, user_ids: &[i64]) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT id, name FROM items WHERE user_id = ANY($1)").bind(user_ids).fetch_all(pool).await
}

pub struct Registry {
    pools: std::collections::HashMap<String, PgPool>,
}

impl Registry {
    pub fn get_pool(&self, name: &str) -> Option<PgPool> {
        self.pools.get(name).cloned()
    }
}

pub async fn pool_for(registry: &Registry, catalog: &PgPool, name: &str) -> sqlx::Result<PgPool> {
    if let Some(pool) = registry.get_pool(name) {
        return Ok(pool);
    }
    let url: String =
        sqlx::query_scalar("SELECT url FROM clients WHERE name = $1").bind(name).fetch_one(catalog).await?;
    PgPool::connect(&url).await
}

pub fn mark_seen(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<usize> {
    conn.execute("UPDATE items SET seen = 1 WHERE id = ?1", [id])
}
