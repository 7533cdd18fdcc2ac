//! Constructs from mermaid's cypress rendering specs (`cypress/integration/rendering/
//! flowchart/flowchart.spec.js`, `flowchart-v2.spec.js`, MIT) that netfig once rejected or
//! read differently: each test names the spec's `it(…)`.

use super::*;
use netfig::mermaid::flowchart as parse_flowchart;

/// Codes of the warnings `src` gets.
fn warnings(src: &str) -> Vec<&'static str> {
    let (_, d) = parse_flowchart(src);
    d.iter().filter(|d| !d.is_error()).map(|d| d.code).collect()
}

#[test]
fn indented_front_matter_closes_at_its_indented_dashes() {
    // flowchart-v2.spec "3258: Should render subgraphs with large nodeSpacing and
    // rankSpacing": mermaid.run dedents the diagram, so the whole block may be indented.
    let src = "---\n      title: Subgraph nodeSpacing\n      config:\n        flowchart:\n          nodeSpacing: 250\n      ---\n      flowchart LR\n        X --> Y\n        subgraph X\n          A\n        end\n";
    let g = ok(src);
    assert_eq!(
        g.title.as_ref().map(|t| t.text()).as_deref(),
        Some("Subgraph nodeSpacing")
    );
    assert_eq!(g.node_spacing, Some(250.0));
    assert_eq!(parent(&g, "A").as_deref(), Some("X"));
    assert!(netfig::mermaid::syntax::is_flowchart(src));
    // Still an error when no line closes it.
    assert_eq!(errors("---\ntitle: t\nflowchart LR\nA"), ["E-MMD-017"]);
}

#[test]
fn rounded_curve_is_drawn_as_step_with_a_warning() {
    // flowchart-v2.spec "7213: should render edges with rounded curve".
    let src = "---\nconfig:\n  flowchart:\n    curve: rounded\n---\nflowchart TD\nA --> B";
    assert_eq!(ok(src).curve, Curve::Step);
    assert_eq!(warnings(src), ["W-MMD-018"]);
    let g = ok(
        "flowchart TD\nA e1@--> B --> C\ne1@{ curve: rounded }\nlinkStyle 1 interpolate rounded",
    );
    assert_eq!(g.edges[0].curve, Some(Curve::Step));
    assert_eq!(g.edges[1].curve, Some(Curve::Step));
    assert_eq!(
        errors("flowchart TD\nA --> B\nlinkStyle 0 interpolate roundish stroke:red"),
        ["E-MMD-021"]
    );
}

#[test]
fn automatic_edge_ids_name_edges_as_mermaid_does() {
    // flowchart.spec "40: should add edge animation": `L_B_D_0` is the id mermaid gives
    // `B --> D`; `@{ … }` on it configures that edge and makes no node.
    let g = ok("flowchart TD\n  A([\"Start\"]) L_A_B_0@--> B{\"Decision\"}\n  B --> C[\"Option A\"] & D[\"Option B\"]\n  L_A_B_0@{ animation: slow } \n  L_B_D_0@{ animation: fast }");
    assert_eq!(ids(&g), ["A", "B", "C", "D"]);
    assert_eq!(pairs(&g), ["A>B", "B>C", "B>D"]);
    let anim: Vec<_> = g.edges.iter().map(|e| e.animation.as_deref()).collect();
    assert_eq!(anim, [Some("slow"), None, Some("fast")]);
    // getEdgeId's counter: the second edge between the same two is `_2`, not `_1`; an id
    // no edge has stays a node.
    let g = ok("flowchart LR\nA --> B\nA --> B\nL_A_B_2@{ animate: true }\nL_A_B_1@{ label: x }");
    assert_eq!(g.edges[0].animation, None);
    assert_eq!(g.edges[1].animation.as_deref(), Some("default"));
    assert_eq!(text(&g, "L_A_B_1"), "x");
    // Edges to a subgraph use its id; `class` on an automatic id styles the edge.
    let g =
        ok("flowchart LR\nsubgraph S\nx\nend\nA --> S\nclass L_A_S_0 hot\nclassDef hot stroke:red");
    assert_eq!(g.edges[0].classes, ["hot"]);
    assert!(g.node_by_id("L_A_S_0").is_none());
}

#[test]
fn shape_names_beyond_the_documented_ones_as_mermaid_reads_them() {
    // flowchart-shape-alias.spec.ts names every alias set; beyond them mermaid's shapes.ts
    // has undocumented lowercase shapes, which flowDb accepts: `doublecircle` draws as
    // `dbl-circ`, and `choice` with netfig's nearest shape, saying so.
    let g = ok("flowchart\n c@{ shape: doublecircle }\n d@{ shape: dbl-circ }");
    assert_eq!(node(&g, "c").shape, node(&g, "d").shape);
    assert!(warnings("flowchart\n c@{ shape: doublecircle }").is_empty());
    let src = "flowchart\n a@{ shape: choice, label: \"?\" }\n b@{ shape: diam }";
    let g = ok(src);
    assert_eq!(node(&g, "a").shape, node(&g, "b").shape);
    assert_eq!(text(&g, "a"), "?");
    assert_eq!(warnings(src), ["W-MMD-018"]);
    // flow-node-data.spec.ts "should error on internal-only shape": a name with a capital or
    // `_` throws "No such shape: rect_left_inv_arrow. Shape names should be lowercase." —
    // so oldShapes.spec.ts's `lean_right`, `forkJoin`, … are errors, with the name to write.
    for name in ["rect_left_inv_arrow", "lean_right", "forkJoin", "labelRect"] {
        assert_eq!(
            errors(&format!("flowchart TB\n  A@{{ shape: {name} }}")),
            ["E-MMD-009"],
            "{name}"
        );
    }
    let (_, d) = parse_flowchart("flowchart TB\n  A@{ shape: lean_right }");
    assert!(d[0].hints.iter().any(|h| h.contains("lean-r")), "{d:?}");
    // newShapes.spec.ts also names shapes shapes.ts does not have (`wave-rectangle`):
    // mermaid throws "No such shape", and so does netfig.
    assert_eq!(
        errors("flowchart TB\n  n0 --> n00@{ shape: wave-rectangle }"),
        ["E-MMD-009"]
    );
}

#[test]
fn a_stray_at_after_node_data_is_ignored_with_a_warning() {
    // newShapes.spec.ts writes `n0 --> n00@{ shape: brace-r }@`: mermaid's lexer has no
    // token for the lone `@`; netfig draws the diagram and says mermaid.js would not.
    let src = "flowchart TB\n  n0 --> n00@{ shape: brace-r, label: 'for brace-r' }@\n  n1 --> n11@{ shape: braces }@\n";
    let g = ok(src);
    assert_eq!(ids(&g), ["n0", "n00", "n1", "n11"]);
    assert_eq!(pairs(&g), ["n0>n00", "n1>n11"]);
    assert_eq!(text(&g, "n00"), "for brace-r");
    assert_eq!(warnings(src), ["W-MMD-015", "W-MMD-015"]);
    // An `@` that starts something else is still an error.
    assert!(!errors("flowchart TB\n  n0@{ shape: rect }@x").is_empty());
}
