const AWS_ACCESS_KEY_ID: &str = "AKIAPF91DHODZDOC9IS0"; // expect: hardcoded-secret
static API_TOKEN: &str = "c1d190409a95cd609f74c686cffeae8e95eeaade"; // expect: hardcoded-secret

fn options() -> PgConnectOptions {
    PgConnectOptions::new()
        .host("db")
        .password("q8Zr!pL2vWx") // expect: hardcoded-secret
}

fn settings() -> Settings {
    Settings {
        name: "shop".into(),
        client_secret: "YrEqmSM9wCZ7Uw9x".into(), // expect: hardcoded-secret
    }
}

fn request(client: &reqwest::Client) -> reqwest::RequestBuilder {
    client
        .get("https://api.example.net")
        .basic_auth("app", Some("hunter22!")) // expect: hardcoded-secret
}

fn url() -> &'static str {
    "mysql://app:s3cr3tPa55@db.prod.example.net/shop" // expect: hardcoded-secret
}

fn slack() -> String {
    let token = "xoxb-760189555979-7114710497465-b8DwkNhFdnXsiVpzz63FfkCz"; // expect: hardcoded-secret
    token.to_string()
}
