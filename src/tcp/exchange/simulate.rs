//! Both endpoints run through the RFC 9293 reference, row by row of the diagram.
//!
//! The simulation never matches on states: what an endpoint may send, what an arrival does and
//! which silent events may be inferred are all asked of [`reference`]. The one place that
//! decides which reference event a received segment is, is [`event_for`].

use super::claims::{self, Reading};
use super::connections::Ends;
use super::findings::{self, error, Locator};
use super::numbers::{Numbers, Term};
use super::schedule::{schedule, Step};
use super::segment::Segment;
use super::{EndpointTrace, Exchange, StateStep, Via};
use crate::diagnostic::codes::tcpx as codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::sequence::{Event as Row, Message, Sequence};
use crate::tcp::names::{Action, Event, State};
use crate::tcp::reference::{self, Condition, Origin, RefTransition};

/// How an endpoint came to be in its state, for hints.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub(super) how: String,
}

/// One endpoint's TCB as the simulation knows it.
#[derive(Debug, Default)]
pub(super) struct Endpoint {
    pub(super) state: Option<State>,
    pub(super) entry: Option<Entry>,
    /// The connection went through LISTEN (a passive OPEN).
    pub(super) passive: bool,
    pub(super) iss: Option<Term>,
    pub(super) snd_nxt: Option<Term>,
    pub(super) rcv_nxt: Option<Term>,
    /// SEG.SEQ of our FIN.
    pub(super) fin_seq: Option<Term>,
    pub(super) sent_syn: bool,
    pub(super) sent_fin: bool,
    pub(super) got_syn: bool,
    pub(super) got_fin: bool,
    /// It has sent sequence space (SYN, FIN, data) no ACK has arrived for since: only then
    /// can a retransmission time out (the user timeout, RFC 9293 3.10.8).
    pub(super) unacked: bool,
    /// What the reference said this endpoint sends next (an answer to an arrival), and the
    /// line of that arrival.
    pub(super) pending: Option<(Action, usize)>,
    pub(super) trace: Vec<StateStep>,
}

/// A segment on its way: what was sent, and what its sender knew when sending it.
#[derive(Debug, Clone, Default)]
pub(super) struct Flight {
    pub(super) seg: Segment,
    pub(super) seq: Option<Term>,
    pub(super) ack: Option<Term>,
    /// The sender had received the receiver's SYN / FIN when it sent this.
    pub(super) had_syn: bool,
    pub(super) had_fin: bool,
    /// A seq finding was already reported at the sender.
    pub(super) seq_reported: bool,
}

pub(super) struct Sim<'a> {
    pub(super) seq: &'a Sequence,
    pub(super) at: Locator<'a>,
    pub(super) eps: Vec<Endpoint>,
    pub(super) numbers: Numbers,
    pub(super) flights: Vec<Option<Flight>>,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) checked_acks: Vec<usize>,
    /// Per participant, per silent event ([`SILENT`]): the rows of the notes on it naming it.
    naming: Vec<Vec<Vec<usize>>>,
    /// The connection ends `eps` is indexed by.
    ends: Ends,
    /// Per participant: its steps in the order they happened, as (end, index in its trace).
    order: Vec<Vec<(usize, usize)>>,
    /// The findings at claims, as (index in `diags`, participant).
    claims_about: Vec<(usize, usize)>,
}

/// A finding with the participant it is about, sorted as findings are.
struct Found(Diagnostic, Option<usize>);

impl std::borrow::Borrow<Diagnostic> for Found {
    fn borrow(&self) -> &Diagnostic {
        &self.0
    }
}

/// The events that send nothing, in the order of [`Sim::naming`].
const SILENT: [Event; 4] = [
    Event::Timeout2Msl,
    Event::UserTimeout,
    Event::Close,
    Event::Abort,
];

fn silent_index(event: Event) -> Option<usize> {
    SILENT.iter().position(|e| *e == event)
}

