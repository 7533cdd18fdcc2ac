//! Packet header layout: the RFC's drawing of a header, not mermaid's row of separate boxes.
//!
//! Rows of `bits_per_row` bits (32 by default) are stacked with no gap, bit numbers above the
//! first row. A field is one outline however many rows it spans (a staircase polygon when it
//! starts or ends mid-row; two boxes only when its pieces do not touch). A variable-length
//! field ([`Field::variable`]) has a broken (zigzag) bottom edge, and the field below it shares
//! that edge. A label is set in the field's largest piece, wrapped if that makes it fit; a
//! label that still does not fit (a one-bit flag, say) is stacked inside its field, one
//! character under another, as RFC 9293's Figure 1 writes the control bits (each label line a
//! column, upright, as Chinese is written vertically; a run of such fields stacked alike); a
//! label too long for that is set in a column beside the grid (on the side its leader crosses
//! fewer fields), with a leader from the field that runs below the row's labels. Rows grow to
//! hold the labels set in them, stacked labels and the leaders' lanes.
//!
//! Only the bundled font's metrics are used ([`crate::text`]); nothing here knows SVG.

use crate::geometry::{Point, Rect};
use crate::layout::drawing::TextBox;
use crate::model::packet::{BitOrder, Field, Packet};
use crate::model::{Label, LabelLine};
use crate::text::{self, LINE_HEIGHT};

/// Font size of field labels, px (mermaid's `labelFontSize`).
pub const LABEL_FONT_SIZE: f64 = 12.0;
/// Font size of bit numbers, px (mermaid's `byteFontSize`).
pub const BIT_FONT_SIZE: f64 = 10.0;
/// Font size of the title, px (mermaid's `titleFontSize`).
pub const TITLE_FONT_SIZE: f64 = 14.0;
/// Room kept between a label and its field's edges, px.
const INSET: f64 = 3.0;
/// Gap between the grid and the column of labels set beside it, px.
const GUTTER: f64 = 24.0;
/// Half the height of the zigzag of a broken edge, px.
const ZIG: f64 = 3.0;
/// Half the period of the zigzag, px.
const ZAG_STEP: f64 = 6.0;
/// Most lines a label is wrapped to inside its field before it goes beside the grid.
const MAX_WRAPPED_LINES: usize = 3;
/// The tallest a label stacked in a narrow field may be, px: taller ones go beside the grid
/// rather than make the row that tall.
const MAX_STACK_HEIGHT: f64 = 100.0;
/// Distance between stacked characters, × the font size.
const STACK_LEADING: f64 = 1.15;
/// Distance between the columns of a stacked label (its lines), × the font size.
const STACK_PITCH: f64 = 1.1;
/// Room kept between a stacked label and its field's sides, px.
const STACK_INSET: f64 = 2.0;
/// Font sizes (px) a stacked label is tried in, in order.
const STACK_SIZES: [f64; 2] = [LABEL_FONT_SIZE, BIT_FONT_SIZE];

/// Where everything of a packet diagram goes.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PacketLayout {
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// The label font size, px.
    pub font_size: f64,
    /// The title, centred above the grid.
    pub title: Option<TextBox>,
    /// Bit numbers above the first row: the number and its text box.
    pub bits: Vec<(u32, TextBox)>,
    /// One per field, in [`Packet::fields`] order.
    pub fields: Vec<FieldPlace>,
    /// The grid: left, top, right, bottom of the rows.
    pub grid: Rect,
}

/// A field's outline, label and leader.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FieldPlace {
    /// The first bit.
    pub start: u64,
    /// The last bit.
    pub end: u64,
    /// Closed outlines (one, or two when the field's pieces on two rows do not touch).
    pub outlines: Vec<Vec<Point>>,
    /// The label, if it is not empty.
    pub label: Option<TextBox>,
    /// The piece of the field the label belongs to (inside it, or reached by the leader).
    pub label_home: Rect,
    /// From the field to its label set beside the grid, if it is.
    pub leader: Option<Vec<Point>>,
    /// A label stacked in a narrow field (then `label` is `None`): one text box per label
    /// line, left to right, each holding one character per line.
    pub stacked: Vec<TextBox>,
}

