// ok: a crate's own type named like the SDK's, in a file that does not use the SDK
pub struct Credentials(pub String, pub String);

impl Credentials {
    pub fn new(user: &str, realm: &str) -> Self {
        Credentials(user.into(), realm.into())
    }
}

pub fn guest() -> Credentials {
    Credentials::new("guest", "public-realm")
}
