use sha2::{Digest, Sha256};

pub fn digest(value: &str) -> String {
    let hash = Sha256::digest(value.as_bytes());
    hex::encode(hash)
}

pub fn content_id(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
