//! Render: geometry → SVG text, and SVG → PNG through resvg.

pub mod png;
pub mod svg;
pub mod theme;

/// Colour theme of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    /// Dark lines on light ground.
    #[default]
    Light,
    /// Light lines on dark ground.
    Dark,
}

impl std::str::FromStr for Theme {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            _ => Err(format!("unknown theme `{s}` (expected light or dark)")),
        }
    }
}

/// What a drawing shows: names the root element's class (`netfig netfig-flowchart`,
/// `netfig netfig-states`) and its default accessible title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DiagramKind {
    /// A mermaid flowchart.
    #[default]
    Flowchart,
    /// A TCP state diagram (lowered to a flowchart).
    States,
}

impl DiagramKind {
    /// The root element's second class.
    pub fn class(self) -> &'static str {
        match self {
            DiagramKind::Flowchart => "netfig-flowchart",
            DiagramKind::States => "netfig-states",
        }
    }
    /// The accessible title when the diagram has none.
    pub fn default_title(self) -> &'static str {
        match self {
            DiagramKind::Flowchart => "Flowchart",
            DiagramKind::States => "State diagram",
        }
    }
}

/// One entry of a legend: a sample line drawn with `style` (an edge's line properties) and a
/// label beside it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LegendEntry {
    /// What the line means (already reduced to the chosen language).
    pub label: crate::model::Label,
    /// Line properties of the sample (`stroke`, `stroke-width`, `stroke-dasharray`, …).
    pub style: crate::model::Style,
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
