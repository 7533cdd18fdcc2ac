//! Layer diagrams: flowcharts whose subgraphs are layer models (OSI, TCP/IP, the five-layer
//! teaching model) and whose edges map the layers of one model to another's. The built-in
//! models ([`reference`]) and the mappings between them ([`mapping`]) are data citing their
//! sources; [`recognize`] finds a [`LayerDiagram`](crate::model::LayerDiagram) in a
//! [`Flowchart`](crate::model::Flowchart). Like `packet`, this module sees only the IR.

pub mod mapping;
pub mod recognize;
pub mod reference;

pub use recognize::recognize;
