//! The spatial index of the straightening pass: a uniform grid over the drawing. Boxes sit in
//! every cell their rectangle meets; a segment sits only in the cells it passes through (with
//! [`PAD`] to spare), and a query walks the cells of its own segment the same way, so a long
//! diagonal shortcut meets the few obstacles along it rather than everything in its bounding
//! box. In each cell a segment keeps the box of its part in that cell, and a query tests only
//! the segments whose part meets its own part there: two long shallow diagonals in one cell
//! rarely do. Box queries may see an item twice (their tests don't mind); a segment is tested
//! once per query (a stamp per segment, no sorting, no allocation).
//!
//! Queries are exact filters: every box a segment passes through, and every segment that
//! crosses it, shares a cell with it (the common point lies in one), and the crossing point
//! lies in the part of both segments in that cell, so the answers are the same as testing
//! everything.

use super::segments_cross;
use crate::geometry::Point;

/// Width (px) of the cells.
const CELL_W: f64 = 256.0;

/// Height (px) of the cells.
const CELL_H: f64 = 192.0;

/// Slack (px) around the part of a segment within a cell, against rounding.
const PAD: f64 = 1.0;

/// The cells' layout: how many columns and rows of what size (points outside go to the outer
/// cells).
#[derive(Clone, Copy)]
struct Shape {
    cols: usize,
    rows: usize,
    cell_w: f64,
    cell_h: f64,
}

/// A box around the part of a segment in one cell, padded by [`PAD`] and rounded outward
/// to `f32` (half the size of `f64`: a query reads twice as many per cache line).
#[derive(Clone, Copy)]
struct Part {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

impl Part {
    fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Part {
        let down = |v: f64| {
            let f = v as f32;
            if f64::from(f) > v {
                f.next_down()
            } else {
                f
            }
        };
        let up = |v: f64| {
            let f = v as f32;
            if f64::from(f) < v {
                f.next_up()
            } else {
                f
            }
        };
        Part {
            x0: down(x0 - PAD),
            y0: down(y0 - PAD),
            x1: up(x1 + PAD),
            y1: up(y1 + PAD),
        }
    }

    fn meets(&self, o: &Part) -> bool {
        // `&`, not `&&`: one hard-to-predict branch instead of four.
        (self.x0 <= o.x1) & (o.x0 <= self.x1) & (self.y0 <= o.y1) & (o.y0 <= self.y1)
    }
}

impl Shape {
    /// Cells of [`CELL_W`] × [`CELL_H`], or coarser ones when those would outnumber the items
    /// several times over: the drawing's cells (a wide, tall drawing of few items), the cells the
    /// segments pass through (many long routes: 100k self-loops are drawn as nested arcs, the
    /// k-th about 8k px long, so fine cells hold a quadratic number of entries) or the cells
    /// the boxes cover. `reach` is the sum over segments of their extent in cells of the fine
    /// size, `cover` the boxes' area in fine cells, `items` how many boxes and segments there
    /// are. Memory stays linear in `items`; answers do not change (queries are exact filters).
    fn new(width: f64, height: f64, reach: f64, cover: f64, items: usize) -> Shape {
        let budget = 8.0 * (items + 1) as f64;
        let area = (width.max(0.0) / CELL_W + 1.0) * (height.max(0.0) / CELL_H + 1.0);
        let scale = [
            1.0,
            (area / budget).sqrt(),
            reach / budget,
            (cover / budget).sqrt(),
        ]
        .into_iter()
        .filter(|s| s.is_finite())
        .fold(1.0, f64::max);
        let (cell_w, cell_h) = (CELL_W * scale, CELL_H * scale);
        let n = |v: f64, side: f64| ((v.max(0.0) / side) as usize + 1).min(4096);
        Shape {
            cols: n(width, cell_w),
            rows: n(height, cell_h),
            cell_w,
            cell_h,
        }
    }

