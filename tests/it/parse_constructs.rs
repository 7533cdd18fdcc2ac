//! One behaviour per test: each construct of mermaid's flowchart syntax, parsed and lowered.

use crate::common;

use common::lenient;
use netfig::diagnostic::Diagnostic;
use netfig::mermaid::flowchart as parse_flowchart;
use netfig::mermaid::syntax::{diagram_kind, is_flowchart};
use netfig::model::{Curve, Direction, Endpoint, Flowchart, Marker, Shape, Stroke};

fn ok(src: &str) -> Flowchart {
    let (g, d) = parse_flowchart(src);
    assert!(d.is_empty(), "unexpected diagnostics for {src:?}: {d:#?}");
    g
}

fn diags(src: &str) -> Vec<Diagnostic> {
    parse_flowchart(src).1
}

fn codes(src: &str) -> Vec<&'static str> {
    diags(src).iter().map(|d| d.code).collect()
}

fn name(g: &Flowchart, e: Endpoint) -> String {
    match e {
        Endpoint::Node(n) => g.nodes[n.index()].id.clone(),
        Endpoint::Cluster(c) => format!("[{}]", g.clusters[c.index()].id),
    }
}

fn parent(g: &Flowchart, id: &str) -> Option<String> {
    let n = g.node_by_id(id).expect(id);
    g.nodes[n.index()]
        .parent
        .map(|c| g.clusters[c.index()].id.clone())
}

#[test]
fn header_keywords_are_case_insensitive() {
    // mermaid's lexer is case-sensitive: netfig reads these and warns (W-MMD-015).
    let (g, c) = lenient("FlowChart TD\nA");
    assert_eq!((g.direction, c), (Direction::TopBottom, vec!["W-MMD-015"]));
    let (g, c) = lenient("GRAPH lr\nA");
    assert_eq!(
        (g.direction, c),
        (Direction::LeftRight, vec!["W-MMD-015", "W-MMD-015"])
    );
    assert_eq!(ok("graph\nA").direction, Direction::TopBottom);
    assert_eq!(ok("flowchart BT;A-->B").direction, Direction::BottomTop);
    assert_eq!(ok("   flowchart RL\n  A").direction, Direction::RightLeft);
    assert_eq!(codes("flowchart-elk TD\nA"), ["W-MMD-001"]);
}

#[test]
fn other_diagram_types_are_refused() {
    let d = diags("classDiagram\nA <|-- B");
    assert_eq!(d.len(), 1);
    assert!(
        d[0].message
            .contains("flowcharts, sequence diagrams and packet diagrams only"),
        "{}",
        d[0].message
    );
    let d = diags("flowchart XY\nA");
    assert_eq!(d[0].code, "E-MMD-002");
    assert!(d[0].message.contains("expected TB, TD, BT, LR or RL"));
    let d = diags("flowchart LRR\nA");
    assert_eq!(d[0].hints, ["did you mean `LR`?"]);
}

#[test]
fn diagram_kind_skips_front_matter_and_comments() {
    assert_eq!(
        diagram_kind("---\ntitle: x\n---\n%% hi\n\ngraph LR\n").as_deref(),
        Some("graph")
    );
    assert_eq!(
        diagram_kind("sequenceDiagram\n").as_deref(),
        Some("sequenceDiagram")
    );
    assert_eq!(
        diagram_kind("  flowchart-elk TD").as_deref(),
        Some("flowchart-elk")
    );
    assert_eq!(
        diagram_kind("%%{init: {}}%%\nFlowChart TD;A").as_deref(),
        Some("FlowChart")
    );
    assert_eq!(diagram_kind(""), None);
    assert!(is_flowchart("FLOWCHART\n"));
    assert!(is_flowchart("graph TD;"));
    assert!(!is_flowchart("gitGraph\n"));
    assert!(!is_flowchart("classDiagram\n"));
}

#[test]
fn statements_split_on_semicolons_and_comments() {
    let g = ok("flowchart LR\nA-->B; B-->C;C --> D %% trailing\n%% whole line A-->Z\n");
    assert_eq!(g.edges.len(), 3);
    assert_eq!(g.nodes.len(), 4);
}

