//! Mutation test: take Figure 5 from the reference as a `scope: figure` definition (and every
//! transition as `scope: full`), apply every single mutation to every transition — wrong `to`,
//! wrong `from`, wrong `event`, wrong actions, the transition deleted — and require an error at
//! the mutated line (the `scope:` line for deletions, naming the transition). Run once with one
//! transition per line (flow mappings, the reference's own YAML) and once in block style (one
//! key per line), where the finding must land on the mutated key's own line.
//!
//! The mutations come from the suite's one generator (`tcp_support::mutation`), here its first
//! choice of each kind for every transition; `tests/it/tcp_mutation_more.rs` samples the rest.

use crate::tcp_support;

use netfig::tcp::reference::{self, Scope};
use tcp_support::mutation::{mutate, run, Case};
use tcp_support::*;

/// Every single mutation of every transition of `scope`, written in `style`.
fn single_mutations(scope: Scope, style: Style) -> Vec<Case> {
    let base = Doc::reference(scope, style);
    let mut cases = Vec::new();
    for (i, r) in refs(scope).into_iter().enumerate() {
        for kind in 0..5 {
            // A permitted alternative is never required, so deleting it is not a mistake.
            if kind == 4 && !r.required_in(scope) {
                continue;
            }
            let mut doc = base.clone();
            let want = mutate(&mut doc, i, r, kind, 0);
            cases.push(Case {
                name: format!("mutation {kind} of {}", r.describe()),
                doc,
                wants: vec![want],
                patch: None,
            });
        }
    }
    cases
}

/// Runs every single mutation; returns (detected, total) after failing on any miss.
fn caught(scope: Scope, style: Style) -> (usize, usize) {
    let clean = Doc::reference(scope, style).write().text;
    assert!(
        netfig::tcp::check_source(&clean).is_empty(),
        "the unmutated {scope:?} reference must pass in {style:?} style"
    );
    let (detected, total, misses) = run(&single_mutations(scope, style));
    println!("mutation detection, {scope:?}/{style:?}: {detected}/{total}");
    assert!(misses.is_empty(), "{}", misses.join("\n"));
    (detected, total)
}

#[test]
fn every_single_mutation_of_figure_5_is_caught_on_its_line() {
    assert_eq!(caught(Scope::Figure, Style::Flow), (100, 100));
}

#[test]
fn block_style_mutations_are_caught_on_the_mutated_key() {
    assert_eq!(caught(Scope::Figure, Style::Block), (100, 100));
}

#[test]
fn full_scope_mutations_of_all_68_transitions_are_caught() {
    // 59 transitions before the RFC 793 SYN rule (8) and MAY-2 (1) joined the alternatives.
    assert_eq!(caught(Scope::Full, Style::Flow), (326, 326));
    assert_eq!(caught(Scope::Full, Style::Block), (326, 326));
}

#[test]
fn the_reference_figure_yaml_is_what_the_test_mutates() {
    // The generated `scope: figure` YAML passes as is.
    let yaml = reference::yaml_for(Scope::Figure);
    assert!(netfig::tcp::check_source(&yaml).is_empty());
}
