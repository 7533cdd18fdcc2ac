//! Edge curves: the drawn path through each routed polyline, shortened for its end markers.
//!
//! Curves follow d3-shape (what mermaid uses): `Basis`, `Linear`, `Natural`, `Step*`,
//! `Cardinal` (tension 0), `CatmullRom` (α = 0.5), `MonotoneX/Y`, `BumpX/Y`. Step curves are
//! expanded to their polylines first, so marker shortening follows their last leg.
//! Geometry is layout's: render writes the [`DrawnEdge`]s of a [`super::drawing::Drawing`] as
//! they are.

use super::clearance::{distance, nearer_than, Boxes, Foreign, CLEARANCE, DRAWN_SLACK, SLACK};
use super::path::PathData;
use super::{End, Layout, LayoutGraph};
use crate::geometry::{goes_straight, Point, Rect, Size};
use crate::model::{Curve, Marker};

#[path = "curve_ends.rs"]
mod ends;
pub use ends::marker_reach;
pub(crate) use ends::{drawn_bend, marker_rooms, MARKER_ROOM_HALF_WIDTH, MARKER_ROOM_REACH};
use ends::{marker_half_width, trim};

/// What decides how one edge is drawn: its ends (whose boxes it may touch), its curve and
/// its markers.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct EdgeSpec {
    /// Tail.
    pub from: End,
    /// Head.
    pub to: End,
    /// The curve through the route.
    pub curve: Curve,
    /// Marker at the tail.
    pub start: Marker,
    /// Marker at the head.
    pub end: Marker,
}

impl EdgeSpec {
    /// An edge from `from` to `to` drawn with `curve`, `start` and `end` markers.
    pub fn new(from: End, to: End, curve: Curve, start: Marker, end: Marker) -> EdgeSpec {
        EdgeSpec {
            from,
            to,
            curve,
            start,
            end,
        }
    }

    /// The edges of `graph` as mermaid draws a plain `-->`: a basis curve with an arrowhead.
    pub fn arrows(graph: &LayoutGraph) -> Vec<EdgeSpec> {
        graph
            .edges
            .iter()
            .map(|e| EdgeSpec::new(e.from, e.to, Curve::Basis, Marker::None, Marker::Arrow))
            .collect()
    }
}

/// Where a marker is drawn: from `base` (the path's end, shortened by [`marker_reach`]) to
/// `tip` (the route's end, on the outline), `half_width` to each side of that line.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct MarkerSpan {
    /// Where the path ends and the marker is attached.
    pub base: Point,
    /// The route's end: the marker's far end.
    pub tip: Point,
    /// Half the marker's width across the path.
    pub half_width: f64,
}

impl MarkerSpan {
    /// The marker's outline as a closed polyline (a triangle around its axis).
    pub fn outline(&self) -> Vec<Point> {
        let (dx, dy) = (self.tip.x - self.base.x, self.tip.y - self.base.y);
        let len = dx.hypot(dy);
        if len.is_nan() || len <= 1e-9 {
            return vec![self.base, self.tip];
        }
        let (nx, ny) = (-dy / len * self.half_width, dx / len * self.half_width);
        let (l, r) = (
            Point::new(self.base.x + nx, self.base.y + ny),
            Point::new(self.base.x - nx, self.base.y - ny),
        );
        vec![l, self.tip, r, l]
    }
}

/// An edge as drawn: its path (final coordinates of the chart, shortened for its markers) and
/// the markers that cover the rest of the route.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct DrawnEdge {
    pub(crate) path: PathData,
    /// The marker at the tail, if the edge has one.
    pub start: Option<MarkerSpan>,
    /// The marker at the head, if the edge has one.
    pub end: Option<MarkerSpan>,
}

impl DrawnEdge {
    /// Everything drawn as polylines: the path (each cubic in `steps` pieces), then each
    /// marker's outline.
    pub fn polylines(&self, steps: usize) -> Vec<Vec<Point>> {
        let mut out = self.path.flatten(steps);
        out.extend(self.start.iter().chain(&self.end).map(MarkerSpan::outline));
        out
    }
}

