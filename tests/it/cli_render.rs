//! End-to-end tests of `netfig render` through the real binary.

use crate::common;

use common::{has_han, items, netfig, root, scratch};
use std::path::Path;

const EXAMPLE: &str = "diagrams/osi-vs-tcpip.mmd";

/// (node id, Chinese line, English line) of the bundled example.
const LAYERS: [(&str, &str, &str); 11] = [
    ("A7", "应用层", "Application Layer"),
    ("A6", "表示层", "Presentation Layer"),
    ("A5", "会话层", "Session Layer"),
    ("A4", "传输层", "Transport Layer"),
    ("A3", "网络层", "Network Layer"),
    ("A2", "数据链路层", "Data Link Layer"),
    ("A1", "物理层", "Physical Layer"),
    ("B4", "应用层", "Application Layer"),
    ("B3", "传输层", "Transport Layer"),
    ("B2", "网络层", "Internet Layer"),
    ("B1", "网络接口层", "Network Interface Layer"),
];

fn render_example(lang: &str) -> String {
    // Tests run in parallel and several render the same language: each call gets a folder of
    // its own (a shared one was removed under another test's feet).
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = scratch(&format!("example-{lang}-{call}"));
    let out = dir.join("out.svg");
    let o = netfig(
        &[
            "render",
            EXAMPLE,
            "--lang",
            lang,
            "-o",
            out.to_str().unwrap(),
        ],
        &root(),
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read_to_string(out).expect("output written")
}

#[test]
fn example_both_languages_has_every_label_line() {
    let svg = render_example("both");
    let nodes = items(&svg, "node");
    assert_eq!(nodes.len(), 11, "{nodes:?}");
    for (id, zh, en) in LAYERS {
        let node = nodes
            .iter()
            .find(|n| n.key == id)
            .unwrap_or_else(|| panic!("node {id} missing"));
        assert_eq!(
            node.lines,
            vec![zh.to_string(), en.to_string()],
            "node {id}"
        );
    }
    let clusters = items(&svg, "cluster");
    let titles: Vec<&[String]> = clusters.iter().map(|c| c.lines.as_slice()).collect();
    // Subgraph titles wrap at mermaid's 200 px like node labels (issue 11): the second is
    // wider, and breaks between Chinese characters, `）` staying with the character before it.
    assert_eq!(
        titles,
        [
            &["OSI七层模型（理论标准）".to_string()][..],
            &["TCP/IP四层模型（实际实".to_string(), "现）".to_string()][..]
        ]
    );
    let edges = items(&svg, "edge");
    let keys: Vec<&str> = edges.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        keys,
        vec!["A7->B4", "A6->B4", "A5->B4", "A4->B3", "A3->B2", "A2->B1", "A1->B1"]
    );
    // `classDef default` colours every node.
    assert!(
        svg.matches("#e6f3ff").count() >= 11,
        "classDef default fill not applied to every node"
    );
}

#[test]
fn example_english_has_no_chinese_node_text() {
    let svg = render_example("en");
    for node in items(&svg, "node") {
        let (_, _, en) = LAYERS.iter().find(|l| l.0 == node.key).expect("known node");
        assert_eq!(node.lines, vec![en.to_string()], "node {}", node.key);
        assert!(!node.lines.iter().any(|l| has_han(l)));
    }
    // Subgraph titles follow the same rule: a title with only a Chinese line keeps it.
    assert_eq!(items(&svg, "cluster").len(), 2);
}

