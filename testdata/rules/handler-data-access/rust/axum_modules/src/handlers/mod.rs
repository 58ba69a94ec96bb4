pub mod orders;

pub async fn health() -> &'static str {
    "ok"
}
