//! `flow-arrows.spec.js`.

use super::*;
use Marker::{Arrow, Circle, Cross, None as No};

#[test]
fn plain_and_double_ended() {
    for (arrow, want) in [
        ("-->", (Stroke::Normal, No, Arrow, 1)),
        ("<-->", (Stroke::Normal, Arrow, Arrow, 1)),
        ("x--x", (Stroke::Normal, Cross, Cross, 1)),
        ("o--o", (Stroke::Normal, Circle, Circle, 1)),
        ("<==>", (Stroke::Thick, Arrow, Arrow, 1)),
        ("x==x", (Stroke::Thick, Cross, Cross, 1)),
        ("o==o", (Stroke::Thick, Circle, Circle, 1)),
        ("<-.->", (Stroke::Dotted, Arrow, Arrow, 1)),
        ("x-.-x", (Stroke::Dotted, Cross, Cross, 1)),
        ("o-.-o", (Stroke::Dotted, Circle, Circle, 1)),
        ("~~~", (Stroke::Invisible, No, No, 1)),
    ] {
        let g = ok(&format!("graph TD;\nA {arrow} B;"));
        let (s, a, b, l, t) = edge(&g, 0);
        assert_eq!((s, a, b, l), want, "{arrow}");
        assert_eq!(t, "");
    }
}

#[test]
fn double_ended_with_text() {
    for (src, want) in [
        ("A<-- text -->B", (Stroke::Normal, Arrow, Arrow)),
        ("A<== text ==>B", (Stroke::Thick, Arrow, Arrow)),
        ("A<-. text .->B", (Stroke::Dotted, Arrow, Arrow)),
        ("A x-- text --x B", (Stroke::Normal, Cross, Cross)),
        ("A o== text ==o B", (Stroke::Thick, Circle, Circle)),
        ("A o-. text .-o B", (Stroke::Dotted, Circle, Circle)),
    ] {
        let g = ok(&format!("graph TD;\n{src};"));
        let (s, a, b, l, t) = edge(&g, 0);
        assert_eq!(
            (s, a, b, l, t.as_str()),
            (want.0, want.1, want.2, 1, "text"),
            "{src}"
        );
    }
}

#[test]
fn a_start_mark_without_its_end_mark_is_line() {
    // flowDb.destructEndLink: `<---` is an open link whose `<` counts towards the length.
    let g = ok("graph TD;\nA <--- B;\nC x--> D;\nE o-.-> F");
    assert_eq!(edge(&g, 0), (Stroke::Normal, No, No, 2, String::new()));
    assert_eq!(edge(&g, 1), (Stroke::Normal, No, Arrow, 2, String::new()));
    assert_eq!(edge(&g, 2), (Stroke::Dotted, No, Arrow, 1, String::new()));
    // Mismatched ends around a label make mermaid's `INVALID` edge type.
    rejected("graph TD;\nA x-- text --> B");
    rejected("graph TD;\nA <-- text --- B");
}
