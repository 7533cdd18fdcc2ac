//! Drawn curves that cross where their routes do not. A basis curve cuts every corner of its
//! route, the more the longer the route's legs; two routes that bend side by side (a fan-out
//! leaving one node, two long edges turning together) can then be drawn crossing each other
//! although the routes never meet. Where a pair of edges' curves cross more often than their
//! routes, the route corners nearest each crossing get two more points, [`LEADS`]`[0]` px
//! before and after the corner on its legs: the route is the same polyline (the new points lie
//! on it, so crossings, bends, length and clearance of the routes are unchanged), but the curve
//! now turns within a few pixels of the corner, following the route. Where that makes another
//! pair cross (routes running a few pixels apart), that pair's corners are tightened too, and
//! closer (the next of [`LEADS`]), until no pair crosses more than before and than its routes,
//! or the edits of that pair's edges are given up.
//!
//! Bounds: drawings of at most [`MAX_EDGES`] edges, candidate pairs from a grid of [`CELL`] px
//! cells, at most [`ROUNDS`] rounds; a round is kept only if the drawing's curves cross less
//! than before it.

use super::clearance::distance;
use super::curve::{draw_edges, redraw_edges, DrawnEdge, EdgeSpec, SAMPLES};
use super::quality::segments_cross;
use super::{EdgeRoute, Layout};
use crate::geometry::{goes_straight, Point, Rect};
use crate::model::Curve;
use std::collections::BTreeMap;

/// Most edges a drawing may have for its curves to be untangled.
pub(crate) const MAX_EDGES: usize = 200;
/// Grid cell size (px) for finding pairs of curves that may cross.
const CELL: f64 = 64.0;
/// Distances (px) of the added points from their corner (at most a third of the leg): the
/// first, then closer where the first is not close enough.
pub(crate) const LEADS: [f64; 3] = [20.0, 6.0, 2.0];
/// How far (px) from a crossing a corner may be to be tightened for it.
const REACH: f64 = 80.0;
/// Most rounds.
const ROUNDS: usize = 3;
/// Most tries per round (each drops the edits that made some pair worse).
const TRIES: usize = 8;
/// Crossings of two curves this close (px) are one crossing; crossings this close to an end
/// both edges share are where they meet, not crossings (as `scripts/vs-mermaid/measure.js`).
const SAME: f64 = 6.0;
const AT_END: f64 = 12.0;

/// Draws the edges of `layout` as `specs` says ([`draw_edges`]), first adding route points
/// where two basis curves cross more often than their routes (see the module doc). Returns
/// the drawn edges; `layout`'s routes keep their polylines, with the added points on them.
pub(crate) fn untangle(layout: &mut Layout, specs: &[EdgeSpec]) -> Vec<DrawnEdge> {
    let mut drawn = draw_edges(layout, specs);
    let n = drawn.len();
    if !(2..=MAX_EDGES).contains(&n) {
        return drawn;
    }
    let mut tightened: Vec<Vec<Point>> = vec![Vec::new(); n];
    let mut curves: Vec<Flat> = drawn.iter().map(Flat::of).collect();
    let mut counts = pair_counts(layout, specs, &curves, None);
    for _ in 0..ROUNDS {
        let mut corners: Vec<Vec<Corner>> = vec![Vec::new(); n];
        for (&(i, j), &(c, r)) in &counts {
            if c > r {
                let hits =
                    curve_crossings(&curves[i], &curves[j], &shared_ends(layout, specs, i, j));
                let near = Near {
                    layout,
                    specs,
                    tightened: &tightened,
                };
                near.add_corners((i, j), &hits, false, &mut corners);
            }
        }
        // A pair the edits make cross more than before and than its routes gets its corners
        // nearest the new crossings tightened too (both curves then follow their routes), or,
        // with none left, loses its edges' edits; until no pair does.
        let mut kept = None;
        for _ in 0..TRIES {
            if corners.iter().all(Vec::is_empty) {
                break;
            }
            let mut trial = layout.clone();
            let edited: Vec<bool> = corners.iter().map(|cs| !cs.is_empty()).collect();
            for (e, cs) in corners.iter().enumerate() {
                if edited[e] {
                    let on_other = |p| on_other_route(layout, e, p);
                    trial.edges[e] = with_leads(&layout.edges[e], cs, on_other);
                }
            }
            let mut trial_drawn = drawn.clone();
            redraw_edges(&trial, specs, &edited, &mut trial_drawn);
            let trial_curves: Vec<Flat> = (0..n)
                .map(|e| {
                    if edited[e] {
                        Flat::of(&trial_drawn[e])
                    } else {
                        curves[e].clone()
                    }
                })
                .collect();
            let trial_counts = pair_counts(&trial, specs, &trial_curves, Some((&counts, &edited)));
            let mut worse = false;
            for (&(i, j), &(c, r)) in &trial_counts {
                let before = counts.get(&(i, j)).map_or(0, |v| v.0);
                if c > before.max(r) {
                    worse = true;
                    let ends = shared_ends(&trial, specs, i, j);
                    let hits = curve_crossings(&trial_curves[i], &trial_curves[j], &ends);
                    let near = Near {
                        layout,
                        specs,
                        tightened: &tightened,
                    };
                    if !near.add_corners((i, j), &hits, true, &mut corners)
                        && !closer(&mut corners, (i, j))
                    {
                        corners[i].clear();
                        corners[j].clear();
                    }
                }
            }
            if !worse {
                kept = Some((trial, trial_drawn, trial_curves, trial_counts));
                break;
            }
        }
        let Some((trial, trial_drawn, trial_curves, trial_counts)) = kept else {
            break;
        };
        let total = |m: &Counts| m.values().map(|v| v.0).sum::<usize>();
        if total(&trial_counts) >= total(&counts) {
            break;
        }
        for (e, cs) in corners.iter().enumerate() {
            tightened[e].extend(cs.iter().map(|c| layout.edges[e].points[c.at]));
        }
        (*layout, drawn, curves, counts) = (trial, trial_drawn, trial_curves, trial_counts);
    }
    drawn
}

