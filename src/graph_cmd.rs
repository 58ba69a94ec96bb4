//! `backlint graph [PATH]...`: the module graph of the scanned code,
//! collapsed to a depth (or to the declared layers), as Graphviz dot,
//! Mermaid or JSON; import cycles and layer violations highlighted. Same
//! walk, single parse and project index as `check`, with no file rule run.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use crate::config::{Overrides, Settings};
use crate::project::graph;
use crate::rules::RuleSet;
use crate::scan::{self, ScanOptions};
use crate::walk;

/// Output formats of `backlint graph`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Dot,
    Mermaid,
    Json,
}

/// Runs the subcommand.
pub fn run(inputs: &[PathBuf], format: GraphFormat, depth: Option<usize>, out: &mut impl Write) -> Result<()> {
    let walk::Inputs { mut root, paths, config_start } = walk::Inputs::resolve(inputs).map_err(anyhow::Error::msg)?;
    // One folder: module names are relative to it.
    if paths.len() == 1 && paths[0].is_dir() {
        root = paths[0].clone();
    }
    let rules = RuleSet::all();
    let mut settings = Settings::load(&rules, &config_start, None, &Overrides::default())?;
    settings.anchor_at(&root);
    let include_lazy = rules
        .index_of("import-cycle")
        .and_then(|index| settings.rules.iter().find(|a| a.index == index))
        .and_then(|a| a.options.get("include-lazy").and_then(toml::Value::as_bool))
        .unwrap_or(false);
    settings.rules.clear();
    settings.build_index = true;
    let report = scan::scan(&root, &paths, &rules, &settings, ScanOptions::default());
    let project = report.project.unwrap_or_default();
    let collapsed = graph::collapse(&project, &settings.architecture, depth, include_lazy);
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