#[test]
fn every_classic_shape() {
    let cases = [
        ("A[t]", Shape::Rect),
        ("A(t)", Shape::Rounded),
        ("A([t])", Shape::Stadium),
        ("A[[t]]", Shape::Subroutine),
        ("A[(t)]", Shape::Cylinder),
        ("A((t))", Shape::Circle),
        ("A>t]", Shape::Asymmetric),
        ("A{t}", Shape::Diamond),
        ("A{{t}}", Shape::Hexagon),
        ("A[/t/]", Shape::LeanRight),
        ("A[\\t\\]", Shape::LeanLeft),
        ("A[/t\\]", Shape::Trapezoid),
        ("A[\\t/]", Shape::TrapezoidTop),
        ("A(((t)))", Shape::DoubleCircle),
        ("A", Shape::Rect),
    ];
    for (src, shape) in cases {
        let g = ok(&format!("flowchart TD\n{src}"));
        assert_eq!(g.nodes[0].shape, shape, "{src}");
        let want = if src == "A" { "A" } else { "t" };
        assert_eq!(g.nodes[0].label.text(), want, "{src}");
    }
}

#[test]
fn at_shape_syntax() {
    let g = ok("flowchart TD\nA@{ shape: docs, label: \"Many\" }\nB@{ shape: 'diamond' }\nC@{\n  shape: cyl,\n  label: \"DB\"\n}");
    assert_eq!(g.nodes[0].shape, Shape::Documents);
    assert_eq!(g.nodes[0].label.text(), "Many");
    assert_eq!(g.nodes[1].shape, Shape::Diamond);
    assert_eq!(g.nodes[1].label.text(), "B");
    assert_eq!(g.nodes[2].label.text(), "DB");
    let d = diags("flowchart TD\nA@{ shape: diamnd }");
    assert_eq!(d[0].code, "E-MMD-009");
    assert!(d[0].hints[0].contains("diamond"), "{:?}", d[0].hints);
    let d = diags("flowchart TD\nA@{ shape: rectangel }");
    assert!(d[0].hints[0].contains("`rectangle`"), "{:?}", d[0].hints);
    let g = ok("flowchart TD\nA@{ label: \"`**b**`\" }");
    assert!(g.nodes[0].label.lines[0].runs[0].bold);
}

#[test]
fn icon_and_image_keys_warn_once() {
    let d = diags("flowchart TD\nA@{ icon: \"fa:user\", form: \"square\", label: \"U\", h: 60 }");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "W-MMD-002");
}

#[test]
fn arrow_kinds() {
    use Marker::{Arrow, Circle, Cross, None as No};
    let cases: &[(&str, Stroke, Marker, Marker, u32)] = &[
        ("-->", Stroke::Normal, No, Arrow, 1),
        ("---", Stroke::Normal, No, No, 1),
        ("-.->", Stroke::Dotted, No, Arrow, 1),
        ("-.-", Stroke::Dotted, No, No, 1),
        ("==>", Stroke::Thick, No, Arrow, 1),
        ("===", Stroke::Thick, No, No, 1),
        ("~~~", Stroke::Invisible, No, No, 1),
        ("--o", Stroke::Normal, No, Circle, 1),
        ("--x", Stroke::Normal, No, Cross, 1),
        ("<-->", Stroke::Normal, Arrow, Arrow, 1),
        ("o--o", Stroke::Normal, Circle, Circle, 1),
        ("x--x", Stroke::Normal, Cross, Cross, 1),
        ("<-.->", Stroke::Dotted, Arrow, Arrow, 1),
        ("<==>", Stroke::Thick, Arrow, Arrow, 1),
        ("--->", Stroke::Normal, No, Arrow, 2),
        ("---->", Stroke::Normal, No, Arrow, 3),
        ("----", Stroke::Normal, No, No, 2),
        ("-..->", Stroke::Dotted, No, Arrow, 2),
        ("-...->", Stroke::Dotted, No, Arrow, 3),
        ("===>", Stroke::Thick, No, Arrow, 2),
        ("====>", Stroke::Thick, No, Arrow, 3),
        ("~~~~", Stroke::Invisible, No, No, 2),
    ];
    for &(arrow, stroke, start, end, len) in cases {
        let mut srcs = vec![format!("flowchart LR\nA {arrow} B")];
        // `Ao--oB` reads `Ao` as the id, as mermaid does; markers need a space before them.
        if !arrow.starts_with(['o', 'x']) {
            srcs.push(format!("flowchart LR\nA{arrow}B"));
        }
        for src in srcs {
            let g = ok(&src);
            assert_eq!(g.edges.len(), 1, "{src}");
            let e = &g.edges[0];
            assert_eq!(
                (e.stroke, e.start, e.end, e.min_len),
                (stroke, start, end, len),
                "{src}"
            );
            assert_eq!(g.nodes.len(), 2, "{src}");
        }
    }
}