/// Draws every route of `layout` as `specs` says (index by index; routes without a spec, or
/// specs without a route, are left out), keeping each basis curve clear of the boxes foreign to
/// it wherever its route is (see [`tightened`]) and on its label where its route bends there
/// (see [`on_label`]).
pub fn draw_edges(layout: &Layout, specs: &[EdgeSpec]) -> Vec<DrawnEdge> {
    let boxes = Boxes::of(layout);
    layout
        .edges
        .iter()
        .zip(specs)
        .map(|(route, spec)| draw_edge(&route.points, route.label, spec, &boxes))
        .collect()
}

/// [`draw_edges`] again for the edges `which` marks (their routes changed), the others kept as
/// `drawn` has them.
pub(crate) fn redraw_edges(
    layout: &Layout,
    specs: &[EdgeSpec],
    which: &[bool],
    drawn: &mut [DrawnEdge],
) {
    let boxes = Boxes::of(layout);
    for (i, (route, spec)) in layout.edges.iter().zip(specs).enumerate() {
        if let (Some(true), Some(d)) = (which.get(i), drawn.get_mut(i)) {
            *d = draw_edge(&route.points, route.label, spec, &boxes);
        }
    }
}

/// One edge through `points`, its label box `label`.
fn draw_edge(points: &[Point], label: Option<Rect>, spec: &EdgeSpec, boxes: &Boxes) -> DrawnEdge {
    let (start, end) = (marker_reach(spec.start), marker_reach(spec.end));
    let (pts, curve) = control_points(points, spec.curve, start, end);
    let span = |m: Marker, base: Option<&Point>, tip: Option<&Point>| {
        let (base, tip) = (*base?, *tip?);
        (m != Marker::None).then_some(MarkerSpan {
            base,
            tip,
            half_width: marker_half_width(m),
        })
    };
    let mut drawn = DrawnEdge {
        start: span(spec.start, pts.first(), points.first()),
        end: span(spec.end, pts.last(), points.last()),
        path: path_through(&pts, curve),
    };
    if curve == Curve::Basis && pts.len() > 2 {
        let times = on_label(&pts, label);
        if times.iter().any(|&k| k > 1) {
            drawn.path = repeated_basis(&pts, &times);
        }
        drawn.path = tightened(&pts, &times, spec, &drawn, boxes);
    }
    drawn
}

/// How often each of the control points `pts` is repeated so that a basis curve through
/// them runs through the middle of the edge's `label` box (the box's central half, each way).
/// A basis curve only approaches its control points: where the route bends at the label's
/// point (its label dummy's), the plain curve can pass the label by more than its half height.
/// There the point is doubled (a tighter corner, a few pixels from the point) and, if that is
/// not enough, tripled (the curve goes through the point; the corner is under the label).
/// Elsewhere every point is drawn once.
fn on_label(pts: &[Point], label: Option<Rect>) -> Vec<usize> {
    let mut times = vec![1usize; pts.len()];
    let Some(label) = label else { return times };
    let c = label.center();
    let bend = (1..pts.len() - 1).find(|&i| {
        let b = pts[i];
        let at_centre = (b.x - c.x).abs() < 1e-6 && (b.y - c.y).abs() < 1e-6;
        at_centre && !goes_straight(pts[i - 1], b, pts[i + 1])
    });
    let Some(i) = bend else { return times };
    let middle = Rect::centered(c, Size::new(label.width / 2.0, label.height / 2.0));
    for k in 1..=3 {
        times[i] = k;
        let through = repeated_basis(pts, &times)
            .flatten(SAMPLES)
            .iter()
            .flat_map(|line| line.windows(2))
            .any(|w| distance(w[0], w[1], &middle) <= 0.0);
        if through {
            break;
        }
    }
    times
}

