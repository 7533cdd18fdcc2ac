//! Room for what the ladder writes late (states, a timer's name, findings' codes): what is
//! already drawn, by bands of y, and the first of a mark's places that keeps clear of it.
//!
//! A place is clear when its box overlaps no box taken (message labels, notes, participant
//! boxes, block tabs and labels, marks placed before) and no line taken (message lines,
//! brackets) passes through it. Bands keep a query local: a long exchange is placed in time
//! linear in its rows.

use super::ladder::{mark_size, GUTTER_GAP};
use super::measure::Measured;
use super::NUMBER_FONT_SIZE;
use super::{text_rect, SequenceLayout};
use crate::geometry::{Point, Rect, Size};
use crate::layout::drawing::TextBox;
use crate::layout::quality::seg_hits;
use crate::model::ladder::{Ladder, Moment};
use crate::model::sequence::{Event, Sequence};
use crate::model::Label;
use crate::text;

/// Height of a band, px.
const BAND: f64 = 64.0;
/// How far a line may graze a box's edge, px.
const GRAZE: f64 = 0.5;
/// A step down a small label takes when none of its places is clear, px.
const NUDGE: f64 = 4.0;
/// How many such steps it may take.
const NUDGES: u8 = 16;
/// How far boxes may touch, px.
const TOUCH: f64 = 0.01;

/// What is drawn, by bands of y.
pub(crate) struct Taken {
    /// The drawing's width and height: nothing may go outside.
    bounds: (f64, f64),
    boxes: Vec<Rect>,
    lines: Vec<(Point, Point)>,
    /// Per band: the boxes and lines reaching into it (`Ok` a box, `Err` a line).
    bands: Vec<Vec<Result<usize, usize>>>,
}

impl Taken {
    /// Everything `l` draws so far: participant boxes, message lines and labels, notes, block
    /// tabs and labels.
    pub(crate) fn of(l: &SequenceLayout) -> Taken {
        let mut t = Taken {
            bounds: (l.width, l.height),
            boxes: Vec::new(),
            lines: Vec::new(),
            bands: vec![Vec::new(); (l.height.max(0.0) / BAND) as usize + 2],
        };
        for p in &l.participants {
            t.add_box(p.head);
            if let Some((r, _)) = &p.foot {
                t.add_box(*r);
            }
        }
        for m in &l.messages {
            for w in m.points.windows(2) {
                t.add_line(w[0], w[1]);
            }
            if let Some(b) = m.label_box {
                t.add_box(b);
            }
        }
        for n in &l.notes {
            t.add_box(n.rect);
        }
        for b in l.blocks.iter().filter(|b| !b.hidden) {
            if let Some((r, _)) = &b.tab {
                t.add_box(*r);
            }
            for label in b.sections.iter().filter_map(|s| s.1.as_ref()) {
                t.add_box(text_rect(label));
            }
        }
        t
    }

    /// The bands `y0..=y1` reaches.
    fn span(&self, y0: f64, y1: f64) -> std::ops::RangeInclusive<usize> {
        let last = self.bands.len().saturating_sub(1);
        let band = |y: f64| ((y / BAND).max(0.0) as usize).min(last);
        band(y0.min(y1))..=band(y0.max(y1))
    }

    pub(crate) fn add_box(&mut self, r: Rect) {
        let k = self.boxes.len();
        self.boxes.push(r);
        for b in self.span(r.y, r.bottom()) {
            self.bands[b].push(Ok(k));
        }
    }

    pub(crate) fn add_line(&mut self, a: Point, b: Point) {
        let k = self.lines.len();
        self.lines.push((a, b));
        for band in self.span(a.y, b.y) {
            self.bands[band].push(Err(k));
        }
    }

    /// Whether `r` is inside the drawing and overlaps nothing taken.
    pub(crate) fn is_clear(&self, r: &Rect) -> bool {
        let inside =
            r.x >= 0.0 && r.y >= 0.0 && r.right() <= self.bounds.0 && r.bottom() <= self.bounds.1;
        inside
            && self.span(r.y, r.bottom()).all(|b| {
                self.bands[b].iter().all(|item| match *item {
                    Ok(k) => !self.boxes[k].overlaps(r, TOUCH),
                    Err(k) => {
                        let (a, b) = self.lines[k];
                        !seg_hits(a, b, r, GRAZE)
                    }
                })
            })
    }

