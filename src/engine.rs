//! The analysis of files: read, parse once, run every active rule on the one
//! tree (each inside `catch_unwind`), apply suppressions, fill snippets and
//! fingerprints, drop the tree.
//!
//! Invariants: a file is parsed exactly once; its tree lives only while the
//! file is analysed; a panic in one rule on one file becomes an
//! `internal-error` notification and loses no other finding; results come
//! back in the order of the input files, whatever the thread schedule.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::cache::{Cache, Lookup};
use crate::config::Settings;
use crate::deadline;
use crate::diagnostic::{Finding, Notification, NotificationKind};
use crate::fingerprint;
use crate::lang;
pub use crate::outcome::{FileOutcome, FileResult};
use streaming_iterator::StreamingIterator;
use tree_sitter::{QueryCursor, Tree};

use crate::file_facts::{FileFacts, FileView};
use crate::rules::{CombinedQuery, FileContext, Match, RuleSet};
use crate::source::SourceFile;
use crate::suppression;
use crate::walk::Candidate;

/// Bytes inspected for a NUL to decide that a file is binary.
const BINARY_PROBE: usize = 8 * 1024;

/// Nesting depth beyond which a file is not analysed (see `analyse_source`).
pub const MAX_NESTING: usize = 1000;

/// Lines longer than this mark a file as possibly generated or minified,
/// worth measuring for depth.
const LONG_LINE: usize = 4096;

fn has_long_line(text: &str) -> bool {
    if text.len() <= LONG_LINE {
        return false;
    }
    // From newline to newline with a vector search (splitting into lines
    // cost a searcher per line: 0.4% of a check of Django).
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
        if end - start > LONG_LINE {
            return true;
        }
        start = end + 1;
    }
    false
}

/// Stack size of analysis threads: deeply nested code must not overflow.
const THREAD_STACK: usize = 16 * 1024 * 1024;

/// What the analysis of a scan's files gives the join: each file's result,
/// in the order of the files, the time spent in each rule (by index in the
/// rule set) and the other times, summed over the files as they are done
/// (the results live until the join; their times need not).
#[derive(Debug, Default)]
pub struct Analysed {
    pub results: Vec<FileResult>,
    pub rule_times: Vec<Duration>,
    pub timings: crate::outcome::Timings,
}

/// Analyses `files` on `jobs` threads, answering from `cache` the files
/// whose bytes it holds. The outcomes are in the order of `files`.
/// `done` counts the files analysed so far (for a progress display).
pub fn analyse_files(
    files: Vec<Candidate>,
    rules: &RuleSet,
    settings: &Settings,
    jobs: usize,
    cache: Option<&Cache>,
    done: &std::sync::atomic::AtomicUsize,
) -> Analysed {
    install_panic_hook();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .stack_size(THREAD_STACK)
        .build()
        .expect("the analysis thread pool can be created");
    // One file per task: rayon otherwise splits the list into a few long
    // runs up front and only splits further when a run is stolen, so one
    // thread could be left finishing a run of heavy files (production code
    // sorts apart from tests) while the others idle.
    let totals = std::sync::Mutex::new((vec![Duration::ZERO; rules.rules().len()], crate::outcome::Timings::default()));
    let results = pool.install(|| {
        // Each file's candidate (two paths) is dropped once it is analysed:
        // on many small files those paths weigh more than their facts.
        files
            .into_par_iter()
            .with_max_len(1)
            .map(|file| {
                let mut outcome = analyse_file(&file, rules, settings, cache);
                drop(file);
                let times = std::mem::take(&mut outcome.rule_times);
                let result = {
                    let mut totals = totals.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    for (total, time) in totals.0.iter_mut().zip(times) {
                        *total += time;
                    }
                    totals.1 += outcome.timings;
                    outcome.result
                };
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                result
            })
            .collect()
    });
    let (rule_times, timings) = totals.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    Analysed { results, rule_times, timings }
}

