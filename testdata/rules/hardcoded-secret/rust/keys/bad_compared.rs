pub fn is_admin(password: &str) -> bool {
    password == "correct-horse-battery" // expect: hardcoded-secret
}
