//! Deciding whether a piece of text is SQL.
//!
//! A keyword regex cannot tell `SELECT id FROM users` from "Select an option
//! from the list below", so the text is parsed with `sqlparser` (generic,
//! permissive dialect) after two cheap filters that keep prose and ordinary
//! strings away from the parser:
//!
//! 1. the first word must be a statement keyword (`SELECT`, `INSERT`, ...) and
//!    the text must hold the keyword that statement needs (`FROM`, `INTO`,
//!    `SET`, ...);
//! 2. a title-case first word ("Select", "Delete"), which is how sentences
//!    start, needs structural evidence that prose never has (`*`, `=`, a
//!    placeholder, parentheses, `WHERE`, `VALUES`, ...).
//!
//! Placeholders of every driver (`%s`, `%(name)s`, `?`, `$1`, `:name`, `@p1`)
//! and interpolation holes are replaced by dummy values before parsing, so a
//! template such as `f"SELECT * FROM t WHERE id = {x}"` is judged by its
//! static text.

use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;

/// What replaces an interpolation hole before parsing: an identifier is valid
/// wherever a hole usually sits (a value, a column, a table, a sort key).
pub const HOLE: &str = "hole_";

/// Statement keywords a SQL text can start with, and a keyword the statement
/// must also contain (empty: none required).
const LEADING: &[(&str, &[&str])] = &[
    ("SELECT", &[]),
    ("INSERT", &["INTO"]),
    ("UPDATE", &["SET"]),
    ("DELETE", &["FROM"]),
    ("WITH", &["SELECT", "INSERT", "UPDATE", "DELETE"]),
    ("CREATE", &["TABLE", "INDEX", "VIEW", "SCHEMA", "SEQUENCE", "TRIGGER", "FUNCTION", "DATABASE", "TYPE"]),
    ("ALTER", &["TABLE", "INDEX", "VIEW", "SCHEMA", "SEQUENCE"]),
    ("DROP", &["TABLE", "INDEX", "VIEW", "SCHEMA", "SEQUENCE", "TRIGGER", "FUNCTION", "DATABASE", "TYPE"]),
    ("TRUNCATE", &[]),
    ("MERGE", &["INTO"]),
    ("REPLACE", &["INTO"]),
    ("UPSERT", &["INTO"]),
];

/// Whether `text` starts with a SQL statement keyword (any case), ignoring
/// leading whitespace and an opening parenthesis. The cheapest filter: call it
/// before anything else.
pub fn starts_with_sql_keyword(text: &str) -> bool {
    leading_keyword(text).is_some()
}

fn first_word(text: &str) -> &str {
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '(');
    let end = trimmed.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(trimmed.len());
    &trimmed[..end]
}

