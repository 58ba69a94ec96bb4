use reqwest::Client;

async fn fetch_rates() -> reqwest::Result<String> {
    reqwest::get("https://rates.internal/today").await?.text().await // expect: http-call-without-timeout
}

fn plain_client() -> Client {
    Client::new() // expect: http-call-without-timeout
}

fn built_client() -> reqwest::Result<Client> {
    // expect: http-call-without-timeout
    Client::builder()
        .user_agent("shop/1.0")
        .connect_timeout(std::time::Duration::from_secs(2))
        .build()
}

fn qualified() -> reqwest::Result<reqwest::Client> {
    reqwest::ClientBuilder::new().gzip(true).build() // expect: http-call-without-timeout
}

fn agent() -> ureq::Agent {
    ureq::agent() // expect: http-call-without-timeout
}

fn ureq_builder() -> ureq::Agent {
    ureq::AgentBuilder::new().user_agent("shop").build() // expect: http-call-without-timeout
}

fn ureq_request(url: &str) -> Result<String, ureq::Error> {
    Ok(ureq::get(url).call()?.into_string()?) // expect: http-call-without-timeout
}

pub async fn partly(url: &str) -> reqwest::Result<()> {
    let client = reqwest::Client::new(); // expect: http-call-without-timeout
    client.post(url).timeout(std::time::Duration::from_secs(5)).send().await?;
    client.delete(url).send().await?;
    Ok(())
}

pub struct Hooks {
    client: reqwest::Client,
}

impl Hooks {
    pub fn new() -> Self {
        let client = reqwest::Client::new(); // expect: http-call-without-timeout
        Self { client }
    }

    pub async fn fire(&self, url: &str) -> reqwest::Result<()> {
        self.client.post(url).timeout(std::time::Duration::from_secs(2)).send().await?;
        // The second request sets no timeout of its own.
        self.client.get(url).send().await?;
        Ok(())
    }
}
