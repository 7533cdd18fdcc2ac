//! Sequence diagrams drawn (issue 12): whole-document snapshots per construct family, the
//! language selection per label line, byte-identical output, the CLI end to end, and a
//! property test of large random diagrams laid out without overlaps.
//!
//! Review a snapshot change with `INSTA_UPDATE=always cargo test --test it sequence_render::`
//! and `git diff tests/it/snapshots`.

use crate::common::{items, netfig, root, scratch};

use netfig::geometry::Rect;
use netfig::layout::sequence::layout;
use netfig::model::LangChoice;
use netfig::pipeline::{self, Kind, Options};
use proptest::prelude::*;

const TCP_CLOSE: &str = "diagrams/tcp-close.mmd";

fn source(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).expect("read diagram")
}

fn render(src: &str, lang: LangChoice) -> String {
    let mut options = Options::default();
    options.lang = lang;
    options.id_prefix = Some("nf-seq".into());
    let out = pipeline::compile(src, Kind::Sequence, &options).expect("renders");
    let svg = out.svg.expect("svg");
    usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("usvg accepts it");
    svg
}

const BLOCKS_AND_NOTES: &str = "sequenceDiagram
    participant A as Alice
    participant B as Bob
    participant C as Carol
    Note right of A: a note<br/>on two lines
    loop every minute
        A->>B: ping
        alt healthy
            B-->>A: pong
        else sick
            B-xA: error
            Note over A,B: retry later
        end
    end
    par to Bob
        A-)B: hello
    and to Carol
        A-)C: hello
    end
    critical connect
        A->>C: open
    option timeout
        A->>A: give up
    end
    break on failure
        C--)A: fail
    end
    rect rgb(191, 223, 255)
        Note left of A: inside a rect
    end
";

const LIFECYCLE: &str = "sequenceDiagram
    autonumber
    Alice->>+John: Hello John
    Alice->>+John: can you hear me?
    John-->>-Alice: Hi Alice
    John-->>-Alice: I feel great
    create participant Carl
    Alice->>Carl: Hi Carl!
    create actor D as Donald
    Carl->>D: Hi!
    destroy Carl
    Alice-xCarl: We are too many
    Alice<<->>John: both ways
    Alice-|\\John: half
    Alice()->>()John: central
";

