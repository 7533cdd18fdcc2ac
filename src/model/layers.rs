//! A layer diagram: two or more layer models (OSI, TCP/IP, the five-layer teaching model, …)
//! drawn as stacks side by side, and the mapping edges between their layers.
//!
//! It is a view of a [`Flowchart`](super::Flowchart), not a copy: models are its subgraphs,
//! layers its nodes, mappings its edges, referred to by their ids, so labels, classes and styles
//! stay where the flowchart resolved them. Recognising one (which needs the built-in layer
//! models and their aliases) is the `layers` module's job; the stack layout draws it.

use super::flowchart::{ClusterId, EdgeId, NodeId};

/// The layer models of a flowchart and the mappings between them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LayerDiagram {
    /// The models, left to right in the order of their `subgraph` keywords.
    pub models: Vec<LayerModel>,
    /// Edges from a layer of one model to a layer of another, in source order.
    pub mappings: Vec<EdgeId>,
}

/// One layer model: a subgraph whose nodes are layers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerModel {
    /// The subgraph.
    pub cluster: ClusterId,
    /// Its layers, top layer (application) first: the author's order, reversed when the
    /// author wrote the stack bottom-up.
    pub layers: Vec<NodeId>,
    /// Whether the author wrote the layers bottom-up (physical first).
    pub written_bottom_up: bool,
    /// The key of the built-in model it was recognised as (`osi`, `tcpip`, `five`), if any.
    pub reference: Option<&'static str>,
}

impl LayerDiagram {
    /// The model holding `node` and the node's position in it (0 = top layer).
    pub fn position(&self, node: NodeId) -> Option<(usize, usize)> {
        self.models
            .iter()
            .enumerate()
            .find_map(|(m, model)| model.layers.iter().position(|&n| n == node).map(|l| (m, l)))
    }
}