#[test]
fn edge_label_forms() {
    let cases = [
        "A -- text --> B",
        "A-- text -->B",
        "A -->|text| B",
        "A-->|text|B",
        "A --> |text| B",
        "A -. text .-> B",
        "A == text ==> B",
        "A -- \"text\" --> B",
        "A -->|\"text\"| B",
        "A ---|text| B",
    ];
    for c in cases {
        let g = ok(&format!("flowchart LR\n{c}"));
        assert_eq!(g.edges[0].label.text(), "text", "{c}");
        assert_eq!(g.nodes.len(), 2, "{c}");
    }
    let g = ok("flowchart LR\nA -- \"`**md** x`\" --> B");
    assert!(g.edges[0].label.lines[0].runs[0].bold);
    let g = ok("flowchart LR\nA -- No ----> B\nA -. far ..-> C");
    assert_eq!(g.edges[0].min_len, 3);
    assert_eq!(g.edges[1].min_len, 2);
    assert_eq!(g.edges[1].stroke, Stroke::Dotted);
}

#[test]
fn chains_and_groups() {
    let g = ok("flowchart LR\nA --> B --> C");
    assert_eq!(g.edges.len(), 2);
    let g = ok("flowchart LR\nA & B --> C & D --> E");
    let pairs: Vec<_> = g
        .edges
        .iter()
        .map(|e| format!("{}{}", name(&g, e.from), name(&g, e.to)))
        .collect();
    assert_eq!(pairs, ["AC", "AD", "BC", "BD", "CE", "DE"]);
    let g = ok("flowchart LR\nA[Start] --> B{Is it?} -->|Yes| C([ok])");
    assert_eq!(g.nodes[1].shape, Shape::Diamond);
    assert_eq!(g.nodes[2].shape, Shape::Stadium);
    assert_eq!(g.edges[1].label.text(), "Yes");
}

#[test]
fn later_definition_wins_and_labels_default_to_id() {
    let g = ok("flowchart LR\nA --> B\nA[Alpha]\nB");
    assert_eq!(g.nodes[0].label.text(), "Alpha");
    assert_eq!(g.nodes[1].label.text(), "B");
}

#[test]
fn ids_may_contain_dashes_unicode_and_end() {
    let g = ok("flowchart LR\nmy-node --> 应用层\nB --> End\nEnd --> end2\nA-->End[Finish]");
    let ids: Vec<_> = g.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["my-node", "应用层", "B", "End", "end2", "A"]);
    assert_eq!(g.nodes[3].label.text(), "Finish");
}

#[test]
fn edge_ids_and_attributes() {
    let g = ok("flowchart LR\nA e1@--> B\nB e2@-.-> C\ne1@{ animate: true }\ne2@{ animation: slow, curve: stepAfter }\nclass e1 hot\nclassDef hot stroke:red");
    assert_eq!(g.nodes.len(), 3);
    assert_eq!(g.edges[0].id.as_deref(), Some("e1"));
    assert_eq!(g.edges[0].animation.as_deref(), Some("default"));
    assert_eq!(g.edges[1].animation.as_deref(), Some("slow"));
    assert_eq!(g.edges[1].curve, Some(Curve::StepAfter));
    assert_eq!(g.edges[0].style.get("stroke"), Some("red"));
    assert_eq!(codes("flowchart LR\nA e1@--> B\nC e1@--> D"), ["W-MMD-017"]);
}

#[test]
fn class_on_edge_id_before_the_edge() {
    let g = ok("flowchart LR\nclass e1 hot\nclassDef hot stroke:red\nA e1@--> B");
    assert_eq!(g.nodes.len(), 2, "no node e1");
    assert_eq!(g.edges[0].classes, ["hot"]);
}

