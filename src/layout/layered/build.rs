//! Builds the ranked working graph from a [`LayoutGraph`]: input nodes, two border nodes per
//! cluster (top and bottom, joined to the cluster's contents by nesting edges so that ranking
//! gives every cluster its own band of ranks, with its title strip on the top rank), edges
//! attached to nodes or borders, cycles broken, ranks assigned.
//!
//! An edge to a cluster ends on its top border when it comes from outside (on its bottom border
//! when it leaves the cluster); an edge between a cluster and its own member uses the inner
//! side of the border. Everything is in internal coordinates: ranks go down, so for LR/RL graphs
//! widths and heights are swapped here and swapped back by the final transform.

use super::acyclic::reversed_edges;
use super::normalize::EdgePlan;
use super::rank::wrap::Wrap;
use super::rank::{network_simplex, RankEdge};
use super::work::{Kind, WCluster, WNode, Work};
use crate::geometry::Size;
use crate::layout::{ClusterIndex, NodeIndex};
use crate::layout::{Direction, End, LayoutGraph};

/// Largest `min_len` honoured; longer requests are clamped (a drawing with hundreds of empty
/// ranks is never what was meant, and dummies cost time).
pub(crate) const MAX_MIN_LEN: u32 = 50;

/// Largest rank span requested of one edge after label doubling and cluster stretching.
pub(crate) const MAX_SPAN: i32 = 400;

/// An input edge attached to the working graph: (edge index, tail, head, tail scope, head scope).
type Mapped = (usize, usize, usize, Option<usize>, Option<usize>);

/// How an input edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Shape {
    /// Through its chain.
    Chain,
    /// A loop on a node.
    NodeLoop(usize),
    /// A loop on a cluster.
    ClusterLoop(usize),
}

/// Per node, the room its self-loops take on each side (how far the outermost reaches, and
/// the widths of their labels) and the tallest of their labels, counted in one pass over the
/// edges (a pass per node was quadratic: 16,000 nodes took a second here).
fn loop_rooms(g: &LayoutGraph, horizontal: bool) -> Vec<(f64, f64, f64)> {
    let n = g.nodes.len();
    let (mut count, mut labels, mut tallest) = (vec![0usize; n], vec![0.0f64; n], vec![0.0f64; n]);
    for e in &g.edges {
        if let (End::Node(NodeIndex(k)), true) = (e.from, e.from == e.to) {
            if k >= n {
                continue;
            }
            count[k] += 1;
            if let Some(s) = e.label {
                labels[k] += 4.0 + if horizontal { s.height } else { s.width };
                tallest[k] = tallest[k].max(internal(s, horizontal).height);
            }
        }
    }
    (0..n)
        .map(|k| {
            let ext = count[k].checked_sub(1).map_or(0.0, loop_extent);
            (ext, labels[k], tallest[k])
        })
        .collect()
}

/// How far the `k`-th self-loop of a node reaches out of its box.
pub(crate) fn loop_extent(k: usize) -> f64 {
    12.0 + 8.0 * k as f64
}

/// Size in internal axes.
pub(crate) fn internal(s: Size, horizontal: bool) -> Size {
    if horizontal {
        Size::new(s.height, s.width)
    } else {
        s
    }
}

/// Whether `c` is `anc` or lies inside it.
pub(crate) fn within(g: &LayoutGraph, c: Option<usize>, anc: usize) -> bool {
    let mut cur = c;
    let mut steps = 0;
    while let Some(x) = cur {
        if x == anc {
            return true;
        }
        cur = g.clusters[x].parent;
        steps += 1;
        if steps > g.clusters.len() {
            break;
        }
    }
    false
}

/// Whether the end `e` lies strictly inside cluster `c`.
pub(crate) fn inside(g: &LayoutGraph, e: End, c: usize) -> bool {
    match e {
        End::Node(NodeIndex(i)) => within(g, g.nodes[i].cluster, c),
        End::Cluster(ClusterIndex(d)) => d != c && within(g, Some(d), c),
    }
}

