//! Layout quality measures: what tests and benchmarks compare, instead of eyeballing.
//!
//! Every function takes the input graph and its layout (the `nodes`, `edges`, `clusters`
//! vectors of both must correspond index by index). [`Metrics::of`] gathers them all.
//! `generate` builds deterministic test graphs (random DAGs, classic shapes) for tests and
//! benchmarks; it is not part of the library's API: it exists only in this crate's own unit
//! tests and with the `test-support` feature, which the crate's tests, benches and examples
//! enable through their dev-dependency on the crate itself.

#[cfg(any(test, feature = "test-support"))]
pub mod generate;
pub mod wireframe;

use super::clearance::{Boxes, Foreign, CLEARANCE, SLACK};
use super::curve::{draw_edges, DrawnEdge, EdgeSpec, MarkerSpan, SAMPLES};
use super::drawing::Drawing;
use super::{End, Layout, LayoutGraph};
use crate::geometry::{clip_to_box, Point, Rect};
use std::fmt;

/// Tolerance (px) used by the overlap and containment checks.
pub const EPS: f64 = 0.5;

fn segments(l: &Layout, e: usize) -> impl Iterator<Item = (Point, Point)> + '_ {
    l.edges[e].points.windows(2).map(|w| (w[0], w[1]))
}

fn orient(a: Point, b: Point, c: Point) -> f64 {
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
}

/// Whether two segments cross properly (each strictly separates the other's ends).
pub fn segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool {
    let scale = 1e-9 * (1.0 + a.x.abs() + a.y.abs() + b.x.abs() + b.y.abs());
    let (o1, o2) = (orient(a, b, c), orient(a, b, d));
    let (o3, o4) = (orient(c, d, a), orient(c, d, b));
    ((o1 > scale && o2 < -scale) || (o1 < -scale && o2 > scale))
        && ((o3 > scale && o4 < -scale) || (o3 < -scale && o4 > scale))
}

/// Number of proper crossings between segments of different edge routes (two polylines that
/// cross three times count three).
pub fn crossings(_g: &LayoutGraph, l: &Layout) -> usize {
    // Sweep over segments sorted by their left end.
    let mut segs: Vec<(f64, f64, usize, Point, Point)> = Vec::new();
    for e in 0..l.edges.len() {
        for (a, b) in segments(l, e) {
            segs.push((a.x.min(b.x), a.x.max(b.x), e, a, b));
        }
    }
    segs.sort_by(|p, q| p.0.total_cmp(&q.0));
    let mut count = 0;
    for i in 0..segs.len() {
        let (_, hi, e, a, b) = segs[i];
        let (ylo, yhi) = (a.y.min(b.y), a.y.max(b.y));
        for s in &segs[i + 1..] {
            if s.0 > hi {
                break;
            }
            if s.2 == e || s.3.y.max(s.4.y) < ylo || s.3.y.min(s.4.y) > yhi {
                continue;
            }
            if segments_cross(a, b, s.3, s.4) {
                count += 1;
            }
        }
    }
    count
}

/// Interior route points where the direction changes.
pub fn bends(_g: &LayoutGraph, l: &Layout) -> usize {
    l.edges
        .iter()
        .map(|e| {
            e.points
                .windows(3)
                .filter(|w| {
                    let (a, b, c) = (w[0], w[1], w[2]);
                    let (ux, uy, vx, vy) = (b.x - a.x, b.y - a.y, c.x - b.x, c.y - b.y);
                    let cross = ux * vy - uy * vx;
                    let dot = ux * vx + uy * vy;
                    let norm = (ux.hypot(uy) * vx.hypot(vy)).max(1e-12);
                    cross.abs() / norm > 1e-6 || dot < 0.0
                })
                .count()
        })
        .sum()
}

/// Sum of the lengths of all edge routes.
pub fn total_edge_length(_g: &LayoutGraph, l: &Layout) -> f64 {
    l.edges
        .iter()
        .flat_map(|e| {
            e.points
                .windows(2)
                .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
        })
        .sum()
}

/// Drawing area: `width × height`.
pub fn area(_g: &LayoutGraph, l: &Layout) -> f64 {
    l.width * l.height
}

/// Pairs of node boxes whose interiors overlap (by more than [`EPS`]).
pub fn node_overlaps(_g: &LayoutGraph, l: &Layout) -> usize {
    let mut idx: Vec<usize> = (0..l.nodes.len()).collect();
    idx.sort_by(|&a, &b| l.nodes[a].x.total_cmp(&l.nodes[b].x));
    let mut count = 0;
    for (k, &i) in idx.iter().enumerate() {
        let r = l.nodes[i];
        for &j in &idx[k + 1..] {
            if l.nodes[j].x >= r.right() {
                break;
            }
            if r.overlaps(&l.nodes[j], EPS) {
                count += 1;
            }
        }
    }
    count
}

