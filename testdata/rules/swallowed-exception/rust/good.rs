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
