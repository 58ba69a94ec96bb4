//! Database knowledge shared by every rule that reasons about data access:
//! which calls run raw SQL (and which argument is the query), which calls go
//! through an ORM or another data-access API, what a receiver is (from
//! imports, constructors, annotations and simple assignments), how a query
//! string was built, and which functions of a file query the database.
//!
//! One module per language answers for its grammar; [`DbFacts`] is the
//! per-file analysis (computed once per file, see `FileView::db`), and
//! [`Db`] is the view rules ask questions through.
//!
//! Scope of the receiver inference: names are tracked per file, not per
//! scope. `conn = sqlite3.connect(..)` anywhere in a file makes `conn` a
//! connection everywhere in it.

mod eval;
pub mod memoized;
pub mod python;
pub mod rust;
pub mod sql_text;
pub mod typescript;

use crate::lang::NodeExt;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use tree_sitter::Node;

use super::{Family, NodeIndex, text};
use crate::lang::python::Imports as PyImports;
use crate::lang::rust::Uses as RustUses;
use crate::lang::typescript::Imports as TsImports;

/// The names of several lists, sorted and deduplicated, for a binary search
/// (the method names a call must have to be worth classifying).
pub(crate) fn name_table(lists: &[&[&'static str]]) -> Vec<&'static str> {
    let mut names = lists.concat();
    names.sort_unstable();
    names.dedup();
    names
}

/// What a receiver (a variable, attribute or field) holds, as far as the file
/// shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Receiver {
    /// A driver connection, pool or client that runs SQL text: a DB-API
    /// connection, asyncpg pool, `pg.Pool`, mysql2 connection, better-sqlite3
    /// database, sqlx pool, rusqlite `Connection`, tokio-postgres `Client`.
    Connection,
    /// A DB-API cursor.
    Cursor,
    /// An ORM entry point that runs both ORM and raw queries: a SQLAlchemy
    /// session or engine, a Prisma client, a knex or Sequelize instance, a
    /// TypeORM data source or entity manager, a sea-orm connection.
    Orm,
    /// An ORM model class, manager or repository: Django `Model.objects`,
    /// a Prisma model delegate, a TypeORM repository, a Sequelize, Mongoose,
    /// Peewee or Tortoise model.
    Model,
    /// A postgres.js `sql` instance (tagged templates are safe, `sql.unsafe` is raw).
    SqlTag,
    /// A SQL query builder that appends raw text (sqlx `QueryBuilder`).
    QueryBuilder,
}

/// What a data-access call does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbCallKind {
    /// Runs (or prepares) SQL text given as an argument.
    RawSql,
    /// Reads or writes through an ORM or a query builder.
    Orm,
}

/// A call recognised as data access.
#[derive(Clone, Debug)]
pub struct DbCall<'t> {
    pub call: Node<'t>,
    pub kind: DbCallKind,
    /// The API as the user reads it: `cursor.execute`, `sqlx::query`, `knex.raw`.
    pub api: String,
    /// The query argument of a raw-SQL call.
    pub query: Option<Node<'t>>,
    /// Whether the call was recognised from its receiver or import (`true`)
    /// or only from a method name commonly used for SQL (`false`: trust it
    /// only when the query text is SQL).
    pub confident: bool,
    /// Whether the query is safe by construction whatever it interpolates
    /// (a `sql` tagged template, Prisma `$queryRaw`, sqlx `query!`).
    pub safe_by_construction: bool,
    /// Whether the call runs a query: `false` for a query builder's
    /// `QueryBuilder::new` and `.push(..)`, which only assemble its text
    /// (an injection sink, but no round trip to the database).
    pub runs: bool,
}

impl DbCall<'_> {
    /// Whether the call passes parameters after its query
    /// (`knex.raw(sql, bindings)`, `cursor.execute(sql, params)`): its author
    /// binds the values, so what is interpolated is chosen to be structure.
    pub fn passes_parameters(&self) -> bool {
        self.query.and_then(|q| q.next_named_sibling()).is_some_and(|n| !n.is_extra())
    }

    /// Whether the call's values are bound, as parameters after its query
    /// or, in Rust, on the query it returns (`sqlx::query(&sql).bind(x)`,
    /// `q = q.bind(x)` or `q = bind_value(q, x)` later in the function).
    pub fn binds_parameters(&self, family: Family, source: &str) -> bool {
        self.passes_parameters() || family == Family::Rust && rust::bound_later(self.call, source)
    }
}

/// One database access made by a handler body.
pub struct Access<'t> {
    /// The call in the handler's body.
    pub call: Node<'t>,
    /// What it is, for messages: "`cursor.execute`", "`load_user` (which runs `cursor.execute`)".
    pub what: String,
    /// Whether it runs SQL text (a driver call, a raw query), not an ORM query.
    pub raw_sql: bool,
}

/// How a query value was built, as far as one function shows.
#[derive(Clone, Debug)]
pub enum QueryValue<'t> {
    /// Literals and constants only.
    Constant,
    /// Built at run time from a value that is not a constant.
    Dynamic(Dynamic<'t>),
    /// Not built here (a parameter, a call result): nothing to say.
    Unknown,
}

/// A query built at run time.
#[derive(Clone, Debug)]
pub struct Dynamic<'t> {
    /// Where the non-constant value enters the string.
    pub hole: Node<'t>,
    /// The interpolated expression as written.
    pub hole_text: String,
    /// How it was built: "an f-string", "`+` concatenation", ...
    pub how: &'static str,
    /// The earlier statement that built the string, when it is not the
    /// sink's argument itself.
    pub built_at: Option<Node<'t>>,
    /// The literal SQL of the format string that holds the hole, when the
    /// evaluator saw all its fields (Rust `format!`); otherwise
    /// [`template_of_hole`] reads it off the f-string or template literal.
    pub template: Option<Template>,
}

impl<'t> QueryValue<'t> {
    pub fn is_constant(&self) -> bool {
        matches!(self, QueryValue::Constant)
    }

    /// The run-time hole this value brings into a query: its own, none for a
    /// constant, or `unknown()` for a value not built here (a parameter, a
    /// call result), which is itself the hole.
    pub fn hole_or(self, unknown: impl FnOnce() -> Dynamic<'t>) -> Option<Dynamic<'t>> {
        match self {
            QueryValue::Dynamic(d) => Some(d),
            QueryValue::Constant => None,
            QueryValue::Unknown => Some(unknown()),
        }
    }
}

/// Import bindings of a file, by family.
#[derive(Clone, Copy)]
pub enum Bindings<'a> {
    Python(&'a PyImports),
    TypeScript(&'a TsImports),
    Rust(&'a RustUses),
}

/// What one function of a file does with the database.
#[derive(Clone, Debug)]
pub struct FunctionSummary {
    /// The function's name, after its class's for a method (`TaskView.get`).
    pub name: String,
    /// Byte range of the function.
    pub range: Range<usize>,
    /// Byte range and API of the first data-access call made directly in the
    /// body (nested functions excluded).
    pub direct: Option<(Range<usize>, String)>,
    /// Names of the functions the body calls (bare names).
    pub callees: Vec<String>,
    /// The callees called outside error handlers (`except`, `catch`).
    pub ordinary_callees: Vec<String>,
    /// Whether it queries, directly or through other functions of the file.
    pub queries: bool,
    /// Whether it queries on its ordinary path: a query, or a call to a
    /// function that queries on its own ordinary path, outside the error
    /// handlers of its body (a query made only when something failed does
    /// not run once per call). Set directly while summarising, propagated by
    /// [`Summaries::new`].
    pub ordinary: bool,
    /// When it queries only through another function: that function's name.
    pub via: Option<String>,
}

/// Which functions of a file query the database. Keyed by name (methods
/// after their class's, `TaskView.get`): two functions with the same key are
/// merged (either querying makes the key query). A project index can later add summaries of other files' functions
/// under their qualified names and run the same fixpoint.
#[derive(Clone, Debug, Default)]
pub struct Summaries {
    pub functions: Vec<FunctionSummary>,
    by_name: HashMap<String, usize>,
    /// The file's trusted data-access calls, by byte range, with their API.
    accesses: HashMap<(usize, usize), String>,
}

/// The first of `callees` (calls made by function `i`) that names another
/// function of the file for which `holds` is true.
fn reached<'f>(
    functions: &[FunctionSummary],
    by_name: &HashMap<String, usize>,
    i: usize,
    callees: &'f [String],
    holds: impl Fn(&FunctionSummary) -> bool,
) -> Option<&'f String> {
    callees.iter().find(|c| **c != functions[i].name && by_name.get(*c).is_some_and(|&j| holds(&functions[j])))
}

impl Summaries {
    /// Builds the summaries and propagates "queries" through same-file calls
    /// until nothing changes.
    pub fn new(mut functions: Vec<FunctionSummary>) -> Summaries {
        for f in &mut functions {
            f.queries = f.direct.is_some();
        }
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (i, f) in functions.iter().enumerate() {
            match by_name.get(&f.name) {
                Some(&j) if functions[j].queries || !f.queries => {}
                _ => {
                    by_name.insert(f.name.clone(), i);
                }
            }
        }
        // Both answers (queries at all, queries on the ordinary path) through
        // the calls of each kind, until nothing changes.
        loop {
            let mut changed = false;
            for i in 0..functions.len() {
                if !functions[i].queries
                    && let Some(callee) = reached(&functions, &by_name, i, &functions[i].callees, |f| f.queries)
                {
                    let callee = callee.clone();
                    functions[i].queries = true;
                    functions[i].via = Some(callee);
                    changed = true;
                    if let Some(&j) = by_name.get(&functions[i].name)
                        && !functions[j].queries
                    {
                        by_name.insert(functions[i].name.clone(), i);
                    }
                }
                if !functions[i].ordinary
                    && reached(&functions, &by_name, i, &functions[i].ordinary_callees, |f| f.ordinary).is_some()
                {
                    functions[i].ordinary = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        Summaries { functions, by_name, accesses: HashMap::new() }
    }

    /// Whether the file makes any trusted data-access call.
    pub fn has_data_access(&self) -> bool {
        !self.accesses.is_empty()
    }

    /// Whether any function of the file queries (directly or through others).
    pub fn any_querying(&self) -> bool {
        self.functions.iter().any(|f| f.queries)
    }

    /// The summary of the function called `name`, if it queries.
    pub fn querying(&self, name: &str) -> Option<&FunctionSummary> {
        self.by_name.get(name).map(|&i| &self.functions[i]).filter(|f| f.queries)
    }

    /// The data-access call a querying function ends up making: follows
    /// `via` links to the function that queries directly.
    pub fn origin(&self, name: &str) -> Option<&FunctionSummary> {
        let mut current = self.querying(name)?;
        let mut seen = HashSet::new();
        while current.direct.is_none() {
            let via = current.via.as_deref()?;
            if !seen.insert(via.to_string()) {
                return None;
            }
            current = self.querying(via)?;
        }
        Some(current)
    }
}

/// The per-file database analysis, computed once per file.
#[derive(Debug, Default)]
pub struct DbFacts {
    /// Whether the file imports a database library (driver or ORM).
    pub uses_db: bool,
    /// Receivers by dotted name (`cur`, `self.db`, `pool`, `this.repo`).
    pub receivers: HashMap<String, Receiver>,
    /// Names of module-level constants (string/number literals or
    /// expressions of constants).
    pub constants: HashSet<String>,
    /// UPPER_CASE module-level names that are not constants (assigned more
    /// than once, or from a value that is not a literal): an UPPER_CASE name
    /// outside this set and `constants` is imported, and trusted as a constant.
    pub non_constants: HashSet<String>,
    /// Names assigned from a constructor of another imported library
    /// (`session = requests.Session()`, `const client = new ApolloClient()`):
    /// never database receivers, whatever their name suggests.
    pub not_db: HashSet<String>,
    /// TypeScript fields (`this.tableName`) that every assignment of the
    /// file sets to an escaped identifier or a literal
    /// (`this.tableName = driver.escape(`${prefix}task`)`): safe to
    /// interpolate into SQL text.
    pub escaped_fields: HashSet<String>,
    /// Per-function summaries, computed on first use (see [`Db::summaries`]).
    summaries: std::cell::OnceCell<Summaries>,
}

impl DbFacts {
    /// Collects a file's facts from its nodes: `nodes_of(kinds)` returns the
    /// file's nodes of those kinds in document order (the shared node index).
    pub fn collect<'t>(
        nodes_of: impl Fn(&[&'static str]) -> Vec<Node<'t>>,
        source: &str,
        bindings: Bindings<'_>,
    ) -> DbFacts {
        match bindings {
            Bindings::Python(imports) => python::collect(nodes_of(python::COLLECT_KINDS), source, imports),
            Bindings::TypeScript(imports) => typescript::collect(nodes_of(typescript::COLLECT_KINDS), source, imports),
            Bindings::Rust(uses) => rust::collect(nodes_of(rust::COLLECT_KINDS), source, uses),
        }
    }
}

/// The questions rules ask about a file's data access.
#[derive(Clone, Copy)]
pub struct Db<'a> {
    pub family: Family,
    /// The file's root node.
    pub root: Node<'a>,
    pub source: &'a str,
    pub bindings: Bindings<'a>,
    pub facts: &'a DbFacts,
    /// The file's node index (functions and calls for the summaries).
    pub nodes: &'a NodeIndex<'a>,
    /// The file's calls classified as data access, filled on first use.
    pub calls: &'a std::cell::OnceCell<Vec<DbCall<'a>>>,
    /// The file's functions by name, for loops over what one returns.
    pub functions: &'a FileFunctions<'a>,
}

impl<'a> Db<'a> {
    /// Whether `call` is a data-access call, and of which kind. `call` is a
    /// `call` (Python), `call_expression` (TS/JS, Rust) or `macro_invocation`
    /// (Rust); anything else gives `None`.
    pub fn call<'t>(&self, call: Node<'t>) -> Option<DbCall<'t>> {
        match self.bindings {
            Bindings::Python(imports) => python::classify(call, self.source, imports, self.facts),
            Bindings::TypeScript(imports) => typescript::classify(call, self.source, imports, self.facts),
            Bindings::Rust(uses) => rust::classify(call, self.source, uses, self.facts),
        }
    }

    /// Whether `call` is a data-access call that can be trusted: recognised
    /// from its receiver or import, or, when only its method name is known
    /// (`x.execute(..)`), with SQL text in its query argument.
    pub fn data_access<'t>(&self, call: Node<'t>) -> Option<DbCall<'t>> {
        self.call(call).filter(|c| self.trusted(c))
    }

