//! Deterministic test graphs: seeded random DAGs and classic shapes. The same arguments always
//! give the same graph, on every platform (a fixed SplitMix64 generator, no floats from the
//! system).

use crate::geometry::Size;
use crate::layout::{
    Direction, End, LayoutCluster, LayoutEdge, LayoutGraph, LayoutNode, Outline, Spacing,
};

/// SplitMix64: small, fast, and fully determined by its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

fn node(rng: &mut Rng) -> LayoutNode {
    LayoutNode {
        size: Size::new(
            40.0 + rng.below(9) as f64 * 10.0,
            30.0 + rng.below(3) as f64 * 10.0,
        ),
        outline: Outline::Box,
        cluster: None,
    }
}

/// A plain edge from node `a` to node `b` (no label, one rank at least, weight 1).
pub fn edge(a: usize, b: usize) -> LayoutEdge {
    LayoutEdge {
        from: End::node(a),
        to: End::node(b),
        label: None,
        min_len: 1,
        weight: 1.0,
    }
}

fn graph(nodes: Vec<LayoutNode>, edges: Vec<LayoutEdge>) -> LayoutGraph {
    LayoutGraph {
        direction: Direction::TopBottom,
        nodes,
        edges,
        clusters: Vec::new(),
        spacing: Spacing::default(),
    }
}

/// A random connected DAG with `nodes` nodes and about `edges` edges (at least `nodes − 1`,
/// a random spanning tree first; no multi-edges). Node sizes vary from 40×30 to 120×50.
pub fn random_dag(seed: u64, nodes: usize, edges: usize) -> LayoutGraph {
    let mut rng = Rng::new(seed);
    let ns: Vec<LayoutNode> = (0..nodes).map(|_| node(&mut rng)).collect();
    let mut es = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for v in 1..nodes {
        // Prefer recent nodes so the DAG is deep rather than a star.
        let span = v.min(8);
        let u = v - 1 - rng.below(span);
        seen.insert((u, v));
        es.push(edge(u, v));
    }
    let mut tries = 0;
    while es.len() < edges && nodes > 1 && tries < 20 * edges {
        tries += 1;
        let a = rng.below(nodes);
        let span = 1 + rng.below(12);
        let b = a + span;
        if b >= nodes || !seen.insert((a, b)) {
            continue;
        }
        es.push(edge(a, b));
    }
    graph(ns, es)
}

/// A random directed graph with cycles, like [`random_dag`] plus `back` edges pointing up.
pub fn random_cyclic(seed: u64, nodes: usize, edges: usize, back: usize) -> LayoutGraph {
    let mut g = random_dag(seed, nodes, edges);
    let mut rng = Rng::new(seed ^ 0xabcd);
    for _ in 0..back {
        if nodes < 2 {
            break;
        }
        let a = 1 + rng.below(nodes - 1);
        let b = rng.below(a);
        g.edges.push(edge(a, b));
    }
    g
}

/// [`random_dag`] with nodes grouped into `clusters` top-level clusters (each node with
/// probability ½, cluster chosen by node index so clusters are contiguous runs).
pub fn random_clustered(seed: u64, nodes: usize, edges: usize, clusters: usize) -> LayoutGraph {
    let mut g = random_dag(seed, nodes, edges);
    let mut rng = Rng::new(seed ^ 0x5eed);
    let k = clusters.max(1);
    g.clusters = (0..clusters)
        .map(|_| LayoutCluster {
            parent: None,
            title: Size::new(60.0, 20.0),
            direction: None,
        })
        .collect();
    if clusters > 0 {
        for (i, n) in g.nodes.iter_mut().enumerate() {
            if rng.below(2) == 0 {
                n.cluster = Some(i * k / nodes.max(1));
            }
        }
    }
    g
}

/// The complete bipartite graph K3,3, sources on one rank, sinks on the next: every two-layer
/// drawing of it has exactly 9 crossings.
pub fn k33() -> LayoutGraph {
    let ns = (0..6).map(|_| sized(60.0, 40.0)).collect();
    let mut es = Vec::new();
    for a in 0..3 {
        for b in 3..6 {
            es.push(edge(a, b));
        }
    }
    graph(ns, es)
}

fn sized(w: f64, h: f64) -> LayoutNode {
    LayoutNode {
        size: Size::new(w, h),
        outline: Outline::Box,
        cluster: None,
    }
}

/// A complete binary tree of the given depth (depth 0 is one node); optimum: 0 crossings.
pub fn binary_tree(depth: u32) -> LayoutGraph {
    let n = (1usize << (depth + 1)) - 1;
    let ns = (0..n).map(|_| sized(50.0, 30.0)).collect();
    let es = (1..n).map(|v| edge((v - 1) / 2, v)).collect();
    graph(ns, es)
}

/// A ladder: two chains of `n` nodes with a rung between the i-th nodes of both; optimum: 0.
pub fn ladder(n: usize) -> LayoutGraph {
    let ns = (0..2 * n).map(|_| sized(50.0, 30.0)).collect();
    let mut es = Vec::new();
    for i in 0..n {
        if i + 1 < n {
            es.push(edge(i, i + 1));
            es.push(edge(n + i, n + i + 1));
        }
        es.push(edge(i, n + i));
    }
    graph(ns, es)
}

/// A directed cycle of `n` nodes; optimum: 0 crossings.
pub fn cycle(n: usize) -> LayoutGraph {
    let ns = (0..n).map(|_| sized(50.0, 30.0)).collect();
    let es = (0..n).map(|i| edge(i, (i + 1) % n)).collect();
    graph(ns, es)
}

/// A mermaid flowchart of `n` nodes: a random layered DAG (about 1.5 edges per node, most
/// between nearby nodes, some long), every 25 nodes grouped in a subgraph, a few labels and
/// back edges. Deterministic (fixed-seed LCG).
pub fn flowchart_source(n: usize) -> String {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15 ^ n as u64;
    let mut next = move |m: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % m.max(1)
    };
    let mut s = String::from("flowchart TD\n");
    for block in 0..n.div_ceil(25) {
        s.push_str(&format!("  subgraph g{block} [Group {block} 分组]\n"));
        for i in block * 25..((block + 1) * 25).min(n) {
            s.push_str(&format!("    n{i}[Node {i}<br>节点 {i}]\n"));
        }
        s.push_str("  end\n");
    }
    for i in 1..n {
        let back = 1 + next(8.min(i));
        s.push_str(&format!("  n{} --> n{i}\n", i - back));
        if next(2) == 0 {
            let j = next(i);
            if next(5) == 0 {
                s.push_str(&format!("  n{j} -->|edge {i}| n{i}\n"));
            } else {
                s.push_str(&format!("  n{j} --> n{i}\n"));
            }
        }
        if next(40) == 0 {
            s.push_str(&format!("  n{i} -.-> n{}\n", next(i)));
        }
    }
    s
}
