use std::fs;
use tokio::sync::mpsc::Sender;

fn save(path: &str) -> std::io::Result<()> {
    fs::write(path, b"data")
}

async fn notify(tx: Sender<Event>, event: Event) {
    let _ = tx.send(event).await; // expect: swallowed-exception
}

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

fn persist() {
    let _ = save("/var/lib/app/state"); // expect: swallowed-exception
}

async fn ping(client: &reqwest::Client, url: &str) {
    client.get(url).send().await.ok(); // expect: swallowed-exception
}
