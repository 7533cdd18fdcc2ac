//! Participant shapes as primitives in their box: the box kinds reuse the flowchart shapes
//! (cylinder, horizontal cylinder, stacked boxes); actors and the UML icons (boundary,
//! control, entity) are drawn in the band above the label ([`super::measure::ICON_HEIGHT`]).

use crate::geometry::{Point, Rect};
use crate::layout::path::PathData;
use crate::layout::shape::{self, Piece, Prim, Role};
use crate::model::sequence::ParticipantKind;
use crate::model::Shape;

/// Corner radius of a participant's box, px.
const CORNER: f64 = 3.0;

/// The primitives that draw a participant of `kind` in `r` (its label is set separately).
pub(crate) fn pieces(kind: ParticipantKind, r: Rect) -> Vec<Piece> {
    let cx = r.center().x;
    let top = r.y;
    let line = |pts: &[(f64, f64)]| (Prim::Path(PathData::polyline(pts)), Role::Line);
    let circle =
        |x: f64, y: f64, radius: f64| (Prim::Ellipse(Point::new(x, y), radius, radius), Role::Body);
    // An invisible body keeps the box's area for users' CSS and hit testing.
    let area = (Prim::Rect(r, 0.0), Role::Hidden);
    match kind {
        ParticipantKind::Participant => vec![(Prim::Rect(r, CORNER), Role::Body)],
        ParticipantKind::Database => shape::pieces(Shape::Cylinder, r),
        ParticipantKind::Queue => shape::pieces(Shape::HorizontalCylinder, r),
        ParticipantKind::Collections => shape::pieces(Shape::Processes, r),
        ParticipantKind::Actor => vec![
            area,
            circle(cx, top + 9.0, 7.0),
            line(&[(cx, top + 16.0), (cx, top + 28.0)]),
            line(&[(cx - 12.0, top + 20.0), (cx + 12.0, top + 20.0)]),
            line(&[
                (cx - 10.0, top + 38.0),
                (cx, top + 28.0),
                (cx + 10.0, top + 38.0),
            ]),
        ],
        ParticipantKind::Boundary => vec![
            area,
            circle(cx + 6.0, top + 20.0, 14.0),
            line(&[(cx - 20.0, top + 6.0), (cx - 20.0, top + 34.0)]),
            line(&[(cx - 20.0, top + 20.0), (cx - 8.0, top + 20.0)]),
        ],
        ParticipantKind::Control => vec![
            area,
            circle(cx, top + 22.0, 14.0),
            line(&[
                (cx + 5.0, top + 3.0),
                (cx - 1.0, top + 8.0),
                (cx + 5.0, top + 13.0),
            ]),
        ],
        ParticipantKind::Entity => vec![
            area,
            circle(cx, top + 18.0, 14.0),
            line(&[(cx - 14.0, top + 36.0), (cx + 14.0, top + 36.0)]),
        ],
    }
}
