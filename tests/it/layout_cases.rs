//! Small hand-made cases: each checks one behaviour of the layered layout.

use netfig::geometry::Size;
use netfig::layout::quality::{generate, Metrics};
use netfig::layout::{
    layered, Direction, End, Layout, LayoutCluster, LayoutEdge, LayoutGraph, LayoutNode, Outline,
};

fn node(cluster: Option<usize>) -> LayoutNode {
    LayoutNode {
        size: Size::new(60.0, 36.0),
        outline: Outline::Box,
        cluster,
    }
}

fn edge(from: End, to: End) -> LayoutEdge {
    LayoutEdge {
        from,
        to,
        label: None,
        min_len: 1,
        weight: 1.0,
    }
}

fn n(i: usize) -> End {
    End::node(i)
}

fn cluster(parent: Option<usize>, direction: Option<Direction>) -> LayoutCluster {
    LayoutCluster {
        parent,
        title: Size::new(50.0, 18.0),
        direction,
    }
}

/// Lays out, checks the hard rules and the output shape, returns layout and metrics.
fn check(g: &LayoutGraph) -> (Layout, Metrics) {
    let l = layered::layout(g);
    assert_eq!(l.nodes.len(), g.nodes.len());
    assert_eq!(l.edges.len(), g.edges.len());
    assert_eq!(l.clusters.len(), g.clusters.len());
    let m = Metrics::of(g, &l);
    assert!(m.is_clean(), "{m}\n{l:#?}");
    for r in l.nodes.iter().chain(l.clusters.iter().map(|c| &c.rect)) {
        assert!(r.x >= 0.0 && r.y >= 0.0 && r.right() <= l.width && r.bottom() <= l.height);
    }
    for e in &l.edges {
        assert!(e.points.len() >= 2);
        assert!(e.points.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    }
    assert_eq!(layered::layout(g), l, "not deterministic");
    (l, m)
}

#[test]
fn empty_and_single() {
    check(&LayoutGraph::default());
    let mut g = LayoutGraph::default();
    g.nodes.push(node(None));
    let (l, _) = check(&g);
    assert!((l.nodes[0].x - 8.0).abs() < 1e-9);
}

#[test]
fn chain_goes_down() {
    let g = LayoutGraph {
        nodes: vec![node(None), node(None), node(None)],
        edges: vec![edge(n(0), n(1)), edge(n(1), n(2))],
        ..Default::default()
    };
    let (l, m) = check(&g);
    assert!(l.nodes[0].y < l.nodes[1].y && l.nodes[1].y < l.nodes[2].y);
    assert_eq!(m.crossings, 0);
    assert_eq!(m.bends, 0);
}

#[test]
fn directions_rotate() {
    for (d, check_fn) in [
        (
            Direction::LeftRight,
            (|a: f64, b: f64| a < b) as fn(f64, f64) -> bool,
        ),
        (Direction::RightLeft, |a, b| a > b),
    ] {
        let g = LayoutGraph {
            direction: d,
            nodes: vec![node(None), node(None)],
            edges: vec![edge(n(0), n(1))],
            ..Default::default()
        };
        let (l, _) = check(&g);
        assert!(check_fn(l.nodes[0].x, l.nodes[1].x), "{d:?}");
    }
    let g = LayoutGraph {
        direction: Direction::BottomTop,
        nodes: vec![node(None), node(None)],
        edges: vec![edge(n(0), n(1))],
        ..Default::default()
    };
    let (l, _) = check(&g);
    assert!(l.nodes[0].y > l.nodes[1].y);
}

#[test]
fn cycle_keeps_arrow_direction() {
    let g = LayoutGraph {
        nodes: vec![node(None), node(None), node(None)],
        edges: vec![edge(n(0), n(1)), edge(n(1), n(2)), edge(n(2), n(0))],
        ..Default::default()
    };
    let (l, _) = check(&g);
    for (i, e) in g.edges.iter().enumerate() {
        let (End::Node(a), End::Node(b)) = (e.from, e.to) else {
            unreachable!()
        };
        let (a, b) = (a.get(), b.get());
        let p = &l.edges[i].points;
        let d = |q: netfig::geometry::Point, r: netfig::geometry::Rect| {
            (q.x - r.center().x).hypot(q.y - r.center().y)
        };
        assert!(
            d(p[0], l.nodes[a]) < d(p[0], l.nodes[b]),
            "edge {i} starts at its tail"
        );
    }
}

/// Mermaid doc example 097: edges to and between subgraphs.
#[test]
fn subgraph_edges() {
    // c1-->a2; one{a1-->a2}; two{b1-->b2}; three{c1-->c2}; one-->two; three-->two; two-->c2
    let g = LayoutGraph {
        nodes: vec![
            node(Some(2)), // c1
            node(Some(0)), // a2
            node(Some(0)), // a1
            node(Some(1)), // b1
            node(Some(1)), // b2
            node(Some(2)), // c2
        ],
        edges: vec![
            edge(n(0), n(1)),
            edge(n(2), n(1)),
            edge(n(3), n(4)),
            edge(n(0), n(5)),
            edge(End::cluster(0), End::cluster(1)),
            edge(End::cluster(2), End::cluster(1)),
            edge(End::cluster(1), n(5)),
        ],
        clusters: vec![
            cluster(None, None),
            cluster(None, None),
            cluster(None, None),
        ],
        ..Default::default()
    };
    check(&g);
}

/// Mermaid doc example 099: a linked-to cluster keeps its direction, a crossed one inherits.
#[test]
fn cluster_directions() {
    let g = LayoutGraph {
        direction: Direction::LeftRight,
        nodes: vec![
            node(Some(0)),
            node(Some(0)),
            node(Some(1)),
            node(Some(1)),
            node(None),
        ],
        edges: vec![
            edge(n(0), n(1)),
            edge(n(2), n(3)),
            edge(n(4), End::cluster(0)),
            LayoutEdge {
                min_len: 2,
                ..edge(n(4), n(2))
            },
        ],
        clusters: vec![
            cluster(None, Some(Direction::TopBottom)),
            cluster(None, Some(Direction::TopBottom)),
        ],
        ..Default::default()
    };
    let (l, _) = check(&g);
    // subgraph1 is TB: top above bottom.
    assert!(l.nodes[0].bottom() <= l.nodes[1].y);
    // subgraph2 inherits LR: top left of bottom.
    assert!(l.nodes[2].right() <= l.nodes[3].x);
}

/// Mermaid doc example 098: nested clusters with their own directions.
#[test]
fn nested_directions() {
    // TOP{ B1{i1->f1}, B2{i2->f2} }; A-->TOP-->B; B1-->B2
    let g = LayoutGraph {
        direction: Direction::LeftRight,
        nodes: vec![
            node(Some(1)),
            node(Some(1)),
            node(Some(2)),
            node(Some(2)),
            node(None),
            node(None),
        ],
        edges: vec![
            edge(n(0), n(1)),
            edge(n(2), n(3)),
            edge(n(4), End::cluster(0)),
            edge(End::cluster(0), n(5)),
            edge(End::cluster(1), End::cluster(2)),
        ],
        clusters: vec![
            cluster(None, Some(Direction::TopBottom)),
            cluster(Some(0), Some(Direction::RightLeft)),
            cluster(Some(0), Some(Direction::BottomTop)),
        ],
        ..Default::default()
    };
    check(&g);
}

#[test]
fn robust_inputs() {
    let g = LayoutGraph {
        nodes: vec![
            LayoutNode {
                size: Size::new(0.0, 0.0),
                outline: Outline::Ellipse,
                cluster: Some(1),
            },
            LayoutNode {
                size: Size::new(f64::NAN, 20.0),
                outline: Outline::Diamond,
                cluster: Some(7),
            },
            node(None),
        ],
        edges: vec![
            edge(n(0), n(0)),
            edge(End::cluster(0), End::cluster(0)),
            edge(End::cluster(1), n(0)),
            edge(n(0), End::cluster(1)),
            edge(n(2), End::cluster(2)),
            LayoutEdge {
                min_len: u32::MAX,
                weight: f64::NAN,
                ..edge(n(1), n(2))
            },
            edge(n(2), n(1)),
            edge(n(2), n(1)),
            edge(n(9), n(1)),
        ],
        clusters: vec![
            cluster(None, None),
            cluster(Some(0), None),
            cluster(None, None),
        ],
        ..Default::default()
    };
    check(&g);
}

#[test]
fn labels_get_their_own_room() {
    let mut g = generate::random_dag(3, 12, 18);
    for (i, e) in g.edges.iter_mut().enumerate() {
        if i % 2 == 0 {
            e.label = Some(Size::new(40.0, 16.0));
        }
    }
    check(&g);
}
