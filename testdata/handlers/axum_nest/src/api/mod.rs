pub mod users;

use axum::{routing::get, Router};

pub fn router() -> Router {
    Router::new().merge(users::router()).route("/status", get(status)).nest("/admin", admin())
}

async fn status() -> &'static str {
    "ok"
}

// A router built by a function of this module and nested above.
fn admin() -> Router {
    Router::new().route("/stats", get(stats)).route("/audit", get(crate::handlers::users::list))
}

async fn stats() -> &'static str {
    "stats"
}
