use md5;
use pbkdf2::pbkdf2_hmac;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};

pub fn hash_password(password: &str) -> String {
    let digest = md5::compute(password.as_bytes()); // expect: weak-password-hash
    format!("{:x}", digest)
}

pub fn sha_password(form: &LoginForm) -> Vec<u8> {
    Sha256::digest(form.password.as_bytes()).to_vec() // expect: weak-password-hash
}

pub fn stepwise(new_password: &str, salt: &[u8]) -> Vec<u8> {
    let mut hasher = Sha512::new(); // expect: weak-password-hash
    hasher.update(salt);
    hasher.update(new_password.as_bytes());
    hasher.finalize().to_vec()
}

pub fn chained(pwd: &str) -> Vec<u8> {
    // expect: weak-password-hash
    Sha1::new().chain_update(pwd).finalize().to_vec()
}

pub fn store(user: &mut User, input: &str) {
    user.password_hash = hex::encode(Sha256::digest(input.as_bytes())); // expect: weak-password-hash
}

pub fn weak_bcrypt(password: &str) -> String {
    bcrypt::hash(password, 4).unwrap() // expect: weak-password-hash
}

pub fn weak_pbkdf2(password: &str, salt: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, 1_000, &mut key); // expect: weak-password-hash
    key
}

pub struct LoginForm {
    pub password: String,
}

pub struct User {
    pub password_hash: String,
}

pub fn qualified_trait_call(password: &str) -> Vec<u8> {
    <sha2::Sha256 as Digest>::digest(password.as_bytes()).to_vec() // expect: weak-password-hash
}
