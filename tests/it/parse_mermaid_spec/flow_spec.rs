//! `flow.spec.js`.

use super::*;

#[test]
fn headers_and_separators() {
    for src in [
        "graph TD;A-->B;",
        "graph TD\nA-->B",
        "graph TD;\nA-->B;\n",
        "flowchart TB;\nA-->B",
        "graph TD;\n\n\n %% Comment\n A-->B; \n",
        "graph TD\r\nA-->B\r\n",
        "graph\nA-->B",
        "flowchart\nA-->B",
        "graph TD\nA --> B   ",
    ] {
        let g = ok(src);
        assert_eq!(pairs(&g), ["A>B"], "{src:?}");
    }
    let g = ok("graph TD;A-->B;B-->C");
    assert_eq!(pairs(&g), ["A>B", "B>C"]);
    assert_eq!(ok("graph\nA").direction, Direction::TopBottom);
}

#[test]
fn direction_symbols_in_the_header() {
    for (d, want) in [
        (">", Direction::LeftRight),
        ("<", Direction::RightLeft),
        ("^", Direction::BottomTop),
        ("v", Direction::TopBottom),
        ("TD", Direction::TopBottom),
        ("TB", Direction::TopBottom),
        ("BT", Direction::BottomTop),
        ("RL", Direction::RightLeft),
        ("LR", Direction::LeftRight),
    ] {
        let g = ok(&format!("graph {d};A-->B;"));
        assert_eq!(g.direction, want, "{d}");
        assert_eq!(g.edges.len(), 1);
    }
}

#[test]
fn node_names_containing_keywords() {
    let g = ok("graph TD\nendpoint --> sender");
    assert_eq!(ids(&g), ["endpoint", "sender"]);
    let g = ok("graph TD\nblend --> monograph");
    assert_eq!(ids(&g), ["blend", "monograph"]);
    let g = ok("graph TD\ndefault --> monograph");
    assert_eq!(ids(&g), ["default", "monograph"]);
    let g = ok("graph TD\nsubgraphs --> graphic\nstyles --> classy\nendless --> clicked");
    assert_eq!(
        ids(&g),
        [
            "subgraphs",
            "graphic",
            "styles",
            "classy",
            "endless",
            "clicked"
        ]
    );
    let g = ok("graph TD;\n  node1TB\n");
    assert_eq!(ids(&g), ["node1TB"]);
}

#[test]
fn special_characters_in_node_text() {
    for (t, want) in [
        (".", "."),
        ("Start 103a.a1", "Start 103a.a1"),
        (":", ":"),
        (",", ","),
        ("a-b", "a-b"),
        ("+", "+"),
        ("*", "*"),
        ("<", "<"),
        ("&", "&"),
    ] {
        let g = ok(&format!("graph TD;A({t})-->B;"));
        assert_eq!(text(&g, "A"), want, "{t}");
        assert_eq!(node(&g, "A").shape, Shape::Rounded);
        assert_eq!(pairs(&g), ["A>B"]);
    }
}

#[test]
fn accessibility() {
    let g = ok("flowchart TB\n accTitle: Big decisions\n accDescr: Flow chart of the decision making process\n A[Hard] -->|Text| B(Round)");
    assert_eq!(g.acc_title.as_deref(), Some("Big decisions"));
    assert_eq!(
        g.acc_descr.as_deref(),
        Some("Flow chart of the decision making process")
    );
    let g = ok("flowchart TB\n accTitle: Big decisions\n accDescr {\n Flow chart of the decision making process\n with a second line\n }\n A-->B");
    assert_eq!(
        g.acc_descr.as_deref(),
        Some("Flow chart of the decision making process\nwith a second line")
    );
    assert_eq!(pairs(&g), ["A>B"]);
}

#[test]
fn front_matter_and_init() {
    let g =
        ok("---\ntitle: Hello\nconfig:\n  flowchart:\n    curve: linear\n---\nflowchart LR\nA-->B");
    assert_eq!(g.title.as_ref().map(|t| t.text()).as_deref(), Some("Hello"));
    assert_eq!(g.curve, Curve::Linear);
    let g = ok("%%{init: {'theme': 'forest'}}%%\ngraph LR\nA-->B");
    assert_eq!(g.theme.as_deref(), Some("forest"));
}