#[test]
fn quoted_text_and_unicode() {
    let g = ok("flowchart LR\nid1[\"This is the (text) in the box\"]\nid2[\"This ❤ Unicode\"]\nid3(\"a ; b\")");
    assert_eq!(g.nodes[0].label.text(), "This is the (text) in the box");
    assert_eq!(g.nodes[1].label.text(), "This ❤ Unicode");
    assert_eq!(g.nodes[2].label.text(), "a ; b");
}

#[test]
fn entities_decode() {
    let g = ok("flowchart LR\nA[\"#quot;#9829;#35;#amp;#lt;#gt;#x2764;&amp;&#35;\"]");
    assert_eq!(g.nodes[0].label.text(), "\"♥#&<>❤&#");
    let g = ok("flowchart LR\nA[item #5 and a#b]");
    assert_eq!(g.nodes[0].label.text(), "item #5 and a#b");
}

#[test]
fn line_breaks_and_html() {
    let g = ok("flowchart LR\nA[one<br>two<BR/>three<br />four]");
    assert_eq!(g.nodes[0].label.text(), "one\ntwo\nthree\nfour");
    let g = ok("flowchart LR\nA[\"<b>bold</b> <i>it</i> <strong>s</strong><em>e</em>\"]");
    let runs: Vec<_> = g.nodes[0].label.lines[0]
        .runs
        .iter()
        .map(|r| (r.text.as_str(), r.bold, r.italic))
        .collect();
    assert_eq!(
        runs,
        [
            ("bold", true, false),
            (" ", false, false),
            ("it", false, true),
            (" ", false, false),
            ("s", true, false),
            ("e", false, true)
        ]
    );
    let (g, d) = parse_flowchart("flowchart LR\nA[\"<u>under</u> a < b\"]");
    assert_eq!(
        d.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["W-MMD-004", "W-MMD-004"]
    );
    assert_eq!(g.nodes[0].label.text(), "under a < b");
}

#[test]
fn markdown_strings() {
    let g = ok("flowchart LR\nA[\"`This **is** _Markdown_ and *it*`\"]");
    let runs: Vec<_> = g.nodes[0].label.lines[0]
        .runs
        .iter()
        .map(|r| (r.text.as_str(), r.bold, r.italic))
        .collect();
    assert_eq!(
        runs,
        [
            ("This ", false, false),
            ("is", true, false),
            (" ", false, false),
            ("Markdown", false, true),
            (" and ", false, false),
            ("it", false, true)
        ]
    );
    let g = ok("flowchart LR\nA[\"`Line1\n      Line 2\n        indented`\"]");
    // Common indentation is stripped; lines are then trimmed (SVG text collapses it anyway).
    assert_eq!(g.nodes[0].label.text(), "Line1\nLine 2\nindented");
    let g = ok("flowchart LR\nA[\"`snake_case_name 2*3`\"]");
    assert_eq!(g.nodes[0].label.text(), "snake_case_name 2*3");
}

#[test]
fn icon_tokens_are_removed() {
    let (g, d) = parse_flowchart("flowchart LR\nA[fa:fa-car drive fab:fa-github]");
    assert_eq!(d.len(), 2);
    assert_eq!(g.nodes[0].label.text(), "drive");
}

#[test]
fn subgraph_header_forms() {
    let g = ok("flowchart LR\nsubgraph ide1 [one]\na\nend\nsubgraph id2[\"Two words\"]\nb\nend\nsubgraph \"Three\"\nc\nend\nsubgraph Four five\nd\nend\nsubgraph TCP/IP四层模型（实际实现）\ne\nend\nsubgraph six\nf\nend");
    let ids: Vec<_> = g.clusters.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ide1",
            "id2",
            "Three",
            "subGraph3",
            "TCP/IP四层模型（实际实现）",
            "six"
        ]
    );
    let titles: Vec<_> = g.clusters.iter().map(|c| c.title.text()).collect();
    assert_eq!(
        titles,
        [
            "one",
            "Two words",
            "Three",
            "Four five",
            "TCP/IP四层模型（实际实现）",
            "six"
        ]
    );
}

#[test]
fn subgraph_keywords_any_case_and_direction() {
    let (g, c) = lenient("flowchart LR\nSubGraph A\nDirection TB\nx\nEND\n");
    assert_eq!(
        c, ["W-MMD-015"; 3],
        "mermaid.js knows only the lower-case keywords"
    );
    assert_eq!(g.clusters[0].direction, Some(Direction::TopBottom));
    assert_eq!(parent(&g, "x").as_deref(), Some("A"));
    assert_eq!(codes("flowchart LR\ndirection TB\nA"), ["W-MMD-011"]);
}

