//! Layer diagrams in the corpora (issue 14): recognition and the check give no false findings
//! on flowcharts that are not layer comparisons. Every flowchart of mermaid's documentation
//! and of the real-world corpus is lowered and run through `layers::recognize` and
//! `layers::findings`; the ones recognised are listed (none of them is a layer comparison, so
//! the committed number is what recognition may not exceed) and none may have a finding.

use crate::common;
use std::path::PathBuf;

/// What [`survey`] found over a set of files.
#[derive(Default)]
struct Survey {
    /// (file name, number of models) of each file recognised as a layer diagram.
    recognised: Vec<(String, usize)>,
    /// (file name, code) of each finding.
    findings: Vec<(String, &'static str)>,
}

/// Recognised diagrams and findings over `files`.
fn survey(files: &[PathBuf]) -> Survey {
    let mut recognised = Vec::new();
    let mut findings = Vec::new();
    for f in files {
        let Ok(source) = std::fs::read_to_string(f) else {
            continue;
        };
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let (chart, diagnostics) = netfig::mermaid::flowchart(&source);
        if netfig::diagnostic::has_errors(&diagnostics) {
            continue;
        }
        if let Some(d) = netfig::layers::recognize(&chart) {
            recognised.push((name.clone(), d.models.len()));
        }
        findings.extend(
            netfig::layers::findings(&chart)
                .into_iter()
                .map(|d| (name.clone(), d.code)),
        );
    }
    Survey {
        recognised,
        findings,
    }
}

pub(crate) fn no_false_findings_in_the_corpora() {
    let docs = common::corpus_files();
    let realworld: Vec<PathBuf> = common::realworld_flowcharts()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert!(docs.len() > 100 && realworld.len() > 50);
    let docs = survey(&docs);
    assert_eq!(docs.recognised, [], "mermaid's docs have no layer diagram");
    assert_eq!(docs.findings, []);
    let realworld = survey(&realworld);
    assert_eq!(
        realworld.recognised,
        [],
        "the real-world flowcharts have none either"
    );
    assert_eq!(realworld.findings, []);
    // The bundled example, for contrast, is one.
    let example = std::fs::read_to_string(common::root().join("diagrams/osi-vs-tcpip.mmd"))
        .expect("the example");
    let (chart, _) = netfig::mermaid::flowchart(&example);
    assert_eq!(
        netfig::layers::recognize(&chart).map(|d| d.models.len()),
        Some(2)
    );
}
