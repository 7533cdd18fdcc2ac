//! The straightening pass as it was before the spatial index walked each segment's own cells
//! (commit 8219324): the oracle that the straightening tests compare the indexed pass with, decision
//! for decision.

use crate::geometry::{Point, Rect};
use crate::layout::clearance::distance;
use crate::layout::curve::{drawn_bend, marker_rooms, MARKER_ROOM_HALF_WIDTH};
use crate::layout::quality::segments_cross;
use crate::layout::straighten::{
    border_crossings, borders_near, clip, crowds, ends_at_nodes, hits, length, nearest,
    shared_sides, with_centres,
};
use crate::layout::{ClusterIndex, NodeIndex};
use crate::layout::{End, Layout, LayoutGraph, Outline};

/// Distance (px) a straightened segment keeps from boxes it newly passes.
const CLEARANCE: f64 = super::super::CLEARANCE;

/// Most route points one shortcut replaces: bounds the work on very long edges (a straight
/// run of more points comes out as collinear pieces, which neither bend nor lengthen it).
const MAX_SKIP: usize = 16;

/// Side (px) of the cells of the spatial index.
const CELL: f64 = 96.0;

/// Straightens every route of `layout`, the layout of `graph`.
pub(super) fn straighten(graph: &LayoutGraph, layout: &mut Layout) {
    if graph.edges.len() != layout.edges.len() || graph.nodes.len() != layout.nodes.len() {
        return;
    }
    // Obstacles: node boxes and cluster titles (grown by the clearance, titles by a marker's
    // room too), edge labels.
    let grow =
        |r: &Rect, by: f64| Rect::new(r.x - by, r.y - by, r.width + 2.0 * by, r.height + 2.0 * by);
    let mut obstacles: Vec<(Obstacle, Rect, Rect)> = Vec::new();
    for (i, r) in layout.nodes.iter().enumerate() {
        obstacles.push((Obstacle::Node(i), grow(r, CLEARANCE), *r));
    }
    for (e, r) in layout.edges.iter().enumerate() {
        if let Some(l) = &r.label {
            obstacles.push((Obstacle::Label(e), *l, *l));
        }
    }
    for c in &layout.clusters {
        if c.title.width > 0.0 {
            let by = CLEARANCE + MARKER_ROOM_HALF_WIDTH;
            obstacles.push((Obstacle::Title, grow(&c.title, by), c.title));
        }
    }
    let mut boxes = Grid::new(layout.width, layout.height);
    for (k, (_, r, _)) in obstacles.iter().enumerate() {
        boxes.insert(k, lo_hi(r));
    }
    // Segments of all routes, kept current as routes are straightened.
    let mut segs = Segments {
        grid: Grid::new(layout.width, layout.height),
        list: Vec::new(),
        of_edge: vec![Vec::new(); layout.edges.len()],
    };
    for (e, r) in layout.edges.iter().enumerate() {
        segs.add(e, &r.points);
    }
    let shared = shared_sides(graph, layout);
    let meeting = ends_at_nodes(graph, layout.nodes.len());
    for (e, shared) in shared.iter().enumerate() {
        let edge = &graph.edges[e];
        if edge.from == edge.to || layout.edges[e].points.len() < 3 {
            continue;
        }
        let ends = [edge.from, edge.to].map(|end| match end {
            End::Node(NodeIndex(i)) => Some((layout.nodes[i], graph.nodes[i].outline)),
            End::Cluster(ClusterIndex(_)) => None,
        });
        let route = &layout.edges[e];
        let orig = &route.points;
        let movable = [0, 1].map(|k| ends[k].filter(|_| !shared[k]));
        let pts = with_centres(orig, movable);
        let keep = route.label.map(|l| nearest(&pts, l.center()));
        // Crossings with other routes up to each point: a shortcut may not cross more.
        let mut crossed = vec![0usize; pts.len()];
        for j in 1..pts.len() {
            crossed[j] = crossed[j - 1] + segs.crossings(e, orig[j - 1], orig[j]);
        }
        // Border crossings up to each point, for the clusters near the route; a route near
        // too many clusters stays as routed.
        let Some(borders) = borders_near(layout.clusters.iter().map(|c| c.rect), &pts, orig) else {
            continue;
        };
        let own = |o: Obstacle| match o {
            Obstacle::Node(i) => edge.from == End::node(i) || edge.to == End::node(i),
            Obstacle::Label(k) => k == e,
            Obstacle::Title => false,
        };
        let centred = [0, pts.len() - 1].map(|at| {
            let end = ends[usize::from(at > 0)];
            end.filter(|(r, _)| pts[at] == r.center())
        });
        let path = Path {
            edge: e,
            pts: &pts,
            orig,
            centred,
            obstacles: &obstacles,
            boxes: &boxes,
            own: &own,
            segs: &segs,
            crossed: &crossed,
            borders: &borders,
            ends: ends.map(|x| x.map(|(r, _)| r)),
        };
        let mut out = vec![pts[0]];
        let mut i = 0;
        while i + 1 < pts.len() {
            let mut k = i + 1;
            while k + 1 < pts.len()
                && k + 1 - i <= MAX_SKIP
                && keep != Some(k)
                && path.shortcut_ok(i, k + 1)
            {
                k += 1;
            }
            out.push(pts[k]);
            i = k;
        }
        let n = out.len();
        let clipped = |c: Option<(Rect, Outline)>, p: Point, toward: Point, orig: Point| match c {
            Some((r, o)) if p == r.center() => clip(&r, o, toward),
            _ => orig,
        };
        let first = clipped(ends[0], out[0], out[1], route.points[0]);
        let last = clipped(
            ends[1],
            out[n - 1],
            out[n - 2],
            route.points[route.points.len() - 1],
        );
        out[0] = first;
        out[n - 1] = last;
        // Moving an end along its outline can, rarely, make the route a little longer; and
        // a moved end may not come to sit beside another route's end.
        let orig = &route.points;
        let crowded = [
            (edge.from, orig[0], first),
            (edge.to, orig[orig.len() - 1], last),
        ]
        .into_iter()
        .any(|(end, was, now)| crowds(layout, &meeting, e, end, was, now));
        // The runs into turns drawn before short end legs keep clear too.
        let n = out.len();
        let turns_clear = n < 3
            || [
                (out[2], out[1], out[0]),
                (out[n - 3], out[n - 2], out[n - 1]),
            ]
            .into_iter()
            .all(|(from, bend, end)| {
                let turn = drawn_bend(from, bend, end);
                let mut ok = true;
                if turn != bend {
                    boxes.each(seg_box(from, turn), &mut Vec::new(), |id| {
                        let (o, _, exact) = &obstacles[id];
                        ok = own(*o)
                            || !(hits(from, turn, exact)
                                || !matches!(o, Obstacle::Label(_))
                                    && distance(from, turn, exact) < CLEARANCE);
                        ok
                    });
                }
                ok
            });
        if !crowded && length(&out) <= length(&route.points) && turns_clear {
            segs.replace(e, &out);
            layout.edges[e].points = out;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Obstacle {
    Node(usize),
    Label(usize),
    Title,
}

fn lo_hi(r: &Rect) -> (Point, Point) {
    (Point::new(r.x, r.y), Point::new(r.right(), r.bottom()))
}

fn seg_box(a: Point, b: Point) -> (Point, Point) {
    (
        Point::new(a.x.min(b.x), a.y.min(b.y)),
        Point::new(a.x.max(b.x), a.y.max(b.y)),
    )
}

/// A uniform grid of item ids over the drawing, for "what is near this box" queries.
struct Grid {
    cols: usize,
    rows: usize,
    cells: Vec<Vec<usize>>,
}

impl Grid {
    fn new(width: f64, height: f64) -> Grid {
        let n = |v: f64| ((v.max(0.0) / CELL) as usize + 1).min(4096);
        let (cols, rows) = (n(width), n(height));
        Grid {
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
        }
    }

    fn span(&self, (lo, hi): (Point, Point)) -> (usize, usize, usize, usize) {
        let c = |v: f64, n: usize| ((v.max(0.0) / CELL) as usize).min(n - 1);
        (
            c(lo.x, self.cols),
            c(hi.x, self.cols),
            c(lo.y, self.rows),
            c(hi.y, self.rows),
        )
    }

    fn insert(&mut self, id: usize, b: (Point, Point)) {
        let (c0, c1, r0, r1) = self.span(b);
        for r in r0..=r1 {
            for c in c0..=c1 {
                self.cells[r * self.cols + c].push(id);
            }
        }
    }

    /// Calls `f` once for every item whose cells meet `b`, in id order, until it returns
    /// false (`ids` is scratch space).
    fn each(&self, b: (Point, Point), ids: &mut Vec<usize>, mut f: impl FnMut(usize) -> bool) {
        let (c0, c1, r0, r1) = self.span(b);
        ids.clear();
        for r in r0..=r1 {
            ids.extend(
                self.cells[r * self.cols + c0..=r * self.cols + c1]
                    .iter()
                    .flatten(),
            );
        }
        ids.sort_unstable();
        ids.dedup();
        for &id in ids.iter() {
            if !f(id) {
                return;
            }
        }
    }
}

/// The segments of every route, indexed.
struct Segments {
    grid: Grid,
    /// (from, to, edge, alive).
    list: Vec<(Point, Point, usize, bool)>,
    of_edge: Vec<Vec<usize>>,
}

impl Segments {
    fn add(&mut self, e: usize, points: &[Point]) {
        for w in points.windows(2) {
            let id = self.list.len();
            self.list.push((w[0], w[1], e, true));
            self.grid.insert(id, seg_box(w[0], w[1]));
            self.of_edge[e].push(id);
        }
    }

    fn replace(&mut self, e: usize, points: &[Point]) {
        for id in std::mem::take(&mut self.of_edge[e]) {
            self.list[id].3 = false;
        }
        self.add(e, points);
    }

    /// Proper crossings of `a`–`b` with the live segments of routes other than `e`'s.
    fn crossings(&self, e: usize, a: Point, b: Point) -> usize {
        let mut n = 0;
        let mut seen = Vec::new();
        self.grid.each(seg_box(a, b), &mut seen, |id| {
            let (p, q, f, alive) = self.list[id];
            if alive && f != e && segments_cross(a, b, p, q) {
                n += 1;
            }
            true
        });
        n
    }
}

struct Path<'a> {
    edge: usize,
    /// The route, node ends moved to the node centre where they are straightened from.
    pts: &'a [Point],
    /// The route as it is: what a shortcut is compared with.
    orig: &'a [Point],
    /// The node ends (box and outline) moved to their centre in `pts`.
    centred: [Option<(Rect, Outline)>; 2],
    /// (what, grown box, exact box).
    obstacles: &'a [(Obstacle, Rect, Rect)],
    boxes: &'a Grid,
    own: &'a dyn Fn(Obstacle) -> bool,
    segs: &'a Segments,
    /// `crossed[j]`: crossings of the route up to `pts[j]` with the other routes.
    crossed: &'a [usize],
    /// Cluster borders near the route, with their crossings up to each point.
    borders: &'a [(Rect, Vec<usize>)],
    /// The boxes of the edge's own node ends: obstacles too, except for the segment that
    /// starts (ends) at their centre.
    ends: [Option<Rect>; 2],
}

impl Path<'_> {
    /// Whether the segment `pts[i]`–`pts[k]` may replace the route between them.
    fn shortcut_ok(&self, i: usize, k: usize) -> bool {
        // The shortcut as it will be drawn: from a centred end, clipped to the outline.
        let last = self.pts.len() - 1;
        let a = match self.centred[0].filter(|_| i == 0) {
            Some((r, o)) => clip(&r, o, self.pts[k]),
            None => self.pts[i],
        };
        let b = match self.centred[1].filter(|_| k == last) {
            Some((r, o)) => clip(&r, o, self.pts[i]),
            None => self.pts[k],
        };
        // Where the path turns before a short end leg (`curve::drawn_bend`): the run into
        // that turn keeps the same rules.
        let end = |at: usize, toward: Point| match self.centred[usize::from(at > 0)] {
            Some((r, o)) => clip(&r, o, toward),
            None => self.pts[at],
        };
        let da = if i == 1 {
            drawn_bend(b, a, end(0, a))
        } else {
            a
        };
        let db = if k + 1 == last {
            drawn_bend(a, b, end(last, b))
        } else {
            b
        };
        let skipped_nearest = |r: &Rect| {
            self.orig[i..=k]
                .windows(2)
                .map(|w| distance(w[0], w[1], r))
                .fold(f64::INFINITY, f64::min)
        };
        // Never through an obstacle; into a node's or title's clearance only as near as the
        // route already came; labels are only kept out of.
        let blocked = |(a, b): (Point, Point), o: Obstacle, exact: &Rect| {
            if hits(a, b, exact) {
                return true;
            }
            if matches!(o, Obstacle::Label(_)) {
                return false;
            }
            let d = distance(a, b, exact);
            d < CLEARANCE && d + 1e-9 < skipped_nearest(exact)
        };
        // A marker's room at an end the shortcut sets keeps a title's clearance as far as the
        // route's did.
        let room_near = |room: &[Point], r: &Rect| {
            room.windows(2)
                .map(|w| distance(w[0], w[1], r))
                .fold(f64::INFINITY, f64::min)
        };
        let (rooms, orig_rooms) = (marker_rooms(&[a, b]), marker_rooms(self.orig));
        let room_blocked = |exact: &Rect| {
            [(0, i == 0), (1, k == last)].into_iter().any(|(end, at)| {
                let d = room_near(&rooms[end], exact);
                at && d < CLEARANCE && d + 1e-9 < room_near(&orig_rooms[end], exact)
            })
        };
        for (r, check) in [(self.ends[0], i > 0), (self.ends[1], k < last)] {
            if let Some(r) = r.filter(|_| check) {
                if hits(a, b, &r) {
                    return false;
                }
            }
        }
        let mut ok = true;
        if (da, db) != (a, b) {
            self.boxes.each(seg_box(da, db), &mut Vec::new(), |id| {
                let (o, _, exact) = &self.obstacles[id];
                ok = (self.own)(*o) || !blocked((da, db), *o, exact);
                ok
            });
        }
        let mut seen = Vec::new();
        self.boxes.each(seg_box(a, b), &mut seen, |id| {
            let (o, _, exact) = &self.obstacles[id];
            ok = ok
                && ((self.own)(*o)
                    || !(blocked((a, b), *o, exact)
                        || *o == Obstacle::Title && room_blocked(exact)));
            ok
        });
        if !ok || self.segs.crossings(self.edge, a, b) > self.crossed[k] - self.crossed[i] {
            return false;
        }
        self.borders
            .iter()
            .all(|(r, acc)| border_crossings(a, b, r) <= acc[k] - acc[i])
    }
}
