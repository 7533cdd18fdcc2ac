//! The stack view of a layer diagram: each layer model a vertical stack of bands (top layer
//! on top), the models side by side in the order of their subgraphs, each under its title.
//!
//! A mapping edge becomes alignment where it can: a layer spans exactly the layers of the
//! neighbouring model mapped to it (the shared row grid of [`align`]), and its label, if any,
//! sits in the gap between the two stacks beside the finer band, with dashed guides across the
//! gap at the edges of each aligned run. A mapping that cannot be drawn as a span (its targets
//! not contiguous, crossing mappings, many to many) is a connector: an orthogonal line from
//! band edge to band edge through a lane of its own in the gap, its label on it (between
//! models that are not neighbours it crosses the stacks between them). Rows are one height,
//! the tallest any layer needs per row it spans.
//!
//! Labels are wrapped at the band width (as wide as the widest label wrapped at the chart's
//! wrapping width needs, or the model's title wrapped at one and a half times that) with
//! [`crate::text::wrap`], measured as flowchart nodes are (their own `font-size` and
//! `font-weight` apply); nothing here knows SVG. What the view leaves out: nodes outside the
//! models and edges that are not mappings.

mod align;
#[cfg(test)]
mod tests;

use super::curve::marker_reach;
use super::drawing::TextBox;
use super::flowchart::{
    edge_label_size, font_size, node_text_at, style_font_size, wrapping_width, PAD_X, PAD_Y,
};
use crate::geometry::{Point, Rect};
use crate::model::layers::LayerDiagram;
use crate::model::{ClusterId, EdgeId, Endpoint, Flowchart, Label, NodeId};
use crate::text::{self, LINE_HEIGHT};
use align::Link;
use std::collections::{BTreeMap, BTreeSet};

/// Room around the whole drawing, px.
const MARGIN: f64 = 8.0;
/// Between a model's frame and its bands and title, px.
const FRAME_PAD: f64 = 8.0;
/// Between a model's title and its top band, px.
const TITLE_GAP: f64 = 6.0;
/// The narrowest band, px.
const MIN_BAND: f64 = 96.0;
/// The narrowest gap between two frames, px (room for the guides).
const MIN_GAP: f64 = 32.0;
/// Between two connector lanes in a gap, px.
const LANE: f64 = 14.0;
/// Model titles wrap at this many times the chart's wrapping width: a title on one line
/// reads better than a band a little narrower.
const TITLE_WRAP: f64 = 1.5;
/// The width mapping labels wrap at, px.
const MAPPING_WRAP: f64 = 120.0;
/// Room between a mapping label and the frames beside it, and between two labels, px.
const LABEL_ROOM: f64 = 6.0;

/// Where everything of a stack view goes, in final coordinates.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct StackLayout {
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// The label font size, px (the chart's `fontSize` or the default).
    pub font_size: f64,
    /// The diagram's title, centred above the models.
    pub title: Option<TextBox>,
    /// One per model, left to right (the diagram's order).
    pub models: Vec<ModelPlace>,
    /// One per drawn mapping (both ends layers of two different models), in the diagram's
    /// order.
    pub mappings: Vec<MappingPlace>,
    /// Dashed lines across the gap between two stacks at the edges of an aligned run: from,
    /// to.
    pub guides: Vec<(Point, Point)>,
}

/// A model: its frame, title and bands.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ModelPlace {
    /// The subgraph.
    pub cluster: ClusterId,
    /// The frame around the title and the bands.
    pub frame: Rect,
    /// The title, wrapped to the band width (`None` when empty).
    pub title: Option<TextBox>,
    /// The layers, top first.
    pub layers: Vec<LayerPlace>,
}

/// A layer: its band and label.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LayerPlace {
    /// The node.
    pub node: NodeId,
    /// The band.
    pub band: Rect,
    /// The label, wrapped to the band (`None` when empty).
    pub label: Option<TextBox>,
}

