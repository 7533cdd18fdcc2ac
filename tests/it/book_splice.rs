//! The preprocessor changes nothing but its own blocks: Markdown outside the replaced fences and
//! includes stays byte-identical.

use crate::common;

use netfig::book::{process_chapter, ChapterContext, Config};
use proptest::prelude::*;
use std::path::Path;

fn cx(config: &Config) -> ChapterContext<'_> {
    ChapterContext {
        display_path: "src/chapter.md".into(),
        dir: Path::new("."),
        disk_text: None,
        renderer: "html",
        id_seed: "test".into(),
        config,
    }
}

const BLOCK: &str = "```mermaid\nflowchart LR\n    A[应用层<br>Application] --> B\n```\n";

/// Markdown that holds no netfig block: headings, lists, emphasis, HTML, other fences, CJK,
/// CRLF line ends, trailing spaces, tabs.
fn other_markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# Heading\n".to_string()),
        Just("Some *emphasis* and `code` — 中文，标点。  \n".to_string()),
        Just("- item\n  - nested\n".to_string()),
        Just("<div class=\"x\">\n\nraw html\n</div>\n".to_string()),
        Just("```rust\nlet x = 1;\n```\n".to_string()),
        Just("    indented code\n".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("line with CRLF\r\n".to_string()),
        Just("\t tab and trailing   \n".to_string()),
        Just("{{#include other.md}}\n".to_string()),
        Just("\n".to_string()),
        "[a-zA-Z0-9 ,.!?*_\\[\\]()]{0,40}\n",
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::common::proptest_cases(64)))]
    #[test]
    fn markdown_around_a_block_is_untouched(before in other_markdown(), after in other_markdown()) {
        let config = Config::default();
        // A blank line before and after so the fence is a block of its own.
        let chapter = format!("{before}\n{BLOCK}\n{after}");
        let (out, findings) = process_chapter(&chapter, &cx(&config));
        prop_assert!(findings.iter().all(|f| !f.is_error()), "{:?}", findings);
        let prefix = format!("{before}\n");
        let suffix = format!("\n{after}");
        prop_assert!(out.starts_with(&prefix), "prefix changed");
        prop_assert!(out.ends_with(&suffix), "suffix changed");
        prop_assert!(out.contains("<figure class=\"netfig\">"));
        prop_assert!(!out.contains("```mermaid"));
    }

    #[test]
    fn chapters_without_blocks_are_returned_unchanged(text in other_markdown()) {
        let config = Config::default();
        let (out, findings) = process_chapter(&text, &cx(&config));
        prop_assert_eq!(out, text);
        prop_assert!(findings.is_empty());
    }
}

#[test]
fn errors_point_at_chapter_lines() {
    let config = Config::default();
    let chapter = "# T\n\ntext\n\n```mermaid\nflowchart LR\n    A[open --> B\n```\n";
    let (out, findings) = process_chapter(chapter, &cx(&config));
    assert_eq!(out, chapter, "a block with errors is left as it was");
    let rendered: Vec<String> = findings.iter().map(|f| f.render()).collect();
    assert!(
        rendered.iter().any(|r| r.starts_with("src/chapter.md:7:")),
        "{rendered:?}"
    );
}

#[test]
fn diagnostics_use_the_file_on_disk_when_an_earlier_preprocessor_changed_lines() {
    let config = Config::default();
    let disk = "# T\n\n{{#include intro.md}}\n\n```mermaid\nflowchart LR\n    A[open --> B\n```\n";
    let expanded = "# T\n\nline one\nline two\nline three\n\n```mermaid\nflowchart LR\n    A[open --> B\n```\n";
    let mut c = cx(&config);
    c.disk_text = Some(disk.to_string());
    let (_, findings) = process_chapter(expanded, &c);
    let rendered: Vec<String> = findings.iter().map(|f| f.render()).collect();
    assert!(
        rendered.iter().any(|r| r.starts_with("src/chapter.md:7:")),
        "{rendered:?}"
    );
}

#[test]
fn non_html_renderers_get_markdown_images_and_tables() {
    let config = Config::default();
    let mut c = cx(&config);
    c.renderer = "markdown";
    let chapter = format!("# T\n\n{BLOCK}\n```tcp-states view=both\nmachine: tcp\ntransitions:\n  - {{ from: FIN-WAIT-2, event: rcv FIN, action: snd ACK, to: TIME-WAIT }}\n```\n");
    let (out, findings) = process_chapter(&chapter, &c);
    assert!(findings.iter().all(|f| !f.is_error()), "{findings:?}");
    assert_eq!(
        out.matches("](data:image/svg+xml;base64,").count(),
        2,
        "{out}"
    );
    // Cells are Markdown-escaped, and what starts no syntax stays readable.
    assert!(
        out.contains(" FIN-WAIT-2 | 收到 FIN rcv FIN |"),
        "Markdown table: {out}"
    );
    assert!(
        !out.contains("<svg"),
        "no inline SVG for non-HTML renderers"
    );
}

