//! Sequence-diagram conformance: every example of mermaid's sequence-diagram documentation
//! (`shared/corpus/mermaid-sequence/docs`) parses and lowers without errors, to the same model
//! each time; the number that
//! does may not drop below the committed figure in `tests/conformance-sequence.txt`. Every
//! real-world sequence diagram that mermaid renders (`shared/corpus/realworld/sequence`)
//! parses too, and the ones mermaid rejects are rejected with an error at a position.

use crate::common;

use netfig::diagnostic::{Severity, SourceFile};
use netfig::model::sequence::Sequence;

/// The model, or the rendered diagnostics if there is an error.
fn parse(source: &str, name: &str) -> Result<Sequence, String> {
    netfig::mermaid::sequence(source)
        .map(|(seq, _)| seq)
        .map_err(|d| SourceFile::new(name, source).render_all(&d))
}

/// What every example must hold beyond parsing: something to draw, and each message between
/// participants that exist.
fn drawable(seq: &Sequence) -> Result<(), String> {
    if seq.participants.is_empty() {
        return Err("no participants".into());
    }
    let n = seq.participants.len();
    match seq
        .messages()
        .find(|m| m.from.index() >= n || m.to.index() >= n)
    {
        Some(m) => Err(format!("message to a missing participant: {m:?}")),
        None => Ok(()),
    }
}

pub(crate) fn docs_examples_parse() {
    let files = common::sequence_corpus_files();
    assert_eq!(files.len(), 36, "the sequence corpus has 36 examples");
    let mut passed = 0;
    let mut failures = Vec::new();
    for f in &files {
        let source = std::fs::read_to_string(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let twice = |s: Sequence| match parse(&source, &name) {
            Ok(again) if again == s => Ok(s),
            _ => Err("a second parse gives another model".to_string()),
        };
        match parse(&source, &name)
            .and_then(twice)
            .and_then(|s| drawable(&s))
        {
            Ok(()) => passed += 1,
            Err(why) => failures.push(format!("{name}: {why}")),
        }
    }
    let committed =
        std::fs::read_to_string(common::root().join("tests/conformance-sequence.txt")).unwrap();
    let floor: usize = committed
        .lines()
        .find_map(|l| l.strip_prefix("passing: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("tests/conformance-sequence.txt has a `passing: N` line");
    eprintln!(
        "sequence conformance: {passed}/{} documentation examples parse",
        files.len()
    );
    for f in &failures {
        eprintln!("  FAIL {f}");
    }
    assert!(
        passed >= floor,
        "{passed} examples pass, fewer than the committed {floor}:\n{}",
        failures.join("\n")
    );
}

/// Whatever mermaid renders, netfig parses (warnings allowed); what mermaid rejects is an
/// error with a position in the diagram's text.
pub(crate) fn realworld_sequences_parse_where_mermaid_does() {
    let diagrams = common::realworld("sequence");
    let yes = diagrams.iter().filter(|(_, r)| *r).count();
    assert_eq!(
        yes, 27,
        "the manifest counts 27 diagrams that mermaid renders"
    );
    let mut failures = Vec::new();
    let mut parsed = 0;
    for (path, mermaid_renders) in &diagrams {
        let source = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match (netfig::mermaid::sequence(&source), mermaid_renders) {
            (Ok((seq, _)), true) => match drawable(&seq) {
                Ok(()) => parsed += 1,
                Err(why) => failures.push(format!("{name}: {why}")),
            },
            (Err(d), true) => failures.push(SourceFile::new(&name, &source).render_all(&d)),
            (Ok(_), false) => failures.push(format!(
                "{name}: mermaid rejects it, but netfig parses it without an error"
            )),
            (Err(d), false) => {
                let located = d.iter().any(|d| {
                    d.severity == Severity::Error && d.span.start > 0 && d.span.end <= source.len()
                });
                if !located {
                    failures.push(format!("{name}: rejected, but at no position: {d:?}"));
                }
            }
        }
    }
    eprintln!("real-world sequence diagrams: {parsed}/{yes} that mermaid renders parse");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