#[test]
fn example_chinese_has_no_english_lines() {
    let svg = render_example("zh");
    for node in items(&svg, "node") {
        let (_, zh, _) = LAYERS.iter().find(|l| l.0 == node.key).expect("known node");
        assert_eq!(node.lines, vec![zh.to_string()], "node {}", node.key);
        assert!(
            node.lines.iter().all(|l| has_han(l)),
            "English line kept in {}",
            node.key
        );
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    let a = render_example("both");
    let b = render_example("both");
    assert_eq!(a, b);
}

#[test]
fn svg_contract_holds() {
    let svg = render_example("both");
    assert!(!svg.starts_with("<?xml"), "no XML prolog");
    assert!(!svg.contains("\n\n"), "no blank lines");
    assert!(!svg.contains("<script"), "no scripts");
    assert!(!svg.contains("foreignObject"));
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<title"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root_el = doc.root_element();
    let prefix = root_el.attribute("id").expect("root id");
    for n in doc.descendants() {
        if let Some(id) = n.attribute("id") {
            assert!(id.starts_with(prefix), "id {id} not prefixed with {prefix}");
        }
    }
    usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("usvg parses the SVG");
}

#[test]
fn stdin_to_stdout() {
    let src = std::fs::read(root().join(EXAMPLE)).unwrap();
    let o = netfig(&["render", "-", "-o", "-"], &root(), Some(&src));
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let svg = String::from_utf8(o.stdout).unwrap();
    assert!(svg.starts_with("<svg"));
    assert_eq!(items(&svg, "node").len(), 11);
}

#[test]
fn png_output_scales() {
    let dir = scratch("png");
    let one = dir.join("one.png");
    let two = dir.join("two.png");
    for (out, scale) in [(&one, "1"), (&two, "2")] {
        let o = netfig(
            &[
                "render",
                EXAMPLE,
                "--format",
                "png",
                "--scale",
                scale,
                "-o",
                out.to_str().unwrap(),
            ],
            &root(),
            None,
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let dims = |p: &Path| {
        let b = std::fs::read(p).unwrap();
        assert_eq!(&b[..8], b"\x89PNG\r\n\x1a\n");
        (
            u32::from_be_bytes(b[16..20].try_into().unwrap()),
            u32::from_be_bytes(b[20..24].try_into().unwrap()),
        )
    };
    let (w1, h1) = dims(&one);
    let (w2, h2) = dims(&two);
    assert!(w1 > 100 && h1 > 100);
    assert!((w2 as i64 - 2 * w1 as i64).abs() <= 1 && (h2 as i64 - 2 * h1 as i64).abs() <= 1);
}

/// Without `--format`, `-o`'s extension chooses the format (as mermaid-cli's `-o` does);
/// `--format` wins over it, and an extension that names no format means the default.
#[test]
fn output_extension_chooses_the_format() {
    let dir = scratch("ext-format");
    let run = |out: &str, extra: &[&str]| {
        let path = dir.join(out);
        let input = if extra.contains(&"table") {
            "diagrams/tcp-states.yaml"
        } else {
            EXAMPLE
        };
        let mut args = vec!["render", input, "-o", path.to_str().unwrap()];
        args.extend_from_slice(extra);
        let o = netfig(&args, &root(), None);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        std::fs::read(&path).unwrap()
    };
    assert_eq!(&run("a.png", &[])[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&run("b.PNG", &[])[..8], b"\x89PNG\r\n\x1a\n");
    assert!(run("c.svg", &[]).starts_with(b"<svg"));
    assert!(run("d.png", &["--format", "svg"]).starts_with(b"<svg"));
    assert!(run("e.image", &[]).starts_with(b"<svg"));
    let table = run("f.md", &["--view", "table"]);
    assert!(String::from_utf8(table).unwrap().contains("| "));
}

#[test]
fn several_inputs_to_out_dir() {
    let dir = scratch("many");
    let a = dir.join("a.mmd");
    let b = dir.join("b.mermaid");
    std::fs::write(&a, "flowchart LR\n  A --> B\n").unwrap();
    std::fs::write(&b, "graph TD\n  X[x] --- Y((y))\n").unwrap();
    let out = dir.join("out");
    let o = netfig(
        &[
            "render",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
        ],
        &root(),
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.join("a.svg").is_file());
    assert!(out.join("b.svg").is_file());
}

#[test]
fn input_errors_exit_1_with_located_diagnostics_and_no_output() {
    let dir = scratch("bad");
    let bad = dir.join("bad.mmd");
    std::fs::write(
        &bad,
        "flowchart LR\n    A[unclosed --> B\n    C --> D{also\n",
    )
    .unwrap();
    let out = dir.join("bad.svg");
    let o = netfig(
        &["render", bad.to_str().unwrap(), "-o", out.to_str().unwrap()],
        &dir,
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.mmd:2:"), "{err}");
    assert!(
        err.contains("bad.mmd:3:"),
        "all errors reported, not just the first: {err}"
    );
    assert!(err.contains('^'), "caret under the error: {err}");
    assert!(!out.exists(), "no output for bad input");
    assert!(std::fs::read_dir(&dir).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".tmp")));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let o = netfig(&["render", "no/such/file.mmd"], &root(), None);
    assert_eq!(o.status.code(), Some(2));
    let o = netfig(&["render", EXAMPLE, "--lang", "fr"], &root(), None);
    assert_eq!(o.status.code(), Some(2));
    let o = netfig(&["render"], &root(), None);
    assert_eq!(o.status.code(), Some(2));
    let o = netfig(&["frobnicate"], &root(), None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_byte_order_mark_is_ignored_and_positions_count_from_the_text() {
    let dir = scratch("bom");
    std::fs::write(dir.join("ok.mmd"), "\u{feff}flowchart LR\n  A --> B\n").unwrap();
    std::fs::write(dir.join("bad.mmd"), "\u{feff}flowchart LR\n  A --> B[x\n").unwrap();
    let ok = netfig(&["render", "ok.mmd", "-o", "ok.svg"], &dir, None);
    assert_eq!(ok.status.code(), Some(0), "{ok:?}");
    assert!(dir.join("ok.svg").is_file());
    let stdin = netfig(
        &["render", "-", "-o", "-"],
        &dir,
        Some("\u{feff}graph TD\nA-->B\n".as_bytes()),
    );
    assert_eq!(stdin.status.code(), Some(0), "{stdin:?}");
    let bad = netfig(&["check", "bad.mmd"], &dir, None);
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("bad.mmd:2:10: error[E-MMD-003]"), "{err}");
}

#[test]
fn another_diagram_kind_is_refused_naming_the_kinds_netfig_draws() {
    let dir = scratch("class-diagram");
    let input = dir.join("class.mmd");
    std::fs::write(&input, "classDiagram\n    Animal <|-- Duck\n").unwrap();
    let out = dir.join("class.svg");
    let o = netfig(
        &[
            "render",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        &root(),
        None,
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("class.mmd:1:1: error[E-MMD-001]: netfig renders flowcharts, sequence diagrams and packet diagrams only; this is a `classDiagram` diagram"),
        "{stderr}"
    );
    assert!(!out.exists());
}
