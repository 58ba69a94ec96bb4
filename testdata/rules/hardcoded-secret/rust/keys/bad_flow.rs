// Keys that reach a signing or MAC library, whatever they look like.
use hmac::{Hmac, Mac};
use jsonwebtoken::{DecodingKey, EncodingKey};
use sha2::Sha256;

const JWT_SECRET: &str = "secret"; // expect: hardcoded-secret

pub fn encoding_key() -> EncodingKey {
    EncodingKey::from_secret(JWT_SECRET.as_bytes())
}

pub fn decoding_key() -> DecodingKey {
    DecodingKey::from_secret(b"local key") // expect: hardcoded-secret
}

pub fn mac() -> Hmac<Sha256> {
    let key = std::env::var("MAC_KEY").unwrap_or_else(|_| "dev-mac-key".to_string()); // expect: hardcoded-secret
    Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap()
}
