//! Edge straightening after the layered layout: "string pulling" on each route.
//!
//! The layered layout routes a long edge through one point per rank (its dummy nodes), so the
//! polyline bends wherever positioning left two dummies at different x, and where a segment had
//! to clear a box it gets extra vertical legs. dot draws the same edges as splines inside the
//! corridor of free space instead, which is shorter and bends less. This pass gets most of that
//! back on the polyline: it walks each route and skips every point it can, as long as the
//! shortcut
//!
//! - passes through no node box, no other edge's label and no cluster title, and comes no
//!   nearer a node box or cluster title than [`CLEARANCE`] unless the skipped part of the route came as near,
//! - crosses no cluster border more often than the skipped part did (an edge never newly
//!   enters or leaves a cluster), and no more other routes than the skipped part did (so
//!   crossings never increase),
//! - keeps the edge's own label on the route (the route point nearest the label's centre
//!   stays).
//!
//! Ends on a node move along its outline: the route is straightened from the node's centre
//! and clipped again (an end on a side that other routes meet too keeps its port);
//! a route that would come out longer that way keeps its old shape. Nothing else moves, so
//! every guarantee of [`super::layered::layout`] still holds, and crossings, bends and length
//! never grow (property tests in `tests/it/layout_props.rs`); the result is deterministic.
//!
//! Cost: a uniform grid ([`index`]) holds the boxes and the route segments, each segment only
//! in the cells it passes through with the box of its part in each cell, and a shortcut is
//! tested, in one walk over its own cells, only against boxes sharing a cell with it and
//! segments whose part meets its own there; one shortcut replaces at most [`MAX_SKIP`]
//! points. On the benchmark's graph this takes about 50 ms at 1,000 nodes (an eighth of the
//! layered layout's time) and 0.9 s at 5,000 (143,000 route points; the layered layout takes
//! 6 s). It still grows faster than linearly (long shortcuts across crowded drawings), so
//! graphs with more than [`MAX_ROUTE_POINTS`] route points in all are left as the layered
//! layout drew them, and the queries' work is capped at [`WORK_PER_POINT`] segment entries
//! per route point (routes past the cap, in edge order, keep their shape).

mod index;

use super::clearance::{distance, nearer_than};
use super::curve::{drawn_bend, marker_rooms, MARKER_ROOM_HALF_WIDTH};
use super::quality::segments_cross;
use super::{End, Layout, LayoutGraph, Outline};
use crate::geometry::{Point, Rect};
use crate::layout::{ClusterIndex, NodeIndex};
use index::Grid;

/// Distance (px) a straightened segment keeps from node boxes it newly passes: the drawn
/// curve's clearance ([`super::clearance::CLEARANCE`]; the curve is tightened onto the route
/// where it would come nearer).
pub const CLEARANCE: f64 = super::clearance::CLEARANCE;

/// Most route points one shortcut replaces: bounds the work on very long edges (a straight
/// run of more points comes out as collinear pieces, which neither bend nor lengthen it).
const MAX_SKIP: usize = 16;

/// Most route points, over all edges, that the pass takes on (see the module docs).
pub const MAX_ROUTE_POINTS: usize = 400_000;

/// Segment entries the grid's queries may look at per route point ([`WORK_FLOOR`] more):
/// routes are straightened in edge order until the queries have looked at that many, and the
/// rest stay as the layered layout drew them. Many routes meeting in a few cells (a node with
/// thousands of edges: every shortcut near it walks past all their first segments) made the
/// pass quadratic; this keeps it linear in the route points. The benchmark's 5,000-node graph
/// looks at about 800 per point and is straightened whole; a 16,000-edge fan-out looked at
/// 67,000 per point (3.2 billion in all).
const WORK_PER_POINT: u64 = 1_024;

/// Segment entries every drawing may look at, whatever its size.
const WORK_FLOOR: u64 = 4_000_000;

/// Straightens every route of `layout`, the layout of `graph`.
pub fn straighten(graph: &LayoutGraph, layout: &mut Layout) {
    straighten_counted(graph, layout);
}

