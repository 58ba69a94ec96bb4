use std::time::Duration;

use reqwest::Client;

pub struct Notifier {
    urls: Vec<String>,
    client: Client,
}

impl Notifier {
    pub fn new(urls: Vec<String>) -> Self {
        // ok: the client has no timeout, but every request sent through the field sets one
        let client = Client::new();
        Self { urls, client }
    }

    pub async fn notify(&self, body: String) -> reqwest::Result<()> {
        for url in &self.urls {
            self.client
                .post(url.as_str())
                .header("Content-Type", "application/json")
                .timeout(Duration::from_secs(2))
                .body(body.clone())
                .send()
                .await?;
        }
        Ok(())
    }
}

pub struct Probe {
    client: Client,
}

impl Probe {
    pub fn new() -> Self {
        // ok: the same, with the client built in the field itself
        Probe { client: Client::new() }
    }

    pub async fn ping(&self, url: &str) -> reqwest::Result<bool> {
        Ok(self.client.get(url).timeout(Duration::from_secs(1)).send().await?.status().is_success())
    }
}
