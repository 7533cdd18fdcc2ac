//! Checks a [`Definition`] against the RFC 9293 reference: every claimed transition must be in
//! it with the right actions; `scope: figure`/`full` also require completeness and reachability.

use super::codes;
use super::names::{Action, Event, State};
use super::reference::{self, actions_text, describe_path, Origin, RefTransition, Scope};
use super::syntax::{Definition, Names, TransitionDef};
use crate::diagnostic::{Diagnostic, Span};

/// All findings for `def` (the parse diagnostics are not repeated).
pub fn check(def: &Definition) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let table = reference::transitions();
    let mut covered = vec![false; table.len()];
    let mut seen: Vec<((State, Event, State), usize)> = Vec::new();
    let claimed: Vec<(State, Event, State)> = def
        .transitions
        .iter()
        .filter_map(|t| Some((t.from.id?, t.event.id?, t.to.id?)))
        .collect();
    for (index, t) in def.transitions.iter().enumerate() {
        let (Some(from), Some(event), Some(to)) = (t.from.id, t.event.id, t.to.id) else {
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == (from, event, to)) {
            diags.push(
                Diagnostic::error(
                    codes::DUPLICATE_TRANSITION,
                    Span::new(t.span.start, t.span.start),
                    format!(
                        "duplicate transition `{} --{}--> {}`",
                        t.from.text, t.event.text, t.to.text
                    ),
                )
                .with_hint(format!(
                    "the same transition is item {} of `transitions`; keep one",
                    first + 1
                )),
            );
            continue;
        }
        seen.push(((from, event, to), index));
        let found = reference::find(from, event, to);
        if found.is_empty() {
            diags.push(not_in_reference(t, (from, event, to), &claimed));
            continue;
        }
        for r in &found {
            if let Some(i) = table.iter().position(|x| std::ptr::eq(x, *r)) {
                covered[i] = true;
            }
        }
        if let Some(list) = &t.action {
            if let Some(claimed) = list.resolved() {
                if !found.iter().any(|r| same_actions(r.actions, &claimed)) {
                    diags.push(wrong_action(t, list.span, &claimed, &found));
                }
            }
        }
    }
    if def.scope != Scope::Partial {
        missing(def, &covered, &mut diags);
        unreachable(def, &mut diags);
    }
    glossary(def, &mut diags);
    diags
}

fn same_actions(reference: &[Action], claimed: &[Action]) -> bool {
    let mut r = reference.to_vec();
    r.sort_unstable();
    r == claimed
}

fn cite(r: &RefTransition) -> String {
    match r.condition {
        Some(c) => format!("{} (RFC 9293 {}; {c})", r.describe(), r.section),
        None => format!("{} (RFC 9293 {})", r.describe(), r.section),
    }
}

/// At most four citations, then a count, so hints stay readable.
fn cite_all(list: &[&RefTransition]) -> String {
    const SHOWN: usize = 4;
    let mut text = list
        .iter()
        .take(SHOWN)
        .map(|r| cite(r))
        .collect::<Vec<_>>()
        .join("; ");
    if list.len() > SHOWN {
        text.push_str(&format!("; and {} more", list.len() - SHOWN));
    }
    text
}

/// Which value of a claimed transition a finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Blame {
    To,
    Event,
    From,
    Unhandled,
}

