//! The content cache: what the analysis of each file produced (findings,
//! notifications and the project facts the join needs), kept between runs in
//! `.backlint_cache/` so that a re-scan analyses only the files that changed.
//!
//! One cache file holds the entries of one analysis key: the backlint
//! version, the scan root and the settings a file's analysis depends on
//! ([`Settings::analysis_key`]); changing any of them starts a new file.
//! An entry is keyed by the file's root-relative path and holds the BLAKE3
//! digest of its bytes.
//!
//! Invariants: an entry is used only when the bytes read now have the
//! stored digest (a cryptographic hash: a crafted file cannot pass for a
//! cached one); a cache file that is unreadable, truncated, or written by
//! another version or for other settings is never trusted: it is ignored with
//! a warning and replaced; outcomes that depend on the machine (`timed-out`)
//! or on a bug (`internal-error`) are never stored. The project join always
//! runs on the facts, cached or fresh, so cross-file findings stay exact and
//! a warm run prints the same bytes as a cold one.

use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{self, NotificationKind, RuleIds, StoredFile};
use crate::outcome::FileOutcome;

/// The folder name of the default cache, at the scan root.
pub const DEFAULT_DIR: &str = ".backlint_cache";

/// The version written into and expected from every cache file.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The first bytes of every cache file.
const MAGIC: &[u8] = b"backlint-cache\n";

/// A cache file (after [`MAGIC`]), in postcard's compact binary encoding.
/// Each outcome is encoded on its own, so that it is decoded only when its
/// file is looked up, on the thread that analyses the file.
#[derive(Serialize, Deserialize)]
struct Document<'a> {
    backlint: &'a str,
    /// The full analysis key (the file name holds only its digest).
    key: &'a str,
    #[serde(borrow)]
    files: Vec<StoredEntry<'a>>,
}

/// What the cache knows about one file.
#[derive(Serialize, Deserialize)]
struct StoredEntry<'a> {
    path: &'a str,
    /// BLAKE3 digest of the file's bytes.
    digest: [u8; 32],
    /// The walk's verdict on the file's package (an input of the analysis
    /// that the bytes do not show).
    front_end: bool,
    outcome: &'a [u8],
}

/// A loaded entry: its outcome is a range of the loaded file's bytes.
struct Loaded {
    digest: [u8; 32],
    front_end: bool,
    outcome: Range<usize>,
    used: AtomicBool,
}

/// An entry stored in this scan.
struct Fresh {
    path: String,
    digest: [u8; 32],
    front_end: bool,
    outcome: Vec<u8>,
}

/// The result of looking a file up.
pub enum Lookup {
    /// The stored outcome, for bytes that have not changed.
    Hit(Box<FileOutcome>),
    /// Not stored, or stored for other bytes: the digest to store the new
    /// outcome under.
    Miss([u8; 32]),
}

/// The cache of one scan: the entries loaded at the start, and the outcomes
/// analysed during the scan, written back at the end.
pub struct Cache {
    dir: PathBuf,
    file: PathBuf,
    key: String,
    rule_ids: RuleIds,
    bytes: Vec<u8>,
    loaded: HashMap<String, Loaded>,
    fresh: Mutex<Vec<Fresh>>,
    hits: AtomicUsize,
    /// Problems met (a file ignored, a write that failed), for the user.
    warnings: Mutex<Vec<String>>,
}

impl Cache {
    /// Opens the cache in `dir` for the analysis `key` (what the outcome of
    /// a file depends on besides its bytes: the scan root and the settings),
    /// loading the entries stored under the same key. `rule_ids` gives the
    /// rule ids of this build, which stored findings must name.
    pub fn open(dir: &Path, key: String, rule_ids: RuleIds) -> Cache {
        let name = blake3::hash(format!("{VERSION}\n{key}").as_bytes()).to_hex();
        let file = dir.join(format!("{}.bin", &name[..16]));
        let mut warnings = Vec::new();
        let mut bytes = match std::fs::read(&file) {
            Ok(bytes) => bytes,
            Err(e) => {
                if e.kind() != std::io::ErrorKind::NotFound {
                    warnings.push(format!("ignoring the cache file `{}`: {e}", file.display()));
                }
                Vec::new()
            }
        };
        let loaded = if bytes.is_empty() {
            HashMap::new()
        } else {
            match read_document(&bytes, &key) {
                Ok(loaded) => loaded,
                Err(reason) => {
                    warnings.push(format!("ignoring the cache file `{}`: {reason}", file.display()));
                    bytes = Vec::new();
                    HashMap::new()
                }
            }
        };
        Cache {
            dir: dir.to_path_buf(),
            file,
            key,
            rule_ids,
            bytes,
            loaded,
            fresh: Mutex::new(Vec::new()),
            hits: AtomicUsize::new(0),
            warnings: Mutex::new(warnings),
        }
    }

