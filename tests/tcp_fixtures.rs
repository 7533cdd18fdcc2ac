//! Fixtures in `tests/fixtures/tcp/*.yaml` carry their expected diagnostics inline:
//! `# error: LINE:COL CODE` or `# warning: LINE:COL CODE` (1-based position of the span start).
//! The produced set must equal the declared set. `NETFIG_BLESS=1` prints the produced lines.

use netfig::diagnostic::{Severity, SourceFile};
use std::path::Path;

fn expected(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let c = l.find('#')?;
            let comment = l[c + 1..].trim();
            ["error:", "warning:"]
                .iter()
                .find(|p| comment.starts_with(**p))
                .map(|_| comment.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .collect();
    out.sort();
    out
}

fn produced(name: &str, text: &str) -> (Vec<String>, String) {
    let diags = netfig::tcp::check_source(text);
    let file = SourceFile::new(name, text);
    let mut out: Vec<String> = diags
        .iter()
        .map(|d| {
            let (line, col) = file.line_col(d.span.start);
            let kind = match d.severity {
                Severity::Error => "error:",
                Severity::Warning => "warning:",
            };
            format!("{kind} {line}:{col} {}", d.code)
        })
        .collect();
    out.sort();
    (out, file.render_all(&diags))
}

#[test]
fn fixtures_match_their_inline_expectations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tcp");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 12, "fixtures missing: {paths:?}");
    let bless = std::env::var_os("NETFIG_BLESS").is_some();
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let want = expected(&text);
        let (got, rendered) = produced(&name, &text);
        if bless {
            println!("== {name}\n{}\n{rendered}", got.join("\n"));
        }
        if want != got {
            failures.push(format!(
                "{name}:\n  expected {want:?}\n  produced {got:?}\n{rendered}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_time_wait_mistake_names_the_legal_paths() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tcp/time_wait_mistake.yaml"),
    )
    .unwrap();
    let diags = netfig::tcp::check_source(&text);
    assert_eq!(diags.len(), 1);
    let hints = diags[0].hints.join("\n");
    for needle in [
        "ESTABLISHED --CLOSE / snd FIN--> FIN-WAIT-1",
        "FIN-WAIT-2 --rcv FIN / snd ACK--> TIME-WAIT",
        "CLOSING --rcv ACK of FIN / x--> TIME-WAIT",
        "FIN-WAIT-1 --rcv FIN,ACK / snd ACK--> TIME-WAIT",
    ] {
        assert!(hints.contains(needle), "missing `{needle}` in\n{hints}");
    }
}
