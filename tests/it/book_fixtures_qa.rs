//! Regressions found by building fixture books with a stock mdBook: where a block or directive
//! sits (inside a line, in a footnote, escaped, empty) and how it is replaced and reported.

use crate::common;

use netfig::book::{process_chapter, ChapterContext, Config};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};

fn cx<'a>(config: &'a Config, dir: &'a Path) -> ChapterContext<'a> {
    ChapterContext {
        display_path: "src/chapter.md".into(),
        dir,
        disk_text: None,
        renderer: "html",
        id_seed: "test".into(),
        config,
    }
}

/// A scratch folder holding `a.mmd` and `with space.mmd`.
fn diagrams(test: &str) -> PathBuf {
    let dir = common::scratch(&format!("book-qa-{test}"));
    for name in ["a.mmd", "with space.mmd"] {
        std::fs::write(dir.join(name), "flowchart LR\n  A[Start] --> B[Done]\n").unwrap();
    }
    dir
}

/// Every Markdown element's inline HTML, checked the way mdBook checks it: each element that
/// holds HTML holds balanced HTML.
fn assert_html_balanced_per_element(markdown: &str) {
    let mut stack: Vec<String> = vec![String::new()];
    for event in Parser::new_ext(markdown, netfig::markup::mdbook_options()) {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell) => {
                stack.push(String::new())
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell) => {
                let html = stack.pop().unwrap();
                for tag in ["figure", "svg", "style", "table"] {
                    assert_eq!(
                        html.matches(&format!("<{tag}")).count(),
                        html.matches(&format!("</{tag}>")).count(),
                        "unbalanced <{tag}> in one element: {html}\n---\n{markdown}"
                    );
                }
            }
            Event::InlineHtml(h) | Event::Html(h) => stack.last_mut().unwrap().push_str(&h),
            _ => {}
        }
    }
}

#[test]
fn a_directive_inside_a_line_becomes_one_inline_image() {
    let dir = diagrams("inline");
    let config = Config::default();
    let chapter = "# T\n\nText {{#netfig a.mmd}} after *x*.\n\n## Heading {{#netfig a.mmd}}\n\n| a | b |\n|---|---|\n| {{#netfig a.mmd}} | y |\n\n{{#netfig a.mmd}}\n\nend *z*\n";
    let (out, findings) = process_chapter(chapter, &cx(&config, &dir));
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(out.matches("<img class=\"netfig\"").count(), 3, "{out}");
    assert_eq!(out.matches("<figure class=\"netfig\">").count(), 1, "{out}");
    // The page's stylesheet goes with the first block figure, not into a paragraph.
    assert!(out.contains("\n<style>\n"), "{out}");
    assert!(out.starts_with(
        "# T\n\nText <img class=\"netfig\" alt=\"\" src=\"data:image/svg+xml;base64,"
    ));
    assert!(out.contains("\"> after *x*.\n\n## Heading <img"));
    assert!(out.ends_with("</figure>\n\n\n\nend *z*\n"), "{out}");
    assert_html_balanced_per_element(&out);
    let rows = out.lines().filter(|l| l.starts_with('|')).count();
    assert_eq!(rows, 3, "the table keeps its rows: {out}");
}

#[test]
fn escaped_directives_are_left_alone_before_and_after_links() {
    let dir = diagrams("escaped");
    let config = Config::default();
    // netfig first: the backslash is still there.
    let chapter = "\\{{#netfig a.mmd}}\n\n{{#netfig a.mmd}}\n";
    let (out, findings) = process_chapter(chapter, &cx(&config, &dir));
    assert!(findings.is_empty(), "{findings:?}");
    assert!(out.starts_with("\\{{#netfig a.mmd}}\n\n<style>"), "{out}");
    // After `links`: the backslash is gone from the content but is in the file on disk.
    let content = "{{#netfig a.mmd}}\n\nincluded text\n\n{{#netfig a.mmd}}\n";
    let disk = "\\{{#netfig a.mmd}}\n\n{{#include part.md}}\n\n{{#netfig a.mmd}}\n";
    let mut c = cx(&config, &dir);
    c.disk_text = Some(disk.into());
    let (out, findings) = process_chapter(content, &c);
    assert!(findings.is_empty(), "{findings:?}");
    assert!(
        out.starts_with("{{#netfig a.mmd}}\n\nincluded text\n\n<style>"),
        "{out}"
    );
    assert_eq!(out.matches("<figure").count(), 1);
}

