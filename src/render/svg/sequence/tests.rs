use super::*;

fn svg(src: &str) -> String {
    let (seq, _) = crate::mermaid::sequence(src).expect("parses");
    let l = crate::layout::sequence::layout(&seq);
    sequence(&seq, &l, &SvgOptions::default())
}

#[test]
fn placeholder_renders() {
    let s = svg("sequenceDiagram\nA->>B: hi\n");
    assert!(s.contains("class=\"netfig netfig-sequence\""), "{s}");
}
