//! Clusters in positioning: the x-constraints that make every cluster one rectangle holding
//! exactly its members, and the rectangles themselves.
//!
//! Each cluster gets two variables, its left and right walls. Constraints (all "b ≥ a + d"):
//! a member's box lies `cluster_padding` inside its innermost cluster's walls, a child cluster's
//! walls lie `cluster_padding` inside its parent's, walls are at least `min_width` apart, and
//! in every rank two neighbours are separated at the level of their lowest common cluster (a
//! node against a node, a node against a sibling cluster's wall, or wall against wall). Ordering
//! keeps clusters contiguous with one sibling order in all ranks and gives every cluster a
//! member or marker in every rank it spans, so these constraints form a DAG. A single pass in
//! topological order moves every variable right just as far as its constraints demand, keeping
//! Brandes–Köpf's coordinates wherever they are already feasible.

use super::work::Work;

/// The separation and cluster constraints over `work.nodes.len() + 2 × clusters` variables (node
/// centres, then the left and right wall of every cluster): each `(a, b, d)` demands
/// `x[b] ≥ x[a] + d`. Returns the variable count and the constraints.
pub(crate) fn constraints(work: &Work, paths: &[Vec<usize>]) -> (usize, Vec<(usize, usize, f64)>) {
    let n = work.nodes.len();
    let nc = work.clusters.len();
    let s = &work.spacing;
    let pad = s.cluster_padding;
    let lv = |c: usize| left_wall(n, c);
    let rv = |c: usize| right_wall(n, c);
    let total = n + 2 * nc;
    let mut cons: Vec<(usize, usize, f64)> = Vec::new();
    let half = |v: usize| work.nodes[v].width / 2.0;
    let side = |v: usize| {
        if work.nodes[v].is_box() {
            s.node / 2.0
        } else {
            (s.node / 4.0).min(10.0)
        }
    };
    for layer in &work.layers {
        for w in layer.windows(2) {
            let (u, v) = (w[0], w[1]);
            let (pu, pv) = (&paths[u], &paths[v]);
            let k = pu.iter().zip(pv).take_while(|(a, b)| a == b).count();
            let (a, da) = match pu.get(k) {
                Some(&c) => (rv(c), s.node / 2.0),
                None => (u, half(u) + side(u)),
            };
            let (b, db) = match pv.get(k) {
                Some(&c) => (lv(c), s.node / 2.0),
                None => (v, half(v) + side(v)),
            };
            cons.push((a, b, da + db));
        }
    }
    for (v, nd) in work.nodes.iter().enumerate() {
        if let Some(c) = nd.cluster {
            cons.push((lv(c), v, pad + work.clusters[c].left_extra + half(v)));
            cons.push((v, rv(c), half(v) + pad));
        }
    }
    for (c, cl) in work.clusters.iter().enumerate() {
        cons.push((lv(c), rv(c), cl.min_width));
        if let Some(p) = cl.parent {
            cons.push((lv(p), lv(c), pad + work.clusters[p].left_extra));
            cons.push((rv(c), rv(p), pad));
        }
    }
    (total, cons)
}

/// The variable of the left wall of cluster `c` when there are `n` nodes.
pub(crate) fn left_wall(n: usize, c: usize) -> usize {
    n + 2 * c
}

/// The variable of the right wall of cluster `c` when there are `n` nodes.
pub(crate) fn right_wall(n: usize, c: usize) -> usize {
    n + 2 * c + 1
}

/// Makes `x` satisfy all separation and cluster constraints; returns each cluster's (left,
/// right) extent.
pub(crate) fn enforce(work: &Work, paths: &[Vec<usize>], x: &mut [f64]) -> Vec<(f64, f64)> {
    let n = work.nodes.len();
    let nc = work.clusters.len();
    let pad = work.spacing.cluster_padding;
    let rv = |c: usize| right_wall(n, c);
    let half = |v: usize| work.nodes[v].width / 2.0;
    let (total, cons) = constraints(work, paths);
    let mut out: Vec<Vec<(usize, f64)>> = vec![Vec::new(); total];
    let mut indeg = vec![0usize; total];
    for &(a, b, d) in &cons {
        out[a].push((b, d));
        indeg[b] += 1;
    }
    let mut val: Vec<f64> = (0..total)
        .map(|v| if v < n { x[v] } else { f64::NEG_INFINITY })
        .collect();
    let mut stack: Vec<usize> = (0..total).rev().filter(|&v| indeg[v] == 0).collect();
    let mut done = vec![false; total];
    let mut processed = 0;
    loop {
        while let Some(a) = stack.pop() {
            done[a] = true;
            processed += 1;
            for &(b, d) in &out[a] {
                if val[a].is_finite() {
                    val[b] = val[b].max(val[a] + d);
                }
                indeg[b] -= 1;
                if indeg[b] == 0 {
                    stack.push(b);
                }
            }
        }
        if processed >= total {
            break;
        }
        // Defensive: a cycle would mean an ordering bug; release the first blocked variable.
        match (0..total).find(|&v| !done[v]) {
            Some(v) => {
                indeg[v] = 0;
                stack.push(v);
            }
            None => break,
        }
    }
    x.copy_from_slice(&val[..n]);
    for v in x.iter_mut() {
        if !v.is_finite() {
            *v = 0.0;
        }
    }
    // Rectangles, innermost first: tight around the contents, inside the walls.
    let mut order: Vec<usize> = (0..nc).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(work.clusters[c].depth));
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); nc];
    for (v, nd) in work.nodes.iter().enumerate() {
        if let Some(c) = nd.cluster {
            members[c].push(v);
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nc];
    for (c, cl) in work.clusters.iter().enumerate() {
        if let Some(p) = cl.parent {
            children[p].push(c);
        }
    }
    let mut ext = vec![(0.0, 0.0); nc];
    for c in order {
        let cl = &work.clusters[c];
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        for &v in &members[c] {
            lo = lo.min(x[v] - half(v) - pad - cl.left_extra);
            hi = hi.max(x[v] + half(v) + pad);
        }
        for &d in &children[c] {
            lo = lo.min(ext[d].0 - pad - cl.left_extra);
            hi = hi.max(ext[d].1 + pad);
        }
        let wall_r = val[rv(c)];
        if wall_r.is_finite() {
            lo = lo.min(wall_r - cl.min_width);
        }
        if !lo.is_finite() {
            lo = 0.0;
        }
        hi = hi.max(lo + cl.min_width);
        ext[c] = (lo, hi);
    }
    ext
}
