//! Builds a [`LayoutGraph`](super::LayoutGraph) from a flowchart: node boxes sized from their
//! measured labels and their shape, edge label boxes, cluster title boxes.

use super::LayoutGraph;
use crate::model::Flowchart;

/// The layout input for `chart`. PLACEHOLDER until shapes and metrics land.
pub fn graph(chart: &Flowchart) -> LayoutGraph {
    use super::{End, LayoutCluster, LayoutEdge, LayoutNode, Outline};
    use crate::geometry::Size;
    use crate::model::Endpoint;
    let end = |e: Endpoint| match e {
        Endpoint::Node(n) => End::Node(n.0 as usize),
        Endpoint::Cluster(c) => End::Cluster(c.0 as usize),
    };
    LayoutGraph {
        direction: chart.direction,
        nodes: chart
            .nodes
            .iter()
            .map(|n| {
                let s = crate::text::label_size(&n.label, crate::text::FONT_SIZE);
                LayoutNode {
                    size: Size::new(s.width + 30.0, s.height + 20.0),
                    outline: Outline::Box,
                    cluster: n.parent.map(|c| c.0 as usize),
                }
            })
            .collect(),
        edges: chart
            .edges
            .iter()
            .map(|e| LayoutEdge {
                from: end(e.from),
                to: end(e.to),
                label: None,
                min_len: e.min_len,
                weight: 1.0,
            })
            .collect(),
        clusters: chart
            .clusters
            .iter()
            .map(|c| LayoutCluster {
                parent: c.parent.map(|p| p.0 as usize),
                title: crate::text::label_size(&c.title, crate::text::FONT_SIZE),
                direction: c.direction,
            })
            .collect(),
        spacing: Default::default(),
    }
}
