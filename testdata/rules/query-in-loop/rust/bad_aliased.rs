use common::db;
use sqlx::PgPool;

// A query run on the transaction (`&mut *tx`) is recognised by what it runs on, whatever builds it.
pub async fn add_records(pool: &PgPool, ids: &[i64]) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    for id in ids {
        db::query("SELECT owner FROM items WHERE id = $1").bind(id).fetch_one(&mut *tx).await?; // expect: query-in-loop
    }
    tx.commit().await
}
