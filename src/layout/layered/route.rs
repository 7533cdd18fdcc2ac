//! Phase 7: edge routes and label boxes, in internal coordinates.
//!
//! A route is the polyline through its chain: the tail, one point per dummy (each dummy owns a
//! slot in its rank, so the route passes between boxes), the head. Each piece between two
//! ranks is either straight or has legs (a vertical drop out of the upper rank, a segment in the
//! free gap between ranks, a vertical rise into the lower one); `gap` decides which, so that
//! no piece cuts a box and (in graphs without clusters) the drawing has exactly the crossings
//! ordering counted.
//! Ends are clipped to the node outline (box, ellipse, rhombus) or sit on the cluster border.
//! Points inside long straight runs are dropped (two stay at each end of a run, so curves drawn
//! through the points keep their shape). Where several routes meet one side of a node, their
//! ends are spread along it in the order of where they go (`ports`).
//! Self-loops are small loops on the right side of their node (room for them is reserved
//! during positioning); a label sits in its edge's label slot, or right of its self-loop.

use super::build::{internal, loop_extent, Shape};
use super::gap;
use super::obstacles::RankBoxes;
use super::ports::Port;
use super::vertical::Band;
use super::work::{Kind, Work};
use crate::geometry::{goes_straight, Point, Rect};
use crate::layout::clearance::CLEARANCE;
use crate::layout::{ClusterIndex, NodeIndex};
use crate::layout::{EdgeRoute, End, LayoutGraph, Outline};
use std::collections::BTreeMap;

/// Everything routing needs about the placed drawing.
pub(crate) struct Placed<'a> {
    pub(crate) graph: &'a LayoutGraph,
    pub(crate) work: &'a Work,
    pub(crate) x: &'a [f64],
    pub(crate) bands: &'a [Band],
    /// Input node boxes (internal coordinates).
    pub(crate) nodes: &'a [Rect],
    /// Cluster rectangles (internal coordinates).
    pub(crate) clusters: &'a [Rect],
}

/// Shape function: ≤ 0 inside or on the outline, > 0 outside.
fn shape_value(r: &Rect, o: Outline, p: Point) -> f64 {
    let c = r.center();
    let (a, b) = (r.width / 2.0, r.height / 2.0);
    if a < 1e-9 || b < 1e-9 {
        // A degenerate outline is the box itself (a segment or a point).
        let inside = (p.x - c.x).abs() <= a + 1e-9 && (p.y - c.y).abs() <= b + 1e-9;
        return if inside { 0.0 } else { 1.0 };
    }
    let (dx, dy) = ((p.x - c.x).abs() / a, (p.y - c.y).abs() / b);
    match o {
        Outline::Box => dx.max(dy) - 1.0,
        Outline::Ellipse => (dx * dx + dy * dy).sqrt() - 1.0,
        Outline::Diamond => dx + dy - 1.0,
    }
}

/// Where the segment from `inner` (inside the outline) toward `outer` leaves the outline.
pub(crate) fn clip(r: &Rect, o: Outline, inner: Point, outer: Point) -> Point {
    if r.width <= 1e-9 || r.height <= 1e-9 {
        return inner;
    }
    if shape_value(r, o, outer) <= 0.0 {
        return outer;
    }
    if shape_value(r, o, inner) > 0.0 {
        return inner;
    }
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        let p = lerp(inner, outer, mid);
        if shape_value(r, o, p) <= 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lerp(inner, outer, lo)
}

fn lerp(a: Point, b: Point, t: f64) -> Point {
    Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
}

