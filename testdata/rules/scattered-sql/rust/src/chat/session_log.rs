//! Best-effort log of chat session sign-ins: builds one row per attempt and
//! inserts it. No other module touches `chat_session_log`.

use serde_json::{json, Value};
use sqlx::PgPool;

pub struct Attempt {
    pub session: String,
    pub accepted: bool,
    pub transport: &'static str,
}

pub fn spawn_session_log(pool: PgPool, attempt: Attempt) {
    tokio::spawn(async move {
        let _ = insert_session_log(&pool, &attempt, details(&attempt)).await;
    });
}

fn details(attempt: &Attempt) -> Value {
    json!({ "transport": attempt.transport, "accepted": attempt.accepted })
}

pub fn transport_for(path: &str) -> &'static str {
    if path.ends_with("/ws") { "wss" } else { "http" }
}

async fn insert_session_log(pool: &PgPool, attempt: &Attempt, details: Value) -> Result<(), sqlx::Error> {
    // ok: the module alone writes this table: it is the table's store
    sqlx::query("INSERT INTO athena.chat_session_log (session, accepted, details) VALUES ($1, $2, $3)")
        .bind(&attempt.session)
        .bind(attempt.accepted)
        .bind(details)
        .execute(pool)
        .await?;
    Ok(())
}
