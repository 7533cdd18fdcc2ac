//! Phase 1: what every label needs (wrapped where the author asked for it), participant box
//! sizes, and the activation bars open at each message's ends.

use super::{ACTIVATION_WIDTH, NUMBER_FONT_SIZE, PAD};
use crate::geometry::Size;
use crate::model::sequence::{Event, ParticipantKind, Sequence};
use crate::model::{Label, TextRun};
use crate::text::{self, FONT_SIZE, LINE_HEIGHT};
use std::collections::BTreeMap;

/// Smallest participant box, px (mermaid's `width` and `height`).
const HEAD_MIN: Size = Size {
    width: 150.0,
    height: 65.0,
};
/// Room for the icon above the label of actors and the UML shapes, px.
pub(crate) const ICON_HEIGHT: f64 = 42.0;
/// Width messages and notes marked `wrap` are wrapped to, px.
const WRAP_WIDTH: f64 = 200.0;

/// A label as it will be drawn and the room its text takes (safe width, line boxes).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Text {
    pub(crate) label: Label,
    pub(crate) size: Size,
}

impl Text {
    fn new(label: &Label, wrap: Option<f64>, fs: f64) -> Text {
        let label = match wrap {
            Some(w) => text::wrap(label, w, fs, false),
            None => label.clone(),
        };
        let label = if label.is_empty() {
            Label::default()
        } else {
            label
        };
        let size = text::safe_label_size(&label, fs);
        Text { label, size }
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.label.lines.is_empty()
    }
}

/// Where a lifeline's open activation bars reach, relative to the lifeline: `(left, right)`.
pub(crate) type BarEdges = Option<(f64, f64)>;

/// What phase 1 hands on.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Measured {
    /// Font size of labels.
    pub(crate) fs: f64,
    /// Per participant: its label and its box size (heads in the top row share one height).
    pub(crate) heads: Vec<(Text, Size)>,
    /// Height of the top row of boxes.
    pub(crate) head_row: f64,
    /// Per event: its text (message, note, section or block label; empty for block ends).
    pub(crate) texts: Vec<Text>,
    /// Per event: the bars open at the message's `from` and `to` while it is sent.
    pub(crate) bars: Vec<(BarEdges, BarEdges)>,
    /// Per event: the autonumber's text and the circle's radius.
    pub(crate) numbers: Vec<Option<(Text, f64)>>,
    /// Per block: its keyword tab's text.
    pub(crate) tabs: Vec<Text>,
}

/// Whether the kind shows an icon with its label below it.
pub(crate) fn has_icon(kind: ParticipantKind) -> bool {
    matches!(
        kind,
        ParticipantKind::Actor
            | ParticipantKind::Boundary
            | ParticipantKind::Control
            | ParticipantKind::Entity
    )
}

