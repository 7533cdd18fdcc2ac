//! Both endpoints run through the RFC 9293 reference, row by row of the diagram.
//!
//! The simulation never matches on states: what an endpoint may send, what an arrival does and
//! which silent events may be inferred are all asked of [`reference`]. The one place that
//! decides which reference event a received segment is, is [`event_for`].

use super::claims::{self, Reading};
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
    matches!(
        r.event,
        Event::Timeout2Msl | Event::UserTimeout | Event::Close | Event::Abort
    ) && r.origin != Origin::Alternative
        && !r.actions.iter().any(|a| a.name().starts_with("snd"))
}

/// The silent transition from `from` to `to`, if there is one (for hints).
fn silent_to(from: State, to: State) -> Option<&'static RefTransition> {
    reference::transitions()
        .iter()
        .find(|r| r.from == from && r.to == to && is_silent(r))
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

impl Sim<'_> {
    pub(super) fn message(&self, i: usize) -> Option<&Message> {
        match &self.seq.events[i] {
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
        let ep = &mut self.eps[p];
        let before = ep.state;
        if ep.state != Some(state) || ep.trace.is_empty() {
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

    pub(super) fn name(&self, p: usize) -> &str {
        &self.seq.participants[p].id
    }

    fn note(&mut self, i: usize) {
        let Row::Note(n) = &self.seq.events[i] else {
            return;
        };
        let lines: Vec<String> = n.text.lines.iter().map(|l| l.text()).collect();
        let on = n.placement.participants().into_iter().map(|p| p.index());
        let span = n.span;
        match claims::read(lines.iter().map(String::as_str)) {
            Reading::Commentary if claims::names_reboot(lines.iter().map(String::as_str)) => {
                // Loss of memory (RFC 9293 3.5.1): the TCB is gone, whatever the state was.
                let line = self.line(i);
                for p in on {
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
        let silent = silent_to(state, claimed);
        let name = self.name(p).to_string();
        let mut hints = vec![self.why_in(p, state)];
        match silent {
            Some(r) => hints.push(format!(
                "{} follows {} on `{}`, which sends nothing: if it happens here, name it in a note on {name} first, as the RFC's figures do (`(2 MSL)`, `(Close)`, `timeout`, `ABORT`)",
                claimed.name(),
                state.name(),
                r.event.name(),
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