    /// Index of the cell in column `c`, row `r` (column by column: routes run mostly
    /// downward, so a query's cells are mostly next to each other).
    fn cell(&self, c: usize, r: usize) -> usize {
        c * self.rows + r
    }

    fn col(&self, x: f64) -> usize {
        ((x.max(0.0) / self.cell_w) as usize).min(self.cols - 1)
    }

    fn row(&self, y: f64) -> usize {
        ((y.max(0.0) / self.cell_h) as usize).min(self.rows - 1)
    }

    /// Calls `f` with every cell the segment `a`–`b` passes through (and a few beside it),
    /// and the segment's part in it, until it returns false; whether it never did.
    fn walk(&self, a: Point, b: Point, mut f: impl FnMut(usize, Part) -> bool) -> bool {
        let (ylo, yhi) = (a.y.min(b.y), a.y.max(b.y));
        let (xmin, xmax) = (a.x.min(b.x), a.x.max(b.x));
        let (r0, r1) = (self.row(ylo), self.row(yhi));
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        for r in r0..=r1 {
            let (x0, x1, y0, y1) = if r0 == r1 || dy.abs() < 1e-9 {
                (xmin, xmax, ylo, yhi)
            } else {
                // The part of the segment whose y lies in this row (the end rows are
                // bounded by the segment, which also covers the clamped outer rows).
                let y0 = if r == r0 { ylo } else { r as f64 * self.cell_h };
                let y1 = if r == r1 {
                    yhi
                } else {
                    (r + 1) as f64 * self.cell_h
                };
                let xa = a.x + (y0 - a.y) / dy * dx;
                let xb = a.x + (y1 - a.y) / dy * dx;
                let x0 = (xa.min(xb) - PAD).max(xmin);
                let x1 = (xa.max(xb) + PAD).min(xmax);
                (x0, x1, y0, y1)
            };
            let (c0, c1) = (self.col(x0), self.col(x1));
            for c in c0..=c1 {
                // The part within this column (the outer columns reach out for ever).
                let px0 = if c == c0 { x0 } else { c as f64 * self.cell_w };
                let px1 = if c == c1 {
                    x1
                } else {
                    (c + 1) as f64 * self.cell_w
                };
                let (py0, py1) = if c0 == c1 || dx.abs() < 1e-9 {
                    (y0, y1)
                } else {
                    let ya = a.y + (px0 - a.x) / dx * dy;
                    let yb = a.y + (px1 - a.x) / dx * dy;
                    (ya.min(yb).max(y0), ya.max(yb).min(y1))
                };
                if !f(self.cell(c, r), Part::new(px0, py0, px1, py1)) {
                    return false;
                }
            }
        }
        true
    }
}

/// A cell: where its boxes and segments are.
#[derive(Clone, Copy)]
struct Cell {
    /// Its boxes are `boxes[boxes_from..boxes_to]`.
    boxes_from: u32,
    boxes_to: u32,
    /// It has room `items[from..to]` for segments, of which it uses `len`.
    from: u32,
    len: u32,
    to: u32,
    /// Its overflow list in `extra` ([`NONE`]: none yet).
    extra: u32,
}

const NONE: u32 = u32::MAX;

/// A segment in a cell: its id and the box of its part in the cell.
#[derive(Clone, Copy)]
struct Item {
    id: u32,
    part: Part,
}

/// A segment of a route.
#[derive(Clone, Copy)]
struct Segment {
    edge: u32,
    a: Point,
    b: Point,
}

/// The boxes (obstacles), each in every cell its rectangle meets, and the segments of every
/// route, kept current as routes change.
///
/// A cell's segments lie in `items` in the cells' order, with room to spare for segments
/// added later; a full cell puts more in its overflow list in `extra`.
pub(super) struct Grid {
    shape: Shape,
    cells: Vec<Cell>,
    boxes: Vec<u32>,
    items: Vec<Item>,
    extra: Vec<Vec<Item>>,
    /// Every segment ever added, by id.
    list: Vec<Segment>,
    /// Per segment, whether it is still part of its route: a replaced route's segments stay
    /// in their cells, skipped by queries (removing each from its cells took a search of the
    /// cell, quadratic where thousands of routes meet in a few cells). Each route is replaced
    /// at most once, so the cells hold at most twice the segments.
    live: Vec<bool>,
    of_edge: Vec<Vec<u32>>,
    /// Per segment, the last query that tested it.
    stamp: Vec<u32>,
    query: u32,
    /// Segment entries the queries have looked at so far (the pass's work).
    pub(super) looked: u64,
}

impl Grid {
    /// Indexes `boxes` (`(top left, bottom right)`; the id of a box is its index) and the
    /// segments of `routes` (route `e` is edge `e`) over a drawing of the given size.
    pub(super) fn new<'a>(
        width: f64,
        height: f64,
        boxes: &[(Point, Point)],
        routes: impl Iterator<Item = &'a [Point]> + Clone,
    ) -> Grid {
        let (mut reach, mut segments) = (0.0, 0);
        for pts in routes.clone() {
            for w in pts.windows(2) {
                reach += (w[1].x - w[0].x).abs() / CELL_W + (w[1].y - w[0].y).abs() / CELL_H;
                segments += 1;
            }
        }
        let cover: f64 = boxes
            .iter()
            .map(|(lo, hi)| {
                ((hi.x - lo.x).abs() / CELL_W + 1.0) * ((hi.y - lo.y).abs() / CELL_H + 1.0)
            })
            .sum();
        let shape = Shape::new(width, height, reach, cover, boxes.len() + segments);
        let n = shape.cols * shape.rows;
        let box_cells = |(lo, hi): &(Point, Point)| {
            let (r0, r1) = (shape.row(lo.y), shape.row(hi.y));
            (shape.col(lo.x)..=shape.col(hi.x))
                .flat_map(move |c| (r0..=r1).map(move |r| shape.cell(c, r)))
        };
        // Count what goes in each cell, then lay the cells out one after the other.
        let (mut nboxes, mut nsegs) = (vec![0u32; n], vec![0u32; n]);
        for b in boxes {
            box_cells(b).for_each(|c| nboxes[c] += 1);
        }
        for pts in routes.clone() {
            for w in pts.windows(2) {
                shape.walk(w[0], w[1], |c, _| {
                    nsegs[c] += 1;
                    true
                });
            }
        }
        let (mut at_box, mut at_seg) = (0u32, 0u32);
        let cells: Vec<Cell> = (0..n)
            .map(|c| {
                // Room for half as many segments again as the cell holds at first.
                let room = nsegs[c] + nsegs[c] / 2;
                let cell = Cell {
                    boxes_from: at_box,
                    boxes_to: at_box,
                    from: at_seg,
                    len: 0,
                    to: at_seg + room,
                    extra: NONE,
                };
                at_box += nboxes[c];
                at_seg += room;
                cell
            })
            .collect();
        let blank = Item {
            id: 0,
            part: Part::new(0.0, 0.0, 0.0, 0.0),
        };
        let mut grid = Grid {
            shape,
            cells,
            boxes: vec![0; at_box as usize],
            items: vec![blank; at_seg as usize],
            extra: Vec::new(),
            list: Vec::new(),
            live: Vec::new(),
            of_edge: Vec::new(),
            stamp: Vec::new(),
            query: 0,
            looked: 0,
        };
        for (id, b) in boxes.iter().enumerate() {
            for c in box_cells(b) {
                let cell = &mut grid.cells[c];
                grid.boxes[cell.boxes_to as usize] = id as u32;
                cell.boxes_to += 1;
            }
        }
        for (e, pts) in routes.enumerate() {
            grid.of_edge.push(Vec::new());
            grid.add(e, pts);
        }
        grid
    }

