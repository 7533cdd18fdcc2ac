//! Finding what netfig replaces in a chapter: fenced code blocks whose info string names a
//! claimed fence, and `{{#netfig path [key=value]...}}` includes. Everything is located by byte
//! offset (pulldown-cmark's offset iterator), so the rest of the chapter stays byte-identical.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// A fenced code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fence {
    /// The whole block, fences included, in the chapter text.
    pub range: Range<usize>,
    /// The first word of the info string (`mermaid`, `tcp-states`).
    pub lang: String,
    /// `key=value` attributes after the first word, in order.
    pub attrs: Vec<(String, String)>,
    /// Where the block's content starts in the chapter text (after the opening fence line).
    pub content_start: usize,
    /// The content as pulldown-cmark delivers it (indentation of an indented fence and the
    /// `>` markers of a block quote removed).
    pub content: String,
    /// Where each piece of `content` lies in the chapter: (offset in `content`, offset in the
    /// chapter). One piece per line when the fence sits in a list item or a block quote.
    pub segments: Vec<(usize, usize)>,
}

/// Maps an offset in a text made of pieces of another (`pieces`: (offset in the text, offset
/// in the other), sorted) to the other; an offset before the first piece maps as if the first
/// piece started at 0.
pub fn piece_offset(pieces: &[(usize, usize)], offset: usize) -> usize {
    let i = pieces
        .partition_point(|&(s, _)| s <= offset)
        .saturating_sub(1);
    pieces
        .get(i)
        .map_or(offset, |&(s, at)| at + offset.saturating_sub(s))
}

/// What each line of a replacement must start with so that it stays inside the list items and
/// block quotes the replaced block sits in: the container markers before `start` on its line,
/// with `>` kept and list markers (and the `:` of a definition) turned into spaces (`> - `
/// becomes `>   `).
pub fn continuation_prefix(markdown: &str, start: usize) -> String {
    let line_start = markdown[..start].rfind('\n').map_or(0, |i| i + 1);
    markdown[line_start..start]
        .chars()
        .take_while(|c| {
            matches!(
                c,
                ' ' | '\t' | '>' | '-' | '*' | '+' | '.' | ')' | ':' | '0'..='9'
            )
        })
        .map(|c| if matches!(c, '>' | '\t') { c } else { ' ' })
        .collect()
}

/// `text` with every line after the first starting with `prefix` (see
/// [`continuation_prefix`]); blank lines get the prefix without trailing blanks.
pub fn continue_lines(text: &str, prefix: &str) -> String {
    if prefix.is_empty() {
        return text.to_string();
    }
    let bare = prefix.trim_end();
    let mut out = String::with_capacity(text.len() + prefix.len() * 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(if line.is_empty() { bare } else { prefix });
        }
        out.push_str(line);
    }
    out
}

/// A `{{#netfig path ...}}` include.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    /// The directive, braces included.
    pub range: Range<usize>,
    /// The path, relative to the chapter's folder.
    pub path: String,
    /// `key=value` attributes, in order.
    pub attrs: Vec<(String, String)>,
    /// Whether text precedes the directive on its line (a paragraph, heading or table cell):
    /// its replacement must then be inline, on one line.
    pub inline: bool,
    /// Whether the directive is in an HTML block: its replacement must not end the block
    /// with a blank line.
    pub in_html: bool,
}

/// Something to replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A fenced block.
    Fence(Fence),
    /// An include directive.
    Include(Include),
}

impl Block {
    /// Its range in the chapter.
    pub fn range(&self) -> Range<usize> {
        match self {
            Block::Fence(f) => f.range.clone(),
            Block::Include(i) => i.range.clone(),
        }
    }
}

/// Splits an info string or directive tail into its first word and `key=value` attributes.
/// Words without `=` after the first become `(word, "")`.
pub fn split_info(info: &str) -> (String, Vec<(String, String)>) {
    let mut words = info
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("").to_string();
    let attrs = words
        .map(|w| match w.split_once('=') {
            Some((k, v)) => (k.to_string(), v.trim_matches('"').to_string()),
            None => (w.to_string(), String::new()),
        })
        .collect();
    (first, attrs)
}

