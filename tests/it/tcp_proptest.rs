//! Arbitrary input and mutated versions of the reference YAML never panic, and every diagnostic
//! span lies inside the text on a character boundary.

use netfig::diagnostic::SourceFile;
use proptest::prelude::*;

fn check_all_spans(text: &str) {
    // `load` runs the whole library path: parse, check, and the resolved machine.
    let (_machine, diags) = netfig::tcp::load(text);
    let file = SourceFile::new("p.yaml", text);
    for d in &diags {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{d:?}"
        );
        let _ = file.render(d);
    }
}

fn reference_lines() -> Vec<String> {
    netfig::tcp::reference::to_yaml()
        .lines()
        .map(str::to_string)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: crate::common::proptest_cases(256), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check_all_spans(&text);
    }

    #[test]
    fn yaml_like_text_never_panics(text in "[-a-zA-Z0-9_:{}\\[\\],#\"' \n时间等待]{0,300}") {
        check_all_spans(&text);
    }

    #[test]
    fn mutated_reference_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..5, "[-a-zA-Z{}\\[\\],: 时]{0,6}"), 1..6)
    ) {
        let mut lines = reference_lines();
        for (at, op, text) in edits {
            let i = at.index(lines.len().max(1));
            match op {
                0 => { if !lines.is_empty() { lines.remove(i); } }
                1 => lines.insert(i, text),
                2 => { if let Some(l) = lines.get_mut(i) { let cut = l.char_indices().nth(l.chars().count() / 2).map_or(0, |(b, _)| b); l.insert_str(cut, &text); } }
                3 => { if let Some(l) = lines.get_mut(i) { let keep: String = l.chars().take(l.chars().count() / 2).collect(); *l = keep; } }
                _ => { if lines.len() > 1 { let j = (i + 1) % lines.len(); lines.swap(i, j); } }
            }
        }
        check_all_spans(&lines.join("\n"));
    }
}

// Structure-aware generation: definitions built from transitions whose values are documented
// spellings, garbage, or values of the wrong type, written in flow, block or deep block style.

use crate::tcp_support;

use netfig::tcp::names::{Action, Event, State};
use netfig::tcp::reference::{self, Scope};
use tcp_support::*;

fn any_state() -> impl Strategy<Value = String> {
    (0..State::ALL.len(), any::<prop::sample::Index>())
        .prop_map(|(s, k)| k.get(state_spellings(State::ALL[s])).to_string())
}

fn any_event() -> impl Strategy<Value = String> {
    (0..Event::ALL.len(), any::<prop::sample::Index>())
        .prop_map(|(e, k)| k.get(event_spellings(Event::ALL[e])).to_string())
}

fn any_action() -> impl Strategy<Value = String> {
    (0..Action::ALL.len(), any::<prop::sample::Index>())
        .prop_map(|(a, k)| k.get(action_spellings(Action::ALL[a])).to_string())
}

/// A value for a state/event key: usually a real name, sometimes garbage or the wrong type.
fn value(name: impl Strategy<Value = String>) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        6 => name.prop_map(|n| Some(Value::Text(n))),
        1 => "[-a-zA-Z0-9 _,:时]{0,12}".prop_map(|g| Some(Value::Text(g))),
        1 => prop::sample::select(vec!["[CLOSED]", "42", "{ a: b }", "~", "true", "[]", "\"\"", "rcv SYN,ACK", "'x'", "*nope", "&a LISTEN"])
            .prop_map(|r| Some(Value::Raw(r.to_string()))),
        1 => Just(None),
    ]
}

fn action_value() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        3 => prop::collection::vec(any_action(), 0..3).prop_map(|l| Some(Value::Action(ActionValue::List(l)))),
        2 => prop::collection::vec(any_action(), 1..3).prop_map(|l| Some(Value::Action(ActionValue::Text(l.join("; "))))),
        1 => prop::sample::select(vec!["x", "none", "X", "-"]).prop_map(|t| Some(Value::Action(ActionValue::Text(t.into())))),
        1 => prop::sample::select(vec!["[snd SYN,ACK]", "{ snd: FIN }", "[x, snd ACK]", "[[a]]", "12"]).prop_map(|r| Some(Value::Raw(r.into()))),
        1 => Just(None),
    ]
}

