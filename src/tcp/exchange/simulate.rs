//! Both endpoints run through the RFC 9293 reference, row by row of the diagram.
//!
//! The simulation never matches on states: what an endpoint may send, what an arrival does and
//! which silent events may be inferred are all asked of [`reference`]. The one place that
//! decides which reference event a received segment is, is [`event_for`].

use super::claims::{self, Reading};
use super::findings::{self, error, Locator};
use super::numbers::{Numbers, Term};
use super::schedule::{schedule, Step};
use super::segment::{self, Segment};
use super::{EndpointTrace, Exchange, StateStep};
use crate::diagnostic::codes::tcpx as codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::sequence::{ArrowHead, Event as Row, Message, NotePlacement, Sequence};
use crate::tcp::names::{Action, Event, State};
use crate::tcp::reference::{self, Origin, RefTransition};

/// How an endpoint came to be in its state, for hints.
#[derive(Debug, Clone)]
struct Entry {
    line: usize,
    how: String,
}

/// One endpoint's TCB as the simulation knows it.
#[derive(Debug, Default)]
struct Endpoint {
    state: Option<State>,
    entry: Option<Entry>,
    /// A claim has named the current state since the endpoint entered it.
    claimed: bool,
    /// The connection went through LISTEN (a passive OPEN).
    passive: bool,
    iss: Option<Term>,
    snd_nxt: Option<Term>,
    rcv_nxt: Option<Term>,
    /// SEG.SEQ of our FIN.
    fin_seq: Option<Term>,
    sent_syn: bool,
    sent_fin: bool,
    got_syn: bool,
    got_fin: bool,
    /// What the reference said this endpoint sends next (an answer to an arrival), and the
    /// line of that arrival.
    pending: Option<(Action, usize)>,
    trace: Vec<StateStep>,
}

/// A segment on its way: what was sent, and what its sender knew when sending it.
#[derive(Debug, Clone, Default)]
struct Flight {
    seg: Segment,
    seq: Option<Term>,
    ack: Option<Term>,
    /// It repeats a SYN or FIN sent before (its sequence space is not new).
    repeat: bool,
    /// The sender had received the receiver's SYN / FIN when it sent this.
    had_syn: bool,
    had_fin: bool,
    /// A seq finding was already reported at the sender.
    seq_reported: bool,
}

struct Sim<'a> {
    seq: &'a Sequence,
    at: Locator<'a>,
    eps: Vec<Endpoint>,
    numbers: Numbers,
    flights: Vec<Option<Flight>>,
    diags: Vec<Diagnostic>,
    checked_acks: Vec<usize>,
}

/// Runs the diagram: every endpoint's states and every finding.
pub(super) fn run(seq: &Sequence, source: &str) -> Exchange {
    let mut sim = Sim {
        seq,
        at: Locator::new(source),
        eps: seq
            .participants
            .iter()
            .map(|_| Endpoint::default())
            .collect(),
        numbers: Numbers::default(),
        flights: vec![None; seq.events.len()],
        diags: Vec::new(),
        checked_acks: Vec::new(),
    };
    for step in schedule(seq) {
        match step {
            Step::Send(i) => sim.send(i),
            Step::Arrive(i) => sim.arrive(i),
            Step::Note(i) => sim.note(i),
        }
    }
    let endpoints = sim
        .eps
        .into_iter()
        .enumerate()
        .map(|(i, e)| EndpointTrace {
            participant: seq.participants[i].id.clone(),
            states: e.trace,
        })
        .collect();
    crate::diagnostic::sort(&mut sim.diags);
    Exchange {
        endpoints,
        diagnostics: sim.diags,
        checked_acks: sim.checked_acks,
    }
}

