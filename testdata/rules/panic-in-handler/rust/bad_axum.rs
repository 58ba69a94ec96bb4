use axum::{extract::{Path, State}, routing::{get, post}, Json, Router};
use sqlx::PgPool;

async fn get_user(State(pool): State<PgPool>, Path(id): Path<i64>) -> Json<String> {
    let name: String = sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        // expect: panic-in-handler
        .unwrap();
    Json(name)
}

async fn create_user(Json(body): Json<serde_json::Value>) -> String {
    let email = body["email"].as_str().expect("email is required"); // expect: panic-in-handler
    validate(email);
    email.to_string()
}

fn validate(email: &str) {
    if !email.contains('@') {
        panic!("invalid email: {email}"); // expect: panic-in-handler
    }
}

async fn export() -> String {
    todo!() // expect: panic-in-handler
}

pub fn routes() -> Router<PgPool> {
    Router::new()
        .route("/users/:id", get(get_user))
        .route("/users", post(create_user))
        .route("/export", get(export))
        .route("/rename", post(rename))
        .route("/rename-later", post(rename_later))
        .route("/show/:id", get(show))
        .route("/inline", get(|Path(n): Path<String>| async move { n.parse::<u32>().unwrap().to_string() })) // expect: panic-in-handler
}

async fn rename(Json(body): Json<serde_json::Value>) -> String {
    // expect: panic-in-handler
    let name = body["name"].as_str().expect("name should be a string");
    name.to_string()
}

async fn rename_later(Json(body): Json<serde_json::Value>) -> String {
    // expect: panic-in-handler
    let name = body["name"].as_str().expect("name checked before parsing");
    name.to_string()
}

async fn show(State(pool): State<PgPool>, Path(id): Path<i64>) -> String {
    // expect: panic-in-handler
    let user = find_user(&pool, id).await.expect("user should exist");
    user.name
}
