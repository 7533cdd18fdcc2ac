//! mermaid `flowchart` / `graph` text → [`Document`]. PLACEHOLDER until the parser lands.

use crate::diagnostic::Diagnostic;

/// The syntax tree of one flowchart source.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {}

/// Parses `source`. Always returns a tree (possibly partial) and every diagnostic found.
pub fn parse(_source: &str) -> (Document, Vec<Diagnostic>) {
    (Document {}, Vec::new())
}
