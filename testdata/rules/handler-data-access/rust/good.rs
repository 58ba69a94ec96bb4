use axum::{extract::{Path, State}, routing::get, Json, Router};
use sqlx::PgPool;

mod repo;

// ok: thin handler delegating to a repository module
async fn get_user(State(pool): State<PgPool>, Path(id): Path<i64>) -> Json<String> {
    Json(repo::user_name(&pool, id).await.unwrap_or_default())
}

// ok: a plain function that queries is not a handler
pub async fn load(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(pool).await.unwrap_or(0)
}

// ok: start-up code
pub async fn migrate(pool: &PgPool) {
    sqlx::query("CREATE TABLE IF NOT EXISTS users (id BIGINT)").execute(pool).await.ok();
}

pub fn app(pool: PgPool) -> Router {
    Router::new().route("/users/:id", get(get_user)).with_state(pool)
}
