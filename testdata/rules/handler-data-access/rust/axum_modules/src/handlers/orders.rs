use axum::extract::{Path, State};
use axum::Json;
use sqlx::PgPool;

use crate::repo;

pub async fn create_order(State(pool): State<PgPool>, Json(total): Json<i64>) -> Json<i64> { // expect: handler-data-access
    let id: (i64,) = sqlx::query_as("INSERT INTO orders (total) VALUES ($1) RETURNING id")
        .bind(total)
        .fetch_one(&pool)
        .await
        .unwrap();
    Json(id.0)
}

// ok: the handler delegates to the repository module
pub async fn show_order(State(pool): State<PgPool>, Path(id): Path<i64>) -> Json<i64> {
    Json(repo::order_total(&pool, id).await)
}
