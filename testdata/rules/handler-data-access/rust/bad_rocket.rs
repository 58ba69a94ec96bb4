use rocket::{get, routes, State};
use sqlx::PgPool;

#[get("/books/<id>")]
async fn book(pool: &State<PgPool>, id: i64) -> String { // expect: handler-data-access
    sqlx::query_scalar("SELECT title FROM books WHERE id = $1").bind(id).fetch_one(pool.inner()).await.unwrap_or_default()
}

pub fn routes() -> Vec<rocket::Route> {
    routes![book]
}
