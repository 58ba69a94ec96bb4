use actix_web::{get, post, web, App, HttpResponse};

#[get("/items/{id}")]
async fn item(path: web::Path<String>) -> HttpResponse {
    let id: u64 = path.into_inner().parse().unwrap(); // expect: panic-in-handler
    HttpResponse::Ok().body(id.to_string())
}

#[post("/items")]
async fn create(body: web::Bytes) -> HttpResponse {
    let text = String::from_utf8(body.to_vec()).expect("utf-8 body"); // expect: panic-in-handler
    HttpResponse::Created().body(text)
}

struct Handlers;

impl Handlers {
    async fn delete(id: web::Path<u64>) -> HttpResponse {
        Self::check(*id);
        HttpResponse::NoContent().finish()
    }

    fn check(id: u64) {
        if id == 0 {
            unreachable!("ids start at 1"); // expect: panic-in-handler
        }
    }
}

async fn report() -> HttpResponse {
    let data = std::fs::read_to_string("report.txt").unwrap(); // expect: panic-in-handler
    HttpResponse::Ok().body(data)
}

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/items/{id}").route(web::delete().to(Handlers::delete)))
        .route("/report", web::get().to(report));
}

#[get("/at/{hour}")]
async fn at(hour: web::Path<u32>) -> HttpResponse {
    // The hour comes from the request: the same constructor fails on input.
    let time = chrono::NaiveTime::from_hms_opt(*hour, 0, 0).unwrap(); // expect: panic-in-handler
    HttpResponse::Ok().body(format!("{time}"))
}

struct Draft {
    files: Option<Vec<String>>,
}

#[post("/drafts/files")]
async fn add_file(body: String) -> HttpResponse {
    let mut draft = Draft { files: None };
    if draft.files.is_none() {
        eprintln!("no files yet");
    }
    draft.files.as_mut().unwrap().push(body); // expect: panic-in-handler
    HttpResponse::Ok().finish()
}

#[post("/drafts/ids")]
async fn draft_ids(body: String) -> HttpResponse {
    // Parsing the request's ids is an ordinary failure, whatever the message says.
    let parsed: Vec<Result<u64, std::num::ParseIntError>> = body.split(',').map(|s| s.parse()).collect();
    let ids: Vec<u64> = parsed.into_iter().map(|r| r.expect("it should be a number")).collect(); // expect: panic-in-handler
    HttpResponse::Ok().body(format!("{ids:?}"))
}

#[patch("/uploads/{id}")]
async fn resume(request: HttpRequest) -> HttpResponse {
    let offset: Option<usize> = offset_header(&request);
    if offset.is_none() {
        log::warn!("no offset");
    }
    let from = offset.unwrap(); // expect: panic-in-handler
    let mut queue = pending(&request);
    if queue.pop().is_none() {
        return HttpResponse::NotFound().finish();
    }
    let next = queue.pop().unwrap(); // expect: panic-in-handler
    HttpResponse::Ok().body(format!("{from} {next}"))
}
