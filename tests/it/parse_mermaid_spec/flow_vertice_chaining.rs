//! `flow-vertice-chaining.spec.js`.

use super::*;

#[test]
fn chains_and_groups() {
    for (src, want) in [
        ("A-->B-->C;", &["A>B", "B>C"][..]),
        ("A-->B & C;", &["A>B", "A>C"][..]),
        ("A & B-->C;", &["A>C", "B>C"][..]),
        ("A & B-->C & D;", &["A>C", "A>D", "B>C", "B>D"][..]),
        (
            "A --> B & B2 & C --> D2;",
            &["A>B", "A>B2", "A>C", "B>D2", "B2>D2", "C>D2"][..],
        ),
        ("A --> B --> C & D", &["A>B", "B>C", "B>D"][..]),
        ("A -->B & C-->D", &["A>B", "A>C", "B>D", "C>D"][..]),
    ] {
        let g = ok(&format!("graph TD\n  {src}"));
        assert_eq!(pairs(&g), want, "{src}");
    }
}

#[test]
fn chains_with_extra_info() {
    let g = ok("graph TD\n A[ h ] -- hello --> B[\" test \"]:::exClass & C --> D;\n classDef exClass background:#bbb,border:1px solid red;");
    assert_eq!(pairs(&g), ["A>B", "A>C", "B>D", "C>D"]);
    let labels: Vec<_> = g.edges.iter().map(|e| e.label.text()).collect();
    assert_eq!(labels, ["hello", "hello", "", ""]);
    assert_eq!(node(&g, "B").classes, ["exClass"]);
    assert_eq!(text(&g, "B"), "test");
    assert_eq!(text(&g, "A"), "h");
}