/// Reads and analyses one file from disk (or takes the outcome `cache`
/// holds for its bytes, and stores a new one there).
pub fn analyse_file(file: &Candidate, rules: &RuleSet, settings: &Settings, cache: Option<&Cache>) -> FileOutcome {
    match std::fs::read(&file.path) {
        Ok(bytes) => {
            let front_end = file.in_front_end_package;
            let digest = match cache.map(|cache| cache.lookup(&file.display, &bytes, front_end)) {
                Some(Lookup::Hit(outcome)) => return *outcome,
                Some(Lookup::Miss(digest)) => Some(digest),
                None => None,
            };
            let input = FileInput { path: &file.display, language: file.language, in_front_end_package: front_end };
            let outcome = analyse_bytes(input, bytes, rules, settings);
            if let (Some(cache), Some(digest)) = (cache, digest) {
                cache.store(&file.display, digest, front_end, &outcome);
            }
            outcome
        }
        Err(e) => skipped(&file.display, NotificationKind::Unreadable, format!("cannot read: {e}")),
    }
}

/// The text of UTF-16 bytes that start with a byte-order mark (without it;
/// unpaired surrogates replaced).
fn utf16_text(bytes: &[u8]) -> Option<String> {
    let decode: fn([u8; 2]) -> u16 = match bytes {
        [0xFF, 0xFE, ..] => u16::from_le_bytes,
        [0xFE, 0xFF, ..] => u16::from_be_bytes,
        _ => return None,
    };
    let units: Vec<u16> = bytes[2..].chunks_exact(2).map(|pair| decode([pair[0], pair[1]])).collect();
    Some(String::from_utf16_lossy(&units))
}

/// The outcome of a file that was not analysed.
fn skipped(path: &str, kind: NotificationKind, message: String) -> FileOutcome {
    let notifications = vec![Notification { path: path.to_string(), kind, message, position: None }];
    FileOutcome { result: FileResult { notifications, ..FileResult::default() }, ..FileOutcome::default() }
}

/// What is known of a file before it is read: its root-relative path, its
/// language, and whether its package is a front end (see
/// [`crate::walk::Candidate`]).
#[derive(Debug, Clone, Copy)]
pub struct FileInput<'a> {
    pub path: &'a str,
    pub language: lang::Language,
    pub in_front_end_package: bool,
}

/// Analyses the bytes of one file: the size, binary, UTF-8 and minified
/// checks, then [`analyse_source`].
pub fn analyse_bytes(input: FileInput<'_>, bytes: Vec<u8>, rules: &RuleSet, settings: &Settings) -> FileOutcome {
    let FileInput { path, language, .. } = input;
    if bytes.len() as u64 > settings.max_file_size {
        return skipped(
            path,
            NotificationKind::TooLarge,
            format!("{} bytes, over the {} byte limit (--max-file-size); skipped", bytes.len(), settings.max_file_size),
        );
    }
    let mut notes = Vec::new();
    let note = |kind: NotificationKind, message: String| Notification {
        path: path.to_string(),
        kind,
        message,
        position: None,
    };
    // UTF-16 with a byte-order mark (Windows tools write it): its NUL bytes
    // would make it look binary. It is read as the text it is.
    let text = if let Some(text) = utf16_text(&bytes) {
        let message = "UTF-16 text (byte-order mark); analysed after conversion to UTF-8";
        notes.push(note(NotificationKind::NotUtf8, message.into()));
        text
    } else if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
        return skipped(path, NotificationKind::Binary, "binary content (NUL byte in the first 8 KiB); skipped".into());
    } else {
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let message = format!(
                    "not valid UTF-8 (first bad byte at offset {}); analysed with invalid bytes replaced",
                    e.utf8_error().valid_up_to()
                );
                notes.push(note(NotificationKind::NotUtf8, message));
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        }
    };
    if let Some(average) = crate::source::minified_line_average(language, &text) {
        let message = format!("looks minified or bundled ({average} bytes per line on average); skipped");
        notes.push(note(NotificationKind::Minified, message));
        return FileOutcome {
            result: FileResult { notifications: notes, ..FileResult::default() },
            ..FileOutcome::default()
        };
    }
    let mut file = SourceFile::new(path.to_string(), language, text);
    file.in_front_end_package = input.in_front_end_package;
    let mut outcome = analyse_source(file, rules, settings);
    notes.append(&mut outcome.result.notifications);
    outcome.result.notifications = notes;
    outcome
}