    /// The file's data-access calls (trusted or not), in document order,
    /// each call node classified once per file and shared by every rule.
    pub fn calls(&self) -> &'a [DbCall<'a>] {
        self.calls.get_or_init(|| {
            self.nodes.of_kinds(call_kinds(self.family)).into_iter().filter_map(|c| self.call(c)).collect()
        })
    }

    /// The file's raw-SQL calls, in document order (see [`Db::calls`]).
    pub fn raw_sql_calls(&self) -> impl Iterator<Item = &'a DbCall<'a>> + 'a {
        self.calls().iter().filter(|c| c.kind == DbCallKind::RawSql)
    }

    /// Whether a classified call is trusted data access (see [`Db::data_access`]).
    fn trusted(&self, c: &DbCall<'_>) -> bool {
        c.confident
            || c.query
                .is_some_and(|q| super::descendants(q).any(|s| self.is_string_literal(s) && self.is_sql_literal(s)))
    }

    /// Which functions of the file query (computed once per file).
    pub fn summaries(&self) -> &'a Summaries {
        self.facts.summaries.get_or_init(|| self.summarise())
    }

    /// Whether `call` is a raw-SQL call; gives the call with its query argument.
    pub fn raw_sql_sink<'t>(&self, call: Node<'t>) -> Option<DbCall<'t>> {
        self.call(call).filter(|c| c.kind == DbCallKind::RawSql)
    }

    /// What the receiver expression `node` holds, if known.
    pub fn receiver(&self, node: Node<'_>) -> Option<Receiver> {
        let name = match self.family {
            Family::Python => crate::lang::python::dotted_name(node, self.source),
            Family::TypeScript => crate::lang::typescript::dotted_name(node, self.source),
            Family::Rust => Some(text(node, self.source).trim_start_matches(['&', '*']).to_string()),
        }?;
        self.facts.receivers.get(&name).copied()
    }

    /// How the query expression `query` was built, following local
    /// variables inside the enclosing function.
    pub fn query_value(&self, query: Node<'a>) -> QueryValue<'a> {
        // The scope from the node index's parent links, not Node::parent.
        let kinds = match self.family {
            Family::Python => python::query_scope_kinds(),
            Family::TypeScript => typescript::query_scope_kinds(),
            Family::Rust => rust::query_scope_kinds(),
        };
        let scope = self.nodes.ancestor_of_kind(query, kinds);
        let (source, facts, at) = (self.source, self.facts, query.start_byte());
        match self.family {
            Family::Python => eval::Eval::<python::PythonSyntax>::new(source, facts, scope).value(query, at),
            Family::TypeScript => {
                eval::Eval::<typescript::TypeScriptSyntax>::new(source, facts, scope).value(query, at)
            }
            Family::Rust => eval::Eval::<rust::RustSyntax>::new(source, facts, scope).value(query, at),
        }
    }

    /// The data-access calls made in `function` (a handler's function node):
    /// direct driver/ORM calls, and calls to same-file functions that query.
    /// A call nested in another recognised call (`Model.objects.filter(..).first()`)
    /// counts once.
    pub fn accesses_in(&self, function: Node<'a>) -> Vec<Access<'a>> {
        let mut found: Vec<Access<'a>> = Vec::new();
        let mut covered: Vec<Range<usize>> = Vec::new();
        // The calls inside the function, from the node index (no leaf walk).
        for &node in self.nodes.inside(function) {
            if !self.is_call(node) || covered.iter().any(|r| r.start <= node.start_byte() && node.end_byte() <= r.end) {
                continue;
            }
            if let Some(call) = self.data_access(node) {
                covered.push(node.byte_range());
                let raw_sql = call.kind == DbCallKind::RawSql;
                found.push(Access { call: node, what: format!("`{}`", call.api), raw_sql });
                continue;
            }
            if let Some(name) = self.local_callee(node)
                && self.summaries().querying(&name).is_some()
            {
                if self.summary_key(function).as_ref() == Some(&name) {
                    continue;
                }
                let direct = self.summaries().origin(&name).and_then(|o| o.direct.clone());
                let raw_sql = direct.as_ref().is_some_and(|(range, _)| {
                    self.calls().iter().any(|c| c.call.byte_range() == *range && c.kind == DbCallKind::RawSql)
                });
                let api = direct.map(|(_, api)| api);
                covered.push(node.byte_range());
                let what = match api {
                    Some(api) => format!("`{name}` (which runs `{api}`)"),
                    None => format!("`{name}` (which queries the database)"),
                };
                found.push(Access { call: node, what, raw_sql });
            }
        }
        found
    }

    /// Whether the SQL text that `call` (or a call inside it, for a chain
    /// like `sqlx::query(stmt).execute(..)`) runs is the item of `found`
    /// itself, or a whole statement built around it (`EXPLAIN {query}`):
    /// each iteration runs a different statement, which no single query
    /// could batch.
    pub fn runs_item_statement(&self, call: Node<'a>, found: &Loop<'_>) -> bool {
        let Some(items) = loop_items(found.node) else { return false };
        let items = text(items, self.source);
        let names_item = |expression: &str| {
            let root = expression.trim_start_matches(['&', '*']).split(['.', '[', '(']).next().unwrap_or("");
            !root.is_empty() && contains_path(items, root)
        };
        for n in crate::lang::descendants(call).filter(|&n| self.is_call(n)) {
            let Some(query) = self.call(n).and_then(|c| c.query) else { continue };
            return match self.query_value(query) {
                QueryValue::Constant => false,
                QueryValue::Unknown => names_item(text(query, self.source)),
                QueryValue::Dynamic(dynamic) => {
                    let template = dynamic.template.or_else(|| template_of_hole(dynamic.hole, self.source));
                    template.is_some_and(|t| {
                        !t.before_holes.is_empty()
                            && t.before_holes.iter().all(|before| sql_text::is_statement_position(before))
                    }) && names_item(&dynamic.hole_text)
                }
            };
        }
        false
    }

    /// Whether the string literal (or template) `node` holds SQL text,
    /// judged by its static parts.
    pub fn is_sql_literal(&self, node: Node<'_>) -> bool {
        // Cheapest filter first: the literal's text must start with a statement keyword.
        if !self.starts_like_sql(node) {
            return false;
        }
        let parts = match self.family {
            Family::Python => python::literal_parts(node, self.source),
            Family::TypeScript => typescript::literal_parts(node, self.source),
            Family::Rust => rust::literal_parts(node, self.source),
        };
        parts.is_some_and(|parts| sql_text::parts_are_sql(&parts))
    }

    /// Whether `node` is a `+` concatenation whose literal pieces, with a
    /// hole for each other operand, make a SQL statement: `"SELECT * FROM t
    /// WHERE a = '" + a + "'"` is SQL though none of its pieces parses alone.
    /// Rust's pieces may be owned (`"..".to_string() + &a`).
    pub fn is_sql_concatenation(&self, node: Node<'_>) -> bool {
        if !is_plus(node, self.source) {
            return false;
        }
        let mut operands = Vec::new();
        flatten_plus(node, self.source, &mut operands);
        let first = operands.first().and_then(|&o| self.literal_of_operand(o));
        if !first.is_some_and(|l| self.starts_like_sql(l)) {
            return false;
        }
        let mut parts = vec![String::new()];
        for operand in operands {
            let pieces = self.literal_of_operand(operand).and_then(|l| match self.family {
                Family::Python => python::literal_parts(l, self.source),
                Family::TypeScript => typescript::literal_parts(l, self.source),
                Family::Rust => rust::literal_parts(l, self.source),
            });
            match pieces {
                Some(pieces) => {
                    let mut pieces = pieces.into_iter();
                    if let (Some(first), Some(last)) = (pieces.next(), parts.last_mut()) {
                        last.push_str(&first);
                    }
                    parts.extend(pieces);
                }
                None => parts.push(String::new()),
            }
        }
        sql_text::parts_are_sql(&parts)
    }

    /// The literal an operand of a concatenation is: itself, or in Rust the
    /// literal an owned string is made from (`"..".to_string()`,
    /// `String::from("..")`).
    fn literal_of_operand<'t>(&self, operand: Node<'t>) -> Option<Node<'t>> {
        if self.is_string_literal(operand) || operand.kind_name() == "concatenated_string" {
            return Some(operand);
        }
        if self.family != Family::Rust || operand.kind_name() != "call_expression" {
            return None;
        }
        let function = operand.field("function")?;
        let literal = match function.kind_name() {
            "field_expression"
                if matches!(
                    function.field("field").map(|f| text(f, self.source)),
                    Some("to_string" | "to_owned" | "into")
                ) =>
            {
                function.field("value")?
            }
            "scoped_identifier" if text(function, self.source) == "String::from" => {
                operand.field("arguments")?.named_child(0)?
            }
            _ => return None,
        };
        self.is_string_literal(literal).then_some(literal)
    }

    /// Whether the literal `node`'s text starts with a SQL statement keyword:
    /// the cheap first test of [`Db::is_sql_literal`], which most strings fail.
    pub fn starts_like_sql(&self, node: Node<'_>) -> bool {
        let raw = text(node, self.source);
        let quote = raw.find(['"', '\'', '`']).unwrap_or(0);
        let body = raw[quote..].trim_start_matches(['"', '\'', '`', '#']);
        sql_text::starts_with_sql_keyword(body)
    }

    /// Whether `node` is a string literal node of this family (the nodes
    /// [`Db::is_sql_literal`] judges).
    pub fn is_string_literal(&self, node: Node<'_>) -> bool {
        match self.family {
            Family::Python => {
                node.kind_name() == "string" && node.parent().is_none_or(|p| p.kind_name() != "concatenated_string")
            }
            Family::TypeScript => matches!(node.kind_name(), "string" | "template_string"),
            Family::Rust => matches!(node.kind_name(), "string_literal" | "raw_string_literal"),
        }
    }

    /// Whether `node` is a call node of this family.
    pub fn is_call(&self, node: Node<'_>) -> bool {
        match self.family {
            Family::Python => node.kind_name() == "call",
            Family::TypeScript => node.kind_name() == "call_expression",
            Family::Rust => matches!(node.kind_name(), "call_expression" | "macro_invocation"),
        }
    }

    /// The function (definition, method, arrow, closure) enclosing `node`.
    pub fn enclosing_function(&self, node: Node<'a>) -> Option<Node<'a>> {
        self.nodes.ancestor_of_kind(node, function_kinds(self.family))
    }

    /// The [`Summaries`] key of a same-file function `call` invokes:
    /// `helper()` by its name, `self.helper()`, `this.helper()` and
    /// `Self::helper()` after the caller's class (`TaskView.helper`).
    pub fn local_callee(&self, call: Node<'a>) -> Option<String> {
        let function = call.field("function")?;
        let (object, name) = match function.kind_name() {
            "identifier" => (None, function),
            "attribute" => (function.field("object"), function.field("attribute")?),
            "member_expression" => (function.field("object"), function.field("property")?),
            "field_expression" => (function.field("value"), function.field("field")?),
            "scoped_identifier" => (function.field("path"), function.field("name")?),
            _ => return None,
        };
        let name = text(name, self.source);
        match object {
            None => Some(name.to_string()),
            // `self.f()`: the method of this class, not a namesake in another.
            Some(object) if matches!(text(object, self.source), "self" | "this" | "cls" | "Self") => {
                Some(match self.class_name(call) {
                    Some(class) => format!("{class}.{name}"),
                    None => name.to_string(),
                })
            }
            Some(_) => None,
        }
    }

    /// The name of the class (or the type of the `impl` block) around `node`.
    fn class_name(&self, node: Node<'a>) -> Option<&'a str> {
        let class = self.nodes.ancestor_of_kind(node, crate::lang::handlers::CLASS_KINDS)?;
        let name = class.field("name").or_else(|| class.field("type"))?;
        Some(text(name, self.source))
    }

    /// The key of a function in the file's [`Summaries`]: its name, after its
    /// class's for a method (`TaskView.get`), as [`Db::local_callee`] names
    /// the callee of a call.
    pub fn summary_key(&self, function: Node<'a>) -> Option<String> {
        let Some(name) = self.function_name(function) else {
            // A handler factory's product (`function login() { return (req, res) => .. }`)
            // is keyed `login()`, the expression that makes it.
            let factory = returned_by(function, self.nodes)?;
            return Some(format!("{}()", self.summary_key(factory)?));
        };
        Some(match self.class_name(function) {
            Some(class) => format!("{class}.{name}"),
            None => name.to_string(),
        })
    }

    /// The nearest loop around `node` inside the same function: the loop
    /// node and the node to show as its header. `for`/`while`/`loop`,
    /// comprehensions, and callbacks of `.map`/`.forEach`/`.for_each`/...
    pub fn enclosing_loop(&self, node: Node<'a>) -> Option<Loop<'a>> {
        let functions = function_kinds(self.family);
        let mut child = node;
        let mut current = self.nodes.parent(node);
        // Set when the node sits in a branch that ends by leaving the loop.
        let mut exits: Option<Exit> = None;
        // The roots of the state a memoizing guard around the node keeps.
        let mut memo: Vec<(&str, Range<usize>)> = Vec::new();
        while let Some(n) = current {
            // `return` leaves only the innermost function: an iteration
            // callback still runs once per item.
            if functions.contains(&n.kind_name()) && exits == Some(Exit::Function) {
                exits = None;
            }
            // A loop that does not run per item of data is looked through:
            // an outer loop may still be.
            if let Some(found) =
                self.loop_at(n, child).filter(|l| runs_per_item(l.node, self.nodes, self.source, self.functions))
            {
                // A guard whose state the loop rebinds per item memoizes
                // nothing; one whose state it keeps is a memoized load.
                let kept = |(_, branch): &&(&str, Range<usize>)| {
                    !memo.iter().any(|(root, b)| b == branch && rebinds(found.node, root, b, self.source))
                };
                if memo.iter().any(|guard| kept(&guard)) {
                    return None;
                }
                memo.clear();
                match exits.take() {
                    None => return Some(found),
                    // The branch returns: no enclosing loop of this function repeats it.
                    Some(Exit::Function) => return None,
                    // The branch breaks out of this loop: an outer loop may repeat it.
                    Some(Exit::Loop) => {}
                }
            }
            if functions.contains(&n.kind_name()) && iteration_call_of(n, self.nodes, self.source).is_none() {
                return None;
            }
            // An error handler runs when something failed, not once per item.
            if matches!(n.kind_name(), "except_clause" | "catch_clause") {
                return None;
            }
            if exits.is_none() {
                exits = branch_exit(n, child);
            }
            memo.extend(memo_guard(n, child, self.source).into_iter().map(|root| (root, child.byte_range())));
            // `if len(buffer) >= BATCH: flush(buffer)`: once per batch, not per item.
            if flushes_full_buffer(n, child, self.source) {
                return None;
            }
            child = n;
            current = self.nodes.parent(n);
        }
        None
    }

    fn loop_at(&self, n: Node<'a>, child: Node<'a>) -> Option<Loop<'a>> {
        let in_body = |field: &'static str| n.field(field).is_some_and(|b| b.id() == child.id());
        match (self.family, n.kind_name()) {
            (Family::Python, "for_statement") | (Family::Python, "while_statement") => {
                in_body("body").then_some(Loop { node: n, header: n, what: "loop" })
            }
            (
                Family::Python,
                "list_comprehension" | "set_comprehension" | "dictionary_comprehension" | "generator_expression",
            ) => {
                let body = n.field("body")?;
                (body.id() == child.id()).then_some(Loop { node: n, header: n, what: "comprehension" })
            }
            (Family::TypeScript, "for_statement" | "for_in_statement" | "while_statement" | "do_statement") => {
                in_body("body").then_some(Loop { node: n, header: n, what: "loop" })
            }
            (Family::Rust, "for_expression" | "while_expression" | "loop_expression") => {
                in_body("body").then_some(Loop { node: n, header: n, what: "loop" })
            }
            (_, "arrow_function" | "function_expression" | "closure_expression") => {
                let call = iteration_call_of(n, self.nodes, self.source)?;
                let method = iteration_method(call, self.source)?;
                Some(Loop { node: call, header: call, what: method })
            }
            _ => None,
        }
    }

    /// Per-function summaries (see [`Summaries`]), from the node index: the
    /// file's functions and calls are swept once in document order, each call
    /// going to the innermost function around it (so the calls of nested
    /// functions are their own). Every call is classified here once; the
    /// data-access calls are kept for [`Db::access_at`].
    fn summarise(&self) -> Summaries {
        // A file without data-access calls has no querying function.
        if self.calls().is_empty() {
            return Summaries::default();
        }
        let functions = self.nodes.of_kinds(function_kinds(self.family));
        let calls = self.nodes.of_kinds(call_kinds(self.family));
        let mut summaries: Vec<Option<FunctionSummary>> = functions
            .iter()
            .map(|&f| {
                self.summary_key(f).map(|name| FunctionSummary {
                    name,
                    range: f.byte_range(),
                    direct: None,
                    callees: Vec::new(),
                    ordinary_callees: Vec::new(),
                    queries: false,
                    ordinary: false,
                    via: None,
                })
            })
            .collect();
        let mut accesses = HashMap::new();
        let mut next = 0;
        let mut open: Vec<usize> = Vec::new();
        let mut classified = self.calls().iter().peekable();
        // Calls to read callee names from, once it is known that some
        // function queries (otherwise no call can make another one query).
        let mut pending: Vec<(usize, Node<'_>, bool)> = Vec::new();
        // Error handlers (`except`, `catch`), swept like the functions: a
        // call in one that belongs to the same function runs only when
        // something failed (see `FunctionSummary::ordinary`).
        let handlers = self.nodes.of_kinds(&["except_clause", "catch_clause"]);
        let mut next_handler = 0;
        let mut open_handlers: Vec<Node<'_>> = Vec::new();
        for call in calls {
            let at = call.start_byte();
            while next_handler < handlers.len() && handlers[next_handler].start_byte() <= at {
                open_handlers.push(handlers[next_handler]);
                next_handler += 1;
            }
            open_handlers.retain(|h| h.end_byte() > at);
            while next < functions.len() && functions[next].start_byte() <= at {
                let start = functions[next].start_byte();
                while open.last().is_some_and(|&f| functions[f].end_byte() <= start) {
                    open.pop();
                }
                open.push(next);
                next += 1;
            }
            while open.last().is_some_and(|&f| functions[f].end_byte() <= at) {
                open.pop();
            }
            // `classified` holds the data-access calls among `calls`, in the same order.
            while classified.peek().is_some_and(|c| c.call.start_byte() < at) {
                classified.next();
            }
            let matched = classified.peek().copied().filter(|c| c.call.id() == call.id());
            if matched.is_some() {
                classified.next();
            }
            let access = matched.filter(|c| self.trusted(c) && c.runs).map(|c| c.api.clone());
            let owner = open.last().copied().filter(|&f| summaries[f].is_some());
            let on_error_path = open_handlers
                .last()
                .is_some_and(|h| open.last().is_none_or(|&f| functions[f].start_byte() < h.start_byte()));
            let summary = owner.and_then(|f| summaries[f].as_mut());
            match (access, summary) {
                (Some(api), Some(summary)) => {
                    if summary.direct.is_none() {
                        summary.direct = Some((call.byte_range(), api.clone()));
                    }
                    summary.ordinary |= !on_error_path;
                    accesses.insert((call.start_byte(), call.end_byte()), api);
                }
                (Some(api), None) => {
                    accesses.insert((call.start_byte(), call.end_byte()), api);
                }
                (None, Some(_)) => pending.extend(owner.map(|f| (f, call, on_error_path))),
                (None, None) => {}
            }
        }
        if summaries.iter().flatten().any(|s| s.direct.is_some()) {
            for (f, call, on_error_path) in pending {
                if let (Some(summary), Some(callee)) = (summaries[f].as_mut(), self.local_callee(call)) {
                    if !on_error_path {
                        summary.ordinary_callees.push(callee.clone());
                    }
                    summary.callees.push(callee);
                }
            }
        }
        let mut summaries = Summaries::new(summaries.into_iter().flatten().collect());
        summaries.accesses = accesses;
        summaries
    }

    /// The ORM models and repositories the file binds at module level under a
    /// plain name (`class User extends Model`, `const Post =
    /// mongoose.model(..)`, `export const UserRepository =
    /// dataSource.getRepository(User)`), in a file that uses a database
    /// library: another module that imports one of them queries when it calls
    /// one of its query methods ([`is_model_query_method`]). TypeScript and
    /// JavaScript only: Django and SQLAlchemy models are recognised at the
    /// call (`Item.objects.get`, `User.query.filter_by`) wherever they are.
    pub fn model_names(&self) -> Vec<String> {
        if self.family != Family::TypeScript || !self.facts.uses_db {
            return Vec::new();
        }
        let mut names: Vec<String> = self
            .facts
            .receivers
            .iter()
            .filter(|(name, kind)| **kind == Receiver::Model && !name.contains('.'))
            .map(|(name, _)| name.clone())
            .collect();
        names.sort();
        names
    }

    /// The API of `call` when it is trusted data access, from the file's
    /// summaries (each call is classified once per file). `call` must be a
    /// call node of this family.
    pub fn access_at(&self, call: Node<'_>) -> Option<&'a str> {
        self.summaries().accesses.get(&(call.start_byte(), call.end_byte())).map(String::as_str)
    }

    /// The name of a function node: its own name, or the variable an arrow
    /// or function expression is assigned to.
    pub fn function_name(&self, function: Node<'_>) -> Option<&'a str> {
        if let Some(name) = function.field("name") {
            return Some(text(name, self.source));
        }
        let parent = self.nodes.parent(function)?;
        match parent.kind_name() {
            "variable_declarator" => parent.field("name").map(|n| text(n, self.source)),
            "pair" => parent.field("key").map(|n| text(n, self.source)),
            // `exports.show = async (req, res) => ..`: the name it is exported as.
            "assignment_expression" if parent.field("right").is_some_and(|r| r.id() == function.id()) => {
                let left = parent.field("left").filter(|l| l.kind_name() == "member_expression")?;
                let object = text(left.field("object")?, self.source);
                (object == "exports" || object == "module.exports")
                    .then(|| left.field("property").map(|p| text(p, self.source)))
                    .flatten()
            }
            _ => None,
        }
    }
}

/// The literal text of a format string, f-string or template literal that
/// holds a run-time hole.
#[derive(Clone, Debug, Default)]
pub struct Template {
    /// The literal text in front of the hole and in front of every later
    /// hole (`["… from ", "… from  where a = "]` for the hole `t` of
    /// `` `… from ${t} where a = ${v}` ``).
    pub before_holes: Vec<String>,
    /// All the literal text, holes left out.
    pub text: String,
}

/// For an interpolation hole inside a template literal or f-string, the
/// literal's [`Template`] from that hole on, or `None` when the hole is not
/// directly interpolated into one.
pub fn template_of_hole(hole: Node<'_>, source: &str) -> Option<Template> {
    let substitution = hole.parent().filter(|p| matches!(p.kind_name(), "template_substitution" | "interpolation"))?;
    let literal = substitution.parent()?;
    let mut template = Template::default();
    for part in literal.child_nodes() {
        if matches!(part.kind_name(), "string_fragment" | "string_content") {
            template.text.push_str(text(part, source));
        } else if matches!(part.kind_name(), "template_substitution" | "interpolation")
            && part.start_byte() >= substitution.start_byte()
        {
            template.before_holes.push(template.text.clone());
        }
    }
    Some(template)
}

/// The function that returns `function` directly: `return (req, res) => ..`
/// as a statement of its body, or as an arrow's expression body
/// (`const login = () => (req, res) => ..`).
pub fn returned_by<'t>(function: Node<'t>, index: &NodeIndex<'t>) -> Option<Node<'t>> {
    let parent = index.parent(function)?;
    let factory = match parent.kind_name() {
        "return_statement" => {
            let block = index.parent(parent).filter(|b| b.kind_name() == "statement_block")?;
            index.parent(block)?
        }
        "arrow_function" if parent.field("body").is_some_and(|b| b.id() == function.id()) => parent,
        _ => return None,
    };
    matches!(
        factory.kind_name(),
        "function_declaration" | "function_expression" | "arrow_function" | "method_definition"
    )
    .then_some(factory)
}

/// The roots of the state that `child`, the branch of the conditional `n`,
/// writes and `n`'s condition reads: `if key not in cache: cache[key] =
/// load(key)`, `if event != last: last = event; ...`. The branch runs once
/// per distinct value, a memoized load, not once per item. Empty when `n`
/// is no such guard.
fn memo_guard<'s>(n: Node<'_>, child: Node<'_>, source: &'s str) -> Vec<&'s str> {
    if !matches!(n.kind_name(), "if_statement" | "if_expression")
        || n.field("consequence").is_none_or(|c| c.id() != child.id())
    {
        return Vec::new();
    }
    let Some(condition) = n.field("condition") else { return Vec::new() };
    let condition = text(condition, source);
    let writes: Vec<&str> = crate::lang::descendants(child).filter_map(|d| written_state(d, source)).collect();
    // `if _org != entry.organizer or _ev != entry.event_id:` remembers every
    // compared value, or it re-runs for each item whose value it forgot.
    let forgotten = condition.split(" or ").flat_map(|part| part.split("||")).any(|part| {
        part.split_once("!=").is_some_and(|(last, _)| {
            let last = last.trim().trim_start_matches('(').trim();
            !last.is_empty() && !writes.contains(&last)
        })
    });
    if forgotten {
        return Vec::new();
    }
    let mut roots = Vec::new();
    for written in crate::lang::descendants(child).filter_map(|d| written_state(d, source)) {
        let leaf = written.rsplit('.').next().unwrap_or(written);
        let root = if contains_path(condition, written) {
            written.split(['.', '[']).next().unwrap_or(written)
        } else if let Some(method) = leaf.strip_suffix('(') {
            // `self._update_items_cache(..)` fills the `self._items_cache` the
            // condition tests (the method is named after it): that path is
            // the state, which the loop must not set afresh.
            let tested = condition
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .find(|path| path.rsplit('.').next().is_some_and(|name| name.len() >= 6 && method.contains(name)));
            match tested {
                Some(path) => path,
                None => continue,
            }
        } else {
            continue;
        };
        if !roots.contains(&root) {
            roots.push(root);
        }
    }
    roots
}

/// What a statement of a branch writes: the target of an assignment (its
/// object for `x[k] = ..`), the receiver of a mutating call (`seen.add(k)`),
/// or, as `name(`, a method whose name says it fills something
/// (`self._update_items_cache(..)`).
fn written_state<'s>(node: Node<'_>, source: &'s str) -> Option<&'s str> {
    match node.kind_name() {
        "assignment" | "augmented_assignment" | "assignment_expression" | "augmented_assignment_expression" => {
            let mut target = node.field("left")?;
            while matches!(target.kind_name(), "subscript" | "subscript_expression" | "index_expression") {
                target = target.field("value").or_else(|| target.field("object")).or_else(|| target.named_child(0))?;
            }
            matches!(target.kind_name(), "identifier" | "attribute" | "member_expression" | "field_expression")
                .then(|| text(target, source))
        }
        "call" | "call_expression" => {
            let function = node.field("function")?;
            let method = function.field("attribute").or_else(|| function.field("property"))?;
            let object = function.field("object")?;
            let name = text(method, source);
            if matches!(name, "add" | "set" | "update" | "setdefault" | "append" | "push" | "insert") {
                return Some(text(object, source));
            }
            let end = method.end_byte() + 1;
            (name.contains("cache") && source.is_char_boundary(end)).then(|| &source[function.start_byte()..end])
        }
        _ => None,
    }
}

/// Whether `haystack` mentions the dotted `path` as a whole name.
fn contains_path(haystack: &str, path: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    haystack.match_indices(path).any(|(i, _)| {
        !haystack[..i].chars().next_back().is_some_and(|c| word(c) || c == '.')
            && !haystack[i + path.len()..].chars().next().is_some_and(word)
    })
}

/// Whether the loop `loop_node` sets `name` afresh per item, outside the
/// guard's `branch`: in its header's target (`for name in ..`, a callback's
/// parameters) or in a statement of its body (`ct = find(pos)` before `if
/// not ct: ..`).
fn rebinds(loop_node: Node<'_>, name: &str, branch: &Range<usize>, source: &str) -> bool {
    let header = loop_items(loop_node).map_or("", |items| text(items, source));
    contains_path(header, name)
        || crate::lang::descendants(loop_node)
            .any(|d| !(branch.start <= d.start_byte() && d.end_byte() <= branch.end) && reassigns(d, name, source))
}

/// What a loop (a [`Loop::node`]) binds per item: the target of `for x in
/// ..` (Python, TS `for (const x of ..)`, Rust `for x in ..`), the
/// initializer of a C-style `for`, or the parameters of an iteration
/// callback (`xs.map(x => ..)`, `.for_each(|x| ..)`).
fn loop_items(node: Node<'_>) -> Option<Node<'_>> {
    if let Some(target) = node.field("left").or_else(|| node.field("pattern")).or_else(|| node.field("initializer")) {
        return Some(target);
    }
    let arguments = node.field("arguments")?;
    let callback = arguments
        .named_child_nodes()
        .find(|a| matches!(a.kind_name(), "arrow_function" | "function_expression" | "closure_expression"))?;
    callback.field("parameters").or_else(|| callback.field("parameter"))
}

/// Whether `node` assigns `name` (or an attribute path starting with it) as
/// a whole: `ticket = pos.ticket`, `self._cache = {}`. Writing one entry
/// (`avail[voucher] -= 1`) or adding one (`seen.add(k)`) keeps what the
/// state remembers.
fn reassigns(node: Node<'_>, name: &str, source: &str) -> bool {
    if !matches!(
        node.kind_name(),
        "assignment" | "augmented_assignment" | "assignment_expression" | "augmented_assignment_expression"
    ) {
        return false;
    }
    node.field("left").is_some_and(|target| {
        matches!(target.kind_name(), "identifier" | "attribute" | "member_expression" | "field_expression")
            && text(target, source).split(['.', '[']).next() == Some(name)
    })
}

/// How a branch that ends a loop's iteration leaves it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exit {
    /// `return`, `raise`, `throw`: the function, and every loop in it.
    Function,
    /// `break`: the innermost loop.
    Loop,
}

/// How `child`, a branch of the conditional `n`, leaves the loop around it
/// when its last statement is `return`, `raise`, `throw` or `break`
/// (`if prov.identifier == wanted: ...; return ct`): what it does runs once,
/// for the item that matched, not once per item.
fn branch_exit(n: Node<'_>, child: Node<'_>) -> Option<Exit> {
    let is_branch = match n.kind_name() {
        "if_statement" | "if_expression" | "elif_clause" => {
            n.field("consequence").is_some_and(|c| c.id() == child.id())
        }
        "else_clause" => true,
        _ => false,
    };
    if !is_branch {
        return None;
    }
    let mut last = child.named_child_nodes().filter(|c| !c.kind_name().contains("comment")).last()?;
    if last.kind_name() == "expression_statement" {
        last = last.named_child(0)?;
    }
    match last.kind_name() {
        "return_statement" | "return_expression" | "raise_statement" | "throw_statement" => Some(Exit::Function),
        "break_statement" | "break_expression" => Some(Exit::Loop),
        _ => None,
    }
}

/// A loop around a data-access call.
#[derive(Clone, Copy, Debug)]
pub struct Loop<'t> {
    pub node: Node<'t>,
    /// What to show as the loop's header (the `for` line, the `.map` call).
    pub header: Node<'t>,
    /// "loop", "comprehension", or the iteration method (`map`, `forEach`).
    pub what: &'static str,
}

/// Iteration methods whose callback runs once per element.
const ITERATION_METHODS: &[&str] =
    &["map", "forEach", "for_each", "flatMap", "flat_map", "filter_map", "try_for_each", "reduce", "fold"];

/// Whether `method`, called on an ORM model or repository (`User.findOne`,
/// `repo.findOneBy`, `Post.find`), runs a query (Sequelize, TypeORM,
/// Mongoose, Prisma delegates).
pub fn is_model_query_method(method: &str) -> bool {
    typescript::is_orm_method(method)
}

/// A callee that may query a model of another module, split into the
/// imported name, the member naming the model when the import is a module
/// object, and the query method: `User.findOne` is (`User`, none,
/// `findOne`); `models.User.findOne` is (`models`, `User`, `findOne`).
pub fn model_query_callee(callee: &str) -> Option<(&str, Option<&str>, &str)> {
    let mut segments = callee.split('.');
    let found = match (segments.next(), segments.next(), segments.next(), segments.next()) {
        (Some(first), Some(method), None, None) => (first, None, method),
        (Some(first), Some(member), Some(method), None) => (first, Some(member), method),
        _ => return None,
    };
    is_model_query_method(found.2).then_some(found)
}

/// The `xs.map(cb)` / `xs.forEach(cb)` / `iter.for_each(|x| ..)` call when
/// `function` (an arrow function, function expression or closure) is its
/// callback argument: the function runs once per item.
pub fn iteration_call_of<'t>(function: Node<'t>, index: &NodeIndex<'t>, source: &str) -> Option<Node<'t>> {
    let arguments = index.parent(function)?;
    if arguments.kind_name() != "arguments" && arguments.kind_name() != "argument_list" {
        return None;
    }
    let call = index.parent(arguments)?;
    iteration_method(call, source)?;
    Some(call)
}

/// The iteration method of a call like `xs.map(cb)`, when it is one.
fn iteration_method(call: Node<'_>, source: &str) -> Option<&'static str> {
    let function = call.field("function")?;
    let name = match function.kind_name() {
        "attribute" => function.field("attribute")?,
        "member_expression" => function.field("property")?,
        "field_expression" => function.field("field")?,
        _ => return None,
    };
    let name = text(name, source);
    let method = ITERATION_METHODS.iter().find(|m| **m == name).copied()?;
    // Rust `Option::map`/`Result::map` are not loops: only iterator chains count.
    if function.kind_name() == "field_expression" && !matches!(method, "for_each" | "try_for_each") {
        let receiver = function.field("value").map(|v| text(v, source)).unwrap_or("");
        if !(receiver.contains("iter()") || receiver.contains("stream::iter")) {
            return None;
        }
    }
    Some(method)
}

/// Functions that quote an SQL identifier (table or column name) for the
/// driver or framework: Django `quote_name`, psycopg `quote_ident`, pg
/// `escapeIdentifier`, mysql `escapeId`, knex/pg-format identifier helpers,
/// and a project's own helpers named for that job
/// (`sanitize_qualified_table_identifier`, `quoteColumnName`): a verb that
/// quotes, escapes or sanitizes, and an identifier, table or column noun.
/// Identifiers cannot be bound as parameters, so quoting them is the safe way
/// to interpolate them.
pub fn is_identifier_quoting(function: &str) -> bool {
    if matches!(function, "quote_name" | "quote_ident" | "escapeId") {
        return true;
    }
    let words = crate::lang::identifier_words(function);
    let has = |set: &[&str]| words.iter().any(|w| set.contains(&w.as_str()));
    has(&["quote", "escape", "sanitize", "sanitise"]) && has(&["ident", "identifier", "table", "column"])
}

/// Call node kinds of a family (those [`Db::is_call`] accepts).
pub fn call_kinds(family: Family) -> &'static [&'static str] {
    match family {
        Family::Python => &["call"],
        Family::TypeScript => &["call_expression"],
        Family::Rust => &["call_expression", "macro_invocation"],
    }
}

/// The kinds of named functions and methods of a family (not lambdas,
/// closures or arrow functions): what a module is made of.
pub fn named_function_kinds(family: Family) -> &'static [&'static str] {
    match family {
        Family::Python => &["function_definition"],
        Family::TypeScript => &["function_declaration", "method_definition", "generator_function_declaration"],
        Family::Rust => &["function_item"],
    }
}

