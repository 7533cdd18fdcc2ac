//! Clearance of drawn edges: how close an edge's drawn curve and markers come to the boxes it
//! does not belong to. [`super::curve`] keeps it, [`super::quality`] measures it; both ask
//! this module, so they agree on what counts.
//!
//! What an edge belongs to: the nodes it ends on, and the cluster it ends on (if an end is a
//! cluster, its title box sits on the border the edge meets). Every other node box and every
//! cluster title is foreign. A cluster's border is not an obstacle: edges enter and leave
//! clusters through it, and only its title box (text) must stay clear.

use super::{End, Layout};
use crate::geometry::{clip_to_box, Point, Rect};

/// The distance (px) a drawn edge keeps from every box it does not belong to.
pub const CLEARANCE: f64 = 8.0;

/// Measuring slack (px): a drawn edge closer than `CLEARANCE - SLACK` violates clearance
/// (curves are measured as chords, coordinates are written rounded).
pub const SLACK: f64 = 0.5;

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
        let col =
            |x: f64| (((x - self.x0) / self.cell).floor().max(0.0) as usize).min(self.cols - 1);
        let row =
            |y: f64| (((y - self.y0) / self.cell).floor().max(0.0) as usize).min(self.rows - 1);
        (col(lx), row(ly), col(hx), row(hy))
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
        let (lx, ly, hx, hy) = (a.x.min(b.x), a.y.min(b.y), a.x.max(b.x), a.y.max(b.y));
        if ![lx, ly, hx, hy].iter().all(|v| v.is_finite()) {
            return;
        }
        let far = hx + margin < self.x0
            || hy + margin < self.y0
            || lx - margin > self.x0 + self.cell * self.cols as f64
            || ly - margin > self.y0 + self.cell * self.rows as f64;
        if far {
            return;
        }
        let (c0, r0, c1, r1) = self.span(lx - margin, ly - margin, hx + margin, hy + margin);
        for row in r0..=r1 {
            for col in c0..=c1 {
                let k = row * self.cols + col;
                for &i in &self.entries[self.starts[k]..self.starts[k + 1]] {
                    let (f, r) = &self.items[i];
                    let meets = r.x <= hx + margin
                        && r.right() >= lx - margin
                        && r.y <= hy + margin
                        && r.bottom() >= ly - margin;
                    if meets && !f.belongs(from, to) && distance(a, b, r) < margin {
                        out.push(*f);
                    }
                }
            }
        }
    }

    /// The box of `f`, if it is one of these.
    pub(crate) fn rect(&self, f: Foreign) -> Option<Rect> {
        self.items.iter().find(|(g, _)| *g == f).map(|(_, r)| *r)
    }

    /// The boxes foreign to an edge from `from` to `to` that `lines` come closer to than
    /// `margin` (at most [`CLEARANCE`]), sorted, each once.
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
            let pieces = line
                .windows(2)
                .map(|w| (w[0], w[1]))
                .chain((line.len() == 1).then(|| (line[0], line[0])));
            for (a, b) in pieces {
                // Long pieces in steps of about a cell, so each step looks at a few cells.
                let len = (b.x - a.x).hypot(b.y - a.y);
                let most = 2 * (self.cols + self.rows);
                let steps = if len.is_finite() {
                    ((len / self.cell).ceil() as usize).clamp(1, most)
                } else {
                    1
                };
                let at = |k: usize| {
                    let t = k as f64 / steps as f64;
                    Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
                };
                for k in 0..steps {
                    let (p, q) = if steps == 1 {
                        (a, b)
                    } else {
                        (at(k), at(k + 1))
                    };
                    self.near_piece(p, q, from, to, margin, &mut out);
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// Distance from the segment `a`–`b` to the rectangle `r` (0 when they meet).
pub(crate) fn distance(a: Point, b: Point, r: &Rect) -> f64 {
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
        dx.hypot(dy)
    };
    corners
        .iter()
        .map(|c| to_segment(*c, a, b))
        .chain([to_rect(a), to_rect(b)])
        .fold(f64::INFINITY, f64::min)
}

/// Whether the segment meets the closed rectangle (Liang–Barsky clipping).
fn crosses(a: Point, b: Point, r: &Rect) -> bool {
    clip_to_box(a, b, (r.x, r.y, r.right(), r.bottom())).is_some_and(|(t0, t1)| t0 <= t1)
}

fn to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 1e-18 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.x - a.x - t * dx).hypot(p.y - a.y - t * dy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_to_a_box() {
        let r = Rect::new(0.0, 0.0, 10.0, 10.0);
        let p = Point::new;
        assert_eq!(distance(p(-5.0, 5.0), p(15.0, 5.0), &r), 0.0, "through");
        assert_eq!(distance(p(-5.0, -3.0), p(15.0, -3.0), &r), 3.0, "above");
        assert_eq!(distance(p(13.0, 13.0), p(20.0, 20.0), &r), 18f64.sqrt());
        assert_eq!(distance(p(12.0, -20.0), p(12.0, 20.0), &r), 2.0, "beside");
        // A diagonal passing a corner: the corner's distance to the line.
        let d = distance(p(5.0, -10.0), p(20.0, 5.0), &r);
        assert!((d - 5.0 / 2f64.sqrt()).abs() < 1e-9, "{d}");
    }

    #[test]
    fn an_edge_may_touch_its_own_ends_only() {
        let l = Layout {
            nodes: vec![
                Rect::new(0.0, 0.0, 10.0, 10.0),
                Rect::new(0.0, 100.0, 10.0, 10.0),
                Rect::new(12.0, 50.0, 10.0, 10.0),
            ],
            ..Layout::default()
        };
        let b = Boxes::of(&l);
        let line = vec![vec![Point::new(5.0, 10.0), Point::new(5.0, 100.0)]];
        let near = b.closer_than(&line, End::node(0), End::node(1), CLEARANCE);
        assert_eq!(near, vec![Foreign::Node(2)], "7 px from node 2");
        assert!(b
            .closer_than(&line, End::node(0), End::node(1), 6.0)
            .is_empty());
        assert!(b
            .closer_than(&line, End::node(0), End::node(2), CLEARANCE)
            .contains(&Foreign::Node(1)));
    }

    /// The grid finds exactly what testing every box finds: random boxes (some huge, some far
    /// apart) and random polylines (long and short pieces, some outside the grid).
    #[test]
    fn the_grid_finds_what_every_box_finds() {
        let mut rng = crate::layout::quality::generate::Rng::new(0x5eed_c1ea);
        let mut next = |m: f64| rng.below(100_000) as f64 / 100_000.0 * m;
        for round in 0..20 {
            let spread = if round % 2 == 0 { 2_000.0 } else { 60_000.0 };
            let nodes: Vec<Rect> = (0..60)
                .map(|k| {
                    let big = if k == 0 { 5_000.0 } else { 200.0 };
                    Rect::new(
                        next(spread),
                        next(spread),
                        1.0 + next(big),
                        1.0 + next(90.0),
                    )
                })
                .collect();
            let l = Layout {
                nodes: nodes.clone(),
                ..Layout::default()
            };
            let grid = Boxes::of(&l);
            for _ in 0..40 {
                let line: Vec<Point> = (0..1 + (next(6.0) as usize))
                    .map(|_| Point::new(next(spread * 1.2) - 500.0, next(spread * 1.2) - 500.0))
                    .collect();
                let found = grid.closer_than(
                    std::slice::from_ref(&line),
                    End::node(0),
                    End::node(1),
                    CLEARANCE,
                );
                let mut every: Vec<Foreign> = (2..nodes.len())
                    .filter(|&i| {
                        let pieces: Vec<(Point, Point)> = if line.len() == 1 {
                            vec![(line[0], line[0])]
                        } else {
                            line.windows(2).map(|w| (w[0], w[1])).collect()
                        };
                        pieces
                            .iter()
                            .any(|&(a, b)| distance(a, b, &nodes[i]) < CLEARANCE - 1e-6)
                    })
                    .map(Foreign::Node)
                    .collect();
                every.sort();
                // Pieces split at cell steps may differ by rounding at exactly the margin.
                let near_margin: Vec<Foreign> = found
                    .iter()
                    .filter(|f| !every.contains(f))
                    .copied()
                    .collect();
                for f in &near_margin {
                    let Foreign::Node(i) = f else { unreachable!() };
                    let d = line
                        .windows(2)
                        .map(|w| distance(w[0], w[1], &nodes[*i]))
                        .fold(f64::INFINITY, f64::min);
                    assert!(d > CLEARANCE - 1e-6 && d < CLEARANCE + 1e-6, "{f:?} at {d}");
                }
                for f in &every {
                    assert!(found.contains(f), "{f:?} missed in round {round}");
                }
            }
        }
    }
}