/// Per participant, the rows of the notes on it naming each silent event.
fn naming_rows(seq: &Sequence) -> Vec<Vec<Vec<usize>>> {
    let mut naming = vec![vec![Vec::new(); SILENT.len()]; seq.participants.len()];
    for (i, row) in seq.events.iter().enumerate() {
        let Row::Note(note) = row else { continue };
        let lines: Vec<String> = note.text.lines.iter().map(|l| l.text()).collect();
        let events = claims::events_named(lines.iter().map(String::as_str));
        for p in note.placement.participants() {
            for e in events.iter().filter_map(|e| silent_index(*e)) {
                if let Some(rows) = naming.get_mut(p.index()) {
                    rows[e].push(i);
                }
            }
        }
    }
    naming
}

/// Runs the diagram: every endpoint's states and every finding.
pub(super) fn run(seq: &Sequence, source: &str) -> Exchange {
    let mut sim = Sim {
        seq,
        at: Locator::new(source),
        eps: Vec::new(),
        numbers: Numbers::default(),
        flights: vec![None; seq.events.len()],
        diags: Vec::new(),
        checked_acks: Vec::new(),
        naming: naming_rows(seq),
        ends: Ends::new(seq),
        order: vec![Vec::new(); seq.participants.len()],
        claims_about: Vec::new(),
    };
    for step in schedule(seq) {
        match step {
            Step::Send(i) => sim.send(i),
            Step::Arrive(i) => sim.arrive(i),
            Step::Note(i) => sim.note(i),
        }
    }
    let endpoints = seq
        .participants
        .iter()
        .zip(&sim.order)
        .map(|(p, order)| EndpointTrace {
            participant: p.id.clone(),
            states: order.iter().map(|&(e, k)| sim.eps[e].trace[k]).collect(),
        })
        .collect();
    let mut about = vec![None; sim.diags.len()];
    for &(d, p) in &sim.claims_about {
        about[d] = Some(p);
    }
    let mut found: Vec<Found> = sim
        .diags
        .into_iter()
        .zip(about)
        .map(|(d, a)| Found(d, a))
        .collect();
    crate::diagnostic::sort(&mut found);
    let (diagnostics, about) = found.into_iter().map(|Found(d, a)| (d, a)).unzip();
    Exchange {
        endpoints,
        diagnostics,
        about,
        checked_acks: sim.checked_acks,
    }
}

/// The states no segment of the peer has synchronized yet: reached from CLOSED without
/// receiving a SYN (CLOSED, LISTEN, SYN-SENT), from the reference.
pub(super) fn unsynchronized(s: State) -> bool {
    let mut seen = vec![State::Closed];
    let mut i = 0;
    while i < seen.len() {
        let from = seen[i];
        for r in reference::transitions() {
            let receives_syn = matches!(r.event, Event::RcvSyn | Event::RcvSynAck);
            if r.from == from && !receives_syn && !seen.contains(&r.to) {
                seen.push(r.to);
            }
        }
        i += 1;
    }
    seen.contains(&s)
}

/// Whether a transition is a user call or timeout that sends nothing (never an OPEN).
fn is_silent(r: &RefTransition) -> bool {
    SILENT.contains(&r.event)
        && r.origin != Origin::Alternative
        && !r.actions.iter().any(|a| a.name().starts_with("snd"))
}

/// The silent transitions from `from` to `to`, in the reference's order.
fn silent_to(from: State, to: State) -> Vec<&'static RefTransition> {
    reference::transitions()
        .iter()
        .filter(|r| r.from == from && r.to == to && is_silent(r))
        .collect()
}

/// The synchronized states of RFC 9293 3.5.2 (group 3).
fn synchronized(s: State) -> bool {
    matches!(
        s,
        State::Established
            | State::FinWait1
            | State::FinWait2
            | State::CloseWait
            | State::Closing
            | State::LastAck
            | State::TimeWait
    )
}

