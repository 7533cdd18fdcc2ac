//! Broader mutation test over Figure 5 (`scope: figure`) and the whole reference (`scope: full`),
//! each written in flow style (one transition per line), block style (one key per line) and deep
//! block style (action lists as `- item` lines).
//!
//! * Harmful mutations — wrong target/source/event/action, deletions, double mutations, swapped
//!   `from`/`to`, alias-renamed states with a wrong target, bogus extra transitions, duplicates
//!   spelt with other aliases (before or after the original), missing keys, wrong value types,
//!   near-miss state names, the unquoted `rcv SYN,ACK` trap in every key position, tabs, events
//!   legal only in other states, and the TIME-WAIT mistake in several spellings — must each give
//!   an error with a known stable code on a line of the mutated value (the `scope:` line for a
//!   deleted transition).
//! * Equivalent rewrites — aliases for every state, event and action, actions in any order and
//!   as `;` strings, `x`/`none`/`[]`/omitted for no action, transitions and keys in any order,
//!   quoted scalars, comments — must give no diagnostic at all.

mod tcp_support;

use netfig::tcp::codes;
use netfig::tcp::names::{Action, Event, State};
use netfig::tcp::reference::{self, find, Origin, RefTransition, Scope};
use tcp_support::*;

/// Where a mutation must be reported.
#[derive(Clone, Debug)]
enum Want {
    /// On a line of one of these keys of item `item` (`*` = any line of the item).
    At(usize, Vec<&'static str>),
    /// On the `scope:` line, naming the missing transition.
    Missing(String),
}

struct Case {
    name: String,
    doc: Doc,
    wants: Vec<Want>,
    /// Replaces the written text (for tabs): `(line, new text)`.
    patch: Option<(usize, String)>,
}

fn refs(scope: Scope) -> Vec<&'static RefTransition> {
    reference::transitions()
        .iter()
        .filter(|r| scope == Scope::Full || r.origin == Origin::Figure5)
        .collect()
}

fn pick<T: Copy>(list: &[T], seed: usize) -> Option<T> {
    (!list.is_empty()).then(|| list[seed % list.len()])
}

fn spell_state(s: State, seed: usize) -> String {
    let list = state_spellings(s);
    list[seed % list.len()].to_string()
}

/// A state other than `r.to` that makes the claim illegal.
fn wrong_to(r: &RefTransition, seed: usize) -> Option<State> {
    let c: Vec<State> = State::ALL
        .into_iter()
        .filter(|s| find(r.from, r.event, *s).is_empty())
        .collect();
    pick(&c, seed)
}

fn wrong_from(r: &RefTransition, seed: usize) -> Option<State> {
    let c: Vec<State> = State::ALL
        .into_iter()
        .filter(|s| find(*s, r.event, r.to).is_empty())
        .collect();
    pick(&c, seed)
}

fn wrong_event(r: &RefTransition, seed: usize) -> Option<Event> {
    let c: Vec<Event> = Event::ALL
        .into_iter()
        .filter(|e| find(r.from, *e, r.to).is_empty())
        .collect();
    pick(&c, seed)
}

