// ok: a module and its parent may use each other
use crate::Config;
// ok: a parent may use its children
use self::cache::Cache;

mod cache;
#[path = "impls/good_sql.rs"]
mod sql;

pub struct Store(Cache);

impl Store {
    pub fn open(_config: &Config) -> Store {
        sql::connect();
        Store(Cache)
    }
}

#[cfg(test)]
mod tests {
    // ok: a test module using its parent
    use super::*;
}
