//! Finding the files to analyse: `ignore`'s parallel walker (honouring
//! `.gitignore` even outside a git repository, `.ignore` and hidden files),
//! the default excluded folders and the config's `exclude` globs.
//!
//! Invariant: the result is sorted by display path, whatever the thread
//! schedule, and every file left out for a reason the user may not expect
//! (too large, unreadable, walk errors) comes back as a notification.

use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use crate::config::{DEFAULT_EXCLUDES, Settings};
use crate::diagnostic::{Notification, NotificationKind};
use crate::lang::Language;

/// A file to analyse.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// Path relative to the scan root, `/`-separated.
    pub display: String,
    pub path: PathBuf,
    pub language: Language,
    /// Whether the nearest `package.json` above the file, within the scan,
    /// describes a front end (`lang::typescript::is_front_end_manifest`).
    pub in_front_end_package: bool,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct WalkOutput {
    pub files: Vec<Candidate>,
    pub notifications: Vec<Notification>,
    /// The `package.json` files met: (root-relative folder, path).
    manifests: Vec<(String, PathBuf)>,
}

/// Options of a walk that do not come from the config file.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    pub threads: usize,
    pub follow_symlinks: bool,
}

/// Makes `path` absolute (against `cwd`) and removes `.` and `..` components
/// lexically, without touching the file system.
pub fn normalize(cwd: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() { path.to_path_buf() } else { cwd.join(path) };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The command line's paths, made absolute and checked to exist, with the
/// root that reported paths are relative to and the folder config discovery
/// starts from.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The current folder when every path lies inside it; otherwise the first
    /// path (or its folder).
    pub root: PathBuf,
    pub paths: Vec<PathBuf>,
    /// The first path, or its folder when it is a file.
    pub config_start: PathBuf,
}

impl Inputs {
    /// Resolves `inputs` (the current folder when empty) against the current
    /// folder. A path that does not exist is an error naming it.
    pub fn resolve(inputs: &[PathBuf]) -> Result<Inputs, String> {
        let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
        let inputs = if inputs.is_empty() { vec![PathBuf::from(".")] } else { inputs.to_vec() };
        let mut paths = Vec::new();
        for input in &inputs {
            let path = normalize(&cwd, input);
            if std::fs::metadata(&path).is_err() {
                let what = if std::fs::symlink_metadata(&path).is_ok() {
                    "a symbolic link to a path that does not exist"
                } else {
                    "no such file or folder"
                };
                return Err(format!("`{}`: {what}", input.display()));
            }
            paths.push(path);
        }
        let first_folder =
            if paths[0].is_dir() { paths[0].clone() } else { paths[0].parent().unwrap_or(&cwd).to_path_buf() };
        let root = if paths.iter().all(|p| p.starts_with(&cwd)) { cwd } else { first_folder.clone() };
        Ok(Inputs { root, paths, config_start: first_folder })
    }
}

/// `path` relative to `root`, `/`-separated; the absolute path when it is
/// not under `root`.
pub fn display_path(root: &Path, path: &Path) -> String {
    if let Some(plain) = plain_relative(root, path) {
        return plain.to_string();
    }
    display_path_by_components(root, path)
}

fn display_path_by_components(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let joined = parts.join("/");
    if relative.is_absolute() { format!("/{}", joined.trim_start_matches('/')) } else { joined }
}

/// What [`display_path`] answers, read off the text when no component needs
/// normalising (the walker's paths are the root joined with entry names):
/// `path` starts with `root` and a `/`, and the rest has no empty or `.`
/// component. `None` sends the caller to the component-wise way.
fn plain_relative<'p>(root: &Path, path: &'p Path) -> Option<&'p str> {
    if !cfg!(unix) {
        return None;
    }
    let (root, path) = (root.to_str()?, path.to_str()?);
    let rest = path.strip_prefix(root.trim_end_matches('/'))?.strip_prefix('/')?;
    let plain = !rest.is_empty()
        && !rest.starts_with(['/', '.'])
        && !rest.ends_with(['/', '.'])
        && !rest.contains("//")
        && !rest.contains("/./");
    plain.then_some(rest)
}

