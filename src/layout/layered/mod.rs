//! The layered (Sugiyama) layout, with clusters inside the algorithm, in the tradition of
//! Graphviz dot and dagre. One file per phase:
//!
//! 1. `acyclic`: break cycles (DFS back edges; reversed edges still draw tail → head);
//! 2. `build` + `rank`: cluster border nodes and nesting edges, longest path then network
//!    simplex ranking; with edge labels, `min_len` doubles and rank separation halves (dagre's
//!    trick) so every label gets a rank of its own;
//! 3. `normalize`: dummy chains for long edges, label dummies, cluster markers;
//! 4. `order`: barycenter sweeps + transpose with exact (`crossing`) counts, clusters
//!    kept contiguous;
//! 5. `place` (network simplex on dot's auxiliary graph, small graphs) or `position`
//!    (Brandes–Köpf), then `cluster` (cluster walls and separations);
//! 6. `vertical`: rank heights and gaps;
//! 7. `route`: polylines (ends at their `ports`), clipping, self-loops, label boxes.
//!
//! Per-cluster directions are handled by `nested` before all of this. Everything runs top to
//! bottom internally; LR/RL/BT are produced by a final rotation or flip.

mod acyclic;
mod build;
mod cluster;
mod crossing;
mod gap;
mod nested;
mod normalize;
mod obstacles;
mod order;
mod passes;
mod place;
pub(crate) mod ports;
mod position;
mod rank;
mod route;
mod siblings;
mod sift;
mod title;
mod vertical;
mod work;

#[cfg(test)]
mod cluster_order_tests;
#[cfg(test)]
mod dummy_rank_tests;
#[cfg(test)]
mod tests;

use super::{ClusterBox, Direction, EdgeRoute, End, Layout, LayoutGraph};
use crate::geometry::{Point, Rect, Size};
use crate::layout::{ClusterIndex, NodeIndex};
use title::{title_x, Segments};

/// Lays out `graph`: positions for every node and cluster, a route for every edge. Never
/// panics; all coordinates are finite and ≥ 0, and `width`/`height` cover everything plus
/// `spacing.margin`. Identical input gives identical output.
///
/// Per-cluster directions follow mermaid's rule: a cluster with its own `direction` is laid
/// out separately in that direction only if no edge connects one of its members (at any
/// depth) with anything outside it; edges from outside to the cluster itself are fine. A
/// cluster with a crossing edge (or an edge between itself and one of its members) inherits
/// the direction of its parent.
///
/// Guarantees (checked by property tests): node boxes never overlap; a cluster contains
/// exactly its members, its nested clusters and its title; sibling clusters never overlap;
/// edge labels overlap no node, title or other label; no edge segment passes through a node
/// box other than its own ends; every route has at least two points, the first on the tail's
/// outline and the last on the head's (a cluster end lies on the cluster's border); reversed
/// (cycle) edges still run from tail to head.
pub fn layout(graph: &LayoutGraph) -> Layout {
    let g = sanitize(graph);
    let drawn = nested::layout_with_directions(&g);
    if g.spacing.max_rank_width.is_none() {
        return drawn;
    }
    // Compactness on request (`rank::wrap`) never costs a crossing: where the wrapped ranks
    // cross more than the plain ones, the ranks are kept.
    let mut plain = g.clone();
    plain.spacing.max_rank_width = None;
    let kept = nested::layout_with_directions(&plain);
    if super::quality::crossings(&g, &drawn) <= super::quality::crossings(&plain, &kept) {
        drawn
    } else {
        kept
    }
}

