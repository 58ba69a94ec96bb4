use std::fs;

fn cleanup(tmp: &std::path::Path) {
    let _ = std::fs::remove_file(tmp); // expect: swallowed-exception
    fs::remove_dir_all(tmp).ok(); // expect: swallowed-exception
}

async fn store(pool: &PgPool, order: &Order) {
    // expect: swallowed-exception
    let _ = sqlx::query("INSERT INTO orders (id) VALUES ($1)")
        .bind(order.id)
        .execute(pool)
        .await;
}

async fn finish(tx: sqlx::Transaction<'_, sqlx::Postgres>) {
    tx.commit().await.ok(); // expect: swallowed-exception
}

async fn start(repo: &Repo) {
    repo.migrate_up().await.ok(); // expect: swallowed-exception
}

async fn announce(channel: &lapin::Channel, payload: &[u8]) {
    // expect: swallowed-exception
    let _ = channel.basic_publish("", "orders", Default::default(), payload, Default::default()).await;
}

struct Upload {
    path: std::path::PathBuf,
}

impl Upload {
    // Not a destructor: the caller could be told the file stayed behind.
    fn drop_file(&mut self) {
        let _ = std::fs::remove_file(&self.path); // expect: swallowed-exception
    }
}

async fn rotate(tmp_root: &std::path::Path) -> Result<(), std::io::Error> {
    let bytes = tokio::fs::read(tmp_root.join("dump.sql")).await?;
    tokio::fs::write("/var/backups/latest.sql", bytes).await?;
    let _ = tokio::fs::remove_dir_all(tmp_root).await; // expect: swallowed-exception
    Ok(())
}

async fn install(pool: &PgPool, statement: &str) -> Result<(), String> {
    let mut tx = pool.begin().await.map_err(|e| e.to_string())?;
    if let Err(err) = sqlx::query(statement).execute(&mut *tx).await {
        let _ = tx.commit().await; // expect: swallowed-exception
        return Err(err.to_string());
    }
    tx.commit().await.map_err(|e| e.to_string())
}