    /// Looks up the file at root-relative `path` with these `bytes`.
    pub fn lookup(&self, path: &str, bytes: &[u8], front_end: bool) -> Lookup {
        let digest = *blake3::hash(bytes).as_bytes();
        if let Some(entry) = self.loaded.get(path)
            && entry.digest == digest
            && entry.front_end == front_end
        {
            let file = StoredFile { path: Arc::from(path), rule_ids: self.rule_ids };
            let stored = &self.bytes[entry.outcome.clone()];
            match diagnostic::with_stored_file(file, || postcard::from_bytes::<FileOutcome>(stored)) {
                Ok(outcome) => {
                    entry.used.store(true, Ordering::Relaxed);
                    self.hits.fetch_add(1, Ordering::Relaxed);
                    return Lookup::Hit(Box::new(outcome));
                }
                Err(_) => self.warn(format!("ignoring the cache entry of `{path}`: unreadable")),
            }
        }
        Lookup::Miss(digest)
    }

    /// Stores the outcome of analysing `path` (whose bytes have `digest`),
    /// unless it depends on more than the bytes and the settings.
    pub fn store(&self, path: &str, digest: [u8; 32], front_end: bool, outcome: &FileOutcome) {
        let depends_on_run = outcome
            .result
            .notifications
            .iter()
            .any(|n| matches!(n.kind, NotificationKind::TimedOut | NotificationKind::InternalError));
        if depends_on_run {
            return;
        }
        let file = StoredFile { path: Arc::from(path), rule_ids: self.rule_ids };
        let Ok(encoded) = diagnostic::with_stored_file(file, || postcard::to_stdvec(outcome)) else { return };
        let fresh = Fresh { path: path.to_string(), digest, front_end, outcome: encoded };
        self.fresh.lock().unwrap_or_else(|e| e.into_inner()).push(fresh);
    }

    /// How many files were answered from the cache.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    fn warn(&self, message: String) {
        self.warnings.lock().unwrap_or_else(|e| e.into_inner()).push(message);
    }

    /// Writes the cache back when anything changed: the entries used or
    /// stored in this scan, and the other loaded entries whose file (under
    /// `root`) still exists. Returns the warnings of the whole scan (paths
    /// in them not yet made printable).
    pub fn save(self, root: &Path) -> Vec<String> {
        let mut warnings = self.warnings.into_inner().unwrap_or_else(|e| e.into_inner());
        let fresh = self.fresh.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut changed = !fresh.is_empty();
        let mut files: Vec<StoredEntry<'_>> = Vec::with_capacity(self.loaded.len() + fresh.len());
        let replaced: std::collections::HashSet<&str> = fresh.iter().map(|f| f.path.as_str()).collect();
        for (path, entry) in &self.loaded {
            let keep =
                !replaced.contains(path.as_str()) && (entry.used.load(Ordering::Relaxed) || root.join(path).is_file());
            if keep {
                let outcome = &self.bytes[entry.outcome.clone()];
                files.push(StoredEntry { path, digest: entry.digest, front_end: entry.front_end, outcome });
            } else {
                changed = true;
            }
        }
        files.extend(fresh.iter().map(|f| StoredEntry {
            path: &f.path,
            digest: f.digest,
            front_end: f.front_end,
            outcome: &f.outcome,
        }));
        if changed {
            files.sort_by(|a, b| a.path.cmp(b.path));
            let document = Document { backlint: VERSION, key: &self.key, files };
            if let Err(e) = write_document(&self.dir, &self.file, &document) {
                warnings
                    .push(format!("cannot write the cache in `{}`: {e} (--no-cache turns it off)", self.dir.display()));
            }
        }
        warnings
    }
}

/// The entries of a cache file, when it is one written for `key`: their
/// outcomes as ranges of `bytes`.
fn read_document(bytes: &[u8], key: &str) -> Result<HashMap<String, Loaded>, String> {
    let body = bytes.strip_prefix(MAGIC).ok_or("not a backlint cache file")?;
    let document: Document<'_> = postcard::from_bytes(body).map_err(|_| "not a backlint cache file, or damaged")?;
    if document.backlint != VERSION {
        return Err(format!("written by backlint {}", document.backlint));
    }
    if document.key != key {
        return Err("written for other settings".to_string());
    }
    let base = bytes.as_ptr() as usize;
    Ok(document
        .files
        .into_iter()
        .map(|entry| {
            let start = entry.outcome.as_ptr() as usize - base;
            let loaded = Loaded {
                digest: entry.digest,
                front_end: entry.front_end,
                outcome: start..start + entry.outcome.len(),
                used: AtomicBool::new(false),
            };
            (entry.path.to_string(), loaded)
        })
        .collect())
}

