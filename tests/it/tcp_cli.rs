//! `netfig check` and `netfig reference`, run as the real binary.

use crate::common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn netfig(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_netfig"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/tcp/{name}")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn clean_file_exits_0() {
    let o = netfig(&["check", "diagrams/tcp-states.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("checked 1 file(s): 0 error(s), 0 warning(s)"));
}

#[test]
fn findings_exit_1_with_rendered_diagnostics() {
    let o = netfig(&["check", &fixture("time_wait_mistake.yaml")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("time_wait_mistake.yaml:9:9: error[E-TCP-004]"),
        "{err}"
    );
    assert!(
        err.contains("hint: shortest legal path: ESTABLISHED --CLOSE / snd FIN--> FIN-WAIT-1"),
        "{err}"
    );
}

#[test]
fn usage_and_io_problems_exit_2() {
    assert_eq!(netfig(&["check"]).status.code(), Some(2));
    assert_eq!(
        netfig(&["check", "--format", "xml", "x.yaml"])
            .status
            .code(),
        Some(2)
    );
    let o = netfig(&["check", "tests/fixtures/tcp/no-such-file.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-file.yaml"));
    let o = netfig(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/tcp/no-such-file.yaml",
        &fixture("aliases.yaml"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["files"], 1);
    assert!(doc["failures"][0]
        .as_str()
        .unwrap()
        .contains("no-such-file.yaml"));
    assert_eq!(
        netfig(&["reference", "--format", "svg"]).status.code(),
        Some(2)
    );
}

#[test]
fn json_format_lists_findings() {
    let o = netfig(&[
        "check",
        "--format",
        "json",
        &fixture("time_wait_mistake.yaml"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["errors"], 1);
    let f = &doc["findings"][0];
    assert!(f["file"]
        .as_str()
        .unwrap()
        .ends_with("time_wait_mistake.yaml"));
    assert_eq!((f["line"].as_u64(), f["col"].as_u64()), (Some(9), Some(9)));
    assert_eq!(f["severity"], "error");
    assert_eq!(f["code"], "E-TCP-004");
    assert!(f["hints"].as_array().unwrap().len() >= 3);
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let file = fixture("glossary_warning.yaml");
    assert_eq!(netfig(&["check", &file]).status.code(), Some(0));
    assert_eq!(
        netfig(&["check", "--deny-warnings", &file]).status.code(),
        Some(1)
    );
}

#[test]
fn folders_are_walked_recursively_in_sorted_order() {
    let dir = common::scratch("tcp-cli-walk");
    std::fs::create_dir_all(dir.join("b/nested")).unwrap();
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    let good =
        "machine: tcp\ntransitions:\n  - { from: CLOSED, event: passive OPEN, to: LISTEN }\n";
    let bad =
        "machine: tcp\ntransitions:\n  - { from: CLOSED, event: passive OPEN, to: SYN-SENT }\n";
    std::fs::write(dir.join("b/nested/z.yml"), bad).unwrap();
    std::fs::write(dir.join("a.yaml"), bad).unwrap();
    std::fs::write(dir.join("b/ok.yaml"), good).unwrap();
    std::fs::write(dir.join("notes.txt"), "not yaml {").unwrap();
    std::fs::write(dir.join(".hidden/x.yaml"), "{").unwrap();
    let o = netfig(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["files"], 3);
    let files: Vec<String> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = f["file"].as_str().unwrap();
            Path::new(p)
                .strip_prefix(&dir)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(files, ["a.yaml", "b/nested/z.yml"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn standard_input_is_read_for_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_netfig"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"machine: tcp\ntransitions:\n  - { from: ESTAB, event: CLOSE, action: snd FIN, to: TIME_WAIT }\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("<stdin>:3:"), "{}", stderr(&o));
}

#[test]
fn reference_yaml_passes_check_and_other_formats_parse() {
    let o = netfig(&["reference", "--format", "yaml"]);
    assert_eq!(o.status.code(), Some(0));
    let dir = common::scratch("tcp-cli-reference");
    let path = dir.join("reference.yaml");
    std::fs::write(&path, &o.stdout).unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("scope: full"));
    let c = netfig(&["check", "--deny-warnings", path.to_str().unwrap()]);
    assert_eq!(c.status.code(), Some(0), "{}", stderr(&c));

    let json = netfig(&["reference", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["transitions"].as_array().unwrap().len(), 68);
    // Conditions are data: each with its id and section.
    let syn_sent_rst = doc["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["from"] == "SYN-SENT" && t["event"] == "rcv RST")
        .unwrap();
    assert_eq!(syn_sent_rst["conditions"][0]["id"], "rst-acks-syn");
    assert_eq!(syn_sent_rst["conditions"][0]["section"], "3.10.7.3");

    let table = netfig(&["reference", "--format", "table"]);
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.starts_with("| # | from | event | action | to | RFC 9293 section |"));
    assert_eq!(table.lines().count(), 70);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_diagram_file_is_the_reference() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("diagrams/tcp-states.yaml"),
    )
    .unwrap();
    assert_eq!(
        text,
        netfig::tcp::reference::to_yaml(),
        "regenerate with `netfig reference > diagrams/tcp-states.yaml`"
    );
    assert!(netfig::tcp::check_source(&text).is_empty());
}
