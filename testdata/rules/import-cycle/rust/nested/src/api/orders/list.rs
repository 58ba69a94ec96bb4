// The cycle runs between two modules deeper than the crate root: it is
// reported between `api::orders` and `api::users`, the siblings under their
// closest common ancestor.
use crate::api::users::show::owner_name; // expect: import-cycle

pub fn order_titles(id: u64) -> Vec<String> {
    vec![format!("order {id} of {}", owner_name(id))]
}