fn item() -> impl Strategy<Value = Item> {
    (
        value(any_state()),
        value(any_event()),
        action_value(),
        value(any_state()),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(from, event, action, to, rot)| {
            let mut entries: Vec<(String, Value)> = [
                ("from", from),
                ("event", event),
                ("action", action),
                ("to", to),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
            .collect();
            if !entries.is_empty() {
                let n = rot.index(entries.len());
                entries.rotate_left(n);
            }
            Item {
                entries,
                gone: false,
            }
        })
}

fn style() -> impl Strategy<Value = Style> {
    prop::sample::select(STYLES.to_vec())
}

fn scope() -> impl Strategy<Value = Scope> {
    prop::sample::select(vec![Scope::Partial, Scope::Figure, Scope::Full])
}

/// A reference transition in random documented spellings and action order/style.
fn legal_item() -> impl Strategy<Value = Item> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<bool>(),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(r, k, rot, as_text, names)| {
            let r = r.get(reference::transitions());
            let pick = |list: &[&str]| names.get(list).to_string();
            let mut item = Item::of(r);
            item.set("from", Value::Text(pick(state_spellings(r.from))));
            item.set("to", Value::Text(k.get(state_spellings(r.to)).to_string()));
            item.set("event", Value::Text(pick(event_spellings(r.event))));
            let mut acts: Vec<String> = r
                .actions
                .iter()
                .map(|a| k.get(action_spellings(*a)).to_string())
                .collect();
            let n = acts.len();
            acts.rotate_left(rot.index(n.max(1)).min(n));
            let value = match (acts.is_empty(), as_text) {
                (true, true) => ActionValue::Text("x".into()),
                (true, false) => ActionValue::List(Vec::new()),
                (false, true) => ActionValue::Text(acts.join("; ")),
                (false, false) => ActionValue::List(acts),
            };
            item.set("action", Value::Action(value));
            let n = rot.index(item.entries.len());
            item.entries.rotate_left(n);
            item
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: crate::common::proptest_cases(128), ..ProptestConfig::default() })]

    #[test]
    fn generated_definitions_never_panic(items in prop::collection::vec(item(), 0..12), style in style(), scope in scope()) {
        let doc = Doc { scope, style, header: String::new(), items };
        check_all_spans(&doc.write().text);
    }

    #[test]
    fn legal_transitions_in_any_spelling_pass(items in prop::collection::vec(legal_item(), 1..10), style in style()) {
        let mut items = items;
        // The same transition twice is a finding of its own; keep the first.
        let mut seen = Vec::new();
        items.retain(|it| {
            let key = (it.text("from").and_then(State::parse), it.text("event").and_then(Event::parse), it.text("to").and_then(State::parse));
            let new = !seen.contains(&key);
            seen.push(key);
            new
        });
        let doc = Doc { scope: Scope::Partial, style, header: String::new(), items };
        let text = doc.write().text;
        let diags = netfig::tcp::check_source(&text);
        prop_assert!(diags.is_empty(), "{}", render(&text, &diags));
    }

    #[test]
    fn a_claim_outside_the_reference_is_reported_on_its_lines(
        items in prop::collection::vec(legal_item(), 0..8),
        f in 0..State::ALL.len(), e in 0..Event::ALL.len(), t in 0..State::ALL.len(),
        at in any::<prop::sample::Index>(),
        style in style(),
    ) {
        let (f, e, t) = (State::ALL[f], Event::ALL[e], State::ALL[t]);
        prop_assume!(reference::find(f, e, t).is_empty());
        let mut items = items;
        let i = at.index(items.len() + 1);
        items.insert(i, Item::claim(f, e, &[], t));
        let doc = Doc { scope: Scope::Partial, style, header: String::new(), items };
        let written = doc.write();
        let diags = netfig::tcp::check_source(&written.text);
        let lines = written.item_lines(i);
        let hit = located(&written.text, &diags).iter().zip(&diags).any(|((l, _), d)| d.is_error() && lines.contains(l));
        prop_assert!(hit, "want an error on {lines:?}:\n{}", render(&written.text, &diags));
    }
}

