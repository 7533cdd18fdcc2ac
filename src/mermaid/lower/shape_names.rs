//! Shape names mermaid accepts beyond the documented ones, and the ones it refuses although
//! its shape table (`shapes.ts`) has them. `flowDb.addVertex` throws "No such shape: X. Shape
//! names should be lowercase." for a name with a capital or `_` (the `internalAliases` such
//! as `lean_right` and the undocumented `rectWithTitle`, …); the lowercase undocumented shapes
//! of other diagram kinds (`state`, `choice`, `note`, `doublecircle`, …) it draws, and so does
//! netfig, with its nearest shape where it has none of its own.

use crate::model::Shape;

/// What a shape name means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum ShapeName {
    /// Drawn as this shape; `Some(name)`: netfig's nearest, named for the warning.
    Drawn(Shape, Option<&'static str>),
    /// In mermaid's table but refused for its capital or `_`; the documented name, if any.
    NotLowercase(Option<&'static str>),
    /// No such shape.
    Unknown,
}

/// Lowercase undocumented names → the netfig shape that draws them, and whether that is
/// the same drawing (`true`) or the nearest netfig has (`false`).
const UNDOCUMENTED: &[(&str, &str, bool)] = &[
    ("doublecircle", "dbl-circ", true),
    ("state", "rounded", true),
    ("choice", "diam", false),
    ("note", "rect", false),
    ("class-box", "rect", false),
    ("anchor", "sm-circ", false),
    ("icon", "rect", false),
];

/// Names mermaid's table has with a capital or `_` → the documented name of the shape.
const NOT_LOWERCASE: &[(&str, Option<&str>)] = &[
    ("squareRect", Some("rect")),
    ("roundedRect", Some("rounded")),
    ("lean_right", Some("lean-r")),
    ("lean_left", Some("lean-l")),
    ("inv_trapezoid", Some("trap-t")),
    ("stateStart", Some("sm-circ")),
    ("stateEnd", Some("fr-circ")),
    ("forkJoin", Some("fork")),
    ("rect_left_inv_arrow", Some("odd")),
    ("classBox", Some("class-box")),
    ("rectWithTitle", None),
    ("labelRect", None),
    ("kanbanItem", None),
    ("iconSquare", None),
    ("iconCircle", None),
    ("iconRounded", None),
    ("imageSquare", None),
];

/// What shape name `name` means.
pub(super) fn shape_named(name: &str) -> ShapeName {
    if let Some((_, documented)) = NOT_LOWERCASE.iter().find(|(n, _)| *n == name) {
        return ShapeName::NotLowercase(*documented);
    }
    if let Some(s) = Shape::from_name(name) {
        return ShapeName::Drawn(s, None);
    }
    match UNDOCUMENTED.iter().find(|(n, _, _)| *n == name) {
        Some(&(_, to, same)) => Shape::from_name(to).map_or(ShapeName::Unknown, |s| {
            ShapeName::Drawn(s, (!same).then_some(to))
        }),
        None => ShapeName::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_leads_to_a_netfig_shape() {
        for (from, to, _) in UNDOCUMENTED {
            assert!(Shape::from_name(to).is_some(), "{from} -> {to}");
            assert!(matches!(shape_named(from), ShapeName::Drawn(..)), "{from}");
        }
        for (from, to) in NOT_LOWERCASE {
            assert!(from.contains('_') || from.chars().any(|c| c.is_ascii_uppercase()));
            if let Some(to) = to {
                assert!(
                    matches!(shape_named(to), ShapeName::Drawn(..)),
                    "{from} -> {to}"
                );
            }
        }
    }

    #[test]
    fn mermaids_rules_for_the_names_beyond_the_documented_ones() {
        let dbl = Shape::from_name("dbl-circ").unwrap();
        assert_eq!(shape_named("doublecircle"), ShapeName::Drawn(dbl, None));
        let diam = Shape::from_name("diam").unwrap();
        assert_eq!(shape_named("choice"), ShapeName::Drawn(diam, Some("diam")));
        assert_eq!(
            shape_named("lean_right"),
            ShapeName::NotLowercase(Some("lean-r"))
        );
        assert_eq!(shape_named("labelRect"), ShapeName::NotLowercase(None));
        assert_eq!(shape_named("wave-rectangle"), ShapeName::Unknown);
    }
}
