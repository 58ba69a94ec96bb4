use sqlx::PgPool;

async fn load_due(tx: &mut sqlx::Transaction<'_, sqlx::Postgres>, limit: i64) -> Result<Vec<Row>, String> {
    sqlx::query_as::<_, Row>("SELECT id FROM schedules WHERE due ORDER BY due FOR UPDATE SKIP LOCKED LIMIT $1")
        .bind(limit)
        .fetch_all(&mut **tx)
        .await
        .map_err(|e| e.to_string())
}

pub async fn enqueue(pool: &PgPool) -> Result<(), String> {
    let mut tx = pool.begin().await.map_err(|e| e.to_string())?;
    let due = load_due(&mut tx, 5).await?;
    for schedule in due {
        // ok: the rows were claimed FOR UPDATE SKIP LOCKED: one job each
        sqlx::query("UPDATE schedules SET last_run = now() WHERE id = $1").bind(schedule.id).execute(&mut *tx).await.map_err(|e| e.to_string())?;
    }
    Ok(())
}

pub async fn touch_all(pool: &PgPool, ids: &[i64]) -> Result<(), String> {
    for id in ids {
        sqlx::query("UPDATE schedules SET seen = now() WHERE id = $1").bind(id).execute(pool).await.map_err(|e| e.to_string())?; // expect: query-in-loop
    }
    Ok(())
}
