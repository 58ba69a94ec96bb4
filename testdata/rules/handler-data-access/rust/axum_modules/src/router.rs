use axum::routing::get;
use axum::Router;
use sqlx::PgPool;

use crate::handlers;

pub fn v0() -> Router<PgPool> {
    Router::new().route("/v0/items", get(handlers::v0::items::list))
}

#[cfg(test)]
mod tests {
    use axum::routing::get;
    use axum::Router;

    use crate::handlers;

    // ok: a route of the tests only; the function it names is not a production handler
    fn app() -> Router<sqlx::PgPool> {
        Router::new().route("/items", get(handlers::list))
    }
}
