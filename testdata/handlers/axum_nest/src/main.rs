mod api;
mod handlers;

use axum::Router;

fn app() -> Router {
    Router::new().nest("/api", api::router())
}