/// Routes and label boxes of all input edges; and, for every gap (by its upper rank), whether
/// it is cramped: runs crossing it pass a box of a rank beside it nearer than `CLEARANCE`
/// because the gap has no room to keep them that far (`gap::cramped`).
pub(crate) fn routes(p: &Placed<'_>, shapes: &[Shape]) -> (Vec<EdgeRoute>, Vec<bool>) {
    let (g, work) = (p.graph, p.work);
    let horizontal = g.direction.is_horizontal();
    let mut out = vec![EdgeRoute::default(); g.edges.len()];
    // Boxes per rank, for collision checks.
    let rank_boxes = RankBoxes::by_rank(
        work.layers.len(),
        work.nodes
            .iter()
            .enumerate()
            .filter_map(|(v, nd)| match nd.kind {
                Kind::Node(i) => Some((nd.rank, v, p.nodes[i])),
                _ => None,
            }),
    );
    let ports = super::ports::ports(p, shapes);
    // Raw points of every chain, then the form of every piece, gap by gap (see `gap`).
    let raw: Vec<Option<Raw>> = (0..g.edges.len())
        .map(|i| match (shapes[i], &work.chains[i]) {
            (Shape::Chain, Some(ch)) => Some(chain_points(p, &ch.nodes, Port::pair(&ports[i]))),
            _ => None,
        })
        .collect();
    let Forms {
        legs,
        ends,
        cramped,
    } = piece_forms(p, &rank_boxes, &raw, &ports);
    let mut loops_seen: BTreeMap<usize, (usize, f64)> = BTreeMap::new();
    // Self-loops per node, counted once (counting per loop was quadratic in the loops).
    let mut loops_of: BTreeMap<usize, usize> = BTreeMap::new();
    for e in &g.edges {
        if let (End::Node(NodeIndex(k)), true) = (e.from, e.from == e.to) {
            *loops_of.entry(k).or_default() += 1;
        }
    }
    for (i, e) in g.edges.iter().enumerate() {
        match shapes[i] {
            Shape::NodeLoop(k) => {
                let seen = loops_seen.entry(k).or_insert((0, 0.0));
                let total = loops_of.get(&k).copied().unwrap_or(0);
                let label = e.label.map(|s| internal(s, horizontal));
                out[i] = node_loop(p, k, seen, total, label);
            }
            Shape::ClusterLoop(c) => {
                let r = p.clusters[c];
                let q = (g.spacing.cluster_padding * 0.6).max(2.0);
                let pts = vec![
                    Point::new(r.right() - q, r.bottom()),
                    Point::new(r.right() - q, r.bottom() - q),
                    Point::new(r.right(), r.bottom() - q),
                ];
                let label = e.label.map(|s| {
                    let s = internal(s, horizontal);
                    Rect::new(
                        r.right() + 2.0,
                        r.bottom() - q - s.height / 2.0,
                        s.width,
                        s.height,
                    )
                });
                out[i] = EdgeRoute { points: pts, label };
            }
            Shape::Chain => match (&work.chains[i], &raw[i]) {
                (Some(ch), Some(r)) => {
                    out[i] = chain_route(p, r, &legs[i], &ends);
                    if ch.reversed {
                        out[i].points.reverse();
                    }
                }
                // Past the dummy budget (`normalize::dummy_budget`): straight.
                _ => out[i] = straight(p, i, horizontal),
            },
        }
        if out[i].points.len() < 2 {
            // Should not happen; keep the promise of two finite points.
            let c = match e.from {
                End::Node(NodeIndex(k)) => p.nodes.get(k).map(|r| r.center()),
                End::Cluster(ClusterIndex(k)) => p.clusters.get(k).map(|r| r.center()),
            }
            .unwrap_or_default();
            out[i].points = vec![c, c];
        }
    }
    (out, cramped)
}

/// Edge `i` drawn straight from its tail's box to its head's (it has no chain: past the
/// dummy budget), its label at the middle.
fn straight(p: &Placed<'_>, i: usize, horizontal: bool) -> EdgeRoute {
    let g = p.graph;
    let e = &g.edges[i];
    let end = |end: End| match end {
        End::Node(NodeIndex(k)) => p.nodes.get(k).map(|r| (*r, g.nodes[k].outline)),
        End::Cluster(ClusterIndex(k)) => p.clusters.get(k).map(|r| (*r, Outline::Box)),
    };
    let (Some((a, oa)), Some((b, ob))) = (end(e.from), end(e.to)) else {
        return EdgeRoute::default();
    };
    let (ca, cb) = (a.center(), b.center());
    let points = vec![clip(&a, oa, ca, cb), clip(&b, ob, cb, ca)];
    let mid = lerp(points[0], points[1], 0.5);
    let label = e
        .label
        .map(|s| Rect::centered(mid, internal(s, horizontal)));
    EdgeRoute { points, label }
}

