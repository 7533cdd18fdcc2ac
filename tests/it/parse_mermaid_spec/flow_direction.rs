//! `flow-direction.spec.js`.

use super::*;

#[test]
fn subgraph_directions() {
    let g = ok("flowchart TB\nsubgraph A\n  a --> b\nend");
    assert_eq!(g.clusters[0].direction, None);
    let g = ok("flowchart TB\nsubgraph A\n  direction BT\n  a --> b\nend");
    assert_eq!(g.clusters[0].direction, Some(Direction::BottomTop));
    let g = ok("flowchart TB\nsubgraph A\n  direction BT\n  a --> b\n  direction RL\nend");
    assert_eq!(g.clusters[0].direction, Some(Direction::RightLeft));
    let g = ok("flowchart TB\nsubgraph A\n  direction RL\n  b-->B\n  a\nend\na-->c\nsubgraph B\n  direction LR\n  c\nend");
    assert_eq!(g.clusters[0].direction, Some(Direction::RightLeft));
    assert_eq!(g.clusters[1].direction, Some(Direction::LeftRight));
    assert_eq!(parent(&g, "b").as_deref(), Some("A"));
    assert_eq!(parent(&g, "a").as_deref(), Some("A"));
    assert_eq!(parent(&g, "c").as_deref(), Some("B"));
}

#[test]
fn direction_as_a_node_id() {
    let g = ok("flowchart TB\ndirection --> B\nA & direction");
    assert_eq!(ids(&g), ["direction", "B", "A"]);
    assert_eq!(g.direction, Direction::TopBottom);
    assert_eq!(
        errors("flowchart TB\nsubgraph S\ndirection XY\nend"),
        ["E-MMD-002"]
    );
}
