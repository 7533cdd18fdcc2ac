//! `flow-md-string.spec.js`.

use super::*;

#[test]
fn markdown_in_nodes_and_edges() {
    let g = ok("flowchart\nA[\"`The cat in **the** hat`\"]-- \"`The *bat* in the chat`\" -->B[\"The dog in the hog\"] -- \"The rat in the mat\" -->C;");
    assert_eq!(text(&g, "A"), "The cat in the hat");
    assert!(node(&g, "A").label.lines[0]
        .runs
        .iter()
        .any(|r| r.bold && r.text == "the"));
    assert_eq!(g.edges[0].label.text(), "The bat in the chat");
    assert!(g.edges[0].label.lines[0]
        .runs
        .iter()
        .any(|r| r.italic && r.text == "bat"));
    assert_eq!(text(&g, "B"), "The dog in the hog");
    assert_eq!(g.edges[1].label.text(), "The rat in the mat");
    assert_eq!(pairs(&g), ["A>B", "B>C"]);
    let g = ok("graph TD\nA-->|\"`**md** x`\"|B");
    assert!(g.edges[0].label.lines[0].runs[0].bold);
}

#[test]
fn markdown_in_subgraphs() {
    let g = ok("flowchart LR\nsubgraph \"One\"\n  a(\"`The **cat**\n  in the hat`\") -- \"1o\" --> b{{\"`The **dog** in the hog`\"}}\nend\nsubgraph \"`**Two**`\"\n  c(\"`The **cat**\n  in the hat`\") -- \"`1o **ipa**`\" --> d(\"The dog in the hog\")\nend");
    assert_eq!(g.clusters[0].id, "One");
    assert_eq!(g.clusters[0].title.text(), "One");
    assert_eq!(g.clusters[1].title.text(), "Two");
    assert!(g.clusters[1].title.lines[0].runs[0].bold);
    assert_eq!(text(&g, "a"), "The cat\nin the hat");
    assert_eq!(node(&g, "b").shape, Shape::Hexagon);
    assert_eq!(parent(&g, "a").as_deref(), Some("One"));
    assert_eq!(parent(&g, "d"), Some(g.clusters[1].id.clone()));
    assert_eq!(g.edges[1].label.text(), "1o ipa");
}
