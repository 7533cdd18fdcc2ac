//! `flow-singlenode.spec.js`.

use super::*;

#[test]
fn single_nodes() {
    for src in [
        "graph TD;A;",
        "graph TD;A ;",
        "graph TD\nA",
        "graph TD;A;\n",
    ] {
        let g = ok(src);
        assert_eq!(ids(&g), ["A"], "{src:?}");
        assert!(g.edges.is_empty());
        assert_eq!(text(&g, "A"), "A");
    }
}

#[test]
fn every_bracket_shape() {
    for (src, shape, label) in [
        ("a[A];", Shape::Rect, "A"),
        ("a(A);", Shape::Rounded, "A"),
        ("a((A));", Shape::Circle, "A"),
        ("a(((A)));", Shape::DoubleCircle, "A"),
        ("a(((A)))   ;", Shape::DoubleCircle, "A"),
        ("a>A];", Shape::Asymmetric, "A"),
        ("a{A};", Shape::Diamond, "A"),
        ("a{A}   ;", Shape::Diamond, "A"),
        ("a{{A}};", Shape::Hexagon, "A"),
        ("a[/A/];", Shape::LeanRight, "A"),
        ("a[\\A\\];", Shape::LeanLeft, "A"),
        ("a[/A\\];", Shape::Trapezoid, "A"),
        ("a[\\A/];", Shape::TrapezoidTop, "A"),
        ("a[(A)];", Shape::Cylinder, "A"),
        ("a([A]);", Shape::Stadium, "A"),
        ("a[[A]];", Shape::Subroutine, "A"),
        // mermaid's `ellipse`.
        ("a(-A-);", Shape::Ellipse, "A"),
        (
            "a(-this is an ellipse-);",
            Shape::Ellipse,
            "this is an ellipse",
        ),
        // mermaid's rect with border properties.
        ("a[|borders:lt|A];", Shape::Rect, "A"),
    ] {
        let g = ok(&format!("graph TD;{src}"));
        assert_eq!(ids(&g), ["a"], "{src}");
        assert_eq!(node(&g, "a").shape, shape, "{src}");
        assert_eq!(text(&g, "a"), label, "{src}");
    }
}

#[test]
fn html_and_end_inside_node_text() {
    for src in [
        "a{A <br> end};",
        "a{{A <br> end}};",
        "a(A <br> end);",
        "a(((A <br> end)));",
    ] {
        let g = ok(&format!("graph TD;{src}"));
        assert_eq!(text(&g, "a"), "A\nend", "{src}");
    }
}

#[test]
fn ids_of_digits_dashes_underscores() {
    for id in [
        "id1",
        "1",
        "1id",
        "i-d",
        "i_d",
        "1.5",
        "a.b.c",
        "ÅÄÖ",
        "Ȁ",
        "应用层",
    ] {
        let g = ok(&format!("graph TD;{id};"));
        assert_eq!(ids(&g), [id]);
    }
    let g = ok("graph TD;\nsubgraph \"hello\"\n1\nend");
    assert_eq!(parent(&g, "1").as_deref(), Some("hello"));
}

#[test]
fn keywords_inside_ids() {
    for kw in KEYWORDS {
        let src =
            format!("graph TD;a-{kw}-node;a.{kw}.node;a_{kw}_node;node_{kw};node.{kw};node-{kw};");
        let g = ok(&src);
        let want = [
            format!("a-{kw}-node"),
            format!("a.{kw}.node"),
            format!("a_{kw}_node"),
            format!("node_{kw}"),
            format!("node.{kw}"),
            format!("node-{kw}"),
        ];
        assert_eq!(ids(&g), want, "{src}");
    }
    for kw in ["default", "href", "click", "call"] {
        let g = ok(&format!("graph TD; {kw}.node;{kw}-node;{kw}/node;"));
        assert_eq!(
            ids(&g),
            [
                format!("{kw}.node"),
                format!("{kw}-node"),
                format!("{kw}/node")
            ]
        );
    }
}

#[test]
fn special_characters_in_ids() {
    for c in ["#", ":", "0", "&", ",", "*", ".", "\\", "v", "-", "/", "_"] {
        let g = ok(&format!("graph TD; {c} --> A"));
        assert_eq!(ids(&g), [c, "A"], "single {c}");
        let g = ok(&format!("graph TD; {c}node --> A"));
        assert_eq!(ids(&g), [format!("{c}node").as_str(), "A"], "start {c}");
        let g = ok(&format!("graph TD; node{c} --> A"));
        assert_eq!(ids(&g), [format!("node{c}").as_str(), "A"], "end {c}");
    }
}
