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

pub struct RoutePatch {
    pub client: Option<String>,
    pub target: Option<String>,
    pub ops: Option<Vec<String>>,
    pub label: Option<String>,
}

fn authorize(pool: &PgPool) -> Result<(), StatusCode> {
    let _ = pool;
    Ok(())
}

fn normalize(value: &str) -> Result<String, StatusCode> {
    if value.is_empty() { Err(StatusCode::BAD_REQUEST) } else { Ok(value.trim().to_lowercase()) }
}

fn normalize_ops(ops: &[String]) -> Result<Vec<String>, StatusCode> {
    ops.iter().map(|op| normalize(op)).collect()
}

// ok: every match and `if let Err` only unwraps a value or returns the error: `?` written out
async fn patch_route(State(pool): State<PgPool>, Json(body): Json<RoutePatch>) -> Result<Json<i64>, StatusCode> {
    if let Err(status) = authorize(&pool) {
        return Err(status);
    }
    let client = match body.client.as_deref() {
        Some(value) => match normalize(value) {
            Ok(v) => Some(v),
            Err(status) => return Err(status),
        },
        None => None,
    };
    let target = match body.target.as_deref() {
        Some(value) => match normalize(value) {
            Ok(v) => Some(v),
            Err(status) => return Err(status),
        },
        None => None,
    };
    let ops = match body.ops.as_deref() {
        Some(value) => match normalize_ops(value) {
            Ok(v) => Some(v),
            Err(status) => return Err(status),
        },
        None => None,
    };
    let label = match body.label.as_deref() {
        Some(value) => match normalize(value) {
            Ok(v) => Some(v),
            Err(status) => return Err(status),
        },
        None => None,
    };
    let key = match normalize("route") {
        Ok(key) => key,
        Err(status) => return Err(status),
    };
    if let Err(status) = authorize(&pool) {
        return Err(status);
    }
    orders::patch(&pool, &key, client, target, ops, label).await.map(Json).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}

pub fn app(pool: PgPool) -> Router {
    Router::new().route("/orders", post(create_order)).route("/routes", post(patch_route)).with_state(pool)
}
