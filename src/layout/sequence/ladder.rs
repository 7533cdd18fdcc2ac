//! A checked TCP exchange as a ladder (RFC 9293 Figures 6–13): the geometry the
//! [`Ladder`](crate::model::ladder::Ladder) adds to a sequence layout. Each endpoint's states
//! are written beside its lifeline, claimed ones boxed like notes, inferred ones plain; a
//! segment's head is lower than its tail (time passes while it travels), the branches of a
//! `par` block all leave before any arrives, so their lines cross; a lost segment stops
//! halfway, at its cross; an inferred 2MSL wait is a bracket on the lifeline's inner side.
//!
//! Where the states go, for any number of endpoints:
//! - The outer endpoints write outside the drawing, as the RFC does: the first on its left,
//!   the last on its right.
//! - A middle endpoint has segments on both sides, so it may write on either: on the side
//!   away from the segment that enters the state (the one it sends or receives there), on its
//!   right for a claim or a first state; on the other side when that one is taken; else a
//!   little further down its lifeline (written just after), until clear.
//! - The columns make the room across (`columns`): each side a lane writes on gets a gutter
//!   as wide as its widest state (or a finding's code at a claim, written across the
//!   lifeline) plus a gap; neighbours keep their facing gutters apart, and a segment's label
//!   fits between the gutters facing it. So a middle endpoint's gutters are on both sides,
//!   an outer one's on its own (its codes' room inside).
//! - The rows make the room down (`rows`, `Rowed`): a claim just after an arrival that
//!   wrote a state on its lane starts below that state; after a `par` block, as many state
//!   heights as an endpoint may have to write just after it (a middle one's states while the
//!   crossing lines pass, an outer one's sent or arrived together but the first); under a
//!   row, one line per finding's code.
//! - Every late mark keeps clear of what is drawn (`ladder_room`): a state, a timer's name (at
//!   the bracket's foot, else halfway, at its top, under its foot) and a finding's code (under
//!   its line halfway; for crossing lines toward the head, past the crossing; across the
//!   lifeline from a claim; a second code on a row under the first) take the first of their
//!   places inside the drawing that overlaps no label, note, box or mark and that no line
//!   crosses (a small label moved down a little when none is).
//!
//! The rows phase reserves the room; `place` then reads the rows' anchors and the laid out
//! messages and notes, and adds the [`LadderPlace`].

use super::ladder_room::{below_line, outer_side, sides, Taken};
pub(crate) use super::ladder_rows::Rowed;
use super::measure::Measured;
use super::{MessagePlace, SequenceLayout, NUMBER_FONT_SIZE, PAD};
use crate::geometry::{Point, Rect, Size};
use crate::layout::drawing::TextBox;
use crate::model::ladder::Moment;
use crate::model::sequence::{Event, MessageAlign, Sequence};
use crate::model::Label;
use crate::text;

/// How far a lone segment's head is below its tail, px.
pub(crate) const SLANT: f64 = 20.0;
/// The least drop of segments sent together (a `par` block), px.
pub(crate) const PAR_SLANT: f64 = 40.0;
/// Room between a lifeline and the states written beside it, px.
pub(crate) const GUTTER_GAP: f64 = 12.0;
/// Padding inside a claimed state's box: across, down, px.
pub(crate) const STATE_PAD: (f64, f64) = (6.0, 3.0);
/// Distance between a lifeline and a timer's bracket, px.
const BRACKET_OFFSET: f64 = 10.0;
/// Length of a bracket's ticks, px.
const BRACKET_TICK: f64 = 5.0;
/// How many half heights a state may move down its lifeline to keep clear.
const STATE_SHIFTS: u8 = 8;
/// Room a finding's code takes below a lone segment, px.
pub(crate) const FINDING_ROOM: f64 = 16.0;
/// Room each further code on the same row takes, px.
pub(crate) const CODE_LINE: f64 = NUMBER_FONT_SIZE * text::LINE_HEIGHT + 2.0;

/// What the ladder adds, in final coordinates.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct LadderPlace {
    /// Every state written beside a lifeline, lane by lane, in time order.
    pub states: Vec<StatePlace>,
    /// Every segment, in row order.
    pub segments: Vec<SegmentPlace>,
    /// Every inferred timer.
    pub timers: Vec<TimerPlace>,
    /// Every finding marked.
    pub findings: Vec<FindingPlace>,
}

/// A state beside a lifeline.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct StatePlace {
    /// The participant's index.
    pub participant: usize,
    /// The RFC 9293 name.
    pub state: String,
    /// Claimed by a note (boxed), else inferred by netfig (plain, lighter).
    pub claimed: bool,
    /// The silent event inferred to enter it, if any.
    pub event: Option<String>,
    /// The box (claimed) or the text's extent (inferred).
    pub rect: Rect,
    /// The text.
    pub label: TextBox,
    /// The code of a finding at the claiming note, if any.
    pub finding: Option<String>,
}

