//! The shape of a handler body: validation checks, business logic
//! (branches, loops, arithmetic), statements and cyclomatic complexity,
//! counted in one walk. `fat-handler` judges handlers by it, in the file
//! that registers them or, through the project index, in the join.
//!
//! - validation checks: `if` branches that end the request with a 400/422
//!   answer or a validation error (`abort(400)`, `raise ValidationError`,
//!   `res.status(400)`, `BadRequestException`, `StatusCode::BAD_REQUEST`...);
//! - business logic: the other branches (`if`, `elif`/`else if`, `match`,
//!   `switch`, conditional expressions), loops and comprehensions, and
//!   arithmetic (`+ - * / %` with no string literal operand).

use crate::lang::NodeExt;
use tree_sitter::Node;

use crate::lang::{Family, NodeIndex, text};

/// What one handler body holds. Small counts, kept per function in the
/// project index so that a handler defined in one file and routed from
/// another can be judged in the join.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub checks: u32,
    pub branches: u32,
    pub loops: u32,
    pub arithmetic: u32,
    pub statements: u32,
    pub complexity: u32,
    /// Lines of the function, its Python docstring left out.
    pub lines: u32,
}

impl Counts {
    /// The pieces of business logic: branches, loops and arithmetic.
    pub fn business(&self) -> u32 {
        self.branches + self.loops + self.arithmetic
    }

    /// Whether the body is one straight statement with no validation and
    /// logic both: no limit of `fat-handler` (each at least 1) can judge it.
    pub fn is_trivial(&self) -> bool {
        self.statements <= 1 && self.complexity <= 1 && (self.checks == 0 || self.business() == 0)
    }
}

/// Counts the parts of `function`'s body, from the nodes the file's node
/// index keeps inside it (no walk of the subtree).
pub fn count(family: Family, function: Node<'_>, index: &NodeIndex<'_>, source: &str) -> Counts {
    let rows = function.end_position().row - function.start_position().row + 1 - docstring_lines(function);
    let mut counts = Counts { complexity: 1, lines: u32::try_from(rows).unwrap_or(u32::MAX), ..Counts::default() };
    // `if` nodes already counted as a validation check, so that their
    // `else if` / `elif` parts are judged on their own.
    for &node in index.inside(function) {
        let kind = node.kind_name();
        if is_statement(family, node) {
            counts.statements += 1;
        }
        match (family, kind) {
            // `if let Err(resp) = authorize(&req) { return resp; }`: `?` by hand.
            (Family::Rust, "if_expression") if returns_the_error(node, source) => {}
            (Family::Python, "if_statement" | "elif_clause")
            | (Family::TypeScript, "if_statement")
            | (Family::Rust, "if_expression") => {
                counts.complexity += 1;
                if is_validation(node, source) {
                    counts.checks += 1;
                } else {
                    counts.branches += 1;
                }
            }
            // `match load(..) { Ok(v) => v, Err(resp) => return resp }`: `?` by hand.
            (Family::Rust, "match_arm") if is_error_plumbing(node, index, source) => {}
            // `clean(bio) if bio else None`: an optional field read, not a decision.
            (Family::Python, "conditional_expression") | (Family::TypeScript, "ternary_expression")
                if is_optional_value(node, source) => {}
            (Family::Python, "conditional_expression" | "case_clause")
            | (Family::TypeScript, "ternary_expression" | "switch_case")
            | (Family::Rust, "match_arm") => {
                counts.complexity += 1;
                counts.branches += 1;
            }
            (Family::Python, "for_statement" | "while_statement" | "for_in_clause")
            | (Family::TypeScript, "for_statement" | "for_in_statement" | "while_statement" | "do_statement")
            | (Family::Rust, "for_expression" | "while_expression" | "loop_expression") => {
                counts.complexity += 1;
                counts.loops += 1;
            }
            // `except ValueError: return InvalidPayload()`: an error mapped to its answer.
            (Family::Python, "except_clause") | (Family::TypeScript, "catch_clause") if answers_error(node) => {}
            (Family::Python, "except_clause" | "if_clause") | (Family::TypeScript, "catch_clause") => {
                counts.complexity += 1;
            }
            (Family::Python, "boolean_operator") => counts.complexity += 1,
            (Family::Python | Family::TypeScript | Family::Rust, "binary_operator" | "binary_expression") => {
                let operator = node.field("operator").map_or("", |o| text(o, source));
                match operator {
                    "&&" | "||" | "??" => counts.complexity += 1,
                    "+" | "-" | "*" | "/" | "%" | "//" | "**" if !has_string_operand(node) => counts.arithmetic += 1,
                    _ => {}
                }
            }
            (
                Family::Python | Family::TypeScript | Family::Rust,
                "augmented_assignment" | "compound_assignment_expr",
            )
            | (Family::TypeScript, "augmented_assignment_expression") => {
                let operator = node.field("operator").map_or("", |o| text(o, source));
                if matches!(operator, "+=" | "-=" | "*=" | "/=" | "%=") && !has_string_operand(node) {
                    counts.arithmetic += 1;
                }
            }
            _ => {}
        }
    }
    counts
}

