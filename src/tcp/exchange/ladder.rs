//! The ladder of a simulated exchange ([`Ladder`]): the states to write beside each lifeline
//! (every claim where its note stands; every state no claim confirmed where the simulation
//! entered it), how each segment travels (a `par` block's branches are sent together), the
//! 2MSL waits netfig inferred, and the findings on the rows at fault.

use super::claims::{self, Reading};
use super::segment;
use super::{Exchange, Via};
use crate::diagnostic::Diagnostic;
use crate::model::ladder::{Finding, Flight, Ladder, Moment, StateMark, Timer};
use crate::model::sequence::{ArrowHead, BlockKind, Event as Row, Sequence};
use crate::model::{Label, LangChoice};
use crate::tcp::names::{Event, State};

pub(super) fn build(
    seq: &Sequence,
    (shown, lang): (&Sequence, LangChoice),
    x: &Exchange,
    findings: &[Diagnostic],
) -> Ladder {
    let name = namer(shown, lang);
    let event_name = event_namer(shown, lang);
    let flights = flights(seq);
    let mut lanes: Vec<Vec<StateMark>> = vec![Vec::new(); seq.participants.len()];
    for (e, row) in seq.events.iter().enumerate() {
        let Row::Note(n) = row else { continue };
        let lines: Vec<String> = n.text.lines.iter().map(|l| l.text()).collect();
        if let Reading::Claim { state, .. } = claims::read(lines.iter().map(String::as_str)) {
            let text = match shown.events.get(e) {
                Some(Row::Note(s)) => s.text.clone(),
                _ => n.text.clone(),
            };
            for p in n.placement.participants().into_iter().map(|p| p.index()) {
                if let Some(lane) = lanes.get_mut(p) {
                    lane.push(StateMark {
                        state: state.name().to_string(),
                        text: text.clone(),
                        at: Moment::Note(e),
                        claimed: true,
                        event: None,
                    });
                }
            }
        }
    }
    let mut timers = Vec::new();
    for (p, trace) in x.endpoints.iter().enumerate() {
        for (k, step) in trace.states.iter().enumerate() {
            let Some(at) = step.at else { continue };
            let moment = match step.via {
                Via::Claim | Via::Silent => Moment::Note(at),
                // The first state, given by the first segment (CLOSED, LISTEN, ESTABLISHED):
                // the endpoint was in it before.
                Via::Sent | Via::Arrived if k == 0 => Moment::Start,
                Via::Sent => Moment::Sent(at),
                Via::Arrived => Moment::Arrived(at),
            };
            if step.inferred == Some(Event::Timeout2Msl) && k > 0 {
                let waiting = &trace.states[k - 1];
                if let (State::TimeWait, Some(from)) = (waiting.state, waiting.at) {
                    let start = restart(seq, &flights, p, from, at).unwrap_or(match waiting.via {
                        Via::Sent => Moment::Sent(from),
                        Via::Arrived => Moment::Arrived(from),
                        Via::Claim | Via::Silent => Moment::Note(from),
                    });
                    timers.push(Timer {
                        participant: p,
                        name: "2MSL".to_string(),
                        from: start,
                        to: moment,
                    });
                }
            }
            if step.claimed {
                // A claim reached by an inferred silent event carries the event, and the
                // event is written just before it as the RFC's figures write `(Close)` (a
                // 2MSL wait has its bracket instead).
                if let (Some(e), Some(lane)) = (step.inferred, lanes.get_mut(p)) {
                    let state = step.state.name();
                    let mut claim = None;
                    for (j, mark) in lane.iter_mut().enumerate() {
                        if mark.at == moment && mark.state == state {
                            mark.event = Some(e.name().to_string());
                            claim = claim.or(Some(j));
                        }
                    }
                    if let (Some(j), true) = (claim, e != Event::Timeout2Msl) {
                        let left = k
                            .checked_sub(1)
                            .map_or(step.state, |i| trace.states[i].state);
                        // After the claim in the lane: the layout writes it by the claim's box.
                        lane.insert(
                            j + 1,
                            StateMark {
                                state: left.name().to_string(),
                                text: Label::plain(&format!("({})", event_name(e))),
                                at: moment,
                                claimed: false,
                                event: Some(e.name().to_string()),
                            },
                        );
                    }
                }
                continue;
            }
            if let Some(lane) = lanes.get_mut(p) {
                lane.push(StateMark {
                    state: step.state.name().to_string(),
                    text: Label::plain(&name(step.state)),
                    at: moment,
                    claimed: false,
                    // A silent step no reference event explains is a reboot.
                    event: match (step.inferred, step.via) {
                        (Some(e), _) => Some(e.name().to_string()),
                        (None, Via::Silent) => Some("reboot".to_string()),
                        (None, _) => None,
                    },
                });
            }
        }
    }
    // Per row: where the segment sent on it arrives.
    let mut arrives: Vec<usize> = (0..seq.events.len()).collect();
    for f in &flights {
        arrives[f.event] = f.arrives;
    }
    for lane in &mut lanes {
        lane.sort_by_key(|m| when(&arrives, m.at));
        merge_instants(lane);
    }
    // The rows that can be at fault, in source order, for a binary search by position.
    let rows: Vec<(usize, usize, usize)> = seq
        .events
        .iter()
        .enumerate()
        .filter_map(|(e, row)| match row {
            Row::Message(m) => Some((m.span.start, m.span.end, e)),
            Row::Note(n) => Some((n.span.start, n.span.end, e)),
            _ => None,
        })
        .collect();
    // Which participant each of the check's findings is about, by what it says and where.
    let about: std::collections::BTreeMap<(usize, usize, &str, &str), usize> = x
        .diagnostics
        .iter()
        .zip(&x.about)
        .filter_map(|(d, a)| {
            Some((
                (d.span.start, d.span.end, d.code, d.message.as_str()),
                (*a)?,
            ))
        })
        .collect();
    let findings = findings
        .iter()
        .filter_map(|d| {
            let at = d.span.start;
            let k = rows.partition_point(|r| r.0 <= at).checked_sub(1)?;
            let (start, end, event) = rows[k];
            (start <= at && at < end.max(start + 1)).then_some(())?;
            let key = (d.span.start, d.span.end, d.code, d.message.as_str());
            Some(Finding {
                event,
                participant: about.get(&key).copied(),
                code: d.code.to_string(),
                message: d.message.clone(),
            })
        })
        .collect();
    Ladder {
        lanes,
        flights,
        timers,
        findings,
    }
}

