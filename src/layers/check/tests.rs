use super::super::findings;
use crate::diagnostic::{codes::lyr as codes, Diagnostic, Severity, SourceFile};

const EXAMPLE: &str = include_str!("../../../diagrams/osi-vs-tcpip.mmd");

fn run(src: &str) -> Vec<Diagnostic> {
    let (chart, diagnostics) = crate::mermaid::flowchart(src);
    assert!(
        !crate::diagnostic::has_errors(&diagnostics),
        "{diagnostics:?}"
    );
    findings(&chart)
}

/// (code, 1-based line) of each finding.
fn at(src: &str) -> Vec<(&'static str, usize)> {
    let file = SourceFile::new("t.mmd", src);
    run(src)
        .iter()
        .map(|d| (d.code, file.line_col(d.span.start).0))
        .collect()
}

#[test]
fn the_example_passes() {
    assert_eq!(run(EXAMPLE), Vec::new());
}

#[test]
fn a_wrong_mapping_is_an_error_at_its_edge_with_the_reference() {
    let src = EXAMPLE.replace("A4 --> B3", "A4 --> B2");
    let found = run(&src);
    let wrong: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.code == codes::WRONG_MAPPING)
        .collect();
    assert_eq!(wrong.len(), 1, "{found:?}");
    assert_eq!(wrong[0].severity, Severity::Error);
    assert_eq!(&src[wrong[0].span.start..wrong[0].span.end], "-->");
    assert_eq!(
        wrong[0].message,
        "`A4 → B2` maps OSI Transport to TCP/IP Internet, which no reference mapping holds"
    );
    assert!(wrong[0].hints[0].starts_with("OSI Transport 传输层 corresponds to TCP/IP Transport"));
    // B3 lost its only mapping.
    assert!(found
        .iter()
        .any(|d| d.code == codes::UNMAPPED_LAYER && src[d.span.start..].starts_with("B3")));
}

#[test]
fn session_may_map_to_transport_as_rfc_1812_holds() {
    let src = EXAMPLE.replace("A5 --> B4", "A5 --> B3");
    assert_eq!(run(&src), Vec::new());
}

#[test]
fn a_swap_reports_both_layers() {
    let src = EXAMPLE
        .replace("A6[表示层<br>Presentation Layer]", "@@")
        .replace(
            "A3[网络层<br>Network Layer]",
            "A6[表示层<br>Presentation Layer]",
        )
        .replace("@@", "A3[网络层<br>Network Layer]");
    assert_eq!(
        at(&src),
        [(codes::OUT_OF_ORDER, 6), (codes::OUT_OF_ORDER, 9)]
    );
}

#[test]
fn a_layer_of_another_model_gets_a_did_you_mean() {
    let src = EXAMPLE.replace("A3[网络层<br>Network Layer]", "A3[Internet Layer]");
    let found = run(&src);
    let foreign = found
        .iter()
        .find(|d| d.code == codes::FOREIGN_LAYER)
        .expect("reported");
    assert!(
        foreign.hints[0].starts_with("did you mean `Network Layer` (网络层)?"),
        "{foreign:?}"
    );
    // The error stands for the missing Network layer: no warning besides.
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn missing_and_unmapped_layers_are_warnings() {
    let src = EXAMPLE
        .replace("    A6[表示层<br>Presentation Layer]\n", "")
        .replace("    A6 --> B4\n", "")
        .replace("    A1 --> B1\n", "");
    let found = run(&src);
    assert_eq!(
        at(&src),
        [(codes::MISSING_LAYER, 3), (codes::UNMAPPED_LAYER, 10)],
        "{found:?}"
    );
    assert!(found.iter().all(|d| d.severity == Severity::Warning));
}

#[test]
fn check_off_and_unknown_checks() {
    let wrong = EXAMPLE.replace("A4 --> B3", "A4 --> B2");
    assert!(run(&format!("---\ncheck: off\n---\n{wrong}")).is_empty());
    let found = run(&format!("---\ncheck: layer\n---\n{wrong}"));
    assert_eq!(found[0].code, codes::UNKNOWN_CHECK);
    assert_eq!(found[0].hints, ["did you mean `layers`?"]);
    assert!(found.iter().any(|d| d.code == codes::WRONG_MAPPING));
}

#[test]
fn peers_of_one_model_map_to_their_peers() {
    let src = "flowchart LR\nsubgraph H1[Host A]\na1[Application]\nt1[Transport]\ni1[Internet]\nl1[Link]\nend\n\
               subgraph H2[Host B]\na2[Application]\nt2[Transport]\ni2[Internet]\nl2[Link]\nend\n\
               l1 --> l2\nt1 -.-> t2\n";
    // No comparison of different models: nothing is missing or unmapped.
    assert_eq!(run(src), Vec::new());
    let wrong = src.replace("t1 -.-> t2", "t1 -.-> i2");
    assert_eq!(at(&wrong), [(codes::WRONG_MAPPING, 15)]);
}
