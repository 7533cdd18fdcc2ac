//! The initial spanning tree of tight edges (Gansner et al.'s `feasible_tree`): grow a tree
//! from node 0 through tight edges; when it stops, shift the whole tree toward the closest
//! outside node (the smallest-slack edge with one end in the tree, the first in index order
//! among equals) and grow again.
//!
//! The plain version rescans every edge after every shift; here the crossing edges wait in two
//! heaps (tree end at the tail, tree end at the head) keyed so that shifting the tree is one
//! addition, and a growth round rescans only the members that the shift made tight. The tree
//! comes out identical: members are scanned in the same order, each through its edges in
//! index order, as in the plain version (which is still used when the start breaks an edge's
//! `min_len`, where the heap argument needs slacks ≥ 0).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::simplex::Simplex;

/// Crossing edges by (key, edge index); a min-heap.
type Heap = BinaryHeap<Reverse<(i64, usize)>>;

/// Growth state: the tree's members and the crossing edges.
struct Growth {
    in_tree: Vec<bool>,
    /// Position in `members`.
    pos: Vec<usize>,
    members: Vec<usize>,
    /// Ranks; a member's is stored minus `shift` (the tree moves by changing `shift` alone).
    rank: Vec<i64>,
    shift: i64,
    /// Crossing edges whose tail is in the tree: slack = key − shift.
    out: Heap,
    /// Crossing edges whose head is in the tree: slack = key + shift.
    into: Heap,
}

impl Growth {
    fn true_rank(&self, v: usize) -> i64 {
        if self.in_tree[v] {
            self.rank[v] + self.shift
        } else {
            self.rank[v]
        }
    }

    fn slack(&self, s: &Simplex, e: usize) -> i64 {
        let ed = &s.edges[e];
        self.true_rank(ed.v) - self.true_rank(ed.u) - i64::from(ed.min_len)
    }

    fn join(&mut self, s: &Simplex, w: usize) {
        self.in_tree[w] = true;
        self.pos[w] = self.members.len();
        self.members.push(w);
        self.rank[w] -= self.shift;
        for &e in s.incident(w) {
            let ed = &s.edges[e];
            let o = s.other(e, w);
            if self.in_tree[o] {
                continue;
            }
            let ml = i64::from(ed.min_len);
            if ed.u == w {
                self.out
                    .push(Reverse((self.rank[o] - self.rank[w] - ml, e)));
            } else {
                self.into
                    .push(Reverse((self.rank[w] - self.rank[o] - ml, e)));
            }
        }
    }

    /// The first crossing edge of `heap` (stale entries, now inside the tree, dropped).
    fn top(&self, s: &Simplex, heap: &mut Heap) -> Option<(i64, usize)> {
        while let Some(&Reverse((k, e))) = heap.peek() {
            let ed = &s.edges[e];
            if self.in_tree[ed.u] && self.in_tree[ed.v] {
                heap.pop();
            } else {
                return Some((k, e));
            }
        }
        None
    }
}

impl Simplex {
    /// Grows a tree of tight edges, shifting it toward the closest non-tree node until it spans
    /// the component.
    pub(super) fn feasible_tree(&mut self, rank: &mut [i32]) {
        if (0..self.edges.len()).any(|e| {
            let ed = &self.edges[e];
            rank[ed.v] - rank[ed.u] < ed.min_len
        }) {
            return self.feasible_tree_plain(rank);
        }
        let n = self.n;
        let mut g = Growth {
            in_tree: vec![false; n],
            pos: vec![usize::MAX; n],
            members: Vec::with_capacity(n),
            rank: rank.iter().map(|&r| i64::from(r)).collect(),
            shift: 0,
            out: Heap::new(),
            into: Heap::new(),
        };
        g.join(self, 0);
        let mut scanned = 0;
        // Old members that the last shift gave a tight crossing edge.
        let mut touched: Vec<usize> = Vec::new();
        loop {
            // One growth round: the touched old members in member order, then every new
            // member in the order it joined (the plain version's scan from the first member,
            // minus members that cannot add anything).
            touched.sort_unstable_by_key(|&v| g.pos[v]);
            touched.dedup();
            for &v in &touched {
                self.extend_from(&mut g, v);
            }
            touched.clear();
            while scanned < g.members.len() {
                let v = g.members[scanned];
                scanned += 1;
                self.extend_from(&mut g, v);
            }
            if g.members.len() >= n {
                break;
            }
            let mut out = std::mem::take(&mut g.out);
            let mut into = std::mem::take(&mut g.into);
            let a = g.top(self, &mut out).map(|(k, e)| (k - g.shift, e, true));
            let b = g.top(self, &mut into).map(|(k, e)| (k + g.shift, e, false));
            let best = match (a, b) {
                (Some(a), Some(b)) => Some(if (b.0, b.1) < (a.0, a.1) { b } else { a }),
                (a, b) => a.or(b),
            };
            let Some((s, _, tail_in_tree)) = best else {
                break;
            };
            g.shift += if tail_in_tree { s } else { -s };
            // Every crossing edge now tight: all slacks were ≥ s, so these are the minima.
            while let Some((k, e)) = g.top(self, &mut out) {
                if k - g.shift != 0 {
                    break;
                }
                out.pop();
                touched.push(self.edges[e].u);
            }
            while let Some((k, e)) = g.top(self, &mut into) {
                if k + g.shift != 0 {
                    break;
                }
                into.pop();
                touched.push(self.edges[e].v);
            }
            g.out = out;
            g.into = into;
        }
        for (v, r) in rank.iter_mut().enumerate() {
            *r = g.true_rank(v) as i32;
        }
    }

    /// Adds to the tree every tight edge from member `v` to a non-member, in index order.
    fn extend_from(&mut self, g: &mut Growth, v: usize) {
        for k in 0..self.incident(v).len() {
            let e = self.incident(v)[k];
            let w = self.other(e, v);
            if !g.in_tree[w] && g.slack(self, e) == 0 {
                g.join(self, w);
                self.add_tree_edge(e);
            }
        }
    }

    /// The plain version: rescans all members and all edges after every shift.
    fn feasible_tree_plain(&mut self, rank: &mut [i32]) {
        let mut in_t = vec![false; self.n];
        in_t[0] = true;
        let mut members = vec![0usize];
        loop {
            let mut i = 0;
            while i < members.len() {
                let v = members[i];
                i += 1;
                for k in 0..self.incident(v).len() {
                    let e = self.incident(v)[k];
                    let ed = self.edges[e];
                    let w = self.other(e, v);
                    if !in_t[w] && rank[ed.v] - rank[ed.u] == ed.min_len {
                        in_t[w] = true;
                        members.push(w);
                        self.add_tree_edge(e);
                    }
                }
            }
            if members.len() >= self.n {
                break;
            }
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
}