fn leading_keyword(text: &str) -> Option<(&'static str, &'static [&'static str])> {
    let word = first_word(text);
    if word.len() < 4 || word.len() > 8 {
        return None;
    }
    LEADING.iter().find(|(k, _)| k.eq_ignore_ascii_case(word)).copied()
}

/// Whether `text` is SQL: a statement that `sqlparser` accepts after the
/// placeholders are replaced. Interpolation holes must already be replaced by
/// [`HOLE`] (see [`with_holes`]).
pub fn is_sql(text: &str) -> bool {
    let Some((keyword, required)) = leading_keyword(text) else { return false };
    let upper = text.to_ascii_uppercase();
    if !required.is_empty() && !required.iter().any(|k| contains_word(&upper, k)) {
        return false;
    }
    let word = first_word(text);
    let title_case = word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && word.chars().skip(1).all(|c| c.is_ascii_lowercase());
    if title_case && !has_structure(text, &upper) {
        return false;
    }
    if keyword == "SELECT" && !contains_word(&upper, "FROM") && !select_without_from_ok(text) {
        return false;
    }
    let normalized = replace_placeholders(text);
    Parser::parse_sql(&GenericDialect {}, &normalized).is_ok_and(|statements| !statements.is_empty())
}

/// Whether a statement names a table in its text, after `FROM`, `UPDATE`,
/// `INTO`, `JOIN` or `TABLE`. One that does not is either SQL written for any
/// table (`UPDATE {table} SET ..`, `SELECT * FROM %s`, `INSERT INTO
/// ${table}`: the machinery of a data layer) or database plumbing that reads
/// no table (`SELECT pg_advisory_xact_lock(%s)`, `SELECT 1`). `text` is the
/// literal as written, with its format placeholders.
pub fn names_a_table(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    table_references(&upper).any(|(_, _, name)| name.is_some())
}

/// Whether a statement takes a table from a placeholder (`INSERT INTO
/// archive SELECT * FROM {table}`): which tables it reads or writes is
/// decided elsewhere.
pub fn names_a_placeholder_table(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    table_references(&upper).any(|(_, _, name)| name.is_none())
}

/// The application tables a statement names, lower-cased and without
/// schema or quotes (`athena.chat_log` is `chat_log`), each with whether
/// the statement writes it (`INSERT INTO`, `UPDATE`, `DELETE FROM`,
/// `MERGE INTO`), each once, sorted by name. Schema statements' tables
/// (`CREATE TABLE t`) are not data access and are left out.
pub fn tables_named(text: &str) -> Vec<(String, bool)> {
    let upper = text.to_ascii_uppercase();
    let mut tables: Vec<(String, bool)> = Vec::new();
    for (keyword, before, name) in table_references(&upper) {
        let Some(name) = name else { continue };
        // `CREATE TABLE`, `ALTER TABLE`: the schema, not its data.
        if keyword == "TABLE" {
            continue;
        }
        let previous = before.split_whitespace().next_back().unwrap_or("");
        // `FOR UPDATE`, `FOR NO KEY UPDATE`, `DO UPDATE SET`, `ON UPDATE
        // CASCADE`: no table follows.
        if keyword == "UPDATE" && matches!(previous, "FOR" | "KEY" | "DO" | "ON") {
            continue;
        }
        let written = match keyword {
            "INTO" => true,
            "UPDATE" => true,
            "FROM" => previous == "DELETE",
            _ => false,
        };
        let identifier: String = name
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '"' | '`' | '[' | ']' | '$'))
            .filter(|c| !matches!(c, '"' | '`' | '[' | ']'))
            .collect();
        let Some(table) = identifier.rsplit('.').next().filter(|t| !t.is_empty()) else { continue };
        let table = table.to_ascii_lowercase();
        match tables.iter_mut().find(|(t, _)| *t == table) {
            Some(entry) => entry.1 |= written,
            None => tables.push((table, written)),
        }
    }
    tables.sort();
    tables
}

/// The table references of an upper-cased statement: each keyword that
/// names a table (`FROM`, `UPDATE`, `INTO`, `JOIN`, `TABLE`), the text
/// before it, and the text from the table's name on, or `None` for a
/// placeholder (`{table}`, `%s`). Subqueries and the database's own catalog
/// are left out.
fn table_references(upper: &str) -> impl Iterator<Item = (&'static str, &str, Option<&str>)> {
    let bytes = upper.as_bytes();
    ["FROM", "UPDATE", "INTO", "JOIN", "TABLE"]
        .into_iter()
        .flat_map(move |keyword| upper.match_indices(keyword).map(move |(start, _)| (keyword, start)))
        .filter_map(move |(keyword, start)| {
            let end = start + keyword.len();
            // A word of its own, not a placeholder's name (`{table}`, `:from`).
            let bounded = (start == 0
                || !bytes[start - 1].is_ascii_alphanumeric() && !matches!(bytes[start - 1], b'_' | b'{' | b':' | b'.'))
                && (end == bytes.len() || !bytes[end].is_ascii_alphanumeric() && bytes[end] != b'_');
            // Inside a quoted SQL string (`THEN 'BASE TABLE'`) it is text, not a keyword.
            if !bounded || upper[..start].matches('\'').count() % 2 == 1 {
                return None;
            }
            let mut rest = upper[end..].trim_start();
            for modifier in ["IF NOT EXISTS", "IF EXISTS", "ONLY"] {
                rest = rest.strip_prefix(modifier).map_or(rest, str::trim_start);
            }
            if rest.is_empty() || rest.starts_with('(') {
                return None;
            }
            let name = rest.trim_start_matches(['"', '`', '\'', '[']);
            if name.starts_with(['{', '%', '$', '?', ':']) {
                return Some((keyword, &upper[..start], None));
            }
            (!is_system_catalog(name)).then_some((keyword, &upper[..start], Some(name)))
        })
}

