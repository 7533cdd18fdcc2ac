//! Packet diagram geometry → SVG.
//!
//! The same contract as the other kinds (see [`super`]): a standalone `<svg>` with root
//! classes `netfig netfig-packet`, ids prefixed, colours from the shared palette's
//! `--netfig-*` variables with literal fallbacks (mermaid's `themeVariables.packet` colours
//! become those literals), no script, no external resource. Structure: the title, `<g
//! class="bits">` (bit numbers), then one `<g class="field" data-start="N" data-end="N">` per
//! field in bit order: its outline(s) (`<path class="box">`, `box variable` when its length
//! varies), then its label (`label beside` when it is set beside the grid; `label stacked`,
//! a `<text>` per label line with a character per line, when it is stacked in a narrow
//! field); last `<g
//! class="leaders">`, each leader a `<path class="leader" data-start data-end>` from a dot in
//! its field to its label, over the boxes it crosses. Written as laid
//! out: nothing is measured or moved here.

use super::label;
use super::writer::{esc, num, Doc};
use super::{accessible_title, id_prefix, open_svg, Head};
use crate::geometry::Point;
use crate::layout::packet::{PacketLayout, BIT_FONT_SIZE, TITLE_FONT_SIZE};
use crate::model::packet::Packet;
use crate::render::theme::{self, var_named, Palette};
use crate::render::{DiagramKind, SvgOptions};

/// The SVG document for `packet` laid out as `l` (by [`crate::layout::packet::layout`] for
/// this diagram).
pub fn packet(packet: &Packet, l: &PacketLayout, options: &SvgOptions) -> String {
    let p = id_prefix(&options.id_prefix);
    let c = &packet.config;
    let mut variables = c.theme_variables.clone();
    let mut bit_colour = None;
    for (k, v) in &c.style {
        let name = match k.as_str() {
            "blockFillColor" => "primaryColor",
            "blockStrokeColor" => "primaryBorderColor",
            "labelColor" => "primaryTextColor",
            "titleColor" => "titleColor",
            "startByteColor" | "endByteColor" => {
                bit_colour = bit_colour.or_else(|| theme::clean(v, false));
                continue;
            }
            _ => continue,
        };
        variables.push((name.to_string(), v.clone()));
    }
    let palette = theme::palette_for(options.theme, c.theme.as_deref(), &variables, l.font_size);
    let title = packet.title.as_ref().filter(|t| !t.is_empty());
    let mut doc = Doc::default();
    open_svg(
        &mut doc,
        &Head {
            prefix: &p,
            kind: DiagramKind::Packet,
            title: accessible_title(packet.acc_title.as_deref(), title, DiagramKind::Packet),
            descr: packet.acc_descr.as_deref(),
            size: (l.width, l.height),
            font_size: l.font_size,
            stylesheet: stylesheet(&p, &palette, bit_colour.as_deref()),
        },
    );
    if let Some(at) = &l.title {
        doc.line(&label::text(at, "title", ""));
    }
    if !l.bits.is_empty() {
        doc.open("<g class=\"bits\">");
        for (_, at) in &l.bits {
            doc.line(&label::text(at, "bit", ""));
        }
        doc.close("g");
    }
    for (f, place) in packet.fields.iter().zip(&l.fields) {
        doc.open(&format!(
            "<g class=\"field\" data-start=\"{}\" data-end=\"{}\">",
            place.start, place.end
        ));
        let class = if f.variable { "box variable" } else { "box" };
        for outline in &place.outlines {
            doc.line(&format!(
                "<path class=\"{class}\" d=\"{}\"/>",
                polyline(outline, true)
            ));
        }
        if let Some(at) = &place.label {
            let class = if place.leader.is_some() {
                "label beside"
            } else {
                "label"
            };
            doc.line(&label::text(at, class, ""));
        }
        for at in &place.stacked {
            // A label stacked smaller than the rest (a narrow run in a bilingual drawing)
            // says its size.
            let size = if at.font_size == l.font_size {
                String::new()
            } else {
                format!("font-size:{}px", num(at.font_size))
            };
            doc.line(&label::text(at, "label stacked", &size));
        }
        doc.close("g");
    }
    // Leaders last, over the boxes they cross.
    if l.fields.iter().any(|f| f.leader.is_some()) {
        doc.open("<g class=\"leaders\">");
        for place in &l.fields {
            let Some(leader) = &place.leader else {
                continue;
            };
            doc.line(&format!(
                "<path class=\"leader\" data-start=\"{}\" data-end=\"{}\" d=\"{}\"/>",
                place.start,
                place.end,
                polyline(leader, false)
            ));
            if let Some(at) = leader.first() {
                doc.line(&format!(
                    "<circle class=\"leader-dot\" cx=\"{}\" cy=\"{}\" r=\"2\"/>",
                    num(at.x),
                    num(at.y)
                ));
            }
        }
        doc.close("g");
    }
    doc.close("svg");
    doc.finish()
}

