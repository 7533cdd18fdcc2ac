//! What each row of a ladder needs, looked up once ([`Rowed`]): the flight of its message,
//! whether its note is drawn as claimed states, its findings and the room their codes take,
//! where segments sent together arrive and what is written there. Linear in rows and marks,
//! so a long exchange is laid out in linear time.

use super::ladder::{CODE_LINE, FINDING_ROOM};
use crate::model::ladder::{Finding, Flight, Ladder, Moment};

/// A ladder with what each row needs looked up once (linear in rows and marks, so a long
/// exchange is laid out in linear time).
pub(crate) struct Rowed<'a> {
    pub(crate) ladder: &'a Ladder,
    /// Per event: the index of its flight.
    flight: Vec<Option<usize>>,
    /// Per event: a note drawn as claimed states.
    claim: Vec<bool>,
    /// Per event: a note with an inferred state written below it.
    inferred_below: Vec<bool>,
    /// Per event: a claim with a silent event inferred before it, written above it.
    event_above: Vec<bool>,
    /// Per event: the index of its first finding.
    finding: Vec<Option<usize>>,
    /// Per event: the room its findings' codes take under it, px; at a `par` block's end,
    /// what its segments' codes take together.
    codes: Vec<f64>,
    /// Per event: where segments sent together arrive (a `par` block's end).
    arrival: Vec<bool>,
    /// Per event: the participants with a state written where the segments arriving at that
    /// row arrive.
    arrived_marks: Vec<Vec<usize>>,
    /// Per event: see [`Rowed::crowded`].
    crowd: Vec<usize>,
    /// Per event: the flights of the group it starts.
    groups: Vec<Vec<usize>>,
    /// Some endpoint's first state is written before the first row.
    pub(crate) starts: bool,
}

impl<'a> Rowed<'a> {
    pub(crate) fn new(ladder: &'a Ladder, events: usize) -> Rowed<'a> {
        let mut r = Rowed {
            ladder,
            flight: vec![None; events],
            claim: vec![false; events],
            inferred_below: vec![false; events],
            event_above: vec![false; events],
            finding: vec![None; events],
            codes: vec![0.0; events],
            arrival: vec![false; events],
            arrived_marks: vec![Vec::new(); events],
            crowd: vec![0; events],
            groups: vec![Vec::new(); events],
            starts: ladder.lanes.iter().flatten().any(|m| m.at == Moment::Start),
        };
        for (k, f) in ladder.flights.iter().enumerate() {
            if let Some(slot) = r.flight.get_mut(f.event) {
                *slot = Some(k);
            }
            if f.arrives != f.event {
                if let Some(slot) = r.arrival.get_mut(f.arrives) {
                    *slot = true;
                }
            }
            if let Some(g) = r.groups.get_mut(f.group) {
                g.push(k);
            }
        }
        // (the end of a `par` block, an endpoint, when, in the middle) for each state written
        // while its segments travel.
        let mut crowd: Vec<(usize, usize, usize, bool)> = Vec::new();
        let n = ladder.lanes.len();
        for (p, mark) in ladder
            .lanes
            .iter()
            .enumerate()
            .flat_map(|(p, lane)| lane.iter().map(move |m| (p, m)))
        {
            if let Moment::Sent(e) | Moment::Arrived(e) = mark.at {
                let end = r.flight(e).map(|f| f.arrives).filter(|a| *a != e);
                let middle = p > 0 && p + 1 < n;
                // Sent ones are written together, so are arrived ones; past a middle
                // lifeline segments pass at any time.
                let when = usize::from(!middle && matches!(mark.at, Moment::Arrived(_)));
                if let Some(end) = end {
                    crowd.push((end, p, when, middle));
                }
            }
            if let Moment::Arrived(e) = mark.at {
                let row = r.flight(e).map(|f| f.arrives);
                if let Some(marks) = row.and_then(|a| r.arrived_marks.get_mut(a)) {
                    marks.push(p);
                }
            }
            if let Moment::Note(e) = mark.at {
                let slot = if mark.claimed {
                    r.claim.get_mut(e)
                } else {
                    r.inferred_below.get_mut(e)
                };
                if let Some(slot) = slot {
                    *slot = true;
                }
            }
        }
        crowd.sort_unstable();
        for run in crowd.chunk_by(|a, b| a == b) {
            // A middle endpoint's states may all go below the block; an outer one's first
            // stays where it is.
            let (end, _, _, middle) = run[0];
            let below = if middle { run.len() } else { run.len() - 1 };
            if let Some(slot) = r.crowd.get_mut(end) {
                *slot = (*slot).max(below);
            }
        }
        for (k, f) in ladder.findings.iter().enumerate() {
            if let Some(slot) = r.finding.get_mut(f.event).filter(|s| s.is_none()) {
                *slot = Some(k);
            }
            if let Some(room) = r.codes.get_mut(f.event) {
                // The first code under a segment, each next one under it.
                *room += if *room > 0.0 { CODE_LINE } else { FINDING_ROOM };
            }
        }
        for f in ladder.flights.iter().filter(|f| f.arrives != f.event) {
            let room = r.codes.get(f.event).copied().unwrap_or(0.0);
            if let Some(end) = r.codes.get_mut(f.arrives) {
                *end += room;
            }
        }
        // A claim note is drawn as states only: an inferred mark there is the silent event
        // that leads to the claim, written above it.
        for ((below, above), claim) in r
            .inferred_below
            .iter_mut()
            .zip(r.event_above.iter_mut())
            .zip(&r.claim)
        {
            *above = *below && *claim;
            *below &= !claim;
        }
        r
    }

    /// The flight of the message on row `e`.
    pub(crate) fn flight(&self, e: usize) -> Option<&'a Flight> {
        let k = (*self.flight.get(e)?)?;
        self.ladder.flights.get(k)
    }

