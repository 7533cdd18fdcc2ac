//! Phase tests that need a whole working graph (built from a small [`LayoutGraph`]).

use super::work::{Kind, Work};
use super::{build, cluster, normalize, order, place, position};
use crate::geometry::{Point, Rect, Size};
use crate::layout::quality::generate;
use crate::layout::{End, LayoutCluster, LayoutEdge, LayoutGraph};

pub(super) fn prepared(g: &LayoutGraph) -> (Work, Vec<Vec<usize>>) {
    let (mut work, plans, _) = build::build(g);
    normalize::normalize(&mut work, &plans);
    order::order(&mut work);
    let paths = work.nodes.iter().map(|n| work.path(n.cluster)).collect();
    (work, paths)
}

#[test]
fn dummies_make_every_link_span_one_rank() {
    let mut g = generate::random_dag(11, 30, 50);
    g.edges[3].min_len = 4;
    g.edges[5].label = Some(Size::new(30.0, 10.0));
    let (work, _) = prepared(&g);
    for &(u, v, _, _) in &work.links {
        assert_eq!(work.nodes[u].rank + 1, work.nodes[v].rank);
    }
    // Every edge has a chain, the labelled one carries exactly one label dummy.
    for (i, ch) in work.chains.iter().enumerate() {
        let ch = ch.as_ref().expect("chain");
        let labels = ch
            .nodes
            .iter()
            .filter(|&&v| matches!(work.nodes[v].kind, Kind::Label(_)))
            .count();
        assert_eq!(labels, usize::from(g.edges[i].label.is_some()), "edge {i}");
    }
}

#[test]
fn ordering_reduces_crossings_and_keeps_clusters_contiguous() {
    let g = generate::random_clustered(7, 40, 60, 3);
    let (mut work, _) = prepared(&g);
    let ordered = order::crossings(&work);
    // The initial (index) order is never better than the optimised one.
    for l in &mut work.layers {
        l.sort_unstable();
    }
    let naive = order::crossings(&work);
    assert!(ordered <= naive, "ordered {ordered} naive {naive}");
    let (work, paths) = prepared(&g);
    for layer in &work.layers {
        for c in 0..work.clusters.len() {
            let idx: Vec<usize> = (0..layer.len())
                .filter(|&i| paths[layer[i]].contains(&c))
                .collect();
            if let (Some(a), Some(b)) = (idx.first(), idx.last()) {
                assert_eq!(b - a + 1, idx.len(), "cluster {c} split in a rank");
            }
        }
    }
}

#[test]
fn tree_orders_without_crossings() {
    let (work, _) = prepared(&generate::binary_tree(6));
    assert_eq!(order::crossings(&work), 0);
}

#[test]
fn brandes_kopf_and_walls_separate_neighbours() {
    let mut g = generate::random_clustered(3, 60, 90, 4);
    g.clusters.push(LayoutCluster {
        parent: Some(0),
        title: Size::new(120.0, 20.0),
        direction: None,
    });
    for n in g.nodes.iter_mut().step_by(7) {
        n.cluster = Some(4);
    }
    g.edges.push(LayoutEdge {
        from: End::cluster(4),
        to: End::node(1),
        label: None,
        min_len: 1,
        weight: 1.0,
    });
    let (work, paths) = prepared(&g);
    let mut x = position::brandes_kopf(&work, &paths);
    assert!(x.iter().all(|v| v.is_finite()));
    let walls = cluster::enforce(&work, &paths, &mut x);
    for layer in &work.layers {
        for w in layer.windows(2) {
            let d = x[w[1]] - x[w[0]];
            let need = position::separation(&work, &paths, w[0], w[1]);
            assert!(d + 1e-6 >= need, "{d} < {need}");
        }
    }
    // Members inside their cluster's walls, non-members of a rank outside them.
    for (v, nd) in work.nodes.iter().enumerate() {
        for (c, &(lo, hi)) in walls.iter().enumerate() {
            let half = nd.width / 2.0;
            let (t, b) = (
                work.nodes[work.clusters[c].top].rank,
                work.nodes[work.clusters[c].bottom].rank,
            );
            if paths[v].contains(&c) {
                assert!(x[v] - half >= lo - 1e-6 && x[v] + half <= hi + 1e-6);
            } else if t <= nd.rank && nd.rank <= b {
                assert!(x[v] + half <= lo + 1e-6 || x[v] - half >= hi - 1e-6);
            }
        }
    }
}

