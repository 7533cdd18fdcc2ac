//! Mutation tests of the layer check on the bundled example `diagrams/osi-vs-tcpip.mmd`
//! (issue 14): the example passes; every single change of a mapping edge's target to another
//! TCP/IP layer is reported at the edge's line (except the one a source holds: Session →
//! Transport, RFC 1812 §2.2.1); every swap of two layers' declaration lines in either stack
//! is reported at both lines, whichever way the stacks are written.

use crate::common;

use netfig::diagnostic::{Diagnostic, SourceFile};
use netfig::pipeline::{self, Kind};

fn example() -> String {
    std::fs::read_to_string(common::root().join("diagrams/osi-vs-tcpip.mmd")).unwrap()
}

/// (code, 1-based line) of every diagnostic `netfig check` gives `src`.
fn findings(src: &str) -> Vec<(&'static str, usize)> {
    let file = SourceFile::new("m.mmd", src);
    pipeline::check(src, Kind::Flowchart)
        .iter()
        .map(|d: &Diagnostic| (d.code, file.line_col(d.span.start).0))
        .collect()
}

/// The 1-based numbers of the lines that `keep` accepts.
fn lines_where(src: &str, keep: impl Fn(&str) -> bool) -> Vec<usize> {
    src.lines()
        .enumerate()
        .filter(|(_, l)| keep(l.trim()))
        .map(|(i, _)| i + 1)
        .collect()
}

fn with_line(src: &str, line: usize, text: &str) -> String {
    let mut lines: Vec<String> = src.lines().map(str::to_string).collect();
    lines[line - 1] = text.to_string();
    lines.join("\n") + "\n"
}

#[test]
fn the_example_passes() {
    assert_eq!(findings(&example()), []);
}

#[test]
fn every_changed_mapping_target_is_reported_at_its_line() {
    let src = example();
    let edges = lines_where(&src, |l| l.contains("-->"));
    assert_eq!(edges.len(), 7);
    let mut mutants = 0;
    for &line in &edges {
        let text = src.lines().nth(line - 1).unwrap();
        let (from, to) = text.trim().split_once(" --> ").unwrap();
        for target in ["B1", "B2", "B3", "B4"] {
            if target == to {
                continue;
            }
            let mutant = with_line(&src, line, &format!("    {from} --> {target}"));
            let found = findings(&mutant);
            if (from, target) == ("A5", "B3") {
                // OSI Session → TCP/IP Transport: RFC 1812 §2.2.1 holds it.
                assert!(!found.iter().any(|(c, _)| *c == "E-LYR-001"), "{found:?}");
                continue;
            }
            mutants += 1;
            assert!(
                found.contains(&("E-LYR-001", line)),
                "{from} --> {target} (line {line}): {found:?}"
            );
        }
    }
    assert_eq!(mutants, 20);
}

/// Every swap of two declaration lines among `lines` of `src` is reported at both lines.
fn every_swap_is_reported(src: &str, lines: &[usize]) -> usize {
    let text: Vec<&str> = src.lines().collect();
    let mut swaps = 0;
    for (i, &a) in lines.iter().enumerate() {
        for &b in &lines[i + 1..] {
            let mutant = with_line(&with_line(src, a, text[b - 1]), b, text[a - 1]);
            let found = findings(&mutant);
            for line in [a, b] {
                assert!(
                    found.contains(&("E-LYR-002", line)),
                    "swap of lines {a} and {b}: nothing at {line}: {found:?}"
                );
            }
            swaps += 1;
        }
    }
    swaps
}

#[test]
fn every_swap_of_two_layers_is_reported_at_its_lines() {
    let src = example();
    let osi = lines_where(&src, |l| l.starts_with('A') && l.contains('['));
    let tcpip = lines_where(&src, |l| l.starts_with('B') && l.contains('['));
    assert_eq!((osi.len(), tcpip.len()), (7, 4));
    assert_eq!(every_swap_is_reported(&src, &osi), 21);
    assert_eq!(every_swap_is_reported(&src, &tcpip), 6);
}

#[test]
fn swaps_are_found_in_stacks_written_bottom_up_too() {
    // The example with both stacks written physical layer first.
    let src = example();
    let mut lines: Vec<String> = src.lines().map(str::to_string).collect();
    let osi = lines_where(&src, |l| l.starts_with('A') && l.contains('['));
    let tcpip = lines_where(&src, |l| l.starts_with('B') && l.contains('['));
    for stack in [&osi, &tcpip] {
        let texts: Vec<String> = stack.iter().map(|&l| lines[l - 1].clone()).collect();
        for (&l, t) in stack.iter().zip(texts.iter().rev()) {
            lines[l - 1] = t.clone();
        }
    }
    let bottom_up = lines.join("\n") + "\n";
    assert_eq!(findings(&bottom_up), []);
    let (chart, _) = netfig::mermaid::flowchart(&bottom_up);
    let d = netfig::layers::recognize(&chart).unwrap();
    assert!(d.models.iter().all(|m| m.written_bottom_up));
    assert_eq!(every_swap_is_reported(&bottom_up, &osi), 21);
    assert_eq!(every_swap_is_reported(&bottom_up, &tcpip), 6);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// Statements a layer diagram is made of, with layer names of every model and language.
    const LINES: &[&str] = &[
        "subgraph OSI",
        "subgraph T[TCP/IP]",
        "subgraph F[五层]",
        "subgraph X",
        "direction BT",
        "end",
        "a[Application Layer]",
        "b[表示层]",
        "c[Session]",
        "d[传输层<br>Transport Layer]",
        "e[网络层<br>Internet Layer]",
        "f[Network Interface]",
        "g[数据链路层]",
        "h[Physical]",
        "i[Link]",
        "j[\"L3: Network (IP)\"]",
        "k[Phyiscal]",
        "a --> e",
        "d --> i",
        "c -.-> d",
        "h --- f",
        "g & h --> i",
        "X --> a",
    ];

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
            ..ProptestConfig::default()
        })]

        /// Any arrangement of them checks without a panic, every span inside the source, and
        /// the check is deterministic.
        #[test]
        fn layer_statements_in_any_order_check_cleanly(
            picks in proptest::collection::vec(0..LINES.len(), 0..40),
            forced in any::<bool>(),
        ) {
            let body: Vec<&str> = picks.iter().map(|&i| LINES[i]).collect();
            let head = if forced { "---\ncheck: layers\n---\n" } else { "" };
            let src = format!("{head}flowchart TD\n{}\n", body.join("\n"));
            let first = pipeline::check(&src, Kind::Flowchart);
            common::assert_spans_in(&src, &first);
            prop_assert_eq!(first, pipeline::check(&src, Kind::Flowchart));
        }
    }
}
