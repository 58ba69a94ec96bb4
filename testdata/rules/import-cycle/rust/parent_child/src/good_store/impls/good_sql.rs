// ok: a #[path] child using its parent
use super::Store;

pub fn connect() {
    let _ = std::mem::size_of::<Store>();
}
