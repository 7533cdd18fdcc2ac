//! Blocks inside list items and block quotes: the replacement stays inside its container (every
//! line keeps the `>` markers or the item's indentation, so mdBook sees one balanced HTML block),
//! and diagnostics point at the right line and column of the chapter, markers included.

use netfig::book::{process_chapter, ChapterContext, Config};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::Path;

fn cx<'a>(config: &'a Config, renderer: &'a str) -> ChapterContext<'a> {
    ChapterContext {
        display_path: "src/chapter.md".into(),
        dir: Path::new("."),
        disk_text: None,
        renderer,
        id_seed: "test".into(),
        config,
    }
}

/// The HTML of every container (block quote or list item) that holds netfig output, and the
/// HTML found outside any container.
fn html_by_container(markdown: &str) -> (Vec<String>, String) {
    let mut depth = 0usize;
    let mut inside: Vec<String> = Vec::new();
    let mut outside = String::new();
    for event in Parser::new_ext(markdown, Options::all()) {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::Item) => {
                depth += 1;
                inside.push(String::new());
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::Item) => depth -= 1,
            Event::Html(h) | Event::InlineHtml(h) => {
                if depth > 0 {
                    inside.last_mut().unwrap().push_str(&h);
                } else {
                    outside.push_str(&h);
                }
            }
            _ => {}
        }
    }
    (
        inside.into_iter().filter(|h| !h.is_empty()).collect(),
        outside,
    )
}

const QUOTED: &str = "# T\n\n> A quote:\n>\n> ```mermaid\n> graph LR\n>   A[应用层<br>Application] --> B\n> ```\n> After the diagram.\n\nOutside.\n";
const LISTED: &str = "1. First\n\n   ```mermaid\n   flowchart TD\n     X --> Y\n   ```\n\n2. Second\n\n- item\n\n  ```tcp-states view=both\n  machine: tcp\n  transitions:\n    - { from: CLOSED, event: passive OPEN, action: create TCB, to: LISTEN }\n  ```\n- next\n";

#[test]
fn a_figure_in_a_block_quote_stays_in_the_quote() {
    let config = Config::default();
    let (out, findings) = process_chapter(QUOTED, &cx(&config, "html"));
    assert!(findings.is_empty(), "{findings:?}");
    let (inside, outside) = html_by_container(&out);
    assert_eq!(inside.len(), 1, "{out}");
    let html = &inside[0];
    assert!(html.contains("<figure class=\"netfig\">") && html.contains("</figure>"));
    assert!(html.contains("<svg") && html.contains("</svg>"));
    assert!(
        outside.is_empty(),
        "HTML leaked out of the quote: {outside}"
    );
    // The text after the diagram is still in the quote, and the rest is untouched.
    assert!(
        out.contains("\n> After the diagram.\n\nOutside.\n"),
        "{out}"
    );
    assert!(out.starts_with("# T\n\n> A quote:\n>\n> <style>"), "{out}");
}

#[test]
fn figures_and_tables_in_list_items_stay_in_their_items() {
    let config = Config::default();
    let (out, findings) = process_chapter(LISTED, &cx(&config, "html"));
    assert!(findings.is_empty(), "{findings:?}");
    let (inside, outside) = html_by_container(&out);
    assert_eq!(inside.len(), 2, "{out}");
    assert!(inside[0].contains("<svg") && inside[0].contains("</figure>"));
    assert!(inside[1].contains("<svg") && inside[1].contains("<table"));
    assert!(inside[1].contains("</figure>"));
    assert!(outside.is_empty(), "HTML leaked out of the list: {outside}");
    // Both lists keep their items.
    let items = Parser::new_ext(&out, Options::all())
        .filter(|e| matches!(e, Event::Start(Tag::Item)))
        .count();
    assert_eq!(items, 4, "{out}");
}

#[test]
fn markdown_tables_in_list_items_stay_in_their_items() {
    let config = Config::default();
    let chapter = "- item\n\n  ```tcp-states view=table\n  machine: tcp\n  transitions:\n    - { from: CLOSED, event: passive OPEN, action: create TCB, to: LISTEN }\n  ```\n- next\n";
    let (out, findings) = process_chapter(chapter, &cx(&config, "markdown"));
    assert!(findings.is_empty(), "{findings:?}");
    let mut depth = 0;
    let mut table_in_item = false;
    for event in Parser::new_ext(&out, Options::all()) {
        match event {
            Event::Start(Tag::Item) => depth += 1,
            Event::End(TagEnd::Item) => depth -= 1,
            Event::Start(Tag::Table(_)) => table_in_item = depth > 0,
            _ => {}
        }
    }
    assert!(table_in_item, "{out}");
}

#[test]
fn errors_in_quoted_and_listed_blocks_point_at_the_chapter_line_and_column() {
    let config = Config::default();
    let chapter = "> ```mermaid\n> graph LR\n>   A --> B\n>   B --> C[open\n> ```\n\n- item\n\n  ```tcp-states\n  machine: tcp\n  transitions:\n    - { from: ESTABLISHED, event: CLOSE, action: snd FIN, to: TIME-WAIT }\n  ```\n";
    let (out, findings) = process_chapter(chapter, &cx(&config, "html"));
    assert_eq!(out, chapter, "blocks with errors are left as they were");
    let heads: Vec<String> = findings
        .iter()
        .map(|f| f.render().lines().next().unwrap().to_string())
        .collect();
    // `C[` is at column 11 of line 4 (after `>   B --> `); `TIME-WAIT` at column 63 of line 12.
    assert!(
        heads.iter().any(|h| h.starts_with("src/chapter.md:4:12:")),
        "{heads:?}"
    );
    assert!(
        heads
            .iter()
            .any(|h| h.starts_with("src/chapter.md:12:63: error[E-TCP-004]")),
        "{heads:?}"
    );
}

#[test]
fn error_boxes_stay_in_their_container_too() {
    let config = Config {
        on_error: netfig::book::OnError::Render,
        ..Config::default()
    };
    let chapter = "> ```mermaid\n> graph LR\n>   B --> C[open\n> ```\n> after\n";
    let (out, findings) = process_chapter(chapter, &cx(&config, "html"));
    assert!(findings.iter().any(|f| f.is_error()));
    let (inside, outside) = html_by_container(&out);
    assert_eq!(inside.len(), 1, "{out}");
    assert!(inside[0].contains("netfig-error") && inside[0].contains("</pre>"));
    assert!(outside.is_empty(), "{out}");
}
