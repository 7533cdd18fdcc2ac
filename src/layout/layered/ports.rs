//! Ports: where each route meets the side of its end node.
//!
//! A node side (the upper or the lower one, in internal top-to-bottom coordinates) that two or
//! more routes meet, and that has room for them all [`MIN_GAP`] apart, gets one port per route,
//! spread along a centred fraction of the side ([`FRACTION`], so no end sits on a corner) at
//! most [`MAX_STEP`] apart, and ordered by where each route goes next: the x of the
//! neighbouring layer node its chain goes to (then that node's place in its layer, then the
//! edge's index). Ports lie inside their node's box and the
//! boxes of a rank are disjoint and in layer order, so the ports of a rank keep the order that
//! ordering counted crossings in: ports add no crossing. Edges between the same two nodes tie on
//! both ends and break the tie the same way (by edge index), so they run side by side. A side
//! with one route keeps it at the centre (straightening may move it along the outline); a
//! route that goes straight on (its neighbouring layer node lies right below or above the
//! node) keeps the centre too when its neighbours fit beside it, so straight edges stay straight.
//! Flat edges (both ends in one rank) leave from the lower side, ordered by where the other end is.
//! A narrower side keeps its routes at one point, as before ports, unless two of them are
//! parallel edges (same neighbouring layer node): those are spread as far as the side allows.
//!
//! Ends on a cluster (its top or bottom border node) are spread the same way along the
//! cluster's border, kept inside the cluster's box: the border node can sit at a wall, and a
//! spread centred on it would put ends outside the cluster (issue 11's proptest case).
//! Self-loops are not routed through ports (they leave from the right side).
//!
//! A route at a spread side leaves it vertically (the piece gets legs, see `gap`), so its end is
//! the port itself on every outline, and straightening keeps such ends where they are: ends on
//! one side stay [`MIN_GAP`] apart wherever the side has room for them (property test in
//! `tests/it/layout_props.rs`).

use super::build::Shape;
use super::route::Placed;
use super::work::Kind;

/// Share of a side's width that ports use, centred (the rest keeps ends off the corners).
pub(crate) const FRACTION: f64 = 0.8;

/// Most distance between neighbouring ports; less when the side is too narrow for that.
pub(crate) const MAX_STEP: f64 = 20.0;

/// Distance between neighbouring ports that leaves room for arrowheads: a port that goes
/// straight on keeps its place only if its neighbours can keep this much (or as much as an
/// even spread gives) beside it.
pub(crate) const MIN_GAP: f64 = 12.0;

/// Where one end of a route meets its node side.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Port {
    /// Sideways offset from the layer node's x.
    pub(crate) offset: f64,
    /// Whether other routes meet the same side (the route then leaves it vertically, so that
    /// its end is the port on every outline).
    pub(crate) shared: bool,
}

impl Port {
    /// The offsets of a route's upper and lower end.
    pub(crate) fn pair(ends: &[Port; 2]) -> (f64, f64) {
        (ends[0].offset, ends[1].offset)
    }
}

/// One route's end at a node side, with what orders it there.
struct End {
    /// Layer node and side (`true`: the upper side).
    side: (usize, bool),
    /// x, then layer position, of the neighbouring layer node the route goes to.
    toward: (f64, usize),
    edge: usize,
    /// 0: the chain's upper end; 1: its lower end.
    at: usize,
}

