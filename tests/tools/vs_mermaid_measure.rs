//! The measuring code of the mermaid comparison (`scripts/vs-mermaid/measure.js`, table in
//! `docs/vs-mermaid.md`) in headless Chromium, on drawings whose answers are known: a crossing
//! (counted and named), edges through and beside a foreign box (8 px away is not within 8 px,
//! float noise or not), a label overflowing its box, and a real netfig drawing whose nodes, edges
//! and labels are all found.

use crate::common::{dumped_result, netfig, root, run_chromium, scratch};

/// A node as netfig draws it: `g.node` with its shape and label.
fn node(id: &str, x: f64, y: f64, w: f64, label: &str) -> String {
    format!(
        "<g class=\"node\" data-id=\"{id}\"><rect class=\"shape\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"30\"/>\
         <text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{label}</text></g>",
        x + w / 2.0,
        y + 20.0
    )
}

fn edge(from: &str, to: &str, d: &str) -> String {
    format!("<g class=\"edge\" data-from=\"{from}\" data-to=\"{to}\"><path class=\"line\" d=\"{d}\" fill=\"none\" stroke=\"black\"/></g>")
}

fn svg(body: &str) -> String {
    format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"300\" viewBox=\"0 0 400 300\" font-size=\"16\">{body}</svg>")
}

/// Measures each SVG in turn in one page and returns the results.
fn measure(svgs: &[String]) -> serde_json::Value {
    let dir = scratch("vs-mermaid-measure");
    let script = std::fs::read_to_string(root().join("scripts/vs-mermaid/measure.js")).unwrap();
    let list = serde_json::to_string(svgs).unwrap().replace("</", "<\\/");
    let page = dir.join("page.html");
    std::fs::write(
        &page,
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\">\
             <div id=\"stage\"></div><pre id=\"result\"></pre><script>{script}</script><script>\
             window.addEventListener('load', () => {{ const out = []; for (const s of {list}) {{\
             document.getElementById('stage').innerHTML = s; out.push(window.measureSvg('netfig')) }}\
             document.getElementById('stage').innerHTML = '';\
             document.getElementById('result').textContent = JSON.stringify(out) }})</script></body></html>"
        ),
    )
    .unwrap();
    let o = run_chromium(
        &dir.join("profile"),
        &["--dump-dom"],
        &format!("file://{}", page.display()),
    );
    dumped_result(&String::from_utf8_lossy(&o.stdout), "result")
}

pub(crate) fn measures_known_drawings() {
    // A and B cross on their way to D and C, both through E; A→C and B→D share no box with
    // them; F's label is wider than its box.
    let crossing = svg(&[
        node("A", 10.0, 10.0, 60.0, "A"),
        node("B", 200.0, 10.0, 60.0, "B"),
        node("C", 10.0, 200.0, 60.0, "C"),
        node("D", 200.0, 200.0, 60.0, "D"),
        node("E", 105.0, 100.0, 60.0, "E"),
        node("F", 300.0, 100.0, 40.0, "a very long label"),
        edge("A", "D", "M40,40 L230,200"),
        edge("B", "C", "M230,40 L40,200"),
        edge("A", "C", "M40,40 L40,200"),
        edge("B", "D", "M262,40 L262,200"),
    ]
    .concat());
    // One edge 5 px beside a foreign box, one 20 px away, and one 8 px away at coordinates
    // Chromium keeps as 32-bit floats (8 px give or take float noise: not within 8 px).
    let near = svg(&[
        node("A", 10.0, 10.0, 60.0, "A"),
        node("B", 10.0, 200.0, 60.0, "B"),
        node("M", 100.37, 100.0, 60.0, "M"),
        edge("A", "B", "M95,40 L95,200"),
        edge("A", "B", "M80,40 L80,200"),
        edge("A", "B", "M92.37,40 L92.37,200"),
        edge("A", "B", "M168.37,40 L168.37,200"),
    ]
    .concat());
    let out = dir_svg("k8s-ingress");
    let r = measure(&[crossing, near, out]);
    let at = |i: usize, k: &str| r[i][k].as_f64().unwrap_or(-1.0);
    assert_eq!(
        (at(0, "crossings"), at(0, "through"), at(0, "near")),
        (1.0, 2.0, 0.0),
        "{r:#}"
    );
    // The crossing is named by its edges (in drawing order) and placed where A→D meets B→C.
    assert_eq!(
        r[0]["crossingList"],
        serde_json::json!([{ "edges": ["A->D", "B->C"], "at": [135, 120] }]),
        "{r:#}"
    );
    assert_eq!((at(0, "labels"), at(0, "fit")), (6.0, 5.0), "{r:#}");
    assert_eq!((at(0, "width"), at(0, "height")), (400.0, 300.0), "{r:#}");
    assert_eq!((at(1, "through"), at(1, "near")), (0.0, 1.0), "{r:#}");
    // The real drawing: 11 nodes and 10 edges found, ends read from data-from / data-to (no
    // edge counted through its own ends), every label inside its box.
    assert_eq!((at(2, "nodes"), at(2, "edges")), (11.0, 10.0), "{r:#}");
    assert_eq!((at(2, "labels"), at(2, "fit")), (11.0, 11.0), "{r:#}");
}

/// netfig's SVG of a comparison diagram.
fn dir_svg(name: &str) -> String {
    let src = format!("tests/fixtures/vs-mermaid/{name}.mmd");
    let o = netfig(&["render", &src, "-o", "-"], &root(), None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}