fn node_loop(
    p: &Placed<'_>,
    k: usize,
    seen: &mut (usize, f64),
    total_loops: usize,
    label: Option<crate::geometry::Size>,
) -> EdgeRoute {
    let r = p.nodes[k];
    let o = p.graph.nodes[k].outline;
    let c = r.center();
    let dy = r.height / 4.0;
    let ext = loop_extent(seen.0);
    let far = r.right() + ext;
    let a = Point::new(c.x, c.y - dy);
    let b = Point::new(c.x, c.y + dy);
    let start = clip(&r, o, a, Point::new(far, a.y));
    let end = clip(&r, o, b, Point::new(far, b.y));
    let points = vec![start, Point::new(far, a.y), Point::new(far, b.y), end];
    seen.0 += 1;
    // Labels line up right of the outermost loop.
    let label = label.map(|s| {
        let x0 = r.right() + loop_extent(total_loops.saturating_sub(1)) + 4.0 + seen.1;
        seen.1 += s.width + 4.0;
        Rect::new(x0, c.y - s.height / 2.0, s.width, s.height)
    });
    EdgeRoute { points, label }
}

/// A chain's points before routing: centres (border points for cluster ends) with their
/// ranks, its end layer nodes and its label box.
struct Raw {
    points: Vec<(Point, usize)>,
    nodes: Vec<usize>,
    label: Option<Rect>,
}

fn chain_points(p: &Placed<'_>, chain: &[usize], off: (f64, f64)) -> Raw {
    let work = p.work;
    let mut label = None;
    let point_of = |v: usize, k: usize| -> Point {
        let nd = &work.nodes[v];
        let band = p.bands[nd.rank];
        let is_end = k == 0 || k + 1 == chain.len();
        let x = p.x[v]
            + if k == 0 {
                off.0
            } else if k + 1 == chain.len() {
                off.1
            } else {
                0.0
            };
        match nd.kind {
            Kind::Top(c) if is_end => Point::new(x, p.clusters[c].y),
            Kind::Bottom(c) if is_end => Point::new(x, p.clusters[c].bottom()),
            _ => Point::new(x, band.center()),
        }
    };
    let mut points: Vec<(Point, usize)> = Vec::with_capacity(chain.len());
    for (k, &v) in chain.iter().enumerate() {
        points.push((point_of(v, k), work.nodes[v].rank));
        if let Kind::Label(_) = work.nodes[v].kind {
            let s = Rect::centered(
                Point::new(p.x[v], p.bands[work.nodes[v].rank].center()),
                crate::geometry::Size::new(work.nodes[v].width, work.nodes[v].height),
            );
            label = Some(s);
        }
    }
    Raw {
        points,
        nodes: chain.to_vec(),
        label,
    }
}

/// How the pieces of every chain cross their gaps ([`piece_forms`]).
struct Forms {
    /// Per edge, whether each piece of its chain gets legs.
    legs: Vec<Vec<bool>>,
    /// Per gap (by its upper rank), where legs end.
    ends: Vec<(f64, f64)>,
    /// Per gap (by its upper rank), whether it is cramped (see [`routes`]).
    cramped: Vec<bool>,
}

