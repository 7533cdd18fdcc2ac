//! Phase 4: time runs down. Each event gets a row as tall as its content; then activation
//! bars, lifelines, bottom boxes and `box` groups are closed around the rows.

use super::columns::SELF_TEXT_OFFSET;
use super::frames::{tab_width, Frames};
use super::ladder::{self, Rowed, FINDING_ROOM, PAR_SLANT, SLANT};
use super::measure::{has_icon, Measured, Text};
use super::{
    BlockPlace, GroupPlace, MessagePlace, NotePlace, ParticipantPlace, SequenceLayout,
    ACTIVATION_WIDTH, MARGIN, NUMBER_FONT_SIZE, PAD, ROW_GAP, SELF_LOOP,
};
use crate::geometry::{Point, Rect, Size};
use crate::layout::drawing::TextBox;
use crate::model::sequence::{BlockKind, Event, Message, MessageAlign, Sequence};
use crate::text::LINE_HEIGHT;

/// Gap between a message's text and its line, px.
const TEXT_GAP: f64 = 6.0;
/// Half the width of an actor's or UML icon's drawing, px.
const ICON_REACH: f64 = 22.0;
/// Smallest activation bar, px.
const MIN_BAR: f64 = 10.0;

/// The rows' running state.
struct Rows<'a> {
    seq: &'a Sequence,
    m: &'a Measured,
    f: &'a Frames,
    cursor: f64,
    /// Per event: the y range activation bars attach to.
    anchors: Vec<(f64, f64)>,
    /// Per participant created mid-diagram: its box's top.
    created_top: Vec<Option<f64>>,
    /// Per participant destroyed: where the cross is.
    crosses: Vec<Option<Point>>,
    messages: Vec<MessagePlace>,
    notes: Vec<NotePlace>,
    blocks: Vec<BlockPlace>,
    /// Per block: the top of its frame.
    block_tops: Vec<f64>,
    /// A checked TCP exchange's ladder, drawn with the rows.
    ladder: Option<&'a Rowed<'a>>,
    /// The row of state claims being filled: its top, bottom, the participants in it, and
    /// whether it is low enough to clear the states written where segments just arrived.
    claims: Option<(f64, f64, Vec<usize>, bool)>,
    /// The y of the last message's line.
    last_line: f64,
    /// The row whose segments arrive at the cursor, if the last row was one.
    arrived: Option<usize>,
}

fn text_box(t: &Text, center: Point, fs: f64) -> TextBox {
    TextBox::new(t.label.clone(), center, fs)
}

