//! `flow-text.spec.js`.

use super::*;

#[test]
fn edge_text() {
    for (src, want) in [
        ("A--x|textNoSpace|B", "textNoSpace"),
        ("A--x|text including space|B", "text including space"),
        ("A--x|text with / should work|B", "text with / should work"),
        ("A --x|textNoSpace| B", "textNoSpace"),
        (
            "A--x|text including CAPS space|B",
            "text including CAPS space",
        ),
        (
            "A--x|text including URL space|B",
            "text including URL space",
        ),
        (
            "A--x|text including R TD space|B",
            "text including R TD space",
        ),
        (
            "A--x|text including graph space|B",
            "text including graph space",
        ),
        ("A--x|text including `|B", "text including `"),
        (
            "A--text including URL space and send-->B",
            "text including URL space and send",
        ),
        (
            "A-- text including URL space and send -->B",
            "text including URL space and send",
        ),
        ("A-->|éèêàçô|B", "éèêàçô"),
        ("A-->|,.?!+-*|B", ",.?!+-*"),
    ] {
        let g = ok(&format!("graph TD;{src};"));
        assert_eq!(g.edges[0].label.text(), want, "{src}");
        assert_eq!(ids(&g), ["A", "B"], "{src}");
    }
}

#[test]
fn v_in_node_ids() {
    for (src, id) in [
        ("A--xv(my text)", "v"),
        ("A--xcsv(my text)", "csv"),
        ("A--xava(my text)", "ava"),
        ("A--xva(my text)", "va"),
    ] {
        let g = ok(&format!("graph TD;{src};"));
        assert_eq!(ids(&g), ["A", id], "{src}");
        assert_eq!(node(&g, id).shape, Shape::Rounded);
        assert_eq!(text(&g, id), "my text");
        assert_eq!(g.edges[0].end, Marker::Cross);
    }
    let g = ok("graph TD;V-- \"test string()\" -->a[v]");
    assert_eq!(g.edges[0].label.text(), "test string()");
    assert_eq!(text(&g, "a"), "v");
}

#[test]
fn node_text() {
    for (src, id, want, shape) in [
        (
            "A[chimpansen hoppar]-->C",
            "A",
            "chimpansen hoppar",
            Shape::Rect,
        ),
        (
            "A[chimpansen hoppar] --> C",
            "A",
            "chimpansen hoppar",
            Shape::Rect,
        ),
        (
            "A[chimpansen_hoppar] --> C",
            "A",
            "chimpansen_hoppar",
            Shape::Rect,
        ),
        (
            "A[\"chimpansen hoppar ()[]\"] --> C",
            "A",
            "chimpansen hoppar ()[]",
            Shape::Rect,
        ),
        (
            "A((chimpansen hoppar))-->C",
            "A",
            "chimpansen hoppar",
            Shape::Circle,
        ),
        (
            "A(chimpansen hoppar)-->C",
            "A",
            "chimpansen hoppar",
            Shape::Rounded,
        ),
        ("A(?)-->|?|C", "A", "?", Shape::Rounded),
        ("A(éèêàçô)-->|éèêàçô|C", "A", "éèêàçô", Shape::Rounded),
        ("A(,.?!+-*)-->|,.?!+-*|C", "A", ",.?!+-*", Shape::Rounded),
        ("A-->C(Начало)", "C", "Начало", Shape::Rounded),
        ("A-->C(c:\\windows)", "C", "c:\\windows", Shape::Rounded),
        ("A-->C(some CAPS)", "C", "some CAPS", Shape::Rounded),
        ("A-->C(some URL)", "C", "some URL", Shape::Rounded),
        (
            "A-->C{Chimpansen hoppar åäö-ÅÄÖ}",
            "C",
            "Chimpansen hoppar åäö-ÅÄÖ",
            Shape::Diamond,
        ),
        (
            "A-->C(Chimpansen hoppar åäö  <br> -  ÅÄÖ)",
            "C",
            "Chimpansen hoppar åäö\n-  ÅÄÖ",
            Shape::Rounded,
        ),
        (
            "A[/text with / inside/]-->C",
            "A",
            "text with / inside",
            Shape::LeanRight,
        ),
        (
            "A>text with > inside]-->C",
            "A",
            "text with > inside",
            Shape::Asymmetric,
        ),
        (
            "A[item #5: a & b - c]-->C",
            "A",
            "item #5: a & b - c",
            Shape::Rect,
        ),
    ] {
        let g = ok(&format!("graph TD;{src}"));
        assert_eq!(text(&g, id), want, "{src}");
        assert_eq!(node(&g, id).shape, shape, "{src}");
    }
}

