//! Edge ends meet the shape that is drawn, not just its box.
//!
//! The layered layout clips routes to a node's box, ellipse or rhombus ([`super::Outline`]); many
//! shapes (hexagons, triangles, parallelograms, documents…) are narrower than their box, which
//! would leave a gap before the arrowhead. When a route ends on (or within 2 px of) its node's
//! box, the last segment is extended along its own direction to where it enters the drawn
//! outline. The route's direction never changes, so nothing the earlier phases decided is
//! undone. This is the drawing's last geometric step ([`super::drawing::Drawing::new`]):
//! render draws the route points as they are.

use super::shape::{pieces, Role};
use crate::geometry::{Point, Rect};
use crate::model::Shape;

/// The closed outline of `shape` drawn in `r`, as a polygon; `None` for shapes whose outline
/// is their box (or that have no closed outline).
fn outline(shape: Shape, r: Rect) -> Option<Vec<Point>> {
    match shape {
        Shape::Rect
        | Shape::Text
        | Shape::BraceLeft
        | Shape::BraceRight
        | Shape::Braces
        | Shape::Documents
        | Shape::Processes
        | Shape::Subroutine
        | Shape::LinedRect
        | Shape::DividedRect
        | Shape::WindowPane
        | Shape::TaggedRect
        | Shape::Datastore
        | Shape::Fork
        | Shape::Hourglass
        | Shape::Bolt => return None,
        _ => {}
    }
    let ps = pieces(shape, r);
    let (prim, _) = ps
        .iter()
        .find(|(_, role)| matches!(role, Role::Body | Role::Solid))?;
    Some(prim.polygon())
}

fn near_box(p: Point, r: Rect) -> bool {
    let inside =
        p.x >= r.x - 2.0 && p.x <= r.right() + 2.0 && p.y >= r.y - 2.0 && p.y <= r.bottom() + 2.0;
    let on_edge = (p.x - r.x).abs() <= 2.0
        || (p.x - r.right()).abs() <= 2.0
        || (p.y - r.y).abs() <= 2.0
        || (p.y - r.bottom()).abs() <= 2.0;
    inside && on_edge
}

/// Parameter `t` along `a + t·(b − a)` where it crosses segment `c–d`, if it does.
fn cross(a: Point, b: Point, c: Point, d: Point) -> Option<f64> {
    let (rx, ry) = (b.x - a.x, b.y - a.y);
    let (sx, sy) = (d.x - c.x, d.y - c.y);
    let den = rx * sy - ry * sx;
    if den.abs() < 1e-12 {
        return None;
    }
    let t = ((c.x - a.x) * sy - (c.y - a.y) * sx) / den;
    let u = ((c.x - a.x) * ry - (c.y - a.y) * rx) / den;
    ((0.0..=1.0).contains(&u)).then_some(t)
}

/// Moves the last point of `points` (the first when `at_start`) onto the drawn outline of
/// `shape` in `r`, along the last segment's direction.
#[cfg(test)]
fn to_outline(points: &mut [Point], shape: Shape, r: Rect, at_start: bool) {
    Outlines::default().snap(0, points, shape, r, at_start);
}

/// Node outlines, computed once per node on first use (a node meets many edge ends).
#[derive(Debug, Default)]
pub(crate) struct Outlines {
    /// By node index: `None` until computed, then the polygon if the shape has one.
    polygons: Vec<Option<Option<Vec<Point>>>>,
}

impl Outlines {
    /// Moves the last point of `points` (the first when `at_start`) onto the drawn outline of
    /// node `node`, whose shape is `shape` in `r`, along the last segment's direction.
    pub(crate) fn snap(
        &mut self,
        node: usize,
        points: &mut [Point],
        shape: Shape,
        r: Rect,
        at_start: bool,
    ) {
        let n = points.len();
        if n < 2 {
            return;
        }
        let (end_i, prev_i) = if at_start { (0, 1) } else { (n - 1, n - 2) };
        let (end, prev) = (points[end_i], points[prev_i]);
        if !near_box(end, r) {
            return;
        }
        if self.polygons.len() <= node {
            self.polygons.resize(node + 1, None);
        }
        let Some(poly) = self.polygons[node].get_or_insert_with(|| outline(shape, r)) else {
            return;
        };
        let len = (end.x - prev.x).hypot(end.y - prev.y);
        if len < 1e-9 {
            return;
        }
        // Search from the end point up to a box diagonal further on.
        let reach = r.width.hypot(r.height);
        let dir = Point::new((end.x - prev.x) / len, (end.y - prev.y) / len);
        let far = Point::new(end.x + dir.x * reach, end.y + dir.y * reach);
        let best = poly
            .windows(2)
            .filter_map(|w| cross(end, far, w[0], w[1]))
            .filter(|t| *t >= -1e-9)
            .fold(f64::INFINITY, f64::min);
        if best.is_finite() && best <= 1.0 {
            points[end_i] = Point::new(
                end.x + (far.x - end.x) * best,
                end.y + (far.y - end.y) * best,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_reach_a_hexagon_side() {
        let r = Rect::new(0.0, 0.0, 100.0, 40.0);
        // Arriving horizontally at the left box edge, mid-height: the hexagon's point is 10 px
        // further in.
        let mut pts = vec![Point::new(-50.0, 20.0), Point::new(0.0, 20.0)];
        to_outline(&mut pts, Shape::Hexagon, r, false);
        assert!((pts[1].x - 0.0).abs() < 1e-6, "{pts:?}");
        let mut pts = vec![Point::new(-50.0, 5.0), Point::new(0.0, 5.0)];
        to_outline(&mut pts, Shape::Hexagon, r, false);
        assert!(pts[1].x > 5.0 && pts[1].x < 10.0, "{pts:?}");
    }

    #[test]
    fn triangles_and_starts_are_snapped_too() {
        let r = Rect::new(0.0, 0.0, 100.0, 100.0);
        let mut pts = vec![Point::new(0.0, 50.0), Point::new(-50.0, 50.0)];
        to_outline(&mut pts, Shape::Triangle, r, true);
        assert!((pts[0].x - 25.0).abs() < 0.5, "{pts:?}");
    }

    #[test]
    fn routes_off_the_box_and_box_shapes_are_left_alone() {
        let r = Rect::new(0.0, 0.0, 100.0, 40.0);
        let mut pts = vec![Point::new(-50.0, 20.0), Point::new(-10.0, 20.0)];
        to_outline(&mut pts, Shape::Hexagon, r, false);
        assert_eq!(pts[1], Point::new(-10.0, 20.0));
        let mut pts = vec![Point::new(-50.0, 20.0), Point::new(0.0, 20.0)];
        to_outline(&mut pts, Shape::Rect, r, false);
        assert_eq!(pts[1], Point::new(0.0, 20.0));
    }
}
