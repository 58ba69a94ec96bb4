mod handlers;

use axum::{routing::get, Router};

#[tokio::main]
async fn main() {
    // ok: start-up code may unwrap
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    let app = Router::new()
        .route("/orders/{id}", get(handlers::show_order))
        .route("/health", get(handlers::health));
    axum::serve(listener, app).await.unwrap();
}
