use aws_credential_types::Credentials;

pub fn uploader() -> Credentials {
    Credentials::new("uploader", "archive-secret-value", None, None, "static") // expect: hardcoded-secret
}
