//! The stack view of layer diagrams (`view=stack`): the bundled example in three languages
//! (snapshots, readable at its natural size in a book's column), through the CLI and the
//! book's blocks, and the errors when the view does not apply.

use crate::common::{has_han, netfig, root, scratch};
use netfig::book::{process_chapter, ChapterContext, Config};
use netfig::model::LangChoice;
use netfig::pipeline::{compile, Kind, Options, View};

const EXAMPLE: &str = "diagrams/osi-vs-tcpip.mmd";
/// The example's models and layers, top first.
const MODELS: [(&str, &[&str]); 2] = [
    (
        "OSI七层模型（理论标准）",
        &["A7", "A6", "A5", "A4", "A3", "A2", "A1"],
    ),
    ("TCP/IP四层模型（实际实现）", &["B4", "B3", "B2", "B1"]),
];
/// The widest a figure may be in the book's column at its natural size, px.
const COLUMN: f64 = 720.0;
/// The smallest label text that reads in a book, px.
const SMALLEST_TEXT: f64 = 13.0;

fn example() -> String {
    std::fs::read_to_string(root().join(EXAMPLE)).unwrap()
}

fn stack_svg(source: &str, lang: LangChoice) -> String {
    let mut options = Options::default();
    options.view = View::Stack;
    options.lang = lang;
    options.id_prefix = Some("nf-stack".into());
    let out = compile(source, Kind::Flowchart, &options).unwrap_or_else(|d| panic!("{d:?}"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    out.svg.unwrap()
}

const LANGS: [(&str, LangChoice); 3] = [
    ("zh", LangChoice::Zh),
    ("en", LangChoice::En),
    ("both", LangChoice::Both),
];

#[test]
fn the_example_is_two_stacks_of_its_layers_in_order() {
    for (_, lang) in LANGS {
        let svg = stack_svg(&example(), lang);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let models: Vec<roxmltree::Node> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("model"))
            .collect();
        assert_eq!(models.len(), 2);
        for (m, (id, layers)) in models.iter().zip(MODELS) {
            assert_eq!(m.attribute("data-id").map(decoded).as_deref(), Some(id));
            let ids: Vec<&str> = m
                .children()
                .filter(|n| n.attribute("class") == Some("layer"))
                .filter_map(|n| n.attribute("data-id"))
                .collect();
            assert_eq!(ids, layers);
            // Each layer: its band first, then its label.
            for layer in m
                .children()
                .filter(|n| n.attribute("class") == Some("layer"))
            {
                let kids: Vec<&str> = layer
                    .children()
                    .filter(|n| n.is_element())
                    .map(|n| n.tag_name().name())
                    .collect();
                assert_eq!(kids, ["rect", "text"]);
            }
        }
        // `classDef default` carries over to every band.
        assert_eq!(
            svg.matches("class=\"band\"").count(),
            svg.matches("style=\"fill:#e6f3ff;stroke:#333;stroke-width:2px\"")
                .count()
        );
        assert_eq!(svg.matches("class=\"band\"").count(), 11);
        assert_eq!(svg.matches("class=\"mapping span\"").count(), 7);
    }
}

/// A percent-encoded id (`data-id`) decoded.
fn decoded(s: &str) -> String {
    let mut bytes = Vec::new();
    let mut rest = s.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' && tail.len() >= 2 {
            let hex = std::str::from_utf8(&tail[..2]).unwrap();
            bytes.push(u8::from_str_radix(hex, 16).unwrap());
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).unwrap()
}

/// `width` of the root, and every font size the document sets (root attribute, stylesheet
/// rules, inline styles).
fn width_and_font_sizes(svg: &str) -> (f64, Vec<f64>) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    let width: f64 = root.attribute("width").unwrap().parse().unwrap();
    let mut sizes = vec![root.attribute("font-size").unwrap().parse().unwrap()];
    for n in doc.descendants() {
        if let Some(v) = n.attribute("font-size") {
            sizes.push(v.trim_end_matches("px").parse().unwrap());
        }
    }
    for css in svg.split("font-size:").skip(1) {
        let v: String = css
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        sizes.push(v.parse().unwrap());
    }
    (width, sizes)
}