fn in_cluster(g: &LayoutGraph, mut c: Option<usize>, anc: usize) -> bool {
    let mut steps = 0;
    while let Some(x) = c {
        if x == anc {
            return true;
        }
        steps += 1;
        if steps > g.clusters.len() || x >= g.clusters.len() {
            return false;
        }
        c = g.clusters[x].parent;
    }
    false
}

/// Cluster rule violations: a non-member node overlapping a cluster box, a member node not
/// inside it, a cluster not inside its parent, overlapping sibling clusters (top-level clusters
/// are siblings), a title outside its cluster.
pub fn cluster_violations(g: &LayoutGraph, l: &Layout) -> usize {
    let mut v = 0;
    for (c, b) in l.clusters.iter().enumerate() {
        for (i, n) in g.nodes.iter().enumerate() {
            let member = in_cluster(g, n.cluster, c);
            let r = &l.nodes[i];
            if member && !b.rect.contains(r, EPS) {
                v += 1;
            }
            if !member && b.rect.overlaps(r, EPS) {
                v += 1;
            }
        }
        if let Some(p) = g.clusters[c].parent.filter(|&p| p < l.clusters.len()) {
            if !l.clusters[p].rect.contains(&b.rect, EPS) {
                v += 1;
            }
        }
        if !b.rect.contains(&b.title, EPS) {
            v += 1;
        }
        for d in c + 1..l.clusters.len() {
            if g.clusters[d].parent == g.clusters[c].parent
                && b.rect.overlaps(&l.clusters[d].rect, EPS)
            {
                v += 1;
            }
        }
    }
    v
}

/// Whether segment `a`–`b` passes through the interior of `r` shrunk by `eps` on every side.
pub fn seg_hits(a: Point, b: Point, r: &Rect, eps: f64) -> bool {
    let (x0, x1, y0, y1) = (r.x + eps, r.right() - eps, r.y + eps, r.bottom() - eps);
    if x0 >= x1 || y0 >= y1 {
        return false;
    }
    clip_to_box(a, b, (x0, y0, x1, y1)).is_some_and(|(t0, t1)| t1 - t0 > 1e-9)
}

/// (edge, node) pairs where a segment of the edge passes through the interior (shrunk by
/// [`EPS`]) of a node box that is not one of the edge's ends.
pub fn edges_through_nodes(g: &LayoutGraph, l: &Layout) -> usize {
    let mut count = 0;
    for (e, edge) in g.edges.iter().enumerate() {
        for (i, r) in l.nodes.iter().enumerate() {
            if edge.from == End::node(i) || edge.to == End::node(i) {
                continue;
            }
            if segments(l, e).any(|(a, b)| seg_hits(a, b, r, EPS)) {
                count += 1;
            }
        }
    }
    count
}

/// Edge label boxes overlapping a node box, a cluster title or another label (pairs).
pub fn label_overlaps(_g: &LayoutGraph, l: &Layout) -> usize {
    let labels: Vec<Rect> = l.edges.iter().filter_map(|e| e.label).collect();
    let mut count = 0;
    for (k, a) in labels.iter().enumerate() {
        count += l.nodes.iter().filter(|n| a.overlaps(n, EPS)).count();
        count += l
            .clusters
            .iter()
            .filter(|c| a.overlaps(&c.title, EPS))
            .count();
        count += labels[k + 1..]
            .iter()
            .filter(|b| a.overlaps(b, EPS))
            .count();
    }
    count
}

/// `(edge, box)` pairs where edge `e`'s drawn curve or marker (`drawn[e]`, sampled) passes
/// through or within [`CLEARANCE`] (less [`SLACK`]) of a box foreign to it (see
/// [`super::clearance`]: a node it does not end on, a cluster title but for a cluster it ends
/// on). Sorted, each pair once.
pub fn near_foreign_boxes(
    g: &LayoutGraph,
    l: &Layout,
    drawn: &[DrawnEdge],
) -> Vec<(usize, Foreign)> {
    let boxes = Boxes::of(l);
    let mut out = Vec::new();
    for (e, (edge, d)) in g.edges.iter().zip(drawn).enumerate() {
        for f in boxes.drawn_closer_than(d, SAMPLES, edge.from, edge.to, CLEARANCE - SLACK) {
            out.push((e, f));
        }
    }
    out
}

/// Edges whose drawn curve or marker comes within [`CLEARANCE`] of a foreign box (see
/// [`near_foreign_boxes`]).
pub fn edges_near_foreign_boxes(g: &LayoutGraph, l: &Layout, drawn: &[DrawnEdge]) -> usize {
    let mut edges: Vec<usize> = near_foreign_boxes(g, l, drawn)
        .into_iter()
        .map(|(e, _)| e)
        .collect();
    edges.dedup();
    edges.len()
}

