//! `@{ … }` blocks: node shape/label attributes and edge attributes (`animate`, `curve`).

use super::shape_names::{shape_named, ShapeName};
use crate::diagnostic::codes::mmd as codes;
use crate::diagnostic::Diagnostic;
use crate::mermaid::syntax::curve::curve_named;
use crate::mermaid::syntax::label::to_label_with;
use crate::mermaid::syntax::{Attr, Text, TextKind};
use crate::model::{Edge, Label, Shape};

/// Shape names offered in did-you-mean hints (mermaid's short names and a few aliases).
const SHAPE_NAMES: &[&str] = &[
    "rect",
    "rounded",
    "stadium",
    "subproc",
    "cyl",
    "circle",
    "dbl-circ",
    "odd",
    "diamond",
    "hex",
    "lean-r",
    "lean-l",
    "trap-b",
    "trap-t",
    "text",
    "notch-rect",
    "lin-rect",
    "sm-circ",
    "framed-circle",
    "fork",
    "hourglass",
    "comment",
    "brace-r",
    "braces",
    "bolt",
    "doc",
    "delay",
    "das",
    "lin-cyl",
    "curv-trap",
    "div-rect",
    "tri",
    "win-pane",
    "f-circ",
    "lin-doc",
    "notch-pent",
    "flip-tri",
    "sl-rect",
    "docs",
    "procs",
    "flag",
    "bow-rect",
    "cross-circ",
    "tag-doc",
    "tag-rect",
    "datastore",
    "database",
    "decision",
    "document",
    "process",
    "terminal",
    "event",
    "manual-file",
    "manual-input",
    "paper-tape",
    "processes",
    "junction",
    "rectangle",
    "cylinder",
    "hexagon",
    "subroutine",
    "trapezoid",
    "double-circle",
    "triangle",
    "lean-right",
    "lean-left",
    "small-circle",
    "filled-circle",
    "crossed-circle",
    "documents",
];

/// Keys of icon and image nodes, which netfig does not draw.
const ICON_KEYS: &[&str] = &["icon", "img", "form", "pos", "h", "w", "constraint"];

/// Applies a node's `@{ … }` attributes: shape and label (read as the diagram's
/// `markdownAutoWrap` says); icon/image keys are warned about.
pub(super) fn node_attrs(
    attrs: &[Attr],
    shape: &mut Shape,
    label: &mut Label,
    markdown_auto_wrap: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let mut warned_icon = false;
    for a in attrs {
        match a.key.value.as_str() {
            "shape" => match shape_named(&a.value.value) {
                ShapeName::Drawn(s, drawn_as) => {
                    *shape = s;
                    if let Some(drawn_as) = drawn_as {
                        diags.push(Diagnostic::warning(
                            codes::DRAWN_APPROXIMATELY,
                            a.value.span,
                            format!(
                                "shape `{}` is drawn as `{drawn_as}` (netfig has no shape of its own for it)",
                                a.value.value
                            ),
                        ));
                    }
                }
                ShapeName::NotLowercase(documented) => {
                    // flowDb.addVertex: "No such shape: X. Shape names should be lowercase."
                    let d = Diagnostic::error(
                        codes::UNKNOWN_SHAPE,
                        a.value.span,
                        format!(
                            "no shape `{}`: mermaid takes shape names in lowercase, without `_`",
                            a.value.value
                        ),
                    );
                    diags.push(match documented {
                        Some(m) => d.with_hint(format!("write `{m}`")),
                        None => d.with_hint(
                            "see mermaid's shape list: rect, rounded, stadium, diamond, cyl, …",
                        ),
                    });
                }
                ShapeName::Unknown => {
                    let mut d = Diagnostic::error(
                        codes::UNKNOWN_SHAPE,
                        a.value.span,
                        format!("unknown shape `{}`", a.value.value),
                    );
                    if let Some(m) = crate::diagnostic::suggest(&a.value.value, SHAPE_NAMES) {
                        d = d.with_hint(format!("did you mean `{m}`?"));
                    }
                    diags.push(d.with_hint(
                        "see mermaid's shape list: rect, rounded, stadium, diamond, cyl, …",
                    ));
                }
            },
            "label" => {
                let v = &a.value.value;
                let text = if v.len() >= 2 && v.starts_with('`') && v.ends_with('`') {
                    Text {
                        kind: TextKind::Markdown,
                        raw: v[1..v.len() - 1].to_string(),
                        span: crate::diagnostic::Span::new(
                            a.value.span.start + 1,
                            a.value.span.end - 1,
                        ),
                    }
                } else {
                    Text {
                        kind: TextKind::Quoted,
                        raw: v.clone(),
                        span: a.value.span,
                    }
                };
                let (l, mut d) = to_label_with(&text, markdown_auto_wrap);
                if text.span.end - text.span.start != text.raw.len() {
                    // Escapes resolved: offsets inside the text no longer match the source.
                    d.iter_mut().for_each(|d| d.span = a.value.span);
                }
                *label = l;
                diags.extend(d);
            }
            k if ICON_KEYS.contains(&k) => {
                if !warned_icon {
                    warned_icon = true;
                    diags.push(
                        Diagnostic::warning(
                            codes::ICON_IMAGE,
                            a.key.span,
                            "icons and images are not rendered: netfig uses no external resources",
                        )
                        .with_hint("the node is drawn with its label"),
                    );
                }
            }
            k => diags.push(Diagnostic::warning(
                codes::UNKNOWN_ATTR,
                a.key.span,
                format!("unknown node attribute `{k}` ignored; expected `shape` or `label`"),
            )),
        }
    }
}

/// Applies `e1@{ … }` to an edge.
pub(super) fn edge_attrs(attrs: &[Attr], edge: &mut Edge, diags: &mut Vec<Diagnostic>) {
    for a in attrs {
        let v = a.value.value.as_str();
        match a.key.value.as_str() {
            "animate" => match v {
                "true" => edge.animation = Some("default".into()),
                "false" => edge.animation = None,
                _ => diags.push(Diagnostic::error(
                    codes::BAD_ATTR_VALUE,
                    a.value.span,
                    format!("`animate` must be `true` or `false`, not `{v}`"),
                )),
            },
            "animation" => match v {
                "fast" | "slow" => edge.animation = Some(v.to_string()),
                _ => diags.push(Diagnostic::error(
                    codes::BAD_ATTR_VALUE,
                    a.value.span,
                    format!("`animation` must be `fast` or `slow`, not `{v}`"),
                )),
            },
            "curve" => match curve_named(v, a.value.span) {
                Ok((c, warning)) => {
                    diags.extend(warning);
                    edge.curve = Some(c);
                }
                Err(e) => diags.push(e),
            },
            k => diags.push(Diagnostic::warning(
                codes::UNKNOWN_ATTR,
                a.key.span,
                format!("unknown edge attribute `{k}` ignored; expected `animate`, `animation` or `curve`"),
            )),
        }
    }
}
