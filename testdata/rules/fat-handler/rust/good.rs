use axum::{extract::State, http::StatusCode, routing::post, Json, Router};
use sqlx::PgPool;

mod orders;

pub struct NewOrder {
    pub items: Vec<(i64, i64)>,
}

// ok: thin handler validating and delegating to a service
async fn create_order(State(pool): State<PgPool>, Json(order): Json<NewOrder>) -> Result<Json<i64>, StatusCode> {
    if order.items.is_empty() {
        return Err(StatusCode::BAD_REQUEST);
    }
    orders::place(&pool, order).await.map(Json).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}

// ok: a plain function that validates, computes and queries is not a handler
pub async fn place(pool: &PgPool, order: NewOrder) -> Result<i64, StatusCode> {
    if order.items.is_empty() {
        return Err(StatusCode::BAD_REQUEST);
    }
    let mut total = 0;
    for (price, qty) in &order.items {
        total += price * qty;
    }
    sqlx::query("INSERT INTO orders (total) VALUES ($1)").bind(total).execute(pool).await.ok();
    Ok(total)
}

pub fn app(pool: PgPool) -> Router {
    Router::new().route("/orders", post(create_order)).with_state(pool)
}
