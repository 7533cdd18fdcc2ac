//! Clearance of drawn edges: how close an edge's drawn curve and markers come to the boxes it
//! does not belong to. [`super::curve`] keeps it, [`super::quality`] measures it; both ask
//! this module, so they agree on what counts.
//!
//! What an edge belongs to: the nodes it ends on, and the cluster it ends on (if an end is a
//! cluster, its title box sits on the border the edge meets). Every other node box and every
//! cluster title is foreign. A cluster's border is not an obstacle: edges enter and leave
//! clusters through it, and only its title box (text) must stay clear.

use super::curve::{DrawnEdge, MarkerSpan};
use super::path::{PathData, Piece};
use super::{End, Layout};
use crate::geometry::{clip_to_box, Point, Rect};

/// The distance (px) a drawn edge keeps from every box it does not belong to.
pub const CLEARANCE: f64 = 8.0;

/// Measuring slack (px): a drawn edge closer than `CLEARANCE - SLACK` violates clearance
/// (curves are measured as chords, coordinates are written rounded).
pub const SLACK: f64 = 0.5;

/// How far (px) inside [`CLEARANCE`] the drawing lets a curve come where its route keeps the
/// full clearance (`layout::curve` tightens curves by this margin): the error of measuring a
/// curve as chords, and no more, so a route meant to run exactly `CLEARANCE` from a box (which
/// rounding can put a hair nearer) still holds its curve to the full margin.
pub const DRAWN_SLACK: f64 = 0.05;

/// A box a drawn edge may have to keep clear of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Foreign {
    /// The node box at this index of [`Layout::nodes`].
    Node(usize),
    /// The title box of the cluster at this index of [`Layout::clusters`].
    ClusterTitle(usize),
}

impl Foreign {
    /// Whether an edge from `from` to `to` belongs to this box (may touch it).
    pub fn belongs(self, from: End, to: End) -> bool {
        match self {
            Foreign::Node(i) => from == End::node(i) || to == End::node(i),
            Foreign::ClusterTitle(c) => from == End::cluster(c) || to == End::cluster(c),
        }
    }
}

/// The boxes of a layout (nodes, titled clusters' title boxes) in a uniform grid: each box
/// (grown by [`CLEARANCE`]) listed in the cells it covers, so a piece of a curve is tested only
/// against the boxes of the cells under it. (Looking at every box under a piece's x-range
/// looked at whole columns of boxes: five times the pipeline's time on the benchmark's
/// 1,000-node flowchart.)
#[derive(Debug, Clone, Default)]
pub(crate) struct Boxes {
    items: Vec<(Foreign, Rect)>,
    /// Left and top of the grid, and the side of its square cells.
    x0: f64,
    y0: f64,
    cell: f64,
    cols: usize,
    rows: usize,
    /// Cell `k`'s boxes are `entries[starts[k]..starts[k + 1]]` (indices into `items`).
    starts: Vec<usize>,
    entries: Vec<usize>,
}

/// Chords of a cubic looked at together first (see [`Boxes::drawn_closer_than`]).
const RUN: usize = 4;

/// Most cells along one side of the grid.
const MOST_CELLS: f64 = 512.0;

