//! A checked TCP exchange drawn as a ladder, as RFC 9293's Figures 6–13 draw one: what
//! `tcp::exchange` found (each endpoint's states, how every segment travels, the timers it
//! inferred, the findings), in terms of the sequence diagram's rows, for the sequence layout
//! to place. Built by `tcp::exchange::ladder`; the layout reads nothing else of the check.

use super::label::Label;
use super::sequence::EventIndex;

/// Where on the timeline something happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// Before the first row: the state an endpoint was in when the diagram first touched it
    /// (no claim named it).
    Start,
    /// At the note on that row (a claim, or the silent event it names).
    Note(EventIndex),
    /// When the message on that row is sent (its tail).
    Sent(EventIndex),
    /// When the message on that row arrives (its head).
    Arrived(EventIndex),
}

/// A state written beside an endpoint's lifeline.
#[derive(Debug, Clone, PartialEq)]
pub struct StateMark {
    /// The state's RFC 9293 name (`SYN-SENT`).
    pub state: String,
    /// What is written: the claiming note's text, or the RFC name for an inferred state.
    pub text: Label,
    /// Where it is written.
    pub at: Moment,
    /// Claimed by the author (a note) rather than inferred by netfig.
    pub claimed: bool,
    /// The silent event netfig inferred to enter it (`timeout 2MSL`), if any.
    pub event: Option<String>,
}

/// How one segment (a message between two endpoints) travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flight {
    /// The message's row.
    pub event: EventIndex,
    /// The first message of the segments sent together with it (the branches of its `par`
    /// block: all sent before any arrives); itself when sent alone.
    pub group: EventIndex,
    /// The row after which it arrives: the end of its `par` block, else its own row.
    pub arrives: EventIndex,
    /// Lost (`-x`, `--x`): sent, never received.
    pub lost: bool,
    /// Old (`(old duplicate)`, `(delayed)`): sent before the rows drawn, it only arrives.
    pub old: bool,
}

/// A timer netfig inferred, running on one endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timer {
    /// The participant's index.
    pub participant: usize,
    /// Its name (`2MSL`).
    pub name: String,
    /// When it was (last) started.
    pub from: Moment,
    /// When it expired.
    pub to: Moment,
}

/// A finding marked on the drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The row at fault (a message or a note).
    pub event: EventIndex,
    /// The participant it is about, where the row has several (a claim on `Note over A,B`).
    pub participant: Option<usize>,
    /// Its code (`E-TCPX-002`).
    pub code: String,
    /// Its message.
    pub message: String,
}

/// Everything the ladder adds to a sequence diagram.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ladder {
    /// Per participant, in participant order: the states written beside its lifeline, in
    /// time order.
    pub lanes: Vec<Vec<StateMark>>,
    /// Per segment, in row order.
    pub flights: Vec<Flight>,
    /// The timers netfig inferred.
    pub timers: Vec<Timer>,
    /// The findings to mark, in source order.
    pub findings: Vec<Finding>,
}