/// Analyses one in-memory source file: parse, run the rules, collect the
/// project facts, apply suppressions, fill snippets. Each step is a function
/// below, in that order.
pub fn analyse_source(file: SourceFile, rules: &RuleSet, settings: &Settings) -> FileOutcome {
    install_panic_hook();
    let mut outcome =
        FileOutcome { result: FileResult { analysed: true, ..FileResult::default() }, ..FileOutcome::default() };
    let parse_start = Instant::now();
    deadline::start(settings.timeout.map(|budget| parse_start + budget));
    let tree = lang::parse_within_budget(file.language, &file.text);
    outcome.timings.parse = parse_start.elapsed();
    let Some(tree) = tree else {
        outcome.result.analysed = false;
        outcome.result.notifications.push(timed_out(&file, settings, "parsing it"));
        return outcome;
    };
    let rules_start = Instant::now();
    let _memo = lang::values::FileMemo::start();
    // The tests layer is asked about by the engine and most rules: match the
    // path against its globs once.
    let is_test = settings.layers.tests.is_match(&file.path);
    let facts = FileFacts::new(is_test);
    let view = FileView { file: &file, tree: &tree, settings, facts: &facts };
    let indexing = crate::rules::needs_index_of(rules, settings, is_test);
    // Every rule, the browser-code test and the project facts read the node
    // index: it is built here, once, and timed on its own. Past the deadline
    // or on a bug it is left unbuilt: the rules below then report the file
    // as timed out, or each its own internal error, as when they build it
    // themselves.
    if indexing || !settings.rules.is_empty() {
        let index_start = Instant::now();
        let _ = guarded(|| {
            facts.node_index(file.language, &tree);
        });
        outcome.timings.node_index = index_start.elapsed();
    }
    if let Some(too_deep) = too_deep(&file, &tree, facts.built_node_index()) {
        outcome.result.analysed = false;
        outcome.result.notifications.push(too_deep);
        return outcome;
    }
    if let Some(syntax_error) = syntax_error(&file, &tree) {
        outcome.result.syntax_error = true;
        outcome.result.notifications.push(syntax_error);
    }
    // Code that runs in the browser is judged only by the rules about module
    // structure; the others are about servers.
    let browser = file.language.family() == lang::Family::TypeScript && view.is_browser_code();
    let runs = rules_that_run(rules, settings, &file, browser);
    let query_start = Instant::now();
    let combined = rules.combined_query(file.language);
    let matches = combined.map(|c| collect_matches(c, &tree, &file.text, &runs)).unwrap_or_default();
    outcome.timings.query = query_start.elapsed();
    let (mut findings, over_budget) = run_rules(&view, rules, &runs, combined, &matches, &mut outcome);
    drop_rust_test_items(&view, &mut findings);
    outcome.result.browser_code = facts.judged_browser_code();
    // A file over its budget is left out of the project index: its facts
    // could be partial.
    let indexing = indexing && !over_budget;

    let index_start = Instant::now();
    let mut index = indexing.then(|| project_facts(&view, rules, browser, &mut outcome.result.notifications));
    outcome.timings.index = index_start.elapsed();

    let suppressions = apply_suppressions(&view, &mut findings, indexing, &mut outcome.result.notifications);
    fill_snippets(&file, &mut findings);
    if let Some(index) = &mut index {
        if !suppressions.is_empty() {
            let rare = index.rare_mut();
            rare.suppression_columns = suppressions.iter().map(|s| suppression_column(&file, s.comment_line)).collect();
            rare.suppressions = suppressions;
        }
        index.shrink_to_fit();
    }
    outcome.result.index = index;
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    outcome.timings.rules = rules_start.elapsed().saturating_sub(outcome.timings.index);
    outcome.result.findings = findings;
    outcome
}

