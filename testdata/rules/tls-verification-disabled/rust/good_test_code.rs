// ok: certificate checks turned off against a local test server, in test code.
pub fn client() -> reqwest::Client {
    reqwest::Client::new()
}

#[cfg(test)]
mod tests {
    #[test]
    fn talks_to_the_self_signed_test_server() {
        let client = reqwest::blocking::Client::builder().danger_accept_invalid_certs(true).build().unwrap();
        drop(client);
    }
}
