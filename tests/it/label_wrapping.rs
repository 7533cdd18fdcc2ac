//! Label wrapping as mermaid does it (issue 11): `flowchart.wrappingWidth` (200 px by default)
//! for node labels and subgraph titles, 200 px for edge labels, `markdownAutoWrap: false`
//! keeping markdown strings' words together; both settings from `%%{init}%%` and front matter,
//! invalid values warned about and ignored.

use crate::parse_mermaid_spec::ok;
use netfig::layout::drawing::{draw, Drawing};
use netfig::layout::flowchart::{graph, PAD_X, WRAPPING_WIDTH};
use netfig::mermaid::flowchart as parse_flowchart;
use netfig::model::Flowchart;
use netfig::text::{line_width, FONT_SIZE};

const LONG: &str = "a label long enough to wrap at two hundred pixels and more";

fn codes(src: &str) -> Vec<&'static str> {
    parse_flowchart(src).1.iter().map(|d| d.code).collect()
}

fn drawing(chart: &Flowchart) -> Drawing {
    draw(chart, &graph(chart), &[])
}

/// The drawn lines of node `i`.
fn node_lines(d: &Drawing, i: usize) -> Vec<String> {
    let text = d.node_labels[i].as_ref().expect("the node shows its label");
    text.label.lines.iter().map(|l| l.text()).collect()
}

fn widest(lines: &[String]) -> f64 {
    lines
        .iter()
        .map(|l| netfig::text::text_width(l, FONT_SIZE, false))
        .fold(0.0, f64::max)
}

#[test]
fn long_labels_wrap_at_200_px_by_default() {
    let g = ok(&format!(
        "flowchart LR\nA[{LONG}] -- {LONG} --> B\nsubgraph S [{LONG}]\nB\nend"
    ));
    assert_eq!(g.wrapping_width, None);
    let d = drawing(&g);
    let lines = node_lines(&d, 0);
    assert!(lines.len() >= 3, "{lines:?}");
    assert!(widest(&lines) <= WRAPPING_WIDTH, "{lines:?}");
    assert_eq!(lines.join(" "), LONG);
    // The node's box comes from the wrapped label: narrower than the text on one line.
    let one_line = netfig::text::text_width(LONG, FONT_SIZE, false);
    assert!(
        d.layout.nodes[0].width < one_line,
        "{:?}",
        d.layout.nodes[0]
    );
    assert!(d.layout.nodes[0].width <= WRAPPING_WIDTH * 1.04 + 2.0 + 2.0 * PAD_X);
    let edge = d.edge_labels[0].as_ref().expect("edge label");
    assert!(edge.label.lines.len() >= 3);
    let title = &d.cluster_labels[0];
    assert!(title.label.lines.len() >= 3);
    // A short label is left alone.
    let short = drawing(&ok("flowchart LR\nA[Application Layer]"));
    assert_eq!(node_lines(&short, 0), ["Application Layer"]);
}

#[test]
fn wrapping_width_from_init_and_front_matter() {
    let g = ok(&format!(
        "%%{{init: {{'flowchart': {{'wrappingWidth': 120}}}}}}%%\nflowchart LR\nA[{LONG}] -- {LONG} --> B"
    ));
    assert_eq!(g.wrapping_width, Some(120.0));
    let d = drawing(&g);
    let narrow = node_lines(&d, 0);
    assert!(widest(&narrow) <= 120.0, "{narrow:?}");
    // Edge labels keep mermaid's 200 px whatever the setting.
    let edge = d.edge_labels[0].as_ref().expect("edge label");
    let edge_widest = edge
        .label
        .lines
        .iter()
        .map(|l| line_width(l, FONT_SIZE))
        .fold(0.0, f64::max);
    assert!(edge_widest > 120.0 && edge_widest <= 200.0, "{edge_widest}");

    let g = ok(&format!(
        "---\nconfig:\n  flowchart:\n    wrappingWidth: 1000px\n---\nflowchart LR\nA[{LONG}]"
    ));
    assert_eq!(g.wrapping_width, Some(1000.0));
    assert_eq!(node_lines(&drawing(&g), 0), [LONG]);
}

#[test]
fn invalid_wrapping_settings_warn_and_keep_the_default() {
    for bad in ["0", "-5", "wide", "1e9", "[200]"] {
        let src =
            format!("%%{{init: {{'flowchart': {{'wrappingWidth': {bad}}}}}}}%%\nflowchart LR\nA");
        assert_eq!(codes(&src), ["W-MMD-006"], "{bad}");
        assert_eq!(ok(&src).wrapping_width, None, "{bad}");
    }
    for bad in [
        "0",
        "-5",
        "wide",
        "1e9",
        "[200]",
        "{px: 200}",
        "~",
        "0.5",
        "true",
    ] {
        let src =
            format!("---\nconfig:\n  flowchart:\n    wrappingWidth: {bad}\n---\nflowchart LR\nA");
        assert_eq!(codes(&src), ["W-MMD-006"], "front matter {bad}");
        assert_eq!(ok(&src).wrapping_width, None, "{bad}");
    }
    // A number too large for a float is the config's error, at the number, in both places.
    for (src, code) in [
        (
            "%%{init: {'flowchart': {'wrappingWidth': 1e400}}}%%\nflowchart LR\nA",
            "E-MMD-016",
        ),
        (
            "---\nconfig:\n  flowchart:\n    wrappingWidth: 1e400\n---\nflowchart LR\nA",
            "E-MMD-015",
        ),
    ] {
        let d = parse_flowchart(src).1;
        assert_eq!(
            d.iter().map(|d| d.code).collect::<Vec<_>>(),
            [code],
            "{src}"
        );
        assert_eq!(&src[d[0].span.start..d[0].span.start + 5], "1e400", "{src}");
    }
    let src = "---\nconfig:\n  markdownAutoWrap: sometimes\n---\nflowchart LR\nA";
    let d = parse_flowchart(src).1;
    assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["W-MMD-006"]);
    assert!(
        d[0].message.contains("markdownAutoWrap"),
        "{}",
        d[0].message
    );
    // Under `flowchart`, mermaid ignores it: so does netfig, saying where it belongs.
    let src = "%%{init: {'flowchart': {'markdownAutoWrap': false}}}%%\nflowchart LR\nA[\"`a b`\"]";
    let (g, d) = parse_flowchart(src);
    assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["W-MMD-006"]);
    assert!(d[0].message.contains("top level"), "{}", d[0].message);
    assert_eq!(g.nodes[0].label.text(), "a b");
}