/// Writes `document` to `file` atomically (a temporary file renamed over
/// it), creating `dir` with a `.gitignore` that keeps it out of version
/// control.
fn write_document(dir: &Path, file: &Path, document: &Document<'_>) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(&ignore, "# Written by backlint: the cache is not part of the project.\n*\n")?;
    }
    let encoded = postcard::to_stdvec(document).map_err(std::io::Error::other)?;
    let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
    temporary.write_all(MAGIC)?;
    temporary.write_all(&encoded)?;
    temporary.persist(file).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Notification, NotificationKind};

    fn open(dir: &Path, key: &str) -> Cache {
        Cache::open(dir, key.to_string(), |id| crate::rules::by_id(id).map(|rule| rule.id))
    }

    fn outcome(message: &str) -> FileOutcome {
        let notifications = vec![Notification {
            path: "a.py".into(),
            kind: NotificationKind::SyntaxError,
            message: message.into(),
            position: None,
        }];
        FileOutcome {
            result: crate::outcome::FileResult { analysed: true, notifications, ..Default::default() },
            ..FileOutcome::default()
        }
    }

    fn miss(cache: &Cache, path: &str, bytes: &[u8]) -> [u8; 32] {
        match cache.lookup(path, bytes, false) {
            Lookup::Miss(digest) => digest,
            Lookup::Hit(_) => panic!("unexpected hit for {path}"),
        }
    }

    /// A miss for `path`, then `outcome` stored for its bytes (what the
    /// engine does with a file the cache does not hold).
    fn analysed(cache: &Cache, path: &str, bytes: &[u8], outcome: &FileOutcome) {
        let digest = miss(cache, path, bytes);
        cache.store(path, digest, false, outcome);
    }

    fn hit(cache: &Cache, path: &str, bytes: &[u8]) -> FileOutcome {
        match cache.lookup(path, bytes, false) {
            Lookup::Hit(outcome) => *outcome,
            Lookup::Miss(_) => panic!("unexpected miss for {path}"),
        }
    }

    #[test]
    fn an_outcome_comes_back_for_the_same_bytes_and_key_only() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("a.py"), "x = 1\n").unwrap();
        let dir = root.path().join(DEFAULT_DIR);
        let cache = open(&dir, "key one");
        analysed(&cache, "a.py", b"x = 1\n", &outcome("first"));
        assert!(cache.save(root.path()).is_empty());
        assert!(dir.join(".gitignore").is_file());

        let cache = open(&dir, "key one");
        assert_eq!(hit(&cache, "a.py", b"x = 1\n").result.notifications[0].message, "first");
        miss(&cache, "a.py", b"x = 2\n");
        assert!(
            matches!(cache.lookup("a.py", b"x = 1\n", true), Lookup::Miss(_)),
            "front-end verdict is part of the key"
        );
        assert_eq!(cache.hits(), 1);
        drop(cache);

        let other = open(&dir, "key two");
        miss(&other, "a.py", b"x = 1\n");
    }

    #[test]
    fn a_corrupt_or_foreign_cache_file_is_ignored_with_a_warning_and_replaced() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("a.py"), "x = 1\n").unwrap();
        let dir = root.path().join(DEFAULT_DIR);
        let cache = open(&dir, "key");
        analysed(&cache, "a.py", b"x = 1\n", &outcome("kept"));
        cache.save(root.path());
        let file = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "bin"))
            .unwrap();
        let stored = std::fs::read(&file).unwrap();

        std::fs::write(&file, &stored[..stored.len() / 2]).unwrap();
        let cache = open(&dir, "key");
        analysed(&cache, "a.py", b"x = 1\n", &outcome("again"));
        let warnings = cache.save(root.path());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("damaged"), "{warnings:?}");
        let cache = open(&dir, "key");
        assert_eq!(hit(&cache, "a.py", b"x = 1\n").result.notifications[0].message, "again");
        drop(cache);

        // A cache file of another version under this name (it would have
        // another name; a copied or renamed file must still not be trusted).
        let at = stored.windows(VERSION.len()).position(|w| w == VERSION.as_bytes()).unwrap();
        let mut foreign = stored.clone();
        foreign[at..at + VERSION.len()].copy_from_slice(&b"9.9.9.9.9.9"[..VERSION.len()]);
        std::fs::write(&file, &foreign).unwrap();
        let cache = open(&dir, "key");
        miss(&cache, "a.py", b"x = 1\n");
        let warnings = cache.save(root.path());
        assert!(warnings[0].contains("written by backlint 9.9"), "{warnings:?}");
    }

    #[test]
    fn outcomes_that_depend_on_the_run_are_not_stored_and_deleted_files_are_dropped() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("kept.py"), "x = 1\n").unwrap();
        let dir = root.path().join(DEFAULT_DIR);
        let cache = open(&dir, "key");
        let mut timed_out = outcome("slow");
        timed_out.result.notifications[0].kind = NotificationKind::TimedOut;
        analysed(&cache, "slow.py", b"y", &timed_out);
        for path in ["kept.py", "gone.py"] {
            analysed(&cache, path, b"x = 1\n", &outcome(path));
        }
        cache.save(root.path());

        let cache = open(&dir, "key");
        miss(&cache, "slow.py", b"y");
        hit(&cache, "kept.py", b"x = 1\n");
        analysed(&cache, "new.py", b"z", &outcome("new"));
        cache.save(root.path());
        let cache = open(&dir, "key");
        hit(&cache, "kept.py", b"x = 1\n");
        hit(&cache, "new.py", b"z");
        miss(&cache, "gone.py", b"x = 1\n");
    }
}
