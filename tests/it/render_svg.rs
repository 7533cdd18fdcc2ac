//! The SVG contract: structure, ids, classes, escaping, styles, every shape, marker and curve
//! parsing with usvg.

use crate::render_support;

use netfig::geometry::Point;
use netfig::model::Theme;
use netfig::model::*;
use render_support::*;

const SHAPES: [&str; 46] = [
    "rect",
    "rounded",
    "stadium",
    "subproc",
    "cyl",
    "circle",
    "dbl-circ",
    "odd",
    "diamond",
    "hex",
    "lean-r",
    "lean-l",
    "trap-b",
    "trap-t",
    "text",
    "notch-rect",
    "lin-rect",
    "sm-circ",
    "fr-circ",
    "fork",
    "hourglass",
    "brace",
    "brace-r",
    "braces",
    "bolt",
    "doc",
    "delay",
    "h-cyl",
    "lin-cyl",
    "curv-trap",
    "div-rect",
    "tri",
    "win-pane",
    "f-circ",
    "lin-doc",
    "notch-pent",
    "flip-tri",
    "sl-rect",
    "docs",
    "st-rect",
    "flag",
    "bow-rect",
    "cross-circ",
    "tag-doc",
    "tag-rect",
    "datastore",
];

fn gallery() -> (Flowchart, netfig::layout::Layout) {
    let mut chart = Flowchart::default();
    let mut centers = Vec::new();
    for (i, name) in SHAPES.iter().enumerate() {
        let shape = Shape::from_name(name).expect(name);
        chart
            .nodes
            .push(node(&format!("n{i}"), &format!("{name}\n形状"), shape));
        centers.push((
            120.0 + 240.0 * (i % 6) as f64,
            100.0 + 200.0 * (i / 6) as f64,
        ));
    }
    for i in 0..SHAPES.len() - 1 {
        chart.edges.push(edge(i as u32, i as u32 + 1));
    }
    let layout = layout_at(&chart, &centers, &[]);
    (chart, layout)
}

#[test]
fn every_shape_renders_valid_svg() {
    let (chart, layout) = gallery();
    for theme in [Theme::Light, Theme::Dark] {
        let svg = render_checked(&chart, &layout, &options("g", theme));
        dump(&format!("gallery-{theme:?}"), &svg);
        for i in 0..SHAPES.len() {
            assert!(svg.contains(&format!("<g class=\"node\" data-id=\"n{i}\">")));
        }
    }
    // Each shape alone as well, so a broken shape is named by the failure.
    for (i, name) in SHAPES.iter().enumerate() {
        let mut one = Flowchart::default();
        one.nodes.push(chart.nodes[i].clone());
        let l = layout_at(&one, &[(100.0, 100.0)], &[]);
        let svg = render_checked(&one, &l, &options("s", Theme::Light));
        assert!(svg.contains("class=\"shape"), "{name}");
    }
}

#[test]
fn label_less_shapes_keep_their_label_as_a_tooltip() {
    let mut chart = Flowchart::default();
    chart.nodes.push(node("J", "汇合 join", Shape::Fork));
    let l = layout_at(&chart, &[(60.0, 30.0)], &[]);
    let svg = render_checked(&chart, &l, &options("t", Theme::Light));
    assert!(svg.contains("<title>汇合 join</title>"));
    assert!(!svg.contains("<text class=\"label\""));
}

