//! Sequence diagram geometry → SVG.
//!
//! The same contract as flowcharts (see [`super`]): a standalone `<svg>` with root classes
//! `netfig netfig-sequence`, ids prefixed, colours from the shared palette's `--netfig-*`
//! variables with literal fallbacks, no script, no external resource. Structure, back to
//! front: `<g class="group">` (`box` bands), `<g class="block" data-kind="…">` (frames, tabs,
//! dividers), `<g class="participant" data-id="…">` (box or boxes, label, lifeline),
//! `<g class="activation" data-id="…">`, `<g class="message" data-from="…" data-to="…">`
//! (line, then label), `<g class="note">` (box, then text). A checked TCP exchange's ladder
//! adds, under the messages, `<g class="state claimed|inferred">` and `<g class="timer 2msl">`,
//! classes `segment`, `lost`, `crossing`, `finding` on its messages, and
//! `<g class="finding" data-code>` on top (see `ladder`). Written as laid out: nothing is
//! measured or moved here.

mod ladder;
mod parts;
mod style;

use super::label::{self, contrast_text};
use super::shapes::{class, element};
use super::writer::{esc, esc_id, num, Doc};
use super::{accessible_title, id_prefix, open_svg, rect_el, safe_href, style_attr, Head};
use crate::layout::sequence::{shapes, SequenceLayout};
use crate::model::sequence::{Participant, Sequence};
use crate::render::{theme, DiagramKind, SvgOptions};

/// The SVG document for `seq` laid out as `l` (by [`crate::layout::sequence::layout`] for
/// this diagram).
pub fn sequence(seq: &Sequence, l: &SequenceLayout, options: &SvgOptions) -> String {
    let p = id_prefix(&options.id_prefix);
    let palette = theme::palette_for(
        options.theme,
        seq.config.theme.as_deref(),
        &seq.config.theme_variables,
        l.font_size,
    );
    let title = seq.title.as_ref().filter(|t| !t.is_empty());
    let mut doc = Doc::default();
    open_svg(
        &mut doc,
        &Head {
            prefix: &p,
            kind: DiagramKind::Sequence,
            title: accessible_title(seq.acc_title.as_deref(), title, DiagramKind::Sequence),
            descr: seq.acc_descr.as_deref(),
            size: (l.width, l.height),
            font_size: l.font_size,
            stylesheet: stylesheet(&p, &palette, seq, l),
        },
    );
    let markers = parts::Markers::collect(seq, &p);
    markers.write(&mut doc);
    if let Some(at) = &l.title {
        doc.line(&label::text(at, "title", ""));
    }
    groups(&mut doc, seq, l);
    parts::blocks(&mut doc, seq, l);
    for (i, part) in seq.participants.iter().enumerate() {
        if let Some(place) = l.participants.get(i) {
            participant(&mut doc, part, place);
        }
    }
    parts::activations(&mut doc, seq, l);
    if let Some(ladder) = &l.ladder {
        ladder::lanes(&mut doc, seq, ladder);
    }
    parts::messages(&mut doc, seq, l, &markers);
    parts::notes(&mut doc, l);
    if let Some(ladder) = &l.ladder {
        ladder::findings(&mut doc, ladder);
    }
    doc.close("svg");
    doc.finish()
}

/// The stylesheet, with the ladder's rules when there is one.
fn stylesheet(p: &str, palette: &theme::Palette, seq: &Sequence, l: &SequenceLayout) -> String {
    let mut css = style::stylesheet(p, palette, has_author_colour(seq));
    if l.ladder.is_some() {
        for rule in ladder::stylesheet(&format!("#{p}"), palette) {
            css.push('\n');
            css.push_str(&rule);
        }
    }
    css
}

/// Whether text may lie on a colour the author chose (a coloured `box` band or `rect`).
fn has_author_colour(seq: &Sequence) -> bool {
    let safe = |f: &Option<String>| f.as_deref().and_then(|f| theme::clean(f, false)).is_some();
    seq.boxes.iter().any(|g| safe(&g.fill)) || seq.blocks.iter().any(|b| safe(&b.fill))
}

/// An author's colour, if it is safe inside a style attribute.
fn fill_style(fill: Option<&str>) -> Option<(String, Option<&'static str>)> {
    let value = theme::clean(fill?, false)?;
    let text = contrast_text(&value);
    Some((format!("fill:{}", esc(&value)), text))
}

fn groups(doc: &mut Doc, seq: &Sequence, l: &SequenceLayout) {
    for (g, place) in seq.boxes.iter().zip(&l.groups) {
        doc.open("<g class=\"group\">");
        let fill = fill_style(g.fill.as_deref());
        let st = fill
            .as_ref()
            .map(|(s, _)| style_attr(s))
            .unwrap_or_default();
        doc.line(&rect_el("shape", place.rect, &st));
        if let Some(at) = &place.title {
            // A colour netfig can read pins the text to a contrasting one; any other gets
            // the halo (`Purple`: the theme's text, outlined).
            let (class, text) = match fill {
                Some((_, Some(t))) => ("label", format!("fill:{t}")),
                Some((_, None)) => ("label halo", String::new()),
                None => ("label", String::new()),
            };
            doc.line(&label::text(at, class, &text));
        }
        doc.close("g");
    }
}

fn participant(doc: &mut Doc, p: &Participant, place: &crate::layout::sequence::ParticipantPlace) {
    doc.open(&format!(
        "<g class=\"participant\" data-id=\"{}\" data-kind=\"{}\">",
        esc_id(&p.id),
        p.kind.name()
    ));
    let link = p
        .links
        .iter()
        .find_map(|l| safe_href(&l.url).map(|h| (h, l)));
    if let Some((_, l)) = &link {
        doc.line(&format!("<title>{}</title>", esc(&l.label)));
    }
    let boxes = std::iter::once((place.head, &place.head_label))
        .chain(place.foot.as_ref().map(|(r, t)| (*r, t)));
    for (i, (r, text)) in boxes.enumerate() {
        if let (Some((href, _)), 0) = (&link, i) {
            doc.open(&format!("<a href=\"{href}\">"));
        }
        for (prim, role) in shapes::pieces(p.kind, r) {
            doc.line(&element(&prim, class(role), ""));
        }
        doc.line(&label::text(text, "label", ""));
        if link.is_some() && i == 0 {
            doc.close("a");
        }
    }
    let (y0, y1) = place.lifeline;
    if y1 > y0 {
        doc.line(&format!(
            "<line class=\"lifeline\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/>",
            num(y0),
            num(y1),
            x = num(place.x)
        ));
    }
    if let Some(c) = place.cross {
        let d = 8.0;
        doc.line(&format!(
            "<path class=\"destroyed\" d=\"M{},{} L{},{} M{},{} L{},{}\"/>",
            num(c.x - d),
            num(c.y - d),
            num(c.x + d),
            num(c.y + d),
            num(c.x + d),
            num(c.y - d),
            num(c.x - d),
            num(c.y + d)
        ));
    }
    doc.close("g");
}

#[cfg(test)]
mod tests;