/// A value of reference transition `r` changed so the claim leaves RFC 9293 (0 target, 1 source,
/// 2 event): the key changed, or `None` when no such change exists.
fn break_value(
    item: &mut Item,
    r: &reference::RefTransition,
    kind: usize,
    pick: prop::sample::Index,
) -> Option<(&'static str, bool)> {
    let find = reference::find;
    let (key, claim) = match kind {
        0 => {
            let c: Vec<State> = State::ALL
                .into_iter()
                .filter(|s| find(r.from, r.event, *s).is_empty())
                .collect();
            let to = *pick.get(&c);
            item.set("to", Value::Text(to.name().into()));
            ("to", (r.from, r.event, to))
        }
        1 => {
            let c: Vec<State> = State::ALL
                .into_iter()
                .filter(|s| find(*s, r.event, r.to).is_empty())
                .collect();
            let from = *pick.get(&c);
            item.set("from", Value::Text(from.name().into()));
            ("from", (from, r.event, r.to))
        }
        _ => {
            let c: Vec<Event> = Event::ALL
                .into_iter()
                .filter(|e| find(r.from, *e, r.to).is_empty())
                .collect();
            let event = *pick.get(&c);
            item.set("event", Value::Text(event.name().into()));
            ("event", (r.from, event, r.to))
        }
    };
    Some((key, blamed_elsewhere(claim, key)))
}

/// Whether the broken claim `(from, event, to)` is one value away from a reference transition
/// through a key other than `broken` too: then the checker may as rightly blame that key (a
/// `from` changed to TIME-WAIT in `X --ABORT--> TIME-WAIT` reads as TIME-WAIT → TIME-WAIT on the
/// wrong event), and an error anywhere on the item is the right report.
fn blamed_elsewhere((from, event, to): (State, Event, State), broken: &str) -> bool {
    let find = reference::find;
    let by_event = broken != "event"
        && Event::ALL
            .into_iter()
            .any(|e| e != event && !find(from, e, to).is_empty());
    let by_from = broken != "from"
        && State::ALL
            .into_iter()
            .any(|s| s != from && !find(s, event, to).is_empty());
    let by_to = broken != "to"
        && State::ALL
            .into_iter()
            .any(|s| s != to && !find(from, event, s).is_empty());
    by_event || by_from || by_to
}

proptest! {
    #![proptest_config(ProptestConfig { cases: crate::common::proptest_cases(64), ..ProptestConfig::default() })]

    /// Up to three transitions of Figure 5 broken at once: each is reported on its own line.
    #[test]
    fn several_broken_values_are_each_reported_on_their_line(
        picks in prop::collection::vec((any::<prop::sample::Index>(), 0usize..3, any::<prop::sample::Index>()), 1..4),
        style in style(),
        full in any::<bool>(),
    ) {
        let scope = if full { Scope::Full } else { Scope::Figure };
        let mut doc = Doc::reference(scope, style);
        let table = refs(scope);
        let mut wants = Vec::new();
        for (at, kind, pick) in picks {
            let i = at.index(table.len());
            if wants.iter().any(|(j, _, _)| *j == i) {
                continue;
            }
            if let Some((key, elsewhere)) = break_value(&mut doc.items[i], table[i], kind, pick) {
                wants.push((i, key, elsewhere));
            }
        }
        let written = doc.write();
        let diags = netfig::tcp::check_source(&written.text);
        let at = located(&written.text, &diags);
        // Two broken items that now make the same claim are one duplicate: which of them got
        // which value wrong cannot be known, so any error on the item will do.
        let claim = |i: usize| {
            ["from", "event", "to"].map(|k| {
                doc.items[i].entries.iter().find(|(e, _)| e == k).map(|(_, v)| format!("{v:?}"))
            })
        };
        for &(i, key, elsewhere) in &wants {
            let twin = wants.iter().any(|&(j, _, _)| j != i && claim(j) == claim(i));
            let lines = if twin || elsewhere { written.item_lines(i) } else { written.lines_of(i, key) };
            let hit = at.iter().zip(&diags).any(|((l, _), d)| d.is_error() && lines.contains(l));
            prop_assert!(hit, "item {i} `{key}` (lines {lines:?}):\n{}", render(&written.text, &diags));
        }
    }
}
