//! `query-in-loop`: a database query executed once per iteration of a loop
//! (N+1), directly or through functions of the same file that query.
//!
//! Data-access calls come from the shared database knowledge (`lang::db`),
//! loops from `Db::enclosing_loop` (statements, comprehensions, iteration
//! callbacks), and "this function queries" from the per-file function
//! summaries, which a project index can later extend across files.
//!
//! Across files, a project check ([`PROJECT`]) reports loop calls to a
//! function of another module whose summary (from the project index) says
//! it performs data access; same-file calls stay with the file check.
//!
//! The user docs are in `rules/query-in-loop.md`.

use crate::lang::NodeExt;
use tree_sitter::Node;

use crate::diagnostic::{Finding, Location};
use crate::lang::db::{Db, Loop, call_kinds};
use crate::rules::{FileContext, ProjectCheck, ProjectContext, Rule};

pub static RULE: Rule = Rule {
    id: "query-in-loop",
    doc: include_str!("../../rules/query-in-loop.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: Some(PROJECT),
};

/// The cross-module part of the rule.
const PROJECT: ProjectCheck = ProjectCheck {
    check: check_project,
    reads_performs: true,
    reads_parameter_loops: true,
    revise: Some(drop_loops_over_handed_lists),
    ..ProjectCheck::READS_NOTHING
};

/// Drops the file findings in loops over a parameter that every caller in
/// the project hands a written-out collection (`build_rows(&pool, &[spec_a,
/// spec_b])` from two debug endpoints): the loop runs a fixed handful of
/// times. A function nobody in the project calls, a method, and one that
/// some caller hands anything else keep their findings.
fn drop_loops_over_handed_lists(ctx: &ProjectContext<'_>, findings: &mut Vec<Finding>) {
    use std::collections::{HashMap, HashSet};
    let project = ctx.project;
    if !project.files.iter().any(|f| !f.rare().parameter_loops.is_empty()) {
        return;
    }
    // The parameter loop each finding sits in, if any: (file, loop).
    let loops: Vec<Option<(usize, &crate::project::ParameterLoop)>> = findings
        .iter()
        .map(|finding| {
            let loop_start = finding.related.iter().find(|r| r.message.ends_with("starts here"))?;
            let i = project.file_at(&finding.location.path)?;
            let start = loop_start.location.bytes.start;
            Some((i, project.files[i].rare().parameter_loops.iter().find(|l| l.start == start)?))
        })
        .collect();
    // The functions those loops are in, as (module, name), and then the
    // calls of each from other files, found in one pass over the project's
    // calls (each resolved once, however many findings there are).
    let wanted: HashSet<(usize, &str)> = loops
        .iter()
        .flatten()
        .filter_map(|&(i, found)| {
            Some((project.module_of_file.get(i)?, &*project.files[i].functions[found.function].name))
        })
        .collect();
    if wanted.is_empty() {
        return;
    }
    let mut callers: HashMap<(usize, String), Vec<(usize, &str)>> = HashMap::new();
    for (j, file) in project.files.iter().enumerate() {
        for callee in file.functions.iter().flat_map(|f| &f.calls) {
            let Some((module, name)) = project.resolve_callee(j, callee) else { continue };
            if project.module_of_file.get(j) != Some(module) && wanted.contains(&(module, name.as_str())) {
                callers.entry((module, name)).or_default().push((j, callee));
            }
        }
    }
    let mut loops = loops.into_iter();
    findings.retain(|_| match loops.next().flatten() {
        Some((i, found)) => !every_caller_hands_a_list(project, i, found, &callers),
        None => true,
    });
}

/// Whether the function of `found` is called somewhere in the project and
/// every call hands a written-out collection at the loop's parameter.
/// `callers` holds the calls of the function from other files, by (module,
/// name).
fn every_caller_hands_a_list(
    project: &crate::project::Project,
    i: usize,
    found: &crate::project::ParameterLoop,
    callers: &std::collections::HashMap<(usize, String), Vec<(usize, &str)>>,
) -> bool {
    let function = &project.files[i].functions[found.function];
    if function.name.contains('.') {
        return false;
    }
    let Some(module) = project.module_of_file.get(i) else { return false };
    let bit = 1u32.checked_shl(found.parameter as u32).unwrap_or(0);
    let hands = |j: usize, callee: &str| {
        project.files[j].rare().literal_arguments.iter().any(|(c, mask)| c == callee && mask & bit != 0)
    };
    let mut calls = 0;
    // Calls in its own file (listed whatever they hand).
    if let Some((_, mask)) = project.files[i].rare().literal_arguments.iter().find(|(c, _)| **c == *function.name) {
        if mask & bit == 0 {
            return false;
        }
        calls += 1;
    }
    for &(j, callee) in callers.get(&(module, function.name.to_string())).into_iter().flatten() {
        if !hands(j, callee) {
            return false;
        }
        calls += 1;
    }
    calls > 0
}

fn check_project(ctx: &ProjectContext<'_>, out: &mut Vec<Finding>) {
    let project = ctx.project;
    for (i, file) in project.files.iter().enumerate() {
        // As in the file check: loops of test set-up and migrations are not reported.
        if file.loop_calls.is_empty()
            || ctx.settings.layers.tests.is_match(&file.path)
            || crate::lang::db::is_migration_path(&file.path)
        {
            continue;
        }
        let Some(from) = project.module_of_file.get(i) else { continue };
        for call in &file.loop_calls {
            if call.data_access {
                continue;
            }
            // `User.findOne(..)` on a model another module binds: a query itself.
            if let Some((model_file, model)) = project.model_of_call(i, &call.callee) {
                let message = format!(
                    "`{}` queries the `{model}` model ({}) on every iteration of this loop; load the data in one batched query outside it",
                    call.callee, project.files[model_file].path
                );
                out.push(
                    ctx.finding_at(call.location.clone(), message)
                        .with_related(call.loop_location.clone(), "the loop starts here"),
                );
                continue;
            }
            let Some((module, name)) = project.resolve_callee(i, &call.callee) else { continue };
            if module == from {
                continue;
            }
            let Some((fi, k)) = project.defined(module, &name) else { continue };
            let function = &project.files[fi].functions[k];
            // A cache-fronted loader queries once per distinct key.
            if function.memoized {
                continue;
            }
            // `validateAccess({ collection })` of a function that queries only
            // when handed `primaryKeys`: this call takes no querying branch.
            if let Some((position, option)) = function.guarded().and_then(|g| g.query.as_ref())
                && call.options.iter().any(|(p, keys)| p == position && !keys.contains(option))
            {
                continue;
            }
            let Some((query, api)) = function.query.as_deref().filter(|_| function.performs.data_access) else {
                continue;
            };
            let message = format!(
                "`{}` ({}:{}) runs a query per iteration of this loop (`{api}`); load the data in one batched query outside it",
                call.callee, project.files[fi].path, function.span.start.line
            );
            out.push(
                ctx.finding_at(call.location.clone(), message)
                    .with_related(call.loop_location.clone(), "the loop starts here")
                    .with_related(query.clone(), format!("the query: `{api}`"))
                    .with_step(call.loop_location.clone(), "the loop starts here")
                    .with_step(call.location.clone(), format!("`{}` is called on every iteration", call.callee))
                    .with_step(
                        function.span.start_only().in_file(&project.files[fi].path),
                        format!("`{}` is defined here", function.name),
                    )
                    .with_step(query.clone(), format!("it runs `{api}`")),
            );
        }
    }
}

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // Queries in loops of test set-up cost nothing in production; those of a
    // migration run once per deployment.
    if ctx.is_test() || crate::lang::db::is_migration_path(&ctx.file.path) {
        return;
    }
    let db = ctx.db();
    let summaries = db.summaries();
    if !summaries.has_data_access() {
        return;
    }
    let querying = summaries.any_querying();
    for node in ctx.nodes(call_kinds(db.family)) {
        let direct = db.access_at(node);
        let message = if let Some(api) = direct {
            format!(
                "`{api}` runs a query on every iteration of this {{loop}}; fetch or write the rows in one batched query outside it"
            )
        } else if querying
            && let Some(callee) = db.local_callee(node)
            // A function that queries only in its error handlers does not
            // query once per call.
            && db.summaries().querying(&callee).is_some_and(|s| s.ordinary)
            && db.enclosing_function(node).and_then(|f| db.summary_key(f)).as_ref() != Some(&callee)
            && !answers_from_memory(ctx, &db, &callee)
            && !commits_per_call(ctx, &db, &callee)
        {
            let through = db.summaries().origin(&callee).and_then(|s| s.direct.as_ref()).map(|(_, api)| api.clone());
            let through = through.map(|api| format!(" (through `{api}`)")).unwrap_or_default();
            format!(
                "`{callee}` queries the database{through} and is called on every iteration of this {{loop}}; load the data in one batched query outside it"
            )
        } else {
            continue;
        };
        let Some(found) = db.enclosing_loop(node) else { continue };
        if nested_in_data_access(&db, node, found.node)
            || crate::lang::db::takes_batch_of_round(node, found.node, ctx.source())
            || crate::lang::db::transaction_per_item(found.node, ctx.source())
            || direct.is_some() && db.runs_item_statement(node, &found)
        {
            continue;
        }
        let what = match found.what {
            "loop" => "loop".to_string(),
            "comprehension" => "comprehension".to_string(),
            method => format!("`.{method}` callback"),
        };
        let mut finding = ctx
            .finding(node, message.replace("{loop}", &what))
            .with_related(header_location(ctx, &found), format!("the {what} starts here"));
        // One write per row inside one transaction is committed together:
        // batching it is advice, not a round-trip storm on every request.
        if direct.is_some_and(|api| crate::lang::db::is_write(node, api, ctx.source()))
            && crate::lang::db::inside_transaction(found.node, db.family, ctx.source())
        {
            finding.level = crate::diagnostic::Level::Note.min(finding.level);
        }
        out.push(finding);
    }
}