impl Boxes {
    /// Every node box and every non-empty cluster title box of `l` with finite coordinates.
    pub(crate) fn of(l: &Layout) -> Boxes {
        let nodes = l
            .nodes
            .iter()
            .enumerate()
            .map(|(i, r)| (Foreign::Node(i), *r));
        let titles = l
            .clusters
            .iter()
            .enumerate()
            .map(|(c, b)| (Foreign::ClusterTitle(c), b.title));
        let items: Vec<(Foreign, Rect)> = nodes
            .chain(titles)
            .filter(|(_, r)| {
                r.width > 0.0
                    && r.height > 0.0
                    && [r.x, r.y, r.width, r.height]
                        .iter()
                        .all(|v| v.is_finite() && v.abs() < 1e12)
            })
            .collect();
        if items.is_empty() {
            return Boxes::default();
        }
        let (mut x0, mut y0, mut x1, mut y1) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for (_, r) in &items {
            x0 = x0.min(r.x - CLEARANCE);
            y0 = y0.min(r.y - CLEARANCE);
            x1 = x1.max(r.right() + CLEARANCE);
            y1 = y1.max(r.bottom() + CLEARANCE);
        }
        let cell = (x1 - x0).max(y1 - y0).max(1.0) / MOST_CELLS;
        let cell = cell.max(32.0);
        let cols = (((x1 - x0) / cell).ceil() as usize).max(1);
        let rows = (((y1 - y0) / cell).ceil() as usize).max(1);
        let mut grid = Boxes {
            items,
            x0,
            y0,
            cell,
            cols,
            rows,
            starts: vec![0; cols * rows + 1],
            entries: Vec::new(),
        };
        // Counting pass, then filling (cells in order, boxes in order within a cell).
        let spans: Vec<_> = grid
            .items
            .iter()
            .map(|(_, r)| {
                grid.span(
                    r.x - CLEARANCE,
                    r.y - CLEARANCE,
                    r.right() + CLEARANCE,
                    r.bottom() + CLEARANCE,
                )
            })
            .collect();
        for &(c0, r0, c1, r1) in &spans {
            for row in r0..=r1 {
                for col in c0..=c1 {
                    grid.starts[row * cols + col + 1] += 1;
                }
            }
        }
        for k in 0..cols * rows {
            grid.starts[k + 1] += grid.starts[k];
        }
        let mut next = grid.starts.clone();
        grid.entries = vec![0; grid.starts[cols * rows]];
        for (i, &(c0, r0, c1, r1)) in spans.iter().enumerate() {
            for row in r0..=r1 {
                for col in c0..=c1 {
                    let k = row * cols + col;
                    grid.entries[next[k]] = i;
                    next[k] += 1;
                }
            }
        }
        grid
    }

    /// The cells `(first column, first row, last column, last row)` under a box, clamped to
    /// the grid (no box lies outside it).
    fn span(&self, lx: f64, ly: f64, hx: f64, hy: f64) -> (usize, usize, usize, usize) {
        // `as` truncates, which is `floor` at and above 0 (and sends NaN to 0 as `max` does).
        let col = |x: f64| (((x - self.x0) / self.cell).max(0.0) as usize).min(self.cols - 1);
        let row = |y: f64| (((y - self.y0) / self.cell).max(0.0) as usize).min(self.rows - 1);
        (col(lx), row(ly), col(hx), row(hy))
    }

    /// Calls `f` with the boxes of the cells under the box `lx..hx` × `ly..hy` grown by
    /// `margin` that [`touch`] it (some more than once), none when it lies off the grid or is
    /// not finite, until `f` returns false; whether it never did.
    fn each_touching(
        &self,
        (lx, ly, hx, hy): (f64, f64, f64, f64),
        margin: f64,
        mut f: impl FnMut(Foreign, &Rect) -> bool,
    ) -> bool {
        let finite = [lx, ly, hx, hy].iter().all(|v| v.is_finite());
        let far = !finite
            || hx + margin < self.x0
            || hy + margin < self.y0
            || lx - margin > self.x0 + self.cell * self.cols as f64
            || ly - margin > self.y0 + self.cell * self.rows as f64;
        if far {
            return true;
        }
        let (c0, r0, c1, r1) = self.span(lx - margin, ly - margin, hx + margin, hy + margin);
        for row in r0..=r1 {
            for k in row * self.cols + c0..=row * self.cols + c1 {
                for &i in &self.entries[self.starts[k]..self.starts[k + 1]] {
                    let (g, r) = &self.items[i];
                    if touch(r, (lx, ly, hx, hy), margin) && !f(*g, r) {
                        return false;
                    }
                }
            }
        }
        true
    }

    /// Pushes onto `out` the boxes foreign to the edge within `margin` of the piece `a`–`b`.
    fn near_piece(
        &self,
        a: Point,
        b: Point,
        from: End,
        to: End,
        margin: f64,
        out: &mut Vec<Foreign>,
    ) {
        self.each_touching(bounds(&[a, b]), margin, |f, r| {
            if !f.belongs(from, to) && nearer_than(a, b, r, margin) {
                out.push(f);
            }
            true
        });
    }

    /// [`Self::near_piece`] for a piece of any length: a long one in steps of about a cell,
    /// so each step looks at a few cells.
    fn near_chord(
        &self,
        a: Point,
        b: Point,
        from: End,
        to: End,
        margin: f64,
        out: &mut Vec<Foreign>,
    ) {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        // No more than a cell long for sure (√2 < 1.5), so one step, without `hypot`.
        if dx.abs().max(dy.abs()) * 1.5 <= self.cell {
            return self.near_piece(a, b, from, to, margin, out);
        }
        let len = dx.hypot(dy);
        let most = 2 * (self.cols + self.rows);
        let steps = if len.is_finite() {
            ((len / self.cell).ceil() as usize).clamp(1, most)
        } else {
            1
        };
        if steps == 1 {
            return self.near_piece(a, b, from, to, margin, out);
        }
        let at = |k: usize| {
            let t = k as f64 / steps as f64;
            Point::new(a.x + dx * t, a.y + dy * t)
        };
        for k in 0..steps {
            self.near_piece(at(k), at(k + 1), from, to, margin, out);
        }
    }