#[test]
fn markdown_auto_wrap_false_keeps_markdown_words_together() {
    let src = |auto: &str| {
        format!(
            "%%{{init: {{'markdownAutoWrap': {auto}}}}}%%\nflowchart LR\n\
             A[\"`**{LONG}**`\"]\nB[{LONG}]\nC[\"`传输控制协议提供可靠的面向连接的字节流服务传输控制协议`\"]"
        )
    };
    let wraps = drawing(&ok(&src("true")));
    assert!(node_lines(&wraps, 0).len() > 1);
    let g = ok(&src("false"));
    let kept = drawing(&g);
    // The markdown string stays on one line (its spaces are no-break spaces, as mermaid
    // writes `&nbsp;`), bold as written; a plain label still wraps.
    let a = node_lines(&kept, 0);
    assert_eq!(a, [LONG.replace(' ', "\u{a0}")]);
    let runs = &kept.node_labels[0].as_ref().unwrap().label.lines[0].runs;
    assert!(runs.iter().all(|r| r.bold));
    assert!(node_lines(&kept, 1).len() > 1);
    // Ideographs still break, as they do in mermaid's browser rendering.
    assert!(node_lines(&kept, 2).len() > 1);
    // Front matter says the same.
    let fm = ok(&format!(
        "---\nconfig:\n  markdownAutoWrap: false\n---\nflowchart LR\nA[\"`{LONG}`\"]"
    ));
    assert_eq!(node_lines(&drawing(&fm), 0).len(), 1);
}

#[test]
fn br_still_forces_a_break_and_each_line_wraps_on_its_own() {
    let g = ok(&format!("flowchart LR\nA[short<br>{LONG}]"));
    let lines = node_lines(&drawing(&g), 0);
    assert_eq!(lines[0], "short");
    assert_eq!(lines[1..].join(" "), LONG);
}

#[test]
fn a_word_wider_than_the_limit_widens_the_box() {
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
    let g = ok(&format!("flowchart LR\nA[see {word} here]"));
    let d = drawing(&g);
    assert_eq!(node_lines(&d, 0), ["see", word, "here"]);
    let w = netfig::text::text_width(word, FONT_SIZE, false);
    assert!(w > WRAPPING_WIDTH);
    assert!(
        d.layout.nodes[0].width >= w + 2.0 * PAD_X,
        "{:?}",
        d.layout.nodes[0]
    );
}

/// The widest of `text`'s lines at `size` px, bold or not.
fn widest_at(text: &netfig::layout::drawing::TextBox, bold: bool) -> f64 {
    text.label
        .lines
        .iter()
        .map(|l| {
            l.runs
                .iter()
                .map(|r| netfig::text::text_width(&r.text, text.font_size, bold || r.bold))
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

#[test]
fn edge_labels_and_titles_are_measured_in_their_own_font_size_and_weight() {
    let g = ok(&format!(
        "flowchart LR\nA -- {LONG} --> B\nsubgraph S [{LONG}]\nB\nend\nC[em] --> D[pt]\n\
         linkStyle 0 font-size:30px,font-weight:bold\nstyle S font-size:24px\n\
         style C font-size:1.5em\nstyle D font-size:15pt,font-weight:800"
    ));
    let d = drawing(&g);
    let edge = d.edge_labels[0].as_ref().expect("edge label");
    assert_eq!(edge.font_size, 30.0);
    assert_eq!(edge.line_height, 30.0 * netfig::text::LINE_HEIGHT);
    // Wrapped at 200 px in bold 30 px type, and the label's box holds the widest line.
    let w = widest_at(edge, true);
    assert!(w <= 200.0 && w > 150.0, "{w}");
    let bx = d.layout.edges[0].label.expect("label box");
    assert!(bx.width >= w, "{bx:?} for {w}");
    assert!(bx.height >= edge.label.lines.len() as f64 * edge.line_height);
    let title = &d.cluster_labels[0];
    assert_eq!(title.font_size, 24.0);
    assert!(d.layout.clusters[0].title.width >= widest_at(title, false));
    // Relative and point sizes are measured as the browser computes them.
    assert_eq!(d.node_labels[2].as_ref().unwrap().font_size, 24.0);
    let pt = d.node_labels[3].as_ref().unwrap();
    assert!((pt.font_size - 20.0).abs() < 1e-9);
    assert!(d.layout.nodes[3].width >= widest_at(pt, true));
    // The SVG writes the sizes measured, in px.
    let svg = netfig::pipeline::compile(
        "flowchart LR\nA -- x --> B\nlinkStyle 0 font-size:2em\nstyle B font-size:larger",
        netfig::pipeline::Kind::Flowchart,
        &netfig::pipeline::Options::default(),
    )
    .expect("renders")
    .svg
    .expect("an SVG");
    assert!(svg.contains("font-size:32px"), "{svg}");
    assert!(!svg.contains("2em") && !svg.contains("larger"), "{svg}");
}
