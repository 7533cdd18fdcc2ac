//! The layout adapter: `layout::flowchart::graph` turns a flowchart and text metrics into boxes.

use crate::render_support;

use netfig::layout::flowchart::{graph, node_size, PAD_X, PAD_Y};
use netfig::layout::{Direction, End, Outline};
use netfig::model::*;
use netfig::text::{safe_label_size, FONT_SIZE};
use render_support::*;

#[test]
fn boxes_come_from_measured_labels() {
    let mut chart = Flowchart::default();
    chart.nodes.push(node("A", "应用层", Shape::Rect));
    chart
        .nodes
        .push(node("B", "Application Layer", Shape::Rect));
    let g = graph(&chart);
    let a = safe_label_size(&Label::plain("应用层"), FONT_SIZE);
    assert_eq!(g.nodes[0].size.width, a.width + 2.0 * PAD_X);
    assert_eq!(g.nodes[0].size.height, FONT_SIZE * 1.5 + 2.0 * PAD_Y);
    // Three Han characters are 3 em; the safety margin is 4% + 2 px.
    assert!((a.width - (48.0 * 1.04 + 2.0)).abs() < 0.5, "{a:?}");
    assert!(g.nodes[1].size.width > g.nodes[0].size.width);
}

#[test]
fn outlines_follow_shapes() {
    let mut chart = Flowchart::default();
    chart.nodes.push(node("A", "a", Shape::Circle));
    chart.nodes.push(node("B", "b", Shape::Diamond));
    chart.nodes.push(node("C", "c", Shape::Hexagon));
    chart.nodes.push(node("D", "d", Shape::FilledCircle));
    let g = graph(&chart);
    let o: Vec<Outline> = g.nodes.iter().map(|n| n.outline).collect();
    assert_eq!(
        o,
        [
            Outline::Ellipse,
            Outline::Diamond,
            Outline::Box,
            Outline::Ellipse
        ]
    );
    assert_eq!(g.nodes[0].size.width, g.nodes[0].size.height);
    assert_eq!(g.nodes[1].size.width, g.nodes[1].size.height);
}

#[test]
fn edges_clusters_and_spacing() {
    let mut chart = Flowchart::default();
    chart.clusters.push(cluster("s", "子图 Sub", None));
    chart.clusters.push(cluster("t", "", Some(0)));
    let mut a = node("A", "A", Shape::Rect);
    a.parent = Some(ClusterId::new(1));
    chart.nodes.push(a);
    chart.nodes.push(node("B", "B", Shape::Rect));
    let mut e = edge(0, 1);
    e.label = Label::plain("是 yes");
    e.min_len = 2;
    chart.edges.push(e);
    let mut e2 = edge(1, 0);
    e2.to = Endpoint::Cluster(ClusterId::new(0));
    chart.edges.push(e2);
    let g = graph(&chart);
    let l = g.edges[0].label.expect("label box");
    let s = safe_label_size(&Label::plain("是 yes"), FONT_SIZE);
    assert_eq!((l.width, l.height), (s.width + 8.0, s.height + 4.0));
    assert_eq!(g.edges[0].min_len, 2);
    assert!(g.edges[1].label.is_none());
    assert_eq!(g.edges[1].to, End::cluster(0));
    assert_eq!(g.nodes[0].cluster, Some(1));
    assert_eq!(g.clusters[1].parent, Some(0));
    assert!(g.clusters[0].title.width > 0.0);
    assert_eq!(g.clusters[1].title.width, 0.0);
    assert_eq!(
        (g.spacing.node, g.spacing.rank, g.spacing.cluster_padding),
        (50.0, 50.0, 15.0)
    );
}

#[test]
fn font_size_theme_variable_scales_boxes() {
    let mut chart = Flowchart::default();
    chart.nodes.push(node("A", "Transport", Shape::Rect));
    let small = graph(&chart).nodes[0].size;
    chart.theme_variables = vec![("fontSize".into(), "24px".into())];
    let big = graph(&chart).nodes[0].size;
    assert!(big.width > small.width * 1.3 && big.height > small.height);
    chart.theme_variables = vec![("fontSize".into(), "9000".into())];
    assert_eq!(graph(&chart).nodes[0].size, small);
}

#[test]
fn fork_follows_direction() {
    let tb = node_size(Shape::Fork, Default::default(), Direction::TopBottom);
    let lr = node_size(Shape::Fork, Default::default(), Direction::LeftRight);
    assert_eq!((tb.width, tb.height), (lr.height, lr.width));
}

#[test]
fn node_styles_that_change_text_size_change_the_box() {
    let mut chart = Flowchart::default();
    chart.nodes.push(node("A", "Transport Layer", Shape::Rect));
    let mut big = node("B", "Transport Layer", Shape::Rect);
    big.style = style(&[("font-size", "24px")]);
    chart.nodes.push(big);
    let mut bold = node("C", "Transport Layer", Shape::Rect);
    bold.style = style(&[("font-weight", "bold")]);
    chart.nodes.push(bold);
    let g = graph(&chart);
    assert!(g.nodes[1].size.width > g.nodes[0].size.width * 1.3);
    assert!(g.nodes[1].size.height > g.nodes[0].size.height);
    assert!(g.nodes[2].size.width > g.nodes[0].size.width);
}
