//! The RFC 9293 reference, as data: every transition of Figure 5 (section 3.3.2) and the ones
//! section 3.10 (event processing) adds, each with the section that says so.
//!
//! The checker never matches on states in code; it asks this table.

use super::names::{Action, Event, State};
use std::collections::VecDeque;

pub use super::condition::Condition;

pub use super::export::{
    state_note, to_json, to_json_where, to_table, to_table_where, to_yaml, yaml_for, yaml_where,
    Filter,
};
use std::fmt::Write as _;

/// Where a reference transition comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// Drawn in Figure 5 (required under `scope: figure` and `scope: full`).
    Figure5,
    /// Described in section 3.10 (required under `scope: full`).
    EventProcessing,
    /// A permitted alternative outcome, accepted but never required: Figure 5 note 3 (a RST
    /// sender may enter TIME-WAIT instead of CLOSED), RFC 793's reset on an in-window SYN
    /// (section 3.10.7.4, where RFC 5961 stacks send a challenge ACK instead), MAY-2's new SYN
    /// in TIME-WAIT (section 3.6.1). Its [`RefTransition::conditions`] say when it applies.
    Alternative,
}

/// Which part of the reference a definition claims to cover (`scope:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Scope {
    /// Only what is listed is checked (the default).
    #[default]
    Partial,
    /// Every Figure 5 transition must be present.
    Figure,
    /// Figure 5 plus the section 3.10 transitions must be present.
    Full,
}

impl Scope {
    /// The YAML spelling.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Partial => "partial",
            Scope::Figure => "figure",
            Scope::Full => "full",
        }
    }
    /// Parses `partial`, `figure` (also `figure 5`, `figure5`) or `full`, in any case.
    pub fn parse(text: &str) -> Option<Scope> {
        let key: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "partial" => Some(Scope::Partial),
            "figure" | "figure5" => Some(Scope::Figure),
            "full" => Some(Scope::Full),
            _ => None,
        }
    }
}

/// Which side of a connection normally takes a transition, for styling diagrams.
///
/// Rule: `Client` is the active opener's and active closer's path (CLOSED → SYN-SENT →
/// ESTABLISHED → FIN-WAIT-1 → FIN-WAIT-2/TIME-WAIT → CLOSED); `Server` is the passive opener's
/// and passive closer's path (CLOSED → LISTEN → SYN-RECEIVED → ESTABLISHED → CLOSE-WAIT →
/// LAST-ACK → CLOSED); everything else (simultaneous open/close, resets, aborts, timeouts other
/// than 2MSL, returning to LISTEN) is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Path {
    /// Active open / active close.
    Client,
    /// Passive open / passive close.
    Server,
    /// Everything else.
    Other,
}

impl Path {
    /// Lower-case name for JSON and tables.
    pub fn name(self) -> &'static str {
        match self {
            Path::Client => "client",
            Path::Server => "server",
            Path::Other => "other",
        }
    }
}

/// One transition the RFC allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefTransition {
    /// State before.
    pub from: State,
    /// What happens.
    pub event: Event,
    /// What the connection does (empty = Figure 5's `x`).
    pub actions: &'static [Action],
    /// State after.
    pub to: State,
    /// RFC 9293 section, e.g. `3.3.2 Figure 5` or `3.10.7.4`.
    pub section: &'static str,
    /// Figure 5, section 3.10, or a permitted alternative.
    pub origin: Origin,
    /// Client, server or other path.
    pub path: Path,
    /// When the RFC allows it only under conditions (all must hold; empty = always), each
    /// citing its own section.
    pub conditions: &'static [Condition],
}

impl RefTransition {
    /// `FROM --event / actions--> TO`, in RFC spellings.
    pub fn describe(&self) -> String {
        format!(
            "{} --{} / {}--> {}",
            self.from.name(),
            self.event.name(),
            actions_text(self.actions),
            self.to.name()
        )
    }
    /// Whether `scope` requires this transition to be listed.
    pub fn required_in(&self, scope: Scope) -> bool {
        match scope {
            Scope::Partial => false,
            Scope::Figure => self.origin == Origin::Figure5,
            Scope::Full => self.origin != Origin::Alternative,
        }
    }
}

