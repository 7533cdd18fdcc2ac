//! Phase 5 for graphs below [`LIMIT`]: x-coordinates by network simplex on dot's auxiliary
//! graph (Gansner, Koutsofios, North, Vo, "A Technique for Drawing Directed Graphs", 1993,
//! §4.2), instead of Brandes–Köpf.
//!
//! The variables are the node centres and the left and right walls of every cluster; the
//! constraints are exactly those of [`super::cluster::constraints`] (rank neighbours apart,
//! members and child clusters inside their walls with padding, sibling clusters apart), each an
//! edge `a → b` with `min_len` = the separation rounded up to whole pixels. For every pair of
//! linked nodes (u, v) a new variable n sits left of both (edges n → u, n → v of length ≥ 0),
//! so minimising the edges' weighted lengths minimises Σ ω·Ω·|x_u − x_v|, with Ω = 1, 2, 8 for
//! real–real, real–dummy and dummy–dummy links (long edges come out straight). An edge from
//! each cluster's left wall to its right wall pulls the walls tight around the contents. The
//! ranks of this graph are the x-coordinates; they satisfy every constraint by construction, so
//! [`super::cluster::enforce`] afterwards moves nothing and only measures the cluster boxes.
//!
//! Network simplex costs grow faster than linearly with the graph, so bigger working graphs
//! keep Brandes–Köpf (linear).

use super::cluster;
use super::position;
use super::rank::{network_simplex_from, RankEdge};
use super::work::{Kind, Work};

/// Whether the layout uses this placement: for every graph below [`LIMIT`]. Measured against
/// dot (`examples/vs_dot`, 40 seeds per family, 319 graphs), it shortens edges everywhere
/// (length 1.22× → 1.06× of dot's, area 1.17× → 0.95×) and leaves crossings as they are,
/// because routing (`gap`) draws exactly the crossings ordering counted whatever the x.
pub(crate) fn wanted(work: &Work) -> bool {
    ENABLED && work.nodes.len() <= LIMIT
}

/// Master switch of [`wanted`].
pub(crate) const ENABLED: bool = true;

/// Largest working graph (layer nodes) placed by network simplex; above it Brandes–Köpf.
pub(crate) const LIMIT: usize = 6000;

/// Weight of the pull between a cluster's walls (dot uses a strong one).
const WALL_PULL: f64 = 1.0;

/// Network simplex x-coordinates (centres) for every node of `work`, or `None` when the graph
/// is too big (or the constraints are not a DAG, which would be an ordering bug): then the
/// caller falls back to Brandes–Köpf.
pub(crate) fn network_simplex_x(work: &Work, paths: &[Vec<usize>]) -> Option<Vec<f64>> {
    let n = work.nodes.len();
    if n > LIMIT {
        return None;
    }
    let (total, cons) = cluster::constraints(work, paths);
    let order = topological(total, &cons)?;
    let mut edges: Vec<RankEdge> = cons
        .iter()
        .map(|&(u, v, d)| RankEdge {
            u,
            v,
            min_len: px(d),
            weight: 0.0,
        })
        .collect();
    for c in 0..work.clusters.len() {
        edges.push(RankEdge {
            u: cluster::left_wall(n, c),
            v: cluster::right_wall(n, c),
            min_len: 0,
            weight: WALL_PULL,
        });
    }
    // One auxiliary variable per linked pair (parallel links add their weights).
    let mut pairs: Vec<(usize, usize, f64)> = work
        .links
        .iter()
        .filter(|l| l.0 != l.1)
        .map(|&(u, v, w, _)| (u.min(v), u.max(v), w * omega(work, u, v)))
        .collect();
    pairs.sort_by_key(|p| (p.0, p.1));
    pairs.dedup_by(|b, a| {
        let same = a.0 == b.0 && a.1 == b.1;
        if same {
            a.2 += b.2;
        }
        same
    });
    let mut vars = total;
    for &(u, v, w) in &pairs {
        if w <= 0.0 {
            continue;
        }
        for end in [u, v] {
            edges.push(RankEdge {
                u: vars,
                v: end,
                min_len: 0,
                weight: w,
            });
        }
        vars += 1;
    }
    let start = warm_start(work, paths, &order, &cons, &edges[cons.len()..], vars);
    let x = network_simplex_from(start, &edges);
    let ok = cons
        .iter()
        .all(|&(a, b, d)| f64::from(x[b] - x[a]) >= d - 1e-6);
    ok.then(|| x[..n].iter().map(|&r| f64::from(r)).collect())
}

