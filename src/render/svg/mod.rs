//! Flowchart geometry → SVG.
//!
//! The output is a contract pages and tests rely on: a standalone `<svg>` (no prolog, no blank
//! line, no script, no external resource) whose root has `id="{prefix}"` and classes
//! `netfig netfig-flowchart` (`netfig netfig-states` for TCP state diagrams, which are lowered to
//! flowcharts; see [`crate::render::DiagramKind`]); an optional legend
//! ([`crate::render::SvgOptions::legend`]) is a `<g class="legend">` band below the drawing;
//! every id inside starts with the prefix; clusters, edges and nodes
//! are `<g class="cluster|edge|node">` groups carrying the author's ids in `data-*` attributes;
//! colours come from an embedded stylesheet scoped to `#{prefix}` whose values are
//! `--netfig-*` variables with literal fallbacks ([`super::theme`]); `classDef`/`style`/
//! `linkStyle` declarations are inline `style` attributes, which beat the stylesheet.

mod edges;
mod label;
mod legend;
mod packet;
mod sequence;
pub(crate) mod shapes;
mod stack;
pub(crate) mod writer;

use super::{theme, SvgOptions};
use crate::geometry::Rect;
use crate::layout::curve::DrawnEdge;
use crate::layout::drawing::{Drawing, TextBox};
use crate::layout::Layout;
use crate::model::{Endpoint, Flowchart, Label, Link, Marker, Stroke};
use crate::text;
use label::Part;
use shapes::Role;
use writer::{class_name, esc, esc_id, num, Doc};

pub use packet::packet;
pub use sequence::sequence;
pub use stack::stack;

/// The SVG document for a flowchart (or a state diagram lowered to one) drawn as `drawing`
/// (made by [`crate::layout::drawing`] for this chart and, if `options` has a legend, its
/// labels): written as placed, nothing measured or moved.
pub fn flowchart(chart: &Flowchart, drawing: &Drawing, options: &SvgOptions) -> String {
    let p = id_prefix(&options.id_prefix);
    let fs = drawing.font_size;
    let palette = theme::palette(options.theme, chart, fs);
    let title = chart.title.as_ref().filter(|t| !t.is_empty());
    let (width, height, band) = (drawing.width, drawing.height, drawing.band);
    let layout = &drawing.layout;

    let mut doc = Doc::default();
    open_svg(
        &mut doc,
        &Head {
            prefix: &p,
            kind: options.kind,
            title: accessible_title(chart.acc_title.as_deref(), title, options.kind),
            descr: chart.acc_descr.as_deref(),
            size: (width, height),
            font_size: fs,
            stylesheet: theme::stylesheet(&p, &palette),
        },
    );
    let markers = Markers::collect(chart, &p);
    markers.write_defs(&mut doc);
    if let (Some(_), Some(at)) = (title, &drawing.title) {
        doc.line(&label::text(at, "title", ""));
    }
    if band > 0.0 {
        doc.open(&format!("<g transform=\"translate(0,{})\">", num(band)));
    }
    clusters(&mut doc, chart, drawing);
    for (i, e) in chart.edges.iter().enumerate() {
        if let (Some(route), Some(drawn)) = (layout.edges.get(i), drawing.edges.get(i)) {
            let text = drawing.edge_labels.get(i).and_then(Option::as_ref);
            edge(&mut doc, chart, e, (route, drawn), text, &markers);
        }
    }
    for (i, n) in chart.nodes.iter().enumerate() {
        if let Some(r) = layout.nodes.get(i) {
            let text = drawing.node_labels.get(i).and_then(Option::as_ref);
            node(&mut doc, n, *r, text);
        }
    }
    if band > 0.0 {
        doc.close("g");
    }
    legend::write(&mut doc, &drawing.legend, &options.legend, &palette);
    doc.close("svg");
    doc.finish()
}

/// What the root element and the first children of every drawing say.
pub(crate) struct Head<'a> {
    /// The id prefix (already sanitised).
    pub(crate) prefix: &'a str,
    /// The kind of diagram.
    pub(crate) kind: super::DiagramKind,
    /// The accessible title.
    pub(crate) title: String,
    /// The accessible description, if any.
    pub(crate) descr: Option<&'a str>,
    /// Width and height.
    pub(crate) size: (f64, f64),
    /// The label font size.
    pub(crate) font_size: f64,
    /// The embedded stylesheet.
    pub(crate) stylesheet: String,
}