/// Actions in Figure 5's notation: `create TCB, snd SYN`, or `x` for none.
pub fn actions_text(actions: &[Action]) -> String {
    if actions.is_empty() {
        return super::names::NO_ACTION.to_string();
    }
    actions
        .iter()
        .map(|a| a.name())
        .collect::<Vec<_>>()
        .join(", ")
}

use Action::*;
use Event::*;
use Origin::*;
use Path::*;
use State::*;

const fn t(
    from: State,
    event: Event,
    actions: &'static [Action],
    to: State,
    section: &'static str,
    origin: Origin,
    path: Path,
) -> RefTransition {
    RefTransition {
        from,
        event,
        actions,
        to,
        section,
        origin,
        path,
        conditions: &[],
    }
}

const fn when(mut r: RefTransition, conditions: &'static [Condition]) -> RefTransition {
    r.conditions = conditions;
    r
}

const FIG: &str = "3.3.2 Figure 5";
const PASSIVE: &[Condition] = &[Condition::PassiveOpen];
const PASSIVE_RST: &[Condition] = &[Condition::PassiveOpen, Condition::RstAcceptable];
const ACTIVE_RST: &[Condition] = &[Condition::ActiveOpen, Condition::RstAcceptable];
const RST_OK: &[Condition] = &[Condition::RstAcceptable];
const RFC793: &[Condition] = &[Condition::Rfc793Syn];
const ACTIVE_RFC793: &[Condition] = &[Condition::ActiveOpen, Condition::Rfc793Syn];
const NOTE3: &[Condition] = &[Condition::RstSenderTimeWait];

