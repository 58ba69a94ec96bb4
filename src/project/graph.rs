//! The module graph: strongly connected components of more than one module
//! (Tarjan's algorithm, iterative), the shortest cycle of each, layer violations, and the graph
//! collapsed to a depth for `backlint graph` (dot, mermaid, json).
//!
//! Invariants: nothing recurses over the graph (10,000-module chains are
//! fine); every step is linear in modules plus edges; outputs are sorted.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::{Edge, ImportKind, Project};
use crate::config::{Architecture, ContractKind};

/// A directed graph in compressed rows (the module graph of import cycles,
/// the callers of each function in `performs::propagate`): the nodes node
/// `v` points to are `targets[offsets[v]..offsets[v + 1]]`, in order. Two
/// flat vectors of `u32`, not a vector per node: a project of 100,000
/// modules, most with one import, keeps 8 bytes a module where lists took
/// about 40.
pub struct Adjacency {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Adjacency {
    /// The graph of `n` nodes with `arcs`, given sorted by source (each
    /// node's targets keep the order they come in).
    pub fn from_sorted(n: usize, arcs: impl IntoIterator<Item = (usize, usize)>) -> Adjacency {
        let mut offsets = vec![0u32; n + 1];
        let mut targets = Vec::new();
        let mut last = 0;
        for (from, to) in arcs {
            debug_assert!(from >= last, "arcs not sorted by source");
            last = from;
            offsets[from + 1] += 1;
            targets.push(to as u32);
        }
        for v in 0..n {
            offsets[v + 1] += offsets[v];
        }
        Adjacency { offsets, targets }
    }

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The nodes `v` points to.
    pub fn of(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v] as usize..self.offsets[v + 1] as usize]
    }
}

/// The strongly connected components of more than one node (those with a
/// cycle) of a graph whose nodes' targets are sorted; each component
/// sorted, components in order of discovery. A node alone is left out: a
/// project of 100,000 modules has about as many, and no cycle among them.
pub fn cyclic_components(adjacency: &Adjacency) -> Vec<Vec<usize>> {
    let n = adjacency.len();
    const UNSEEN: u32 = u32::MAX;
    // Per node: its discovery index, its low link, and whether it is on the
    // stack (`u32`s: a project has fewer modules than that).
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut components = Vec::new();
    let mut next = 0u32;
    // The explicit call stack: (node, position in its targets).
    let mut calls: Vec<(u32, u32)> = Vec::new();
    for start in 0..n {
        if index[start] != UNSEEN {
            continue;
        }
        calls.push((start as u32, 0));
        index[start] = next;
        low[start] = next;
        next += 1;
        stack.push(start as u32);
        on_stack[start] = true;
        while let Some(&mut (v, ref mut position)) = calls.last_mut() {
            let v = v as usize;
            if let Some(&w) = adjacency.of(v).get(*position as usize) {
                *position += 1;
                let w = w as usize;
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w as u32);
                    on_stack[w] = true;
                    calls.push((w as u32, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent as usize] = low[parent as usize].min(low[v]);
            }
            if low[v] == index[v] && stack.last() == Some(&(v as u32)) {
                stack.pop();
                on_stack[v] = false;
            } else if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    let w = w as usize;
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
        }
    }
    components
}

/// The shortest cycle through `start` that stays within `members` (breadth
/// first; ties go to the smaller node), as the nodes from `start` on.
pub fn shortest_cycle(adjacency: &Adjacency, members: &BTreeSet<usize>, start: usize) -> Option<Vec<usize>> {
    let mut previous: BTreeMap<usize, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in adjacency.of(v) {
            let w = w as usize;
            if !members.contains(&w) {
                continue;
            }
            if w == start {
                let mut path = vec![v];
                let mut at = v;
                while at != start {
                    at = previous[&at];
                    path.push(at);
                }
                path.reverse();
                return Some(path);
            }
            if let std::collections::btree_map::Entry::Vacant(e) = previous.entry(w) {
                e.insert(v);
                queue.push_back(w);
            }
        }
    }
    None
}

/// An import cycle: the modules of its shortest cycle (from the
/// lexicographically first module of its component) and the edge that
/// carries each step.
#[derive(Debug, Clone)]
pub struct Cycle {
    pub modules: Vec<usize>,
    /// Indexes into [`Project::edges`], one per step (the last closes it).
    pub edges: Vec<usize>,
    /// Every module of the strongly connected component.
    pub component: Vec<usize>,
}