/// A Rust match arm that only unwraps a success (`Ok(v) => v`, `Some(v) =>
/// v`) or leaves with the error (`Err(e) => return Err(e.into())`, `None =>
/// return not_found()`), in a `match` made only of such arms: the `?`
/// operator written out, not a decision of the business.
fn is_error_plumbing<'t>(arm: Node<'t>, index: &NodeIndex<'t>, source: &str) -> bool {
    let plumbing = |arm: Node<'_>| {
        let Some(value) = arm.field("value") else { return false };
        let pattern = arm.field("pattern").map_or("", |p| text(p, source));
        let leaves = matches!(value.kind_name(), "return_expression" | "continue_expression" | "break_expression")
            || (value.kind_name() == "block"
                && value.named_child_count() == 1
                && value.named_child(0).is_some_and(|s| text(s, source).trim_start().starts_with("return")));
        let pattern = pattern.trim_start_matches('(');
        let value_text = text(value, source);
        // `Ok(v) => v`, or rewrapped: `Ok(v) => Some(v)`.
        let unwraps = (pattern.starts_with("Ok(") || pattern.starts_with("Some("))
            && (matches!(value.kind_name(), "identifier" | "tuple_expression")
                || value.kind_name() == "call_expression"
                    && ["Some(", "Ok("].iter().any(|w| value_text.starts_with(w))
                    && pattern
                        .split_once('(')
                        .is_some_and(|(_, bound)| value_text.split_once('(').is_some_and(|(_, arg)| arg == bound)));
        // `None => None`: an `Option` mapped by hand.
        let passes_none = pattern == "None" && value_text == "None";
        leaves || unwraps || passes_none
    };
    let Some(block) = index.parent(arm) else { return false };
    let arms: Vec<Node<'_>> = block.named_child_nodes().filter(|a| a.kind_name() == "match_arm").collect();
    arms.len() >= 2 && arms.iter().all(|a| plumbing(*a))
}

/// A conditional expression that gives a value read from what its
/// condition tests, or nothing (`clean(bio) if bio else None`,
/// `req.at ? new Date(req.at) : undefined`): the reading of an optional
/// field of the request, not a decision.
fn is_optional_value(node: Node<'_>, source: &str) -> bool {
    let parts: Vec<Node<'_>> = node.named_child_nodes().filter(|c| !c.kind_name().contains("comment")).collect();
    // Python: `a if cond else b`; TS: `cond ? a : b`.
    let (condition, values) = match (node.kind_name(), parts.as_slice()) {
        ("conditional_expression", [a, condition, b]) => (*condition, [*a, *b]),
        ("ternary_expression", [condition, a, b]) => (*condition, [*a, *b]),
        _ => return false,
    };
    let nothing = |v: &Node<'_>| matches!(text(*v, source), "None" | "null" | "undefined");
    let Some(value) = values.iter().find(|v| !nothing(v)) else { return false };
    if !values.iter().any(nothing) {
        return false;
    }
    let tested = text(condition, source);
    let tested = tested
        .trim_start_matches("not ")
        .trim_start_matches('!')
        .trim_end_matches(" is not None")
        .trim_end_matches(" is None")
        .trim_end_matches(" != null")
        .trim_end_matches(" !== undefined");
    let compound = [" and ", " or ", "&&", "||"].iter().any(|op| tested.contains(op));
    !compound && !tested.is_empty() && text(*value, source).contains(tested)
}

