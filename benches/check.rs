//! The core benchmark: a parse-only pass and a full `check` over the same
//! real corpus, reporting both medians and their ratio (the figure that
//! matters: rules and reporting should cost little over parsing).
//!
//! The corpus is real code fetched from the package registries on first run,
//! pinned by version, cached outside the repository (in
//! `$BACKLINT_BENCH_CORPUS`, default `~/.cache/backlint-bench-corpus`):
//! Django 5.2.8 (Python, from PyPI, 490k lines), the Ghost 6.0.0 server
//! (JavaScript, from npm, 100k lines) and athena_rs 3.26.4 (Rust, from
//! crates.io, 139k lines).
//!
//! It prints the medians and the ratio for each corpus (one per language)
//! and for all of them together, the passes alternating round by round,
//! and the peak memory of each pass run alone in its own process.
//! `BACKLINT_BENCH_TINY=1` adds 100,000 generated tiny files (written once
//! into the cache), the per-file cost. `BACKLINT_BENCH_BIG=1` adds one big
//! generated file per language (repeated functions that query, call out and
//! hold literals) at two sizes, the second twice the first: a check that
//! grows faster than its file shows as a higher ratio at the larger size.
//! Run with `cargo bench --bench check`; `BACKLINT_BENCH_RUNS` sets the
//! number of timed runs of each pass (default 15), `BACKLINT_BENCH_SELECT`
//! (comma-separated rule ids) limits the rules, and several such sets
//! separated by `;` are timed side by side to compare rule sets, and
//! `BACKLINT_BENCH_ONLY=parse` or `check` runs one pass once (to count
//! instructions or profile it: `valgrind --tool=cachegrind --cache-sim=no`
//! gives figures that a noisy machine does not move), on every corpus or on
//! the one `BACKLINT_BENCH_TARGET` names by its position in the report.
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

