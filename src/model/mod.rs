//! The validated IR: resolved, checked data that layout and render consume without reaching back
//! into the source text. Spans are kept only so later stages can report problems.

/// Typed indices into one list of the IR: a `NodeId` cannot index clusters, a
/// `ParticipantId` cannot index blocks.
macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);
        impl $name {
            /// The id of the item at `index`.
            ///
            /// # Panics
            /// If `index` does not fit in a `u32` (inputs are capped far below that).
            pub fn new(index: usize) -> Self {
                $name(u32::try_from(index).expect("fewer than 2^32 items"))
            }
            /// The position in its list.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}
pub mod flowchart;
pub mod label;
pub mod ladder;
pub mod layers;
pub mod packet;
pub mod sequence;
pub mod table;

pub use flowchart::*;
pub use label::{Label, LabelLine, Lang, LangChoice, TextRun};
pub use layers::{LayerDiagram, LayerModel};
pub use packet::Packet;
pub use sequence::Sequence;
pub use table::{StateTable, TableLine, TableRow};

/// Colour theme of the output (`light`, `dark`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Dark lines on light ground.
    #[default]
    Light,
    /// Light lines on dark ground.
    Dark,
}

/// One entry of a legend: a sample line drawn with `style` (an edge's line properties) and a
/// label beside it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LegendEntry {
    /// What the line means (already reduced to the chosen language).
    pub label: Label,
    /// Line properties of the sample (`stroke`, `stroke-width`, `stroke-dasharray`, …).
    pub style: Style,
}
