//! The validated IR: resolved, checked data that layout and render consume without reaching back
//! into the source text. Spans are kept only so later stages can report problems.

pub mod flowchart;
pub mod label;
pub mod lower;

pub use flowchart::*;
pub use label::{Label, LabelLine, Lang, LangChoice, TextRun};
