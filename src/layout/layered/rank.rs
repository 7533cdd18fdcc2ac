//! Phase 2: ranking. Longest path gives a feasible ranking; network simplex (Gansner et al.,
//! as in dot and dagre) then minimises Σ weight·(rank(head) − rank(tail)) subject to
//! rank(head) − rank(tail) ≥ min_len, separately for every connected component.
//!
//! The simplex itself is in [`simplex`] (pivots) and [`feasible`] (the initial tree).
//!
//! Bound: pivots are limited so that pivots × (V + E) stays under [`WORK_BUDGET`]; each pivot
//! keeps the ranking feasible, so stopping early only costs edge length, never correctness.
//! (The limit dates from pivots that cost O(V + E) each; pivots are incremental now and much
//! cheaper, but the limit stays as it was so that results do not change.)

#[cfg(test)]
mod equivalence;
mod feasible;
mod simplex;
pub(crate) mod wrap;

use simplex::Simplex;

/// An edge for ranking (already acyclic): `u` must be at least `min_len` ranks above `v`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RankEdge {
    /// Tail.
    pub(crate) u: usize,
    /// Head.
    pub(crate) v: usize,
    /// Minimum rank difference.
    pub(crate) min_len: i32,
    /// Weight (≥ 0).
    pub(crate) weight: f64,
}

/// Upper bound on network simplex work (pivots × (V + E)).
pub(crate) const WORK_BUDGET: usize = 40_000_000;

/// Ranks from the sinks up: every node as low as its successors allow (dagre's `longestPath`).
/// Normalised so the smallest rank is 0.
pub(crate) fn longest_path(n: usize, edges: &[RankEdge]) -> Vec<i32> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for (i, e) in edges.iter().enumerate() {
        out[e.u].push(i);
        indeg[e.v] += 1;
    }
    // Topological order (Kahn, smallest index first for determinism).
    let mut order = Vec::with_capacity(n);
    let mut stack: Vec<usize> = (0..n).rev().filter(|&v| indeg[v] == 0).collect();
    while let Some(v) = stack.pop() {
        order.push(v);
        for &e in out[v].iter().rev() {
            let w = edges[e].v;
            indeg[w] -= 1;
            if indeg[w] == 0 {
                stack.push(w);
            }
        }
    }
    let mut rank = vec![0i32; n];
    for &v in order.iter().rev() {
        let mut r: Option<i32> = None;
        for &e in &out[v] {
            let c = rank[edges[e].v] - edges[e].min_len;
            r = Some(r.map_or(c, |r: i32| r.min(c)));
        }
        rank[v] = r.unwrap_or(0);
    }
    normalize(&mut rank);
    rank
}

fn normalize(rank: &mut [i32]) {
    if let Some(&m) = rank.iter().min() {
        for r in rank.iter_mut() {
            *r -= m;
        }
    }
}

/// Σ weight·length of a ranking.
#[cfg(test)]
pub(crate) fn total_length(edges: &[RankEdge], rank: &[i32]) -> f64 {
    edges
        .iter()
        .map(|e| e.weight * f64::from(rank[e.v] - rank[e.u]))
        .sum()
}

/// Optimal (or budget-bounded) ranking by network simplex, normalised to start at 0.
pub(crate) fn network_simplex(n: usize, edges: &[RankEdge]) -> Vec<i32> {
    network_simplex_from(longest_path(n, edges), edges)
}

/// [`network_simplex`] starting from `rank`, which must meet every edge's `min_len` (a good
/// heuristic solution saves pivots).
pub(crate) fn network_simplex_from(rank: Vec<i32>, edges: &[RankEdge]) -> Vec<i32> {
    #[cfg(test)]
    equivalence::record(&rank, edges);
    by_component(rank, edges, |n, es, r| Simplex::new(n, es).run(r))
}