fn not_in_reference(
    t: &TransitionDef,
    (from, event, to): (State, Event, State),
    claimed: &[(State, Event, State)],
) -> Diagnostic {
    let table = reference::transitions();
    let outcomes = reference::outcomes(from, event);
    let by_event: Vec<&RefTransition> = table
        .iter()
        .filter(|r| r.from == from && r.to == to && r.origin != Origin::Alternative)
        .collect();
    let mut by_from: Vec<&RefTransition> = table
        .iter()
        .filter(|r| r.event == event && r.to == to && r.origin != Origin::Alternative)
        .collect();
    if by_from.is_empty() {
        // Only a permitted alternative leads there (a RST sender entering TIME-WAIT): still
        // the right advice when the source state is the mistake.
        by_from = table
            .iter()
            .filter(|r| r.event == event && r.to == to)
            .collect();
    }
    let claim = format!("{} --{}--> {}", t.from.text, t.event.text, t.to.text);
    // Blame the value a one-field fix would change. Candidates in order: the target (the usual
    // mistake is a wrong "leads to"), the event, the source state; a fix that yields a
    // transition the definition already lists elsewhere is less likely than one that fills a gap.
    let fills_gap = |list: &[&RefTransition]| {
        list.iter()
            .any(|r| !claimed.contains(&(r.from, r.event, r.to)))
    };
    let candidates = [
        (Blame::To, &outcomes),
        (Blame::Event, &by_event),
        (Blame::From, &by_from),
    ];
    let blame = candidates
        .iter()
        .find(|(_, list)| fills_gap(list))
        .or_else(|| candidates.iter().find(|(_, list)| !list.is_empty()))
        .map_or(Blame::Unhandled, |(b, _)| *b);
    let (span, message) = match blame {
        Blame::To => {
            let targets: Vec<&str> = outcomes.iter().map(|r| r.to.name()).collect();
            (
                t.to.span,
                format!(
                    "`{claim}` is not in RFC 9293: {} in {} leads to {}",
                    event.name(),
                    from.name(),
                    targets.join(" or ")
                ),
            )
        }
        Blame::Event => (
            t.event.span,
            format!(
                "`{claim}` is not in RFC 9293: {} reaches {} on another event",
                from.name(),
                to.name()
            ),
        ),
        Blame::From => (
            t.from.span,
            format!(
                "`{claim}` is not in RFC 9293: {} leads to {} from another state",
                event.name(),
                to.name()
            ),
        ),
        Blame::Unhandled => (
            t.event.span,
            format!(
                "`{claim}` is not in RFC 9293: {} does not handle {}",
                from.name(),
                event.name()
            ),
        ),
    };
    let mut d = Diagnostic::error(codes::NOT_IN_REFERENCE, span, message);
    if let Some((section, text)) = reference::no_change(from, event) {
        d = d.with_hint(format!("RFC 9293 {section}: {text}"));
    }
    if !outcomes.is_empty() {
        d = d.with_hint(format!(
            "{} in {}: {}",
            event.name(),
            from.name(),
            cite_all(&outcomes)
        ));
    }
    if !by_event.is_empty() {
        d = d.with_hint(format!(
            "{} → {} happens on: {}",
            from.name(),
            to.name(),
            cite_all(&by_event)
        ));
    }
    if !by_from.is_empty() {
        d = d.with_hint(format!(
            "{} leads to {} from: {}",
            event.name(),
            to.name(),
            cite_all(&by_from)
        ));
    }
    if outcomes.is_empty() && by_event.is_empty() && by_from.is_empty() {
        let handled: Vec<&RefTransition> = table
            .iter()
            .filter(|r| r.from == from && r.origin != Origin::Alternative)
            .collect();
        if handled.is_empty() {
            d = d.with_hint(format!("{} has no transitions in RFC 9293", from.name()));
        } else {
            d = d.with_hint(format!("{} handles: {}", from.name(), cite_all(&handled)));
        }
    }
    let entries = reference::entries(to);
    if to != from && !entries.is_empty() && by_event.is_empty() {
        d = d.with_hint(format!(
            "{} is entered by: {}",
            to.name(),
            cite_all(&entries)
        ));
    }
    if let Some(path) = reference::shortest_path(from, to) {
        if path.len() > 1 {
            d = d.with_hint(format!("shortest legal path: {}", describe_path(&path)));
        }
    }
    d
}

fn wrong_action(
    t: &TransitionDef,
    span: Span,
    claimed: &[Action],
    found: &[&RefTransition],
) -> Diagnostic {
    let expected: Vec<String> = found.iter().map(|r| actions_text(r.actions)).collect();
    let mut d = Diagnostic::error(
        codes::WRONG_ACTION,
        span,
        format!(
            "wrong action for `{} --{}--> {}`: RFC 9293 says `{}`, not `{}`",
            t.from.text,
            t.event.text,
            t.to.text,
            expected.join("` or `"),
            actions_text(claimed)
        ),
    );
    for r in found {
        d = d.with_hint(cite(r));
    }
    d
}

fn missing(def: &Definition, covered: &[bool], diags: &mut Vec<Diagnostic>) {
    let span = def.scope_span.unwrap_or(def.transitions_span);
    for (r, done) in reference::transitions().iter().zip(covered) {
        if *done || !r.required_in(def.scope) {
            continue;
        }
        diags.push(
            Diagnostic::error(
                codes::MISSING_TRANSITION,
                span,
                format!(
                    "missing transition `{}` (RFC 9293 {}), required by `scope: {}`",
                    r.describe(),
                    r.section,
                    def.scope.name()
                ),
            )
            .with_hint(format!(
                "add `- {{ from: {}, event: {}, action: {}, to: {} }}`",
                r.from.name(),
                yaml_text(r.event.name()),
                yaml_text(&actions_text(r.actions).replace(", ", "; ")),
                r.to.name()
            )),
        );
    }
}

/// A value quoted if a flow mapping would split it.
fn yaml_text(text: &str) -> String {
    if text.contains([',', ':', '#', '{', '}', '[', ']']) {
        format!("\"{text}\"")
    } else {
        text.to_string()
    }
}

