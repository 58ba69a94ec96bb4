pub fn lookup(key: &str) -> Option<String> {
    (!key.is_empty()).then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    // ok: a test module may drive the module that uses this one
    use crate::good_gateway::serve;

    #[test]
    fn serves_from_cache() {
        assert_eq!(serve("a"), Some("a".to_string()));
    }
}
