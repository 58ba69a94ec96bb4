use actix_cors::Cors;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

pub fn layers() {
    let _very = CorsLayer::very_permissive(); // expect: permissive-cors
    let _mirror = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request()) // expect: permissive-cors
        .allow_credentials(true);
    let _any = CorsLayer::new()
        .allow_methods(Any)
        .allow_origin(Any) // expect: permissive-cors
        .allow_credentials(true);
    // a permissive preset without credentials is reported as a note
    let _public = CorsLayer::permissive(); // expect: permissive-cors
}

pub fn actix() {
    let _permissive = Cors::permissive(); // expect: permissive-cors
    let _any = Cors::default()
        .allow_any_origin() // expect: permissive-cors
        .supports_credentials();
    let _predicate = Cors::default()
        .allowed_origin_fn(|_origin, _req| true) // expect: permissive-cors
        .supports_credentials();
}
