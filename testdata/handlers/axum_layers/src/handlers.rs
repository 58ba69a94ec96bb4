use std::sync::Arc;

use axum::extract::{Path, State};

use crate::repo;
use crate::repo::UserRepo;
use crate::service::OrderService;

#[derive(Clone)]
pub struct AppState {
    pub users: Arc<UserRepo>,
    pub orders: Arc<OrderService>,
}

pub async fn show_user(State(users): State<Arc<UserRepo>>, Path(id): Path<i64>) -> String {
    users.find(id).await.unwrap_or_default()
}

pub async fn show_order(State(service): State<Arc<OrderService>>, Path(id): Path<i64>) -> String {
    service.total(id).await.unwrap_or_default().to_string()
}

pub async fn label(State(users): State<Arc<UserRepo>>, Path(id): Path<i64>) -> String {
    users.label(id)
}

pub async fn forget(State(pool): State<sqlx::PgPool>, Path(id): Path<i64>) -> String {
    // `repo::connect(..)` is a function of a module, not a type: what it
    // returns is not known, and `store.label(..)` is no call of `repo::label`.
    let store = repo::connect(pool);
    store.label(id)
}
