//! Links through foreign clusters, for the ordering's crossing count. A link between two ranks a
//! cluster spans, with neither end in the cluster, that runs from one side of the cluster's
//! block to the other, is drawn straight across the cluster's box: it enters and leaves it, two
//! crossings of its border, and it cuts through whatever the cluster holds there. The bilayer
//! count sees none of it (cluster walls are no links), so sweeps would happily route a fan-out's
//! long edges through a neighbouring cluster; counting each such pass as two crossings keeps
//! them out where an order without them exists.
//!
//! Cost: every drawn link is checked against every cluster present in both its ranks; graphs
//! where that exceeds [`MAX_CHECKS`] per count are not checked at all (their passes count 0).

use super::work::Work;

/// Most link-cluster checks per count.
pub(crate) const MAX_CHECKS: usize = 200_000;

/// What counting passes needs, computed once per ordering.
#[derive(Debug, Clone)]
pub(crate) struct Passes {
    /// Per rank `r`: the clusters with a node (member, border or marker, at any depth) in both
    /// `r` and `r + 1`.
    both: Vec<Vec<usize>>,
    /// Scratch: per cluster, its first and last position in the upper and the lower rank.
    upper: Vec<(usize, usize)>,
    lower: Vec<(usize, usize)>,
}

impl Passes {
    /// The pass counter for `work` (its layers filled, `paths[v]` the clusters of node `v`
    /// from the outermost), or `None` when there is no cluster or the checks would exceed
    /// [`MAX_CHECKS`].
    pub(crate) fn new(work: &Work, paths: &[Vec<usize>], drawn: &[Vec<usize>]) -> Option<Passes> {
        let nc = work.clusters.len();
        if nc == 0 {
            return None;
        }
        let mut present = vec![Vec::<usize>::new(); work.layers.len()];
        let mut seen = vec![usize::MAX; nc];
        for (r, layer) in work.layers.iter().enumerate() {
            for &v in layer {
                for &c in &paths[v] {
                    if seen[c] != r {
                        seen[c] = r;
                        present[r].push(c);
                    }
                }
            }
            present[r].sort_unstable();
        }
        let both: Vec<Vec<usize>> = present
            .windows(2)
            .map(|w| {
                w[0].iter()
                    .copied()
                    .filter(|c| w[1].binary_search(c).is_ok())
                    .collect()
            })
            .collect();
        let mut checks = 0usize;
        for (r, clusters) in both.iter().enumerate() {
            let links: usize = work.layers[r].iter().map(|&u| drawn[u].len()).sum();
            checks = checks.saturating_add(links.saturating_mul(clusters.len()));
        }
        (checks > 0 && checks <= MAX_CHECKS).then(|| Passes {
            both,
            upper: vec![(0, 0); nc],
            lower: vec![(0, 0); nc],
        })
    }

    /// Drawn links (`drawn[u]`: the lower ends of `u`'s) that run across a cluster neither of
    /// their ends belongs to, under the positions `pos`.
    pub(crate) fn count(
        &mut self,
        work: &Work,
        paths: &[Vec<usize>],
        drawn: &[Vec<usize>],
        pos: &[usize],
    ) -> u64 {
        let mut passes = 0;
        for (r, clusters) in self.both.iter().enumerate() {
            if clusters.is_empty() {
                continue;
            }
            extent(&work.layers[r], paths, pos, &mut self.upper);
            extent(&work.layers[r + 1], paths, pos, &mut self.lower);
            for &u in &work.layers[r] {
                for &v in &drawn[u] {
                    let (a, b) = (pos[u], pos[v]);
                    for &c in clusters {
                        let ((ul, ur), (ll, lr)) = (self.upper[c], self.lower[c]);
                        let across = (a < ul && b > lr) || (a > ur && b < ll);
                        if across && !paths[u].contains(&c) && !paths[v].contains(&c) {
                            passes += 1;
                        }
                    }
                }
            }
        }
        passes
    }
}

/// Each cluster's first and last position in `layer` (clusters absent from it keep stale
/// values, which [`Passes::count`] never reads).
fn extent(layer: &[usize], paths: &[Vec<usize>], pos: &[usize], out: &mut [(usize, usize)]) {
    for &v in layer.iter().rev() {
        for &c in &paths[v] {
            out[c].0 = pos[v];
        }
    }
    for &v in layer {
        for &c in &paths[v] {
            out[c].1 = pos[v];
        }
    }
}
