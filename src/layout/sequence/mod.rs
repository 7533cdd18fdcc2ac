//! Sequence diagram layout: a [`Sequence`] and the bundled font's metrics → every position
//! render draws ([`SequenceLayout`]).
//!
//! The phases, each in its own file:
//! 1. [`measure`]: label sizes (wrapped where the author asked), participant box sizes, the
//!    activation bars open at each event;
//! 2. [`columns`]: lifeline x positions — neighbours `actorMargin` apart, and every pair as
//!    far apart as the widest message, note or self-message label between them needs
//!    (mermaid's rule, solved as a longest path over the pairs, left to right);
//! 3. [`frames`]: the horizontal extent of every event, block frame and box group, and the
//!    shift that puts the leftmost of them at the margin;
//! 4. [`rows`]: time runs down: each event gets a row as tall as its content (label lines,
//!    note, block header, created participant's box), then activation bars, lifelines,
//!    bottom boxes and groups are closed;
//! 5. [`ladder`], for a checked TCP exchange only ([`layout_ladder`]): the rows above leave
//!    room for it (claims in compact rows, segments dropping as they travel, no `par` frames),
//!    then states beside the lifelines, slanted segment lines, timers and findings are placed.
//!
//! Pure and deterministic: no maps, every list in source order.

mod columns;
mod frames;
pub mod ladder;
mod ladder_room;
mod ladder_rows;
mod measure;
mod rows;
pub(crate) mod shapes;

use crate::geometry::{Point, Rect};
use crate::layout::drawing::TextBox;
use crate::layout::quality::seg_hits;
use crate::model::ladder::Ladder;
use crate::model::sequence::{EventIndex, Sequence};
#[cfg(test)]
use crate::model::Label;

/// Margin around the drawing, px.
pub(crate) const MARGIN: f64 = 20.0;
/// Vertical room between rows, px.
pub(crate) const ROW_GAP: f64 = 12.0;
/// Width of an activation bar, px (nested bars are offset by half of it).
pub(crate) const ACTIVATION_WIDTH: f64 = 10.0;
/// Width and height of a self-message's loop, px.
pub(crate) const SELF_LOOP: (f64, f64) = (40.0, 24.0);
/// Padding around text inside notes, tabs and participant boxes, px.
pub(crate) const PAD: f64 = 10.0;
/// Font size of autonumber labels, px.
pub const NUMBER_FONT_SIZE: f64 = 12.0;

/// Everything render draws for a sequence diagram, in final coordinates.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct SequenceLayout {
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// The label font size, px.
    pub font_size: f64,
    /// The diagram's title, centred in a band at the top.
    pub title: Option<TextBox>,
    /// One per participant, in [`Sequence::participants`] order.
    pub participants: Vec<ParticipantPlace>,
    /// One per message, in time order.
    pub messages: Vec<MessagePlace>,
    /// One per note, in time order.
    pub notes: Vec<NotePlace>,
    /// One per block, in [`Sequence::blocks`] order.
    pub blocks: Vec<BlockPlace>,
    /// One bar per activation, in [`Sequence::activations`] order.
    pub activations: Vec<Rect>,
    /// One band per `box` group, in [`Sequence::boxes`] order.
    pub groups: Vec<GroupPlace>,
    /// A checked TCP exchange's ladder ([`layout_ladder`]); `None` for other diagrams.
    pub ladder: Option<ladder::LadderPlace>,
}

/// A participant's boxes, label and lifeline.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ParticipantPlace {
    /// The lifeline's x.
    pub x: f64,
    /// The box at the top (or, for a created participant, at its creation row).
    pub head: Rect,
    /// The label in it.
    pub head_label: TextBox,
    /// The box below the lifeline (`mirrorActors`) and its label, centred on the destroying
    /// message for a destroyed participant; `None` when not mirrored.
    pub foot: Option<(Rect, TextBox)>,
    /// The lifeline from its top y to its bottom y.
    pub lifeline: (f64, f64),
    /// Where it is destroyed (the centre of the cross), if it is and boxes are not mirrored.
    pub cross: Option<Point>,
}

/// A message's line and text.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MessagePlace {
    /// Its event.
    pub event: EventIndex,
    /// The line, from its tail to its head (two points, or four for a self-message's loop).
    pub points: Vec<Point>,
    /// Its text, above the line; `None` if empty.
    pub label: Option<TextBox>,
    /// The box the text needs (padding included); `None` if empty.
    pub label_box: Option<Rect>,
    /// The autonumber: circle centre, radius and the number set in it.
    pub number: Option<(Point, f64, TextBox)>,
}

/// A note's box and text.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct NotePlace {
    /// Its event.
    pub event: EventIndex,
    /// The box.
    pub rect: Rect,
    /// The text in it.
    pub label: TextBox,
}

/// A block's frame, tab and section dividers.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct BlockPlace {
    /// The frame (a `rect` block's background).
    pub rect: Rect,
    /// The keyword tab at the top-left and its text (`None` for `rect`).
    pub tab: Option<(Rect, TextBox)>,
    /// Per section: the y of its divider (the frame's top for the first) and its label, if
    /// not empty.
    pub sections: Vec<(f64, Option<TextBox>)>,
    /// Not drawn: a `par` block of a ladder, whose crossing segments show it.
    pub hidden: bool,
}