#[test]
fn membership_innermost_and_first_closed() {
    let g = ok("flowchart LR\nsubgraph outer\n  a --> b\n  subgraph inner\n    b --> c\n  end\nend\nsubgraph s1\n  d\nend\nsubgraph s2\n  d --> e\nend\nd --> f");
    assert_eq!(parent(&g, "a").as_deref(), Some("outer"));
    assert_eq!(parent(&g, "b").as_deref(), Some("inner"));
    assert_eq!(parent(&g, "c").as_deref(), Some("inner"));
    assert_eq!(parent(&g, "d").as_deref(), Some("s1"));
    assert_eq!(parent(&g, "e").as_deref(), Some("s2"));
    assert_eq!(parent(&g, "f"), None);
    let inner = g.cluster_by_id("inner").unwrap();
    assert_eq!(g.clusters[inner.index()].parent, g.cluster_by_id("outer"));
}

#[test]
fn subgraph_mentioned_inside_another_is_nested() {
    let g =
        ok("flowchart LR\nsubgraph P\n  a --> X\nend\nsubgraph X\n  b\nend\nsubgraph Q\n  P\nend");
    let id = |s: &str| g.cluster_by_id(s).unwrap();
    assert_eq!(g.clusters[id("X").index()].parent, Some(id("P")));
    assert_eq!(g.clusters[id("P").index()].parent, Some(id("Q")));
    // Never a cycle: a subgraph mentioning its own ancestor does not adopt it.
    let g = ok("flowchart LR\nsubgraph A\n  subgraph B\n    A\n  end\nend");
    assert_eq!(g.clusters[0].parent, None);
    assert_eq!(g.clusters[1].parent, Some(netfig::model::ClusterId::new(0)));
}

#[test]
fn top_level_mentions_do_not_claim() {
    let g = ok("flowchart LR\nx --> y\nsubgraph S\ny\nend");
    assert_eq!(parent(&g, "x"), None);
    assert_eq!(parent(&g, "y").as_deref(), Some("S"));
}

#[test]
fn cluster_endpoints_even_when_declared_later() {
    let g = ok("flowchart LR\nA --> S\nsubgraph S\nb\nend\nS --> T\nsubgraph T\nc\nend");
    let pairs: Vec<_> = g
        .edges
        .iter()
        .map(|e| format!("{}>{}", name(&g, e.from), name(&g, e.to)))
        .collect();
    assert_eq!(pairs, ["A>[S]", "[S]>[T]"]);
    assert!(g.node_by_id("S").is_none());
}

#[test]
fn subgraph_errors() {
    assert_eq!(codes("flowchart LR\nsubgraph A\nx"), ["E-MMD-012"]);
    assert_eq!(codes("flowchart LR\nx\nend"), ["E-MMD-011"]);
    assert_eq!(
        codes("flowchart LR\nsubgraph A\nend\nsubgraph A\nend"),
        ["E-MMD-020"]
    );
}

#[test]
fn class_def_and_class_resolution_order() {
    let g = ok("flowchart LR\nA:::b --> B\nclass A a\nstyle A fill:#000\nclassDef default fill:#fff,color:#111\nclassDef a,b fill:#aaa\nclassDef b fill:#bbb,stroke:#b00");
    let a = &g.nodes[0];
    assert_eq!(a.classes, ["b", "a"]);
    // default → b (defined twice: #aaa then #bbb) → a → style; one declaration per property
    // is kept, the one that wins.
    assert_eq!(
        a.style
            .declarations
            .iter()
            .filter(|(p, _)| p == "fill")
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>(),
        ["#000"]
    );
    assert_eq!(a.style.get("fill"), Some("#000"));
    assert_eq!(a.style.get("stroke"), Some("#b00"));
    assert_eq!(g.nodes[1].style.get("fill"), Some("#fff"));
    assert_eq!(g.nodes[1].style.get("color"), Some("#111"));
}

