//! The mermaid front end: text → syntax tree with spans ([`syntax`]) → validated IR ([`lower`]).
//!
//! Three grammars: flowcharts (`syntax`, `lower`), sequence diagrams (`syntax::sequence`,
//! `lower::sequence`) and packet diagrams (`syntax::packet`, `lower::packet`); they share the scanner, labels, front matter and `%%{init}%%`. A new
//! mermaid diagram kind adds its grammar beside them in `syntax/` and its lowering in `lower/`.

pub mod lower;
pub mod syntax;

use crate::diagnostic::Diagnostic;
use crate::model::{Flowchart, Packet, Sequence};

/// Parses and validates a flowchart; errors and warnings come back together.
pub fn flowchart(source: &str) -> (Flowchart, Vec<Diagnostic>) {
    let (doc, mut diagnostics) = syntax::parse(source);
    let (chart, more) = lower::flowchart(&doc);
    diagnostics.extend(more);
    (chart, diagnostics)
}

/// Parses and validates a sequence diagram: the diagram and its warnings, or every
/// diagnostic (errors and warnings, in source order) if there is an error.
pub fn sequence(source: &str) -> Result<(Sequence, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (doc, mut diagnostics) = syntax::sequence::parse(source);
    let (seq, more) = lower::sequence(&doc);
    diagnostics.extend(more);
    crate::diagnostic::sort(&mut diagnostics);
    if crate::diagnostic::has_errors(&diagnostics) {
        Err(diagnostics)
    } else {
        Ok((seq, diagnostics))
    }
}

/// Parses and validates a packet diagram: the diagram and its warnings, or every diagnostic
/// (errors and warnings, in source order) if there is an error.
pub fn packet(source: &str) -> Result<(Packet, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (doc, mut diagnostics) = syntax::packet::parse(source);
    let (packet, more) = lower::packet(&doc);
    diagnostics.extend(more);
    crate::diagnostic::sort(&mut diagnostics);
    if crate::diagnostic::has_errors(&diagnostics) {
        Err(diagnostics)
    } else {
        Ok((packet, diagnostics))
    }
}