/// The rows of `seq` (with `ladder`'s room, for a checked TCP exchange): the layout, and per
/// event the y range activation bars (and the ladder) attach to.
pub(crate) fn rows(
    seq: &Sequence,
    m: &Measured,
    f: &Frames,
    ladder: Option<&Rowed>,
) -> (SequenceLayout, Vec<(f64, f64)>, Option<f64>) {
    let fs = m.fs;
    let mut y = MARGIN;
    let title = seq.title.as_ref().filter(|t| !t.is_empty()).map(|t| {
        let h = t.lines.len() as f64 * fs * LINE_HEIGHT;
        let tb = TextBox::new(t.clone(), Point::new(f.width / 2.0, y + h / 2.0), fs);
        y += h + ROW_GAP;
        tb
    });
    let group_top = y;
    let group_title_h = seq
        .boxes
        .iter()
        .filter_map(|b| b.title.as_ref().filter(|t| !t.is_empty()))
        .map(|t| t.lines.len() as f64 * fs * LINE_HEIGHT)
        .fold(0.0, f64::max);
    if !seq.boxes.is_empty() {
        y += super::columns::GROUP_PAD + group_title_h;
    }
    let heads_top = y;
    let mut r = Rows {
        seq,
        m,
        f,
        cursor: heads_top + m.head_row,
        anchors: Vec::with_capacity(seq.events.len()),
        created_top: vec![None; seq.participants.len()],
        crosses: vec![None; seq.participants.len()],
        messages: Vec::new(),
        notes: Vec::new(),
        blocks: seq
            .blocks
            .iter()
            .map(|_| BlockPlace {
                rect: Rect::default(),
                tab: None,
                sections: Vec::new(),
                hidden: false,
            })
            .collect(),
        block_tops: vec![0.0; seq.blocks.len()],
        ladder,
        claims: None,
        last_line: heads_top + m.head_row,
        arrived: None,
    };
    // A ladder's first states, before the first row.
    let start = ladder.filter(|l| l.starts).map(|_| {
        let h = ladder::start_height(m);
        let y = r.cursor + ROW_GAP / 2.0 + h / 2.0;
        r.cursor += ROW_GAP / 2.0 + h;
        y
    });
    for (e, event) in seq.events.iter().enumerate() {
        if !r.is_claim(e) {
            r.claims = None;
        }
        let arrived = r.arrived.take();
        let anchor = match event {
            Event::Message(msg) => r.message(e, msg),
            Event::Note(_) if r.is_claim(e) => {
                r.arrived = arrived;
                r.claim(e)
            }
            Event::Note(_) => r.note(e),
            Event::BlockStart(b) => r.block_start(e, b.index()),
            Event::Section { block, .. } => r.section(e, block.index()),
            Event::BlockEnd(b) => r.block_end(e, b.index()),
        };
        r.anchors.push(anchor);
    }
    let end = r.cursor + ROW_GAP * 1.5;
    let activations = seq
        .activations
        .iter()
        .map(|a| {
            let half = ACTIVATION_WIDTH / 2.0;
            let p = a.participant.index();
            let x = f.xs[p] - half + f64::from(a.depth) * half;
            let y0 = r.anchors.get(a.start).map_or(end, |a| a.0);
            // A participant created by the message that activates it: the bar starts under
            // its box (and name), not across them.
            let y0 = match r.created_top[p] {
                Some(top) if seq.participants[p].created == Some(a.start) => {
                    y0.max(top + m.heads[p].1.height)
                }
                _ => y0,
            };
            let y1 = a
                .end
                .and_then(|e| r.anchors.get(e))
                .map_or(end, |a| a.1)
                .max(y0 + MIN_BAR);
            Rect::new(x, y0, ACTIVATION_WIDTH, y1 - y0)
        })
        .collect();
    let mirror = seq.config.mirror_actors;
    let mut bottom = end;
    let participants = seq
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = f.xs[i];
            let (t, size) = &m.heads[i];
            let top = r.created_top[i].unwrap_or(heads_top);
            let head = Rect::new(x - size.width / 2.0, top, size.width, size.height);
            let head_text = head_label(t, head, has_icon(p.kind), fs);
            // Mirrored, a destroyed participant's bottom box is centred on the destroying
            // message (as in mermaid); not mirrored, its lifeline ends in a cross there.
            let (foot_top, cross) = match r.crosses[i] {
                Some(c) if mirror => (Some(c.y - size.height / 2.0), None),
                Some(c) => (None, Some(c)),
                None => (mirror.then_some(end), None),
            };
            let foot = foot_top.map(|y| {
                let foot = Rect::new(head.x, y, size.width, size.height);
                bottom = bottom.max(foot.bottom());
                (foot, head_label(t, foot, has_icon(p.kind), fs))
            });
            let life_end = match (cross, foot_top) {
                (Some(c), _) => c.y,
                (None, Some(y)) => y,
                (None, None) => end,
            };
            ParticipantPlace {
                x,
                head,
                head_label: head_text,
                foot,
                lifeline: (head.bottom(), life_end),
                cross,
            }
        })
        .collect();
    let group_bottom = bottom + super::columns::GROUP_PAD;
    let groups = seq
        .boxes
        .iter()
        .zip(&f.groups)
        .map(|(g, &(x0, x1))| GroupPlace {
            rect: Rect::new(x0, group_top, x1 - x0, group_bottom - group_top),
            title: g.title.as_ref().filter(|t| !t.is_empty()).map(|t| {
                let h = t.lines.len() as f64 * fs * LINE_HEIGHT;
                TextBox::new(
                    t.clone(),
                    Point::new((x0 + x1) / 2.0, group_top + PAD / 2.0 + h / 2.0),
                    fs,
                )
            }),
        })
        .collect();
    let last = if seq.boxes.is_empty() {
        bottom
    } else {
        group_bottom
    };
    let layout = SequenceLayout {
        width: f.width.max(1.0),
        height: (last + MARGIN).max(1.0),
        font_size: fs,
        title,
        participants,
        messages: r.messages,
        notes: r.notes,
        blocks: r.blocks,
        activations,
        groups,
        ladder: None,
    };
    (layout, r.anchors, start)
}

