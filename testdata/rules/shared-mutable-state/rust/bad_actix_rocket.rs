#[macro_use]
extern crate lazy_static;

use std::cell::RefCell;
use std::sync::Mutex;

use actix_web::{get, post, HttpResponse};

lazy_static! {
    static ref QUEUE: Mutex<Vec<String>> = Mutex::new(Vec::new());
}

thread_local! {
    static RECENT: RefCell<Vec<u64>> = RefCell::new(Vec::new());
}

static mut LAST_ID: u64 = 0;

#[post("/jobs")]
async fn enqueue(body: String) -> HttpResponse {
    QUEUE.lock().unwrap().push(body); // expect: shared-mutable-state
    HttpResponse::Accepted().finish()
}

#[get("/items/{id}")]
async fn item(id: actix_web::web::Path<u64>) -> HttpResponse {
    RECENT.with(|r| r.borrow_mut().push(*id)); // expect: shared-mutable-state
    unsafe {
        LAST_ID = *id; // expect: shared-mutable-state
    }
    HttpResponse::Ok().finish()
}
