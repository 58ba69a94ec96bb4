use axum::{Json, Router, routing::post};

async fn create_order(Json(order): Json<serde_json::Value>) -> Json<serde_json::Value> {
    println!("new order: {order}"); // expect: print-in-handler
    let total = dbg!(order["total"].as_f64()); // expect: print-in-handler
    Json(serde_json::json!({ "total": total }))
}

pub fn router() -> Router {
    Router::new().route("/orders", post(create_order))
}
