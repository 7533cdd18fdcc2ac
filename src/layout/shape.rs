//! Node shapes as geometry: each [`Shape`] as a few primitives in the node's box, and each
//! primitive's outline as a polygon. Render writes the primitives; route-end snapping
//! ([`super::snap`]) meets the outline they draw.
//!
//! Proportions (cylinder caps, waves, slants) come from [`super::flowchart`], which sized the
//! box around the label with the same numbers.

use super::flowchart::{
    cylinder_cap, document_wave, flag_wave, side_cap, slant, stacked_front, BRACE, LINE_INSET,
    STACK_OFFSET,
};
use super::path::PathData;
use crate::geometry::{Point, Rect};
use crate::model::Shape;
use std::f64::consts::{FRAC_PI_2, PI};

/// How a primitive is painted (render gives each role its CSS class).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The shape's body: node fill and stroke (`class="shape"`).
    Body,
    /// A body painted without stroke (`shape fill-only`), e.g. a data store's open sides.
    FillOnly,
    /// An inner or open line: stroke only (`shape-line`).
    Line,
    /// A solid mark in the stroke colour (`shape-solid`): junction dot, fork bar.
    Solid,
    /// An invisible body keeping the node's area (`shape hidden`): the text shape.
    Hidden,
}

/// A drawing primitive.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Prim {
    /// A rectangle with corner radius.
    Rect(Rect, f64),
    /// An ellipse: centre, radii.
    Ellipse(Point, f64, f64),
    /// A path.
    Path(PathData),
}

impl Prim {
    /// The closed outline as a polygon (curves flattened; the first subpath of a path).
    pub(crate) fn polygon(&self) -> Vec<Point> {
        match self {
            Prim::Rect(r, rx) => {
                let rx = rx.min(r.width / 2.0).min(r.height / 2.0).max(0.0);
                let corners = [
                    (r.right() - rx, r.y + rx, -FRAC_PI_2),
                    (r.right() - rx, r.bottom() - rx, 0.0),
                    (r.x + rx, r.bottom() - rx, FRAC_PI_2),
                    (r.x + rx, r.y + rx, PI),
                ];
                let steps = if rx > 0.0 { 8 } else { 0 };
                let mut v = Vec::new();
                for (cx, cy, a0) in corners {
                    for i in 0..=steps {
                        let a = a0 + FRAC_PI_2 * f64::from(i) / 8.0;
                        v.push(Point::new(cx + rx * a.cos(), cy + rx * a.sin()));
                    }
                }
                v.push(v[0]);
                v
            }
            Prim::Ellipse(c, rx, ry) => (0..=128)
                .map(|i| {
                    let a = std::f64::consts::TAU * f64::from(i) / 128.0;
                    Point::new(c.x + rx * a.cos(), c.y + ry * a.sin())
                })
                .collect(),
            Prim::Path(d) => d.flatten(32).into_iter().next().unwrap_or_default(),
        }
    }
}

/// A primitive and how it is painted.
pub(crate) type Piece = (Prim, Role);

fn poly(points: &[(f64, f64)]) -> Prim {
    Prim::Path(PathData::polygon(points))
}

fn rect_body(r: Rect) -> Piece {
    (Prim::Rect(r, 0.0), Role::Body)
}

/// A document outline (rectangle with a wavy bottom) in `r`.
fn document(r: Rect) -> PathData {
    let (x0, y0, x1, y1, w) = (r.x, r.y, r.right(), r.bottom(), r.width);
    let a = document_wave(r.height);
    let mut p = PathData::new();
    p.m(x0, y0).l(x1, y0).l(x1, y1 - a).c(
        Point::new(x1 - w / 3.0, y1 + a),
        Point::new(x0 + w / 3.0, y1 - 3.0 * a),
        Point::new(x0, y1 - a),
    );
    p.z();
    p
}

