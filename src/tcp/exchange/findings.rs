//! Where findings point and what their hints say: spans narrowed to the item at fault (the
//! `ack=u+1` in a message, the state name in a note), line numbers for hints, and the reference
//! read back in RFC words.

use crate::diagnostic::{Diagnostic, Span};
use crate::tcp::names::{Action, Event, State};
use crate::tcp::reference::{self, RefTransition};

/// Points into the source a sequence diagram was read from.
pub(super) struct Locator<'s> {
    source: &'s str,
    /// The byte offset of every `\n`, in order (a line is found by binary search: a long
    /// exchange asks for a line at every row).
    newlines: Vec<usize>,
}

impl<'s> Locator<'s> {
    pub(super) fn new(source: &'s str) -> Self {
        let newlines = source
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i)
            .collect();
        Locator { source, newlines }
    }

    /// The 1-based line `span` starts on.
    pub(super) fn line(&self, span: Span) -> usize {
        let end = span.start.min(self.source.len());
        self.newlines.partition_point(|&n| n < end) + 1
    }

    /// The first `text` inside `span` after its `:` (a message's or note's text), else the
    /// whole span.
    pub(super) fn within(&self, span: Span, text: &str) -> Span {
        let Some(slice) = self.source.get(span.start..span.end) else {
            return span;
        };
        let from = slice.find(':').map_or(0, |i| i + 1);
        if text.is_empty() {
            return span;
        }
        match slice[from..].find(text) {
            Some(at) => {
                let start = span.start + from + at;
                Span::new(start, start + text.len())
            }
            None => span,
        }
    }
}

/// An error with hints.
pub(super) fn error(
    code: &'static str,
    span: Span,
    message: String,
    hints: Vec<String>,
) -> Diagnostic {
    let mut d = Diagnostic::error(code, span, message);
    d.hints = hints;
    d
}

/// `FIN-WAIT-1 --rcv FIN,ACK / snd ACK--> TIME-WAIT`, or why there is no such path.
pub(super) fn way_to(from: State, to: State) -> String {
    match reference::shortest_path(from, to) {
        Some(path) => format!(
            "RFC 9293 reaches {} from {} by {}",
            to.name(),
            from.name(),
            reference::describe_path(&path)
        ),
        None => format!(
            "RFC 9293 has no way from {} to {} within this connection",
            from.name(),
            to.name()
        ),
    }
}

/// The states in which `event` sends `action` (for "a FIN is sent on CLOSE in …").
pub(super) fn states_sending(events: &[Event], action: Action) -> String {
    let mut states: Vec<&str> = Vec::new();
    for r in reference::transitions() {
        if events.contains(&r.event)
            && r.actions.contains(&action)
            && r.origin != reference::Origin::Alternative
            && !states.contains(&r.from.name())
        {
            states.push(r.from.name());
        }
    }
    states.join(", ")
}

/// What the reference does with arrivals in `state`: `rcv SYN, rcv FIN, …`.
pub(super) fn handled_in(state: State) -> String {
    let mut events: Vec<&str> = Vec::new();
    for r in reference::transitions() {
        if r.from == state
            && r.event.name().starts_with("rcv")
            && r.origin != reference::Origin::Alternative
            && !events.contains(&r.event.name())
        {
            events.push(r.event.name());
        }
    }
    if events.is_empty() {
        "nothing".into()
    } else {
        events.join(", ")
    }
}

/// A transition in the RFC's words.
pub(super) fn describe(r: &RefTransition) -> String {
    r.describe()
}
