//! mermaid as people write it: constructs from real diagrams that mermaid's grammar
//! (`flow.jison`, `flowDb`) accepts, each parsed and lowered to what mermaid makes of it.
//! The fixtures in `tests/fixtures/mmd` with the same names say what mermaid does.

use netfig::diagnostic::Severity;
use netfig::mermaid::flowchart as parse_flowchart;
use netfig::model::{Endpoint, Flowchart, Marker, Shape, Stroke};
use netfig::pipeline::Kind;

fn ok(src: &str) -> Flowchart {
    let (g, d) = parse_flowchart(src);
    assert!(
        d.iter().all(|d| d.severity != Severity::Error),
        "errors for {src:?}: {d:#?}"
    );
    g
}

fn codes(src: &str) -> Vec<&'static str> {
    parse_flowchart(src).1.iter().map(|d| d.code).collect()
}

fn pairs(g: &Flowchart) -> Vec<(String, String)> {
    let name = |e: Endpoint| match e {
        Endpoint::Node(n) => g.nodes[n.index()].id.clone(),
        Endpoint::Cluster(c) => format!("[{}]", g.clusters[c.index()].id),
    };
    g.edges.iter().map(|e| (name(e.from), name(e.to))).collect()
}

fn p(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn dotted_link_without_leading_dash() {
    let g = ok("flowchart LR\nA .-> B\nB .- C\nC ..-> D\nD x.-x E");
    assert_eq!(codes("flowchart LR\nA .-> B\nB .- C"), [] as [&str; 0]);
    let e: Vec<_> = g
        .edges
        .iter()
        .map(|e| (e.stroke, e.start, e.end, e.min_len))
        .collect();
    use Marker::*;
    assert_eq!(
        e,
        [
            (Stroke::Dotted, None, Arrow, 1),
            (Stroke::Dotted, None, None, 1),
            (Stroke::Dotted, None, Arrow, 2),
            (Stroke::Dotted, Cross, Cross, 1),
        ]
    );
    assert_eq!(g.nodes.len(), 5);
    // mermaid has no dotted opener without the dash: `.- text .->` is two links and a node.
    let g = ok("flowchart LR\nA .- text .-> B");
    assert_eq!(pairs(&g), [p("A", "text"), p("text", "B")]);
    // Not a link: a lone `.` is still an error.
    assert_eq!(codes("flowchart LR\nA . B"), ["E-MMD-005"]);
}

#[test]
fn link_split_across_lines() {
    let g = ok("flowchart TD\n  k\n    --> |self| w[Webhook]\n    --> mq\n  k\n    ---> mq");
    assert_eq!(pairs(&g), [p("k", "w"), p("w", "mq"), p("k", "mq")]);
    assert_eq!(g.edges[0].label.text(), "self");
    assert_eq!(g.edges[2].min_len, 2);
    let g = ok(
        "flowchart LR\n  a(\"x\") ~~~\n  b(\"y\")\n  c -->\n  %% note\n  |l| d\n  e\n  -. t .-> f",
    );
    assert_eq!(pairs(&g), [p("a", "b"), p("c", "d"), p("e", "f")]);
    assert_eq!(g.edges[0].stroke, Stroke::Invisible);
    assert_eq!(g.edges[1].label.text(), "l");
    assert_eq!(g.edges[2].label.text(), "t");
    // `end` after an open arrow stays the subgraph's end (an error, as in mermaid).
    assert_eq!(
        codes("flowchart LR\nsubgraph S\n  a -->\nend"),
        ["E-MMD-006"]
    );
    assert_eq!(
        codes("flowchart LR\n  a -->\n  style a fill:#f9f"),
        ["E-MMD-006"]
    );
    // A new statement that does not start with an arrow is not joined; mermaid's link token
    // takes a start mark, so `o-->c` at a line start is an arrow (from `b`).
    let g = ok("flowchart LR\n  a --> b\n  o --> c\n  x-->d");
    assert_eq!(pairs(&g), [p("a", "b"), p("o", "c"), p("c", "d")]);
}

#[test]
fn subgraph_quoted_id_with_bracketed_title() {
    let g = ok("flowchart TB\nsubgraph \"s1\"[\"Title\"]\n  A\nend\nsubgraph \"s2\"[Plain title]\n  B\nend\nstyle s1 fill:none\nA --> s2");
    assert_eq!(g.clusters[0].id, "s1");
    assert_eq!(g.clusters[0].title.text(), "Title");
    assert_eq!(g.clusters[1].id, "s2");
    assert_eq!(g.clusters[1].title.text(), "Plain title");
    assert_eq!(pairs(&g), [p("A", "[s2]")]);
}

#[test]
fn multi_line_strings_in_node_data() {
    let g = ok("flowchart LR\nA@{ shape: rect, label: \"first\n     second\" }\nB@{\n  label: |\n    one\n    two\n}\nC@{ label: >\n      folded\n      text\n  }\nD@{ label: 'single\n  quoted' }\nA --> B --> C --> D");
    let label = |i: usize| g.nodes[i].label.text();
    assert_eq!(label(0), "first\nsecond");
    assert_eq!(label(1), "one\ntwo");
    assert_eq!(label(2), "folded text");
    assert_eq!(label(3), "single quoted");
    assert_eq!(g.edges.len(), 3);
}

#[test]
fn init_directive_as_json_without_spaces() {
    let g = ok("%%{init:{\"theme\":\"base\",\"themeVariables\":{\"primaryColor\":\"#ffcc00\"}}}%%\nflowchart LR\nA");
    assert_eq!(g.theme.as_deref(), Some("base"));
    assert_eq!(
        g.theme_variables,
        [("primaryColor".to_string(), "#ffcc00".to_string())]
    );
    for src in [
        "%%{init:{'theme':'dark'}}%%",
        "%%{init:{theme:dark}}%%",
        "%%{ init : { \"theme\" : \"dark\" } }%%",
        "%%{init:{\"theme\":\"dark\",\"flowchart\":{\"curve\":\"linear\"}}}%%",
    ] {
        let g = ok(&format!("{src}\nflowchart LR\nA"));
        assert_eq!(g.theme.as_deref(), Some("dark"), "{src}");
    }
    // Still invalid for both: an unclosed object.
    assert_eq!(
        codes("%%{init:{\"theme\":\"base\"}%%\nflowchart LR\nA"),
        ["E-MMD-016"]
    );
}

#[test]
fn spacing_from_init_and_front_matter_reaches_the_layout() {
    let g = ok(
        "%%{init: {'flowchart': {'nodeSpacing': 10, 'rankSpacing': 20}}}%%\nflowchart LR\nA --> B",
    );
    assert_eq!((g.node_spacing, g.rank_spacing), (Some(10.0), Some(20.0)));
    let layout = netfig::layout::flowchart::graph(&g);
    assert_eq!((layout.spacing.node, layout.spacing.rank), (10.0, 20.0));
    let g = ok("---\nconfig:\n  flowchart:\n    rankSpacing: 80px\n---\nflowchart TD\nA --> B");
    let layout = netfig::layout::flowchart::graph(&g);
    assert_eq!((layout.spacing.node, layout.spacing.rank), (50.0, 80.0));
    // Ranks 80 px apart instead of 50: the second node sits 30 px further down.
    let near = netfig::layout::layered::layout(&netfig::layout::flowchart::graph(&ok(
        "flowchart TD\nA --> B",
    )));
    let far = netfig::layout::layered::layout(&layout);
    let gap = |l: &netfig::layout::Layout| l.nodes[1].y - l.nodes[0].y;
    assert!(
        (gap(&far) - gap(&near) - 30.0).abs() < 0.5,
        "{} vs {}",
        gap(&far),
        gap(&near)
    );
    assert_eq!(
        codes("%%{init: {'flowchart': {'nodeSpacing': -5}}}%%\nflowchart LR\nA"),
        ["W-MMD-006"]
    );
}

#[test]
fn look_and_layout_warn_and_still_draw() {
    let src = "---\nconfig:\n  look: handDrawn\n  layout: elk\n---\nflowchart LR\nA --> B";
    assert_eq!(codes(src), ["W-MMD-006", "W-MMD-006"]);
    let r = netfig::pipeline::compile(src, Kind::Flowchart, &Default::default()).expect("renders");
    assert!(r.svg.unwrap().contains("<svg"));
}

#[test]
fn reused_edge_id_warns_and_keeps_the_first() {
    let (g, d) = parse_flowchart("flowchart LR\nA e1@--> B\nC e1@--> D\ne1@{ animate: true }");
    assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["W-MMD-017"]);
    assert_eq!(g.edges[0].id.as_deref(), Some("e1"));
    assert_eq!(g.edges[1].id, None);
    assert_eq!(g.edges[0].animation.as_deref(), Some("default"));
    assert_eq!(g.edges[1].animation, None);
}

