//! End-to-end tests of `netfig render` on TCP state machines, through the real binary.

use crate::common;

use common::{has_han, items, netfig, root, scratch};
use std::process::Output;

const REFERENCE: &str = "diagrams/tcp-states.yaml";

/// The classic mistake: an active close straight into TIME-WAIT.
const TIME_WAIT_MISTAKE: &str = "machine: tcp
transitions:
  - { from: CLOSED, event: active OPEN, action: [create TCB, snd SYN], to: SYN-SENT }
  - { from: ESTABLISHED, event: CLOSE, action: snd FIN, to: TIME-WAIT }
";

fn ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn render(name: &str, args: &[&str]) -> String {
    let dir = scratch(name);
    let out = dir.join("out");
    let mut argv = vec!["render"];
    argv.extend_from_slice(args);
    argv.extend_from_slice(&["-o", out.to_str().unwrap()]);
    let o = netfig(&argv, &root(), None);
    ok(&o);
    std::fs::read_to_string(out).expect("output written")
}

/// (from, to) of every transition of the reference, in file order.
fn reference_transitions() -> Vec<String> {
    let text = std::fs::read_to_string(root().join(REFERENCE)).unwrap();
    text.lines()
        .filter(|l| l.trim_start().starts_with("- { from:"))
        .map(|l| {
            let field = |k: &str| {
                let i = l.find(&format!("{k}: ")).unwrap() + k.len() + 2;
                l[i..].split([',', ' ']).next().unwrap().to_string()
            };
            format!("{}->{}", field("from"), field("to"))
        })
        .collect()
}

#[test]
fn full_reference_has_every_state_and_transition() {
    let svg = render("states-full", &[REFERENCE]);
    assert!(svg.starts_with("<svg "), "no prolog");
    assert!(svg.contains("class=\"netfig netfig-states\" role=\"img\""));
    assert!(!svg.contains("<script") && !svg.contains("<?xml"));
    assert!(!svg.lines().any(|l| l.trim().is_empty()), "blank line");
    let nodes = items(&svg, "node");
    let ids: Vec<&str> = nodes.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(
        ids,
        [
            "CLOSED",
            "LISTEN",
            "SYN-SENT",
            "SYN-RECEIVED",
            "ESTABLISHED",
            "FIN-WAIT-1",
            "FIN-WAIT-2",
            "CLOSE-WAIT",
            "CLOSING",
            "LAST-ACK",
            "TIME-WAIT"
        ]
    );
    let edges: Vec<String> = items(&svg, "edge").into_iter().map(|e| e.key).collect();
    let expected = reference_transitions();
    assert_eq!(expected.len(), 68);
    assert_eq!(edges, expected);
    // Legend and path styles.
    assert!(svg.contains("<g class=\"legend\""));
    assert_eq!(svg.matches("<g class=\"legend-entry\">").count(), 3);
    for path in ["client", "server", "other"] {
        assert!(
            svg.contains(&format!("class=\"edge path-{path}\"")),
            "{path}"
        );
    }
    // The self-loop is drawn.
    assert!(edges.iter().any(|e| e == "TIME-WAIT->TIME-WAIT"));
}

#[test]
fn languages_select_label_lines() {
    let en = render("states-en", &[REFERENCE, "--lang", "en"]);
    for item in items(&en, "node").into_iter().chain(items(&en, "edge")) {
        for line in &item.lines {
            assert!(!has_han(line), "{}: {line}", item.key);
        }
    }
    // Chinese: every label is its one Chinese line, which starts with Han characters;
    // protocol tokens (SYN, ACK, FIN, RST, TCB, 2MSL) stay inside it, and `data-id` keeps the
    // author's spelling. A line wider than 200 px wraps (issue 11), so a token may end up on a
    // continuation line of its own, never on an English line.
    let zh = render("states-zh", &[REFERENCE, "--lang", "zh"]);
    let english: Vec<String> = items(&en, "node")
        .into_iter()
        .chain(items(&en, "edge"))
        .flat_map(|i| i.lines)
        .collect();
    for item in items(&zh, "node").into_iter().chain(items(&zh, "edge")) {
        assert!(!item.lines.is_empty(), "{}", item.key);
        assert!(has_han(&item.lines[0]), "{}: {:?}", item.key, item.lines);
        for line in &item.lines {
            // A protocol token wrapped onto a line of its own (`TCB` after `删除`) is no
            // English line, even where an English label wraps the same way.
            let tokens_only = line.split_whitespace().all(|w| {
                w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            });
            assert!(
                tokens_only || !english.contains(line),
                "{}: {line}",
                item.key
            );
        }
    }
    let both = render("states-both", &[REFERENCE, "--lang", "both"]);
    let node = items(&both, "node")
        .into_iter()
        .find(|n| n.key == "TIME-WAIT")
        .unwrap();
    assert_eq!(node.lines, ["时间等待", "TIME-WAIT"]);
    let edge = items(&both, "edge")
        .into_iter()
        .find(|e| e.key == "FIN-WAIT-2->TIME-WAIT")
        .unwrap();
    assert_eq!(edge.lines, ["收到 FIN / 发送 ACK", "rcv FIN / snd ACK"]);
}

