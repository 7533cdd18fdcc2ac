//! Sending: what the reference says a segment's departure does (`active OPEN` for a SYN,
//! `CLOSE` for a FIN, `ABORT` or an answer for a RST, an answer for SYN,ACK and ACK), and the
//! sender's numbers (an `ack` is RCV.NXT, a `seq` continues the sequence).

use super::claims;
use super::findings::{self, error};
use super::segment::{self, Segment};
use super::simulate::{no_tcb, outcome, unsynchronized, Entry, Flight, Sim};
use super::Via;
use crate::diagnostic::codes::tcpx as codes;
use crate::model::sequence::ArrowHead;
use crate::tcp::names::{Action, Event, State};

impl Sim<'_> {
    pub(super) fn send(&mut self, i: usize) {
        let Some(m) = self.message(i) else { return };
        let (from, span) = (self.end(m.from.index(), Some(m.to.index())), m.span);
        let lines: Vec<String> = m.text.lines.iter().map(|l| l.text()).collect();
        let (seg, errors) = segment::parse_lines(lines.iter().map(String::as_str));
        if !errors.is_empty() {
            // Not simulated: what it would do is unknown.
            for e in errors {
                let at = self.at.within(span, &e.text);
                self.diags
                    .push(error(codes::BAD_SEGMENT, at, e.message, vec![e.hint]));
            }
            return;
        }
        let lost = m.head == ArrowHead::Cross;
        if !lost && claims::names_old(lines.iter().map(String::as_str)) {
            // Sent before the rows drawn: its sender is not touched, it only arrives.
            let ack = seg.ack.as_ref().filter(|_| seg.flags.ack);
            let ack = ack.map(|w| self.numbers.term(&w.value));
            let seq = seg.seq.as_ref().map(|w| self.numbers.term(&w.value));
            self.flights[i] = Some(Flight {
                seg,
                seq,
                ack,
                ..Flight::default()
            });
            return;
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
        let state = self.state_or(from, first, (i, Via::Sent), why);
        let line = self.line(i);
        let name = self.name(from);
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
        if seg.space() != Some(0) {
            self.eps[from].unacked = true;
        }
        let after = self.eps[from].state.unwrap_or(state);
        let flight = if no_tcb(after) {
            // An answer from no connection (RFC 9293 3.10.7.1): no sequence to keep.
            Flight {
                seg,
                ..Flight::default()
            }
        } else {
            self.send_numbers(i, from, seg, repeat)
        };
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
                how: format!("sending {what} at line {line} ({})", findings::describe(r)),
            };
            self.enter(p, r.to, Some(i), how, Via::Sent, None);
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
            had_syn: self.eps[p].got_syn,
            had_fin: self.eps[p].got_fin,
            ..Flight::default()
        };
        // Acknowledgment: RCV.NXT when known, else it tells us RCV.NXT.
        if let Some(ack) = seg.ack.as_ref().filter(|_| seg.flags.ack) {
            let fresh = self.numbers.is_fresh(&ack.value);
            let mut t = self.numbers.term(&ack.value);
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
                        // Reported once; the receiver sees the number meant, so one wrong
                        // `ack` is not also read as an unacceptable ACK (a reset).
                        t = expected;
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
                let mut t = self.numbers.term(&w.value);
                if let (Some(e), false, false) = (expected, fresh, seg.flags.rst) {
                    if !self.numbers.unify(t, e) {
                        // Reported once; the run goes on with the right number.
                        t = e;
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
}
