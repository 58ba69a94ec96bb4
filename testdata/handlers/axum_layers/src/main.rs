mod handlers;
mod repo;
mod service;

use axum::{routing::get, Router};

pub fn app(state: handlers::AppState) -> Router {
    Router::new()
        .route("/users/:id", get(handlers::show_user))
        .route("/orders/:id", get(handlers::show_order))
        .route("/labels/:id", get(handlers::label))
        .route("/forget/:id", get(handlers::forget))
        .with_state(state)
}
