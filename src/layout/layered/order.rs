//! Phase 4: order the nodes within each rank to reduce crossings. Layer-by-layer sweeps, down
//! and up alternately, sort each rank by the weighted barycenter of its neighbours in the rank
//! just fixed, then adjacent nodes are transposed while that reduces crossings. Crossings are
//! counted exactly (accumulator tree) after every sweep and the best order is kept; a link
//! running across a cluster neither of its ends belongs to counts as two more (`passes`).
//!
//! Clusters stay contiguous in every rank: a rank is sorted as a tree (a cluster's members and
//! child clusters form one block, sorted recursively) and sibling clusters keep one relative
//! order in all ranks (by a per-cluster key updated between sweeps), which is what lets
//! positioning draw every cluster as one rectangle.
//!
//! Bounds: at most [`MAX_SWEEPS`] sweeps per start (fewer for big graphs, see [`sweeps_for`]),
//! stopping after eight sweeps without improvement (four above 6,000 layer nodes); graphs up to
//! 6,000 layer nodes get three more starts, each stopping after four sweeps without
//! improvement (the first mirrored, one depth-first from the sinks upwards, and that mirrored;
//! against Graphviz this took crossings from 1.07× dot's to 1.00×) and keep the best result;
//! each transpose
//! pass is repeated at most [`MAX_TRANSPOSE_PASSES`] times per sweep. Every fourth sweep the
//! first transpose pass also swaps ties, as dot does, to leave plateaus.
//!
//! Graphs up to [`SEARCH_NODES`] layer nodes then search wider: the four starts are run again,
//! once sorted by barycenters and once by the weighted median of the neighbours (dot's key;
//! each wins on different graphs), with ties swapped on two sweeps in four (dot's schedule)
//! and every sweep's transpose followed by sifting (`sift`: each node moved to its best place
//! among the neighbours sharing its innermost cluster, not only past one of them); the best
//! order is sifted once more at the end. The plain runs stay, so the wider search only adds
//! orders to choose from.

#[cfg(test)]
use super::crossing::bilayer_crossings;
use super::crossing::sorted_bilayer_crossings;
use super::passes::Passes;
use super::siblings;
use super::sift::{pair_crossings, sift};
use super::work::{Adjacency, Work};

/// Most sweeps for small graphs (dot's default).
pub(crate) const MAX_SWEEPS: usize = 24;
/// Most transpose passes per sweep.
pub(crate) const MAX_TRANSPOSE_PASSES: usize = 6;
/// Graphs up to this many layer nodes get the wider search: eight more starts (barycenters and
/// medians, dot's tie schedule, sifting after every transpose), and the best order sifted. It
/// made the 100-node benchmark graph's whole pipeline about 3.5× slower (the 1,000-node one has
/// more layer nodes and is not searched wider).
pub(crate) const SEARCH_NODES: usize = 1_000;

/// Sweep budget: 24 up to 6,000 layer nodes, then fewer so big graphs stay fast.
pub(crate) fn sweeps_for(layer_nodes: usize) -> usize {
    match layer_nodes {
        0..=6_000 => MAX_SWEEPS,
        6_001..=20_000 => 12,
        _ => 6,
    }
}

struct Ctx {
    up: Adjacency,
    down: Adjacency,
    paths: Vec<Vec<usize>>,
    cluster_of: Vec<Option<usize>>,
    /// Lower ends of the drawn links of every node.
    drawn: Vec<Vec<usize>>,
    /// Scratch for crossing counts: lower positions, and the accumulator tree.
    count_buf: Vec<usize>,
    tree: Vec<u64>,
    gkey: Vec<f64>,
    /// Scratch: the sort key of every node of the rank being arranged (indexed by node).
    key: Vec<f64>,
    /// Whether ranks are sorted by the weighted median of their neighbours (else barycenter).
    median: bool,
    /// Whether sweeps search wider: ties swapped on two sweeps in four (dot's schedule, else
    /// one in four), and sifting after every transpose.
    wide: bool,
    /// Whether the graph has no clusters (ranks are then sorted by key alone).
    paths_empty: bool,
    /// Counts links through foreign clusters, two crossings each (`None`: not counted).
    passes: Option<Passes>,
}

