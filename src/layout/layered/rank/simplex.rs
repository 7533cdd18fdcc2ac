//! Network simplex on one connected component, with incremental pivots as in Graphviz dot
//! (`lib/dotgen/ns.c`: `update`, `treeupdate`, `rerank`): a pivot recomputes cut values only
//! on the tree paths from the two edges to their lowest common ancestor, moves only the
//! subtree that hangs from the leaving edge, and, instead of dot's renumbering of the whole
//! subtree of the ancestor (`dfs_range`), moves the subtree's block within the post-order.
//!
//! The pivots are exactly those of the plain implementation kept as the tests' oracle (leave:
//! dot's search, [`leave_edge`]; enter: the first non-tree edge in index order with the
//! smallest slack among those crossing the leaving edge's cut the same way), and the cut values are
//! bit-for-bit those of a full recomputation (see [`Simplex::exchange`]), so the result does not
//! depend on floating-point summation order.

use super::{RankEdge, WORK_BUDGET};

/// No parent edge (the root).
pub(super) const NONE: usize = usize::MAX;

/// How many negative tree edges the search for a leaving edge looks at (dot's `searchsize`).
pub(super) const SEARCH_SIZE: usize = 30;

/// dot's choice of the leaving edge: scanning the edges cyclically from where the last search
/// stopped, the most negative cut value among the first [`SEARCH_SIZE`] negative tree edges
/// (the first found among equals). Far fewer pivots than taking the first negative edge.
pub(super) fn leave_edge(
    m: usize,
    from: &mut usize,
    negative: impl Fn(usize) -> bool,
    cut: impl Fn(usize) -> f64,
) -> Option<usize> {
    let start = (*from).min(m);
    let mut best: Option<usize> = None;
    let mut count = 0;
    for e in (start..m).chain(0..start) {
        if negative(e) {
            if best.is_none_or(|b| cut(e) < cut(b)) {
                best = Some(e);
            }
            count += 1;
            if count >= SEARCH_SIZE {
                *from = e;
                return best;
            }
        }
    }
    best
}

/// Cut values below this count as negative (weights are floats).
const NEGATIVE: f64 = -1e-9;

