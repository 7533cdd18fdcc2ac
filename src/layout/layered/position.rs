//! Phase 5: x-coordinates by Brandes–Köpf ("Fast and Simple Horizontal Coordinate
//! Assignment", 2001). Four vertical alignments (up/down × left/right) align each node with a
//! median neighbour, never across a marked type-1 conflict (a non-inner segment crossing an
//! inner segment between two dummies), so long edges come out straight. Each alignment is
//! compacted, then the four are aligned to the narrowest and balanced (mean of the two median
//! candidates per node, as dagre does).
//!
//! Compaction: the original paper's `place_block` with sinks and class shifts can produce wrong
//! coordinates (Brandes, Walter, Zink, "Erratum: Fast and Simple Horizontal Coordinate
//! Assignment", 2020). We follow the erratum's remedy in spirit by compacting over an explicit
//! block graph (an edge between the blocks of every two neighbours in a rank, weighted with
//! their separation): a longest-path pass gives the leftmost coordinates, a reverse pass pulls
//! each block right toward its successors. The result always respects every separation.
//! Balancing can break separations; [`super::cluster::enforce`] restores them afterwards.

use super::work::{Adjacency, Kind, Work};

/// Half the gap kept beside a dummy (an edge passing a rank): edges pass closer than boxes.
pub(crate) fn dummy_side(s: &crate::layout::Spacing) -> f64 {
    (s.node / 4.0).min(10.0)
}

/// Minimal distance between the centres of `u` and `v` when `u` is immediately left of `v`.
pub(crate) fn separation(work: &Work, paths: &[Vec<usize>], u: usize, v: usize) -> f64 {
    let s = &work.spacing;
    let side = |x: usize| {
        if work.nodes[x].is_box() {
            s.node / 2.0
        } else {
            dummy_side(s)
        }
    };
    let (pu, pv) = (&paths[u], &paths[v]);
    let common = pu.iter().zip(pv).take_while(|(a, b)| a == b).count();
    let mut d = (work.nodes[u].width + work.nodes[v].width) / 2.0;
    // Leaving or entering a cluster: its padding, and between cluster borders a full gap.
    let exits = pu.len() - common;
    let enters = pv.len() - common;
    d += exits as f64 * s.cluster_padding;
    for &c in &pv[common..] {
        d += s.cluster_padding + work.clusters[c].left_extra;
    }
    d += if exits > 0 { s.node / 2.0 } else { side(u) };
    d += if enters > 0 { s.node / 2.0 } else { side(v) };
    d
}

fn bk_dummy(work: &Work, v: usize) -> bool {
    !matches!(work.nodes[v].kind, Kind::Node(_))
}

/// Brandes–Köpf x-coordinates (centres) for every node of `work`.
pub(crate) fn brandes_kopf(work: &Work, paths: &[Vec<usize>]) -> Vec<f64> {
    let n = work.nodes.len();
    let (up, down) = work.adjacency();
    let conflicts = Conflicts::new(n, type1_conflicts(work, &up));
    // Separation between every node and its right neighbour, shared by the four passes.
    let mut sep = vec![0.0; n];
    for l in &work.layers {
        for w in l.windows(2) {
            sep[w[0]] = separation(work, paths, w[0], w[1]);
        }
    }
    let mut xss: Vec<Vec<f64>> = Vec::with_capacity(4);
    for vert_up in [true, false] {
        for left in [true, false] {
            let mut layers: Vec<Vec<usize>> = work.layers.clone();
            if !vert_up {
                layers.reverse();
            }
            if !left {
                for l in &mut layers {
                    l.reverse();
                }
            }
            let nb = if vert_up { &up } else { &down };
            let (root, _align) = vertical_alignment(n, &layers, nb, &conflicts);
            let mut xs = compact(&sep, &layers, &root, !left);
            if !left {
                for x in &mut xs {
                    *x = -*x;
                }
            }
            xss.push(xs);
        }
    }
    let extent = |xs: &[f64]| {
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        for (v, &x) in xs.iter().enumerate() {
            let w = work.nodes[v].width / 2.0;
            lo = lo.min(x - w);
            hi = hi.max(x + w);
        }
        (lo, hi)
    };
    if n == 0 {
        return Vec::new();
    }
    let mut best = 0;
    let mut best_w = f64::INFINITY;
    for (i, xs) in xss.iter().enumerate() {
        let (lo, hi) = extent(xs);
        if hi - lo < best_w {
            best_w = hi - lo;
            best = i;
        }
    }
    let (blo, bhi) = extent(&xss[best]);
    for (i, xs) in xss.iter_mut().enumerate() {
        let (lo, hi) = extent(xs);
        let delta = if i % 2 == 0 { blo - lo } else { bhi - hi };
        for x in xs.iter_mut() {
            *x += delta;
        }
    }
    (0..n)
        .map(|v| {
            let mut c = [xss[0][v], xss[1][v], xss[2][v], xss[3][v]];
            c.sort_by(f64::total_cmp);
            (c[1] + c[2]) / 2.0
        })
        .collect()
}