/// Every fenced block whose first info word is in `claimed`, and every `{{#netfig …}}`
/// directive outside code, in document order.
pub fn find(markdown: &str, claimed: &[String]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Fence> = None;
    let mut in_code = false;
    // Consecutive text events (pulldown-cmark splits text at `{`, `[`, …) form one run, scanned
    // for directives when the run ends.
    let mut run: Option<Range<usize>> = None;
    // Where the run sits: the start of the paragraph it is directly in (no emphasis, link,
    // heading or table cell around it), if any.
    let mut run_paragraph: Option<usize> = None;
    let mut open: Vec<(bool, usize)> = Vec::new();
    // Where the HTML block being read starts.
    let mut html_block = 0;
    for (event, range) in
        Parser::new_ext(markdown, crate::markup::mdbook_options()).into_offset_iter()
    {
        let is_text = matches!(event, Event::Text(_)) && !in_code;
        match (&mut run, is_text) {
            (Some(r), true) if range.start <= r.end => r.end = r.end.max(range.end),
            (_, true) => {
                if let Some(r) = run.take() {
                    find_includes(markdown, r, run_paragraph, None, &mut blocks);
                }
                run = Some(range.clone());
                run_paragraph = open
                    .last()
                    .and_then(|&(paragraph, start)| paragraph.then_some(start));
            }
            (_, false) => {
                if let Some(r) = run.take() {
                    find_includes(markdown, r, run_paragraph, None, &mut blocks);
                }
            }
        }
        match &event {
            Event::Start(tag) => {
                open.push((matches!(tag, Tag::Paragraph | Tag::Item), range.start))
            }
            Event::End(_) => {
                open.pop();
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::HtmlBlock) => html_block = range.start,
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                if let CodeBlockKind::Fenced(info) = kind {
                    let (lang, attrs) = split_info(&info);
                    if claimed.iter().any(|c| c == &lang) {
                        let content_start = markdown[range.clone()]
                            .find('\n')
                            .map(|i| range.start + i + 1)
                            .unwrap_or(range.end);
                        current = Some(Fence {
                            range: range.clone(),
                            lang,
                            attrs,
                            content_start,
                            content: String::new(),
                            segments: Vec::new(),
                        });
                    }
                }
            }
            // Lines of an HTML block (`<details>` without blank lines): mdBook passes them
            // through, so a directive there is replaced by the figure as it is.
            Event::Html(_) => {
                find_includes(markdown, range.clone(), None, Some(html_block), &mut blocks)
            }
            Event::Text(text) if in_code => {
                if let Some(f) = current.as_mut() {
                    f.segments.push((f.content.len(), range.start));
                    f.content.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                if let Some(mut f) = current.take() {
                    if f.segments.is_empty() {
                        // An empty block: positions point at its closing fence.
                        f.segments.push((0, f.content_start));
                    }
                    blocks.push(Block::Fence(f));
                }
            }
            _ => {}
        }
    }
    if let Some(r) = run.take() {
        find_includes(markdown, r, run_paragraph, None, &mut blocks);
    }
    blocks.sort_by_key(|b| b.range().start);
    blocks
}

