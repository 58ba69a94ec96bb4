//! Functions that answer from memory before they query: a cache-fronted
//! loader (`if let Some(pool) = registry.get_pool(name) { return Ok(pool); }`,
//! `const cached = cache.get(key); if (cached !== undefined) return cached;`,
//! `if key in self._cache: return self._cache[key]`, `try: return
//! self._cache[key] except KeyError: ..`). Called once per item,
//! such a function queries once per distinct key, not once per item.

use tree_sitter::Node;

use super::sql_text::contains_word;
use crate::lang::{NodeExt, text};

/// How many statements of a body are read for the cache check: the check
/// comes first, after at most a few argument guards.
const LEADING_STATEMENTS: usize = 6;

/// Whether `function` returns a remembered value before anything else it
/// does: among its first statements, before any that `queries`, a
/// conditional whose branch returns what a lookup (`.get(..)`, `.get_x(..)`,
/// `.has(..)`, `contains_key`, Python `in`) found, in its condition or in a
/// name an earlier statement bound to such a lookup. `queries` tells a
/// data-access call (a `db.get(..)` is a query, not a cache).
pub fn answers_from_memory(function: Node<'_>, source: &str, queries: &dyn Fn(Node<'_>) -> bool) -> bool {
    let Some(body) = function.field("body") else { return false };
    // Names bound by earlier statements to a lookup: `cached = cache.get(k)`.
    let mut looked_up: Vec<&str> = Vec::new();
    let leading: Vec<Node<'_>> = body.named_child_nodes().filter(|s| !s.is_extra()).take(LEADING_STATEMENTS).collect();
    // The guard that answers from memory, if any; then (walking the
    // statements only for a function that has one) no query before it.
    let guard = leading.iter().position(|&statement| {
        let statement = unwrap_statement(statement);
        if returns_member_unless_missing(statement, source) {
            return true;
        }
        if let Some((condition, returned)) = conditional_return(statement, source) {
            let mentions = |name: &str| contains_word(returned, name) && contains_word(condition, name);
            let from_condition = is_lookup(condition) && words(returned).any(|w| contains_word(condition, w));
            return from_condition
                || returns_member(condition, returned)
                || looked_up.iter().any(|name| mentions(name));
        }
        if let Some((name, value)) = binding(statement, source)
            && is_lookup(value)
        {
            looked_up.push(name);
        }
        false
    });
    // The statements up to the guard, and of a `try` guard only its block:
    // its `except KeyError` clause is where the query belongs.
    guard.is_some_and(|g| {
        !leading[..=g].iter().any(|&s| {
            let s = if s.kind_name() == "try_statement" { s.field("body").unwrap_or(s) } else { s };
            crate::lang::descendants(s).any(|n| is_call(n) && queries(n))
        })
    })
}

/// Python's ask-forgiveness cache: `try: return self._cache[key] except
/// KeyError: ..` (the `try` block returns a subscript of something, and an
/// `except` clause catches the missing key).
fn returns_member_unless_missing(statement: Node<'_>, source: &str) -> bool {
    if statement.kind_name() != "try_statement" {
        return false;
    }
    let returns_subscript = statement
        .field("body")
        .and_then(|b| b.named_child_nodes().filter(|c| !c.is_extra()).last())
        .filter(|last| last.kind_name() == "return_statement")
        .and_then(|r| r.named_child(0))
        .is_some_and(|value| value.kind_name() == "subscript");
    returns_subscript
        && statement.named_child_nodes().any(|clause| {
            clause.kind_name() == "except_clause"
                && clause.named_child(0).is_some_and(|caught| contains_word(text(caught, source), "KeyError"))
        })
}

fn is_call(node: Node<'_>) -> bool {
    matches!(node.kind_name(), "call" | "call_expression")
}

/// The statement itself, or the expression an expression statement holds.
fn unwrap_statement(statement: Node<'_>) -> Node<'_> {
    if statement.kind_name() == "expression_statement"
        && let Some(inner) = statement.named_child(0)
    {
        return inner;
    }
    statement
}

/// For `if <condition> { ...; return <value> }` without an `else`: the
/// condition's text and the returned value's text (not empty).
fn conditional_return<'s>(statement: Node<'_>, source: &'s str) -> Option<(&'s str, &'s str)> {
    if !matches!(statement.kind_name(), "if_statement" | "if_expression") || statement.field("alternative").is_some() {
        return None;
    }
    let condition = statement.field("condition")?;
    let consequence = statement.field("consequence")?;
    let last = if matches!(consequence.kind_name(), "block" | "statement_block") {
        consequence.named_child_nodes().filter(|c| !c.is_extra()).last()?
    } else {
        consequence
    };
    let last = unwrap_statement(last);
    if !matches!(last.kind_name(), "return_statement" | "return_expression") {
        return None;
    }
    let value = last.named_child(0)?;
    Some((text(condition, source), text(value, source)))
}

