use axum::{routing::get, Router};

async fn root() -> &'static str {
    "hello"
}

async fn create() {}

fn get_config() -> u8 {
    0
}

fn app() -> Router {
    Router::new().route("/", get(root).post(create))
}
