//! Phase 3: horizontal extents — of every event's drawing, of block frames (each around its
//! events and nested frames, so nesting indents) and of `box` groups — and the shift that
//! puts the leftmost of them at the margin.

use super::columns::{note_width, self_reach, GROUP_PAD, NOTE_OFFSET, NOTE_OVERHANG};
use super::measure::Measured;
use super::{MARGIN, PAD};
use crate::model::sequence::{Event, NotePlacement, Sequence};
use crate::text;

/// What phase 3 hands on, in final x coordinates.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Frames {
    /// Per participant: its lifeline's x.
    pub(crate) xs: Vec<f64>,
    /// Per event: the x range its drawing covers (`None` for block markers).
    pub(crate) spans: Vec<Option<(f64, f64)>>,
    /// Per block: its frame's x range.
    pub(crate) blocks: Vec<(f64, f64)>,
    /// Per `box` group: its band's x range.
    pub(crate) groups: Vec<(f64, f64)>,
    /// Width of the whole drawing.
    pub(crate) width: f64,
}

/// Width a block's tab takes.
pub(crate) fn tab_width(m: &Measured, block: usize) -> f64 {
    m.tabs[block].size.width + 2.0 * PAD
}

fn union(a: Option<(f64, f64)>, b: (f64, f64)) -> (f64, f64) {
    match a {
        Some((x0, x1)) => (x0.min(b.0), x1.max(b.1)),
        None => b,
    }
}

/// `extra`: more x ranges the drawing must hold (a ladder's states beside the lifelines).
pub(crate) fn frames(seq: &Sequence, m: &Measured, xs: &[f64], extra: &[(f64, f64)]) -> Frames {
    let head = |p: usize| {
        let w = m.heads[p].1.width / 2.0;
        (xs[p] - w, xs[p] + w)
    };
    let spans: Vec<Option<(f64, f64)>> = seq
        .events
        .iter()
        .enumerate()
        .map(|(e, event)| event_span(m, xs, e, event))
        .collect();
    // Each event's span goes to the innermost block open around it (one sweep); then,
    // children coming after their parents, a backwards walk lets each parent take in its
    // children's frames: linear in events and blocks however deep the nesting.
    let mut own: Vec<Option<(f64, f64)>> = vec![None; seq.blocks.len()];
    let mut open: Vec<usize> = Vec::new();
    for (e, event) in seq.events.iter().enumerate() {
        match event {
            Event::BlockStart(b) => open.push(b.index()),
            Event::BlockEnd(_) => {
                open.pop();
            }
            _ => {
                if let (Some(&b), Some(span)) = (open.last(), spans[e]) {
                    if let Some(slot) = own.get_mut(b) {
                        *slot = Some(union(*slot, span));
                    }
                }
            }
        }
    }
    let mut blocks: Vec<(f64, f64)> = vec![(0.0, 0.0); seq.blocks.len()];
    let mut children: Vec<Option<(f64, f64)>> = vec![None; seq.blocks.len()];
    for (b, block) in seq.blocks.iter().enumerate().rev() {
        let ext = match (own[b], children[b]) {
            (Some(a), c) => Some(union(c, a)),
            (None, c) => c,
        };
        let (x0, mut x1) = match ext {
            Some((a, z)) => (a - PAD, z + PAD),
            None => {
                let x = xs.first().copied().unwrap_or(0.0);
                (x - PAD, x + PAD)
            }
        };
        let tab = if block.kind == crate::model::sequence::BlockKind::Rect {
            0.0
        } else {
            tab_width(m, b)
        };
        let first = m.texts.get(block.start).map_or(0.0, |t| t.size.width);
        let mut need = tab + first + 2.0 * PAD;
        for s in block.sections.iter().skip(1) {
            need = need.max(m.texts.get(s.start).map_or(0.0, |t| t.size.width) + 2.0 * PAD);
        }
        if x1 - x0 < need {
            x1 = x0 + need;
        }
        blocks[b] = (x0, x1);
        if let Some(p) = block.parent.map(|p| p.index()).filter(|&p| p < b) {
            children[p] = Some(union(children[p], (x0, x1)));
        }
    }
    let groups: Vec<(f64, f64)> = seq
        .boxes
        .iter()
        .map(|g| {
            let (mut x0, mut x1) = g
                .members
                .iter()
                .filter(|p| p.index() < xs.len())
                .map(|p| head(p.index()))
                .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
                .unwrap_or((0.0, 0.0));
            x0 -= GROUP_PAD;
            x1 += GROUP_PAD;
            let title = g
                .title
                .as_ref()
                .map_or(0.0, |t| text::safe_label_size(t, m.fs).width + 2.0 * PAD);
            if x1 - x0 < title {
                let grow = (title - (x1 - x0)) / 2.0;
                (x0, x1) = (x0 - grow, x1 + grow);
            }
            (x0, x1)
        })
        .collect();
    let all = (0..xs.len())
        .map(head)
        .chain(spans.iter().flatten().copied())
        .chain(blocks.iter().copied())
        .chain(groups.iter().copied())
        .chain(extra.iter().copied());
    let (lo, hi) = all
        .filter(|(a, z)| a.is_finite() && z.is_finite())
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
        .unwrap_or((0.0, 0.0));
    let title = seq
        .title
        .as_ref()
        .filter(|t| !t.is_empty())
        .map_or(0.0, |t| text::safe_label_size(t, m.fs).width);
    let shift = MARGIN - lo;
    let content = hi - lo;
    let width = (content + 2.0 * MARGIN).max(title + 2.0 * MARGIN);
    // A title wider than the content: centre the content under it.
    let shift = shift + (width - content - 2.0 * MARGIN) / 2.0;
    let moved = |(a, z): (f64, f64)| (a + shift, z + shift);
    Frames {
        xs: xs.iter().map(|x| x + shift).collect(),
        spans: spans.into_iter().map(|s| s.map(moved)).collect(),
        blocks: blocks.into_iter().map(moved).collect(),
        groups: groups.into_iter().map(moved).collect(),
        width,
    }
}

