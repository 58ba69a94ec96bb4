mod hashing;
mod users;

fn main() {}
