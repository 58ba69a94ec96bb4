pub fn is_blank(password: &str) -> bool {
    // ok: an empty password is no credential
    password == ""
}
