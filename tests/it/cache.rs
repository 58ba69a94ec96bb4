//! The content cache through the command line: a warm run prints the same
//! bytes as a cold one; changed content, settings, or a damaged cache file
//! never give a stale answer; cross-file findings follow a change in one file.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{repo, temp_project};

fn backlint(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backlint"))
        .current_dir(cwd)
        .args(args)
        .env_remove("BACKLINT_NO_CACHE")
        .env_remove("BACKLINT_CACHE_DIR")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The cache files (not the `.gitignore`) in `dir`.
fn cache_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "bin")).collect()
}

/// The number of files `--stats` says came from the cache.
fn cached(output: &Output) -> usize {
    stderr(output)
        .lines()
        .find_map(|line| line.trim().strip_prefix("cached"))
        .and_then(|rest| rest.split_whitespace().next())
        .map_or(0, |n| n.parse().unwrap())
}

#[test]
fn a_warm_run_prints_the_same_bytes_as_a_cold_one_in_every_format() {
    let project = temp_project("cache", "same-bytes");
    copy_dir(&repo().join("testdata/projects/mixed"), &project);
    for format in ["text", "json", "sarif", "concise", "github", "gitlab", "junit", "rdjson"] {
        let cold = backlint(&project, &["check", "--no-cache", "--format", format]);
        assert_eq!(cold.status.code(), Some(1), "{}", stderr(&cold));
        let _first = backlint(&project, &["check", "--format", format]);
        let warm = backlint(&project, &["check", "--format", format, "--stats"]);
        assert!(cached(&warm) > 0, "{}", stderr(&warm));
        assert_eq!(stdout(&cold), stdout(&warm), "format {format}");
        assert_eq!(cold.status.code(), warm.status.code());
    }
    let dir = project.join(".backlint_cache");
    assert_eq!(std::fs::read_to_string(dir.join(".gitignore")).unwrap().lines().last(), Some("*"));
    assert_eq!(cache_files(&dir).len(), 1, "one cache file for one set of settings");
}

#[test]
fn changed_content_and_changed_settings_are_analysed_again() {
    let project = temp_project("cache", "invalidation");
    std::fs::write(project.join("client.py"), "import requests\nrequests.get(URL, verify=False, timeout=5)\n").unwrap();
    std::fs::write(project.join("other.py"), "x = 1\n").unwrap();
    let first = backlint(&project, &["check", "--format", "concise", "--stats"]);
    assert!(stdout(&first).contains("tls-verification-disabled"), "{}", stdout(&first));
    assert_eq!(cached(&first), 0);

    std::fs::write(project.join("client.py"), "import requests\nrequests.get(URL, timeout=5)\n").unwrap();
    let edited = backlint(&project, &["check", "--format", "concise", "--stats"]);
    assert_eq!(edited.status.code(), Some(0), "{}", stdout(&edited));
    assert_eq!(cached(&edited), 1, "only the edited file is analysed again: {}", stderr(&edited));

    std::fs::write(project.join("client.py"), "import requests\nrequests.get(URL, verify=False)\n").unwrap();
    let both = backlint(&project, &["check", "--format", "concise"]);
    assert!(stdout(&both).contains("http-call-without-timeout"), "{}", stdout(&both));
    std::fs::write(project.join("backlint.toml"), "ignore = [\"http-call-without-timeout\"]\n").unwrap();
    let configured = backlint(&project, &["check", "--format", "concise", "--stats"]);
    assert!(!stdout(&configured).contains("http-call-without-timeout"), "{}", stdout(&configured));
    assert!(stdout(&configured).contains("tls-verification-disabled"), "{}", stdout(&configured));
    assert_eq!(cached(&configured), 0, "other settings, another cache file");
    let again =
        backlint(&project, &["check", "--format", "concise", "--select", "tls-verification-disabled", "--stats"]);
    assert_eq!(cached(&again), 0, "--select changes the settings");
    assert_eq!(stdout(&again), stdout(&configured));
}

#[test]
fn a_cross_file_finding_follows_a_change_in_one_file() {
    let project = temp_project("cache", "cross-file");
    std::fs::create_dir_all(project.join("app")).unwrap();
    std::fs::write(project.join("app/__init__.py"), "").unwrap();
    std::fs::write(project.join("app/a.py"), "from app import b\n").unwrap();
    std::fs::write(project.join("app/b.py"), "from app import a\n").unwrap();
    let cycle = backlint(&project, &["check", "--format", "concise", "--select", "import-cycle"]);
    assert!(stdout(&cycle).contains("import-cycle"), "{}", stdout(&cycle));
    std::fs::write(project.join("app/b.py"), "import json\n").unwrap();
    let broken = backlint(&project, &["check", "--format", "concise", "--select", "import-cycle", "--stats"]);
    assert_eq!(broken.status.code(), Some(0), "{}", stdout(&broken));
    assert_eq!(cached(&broken), 2, "a.py and __init__.py come from the cache: {}", stderr(&broken));
}

#[test]
fn a_damaged_cache_file_is_ignored_with_a_warning_and_rewritten() {
    let project = temp_project("cache", "damaged");
    std::fs::write(project.join("client.py"), "import requests\nrequests.get(URL, verify=False, timeout=5)\n").unwrap();
    let cold = backlint(&project, &["check", "--format", "json"]);
    let files = cache_files(&project.join(".backlint_cache"));
    assert_eq!(files.len(), 1);
    std::fs::write(&files[0], b"backlint-cache\n\xff\xff\xff garbage").unwrap();
    let damaged = backlint(&project, &["check", "--format", "json"]);
    assert_eq!(stdout(&cold), stdout(&damaged));
    assert!(stderr(&damaged).contains("warning: ignoring the cache file"), "{}", stderr(&damaged));
    let repaired = backlint(&project, &["check", "--format", "json", "--stats"]);
    assert_eq!(stdout(&cold), stdout(&repaired));
    assert_eq!(cached(&repaired), 1, "{}", stderr(&repaired));
    assert!(!stderr(&repaired).contains("warning"), "{}", stderr(&repaired));
}

#[test]
fn no_cache_writes_nothing_and_the_cache_folder_can_be_chosen() {
    let project = temp_project("cache", "where");
    std::fs::write(project.join("a.py"), "x = 1\n").unwrap();
    assert!(backlint(&project, &["check", "--no-cache"]).status.success());
    let by_env = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .current_dir(&project)
        .arg("check")
        .env("BACKLINT_NO_CACHE", "1")
        .output()
        .unwrap();
    assert!(by_env.status.success());
    assert!(!project.join(".backlint_cache").exists());

    assert!(backlint(&project, &["check", "--cache-dir", "elsewhere"]).status.success());
    assert_eq!(cache_files(&project.join("elsewhere")).len(), 1);
    std::fs::create_dir_all(project.join("sub")).unwrap();
    std::fs::write(project.join("sub/b.py"), "y = 2\n").unwrap();
    std::fs::write(project.join("backlint.toml"), "cache-dir = \"build/lint-cache\"\n").unwrap();
    assert!(backlint(&project.join("sub"), &["check", "."]).status.success());
    assert_eq!(cache_files(&project.join("build/lint-cache")).len(), 1, "relative to the config file's folder");
    assert!(!project.join(".backlint_cache").exists());
}
