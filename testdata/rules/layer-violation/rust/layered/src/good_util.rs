// ok: a module in no layer may use any layer
use crate::handlers::respond;

pub fn twice() -> u32 {
    respond() * 2
}