#[test]
fn keywords_in_node_and_edge_text() {
    for kw in KEYWORDS {
        let g = ok(&format!(
            "graph TD;A-- {kw} -->B;C--x|{kw}|D;E[{kw}];F({kw});G{{{kw}}};H>{kw}]"
        ));
        assert_eq!(g.edges[0].label.text(), *kw);
        assert_eq!(g.edges[1].label.text(), *kw);
        for id in ["E", "F", "G", "H"] {
            assert_eq!(text(&g, id), *kw, "{kw} in {id}");
        }
        assert_eq!(g.nodes.len(), 8);
    }
}

#[test]
fn quoted_strings() {
    let g = ok("graph TD\nA[\"quoted with 'single' inside\"]\nB[\"a ; b %% c\"]\nC(\"(round)\")");
    assert_eq!(text(&g, "A"), "quoted with 'single' inside");
    assert_eq!(text(&g, "B"), "a ; b %% c");
    assert_eq!(text(&g, "C"), "(round)");
    // mermaid's strings may span lines.
    let g = ok("flowchart LR\nA[\"line1\nline2\"] --> B");
    assert_eq!(text(&g, "A"), "line1\nline2");
    assert_eq!(pairs(&g), ["A>B"]);
    let g = ok("graph TD\nA[\"#quot;q#quot; &amp; #9829;\"]");
    assert_eq!(text(&g, "A"), "\"q\" & ♥");
}

#[test]
fn what_mermaid_rejects() {
    rejected("graph TD; A[This is a () in text];");
    rejected(
        "graph TD;A(this node has \"string\" and text)-->|this link has \"string\" and text|C;",
    );
    rejected("graph TD;A-->|this link has \"string\" and text|C;");
    rejected("graph TD;A[This is a \\\"()\\\" in text];");
    rejected("graph TD;A[\"This is a \"\"()\"\" in text\"];");
    rejected("graph TD;A(-this is an (ellipse)-)-->B");
    rejected("graph\nX(- My Text (");
    rejected("graph TD;A[unclosed");
    rejected("graph TD;A[\"unclosed]");
    let (_, d) = parse_flowchart("graph TD; A[Start (here)]");
    assert_eq!(d[0].code, "E-MMD-025");
    assert_eq!(d[0].span.start, "graph TD; A[Start ".len());
    assert!(
        d[0].hints[0].contains("[\"Start (here)\"]"),
        "{:?}",
        d[0].hints
    );
}

#[test]
fn line_breaks() {
    let g = ok("graph TD\nA[a<br/>b<br >c<BR>d<br    />e]");
    assert_eq!(text(&g, "A"), "a\nb\nc\nd\ne");
    let g = ok("graph TD\nA-->|one<br>two|B");
    assert_eq!(g.edges[0].label.text(), "one\ntwo");
}

#[test]
fn a_missing_closing_quote_is_pointed_out() {
    let src = "graph TD\nA[\"oops]\nB[\"x\"]";
    let (_, d) = parse_flowchart(src);
    assert_eq!(d[0].code, "E-MMD-003");
    assert_eq!(d[0].span.start, "graph TD\nA".len());
    assert!(
        d[0].hints[0].contains("closing `\"` missing"),
        "{:?}",
        d[0].hints
    );
    let (_, d) = parse_flowchart("graph TD\nA[\"never closed]");
    assert_eq!(d[0].code, "E-MMD-004");
}