/// A statement binding one name: `x = v` (Python), `const x = v` (TS),
/// `let x = v;` (Rust).
fn binding<'s>(statement: Node<'_>, source: &'s str) -> Option<(&'s str, &'s str)> {
    let (name, value) = match statement.kind_name() {
        "assignment" => (statement.field("left")?, statement.field("right")?),
        "lexical_declaration" | "variable_declaration" => {
            let declarator = statement.named_child(0)?;
            (declarator.field("name")?, declarator.field("value")?)
        }
        "let_declaration" => (statement.field("pattern")?, statement.field("value")?),
        _ => return None,
    };
    (name.kind_name() == "identifier").then(|| (text(name, source), text(value, source)))
}

/// Whether an expression's text reads a remembered value with a
/// `get`-style method, in memory: an awaited lookup (`await
/// repo.get_user(id)`) goes to a store, and may be the query itself.
fn is_lookup(expression: &str) -> bool {
    !expression.contains("await")
        && [".get(", ".get_", ".has(", ".contains_key(", ".peek("].iter().any(|m| expression.contains(m))
}

/// `if key in cache: return cache[key]`: a membership test, and the value
/// returned is the member it found (not the container: `if "://" in url:
/// return url` tests a string).
fn returns_member(condition: &str, returned: &str) -> bool {
    let Some((_, container)) = condition.split_once(" in ") else { return false };
    let container = container.trim().trim_end_matches(':').trim();
    !condition.contains(" not in ")
        && !container.is_empty()
        && (returned.starts_with(&format!("{container}[")) || returned.starts_with(&format!("{container}.get(")))
}

/// The names in an expression's text.
fn words(expression: &str) -> impl Iterator<Item = &str> {
    expression.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| w.len() > 1 && !is_keyword(w))
}

fn is_keyword(word: &str) -> bool {
    matches!(word, "Ok" | "Some" | "None" | "return" | "await" | "self" | "this" | "clone" | "true" | "false")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    fn first_function(language: Language, source: &str) -> bool {
        let tree = crate::lang::parse(language, source);
        let function = crate::lang::descendants(tree.root_node())
            .find(|n| matches!(n.kind_name(), "function_definition" | "function_declaration" | "function_item"))
            .expect("a function");
        answers_from_memory(function, source, &|n| text(n, source).contains("db."))
    }

    #[test]
    fn cache_fronted_loaders() {
        assert!(first_function(
            Language::Rust,
            "async fn pool(s: &S, n: &str) -> Result<P, E> {\n    if let Some(pool) = s.registry.get_pool(n) {\n        return Ok(pool);\n    }\n    load(s, n).await\n}\n"
        ));
        assert!(first_function(
            Language::TypeScript,
            "async function verify(a, key) {\n  if (!a) return [];\n  const cached = cache.get(a, key);\n  if (cached !== void 0) return cached;\n  return await fetchAll(a);\n}\n"
        ));
        assert!(first_function(
            Language::Python,
            "def load(self, key):\n    if key in self._cache:\n        return self._cache[key]\n    return Item.objects.get(pk=key)\n"
        ));
        assert!(first_function(
            Language::Python,
            "def language(self, code):\n    self.fill_cache()\n    try:\n        return self._cache[code]\n    except KeyError:\n        self._cache[code] = found = db.get(code)\n        return found\n"
        ));
    }

    #[test]
    fn guards_and_queries_first_are_not_caches() {
        // An argument guard returns a constant, not a remembered value.
        assert!(!first_function(
            Language::TypeScript,
            "async function f(a) {\n  if (!a) return [];\n  return await fetchAll(a);\n}\n"
        ));
        // A lookup in the database is the query itself.
        assert!(!first_function(
            Language::TypeScript,
            "async function f(id) {\n  const user = await db.get(id);\n  if (user) return user;\n  return create(id);\n}\n"
        ));
        // A substring test returns the string it tested, nothing remembered.
        assert!(!first_function(
            Language::Python,
            "def url(obj):\n    u = reverse(obj)\n    if '://' in u:\n        return u\n    return db.join(u)\n"
        ));
        // An awaited lookup goes to a store: a get-or-create, not a cache.
        assert!(!first_function(
            Language::Rust,
            "async fn client(r: &Repo, n: &str) -> Result<C, E> {\n    if let Some(c) = r.get_client(n).await? {\n        return Ok(c);\n    }\n    r.insert(n).await\n}\n"
        ));
        // A `try` that queries before it returns the member, or catches
        // another error, is not a cache.
        assert!(!first_function(
            Language::Python,
            "def f(self, code):\n    try:\n        row = db.get(code)\n        return self._cache[row]\n    except KeyError:\n        return None\n"
        ));
        assert!(!first_function(
            Language::Python,
            "def f(self, code):\n    try:\n        return self._rows[code]\n    except ValueError:\n        return db.get(code)\n"
        ));
        // A lookup after the first query answers nothing from memory.
        assert!(!first_function(
            Language::Python,
            "def f(key):\n    rows = db.fetch(key)\n    if key in seen:\n        return seen[key]\n    return rows\n"
        ));
    }
}