/// Makes the input safe: finite non-negative sizes and spacings, valid indices, an acyclic
/// cluster forest, weights ≥ 0. Invalid edge ends are redirected to a valid node when possible.
fn sanitize(graph: &LayoutGraph) -> LayoutGraph {
    let fin = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
    let size = |s: Size| Size::new(fin(s.width), fin(s.height));
    let mut g = graph.clone();
    g.spacing.node = fin(g.spacing.node);
    g.spacing.rank = fin(g.spacing.rank);
    g.spacing.cluster_padding = fin(g.spacing.cluster_padding);
    g.spacing.margin = fin(g.spacing.margin);
    g.spacing.max_rank_width = g
        .spacing
        .max_rank_width
        .filter(|m| m.is_finite() && *m > 0.0);
    let nc = g.clusters.len();
    for c in 0..nc {
        g.clusters[c].title = size(g.clusters[c].title);
        if g.clusters[c].parent.is_some_and(|p| p >= nc) {
            g.clusters[c].parent = None;
        }
    }
    // Break parent cycles.
    for c in 0..nc {
        let mut cur = g.clusters[c].parent;
        let mut steps = 0;
        while let Some(p) = cur {
            steps += 1;
            if p == c || steps > nc {
                g.clusters[c].parent = None;
                break;
            }
            cur = g.clusters[p].parent;
        }
    }
    for n in &mut g.nodes {
        n.size = size(n.size);
        if n.cluster.is_some_and(|c| c >= nc) {
            n.cluster = None;
        }
    }
    let nn = g.nodes.len();
    let valid = |e: End| match e {
        End::Node(NodeIndex(i)) => i < nn,
        End::Cluster(ClusterIndex(c)) => c < nc,
    };
    for e in &mut g.edges {
        e.label = e.label.map(size);
        if !(e.weight.is_finite() && e.weight >= 0.0) {
            e.weight = 1.0;
        }
        // An invalid end becomes the other end (a self-loop), or node 0 / cluster 0.
        let fallback = if nn > 0 {
            End::node(0)
        } else {
            End::cluster(0)
        };
        if !valid(e.from) {
            e.from = if valid(e.to) { e.to } else { fallback };
        }
        if !valid(e.to) {
            e.to = e.from;
        }
    }
    g
}

/// Rounds of widening clusters whose titles have no place beside the routes.
const TITLE_ROUNDS: usize = 4;

/// Graphs with more nodes than this get no title rounds: each round lays the whole graph out
/// again, and the 1,000-node benchmark graph took 3.6× as long with them; a drawing that large is
/// not read title by title.
const TITLE_ROUNDS_MAX_NODES: usize = 500;

/// The plain layered layout of `g`, ignoring per-cluster directions. A cluster whose title
/// strip has no place 8 px from every route crossing it (an edge entering through the middle of
/// a cluster about as wide as its title) gets room for the title beside the routes, and the
/// layout is made again (`title::room_wanted`) from the same ranks and order: room changes no
/// rank and no order (ranking and ordering never look at a cluster's size), so each round
/// places and routes only. In TB and BT the room goes on the left of the cluster's contents
/// (where the title is read); in LR and RL the title strip runs along the ranks, and the
/// cluster grows along them, as much on each side.
fn core(g: &LayoutGraph) -> Layout {
    let ordered = ordered(g);
    let rounds = g.nodes.len() <= TITLE_ROUNDS_MAX_NODES;
    let horizontal = g.direction.is_horizontal();
    let mut room = vec![0.0; g.clusters.len()];
    if !rounds {
        return core_with(g, ordered, &room);
    }
    let mut out = core_with(g, ordered.clone(), &room);
    let pad = g.spacing.cluster_padding;
    for round in 0..TITLE_ROUNDS {
        // Room moves the routes entering the cluster too, and sometimes most of the way with
        // the title (a route aligned with a port of a node that moves): what is still wanted
        // after a round is asked for twice as much in the next, so the rounds reach the room.
        let more_each = f64::from(1u32 << round.min(8));
        let index = Segments::new(&out.edges);
        let mut more = false;
        for (c, (b, cl)) in out.clusters.iter().zip(&g.clusters).enumerate() {
            let want = title::room_wanted(&b.rect, cl.title, b.title.y, pad, &index);
            if want <= 1e-6 {
                continue;
            }
            more = true;
            room[c] = if horizontal {
                // The strip's length (the cluster's extent along the ranks) with `want` more
                // on the side where the title goes: growing the border ranks moves the routes
                // between them by half as much.
                b.rect.width + 2.0 * want * more_each
            } else {
                room[c] + want * more_each + slack_on_left(g, &out, c, room[c])
            };
        }
        if !more {
            break;
        }
        out = core_with(g, ordered.clone(), &room);
    }
    out
}

/// How far right of where the padding and the room on their left (`room`, px) put them the
/// contents of cluster `c` (its nodes' boxes, its child clusters) lie in `l`, the layout of
/// `g` in TB or BT: positioning leaves such a gap where a neighbour pulls the contents right,
/// and room added on the left fills this gap before it moves the contents (and the routes
/// entering them) away from the cluster's left side. None where the cluster is as narrow as
/// its least width (title, padding and room): its left side is then its right wall less that
/// width, and room added moves the contents at once.
fn slack_on_left(g: &LayoutGraph, l: &Layout, c: usize, room: f64) -> f64 {
    let pad = g.spacing.cluster_padding;
    let least = g.clusters[c].title.width + 2.0 * pad + room;
    if l.clusters[c].rect.width <= least + 1e-6 {
        return 0.0;
    }
    let nodes = g
        .nodes
        .iter()
        .zip(&l.nodes)
        .filter(|(n, _)| n.cluster == Some(c))
        .map(|(_, r)| r.x);
    let children = g
        .clusters
        .iter()
        .zip(&l.clusters)
        .filter(|(k, _)| k.parent == Some(c))
        .map(|(_, b)| b.rect.x);
    let left = nodes.chain(children).fold(f64::INFINITY, f64::min);
    let gap = left - (l.clusters[c].rect.x + pad + room);
    if gap.is_finite() {
        gap.max(0.0)
    } else {
        0.0
    }
}