/// Per candidate pair of edges (`i < j`): its curves' crossings and its routes'.
type Counts = BTreeMap<(usize, usize), (usize, usize)>;

/// The counts of every candidate pair; with `known` (counts, and which edges changed since),
/// pairs of unchanged edges keep their known counts.
fn pair_counts(
    layout: &Layout,
    specs: &[EdgeSpec],
    curves: &[Flat],
    known: Option<(&Counts, &[bool])>,
) -> Counts {
    candidate_pairs(curves)
        .into_iter()
        .map(|(i, j)| {
            if let Some((counts, changed)) = known {
                if let (false, false, Some(&v)) = (changed[i], changed[j], counts.get(&(i, j))) {
                    return ((i, j), v);
                }
            }
            let ends = shared_ends(layout, specs, i, j);
            let c = curve_crossings(&curves[i], &curves[j], &ends).len();
            let r = route_crossings(&layout.edges[i].points, &layout.edges[j].points);
            ((i, j), (c, r))
        })
        .collect()
}

/// A drawn curve as a polyline, with the bounding box of every run of [`CHUNK`] pieces (so
/// that two curves are compared piece by piece only where their runs' boxes meet).
#[derive(Debug, Clone)]
struct Flat {
    pts: Vec<Point>,
    /// Per run `k` (pieces from `k · CHUNK`): min x, min y, max x, max y.
    boxes: Vec<[f64; 4]>,
}

/// Pieces per run of a [`Flat`].
const CHUNK: usize = 16;

impl Flat {
    fn of(d: &DrawnEdge) -> Flat {
        let pts: Vec<Point> = d.path.flatten(SAMPLES).into_iter().flatten().collect();
        let boxes = (0..pts.len().saturating_sub(1))
            .step_by(CHUNK)
            .map(|s| {
                let run = &pts[s..(s + CHUNK + 1).min(pts.len())];
                let start = [
                    f64::INFINITY,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::NEG_INFINITY,
                ];
                run.iter().fold(start, |b, p| {
                    [b[0].min(p.x), b[1].min(p.y), b[2].max(p.x), b[3].max(p.y)]
                })
            })
            .collect();
        Flat { pts, boxes }
    }

    /// The points of run `k` (its pieces' ends).
    fn run(&self, k: usize) -> &[Point] {
        let s = k * CHUNK;
        &self.pts[s..(s + CHUNK + 1).min(self.pts.len())]
    }
}

