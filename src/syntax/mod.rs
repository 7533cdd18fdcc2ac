//! Syntax: source text → syntax trees with spans. No validation beyond the grammar.

pub mod flowchart;
