
#[cfg(test)]
mod tests {
    // ok: test modules hold fixture values
    #[test]
    fn parses() {
        let _ = std::fs::remove_file("/tmp/x");
        let url = "postgres://app:Zq8rT2mLw9@db.prod.example.net/shop";
        assert!(parse(url).is_ok());
    }
}
