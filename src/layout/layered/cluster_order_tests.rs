//! Ordering with clusters: links across foreign clusters (`passes`) and sibling clusters
//! swapped as blocks (`siblings`).

use super::tests::prepared;
use super::work::Work;
use super::{passes, siblings};
use crate::layout::quality::generate;

/// Drawn links running across a cluster neither end belongs to (from one side of its block to
/// the other), counted pair by pair: the plain definition `passes` must agree with.
fn plain_passes(work: &Work, paths: &[Vec<usize>]) -> u64 {
    let pos = work.positions();
    let mut n = 0;
    for &(u, v, _, drawn) in &work.links {
        let (ru, rv) = (work.nodes[u].rank, work.nodes[v].rank);
        for c in 0..work.clusters.len() {
            if !drawn || paths[u].contains(&c) || paths[v].contains(&c) {
                continue;
            }
            let span = |r: usize| {
                let at: Vec<usize> = work.layers[r]
                    .iter()
                    .filter(|&&w| paths[w].contains(&c))
                    .map(|&w| pos[w])
                    .collect();
                Some((*at.first()?, *at.last()?))
            };
            if let (Some((ul, ur)), Some((ll, lr))) = (span(ru), span(rv)) {
                if (pos[u] < ul && pos[v] > lr) || (pos[u] > ur && pos[v] < ll) {
                    n += 1;
                }
            }
        }
    }
    n
}

#[test]
fn passes_through_clusters_are_counted_as_plainly_defined() {
    for seed in 0..12 {
        let g = generate::random_clustered(seed, 30 + 3 * seed as usize, 50, 1 + seed as usize % 4);
        let (mut work, paths) = prepared(&g);
        let drawn: Vec<Vec<usize>> = (0..work.nodes.len())
            .map(|u| {
                let links = work.links.iter().filter(|l| l.0 == u && l.3);
                links.map(|l| l.1).collect()
            })
            .collect();
        // The ordered layers, then each rank mirrored (clusters stay contiguous).
        for mirrored in [false, true] {
            if mirrored {
                work.layers.iter_mut().for_each(|l| l.reverse());
            }
            let mut passes = passes::Passes::new(&work, &paths, &drawn).expect("small");
            let counted = passes.count(&work, &paths, &drawn, &work.positions());
            assert_eq!(counted, plain_passes(&work, &paths), "seed {seed}");
        }
    }
}

/// A fan-out from a node beside a cluster (its source fed from inside the cluster) stays out
/// of the cluster: ordering counts a link across a foreign cluster as two crossings (corpus
/// 073 of the mermaid comparison drew four edges through a cluster's bottom).
#[test]
fn a_fan_out_beside_a_cluster_stays_out_of_it() {
    let src = "flowchart TD\nM --> GW\nsubgraph G [Gateway]\nGW --> R\nR --> L\nend\n\
               R -->|by prefix| S\nS -->|a| U\nS -->|b| V\nS -->|c| W\nS -->|d| X\n";
    let (chart, diagnostics) = crate::mermaid::flowchart(src);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let (work, paths) = prepared(&crate::layout::flowchart::graph(&chart));
    assert_eq!(plain_passes(&work, &paths), 0, "{:?}", work.layers);
}

/// The first and last position of cluster `c`'s block in every rank it is in.
fn blocks(work: &Work, paths: &[Vec<usize>], c: usize) -> Vec<Option<(usize, usize)>> {
    work.layers
        .iter()
        .map(|l| {
            let at: Vec<usize> = (0..l.len()).filter(|&i| paths[l[i]].contains(&c)).collect();
            Some((*at.first()?, *at.last()?))
        })
        .collect()
}

/// A cluster linked to both of its siblings ends up beside them, not between them, though the
/// sweeps leave it in the middle (its members' barycenters pull it there): swapping sibling
/// blocks finds the order (the service mesh of the mermaid comparison, reduced).
#[test]
fn a_cluster_linked_to_both_siblings_is_not_between_them() {
    let src = "flowchart TD\nsubgraph cp\nP1\nP2\nend\nsubgraph dp\n\
               subgraph a\nA1 --- A2\nend\nsubgraph b\nB1 --- B2\nend\nsubgraph c\nC1 --- C2\nend\nend\n\
               P1 -.-> A2 & B2 & C2\nP2 -.-> A2 & B2 & C2\nA2 -->|x| B2\nA2 -->|y| C2\n";
    let (chart, diagnostics) = crate::mermaid::flowchart(src);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let (work, paths) = prepared(&crate::layout::flowchart::graph(&chart));
    let id = |name: &str| chart.clusters.iter().position(|c| c.id == name).unwrap();
    let (a, b, c) = (
        blocks(&work, &paths, id("a")),
        blocks(&work, &paths, id("b")),
        blocks(&work, &paths, id("c")),
    );
    for r in 0..work.layers.len() {
        if let (Some(a), Some(b), Some(c)) = (a[r], b[r], c[r]) {
            let between = (b.1 < a.0 && a.1 < c.0) || (c.1 < a.0 && a.1 < b.0);
            assert!(!between, "rank {r}: {:?}", work.layers[r]);
        }
    }
}

/// Every swap tried keeps the ordering's promises: each cluster contiguous in every rank, and
/// one sibling order for all ranks (a common order exists), with the two swapped.
#[test]
fn swapping_adjacent_siblings_keeps_clusters_contiguous_and_orders_consistent() {
    for seed in 0..16 {
        let g = generate::random_clustered(seed, 25 + 2 * seed as usize, 40, 2 + seed as usize % 5);
        let (work, paths) = prepared(&g);
        let order = siblings::common_order(&work, &work.layers, &paths).expect("consistent");
        for (i, j) in siblings::adjacent_pairs(&work, &order) {
            let (a, b) = (order[i], order[j]);
            let layers = siblings::swapped(&work.layers, &paths, a, b);
            let after = siblings::common_order(&work, &layers, &paths).expect("still consistent");
            let at = |c: usize| after.iter().position(|&d| d == c).unwrap();
            let both = work.layers.iter().any(|l| {
                l.iter().any(|&v| paths[v].contains(&a)) && l.iter().any(|&v| paths[v].contains(&b))
            });
            assert!(!both || at(b) < at(a), "seed {seed}: {b} now before {a}");
            let swapped = Work {
                layers,
                ..work.clone()
            };
            for c in 0..work.clusters.len() {
                for (r, block) in blocks(&swapped, &paths, c).into_iter().enumerate() {
                    let Some((s, e)) = block else { continue };
                    let inside = swapped.layers[r][s..=e]
                        .iter()
                        .all(|&v| paths[v].contains(&c));
                    assert!(inside, "seed {seed}: cluster {c} split in rank {r}");
                }
            }
        }
    }
}
