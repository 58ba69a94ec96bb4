use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};

pub fn claims(token: &str, key: &[u8]) -> Option<Claims> {
    // ok: verified decoding
    let validation = Validation::new(Algorithm::HS256);
    decode::<Claims>(token, &DecodingKey::from_secret(key), &validation).ok().map(|d| d.claims)
}

pub fn kid(token: &str) -> Option<String> {
    // ok: reading the header to choose a key
    decode_header(token).ok()?.kid
}

pub fn relaxed(validation: &mut Validation) {
    // ok: relaxing expiry only
    validation.validate_exp = false;
    // ok: explicitly keeping the signature check
    validation.validate_signature = true;
}

pub struct Claims {
    pub sub: String,
}
