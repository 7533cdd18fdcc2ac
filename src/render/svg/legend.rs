//! The legend band below the drawing, written where layout placed it
//! ([`crate::layout::legend`]). Used by state diagrams to explain edge styles.
//!
//! Markup: `<g class="legend">` holding one `<g class="legend-entry">` per entry, each a
//! `<path class="legend-line">` (the entry's line style inline, over the edge stroke variable)
//! and a `<g class="edge-label">` text, so the edge-label colours of the stylesheet apply.

use super::label::{self, Part};
use super::writer::{esc, num, Doc};
use crate::layout::legend::LegendBand;
use crate::model::LegendEntry;
use crate::render::theme::{self, Palette};

/// Writes the legend band `band`, whose items are placed `entries`, in that order.
pub(crate) fn write(doc: &mut Doc, band: &LegendBand, entries: &[LegendEntry], p: &Palette) {
    if band.items.is_empty() || entries.is_empty() {
        return;
    }
    doc.open(&format!(
        "<g class=\"legend\" transform=\"translate(0,{})\">",
        num(band.top)
    ));
    let base = format!(
        "fill:none;stroke:{};stroke-width:2px",
        esc(&theme::var_named(p, "--netfig-edge-stroke"))
    );
    for (item, entry) in band.items.iter().zip(entries) {
        doc.open("<g class=\"legend-entry\">");
        let own = label::inline(&entry.style, Part::Line);
        let style = if own.is_empty() {
            base.clone()
        } else {
            format!("{base};{own}")
        };
        let (a, b) = item.line;
        doc.line(&format!(
            "<path class=\"legend-line\" d=\"M{},{} L{},{}\" style=\"{style}\"/>",
            num(a.x),
            num(a.y),
            num(b.x),
            num(b.y)
        ));
        doc.open("<g class=\"edge-label\">");
        doc.line(&label::text(&item.label, "label", ""));
        doc.close("g");
        doc.close("g");
    }
    doc.close("g");
}
