use std::sync::Mutex;

use actix_web::{get, post, web, App, HttpResponse, HttpServer};
use regex::Regex;

use crate::services::users;

static CACHE: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    // ok: start-up code may unwrap
    let addr: std::net::SocketAddr = std::env::var("ADDR").unwrap().parse().unwrap();
    HttpServer::new(|| App::new().service(list).route("/users", web::get().to(users_handler)))
        .bind(addr)?
        .run()
        .await
}

#[get("/list")]
async fn list() -> HttpResponse {
    // ok: a poisoned lock is not an ordinary failure
    let items = CACHE.lock().unwrap().clone();
    // ok: values parsed from literals
    let re = Regex::new(r"^\d+$").unwrap();
    let fallback: u16 = "8080".parse().unwrap();
    HttpResponse::Ok().body(format!("{items:?} {re} {fallback}"))
}

// ok: thin handler delegating to a service and propagating errors
async fn users_handler() -> Result<HttpResponse, actix_web::Error> {
    let all = users::list().await.map_err(actix_web::error::ErrorInternalServerError)?;
    Ok(HttpResponse::Ok().json(all))
}

// ok: a plain function called `get` is not a handler
fn get(map: &std::collections::HashMap<String, String>, key: &str) -> String {
    map.get(key).unwrap().clone()
}

// ok: a Router used for something else
fn dispatch(router: &mut EventRouter) {
    router.route("/events", on_event);
}

fn on_event(e: Event) {
    e.payload.unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;

    // ok: tests may unwrap
    #[actix_web::test]
    async fn lists() {
        let resp = list().await;
        assert!(resp.status().is_success());
        Some(1).unwrap();
    }

    #[get("/test-only")]
    async fn test_route() -> HttpResponse {
        // ok: a handler inside test code
        Some(1).unwrap();
        HttpResponse::Ok().finish()
    }
}

const HEADER_BOOKMARK: &str = "x-bookmark";
type HmacSha256 = hmac::Hmac<sha2::Sha256>;

#[get("/signed")]
async fn signed(body: web::Bytes) -> HttpResponse {
    // ok: a header name parsed from a constant
    let name: actix_web::http::header::HeaderName = HEADER_BOOKMARK.parse().expect("valid header");
    // ok: a time built from literal arguments
    let nightly = chrono::NaiveTime::from_hms_opt(2, 0, 0).unwrap();
    // ok: HMAC takes a key of any length
    let mut mac = HmacSha256::new_from_slice(b"k").unwrap();
    mac.update(&body);
    // ok: serializing the program's own value
    let payload = serde_json::to_value(&Contract::default()).expect("contract serializes");
    let serde_json::Value::Object(map) = payload else {
        // ok: the author ruled out the other shapes
        unreachable!("a struct serializes to an object");
    };
    HttpResponse::Ok().insert_header((name, format!("{nightly}"))).json(map)
}

#[get("/view/{name}")]
async fn view(name: web::Path<String>) -> HttpResponse {
    match plan(&name) {
        Ok(plan) => HttpResponse::Ok().body(plan),
        // ok: the case was handled before the call
        Err(PlanError::MissingView) => unreachable!("view handled above"),
        Err(_) => HttpResponse::BadRequest().finish(),
    }
}

struct Args {
    readonly: bool,
    uploader_password: Option<String>,
}

static ARGS: Args = Args { readonly: true, uploader_password: None };

#[post("/upload")]
async fn upload(body: String) -> HttpResponse {
    if ARGS.readonly && ARGS.uploader_password.is_some() {
        // ok: checked by the condition just above
        if body.trim() != ARGS.uploader_password.as_ref().unwrap().trim() {
            return HttpResponse::Forbidden().finish();
        }
    }
    HttpResponse::Ok().finish()
}

struct Check {
    job: tokio::task::JoinHandle<bool>,
}

#[get("/health_check")]
async fn health_check(checks: web::Data<Vec<Check>>) -> HttpResponse {
    let check = checks.into_inner();
    // ok: joining a spawned task fails only if the task itself panicked
    let healthy = check.job.await.expect("it should be able to join the check");
    HttpResponse::Ok().body(healthy.to_string())
}

struct Pasta {
    attachments: Option<Vec<String>>,
}

#[post("/attach")]
async fn attach(body: String) -> HttpResponse {
    let mut pasta = Pasta { attachments: None };
    if pasta.attachments.is_none() {
        pasta.attachments = Some(Vec::new());
    }
    // ok: filled just above when it was empty
    pasta.attachments.as_mut().unwrap().push(body);
    HttpResponse::Ok().finish()
}

#[get("/health_checks")]
async fn health_checks() -> HttpResponse {
    let jobs = (0..3).map(|i| tokio::spawn(async move { i > 0 }));
    // ok: each result is the join of a task the handler spawned
    let results: Vec<bool> =
        futures::future::join_all(jobs).await.into_iter().map(|r| r.expect("it should be able to join")).collect();
    HttpResponse::Ok().body(format!("{results:?}"))
}

#[patch("/uploads/{file_id}")]
async fn write_chunk(request: HttpRequest, body: web::Bytes) -> HttpResponse {
    let offset: Option<usize> = offset_header(&request);
    if offset.is_none() {
        return HttpResponse::UnsupportedMediaType().body("no offset");
    }
    if request.match_info().get("file_id").is_none() {
        return HttpResponse::NotFound().finish();
    }
    // ok: the route's id was checked above, and the request returned without it
    let file_id = request.match_info().get("file_id").unwrap();
    let info = uploads::info(file_id).await;
    if info.is_final && info.parts.is_some() {
        // ok: a copy of the value just checked
        let parts = info
            .parts
            .clone()
            .unwrap();
        return HttpResponse::Ok().body(parts.join(" "));
    }
    // ok: offset was checked at the top, and the request returned without it
    if offset.unwrap() != info.offset {
        return HttpResponse::Conflict().finish();
    }
    HttpResponse::Ok().body(body)
}
