//! TCP fixtures (`tests/fixtures/tcp/*.yaml`) with their expected diagnostics written inline as
//! `# error: LINE:COL CODE message` comments, read by the suite's one annotation walker
//! (`tests/common/annotations.rs`, which documents the syntax); and two findings looked at
//! more closely.

use crate::common;

use std::path::Path;

#[test]
fn fixtures_match_their_inline_expectations() {
    let dir = common::root().join("tests/fixtures/tcp");
    common::annotations::check_fixtures(&dir, "yaml", "#", 12, netfig::tcp::check_source);
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
        "FIN-WAIT-1 --rcv FIN + ACK of FIN / snd ACK--> TIME-WAIT",
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
