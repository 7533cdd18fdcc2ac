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
