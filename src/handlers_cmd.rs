//! `backlint handlers [PATH]...`: lists the route handlers backlint
//! recognises, so users can see why a handler rule did or did not fire.
//! The same pipeline as `check` (walk, engine, the handler model's facts in
//! the project index, the join): a handler registered in another file is
//! listed at its definition, with where it is registered; output sorted by
//! path, line and function.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;

use crate::lang::handlers;
use crate::project::Project;

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

/// The route handlers of a project index built with its handlers
/// (`Settings::build_flows`): each file's own, and those that a route of
/// another file names, resolved through the project index as `check`
/// resolves them.
pub fn list(project: &Project) -> Vec<Listed> {
    let mut out = Vec::new();
    for (i, file) in project.files.iter().enumerate() {
        out.extend(file.rare().handlers.iter().map(|h| Listed {
            path: file.path.to_string(),
            line: h.name_line,
            end_line: h.function.end.line,
            function: h.name.clone(),
            framework: h.framework.as_str(),
            methods: h.methods.clone(),
            route: project.handler_route(i, h),
            registered_at: None,
        }));
    }
    for (i, file) in project.files.iter().enumerate() {
        for (r, route) in file.rare().routes.iter().enumerate() {
            let Some((module, name)) = project.resolve_route(i, r) else { continue };
            let Some((fi, k)) = project.function(module, &name) else { continue };
            let function = &project.files[fi].functions[k];
            out.push(Listed {
                path: project.files[fi].path.to_string(),
                line: function.span.start.line,
                end_line: function.span.end.line,
                function: function.name.to_string(),
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
    let (_, project) = crate::scan::project_of(inputs, |settings| settings.build_flows = true)?;
    let found = list(&project);
    if json {
        serde_json::to_writer_pretty(&mut *out, &found)?;
        writeln!(out)?;
    } else {
        write_text(&found, out)?;
    }
    Ok(())
}
