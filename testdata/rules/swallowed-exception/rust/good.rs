use std::fs;

// ok: the error is logged
fn cleanup(tmp: &std::path::Path) {
    if let Err(err) = fs::remove_file(tmp) {
        tracing::warn!(%err, "could not remove temp file");
    }
}

// ok: the error is propagated
fn save(path: &str) -> std::io::Result<()> {
    fs::write(path, b"data")?;
    Ok(())
}

// ok: a value that is not a Result is ignored
fn touch(map: &mut std::collections::HashMap<String, u32>) {
    let _ = map.insert("a".into(), 1);
    let _ = compute_len("abc");
}

// ok: a named binding keeps the guard alive
fn guarded(lock: &std::sync::Mutex<u32>) {
    let _guard = lock.lock();
}

// ok: `.ok()` whose option is used
fn port() -> Option<u16> {
    std::env::var("PORT").ok()?.parse().ok()
}

// ok: a handled send
async fn notify(tx: tokio::sync::mpsc::Sender<u32>) {
    if tx.send(1).await.is_err() {
        tracing::debug!("receiver gone");
    }
}

#[cfg(test)]
mod tests {
    // ok: test modules hold fixture values
    #[test]
    fn parses() {
        let _ = std::fs::remove_file("/tmp/x");
        let url = "postgres://app:Zq8rT2mLw9@db.prod.example.net/shop";
        assert!(parse(url).is_ok());
    }
}

// ok: a send on a channel fails only when the receiver is gone, the normal end of its life
async fn broadcast(tx: tokio::sync::broadcast::Sender<u32>, stop_tx: tokio::sync::oneshot::Sender<()>) {
    let _ = tx.send(1);
    stop_tx.send(()).ok();
}

// ok: writes to a sink that may be a buffer or stdout, and rollbacks, change nothing durable
fn render<W: std::io::Write>(writer: &mut W, tx: rusqlite::Transaction<'_>) {
    let _ = writer.write_all(b",\n");
    let _ = std::io::stdout().write_all(b"log line");
    tx.rollback().ok();
}

// ok: the optional `.env` file idiom, and functions of this file not known to change durable state
fn setup(renderer: &mut Renderer) {
    dotenvy::dotenv().ok();
    let _ = renderer.write_prefix();
}

fn write_prefix() -> std::io::Result<()> {
    Ok(())
}

// ok: a comment above the statement says why the error is dropped
fn remove_parent(path: &std::path::Path) {
    // attempt to remove the parent directory if it is empty
    let _ = std::fs::remove_dir(path);
}

// ok: a failed rollback to a savepoint changes nothing
async fn undo(tx: &mut sqlx::Transaction<'_, sqlx::Postgres>) {
    let _ = sqlx::query("ROLLBACK TO SAVEPOINT management_mutation").execute(&mut **tx).await;
}

struct TempFile {
    path: std::path::PathBuf,
}

// ok: a destructor has no caller to return the error to, and must not panic
impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        std::fs::remove_dir(self.path.parent().unwrap_or(&self.path)).ok();
    }
}

// ok: cleanup after a failure that is returned to the caller
async fn dump(tmp_root: &std::path::Path) -> Result<Vec<u8>, std::io::Error> {
    match tokio::fs::read(tmp_root.join("dump.sql")).await {
        Ok(bytes) => Ok(bytes),
        Err(e) => {
            let _ = tokio::fs::remove_dir_all(tmp_root).await;
            Err(e)
        }
    }
}

// ok: the half-written file goes; the write's error is what matters
fn write_report(out: &std::path::Path, body: &[u8]) -> std::io::Result<()> {
    if let Err(e) = std::fs::write(out, body) {
        std::fs::remove_file(out).ok();
        return Err(e);
    }
    Ok(())
}