pub(super) struct Simplex {
    pub(super) n: usize,
    /// Merged edges (parallel edges summed).
    pub(super) edges: Vec<RankEdge>,
    /// `inc[inc_start[v]..inc_start[v + 1]]`: the edges at `v`, in index order.
    inc_start: Vec<usize>,
    inc: Vec<usize>,
    pub(super) in_tree: Vec<bool>,
    /// Tree edges at every node (any order).
    pub(super) tree_adj: Vec<Vec<usize>>,
    /// Cut value of every tree edge.
    cut: Vec<f64>,
    /// Bit set of the tree edges whose cut value is negative.
    negative: Vec<u64>,
    /// Position of every node in a post-order of the tree rooted at node 0, and the size of
    /// its subtree: the subtree of `v` is `by_lim[lim[v] + 1 - size[v]..=lim[v]]`.
    lim: Vec<usize>,
    size: Vec<usize>,
    by_lim: Vec<usize>,
    /// Edge to the parent in the tree rooted at node 0 ([`NONE`] for the root).
    parent_edge: Vec<usize>,
    /// Reused depth-first stack: (node, next tree edge index, low).
    stack: Vec<(usize, usize, usize)>,
    /// Every pivot (leaving edge, entering edge), for the tests.
    #[cfg(test)]
    pub(super) trace: Vec<(usize, usize)>,
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
        let mut inc_start = vec![0usize; n + 1];
        for e in &merged {
            inc_start[e.u + 1] += 1;
            inc_start[e.v + 1] += 1;
        }
        for v in 0..n {
            inc_start[v + 1] += inc_start[v];
        }
        let mut fill = inc_start.clone();
        let mut inc = vec![0usize; inc_start[n]];
        for (i, e) in merged.iter().enumerate() {
            for end in [e.u, e.v] {
                inc[fill[end]] = i;
                fill[end] += 1;
            }
        }
        let m = merged.len();
        Simplex {
            n,
            edges: merged,
            inc_start,
            inc,
            in_tree: vec![false; m],
            tree_adj: vec![Vec::new(); n],
            cut: vec![0.0; m],
            negative: vec![0; m.div_ceil(64)],
            lim: vec![0; n],
            size: vec![0; n],
            by_lim: vec![0; n],
            parent_edge: vec![NONE; n],
            stack: Vec::new(),
            #[cfg(test)]
            trace: Vec::new(),
        }
    }

    /// The edges at `v`, in index order.
    pub(super) fn incident(&self, v: usize) -> &[usize] {
        &self.inc[self.inc_start[v]..self.inc_start[v + 1]]
    }

    pub(super) fn other(&self, e: usize, v: usize) -> usize {
        let ed = &self.edges[e];
        if ed.u == v {
            ed.v
        } else {
            ed.u
        }
    }

    fn slack(&self, e: usize, rank: &[i32]) -> i32 {
        let e = &self.edges[e];
        rank[e.v] - rank[e.u] - e.min_len
    }

    pub(super) fn add_tree_edge(&mut self, e: usize) {
        self.in_tree[e] = true;
        let ed = self.edges[e];
        self.tree_adj[ed.u].push(e);
        self.tree_adj[ed.v].push(e);
    }

    fn remove_tree_edge(&mut self, e: usize) {
        self.in_tree[e] = false;
        self.set_negative(e, false);
        let ed = self.edges[e];
        for end in [ed.u, ed.v] {
            let adj = &mut self.tree_adj[end];
            if let Some(i) = adj.iter().position(|&x| x == e) {
                adj.swap_remove(i);
            }
        }
    }

    /// The cut value of every tree edge, as bits.
    #[cfg(test)]
    pub(super) fn tree_cuts(&self) -> Vec<(usize, u64)> {
        (0..self.edges.len())
            .filter(|&e| self.in_tree[e])
            .map(|e| (e, self.cut[e].to_bits()))
            .collect()
    }

    /// Checks the post-order bookkeeping against the tree: positions and `by_lim` agree, every
    /// parent edge is a tree edge, every subtree's size is one plus its children's, and every
    /// subtree's block lies inside its parent's, before the parent.
    #[cfg(test)]
    pub(super) fn assert_numbering(&self) {
        let mut sizes = vec![1usize; self.n];
        for (i, &v) in self.by_lim.iter().enumerate() {
            assert_eq!(self.lim[v], i);
            let e = self.parent_edge[v];
            if e == NONE {
                assert_eq!(i, self.n - 1, "only the root comes last");
                continue;
            }
            assert!(self.in_tree[e]);
            let p = self.parent(v);
            assert_eq!(self.size[v], sizes[v], "size of {v}");
            sizes[p] += sizes[v];
            let ((a, b), (pa, pb)) = (self.span(v), self.span(p));
            assert!(pa <= a && b < pb, "block of {v} inside its parent's");
        }
        assert_eq!(self.size[self.by_lim[self.n - 1]], self.n);
    }

    pub(super) fn run(&mut self, rank: &mut [i32]) {
        self.feasible_tree(rank);
        self.parent_edge[0] = NONE;
        self.dfs_range(0, 0);
        for k in 0..self.n {
            let v = self.by_lim[k];
            let e = self.parent_edge[v];
            if e != NONE {
                let c = self.calc_cut_value(v, e);
                self.set_cut(e, c);
            }
        }
        let budget = (WORK_BUDGET / (self.n + self.edges.len() + 1)).max(50);
        let mut from = 0;
        for _ in 0..budget {
            let m = self.edges.len();
            let Some(leave) = leave_edge(m, &mut from, |e| self.is_negative(e), |e| self.cut[e])
            else {
                break;
            };
            let Some(enter) = self.enter_edge(leave, rank) else {
                break;
            };
            #[cfg(test)]
            self.trace.push((leave, enter));
            self.exchange(leave, enter, rank);
        }
    }

    fn set_negative(&mut self, e: usize, on: bool) {
        let bit = 1u64 << (e % 64);
        if on {
            self.negative[e / 64] |= bit;
        } else {
            self.negative[e / 64] &= !bit;
        }
    }

    fn set_cut(&mut self, e: usize, value: f64) {
        self.cut[e] = value;
        self.set_negative(e, value < NEGATIVE);
    }

    fn is_negative(&self, e: usize) -> bool {
        self.negative[e / 64] & (1u64 << (e % 64)) != 0
    }

    /// Numbers the subtree of `root` in post-order from `low` (iterative: chains may be
    /// thousands deep), setting the parent edges below `root`.
    fn dfs_range(&mut self, root: usize, low: usize) {
        let mut next = low;
        let mut stack = std::mem::take(&mut self.stack);
        stack.clear();
        stack.push((root, 0, next));
        while let Some(top) = stack.last_mut() {
            let (v, i, low) = *top;
            if let Some(&e) = self.tree_adj[v].get(i) {
                top.1 += 1;
                if e != self.parent_edge[v] {
                    let w = self.other(e, v);
                    self.parent_edge[w] = e;
                    stack.push((w, 0, next));
                }
            } else {
                self.lim[v] = next;
                self.size[v] = next + 1 - low;
                self.by_lim[next] = v;
                next += 1;
                stack.pop();
            }
        }
        self.stack = stack;
    }

    /// Cut value of the tree edge `pe` from `child` to its parent, from the cut values of the
    /// tree edges to `child`'s children (the same sum, in the same order, as a full
    /// recomputation in post-order).
    fn calc_cut_value(&self, child: usize, pe: usize) -> f64 {
        let child_is_tail = self.edges[pe].u == child;
        let mut cut = self.edges[pe].weight;
        for &f in self.incident(child) {
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
        self.lim[v] <= self.lim[root] && self.lim[v] + self.size[root] > self.lim[root]
    }

    /// The first and last post-order positions of the subtree of `v`.
    fn span(&self, v: usize) -> (usize, usize) {
        (self.lim[v] + 1 - self.size[v], self.lim[v])
    }

    fn parent(&self, v: usize) -> usize {
        self.other(self.parent_edge[v], v)
    }

    /// The non-tree edge with the smallest slack (the first in index order among equals) that
    /// crosses the cut of `leave` in the direction `leave` does. Only the edges at the smaller
    /// side of the cut are looked at.
    fn enter_edge(&self, leave: usize, rank: &[i32]) -> Option<usize> {
        let (v, w) = (self.edges[leave].u, self.edges[leave].v);
        let (tail, flip) = if self.lim[v] > self.lim[w] {
            (w, true)
        } else {
            (v, false)
        };
        let (lo, hi) = self.span(tail);
        let mut best: Option<(i32, usize)> = None;
        let mut consider = |z: usize| {
            for &e in self.incident(z) {
                if self.in_tree[e] {
                    continue;
                }
                let ed = &self.edges[e];
                if flip == self.is_descendant(ed.u, tail) && flip != self.is_descendant(ed.v, tail)
                {
                    let s = self.slack(e, rank);
                    if best.is_none_or(|b| (s, e) < b) {
                        best = Some((s, e));
                    }
                }
            }
        };
        if 2 * (hi - lo + 1) <= self.n {
            self.by_lim[lo..=hi].iter().for_each(|&z| consider(z));
        } else {
            let outside = self.by_lim[..lo].iter().chain(&self.by_lim[hi + 1..]);
            outside.for_each(|&z| consider(z));
        }
        best.map(|(_, e)| e)
    }

    /// Swaps `enter` for `leave` in the tree. The subtree that hangs from `leave` moves so
    /// `enter` becomes tight, and its block of the post-order moves next to its new parent
    /// (renumbered inside, as it is re-rooted; the nodes in between shift). Cut values are
    /// recomputed, child before parent, for exactly the nodes whose subtree changed (the tree
    /// paths from both edges up to their lowest common ancestor), then up from the ancestor
    /// until a value comes out bit-identical to the old one: above the ancestor the exact
    /// values do not change, but rounding may, and then so do the ancestors' sums.
    fn exchange(&mut self, leave: usize, enter: usize, rank: &mut [i32]) {
        let le = self.edges[leave];
        let (parent, child) = if self.lim[le.u] > self.lim[le.v] {
            (le.u, le.v)
        } else {
            (le.v, le.u)
        };
        let ee = self.edges[enter];
        let (inner, outer) = if self.is_descendant(ee.u, child) {
            (ee.u, ee.v)
        } else {
            (ee.v, ee.u)
        };
        let (first, last) = self.span(child);
        let moved = self.size[child];
        let target = if ee.v == inner {
            rank[outer] + ee.min_len
        } else {
            rank[outer] - ee.min_len
        };
        let delta = target - rank[inner];
        if delta != 0 {
            for &v in &self.by_lim[first..=last] {
                rank[v] += delta;
            }
        }
        // The common ancestor; the subtrees on the way up gain or lose the moved block.
        let mut lca = outer;
        while !self.is_descendant(parent, lca) {
            self.size[lca] += moved;
            lca = self.parent(lca);
        }
        let mut z = parent;
        while z != lca {
            self.size[z] -= moved;
            z = self.parent(z);
        }
        // Move the block to just before `outer` in the post-order.
        let at = self.lim[outer];
        let start = if at > last {
            self.by_lim.copy_within(last + 1..at, first);
            at - moved
        } else {
            self.by_lim.copy_within(at..first, at + moved);
            at
        };
        let shifted = if at > last {
            first..at - moved
        } else {
            at + moved..last + 1
        };
        for i in shifted {
            self.lim[self.by_lim[i]] = i;
        }
        self.remove_tree_edge(leave);
        self.add_tree_edge(enter);
        self.parent_edge[inner] = enter;
        self.dfs_range(inner, start);
        for from in [child, parent] {
            let mut z = from;
            while z != lca {
                let e = self.parent_edge[z];
                let c = self.calc_cut_value(z, e);
                self.set_cut(e, c);
                z = self.other(e, z);
            }
        }
        let mut z = lca;
        while self.parent_edge[z] != NONE {
            let e = self.parent_edge[z];
            let c = self.calc_cut_value(z, e);
            let unchanged = c.to_bits() == self.cut[e].to_bits();
            self.set_cut(e, c);
            if unchanged {
                break;
            }
            z = self.other(e, z);
        }
    }
}
