//! Phase 3: split long edges. Every edge spanning more than one rank becomes a chain of dummy
//! nodes, one per rank, so it gets its own slot between the boxes of every rank it passes.
//! An edge with a label gets a label dummy (as wide and tall as the label) on its middle rank.
//! A dummy belongs to the deepest cluster, among those enclosing either end, whose ranks
//! include the dummy's rank (for a label dummy: whose inner ranks, without its border ranks):
//! edges inside a cluster stay inside it, edges leaving it leave through its border.
//! Finally every cluster gets a marker in each rank it spans but has no member in, so that
//! ordering keeps non-members out of its column in every rank.
//!
//! First, ranks that would hold only dummies and markers (no box, no label, no cluster border)
//! are dropped, but for one in a run of them between two ranks (see `compress`). Ranking
//! stretches every edge across room for cluster borders (and doubles it for label ranks), which
//! leaves many such ranks; they take no vertical space (see `vertical`), so every remaining rank
//! keeps its y. Long edges just lose bend points that only zigzagged inside a gap, and ordering
//! and positioning get far fewer nodes.

use super::work::{Chain, Kind, WNode, Work};
use crate::geometry::Size;

/// An input edge ready to be split: its ends in the working graph, upper end first.
#[derive(Debug, Clone)]
pub(crate) struct EdgePlan {
    pub(crate) upper: usize,
    pub(crate) lower: usize,
    pub(crate) reversed: bool,
    pub(crate) label: Option<Size>,
    /// Innermost cluster the route may stay in near the upper end.
    pub(crate) upper_scope: Option<usize>,
    /// Same near the lower end.
    pub(crate) lower_scope: Option<usize>,
    pub(crate) weight: f64,
}

/// The most dummies a layout gets: [`DUMMIES_PER_ITEM`] per node and edge of the working
/// graph, and [`DUMMY_FLOOR`] more. Dummies grow with edges times the ranks they span, so a
/// hostile input (thousands of random long edges) would otherwise take time and memory
/// quadratic in its size; past the budget, the longest edges get no chain and are drawn
/// straight between their ends (`route`).
pub(crate) fn dummy_budget(nodes: usize, edges: usize) -> usize {
    DUMMY_FLOOR.saturating_add(DUMMIES_PER_ITEM.saturating_mul(nodes.saturating_add(edges)))
}

/// See [`dummy_budget`].
const DUMMIES_PER_ITEM: usize = 16;
/// See [`dummy_budget`].
const DUMMY_FLOOR: usize = 1_000;

/// Adds dummy chains, label dummies, markers, links and layers to `work`, whose nodes are
/// ranked. `plans` has one entry per input edge. Edges past the [`dummy_budget`], longest
/// first, get no chain.
pub(crate) fn normalize(work: &mut Work, plans: &[Option<EdgePlan>]) {
    let mids = label_ranks(work, plans);
    let mids = compress(work, plans, &mids);
    let chained = within_budget(work, plans);
    let spans: Vec<(usize, usize)> = work
        .clusters
        .iter()
        .map(|c| (work.nodes[c.top].rank, work.nodes[c.bottom].rank))
        .collect();
    let owner = |p: &EdgePlan, r: usize, strict: bool, work: &Work| -> Option<usize> {
        let a = covering(work, &spans, p.upper_scope, r, strict);
        let b = covering(work, &spans, p.lower_scope, r, strict);
        let depth = |c: Option<usize>| c.map_or(0, |c| work.clusters[c].depth + 1);
        if depth(b) > depth(a) {
            b
        } else {
            a
        }
    };
    work.chains = vec![None; plans.len()];
    for (i, plan) in plans.iter().enumerate() {
        let Some(p) = plan.as_ref().filter(|_| chained[i]) else {
            continue;
        };
        let (ru, rl) = (work.nodes[p.upper].rank, work.nodes[p.lower].rank);
        let mut nodes = vec![p.upper];
        if rl > ru + 1 {
            let mid = mids[i].unwrap_or((ru + rl) / 2);
            for r in ru + 1..rl {
                // Plain dummies may run through a cluster's border ranks (edges cross borders
                // straight); labels keep out of them.
                let cluster = owner(p, r, p.label.is_some() && r == mid, work);
                let (kind, size) = match p.label {
                    Some(s) if r == mid => (Kind::Label(i), s),
                    _ => (Kind::Dummy(i), Size::default()),
                };
                nodes.push(work.nodes.len());
                work.nodes.push(WNode {
                    kind,
                    width: size.width,
                    height: size.height,
                    cluster,
                    rank: r,
                });
            }
        }
        nodes.push(p.lower);
        if ru != rl {
            for w in nodes.windows(2) {
                work.links.push((w[0], w[1], p.weight, true));
            }
        }
        work.chains[i] = Some(Chain {
            nodes,
            reversed: p.reversed,
        });
    }
    add_markers(work, &spans);
    let ranks = work.nodes.iter().map(|n| n.rank + 1).max().unwrap_or(0);
    work.layers = vec![Vec::new(); ranks];
    for (v, n) in work.nodes.iter().enumerate() {
        work.layers[n.rank].push(v);
    }
}