/// Generated code can nest thousands of levels deep; tree-sitter finds a
/// node's parent by descending from the root, so the rules' ancestor checks
/// would take quadratic time on it. Such files are parsed but not analysed,
/// and say so. Only files with very long lines are measured: by the node
/// index, which learns the depth as it is built, or else by a walk.
fn too_deep(file: &SourceFile, tree: &Tree, index: Option<&lang::NodeIndex<'_>>) -> Option<Notification> {
    let deep = || match index {
        Some(index) => index.depth_exceeds(MAX_NESTING),
        None => lang::depth_exceeds(tree.root_node(), MAX_NESTING),
    };
    (has_long_line(&file.text) && deep()).then(|| Notification {
        path: file.path.to_string(),
        kind: NotificationKind::TooDeep,
        message: format!("code nested more than {MAX_NESTING} levels deep (generated or minified?); skipped"),
        position: None,
    })
}

/// The note for a file the parser had to recover from, at the first error.
fn syntax_error(file: &SourceFile, tree: &Tree) -> Option<Notification> {
    let root = tree.root_node();
    if !root.has_error() {
        return None;
    }
    let first = lang::descendants(root).find(|n| n.is_error() || n.is_missing());
    Some(Notification {
        path: file.path.to_string(),
        kind: NotificationKind::SyntaxError,
        message: "syntax error; analysed as far as the parser recovered".into(),
        position: first.map(|n| file.position(n.start_byte())),
    })
}

/// Which rules of the set run on this file, by index: active, for its
/// language, for browser code when it is some, and not ignored for its path.
fn rules_that_run(rules: &RuleSet, settings: &Settings, file: &SourceFile, browser: bool) -> Vec<bool> {
    let family = file.language.family();
    (0..rules.rules().len())
        .map(|index| {
            settings.rules.iter().any(|a| a.index == index)
                && rules.metas()[index].languages.contains(&family)
                && (!browser || rules.metas()[index].judges_browser_code)
                && !settings.ignored_in(rules.rules()[index].id, &file.path)
        })
        .collect()
}

/// Runs each rule that runs on the file inside `catch_unwind`, with its
/// matches of the combined query, timing each. Gives the findings and
/// whether the file's budget ran out (the rules after that point did not
/// run).
fn run_rules<'a>(
    view: &FileView<'a>,
    rules: &RuleSet,
    runs: &[bool],
    combined: Option<&'a CombinedQuery>,
    matches: &'a [Vec<Match<'a>>],
    outcome: &mut FileOutcome,
) -> (Vec<Finding>, bool) {
    let (file, settings) = (view.file, view.settings);
    outcome.rule_times = vec![Duration::ZERO; rules.rules().len()];
    let mut findings = Vec::new();
    // One reading of the clock per rule: the end of one rule is the start
    // of the next, and the deadline is checked against it.
    let mut clock = Instant::now();
    for active in &settings.rules {
        let rule = rules.rules()[active.index];
        if !runs[active.index] {
            continue;
        }
        if deadline::passed_at(clock) {
            outcome.result.notifications.push(timed_out(
                file,
                settings,
                &format!("checking it, before rule `{}`", rule.id),
            ));
            return (findings, true);
        }
        let context = FileContext {
            view: *view,
            rule: rule.id,
            level: active.level,
            options: &active.options,
            query: combined.map(|c| &c.query),
            matches: matches.get(active.index).map_or(&[], Vec::as_slice),
        };
        let mut rule_findings = Vec::new();
        let result = guarded(|| {
            if let Some(check) = rule.check {
                check(&context, &mut rule_findings);
            }
        });
        let now = Instant::now();
        outcome.rule_times[active.index] = now - clock;
        clock = now;
        match result {
            Ok(()) => findings.append(&mut rule_findings),
            Err(payload) if payload.is::<deadline::OverBudget>() => {
                outcome.result.notifications.push(timed_out(file, settings, &format!("rule `{}`", rule.id)));
                return (findings, true);
            }
            Err(_) => outcome.result.notifications.push(internal_error(file, rule.id)),
        }
    }
    (findings, false)
}