/// One row's piece of a field: columns `c0..=c1` of row `row`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    row: usize,
    c0: u64,
    c1: u64,
}

/// Lays out `packet` (labels already reduced to one language choice).
pub fn layout(packet: &Packet) -> PacketLayout {
    let c = &packet.config;
    let bpr = u64::from(c.bits_per_row.max(1));
    let bw = c.bit_width;
    let grid_w = bpr as f64 * bw;
    let rows = packet.bits().div_ceil(bpr) as usize;
    let lh = LABEL_FONT_SIZE * LINE_HEIGHT;

    // Labels: each field's label as it fits its largest piece, or `None` for beside the grid.
    let pieces: Vec<Vec<Piece>> = packet.fields.iter().map(|f| pieces(f, bpr)).collect();
    let homes: Vec<(usize, usize, f64)> = pieces.iter().map(|p| home(p, bpr, bw)).collect();
    let mut fitted: Vec<Option<Label>> = packet
        .fields
        .iter()
        .zip(&homes)
        .map(|(f, &(_, _, width))| fit(&f.label, width - 2.0 * INSET))
        .collect();
    // Labels that fit no other way, stacked inside their field (the font size).
    let mut stacked: Vec<Option<f64>> = packet
        .fields
        .iter()
        .zip(&fitted)
        .zip(&homes)
        .map(|((f, fit), &(_, _, width))| match fit {
            None if !f.label.is_empty() => stack(&f.label, width),
            _ => None,
        })
        .collect();
    // A run of fields as narrow as one that is stacked (the control bits) is stacked
    // together, in one size, so the run reads as one.
    let mut i = 0;
    while i < homes.len() {
        let same = |j: usize| homes[j] == homes[i] && homes[j].0 == homes[j].1;
        let run_end = (i..homes.len())
            .take_while(|&j| same(j))
            .last()
            .unwrap_or(i);
        let run = i..=run_end;
        if run.clone().any(|j| stacked[j].is_some()) {
            // The setting the run's label with the most lines needs, for all of them.
            let most = run
                .clone()
                .map(|j| &packet.fields[j].label)
                .max_by_key(|l| l.lines.len())
                .unwrap_or(&packet.fields[i].label);
            if let Some(size) = stack(most, homes[i].2) {
                for j in run.clone() {
                    let l = &packet.fields[j].label;
                    if !l.is_empty() && stacks(l, homes[j].2, size) {
                        stacked[j] = Some(size);
                        fitted[j] = None;
                    }
                }
            }
        }
        i = run_end + 1;
    }
    // Labels set beside the grid: on the side nearer their field.
    // The side whose leader crosses fewer other fields of the row (ties: the nearer edge).
    let side = |i: usize| {
        let row = homes[i].0;
        let Some(p) = pieces[i].iter().find(|p| p.row == row).copied() else {
            return false;
        };
        let (mut left, mut right) = (0, 0);
        for (_, q) in pieces.iter().enumerate().filter(|(j, _)| *j != i) {
            for q in q.iter().filter(|q| q.row == row) {
                if q.c1 < p.c0 {
                    left += 1;
                } else if q.c0 > p.c1 {
                    right += 1;
                }
            }
        }
        left < right || (left == right && (p.c0 + p.c1 + 1) < bpr)
    };
    let beside: Vec<(usize, bool)> = (0..packet.fields.len())
        .filter(|&i| {
            fitted[i].is_none() && stacked[i].is_none() && !packet.fields[i].label.is_empty()
        })
        .map(|i| (i, side(i)))
        .collect();
    let margin = |left: bool| {
        beside
            .iter()
            .filter(|(_, l)| *l == left)
            .map(|(i, _)| text::safe_label_size(&packet.fields[*i].label, LABEL_FONT_SIZE).width)
            .fold(0.0, f64::max)
    };
    let (left_w, right_w) = (margin(true), margin(false));
    let x0 = c.padding_x + if left_w > 0.0 { left_w + GUTTER } else { 0.0 };

    // Row heights: at least `row_height`; a one-row home grows to hold its label.
    let mut heights = vec![c.row_height; rows];
    for (((fit, stack), &(first, last, _)), f) in
        fitted.iter().zip(&stacked).zip(&homes).zip(&packet.fields)
    {
        let need = match (fit, stack) {
            (Some(l), _) => l.lines.len() as f64 * lh + 2.0 * INSET,
            (None, Some(size)) => stack_height(&f.label, *size) + 2.0 * INSET,
            (None, None) if f.label.is_empty() => 0.0,
            (None, None) => lh + 2.0 * INSET,
        };
        if first == last {
            if let Some(h) = heights.get_mut(first) {
                *h = h.max(need);
            }
        }
    }
    // A row with leaders grows so that their lanes run below the labels in it.
    for (r, h) in heights.iter_mut().enumerate() {
        let lanes = beside.iter().filter(|(i, _)| homes[*i].0 == r).count();
        if lanes == 0 {
            continue;
        }
        let text = fitted
            .iter()
            .zip(&homes)
            .filter(|(_, home)| home.0 == r && home.1 == r)
            .filter_map(|(f, _)| f.as_ref().map(|l| l.lines.len()))
            .max()
            .unwrap_or(1) as f64
            * lh;
        *h = h.max(text + 2.0 * (lanes + 1) as f64 * INSET + 2.0 * INSET);
    }

    let mut y = c.padding_y;
    let title = packet.title.as_ref().filter(|t| !t.is_empty()).map(|t| {
        let h = t.lines.len() as f64 * TITLE_FONT_SIZE * LINE_HEIGHT;
        let tb = TextBox::new(
            t.clone(),
            Point::new(x0 + grid_w / 2.0, y + h / 2.0),
            TITLE_FONT_SIZE,
        );
        y += h + 6.0;
        tb
    });
    let bits = if c.show_bits {
        let h = BIT_FONT_SIZE * LINE_HEIGHT;
        let step = ruler_step(bw, bpr);
        let out = (0..bpr)
            .filter(|i| i % step == 0 || *i == bpr - 1)
            .map(|i| {
                let at = Point::new(x0 + (i as f64 + 0.5) * bw, y + h / 2.0);
                (
                    i as u32,
                    TextBox::new(Label::plain(&i.to_string()), at, BIT_FONT_SIZE),
                )
            })
            .collect();
        y += h + 2.0;
        out
    } else {
        Vec::new()
    };
    let mut tops = Vec::with_capacity(rows + 1);
    for h in &heights {
        tops.push(y);
        y += h;
    }
    tops.push(y);
    let grid = Rect::new(x0, tops[0], grid_w, y - tops[0]);
    let geo = Grid {
        x0,
        bw,
        bpr,
        tops: &tops,
    };

    let mut fields = Vec::with_capacity(packet.fields.len());
    for (i, f) in packet.fields.iter().enumerate() {
        let prev_broken = i > 0
            && packet.fields[i - 1].variable
            && packet.fields[i - 1].end % bpr == bpr - 1
            && f.start % bpr == 0;
        let outlines = outlines(&pieces[i], &geo, prev_broken, f.variable);
        let (first, last, _) = homes[i];
        let home = home_rect(&pieces[i], first, last, &geo);
        let label = fitted[i]
            .as_ref()
            .filter(|l| !l.is_empty())
            .map(|l| TextBox::new(l.clone(), home.center(), LABEL_FONT_SIZE));
        let stacked = stacked[i].map_or_else(Vec::new, |size| columns(&f.label, home, size));
        fields.push(FieldPlace {
            start: f.start,
            end: f.end,
            outlines,
            label,
            label_home: home,
            leader: None,
            stacked,
        });
    }
    let mut bottom = y;
    for left in [true, false] {
        bottom = bottom.max(set_beside(packet, &mut fields, &beside, left, &geo));
    }
    let right = x0 + grid_w + if right_w > 0.0 { GUTTER + right_w } else { 0.0 };
    let laid = PacketLayout {
        width: right + c.padding_x,
        height: bottom + c.padding_y,
        font_size: LABEL_FONT_SIZE,
        title,
        bits,
        fields,
        grid,
    };
    match c.bit_order {
        BitOrder::Msb0 => laid,
        BitOrder::Lsb0 => laid.mirrored(),
    }
}

