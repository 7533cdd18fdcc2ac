//! Every label in the language asked for (issue 14, part 3): lines written in one language are
//! translated from the glossaries under `--lang zh|en`, for every kind of diagram; what cannot
//! be translated is kept and reported (`W-LANG-001`) at its line; `--glossary FILE` adds a
//! user's entries; `netfig check --deny-warnings` fails on untranslated lines.

use crate::common::{has_han, netfig, root, scratch};
use netfig::diagnostic::codes::lang;
use netfig::glossary::{classify, LineKind};
use netfig::model::LangChoice;
use netfig::pipeline::{compile, Kind, Options};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/glossary").join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn options(lang: LangChoice) -> Options {
    let mut o = Options::default();
    o.lang = lang;
    o
}

/// The text the reader sees: each `<text>` element's content (tags removed, entities
/// decoded), and the `<title>`.
fn shown_lines(svg: &str) -> Vec<String> {
    let mut out = Vec::new();
    for open in ["<text", "<title"] {
        let close = if open == "<text" {
            "</text>"
        } else {
            "</title>"
        };
        let mut rest = svg;
        while let Some(at) = rest.find(open) {
            let body = &rest[at..];
            let Some(end) = body.find(close) else { break };
            let element = &body[..end];
            let mut text = String::new();
            let mut in_tag = false;
            for c in element.chars() {
                match c {
                    // A wrapped line's parts, one `<tspan>` each, read as one line.
                    '<' if !text.is_empty() && !text.ends_with(' ') => {
                        in_tag = true;
                        text.push(' ');
                    }
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            let text = text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
            let text = text.trim().to_string();
            if !text.is_empty() {
                out.push(text);
            }
            rest = &body[end..];
        }
    }
    out
}

#[test]
fn the_bundled_example_in_english_has_no_han_character_and_translated_titles() {
    let src = std::fs::read_to_string(root().join("diagrams/osi-vs-tcpip.mmd")).unwrap();
    let out = compile(&src, Kind::Flowchart, &options(LangChoice::En)).unwrap();
    let svg = out.svg.unwrap();
    assert!(!has_han(&svg), "a Han character in the English drawing");
    let lines = shown_lines(&svg);
    for title in [
        "OSI seven-layer model (theoretical standard)",
        "TCP/IP four-layer model (actual implementation)",
    ] {
        assert!(lines.iter().any(|l| l == title), "{title} in {lines:?}");
    }
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    // Chinese keeps what the author wrote; both invents nothing.
    let zh = compile(&src, Kind::Flowchart, &options(LangChoice::Zh)).unwrap();
    assert!(shown_lines(&zh.svg.unwrap())
        .iter()
        .any(|l| l == "OSI七层模型（理论标准）"));
    let both = compile(&src, Kind::Flowchart, &options(LangChoice::Both)).unwrap();
    let both = shown_lines(&both.svg.unwrap());
    assert!(both.iter().any(|l| l == "OSI七层模型（理论标准）"));
    assert!(!both.iter().any(|l| l.contains("seven-layer")), "{both:?}");
}

#[test]
fn a_mixed_language_flowchart_has_no_untranslated_line_in_either_language() {
    let src = read("mixed.mmd");
    let en = compile(&src, Kind::Flowchart, &options(LangChoice::En)).unwrap();
    assert!(en.warnings.is_empty(), "{:?}", en.warnings);
    let lines = shown_lines(en.svg.as_deref().unwrap());
    // A line that mixes both languages is kept as written; every other line is English.
    for l in &lines {
        assert!(
            !has_han(l) || l == "应用层 Application Layer",
            "untranslated in English: {l} ({lines:?})"
        );
    }
    for expected in [
        "client and server",
        "host A",
        "Client",
        "application process",
        "three-way handshake",
        "router",
        "SYN, ACK",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "{expected} in {lines:?}"
        );
    }
    assert_eq!(en.title.as_deref(), Some("client and server"));

    let zh = compile(&src, Kind::Flowchart, &options(LangChoice::Zh)).unwrap();
    assert!(zh.warnings.is_empty(), "{:?}", zh.warnings);
    let lines = shown_lines(zh.svg.as_deref().unwrap());
    for l in &lines {
        assert!(
            classify(l) != LineKind::English,
            "untranslated in Chinese: {l} ({lines:?})"
        );
    }
    for expected in ["服务器主机", "传输层", "TCP连接", "客户端", "SYN, ACK"] {
        assert!(
            lines.iter().any(|l| l == expected),
            "{expected} in {lines:?}"
        );
    }
}

#[test]
fn every_kind_is_translated_sequence_packet_and_state_machine() {
    let seq = "sequenceDiagram\n  participant C as 客户端\n  participant S as 服务器\n  C->>S: SYN, seq=x\n  S->>C: 确认\n  Note over C,S: 三报文握手\n";
    let out = compile(seq, Kind::Sequence, &options(LangChoice::En)).unwrap();
    let lines = shown_lines(out.svg.as_deref().unwrap());
    assert!(!lines.iter().any(|l| has_han(l)), "{lines:?}");
    for expected in [
        "client",
        "server",
        "SYN, seq=x",
        "acknowledgment",
        "three-way handshake",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "{expected} in {lines:?}"
        );
    }

    let flow = "flowchart LR\n  accTitle: 三报文握手\n  accDescr: 客户端与服务器\n  A[客户端] --> B[服务器]\n";
    let out = compile(flow, Kind::Flowchart, &options(LangChoice::En)).unwrap();
    let svg = out.svg.unwrap();
    assert!(!has_han(&svg), "accTitle and accDescr translated: {svg}");
    assert!(svg.contains("three-way handshake") && svg.contains("client and server"));

    let packet = "packet-beta\n  0-15: \"源端口\"\n  16-31: \"目的端口\"\n";
    let out = compile(packet, Kind::Packet, &options(LangChoice::En)).unwrap();
    let lines = shown_lines(out.svg.as_deref().unwrap());
    assert!(lines.iter().any(|l| l == "source port"), "{lines:?}");
    assert!(lines.iter().any(|l| l == "destination port"), "{lines:?}");

    let states = "machine: tcp\ntitle: { zh: 三报文握手 }\nstates:\n  LISTEN: { note: { en: connection request } }\ntransitions:\n  - { from: CLOSED, event: passive OPEN, action: create TCB, to: LISTEN }\n";
    let mut o = options(LangChoice::En);
    o.check = netfig::pipeline::CheckMode::Off;
    o.view = netfig::pipeline::View::Both;
    let out = compile(states, Kind::TcpStates, &o).unwrap();
    assert_eq!(out.title.as_deref(), Some("three-way handshake"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    // The note is the state's tooltip.
    assert!(out
        .svg
        .unwrap()
        .contains("<title>connection request</title>"));
    let table = out.table.unwrap();
    assert!(table.contains("three-way handshake"), "{table}");
    let mut o = options(LangChoice::Zh);
    o.check = netfig::pipeline::CheckMode::Off;
    o.view = netfig::pipeline::View::Both;
    let out = compile(states, Kind::TcpStates, &o).unwrap();
    assert!(out.svg.unwrap().contains("<title>连接请求</title>"));
    assert!(out.table.unwrap().contains("三报文握手"));
}

#[test]
fn an_untranslatable_line_is_kept_and_reported_at_its_text_naming_the_terms() {
    let src = read("quantum.mmd");
    let out = compile(&src, Kind::Flowchart, &options(LangChoice::En)).unwrap();
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    let w = &out.warnings[0];
    assert_eq!(w.code, lang::UNTRANSLATED);
    assert_eq!(&src[w.span.start..w.span.end], "量子路由器");
    assert!(w.message.contains("`量子`"), "{}", w.message);
    assert!(
        w.hints.iter().any(|h| h.contains("--glossary FILE")
            && h.contains("glossary = \"FILE\"")
            && h.contains("zh: 量子")),
        "{:?}",
        w.hints
    );
    // Kept as written; the rest translated.
    let lines = shown_lines(out.svg.as_deref().unwrap());
    assert!(lines.iter().any(|l| l == "量子路由器"), "{lines:?}");
    assert!(lines.iter().any(|l| l == "client"), "{lines:?}");
    // A user's glossary completes it.
    let text = read("quantum.yaml");
    let mut o = options(LangChoice::En);
    o.glossary = Some(std::sync::Arc::new(
        netfig::glossary::Glossary::with_user(&text).unwrap(),
    ));
    let out = compile(&src, Kind::Flowchart, &o).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert!(shown_lines(out.svg.as_deref().unwrap())
        .iter()
        .any(|l| l == "quantum router"));
}

#[test]
fn render_takes_a_glossary_and_locates_a_bad_one() {
    let dir = scratch("glossary-render");
    let out = dir.join("q.svg");
    let args = |g: &str| {
        vec![
            "render".to_string(),
            fixture("quantum.mmd").display().to_string(),
            "--lang".into(),
            "en".into(),
            "--glossary".into(),
            fixture(g).display().to_string(),
            "-o".into(),
            out.display().to_string(),
        ]
    };
    let run = |g: &str| {
        let a = args(g);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        netfig(&a, &dir, None)
    };
    let good = run("quantum.yaml");
    assert_eq!(good.status.code(), Some(0), "{good:?}");
    assert!(String::from_utf8_lossy(&good.stderr).is_empty(), "{good:?}");
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("quantum router") && !has_han(&svg));

    std::fs::remove_file(&out).unwrap();
    let bad = run("bad.yaml");
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("bad.yaml:2:7: error[E-LANG-001]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("en: [quantum"),
        "the line with a caret: {stderr}"
    );
    assert!(!out.exists(), "nothing written");

    let missing = run("no-such-glossary.yaml");
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(missing.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot read glossary"), "{stderr}");
}

#[test]
fn check_deny_warnings_fails_on_an_untranslated_line_until_the_glossary_has_it() {
    let dir = scratch("glossary-check");
    let file = fixture("quantum.mmd").display().to_string();
    let glossary = fixture("quantum.yaml").display().to_string();
    let plain = netfig(&["check", &file, "--lang", "en"], &dir, None);
    let stderr = String::from_utf8_lossy(&plain.stderr);
    assert_eq!(plain.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning[W-LANG-001]"), "{stderr}");
    assert!(stderr.contains("quantum.mmd:3:11"), "{stderr}");
    let denied = netfig(
        &["check", &file, "--lang", "en", "--deny-warnings"],
        &dir,
        None,
    );
    assert_eq!(denied.status.code(), Some(1), "{denied:?}");
    let fixed = netfig(
        &[
            "check",
            &file,
            "--lang",
            "en",
            "--deny-warnings",
            "--glossary",
            &glossary,
        ],
        &dir,
        None,
    );
    assert_eq!(fixed.status.code(), Some(0), "{fixed:?}");
    // Without --lang nothing is translated, so nothing is missing.
    let both = netfig(&["check", &file, "--deny-warnings"], &dir, None);
    assert_eq!(both.status.code(), Some(0), "{both:?}");
}

#[test]
fn a_books_glossary_is_read_relative_to_its_root() {
    let dir = scratch("glossary-book");
    let book = dir.join("book");
    std::fs::create_dir_all(book.join("src")).unwrap();
    std::fs::write(
        book.join("book.toml"),
        "[book]\ntitle = \"q\"\n\n[preprocessor.netfig]\nlang = \"en\"\nglossary = \"terms.yaml\"\n",
    )
    .unwrap();
    std::fs::write(book.join("src/SUMMARY.md"), "[Q](q.md)\n").unwrap();
    std::fs::write(
        book.join("src/q.md"),
        format!("# Q\n\n```mermaid\n{}```\n", read("quantum.mmd")),
    )
    .unwrap();
    // Without the glossary file's entry: a warning at the chapter's line, a CI failure.
    std::fs::write(
        book.join("terms.yaml"),
        "- zh: 教学模型\n  en: teaching model\n",
    )
    .unwrap();
    let missing = netfig(&["check", "book", "--deny-warnings"], &dir, None);
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(missing.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("book/src/q.md:6:11: warning[W-LANG-001]"),
        "{stderr}"
    );
    std::fs::copy(fixture("quantum.yaml"), book.join("terms.yaml")).unwrap();
    let ok = netfig(&["check", "book", "--deny-warnings"], &dir, None);
    assert_eq!(ok.status.code(), Some(0), "{ok:?}");
    let built = netfig(&["build", "book"], &dir, None);
    assert_eq!(built.status.code(), Some(0), "{built:?}");
    let html = std::fs::read_to_string(book.join("book/q.html")).unwrap();
    assert!(html.contains("quantum router"));

    std::fs::copy(fixture("bad.yaml"), book.join("terms.yaml")).unwrap();
    let bad = netfig(&["check", "book"], &dir, None);
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.matches("terms.yaml:2:7: error[E-LANG-001]").count(),
        1,
        "once, located: {stderr}"
    );
    let built = netfig(&["build", "book"], &dir, None);
    assert_eq!(built.status.code(), Some(1), "{built:?}");
}