/// Actions that differ from every legal action set of the transition.
fn wrong_actions(r: &RefTransition, seed: usize) -> Vec<Action> {
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

fn sorted(a: &[Action]) -> Vec<Action> {
    let mut v = a.to_vec();
    v.sort_unstable();
    v
}

fn set_state(item: &mut Item, key: &str, s: State, seed: usize) {
    item.set(key, Value::Text(spell_state(s, seed)));
}

/// Every harmful mutation of `scope`'s reference in `style`.
fn harmful(scope: Scope, style: Style) -> Vec<Case> {
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
fn tabbed(scope: Scope, style: Style) -> Vec<Case> {
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

fn text_of(case: &Case) -> (String, Written) {
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
fn run(cases: &[Case]) -> (usize, usize, Vec<String>) {
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

/// Runs every `stride`-th case of `scope` in `style` (all of them with
/// `NETFIG_MUTATIONS=all`); fails with the misses.
fn harmful_in(scope: Scope, style: Style, stride: usize) {
    let mut cases = harmful(scope, style);
    cases.extend(tabbed(scope, style));
    let all = std::env::var("NETFIG_MUTATIONS").is_ok_and(|v| v == "all");
    let stride = if all { 1 } else { stride };
    let offset = STYLES.iter().position(|s| *s == style).unwrap_or(0) % stride;
    let sample: Vec<Case> = cases.into_iter().skip(offset).step_by(stride).collect();
    let (detected, total, misses) = run(&sample);
    println!(
        "harmful mutations, {scope:?}/{style:?}: {detected}/{total} caught on the mutated line{}",
        if stride > 1 {
            format!(" (every {stride}th case)")
        } else {
            String::new()
        }
    );
    let shown: Vec<&str> = misses.iter().take(10).map(String::as_str).collect();
    assert!(
        misses.is_empty(),
        "{} misses:\n{}",
        misses.len(),
        shown.join("\n")
    );
}

#[test]
fn figure_flow_mutations() {
    harmful_in(Scope::Figure, Style::Flow, 1);
}

#[test]
fn figure_block_mutations() {
    harmful_in(Scope::Figure, Style::Block, 2);
}

#[test]
fn figure_deep_block_mutations() {
    harmful_in(Scope::Figure, Style::Deep, 3);
}

#[test]
fn full_flow_mutations() {
    harmful_in(Scope::Full, Style::Flow, 6);
}

#[test]
fn full_block_mutations() {
    harmful_in(Scope::Full, Style::Block, 6);
}

#[test]
fn full_deep_block_mutations() {
    harmful_in(Scope::Full, Style::Deep, 9);
}

const HEADERS: [&str; 4] = [
    "",
    "title: TCP 状态机\nstates:\n  TIME_WAIT: 时间等待\n  ESTAB: { en: Established }\n  tcp_close: { zh: 关闭, en: Closed }\n",
    "# comments and an unusual title\ntitle: { zh: \"TCP 连接状态\", en: 'TCP: connection states' }\nstates: [CLOSED, LISTEN, { SYN_RCVD: { zh: 同步收到 } }, 时间等待]\n\n",
    "title:\n  en: TCP\nevents:\n  rcv SYN-ACK: { zh: 收到同步确认 }\nactions:\n  send FIN: 发送 FIN 报文段\n",
];

/// An equivalent rewrite of `scope`'s reference: aliases, action spellings and order, keys and
/// transitions in another order, a header with names, comments. `v` picks the variant.
fn rewrite(scope: Scope, style: Style, v: usize) -> Doc {
    let mut doc = Doc::reference(scope, style);
    doc.header = HEADERS[v % HEADERS.len()].to_string();
    let table = refs(scope);
    for (i, (item, r)) in doc.items.iter_mut().zip(&table).enumerate() {
        let k = v + i;
        set_state(item, "from", r.from, k);
        set_state(item, "to", r.to, k + 1);
        let ev = event_spellings(r.event);
        item.set("event", Value::Text(ev[k % ev.len()].into()));
        let mut acts: Vec<String> = r
            .actions
            .iter()
            .map(|a| action_spellings(*a)[(k + 2) % action_spellings(*a).len()].to_string())
            .collect();
        if k % 2 == 1 {
            acts.reverse();
        }
        let value = match (acts.len(), k % 5) {
            (0, n) => [
                ActionValue::Text("x".into()),
                ActionValue::Text("none".into()),
                ActionValue::List(Vec::new()),
                ActionValue::Omitted,
                ActionValue::Text("X".into()),
            ][n]
                .clone(),
            (_, 0 | 1) => ActionValue::List(acts),
            (_, 2) => ActionValue::Text(acts.join("; ")),
            (_, 3) => ActionValue::Text(acts.join(";")),
            _ => ActionValue::Omitted,
        };
        item.set("action", Value::Action(value));
        item.entries.rotate_left(k % 4);
        if k % 3 == 0 {
            item.entries.reverse();
        }
    }
    match v % 4 {
        0 => {}
        1 => doc.items.reverse(),
        2 => {
            let (even, odd): (Vec<(usize, Item)>, Vec<(usize, Item)>) = doc
                .items
                .into_iter()
                .enumerate()
                .partition(|(i, _)| i % 2 == 0);
            doc.items = even.into_iter().chain(odd).map(|(_, x)| x).collect();
        }
        _ => doc.items.rotate_left(7),
    }
    doc
}

/// Adds end-of-line comments to every third line of the transitions.
fn commented(text: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            if i > 3 && i % 3 == 0 && !l.trim().is_empty() {
                format!("{l}   # note {i}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

#[test]
fn equivalent_rewrites_pass_clean() {
    let mut failures = Vec::new();
    let mut count = 0;
    for scope in [Scope::Figure, Scope::Full] {
        for style in STYLES {
            for v in 0..8 {
                let text = rewrite(scope, style, v).write().text;
                let text = if v % 2 == 1 { commented(&text) } else { text };
                let diags = netfig::tcp::check_source(&text);
                count += 1;
                if !diags.is_empty() {
                    failures.push(format!(
                        "{scope:?}/{style:?} variant {v}:\n{}",
                        render(&text, &diags)
                    ));
                }
            }
        }
    }
    println!(
        "equivalent rewrites: {}/{count} clean",
        count - failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn action_order_and_every_spelling_of_each_transition_pass() {
    // Each transition alone (scope partial), in every documented spelling of each value.
    let mut failures = Vec::new();
    for r in reference::transitions() {
        let spellings = [
            state_spellings(r.from).len(),
            event_spellings(r.event).len(),
            state_spellings(r.to).len(),
        ];
        for k in 0..*spellings.iter().max().unwrap() {
            for style in STYLES {
                let mut item = Item::of(r);
                set_state(&mut item, "from", r.from, k);
                set_state(&mut item, "to", r.to, k);
                let ev = event_spellings(r.event);
                item.set("event", Value::Text(ev[k % ev.len()].into()));
                let mut acts: Vec<String> = r
                    .actions
                    .iter()
                    .map(|a| action_spellings(*a)[k % action_spellings(*a).len()].to_string())
                    .collect();
                acts.reverse();
                if !acts.is_empty() {
                    item.set("action", Value::Action(ActionValue::List(acts)));
                }
                let doc = Doc {
                    scope: Scope::Partial,
                    style,
                    header: String::new(),
                    items: vec![item],
                };
                let text = doc.write().text;
                let diags = netfig::tcp::check_source(&text);
                if !diags.is_empty() {
                    failures.push(render(&text, &diags));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_binary_agrees_exit_0_for_a_rewrite_and_1_at_the_mutated_line() {
    let dir = std::env::temp_dir().join(format!("netfig-mutation-more-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let clean = dir.join("clean.yaml");
    std::fs::write(&clean, rewrite(Scope::Full, Style::Block, 3).write().text).unwrap();
    let mut doc = rewrite(Scope::Figure, Style::Block, 0);
    let i = doc
        .items
        .iter()
        .position(|it| it.text("to").and_then(State::parse) == Some(State::FinWait1))
        .unwrap();
    doc.items[i].set("to", Value::Text("TIME_WAIT".into()));
    let written = doc.write();
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, &written.text).unwrap();
    let run = |p: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_netfig"))
            .arg("check")
            .arg(p)
            .output()
            .unwrap()
    };
    let o = run(&clean);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = run(&bad);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    let line = written.lines_of(i, "to")[0];
    assert!(
        err.contains(&format!("bad.yaml:{line}:")),
        "want line {line}:\n{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
