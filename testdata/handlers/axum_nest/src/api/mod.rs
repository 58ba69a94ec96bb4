pub mod users;

use axum::{routing::get, Router};

pub fn router() -> Router {
    Router::new().merge(users::router()).route("/status", get(status))
}

async fn status() -> &'static str {
    "ok"
}
