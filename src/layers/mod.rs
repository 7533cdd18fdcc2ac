//! Layer diagrams: flowcharts whose subgraphs are layer models (OSI, TCP/IP, the five-layer
//! teaching model) and whose edges map the layers of one model to another's. The built-in
//! models ([`reference`](mod@reference)) and the mappings between them ([`mapping`]) are data
//! citing their sources; [`recognize()`] finds a [`LayerDiagram`](crate::model::LayerDiagram)
//! in a [`Flowchart`], and [`check`](mod@check) compares it with the references. Like
//! `packet`, this module sees only the IR.

pub mod check;
pub mod mapping;
pub mod recognize;
pub mod reference;

pub use recognize::recognize;

use crate::diagnostic::codes::lyr as codes;
use crate::diagnostic::{suggest, Diagnostic};
use crate::model::Flowchart;

/// The values a flowchart's front matter `check:` may take.
const CHECKS: &[&str] = &["layers", "off"];

/// Every finding of `chart` as a layer diagram: none if it is not one or its front matter says
/// `check: off`; a warning if `check:` names no check (the diagram is then checked if it is
/// recognised).
pub fn findings(chart: &Flowchart) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some((value, span)) = &chart.check {
        let v = value.trim();
        if v.eq_ignore_ascii_case("off") {
            return out;
        }
        if !v.eq_ignore_ascii_case("layers") {
            let d = Diagnostic::warning(
                codes::UNKNOWN_CHECK,
                *span,
                format!("`check: {v}` names no check for a flowchart"),
            );
            out.push(match suggest(v, CHECKS) {
                Some(m) => d.with_hint(format!("did you mean `{m}`?")),
                None => d.with_hint(format!("expected one of {}", CHECKS.join(", "))),
            });
        }
    }
    if let Some(diagram) = recognize(chart) {
        out.extend(check::check(chart, &diagram));
    }
    out
}