/// [`straighten`], saying how many segment entries its queries looked at (its work).
fn straighten_counted(graph: &LayoutGraph, layout: &mut Layout) -> u64 {
    if graph.edges.len() != layout.edges.len() || graph.nodes.len() != layout.nodes.len() {
        return 0;
    }
    let points: usize = layout.edges.iter().map(|e| e.points.len()).sum();
    if points > MAX_ROUTE_POINTS {
        return 0;
    }
    // Obstacles: node boxes and cluster titles, edge labels; each in the grid's cells as far as
    // a segment that must keep clear of it may reach (a node's and a title's clearance, and for
    // a title the room of a marker at the segment's end too).
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
            let reach = CLEARANCE + MARKER_ROOM_HALF_WIDTH;
            obstacles.push((Obstacle::Title, grow(&c.title, reach), c.title));
        }
    }
    let corners: Vec<(Point, Point)> = obstacles
        .iter()
        .map(|(_, r, _)| (Point::new(r.x, r.y), Point::new(r.right(), r.bottom())))
        .collect();
    // Boxes and the segments of all routes, kept current as routes are straightened.
    let mut grid = Grid::new(
        layout.width,
        layout.height,
        &corners,
        layout.edges.iter().map(|r| r.points.as_slice()),
    );
    let shared = shared_sides(graph, layout);
    let meeting = ends_at_nodes(graph, layout.nodes.len());
    let budget = WORK_FLOOR + WORK_PER_POINT * points as u64;
    for (e, shared) in shared.iter().enumerate() {
        if grid.looked > budget {
            // The rest stay as routed: straightening is a refinement, and this bounds it.
            break;
        }
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
        // An end on a side other routes meet too sits at its port and stays there.
        let movable = [0, 1].map(|k| ends[k].filter(|_| !shared[k]));
        let pts = with_centres(orig, movable);
        let keep = route.label.map(|l| nearest(&pts, l.center()));
        // Crossings with other routes up to each point: a shortcut may not cross more.
        // (Counted as far as a shortcut that crosses something needs them.)
        let mut crossed = Crossed {
            upto: vec![0],
            orig,
            edge: e,
        };
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
            orig_rooms: std::cell::OnceCell::new(),
            centred,
            obstacles: &obstacles,
            own: &own,
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
                && path.shortcut_ok(&mut grid, &mut crossed, i, k + 1)
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
        // a moved end may not come to sit beside another route's end (ports keep theirs apart).
        let crowded = [
            (edge.from, route.points[0], first),
            (edge.to, orig[orig.len() - 1], last),
        ]
        .into_iter()
        .any(|(end, was, now)| crowds(layout, &meeting, e, end, was, now));
        if !crowded
            && length(&out) <= length(&route.points)
            && turns_clear(&mut grid, e, &out, &obstacles, &own)
        {
            grid.replace(e, &out);
            layout.edges[e].points = out;
        }
    }
    grid.looked
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Obstacle {
    Node(usize),
    Label(usize),
    Title,
}

struct Path<'a> {
    edge: usize,
    /// The route, node ends moved to the node centre where they are straightened from.
    pts: &'a [Point],
    /// The route as it is: what a shortcut is compared with.
    orig: &'a [Point],
    /// The room markers may take at the ends of `orig` (`curve::marker_rooms`), once needed.
    orig_rooms: std::cell::OnceCell<[Vec<Point>; 2]>,
    /// The node ends (box and outline) moved to their centre in `pts`.
    centred: [Option<(Rect, Outline)>; 2],
    /// (what, grown box, exact box).
    obstacles: &'a [(Obstacle, Rect, Rect)],
    own: &'a dyn Fn(Obstacle) -> bool,
    /// Cluster borders near the route, with their crossings up to each point.
    borders: &'a [(Rect, Vec<usize>)],
    /// The boxes of the edge's own node ends: obstacles too, except for the segment that
    /// starts (ends) at their centre.
    ends: [Option<Rect>; 2],
}

