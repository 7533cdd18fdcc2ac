//! Labels as `<text>`: one `<tspan>` per line with an explicit baseline, styled runs nested.
//!
//! `dominant-baseline` is not dependable (resvg ignores parts of it), so each line's baseline
//! is placed explicitly: layout computed it ([`TextBox`]) from the face's ascender and
//! descender with the CSS half-leading model, the same position in Chromium and resvg.

use super::writer::{esc, num};
use crate::layout::drawing::TextBox;
use crate::model::Style;

/// The `<text>` for the lines `at` places, or an empty string for an empty label. `class`
/// names it for the stylesheet; `style` (escaped, may be empty) is its inline style.
pub(crate) fn text(at: &TextBox, class: &str, style: &str) -> String {
    let label = &at.label;
    if label.is_empty() {
        return String::new();
    }
    let (x, top, lh) = (at.center.x, at.top, at.line_height);
    let style = if style.is_empty() {
        String::new()
    } else {
        format!(" style=\"{style}\"")
    };
    let mut out = format!(
        "<text class=\"{class}\" x=\"{}\" text-anchor=\"middle\"{style}>",
        num(x)
    );
    for (i, line) in label.lines.iter().enumerate() {
        if line.runs.iter().all(|r| r.text.is_empty()) {
            continue;
        }
        out.push_str(&format!(
            "<tspan x=\"{}\" y=\"{}\">",
            num(x),
            num(top + i as f64 * lh + at.ascent)
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
    // `<hr>`: a hairline across the label, in the text's colour (same class and style).
    for (i, _) in label.lines.iter().enumerate().filter(|(_, l)| l.rule) {
        out.push_str(&format!(
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"1\"{style}/>",
            num(x - at.width / 2.0),
            num(top + (i as f64 + 0.5) * lh - 0.5),
            num(at.width)
        ));
    }
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
/// later declarations win, as in the model. A label's text takes [`text_inline`] instead (a
/// `font-size` is left out here: only the label's measure knows it).
pub(crate) fn inline(style: &Style, part: Part) -> String {
    declarations(style, part, None)
}

/// The inline style of the text of label `at`: [`inline`] for [`Part::Text`], a `font-size`
/// the style sets written as the size the label was measured and wrapped in (`at.font_size`,
/// px), so that the text drawn is the text measured whatever unit the author wrote.
pub(crate) fn text_inline(style: &Style, at: &TextBox) -> String {
    declarations(style, Part::Text, Some(at.font_size))
}

fn declarations(style: &Style, part: Part, font_size: Option<f64>) -> String {
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
            if *name == "font-size" {
                if let Some(px) = font_size {
                    push(name, &format!("{}px", num(px)));
                }
                continue;
            }
            push(name, v);
        }
    }
    if part == Part::Text {
        if let Some(v) = style.get("color") {
            push("fill", v);
        } else if let Some(text) = style.get("fill").and_then(contrast_text) {
            // An author-chosen background with the theme's text colour would be unreadable in
            // some theme (dark text on a dark fill, light text on `#e6f3ff` in a dark mdBook
            // theme): pin the text to a colour that contrasts with that fill.
            push("fill", text);
        }
    }
    out.join(";")
}

/// A text colour readable on background `fill`, when `fill` is a colour netfig can read
/// (`#rgb`, `#rrggbb`, `rgb(r,g,b)`, `white`, `black`).
pub(crate) fn contrast_text(fill: &str) -> Option<&'static str> {
    let (r, g, b) = parse_rgb(fill.trim())?;
    // WCAG relative luminance; the 0.18 threshold balances contrast with both candidates.
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    Some(if l > 0.18 { "#1f2020" } else { "#f5f5f5" })
}

fn parse_rgb(s: &str) -> Option<(u8, u8, u8)> {
    let s = s.to_ascii_lowercase();
    match s.as_str() {
        "white" => return Some((255, 255, 255)),
        "black" => return Some((0, 0, 0)),
        _ => {}
    }
    if let Some(hex) = s.strip_prefix('#') {
        let digit = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
        return match hex.len() {
            3 | 4 => Some((digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            6 | 8 => Some((digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            _ => None,
        };
    }
    let inner = s
        .strip_prefix("rgb(")
        .or_else(|| s.strip_prefix("rgba("))?
        .strip_suffix(')')?;
    let mut parts = inner.split(',').map(|p| {
        p.trim()
            .parse::<f64>()
            .ok()
            .map(|v| v.clamp(0.0, 255.0) as u8)
    });
    Some((parts.next()??, parts.next()??, parts.next()??))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Point;
    use crate::model::{Label, LabelLine, TextRun};

    fn at(label: &Label, x: f64, y: f64, font_size: f64) -> TextBox {
        TextBox::new(label.clone(), Point::new(x, y), font_size)
    }

    #[test]
    fn text_on_an_author_fill_gets_a_contrasting_colour() {
        assert_eq!(contrast_text("#e6f3ff"), Some("#1f2020"));
        assert_eq!(contrast_text("#333"), Some("#f5f5f5"));
        assert_eq!(contrast_text("rgb(10, 20, 30)"), Some("#f5f5f5"));
        assert_eq!(contrast_text("var(--x)"), None);
        let mut s = Style::default();
        s.declarations.push(("fill".into(), "#e6f3ff".into()));
        assert_eq!(inline(&s, Part::Text), "fill:#1f2020");
        s.declarations.push(("color".into(), "red".into()));
        assert_eq!(inline(&s, Part::Text), "fill:red");
    }

    #[test]
    fn lines_become_tspans_with_baselines() {
        let l = Label::plain("应用层\nApplication");
        let t = text(&at(&l, 50.0, 40.0, 16.0), "label", "");
        assert_eq!(t.matches("<tspan x=\"50\" y=").count(), 2);
        assert!(t.starts_with("<text class=\"label\" x=\"50\" text-anchor=\"middle\">"));
        assert!(!t.contains('\n'));
    }

    #[test]
    fn a_rule_is_a_hairline_across_the_label() {
        let l = Label {
            lines: vec![
                LabelLine::plain("wide line"),
                LabelLine::rule(),
                LabelLine::plain("b"),
            ],
        };
        let t = text(&at(&l, 0.0, 0.0, 16.0), "label", "");
        let w = crate::text::label_size(&l, 16.0).width;
        assert_eq!(t.matches("<rect ").count(), 1, "{t}");
        assert!(
            t.contains(&format!("width=\"{}\" height=\"1\"", num(w))),
            "{t}"
        );
        assert!(t.contains(&format!("x=\"{}\"", num(-w / 2.0))), "{t}");
        // Centred in the middle line's box: y = -1.5 lh + 1.5 lh - 0.5.
        assert!(t.contains("y=\"-0.5\""), "{t}");
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
                rule: false,
                lang: Default::default(),
            }],
        };
        let t = text(&at(&l, 0.0, 0.0, 16.0), "label", "fill:red");
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

    #[test]
    fn a_font_size_is_written_as_the_size_the_label_was_measured_in() {
        let s = Style {
            declarations: vec![
                ("font-size".into(), "1.5em".into()),
                ("font-weight".into(), "bold".into()),
            ],
        };
        let l = Label::plain("x");
        assert_eq!(
            text_inline(&s, &at(&l, 0.0, 0.0, 24.0)),
            "font-weight:bold;font-size:24px"
        );
        // A size netfig could not measure was measured in the chart's: so it is drawn.
        let s = Style {
            declarations: vec![("font-size".into(), "larger".into())],
        };
        assert_eq!(text_inline(&s, &at(&l, 0.0, 0.0, 16.0)), "font-size:16px");
        // Without a size in the style, none is written (the stylesheet's applies).
        assert_eq!(text_inline(&Style::default(), &at(&l, 0.0, 0.0, 16.0)), "");
        assert_eq!(inline(&s, Part::Text), "");
    }
}