#[test]
fn ranks_holding_only_dummies_are_dropped_and_layouts_stay_clean() {
    for seed in 0..6 {
        let mut g = generate::random_clustered(seed, 40, 70, 4);
        for (i, e) in g.edges.iter_mut().enumerate() {
            if i % 5 == 0 {
                e.label = Some(Size::new(30.0, 12.0));
            }
            if i % 7 == 0 {
                e.min_len = 3;
            }
        }
        // Small graphs keep one rank in every gap; big ones only between two border ranks.
        for (limit, any_gap) in [(normalize::GAP_RANKS_UP_TO, true), (0, false)] {
            normalize::GAP_RANKS_LIMIT.with(|c| c.set(limit));
            let (work, _) = prepared(&g);
            let layout = super::layout(&g);
            normalize::GAP_RANKS_LIMIT.with(|c| c.set(normalize::GAP_RANKS_UP_TO));
            for &(u, v, _, _) in &work.links {
                assert_eq!(work.nodes[u].rank + 1, work.nodes[v].rank);
            }
            let only_dummies = |r: usize| {
                work.layers[r]
                    .iter()
                    .all(|&v| matches!(work.nodes[v].kind, Kind::Dummy(_) | Kind::Marker(_)))
            };
            let border = |r: usize| {
                work.layers[r]
                    .iter()
                    .any(|&v| matches!(work.nodes[v].kind, Kind::Top(_) | Kind::Bottom(_)))
            };
            let l = work.layers.len();
            let mut gaps = 0;
            for r in (0..l).filter(|&r| only_dummies(r)) {
                gaps += 1;
                assert!(r > 0 && r + 1 < l, "seed {seed}: rank {r} of {l}");
                assert!(
                    !only_dummies(r - 1) && !only_dummies(r + 1),
                    "seed {seed}: {r}"
                );
                if !any_gap {
                    assert!(border(r - 1) && border(r + 1), "seed {seed}: rank {r}");
                }
            }
            if any_gap {
                assert!(gaps > 0, "seed {seed}: no gap rank kept");
            }
            let m = crate::layout::quality::Metrics::of(&g, &layout);
            assert!(m.is_clean(), "seed {seed}: {m:?}");
        }
    }
}

/// Σ weight·|x_u − x_v| over the links: what the network simplex placement minimises.
fn across(work: &Work, x: &[f64]) -> f64 {
    work.links
        .iter()
        .map(|&(u, v, w, _)| w * (x[u] - x[v]).abs())
        .sum()
}

#[test]
fn network_simplex_placement_keeps_every_constraint_and_shortens_edges() {
    for (seed, g) in [
        (1, generate::random_dag(3, 30, 45)),
        (2, generate::random_clustered(7, 40, 60, 3)),
    ] {
        let (work, paths) = prepared(&g);
        let x = place::network_simplex_x(&work, &paths).expect("small graph");
        let (_, cons) = cluster::constraints(&work, &paths);
        // Cluster walls are not returned, but enforcing the constraints moves no node.
        let mut y = x.clone();
        cluster::enforce(&work, &paths, &mut y);
        assert_eq!(x, y, "case {seed}: enforce moved nodes");
        let n = work.nodes.len();
        for &(a, b, d) in cons.iter().filter(|c| c.0 < n && c.1 < n) {
            assert!(x[b] - x[a] >= d - 1e-9, "case {seed}: {a} {b} {d}");
        }
        let mut bk = position::brandes_kopf(&work, &paths);
        cluster::enforce(&work, &paths, &mut bk);
        assert!(across(&work, &x) < across(&work, &bk), "case {seed}");
        assert_eq!(Some(x), place::network_simplex_x(&work, &paths));
    }
}

