//! Checks a [`Definition`] against the RFC 9293 reference: every claimed transition must be in
//! it with the right actions; `scope: figure`/`full` also require completeness and reachability.

use super::blame::{self, Blame, Gaps, Triple};
use super::codes;
use super::names::{Action, Event, State};
use super::reference::{self, actions_text, Origin, RefTransition, Scope};
use super::syntax::{Definition, Names, TransitionDef};
use crate::diagnostic::{Diagnostic, Span};

/// All findings for `def` (the parse diagnostics are not repeated).
pub fn check(def: &Definition) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let claims: Vec<Option<Triple>> = def
        .transitions
        .iter()
        .map(|t| Some((t.from.id?, t.event.id?, t.to.id?)))
        .collect();
    let claimed: Vec<Triple> = claims.iter().flatten().copied().collect();
    let gaps = gaps(def.scope, &claimed);
    diags.extend(blame::duplicates(&def.transitions, &claims, &gaps));
    let wrong: Vec<(usize, Triple)> = claims
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.map(|c| (i, c)))
        .filter(|(_, (f, e, t))| reference::find(*f, *e, *t).is_empty())
        .collect();
    let fixes = blame::assign_fixes(&wrong, &gaps);
    // Required gaps no wrong claim explains: a legal claim one value away may stand for one.
    let free: Vec<&'static RefTransition> = gaps
        .required
        .iter()
        .copied()
        .filter(|r| !fixes.iter().any(|(_, f)| std::ptr::eq(f.1, *r)))
        .collect();
    for (index, t) in def.transitions.iter().enumerate() {
        let Some(claim) = claims[index] else {
            continue;
        };
        if claims[..index].contains(&Some(claim)) {
            continue; // reported as a duplicate; its first listing is checked
        }
        let (from, event, to) = claim;
        let found = reference::find(from, event, to);
        if found.is_empty() {
            let fix = fixes.iter().find(|(i, _)| *i == index).map(|(_, f)| *f);
            diags.push(blame::not_in_reference(t, claim, &claimed, fix));
            continue;
        }
        if let Some(d) = excluded(def, t, &found) {
            diags.push(d);
            continue;
        }
        let actions = t.action.as_ref().and_then(|list| list.resolved());
        match (&t.action, actions) {
            (Some(list), Some(claimed))
                if !found.iter().any(|r| same_actions(r.actions, &claimed)) =>
            {
                let fix = blame::fix_keeping_actions(claim, &claimed, &free);
                // Quoted as written: the order is the author's, not the sorted one.
                let written = list.as_written().unwrap_or(claimed);
                diags.push(wrong_action(t, list.span, &written, &found, fix));
            }
            (_, claimed) if !found.iter().any(|r| r.required_in(def.scope)) => {
                let actions = claimed.unwrap_or_else(|| sorted(found[0].actions));
                if let Some(fix) = blame::fix_keeping_actions(claim, &actions, &free) {
                    diags.push(stand_in(def, t, fix));
                }
            }
            _ => {}
        }
    }
    if def.scope != Scope::Partial {
        for r in &gaps.required {
            diags.push(missing_transition(def, r));
        }
        unreachable(def, &mut diags);
    }
    glossary(def, &mut diags);
    diags
}

/// E-TCP-017 at a claim every reference version of which has a condition `follows:` excludes.
fn excluded(def: &Definition, t: &TransitionDef, found: &[&RefTransition]) -> Option<Diagnostic> {
    let follows = def.follows.as_ref()?;
    let condition = |r: &RefTransition| {
        r.conditions
            .iter()
            .copied()
            .find(|c| follows.value.excludes(*c))
    };
    let c = found
        .iter()
        .map(|r| condition(r))
        .collect::<Option<Vec<_>>>()?[0];
    let (from, event) = (found[0].from, found[0].event);
    let mut d = Diagnostic::error(
        codes::EXCLUDED_BY_FOLLOWS,
        t.to.span,
        format!(
            "`{} --{}--> {}` applies only under `{}` (RFC 9293 {}), which `follows: {}` excludes",
            t.from.text,
            t.event.text,
            t.to.text,
            c.short().en,
            c.section(),
            follows.value.name()
        ),
    );
    if let Some((section, text)) = reference::no_change(from, event) {
        d = d.with_hint(format!("RFC 9293 {section}: {text}"));
    }
    Some(d.with_hint("or drop `follows:` to accept either handling"))
}

