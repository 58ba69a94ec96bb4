use jsonwebtoken::{dangerous_insecure_decode, decode, Algorithm, DecodingKey, Validation};

pub fn claims(token: &str) -> Claims {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.insecure_disable_signature_validation(); // expect: jwt-verification-disabled
    decode::<Claims>(token, &DecodingKey::from_secret(&[]), &validation).unwrap().claims
}

pub fn legacy(token: &str) -> Claims {
    dangerous_insecure_decode::<Claims>(token).unwrap().claims // expect: jwt-verification-disabled
}

pub fn legacy_validation(token: &str, validation: &Validation) -> Claims {
    jsonwebtoken::dangerous_insecure_decode_with_validation::<Claims>(token, validation).unwrap().claims // expect: jwt-verification-disabled
}

pub fn flag(validation: &mut Validation) {
    validation.validate_signature = false; // expect: jwt-verification-disabled
}

pub struct Claims {
    pub sub: String,
}