/// The ranked working graph, one plan per input edge and how each is drawn.
pub(crate) fn build(g: &LayoutGraph) -> (Work, Vec<Option<EdgePlan>>, Vec<Shape>) {
    let horizontal = g.direction.is_horizontal();
    let sp = g.spacing;
    let pad = sp.cluster_padding;
    let any_label = g.edges.iter().any(|e| e.label.is_some());
    let mut nodes: Vec<WNode> = Vec::with_capacity(g.nodes.len() + 2 * g.clusters.len());
    let rooms = loop_rooms(g, horizontal);
    for (i, (n, &(ext, labels, loop_h))) in g.nodes.iter().zip(&rooms).enumerate() {
        let s = internal(n.size, horizontal);
        let room = if ext > 0.0 { ext + labels } else { 0.0 };
        nodes.push(WNode {
            kind: Kind::Node(i),
            width: s.width + 2.0 * room,
            height: s.height.max(loop_h),
            cluster: n.cluster,
            rank: 0,
        });
    }
    let mut clusters = Vec::with_capacity(g.clusters.len());
    for (c, cl) in g.clusters.iter().enumerate() {
        let mut depth = 0;
        let mut cur = cl.parent;
        while let Some(p) = cur {
            depth += 1;
            cur = g.clusters[p].parent;
        }
        let title = internal(cl.title, horizontal);
        let t_gap = if cl.title.height > 0.0 {
            pad / 2.0
        } else {
            0.0
        };
        let (top_strip, bottom_strip, left_extra, min_width, min_height) = match g.direction {
            Direction::TopBottom => (
                title.height + pad + t_gap,
                pad,
                0.0,
                title.width + 2.0 * pad,
                0.0,
            ),
            Direction::BottomTop => (
                pad,
                title.height + pad + t_gap,
                0.0,
                title.width + 2.0 * pad,
                0.0,
            ),
            Direction::LeftRight | Direction::RightLeft => (
                pad,
                pad,
                title.width + t_gap,
                title.width + 2.0 * pad,
                title.height + 2.0 * pad,
            ),
        };
        let top = nodes.len();
        let bottom = top + 1;
        for (kind, h) in [(Kind::Top(c), top_strip), (Kind::Bottom(c), bottom_strip)] {
            nodes.push(WNode {
                kind,
                width: 0.0,
                height: h,
                cluster: Some(c),
                rank: 0,
            });
        }
        clusters.push(WCluster {
            parent: cl.parent,
            depth,
            top,
            bottom,
            top_strip,
            bottom_strip,
            left_extra,
            min_width,
            min_height,
        });
    }
    // Rank edges: nesting first (fixed), then input edges.
    let mut redges: Vec<RankEdge> = Vec::new();
    let mut fixed: Vec<bool> = Vec::new();
    let mut nest = |u: usize, v: usize, redges: &mut Vec<RankEdge>| {
        redges.push(RankEdge {
            u,
            v,
            min_len: 1,
            weight: 1.0,
        });
        fixed.push(true);
    };
    for (i, n) in g.nodes.iter().enumerate() {
        if let Some(c) = n.cluster {
            nest(clusters[c].top, i, &mut redges);
            nest(i, clusters[c].bottom, &mut redges);
        }
    }
    for cl in &clusters {
        nest(cl.top, cl.bottom, &mut redges);
        if let Some(p) = cl.parent {
            nest(clusters[p].top, cl.top, &mut redges);
            nest(cl.bottom, clusters[p].bottom, &mut redges);
        }
    }
    let n_nest = redges.len();
    // Like dagre's nesting graph: every rank step of an input edge is stretched to
    // 2·(nesting levels) + 1 ranks, so the border ranks of clusters fit between two ranks of
    // nodes without lengthening edges; clusters can then stack vertically. Ranks holding only
    // borders and dummies cost no rank separation (see `vertical`).
    let levels = clusters.iter().map(|c| c.depth + 1).max().unwrap_or(0) as i32;
    let stretch = 2 * levels + 1;
    let mut shapes = Vec::with_capacity(g.edges.len());
    // (edge index, mapped tail, mapped head, tail scope, head scope)
    let mut mapped: Vec<Mapped> = Vec::new();
    for (i, e) in g.edges.iter().enumerate() {
        let map = |end: End, other: End, tail: bool| -> (usize, Option<usize>) {
            match end {
                End::Node(NodeIndex(k)) => (k, g.nodes[k].cluster),
                End::Cluster(ClusterIndex(c)) => {
                    let into = inside(g, other, c);
                    let use_top = into == tail;
                    let v = if use_top {
                        clusters[c].top
                    } else {
                        clusters[c].bottom
                    };
                    (v, if into { Some(c) } else { g.clusters[c].parent })
                }
            }
        };
        let (u, su) = map(e.from, e.to, true);
        let (v, sv) = map(e.to, e.from, false);
        if u == v {
            shapes.push(match e.from {
                End::Node(NodeIndex(k)) => Shape::NodeLoop(k),
                End::Cluster(ClusterIndex(c)) => Shape::ClusterLoop(c),
            });
            continue;
        }
        shapes.push(Shape::Chain);
        let mut min_len = e.min_len.min(MAX_MIN_LEN) as i32;
        if e.label.is_some() {
            min_len = min_len.max(1);
        }
        if any_label {
            min_len *= 2;
        }
        if min_len > 0 {
            // Leave room for border ranks between the ends (see `stretch`); an end on a border
            // is itself one of those ranks.
            let borders = i32::from(u >= g.nodes.len()) + i32::from(v >= g.nodes.len());
            min_len = (min_len * stretch - borders).clamp(1, MAX_SPAN);
        }
        redges.push(RankEdge {
            u,
            v,
            min_len,
            weight: e.weight,
        });
        fixed.push(false);
        mapped.push((i, u, v, su, sv));
    }
    let n = nodes.len();
    let pairs: Vec<(usize, usize)> = redges.iter().map(|e| (e.u, e.v)).collect();
    let rev = reversed_edges(n, &pairs, &fixed);
    for (e, &r) in redges.iter_mut().zip(&rev) {
        if r {
            std::mem::swap(&mut e.u, &mut e.v);
        }
    }
    let mut ranks = network_simplex(n, &redges);
    if let Some(max) = sp.max_rank_width {
        let widths: Vec<f64> = nodes[..g.nodes.len()].iter().map(|w| w.width).collect();
        let wrap = Wrap {
            widths: &widths,
            ranks: &ranks,
            fixed: &fixed,
            max,
            sep: sp.node,
            pass: 2.0 * super::position::dummy_side(&sp),
            step: stretch * if any_label { 2 } else { 1 },
        };
        if wrap.apply(&mut redges) {
            ranks = network_simplex(n, &redges);
        }
    }
    for (nd, &r) in nodes.iter_mut().zip(&ranks) {
        nd.rank = r.max(0) as usize;
    }
    let mut plans: Vec<Option<EdgePlan>> = vec![None; g.edges.len()];
    for (k, &(i, u, v, su, sv)) in mapped.iter().enumerate() {
        let reversed = rev[n_nest + k];
        let label = g.edges[i].label.map(|s| internal(s, horizontal));
        plans[i] = Some(if reversed {
            EdgePlan {
                upper: v,
                lower: u,
                reversed,
                label,
                upper_scope: sv,
                lower_scope: su,
                weight: g.edges[i].weight,
            }
        } else {
            EdgePlan {
                upper: u,
                lower: v,
                reversed,
                label,
                upper_scope: su,
                lower_scope: sv,
                weight: g.edges[i].weight,
            }
        });
    }
    let work = Work {
        nodes,
        clusters,
        layers: Vec::new(),
        links: Vec::new(),
        chains: Vec::new(),
        spacing: sp,
        rank_sep: if any_label { sp.rank / 2.0 } else { sp.rank },
    };
    (work, plans, shapes)
}
