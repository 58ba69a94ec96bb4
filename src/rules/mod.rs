//! The rule framework: what a rule is, its metadata (parsed from the front
//! matter of `rules/<id>.md`), the registry of all rules, and the per-file
//! context a rule's check runs with.
//!
//! A rule is three pieces with one name: `rules/<id>.md` (metadata and user
//! docs), `queries/<family>/<id>.scm` (optional tree-sitter queries) and
//! `src/rules/<id_with_underscores>.rs` (the check). `tests/it/catalogue.rs`
//! fails when one is missing or stale.

mod context;
mod meta;
mod project_check;

pub mod connection_per_request;
pub mod debug_mode_enabled;
pub mod fat_handler;
pub mod handler_data_access;
pub mod hardcoded_secret;
pub mod hardcoded_url;
pub mod http_call_without_timeout;
pub mod import_cycle;
pub mod jwt_verification_disabled;
pub mod layer_violation;
pub mod panic_in_handler;
pub mod permissive_cors;
pub mod print_in_handler;
pub mod query_in_loop;
pub mod scattered_sql;
pub mod shared_mutable_state;
pub mod sql_injection;
pub mod swallowed_exception;
pub mod tls_verification_disabled;
pub mod weak_password_hash;

pub use crate::config::{KnownRule, OptionKind, RuleCatalogue, RuleOption};
pub use crate::file_facts::{FileFacts, FileView};
pub use context::FileContext;
pub use meta::{Category, Precision, RuleMeta};
pub use project_check::{
    ProjectCheck, ProjectCheckFn, ProjectContext, is_project_rule, needs_connections, needs_decodes, needs_digests,
    needs_handlers, needs_index, needs_index_of, needs_panics, needs_parameter_loops, needs_performs, needs_routes,
    needs_shapes, needs_sql_tables, run_project_checks,
};

use std::sync::OnceLock;

use tree_sitter::Query;

use crate::diagnostic::Finding;
use crate::lang::{Family, Language};

/// Every rule backlint ships, in id order.
pub static ALL: &[&Rule] = &[
    &connection_per_request::RULE,
    &debug_mode_enabled::RULE,
    &fat_handler::RULE,
    &handler_data_access::RULE,
    &hardcoded_secret::RULE,
    &hardcoded_url::RULE,
    &http_call_without_timeout::RULE,
    &import_cycle::RULE,
    &jwt_verification_disabled::RULE,
    &layer_violation::RULE,
    &panic_in_handler::RULE,
    &permissive_cors::RULE,
    &print_in_handler::RULE,
    &query_in_loop::RULE,
    &scattered_sql::RULE,
    &shared_mutable_state::RULE,
    &sql_injection::RULE,
    &swallowed_exception::RULE,
    &tls_verification_disabled::RULE,
    &weak_password_hash::RULE,
];

/// The check a rule runs on each file of a language it targets.
pub type CheckFn = fn(&FileContext<'_>, &mut Vec<Finding>);

/// A rule: its docs, its queries, and its checks: one per file, one on the
/// joined project, or both.
pub struct Rule {
    /// The stable kebab-case id, as in `rules/<id>.md`.
    pub id: &'static str,
    /// `rules/<id>.md`: TOML front matter between `+++` lines, then the doc.
    pub doc: &'static str,
    /// `queries/<family>/<id>.scm` for each family the rule has a query for.
    pub queries: &'static [(Family, &'static str)],
    /// The options the rule reads from `[rules.<id>]`.
    pub options: &'static [RuleOption],
    /// The check of each file of a language the rule targets.
    pub check: Option<CheckFn>,
    /// The check of the joined project (see [`ProjectCheck`]).
    pub project: Option<ProjectCheck>,
}

impl Rule {
    /// The rule's metadata, parsed from its doc's front matter.
    ///
    /// # Panics
    /// When the front matter is malformed; `tests/it/catalogue.rs` parses every
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

/// The rules of one scan with their metadata and their queries.
///
/// The queries of all rules for one grammar are compiled together, once per
/// process (lazily, on the first file of that grammar), into one combined
/// query shared by every thread, so that a file's tree is traversed once for
/// all rules' patterns rather than once per rule.
pub struct RuleSet {
    rules: Vec<&'static Rule>,
    metas: Vec<RuleMeta>,
    /// What the configuration checks ids, levels and options against.
    known: Vec<KnownRule>,
    combined: [OnceLock<Option<CombinedQuery>>; 5],
}

impl RuleCatalogue for RuleSet {
    fn known_rules(&self) -> &[KnownRule] {
        &self.known
    }
}

/// All rules' patterns for one grammar in one query.
pub struct CombinedQuery {
    pub query: Query,
    /// For each pattern of `query`, the index of its rule in the [`RuleSet`]
    /// and the pattern's index within that rule's own query file.
    pub owners: Vec<(usize, usize)>,
}

/// One match of a rule's query: its pattern (numbered within the rule's own
/// query file) and its captures.
#[derive(Debug, Clone)]
pub struct Match<'t> {
    pub pattern_index: usize,
    pub captures: Vec<(u32, tree_sitter::Node<'t>)>,
}

impl RuleSet {
    pub fn new(rules: Vec<&'static Rule>) -> RuleSet {
        let metas: Vec<RuleMeta> = rules.iter().map(|r| r.meta()).collect();
        let known = rules
            .iter()
            .zip(&metas)
            .map(|(rule, meta)| KnownRule { id: rule.id, level: meta.level, options: rule.options })
            .collect();
        RuleSet { rules, metas, known, combined: Default::default() }
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

    /// The combined query of every rule for `language`, if any rule has one.
    ///
    /// # Panics
    /// When a shipped query does not compile; `tests/it/catalogue.rs` compiles
    /// every query against every grammar of its family, so this cannot
    /// happen in a release.
    pub fn combined_query(&self, language: Language) -> Option<&CombinedQuery> {
        self.combined[language.index()].get_or_init(|| self.build_combined(language)).as_ref()
    }

    fn build_combined(&self, language: Language) -> Option<CombinedQuery> {
        let mut source = String::new();
        let mut starts = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            if let Some(query) = rule.query_source(language.family()) {
                if let Err(e) = compile_query(language, query) {
                    panic!(
                        "queries/{}/{}.scm does not compile for {}: {e}",
                        language.family().name(),
                        rule.id,
                        language.name()
                    );
                }
                starts.push((source.len(), index));
                source.push_str(query);
                source.push('\n');
            }
        }
        if starts.is_empty() {
            return None;
        }
        let query = compile_query(language, &source).expect("queries that compile alone compile together");
        let mut owners = Vec::with_capacity(query.pattern_count());
        let mut first_pattern_of_rule = (usize::MAX, 0);
        for pattern in 0..query.pattern_count() {
            let offset = query.start_byte_for_pattern(pattern);
            let rule = starts.iter().rev().find(|(start, _)| *start <= offset).map_or(0, |(_, rule)| *rule);
            if first_pattern_of_rule.0 != rule {
                first_pattern_of_rule = (rule, pattern);
            }
            owners.push((rule, pattern - first_pattern_of_rule.1));
        }
        Some(CombinedQuery { query, owners })
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
