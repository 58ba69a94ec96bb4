// ok: a local default in an environment look-up
fn database_url() -> String {
    std::env::var("DATABASE_URL").unwrap_or_else(|_| "postgres://localhost/dev".to_string())
}

/// ok: doc comments are not code: https://rates.example.net/v2
fn rates(config: &Config) -> &str {
    &config.rates_url
}

// ok: an attribute
#[doc = "See https://docs.example.net"]
fn documented() {}

// ok: the host is formatted in
fn url(host: &str) -> String {
    format!("https://{host}/v1")
}

// ok: prose in an error
fn fail() -> anyhow::Error {
    anyhow::anyhow!("rate limited, see https://docs.example.net/limits")
}

// ok: binding a local address
fn listen() -> std::io::Result<std::net::TcpListener> {
    std::net::TcpListener::bind("0.0.0.0:8080")
}
