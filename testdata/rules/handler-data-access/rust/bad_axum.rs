use axum::{extract::{Path, State}, routing::get, Json, Router};
use sqlx::PgPool;

async fn get_user(State(pool): State<PgPool>, Path(id): Path<i64>) -> Json<String> { // expect: handler-data-access
    let name: String = sqlx::query_scalar("SELECT name FROM users WHERE id = $1").bind(id).fetch_one(&pool).await.unwrap_or_default();
    Json(name)
}

async fn count_users(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(pool).await.unwrap_or(0)
}

async fn stats(State(pool): State<PgPool>) -> String { // expect: handler-data-access
    count_users(&pool).await.to_string()
}

pub fn app(pool: PgPool) -> Router {
    Router::new()
        .route("/users/:id", get(get_user))
        .route("/stats", get(stats))
        .with_state(pool)
}