/// A mapping edge as drawn.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MappingPlace {
    /// The edge.
    pub edge: EdgeId,
    /// A connector's points from the edge's tail to its head, its ends moved back along the
    /// line by what its markers reach (their tips touch the bands); empty when the mapping is
    /// a span (alignment draws it).
    pub connector: Vec<Point>,
    /// The label's background box and text, if the edge has a label.
    pub label: Option<(Rect, TextBox)>,
}

impl MappingPlace {
    /// Whether the mapping is drawn as alignment (a span) rather than a connector.
    pub fn is_span(&self) -> bool {
        self.connector.is_empty()
    }
}

/// One model as measured: band width, wrapped labels and their heights, title.
struct Measured {
    cluster: ClusterId,
    band_width: f64,
    layers: Vec<(NodeId, Label, f64, f64)>,
    title: Label,
    title_height: f64,
}

/// The layers' labels and the title of one model, wrapped to its band.
fn measure(chart: &Flowchart, cluster: ClusterId, layers: &[NodeId], fs: f64) -> Measured {
    let wrap_at = wrapping_width(chart);
    let empty = Label::default();
    let title = chart
        .clusters
        .get(cluster.index())
        .map_or(&empty, |c| &c.title);
    let title_width = if title.is_empty() {
        0.0
    } else {
        let wrapped = text::wrap(title, wrap_at * TITLE_WRAP, fs, false);
        text::safe_label_size(&wrapped, fs).width + 2.0 * FRAME_PAD
    };
    let band_width = layers
        .iter()
        .filter_map(|n| chart.nodes.get(n.index()))
        .map(|node| node_text_at(node, wrap_at, fs).1.width + 2.0 * PAD_X)
        .fold(MIN_BAND.max(title_width), f64::max);
    // Wrapped so that the safe size (4 % + 2 px wider) still fits inside the padding.
    let inner = (band_width - 2.0 * PAD_X - 2.0) / 1.04;
    let layers = layers
        .iter()
        .map(|&n| {
            let Some(node) = chart.nodes.get(n.index()) else {
                return (n, Label::default(), fs, fs * LINE_HEIGHT + 2.0 * PAD_Y);
            };
            let nfs = style_font_size(&node.style, fs).unwrap_or(fs);
            let (label, size) = node_text_at(node, inner, fs);
            let need = size.height.max(nfs * LINE_HEIGHT) + 2.0 * PAD_Y;
            (n, label, nfs, need)
        })
        .collect();
    let title = text::wrap(
        title,
        (band_width - 2.0 * FRAME_PAD - 2.0) / 1.04,
        fs,
        false,
    );
    let title_height = title.lines.len() as f64 * fs * LINE_HEIGHT;
    Measured {
        cluster,
        band_width,
        layers,
        title,
        title_height,
    }
}

/// A mapping between two models: the edge, its link (left model first) and whether the edge
/// runs from the right model to the left one.
struct Mapping {
    edge: EdgeId,
    link: Link,
    reversed: bool,
}

/// The mappings of `diagram` whose ends are layers of two different models.
fn mappings(chart: &Flowchart, diagram: &LayerDiagram) -> Vec<Mapping> {
    // Where each layer is, found once (a node listed twice keeps its first place).
    let mut places: BTreeMap<NodeId, (usize, usize)> = BTreeMap::new();
    for (m, model) in diagram.models.iter().enumerate() {
        for (l, &n) in model.layers.iter().enumerate() {
            places.entry(n).or_insert((m, l));
        }
    }
    let at = |e: Endpoint| match e {
        Endpoint::Node(n) => places.get(&n).copied(),
        Endpoint::Cluster(_) => None,
    };
    diagram
        .mappings
        .iter()
        .filter_map(|&edge| {
            let e = chart.edges.get(edge.index())?;
            let (from, to) = (at(e.from)?, at(e.to)?);
            (from.0 != to.0).then(|| {
                let reversed = from.0 > to.0;
                let (a, b) = if reversed { (to, from) } else { (from, to) };
                Mapping {
                    edge,
                    link: Link { a, b },
                    reversed,
                }
            })
        })
        .collect()
}

