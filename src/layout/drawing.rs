//! A flowchart's whole drawing: the [`Layout`] with its route ends snapped to the drawn shapes
//! (`snap`), every label's box and baselines, the title band and the legend band.
//! Render writes a [`Drawing`] as it is and measures nothing.

use super::curve::{DrawnEdge, EdgeSpec};
use super::flowchart::{
    cluster_text, edge_text, font_size, label_center, shows_label, styled_text, wrapping_width,
};
use super::legend::{self, LegendBand};
use super::snap::Outlines;
use super::untangle;
use super::{End, Layout, LayoutGraph};
use crate::geometry::Point;
use crate::model::{Endpoint, Flowchart, Label, LegendEntry, Marker, Stroke};
use crate::text::{self, first_baseline, LINE_HEIGHT};

/// A label's lines as drawn (wrapped where layout wrapped them) and where they go: a block of
/// lines centred on `center`, each line's baseline at `top + i · line_height + ascent`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TextBox {
    /// The lines to write, in order.
    pub label: Label,
    /// Centre of the text block.
    pub center: Point,
    /// Font size (px) the label is set in.
    pub font_size: f64,
    /// Top of the first line box.
    pub top: f64,
    /// Distance between baselines.
    pub line_height: f64,
    /// First baseline below `top`.
    pub ascent: f64,
    /// Width of the widest line (what a `<hr>` rule spans).
    pub width: f64,
}

impl TextBox {
    /// The box of `label` (its lines as they are drawn) set in `font_size`, centred on
    /// `center`.
    pub fn new(label: Label, center: Point, font_size: f64) -> TextBox {
        let line_height = font_size * LINE_HEIGHT;
        TextBox {
            center,
            font_size,
            top: center.y - label.lines.len() as f64 * line_height / 2.0,
            line_height,
            ascent: first_baseline(font_size),
            width: text::label_size(&label, font_size).width,
            label,
        }
    }
    /// The same box with baselines `factor` × the font size apart (the half-leading shrinks
    /// with them, so each line's glyphs stay centred in its line box).
    pub fn with_leading(mut self, factor: f64) -> TextBox {
        let lh = self.font_size * factor;
        self.ascent -= (self.line_height - lh) / 2.0;
        self.line_height = lh;
        self.top = self.center.y - self.label.lines.len() as f64 * lh / 2.0;
        self
    }
}

/// Everything render draws, in final coordinates: the chart's geometry sits below the title
/// band (`band` px down), the legend band below the chart.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Drawing {
    /// Width of the whole drawing (at least 1).
    pub width: f64,
    /// Height of the whole drawing (at least 1).
    pub height: f64,
    /// The label font size (`fontSize` theme variable or the default).
    pub font_size: f64,
    /// The diagram title's text, centred in the title band.
    pub title: Option<TextBox>,
    /// Height of the title band (0 without a title).
    pub band: f64,
    /// The chart's geometry, route ends on the drawn outlines.
    pub layout: Layout,
    /// Per node (as many as both the chart and the layout have): its label's lines, `None`
    /// for shapes that show no label.
    pub node_labels: Vec<Option<TextBox>>,
    /// Per cluster (as many as both have): its title's text.
    pub cluster_labels: Vec<TextBox>,
    /// Per edge route: its label's text, where the route has a label box.
    pub edge_labels: Vec<Option<TextBox>>,
    /// Per edge (as many as both the chart and the layout have): its drawn curve and markers.
    pub edges: Vec<DrawnEdge>,
    /// The legend band (empty without entries).
    pub legend: LegendBand,
}

/// The drawing of `chart` whose layout input is `graph` (built by [`super::flowchart::graph`],
/// perhaps reweighted), with a band for `legend`: every phase of [`super::layout`], then
/// [`Drawing::new`]. This is what
/// users get; conformance and quality measure it.
pub fn draw(chart: &Flowchart, graph: &LayoutGraph, legend: &[LegendEntry]) -> Drawing {
    Drawing::new(chart, super::layout(graph), legend)
}

impl Drawing {
    /// Finishes `layout`, the layout of `chart`: snaps route ends to the drawn shapes, places
    /// every label, the title band and a legend band holding `legend`'s entries.
    /// Tolerates a layout that does not match the chart (fewer or more boxes, non-finite
    /// numbers): what has no counterpart is left out.
    pub fn new(chart: &Flowchart, mut layout: Layout, legend: &[LegendEntry]) -> Drawing {
        let fs = font_size(chart);
        snap_ends(chart, &mut layout);
        let title = chart.title.as_ref().filter(|t| !t.is_empty());
        let title_size = title.map(|t| text::label_size(t, fs));
        let band = title_size.map_or(0.0, |s| s.height + 8.0);
        let width = layout
            .width
            .max(title_size.map_or(0.0, |s| s.width + 16.0))
            .max(1.0);
        let legend = legend::place(legend, fs, width, layout.height + band);
        let width = width.max(legend.width);
        let height = (layout.height + band + legend.height).max(1.0);
        let title = title.zip(title_size).map(|(t, s)| {
            TextBox::new(
                t.clone(),
                Point::new(width / 2.0, (s.height + 8.0) / 2.0),
                fs,
            )
        });
        let node_labels = chart
            .nodes
            .iter()
            .zip(&layout.nodes)
            .map(|(n, r)| {
                shows_label(n.shape).then(|| {
                    let t = styled_text(&n.label, &n.style, wrapping_width(chart), fs);
                    let c = label_center(n.shape, *r, t.size);
                    TextBox::new(t.label, c, t.font_size)
                })
            })
            .collect();
        let cluster_labels = chart
            .clusters
            .iter()
            .zip(&layout.clusters)
            .map(|(c, b)| {
                let title = cluster_text(chart, c, fs);
                let center = if b.title.width > 0.0 && b.title.height > 0.0 {
                    b.title.center()
                } else {
                    Point::new(b.rect.center().x, b.rect.y + 4.0 + title.size.height / 2.0)
                };
                TextBox::new(title.label, center, title.font_size)
            })
            .collect();
        let edge_labels = layout
            .edges
            .iter()
            .enumerate()
            .map(|(i, route)| {
                let edge = chart.edges.get(i)?;
                let center = route.label?.center();
                let t = edge_text(edge, fs);
                Some(TextBox::new(t.label, center, t.font_size))
            })
            .collect();
        let edges = untangle::untangle(&mut layout, &edge_specs(chart));
        Drawing {
            width,
            height,
            font_size: fs,
            title,
            band,
            layout,
            node_labels,
            cluster_labels,
            edge_labels,
            edges,
            legend,
        }
    }
}

