//! `sql-injection`: a SQL call whose query string is built at run time from a
//! value that is not a constant.
//!
//! The sinks, the query argument and how the string was built come from the
//! shared database knowledge (`lang::db`): the value is followed through local
//! variables and reassignments inside the function; module constants,
//! numbers, placeholder lists and bound parameters are safe, and so are SQL
//! tagged templates and sqlx's `query!` macros.
//!
//! The user docs are in `rules/sql-injection.md`.

use crate::diagnostic::Finding;
use crate::lang::db::{Db, DbCall, Dynamic, QueryValue};
use crate::lang::descendants;
use crate::rules::{FileContext, Rule};

pub static RULE: Rule = Rule {
    id: "sql-injection",
    doc: include_str!("../../rules/sql-injection.md"),
    queries: &[],
    options: &[],
    check: Some(check),
    project: None,
};

fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // Test code talks to throw-away databases with values it chose itself.
    if ctx.is_test() {
        return;
    }
    // A management command's input is its operator's, who holds the database already.
    if ctx.file.language == crate::lang::Language::Python && crate::lang::python::is_management_command(&ctx.file.path)
    {
        return;
    }
    // A migration runs once per deployment, on identifiers its author wrote
    // and rows the database already holds: no request reaches its SQL.
    if crate::lang::db::is_migration_path(&ctx.file.path) {
        return;
    }
    let db = ctx.db();
    let reviewed = reviewed_lines(ctx);
    for call in db.raw_sql_calls() {
        let node = call.call;
        if call.safe_by_construction {
            continue;
        }
        let Some(query) = call.query else { continue };
        let QueryValue::Dynamic(dynamic) = db.query_value(query) else { continue };
        if !call.confident && !holds_sql_text(&db, call, dynamic.built_at) {
            continue;
        }
        if binds_values_around_structure(ctx, &db, call, &dynamic) {
            continue;
        }
        // From where the query string starts being built to the call.
        let first_row = dynamic.built_at.map_or(node.start_position().row, |b| b.start_position().row);
        let span = first_row.min(node.start_position().row)..=node.end_position().row;
        if reviewed.iter().any(|line| span.contains(line)) || vouched_for(ctx, *span.start(), node, &dynamic.hole_text)
        {
            continue;
        }
        let mut finding = ctx.finding_at(
            ctx.file.location(clause_range(node)),
            format!(
                "`{}` runs SQL built with {} from `{}`; pass the value as a bound parameter instead",
                call.api, dynamic.how, dynamic.hole_text
            ),
        );
        if let Some(built_at) = dynamic.built_at {
            finding = finding.with_related(
                ctx.location(built_at),
                format!("the query string is built here from `{}`", dynamic.hole_text),
            );
        }
        out.push(finding);
    }
}

/// The 0-based lines of the comments by which a team marked a query as
/// reviewed for injection in another security linter: `# nosec` (Bandit)
/// and `# noqa: S608` (the same check in Ruff). A finding with one between
/// the statement that starts building its query and the call is not
/// reported again.
fn reviewed_lines(ctx: &FileContext<'_>) -> Vec<usize> {
    const REVIEWED: crate::lang::ForeignSuppressions<'static> =
        crate::lang::ForeignSuppressions { noqa: &["S608"], bare_noqa: false, nosec: true, eslint: &[] };
    crate::lang::foreign_suppressions(ctx.file.language, ctx.tree, ctx.source(), &REVIEWED).0
}

/// Whether a comment from three lines above the query's first statement to
/// the call names the interpolated value and says it was checked (`# ext_id
/// is verified above`): the author reviewed this very interpolation.
fn vouched_for(ctx: &FileContext<'_>, first_row: usize, call: tree_sitter::Node<'_>, hole: &str) -> bool {
    const CHECKED: [&str; 8] =
        ["verified", "validated", "sanitized", "sanitised", "whitelisted", "allowlisted", "allow-listed", "checked"];
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    if hole.is_empty() || !hole.chars().all(is_name) {
        return false;
    }
    let lines = first_row.saturating_sub(3)..=call.end_position().row;
    crate::lang::comments_containing(ctx.file.language, ctx.tree, ctx.source(), hole).iter().any(|comment| {
        let text = comment.text.to_lowercase();
        lines.contains(&comment.line)
            && comment.text.split(|c: char| !is_name(c)).any(|word| word == hole)
            && CHECKED.iter().any(|word| text.contains(word))
    })
}

/// Whether every run-time hole of the query sits where no bound parameter
/// could go, or where the bound values themselves go:
///
/// - a whole statement (`EXPLAIN {query}`, `WITH r AS ({query})`): the value
///   is SQL by contract, run on its caller's behalf;
/// - in a call that binds its values (`knex.raw(sql, bindings)`), a piece of
///   structure no driver can bind (a table name after `FROM`, a sort
///   direction after `??`, an `ORDER BY` list, a `CASE WHEN` condition
///   compiled elsewhere), unless that piece is read straight from the
///   request;
/// - in a call that binds its values while its literal text holds no
///   placeholder, a `VALUES (` or `IN (` list: the bound values need
///   placeholders, so that list is where they are generated
///   (`VALUES ({placeholders})`).
fn binds_values_around_structure(ctx: &FileContext<'_>, db: &Db<'_>, call: &DbCall<'_>, dynamic: &Dynamic<'_>) -> bool {
    use crate::lang::db::sql_text::{
        has_placeholder, is_statement_position, is_structural_position, is_value_list_position,
    };
    let source = ctx.source();
    let Some(template) = dynamic.template.clone().or_else(|| crate::lang::db::template_of_hole(dynamic.hole, source))
    else {
        return false;
    };
    let holes = &template.before_holes;
    if holes.is_empty() {
        return false;
    }
    if holes.iter().all(|before| is_statement_position(before)) {
        return true;
    }
    if !call.binds_parameters(db.family, source) || crate::lang::web::reads_request(&dynamic.hole_text) {
        return false;
    }
    let generates_placeholders = !has_placeholder(&template.text);
    holes.iter().all(|before| {
        is_structural_position(before)
            || is_statement_position(before)
            || generates_placeholders && is_value_list_position(before)
    })
}

/// For calls recognised only by their method name (`x.execute(..)`), the
/// query must visibly be SQL: a SQL literal in the argument or in the
/// statement that built it.
fn holds_sql_text(db: &Db<'_>, call: &DbCall<'_>, built_at: Option<tree_sitter::Node<'_>>) -> bool {
    [call.query, built_at]
        .into_iter()
        .flatten()
        .any(|n| descendants(n).any(|s| db.is_string_literal(s) && db.is_sql_literal(s) || db.is_sql_concatenation(s)))
}

/// Where to point for a call: the whole call, or, for a method called at
/// the end of a chain that spans lines (`builder\n  .where(..)`), from the
/// method's name to the end of the call, the line that takes the query.
fn clause_range(call: tree_sitter::Node<'_>) -> std::ops::Range<usize> {
    use crate::lang::NodeExt;
    let method = call
        .field("function")
        .and_then(|f| f.field("property").or_else(|| f.field("attribute")).or_else(|| f.field("field")));
    match method {
        Some(m) if m.start_position().row > call.start_position().row => m.start_byte()..call.end_byte(),
        _ => call.byte_range(),
    }
}
