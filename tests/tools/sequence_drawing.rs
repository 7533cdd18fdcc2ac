//! Sequence diagrams drawn (issue 12; `conformance_sequence` checks the front end): every
//! example of mermaid's sequence-diagram documentation and every real-world sequence diagram
//! mermaid renders is laid out with no label over another and every boxed label inside its
//! box, and written as SVG usvg accepts. The counts may not drop below the `drawn:` lines of
//! `tests/conformance-sequence.txt`; what mermaid rejects is an error with a position.

use crate::common;

use netfig::diagnostic::SourceFile;
use netfig::layout::sequence::layout;
use netfig::pipeline::{self, Kind};
use std::path::Path;

fn check(path: &Path) -> Result<(), String> {
    let source = std::fs::read_to_string(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let (seq, _) = netfig::mermaid::sequence(&source)
        .map_err(|d| SourceFile::new(&name, &source).render_all(&d))?;
    if let Some(problem) = layout(&seq).problems().first() {
        return Err(format!("{name}: {problem}"));
    }
    let out = pipeline::compile(&source, Kind::of(path, &source), &Default::default())
        .map_err(|d| SourceFile::new(&name, &source).render_all(&d))?;
    let svg = out.svg.unwrap_or_default();
    if !svg.contains("netfig-sequence") {
        return Err(format!("{name}: not drawn as a sequence diagram"));
    }
    usvg::Tree::from_str(&svg, &usvg::Options::default())
        .map(|_| ())
        .map_err(|e| format!("{name}: usvg rejects the SVG: {e}"))
}

fn floor(key: &str) -> usize {
    let committed =
        std::fs::read_to_string(common::root().join("tests/conformance-sequence.txt")).unwrap();
    committed
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}: ")))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("tests/conformance-sequence.txt has a `{key}: N` line"))
}

pub(crate) fn docs_examples_draw() {
    let files = common::sequence_corpus_files();
    assert_eq!(files.len(), 36, "the corpus has 36 examples");
    let failures: Vec<String> = files.iter().filter_map(|f| check(f).err()).collect();
    let passed = files.len() - failures.len();
    eprintln!(
        "sequence conformance: {passed}/{} docs examples draw",
        files.len()
    );
    assert!(
        passed >= floor("drawn"),
        "{passed} examples pass, fewer than the committed {}:\n{}",
        floor("drawn"),
        failures.join("\n")
    );
}

pub(crate) fn realworld_sequences_draw_where_mermaid_does() {
    let diagrams = common::realworld("sequence");
    assert!(diagrams.len() >= 28, "only {} diagrams", diagrams.len());
    let mut failures = Vec::new();
    let mut passed = 0;
    for (path, mermaid_renders) in &diagrams {
        match (check(path), mermaid_renders) {
            (Ok(()), true) => passed += 1,
            (Err(why), true) => failures.push(why),
            (Ok(()), false) => failures.push(format!(
                "{}: mermaid rejects it, netfig draws it",
                path.display()
            )),
            (Err(why), false) => assert!(
                why.contains(".mmd:") && why.contains("error"),
                "a located error: {why}"
            ),
        }
    }
    eprintln!("real-world sequence diagrams: {passed} drawn");
    assert!(
        passed >= floor("realworld drawn") && failures.is_empty(),
        "{passed} drawn (committed {}):\n{}",
        floor("realworld drawn"),
        failures.join("\n")
    );
}