/// The states no segment of the peer has synchronized yet: reached from CLOSED without
/// receiving a SYN (CLOSED, LISTEN, SYN-SENT), from the reference.
fn unsynchronized(s: State) -> bool {
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

/// Whether a state has no TCB (the reference creates one on leaving it).
fn no_tcb(s: State) -> bool {
    reference::transitions()
        .iter()
        .any(|r| r.from == s && r.actions.contains(&Action::CreateTcb))
}

/// The outcomes of `event` in `state` for this connection: conditions on how SYN-RECEIVED was
/// reached (passive or active OPEN) are applied.
fn outcome(ep: &Endpoint, state: State, event: Event) -> Option<&'static RefTransition> {
    reference::outcomes(state, event)
        .into_iter()
        .find(|r| match r.condition {
            Some(c) if c.contains("(passive OPEN)") => ep.passive,
            Some(c) if c.contains("(active OPEN)") => !ep.passive,
            _ => true,
        })
}

/// The reference events a received segment is, in the order they are processed: the one
/// place that decides it. Whether an ACK acknowledges our SYN or FIN is decided from the
/// numbers when they are known, else from what its sender had received when it sent it.
fn event_for(f: &Flight, rcv: &Endpoint, numbers: &Numbers, state: State) -> Vec<Event> {
    let s = &f.seg;
    if s.flags.rst {
        return vec![Event::RcvRst];
    }
    let acks = |ours: Option<Term>, sent: bool, had: bool| {
        s.flags.ack
            && sent
            && match (f.ack, ours) {
                (Some(a), Some(o)) => numbers.same(a, o).unwrap_or(had),
                _ => had,
            }
    };
    let acks_syn = acks(rcv.iss.map(|t| t.plus(1)), rcv.sent_syn, f.had_syn);
    let acks_fin = acks(rcv.fin_seq.map(|t| t.plus(1)), rcv.sent_fin, f.had_fin);
    let has = |e| outcome(rcv, state, e).is_some();
    if s.flags.syn && !rcv.got_syn {
        return vec![if s.flags.ack {
            Event::RcvSynAck
        } else {
            Event::RcvSyn
        }];
    }
    let mut events = Vec::new();
    if s.flags.fin && !rcv.got_fin && acks_fin && has(Event::RcvFinAck) {
        return vec![Event::RcvFinAck];
    }
    if acks_syn && has(Event::RcvAckOfSyn) {
        events.push(Event::RcvAckOfSyn);
    } else if acks_fin && has(Event::RcvAckOfFin) {
        events.push(Event::RcvAckOfFin);
    }
    if s.flags.fin && !rcv.got_fin {
        events.push(Event::RcvFin);
    } else if s.flags.fin && outcome(rcv, state, Event::RcvFin).is_some_and(|r| r.to == state) {
        // A retransmitted FIN the reference handles in place (TIME-WAIT restarts 2MSL).
        events.push(Event::RcvFin);
    }
    events
}

