//! Builds a [`LayoutGraph`] from a flowchart: node boxes sized from their
//! measured labels and their shape, edge label boxes, cluster title boxes.
//!
//! The functions here are the sizing contract between layout and render: [`node_size`] picks a
//! box so the label fits inside the shape render draws in it, [`label_center`] says where in
//! the box render puts the label, and the few shape proportions both need (cylinder caps, wave
//! amplitude, slants) are the `pub(crate)` helpers below. Every box is a function of the safe
//! label size ([`crate::text::safe_label_size`]) and, for the fork bar, the direction.
//!
//! Labels are wrapped here, as mermaid wraps them: node labels and subgraph titles at
//! `flowchart.wrappingWidth` ([`WRAPPING_WIDTH`] by default), edge labels at
//! [`EDGE_WRAPPING_WIDTH`] whatever the setting (mermaid's `createText` default). Boxes are
//! sized from the wrapped lines ([`node_text`], [`edge_text`], [`cluster_text`]), and the
//! drawing places those same lines.

use super::{Direction, End, LayoutCluster, LayoutEdge, LayoutGraph, LayoutNode, Outline};
use crate::geometry::{Point, Rect, Size};
use crate::model::{Cluster, Edge, Endpoint, Flowchart, Label, Node, Shape, Style};
use crate::text;

/// Horizontal padding between a label and its box, each side.
pub const PAD_X: f64 = 15.0;
/// Vertical padding between a label and its box, each side.
pub const PAD_Y: f64 = 10.0;
/// Padding around an edge label inside its background box, each side (x; y is half).
pub const EDGE_LABEL_PAD: f64 = 4.0;

/// mermaid's `flowchart.wrappingWidth` default, px: node labels and subgraph titles wrap at it.
pub const WRAPPING_WIDTH: f64 = 200.0;
/// The width edge labels wrap at, px: mermaid's `createText` default, which its edge labels
/// use whatever `flowchart.wrappingWidth` says.
pub const EDGE_WRAPPING_WIDTH: f64 = 200.0;

/// The layout input for `chart`.
pub fn graph(chart: &Flowchart) -> LayoutGraph {
    let size = font_size(chart);
    let end = |e: Endpoint| match e {
        Endpoint::Node(n) => End::node(n.index()),
        Endpoint::Cluster(c) => End::cluster(c.index()),
    };
    LayoutGraph {
        direction: chart.direction,
        nodes: chart
            .nodes
            .iter()
            .map(|n| LayoutNode {
                size: node_size(n.shape, node_text(chart, n, size).1, chart.direction),
                outline: outline(n.shape),
                cluster: n.parent.map(|c| c.index()),
            })
            .collect(),
        edges: chart
            .edges
            .iter()
            .map(|e| LayoutEdge {
                from: end(e.from),
                to: end(e.to),
                label: edge_label_box(&edge_text(e, size)),
                min_len: e.min_len,
                weight: 1.0,
            })
            .collect(),
        clusters: chart
            .clusters
            .iter()
            .map(|c| LayoutCluster {
                parent: c.parent.map(|p| p.index()),
                title: cluster_title_size(&cluster_text(chart, c, size)),
                direction: c.direction,
            })
            .collect(),
        spacing: spacing(chart),
    }
}

/// mermaid's defaults, with the diagram's `nodeSpacing` / `rankSpacing` where it sets them.
fn spacing(chart: &Flowchart) -> super::Spacing {
    let d = super::Spacing::default();
    super::Spacing {
        node: chart.node_spacing.unwrap_or(d.node),
        rank: chart.rank_spacing.unwrap_or(d.rank),
        max_rank_width: chart.max_rank_width,
        ..d
    }
}

/// The label font size: the `fontSize` theme variable (`14`, `14px`) if given and sane
/// (6–72 px), else [`text::FONT_SIZE`]. Layout and render both measure with it.
pub fn font_size(chart: &Flowchart) -> f64 {
    chart
        .theme_variables
        .iter()
        .rev()
        .find(|(k, _)| k == "fontSize")
        .and_then(|(_, v)| v.trim().trim_end_matches("px").trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && (6.0..=72.0).contains(s))
        .unwrap_or(text::FONT_SIZE)
}

