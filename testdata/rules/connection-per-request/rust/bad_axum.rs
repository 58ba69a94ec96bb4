use axum::{extract::Path, routing::get, Json, Router};
use sqlx::postgres::PgPoolOptions;
use sqlx::{PgConnection, PgPool};
use sqlx::Connection;

async fn get_user(Path(id): Path<i64>) -> Json<String> {
    let mut conn = PgConnection::connect("postgres://localhost/app").await.unwrap(); // expect: connection-per-request
    let name: String = sqlx::query_scalar("SELECT name FROM users WHERE id = $1").bind(id).fetch_one(&mut conn).await.unwrap();
    Json(name)
}

async fn list_users() -> Json<Vec<String>> {
    let pool = pool().await;
    Json(sqlx::query_scalar("SELECT name FROM users").fetch_all(&pool).await.unwrap())
}

async fn pool() -> PgPool {
    PgPoolOptions::new().max_connections(5).connect("postgres://localhost/app").await.unwrap() // expect: connection-per-request
}

async fn count() -> String {
    let pool = PgPool::connect("postgres://localhost/app").await.unwrap(); // expect: connection-per-request
    sqlx::query_scalar::<_, i64>("SELECT count(*) FROM users").fetch_one(&pool).await.unwrap().to_string()
}

async fn probe_target(Path(url): Path<String>) -> String {
    // ok: an operator's diagnostics route opens a connection to test that target
    match PgPoolOptions::new().max_connections(1).connect(&url).await {
        Ok(_) => "reachable".to_string(),
        Err(error) => error.to_string(),
    }
}

pub fn app() -> Router {
    Router::new()
        .route("/users/:id", get(get_user))
        .route("/users", get(list_users).post(count))
        .route("/debug/targets/:url", get(probe_target))
}
