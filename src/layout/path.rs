//! Outlines as path data: lines, cubic Béziers and elliptic arcs in absolute coordinates.
//! Shapes ([`super::shape`]) are built from it; render writes it as an SVG `d` attribute.

use crate::geometry::Point;

/// One path segment, absolute coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Seg {
    /// Move to.
    M(Point),
    /// Line to.
    L(Point),
    /// Cubic Bézier to the last point.
    C(Point, Point, Point),
    /// Close the subpath.
    Z,
}

/// Path data kept as segments, so geometry (route-end snapping, tests) can flatten what is drawn.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct PathData {
    pub(crate) segs: Vec<Seg>,
}

impl PathData {
    pub(crate) fn new() -> Self {
        PathData::default()
    }
    /// A closed polygon.
    pub(crate) fn polygon(points: &[(f64, f64)]) -> Self {
        let mut p = PathData::polyline(points);
        p.z();
        p
    }
    /// An open line through `points`.
    pub(crate) fn polyline(points: &[(f64, f64)]) -> Self {
        let mut p = PathData::new();
        for (i, &(x, y)) in points.iter().enumerate() {
            if i == 0 {
                p.m(x, y);
            } else {
                p.l(x, y);
            }
        }
        p
    }
    pub(crate) fn m(&mut self, x: f64, y: f64) -> &mut Self {
        self.segs.push(Seg::M(Point::new(x, y)));
        self
    }
    pub(crate) fn l(&mut self, x: f64, y: f64) -> &mut Self {
        self.segs.push(Seg::L(Point::new(x, y)));
        self
    }
    pub(crate) fn c(&mut self, c1: Point, c2: Point, p: Point) -> &mut Self {
        self.segs.push(Seg::C(c1, c2, p));
        self
    }
    pub(crate) fn z(&mut self) -> &mut Self {
        self.segs.push(Seg::Z);
        self
    }
    /// Appends an elliptic arc around `(cx, cy)` from angle `a0` to `a1` (radians, y down, so
    /// π/2 is the bottom) as cubic Béziers of at most 90° each. The current point must be the
    /// arc's start.
    pub(crate) fn arc(
        &mut self,
        cx: f64,
        cy: f64,
        rx: f64,
        ry: f64,
        a0: f64,
        a1: f64,
    ) -> &mut Self {
        let n = ((a1 - a0).abs() / std::f64::consts::FRAC_PI_2 - 1e-9)
            .ceil()
            .max(1.0) as usize;
        let da = (a1 - a0) / n as f64;
        let k = 4.0 / 3.0 * (da / 4.0).tan();
        let pt = |a: f64| Point::new(cx + rx * a.cos(), cy + ry * a.sin());
        for i in 0..n {
            let s = a0 + da * i as f64;
            let e = s + da;
            let (p0, p3) = (pt(s), pt(e));
            let c1 = Point::new(p0.x - k * rx * s.sin(), p0.y + k * ry * s.cos());
            let c2 = Point::new(p3.x + k * rx * e.sin(), p3.y - k * ry * e.cos());
            self.c(c1, c2, p3);
        }
        self
    }
    /// The path as polylines (one per subpath), cubics split into `steps` pieces.
    pub(crate) fn flatten(&self, steps: usize) -> Vec<Vec<Point>> {
        let mut out: Vec<Vec<Point>> = Vec::new();
        let mut cur = Point::default();
        let mut start = Point::default();
        for s in &self.segs {
            match *s {
                Seg::M(a) => {
                    out.push(vec![a]);
                    cur = a;
                    start = a;
                }
                Seg::L(a) => {
                    if let Some(v) = out.last_mut() {
                        v.push(a);
                    }
                    cur = a;
                }
                Seg::C(a, b, c) => {
                    for i in 1..=steps {
                        let t = i as f64 / steps as f64;
                        let u = 1.0 - t;
                        let x = u * u * u * cur.x
                            + 3.0 * u * u * t * a.x
                            + 3.0 * u * t * t * b.x
                            + t * t * t * c.x;
                        let y = u * u * u * cur.y
                            + 3.0 * u * u * t * a.y
                            + 3.0 * u * t * t * b.y
                            + t * t * t * c.y;
                        if let Some(v) = out.last_mut() {
                            v.push(Point::new(x, y));
                        }
                    }
                    cur = c;
                }
                Seg::Z => {
                    if let Some(v) = out.last_mut() {
                        v.push(start);
                    }
                    cur = start;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arcs_stay_on_the_ellipse() {
        let mut p = PathData::new();
        p.m(10.0, 0.0)
            .arc(0.0, 0.0, 10.0, 5.0, 0.0, std::f64::consts::TAU);
        for line in p.flatten(16) {
            for q in line {
                let r = (q.x / 10.0).powi(2) + (q.y / 5.0).powi(2);
                assert!((r - 1.0).abs() < 0.01, "{r}");
            }
        }
    }
}