/// Orders `work.layers` in place.
pub(crate) fn order(work: &mut Work) {
    let n = work.nodes.len();
    if n == 0 {
        return;
    }
    let (up, down) = work.adjacency();
    let mut drawn = vec![Vec::new(); n];
    for &(u, v, _, d) in &work.links {
        if d {
            drawn[u].push(v);
        }
    }
    let paths: Vec<Vec<usize>> = work.nodes.iter().map(|nd| work.path(nd.cluster)).collect();
    let passes = Passes::new(work, &paths, &drawn);
    let mut ctx = Ctx {
        up,
        down,
        paths,
        cluster_of: work.nodes.iter().map(|nd| nd.cluster).collect(),
        drawn,
        count_buf: Vec::new(),
        tree: Vec::new(),
        gkey: vec![0.0; work.clusters.len()],
        key: vec![0.0; n],
        median: false,
        wide: false,
        paths_empty: work.clusters.is_empty(),
        passes,
    };
    init_order(work, &ctx, false);
    let down = work.layers.clone();
    let small = n <= 6_000;
    let (mut best, mut best_c) = run(work, &mut ctx, if small { 8 } else { 4 }, false);
    if small {
        // More starts, as dot tries several initial orders: this one mirrored, then depth-first
        // from the sinks upwards, and that mirrored.
        init_order(work, &ctx, true);
        let up = work.layers.clone();
        let mut starts = vec![
            (down.clone(), true, false, false),
            (up.clone(), false, false, false),
            (up.clone(), true, false, false),
        ];
        if n <= SEARCH_NODES {
            // The four starts again with the wider search, by barycenters and by medians
            // (each key wins on different graphs); the plain runs above stay, so the search
            // only adds orders to choose from.
            for median in [false, true] {
                starts.extend([
                    (down.clone(), false, median, true),
                    (down.clone(), true, median, true),
                    (up.clone(), false, median, true),
                    (up.clone(), true, median, true),
                ]);
            }
        }
        for (start, mirrored, median, wide) in starts {
            if best_c == 0 {
                break;
            }
            ctx.median = median;
            ctx.wide = wide;
            work.layers = start;
            if mirrored {
                for l in &mut work.layers {
                    l.reverse();
                }
            }
            ctx.gkey.iter_mut().for_each(|k| *k = 0.0);
            let (b, c) = run(work, &mut ctx, 4, false);
            if c < best_c {
                best = b;
                best_c = c;
            }
        }
        ctx.wide = false;
        ctx.median = false;
    }
    work.layers = best;
    if n <= SEARCH_NODES && best_c > 0 {
        let kept = work.layers.clone();
        let mut pos = work.positions();
        for _ in 0..8 {
            if !sift(
                &mut work.layers,
                &ctx.cluster_of,
                &ctx.up,
                &ctx.down,
                &mut pos,
            ) {
                break;
            }
        }
        let c = count_all(work, &mut ctx, &pos);
        if c < best_c {
            best_c = c;
        } else {
            work.layers = kept;
        }
    }
    if best_c > 0 && siblings::wanted(work) {
        swap_siblings(work, &mut ctx, best_c);
    }
}

/// Swaps adjacent sibling clusters as blocks while that lowers the count (`count`: the
/// current order's), at most [`siblings::MAX_ROUNDS`] times and [`siblings::MAX_TRIES`] tries. Each swap is tried with a few
/// sweeps under the swapped sibling order (the blocks meet new neighbours, whose members must
/// settle), and kept if their best count is lower.
fn swap_siblings(work: &mut Work, ctx: &mut Ctx, mut count: u64) {
    let mut tries = 0;
    for _ in 0..siblings::MAX_ROUNDS {
        let Some(order) = siblings::common_order(work, &work.layers, &ctx.paths) else {
            return;
        };
        let mut improved = false;
        for (i, j) in siblings::adjacent_pairs(work, &order) {
            let mut trial = order.clone();
            trial.swap(i, j);
            for (k, &c) in trial.iter().enumerate() {
                ctx.gkey[c] = k as f64;
            }
            let swapped = siblings::swapped(&work.layers, &ctx.paths, order[i], order[j]);
            if swapped == work.layers {
                // The two share no rank: nothing to try.
                continue;
            }
            tries += 1;
            if tries > siblings::MAX_TRIES {
                return;
            }
            let kept = std::mem::replace(&mut work.layers, swapped);
            let (best, c) = run(work, ctx, 1, true);
            if c < count {
                work.layers = best;
                count = c;
                improved = true;
                // The common order changed: its adjacent pairs are found again.
                break;
            }
            work.layers = kept;
        }
        if !improved || count == 0 {
            break;
        }
    }
}

