//! `layer-violation`: an import against the layer order or a contract
//! declared under `[architecture]` in `backlint.toml`. A project-level rule:
//! the file check does nothing; the project check reports each violating
//! import (see `project::graph::violations`). Silent without a declaration.

use crate::diagnostic::Finding;
use crate::project::graph;
use crate::rules::{ProjectCheck, ProjectContext, Rule};

pub static RULE: Rule = Rule {
    id: "layer-violation",
    doc: include_str!("../../rules/layer-violation.md"),
    queries: &[],
    options: &[],
    check: None,
    project: Some(PROJECT),
};

const PROJECT: ProjectCheck = ProjectCheck { check, reads_tests: true, ..ProjectCheck::READS_NOTHING };

fn check(ctx: &ProjectContext<'_>, out: &mut Vec<Finding>) {
    let project = ctx.project;
    for violation in graph::violations(project, &ctx.settings.architecture) {
        let edge = &project.edges[violation.edge];
        out.push(ctx.finding_at_import(edge, violation.message));
    }
}