/// Function-like node kinds of a family.
pub const fn function_kinds(family: Family) -> &'static [&'static str] {
    match family {
        Family::Python => &["function_definition", "lambda"],
        Family::TypeScript => &[
            "function_declaration",
            "function_expression",
            "arrow_function",
            "method_definition",
            "generator_function_declaration",
            "generator_function",
        ],
        Family::Rust => &["function_item", "closure_expression"],
    }
}

/// The tables a module's ORM models declare: SQLAlchemy `__tablename__ =
/// "users"`, Django `db_table = "users"`, Sequelize `tableName: "users"`,
/// TypeORM `@Entity("users")`, Diesel and SeaORM `table_name = users`,
/// Diesel `table! { users ..`. Lower-cased, without schema.
pub fn declared_tables(source: &str) -> Vec<String> {
    // The markers are found in one pass (a literal alternation runs as one
    // multi-substring search); the name after each is read by hand.
    static MARKERS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"__tablename__|db_table|tableName|@Entity\(|table_name|table!")
            .expect("the table markers are a valid pattern")
    });
    let mut tables: Vec<String> = Vec::new();
    for marker in MARKERS.find_iter(source) {
        // The marker, then `=`, `:` or `{` (or the `(` it ends with), a quote maybe, the name.
        let rest = source[marker.end()..].trim_start();
        let rest = rest.strip_prefix(['=', ':', '{']).unwrap_or(rest).trim_start();
        let rest = rest.trim_start_matches(['"', '\'', '`']);
        let name =
            &rest[..rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')).unwrap_or(rest.len())];
        if let Some(table) = name.rsplit('.').next().filter(|t| !t.is_empty()) {
            tables.push(table.to_ascii_lowercase());
        }
    }
    tables.sort();
    tables.dedup();
    tables
}

