//! The project's own diagrams of the mermaid comparison (`tests/fixtures/vs-mermaid`, measured
//! against mermaid by `scripts/vs-mermaid/run`, table in `docs/vs-mermaid.md`): each parses
//! without a single diagnostic and is drawn cleanly (`layout::quality`: no overlaps, no edge
//! through a node, clusters holding exactly their members, no drawn edge within 8 px of a node
//! or cluster title it does not belong to, no arrowhead drawn turned from its edge's end).

use crate::common::{file_names, root};

use netfig::diagnostic::SourceFile;
use netfig::layout::quality::{self, Metrics};
use netfig::pipeline::{self, Kind};

fn fixtures() -> Vec<(String, String)> {
    let dir = root().join("tests/fixtures/vs-mermaid");
    file_names(&dir)
        .into_iter()
        .filter(|n| n.ends_with(".mmd"))
        .map(|n| {
            let text = std::fs::read_to_string(dir.join(&n)).unwrap();
            (n, text)
        })
        .collect()
}

#[test]
fn every_comparison_diagram_renders_cleanly() {
    let all = fixtures();
    assert!(
        all.len() >= 12,
        "the comparison set has {} diagrams",
        all.len()
    );
    for (name, source) in &all {
        let (chart, diagnostics) = netfig::mermaid::flowchart(source);
        assert!(
            diagnostics.is_empty(),
            "{}",
            SourceFile::new(name, source).render_all(&diagnostics)
        );
        let graph = netfig::layout::flowchart::graph(&chart);
        let drawing = pipeline::layout_flowchart(&chart);
        let m = Metrics::of(&graph, &drawing.layout);
        assert!(m.is_clean(), "{name}: {m}");
        let near = quality::near_foreign_boxes(&graph, &drawing.layout, &drawing.edges);
        assert!(near.is_empty(), "{name}: edges near foreign boxes {near:?}");
        // Ports' legs hold their arrowheads: every arrowhead points into its node (the fan-outs
        // of the load balancer and the home network had five and nine drawn sideways).
        let turned = quality::markers_turned(&drawing.edges);
        assert!(
            turned.is_empty(),
            "{name}: markers turned on edges {turned:?}"
        );
        let out = pipeline::compile(source, Kind::Flowchart, &Default::default())
            .unwrap_or_else(|d| panic!("{}", SourceFile::new(name, source).render_all(&d)));
        assert!(
            out.svg.is_some_and(|s| s.contains("class=\"node\"")),
            "{name}"
        );
    }
}