    /// The first of `places` (each a box and what it is for) that is clear, else the first;
    /// its box taken. `None` when there are no places.
    pub(crate) fn first_clear<T>(&mut self, places: Vec<(Rect, T)>) -> Option<(Rect, T)> {
        let k = places
            .iter()
            .position(|(r, _)| self.is_clear(r))
            .unwrap_or(0);
        let (r, what) = places.into_iter().nth(k)?;
        self.add_box(r);
        Some((r, what))
    }

    /// The first clear place for `text`, whose room is `size` (its safe size), centred at one
    /// of `centres`; when none is, the first clear one of them moved down a little (in steps
    /// of [`NUDGE`], up to [`NUDGES`] of them); else the first.
    pub(crate) fn place_text(
        &mut self,
        text: &TextBox,
        size: Size,
        centres: &[Point],
    ) -> Option<TextBox> {
        let places = (0..=NUDGES)
            .flat_map(|k| {
                centres
                    .iter()
                    .map(move |c| Point::new(c.x, c.y + f64::from(k) * NUDGE))
            })
            .map(|c| {
                let mut t = text.clone();
                t.top += c.y - t.center.y;
                t.center = c;
                (Rect::centered(c, size), t)
            })
            .collect();
        self.first_clear(places).map(|(_, t)| t)
    }
}

/// The room the states take beside each of the `n` lifelines, `(left, right)`, px: the widest
/// state of the lane and its gap, on an outer endpoint's own side, on both sides of a middle
/// one's (it writes on either, see [`sides`]). A finding's code at a claim is written across
/// the lifeline from the state: its lane gets that room on both sides.
pub(crate) fn beside(ladder: &Ladder, m: &Measured, n: usize) -> Vec<(f64, f64)> {
    // Per event: the width of the widest code found there.
    let mut codes: Vec<(usize, f64)> = ladder
        .findings
        .iter()
        .map(|f| {
            let w = text::safe_label_size(&Label::plain(&f.code), NUMBER_FONT_SIZE).width;
            (f.event, w)
        })
        .collect();
    codes.sort_by_key(|c| c.0);
    let code_at = |e: usize| {
        let from = codes.partition_point(|c| c.0 < e);
        codes[from..]
            .iter()
            .take_while(|c| c.0 == e)
            .map(|c| c.1)
            .fold(0.0, f64::max)
    };
    (0..n)
        .map(|p| {
            let lane = ladder.lanes.get(p).into_iter().flatten();
            let (mut w, mut code) = (0.0f64, 0.0f64);
            for mark in lane {
                w = w.max(mark_size(&mark.text, m.fs, mark.claimed).1.width);
                if let (Moment::Note(e), true) = (mark.at, mark.claimed) {
                    code = code.max(code_at(e));
                }
            }
            let room = |w: f64| if w > 0.0 { GUTTER_GAP + w } else { 0.0 };
            let (states, code) = (room(w), room(code));
            match outer_side(p, n) {
                Some(s) if s < 0.0 => (states.max(code), code),
                Some(_) => (code, states.max(code)),
                None => (states.max(code), states.max(code)),
            }
        })
        .collect()
}

/// The x ranges the states beside the lifelines take (lifelines at `xs`, before the shift).
pub(crate) fn gutters(beside: &[(f64, f64)], xs: &[f64]) -> Vec<(f64, f64)> {
    beside
        .iter()
        .zip(xs)
        .filter(|((l, r), _)| l + r > 0.0)
        .map(|((l, r), x)| (x - l, x + r))
        .collect()
}

/// The side the outer endpoint `p` of `n` writes its states on, outside the drawing as the
/// RFC does: -1 (left) for the first, 1 (right) for the last; `None` for a middle one.
pub(crate) fn outer_side(p: usize, n: usize) -> Option<f64> {
    if p == 0 {
        Some(-1.0)
    } else if p + 1 >= n {
        Some(1.0)
    } else {
        None
    }
}

