mod orders;
mod users;

pub use orders::recent_orders;