/// Finds `{{#netfig …}}` directives that start inside `range` (text, or with `html` the start
/// of the HTML block `range` is a line of). A directive preceded by a
/// backslash is escaped, as mdBook's `{{#include}}` is: it is left alone (mdBook's `links`
/// preprocessor removes the backslash). A directive is replaced by a block figure only when it
/// starts a line of a paragraph it is directly in (`paragraph`: where that paragraph starts);
/// elsewhere (after text, in a heading, a table cell, emphasis or a link) it is inline.
fn find_includes(
    markdown: &str,
    range: Range<usize>,
    paragraph: Option<usize>,
    html: Option<usize>,
    out: &mut Vec<Block>,
) {
    let in_html = html.is_some();
    // As in mdBook's `{{#include}}`, blanks may follow the opening braces.
    let mut at = range.start;
    while let Some(i) = markdown[at..range.end].find("{{") {
        let start = at + i;
        at = start + 2;
        let name = markdown[at..range.end].trim_start_matches([' ', '\t']);
        if !name.starts_with("#netfig") {
            continue;
        }
        let after = range.end - name.len() + "#netfig".len();
        at = after;
        let Some(close) = markdown[after..range.end].find("}}") else {
            break;
        };
        if markdown[..start].ends_with('\\')
            || html.is_some_and(|h| in_html_comment(&markdown[h.min(start)..start]))
        {
            continue;
        }
        let inner = &markdown[after..after + close];
        if inner.contains('\n') || !inner.starts_with(char::is_whitespace) {
            continue;
        }
        let (path, attrs) = split_directive(inner.trim());
        if path.is_empty() {
            continue;
        }
        // Only blanks and `>` markers before it on its line (scanned backwards, so the cost
        // does not grow with the line).
        let starts_line = paragraph.is_some_and(|p| {
            p == start
                || is_list_marker(&markdown[p..start])
                || markdown[..start]
                    .chars()
                    .rev()
                    .take_while(|&c| c != '\n')
                    .all(|c| c == '>' || c.is_whitespace())
        });
        out.push(Block::Include(Include {
            range: start..after + close + 2,
            path,
            attrs,
            inline: !starts_line && !in_html,
            in_html,
        }));
    }
}

/// Whether the end of `before` (an HTML block up to a directive) lies inside an HTML comment
/// (`<!-- … -->`): a directive there is commented out.
fn in_html_comment(before: &str) -> bool {
    before
        .rfind("<!--")
        .is_some_and(|open| !before[open..].contains("-->"))
}

/// Whether `s` is a list item's marker and the blanks after it (`- `, `12. `, `3) `): a
/// directive right after it starts the item's first line (a tight item has no paragraph).
fn is_list_marker(s: &str) -> bool {
    let marker = s.trim();
    let ends_blank = s.ends_with([' ', '\t']);
    let bullet = matches!(marker, "-" | "*" | "+");
    let ordered = marker
        .strip_suffix(['.', ')'])
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    ends_blank && (bullet || ordered)
}

