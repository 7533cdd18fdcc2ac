//! Sibling clusters swapped as blocks, after the ordering's sweeps. Sweeps move a cluster only
//! as far as its members' barycenters pull it, and sibling clusters keep one relative order in
//! every rank; an order where two siblings trade places can cross less (a cluster that fans out
//! to both of its siblings belongs at one end, not between them) and no sweep reaches it. So
//! each pair of siblings next to each other in their common order is tried swapped, in every
//! rank at once, and the swap is kept where the count drops.
//!
//! A swap keeps the ordering's promises: clusters stay contiguous, and siblings keep one
//! relative order in all ranks (two siblings adjacent in a linear extension of the ranks'
//! orders have no sibling that must lie between them, so exchanging them gives another one).
//!
//! Bounds: graphs with at most [`MAX_CLUSTERS`] clusters and [`MAX_NODES`] layer nodes, at most
//! [`MAX_ROUNDS`] rounds over all pairs and [`MAX_TRIES`] tries in all; each try is a few
//! sweeps under the swapped order (its blocks' members settle among their new neighbours).

use super::work::Work;

/// Most clusters for which swaps are tried.
pub(crate) const MAX_CLUSTERS: usize = 32;
/// Most layer nodes for which swaps are tried.
pub(crate) const MAX_NODES: usize = 1_000;
/// Most rounds over all pairs.
pub(crate) const MAX_ROUNDS: usize = 4;
/// Most swaps tried in all (each costs a few sweeps: without this bound, ordering took about
/// twice as long on graphs of many clusters, which seldom gain from a swap).
pub(crate) const MAX_TRIES: usize = 12;

/// Whether swaps are tried on `work`.
pub(crate) fn wanted(work: &Work) -> bool {
    let nc = work.clusters.len();
    (2..=MAX_CLUSTERS).contains(&nc) && work.nodes.len() <= MAX_NODES
}

/// One linear extension of the sibling orders of `layers` (`paths[v]`: node `v`'s clusters
/// from the outermost): every cluster once, each before the siblings (same parent, `None` for
/// top-level ones) it precedes in some rank. `None` if the ranks disagree (never after sweeps).
pub(crate) fn common_order(
    work: &Work,
    layers: &[Vec<usize>],
    paths: &[Vec<usize>],
) -> Option<Vec<usize>> {
    let nc = work.clusters.len();
    // Precedence between siblings: consecutive sibling blocks of every rank.
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); nc];
    let mut indeg = vec![0usize; nc];
    for layer in layers {
        // The last cluster seen at each depth: a different one with the same parent is the
        // next sibling block (clusters are contiguous, so nothing of another parent is between).
        let mut last: Vec<Option<usize>> = Vec::new();
        for &v in layer {
            for (d, &c) in paths[v].iter().enumerate() {
                if last.len() <= d {
                    last.resize(d + 1, None);
                }
                match last[d] {
                    Some(p) if p == c => {}
                    Some(p) if work.clusters[p].parent == work.clusters[c].parent => {
                        if !after[p].contains(&c) {
                            after[p].push(c);
                            indeg[c] += 1;
                        }
                        last[d] = Some(c);
                    }
                    _ => last[d] = Some(c),
                }
            }
        }
    }
    // Kahn's algorithm, smallest index first.
    let mut order = Vec::with_capacity(nc);
    let mut ready: std::collections::BTreeSet<usize> = (0..nc).filter(|&c| indeg[c] == 0).collect();
    while let Some(c) = ready.pop_first() {
        order.push(c);
        for &d in &after[c] {
            indeg[d] -= 1;
            if indeg[d] == 0 {
                ready.insert(d);
            }
        }
    }
    (order.len() == nc).then_some(order)
}

/// The places `(i, j)`, `i < j`, in `order` (a [`common_order`]) of siblings with no sibling
/// between them: exchanging the two gives another linear extension.
pub(crate) fn adjacent_pairs(work: &Work, order: &[usize]) -> Vec<(usize, usize)> {
    let nc = work.clusters.len();
    let mut pairs = Vec::new();
    let mut last_of_parent: Vec<Option<usize>> = vec![None; nc + 1];
    for (j, &c) in order.iter().enumerate() {
        let slot = work.clusters[c].parent.unwrap_or(nc);
        if let Some(i) = last_of_parent[slot] {
            pairs.push((i, j));
        }
        last_of_parent[slot] = Some(j);
    }
    pairs
}

/// `layers` with the blocks of clusters `a` and `b` exchanged in every rank holding both.
pub(crate) fn swapped(
    layers: &[Vec<usize>],
    paths: &[Vec<usize>],
    a: usize,
    b: usize,
) -> Vec<Vec<usize>> {
    layers
        .iter()
        .map(|layer| {
            let block = |c: usize| {
                let first = layer.iter().position(|&v| paths[v].contains(&c))?;
                let len = layer[first..]
                    .iter()
                    .take_while(|&&v| paths[v].contains(&c))
                    .count();
                Some(first..first + len)
            };
            let (Some(x), Some(y)) = (block(a), block(b)) else {
                return layer.clone();
            };
            let (x, y) = if x.start < y.start { (x, y) } else { (y, x) };
            let mut out = Vec::with_capacity(layer.len());
            out.extend_from_slice(&layer[..x.start]);
            out.extend_from_slice(&layer[y.clone()]);
            out.extend_from_slice(&layer[x.end..y.start]);
            out.extend_from_slice(&layer[x]);
            out.extend_from_slice(&layer[y.end..]);
            out
        })
        .collect()
}
