use axum::{extract::State, routing::get, Router};
use sqlx::PgPool;
use std::sync::OnceLock;

static POOL: OnceLock<PgPool> = OnceLock::new();

#[tokio::main]
async fn main() {
    // ok: pool created once at start-up
    let pool = PgPool::connect("postgres://localhost/app").await.unwrap();
    let app = Router::new().route("/users", get(list_users)).with_state(pool);
    axum::serve(tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap(), app).await.unwrap();
}

// ok: handler uses the shared pool from state
async fn list_users(State(pool): State<PgPool>) -> String {
    sqlx::query_scalar::<_, String>("SELECT name FROM users").fetch_one(&pool).await.unwrap_or_default()
}

async fn lazy() -> &'static PgPool {
    // ok: lazily initialised once
    POOL.get_or_init(|| PgPool::connect_lazy("postgres://localhost/app").unwrap())
}

// ok: a plain function called `get` is not a handler
fn get() -> rusqlite::Connection {
    rusqlite::Connection::open("x.db").unwrap()
}

// ok: a router that is not axum's is not a route
fn other(router: &mut MyRouter) {
    router.route("/x", handler_factory());
}

fn handler_factory() -> rusqlite::Connection {
    rusqlite::Connection::open("y.db").unwrap()
}
