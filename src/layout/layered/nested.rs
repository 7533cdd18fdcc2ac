//! Clusters with a direction of their own (mermaid's `direction` inside a `subgraph`).
//!
//! Mermaid's rule, which we follow: a cluster with its own direction is laid out on its own,
//! in that direction, **only if no edge crosses its border to or from its contents**: an edge
//! between a member (node or nested cluster, at any depth) and anything outside the cluster
//! makes the cluster inherit its parent's direction. Edges to the cluster itself from outside
//! are fine (they end on its border). An edge between the cluster and one of its own members
//! also makes it inherit (it could not be drawn inside a separately laid out box).
//!
//! Such an isolated cluster is laid out recursively (its own nested clusters may be isolated in
//! turn), then stands in the parent layout as one node as big as its drawing plus padding and
//! title; finally its contents are translated into that box.

use super::build::inside;
use super::{core, finish_empty};
use crate::geometry::{Point, Rect, Size};
use crate::layout::{
    ClusterBox, EdgeRoute, End, Layout, LayoutCluster, LayoutEdge, LayoutGraph, LayoutNode, Outline,
};
use crate::layout::{ClusterIndex, NodeIndex};

/// Whether cluster `c` is laid out separately in its own direction.
pub(crate) fn isolated(g: &LayoutGraph, c: usize) -> bool {
    if g.clusters[c].direction.is_none() {
        return false;
    }
    // One end inside and the other not (outside, or the cluster itself) crosses the border.
    g.edges
        .iter()
        .all(|e| inside(g, e.from, c) == inside(g, e.to, c))
}

