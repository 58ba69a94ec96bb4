//! Helpers the test modules share.

use std::path::PathBuf;

/// The repository root (where `testdata/` is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder under the system's temporary folder, named after
/// the test module and case (and this process, so runs do not collide).
pub fn temp_project(module: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("backlint-{module}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
