//! Syntax tree → validated [`Flowchart`]. PLACEHOLDER until the parser lands.

use super::Flowchart;
use crate::diagnostic::Diagnostic;
use crate::syntax::flowchart::Document;

/// Resolves ids, subgraph membership, classes and styles; splits labels into lines.
pub fn flowchart(_doc: &Document) -> (Flowchart, Vec<Diagnostic>) {
    (Flowchart::default(), Vec::new())
}