#[test]
fn quoted_include_paths_may_hold_blanks() {
    let dir = diagrams("quoted");
    let config = Config::default();
    let (out, findings) = process_chapter(
        "{{#netfig \"with space.mmd\" lang=en}}\n",
        &cx(&config, &dir),
    );
    assert!(findings.is_empty(), "{findings:?}");
    assert!(out.contains("<figure class=\"netfig\">"), "{out}");
}

#[test]
fn an_empty_fence_is_reported_at_its_closing_fence() {
    let dir = diagrams("empty");
    let config = Config::default();
    let (out, findings) = process_chapter("# T\n\ntext\n\n```mermaid\n```\n", &cx(&config, &dir));
    assert_eq!(out, "# T\n\ntext\n\n```mermaid\n```\n");
    let rendered = findings[0].render();
    assert!(
        rendered.starts_with("src/chapter.md:6:1: error"),
        "{rendered}"
    );
}

#[test]
fn fences_in_footnotes_parse_as_mdbook_parses_them() {
    let dir = diagrams("footnote");
    let config = Config::default();
    // GFM footnotes (mdBook's): the indented fence belongs to the footnote.
    let chapter = "Text[^1].\n\n[^1]: note\n\n    ```mermaid\n    flowchart LR\n      A --> B\n    ```\n\nafter\n";
    let (out, findings) = process_chapter(chapter, &cx(&config, &dir));
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(out.matches("<figure class=\"netfig\">").count(), 1, "{out}");
    // Every line of the figure keeps the footnote's indentation.
    assert!(out.contains("\n    </figure>\n"), "{out}");
    // `$…$` is not math in mdBook: a directive after it is found.
    let (out, _) = process_chapter(
        "Costs $5 and $6.\n\n{{#netfig a.mmd}}\n",
        &cx(&config, &dir),
    );
    assert!(out.contains("<figure"), "{out}");
}

#[test]
fn a_directive_is_a_block_only_where_a_line_of_a_paragraph_starts() {
    let dir = diagrams("placement");
    let config = Config::default();
    let blocks = [
        "{{#netfig a.mmd}} trailing\n",
        "- {{#netfig a.mmd}}\n- next\n",
        "1. {{#netfig a.mmd}}\n",
        "> {{#netfig a.mmd}}\n> after\n",
        "Line one\n{{#netfig a.mmd}}\nline three\n",
    ];
    let inline = [
        "- item {{#netfig a.mmd}}\n",
        "2026 {{#netfig a.mmd}} year\n",
        "**{{#netfig a.mmd}}**\n",
        "[{{#netfig a.mmd}}](https://example.com)\n",
        "# {{#netfig a.mmd}}\n",
    ];
    for (chapters, block) in [(&blocks, true), (&inline, false)] {
        for chapter in chapters.iter() {
            let (out, findings) = process_chapter(chapter, &cx(&config, &dir));
            assert!(findings.is_empty(), "{findings:?}");
            assert_eq!(out.contains("<figure"), block, "{chapter:?} → {out}");
            assert_eq!(out.contains("<img class=\"netfig\""), !block, "{out}");
            assert_html_balanced_per_element(&out);
        }
    }
}

