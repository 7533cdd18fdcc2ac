//! Geometric proof that every labelled shape holds its label: the label rectangle, placed
//! where render puts it, lies inside the outline render draws, and no inner line crosses it.

use super::*;
use crate::layout::flowchart::{label_center, node_size, shows_label};
use crate::layout::Direction;
use crate::model::Label;
use crate::text::{safe_label_size, FONT_SIZE};

pub(super) const ALL: [Shape; 47] = [
    Shape::Rect,
    Shape::Ellipse,
    Shape::Rounded,
    Shape::Stadium,
    Shape::Subroutine,
    Shape::Cylinder,
    Shape::Circle,
    Shape::DoubleCircle,
    Shape::Asymmetric,
    Shape::Diamond,
    Shape::Hexagon,
    Shape::LeanRight,
    Shape::LeanLeft,
    Shape::Trapezoid,
    Shape::TrapezoidTop,
    Shape::Text,
    Shape::NotchedRect,
    Shape::LinedRect,
    Shape::SmallCircle,
    Shape::FramedCircle,
    Shape::Fork,
    Shape::Hourglass,
    Shape::BraceLeft,
    Shape::BraceRight,
    Shape::Braces,
    Shape::Bolt,
    Shape::Document,
    Shape::Delay,
    Shape::HorizontalCylinder,
    Shape::LinedCylinder,
    Shape::CurvedTrapezoid,
    Shape::DividedRect,
    Shape::Triangle,
    Shape::WindowPane,
    Shape::FilledCircle,
    Shape::LinedDocument,
    Shape::NotchedPentagon,
    Shape::FlippedTriangle,
    Shape::SlopedRect,
    Shape::Documents,
    Shape::Processes,
    Shape::Flag,
    Shape::BowTieRect,
    Shape::CrossedCircle,
    Shape::TaggedDocument,
    Shape::TaggedRect,
    Shape::Datastore,
];

fn polygon(p: &Prim) -> Vec<Point> {
    p.polygon()
}

/// Every polyline of a primitive, densely resampled (≤ 1 px steps).
fn samples(p: &Prim) -> Vec<Point> {
    let lines = match p {
        Prim::Path(d) => d.flatten(32),
        other => vec![polygon(other)],
    };
    let mut out = Vec::new();
    for l in lines {
        for w in l.windows(2) {
            let n = (((w[1].x - w[0].x).hypot(w[1].y - w[0].y)).ceil() as usize).max(1);
            for i in 0..=n {
                let t = i as f64 / n as f64;
                out.push(Point::new(
                    w[0].x + (w[1].x - w[0].x) * t,
                    w[0].y + (w[1].y - w[0].y) * t,
                ));
            }
        }
    }
    out
}

