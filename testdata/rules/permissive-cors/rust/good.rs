use actix_cors::Cors;
use axum::http::HeaderValue;
use tower_http::cors::{Any, CorsLayer};

pub fn layers() {
    // ok: explicit origin with credentials
    let _one = CorsLayer::new()
        .allow_origin("https://app.example.com".parse::<HeaderValue>().unwrap())
        .allow_credentials(true);
    // ok: any origin without credentials
    let _two = CorsLayer::new().allow_origin(Any).allow_methods(Any);
    // ok: credentials explicitly off
    let _three = CorsLayer::new().allow_origin(Any).allow_credentials(false);
}

pub fn actix() {
    // ok: explicit origin with credentials
    let _one = Cors::default().allowed_origin("https://app.example.com").supports_credentials();
    // ok: any origin without credentials
    let _two = Cors::default().allow_any_origin().send_wildcard();
}

pub fn routes(router: axum::Router) -> axum::Router {
    // ok: permissive only when the deployment opts in through the environment
    if std::env::var("API_CORS_PERMISSIVE").is_ok() {
        router.layer(CorsLayer::permissive())
    } else {
        router
    }
}