/// The accessible title: `accTitle`, else the title on one line, else the kind's default.
pub(crate) fn accessible_title(
    acc_title: Option<&str>,
    title: Option<&Label>,
    kind: super::DiagramKind,
) -> String {
    acc_title
        .filter(|t| !t.trim().is_empty())
        .map(str::to_string)
        .or_else(|| title.map(one_line))
        .unwrap_or_else(|| kind.default_title().to_string())
}

/// Opens the root `<svg>` and writes its `<title>`, `<desc>` and `<style>`.
pub(crate) fn open_svg(doc: &mut Doc, h: &Head<'_>) {
    let p = h.prefix;
    let descr = h.descr.filter(|d| !d.trim().is_empty());
    let described = descr
        .map(|_| format!(" aria-describedby=\"{p}-desc\""))
        .unwrap_or_default();
    doc.open(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{p}\" class=\"netfig {kind}\" role=\"img\" aria-labelledby=\"{p}-title\"{described} width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" style=\"max-width:{w}px\" font-family=\"{ff}\" font-size=\"{fs}\">",
        w = num(h.size.0),
        h = num(h.size.1),
        ff = esc(text::FONT_FAMILY),
        fs = num(h.font_size),
        kind = h.kind.class(),
    ));
    doc.line(&format!(
        "<title id=\"{p}-title\">{}</title>",
        esc(&h.title)
    ));
    if let Some(d) = descr {
        doc.line(&format!("<desc id=\"{p}-desc\">{}</desc>", esc(d)));
    }
    doc.open("<style>");
    for rule in h.stylesheet.lines() {
        doc.line(rule);
    }
    doc.close("style");
}

/// The id prefix reduced to `[A-Za-z0-9_-]`, starting with a letter (a CSS id selector and an
/// XML id must both accept it).
pub(crate) fn id_prefix(raw: &str) -> String {
    let p = class_name(raw);
    match p.chars().next() {
        None => "netfig".to_string(),
        Some(c) if c.is_ascii_alphabetic() => p,
        Some(_) => format!("nf-{p}"),
    }
}

pub(crate) fn one_line(l: &Label) -> String {
    l.lines
        .iter()
        .map(|l| l.text())
        .collect::<Vec<_>>()
        .join(" ")
}

/// ` class="base extra…"` with the author's classes sanitised.
pub(crate) fn classes(base: &str, extra: &[String]) -> String {
    let mut c = base.to_string();
    for x in extra {
        let x = class_name(x);
        if !x.is_empty() {
            c.push(' ');
            c.push_str(&x);
        }
    }
    c
}

pub(crate) fn style_attr(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(" style=\"{s}\"")
    }
}

pub(crate) fn rect_el(class: &str, r: Rect, extra: &str) -> String {
    format!(
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{extra}/>",
        num(r.x),
        num(r.y),
        num(r.width),
        num(r.height)
    )
}

fn clusters(doc: &mut Doc, chart: &Flowchart, drawing: &Drawing) {
    let layout: &Layout = &drawing.layout;
    // Parents before children: by nesting depth, then source order.
    let depth = |mut i: usize| {
        let mut d = 0;
        while let Some(p) = chart.clusters.get(i).and_then(|c| c.parent) {
            d += 1;
            i = p.index();
            if d > chart.clusters.len() {
                break;
            }
        }
        d
    };
    let mut order: Vec<usize> = (0..chart.clusters.len()).collect();
    order.sort_by_key(|&i| (depth(i), i));
    for i in order {
        let (c, Some(b), Some(at)) = (
            &chart.clusters[i],
            layout.clusters.get(i),
            drawing.cluster_labels.get(i),
        ) else {
            continue;
        };
        doc.open(&format!(
            "<g class=\"{}\" data-id=\"{}\">",
            classes("cluster", &c.classes),
            esc_id(&c.id)
        ));
        let st = style_attr(&label::inline(&c.style, Part::Body));
        doc.line(&rect_el("shape", b.rect, &st));
        doc.line(&label::text(at, "label", &label::text_inline(&c.style, at)));
        doc.close("g");
    }
}

/// Marker definitions in first-use order: `(kind, colour, id)`.
pub(crate) struct Markers {
    pub(crate) defs: Vec<(Marker, Option<String>, String)>,
}

impl Markers {
    fn collect(chart: &Flowchart, p: &str) -> Markers {
        Markers::of(chart.edges.iter(), p)
    }

