//! The command line: `check`, `rules`, `explain`, `init`, `handlers`, `graph`. Maps every outcome
//! to an exit code: 0 clean, 1 findings at or above `--fail-on`, 2 usage,
//! config or I/O error. A closed output pipe ends the program quietly.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::baseline::Baseline;
use crate::config::{self, Overrides, Settings};
use crate::diagnostic::{Level, NotificationKind};
use crate::diff_filter::ChangedLines;
use crate::lang;
use crate::report::{self, Format, TextOptions};
use crate::rules::RuleSet;
use crate::scan::{self, ScanOptions};
use crate::walk;

/// Finds the red flags of backend code in Python, TypeScript/JavaScript and Rust:
/// SQL built from strings, TLS checks turned off, secrets and URLs in code, and more.
#[derive(Parser, Debug)]
#[command(name = "backlint", version, about, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Scan files and folders (default: the current folder) and report findings.
    Check(Box<CheckArgs>),
    /// List the rules: id, category, languages, default level.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print a rule's documentation.
    Explain {
        /// The rule id, e.g. `tls-verification-disabled`.
        rule: String,
    },
    /// List the route handlers backlint recognises (path:line, framework, method, route, function).
    Handlers {
        /// Files or folders to scan (default: the current folder).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Draw the module graph (collapsed to top-level packages or the declared layers) with cycles and layer violations.
    Graph {
        /// Files or folders to scan (default: the current folder).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = crate::graph_cmd::GraphFormat::Dot)]
        format: crate::graph_cmd::GraphFormat,
        /// Collapse modules to this many name segments [default: the declared layers, else the deepest level with at most 40 groups].
        #[arg(long, value_name = "N")]
        depth: Option<usize>,
    },
    /// What each route's request does across modules: handler, calls, queries and outbound HTTP, as text or Mermaid.
    Flow {
        /// Files or folders to scan (default: the current folder).
        paths: Vec<PathBuf>,
        /// Only this route (`/orders/:id`, or with its method: `GET /orders/:id`).
        #[arg(long, value_name = "ROUTE")]
        route: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = crate::flow_cmd::FlowFormat::Text)]
        format: crate::flow_cmd::FlowFormat,
        /// Follow calls this many modules deep.
        #[arg(long, value_name = "N", default_value_t = 8)]
        max_hops: usize,
    },
    /// Write a commented `backlint.toml` with the defaults.
    Init {
        /// Folder to write it in.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Note,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Files or folders to scan. Named files are always scanned, even when ignored.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also write SARIF to FILE, whatever --format is.
    #[arg(long, value_name = "FILE")]
    sarif_output: Option<PathBuf>,
    /// Use this config file instead of searching for one.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Run only these rules (comma-separated ids; replaces the config's `select`).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    select: Option<Vec<String>>,
    /// Do not run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    ignore: Vec<String>,
    /// Leave out paths matching GLOB (repeatable; adds to the config's `exclude`).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Skip files larger than BYTES [default: 2097152].
    #[arg(long, value_name = "BYTES")]
    max_file_size: Option<u64>,
    /// Seconds one file may take to parse and check before it is reported as `timed-out` (0: no limit) [default: 5].
    #[arg(long, value_name = "SECONDS")]
    timeout: Option<u64>,
    /// Exit with 1 when a finding is at or above this level [default: warning].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Exit with 0 even when there are findings.
    #[arg(long)]
    exit_zero: bool,
    /// Number of threads [default: number of CPUs].
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Print findings only: no notes, no summary.
    #[arg(short, long)]
    quiet: bool,
    /// Print the number of findings per rule instead of the findings (a table, or JSON with --format json).
    #[arg(long)]
    statistics: bool,
    /// Print where the time went (walking, parsing, rules, reporting) on standard error.
    #[arg(long)]
    stats: bool,
    /// Follow symbolic links (loops are detected and reported).
    #[arg(long)]
    follow_symlinks: bool,
    /// Also list the files that were analysed despite syntax errors or invalid UTF-8 (counted in the summary).
    #[arg(long)]
    show_notes: bool,
    /// Report suppression comments that suppress nothing.
    #[arg(long)]
    report_unused_suppressions: bool,
    /// When to use colours in text output (never with NO_COLOR set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Report only findings that are not in the baseline FILE (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write every finding of this scan to the baseline FILE (sorted JSON) and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// With --baseline: also list the baseline's findings that no longer occur, so the file can shrink.
    #[arg(long, requires = "baseline")]
    report_fixed_baseline: bool,
    /// Do not read or write the content cache.
    #[arg(long, env = "BACKLINT_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    no_cache: bool,
    /// Keep the content cache in DIR [default: the config's `cache-dir`, else `.backlint_cache` at the scan root].
    #[arg(long, value_name = "DIR", env = "BACKLINT_CACHE_DIR")]
    cache_dir: Option<PathBuf>,
    /// Report only findings on lines changed since the merge base with the git revision REF (and in untracked files).
    #[arg(long, value_name = "REF", alias = "changed-since")]
    diff: Option<String>,
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(*args),
        Command::Rules { format } => list_rules(format).map(|()| ExitCode::SUCCESS),
        Command::Explain { rule } => explain(&rule),
        Command::Init { path, force } => init(&path, force),
        Command::Graph { paths, format, depth } => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            crate::graph_cmd::run(&paths, format, depth, &mut out)
                .and_then(|()| out.flush().map_err(Into::into))
                .map(|()| ExitCode::SUCCESS)
        }
        Command::Flow { paths, route, format, max_hops } => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            crate::flow_cmd::run(&paths, route.as_deref(), format, max_hops, &mut out)
                .and_then(|()| out.flush().map_err(Into::into))
                .map(|()| ExitCode::SUCCESS)
        }
        Command::Handlers { paths, format } => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            crate::handlers_cmd::run(&paths, matches!(format, ListFormat::Json), &mut out)
                .and_then(|()| out.flush().map_err(Into::into))
                .map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("backlint: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

fn check(args: CheckArgs) -> Result<ExitCode> {
    let walk::Inputs { root, paths, config_start } = walk::Inputs::resolve(&args.paths).map_err(anyhow::Error::msg)?;

    let rules = RuleSet::all();
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        exclude: args.exclude.clone(),
        max_file_size: args.max_file_size,
        timeout: args.timeout,
        fail_on: args.fail_on.map(|f| match f {
            FailOn::Error => Level::Error,
            FailOn::Warning => Level::Warning,
            FailOn::Note => Level::Note,
        }),
        report_unused_suppressions: args.report_unused_suppressions,
    };
    let mut settings = Settings::load(&rules, &config_start, args.config.as_deref(), &overrides)?;
    settings.anchor_at(&root);

    check_outputs(&args, &paths)?;
    if args.statistics && !matches!(args.format, Format::Text | Format::Json) {
        let name = args.format.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
        bail!("--statistics prints a table, or JSON with --format json: not --format {name}");
    }
    // A baseline that cannot be read, or a diff that cannot be taken, is a
    // usage error before any scanning.
    let baseline = args.baseline.as_deref().map(Baseline::read).transpose()?;
    let changed = args.diff.as_deref().map(|r| ChangedLines::since(&root, r)).transpose()?;
    let jobs = args.jobs.unwrap_or_else(scan::default_jobs).max(1);
    let cache_dir = (!args.no_cache).then(|| {
        args.cache_dir
            .clone()
            .or_else(|| settings.cache_dir.clone())
            .unwrap_or_else(|| root.join(crate::cache::DEFAULT_DIR))
    });
    let mut report = scan::scan(
        &root,
        &paths,
        &rules,
        &settings,
        ScanOptions {
            jobs,
            follow_symlinks: args.follow_symlinks,
            progress: !args.quiet && io::stderr().is_terminal(),
            cache_dir: cache_dir.as_deref(),
        },
    );
    if !args.quiet {
        for warning in &report.cache_warnings {
            eprintln!("backlint: warning: {}", report::printable(warning));
        }
    }
    if let Some(path) = &args.write_baseline {
        let written = Baseline::of(&report.findings);
        write_file(path, |out| out.write_all(written.to_json().as_bytes()))?;
        let n = written.findings.len();
        eprintln!("backlint: wrote {n} finding{} to the baseline `{}`", if n == 1 { "" } else { "s" }, path.display());
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(changed) = &changed {
        let before = report.findings.len();
        report.findings.retain(|f| changed.touches(f));
        report.summary.outside_diff = before - report.findings.len();
    }
    if let Some(baseline) = &baseline {
        let before = report.findings.len();
        let fixed = baseline.filter(&mut report.findings);
        report.summary.baselined = before - report.findings.len();
        if args.report_fixed_baseline {
            for entry in &fixed {
                eprintln!(
                    "backlint: fixed since the baseline: [{}] {}: {}",
                    entry.rule,
                    crate::report::printable_snippet(&entry.path),
                    entry.snippet
                );
            }
            if !fixed.is_empty() {
                eprintln!(
                    "backlint: {} baseline entr{} no longer occur: write the baseline again to drop them",
                    fixed.len(),
                    if fixed.len() == 1 { "y" } else { "ies" }
                );
            }
        }
    }

    let report_start = Instant::now();
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = !no_color
        && match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => to_terminal,
        };
    let text = TextOptions { color, timing: to_terminal, quiet: args.quiet, show_notes: args.show_notes };
    let write_report = |out: &mut dyn Write| {
        if args.statistics {
            report::statistics::write(&report, args.format == Format::Json, out)
        } else {
            report::write(args.format, &report, &rules, text, out)
        }
    };
    match &args.output {
        Some(path) => write_file(path, write_report)?,
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            write_report(&mut out).and_then(|()| out.flush()).context("cannot write to standard output")?;
        }
    }
    if let Some(path) = &args.sarif_output {
        write_file(path, |out| report::write(Format::Sarif, &report, &rules, text, out))?;
    }
    if args.stats {
        print_stats(&report.summary, &rules, jobs, report_start.elapsed());
    }
    let internal = report.notifications.iter().filter(|n| n.kind == NotificationKind::InternalError).count();
    if internal > 0 {
        let plural = if internal == 1 { "" } else { "s" };
        eprintln!("backlint: error: {internal} internal error{plural}: some findings are missing from the report");
    }
    Ok(ExitCode::from(exit_code(&report, settings.fail_on, args.exit_zero)))
}

