use crate::db::Client;

// ok: a Client that is not reqwest's
fn connect() -> Client {
    Client::new()
}

// ok: a `get` function of another crate
fn load(key: &str) -> Option<String> {
    cache::get(key)
}