/// A curly brace `{` (or `}` when `right`) `BRACE` wide, its point at `x`.
fn brace(x: f64, y0: f64, y1: f64, right: bool) -> PathData {
    let d = if right { -1.0 } else { 1.0 };
    let b = BRACE * d;
    let (xm, cy) = (x + b / 2.0, (y0 + y1) / 2.0);
    let q = (BRACE / 2.0).min((y1 - y0) / 4.0);
    let mut p = PathData::new();
    p.m(x + b, y0)
        .c(
            Point::new(xm, y0),
            Point::new(xm, y0),
            Point::new(xm, y0 + q),
        )
        .l(xm, cy - q)
        .c(Point::new(xm, cy), Point::new(xm, cy), Point::new(x, cy))
        .c(
            Point::new(xm, cy),
            Point::new(xm, cy),
            Point::new(xm, cy + q),
        )
        .l(xm, y1 - q)
        .c(
            Point::new(xm, y1),
            Point::new(xm, y1),
            Point::new(x + b, y1),
        );
    p
}

/// The primitives for `shape` drawn in `r`, back to front. The first `Body`/`FillOnly`/
/// `Hidden` piece (the last one for stacked shapes) is the outline the label sits in.
pub(crate) fn pieces(shape: Shape, r: Rect) -> Vec<Piece> {
    let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
    let (w, h) = (r.width, r.height);
    let c = r.center();
    let (cx, cy) = (c.x, c.y);
    let mut line = PathData::new();
    let line_piece = |p: PathData| (Prim::Path(p), Role::Line);
    match shape {
        Shape::Rect => vec![rect_body(r)],
        Shape::Rounded => vec![(Prim::Rect(r, 5.0), Role::Body)],
        Shape::Stadium => vec![(Prim::Rect(r, h / 2.0), Role::Body)],
        Shape::Text => vec![(Prim::Rect(r, 0.0), Role::Hidden)],
        Shape::Subroutine => {
            line.m(x0 + 8.0, y0).l(x0 + 8.0, y1);
            line.m(x1 - 8.0, y0).l(x1 - 8.0, y1);
            vec![rect_body(r), line_piece(line)]
        }
        Shape::Cylinder | Shape::LinedCylinder => {
            let (rx, ry) = (w / 2.0, cylinder_cap(w));
            let mut body = PathData::new();
            body.m(x0, y0 + ry)
                .arc(cx, y0 + ry, rx, ry, PI, 2.0 * PI)
                .l(x1, y1 - ry)
                .arc(cx, y1 - ry, rx, ry, 0.0, PI)
                .z();
            line.m(x0, y0 + ry).arc(cx, y0 + ry, rx, ry, PI, 0.0);
            if shape == Shape::LinedCylinder {
                let yl = y0 + ry + LINE_INSET;
                line.m(x0, yl).arc(cx, yl, rx, ry, PI, 0.0);
            }
            vec![(Prim::Path(body), Role::Body), line_piece(line)]
        }
        Shape::HorizontalCylinder => {
            let (rx, ry) = (side_cap(h), h / 2.0);
            let mut body = PathData::new();
            body.m(x0 + rx, y0)
                .l(x1 - rx, y0)
                .arc(x1 - rx, cy, rx, ry, -FRAC_PI_2, FRAC_PI_2)
                .l(x0 + rx, y1)
                .arc(x0 + rx, cy, rx, ry, FRAC_PI_2, 1.5 * PI)
                .z();
            line.m(x1 - rx, y0)
                .arc(x1 - rx, cy, rx, ry, 1.5 * PI, FRAC_PI_2);
            vec![(Prim::Path(body), Role::Body), line_piece(line)]
        }
        Shape::Circle | Shape::Ellipse | Shape::SmallCircle => {
            vec![(Prim::Ellipse(c, w / 2.0, h / 2.0), Role::Body)]
        }
        Shape::DoubleCircle => vec![
            (Prim::Ellipse(c, w / 2.0, h / 2.0), Role::Body),
            (Prim::Ellipse(c, w / 2.0 - 5.0, h / 2.0 - 5.0), Role::Line),
        ],
        Shape::FramedCircle => vec![
            (Prim::Ellipse(c, w / 2.0, h / 2.0), Role::Body),
            (Prim::Ellipse(c, w / 2.0 - 3.0, h / 2.0 - 3.0), Role::Solid),
        ],
        Shape::FilledCircle => vec![(Prim::Ellipse(c, w / 2.0, h / 2.0), Role::Solid)],
        Shape::CrossedCircle => {
            let (dx, dy) = (w / 2.0 * FRAC_1_SQRT_2, h / 2.0 * FRAC_1_SQRT_2);
            line.m(cx - dx, cy - dy).l(cx + dx, cy + dy);
            line.m(cx + dx, cy - dy).l(cx - dx, cy + dy);
            vec![
                (Prim::Ellipse(c, w / 2.0, h / 2.0), Role::Body),
                line_piece(line),
            ]
        }
        Shape::Asymmetric => vec![(
            poly(&[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0 + h / 2.0, cy)]),
            Role::Body,
        )],
        Shape::Diamond => vec![(poly(&[(cx, y0), (x1, cy), (cx, y1), (x0, cy)]), Role::Body)],
        Shape::Hexagon => {
            let m = h / 4.0;
            vec![(
                poly(&[
                    (x0 + m, y0),
                    (x1 - m, y0),
                    (x1, cy),
                    (x1 - m, y1),
                    (x0 + m, y1),
                    (x0, cy),
                ]),
                Role::Body,
            )]
        }
        Shape::LeanRight | Shape::LeanLeft | Shape::Trapezoid | Shape::TrapezoidTop => {
            let s = slant(h);
            let pts = match shape {
                Shape::LeanRight => [(x0 + s, y0), (x1, y0), (x1 - s, y1), (x0, y1)],
                Shape::LeanLeft => [(x0, y0), (x1 - s, y0), (x1, y1), (x0 + s, y1)],
                Shape::Trapezoid => [(x0 + s, y0), (x1 - s, y0), (x1, y1), (x0, y1)],
                _ => [(x0, y0), (x1, y0), (x1 - s, y1), (x0 + s, y1)],
            };
            vec![(poly(&pts), Role::Body)]
        }
        Shape::NotchedRect => {
            let n = 12.0_f64.min(h / 3.0);
            vec![(
                poly(&[(x0 + n, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0 + n)]),
                Role::Body,
            )]
        }
        Shape::LinedRect => {
            line.m(x0 + LINE_INSET, y0).l(x0 + LINE_INSET, y1);
            vec![rect_body(r), line_piece(line)]
        }
        Shape::Fork => vec![(Prim::Rect(r, 0.0), Role::Solid)],
        Shape::Hourglass => vec![(poly(&[(x0, y0), (x1, y0), (x0, y1), (x1, y1)]), Role::Body)],
        Shape::Bolt => vec![(
            poly(&[
                (x0 + 0.6 * w, y0),
                (x0 + 0.1 * w, y0 + 0.58 * h),
                (x0 + 0.48 * w, y0 + 0.58 * h),
                (x0 + 0.3 * w, y1),
                (x0 + 0.9 * w, y0 + 0.4 * h),
                (x0 + 0.52 * w, y0 + 0.4 * h),
            ]),
            Role::Body,
        )],
        Shape::BraceLeft | Shape::BraceRight | Shape::Braces => {
            let mut v = vec![(Prim::Rect(r, 0.0), Role::Hidden)];
            if shape != Shape::BraceRight {
                v.push(line_piece(brace(x0, y0, y1, false)));
            }
            if shape != Shape::BraceLeft {
                v.push(line_piece(brace(x1, y0, y1, true)));
            }
            v
        }
        Shape::Document => vec![(Prim::Path(document(r)), Role::Body)],
        Shape::LinedDocument => {
            let a = document_wave(h);
            line.m(x0 + LINE_INSET, y0).l(x0 + LINE_INSET, y1 - 1.2 * a);
            vec![(Prim::Path(document(r)), Role::Body), line_piece(line)]
        }
        Shape::TaggedDocument => {
            let a = document_wave(h);
            let t = 12.0_f64.min(h / 4.0);
            vec![
                (Prim::Path(document(r)), Role::Body),
                (
                    poly(&[(x1, y1 - a - t), (x1, y1 - a), (x1 - t, y1 - a)]),
                    Role::Solid,
                ),
            ]
        }
        Shape::Documents | Shape::Processes => {
            let front = stacked_front(r);
            (0..3)
                .rev()
                .map(|i| {
                    let o = STACK_OFFSET * i as f64;
                    let copy = Rect::new(front.x + o, front.y - o, front.width, front.height);
                    if shape == Shape::Documents {
                        (Prim::Path(document(copy)), Role::Body)
                    } else {
                        rect_body(copy)
                    }
                })
                .collect()
        }
        Shape::Delay => {
            let rr = h / 2.0;
            let mut p = PathData::new();
            p.m(x0, y0)
                .l(x1 - rr, y0)
                .arc(x1 - rr, cy, rr, rr, -FRAC_PI_2, FRAC_PI_2)
                .l(x0, y1)
                .z();
            vec![(Prim::Path(p), Role::Body)]
        }
        Shape::CurvedTrapezoid => {
            let (s, rr) = (h / 4.0, h / 2.0);
            let mut p = PathData::new();
            p.m(x0 + s, y0)
                .l(x1 - rr, y0)
                .arc(x1 - rr, cy, rr, h / 2.0, -FRAC_PI_2, FRAC_PI_2)
                .l(x0 + s, y1)
                .l(x0, cy)
                .z();
            vec![(Prim::Path(p), Role::Body)]
        }
        Shape::DividedRect => {
            let band = h - h / 1.2;
            line.m(x0, y0 + band).l(x1, y0 + band);
            vec![rect_body(r), line_piece(line)]
        }
        Shape::Triangle => vec![(poly(&[(cx, y0), (x1, y1), (x0, y1)]), Role::Body)],
        Shape::FlippedTriangle => vec![(poly(&[(x0, y0), (x1, y0), (cx, y1)]), Role::Body)],
        Shape::WindowPane => {
            line.m(x0 + 10.0, y0).l(x0 + 10.0, y1);
            line.m(x0, y0 + 10.0).l(x1, y0 + 10.0);
            vec![rect_body(r), line_piece(line)]
        }
        Shape::NotchedPentagon => {
            let n = (h / 3.0).min(20.0);
            vec![(
                poly(&[
                    (x0 + n, y0),
                    (x1 - n, y0),
                    (x1, y0 + n),
                    (x1, y1),
                    (x0, y1),
                    (x0, y0 + n),
                ]),
                Role::Body,
            )]
        }
        Shape::SlopedRect => {
            let s = h / 4.0;
            vec![(
                poly(&[(x0, y0 + s), (x1, y0), (x1, y1), (x0, y1)]),
                Role::Body,
            )]
        }
        Shape::Flag => {
            let a = flag_wave(h);
            let mut p = PathData::new();
            p.m(x0, y0 + a)
                .c(
                    Point::new(x0 + w / 3.0, y0 + 3.0 * a),
                    Point::new(x0 + 2.0 * w / 3.0, y0 - a),
                    Point::new(x1, y0 + a),
                )
                .l(x1, y1 - a)
                .c(
                    Point::new(x1 - w / 3.0, y1 - 3.0 * a),
                    Point::new(x0 + w / 3.0, y1 + a),
                    Point::new(x0, y1 - a),
                )
                .z();
            vec![(Prim::Path(p), Role::Body)]
        }
        Shape::BowTieRect => {
            let (rx, ry) = (side_cap(h), h / 2.0);
            let mut p = PathData::new();
            p.m(x0 + rx, y0)
                .l(x1 - rx, y0)
                .arc(x1 - rx, cy, rx, ry, -FRAC_PI_2, FRAC_PI_2)
                .l(x0 + rx, y1)
                .arc(x0 + rx, cy, rx, ry, FRAC_PI_2, -FRAC_PI_2)
                .z();
            vec![(Prim::Path(p), Role::Body)]
        }
        Shape::TaggedRect => {
            let t = 10.0_f64.min(h / 4.0);
            vec![
                rect_body(r),
                (poly(&[(x1 - t, y1), (x1, y1 - t), (x1, y1)]), Role::Solid),
            ]
        }
        Shape::Datastore => {
            line.m(x0, y0).l(x1, y0);
            line.m(x0, y1).l(x1, y1);
            vec![(Prim::Rect(r, 0.0), Role::FillOnly), line_piece(line)]
        }
    }
}

use std::f64::consts::FRAC_1_SQRT_2;

#[cfg(test)]
#[path = "shape_tests.rs"]
mod tests;
