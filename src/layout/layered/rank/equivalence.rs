//! The incremental network simplex against the old one ([`oracle`], kept here as a test reference): the same pivots,
//! in the same order, and the same ranks, on generated problems (random DAGs, fractional
//! weights, multi-edges, several components, nesting graphs, random and broken starts) and on
//! every ranking and x-placement problem that real layouts pose.

mod oracle;

use std::cell::RefCell;

use proptest::prelude::*;

use super::{by_component, longest_path, network_simplex_from, RankEdge, Simplex};
use crate::layout::quality::generate::{self, Rng};
use crate::layout::LayoutGraph;

/// Same ranks, same pivot sequence and bit-identical final cut values (per component) as the
/// oracle.
fn assert_same(rank: &[i32], edges: &[RankEdge]) {
    let mut old = Vec::new();
    let expected = by_component(rank.to_vec(), edges, |n, es, r| {
        let mut s = oracle::Simplex::new(n, es);
        s.run(r);
        old.push((s.trace.clone(), s.tree_cuts()));
    });
    let mut new = Vec::new();
    let got = by_component(rank.to_vec(), edges, |n, es, r| {
        let mut s = Simplex::new(n, es);
        s.run(r);
        s.assert_numbering();
        new.push((s.trace.clone(), s.tree_cuts()));
    });
    assert_eq!(got, expected, "ranks differ");
    assert_eq!(new, old, "pivots or cut values differ");
    assert_eq!(network_simplex_from(rank.to_vec(), edges), got);
}

const WEIGHTS: [f64; 12] = [
    1.0,
    1.0,
    2.0,
    8.0,
    0.0,
    0.5,
    0.1,
    0.3,
    1.0 / 3.0,
    2.7,
    1e-3,
    16.0 + 1.0 / 7.0,
];

/// A random DAG on `n` nodes: edges between nodes of a random order (so tails are not always
/// the smaller index), parallel edges, some isolated nodes and separate components.
fn random_problem(rng: &mut Rng, n: usize, m: usize, fractional: bool) -> Vec<RankEdge> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let parts = 1 + rng.below(3);
    let mut edges = Vec::new();
    for _ in 0..m {
        let a = rng.below(n);
        let reach = if rng.below(4) == 0 { n } else { 6 };
        let span = 1 + rng.below(reach);
        let b = a + span;
        if b >= n || a * parts / n != b * parts / n {
            continue;
        }
        let weight = if fractional {
            WEIGHTS[rng.below(WEIGHTS.len())]
        } else {
            rng.below(4) as f64
        };
        let e = RankEdge {
            u: order[a],
            v: order[b],
            min_len: rng.below(4) as i32,
            weight,
        };
        edges.push(e);
        if rng.below(8) == 0 {
            edges.push(RankEdge {
                min_len: rng.below(4) as i32,
                ..e
            });
        }
    }
    edges
}

/// A feasible start other than the longest path: random nodes moved up, then everything
/// pushed down again as far as `min_len` needs.
fn loose_start(rng: &mut Rng, n: usize, edges: &[RankEdge]) -> Vec<i32> {
    let mut rank = longest_path(n, edges);
    for r in rank.iter_mut() {
        *r -= rng.below(4) as i32;
    }
    for _ in 0..n {
        for e in edges {
            rank[e.v] = rank[e.v].max(rank[e.u] + e.min_len);
        }
    }
    rank
}

#[test]
fn random_dags_match_the_oracle() {
    let mut rng = Rng::new(7);
    for case in 0..600 {
        let n = 1 + rng.below(if case % 10 == 0 { 300 } else { 60 });
        let m = rng.below(4 * n + 1);
        let edges = random_problem(&mut rng, n, m, case % 2 == 1);
        assert_same(&longest_path(n, &edges), &edges);
        let start = loose_start(&mut rng, n, &edges);
        assert_same(&start, &edges);
    }
}

#[test]
fn broken_starts_match_the_oracle() {
    // A start that breaks min_len takes the plain feasible tree; the pivots must still agree.
    let mut rng = Rng::new(11);
    for case in 0..200 {
        let n = 1 + rng.below(40);
        let edges = random_problem(&mut rng, n, 3 * n, case % 2 == 0);
        let start: Vec<i32> = (0..n).map(|_| rng.below(10) as i32).collect();
        assert_same(&start, &edges);
    }
}

/// The shape of `build`'s ranking problem: clusters as top/bottom border nodes around their
/// members and child clusters (weight 1, min_len 1), input edges stretched to
/// `2·levels + 1` ranks per step.
#[test]
fn nesting_graphs_match_the_oracle() {
    let mut rng = Rng::new(23);
    for case in 0..150 {
        let nodes = 2 + rng.below(50);
        let clusters = rng.below(8);
        let parent: Vec<Option<usize>> = (0..clusters)
            .map(|c| (c > 0 && rng.below(2) == 0).then(|| rng.below(c)))
            .collect();
        let depth: Vec<usize> = (0..clusters)
            .map(|c| {
                let (mut d, mut p) = (0, parent[c]);
                while let Some(q) = p {
                    d += 1;
                    p = parent[q];
                }
                d
            })
            .collect();
        let levels = depth.iter().map(|d| d + 1).max().unwrap_or(0) as i32;
        let top = |c: usize| nodes + 2 * c;
        let bottom = |c: usize| nodes + 2 * c + 1;
        let nest = |u: usize, v: usize| RankEdge {
            u,
            v,
            min_len: 1,
            weight: 1.0,
        };
        let mut edges = Vec::new();
        for v in 0..nodes {
            if clusters > 0 && rng.below(3) > 0 {
                let c = rng.below(clusters);
                edges.push(nest(top(c), v));
                edges.push(nest(v, bottom(c)));
            }
        }
        for (c, &p) in parent.iter().enumerate() {
            edges.push(nest(top(c), bottom(c)));
            if let Some(p) = p {
                edges.push(nest(top(p), top(c)));
                edges.push(nest(bottom(c), bottom(p)));
            }
        }
        for _ in 0..nodes + rng.below(2 * nodes) {
            let a = rng.below(nodes);
            let b = a + 1 + rng.below(5);
            if b < nodes {
                edges.push(RankEdge {
                    u: a,
                    v: b,
                    min_len: (1 + rng.below(2) as i32) * (2 * levels + 1),
                    weight: if case % 2 == 0 {
                        1.0
                    } else {
                        WEIGHTS[rng.below(12)]
                    },
                });
            }
        }
        let n = nodes + 2 * clusters;
        assert_same(&longest_path(n, &edges), &edges);
    }
}

