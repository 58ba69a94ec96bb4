pub struct User;

pub fn load_user(_id: u64) -> User {
    let _ = crate::orders::recent_orders;
    User
}