#[rustfmt::skip]
static TRANSITIONS: [RefTransition; 68] = [
    // Figure 5, in the figure's reading order: 20 transitions.
    t(Closed, PassiveOpen, &[CreateTcb], Listen, FIG, Figure5, Server),
    t(Closed, ActiveOpen, &[CreateTcb, SndSyn], SynSent, FIG, Figure5, Client),
    t(Listen, Close, &[DeleteTcb], Closed, FIG, Figure5, Other),
    t(Listen, Send, &[SndSyn], SynSent, FIG, Figure5, Other),
    t(Listen, RcvSyn, &[SndSynAck], SynReceived, FIG, Figure5, Server),
    t(SynSent, RcvSyn, &[SndSynAck], SynReceived, FIG, Figure5, Other),
    t(SynSent, RcvSynAck, &[SndAck], Established, FIG, Figure5, Client),
    t(SynSent, Close, &[DeleteTcb], Closed, FIG, Figure5, Other),
    when(t(SynReceived, RcvRst, &[], Listen, "3.3.2 Figure 5 (note 1)", Figure5, Other), PASSIVE_RST),
    t(SynReceived, RcvAckOfSyn, &[], Established, FIG, Figure5, Server),
    t(SynReceived, Close, &[SndFin], FinWait1, FIG, Figure5, Other),
    t(Established, Close, &[SndFin], FinWait1, FIG, Figure5, Client),
    t(Established, RcvFin, &[SndAck], CloseWait, FIG, Figure5, Server),
    t(FinWait1, RcvAckOfFin, &[], FinWait2, FIG, Figure5, Client),
    // A FIN that does not acknowledge our FIN (Figure 13); one that does is note 2, below.
    when(t(FinWait1, RcvFin, &[SndAck], Closing, FIG, Figure5, Other), &[Condition::FinNotAcked]),
    t(FinWait2, RcvFin, &[SndAck], TimeWait, FIG, Figure5, Client),
    t(CloseWait, Close, &[SndFin], LastAck, FIG, Figure5, Server),
    t(Closing, RcvAckOfFin, &[], TimeWait, FIG, Figure5, Other),
    t(LastAck, RcvAckOfFin, &[], Closed, FIG, Figure5, Server),
    t(TimeWait, Timeout2Msl, &[DeleteTcb], Closed, FIG, Figure5, Client),
    // Section 3.10.1 OPEN call: an active OPEN turns a listening connection active.
    t(Listen, ActiveOpen, &[SndSyn], SynSent, "3.10.1", EventProcessing, Other),
    // Section 3.10.5 ABORT call.
    t(Listen, Abort, &[DeleteTcb], Closed, "3.10.5", EventProcessing, Other),
    t(SynSent, Abort, &[DeleteTcb], Closed, "3.10.5", EventProcessing, Other),
    t(SynReceived, Abort, &[SndRst, DeleteTcb], Closed, "3.10.5", EventProcessing, Other),
    t(Established, Abort, &[SndRst, DeleteTcb], Closed, "3.10.5", EventProcessing, Other),
    t(FinWait1, Abort, &[SndRst, DeleteTcb], Closed, "3.10.5", EventProcessing, Other),
    t(FinWait2, Abort, &[SndRst, DeleteTcb], Closed, "3.10.5", EventProcessing, Other),
    t(CloseWait, Abort, &[SndRst, DeleteTcb], Closed, "3.10.5", EventProcessing, Other),
    t(Closing, Abort, &[DeleteTcb], Closed, "3.10.5", EventProcessing, Other),
    t(LastAck, Abort, &[DeleteTcb], Closed, "3.10.5", EventProcessing, Other),
    t(TimeWait, Abort, &[DeleteTcb], Closed, "3.10.5", EventProcessing, Other),
    // Figure 5 note 3: a RST sender may enter TIME-WAIT instead of CLOSED.
    when(t(SynReceived, Abort, &[SndRst], TimeWait, "3.3.2 Figure 5 (note 3)", Alternative, Other), NOTE3),
    when(t(Established, Abort, &[SndRst], TimeWait, "3.3.2 Figure 5 (note 3)", Alternative, Other), NOTE3),
    when(t(FinWait1, Abort, &[SndRst], TimeWait, "3.3.2 Figure 5 (note 3)", Alternative, Other), NOTE3),
    when(t(FinWait2, Abort, &[SndRst], TimeWait, "3.3.2 Figure 5 (note 3)", Alternative, Other), NOTE3),
    when(t(CloseWait, Abort, &[SndRst], TimeWait, "3.3.2 Figure 5 (note 3)", Alternative, Other), NOTE3),
    // Section 3.10.7.3/3.10.7.4: an acceptable RST (LISTEN ignores RSTs, 3.10.7.2).
    when(t(SynSent, RcvRst, &[DeleteTcb], Closed, "3.10.7.3", EventProcessing, Other), &[Condition::RstAcksSyn]),
    when(t(SynReceived, RcvRst, &[DeleteTcb], Closed, "3.10.7.4", EventProcessing, Other), ACTIVE_RST),
    when(t(Established, RcvRst, &[DeleteTcb], Closed, "3.10.7.4", EventProcessing, Other), RST_OK),
    when(t(FinWait1, RcvRst, &[DeleteTcb], Closed, "3.10.7.4", EventProcessing, Other), RST_OK),
    when(t(FinWait2, RcvRst, &[DeleteTcb], Closed, "3.10.7.4", EventProcessing, Other), RST_OK),
    when(t(CloseWait, RcvRst, &[DeleteTcb], Closed, "3.10.7.4", EventProcessing, Other), RST_OK),
    when(t(Closing, RcvRst, &[DeleteTcb], Closed, "3.10.7.4", EventProcessing, Other), RST_OK),
    when(t(LastAck, RcvRst, &[DeleteTcb], Closed, "3.10.7.4", EventProcessing, Other), RST_OK),
    when(t(TimeWait, RcvRst, &[DeleteTcb], Closed, "3.10.7.4", EventProcessing, Other), RST_OK),
    // Section 3.10.7.4, fourth (SYN) and eighth (FIN) steps.
    when(t(SynReceived, RcvSyn, &[], Listen, "3.10.7.4", EventProcessing, Other), PASSIVE),
    t(SynReceived, RcvFin, &[SndAck], CloseWait, "3.10.7.4", EventProcessing, Other),
    t(FinWait1, RcvFinAckOfFin, &[SndAck], TimeWait, "3.10.7.4 (Figure 5 note 2)", EventProcessing, Client),
    when(t(TimeWait, RcvFin, &[SndAck], TimeWait, "3.10.7.4", EventProcessing, Other), &[Condition::RetransmittedFin]),
    // Section 3.10.8: the user timeout closes any connection.
    t(Listen, UserTimeout, &[DeleteTcb], Closed, "3.10.8", EventProcessing, Other),
    t(SynSent, UserTimeout, &[DeleteTcb], Closed, "3.10.8", EventProcessing, Other),
    t(SynReceived, UserTimeout, &[DeleteTcb], Closed, "3.10.8", EventProcessing, Other),
    t(Established, UserTimeout, &[DeleteTcb], Closed, "3.10.8", EventProcessing, Other),
    t(FinWait1, UserTimeout, &[DeleteTcb], Closed, "3.10.8", EventProcessing, Other),
    t(FinWait2, UserTimeout, &[DeleteTcb], Closed, "3.10.8", EventProcessing, Other),
    t(CloseWait, UserTimeout, &[DeleteTcb], Closed, "3.10.8", EventProcessing, Other),
    t(Closing, UserTimeout, &[DeleteTcb], Closed, "3.10.8", EventProcessing, Other),
    t(LastAck, UserTimeout, &[DeleteTcb], Closed, "3.10.8", EventProcessing, Other),
    t(TimeWait, UserTimeout, &[DeleteTcb], Closed, "3.10.8", EventProcessing, Other),
    // Section 3.10.7.4, fourth step: RFC 793's rule, an in-window SYN in a synchronized state is
    // an error (send a reset, delete the TCB). RFC 5961 stacks send a challenge ACK and stay
    // (`no_change`).
    when(t(SynReceived, RcvSyn, &[SndRst, DeleteTcb], Closed, "3.10.7.4", Alternative, Other), ACTIVE_RFC793),
    when(t(Established, RcvSyn, &[SndRst, DeleteTcb], Closed, "3.10.7.4", Alternative, Other), RFC793),
    when(t(FinWait1, RcvSyn, &[SndRst, DeleteTcb], Closed, "3.10.7.4", Alternative, Other), RFC793),
    when(t(FinWait2, RcvSyn, &[SndRst, DeleteTcb], Closed, "3.10.7.4", Alternative, Other), RFC793),
    when(t(CloseWait, RcvSyn, &[SndRst, DeleteTcb], Closed, "3.10.7.4", Alternative, Other), RFC793),
    when(t(Closing, RcvSyn, &[SndRst, DeleteTcb], Closed, "3.10.7.4", Alternative, Other), RFC793),
    when(t(LastAck, RcvSyn, &[SndRst, DeleteTcb], Closed, "3.10.7.4", Alternative, Other), RFC793),
    when(t(TimeWait, RcvSyn, &[SndRst, DeleteTcb], Closed, "3.10.7.4", Alternative, Other), RFC793),
    // Section 3.6.1, MAY-2: a new SYN may reopen the connection from TIME-WAIT, processed as
    // LISTEN processes a SYN (3.10.7.2, third step).
    when(t(TimeWait, RcvSyn, &[SndSynAck], SynReceived, "3.6.1 (MAY-2); 3.10.7.2", Alternative, Other), &[Condition::NewSynMay2]),
];