/// A segment's travel.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SegmentPlace {
    /// Its message's row.
    pub event: usize,
    /// Lost: its line stops at `cross`.
    pub lost: bool,
    /// Sent together with others (a `par` block): their lines cross.
    pub together: bool,
    /// Old (sent before the rows drawn): its line starts halfway, out of the network.
    pub old: bool,
    /// Where a lost segment ends, at the centre of its cross.
    pub cross: Option<Point>,
}

/// A timer's bracket beside a lifeline.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TimerPlace {
    /// The participant's index.
    pub participant: usize,
    /// Its name (`2MSL`), also written beside the bracket.
    pub name: String,
    /// The bracket: tick, upright, tick.
    pub points: Vec<Point>,
    /// Its name beside it.
    pub label: TextBox,
}

/// A finding's code, written where it was found.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FindingPlace {
    /// The row at fault.
    pub event: usize,
    /// The code.
    pub code: String,
    /// The message (for a tooltip).
    pub message: String,
    /// The code, placed.
    pub label: TextBox,
}

/// The size of a state mark's text and of its box.
pub(crate) fn mark_size(text: &Label, fs: f64, claimed: bool) -> (Size, Size) {
    let t = text::safe_label_size(text, fs);
    let b = if claimed {
        Size::new(t.width + 2.0 * STATE_PAD.0, t.height + 2.0 * STATE_PAD.1)
    } else {
        t
    };
    (t, b)
}

/// The height of the state marks written for the note on row `e` (claims), px.
pub(crate) fn claim_height(m: &Measured, e: usize) -> f64 {
    m.texts[e].size.height.max(m.fs * text::LINE_HEIGHT) + 2.0 * STATE_PAD.1
}

/// The height of an inferred state written below a commentary note, px.
pub(crate) fn inferred_height(m: &Measured) -> f64 {
    m.fs * text::LINE_HEIGHT
}

/// The height of the row of first states, px.
pub(crate) fn start_height(m: &Measured) -> f64 {
    m.fs * text::LINE_HEIGHT + 2.0 * STATE_PAD.1
}

