//! The rule framework: what a rule is, its metadata (parsed from the front
//! matter of `rules/<id>.md`), the registry of all rules, and the per-file
//! context a rule's check runs with.
//!
//! A rule is three pieces with one name: `rules/<id>.md` (metadata and user
//! docs), `queries/<family>/<id>.scm` (optional tree-sitter queries) and
//! `src/rules/<id_with_underscores>.rs` (the check). `tests/catalogue.rs`
//! fails when one is missing or stale.

mod context;
mod meta;

pub mod query_in_loop;
pub mod scattered_sql;
pub mod sql_injection;
pub mod tls_verification_disabled;

pub use context::{FileContext, FileFacts};
pub use meta::{Category, Precision, RuleMeta};

use std::sync::OnceLock;

use tree_sitter::Query;

use crate::diagnostic::Finding;
use crate::lang::{Family, Language};

/// Every rule backlint ships, in id order.
pub static ALL: &[&Rule] =
    &[&query_in_loop::RULE, &scattered_sql::RULE, &sql_injection::RULE, &tls_verification_disabled::RULE];

/// The check a rule runs on each file of a language it targets.
pub type CheckFn = fn(&FileContext<'_>, &mut Vec<Finding>);

/// The type of a rule option's value, checked when the config is loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    Integer,
    Boolean,
    String,
    StringList,
}

impl OptionKind {
    pub fn describe(self) -> &'static str {
        match self {
            OptionKind::Integer => "an integer",
            OptionKind::Boolean => "a boolean",
            OptionKind::String => "a string",
            OptionKind::StringList => "a list of strings",
        }
    }

    pub fn accepts(self, value: &toml::Value) -> bool {
        match self {
            OptionKind::Integer => value.is_integer(),
            OptionKind::Boolean => value.is_bool(),
            OptionKind::String => value.is_str(),
            OptionKind::StringList => value.as_array().is_some_and(|a| a.iter().all(toml::Value::is_str)),
        }
    }
}

/// An option a rule reads from `[rules.<id>]`.
#[derive(Debug)]
pub struct RuleOption {
    pub name: &'static str,
    pub kind: OptionKind,
}

/// A rule: its docs, its queries and its check.
pub struct Rule {
    /// The stable kebab-case id, as in `rules/<id>.md`.
    pub id: &'static str,
    /// `rules/<id>.md`: TOML front matter between `+++` lines, then the doc.
    pub doc: &'static str,
    /// `queries/<family>/<id>.scm` for each family the rule has a query for.
    pub queries: &'static [(Family, &'static str)],
    /// The options the rule reads from `[rules.<id>]`.
    pub options: &'static [RuleOption],
    pub check: CheckFn,
}

impl Rule {
    /// The rule's metadata, parsed from its doc's front matter.
    ///
    /// # Panics
    /// When the front matter is malformed; `tests/catalogue.rs` parses every
    /// shipped rule's front matter so that this cannot happen at run time.
    pub fn meta(&self) -> RuleMeta {
        RuleMeta::parse(self.doc).unwrap_or_else(|e| panic!("rules/{}.md: {e}", self.id))
    }

    /// The query source for a family, if the rule has one.
    pub fn query_source(&self, family: Family) -> Option<&'static str> {
        self.queries.iter().find(|(f, _)| *f == family).map(|(_, q)| *q)
    }
}

/// Looks a shipped rule up by id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}

/// Compiles a rule's query source against one grammar.
pub fn compile_query(language: Language, source: &str) -> Result<Query, tree_sitter::QueryError> {
    Query::new(&language.grammar(), source)
}

/// The rules of one scan with their metadata and their queries, each query
/// compiled once per process (lazily, on the first file of its grammar) and
/// shared by every thread.
pub struct RuleSet {
    rules: Vec<&'static Rule>,
    metas: Vec<RuleMeta>,
    compiled: [OnceLock<Vec<Option<Query>>>; 5],
}

impl RuleSet {
    pub fn new(rules: Vec<&'static Rule>) -> RuleSet {
        let metas = rules.iter().map(|r| r.meta()).collect();
        RuleSet { rules, metas, compiled: Default::default() }
    }

    /// All shipped rules.
    pub fn all() -> RuleSet {
        RuleSet::new(ALL.to_vec())
    }

    pub fn rules(&self) -> &[&'static Rule] {
        &self.rules
    }

    pub fn metas(&self) -> &[RuleMeta] {
        &self.metas
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }

    /// The compiled query of rule `index` for `language`.
    pub fn query(&self, index: usize, language: Language) -> Option<&Query> {
        let compiled = self.compiled[language.index()].get_or_init(|| {
            self.rules
                .iter()
                .map(|rule| {
                    rule.query_source(language.family()).map(|source| {
                        compile_query(language, source).unwrap_or_else(|e| {
                            panic!(
                                "queries/{}/{}.scm does not compile for {}: {e}",
                                language.family().name(),
                                rule.id,
                                language.name()
                            )
                        })
                    })
                })
                .collect()
        });
        compiled[index].as_ref()
    }
}

/// The rule table of the README (between `<!-- rules:start -->` and
/// `<!-- rules:end -->`), generated from the rules' metadata.
pub fn markdown_table(rules: &RuleSet) -> String {
    let mut out = String::from("| id | category | languages | level | flags |\n|---|---|---|---|---|\n");
    for meta in rules.metas() {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            meta.id,
            meta.category.as_str(),
            meta.languages_label(),
            meta.level,
            meta.summary
        ));
    }
    out
}