/// Refuses outputs that would lose data: a report written over a file the
/// scan reads, or `--output` and `--sarif-output` naming the same file (one
/// would silently replace the other).
fn check_outputs(args: &CheckArgs, inputs: &[PathBuf]) -> Result<()> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    // Symbolic links resolved where the path exists, so that two names of one
    // file compare equal.
    let resolve = |path: &Path| {
        let path = walk::normalize(&cwd, path);
        std::fs::canonicalize(&path).unwrap_or(path)
    };
    let outputs: Vec<&PathBuf> = [args.output.as_ref(), args.sarif_output.as_ref()].into_iter().flatten().collect();
    if let [output, sarif] = outputs[..]
        && resolve(output) == resolve(sarif)
    {
        bail!("--output and --sarif-output both name `{}`: give them different files", output.display());
    }
    let inputs: Vec<PathBuf> = inputs.iter().map(|p| resolve(p)).collect();
    for output in outputs {
        let target = resolve(output);
        let scanned = inputs.iter().any(|input| {
            *input == target || (target.starts_with(input) && lang::Language::from_path(&target).is_some())
        });
        if scanned {
            bail!("`{}` is a file this scan reads: writing the report there would replace it", output.display());
        }
    }
    Ok(())
}

/// Writes a report to `path` through a temporary file in the same folder,
/// renamed over `path` once complete: a failed or interrupted run never
/// leaves half a report. A path that exists and is not a regular file
/// (`/dev/stdout`, a FIFO) is written directly. Errors name the file.
fn write_file(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let context = || format!("cannot write `{}`", path.display());
    let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file());
    if special {
        let mut out = BufWriter::new(File::create(path).with_context(context)?);
        return write(&mut out).and_then(|()| out.flush()).with_context(context);
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // The report keeps the permissions of the file it replaces; a new one
    // gets the usual 0644 (a temporary file would be private).
    let mut builder = tempfile::Builder::new();
    match std::fs::metadata(path) {
        Ok(existing) => {
            builder.permissions(existing.permissions());
        }
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        #[cfg(not(unix))]
        Err(_) => {}
    }
    let temp = builder.tempfile_in(folder).with_context(context)?;
    let mut out = BufWriter::new(temp);
    write(&mut out).and_then(|()| out.flush()).with_context(context)?;
    let temp = out.into_inner().map_err(|e| e.into_error()).with_context(context)?;
    temp.persist(path).map_err(|e| e.error).with_context(context)?;
    Ok(())
}