/// The basis curve through `pts`, each point repeated `times[i]` times.
fn repeated_basis(pts: &[Point], times: &[usize]) -> PathData {
    let mut repeated = Vec::with_capacity(pts.len() * 3);
    for (p, &k) in pts.iter().zip(times) {
        repeated.extend(std::iter::repeat_n(*p, k));
    }
    let mut p = PathData::new();
    p.m(pts[0].x, pts[0].y);
    basis(&mut p, &repeated);
    p
}

/// Pieces per cubic when a curve is sampled for clearance (16 chords: a few hundredths of a
/// pixel off the curve at the sizes layouts draw).
pub(crate) const SAMPLES: usize = 16;

/// The basis curve through `pts` (`drawn` is it untightened, each point repeated `base[i]`
/// times), pulled towards its control polygon wherever it comes nearer a foreign box than the
/// polygon lets it (see [`Bounds`]).
///
/// A basis curve cuts each corner of its control polygon; repeating a control point pulls the
/// curve towards it (twice: most of the way; three times: onto the corner, the pieces beside
/// it straight). So corners near an offending box are doubled, then tripled, then every
/// corner is tripled, and the curve is the polygon, which the routes keep clear. Corners far
/// from every box keep mermaid's smooth look.
fn tightened(
    pts: &[Point],
    base: &[usize],
    spec: &EdgeSpec,
    drawn: &DrawnEdge,
    boxes: &Boxes,
) -> PathData {
    let near = |d: &DrawnEdge| boxes.drawn_closer_than(d, SAMPLES, spec.from, spec.to, FULL);
    let found = near(drawn);
    if found.is_empty() {
        return drawn.path.clone();
    }
    let mut polygon = vec![pts.to_vec()];
    polygon.extend(
        drawn
            .start
            .iter()
            .chain(&drawn.end)
            .map(MarkerSpan::outline),
    );
    let mut bounds = Bounds {
        boxes,
        polygon,
        known: Vec::new(),
    };
    let mut offending = bounds.offending(drawn, &found);
    let mut times = base.to_vec();
    for round in 0..3 {
        if offending.is_empty() {
            break;
        }
        for i in 1..pts.len() - 1 {
            let close = offending.iter().any(|r| {
                nearer_than(pts[i - 1], pts[i], r, NEAR_CORNER)
                    || nearer_than(pts[i], pts[i + 1], r, NEAR_CORNER)
            });
            if round == 2 {
                times[i] = 3;
            } else if close {
                times[i] = (times[i] + 1).min(3);
            }
        }
        let candidate = DrawnEdge {
            path: repeated_basis(pts, &times),
            start: drawn.start,
            end: drawn.end,
        };
        let found = near(&candidate);
        offending = bounds.offending(&candidate, &found);
        if round == 2 || offending.is_empty() {
            return candidate.path;
        }
    }
    drawn.path.clone()
}

/// The margin (px) a drawn curve keeps from a foreign box wherever its route does: the full
/// clearance, less only the sampling error.
const FULL: f64 = CLEARANCE - DRAWN_SLACK;

/// How near an edge's control polygon (its route, with its markers' outlines) lets its curve
/// come to each foreign box: [`FULL`] where the polygon keeps that far; where the polygon
/// comes nearer but keeps what quality counts (`CLEARANCE - SLACK`), that; where it comes
/// nearer still, no bound (the route itself is too near; the curve is not held to more).
struct Bounds<'a> {
    boxes: &'a Boxes,
    polygon: Vec<Vec<Point>>,
    /// The bounds found so far.
    known: Vec<(Foreign, Option<f64>)>,
}

