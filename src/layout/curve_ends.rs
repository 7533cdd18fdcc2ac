//! The ends of a drawn edge: the markers' sizes and the room they may take, and how a path
//! is shortened so a marker's tip touches its node (keeping the marker along a leg shorter
//! than it, [`drawn_bend`]).

use super::dedup;
use crate::geometry::Point;
use crate::model::Marker;

/// Half a marker's width across the path (the `<marker>` shapes render draws).
pub(super) fn marker_half_width(m: Marker) -> f64 {
    match m {
        Marker::None => 0.0,
        Marker::Arrow => 5.0,
        Marker::Circle | Marker::Cross => 4.0,
    }
}

/// The room every marker may take at the two ends of a route drawn through `points` (tail,
/// head): a rectangle along the route's last [`MARKER_ROOM_REACH`] px, [`MARKER_ROOM_HALF_WIDTH`]
/// to each side, as a closed polyline (holding each marker's outline); where the last leg is
/// shorter than that, the polyline goes on to the run the path draws into its turn
/// ([`drawn_bend`]). What must keep clear of
/// an edge's arrowhead (a cluster title) keeps clear of these; empty for a route of one point.
pub(crate) fn marker_rooms(points: &[Point]) -> [Vec<Point>; 2] {
    let pts = dedup(points);
    if pts.len() < 2 {
        return [Vec::new(), Vec::new()];
    }
    let room = |at_start: bool| {
        let mut rest = pts.clone();
        trim(&mut rest, MARKER_ROOM_REACH, at_start);
        let (base, tip) = if at_start {
            (rest[0], pts[0])
        } else {
            (rest[rest.len() - 1], pts[pts.len() - 1])
        };
        let (dx, dy) = (tip.x - base.x, tip.y - base.y);
        let len = dx.hypot(dy);
        if !len.is_finite() || len <= 1e-9 {
            return vec![base, tip];
        }
        let (nx, ny) = (
            -dy / len * MARKER_ROOM_HALF_WIDTH,
            dx / len * MARKER_ROOM_HALF_WIDTH,
        );
        let corner = |p: Point, s: f64| Point::new(p.x + s * nx, p.y + s * ny);
        let first = corner(base, 1.0);
        let mut room = vec![
            first,
            corner(tip, 1.0),
            corner(tip, -1.0),
            corner(base, -1.0),
            first,
        ];
        // Where a last leg is shorter than the marker, the path turns before the bend
        // (`trim`), on the leg's line: the run into that turn is drawn, not the route's.
        let n = pts.len();
        let (from, bend, end) = match n {
            0..=2 => return room,
            _ if at_start => (pts[2], pts[1], pts[0]),
            _ => (pts[n - 3], pts[n - 2], pts[n - 1]),
        };
        let turn = drawn_bend(from, bend, end);
        if turn != bend {
            room.extend([base, turn, from]);
        }
        room
    };
    [room(true), room(false)]
}

/// The farthest any marker reaches back from a route's end ([`marker_reach`]).
pub(crate) const MARKER_ROOM_REACH: f64 = 9.0;

/// The most any marker spreads to each side of its route ([`marker_half_width`]).
pub(crate) const MARKER_ROOM_HALF_WIDTH: f64 = 5.0;

/// How far a marker reaches beyond the path end: the path is shortened by this much so the
/// marker's tip touches the node outline.
pub fn marker_reach(m: Marker) -> f64 {
    match m {
        Marker::None => 0.0,
        Marker::Arrow => 9.0,
        Marker::Circle => 8.0,
        Marker::Cross => 5.0,
    }
}

/// Moves the end of the polyline back by `len` along it (from the start when `at_start`),
/// keeping at least a tenth of the last segment.
pub(super) fn trim(points: &mut Vec<Point>, mut len: f64, at_start: bool) {
    if at_start {
        points.reverse();
    }
    while len > 0.0 && points.len() >= 2 {
        let n = points.len();
        let (a, b) = (points[n - 2], points[n - 1]);
        let seg = (b.x - a.x).hypot(b.y - a.y);
        if seg > len || n == 2 {
            let keep = ((seg - len) / seg).max(0.1);
            points[n - 1] = Point::new(a.x + (b.x - a.x) * keep, a.y + (b.y - a.y) * keep);
            break;
        }
        if turns(points[n - 3], a, b) {
            // A leg shorter than the marker, after a bend: the marker keeps the leg's
            // direction (its base a little before the bend) and the path ends along it, so
            // the arrowhead points into its node instead of along the run.
            let (ux, uy) = ((b.x - a.x) / seg, (b.y - a.y) / seg);
            let base = Point::new(b.x - ux * len, b.y - uy * len);
            let before = Point::new(base.x - ux * LEG_END, base.y - uy * LEG_END);
            points.truncate(n - 2);
            points.extend([before, base]);
            break;
        }
        points.pop();
        len -= seg;
    }
    if at_start {
        points.reverse();
    }
}

/// How far before a marker's base the path runs along the marker's leg when that leg is
/// shorter than the marker ([`trim`]), px.
const LEG_END: f64 = 0.5;

/// Where the drawn path turns for a route that bends at `bend` (from `from`) into its last
/// leg to `end`: at `bend`, unless the leg is shorter than the largest marker, which [`trim`]
/// keeps along the leg by drawing the turn a little before the bend, on the leg's line.
pub(crate) fn drawn_bend(from: Point, bend: Point, end: Point) -> Point {
    let seg = (end.x - bend.x).hypot(end.y - bend.y);
    if seg >= MARKER_ROOM_REACH || seg <= 1e-9 || !turns(from, bend, end) {
        return bend;
    }
    let back = MARKER_ROOM_REACH + LEG_END;
    let (ux, uy) = ((end.x - bend.x) / seg, (end.y - bend.y) / seg);
    Point::new(end.x - ux * back, end.y - uy * back)
}

/// Whether the route turns at `a` (from `p`, to `b`) by more than 20°.
fn turns(p: Point, a: Point, b: Point) -> bool {
    let (ux, uy) = (a.x - p.x, a.y - p.y);
    let (vx, vy) = (b.x - a.x, b.y - a.y);
    let (lu, lv) = (ux.hypot(uy), vx.hypot(vy));
    lu > 1e-9 && lv > 1e-9 && (ux * vx + uy * vy) / (lu * lv) < 20f64.to_radians().cos()
}