#[test]
fn classes_on_groups_and_subgraphs() {
    let g = ok("flowchart LR\nA:::foo & B:::bar --> C:::foobar\nsubgraph S\nx\nend\nclass S foo\nstyle S fill:#eee\nclassDef foo stroke:#f00\nclassDef bar stroke:#0f0\nclassDef foobar stroke:#00f");
    assert_eq!(g.nodes[0].style.get("stroke"), Some("#f00"));
    assert_eq!(g.nodes[2].style.get("stroke"), Some("#00f"));
    assert_eq!(g.clusters[0].classes, ["foo"]);
    assert_eq!(g.clusters[0].style.get("fill"), Some("#eee"));
    assert_eq!(g.clusters[0].style.get("stroke"), Some("#f00"));
}

#[test]
fn style_property_lists() {
    let g = ok("flowchart LR\nA\nstyle A fill:rgb(1,2,3),stroke-dasharray: 5 5,stroke-width:4px;");
    let decl = &g.nodes[0].style.declarations;
    assert_eq!(
        decl,
        &[
            ("fill".into(), "rgb(1,2,3)".into()),
            ("stroke-dasharray".into(), "5 5".into()),
            ("stroke-width".into(), "4px".into())
        ]
    );
    let (g, d) = parse_flowchart("flowchart LR\nA\nstyle A fill:url(x),color:red\"/>");
    assert_eq!(d.len(), 2);
    assert!(g.nodes[0].style.is_empty(), "{:?}", g.nodes[0].style);
}

#[test]
fn trailing_comments_end_property_lists() {
    let g = ok("flowchart LR\nA\nstyle A fill:#f9f %% pink\nclassDef c color:red%%x\nclass A c");
    assert_eq!(g.nodes[0].style.get("fill"), Some("#f9f"));
    assert_eq!(g.nodes[0].style.get("color"), Some("red"));
}

#[test]
fn link_style() {
    let g = ok("flowchart LR\nA --> B --> C --> D\nlinkStyle default stroke:#999\nlinkStyle 0,2 stroke:#f00,stroke-width:2px\nlinkStyle 1 interpolate linear stroke:#0f0");
    assert_eq!(g.edges[0].style.get("stroke"), Some("#f00"));
    assert_eq!(g.edges[1].style.get("stroke"), Some("#0f0"));
    assert_eq!(g.edges[1].curve, Some(Curve::Linear));
    assert_eq!(g.edges[2].style.get("stroke-width"), Some("2px"));
    let d = diags("flowchart LR\nA --> B\nlinkStyle 0,3 stroke:red");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "E-MMD-018");
    assert_eq!(d[0].span.start, "flowchart LR\nA --> B\nlinkStyle 0,".len());
}

#[test]
fn style_and_class_on_unknown_ids_create_nodes_with_warnings() {
    let (g, d) = parse_flowchart("flowchart LR\nstyle Q fill:red\nclass R c\nclassDef c fill:blue");
    assert_eq!(
        d.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["W-MMD-008", "W-MMD-008"]
    );
    assert_eq!(g.nodes.len(), 2);
    assert_eq!(g.nodes[1].style.get("fill"), Some("blue"));
    assert_eq!(codes("flowchart LR\nA:::nope"), ["W-MMD-009"]);
}

#[test]
fn click_forms() {
    let g = ok("flowchart LR\nA-->B-->C\nclick A \"https://a\"\nclick B href \"https://b\" \"tip\" _self\nclick C \"https://c\" _top");
    let l = g.nodes[1].link.as_ref().unwrap();
    assert_eq!(
        (l.href.as_str(), l.tooltip.as_deref(), l.target.as_deref()),
        ("https://b", Some("tip"), Some("_self"))
    );
    assert_eq!(g.nodes[0].link.as_ref().unwrap().href, "https://a");
    assert_eq!(
        g.nodes[2].link.as_ref().unwrap().target.as_deref(),
        Some("_top")
    );
    assert_eq!(
        codes("flowchart LR\nA\nclick A call cb(1, \"x;y\") \"t\"\nB"),
        ["W-MMD-005"]
    );
    assert_eq!(codes("flowchart LR\nA\nclick Z \"u\""), ["W-MMD-016"]);
}

#[test]
fn script_links_are_dropped() {
    let (g, d) = parse_flowchart("flowchart LR\nA\nclick A \"javascript:alert(1)\"");
    assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["W-MMD-014"]);
    assert!(g.nodes[0].link.is_none());
}

