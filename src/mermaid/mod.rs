//! The mermaid front end: text → syntax tree with spans ([`syntax`]) → validated IR ([`lower`]).
//!
//! Only the flowchart grammar exists today; a new mermaid diagram kind adds its grammar beside
//! it in `syntax/` (sharing the scanner, labels, front matter and `%%{init}%%`) and its
//! lowering in `lower/`.

pub mod lower;
pub mod syntax;

use crate::diagnostic::Diagnostic;
use crate::model::Flowchart;

/// Parses and validates a flowchart; errors and warnings come back together.
pub fn flowchart(source: &str) -> (Flowchart, Vec<Diagnostic>) {
    let (doc, mut diagnostics) = syntax::parse(source);
    let (chart, more) = lower::flowchart(&doc);
    diagnostics.extend(more);
    (chart, diagnostics)
}