/// Test code is test code for every rule: in Rust, the items under
/// `#[cfg(test)]` or marked `#[test]` are tests wherever the file is.
fn drop_rust_test_items(view: &FileView<'_>, findings: &mut Vec<Finding>) {
    let file = view.file;
    if file.language.family() != lang::Family::Rust || findings.is_empty() {
        return;
    }
    let attributes = view.facts.node_index(file.language, view.tree).of_kinds(&["attribute_item"]);
    let tests = lang::rust::test_item_ranges(attributes, &file.text);
    if !tests.is_empty() {
        findings.retain(|f: &Finding| !tests.iter().any(|range| range.contains(&f.location.bytes.start)));
    }
}

/// The file's project facts, from the nodes the traversal collected, with
/// the summaries the active project checks read. A front-end file's
/// functions are not summarised and its loops not followed: no server rule
/// judges them; its imports still count. Test files' summaries are not
/// filled either: no rule reports their loops, and production code does
/// not call into them.
fn project_facts(
    view: &FileView<'_>,
    rules: &RuleSet,
    browser: bool,
    notifications: &mut Vec<Notification>,
) -> crate::project::FileIndex {
    let (file, tree, settings) = (view.file, view.tree, view.settings);
    let family = file.language.family();
    let kinds = if browser { crate::project::browser_index_kinds(family) } else { crate::project::index_kinds(family) };
    let node_index = view.facts.node_index(file.language, tree);
    let nodes = node_index.of_kinds(&kinds);
    let mut index = crate::project::extract_with(file, node_index, nodes, view.facts.file_functions());
    use crate::project::performs;
    type Fill = fn(&FileView<'_>, &mut crate::project::FileIndex);
    // Each fact, filled when an active project check reads it.
    let fills: [(bool, Fill); 10] = [
        (crate::rules::needs_performs(rules, settings), performs::fill),
        (crate::rules::needs_routes(rules, settings), performs::fill_routes),
        (crate::rules::needs_shapes(rules, settings), performs::fill_shapes),
        (crate::rules::needs_panics(rules, settings), performs::fill_panics),
        (crate::rules::needs_connections(rules, settings), performs::fill_connections),
        (crate::rules::needs_handlers(rules, settings), performs::fill_handlers),
        (crate::rules::needs_digests(rules, settings), performs::fill_digests),
        (crate::rules::needs_decodes(rules, settings), performs::fill_decodes),
        (crate::rules::needs_sql_tables(rules, settings), performs::fill_sql_tables),
        (crate::rules::needs_parameter_loops(rules, settings), performs::fill_parameter_loops),
    ];
    if !fills.iter().any(|(needed, _)| *needed) || view.is_test() || browser {
        return index;
    }
    // The shared knowledge runs here outside any rule: a panic in it
    // leaves the summaries empty instead of losing the file.
    let filled = guarded(|| {
        for (_, fill) in fills.iter().filter(|(needed, _)| *needed) {
            fill(view, &mut index);
        }
    });
    if let Err(payload) = filled {
        crate::project::performs::clear(&mut index);
        notifications.push(if payload.is::<deadline::OverBudget>() {
            timed_out(file, settings, "summarising its functions")
        } else {
            internal_error(file, "project-index")
        });
    }
    index
}

/// Drops the findings that a suppression comment covers and, when asked,
/// reports the suppressions nothing used. Suppressions of project rules are
/// applied (and reported unused) after the join when the file is indexed.
/// Gives the file's suppressions, with what they covered.
fn apply_suppressions(
    view: &FileView<'_>,
    findings: &mut Vec<Finding>,
    indexing: bool,
    notifications: &mut Vec<Notification>,
) -> Vec<suppression::Suppression> {
    let (file, tree, settings) = (view.file, view.tree, view.settings);
    let deferred = |rule: &str| indexing && crate::rules::is_project_rule(rule);
    let comments = lang::comments_containing(file.language, tree, &file.text, suppression::MARKER);
    let mut suppressions = suppression::collect(&comments, file.language, tree, &file.text);
    findings.retain(|f| {
        let line = f.location.start.line as usize - 1;
        let mut covered = false;
        for s in suppressions.iter_mut() {
            covered |= s.covers(f.rule, line);
        }
        !covered
    });
    if settings.report_unused_suppressions {
        for s in &suppressions {
            let unused: Vec<&str> = if s.rules.is_empty() {
                if s.used[0] || indexing { vec![] } else { vec!["any rule"] }
            } else {
                s.rules
                    .iter()
                    .zip(&s.used)
                    .filter(|(r, used)| !**used && !deferred(r))
                    .map(|(r, _)| r.as_str())
                    .collect()
            };
            if !unused.is_empty() {
                notifications.push(Notification {
                    path: file.path.to_string(),
                    kind: NotificationKind::UnusedSuppression,
                    message: format!("unused suppression: no finding of {} here", unused.join(", ")),
                    position: Some(crate::diagnostic::Position {
                        line: s.comment_line as u32 + 1,
                        column: suppression_column(file, s.comment_line),
                    }),
                });
            }
        }
    }
    suppressions
}

/// The 1-based UTF-16 column of the suppression marker on a 0-based line.
fn suppression_column(file: &SourceFile, line: usize) -> u32 {
    let text = file.line_text(line);
    text.find(suppression::MARKER).map_or(1, |c| text[..c].encode_utf16().count() + 1) as u32
}

/// Each finding's fingerprint and snippet. A secret one rule found is
/// masked in every finding's snippet, not only in that rule's own (another
/// rule may report the same line).
fn fill_snippets(file: &SourceFile, findings: &mut [Finding]) {
    if findings.is_empty() {
        return;
    }
    let lines: Vec<usize> = findings.iter().map(|f| f.location.start.line as usize - 1).collect();
    let fingerprints = fingerprint::line_fingerprints(&file.text, &lines);
    let secrets: Vec<_> = findings.iter().flat_map(|f| f.redactions.iter().cloned()).collect();
    for ((finding, line), fingerprint) in findings.iter_mut().zip(lines).zip(fingerprints) {
        finding.fingerprint = fingerprint;
        finding.snippet = masked_line(file, line, &secrets);
    }
}

/// Runs the combined query once over the tree and hands each match to its
/// rule (only rules that run on this file).
fn collect_matches<'t>(combined: &CombinedQuery, tree: &'t Tree, text: &str, runs: &[bool]) -> Vec<Vec<Match<'t>>> {
    let mut per_rule: Vec<Vec<Match<'t>>> = vec![Vec::new(); runs.len()];
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&combined.query, tree.root_node(), text.as_bytes());
    while let Some(m) = matches.next() {
        let (rule, pattern_index) = combined.owners[m.pattern_index];
        if runs[rule] {
            per_rule[rule]
                .push(Match { pattern_index, captures: m.captures().iter().map(|c| (c.index, c.node)).collect() });
        }
    }
    per_rule
}

