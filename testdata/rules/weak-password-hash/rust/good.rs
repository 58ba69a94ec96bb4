use argon2::{Argon2, PasswordHasher};
use pbkdf2::pbkdf2_hmac;
use sha2::{Digest, Sha256};

// ok: a content digest used as an ETag
pub fn etag(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

pub fn checksum(chunks: &[Vec<u8>]) -> Vec<u8> {
    // ok: a checksum built with a hasher
    let mut hasher = Sha256::new();
    for chunk in chunks {
        hasher.update(chunk);
    }
    hasher.finalize().to_vec()
}

pub fn api_key_digest(api_key: &str, session_token: &str) -> (Vec<u8>, Vec<u8>) {
    // ok: API keys are high-entropy
    let a = Sha256::digest(api_key.as_bytes()).to_vec();
    // ok: session tokens are high-entropy
    let b = Sha256::digest(session_token.as_bytes()).to_vec();
    (a, b)
}

pub fn strong(password: &str, salt: &[u8]) -> [u8; 32] {
    // ok: bcrypt with the default cost
    let _ = bcrypt::hash(password, bcrypt::DEFAULT_COST);
    // ok: bcrypt cost 12
    let _ = bcrypt::hash(password, 12);
    // ok: Argon2
    let _ = Argon2::default().hash_password(password.as_bytes(), salt);
    let mut key = [0u8; 32];
    // ok: PBKDF2 with 600,000 iterations
    pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, 600_000, &mut key);
    key
}

pub fn cache_key(path: &str) -> String {
    // ok: a cache key stored in a cache_key variable
    let cache_key = hex::encode(Sha256::digest(path.as_bytes()));
    cache_key
}