/// Sweeps from the current order until `patience` sweeps bring no improvement; returns the
/// best order seen and its crossing count. With `frozen`, sibling clusters keep the order
/// `ctx.gkey` gives them; otherwise the keys start from the current order and follow the
/// sweeps.
fn run(work: &mut Work, ctx: &mut Ctx, patience: usize, frozen: bool) -> (Vec<Vec<usize>>, u64) {
    let n = work.nodes.len();
    let mut pos = work.positions();
    if !frozen {
        update_gkey_from_positions(work, ctx, &pos);
    }
    rearrange_all(work, ctx, &mut pos);
    let mut best = work.layers.clone();
    let mut best_c = count_all(work, ctx, &pos);
    let sweeps = sweeps_for(n);
    let mut since_best = 0;
    for it in 0..sweeps {
        if best_c == 0 || since_best >= patience {
            break;
        }
        let mut acc = vec![(0.0, 0usize); work.clusters.len()];
        let l = work.layers.len();
        if it % 2 == 0 {
            for r in 1..l {
                sort_layer(work, ctx, &mut pos, r, true, &mut acc);
            }
        } else {
            for r in (0..l.saturating_sub(1)).rev() {
                sort_layer(work, ctx, &mut pos, r, false, &mut acc);
            }
        }
        transpose(work, ctx, &mut pos, it % 4 >= if ctx.wide { 2 } else { 3 });
        if ctx.wide {
            sift(
                &mut work.layers,
                &ctx.cluster_of,
                &ctx.up,
                &ctx.down,
                &mut pos,
            );
        }
        let c = count_all(work, ctx, &pos);
        if c < best_c {
            best_c = c;
            best = work.layers.clone();
            since_best = 0;
        } else {
            since_best += 1;
        }
        if !frozen {
            for (k, &(s, m)) in acc.iter().enumerate() {
                if m > 0 {
                    ctx.gkey[k] = s / m as f64;
                }
            }
        }
        rearrange_all(work, ctx, &mut pos);
    }
    (best, best_c)
}

/// Total crossings of drawn links for the current order.
#[cfg(test)]
pub(crate) fn crossings(work: &Work) -> u64 {
    let pos = work.positions();
    let mut total = 0;
    let mut per: Vec<Vec<(usize, usize)>> = vec![Vec::new(); work.layers.len()];
    for &(u, v, _, d) in &work.links {
        if d {
            per[work.nodes[u].rank].push((pos[u], pos[v]));
        }
    }
    for (r, es) in per.iter_mut().enumerate() {
        let len = work.layers.get(r + 1).map_or(0, |l| l.len());
        total += bilayer_crossings(es, len);
    }
    total
}

fn count_all(work: &Work, ctx: &mut Ctx, pos: &[usize]) -> u64 {
    let mut total = 0;
    for r in 0..work.layers.len().saturating_sub(1) {
        // Lower positions in the order of their upper ends (sorted per upper node): the
        // sequence the accumulator tree needs, without sorting the whole rank.
        ctx.count_buf.clear();
        for &u in &work.layers[r] {
            let start = ctx.count_buf.len();
            ctx.count_buf.extend(ctx.drawn[u].iter().map(|&v| pos[v]));
            ctx.count_buf[start..].sort_unstable();
        }
        total += sorted_bilayer_crossings(&ctx.count_buf, work.layers[r + 1].len(), &mut ctx.tree);
    }
    if let Some(passes) = &mut ctx.passes {
        total += 2 * passes.count(work, &ctx.paths, &ctx.drawn, pos);
    }
    total
}