/// An `except` / `catch` clause that only answers the error (at most one
/// statement, a log call say, before a `return`, `raise` or `throw`): the
/// error mapped to its response, as Rust's `?` does, not a decision.
fn answers_error(clause: Node<'_>) -> bool {
    let body = clause.field("body").or_else(|| clause.named_child_nodes().find(|c| c.kind_name() == "block"));
    let Some(body) = body else { return false };
    let statements: Vec<Node<'_>> = body.named_child_nodes().filter(|c| !c.kind_name().contains("comment")).collect();
    statements.len() <= 2
        && statements
            .last()
            .is_some_and(|s| matches!(s.kind_name(), "return_statement" | "raise_statement" | "throw_statement"))
}

/// A Rust `if let Err(e) = call() { return e; }` (or `return Err(e)`),
/// with no `else`: the error returned as `?` would.
fn returns_the_error(node: Node<'_>, source: &str) -> bool {
    let condition = node.field("condition").map_or("", |c| text(c, source));
    let Some(consequence) = node.field("consequence") else { return false };
    node.field("alternative").is_none()
        && condition.trim_start().starts_with("let Err(")
        && consequence.named_child_count() == 1
        && consequence.named_child(0).is_some_and(|s| text(s, source).trim_start().starts_with("return"))
}

fn is_statement(family: Family, node: Node<'_>) -> bool {
    let kind = node.kind_name();
    match family {
        Family::Python => kind.ends_with("_statement") && kind != "future_import_statement",
        Family::TypeScript => {
            (kind.ends_with("_statement") && !matches!(kind, "statement_block" | "empty_statement"))
                || matches!(kind, "lexical_declaration" | "variable_declaration")
        }
        Family::Rust => matches!(kind, "expression_statement" | "let_declaration"),
    }
}

fn has_string_operand(node: Node<'_>) -> bool {
    ["left", "right"].iter().any(|field| {
        node.field(field).is_some_and(|o| {
            matches!(o.kind_name(), "string" | "template_string" | "string_literal" | "raw_string_literal" | "f_string")
        })
    })
}

/// Whether the `if` (or `elif`) `node` ends the request with a client error
/// about the input: its own branch (not the `else` part) exits with a
/// 400/422 status or a validation error.
fn is_validation(node: Node<'_>, source: &str) -> bool {
    let Some(consequence) = node.field("consequence") else { return false };
    let body = text(consequence, source);
    let exits = ["return", "raise", "throw", "abort", "Err("].iter().any(|w| body.contains(w));
    exits && mentions_client_error(body)
}

/// Whether `body` names a 400/422 answer or a validation error.
pub fn mentions_client_error(body: &str) -> bool {
    const WORDS: &[&str] = &[
        "BAD_REQUEST",
        "BadRequest",
        "UNPROCESSABLE",
        "Unprocessable",
        "ValidationError",
        "ValidationException",
        "ValidationFailed",
        "InvalidInput",
        "InvalidPayload",
    ];
    if WORDS.iter().any(|w| body.contains(w)) {
        return true;
    }
    let bytes = body.as_bytes();
    ["400", "422"].iter().any(|code| {
        body.match_indices(code).any(|(at, _)| {
            let before = at.checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(at + 3).copied();
            !before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.')
                && !after.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.')
        })
    })
}

