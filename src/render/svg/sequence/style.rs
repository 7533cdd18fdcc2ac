//! A sequence diagram's stylesheet (the shared palette's variables, classes of its own) and
//! its arrowhead markers.

use super::super::writer::num;
use crate::model::sequence::ArrowHead;
use crate::render::theme::{var_named, Palette};

/// The embedded stylesheet, every rule scoped to `#prefix`. With `halo` (an author colour
/// behind text: a `box` band or a `rect`), message and block labels, and the `.halo` text of
/// group titles, get an outline of the label background, so they stay readable on any colour.
pub(crate) fn stylesheet(prefix: &str, p: &Palette, halo: bool) -> String {
    let v = |name: &str| var_named(p, name);
    let s = format!("#{prefix}");
    let (node_fill, node_stroke, node_text) = (
        v("--netfig-node-fill"),
        v("--netfig-node-stroke"),
        v("--netfig-node-text"),
    );
    let edge = v("--netfig-edge-stroke");
    let rules = [
        format!(
            "{s}{{font-family:{};font-size:{}px}}",
            v("--netfig-font-family"),
            num(p.font_size)
        ),
        format!("{s} .shape{{fill:{node_fill};stroke:{node_stroke};stroke-width:1px}}"),
        format!("{s} .shape.hidden{{fill:none;stroke:none}}"),
        format!("{s} .shape-line{{fill:none;stroke:{node_stroke};stroke-width:2px}}"),
        format!("{s} .participant .label{{fill:{node_text}}}"),
        format!("{s} .lifeline{{stroke:{node_stroke};stroke-width:1px}}"),
        format!("{s} .destroyed{{fill:none;stroke:{edge};stroke-width:2px}}"),
        format!("{s} .message .line{{fill:none;stroke:{edge};stroke-width:1.5px}}"),
        format!("{s} .message .dotted{{stroke-dasharray:3,3}}"),
        format!(
            "{s} .message .label{{fill:{}}}",
            v("--netfig-edge-label-text")
        ),
        format!("{s} .message .number{{fill:{edge};stroke:none}}"),
        format!("{s} .message .number-text{{fill:{node_fill};font-size:12px}}"),
        format!("{s} .message .central{{fill:{node_fill};stroke:{edge};stroke-width:1.5px}}"),
        format!("{s} .marker{{fill:{edge};stroke:none}}"),
        format!("{s} .marker-line{{fill:none;stroke:{edge};stroke-width:1.5px}}"),
        format!(
            "{s} .note .shape{{fill:{};stroke:{};stroke-width:1px}}",
            v("--netfig-cluster-fill"),
            v("--netfig-cluster-stroke")
        ),
        format!("{s} .note .label{{fill:{}}}", v("--netfig-cluster-text")),
        format!("{s} .block .frame{{fill:none;stroke:{node_stroke};stroke-width:1.5px}}"),
        format!("{s} .block .fill{{stroke:none}}"),
        format!(
            "{s} .block .divider{{stroke:{node_stroke};stroke-width:1px;stroke-dasharray:3,3}}"
        ),
        format!("{s} .block .tab{{fill:{node_fill};stroke:{node_stroke};stroke-width:1px}}"),
        format!("{s} .block .tab-label{{fill:{node_text}}}"),
        format!("{s} .block .label{{fill:{}}}", v("--netfig-title-text")),
        format!(
            "{s} .activation .shape{{fill:{};stroke:{node_stroke};stroke-width:1px}}",
            v("--netfig-edge-label-bg")
        ),
        format!("{s} .group .shape{{fill:none;stroke:none}}"),
        format!("{s} .group .label{{fill:{}}}", v("--netfig-title-text")),
        format!("{s} .title{{fill:{}}}", v("--netfig-title-text")),
    ];
    let mut rules = rules.to_vec();
    if halo {
        rules.push(format!(
            "{s} .message .label,{s} .block .label,{s} .halo{{paint-order:stroke;stroke:{};stroke-width:3px;stroke-linejoin:round}}",
            v("--netfig-edge-label-bg")
        ));
    }
    rules.join("\n")
}

/// The marker's name in ids (`None` for no marker).
pub(crate) fn marker_name(h: ArrowHead) -> Option<&'static str> {
    Some(match h {
        ArrowHead::None => return None,
        ArrowHead::Filled => "filled",
        ArrowHead::Cross => "cross",
        ArrowHead::Open => "open",
        ArrowHead::HalfFilledTop => "half-filled-top",
        ArrowHead::HalfFilledBottom => "half-filled-bottom",
        ArrowHead::HalfOpenTop => "half-open-top",
        ArrowHead::HalfOpenBottom => "half-open-bottom",
    })
}

/// The head drawn at a line's start: markers there are turned around
/// (`auto-start-reverse`), which also swaps a half arrow's upper and lower barb, so the
/// marker of the other half keeps the author's half above or below the line.
pub(crate) fn tail_marker(h: ArrowHead) -> ArrowHead {
    match h {
        ArrowHead::HalfFilledTop => ArrowHead::HalfFilledBottom,
        ArrowHead::HalfFilledBottom => ArrowHead::HalfFilledTop,
        ArrowHead::HalfOpenTop => ArrowHead::HalfOpenBottom,
        ArrowHead::HalfOpenBottom => ArrowHead::HalfOpenTop,
        h => h,
    }
}

/// The `<marker>` definition for `h` with id `id`: 12×12 user units, its tip on the line's
/// end (a cross is centred on it).
pub(crate) fn marker_def(id: &str, h: ArrowHead) -> String {
    let (ref_x, body) = match h {
        ArrowHead::None => return String::new(),
        ArrowHead::Filled => (12, "<path class=\"marker\" d=\"M0,1 L12,6 L0,11 Z\"/>"),
        ArrowHead::Open => (12, "<path class=\"marker-line\" d=\"M1,1 L11,6 L1,11\"/>"),
        ArrowHead::Cross => (
            6,
            "<path class=\"marker-line\" d=\"M2,2 L10,10 M10,2 L2,10\"/>",
        ),
        ArrowHead::HalfFilledTop => (12, "<path class=\"marker\" d=\"M0,1 L12,6 L0,6 Z\"/>"),
        ArrowHead::HalfFilledBottom => (12, "<path class=\"marker\" d=\"M0,11 L12,6 L0,6 Z\"/>"),
        ArrowHead::HalfOpenTop => (12, "<path class=\"marker-line\" d=\"M1,1 L11,6\"/>"),
        ArrowHead::HalfOpenBottom => (12, "<path class=\"marker-line\" d=\"M1,11 L11,6\"/>"),
    };
    format!(
        "<marker id=\"{id}\" viewBox=\"0 0 12 12\" refX=\"{ref_x}\" refY=\"6\" markerUnits=\"userSpaceOnUse\" markerWidth=\"12\" markerHeight=\"12\" orient=\"auto-start-reverse\">{body}</marker>"
    )
}
