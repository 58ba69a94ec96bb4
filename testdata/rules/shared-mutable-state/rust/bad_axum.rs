use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, RwLock};

use axum::{extract::Path, routing::{get, post}, Router};

static mut HITS: u64 = 0;
static SESSIONS: LazyLock<Mutex<HashMap<String, u64>>> = LazyLock::new(|| Mutex::new(HashMap::new()));
static EVENTS: RwLock<Vec<String>> = RwLock::new(Vec::new());

async fn hit() -> String {
    unsafe {
        HITS += 1; // expect: shared-mutable-state
        HITS.to_string()
    }
}

async fn login(Path(user): Path<String>) -> &'static str {
    SESSIONS.lock().unwrap().insert(user, 1); // expect: shared-mutable-state
    record("login");
    "ok"
}

fn record(event: &str) {
    let mut events = EVENTS.write().unwrap();
    events.push(event.to_string()); // expect: shared-mutable-state
}

pub fn app() -> Router {
    Router::new().route("/hit", get(hit)).route("/login/:user", post(login))
}