/// The required transitions nobody claims, and the unlisted alternatives when some are listed.
fn gaps(scope: Scope, claimed: &[Triple]) -> Gaps {
    let unclaimed = |r: &&RefTransition| !claimed.contains(&(r.from, r.event, r.to));
    let table = reference::transitions();
    let alternatives = || table.iter().filter(|r| r.origin == Origin::Alternative);
    let lists_some = alternatives().any(|r| !unclaimed(&r));
    Gaps {
        required: table
            .iter()
            .filter(|r| r.required_in(scope))
            .filter(unclaimed)
            .collect(),
        alternatives: if lists_some {
            alternatives().filter(unclaimed).collect()
        } else {
            Vec::new()
        },
    }
}

fn sorted(actions: &[Action]) -> Vec<Action> {
    let mut a = actions.to_vec();
    a.sort_unstable();
    a
}

fn same_actions(reference: &[Action], claimed: &[Action]) -> bool {
    sorted(reference) == claimed
}

/// E-TCP-007 at a legal claim the scope does not require, one value away from a required
/// transition that is missing (with the same actions): most likely that transition, mistyped.
fn stand_in(
    def: &Definition,
    t: &TransitionDef,
    (blame, r): (Blame, &RefTransition),
) -> Diagnostic {
    Diagnostic::error(
        codes::MISSING_TRANSITION,
        blame.span(t),
        format!(
            "`scope: {}` requires `{}`, which is missing; `{} --{}--> {}` (legal, but not required) \
             differs from it in one value",
            def.scope.name(),
            r.describe(),
            t.from.text,
            t.event.text,
            t.to.text
        ),
    )
    .with_hint(format!("did you mean {}?", cite(r)))
}

pub(crate) fn cite(r: &RefTransition) -> String {
    let mut text = format!("{} (RFC 9293 {}", r.describe(), r.section);
    for c in r.conditions {
        text.push_str(&format!("; {}, {}", c.text().en, c.section()));
    }
    text.push(')');
    text
}

