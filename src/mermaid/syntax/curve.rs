//! Curve names, as `linkStyle … interpolate`, `flowchart.curve` and an edge's `@{ curve: … }`
//! write them: mermaid's d3 curves, and `rounded` (right angles with rounded corners, mermaid
//! 11), which netfig draws with its nearest curve, `step`, and says so.

use super::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::Curve;

/// The names the error's hint lists.
const EXPECTED: &str = "expected basis, linear, natural, step, stepBefore, stepAfter, cardinal, \
                        catmullRom, monotoneX, monotoneY, bumpX, bumpY or rounded";

/// The curve `name` (at `span`) stands for, with a warning when netfig draws it with
/// another; an error for a name mermaid does not know.
pub(crate) fn curve_named(
    name: &str,
    span: Span,
) -> Result<(Curve, Option<Diagnostic>), Diagnostic> {
    if let Some(c) = Curve::from_name(name) {
        return Ok((c, None));
    }
    if name.eq_ignore_ascii_case("rounded") {
        let warning = Diagnostic::warning(
            codes::DRAWN_APPROXIMATELY,
            span,
            "curve `rounded` is drawn as `step` (right angles, without rounded corners)",
        );
        return Ok((Curve::Step, Some(warning)));
    }
    Err(Diagnostic::error(
        codes::UNKNOWN_CURVE,
        span,
        format!("unknown curve `{name}`"),
    )
    .with_hint(EXPECTED))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_rounded_and_unknown_ones() {
        let span = Span::new(0, 7);
        assert_eq!(
            curve_named("stepAfter", span).unwrap(),
            (Curve::StepAfter, None)
        );
        let (c, w) = curve_named("rounded", span).unwrap();
        assert_eq!(c, Curve::Step);
        assert_eq!(w.map(|w| w.code), Some("W-MMD-018"));
        let e = curve_named("wiggly", span).unwrap_err();
        assert_eq!(e.code, "E-MMD-021");
        assert!(e.hints.iter().any(|h| h.contains("rounded")), "{e:?}");
    }
}
