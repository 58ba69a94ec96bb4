use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};

use axum::{extract::State, routing::get, Router};

use crate::services::users;

// ok: atomics, constants and read-only statics
static HITS: AtomicU64 = AtomicU64::new(0);
const MAX: usize = 10;
static NAMES: LazyLock<HashMap<&str, u8>> = LazyLock::new(HashMap::new);
static REGISTRY: Mutex<Vec<String>> = Mutex::new(Vec::new());
static mut INITIALISED: bool = false;
// ok: a guarded flag, like an atomic, holds no request's data
static SCHEMA_READY: LazyLock<Mutex<bool>> = LazyLock::new(|| Mutex::new(false));

async fn hit() -> String {
    // ok: atomic counter
    HITS.fetch_add(1, Ordering::Relaxed).to_string()
}

async fn heal() -> String {
    // ok: the handler marks a once-per-process repair as done
    let mut ready = SCHEMA_READY.lock().unwrap();
    *ready = true;
    "healed".into()
}

async fn names() -> String {
    // ok: reading shared state
    let count = REGISTRY.lock().unwrap().len();
    format!("{} {} {}", NAMES.len(), count, MAX)
}

// ok: thin handler delegating to a service through application state
async fn list(State(pool): State<sqlx::PgPool>) -> String {
    users::list(&pool).await.unwrap_or_default()
}

fn main() {
    // ok: start-up code writes statics before serving
    REGISTRY.lock().unwrap().push("/hit".into());
    unsafe {
        INITIALISED = true;
    }
    let _app: Router = Router::new().route("/hit", get(hit)).route("/names", get(names)).route("/heal", get(heal)).route("/list", get(list));
}

// ok: a plain function called `get`
fn get_user() {
    REGISTRY.lock().unwrap().push("x".into());
}