impl PacketLayout {
    /// The drawing mirrored left to right, text kept upright: bit 0 of each row on the right
    /// (`bitOrder: lsb0`). Labels stay centred where they were set, leaders and labels beside
    /// the grid change sides with it.
    fn mirrored(mut self) -> PacketLayout {
        let w = self.width;
        let flip = |p: &mut Point| p.x = w - p.x;
        let flip_box = |t: &mut TextBox| t.center.x = w - t.center.x;
        let flip_rect = |r: &mut Rect| r.x = w - r.x - r.width;
        if let Some(t) = &mut self.title {
            flip_box(t);
        }
        for (_, b) in &mut self.bits {
            flip_box(b);
        }
        for f in &mut self.fields {
            f.outlines.iter_mut().flatten().for_each(flip);
            f.label.iter_mut().for_each(flip_box);
            f.stacked.iter_mut().for_each(flip_box);
            f.leader.iter_mut().flatten().for_each(flip);
            flip_rect(&mut f.label_home);
        }
        flip_rect(&mut self.grid);
        self
    }
}

/// Sets the labels that go beside the grid on one side (`left` or right), stacked from their
/// rows down; returns the bottom of the lowest. A leader runs from a dot in its field along
/// the lower part of the row (under the other labels there) to the grid's edge, then to its
/// label. In a row, the field nearest the edge gets the lowest leader and the lowest label,
/// so leaders do not cross.
fn set_beside(
    packet: &Packet,
    fields: &mut [FieldPlace],
    beside: &[(usize, bool)],
    left: bool,
    g: &Grid<'_>,
) -> f64 {
    let edge_x = if left { g.x0 } else { g.x(g.bpr) };
    let mut mine: Vec<usize> = beside
        .iter()
        .filter(|(_, l)| *l == left)
        .map(|(i, _)| *i)
        .collect();
    // By row, then from the far side of the grid towards this edge.
    let rows: Vec<f64> = fields.iter().map(|f| f.label_home.y).collect();
    let row = |i: usize| rows[i];
    mine.sort_by(|&a, &b| {
        row(a)
            .total_cmp(&row(b))
            .then(if left { b.cmp(&a) } else { a.cmp(&b) })
    });
    let mut cursor = f64::NEG_INFINITY;
    let mut k_in_row = 0usize;
    let mut last_row = f64::NAN;
    let mut lowest = f64::NEG_INFINITY;
    let group = mine;
    for (n, &i) in group.iter().enumerate() {
        let home = fields[i].label_home;
        if home.y != last_row {
            last_row = home.y;
            k_in_row = group[n..].iter().take_while(|&&j| row(j) == home.y).count();
        }
        k_in_row -= 1;
        let label = packet.fields[i].label.clone();
        let size = text::safe_label_size(&label, LABEL_FONT_SIZE);
        let lane = home.bottom() - INSET - k_in_row as f64 * INSET;
        let top = (lane - size.height / 2.0).max(cursor + 2.0);
        cursor = top + size.height;
        lowest = lowest.max(cursor);
        let cy = top + size.height / 2.0;
        let (out_x, cx) = if left {
            (edge_x - GUTTER, edge_x - GUTTER - size.width / 2.0)
        } else {
            (edge_x + GUTTER, edge_x + GUTTER + size.width / 2.0)
        };
        let bend = if left {
            edge_x - GUTTER / 3.0
        } else {
            edge_x + GUTTER / 3.0
        };
        fields[i].leader = Some(vec![
            Point::new(home.center().x, lane),
            Point::new(bend, lane),
            Point::new(if left { out_x + 2.0 } else { out_x - 2.0 }, cy),
        ]);
        fields[i].label = Some(TextBox::new(label, Point::new(cx, cy), LABEL_FONT_SIZE));
    }
    lowest
}

