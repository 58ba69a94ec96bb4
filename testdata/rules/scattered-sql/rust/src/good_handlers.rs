use actix_web::{get, web, HttpResponse};
use sqlx::PgPool;

#[get("/users")]
async fn list(pool: web::Data<PgPool>) -> HttpResponse {
    // ok: SQL in a route handler is left to handler-data-access
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT id FROM users").fetch_all(pool.get_ref()).await.unwrap();
    HttpResponse::Ok().json(rows.len())
}

pub fn prose() -> &'static str {
    // ok: prose
    "Delete old drafts from your account"
}
