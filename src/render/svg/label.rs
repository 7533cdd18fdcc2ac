//! Labels as `<text>`: one `<tspan>` per line with an explicit baseline, styled runs nested.
//!
//! `dominant-baseline` is not dependable (resvg ignores parts of it), so each line's baseline
//! is computed from the face's ascender and descender with the CSS half-leading model: the
//! same position in Chromium and resvg, the text block centred on the requested point.

use super::writer::{esc, num};
use crate::geometry::Point;
use crate::model::{Label, Style};
use crate::text::{first_baseline, LINE_HEIGHT};

/// The `<text>` for `label` centred on `c`, or an empty string for an empty label. `class`
/// names it for the stylesheet; `style` (escaped, may be empty) is its inline style.
pub(crate) fn text(label: &Label, c: Point, font_size: f64, class: &str, style: &str) -> String {
    if label.is_empty() {
        return String::new();
    }
    let lh = font_size * LINE_HEIGHT;
    let top = c.y - label.lines.len() as f64 * lh / 2.0;
    let base = first_baseline(font_size);
    let style = if style.is_empty() {
        String::new()
    } else {
        format!(" style=\"{style}\"")
    };
    let mut out = format!(
        "<text class=\"{class}\" x=\"{}\" text-anchor=\"middle\"{style}>",
        num(c.x)
    );
    for (i, line) in label.lines.iter().enumerate() {
        if line.runs.iter().all(|r| r.text.is_empty()) {
            continue;
        }
        out.push_str(&format!(
            "<tspan x=\"{}\" y=\"{}\">",
            num(c.x),
            num(top + i as f64 * lh + base)
        ));
        for run in &line.runs {
            if run.text.is_empty() {
                continue;
            }
            let mut attrs = String::new();
            if run.bold {
                attrs.push_str(" font-weight=\"bold\"");
            }
            if run.italic {
                attrs.push_str(" font-style=\"italic\"");
            }
            if attrs.is_empty() {
                out.push_str(&esc(&run.text));
            } else {
                out.push_str(&format!("<tspan{attrs}>{}</tspan>", esc(&run.text)));
            }
        }
        out.push_str("</tspan>");
    }
    out.push_str("</text>");
    out
}

/// The properties a part of the drawing takes from a `Style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// A filled and stroked body (node shape, cluster box).
    Body,
    /// A body without stroke.
    FillOnly,
    /// A stroke-only line (inner shape lines, edge paths).
    Line,
    /// A solid mark: fill only.
    Solid,
    /// Text: `color` becomes its fill.
    Text,
}

const BODY: &[&str] = &[
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "fill-opacity",
    "stroke-opacity",
];
const FILL_ONLY: &[&str] = &["fill", "opacity", "fill-opacity"];
const LINE: &[&str] = &[
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "stroke-opacity",
];
const TEXT: &[&str] = &[
    "font-weight",
    "font-style",
    "font-size",
    "font-family",
    "text-decoration",
    "opacity",
];

/// The inline `style` value (escaped) carrying `style`'s declarations that apply to `part`;
/// later declarations win, as in the model.
pub(crate) fn inline(style: &Style, part: Part) -> String {
    let allowed = match part {
        Part::Body => BODY,
        Part::FillOnly | Part::Solid => FILL_ONLY,
        Part::Line => LINE,
        Part::Text => TEXT,
    };
    let mut out: Vec<String> = Vec::new();
    let mut push = |name: &str, value: &str| {
        let v = value.trim();
        if v.is_empty() || v.contains(['{', '}', ';']) {
            return;
        }
        out.push(format!("{name}:{}", esc(v)));
    };
    for name in allowed {
        if let Some(v) = style.get(name) {
            push(name, v);
        }
    }
    if part == Part::Text {
        if let Some(v) = style.get("color") {
            push("fill", v);
        }
    }
    out.join(";")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LabelLine, TextRun};

    #[test]
    fn lines_become_tspans_with_baselines() {
        let t = text(
            &Label::plain("应用层\nApplication"),
            Point::new(50.0, 40.0),
            16.0,
            "label",
            "",
        );
        assert_eq!(t.matches("<tspan x=\"50\" y=").count(), 2);
        assert!(t.starts_with("<text class=\"label\" x=\"50\" text-anchor=\"middle\">"));
        assert!(!t.contains('\n'));
    }

    #[test]
    fn runs_keep_their_styles_and_text_is_escaped() {
        let l = Label {
            lines: vec![LabelLine {
                runs: vec![
                    TextRun {
                        text: "a<b".into(),
                        bold: false,
                        italic: false,
                    },
                    TextRun {
                        text: "&c".into(),
                        bold: true,
                        italic: true,
                    },
                ],
            }],
        };
        let t = text(&l, Point::new(0.0, 0.0), 16.0, "label", "fill:red");
        assert!(
            t.contains("a&lt;b<tspan font-weight=\"bold\" font-style=\"italic\">&amp;c</tspan>")
        );
        assert!(t.contains("style=\"fill:red\""));
    }

    #[test]
    fn styles_are_split_by_part() {
        let s = Style {
            declarations: vec![
                ("fill".into(), "#f9f".into()),
                ("stroke".into(), "#333".into()),
                ("color".into(), "red".into()),
                ("font-weight".into(), "bold".into()),
                ("fill".into(), "#0f0".into()),
            ],
        };
        assert_eq!(inline(&s, Part::Body), "fill:#0f0;stroke:#333");
        assert_eq!(inline(&s, Part::Line), "stroke:#333");
        assert_eq!(inline(&s, Part::Text), "font-weight:bold;fill:red");
    }
}