impl Bounds<'_> {
    /// The bound of box `f`, and its rectangle.
    fn of(&mut self, f: Foreign) -> (Option<f64>, Option<Rect>) {
        let r = self.boxes.rect(f);
        if let Some(&(_, b)) = self.known.iter().find(|(g, _)| *g == f) {
            return (b, r);
        }
        let b = r.and_then(|r| {
            [FULL, CLEARANCE - SLACK]
                .into_iter()
                .find(|&m| !lines_nearer(&self.polygon, &r, m))
        });
        self.known.push((f, b));
        (b, r)
    }

    /// The boxes among `found` (those `drawn` comes nearer than [`FULL`]) that `drawn` comes
    /// nearer than their bounds.
    fn offending(&mut self, drawn: &DrawnEdge, found: &[Foreign]) -> Vec<Rect> {
        let mut lines = None;
        let mut out = Vec::new();
        for &f in found {
            let (bound, rect) = self.of(f);
            let (Some(m), Some(r)) = (bound, rect) else {
                continue;
            };
            let within = m >= FULL
                || lines_nearer(lines.get_or_insert_with(|| drawn.polylines(SAMPLES)), &r, m);
            if within {
                out.push(r);
            }
        }
        out
    }
}

/// Whether a piece of `lines` (a line of one point: the point) comes nearer `r` than `margin`.
fn lines_nearer(lines: &[Vec<Point>], r: &Rect, margin: f64) -> bool {
    lines.iter().any(|line| {
        if line.len() == 1 {
            return nearer_than(line[0], line[0], r, margin);
        }
        line.windows(2).any(|w| nearer_than(w[0], w[1], r, margin))
    })
}

/// How near (px) a corner's polygon sides come to an offending box for the corner to be
/// tightened.
const NEAR_CORNER: f64 = 3.0 * CLEARANCE;

/// Drops consecutive duplicate points (zero-length segments break tangents).
fn dedup(points: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if p.x.is_finite() && p.y.is_finite() {
            match out.last() {
                Some(q) if (q.x - p.x).abs() < 1e-9 && (q.y - p.y).abs() < 1e-9 => {}
                _ => out.push(*p),
            }
        }
    }
    out
}

/// The step curves as the polylines they are (d3's `t` = 0.5, 0, 1).
fn steps(points: &[Point], t: f64) -> Vec<Point> {
    let mut out = vec![points[0]];
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        if t <= 0.0 {
            out.push(Point::new(a.x, b.y));
        } else if t >= 1.0 {
            out.push(Point::new(b.x, a.y));
        } else {
            let xm = a.x + (b.x - a.x) * t;
            out.push(Point::new(xm, a.y));
            out.push(Point::new(xm, b.y));
        }
        out.push(b);
    }
    dedup(&out)
}

/// The path for an edge routed through `points`, shortened by `start`/`end` marker reach.
#[cfg(test)]
pub(crate) fn edge_path(points: &[Point], curve: Curve, start: f64, end: f64) -> PathData {
    let (pts, curve) = control_points(points, curve, start, end);
    path_through(&pts, curve)
}

/// The points a curve is drawn through (steps expanded, duplicates dropped, ends shortened by
/// `start`/`end`), and the curve that draws them (steps become linear).
fn control_points(points: &[Point], curve: Curve, start: f64, end: f64) -> (Vec<Point>, Curve) {
    let mut pts = dedup(points);
    if pts.len() < 2 {
        return (Vec::new(), curve);
    }
    let curve = match curve {
        Curve::Step => {
            pts = steps(&pts, 0.5);
            Curve::Linear
        }
        Curve::StepBefore => {
            pts = steps(&pts, 0.0);
            Curve::Linear
        }
        Curve::StepAfter => {
            pts = steps(&pts, 1.0);
            Curve::Linear
        }
        c => c,
    };
    trim(&mut pts, end, false);
    trim(&mut pts, start, true);
    (pts, curve)
}