/// Every how many bits a number is written: every bit if two digits fit its width, else
/// every 2nd, 4th, 8th or 16th.
fn ruler_step(bw: f64, bpr: u64) -> u64 {
    let digits = (bpr.max(2) - 1).to_string();
    let need = text::text_width(&digits, BIT_FONT_SIZE, false) + 2.0;
    [1, 2, 4, 8, 16, 32, 64]
        .into_iter()
        .find(|s| *s as f64 * bw >= need)
        .unwrap_or(128)
}

/// The rows a field covers, with the columns it has in each.
fn pieces(f: &Field, bpr: u64) -> Vec<Piece> {
    let (r0, r1) = (f.start / bpr, f.end / bpr);
    (r0..=r1)
        .map(|r| Piece {
            row: r as usize,
            c0: f.start.max(r * bpr) - r * bpr,
            c1: f.end.min(r * bpr + bpr - 1) - r * bpr,
        })
        .collect()
}

/// Where a field's label goes: the rows (first, last) of its largest piece — the block of
/// its full rows if it has any — and that piece's width.
fn home(pieces: &[Piece], bpr: u64, bw: f64) -> (usize, usize, f64) {
    let full: Vec<&Piece> = pieces
        .iter()
        .filter(|p| p.c0 == 0 && p.c1 == bpr - 1)
        .collect();
    if let (Some(a), Some(b)) = (full.first(), full.last()) {
        return (a.row, b.row, bpr as f64 * bw);
    }
    let best = pieces
        .iter()
        .fold(None::<&Piece>, |best, p| match best {
            Some(b) if b.c1 - b.c0 >= p.c1 - p.c0 => Some(b),
            _ => Some(p),
        })
        .copied()
        .unwrap_or(Piece {
            row: 0,
            c0: 0,
            c1: 0,
        });
    (best.row, best.row, (best.c1 - best.c0 + 1) as f64 * bw)
}

