//! netfig: networking documentation diagrams that build offline and stay correct.
//!
//! The pipeline, one module per stage, one data structure handed between them (see
//! `ARCHITECTURE.md`):
//!
//! front ends ([`mermaid`], [`tcp`]: text → [`model`], the IR, with the checks against their
//! references) → [`layout`] (IR + [`text`] metrics → geometry) → [`render`] (IR + geometry →
//! SVG, PNG, tables). [`pipeline::compile`] strings the stages together; the CLI (`cli`,
//! feature `cli`) and the mdBook preprocessor (`book`, feature `mdbook`) are thin shells over it.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "mdbook")]
pub mod book;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(any(feature = "cli", feature = "mdbook"))]
mod console;
pub mod diagnostic;
pub mod geometry;
pub mod glossary;
pub mod input;
pub mod layers;
pub mod layout;
pub mod markup;
pub mod mermaid;
pub mod model;
pub mod packet;
pub mod pipeline;
pub mod render;
pub mod tcp;
pub mod text;

pub use diagnostic::{Diagnostic, Severity, SourceFile, Span};