/// The sides endpoint `p` of `n` may write a state entered at `at` on, the better first: an
/// outer endpoint's own side; for a middle one, the side away from the segment that enters
/// the state (the one it sends or receives there), else its right, then the other side.
pub(crate) fn sides(seq: &Sequence, p: usize, n: usize, at: Moment) -> Vec<f64> {
    if let Some(s) = outer_side(p, n) {
        return vec![s];
    }
    let peer = match at {
        Moment::Sent(e) | Moment::Arrived(e) => match seq.events.get(e) {
            Some(Event::Message(msg)) if msg.from.index() == p => Some(msg.to.index()),
            Some(Event::Message(msg)) => Some(msg.from.index()),
            _ => None,
        },
        Moment::Start | Moment::Note(_) => None,
    };
    let first = match peer {
        Some(q) if q > p => -1.0,
        _ => 1.0,
    };
    vec![first, -first]
}

/// Where a finding's code may go under a message's line (`points`, tail to head): halfway,
/// then toward the head, then toward the tail; for a line `crossing` others (sent together)
/// toward the head first, past the crossing, so that each code stays beside its own line.
/// Each far enough below the slanted line to keep clear of it; then the same a line lower.
pub(crate) fn below_line(points: &[Point], size: Size, crossing: bool) -> Vec<Point> {
    let (Some(a), Some(b)) = (points.first(), points.last()) else {
        return Vec::new();
    };
    let slope = if (b.x - a.x).abs() > 1e-9 {
        ((b.y - a.y) / (b.x - a.x)).abs()
    } else {
        0.0
    };
    let drop = 4.0 + slope * size.width / 2.0 + size.height / 2.0;
    let along: &[f64] = if crossing {
        &[0.75, 0.85, 0.65, 0.5, 0.25]
    } else {
        &[0.5, 0.65, 0.8, 0.35, 0.2]
    };
    // Then each of those a line lower, twice.
    (0..3u8)
        .flat_map(|k| {
            let drop = drop + f64::from(k) * (size.height + 2.0);
            along
                .iter()
                .map(move |t| Point::new(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y) + drop))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty(height: f64) -> Taken {
        Taken {
            bounds: (1000.0, height),
            boxes: Vec::new(),
            lines: Vec::new(),
            bands: vec![Vec::new(); (height / BAND) as usize + 2],
        }
    }

    #[test]
    fn a_box_is_clear_of_what_it_does_not_touch() {
        let mut t = empty(400.0);
        t.add_box(Rect::new(0.0, 100.0, 50.0, 20.0));
        t.add_line(Point::new(100.0, 0.0), Point::new(200.0, 300.0));
        // Touching the box's edge is clear, overlapping it is not.
        assert!(t.is_clear(&Rect::new(50.0, 100.0, 10.0, 10.0)));
        assert!(!t.is_clear(&Rect::new(40.0, 110.0, 20.0, 20.0)));
        // The line passes x = 150 at y = 150.
        assert!(!t.is_clear(&Rect::new(140.0, 140.0, 20.0, 20.0)));
        assert!(t.is_clear(&Rect::new(160.0, 100.0, 20.0, 20.0)));
        // Far bands hold nothing; outside the drawing is never clear.
        assert!(t.is_clear(&Rect::new(0.0, 380.0, 500.0, 10.0)));
        assert!(!t.is_clear(&Rect::new(-5.0, 380.0, 10.0, 10.0)));
        assert!(!t.is_clear(&Rect::new(0.0, 395.0, 10.0, 10.0)));
    }

    #[test]
    fn the_first_clear_place_is_taken() {
        let mut t = empty(200.0);
        t.add_box(Rect::new(0.0, 0.0, 100.0, 100.0));
        let places = vec![
            (Rect::new(50.0, 50.0, 10.0, 10.0), 'a'),
            (Rect::new(150.0, 50.0, 10.0, 10.0), 'b'),
            (Rect::new(150.0, 55.0, 10.0, 10.0), 'c'),
        ];
        assert_eq!(t.first_clear(places.clone()).map(|p| p.1), Some('b'));
        // 'b' is taken now: 'c' overlaps it, and nothing is clear: the first place.
        assert_eq!(t.first_clear(places).map(|p| p.1), Some('a'));
        assert_eq!(t.first_clear(Vec::<(Rect, char)>::new()), None);
    }
}