/// Splits a directive's tail into the path and its attributes. A path with blanks is written
/// in double quotes: `{{#netfig "my diagrams/osi.mmd" lang=en}}`.
fn split_directive(tail: &str) -> (String, Vec<(String, String)>) {
    if let Some(rest) = tail.strip_prefix('"') {
        if let Some(end) = rest.find('"') {
            let (first, attrs) = split_info(&format!("x {}", &rest[end + 1..]));
            debug_assert_eq!(first, "x");
            return (rest[..end].to_string(), attrs);
        }
    }
    split_info(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claimed() -> Vec<String> {
        vec!["mermaid".into(), "tcp-states".into()]
    }

    #[test]
    fn finds_fences_with_attributes() {
        let md = "# T\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\ntext\n\n```tcp-states view=table lang=zh\nmachine: tcp\n```\n";
        let blocks = find(md, &claimed());
        assert_eq!(blocks.len(), 2);
        let Block::Fence(f) = &blocks[0] else {
            panic!()
        };
        assert_eq!(
            &md[f.range.clone()],
            "```mermaid\nflowchart LR\n  A --> B\n```"
        );
        assert_eq!(f.content, "flowchart LR\n  A --> B\n");
        assert_eq!(&md[f.content_start..f.content_start + 9], "flowchart");
        let Block::Fence(t) = &blocks[1] else {
            panic!()
        };
        assert_eq!(
            t.attrs,
            vec![
                ("view".into(), "table".into()),
                ("lang".into(), "zh".into())
            ]
        );
    }

    #[test]
    fn ignores_other_fences_and_directives_inside_code() {
        let md = "```rust\nfn main() {}\n```\n\n```\n{{#netfig x.mmd}}\n```\n\n`{{#netfig y.mmd}}` is inline code\n";
        assert!(find(md, &claimed()).is_empty());
    }

    #[test]
    fn finds_includes_with_attributes() {
        let md = "Intro\n\n{{#netfig ../diagrams/osi.mmd lang=en}}\n\nAnd {{#netfig states.yaml view=table}} inline.\n";
        let blocks = find(md, &claimed());
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        let Block::Include(i) = &blocks[0] else {
            panic!()
        };
        assert_eq!(i.path, "../diagrams/osi.mmd");
        assert_eq!(
            &md[i.range.clone()],
            "{{#netfig ../diagrams/osi.mmd lang=en}}"
        );
        let Block::Include(j) = &blocks[1] else {
            panic!()
        };
        assert_eq!(j.attrs, vec![("view".into(), "table".into())]);
    }

    #[test]
    fn fences_in_quotes_and_lists_map_every_line() {
        let md = "> ```mermaid\n> graph LR\n>   A --> B\n> ```\n\n1. item\n\n   ```mermaid\n   flowchart TD\n     X --> Y\n   ```\n";
        let blocks = find(md, &claimed());
        assert_eq!(blocks.len(), 2);
        for b in &blocks {
            let Block::Fence(f) = b else { panic!() };
            // Every content line maps onto the same text in the chapter.
            let mut at = 0;
            for line in f.content.split_inclusive('\n') {
                let c = piece_offset(&f.segments, at);
                assert_eq!(&md[c..c + line.len()], line);
                // The last column of the line maps inside the same chapter line.
                let end = piece_offset(&f.segments, at + line.len() - 1);
                assert_eq!(&md[end..end + 1], "\n");
                at += line.len();
            }
        }
        assert_eq!(continuation_prefix(md, blocks[0].range().start), "> ");
        assert_eq!(continuation_prefix(md, blocks[1].range().start), "   ");
        assert_eq!(continuation_prefix("> - ```x", 4), ">   ");
        assert_eq!(continuation_prefix("Some text {{#netfig a}}", 10), "");
    }

    #[test]
    fn continued_lines_keep_their_container() {
        assert_eq!(continue_lines("<a>\n<b>\n\n", "> "), "<a>\n> <b>\n>\n>");
        assert_eq!(continue_lines("<a>\n<b>\n", "   "), "<a>\n   <b>\n");
        assert_eq!(continue_lines("<a>\n<b>\n", ""), "<a>\n<b>\n");
    }

    #[test]
    fn tilde_and_longer_fences() {
        let md = "~~~~mermaid\ngraph TD\nA-->B\n~~~~\n";
        let blocks = find(md, &claimed());
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].range(), 0..md.len() - 1);
    }

    #[test]
    fn a_directive_after_wide_text_is_inline() {
        // The text before the directive ends in a multi-byte character: no list marker, no
        // panic slicing it.
        let md = "中文 {{#netfig a.mmd}}

- 项 {{#netfig b.mmd}}
";
        let blocks = find(md, &claimed());
        assert_eq!(blocks.len(), 2);
        assert!(blocks
            .iter()
            .all(|b| matches!(b, Block::Include(i) if i.inline)));
    }

    #[test]
    fn a_comment_in_an_earlier_html_block_does_not_hide_a_directive() {
        let md = "<div>
<!-- {{#netfig a.mmd}}
-->
</div>

<div>
{{#netfig b.mmd}}
<!--
{{#netfig c.mmd}}
-->
</div>
";
        let paths: Vec<String> = find(md, &claimed())
            .into_iter()
            .filter_map(|b| match b {
                Block::Include(i) => Some(i.path),
                Block::Fence(_) => None,
            })
            .collect();
        assert_eq!(paths, vec!["b.mmd".to_string()]);
    }
}
