use axum::routing::get;
use axum::Router;
use sqlx::PgPool;

use crate::handlers;

pub fn v0() -> Router<PgPool> {
    Router::new().route("/v0/items", get(handlers::v0::items::list))
}
