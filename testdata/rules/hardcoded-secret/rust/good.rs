// ok: from the environment
fn password() -> String {
    std::env::var("DB_PASSWORD").expect("DB_PASSWORD is set")
}

// ok: an empty value
const TOKEN: &str = "";

// ok: a placeholder
const API_KEY: &str = "<api-key>";

// ok: the name of an environment variable
const SECRET_ENV: &str = "APP_SECRET_KEY";

// ok: a header name
const TOKEN_HEADER: &str = "x-auth-token";

// ok: the username of basic auth
fn auth(client: &reqwest::Client, password: &str) -> reqwest::RequestBuilder {
    client.get("/").basic_auth("app", Some(password))
}

// ok: a low-entropy dummy
fn dummy() -> Settings {
    Settings { password: "aaaaaaaa".into() }
}

#[cfg(test)]
mod tests {
    // ok: test modules hold fixture values
    #[test]
    fn parses() {
        let _ = std::fs::remove_file("/tmp/x");
        let url = "postgres://app:Zq8rT2mLw9@db.prod.example.net/shop";
        assert!(parse(url).is_ok());
    }
}