/// Shortens an expression's text for a message.
pub fn short(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 48 {
        let cut: String = one_line.chars().take(45).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}

/// Whether `name` is written in UPPER_CASE (constants by convention).
pub fn is_upper_case(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Whether a name is written as a class's (`ObjectType`, `HTTPMethod`): an
/// upper-case first letter and some lower-case ones, no underscore.
fn is_class_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().any(|c| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Whether a string literal's content is only placeholders and separators
/// (`?`, `%s`, `$1`, `, `): the pieces of an `IN (?, ?, ?)` list.
pub fn is_placeholder_text(value: &str) -> bool {
    !value.is_empty()
        && value.contains(['?', '%', '$', ':', '@'])
        && value
            .chars()
            .all(|c| matches!(c, '?' | '%' | 's' | '$' | ',' | ' ' | '(' | ')' | ':' | '@' | 'p') || c.is_ascii_digit())
}

/// Whether a loop runs its body once per item of data, the shape of an N+1.
/// Not: an unconditional loop (`loop {}`, `while True:`, `for (;;)`,
/// `for tick in itertools.count()`: a worker, a retry or a wait for a
/// notification), the attempts of a retry (see [`retries_until_success`]),
/// a loop over a fixed
/// handful (a collection written out in the code, an UPPER_CASE constant:
/// the tables a migration truncates; `for (let i = 0; i < 5; i++)`), or a
/// loop over batches (`for ids in
/// batch(task_ids, 500)`, `ids.chunks(500)`: each query takes a whole chunk).
/// Nor a loop over databases (see [`connects_per_item`]).
/// Comprehensions and iteration callbacks run per item.
pub fn runs_per_item<'t>(node: Node<'t>, index: &NodeIndex<'t>, source: &str, functions: &FileFunctions<'t>) -> bool {
    if super::handles_a_failure(node, index, source) || connects_per_item(node, source) {
        return false;
    }
    match node.kind_name() {
        "loop_expression" => false,
        "while_statement" | "while_expression" | "do_statement" => !node.field("condition").is_some_and(|c| {
            always_true(c, source)
                || takes_slices(c)
                || counts_to_constant(c, source)
                || node
                    .field("body")
                    .is_some_and(|body| drains_chunks(c, body, source) || sleeps_each_round(body, source))
        }),
        // A C-style `for (init; condition; step)`: `for (;;)` never ends.
        "for_statement" if node.field("right").is_none() => !node.field("condition").is_some_and(|c| {
            c.kind_name() == "empty_statement" || always_true(c, source) || counts_to_constant(c, source)
        }),
        "for_statement" | "for_in_statement" => {
            !(retries_until_success(node, source)
                || node
                    .field("right")
                    .is_some_and(|i| counts_forever(i, source) || fixed_or_batched(i, source, functions, 0)))
        }
        "for_expression" => !node.field("value").is_some_and(|i| fixed_or_batched(i, source, functions, 0)),
        // An iteration call (`Object.keys(actions).map(cb)`): over what its receiver holds.
        "call" | "call_expression" => !node
            .field("function")
            .and_then(|f| f.field("object").or_else(|| f.field("value")))
            .is_some_and(|items| fixed_or_batched(items, source, functions, 0)),
        _ => true,
    }
}

/// Whether a `for` loop's rounds are attempts at one thing until it works,
/// not items of data:
/// - each round enters its item as a context (`for attempt in
///   Retrying(..): with attempt: ..`, tenacity's retry loop), or
/// - its body tries something and leaves the loop once that succeeds: a
///   `try` whose block ends in `return`/`break`, or a later statement of
///   the body that does (`for _ in range(max_retries): try: ..execute(stmt)
///   except OperationalError: sleep(..); continue; return`).
///
/// The query runs again only when the previous round failed.
fn retries_until_success(loop_node: Node<'_>, source: &str) -> bool {
    let Some(body) = loop_node.field("body") else { return false };
    let statements: Vec<Node<'_>> = body.named_child_nodes().filter(|s| !s.is_extra()).collect();
    let enters_item = loop_node.field("left").is_some_and(|item| {
        statements.first().is_some_and(|first| {
            first.kind_name() == "with_statement"
                && super::descendants(*first)
                    .find(|n| n.kind_name() == "with_item")
                    .and_then(|i| i.field("value"))
                    .is_some_and(|v| text(v, source) == text(item, source))
        })
    });
    enters_item || statements.iter().any(|&s| super::leaves_once_try_succeeds(body, s))
}

/// Whether a `for` loop runs over an endless counter (`itertools.count()`):
/// a service's main loop, whose rounds are ticks, as in `while True:`.
fn counts_forever(iterable: Node<'_>, source: &str) -> bool {
    iterable.kind_name() == "call" && iterable.field("function").is_some_and(|f| text(f, source) == "itertools.count")
}

/// Whether a `while` loop's body waits between rounds: one of its own
/// statements sleeps (`time.sleep(interval)`, `await asyncio.sleep(1)`,
/// `await sleep(500)`, `await delay(ms)`, `await new Promise((r) =>
/// setTimeout(r, ms))`, `tokio::time::sleep(d).await`,
/// `std::thread::sleep(d)`). Such a loop polls something until it changes
/// (a query's status, a job, a lock): its rounds are ticks of a clock, not
/// items of data, and re-reading a row each tick is the point. A `for` loop
/// that sleeps still runs per item.
fn sleeps_each_round(body: Node<'_>, source: &str) -> bool {
    body.named_child_nodes().filter(|s| s.kind_name() == "expression_statement").any(|statement| {
        super::descendants(statement)
            .filter(|n| matches!(n.kind_name(), "call" | "call_expression"))
            .filter_map(|call| call.field("function"))
            .any(|callee| {
                let callee = text(callee, source);
                let last = callee.rsplit(['.', ':']).next().unwrap_or(callee);
                matches!(last, "sleep" | "delay" | "setTimeout")
            })
    })
}

/// Whether each iteration of `loop_node` reaches a database of its own: a
/// statement of its body binds a connection handle (a name whose last word
/// says pool, connection, database, engine or data source: `target_pool`,
/// `tenant_db`, not `db_user`) from an expression that names the loop's item (`let
/// Some(target_pool) = registry.get_pool(&reg.client_name) else { continue
/// };`). The loop runs over databases (tenants, shards, registered
/// clients), not over rows: no single query covers them, and what the
/// iteration writes elsewhere is one row per database.
pub fn connects_per_item(loop_node: Node<'_>, source: &str) -> bool {
    let body = match loop_node.field("body") {
        Some(body) => body,
        // An iteration call: its callback's body.
        None => {
            match loop_node.field("arguments").and_then(|a| a.named_child_nodes().find(|c| c.field("body").is_some())) {
                Some(callback) => match callback.field("body") {
                    Some(body) => body,
                    None => return false,
                },
                None => return false,
            }
        }
    };
    let Some(items) = loop_items(loop_node) else { return false };
    let item_names: Vec<&str> = super::descendants(items)
        .filter(|n| n.kind_name() == "identifier" && text(*n, source) != "_")
        .map(|n| text(n, source))
        .collect();
    if item_names.is_empty() {
        return false;
    }
    let names_item = |value: Node<'_>| {
        super::descendants(value).any(|n| n.kind_name() == "identifier" && item_names.contains(&text(n, source)))
    };
    // The name's last word says what it holds (`target_pool`, not `db_user`).
    let is_handle = |target: Node<'_>| {
        super::descendants(target).filter(|n| n.kind_name() == "identifier").any(|n| {
            super::identifier_words(text(n, source)).last().is_some_and(|w| {
                matches!(w.as_str(), "pool" | "conn" | "connection" | "db" | "database" | "engine" | "datasource")
            })
        })
    };
    // Only the body's own statements: the binding opens the iteration.
    let statements: Vec<Node<'_>> = body.named_child_nodes().collect();
    statements.into_iter().any(|statement| {
        let statement = match statement.kind_name() {
            "expression_statement" => statement.named_child(0).unwrap_or(statement),
            "lexical_declaration" | "variable_declaration" => statement.named_child(0).unwrap_or(statement),
            _ => statement,
        };
        let (target, value) = match statement.kind_name() {
            "let_declaration" => (statement.field("pattern"), statement.field("value")),
            "assignment" | "assignment_expression" => (statement.field("left"), statement.field("right")),
            "variable_declarator" => (statement.field("name"), statement.field("value")),
            _ => (None, None),
        };
        matches!((target, value), (Some(t), Some(v)) if is_handle(t) && names_item(v))
    })
}