    /// The box of `f`, if it is one of these.
    pub(crate) fn rect(&self, f: Foreign) -> Option<Rect> {
        self.items.iter().find(|(g, _)| *g == f).map(|(_, r)| *r)
    }

    /// The boxes foreign to an edge from `from` to `to` that `lines` come closer to than
    /// `margin` (at most [`CLEARANCE`]), sorted, each once.
    #[cfg(test)]
    pub(crate) fn closer_than(
        &self,
        lines: &[Vec<Point>],
        from: End,
        to: End,
        margin: f64,
    ) -> Vec<Foreign> {
        let mut out = Vec::new();
        if self.items.is_empty() {
            return out;
        }
        for line in lines {
            self.near_line(line, from, to, margin, &mut out);
        }
        out.sort();
        out.dedup();
        out
    }

    /// [`Self::closer_than`] for what `drawn` draws, as [`DrawnEdge::polylines`]`(steps)`
    /// has it: the same answer, but a cubic whose control points' bounding box (which holds
    /// the curve) no foreign box comes near is not flattened at all.
    pub(crate) fn drawn_closer_than(
        &self,
        drawn: &DrawnEdge,
        steps: usize,
        from: End,
        to: End,
        margin: f64,
    ) -> Vec<Foreign> {
        let markers: Vec<Vec<Point>> = drawn
            .start
            .iter()
            .chain(&drawn.end)
            .map(MarkerSpan::outline)
            .collect();
        self.path_closer_than(&drawn.path, steps, &markers, from, to, margin)
    }

    /// [`Self::closer_than`] for `path` flattened into `steps` chords per cubic, and `lines`.
    fn path_closer_than(
        &self,
        path: &PathData,
        steps: usize,
        lines: &[Vec<Point>],
        from: End,
        to: End,
        margin: f64,
    ) -> Vec<Foreign> {
        let mut out = Vec::new();
        if self.items.is_empty() {
            return out;
        }
        let mut chords = Vec::with_capacity(steps);
        for piece in path.pieces(steps) {
            if let Piece::Cubic {
                from: p, points, ..
            } = piece
            {
                let (lx, ly, hx, hy) = bounds(&[p, points[0], points[1], points[2], points[3]]);
                // Chords are computed, so may stray from the box by a rounding error.
                let slack = 1e-9 * (1.0 + [lx, ly, hx, hy].iter().fold(0.0, |m, v| v.abs().max(m)));
                let hull = (lx - slack, ly - slack, hx + slack, hy + slack);
                let near = !self.each_touching(hull, margin, |f, _| f.belongs(from, to));
                if !near && slack.is_finite() {
                    continue;
                }
                // The chords in runs of [`RUN`]: a run whose points' bounding box (which holds
                // its chords) no foreign box comes near is not looked at chord by chord.
                chords.clear();
                chords.extend(piece.chords());
                for run in chords.chunks(RUN) {
                    let ends = run.iter().flat_map(|&(a, b)| [a, b]);
                    let (lx, ly, hx, hy) = ends.fold(
                        (
                            f64::INFINITY,
                            f64::INFINITY,
                            f64::NEG_INFINITY,
                            f64::NEG_INFINITY,
                        ),
                        |(lx, ly, hx, hy), p| (lx.min(p.x), ly.min(p.y), hx.max(p.x), hy.max(p.y)),
                    );
                    let near =
                        !self.each_touching((lx, ly, hx, hy), margin, |f, _| f.belongs(from, to));
                    // (A run with a coordinate not finite is looked at chord by chord.)
                    if near || ![lx, ly, hx, hy].iter().all(|v| v.is_finite()) {
                        for &(a, b) in run {
                            self.near_chord(a, b, from, to, margin, &mut out);
                        }
                    }
                }
                continue;
            }
            for (a, b) in piece.chords() {
                self.near_chord(a, b, from, to, margin, &mut out);
            }
        }
        for line in lines {
            self.near_line(line, from, to, margin, &mut out);
        }
        out.sort();
        out.dedup();
        out
    }