/// The working graph of `g` built, ranked, its long edges split and its ranks ordered (with
/// each node's shape, for routing): what [`core_with`] places and routes.
fn ordered(g: &LayoutGraph) -> (work::Work, Vec<build::Shape>) {
    let (mut work, plans, shapes) = build::build(g);
    normalize::normalize(&mut work, &plans);
    order::order(&mut work);
    (work, shapes)
}

/// [`core`] from the ordered working graph, with `room` (px) added on the left of each
/// cluster's contents (TB, BT), or each cluster at least `room` long along the ranks (LR, RL).
fn core_with(
    g: &LayoutGraph,
    (mut work, shapes): (work::Work, Vec<build::Shape>),
    room: &[f64],
) -> Layout {
    let horizontal = g.direction.is_horizontal();
    for (cl, &r) in work.clusters.iter_mut().zip(room) {
        if horizontal {
            // At least this long along the ranks (`vertical::bands` grows its border strips).
            cl.min_height = cl.min_height.max(r);
        } else {
            // Wider by as much (a cluster as narrow as its `min_width` would only shift).
            cl.left_extra += r;
            cl.min_width += r;
        }
    }
    let paths: Vec<Vec<usize>> = work.nodes.iter().map(|n| work.path(n.cluster)).collect();
    let placed = if place::wanted(&work) {
        place::network_simplex_x(&work, &paths)
    } else {
        None
    };
    let mut x = placed.unwrap_or_else(|| position::brandes_kopf(&work, &paths));
    let ext = cluster::enforce(&work, &paths, &mut x);
    // A rank of only dummies sits on the line of the box rank beside it; where a route crossing
    // between them runs along a box there, the bands are laid out again with room in that gap
    // (only there: elsewhere the room would only show crossings the zero gap hides).
    let strips = vertical::Strips::of(&work);
    let (nodes, clusters, edges, cramped) = place_and_route(g, &mut work, &x, &ext, &shapes, &[]);
    if let Some(room) = vertical::room_beside_dummies(&work, &cramped) {
        strips.restore(&mut work);
        let (nodes, clusters, edges, _) = place_and_route(g, &mut work, &x, &ext, &shapes, &room);
        return finish(g, nodes, clusters, edges);
    }
    finish(g, nodes, clusters, edges)
}

/// Boxes, cluster rectangles and routes (internal coordinates) for nodes placed at `x` in
/// clusters spanning `ext`, with room in the gaps `room` names (`vertical::bands`); and the
/// gaps routing found cramped (`route::routes`).
fn place_and_route(
    g: &LayoutGraph,
    work: &mut work::Work,
    x: &[f64],
    ext: &[(f64, f64)],
    shapes: &[build::Shape],
    room: &[bool],
) -> (Vec<Rect>, Vec<Rect>, Vec<EdgeRoute>, Vec<bool>) {
    let horizontal = g.direction.is_horizontal();
    let mut bands = vertical::bands(work, room);
    let spans: Vec<(usize, usize, u32)> = work
        .chains
        .iter()
        .zip(&g.edges)
        .filter_map(|(ch, e)| {
            let ch = ch.as_ref()?;
            let (a, b) = (ch.nodes[0], ch.nodes[ch.nodes.len() - 1]);
            let m = e.min_len.min(build::MAX_MIN_LEN);
            (m > 1).then(|| (work.nodes[a].rank, work.nodes[b].rank, m))
        })
        .collect();
    vertical::keep_min_lens(&mut bands, &spans, g.spacing.rank);
    let mut nodes = vec![Rect::default(); g.nodes.len()];
    for (v, nd) in work.nodes.iter().enumerate() {
        if let work::Kind::Node(i) = nd.kind {
            let c = Point::new(x[v], bands[nd.rank].center());
            nodes[i] = Rect::centered(c, build::internal(g.nodes[i].size, horizontal));
        }
    }
    let clusters: Vec<Rect> = work
        .clusters
        .iter()
        .zip(ext)
        .map(|(cl, &(lo, hi))| {
            let top = bands[work.nodes[cl.top].rank].top;
            let bottom = bands[work.nodes[cl.bottom].rank].bottom;
            Rect::new(lo, top, hi - lo, bottom - top)
        })
        .collect();
    let placed = route::Placed {
        graph: g,
        work,
        x,
        bands: &bands,
        nodes: &nodes,
        clusters: &clusters,
    };
    let (edges, cramped) = route::routes(&placed, shapes);
    (nodes, clusters, edges, cramped)
}