/// The font size an element's own style sets (`font-size: 20px`, `15pt`, `1.25em`, `1.25rem`,
/// `125%`; the relative ones from `font_size`), if it is one netfig can measure and sane
/// (6–200 px). Render writes only such sizes ([`style_font_size_px`]), so the text drawn is
/// the text measured.
pub fn style_font_size(style: &Style, font_size: f64) -> Option<f64> {
    let v = style.get("font-size")?.trim().to_ascii_lowercase();
    let (number, scale) = if let Some(n) = v.strip_suffix("px") {
        (n, 1.0)
    } else if let Some(n) = v.strip_suffix("pt") {
        (n, 4.0 / 3.0)
    } else if let Some(n) = v.strip_suffix("rem") {
        (n, text::FONT_SIZE)
    } else if let Some(n) = v.strip_suffix("em") {
        (n, font_size)
    } else if let Some(n) = v.strip_suffix('%') {
        (n, font_size / 100.0)
    } else {
        (v.as_str(), 1.0)
    };
    let n = number.trim().parse::<f64>().ok()? * scale;
    (n.is_finite() && (6.0..=200.0).contains(&n)).then_some(n)
}

/// [`style_font_size`] as the CSS value render writes (`20px`), rounded as render rounds.
pub fn style_font_size_px(style: &Style, font_size: f64) -> Option<String> {
    style_font_size(style, font_size).map(|n| format!("{}px", (n * 100.0).round() / 100.0))
}

/// Whether an element's own style sets its text bold (`font-weight: bold`, `bolder`, 600–900).
pub fn style_bold(style: &Style) -> bool {
    matches!(
        style.get("font-weight").map(str::trim),
        Some("bold" | "bolder" | "600" | "700" | "800" | "900")
    )
}

/// A label as drawn: its lines, wrapped, the room they need, and the font size they are set in.
#[derive(Debug, Clone, PartialEq)]
pub struct StyledText {
    /// The lines as drawn.
    pub label: Label,
    /// Their safe size ([`text::safe_label_size`]), measured in the text's size and weight.
    pub size: Size,
    /// The font size the lines are set in, px.
    pub font_size: f64,
}

/// `label` as drawn with `style` (its own `font-size` and `font-weight`, which render writes
/// on the text), wrapped at `width` px; `font_size` is the chart's.
pub fn styled_text(label: &Label, style: &Style, width: f64, font_size: f64) -> StyledText {
    let fs = style_font_size(style, font_size).unwrap_or(font_size);
    let bold = style_bold(style);
    let label = text::wrap(label, width, fs, bold);
    let size = if bold {
        let mut l = label.clone();
        for r in l.lines.iter_mut().flat_map(|l| l.runs.iter_mut()) {
            r.bold = true;
        }
        text::safe_label_size(&l, fs)
    } else {
        text::safe_label_size(&label, fs)
    };
    StyledText {
        label,
        size,
        font_size: fs,
    }
}

/// The width node labels and subgraph titles of `chart` wrap at, px.
pub fn wrapping_width(chart: &Flowchart) -> f64 {
    chart.wrapping_width.unwrap_or(WRAPPING_WIDTH)
}

/// A node's label as drawn — wrapped at the chart's wrapping width — and its safe size, both
/// measured as render draws the label: with the node's own `font-size` and
/// `font-weight: bold` (from `style`/`classDef`) if set.
pub fn node_text(chart: &Flowchart, node: &Node, font_size: f64) -> (Label, Size) {
    node_text_at(node, wrapping_width(chart), font_size)
}

/// A node's label wrapped at `width` px and its safe size, measured as [`node_text`] measures
/// it (the node's own `font-size` and `font-weight` apply).
pub fn node_text_at(node: &Node, width: f64, font_size: f64) -> (Label, Size) {
    let t = styled_text(&node.label, &node.style, width, font_size);
    (t.label, t.size)
}

