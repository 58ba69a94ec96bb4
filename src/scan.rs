//! A whole scan: walk, analyse in parallel, merge in a deterministic order.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::cache::Cache;
use crate::config::Settings;
use crate::diagnostic::{Finding, Notification};
use crate::engine;
use crate::rules::RuleSet;
use crate::walk::{self, WalkOptions};

/// Options of a scan that are not settings of the analysis itself.
#[derive(Debug, Clone, Copy)]
pub struct ScanOptions<'a> {
    pub jobs: usize,
    pub follow_symlinks: bool,
    /// Show a progress line on standard error while files are analysed
    /// (for a terminal: a long scan must not look hung).
    pub progress: bool,
    /// The folder of the content cache; `None`: no cache.
    pub cache_dir: Option<&'a Path>,
}

impl Default for ScanOptions<'_> {
    fn default() -> Self {
        ScanOptions { jobs: default_jobs(), follow_symlinks: false, progress: false, cache_dir: None }
    }
}

/// The number of threads used when `--jobs` is not given.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Counts and timings of a scan. Times spent in parsing and in rules are
/// summed over threads.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files_scanned: usize,
    pub files_skipped: usize,
    pub files_with_syntax_errors: usize,
    /// JavaScript/TypeScript files judged to run in the browser, left alone
    /// by the server-side rules.
    pub files_browser_code: usize,
    /// Findings left out because the baseline (`--baseline`) accepts them.
    pub baselined: usize,
    /// Findings left out because they touch no line changed since `--diff REF`.
    pub outside_diff: usize,
    /// Files whose outcome came from the content cache.
    pub cached: usize,
    pub walk_time: Duration,
    /// Parsing, rules, the node index and project facts, summed over threads.
    pub timings: crate::outcome::Timings,
    /// Time in each rule, by index in the rule set.
    pub rule_times: Vec<Duration>,
    /// Joining them, resolving imports and running the project rules.
    pub project_time: Duration,
    pub elapsed: Duration,
}

/// The result of a scan, sorted: findings by path, line, column and rule;
/// notifications by path and kind.
#[derive(Debug, Clone)]
pub struct ScanReport {
    pub root: PathBuf,
    pub findings: Vec<Finding>,
    pub notifications: Vec<Notification>,
    pub summary: Summary,
    /// The joined project index, when a project rule or `backlint graph` needed it.
    pub project: Option<crate::project::Project>,
    /// What the content cache had to say (a cache file ignored, a failed
    /// write): for standard error, never part of the report.
    pub cache_warnings: Vec<String>,
}

/// Scans `paths` (absolute and normalized, see [`walk::normalize`]); paths
/// in the report are relative to `root`.
pub fn scan(
    root: &Path,
    paths: &[PathBuf],
    rules: &RuleSet,
    settings: &Settings,
    options: ScanOptions<'_>,
) -> ScanReport {
    let start = Instant::now();
    let walked = walk::walk(
        root,
        paths,
        settings,
        WalkOptions { threads: options.jobs, follow_symlinks: options.follow_symlinks },
    );
    let walk_time = start.elapsed();
    let cache = options.cache_dir.map(|dir| {
        let key = format!("{}root {}\n{}", build_identity(), root.display(), settings.analysis_key(rules));
        Cache::open(dir, key, |id| crate::rules::by_id(id).map(|rule| rule.id))
    });
    let progress = Progress { done: AtomicUsize::new(0), phase: AtomicU8::new(ANALYSING), total: walked.files.len() };
    let mut report = std::thread::scope(|scope| {
        let shown = options.progress.then(|| scope.spawn(|| show_progress(&progress)));
        // The list of files is not needed past the analysis (each file's
        // entry is dropped as it is analysed); the join needs the room.
        let analysed =
            engine::analyse_files(walked.files, rules, settings, options.jobs, cache.as_ref(), &progress.done);
        // Nor are the pages the analysis freed (paths, trees, scratch).
        #[cfg(all(feature = "jemalloc", unix, not(target_os = "openbsd")))]
        crate::parser_allocator::purge();
        progress.phase.store(JOINING, Ordering::Relaxed);
        let mut report = merge(root, walked.notifications, analysed.results, analysed.timings, rules, settings);
        report.summary.rule_times = analysed.rule_times;
        progress.phase.store(FINISHED, Ordering::Relaxed);
        if let Some(shown) = shown {
            let _ = shown.join();
        }
        report
    });
    if let Some(cache) = cache {
        report.summary.cached = cache.hits();
        report.cache_warnings = cache.save(root);
    }
    report.summary.walk_time = walk_time;
    report.summary.elapsed = start.elapsed();
    report
}

/// What tells this build of backlint from another of the same version (a
/// rebuilt development binary): the executable's size and modification
/// time. Part of the cache key, so that a cache written by one build is
/// never read by another.
fn build_identity() -> String {
    let metadata = std::env::current_exe().and_then(std::fs::metadata);
    match metadata {
        Ok(m) => {
            let modified = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            format!("build {} {}\n", m.len(), modified.map_or(0, |d| d.as_nanos()))
        }
        Err(_) => String::new(),
    }
}