#[test]
fn an_inline_table_keeps_an_enclosing_markdown_table_whole() {
    let dir = diagrams("inline-table");
    std::fs::write(
        dir.join("s.yaml"),
        "machine: tcp\ntransitions:\n  - { from: FIN-WAIT-2, event: rcv FIN, action: snd ACK, to: TIME-WAIT }\n",
    )
    .unwrap();
    let config = Config {
        check: netfig::pipeline::CheckMode::Off,
        ..Config::default()
    };
    let chapter = "| a | b |\n|---|---|\n| {{#netfig s.yaml view=table}} | z |\n";
    for renderer in ["html", "markdown"] {
        let mut c = cx(&config, &dir);
        c.renderer = renderer;
        let (out, findings) = process_chapter(chapter, &c);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(out.lines().count(), 3, "{renderer}: {out}");
        let row = out.lines().nth(2).unwrap();
        // The names are escaped for Markdown (`FIN\-WAIT\-2`, `FIN&#45;WAIT&#45;2`) and read
        // back as the text they are.
        let text: String = Parser::new(row)
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.into_string()),
                _ => None,
            })
            .collect();
        assert!(text.contains("FIN-WAIT-2"), "{row}");
        // Still two cells: every pipe of the inner table is escaped or inside HTML.
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 3, "{renderer}: {row}");
    }
}

#[test]
fn a_directive_in_an_html_block_is_replaced_without_ending_the_block() {
    let dir = diagrams("html-block");
    let config = Config::default();
    let chapter = "<details>\n<summary>More</summary>\n{{#netfig a.mmd}}\n</details>\n\nend *a*\n";
    let (out, findings) = process_chapter(chapter, &cx(&config, &dir));
    assert!(findings.is_empty(), "{findings:?}");
    assert!(out.contains("</figure>\n</details>\n\nend *a*\n"), "{out}");
    // One HTML block from <details> to </details>: no blank line inside.
    let block = &out[..out.find("</details>").unwrap()];
    assert!(!block.contains("\n\n"), "{block}");
}

#[test]
fn a_commented_out_directive_is_left_alone() {
    let dir = diagrams("comment");
    let config = Config::default();
    for chapter in [
        "<!--\n{{#netfig a.mmd}}\n-->\n",
        "<!-- {{#netfig a.mmd}} -->\n",
        "Text <!-- {{#netfig a.mmd}} --> more.\n",
    ] {
        let (out, findings) = process_chapter(chapter, &cx(&config, &dir));
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(out, chapter);
    }
}

#[test]
fn a_byte_order_mark_in_an_included_file_is_ignored() {
    let dir = diagrams("bom");
    std::fs::write(dir.join("bom.mmd"), "\u{feff}flowchart LR\n  A --> B\n").unwrap();
    let config = Config::default();
    let (out, findings) = process_chapter("{{#netfig bom.mmd}}\n", &cx(&config, &dir));
    assert!(findings.is_empty(), "{findings:?}");
    assert!(out.contains("<figure"), "{out}");
}

#[test]
fn blanks_may_follow_the_opening_braces_as_in_mdbook() {
    let dir = diagrams("blanks");
    let config = Config::default();
    let (out, findings) = process_chapter(
        "{{ #netfig a.mmd }}\n\n{{#netfigure a.mmd}}\n",
        &cx(&config, &dir),
    );
    assert!(findings.is_empty(), "{findings:?}");
    assert!(out.contains("<figure"), "{out}");
    assert!(out.ends_with("\n{{#netfigure a.mmd}}\n"), "{out}");
}

#[test]
fn a_fence_on_a_definition_line_stays_in_the_definition() {
    let dir = diagrams("definition");
    let config = Config::default();
    let chapter = "Term\n: ```mermaid\n  flowchart LR\n    A --> B\n  ```\n\n  after\n";
    let (out, findings) = process_chapter(chapter, &cx(&config, &dir));
    assert!(findings.is_empty(), "{findings:?}");
    assert!(out.starts_with("Term\n: <style>\n  .netfig{"), "{out}");
    assert!(out.contains("\n  </figure>\n"), "{out}");
    let mut definition_html = String::new();
    let mut depth = 0;
    for event in Parser::new_ext(&out, netfig::markup::mdbook_options()) {
        match event {
            Event::Start(Tag::DefinitionListDefinition) => depth += 1,
            Event::End(TagEnd::DefinitionListDefinition) => depth -= 1,
            Event::Html(h) if depth > 0 => definition_html.push_str(&h),
            _ => {}
        }
    }
    assert!(definition_html.contains("</figure>"), "{out}");
}