/// A `box` group's band and title.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct GroupPlace {
    /// The band behind the members.
    pub rect: Rect,
    /// Its title at the top, if any.
    pub title: Option<TextBox>,
}

/// Lays out `seq` (labels already reduced to the language to show).
pub fn layout(seq: &Sequence) -> SequenceLayout {
    let m = measure::measure(seq);
    let xs = columns::columns(seq, &m, &[]);
    let frames = frames::frames(seq, &m, &xs, &[]);
    rows::rows(seq, &m, &frames, None).0
}

/// Lays out `seq`, a checked TCP exchange, as a ladder (see [`ladder`]): `exchange` is what the
/// check found, its labels in the language shown.
pub fn layout_ladder(seq: &Sequence, exchange: &Ladder) -> SequenceLayout {
    let m = measure::measure(seq);
    let beside = ladder_room::beside(exchange, &m, seq.participants.len());
    let xs = columns::columns(seq, &m, &beside);
    let gutters = ladder_room::gutters(&beside, &xs);
    let frames = frames::frames(seq, &m, &xs, &gutters);
    let rowed = ladder::Rowed::new(exchange, seq.events.len());
    let (mut l, anchors, start) = rows::rows(seq, &m, &frames, Some(&rowed));
    ladder::place(seq, &rowed, &m, (&anchors, start), &mut l);
    l
}

impl SequenceLayout {
    /// Every label box with its text box, for fit checks: participant heads and feet, notes,
    /// block tabs (the tab holds its keyword).
    pub fn boxed_labels(&self) -> Vec<(Rect, &TextBox)> {
        let mut out = Vec::new();
        for p in &self.participants {
            out.push((p.head, &p.head_label));
            if let Some((r, t)) = &p.foot {
                out.push((*r, t));
            }
        }
        for n in &self.notes {
            out.push((n.rect, &n.label));
        }
        for b in &self.blocks {
            if let Some((r, t)) = &b.tab {
                out.push((*r, t));
            }
        }
        out
    }

    /// What the layout promises, checked (for tests and conformance; quadratic in the number
    /// of labels): each pair of message labels, notes, block tabs, section labels and a
    /// ladder's marks (states, timers' names, findings' codes) that overlap, each message line
    /// through a ladder's mark, and each boxed label ([`SequenceLayout::boxed_labels`])
    /// outside its box, as a sentence. Empty when the drawing is clean.
    pub fn problems(&self) -> Vec<String> {
        let mut taken: Vec<(String, Rect)> = Vec::new();
        for m in &self.messages {
            if let Some(b) = m.label_box {
                taken.push((format!("message label (event {})", m.event), b));
            }
        }
        for n in &self.notes {
            taken.push((format!("note (event {})", n.event), n.rect));
        }
        // A ladder's marks: nothing may overlap them, and no segment line cross them.
        let mut marks = Vec::new();
        if let Some(l) = &self.ladder {
            for s in &l.states {
                let what = format!("state {} of participant {}", s.state, s.participant);
                marks.push((what, s.rect));
            }
            for t in &l.timers {
                let what = format!("timer {} of participant {}", t.name, t.participant);
                marks.push((what, text_rect(&t.label)));
            }
            for f in &l.findings {
                marks.push((
                    format!("code {} (event {})", f.code, f.event),
                    text_rect(&f.label),
                ));
            }
        }
        taken.extend(marks.iter().cloned());
        for (i, b) in self.blocks.iter().enumerate() {
            if let Some((r, _)) = &b.tab {
                taken.push((format!("block {i} tab"), *r));
            }
            for (j, (_, t)) in b.sections.iter().enumerate() {
                if let Some(t) = t {
                    taken.push((format!("block {i} section {j} label"), text_rect(t)));
                }
            }
        }
        let mut out = Vec::new();
        for (i, (a, ra)) in taken.iter().enumerate() {
            for (b, rb) in &taken[i + 1..] {
                if ra.overlaps(rb, 0.01) {
                    out.push(format!("{a} {ra:?} overlaps {b} {rb:?}"));
                }
            }
        }
        for m in self
            .ladder
            .is_some()
            .then_some(&self.messages)
            .into_iter()
            .flatten()
        {
            for w in m.points.windows(2) {
                for (what, r) in marks.iter().filter(|(_, r)| seg_hits(w[0], w[1], r, 0.5)) {
                    out.push(format!("line of event {} crosses {what} {r:?}", m.event));
                }
            }
        }
        for (r, t) in self.boxed_labels() {
            if !r.contains(&text_rect(t), 0.01) {
                out.push(format!("label {:?} outside its box {r:?}", t.label.text()));
            }
        }
        out
    }
}

/// The rectangle a text box's lines cover.
pub fn text_rect(t: &TextBox) -> Rect {
    let h = t.label.lines.len() as f64 * t.line_height;
    Rect::new(t.center.x - t.width / 2.0, t.top, t.width, h)
}

#[cfg(test)]
mod tests;