/// Pairs (smaller, larger node) of non-inner segments that cross an inner segment, sorted
/// for binary search.
fn type1_conflicts(work: &Work, up: &Adjacency) -> Vec<(usize, usize)> {
    let pos = work.positions();
    let mut conflicts = Vec::new();
    for r in 1..work.layers.len() {
        let prev_len = work.layers[r - 1].len();
        let layer = &work.layers[r];
        let (mut k0, mut scan) = (0usize, 0usize);
        for (i, &v) in layer.iter().enumerate() {
            let inner = if bk_dummy(work, v) {
                up[v].iter().map(|&(u, _)| u).find(|&u| bk_dummy(work, u))
            } else {
                None
            };
            let k1 = inner.map_or(prev_len, |u| pos[u]);
            if inner.is_some() || i + 1 == layer.len() {
                for &s in &layer[scan..=i] {
                    for &(u, _) in &up[s] {
                        let p = pos[u];
                        if (p < k0 || k1 < p) && !(bk_dummy(work, u) && bk_dummy(work, s)) {
                            conflicts.push((u.min(s), u.max(s)));
                        }
                    }
                }
                scan = i + 1;
                k0 = k1;
            }
        }
    }
    conflicts.sort_unstable();
    conflicts.dedup();
    conflicts
}

/// Marked conflicts grouped by their smaller node: the partners of `a` are
/// `pairs[start[a]..start[a + 1]]`, sorted.
struct Conflicts {
    start: Vec<usize>,
    pairs: Vec<(usize, usize)>,
}

