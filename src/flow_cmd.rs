//! `backlint flow [PATH]... [--route ROUTE]`: what a request does on its way
//! to the database or another service, drawn from the same handler model,
//! route resolution and function summaries as `check`: for each route, the
//! handler, the calls into other modules that lead to data access or
//! outbound HTTP, and the query at the end, each with its file and line.
//! As text, or as Mermaid sequence diagrams (one per route).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::diagnostic::Location;
use crate::project::{FunctionFact, Project};
use crate::scan;

/// Output formats of `backlint flow`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FlowFormat {
    Text,
    Mermaid,
}

/// One route and where its handler is.
#[derive(Debug)]
struct RouteFlow<'p> {
    /// `GET /orders/:id`.
    route: String,
    handler: String,
    at: String,
    /// Where it is registered, when in another file.
    registered_at: Option<String>,
    /// The handler's function in the index, when it has a name there.
    function: Option<(usize, usize)>,
    /// An inline handler's file and body.
    inline: Option<(usize, &'p FunctionFact)>,
}

/// One step of a request's path.
#[derive(Debug, PartialEq, Eq)]
enum Hop {
    /// A call to a function of another module: its name and place; then its own hops.
    Call { callee: String, at: String, depth: usize },
    /// A query: the API and where it runs.
    Database { api: String, at: String, depth: usize },
    /// Outbound HTTP from a function (where exactly is not recorded).
    Http { depth: usize },
}

fn place(location: &Location) -> String {
    format!("{}:{}", location.path, location.start.line)
}

/// The routes of the project with their handlers.
fn routes(project: &Project) -> Vec<RouteFlow<'_>> {
    let mut out = Vec::new();
    for (i, file) in project.files.iter().enumerate() {
        for handler in &file.rare().handlers {
            let function = file.functions.iter().position(|f| f.span.bytes() == handler.function.bytes).map(|k| (i, k));
            out.push(RouteFlow {
                route: crate::lang::handlers::describe(&handler.methods, project.handler_route(i, handler).as_deref()),
                handler: handler.name.clone(),
                at: place(&handler.function),
                registered_at: None,
                function,
                inline: handler.body.as_deref().map(|body| (i, body)),
            });
        }
        for (r, route) in file.rare().routes.iter().enumerate() {
            let Some((module, name)) = project.resolve_route(i, r) else { continue };
            let Some((fi, k)) = project.function(module, &name) else { continue };
            let function = &project.files[fi].functions[k];
            out.push(RouteFlow {
                route: project.describe_route(i, r),
                handler: function.name.to_string(),
                at: place(&function.span.in_file(&project.files[fi].path)),
                registered_at: Some(place(&route.location)),
                function: Some((fi, k)),
                inline: None,
            });
        }
    }
    out.sort_by(|a, b| (&a.at, &a.route).cmp(&(&b.at, &b.route)));
    out.dedup_by(|a, b| a.at == b.at && a.route == b.route);
    out
}

/// The hops below function `(i, k)`, depth first, at most `max_hops` calls deep.
fn hops(
    project: &Project,
    (i, k): (usize, usize),
    depth: usize,
    max_hops: usize,
    seen: &mut BTreeSet<(usize, usize)>,
) -> Vec<Hop> {
    if !seen.insert((i, k)) {
        return Vec::new();
    }
    hops_of(project, i, &project.files[i].functions[k], depth, max_hops, seen)
}

/// The hops below `function` of file `i`: a named function or an inline
/// handler's body.
fn hops_of(
    project: &Project,
    i: usize,
    function: &FunctionFact,
    depth: usize,
    max_hops: usize,
    seen: &mut BTreeSet<(usize, usize)>,
) -> Vec<Hop> {
    let mut out = Vec::new();
    let file = &project.files[i];
    // A query of the function's own module (itself or a same-file helper).
    if let Some((query, api)) = function.query.as_deref()
        && *query.path == *file.path
    {
        out.push(Hop::Database { api: api.clone(), at: place(query), depth });
    }
    let mut followed_http = false;
    if depth < max_hops {
        for callee in &function.calls {
            let Some((module, name)) = project.resolve_callee(i, callee) else { continue };
            let Some(target) = project.function(module, &name) else { continue };
            let performs = project.files[target.0].functions[target.1].performs;
            if !(performs.data_access || performs.outbound_http || performs.opens_connection) {
                continue;
            }
            followed_http |= performs.outbound_http;
            let at = place(&project.files[target.0].functions[target.1].span.in_file(&project.files[target.0].path));
            out.push(Hop::Call { callee: callee.to_string(), at, depth });
            out.extend(hops(project, target, depth + 1, max_hops, seen));
        }
    }
    if function.performs.outbound_http && !followed_http {
        out.push(Hop::Http { depth });
    }
    out
}