#[test]
fn only_mdbook_0_5_is_supported() {
    assert!(netfig::book::supported_mdbook("0.5.4"));
    assert!(!netfig::book::supported_mdbook("0.4.52"));
    assert!(!netfig::book::supported_mdbook("0.6.0"));
}

const WRONG_TCP: &str = "```tcp-states\nmachine: tcp\ntransitions:\n  - { from: ESTABLISHED, event: CLOSE, action: snd FIN, to: TIME-WAIT }\n```\n";

#[test]
fn check_modes_decide_what_a_wrong_definition_does() {
    use netfig::pipeline::CheckMode;
    let chapter = format!("# T\n\n{WRONG_TCP}");
    for (mode, renders, errors, warnings) in [
        (CheckMode::Deny, false, 1, 0),
        (CheckMode::Warn, true, 0, 1),
        (CheckMode::Off, true, 0, 0),
    ] {
        let config = Config {
            check: mode,
            ..Config::default()
        };
        let (out, findings) = process_chapter(&chapter, &cx(&config));
        assert_eq!(
            out.contains("<figure class=\"netfig\">"),
            renders,
            "{mode:?}"
        );
        assert_eq!(
            findings.iter().filter(|f| f.is_error()).count(),
            errors,
            "{mode:?}: {findings:?}"
        );
        assert_eq!(
            findings.iter().filter(|f| !f.is_error()).count(),
            warnings,
            "{mode:?}: {findings:?}"
        );
        if let Some(f) = findings.first() {
            assert!(
                f.render().starts_with("src/chapter.md:6:"),
                "{}",
                f.render()
            );
        }
    }
}

#[test]
fn template_dir_overrides_the_table_template() {
    let dir = common::scratch("splice-template-dir");
    std::fs::write(
        dir.join("state-table.html.hbs"),
        "<table class=\"netfig-state-table custom\">{{#each rows}}<tr><td>{{from_id}}</td></tr>{{/each}}</table>\n",
    )
    .unwrap();
    let config = Config {
        template_dir: Some(dir.clone()),
        ..Config::default()
    };
    let chapter = "```tcp-states view=table\nmachine: tcp\ntransitions:\n  - { from: FIN-WAIT-2, event: rcv FIN, action: snd ACK, to: TIME-WAIT }\n```\n";
    let (out, findings) = process_chapter(chapter, &cx(&config));
    std::fs::remove_dir_all(&dir).ok();
    assert!(findings.is_empty(), "{findings:?}");
    assert!(out.contains("netfig-state-table custom"), "{out}");
    assert!(out.contains("<td>FIN-WAIT-2</td>"), "{out}");
}

/// Issue 12: a mermaid block holding a sequence diagram is drawn inline, without the
/// pass-through warning.
#[test]
fn mermaid_sequence_blocks_are_rendered_inline() {
    let config = Config::default();
    let seq = "Before.\n\n```mermaid\nsequenceDiagram\n    A->>B: hi\n```\n\nAfter.\n";
    let (out, findings) = process_chapter(seq, &cx(&config));
    assert!(findings.is_empty(), "{findings:?}");
    assert!(out.starts_with("Before.\n\n"), "{out}");
    assert!(out.ends_with("\nAfter.\n"), "{out}");
    assert!(!out.contains("```mermaid"), "{out}");
    assert!(out.contains("class=\"netfig netfig-sequence\""), "{out}");
    assert!(
        out.contains("<g class=\"message\" data-from=\"A\" data-to=\"B\">"),
        "{out}"
    );
}

/// Issue 15: a mermaid block holding a packet diagram (`packet` or `packet-beta`) is drawn
/// inline, without the pass-through warning; a position error in it is an error at its line.
#[test]
fn mermaid_packet_blocks_are_rendered_inline() {
    let config = Config::default();
    for header in ["packet", "packet-beta"] {
        let chapter = format!(
            "Before.\n\n```mermaid\n{header}\n+16: \"Source Port\"\n+16: \"Destination Port\"\n```\n\nAfter.\n"
        );
        let (out, findings) = process_chapter(&chapter, &cx(&config));
        assert!(findings.is_empty(), "{findings:?}");
        assert!(!out.contains("```mermaid"), "{out}");
        assert!(out.contains("class=\"netfig netfig-packet\""), "{out}");
        assert!(
            out.contains("<g class=\"field\" data-start=\"16\" data-end=\"31\">"),
            "{out}"
        );
    }
    let bad = "```mermaid\npacket\n0-15: \"a\"\n15-31: \"b\"\n```\n";
    let (_, findings) = process_chapter(bad, &cx(&config));
    assert!(
        findings
            .iter()
            .any(|f| f.is_error() && f.diagnostic.code == "E-PKT-006"),
        "{findings:?}"
    );
}