#[test]
fn markdown_table() {
    let md = render(
        "states-md",
        &[
            REFERENCE, "--view", "table", "--format", "md", "--lang", "en",
        ],
    );
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(
        lines[0],
        "| From | Event | Action | To | Condition | RFC 9293 section |"
    );
    assert_eq!(lines.len(), 2 + 68);
    assert_eq!(
        lines[2],
        // Cells are Markdown-escaped (issue 9 item 6), and what starts no syntax stays as
        // written.
        "| CLOSED | passive OPEN | create TCB | LISTEN |  | 3.3.2 Figure 5 |"
    );
    // Conditions are shown, each with its section (issue 16 point 11).
    let row = |from: &str, event: &str, to: &str| {
        let start = format!("| {from} | {event} | ");
        lines
            .iter()
            .find(|l| l.starts_with(&start) && l.contains(&format!(" | {to} | ")))
            .copied()
            .unwrap_or_else(|| panic!("no row {from} {event} {to}"))
    };
    assert!(row("SYN-RECEIVED", "rcv RST", "LISTEN")
        .contains("only after a passive OPEN (SYN-RECEIVED reached from LISTEN) (3.3.2 Figure 5 note 1; 3.10.7.4)"));
    assert!(row("SYN-RECEIVED", "rcv RST", "CLOSED").contains("only after an active OPEN"));
    assert!(row("SYN-SENT", "rcv RST", "CLOSED").contains("acknowledges our SYN"));
    assert!(row("TIME-WAIT", "rcv FIN", "TIME-WAIT").contains("restart the 2 MSL timeout"));
    assert!(row("ESTABLISHED", "ABORT", "TIME-WAIT").contains("3.3.2 Figure 5 note 3"));
    assert!(row("TIME-WAIT", "rcv SYN", "SYN-RECEIVED").contains("(3.6.1, MAY-2)"));
    assert!(row("TIME-WAIT", "rcv SYN", "CLOSED").contains("(3.10.7.4, fourth step)"));
    // Actions in the RFC's order (3.10.5: send the RST, then delete the TCB).
    assert!(row("ESTABLISHED", "ABORT", "CLOSED").contains("| snd RST, delete TCB |"));
}