impl Path<'_> {
    /// Whether the segment `pts[i]`–`pts[k]` may replace the route between them.
    /// `boxes` indexes `obstacles`; `segs` the routes.
    fn shortcut_ok(&self, grid: &mut Grid, crossed: &mut Crossed, i: usize, k: usize) -> bool {
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
        // Where the drawn path turns into a last (first) leg too short for its marker
        // (`curve::drawn_bend`): the shortcut is drawn to there.
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
        // How near the skipped part of the route comes to a box.
        let skipped_nearest = |r: &Rect| {
            self.orig[i..=k]
                .windows(2)
                .map(|w| distance(w[0], w[1], r))
                .fold(f64::INFINITY, f64::min)
        };
        // Never through an obstacle; into a node's or title's clearance (`clear`; measured
        // exactly, as the drawn curve keeps it) only as near as the route already came (a
        // shortcut inside the grown box's corner can be nearer the box than a route that was
        // inside it too). Labels are only kept out of.
        let blocked = |(a, b): (Point, Point), exact: &Rect, clear: bool| {
            if hits(a, b, exact) {
                return true;
            }
            if !clear || !nearer_than(a, b, exact, CLEARANCE) {
                return false;
            }
            distance(a, b, exact) + 1e-9 < skipped_nearest(exact)
        };
        for (r, check) in [(self.ends[0], i > 0), (self.ends[1], k < last)] {
            if let Some(r) = r.filter(|_| check) {
                if hits(a, b, &r) {
                    return false;
                }
            }
        }
        if !self
            .borders
            .iter()
            .all(|(r, acc)| acc[k] - acc[i] >= 2 || border_crossings(a, b, r) <= acc[k] - acc[i])
        {
            return false;
        }
        // A shortcut that starts or ends the route also sets where its marker goes there: the
        // room the marker may take keeps a title's clearance too (as far as the route's did),
        // so the title keeps its place (`layered::place_titles` keeps titles clear of it).
        let mut rooms: Option<[Vec<Point>; 2]> = None;
        let mut room_blocked = |exact: &Rect| {
            if !(i == 0 || k == last)
                || !nearer_than(a, b, exact, CLEARANCE + MARKER_ROOM_HALF_WIDTH)
            {
                return false;
            }
            let rooms = rooms.get_or_insert_with(|| marker_rooms(&[a, b]));
            let orig_rooms = self.orig_rooms.get_or_init(|| marker_rooms(self.orig));
            [(0, i == 0), (1, k == last)].into_iter().any(|(end, at)| {
                let d = room_distance(&rooms[end], exact);
                at && d < CLEARANCE && d + 1e-9 < room_distance(&orig_rooms[end], exact)
            })
        };
        // No more crossings with other routes than the skipped part has.
        let most = crossed.between(grid, i, k);
        // The run into a turn drawn before a short end leg keeps the same rules.
        let drawn_ok = (da, db) == (a, b)
            || grid.clear(self.edge, da, db, usize::MAX, |id| {
                let (o, _, exact) = &self.obstacles[id as usize];
                (self.own)(*o) || !blocked((da, db), exact, !matches!(o, Obstacle::Label(_)))
            });
        drawn_ok
            && grid.clear(self.edge, a, b, most, |id| {
                let (o, _, exact) = &self.obstacles[id as usize];
                (self.own)(*o)
                    || !(blocked((a, b), exact, !matches!(o, Obstacle::Label(_)))
                        || matches!(o, Obstacle::Title) && room_blocked(exact))
            })
    }
}

/// Whether the runs into the turns the path draws before a first or last leg too short for
/// its marker (`curve::drawn_bend`) keep clear of every obstacle not `own` to edge `e`, as
/// the route does (the straightened route `out` is checked as it is drawn).
fn turns_clear(
    grid: &mut Grid,
    e: usize,
    out: &[Point],
    obstacles: &[(Obstacle, Rect, Rect)],
    own: &dyn Fn(Obstacle) -> bool,
) -> bool {
    let n = out.len();
    if n < 3 {
        return true;
    }
    [
        (out[2], out[1], out[0]),
        (out[n - 3], out[n - 2], out[n - 1]),
    ]
    .into_iter()
    .all(|(from, bend, end)| {
        let turn = drawn_bend(from, bend, end);
        turn == bend
            || grid.clear(e, from, turn, usize::MAX, |id| {
                let (o, _, exact) = &obstacles[id as usize];
                own(*o)
                    || !(hits(from, turn, exact)
                        || !matches!(o, Obstacle::Label(_))
                            && nearer_than(from, turn, exact, CLEARANCE))
            })
    })
}

/// How near the closed polyline `room` (a marker's room) comes to `r`.
fn room_distance(room: &[Point], r: &Rect) -> f64 {
    room.windows(2)
        .map(|w| distance(w[0], w[1], r))
        .fold(f64::INFINITY, f64::min)
}

/// Crossings of a route as it is with the other routes, counted from its start as far as
/// asked.
struct Crossed<'a> {
    /// `upto[j]`: crossings up to point `j`.
    upto: Vec<usize>,
    orig: &'a [Point],
    edge: usize,
}