/// Runs `solve(n, edges, ranks)` on every connected component with edges (nodes and edges
/// renumbered from 0, in order), then shifts each component's ranks to start at 0.
fn by_component(
    mut rank: Vec<i32>,
    edges: &[RankEdge],
    mut solve: impl FnMut(usize, &[RankEdge], &mut [i32]),
) -> Vec<i32> {
    let n = rank.len();
    // Components, so each gets its own spanning tree.
    let mut comp = vec![usize::MAX; n];
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in edges {
        adj[e.u].push(e.v);
        adj[e.v].push(e.u);
    }
    let mut comps: Vec<Vec<usize>> = Vec::new();
    for s in 0..n {
        if comp[s] != usize::MAX {
            continue;
        }
        let c = comps.len();
        comp[s] = c;
        let mut members = vec![s];
        let mut i = 0;
        while i < members.len() {
            let v = members[i];
            i += 1;
            for &w in &adj[v] {
                if comp[w] == usize::MAX {
                    comp[w] = c;
                    members.push(w);
                }
            }
        }
        comps.push(members);
    }
    let mut local = vec![0usize; n];
    let mut comp_edges: Vec<Vec<RankEdge>> = vec![Vec::new(); comps.len()];
    for members in &comps {
        for (i, &v) in members.iter().enumerate() {
            local[v] = i;
        }
    }
    for e in edges {
        comp_edges[comp[e.u]].push(RankEdge {
            u: local[e.u],
            v: local[e.v],
            ..*e
        });
    }
    for (members, es) in comps.iter().zip(&comp_edges) {
        if es.is_empty() {
            continue;
        }
        let mut r: Vec<i32> = members.iter().map(|&v| rank[v]).collect();
        solve(members.len(), es, &mut r);
        let m = r.iter().copied().min().unwrap_or(0);
        for (&v, &x) in members.iter().zip(&r) {
            rank[v] = x - m;
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(u: usize, v: usize, min_len: i32) -> RankEdge {
        RankEdge {
            u,
            v,
            min_len,
            weight: 1.0,
        }
    }

    fn feasible(edges: &[RankEdge], r: &[i32]) -> bool {
        edges.iter().all(|e| r[e.v] - r[e.u] >= e.min_len)
    }

    #[test]
    fn respects_min_len() {
        let edges = [e(0, 1, 3), e(1, 2, 1), e(0, 2, 1), e(3, 4, 2)];
        let r = network_simplex(5, &edges);
        assert!(feasible(&edges, &r));
        assert_eq!(r[1] - r[0], 3);
    }

    #[test]
    fn simplex_beats_longest_path() {
        // A source with a long branch and a short one: longest path pulls the short branch's
        // source down next to the sink; simplex moves node 5 up next to its successor.
        // 0 -> 1 -> 2 -> 3 -> 4, 5 -> 4 and 0 -> 5? Classic: 5 has two successors at different depths.
        let edges = [
            e(0, 1, 1),
            e(1, 2, 1),
            e(2, 3, 1),
            e(3, 4, 1),
            e(5, 1, 1),
            e(5, 6, 1),
            e(6, 4, 1),
            e(5, 7, 1),
            e(7, 8, 1),
        ];
        let lp = longest_path(9, &edges);
        let ns = network_simplex(9, &edges);
        assert!(feasible(&edges, &lp) && feasible(&edges, &ns));
        assert!(
            total_length(&edges, &ns) < total_length(&edges, &lp),
            "ns {} lp {}",
            total_length(&edges, &ns),
            total_length(&edges, &lp)
        );
    }

    #[test]
    fn disconnected_and_empty() {
        assert!(network_simplex(0, &[]).is_empty());
        assert_eq!(network_simplex(3, &[]), vec![0, 0, 0]);
        let edges = [e(0, 1, 1), e(2, 3, 2)];
        let r = network_simplex(4, &edges);
        assert!(feasible(&edges, &r));
    }

    #[test]
    fn deep_chain_does_not_overflow() {
        let edges: Vec<RankEdge> = (0..20_000).map(|i| e(i, i + 1, 1)).collect();
        let r = network_simplex(20_001, &edges);
        assert_eq!(r[20_000], 20_000);
    }
}