/// Adds the ladder to `l` (laid out by the rows phase with `ladder`): `anchors` are the rows'
/// y ranges, per event; `start` the y of the first states' row, if there is one.
pub(crate) fn place(
    seq: &Sequence,
    rowed: &Rowed,
    m: &Measured,
    (anchors, start): (&[(f64, f64)], Option<f64>),
    l: &mut SequenceLayout,
) {
    let ladder = rowed.ladder;
    let fs = m.fs;
    // Per event: its message's and note's place.
    let mut message_at: Vec<Option<usize>> = vec![None; seq.events.len()];
    for (k, p) in l.messages.iter().enumerate() {
        if let Some(slot) = message_at.get_mut(p.event) {
            *slot = Some(k);
        }
    }
    let mut note_at: Vec<Option<usize>> = vec![None; seq.events.len()];
    for (k, n) in l.notes.iter().enumerate() {
        if let Some(slot) = note_at.get_mut(n.event) {
            *slot = Some(k);
        }
    }
    let message = |e: usize| message_at.get(e).copied().flatten();
    let line_y = |msgs: &[MessagePlace], e: usize| {
        message(e)
            .and_then(|k| msgs.get(k))
            .and_then(|p| p.points.first())
            .map(|p| p.y)
    };
    // Tails and heads.
    let mut segments = Vec::new();
    let mut lost_at = vec![false; seq.events.len()];
    let mut together_at = vec![false; seq.events.len()];
    for f in &ladder.flights {
        let members: Vec<usize> = rowed.group(f.group).collect();
        let together = members.len() > 1 || f.arrives != f.event;
        let Some(own_y) = line_y(&l.messages, f.event) else {
            continue;
        };
        let (tail_y, head_y) = if together {
            let tail = members
                .iter()
                .filter_map(|e| line_y(&l.messages, *e))
                .fold(own_y, f64::max);
            let head = anchors.get(f.arrives).map_or(tail + PAR_SLANT, |a| a.0);
            (tail, head.max(tail + SLANT))
        } else {
            (own_y, own_y + SLANT)
        };
        let Some(mp) = message(f.event).and_then(|k| l.messages.get_mut(k)) else {
            continue;
        };
        if mp.points.len() != 2 {
            continue;
        }
        let (a, b) = (mp.points[0], mp.points[1]);
        let mut tail = Point::new(a.x, tail_y);
        let mut head = Point::new(b.x, head_y);
        let middle = Point::new((a.x + b.x) / 2.0, (tail_y + head_y) / 2.0);
        if f.lost {
            head = middle;
        } else if f.old {
            tail = middle;
        }
        mp.points = vec![tail, head];
        if together && members.len() > 1 && seq.config.message_align == MessageAlign::Center {
            align_toward_sender(mp, a.x, b.x);
        }
        if f.lost {
            if let Some(slot) = lost_at.get_mut(f.event) {
                *slot = true;
            }
        }
        if let Some(slot) = together_at.get_mut(f.event) {
            *slot = members.len() > 1;
        }
        segments.push(SegmentPlace {
            event: f.event,
            lost: f.lost,
            together: members.len() > 1,
            old: f.old,
            cross: f.lost.then_some(head),
        });
    }
    let end_of = |e: usize, tail: bool| {
        let p = l.messages.get(message(e)?)?;
        if tail {
            p.points.first().copied()
        } else if lost_at.get(e).copied().unwrap_or(false) {
            None
        } else {
            p.points.last().copied()
        }
    };
    let note = |e: usize| l.notes.get(note_at.get(e).copied().flatten()?);
    let moment_y = |at: Moment| -> Option<f64> {
        match at {
            Moment::Start => start,
            Moment::Sent(e) => end_of(e, true).map(|p| p.y),
            Moment::Arrived(e) => end_of(e, false).map(|p| p.y),
            Moment::Note(e) if rowed.is_claim(e) => anchors.get(e).map(|a| (a.0 + a.1) / 2.0),
            Moment::Note(e) => {
                let bottom = note(e)?.rect.bottom();
                Some(bottom + super::ROW_GAP / 2.0 + inferred_height(m) / 2.0)
            }
        }
    };
    let mut taken = Taken::of(l);
    let n = l.participants.len();
    // States beside the lifelines; per event, where its claim's first state went (its side
    // and box), for a finding's code.
    let mut claimed_at: Vec<Vec<(usize, f64, Rect)>> = vec![Vec::new(); seq.events.len()];
    let mut states = Vec::new();
    for (p, lane) in ladder.lanes.iter().enumerate() {
        let Some(x) = l.participants.get(p).map(|place| place.x) else {
            continue;
        };
        for mark in lane {
            let Some(y) = moment_y(mark.at) else { continue };
            let (t, b) = mark_size(&mark.text, fs, mark.claimed);
            debug_assert!(t.width <= b.width + 0.01);
            // Where it changed, on the better side first; else moved down the lifeline
            // (written a little later) until clear.
            let sides = sides(seq, p, n, mark.at);
            // A silent event netfig inferred before a claim: by the claim's box, above it
            // first (it happened before), else beyond it, else under it.
            let by_claim = match mark.at {
                Moment::Note(e) if !mark.claimed => claimed_at
                    .get(e)
                    .and_then(|at| at.iter().find(|c| c.0 == p))
                    .map(|&(_, s, r)| {
                        // On the claim's side of the lifeline, from the same gutter edge.
                        let cx = x + s * (GUTTER_GAP + b.width / 2.0);
                        let gap = 2.0 + b.height / 2.0;
                        let c = r.center();
                        [
                            Point::new(cx, r.y - gap),
                            Point::new(cx, r.y - gap - b.height / 2.0),
                            Point::new(c.x + s * (r.width / 2.0 + GUTTER_GAP + b.width / 2.0), c.y),
                            Point::new(cx, r.bottom() + gap),
                        ]
                        .into_iter()
                        .map(|c| (Rect::centered(c, b), s))
                        .collect::<Vec<_>>()
                    }),
                _ => None,
            };
            let places = by_claim.unwrap_or_else(|| {
                (0..=STATE_SHIFTS)
                    .flat_map(|k| {
                        let y = y + f64::from(k) * b.height / 2.0;
                        sides.iter().map(move |&s| {
                            let cx = x + s * (GUTTER_GAP + b.width / 2.0);
                            (Rect::centered(Point::new(cx, y), b), s)
                        })
                    })
                    .collect()
            });
            let Some((rect, s)) = taken.first_clear(places) else {
                continue;
            };
            let label = TextBox::new(mark.text.clone(), rect.center(), fs);
            let finding = match mark.at {
                Moment::Note(e) if mark.claimed => {
                    if let Some(slot) = claimed_at.get_mut(e) {
                        if slot.iter().all(|c| c.0 != p) {
                            slot.push((p, s, rect));
                        }
                    }
                    rowed.finding_about(e, p).map(|f| f.code.clone())
                }
                _ => None,
            };
            states.push(StatePlace {
                participant: p,
                state: mark.state.clone(),
                claimed: mark.claimed,
                event: mark.event.clone(),
                rect,
                label,
                finding,
            });
        }
    }
    // Timers.
    let mut timers = Vec::new();
    for t in &ladder.timers {
        let (Some(place), Some(y0), Some(y1)) = (
            l.participants.get(t.participant),
            moment_y(t.from),
            moment_y(t.to),
        ) else {
            continue;
        };
        if y1 <= y0 {
            continue;
        }
        // Inside the outer endpoints' lifelines; left of a middle one's.
        let inner = outer_side(t.participant, n).map_or(-1.0, |s| -s);
        let x = place.x + inner * BRACKET_OFFSET;
        let tick = x - inner * BRACKET_TICK;
        let points = vec![
            Point::new(tick, y0),
            Point::new(x, y0),
            Point::new(x, y1),
            Point::new(tick, y1),
        ];
        for w in points.windows(2) {
            taken.add_line(w[0], w[1]);
        }
        let text = Label::plain(&t.name);
        let size = text::safe_label_size(&text, NUMBER_FONT_SIZE);
        let (w, h) = (size.width, size.height);
        // At the bracket's foot (the wait ends the connection: no segment of it crosses
        // there), else halfway, at its top, or under its foot.
        let cx = x + inner * (4.0 + w / 2.0);
        let centres = [
            Point::new(cx, (y1 - h / 2.0).max((y0 + y1) / 2.0)),
            Point::new(cx, (y0 + y1) / 2.0),
            Point::new(cx, (y0 + h / 2.0).min((y0 + y1) / 2.0)),
            Point::new(cx, y1 + 2.0 + h / 2.0),
        ];
        let text_box = TextBox::new(text, centres[0], NUMBER_FONT_SIZE);
        if let Some(label) = taken.place_text(&text_box, size, &centres) {
            timers.push(TimerPlace {
                participant: t.participant,
                name: t.name.clone(),
                points,
                label,
            });
        }
    }
    // Findings.
    let mut findings = Vec::new();
    let mut last_about = None;
    for f in &ladder.findings {
        let text = Label::plain(&f.code);
        let size = text::safe_label_size(&text, NUMBER_FONT_SIZE);
        let centres: Vec<Point> = match seq.events.get(f.event) {
            Some(Event::Message(_)) => message(f.event)
                .and_then(|k| l.messages.get(k))
                .map(|p| {
                    let crossing = together_at.get(f.event).copied().unwrap_or(false);
                    below_line(&p.points, size, crossing)
                })
                .unwrap_or_default(),
            Some(Event::Note(_)) if rowed.is_claim(f.event) => claimed_at
                .get(f.event)
                .and_then(|at| {
                    // Beside the state of the participant it is about, else the first.
                    let mine = at.iter().find(|c| Some(c.0) == f.participant);
                    mine.or(at.first()).copied()
                })
                .and_then(|(p, s, rect)| {
                    let x = l.participants.get(p)?.x;
                    let y = rect.center().y;
                    let across = x - s * (GUTTER_GAP + size.width / 2.0);
                    let under = rect.bottom() + 2.0 + size.height / 2.0;
                    Some(vec![
                        // Across the lifeline from the state, beyond it, under it.
                        Point::new(across, y),
                        Point::new(
                            x + s * (GUTTER_GAP + rect.width + GUTTER_GAP + size.width / 2.0),
                            y,
                        ),
                        Point::new(rect.center().x, under),
                        Point::new(across, under),
                    ])
                })
                .unwrap_or_default(),
            Some(Event::Note(_)) => note(f.event)
                .map(|n| {
                    vec![Point::new(
                        n.rect.center().x,
                        n.rect.bottom() + 2.0 + size.height / 2.0,
                    )]
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        // A second finding on the same row (about the same participant) goes under the first.
        let under = findings
            .last()
            .filter(|p: &&FindingPlace| p.event == f.event && last_about == Some(f.participant))
            .map(|p| {
                let c = p.label.center;
                Point::new(c.x, c.y + 2.0 + size.height)
            });
        let centres: Vec<Point> = under.into_iter().chain(centres).collect();
        let Some(&first) = centres.first() else {
            continue;
        };
        let text_box = TextBox::new(text, first, NUMBER_FONT_SIZE);
        if let Some(label) = taken.place_text(&text_box, size, &centres) {
            last_about = Some(f.participant);
            findings.push(FindingPlace {
                event: f.event,
                code: f.code.clone(),
                message: f.message.clone(),
                label,
            });
        }
    }
    l.ladder = Some(LadderPlace {
        states,
        segments,
        timers,
        findings,
    });
}

/// A label of segments sent together, moved to its sender's end of the line (the lines
/// cross in the middle): left-aligned when sent rightwards, right-aligned otherwise.
fn align_toward_sender(mp: &mut MessagePlace, from_x: f64, to_x: f64) {
    let (Some(label), Some(bx)) = (mp.label.as_mut(), mp.label_box.as_mut()) else {
        return;
    };
    let half = bx.width / 2.0;
    let cx = if to_x > from_x {
        from_x + PAD + half
    } else {
        from_x - PAD - half
    };
    let dx = cx - label.center.x;
    label.center.x += dx;
    bx.x += dx;
}
