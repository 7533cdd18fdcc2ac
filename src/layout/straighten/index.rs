//! The spatial index of the straightening pass: a uniform grid over the drawing. Boxes sit in
//! every cell their rectangle meets; a segment sits only in the cells it passes through (with
//! [`PAD`] to spare), and a query walks the cells of its own segment the same way, so a long
//! diagonal shortcut meets the few obstacles along it rather than everything in its bounding
//! box. Box queries may see an item twice (their tests don't mind); a crossing is counted
//! once (a stamp per segment, no sorting, no allocation).
//!
//! Queries are exact filters: every box a segment passes through, and every segment that
//! crosses it, shares a cell with it (the common point lies in one), so the answers are the
//! same as testing everything.

use crate::geometry::Point;

/// Side (px) of the cells.
const CELL: f64 = 96.0;

/// Slack (px) around the part of a segment within a row of cells, against rounding.
const PAD: f64 = 1.0;

/// The cells' layout: how many columns and rows (points outside go to the outer cells).
#[derive(Clone, Copy)]
struct Shape {
    cols: usize,
    rows: usize,
}

impl Shape {
    fn col(&self, x: f64) -> usize {
        ((x.max(0.0) / CELL) as usize).min(self.cols - 1)
    }

    fn row(&self, y: f64) -> usize {
        ((y.max(0.0) / CELL) as usize).min(self.rows - 1)
    }

    /// Calls `f` with every cell the segment `a`–`b` passes through (and a few beside it).
    fn walk(&self, a: Point, b: Point, mut f: impl FnMut(usize)) {
        let (ylo, yhi) = (a.y.min(b.y), a.y.max(b.y));
        let (xmin, xmax) = (a.x.min(b.x), a.x.max(b.x));
        let (r0, r1) = (self.row(ylo), self.row(yhi));
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        for r in r0..=r1 {
            let (x0, x1) = if r0 == r1 || dy.abs() < 1e-9 {
                (xmin, xmax)
            } else {
                // The part of the segment whose y lies in this row (the end rows are
                // bounded by the segment, which also covers the clamped outer rows).
                let y0 = if r == r0 { ylo } else { r as f64 * CELL };
                let y1 = if r == r1 { yhi } else { (r + 1) as f64 * CELL };
                let xa = a.x + (y0 - a.y) / dy * dx;
                let xb = a.x + (y1 - a.y) / dy * dx;
                ((xa.min(xb) - PAD).max(xmin), (xa.max(xb) + PAD).min(xmax))
            };
            let row = r * self.cols;
            for c in self.col(x0)..=self.col(x1) {
                f(row + c);
            }
        }
    }
}

/// An item in a cell: its id, the route it belongs to (segments) and its two points (kept in
/// the cell so that a query reads the cells in order rather than a list at random).
#[derive(Clone, Copy)]
pub(super) struct Item {
    pub id: u32,
    pub edge: u32,
    pub a: Point,
    pub b: Point,
}

/// A uniform grid of items over the drawing, for "what is near this segment".
pub(super) struct Grid {
    shape: Shape,
    cells: Vec<Vec<Item>>,
    /// Per item, the last query that reported it.
    stamp: Vec<u32>,
    query: u32,
}

impl Grid {
    pub(super) fn new(width: f64, height: f64) -> Grid {
        let n = |v: f64| ((v.max(0.0) / CELL) as usize + 1).min(4096);
        let (cols, rows) = (n(width), n(height));
        Grid {
            shape: Shape { cols, rows },
            cells: vec![Vec::new(); cols * rows],
            stamp: Vec::new(),
            query: 0,
        }
    }

    fn grow(&mut self, id: u32) {
        if self.stamp.len() <= id as usize {
            self.stamp.resize(id as usize + 1, 0);
        }
    }