/// Lays out `diagram`, a view of `chart` (labels already reduced to one language choice).
pub fn layout(chart: &Flowchart, diagram: &LayerDiagram) -> StackLayout {
    let fs = font_size(chart);
    let lh = fs * LINE_HEIGHT;
    let measured: Vec<Measured> = diagram
        .models
        .iter()
        .map(|m| measure(chart, m.cluster, &m.layers, fs))
        .collect();
    let maps = mappings(chart, diagram);
    let links: Vec<Link> = maps.iter().map(|m| m.link).collect();
    let counts: Vec<usize> = measured.iter().map(|m| m.layers.len()).collect();
    let grid = align::grid(&counts, &links);

    // One row height: the most any layer needs per row it spans.
    let row = measured
        .iter()
        .zip(&grid.levels)
        .flat_map(|(m, levels)| {
            m.layers
                .iter()
                .zip(levels.windows(2))
                .map(|(l, w)| l.3 / (w[1] - w[0]).max(1.0))
        })
        .fold(lh + 2.0 * PAD_Y, f64::max);

    // Mapping labels, wrapped, and the gap each mapping is drawn in (after its left model).
    let labels: Vec<Option<Label>> = maps
        .iter()
        .map(|m| {
            let l = &chart.edges[m.edge.index()].label;
            (!l.is_empty()).then(|| text::wrap(l, MAPPING_WRAP, fs, false))
        })
        .collect();
    let gaps = measured.len().saturating_sub(1);
    let mut lanes: Vec<Vec<usize>> = vec![Vec::new(); gaps];
    let mut lane_of: BTreeMap<usize, usize> = BTreeMap::new();
    let mut gap_width = vec![MIN_GAP; gaps];
    for (i, m) in maps.iter().enumerate() {
        let g = m.link.a.0;
        if !grid.spans[i] {
            lane_of.insert(i, lanes[g].len());
            lanes[g].push(i);
        }
        if let Some(size) = labels[i].as_ref().and_then(|l| edge_label_size(l, fs)) {
            gap_width[g] = gap_width[g].max(size.width + 2.0 * LABEL_ROOM);
        }
    }
    for (w, l) in gap_width.iter_mut().zip(&lanes) {
        *w = w.max((l.len() + 1) as f64 * LANE);
    }

    // Horizontal: frames left to right.
    let title = chart.title.as_ref().filter(|t| !t.is_empty());
    let title_size = title.map(|t| text::label_size(t, fs));
    let mut x = MARGIN;
    let mut frame_x = Vec::with_capacity(measured.len());
    for (i, m) in measured.iter().enumerate() {
        frame_x.push(x);
        x += m.band_width + 2.0 * FRAME_PAD + gap_width.get(i).copied().unwrap_or(0.0);
    }
    let width = (x + MARGIN).max(title_size.map_or(0.0, |s| s.width + 2.0 * MARGIN));
    let content_left = (width - (x + MARGIN)) / 2.0;
    for fx in &mut frame_x {
        *fx += content_left;
    }

    // Vertical: title band, model titles, then the grid.
    let band = title_size.map_or(0.0, |s| s.height + 8.0);
    let frame_top = MARGIN + band;
    let titles_height = measured.iter().map(|m| m.title_height).fold(0.0, f64::max);
    let title_room = if titles_height > 0.0 {
        titles_height + TITLE_GAP
    } else {
        0.0
    };
    let stack_top = frame_top + FRAME_PAD + title_room;
    let band_x = |m: usize| frame_x[m] + FRAME_PAD;
    let y_of = |level: f64| stack_top + level * row;

    let mut models: Vec<ModelPlace> = Vec::with_capacity(measured.len());
    for (i, (m, levels)) in measured.iter().zip(&grid.levels).enumerate() {
        let layers: Vec<LayerPlace> = m
            .layers
            .iter()
            .zip(levels.windows(2))
            .map(|((node, label, nfs, _), w)| {
                let band = Rect::new(band_x(i), y_of(w[0]), m.band_width, (w[1] - w[0]) * row);
                LayerPlace {
                    node: *node,
                    band,
                    label: (!label.is_empty())
                        .then(|| TextBox::new(label.clone(), band.center(), *nfs)),
                }
            })
            .collect();
        let top = levels.first().map_or(stack_top, |&l| y_of(l));
        let bottom = levels.last().map_or(stack_top, |&l| y_of(l));
        let frame = Rect::new(
            frame_x[i],
            top - title_room - FRAME_PAD,
            m.band_width + 2.0 * FRAME_PAD,
            bottom - top + title_room + 2.0 * FRAME_PAD,
        );
        let title = (!m.title.is_empty()).then(|| {
            let cy = frame.y + FRAME_PAD + titles_height / 2.0;
            TextBox::new(m.title.clone(), Point::new(frame.center().x, cy), fs)
        });
        models.push(ModelPlace {
            cluster: m.cluster,
            frame,
            title,
            layers,
        });
    }

    let band_of = |(m, l): (usize, usize)| models[m].layers[l].band;
    let gap_x = |g: usize| {
        let left = models[g].frame.right();
        (left, left + gap_width[g])
    };

    // Connector ports: the attachments on each band side, spread by the other end's height.
    let mut sides: BTreeMap<(usize, usize, bool), Vec<(f64, usize)>> = BTreeMap::new();
    for (i, m) in maps.iter().enumerate().filter(|(i, _)| !grid.spans[*i]) {
        let (a, b) = (m.link.a, m.link.b);
        sides
            .entry((a.0, a.1, true))
            .or_default()
            .push((band_of(b).center().y, i));
        sides
            .entry((b.0, b.1, false))
            .or_default()
            .push((band_of(a).center().y, i));
    }
    let mut port: BTreeMap<(usize, bool), f64> = BTreeMap::new();
    let mut alone: BTreeSet<(usize, bool)> = BTreeSet::new();
    for ((m, l, right), mut ends) in sides {
        ends.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        let b = band_of((m, l));
        let n = ends.len() as f64;
        for (k, (_, i)) in ends.iter().enumerate() {
            port.insert((*i, right), b.y + b.height * (k as f64 + 1.0) / (n + 1.0));
            if ends.len() == 1 {
                alone.insert((*i, right));
            }
        }
    }
    // A connector whose end alone on its side can meet the other end's height runs straight.
    for (i, m) in maps.iter().enumerate().filter(|(i, _)| !grid.spans[*i]) {
        let (ba, bb) = (band_of(m.link.a), band_of(m.link.b));
        let (Some(&y1), Some(&y2)) = (port.get(&(i, true)), port.get(&(i, false))) else {
            continue;
        };
        let within = |y: f64, r: Rect| y >= r.y + PAD_Y && y <= r.bottom() - PAD_Y;
        if alone.contains(&(i, false)) && within(y1, bb) {
            port.insert((i, false), y1);
        } else if alone.contains(&(i, true)) && within(y2, ba) {
            port.insert((i, true), y2);
        }
    }
    // Lanes left to right: connectors going up first, the lower start further right; then
    // those going down, the higher start further right (so their runs do not cross).
    for lane in &mut lanes {
        let key = |i: &usize| {
            let y1 = port.get(&(*i, true)).copied().unwrap_or(0.0);
            let y2 = port.get(&(*i, false)).copied().unwrap_or(0.0);
            let down = y2 > y1;
            (down, if down { -y1 } else { y1 }, *i)
        };
        lane.sort_by(|x, y| {
            let (kx, ky) = (key(x), key(y));
            kx.0.cmp(&ky.0)
                .then(kx.1.total_cmp(&ky.1))
                .then(kx.2.cmp(&ky.2))
        });
        for (k, &i) in lane.iter().enumerate() {
            lane_of.insert(i, k);
        }
    }

    let mut placed: Vec<MappingPlace> = Vec::with_capacity(maps.len());
    let mut wanted: Vec<(usize, f64)> = Vec::new();
    for (i, m) in maps.iter().enumerate() {
        let (a, b) = (m.link.a, m.link.b);
        let (ba, bb) = (band_of(a), band_of(b));
        let (connector, label_y) = if grid.spans[i] {
            // Beside the finer band: the overlap of the two.
            let (top, bottom) = (ba.y.max(bb.y), ba.bottom().min(bb.bottom()));
            (Vec::new(), (top + bottom) / 2.0)
        } else {
            let (g, lane) = (a.0, lane_of.get(&i).copied().unwrap_or(0));
            let (left, right) = gap_x(g);
            let lx = left + (right - left) * (lane as f64 + 1.0) / (lanes[g].len() as f64 + 1.0);
            let y1 = port.get(&(i, true)).copied().unwrap_or(ba.center().y);
            let y2 = port.get(&(i, false)).copied().unwrap_or(bb.center().y);
            let mut pts = vec![Point::new(ba.right(), y1)];
            if (y1 - y2).abs() > 0.5 {
                pts.push(Point::new(lx, y1));
                pts.push(Point::new(lx, y2));
            }
            pts.push(Point::new(bb.x, y2));
            if m.reversed {
                pts.reverse();
            }
            let e = &chart.edges[m.edge.index()];
            shorten(&mut pts, marker_reach(e.end));
            pts.reverse();
            shorten(&mut pts, marker_reach(e.start));
            pts.reverse();
            (pts, (y1 + y2) / 2.0)
        };
        if labels[i].is_some() {
            wanted.push((i, label_y));
        }
        placed.push(MappingPlace {
            edge: m.edge,
            connector,
            label: None,
        });
    }

    // Labels centred in their gap, pushed down where they would overlap one placed before.
    wanted.sort_by(|x, y| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0)));
    let mut bottoms: BTreeMap<usize, f64> = BTreeMap::new();
    let mut lowest = 0.0_f64;
    for (i, y) in wanted {
        let Some(label) = labels[i].clone() else {
            continue;
        };
        let Some(size) = edge_label_size(&label, fs) else {
            continue;
        };
        let g = maps[i].link.a.0;
        let (left, right) = gap_x(g);
        let floor = bottoms.get(&g).copied().unwrap_or(f64::MIN);
        let top = (y - size.height / 2.0).max(floor);
        let center = Point::new((left + right) / 2.0, top + size.height / 2.0);
        let r = Rect::centered(center, size);
        bottoms.insert(g, r.bottom() + LABEL_ROOM / 2.0);
        lowest = lowest.max(r.bottom());
        placed[i].label = Some((r, TextBox::new(label, center, fs)));
    }

    // Guides at the edges of every aligned run between neighbouring models.
    let mut seen = BTreeSet::new();
    let mut guides = Vec::new();
    for a in grid.aligned.iter().filter(|a| a.models.1 == a.models.0 + 1) {
        let (p, q) = a.models;
        for (m, k) in [a.top, a.bottom] {
            let y = y_of(grid.levels[m][k]);
            if seen.insert((p, (y * 100.0).round() as i64)) {
                let from = models[p].layers.first().map_or(0.0, |l| l.band.right());
                let to = models[q].layers.first().map_or(0.0, |l| l.band.x);
                guides.push((Point::new(from, y), Point::new(to, y)));
            }
        }
    }

    let bottom = models
        .iter()
        .map(|m| m.frame.bottom())
        .fold(lowest, f64::max);
    let title = title.zip(title_size).map(|(t, s)| {
        TextBox::new(
            t.clone(),
            Point::new(width / 2.0, MARGIN + (s.height + 8.0) / 2.0),
            fs,
        )
    });
    StackLayout {
        width: width.max(1.0),
        height: (bottom + MARGIN).max(1.0),
        font_size: fs,
        title,
        models,
        mappings: placed,
        guides,
    }
}

/// Moves the last point of `points` back towards the one before by `len` (at most 90 % of
/// that segment).
fn shorten(points: &mut [Point], len: f64) {
    if let [.., a, b] = points {
        let seg = (b.x - a.x).hypot(b.y - a.y);
        if seg > 0.0 && len > 0.0 {
            let keep = ((seg - len) / seg).max(0.1);
            *b = Point::new(a.x + (b.x - a.x) * keep, a.y + (b.y - a.y) * keep);
        }
    }
}