/// Whether an upper-cased table reference names the database's own catalog
/// (`pg_database`, `pg_catalog.pg_class`, `information_schema.columns`,
/// `sqlite_master`), which describes the schema instead of holding the
/// application's data.
fn is_system_catalog(name: &str) -> bool {
    ["PG_", "INFORMATION_SCHEMA.", "SQLITE_MASTER", "SQLITE_SCHEMA", "MYSQL."].iter().any(|p| name.starts_with(p))
}

/// Whether a template made of static `parts` separated by interpolation holes
/// is SQL. `parts` are the literal pieces in order; a hole sits between each
/// pair.
pub fn parts_are_sql<S: AsRef<str>>(parts: &[S]) -> bool {
    let first = parts.first().map(|p| p.as_ref()).unwrap_or("");
    // A template that starts with a hole (`${verb} FROM t`) has no leading keyword.
    if !starts_with_sql_keyword(first) {
        return false;
    }
    is_sql(&with_holes(parts))
}

/// Joins static `parts` with [`HOLE`] between each pair.
pub fn with_holes<S: AsRef<str>>(parts: &[S]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(HOLE);
        }
        out.push_str(part.as_ref());
    }
    out
}

/// Whether `upper` holds `word` as a whole word (not inside a longer name).
pub(crate) fn contains_word(upper: &str, word: &str) -> bool {
    upper.match_indices(word).any(|(i, _)| {
        let before = upper[..i].chars().next_back();
        let after = upper[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// Evidence that a title-case text is a statement and not a sentence.
fn has_structure(text: &str, upper: &str) -> bool {
    text.contains(['*', '=', '(', '?', '$', '%', ';'])
        || ["WHERE", "VALUES", "JOIN", "GROUP", "ORDER", "LIMIT", "RETURNING", "HAVING"]
            .iter()
            .any(|k| upper.contains(k) && contains_word(upper, k))
}

/// `SELECT 1`, `SELECT now()`, `SELECT $1::int`: a select without `FROM` is
/// SQL when it computes something, not when it reads like "Select a date".
fn select_without_from_ok(text: &str) -> bool {
    let rest = text.trim_start().get(6..).unwrap_or("");
    rest.contains(['(', '*', '@', '?', '$', '\'', '"']) || rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// Whether an interpolation hole whose template reads `before` up to it
/// sits where SQL takes a piece of structure that no driver can bind: a
/// table name (`FROM`, `JOIN`, `INTO`, `UPDATE`, `TABLE`), a sort direction
/// after an identifier placeholder (`?? ${dir}`), the expression list of
/// `ORDER BY`, `GROUP BY` or `PARTITION BY`, a `CASE WHEN` condition
/// compiled elsewhere, the column list of an `INSERT` or `ON CONFLICT`, the
/// assignment list after `SET`, or a whole clause after a table reference
/// (`FROM {table} AS t{where_clause}`). A hole inside a quoted SQL string or
/// after a comparison is a value, never structure; so is one in `VALUES (`
/// or `IN (`.
pub fn is_structural_position(before: &str) -> bool {
    if before.matches('\'').count() % 2 == 1 {
        return false;
    }
    let upper = before.trim_end().to_ascii_uppercase();
    let words: Vec<&str> = upper.split_whitespace().rev().take(4).collect();
    let table_keyword = |w: &str| matches!(w, "FROM" | "JOIN" | "INTO" | "UPDATE");
    let after_table = match words.as_slice() {
        // `FROM users{where}`, `FROM {table} AS t{where}` (the table's hole is not in `before`).
        [name, keyword, ..] if table_keyword(keyword) && is_name(name) => true,
        [alias, "AS", keyword, ..] | [alias, "AS", _, keyword] if table_keyword(keyword) && is_name(alias) => true,
        _ => false,
    };
    let column_list = upper.strip_suffix('(').is_some_and(|head| {
        let words: Vec<&str> = head.split_whitespace().rev().take(4).collect();
        matches!(
            words.as_slice(),
            ["INTO", ..] | [_, "INTO", ..] | [_, "AS", "INTO", ..] | [_, "AS", _, "INTO"] | ["CONFLICT", "ON", ..]
        )
    });
    after_table
        || column_list
        || matches!(
            words.as_slice(),
            ["??" | "WHEN" | "FROM" | "JOIN" | "INTO" | "UPDATE" | "TABLE" | "SET", ..]
                | ["BY", "ORDER" | "GROUP" | "PARTITION", ..]
        )
}

/// Whether a hole whose template reads `before` up to it stands for a whole
/// statement: the statement `EXPLAIN` (with or without its options) plans,
/// or the body of a common table expression (`WITH r AS (`). Such a value is
/// SQL by contract, handed in by the caller; the code that runs it is a
/// pass-through, not the place where a value was spliced into a query.
pub fn is_statement_position(before: &str) -> bool {
    let upper = before.trim_end().to_ascii_uppercase();
    let explained = upper.rsplit_once("EXPLAIN").is_some_and(|(head, options)| {
        let options = options.trim();
        head.trim().is_empty()
            && (options.is_empty()
                || options.starts_with('(') && options.ends_with(')')
                || options.split_whitespace().all(|w| matches!(w, "ANALYZE" | "VERBOSE")))
    });
    let cte_body = upper.strip_suffix('(').is_some_and(|head| {
        let words: Vec<&str> = head.split_whitespace().rev().take(3).collect();
        matches!(words.as_slice(), ["AS", name, previous]
            if is_name(name) && (matches!(*previous, "WITH" | "RECURSIVE") || previous.ends_with(',')))
    });
    explained || cte_body
}

/// Whether a hole whose template reads `before` up to it opens a list of
/// values: `VALUES (`, `VALUES ` (several rows), `IN (`.
pub fn is_value_list_position(before: &str) -> bool {
    let upper = before.trim_end().to_ascii_uppercase();
    upper.ends_with("VALUES")
        || upper.strip_suffix('(').is_some_and(|head| {
            let head = head.trim_end();
            head.ends_with("VALUES") || head.ends_with(" IN")
        })
}

/// Whether SQL text holds a driver placeholder (`$1`, `?`, `%s`, `:name`).
pub fn has_placeholder(text: &str) -> bool {
    replace_placeholders(text) != text
}

/// A bare SQL name (`users`, `t`, `public.users`), not a keyword's operand.
fn is_name(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '"'))
        && !matches!(word, "WHERE" | "SET" | "SELECT" | "AND" | "OR" | "ON" | "VALUES" | "AS" | "NOT")
}

/// Replaces driver placeholders by a literal value: `%s`, `%d`, `%(name)s`,
/// `?`, `?1`, `$1`, `:name` (not `::type` casts) and `@p1`.
pub fn replace_placeholders(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    while i < bytes.len() {
        let b = bytes[i];
        let prev = if i > 0 { bytes[i - 1] } else { b' ' };
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        match b {
            b'%' if next == b'(' => {
                if let Some(close) = text[i..].find(')') {
                    let after = i + close + 1;
                    if bytes.get(after).is_some_and(|c| c.is_ascii_alphabetic()) {
                        out.push('1');
                        i = after + 1;
                        continue;
                    }
                }
            }
            b'%' if matches!(next, b's' | b'd' | b'b' | b'f') && !word(bytes.get(i + 2).copied().unwrap_or(b' ')) => {
                out.push('1');
                i += 2;
                continue;
            }
            b'%' if next == b'%' => {
                out.push('%');
                i += 2;
                continue;
            }
            b'?' | b'$' if !word(prev) => {
                let mut end = i + 1;
                while end < bytes.len() && bytes[end].is_ascii_digit() {
                    end += 1;
                }
                if b == b'?' || end > i + 1 {
                    out.push('1');
                    i = end;
                    continue;
                }
            }
            b':' | b'@'
                if !word(prev) && prev != b':' && next != b':' && (next.is_ascii_alphabetic() || next == b'_') =>
            {
                let mut end = i + 1;
                while end < bytes.len() && word(bytes[end]) {
                    end += 1;
                }
                out.push('1');
                i = end;
                continue;
            }
            _ => {}
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn structural_positions_of_a_hole() {
        for before in [
            "partition by ?? order by ",
            "?? ",
            "(CASE WHEN ",
            "SELECT a FROM t GROUP BY ",
            "SELECT 1 FROM ",
            "insert into ",
            "UPDATE ",
            "a JOIN ",
            "UPDATE t SET ",
            "INSERT INTO  AS t (",
            "INSERT INTO users(",
            "INSERT INTO  (",
            "INSERT INTO t AS t (a) VALUES ($1) ON CONFLICT (",
            "SELECT * FROM  AS t",
            "DELETE FROM users",
            "SELECT a FROM t JOIN u AS x",
        ] {
            assert!(is_structural_position(before), "{before}");
        }
        for before in [
            "SELECT * FROM t WHERE a = ",
            "SELECT * FROM t ORDER BY '",
            "SELECT * FROM t WHERE a IN (",
            "INSERT INTO t (a) VALUES (",
            "SELECT * FROM t WHERE a = 1 AND",
            "UPDATE t SET a = ",
            "",
        ] {
            assert!(!is_structural_position(before), "{before}");
        }
    }

    use super::*;

    #[test]
    fn statement_and_value_list_positions() {
        for before in [
            "EXPLAIN ",
            "explain (FORMAT JSON) ",
            "EXPLAIN ANALYZE ",
            "WITH r AS (",
            "WITH RECURSIVE r AS (",
            "WITH a AS (SELECT 1), b AS (",
        ] {
            assert!(is_statement_position(before), "{before}");
        }
        for before in ["SELECT * FROM t WHERE a = ", "SELECT CAST(a AS (", "", "SELECT 'EXPLAIN ' || "] {
            assert!(!is_statement_position(before), "{before}");
        }
        for before in ["INSERT INTO t (a) VALUES (", "INSERT INTO t (a) VALUES ", "SELECT * FROM t WHERE a IN ("] {
            assert!(is_value_list_position(before), "{before}");
        }
        for before in ["SELECT * FROM t WHERE a = ", "INSERT INTO t (", "SELECT max("] {
            assert!(!is_value_list_position(before), "{before}");
        }
        assert!(has_placeholder("SELECT * FROM t WHERE a = $1"));
        assert!(has_placeholder("SELECT * FROM t WHERE a = ?"));
        assert!(!has_placeholder("INSERT INTO t AS t () VALUES () RETURNING t.*::jsonb"));
    }

    #[test]
    fn tables_named_in_the_text() {
        for no_table in [
            "UPDATE {dbtable} SET {values} WHERE {in_clause}",
            "SELECT * FROM %s WHERE id = %%s",
            "INSERT INTO \"{table}\" (a) VALUES (?)",
            "DELETE FROM ${table} WHERE id = $1",
            "SELECT * FROM {a} JOIN {b} ON {a}.id = {b}.a_id",
            "SELECT pg_advisory_xact_lock(%s)",
            "SELECT 1",
            "SELECT CASE c.relkind WHEN 'r' THEN 'BASE TABLE' END FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace",
        ] {
            assert!(!names_a_table(no_table), "{no_table:?} names no table");
        }
        for table in [
            "UPDATE users SET name = %s WHERE id = %s",
            "SELECT * FROM {table} JOIN orgs ON orgs.id = org_id",
            "SELECT count(*) FROM (SELECT 1 FROM t)",
            "SELECT 'from' AS source, id FROM users",
        ] {
            assert!(names_a_table(table), "{table:?} names a table");
        }
    }

    #[test]
    fn tables_and_whether_the_statement_writes_them() {
        let named = |sql: &str| tables_named(sql);
        assert_eq!(
            named("INSERT INTO athena.chat_log (id, at) VALUES ($1, now()) ON CONFLICT (id) DO UPDATE SET at = now()"),
            vec![("chat_log".to_string(), true)]
        );
        assert_eq!(
            named("UPDATE \"Jobs\" SET state = $1 WHERE id IN (SELECT id FROM queue FOR UPDATE SKIP LOCKED)"),
            vec![("jobs".to_string(), true), ("queue".to_string(), false)]
        );
        assert_eq!(
            named("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users)"),
            vec![("sessions".to_string(), true), ("users".to_string(), false)]
        );
        assert_eq!(named("SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id").len(), 2);
        assert_eq!(named("SELECT id FROM jobs FOR NO KEY UPDATE SKIP LOCKED"), vec![("jobs".to_string(), false)]);
        assert!(named("SELECT * FROM {table} WHERE id = %s").is_empty());
        assert!(named("SELECT relname FROM pg_catalog.pg_class").is_empty());
    }

    #[test]
    fn recognises_sql_statements() {
        for sql in [
            "SELECT id, name FROM users WHERE id = %s",
            "select * from users where email = ?",
            "SELECT * FROM users WHERE id = $1 AND org = $2",
            "SELECT * FROM users WHERE id = :id",
            "SELECT * FROM users WHERE id = %(id)s",
            "SELECT * FROM users WHERE id = @p1",
            "SELECT * FROM users WHERE created_at > $1::timestamptz",
            "\n    SELECT u.id\n    FROM users u\n    JOIN orgs o ON o.id = u.org_id\n",
            "INSERT INTO users (name, email) VALUES (?, ?)",
            "UPDATE users SET name = %s WHERE id = %s",
            "DELETE FROM sessions WHERE expires_at < now()",
            "WITH recent AS (SELECT * FROM orders) SELECT count(*) FROM recent",
            "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT)",
            "SELECT 1",
            "SELECT version()",
            "Select * from users",
        ] {
            assert!(is_sql(sql), "{sql:?} should be SQL");
        }
    }

    #[test]
    fn rejects_prose() {
        for prose in [
            "Select an option from the list below",
            "Delete old drafts from your account",
            "Select a date",
            "Update your profile to continue",
            "Insert coin",
            "Please select a file",
            "delete",
            "Selected items",
            "Created by the nightly job",
            "Drop files here to upload",
            "With great power comes great responsibility",
            "select your plan from the options, then continue.",
            "",
        ] {
            assert!(!is_sql(prose), "{prose:?} is prose");
        }
    }

    #[test]
    fn judges_templates_by_their_static_text() {
        assert!(parts_are_sql(&["SELECT * FROM users WHERE name = '", "'"]));
        assert!(parts_are_sql(&["SELECT ", " FROM users ORDER BY ", ""]));
        assert!(parts_are_sql(&["SELECT * FROM ", " WHERE id = ", ""]));
        assert!(!parts_are_sql(&["", " FROM users"]));
        assert!(!parts_are_sql(&["Select an option from ", " below"]));
        assert!(!parts_are_sql(&["Hello ", ", welcome back"]));
    }

    #[test]
    fn placeholders_are_replaced() {
        assert_eq!(replace_placeholders("a = %s AND b = %(b)s"), "a = 1 AND b = 1");
        assert_eq!(replace_placeholders("a = ? AND b = ?2 AND c = $3"), "a = 1 AND b = 1 AND c = 1");
        assert_eq!(replace_placeholders("a = :a AND b = @b AND c::int"), "a = 1 AND b = 1 AND c::int");
        assert_eq!(replace_placeholders("LIKE 'x%%'"), "LIKE 'x%'");
    }
}
