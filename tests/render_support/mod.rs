//! Hand-built flowcharts and geometry for render tests: the parser and the layered layout are
//! other stages, so these tests build the IR directly and place boxes by hand (sizes come from
//! `layout::flowchart::graph`, the adapter under test).
#![allow(dead_code)]

use netfig::diagnostic::Span;
use netfig::geometry::{Point, Rect, Size};
use netfig::layout::drawing::Drawing;
use netfig::layout::{flowchart::graph, ClusterBox, EdgeRoute, Layout, Outline};
use netfig::model::Theme;
use netfig::model::*;
use netfig::render::{svg, SvgOptions};

pub(crate) fn node(id: &str, label: &str, shape: Shape) -> Node {
    Node {
        id: id.to_string(),
        label: Label::plain(label),
        shape,
        classes: vec![],
        style: Style::default(),
        link: None,
        parent: None,
        span: Span::new(0, 0),
    }
}

pub(crate) fn edge(from: u32, to: u32) -> Edge {
    Edge {
        id: None,
        from: Endpoint::Node(NodeId::new(from as usize)),
        to: Endpoint::Node(NodeId::new(to as usize)),
        label: Label::default(),
        stroke: Stroke::Normal,
        start: Marker::None,
        end: Marker::Arrow,
        min_len: 1,
        style: Style::default(),
        classes: vec![],
        curve: None,
        animation: None,
        span: Span::new(0, 0),
    }
}

pub(crate) fn cluster(id: &str, title: &str, parent: Option<u32>) -> Cluster {
    Cluster {
        id: id.to_string(),
        title: Label::plain(title),
        parent: parent.map(|p| ClusterId::new(p as usize)),
        direction: None,
        classes: vec![],
        style: Style::default(),
        span: Span::new(0, 0),
    }
}

pub(crate) fn style(decls: &[(&str, &str)]) -> Style {
    Style {
        declarations: decls
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

/// The point where the ray from the centre of `r` towards `to` leaves `outline`.
fn clip(r: Rect, outline: Outline, to: Point) -> Point {
    let c = r.center();
    let (dx, dy) = (to.x - c.x, to.y - c.y);
    let (a, b) = (r.width / 2.0, r.height / 2.0);
    if dx == 0.0 && dy == 0.0 {
        return c;
    }
    let t = match outline {
        Outline::Box => (a / dx.abs()).min(b / dy.abs()),
        Outline::Ellipse => 1.0 / ((dx / a).powi(2) + (dy / b).powi(2)).sqrt(),
        Outline::Diamond => 1.0 / (dx.abs() / a + dy.abs() / b),
    };
    Point::new(c.x + dx * t, c.y + dy * t)
}

/// Places node `i` centred on `centers[i]`, routes every edge straight between the outlines
/// (through `bends` if given for that edge), labels at the route's middle, and clusters around
/// their nodes.
pub(crate) fn layout_at(
    chart: &Flowchart,
    centers: &[(f64, f64)],
    bends: &[(usize, Vec<Point>)],
) -> Layout {
    let g = graph(chart);
    let nodes: Vec<Rect> = g
        .nodes
        .iter()
        .zip(centers)
        .map(|(n, &(x, y))| Rect::centered(Point::new(x, y), n.size))
        .collect();
    // Clusters: innermost first so parents can wrap their children.
    let mut clusters = vec![ClusterBox::default(); chart.clusters.len()];
    let depth = |mut i: usize| {
        let mut d = 0;
        while let Some(p) = chart.clusters[i].parent {
            d += 1;
            i = p.index();
        }
        d
    };
    let mut order: Vec<usize> = (0..chart.clusters.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(depth(i)));
    for ci in order {
        let mut boxes: Vec<Rect> = chart
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.parent.map(|p| p.index()) == Some(ci))
            .map(|(i, _)| nodes[i])
            .collect();
        for (cj, c) in chart.clusters.iter().enumerate() {
            if c.parent.map(|p| p.index()) == Some(ci) {
                boxes.push(clusters[cj].rect);
            }
        }
        let x0 = boxes.iter().map(|r| r.x).fold(f64::MAX, f64::min);
        let y0 = boxes.iter().map(|r| r.y).fold(f64::MAX, f64::min);
        let x1 = boxes.iter().map(|r| r.right()).fold(f64::MIN, f64::max);
        let y1 = boxes.iter().map(|r| r.bottom()).fold(f64::MIN, f64::max);
        let t = g.clusters[ci].title;
        let pad = g.spacing.cluster_padding;
        let rect = Rect::new(
            x0 - pad,
            y0 - pad - t.height,
            x1 - x0 + 2.0 * pad,
            y1 - y0 + 2.0 * pad + t.height,
        );
        let title = Rect::new(
            rect.center().x - t.width / 2.0,
            rect.y + 2.0,
            t.width,
            t.height,
        );
        clusters[ci] = ClusterBox { rect, title };
    }
    let edges = g
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let ends = |end: netfig::layout::End| match end {
                netfig::layout::End::Node(n) => (nodes[n.get()], g.nodes[n.get()].outline),
                netfig::layout::End::Cluster(c) => (clusters[c.get()].rect, Outline::Box),
            };
            let (a, ao) = ends(e.from);
            let (b, bo) = ends(e.to);
            let mid: Vec<Point> = bends
                .iter()
                .find(|(k, _)| *k == i)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let first_target = mid.first().copied().unwrap_or(b.center());
            let last_source = mid.last().copied().unwrap_or(a.center());
            let mut points = vec![clip(a, ao, first_target)];
            points.extend(mid.iter().copied());
            points.push(clip(b, bo, last_source));
            let label = e.label.map(|s: Size| {
                let m = if points.len() % 2 == 1 {
                    points[points.len() / 2]
                } else {
                    let (p, q) = (points[points.len() / 2 - 1], points[points.len() / 2]);
                    Point::new((p.x + q.x) / 2.0, (p.y + q.y) / 2.0)
                };
                Rect::centered(m, s)
            });
            EdgeRoute { points, label }
        })
        .collect();
    let all = nodes.iter().chain(clusters.iter().map(|c| &c.rect));
    let width = all.clone().map(|r| r.right()).fold(0.0, f64::max) + 8.0;
    let height = all.map(|r| r.bottom()).fold(0.0, f64::max) + 8.0;
    Layout {
        width,
        height,
        nodes,
        edges,
        clusters,
    }
}