#[test]
fn click_on_an_unknown_id_is_ignored_with_a_warning() {
    let g = ok("flowchart LR\nA\nclick Z \"https://example.com\"");
    assert!(g.nodes.iter().all(|n| n.link.is_none()));
    assert_eq!(g.nodes.len(), 1);
}

#[test]
fn id_ending_in_dash_before_the_asymmetric_shape() {
    let g = ok("flowchart LR\nodd->Vertex Text] --> B");
    assert_eq!(g.nodes[0].id, "odd-");
    assert_eq!(g.nodes[0].shape, Shape::Asymmetric);
    assert_eq!(g.nodes[0].label.text(), "Vertex Text");
    // Without a `]` closing the text it is still a malformed arrow.
    assert_eq!(codes("flowchart LR\nA-> B"), ["E-MMD-007"]);
    assert_eq!(codes("flowchart LR\nA->B[x]"), ["E-MMD-007"]);
}

#[test]
fn quotes_in_html_tags_of_unquoted_text_never_become_markup() {
    let src =
        "flowchart LR\nA[<img src=\"https://example.com/x.png\" onerror=\"steal\"> Service] --> B";
    let (g, d) = parse_flowchart(src);
    assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["W-MMD-004"]);
    assert_eq!(g.nodes[0].label.text(), "Service");
    let svg = netfig::pipeline::compile(src, Kind::Flowchart, &Default::default())
        .unwrap()
        .svg
        .unwrap();
    assert!(!svg.contains("<img") && !svg.contains("example.com") && !svg.contains("onerror"));
    // A `"` outside a tag still needs quotes, as in mermaid.
    assert_eq!(codes("flowchart LR\nA[say \"hi\"]"), ["E-MMD-025"]);
}

