use axum::{Json, Router, routing::post};

async fn create_order(Json(order): Json<serde_json::Value>) -> Json<serde_json::Value> {
    // ok: through the tracing logger
    tracing::info!(?order, "new order");
    Json(order)
}

pub fn router() -> Router {
    Router::new().route("/orders", post(create_order))
}

fn main() {
    // ok: a binary's start-up output, not a handler
    println!("listening on :8080");
}
