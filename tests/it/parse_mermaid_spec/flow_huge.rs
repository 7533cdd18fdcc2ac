//! `flow-huge.spec.js`.

use super::*;

#[test]
fn huge_diagrams() {
    let body = ("A-->B;B-->A;".repeat(415) + "A-->B;").repeat(57) + &"A-->B;B-->A;".repeat(275);
    let g = ok(&format!("graph LR;{body}"));
    assert_eq!(g.edges.len(), 47917);
    assert_eq!(g.nodes.len(), 2);
    assert_eq!(g.edges[0].end, Marker::Arrow);
}

#[test]
fn long_chains() {
    let chain: Vec<String> = (0..2000).map(|i| format!("n{i}")).collect();
    let g = ok(&format!("graph LR\n{}", chain.join(" --> ")));
    assert_eq!(g.edges.len(), 1999);
    assert_eq!(g.nodes.len(), 2000);
}
