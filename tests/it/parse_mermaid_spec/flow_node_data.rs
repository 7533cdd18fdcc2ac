//! `flow-node-data.spec.js`.

use super::*;

#[test]
fn shapes_and_labels() {
    for src in [
        "D@{ shape: rounded }",
        "D@{shape: rounded}",
        "D@{ shape: rounded , label: \"D\" }",
        "D@{ label: \"D\", shape: rounded }",
        "D@{\n  shape: rounded\n}",
    ] {
        let g = ok(&format!("flowchart TB\n{src}"));
        assert_eq!(node(&g, "D").shape, Shape::Rounded, "{src:?}");
        assert_eq!(text(&g, "D"), "D");
    }
    let g = ok("flowchart TB\nD@{ shape: rounded } --> E@{ shape: circle, label: \"E!\" } & F");
    assert_eq!(pairs(&g), ["D>E", "D>F"]);
    assert_eq!(node(&g, "E").shape, Shape::Circle);
    assert_eq!(text(&g, "E"), "E!");
}

#[test]
fn multi_line_blocks_without_commas() {
    let g = ok("flowchart TB\n  A[hello]\n  B@{\n    shape: circle\n    other: \"clock\"\n  }\n  C[Hello]@{\n    shape: circle\n    other: \"clock\"\n  }");
    assert_eq!(ids(&g), ["A", "B", "C"]);
    assert_eq!(node(&g, "B").shape, Shape::Circle);
    assert_eq!(node(&g, "C").shape, Shape::Circle);
    assert_eq!(text(&g, "C"), "Hello");
    let g = ok("flowchart TB\n  A --> D@{\n    shape: circle\n    other: \"clock\"\n  }");
    assert_eq!(pairs(&g), ["A>D"]);
    assert_eq!(node(&g, "D").shape, Shape::Circle);
    let g = ok("flowchart TB\nA@{\n label: \"This is }\"\n other: \"clock\"\n }");
    assert_eq!(text(&g, "A"), "This is }");
}

#[test]
fn labels_on_groups_and_chains() {
    let g = ok("flowchart TB\nn2[\"label for n2\"] & n4@{ label: \"labe for n4\"}   & n5@{ label: \"labe for n5\"}   ");
    assert_eq!(text(&g, "n2"), "label for n2");
    assert_eq!(text(&g, "n4"), "labe for n4");
    assert_eq!(text(&g, "n5"), "labe for n5");
    let g = ok("flowchart TB\nn4@{ label: \"label for n4\"} --> n5@{ label: \"label for n5\"} --> n2[\"label for n2\"]");
    assert_eq!(pairs(&g), ["n4>n5", "n5>n2"]);
    let g = ok("flowchart TB\nA@{ label: \"Hello, world: yes\", shape: rect }");
    assert_eq!(text(&g, "A"), "Hello, world: yes");
    let g = ok("flowchart TB\nA[\"@{ label: 'hello' }\"]");
    assert_eq!(text(&g, "A"), "@{ label: 'hello' }");
}