impl Conflicts {
    fn new(n: usize, pairs: Vec<(usize, usize)>) -> Conflicts {
        let mut start = vec![0usize; n + 1];
        for &(a, _) in &pairs {
            start[a + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        Conflicts { start, pairs }
    }

    fn contains(&self, v: usize, w: usize) -> bool {
        let (a, b) = (v.min(w), v.max(w));
        self.pairs[self.start[a]..self.start[a + 1]]
            .iter()
            .any(|&(_, x)| x == b)
    }
}

fn vertical_alignment(
    n: usize,
    layers: &[Vec<usize>],
    nb: &Adjacency,
    conflicts: &Conflicts,
) -> (Vec<usize>, Vec<usize>) {
    let mut root: Vec<usize> = (0..n).collect();
    let mut align: Vec<usize> = (0..n).collect();
    let mut pos = vec![0usize; n];
    for l in layers {
        for (i, &v) in l.iter().enumerate() {
            pos[v] = i;
        }
    }
    let mut ws: Vec<usize> = Vec::new();
    for l in layers {
        let mut prev: isize = -1;
        for &v in l {
            ws.clear();
            ws.extend(nb[v].iter().map(|&(w, _)| w));
            if ws.is_empty() {
                continue;
            }
            ws.sort_by_key(|&w| pos[w]);
            ws.dedup();
            let mp = (ws.len() - 1) as f64 / 2.0;
            for &w in &ws[(mp.floor() as usize)..=(mp.ceil() as usize)] {
                if align[v] == v && prev < pos[w] as isize && !conflicts.contains(v, w) {
                    align[w] = v;
                    root[v] = root[w];
                    align[v] = root[v];
                    prev = pos[w] as isize;
                }
            }
        }
    }
    (root, align)
}

/// Compacts the blocks given by `root`: `sep[v]` is the separation between `v` and its right
/// neighbour in the original order (`reversed`: `layers` run right to left).
fn compact(sep: &[f64], layers: &[Vec<usize>], root: &[usize], reversed: bool) -> Vec<f64> {
    let n = root.len();
    // Block edges (tail block, head block, separation), one per pair of blocks with the largest
    // separation, sorted by tail then head: bucketed by tail (counting sort), each bucket sorted.
    let pairs = || {
        layers.iter().flat_map(|l| l.windows(2)).map(|w| {
            let (a, b) = (w[0], w[1]);
            (root[a], root[b], if reversed { sep[b] } else { sep[a] })
        })
    };
    let mut bucket = vec![0usize; n + 1];
    for (a, _, _) in pairs() {
        bucket[a + 1] += 1;
    }
    for i in 0..n {
        bucket[i + 1] += bucket[i];
    }
    let mut fill = bucket.clone();
    let mut heads = vec![(0usize, 0.0f64); bucket[n]];
    for (a, b, d) in pairs() {
        heads[fill[a]] = (b, d);
        fill[a] += 1;
    }
    let mut edges: Vec<(usize, usize, f64)> = Vec::with_capacity(heads.len());
    for a in 0..n {
        let row = &mut heads[bucket[a]..bucket[a + 1]];
        row.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
        for (k, &(b, d)) in row.iter().enumerate() {
            if k == 0 || row[k - 1].0 != b {
                edges.push((a, b, d));
            }
        }
    }
    // Block graph in compressed rows: `edges` is sorted by tail, so out-edges of `a` are
    // `edges[out_start[a]..out_start[a + 1]]`; in-edges are indices into `edges`.
    let mut out_start = vec![0usize; n + 1];
    let mut in_start = vec![0usize; n + 1];
    for &(a, b, _) in &edges {
        out_start[a + 1] += 1;
        in_start[b + 1] += 1;
    }
    for i in 0..n {
        out_start[i + 1] += out_start[i];
        in_start[i + 1] += in_start[i];
    }
    let mut indeg: Vec<usize> = (0..n).map(|v| in_start[v + 1] - in_start[v]).collect();
    let mut fill = in_start.clone();
    let mut inn = vec![0usize; edges.len()];
    for (i, &(_, b, _)) in edges.iter().enumerate() {
        inn[fill[b]] = i;
        fill[b] += 1;
    }
    let roots: Vec<usize> = (0..n).filter(|&v| root[v] == v).collect();
    let mut topo = Vec::with_capacity(roots.len());
    let mut stack: Vec<usize> = roots
        .iter()
        .rev()
        .copied()
        .filter(|&v| indeg[v] == 0)
        .collect();
    while let Some(v) = stack.pop() {
        topo.push(v);
        for &(_, w, _) in &edges[out_start[v]..out_start[v + 1]] {
            indeg[w] -= 1;
            if indeg[w] == 0 {
                stack.push(w);
            }
        }
    }
    let mut x = vec![0.0f64; n];
    for &b in &topo {
        x[b] = inn[in_start[b]..in_start[b + 1]]
            .iter()
            .map(|&i| x[edges[i].0] + edges[i].2)
            .fold(0.0, f64::max);
    }
    for &b in topo.iter().rev() {
        let m = edges[out_start[b]..out_start[b + 1]]
            .iter()
            .map(|&(_, c, d)| x[c] - d)
            .fold(f64::INFINITY, f64::min);
        if m.is_finite() {
            x[b] = x[b].max(m);
        }
    }
    (0..n).map(|v| x[root[v]]).collect()
}