/// An edge's label as drawn: wrapped at [`EDGE_WRAPPING_WIDTH`], in the edge's own font size
/// and weight (`linkStyle`, classes) if set.
pub fn edge_text(edge: &Edge, font_size: f64) -> StyledText {
    styled_text(&edge.label, &edge.style, EDGE_WRAPPING_WIDTH, font_size)
}

/// A subgraph's title as drawn: wrapped at the chart's wrapping width, in the subgraph's own
/// font size and weight (`style`, classes) if set.
pub fn cluster_text(chart: &Flowchart, cluster: &Cluster, font_size: f64) -> StyledText {
    styled_text(
        &cluster.title,
        &cluster.style,
        wrapping_width(chart),
        font_size,
    )
}

/// The background box of an edge label whose lines are `label` at `font_size` px, unstyled
/// (`None` for an empty label).
pub fn edge_label_size(label: &Label, font_size: f64) -> Option<Size> {
    if label.is_empty() {
        return None;
    }
    Some(edge_label_around(text::safe_label_size(label, font_size)))
}

/// The background box of an edge label as [`edge_text`] draws it (`None` for an empty label).
pub fn edge_label_box(text: &StyledText) -> Option<Size> {
    (!text.label.is_empty()).then(|| edge_label_around(text.size))
}

/// An edge label's background around text of safe size `s`.
fn edge_label_around(s: Size) -> Size {
    Size::new(s.width + 2.0 * EDGE_LABEL_PAD, s.height + EDGE_LABEL_PAD)
}

/// The title box of a cluster, as [`cluster_text`] draws it (zero for an empty title).
pub fn cluster_title_size(title: &StyledText) -> Size {
    if title.label.is_empty() {
        return Size::default();
    }
    Size::new(title.size.width + 16.0, title.size.height + 4.0)
}

/// Whether the shape draws its label inside. Tiny marker shapes (start/stop circles, junction,
/// summary, fork bar, hourglass, bolt) show none, as in mermaid; render keeps their label in a
/// `<title>` tooltip instead.
pub fn shows_label(shape: Shape) -> bool {
    !matches!(
        shape,
        Shape::SmallCircle
            | Shape::FramedCircle
            | Shape::FilledCircle
            | Shape::CrossedCircle
            | Shape::Fork
            | Shape::Hourglass
            | Shape::Bolt
    )
}

/// The outline edges are clipped to.
pub fn outline(shape: Shape) -> Outline {
    match shape {
        Shape::Circle
        | Shape::Ellipse
        | Shape::DoubleCircle
        | Shape::SmallCircle
        | Shape::FramedCircle
        | Shape::FilledCircle
        | Shape::CrossedCircle => Outline::Ellipse,
        Shape::Diamond => Outline::Diamond,
        _ => Outline::Box,
    }
}

/// Half-height of a vertical cylinder's elliptic cap for a box `width` wide (mermaid's
/// `ry = rx / (2.5 + w / 50)`).
pub(crate) fn cylinder_cap(width: f64) -> f64 {
    let rx = width / 2.0;
    rx / (2.5 + width / 50.0)
}

/// Half-width of a horizontal cylinder's (or bow-tie's) cap for a box `height` high.
pub(crate) fn side_cap(height: f64) -> f64 {
    cylinder_cap(height)
}

/// Wave amplitude parameter of a document's bottom edge for a box `height` high: the wave's
/// mid-line is `a` above the bottom and it swings about ±0.58·`a`.
pub(crate) fn document_wave(height: f64) -> f64 {
    height / 10.0
}

/// Wave amplitude parameter of the flag (paper tape) edges.
pub(crate) fn flag_wave(height: f64) -> f64 {
    height / 12.0
}

/// Slant of parallelograms and trapezoids for a box `height` high.
pub(crate) fn slant(height: f64) -> f64 {
    height / 3.0
}