/// The allocator the `backlint` binary uses (see `src/main.rs`), for Rust
/// and (installed in `main`) for the parsers, so that the floor and the
/// check are measured as users run them.
#[cfg(all(feature = "jemalloc", unix, not(target_os = "openbsd")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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
        name: "Ghost 6.0.0 server (npm)",
        folder: "package/core/server",
        fetch: "npm pack --silent ghost@6.0.0 >/dev/null && tar xzf ghost-6.0.0.tgz",
    },
    Source {
        name: "athena_rs 3.26.4 (crates.io)",
        folder: "athena_rs-3.26.4",
        fetch: "curl -sSfL https://static.crates.io/crates/athena_rs/athena_rs-3.26.4.crate | tar xz",
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

/// The name of the generated corpus of many tiny files.
const TINY_NAME: &str = "100,000 tiny files (generated)";

/// 100,000 tiny modules (a third each Python, TypeScript and Rust, a
/// thousand to a folder), written once into the corpus cache: the cost a
/// check adds per file, beside the floor's.
fn tiny_corpus() -> PathBuf {
    let base = corpus_dir().join("tiny-100k");
    let root = base.join("src/tiny");
    let complete = base.join("complete");
    if complete.exists() {
        return root;
    }
    let _ = std::fs::remove_dir_all(&root);
    eprintln!("writing 100,000 tiny files into {}", root.display());
    for i in 0..100_000u32 {
        let dir = root.join(format!("m{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&dir).unwrap();
        }
        let (name, text) = match i % 3 {
            0 => (
                format!("mod_{i}.py"),
                format!("from .mod_{} import base\n\n\ndef f{i}(x):\n    return base(x) + {i}\n", i + 3),
            ),
            1 => (
                format!("mod_{i}.ts"),
                format!(
                    "import {{ base }} from \"./mod_{}\";\n\nexport function f{i}(x: number): number {{\n  return base(x) + {i};\n}}\n",
                    i + 3
                ),
            ),
            _ => (format!("mod_{i}.rs"), format!("pub fn f{i}(x: u32) -> u32 {{\n    x + {i}\n}}\n")),
        };
        std::fs::write(dir.join(name), text).unwrap();
    }
    std::fs::write(complete, "").unwrap();
    root
}

/// The names of the two big-file targets (`BACKLINT_BENCH_BIG`).
const BIG_NAMES: [&str; 2] = ["one big file per language, x1", "one big file per language, x2"];

/// One Python, one TypeScript and one Rust file of `repeats` functions
/// each, written once into the cache under `big-files/<repeats>`: loops
/// that query, SQL and URL literals, outbound calls and swallowed errors,
/// repeated at the top level of the file (the flat shape of a generated or
/// grown-over-the-years module).
fn big_files(repeats: usize) -> PathBuf {
    let root = corpus_dir().join("big-files").join(repeats.to_string());
    let complete = root.join("complete");
    if complete.exists() {
        return root.join("src");
    }
    let src = root.join("src");
    std::fs::create_dir_all(&src).unwrap();
    let python: String = (0..repeats)
        .map(|i| {
            format!(
                "def load_{i}(ids, user_id):\n    out = {{}}\n    for k in KINDS:\n        out[k] = user_id\n    for x in ids:\n        cursor.execute(\"SELECT name FROM items_{i} WHERE id = %s\", (x,))\n    try:\n        requests.get(\"https://api.internal.example/v1/items/{i}\")\n    except Exception:\n        pass\n    return out\n\n\n"
            )
        })
        .collect();
    let typescript: String = (0..repeats)
        .map(|i| {
            format!(
                "export async function load{i}(ids: number[], userId: number) {{\n  const out = {{}};\n  for (const k of KINDS) {{\n    out[k] = userId;\n  }}\n  for (const x of ids) {{\n    await pool.query(\"SELECT name FROM items_{i} WHERE id = $1\", [x]);\n  }}\n  try {{\n    await fetch(\"https://api.internal.example/v1/items/{i}\");\n  }} catch (e) {{}}\n  return out;\n}}\n\n"
            )
        })
        .collect();
    let rust: String = (0..repeats)
        .map(|i| {
            format!(
                "pub async fn load_{i}(pool: &PgPool, ids: &[i64]) -> Result<(), sqlx::Error> {{\n    for x in ids {{\n        sqlx::query(\"SELECT name FROM items_{i} WHERE id = $1\").bind(x).fetch_one(pool).await?;\n    }}\n    let _ = reqwest::get(\"https://api.internal.example/v1/items/{i}\").await;\n    Ok(())\n}}\n\n"
            )
        })
        .collect();
    std::fs::write(
        src.join("big.py"),
        format!("import requests\nfrom db import cursor\n\nKINDS = ['a', 'b']\n\n\n{python}"),
    )
    .unwrap();
    std::fs::write(
        src.join("big.ts"),
        format!("import {{ pool }} from \"./db\";\n\nconst KINDS = [\"a\", \"b\"];\n\n{typescript}"),
    )
    .unwrap();
    std::fs::write(src.join("big.rs"), format!("use sqlx::PgPool;\n\n{rust}")).unwrap();
    std::fs::write(complete, "").unwrap();
    src
}

/// This process's peak resident memory (Linux `VmHWM`), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The peak memory of one pass (`parse` or `check`) over target `t`, run
/// alone in a fresh process of this bench (`BACKLINT_BENCH_ONLY`).
fn peak_rss_of(pass: &str, t: usize) -> Option<u64> {
    let out = Command::new(std::env::current_exe().ok()?)
        .arg("--bench")
        .env("BACKLINT_BENCH_ONLY", pass)
        .env("BACKLINT_BENCH_TARGET", t.to_string())
        .env_remove("BACKLINT_BENCH_SELECT")
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().find_map(|l| l.strip_prefix("peak-rss-kib ")).and_then(|n| n.trim().parse().ok()).filter(|&n| n > 0)
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
    #[cfg(all(feature = "jemalloc", unix, not(target_os = "openbsd")))]
    backlint::parser_allocator::install();
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

    // Each corpus on its own (its language's ratio), then all of them
    // together, then (BACKLINT_BENCH_TINY=1) 100,000 tiny files.
    let mut targets: Vec<(&str, Vec<PathBuf>)> = CORPUS
        .iter()
        .zip(&roots)
        .map(|(source, root)| (source.name, vec![root.clone()]))
        .chain(std::iter::once(("all together", roots.clone())))
        .collect();
    if std::env::var_os("BACKLINT_BENCH_TINY").is_some() {
        targets.push((TINY_NAME, vec![tiny_corpus()]));
    }
    if std::env::var_os("BACKLINT_BENCH_BIG").is_some() {
        targets.push((BIG_NAMES[0], vec![big_files(2500)]));
        targets.push((BIG_NAMES[1], vec![big_files(5000)]));
    }

    // BACKLINT_BENCH_ONLY=parse|check runs that one pass once (of the first
    // set, on every corpus or on the one BACKLINT_BENCH_TARGET names by its
    // position) and prints the process's peak memory: for a profiler, an
    // instruction counter, which the noise of a shared machine does not
    // move, or the memory figures below.
    if let Ok(pass) = std::env::var("BACKLINT_BENCH_ONLY") {
        let paths = match std::env::var("BACKLINT_BENCH_TARGET") {
            Ok(t) => match t.parse::<usize>().ok().and_then(|t| targets.get(t)) {
                Some((_, paths)) => paths.clone(),
                None => {
                    eprintln!("BACKLINT_BENCH_TARGET: expected the position of one of these targets, got {t:?}");
                    for (position, (name, _)) in targets.iter().enumerate() {
                        eprintln!("  {position}  {name}");
                    }
                    std::process::exit(2);
                }
            },
            Err(_) => roots.clone(),
        };
        match pass.as_str() {
            "parse" => std::hint::black_box(parse_only(&root, &paths, settings, jobs) as usize),
            "check" => std::hint::black_box(full_check(&root, &paths, &rules, settings, jobs)),
            other => panic!("BACKLINT_BENCH_ONLY: expected parse or check, got {other}"),
        };
        println!("peak-rss-kib {}", peak_rss_kib().unwrap_or(0));
        return;
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
    // One round times every pass once, in turn.
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
    let mut big_checks: Vec<Duration> = Vec::new();
    for (t, (((name, _), parse), checks)) in targets.iter().zip(parse).zip(checks).enumerate() {
        if BIG_NAMES.contains(name) {
            big_checks.push(median(checks[0].clone()));
        }
        let parse = median(parse);
        println!("{name}: parse-only median {:.1} ms", parse.as_secs_f64() * 1e3);
        if let (Some(floor), Some(check)) = (peak_rss_of("parse", t), peak_rss_of("check", t)) {
            let mib = |kib: u64| kib as f64 / 1024.0;
            // What the check holds per file beyond the floor: the facts
            // kept for the join, mostly.
            let files =
                walk::walk(&root, &targets[t].1, settings, WalkOptions { threads: jobs, follow_symlinks: false })
                    .files
                    .len()
                    .max(1);
            println!(
                "  peak RSS: check {:.1} MiB, parse-only {:.1} MiB, ratio {:.2}, {:.2} KiB a file above the floor (first set, own process)",
                mib(check),
                mib(floor),
                check as f64 / floor as f64,
                check.saturating_sub(floor) as f64 / files as f64,
            );
        }
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
    if let [x1, x2] = big_checks.as_slice() {
        println!(
            "big files: full check x2 / x1 = {:.2} (2.00 when the check grows as the file does)",
            x2.as_secs_f64() / x1.as_secs_f64()
        );
    }
}