/// The text of 0-based `line`, with every redacted byte range on it masked:
/// its first four characters kept, the rest replaced by `****`.
fn masked_line(file: &SourceFile, line: usize, redactions: &[std::ops::Range<usize>]) -> String {
    let text = file.line_text(line);
    let line_start = file.line_start(line);
    if redactions.is_empty() {
        return text.to_string();
    }
    let line_end = line_start + text.len();
    let mut out = String::new();
    let mut cursor = line_start;
    let mut ranges: Vec<_> = redactions.iter().filter(|r| r.start < line_end && r.end > line_start).cloned().collect();
    ranges.sort_by_key(|r| r.start);
    for range in ranges {
        // Widened to whole characters: a secret's range never cuts one.
        let start = file.text.floor_char_boundary(range.start.max(cursor));
        let end = file.text.ceil_char_boundary(range.end.min(line_end));
        if start >= end {
            continue;
        }
        out.push_str(&file.text[cursor..start]);
        out.push_str(&mask(&file.text[start..end]));
        cursor = end;
    }
    out.push_str(&file.text[cursor..line_end]);
    out
}

/// Masks a secret: its first four characters, then `****`.
pub fn mask(secret: &str) -> String {
    let keep: String = secret.chars().take(4).collect();
    format!("{keep}****")
}

