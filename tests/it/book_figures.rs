//! Every figure of the bundled book, listed with its kind and the reference it is checked
//! against (issue 16): a book about getting TCP right has no figure that only looks right.

use crate::common::root;
use netfig::pipeline::{self, Kind};
use std::path::Path;

/// A figure of a chapter: where it is, its kind and its source.
struct Figure {
    at: String,
    kind: Kind,
    source: String,
}

/// The figures of one chapter: its top-level `mermaid`/`tcp-states` fences (an example fence
/// inside a ```` block is text) and its `{{#netfig …}}` lines.
fn figures(chapter: &Path) -> Vec<Figure> {
    let text = std::fs::read_to_string(chapter).expect("chapter");
    let name = chapter
        .strip_prefix(root())
        .unwrap_or(chapter)
        .display()
        .to_string();
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, Option<Kind>, Vec<String>)> = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let ticks = trimmed.len() - trimmed.trim_start_matches('`').len();
        if let Some((fence, at, kind, body)) = &mut open {
            if ticks >= *fence && trimmed.trim_matches('`').trim().is_empty() {
                if let Some(kind) = *kind {
                    out.push(Figure {
                        at: format!("{name}:{}", *at + 1),
                        kind,
                        source: body.join("\n") + "\n",
                    });
                }
                open = None;
            } else {
                body.push(line.get(indent..).unwrap_or(trimmed).to_string());
            }
            continue;
        }
        if ticks >= 3 {
            let info = trimmed[ticks..].split_whitespace().next().unwrap_or("");
            let kind = match info {
                "mermaid" | "flowchart" => Some(Kind::Flowchart),
                "tcp-states" => Some(Kind::TcpStates),
                _ => None,
            };
            open = Some((ticks, n, kind, Vec::new()));
        } else if let Some(rest) = trimmed.strip_prefix("{{#netfig") {
            let path = rest
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches("}}");
            let at = format!("{name}:{}", n + 1);
            if path == "reference" {
                let source = netfig::tcp::reference::yaml_where(Default::default());
                out.push(Figure {
                    at,
                    kind: Kind::TcpStates,
                    source,
                });
            } else {
                let file = chapter.parent().unwrap().join(path);
                let source = std::fs::read_to_string(&file).expect("included diagram");
                out.push(Figure {
                    at,
                    kind: Kind::of(&file, &source),
                    source,
                });
            }
        }
    }
    out
}

#[test]
fn every_figure_of_the_book_is_checked_against_a_reference() {
    let mut listed = Vec::new();
    let mut unchecked = Vec::new();
    for lang in ["en", "zh"] {
        let src = root().join(format!("book/{lang}/src"));
        let summary = std::fs::read_to_string(src.join("SUMMARY.md")).unwrap();
        for line in summary.lines() {
            let Some(start) = line.find("](").map(|i| i + 2) else {
                continue;
            };
            let Some(end) = line[start..].find(')').map(|i| i + start) else {
                continue;
            };
            for f in figures(&src.join(&line[start..end])) {
                // A figure must also be valid: the book would not build otherwise.
                if let Err(d) = pipeline::compile(&f.source, f.kind, &Default::default()) {
                    panic!("{}: {d:?}", f.at);
                }
                let kind = f.kind.refine(&f.source);
                match pipeline::reference_of(&f.source, f.kind) {
                    Some(r) => listed.push(format!("{} {kind:?}: {r}", f.at)),
                    None => unchecked.push(format!("{} {kind:?}", f.at)),
                }
            }
        }
    }
    eprintln!("{}", listed.join("\n"));
    assert!(
        unchecked.is_empty(),
        "figures checked against nothing: {unchecked:#?}"
    );
    // Both editions: state machines, exchanges, the TCP header and the layer diagrams.
    for kind in ["TcpStates", "Sequence", "Packet", "Flowchart"] {
        let n = listed
            .iter()
            .filter(|l| l.contains(&format!(" {kind}:")))
            .count();
        assert!(n >= 2, "no {kind} figure in each edition: {listed:#?}");
    }
    assert!(listed.len() >= 30, "{listed:#?}");
}

#[test]
fn plain_diagrams_are_checked_against_nothing() {
    assert_eq!(
        pipeline::reference_of("graph LR\n  A --> B\n", Kind::Flowchart),
        None
    );
    assert_eq!(
        pipeline::reference_of("sequenceDiagram\n  A->>B: hi\n", Kind::Sequence),
        None
    );
    let osi = std::fs::read_to_string(root().join("diagrams/osi-vs-tcpip.mmd")).unwrap();
    assert!(pipeline::reference_of(&osi, Kind::Flowchart).is_some());
    let off = format!("---\ncheck: off\n---\n{osi}");
    assert_eq!(pipeline::reference_of(&off, Kind::Flowchart), None);
    let header = std::fs::read_to_string(root().join("diagrams/tcp-header.mmd")).unwrap();
    assert_eq!(
        pipeline::reference_of(&header, Kind::Flowchart).as_deref(),
        Some("TCP header (RFC 9293 §3.1, Figure 1)")
    );
}
