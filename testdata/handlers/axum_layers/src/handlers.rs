use std::sync::Arc;

use axum::extract::{Path, State};

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