/// A network simplex problem: start ranks and edges.
type Problem = (Vec<i32>, Vec<RankEdge>);

thread_local! {
    /// Problems given to [`network_simplex_from`] on this thread while recording.
    static RECORDED: RefCell<Option<Vec<Problem>>> = const { RefCell::new(None) };
}

/// Notes a problem when recording is on (see [`recorded`]).
pub(super) fn record(rank: &[i32], edges: &[RankEdge]) {
    RECORDED.with(|r| {
        if let Some(list) = r.borrow_mut().as_mut() {
            list.push((rank.to_vec(), edges.to_vec()));
        }
    });
}

/// Every network simplex problem (ranking in `build`, x-coordinates in `place`) that laying
/// out `g` poses.
fn recorded(g: &LayoutGraph) -> Vec<Problem> {
    RECORDED.with(|r| *r.borrow_mut() = Some(Vec::new()));
    crate::layout::layered::layout(g);
    RECORDED.with(|r| r.borrow_mut().take()).unwrap_or_default()
}

fn assert_layout_problems_same(g: &LayoutGraph) -> usize {
    let problems = recorded(g);
    for (rank, edges) in &problems {
        assert_same(rank, edges);
    }
    problems.len()
}

/// Sets every edge's weight from a list with fractions (they reach `place` as link weights).
fn fractional(mut g: LayoutGraph, seed: u64) -> LayoutGraph {
    let mut rng = Rng::new(seed);
    for e in &mut g.edges {
        e.weight = WEIGHTS[rng.below(WEIGHTS.len())];
    }
    g
}

fn flowchart(src: &str) -> LayoutGraph {
    let (chart, _) = crate::mermaid::flowchart(src);
    crate::layout::flowchart::graph(&chart)
}

#[test]
fn generated_layouts_match_the_oracle() {
    let mut problems = 0;
    for seed in 0..12u64 {
        let n = 8 + 4 * seed as usize;
        problems += assert_layout_problems_same(&generate::random_dag(seed, n, 2 * n));
        problems += assert_layout_problems_same(&generate::random_cyclic(seed, n, 2 * n, 3));
        let clustered = generate::random_clustered(seed, n, 2 * n, 1 + seed as usize % 4);
        problems += assert_layout_problems_same(&clustered);
        problems += assert_layout_problems_same(&fractional(clustered.clone(), seed));
        let mut nested = clustered;
        for c in 1..nested.clusters.len() {
            nested.clusters[c].parent = Some(c - 1);
        }
        problems += assert_layout_problems_same(&nested);
    }
    for n in [40, 100, 250] {
        let g = flowchart(&generate::flowchart_source(n));
        problems += assert_layout_problems_same(&g);
        problems += assert_layout_problems_same(&fractional(g, n as u64));
    }
    // Ranking and placement problems both came through.
    assert!(problems > 100, "{problems} problems");
}

#[test]
fn real_diagrams_match_the_oracle() {
    let yaml = crate::tcp::reference::to_yaml();
    let (machine, _) = crate::pipeline::load_states(&yaml, Default::default()).unwrap();
    let diagram =
        crate::tcp::lower::state_diagram(&machine, Default::default(), Default::default());
    assert!(assert_layout_problems_same(&crate::pipeline::state_graph(&diagram)) > 0);
    // mermaid's documentation examples, when `shared/` is beside the repository.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = ["../shared", "shared", "../../shared"]
        .iter()
        .map(|p| root.join(p).join("corpus/mermaid-flowchart/docs"))
        .find(|p| p.is_dir());
    if let Some(dir) = corpus {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "mmd"))
            .collect();
        files.sort();
        for f in files {
            let src = std::fs::read_to_string(&f).unwrap();
            assert_layout_problems_same(&flowchart(&src));
        }
    }
}

/// Small graphs with arbitrary weights and lengths, from the longest path and from a loose
/// start.
fn problem() -> impl Strategy<Value = (usize, Vec<RankEdge>, u64)> {
    (1usize..25).prop_flat_map(|n| {
        let edge = (0..n, 0..n, 0i32..4, 0usize..WEIGHTS.len());
        (Just(n), prop::collection::vec(edge, 0..4 * n), any::<u64>()).prop_map(|(n, es, seed)| {
            let edges = es
                .into_iter()
                .filter(|&(a, b, _, _)| a != b)
                .map(|(a, b, min_len, w)| RankEdge {
                    u: a.min(b),
                    v: a.max(b),
                    min_len,
                    weight: WEIGHTS[w],
                })
                .collect();
            (n, edges, seed)
        })
    })
}

proptest! {
    #[test]
    fn same_as_oracle((n, edges, seed) in problem()) {
        assert_same(&longest_path(n, &edges), &edges);
        let start = loose_start(&mut Rng::new(seed), n, &edges);
        assert_same(&start, &edges);
    }
}
