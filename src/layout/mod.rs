//! Layout: a pure function from a graph of sized boxes to geometry.
//!
//! [`LayoutGraph`] is generic (flowcharts and TCP state diagrams both lower to it);
//! [`flowchart`] builds one from a [`crate::model::Flowchart`] and text metrics.
//! The algorithm is a layered (Sugiyama) layout with clusters inside it, in [`layered`];
//! [`straighten`] shortens the routes and cluster titles are moved off them as its last phases.
//! [`layout`] runs every phase: every chart (flowcharts and state diagrams) goes through it.
//! [`drawing`] finishes a flowchart's layout for render: route ends snapped to the drawn
//! shapes (`shape` holds their geometry), each edge's drawn curve and markers ([`curve`]; where
//! two curves cross more than their routes, `untangle` first adds route points that make them
//! follow their routes), label boxes and baselines, title and [`legend`] bands; [`drawing::draw`] is the whole way from a graph to what users see.
//! [`quality`] measures results (crossings, bends, edge length, area, overlaps).

pub mod clearance;
pub mod curve;
pub mod drawing;
pub mod flowchart;
pub mod layered;
pub mod legend;
pub mod packet;
pub(crate) mod path;
pub mod quality;
pub mod sequence;
pub(crate) mod shape;
mod snap;
pub mod stack;
pub mod straighten;
mod untangle;

use crate::geometry::{Point, Rect, Size};
pub use crate::model::Direction;

/// A node's place in [`LayoutGraph::nodes`] (and of its box in [`Layout::nodes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeIndex(usize);

impl NodeIndex {
    /// The node at `index`.
    pub const fn new(index: usize) -> Self {
        NodeIndex(index)
    }
    /// Its position in the node lists.
    pub const fn get(self) -> usize {
        self.0
    }
}

/// A cluster's place in [`LayoutGraph::clusters`] (and of its box in [`Layout::clusters`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClusterIndex(usize);

impl ClusterIndex {
    /// The cluster at `index`.
    pub const fn new(index: usize) -> Self {
        ClusterIndex(index)
    }
    /// Its position in the cluster lists.
    pub const fn get(self) -> usize {
        self.0
    }
}

/// What an edge attaches to in a [`LayoutGraph`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum End {
    /// A node.
    Node(NodeIndex),
    /// A cluster: the edge ends on the cluster's border.
    Cluster(ClusterIndex),
}

impl End {
    /// The end on node `index`.
    pub const fn node(index: usize) -> End {
        End::Node(NodeIndex(index))
    }
    /// The end on the border of cluster `index`.
    pub const fn cluster(index: usize) -> End {
        End::Cluster(ClusterIndex(index))
    }
}

/// The outline edges are clipped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Outline {
    /// The box itself.
    #[default]
    Box,
    /// The ellipse inscribed in the box.
    Ellipse,
    /// The rhombus inscribed in the box.
    Diamond,
}

/// A node to place.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutNode {
    /// Its box size (label and shape padding included).
    pub size: Size,
    /// The outline edges end on.
    pub outline: Outline,
    /// The innermost cluster it belongs to.
    pub cluster: Option<usize>,
}

/// An edge to route.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutEdge {
    /// Tail.
    pub from: End,
    /// Head.
    pub to: End,
    /// Size of the label box, if the edge has a label.
    pub label: Option<Size>,
    /// Minimum number of ranks between tail and head (≥ 1; 0 allowed for same-rank constraints).
    pub min_len: u32,
    /// Importance for straightening (network simplex weight), ≥ 1.
    pub weight: f64,
}

/// A cluster (subgraph).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutCluster {
    /// The enclosing cluster.
    pub parent: Option<usize>,
    /// Size of the title box, drawn inside the cluster at its top.
    pub title: Size,
    /// A direction of its own (mermaid's `direction` inside a subgraph).
    pub direction: Option<Direction>,
}

/// Distances the layout keeps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spacing {
    /// Between neighbouring boxes in one rank.
    pub node: f64,
    /// Between ranks.
    pub rank: f64,
    /// Between a cluster's border and its contents.
    pub cluster_padding: f64,
    /// Around the whole drawing.
    pub margin: f64,
    /// The widest a rank may be (px across the ranks) before its leaves wrap into extra rows
    /// below it (`flowchart.netfigMaxRankWidth`); `None` keeps every rank whole.
    pub max_rank_width: Option<f64>,
}

impl Default for Spacing {
    fn default() -> Self {
        // mermaid's flowchart defaults: nodeSpacing 50, rankSpacing 50, padding 8..15.
        Spacing {
            node: 50.0,
            rank: 50.0,
            cluster_padding: 15.0,
            margin: 8.0,
            max_rank_width: None,
        }
    }
}

/// The input to the layout.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LayoutGraph {
    /// Direction of the ranks.
    pub direction: Direction,
    /// Nodes.
    pub nodes: Vec<LayoutNode>,
    /// Edges (self-loops allowed).
    pub edges: Vec<LayoutEdge>,
    /// Clusters; a cluster's parent has a smaller index than the cluster is not required.
    pub clusters: Vec<LayoutCluster>,
    /// Distances.
    pub spacing: Spacing,
}

/// A routed edge.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EdgeRoute {
    /// The polyline from tail outline to head outline (at least two points). [`curve`] draws
    /// the curve through it.
    pub points: Vec<Point>,
    /// Where the label box sits, if the edge has a label.
    pub label: Option<Rect>,
}

/// A placed cluster.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClusterBox {
    /// The border.
    pub rect: Rect,
    /// The title's box, inside `rect`.
    pub title: Rect,
}

/// Lays out `graph` as it is drawn: the layered layout ([`layered::layout`]), its routes
/// straightened ([`straighten::straighten`]), then each cluster title moved along its strip
/// off the routes. Every guarantee of [`layered::layout`] holds for the result; crossings,
/// bends and edge length are never worse than the layered layout's alone.
pub fn layout(graph: &LayoutGraph) -> Layout {
    let mut geometry = layered::layout(graph);
    straighten::straighten(graph, &mut geometry);
    layered::place_titles(graph, &mut geometry);
    geometry
}

/// The output of the layout: everything in final coordinates, origin top-left, all ≥ 0.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// One box per input node, same order.
    pub nodes: Vec<Rect>,
    /// One route per input edge, same order.
    pub edges: Vec<EdgeRoute>,
    /// One box per input cluster, same order.
    pub clusters: Vec<ClusterBox>,
}