/// A participant's label in its box: centred, or under the icon.
fn head_label(t: &Text, rect: Rect, icon: bool, fs: f64) -> TextBox {
    let c = rect.center();
    let y = if icon {
        rect.bottom() - PAD / 2.0 - t.size.height / 2.0
    } else {
        c.y
    };
    text_box(t, Point::new(c.x, y), fs)
}

impl Rows<'_> {
    fn is_claim(&self, e: usize) -> bool {
        self.ladder.is_some_and(|l| l.is_claim(e))
    }

    /// Whether block `b` is a ladder's `par` block (its segments cross; no frame).
    fn hidden(&self, b: usize) -> bool {
        let end = self.seq.blocks[b].end;
        self.ladder.is_some_and(|l| l.is_arrival(end))
    }

    /// A note of state claims, drawn as states beside the lifelines: a row as tall as its
    /// text, shared with the claims just before it on other lifelines.
    fn claim(&mut self, e: usize) -> (f64, f64) {
        let h = ladder::claim_height(self.m, e);
        let on: Vec<usize> = match &self.seq.events[e] {
            Event::Note(n) => n
                .placement
                .participants()
                .iter()
                .map(|p| p.index())
                .collect(),
            _ => Vec::new(),
        };
        // The first finding's code is written beside the state, each next one under it.
        let codes = self
            .ladder
            .map_or(0.0, |l| (l.codes_room(e) - FINDING_ROOM).max(0.0));
        // Below a state written where the segments just drawn arrive, on one of its lanes.
        let under = self
            .arrived
            .zip(self.ladder)
            .is_some_and(|(a, l)| on.iter().any(|p| l.marked_on_arrival(a, *p)));
        // A silent event inferred before the claim is written above it, in a row of its own.
        let event = self.ladder.is_some_and(|l| l.has_event_above(e));
        if let Some((top, bottom, used, low)) = &mut self.claims {
            if !event && !on.iter().any(|p| used.contains(p)) && (*low || !under) {
                used.extend(&on);
                *bottom = bottom.max(*top + h + codes);
                self.cursor = *bottom;
                return (*top, *top + h);
            }
        }
        let gap = if event {
            ROW_GAP / 2.0 + ladder::inferred_height(self.m) + 4.0
        } else if under {
            ladder::inferred_height(self.m) / 2.0 + 2.0
        } else {
            ROW_GAP / 2.0
        };
        let top = self.cursor + gap;
        self.cursor = top + h + codes;
        self.claims = Some((top, top + h + codes, on, under));
        (top, top + h)
    }

    fn message(&mut self, e: usize, msg: &Message) -> (f64, f64) {
        let (seq, m, f) = (self.seq, self.m, self.f);
        let t = &m.texts[e];
        let start = self.cursor + ROW_GAP;
        let (a, b) = (msg.from.index(), msg.to.index());
        let (xa, xb) = (f.xs[a], f.xs[b]);
        let (bars_from, bars_to) = m.bars[e];
        let number = m.numbers[e].as_ref();
        let r = number.map_or(0.0, |(_, r)| *r);
        let text_h = if t.is_empty() {
            0.0
        } else {
            t.size.height + TEXT_GAP
        };
        let place = |center: Point| {
            let b = Rect::centered(center, t.size);
            (!t.is_empty()).then(|| (text_box(t, center, m.fs), b))
        };
        let (points, label, anchor) = if msg.is_self() {
            let x0 = xa + bars_from.map_or(0.0, |b| b.1);
            let y1 = start + text_h.max(r);
            let left = x0 + SELF_TEXT_OFFSET.max(r + 2.0);
            let label = place(Point::new(
                left + t.size.width / 2.0,
                start + t.size.height / 2.0,
            ));
            let (w, h) = SELF_LOOP;
            let x1 = x0 + w;
            let pts = vec![
                Point::new(x0, y1),
                Point::new(x1, y1),
                Point::new(x1, y1 + h),
                Point::new(x0, y1 + h),
            ];
            self.cursor = y1 + h;
            (pts, label, (y1, y1 + h))
        } else {
            let rightwards = xb > xa;
            // A created participant's box (for icons: the icon) takes the line's end; so does
            // a destroyed one's bottom box when boxes are mirrored (mermaid draws it there).
            let destroyed = |p: usize| {
                seq.config.mirror_actors
                    && seq.participants[p].destroyed == Some(e)
                    && self.crosses[p].is_none()
            };
            let created = |p: usize| {
                (seq.participants[p].created == Some(e) || destroyed(p)).then(|| {
                    let s = m.heads[p].1;
                    if has_icon(seq.participants[p].kind) {
                        Size::new(s.width.min(2.0 * ICON_REACH), s.height)
                    } else {
                        s
                    }
                })
            };
            let (ca, cb) = (created(a), created(b));
            let tallest = [ca, cb]
                .iter()
                .flatten()
                .map(|s| s.height)
                .fold(0.0, f64::max);
            let line_y = (start + text_h.max(r)).max(start + tallest / 2.0);
            let end_x = |x: f64,
                         toward_right: bool,
                         made: Option<Size>,
                         bars: Option<(f64, f64)>| match (made, bars) {
                (Some(s), _) => {
                    x + if toward_right {
                        s.width / 2.0
                    } else {
                        -s.width / 2.0
                    }
                }
                (None, Some((l, r))) => x + if toward_right { r } else { l },
                (None, None) => x,
            };
            let from_x = end_x(xa, rightwards, ca, bars_from);
            let to_x = end_x(xb, !rightwards, cb, bars_to);
            for (p, made) in [(a, ca), (b, cb)] {
                if let Some(s) = made.filter(|_| seq.participants[p].created == Some(e)) {
                    self.created_top[p] = Some(line_y - s.height / 2.0);
                }
            }
            for p in [a, b] {
                if seq.participants[p].destroyed == Some(e) && self.crosses[p].is_none() {
                    self.crosses[p] = Some(Point::new(f.xs[p], line_y));
                }
            }
            let (lo, hi) = (from_x.min(to_x), from_x.max(to_x));
            let half = t.size.width / 2.0;
            let cx = match seq.config.message_align {
                MessageAlign::Center => (lo + hi) / 2.0,
                MessageAlign::Left => lo + PAD + 2.0 * r + half,
                MessageAlign::Right => hi - PAD - half,
            };
            let label = place(Point::new(cx, line_y - TEXT_GAP - t.size.height / 2.0));
            self.cursor = line_y + r.max(tallest / 2.0);
            self.last_line = line_y;
            if let Some(l) = self.ladder {
                // A segment sent alone arrives lower down; one sent with others arrives at
                // the end of their block.
                if l.flight(e).is_some_and(|f| f.arrives == e) {
                    self.cursor = self.cursor.max(line_y + SLANT) + l.codes_room(e);
                    self.arrived = Some(e);
                }
            }
            (
                vec![Point::new(from_x, line_y), Point::new(to_x, line_y)],
                label,
                (line_y, line_y),
            )
        };
        let number = number.map(|(nt, r)| {
            let c = points[0];
            (c, *r, text_box(nt, c, NUMBER_FONT_SIZE))
        });
        let (label, label_box) = match label {
            Some((l, b)) => (Some(l), Some(b)),
            None => (None, None),
        };
        self.messages.push(MessagePlace {
            event: e,
            points,
            label,
            label_box,
            number,
        });
        anchor
    }

    fn note(&mut self, e: usize) -> (f64, f64) {
        if self.is_claim(e) {
            return self.claim(e);
        }
        let t = &self.m.texts[e];
        let start = self.cursor + ROW_GAP;
        let (x0, x1) = self.f.spans[e].unwrap_or((0.0, 0.0));
        let h = t.size.height.max(self.m.fs * LINE_HEIGHT) + 2.0 * PAD;
        let rect = Rect::new(x0, start, x1 - x0, h);
        self.notes.push(NotePlace {
            event: e,
            rect,
            label: text_box(t, rect.center(), self.m.fs),
        });
        self.cursor = start + h;
        if let Some(l) = self.ladder {
            // Room for the state a silent event it names enters, or a finding's code.
            if l.has_inferred_below(e) {
                self.cursor += ROW_GAP / 2.0 + ladder::inferred_height(self.m);
            } else {
                self.cursor += l.codes_room(e);
            }
        }
        (start, start + h)
    }

    fn block_start(&mut self, e: usize, b: usize) -> (f64, f64) {
        if self.hidden(b) {
            let top = self.cursor;
            let place = &mut self.blocks[b];
            place.hidden = true;
            place.sections.push((top, None));
            self.block_tops[b] = top;
            return (top, top);
        }
        let (m, f) = (self.m, self.f);
        let top = self.cursor + ROW_GAP;
        let (x0, _) = f.blocks[b];
        let t = &m.texts[e];
        let rect_kind = self.seq.blocks[b].kind == BlockKind::Rect;
        let tab_h = m.tabs[b].size.height + 4.0;
        let (tab, header) = if rect_kind {
            (None, PAD / 2.0)
        } else {
            let w = tab_width(m, b);
            let r = Rect::new(x0, top, w, tab_h);
            (
                Some((r, text_box(&m.tabs[b], r.center(), m.fs))),
                tab_h.max(t.size.height + 4.0),
            )
        };
        let tab_w = tab.as_ref().map_or(0.0, |(r, _)| r.width);
        let label = (!t.is_empty()).then(|| {
            let c = Point::new(
                x0 + tab_w + PAD + t.size.width / 2.0,
                top + 2.0 + t.size.height / 2.0,
            );
            text_box(t, c, m.fs)
        });
        let place = &mut self.blocks[b];
        place.tab = tab;
        place.sections.push((top, label));
        self.block_tops[b] = top;
        self.cursor = top + header;
        (top, top)
    }

    fn section(&mut self, e: usize, b: usize) -> (f64, f64) {
        if self.hidden(b) {
            self.blocks[b].sections.push((self.cursor, None));
            return (self.cursor, self.cursor);
        }
        let t = &self.m.texts[e];
        let y = self.cursor + ROW_GAP;
        let (x0, x1) = self.f.blocks[b];
        let label = (!t.is_empty()).then(|| {
            text_box(
                t,
                Point::new((x0 + x1) / 2.0, y + 2.0 + t.size.height / 2.0),
                self.m.fs,
            )
        });
        self.blocks[b].sections.push((y, label));
        self.cursor = y + 4.0 + t.size.height;
        (y, y)
    }

    fn block_end(&mut self, e: usize, b: usize) -> (f64, f64) {
        let bottom = if self.hidden(b) {
            // Where the segments sent together arrive.
            (self.cursor + ROW_GAP).max(self.last_line + PAR_SLANT)
        } else {
            self.cursor + ROW_GAP
        };
        let (x0, x1) = self.f.blocks[b];
        let top = self.block_tops[b];
        self.blocks[b].rect = Rect::new(x0, top, x1 - x0, bottom - top);
        self.cursor = bottom;
        if let Some(l) = self.ladder.filter(|_| self.hidden(b)) {
            // Room for the codes of findings on the segments sent together; and, where their
            // lines cross the lifelines between their ends, for a state there to be written
            // just after they arrive.
            self.cursor += l.codes_room(e);
            self.arrived = Some(e);
            self.cursor += l.crowded(e) as f64 * ladder::inferred_height(self.m);
        }
        (bottom, bottom)
    }
}