#[test]
fn every_marker_and_curve_renders_valid_svg() {
    let markers = [Marker::None, Marker::Arrow, Marker::Circle, Marker::Cross];
    let curves = [
        Curve::Basis,
        Curve::Linear,
        Curve::Natural,
        Curve::Step,
        Curve::StepBefore,
        Curve::StepAfter,
        Curve::Cardinal,
        Curve::CatmullRom,
        Curve::MonotoneX,
        Curve::MonotoneY,
        Curve::BumpX,
        Curve::BumpY,
    ];
    let mut chart = Flowchart::default();
    chart.nodes.push(node("A", "A", Shape::Rect));
    chart.nodes.push(node("B", "B", Shape::Circle));
    let mut bends = Vec::new();
    let mut k = 0;
    for (ci, c) in curves.iter().enumerate() {
        for s in markers {
            for e in markers {
                let mut ed = edge(0, 1);
                ed.start = s;
                ed.end = e;
                ed.curve = Some(*c);
                ed.stroke = [Stroke::Normal, Stroke::Thick, Stroke::Dotted][k % 3];
                if k % 5 == 0 {
                    ed.style = style(&[("stroke", "#ff0000")]);
                }
                chart.edges.push(ed);
                let dx = 20.0 * ci as f64;
                bends.push((
                    k,
                    vec![Point::new(80.0 + dx, 120.0), Point::new(140.0, 200.0 + dx)],
                ));
                k += 1;
            }
        }
    }
    let l = layout_at(&chart, &[(100.0, 40.0), (200.0, 360.0)], &bends);
    let svg = render_checked(&chart, &l, &options("m", Theme::Light));
    dump("markers", &svg);
    for id in [
        "m-arrow",
        "m-circle",
        "m-cross",
        "m-arrow-1",
        "m-circle-1",
        "m-cross-1",
    ] {
        assert!(svg.contains(&format!("<marker id=\"{id}\"")), "{id}");
        assert!(svg.contains(&format!("url(#{id})")), "{id}");
    }
    assert!(svg.contains("style=\"fill:#ff0000\""));
    assert!(svg.contains("class=\"line thick\""));
    assert!(svg.contains("class=\"line dotted\""));
}

#[test]
fn root_carries_ids_classes_and_accessibility() {
    let mut chart = Flowchart::default();
    chart.nodes.push(node("A", "A", Shape::Rect));
    chart.acc_title = Some("TCP & <handshake>".into());
    chart.acc_descr = Some("Three steps".into());
    let l = layout_at(&chart, &[(50.0, 30.0)], &[]);
    let svg = render_checked(&chart, &l, &options("nf-1234abcd", Theme::Light));
    let root = svg.lines().next().unwrap();
    for part in [
        "id=\"nf-1234abcd\"",
        "class=\"netfig netfig-flowchart\"",
        "role=\"img\"",
        "aria-labelledby=\"nf-1234abcd-title\"",
        "aria-describedby=\"nf-1234abcd-desc\"",
        "viewBox=\"0 0 ",
        "style=\"max-width:",
        "font-family=\"&#39;Noto Sans CJK SC&#39;",
    ] {
        assert!(root.contains(part), "{part} in {root}");
    }
    assert!(svg.contains("<title id=\"nf-1234abcd-title\">TCP &amp; &lt;handshake&gt;</title>"));
    assert!(svg.contains("<desc id=\"nf-1234abcd-desc\">Three steps</desc>"));
    // Every id is prefixed, every rule scoped.
    for (i, _) in svg.match_indices(" id=\"") {
        assert!(
            svg[i + 5..].starts_with("nf-1234abcd"),
            "{}",
            &svg[i..i + 30]
        );
    }
    let style = &svg[svg.find("<style>").unwrap()..svg.find("</style>").unwrap()];
    for rule in style
        .lines()
        .skip(1)
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        assert!(
            rule.starts_with("#nf-1234abcd") || rule.starts_with("@keyframes nf-1234abcd"),
            "{rule}"
        );
    }
}

#[test]
fn title_falls_back_to_front_matter_then_flowchart() {
    let mut chart = Flowchart::default();
    chart.nodes.push(node("A", "A", Shape::Rect));
    let l = layout_at(&chart, &[(50.0, 30.0)], &[]);
    let svg = render_checked(&chart, &l, &options("p", Theme::Light));
    assert!(svg.contains("<title id=\"p-title\">Flowchart</title>"));
    assert!(!svg.contains("aria-describedby"));
    chart.title = Some(Label::plain("网络分层 Layers"));
    let svg = render_checked(&chart, &l, &options("p", Theme::Light));
    assert!(svg.contains("<title id=\"p-title\">网络分层 Layers</title>"));
    assert!(svg.contains("<text class=\"title\""));
    assert!(svg.contains("<g transform=\"translate(0,"));
}

