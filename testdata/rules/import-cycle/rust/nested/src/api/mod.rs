mod orders;
mod users;
