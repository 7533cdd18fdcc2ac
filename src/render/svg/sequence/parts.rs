//! Blocks, activation bars, messages and notes.

use super::super::label;
use super::super::writer::{esc_id, num, Doc};
use super::super::{rect_el, style_attr};
use super::{fill_style, style};
use crate::geometry::Point;
use crate::layout::sequence::SequenceLayout;
use crate::model::sequence::{ArrowHead, BlockKind, Event, LineStyle, Sequence};

/// Radius of a central connection's circle, px.
const CENTRAL_RADIUS: f64 = 4.0;

/// The arrowhead markers the diagram uses, in first-use order: `(head, id)`.
pub(crate) struct Markers {
    defs: Vec<(ArrowHead, String)>,
}

impl Markers {
    pub(crate) fn collect(seq: &Sequence, prefix: &str) -> Markers {
        let mut defs: Vec<(ArrowHead, String)> = Vec::new();
        for m in seq.messages() {
            for h in [m.head, style::tail_marker(m.tail)] {
                let Some(name) = style::marker_name(h) else {
                    continue;
                };
                if !defs.iter().any(|(k, _)| *k == h) {
                    defs.push((h, format!("{prefix}-{name}")));
                }
            }
        }
        Markers { defs }
    }

    pub(crate) fn write(&self, doc: &mut Doc) {
        if self.defs.is_empty() {
            return;
        }
        doc.open("<defs>");
        for (h, id) in &self.defs {
            doc.line(&style::marker_def(id, *h));
        }
        doc.close("defs");
    }

    fn id(&self, h: ArrowHead) -> Option<&str> {
        self.defs
            .iter()
            .find(|(k, _)| *k == h)
            .map(|(_, id)| id.as_str())
    }
}

pub(crate) fn blocks(doc: &mut Doc, seq: &Sequence, l: &SequenceLayout) {
    for (b, place) in seq.blocks.iter().zip(&l.blocks) {
        if place.hidden {
            continue;
        }
        doc.open(&format!(
            "<g class=\"block\" data-kind=\"{}\">",
            b.kind.keyword()
        ));
        if b.kind == BlockKind::Rect {
            let st = fill_style(b.fill.as_deref())
                .map(|(s, _)| style_attr(&s))
                .unwrap_or_else(|| style_attr("fill:none"));
            doc.line(&rect_el("fill", place.rect, &st));
        } else {
            doc.line(&rect_el("frame", place.rect, ""));
        }
        if let Some((r, text)) = &place.tab {
            doc.line(&rect_el("tab", *r, ""));
            doc.line(&label::text(text, "tab-label", ""));
        }
        for (i, (y, text)) in place.sections.iter().enumerate() {
            if i > 0 {
                doc.line(&format!(
                    "<line class=\"divider\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>",
                    num(place.rect.x),
                    num(place.rect.right()),
                    y = num(*y)
                ));
            }
            if let Some(t) = text {
                doc.line(&label::text(t, "label", ""));
            }
        }
        doc.close("g");
    }
}

pub(crate) fn activations(doc: &mut Doc, seq: &Sequence, l: &SequenceLayout) {
    for (a, r) in seq.activations.iter().zip(&l.activations) {
        doc.open(&format!(
            "<g class=\"activation\" data-id=\"{}\">",
            esc_id(&seq.participant(a.participant).id)
        ));
        doc.line(&rect_el("shape", *r, ""));
        doc.close("g");
    }
}

/// A message line through `points`. A self-message's loop (four points) is, as in mermaid
/// unless `rightAngles` is set, one curve from its start to its end bulging as far right as
/// the loop's corners (a cubic reaches 3/4 of its control points' offset).
fn path_d(points: &[Point], right_angles: bool) -> String {
    if let ([a, b, _, z], false) = (points, right_angles) {
        let cx = a.x + (b.x - a.x) * 4.0 / 3.0;
        let h = z.y - a.y;
        return format!(
            "M{},{} C{},{} {},{} {},{}",
            num(a.x),
            num(a.y),
            num(cx),
            num(a.y - h / 2.0),
            num(cx),
            num(a.y + 1.5 * h),
            num(z.x),
            num(z.y)
        );
    }
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            d.push(' ');
        }
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&num(p.x));
        d.push(',');
        d.push_str(&num(p.y));
    }
    d
}

pub(crate) fn messages(doc: &mut Doc, seq: &Sequence, l: &SequenceLayout, markers: &Markers) {
    let classes = l.ladder.as_ref().map(super::ladder::SegmentClasses::new);
    for place in &l.messages {
        let Some(Event::Message(m)) = seq.events.get(place.event) else {
            continue;
        };
        let (more, data) = classes
            .as_ref()
            .map(|c| c.of(place.event))
            .unwrap_or_default();
        doc.open(&format!(
            "<g class=\"message{more}\" data-from=\"{}\" data-to=\"{}\"{data}>",
            esc_id(&seq.participant(m.from).id),
            esc_id(&seq.participant(m.to).id)
        ));
        let class = match m.line {
            LineStyle::Solid => "line",
            LineStyle::Dotted => "line dotted",
        };
        let mut extra = String::new();
        if let Some(id) = markers.id(style::tail_marker(m.tail)) {
            extra.push_str(&format!(" marker-start=\"url(#{id})\""));
        }
        if let Some(id) = markers.id(m.head) {
            extra.push_str(&format!(" marker-end=\"url(#{id})\""));
        }
        doc.line(&format!(
            "<path class=\"{class}\" d=\"{}\"{extra}/>",
            path_d(&place.points, seq.config.right_angles)
        ));
        let ends = [
            (m.central_from, place.points.first()),
            (m.central_to, place.points.last()),
        ];
        for (on, at) in ends {
            if let (true, Some(c)) = (on, at) {
                doc.line(&format!(
                    "<circle class=\"central\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
                    num(c.x),
                    num(c.y),
                    num(CENTRAL_RADIUS)
                ));
            }
        }
        if let Some((c, r, text)) = &place.number {
            doc.line(&format!(
                "<circle class=\"number\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
                num(c.x),
                num(c.y),
                num(*r)
            ));
            doc.line(&label::text(
                text,
                "number-text",
                &format!("font-size:{}px", num(text.font_size)),
            ));
        }
        if let Some(text) = &place.label {
            doc.line(&label::text(text, "label", ""));
        }
        doc.close("g");
    }
}

pub(crate) fn notes(doc: &mut Doc, l: &SequenceLayout) {
    for n in &l.notes {
        doc.open("<g class=\"note\">");
        doc.line(&rect_el("shape", n.rect, ""));
        doc.line(&label::text(&n.label, "label", ""));
        doc.close("g");
    }
}