/// Depth-first from every node in (rank, index) order, appending to layers as discovered
/// (dagre's `initOrder`): connected nodes start out near each other. `from_sinks` starts from
/// the lowest rank instead and follows links upwards.
fn init_order(work: &mut Work, ctx: &Ctx, from_sinks: bool) {
    let n = work.nodes.len();
    let mut starts: Vec<usize> = (0..n).collect();
    if from_sinks {
        starts.sort_by_key(|&v| (std::cmp::Reverse(work.nodes[v].rank), v));
    } else {
        starts.sort_by_key(|&v| (work.nodes[v].rank, v));
    }
    let next = if from_sinks { &ctx.up } else { &ctx.down };
    let mut seen = vec![false; n];
    let mut layers = vec![Vec::new(); work.layers.len()];
    let mut stack = Vec::new();
    for s in starts {
        if seen[s] {
            continue;
        }
        stack.push(s);
        while let Some(v) = stack.pop() {
            if seen[v] {
                continue;
            }
            seen[v] = true;
            layers[work.nodes[v].rank].push(v);
            for &(w, _) in next[v].iter().rev() {
                if !seen[w] {
                    stack.push(w);
                }
            }
        }
    }
    work.layers = layers;
}

fn norm_pos(pos: &[usize], v: usize, len: usize) -> f64 {
    (pos[v] as f64 + 0.5) / len.max(1) as f64
}

fn update_gkey_from_positions(work: &Work, ctx: &mut Ctx, pos: &[usize]) {
    let mut acc = vec![(0.0, 0usize); work.clusters.len()];
    for layer in &work.layers {
        for &v in layer {
            for &c in &ctx.paths[v] {
                acc[c].0 += norm_pos(pos, v, layer.len());
                acc[c].1 += 1;
            }
        }
    }
    for (k, &(s, m)) in acc.iter().enumerate() {
        if m > 0 {
            ctx.gkey[k] = s / m as f64;
        }
    }
}

/// Re-sorts every layer by its current positions under the current cluster keys (nothing to
/// do without clusters: every layer is already in position order).
fn rearrange_all(work: &mut Work, ctx: &mut Ctx, pos: &mut [usize]) {
    if work.clusters.is_empty() {
        return;
    }
    let mut sink = vec![(0.0, 0usize); work.clusters.len()];
    for r in 0..work.layers.len() {
        let len = work.layers[r].len();
        for &v in &work.layers[r] {
            ctx.key[v] = norm_pos(pos, v, len);
        }
        apply(work, ctx, pos, r, &mut sink);
    }
}

fn sort_layer(
    work: &mut Work,
    ctx: &mut Ctx,
    pos: &mut [usize],
    r: usize,
    downward: bool,
    acc: &mut [(f64, usize)],
) {
    let adj_len = if downward {
        work.layers[r - 1].len()
    } else {
        work.layers[r + 1].len()
    };
    let len = work.layers[r].len();
    for &v in &work.layers[r] {
        let ns = if downward { &ctx.up[v] } else { &ctx.down[v] };
        let (mut s, mut w) = (0.0, 0.0);
        for &(u, wt) in ns {
            let wt = wt.max(1e-3);
            s += wt * norm_pos(pos, u, adj_len);
            w += wt;
        }
        ctx.key[v] = if w <= 0.0 {
            norm_pos(pos, v, len)
        } else if ctx.median {
            let mut ps: Vec<f64> = ns.iter().map(|&(u, _)| norm_pos(pos, u, adj_len)).collect();
            ps.sort_by(f64::total_cmp);
            let m = ps.len();
            if m % 2 == 1 {
                ps[m / 2]
            } else if m == 2 {
                (ps[0] + ps[1]) / 2.0
            } else {
                let (lm, rm) = (m / 2 - 1, m / 2);
                let (l, r) = (ps[lm] - ps[0], ps[m - 1] - ps[rm]);
                if l + r <= 0.0 {
                    (ps[lm] + ps[rm]) / 2.0
                } else {
                    (ps[lm] * r + ps[rm] * l) / (l + r)
                }
            }
        } else {
            s / w
        };
    }
    apply(work, ctx, pos, r, acc);
}

