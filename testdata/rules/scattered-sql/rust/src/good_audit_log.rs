//! The audit log's store: two statements, the functions that reach them
//! through a transaction or a pool, and the builders of its rows.
use sqlx::{PgPool, Postgres, Transaction};

pub struct AuditEntry {
    pub actor: String,
    pub action: String,
}

async fn audit_table_exists_on<'e, E>(executor: E) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = Postgres>,
{
    // ok: the module is the audit store; its wrappers below only reach this query
    let row: (bool,) = sqlx::query_as("SELECT to_regclass('public.audit_log') IS NOT NULL")
        .fetch_one(executor)
        .await?;
    Ok(row.0)
}

pub async fn audit_table_exists(tx: &mut Transaction<'_, Postgres>) -> Result<bool, sqlx::Error> {
    audit_table_exists_on(&mut **tx).await
}

pub async fn audit_table_exists_pool(pool: &PgPool) -> Result<bool, sqlx::Error> {
    audit_table_exists_on(pool).await
}

pub async fn insert_audit_entry(pool: &PgPool, entry: &AuditEntry) -> Result<(), sqlx::Error> {
    // ok: the store's own insert
    sqlx::query("INSERT INTO audit_log (actor, action) VALUES ($1, $2)")
        .bind(&entry.actor)
        .bind(&entry.action)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn record(pool: &PgPool, entry: &AuditEntry) -> Result<(), sqlx::Error> {
    if audit_table_exists_pool(pool).await? {
        insert_audit_entry(pool, entry).await?;
    }
    Ok(())
}

pub fn build_entry(actor: &str, action: &str) -> AuditEntry {
    AuditEntry { actor: actor.trim().to_string(), action: action.to_string() }
}

fn actor_label(entry: &AuditEntry) -> String {
    format!("{} ({})", entry.actor, entry.action)
}