/// The label as it fits `width`: as written, or wrapped to a few lines; `None` if neither.
fn fit(label: &Label, width: f64) -> Option<Label> {
    if label.is_empty() {
        return Some(Label::default());
    }
    let fits = |l: &Label| text::safe_label_size(l, LABEL_FONT_SIZE).width <= width;
    if fits(label) {
        return Some(label.clone());
    }
    let wrapped = text::wrap(label, width, LABEL_FONT_SIZE, false);
    (fits(&wrapped) && wrapped.lines.len() <= MAX_WRAPPED_LINES.max(label.lines.len()))
        .then_some(wrapped)
}

/// The font size `label` is stacked in inside a field `width` wide: the first of
/// [`STACK_SIZES`] whose columns fit across the field and whose tallest column is at most
/// [`MAX_STACK_HEIGHT`]; `None` if none does.
fn stack(label: &Label, width: f64) -> Option<f64> {
    STACK_SIZES
        .into_iter()
        .find(|&size| stacks(label, width, size))
}

/// Whether `label` stacked in `size` fits a field `width` wide.
fn stacks(label: &Label, width: f64, size: f64) -> bool {
    let across = label.lines.len() as f64 * size * STACK_PITCH;
    across + 2.0 * STACK_INSET <= width && stack_height(label, size) <= MAX_STACK_HEIGHT
}

/// The height of `label` stacked in `size`: its longest line, a character a line.
fn stack_height(label: &Label, size: f64) -> f64 {
    let longest = label
        .lines
        .iter()
        .map(|l| l.text().chars().count())
        .max()
        .unwrap_or(0);
    longest as f64 * size * STACK_LEADING
}

/// `label` stacked in `home`: a column per line, centred side by side, each a text box of one
/// character per line.
fn columns(label: &Label, home: Rect, size: f64) -> Vec<TextBox> {
    let n = label.lines.len() as f64;
    let c = home.center();
    label
        .lines
        .iter()
        .enumerate()
        .map(|(k, line)| {
            let chars = Label {
                lines: line
                    .text()
                    .chars()
                    .map(|ch| LabelLine::new(ch.to_string(), line.lang))
                    .collect(),
            };
            let x = c.x + (k as f64 - (n - 1.0) / 2.0) * size * STACK_PITCH;
            TextBox::new(chars, Point::new(x, c.y), size).with_leading(STACK_LEADING)
        })
        .collect()
}

