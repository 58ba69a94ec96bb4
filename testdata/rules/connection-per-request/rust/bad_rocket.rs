#[macro_use]
extern crate rocket;

use diesel::prelude::*;
use diesel::PgConnection;

#[get("/posts")]
fn posts() -> String {
    let conn = PgConnection::establish("postgres://localhost/blog").unwrap(); // expect: connection-per-request
    format!("{:p}", &conn)
}

#[post("/cache")]
fn cache() -> String {
    let client = redis::Client::open("redis://127.0.0.1/").unwrap(); // expect: connection-per-request
    format!("{:?}", client.get_connection_info())
}
