//! Which value of a wrong claim a finding points at, and what it says.
//!
//! A claim `FROM --event--> TO` that RFC 9293 does not have is reported once, at the value a
//! one-field fix would change, so `netfig check` names the line the author has to edit (in block
//! style every key has its own line). The evidence, strongest first:
//!
//! 1. Under `scope: figure`/`full`, a required transition that is missing and differs from the
//!    claim in exactly one value (or is the claim with `from` and `to` swapped): the claim is
//!    very likely that transition, mistyped. The differing value is blamed, the missing
//!    transition named in a hint. Each gap explains one claim; claims with a single candidate
//!    are paired first, so two mistakes in one file are untangled. When the definition lists
//!    some permitted alternatives (Figure 5 note 3), the ones it leaves out count as gaps too,
//!    after the required ones.
//! 2. Otherwise the target, the event, then the source state, preferring a fix that yields a
//!    transition the definition does not list yet (a fix that duplicates another claim is less
//!    likely than one that fills a gap).
//! 3. Otherwise the event (the source state does not handle it at all).

use super::check::cite_all;
use super::codes;
use super::names::{Action, Event, State};
use super::reference::{self, describe_path, Origin, RefTransition};
use super::syntax::TransitionDef;
use crate::diagnostic::{Diagnostic, Span};
use std::collections::BTreeMap;

/// A claim's three values.
pub(crate) type Triple = (State, Event, State);

/// Which value of a claimed transition a finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Blame {
    To,
    Event,
    From,
    /// `from` and `to` are the other way round.
    Swapped,
    Unhandled,
}

impl Blame {
    /// The span of the blamed value.
    pub(crate) fn span(self, t: &TransitionDef) -> Span {
        match self {
            Blame::To => t.to.span,
            Blame::Event | Blame::Unhandled => t.event.span,
            Blame::From | Blame::Swapped => t.from.span,
        }
    }
}

/// What a definition leaves out: the transitions its scope requires and nobody claims, then —
/// when it lists any permitted alternative at all — the alternatives it does not list.
pub(crate) struct Gaps {
    pub(crate) required: Vec<&'static RefTransition>,
    pub(crate) alternatives: Vec<&'static RefTransition>,
}