/// The project index of `inputs` (as the subcommands that draw it take
/// them: one folder is the root module names are relative to), with the
/// settings it was built with. No file rule runs; `configure` adjusts the
/// loaded settings first (what to collect).
pub fn project_of(
    inputs: &[PathBuf],
    configure: impl FnOnce(&mut Settings),
) -> anyhow::Result<(Settings, crate::project::Project)> {
    let walk::Inputs { mut root, paths, config_start } = walk::Inputs::resolve(inputs).map_err(anyhow::Error::msg)?;
    if paths.len() == 1 && paths[0].is_dir() {
        root = paths[0].clone();
    }
    let rules = RuleSet::all();
    let mut settings = Settings::load(&rules, &config_start, None, &crate::config::Overrides::default())?;
    settings.anchor_at(&root);
    configure(&mut settings);
    settings.rules.clear();
    settings.build_index = true;
    let report = scan(&root, &paths, &rules, &settings, ScanOptions::default());
    Ok((settings, report.project.unwrap_or_default()))
}

/// Where a scan is, for the progress line: files analysed so far and the
/// phase (analysing files, joining the project, finished).
struct Progress {
    done: AtomicUsize,
    phase: AtomicU8,
    total: usize,
}

const ANALYSING: u8 = 0;
const JOINING: u8 = 1;
const FINISHED: u8 = 2;

/// Prints `checking files: N/M`, then `joining the project`, on standard
/// error, rewritten in place; only once the scan has taken a second (a
/// quick scan shows nothing), and the line is cleared at the end.
fn show_progress(progress: &Progress) {
    report_progress(progress, Duration::from_secs(1), &mut std::io::stderr());
}

/// [`show_progress`] to any writer, after `delay`.
fn report_progress(progress: &Progress, delay: Duration, out: &mut dyn Write) {
    let start = Instant::now();
    let mut shown = false;
    let finished = || progress.phase.load(Ordering::Relaxed) == FINISHED;
    while !finished() {
        std::thread::sleep(Duration::from_millis(100));
        if start.elapsed() < delay || finished() {
            continue;
        }
        let total = progress.total;
        let _ = if progress.phase.load(Ordering::Relaxed) == ANALYSING {
            write!(out, "\r\x1b[Kbacklint: checking files: {}/{total}", progress.done.load(Ordering::Relaxed))
        } else {
            write!(out, "\r\x1b[Kbacklint: checked {total} files; joining the project")
        };
        let _ = out.flush();
        shown = true;
    }
    if shown {
        let _ = write!(out, "\r\x1b[K");
        let _ = out.flush();
    }
}

/// Joins the results of the files of a scan (in input order) with the
/// walk's notifications: sums the counts (the times were summed by
/// [`engine::analyse_files`] as the files finished), runs the project rules,
/// and sorts everything that reaches output.
pub fn merge(
    root: &Path,
    mut notifications: Vec<Notification>,
    results: Vec<crate::outcome::FileResult>,
    timings: crate::outcome::Timings,
    rules: &RuleSet,
    settings: &Settings,
) -> ScanReport {
    let mut summary = Summary { timings, ..Summary::default() };
    let mut findings = Vec::new();
    // Collected from the vector of results, which the standard library may
    // reuse in place for a `filter_map` over `into_iter` (an optimisation,
    // not a guarantee), then shrunk to the facts' size: the facts of every
    // file are not held twice.
    let mut indexes: Vec<crate::project::FileIndex> = results
        .into_iter()
        .filter_map(|outcome| {
            summary.files_scanned += usize::from(outcome.analysed);
            summary.files_with_syntax_errors += usize::from(outcome.syntax_error);
            summary.files_browser_code += usize::from(outcome.browser_code);
            findings.extend(outcome.findings);
            notifications.extend(outcome.notifications);
            outcome.index
        })
        .collect();
    indexes.shrink_to_fit();
    let project_start = Instant::now();
    let project = crate::rules::needs_index(rules, settings).then(|| {
        let mut project = crate::project::Project::build(root, indexes);
        crate::rules::run_project_checks(root, &mut project, rules, settings, &mut findings, &mut notifications);
        project
    });
    summary.project_time = project_start.elapsed();
    summary.files_skipped = notifications.iter().filter(|n| n.kind.is_skip()).count();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    notifications.sort();
    ScanReport { root: root.to_path_buf(), findings, notifications, summary, project, cache_warnings: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_identity_names_this_executable_and_is_stable() {
        let identity = build_identity();
        assert!(identity.starts_with("build "), "{identity:?}");
        assert_eq!(identity, build_identity());
    }

    #[test]
    fn progress_counts_files_in_place_names_the_join_and_clears_its_line() {
        let progress = Progress { done: AtomicUsize::new(0), phase: AtomicU8::new(ANALYSING), total: 5 };
        let mut out = Vec::new();
        std::thread::scope(|scope| {
            let shown = scope.spawn(|| report_progress(&progress, Duration::ZERO, &mut out));
            progress.done.store(3, Ordering::Relaxed);
            std::thread::sleep(Duration::from_millis(350));
            progress.phase.store(JOINING, Ordering::Relaxed);
            std::thread::sleep(Duration::from_millis(350));
            progress.phase.store(FINISHED, Ordering::Relaxed);
            shown.join().unwrap();
        });
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("\r\x1b[Kbacklint: checking files: 3/5"), "{text:?}");
        assert!(text.contains("\r\x1b[Kbacklint: checked 5 files; joining the project"), "{text:?}");
        assert!(text.ends_with("\r\x1b[K"), "{text:?}");
    }
}
