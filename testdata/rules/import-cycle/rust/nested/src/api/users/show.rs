use crate::api::orders::list::order_titles;

pub fn owner_name(id: u64) -> String {
    format!("user {id}")
}

pub fn profile(id: u64) -> String {
    order_titles(id).join(", ")
}
