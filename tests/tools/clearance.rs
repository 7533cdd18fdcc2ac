//! Clearance on the conformance corpora: no drawn edge (its curve after smoothing and
//! shortening, and its markers) passes through or within 8 px of a node or cluster title it does
//! not belong to (`layout::quality::near_foreign_boxes`), and no arrowhead is drawn turned from
//! its edge's end (`layout::quality::markers_turned`), on every mermaid documentation example
//! and every real-world flowchart netfig draws.

use crate::common;

use netfig::diagnostic::has_errors;
use netfig::layout::clearance::Foreign;
use netfig::layout::quality;
use netfig::model::{Endpoint, Flowchart};
use std::path::PathBuf;

fn end_id(chart: &Flowchart, e: Endpoint) -> String {
    match e {
        Endpoint::Node(n) => chart.nodes[n.index()].id.clone(),
        Endpoint::Cluster(c) => chart.clusters[c.index()].id.clone(),
    }
}

/// Every violation in `files`, as `corpus/file: from->to near box`.
fn violations(corpus: &str, files: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        let source = std::fs::read_to_string(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let (chart, diagnostics) = netfig::mermaid::flowchart(&source);
        if has_errors(&diagnostics) {
            continue;
        }
        let graph = netfig::layout::flowchart::graph(&chart);
        let drawing = netfig::layout::drawing::draw(&chart, &graph, &[]);
        for (e, near) in quality::near_foreign_boxes(&graph, &drawing.layout, &drawing.edges) {
            let edge = &chart.edges[e];
            let what = match near {
                Foreign::Node(i) => format!("node {}", chart.nodes[i].id),
                Foreign::ClusterTitle(c) => format!("title {}", chart.clusters[c].id),
            };
            out.push(format!(
                "{corpus}/{name}: {}->{} near {what}",
                end_id(&chart, edge.from),
                end_id(&chart, edge.to)
            ));
        }
        // Every arrowhead points into its node, along its edge's end.
        for e in quality::markers_turned(&drawing.edges) {
            let edge = &chart.edges[e];
            out.push(format!(
                "{corpus}/{name}: {}->{} has its marker turned",
                end_id(&chart, edge.from),
                end_id(&chart, edge.to)
            ));
        }
    }
    out
}

pub(crate) fn drawn_edges_clear_foreign_boxes_in_the_corpora() {
    let files = common::corpus_files();
    assert_eq!(files.len(), 111, "the corpus has 111 examples");
    let realworld: Vec<PathBuf> = common::realworld_flowcharts()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert!(realworld.len() >= 70, "only {} diagrams", realworld.len());
    let mut found = violations("mermaid-flowchart", &files);
    found.extend(violations("realworld", &realworld));
    eprintln!(
        "clearance: {} violations in {} diagrams",
        found.len(),
        files.len() + realworld.len()
    );
    for v in &found {
        eprintln!("  {v}");
    }
    assert!(
        found.is_empty(),
        "drawn edges near foreign boxes: {found:?}"
    );
}
