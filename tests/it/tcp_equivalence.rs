//! Equivalent rewrites of Figure 5 (`scope: figure`) and the whole reference (`scope: full`)
//! pass with no diagnostic at all: aliases for every state, event and action, actions in any
//! order and as `;` strings, `x`/`none`/`X`/`[]`/omitted for no action, transitions and keys in
//! any order, quoted scalars, comments, `states:` as a mapping or a list, name overrides, titles —
//! in flow, block and deep block style. And the real binary agrees: exit 0 for a rewrite, exit 1
//! with the mutated line for a wrong target.

use crate::common;

use crate::tcp_support;

use netfig::tcp::names::State;
use netfig::tcp::reference::{self, Scope};
use tcp_support::*;

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
        if k.is_multiple_of(3) {
            item.entries.reverse();
        }
    }
    match v % 4 {
        0 => {}
        1 => doc.items.reverse(),
        2 => {
            type Numbered = Vec<(usize, Item)>;
            let (even, odd): (Numbered, Numbered) = doc
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
    let dir = common::scratch("tcp-equivalence-binary");
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
