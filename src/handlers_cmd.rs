//! `backlint handlers [PATH]...`: lists the route handlers backlint
//! recognises, so users can see why a handler rule did or did not fire.
//! Same walker and per-thread parsers as `check`; output sorted by path,
//! line and function.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::{Overrides, Settings};
use crate::lang::{self, handlers};
use crate::rules::RuleSet;
use crate::source::SourceFile;
use crate::walk::{self, WalkOptions};

/// One listed handler.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Listed {
    pub path: String,
    /// 1-based line of the function's name (or of an inline function's start).
    pub line: u32,
    pub end_line: u32,
    pub function: String,
    pub framework: &'static str,
    pub methods: Vec<String>,
    pub route: Option<String>,
}

/// Finds the handlers of every file under `paths` (absolute, normalized);
/// paths in the result are relative to `root`.
pub fn list(root: &Path, paths: &[PathBuf], settings: &Settings, jobs: usize) -> Vec<Listed> {
    let walked = walk::walk(root, paths, settings, WalkOptions { threads: jobs, follow_symlinks: false });
    let mut out: Vec<Listed> = walked
        .files
        .par_iter()
        .flat_map_iter(|candidate| {
            let text = match std::fs::read(&candidate.path) {
                Ok(bytes) if !bytes[..bytes.len().min(8192)].contains(&0) => {
                    String::from_utf8_lossy(&bytes).into_owned()
                }
                _ => return Vec::new(),
            };
            let file = SourceFile::new(candidate.display.clone(), candidate.language, text);
            let tree = lang::parse(file.language, &file.text);
            handlers::find(file.language, &file.path, &tree, &file.text)
                .into_iter()
                .map(|h| Listed {
                    path: file.path.to_string(),
                    line: file.line_of(h.name_range.start) as u32 + 1,
                    end_line: file.line_of(h.function.end.saturating_sub(1)) as u32 + 1,
                    function: h.name.clone(),
                    framework: h.framework.as_str(),
                    route: h.route.clone(),
                    methods: h.methods,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Text output: `path:line  framework  METHOD /route  function`.
pub fn write_text(handlers: &[Listed], out: &mut impl Write) -> std::io::Result<()> {
    for h in handlers {
        let methods = handlers::methods_label(&h.methods);
        let route = handlers::route_label(h.route.as_deref());
        writeln!(out, "{}:{}  {}  {} {}  {}", h.path, h.line, h.framework, methods, route, h.function)?;
    }
    Ok(())
}

/// Runs the subcommand: `json` selects JSON output.
pub fn run(inputs: &[PathBuf], json: bool, out: &mut impl Write) -> Result<()> {
    let walk::Inputs { root, paths, config_start } = walk::Inputs::resolve(inputs).map_err(anyhow::Error::msg)?;
    let settings = Settings::load(&RuleSet::all(), &config_start, None, &Overrides::default())?;
    let found = list(&root, &paths, &settings, crate::scan::default_jobs());
    if json {
        serde_json::to_writer_pretty(&mut *out, &found)?;
        writeln!(out)?;
    } else {
        write_text(&found, out)?;
    }
    Ok(())
}