/// A separation in whole pixels, rounded up (saturating on absurd sizes).
fn px(d: f64) -> i32 {
    let c = (d - 1e-9).ceil();
    if c.is_finite() {
        c.clamp(0.0, f64::from(i32::MAX / 4)) as i32
    } else {
        0
    }
}

/// dot's Ω: how much straightness matters for a link, by its ends (1 real–real, 2 real–dummy,
/// 8 dummy–dummy).
fn omega(work: &Work, u: usize, v: usize) -> f64 {
    let dummy = |x: usize| matches!(work.nodes[x].kind, Kind::Dummy(_) | Kind::Label(_));
    match (dummy(u), dummy(v)) {
        (true, true) => 8.0,
        (false, false) => 1.0,
        _ => 2.0,
    }
}

/// A feasible start near the optimum: Brandes–Köpf (with the cluster walls from
/// [`cluster::enforce`]) rounded to whole pixels, pushed right where rounding broke a
/// constraint (one pass in topological order), each auxiliary variable at its pair's left end.
fn warm_start(
    work: &Work,
    paths: &[Vec<usize>],
    order: &[usize],
    cons: &[(usize, usize, f64)],
    aux: &[RankEdge],
    vars: usize,
) -> Vec<i32> {
    let n = work.nodes.len();
    let mut x = position::brandes_kopf(work, paths);
    let ext = cluster::enforce(work, paths, &mut x);
    let round = |v: f64| {
        v.round()
            .clamp(f64::from(i32::MIN / 4), f64::from(i32::MAX / 4)) as i32
    };
    let mut start = vec![0i32; vars];
    for (v, &xv) in x.iter().enumerate() {
        start[v] = round(xv);
    }
    for (c, &(lo, hi)) in ext.iter().enumerate() {
        start[cluster::left_wall(n, c)] = round(lo.floor());
        start[cluster::right_wall(n, c)] = round(hi.ceil());
    }
    let mut out: Vec<Vec<(usize, i32)>> = vec![Vec::new(); order.len()];
    for &(a, b, d) in cons {
        out[a].push((b, px(d)));
    }
    for &a in order {
        for &(b, d) in &out[a] {
            start[b] = start[b].max(start[a] + d);
        }
    }
    for e in aux.iter().filter(|e| e.u >= order.len()) {
        start[e.u] = i32::MAX;
    }
    for e in aux.iter().filter(|e| e.u >= order.len()) {
        start[e.u] = start[e.u].min(start[e.v]);
    }
    start
}

/// The constraint variables in topological order, or `None` on a cycle (Kahn's algorithm).
fn topological(total: usize, cons: &[(usize, usize, f64)]) -> Option<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); total];
    let mut indeg = vec![0usize; total];
    for &(a, b, _) in cons {
        out[a].push(b);
        indeg[b] += 1;
    }
    let mut stack: Vec<usize> = (0..total).rev().filter(|&v| indeg[v] == 0).collect();
    let mut order = Vec::with_capacity(total);
    while let Some(a) = stack.pop() {
        order.push(a);
        for &b in &out[a] {
            indeg[b] -= 1;
            if indeg[b] == 0 {
                stack.push(b);
            }
        }
    }
    (order.len() == total).then_some(order)
}