#[test]
fn html_table_and_template_override() {
    let html = render("states-html", &[REFERENCE, "--view", "table"]);
    assert!(html.starts_with("<table class=\"netfig-state-table\""));
    assert_eq!(html.matches("<tr class=\"netfig-path-").count(), 68);
    assert!(!html.lines().any(|l| l.trim().is_empty()));

    let dir = scratch("states-template");
    std::fs::write(
        dir.join("state-table.html.hbs"),
        "<ul class=\"mine\">\n{{#each rows}}\n<li>{{from_id}} → {{to_id}} ({{section}})</li>\n\n{{/each}}\n</ul>\n",
    )
    .unwrap();
    let out = dir.join("t.html");
    let o = netfig(
        &[
            "render",
            REFERENCE,
            "--view",
            "table",
            "--format",
            "html",
            "--template",
            dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        &root(),
        None,
    );
    ok(&o);
    let custom = std::fs::read_to_string(out).unwrap();
    assert!(custom.starts_with("<ul class=\"mine\">"), "{custom}");
    assert!(custom.contains("<li>CLOSED → LISTEN (3.3.2 Figure 5)</li>"));
    assert!(
        !custom.lines().any(|l| l.trim().is_empty()),
        "blank lines dropped"
    );

    // A folder without the file keeps the built-in template.
    let empty = scratch("states-template-empty");
    let both = render(
        "states-both-view",
        &[
            REFERENCE,
            "--view",
            "both",
            "--template",
            empty.to_str().unwrap(),
        ],
    );
    assert!(both.starts_with("<svg "));
    assert!(both.contains("</svg>\n<table class=\"netfig-state-table\""));
}

#[test]
fn time_wait_mistake_is_denied_or_warned() {
    let dir = scratch("states-mistake");
    let input = dir.join("mistake.yaml");
    std::fs::write(&input, TIME_WAIT_MISTAKE).unwrap();
    let o = netfig(&["render", input.to_str().unwrap()], &root(), None);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("E-TCP-004"), "{err}");
    assert!(err.contains("nothing written"), "{err}");
    assert!(!dir.join("mistake.svg").exists());

    let o = netfig(
        &["render", input.to_str().unwrap(), "--check", "warn"],
        &root(),
        None,
    );
    ok(&o);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning") && err.contains("E-TCP-004"),
        "{err}"
    );
    let svg = std::fs::read_to_string(dir.join("mistake.svg")).unwrap();
    let edges: Vec<String> = items(&svg, "edge").into_iter().map(|e| e.key).collect();
    assert_eq!(edges, ["CLOSED->SYN-SENT", "ESTABLISHED->TIME-WAIT"]);

    let o = netfig(
        &[
            "render",
            input.to_str().unwrap(),
            "--check",
            "off",
            "-o",
            "-",
        ],
        &root(),
        None,
    );
    ok(&o);
    assert!(o.stderr.is_empty());
}

#[test]
fn stdin_by_content_and_usage_errors() {
    let o = netfig(
        &["render", "-", "-o", "-", "--lang", "en"],
        &root(),
        Some(
            TIME_WAIT_MISTAKE
                .replace("TIME-WAIT }", "FIN-WAIT-1 }")
                .as_bytes(),
        ),
    );
    ok(&o);
    let svg = String::from_utf8(o.stdout).unwrap();
    assert!(svg.contains("netfig-states"));

    let o = netfig(
        &[
            "render",
            "diagrams/osi-vs-tcpip.mmd",
            "--view",
            "table",
            "-o",
            "-",
        ],
        &root(),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("TCP state machine"));
    let o = netfig(
        &["render", REFERENCE, "--format", "md", "-o", "-"],
        &root(),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let o = netfig(
        &[
            "render", REFERENCE, "--view", "table", "--format", "png", "-o", "-",
        ],
        &root(),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn output_is_byte_identical_and_png_works() {
    let a = render("states-det-a", &[REFERENCE, "--theme", "dark"]);
    let b = render("states-det-b", &[REFERENCE, "--theme", "dark"]);
    assert_eq!(a, b);
    assert!(a.contains("var(--netfig-state-client,#58a6ff)"));

    let dir = scratch("states-png");
    let o = netfig(
        &[
            "render",
            REFERENCE,
            "--format",
            "png",
            "--out-dir",
            dir.to_str().unwrap(),
        ],
        &root(),
        None,
    );
    ok(&o);
    let png = std::fs::read(dir.join("tcp-states.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[test]
fn readme_state_diagram_is_fresh() {
    let fresh = render("states-readme", &["diagrams/tcp-figure5.yaml"]);
    let committed = std::fs::read_to_string(root().join("docs/tcp-states.svg")).unwrap();
    assert!(
        fresh == committed,
        "docs/tcp-states.svg is stale: run `netfig render diagrams/tcp-figure5.yaml -o docs/tcp-states.svg`"
    );
    let fresh = render("states-readme-full", &["diagrams/tcp-states.yaml"]);
    let committed = std::fs::read_to_string(root().join("docs/tcp-reference.svg")).unwrap();
    assert!(
        fresh == committed,
        "docs/tcp-reference.svg is stale: run `netfig render diagrams/tcp-states.yaml -o docs/tcp-reference.svg`"
    );
}

#[test]
fn broken_template_is_reported() {
    let dir = scratch("states-broken-template");
    std::fs::write(dir.join("state-table.html.hbs"), "{{#each rows}}<li>\n").unwrap();
    let o = netfig(
        &[
            "render",
            REFERENCE,
            "--view",
            "table",
            "--template",
            dir.to_str().unwrap(),
            "-o",
            "-",
        ],
        &root(),
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("E-TPL-001"), "{err}");
    assert!(o.stdout.is_empty());
}