/// Extra width a lined rect / lined document reserves for its inner line.
pub(crate) const LINE_INSET: f64 = 8.0;
/// Offset of stacked copies (documents, processes).
pub(crate) const STACK_OFFSET: f64 = 5.0;
/// Width of a brace.
pub(crate) const BRACE: f64 = 12.0;
/// Height of a divided rect's top band as a fraction of the label area.
const DIVIDED_BAND: f64 = 0.2;

/// Horizontal margin a label needs from a slanted side that leans in by `s` at the top (or
/// bottom) of a box of height `h`: the indent at the label's edge plus a small gap, at least
/// [`PAD_X`].
fn slanted_margin(s: f64, h: f64) -> f64 {
    (s * (1.0 - PAD_Y / h) + 6.0).max(PAD_X)
}

/// The box for a node of `shape` whose (safe) label measures `label`. `direction` turns the
/// fork bar across the flow.
pub fn node_size(shape: Shape, label: Size, direction: Direction) -> Size {
    let (w, h) = (label.width, label.height);
    let cw = w + 2.0 * PAD_X;
    let ch = h + 2.0 * PAD_Y;
    let s = Size::new;
    match shape {
        Shape::Rect
        | Shape::Rounded
        | Shape::Text
        | Shape::NotchedRect
        | Shape::TaggedRect
        | Shape::NotchedPentagon
        | Shape::Datastore => s(cw, ch),
        Shape::Stadium => s(cw + ch / 2.0, ch),
        Shape::Subroutine => s(cw + 16.0, ch),
        Shape::Cylinder => s(cw, ch + 3.0 * cylinder_cap(cw)),
        Shape::LinedCylinder => s(cw, ch + 3.0 * cylinder_cap(cw) + LINE_INSET),
        Shape::Circle => {
            let d = w.hypot(h) + 16.0;
            s(d, d)
        }
        // The ellipse through the corners of the text box grown by the padding, with the text
        // box's proportions: both axes √2 times the padded box.
        Shape::Ellipse => s(cw * std::f64::consts::SQRT_2, ch * std::f64::consts::SQRT_2),
        Shape::DoubleCircle => {
            let d = w.hypot(h) + 26.0;
            s(d, d)
        }
        Shape::Asymmetric => s(cw + ch / 2.0, ch),
        Shape::Diamond => {
            let d = w + h + 2.0 * PAD_X;
            s(d, d)
        }
        Shape::Hexagon => s(cw + ch / 2.0, ch),
        Shape::LeanRight | Shape::LeanLeft | Shape::Trapezoid | Shape::TrapezoidTop => {
            s(w + 2.0 * slanted_margin(slant(ch), ch), ch)
        }
        Shape::LinedRect => s(cw + LINE_INSET, ch),
        Shape::SmallCircle | Shape::FramedCircle | Shape::FilledCircle => s(14.0, 14.0),
        Shape::CrossedCircle => s(30.0, 30.0),
        Shape::Fork => {
            if direction.is_horizontal() {
                s(10.0, 70.0)
            } else {
                s(70.0, 10.0)
            }
        }
        Shape::Hourglass => s(30.0, 30.0),
        Shape::Bolt => s(24.0, 36.0),
        Shape::BraceLeft | Shape::BraceRight => s(cw + BRACE, ch),
        Shape::Braces => s(cw + 2.0 * BRACE, ch),
        Shape::Document | Shape::TaggedDocument => s(cw, ch * 1.25),
        Shape::LinedDocument => s(cw + LINE_INSET, ch * 1.25),
        Shape::Documents => s(cw + 2.0 * STACK_OFFSET, ch * 1.25 + 2.0 * STACK_OFFSET),
        Shape::Processes => s(cw + 2.0 * STACK_OFFSET, ch + 2.0 * STACK_OFFSET),
        Shape::Delay => s(cw + ch / 2.0, ch),
        Shape::HorizontalCylinder => s(cw + 3.0 * side_cap(ch), ch),
        Shape::BowTieRect => s(cw + 3.0 * side_cap(ch), ch),
        Shape::CurvedTrapezoid => s(cw + ch / 4.0 + ch / 2.0, ch),
        Shape::DividedRect => s(cw, ch * (1.0 + DIVIDED_BAND)),
        Shape::Triangle | Shape::FlippedTriangle => {
            let d = w + h + PAD_Y + 16.0;
            s(d, d)
        }
        Shape::WindowPane => s(cw + 10.0, ch + 10.0),
        Shape::SlopedRect => s(cw, ch * 4.0 / 3.0),
        Shape::Flag => s(cw, ch * 1.5),
    }
}

