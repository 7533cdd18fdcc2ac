//! Edge markers: their definitions and references. The edge paths themselves are layout's
//! ([`crate::layout::curve`]); render writes them as drawn.

use crate::model::Marker;

/// The marker's name in ids and classes.
pub(crate) fn marker_name(m: Marker) -> &'static str {
    match m {
        Marker::None => "none",
        Marker::Arrow => "arrow",
        Marker::Circle => "circle",
        Marker::Cross => "cross",
    }
}

/// A `<marker>` definition. `color` (already escaped) paints it like a styled edge; `None`
/// leaves it to the stylesheet. Markers are 10×10 user units, oriented along the path and
/// reversed at the start, so one definition serves both ends.
pub(crate) fn marker_def(id: &str, m: Marker, color: Option<&str>) -> String {
    let (ref_x, body) = match m {
        Marker::None => return String::new(),
        Marker::Arrow => {
            let st = color
                .map(|c| format!(" style=\"fill:{c}\""))
                .unwrap_or_default();
            (
                1,
                format!("<path class=\"marker\" d=\"M0,0 L10,5 L0,10 Z\"{st}/>"),
            )
        }
        Marker::Circle => {
            let st = color
                .map(|c| format!(" style=\"fill:{c}\""))
                .unwrap_or_default();
            (
                1,
                format!("<circle class=\"marker\" cx=\"5\" cy=\"5\" r=\"4\"{st}/>"),
            )
        }
        Marker::Cross => {
            let st = color
                .map(|c| format!(" style=\"stroke:{c}\""))
                .unwrap_or_default();
            (
                5,
                format!("<path class=\"marker-cross\" d=\"M1,1 L9,9 M9,1 L1,9\"{st}/>"),
            )
        }
    };
    format!(
        "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"{ref_x}\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto-start-reverse\">{body}</marker>"
    )
}

/// `url(#id)` attribute text for a marker reference.
pub(crate) fn marker_ref(attr: &str, id: &str) -> String {
    format!(" {attr}=\"url(#{id})\"")
}

#[cfg(test)]
#[path = "edges_tests.rs"]
mod tests;