#[test]
fn accessibility() {
    let g = ok("flowchart LR\naccTitle: My title\naccDescr: One line\nA");
    assert_eq!(g.acc_title.as_deref(), Some("My title"));
    assert_eq!(g.acc_descr.as_deref(), Some("One line"));
    let g = ok("flowchart LR\naccDescr {\n  first line\n  second line\n}\nA");
    assert_eq!(g.acc_descr.as_deref(), Some("first line\nsecond line"));
    assert_eq!(g.nodes.len(), 1);
}

#[test]
fn front_matter_config() {
    let g = ok("---\ntitle: Hello <b>there</b>\nconfig:\n  theme: dark\n  themeVariables:\n    primaryColor: \"#ff0000\"\n    lineColor: '#00f'\n    fontSize: 16\n  flowchart:\n    curve: linear\n---\nflowchart LR\nA");
    assert_eq!(g.title.as_ref().unwrap().text(), "Hello there");
    assert_eq!(g.theme.as_deref(), Some("dark"));
    assert_eq!(
        g.theme_variables,
        [
            ("primaryColor".into(), "#ff0000".into()),
            ("lineColor".into(), "#00f".into()),
            ("fontSize".into(), "16".into())
        ]
    );
    assert_eq!(g.curve, Curve::Linear);
    let src = "---\nconfig:\n  look: handDrawn\n  flowchart:\n    htmlLabels: false\n---\nflowchart LR\nA";
    let d = diags(src);
    assert_eq!(
        d.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["W-MMD-006", "W-MMD-006"]
    );
    assert_eq!(&src[d[0].span.start..d[0].span.end], "look");
    assert_eq!(&src[d[1].span.start..d[1].span.end], "htmlLabels");
}

#[test]
fn empty_and_null_yaml_keys_terminate() {
    // Regression: an empty key made the key search loop forever (found by the fuzzer).
    for src in [
        "---\n\"\": x\n---\nflowchart LR\nA",
        "---\n: x\n---\nflowchart LR\nA",
        "---\nconfig:\n  \"\": 1\n  flowchart:\n    \"\": 2\n---\nflowchart LR\nA",
        "%%{init: {\"\": 1}}%%\nflowchart LR\nA",
    ] {
        let (g, d) = parse_flowchart(src);
        assert_eq!(g.nodes.len(), 1, "{src}");
        assert!(d.iter().all(|d| d.span.end <= src.len()));
    }
}

#[test]
fn init_directive() {
    let g = ok("%%{init: {'theme': 'forest', 'themeVariables': {'primaryColor': '#0f0'}, 'flowchart': {'curve': 'stepBefore'}}}%%\nflowchart LR\nA");
    assert_eq!(g.theme.as_deref(), Some("forest"));
    assert_eq!(g.theme_variables, [("primaryColor".into(), "#0f0".into())]);
    assert_eq!(g.curve, Curve::StepBefore);
    let g = ok("flowchart LR\n%%{initialize: {\"theme\": \"dark\"}}%%\nA");
    assert_eq!(g.theme.as_deref(), Some("dark"));
    assert_eq!(
        codes("%%{init: {'logLevel': 'debug'}}%%\nflowchart LR\nA"),
        ["W-MMD-006"]
    );
    assert_eq!(codes("%%{init: {'theme': [}}%%\nflowchart LR\nA").len(), 1);
}

#[test]
fn all_errors_are_collected() {
    let d = diags("flowchart LR\nA[x\nB(y\nC{z\nD --> E\nF -> G\nend");
    assert_eq!(
        d.iter().map(|d| d.code).collect::<Vec<_>>(),
        [
            "E-MMD-003",
            "E-MMD-003",
            "E-MMD-003",
            "E-MMD-007",
            "E-MMD-011"
        ]
    );
    let g = parse_flowchart("flowchart LR\nA[x\nD --> E").0;
    assert_eq!(
        g.edges.len(),
        1,
        "statements after an error are still parsed"
    );
}

#[test]
fn misspelt_keyword_hint() {
    let d = diags("flowchart LR\nsubgrap one\nA");
    assert_eq!(d.len(), 1);
    assert!(d[0].hints.iter().any(|h| h.contains("subgraph")), "{d:?}");
}