impl Sim<'_> {
    fn message(&self, i: usize) -> Option<&Message> {
        match &self.seq.events[i] {
            Row::Message(m) if !m.is_self() => Some(m),
            _ => None,
        }
    }

    /// Sets an endpoint's state, recording how.
    fn enter(
        &mut self,
        p: usize,
        state: State,
        at: Option<usize>,
        how: Entry,
        inferred: Option<Event>,
    ) {
        let ep = &mut self.eps[p];
        if ep.state != Some(state) || ep.trace.is_empty() {
            ep.trace.push(StateStep {
                state,
                at,
                inferred,
            });
            ep.claimed = false;
            ep.entry = Some(how);
        }
        if no_tcb(state) {
            let trace = std::mem::take(&mut ep.trace);
            let entry = ep.entry.take();
            *ep = Endpoint {
                trace,
                entry,
                ..Endpoint::default()
            };
        } else if reference::transitions()
            .iter()
            .any(|r| r.event == Event::PassiveOpen && r.to == state)
        {
            ep.passive = true;
        }
        self.eps[p].state = Some(state);
    }

    /// The state of `p`, starting it (first touch) in `first` if it has none yet.
    fn state_or(&mut self, p: usize, first: State, i: usize, why: &str) -> State {
        if let Some(s) = self.eps[p].state {
            return s;
        }
        let line = self.line(i);
        self.enter(
            p,
            first,
            Some(i),
            Entry {
                line,
                how: why.into(),
            },
            None,
        );
        first
    }

    fn line(&self, i: usize) -> usize {
        self.at.line(self.span(i))
    }

    fn span(&self, i: usize) -> Span {
        match &self.seq.events[i] {
            Row::Message(m) => m.span,
            Row::Note(n) => n.span,
            _ => Span::default(),
        }
    }

    fn name(&self, p: usize) -> &str {
        &self.seq.participants[p].id
    }

    fn send(&mut self, i: usize) {
        let Some(m) = self.message(i) else { return };
        let (from, span) = (m.from.index(), m.span);
        let lines: Vec<String> = m.text.lines.iter().map(|l| l.text()).collect();
        let (seg, errors) = segment::parse_lines(lines.iter().map(String::as_str));
        for e in errors {
            let at = self.at.within(span, &e.text);
            self.diags
                .push(error(codes::BAD_SEGMENT, at, e.message, vec![e.hint]));
        }
        let opening = seg.flags.syn && !seg.flags.ack;
        let (first, why) = if opening {
            (State::Closed, "it sends the first SYN, so it starts CLOSED")
        } else {
            (
                State::Established,
                "it starts ESTABLISHED (no claim, no SYN)",
            )
        };
        let state = self.state_or(from, first, i, why);
        let line = self.line(i);
        let name = self.name(from).to_string();
        let what = if seg.flags.name().is_empty() {
            "data".to_string()
        } else {
            seg.flags.name()
        };
        // An answer the reference asked for.
        let pending = self.eps[from].pending.take();
        if let Some((action, asked)) = pending {
            let answers = match action {
                Action::SndSynAck => seg.flags.syn && seg.flags.ack,
                Action::SndAck => seg.flags.ack || seg.flags.rst,
                Action::SndRst => seg.flags.rst,
                _ => true,
            };
            if !answers {
                self.diags.push(error(
                    codes::MISSING_REPLY,
                    span,
                    format!("{name} answers the segment of line {asked} with `{}`, but sends {what} here", action.name()),
                    vec![format!("RFC 9293: after that arrival {name} sends {} next", action.name())],
                ));
            }
        }
        let repeat = self.send_state(i, from, state, &seg, pending, &name, &what, line);
        let flight = self.send_numbers(i, from, seg, repeat);
        self.flights[i] = Some(flight);
    }

    /// The state change of sending `seg` (or a finding); whether it repeats a SYN or FIN.
    #[allow(clippy::too_many_arguments)]
    fn send_state(
        &mut self,
        i: usize,
        p: usize,
        state: State,
        seg: &Segment,
        pending: Option<(Action, usize)>,
        name: &str,
        what: &str,
        line: usize,
    ) -> bool {
        let ep = &self.eps[p];
        let f = seg.flags;
        let answering = |a| pending.is_some_and(|(x, _)| x == a);
        let by = |events: &[Event], action: Action| {
            events
                .iter()
                .find_map(|e| outcome(ep, state, *e).filter(|r| r.actions.contains(&action)))
        };
        let (transition, repeat, ok, hint) = if f.rst {
            let t = by(&[Event::Abort], Action::SndRst);
            let ok = t.is_some() || answering(Action::SndRst) || pending.is_some();
            (t, false, ok, format!("a RST is sent on ABORT in {}, or in answer to a segment that arrives with no connection", findings::states_sending(&[Event::Abort], Action::SndRst)))
        } else if f.syn && !f.ack {
            let t = by(&[Event::ActiveOpen, Event::Send], Action::SndSyn);
            let repeat = t.is_none() && ep.sent_syn;
            (
                t,
                repeat,
                t.is_some() || repeat,
                format!(
                    "a SYN is sent on OPEN in {}",
                    findings::states_sending(&[Event::ActiveOpen, Event::Send], Action::SndSyn)
                ),
            )
        } else if f.syn {
            let repeat = !answering(Action::SndSynAck) && ep.sent_syn && ep.got_syn;
            (None, repeat, answering(Action::SndSynAck) || repeat, "a SYN,ACK answers a SYN (LISTEN or SYN-SENT --rcv SYN / snd SYN,ACK--> SYN-RECEIVED)".into())
        } else if f.fin {
            let t = by(&[Event::Close], Action::SndFin);
            let repeat = t.is_none() && ep.sent_fin;
            (
                t,
                repeat,
                t.is_some() || repeat,
                format!(
                    "a FIN is sent on CLOSE in {}",
                    findings::states_sending(&[Event::Close], Action::SndFin)
                ),
            )
        } else if seg.data && ep.sent_fin {
            (
                None,
                false,
                false,
                format!("{name} sent its FIN: it sends no data after it"),
            )
        } else {
            let ok = !unsynchronized(state) || answering(Action::SndAck);
            (
                None,
                false,
                ok,
                format!("{name} has no synchronized connection to acknowledge"),
            )
        };
        if !ok {
            self.diags.push(error(
                codes::CANNOT_SEND,
                self.span(i),
                format!("{name} cannot send {what} in {}", state.name()),
                vec![self.why_in(p, state), hint],
            ));
        }
        if let Some(r) = transition {
            let how = Entry {
                line,
                how: format!("sending {what} at line {line} ({})", findings::describe(r)),
            };
            self.enter(p, r.to, Some(i), how, None);
            if r.actions.contains(&Action::SndSyn) {
                self.eps[p].passive = false;
            }
        }
        let ep = &mut self.eps[p];
        ep.sent_syn |= f.syn;
        ep.sent_fin |= f.fin;
        repeat
    }

    /// Checks and advances the sender's numbers; the segment in flight.
    fn send_numbers(&mut self, i: usize, p: usize, seg: Segment, repeat: bool) -> Flight {
        let span = self.span(i);
        let name = self.name(p).to_string();
        let mut flight = Flight {
            repeat,
            had_syn: self.eps[p].got_syn,
            had_fin: self.eps[p].got_fin,
            ..Flight::default()
        };
        // Acknowledgment: RCV.NXT when known, else it tells us RCV.NXT.
        if let Some(ack) = seg.ack.as_ref().filter(|_| seg.flags.ack) {
            let fresh = self.numbers.is_fresh(&ack.value);
            let t = self.numbers.term(&ack.value);
            match self.eps[p].rcv_nxt {
                Some(expected) => {
                    self.checked_acks.push(i);
                    let ok = if fresh {
                        self.numbers.unify(t, expected)
                    } else {
                        self.numbers.same(t, expected) != Some(false)
                            && self.numbers.unify(t, expected)
                    };
                    if !ok {
                        let shown = self.numbers.show(expected);
                        self.diags.push(error(
                            codes::WRONG_ACK,
                            self.at.within(span, &ack.text),
                            format!("{name} acknowledges {}, but the next sequence number it expects is {shown}", ack.value),
                            vec![format!("write ack={shown}: RCV.NXT of {name} is {shown} after the segments it received")],
                        ));
                    }
                }
                None => self.eps[p].rcv_nxt = Some(t),
            }
            flight.ack = Some(t);
        }
        // Sequence number: a SYN carries ISS, a repeated FIN its first SEQ, anything else
        // SND.NXT; a new symbol is a later number (data not drawn); RST is not checked.
        let ep = &self.eps[p];
        let expected = if seg.flags.syn {
            ep.iss
        } else if repeat && seg.flags.fin {
            ep.fin_seq
        } else {
            ep.snd_nxt
        };
        let seq_term = match &seg.seq {
            Some(w) => {
                let fresh = self.numbers.is_fresh(&w.value);
                let t = self.numbers.term(&w.value);
                if let (Some(e), false, false) = (expected, fresh, seg.flags.rst) {
                    if !self.numbers.unify(t, e) {
                        let shown = self.numbers.show(e);
                        flight.seq_reported = true;
                        self.diags.push(error(
                            codes::WRONG_SEQ,
                            self.at.within(span, &w.text),
                            format!("{name} sends seq {}, but its next sequence number is {shown}", w.value),
                            vec![format!("write seq={shown}: a SYN and a FIN take one sequence number each, an ACK none; a retransmission repeats the original's")],
                        ));
                    }
                }
                Some(t)
            }
            None => expected,
        };
        let ep = &mut self.eps[p];
        if seg.flags.syn && ep.iss.is_none() {
            ep.iss = seq_term;
        }
        if seg.flags.fin && !repeat {
            ep.fin_seq = seq_term;
        }
        if !seg.flags.rst && !repeat {
            ep.snd_nxt = match (seq_term, seg.space()) {
                (Some(t), Some(n)) => Some(t.plus(n)),
                _ => None,
            };
        }
        flight.seq = seq_term;
        flight.seg = seg;
        flight
    }

    fn arrive(&mut self, i: usize) {
        let Some(m) = self.message(i) else { return };
        if matches!(m.head, ArrowHead::Cross) {
            return;
        }
        let (to, from) = (m.to.index(), m.from.index());
        let Some(f) = self.flights[i].clone() else {
            return;
        };
        let opening = f.seg.flags.syn && !f.seg.flags.ack;
        let (first, why) = if opening {
            (
                State::Listen,
                "it first receives a SYN, so it starts LISTEN",
            )
        } else {
            (
                State::Established,
                "it starts ESTABLISHED (no claim, no SYN)",
            )
        };
        let state = self.state_or(to, first, i, why);
        let line = self.line(i);
        let name = self.name(to).to_string();
        let what = if f.seg.flags.name().is_empty() {
            "data".to_string()
        } else {
            f.seg.flags.name()
        };
        if no_tcb(state) {
            // RFC 9293 3.10.7.1: no connection; anything but a RST is answered with a RST.
            if !f.seg.flags.rst {
                self.eps[to].pending = Some((Action::SndRst, line));
            }
            return;
        }
        let duplicate = f.repeat
            || (f.seg.flags.syn && self.eps[to].got_syn)
            || (f.seg.flags.fin && self.eps[to].got_fin && !f.seg.flags.syn);
        self.receive_numbers(i, to, &f, duplicate);
        let events = event_for(&f, &self.eps[to], &self.numbers, state);
        let mut state = state;
        for event in events {
            let Some(r) = outcome(&self.eps[to], state, event) else {
                if reference::no_change(state, event).is_none() {
                    self.diags.push(error(
                        codes::UNHANDLED_ARRIVAL,
                        self.span(i),
                        format!("{name} receives {what} in {}, where RFC 9293 has no transition for `{}`", state.name(), event.name()),
                        vec![self.why_in(to, state), format!("in {} the reference handles: {}", state.name(), findings::handled_in(state))],
                    ));
                }
                continue;
            };
            let how = Entry {
                line,
                how: format!(
                    "receiving {what} from {} at line {line} ({})",
                    self.name(from),
                    findings::describe(r)
                ),
            };
            self.enter(to, r.to, Some(i), how, None);
            state = r.to;
            if let Some(a) = r
                .actions
                .iter()
                .find(|a| matches!(a, Action::SndAck | Action::SndSynAck | Action::SndRst))
            {
                self.eps[to].pending = Some((*a, line));
            }
        }
        if duplicate && self.eps[to].pending.is_none() && !f.seg.flags.rst {
            // An old segment is acknowledged (RFC 9293 3.10.7.4, first check).
            self.eps[to].pending = Some((Action::SndAck, line));
        }
        let ep = &mut self.eps[to];
        ep.got_syn |= f.seg.flags.syn;
        ep.got_fin |= f.seg.flags.fin;
    }

    /// RCV.NXT of the receiver after `f`, with a finding when its seq is not the one expected.
    fn receive_numbers(&mut self, i: usize, p: usize, f: &Flight, duplicate: bool) {
        if f.seg.flags.rst || duplicate {
            return;
        }
        let new_syn = f.seg.flags.syn && !self.eps[p].got_syn;
        let expected = if new_syn { None } else { self.eps[p].rcv_nxt };
        if let (Some(t), Some(e)) = (f.seq, expected) {
            if !f.seq_reported && !self.numbers.unify(t, e) {
                let name = self.name(p).to_string();
                let shown = self.numbers.show(e);
                let at = f
                    .seg
                    .seq
                    .as_ref()
                    .map_or(self.span(i), |w| self.at.within(self.span(i), &w.text));
                self.diags.push(error(
                    codes::WRONG_SEQ,
                    at,
                    format!(
                        "{name} expects sequence number {shown} next, not {}",
                        self.numbers.show(t)
                    ),
                    vec![format!("write seq={shown}: {name}'s RCV.NXT is {shown}")],
                ));
            }
        }
        let start = f.seq.or(expected);
        self.eps[p].rcv_nxt = match (start, f.seg.space()) {
            (Some(t), Some(n)) => Some(t.plus(n)),
            _ => None,
        };
    }

    fn note(&mut self, i: usize) {
        let Row::Note(n) = &self.seq.events[i] else {
            return;
        };
        let lines: Vec<String> = n.text.lines.iter().map(|l| l.text()).collect();
        let on: Vec<usize> = match n.placement {
            NotePlacement::LeftOf(p) | NotePlacement::RightOf(p) => vec![p.index()],
            NotePlacement::Over { first, last } => {
                let mut v = vec![first.index()];
                if let Some(l) = last.filter(|l| *l != first) {
                    v.push(l.index());
                }
                v
            }
        };
        let span = n.span;
        match claims::read(lines.iter().map(String::as_str)) {
            Reading::Commentary => {}
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
                line,
                how: format!("its first claim at line {line}"),
            };
            self.enter(p, claimed, Some(i), how, None);
            self.eps[p].claimed = true;
            return;
        };
        if state == claimed {
            self.eps[p].claimed = true;
            return;
        }
        // A silent event (a timeout, or a CLOSE or ABORT that sends nothing) out of a state
        // the diagram has shown; never an OPEN.
        let silent = reference::transitions().iter().find(|r| {
            r.from == state
                && r.to == claimed
                && r.origin != Origin::Alternative
                && matches!(
                    r.event,
                    Event::Timeout2Msl | Event::UserTimeout | Event::Close | Event::Abort
                )
                && !r.actions.iter().any(|a| a.name().starts_with("snd"))
        });
        if let (Some(r), true) = (silent, self.eps[p].claimed) {
            let how = Entry {
                line,
                how: format!(
                    "`{}` inferred before line {line} ({})",
                    r.event.name(),
                    findings::describe(r)
                ),
            };
            self.enter(p, claimed, Some(i), how, Some(r.event));
            self.eps[p].claimed = true;
            return;
        }
        let name = self.name(p).to_string();
        let mut hints = vec![self.why_in(p, state)];
        match silent {
            Some(r) => hints.push(format!(
                "{} follows {} on `{}`, but the diagram does not show {} first: claim it before",
                claimed.name(),
                state.name(),
                r.event.name(),
                state.name()
            )),
            None => hints.push(findings::way_to(state, claimed)),
        }
        self.diags.push(error(
            codes::CLAIM,
            at,
            format!("{name} is in {} here, not {}", state.name(), claimed.name()),
            hints,
        ));
    }

    /// "A is in FIN-WAIT-1 since sending FIN at line 9 (…)".
    fn why_in(&self, p: usize, state: State) -> String {
        let name = self.name(p);
        match &self.eps[p].entry {
            Some(e) => format!(
                "{name} is in {} since {} (line {})",
                state.name(),
                e.how,
                e.line
            ),
            None => format!("{name} is in {}", state.name()),
        }
    }
}
