use actix_web::{get, web, App, HttpResponse};

#[get("/notes")]
async fn notes() -> HttpResponse {
    let conn = rusqlite::Connection::open("notes.db").unwrap(); // expect: connection-per-request
    HttpResponse::Ok().body(format!("{:?}", conn.is_autocommit()))
}

async fn stats() -> HttpResponse {
    let (client, connection) = tokio_postgres::connect("host=db", tokio_postgres::NoTls).await.unwrap(); // expect: connection-per-request
    tokio::spawn(connection);
    HttpResponse::Ok().body(format!("{:?}", client.is_closed()))
}

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/stats").route(web::get().to(stats)));
}