/// Per edge, whether it gets its chain: shortest first (source order among equals), as long
/// as the dummies stay within the [`dummy_budget`].
fn within_budget(work: &Work, plans: &[Option<EdgePlan>]) -> Vec<bool> {
    let dummies = |p: &EdgePlan| {
        let (a, b) = (work.nodes[p.upper].rank, work.nodes[p.lower].rank);
        a.abs_diff(b).saturating_sub(1)
    };
    let mut order: Vec<(usize, usize)> = plans
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.as_ref().map(|p| (dummies(p), i)))
        .collect();
    let total: usize = order.iter().map(|(d, _)| d).sum();
    let budget = dummy_budget(work.nodes.len(), plans.len());
    let mut chained = vec![true; plans.len()];
    if total <= budget {
        return chained;
    }
    order.sort_unstable();
    let mut used = 0usize;
    for (d, i) in order {
        if used + d <= budget {
            used += d;
        } else {
            chained[i] = false;
        }
    }
    chained
}

/// Deepest cluster enclosing `scope` whose ranks include `r` (only its inner ranks, without
/// the border ranks, if `strict`).
fn covering(
    work: &Work,
    spans: &[(usize, usize)],
    scope: Option<usize>,
    r: usize,
    strict: bool,
) -> Option<usize> {
    let mut cur = scope;
    while let Some(c) = cur {
        let (a, b) = spans[c];
        let inside = if strict {
            a < r && r < b
        } else {
            a <= r && r <= b
        };
        if inside {
            return Some(c);
        }
        cur = work.clusters[c].parent;
    }
    None
}

/// The rank of every edge's label dummy, for labelled edges spanning more than one rank: nearest the
/// middle that is not a border rank of the cluster the label would sit in, so labels never
/// share a rank with a title strip.
fn label_ranks(work: &Work, plans: &[Option<EdgePlan>]) -> Vec<Option<usize>> {
    let spans: Vec<(usize, usize)> = work
        .clusters
        .iter()
        .map(|c| (work.nodes[c.top].rank, work.nodes[c.bottom].rank))
        .collect();
    let owner = |p: &EdgePlan, r: usize, strict: bool| -> Option<usize> {
        let a = covering(work, &spans, p.upper_scope, r, strict);
        let b = covering(work, &spans, p.lower_scope, r, strict);
        let depth = |c: Option<usize>| c.map_or(0, |c| work.clusters[c].depth + 1);
        if depth(b) > depth(a) {
            b
        } else {
            a
        }
    };
    plans
        .iter()
        .map(|plan| {
            let p = plan.as_ref().filter(|p| p.label.is_some())?;
            let (ru, rl) = (work.nodes[p.upper].rank, work.nodes[p.lower].rank);
            if rl <= ru + 1 {
                return None;
            }
            let mid0 = (ru + rl) / 2;
            let mut cands: Vec<usize> = (ru + 1..rl).collect();
            cands.sort_by_key(|&r| (r.abs_diff(mid0), r));
            Some(
                cands
                    .iter()
                    .copied()
                    .find(|&r| owner(p, r, true) == owner(p, r, false))
                    .unwrap_or(mid0),
            )
        })
        .collect()
}

/// Most dummies for which every run of dummy-only ranks keeps one rank (see [`compress`]).
pub(crate) const GAP_RANKS_UP_TO: usize = 40_000;

#[cfg(test)]
thread_local! {
    /// Test override of [`GAP_RANKS_UP_TO`].
    pub(crate) static GAP_RANKS_LIMIT: std::cell::Cell<usize> =
        const { std::cell::Cell::new(GAP_RANKS_UP_TO) };
}

