//! Sequence diagram fixtures (`tests/fixtures/sequence/*.mmd`), each with its expected
//! diagnostics inline as `%% error: LINE:COL CODE message` comments, read by the suite's one
//! annotation walker (`tests/common/annotations.rs`).

use crate::common;

/// Every diagnostic of `src`, errors or not.
fn diagnose(src: &str) -> Vec<netfig::diagnostic::Diagnostic> {
    match netfig::mermaid::sequence(src) {
        Ok((_, warnings)) => warnings,
        Err(all) => all,
    }
}

#[test]
fn sequence_fixtures_report_exactly_the_declared_diagnostics() {
    let dir = common::root().join("tests/fixtures/sequence");
    common::annotations::check_fixtures(&dir, "mmd", "%%", 20, diagnose);
}
