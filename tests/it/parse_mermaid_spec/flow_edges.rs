//! `flow-edges.spec.js`.

use super::*;
use Marker::{Arrow, Circle, Cross, None as No};

/// flow-edges.spec.js: `(start, end, stroke, start mark, end mark)`.
const DOUBLE: &[(&str, &str, Stroke, Marker, Marker)] = &[
    ("x--", "--x", Stroke::Normal, Cross, Cross),
    ("x==", "==x", Stroke::Thick, Cross, Cross),
    ("x-.", ".-x", Stroke::Dotted, Cross, Cross),
    ("o--", "--o", Stroke::Normal, Circle, Circle),
    ("o==", "==o", Stroke::Thick, Circle, Circle),
    ("o-.", ".-o", Stroke::Dotted, Circle, Circle),
    ("<--", "-->", Stroke::Normal, Arrow, Arrow),
    ("<==", "==>", Stroke::Thick, Arrow, Arrow),
    ("<-.", ".->", Stroke::Dotted, Arrow, Arrow),
];
const REGULAR: &[(&str, &str, Stroke, Marker)] = &[
    ("--", "--x", Stroke::Normal, Cross),
    ("==", "==x", Stroke::Thick, Cross),
    ("-.", ".-x", Stroke::Dotted, Cross),
    ("--", "--o", Stroke::Normal, Circle),
    ("==", "==o", Stroke::Thick, Circle),
    ("-.", ".-o", Stroke::Dotted, Circle),
    ("--", "-->", Stroke::Normal, Arrow),
    ("==", "==>", Stroke::Thick, Arrow),
    ("-.", ".->", Stroke::Dotted, Arrow),
    ("--", "----", Stroke::Normal, No),
    ("==", "====", Stroke::Thick, No),
    ("-.", ".-", Stroke::Dotted, No),
];

#[test]
fn double_ended_edges_without_and_with_text() {
    for &(a, b, stroke, s, e) in DOUBLE {
        let g = ok(&format!("graph TD;\nA {a}{b} B;"));
        let got = edge(&g, 0);
        assert_eq!(
            (got.0, got.1, got.2, got.4.as_str()),
            (stroke, s, e, ""),
            "{a}{b}"
        );
        let g = ok(&format!("graph TD;\nA {a} text {b} B;"));
        let got = edge(&g, 0);
        assert_eq!(
            (got.0, got.1, got.2, got.4.as_str()),
            (stroke, s, e, "text"),
            "{a} text {b}"
        );
        for kw in KEYWORDS {
            let g = ok(&format!("graph TD;\nA {a} {kw} {b} B;"));
            assert_eq!(g.edges[0].label.text(), *kw, "{a} {kw} {b}");
            assert_eq!(ids(&g), ["A", "B"]);
        }
    }
}

#[test]
fn regular_edges_with_text() {
    for &(a, b, stroke, e) in REGULAR {
        let g = ok(&format!("graph TD;\nA{a} text {b}B;"));
        let got = edge(&g, 0);
        assert_eq!(
            (got.0, got.1, got.2, got.4.as_str()),
            (stroke, No, e, "text"),
            "{a}{b}"
        );
        assert_eq!(ids(&g), ["A", "B"]);
    }
}