/// For every edge, whether each piece of its chain (between consecutive points) gets legs;
/// and for every gap (by its upper rank), where legs end and whether it is cramped.
fn piece_forms(
    p: &Placed<'_>,
    rank_boxes: &[RankBoxes],
    raw: &[Option<Raw>],
    ports: &[[Port; 2]],
) -> Forms {
    let mut out: Vec<Vec<bool>> = raw
        .iter()
        .map(|r| {
            r.as_ref().map_or(Vec::new(), |r| {
                vec![false; r.points.len().saturating_sub(1)]
            })
        })
        .collect();
    // Where legs end in each gap (below rank r): on the rank borders unless a side needs room.
    let mut ends: Vec<(f64, f64)> = (0..p.bands.len())
        .map(|r| {
            let bottom = p.bands[r].bottom;
            (bottom, p.bands.get(r + 1).map_or(bottom, |b| b.top))
        })
        .collect();
    let mut cramped = vec![false; p.bands.len()];
    let strips = super::title::TitleStrips::new(p);
    // Pieces per gap (upper rank), with where each came from.
    let mut gaps: Vec<Vec<(gap::Piece, usize, usize)>> = vec![Vec::new(); p.bands.len()];
    for (i, r) in raw.iter().enumerate() {
        let Some(r) = r else { continue };
        let (first, last) = (r.nodes[0], r.nodes[r.nodes.len() - 1]);
        if p.work.nodes[first].rank == p.work.nodes[last].rank {
            continue;
        }
        for (k, w) in r.points.windows(2).enumerate() {
            let ((a, ra), (b, rb)) = (w[0], w[1]);
            let must = (k == 0 && ports[i][0].shared)
                || (k + 2 == r.points.len() && ports[i][1].shared)
                || (k > 0 && super::title::in_title_strip(p, r.nodes[k]))
                || (k + 2 < r.points.len() && super::title::in_title_strip(p, r.nodes[k + 1]))
                || strips.crossed(a, ra, b, rb)
                || [ra, rb]
                    .iter()
                    .any(|&rk| rank_boxes[rk].passes_near(a, b, CLEARANCE, [first, last]));
            let piece = gap::Piece {
                a,
                upper: r.nodes[k],
                b,
                lower: r.nodes[k + 1],
                must,
            };
            gaps[ra.min(rb)].push((piece, i, k));
        }
    }
    for (r, pieces) in gaps.iter().enumerate() {
        if pieces.is_empty() {
            continue;
        }
        let Some(next) = p.bands.get(r + 1) else {
            continue;
        };
        let (bottom, top) = (p.bands[r].bottom, next.top);
        let only: Vec<gap::Piece> = pieces.iter().map(|t| t.0).collect();
        // Legs into the lower rank's boxes carry the arrowheads: they reach `HEAD_LEG` into
        // the gap where it has room, so no arrowhead is longer than its leg (else the path
        // turns before the bend to keep it along the leg, off the route).
        let reach = |need: [bool; 2]| [need[0], need[1] || next.boxes];
        let mut need = [false; 2];
        ends[r] = gap::leg_ends(bottom, top, reach(need));
        let mut legs = gap::legged(&only, ends[r].0, ends[r].1);
        // Legs reach into the gap (`gap::leg_ends`) on a side whose boxes a run between legs
        // ending on the rank borders would pass nearer than `CLEARANCE` (`need`); on the
        // upper side only there (a leg into the gap is a bend).
        // Whether a legged piece's run between legs ending at `lo` and `hi` passes a foreign
        // box of `rank` nearer than `CLEARANCE`.
        let near = |rank: usize, legs: &[bool], (lo, hi): (f64, f64)| {
            only.iter().zip(legs).filter(|(_, &l)| l).any(|(pc, _)| {
                let s = Point::new(pc.a.x, lo.max(pc.a.y));
                let t = Point::new(pc.b.x, hi.min(pc.b.y));
                rank_boxes[rank].passes_near(s, t, CLEARANCE, [pc.upper, pc.lower])
            })
        };
        // Reaching into the gap on one side flattens the runs, which can bring them nearer
        // the other side's boxes: decide again until nothing changes (at most twice).
        for _ in 0..2 {
            let now = [
                need[0] || (p.bands[r].boxes && near(r, &legs, ends[r])),
                need[1] || (next.boxes && near(r + 1, &legs, ends[r])),
            ];
            if now == need {
                break;
            }
            need = now;
            ends[r] = gap::leg_ends(bottom, top, reach(need));
            legs = gap::legged(&only, ends[r].0, ends[r].1);
        }
        cramped[r] |= gap::cramped(bottom, top, need);
        // A rank of only dummies sits on the line of the box rank beside it (`vertical`): the
        // pieces of this gap ending at its dummies pass that rank's boxes too, and where they
        // pass nearer than `CLEARANCE`, the gap with no room between the two is cramped.
        let hugged = [
            (r > 0 && hugs(p.bands, r, r - 1)).then(|| (r - 1, r - 1)),
            (r + 2 < p.bands.len() && hugs(p.bands, r + 1, r + 2)).then_some((r + 2, r + 1)),
        ];
        for ((pc, i, _), &l) in pieces.iter().zip(&legs) {
            let (s, t) = if l {
                let (lo, hi) = ends[r];
                (
                    Point::new(pc.a.x, lo.max(pc.a.y)),
                    Point::new(pc.b.x, hi.min(pc.b.y)),
                )
            } else {
                (pc.a, pc.b)
            };
            let own = raw[*i].as_ref().map_or([pc.upper, pc.lower], |w| {
                [w.nodes[0], w.nodes[w.nodes.len() - 1]]
            });
            for &(rank, gap) in hugged.iter().flatten() {
                if rank_boxes[rank].passes_near(s, t, CLEARANCE, own) {
                    cramped[gap] = true;
                }
            }
        }
        for (&(_, i, k), l) in pieces.iter().zip(legs) {
            out[i][k] = l;
        }
    }
    Forms {
        legs: out,
        ends,
        cramped,
    }
}