    /// Puts item `id` in every cell the box `(lo, hi)` meets.
    pub(super) fn insert_box(&mut self, id: u32, (lo, hi): (Point, Point)) {
        self.grow(id);
        let item = Item {
            id,
            edge: 0,
            a: lo,
            b: hi,
        };
        let sh = self.shape;
        let (c0, c1, r0, r1) = (sh.col(lo.x), sh.col(hi.x), sh.row(lo.y), sh.row(hi.y));
        for r in r0..=r1 {
            for c in c0..=c1 {
                self.cells[r * sh.cols + c].push(item);
            }
        }
    }

    /// Puts segment `item` in the cells it passes through.
    pub(super) fn insert_segment(&mut self, item: Item) {
        self.grow(item.id);
        let cells = &mut self.cells;
        self.shape
            .walk(item.a, item.b, |cell| cells[cell].push(item));
    }

    /// Takes segment `item` out again.
    pub(super) fn remove_segment(&mut self, item: Item) {
        let cells = &mut self.cells;
        self.shape.walk(item.a, item.b, |cell| {
            cells[cell].retain(|x| x.id != item.id)
        });
    }

    /// Calls `f` with every item sharing a cell with segment `a`–`b` (an item in several of
    /// those cells more than once), until it returns false; whether it never did.
    pub(super) fn each_near(&self, a: Point, b: Point, mut f: impl FnMut(&Item) -> bool) -> bool {
        let mut go = true;
        self.shape.walk(a, b, |cell| {
            if go {
                go = self.cells[cell].iter().all(&mut f);
            }
        });
        go
    }

    /// A new query's stamp: items not yet marked with it are not yet counted.
    fn next_query(&mut self) -> u32 {
        self.query = self.query.wrapping_add(1);
        if self.query == 0 {
            self.stamp.fill(0);
            self.query = 1;
        }
        self.query
    }
}

/// The segments of every route, indexed.
pub(super) struct Segments {
    grid: Grid,
    list: Vec<Item>,
    of_edge: Vec<Vec<u32>>,
}

impl Segments {
    pub(super) fn new(width: f64, height: f64, edges: usize) -> Segments {
        Segments {
            grid: Grid::new(width, height),
            list: Vec::new(),
            of_edge: vec![Vec::new(); edges],
        }
    }

    pub(super) fn add(&mut self, e: usize, points: &[Point]) {
        for w in points.windows(2) {
            let item = Item {
                id: self.list.len() as u32,
                edge: e as u32,
                a: w[0],
                b: w[1],
            };
            self.list.push(item);
            self.grid.insert_segment(item);
            self.of_edge[e].push(item.id);
        }
    }

    pub(super) fn replace(&mut self, e: usize, points: &[Point]) {
        for id in std::mem::take(&mut self.of_edge[e]) {
            self.grid.remove_segment(self.list[id as usize]);
        }
        self.add(e, points);
    }

    /// Proper crossings of `a`–`b` with the segments of routes other than `e`'s, counted up
    /// to `most + 1` (enough to tell "more than `most`").
    pub(super) fn crossings(&mut self, e: usize, a: Point, b: Point, most: usize) -> usize {
        let (lo, hi) = (a.x.min(b.x), a.x.max(b.x));
        let (top, bottom) = (a.y.min(b.y), a.y.max(b.y));
        let e = e as u32;
        let query = self.grid.next_query();
        let shape = self.grid.shape;
        let (cells, stamp) = (&self.grid.cells, &mut self.grid.stamp);
        let mut n = 0;
        shape.walk(a, b, |cell| {
            for s in &cells[cell] {
                if n > most {
                    return;
                }
                let (p, q) = (s.a, s.b);
                let apart = p.x.max(q.x) < lo
                    || p.x.min(q.x) > hi
                    || p.y.max(q.y) < top
                    || p.y.min(q.y) > bottom;
                // A crossing found in two cells counts once.
                if s.edge != e
                    && !apart
                    && super::segments_cross(a, b, p, q)
                    && std::mem::replace(&mut stamp[s.id as usize], query) != query
                {
                    n += 1;
                }
            }
        });
        n
    }
}