    /// The markers `edges` use, ids prefixed with `p`.
    pub(crate) fn of<'a>(edges: impl Iterator<Item = &'a crate::model::Edge>, p: &str) -> Markers {
        let mut defs: Vec<(Marker, Option<String>, String)> = Vec::new();
        for e in edges {
            if e.stroke == Stroke::Invisible {
                continue;
            }
            let color = edge_color(e);
            for m in [e.start, e.end] {
                if m == Marker::None || defs.iter().any(|(k, c, _)| *k == m && *c == color) {
                    continue;
                }
                let name = edges::marker_name(m);
                let id = match &color {
                    None => format!("{p}-{name}"),
                    Some(_) => {
                        let n = defs
                            .iter()
                            .filter(|(k, c, _)| *k == m && c.is_some())
                            .count();
                        format!("{p}-{name}-{}", n + 1)
                    }
                };
                defs.push((m, color.clone(), id));
            }
        }
        Markers { defs }
    }

    /// Their `<defs>`, if any marker is used.
    pub(crate) fn write_defs(&self, doc: &mut Doc) {
        if self.defs.is_empty() {
            return;
        }
        doc.open("<defs>");
        for (m, color, id) in &self.defs {
            doc.line(&edges::marker_def(id, *m, color.as_deref()));
        }
        doc.close("defs");
    }

    pub(crate) fn id(&self, m: Marker, color: &Option<String>) -> Option<&str> {
        self.defs
            .iter()
            .find(|(k, c, _)| *k == m && c == color)
            .map(|(_, _, id)| id.as_str())
    }
}

/// An edge's own stroke colour (escaped), which its markers copy.
pub(crate) fn edge_color(e: &crate::model::Edge) -> Option<String> {
    e.style
        .get("stroke")
        .map(str::trim)
        .filter(|v| !v.is_empty() && !v.contains(['{', '}', ';']))
        .map(esc)
}

pub(crate) fn endpoint_id(chart: &Flowchart, e: Endpoint) -> String {
    match e {
        Endpoint::Node(n) => chart.nodes.get(n.index()).map(|n| n.id.clone()),
        Endpoint::Cluster(c) => chart.clusters.get(c.index()).map(|c| c.id.clone()),
    }
    .unwrap_or_default()
}

/// Writes edge `e` as `drawn` (its route, for the label box, and its drawn curve), its label
/// (if any) set in `text`.
fn edge(
    doc: &mut Doc,
    chart: &Flowchart,
    e: &crate::model::Edge,
    (route, drawn): (&crate::layout::EdgeRoute, &DrawnEdge),
    text: Option<&TextBox>,
    markers: &Markers,
) {
    let edge_id =
        e.id.as_ref()
            .map(|id| format!(" data-edge-id=\"{}\"", esc_id(id)))
            .unwrap_or_default();
    doc.open(&format!(
        "<g class=\"{}\" data-from=\"{}\" data-to=\"{}\"{edge_id}>",
        classes("edge", &e.classes),
        esc_id(&endpoint_id(chart, e.from)),
        esc_id(&endpoint_id(chart, e.to))
    ));
    let invisible = e.stroke == Stroke::Invisible;
    let (start, end) = if invisible {
        (Marker::None, Marker::None)
    } else {
        (e.start, e.end)
    };
    let path = &drawn.path;
    if !path.segs.is_empty() {
        let mut class = String::from("line");
        match e.stroke {
            Stroke::Normal => {}
            Stroke::Thick => class.push_str(" thick"),
            Stroke::Dotted => class.push_str(" dotted"),
            Stroke::Invisible => class.push_str(" invisible"),
        }
        if let Some(a) = &e.animation {
            class.push_str(" netfig-animate");
            if a.eq_ignore_ascii_case("slow") {
                class.push_str(" netfig-animate-slow");
            }
        }
        let mut extra = String::new();
        let color = edge_color(e);
        for (attr, m) in [("marker-start", start), ("marker-end", end)] {
            if let Some(id) = markers.id(m, &color) {
                extra.push_str(&edges::marker_ref(attr, id));
            }
        }
        let st = if invisible {
            "stroke:none".to_string()
        } else {
            label::inline(&e.style, Part::Line)
        };
        extra.push_str(&style_attr(&st));
        let mut line = String::with_capacity(32 + class.len() + extra.len() + path.segs.len() * 24);
        line.push_str("<path class=\"");
        line.push_str(&class);
        line.push_str("\" d=\"");
        path.write_d(&mut line);
        line.push('"');
        line.push_str(&extra);
        line.push_str("/>");
        doc.line(&line);
    }
    if let (Some(r), Some(at), false) = (route.label, text, invisible || e.label.is_empty()) {
        doc.open("<g class=\"edge-label\">");
        doc.line(&rect_el("bg", r, ""));
        doc.line(&label::text(at, "label", &label::text_inline(&e.style, at)));
        doc.close("g");
    }
    doc.close("g");
}

