//! Render: geometry → SVG text, and SVG → PNG through resvg.

pub mod png;
pub mod svg;
pub mod table;
pub mod template;
pub mod theme;

use crate::model::{LegendEntry, Theme};

/// What a drawing shows: names the root element's class (`netfig netfig-flowchart`,
/// `netfig netfig-states`) and its default accessible title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum DiagramKind {
    /// A mermaid flowchart.
    #[default]
    Flowchart,
    /// A TCP state diagram (lowered to a flowchart).
    States,
    /// A mermaid sequence diagram.
    Sequence,
    /// A mermaid packet diagram (a header layout).
    Packet,
    /// A layer diagram (a flowchart of layer models) in the stack view.
    Stack,
}

impl DiagramKind {
    /// The root element's second class.
    pub fn class(self) -> &'static str {
        match self {
            DiagramKind::Flowchart => "netfig-flowchart",
            DiagramKind::States => "netfig-states",
            DiagramKind::Sequence => "netfig-sequence",
            DiagramKind::Packet => "netfig-packet",
            DiagramKind::Stack => "netfig-stack",
        }
    }
    /// The accessible title when the diagram has none.
    pub fn default_title(self) -> &'static str {
        match self {
            DiagramKind::Flowchart => "Flowchart",
            DiagramKind::States => "State diagram",
            DiagramKind::Sequence => "Sequence diagram",
            DiagramKind::Packet => "Packet diagram",
            DiagramKind::Stack => "Layer diagram",
        }
    }
}

/// Options for SVG output.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SvgOptions {
    /// Colour theme.
    pub theme: Theme,
    /// Prefix of every id in the SVG, unique per diagram on a page.
    pub id_prefix: String,
    /// Kind of diagram (root class, default title).
    pub kind: DiagramKind,
    /// A legend drawn in a band below the diagram, entries left to right, wrapping; empty: none.
    pub legend: Vec<LegendEntry>,
}