const CHALLENGE_SYN: &str = "RFC 5961 stacks answer a SYN in a synchronized state with a challenge ACK and stay; RFC 793's reset is the alternative";
const CHALLENGE_RST: &str = "RFC 5961 stacks answer an in-window RST whose SEG.SEQ is not RCV.NXT with a challenge ACK and drop one outside the window; the state does not change";

/// Events RFC 9293 handles in a state *without* a state change, with what happens instead; the
/// checker cites them when a definition claims a transition there.
#[rustfmt::skip]
static NO_CHANGE: [(State, Event, &str, &str); 37] = [
    (Closed, RcvRst, "3.10.7.1", "a RST arriving in CLOSED is discarded"),
    (Closed, Close, "3.10.4", "CLOSE in CLOSED returns \"error: connection does not exist\""),
    (Closed, Send, "3.10.2", "SEND in CLOSED returns \"error: connection does not exist\""),
    (Closed, Abort, "3.10.5", "ABORT in CLOSED returns \"error: connection does not exist\""),
    (Listen, RcvRst, "3.10.7.2", "LISTEN ignores an incoming RST"),
    (Listen, RcvSynAck, "3.10.7.2", "an ACK arriving in LISTEN is answered with a RST; the state stays LISTEN"),
    (Established, Send, "3.10.2", "SEND in ESTABLISHED sends data; the state does not change"),
    (CloseWait, Send, "3.10.2", "SEND in CLOSE-WAIT sends data; the state does not change"),
    (SynSent, RcvRst, "3.10.7.3", "a RST whose ACK does not acknowledge our SYN (or that has no ACK) is dropped; the state stays SYN-SENT"),
    (SynReceived, RcvSyn, "3.10.7.4", CHALLENGE_SYN),
    (Established, RcvSyn, "3.10.7.4", CHALLENGE_SYN),
    (FinWait1, RcvSyn, "3.10.7.4", CHALLENGE_SYN),
    (FinWait2, RcvSyn, "3.10.7.4", CHALLENGE_SYN),
    (CloseWait, RcvSyn, "3.10.7.4", CHALLENGE_SYN),
    (Closing, RcvSyn, "3.10.7.4", CHALLENGE_SYN),
    (LastAck, RcvSyn, "3.10.7.4", CHALLENGE_SYN),
    (TimeWait, RcvSyn, "3.10.7.4", CHALLENGE_SYN),
    (SynReceived, RcvRst, "3.10.7.4", CHALLENGE_RST),
    (Established, RcvRst, "3.10.7.4", CHALLENGE_RST),
    (FinWait1, RcvRst, "3.10.7.4", CHALLENGE_RST),
    (FinWait2, RcvRst, "3.10.7.4", CHALLENGE_RST),
    (CloseWait, RcvRst, "3.10.7.4", CHALLENGE_RST),
    (Closing, RcvRst, "3.10.7.4", CHALLENGE_RST),
    (LastAck, RcvRst, "3.10.7.4", CHALLENGE_RST),
    (TimeWait, RcvRst, "3.10.7.4", CHALLENGE_RST),
    (FinWait1, Close, "3.10.4", "a second CLOSE is an error (\"connection closing\"); no second FIN"),
    (FinWait2, Close, "3.10.4", "a second CLOSE is an error (\"connection closing\"); no second FIN"),
    (Closing, Close, "3.10.4", "CLOSE answers \"error: connection closing\""),
    (LastAck, Close, "3.10.4", "CLOSE answers \"error: connection closing\""),
    (TimeWait, Close, "3.10.4", "CLOSE answers \"error: connection closing\""),
    (CloseWait, RcvFin, "3.10.7.4", "a FIN in CLOSE-WAIT is acknowledged; the state stays CLOSE-WAIT"),
    (LastAck, RcvFin, "3.10.7.4", "a FIN in LAST-ACK is acknowledged; the state stays LAST-ACK"),
    (Closing, RcvFin, "3.10.7.4", "a FIN in CLOSING is acknowledged; the state stays CLOSING"),
    (Listen, RcvFin, "3.10.7.4", "a FIN is not processed in LISTEN (SEG.SEQ cannot be validated)"),
    (SynSent, RcvFin, "3.10.7.4", "a FIN is not processed in SYN-SENT (SEG.SEQ cannot be validated)"),
    (SynSent, Send, "3.10.2", "SEND in SYN-SENT queues the data until ESTABLISHED"),
    (SynReceived, Send, "3.10.2", "SEND in SYN-RECEIVED queues the data until ESTABLISHED"),
];