/// The exit code of `check`: 2 when the report is incomplete (an internal
/// error is a tool error, whatever the report holds, even under
/// `--exit-zero`), 1 when a finding is at or above `fail_on`, else 0.
fn exit_code(report: &scan::ScanReport, fail_on: Level, exit_zero: bool) -> u8 {
    if report.notifications.iter().any(|n| n.kind == NotificationKind::InternalError) {
        2
    } else if !exit_zero && report.findings.iter().any(|f| f.level >= fail_on) {
        1
    } else {
        0
    }
}

/// `--stats`: where the time went, on standard error.
fn print_stats(s: &scan::Summary, rules: &RuleSet, jobs: usize, report: std::time::Duration) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    eprintln!("backlint: stats: {} files on {jobs} threads; total {:.1} ms", s.files_scanned, ms(s.elapsed + report));
    if s.cached > 0 {
        eprintln!("  cached  {:>9} files (answered from the content cache)", s.cached);
    }
    eprintln!("  walk    {:>9.1} ms", ms(s.walk_time));
    eprintln!("  parse   {:>9.1} ms (summed over threads)", ms(s.timings.parse));
    eprintln!(
        "  rules   {:>9.1} ms (summed over threads), of which the node index {:.1} ms and the combined query {:.1} ms",
        ms(s.timings.rules),
        ms(s.timings.node_index),
        ms(s.timings.query)
    );
    let mut by_rule: Vec<(std::time::Duration, &str)> =
        s.rule_times.iter().enumerate().map(|(i, t)| (*t, rules.rules()[i].id)).filter(|(t, _)| !t.is_zero()).collect();
    by_rule.sort_by(|a, b| b.cmp(a));
    for (time, id) in by_rule {
        eprintln!("    {:>9.1} ms  {id}", ms(time));
    }
    eprintln!("  index   {:>9.1} ms (project facts, summed over threads)", ms(s.timings.index));
    eprintln!("  project {:>9.1} ms (joining the index, resolving imports, project rules)", ms(s.project_time));
    eprintln!("  report  {:>9.1} ms", ms(report));
}