#[test]
fn unquoted_node_text_may_run_over_lines() {
    let g =
        ok("flowchart TB\nA((Envoy AI Gateway\n      Controller)):::c --> B\nclassDef c fill:#f9f");
    assert_eq!(g.nodes[0].label.text(), "Envoy AI Gateway\nController");
    assert_eq!(g.nodes[0].shape, Shape::Circle);
    // A bracket before the closer: still unclosed.
    assert_eq!(codes("flowchart TB\nA[one\nB[two]"), ["E-MMD-003"]);
}

#[test]
fn what_mermaid_rejects_renders_with_a_warning() {
    assert_eq!(codes("flowchart LR\nA -->|f(x)| B"), ["W-MMD-015"]);
    assert_eq!(codes("flowchart LR\nA -->|{a}| B"), ["W-MMD-015"]);
    assert_eq!(codes("flowchart LR\nA -->|\"f(x)\"| B"), [] as [&str; 0]);
    assert_eq!(codes("flowchart LR\nsubgraph a=b\nA\nend"), ["W-MMD-015"]);
    assert_eq!(
        codes("flowchart LR\nsubgraph f(x) and y<br>z\nA\nend"),
        ["W-MMD-015"]
    );
    assert_eq!(
        codes("flowchart LR\nsubgraph \"a=b\"\nA\nend"),
        [] as [&str; 0]
    );
}

#[test]
fn link_style_index_beyond_any_count_is_out_of_range() {
    let (_, d) =
        parse_flowchart("flowchart LR\nA --> B\nlinkStyle 99999999999999999999999999 stroke:red");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "E-MMD-018");
    assert!(d[0].message.contains("out of range"), "{}", d[0].message);
}

#[test]
fn hr_in_a_label_draws_a_rule_across_it() {
    let src = "flowchart LR\nA[\"Title<hr>body text\"] --> B";
    let g = ok(src);
    let rules: Vec<bool> = g.nodes[0].label.lines.iter().map(|l| l.rule).collect();
    assert_eq!(rules, [false, true, false]);
    let svg = netfig::pipeline::compile(src, Kind::Flowchart, &Default::default())
        .unwrap()
        .svg
        .unwrap();
    assert_eq!(svg.matches("<rect class=\"label\"").count(), 1, "{svg}");
}

#[test]
fn edge_id_goes_to_the_last_start_and_first_end_as_in_flow_db() {
    // mermaid's flow-node-data.spec: "should handle unique edge creation with using @ and &".
    let g = ok("flowchart TD\n A & B e1@--> C & D\n A1 e2@--> C1 & D1");
    let ids: Vec<Option<&str>> = g.edges.iter().map(|e| e.id.as_deref()).collect();
    assert_eq!(ids, [None, None, Some("e1"), None, Some("e2"), None]);
    assert_eq!(pairs(&g)[2], p("B", "C"));
    // "should handle overriding edge animate again": the last `@{ … }` wins.
    let g = ok("flowchart TD\n A e3@--> B\n e3@{ animate: true }\n e3@{ animate: false }");
    assert_eq!(g.edges[0].animation, None);
}

#[test]
fn capitalised_end_alone_outside_subgraphs_is_a_node_as_in_mermaid() {
    // mermaid's `end` token is lower-case: `End` alone is a node.
    let g = ok("flowchart LR\nA --> End\nEnd");
    assert_eq!(g.nodes.len(), 2);
    assert_eq!(codes("flowchart LR\nA\nend"), ["E-MMD-011"]);
}

#[test]
fn block_scalar_on_the_node_data_line_is_indented_from_the_brace() {
    // mermaid reads the text after `@{` as YAML: ` label: |` is a key indented by one space,
    // so lines indented by two or more are its text, wherever the node sits on its line.
    let g = ok("flowchart TD\n    A@{ label: |\n      one\n      two\n    }\n    LongerId@{ label: |\n  three\n}\n    A --> LongerId");
    assert_eq!(g.nodes[0].label.text(), "one\ntwo");
    assert_eq!(g.nodes[1].label.text(), "three");
}