fn gap_ranks_limit() -> usize {
    #[cfg(test)]
    return GAP_RANKS_LIMIT.with(|c| c.get());
    #[cfg(not(test))]
    GAP_RANKS_UP_TO
}

/// Drops ranks that would hold only dummies and markers, renumbering the ranks of `work`'s
/// nodes; returns `mids` renumbered.
///
/// A run of such ranks between two border ranks always keeps one rank: each border rank is
/// `close` to its neighbours, and two border ranks next to each other share one such gap.
/// Other runs keep one rank too while the chains then hold at most [`GAP_RANKS_UP_TO`] dummies:
/// a free rank between two ranks of boxes lets ordering untangle long edges in the gap (about
/// 3% fewer crossings against Graphviz in `docs/vs-dot.md`), but it costs one dummy per edge
/// passing, which on big graphs with long edges is most of the layout's time.
fn compress(
    work: &mut Work,
    plans: &[Option<EdgePlan>],
    mids: &[Option<usize>],
) -> Vec<Option<usize>> {
    let ranks = work.nodes.iter().map(|n| n.rank + 1).max().unwrap_or(0);
    let mut used = vec![false; ranks];
    let mut border = vec![false; ranks];
    for n in &work.nodes {
        used[n.rank] = true;
        border[n.rank] |= matches!(n.kind, Kind::Top(_) | Kind::Bottom(_));
    }
    for &m in mids.iter().flatten() {
        used[m] = true;
    }
    let kept = |any_gap: bool| -> Vec<bool> {
        let mut keep = used.clone();
        let mut r = 0;
        while r < ranks {
            if used[r] {
                r += 1;
                continue;
            }
            let s = r;
            while r < ranks && !used[r] {
                r += 1;
            }
            if s > 0 && r < ranks && (any_gap || (border[s - 1] && border[r])) {
                keep[s] = true;
            }
        }
        keep
    };
    // before[r]: kept ranks above r.
    let numbering = |keep: &[bool]| -> Vec<usize> {
        let mut before = Vec::with_capacity(ranks + 1);
        let mut next = 0;
        before.push(0);
        for &k in keep {
            next += usize::from(k);
            before.push(next);
        }
        before
    };
    let mut before = numbering(&kept(true));
    let dummies: usize = plans
        .iter()
        .flatten()
        .map(|p| {
            let (a, b) = (work.nodes[p.upper].rank, work.nodes[p.lower].rank);
            if b > a {
                before[b] - before[a + 1]
            } else {
                0
            }
        })
        .sum();
    if dummies > gap_ranks_limit() {
        before = numbering(&kept(false));
    }
    for n in &mut work.nodes {
        n.rank = before[n.rank];
    }
    mids.iter().map(|m| m.map(|r| before[r])).collect()
}

fn add_markers(work: &mut Work, spans: &[(usize, usize)]) {
    let nc = work.clusters.len();
    let mut present: Vec<Vec<bool>> = spans
        .iter()
        .map(|&(a, b)| vec![false; b.saturating_sub(a) + 1])
        .collect();
    for n in &work.nodes {
        let mut cur = n.cluster;
        while let Some(c) = cur {
            let (a, b) = spans[c];
            if a <= n.rank && n.rank <= b {
                present[c][n.rank - a] = true;
            }
            cur = work.clusters[c].parent;
        }
    }
    // Deepest clusters first is not needed: a marker of a child also marks its ancestors.
    let mut order: Vec<usize> = (0..nc).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(work.clusters[c].depth));
    for c in order {
        let (a, b) = spans[c];
        let mut column: Vec<usize> = Vec::with_capacity(b - a + 1);
        for r in a..=b {
            let v = if r == a {
                work.clusters[c].top
            } else if r == b {
                work.clusters[c].bottom
            } else if !present[c][r - a] {
                let v = work.nodes.len();
                work.nodes.push(WNode {
                    kind: Kind::Marker(c),
                    width: 0.0,
                    height: 0.0,
                    cluster: Some(c),
                    rank: r,
                });
                let mut cur = Some(c);
                while let Some(x) = cur {
                    let (xa, xb) = spans[x];
                    if xa <= r && r <= xb {
                        present[x][r - xa] = true;
                    }
                    cur = work.clusters[x].parent;
                }
                v
            } else {
                usize::MAX
            };
            column.push(v);
        }
        for w in column.windows(2) {
            if w[0] != usize::MAX && w[1] != usize::MAX {
                work.links.push((w[0], w[1], 1.0, false));
            }
        }
    }
}
