//! Compactness on request (`flowchart.netfigMaxRankWidth`): a rank wider than the limit lets
//! its leaves — nodes that only hang from one parent, like the children of a wide fan-out —
//! wrap into extra rows below it, round-robin, so a row of twelve small boxes becomes two
//! staggered rows of six. Off unless the author asks: ranks are otherwise kept as ranking made
//! them.
//!
//! The number of rows is the fewest that meets the limit, else the fewest of the narrowest,
//! as the x placement will draw them ([`Wrap::block_width`]): the edge to a leaf on a lower
//! row passes the rows above as a straight chain, so each further leaf costs half a box, half
//! a gap and an edge's room. A drawing therefore narrows by up to about half, and a third row
//! seldom pays (its edges pass two rows and take the room its boxes save).
//!
//! It only lengthens the moved leaves' edges (`min_len`), and ranking runs again, so every
//! constraint still holds (clusters grow to hold a moved member) and every edge still points
//! down. A leaf has no edge leaving it and one parent, so the edges to the rows below start at
//! that parent and pass between the first row's boxes: in a fan-out they cross nothing. In a
//! denser graph the new ranks can order worse, so `layered::layout` keeps the plain ranks
//! whenever the wrapped drawing has more crossings.

use super::RankEdge;
use crate::layout::layered::build::MAX_SPAN;

/// The most rows a rank is wrapped into.
const MAX_ROWS: usize = 16;

/// What wrapping needs to know about the ranked graph.
pub(crate) struct Wrap<'a> {
    /// Internal widths of the input nodes (the first nodes of the working graph).
    pub(crate) widths: &'a [f64],
    /// Ranks of all working nodes, from a first ranking.
    pub(crate) ranks: &'a [i32],
    /// Which rank edges are nesting edges (not input edges).
    pub(crate) fixed: &'a [bool],
    /// The limit, px across the ranks.
    pub(crate) max: f64,
    /// Gap between neighbouring boxes, px.
    pub(crate) sep: f64,
    /// The room an edge passing a row takes, px (the gaps beside a dummy).
    pub(crate) pass: f64,
    /// Ranks between two rows of nodes (the cluster and label stretch of `build`).
    pub(crate) step: i32,
}

