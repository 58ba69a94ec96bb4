#[macro_use]
extern crate rocket;

use rocket::serde::json::Json;

#[get("/hello/<name>")]
fn hello(name: &str) -> String {
    let first = name.chars().next().unwrap(); // expect: panic-in-handler
    format!("Hello, {first}")
}

#[post("/orders", data = "<order>")]
fn order(order: Json<serde_json::Value>) -> String {
    let qty = order["qty"].as_u64().unwrap(); // expect: panic-in-handler
    if qty > 100 {
        unimplemented!("bulk orders"); // expect: panic-in-handler
    }
    qty.to_string()
}
