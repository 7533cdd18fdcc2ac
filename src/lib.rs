//! netfig: networking documentation diagrams that build offline and stay correct.
//!
//! The pipeline, one module per stage, one data structure handed between them:
//!
//! `syntax` (text → AST with spans) → `model` (validated IR) → `layout` (IR + text metrics →
//! geometry) → `render` (geometry → SVG / PNG). [`diagram`] strings the stages together; the CLI
//! and the mdBook preprocessor are thin shells over it.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod book;
pub mod cli;
pub mod diagnostic;
pub mod diagram;
pub mod geometry;
pub mod input;
pub mod layout;
mod markup;
pub mod model;
pub mod render;
pub mod syntax;
pub mod tcp;
pub mod text;

pub use diagnostic::{Diagnostic, Severity, SourceFile, Span};
