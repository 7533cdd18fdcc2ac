//! Layer diagrams (issue 14) written the ways people write them — OSI against TCP/IP, OSI
//! against the five-layer model, TCP/IP against five layers, three models at once; top-down
//! and bottom-up; Chinese only, English only, mixed; `graph` and `flowchart`; LR and TD; with
//! and without `direction` in the subgraphs — as fixtures (`tests/fixtures/layers/*.mmd`) with
//! their expected diagnostics inline (`%% error: LINE:COL CODE message`), checked through
//! `pipeline::check` as `netfig check` runs it; and the CLI on a wrong mapping.

use crate::common;

use netfig::pipeline::{self, CheckMode, Kind, Options};

#[test]
fn layer_fixtures_report_exactly_the_declared_diagnostics() {
    let dir = common::root().join("tests/fixtures/layers");
    common::annotations::check_fixtures(&dir, "mmd", "%%", 10, |src| {
        pipeline::check(src, Kind::Flowchart)
    });
}

#[test]
fn every_fixture_with_stacks_is_recognised_with_its_models() {
    let expected: &[(&str, &[Option<&str>])] = &[
        ("osi-tcpip-graph-td.mmd", &[Some("osi"), Some("tcpip")]),
        ("osi-five-zh-bottom-up.mmd", &[Some("osi"), Some("five")]),
        ("tcpip-five-en.mmd", &[Some("tcpip"), Some("five")]),
        ("mixed-languages.mmd", &[Some("osi"), Some("tcpip")]),
        (
            "three-models.mmd",
            &[Some("osi"), Some("five"), Some("tcpip")],
        ),
        ("missing-and-unmapped.mmd", &[Some("osi"), Some("tcpip")]),
        ("forced-custom.mmd", &[None, None]),
    ];
    for (file, models) in expected {
        let src = std::fs::read_to_string(common::root().join("tests/fixtures/layers").join(file))
            .unwrap();
        let (chart, _) = netfig::mermaid::flowchart(&src);
        let d = netfig::layers::recognize(&chart).unwrap_or_else(|| panic!("{file}"));
        let got: Vec<Option<&str>> = d.models.iter().map(|m| m.reference).collect();
        assert_eq!(got, *models, "{file}");
    }
    // Bottom-up stacks come back top first.
    let src = std::fs::read_to_string(
        common::root().join("tests/fixtures/layers/osi-five-zh-bottom-up.mmd"),
    )
    .unwrap();
    let (chart, _) = netfig::mermaid::flowchart(&src);
    let d = netfig::layers::recognize(&chart).unwrap();
    assert!(d.models.iter().all(|m| m.written_bottom_up));
    let top = d.models[0].layers[0];
    assert_eq!(chart.nodes[top.index()].id, "a7");
}

fn wrong_mapping() -> String {
    std::fs::read_to_string(common::root().join("diagrams/osi-vs-tcpip.mmd"))
        .unwrap()
        .replace("A4 --> B3", "A4 --> B2")
}

#[test]
fn netfig_check_exits_1_on_a_wrong_mapping_with_its_line_and_a_caret() {
    let dir = common::scratch("layers-cli-check");
    std::fs::write(dir.join("layers.mmd"), wrong_mapping()).unwrap();
    let o = common::netfig(&["check", "layers.mmd"], &dir, None);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let all = format!("{stdout}{stderr}");
    assert_eq!(o.status.code(), Some(1), "{all}");
    assert!(
        all.contains(
            "layers.mmd:25:8: error[E-LYR-001]: `A4 → B2` maps OSI Transport to TCP/IP Internet"
        ),
        "{all}"
    );
    assert!(all.contains("25 |     A4 --> B2\n   |        ^^^"), "{all}");
    // The bundled example passes.
    std::fs::copy(
        common::root().join("diagrams/osi-vs-tcpip.mmd"),
        dir.join("ok.mmd"),
    )
    .unwrap();
    let o = common::netfig(&["check", "ok.mmd"], &dir, None);
    assert_eq!(o.status.code(), Some(0), "{:?}", o);
}

#[test]
fn render_denies_warns_or_ignores_as_check_says() {
    let dir = common::scratch("layers-cli-render");
    std::fs::write(dir.join("layers.mmd"), wrong_mapping()).unwrap();
    let deny = common::netfig(
        &["render", "layers.mmd", "--check", "deny", "-o", "d.svg"],
        &dir,
        None,
    );
    assert_eq!(deny.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&deny.stderr).contains("E-LYR-001"));
    assert!(!dir.join("d.svg").exists());
    let warn = common::netfig(
        &["render", "layers.mmd", "--check", "warn", "-o", "w.svg"],
        &dir,
        None,
    );
    assert_eq!(warn.status.code(), Some(0), "{warn:?}");
    assert!(String::from_utf8_lossy(&warn.stderr).contains("warning[E-LYR-001]"));
    assert!(dir.join("w.svg").exists());
    // The same through the library: warn keeps the findings as warnings, off drops them.
    let src = wrong_mapping();
    let mut options = Options::default();
    options.check = CheckMode::Warn;
    let warned = pipeline::compile(&src, Kind::Flowchart, &options).unwrap();
    assert!(warned.warnings.iter().any(|d| d.code == "E-LYR-001"));
    options.check = CheckMode::Off;
    let off = pipeline::compile(&src, Kind::Flowchart, &options).unwrap();
    assert!(off.warnings.is_empty());
    let denied = pipeline::compile(&src, Kind::Flowchart, &Options::default()).unwrap_err();
    assert!(denied.iter().any(|d| d.code == "E-LYR-001"));
}