/// How far (px) an edge's drawn curve may pass from its own label box and still read as
/// going through it.
pub const LABEL_REACH: f64 = 1.0;

/// Edges with a label box whose drawn curve (`drawn[e]`'s path, sampled; markers left out)
/// misses that box by more than [`LABEL_REACH`]: the label floats beside its edge, where it
/// reads as another edge's. Sorted.
pub fn labels_off_their_edge(l: &Layout, drawn: &[DrawnEdge]) -> Vec<usize> {
    let mut out = Vec::new();
    for (e, (route, d)) in l.edges.iter().zip(drawn).enumerate() {
        let Some(label) = route.label else { continue };
        let lines = d.path.flatten(SAMPLES);
        let near = lines
            .iter()
            .flat_map(|line| line.windows(2))
            .any(|w| super::clearance::distance(w[0], w[1], &label) <= LABEL_REACH);
        if !near {
            out.push(e);
        }
    }
    out
}

/// The most a marker may be drawn turned from the line it stands for, in degrees.
pub const MARKER_TURN: f64 = 20.0;

/// Edges with a marker drawn turned more than [`MARKER_TURN`] degrees from its span (from the
/// path's end to the route's end on the outline). SVG turns a marker along its path's direction
/// at that end (`orient="auto"`), so a path whose end runs across the route's last leg draws
/// its arrowhead across that leg: beside its node, pointing past it. Sorted.
pub fn markers_turned(drawn: &[DrawnEdge]) -> Vec<usize> {
    use super::path::Seg;
    let apart = |a: &Point, b: Point| (a.x - b.x).hypot(a.y - b.y) > 1e-9;
    // The path's direction leaving its start and arriving at its end.
    let directions = |segs: &[Seg]| -> Option<(Point, Point)> {
        let start = match segs {
            [Seg::M(p0), rest @ ..] => rest.iter().find_map(|s| {
                let q = match *s {
                    Seg::L(p) => p,
                    Seg::C(c1, c2, p) => [c1, c2, p].into_iter().find(|q| apart(q, *p0))?,
                    _ => return None,
                };
                apart(&q, *p0).then(|| Point::new(q.x - p0.x, q.y - p0.y))
            })?,
            _ => return None,
        };
        let mut end = None;
        let mut at = None;
        for s in segs {
            match *s {
                Seg::M(p) => at = Some(p),
                Seg::L(p) => {
                    if let Some(a) = at.filter(|a| apart(a, p)) {
                        end = Some(Point::new(p.x - a.x, p.y - a.y));
                    }
                    at = Some(p);
                }
                Seg::C(c1, c2, p) => {
                    if let Some(q) = [c2, c1].into_iter().chain(at).find(|q| apart(q, p)) {
                        end = Some(Point::new(p.x - q.x, p.y - q.y));
                    }
                    at = Some(p);
                }
                Seg::Z => {}
            }
        }
        Some((start, end?))
    };
    let turn = |along: Point, m: &MarkerSpan| {
        let span = Point::new(m.tip.x - m.base.x, m.tip.y - m.base.y);
        let (a, b) = (along.x.hypot(along.y), span.x.hypot(span.y));
        if a <= 1e-9 || b <= 1e-9 {
            return 0.0;
        }
        let cos = (along.x * span.x + along.y * span.y) / (a * b);
        cos.clamp(-1.0, 1.0).acos().to_degrees()
    };
    let mut out = Vec::new();
    for (e, d) in drawn.iter().enumerate() {
        let Some((start, end)) = directions(&d.path.segs) else {
            continue;
        };
        // The tail's marker is drawn reversed (`auto-start-reverse`): pointing out of the path.
        let backwards = Point::new(-start.x, -start.y);
        let turned = d.start.is_some_and(|m| turn(backwards, &m) > MARKER_TURN)
            || d.end.is_some_and(|m| turn(end, &m) > MARKER_TURN);
        if turned {
            out.push(e);
        }
    }
    out
}

/// All measures of one layout.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Metrics {
    /// See [`crossings`].
    pub crossings: usize,
    /// See [`bends`].
    pub bends: usize,
    /// See [`total_edge_length`].
    pub length: f64,
    /// See [`area`].
    pub area: f64,
    /// See [`node_overlaps`].
    pub node_overlaps: usize,
    /// See [`cluster_violations`].
    pub cluster_violations: usize,
    /// See [`edges_through_nodes`].
    pub edges_through_nodes: usize,
    /// See [`label_overlaps`].
    pub label_overlaps: usize,
    /// See [`edges_near_foreign_boxes`].
    pub edges_near_boxes: usize,
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
}