/// Lays out `g` honouring per-cluster directions.
pub(crate) fn layout_with_directions(g: &LayoutGraph) -> Layout {
    if g.nodes.is_empty() && g.clusters.is_empty() {
        return finish_empty(g);
    }
    let nc = g.clusters.len();
    let iso: Vec<bool> = (0..nc).map(|c| isolated(g, c)).collect();
    // Top-most isolated clusters.
    let top: Vec<usize> = (0..nc)
        .filter(|&c| {
            iso[c] && {
                let mut cur = g.clusters[c].parent;
                let mut ok = true;
                while let Some(p) = cur {
                    if iso[p] {
                        ok = false;
                        break;
                    }
                    cur = g.clusters[p].parent;
                }
                ok
            }
        })
        .collect();
    if top.is_empty() {
        return core(g);
    }
    // Which top-most isolated cluster (if any) owns each node and cluster.
    let owner_of_cluster = |c: usize| {
        top.iter()
            .position(|&t| t != c && super::build::within(g, Some(c), t))
    };
    let owner_of_node = |i: usize| {
        top.iter()
            .position(|&t| super::build::within(g, g.nodes[i].cluster, t))
    };
    let pad = g.spacing.cluster_padding;
    // Sub-layouts.
    struct Sub {
        layout: Layout,
        node_map: Vec<usize>,
        cluster_map: Vec<usize>,
        edge_map: Vec<usize>,
        size: Size,
        offset: Point,
    }
    let mut subs: Vec<Sub> = Vec::new();
    for &t in &top {
        let node_map: Vec<usize> = (0..g.nodes.len())
            .filter(|&i| super::build::within(g, g.nodes[i].cluster, t))
            .collect();
        let cluster_map: Vec<usize> = (0..nc)
            .filter(|&c| c != t && super::build::within(g, Some(c), t))
            .collect();
        let idx_n = |i: usize| node_map.iter().position(|&x| x == i);
        let idx_c = |c: usize| cluster_map.iter().position(|&x| x == c);
        let edge_map: Vec<usize> = (0..g.edges.len())
            .filter(|&e| inside(g, g.edges[e].from, t) && inside(g, g.edges[e].to, t))
            .collect();
        let map_end = |e: End| match e {
            End::Node(NodeIndex(i)) => End::node(idx_n(i).unwrap_or(0)),
            End::Cluster(ClusterIndex(c)) => End::cluster(idx_c(c).unwrap_or(0)),
        };
        let sub = LayoutGraph {
            direction: g.clusters[t].direction.unwrap_or_default(),
            nodes: node_map
                .iter()
                .map(|&i| LayoutNode {
                    cluster: g.nodes[i]
                        .cluster
                        .and_then(|c| if c == t { None } else { idx_c(c) }),
                    ..g.nodes[i].clone()
                })
                .collect(),
            edges: edge_map
                .iter()
                .map(|&e| LayoutEdge {
                    from: map_end(g.edges[e].from),
                    to: map_end(g.edges[e].to),
                    ..g.edges[e].clone()
                })
                .collect(),
            clusters: cluster_map
                .iter()
                .map(|&c| LayoutCluster {
                    parent: g.clusters[c]
                        .parent
                        .and_then(|p| if p == t { None } else { idx_c(p) }),
                    ..g.clusters[c].clone()
                })
                .collect(),
            spacing: crate::layout::Spacing {
                margin: 0.0,
                ..g.spacing
            },
        };
        let layout = layout_with_directions(&sub);
        let title = g.clusters[t].title;
        let head = if title.height > 0.0 {
            title.height + 1.5 * pad
        } else {
            pad
        };
        let w = (layout.width + 2.0 * pad).max(title.width + 2.0 * pad);
        let h = layout.height + head + pad;
        let offset = Point::new((w - layout.width) / 2.0, head);
        subs.push(Sub {
            layout,
            node_map,
            cluster_map,
            edge_map,
            size: Size::new(w, h),
            offset,
        });
    }
    // The parent graph: outer nodes, one box per isolated cluster, outer clusters.
    let outer_nodes: Vec<usize> = (0..g.nodes.len())
        .filter(|&i| owner_of_node(i).is_none())
        .collect();
    let outer_clusters: Vec<usize> = (0..nc)
        .filter(|&c| !top.contains(&c) && owner_of_cluster(c).is_none())
        .collect();
    let pn = |i: usize| outer_nodes.iter().position(|&x| x == i);
    let pc = |c: usize| outer_clusters.iter().position(|&x| x == c);
    let big = |k: usize| outer_nodes.len() + k;
    let mut nodes: Vec<LayoutNode> = outer_nodes
        .iter()
        .map(|&i| LayoutNode {
            cluster: g.nodes[i].cluster.and_then(pc),
            ..g.nodes[i].clone()
        })
        .collect();
    for (k, &t) in top.iter().enumerate() {
        nodes.push(LayoutNode {
            size: subs[k].size,
            outline: Outline::Box,
            cluster: g.clusters[t].parent.and_then(pc),
        });
    }
    let map_end = |e: End| -> Option<End> {
        match e {
            End::Node(NodeIndex(i)) => pn(i).map(End::node),
            End::Cluster(ClusterIndex(c)) => match top.iter().position(|&t| t == c) {
                Some(k) => Some(End::node(big(k))),
                None => pc(c).map(End::cluster),
            },
        }
    };
    let mut outer_edges: Vec<usize> = Vec::new();
    let mut edges: Vec<LayoutEdge> = Vec::new();
    for (i, e) in g.edges.iter().enumerate() {
        if let (Some(a), Some(b)) = (map_end(e.from), map_end(e.to)) {
            outer_edges.push(i);
            edges.push(LayoutEdge {
                from: a,
                to: b,
                ..e.clone()
            });
        }
    }
    let parent = LayoutGraph {
        direction: g.direction,
        nodes,
        edges,
        clusters: outer_clusters
            .iter()
            .map(|&c| LayoutCluster {
                parent: g.clusters[c].parent.and_then(pc),
                ..g.clusters[c].clone()
            })
            .collect(),
        spacing: g.spacing,
    };
    let pl = core(&parent);
    // Compose.
    let mut out = Layout {
        width: pl.width,
        height: pl.height,
        nodes: vec![Rect::default(); g.nodes.len()],
        edges: vec![EdgeRoute::default(); g.edges.len()],
        clusters: vec![ClusterBox::default(); nc],
    };
    for (k, &i) in outer_nodes.iter().enumerate() {
        out.nodes[i] = pl.nodes[k];
    }
    for (k, &c) in outer_clusters.iter().enumerate() {
        out.clusters[c] = pl.clusters[k].clone();
    }
    for (k, &e) in outer_edges.iter().enumerate() {
        out.edges[e] = pl.edges[k].clone();
    }
    for (k, &t) in top.iter().enumerate() {
        let rect = pl.nodes[big(k)];
        let s = &subs[k];
        let title = g.clusters[t].title;
        let gap = if title.height > 0.0 { pad / 2.0 } else { 0.0 };
        out.clusters[t] = ClusterBox {
            rect,
            title: Rect::new(
                rect.x + (rect.width - title.width) / 2.0,
                rect.y + gap,
                title.width,
                title.height,
            ),
        };
        let (dx, dy) = (rect.x + s.offset.x, rect.y + s.offset.y);
        let mv = |r: &Rect| Rect::new(r.x + dx, r.y + dy, r.width, r.height);
        for (j, &i) in s.node_map.iter().enumerate() {
            out.nodes[i] = mv(&s.layout.nodes[j]);
        }
        for (j, &c) in s.cluster_map.iter().enumerate() {
            let b = &s.layout.clusters[j];
            out.clusters[c] = ClusterBox {
                rect: mv(&b.rect),
                title: mv(&b.title),
            };
        }
        for (j, &e) in s.edge_map.iter().enumerate() {
            let r = &s.layout.edges[j];
            out.edges[e] = EdgeRoute {
                points: r
                    .points
                    .iter()
                    .map(|p| Point::new(p.x + dx, p.y + dy))
                    .collect(),
                label: r.label.as_ref().map(mv),
            };
        }
    }
    // Titles of the boxes placed here step aside from routes now that all are known.
    let index = super::Segments::new(&out.edges);
    for &t in &top {
        let b = &out.clusters[t];
        let title = g.clusters[t].title;
        let x = super::title_x(&b.rect, title, b.title.y, pad, &index);
        out.clusters[t].title = Rect::new(x, b.title.y, title.width, title.height);
    }
    // Anything left (cannot happen by the isolation rule) gets a short visible stub.
    for e in out.edges.iter_mut() {
        if e.points.len() < 2 {
            let p = Point::new(pl.width / 2.0, pl.height / 2.0);
            e.points = vec![p, p];
        }
    }
    out
}