/// `curve` through `pts` (at least two, or the path is empty).
fn path_through(pts: &[Point], curve: Curve) -> PathData {
    if pts.len() < 2 {
        return PathData::new();
    }
    let mut p = PathData::new();
    p.m(pts[0].x, pts[0].y);
    if pts.len() == 2 && curve != Curve::BumpX && curve != Curve::BumpY {
        p.l(pts[1].x, pts[1].y);
        return p;
    }
    match curve {
        Curve::Basis => basis(&mut p, pts),
        Curve::Natural => natural(&mut p, pts),
        Curve::Cardinal => catmull_rom(&mut p, pts, 0.0),
        Curve::CatmullRom => catmull_rom(&mut p, pts, 0.5),
        Curve::MonotoneX => monotone(&mut p, pts, false),
        Curve::MonotoneY => monotone(&mut p, pts, true),
        Curve::BumpX | Curve::BumpY => {
            for w in pts.windows(2) {
                let (a, b) = (w[0], w[1]);
                let (c1, c2) = if curve == Curve::BumpX {
                    let xm = (a.x + b.x) / 2.0;
                    (Point::new(xm, a.y), Point::new(xm, b.y))
                } else {
                    let ym = (a.y + b.y) / 2.0;
                    (Point::new(a.x, ym), Point::new(b.x, ym))
                };
                p.c(c1, c2, b);
            }
        }
        _ => {
            for q in &pts[1..] {
                p.l(q.x, q.y);
            }
        }
    }
    p
}

fn lerp3(a: Point, b: Point, c: Point, wa: f64, wb: f64, wc: f64) -> Point {
    let s = wa + wb + wc;
    Point::new(
        (wa * a.x + wb * b.x + wc * c.x) / s,
        (wa * a.y + wb * b.y + wc * c.y) / s,
    )
}

/// d3 `curveBasis`: a uniform cubic B-spline clamped to the end points.
fn basis(p: &mut PathData, pts: &[Point]) {
    let n = pts.len();
    let first = lerp3(pts[0], pts[1], pts[1], 5.0, 1.0, 0.0);
    p.l(first.x, first.y);
    let seg = |p: &mut PathData, a: Point, b: Point, c: Point| {
        p.c(
            lerp3(a, b, b, 2.0, 1.0, 0.0),
            lerp3(a, b, b, 1.0, 2.0, 0.0),
            lerp3(a, b, c, 1.0, 4.0, 1.0),
        );
    };
    for i in 2..n {
        seg(p, pts[i - 2], pts[i - 1], pts[i]);
    }
    seg(p, pts[n - 2], pts[n - 1], pts[n - 1]);
    p.l(pts[n - 1].x, pts[n - 1].y);
}

/// d3 `curveCatmullRom` with parameter `alpha` (0.5: centripetal, d3's default; 0: uniform,
/// which is also d3 `curveCardinal` with tension 0). Like d3, the first and last segments
/// use their end point as the outer control point.
fn catmull_rom(p: &mut PathData, pts: &[Point], alpha: f64) {
    let n = pts.len();
    let dist = |a: Point, b: Point| ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).powf(alpha / 2.0);
    for i in 0..n - 1 {
        let (p1, p2) = (pts[i], pts[i + 1]);
        let l12 = dist(p1, p2);
        let l12_2 = l12 * l12;
        let mut c1 = p1;
        if i > 0 {
            let p0 = pts[i - 1];
            let l01 = dist(p0, p1);
            if l01 > 1e-12 {
                let l01_2 = l01 * l01;
                let a = 2.0 * l01_2 + 3.0 * l01 * l12 + l12_2;
                let m = 3.0 * l01 * (l01 + l12);
                c1 = Point::new(
                    (p1.x * a - p0.x * l12_2 + p2.x * l01_2) / m,
                    (p1.y * a - p0.y * l12_2 + p2.y * l01_2) / m,
                );
            }
        }
        let mut c2 = p2;
        if i + 2 < n {
            let p3 = pts[i + 2];
            let l23 = dist(p2, p3);
            if l23 > 1e-12 {
                let l23_2 = l23 * l23;
                let b = 2.0 * l23_2 + 3.0 * l23 * l12 + l12_2;
                let m = 3.0 * l23 * (l23 + l12);
                c2 = Point::new(
                    (p2.x * b + p1.x * l23_2 - p3.x * l12_2) / m,
                    (p2.y * b + p1.y * l23_2 - p3.y * l12_2) / m,
                );
            }
        }
        p.c(c1, c2, p2);
    }
}