    fn add(&mut self, e: usize, points: &[Point]) {
        for w in points.windows(2) {
            let id = self.list.len() as u32;
            let (a, b) = (w[0], w[1]);
            self.list.push(Segment {
                edge: e as u32,
                a,
                b,
            });
            self.stamp.push(0);
            self.live.push(true);
            self.shape.walk(a, b, |c, part| {
                let item = Item { id, part };
                let cell = &mut self.cells[c];
                if cell.from + cell.len < cell.to {
                    self.items[(cell.from + cell.len) as usize] = item;
                    cell.len += 1;
                } else {
                    if cell.extra == NONE {
                        cell.extra = self.extra.len() as u32;
                        self.extra.push(Vec::new());
                    }
                    self.extra[cell.extra as usize].push(item);
                }
                true
            });
            self.of_edge[e].push(id);
        }
    }

    /// Makes `points` the route of edge `e`.
    pub(super) fn replace(&mut self, e: usize, points: &[Point]) {
        for id in std::mem::take(&mut self.of_edge[e]) {
            self.live[id as usize] = false;
        }
        self.add(e, points);
    }

    /// A new query's stamp: segments not yet marked with it are not yet tested.
    fn next_query(&mut self) -> u32 {
        self.query = self.query.wrapping_add(1);
        if self.query == 0 {
            self.stamp.fill(0);
            self.query = 1;
        }
        self.query
    }

