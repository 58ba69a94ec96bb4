use actix_web::{get, web, HttpResponse};
use sqlx::PgPool;

#[get("/orders")]
async fn list_orders(pool: web::Data<PgPool>) -> HttpResponse { // expect: handler-data-access
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT id FROM orders").fetch_all(pool.get_ref()).await.unwrap_or_default();
    HttpResponse::Ok().json(rows.len())
}
