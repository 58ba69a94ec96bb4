//! The project-level part of rules: what a rule's [`ProjectCheck`] sees
//! ([`ProjectContext`]), what the active checks need collected per file
//! (the index, what functions perform, routes), and running them on the
//! joined project ([`run_project_checks`]).
//!
//! A rule declares a per-file check, a project check, or both (see
//! [`Rule`]); this module asks the rules what they read instead of naming
//! rule ids.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::Settings;
use crate::diagnostic::{Finding, Level, Location, Notification, NotificationKind, Position};
use crate::lang::Language;
use crate::project::{Edge, FileIndex, FunctionFact, Project, RouteFact};
use crate::rules::{Rule, RuleSet};
use crate::source::SourceFile;

/// A check that runs once per scan on the joined project.
pub type ProjectCheckFn = fn(&ProjectContext<'_>, &mut Vec<Finding>);

/// The project-level part of a rule, and what of the per-file facts it reads.
#[derive(Clone, Copy)]
pub struct ProjectCheck {
    pub check: ProjectCheckFn,
    /// Test files' facts (their imports, functions or loops). When no
    /// active check reads them, test files are not indexed.
    pub reads_tests: bool,
    /// What each function performs (data access, connections, HTTP): filling
    /// it costs the database knowledge's per-file analysis.
    pub reads_performs: bool,
    /// The routes registered with handlers of other modules.
    pub reads_routes: bool,
    /// The shape of each function's body (`lang::handlers::shape`), to judge
    /// a handler routed from another file.
    pub reads_shapes: bool,
    /// The panic sites of each Rust function's body
    /// (`lang::handlers::panics`), to judge a handler routed from another file.
    pub reads_panics: bool,
    /// The connections each function's body opens
    /// (`lang::handlers::connections`), to judge a handler routed from
    /// another file.
    pub reads_connections: bool,
    /// Each file's own route handlers (`FileIndex::handlers`), to follow
    /// their calls into other modules.
    pub reads_handlers: bool,
    /// The parameters functions hash with a fast digest and the calls that
    /// pass passwords (`FunctionFact::digests`, `WrapperFacts::password_calls`).
    pub reads_digests: bool,
    /// The decode wrappers, the functions that verify tokens and the calls
    /// that pass tokens (`WrapperFacts::decode_wrappers`, `WrapperFacts::token_calls`,
    /// `FunctionFact::verifies_token`).
    pub reads_decodes: bool,
    /// The tables each file's SQL names, and whether it only writes them
    /// (`RareFacts::sql_tables`, `RareFacts::writes_only`).
    pub reads_sql_tables: bool,
    /// The loops over parameters and the written-out collections calls hand
    /// (`RareFacts::parameter_loops`, `RareFacts::literal_arguments`).
    pub reads_parameter_loops: bool,
    /// Revises the findings of the rule's own file check once the project
    /// is joined: drops those the whole project shows to be wrong.
    pub revise: Option<ProjectCheckFn>,
}

impl ProjectCheck {
    /// A check that reads none of the optional facts; a rule's check sets
    /// its function and what it reads over this (`..ProjectCheck::READS_NOTHING`).
    pub const READS_NOTHING: ProjectCheck = ProjectCheck {
        check: |_, _| {},
        reads_tests: false,
        reads_performs: false,
        reads_routes: false,
        reads_shapes: false,
        reads_panics: false,
        reads_connections: false,
        reads_handlers: false,
        reads_digests: false,
        reads_decodes: false,
        reads_sql_tables: false,
        reads_parameter_loops: false,
        revise: None,
    };
}

/// What a project check sees.
pub struct ProjectContext<'a> {
    pub project: &'a Project,
    pub settings: &'a Settings,
    pub rule: &'static str,
    pub level: Level,
    pub options: &'a toml::Table,
}

/// A function that a route of another file names, as the handler rules
/// judge it in the join.
pub struct RoutedHandler<'a> {
    /// The file that defines the function, and the function's place in it
    /// (`project.files[at.0].functions[at.1]`).
    pub file: &'a FileIndex,
    pub at: (usize, usize),
    pub function: &'a FunctionFact,
    /// The registration.
    pub route: &'a RouteFact,
    /// The route as users read it (`POST /orders`).
    pub served: String,
}

impl RoutedHandler<'_> {
    /// `finding` with the registration as a related location.
    pub fn with_registration(&self, finding: Finding) -> Finding {
        finding.with_related(self.route.location.clone(), format!("the route {} is registered here", self.served))
    }
}

