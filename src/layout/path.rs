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
        let mut p = PathData::new();
        for (i, &(x, y)) in points.iter().enumerate() {
            if i == 0 {
                p.m(x, y);
            } else {
                p.l(x, y);
            }
        }
        p.z();
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
                    if let Some(v) = out.last_mut() {
                        v.extend((1..=steps).map(|i| cubic_at([cur, a, b, c], i, steps)));
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

    /// The pieces of [`Self::flatten`]`(steps)`'s polylines in order, each cubic still whole
    /// (its chords are [`Piece::chords`]), a polyline of one point as a piece from it to
    /// itself. A test can look at a cubic's control points, which hold the curve in their
    /// bounding box, before computing its chords.
    pub(crate) fn pieces(&self, steps: usize) -> Vec<Piece> {
        let mut out = Vec::new();
        // The last point of the current polyline, and whether it is the polyline's only one.
        let mut last: Option<(Point, bool)> = None;
        let lone = |out: &mut Vec<Piece>, last: Option<(Point, bool)>| {
            if let Some((p, true)) = last {
                out.push(Piece::Chord(p, p));
            }
        };
        let mut cur = Point::default();
        let mut start = Point::default();
        for s in &self.segs {
            match *s {
                Seg::M(a) => {
                    lone(&mut out, last);
                    last = Some((a, true));
                    (cur, start) = (a, a);
                }
                Seg::L(_) | Seg::Z => {
                    let a = if let Seg::L(a) = *s { a } else { start };
                    if let Some((p, _)) = last {
                        out.push(Piece::Chord(p, a));
                        last = Some((a, false));
                    }
                    cur = a;
                }
                Seg::C(a, b, c) => {
                    if let (Some((from, _)), true) = (last, steps > 0) {
                        let points = [cur, a, b, c];
                        out.push(Piece::Cubic {
                            from,
                            points,
                            steps,
                        });
                        last = Some((cubic_at(points, steps, steps), false));
                    }
                    cur = c;
                }
            }
        }
        lone(&mut out, last);
        out
    }
}

/// A piece of a flattened path (see [`PathData::pieces`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Piece {
    /// A straight piece.
    Chord(Point, Point),
    /// A cubic Bézier through `points` (start, two controls, end) in `steps` chords, the first
    /// from `from` (the polyline's last point: the start, as computed).
    Cubic {
        from: Point,
        points: [Point; 4],
        steps: usize,
    },
}

impl Piece {
    /// The straight pieces [`PathData::flatten`] draws for this piece.
    pub(crate) fn chords(&self) -> impl Iterator<Item = (Point, Point)> {
        let (line, cubic) = match *self {
            Piece::Chord(a, b) => (Some((a, b)), None),
            Piece::Cubic {
                from,
                points,
                steps,
            } => (None, Some((from, points, steps))),
        };
        let curve = cubic.into_iter().flat_map(|(from, points, steps)| {
            let mut prev = from;
            (1..=steps).map(move |i| {
                let next = cubic_at(points, i, steps);
                (std::mem::replace(&mut prev, next), next)
            })
        });
        line.into_iter().chain(curve)
    }
}

/// The point at `i / steps` along the cubic Bézier through `p` (start, controls, end).
fn cubic_at(p: [Point; 4], i: usize, steps: usize) -> Point {
    let t = i as f64 / steps as f64;
    let u = 1.0 - t;
    let x = u * u * u * p[0].x
        + 3.0 * u * u * t * p[1].x
        + 3.0 * u * t * t * p[2].x
        + t * t * t * p[3].x;
    let y = u * u * u * p[0].y
        + 3.0 * u * u * t * p[1].y
        + 3.0 * u * t * t * p[2].y
        + t * t * t * p[3].y;
    Point::new(x, y)
}

#[cfg(test)]
pub(crate) mod tests {
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

    /// A random path of a few subpaths: moves, lines, cubics and closes in any order (a line
    /// or cubic before the first move, a move right after a move).
    pub(crate) fn random_path(next: &mut impl FnMut(f64) -> f64) -> PathData {
        let mut p = PathData::new();
        let pt = |next: &mut dyn FnMut(f64) -> f64| Point::new(next(400.0), next(300.0));
        for _ in 0..(next(9.0) as usize) {
            match next(5.0) as usize {
                0 => p.m(next(400.0), next(300.0)),
                1 => p.l(next(400.0), next(300.0)),
                2 => p.z(),
                _ => {
                    let (a, b, c) = (pt(next), pt(next), pt(next));
                    p.c(a, b, c)
                }
            };
        }
        p
    }

    /// The pieces' chords are exactly the pieces of the flattened polylines (a polyline of
    /// one point: that point to itself), in order.
    #[test]
    fn chords_are_the_pieces_of_the_flattened_path() {
        let mut rng = crate::layout::quality::generate::Rng::new(0x00c4_0bd5);
        let mut next = |m: f64| rng.below(1_000_000) as f64 / 1_000_000.0 * m;
        let mut cubics = 0;
        for round in 0..500 {
            let p = random_path(&mut next);
            let steps = round % 5 * 4;
            let flat: Vec<(Point, Point)> = p
                .flatten(steps)
                .iter()
                .flat_map(|line| {
                    let lone = (line.len() == 1).then(|| (line[0], line[0]));
                    line.windows(2).map(|w| (w[0], w[1])).chain(lone)
                })
                .collect();
            let pieces = p.pieces(steps);
            cubics += pieces
                .iter()
                .filter(|q| matches!(q, Piece::Cubic { .. }))
                .count();
            let chords: Vec<(Point, Point)> = pieces.iter().flat_map(Piece::chords).collect();
            assert_eq!(chords, flat, "{p:?} in {steps} steps");
        }
        assert!(cubics > 100, "{cubics} cubics");
    }
}