/// Whether each iteration of `loop_node` runs in a transaction of its own
/// (`with transaction.atomic():`, `knex.transaction(..)`,
/// `prisma.$transaction(..)`, `queryRunner.startTransaction()`, sqlx
/// `pool.begin()`): the loop handles one item per unit of work on purpose
/// (a job queue claiming and processing rows one by one), not rows it could
/// fetch in one query.
pub fn transaction_per_item(loop_node: Node<'_>, source: &str) -> bool {
    names_transaction(text(loop_node, source))
}

/// Whether a function called once per item ends a unit of work of its own:
/// its body opens a transaction (as [`transaction_per_item`] reads a loop)
/// or commits one (`db.session.commit()`, `tx.commit().await`): a job
/// handler (`export_user_data(task_id)`) called for each queued task.
pub fn commits_own_work(function: Node<'_>, source: &str) -> bool {
    let body = text(function, source);
    names_transaction(body) || body.contains(".commit()")
}

/// What opens a transaction, as text (see [`transaction_per_item`]).
const TRANSACTION_OPENERS: &[&str] =
    &["transaction.atomic(", ".transaction(", "$transaction(", "startTransaction(", ".begin().await"];

/// Whether `text` opens a transaction anywhere (a file-level pre-filter for
/// [`transaction_per_item`]).
pub fn names_transaction(text: &str) -> bool {
    static OPENERS: super::Words = super::Words::new(TRANSACTION_OPENERS);
    OPENERS.in_text(text)
}