/// Runs a rule's check (or shared knowledge outside any rule) inside
/// `catch_unwind`, with the panic hook quiet (see [`install_panic_hook`])
/// and the file's time budget armed (see [`deadline`]).
fn guarded<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    IN_RULE.with(|flag| flag.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| deadline::armed(f)));
    IN_RULE.with(|flag| flag.set(false));
    result
}

/// The notification for a file whose budget (`--timeout`) ran out while `doing`.
fn timed_out(file: &SourceFile, settings: &Settings, doing: &str) -> Notification {
    let budget = settings.timeout.map_or(0, |t| t.as_secs());
    Notification {
        path: file.path.to_string(),
        kind: NotificationKind::TimedOut,
        message: format!(
            "took longer than the {budget} s budget (--timeout) {doing}; the rest of its analysis was skipped"
        ),
        position: None,
    }
}

/// The notification for a rule (or the project index) that panicked on
/// `file`. It names where in backlint's code the panic happened, never the
/// panic's message: that can quote the file's text (a string slice that cut a
/// character quotes the string), and the string may be a secret.
fn internal_error(file: &SourceFile, rule: &str) -> Notification {
    let at = PANIC_AT.with(|at| at.take()).map(|at| format!(" (panic at {at})")).unwrap_or_default();
    Notification {
        path: file.path.to_string(),
        kind: NotificationKind::InternalError,
        message: format!(
            "internal error in rule `{rule}`{at}: its findings for this file are lost, other rules' are kept; please report it"
        ),
        position: None,
    }
}

thread_local! {
    static IN_RULE: Cell<bool> = const { Cell::new(false) };
    /// Where the last panic inside a rule happened on this thread.
    static PANIC_AT: Cell<Option<String>> = const { Cell::new(None) };
}

/// Keeps the default panic message off stderr for panics inside rules (they
/// are reported as notifications instead, see [`internal_error`]) and
/// records where they happened; other panics print as usual.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_RULE.with(Cell::get) {
                let at = info.location().map(|l| format!("{}:{}", code_path(l.file()), l.line()));
                PANIC_AT.with(|cell| cell.set(at));
            } else {
                previous(info);
            }
        }));
    });
}

/// A source path of backlint or of a dependency, without the folders of the
/// machine it was built on: `src/rules/x.rs`, `sqlparser-0.59.0/src/parser/mod.rs`.
fn code_path(file: &str) -> &str {
    // A dependency: `<cargo home>/registry/src/<index>/<crate>-<version>/...`.
    if let Some((_, rest)) = file.rsplit_once("/registry/src/") {
        return rest.split_once('/').map_or(rest, |(_, in_crate)| in_crate);
    }
    // Another absolute path (the standard library's): from the folder above `src/`.
    if file.starts_with('/')
        && let Some(src) = file.rfind("/src/")
    {
        let folder = file[..src].rfind('/').map_or(0, |slash| slash + 1);
        return &file[folder..];
    }
    file
}

#[cfg(test)]
mod tests {
    use super::{LONG_LINE, code_path, has_long_line};

    #[test]
    fn long_lines_are_found_wherever_they_are() {
        let long = "x".repeat(LONG_LINE + 1);
        let exact = "x".repeat(LONG_LINE);
        for (text, expected) in [
            (format!("{exact}\n{exact}\n{exact}"), false),
            (format!("{long}\nshort"), true),
            (format!("short\n{long}"), true),
            (format!("a\n{long}\nb"), true),
            (format!("{exact}\n\n\n"), false),
            (long.clone(), true),
            (exact.clone(), false),
        ] {
            assert_eq!(has_long_line(&text), expected);
            assert_eq!(text.split('\n').any(|line| line.len() > LONG_LINE), expected);
        }
    }

    #[test]
    fn panic_locations_leave_out_the_build_machines_folders() {
        assert_eq!(code_path("src/rules/hardcoded_secret.rs"), "src/rules/hardcoded_secret.rs");
        assert_eq!(
            code_path("/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/sqlparser-0.59.0/src/parser/mod.rs"),
            "sqlparser-0.59.0/src/parser/mod.rs"
        );
        assert_eq!(code_path("/rustc/abc/library/core/src/str/mod.rs"), "core/src/str/mod.rs");
    }
}