const SHAPES_AND_BOXES: &str = "sequenceDiagram
    box Aqua Front
    actor U as User
    participant W@{ \"type\": \"boundary\" }
    end
    box rgb(240, 240, 200) Back
    participant K@{ \"type\": \"control\" }
    participant E@{ \"type\": \"entity\" }
    participant D@{ \"type\": \"database\" }
    participant Q@{ \"type\": \"queue\" }
    participant L@{ \"type\": \"collections\" }
    end
    link U: Profile @ https://example.com/u
    U->>W: click
    W->>K: route
    K->>E: load
    E->>D: select
    D-->>Q: enqueue
    Q-->>L: store
";

#[test]
fn tcp_close_bilingual() {
    insta::assert_snapshot!(render(&source(TCP_CLOSE), LangChoice::Both));
}

#[test]
fn blocks_and_notes() {
    insta::assert_snapshot!(render(BLOCKS_AND_NOTES, LangChoice::Both));
}

#[test]
fn lifecycle_activations_and_arrows() {
    insta::assert_snapshot!(render(LIFECYCLE, LangChoice::Both));
}

#[test]
fn shapes_and_boxes() {
    insta::assert_snapshot!(render(SHAPES_AND_BOXES, LangChoice::Both));
}

#[test]
fn each_language_keeps_its_label_lines() {
    let src = source(TCP_CLOSE);
    let texts = |lang| {
        let svg = render(&src, lang);
        items(&svg, "participant")
            .into_iter()
            .flat_map(|i| i.lines)
            .collect::<Vec<_>>()
            .join("|")
    };
    let (zh, en, both) = (
        texts(LangChoice::Zh),
        texts(LangChoice::En),
        texts(LangChoice::Both),
    );
    assert!(
        zh.contains("主动关闭方") && !zh.contains("Active closer"),
        "{zh}"
    );
    assert!(
        en.contains("Active closer") && !en.contains("主动关闭方"),
        "{en}"
    );
    assert!(
        both.contains("Active closer") && both.contains("主动关闭方"),
        "{both}"
    );
}

#[test]
fn output_is_byte_identical() {
    for src in [BLOCKS_AND_NOTES, LIFECYCLE, SHAPES_AND_BOXES] {
        let opts = Options::default();
        let a = pipeline::compile(src, Kind::Sequence, &opts).unwrap().svg;
        let b = pipeline::compile(src, Kind::Sequence, &opts).unwrap().svg;
        assert_eq!(a, b);
    }
}

#[test]
fn errors_are_located_not_rendered() {
    let errs = pipeline::compile(
        "sequenceDiagram\nA->>: x\n",
        Kind::Flowchart,
        &Options::default(),
    )
    .expect_err("an arrow without a target is an error");
    assert!(errs.iter().all(|d| d.span.start > 0), "{errs:?}");
    assert!(
        errs.iter().any(|d| d.code.starts_with("E-SEQ-")),
        "{errs:?}"
    );
}

#[test]
fn cli_renders_and_checks_a_sequence_diagram() {
    let dir = scratch("sequence-cli");
    let svg = dir.join("close.svg");
    let png = dir.join("close.png");
    for (out, format) in [(&svg, "svg"), (&png, "png")] {
        let o = netfig(
            &[
                "render",
                TCP_CLOSE,
                "--lang",
                "en",
                "--format",
                format,
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
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("class=\"netfig netfig-sequence\""));
    assert!(text.contains(">Active closer<") && !text.contains("主动关闭方"));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let check = netfig(&["check", TCP_CLOSE], &root(), None);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let bad = dir.join("bad.mmd");
    std::fs::write(&bad, "sequenceDiagram\n    A->>B hi\n").unwrap();
    let o = netfig(&["check", bad.to_str().unwrap()], &root(), None);
    let stderr = String::from_utf8_lossy(&o.stdout) + String::from_utf8_lossy(&o.stderr);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr.contains("bad.mmd:2:"), "{stderr}");
}

/// A random diagram: `n` participants, then statements (messages with labels of random
/// length, self-messages, notes, activations, nested blocks).
fn diagram() -> impl Strategy<Value = String> {
    let statement = (0u8..10, 0usize..6, 0usize..6, 0usize..40);
    (2usize..7, prop::collection::vec(statement, 100..140)).prop_map(|(n, stmts)| {
        let mut s = String::from("sequenceDiagram\n");
        let word = |len: usize| {
            "ab cd 握手 efgh ".repeat(len / 4 + 1)[..]
                .chars()
                .take(len + 1)
                .collect::<String>()
        };
        let mut depth = 0;
        let mut open: Vec<&str> = Vec::new();
        let mut messages = 0;
        for (kind, a, b, len) in stmts {
            let (a, b) = (a % n, b % n);
            match kind {
                0..=4 => {
                    s.push_str(&format!("P{a}->>P{b}: {}\n", word(len)));
                    messages += 1;
                }
                5 => s.push_str(&format!("Note over P{a},P{b}: {}\n", word(len))),
                6 => s.push_str(&format!("Note right of P{a}: {}\n", word(len / 2))),
                7 if depth < 4 => {
                    let k = ["loop", "alt", "par", "opt"][len % 4];
                    s.push_str(&format!("{k} {}\n", word(len / 3)));
                    open.push(k);
                    depth += 1;
                }
                8 if !open.is_empty() => {
                    match *open.last().unwrap() {
                        "alt" => s.push_str(&format!("else {}\n", word(len / 3))),
                        "par" => s.push_str(&format!("and {}\n", word(len / 3))),
                        _ => {}
                    }
                    s.push_str(&format!("P{a}->>P{b}: x\n"));
                    s.push_str("end\n");
                    open.pop();
                    depth -= 1;
                }
                _ => {
                    s.push_str(&format!("P{a}->>P{a}: {}\n", word(len / 2)));
                    messages += 1;
                }
            }
        }
        for _ in open {
            s.push_str("end\n");
        }
        assert!(messages > 0);
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::common::proptest_cases(24)))]
    /// Issue 12: a diagram of 100 and more statements is laid out without overlaps, every
    /// row below the previous one, everything inside the drawing.
    #[test]
    fn large_random_diagrams_lay_out_without_overlaps(src in diagram()) {
        let (seq, _) = netfig::mermaid::sequence(&src).expect("generated diagrams parse");
        let l = layout(&seq);
        let problems = l.problems();
        prop_assert!(problems.is_empty(), "{:#?}\n{}", problems, src);
        let page = Rect::new(0.0, 0.0, l.width, l.height);
        let notes = l.notes.iter().map(|n| &n.rect);
        let labels = l.messages.iter().filter_map(|m| m.label_box.as_ref());
        for r in notes.chain(labels).chain(l.participants.iter().map(|p| &p.head)) {
            prop_assert!(page.contains(r, 0.01), "{:?} outside {:?}", r, page);
        }
        let ys: Vec<f64> = l.messages.iter().map(|m| m.points[0].y).collect();
        prop_assert!(ys.windows(2).all(|w| w[0] < w[1]), "rows go down");
    }
}

/// Issue 12: `--lang` keeps the lines of its language in every kind of label (participant,
/// message, note, block label, section label), the accessible title comes from `accTitle`,
/// and entity codes and `<br>` reach the drawing as characters and lines.
#[test]
fn every_label_kind_keeps_its_language_lines_and_entities_are_characters() {
    let src = "sequenceDiagram
    accTitle: 四次挥手 Four-way close
    accDescr: FIN and ACK both ways
    participant A as 主动关闭方<br>Active closer
    participant B as 被动关闭方<br>Passive closer
    loop 重传<br>retransmit
        A->>B: 结束<br>FIN #quot;x#quot; #9829;
    end
    alt 丢失<br>lost
        Note over A,B: 等待<br>waiting
    else 到达<br>arrived
        B-->>A: 确认<br>ACK
    end
";
    let zh_words = [
        "主动关闭方",
        "被动关闭方",
        "[重传]",
        "结束",
        "等待",
        "[丢失]",
        "[到达]",
        "确认",
    ];
    let en_words = [
        "Active closer",
        "Passive closer",
        "[retransmit]",
        "FIN &quot;x&quot; ♥",
        "waiting",
        "[lost]",
        "[arrived]",
        "ACK",
    ];
    let text = |lang| {
        let svg = render(src, lang);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed");
        let lines: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("tspan"))
            .filter_map(|n| n.text().map(str::to_string))
            .collect();
        (svg, lines)
    };
    let has = |lines: &[String], w: &str| {
        let w = w.replace("&quot;", "\"");
        lines.iter().any(|l| l == &w)
    };
    for (lang, keep, drop) in [
        (LangChoice::Zh, &zh_words[..], &en_words[..]),
        (LangChoice::En, &en_words[..], &zh_words[..]),
    ] {
        let (svg, lines) = text(lang);
        for w in keep {
            assert!(has(&lines, w), "{lang:?}: no line {w:?} in {lines:?}");
        }
        for w in drop {
            assert!(!has(&lines, w), "{lang:?}: {w:?} should be gone: {lines:?}");
        }
        assert!(svg.contains("FIN &quot;x&quot; ♥") || lang == LangChoice::Zh);
    }
    let (svg, lines) = text(LangChoice::Both);
    assert!(
        has(&lines, "[重传") && has(&lines, "retransmit]"),
        "both: one bracketed label over two lines: {lines:?}"
    );
    for w in [
        "主动关闭方",
        "Active closer",
        "结束",
        "FIN &quot;x&quot; ♥",
        "等待",
        "waiting",
    ] {
        assert!(has(&lines, w), "both: no line {w:?} in {lines:?}");
    }
    assert!(svg.contains(">四次挥手 Four-way close</title>"), "{svg}");
    assert!(svg.contains(">FIN and ACK both ways</desc>"), "{svg}");
}
