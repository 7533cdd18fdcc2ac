//! The working graph every phase after ranking shares: real nodes, cluster border nodes, dummy
//! nodes of long edges, label dummies and cluster markers, arranged in layers.

use crate::layout::Spacing;

/// What a layer node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An input node.
    Node(usize),
    /// The top border of a cluster (its title strip in TB).
    Top(usize),
    /// The bottom border of a cluster.
    Bottom(usize),
    /// A point of a long edge.
    Dummy(usize),
    /// The label slot of an edge.
    Label(usize),
    /// Keeps a cluster present in a rank it spans without members there.
    Marker(usize),
}

/// A node of the working graph, in internal (top-to-bottom) coordinates.
#[derive(Debug, Clone)]
pub(crate) struct WNode {
    pub(crate) kind: Kind,
    /// Width used for separation (self-loop room included).
    pub(crate) width: f64,
    /// Height.
    pub(crate) height: f64,
    /// Innermost cluster.
    pub(crate) cluster: Option<usize>,
    /// Rank.
    pub(crate) rank: usize,
}

impl WNode {
    /// Whether it is drawn as a box (nodes and labels) rather than being a routing point.
    pub(crate) fn is_box(&self) -> bool {
        matches!(self.kind, Kind::Node(_) | Kind::Label(_))
    }
}

/// A cluster of the working graph.
#[derive(Debug, Clone)]
pub(crate) struct WCluster {
    /// Enclosing cluster.
    pub(crate) parent: Option<usize>,
    /// Depth (0 for top-level clusters).
    pub(crate) depth: usize,
    /// Top border node.
    pub(crate) top: usize,
    /// Bottom border node.
    pub(crate) bottom: usize,
    /// Room before the first rank of contents (title strip in TB).
    pub(crate) top_strip: f64,
    /// Room after the last rank of contents.
    pub(crate) bottom_strip: f64,
    /// Extra room on the left of the contents (title strip in LR/RL).
    pub(crate) left_extra: f64,
    /// Minimum width across ranks.
    pub(crate) min_width: f64,
    /// Minimum height along ranks.
    pub(crate) min_height: f64,
}

/// The route skeleton of one input edge.
#[derive(Debug, Clone)]
pub(crate) struct Chain {
    /// Layer nodes from the upper end to the lower end.
    pub(crate) nodes: Vec<usize>,
    /// Whether the input edge runs from the lower end to the upper one.
    pub(crate) reversed: bool,
}

/// Weighted neighbours of every node, in compressed rows: `adj[v]` is the slice of `v`'s
/// (neighbour, weight) pairs, in link order.
#[derive(Debug, Clone)]
pub(crate) struct Adjacency {
    start: Vec<usize>,
    pairs: Vec<(usize, f64)>,
}

impl std::ops::Index<usize> for Adjacency {
    type Output = [(usize, f64)];

    fn index(&self, v: usize) -> &[(usize, f64)] {
        &self.pairs[self.start[v]..self.start[v + 1]]
    }
}

impl Adjacency {
    /// The rows of `n` nodes holding, for every (from, to, weight) entry in order, `to` in the
    /// row of `from`.
    pub(crate) fn new(
        n: usize,
        entries: impl Iterator<Item = (usize, usize, f64)> + Clone,
    ) -> Adjacency {
        let mut start = vec![0usize; n + 1];
        for (a, _, _) in entries.clone() {
            start[a + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut pairs = vec![(0, 0.0); start[n]];
        for (a, b, w) in entries {
            pairs[fill[a]] = (b, w);
            fill[a] += 1;
        }
        Adjacency { start, pairs }
    }
}

/// The working graph.
#[derive(Debug, Clone)]
pub(crate) struct Work {
    pub(crate) nodes: Vec<WNode>,
    pub(crate) clusters: Vec<WCluster>,
    /// Nodes of each rank, left to right.
    pub(crate) layers: Vec<Vec<usize>>,
    /// Edges between consecutive ranks (upper, lower, weight, drawn).
    pub(crate) links: Vec<(usize, usize, f64, bool)>,
    /// One chain per input edge (`None` for self-loops and edges that could not be placed).
    pub(crate) chains: Vec<Option<Chain>>,
    pub(crate) spacing: Spacing,
    /// Rank separation in effect (halved when edges carry labels).
    pub(crate) rank_sep: f64,
}

impl Work {
    /// Clusters from the outermost to `c` itself.
    pub(crate) fn path(&self, c: Option<usize>) -> Vec<usize> {
        let mut p: Vec<usize> = self.ancestors(c).collect();
        p.reverse();
        p
    }

    /// Clusters from `c` itself out to the outermost ([`Self::path`] backwards, without
    /// allocating).
    pub(crate) fn ancestors(&self, c: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(c, |&x| self.clusters[x].parent)
    }

    /// Upper and lower neighbours of every node, with weights, from `links`.
    pub(crate) fn adjacency(&self) -> (Adjacency, Adjacency) {
        let n = self.nodes.len();
        let links = self.links.iter();
        let up = Adjacency::new(n, links.clone().map(|&(u, v, w, _)| (v, u, w)));
        let down = Adjacency::new(n, links.map(|&(u, v, w, _)| (u, v, w)));
        (up, down)
    }

    /// Position of every node within its layer.
    pub(crate) fn positions(&self) -> Vec<usize> {
        let mut pos = vec![0; self.nodes.len()];
        for layer in &self.layers {
            for (i, &v) in layer.iter().enumerate() {
                pos[v] = i;
            }
        }
        pos
    }
}