/// What RFC 9293 does with `event` in `from` when it is not a state change: `(section, text)`.
pub fn no_change(from: State, event: Event) -> Option<(&'static str, &'static str)> {
    NO_CHANGE
        .iter()
        .find(|(s, e, _, _)| *s == from && *e == event)
        .map(|(_, _, section, text)| (*section, *text))
}

/// Every reference transition: Figure 5 first (figure order), then section 3.10.
pub fn transitions() -> &'static [RefTransition] {
    &TRANSITIONS
}

/// The reference transitions `from --event--> to` (two when the RFC allows either actions).
pub fn find(from: State, event: Event, to: State) -> Vec<&'static RefTransition> {
    TRANSITIONS
        .iter()
        .filter(|r| r.from == from && r.event == event && r.to == to)
        .collect()
}

/// What `event` does in state `from` (alternatives left out: they are not advice).
pub fn outcomes(from: State, event: Event) -> Vec<&'static RefTransition> {
    TRANSITIONS
        .iter()
        .filter(|r| r.from == from && r.event == event && r.origin != Alternative)
        .collect()
}

/// Every outcome of `event` in state `from`, the permitted alternatives included: what an
/// endpoint may do, each transition with the conditions under which it applies.
pub fn all_outcomes(from: State, event: Event) -> Vec<&'static RefTransition> {
    TRANSITIONS
        .iter()
        .filter(|r| r.from == from && r.event == event)
        .collect()
}