    /// Pushes onto `out` the boxes foreign to the edge within `margin` of the polyline (of a
    /// point: the point).
    fn near_line(&self, line: &[Point], from: End, to: End, margin: f64, out: &mut Vec<Foreign>) {
        let pieces = line
            .windows(2)
            .map(|w| (w[0], w[1]))
            .chain((line.len() == 1).then(|| (line[0], line[0])));
        for (a, b) in pieces {
            self.near_chord(a, b, from, to, margin, out);
        }
    }
}

/// The bounding box `(left, top, right, bottom)` of `points`.
fn bounds(points: &[Point]) -> (f64, f64, f64, f64) {
    points.iter().fold(
        (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ),
        |(lx, ly, hx, hy), p| (lx.min(p.x), ly.min(p.y), hx.max(p.x), hy.max(p.y)),
    )
}

/// Whether `r` meets the box `lx..hx` × `ly..hy` grown by `margin` (the cheap test before a
/// distance).
fn touch(r: &Rect, (lx, ly, hx, hy): (f64, f64, f64, f64), margin: f64) -> bool {
    r.x <= hx + margin
        && r.right() >= lx - margin
        && r.y <= hy + margin
        && r.bottom() >= ly - margin
}

/// Distance from the segment `a`–`b` to the rectangle `r` (0 when they meet).
pub(crate) fn distance(a: Point, b: Point, r: &Rect) -> f64 {
    nearest(a, b, r, f64::hypot)
}

/// Whether the segment `a`–`b` comes nearer the rectangle `r` than `margin`: exactly
/// `distance(a, b, r) < margin`, decided on squared distances (no square root) unless they
/// lie within a rounding error of `margin`'s square.
pub(crate) fn nearer_than(a: Point, b: Point, r: &Rect, margin: f64) -> bool {
    let finite = [a.x, a.y, b.x, b.y, margin].iter().all(|v| v.is_finite());
    if finite && margin > 0.0 {
        // Farther apart than `margin` along an axis (by more than any rounding error).
        let gap_x = (r.x - a.x.max(b.x)).max(a.x.min(b.x) - r.right());
        let gap_y = (r.y - a.y.max(b.y)).max(a.y.min(b.y) - r.bottom());
        let size = [a.x, a.y, b.x, b.y, r.x, r.y, r.right(), r.bottom()]
            .iter()
            .fold(1.0, |s, v| s + v.abs());
        if gap_x.max(gap_y) > margin + 1e-9 * size {
            return false;
        }
        let (d2, m2) = (nearest(a, b, r, |x, y| x * x + y * y), margin * margin);
        // Both ways the error is a few units in the last place; a billionth is far more.
        if d2 < m2 * (1.0 - 1e-9) {
            return true;
        }
        if d2 > m2 * (1.0 + 1e-9) {
            return false;
        }
    }
    distance(a, b, r) < margin
}

/// The least `size(dx, dy)` over the offsets from the segment `a`–`b` to the rectangle `r`
/// (its corners to the segment, the segment's ends to it); 0 when they meet. `size` is the
/// length, or its square.
fn nearest(a: Point, b: Point, r: &Rect, size: impl Fn(f64, f64) -> f64) -> f64 {
    if crosses(a, b, r) {
        return 0.0;
    }
    let corners = [
        Point::new(r.x, r.y),
        Point::new(r.right(), r.y),
        Point::new(r.x, r.bottom()),
        Point::new(r.right(), r.bottom()),
    ];
    let to_rect = |p: Point| {
        let dx = (r.x - p.x).max(p.x - r.right()).max(0.0);
        let dy = (r.y - p.y).max(p.y - r.bottom()).max(0.0);
        size(dx, dy)
    };
    corners
        .iter()
        .map(|c| {
            let (dx, dy) = to_segment(*c, a, b);
            size(dx, dy)
        })
        .chain([to_rect(a), to_rect(b)])
        .fold(f64::INFINITY, f64::min)
}

/// Whether the segment meets the closed rectangle (Liang–Barsky clipping).
fn crosses(a: Point, b: Point, r: &Rect) -> bool {
    clip_to_box(a, b, (r.x, r.y, r.right(), r.bottom())).is_some_and(|(t0, t1)| t0 <= t1)
}

/// The offset from the point of the segment `a`–`b` nearest `p` to `p`.
fn to_segment(p: Point, a: Point, b: Point) -> (f64, f64) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 1e-18 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.x - a.x - t * dx, p.y - a.y - t * dy)
}

#[cfg(test)]
#[path = "clearance_tests.rs"]
mod tests;
