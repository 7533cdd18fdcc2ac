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
//!
//! `tests/it/tcp_equivalence.rs` holds the other side: rewrites that must pass.

use crate::tcp_support;

use netfig::tcp::reference::Scope;
use tcp_support::mutation::{harmful, run, tabbed, Case};
use tcp_support::*;

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
