//! The legend band below a drawing: one sample line and a label per entry, left to right,
//! wrapping to the drawing's width. Used by state diagrams to explain edge styles; render
//! writes each entry where this places it.

use super::drawing::TextBox;
use crate::geometry::Point;
use crate::model::LegendEntry;
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

/// A placed legend entry, in band coordinates (origin at the band's top-left corner).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LegendItem {
    /// The sample line: start and end, level with the middle of the entry's row.
    pub line: (Point, Point),
    /// The label beside it.
    pub label: TextBox,
}

/// A placed legend: entries in the order given, and the band's size (zero for no entries).
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct LegendBand {
    /// Where the band's top edge lies in the drawing.
    pub top: f64,
    /// Width the band needs.
    pub width: f64,
    /// Height of the band.
    pub height: f64,
    /// One item per entry.
    pub items: Vec<LegendItem>,
}

/// Places `entries` in rows no wider than `width` (a single entry wider than that gets a row
/// of its own and widens the band), the band's top at `top`.
pub(crate) fn place(entries: &[LegendEntry], font_size: f64, width: f64, top: f64) -> LegendBand {
    // (top-left corner, label, label size, row) per entry.
    let mut placed = Vec::new();
    let mut rows: Vec<f64> = Vec::new();
    let (mut x, mut y, mut row_h, mut max_w) = (MARGIN, MARGIN, 0.0_f64, 0.0_f64);
    for label in entries.iter().map(|e| &e.label) {
        let size = text::label_size(label, font_size);
        let w = SAMPLE + GAP + size.width;
        if x > MARGIN && x + w + MARGIN > width {
            rows.push(row_h);
            x = MARGIN;
            y += row_h + ROW_GAP;
            row_h = 0.0;
        }
        placed.push((Point::new(x, y), label, size, rows.len()));
        row_h = row_h.max(size.height);
        max_w = max_w.max(x + w + MARGIN);
        x += w + SPACING;
    }
    if placed.is_empty() {
        return LegendBand {
            top,
            ..LegendBand::default()
        };
    }
    rows.push(row_h);
    let items = placed
        .into_iter()
        .map(|(at, label, size, row)| {
            let mid = at.y + rows[row] / 2.0;
            let c = Point::new(at.x + SAMPLE + GAP + size.width / 2.0, mid);
            LegendItem {
                line: (Point::new(at.x, mid), Point::new(at.x + SAMPLE, mid)),
                label: TextBox::new(label.clone(), c, font_size),
            }
        })
        .collect();
    LegendBand {
        top,
        width: max_w,
        height: y + row_h + MARGIN,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_wrap_to_the_width_and_share_their_row_middle() {
        let labels = ["client path", "server path", "two\nlines"].map(|l| LegendEntry {
            label: crate::model::Label::plain(l),
            style: Default::default(),
        });
        let one_row = place(&labels, 16.0, 10_000.0, 5.0);
        assert_eq!(one_row.top, 5.0);
        assert_eq!(one_row.items.len(), 3);
        let mids: Vec<f64> = one_row.items.iter().map(|i| i.line.0.y).collect();
        assert!(mids.iter().all(|&m| m == mids[0]), "{mids:?}");
        let narrow = place(&labels, 16.0, 1.0, 0.0);
        assert!(narrow
            .items
            .windows(2)
            .all(|w| w[1].line.0.y > w[0].line.0.y));
        assert!(narrow.height > one_row.height);
        assert!(narrow.width <= one_row.width);
        for i in &narrow.items {
            assert_eq!(i.line.0.x, MARGIN);
            assert_eq!(i.line.1.x - i.line.0.x, SAMPLE);
            assert!(i.label.center.x - i.label.width / 2.0 >= MARGIN + SAMPLE + GAP - 1e-9);
        }
        let none = place(&[], 16.0, 100.0, 7.0);
        assert_eq!((none.width, none.height, none.items.len()), (0.0, 0.0, 0));
    }
}