/// Where render centres the label of a node of `shape` placed at `rect` (`label` is the safe
/// label size, as given to [`node_size`]).
pub fn label_center(shape: Shape, rect: Rect, label: Size) -> Point {
    let c = rect.center();
    let (x0, y0) = (rect.x, rect.y);
    let (w, h) = (rect.width, rect.height);
    let at = |x: f64, y: f64| Point::new(x, y);
    match shape {
        Shape::Cylinder => {
            let ry = cylinder_cap(w);
            at(c.x, y0 + 2.0 * ry + (h - 3.0 * ry) / 2.0)
        }
        Shape::LinedCylinder => {
            let ry = cylinder_cap(w);
            at(
                c.x,
                y0 + 2.0 * ry + LINE_INSET + (h - 3.0 * ry - LINE_INSET) / 2.0,
            )
        }
        Shape::Asymmetric => at(x0 + h / 2.0 + (w - h / 2.0) / 2.0, c.y),
        Shape::LinedRect | Shape::LinedDocument => at(c.x + LINE_INSET / 2.0, doc_y(shape, rect)),
        Shape::BraceLeft => at(c.x + BRACE / 2.0, c.y),
        Shape::BraceRight => at(c.x - BRACE / 2.0, c.y),
        Shape::Document | Shape::TaggedDocument => at(c.x, doc_y(shape, rect)),
        Shape::Documents => {
            let front = stacked_front(rect);
            at(front.center().x, front.y + front.height * 0.4)
        }
        Shape::Processes => stacked_front(rect).center(),
        Shape::Delay => at(x0 + (w - h / 2.0) / 2.0, c.y),
        Shape::HorizontalCylinder => {
            let rx = side_cap(h);
            at(x0 + rx + (w - 3.0 * rx) / 2.0, c.y)
        }
        Shape::BowTieRect => {
            let rx = side_cap(h);
            at(x0 + 2.0 * rx + (w - 3.0 * rx) / 2.0, c.y)
        }
        Shape::CurvedTrapezoid => at(x0 + h / 4.0 + (w - h / 4.0 - h / 2.0) / 2.0, c.y),
        Shape::DividedRect => {
            let band = h - h / (1.0 + DIVIDED_BAND);
            at(c.x, y0 + band + (h - band) / 2.0)
        }
        Shape::Triangle => at(c.x, y0 + h - PAD_Y - label.height / 2.0),
        Shape::FlippedTriangle => at(c.x, y0 + PAD_Y + label.height / 2.0),
        Shape::WindowPane => at(c.x + 5.0, c.y + 5.0),
        Shape::SlopedRect => {
            let s = h / 4.0;
            at(c.x, y0 + s + (h - s) / 2.0)
        }
        _ => c,
    }
}

/// Label centre height of document shapes: the middle of the part above the wave.
fn doc_y(shape: Shape, rect: Rect) -> f64 {
    match shape {
        Shape::LinedDocument | Shape::Document | Shape::TaggedDocument => {
            rect.y + (rect.height - 2.0 * document_wave(rect.height)) / 2.0
        }
        _ => rect.center().y,
    }
}

/// The front copy of a stacked shape (documents, processes): bottom-left, offset copies
/// behind it up and to the right.
pub(crate) fn stacked_front(rect: Rect) -> Rect {
    Rect::new(
        rect.x,
        rect.y + 2.0 * STACK_OFFSET,
        rect.width - 2.0 * STACK_OFFSET,
        rect.height - 2.0 * STACK_OFFSET,
    )
}