/// The module an edge counts between for cycles: for Rust, the two sibling
/// modules under the modules' closest common ancestor, `None` for
/// parent/child edges and edges between crates.
fn cycle_endpoints(project: &Project, edge: &Edge) -> Option<(usize, usize)> {
    let (from, to) = (&project.modules[edge.from()], &project.modules[edge.to()]);
    if !(from.is_rust() && to.is_rust()) {
        return Some((edge.from(), edge.to()));
    }
    // Rust names are the crate, then the path in it: the same crate is the
    // same first segment, and the common ancestor the segments after it
    // that both share.
    let shared = from.segments().zip(to.segments()).take_while(|(x, y)| x == y).count();
    if shared == 0 || shared == from.segments().count() || shared == to.segments().count() {
        return None;
    }
    // The ancestor's child on each side: the first `shared + 1` segments.
    let child = |module: &super::Module| {
        let end = module.name.match_indices("::").nth(shared).map_or(module.name.len(), |(at, _)| at);
        project.module_named(&module.name[..end]).filter(|&m| project.modules[m].is_rust())
    };
    Some((child(from)?, child(to)?))
}

/// The import cycles of a project, one per strongly connected component of
/// more than one module, sorted by their first module. Type-only imports
/// never count; lazy ones only with `include_lazy`.
pub fn cycles(project: &Project, include_lazy: bool) -> Vec<Cycle> {
    let n = project.modules.len();
    // The steps (from, to) with the first edge (edges are sorted) that makes
    // each: sorted, then all but the first of each step dropped.
    let mut steps: Vec<(u32, u32, u32)> = Vec::new();
    for (i, edge) in project.edges.iter().enumerate() {
        let counts = match edge.kind {
            ImportKind::Normal => true,
            ImportKind::Lazy => include_lazy,
            ImportKind::TypeOnly => false,
        };
        if !counts {
            continue;
        }
        if let Some((from, to)) = cycle_endpoints(project, edge)
            && from != to
        {
            steps.push((from as u32, to as u32, i as u32));
        }
    }
    steps.sort_unstable();
    steps.dedup_by_key(|&mut (from, to, _)| (from, to));
    let adjacency = Adjacency::from_sorted(n, steps.iter().map(|&(from, to, _)| (from as usize, to as usize)));
    let edge_of = |from: usize, to: usize| {
        let k = steps.binary_search_by_key(&(from as u32, to as u32), |&(f, t, _)| (f, t));
        k.map(|k| steps[k].2 as usize).expect("a step of a cycle is a step of the graph")
    };
    let mut out = Vec::new();
    for component in cyclic_components(&adjacency) {
        let members: BTreeSet<usize> = component.iter().copied().collect();
        let first = component[0];
        let Some(modules) = shortest_cycle(&adjacency, &members, first) else { continue };
        let edges = (0..modules.len()).map(|k| edge_of(modules[k], modules[(k + 1) % modules.len()])).collect();
        out.push(Cycle { modules, edges, component });
    }
    out.sort_by_key(|c| c.modules[0]);
    out
}

/// An import that breaks the declared layer order or a contract.
#[derive(Debug, Clone)]
pub struct Violation {
    /// Index into [`Project::edges`].
    pub edge: usize,
    pub message: String,
}

/// The imports (normal and lazy; never type-only) that go against the layer
/// order or a contract of `architecture`.
pub fn violations(project: &Project, architecture: &Architecture) -> Vec<Violation> {
    let mut out = Vec::new();
    if architecture.layers.is_empty() && architecture.contracts.is_empty() {
        return out;
    }
    let order: Vec<&str> = architecture.layers.iter().map(|l| l.name.as_str()).collect();
    let layer_of: Vec<Option<usize>> =
        (0..project.modules.len()).map(|m| architecture.layer_of(project.path_of(m))).collect();
    for (i, edge) in project.edges.iter().enumerate() {
        if edge.kind == ImportKind::TypeOnly {
            continue;
        }
        let (from, to) = (&project.modules[edge.from()].name, &project.modules[edge.to()].name);
        let (from_path, to_path) = (project.path_of(edge.from()), project.path_of(edge.to()));
        if let (Some(a), Some(b)) = (layer_of[edge.from()], layer_of[edge.to()])
            && b < a
        {
            out.push(Violation {
                edge: i,
                message: format!(
                    "`{from}` (layer `{}`) imports `{to}` (layer `{}`), a layer above it; the order is {}",
                    order[a],
                    order[b],
                    order.join(" -> ")
                ),
            });
        }
        for contract in &architecture.contracts {
            match &contract.kind {
                ContractKind::Forbidden { from: f, to: t } => {
                    if f.is_match(from_path) && t.is_match(to_path) {
                        out.push(Violation {
                            edge: i,
                            message: format!("`{from}` imports `{to}`, which the contract `{}` forbids", contract.name),
                        });
                    }
                }
                ContractKind::Independent(groups) => {
                    if let (Some(g1), Some(g2)) = (groups.group_of(from_path), groups.group_of(to_path))
                        && g1 != g2
                    {
                        out.push(Violation {
                            edge: i,
                            message: format!(
                                "`{from}` imports `{to}`, but `{g1}` and `{g2}` must stay independent (contract `{}`)",
                                contract.name
                            ),
                        });
                    }
                }
            }
        }
    }
    out
}