#[test]
fn the_example_fits_a_book_column_with_readable_text() {
    for (name, lang) in LANGS {
        let svg = stack_svg(&example(), lang);
        let (width, sizes) = width_and_font_sizes(&svg);
        assert!(width <= COLUMN, "{name}: {width} px wide");
        assert!(
            sizes.iter().all(|&s| s >= SMALLEST_TEXT),
            "{name}: font sizes {sizes:?}"
        );
        // The English drawing is English only: the glossary translates the model titles.
        assert_eq!(has_han(&svg), lang != LangChoice::En, "{name}");
        // Nothing scales it down: the drawing's own size is its view box.
        assert!(svg.contains(&format!("style=\"max-width:{width}px\"")));
    }
}

#[test]
fn snapshots_of_the_example() {
    for (name, lang) in LANGS {
        let svg = stack_svg(&example(), lang);
        insta::assert_snapshot!(format!("osi_vs_tcpip_stack_{name}"), svg);
    }
}

#[test]
fn the_default_view_of_the_example_stays_the_flowchart() {
    let out = compile(&example(), Kind::Flowchart, &Options::default()).unwrap();
    let svg = out.svg.unwrap();
    assert!(svg.contains("netfig netfig-flowchart") && !svg.contains("class=\"model\""));
}

#[test]
fn a_flowchart_that_is_no_layer_diagram_is_an_error_naming_its_subgraphs() {
    let src = "flowchart LR\nsubgraph Web\nC[Client] --> S[Server]\nend\n";
    let mut options = Options::default();
    options.view = View::Stack;
    let errs = compile(src, Kind::Flowchart, &options).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].code, "E-MMD-028");
    assert!(errs[0].message.contains("`Web` (2 nodes)"), "{errs:?}");
}

#[test]
fn cli_renders_the_stack_view() {
    let dir = scratch("stack-cli");
    let out = dir.join("stack.svg");
    let o = netfig(
        &[
            "render",
            EXAMPLE,
            "--view",
            "stack",
            "--lang",
            "en",
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
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("netfig netfig-stack"));
    assert!(svg.contains("<g class=\"layer\" data-id=\"B1\">"));
    assert!(svg.contains("Network Interface Layer") && !svg.contains("网络接口层"));
}

#[test]
fn cli_rejects_the_stack_view_where_it_does_not_apply() {
    // A state machine: a usage error.
    let o = netfig(
        &[
            "render",
            "diagrams/tcp-states.yaml",
            "--view",
            "stack",
            "-o",
            "-",
        ],
        &root(),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--view stack needs a mermaid flowchart of layer models"),
        "{err}"
    );
    // A flowchart that is not a layer diagram: an input error at its first subgraph.
    let o = netfig(
        &["render", "-", "--view", "stack", "-o", "-"],
        &root(),
        Some(b"flowchart LR\n  subgraph Web\n    C --> S\n  end\n"),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("E-MMD-028") && err.contains("`Web` (2 nodes)"),
        "{err}"
    );
    assert!(err.contains("2:3"), "{err}");
}

fn chapter(md: &str) -> (String, Vec<netfig::book::Finding>) {
    let config = Config::default();
    let cx = ChapterContext {
        display_path: "src/layers.md".into(),
        dir: &root().join("book/en/src"),
        disk_text: None,
        renderer: "html",
        id_seed: "stack".into(),
        config: &config,
    };
    process_chapter(md, &cx)
}

#[test]
fn book_blocks_and_includes_take_view_stack() {
    let md = "{{#netfig ../../../diagrams/osi-vs-tcpip.mmd view=stack lang=en}}\n\n```mermaid view=stack lang=zh\nflowchart TD\nsubgraph OSI\nA[应用层]\nB[传输层]\nC[网络层]\nend\nsubgraph TCPIP[TCP/IP]\nD[应用层]\nE[传输层]\nF[网际层]\nend\nA --> D\nB --> E\nC --> F\n```\n";
    let (out, findings) = chapter(md);
    assert!(findings.iter().all(|f| !f.is_error()), "{findings:?}");
    assert_eq!(out.matches("netfig netfig-stack").count(), 2, "{out}");
    assert!(out.contains("<g class=\"model\" data-id=\"TCPIP\">"));
}

#[test]
fn book_rejects_a_view_that_does_not_apply() {
    let md = "```tcp-states view=stack\nmachine: tcp\ntransitions:\n  - { from: CLOSED, event: passive OPEN, action: create TCB, to: LISTEN }\n```\n\n```mermaid view=table\nflowchart LR\nA --> B\n```\n";
    let (_, findings) = chapter(md);
    let errors: Vec<String> = findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| f.diagnostic.message.clone())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].contains("`stack` draws layer diagrams"),
        "{errors:?}"
    );
    assert!(
        errors[1].contains("expected `diagram` or `stack`"),
        "{errors:?}"
    );
}