/// Walks `paths` (absolute, normalized) and returns the files to analyse.
pub fn walk(root: &Path, paths: &[PathBuf], settings: &Settings, options: WalkOptions) -> WalkOutput {
    let output = Mutex::new(WalkOutput::default());
    let Some((first, rest)) = paths.split_first() else { return WalkOutput::default() };
    let mut builder = WalkBuilder::new(first);
    for path in rest {
        builder.add(path);
    }
    builder.require_git(false).follow_links(options.follow_symlinks).threads(options.threads.max(1)).filter_entry({
        let root = root.to_path_buf();
        let exclude = settings.exclude.clone();
        let default_excludes = settings.default_excludes;
        move |entry| {
            if entry.depth() == 0 {
                return true;
            }
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if default_excludes && is_dir && entry.file_name().to_str().is_some_and(|n| DEFAULT_EXCLUDES.contains(&n)) {
                return false;
            }
            exclude.is_empty() || !exclude.is_match(&display_path(&root, entry.path()))
        }
    });
    builder.build_parallel().run(|| {
        let output = &output;
        Box::new(move |result| {
            match result {
                Ok(entry) => {
                    let Some(file_type) = entry.file_type() else { return WalkState::Continue };
                    let explicit = entry.depth() == 0;
                    if !file_type.is_file() {
                        // A FIFO, socket or device with a source file's name
                        // (or named on the command line) is not read (a FIFO
                        // would block the scan), and says so.
                        let special = !file_type.is_dir() && !file_type.is_symlink();
                        if special && (explicit || Language::from_path(entry.path()).is_some()) {
                            push(
                                output,
                                Notification {
                                    path: display_path(root, entry.path()),
                                    kind: NotificationKind::Unreadable,
                                    message: "not a regular file (a FIFO, socket or device); skipped".into(),
                                    position: None,
                                },
                            );
                        }
                        return WalkState::Continue;
                    }
                    let display = display_path(root, entry.path());
                    if entry.file_name() == "package.json" {
                        let folder = display.rsplit_once('/').map_or("", |(folder, _)| folder).to_string();
                        output.lock().expect("walk output lock").manifests.push((folder, entry.path().to_path_buf()));
                    }
                    let Some(language) = Language::from_path(entry.path()) else {
                        if explicit {
                            push(
                                output,
                                Notification {
                                    path: display,
                                    kind: NotificationKind::Unsupported,
                                    message: "not a Python, TypeScript, JavaScript or Rust file; skipped".into(),
                                    position: None,
                                },
                            );
                        }
                        return WalkState::Continue;
                    };
                    let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                    if size > settings.max_file_size {
                        push(
                            output,
                            Notification {
                                path: display,
                                kind: NotificationKind::TooLarge,
                                message: format!(
                                    "{size} bytes, over the {} byte limit (--max-file-size); skipped",
                                    settings.max_file_size
                                ),
                                position: None,
                            },
                        );
                        return WalkState::Continue;
                    }
                    output.lock().expect("walk output lock").files.push(Candidate {
                        display,
                        path: entry.into_path(),
                        language,
                        in_front_end_package: false,
                    });
                }
                Err(error) => {
                    let path = error_path(&error).map(|p| display_path(root, &p)).unwrap_or_default();
                    push(
                        output,
                        Notification {
                            path,
                            kind: NotificationKind::WalkError,
                            message: error.to_string(),
                            position: None,
                        },
                    );
                }
            }
            WalkState::Continue
        })
    });
    let mut output = output.into_inner().expect("walk output lock");
    mark_front_end_packages(&mut output);
    output.files.sort();
    output.files.dedup_by(|a, b| a.display == b.display);
    output.notifications.sort();
    output
}

/// Marks the JavaScript/TypeScript files whose nearest `package.json` (the
/// package they belong to) describes a front end. An unreadable or invalid
/// manifest describes nothing.
fn mark_front_end_packages(output: &mut WalkOutput) {
    if output.manifests.is_empty() {
        return;
    }
    let roles: std::collections::HashMap<String, bool> = std::mem::take(&mut output.manifests)
        .into_iter()
        .map(|(folder, path)| {
            let front_end =
                std::fs::read_to_string(&path).is_ok_and(|text| crate::lang::typescript::is_front_end_manifest(&text));
            (folder, front_end)
        })
        .collect();
    for file in output.files.iter_mut().filter(|f| f.language.family() == crate::lang::Family::TypeScript) {
        // The folders above the file, nearest first, up to the scan root ("").
        let mut folder = file.display.as_str();
        let nearest = loop {
            folder = folder.rsplit_once('/').map_or("", |(parent, _)| parent);
            if let Some(role) = roles.get(folder) {
                break Some(*role);
            }
            if folder.is_empty() {
                break None;
            }
        };
        file.in_front_end_package = nearest.unwrap_or(false);
    }
}

fn push(output: &Mutex<WalkOutput>, notification: Notification) {
    output.lock().expect("walk output lock").notifications.push(notification);
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_shortcut_of_display_path_agrees_with_the_components() {
        let cases = [
            ("/repo", "/repo/src/app.py"),
            ("/repo/", "/repo/src/app.py"),
            ("/", "/src/app.py"),
            ("/repo", "/repo"),
            ("/repo", "/repository/app.py"),
            ("/repo", "/repo//src/app.py"),
            ("/repo", "/repo/./src/app.py"),
            ("/repo", "/repo/src/./app.py"),
            ("/repo", "/repo/src/"),
            ("/repo", "/repo/.github/workflows/ci.yml"),
            ("/repo", "/repo/src/.."),
            ("/repo", "/repo/src/../app.py"),
            ("/re.po", "/re.po/a.b/c"),
            ("/repo", "/elsewhere/app.py"),
        ];
        for (root, path) in cases {
            let (root, path) = (Path::new(root), Path::new(path));
            assert_eq!(display_path(root, path), display_path_by_components(root, path), "{root:?} {path:?}");
        }
        if cfg!(unix) {
            assert_eq!(plain_relative(Path::new("/repo"), Path::new("/repo/src/app.py")), Some("src/app.py"));
        }
    }
}
