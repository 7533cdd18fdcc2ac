//! Reading the values of a transition: state, event and action names, resolved through the
//! aliases in [`super::names`], with did-you-mean hints for unknown ones.

use super::codes;
use super::condition::Handling;
use super::definition::{ActionList, Located, Written};
use super::names::{is_flag, Action, Event, State};
use super::syntax::scalar;
use super::tree::{Kind, Node};
use crate::diagnostic::{Diagnostic, Span};

pub(crate) fn state_name(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Written<State>> {
    let text = scalar(node, "state", diags)?;
    let id = State::parse(text);
    if id.is_none() {
        let mut d = Diagnostic::error(
            codes::UNKNOWN_STATE,
            node.span,
            format!("unknown state `{text}`"),
        );
        if let Some(s) = State::suggest(text) {
            d = d.with_hint(format!("did you mean `{}`?", s.name()));
        }
        let all: Vec<&str> = State::ALL.iter().map(|s| s.name()).collect();
        diags.push(d.with_hint(format!("RFC 9293 states: {}", all.join(", "))));
    }
    Some(Written {
        text: text.to_string(),
        id,
        span: node.span,
    })
}

pub(crate) fn unknown_event(text: &str) -> (&'static str, String, Vec<String>) {
    let mut hints = Vec::new();
    let bare_ack = Event::parse(&format!("{text} of SYN")) == Some(Event::RcvAckOfSyn);
    if bare_ack {
        // Textbooks often write just "rcv ACK"; Figure 5 says which segment is acknowledged.
        hints.push(
            "say what is acknowledged: `rcv ACK of SYN` (SYN-RECEIVED) or `rcv ACK of FIN` \
             (FIN-WAIT-1, CLOSING, LAST-ACK)"
                .to_string(),
        );
    } else if let Some(e) = Event::suggest(text) {
        hints.push(format!("did you mean `{}`?", e.name()));
    }
    let all: Vec<&str> = Event::ALL.iter().map(|e| e.name()).collect();
    hints.push(format!("events: {}", all.join("; ")));
    (
        codes::UNKNOWN_EVENT,
        format!("unknown event `{text}`"),
        hints,
    )
}

pub(crate) fn unknown_action(text: &str) -> (&'static str, String, Vec<String>) {
    let mut hints = Vec::new();
    if let Some(a) = Action::suggest(text) {
        hints.push(format!("did you mean `{}`?", a.name()));
    }
    let all: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
    hints.push(format!("actions: {}; `x` for none", all.join("; ")));
    (
        codes::UNKNOWN_ACTION,
        format!("unknown action `{text}`"),
        hints,
    )
}

/// `follows: rfc5961` or `follows: rfc793`.
pub(crate) fn follows(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Located<Handling>> {
    let text = scalar(node, "follows", diags)?;
    match Handling::parse(text) {
        Some(value) => Some(Located {
            value,
            span: node.span,
        }),
        None => {
            diags.push(
                Diagnostic::error(
                    codes::INVALID_VALUE,
                    node.span,
                    format!("unknown handling `{text}`"),
                )
                .with_hint(
                    "`follows: rfc5961` (a SYN in a synchronized state gets a challenge ACK) or \
                     `follows: rfc793` (an in-window SYN gets a reset); RFC 9293 3.10.7.4",
                ),
            );
            None
        }
    }
}

pub(crate) fn event_name(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Written<Event>> {
    let text = scalar(node, "event", diags)?;
    let id = Event::parse(text);
    if id.is_none() {
        let (code, message, hints) = unknown_event(text);
        let mut d = Diagnostic::error(code, node.span, message);
        d.hints = hints;
        diags.push(d);
    } else if let Some((event, why)) = Event::deprecated(text) {
        diags.push(
            Diagnostic::warning(
                codes::DEPRECATED_NAME,
                node.span,
                format!("`{text}` is a deprecated name of `{}`: {why}", event.name()),
            )
            .with_hint(format!("did you mean `{}`?", event.name())),
        );
    }
    Some(Written {
        text: text.to_string(),
        id,
        span: node.span,
    })
}

/// `action:` as a list, or one string with `;` between actions. An empty value (`action:`,
/// `[]`, `""`) is an explicit "no action", like `x`.
pub(crate) fn action_list(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<ActionList> {
    let mut pieces: Vec<(String, Span)> = Vec::new();
    match &node.kind {
        Kind::Null => {}
        Kind::Scalar(_) => pieces.extend(split_actions(node)),
        Kind::Seq(items) => {
            for item in items {
                match item.kind {
                    Kind::Scalar(_) => pieces.extend(split_actions(item)),
                    _ => diags.push(Diagnostic::error(
                        codes::INVALID_VALUE,
                        item.span,
                        format!(
                            "an action is a name like `snd SYN`, found {}",
                            item.kind_name()
                        ),
                    )),
                }
            }
        }
        _ => {
            diags.push(
                Diagnostic::error(
                    codes::INVALID_VALUE,
                    node.span,
                    format!(
                        "`action` is a name or a list of names, found {}",
                        node.kind_name()
                    ),
                )
                .with_hint("write `x` for no action, or leave `action` out to skip checking it"),
            );
            return None;
        }
    }
    let mut items = Vec::new();
    for (text, span) in pieces {
        let id = Action::parse(&text);
        if id.is_none() {
            let (code, message, hints) = unknown_action(&text);
            let mut d = Diagnostic::error(code, span, message);
            d.hints = hints;
            diags.push(d);
        }
        items.push(Written { text, id, span });
    }
    if items.len() > 1 && items.iter().any(|i| i.id == Some(None)) {
        diags.push(
            Diagnostic::error(
                codes::INVALID_VALUE,
                node.span,
                "`x` means no action and cannot be combined with actions",
            )
            .with_hint("remove `x`"),
        );
        return None;
    }
    Some(ActionList {
        span: node.span,
        items,
    })
}

/// Splits `create TCB; snd SYN` (or `create TCB, snd SYN`) into actions, with sub-spans when
/// the source text is the value itself. A comma before a bare flag does not split: `snd SYN,ACK`
/// and `snd SYN, ACK` are one action.
fn split_actions(node: &Node) -> Vec<(String, Span)> {
    let text = node.as_str().unwrap_or_default();
    let exact = node.span.end - node.span.start == text.len();
    // Byte ranges between separators; a bare flag joins the range before it.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let cut = |start: usize, end: usize, sep: char, ranges: &mut Vec<(usize, usize)>| {
        let piece = &text[start..end];
        match ranges.last_mut() {
            Some(last) if sep != ';' && is_flag(piece) => last.1 = end,
            _ => ranges.push((start, end)),
        }
    };
    let mut sep = ';';
    for (i, c) in text.char_indices() {
        if matches!(c, ';' | ',' | '，' | '、' | '；') {
            cut(start, i, sep, &mut ranges);
            sep = if matches!(c, ';' | '；') { ';' } else { ',' };
            start = i + c.len_utf8();
        }
    }
    cut(start, text.len(), sep, &mut ranges);
    let mut out = Vec::new();
    for (a, b) in ranges {
        let piece = &text[a..b];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            continue;
        }
        let span = if exact {
            let s = node.span.start + a + lead;
            Span::new(s, s + trimmed.len())
        } else {
            node.span
        };
        out.push((trimmed.to_string(), span));
    }
    out
}
