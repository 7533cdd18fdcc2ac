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

#[test]
fn many_duplicates_name_a_few_others_each() {
    // Each of 2,000 identical listings used to name all 1,999 others: a report quadratic in
    // the file (8,000 listings took 8 s and 1.2 GB).
    let mut text = String::from("machine: tcp\ntransitions:\n");
    for _ in 0..2000 {
        text.push_str(
            "  - { from: SYN-RECEIVED, event: rcv ACK of SYN, action: x, to: ESTABLISHED }\n",
        );
    }
    let diags = netfig::tcp::check_source(&text);
    let dups: Vec<_> = diags.iter().filter(|d| d.code == "E-TCP-006").collect();
    assert_eq!(dups.len(), 2000);
    assert!(dups[0].hints[0].starts_with("the same transition is also item 2, 3, 4,"));
    assert!(
        dups[0].hints[0].contains("and 1991 more"),
        "{}",
        dups[0].hints[0]
    );
    assert!(
        dups[5].hints[0].contains("item 1, 2, 3, 4, 5, 7,"),
        "{}",
        dups[5].hints[0]
    );
    let total: usize = dups.iter().flat_map(|d| &d.hints).map(String::len).sum();
    assert!(total < 2000 * 200, "hints total {total} bytes");
}
