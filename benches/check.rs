//! The core benchmark: a parse-only pass and a full `check` over the same
//! real corpus, reporting both medians and their ratio (the figure that
//! matters: rules and reporting should cost little over parsing).
//!
//! The corpus is real code fetched from the package registries on first run,
//! pinned by version, cached outside the repository (in
//! `$BACKLINT_BENCH_CORPUS`, default `~/.cache/backlint-bench-corpus`):
//! Django 5.2.8 (Python, from PyPI), Express 4.21.2 (JavaScript, from npm)
//! and axum 0.8.4 (Rust, from crates.io).
//!
//! It prints the medians and the ratio for each corpus (one per language)
//! and for all of them together, the passes alternating round by round.
//! Run with `cargo bench --bench check`; `BACKLINT_BENCH_RUNS` sets the
//! number of timed runs of each pass (default 15), `BACKLINT_BENCH_SELECT`
//! (comma-separated rule ids) limits the rules, and several such sets
//! separated by `;` are timed side by side to compare rule sets, and
//! `BACKLINT_BENCH_ONLY=parse` or `check` runs one pass once (to count
//! instructions or profile it: `valgrind --tool=cachegrind --cache-sim=no`
//! gives figures that a noisy machine does not move).
//! `BACKLINT_BENCH_CACHE=1` times the content cache instead: cold, warm and
//! one file changed, on a copy of Django's source.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use backlint::config::Settings;
use backlint::report::{self, Format, TextOptions};
use backlint::rules::RuleSet;
use backlint::scan::{self, ScanOptions};
use backlint::walk::{self, WalkOptions};
use rayon::prelude::*;

struct Source {
    name: &'static str,
    /// The folder the download unpacks to, inside the cache.
    folder: &'static str,
    fetch: &'static str,
}

const CORPUS: &[Source] = &[
    Source {
        name: "Django 5.2.8 (PyPI sdist)",
        folder: "django-5.2.8",
        fetch: "pip download --quiet django==5.2.8 --no-deps --no-binary :all: -d dl && tar xzf dl/django-5.2.8.tar.gz",
    },
    Source {
        name: "Express 4.21.2 (npm)",
        folder: "package",
        fetch: "npm pack --silent express@4.21.2 >/dev/null && tar xzf express-4.21.2.tgz",
    },
    Source {
        name: "axum 0.8.4 (crates.io)",
        folder: "axum-0.8.4",
        fetch: "curl -sSfL https://static.crates.io/crates/axum/axum-0.8.4.crate | tar xz",
    },
];

fn corpus_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BACKLINT_BENCH_CORPUS") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    home.join(".cache/backlint-bench-corpus")
}

