//! Phase 2: ranking. Longest path gives a feasible ranking; network simplex (Gansner et al.,
//! as in dot and dagre) then minimises Σ weight·(rank(head) − rank(tail)) subject to
//! rank(head) − rank(tail) ≥ min_len, separately for every connected component.
//!
//! Bound: pivots are limited so that pivots × (V + E) stays under [`WORK_BUDGET`]; each pivot
//! keeps the ranking feasible, so stopping early only costs edge length, never correctness.

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
pub(crate) fn network_simplex_from(mut rank: Vec<i32>, edges: &[RankEdge]) -> Vec<i32> {
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
        Simplex::new(members.len(), es).run(&mut r);
        let m = r.iter().copied().min().unwrap_or(0);
        for (&v, &x) in members.iter().zip(&r) {
            rank[v] = x - m;
        }
    }
    rank
}

struct Simplex {
    n: usize,
    edges: Vec<RankEdge>,
    inc: Vec<Vec<usize>>,
    in_tree: Vec<bool>,
    tree_adj: Vec<Vec<usize>>,
    cut: Vec<f64>,
    low: Vec<usize>,
    lim: Vec<usize>,
    parent_edge: Vec<Option<usize>>,
    postorder: Vec<usize>,
}

impl Simplex {
    fn new(n: usize, edges: &[RankEdge]) -> Self {
        // Merge multi-edges: sum weights, max min_len (dagre's `simplify`).
        let mut sorted: Vec<RankEdge> = edges.to_vec();
        sorted.sort_by_key(|e| (e.u, e.v));
        let mut merged: Vec<RankEdge> = Vec::new();
        for e in sorted {
            match merged.last_mut() {
                Some(m) if m.u == e.u && m.v == e.v => {
                    m.weight += e.weight;
                    m.min_len = m.min_len.max(e.min_len);
                }
                _ => merged.push(e),
            }
        }
        let mut inc = vec![Vec::new(); n];
        for (i, e) in merged.iter().enumerate() {
            inc[e.u].push(i);
            inc[e.v].push(i);
        }
        let m = merged.len();
        Simplex {
            n,
            edges: merged,
            inc,
            in_tree: vec![false; m],
            tree_adj: vec![Vec::new(); n],
            cut: vec![0.0; m],
            low: vec![0; n],
            lim: vec![0; n],
            parent_edge: vec![None; n],
            postorder: Vec::with_capacity(n),
        }
    }

    fn slack(&self, e: usize, rank: &[i32]) -> i32 {
        let e = &self.edges[e];
        rank[e.v] - rank[e.u] - e.min_len
    }

    fn run(&mut self, rank: &mut [i32]) {
        self.feasible_tree(rank);
        self.init_low_lim();
        self.init_cut_values();
        let budget = (WORK_BUDGET / (self.n + self.edges.len() + 1)).max(50);
        for _ in 0..budget {
            let Some(leave) =
                (0..self.edges.len()).find(|&e| self.in_tree[e] && self.cut[e] < -1e-9)
            else {
                break;
            };
            let Some(enter) = self.enter_edge(leave, rank) else {
                break;
            };
            self.exchange(leave, enter, rank);
        }
    }

    /// Grows a tree of tight edges, shifting it toward the closest non-tree node until it spans
    /// the component.
    fn feasible_tree(&mut self, rank: &mut [i32]) {
        let mut in_t = vec![false; self.n];
        in_t[0] = true;
        let mut members = vec![0usize];
        let mut size = 1;
        loop {
            // Extend through tight edges.
            let mut i = 0;
            while i < members.len() {
                let v = members[i];
                i += 1;
                for k in 0..self.inc[v].len() {
                    let e = self.inc[v][k];
                    let ed = self.edges[e];
                    let w = if ed.u == v { ed.v } else { ed.u };
                    if !in_t[w] && self.slack(e, rank) == 0 {
                        in_t[w] = true;
                        members.push(w);
                        self.add_tree_edge(e);
                        size += 1;
                    }
                }
            }
            if size >= self.n {
                break;
            }
            // Smallest-slack edge with exactly one end in the tree.
            let mut best: Option<(i32, usize)> = None;
            for (e, ed) in self.edges.iter().enumerate() {
                if in_t[ed.u] != in_t[ed.v] {
                    let s = rank[ed.v] - rank[ed.u] - ed.min_len;
                    if best.is_none_or(|(b, _)| s < b) {
                        best = Some((s, e));
                    }
                }
            }
            let Some((s, e)) = best else { break };
            let delta = if in_t[self.edges[e].u] { s } else { -s };
            for &v in &members {
                rank[v] += delta;
            }
        }
    }