/// Sorts rank `r` by the keys in `ctx.key`.
fn apply(work: &mut Work, ctx: &mut Ctx, pos: &mut [usize], r: usize, acc: &mut [(f64, usize)]) {
    let items = std::mem::take(&mut work.layers[r]);
    let out = if ctx.paths_empty {
        // No clusters: a plain sort by key, ties by current position.
        let mut items = items;
        items.sort_by(|&a, &b| ctx.key[a].total_cmp(&ctx.key[b]).then(pos[a].cmp(&pos[b])));
        items
    } else {
        let mut out = Vec::with_capacity(items.len());
        arrange(ctx, pos, &items, 0, acc, &mut out);
        out
    };
    for (i, &v) in out.iter().enumerate() {
        pos[v] = i;
    }
    work.layers[r] = out;
}

/// Sorts `items` (all inside the same cluster at depth `level`) as a tree: direct members by
/// key, child clusters as blocks in their global order, merged by key.
fn arrange(
    ctx: &Ctx,
    pos: &[usize],
    items: &[usize],
    level: usize,
    acc: &mut [(f64, usize)],
    out: &mut Vec<usize>,
) {
    let mut direct: Vec<(f64, usize, usize)> = Vec::with_capacity(items.len());
    // (child cluster, node), grouped by a stable sort: each group keeps the order of `items`.
    let mut grouped: Vec<(usize, usize)> = Vec::new();
    for &v in items {
        match ctx.paths[v].get(level) {
            None => direct.push((ctx.key[v], pos[v], v)),
            Some(&c) => grouped.push((c, v)),
        }
    }
    direct.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    grouped.sort_by_key(|&(c, _)| c);
    let members: Vec<usize> = grouped.iter().map(|&(_, v)| v).collect();
    // Blocks (key, cluster, members range), in cluster order.
    let mut blocks: Vec<(f64, usize, std::ops::Range<usize>)> = Vec::new();
    let mut s = 0;
    while s < grouped.len() {
        let c = grouped[s].0;
        let e = s + grouped[s..].iter().take_while(|&&(d, _)| d == c).count();
        let k = members[s..e].iter().map(|&v| ctx.key[v]).sum::<f64>() / (e - s) as f64;
        acc[c].0 += k;
        acc[c].1 += 1;
        blocks.push((k, c, s..e));
        s = e;
    }
    blocks.sort_by(|a, b| ctx.gkey[a.1].total_cmp(&ctx.gkey[b.1]).then(a.1.cmp(&b.1)));
    let mut i = 0;
    let mut blocks = blocks.into_iter().peekable();
    loop {
        let take_direct = match (direct.get(i), blocks.peek()) {
            (Some(d), Some(b)) => d.0 < b.0,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if take_direct {
            out.push(direct[i].2);
            i += 1;
        } else if let Some((_, _, range)) = blocks.next() {
            arrange(ctx, pos, &members[range], level + 1, acc, out);
        }
    }
}

/// Transpose passes until one brings no swap. A rank is revisited only if it or a neighbouring
/// rank changed since it was last scanned without a swap (a rescan would swap nothing then),
/// so the result equals scanning every rank in every pass at a fraction of the work.
fn transpose(work: &mut Work, ctx: &Ctx, pos: &mut [usize], equal: bool) {
    let l = work.layers.len();
    let mut dirty = vec![true; l];
    let mut next = vec![false; l];
    for pass in 0..MAX_TRANSPOSE_PASSES {
        let mut improved = false;
        for r in 0..l {
            if !dirty[r] {
                continue;
            }
            let mut swapped = false;
            let layer = &mut work.layers[r];
            for i in 1..layer.len() {
                let (u, v) = (layer[i - 1], layer[i]);
                if ctx.cluster_of[u] != ctx.cluster_of[v] {
                    continue;
                }
                let (now, then) = pair_crossings(&ctx.up, &ctx.down, pos, u, v);
                if now == 0.0 {
                    continue;
                }
                // dot's trick: on some sweeps, also swap ties (first pass only) to leave
                // plateaus.
                if then < now || (equal && pass == 0 && then == now) {
                    layer.swap(i - 1, i);
                    pos[u] = i;
                    pos[v] = i - 1;
                    swapped = true;
                }
            }
            if swapped {
                improved = true;
                next[r] = true;
                if r > 0 {
                    next[r - 1] = true;
                }
                if r + 1 < l {
                    dirty[r + 1] = true;
                }
            }
        }
        if !improved {
            break;
        }
        std::mem::swap(&mut dirty, &mut next);
        next.iter_mut().for_each(|d| *d = false);
    }
}
