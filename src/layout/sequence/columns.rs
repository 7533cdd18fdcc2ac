//! Phase 2: lifeline x positions.
//!
//! Every pair of participants `i < j` may need a distance between their lifelines: the
//! boxes of neighbours plus `actorMargin`, a message's label between them plus padding, a
//! note beside or over them, a self-message's loop and label. Each such need is a constraint
//! `x[j] - x[i] >= d`; taken left to right, `x[j]` is the largest `x[i] + d` over its
//! constraints — the narrowest drawing that meets all of them (a longest path).
//!
//! A ladder's states beside the lifelines add their room (`beside`, per participant: left,
//! right): neighbours keep both sides' states apart, and a message's label fits between the
//! states on the sides facing it.

use super::measure::{Measured, Text};
use super::{ACTIVATION_WIDTH, PAD, SELF_LOOP};
use crate::model::sequence::{Event, NotePlacement, Sequence};

/// Default room between neighbouring boxes, px (mermaid's `actorMargin`).
const ACTOR_MARGIN: f64 = 50.0;
/// Smallest note, px.
const NOTE_MIN_WIDTH: f64 = 100.0;
/// How far a note `over A,B` reaches past each lifeline, px.
pub(crate) const NOTE_OVERHANG: f64 = 25.0;
/// Distance between a note `left of`/`right of` and its lifeline, px.
pub(crate) const NOTE_OFFSET: f64 = 10.0;
/// Distance between a self-message's lifeline and its text, px.
pub(crate) const SELF_TEXT_OFFSET: f64 = 8.0;
/// Extra room between neighbours in different `box` groups, px.
pub(crate) const GROUP_PAD: f64 = 10.0;

/// The width of a note holding `t` (before an `over A,B` note widens to its lifelines).
pub(crate) fn note_width(t: &Text) -> f64 {
    (t.size.width + 2.0 * PAD).max(NOTE_MIN_WIDTH)
}

/// The room a self-message's loop and text take right of its lifeline.
pub(crate) fn self_reach(t: &Text) -> f64 {
    let text = if t.is_empty() {
        0.0
    } else {
        SELF_TEXT_OFFSET + t.size.width
    };
    SELF_LOOP.0.max(text) + ACTIVATION_WIDTH
}

/// Lifeline x positions, the first at 0; `beside` is the room a ladder's states take on
/// each side of each lifeline (empty for a plain diagram).
pub(crate) fn columns(seq: &Sequence, m: &Measured, beside: &[(f64, f64)]) -> Vec<f64> {
    let n = seq.participants.len();
    if n == 0 {
        return Vec::new();
    }
    let gap = seq
        .config
        .actor_margin
        .filter(|g| g.is_finite() && *g >= 0.0)
        .unwrap_or(ACTOR_MARGIN)
        .min(10_000.0);
    // needs[j]: (i, d) with i < j.
    let mut needs: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut need = |i: usize, j: usize, d: f64| {
        if i < j && j < n && d.is_finite() {
            needs[j].push((i, d));
        }
    };
    // The room between lifelines `i < j` that states take: `i`'s right side, `j`'s left.
    let states = |i: usize, j: usize| {
        beside.get(i).map_or(0.0, |b| b.1) + beside.get(j).map_or(0.0, |b| b.0)
    };
    for j in 1..n {
        let room = states(j - 1, j);
        if room > 0.0 {
            need(j - 1, j, room + 2.0 * NOTE_OFFSET);
        }
        let w = (m.heads[j - 1].1.width + m.heads[j].1.width) / 2.0;
        let grouped = seq.participants[j - 1].group != seq.participants[j].group;
        need(
            j - 1,
            j,
            w + gap + if grouped { 2.0 * GROUP_PAD } else { 0.0 },
        );
    }
    for (e, event) in seq.events.iter().enumerate() {
        let t = &m.texts[e];
        match event {
            Event::Message(msg) if msg.is_self() => {
                let p = msg.from.index();
                let r = m.numbers[e].as_ref().map_or(0.0, |(_, r)| *r);
                need(p, p + 1, self_reach(t) + r + PAD);
            }
            Event::Message(msg) => {
                let (a, b) = (msg.from.index(), msg.to.index());
                let number = m.numbers[e].as_ref().map_or(0.0, |(_, r)| 2.0 * r);
                // A participant created by this message has its box at the line's end.
                let created: f64 = [msg.from, msg.to]
                    .iter()
                    .filter(|p| seq.participant(**p).created == Some(e))
                    .map(|p| m.heads[p.index()].1.width / 2.0)
                    .sum();
                let (lo, hi) = (a.min(b), a.max(b));
                let d = t.size.width + 2.0 * PAD + number + 2.0 * ACTIVATION_WIDTH + created;
                need(lo, hi, d.max(2.0 * PAD + created) + states(lo, hi));
            }
            Event::Note(note) => {
                let w = note_width(t);
                match note.placement {
                    NotePlacement::LeftOf(p) if p.index() > 0 => {
                        need(p.index() - 1, p.index(), w + 2.0 * NOTE_OFFSET);
                    }
                    NotePlacement::RightOf(p) => {
                        need(p.index(), p.index() + 1, w + 2.0 * NOTE_OFFSET);
                    }
                    NotePlacement::Over { first, last } => {
                        let (a, b) = match last {
                            Some(l) => (first.index().min(l.index()), first.index().max(l.index())),
                            None => (first.index(), first.index()),
                        };
                        if a == b {
                            if a > 0 {
                                need(a - 1, a, w / 2.0 + NOTE_OFFSET);
                            }
                            need(a, a + 1, w / 2.0 + NOTE_OFFSET);
                        } else {
                            need(a, b, w - 2.0 * NOTE_OVERHANG);
                        }
                    }
                    NotePlacement::LeftOf(_) => {}
                }
            }
            _ => {}
        }
    }
    let mut xs = vec![0.0; n];
    for j in 1..n {
        xs[j] = needs[j]
            .iter()
            .map(|&(i, d)| xs[i] + d)
            .fold(xs[j - 1], f64::max);
    }
    xs
}
