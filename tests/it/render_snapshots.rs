//! Whole-document snapshots of small hand-built flowcharts. Review a change with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test --test it render_snapshots::` and
//! `git diff tests/snapshots`).

use crate::render_support;

use netfig::geometry::Point;
use netfig::model::Theme;
use netfig::model::*;
use render_support::*;

fn labelled(from: u32, to: u32, text: &str) -> Edge {
    let mut e = edge(from, to);
    e.label = Label::plain(text);
    e
}

/// `A[Start] --> B{Is it?}`, `B -- Yes --> C(OK)`, `B -- No --> D([Retry])`, `D --> A`.
fn decision() -> (Flowchart, netfig::layout::Layout) {
    let mut chart = Flowchart::default();
    chart.nodes.push(node("A", "Start", Shape::Rect));
    chart.nodes.push(node("B", "Is it?", Shape::Diamond));
    chart.nodes.push(node("C", "OK", Shape::Rounded));
    chart.nodes.push(node("D", "Retry", Shape::Stadium));
    chart.edges.push(edge(0, 1));
    chart.edges.push(labelled(1, 2, "Yes"));
    chart.edges.push(labelled(1, 3, "No"));
    chart.edges.push(edge(3, 0));
    let layout = layout_at(
        &chart,
        &[(150.0, 40.0), (150.0, 160.0), (70.0, 300.0), (240.0, 300.0)],
        &[(3, vec![Point::new(300.0, 160.0), Point::new(260.0, 60.0)])],
    );
    (chart, layout)
}

#[test]
fn decision_light() {
    let (chart, layout) = decision();
    let svg = render_checked(&chart, &layout, &options("nf-decision", Theme::Light));
    dump("decision-light", &svg);
    insta::assert_snapshot!(svg);
}

#[test]
fn decision_dark_with_theme_variables() {
    let (mut chart, layout) = decision();
    chart.theme_variables = vec![
        ("primaryColor".into(), "#2d3a4f".into()),
        ("lineColor".into(), "#9ab".into()),
    ];
    chart.acc_title = Some("Retry loop".into());
    chart.acc_descr = Some("Start, decide, retry until OK.".into());
    let svg = render_checked(&chart, &layout, &options("nf-dark", Theme::Dark));
    dump("decision-dark", &svg);
    insta::assert_snapshot!(svg);
}

/// A subgraph with a styled node, a class, a link, a thick edge into the cluster, a dotted
/// edge with circle/cross ends, and an invisible edge.
#[test]
fn cluster_styles_and_link() {
    let mut chart = Flowchart::default();
    chart.clusters.push(cluster("net", "网络层 Network", None));
    let mut ip = node("IP", "IP", Shape::Hexagon);
    ip.parent = Some(ClusterId::new(0));
    ip.classes = vec!["proto".into()];
    ip.style = style(&[("fill", "#fde"), ("stroke", "#c36"), ("color", "#600")]);
    ip.link = Some(Link {
        href: "https://www.rfc-editor.org/rfc/rfc791".into(),
        target: Some("_blank".into()),
        tooltip: Some("RFC 791".into()),
    });
    chart.nodes.push(ip);
    let mut icmp = node("ICMP", "ICMP", Shape::Cylinder);
    icmp.parent = Some(ClusterId::new(0));
    chart.nodes.push(icmp);
    chart.nodes.push(node("TCP", "TCP", Shape::Rect));
    let mut e = edge(2, 0);
    e.to = Endpoint::Cluster(ClusterId::new(0));
    e.stroke = Stroke::Thick;
    chart.edges.push(e);
    let mut d = edge(0, 1);
    d.stroke = Stroke::Dotted;
    d.start = Marker::Circle;
    d.end = Marker::Cross;
    d.style = style(&[("stroke", "#c36")]);
    chart.edges.push(d);
    let mut inv = edge(2, 1);
    inv.stroke = Stroke::Invisible;
    chart.edges.push(inv);
    let layout = layout_at(&chart, &[(90.0, 220.0), (260.0, 220.0), (175.0, 40.0)], &[]);
    let svg = render_checked(&chart, &layout, &options("nf-cluster", Theme::Light));
    dump("cluster", &svg);
    insta::assert_snapshot!(svg);
}

/// Bilingual and styled runs, a title, a label-less junction.
#[test]
fn bilingual_runs_and_title() {
    let mut chart = Flowchart {
        direction: Direction::LeftRight,
        title: Some(Label::plain("TCP 握手 Handshake")),
        ..Default::default()
    };
    let mut a = node("A", "", Shape::Rounded);
    a.label = Label {
        lines: vec![
            LabelLine::plain("应用层"),
            LabelLine {
                runs: vec![
                    TextRun {
                        text: "Application ".into(),
                        bold: false,
                        italic: false,
                    },
                    TextRun {
                        text: "Layer".into(),
                        bold: true,
                        italic: false,
                    },
                ],
                rule: false,
                lang: Lang::En,
            },
            LabelLine {
                runs: vec![TextRun {
                    text: "HTTP & DNS".into(),
                    bold: false,
                    italic: true,
                }],
                rule: false,
                lang: Lang::En,
            },
        ],
    };
    chart.nodes.push(a);
    chart.nodes.push(node("J", "合流", Shape::FilledCircle));
    chart
        .nodes
        .push(node("T", "传输层\nTransport", Shape::Circle));
    let mut e = labelled(0, 1, "请求 <req>");
    e.curve = Some(Curve::Linear);
    chart.edges.push(e);
    chart.edges.push(edge(1, 2));
    let layout = layout_at(&chart, &[(90.0, 80.0), (330.0, 80.0), (450.0, 80.0)], &[]);
    let svg = render_checked(&chart, &layout, &options("nf-bilingual", Theme::Light));
    dump("bilingual", &svg);
    insta::assert_snapshot!(svg);
}