#[test]
fn shape_names_and_aliases() {
    for (name, shape) in [
        ("rect", Shape::Rect),
        ("proc", Shape::Rect),
        ("rounded", Shape::Rounded),
        ("event", Shape::Rounded),
        ("stadium", Shape::Stadium),
        ("terminal", Shape::Stadium),
        ("subproc", Shape::Subroutine),
        ("fr-rect", Shape::Subroutine),
        ("cyl", Shape::Cylinder),
        ("database", Shape::Cylinder),
        ("circle", Shape::Circle),
        ("dbl-circ", Shape::DoubleCircle),
        ("odd", Shape::Asymmetric),
        ("diam", Shape::Diamond),
        ("decision", Shape::Diamond),
        ("hex", Shape::Hexagon),
        ("prepare", Shape::Hexagon),
        ("lean-r", Shape::LeanRight),
        ("in-out", Shape::LeanRight),
        ("lean-l", Shape::LeanLeft),
        ("out-in", Shape::LeanLeft),
        ("trap-b", Shape::Trapezoid),
        ("priority", Shape::Trapezoid),
        ("trap-t", Shape::TrapezoidTop),
        ("manual", Shape::TrapezoidTop),
        ("text", Shape::Text),
        ("notch-rect", Shape::NotchedRect),
        ("card", Shape::NotchedRect),
        ("lin-rect", Shape::LinedRect),
        ("shaded-process", Shape::LinedRect),
        ("sm-circ", Shape::SmallCircle),
        ("start", Shape::SmallCircle),
        ("fr-circ", Shape::FramedCircle),
        ("stop", Shape::FramedCircle),
        ("fork", Shape::Fork),
        ("join", Shape::Fork),
        ("hourglass", Shape::Hourglass),
        ("collate", Shape::Hourglass),
        ("brace", Shape::BraceLeft),
        ("comment", Shape::BraceLeft),
        ("brace-r", Shape::BraceRight),
        ("braces", Shape::Braces),
        ("bolt", Shape::Bolt),
        ("com-link", Shape::Bolt),
        ("doc", Shape::Document),
        ("document", Shape::Document),
        ("delay", Shape::Delay),
        ("h-cyl", Shape::HorizontalCylinder),
        ("das", Shape::HorizontalCylinder),
        ("lin-cyl", Shape::LinedCylinder),
        ("disk", Shape::LinedCylinder),
        ("curv-trap", Shape::CurvedTrapezoid),
        ("display", Shape::CurvedTrapezoid),
        ("div-rect", Shape::DividedRect),
        ("div-proc", Shape::DividedRect),
        ("tri", Shape::Triangle),
        ("extract", Shape::Triangle),
        ("win-pane", Shape::WindowPane),
        ("internal-storage", Shape::WindowPane),
        ("f-circ", Shape::FilledCircle),
        ("junction", Shape::FilledCircle),
        ("lin-doc", Shape::LinedDocument),
        ("notch-pent", Shape::NotchedPentagon),
        ("loop-limit", Shape::NotchedPentagon),
        ("flip-tri", Shape::FlippedTriangle),
        ("manual-file", Shape::FlippedTriangle),
        ("sl-rect", Shape::SlopedRect),
        ("manual-input", Shape::SlopedRect),
        ("docs", Shape::Documents),
        ("st-doc", Shape::Documents),
        ("processes", Shape::Processes),
        ("st-rect", Shape::Processes),
        ("flag", Shape::Flag),
        ("paper-tape", Shape::Flag),
        ("bow-rect", Shape::BowTieRect),
        ("stored-data", Shape::BowTieRect),
        ("cross-circ", Shape::CrossedCircle),
        ("summary", Shape::CrossedCircle),
        ("tag-doc", Shape::TaggedDocument),
        ("tag-rect", Shape::TaggedRect),
        ("tag-proc", Shape::TaggedRect),
        ("datastore", Shape::Datastore),
    ] {
        let g = ok(&format!("flowchart TB\nA@{{ shape: {name} }}"));
        assert_eq!(node(&g, "A").shape, shape, "{name}");
    }
}

#[test]
fn icons_images_and_bad_shapes() {
    let (g, d) = parse_flowchart("flowchart TB\nA@{ icon: \"fa:bell\", form: \"square\", label: \"Bell\", pos: \"t\", h: 60 }\nB@{ img: \"https://example.com/x.png\", label: \"Img\", pos: \"t\", w: 60, h: 60, constraint: \"off\" }");
    assert!(d.iter().all(|d| !d.is_error()));
    assert_eq!(text(&g, "A"), "Bell");
    assert_eq!(text(&g, "B"), "Img");
    assert_eq!(
        errors("flowchart TB\nA@{ shape: this-shape-does-not-exist }"),
        ["E-MMD-009"]
    );
    assert_eq!(errors("flowchart TB\nA@{ shape: 123 }"), ["E-MMD-009"]);
    rejected("flowchart TB\nA@{ shape: rect");
    rejected("flowchart TB\nA@{ shape rect }");
}

#[test]
fn yaml_quoting_in_blocks() {
    let g = ok("flowchart TB\nA@{ label: \"This is \\\"quoted\\\"\" }\nB@{ label: 'it''s' }\nC@{ label: \"two\\nlines\" }");
    assert_eq!(text(&g, "A"), "This is \"quoted\"");
    assert_eq!(text(&g, "B"), "it's");
    assert_eq!(text(&g, "C"), "two\nlines");
    rejected("flowchart TB\nA@{ label: \"open\\\" }");
}

#[test]
fn multi_line_strings_and_reused_edge_ids() {
    // "Multi line strings should be supported" (a `|` block scalar, then a "…" string whose
    // line break mermaid's lexer turns into `<br/>`).
    let g = ok("flowchart TB\n      A@{\n        label: |\n          This is a\n          multiline string\n        other: \"clock\"\n     }\n      ");
    assert_eq!(g.nodes[0].label.text(), "This is a\nmultiline string");
    assert_eq!(g.nodes[0].shape, Shape::Rect);
    let g = ok("flowchart TB\n      A@{\n        label: \"This is a\n          multiline string\"\n        other: \"clock\"\n     }\n      ");
    assert_eq!(g.nodes[0].label.text(), "This is a\nmultiline string");
    // "should handle unique edge creation with using @ and &" and "should handle redefine
    // same edge ids again": the id goes to last-start → first-end; a reused id is not taken.
    let g = ok("flowchart TD\n     A & B e1@--> C & D\n        A1 e2@--> C1 & D1\n      ");
    let ids: Vec<_> = g.edges.iter().map(|e| e.id.as_deref()).collect();
    assert_eq!(ids, [None, None, Some("e1"), None, Some("e2"), None]);
    let g = ok("flowchart TD\n     A & B e1@--> C & D\n        A1 e1@--> C1 & D1\n      ");
    let ids: Vec<_> = g.edges.iter().map(|e| e.id.as_deref()).collect();
    assert_eq!(ids, [None, None, Some("e1"), None, None, None]);
}