#[test]
fn lengths() {
    for len in 1..=3u32 {
        let d = "-".repeat(len as usize);
        let q = "=".repeat(len as usize);
        let p = ".".repeat(len as usize);
        for (src, stroke, s, e) in [
            (format!("A -{d}- B"), Stroke::Normal, No, No),
            (format!("A -{d}> B"), Stroke::Normal, No, Arrow),
            (format!("A <-{d}> B"), Stroke::Normal, Arrow, Arrow),
            (format!("A -- Label -{d}- B"), Stroke::Normal, No, No),
            (format!("A -- Label -{d}> B"), Stroke::Normal, No, Arrow),
            (format!("A <-- Label -{d}> B"), Stroke::Normal, Arrow, Arrow),
            (format!("A ={q}= B"), Stroke::Thick, No, No),
            (format!("A ={q}> B"), Stroke::Thick, No, Arrow),
            (format!("A <={q}> B"), Stroke::Thick, Arrow, Arrow),
            (format!("A == Label ={q}= B"), Stroke::Thick, No, No),
            (format!("A == Label ={q}> B"), Stroke::Thick, No, Arrow),
            (format!("A <== Label ={q}> B"), Stroke::Thick, Arrow, Arrow),
            (format!("A -{p}- B"), Stroke::Dotted, No, No),
            (format!("A -{p}-> B"), Stroke::Dotted, No, Arrow),
            (format!("A <-{p}-> B"), Stroke::Dotted, Arrow, Arrow),
            (format!("A -. Label {p}- B"), Stroke::Dotted, No, No),
            (format!("A -. Label {p}-> B"), Stroke::Dotted, No, Arrow),
            (format!("A <-. Label {p}-> B"), Stroke::Dotted, Arrow, Arrow),
        ] {
            let g = ok(&format!("graph TD;\n{src};"));
            let got = edge(&g, 0);
            assert_eq!((got.0, got.1, got.2, got.3), (stroke, s, e, len), "{src}");
            let want = if src.contains("Label") { "Label" } else { "" };
            assert_eq!(got.4, want, "{src}");
        }
    }
}

#[test]
fn multiple_edges_between_the_same_nodes() {
    let g = ok("graph TD;A---|This is the 123 s text|B;\nA---|This is the second edge|B;");
    assert_eq!(pairs(&g), ["A>B", "A>B"]);
    assert_eq!(g.edges[0].label.text(), "This is the 123 s text");
    assert_eq!(g.edges[1].label.text(), "This is the second edge");
}

#[test]
fn pipe_labels_on_every_arrow() {
    let g = ok("flowchart TB\nA-->|text|B\nA---|text|B\nA--x|text|B\nA--o|text|B\nA-.->|text|B\nA==>|text|B\nA~~~|text|B\nA --> |text| B");
    let strokes: Vec<_> = g.edges.iter().map(|e| (e.stroke, e.end)).collect();
    assert_eq!(
        strokes,
        [
            (Stroke::Normal, Arrow),
            (Stroke::Normal, No),
            (Stroke::Normal, Cross),
            (Stroke::Normal, Circle),
            (Stroke::Dotted, Arrow),
            (Stroke::Thick, Arrow),
            (Stroke::Invisible, No),
            (Stroke::Normal, Arrow),
        ]
    );
    assert!(g.edges.iter().all(|e| e.label.text() == "text"));
}

#[test]
fn one_label_per_edge() {
    rejected("graph TD\nA-- text -->|more| B");
    rejected("graph TD\nA-- text ==>B");
}

#[test]
fn edge_ids_and_animation() {
    let g = ok("flowchart LR\nA e1@--> B\ne1@{ animate: true }");
    assert_eq!(g.edges[0].id.as_deref(), Some("e1"));
    assert_eq!(g.edges[0].animation.as_deref(), Some("default"));
    let g = ok("flowchart LR\nA e1@--> B\ne1@{ animate: true }\ne1@{ animate: false }");
    assert_eq!(g.edges[0].animation, None);
    let g = ok("flowchart LR\nA e1@==> B\nC e2@-.-> D\ne2@{ animation: fast }");
    assert_eq!(edge(&g, 0).0, Stroke::Thick);
    assert_eq!(g.edges[1].animation.as_deref(), Some("fast"));
    // flow-node-data.spec "should handle unique edge creation with using @ and &": the id
    // goes to the edge from the last start to the first end (flowDb.addLink).
    let g = ok("flowchart LR\nA & B e1@--> C & D");
    assert_eq!(pairs(&g), ["A>C", "A>D", "B>C", "B>D"]);
    let ids: Vec<_> = g.edges.iter().map(|e| e.id.as_deref()).collect();
    assert_eq!(ids, [None, None, Some("e1"), None]);
}
