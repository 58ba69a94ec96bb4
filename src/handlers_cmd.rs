//! `backlint handlers [PATH]...`: lists the route handlers backlint
//! recognises, so users can see why a handler rule did or did not fire.
//! Same walker, parsers, handler model and project join as `check` (a
//! handler registered in another file is listed at its definition, with
//! where it is registered); output sorted by path, line and function.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::{Overrides, Settings};
use crate::lang::{self, handlers};
use crate::project::{self, FileIndex, Project, RouteFact};
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
    /// `path:line` of the registration when it is in another file (the
    /// route names a handler of another module), else `None`.
    pub registered_at: Option<String>,
}

/// Finds the handlers of every file under `paths` (absolute, normalized);
/// paths in the result are relative to `root`. Handlers that a route of
/// another file names are resolved through the project index, as `check`
/// resolves them.
pub fn list(root: &Path, paths: &[PathBuf], settings: &Settings, jobs: usize) -> Vec<Listed> {
    let walked = walk::walk(root, paths, settings, WalkOptions { threads: jobs, follow_symlinks: false });
    let per_file: Vec<(Vec<Listed>, FileIndex)> = walked
        .files
        .par_iter()
        .filter_map(|candidate| {
            let text = match std::fs::read(&candidate.path) {
                Ok(bytes) if !bytes[..bytes.len().min(8192)].contains(&0) => {
                    String::from_utf8_lossy(&bytes).into_owned()
                }
                _ => return None,
            };
            let file = SourceFile::new(candidate.display.clone(), candidate.language, text);
            let tree = lang::parse(file.language, &file.text);
            let (found, references) = handlers::find(file.language, &file.path, &tree, &file.text);
            let listed = found
                .into_iter()
                .map(|h| Listed {
                    path: file.path.to_string(),
                    line: file.line_of(h.name_range.start) as u32 + 1,
                    end_line: file.line_of(h.function.end.saturating_sub(1)) as u32 + 1,
                    function: h.name.clone(),
                    framework: h.framework.as_str(),
                    route: h.route.clone(),
                    methods: h.methods,
                    registered_at: None,
                })
                .collect();
            let mut index = project::extract(&file, &tree, None);
            index.routes = references
                .into_iter()
                .map(|r| RouteFact {
                    framework: r.framework,
                    methods: r.methods,
                    route: r.route,
                    callee: r.callee,
                    location: file.location(r.registration),
                    mount: r.mount,
                })
                .collect();
            Some((listed, index))
        })
        .collect();
    let mut out = Vec::new();
    let mut indexes = Vec::new();
    for (listed, index) in per_file {
        out.extend(listed);
        indexes.push(index);
    }
    let project = Project::build(root, indexes);
    for (i, file) in project.files.iter().enumerate() {
        for (r, route) in file.routes.iter().enumerate() {
            let Some((module, name)) = project.resolve_route(i, r) else { continue };
            let Some((fi, k)) = project.function(module, &name) else { continue };
            let function = &project.files[fi].functions[k];
            out.push(Listed {
                path: project.files[fi].path.clone(),
                line: function.location.start.line,
                end_line: function.location.end.line,
                function: function.name.clone(),
                framework: route.framework.as_str(),
                methods: route.methods.clone(),
                route: project.full_route(i, route.route.as_deref()),
                registered_at: Some(format!("{}:{}", file.path, route.location.start.line)),
            });
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Text output: `path:line  framework  METHOD /route  function`.
pub fn write_text(handlers: &[Listed], out: &mut impl Write) -> std::io::Result<()> {
    for h in handlers {
        let methods = handlers::methods_label(&h.methods);
        let route = handlers::route_label(h.route.as_deref());
        let registered = h.registered_at.as_deref().map(|at| format!("  (registered at {at})")).unwrap_or_default();
        writeln!(out, "{}:{}  {}  {} {}  {}{registered}", h.path, h.line, h.framework, methods, route, h.function)?;
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
