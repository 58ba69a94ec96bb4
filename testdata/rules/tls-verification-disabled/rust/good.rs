use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};

// ok: verification explicitly kept on
pub fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().danger_accept_invalid_certs(false).build()
}

// ok: a configurable switch, not a literal
pub fn configurable(insecure: bool) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build()
}

// ok: a private CA added instead of turning verification off
pub fn private_ca(pem: &[u8]) -> reqwest::Result<reqwest::Client> {
    let ca = reqwest::Certificate::from_pem(pem)?;
    reqwest::Client::builder().add_root_certificate(ca).build()
}

// ok: openssl with peer verification
pub fn openssl_connector() -> SslConnector {
    let mut builder = SslConnector::builder(SslMethod::tls()).unwrap();
    builder.set_verify(SslVerifyMode::PEER);
    builder.build()
}

// ok: the text in a string or a comment is not code: danger_accept_invalid_certs(true)
pub const HELP: &str = "never call danger_accept_invalid_certs(true)";

struct Pinned {
    fingerprint: Vec<u8>,
}

// ok: a verifier that checks the certificate
impl rustls::client::danger::ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        if end_entity.as_ref() == self.fingerprint.as_slice() {
            Ok(rustls::client::danger::ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General("certificate is not pinned".into()))
        }
    }
}

const ACCEPT_INVALID: bool = false;

// ok: a constant that keeps verification on
pub fn through_a_constant() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().danger_accept_invalid_certs(ACCEPT_INVALID).build()
}

// ok: a local set from configuration, not a literal
pub fn from_settings(settings: &Settings) -> reqwest::Result<reqwest::Client> {
    let insecure = settings.tls_insecure;
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build()
}
