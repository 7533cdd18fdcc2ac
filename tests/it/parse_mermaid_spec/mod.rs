//! mermaid's own parser spec cases (packages/mermaid/src/diagrams/flowchart/parser/*.spec.js),
//! grouped like the spec files and asserting the graph netfig builds: node ids, labels and
//! shapes, edges with stroke, markers, length and label, subgraph membership, classes, styles.
//! Where mermaid throws, netfig must report an error with a position.

use netfig::mermaid::flowchart as parse_flowchart;
use netfig::model::{Curve, Direction, Endpoint, Flowchart, Marker, Shape, Stroke};

pub(crate) fn ok(src: &str) -> Flowchart {
    let (g, d) = parse_flowchart(src);
    let errors: Vec<_> = d.iter().filter(|d| d.is_error()).collect();
    assert!(
        errors.is_empty(),
        "unexpected errors for {src:?}: {errors:#?}"
    );
    g
}

/// Error codes only (warnings such as W-MMD-008 are fine where mermaid is silent).
pub(crate) fn errors(src: &str) -> Vec<&'static str> {
    let (_, d) = parse_flowchart(src);
    d.iter().filter(|d| d.is_error()).map(|d| d.code).collect()
}

pub(crate) fn rejected(src: &str) {
    let (_, d) = parse_flowchart(src);
    let e = d.iter().find(|d| d.is_error());
    let e = e.unwrap_or_else(|| panic!("mermaid rejects {src:?}; netfig accepted it"));
    assert!(e.span.end <= src.len() && e.span.start <= e.span.end);
}

pub(crate) fn name(g: &Flowchart, e: Endpoint) -> String {
    match e {
        Endpoint::Node(n) => g.nodes[n.index()].id.clone(),
        Endpoint::Cluster(c) => format!("[{}]", g.clusters[c.index()].id),
    }
}

/// `from>to` per edge.
pub(crate) fn pairs(g: &Flowchart) -> Vec<String> {
    g.edges
        .iter()
        .map(|e| format!("{}>{}", name(g, e.from), name(g, e.to)))
        .collect()
}

pub(crate) fn ids(g: &Flowchart) -> Vec<&str> {
    g.nodes.iter().map(|n| n.id.as_str()).collect()
}

pub(crate) fn node<'g>(g: &'g Flowchart, id: &str) -> &'g netfig::model::Node {
    let n = g.node_by_id(id).unwrap_or_else(|| panic!("no node {id}"));
    &g.nodes[n.index()]
}

pub(crate) fn text(g: &Flowchart, id: &str) -> String {
    node(g, id).label.text()
}

pub(crate) fn parent(g: &Flowchart, id: &str) -> Option<String> {
    node(g, id).parent.map(|c| g.clusters[c.index()].id.clone())
}

/// `(stroke, start, end, length, label)` of edge `i`.
pub(crate) fn edge(g: &Flowchart, i: usize) -> (Stroke, Marker, Marker, u32, String) {
    let e = &g.edges[i];
    (e.stroke, e.start, e.end, e.min_len, e.label.text())
}

pub(crate) const KEYWORDS: &[&str] = &[
    "graph",
    "flowchart",
    "flowchart-elk",
    "style",
    "default",
    "linkStyle",
    "interpolate",
    "classDef",
    "class",
    "href",
    "call",
    "click",
    "_self",
    "_blank",
    "_parent",
    "_top",
    "end",
    "subgraph",
    "kitty",
];

mod cypress_flowchart;
mod flow_arrows;
mod flow_comments;
mod flow_direction;
mod flow_edges;
mod flow_huge;
mod flow_interactions;
mod flow_lines;
mod flow_md_string;
mod flow_node_data;
mod flow_singlenode;
mod flow_spec;
mod flow_style;
mod flow_subgraph;
mod flow_text;
mod flow_vertice_chaining;