impl Crossed<'_> {
    /// Crossings of the route between points `i` and `k` (`i < k`).
    fn between(&mut self, grid: &mut Grid, i: usize, k: usize) -> usize {
        while self.upto.len() <= k {
            let j = self.upto.len();
            let (a, b) = (self.orig[j - 1], self.orig[j]);
            let n = self.upto[j - 1] + grid.crossings(self.edge, a, b, usize::MAX);
            self.upto.push(n);
        }
        self.upto[k] - self.upto[i]
    }
}

/// Per node, the routes that end on it: (edge, at its start?). Self-loops are left out.
fn ends_at_nodes(graph: &LayoutGraph, nodes: usize) -> Vec<Vec<(usize, bool)>> {
    let mut at = vec![Vec::new(); nodes];
    for (e, edge) in graph.edges.iter().enumerate() {
        if edge.from == edge.to {
            continue;
        }
        for (end, start) in [(edge.from, true), (edge.to, false)] {
            if let End::Node(NodeIndex(i)) = end {
                at[i].push((e, start));
            }
        }
    }
    at
}

/// Whether moving route `e`'s end on `end` from `was` to `now` brings it nearer than the ports'
/// gap ([`MIN_GAP`](super::layered::ports::MIN_GAP)) to another route's end on that node.
fn crowds(
    layout: &Layout,
    meeting: &[Vec<(usize, bool)>],
    e: usize,
    end: End,
    was: Point,
    now: Point,
) -> bool {
    let End::Node(NodeIndex(i)) = end else {
        return false;
    };
    if was == now {
        return false;
    }
    let gap = super::layered::ports::MIN_GAP;
    meeting[i]
        .iter()
        .filter(|&&(f, _)| f != e)
        .any(|&(f, start)| {
            let pts = &layout.edges[f].points;
            let p = if start { pts.first() } else { pts.last() };
            let apart = |a: Point, b: Point| (a.x - b.x).hypot(a.y - b.y);
            p.is_some_and(|&p| apart(now, p) < gap && apart(was, p) >= gap)
        })
}

/// For every route, whether its start and its end lie on a node side (across the rank
/// direction) where other routes end at other points: there the layered layout spread the ends
/// into ports, which straightening keeps. (Ends that all meet at one point stay movable.)
fn shared_sides(graph: &LayoutGraph, layout: &Layout) -> Vec<[bool; 2]> {
    let vertical = !graph.direction.is_horizontal();
    let side = |i: usize, p: Point| {
        let c = layout.nodes[i].center();
        (i, if vertical { p.y > c.y } else { p.x > c.x })
    };
    let along = |p: Point| if vertical { p.x } else { p.y };
    // (node, far side?) of every route end on a node, and the extent of the ends along it.
    let mut at: Vec<[Option<(usize, bool)>; 2]> = vec![[None, None]; graph.edges.len()];
    let mut extent: std::collections::BTreeMap<(usize, bool), (f64, f64)> = Default::default();
    for (e, edge) in graph.edges.iter().enumerate() {
        let pts = &layout.edges[e].points;
        if edge.from == edge.to || pts.len() < 2 {
            continue;
        }
        for (k, end, p) in [(0, edge.from, pts[0]), (1, edge.to, pts[pts.len() - 1])] {
            if let End::Node(NodeIndex(i)) = end {
                let s = side(i, p);
                at[e][k] = Some(s);
                let x = along(p);
                let span = extent.entry(s).or_insert((x, x));
                *span = (span.0.min(x), span.1.max(x));
            }
        }
    }
    let spread = |s: &(usize, bool)| extent.get(s).is_some_and(|&(lo, hi)| hi - lo > 0.5);
    at.iter()
        .map(|a| a.map(|s| s.as_ref().is_some_and(spread)))
        .collect()
}

/// The route with each node end replaced by the node's centre, where the end is where the
/// centre's ray toward the next point leaves the outline (not an offset parallel edge).
fn with_centres(points: &[Point], ends: [Option<(Rect, Outline)>; 2]) -> Vec<Point> {
    let mut pts = points.to_vec();
    let n = pts.len();
    for (end, at, next) in [(ends[0], 0, 1), (ends[1], n - 1, n - 2)] {
        if let Some((r, o)) = end {
            let c = r.center();
            let p = clip(&r, o, pts[next]);
            if (p.x - pts[at].x).hypot(p.y - pts[at].y) < 0.5 {
                pts[at] = c;
            }
        }
    }
    pts
}