#[test]
fn routes_cross_exactly_where_ordering_counted() {
    // Graphs without clusters, flat edges or self-loops: every piece of a route
    // runs between two adjacent ranks, so the drawing's crossings are the ordering's. (With
    // clusters the two counts still differ a little both ways: border ranks take no room of
    // their own, so pieces through them can meet at shared points.)
    let mut graphs = Vec::new();
    for seed in 0..8 {
        graphs.push(generate::random_dag(seed, 30 + 5 * seed as usize, 55));
        graphs.push(generate::random_cyclic(seed, 25, 40, 4));
        // Back edges doubling forward ones make parallel edges (2-cycles).
        graphs.push(generate::random_cyclic(seed, 30, 45, 8));
    }
    graphs.push(generate::k33());
    for (k, g) in graphs.iter().enumerate() {
        let (work, _) = prepared(g);
        let counted = order::crossings(&work);
        let drawn = crate::layout::quality::crossings(g, &super::layout(g));
        assert_eq!(drawn as u64, counted, "graph {k}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 48,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Ports add no crossing: on random graphs without clusters, flat edges or self-loops, in
    /// every direction, with 2-cycles and doubled edges (ports at both ends), wide fan-outs and
    /// nodes of different widths, the drawing crosses exactly where ordering counted.
    #[test]
    fn ports_add_no_crossing(
        seed in 0u64..100_000,
        n in 2usize..40,
        extra in 0usize..30,
        back in 0usize..8,
        doubled in 0usize..6,
        fan in 0usize..8,
        dir in 0usize..4,
    ) {
        let mut g = generate::random_cyclic(seed, n, n + extra, back);
        doubled_and_turned(&mut g, doubled, dir);
        // A fan: the first node to up to `fan` later ones.
        for t in 1..=fan.min(n - 1) {
            g.edges.push(generate::edge(0, n - t));
        }
        let (work, _) = prepared(&g);
        let counted = order::crossings(&work);
        let drawn = crate::layout::quality::crossings(&g, &super::layout(&g));
        proptest::prop_assert_eq!(drawn as u64, counted);
    }

    /// Ports add no crossing in clusters either: on random clustered graphs in every
    /// direction, with doubled edges, the drawing crosses no more than ordering counted (the
    /// count includes crossings at cluster borders that routing around a cluster may avoid).
    #[test]
    fn ports_add_no_crossing_in_clusters(
        seed in 0u64..100_000,
        n in 2usize..40,
        extra in 0usize..30,
        clusters in 1usize..5,
        doubled in 0usize..6,
        dir in 0usize..4,
    ) {
        let mut g = generate::random_clustered(seed, n, n + extra, clusters);
        doubled_and_turned(&mut g, doubled, dir);
        let (work, _) = prepared(&g);
        let counted = order::crossings(&work);
        let drawn = crate::layout::quality::crossings(&g, &super::layout(&g));
        proptest::prop_assert!(drawn as u64 <= counted, "drawn {drawn}, counted {counted}");
    }
}

/// `g` with `doubled` of its edges drawn twice (ports at both ends), turned to direction `dir`
/// (0 TB, 1 BT, 2 LR, 3 RL).
fn doubled_and_turned(g: &mut LayoutGraph, doubled: usize, dir: usize) {
    use crate::layout::Direction;
    for k in 0..doubled.min(g.edges.len()) {
        let e = g.edges[(k * 7) % g.edges.len()].clone();
        g.edges.push(e);
    }
    g.direction = [
        Direction::TopBottom,
        Direction::BottomTop,
        Direction::LeftRight,
        Direction::RightLeft,
    ][dir];
}

#[test]
fn longer_edges_are_drawn_as_long_as_mermaid_draws_them() {
    // A → B, A ---> C (min_len 3): C's centre lies three rank separations below A's, plus half
    // of each end and B's rank in between, as dagre spaces ranks; B stays one rank below A.
    let mut g = generate::random_dag(0, 3, 0);
    g.edges = vec![
        generate::edge(0, 1),
        LayoutEdge {
            from: End::node(0),
            to: End::node(2),
            label: None,
            min_len: 3,
            weight: 1.0,
        },
    ];
    let l = super::layout(&g);
    let (a, b, c) = (l.nodes[0], l.nodes[1], l.nodes[2]);
    let sep = g.spacing.rank;
    let near = |x: f64, y: f64| (x - y).abs() < 1e-6;
    assert!(near(b.y - a.bottom(), sep), "{a:?} {b:?}");
    let want = (a.height + c.height) / 2.0 + b.height + 3.0 * sep;
    assert!(near(c.center().y - a.center().y, want), "{a:?} {c:?}");
    // Without the longer edge, C sits level with B.
    g.edges[1].min_len = 1;
    let l = super::layout(&g);
    assert!(near(l.nodes[2].center().y, l.nodes[1].center().y));
}

#[test]
fn a_cluster_title_steps_aside_from_an_edge_entering_through_it() {
    let node = |cluster: Option<usize>| crate::layout::LayoutNode {
        size: Size::new(60.0, 30.0),
        outline: crate::layout::Outline::Box,
        cluster,
    };
    let edge = generate::edge;
    // Three nodes side by side in a cluster; the one in the middle gets an edge from above,
    // straight down through the middle of the title strip.
    let mut g = generate::random_dag(0, 1, 0);
    g.nodes = vec![
        node(None),
        node(Some(0)),
        node(Some(0)),
        node(Some(0)),
        node(None),
    ];
    g.edges = vec![edge(0, 2), edge(4, 1), edge(4, 3)];
    g.clusters = vec![LayoutCluster {
        parent: None,
        title: Size::new(70.0, 20.0),
        direction: None,
    }];
    let l = super::layout(&g);
    let (rect, title) = (l.clusters[0].rect, l.clusters[0].title);
    let centred = rect.x + (rect.width - title.width) / 2.0;
    let crossed = |t: &crate::geometry::Rect| {
        l.edges.iter().any(|e| {
            e.points
                .windows(2)
                .any(|s| crate::layout::quality::seg_hits(s[0], s[1], t, 0.0))
        })
    };
    let at_centre = crate::geometry::Rect::new(centred, title.y, title.width, title.height);
    assert!(
        crossed(&at_centre),
        "the case must put an edge through the centred title"
    );
    assert!(!crossed(&title), "{title:?} is crossed");
    assert!(
        title.x >= rect.x && title.right() <= rect.right(),
        "{title:?} in {rect:?}"
    );
}

#[test]
fn parallel_edges_at_a_cluster_end_on_its_wall_stay_on_its_border() {
    // Proptest's case from issue 11 (cc 9f1b6cca…): cluster 1 inside cluster 0, three edges
    // between them end on cluster 0's bottom border node, which positioning put at the
    // cluster's left wall; their ports were spread around that node, and one end lay 2.1 px
    // outside the cluster. 0×0 boxes, no node spacing.
    use crate::layout::{Direction, LayoutNode, Outline, Spacing};
    let node = |c: Option<usize>| LayoutNode {
        size: Size::new(0.0, 0.0),
        outline: Outline::Box,
        cluster: c,
    };
    let nodes = (0..30)
        .map(|i| match i {
            2 | 7 | 11 => node(Some(1)),
            24 | 25 => node(Some(0)),
            _ => node(None),
        })
        .collect();
    let e = |from: End, to: End, min_len: u32, label: bool| LayoutEdge {
        from,
        to,
        label: label.then(|| Size::new(10.0, 8.0)),
        min_len,
        weight: 1.0,
    };
    let (n, c) = (End::node, End::cluster);
    let edges = vec![
        e(c(1), c(0), 0, false),
        e(n(8), n(7), 0, false),
        e(n(0), c(0), 1, false),
        e(c(1), n(0), 0, false),
        e(c(1), c(0), 0, false),
        e(c(1), n(8), 1, false),
        e(c(0), c(0), 0, false),
        e(n(3), n(8), 1, false),
        e(c(0), c(1), 0, true),
    ];
    let cluster = |parent: Option<usize>| LayoutCluster {
        parent,
        title: Size::new(0.0, 0.0),
        direction: None,
    };
    let mut g = LayoutGraph {
        direction: Direction::LeftRight,
        nodes,
        edges,
        clusters: vec![cluster(None), cluster(Some(0))],
        spacing: Spacing {
            node: 0.0,
            rank: 20.0,
            cluster_padding: 0.0,
            margin: 8.0,
            max_rank_width: None,
        },
    };
    for dir in [Direction::LeftRight, Direction::TopBottom] {
        g.direction = dir;
        let l = super::layout(&g);
        for (i, (e, r)) in g.edges.iter().zip(&l.edges).enumerate() {
            let ends = [(e.from, r.points[0]), (e.to, r.points[r.points.len() - 1])];
            for (end, p) in ends {
                if let End::Cluster(c) = end {
                    let b = l.clusters[c.get()].rect;
                    let inside = p.x >= b.x - 1e-6
                        && p.x <= b.right() + 1e-6
                        && p.y >= b.y - 1e-6
                        && p.y <= b.bottom() + 1e-6;
                    assert!(inside, "{dir:?}: edge {i} ends at {p:?}, off {b:?}");
                }
            }
        }
    }
}

#[test]
fn a_title_as_wide_as_its_cluster_gets_room_beside_an_edge_entering_through_it() {
    // 049's `START->TD`: a node straight above the only node of a cluster about as wide as
    // its title; the edge runs down the middle of the title strip. The cluster gets room on
    // the left, and the title sits there, 8 px from the route.
    let node = |w: f64, cluster: Option<usize>| crate::layout::LayoutNode {
        size: Size::new(w, 40.0),
        outline: crate::layout::Outline::Box,
        cluster,
    };
    let mut g = generate::random_dag(0, 1, 0);
    g.nodes = vec![node(60.0, None), node(150.0, Some(0))];
    g.edges = vec![generate::edge(0, 1)];
    g.clusters = vec![LayoutCluster {
        parent: None,
        title: Size::new(170.0, 20.0),
        direction: None,
    }];
    let l = crate::layout::layout(&g);
    let (rect, title) = (l.clusters[0].rect, l.clusters[0].title);
    let route = &l.edges[0].points;
    let x = route[0].x;
    assert!(route.iter().all(|p| (p.x - x).abs() < 1e-9), "{route:?}");
    let gap = (title.x - x).max(x - title.right());
    assert!(
        gap >= crate::layout::clearance::CLEARANCE - 1e-9,
        "{title:?} {x}"
    );
    assert!(
        title.x >= rect.x && title.right() <= rect.right(),
        "{title:?} in {rect:?}"
    );
    // Read at the top left: the title is the padding inside the left wall.
    assert!(
        (title.x - rect.x - g.spacing.cluster_padding).abs() < 1e-6,
        "{title:?}"
    );
}

#[test]
fn routes_cross_a_title_strip_straight() {
    // An edge entering or leaving a cluster, or passing it by, crosses its title strip (from
    // the border to the clearance below the title) vertically if at all: its bends lie
    // outside, where they cannot cross the title's text wherever the title goes.
    for seed in 0..24 {
        let g = generate::random_clustered(seed, 30, 55, 3);
        let l = super::layout(&g);
        let inside = |e: End, c: usize| match e {
            End::Node(n) => g.nodes[n.get()].cluster == Some(c),
            End::Cluster(_) => false,
        };
        for (e, edge) in g.edges.iter().enumerate() {
            for (c, b) in l.clusters.iter().enumerate() {
                if inside(edge.from, c) && inside(edge.to, c) {
                    continue;
                }
                let (y0, y1) = (b.rect.y + 0.5, b.title.bottom() + 8.0);
                for w in l.edges[e].points.windows(2) {
                    let (p, q) = (w[0], w[1]);
                    let in_strip = p.y.max(q.y) > y0
                        && p.y.min(q.y) < y1
                        && p.x.min(q.x) > b.rect.x
                        && p.x.max(q.x) < b.rect.right();
                    assert!(
                        !in_strip || (p.x - q.x).abs() < 1e-6,
                        "seed {seed} edge {e} cluster {c}: {p:?}-{q:?} across the strip {y0}..{y1}"
                    );
                }
            }
        }
    }
}

/// Room for titles, given before ranking and ordering (as the title rounds once made the
/// layout again from scratch) or to the first round's ordered graph (as they do now), gives
/// the same layout: ranking and ordering never look at a cluster's width.
#[test]
fn title_room_changes_no_rank_and_no_order() {
    let mut rng = generate::Rng::new(0x0717_71e5);
    let mut widened = 0;
    for seed in 0..12 {
        let mut g = generate::random_clustered(seed, 40, 60, 5);
        g.edges[7].label = Some(Size::new(30.0, 10.0));
        let room: Vec<f64> = (0..g.clusters.len())
            .map(|_| rng.below(4) as f64 * 25.0)
            .collect();
        let (mut work, plans, shapes) = build::build(&g);
        for (cl, &r) in work.clusters.iter_mut().zip(&room) {
            cl.left_extra += r;
            cl.min_width += r;
        }
        normalize::normalize(&mut work, &plans);
        order::order(&mut work);
        let none = vec![0.0; room.len()];
        let from_scratch = super::core_with(&g, (work, shapes), &none);
        let reused = super::core_with(&g, super::ordered(&g), &room);
        assert_eq!(reused, from_scratch, "seed {seed}");
        widened += usize::from(reused != super::core_with(&g, super::ordered(&g), &none));
    }
    assert!(widened > 6, "room changed {widened} layouts");
}

/// A chain of 200 nodes and an edge from its first node to every other one (every fifth
/// labelled): the long edges would need about 20,000 dummies, past the budget. The shortest
/// keep their chains, the longest are drawn straight between their ends with their labels
/// at the middle, and the dummies stay within the budget (time and memory linear in the
/// input, however long its edges).
#[test]
fn long_edges_past_the_dummy_budget_are_drawn_straight() {
    let mut g = generate::random_dag(1, 2, 1);
    let n = 200;
    let node = g.nodes[0].clone();
    g.nodes = vec![node; n];
    g.edges.clear();
    let edge = generate::edge;
    for v in 1..n {
        g.edges.push(edge(v - 1, v));
    }
    for v in 2..n {
        let mut e = edge(0, v);
        if v % 5 == 0 {
            e.label = Some(Size::new(30.0, 10.0));
        }
        g.edges.push(e);
    }
    let (work, _) = prepared(&g);
    let dummies = work
        .nodes
        .iter()
        .filter(|w| matches!(w.kind, Kind::Dummy(_) | Kind::Label(_)))
        .count();
    let budget = normalize::dummy_budget(work.nodes.len() - dummies, g.edges.len());
    assert!(dummies <= budget, "{dummies} dummies, budget {budget}");
    let unchained: Vec<usize> = (0..g.edges.len())
        .filter(|&i| work.chains[i].is_none())
        .collect();
    assert!(!unchained.is_empty(), "the budget is reached");
    // The chain's own edges and the shortest long ones keep their chains.
    assert!(unchained.iter().all(|&i| i >= n + 10), "{unchained:?}");
    let l = crate::layout::layout(&g);
    for &i in &unchained {
        let r = &l.edges[i];
        assert_eq!(r.points.len(), 2, "edge {i} straight");
        let (a, b) = (r.points[0], r.points[1]);
        assert!((a.x - b.x).hypot(a.y - b.y) > 1.0, "edge {i} drawn");
        // Ends on the borders of its nodes' boxes.
        let on_border = |r: Rect, p: Point| {
            let inside = |m: f64| {
                p.x >= r.x - m && p.x <= r.right() + m && p.y >= r.y - m && p.y <= r.bottom() + m
            };
            inside(1e-6) && !inside(-1e-3)
        };
        let to = l.nodes[i + 3 - n];
        assert!(on_border(l.nodes[0], a), "{a:?} {:?}", l.nodes[0]);
        assert!(on_border(to, b), "{b:?} {to:?}");
        if g.edges[i].label.is_some() {
            let label = r.label.expect("label kept");
            let mid = Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
            assert!((label.center().x - mid.x).abs() < 1e-6);
            assert!((label.center().y - mid.y).abs() < 1e-6);
        }
    }
}