#[test]
fn groups_carry_author_ids_and_sanitised_classes() {
    let mut chart = Flowchart::default();
    let mut a = node("A", "A", Shape::Rect);
    a.classes = vec!["hot".into(), "x\" onclick=\"y".into()];
    a.parent = Some(ClusterId::new(0));
    chart.nodes.push(a);
    chart.nodes.push(node("B", "B", Shape::Rect));
    chart.clusters.push(cluster("sg1", "子图", None));
    let mut e = edge(1, 0);
    e.to = Endpoint::Cluster(ClusterId::new(0));
    e.id = Some("e1".into());
    chart.edges.push(e);
    let mut hidden = edge(0, 1);
    hidden.stroke = Stroke::Invisible;
    chart.edges.push(hidden);
    let l = layout_at(&chart, &[(60.0, 80.0), (60.0, 220.0)], &[]);
    let svg = render_checked(&chart, &l, &options("p", Theme::Light));
    assert!(svg.contains("<g class=\"node hot xonclicky\" data-id=\"A\">"));
    assert!(svg.contains("<g class=\"cluster\" data-id=\"sg1\">"));
    assert!(svg.contains("<g class=\"edge\" data-from=\"B\" data-to=\"sg1\" data-edge-id=\"e1\">"));
    let inv = svg.find("data-from=\"A\" data-to=\"B\"").unwrap();
    let inv_line = svg[inv..].lines().nth(1).unwrap();
    assert!(
        inv_line.contains("style=\"stroke:none\"") && !inv_line.contains("marker"),
        "{inv_line}"
    );
    // Clusters first, then edges, then nodes.
    let (c, e, n) = (
        svg.find("class=\"cluster\"").unwrap(),
        svg.find("class=\"edge\"").unwrap(),
        svg.find("class=\"node").unwrap(),
    );
    assert!(c < e && e < n);
}

#[test]
fn links_are_escaped_or_dropped() {
    let mut chart = Flowchart::default();
    let mut a = node("A", "A", Shape::Rect);
    a.link = Some(Link {
        href: "https://example.com/?a=1&b=2".into(),
        target: Some("_blank".into()),
        tooltip: Some("Open \"docs\"".into()),
    });
    let mut b = node("B", "B", Shape::Rect);
    b.link = Some(Link {
        href: "javascript:alert(1)".into(),
        target: None,
        tooltip: None,
    });
    chart.nodes.push(a);
    chart.nodes.push(b);
    let l = layout_at(&chart, &[(60.0, 40.0), (60.0, 140.0)], &[]);
    let svg = render_checked(&chart, &l, &options("p", Theme::Light));
    assert!(svg.contains("<a href=\"https://example.com/?a=1&amp;b=2\" target=\"_blank\">"));
    assert!(svg.contains("<title>Open &quot;docs&quot;</title>"));
    assert!(!svg.contains("javascript"));
    assert_eq!(svg.matches("<a ").count(), 1);
}

#[test]
fn styles_become_inline_presentation() {
    let mut chart = Flowchart::default();
    let mut a = node("A", "A", Shape::Subroutine);
    a.style = style(&[
        ("fill", "#f9f"),
        ("stroke", "#333"),
        ("stroke-width", "4px"),
        ("color", "red"),
        ("font-weight", "bold"),
    ]);
    chart.nodes.push(a);
    chart.nodes.push(node("B", "B", Shape::Rect));
    let mut e = edge(0, 1);
    e.style = style(&[("stroke", "blue"), ("color", "green")]);
    e.label = Label::plain("yes");
    e.animation = Some("slow".into());
    chart.edges.push(e);
    chart.clusters.push(cluster("c", "C", None));
    chart.clusters[0].style = style(&[("fill", "#eee"), ("color", "#123")]);
    chart.nodes[1].parent = Some(ClusterId::new(0));
    let l = layout_at(&chart, &[(60.0, 40.0), (60.0, 200.0)], &[]);
    let svg = render_checked(&chart, &l, &options("p", Theme::Light));
    dump("styles", &svg);
    assert!(
        svg.contains("class=\"shape\" x=")
            && svg.contains("style=\"fill:#f9f;stroke:#333;stroke-width:4px\"")
    );
    assert!(
        svg.contains("class=\"shape-line\"")
            && svg.contains("style=\"stroke:#333;stroke-width:4px\"")
    );
    assert!(svg.contains("style=\"font-weight:bold;fill:red\""));
    assert!(svg.contains("class=\"line netfig-animate netfig-animate-slow\""));
    assert!(svg.contains("style=\"stroke:blue\""));
    assert!(svg.contains("<marker id=\"p-arrow-1\""));
    assert!(svg.contains("<text class=\"label\" x=") && svg.contains("style=\"fill:green\""));
    assert!(svg.contains("style=\"fill:#eee\"") && svg.contains("style=\"fill:#123\""));
}

