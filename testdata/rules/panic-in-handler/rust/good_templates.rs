// ok: results that cannot fail on ordinary input: a compile-time checked
// template's render, the system clock since the epoch.
use actix_web::{HttpResponse, get};
use askama::Template;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Template)]
#[template(path = "index.html")]
struct IndexTemplate<'a> {
    title: &'a str,
}

#[get("/")]
async fn index() -> HttpResponse {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let body = IndexTemplate { title: "Pastes" }.render().unwrap();
    HttpResponse::Ok().insert_header(("x-rendered-at", now.to_string())).body(body)
}
