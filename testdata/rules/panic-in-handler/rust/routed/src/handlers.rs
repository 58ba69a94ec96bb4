use axum::extract::Path;

pub async fn show_order(Path(id): Path<String>) -> String {
    let id: u64 = id.parse().unwrap(); // expect: panic-in-handler
    format!("order {id}")
}

pub async fn health() -> &'static str {
    // ok: a value parsed from a literal
    let _port: u16 = "3000".parse().unwrap();
    "ok"
}

// ok: not routed anywhere
pub fn parse_limit(raw: &str) -> u32 {
    raw.parse().unwrap()
}