    /// Proper crossings of `a`–`b` with the segments of routes other than `e`'s, counted up
    /// to `most + 1` (enough to tell "more than `most`").
    pub(super) fn crossings(&mut self, e: usize, a: Point, b: Point, most: usize) -> usize {
        let mut n = 0;
        self.count(e, a, b, most, &mut n, |_| true);
        n
    }

    /// Whether `a`–`b` is clear of the boxes (`box_ok` is true for every box sharing a cell
    /// with it) and crosses at most `most` segments of routes other than `e`'s
    /// ([`Self::crossings`]), in one walk.
    pub(super) fn clear(
        &mut self,
        e: usize,
        a: Point,
        b: Point,
        most: usize,
        mut box_ok: impl FnMut(u32) -> bool,
    ) -> bool {
        let mut n = 0;
        self.count(e, a, b, most, &mut n, |ids| {
            ids.iter().all(|&id| box_ok(id))
        })
    }

    /// Counts into `n` the crossings of `a`–`b` as [`Self::crossings`] does, cell by cell,
    /// once `boxes_ok` holds for the boxes of the cell; stops where it does not or there are
    /// more than `most`, and says whether it got to the end.
    fn count(
        &mut self,
        e: usize,
        a: Point,
        b: Point,
        most: usize,
        n: &mut usize,
        mut boxes_ok: impl FnMut(&[u32]) -> bool,
    ) -> bool {
        let query = self.next_query();
        let e = e as u32;
        let (lo, hi) = (
            Point::new(a.x.min(b.x), a.y.min(b.y)),
            Point::new(a.x.max(b.x), a.y.max(b.y)),
        );
        let (list, live, stamp, looked) =
            (&self.list, &self.live, &mut self.stamp, &mut self.looked);
        let mut test = |items: &[Item], part: &Part| {
            *looked += items.len() as u64;
            for item in items {
                if !item.part.meets(part)
                    || !live[item.id as usize]
                    || std::mem::replace(&mut stamp[item.id as usize], query) == query
                {
                    continue;
                }
                let s = &list[item.id as usize];
                let (p, q) = (s.a, s.b);
                let apart = p.x.max(q.x) < lo.x
                    || p.x.min(q.x) > hi.x
                    || p.y.max(q.y) < lo.y
                    || p.y.min(q.y) > hi.y;
                if s.edge != e && !apart && segments_cross(a, b, p, q) {
                    *n += 1;
                    if *n > most {
                        return false;
                    }
                }
            }
            true
        };
        let (cells, boxes, items, extra) = (&self.cells, &self.boxes, &self.items, &self.extra);
        self.shape.walk(a, b, |c, part| {
            let cell = &cells[c];
            boxes_ok(&boxes[cell.boxes_from as usize..cell.boxes_to as usize])
                && test(
                    &items[cell.from as usize..(cell.from + cell.len) as usize],
                    &part,
                )
                && (cell.extra == NONE || test(&extra[cell.extra as usize], &part))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Grid;
    use crate::geometry::Point;

    impl Grid {
        /// Entries allocated: cells, box and segment slots, overflow entries.
        fn footprint(&self) -> usize {
            self.cells.len()
                + self.boxes.len()
                + self.items.len()
                + self.extra.iter().map(Vec::len).sum::<usize>()
        }
    }

    /// The grid over the laid-out `A-->A` repeated `n` times, as straightening builds it.
    fn self_loops(n: usize) -> usize {
        let src = format!("flowchart TD\n{}", "A-->A\n".repeat(n));
        let (chart, _) = crate::mermaid::flowchart(&src);
        let layout = crate::layout::layout(&crate::layout::flowchart::graph(&chart));
        let boxes: Vec<(Point, Point)> = layout
            .nodes
            .iter()
            .map(|r| (Point::new(r.x, r.y), Point::new(r.right(), r.bottom())))
            .collect();
        let routes = layout.edges.iter().map(|r| r.points.as_slice());
        Grid::new(layout.width, layout.height, &boxes, routes).footprint()
    }

    /// Replacing routes leaves their old segments in the cells (marked dead, skipped by
    /// queries): every route replaced once, the cells hold at most twice the entries, and
    /// queries answer as over the new routes alone.
    #[test]
    fn replaced_routes_are_skipped_and_take_bounded_room() {
        let src: String = (0..300).map(|i| format!("A-->|e{i}|B\n")).collect();
        let (chart, _) = crate::mermaid::flowchart(&format!("flowchart TD\n{src}"));
        let layout = crate::layout::layout(&crate::layout::flowchart::graph(&chart));
        let routes: Vec<Vec<Point>> = layout.edges.iter().map(|r| r.points.clone()).collect();
        let mut grid = Grid::new(
            layout.width,
            layout.height,
            &[],
            routes.iter().map(Vec::as_slice),
        );
        let before = grid.footprint();
        // Each route moved 7 px right.
        let moved: Vec<Vec<Point>> = routes
            .iter()
            .map(|r| r.iter().map(|p| Point::new(p.x + 7.0, p.y)).collect())
            .collect();
        for (e, r) in moved.iter().enumerate() {
            grid.replace(e, r);
        }
        assert!(
            grid.footprint() <= 2 * before,
            "{before} entries, {} after",
            grid.footprint()
        );
        let mut fresh = Grid::new(
            layout.width,
            layout.height,
            &[],
            moved.iter().map(Vec::as_slice),
        );
        let (a, b) = (
            Point::new(0.0, 0.0),
            Point::new(layout.width, layout.height),
        );
        let mid = Point::new(layout.width / 2.0, 0.0);
        let bottom = Point::new(layout.width / 2.0, layout.height);
        for (p, q) in [
            (a, b),
            (mid, bottom),
            (Point::new(0.0, layout.height / 2.0), mid),
        ] {
            assert_eq!(
                grid.crossings(usize::MAX, p, q, usize::MAX - 1),
                fresh.crossings(usize::MAX, p, q, usize::MAX - 1)
            );
        }
    }

    #[test]
    fn self_loops_take_linear_room() {
        // The k-th loop is about 8k px long: with fixed cells the entries grew with n².
        let (small, large) = (self_loops(1_000), self_loops(4_000));
        assert!(
            large <= 5 * small,
            "1,000 loops: {small} entries, 4,000 loops: {large}"
        );
    }
}
