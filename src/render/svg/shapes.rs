//! Node shapes as SVG: each primitive of [`crate::layout::shape::pieces`] as one element,
//! classed by how it is painted.

use super::writer::num;
pub(crate) use crate::layout::shape::{pieces, Prim, Role};

/// The CSS class of a primitive painted as `role`.
pub(crate) fn class(role: Role) -> &'static str {
    match role {
        Role::Body => "shape",
        Role::FillOnly => "shape fill-only",
        Role::Line => "shape-line",
        Role::Solid => "shape-solid",
        Role::Hidden => "shape hidden",
    }
}

/// The element for `prim`, with `class` and `extra` attributes (already escaped, leading space).
pub(crate) fn element(prim: &Prim, class: &str, extra: &str) -> String {
    match prim {
        Prim::Rect(r, rx) => {
            let round = if *rx > 0.0 {
                format!(" rx=\"{0}\" ry=\"{0}\"", num(*rx))
            } else {
                String::new()
            };
            format!(
                "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{round}{extra}/>",
                num(r.x),
                num(r.y),
                num(r.width),
                num(r.height)
            )
        }
        Prim::Ellipse(c, rx, ry) => {
            if (rx - ry).abs() < 1e-9 {
                format!(
                    "<circle class=\"{class}\" cx=\"{}\" cy=\"{}\" r=\"{}\"{extra}/>",
                    num(c.x),
                    num(c.y),
                    num(*rx)
                )
            } else {
                format!(
                    "<ellipse class=\"{class}\" cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\"{extra}/>",
                    num(c.x),
                    num(c.y),
                    num(*rx),
                    num(*ry)
                )
            }
        }
        Prim::Path(p) => format!("<path class=\"{class}\" d=\"{}\"{extra}/>", p.to_d()),
    }
}
