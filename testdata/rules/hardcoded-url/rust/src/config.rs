// ok: the config module
pub const DEFAULT_API: &str = "https://api.example.net";
