//! Every example of mermaid's flowchart documentation parses and lowers without errors, and
//! selected examples produce the facts their documentation describes.

use crate::common::{corpus_dir, corpus_files};
use netfig::diagnostic::{Diagnostic, Severity};
use netfig::mermaid::flowchart as parse_flowchart;
use netfig::model::{Endpoint, Flowchart, Marker, Shape, Stroke};

/// One corpus example, parsed and lowered (the harness runs these tests only with the corpus).
fn load(name: &str) -> (Flowchart, Vec<Diagnostic>) {
    let src = std::fs::read_to_string(corpus_dir().join(name)).expect("read corpus file");
    parse_flowchart(&src)
}

fn codes(d: &[Diagnostic]) -> Vec<&'static str> {
    d.iter().map(|d| d.code).collect()
}

pub(crate) fn every_example_parses_without_errors() {
    let files = corpus_files();
    assert_eq!(files.len(), 111);
    let mut failures = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        let (chart, diags) = parse_flowchart(&src);
        let file = netfig::SourceFile::new(f.display().to_string(), src.clone());
        for d in diags.iter().filter(|d| d.severity == Severity::Error) {
            failures.push(file.render(d));
        }
        assert!(!chart.nodes.is_empty(), "{} has no nodes", f.display());
        // The same example with Windows line endings means the same diagram.
        let (crlf, crlf_diags) = parse_flowchart(&src.replace('\n', "\r\n"));
        assert_eq!(
            codes(&crlf_diags),
            codes(&diags),
            "{} with CRLF",
            f.display()
        );
        assert_eq!(
            crlf.nodes.len(),
            chart.nodes.len(),
            "{} with CRLF",
            f.display()
        );
        assert_eq!(
            crlf.edges.len(),
            chart.edges.len(),
            "{} with CRLF",
            f.display()
        );
        let labels = |g: &Flowchart| g.nodes.iter().map(|n| n.label.text()).collect::<Vec<_>>();
        assert_eq!(labels(&crlf), labels(&chart), "{} with CRLF", f.display());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

pub(crate) fn corpus_warnings_are_exactly_the_expected_ones() {
    let mut seen = Vec::new();
    for p in corpus_files() {
        let (_, d) = parse_flowchart(&std::fs::read_to_string(&p).unwrap());
        if !d.is_empty() {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            seen.push((name, codes(&d)));
        }
    }
    seen.sort();
    let s = |f: &str, c: &[&'static str]| (f.to_string(), c.to_vec());
    assert_eq!(
        seen,
        [
            s("004.mmd", &["W-MMD-006"]),
            s("067.mmd", &["W-MMD-002"]),
            s("068.mmd", &["W-MMD-002"]),
            s("100.mmd", &["W-MMD-006"]),
            s("101.mmd", &["W-MMD-005", "W-MMD-005"]),
            s("109.mmd", &["W-MMD-003"; 4]),
            s("110.mmd", &["W-MMD-003"; 2]),
        ]
    );
}

pub(crate) fn every_example_lowers_the_same_twice() {
    // How fast the corpus parses is measured by `benches/corpus.rs`; here only that parsing
    // depends on nothing but the text.
    for f in corpus_files() {
        let src = std::fs::read_to_string(&f).unwrap();
        assert_eq!(
            parse_flowchart(&src),
            parse_flowchart(&src),
            "{}",
            f.display()
        );
    }
}

pub(crate) fn shapes_001_to_019() {
    let expect = [
        ("007.mmd", Shape::Rounded),
        ("008.mmd", Shape::Stadium),
        ("009.mmd", Shape::Subroutine),
        ("010.mmd", Shape::Cylinder),
        ("011.mmd", Shape::Circle),
        ("012.mmd", Shape::Asymmetric),
        ("013.mmd", Shape::Diamond),
        ("014.mmd", Shape::Hexagon),
        ("015.mmd", Shape::LeanRight),
        ("016.mmd", Shape::LeanLeft),
        ("017.mmd", Shape::Trapezoid),
        ("018.mmd", Shape::TrapezoidTop),
        ("019.mmd", Shape::DoubleCircle),
        ("021.mmd", Shape::Rect),
        ("032.mmd", Shape::Datastore),
        ("058.mmd", Shape::FlippedTriangle),
    ];
    for (f, shape) in expect {
        let (g, _) = load(f);
        assert_eq!(g.nodes[0].shape, shape, "{f}");
    }
    let (g, _) = load("002.mmd");
    assert_eq!(g.nodes[0].label.text(), "This is the text in the box");
    assert_eq!(g.title.unwrap().text(), "Node with text");
    let (g, _) = load("020.mmd");
    assert_eq!(g.nodes.len(), 5);
    assert_eq!(g.nodes[4].label.text(), "Paper Records");
    assert_eq!(g.nodes[4].shape, Shape::Flag);
}

pub(crate) fn icon_and_image_nodes_warn() {
    for f in ["067.mmd", "068.mmd"] {
        let (g, d) = load(f);
        assert_eq!(codes(&d), ["W-MMD-002"], "{f}");
        assert!(
            g.nodes[0].label.text().contains("label") || g.nodes[0].label.text() == "User Icon"
        );
    }
}

pub(crate) fn markdown_004_and_100() {
    let (g, d) = load("004.mmd");
    assert_eq!(
        codes(&d),
        ["W-MMD-006"],
        "htmlLabels is ignored with a warning"
    );
    let md = &g.nodes[0].label.lines[0].runs;
    assert_eq!(
        md.iter()
            .map(|r| (r.text.as_str(), r.bold, r.italic))
            .collect::<Vec<_>>(),
        [
            ("This ", false, false),
            ("is", true, false),
            (" ", false, false),
            ("Markdown", false, true)
        ]
    );
    assert_eq!(g.nodes[1].label.text(), "Line1\nLine 2\nLine 3");
    let (g, _) = load("100.mmd");
    let a = &g.nodes[0].label;
    assert_eq!(a.text(), "The cat\nin the hat");
    assert!(a.lines[0].runs.iter().any(|r| r.text == "cat" && r.bold));
    assert_eq!(g.clusters.len(), 2);
    assert_eq!(g.clusters[0].title.text(), "One");
    assert_eq!(g.clusters[1].title.text(), "Two");
    assert!(g.clusters[1].title.lines[0].runs[0].bold);
    assert_eq!(g.edges[0].label.text(), "edge label");
    assert!(g.edges[1].label.lines[0]
        .runs
        .iter()
        .any(|r| r.text == "edge label" && r.bold));
    assert_eq!(g.nodes[1].shape, Shape::Hexagon);
}

pub(crate) fn arrows_069_to_090() {
    let one = |f: &str| -> (Stroke, Marker, Marker, u32, String) {
        let (g, d) = load(f);
        assert!(d.is_empty(), "{f}: {d:?}");
        let e = &g.edges[0];
        (e.stroke, e.start, e.end, e.min_len, e.label.text())
    };
    use Marker::*;
    use Stroke::*;
    assert_eq!(one("069.mmd"), (Normal, None, Arrow, 1, String::new()));
    assert_eq!(one("070.mmd"), (Normal, None, None, 1, String::new()));
    assert_eq!(
        one("071.mmd"),
        (Normal, None, None, 1, "This is the text!".into())
    );
    assert_eq!(
        one("072.mmd"),
        (Normal, None, None, 1, "This is the text".into())
    );
    assert_eq!(one("073.mmd"), (Normal, None, Arrow, 1, "text".into()));
    assert_eq!(one("074.mmd"), (Normal, None, Arrow, 1, "text".into()));
    assert_eq!(one("075.mmd"), (Dotted, None, Arrow, 1, String::new()));
    assert_eq!(one("076.mmd"), (Dotted, None, Arrow, 1, "text".into()));
    assert_eq!(one("077.mmd"), (Thick, None, Arrow, 1, String::new()));
    assert_eq!(one("078.mmd"), (Thick, None, Arrow, 1, "text".into()));
    assert_eq!(one("079.mmd"), (Invisible, None, None, 1, String::new()));
    assert_eq!(one("088.mmd"), (Normal, None, Circle, 1, String::new()));
    assert_eq!(one("089.mmd"), (Normal, None, Cross, 1, String::new()));
    let (g, _) = load("090.mmd");
    let ends: Vec<_> = g.edges.iter().map(|e| (e.start, e.end)).collect();
    assert_eq!(ends, [(Circle, Circle), (Arrow, Arrow), (Cross, Cross)]);
    let (g, _) = load("080.mmd");
    assert_eq!(g.edges.len(), 2);
    assert_eq!(g.edges[1].label.text(), "text2");
}

pub(crate) fn groups_081_082() {
    let (g, _) = load("081.mmd");
    assert_eq!(g.edges.len(), 4);
    let (g2, _) = load("082.mmd");
    assert_eq!(g2.edges.len(), 4);
    let name = |g: &Flowchart, e: Endpoint| match e {
        Endpoint::Node(n) => g.nodes[n.index()].id.clone(),
        Endpoint::Cluster(c) => g.clusters[c.index()].id.clone(),
    };
    let pairs: Vec<_> = g2
        .edges
        .iter()
        .map(|e| (name(&g2, e.from), name(&g2, e.to)))
        .collect();
    let s = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(pairs, [s("A", "C"), s("A", "D"), s("B", "C"), s("B", "D")]);
}

pub(crate) fn edge_ids_084_to_087_and_104() {
    let (g, _) = load("084.mmd");
    assert_eq!(g.edges[0].id.as_deref(), Some("e1"));
    assert_eq!(g.nodes.len(), 2, "e1 is not a node");
    let (g, _) = load("085.mmd");
    assert_eq!(g.edges[0].animation.as_deref(), Some("default"));
    assert_eq!(g.edges[0].stroke, Stroke::Thick);
    let (g, _) = load("086.mmd");
    assert_eq!(g.edges[0].animation.as_deref(), Some("fast"));
    let (g, d) = load("087.mmd");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(g.edges[0].classes, ["animate"]);
    assert_eq!(g.edges[0].style.get("stroke-dasharray"), Some("9,5"));
    assert_eq!(
        g.edges[0].style.get("animation"),
        Some("dash 25s linear infinite")
    );
    let (g, _) = load("104.mmd");
    assert_eq!(g.edges[0].curve, Some(netfig::model::Curve::Linear));
    assert_eq!(g.edges[1].curve, Some(netfig::model::Curve::Natural));
}

pub(crate) fn lengths_091_092() {
    for f in ["091.mmd", "092.mmd"] {
        let (g, _) = load(f);
        assert_eq!(g.edges.len(), 5);
        assert_eq!(g.edges[4].min_len, 3, "{f}");
        assert_eq!(g.edges[4].label.text(), "No");
        assert_eq!(g.nodes[4].label.text(), "End");
        assert_eq!(g.nodes[1].shape, Shape::Diamond);
    }
}

pub(crate) fn text_093_094() {
    let (g, _) = load("093.mmd");
    assert_eq!(g.nodes[0].label.text(), "This is the (text) in the box");
    let (g, d) = load("094.mmd");
    assert!(d.is_empty());
    assert_eq!(g.nodes[0].label.text(), "A double quote:\"");
    assert_eq!(g.nodes[1].label.text(), "A dec char:♥");
}

pub(crate) fn subgraphs_095_to_099() {
    let (g, _) = load("095.mmd");
    assert_eq!(g.clusters.len(), 3);
    let parent = |g: &Flowchart, id: &str| {
        g.nodes[g.node_by_id(id).unwrap().index()]
            .parent
            .map(|c| g.clusters[c.index()].id.clone())
    };
    assert_eq!(parent(&g, "c1").as_deref(), Some("three"));
    assert_eq!(parent(&g, "a2").as_deref(), Some("one"));
    let (g, _) = load("096.mmd");
    assert_eq!(g.clusters[0].id, "ide1");
    assert_eq!(g.clusters[0].title.text(), "one");
    let (g, _) = load("097.mmd");
    assert_eq!(g.edges.len(), 7);
    assert_eq!(
        g.edges[4].from,
        Endpoint::Cluster(g.cluster_by_id("one").unwrap())
    );
    assert_eq!(
        g.edges[4].to,
        Endpoint::Cluster(g.cluster_by_id("two").unwrap())
    );
    assert_eq!(g.edges[6].to, Endpoint::Node(g.node_by_id("c2").unwrap()));
    let (g, _) = load("098.mmd");
    use netfig::model::Direction::*;
    let top = g.cluster_by_id("TOP").unwrap();
    let b1 = g.cluster_by_id("B1").unwrap();
    assert_eq!(g.clusters[b1.index()].parent, Some(top));
    assert_eq!(g.clusters[top.index()].direction, Some(TopBottom));
    assert_eq!(g.clusters[b1.index()].direction, Some(RightLeft));
    assert_eq!(g.clusters[2].direction, Some(BottomTop));
    assert_eq!(g.direction, LeftRight);
    assert_eq!(g.edges[2].to, Endpoint::Cluster(top));
    assert_eq!(g.edges[3].from, Endpoint::Cluster(top));
    assert_eq!(parent(&g, "i1").as_deref(), Some("B1"));
    let (g, _) = load("099.mmd");
    assert_eq!(g.edges[3].min_len, 2);
}

pub(crate) fn click_101_102() {
    let (g, d) = load("101.mmd");
    assert_eq!(codes(&d), ["W-MMD-005", "W-MMD-005"]);
    assert!(g.nodes[0].link.is_none());
    let b = g.nodes[1].link.as_ref().unwrap();
    assert_eq!(b.href, "https://www.github.com");
    assert_eq!(b.tooltip.as_deref(), Some("This is a tooltip for a link"));
    assert!(g.nodes[3].link.is_some());
    let (g, d) = load("102.mmd");
    assert!(d.is_empty());
    for n in &g.nodes[..4] {
        assert_eq!(n.link.as_ref().unwrap().target.as_deref(), Some("_blank"));
    }
    assert_eq!(
        g.nodes[1].link.as_ref().unwrap().tooltip.as_deref(),
        Some("Open this in a new tab")
    );
}

pub(crate) fn styles_105_to_108() {
    let (g, _) = load("105.mmd");
    assert_eq!(g.nodes[0].style.get("fill"), Some("#f9f"));
    assert_eq!(g.nodes[1].style.get("stroke-dasharray"), Some("5 5"));
    assert_eq!(g.nodes[1].style.get("color"), Some("#fff"));
    assert_eq!(g.nodes[0].shape, Shape::Rounded);
    let (g, _) = load("106.mmd");
    assert_eq!(g.nodes[0].style.get("fill"), Some("#f96"));
    let (g, _) = load("107.mmd");
    let strokes: Vec<_> = g
        .nodes
        .iter()
        .map(|n| n.style.get("stroke").unwrap())
        .collect();
    assert_eq!(strokes, ["#f00", "#0f0", "#00f"]);
    assert_eq!(g.nodes[2].classes, ["foobar"]);
    assert_eq!(g.edges.len(), 2);
    let (g, _) = load("108.mmd");
    assert_eq!(g.nodes[0].style.get("stroke-width"), Some("4px"));
}

pub(crate) fn icons_109_110() {
    let (g, d) = load("109.mmd");
    assert_eq!(codes(&d), ["W-MMD-003"; 4]);
    assert_eq!(g.nodes[0].label.text(), "for peace");
    assert_eq!(g.nodes[3].label.text(), "A perhaps?");
    let (g, d) = load("110.mmd");
    assert_eq!(codes(&d), ["W-MMD-003"; 2]);
    assert_eq!(g.nodes[1].label.text(), "a custom icon");
}

pub(crate) fn comment_103_and_111() {
    let (g, _) = load("103.mmd");
    assert_eq!(g.nodes.len(), 3);
    assert_eq!(g.edges.len(), 2);
    let (g, _) = load("111.mmd");
    assert_eq!(g.nodes.len(), 5);
    assert_eq!(g.edges[0].label.text(), "Link text");
}