/// Pairs of edges (`i < j`) whose curves come into one grid cell, in order.
fn candidate_pairs(curves: &[Flat]) -> Vec<(usize, usize)> {
    let mut cells: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
    for (e, c) in curves.iter().enumerate() {
        let mut mine: Vec<(i64, i64)> = Vec::new();
        for b in &c.boxes {
            let cell = |v: f64| (v / CELL).floor() as i64;
            let (x0, x1) = (cell(b[0]), cell(b[2]));
            let (y0, y1) = (cell(b[1]), cell(b[3]));
            for x in x0..=x1 {
                for y in y0..=y1 {
                    mine.push((x, y));
                }
            }
        }
        mine.sort_unstable();
        mine.dedup();
        for k in mine {
            cells.entry(k).or_default().push(e);
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for es in cells.values() {
        for (a, &i) in es.iter().enumerate() {
            pairs.extend(es[a + 1..].iter().map(|&j| (i, j)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Where two curves cross, crossings within [`SAME`] px of one another counted once and, for
/// edges sharing an end, none within [`AT_END`] px of that end's route points.
fn curve_crossings(a: &Flat, b: &Flat, ends: &[Point]) -> Vec<Point> {
    let mut hits: Vec<Point> = Vec::new();
    for (ka, ba) in a.boxes.iter().enumerate() {
        for (kb, bb) in b.boxes.iter().enumerate() {
            if ba[0] > bb[2] || bb[0] > ba[2] || ba[1] > bb[3] || bb[1] > ba[3] {
                continue;
            }
            for s in a.run(ka).windows(2) {
                // A piece whose box misses the other run's box crosses none of its pieces.
                let (lx, hx) = (s[0].x.min(s[1].x), s[0].x.max(s[1].x));
                let (ly, hy) = (s[0].y.min(s[1].y), s[0].y.max(s[1].y));
                if lx > bb[2] || bb[0] > hx || ly > bb[3] || bb[1] > hy {
                    continue;
                }
                for t in b.run(kb).windows(2) {
                    if !segments_cross(s[0], s[1], t[0], t[1]) {
                        continue;
                    }
                    let h = intersection(s[0], s[1], t[0], t[1]);
                    let near = |p: &Point, d: f64| (p.x - h.x).hypot(p.y - h.y) < d;
                    if ends.iter().any(|p| near(p, AT_END)) || hits.iter().any(|p| near(p, SAME)) {
                        continue;
                    }
                    hits.push(h);
                }
            }
        }
    }
    hits
}

fn intersection(a: Point, b: Point, c: Point, d: Point) -> Point {
    let den = (b.x - a.x) * (d.y - c.y) - (b.y - a.y) * (d.x - c.x);
    let t = ((c.x - a.x) * (d.y - c.y) - (c.y - a.y) * (d.x - c.x)) / den;
    Point::new(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y))
}

fn route_crossings(a: &[Point], b: &[Point]) -> usize {
    let mut n = 0;
    for s in a.windows(2) {
        for t in b.windows(2) {
            n += usize::from(segments_cross(s[0], s[1], t[0], t[1]));
        }
    }
    n
}

/// The route points of the end edges `i` and `j` share (where their curves meet anyway).
fn shared_ends(layout: &Layout, specs: &[EdgeSpec], i: usize, j: usize) -> Vec<Point> {
    let (ri, rj) = (&layout.edges[i].points, &layout.edges[j].points);
    let (si, sj) = (&specs[i], &specs[j]);
    let mut out = Vec::new();
    for (end, p) in [(si.from, ri.first()), (si.to, ri.last())] {
        if end == sj.from || end == sj.to {
            out.extend(p);
        }
    }
    for (end, p) in [(sj.from, rj.first()), (sj.to, rj.last())] {
        if end == si.from || end == si.to {
            out.extend(p);
        }
    }
    out
}

/// A route corner to tighten: its index in the route's points, and how close (an index into
/// [`LEADS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Corner {
    at: usize,
    lead: usize,
}

/// Moves the added points of both edges of `pair` closer to their corners (the next of
/// [`LEADS`]); returns whether one moved.
fn closer(corners: &mut [Vec<Corner>], pair: (usize, usize)) -> bool {
    let mut moved = false;
    for e in [pair.0, pair.1] {
        for c in &mut corners[e] {
            if c.lead + 1 < LEADS.len() {
                c.lead += 1;
                moved = true;
            }
        }
    }
    moved
}

/// Finds the route corners to tighten for crossings, on the routes of `layout` (the round's).
struct Near<'a> {
    layout: &'a Layout,
    specs: &'a [EdgeSpec],
    /// Per edge, corners tightened in earlier rounds (never again).
    tightened: &'a [Vec<Point>],
}

impl Near<'_> {
    /// Adds to `corners` (per edge, indices of its route's points, ascending), for each basis
    /// edge of `pair` and each crossing of `hits`, its bending corner nearest the crossing
    /// within [`REACH`] (with `fresh`, the nearest not in `corners` yet). Returns whether a
    /// corner was added.
    fn add_corners(
        &self,
        pair: (usize, usize),
        hits: &[Point],
        fresh: bool,
        corners: &mut [Vec<Corner>],
    ) -> bool {
        let mut grew = false;
        for e in [pair.0, pair.1] {
            if self.specs[e].curve != Curve::Basis {
                continue;
            }
            let pts = &self.layout.edges[e].points;
            for h in hits {
                let corner = (1..pts.len().saturating_sub(1))
                    .filter(|&k| !goes_straight(pts[k - 1], pts[k], pts[k + 1]))
                    .filter(|&k| !self.tightened[e].contains(&pts[k]))
                    .filter(|&k| !fresh || corners[e].iter().all(|c| c.at != k))
                    .map(|k| (k, (pts[k].x - h.x).hypot(pts[k].y - h.y)))
                    .filter(|&(_, d)| d <= REACH)
                    .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
                if let Some((k, _)) = corner {
                    if let Err(at) = corners[e].binary_search_by_key(&k, |c| c.at) {
                        corners[e].insert(at, Corner { at: k, lead: 0 });
                        grew = true;
                    }
                }
            }
        }
        grew
    }
}

/// `route` with a point before and after each corner of `corners` (ascending), on the legs,
/// as far from the corner as the corner's lead says (at most a third of the leg). A point that
/// would lie on another route (`on_other`: where that route crosses this leg, which would turn
/// the crossing into a touch) is moved a quarter of the distance nearer or farther, or left
/// out.
fn with_leads(
    route: &EdgeRoute,
    corners: &[Corner],
    on_other: impl Fn(Point) -> bool,
) -> EdgeRoute {
    let pts = &route.points;
    let mut out = Vec::with_capacity(pts.len() + 2 * corners.len());
    let toward = |from: Point, to: Point, lead: f64| {
        let len = (to.x - from.x).hypot(to.y - from.y);
        [1.0, 0.75, 1.25].into_iter().find_map(|f| {
            let d = f * lead.min(len / 3.0);
            let k = if len > 1e-9 { d / len } else { 0.0 };
            let p = Point::new(from.x + (to.x - from.x) * k, from.y + (to.y - from.y) * k);
            (!on_other(p)).then_some(p)
        })
    };
    for (k, &p) in pts.iter().enumerate() {
        match corners.binary_search_by_key(&k, |c| c.at) {
            Ok(i) if k > 0 && k + 1 < pts.len() => {
                let lead = LEADS[corners[i].lead.min(LEADS.len() - 1)];
                out.extend(toward(p, pts[k - 1], lead));
                out.push(p);
                out.extend(toward(p, pts[k + 1], lead));
            }
            _ => out.push(p),
        }
    }
    EdgeRoute {
        points: out,
        label: route.label,
    }
}

/// Whether `p` lies within [`ON_ROUTE`] px of a route of `layout` other than edge `e`'s.
fn on_other_route(layout: &Layout, e: usize, p: Point) -> bool {
    let at = Rect::new(p.x, p.y, 0.0, 0.0);
    let beside = |a: Point, b: Point| {
        p.x < a.x.min(b.x) - ON_ROUTE
            || p.x > a.x.max(b.x) + ON_ROUTE
            || p.y < a.y.min(b.y) - ON_ROUTE
            || p.y > a.y.max(b.y) + ON_ROUTE
    };
    layout.edges.iter().enumerate().any(|(f, r)| {
        f != e
            && r.points
                .windows(2)
                .any(|w| !beside(w[0], w[1]) && distance(w[0], w[1], &at) < ON_ROUTE)
    })
}

/// How near (px) another route an added point may not be.
const ON_ROUTE: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::quality::generate;
    use crate::layout::LayoutGraph;

    /// Per pair of edges (`i < j`) whose curves cross or whose routes cross: (curve crossings,
    /// route crossings).
    fn per_pair(layout: &Layout, g: &LayoutGraph) -> BTreeMap<(usize, usize), (usize, usize)> {
        let specs = EdgeSpec::arrows(g);
        let curves: Vec<Flat> = draw_edges(layout, &specs).iter().map(Flat::of).collect();
        let mut out = BTreeMap::new();
        for i in 0..curves.len() {
            for j in i + 1..curves.len() {
                let ends = shared_ends(layout, &specs, i, j);
                let c = curve_crossings(&curves[i], &curves[j], &ends).len();
                let r = route_crossings(&layout.edges[i].points, &layout.edges[j].points);
                if c + r > 0 {
                    out.insert((i, j), (c, r));
                }
            }
        }
        out
    }

    fn graph(src: &str) -> LayoutGraph {
        let (chart, diagnostics) = crate::mermaid::flowchart(src);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        crate::layout::flowchart::graph(&chart)
    }

    /// The service mesh of the mermaid comparison: two edges leaving one node side by side were
    /// drawn crossing twice, their routes never meeting; untangled, no pair of curves crosses
    /// more often than its routes.
    #[test]
    fn curves_cross_no_more_than_their_routes() {
        let src = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/vs-mermaid/service-mesh.mmd"
        ))
        .unwrap();
        let g = graph(&src);
        let mut layout = crate::layout::layout(&g);
        let before = per_pair(&layout, &g);
        assert!(
            before.values().any(|&(c, r)| c > r),
            "tangled before: {before:?}"
        );
        untangle(&mut layout, &EdgeSpec::arrows(&g));
        let after = per_pair(&layout, &g);
        assert!(after.values().all(|&(c, r)| c <= r), "{after:?}");
    }

    /// Added points lie on their routes: every route keeps its points in order, and each added
    /// point lies on the leg it was added to, `LEADS[0]` px or a third of the leg from its corner.
    #[test]
    fn leads_lie_on_the_legs() {
        let route = EdgeRoute {
            points: vec![
                Point::new(0.0, 0.0),
                Point::new(0.0, 100.0),
                Point::new(60.0, 160.0),
                Point::new(60.0, 240.0),
            ],
            label: None,
        };
        let at = |at| Corner { at, lead: 0 };
        let led = with_leads(&route, &[at(1), at(2)], |_| false);
        let expect = [
            (0.0, 0.0),
            (0.0, 80.0),
            (0.0, 100.0),
            (LEADS[0] / 2f64.sqrt(), 100.0 + LEADS[0] / 2f64.sqrt()),
            (
                60.0 - LEADS[0] / 2f64.sqrt(),
                160.0 - LEADS[0] / 2f64.sqrt(),
            ),
            (60.0, 160.0),
            (60.0, 180.0),
            (60.0, 240.0),
        ];
        assert_eq!(led.points.len(), expect.len());
        for (p, (x, y)) in led.points.iter().zip(expect) {
            assert!((p.x - x).abs() < 1e-9 && (p.y - y).abs() < 1e-9, "{led:?}");
        }
        // A short leg: a third of it.
        let tiny = EdgeRoute {
            points: vec![
                Point::new(0.0, 0.0),
                Point::new(0.0, 30.0),
                Point::new(9.0, 30.0),
            ],
            label: None,
        };
        let led = with_leads(&tiny, &[at(1)], |_| false);
        assert_eq!(led.points[1], Point::new(0.0, 20.0));
        assert_eq!(led.points[3], Point::new(3.0, 30.0));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 32,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Untangling never adds crossings beyond the routes: on random graphs (clusters,
        /// labels, every direction), no pair of curves crosses more often than it did before
        /// or than its routes do, the routes cross exactly as before, and the drawing's curves
        /// cross no more in total.
        #[test]
        fn untangling_adds_no_crossing(
            seed in 0u64..100_000,
            n in 4usize..30,
            extra in 0usize..25,
            clusters in 0usize..4,
            dir in 0usize..4,
            labels in 0usize..4,
        ) {
            use crate::geometry::Size;
            use crate::layout::Direction;
            let mut g = generate::random_clustered(seed, n, n + extra, clusters);
            let m = g.edges.len();
            for k in 0..labels.min(m) {
                g.edges[(k * 5) % m].label = Some(Size::new(40.0, 18.0));
            }
            g.direction = [
                Direction::TopBottom,
                Direction::BottomTop,
                Direction::LeftRight,
                Direction::RightLeft,
            ][dir];
            let mut layout = crate::layout::layout(&g);
            let before = per_pair(&layout, &g);
            let routes_before = crate::layout::quality::crossings(&g, &layout);
            untangle(&mut layout, &EdgeSpec::arrows(&g));
            let after = per_pair(&layout, &g);
            for (pair, &(c, r)) in &after {
                let (c0, r0) = before.get(pair).copied().unwrap_or((0, 0));
                proptest::prop_assert_eq!(r, r0, "routes of {:?}", pair);
                proptest::prop_assert!(c <= c0.max(r), "{:?}: {} after, {} before, routes {}", pair, c, c0, r);
            }
            proptest::prop_assert_eq!(crate::layout::quality::crossings(&g, &layout), routes_before);
            let total = |m: &BTreeMap<(usize, usize), (usize, usize)>| m.values().map(|v| v.0).sum::<usize>();
            proptest::prop_assert!(total(&after) <= total(&before));
        }
    }
}
