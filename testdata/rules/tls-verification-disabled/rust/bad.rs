use std::sync::Arc;

use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use rustls::client::danger::{ServerCertVerified, ServerCertVerifier};

pub fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .danger_accept_invalid_certs(true) // expect: tls-verification-disabled
        .build()
}

pub fn lax_client() -> reqwest::Client {
    // expect: tls-verification-disabled
    let builder = reqwest::Client::builder().danger_accept_invalid_hostnames(true);
    builder.build().unwrap()
}

pub fn native() -> native_tls::TlsConnector {
    native_tls::TlsConnector::builder()
        .danger_accept_invalid_certs(true) // expect: tls-verification-disabled
        .build()
        .unwrap()
}

pub fn openssl_connector() -> SslConnector {
    let mut builder = SslConnector::builder(SslMethod::tls()).unwrap();
    builder.set_verify(SslVerifyMode::NONE); // expect: tls-verification-disabled
    builder.build()
}

pub fn openssl_hostname(connector: &SslConnector) {
    let mut config = connector.configure().unwrap();
    config.verify_hostname(false); // expect: tls-verification-disabled
    let _ = Arc::new(config);
}

#[derive(Debug)]
struct AcceptAnything;

impl ServerCertVerifier for AcceptAnything {
    fn verify_server_cert( // expect: tls-verification-disabled
        &self,
        _end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }
}

const ACCEPT_INVALID: bool = true;

pub fn through_a_constant() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().danger_accept_invalid_certs(ACCEPT_INVALID).build() // expect: tls-verification-disabled
}

pub fn through_a_local() -> reqwest::Result<reqwest::Client> {
    let insecure = true;
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build() // expect: tls-verification-disabled
}
