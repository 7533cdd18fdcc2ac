//! Sifting for the ordering: every node of a rank is moved to the place where it crosses least
//! against both neighbouring ranks, anywhere within its run (the neighbours sharing its innermost
//! cluster, so clusters stay contiguous), not only past one neighbour as transpose does. It
//! finds moves transpose cannot: past a node it has no crossing with, to a place further on
//! that saves some.
//!
//! Cost: per rank, every node against every other node of its run, each pair in the product
//! of their degrees; `order` runs it only on graphs up to `order::SEARCH_NODES` layer nodes.

use super::work::Adjacency;

/// Local crossings with `u` left of `v` and with `v` left of `u`, counted against both
/// neighbouring ranks (`up`, `down`: every node's weighted neighbours there).
pub(crate) fn pair_crossings(
    up: &Adjacency,
    down: &Adjacency,
    pos: &[usize],
    u: usize,
    v: usize,
) -> (f64, f64) {
    let (mut uv, mut vu) = (0.0, 0.0);
    for adj in [up, down] {
        for &(a, wa) in &adj[u] {
            for &(b, wb) in &adj[v] {
                if pos[a] > pos[b] {
                    uv += wa.min(wb).max(1e-3);
                } else if pos[a] < pos[b] {
                    vu += wa.min(wb).max(1e-3);
                }
            }
        }
    }
    (uv, vu)
}

/// Moves every node of `layers` (in the order the rank held before) to its best place within
/// its run, keeping `pos` current; `cluster_of` is every node's innermost cluster. Returns
/// whether any node moved. Never raises the local count: a node moves only for a strict gain.
pub(crate) fn sift(
    layers: &mut [Vec<usize>],
    cluster_of: &[Option<usize>],
    up: &Adjacency,
    down: &Adjacency,
    pos: &mut [usize],
) -> bool {
    let mut moved = false;
    for layer in layers.iter_mut() {
        let snapshot = layer.clone();
        for &v in &snapshot {
            let i = pos[v];
            let c = cluster_of[v];
            let mut lo = i;
            while lo > 0 && cluster_of[layer[lo - 1]] == c {
                lo -= 1;
            }
            let mut hi = i;
            while hi + 1 < layer.len() && cluster_of[layer[hi + 1]] == c {
                hi += 1;
            }
            let (mut best, mut at) = (0.0, i);
            // The change in crossings of moving `v` to each place left, then right, of `i`.
            let mut d = 0.0;
            for j in (lo..i).rev() {
                let (wv, vw) = pair_crossings(up, down, pos, layer[j], v);
                d += vw - wv;
                if d < best - 1e-9 {
                    (best, at) = (d, j);
                }
            }
            d = 0.0;
            for (j, &w) in layer.iter().enumerate().take(hi + 1).skip(i + 1) {
                let (vw, wv) = pair_crossings(up, down, pos, v, w);
                d += wv - vw;
                if d < best - 1e-9 {
                    (best, at) = (d, j);
                }
            }
            if at == i {
                continue;
            }
            if at < i {
                layer[at..=i].rotate_right(1);
            } else {
                layer[i..=at].rotate_left(1);
            }
            for k in at.min(i)..=at.max(i) {
                pos[layer[k]] = k;
            }
            moved = true;
        }
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Upper rank [a=0, b=1], lower rank [v=2, w=3, u=4]; links a–u and b–v, w has none.
    fn case() -> (Vec<Vec<usize>>, Adjacency, Adjacency) {
        let links = [(0, 4), (1, 2)];
        let up = Adjacency::new(5, links.iter().map(|&(a, b)| (b, a, 1.0)));
        let down = Adjacency::new(5, links.iter().map(|&(a, b)| (a, b, 1.0)));
        (vec![vec![0, 1], vec![2, 3, 4]], up, down)
    }

    fn positions(layers: &[Vec<usize>]) -> Vec<usize> {
        let mut pos = vec![0; 5];
        for l in layers {
            for (i, &v) in l.iter().enumerate() {
                pos[v] = i;
            }
        }
        pos
    }

    #[test]
    fn moves_a_node_past_one_it_does_not_cross() {
        // b–v crosses a–u; no adjacent swap changes that (v and w, w and u share no
        // crossing), but v moved to the end of its rank uncrosses it. a and b sit in clusters
        // of their own, so the upper rank stays as it is.
        let (mut layers, up, down) = case();
        let mut pos = positions(&layers);
        let cluster_of = [Some(1), Some(2), None, None, None];
        assert!(sift(&mut layers, &cluster_of, &up, &down, &mut pos));
        let count = |l: &[Vec<usize>]| {
            let p = positions(l);
            usize::from(p[4] > p[2])
        };
        assert_eq!(count(&layers), 0, "{layers:?}");
        assert_eq!(layers[1], vec![3, 4, 2]);
        assert_eq!(pos, positions(&layers));
        assert!(!sift(&mut layers, &cluster_of, &up, &down, &mut pos));
    }

    #[test]
    fn keeps_nodes_within_their_cluster_run() {
        // v alone in a cluster: it may not leave its place, whatever it would save (the
        // upper rank's a and b swap instead).
        let (mut layers, up, down) = case();
        let mut pos = positions(&layers);
        let cluster_of = [None, None, Some(0), None, None];
        assert!(sift(&mut layers, &cluster_of, &up, &down, &mut pos));
        assert_eq!(layers, vec![vec![1, 0], vec![2, 3, 4]]);
    }
}