/// Path data through `points`, closed with `Z` when `closed`.
fn polyline(points: &[Point], closed: bool) -> String {
    let mut d = String::with_capacity(points.len() * 14);
    for (i, pt) in points.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&num(pt.x));
        d.push(',');
        d.push_str(&num(pt.y));
        d.push(' ');
    }
    if closed {
        d.push('Z');
    }
    d.trim_end().to_string()
}

/// The embedded stylesheet, every rule scoped to `#prefix`; `bits` is the author's colour
/// for bit numbers (mermaid's `startByteColor`), if any.
fn stylesheet(prefix: &str, p: &Palette, bits: Option<&str>) -> String {
    let v = |name: &str| var_named(p, name);
    let s = format!("#{prefix}");
    let bit_fill = match bits {
        Some(c) => format!("var(--netfig-title-text,{})", esc(c)),
        None => v("--netfig-title-text"),
    };
    [
        format!(
            "{s}{{font-family:{};font-size:{}px}}",
            v("--netfig-font-family"),
            num(p.font_size)
        ),
        format!(
            "{s} .box{{fill:{};stroke:{};stroke-width:1px;stroke-linejoin:round}}",
            v("--netfig-node-fill"),
            v("--netfig-node-stroke")
        ),
        format!("{s} .label{{fill:{}}}", v("--netfig-node-text")),
        format!("{s} .label.beside{{fill:{}}}", v("--netfig-title-text")),
        format!(
            "{s} .leader{{fill:none;stroke:{};stroke-width:1px}}",
            v("--netfig-edge-stroke")
        ),
        format!(
            "{s} .leader-dot{{fill:{};stroke:none}}",
            v("--netfig-edge-stroke")
        ),
        format!(
            "{s} .bit{{fill:{bit_fill};font-size:{}px}}",
            num(BIT_FONT_SIZE)
        ),
        format!(
            "{s} .title{{fill:{};font-size:{}px}}",
            v("--netfig-title-text"),
            num(TITLE_FONT_SIZE)
        ),
    ]
    .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(src: &str) -> String {
        let (p, _) = crate::mermaid::packet(src).expect("valid");
        let l = crate::layout::packet::layout(&p);
        packet(
            &p,
            &l,
            &SvgOptions {
                id_prefix: "t".into(),
                ..SvgOptions::default()
            },
        )
    }

    #[test]
    fn fields_are_groups_with_their_bits_box_first_then_label() {
        let out = svg("packet\ntitle T & U\n0-15: \"Source & Port\"\n16-31: \"Dest\"\n");
        assert!(out.contains("class=\"netfig netfig-packet\""), "{out}");
        let g = out
            .find("<g class=\"field\" data-start=\"0\" data-end=\"15\">")
            .unwrap();
        let path = out[g..].find("<path class=\"box\"").unwrap();
        let text = out[g..].find("Source &amp; Port").unwrap();
        assert!(path < text);
        assert!(out.contains("T &amp; U"), "{out}");
        assert!(!out.contains("<script"));
    }

    #[test]
    fn packet_theme_colours_become_literal_fallbacks() {
        let out = svg("---\nconfig:\n  themeVariables:\n    packet:\n      startByteColor: red\n      blockFillColor: '#abcdef'\n---\npacket\n0-31: \"x\"\n");
        assert!(out.contains("var(--netfig-title-text,red)"), "{out}");
        assert!(out.contains("var(--netfig-node-fill,#abcdef)"), "{out}");
    }
}