/// At most four citations, then a count, so hints stay readable.
pub(crate) fn cite_all(list: &[&RefTransition]) -> String {
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

/// E-TCP-005 at the actions, or — when a missing required transition one value away has exactly
/// these actions — at that value.
fn wrong_action(
    t: &TransitionDef,
    span: Span,
    claimed: &[Action],
    found: &[&RefTransition],
    fix: Option<(Blame, &RefTransition)>,
) -> Diagnostic {
    let span = fix.map_or(span, |(b, _)| b.span(t));
    let expected: Vec<String> = found.iter().map(|r| actions_text(r.actions)).collect();
    let mut message = format!(
        "wrong action for `{} --{}--> {}`: RFC 9293 says `{}`, not `{}`",
        t.from.text,
        t.event.text,
        t.to.text,
        expected.join("` or `"),
        actions_text(claimed)
    );
    if let Some((_, r)) = fix {
        message.push_str(&format!(
            "; or this value is wrong: `{}` has these actions and is missing",
            r.describe()
        ));
    }
    let mut d = Diagnostic::error(codes::WRONG_ACTION, span, message);
    let two_segments = claimed.contains(&Action::SndSyn) && claimed.contains(&Action::SndAck);
    if two_segments && found.iter().any(|r| r.actions.contains(&Action::SndSynAck)) {
        d = d.with_hint("SYN and ACK go in one segment: write `snd SYN,ACK`");
    }
    for r in found {
        d = d.with_hint(cite(r));
    }
    d
}

fn missing_transition(def: &Definition, r: &RefTransition) -> Diagnostic {
    let span = def.scope_span.unwrap_or(def.transitions_span);
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
    ))
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
    fn transitions_differing_only_by_condition_are_all_accepted() {
        let src = "machine: tcp\ntransitions:\n  - { from: SYN-RECEIVED, event: rcv RST, action: x, to: LISTEN }\n  - { from: SYN-RECEIVED, event: rcv RST, action: delete TCB, to: CLOSED }\n  - { from: TIME-WAIT, event: rcv SYN, action: snd SYN/ACK, to: SYN-RECEIVED }\n  - { from: TIME-WAIT, event: rcv SYN, action: [snd RST, delete TCB], to: CLOSED }\n  - { from: FIN-WAIT-1, event: rcv FIN, action: snd ACK, to: CLOSING }\n  - { from: FIN-WAIT-1, event: rcv FIN + ACK of FIN, action: snd ACK, to: TIME-WAIT }\n";
        assert!(codes_of(src).is_empty(), "{:?}", check_source(src));
    }

    #[test]
    fn hints_cite_the_conditions_with_their_sections() {
        let src =
            "machine: tcp\ntransitions:\n  - { from: SYN-SENT, event: rcv RST, to: LISTEN }\n";
        let d = &check_source(src)[0];
        assert_eq!(d.code, codes::NOT_IN_REFERENCE);
        let hints = d.hints.join("\n");
        assert!(
            hints.contains("SYN-SENT --rcv RST / delete TCB--> CLOSED (RFC 9293 3.10.7.3; only if the RST's ACK acknowledges our SYN"),
            "{hints}"
        );
    }

    #[test]
    fn the_old_fin_ack_name_warns_and_keeps_its_meaning() {
        let src = "machine: tcp\ntransitions:\n  - { from: FIN-WAIT-1, event: \"rcv FIN,ACK\", action: snd ACK, to: TIME-WAIT }\n";
        let diags = check_source(src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, codes::DEPRECATED_NAME);
        assert_eq!(
            &src[diags[0].span.start..diags[0].span.end],
            "\"rcv FIN,ACK\""
        );
        assert_eq!(diags[0].hints, ["did you mean `rcv FIN + ACK of FIN`?"]);
        // Still FIN-WAIT-1 -> TIME-WAIT only: CLOSING is `rcv FIN`'s.
        let src = src.replace("TIME-WAIT }", "CLOSING }");
        assert!(codes_of(&src).contains(&codes::NOT_IN_REFERENCE));
    }

    #[test]
    fn wrong_actions_are_quoted_in_the_order_written_and_expected_in_the_rfc_order() {
        let src = "machine: tcp\ntransitions:\n  - { from: ESTABLISHED, event: ABORT, action: [snd ACK, delete TCB], to: CLOSED }\n";
        let d = &check_source(src)[0];
        assert_eq!(d.code, codes::WRONG_ACTION);
        assert!(
            d.message
                .ends_with("RFC 9293 says `snd RST, delete TCB`, not `snd ACK, delete TCB`"),
            "{}",
            d.message
        );
        // Sets are compared: the RFC's actions in another order are right.
        let src = src.replace("snd ACK, delete TCB", "delete TCB, snd RST");
        assert!(codes_of(&src).is_empty());
    }

    #[test]
    fn follows_says_which_handling_of_a_syn_the_definition_describes() {
        let reset = "transitions:\n  - { from: TIME-WAIT, event: rcv SYN, action: [snd RST, delete TCB], to: CLOSED }\n";
        assert!(codes_of(&format!("machine: tcp\n{reset}")).is_empty());
        assert!(codes_of(&format!("machine: tcp\nfollows: rfc793\n{reset}")).is_empty());
        let src = format!("machine: tcp\nfollows: rfc5961\n{reset}");
        let d = &check_source(&src)[0];
        assert_eq!(d.code, codes::EXCLUDED_BY_FOLLOWS);
        assert_eq!(&src[d.span.start..d.span.end], "CLOSED");
        assert!(d.hints[0].contains("challenge ACK"), "{:?}", d.hints);
        // MAY-2 is no RFC 793 rule: accepted under either.
        let may2 = "machine: tcp\nfollows: rfc5961\ntransitions:\n  - { from: TIME-WAIT, event: rcv SYN, action: snd SYN/ACK, to: SYN-RECEIVED }\n";
        assert!(codes_of(may2).is_empty());
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