/// Shifts internal coordinates to the origin, rotates or flips them into `g.direction`, adds
/// the margin and places cluster titles.
fn finish(g: &LayoutGraph, nodes: Vec<Rect>, clusters: Vec<Rect>, edges: Vec<EdgeRoute>) -> Layout {
    let mut lo = Point::new(f64::INFINITY, f64::INFINITY);
    let mut hi = Point::new(f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut grow = |r: &Rect| {
        lo.x = lo.x.min(r.x);
        lo.y = lo.y.min(r.y);
        hi.x = hi.x.max(r.right());
        hi.y = hi.y.max(r.bottom());
    };
    nodes.iter().for_each(&mut grow);
    clusters.iter().for_each(&mut grow);
    for e in &edges {
        for p in &e.points {
            grow(&Rect::new(p.x, p.y, 0.0, 0.0));
        }
        if let Some(l) = &e.label {
            grow(l);
        }
    }
    if !lo.x.is_finite() {
        lo = Point::default();
        hi = Point::default();
    }
    let (w, h) = (hi.x - lo.x, hi.y - lo.y);
    let m = g.spacing.margin;
    let tp = |p: Point| -> Point {
        let (x, y) = (p.x - lo.x, p.y - lo.y);
        let (fx, fy) = match g.direction {
            Direction::TopBottom => (x, y),
            Direction::BottomTop => (x, h - y),
            Direction::LeftRight => (y, x),
            Direction::RightLeft => (h - y, x),
        };
        Point::new(fx + m, fy + m)
    };
    let tr = |r: &Rect| -> Rect {
        let a = tp(Point::new(r.x, r.y));
        let b = tp(Point::new(r.right(), r.bottom()));
        Rect::new(
            a.x.min(b.x),
            a.y.min(b.y),
            (a.x - b.x).abs(),
            (a.y - b.y).abs(),
        )
    };
    let (fw, fh) = if g.direction.is_horizontal() {
        (h, w)
    } else {
        (w, h)
    };
    let pad = g.spacing.cluster_padding;
    let edges: Vec<EdgeRoute> = edges
        .iter()
        .map(|e| EdgeRoute {
            points: e.points.iter().map(|&p| tp(p)).collect(),
            label: e.label.as_ref().map(tr),
        })
        .collect();
    let index = Segments::new(&edges);
    let clusters = clusters
        .iter()
        .zip(&g.clusters)
        .map(|(r, c)| {
            let rect = tr(r);
            let gap = if c.title.height > 0.0 { pad / 2.0 } else { 0.0 };
            let y = rect.y + gap;
            let x = title_x(&rect, c.title, y, pad, &index);
            let title = Rect::new(x, y, c.title.width, c.title.height);
            ClusterBox { rect, title }
        })
        .collect();
    Layout {
        width: fw + 2.0 * m,
        height: fh + 2.0 * m,
        nodes: nodes.iter().map(tr).collect(),
        edges,
        clusters,
    }
}

/// Moves every cluster title of `layout` (the layout of `graph`) along its title strip off the
/// routes, as the layout does (see `title_x`); for after the routes changed (straightening).
pub(crate) fn place_titles(graph: &LayoutGraph, layout: &mut Layout) {
    if graph.clusters.len() != layout.clusters.len() {
        return;
    }
    let pad = graph.spacing.cluster_padding;
    let pad = if pad.is_finite() && pad > 0.0 {
        pad
    } else {
        0.0
    };
    let index = Segments::new(&layout.edges);
    for c in 0..layout.clusters.len() {
        let b = &layout.clusters[c];
        let t = b.title;
        let x = title_x(&b.rect, Size::new(t.width, t.height), t.y, pad, &index);
        layout.clusters[c].title = Rect::new(x, t.y, t.width, t.height);
    }
}

/// The layout of a graph without nodes or clusters: an empty drawing; edges (which can only be
/// invalid then) get a degenerate route at the margin.
fn finish_empty(g: &LayoutGraph) -> Layout {
    let m = g.spacing.margin;
    Layout {
        width: 2.0 * m,
        height: 2.0 * m,
        nodes: Vec::new(),
        edges: vec![
            EdgeRoute {
                points: vec![Point::new(m, m), Point::new(m, m)],
                label: None,
            };
            g.edges.len()
        ],
        clusters: Vec::new(),
    }
}