/// Row tops and column widths.
struct Grid<'a> {
    x0: f64,
    bw: f64,
    bpr: u64,
    tops: &'a [f64],
}

impl Grid<'_> {
    fn x(&self, col: u64) -> f64 {
        self.x0 + col as f64 * self.bw
    }
    fn top(&self, row: usize) -> f64 {
        self.tops[row]
    }
    fn bottom(&self, row: usize) -> f64 {
        self.tops[row + 1]
    }
}

/// The rectangle of rows `first..=last` of a field's pieces.
fn home_rect(pieces: &[Piece], first: usize, last: usize, g: &Grid<'_>) -> Rect {
    let p = pieces
        .iter()
        .find(|p| p.row == first)
        .copied()
        .unwrap_or(pieces[0]);
    let (c0, c1) = if first == last {
        (p.c0, p.c1)
    } else {
        (0, g.bpr - 1)
    };
    let (x0, x1) = (g.x(c0), g.x(c1 + 1));
    Rect::new(x0, g.top(first), x1 - x0, g.bottom(last) - g.top(first))
}

/// Points of a horizontal edge from `xa` to `xb` at `y`: straight, or broken into a zigzag
/// whose phase is fixed by `x0` (so two fields sharing a broken edge draw the same line).
fn edge(xa: f64, xb: f64, y: f64, broken: bool, x0: f64) -> Vec<Point> {
    if !broken {
        return vec![Point::new(xa, y), Point::new(xb, y)];
    }
    let zig = |x: f64| {
        let t = ((x - x0) / ZAG_STEP).rem_euclid(2.0);
        y + ZIG * (1.0 - 2.0 * (t - 1.0).abs())
    };
    let mut out = vec![Point::new(xa, zig(xa))];
    let (lo, hi) = (xa.min(xb), xa.max(xb));
    let mut ks: Vec<f64> = Vec::new();
    let mut k = ((lo - x0) / ZAG_STEP).floor() + 1.0;
    while x0 + k * ZAG_STEP < hi {
        ks.push(x0 + k * ZAG_STEP);
        k += 1.0;
    }
    if xb < xa {
        ks.reverse();
    }
    out.extend(ks.into_iter().map(|x| Point::new(x, zig(x))));
    out.push(Point::new(xb, zig(xb)));
    out
}

/// A field's outline(s), clockwise from its top-left corner.
fn outlines(
    pieces: &[Piece],
    g: &Grid<'_>,
    top_broken: bool,
    bottom_broken: bool,
) -> Vec<Vec<Point>> {
    let first = pieces[0];
    let last = pieces[pieces.len() - 1];
    let rect = |p: Piece, top_b: bool, bottom_b: bool| {
        let (xa, xb) = (g.x(p.c0), g.x(p.c1 + 1));
        let mut pts = edge(xa, xb, g.top(p.row), top_b, g.x0);
        pts.extend(edge(xb, xa, g.bottom(p.row), bottom_b, g.x0));
        pts
    };
    if pieces.len() == 1 {
        return vec![rect(first, top_broken, bottom_broken)];
    }
    if pieces.len() == 2 && last.c1 < first.c0 {
        return vec![
            rect(first, top_broken, false),
            rect(last, false, bottom_broken),
        ];
    }
    let right = g.x(g.bpr);
    let mut pts = edge(g.x(first.c0), right, g.top(first.row), top_broken, g.x0);
    if last.c1 == g.bpr - 1 {
        pts.extend(edge(right, g.x0, g.bottom(last.row), bottom_broken, g.x0));
    } else {
        let xb = g.x(last.c1 + 1);
        pts.push(Point::new(right, g.top(last.row)));
        pts.push(Point::new(xb, g.top(last.row)));
        pts.extend(edge(xb, g.x0, g.bottom(last.row), bottom_broken, g.x0));
    }
    if first.c0 > 0 {
        pts.push(Point::new(g.x0, g.top(first.row + 1)));
        pts.push(Point::new(g.x(first.c0), g.top(first.row + 1)));
    }
    vec![pts]
}

#[cfg(test)]
#[path = "packet_tests.rs"]
mod tests;