/// How every segment travels: a `par` block's messages (nested blocks included) are sent
/// together and arrive at the block's end; any other message is sent and arrives on its row.
/// The same reading as the simulation's schedule.
fn flights(seq: &Sequence) -> Vec<Flight> {
    // (lost, old) of a segment.
    let segment = |i: usize| match &seq.events[i] {
        Row::Message(m) if !m.is_self() => {
            let lost = m.head == ArrowHead::Cross;
            let lines: Vec<String> = m.text.lines.iter().map(|l| l.text()).collect();
            Some((
                lost,
                !lost && claims::names_old(lines.iter().map(String::as_str)),
            ))
        }
        _ => None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < seq.events.len() {
        if let Some((lost, old)) = segment(i) {
            out.push(Flight {
                event: i,
                group: i,
                arrives: i,
                lost,
                old,
            });
        } else if let Row::BlockStart(b) = &seq.events[i] {
            let block = &seq.blocks[b.index()];
            if matches!(block.kind, BlockKind::Par | BlockKind::ParOver) && block.end > i {
                let rows = i + 1..block.end;
                if let Some(first) = rows.clone().find(|j| segment(*j).is_some()) {
                    for j in rows {
                        if let Some((lost, old)) = segment(j) {
                            out.push(Flight {
                                event: j,
                                group: first,
                                arrives: block.end,
                                lost,
                                old,
                            });
                        }
                    }
                }
                i = block.end;
            }
        }
        i += 1;
    }
    out
}

/// A sort key: the row, arrivals (at the row `arrives` says) after what is drawn there.
fn when(arrives: &[usize], at: Moment) -> (usize, u8) {
    match at {
        Moment::Start => (0, 0),
        Moment::Note(e) | Moment::Sent(e) => (e, 0),
        Moment::Arrived(e) => (arrives.get(e).copied().unwrap_or(e), 1),
    }
}

/// The last FIN that reached `p` between rows `from` and `to`: in TIME-WAIT it restarts the
/// 2MSL timer (RFC 9293 3.10.7.4, eighth check).
fn restart(seq: &Sequence, flights: &[Flight], p: usize, from: usize, to: usize) -> Option<Moment> {
    flights
        .iter()
        .rev()
        .filter(|f| !f.lost && f.arrives > from && f.arrives < to)
        .filter(|f| match &seq.events[f.event] {
            Row::Message(m) if m.to.index() == p => {
                let lines: Vec<String> = m.text.lines.iter().map(|l| l.text()).collect();
                segment::parse_lines(lines.iter().map(String::as_str))
                    .0
                    .flags
                    .fin
            }
            _ => false,
        })
        .map(|f| Moment::Arrived(f.event))
        .next()
}

/// Inferred states entered at the same moment (one arrival that is two events: the ACK of
/// our SYN and a FIN) are written once, `ESTABLISHED → CLOSE-WAIT`, as the last state.
fn merge_instants(lane: &mut Vec<StateMark>) {
    let mut out: Vec<StateMark> = Vec::with_capacity(lane.len());
    for mark in lane.drain(..) {
        match out.last_mut() {
            Some(last) if !last.claimed && !mark.claimed && last.at == mark.at => {
                let text = format!("{} → {}", last.text.one_line(), mark.text.one_line());
                last.text = Label::plain(&text);
                last.state = mark.state;
                last.event = mark.event.or(last.event.take());
            }
            _ => out.push(mark),
        }
    }
    *lane = out;
}

/// An inferred event's name in `lang`, as [`namer`] names states.
fn event_namer(shown: &Sequence, lang: LangChoice) -> impl Fn(Event) -> String {
    let chinese = shows_chinese(shown);
    move |e: Event| {
        let g = e.glossary();
        match lang {
            LangChoice::Zh => g.zh.to_string(),
            LangChoice::Both if chinese => format!("{} {}", g.zh, g.en),
            _ => g.en.to_string(),
        }
    }
}

/// Whether the diagram shows Chinese text (participants or notes).
fn shows_chinese(shown: &Sequence) -> bool {
    shown.participants.iter().any(|p| has_han(&p.label.text()))
        || shown.notes().any(|n| has_han(&n.text.text()))
}

/// How inferred states are named: Chinese for `zh`, RFC names for `en`; for `both`, both when
/// the diagram shows Chinese text (participants or notes), else RFC names.
fn namer(shown: &Sequence, lang: LangChoice) -> impl Fn(State) -> String {
    let chinese = shows_chinese(shown);
    move |s: State| {
        let g = s.glossary();
        match lang {
            LangChoice::Zh => g.zh.to_string(),
            LangChoice::Both if chinese => format!("{} {}", g.zh, g.en),
            _ => g.en.to_string(),
        }
    }
}

fn has_han(text: &str) -> bool {
    text.chars().any(crate::model::label::is_han)
}