type Fix = (Blame, &'static RefTransition);

/// Every transition of `pool` that `claim` would be after changing one value (or swapping
/// `from` and `to`), in blame order: target, event, source, swap.
fn one_offs(claim: Triple, pool: &[&'static RefTransition]) -> Vec<Fix> {
    let (from, event, to) = claim;
    let mut out = Vec::new();
    for blame in [Blame::To, Blame::Event, Blame::From, Blame::Swapped] {
        for r in pool {
            let hit = match blame {
                Blame::To => r.from == from && r.event == event && r.to != to,
                Blame::Event => r.from == from && r.event != event && r.to == to,
                Blame::From => r.from != from && r.event == event && r.to == to,
                Blame::Swapped => r.from == to && r.event == event && r.to == from,
                Blame::Unhandled => false,
            };
            if hit {
                out.push((blame, *r));
            }
        }
    }
    out
}

/// The gap in `pool` that `claim` would be after changing one value, with the same actions:
/// a legal claim (or one with the wrong actions) that is really a mistyped required transition.
pub(crate) fn fix_keeping_actions(
    claim: Triple,
    actions: &[Action],
    pool: &[&'static RefTransition],
) -> Option<Fix> {
    one_offs(claim, pool).into_iter().find(|(_, r)| {
        let mut a = r.actions.to_vec();
        a.sort_unstable();
        a == actions
    })
}

/// Pairs wrong claims with gaps, each gap used once: claims with a single candidate first (so a
/// double mutation is untangled), then the rest in blame order. Required gaps before
/// alternatives.
pub(crate) fn assign_fixes(wrong: &[(usize, Triple)], gaps: &Gaps) -> Vec<(usize, Fix)> {
    let mut out: Vec<(usize, Fix)> = Vec::new();
    for pool in [&gaps.required, &gaps.alternatives] {
        let mut pool: Vec<&'static RefTransition> = pool.clone();
        loop {
            let open = wrong
                .iter()
                .filter(|(i, _)| !out.iter().any(|(j, _)| j == i));
            let unique = open.clone().find_map(|(i, claim)| {
                let c = one_offs(*claim, &pool);
                let first = *c.first()?;
                c.iter()
                    .all(|(_, r)| std::ptr::eq(*r, first.1))
                    .then_some((*i, first))
            });
            let next = unique.or_else(|| {
                open.clone()
                    .find_map(|(i, claim)| one_offs(*claim, &pool).first().map(|f| (*i, *f)))
            });
            let Some((i, fix)) = next else { break };
            pool.retain(|r| !std::ptr::eq(*r, fix.1));
            out.push((i, fix));
        }
    }
    out
}

/// E-TCP-004 for a claim that is not in the reference.
pub(crate) fn not_in_reference(
    t: &TransitionDef,
    claim: Triple,
    claimed: &[Triple],
    fix: Option<Fix>,
) -> Diagnostic {
    let (from, event, to) = claim;
    let table = reference::transitions();
    let mut outcomes = reference::outcomes(from, event);
    // Only permitted alternatives handle it (RFC 793's reset on a SYN): still the outcomes.
    let only_alternatives = outcomes.is_empty();
    if only_alternatives {
        outcomes = reference::all_outcomes(from, event);
    }
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
    let blame = fix.map_or_else(
        || {
            let fills_gap = |list: &[&RefTransition]| {
                list.iter()
                    .any(|r| !claimed.contains(&(r.from, r.event, r.to)))
            };
            let candidates = [
                (Blame::To, &outcomes),
                (Blame::Event, &by_event),
                (Blame::From, &by_from),
            ];
            candidates
                .iter()
                .find(|(_, list)| fills_gap(list))
                .or_else(|| candidates.iter().find(|(_, list)| !list.is_empty()))
                .map_or(Blame::Unhandled, |(b, _)| *b)
        },
        |(b, _)| b,
    );
    let claim_text = format!("{} --{}--> {}", t.from.text, t.event.text, t.to.text);
    let why = match blame {
        Blame::To if !outcomes.is_empty() => {
            let targets: Vec<&str> = outcomes.iter().map(|r| r.to.name()).collect();
            format!(
                "{} in {} leads to {}{}",
                event.name(),
                from.name(),
                targets.join(" or "),
                if only_alternatives {
                    " (a permitted alternative)"
                } else {
                    ""
                }
            )
        }
        Blame::Event => format!("{} reaches {} on another event", from.name(), to.name()),
        Blame::From => format!("{} leads to {} from another state", event.name(), to.name()),
        Blame::Swapped => format!(
            "{} leads from {} to {}, not the other way round",
            event.name(),
            to.name(),
            from.name()
        ),
        Blame::To | Blame::Unhandled => {
            format!("{} does not handle {}", from.name(), event.name())
        }
    };
    let mut d = Diagnostic::error(
        codes::NOT_IN_REFERENCE,
        blame.span(t),
        format!("`{claim_text}` is not in RFC 9293: {why}"),
    );
    if let Some((_, r)) = fix {
        d = d.with_hint(format!(
            "did you mean `{}`? {}",
            r.describe(),
            if r.origin == Origin::Alternative {
                "It is a permitted alternative this definition does not list"
            } else {
                "It is missing, and the scope requires it"
            }
        ));
    }
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

/// The most other listings a duplicate's hint names; the rest are counted.
const LISTED_ITEMS: usize = 8;

/// The 1-based item numbers of `all` but `i`, at most [`LISTED_ITEMS`] of them and a count of
/// the rest (each listing naming every other one made the report quadratic in the duplicates).
fn other_items(all: &[usize], i: usize) -> String {
    let others: Vec<String> = all
        .iter()
        .filter(|&&j| j != i)
        .take(LISTED_ITEMS)
        .map(|j| (j + 1).to_string())
        .collect();
    let rest = all.len() - 1 - others.len();
    if rest == 0 {
        others.join(", ")
    } else {
        format!("{} and {rest} more", others.join(", "))
    }
}

/// E-TCP-006 for every listing of a transition that is listed more than once (aliases
/// included): which listing is the mistake cannot be known, so each is reported, pointing at the
/// value a one-field fix into a missing transition would change (else at the item). When
/// several such fixes exist, the listings take them in turn, in file order (two mistakes that
/// made the same claim out of two different transitions are both pointed at).
pub(crate) fn duplicates(
    transitions: &[TransitionDef],
    claims: &[Option<Triple>],
    gaps: &Gaps,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // The listings of each claim, in file order (one pass: scanning every claim for every
    // listing was quadratic in the transitions).
    let mut listings: BTreeMap<Triple, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if let Some(c) = c {
            listings.entry(*c).or_default().push(i);
        }
    }
    for (i, t) in transitions.iter().enumerate() {
        let Some(claim) = claims[i] else { continue };
        let all = &listings[&claim];
        if all.len() < 2 {
            continue;
        }
        let nth = all.partition_point(|&j| j < i);
        let items = other_items(all, i);
        let mut fixes: Vec<Fix> = Vec::new();
        for pool in [&gaps.required, &gaps.alternatives] {
            for f in one_offs(claim, pool) {
                if !fixes.iter().any(|g| std::ptr::eq(g.1, f.1)) {
                    fixes.push(f);
                }
            }
        }
        let fix = fixes.get(nth).or(fixes.first()).copied();
        let span = fix.map_or(Span::new(t.span.start, t.span.start), |(b, _)| b.span(t));
        let mut d = Diagnostic::error(
            codes::DUPLICATE_TRANSITION,
            span,
            format!(
                "duplicate transition `{} --{}--> {}`",
                t.from.text, t.event.text, t.to.text
            ),
        )
        .with_hint(format!(
            "the same transition is also item {items} of `transitions`; keep one"
        ));
        if let Some((_, r)) = fix {
            d = d.with_hint(format!(
                "perhaps one of them should be `{}`, which is not listed",
                r.describe()
            ));
        }
        out.push(d);
    }
    out
}
