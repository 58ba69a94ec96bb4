// ok: keys that come from the environment or the caller.
use hmac::{Hmac, Mac};
use jsonwebtoken::EncodingKey;
use sha2::Sha256;

pub fn encoding_key(secret: &str) -> EncodingKey {
    EncodingKey::from_secret(secret.as_bytes())
}

pub fn mac() -> Hmac<Sha256> {
    let key = std::env::var("MAC_KEY").expect("MAC_KEY is set");
    Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap()
}
