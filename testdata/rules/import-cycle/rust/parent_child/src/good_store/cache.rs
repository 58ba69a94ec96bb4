use super::Store;

pub struct Cache;

pub fn warm(_store: &Store) {}