fn inside_polygon(poly: &[Point], p: Point) -> bool {
    let mut inside = false;
    let n = poly.len();
    for i in 0..n {
        let (a, b) = (poly[i], poly[(i + 1) % n]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
    }
    inside
}

fn strictly_inside(r: &Rect, p: Point) -> bool {
    p.x > r.x + 0.01 && p.x < r.right() - 0.01 && p.y > r.y + 0.01 && p.y < r.bottom() - 0.01
}

fn labels() -> Vec<Label> {
    [
        "A",
        "Application Layer",
        "应用层",
        "应用层\nApplication Layer",
        "TCP\n传输控制协议\nTransmission Control Protocol\nRFC 9293\nfive lines",
    ]
    .iter()
    .map(|s| Label::plain(s))
    .collect()
}

/// The outline the label sits in.
fn outline_piece(shape: Shape, ps: &[Piece]) -> &Prim {
    let mut bodies = ps
        .iter()
        .filter(|(_, r)| matches!(r, Role::Body | Role::FillOnly | Role::Hidden));
    let piece = if matches!(shape, Shape::Documents | Shape::Processes) {
        bodies.next_back()
    } else {
        bodies.next()
    };
    &piece.expect("an outline").0
}

/// Whether the label rectangle `lr` fits the shape drawn in `node`: every point of its border
/// inside the outline, no outline point inside it, no inner line or solid mark across it.
fn fits(shape: Shape, node: Rect, lr: Rect) -> Result<(), String> {
    if !node.contains(&lr, 1e-6) {
        return Err("label box outside node box".into());
    }
    let ps = pieces(shape, node);
    let outline = polygon(outline_piece(shape, &ps));
    for p in samples(&Prim::Rect(lr, 0.0)) {
        if !inside_polygon(&outline, p) {
            return Err(format!("label point {p:?} outside the outline"));
        }
    }
    if outline.iter().any(|p| strictly_inside(&lr, *p)) {
        return Err("outline enters the label".into());
    }
    for (prim, role) in &ps {
        if matches!(role, Role::Line | Role::Solid) {
            if let Some(p) = samples(prim).into_iter().find(|p| strictly_inside(&lr, *p)) {
                return Err(format!("{role:?} crosses the label at {p:?}"));
            }
        }
    }
    Ok(())
}

fn check_shape(shape: Shape) {
    for label in labels() {
        let ls = safe_label_size(&label, FONT_SIZE);
        let size = node_size(shape, ls, Direction::TopBottom);
        let node = Rect::new(37.0, 23.0, size.width, size.height);
        let lr = Rect::centered(label_center(shape, node, ls), ls);
        if let Err(e) = fits(shape, node, lr) {
            panic!("{shape:?} with {:?}: {e}", label.text());
        }
    }
}

#[test]
fn the_fit_check_catches_a_label_too_big() {
    // The check is not vacuous: a label wider than the drawn outline fails it.
    let node = Rect::new(0.0, 0.0, 100.0, 44.0);
    let wide = Rect::centered(node.center(), Size::new(98.0, 24.0));
    assert!(fits(Shape::Rect, node, wide).is_ok());
    assert!(fits(Shape::Diamond, node, wide).is_err());
    assert!(fits(Shape::Hexagon, node, wide).is_err());
    assert!(fits(Shape::Subroutine, node, wide).is_err());
    assert!(fits(Shape::Circle, node, wide).is_err());
}

#[test]
fn every_labelled_shape_holds_its_label() {
    for shape in ALL {
        if shows_label(shape) {
            check_shape(shape);
        }
    }
}

#[test]
fn label_less_shapes_are_small_and_fixed() {
    for shape in ALL {
        if !shows_label(shape) {
            let a = node_size(shape, Size::new(10.0, 24.0), Direction::TopBottom);
            let b = node_size(shape, Size::new(300.0, 96.0), Direction::TopBottom);
            assert_eq!(a, b, "{shape:?}");
            assert!(a.width <= 70.0 && a.height <= 70.0, "{shape:?}");
        }
    }
}

#[test]
fn fork_turns_across_the_flow() {
    let tb = node_size(Shape::Fork, Size::default(), Direction::TopBottom);
    let lr = node_size(Shape::Fork, Size::default(), Direction::LeftRight);
    assert!(tb.width > tb.height && lr.height > lr.width);
}

#[test]
fn every_shape_draws_something_inside_its_box() {
    for shape in ALL {
        let node = Rect::new(10.0, 10.0, 120.0, 60.0);
        let ps = pieces(shape, node);
        assert!(!ps.is_empty(), "{shape:?}");
        for (prim, _) in &ps {
            for p in samples(prim) {
                assert!(
                    p.x >= node.x - 0.5
                        && p.x <= node.right() + 0.5
                        && p.y >= node.y - 0.5
                        && p.y <= node.bottom() + 0.5,
                    "{shape:?} draws outside its box at {p:?}"
                );
            }
        }
    }
}

use crate::geometry::Size;

#[test]
fn shape_list_is_complete() {
    // A new `Shape` variant must be added to ALL (and so to these tests): the match below
    // stops compiling when one is missing.
    for s in ALL {
        match s {
            Shape::Rect
            | Shape::Rounded
            | Shape::Stadium
            | Shape::Subroutine
            | Shape::Cylinder
            | Shape::Circle
            | Shape::Ellipse
            | Shape::DoubleCircle
            | Shape::Asymmetric
            | Shape::Diamond
            | Shape::Hexagon
            | Shape::LeanRight
            | Shape::LeanLeft
            | Shape::Trapezoid
            | Shape::TrapezoidTop
            | Shape::Text
            | Shape::NotchedRect
            | Shape::LinedRect
            | Shape::SmallCircle
            | Shape::FramedCircle
            | Shape::Fork
            | Shape::Hourglass
            | Shape::BraceLeft
            | Shape::BraceRight
            | Shape::Braces
            | Shape::Bolt
            | Shape::Document
            | Shape::Delay
            | Shape::HorizontalCylinder
            | Shape::LinedCylinder
            | Shape::CurvedTrapezoid
            | Shape::DividedRect
            | Shape::Triangle
            | Shape::WindowPane
            | Shape::FilledCircle
            | Shape::LinedDocument
            | Shape::NotchedPentagon
            | Shape::FlippedTriangle
            | Shape::SlopedRect
            | Shape::Documents
            | Shape::Processes
            | Shape::Flag
            | Shape::BowTieRect
            | Shape::CrossedCircle
            | Shape::TaggedDocument
            | Shape::TaggedRect
            | Shape::Datastore => {}
        }
    }
    let distinct: std::collections::HashSet<_> = ALL.iter().collect();
    assert_eq!(distinct.len(), ALL.len());
}