/// Whether `loop_node` runs inside one transaction: in a block that opens
/// one (`with transaction.atomic():`), in the callback of one
/// (`knex.transaction(async (trx) => ..)`, `prisma.$transaction(..)`,
/// `inTransaction(..)`), in a function decorated `@transaction.atomic`, or
/// after a statement of its function that begins one and holds it (`let mut
/// tx = pool.begin().await?`, `queryRunner.startTransaction()`,
/// `client.query("BEGIN")`). Its writes
/// are committed together; whether one statement per row is worth batching
/// there is a judgment call.
pub fn inside_transaction(loop_node: Node<'_>, family: Family, source: &str) -> bool {
    let mut current = loop_node.parent();
    while let Some(n) = current {
        let opens = match n.kind_name() {
            "with_statement" => {
                let clause = n.named_child(0).map(|c| text(c, source)).unwrap_or_default();
                clause.contains("atomic(") || clause.contains("transaction(") || clause.contains(".begin(")
            }
            "decorated_definition" => {
                let decorators: Vec<Node<'_>> =
                    n.named_child_nodes().filter(|c| c.kind_name() == "decorator").collect();
                decorators.iter().any(|d| text(*d, source).contains("transaction.atomic"))
            }
            "call_expression" | "call" => n.field("function").is_some_and(|f| {
                let callee = text(f, source);
                callee.ends_with("transaction") || callee.ends_with("inTransaction") || callee.ends_with("atomic")
            }),
            _ => false,
        };
        if opens {
            return true;
        }
        current = n.parent();
    }
    // A transaction begun by a statement before the loop and held in a variable.
    let Some(function) = super::ancestor_of_kind(loop_node, function_kinds(family)) else { return false };
    let before = source.get(function.start_byte()..loop_node.start_byte()).unwrap_or_default();
    let upper = before.to_ascii_uppercase();
    before.contains(".begin().await")
        || before.contains("startTransaction(")
        || ["(\"BEGIN", "('BEGIN", "(`BEGIN"].iter().any(|begin| upper.contains(begin))
}

/// Whether a data-access call writes (creates, updates or deletes rows):
/// by the ORM method that ends its API (`Order.objects.create`,
/// `prisma.user.update`), or by the statement its SQL text starts
/// (`INSERT INTO`, `UPDATE .. SET`, `DELETE FROM`).
pub fn is_write(call: Node<'_>, api: &str, source: &str) -> bool {
    const WRITES: &[&str] = &[
        "create",
        "update",
        "delete",
        "save",
        "get_or_create",
        "update_or_create",
        "bulk_create",
        "bulk_update",
        "insert",
        "upsert",
        "insertMany",
        "updateMany",
        "deleteMany",
        "createMany",
        "destroy",
        "remove",
    ];
    if WRITES.contains(&last_name(api)) {
        return true;
    }
    let upper = text(call, source).to_ascii_uppercase();
    ["INSERT INTO", "DELETE FROM", "UPSERT ", "REPLACE INTO"].iter().any(|w| upper.contains(w))
        || upper.contains("UPDATE ") && upper.contains(" SET ")
}

/// Whether `node` is in a branch that flushes a full buffer (see
/// [`is_full_buffer_check`]) inside its innermost loop: it runs once per
/// batch of the loop's items, not once per item.
pub fn flushed_per_batch<'t>(node: Node<'t>, index: &NodeIndex<'t>, source: &str) -> bool {
    let mut child = node;
    while let Some(n) = index.parent(child) {
        if flushes_full_buffer(n, child, source) {
            return true;
        }
        let kind = n.kind_name();
        if kind.starts_with("for")
            || kind.starts_with("while")
            || kind.contains("function")
            || matches!(kind, "loop_expression" | "closure_expression" | "method_definition" | "lambda")
        {
            return false;
        }
        child = n;
    }
    false
}

/// Whether `n` is an `if` whose branch `child` flushes a full buffer.
fn flushes_full_buffer(n: Node<'_>, child: Node<'_>, source: &str) -> bool {
    matches!(n.kind_name(), "if_statement" | "if_expression")
        && n.field("consequence").is_some_and(|c| c.id() == child.id())
        && n.field("condition").is_some_and(|c| is_full_buffer_check(c, child, source))
}

/// `if len(buffer) >= BATCH_SIZE: flush(buffer); buffer = []`: a check
/// that a buffer filled up, whose branch empties it again (assigns it,
/// `clear()`s, `splice`s, `truncate`s, `drain`s or `mem::take`s it). The
/// loop around it flushes once per batch.
fn is_full_buffer_check(condition: Node<'_>, branch: Node<'_>, source: &str) -> bool {
    let mut condition = condition;
    while condition.kind_name() == "parenthesized_expression" {
        match condition.named_child(0) {
            Some(inner) => condition = inner,
            None => return false,
        }
    }
    let (left, operator) = match condition.kind_name() {
        // Python: `comparison_operator` holds the operands and the operator tokens.
        "comparison_operator" => {
            let Some(left) = condition.named_child(0) else { return false };
            let operator = condition.child(1).map(|o| text(o, source)).unwrap_or("");
            (left, operator)
        }
        "binary_expression" => {
            let (Some(left), Some(op)) = (condition.field("left"), condition.field("operator")) else { return false };
            (left, text(op, source))
        }
        _ => return false,
    };
    if !matches!(operator, ">=" | ">" | "==" | "===") {
        return false;
    }
    let left = text(left, source);
    let buffer = if let Some(inner) = left.strip_prefix("len(").and_then(|l| l.strip_suffix(')')) {
        inner
    } else if let Some(inner) = left.strip_suffix(".length").or_else(|| left.strip_suffix(".len()")) {
        inner
    } else {
        return false;
    };
    let buffer = buffer.trim();
    if buffer.is_empty() {
        return false;
    }
    let emptied_by: Vec<String> =
        ["clear", "splice", "truncate", "drain"].iter().map(|m| format!("{buffer}.{m}(")).collect();
    crate::lang::descendants(branch).any(|n| match n.kind_name() {
        "assignment" | "assignment_expression" => n.field("left").is_some_and(|l| text(l, source) == buffer),
        "call" | "call_expression" => {
            let t = text(n, source);
            emptied_by.iter().any(|prefix| t.starts_with(prefix.as_str()))
                || (t.contains("mem::take(") && t.contains(buffer))
        }
        _ => false,
    })
}

/// Whether an argument is a collection written out in the code (`&[a, b]`,
/// `vec![a, b]`, `[a, b]`, `(a, b)`): a loop over it runs a fixed handful of
/// times (see `query-in-loop`'s parameter loops).
pub fn is_written_out_collection(argument: Node<'_>, source: &str) -> bool {
    match argument.kind_name() {
        "reference_expression" => argument.field("value").is_some_and(|v| is_written_out_collection(v, source)),
        // `vec![spec; n]` repeats one item n times: not written out.
        "macro_invocation" => {
            argument.field("macro").is_some_and(|m| text(m, source) == "vec")
                && argument.named_child(1).is_some_and(|t| t.named_child_count() > 0 && !text(t, source).contains(';'))
        }
        _ => {
            is_collection_literal(argument)
                && argument.kind_name() != "dictionary"
                && argument.kind_name() != "object"
                && is_written_out(argument)
        }
    }
}

/// A list, tuple, set, array, dict or object literal.
fn is_collection_literal(node: Node<'_>) -> bool {
    matches!(node.kind_name(), "list" | "tuple" | "set" | "array" | "array_expression" | "dictionary" | "object")
}

/// Whether a collection literal has its items written out: at least one,
/// none spread from elsewhere (`*rest`, `...rest`, `**extra`) and none
/// produced by a comprehension. A loop over it runs a count fixed by the
/// code (the two rate sources of `{"ecb": fetch_ecb, "cnb": fetch_cnb}`),
/// not once per item of data.
fn is_written_out(literal: Node<'_>) -> bool {
    let items: Vec<Node<'_>> = literal.named_child_nodes().filter(|c| !c.kind_name().contains("comment")).collect();
    !items.is_empty()
        && items.iter().all(|item| {
            !matches!(
                item.kind_name(),
                "list_splat" | "dictionary_splat" | "spread_element" | "parenthesized_list_splat" | "for_in_clause"
            )
        })
}

/// Whether the code between a local's collection literal and the loop over
/// it may add items (`xs.append(..)`, `xs.push(..)`, `xs[k] = ..`): then the
/// literal is only the start of a collection of data.
fn filled_between(literal: Node<'_>, iterable: Node<'_>, name: &str, source: &str) -> bool {
    let Some(between) = source.get(literal.end_byte()..iterable.start_byte()) else { return true };
    let mut rest = between;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + name.len()..];
        rest = after;
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        if after.starts_with('[') || after.starts_with('.') || after.trim_start().starts_with("+=") {
            return true;
        }
    }
    false
}

/// `while chunk := ids[start:end]`: each round takes a slice of the data,
/// a batch, not an item.
fn takes_slices(condition: Node<'_>) -> bool {
    condition.kind_name() == "named_expression"
        && condition.field("value").is_some_and(|v| {
            v.kind_name() == "subscript" && { v.named_child_nodes().any(|c| c.kind_name() == "slice") }
        })
}

/// `while !group.is_empty() { let chunk = group.drain(..n) .. }`, `while
/// (ids.length) { const batch = ids.splice(0, n) .. }`, `while ids: batch =
/// ids[:n]; ids = ids[n:]`: each round takes a chunk off the front of the
/// collection the condition tests, a batch, not an item.
fn drains_chunks(condition: Node<'_>, body: Node<'_>, source: &str) -> bool {
    let body = text(body, source);
    super::descendants(condition).filter(|n| n.kind_name() == "identifier").any(|n| {
        let name = text(n, source);
        [".drain(..", ".splice(0,", "[:", ".split_off("].iter().any(|take| {
            let needle = format!("{name}{take}");
            body.match_indices(&needle).any(|(at, _)| {
                // `drain(..)` takes everything at once: not a chunk.
                !body[at + needle.len()..].starts_with(')')
                    && !body[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
            })
        })
    })
}

/// A loop condition `i < 5`, `i <= MAX_TRIES`, `i < tries` with `const
/// tries = 5` (a C-style `for`, or a `while retries < 2`): a fixed count of
/// rounds (attempts of a retry), not the items of some data.
fn counts_to_constant(condition: Node<'_>, source: &str) -> bool {
    let mut condition = condition;
    while matches!(condition.kind_name(), "expression_statement" | "parenthesized_expression") {
        match condition.named_child(0) {
            Some(inner) => condition = inner,
            None => return false,
        }
    }
    let (operator, bound) = match condition.kind_name() {
        "binary_expression" => (condition.field("operator").map(|o| text(o, source)), condition.field("right")),
        // Python: the operands and the operator are children of `comparison_operator`.
        "comparison_operator" if condition.named_child_count() == 2 => {
            (condition.child(1).map(|o| text(o, source)), condition.named_child(1))
        }
        _ => return false,
    };
    let (Some("<" | "<="), Some(bound)) = (operator, bound) else { return false };
    let bound = match bound.kind_name() {
        "identifier" if !is_upper_case(text(bound, source)) => match super::values::bound_value(bound, source) {
            Some(value) => value,
            None => return false,
        },
        _ => bound,
    };
    matches!(bound.kind_name(), "number" | "integer" | "integer_literal")
        || (bound.kind_name() == "identifier" && is_upper_case(text(bound, source)))
}

fn always_true(condition: Node<'_>, source: &str) -> bool {
    let condition = if condition.kind_name() == "parenthesized_expression" {
        condition.named_child(0).unwrap_or(condition)
    } else {
        condition
    };
    matches!(text(condition, source).trim_end_matches(';').trim(), "True" | "true" | "1")
}

/// A collection written out in the code (`[a, b]`, `{"ecb": fetch_ecb}`,
/// also through a local bound to it and not filled afterwards), an
/// UPPER_CASE constant, the responses of a signal's receivers, or a call
/// that splits data into chunks or batches, possibly behind `&`, `.iter()`,
/// `.items()`, `Object.entries(..)` or a comprehension over it.
///
/// `depth` counts the functions of the file followed to get here (see
/// [`returns_fixed_collection`]): one level at most.
fn fixed_or_batched<'t>(iterable: Node<'t>, source: &str, functions: &FileFunctions<'t>, depth: u8) -> bool {
    let mut node = iterable;
    loop {
        match node.kind_name() {
            // `qs[:10]`: some of the items of `qs`.
            "subscript" if is_slice(node) => match node.field("value") {
                Some(inner) => node = inner,
                None => return false,
            },
            // `(xs)`, `&xs`, and Rust's `load(..).await?`: what they hold.
            "parenthesized_expression" | "reference_expression" | "try_expression" | "await_expression" => {
                match node.named_child(0) {
                    Some(inner) => node = inner,
                    None => return false,
                }
            }
            "list" | "tuple" | "set" | "array" | "array_expression" | "dictionary" | "object" => {
                return is_written_out(node);
            }
            "identifier" if !is_upper_case(text(node, source)) => {
                // `batches = load(files, batch_size=500)` then `for b in batches`.
                match super::values::bound_value(node, source) {
                    Some(value) if value.id() != node.id() => {
                        if is_collection_literal(value) && filled_between(value, iterable, text(node, source), source) {
                            return false;
                        }
                        node = value
                    }
                    // `for kind in ObjectType:`: a class the function does not
                    // bind, which only an enumeration lets one iterate.
                    _ => return is_class_name(text(node, source)),
                }
            }
            // `ObjectType.__members__`: the members of an enumeration.
            "attribute" if last_name(text(node, source)) == "__members__" => return true,
            "identifier" | "attribute" | "member_expression" | "scoped_identifier" => {
                return is_upper_case(last_name(text(node, source)));
            }
            // Text the code carries: `include_str!("provision.sql").split(';')`, `"a b".split()`.
            "string" | "string_literal" | "raw_string_literal" => return true,
            "macro_invocation" => {
                return node.field("macro").is_some_and(|m| last_name(text(m, source)) == "include_str");
            }
            // `[response(event) for receiver, response in outputs.send(event)]`:
            // as many items as the collection it runs over, or fewer.
            "list_comprehension" | "set_comprehension" | "generator_expression" | "dictionary_comprehension" => {
                let clauses: Vec<Node<'_>> =
                    node.named_child_nodes().filter(|c| c.kind_name() == "for_in_clause").collect();
                match clauses.as_slice() {
                    [clause] => match clause.field("right") {
                        Some(items) => node = items,
                        None => return false,
                    },
                    _ => return false,
                }
            }
            "call" | "call_expression" => {
                if crate::lang::python::is_signal_dispatch(node, source) || claims_jobs(node, source, functions) {
                    return true;
                }
                let Some(function) = node.field("function") else { return false };
                let name = last_name(text(function, source)).to_ascii_lowercase();
                // `split_statements(PROVISION_SQL)`, `records_of(RECORD_TYPES)`: a
                // function of constants alone gives the same handful every time.
                let keeps_items = KEEPS_ITEMS.contains(&name.as_str());
                if matches!(function.kind_name(), "identifier" | "scoped_identifier")
                    && node.field("arguments").is_some_and(|a| only_constants(a, source))
                    && !keeps_items
                {
                    return true;
                }
                // `enumerate(xs)`, `sorted(xs)`: the items of `xs`.
                if keeps_items && function.kind_name() == "identifier" {
                    match node.field("arguments").and_then(|a| a.named_child(0)) {
                        Some(inner) => {
                            node = inner;
                            continue;
                        }
                        None => return false,
                    }
                }
                if name.contains("chunk") || name.contains("batch") || name == "grouper" {
                    return true;
                }
                // `Workout.records_of(user)` whose function fills its result
                // only in a loop over a fixed collection.
                if depth == 0 && returns_fixed_collection(node, &name, source, functions) {
                    return true;
                }
                // A generator that yields batches: `load_tasks(files, batch_size=500)`.
                let sized = node.field("arguments").is_some_and(|a| {
                    let arguments = text(a, source);
                    arguments.contains("batch_size") || arguments.contains("chunk_size")
                });
                if sized {
                    return true;
                }
                // `range(0, len(ids), BATCH_SIZE)`: offsets of slices.
                if name == "range" && node.field("arguments").is_some_and(|a| a.named_child_count() == 3) {
                    return true;
                }
                // `range(20)`, `range(1, MAX_TRIES)`: a fixed count (attempts of
                // a retry), not the items of some data.
                if name == "range"
                    && node.field("arguments").is_some_and(|a| {
                        let bounds: Vec<Node<'_>> = a.named_child_nodes().collect();
                        !bounds.is_empty()
                            && bounds.iter().all(|b| {
                                b.kind_name() == "integer"
                                    || (b.kind_name() == "identifier" && is_upper_case(text(*b, source)))
                            })
                    })
                {
                    return true;
                }
                // Look through `.iter()`, `.items()`, `.values()`, `Object.keys(..)`.
                let passthrough = matches!(
                    name.as_str(),
                    "iter"
                        | "into_iter"
                        | "items"
                        | "values"
                        | "keys"
                        | "entries"
                        | "enumerate"
                        | "split"
                        | "splitlines"
                        | "lines"
                        | "split_terminator"
                );
                let object = if text(function, source).starts_with("Object.") {
                    node.field("arguments").and_then(|a| a.named_child(0))
                } else {
                    function.field("object").or_else(|| function.field("value")).or_else(|| function.field("argument"))
                };
                match object {
                    Some(object) if passthrough => node = object,
                    _ => return false,
                }
            }
            _ => return false,
        }
    }
}