impl<'a> ProjectContext<'a> {
    /// The functions routes of other files name, each once, leaving out
    /// test code and the files `skip` says (see `Project::routed_functions`).
    pub fn routed_handlers(&self, skip: impl Fn(&str) -> bool) -> Vec<RoutedHandler<'a>> {
        let project = self.project;
        let tests = &self.settings.layers.tests;
        project
            .routed_functions(|path| tests.is_match(path) || skip(path))
            .into_iter()
            .map(|(i, r, fi, k)| RoutedHandler {
                file: &project.files[fi],
                at: (fi, k),
                function: &project.files[fi].functions[k],
                route: &project.files[i].rare().routes[r],
                served: project.describe_route(i, r),
            })
            .collect()
    }
}

impl ProjectContext<'_> {
    pub fn option_bool(&self, name: &str, default: bool) -> bool {
        self.options.get(name).and_then(toml::Value::as_bool).unwrap_or(default)
    }

    pub fn option_int(&self, name: &str, default: i64) -> i64 {
        self.options.get(name).and_then(toml::Value::as_integer).unwrap_or(default)
    }

    /// A finding of this rule at `location` (its snippet and fingerprint are
    /// read back after the checks, see [`run_project_checks`]).
    pub fn finding_at(&self, location: Location, message: impl Into<String>) -> Finding {
        Finding::new(self.rule, self.level, location, message)
    }

    /// A finding of this rule at the import of a resolved edge.
    pub fn finding_at_import(&self, edge: &Edge, message: impl Into<String>) -> Finding {
        self.finding_at(self.project.import_location(edge), message)
    }
}

/// The project checks of the active rules, with their rules.
fn active_checks<'r>(rules: &'r RuleSet, settings: &Settings) -> impl Iterator<Item = (&'r Rule, &'r ProjectCheck)> {
    settings.rules.iter().filter_map(|active| {
        let rule = rules.rules()[active.index];
        rule.project.as_ref().map(|check| (rule, check))
    })
}

/// Whether the rule with id `id` has a project check.
pub fn is_project_rule(id: &str) -> bool {
    crate::rules::by_id(id).is_some_and(|rule| rule.project.is_some())
}

/// Whether a scan with these settings needs the project index.
pub fn needs_index(rules: &RuleSet, settings: &Settings) -> bool {
    settings.build_index || active_checks(rules, settings).next().is_some()
}

/// Whether a file must be indexed (`is_test`: whether it is in the tests
/// layer): a project check that reads it is active (test files only for
/// checks that read tests), or the index itself was asked for (`backlint
/// graph`).
pub fn needs_index_of(rules: &RuleSet, settings: &Settings, is_test: bool) -> bool {
    if settings.build_index {
        return true;
    }
    let mut checks = active_checks(rules, settings);
    if is_test { checks.any(|(_, check)| check.reads_tests) } else { checks.next().is_some() }
}

/// Whether function summaries must say what each function performs.
pub fn needs_performs(rules: &RuleSet, settings: &Settings) -> bool {
    settings.build_flows || active_checks(rules, settings).any(|(_, check)| check.reads_performs)
}

/// Whether the index must hold the shape of each function's body.
pub fn needs_shapes(rules: &RuleSet, settings: &Settings) -> bool {
    active_checks(rules, settings).any(|(_, check)| check.reads_shapes)
}

/// Whether the index must hold the panic sites of each Rust function.
pub fn needs_panics(rules: &RuleSet, settings: &Settings) -> bool {
    active_checks(rules, settings).any(|(_, check)| check.reads_panics)
}

/// Whether the index must hold each file's own route handlers.
pub fn needs_handlers(rules: &RuleSet, settings: &Settings) -> bool {
    settings.build_flows || active_checks(rules, settings).any(|(_, check)| check.reads_handlers)
}

/// Whether the index must hold the digests of parameters and the calls
/// that pass passwords.
pub fn needs_digests(rules: &RuleSet, settings: &Settings) -> bool {
    active_checks(rules, settings).any(|(_, check)| check.reads_digests)
}

/// Whether the index must hold the decode wrappers and the calls that pass tokens.
pub fn needs_decodes(rules: &RuleSet, settings: &Settings) -> bool {
    active_checks(rules, settings).any(|(_, check)| check.reads_decodes)
}

/// Whether the index must hold the tables each file's SQL names.
pub fn needs_sql_tables(rules: &RuleSet, settings: &Settings) -> bool {
    active_checks(rules, settings).any(|(_, check)| check.reads_sql_tables)
}

