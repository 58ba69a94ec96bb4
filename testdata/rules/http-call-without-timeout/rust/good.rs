use std::time::Duration;

use reqwest::Client;

// ok: a client built with a timeout
fn client() -> reqwest::Result<Client> {
    Client::builder().timeout(Duration::from_secs(10)).build()
}

// ok: a read timeout bounds every read
fn read_bounded() -> reqwest::Result<Client> {
    Client::builder().read_timeout(Duration::from_secs(10)).build()
}

// ok: requests through a client built with a timeout
async fn fetch(client: &Client, url: &str) -> reqwest::Result<String> {
    client.get(url).send().await?.text().await
}

// ok: the blocking client has a 30 second default
fn blocking() -> reqwest::blocking::Client {
    reqwest::blocking::Client::new()
}

// ok: the builder is kept and configured elsewhere
fn builder() -> reqwest::ClientBuilder {
    Client::builder()
}

// ok: a ureq agent with a timeout
fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new().timeout(Duration::from_secs(5)).build()
}

// ok: a ureq request with its own timeout
fn ping(url: &str) -> bool {
    ureq::get(url).timeout(Duration::from_secs(2)).call().is_ok()
}

// ok: a client without its own timeout whose every request sets one
pub async fn notify(url: &str) -> reqwest::Result<()> {
    let client = reqwest::Client::new();
    client.post(url).timeout(std::time::Duration::from_secs(5)).send().await?;
    client.get(url).timeout(std::time::Duration::from_secs(5)).send().await?;
    Ok(())
}
