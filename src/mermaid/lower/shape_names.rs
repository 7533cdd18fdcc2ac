//! Shape names mermaid accepts beyond the documented ones (its `shapes.ts`): the
//! `internalAliases` (names from before the new shapes: `squareRect`, `lean_right`,
//! `doublecircle`, …), drawn exactly as the shape they alias, and the undocumented shapes
//! other diagram kinds use (`state`, `choice`, `note`, `rectWithTitle`, icons, …), which a
//! flowchart may name too and netfig draws with its nearest shape, saying so.

use crate::model::Shape;

/// `internalAliases` → the documented name of the same shape.
const INTERNAL_ALIASES: &[(&str, &str)] = &[
    ("squareRect", "rect"),
    ("roundedRect", "rounded"),
    ("lean_right", "lean-r"),
    ("lean_left", "lean-l"),
    ("inv_trapezoid", "trap-t"),
    ("doublecircle", "dbl-circ"),
    ("stateStart", "sm-circ"),
    ("stateEnd", "fr-circ"),
    ("forkJoin", "fork"),
    ("rect_left_inv_arrow", "odd"),
];

/// Undocumented shapes → the netfig shape that draws them, nearest first.
const UNDOCUMENTED: &[(&str, &str)] = &[
    ("state", "rounded"),
    ("choice", "diam"),
    ("note", "rect"),
    ("rectWithTitle", "rect"),
    ("labelRect", "rect"),
    ("classBox", "rect"),
    ("class-box", "rect"),
    ("kanbanItem", "rounded"),
    ("anchor", "sm-circ"),
    ("icon", "rect"),
    ("iconSquare", "rect"),
    ("iconRounded", "rounded"),
    ("iconCircle", "circle"),
    ("imageSquare", "rect"),
];

/// What a shape name draws: the shape, and for an undocumented one the name of the shape
/// netfig draws instead (for the warning). `None`: mermaid has no such shape either.
pub(super) fn shape_named(name: &str) -> Option<(Shape, Option<&'static str>)> {
    if let Some(s) = Shape::from_name(name) {
        return Some((s, None));
    }
    if let Some((_, to)) = INTERNAL_ALIASES.iter().find(|(from, _)| *from == name) {
        return Shape::from_name(to).map(|s| (s, None));
    }
    let (_, to) = UNDOCUMENTED.iter().find(|(from, _)| *from == name)?;
    Shape::from_name(to).map(|s| (s, Some(*to)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_names_a_netfig_shape() {
        for (from, to) in INTERNAL_ALIASES.iter().chain(UNDOCUMENTED) {
            assert!(Shape::from_name(to).is_some(), "{from} -> {to}");
            assert!(shape_named(from).is_some(), "{from}");
        }
    }

    #[test]
    fn aliases_draw_their_shape_and_undocumented_ones_say_what_they_draw() {
        assert_eq!(
            shape_named("lean_right"),
            Shape::from_name("lean-r").map(|s| (s, None))
        );
        assert_eq!(
            shape_named("doublecircle"),
            Shape::from_name("dbl-circ").map(|s| (s, None))
        );
        assert_eq!(
            shape_named("choice"),
            Shape::from_name("diam").map(|s| (s, Some("diam")))
        );
        assert_eq!(shape_named("wave-rectangle"), None);
    }
}
