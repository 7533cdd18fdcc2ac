//! Flowchart fixtures (`tests/fixtures/mmd/*.mmd`) with their expected diagnostics written
//! inline as `%% error: LINE:COL CODE message` comments, read by the suite's one annotation
//! walker (`tests/common/annotations.rs`, which documents the syntax).

use crate::common;

use netfig::mermaid::flowchart as parse_flowchart;

#[test]
fn fixtures_report_exactly_the_declared_diagnostics() {
    let dir = common::root().join("tests/fixtures/mmd");
    common::annotations::check_fixtures(&dir, "mmd", "%%", 15, |src| parse_flowchart(src).1);
}

#[test]
fn the_walker_checks_code_message_position_and_count() {
    use common::annotations::check_fixture;
    let src = "flowchart LR\n    A -> B\n";
    let diags = parse_flowchart(src).1;
    let with = |annotation: &str| format!("{src}{annotation}\n");
    let check = |text: &str, diags: &[_]| check_fixture("t.mmd", text, "%%", diags);
    assert_eq!(
        check(
            &with("%% error: 2:7 E-MMD-007 a single `-` is not an arrow"),
            &diags
        ),
        Ok(())
    );
    for wrong in [
        "%% error: 2:7 E-MMD-007 a double `-` is not an arrow",
        "%% error: 2:8 E-MMD-007 a single `-` is not an arrow",
        "%% error: 3:7 E-MMD-007 a single `-` is not an arrow",
        "%% error: 2:7 E-MMD-008 a single `-` is not an arrow",
        "%% warning: 2:7 E-MMD-007 a single `-` is not an arrow",
        "%% error: 2:7 E-MMD-007",
        "%% error: 2 E-MMD-007 a single `-` is not an arrow",
        "",
    ] {
        assert!(check(&with(wrong), &diags).is_err(), "{wrong:?} passed");
    }
    // Two identical findings need two annotations.
    let twice = [diags.clone(), diags.clone()].concat();
    let one = with("%% error: 2:7 E-MMD-007 not an arrow");
    assert!(check(&one, &twice).is_err());
    let two = format!("{one}%% error: 2:7 E-MMD-007 not an arrow\n");
    assert_eq!(check(&two, &twice), Ok(()));
}