/// Whether the one function of the file named `name` (the callee of
/// `call`) returns a collection it fills only in loops over fixed
/// collections: `records = {}; for kind, column in RECORD_COLUMNS.items():
/// records[kind] = ..; return records` (Python), `const out = {}; for
/// (const kind of KINDS) out[kind] = ..; return out;` (TypeScript). Called
/// with any arguments, it gives the same handful of items.
fn returns_fixed_collection<'t>(call: Node<'t>, name: &str, source: &str, functions: &FileFunctions<'t>) -> bool {
    let Some(function) = functions.named(call, name, source) else { return false };
    let Some(body) = function.field("body") else { return false };
    // The one name every `return` gives.
    let returns: Vec<Node<'_>> =
        super::descendants_pruned(body, |n| crate::lang::handlers::FUNCTION_KINDS.contains(&n.kind_name()))
            .filter(|n| n.kind_name() == "return_statement")
            .collect();
    let Some(first) = returns.first() else { return false };
    let Some(returned) = first.named_child(0).filter(|r| r.kind_name() == "identifier") else { return false };
    let result = text(returned, source);
    if !returns
        .iter()
        .all(|r| r.named_child_count() == 1 && r.named_child(0).is_some_and(|v| text(v, source) == result))
    {
        return false;
    }
    let mut started = 0;
    for mention in super::descendants(body).filter(|n| n.kind_name() == "identifier" && text(*n, source) == result) {
        let Some(parent) = mention.parent() else { return false };
        let is_target =
            |holder: Node<'_>, field: &'static str| holder.field(field).is_some_and(|f| f.id() == mention.id());
        let starts = match parent.kind_name() {
            "assignment" if is_target(parent, "left") => parent.field("right"),
            "variable_declarator" if is_target(parent, "name") => parent.field("value"),
            _ => None,
        };
        if let Some(value) = starts {
            if !(matches!(value.kind_name(), "dictionary" | "list" | "object" | "array")
                && value.named_child_count() == 0)
            {
                return false;
            }
            started += 1;
            continue;
        }
        if parent.kind_name() == "return_statement" {
            continue;
        }
        // `records[kind] = ..`, `out.push(..)`: filled, in a loop over a fixed collection.
        let keyed = matches!(parent.kind_name(), "subscript" | "subscript_expression")
            && parent.parent().is_some_and(|a| {
                matches!(a.kind_name(), "assignment" | "assignment_expression")
                    && a.field("left").is_some_and(|l| l.id() == parent.id())
            });
        let appended = matches!(parent.kind_name(), "attribute" | "member_expression")
            && parent
                .field("attribute")
                .or_else(|| parent.field("property"))
                .is_some_and(|m| matches!(text(m, source), "append" | "push" | "add"))
            && parent.parent().is_some_and(|c| matches!(c.kind_name(), "call" | "call_expression"));
        if !(keyed || appended) {
            return false;
        }
        // Every loop around the fill runs over a fixed collection (and there is one).
        let mut loops = 0;
        let mut around = mention.parent();
        while let Some(n) = around.filter(|n| n.id() != function.id()) {
            match n.kind_name() {
                "for_statement" | "for_in_statement" => {
                    if !n.field("right").is_some_and(|items| fixed_or_batched(items, source, functions, 1)) {
                        return false;
                    }
                    loops += 1;
                }
                "while_statement" | "for_expression" | "do_statement" => return false,
                _ => {}
            }
            around = n.parent();
        }
        if loops == 0 {
            return false;
        }
    }
    started == 1
}

/// Whether a Python subscript takes a slice (`qs[:10]`), not one item.
fn is_slice(subscript: Node<'_>) -> bool {
    subscript.named_child_nodes().any(|c| c.kind_name() == "slice")
}

/// Whether `call` claims rows as jobs: its query, or the query of the
/// function of the file it calls, locks them with `SKIP LOCKED`
/// (`select_for_update(skip_locked=True)`, `FOR UPDATE SKIP LOCKED LIMIT
/// 5`). Each row is work this worker took, handled one by one on purpose:
/// a job queue, not rows of data to fetch in one query.
fn claims_jobs<'t>(call: Node<'t>, source: &str, functions: &FileFunctions<'t>) -> bool {
    let claims =
        |text: &str| text.contains("skip_locked") || text.contains("SKIP LOCKED") || text.contains("skipLocked");
    if claims(text(call, source)) {
        return true;
    }
    let Some(function) = call.field("function") else { return false };
    let name = last_name(text(function, source));
    functions.named(call, name, source).is_some_and(|f| claims(text(f, source)))
}

/// The functions a file defines at its top level and in the bodies of its
/// top-level classes and `impl` blocks (through decorators and `export`), by lower-cased name
/// (`None` for a name defined twice): found once per file, the first time a
/// loop asks (see [`returns_fixed_collection`]).
#[derive(Default)]
pub struct FileFunctions<'t>(std::cell::OnceCell<HashMap<String, Option<Node<'t>>>>);

impl<'t> FileFunctions<'t> {
    /// The one function of the file named `name` (any case); `node` is any
    /// node of the file's tree (the root is looked for only the first time).
    fn named(&self, node: Node<'t>, name: &str, source: &str) -> Option<Node<'t>> {
        let by_name = self.0.get_or_init(|| {
            let mut root = node;
            while let Some(parent) = root.parent() {
                root = parent;
            }
            let mut by_name: HashMap<String, Option<Node<'t>>> = HashMap::new();
            for item in top_level_items(root) {
                let members = match item.kind_name() {
                    "class_definition" | "class_declaration" | "impl_item" => {
                        item.field("body").map(top_level_items).unwrap_or_default()
                    }
                    _ => vec![item],
                };
                let is_function = |n: &Node<'_>| {
                    matches!(
                        n.kind_name(),
                        "function_definition" | "function_declaration" | "method_definition" | "function_item"
                    )
                };
                for function in members.into_iter().filter(is_function) {
                    let Some(named) = function.field("name") else { continue };
                    by_name
                        .entry(text(named, source).to_ascii_lowercase())
                        .and_modify(|f| *f = None)
                        .or_insert(Some(function));
                }
            }
            by_name
        });
        by_name.get(&name.to_ascii_lowercase()).copied().flatten()
    }
}

