//! A legend band below the drawing: one sample line and a label per entry, left to right,
//! wrapping to the drawing's width. Used by state diagrams to explain edge styles.
//!
//! Markup: `<g class="legend">` holding one `<g class="legend-entry">` per entry, each a
//! `<path class="legend-line">` (the entry's line style inline, over the edge stroke variable)
//! and a `<g class="edge-label">` text, so the edge-label colours of the stylesheet apply.

use super::label::{self, Part};
use super::writer::{esc, num, Doc};
use crate::geometry::{Point, Size};
use crate::model::LegendEntry;
use crate::render::theme::{self, Palette};
use crate::text;

/// Length of a sample line.
const SAMPLE: f64 = 40.0;
/// Gap between a sample line and its label.
const GAP: f64 = 8.0;
/// Gap between entries in a row.
const SPACING: f64 = 28.0;
/// Margin around the band's contents.
const MARGIN: f64 = 10.0;
/// Vertical gap between rows.
const ROW_GAP: f64 = 6.0;

/// A placed entry: its top-left corner (band coordinates) and its label size.
pub(crate) struct Placed<'a> {
    entry: &'a LegendEntry,
    at: Point,
    label: Size,
    row_height: f64,
}

/// A placed legend: entries and the band's size (zero for no entries).
pub(crate) struct Legend<'a> {
    entries: Vec<Placed<'a>>,
    /// Width the band needs.
    pub(crate) width: f64,
    /// Height of the band.
    pub(crate) height: f64,
}

/// Places `entries` in rows no wider than `width` (a single entry wider than that gets a row of
/// its own and widens the band).
pub(crate) fn place(entries: &[LegendEntry], font_size: f64, width: f64) -> Legend<'_> {
    let mut placed: Vec<Placed<'_>> = Vec::new();
    if entries.is_empty() {
        return Legend {
            entries: placed,
            width: 0.0,
            height: 0.0,
        };
    }
    let (mut x, mut y, mut row_h, mut max_w) = (MARGIN, MARGIN, 0.0_f64, 0.0_f64);
    let mut row_start = 0;
    for entry in entries {
        let label = text::label_size(&entry.label, font_size);
        let w = SAMPLE + GAP + label.width;
        if x > MARGIN && x + w + MARGIN > width {
            for p in &mut placed[row_start..] {
                p.row_height = row_h;
            }
            row_start = placed.len();
            x = MARGIN;
            y += row_h + ROW_GAP;
            row_h = 0.0;
        }
        placed.push(Placed {
            entry,
            at: Point::new(x, y),
            label,
            row_height: 0.0,
        });
        row_h = row_h.max(label.height);
        max_w = max_w.max(x + w + MARGIN);
        x += w + SPACING;
    }
    for p in &mut placed[row_start..] {
        p.row_height = row_h;
    }
    Legend {
        entries: placed,
        width: max_w,
        height: y + row_h + MARGIN,
    }
}

/// Writes the legend band with its top at `top`.
pub(crate) fn write(doc: &mut Doc, legend: &Legend<'_>, top: f64, font_size: f64, p: &Palette) {
    if legend.entries.is_empty() {
        return;
    }
    doc.open(&format!(
        "<g class=\"legend\" transform=\"translate(0,{})\">",
        num(top)
    ));
    let base = format!(
        "fill:none;stroke:{};stroke-width:2px",
        esc(&theme::var_named(p, "--netfig-edge-stroke"))
    );
    for e in &legend.entries {
        doc.open("<g class=\"legend-entry\">");
        let mid = e.at.y + e.row_height / 2.0;
        let own = label::inline(&e.entry.style, Part::Line);
        let style = if own.is_empty() {
            base.clone()
        } else {
            format!("{base};{own}")
        };
        doc.line(&format!(
            "<path class=\"legend-line\" d=\"M{},{} L{},{}\" style=\"{style}\"/>",
            num(e.at.x),
            num(mid),
            num(e.at.x + SAMPLE),
            num(mid)
        ));
        doc.open("<g class=\"edge-label\">");
        let c = Point::new(e.at.x + SAMPLE + GAP + e.label.width / 2.0, mid);
        doc.line(&label::text(&e.entry.label, c, font_size, "label", ""));
        doc.close("g");
        doc.close("g");
    }
    doc.close("g");
}