/// The ways into `to` from another state (alternatives left out).
pub fn entries(to: State) -> Vec<&'static RefTransition> {
    TRANSITIONS
        .iter()
        .filter(|r| r.to == to && r.from != to && r.origin != Alternative)
        .collect()
}

/// The shortest legal path from `from` to `to` within one connection (breadth-first over the
/// table in its order, so the answer is deterministic; it may end in CLOSED but not pass
/// through it); `None` if `to` cannot be reached that way or `from == to`.
pub fn shortest_path(from: State, to: State) -> Option<Vec<&'static RefTransition>> {
    if from == to {
        return None;
    }
    let mut came_by: [Option<&'static RefTransition>; 11] = [None; 11];
    let mut seen = [false; 11];
    seen[from as usize] = true;
    let mut queue = VecDeque::from([from]);
    while let Some(s) = queue.pop_front() {
        // A path through CLOSED would be a new connection, not advice about this one.
        if s == Closed && s != from {
            continue;
        }
        for r in TRANSITIONS
            .iter()
            .filter(|r| r.from == s && r.origin != Alternative)
        {
            if seen[r.to as usize] {
                continue;
            }
            seen[r.to as usize] = true;
            came_by[r.to as usize] = Some(r);
            if r.to == to {
                let mut path = vec![r];
                let mut at = r.from;
                while at != from {
                    let step = came_by[at as usize]?;
                    path.push(step);
                    at = step.from;
                }
                path.reverse();
                return Some(path);
            }
            queue.push_back(r.to);
        }
    }
    None
}

/// A path written as one chain: `A --e1 / a1--> B --e2 / a2--> C`.
pub fn describe_path(path: &[&RefTransition]) -> String {
    let mut out = String::new();
    if let Some(first) = path.first() {
        out.push_str(first.from.name());
    }
    for r in path {
        let _ = write!(
            out,
            " --{} / {}--> {}",
            r.event.name(),
            actions_text(r.actions),
            r.to.name()
        );
    }
    out
}

#[cfg(test)]
mod tests;