/// Whether rank `r`, holding no box, sits on box rank `s` (the rank above or below it) with no
/// room between them.
fn hugs(bands: &[Band], r: usize, s: usize) -> bool {
    let room = if s > r {
        bands[s].top - bands[r].bottom
    } else {
        bands[r].top - bands[s].bottom
    };
    !bands[r].boxes && bands[s].boxes && room.abs() < 1e-9
}

fn chain_route(p: &Placed<'_>, raw: &Raw, legs: &[bool], ends: &[(f64, f64)]) -> EdgeRoute {
    let work = p.work;
    let g = p.graph;
    let pts = &raw.points;
    let (first, last) = (raw.nodes[0], raw.nodes[raw.nodes.len() - 1]);
    let label = raw.label;
    let mut route: Vec<Point> = Vec::with_capacity(pts.len() + 4);
    if work.nodes[first].rank == work.nodes[last].rank {
        // Flat edge: under the rank, in the gap below it.
        let r = work.nodes[first].rank;
        let band = p.bands[r];
        let next_top = p
            .bands
            .get(r + 1)
            .map_or(band.bottom + work.rank_sep, |b| b.top);
        let y = (band.bottom + next_top) / 2.0;
        let (a, b) = (pts[0].0, pts[pts.len() - 1].0);
        route.extend([a, Point::new(a.x, y), Point::new(b.x, y), b]);
    } else {
        route.push(pts[0].0);
        for (k, w) in pts.windows(2).enumerate() {
            let ((a, ra), (b, rb)) = (w[0], w[1]);
            if legs.get(k).copied().unwrap_or(false) {
                let (bottom, top) = ends[ra.min(rb)];
                route.push(Point::new(a.x, bottom.max(a.y)));
                route.push(Point::new(b.x, top.min(b.y)));
            }
            route.push(b);
        }
    }
    // Clip the ends to their outlines.
    if let Kind::Node(i) = work.nodes[first].kind {
        let o = g.nodes[i].outline;
        let r = p.nodes[i];
        let t = (0..route.len()).position(|k| leaves(&r, o, route[k], k > 0));
        match t {
            Some(t) if t > 0 => {
                let q = clip(&r, o, route[t - 1], route[t]);
                route.drain(..t);
                route.insert(0, q);
            }
            // The whole route lies on or inside the tail (touching boxes, zero spacing).
            None => {
                let q = route[route.len() - 1];
                route = vec![q, q];
            }
            _ => {}
        }
    }
    if let Kind::Node(i) = work.nodes[last].kind {
        let o = g.nodes[i].outline;
        let r = p.nodes[i];
        let n = route.len();
        let t = (0..n).rposition(|k| leaves(&r, o, route[k], k + 1 < n));
        match t {
            Some(t) if t + 1 < route.len() => {
                let q = clip(&r, o, route[t + 1], route[t]);
                route.truncate(t + 1);
                route.push(q);
            }
            None => {
                let q = route[0];
                route = vec![q, q];
            }
            _ => {}
        }
    }
    dedup(&mut route);
    drop_collinear(&mut route, label.map(|l| l.center()));
    EdgeRoute {
        points: route,
        label,
    }
}

/// Whether a route has left the outline `o` of `r` at `q`: outside it, or on it for a point
/// after the end's own (a port's leg ends on the border of a node as tall as its rank, and the
/// route may go on along that border: the end is where the leg meets it, not a corner).
fn leaves(r: &Rect, o: Outline, q: Point, after_end: bool) -> bool {
    let v = shape_value(r, o, q);
    let solid = r.width > 1e-9 && r.height > 1e-9;
    v > 0.0 || (after_end && solid && v >= -1e-9)
}

/// Drops repeated points (keeping at least two).
fn dedup(r: &mut Vec<Point>) {
    let mut out: Vec<Point> = Vec::with_capacity(r.len());
    for &q in r.iter() {
        if out
            .last()
            .is_none_or(|l: &Point| (l.x - q.x).abs() > 1e-9 || (l.y - q.y).abs() > 1e-9)
        {
            out.push(q);
        }
    }
    if out.len() == 1 {
        out.push(out[0]);
    }
    if out.len() >= 2 {
        *r = out;
    }
}

