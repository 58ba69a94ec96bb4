//! Upload metadata kept in a database table.
use sqlx::AnyPool;

pub struct DbInfoStorage {
    pool: AnyPool,
    table: String,
}

impl DbInfoStorage {
    pub fn new(pool: AnyPool) -> Self {
        Self { pool, table: "uploads".into() }
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    pub fn key_of(id: &str) -> String {
        id.trim().to_lowercase()
    }

    pub async fn prepare(&self) -> sqlx::Result<()> {
        // ok: a `*_storages` folder is part of the data-access layer
        sqlx::query("CREATE TABLE IF NOT EXISTS uploads (id VARCHAR(40) PRIMARY KEY, info TEXT)")
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