/// The x range event `e`'s drawing covers (before the shift).
fn event_span(m: &Measured, xs: &[f64], e: usize, event: &Event) -> Option<(f64, f64)> {
    let t = &m.texts[e];
    match event {
        Event::Message(msg) => {
            let (a, b) = (xs[msg.from.index()], xs[msg.to.index()]);
            let r = m.numbers[e].as_ref().map_or(0.0, |(_, r)| *r);
            if msg.is_self() {
                Some((a - r, a + self_reach(t) + r))
            } else {
                Some((a.min(b) - r, a.max(b) + r))
            }
        }
        Event::Note(note) => Some(note_span(xs, note.placement, note_width(t))),
        _ => None,
    }
}

/// The x range of a note `w` wide placed at `placement`.
pub(crate) fn note_span(xs: &[f64], placement: NotePlacement, w: f64) -> (f64, f64) {
    match placement {
        NotePlacement::LeftOf(p) => {
            let x = xs[p.index()] - NOTE_OFFSET;
            (x - w, x)
        }
        NotePlacement::RightOf(p) => {
            let x = xs[p.index()] + NOTE_OFFSET;
            (x, x + w)
        }
        NotePlacement::Over { first, last } => {
            let a = xs[first.index()];
            let b = last.map_or(a, |l| xs[l.index()]);
            let (a, b) = (a.min(b), a.max(b));
            if a == b {
                (a - w / 2.0, a + w / 2.0)
            } else {
                let (x0, x1) = (a - NOTE_OVERHANG, b + NOTE_OVERHANG);
                let grow = (w - (x1 - x0)).max(0.0) / 2.0;
                (x0 - grow, x1 + grow)
            }
        }
    }
}
