// ok: results that cannot fail on ordinary input: a compile-time checked
// template's render, the system clock since the epoch.
use actix_web::{HttpResponse, get, web};
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

// ok: unwraps in the branch that checked them
#[get("/raw/{id}")]
async fn raw() -> HttpResponse {
    let res = std::fs::read_to_string("pasta.txt");
    if res.is_ok() {
        return HttpResponse::Ok().body(res.unwrap());
    }
    let maybe = std::env::var("FALLBACK").ok();
    if let Some(_) = maybe {
        return HttpResponse::Ok().body(maybe.unwrap());
    }
    HttpResponse::NotFound().finish()
}

// ok: numeric conversions whose failure is a broken invariant, not a request's fault
#[get("/stats")]
async fn stats() -> HttpResponse {
    let millis = std::time::SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis();
    let at = i64::try_from(millis).expect("timestamp fits in i64");
    let interval: u32 = 3600_u64.try_into().unwrap();
    HttpResponse::Ok().body(format!("{at} {interval}"))
}

// ok: an `expect` stating what the program's own state guarantees, on a getter
#[get("/upload")]
async fn upload() -> HttpResponse {
    let session = start_ingest().await;
    let alias = session.alias().expect("alias should exist");
    let id = session.upload_id.expect("Upload ID exists");
    HttpResponse::Ok().body(format!("{alias} {id}"))
}

#[derive(serde::Deserialize)]
struct PlanQuery {
    plan: Option<String>,
}

// ok: an `expect` stating what earlier steps of the handler established
#[get("/plan")]
async fn plan(query: web::Query<PlanQuery>) -> HttpResponse {
    let plan = query.plan.clone();
    let compiled: Option<String> = match plan.as_deref() {
        Some(p) if p.is_empty() => return HttpResponse::BadRequest().finish(),
        Some(p) => Some(format!("SELECT {p}")),
        None => None,
    };
    if plan.is_some() {
        let sql = compiled.as_deref().expect("sql compiled before execution");
        return HttpResponse::Ok().body(sql.to_string());
    }
    HttpResponse::Ok().finish()
}