/// Whether the same-file function `callee` is a cache-fronted loader
/// (`lang::db::memoized`): called per item, it queries once per distinct key.
fn answers_from_memory(ctx: &FileContext<'_>, db: &Db<'_>, callee: &str) -> bool {
    let queries = |n: Node<'_>| db.access_at(n).is_some();
    querying_function(ctx, db, callee)
        .is_some_and(|f| crate::lang::db::memoized::answers_from_memory(f, ctx.source(), &queries))
}

/// Whether the same-file function `callee` commits its own unit of work
/// (`lang::db::commits_own_work`): called per item, each item is a job.
fn commits_per_call(ctx: &FileContext<'_>, db: &Db<'_>, callee: &str) -> bool {
    querying_function(ctx, db, callee).is_some_and(|f| crate::lang::db::commits_own_work(f, ctx.source()))
}

/// The node of the same-file function `callee` that queries, from its summary.
fn querying_function<'t>(ctx: &FileContext<'t>, db: &Db<'_>, callee: &str) -> Option<Node<'t>> {
    let summary = db.summaries().querying(callee)?;
    let function = ctx.tree.root_node().descendant_for_byte_range(summary.range.start, summary.range.end)?;
    (function.byte_range() == summary.range).then_some(function)
}

/// Whether another data-access call between `node` and the loop already
/// covers it (`sqlx::query(..).fetch_one(&pool)`, `session.execute(text(..))`).
fn nested_in_data_access(db: &Db<'_>, node: Node<'_>, stop: Node<'_>) -> bool {
    let mut current = node.parent();
    while let Some(n) = current {
        if n.id() == stop.id() {
            return false;
        }
        if db.is_call(n) && db.access_at(n).is_some() {
            return true;
        }
        current = n.parent();
    }
    false
}

/// The loop's first line (up to its body).
fn header_location(ctx: &FileContext<'_>, found: &Loop<'_>) -> Location {
    let start = found.header.start_byte();
    let body = found.node.field("body").map(|b| b.start_byte()).unwrap_or(found.header.end_byte());
    let line_end = ctx.source()[start..].find('\n').map(|i| start + i).unwrap_or(found.header.end_byte());
    let end = body.min(line_end).max(start + 1).min(found.header.end_byte());
    ctx.file.location(start..end)
}
