//! The one generator of mutated TCP definitions: wrong targets, sources, events and actions,
//! deletions, and the broader harmful mutations ([`harmful`], [`tabbed`]) of the reference in
//! each [`Style`], with where each must be reported ([`Want`]); [`run`] checks them.
//! `tests/it/tcp_mutation.rs` (every single mutation) and `tests/it/tcp_mutation_more.rs` (all
//! harmful mutations, sampled) use it.

use super::*;
use netfig::diagnostic::codes;
use netfig::tcp::names::{Action, Event, State};
use netfig::tcp::reference::{self, find, RefTransition, Scope};

/// Where a mutation must be reported.
#[derive(Clone, Debug)]
pub enum Want {
    /// On a line of one of these keys of item `item` (`*` = any line of the item).
    At(usize, Vec<&'static str>),
    /// On the `scope:` line, naming the missing transition.
    Missing(String),
}

pub struct Case {
    pub name: String,
    pub doc: Doc,
    pub wants: Vec<Want>,
    /// Replaces the written text (for tabs): `(line, new text)`.
    pub patch: Option<(usize, String)>,
}

pub fn pick<T: Copy>(list: &[T], seed: usize) -> Option<T> {
    (!list.is_empty()).then(|| list[seed % list.len()])
}

/// A state other than `r.to` that makes the claim illegal.
pub fn wrong_to(r: &RefTransition, seed: usize) -> Option<State> {
    let c: Vec<State> = State::ALL
        .into_iter()
        .filter(|s| find(r.from, r.event, *s).is_empty())
        .collect();
    pick(&c, seed)
}

pub fn wrong_from(r: &RefTransition, seed: usize) -> Option<State> {
    let c: Vec<State> = State::ALL
        .into_iter()
        .filter(|s| find(*s, r.event, r.to).is_empty())
        .collect();
    pick(&c, seed)
}

pub fn wrong_event(r: &RefTransition, seed: usize) -> Option<Event> {
    let c: Vec<Event> = Event::ALL
        .into_iter()
        .filter(|e| find(r.from, *e, r.to).is_empty())
        .collect();
    pick(&c, seed)
}

/// Actions that differ from every legal action set of the transition.
pub fn wrong_actions(r: &RefTransition, seed: usize) -> Vec<Action> {
    let legal: Vec<Vec<Action>> = find(r.from, r.event, r.to)
        .iter()
        .map(|x| sorted(x.actions))
        .collect();
    let mut options: Vec<Vec<Action>> = Action::ALL.iter().map(|a| vec![*a]).collect();
    options.push(Vec::new());
    options.push(vec![Action::SndSyn, Action::SndAck]);
    let c: Vec<Vec<Action>> = options
        .into_iter()
        .filter(|o| !legal.contains(&sorted(o)))
        .collect();
    c[seed % c.len()].clone()
}

pub fn sorted(a: &[Action]) -> Vec<Action> {
    let mut v = a.to_vec();
    v.sort_unstable();
    v
}

/// Applies single mutation number `kind` (0 target, 1 source, 2 event, 3 actions, 4 deletion)
/// to item `i`; returns where it must be reported.
pub fn mutate(doc: &mut Doc, i: usize, r: &RefTransition, kind: usize, seed: usize) -> Want {
    let item = &mut doc.items[i];
    match kind {
        0 => set_state(item, "to", wrong_to(r, seed).unwrap(), seed),
        1 => set_state(item, "from", wrong_from(r, seed).unwrap(), seed),
        2 => item.set(
            "event",
            Value::Text(wrong_event(r, seed).unwrap().name().into()),
        ),
        3 => {
            let acts = wrong_actions(r, seed);
            let list = acts.iter().map(|a| a.name().to_string()).collect();
            item.set("action", Value::Action(ActionValue::List(list)));
        }
        _ => {
            item.gone = true;
            return Want::Missing(r.describe());
        }
    }
    Want::At(i, vec![["to", "from", "event", "action"][kind]])
}

/// Every harmful mutation of `scope`'s reference in `style`.
pub fn harmful(scope: Scope, style: Style) -> Vec<Case> {
    let base = Doc::reference(scope, style);
    let table = refs(scope);
    let n = table.len();
    let mut cases = Vec::new();
    let mut case = |name: String, doc: Doc, wants: Vec<Want>| {
        cases.push(Case {
            name,
            doc,
            wants,
            patch: None,
        })
    };
    for (i, r) in table.iter().enumerate() {
        for seed in 0..3 {
            let mut doc = base.clone();
            set_state(
                &mut doc.items[i],
                "to",
                wrong_to(r, i + seed).unwrap(),
                seed,
            );
            case(
                format!("to#{seed} of {}", r.describe()),
                doc,
                vec![Want::At(i, vec!["to"])],
            );

            let mut doc = base.clone();
            set_state(
                &mut doc.items[i],
                "from",
                wrong_from(r, i + seed).unwrap(),
                seed,
            );
            case(
                format!("from#{seed} of {}", r.describe()),
                doc,
                vec![Want::At(i, vec!["from"])],
            );

            let mut doc = base.clone();
            let e = wrong_event(r, i + seed).unwrap();
            let spelling = event_spellings(e)[seed % event_spellings(e).len()];
            doc.items[i].set("event", Value::Text(spelling.into()));
            case(
                format!("event#{seed} of {}", r.describe()),
                doc,
                vec![Want::At(i, vec!["event"])],
            );

            let mut doc = base.clone();
            let acts = wrong_actions(r, i + seed);
            let value = if acts.is_empty() {
                ActionValue::Text(["x", "none", "X"][seed].into())
            } else {
                ActionValue::List(
                    acts.iter()
                        .map(|a| action_spellings(*a)[seed].to_string())
                        .collect(),
                )
            };
            doc.items[i].set("action", Value::Action(value));
            case(
                format!("action#{seed} of {}", r.describe()),
                doc,
                vec![Want::At(i, vec!["action"])],
            );
        }
        if r.required_in(scope) {
            let mut doc = base.clone();
            doc.items[i].gone = true;
            case(
                format!("deleted {}", r.describe()),
                doc,
                vec![Want::Missing(r.describe())],
            );
        }
        // Double mutation: this transition's target and another one's source.
        let j = (i + n / 2 + 1) % n;
        let mut doc = base.clone();
        set_state(&mut doc.items[i], "to", wrong_to(r, i).unwrap(), i);
        set_state(
            &mut doc.items[j],
            "from",
            wrong_from(table[j], j).unwrap(),
            j,
        );
        case(
            format!(
                "double: to of {} + from of {}",
                r.describe(),
                table[j].describe()
            ),
            doc,
            vec![Want::At(i, vec!["to"]), Want::At(j, vec!["from"])],
        );
        // Two single mutations of any kinds on two transitions.
        let j = (i * 7 + 3) % n;
        let (k1, k2) = (i % 5, (i / 5 + i + 1) % 5);
        let required = |x: &RefTransition, k: usize| k != 4 || x.required_in(scope);
        if j != i && required(r, k1) && required(table[j], k2) {
            let mut doc = base.clone();
            let w1 = mutate(&mut doc, i, r, k1, i + j);
            let w2 = mutate(&mut doc, j, table[j], k2, i * j);
            case(
                format!(
                    "double: kind {k1} of {} + kind {k2} of {}",
                    r.describe(),
                    table[j].describe()
                ),
                doc,
                vec![w1, w2],
            );
        }
        // Double mutation on one transition: wrong event and wrong action.
        let mut doc = base.clone();
        doc.items[i].set(
            "event",
            Value::Text(wrong_event(r, i + 1).unwrap().name().into()),
        );
        doc.items[i].set(
            "action",
            Value::Action(ActionValue::List(vec![
                "snd RST".into(),
                "create TCB".into(),
            ])),
        );
        case(
            format!("double: event+action of {}", r.describe()),
            doc,
            vec![Want::At(i, vec!["event", "action"])],
        );
        // Swapped from/to.
        if r.from != r.to && find(r.to, r.event, r.from).is_empty() {
            let mut doc = base.clone();
            set_state(&mut doc.items[i], "from", r.to, 0);
            set_state(&mut doc.items[i], "to", r.from, 0);
            case(
                format!("swapped {}", r.describe()),
                doc,
                vec![Want::At(i, vec!["from", "to"])],
            );
        }
        // Every state renamed with aliases, and a wrong target.
        let mut doc = base.clone();
        for (k, item) in doc.items.iter_mut().enumerate() {
            let (f, t) = (table[k].from, table[k].to);
            set_state(item, "from", f, k + 1);
            set_state(item, "to", t, k + 2);
        }
        set_state(&mut doc.items[i], "to", wrong_to(r, i + 5).unwrap(), i + 3);
        case(
            format!("aliases + wrong to of {}", r.describe()),
            doc,
            vec![Want::At(i, vec!["to"])],
        );
        // The same transition again in other spellings, after and before the original.
        for before in [false, true] {
            let mut doc = base.clone();
            let mut copy = Item::of(r);
            set_state(&mut copy, "from", r.from, i + 1);
            set_state(&mut copy, "to", r.to, i + 2);
            let ev = event_spellings(r.event);
            copy.set("event", Value::Text(ev[(i + 1) % ev.len()].into()));
            let at = if before { i } else { n };
            doc.items.insert(at, copy);
            case(
                format!("duplicate (before: {before}) of {}", r.describe()),
                doc,
                vec![Want::At(at, vec!["*"])],
            );
        }
        // A required key left out.
        for key in ["from", "event", "to"] {
            let mut doc = base.clone();
            doc.items[i].remove(key);
            case(
                format!("no {key} in {}", r.describe()),
                doc,
                vec![Want::At(i, vec!["*"])],
            );
        }
        // Wrong types.
        for (key, raw) in [
            ("from", "[CLOSED]"),
            ("to", "42"),
            ("event", "{ rcv: FIN }"),
            ("to", "[LISTEN, CLOSED]"),
            ("event", "true"),
        ] {
            let mut doc = base.clone();
            doc.items[i].set(key, Value::Raw(raw.into()));
            case(
                format!("{key}: {raw} in {}", r.describe()),
                doc,
                vec![Want::At(i, vec![key])],
            );
        }
        let mut doc = base.clone();
        doc.items[i].set("action", Value::Raw("{ snd: FIN }".into()));
        case(
            format!("action mapping in {}", r.describe()),
            doc,
            vec![Want::At(i, vec!["action"])],
        );
        // A state spelt close to a real one.
        let name = r.to.name();
        let near = format!(
            "{}{}",
            &name[..name.len() - 1],
            if name.ends_with('D') { "T" } else { "D" }
        );
        let mut doc = base.clone();
        doc.items[i].set("to", Value::Text(near.clone()));
        case(
            format!("near miss `{near}` in {}", r.describe()),
            doc,
            vec![Want::At(i, vec!["to"])],
        );
        // A value changed into another legal one: the transition becomes another RFC transition
        // (a duplicate, or one the scope does not require while the original goes missing).
        for s in State::ALL {
            if s != r.to && !find(r.from, r.event, s).is_empty() {
                let mut doc = base.clone();
                set_state(&mut doc.items[i], "to", s, i);
                case(
                    format!("legal to {s:?} in {}", r.describe()),
                    doc,
                    vec![Want::At(i, vec!["to"])],
                );
            }
            if s != r.from && !find(s, r.event, r.to).is_empty() {
                let mut doc = base.clone();
                set_state(&mut doc.items[i], "from", s, i);
                case(
                    format!("legal from {s:?} in {}", r.describe()),
                    doc,
                    vec![Want::At(i, vec!["from"])],
                );
            }
        }
        for e in Event::ALL {
            if e != r.event && !find(r.from, e, r.to).is_empty() {
                let mut doc = base.clone();
                doc.items[i].set("event", Value::Text(e.name().into()));
                case(
                    format!("legal event {e:?} in {}", r.describe()),
                    doc,
                    vec![Want::At(i, vec!["event"])],
                );
            }
        }
        // An event that is legal only in other states.
        let elsewhere: Vec<Event> = Event::ALL
            .into_iter()
            .filter(|e| *e != r.event && reference::outcomes(r.from, *e).is_empty())
            .filter(|e| table.iter().any(|x| x.event == *e))
            .collect();
        if let Some(e) = pick(&elsewhere, i) {
            let mut doc = base.clone();
            doc.items[i].set("event", Value::Text(e.name().into()));
            case(
                format!("event {} elsewhere in {}", e.name(), r.describe()),
                doc,
                vec![Want::At(i, vec!["event"])],
            );
        }
    }
    // The unquoted `rcv SYN,ACK` trap in every key position.
    for (i, r) in table.iter().enumerate() {
        let comma_event = r.event.name().contains(',');
        let comma_action = r.actions.iter().any(|a| a.name().contains(','));
        if !comma_event && !comma_action {
            continue;
        }
        for rot in 0..4 {
            let mut doc = base.clone();
            doc.items[i].entries.rotate_left(rot);
            if comma_event {
                doc.items[i].set("event", Value::Raw(r.event.name().replace(',', ", ")));
            }
            if comma_action {
                let list: Vec<String> = r.actions.iter().map(|a| a.name().to_string()).collect();
                let raw = if style == Style::Flow && rot % 2 == 0 {
                    list.join("; ")
                } else {
                    format!("[{}]", list.join(", "))
                };
                doc.items[i].set("action", Value::Raw(raw));
            }
            let keys = if comma_event {
                vec!["event"]
            } else {
                vec!["action"]
            };
            let flow_trap = style == Style::Flow || !comma_event;
            if flow_trap {
                case(
                    format!("comma trap (rotation {rot}) in {}", r.describe()),
                    doc,
                    vec![Want::At(i, keys)],
                );
            }
        }
    }
    // The TIME-WAIT mistake, in several spellings, on transitions that do not lead there.
    for (i, r) in table.iter().enumerate() {
        if r.to == State::TimeWait || !find(r.from, r.event, State::TimeWait).is_empty() {
            continue;
        }
        if !matches!(r.event, Event::Close | Event::RcvAckOfFin | Event::RcvFin) {
            continue;
        }
        for (k, spelling) in state_spellings(State::TimeWait).iter().enumerate() {
            let mut doc = base.clone();
            doc.items[i].set("to", Value::Text(spelling.to_string()));
            case(
                format!("TIME-WAIT mistake `{spelling}` #{k} in {}", r.describe()),
                doc,
                vec![Want::At(i, vec!["to"])],
            );
        }
    }
    // Bogus extra transitions, appended.
    for (f, e, a, t) in [
        (
            State::Closed,
            Event::RcvSyn,
            &[Action::SndSynAck][..],
            State::SynReceived,
        ),
        (
            State::Listen,
            Event::RcvAckOfSyn,
            &[][..],
            State::Established,
        ),
        (
            State::Established,
            Event::RcvFin,
            &[Action::SndAck][..],
            State::TimeWait,
        ),
        (State::Closed, Event::Abort, &[][..], State::Closed),
        (
            State::TimeWait,
            Event::Timeout2Msl,
            &[Action::DeleteTcb][..],
            State::Listen,
        ),
        (
            State::SynSent,
            Event::RcvAckOfSyn,
            &[][..],
            State::Established,
        ),
        (
            State::CloseWait,
            Event::RcvFin,
            &[Action::SndAck][..],
            State::LastAck,
        ),
        (State::Established, Event::Send, &[][..], State::Established),
    ] {
        let mut doc = base.clone();
        doc.items.push(Item::claim(f, e, a, t));
        case(
            format!("extra {f:?} {e:?} {t:?}"),
            doc,
            vec![Want::At(n, vec!["*"])],
        );
    }
    cases
}

/// Tab-indented lines: every one is a YAML error on that line.
pub fn tabbed(scope: Scope, style: Style) -> Vec<Case> {
    let base = Doc::reference(scope, style);
    let written = base.write();
    let mut out = Vec::new();
    for i in (0..base.items.len()).step_by(3) {
        for key in ["from", "to"] {
            let line = written.lines_of(i, key)[0];
            let text = written.text.lines().nth(line - 1).unwrap();
            if style != Style::Flow && key == "from" {
                continue; // the `- ` line: a tab after `-` is valid YAML separation
            }
            let patched = format!("\t{}", text.trim_start());
            out.push(Case {
                name: format!("tab on line {line} ({key} of item {i})"),
                doc: base.clone(),
                wants: vec![Want::At(i, vec![key])],
                patch: Some((line, patched)),
            });
        }
    }
    out
}

pub fn text_of(case: &Case) -> (String, Written) {
    let written = case.doc.write();
    let text = match &case.patch {
        None => written.text.clone(),
        Some((line, new)) => {
            let mut lines: Vec<&str> = written.text.lines().collect();
            lines[line - 1] = new;
            lines.join("\n") + "\n"
        }
    };
    (text, written)
}

/// Runs the cases; returns (detected, total) and the misses.
pub fn run(cases: &[Case]) -> (usize, usize, Vec<String>) {
    let (mut detected, mut total, mut misses) = (0, 0, Vec::new());
    for case in cases {
        let (text, written) = text_of(case);
        let diags = netfig::tcp::check_source(&text);
        let at = located(&text, &diags);
        for d in &diags {
            assert!(
                codes::info(d.code).is_some(),
                "unknown code {} in {}",
                d.code,
                case.name
            );
        }
        for want in &case.wants {
            total += 1;
            let lines: Vec<usize> = match want {
                Want::Missing(_) => vec![2],
                Want::At(i, keys) if keys == &["*"] => written.item_lines(*i),
                Want::At(i, keys) => keys.iter().flat_map(|k| written.lines_of(*i, k)).collect(),
            };
            let hit = diags.iter().zip(&at).any(|(d, (line, _))| {
                d.is_error()
                    && lines.contains(line)
                    && match want {
                        Want::Missing(m) => d.message.contains(m.as_str()),
                        Want::At(..) => true,
                    }
            });
            if hit {
                detected += 1;
            } else {
                misses.push(format!(
                    "{} — want a finding on line(s) {lines:?}:\n{}",
                    case.name,
                    render(&text, &diags)
                ));
            }
        }
    }
    (detected, total, misses)
}
