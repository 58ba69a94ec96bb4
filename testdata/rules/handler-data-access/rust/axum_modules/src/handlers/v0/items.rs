use axum::extract::State;
use axum::Json;
use sqlx::PgPool;

pub async fn list(State(pool): State<PgPool>) -> Json<Vec<String>> { // expect: handler-data-access
    let rows: Vec<(String,)> = sqlx::query_as("SELECT name FROM items").fetch_all(&pool).await.unwrap();
    Json(rows.into_iter().map(|r| r.0).collect())
}