/// The ports of every edge's upper and lower end (at its layer node's x, unshared, for edges
/// that are not chains: self-loops).
pub(crate) fn ports(p: &Placed<'_>, shapes: &[Shape]) -> Vec<[Port; 2]> {
    let work = p.work;
    let mut pos = vec![0usize; work.nodes.len()];
    for layer in &work.layers {
        for (k, &v) in layer.iter().enumerate() {
            pos[v] = k;
        }
    }
    let toward = |v: usize| (p.x[v], pos[v]);
    let mut ends: Vec<End> = Vec::new();
    for (i, ch) in work.chains.iter().enumerate() {
        let Some(ch) = ch.as_ref().filter(|_| shapes.get(i) == Some(&Shape::Chain)) else {
            continue;
        };
        let n = ch.nodes.len();
        if n < 2 {
            continue;
        }
        let (first, last) = (ch.nodes[0], ch.nodes[n - 1]);
        if work.nodes[first].rank == work.nodes[last].rank {
            // A flat edge leaves both ends downwards, toward the other end.
            ends.push(End {
                side: (first, false),
                toward: toward(last),
                edge: i,
                at: 0,
            });
            ends.push(End {
                side: (last, false),
                toward: toward(first),
                edge: i,
                at: 1,
            });
        } else {
            let (next, prev) = (ch.nodes[1], ch.nodes[n - 2]);
            ends.push(End {
                side: (first, false),
                toward: toward(next),
                edge: i,
                at: 0,
            });
            ends.push(End {
                side: (last, true),
                toward: toward(prev),
                edge: i,
                at: 1,
            });
        }
    }
    ends.sort_by(|a, b| {
        (a.side.cmp(&b.side))
            .then(a.toward.0.total_cmp(&b.toward.0))
            .then(a.toward.1.cmp(&b.toward.1))
            .then(a.edge.cmp(&b.edge))
            .then(a.at.cmp(&b.at))
    });
    let mut out = vec![[Port::default(); 2]; p.graph.edges.len()];
    for group in ends.chunk_by(|a, b| a.side == b.side) {
        let v = group[0].side.0;
        let Some((lo, hi)) = side_extent(p, v) else {
            continue;
        };
        let m = group.len();
        // A side too narrow for every port MIN_GAP apart keeps its routes at one point (ends a
        // few px apart show nothing, and snapping them onto a rounded outline along diverging
        // directions made them cross), except for parallel edges, which must stay apart.
        let roomy = FRACTION * (hi - lo) >= MIN_GAP * m as f64;
        let parallel = group.windows(2).any(|w| w[0].toward == w[1].toward);
        if m < 2 || !(roomy || parallel) {
            continue;
        }
        let shared = true;
        let straight = group.iter().position(|e| (e.toward.0 - p.x[v]).abs() < 0.5);
        let ports = spread(lo, hi, p.x[v], m, straight);
        for (e, offset) in group.iter().zip(ports) {
            out[e.edge][e.at] = Port { offset, shared };
        }
    }
    out
}

/// The x extent of the side of layer node `v` that routes meet: its box, or its cluster's box
/// for a border node; `None` for routing points (dummies).
fn side_extent(p: &Placed<'_>, v: usize) -> Option<(f64, f64)> {
    let r = match p.work.nodes[v].kind {
        Kind::Node(i) => p.nodes.get(i)?,
        Kind::Top(c) | Kind::Bottom(c) => p.clusters.get(c)?,
        _ => return None,
    };
    Some((r.x, r.right()))
}