pub(crate) fn measure(seq: &Sequence) -> Measured {
    let fs = FONT_SIZE;
    let mut heads: Vec<(Text, Size)> = seq
        .participants
        .iter()
        .map(|p| {
            let t = Text::new(&p.label, None, fs);
            let mut size = Size::new(
                HEAD_MIN.width.max(t.size.width + 2.0 * PAD),
                HEAD_MIN.height.max(t.size.height + 2.0 * PAD),
            );
            if has_icon(p.kind) {
                size.height = size.height.max(ICON_HEIGHT + t.size.height + PAD);
            }
            (t, size)
        })
        .collect();
    let head_row = seq
        .participants
        .iter()
        .zip(&heads)
        .filter(|(p, _)| p.created.is_none())
        .map(|(_, (_, s))| s.height)
        .fold(HEAD_MIN.height, f64::max);
    for (p, (_, s)) in seq.participants.iter().zip(&mut heads) {
        if p.created.is_none() {
            s.height = head_row;
        }
    }
    let wrap = |on: bool| on.then_some(WRAP_WIDTH);
    let texts = seq
        .events
        .iter()
        .map(|e| match e {
            Event::Message(m) => Text::new(&m.text, wrap(m.wrap), fs),
            Event::Note(n) => Text::new(&n.text, wrap(n.wrap), fs),
            Event::BlockStart(b) => seq
                .blocks
                .get(b.index())
                .and_then(|b| b.sections.first())
                .map(|s| Text::new(&bracketed(&s.label), None, fs))
                .unwrap_or_default(),
            Event::Section { block, section } => seq
                .blocks
                .get(block.index())
                .and_then(|b| b.sections.get(*section))
                .map(|s| Text::new(&bracketed(&s.label), None, fs))
                .unwrap_or_default(),
            Event::BlockEnd(_) => Text::default(),
        })
        .collect();
    let numbers = seq
        .events
        .iter()
        .map(|e| match e {
            Event::Message(m) => m.number.map(|n| {
                let t = Text::new(&Label::plain(&n.to_string()), None, NUMBER_FONT_SIZE);
                let r = (t.size.width / 2.0 + 3.0).max(NUMBER_FONT_SIZE * LINE_HEIGHT / 2.0);
                (t, r)
            }),
            _ => None,
        })
        .collect();
    let tabs = seq
        .blocks
        .iter()
        .map(|b| Text::new(&Label::plain(b.kind.keyword()), None, fs))
        .collect();
    Measured {
        fs,
        heads,
        head_row,
        texts,
        bars: bars(seq),
        numbers,
        tabs,
    }
}

/// A block or section label as mermaid shows it, in brackets (`[every minute]`): `[` before
/// the first line, `]` after the last; an empty label stays empty.
fn bracketed(label: &Label) -> Label {
    let mut label = label.clone();
    if label.is_empty() {
        return label;
    }
    let run = |text: &str| TextRun {
        text: text.into(),
        bold: false,
        italic: false,
    };
    let text_lines = || label.lines.iter().enumerate().filter(|(_, l)| !l.rule);
    let (first, last) = match (text_lines().next(), text_lines().next_back()) {
        (Some((f, _)), Some((l, _))) => (f, l),
        _ => return label,
    };
    label.lines[first].runs.insert(0, run("["));
    label.lines[last].runs.push(run("]"));
    label
}

/// The bars open at each message's ends, by a sweep down the timeline: an activation is
/// open from its start event to its end event, both included.
fn bars(seq: &Sequence) -> Vec<(BarEdges, BarEdges)> {
    let n = seq.events.len();
    let mut starts: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut ends: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, a) in seq.activations.iter().enumerate() {
        if let Some(s) = starts.get_mut(a.start) {
            s.push(i);
        }
        if let Some(e) = a.end.and_then(|e| ends.get_mut(e)) {
            e.push(i);
        }
    }
    // Per participant: how many open bars it has at each depth (ordered, so the lowest and
    // highest depth are the ends of the map: log time however many bars are open).
    let mut open: Vec<BTreeMap<u32, usize>> = vec![BTreeMap::new(); seq.participants.len()];
    let edges = |open: &Vec<BTreeMap<u32, usize>>, p: usize| -> BarEdges {
        let depths = open.get(p)?;
        let (&lo, _) = depths.first_key_value()?;
        let (&hi, _) = depths.last_key_value()?;
        let half = ACTIVATION_WIDTH / 2.0;
        Some((-half + f64::from(lo) * half, half + f64::from(hi) * half))
    };
    let mut out = Vec::with_capacity(n);
    for (e, event) in seq.events.iter().enumerate() {
        for &i in &starts[e] {
            let a = &seq.activations[i];
            if let Some(depths) = open.get_mut(a.participant.index()) {
                *depths.entry(a.depth).or_insert(0) += 1;
            }
        }
        out.push(match event {
            Event::Message(m) => (edges(&open, m.from.index()), edges(&open, m.to.index())),
            _ => (None, None),
        });
        for &i in &ends[e] {
            let a = &seq.activations[i];
            if let Some(depths) = open.get_mut(a.participant.index()) {
                if let Some(count) = depths.get_mut(&a.depth) {
                    *count -= 1;
                    if *count == 0 {
                        depths.remove(&a.depth);
                    }
                }
            }
        }
    }
    out
}
