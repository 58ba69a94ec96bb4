mod handlers;
mod repo;
mod router;

use axum::routing::{get, post};
use axum::Router;

pub fn app(pool: sqlx::PgPool) -> Router {
    Router::new()
        .route("/orders", post(handlers::orders::create_order))
        .route("/orders/:id", get(handlers::orders::show_order))
        .route("/health", get(handlers::health))
        .with_state(pool)
}

#[tokio::main]
async fn main() {
    let pool = sqlx::PgPool::connect(&std::env::var("DATABASE_URL").unwrap()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app(pool)).await.unwrap();
}
