//! `import-cycle`: modules that import each other, directly or through
//! others. A project-level rule: the file check does nothing; the project
//! check reports one finding per strongly connected component of the module
//! graph (see `project::graph::cycles`), at the import that starts the
//! component's shortest cycle from its lexicographically first module, with
//! every edge of that cycle as a related location.

use crate::config::Settings;
use crate::diagnostic::Finding;
use crate::project::graph;
use crate::rules::{OptionKind, ProjectCheck, ProjectContext, Rule, RuleOption, RuleSet};

pub static RULE: Rule = Rule {
    id: "import-cycle",
    doc: include_str!("../../rules/import-cycle.md"),
    queries: &[],
    options: &[RuleOption { name: INCLUDE_LAZY, kind: OptionKind::Boolean }],
    check: None,
    project: Some(PROJECT),
};

/// The option that counts lazy imports (inside functions) as edges.
const INCLUDE_LAZY: &str = "include-lazy";

/// Whether the rule, as configured in `settings`, counts lazy imports
/// (what `backlint graph` draws follows the rule's configuration).
pub fn includes_lazy(rules: &RuleSet, settings: &Settings) -> bool {
    rules
        .index_of(RULE.id)
        .and_then(|index| settings.rules.iter().find(|active| active.index == index))
        .and_then(|active| active.options.get(INCLUDE_LAZY).and_then(toml::Value::as_bool))
        .unwrap_or(false)
}

const PROJECT: ProjectCheck = ProjectCheck { check, reads_tests: true, ..ProjectCheck::READS_NOTHING };

fn check(ctx: &ProjectContext<'_>, out: &mut Vec<Finding>) {
    let project = ctx.project;
    for cycle in graph::cycles(project, ctx.option_bool(INCLUDE_LAZY, false)) {
        let names: Vec<&str> = cycle.modules.iter().map(|&m| &*project.modules[m].name).collect();
        let mut message = names.join(" -> ");
        message.push_str(" -> ");
        message.push_str(names[0]);
        if cycle.component.len() > cycle.modules.len() {
            message.push_str(&format!(" ({} modules in this cycle group)", cycle.component.len()));
        }
        let first = &project.edges[cycle.edges[0]];
        let mut finding = ctx.finding_at_import(first, format!("import cycle: {message}"));
        for &e in &cycle.edges {
            let edge = &project.edges[e];
            let (from, to) = (&project.modules[edge.from()].name, &project.modules[edge.to()].name);
            finding = finding.with_related(project.import_location(edge), format!("`{from}` imports `{to}`"));
        }
        // A Rust crate compiles as one unit and Cargo forbids cycles between
        // crates: a cycle among one crate's modules builds and runs fine. It
        // is a hint about the crate's layout, not a defect.
        if cycle.modules.iter().all(|&m| project.modules[m].is_rust()) {
            finding.level = crate::diagnostic::Level::Note.min(finding.level);
        }
        out.push(finding);
    }
}
