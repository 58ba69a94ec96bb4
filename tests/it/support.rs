//! Helpers the test modules share.

use std::ops::Deref;
use std::path::{Path, PathBuf};

/// The repository root (where `testdata/` is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder under the system's temporary folder, named after
/// the test module and case; it is removed with everything in it when the
/// value is dropped, at the end of the test.
pub fn temp_project(module: &str, name: &str) -> TempProject {
    let dir = tempfile::Builder::new().prefix(&format!("backlint-{module}-{name}-")).tempdir().unwrap();
    TempProject(dir)
}

/// A test's scratch folder (see [`temp_project`]): reads as its path.
pub struct TempProject(tempfile::TempDir);

impl Deref for TempProject {
    type Target = Path;

    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for TempProject {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}
