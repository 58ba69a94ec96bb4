//! The Postgres driver: generic row helpers over any table.
use sqlx::PgPool;

pub async fn delete_row(pool: &PgPool, id: i64) -> sqlx::Result<()> {
    // ok: a folder named for the database engine is the data-access layer
    sqlx::query("DELETE FROM rows WHERE id = $1").bind(id).execute(pool).await?;
    Ok(())
}

pub fn row_label(id: i64) -> String {
    format!("row {id}")
}

pub fn is_deleted(status: &str) -> bool {
    status == "deleted"
}
