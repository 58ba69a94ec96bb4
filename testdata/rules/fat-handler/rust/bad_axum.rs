use axum::{extract::State, http::StatusCode, routing::post, Json, Router};
use sqlx::PgPool;

pub struct NewOrder {
    pub items: Vec<(i64, i64)>,
}

async fn create_order(State(pool): State<PgPool>, Json(order): Json<NewOrder>) -> Result<Json<i64>, StatusCode> { // expect: fat-handler
    if order.items.is_empty() {
        return Err(StatusCode::BAD_REQUEST);
    }
    let mut total = 0;
    for (price, qty) in &order.items {
        total += price * qty;
    }
    let total = if total > 100 { total * 9 / 10 } else { total };
    sqlx::query("INSERT INTO orders (total) VALUES ($1)").bind(total).execute(&pool).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(total))
}

pub fn app(pool: PgPool) -> Router {
    Router::new().route("/orders", post(create_order)).with_state(pool)
}