fn unreachable(def: &Definition, diags: &mut Vec<Diagnostic>) {
    // First appearance of each state, in source order.
    let mut states: Vec<(State, Span, &str)> = Vec::new();
    let appearances = def
        .states
        .iter()
        .map(|d| &d.state)
        .chain(def.transitions.iter().flat_map(|t| [&t.from, &t.to]));
    for w in appearances {
        if let Some(id) = w.id {
            if !states.iter().any(|(s, _, _)| *s == id) {
                states.push((id, w.span, w.text.as_str()));
            }
        }
    }
    let mut reached = vec![State::Closed];
    let mut i = 0;
    while i < reached.len() {
        let at = reached[i];
        for t in &def.transitions {
            if let (Some(f), Some(_), Some(to)) = (t.from.id, t.event.id, t.to.id) {
                if f == at && !reached.contains(&to) {
                    reached.push(to);
                }
            }
        }
        i += 1;
    }
    for (state, span, text) in states {
        if reached.contains(&state) {
            continue;
        }
        let mut d = Diagnostic::error(
            codes::UNREACHABLE_STATE,
            span,
            format!("state `{text}` cannot be reached from CLOSED"),
        );
        let entries = reference::entries(state);
        if !entries.is_empty() {
            d = d.with_hint(format!(
                "RFC 9293 enters {} by: {}",
                state.name(),
                cite_all(&entries)
            ));
        }
        diags.push(d);
    }
}

fn glossary(def: &Definition, diags: &mut Vec<Diagnostic>) {
    for d in &def.states {
        if let Some(id) = d.state.id {
            contradicts(
                &d.names,
                id.name(),
                id.glossary().zh,
                |t| {
                    State::parse(t)
                        .filter(|s| *s != id)
                        .map(|s| (s.name(), s.glossary().zh))
                },
                diags,
            );
        }
    }
    for d in &def.events {
        if let Some(id) = d.item.id {
            contradicts(
                &d.names,
                id.name(),
                id.glossary().zh,
                |t| {
                    Event::parse(t)
                        .filter(|e| *e != id)
                        .map(|e| (e.name(), e.glossary().zh))
                },
                diags,
            );
        }
    }
    for d in &def.actions {
        if let Some(id) = d.item.id {
            contradicts(
                &d.names,
                id.name(),
                id.glossary().zh,
                |t| {
                    Action::parse(t)
                        .flatten()
                        .filter(|a| *a != id)
                        .map(|a| (a.name(), a.glossary().zh))
                },
                diags,
            );
        }
    }
}

/// Warns when an override is the built-in name of something else.
fn contradicts(
    names: &Names,
    this: &str,
    this_zh: &str,
    other: impl Fn(&str) -> Option<(&'static str, &'static str)>,
    diags: &mut Vec<Diagnostic>,
) {
    for located in [&names.en, &names.zh].into_iter().flatten() {
        if let Some((other_en, other_zh)) = other(&located.value) {
            diags.push(
                Diagnostic::warning(
                    codes::GLOSSARY_CONTRADICTION,
                    located.span,
                    format!(
                        "`{}` names {other_en} ({other_zh}) in the glossary, not {this}",
                        located.value
                    ),
                )
                .with_hint(format!("the glossary calls {this} `{this_zh}`")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tcp::{check_source, codes};

    fn codes_of(src: &str) -> Vec<&'static str> {
        check_source(src).iter().map(|d| d.code).collect()
    }

    #[test]
    fn a_legal_transition_passes_and_actions_are_sets() {
        let src = "machine: tcp\ntransitions:\n  - { from: CLOSED, event: active OPEN, action: [snd SYN, create TCB], to: SYN-SENT }\n";
        assert!(codes_of(src).is_empty());
    }

    #[test]
    fn either_outcome_of_a_rst_sender_is_accepted() {
        for to in ["CLOSED", "TIME-WAIT"] {
            let action = if to == "CLOSED" {
                "[snd RST, delete TCB]"
            } else {
                "snd RST"
            };
            let src = format!("machine: tcp\ntransitions:\n  - {{ from: ESTABLISHED, event: ABORT, action: {action}, to: {to} }}\n");
            assert!(codes_of(&src).is_empty(), "{to}");
        }
    }

    #[test]
    fn the_value_to_fix_is_blamed() {
        let src = "machine: tcp\ntransitions:\n  - { from: FIN-WAIT-1, event: rcv ACK of FIN, to: TIME-WAIT }\n";
        let d = &check_source(src)[0];
        assert_eq!(d.code, codes::NOT_IN_REFERENCE);
        assert_eq!(&src[d.span.start..d.span.end], "TIME-WAIT");
        let src = "machine: tcp\ntransitions:\n  - { from: LISTEN, event: rcv ACK of FIN, to: TIME-WAIT }\n";
        let d = &check_source(src)[0];
        assert_eq!(&src[d.span.start..d.span.end], "LISTEN");
        assert!(d
            .hints
            .iter()
            .any(|h| h.contains("CLOSING --rcv ACK of FIN")));
    }

    #[test]
    fn partial_scope_skips_completeness_and_reachability() {
        let src = "machine: tcp\ntransitions:\n  - { from: TIME-WAIT, event: timeout 2MSL, to: CLOSED }\n";
        assert!(codes_of(src).is_empty());
        let src = format!("scope: full\n{src}");
        let codes = codes_of(&src);
        assert_eq!(
            codes
                .iter()
                .filter(|c| **c == codes::MISSING_TRANSITION)
                .count(),
            53
        );
        assert!(codes.contains(&codes::UNREACHABLE_STATE));
    }
}