    /// Whether the note on row `e` is drawn as claimed states.
    pub(crate) fn is_claim(&self, e: usize) -> bool {
        self.claim.get(e).copied().unwrap_or(false)
    }

    /// Whether a silent event netfig inferred is written above the claim on row `e`.
    pub(crate) fn has_event_above(&self, e: usize) -> bool {
        self.event_above.get(e).copied().unwrap_or(false)
    }

    /// Whether an inferred state is written below the (commentary) note on row `e`.
    pub(crate) fn has_inferred_below(&self, e: usize) -> bool {
        self.inferred_below.get(e).copied().unwrap_or(false)
    }

    /// The first finding on row `e` about participant `p` (or about no one in particular).
    pub(crate) fn finding_about(&self, e: usize, p: usize) -> Option<&'a Finding> {
        let k = (*self.finding.get(e)?)?;
        self.ladder.findings[k..]
            .iter()
            .take_while(|f| f.event == e)
            .find(|f| f.participant.is_none_or(|q| q == p))
    }

    /// The room the findings' codes on row `e` take under it (at a `par` block's end: under
    /// its segments), px.
    pub(crate) fn codes_room(&self, e: usize) -> f64 {
        self.codes.get(e).copied().unwrap_or(0.0)
    }

    /// Whether participant `p` has a state written where the segments arriving at row `e`
    /// arrive.
    pub(crate) fn marked_on_arrival(&self, e: usize, p: usize) -> bool {
        self.arrived_marks.get(e).is_some_and(|m| m.contains(&p))
    }

    /// Whether segments sent together arrive at row `e` (it ends their `par` block).
    pub(crate) fn is_arrival(&self, e: usize) -> bool {
        self.arrival.get(e).copied().unwrap_or(false)
    }

    /// How many states an endpoint may have to write just after the `par` block ending at
    /// row `e`, at most: a middle endpoint's (segments pass by it while they travel), an outer
    /// one's sent or arrived together but the first.
    pub(crate) fn crowded(&self, e: usize) -> usize {
        self.crowd.get(e).copied().unwrap_or(0)
    }

    /// The rows of the segments of the group started by row `e`.
    pub(crate) fn group(&self, e: usize) -> impl Iterator<Item = usize> + '_ {
        self.groups
            .get(e)
            .into_iter()
            .flatten()
            .filter_map(|k| self.ladder.flights.get(*k).map(|f| f.event))
    }
}
