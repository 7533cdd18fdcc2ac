//! The network simplex as it was before incremental pivots (every pivot recomputed low/lim,
//! all cut values and all ranks, and the feasible tree rescanned every edge after every
//! shift): kept verbatim, apart from the pivot trace and the cut value accessor, as the test
//! oracle that the fast version must match pivot for pivot, rank for rank.

use crate::layout::layered::rank::{RankEdge, WORK_BUDGET};

/// The solver for one connected component (see [`crate::layout::layered::rank::by_component`]).
pub(super) struct Simplex {
    /// Every pivot (leaving edge, entering edge).
    pub(super) trace: Vec<(usize, usize)>,
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
    pub(super) fn new(n: usize, edges: &[RankEdge]) -> Self {
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
            trace: Vec::new(),
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

    /// The cut value of every tree edge, as bits.
    #[cfg(test)]
    pub(super) fn tree_cuts(&self) -> Vec<(usize, u64)> {
        (0..self.edges.len())
            .filter(|&e| self.in_tree[e])
            .map(|e| (e, self.cut[e].to_bits()))
            .collect()
    }

    pub(super) fn run(&mut self, rank: &mut [i32]) {
        self.feasible_tree(rank);
        self.init_low_lim();
        self.init_cut_values();
        let budget = (WORK_BUDGET / (self.n + self.edges.len() + 1)).max(50);
        let mut from = 0;
        for _ in 0..budget {
            let m = self.edges.len();
            let Some(leave) = crate::layout::layered::rank::simplex::leave_edge(
                m,
                &mut from,
                |e| self.in_tree[e] && self.cut[e] < -1e-9,
                |e| self.cut[e],
            ) else {
                break;
            };
            let Some(enter) = self.enter_edge(leave, rank) else {
                break;
            };
            self.trace.push((leave, enter));
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