fn length(pts: &[Point]) -> f64 {
    pts.windows(2)
        .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
        .sum()
}

fn nearest(pts: &[Point], c: Point) -> usize {
    let d = |p: &Point| (p.x - c.x).hypot(p.y - c.y);
    (0..pts.len())
        .min_by(|&a, &b| d(&pts[a]).total_cmp(&d(&pts[b])))
        .unwrap_or(0)
}

/// The most cluster boxes a route is straightened among. Each shortcut is checked against
/// every box near the route, so a long route across thousands of subgraphs would cost
/// routes × subgraphs; real diagrams have far fewer, and past this a route keeps its bends.
const MAX_BORDERS: usize = 256;

/// The cluster boxes that the bounding box of `pts` touches, each with the number of its
/// borders the route `orig` crosses up to each point (a shortcut may not cross more); `None`
/// past [`MAX_BORDERS`] of them.
fn borders_near(
    clusters: impl Iterator<Item = Rect>,
    pts: &[Point],
    orig: &[Point],
) -> Option<Vec<(Rect, Vec<usize>)>> {
    let (lo, hi) = bounds(pts);
    let near: Vec<Rect> = clusters
        .filter(|r| r.x <= hi.x && r.right() >= lo.x && r.y <= hi.y && r.bottom() >= lo.y)
        .take(MAX_BORDERS + 1)
        .collect();
    if near.len() > MAX_BORDERS {
        return None;
    }
    Some(
        near.into_iter()
            .map(|r| {
                let mut acc = vec![0usize; pts.len()];
                for j in 1..pts.len() {
                    acc[j] = acc[j - 1] + border_crossings(orig[j - 1], orig[j], &r);
                }
                (r, acc)
            })
            .collect(),
    )
}

fn bounds(pts: &[Point]) -> (Point, Point) {
    let mut lo = Point::new(f64::INFINITY, f64::INFINITY);
    let mut hi = Point::new(f64::NEG_INFINITY, f64::NEG_INFINITY);
    for p in pts {
        lo = Point::new(lo.x.min(p.x), lo.y.min(p.y));
        hi = Point::new(hi.x.max(p.x), hi.y.max(p.y));
    }
    (lo, hi)
}

/// Where the ray from the centre of `r` toward `p` leaves the outline `o` inscribed in `r`
/// (the centre itself if `p` is the centre).
fn clip(r: &Rect, o: Outline, p: Point) -> Point {
    let c = r.center();
    let (dx, dy) = (p.x - c.x, p.y - c.y);
    let (a, b) = (r.width / 2.0, r.height / 2.0);
    let t = match o {
        Outline::Box => {
            let tx = if dx.abs() > 1e-12 {
                a / dx.abs()
            } else {
                f64::INFINITY
            };
            let ty = if dy.abs() > 1e-12 {
                b / dy.abs()
            } else {
                f64::INFINITY
            };
            tx.min(ty)
        }
        Outline::Ellipse if a > 0.0 && b > 0.0 => {
            1.0 / ((dx / a).powi(2) + (dy / b).powi(2)).sqrt()
        }
        Outline::Diamond if a > 0.0 && b > 0.0 => 1.0 / (dx.abs() / a + dy.abs() / b),
        _ => 0.0,
    };
    if t.is_finite() {
        Point::new(c.x + t.min(1.0) * dx, c.y + t.min(1.0) * dy)
    } else {
        c
    }
}

/// Whether segment `a`–`b` passes through the interior of `r` (shrunk by half a pixel).
fn hits(a: Point, b: Point, r: &Rect) -> bool {
    super::quality::seg_hits(a, b, r, 0.5)
}

fn inside(r: &Rect, p: Point) -> bool {
    p.x > r.x && p.x < r.right() && p.y > r.y && p.y < r.bottom()
}

/// How often segment `a`–`b` crosses the border of `r` (0, 1 or 2; `r` is convex).
fn border_crossings(a: Point, b: Point, r: &Rect) -> usize {
    if a.x.max(b.x) < r.x
        || a.x.min(b.x) > r.right()
        || a.y.max(b.y) < r.y
        || a.y.min(b.y) > r.bottom()
    {
        return 0;
    }
    match (inside(r, a), inside(r, b)) {
        (true, true) => 0,
        (true, false) | (false, true) => 1,
        (false, false) => 2 * usize::from(hits(a, b, r)),
    }
}

#[cfg(test)]
mod tests;