/// Whether a state has no TCB (the reference creates one on leaving it).
pub(super) fn no_tcb(s: State) -> bool {
    reference::transitions()
        .iter()
        .any(|r| r.from == s && r.actions.contains(&Action::CreateTcb))
}

/// The outcomes of `event` in `state` for this connection: conditions on how SYN-RECEIVED was
/// reached (passive or active OPEN) are applied.
pub(super) fn outcome(ep: &Endpoint, state: State, event: Event) -> Option<&'static RefTransition> {
    reference::outcomes(state, event).into_iter().find(|r| {
        r.conditions.iter().all(|c| match c {
            Condition::PassiveOpen => ep.passive,
            Condition::ActiveOpen => !ep.passive,
            _ => true,
        })
    })
}

impl<'a> Sim<'a> {
    pub(super) fn message(&self, i: usize) -> Option<&'a Message> {
        let seq: &'a Sequence = self.seq;
        match &seq.events[i] {
            Row::Message(m) if !m.is_self() => Some(m),
            _ => None,
        }
    }

    /// Sets an endpoint's state, recording how.
    pub(super) fn enter(
        &mut self,
        p: usize,
        state: State,
        at: Option<usize>,
        how: Entry,
        via: Via,
        inferred: Option<Event>,
    ) {
        let participant = self.ends.get(p).participant;
        let ep = &mut self.eps[p];
        let before = ep.state;
        if ep.state != Some(state) || ep.trace.is_empty() {
            self.order[participant].push((p, ep.trace.len()));
            ep.trace.push(StateStep {
                state,
                at,
                via,
                inferred,
                claimed: via == Via::Claim,
            });
            ep.entry = Some(how);
        }
        // Back in LISTEN from a half-made connection (a reset, Figure 5 note 1, Figure 8):
        // the attempt is forgotten, the listening TCB stays.
        let relisten = state == State::Listen && before.is_some_and(|b| b != State::Listen);
        if no_tcb(state) || relisten {
            let trace = std::mem::take(&mut ep.trace);
            let entry = ep.entry.take();
            *ep = Endpoint {
                trace,
                entry,
                passive: relisten,
                ..Endpoint::default()
            };
        } else if reference::transitions()
            .iter()
            .any(|r| r.event == Event::PassiveOpen && r.to == state)
        {
            ep.passive = true;
        }
        // An endpoint first met in a synchronized state has had its peer's SYN: a SYN now is
        // old or an attack, answered in place (3.10.7.4, fourth step; Figure 9).
        if before.is_none() && synchronized(state) {
            self.eps[p].got_syn = true;
        }
        self.eps[p].state = Some(state);
    }

    /// The state of `p`, starting it (first touch) in `first` if it has none yet.
    pub(super) fn state_or(
        &mut self,
        p: usize,
        first: State,
        (i, via): (usize, Via),
        why: &str,
    ) -> State {
        if let Some(s) = self.eps[p].state {
            return s;
        }
        let how = format!("line {}, where {why}", self.line(i));
        self.enter(p, first, Some(i), Entry { how }, via, None);
        first
    }

    pub(super) fn line(&self, i: usize) -> usize {
        self.at.line(self.span(i))
    }

    pub(super) fn span(&self, i: usize) -> Span {
        match &self.seq.events[i] {
            Row::Message(m) => m.span,
            Row::Note(n) => n.span,
            _ => Span::default(),
        }
    }

    /// An end's name: its participant's, with the peer when the participant has several.
    pub(super) fn name(&self, p: usize) -> String {
        let end = self.ends.get(p);
        let id = &self.seq.participants[end.participant].id;
        match end.peer {
            Some(q) if self.ends.several(end.participant) => {
                format!("{id} (to {})", self.seq.participants[q].id)
            }
            _ => id.clone(),
        }
    }

    /// The end of `participant`'s connection to `peer` (its TCB), made on first use.
    pub(super) fn end(&mut self, participant: usize, peer: Option<usize>) -> usize {
        let e = self.ends.end(participant, peer);
        if self.eps.len() <= e {
            self.eps.resize_with(e + 1, Endpoint::default);
        }
        e
    }

    fn note(&mut self, i: usize) {
        let Row::Note(n) = &self.seq.events[i] else {
            return;
        };
        let lines: Vec<String> = n.text.lines.iter().map(|l| l.text()).collect();
        let participants: Vec<usize> = n
            .placement
            .participants()
            .into_iter()
            .map(|p| p.index())
            .collect();
        // The connection ends the note is about: one per participant on it.
        let mut on = Vec::with_capacity(participants.len());
        for &p in &participants {
            let e = self.ends.of_note(p, &participants, i);
            on.push(self.end(self.ends.get(e).participant, self.ends.get(e).peer));
        }
        let span = n.span;
        match claims::read(lines.iter().map(String::as_str)) {
            Reading::Commentary if claims::names_reboot(lines.iter().map(String::as_str)) => {
                // Loss of memory (RFC 9293 3.5.1): every TCB of the host is gone, whatever
                // its state was.
                let line = self.line(i);
                let mut lost = on.clone();
                for &p in &participants {
                    lost.extend_from_slice(self.ends.of_participant(p));
                }
                lost.sort_unstable();
                lost.dedup();
                for p in lost {
                    let how = Entry {
                        how: format!("the reboot at line {line}, which lost its TCB"),
                    };
                    self.enter(p, State::Closed, Some(i), how, Via::Silent, None);
                }
            }
            Reading::Commentary => {
                let events = claims::events_named(lines.iter().map(String::as_str));
                for p in on {
                    self.silent_events(i, p, &events);
                }
            }
            Reading::Several(states) => {
                let names: Vec<&str> = states.iter().map(|s| s.name()).collect();
                self.diags.push(
                    Diagnostic::warning(
                        codes::SEVERAL_STATES,
                        span,
                        format!(
                            "this note names {}: it is not read as a claim",
                            names.join(" and ")
                        ),
                    )
                    .with_hint(
                        "one state per note claims it; put each endpoint's state in its own note",
                    ),
                );
            }
            Reading::Claim { state, text } => {
                let at = self.at.within(span, &text);
                for p in on {
                    self.claim(i, p, state, at);
                }
            }
        }
    }

    fn claim(&mut self, i: usize, p: usize, claimed: State, at: Span) {
        let line = self.line(i);
        let Some(state) = self.eps[p].state else {
            let how = Entry {
                how: format!("its first claim at line {line}"),
            };
            self.enter(p, claimed, Some(i), how, Via::Claim, None);
            return;
        };
        if state == claimed {
            if let Some(last) = self.eps[p].trace.last_mut() {
                last.claimed = true;
            }
            return;
        }
        let name = self.name(p).to_string();
        let shown = self.eps[p].trace.last().is_some_and(|s| s.claimed);
        // Of the silent ways there (LAST-ACK to CLOSED: ABORT or the user timeout), the one a
        // note names here, else one that can happen now, else the first.
        let unacked = self.eps[p].unacked;
        let possible = |r: &RefTransition| r.event != Event::UserTimeout || unacked;
        let ways = silent_to(state, claimed);
        let silent = ways
            .iter()
            .find(|r| self.named_at(i, p, r.event))
            .or_else(|| ways.iter().find(|r| possible(r)))
            .or(ways.first())
            .copied();
        if let Some(r) = silent {
            let here = self.named_at(i, p, r.event);
            let later = self.named_later(i, p, r.event);
            let next_segment = self.ends.next_segment(p, i);
            let acts_later = next_segment.is_some();
            let can_happen = possible(r);
            if here || (shown && later.is_none() && !acts_later && can_happen) {
                // The note names the event (`CLOSED after 2MSL`), or the diagram showed the
                // state and ends the endpoint's part where its silent event leads: the event
                // happened unseen (a 2MSL wait, a CLOSE in LISTEN), and is drawn as inferred.
                let how = Entry {
                    how: format!(
                        "`{}` before line {line}, inferred ({})",
                        r.event.name(),
                        findings::describe(r)
                    ),
                };
                self.enter(p, claimed, Some(i), how, Via::Claim, Some(r.event));
                return;
            }
            let mut hints = vec![self.why_in(p, state)];
            hints.push(match later {
                Some(n) => format!(
                    "{} follows {} on `{}`, which the note at line {n} puts later",
                    claimed.name(),
                    state.name(),
                    r.event.name(),
                ),
                None => {
                    let why = if !shown {
                        format!("no note showed {} before", state.name())
                    } else if let Some(k) = next_segment {
                        format!("{name} still takes part at line {}", self.line(k))
                    } else {
                        "no segment of it waits for an ACK, so no retransmission can time out"
                            .to_string()
                    };
                    format!(
                        "{} follows {} on `{}`, which sends nothing; netfig infers it only at the end of an endpoint's part, out of a state a note showed, but {why}: name it in a note on {name} where it happens (`(2 MSL)`, `(Close)`, `timeout`, `ABORT`)",
                        claimed.name(),
                        state.name(),
                        r.event.name(),
                    )
                }
            });
            self.claim_error(
                p,
                at,
                format!("{name} is in {} here, not {}", state.name(), claimed.name()),
                hints,
            );
            return;
        }
        let hints = vec![self.why_in(p, state), findings::way_to(state, claimed)];
        self.claim_error(
            p,
            at,
            format!("{name} is in {} here, not {}", state.name(), claimed.name()),
            hints,
        );
    }

    /// A claim of end `p` that contradicts the simulation.
    fn claim_error(&mut self, p: usize, at: Span, message: String, hints: Vec<String>) {
        let participant = self.ends.get(p).participant;
        self.claims_about.push((self.diags.len(), participant));
        self.diags.push(error(codes::CLAIM, at, message, hints));
    }

    /// Whether the note at row `i` names `event` for `p`.
    fn named_at(&self, i: usize, p: usize, event: Event) -> bool {
        let p = self.ends.get(p).participant;
        silent_index(event)
            .and_then(|e| self.naming.get(p)?.get(e))
            .is_some_and(|rows| rows.binary_search(&i).is_ok())
    }

    /// The line of a note on `p` after row `i` that names `event`, looking no further than
    /// `p`'s next segment (where the event would have to have happened already).
    fn named_later(&self, i: usize, p: usize, event: Event) -> Option<usize> {
        let after = |rows: &[usize]| rows.get(rows.partition_point(|&r| r <= i)).copied();
        let participant = self.ends.get(p).participant;
        let note = after(self.naming.get(participant)?.get(silent_index(event)?)?)?;
        match self.ends.next_segment(p, i) {
            Some(segment) if segment < note => None,
            _ => Some(self.line(note)),
        }
    }

    /// The silent events a note names (`(2 MSL)`, `(Close)` …) that the endpoint's state has
    /// a transition for which sends nothing: they happen here. An OPEN never does.
    fn silent_events(&mut self, i: usize, p: usize, events: &[Event]) {
        let line = self.line(i);
        for event in events {
            let Some(state) = self.eps[p].state else {
                return;
            };
            let silent = outcome(&self.eps[p], state, *event).filter(|r| is_silent(r));
            if let Some(r) = silent {
                let how = Entry {
                    how: format!(
                        "`{}` at line {line} ({})",
                        r.event.name(),
                        findings::describe(r)
                    ),
                };
                self.enter(p, r.to, Some(i), how, Via::Silent, Some(r.event));
            }
        }
    }

    /// "A is in FIN-WAIT-1 since sending FIN at line 9 (…)".
    pub(super) fn why_in(&self, p: usize, state: State) -> String {
        let name = self.name(p);
        match &self.eps[p].entry {
            Some(e) => format!("{name} is in {} since {}", state.name(), e.how),
            None => format!("{name} is in {}", state.name()),
        }
    }
}
