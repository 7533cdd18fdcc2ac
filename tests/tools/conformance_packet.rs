//! Packet-diagram conformance (issue 15): every example of mermaid's packet documentation
//! (`shared/corpus/mermaid-packet/docs`, 3 examples) and every real-world packet diagram
//! mermaid renders (`shared/corpus/realworld/packet`) renders to SVG that usvg accepts, with
//! one `<g class="field">` per field; the number that does may not drop below the committed
//! figures in `tests/conformance-packet.txt`. The documentation examples' SVG is
//! snapshotted (review with `INSTA_UPDATE=always`, then `git diff tests/tools/snapshots`).
//! The corpora are read in place.

use crate::common;

use netfig::diagnostic::SourceFile;
use netfig::pipeline::{self, CheckMode, Kind, Options};

/// The SVG of `source` (a `.mmd` file: the pipeline finds the packet header), checked against
/// the reference header as `check` says, or why not.
fn render(source: &str, name: &str, check: CheckMode) -> Result<String, String> {
    let mut options = Options::default();
    options.id_prefix = Some("nf-packet".into());
    options.check = check;
    let out = pipeline::compile(source, Kind::Flowchart, &options)
        .map_err(|d| SourceFile::new(name, source).render_all(&d))?;
    let svg = out.svg.ok_or("no svg")?;
    usvg::Tree::from_str(&svg, &usvg::Options::default()).map_err(|e| format!("usvg: {e}"))?;
    let (packet, _) = netfig::mermaid::packet(source).map_err(|_| "not a packet diagram")?;
    let groups = svg.matches("<g class=\"field\" ").count();
    if groups != packet.fields.len() || packet.fields.is_empty() {
        return Err(format!(
            "{groups} field groups for {} fields",
            packet.fields.len()
        ));
    }
    Ok(svg)
}

/// The committed floor named `key` in `tests/conformance-packet.txt`.
fn floor(key: &str) -> usize {
    let committed =
        std::fs::read_to_string(common::root().join("tests/conformance-packet.txt")).unwrap();
    committed
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("tests/conformance-packet.txt has a `{key} N` line"))
}

pub(crate) fn docs_examples_render() {
    let dir = common::shared().join("corpus/mermaid-packet/docs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "mmd"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "the packet corpus has 3 examples");
    let mut passed = 0;
    let mut failures = Vec::new();
    for f in &files {
        let source = std::fs::read_to_string(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        // Findings as warnings: mermaid's TCP example is the RFC 793 layout (see below).
        match render(&source, &name, CheckMode::Warn) {
            Ok(svg) => {
                passed += 1;
                let stem = name.trim_end_matches(".mmd");
                insta::assert_snapshot!(format!("packet-docs-{stem}"), svg);
            }
            Err(why) => failures.push(format!("{name}: {why}")),
        }
    }
    eprintln!(
        "packet conformance: {passed}/{} documentation examples render",
        files.len()
    );
    // mermaid's TCP example is the RFC 793 layout: reported under `--check deny`, naming
    // RFC 9293 §3.1 and the CWR/ECE bits; the same file with the RFC 9293 layout passes.
    let tcp = std::fs::read_to_string(&files[0]).unwrap();
    let errors = render(&tcp, "001.mmd", CheckMode::Deny).unwrap_err();
    assert!(
        errors.contains("E-PKT-015")
            && errors.contains("RFC 9293 §3.1")
            && errors.contains("CWR and ECE")
            && errors.contains("RFC 3168"),
        "{errors}"
    );
    let fixed = tcp.replace(
        "100-105: \"Reserved\"\n",
        "100-103: \"Reserved\"\n104: \"CWR\"\n105: \"ECE\"\n",
    );
    assert_ne!(fixed, tcp, "the example draws bits 100-105 as reserved");
    render(&fixed, "001-rfc9293.mmd", CheckMode::Deny).expect("the RFC 9293 layout passes");
    let floor = floor("docs rendered:");
    assert!(
        passed >= floor,
        "{passed} examples render, fewer than the committed {floor}:\n{}",
        failures.join("\n")
    );
}

/// Whatever mermaid renders, netfig renders; what mermaid rejects is an error.
pub(crate) fn realworld_packets_render_where_mermaid_does() {
    let diagrams = common::realworld("packet");
    let yes = diagrams.iter().filter(|(_, r)| *r).count();
    let mut rendered = 0;
    let mut failures = Vec::new();
    for (path, mermaid_renders) in &diagrams {
        let source = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Not standard headers (a title may still name one: "Pitgun UDP Packet").
        match (render(&source, &name, CheckMode::Off), mermaid_renders) {
            (Ok(_), true) => rendered += 1,
            (Err(why), true) => failures.push(format!("{name}: {why}")),
            (Ok(_), false) => {
                failures.push(format!("{name}: mermaid rejects it, but netfig renders it"))
            }
            (Err(_), false) => {}
        }
    }
    eprintln!("real-world packet diagrams: {rendered}/{yes} that mermaid renders render");
    let floor = floor("realworld rendered:");
    assert!(
        rendered >= floor && failures.is_empty(),
        "{rendered} render (committed {floor}):\n{}",
        failures.join("\n")
    );
}
