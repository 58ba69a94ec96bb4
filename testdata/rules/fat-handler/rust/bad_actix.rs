use actix_web::{post, web, HttpResponse};
use sqlx::PgPool;

#[post("/points")]
async fn add_points(pool: web::Data<PgPool>, body: web::Json<Vec<i64>>) -> HttpResponse { // expect: fat-handler
    if body.is_empty() {
        return HttpResponse::BadRequest().finish();
    }
    let mut points = 0;
    for value in body.iter() {
        match value {
            v if *v > 100 => points += 10,
            v if *v > 10 => points += 2,
            _ => points += 1,
        }
    }
    sqlx::query("UPDATE users SET points = points + $1").bind(points).execute(pool.get_ref()).await.ok();
    HttpResponse::Ok().json(points)
}