fn list_rules(format: ListFormat) -> Result<()> {
    let rules = RuleSet::all();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        ListFormat::Text => {
            writeln!(out, "{:<30} {:<13} {:<26} LEVEL", "ID", "CATEGORY", "LANGUAGES")?;
            for meta in rules.metas() {
                writeln!(
                    out,
                    "{:<30} {:<13} {:<26} {}",
                    meta.id,
                    meta.category.as_str(),
                    meta.languages_label(),
                    meta.level
                )?;
            }
        }
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules
                .metas()
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "id": m.id,
                        "name": m.name,
                        "summary": m.summary,
                        "category": m.category,
                        "languages": m.languages,
                        "level": m.level,
                        "cwe": m.cwe,
                        "precision": m.precision,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn explain(id: &str) -> Result<ExitCode> {
    let rules = RuleSet::all();
    let Some(index) = rules.index_of(id) else {
        let known: Vec<&str> = rules.rules().iter().map(|r| r.id).collect();
        bail!("unknown rule `{id}`; known rules: {}", known.join(", "));
    };
    let meta = &rules.metas()[index];
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    writeln!(out, "# {} ({})\n", meta.name, meta.id)?;
    let cwe: Vec<String> = meta.cwe.iter().map(|c| format!("CWE-{c}")).collect();
    writeln!(
        out,
        "Category: {}. Default level: {}. Languages: {}.{}\n",
        meta.category.as_str(),
        meta.level,
        meta.languages_label(),
        if cwe.is_empty() { String::new() } else { format!(" {}.", cwe.join(", ")) }
    )?;
    write!(out, "{}", meta.body)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn init(folder: &Path, force: bool) -> Result<ExitCode> {
    let path = folder.join("backlint.toml");
    if path.exists() && !force {
        bail!("`{}` already exists (use --force to overwrite)", path.display());
    }
    std::fs::write(&path, config::INIT_TEMPLATE).with_context(|| format!("cannot write `{}`", path.display()))?;
    println!("wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Notification;

    fn report_with(kind: NotificationKind) -> scan::ScanReport {
        scan::ScanReport {
            root: PathBuf::from("/project"),
            findings: Vec::new(),
            notifications: vec![Notification {
                path: "a.py".into(),
                kind,
                message: "internal error in rule `x`".into(),
                position: None,
            }],
            summary: scan::Summary::default(),
            project: None,
            cache_warnings: Vec::new(),
        }
    }

    #[test]
    fn an_internal_error_exits_with_2_even_under_exit_zero() {
        assert_eq!(exit_code(&report_with(NotificationKind::InternalError), Level::Warning, false), 2);
        assert_eq!(exit_code(&report_with(NotificationKind::InternalError), Level::Warning, true), 2);
        assert_eq!(exit_code(&report_with(NotificationKind::Binary), Level::Warning, false), 0);
    }

    #[test]
    fn an_internal_error_is_an_error_line_in_every_one_line_format_even_when_quiet() {
        let report = report_with(NotificationKind::InternalError);
        let rules = RuleSet::all();
        let quiet = TextOptions { quiet: true, ..TextOptions::default() };
        let mut lines = Vec::new();
        for format in [Format::Concise, Format::Github, Format::Text] {
            let mut out = Vec::new();
            report::write(format, &report, &rules, quiet, &mut out).unwrap();
            lines.push(String::from_utf8(out).unwrap());
        }
        assert_eq!(
            lines,
            [
                "a.py:1:1: error: internal error in rule `x` [internal-error]\n",
                "::error file=a.py,line=1,title=backlint internal-error::internal error in rule `x`\n",
                "error: a.py: internal error in rule `x` [internal-error]\n",
            ]
        );
    }
}
