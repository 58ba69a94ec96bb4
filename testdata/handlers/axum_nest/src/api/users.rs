use axum::{routing::{get, post}, Router};

use crate::handlers::users::{create, list};

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/users", get(list).with_state(state.clone()))
        .route("/users", post(create).layer(limit()))
}
