//! `flow-style.spec.js`.

use super::*;

#[test]
fn style_statements() {
    let g = ok("graph TD;style Q background:#fff;");
    assert_eq!(node(&g, "Q").style.get("background"), Some("#fff"));
    let g = ok("graph TD;style R background:#fff,border:1px solid red;");
    let r = &node(&g, "R").style;
    assert_eq!(r.get("background"), Some("#fff"));
    assert_eq!(r.get("border"), Some("1px solid red"));
    let g = ok(
        "graph TD;S-->T;\nstyle S background:#aaa;\nstyle T background:#bbb,border:1px solid red;",
    );
    assert_eq!(node(&g, "S").style.get("background"), Some("#aaa"));
    assert_eq!(node(&g, "T").style.get("border"), Some("1px solid red"));
    let g = ok("graph TD\nA-->B\nstyle A fill:#f9f,stroke:#333,stroke-width:4px");
    assert_eq!(node(&g, "A").style.get("stroke-width"), Some("4px"));
    let g = ok("graph TD\nmy-node.1 --> B\nstyle my-node.1 fill:red");
    assert_eq!(node(&g, "my-node.1").style.get("fill"), Some("red"));
}

#[test]
fn style_keeps_existing_labels() {
    let g = ok("graph TD;A(( ));B((Test));C;style A background:#fff;style D border:1px solid red;");
    assert_eq!(text(&g, "A"), "");
    assert_eq!(text(&g, "B"), "Test");
    assert_eq!(text(&g, "C"), "C");
    assert_eq!(text(&g, "D"), "D");
}

#[test]
fn class_definitions() {
    let g = ok(
        "graph TD;classDef exClass background:#bbb,border:1px solid red;\na-->b;\nclass a exClass;",
    );
    assert_eq!(node(&g, "a").classes, ["exClass"]);
    assert_eq!(node(&g, "a").style.get("background"), Some("#bbb"));
    let g = ok("graph TD;classDef firstClass,secondClass background:#bbb,border:1px solid red;\na-->b;\nclass a firstClass;\nclass b secondClass");
    assert_eq!(node(&g, "b").style.get("border"), Some("1px solid red"));
    let g = ok(
        "graph TD;classDef exClass background:#bbb,border:1.5px solid red;\na-->b;class a exClass",
    );
    assert_eq!(node(&g, "a").style.get("border"), Some("1.5px solid red"));
    let g = ok("graph TD;classDef exClass background:  #bbb,border:1.5px solid red;\na-->b;class a exClass");
    assert_eq!(node(&g, "a").style.get("background"), Some("#bbb"));
    let g = ok("graph TD\nA-->B\nclassDef exClass fill:#f96,stroke:#333,stroke-width:4px,font-size:50%,font-style:bold;\nclass A exClass");
    assert_eq!(node(&g, "A").style.get("font-size"), Some("50%"));
}

#[test]
fn applying_classes() {
    let g = ok("graph TD;\nclassDef exClass background:#bbb;\na_a-->b_b;\nclass a_a exClass;");
    assert_eq!(node(&g, "a_a").classes, ["exClass"]);
    let g = ok("graph TD;\nclassDef exClass background:#bbb;\na-->b[test]:::exClass;");
    assert_eq!(node(&g, "b").classes, ["exClass"]);
    assert_eq!(text(&g, "b"), "test");
    let g = ok("graph TD;\nclassDef exClass background:#bbb;\nb[test]:::exClass;");
    assert_eq!(node(&g, "b").classes, ["exClass"]);
    let g = ok("graph TD;\nclassDef exClass background:#bbb;\nA[test]:::exClass-->B[test2];");
    assert_eq!(node(&g, "A").classes, ["exClass"]);
    assert!(node(&g, "B").classes.is_empty());
    let g = ok("graph TD;\nclassDef exClass background:#bbb;\na-->b[1 a a text!.]:::exClass;");
    assert_eq!(text(&g, "b"), "1 a a text!.");
    let g = ok("graph TD;\nclassDef exClass background:#bbb;\na-->b;\nclass a,b exClass;");
    assert_eq!(node(&g, "a").classes, ["exClass"]);
    assert_eq!(node(&g, "b").classes, ["exClass"]);
    let g = ok("graph TD\nclassDef C1 stroke-dasharray:4\nclassDef C2 stroke-dasharray:6\nA & B:::C1 & D:::C1 --> E:::C2");
    assert!(node(&g, "A").classes.is_empty());
    assert_eq!(node(&g, "B").classes, ["C1"]);
    assert_eq!(node(&g, "D").classes, ["C1"]);
    assert_eq!(node(&g, "E").classes, ["C2"]);
    assert_eq!(pairs(&g), ["A>E", "B>E", "D>E"]);
    let g = ok("graph TD\nclassDef a fill:red\nclassDef b stroke:blue\nA:::a-->B:::b\nA:::b");
    assert_eq!(node(&g, "A").classes, ["a", "b"]);
    assert_eq!(node(&g, "B").style.get("stroke"), Some("blue"));
}

#[test]
fn default_class() {
    let g = ok("graph TD\nclassDef default fill:#f9f\nA-->B:::x\nclassDef x stroke:red");
    assert_eq!(node(&g, "A").style.get("fill"), Some("#f9f"));
    assert_eq!(node(&g, "B").style.get("stroke"), Some("red"));
}

#[test]
fn incomplete_style_statements_are_errors_not_nodes() {
    for src in [
        "graph TD\nA-->B\nstyle A",
        "graph TD\nA-->B\nstyle",
        "graph TD\nA-->B\nclassDef foo",
        "graph TD\nA-->B\nclassDef",
        "graph TD\nA-->B\nclass A",
        "graph TD\nA-->B\nclass",
        "graph TD\nA-->B\nlinkStyle 0",
        "graph TD\nA-->B\nlinkStyle",
        "graph TD\nA-->B\nclick",
        "graph TD\nA-->B\nclick A",
    ] {
        rejected(src);
        let (g, _) = parse_flowchart(src);
        assert_eq!(ids(&g), ["A", "B"], "{src:?}");
    }
    let g = ok("graph TD\nA-->B\nlinkStyle 0 interpolate basis");
    assert_eq!(g.edges[0].curve, Some(Curve::Basis));
}