/// How each of `chart`'s edges is drawn: its curve, its markers (none on an invisible edge).
fn edge_specs(chart: &Flowchart) -> Vec<EdgeSpec> {
    let end = |e: Endpoint| match e {
        Endpoint::Node(n) => End::node(n.index()),
        Endpoint::Cluster(c) => End::cluster(c.index()),
    };
    chart
        .edges
        .iter()
        .map(|e| {
            let (start, stop) = if e.stroke == Stroke::Invisible {
                (Marker::None, Marker::None)
            } else {
                (e.start, e.end)
            };
            let curve = e.curve.unwrap_or(chart.curve);
            EdgeSpec::new(end(e.from), end(e.to), curve, start, stop)
        })
        .collect()
}

/// Moves each route end that meets a node onto the outline its shape draws.
fn snap_ends(chart: &Flowchart, layout: &mut Layout) {
    let mut outlines = Outlines::default();
    for (e, route) in chart.edges.iter().zip(layout.edges.iter_mut()) {
        for (end, at_start) in [(e.to, false), (e.from, true)] {
            if let Endpoint::Node(id) = end {
                let i = id.index();
                if let (Some(n), Some(r)) = (chart.nodes.get(i), layout.nodes.get(i)) {
                    outlines.snap(i, &mut route.points, n.shape, *r, at_start);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Rect;
    use crate::layout::flowchart::graph;

    fn chart(src: &str) -> Flowchart {
        let (chart, diagnostics) = crate::mermaid::flowchart(src);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        chart
    }

    /// The drawing's routes end on the outline render draws (a parallelogram's slanted side,
    /// inside its box), where the layered layout left them on the box (issue 10: render moved
    /// them).
    #[test]
    fn routes_end_on_the_drawn_shape() {
        let c = chart("flowchart LR\nA-->B[/slanted/]\n");
        let g = graph(&c);
        let boxed = super::super::layout(&g);
        let drawn = draw(&c, &g, &[]);
        let (b, at) = (
            *boxed.edges[0].points.last().unwrap(),
            *drawn.layout.edges[0].points.last().unwrap(),
        );
        let node = drawn.layout.nodes[1];
        assert!(
            (b.x - node.x).abs() < 1e-6,
            "layered: on the box, {b:?} {node:?}"
        );
        assert!(
            at.x > node.x + 1.0,
            "drawn: on the slanted side, {at:?} {node:?}"
        );
        assert!((at.y - b.y).abs() < 1e-9, "moved along its own direction");
        assert_eq!(drawn.layout.nodes, boxed.nodes);
    }

    /// Every label gets its text box: nodes that show one, cluster titles, edge labels, the
    /// diagram title; the bands widen and lengthen the drawing.
    #[test]
    fn labels_and_bands_are_placed() {
        let c = chart(
            "---\ntitle: A rather long title for so small a chart\n---\nflowchart TD\n\
             subgraph S [Group]\nA -- yes --> B((\"\"))\nend\nB --> C@{ shape: sm-circ }\n",
        );
        let legend = [LegendEntry {
            label: Label::plain("meaning"),
            style: Default::default(),
        }];
        let d = draw(&c, &graph(&c), &legend);
        assert!(d.band > 0.0);
        let title = d.title.expect("a title");
        assert!((title.center.x - d.width / 2.0).abs() < 1e-9);
        assert!(d.width >= title.width + 16.0);
        assert_eq!(d.node_labels.len(), 3);
        assert!(d.node_labels[0].is_some(), "A shows its label");
        assert!(d.node_labels[2].is_none(), "a small circle shows none");
        let a = d.node_labels[0].clone().unwrap();
        let r = d.layout.nodes[0];
        assert!(r.contains(&Rect::centered(a.center, Default::default()), 1e-9));
        assert_eq!(d.cluster_labels.len(), 1);
        assert_eq!(
            d.cluster_labels[0].center,
            d.layout.clusters[0].title.center()
        );
        let yes = d.edge_labels[0].clone().expect("the edge label");
        assert_eq!(yes.center, d.layout.edges[0].label.unwrap().center());
        assert!(d.edge_labels[1].is_none());
        assert_eq!(d.legend.items.len(), 1);
        assert_eq!(d.legend.top, d.layout.height + d.band);
        assert_eq!(d.height, d.layout.height + d.band + d.legend.height);
    }

    /// A layout that does not match its chart (render tests hand-make them) still gives a
    /// drawing: what has no counterpart is left out.
    #[test]
    fn a_mismatched_layout_is_tolerated() {
        let c = chart("flowchart TD\nA-->B\nsubgraph S\nC\nend\n");
        let d = Drawing::new(&c, Layout::default(), &[]);
        assert!(d.node_labels.is_empty() && d.cluster_labels.is_empty());
        assert!(d.edge_labels.is_empty());
        assert_eq!((d.width, d.height), (1.0, 1.0));
    }
}
