use crate::db::load;

pub fn respond() -> u32 {
    load()
}
