//! Arrivals: the reference event a received segment is ([`event_for`], the one place that
//! decides it), its transition and the answer it asks for, and the receiver's RCV.NXT.

use super::findings::{self, error};
use super::numbers::{Numbers, Term};
use super::simulate::{no_tcb, outcome, Endpoint, Entry, Flight, Sim};
use super::Via;
use crate::diagnostic::codes::tcpx as codes;
use crate::model::sequence::ArrowHead;
use crate::tcp::names::{Action, Event, State};
use crate::tcp::reference;

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
    if s.flags.fin && !rcv.got_fin && acks_fin && has(Event::RcvFinAckOfFin) {
        return vec![Event::RcvFinAckOfFin];
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
    pub(super) fn arrive(&mut self, i: usize) {
        let Some(m) = self.message(i) else { return };
        if matches!(m.head, ArrowHead::Cross) {
            return;
        }
        let (to, from) = (m.to.index(), m.from.index());
        let (to, from) = (self.end(to, Some(from)), self.end(from, Some(to)));
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
        let state = self.state_or(to, first, (i, Via::Arrived), why);
        if f.seg.flags.ack {
            self.eps[to].unacked = false;
        }
        let line = self.line(i);
        let name = self.name(to);
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
        if self.bad_ack(to, state, &f, line) {
            return;
        }
        // Old news to the receiver: a SYN or FIN it has had (a retransmission whose original
        // was lost is new to it).
        let duplicate = (f.seg.flags.syn && self.eps[to].got_syn)
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
                how: format!(
                    "receiving {what} from {} at line {line} ({})",
                    self.name(from),
                    findings::describe(r)
                ),
            };
            self.enter(to, r.to, Some(i), how, Via::Arrived, None);
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

    /// An ACK a non-synchronized endpoint cannot accept, answered with a reset
    /// `<SEQ=SEG.ACK><CTL=RST>` and otherwise dropped, the state unchanged: any ACK in LISTEN
    /// (RFC 9293 3.10.7.2, second check; Figure 11), and in SYN-SENT an ACK whose number is
    /// known not to acknowledge our SYN (3.10.7.3, first check; Figures 8 and 9).
    fn bad_ack(&mut self, p: usize, state: State, f: &Flight, line: usize) -> bool {
        if f.seg.flags.rst || !f.seg.flags.ack {
            return false;
        }
        let bad = match state {
            State::Listen => true,
            State::SynSent => match (f.ack, self.eps[p].iss) {
                (Some(a), Some(iss)) => self.numbers.same(a, iss.plus(1)) == Some(false),
                _ => false,
            },
            _ => false,
        };
        if bad {
            self.eps[p].pending = Some((Action::SndRst, line));
        }
        bad
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
}