/// `href` if the URL is safe to link: http(s), mailto, a fragment or a relative URL.
pub(crate) fn safe_href(url: &str) -> Option<String> {
    let u = url.trim();
    if u.is_empty() || u.chars().any(|c| c.is_control()) {
        return None;
    }
    let scheme_end = u.find([':', '/', '?', '#']);
    if let Some(i) = scheme_end {
        if u[i..].starts_with(':') {
            let scheme = u[..i].to_ascii_lowercase();
            if !matches!(scheme.as_str(), "http" | "https" | "mailto") {
                return None;
            }
        }
    }
    Some(esc(u))
}

pub(crate) fn link_open(link: &Link) -> Option<String> {
    let href = safe_href(&link.href)?;
    let target = link
        .target
        .as_deref()
        .map(class_name)
        .filter(|t| !t.is_empty())
        .map(|t| format!(" target=\"{t}\""))
        .unwrap_or_default();
    Some(format!("<a href=\"{href}\"{target}>"))
}

/// Writes node `n` in `r`, its label set in `text` (`None`: the shape shows no label).
fn node(doc: &mut Doc, n: &crate::model::Node, r: Rect, text: Option<&TextBox>) {
    doc.open(&format!(
        "<g class=\"{}\" data-id=\"{}\">",
        classes("node", &n.classes),
        esc_id(&n.id)
    ));
    let shows = text.is_some();
    let tooltip = n
        .link
        .as_ref()
        .and_then(|l| l.tooltip.clone())
        .filter(|t| !t.trim().is_empty())
        .or_else(|| (!shows && !n.label.is_empty()).then(|| one_line(&n.label)));
    if let Some(t) = tooltip {
        doc.line(&format!("<title>{}</title>", esc(&t)));
    }
    let link = n.link.as_ref().and_then(link_open);
    if let Some(a) = &link {
        doc.open(a);
    }
    for (prim, role) in shapes::pieces(n.shape, r) {
        let part = match role {
            Role::Body => Some(Part::Body),
            Role::FillOnly => Some(Part::FillOnly),
            Role::Line => Some(Part::Line),
            Role::Solid => Some(Part::Solid),
            Role::Hidden => None,
        };
        let st = part.map(|p| label::inline(&n.style, p)).unwrap_or_default();
        doc.line(&shapes::element(
            &prim,
            shapes::class(role),
            &style_attr(&st),
        ));
    }
    if let Some(at) = text {
        doc.line(&label::text(at, "label", &label::text_inline(&n.style, at)));
    }
    if link.is_some() {
        doc.close("a");
    }
    doc.close("g");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_links_survive() {
        assert!(safe_href("https://example.com/a?b=1&c").is_some());
        assert_eq!(
            safe_href("https://e.com/?a=1&b=\"x\"").unwrap(),
            "https://e.com/?a=1&amp;b=&quot;x&quot;"
        );
        assert!(safe_href("mailto:a@b.c").is_some());
        assert!(safe_href("#section").is_some());
        assert!(safe_href("../chapter.html#x").is_some());
        assert!(safe_href("javascript:alert(1)").is_none());
        assert!(safe_href(" JavaScript:alert(1)").is_none());
        assert!(safe_href("data:text/html,x").is_none());
        assert!(safe_href("java\nscript:x").is_none());
    }

    /// Render writes the routes layout drew, ends included (they were moved onto the shapes
    /// in layout, not here).
    #[test]
    fn routes_are_written_as_drawn() {
        let (chart, _) = crate::mermaid::flowchart("flowchart LR\nA---B[/slanted/]\n");
        let graph = crate::layout::flowchart::graph(&chart);
        let d = crate::layout::drawing::draw(&chart, &graph, &[]);
        let svg = flowchart(&chart, &d, &SvgOptions::default());
        let pts = &d.layout.edges[0].points;
        let (a, b) = (pts[0], pts[pts.len() - 1]);
        assert!(
            svg.contains(&format!("d=\"M{},{}", num(a.x), num(a.y))),
            "{svg}"
        );
        assert!(
            svg.contains(&format!("{},{}\"", num(b.x), num(b.y))),
            "{svg}"
        );
    }

    #[test]
    fn prefixes_are_valid_ids() {
        assert_eq!(id_prefix("nf-1234abcd"), "nf-1234abcd");
        assert_eq!(id_prefix("1abc"), "nf-1abc");
        assert_eq!(id_prefix(""), "netfig");
        assert_eq!(id_prefix("a b\"c"), "abc");
    }
}