impl Wrap<'_> {
    /// Lengthens the input edges of the leaves that move to a row below, and returns whether
    /// any did (ranking must then run again).
    pub(crate) fn apply(&self, edges: &mut [RankEdge]) -> bool {
        let n = self.widths.len();
        let leaves = self.leaves(edges);
        if leaves.iter().all(Vec::is_empty) {
            return false;
        }
        // Σ width and count of the input nodes on each rank.
        let top = self.ranks[..n].iter().copied().max().unwrap_or(0).max(0) as usize;
        let mut sum = vec![0.0f64; top + 1];
        let mut count = vec![0usize; top + 1];
        for (i, &w) in self.widths.iter().enumerate() {
            let r = self.ranks[i].max(0) as usize;
            sum[r] += w;
            count[r] += 1;
        }
        let mut moved = false;
        for (r, leaves) in leaves.iter().enumerate() {
            if leaves.len() < 2 || span(sum[r], count[r], self.sep) <= self.max {
                continue;
            }
            let Some(rows) = self.rows(r, leaves, &sum, &count) else {
                continue;
            };
            for (j, &leaf) in leaves.iter().enumerate() {
                let row = j % rows;
                if row == 0 {
                    continue;
                }
                let extra = self.step * row as i32;
                for (e, &f) in edges.iter_mut().zip(self.fixed) {
                    if !f && e.v == leaf {
                        e.min_len = (e.min_len + extra).min(MAX_SPAN);
                    }
                }
                // Later ranks see the moved leaf where it now is.
                let to = r + self.step as usize * row;
                if to < sum.len() {
                    sum[to] += self.widths[leaf];
                    count[to] += 1;
                }
                sum[r] -= self.widths[leaf];
                count[r] -= 1;
                moved = true;
            }
        }
        moved
    }

    /// Per rank, its leaves in node order: input nodes with no input edge leaving them and all
    /// their input edges coming from one parent.
    fn leaves(&self, edges: &[RankEdge]) -> Vec<Vec<usize>> {
        let n = self.widths.len();
        let mut out = vec![false; n];
        let mut parent: Vec<Option<Option<usize>>> = vec![None; n];
        for (e, &f) in edges.iter().zip(self.fixed) {
            if f {
                continue;
            }
            if e.u < n {
                out[e.u] = true;
            }
            if e.v < n {
                parent[e.v] = Some(match parent[e.v] {
                    None => Some(e.u),
                    Some(Some(p)) if p == e.u => Some(p),
                    Some(_) => None,
                });
            }
        }
        let top = self.ranks[..n].iter().copied().max().unwrap_or(0).max(0) as usize;
        let mut by_rank = vec![Vec::new(); top + 1];
        for i in 0..n {
            if !out[i] && matches!(parent[i], Some(Some(_))) {
                by_rank[self.ranks[i].max(0) as usize].push(i);
            }
        }
        by_rank
    }

    /// The fewest rows (from 2) that bring rank `r` and the rows its leaves move to within the
    /// limit; if none does, the count with the narrowest block, provided that is narrower than
    /// the rank is now. `None`: wrapping would not help.
    fn rows(&self, r: usize, leaves: &[usize], sum: &[f64], count: &[usize]) -> Option<usize> {
        let now = span(sum[r], count[r], self.sep);
        // Fewer rows win unless more are narrower by a whole gap for every row added: a row
        // more for a few px (leaves of unequal widths pack a little differently) is a
        // staircase, not a gain.
        let mut best: Option<(f64, usize)> = None;
        for rows in 2..=leaves.len().min(MAX_ROWS) {
            let width = self.block_width(r, leaves, rows, sum, count);
            if width <= self.max {
                return Some(rows);
            }
            if best.is_none_or(|(w, b)| width < w - self.sep * (rows - b) as f64) {
                best = Some((width, rows));
            }
        }
        best.filter(|&(w, _)| w < now).map(|(_, rows)| rows)
    }

    /// How wide rank `r` becomes with its leaves dealt round-robin into `rows` rows, as the
    /// x placement draws it: every edge to a lower row passes the rows above it as a straight
    /// vertical chain (a dummy, `pass` wide with its gaps), so the leaves are packed left to
    /// right, each as far left as every row it occupies allows. The other nodes of each row
    /// follow the packed leaves.
    fn block_width(
        &self,
        r: usize,
        leaves: &[usize],
        rows: usize,
        sum: &[f64],
        count: &[usize],
    ) -> f64 {
        let (box_side, pass_side) = (self.sep / 2.0, self.pass / 2.0);
        // Per row: the right end of its last item and the gap that item wants beside it.
        let mut right: Vec<Option<(f64, f64)>> = vec![None; rows];
        let mut widest = 0.0f64;
        for (j, &leaf) in leaves.iter().enumerate() {
            let row = j % rows;
            let half = self.widths[leaf] / 2.0;
            let item = |at: usize| {
                if at == row {
                    (half, box_side)
                } else {
                    (0.0, pass_side)
                }
            };
            let mut x = half;
            for (at, last) in right.iter().enumerate().take(row + 1) {
                let (h, side) = item(at);
                if let Some((end, gap)) = *last {
                    x = x.max(end + gap + side + h);
                }
            }
            for (at, last) in right.iter_mut().enumerate().take(row + 1) {
                let (h, side) = item(at);
                *last = Some((x + h, side));
            }
            widest = widest.max(x + half);
        }
        // The rows' other nodes: on the leaves' own rank those that are not leaves, below
        // whatever already sits on the rank a row moves to.
        let (leaf_sum, leaf_count) = (
            leaves.iter().map(|&l| self.widths[l]).sum::<f64>(),
            leaves.len(),
        );
        for (row, last) in right.iter().enumerate() {
            let at = r + self.step as usize * row;
            let (others, n) = if row == 0 {
                (sum[r] - leaf_sum, count[r] - leaf_count)
            } else if at < sum.len() {
                (sum[at], count[at])
            } else {
                (0.0, 0)
            };
            if n > 0 {
                let end = last.map_or(0.0, |(end, _)| end + self.sep);
                widest = widest.max(end + span(others, n, self.sep));
            }
        }
        widest
    }
}