/// The named children of a module or class body, through decorators and
/// `export`.
fn top_level_items(parent: Node<'_>) -> Vec<Node<'_>> {
    let items = parent.named_child_nodes().map(|node| match node.kind_name() {
        "decorated_definition" => node.field("definition").unwrap_or(node),
        "export_statement" => node.field("declaration").unwrap_or(node),
        _ => node,
    });
    items.collect()
}

/// Built-in functions whose result has the items of their argument
/// (`enumerate(xs)`, `sorted(xs)`): a loop over it runs as many times.
const KEEPS_ITEMS: &[&str] = &["enumerate", "sorted", "reversed", "list", "tuple", "set"];

/// Whether a call's arguments are all literals or UPPER_CASE constants (and
/// there is at least one).
fn only_constants(arguments: Node<'_>, source: &str) -> bool {
    let items: Vec<Node<'_>> = arguments.named_child_nodes().filter(|c| !c.kind_name().contains("comment")).collect();
    !items.is_empty()
        && items.iter().all(|a| {
            let a = if a.kind_name() == "reference_expression" { a.named_child(0).unwrap_or(*a) } else { *a };
            matches!(
                a.kind_name(),
                "string" | "string_literal" | "raw_string_literal" | "integer" | "number" | "integer_literal"
            ) || (matches!(a.kind_name(), "identifier" | "scoped_identifier" | "attribute" | "member_expression")
                && is_upper_case(last_name(text(a, source))))
        })
}

/// Whether the data-access `call` inside `loop_node` takes a batch gathered
/// in the same round of that loop: one of its arguments (or an argument of a
/// call it chains on) is a name the loop binds, before the call, to a
/// comprehension, a `.map(..)`/`.collect()` of items, or an empty collection
/// that a loop nested in it fills (`logs = []; for v in vouchers:
/// logs.append(..)` then `bulk_create(logs)`; `codes = set(); for ..:
/// codes.add(..)` then `filter(code__in=codes)`). Its query runs once per
/// batch, not once per item.
pub fn takes_batch_of_round(call: Node<'_>, loop_node: Node<'_>, source: &str) -> bool {
    let mut current = Some(call);
    while let Some(c) = current.filter(|c| matches!(c.kind_name(), "call" | "call_expression")) {
        if spreads_group_of_loop(c, loop_node, source) {
            return true;
        }
        if let Some(arguments) = c.field("arguments") {
            let gathered = arguments.named_child_nodes().any(|argument| {
                let value = match argument.kind_name() {
                    "keyword_argument" => argument.field("value"),
                    "reference_expression" => argument.field("value"),
                    _ => Some(argument),
                };
                value.is_some_and(|v| {
                    v.kind_name() == "identifier"
                        && (gathered_in_round(v, loop_node, source) || made_of_gathered(v, loop_node, source))
                })
            });
            if gathered {
                return true;
            }
        }
        current = c.field("function").and_then(|f| f.field("object").or_else(|| f.field("value")));
    }
    false
}

/// Whether `call` takes a whole collection that the loop yields as its
/// element: spread (`for (const [collection, items] of grouped) {
/// validate({ keys: [...items] }) }`), mapped (`items.map((i) => i.id)`) or
/// run through a comprehension (`for key, queued in grouped:
/// filter(pk__in=[q.pk for q in queued])`). The loop runs over groups, and
/// each call takes a whole group.
pub fn spreads_group_of_loop(call: Node<'_>, loop_node: Node<'_>, source: &str) -> bool {
    if !matches!(loop_node.kind_name(), "for_in_statement" | "for_statement") {
        return false;
    }
    if takes_group_of_grouping(call, loop_node, source) {
        return true;
    }
    let Some(left) = loop_node.field("left") else { return false };
    let bound: Vec<&str> =
        super::descendants(left).filter(|n| n.kind_name() == "identifier").map(|n| text(n, source)).collect();
    let is_bound =
        |n: Option<Node<'_>>| n.is_some_and(|v| v.kind_name() == "identifier" && bound.contains(&text(v, source)));
    let Some(arguments) = call.field("arguments") else { return false };
    super::descendants(arguments).any(|n| match n.kind_name() {
        "spread_element" => is_bound(n.named_child(0)),
        "for_in_clause" => is_bound(n.field("right")),
        "call_expression" => n.field("function").is_some_and(|f| {
            f.kind_name() == "member_expression"
                && f.field("property").is_some_and(|p| text(p, source) == "map")
                && is_bound(f.field("object"))
        }),
        _ => false,
    })
}

/// `for currency, rows in by_currency.items(): Export.objects.create(rows=
/// json.dumps(rows))`: the loop runs over the groups of a dictionary the
/// function filled by key (`by_currency[key].append(row)`, also
/// `for (const [key, rows] of Object.entries(byKey))` after
/// `byKey[key].push(row)`), and `call` takes a group whole (in an argument,
/// or through a name the loop binds to a value made of it). There is one
/// query per group, not per row.
fn takes_group_of_grouping(call: Node<'_>, loop_node: Node<'_>, source: &str) -> bool {
    let (Some(left), Some(right)) = (loop_node.field("left"), loop_node.field("right")) else { return false };
    // The dictionary: `groups.items()` or `Object.entries(groups)`.
    let Some(function) = right.field("function").filter(|_| matches!(right.kind_name(), "call" | "call_expression"))
    else {
        return false;
    };
    let method = function.field("attribute").or_else(|| function.field("property")).map(|m| text(m, source));
    let grouped = match (method, function.field("object")) {
        (Some("items"), Some(object)) => object,
        (Some("entries"), Some(object)) if text(object, source) == "Object" => {
            match right.field("arguments").and_then(|a| a.named_child(0)) {
                Some(argument) => argument,
                None => return false,
            }
        }
        _ => return false,
    };
    if grouped.kind_name() != "identifier" {
        return false;
    }
    let dictionary = text(grouped, source);
    // The group: the second name of the pair the loop binds.
    let names: Vec<Node<'_>> = super::descendants(left).filter(|n| n.kind_name() == "identifier").collect();
    let [_, group] = names.as_slice() else { return false };
    let group = text(*group, source);
    // The function fills the dictionary by key before the loop:
    // `groups[key].append(x)`, `groups.setdefault(key, []).append(x)`,
    // `(groups[key] ??= []).push(x)`.
    fn keyed_dictionary<'t>(list: Node<'t>, source: &str) -> Option<Node<'t>> {
        let list = match list.kind_name() {
            "parenthesized_expression" => list.named_child(0).and_then(|a| a.field("left"))?,
            "call" => {
                let f = list.field("function")?;
                return f.field("attribute").filter(|m| text(*m, source) == "setdefault").and(f.field("object"));
            }
            _ => list,
        };
        match list.kind_name() {
            "subscript" => list.field("value"),
            "subscript_expression" => list.field("object"),
            _ => None,
        }
    }
    let scope = super::ancestor_of_kind(loop_node, crate::lang::handlers::FUNCTION_KINDS).unwrap_or(loop_node);
    let fills_by_key = super::descendants(scope).take_while(|n| n.start_byte() < loop_node.start_byte()).any(|n| {
        matches!(n.kind_name(), "call" | "call_expression")
            && n.field("function").is_some_and(|f| {
                let method = f.field("attribute").or_else(|| f.field("property")).map(|m| text(m, source));
                matches!(method, Some("append" | "extend" | "push"))
                    && f.field("object")
                        .and_then(|o| keyed_dictionary(o, source))
                        .is_some_and(|d| text(d, source) == dictionary)
            })
    });
    if !fills_by_key {
        return false;
    }
    let Some(arguments) = call.field("arguments") else { return false };
    let names_group =
        |node: Node<'_>| super::descendants(node).any(|n| n.kind_name() == "identifier" && text(n, source) == group);
    super::descendants(arguments).filter(|n| n.kind_name() == "identifier").any(|n| {
        text(n, source) == group
            || super::values::bound_value(n, source).is_some_and(|value| {
                value.start_byte() > loop_node.start_byte()
                    && value.end_byte() < call.start_byte()
                    && names_group(value)
            })
    })
}

/// Whether the name `at` holds a collection built inside `loop_node` before
/// `at` (see [`takes_batch_of_round`]).
fn gathered_in_round(at: Node<'_>, loop_node: Node<'_>, source: &str) -> bool {
    let name = text(at, source);
    if !bound_in_round(name, at, loop_node, source) {
        return false;
    }
    let Some(value) = super::values::bound_value(at, source) else { return false };
    if value.start_byte() < loop_node.start_byte() || value.end_byte() > loop_node.end_byte() {
        return false;
    }
    match value.kind_name() {
        "list_comprehension" | "set_comprehension" | "dictionary_comprehension" | "generator_expression" => true,
        "call" | "call_expression" | "macro_invocation" | "list" | "set" | "dictionary" | "array"
        | "new_expression" => {
            let built = text(value, source);
            let method = value
                .field("function")
                .and_then(|f| f.field("property").or_else(|| f.field("field")))
                .map(|m| text(m, source))
                .or_else(|| value.field("function").and_then(|f| f.field("name")).map(|m| text(m, source)));
            matches!(method, Some("map" | "flatMap" | "collect"))
                || (is_empty_collection(built) && filled_by_inner_loop(name, loop_node, source))
        }
        _ => false,
    }
}

/// Whether the name `at` is bound inside `loop_node` to a value made of a
/// batch gathered in the round (`args = list(new_codes) + [organizer.pk]`
/// after `new_codes` was filled by a nested loop): the batch reaches the
/// query through one more name.
fn made_of_gathered(at: Node<'_>, loop_node: Node<'_>, source: &str) -> bool {
    if !bound_in_round(text(at, source), at, loop_node, source) {
        return false;
    }
    let Some(value) = super::values::bound_value(at, source) else { return false };
    if value.start_byte() < loop_node.start_byte() || value.end_byte() > loop_node.end_byte() {
        return false;
    }
    super::descendants(value)
        .any(|n| n.kind_name() == "identifier" && n.id() != at.id() && gathered_in_round(n, loop_node, source))
}

/// Whether the text of `loop_node` before `at` may bind `name`
/// ([`may_bind`](super::may_bind)): a value bound in the round has such a
/// binding, and [`values::bound_value`](super::values::bound_value) climbs the tree.
fn bound_in_round(name: &str, at: Node<'_>, loop_node: Node<'_>, source: &str) -> bool {
    source.get(loop_node.start_byte()..at.start_byte()).is_none_or(|before| super::may_bind(before, name))
}

/// `[]`, `set()`, `{}`, `new Set()`, `Vec::new()`, `vec![]` and the like.
fn is_empty_collection(built: &str) -> bool {
    let compact = super::without_white_space(built);
    matches!(
        compact.as_str(),
        "[]" | "{}" | "set()" | "list()" | "dict()" | "newSet()" | "newMap()" | "newArray()" | "Vec::new()" | "vec![]"
    ) || compact.starts_with("Vec::with_capacity(")
        || compact.ends_with("Set::new()")
        || compact.ends_with("Map::new()")
}

/// Whether a loop nested in `loop_node` adds to the collection `name`
/// (`append`, `add`, `push`, `extend`, `insert`, `update`).
fn filled_by_inner_loop(name: &str, loop_node: Node<'_>, source: &str) -> bool {
    let fills: Vec<String> =
        ["append", "add", "push", "extend", "insert", "update"].iter().map(|m| format!("{name}.{m}(")).collect();
    crate::lang::descendants(loop_node).any(|inner| {
        inner.id() != loop_node.id()
            && matches!(
                inner.kind_name(),
                "for_statement" | "for_in_statement" | "while_statement" | "for_expression" | "while_expression"
            )
            && crate::lang::descendants(inner).any(|n| {
                matches!(n.kind_name(), "call" | "call_expression") && {
                    let t = text(n, source);
                    fills.iter().any(|f| t.starts_with(f.as_str()))
                }
            })
    })
}

/// The last segment of a dotted or `::` path.
pub(super) fn last_name(path: &str) -> &str {
    path.rsplit(['.', ':']).next().unwrap_or(path)
}

/// Whether a path is a schema or data migration, code that runs once per
/// deployment (`migrations/0033_x.py`, `old_ls_migration.py`,
/// `alembic/versions/..`, `migrate.rs`): a query per item there is a one-off
/// cost, not a request's N+1.
pub fn is_migration_path(path: &str) -> bool {
    let mut segments = path.split('/');
    let file = segments.next_back().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    let migrat = |s: &str| s.as_bytes().windows(6).any(|w| w.eq_ignore_ascii_case(b"migrat"));
    migrat(stem) || segments.any(|s| migrat(s) || s.eq_ignore_ascii_case("alembic"))
}

/// Whether `node` is a binary `+` (Python, TypeScript, Rust).
fn is_plus(node: Node<'_>, source: &str) -> bool {
    matches!(node.kind_name(), "binary_operator" | "binary_expression")
        && node.field("operator").is_some_and(|o| text(o, source) == "+")
}

/// The operands of a `+` chain in source order (`a + b + c` is `(a + b) + c`;
/// parentheses are looked through).
fn flatten_plus<'t>(node: Node<'t>, source: &str, out: &mut Vec<Node<'t>>) {
    let mut inner = node;
    while inner.kind_name() == "parenthesized_expression" && inner.named_child_count() == 1 {
        inner = inner.named_child(0).unwrap_or(inner);
    }
    if !is_plus(inner, source) {
        out.push(inner);
        return;
    }
    for side in ["left", "right"] {
        if let Some(operand) = inner.field(side) {
            flatten_plus(operand, source, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{declared_tables, is_migration_path};

    #[test]
    fn migrations_are_known_by_their_folder_or_file_name() {
        for path in [
            "app/migrations/0033_x.py",
            "core/old_ls_migration.py",
            "db/Alembic/versions/1a2b.py",
            "src/MIGRATE.rs",
            "src/schema_migrations/mod.rs",
        ] {
            assert!(is_migration_path(path), "{path}");
        }
        for path in ["app/models.py", "src/alembic_helpers/x.py", "migra/x.py", "src/tiny/mod_1.py", ""] {
            assert!(!is_migration_path(path), "{path}");
        }
    }

    #[test]
    fn tables_that_orm_models_declare() {
        let source = r#"
class RevokedToken(db.Model):
    __tablename__ = "revoked_tokens"

class Meta:
    db_table = 'shop_order'
"#;
        assert_eq!(declared_tables(source), vec!["revoked_tokens", "shop_order"]);
        let source = r#"
@Entity("audit.events")
export class Event {}
const Post = bookshelf.model("Post", { tableName: `posts` });
"#;
        assert_eq!(declared_tables(source), vec!["events", "posts"]);
        let source = "#[diesel(table_name = users)]\nstruct User;\ntable! { sessions (id) { id -> Int4 } }";
        assert_eq!(declared_tables(source), vec!["sessions", "users"]);
        assert!(declared_tables("let table = 1; // no declaration").is_empty());
    }
}