/// The lines of a Python function's docstring (API documentation, often
/// longer than the code): not counted in the length the message gives.
fn docstring_lines(function: Node<'_>) -> usize {
    let first = function.field("body").and_then(|b| b.named_child(0));
    match first {
        Some(statement)
            if statement.kind_name() == "expression_statement"
                && statement.named_child(0).is_some_and(|s| s.kind_name() == "string") =>
        {
            statement.end_position().row - statement.start_position().row + 1
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_errors() {
        assert!(mentions_client_error("return jsonify(error='x'), 400"));
        assert!(mentions_client_error("return res.status(422).json({})"));
        assert!(mentions_client_error("return Err(StatusCode::BAD_REQUEST)"));
        assert!(mentions_client_error("raise ValidationError('bad')"));
        assert!(!mentions_client_error("return 4000"));
        assert!(!mentions_client_error("return 404"));
        assert!(!mentions_client_error("total = 1.400"));
    }

    /// The counts of the first function of `source`.
    fn counts_of(language: crate::lang::Language, source: &str) -> Counts {
        let tree = crate::lang::parse(language, source);
        let index = NodeIndex::build(language, &tree);
        count(language.family(), tree.root_node().child(0).unwrap(), &index, source)
    }

    #[test]
    fn counts_python() {
        let source = "def f(req):\n    if not req.name:\n        abort(400)\n    if req.vip:\n        x = req.total * 2\n    for i in req.items:\n        pass\n    return x\n";
        let counts = counts_of(crate::lang::Language::Python, source);
        assert_eq!((counts.checks, counts.branches, counts.loops, counts.arithmetic), (1, 1, 1, 1));
        assert_eq!(counts.complexity, 4);
    }

    #[test]
    fn a_match_that_unwraps_or_returns_the_error_is_not_business_logic() {
        let source = "async fn f(id: i64) -> Response {\n    let user = match load(id).await {\n        Ok(user) => user,\n        Err(resp) => return resp,\n    };\n    match user.plan {\n        Plan::Free => 0,\n        Plan::Pro => 1,\n    }\n}\n";
        let counts = counts_of(crate::lang::Language::Rust, source);
        assert_eq!((counts.branches, counts.complexity), (2, 3));
    }

    #[test]
    fn an_optional_field_read_is_not_a_branch() {
        let source = "def f(req):\n    bio = clean(req.bio) if req.bio else None\n    tier = 'gold' if req.total > 100 else 'basic'\n    return bio, tier\n";
        let counts = counts_of(crate::lang::Language::Python, source);
        assert_eq!((counts.branches, counts.complexity), (1, 2));
        let source =
            "function f(req) {\n  const at = req.at ? new Date(req.at) : undefined;\n  return req.vip ? 2 : 1;\n}\n";
        let counts = counts_of(crate::lang::Language::TypeScript, source);
        assert_eq!((counts.branches, counts.complexity), (1, 2));
    }

    #[test]
    fn an_error_mapped_to_its_answer_is_not_complexity() {
        let source = "def f(req):\n    try:\n        data = load(req)\n    except ValueError as e:\n        log.error(e)\n        return bad_request()\n    except KeyError:\n        data = {}\n        retry(req)\n    return data\n";
        let counts = counts_of(crate::lang::Language::Python, source);
        assert_eq!(counts.complexity, 2);
    }

    #[test]
    fn a_docstring_is_not_counted_in_the_length() {
        let source = "def f(req):\n    \"\"\"Get items.\n\n    **Example**: GET /items\n    \"\"\"\n    return req\n\ndef g(req):\n    return req\n";
        let tree = crate::lang::parse(crate::lang::Language::Python, source);
        let root = tree.root_node();
        assert_eq!(docstring_lines(root.child(0).unwrap()), 4);
        assert_eq!(docstring_lines(root.child(1).unwrap()), 0);
    }
}