#[test]
fn edge_tips_touch_the_outline() {
    let mut chart = Flowchart::default();
    chart.nodes.push(node("A", "A", Shape::Rect));
    chart.nodes.push(node("B", "B", Shape::Rect));
    let mut e = edge(0, 1);
    e.curve = Some(Curve::Linear);
    chart.edges.push(e);
    let l = layout_at(&chart, &[(60.0, 40.0), (60.0, 200.0)], &[]);
    let svg = render_checked(&chart, &l, &options("p", Theme::Light));
    let top_of_b = l.nodes[1].y;
    let d = svg.split("<path class=\"line\" d=\"").nth(1).unwrap();
    let d = &d[..d.find('"').unwrap()];
    let end_y: f64 = d.rsplit(',').next().unwrap().parse().unwrap();
    // The arrow reaches 9 px beyond the path end: its tip lands on B's top border.
    assert!((end_y + 9.0 - top_of_b).abs() < 0.01, "{d} vs {top_of_b}");
}

#[test]
fn hard_labels_render_valid_svg() {
    let labels = [
        "WWWWWWWWWW",
        "iiiiiiiiiiiiiiii",
        "Transmission Control Protocol (TCP)",
        "SYN-RECEIVED → ESTABLISHED",
        "（应用层）：HTTP、DNS；“引号”",
        "0123456789 ABCDEFGHIJKLM",
        "混合 mixed 文本 text 1234",
    ];
    let mut chart = Flowchart::default();
    let mut centers = Vec::new();
    for (i, l) in labels.iter().enumerate() {
        for (j, shape) in [Shape::Rect, Shape::Diamond, Shape::Circle]
            .iter()
            .enumerate()
        {
            let mut n = node(&format!("n{i}_{j}"), l, *shape);
            if j == 0 && i % 2 == 1 {
                n.label.lines[0].runs[0].bold = true;
            }
            chart.nodes.push(n);
            centers.push((220.0 + 480.0 * j as f64, 150.0 + 330.0 * i as f64));
        }
    }
    let l = layout_at(&chart, &centers, &[]);
    let svg = render_checked(&chart, &l, &options("hard", Theme::Light));
    dump("hard", &svg);
}

#[test]
fn mismatched_or_degenerate_geometry_never_panics() {
    let (chart, _) = gallery();
    // No geometry at all.
    render_checked(
        &chart,
        &netfig::layout::Layout::default(),
        &options("x", Theme::Light),
    );
    // Zero-size boxes, NaN points, one-point routes.
    let mut l = netfig::layout::Layout {
        width: f64::NAN,
        height: 0.0,
        nodes: vec![netfig::geometry::Rect::default(); chart.nodes.len()],
        ..Default::default()
    };
    l.edges = chart
        .edges
        .iter()
        .enumerate()
        .map(|(i, _)| netfig::layout::EdgeRoute {
            points: match i % 3 {
                0 => vec![Point::new(f64::NAN, 1.0), Point::new(2.0, 2.0)],
                1 => vec![Point::new(1.0, 1.0)],
                _ => vec![Point::new(1.0, 1.0), Point::new(1.0, 1.0)],
            },
            label: None,
        })
        .collect();
    render_checked(&chart, &l, &options("x", Theme::Light));
}