/// The width of `count` boxes totalling `sum`, `sep` apart.
fn span(sum: f64, count: usize, sep: f64) -> f64 {
    sum + sep * count.saturating_sub(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(u: usize, v: usize) -> RankEdge {
        RankEdge {
            u,
            v,
            min_len: 1,
            weight: 1.0,
        }
    }

    /// A fan-out: node 0 above `k` children of width 60.
    fn fan(k: usize) -> (Vec<f64>, Vec<i32>, Vec<RankEdge>) {
        let mut widths = vec![60.0; k + 1];
        widths[0] = 100.0;
        let mut ranks = vec![1; k + 1];
        ranks[0] = 0;
        let edges = (1..=k).map(|i| edge(0, i)).collect();
        (widths, ranks, edges)
    }

    fn wrap<'a>(widths: &'a [f64], ranks: &'a [i32], fixed: &'a [bool], max: f64) -> Wrap<'a> {
        Wrap {
            widths,
            ranks,
            fixed,
            max,
            sep: 50.0,
            pass: 20.0,
            step: 1,
        }
    }

    #[test]
    fn a_wide_fan_out_wraps_into_two_rows_alternately() {
        let (widths, ranks, mut edges) = fan(8);
        let fixed = vec![false; edges.len()];
        // One row: 8 × 60 + 7 × 50 = 830 px. Two: each leaf half a box, half a gap and an
        // edge's room right of the one before: 60 + 7 × 65 = 515.
        assert!(wrap(&widths, &ranks, &fixed, 600.0).apply(&mut edges));
        let lens: Vec<i32> = edges.iter().map(|e| e.min_len).collect();
        assert_eq!(lens, [1, 2, 1, 2, 1, 2, 1, 2]);
    }

    #[test]
    fn more_rows_than_two_only_when_they_are_narrower() {
        let (widths, ranks, mut edges) = fan(9);
        let fixed = vec![false; edges.len()];
        // No count of rows reaches 450 px: a third row's edges pass both rows above and take
        // the room its boxes save, so two rows (the fewest of the narrowest) it is.
        assert!(wrap(&widths, &ranks, &fixed, 450.0).apply(&mut edges));
        let lens: Vec<i32> = edges.iter().map(|e| e.min_len).collect();
        assert_eq!(lens, [1, 2, 1, 2, 1, 2, 1, 2, 1]);
    }

    #[test]
    fn leaves_of_unequal_widths_make_two_rows_not_a_staircase() {
        let (mut widths, ranks, mut edges) = fan(12);
        for (i, w) in widths.iter_mut().enumerate().skip(1) {
            *w = 80.0 + (i % 5) as f64 * 9.0;
        }
        let fixed = vec![false; edges.len()];
        assert!(wrap(&widths, &ranks, &fixed, 400.0).apply(&mut edges));
        assert!(edges.iter().all(|e| e.min_len <= 2), "{edges:?}");
    }

    #[test]
    fn a_rank_within_the_limit_is_kept() {
        let (widths, ranks, mut edges) = fan(8);
        let fixed = vec![false; edges.len()];
        assert!(!wrap(&widths, &ranks, &fixed, 830.0).apply(&mut edges));
        assert!(edges.iter().all(|e| e.min_len == 1));
    }

    #[test]
    fn nodes_with_children_or_two_parents_stay() {
        // 0 → 1..=4; 1 → 5 (1 has a child); 6 → 2 (2 has two parents).
        let widths = vec![60.0; 7];
        let ranks = vec![0, 1, 1, 1, 1, 2, 0];
        let mut edges = vec![
            edge(0, 1),
            edge(0, 2),
            edge(0, 3),
            edge(0, 4),
            edge(1, 5),
            edge(6, 2),
        ];
        let fixed = vec![false; edges.len()];
        assert!(wrap(&widths, &ranks, &fixed, 200.0).apply(&mut edges));
        // Leaves of rank 1: 3 and 4; the second of them moves.
        let lens: Vec<i32> = edges.iter().map(|e| e.min_len).collect();
        assert_eq!(lens, [1, 1, 1, 2, 1, 1]);
    }

    #[test]
    fn nesting_edges_are_never_lengthened_and_do_not_make_parents() {
        let (widths, ranks, mut edges) = fan(4);
        // A cluster border (node 5) nests child 1: not an input edge.
        edges.push(edge(5, 1));
        let mut fixed = vec![false; 4];
        fixed.push(true);
        let mut ranks = ranks;
        ranks.push(0);
        assert!(wrap(&widths, &ranks, &fixed, 200.0).apply(&mut edges));
        assert_eq!(edges[4].min_len, 1);
    }
}