/// Offsets from `x` of `m` ports, left to right, on a side spanning `lo..hi` (which holds `x`).
/// One port stays at `x`; more are spread over the centred [`FRACTION`] of the side, at most
/// [`MAX_STEP`] apart, around `x` as far as the fraction allows. When port `straight` goes
/// straight on (its neighbouring layer node lies at `x`), it stays at `x` and the others line
/// up beside it, as long as they keep the gap an even spread would give or [`MIN_GAP`]: so an
/// edge that positioning drew straight stays straight.
pub(crate) fn spread(
    lo: f64,
    hi: f64,
    x: f64,
    m: usize,
    straight: Option<usize>,
) -> impl Iterator<Item = f64> {
    let width = (hi - lo).max(0.0);
    let margin = (1.0 - FRACTION) / 2.0 * width;
    let (step, first) = if m < 2 {
        (0.0, x)
    } else {
        let step = (FRACTION * width / m as f64).min(MAX_STEP);
        let half = (m - 1) as f64 * step / 2.0;
        let (a, b) = (lo + margin + half, hi - margin - half);
        let centre = if a <= b {
            x.clamp(a, b)
        } else {
            (lo + hi) / 2.0
        };
        let even = (step, centre - half);
        match straight {
            Some(j) if j < m => {
                // Room left of `x` for `j` ports, right of it for the rest.
                let left = (x - lo - margin).max(0.0);
                let right = (hi - margin - x).max(0.0);
                let mut beside = MAX_STEP;
                if j > 0 {
                    beside = beside.min(left / j as f64);
                }
                if j + 1 < m {
                    beside = beside.min(right / (m - 1 - j) as f64);
                }
                if beside >= step.min(MIN_GAP) && beside > 0.0 {
                    (beside, x - j as f64 * beside)
                } else {
                    even
                }
            }
            _ => even,
        }
    };
    (0..m).map(move |k| first - x + k as f64 * step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::{Point, Size};
    use crate::layout::quality::{crossings, Metrics};
    use crate::layout::{
        Direction, End as Node, Layout, LayoutCluster, LayoutEdge, LayoutGraph, LayoutNode,
        Outline, Spacing,
    };

    const DIRECTIONS: [Direction; 4] = [
        Direction::TopBottom,
        Direction::BottomTop,
        Direction::LeftRight,
        Direction::RightLeft,
    ];

    fn node(w: f64, h: f64, outline: Outline) -> LayoutNode {
        LayoutNode {
            size: Size::new(w, h),
            outline,
            cluster: None,
        }
    }

    /// A node whose rank sides (top and bottom in TB, left and right in LR) are `side` long.
    fn sided(d: Direction, side: f64, depth: f64) -> LayoutNode {
        let (w, h) = if d.is_horizontal() {
            (depth, side)
        } else {
            (side, depth)
        };
        LayoutNode {
            size: Size::new(w, h),
            outline: Outline::Box,
            cluster: None,
        }
    }

    fn edge(a: Node, b: Node) -> LayoutEdge {
        LayoutEdge {
            from: a,
            to: b,
            label: None,
            min_len: 1,
            weight: 1.0,
        }
    }

    fn graph(direction: Direction, nodes: Vec<LayoutNode>, edges: Vec<LayoutEdge>) -> LayoutGraph {
        LayoutGraph {
            direction,
            nodes,
            edges,
            clusters: Vec::new(),
            spacing: Spacing::default(),
        }
    }

    /// A point's coordinate along the rank sides (x in TB/BT, y in LR/RL).
    fn along(d: Direction, p: Point) -> f64 {
        if d.is_horizontal() {
            p.y
        } else {
            p.x
        }
    }

    fn first(l: &Layout, e: usize) -> Point {
        l.edges[e].points[0]
    }

    fn last(l: &Layout, e: usize) -> Point {
        let ps = &l.edges[e].points;
        ps[ps.len() - 1]
    }

    fn clean(g: &LayoutGraph, l: &Layout) {
        let m = Metrics::of(g, l);
        assert!(m.is_clean(), "{:?}: {m}", g.direction);
    }

    #[test]
    fn six_out_edges_leave_from_six_ports_in_the_order_of_their_targets() {
        for d in DIRECTIONS {
            let mut nodes = vec![sided(d, 160.0, 40.0)];
            nodes.extend((0..6).map(|_| node(60.0, 30.0, Outline::Box)));
            let edges = (1..=6)
                .map(|k| edge(Node::node(0), Node::node(k)))
                .collect();
            let g = graph(d, nodes, edges);
            let l = super::super::layout(&g);
            clean(&g, &l);
            let r = l.nodes[0];
            // The six ends lie on one side of node 0, in the order of their targets.
            let mut by_target: Vec<usize> = (0..6).collect();
            by_target.sort_by(|&a, &b| {
                along(d, l.nodes[a + 1].center()).total_cmp(&along(d, l.nodes[b + 1].center()))
            });
            let ends: Vec<f64> = by_target.iter().map(|&e| along(d, first(&l, e))).collect();
            for w in ends.windows(2) {
                assert!(w[1] - w[0] >= 12.0 - 1e-9, "{d:?}: ends {ends:?}");
            }
            let side = if d.is_horizontal() { r.height } else { r.width };
            let lo = along(d, Point::new(r.x, r.y)) + 0.1 * side - 1e-9;
            assert!(
                ends[0] >= lo && ends[5] <= lo + 0.8 * side + 2e-9,
                "{d:?}: {ends:?} {r:?}"
            );
            let rank_side: Vec<f64> = (0..6)
                .map(|e| {
                    let p = first(&l, e);
                    if d.is_horizontal() {
                        p.x
                    } else {
                        p.y
                    }
                })
                .collect();
            assert!(
                rank_side.windows(2).all(|w| (w[0] - w[1]).abs() < 1e-9),
                "{d:?}"
            );
            assert_eq!(crossings(&g, &l), 0, "{d:?}");
        }
    }

    #[test]
    fn parallel_edges_and_a_two_cycle_run_side_by_side() {
        for d in DIRECTIONS {
            let nodes = vec![sided(d, 100.0, 40.0), sided(d, 100.0, 40.0)];
            let (a, b) = (Node::node(0), Node::node(1));
            let g = graph(d, nodes, vec![edge(a, b), edge(a, b), edge(b, a)]);
            let l = super::super::layout(&g);
            clean(&g, &l);
            // Three distinct ends on each node, no two routes meeting.
            let mut at_a = [first(&l, 0), first(&l, 1), last(&l, 2)].map(|p| along(d, p));
            let mut at_b = [last(&l, 0), last(&l, 1), first(&l, 2)].map(|p| along(d, p));
            for ends in [&mut at_a, &mut at_b] {
                ends.sort_by(f64::total_cmp);
                assert!(
                    ends.windows(2).all(|w| w[1] - w[0] >= 12.0 - 1e-9),
                    "{d:?}: {ends:?}"
                );
            }
            assert_eq!(crossings(&g, &l), 0, "{d:?}");
        }
    }

    #[test]
    fn a_single_edge_stays_centred() {
        for d in DIRECTIONS {
            let nodes = vec![
                node(100.0, 40.0, Outline::Box),
                node(100.0, 40.0, Outline::Box),
            ];
            let g = graph(d, nodes, vec![edge(Node::node(0), Node::node(1))]);
            let l = super::super::layout(&g);
            let c = along(d, l.nodes[0].center());
            assert!((along(d, first(&l, 0)) - c).abs() < 1e-9, "{d:?}");
            assert!((along(d, last(&l, 0)) - c).abs() < 1e-9, "{d:?}");
        }
    }

    #[test]
    fn ends_on_ellipses_and_diamonds_stay_on_the_outline() {
        for outline in [Outline::Ellipse, Outline::Diamond] {
            for d in DIRECTIONS {
                let mut nodes = vec![LayoutNode {
                    outline,
                    ..sided(d, 120.0, 60.0)
                }];
                nodes.extend((0..4).map(|_| node(60.0, 30.0, outline)));
                let edges = (1..=4)
                    .map(|k| edge(Node::node(0), Node::node(k)))
                    .collect();
                let g = graph(d, nodes, edges);
                let l = super::super::layout(&g);
                clean(&g, &l);
                let r = l.nodes[0];
                let (c, a, b) = (r.center(), r.width / 2.0, r.height / 2.0);
                for e in 0..4 {
                    let p = first(&l, e);
                    let (u, v) = ((p.x - c.x).abs() / a, (p.y - c.y).abs() / b);
                    let f = if outline == Outline::Ellipse {
                        u.hypot(v)
                    } else {
                        u + v
                    };
                    assert!(
                        (f - 1.0).abs() < 1e-6,
                        "{outline:?} {d:?}: edge {e} at {p:?}"
                    );
                }
                let mut ends: Vec<f64> = (0..4).map(|e| along(d, first(&l, e))).collect();
                ends.sort_by(f64::total_cmp);
                assert!(
                    ends.windows(2).all(|w| w[1] - w[0] >= 12.0 - 1e-9),
                    "{ends:?}"
                );
            }
        }
    }

    #[test]
    fn self_loops_and_cluster_ends_keep_working() {
        for d in DIRECTIONS {
            // Node 0 with a self-loop and three edges out, two of them into a cluster, and
            // two parallel edges from the cluster itself to node 4.
            let mut nodes: Vec<LayoutNode> =
                (0..5).map(|_| node(80.0, 40.0, Outline::Box)).collect();
            nodes[2].cluster = Some(0);
            nodes[3].cluster = Some(0);
            let (n, c) = (Node::node, Node::cluster);
            let edges = vec![
                edge(n(0), n(0)),
                edge(n(0), n(1)),
                edge(n(0), n(2)),
                edge(n(0), c(0)),
                edge(c(0), n(4)),
                edge(c(0), n(4)),
            ];
            let mut g = graph(d, nodes, edges);
            g.clusters.push(LayoutCluster {
                parent: None,
                title: Size::new(60.0, 16.0),
                direction: None,
            });
            let l = super::super::layout(&g);
            clean(&g, &l);
            // The self-loop leaves and returns on one side, away from the ports.
            let r = l.nodes[0];
            let (s, t) = (first(&l, 0), last(&l, 0));
            let right = |p: Point| (p.x - r.right()).abs() < 1e-6;
            let bottom = |p: Point| (p.y - r.bottom()).abs() < 1e-6;
            let on_loop_side = match d {
                Direction::TopBottom | Direction::BottomTop => right(s) && right(t),
                _ => bottom(s) && bottom(t),
            };
            assert!(on_loop_side, "{d:?}: loop {:?} on {r:?}", l.edges[0].points);
            // Cluster ends lie on the cluster's border, the two parallel ones apart.
            let b = l.clusters[0].rect;
            let on_border = |p: Point| {
                let inside = p.x >= b.x - 1e-6
                    && p.x <= b.right() + 1e-6
                    && p.y >= b.y - 1e-6
                    && p.y <= b.bottom() + 1e-6;
                let edge = [p.x - b.x, b.right() - p.x, p.y - b.y, b.bottom() - p.y]
                    .iter()
                    .any(|v| v.abs() < 1e-6);
                inside && edge
            };
            for p in [last(&l, 3), first(&l, 4), first(&l, 5)] {
                assert!(on_border(p), "{d:?}: {p:?} off {b:?}");
            }
            let gap = (along(d, first(&l, 4)) - along(d, first(&l, 5))).abs();
            assert!(
                gap >= 12.0 - 1e-9,
                "{d:?}: parallel cluster ends {gap} apart"
            );
        }
    }

    #[test]
    fn one_port_stays_put_and_more_spread_inside_the_centred_fraction() {
        assert_eq!(
            spread(0.0, 100.0, 50.0, 1, None).collect::<Vec<_>>(),
            vec![0.0]
        );
        // Two on a wide side: MAX_STEP apart around the centre.
        assert_eq!(
            spread(0.0, 100.0, 50.0, 2, None).collect::<Vec<_>>(),
            vec![-10.0, 10.0]
        );
        // Six on a 100 px side: the 80 px fraction in six slots, centred.
        let six: Vec<f64> = spread(0.0, 100.0, 50.0, 6, None).collect();
        for w in six.windows(2) {
            assert!((w[1] - w[0] - 80.0 / 6.0).abs() < 1e-9, "{six:?}");
        }
        assert!(six[0] + 50.0 > 10.0 && six[5] + 50.0 < 90.0, "{six:?}");
        // Centred on a border node at a cluster's wall, the spread moves inside the box.
        let at_wall: Vec<f64> = spread(0.0, 10.0, 0.0, 3, None).collect();
        assert!(
            at_wall
                .iter()
                .all(|&o| (1.0 - 1e-9..=9.0 + 1e-9).contains(&o)),
            "{at_wall:?}"
        );
        // A port going straight on keeps its place, its neighbours beside it...
        let kept: Vec<f64> = spread(0.0, 100.0, 50.0, 3, Some(1)).collect();
        assert_eq!(kept, vec![-20.0, 0.0, 20.0]);
        let kept: Vec<f64> = spread(0.0, 100.0, 50.0, 2, Some(0)).collect();
        assert_eq!(kept, vec![0.0, 20.0]);
        // ... unless that would crowd them: five ports in the 40 px right of the centre.
        assert_eq!(
            spread(0.0, 100.0, 50.0, 6, Some(0)).collect::<Vec<_>>(),
            six
        );
        // No room: every port at the side's centre, never outside it.
        let none: Vec<f64> = spread(5.0, 5.0, 5.0, 3, None).collect();
        assert_eq!(none, vec![0.0; 3]);
    }
}