    fn add_tree_edge(&mut self, e: usize) {
        self.in_tree[e] = true;
        let ed = self.edges[e];
        self.tree_adj[ed.u].push(e);
        self.tree_adj[ed.v].push(e);
    }

    fn other(&self, e: usize, v: usize) -> usize {
        let ed = &self.edges[e];
        if ed.u == v {
            ed.v
        } else {
            ed.u
        }
    }

    /// Post-order numbering from node 0 (iterative: chains may be thousands deep).
    fn init_low_lim(&mut self) {
        self.postorder.clear();
        let mut next = 1usize;
        let mut visited = vec![false; self.n];
        let mut stack: Vec<(usize, usize, usize)> = vec![(0, 0, next)];
        visited[0] = true;
        self.parent_edge[0] = None;
        while let Some(top) = stack.last_mut() {
            let (v, i, low) = *top;
            if i < self.tree_adj[v].len() {
                top.1 += 1;
                let e = self.tree_adj[v][i];
                let w = self.other(e, v);
                if !visited[w] {
                    visited[w] = true;
                    self.parent_edge[w] = Some(e);
                    stack.push((w, 0, next));
                }
            } else {
                self.low[v] = low;
                self.lim[v] = next;
                next += 1;
                self.postorder.push(v);
                stack.pop();
            }
        }
    }

    fn init_cut_values(&mut self) {
        for k in 0..self.postorder.len() {
            let v = self.postorder[k];
            if let Some(e) = self.parent_edge[v] {
                self.cut[e] = self.calc_cut_value(v, e);
            }
        }
    }

    fn calc_cut_value(&self, child: usize, pe: usize) -> f64 {
        let child_is_tail = self.edges[pe].u == child;
        let mut cut = self.edges[pe].weight;
        for &f in &self.inc[child] {
            if f == pe {
                continue;
            }
            let is_out = self.edges[f].u == child;
            let points_to_head = is_out == child_is_tail;
            let w = self.edges[f].weight;
            cut += if points_to_head { w } else { -w };
            if self.in_tree[f] {
                let c = self.cut[f];
                cut += if points_to_head { -c } else { c };
            }
        }
        cut
    }

    fn is_descendant(&self, v: usize, root: usize) -> bool {
        self.low[root] <= self.lim[v] && self.lim[v] <= self.lim[root]
    }

    fn enter_edge(&self, leave: usize, rank: &[i32]) -> Option<usize> {
        let (v, w) = (self.edges[leave].u, self.edges[leave].v);
        let (tail, flip) = if self.lim[v] > self.lim[w] {
            (w, true)
        } else {
            (v, false)
        };
        let mut best: Option<(i32, usize)> = None;
        for (e, ed) in self.edges.iter().enumerate() {
            if e == leave || self.in_tree[e] {
                continue;
            }
            if flip == self.is_descendant(ed.u, tail) && flip != self.is_descendant(ed.v, tail) {
                let s = self.slack(e, rank);
                if best.is_none_or(|(b, _)| s < b) {
                    best = Some((s, e));
                }
            }
        }
        best.map(|(_, e)| e)
    }

    fn exchange(&mut self, leave: usize, enter: usize, rank: &mut [i32]) {
        self.in_tree[leave] = false;
        let ed = self.edges[leave];
        self.tree_adj[ed.u].retain(|&x| x != leave);
        self.tree_adj[ed.v].retain(|&x| x != leave);
        self.add_tree_edge(enter);
        self.init_low_lim();
        self.init_cut_values();
        // Re-derive ranks from the root along tree edges (pre-order = reverse post-order).
        for k in (0..self.postorder.len()).rev() {
            let v = self.postorder[k];
            if let Some(e) = self.parent_edge[v] {
                let ed = self.edges[e];
                rank[v] = if ed.v == v {
                    rank[ed.u] + ed.min_len
                } else {
                    rank[ed.v] - ed.min_len
                };
            }
        }
    }
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