/// Runs the subcommand.
pub fn run(
    inputs: &[PathBuf],
    route: Option<&str>,
    format: FlowFormat,
    max_hops: usize,
    out: &mut impl Write,
) -> Result<()> {
    let (_, project) = scan::project_of(inputs, |settings| settings.build_flows = true)?;
    let mut flows = routes(&project);
    if let Some(wanted) = route {
        flows.retain(|f| f.route == wanted || f.route.split_once(' ').is_some_and(|(_, path)| path == wanted));
        if flows.is_empty() {
            bail!("no route `{wanted}`: `backlint handlers` lists the routes backlint recognises");
        }
    }
    let mut chains = Vec::new();
    for (n, flow) in flows.iter().enumerate() {
        let steps = match (flow.function, flow.inline) {
            (Some(function), _) => hops(&project, function, 0, max_hops, &mut BTreeSet::new()),
            (None, Some((i, body))) => hops_of(&project, i, body, 0, max_hops, &mut BTreeSet::new()),
            (None, None) => Vec::new(),
        };
        match format {
            FlowFormat::Text => write_text(flow, &steps, out)?,
            FlowFormat::Mermaid => {
                if n > 0 {
                    writeln!(out)?;
                }
                write_mermaid(flow, &steps, out)?;
            }
        }
        chains.push((longest_chain(flow, &steps), n));
    }
    if format == FlowFormat::Text && flows.len() > 1 {
        write_deepest(&flows, chains, out)?;
    }
    Ok(())
}

/// How many routes the summary of the deepest flows names.
const DEEPEST: usize = 5;

/// The longest path of a route's request: its handler, the calls one
/// inside the other, and the database or outbound HTTP at the end.
fn longest_chain(flow: &RouteFlow, steps: &[Hop]) -> Vec<String> {
    let mut path = vec![flow.handler.clone()];
    let mut longest = path.clone();
    for step in steps {
        let (depth, name) = match step {
            Hop::Call { callee, depth, .. } => (*depth, callee.clone()),
            Hop::Database { depth, .. } => (*depth, "database".to_string()),
            Hop::Http { depth } => (*depth, "outbound HTTP".to_string()),
        };
        path.truncate(depth + 1);
        path.push(name);
        if path.len() > longest.len() {
            longest = path.clone();
        }
    }
    longest
}

/// The routes whose requests pass through the most layers, deepest
/// first: what each layer of the architecture adds to a request.
fn write_deepest(
    flows: &[RouteFlow],
    mut chains: Vec<(Vec<String>, usize)>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    chains.retain(|(chain, _)| chain.len() > 1);
    if chains.is_empty() {
        return Ok(());
    }
    // Longest first; among equals, in the order the routes are listed.
    chains.sort_by(|(a, m), (b, n)| b.len().cmp(&a.len()).then(m.cmp(n)));
    writeln!(out)?;
    writeln!(out, "Deepest flows (layers from the handler to the database or another service):")?;
    for (chain, n) in chains.iter().take(DEEPEST) {
        writeln!(out, "  {}  {}  {}", chain.len(), flows[*n].route, chain.join(" -> "))?;
    }
    Ok(())
}

fn write_text(flow: &RouteFlow, steps: &[Hop], out: &mut impl Write) -> std::io::Result<()> {
    let registered = flow.registered_at.as_deref().map(|at| format!("  (registered at {at})")).unwrap_or_default();
    writeln!(out, "{}  {}  {}{registered}", flow.route, flow.handler, flow.at)?;
    for step in steps {
        match step {
            Hop::Call { callee, at, depth } => writeln!(out, "{}-> {callee}  {at}", "  ".repeat(depth + 1))?,
            Hop::Database { api, at, depth } => writeln!(out, "{}-> database: {api}  {at}", "  ".repeat(depth + 1))?,
            Hop::Http { depth } => writeln!(out, "{}-> outbound HTTP", "  ".repeat(depth + 1))?,
        }
    }
    Ok(())
}

/// A Mermaid participant name: letters, digits and `_` only.
fn participant(n: usize) -> String {
    format!("P{n}")
}

/// Text inside a Mermaid label: no characters that end it.
fn label(text: &str) -> String {
    text.chars().map(|c| if matches!(c, ';' | '#' | '\n' | '\r') { ' ' } else { c }).collect()
}

fn write_mermaid(flow: &RouteFlow, steps: &[Hop], out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "%% {}", label(&flow.route))?;
    writeln!(out, "sequenceDiagram")?;
    writeln!(out, "    participant Client")?;
    writeln!(out, "    participant {} as {} ({})", participant(0), label(&flow.handler), label(&flow.at))?;
    let mut callers = vec![participant(0)];
    let mut next = 1;
    let mut database = false;
    let mut http = false;
    writeln!(out, "    Client->>{}: {}", participant(0), label(&flow.route))?;
    for step in steps {
        match step {
            Hop::Call { callee, at, depth } => {
                callers.truncate(depth + 1);
                let me = participant(next);
                next += 1;
                writeln!(out, "    participant {me} as {} ({})", label(callee), label(at))?;
                writeln!(out, "    {}->>{me}: {}", callers[*depth], label(callee))?;
                callers.push(me);
            }
            Hop::Database { api, at, depth } => {
                if !database {
                    writeln!(out, "    participant Database")?;
                    database = true;
                }
                let from = &callers[(*depth).min(callers.len() - 1)];
                writeln!(out, "    {from}->>Database: {} ({})", label(api), label(at))?;
            }
            Hop::Http { depth } => {
                if !http {
                    writeln!(out, "    participant Service as outbound HTTP")?;
                    http = true;
                }
                let from = &callers[(*depth).min(callers.len() - 1)];
                writeln!(out, "    {from}->>Service: request")?;
            }
        }
    }
    Ok(())
}