/// Drops route points inside straight runs (the dummies of a long edge going straight on): a
/// point goes when its two neighbours on each side lie on the same straight line, so the first
/// two and the last two points of every run stay and a curve drawn through the points (a
/// B-spline uses four consecutive points) keeps its shape at the bends; a route straight from
/// end to end keeps only its ends. The drawing is the same, with fewer points to write.
/// The point at `label` (the centre of the edge's label, where its label dummy sat) stays
/// unless the whole route is straight (then the route runs through the label as it is):
/// straightening keeps the route through that point, and the drawn curve is pulled onto it
/// where the route bends there, so the label stays on its edge.
fn drop_collinear(r: &mut Vec<Point>, label: Option<Point>) {
    let n = r.len();
    if n < 3 {
        return;
    }
    let straight: Vec<bool> = (0..n)
        .map(|i| i > 0 && i + 1 < n && goes_straight(r[i - 1], r[i], r[i + 1]))
        .collect();
    // (The label's centre is computed from its box, so it matches its point to rounding.)
    let at_label: Vec<bool> = r
        .iter()
        .map(|p| label.is_some_and(|c| (p.x - c.x).abs() < 1e-6 && (p.y - c.y).abs() < 1e-6))
        .collect();
    let all_straight = straight[1..n - 1].iter().all(|&s| s);
    if all_straight {
        *r = vec![r[0], r[n - 1]];
        return;
    }
    let keep = |i: usize| {
        i < 2 || i + 2 >= n || !(straight[i - 1] && straight[i] && straight[i + 1]) || at_label[i]
    };
    let mut i = 0;
    r.retain(|_| {
        i += 1;
        keep(i - 1)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_to_each_outline() {
        let r = Rect::new(0.0, 0.0, 100.0, 40.0);
        let c = r.center();
        let below = Point::new(50.0, 200.0);
        let p = clip(&r, Outline::Box, c, below);
        assert!((p.y - 40.0).abs() < 1e-6 && (p.x - 50.0).abs() < 1e-6);
        let diag = Point::new(300.0, 220.0);
        let e = clip(&r, Outline::Ellipse, c, diag);
        let v = ((e.x - 50.0) / 50.0).powi(2) + ((e.y - 20.0) / 20.0).powi(2);
        assert!((v - 1.0).abs() < 1e-6);
        let d = clip(&r, Outline::Diamond, c, diag);
        let v = ((d.x - 50.0) / 50.0).abs() + ((d.y - 20.0) / 20.0).abs();
        assert!((v - 1.0).abs() < 1e-6);
    }

    #[test]
    fn straight_runs_keep_two_points_at_each_end() {
        let p = |x: f64, y: f64| Point::new(x, y);
        let run: Vec<Point> = (0..6).map(|k| p(0.0, 10.0 * k as f64)).collect();
        let mut r = run.clone();
        r.push(p(20.0, 60.0));
        drop_collinear(&mut r, None);
        assert_eq!(r, vec![run[0], run[1], run[4], run[5], p(20.0, 60.0)]);
        // Straight from end to end: only the ends.
        let mut straight = run.clone();
        drop_collinear(&mut straight, None);
        assert_eq!(straight, vec![run[0], run[5]]);
        // A reversal is a bend, not a straight run.
        let mut back = vec![p(0.0, 0.0), p(0.0, 10.0), p(0.0, 5.0)];
        drop_collinear(&mut back, None);
        assert_eq!(back.len(), 3);
        // The point at the label stays inside a straight run that a bend follows
        // (straightening keeps the route through it), not in a route straight from end to end.
        let mut labelled = run.clone();
        drop_collinear(&mut labelled, Some(run[2]));
        assert_eq!(labelled, vec![run[0], run[5]]);
        let mut r = run.clone();
        r.push(p(20.0, 60.0));
        drop_collinear(&mut r, Some(run[3]));
        assert_eq!(
            r,
            vec![run[0], run[1], run[3], run[4], run[5], p(20.0, 60.0)]
        );
    }

    #[test]
    fn segment_box_intersection() {
        let r = Rect::new(10.0, 10.0, 10.0, 10.0);
        assert!(crate::layout::quality::seg_hits(
            Point::new(0.0, 15.0),
            Point::new(30.0, 15.0),
            &r,
            0.1
        ));
        assert!(!crate::layout::quality::seg_hits(
            Point::new(0.0, 0.0),
            Point::new(30.0, 5.0),
            &r,
            0.1
        ));
        assert!(!crate::layout::quality::seg_hits(
            Point::new(0.0, 10.0),
            Point::new(30.0, 10.0),
            &r,
            0.1
        ));
    }
}
