//! A random search for drawn edges too near foreign boxes, over the cases of the property test
//! `drawn_edges_keep_clear_of_foreign_nodes_and_titles` (tests/it/layout_props.rs): a generated
//! graph (seed, nodes 2..40, extra edges 0..30, kind 0: DAG, 1: cyclic, 2: clustered) turned to
//! a direction, laid out and drawn with arrows; every case whose drawn edge comes within 8 px of
//! a node or cluster title it does not end on is printed as the test's tuple, and the count per
//! direction at the end. Unlike the property test it does not stop at the first failure.
//!
//! `cargo run --release --example clearance_search -- [cases] [search seed]` (defaults 30000
//! and 1); the same arguments always search the same cases.

use netfig::layout::curve::{draw_edges, EdgeSpec};
use netfig::layout::quality::{self, generate};
use netfig::layout::Direction;

const DIRECTIONS: [Direction; 4] = [
    Direction::TopBottom,
    Direction::BottomTop,
    Direction::LeftRight,
    Direction::RightLeft,
];

fn main() {
    let mut args = std::env::args().skip(1);
    let cases: usize = args.next().map_or(30_000, |s| s.parse().expect("cases"));
    let search: u64 = args.next().map_or(1, |s| s.parse().expect("search seed"));
    let mut rng = generate::Rng::new(search);
    let mut failed = [0usize; 4];
    for _ in 0..cases {
        let seed = rng.next_u64();
        let n = 2 + rng.below(38);
        let extra = rng.below(30);
        let kind = rng.below(3);
        let d = rng.below(4);
        let mut g = match kind {
            0 => generate::random_dag(seed, n, n + extra),
            1 => generate::random_cyclic(seed, n, n + extra, 1 + extra / 4),
            _ => generate::random_clustered(seed, n, n + extra, 1 + extra % 4),
        };
        g.direction = DIRECTIONS[d];
        let l = netfig::layout::layout(&g);
        let drawn = draw_edges(&l, &EdgeSpec::arrows(&g));
        let near = quality::near_foreign_boxes(&g, &l, &drawn);
        if !near.is_empty() {
            failed[d] += 1;
            println!(
                "({seed}, {n}, {extra}, {kind}, {:?}) near {near:?}",
                DIRECTIONS[d]
            );
        }
    }
    let total: usize = failed.iter().sum();
    println!(
        "{total} of {cases} cases failed (TB {}, BT {}, LR {}, RL {})",
        failed[0], failed[1], failed[2], failed[3]
    );
}
