//! Mutation test: take Figure 5 from the reference as a `scope: figure` definition, apply every
//! single mutation to every transition — wrong `to`, wrong `from`, wrong `event`, a wrong `snd`
//! action, the transition deleted — and require a diagnostic at the mutated line (the `scope:`
//! line for deletions). Run once with one transition per line (flow mappings, the reference's
//! own YAML) and once in block style (one key per line), where the finding must land on the
//! mutated key's own line.

use netfig::diagnostic::SourceFile;
use netfig::tcp::names::{Action, Event, State};
use netfig::tcp::reference::{self, find, Origin, RefTransition, Scope};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mutation {
    To,
    From,
    Event,
    SndAction,
    Deleted,
}

#[derive(Clone, Debug)]
struct Claim {
    from: State,
    event: Event,
    actions: Vec<Action>,
    to: State,
}

fn quote(text: &str) -> String {
    if text.contains(',') {
        format!("\"{text}\"")
    } else {
        text.to_string()
    }
}

fn action_value(actions: &[Action]) -> String {
    if actions.is_empty() {
        return "x".into();
    }
    let list: Vec<String> = actions.iter().map(|a| quote(a.name())).collect();
    format!("[{}]", list.join(", "))
}

/// The definition text, and for each claim the 1-based lines of (from, event, action, to).
fn render(claims: &[Option<Claim>], block: bool, scope: Scope) -> (String, Vec<[usize; 4]>) {
    let mut text = format!("machine: tcp\nscope: {}\ntransitions:\n", scope.name());
    let mut lines = Vec::new();
    let mut line = 4;
    for c in claims.iter().flatten() {
        if block {
            text.push_str(&format!(
                "  - from: {}\n    event: {}\n    action: {}\n    to: {}\n",
                c.from.name(),
                quote(c.event.name()),
                action_value(&c.actions),
                c.to.name()
            ));
            lines.push([line, line + 1, line + 2, line + 3]);
            line += 4;
        } else {
            text.push_str(&format!(
                "  - {{ from: {}, event: {}, action: {}, to: {} }}\n",
                c.from.name(),
                quote(c.event.name()),
                action_value(&c.actions),
                c.to.name()
            ));
            lines.push([line; 4]);
            line += 1;
        }
    }
    (text, lines)
}

fn mutate(r: &RefTransition, m: Mutation) -> Option<Claim> {
    let mut c = Claim {
        from: r.from,
        event: r.event,
        actions: r.actions.to_vec(),
        to: r.to,
    };
    match m {
        Mutation::To => {
            c.to = State::ALL
                .into_iter()
                .find(|s| *s != r.to && find(r.from, r.event, *s).is_empty())?
        }
        Mutation::From => {
            c.from = State::ALL
                .into_iter()
                .find(|s| *s != r.from && find(*s, r.event, r.to).is_empty())?
        }
        Mutation::Event => {
            c.event = Event::ALL
                .into_iter()
                .find(|e| *e != r.event && find(r.from, *e, r.to).is_empty())?
        }
        Mutation::SndAction => {
            let snd = [
                Action::SndSyn,
                Action::SndSynAck,
                Action::SndAck,
                Action::SndFin,
                Action::SndRst,
            ];
            match c.actions.iter().position(|a| snd.contains(a)) {
                // Replace the send with a different one.
                Some(i) => c.actions[i] = snd.into_iter().find(|a| *a != c.actions[i])?,
                // No send in the reference: claim one.
                None => c.actions.push(Action::SndAck),
            }
        }
        Mutation::Deleted => return None,
    }
    Some(c)
}

fn run(block: bool, scope: Scope) -> (usize, usize) {
    let figure: Vec<&RefTransition> = reference::transitions()
        .iter()
        .filter(|r| scope == Scope::Full || r.origin == Origin::Figure5)
        .collect();
    let original: Vec<Option<Claim>> = figure
        .iter()
        .map(|r| {
            mutate(r, Mutation::To).map(|_| Claim {
                from: r.from,
                event: r.event,
                actions: r.actions.to_vec(),
                to: r.to,
            })
        })
        .collect();
    let (clean, _) = render(&original, block, scope);
    assert!(
        netfig::tcp::check_source(&clean).is_empty(),
        "unmutated figure must pass"
    );
    let (mut total, mut detected) = (0, 0);
    let mut misses = Vec::new();
    for (i, r) in figure.iter().enumerate() {
        for m in [
            Mutation::To,
            Mutation::From,
            Mutation::Event,
            Mutation::SndAction,
            Mutation::Deleted,
        ] {
            // A permitted alternative is never required, so deleting it is not a mistake.
            if m == Mutation::Deleted && !r.required_in(scope) {
                continue;
            }
            let mut claims = original.clone();
            claims[i] = mutate(r, m);
            if m != Mutation::Deleted && claims[i].is_none() {
                panic!("no mutation {m:?} for {}", r.describe());
            }
            let (text, lines) = render(&claims, block, scope);
            let file = SourceFile::new("figure.yaml", text.as_str());
            let diags = netfig::tcp::check_source(&text);
            let want_line = match m {
                Mutation::Deleted => 2,
                Mutation::From => lines[i][0],
                Mutation::Event => lines[i][1],
                Mutation::SndAction => lines[i][2],
                Mutation::To => lines[i][3],
            };
            let hit = diags.iter().any(|d| {
                d.is_error()
                    && file.line_col(d.span.start).0 == want_line
                    && (m != Mutation::Deleted || d.message.contains(&r.describe()))
            });
            total += 1;
            if hit {
                detected += 1;
            } else {
                misses.push(format!(
                    "{m:?} of {} (want line {want_line}):\n{}",
                    r.describe(),
                    file.render_all(&diags)
                ));
            }
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
    (detected, total)
}

#[test]
fn every_single_mutation_of_figure_5_is_caught_on_its_line() {
    let (detected, total) = run(false, Scope::Figure);
    println!(
        "mutation detection (one transition per line): {detected}/{total} = {:.0}%",
        100.0 * detected as f64 / total as f64
    );
    assert_eq!((detected, total), (100, 100));
}

#[test]
fn block_style_mutations_are_caught_on_the_mutated_key() {
    let (detected, total) = run(true, Scope::Figure);
    println!(
        "mutation detection (one key per line): {detected}/{total} = {:.0}%",
        100.0 * detected as f64 / total as f64
    );
    assert_eq!(detected, total);
}

#[test]
fn full_scope_mutations_of_all_59_transitions_are_caught() {
    for block in [false, true] {
        let (detected, total) = run(block, Scope::Full);
        println!(
            "mutation detection, scope full ({}): {detected}/{total}",
            if block {
                "one key per line"
            } else {
                "one transition per line"
            }
        );
        assert_eq!((detected, total), (290, 290));
    }
}

#[test]
fn the_reference_figure_yaml_is_what_the_test_mutates() {
    // The generated `scope: figure` YAML passes as is.
    assert!(netfig::tcp::check_source(&reference::yaml_for(Scope::Figure)).is_empty());
}
