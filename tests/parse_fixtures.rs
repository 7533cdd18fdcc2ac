//! Fixtures with their expected diagnostics written inline:
//! `%% error: LINE:COL CODE` / `%% warning: LINE:COL CODE` (1-based, the span start).
//! The set of diagnostics produced must equal the set declared.

use netfig::diagnostic::Severity;
use netfig::mermaid::flowchart as parse_flowchart;
use netfig::SourceFile;
use std::collections::BTreeSet;
use std::path::PathBuf;

type Expect = BTreeSet<(String, usize, usize, String)>;

fn declared(src: &str) -> Expect {
    let mut out = BTreeSet::new();
    for line in src.lines() {
        let Some(i) = line.find("%% ") else { continue };
        let rest = &line[i + 3..];
        for kind in ["error", "warning"] {
            if let Some(r) = rest.strip_prefix(&format!("{kind}: ")) {
                let mut parts = r.split_whitespace();
                let pos = parts.next().expect("LINE:COL");
                let code = parts.next().expect("CODE");
                let (l, c) = pos.split_once(':').expect("LINE:COL");
                out.insert((
                    kind.to_string(),
                    l.parse().unwrap(),
                    c.parse().unwrap(),
                    code.to_string(),
                ));
            }
        }
    }
    out
}

#[test]
fn fixtures_report_exactly_the_declared_diagnostics() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mmd");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "mmd"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "only {} fixtures", files.len());
    let mut failures = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        let want = declared(&src);
        let file = SourceFile::new(f.file_name().unwrap().to_string_lossy(), src.clone());
        let (_, diags) = parse_flowchart(&src);
        let got: Expect = diags
            .iter()
            .map(|d| {
                let (l, c) = file.line_col(d.span.start);
                let kind = if d.severity == Severity::Error {
                    "error"
                } else {
                    "warning"
                };
                (kind.to_string(), l, c, d.code.to_string())
            })
            .collect();
        if std::env::var_os("NETFIG_SHOW").is_some() {
            eprintln!("{}", file.render_all(&diags));
        }
        if got != want {
            failures.push(format!(
                "{}:\n  missing: {:?}\n  unexpected: {:?}\n{}",
                f.display(),
                want.difference(&got).collect::<Vec<_>>(),
                got.difference(&want).collect::<Vec<_>>(),
                file.render_all(&diags)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
