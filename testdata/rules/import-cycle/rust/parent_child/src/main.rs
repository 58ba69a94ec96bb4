mod good_store;

pub struct Config;

fn main() {
    let _ = good_store::Store::open(&Config);
}