impl Metrics {
    /// Measures `l`, the layout of `g`, its edges drawn as plain arrows
    /// ([`EdgeSpec::arrows`]: basis curves, as mermaid draws `-->`).
    pub fn of(g: &LayoutGraph, l: &Layout) -> Metrics {
        let drawn = draw_edges(l, &EdgeSpec::arrows(g));
        Metrics::with_edges(g, l, &drawn)
    }

    /// Measures `d`, the drawing of a chart whose layout input is `g`: its own curves and
    /// markers, its whole size (title and legend bands included).
    pub fn of_drawing(g: &LayoutGraph, d: &Drawing) -> Metrics {
        Metrics {
            width: d.width,
            height: d.height,
            ..Metrics::with_edges(g, &d.layout, &d.edges)
        }
    }

    fn with_edges(g: &LayoutGraph, l: &Layout, drawn: &[DrawnEdge]) -> Metrics {
        Metrics {
            edges_near_boxes: edges_near_foreign_boxes(g, l, drawn),
            width: l.width,
            height: l.height,
            crossings: crossings(g, l),
            bends: bends(g, l),
            length: total_edge_length(g, l),
            area: area(g, l),
            node_overlaps: node_overlaps(g, l),
            cluster_violations: cluster_violations(g, l),
            edges_through_nodes: edges_through_nodes(g, l),
            label_overlaps: label_overlaps(g, l),
        }
    }

    /// Whether all hard rules hold (no overlaps, no cluster violations, no edge through a node).
    pub fn is_clean(&self) -> bool {
        self.node_overlaps == 0
            && self.cluster_violations == 0
            && self.edges_through_nodes == 0
            && self.label_overlaps == 0
    }
}

impl fmt::Display for Metrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "crossings {} bends {} length {:.0} area {:.0} node_overlaps {} cluster_violations {} \
             edges_through_nodes {} label_overlaps {} edges_near_boxes {} width {:.0} height {:.0}",
            self.crossings,
            self.bends,
            self.length,
            self.area,
            self.node_overlaps,
            self.cluster_violations,
            self.edges_through_nodes,
            self.label_overlaps,
            self.edges_near_boxes,
            self.width,
            self.height
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::EdgeRoute;
    use crate::model::{Curve, Marker};

    /// A layout of two boxes whose one edge arrives through `points`.
    fn drawn(points: &[(f64, f64)]) -> Vec<DrawnEdge> {
        let l = Layout {
            width: 300.0,
            height: 200.0,
            nodes: vec![
                Rect::new(0.0, 0.0, 40.0, 40.0),
                Rect::new(100.0, 150.0, 40.0, 40.0),
            ],
            edges: vec![EdgeRoute {
                points: points.iter().map(|&(x, y)| Point::new(x, y)).collect(),
                label: None,
            }],
            clusters: vec![],
        };
        let spec = EdgeSpec::new(
            End::node(0),
            End::node(1),
            Curve::Basis,
            Marker::None,
            Marker::Arrow,
        );
        draw_edges(&l, &[spec])
    }

    #[test]
    fn an_arrowhead_is_turned_when_its_path_arrives_another_way() {
        // A path arriving diagonally at a marker that points straight down: turned.
        let mut path = crate::layout::path::PathData::new();
        path.m(20.0, 60.0);
        path.l(120.0, 141.0);
        let marker = |base: (f64, f64)| crate::layout::curve::MarkerSpan {
            base: Point::new(base.0, base.1),
            tip: Point::new(120.0, 150.0),
            half_width: 4.5,
        };
        let turned = DrawnEdge {
            path: path.clone(),
            start: None,
            end: Some(marker((120.0, 141.0))),
        };
        assert_eq!(markers_turned(&[turned]), [0]);
        // A run across the gap, then a leg down into the box: 20 px of leg hold the 9 px
        // arrowhead; a leg of 8 px does not, and the path still ends along the leg (its last
        // piece turned down before the marker's base), so no arrowhead is drawn sideways.
        let long = drawn(&[(20.0, 40.0), (20.0, 60.0), (120.0, 130.0), (120.0, 150.0)]);
        assert_eq!(markers_turned(&long), Vec::<usize>::new());
        let short = drawn(&[(20.0, 40.0), (20.0, 60.0), (120.0, 142.0), (120.0, 150.0)]);
        assert_eq!(markers_turned(&short), Vec::<usize>::new());
        // A straight edge: nothing turned.
        let straight = drawn(&[(20.0, 40.0), (120.0, 150.0)]);
        assert!(markers_turned(&straight).is_empty());
    }
}
