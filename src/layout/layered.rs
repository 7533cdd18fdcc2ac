//! The layered (Sugiyama) layout. PLACEHOLDER: stacks nodes in one column until the real
//! algorithm lands.

use super::{EdgeRoute, Layout, LayoutGraph};
use crate::geometry::{Point, Rect};

/// Lays out `graph`.
pub fn layout(graph: &LayoutGraph) -> Layout {
    let mut y = graph.spacing.margin;
    let mut width: f64 = 0.0;
    let nodes: Vec<Rect> = graph
        .nodes
        .iter()
        .map(|n| {
            let r = Rect::new(graph.spacing.margin, y, n.size.width, n.size.height);
            y += n.size.height + graph.spacing.rank;
            width = width.max(n.size.width);
            r
        })
        .collect();
    let edges = graph
        .edges
        .iter()
        .map(|e| {
            let c = |end: super::End| match end {
                super::End::Node(i) => nodes[i].center(),
                super::End::Cluster(_) => Point::default(),
            };
            EdgeRoute {
                points: vec![c(e.from), c(e.to)],
                label: None,
            }
        })
        .collect();
    Layout {
        width: width + 2.0 * graph.spacing.margin,
        height: y,
        nodes,
        edges,
        clusters: vec![Default::default(); graph.clusters.len()],
    }
}