/// d3 `curveNatural`: the natural cubic spline through the points.
fn natural(p: &mut PathData, pts: &[Point]) {
    let xs: Vec<f64> = pts.iter().map(|q| q.x).collect();
    let ys: Vec<f64> = pts.iter().map(|q| q.y).collect();
    let (ax, bx) = natural_controls(&xs);
    let (ay, by) = natural_controls(&ys);
    for i in 0..pts.len() - 1 {
        p.c(
            Point::new(ax[i], ay[i]),
            Point::new(bx[i], by[i]),
            pts[i + 1],
        );
    }
}

fn natural_controls(x: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let n = x.len() - 1;
    let mut a = vec![0.0; n];
    let mut b = vec![0.0; n];
    let mut r = vec![0.0; n];
    a[0] = 0.0;
    b[0] = 2.0;
    r[0] = x[0] + 2.0 * x[1];
    for i in 1..n.saturating_sub(1) {
        a[i] = 1.0;
        b[i] = 4.0;
        r[i] = 4.0 * x[i] + 2.0 * x[i + 1];
    }
    a[n - 1] = 2.0;
    b[n - 1] = 7.0;
    r[n - 1] = 8.0 * x[n - 1] + x[n];
    for i in 1..n {
        let m = a[i] / b[i - 1];
        b[i] -= m;
        r[i] -= m * r[i - 1];
    }
    a[n - 1] = r[n - 1] / b[n - 1];
    for i in (0..n.saturating_sub(1)).rev() {
        a[i] = (r[i] - a[i + 1]) / b[i];
    }
    b[n - 1] = (x[n] + a[n - 1]) / 2.0;
    for i in 0..n.saturating_sub(1) {
        b[i] = 2.0 * x[i + 1] - a[i + 1];
    }
    (a, b)
}

/// d3 `curveMonotoneX` (or `Y` with the axes swapped): Fritsch–Carlson tangents. Where two
/// points share the independent coordinate the tangent is taken as 0.
fn monotone(p: &mut PathData, pts: &[Point], swap: bool) {
    let q: Vec<(f64, f64)> = pts
        .iter()
        .map(|p| if swap { (p.y, p.x) } else { (p.x, p.y) })
        .collect();
    let n = q.len();
    let sign = |v: f64| if v < 0.0 { -1.0 } else { 1.0 };
    let mut t = vec![0.0; n];
    for i in 1..n - 1 {
        let (h0, h1) = (q[i].0 - q[i - 1].0, q[i + 1].0 - q[i].0);
        if h0 == 0.0 || h1 == 0.0 || h0 + h1 == 0.0 {
            continue;
        }
        let s0 = (q[i].1 - q[i - 1].1) / h0;
        let s1 = (q[i + 1].1 - q[i].1) / h1;
        let m = (s0 * h1 + s1 * h0) / (h0 + h1);
        let v = (sign(s0) + sign(s1)) * s0.abs().min(s1.abs()).min(0.5 * m.abs());
        t[i] = if v.is_finite() { v } else { 0.0 };
    }
    let slope2 = |a: (f64, f64), b: (f64, f64), t: f64| {
        let h = b.0 - a.0;
        if h != 0.0 {
            (3.0 * (b.1 - a.1) / h - t) / 2.0
        } else {
            t
        }
    };
    t[0] = slope2(q[0], q[1], t[1]);
    t[n - 1] = slope2(q[n - 2], q[n - 1], t[n - 2]);
    let pt = |a: f64, b: f64| {
        if swap {
            Point::new(b, a)
        } else {
            Point::new(a, b)
        }
    };
    for i in 0..n - 1 {
        let (a, b) = (q[i], q[i + 1]);
        let dx = (b.0 - a.0) / 3.0;
        p.c(
            pt(a.0 + dx, a.1 + dx * t[i]),
            pt(b.0 - dx, b.1 - dx * t[i + 1]),
            pt(b.0, b.1),
        );
    }
}

#[cfg(test)]
#[path = "curve_tests.rs"]
mod tests;