/// The drawing render writes for `layout`, a layout of `chart` (no legend).
pub(crate) fn drawn(chart: &Flowchart, layout: &Layout) -> Drawing {
    Drawing::new(chart, layout.clone(), &[])
}

pub(crate) fn options(prefix: &str, theme: Theme) -> SvgOptions {
    SvgOptions {
        theme,
        id_prefix: prefix.to_string(),
        ..SvgOptions::default()
    }
}

/// Renders and checks the document contract every output must meet: parses with usvg, no XML
/// prolog, no blank line, nothing executable or external, deterministic.
pub(crate) fn render_checked(chart: &Flowchart, layout: &Layout, opts: &SvgOptions) -> String {
    let drawing = Drawing::new(chart, layout.clone(), &opts.legend);
    let svg = svg::flowchart(chart, &drawing, opts);
    assert_valid(&svg);
    assert_eq!(
        svg,
        svg::flowchart(chart, &drawing, opts),
        "output must be deterministic"
    );
    svg
}

pub(crate) fn assert_valid(svg: &str) {
    use resvg::usvg;
    usvg::Tree::from_str(svg, &usvg::Options::default()).expect("usvg parses the SVG");
    assert!(!svg.contains("<?xml"), "no XML prolog");
    assert!(
        !svg.contains("\n\n") && !svg.starts_with('\n'),
        "no blank line"
    );
    assert!(svg.lines().all(|l| !l.trim().is_empty()), "no blank line");
    for bad in ["<script", "foreignObject", "<image", "url(http", "NaN"] {
        assert!(!svg.contains(bad), "SVG contains {bad}");
    }
    for (i, _) in svg.match_indices("-0") {
        let next = svg[i + 2..].chars().next().unwrap_or(' ');
        let prev = svg[..i].chars().last().unwrap_or(' ');
        // `-0` as a whole number (not `-0.5`, not an id like `nf-0a`).
        assert!(
            next == '.' || next.is_ascii_alphanumeric() || prev.is_ascii_alphanumeric(),
            "negative zero at {i}"
        );
    }
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
}

/// Writes `svg` (and its PNG) under `$NETFIG_DUMP/` for eyeballing, when that variable is set.
pub(crate) fn dump(name: &str, svg: &str) {
    if let Some(dir) = std::env::var_os("NETFIG_DUMP") {
        let dir = std::path::PathBuf::from(dir);
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join(format!("{name}.svg")), svg);
        if let Ok(png) = netfig::render::png::render(svg, 2.0) {
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }
}