fn ensure_corpus() -> Vec<PathBuf> {
    let cache = corpus_dir();
    let mut roots = Vec::new();
    for source in CORPUS {
        let dir = cache.join(source.folder.replace('/', "_")).join("src");
        let unpacked = dir.join(source.folder);
        if !unpacked.is_dir() {
            std::fs::create_dir_all(&dir).unwrap();
            eprintln!("fetching {} into {}", source.name, dir.display());
            let status = Command::new("sh").arg("-c").arg(source.fetch).current_dir(&dir).status().unwrap();
            assert!(status.success() && unpacked.is_dir(), "could not fetch {}", source.name);
        }
        roots.push(unpacked);
    }
    roots
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Walk, read and parse every file the check analyses (not the ones it skips
/// as minified), nothing else: the floor a check stands on.
fn parse_only(root: &Path, paths: &[PathBuf], settings: &Settings, jobs: usize) -> u64 {
    let walked = walk::walk(root, paths, settings, WalkOptions { threads: jobs, follow_symlinks: false });
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build().unwrap();
    pool.install(|| {
        walked
            .files
            .par_iter()
            .with_max_len(1) // scheduled as the check schedules files
            .map(|file| {
                let text = std::fs::read_to_string(&file.path).unwrap_or_default();
                if backlint::source::minified_line_average(file.language, &text).is_some() {
                    return 0;
                }
                let tree = backlint::lang::parse(file.language, &text);
                tree.root_node().child_count() as u64
            })
            .sum()
    })
}

/// A full check, including the SARIF reporter writing to memory.
fn full_check(root: &Path, paths: &[PathBuf], rules: &RuleSet, settings: &Settings, jobs: usize) -> usize {
    let report = scan::scan(
        root,
        paths,
        rules,
        settings,
        ScanOptions { jobs, follow_symlinks: false, progress: false, cache_dir: None },
    );
    let mut out = Vec::new();
    report::write(Format::Sarif, &report, rules, TextOptions::default(), &mut out).unwrap();
    report.findings.len() + out.len()
}

/// Copies the files under `from` to `to` (a corpus the cache bench may edit).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `BACKLINT_BENCH_CACHE=1`: the content cache on Django's source (a copy,
/// scanned as its own root): a cold check writing the cache, a warm check
/// with nothing changed, and a check after one file changed, alternating,
/// beside a check without the cache. Medians of `runs`.
fn cache_bench(django: &Path, rules: &RuleSet, jobs: usize, runs: usize) {
    let copy = tempfile::tempdir().unwrap();
    let root = copy.path().join("django");
    copy_tree(django, &root);
    let mut settings = Settings::from_toml(rules, Path::new("<bench>"), "", &Default::default()).unwrap();
    settings.anchor_at(&root);
    let cache_dir = copy.path().join("cache");
    let changed = root.join("django/db/models/query.py");
    let original = std::fs::read_to_string(&changed).unwrap();
    let check = |cache: Option<&Path>| {
        let options = ScanOptions { jobs, follow_symlinks: false, progress: false, cache_dir: cache };
        let start = Instant::now();
        let report = scan::scan(&root, std::slice::from_ref(&root), rules, &settings, options);
        let mut out = Vec::new();
        report::write(Format::Sarif, &report, rules, TextOptions::default(), &mut out).unwrap();
        (start.elapsed(), report.summary.cached, out)
    };
    let (_, _, expected) = check(None);
    let mut times: [Vec<Duration>; 4] = Default::default();
    for run in 0..runs {
        times[0].push(check(None).0);
        let _ = std::fs::remove_dir_all(&cache_dir);
        let (cold, cached, out) = check(Some(&cache_dir));
        assert!(cached == 0 && out == expected, "a cold check with the cache prints what one without does");
        times[1].push(cold);
        let (warm, cached, out) = check(Some(&cache_dir));
        assert!(cached > 0 && out == expected, "a warm check prints what a cold one does");
        times[2].push(warm);
        std::fs::write(&changed, format!("{original}\n# edit {run}\n")).unwrap();
        times[3].push(check(Some(&cache_dir)).0);
        std::fs::write(&changed, &original).unwrap();
        check(Some(&cache_dir));
    }
    let [none, cold, warm, one] = times.map(median);
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("Django 5.2.8 source, {jobs} threads, {runs} runs each (medians):");
    println!("  no cache          {:>8.1} ms", ms(none));
    println!("  cold, writing it  {:>8.1} ms ({:.3}x no cache)", ms(cold), cold.as_secs_f64() / none.as_secs_f64());
    println!("  warm, no change   {:>8.1} ms", ms(warm));
    println!("  one file changed  {:>8.1} ms", ms(one));
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not run this.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let roots = ensure_corpus();
    let root = corpus_dir();
    let rules = RuleSet::all();
    let runs: usize = std::env::var("BACKLINT_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(15);
    if std::env::var_os("BACKLINT_BENCH_CACHE").is_some() {
        cache_bench(&roots[0], &rules, scan::default_jobs(), runs);
        return;
    }
    // BACKLINT_BENCH_SELECT=id,id runs only those rules; several sets
    // separated by `;` are timed side by side, to compare rule sets.
    let selections: Vec<Option<Vec<String>>> = match std::env::var("BACKLINT_BENCH_SELECT") {
        Ok(sets) => sets
            .split(';')
            .map(|ids| Some(ids.split(',').map(str::trim).filter(|id| !id.is_empty()).map(String::from).collect()))
            .collect(),
        Err(_) => vec![None],
    };
    let sets: Vec<(String, Settings)> = selections
        .into_iter()
        .map(|select| {
            let label = select.as_ref().map_or_else(|| "all rules".to_string(), |ids: &Vec<String>| ids.join(","));
            let overrides = backlint::config::Overrides { select, ..Default::default() };
            let mut settings =
                Settings::from_toml(&rules, Path::new("<bench>"), "", &overrides).expect("known rule ids");
            settings.anchor_at(&root);
            (label, settings)
        })
        .collect();
    let settings = &sets[0].1;
    let jobs = scan::default_jobs();

    // BACKLINT_BENCH_ONLY=parse|check runs that one pass once (of the first
    // set) and exits: for a profiler or an instruction counter, which the
    // noise of a shared machine does not move.
    match std::env::var("BACKLINT_BENCH_ONLY").as_deref() {
        Ok("parse") => {
            std::hint::black_box(parse_only(&root, &roots, settings, jobs));
            return;
        }
        Ok("check") => {
            std::hint::black_box(full_check(&root, &roots, &rules, settings, jobs));
            return;
        }
        _ => {}
    }
    let report = scan::scan(
        &root,
        &roots,
        &rules,
        settings,
        ScanOptions { jobs, follow_symlinks: false, progress: false, cache_dir: None },
    );
    let bytes: u64 = walk::walk(&root, &roots, settings, WalkOptions { threads: jobs, follow_symlinks: false })
        .files
        .iter()
        .map(|f| std::fs::metadata(&f.path).map_or(0, |m| m.len()))
        .sum();
    println!(
        "corpus: {} files, {:.1} MB ({}), {jobs} threads, {runs} runs each",
        report.summary.files_scanned,
        bytes as f64 / 1e6,
        CORPUS.iter().map(|s| s.name).collect::<Vec<_>>().join(", "),
    );

    // Warm up the page cache and the query cache, then alternate the passes
    // (parse-only, then each rule set's check) so that drift in machine load
    // affects them all alike.
    parse_only(&root, &roots, settings, jobs);
    for (_, settings) in &sets {
        full_check(&root, &roots, &rules, settings, jobs);
    }
    // Each corpus on its own (its language's ratio), then all of them
    // together; one round times every pass once, in turn.
    let targets: Vec<(&str, Vec<PathBuf>)> = CORPUS
        .iter()
        .zip(&roots)
        .map(|(source, root)| (source.name, vec![root.clone()]))
        .chain(std::iter::once(("all together", roots.clone())))
        .collect();
    let mut parse: Vec<Vec<Duration>> = vec![Vec::new(); targets.len()];
    let mut checks: Vec<Vec<Vec<Duration>>> = vec![vec![Vec::new(); sets.len()]; targets.len()];
    for _ in 0..runs {
        for (t, (_, paths)) in targets.iter().enumerate() {
            let start = Instant::now();
            std::hint::black_box(parse_only(&root, paths, settings, jobs));
            parse[t].push(start.elapsed());
            for ((_, settings), times) in sets.iter().zip(&mut checks[t]) {
                let start = Instant::now();
                std::hint::black_box(full_check(&root, paths, &rules, settings, jobs));
                times.push(start.elapsed());
            }
        }
    }
    for (((name, _), parse), checks) in targets.iter().zip(parse).zip(checks) {
        let parse = median(parse);
        println!("{name}: parse-only median {:.1} ms", parse.as_secs_f64() * 1e3);
        let mut first_ratio = None;
        for ((label, settings), times) in sets.iter().zip(checks) {
            let check = median(times);
            let ratio = check.as_secs_f64() / parse.as_secs_f64();
            let growth =
                first_ratio.map(|first: f64| format!(", {:+.1}% over the first set", (ratio / first - 1.0) * 100.0));
            first_ratio.get_or_insert(ratio);
            println!(
                "  full check median {:.1} ms, ratio check/parse {ratio:.3}{} ({} rules: {label})",
                check.as_secs_f64() * 1e3,
                growth.unwrap_or_default(),
                settings.rules.len()
            );
        }
    }
}
