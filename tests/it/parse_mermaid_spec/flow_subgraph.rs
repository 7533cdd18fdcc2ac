//! `flow-subgraph.spec.js`.

use super::*;

fn cluster(g: &Flowchart, i: usize) -> (&str, String) {
    (g.clusters[i].id.as_str(), g.clusters[i].title.text())
}

#[test]
fn header_forms() {
    for (src, id, title) in [
        ("subgraph One\n\ta1-->a2\nend", "One", "One"),
        (
            "subgraph \"Some Title\"\n\ta1-->a2\nend",
            "subGraph0",
            "Some Title",
        ),
        (
            "subgraph some-id[Some Title]\n\ta1-->a2\nend",
            "some-id",
            "Some Title",
        ),
        (
            "subgraph Some Title\n\ta1-->a2\nend",
            "subGraph0",
            "Some Title",
        ),
        (
            "subgraph uid1[text of doom]\na1-->a2\nend;",
            "uid1",
            "text of doom",
        ),
        (
            "subgraph uid2[\"text of doom\"]\na1-->a2\nend;",
            "uid2",
            "text of doom",
        ),
        (
            "subgraph uid2[textofdoom]\na1-->a2\nend;",
            "uid2",
            "textofdoom",
        ),
        ("subgraph a-b-c\na1-->a2\nend;", "a-b-c", "a-b-c"),
        (
            "subgraph myTitle   \n\n a1-->a2 \nend\n",
            "myTitle",
            "myTitle",
        ),
        (
            "subgraph id1 [title with space before bracket]\na1-->a2\nend",
            "id1",
            "title with space before bracket",
        ),
        ("subgraph myTitle;a1-->a2;end;", "myTitle", "myTitle"),
        (
            "subgraph \"title in quotes\";a1-->a2;end;",
            "subGraph0",
            "title in quotes",
        ),
    ] {
        let g = ok(&format!("graph TB\n{src}"));
        assert_eq!(cluster(&g, 0), (id, title.to_string()), "{src:?}");
        assert_eq!(parent(&g, "a1").as_deref(), Some(id), "{src:?}");
        assert_eq!(parent(&g, "a2").as_deref(), Some(id), "{src:?}");
    }
}

#[test]
fn inline_subgraphs_after_other_statements() {
    let g = ok("graph TD;A-->B;subgraph myTitle;c-->d;end;");
    assert_eq!(cluster(&g, 0).0, "myTitle");
    assert_eq!(parent(&g, "c").as_deref(), Some("myTitle"));
    assert_eq!(parent(&g, "A"), None);
    let g = ok("graph TD\nA-->B\nsubgraph myTitle\nc-- text -->d\nd-->e\n end;");
    assert_eq!(parent(&g, "e").as_deref(), Some("myTitle"));
    assert_eq!(g.edges[1].label.text(), "text");
    let g = ok("graph TD\nA-->B\nsubgraph myTitle\na & b --> c & e\n end;");
    for id in ["a", "b", "c", "e"] {
        assert_eq!(parent(&g, id).as_deref(), Some("myTitle"));
    }
    assert_eq!(g.edges.len(), 5);
}

#[test]
fn ids_starting_with_numbers_and_chains() {
    let g = ok("graph TD\n A[Christmas] -->|Get money| B(Go shopping)\n subgraph 1test\n A\n end");
    assert_eq!(cluster(&g, 0).0, "1test");
    assert_eq!(parent(&g, "A").as_deref(), Some("1test"));
    assert_eq!(parent(&g, "B"), None);
    let g = ok("graph TB\nsubgraph One\n\ta1-->a2-->a3\nend");
    for id in ["a1", "a2", "a3"] {
        assert_eq!(parent(&g, id).as_deref(), Some("One"));
    }
}

#[test]
fn nesting() {
    let g =
        ok("graph TD\nA-->B\nsubgraph myTitle\n  c-->d\n  subgraph inner\n    e-->f\n  end\nend");
    assert_eq!(g.clusters[1].parent, g.cluster_by_id("myTitle"));
    assert_eq!(parent(&g, "e").as_deref(), Some("inner"));
    assert_eq!(parent(&g, "c").as_deref(), Some("myTitle"));
    // flow-subgraph "nested subgraphs 1/2": a subgraph id mentioned inside another nests it.
    let g = ok("flowchart TB\n subgraph A\n b-->B\n a\n end\n a-->c\n subgraph B\n c\n end");
    assert_eq!(pairs(&g), ["b>[B]", "a>c"]);
    assert_eq!(g.clusters[1].parent, g.cluster_by_id("A"));
    assert_eq!(parent(&g, "c").as_deref(), Some("B"));
    let g =
        ok("flowchart TB\n b-->B\n a-->c\n subgraph B\n c\n end\n subgraph A\n a\n b\n B\n end");
    assert_eq!(g.clusters[0].parent, g.cluster_by_id("A"));
    assert_eq!(parent(&g, "a").as_deref(), Some("A"));
    assert_eq!(parent(&g, "b").as_deref(), Some("A"));
    assert_eq!(parent(&g, "c").as_deref(), Some("B"));
}

#[test]
fn empty_subgraphs_and_edges_to_them() {
    let g = ok("graph TD\nA-->B\nsubgraph S\nend\nB-->S\nsubgraph T [Empty]\nend");
    assert_eq!(pairs(&g), ["A>B", "B>[S]"]);
    assert_eq!(g.clusters.len(), 2);
    assert_eq!(g.clusters[1].title.text(), "Empty");
}

#[test]
fn keywords_in_any_case() {
    let g = ok("graph TD\nSubgraph S\nA\nEnd\nSUBGRAPH T\nB\nEND");
    assert_eq!(parent(&g, "A").as_deref(), Some("S"));
    assert_eq!(parent(&g, "B").as_deref(), Some("T"));
}
