pub fn label(id: i64, name: &str) -> String {
    format!("{id}: {name}")
}