/// The module graph collapsed to groups.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Collapsed {
    pub depth: Option<usize>,
    pub nodes: Vec<Node>,
    pub edges: Vec<CollapsedEdge>,
    /// Each import cycle of the modules, as module names (`a -> b -> a` without the repeat).
    pub cycles: Vec<Vec<String>>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Node {
    pub id: String,
    pub modules: usize,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct CollapsedEdge {
    pub from: String,
    pub to: String,
    /// Resolved imports between the two groups (type-only ones included).
    pub imports: usize,
    /// Some import of a cycle runs along this edge.
    pub cycle: bool,
    /// Some import along this edge breaks a layer or contract.
    pub violation: bool,
}

/// The group of a module at `depth` segments of its name.
fn group(name: &str, separator: &str, depth: usize) -> String {
    name.split(separator).take(depth).collect::<Vec<_>>().join(separator)
}

/// The most groups a default drawing holds: about what a reader takes in.
pub const READABLE_NODES: usize = 40;

/// Collapses the module graph: to the declared layers when there are some
/// and `depth` is not given (modules in no layer by their first segment),
/// else to `depth` name segments. By default the depth is the deepest, at
/// most 8, that keeps the drawing to [`READABLE_NODES`] groups (the
/// shallowest of equal ones), and never shallower than the first at which
/// no group holds 90% of the modules (the top-level packages, or the
/// top-level modules of a single crate).
pub fn collapse(project: &Project, architecture: &Architecture, depth: Option<usize>, include_lazy: bool) -> Collapsed {
    let by_layers = depth.is_none() && !architecture.layers.is_empty();
    let group_at = |m: usize, depth: usize| {
        let module = &project.modules[m];
        if by_layers && let Some(layer) = architecture.layer_of(project.path_of(m)) {
            return architecture.layers[layer].name.clone();
        }
        group(&module.name, module.separator(), depth)
    };
    let depth = match (depth, by_layers) {
        (Some(d), _) => d.max(1),
        (None, true) => 1,
        (None, false) => {
            // Group sizes at each depth, computed once.
            let sizes: Vec<BTreeMap<String, usize>> = (1..=8)
                .map(|d| {
                    let mut sizes: BTreeMap<String, usize> = BTreeMap::new();
                    for m in 0..project.modules.len() {
                        *sizes.entry(group_at(m, d)).or_default() += 1;
                    }
                    sizes
                })
                .collect();
            let spread = |s: &BTreeMap<String, usize>| {
                let largest = s.values().max().copied().unwrap_or(0);
                s.len() > 1 && largest * 10 < project.modules.len() * 9
            };
            let informative = sizes.iter().position(spread).unwrap_or(0);
            let mut chosen = informative;
            for (i, s) in sizes.iter().enumerate().skip(informative + 1) {
                if s.len() > READABLE_NODES {
                    break;
                }
                if s.len() > sizes[chosen].len() {
                    chosen = i;
                }
            }
            chosen + 1
        }
    };
    let groups: Vec<String> = (0..project.modules.len()).map(|m| group_at(m, depth)).collect();
    let mut nodes: BTreeMap<&str, usize> = BTreeMap::new();
    for g in &groups {
        *nodes.entry(g.as_str()).or_default() += 1;
    }
    let cycles = cycles(project, include_lazy);
    let cycle_edges: BTreeSet<usize> = cycles.iter().flat_map(|c| c.edges.iter().copied()).collect();
    let violating: BTreeSet<usize> = violations(project, architecture).into_iter().map(|v| v.edge).collect();
    // (from group, to group) -> (distinct imports, on a cycle, violating).
    type Along = (BTreeSet<(usize, usize)>, bool, bool);
    let mut edges: BTreeMap<(&str, &str), Along> = BTreeMap::new();
    for (i, edge) in project.edges.iter().enumerate() {
        let (a, b) = (groups[edge.from()].as_str(), groups[edge.to()].as_str());
        if a == b {
            continue;
        }
        let entry = edges.entry((a, b)).or_default();
        entry.0.insert(edge.import());
        entry.1 |= cycle_edges.contains(&i);
        entry.2 |= violating.contains(&i);
    }
    Collapsed {
        depth: (!by_layers).then_some(depth),
        nodes: nodes.into_iter().map(|(id, modules)| Node { id: id.to_string(), modules }).collect(),
        edges: edges
            .into_iter()
            .map(|((from, to), (imports, cycle, violation))| CollapsedEdge {
                from: from.to_string(),
                to: to.to_string(),
                imports: imports.len(),
                cycle,
                violation,
            })
            .collect(),
        cycles: cycles
            .iter()
            .map(|c| c.modules.iter().map(|&m| project.modules[m].name.to_string()).collect())
            .collect(),
    }
}

fn quote(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Graphviz dot: cycle edges red, violations orange and dashed.
pub fn to_dot(graph: &Collapsed) -> String {
    let mut out = String::from("digraph modules {\n  rankdir=LR;\n  node [shape=box];\n");
    for node in &graph.nodes {
        out.push_str(&format!("  \"{}\" [label=\"{} ({})\"];\n", quote(&node.id), quote(&node.id), node.modules));
    }
    for edge in &graph.edges {
        let mut attributes = vec![format!("label=\"{}\"", edge.imports)];
        if edge.cycle {
            attributes.push("color=red".into());
            attributes.push("penwidth=2".into());
        }
        if edge.violation {
            attributes.push("style=dashed".into());
            if !edge.cycle {
                attributes.push("color=orange".into());
            }
        }
        out.push_str(&format!("  \"{}\" -> \"{}\" [{}];\n", quote(&edge.from), quote(&edge.to), attributes.join(", ")));
    }
    out.push_str("}\n");
    out
}

/// Mermaid flowchart: cycle edges thick and red, violations dotted and orange.
pub fn to_mermaid(graph: &Collapsed) -> String {
    let mut out = String::from("flowchart LR\n");
    let ids: BTreeMap<&str, String> =
        graph.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), format!("n{i}"))).collect();
    for node in &graph.nodes {
        out.push_str(&format!(
            "  {}[\"{} ({})\"]\n",
            ids[node.id.as_str()],
            node.id.replace('"', "#quot;"),
            node.modules
        ));
    }
    let mut styles = Vec::new();
    for (i, edge) in graph.edges.iter().enumerate() {
        let arrow = if edge.cycle {
            "==>"
        } else if edge.violation {
            "-.->"
        } else {
            "-->"
        };
        out.push_str(&format!("  {} {arrow}|{}| {}\n", ids[edge.from.as_str()], edge.imports, ids[edge.to.as_str()]));
        if edge.cycle {
            styles.push(format!("  linkStyle {i} stroke:red,stroke-width:3px"));
        } else if edge.violation {
            styles.push(format!("  linkStyle {i} stroke:orange"));
        }
    }
    for style in styles {
        out.push_str(&style);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from_lists(lists: &[Vec<usize>]) -> Adjacency {
        Adjacency::from_sorted(
            lists.len(),
            lists.iter().enumerate().flat_map(|(v, ws)| ws.iter().map(move |&w| (v, w))),
        )
    }

    #[test]
    fn components_of_a_long_chain_with_a_back_edge() {
        let n = 50_000;
        let mut lists: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        lists.push(vec![0]);
        let adjacency = from_lists(&lists);
        let components = cyclic_components(&adjacency);
        // The chain's cycle; node `n`, which only points into it, is alone.
        assert_eq!(components.len(), 1);
        assert_eq!(components[0].len(), n);
        let members: BTreeSet<usize> = (0..n).collect();
        assert_eq!(shortest_cycle(&adjacency, &members, 0).unwrap().len(), n);
    }

    #[test]
    fn shortest_cycle_prefers_fewer_steps() {
        // 0 -> 1 -> 2 -> 0 and 0 -> 3 -> 0
        let adjacency = from_lists(&[vec![1, 3], vec![2], vec![0], vec![0]]);
        let members: BTreeSet<usize> = (0..4).collect();
        assert_eq!(shortest_cycle(&adjacency, &members, 0).unwrap(), vec![0, 3]);
    }
}