/// Whether the index must hold the loops over parameters and the
/// written-out collections calls hand.
pub fn needs_parameter_loops(rules: &RuleSet, settings: &Settings) -> bool {
    active_checks(rules, settings).any(|(_, check)| check.reads_parameter_loops)
}

/// Whether the index must hold the connections each function opens.
pub fn needs_connections(rules: &RuleSet, settings: &Settings) -> bool {
    active_checks(rules, settings).any(|(_, check)| check.reads_connections)
}

/// Whether the index must hold the routes registered with handlers of
/// other modules.
pub fn needs_routes(rules: &RuleSet, settings: &Settings) -> bool {
    settings.build_flows || active_checks(rules, settings).any(|(_, check)| check.reads_routes)
}

/// Runs the active project checks on the joined project and filters their
/// findings like the engine filters file findings (per-file ignores,
/// suppressions); reports the project rules' unused suppressions.
pub fn run_project_checks(
    root: &Path,
    project: &mut Project,
    rules: &RuleSet,
    settings: &Settings,
    findings: &mut Vec<Finding>,
    notifications: &mut Vec<Notification>,
) {
    let mut found = Vec::new();
    for active in &settings.rules {
        let rule = rules.rules()[active.index];
        let Some(project_check) = &rule.project else { continue };
        let context = ProjectContext {
            project: &*project,
            settings,
            rule: rule.id,
            level: active.level,
            options: &active.options,
        };
        let mut out = Vec::new();
        (project_check.check)(&context, &mut out);
        out.retain(|f| !settings.ignored_in(f.rule, &f.location.path));
        found.append(&mut out);
        if let Some(revise) = project_check.revise {
            // The rule's file findings, taken out, revised and put back.
            let (mut own, others): (Vec<Finding>, Vec<Finding>) =
                std::mem::take(findings).into_iter().partition(|f| f.rule == rule.id);
            *findings = others;
            revise(&context, &mut own);
            findings.append(&mut own);
        }
    }
    found.retain(|f| {
        let Some(file) = project.file_at(&f.location.path) else { return true };
        let line = f.location.start.line as usize - 1;
        let mut covered = false;
        for s in project.files[file].rare.iter_mut().flat_map(|r| r.suppressions.iter_mut()) {
            covered |= s.covers(f.rule, line);
        }
        !covered
    });
    fill_snippets(root, &mut found);
    findings.append(&mut found);
    if settings.report_unused_suppressions {
        let active_project_rule = active_checks(rules, settings).next().is_some();
        for file in &project.files {
            for (s, column) in file.rare().suppressions.iter().zip(&file.rare().suppression_columns) {
                let unused: Vec<&str> = if s.rules.is_empty() {
                    if s.used[0] || !active_project_rule { vec![] } else { vec!["any rule"] }
                } else {
                    s.rules
                        .iter()
                        .zip(&s.used)
                        .filter(|(r, used)| !**used && is_project_rule(r))
                        .map(|(r, _)| r.as_str())
                        .collect()
                };
                if !unused.is_empty() {
                    notifications.push(Notification {
                        path: file.path.to_string(),
                        kind: NotificationKind::UnusedSuppression,
                        message: format!("unused suppression: no finding of {} here", unused.join(", ")),
                        position: Some(Position { line: s.comment_line as u32 + 1, column: *column }),
                    });
                }
            }
        }
    }
}

/// Reads back the source line and fingerprint of each project finding (only
/// the few files with findings are read again; none is parsed again).
fn fill_snippets(root: &Path, findings: &mut [Finding]) {
    let mut by_path: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        by_path.entry(f.location.path.to_string()).or_default().push(i);
    }
    for (path, indexes) in by_path {
        let Ok(bytes) = std::fs::read(root.join(&path)) else { continue };
        // Only lines are needed here; the language is irrelevant.
        let file = SourceFile::new(path, Language::Python, String::from_utf8_lossy(&bytes).into_owned());
        let lines: Vec<usize> = indexes.iter().map(|&i| findings[i].location.start.line as usize - 1).collect();
        let fingerprints = crate::fingerprint::line_fingerprints(&file.text, &lines);
        for ((i, line), fingerprint) in indexes.into_iter().zip(lines).zip(fingerprints) {
            findings[i].fingerprint = fingerprint;
            findings[i].snippet = file.line_text(line).to_string();
        }
    }
}
