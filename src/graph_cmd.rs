//! `backlint graph [PATH]...`: the module graph of the scanned code,
//! collapsed to a depth (or to the declared layers), as Graphviz dot,
//! Mermaid or JSON; import cycles and layer violations highlighted. Same
//! walk, single parse and project index as `check`, with no file rule run.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use crate::project::graph;
use crate::rules::RuleSet;
use crate::scan;

/// Output formats of `backlint graph`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Dot,
    Mermaid,
    Json,
}

/// Runs the subcommand.
pub fn run(inputs: &[PathBuf], format: GraphFormat, depth: Option<usize>, out: &mut impl Write) -> Result<()> {
    let rules = RuleSet::all();
    let mut include_lazy = false;
    let (settings, project) = scan::project_of(inputs, |settings| {
        include_lazy = crate::rules::import_cycle::includes_lazy(&rules, settings);
    })?;
    let collapsed = graph::collapse(&project, &settings.architecture, depth, include_lazy);
    // Say which level a default drawing shows, and how to change it.
    if depth.is_none()
        && let Some(chosen) = collapsed.depth
    {
        eprintln!(
            "backlint: modules collapsed to {chosen} name segment(s): {} group(s) (the default keeps a drawing to about {}); --depth N draws another level",
            collapsed.nodes.len(),
            graph::READABLE_NODES
        );
    }
    match format {
        GraphFormat::Dot => out.write_all(graph::to_dot(&collapsed).as_bytes())?,
        GraphFormat::Mermaid => out.write_all(graph::to_mermaid(&collapsed).as_bytes())?,
        GraphFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &collapsed)?;
            writeln!(out)?;
        }
    }
    Ok(())
}