#[test]
fn other_mermaid_diagrams_are_left_alone_but_misspelt_flowcharts_are_errors() {
    let config = Config::default();
    let class = "```mermaid\nclassDiagram\n    A <|-- B\n```\n";
    let (out, findings) = process_chapter(class, &cx(&config));
    assert_eq!(out, class);
    assert_eq!(findings.len(), 1);
    assert!(!findings[0].is_error());
    assert_eq!(findings[0].diagnostic.code, "W-BOOK-001");
    let typo = "```mermaid\nflowchrt LR\n    A --> B\n```\n";
    let (_, findings) = process_chapter(typo, &cx(&config));
    assert!(findings.iter().any(|f| f.is_error()), "{findings:?}");
}

#[test]
fn include_problems_point_at_the_directive_and_diagram_errors_into_the_included_file() {
    let dir = common::scratch("splice-include");
    std::fs::write(dir.join("ok.mmd"), "flowchart LR\n  A --> B\n").unwrap();
    std::fs::write(dir.join("bad.mmd"), "flowchart LR\n  A[open --> B\n").unwrap();
    let config = Config::default();
    let mut c = cx(&config);
    c.dir = &dir;
    let chapter =
        "# T\n\n{{#netfig ok.mmd lang=fr}}\n\n{{#netfig bad.mmd}}\n\n{{#netfig missing.mmd}}\n";
    let (_, findings) = process_chapter(chapter, &c);
    let rendered: Vec<String> = findings.iter().map(|f| f.render()).collect();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        rendered
            .iter()
            .any(|r| r.starts_with("src/chapter.md:3:1: error[E-BOOK-003]")),
        "{rendered:#?}"
    );
    assert!(
        rendered
            .iter()
            .any(|r| r.starts_with("src/bad.mmd:2:4: error[E-MMD-003]")),
        "{rendered:#?}"
    );
    assert!(
        rendered
            .iter()
            .any(|r| r.starts_with("src/chapter.md:7:1: error[E-BOOK-001]")),
        "{rendered:#?}"
    );
}

/// Issue 12: two sequence diagrams on one page: every id is unique on the page and every
/// reference (`url(#…)`, `href="#…"`, `aria-labelledby`) stays inside its own diagram.
#[test]
fn two_sequence_diagrams_on_one_page_do_not_share_ids() {
    let config = Config::default();
    let block = "```mermaid\nsequenceDiagram\n    accTitle: Close\n    A->>B: FIN\n    B--xA: ACK\n    Note over A,B: TIME-WAIT\n```\n";
    let page = format!("{block}\nBetween.\n\n{block}");
    let (out, findings) = process_chapter(&page, &cx(&config));
    assert!(findings.is_empty(), "{findings:?}");
    let svgs: Vec<&str> = out
        .split("<svg ")
        .skip(1)
        .map(|s| &s[..s.find("</svg>").expect("closed")])
        .collect();
    assert_eq!(svgs.len(), 2, "{out}");
    let values = |s: &str, attr: &str| -> Vec<String> {
        s.match_indices(attr)
            .map(|(i, _)| {
                let rest = &s[i + attr.len()..];
                rest[..rest.find(['"', ')']).expect("ends")].to_string()
            })
            .collect()
    };
    let ids: Vec<Vec<String>> = svgs.iter().map(|s| values(s, " id=\"")).collect();
    let mut all: Vec<&String> = ids.iter().flatten().collect();
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n, "an id is used twice on the page: {ids:?}");
    assert!(ids.iter().all(|i| i.len() >= 2), "{ids:?}");
    for (s, own) in svgs.iter().zip(&ids) {
        let refs: Vec<String> = values(s, "url(#")
            .into_iter()
            .chain(values(s, "href=\"#"))
            .chain(values(s, "aria-labelledby=\""))
            .collect();
        assert!(
            refs.len() >= 2,
            "markers and the title are referenced: {refs:?}"
        );
        for r in refs {
            assert!(
                own.contains(&r),
                "{r} is not an id of its own diagram {own:?}"
            );
        }
    }
}
