use aws_credential_types::Credentials;

// ok: read from the environment
pub fn uploader() -> Credentials {
    let id = std::env::var("AWS_KEY_ID").unwrap_or_default();
    let secret = std::env::var("AWS_SECRET").unwrap_or_default();
    Credentials::new(id, secret, None, None, "env")
}
