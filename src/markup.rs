//! Escaping text for where it lands in a book page: Markdown, and HTML that sits inside
//! Markdown. HTML escaping is not Markdown escaping: `[x](javascript:…)` has nothing for an
//! HTML escaper to do, yet becomes a link once mdBook parses the page. One place decides both.

/// `s` as literal Markdown inline text: a backslash before every character that can start
/// inline syntax in a page as mdBook parses it (links and images `[ ] !`, so no `(…)` can be
/// a destination; emphasis and strikethrough `* _ ~`, code `` ` ``, raw HTML and autolinks
/// `< >`, entities `&`, table cells `|`, heading attributes `{ }`, escapes `\`, `#` and `$`),
/// before quotes and before runs of `-` or `.` (smart punctuation would turn them into curly
/// quotes, dashes and ellipses); line breaks become blanks so the text stays in its paragraph,
/// table cell or image description.
/// Everything else (`FIN-WAIT-2`, `3.3.2`, `SYN,ACK`) stays as written, readable in the raw
/// Markdown.
pub fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    let mut chars = s.chars().peekable();
    let mut previous = None;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '!' | '<' | '>' | '&' | '|' | '{' | '}'
            | '#' | '$' | '\'' | '"' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '.' if next == Some(c) || previous == Some(c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        previous = Some(c);
    }
    out
}

/// `s` as text (or a double-quoted attribute value) of HTML inside a Markdown page: `& < > "`
/// as entities, the rest of ASCII punctuation as numeric character references, line breaks as
/// blanks. Markdown reads the text between inline HTML tags as Markdown, where a reference is
/// literal text; a line break could end the HTML block or the paragraph.
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for c in s.chars() {
        push_html_char(&mut out, c);
    }
    out
}

/// HTML already escaped for HTML (by a template), made safe inline in a Markdown paragraph:
/// the text between tags gets the punctuation references of [`html_text`] (entities written
/// by the escaper stay as they are); the tags themselves are passed through.
pub fn inline_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' if !in_tag => {
                in_tag = true;
                out.push(c);
            }
            '>' if in_tag => {
                in_tag = false;
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            // Entities the escaper wrote (`&lt;`, `&#x27;`) keep their `&`, `#` and `;`.
            '&' | '#' | ';' => out.push(c),
            c if !in_tag => push_html_char(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

fn push_html_char(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\n' | '\r' => out.push(' '),
        c if c.is_ascii_punctuation() => {
            out.push_str("&#");
            out.push_str(&u32::from(c).to_string());
            out.push(';');
        }
        c => out.push(c),
    }
}

/// `s` escaped for HTML inside a block whose content Markdown leaves alone (a `<pre>` HTML
/// block): `& < > "` as entities, line breaks kept.
pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Test support: asserts that `markdown`, parsed as mdBook parses a page, holds no link, no
/// image other than a `data:` one, and no raw HTML that links or loads anything.
/// The Markdown extensions mdBook 0.5's HTML renderer enables (with its defaults), so netfig
/// sees the same blocks mdBook renders: footnote bodies, tables, definition lists and GFM
/// admonitions parse as mdBook parses them, and no extension mdBook lacks (math, metadata
/// blocks, wikilinks) hides a block or a directive.
pub fn mdbook_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

#[cfg(test)]
pub(crate) fn assert_inert(markdown: &str) {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut html = String::new();
    for event in Parser::new_ext(markdown, crate::markup::mdbook_options()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                panic!("link to {dest_url} in:\n{markdown}")
            }
            Event::Start(Tag::Image { dest_url, .. }) => assert!(
                dest_url.starts_with("data:image/svg+xml;base64,"),
                "image {dest_url} in:\n{markdown}"
            ),
            Event::Html(h) | Event::InlineHtml(h) => html.push_str(&h),
            _ => {}
        }
    }
    let lower = html.to_ascii_lowercase();
    // Text inside raw HTML is only text; what loads or links is a tag or an attribute.
    for bad in [
        "<a ",
        "<a>",
        "<link",
        "<script",
        "<iframe",
        "<object",
        "<embed",
        "href",
        "=\"javascript:",
        "=javascript:",
    ] {
        assert!(
            !lower.contains(bad),
            "raw HTML with {bad:?} in:\n{markdown}"
        );
    }
    for (i, _) in lower.match_indices("<img") {
        assert!(
            lower[i..]
                .split('>')
                .next()
                .is_some_and(|tag| tag.contains(" src=\"data:image/svg+xml;base64,")),
            "raw <img> without a data: source in:\n{markdown}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_is_inert_in_every_inline_context() {
        for wrap in [
            "{}",
            "text {} text",
            "| a | {} |\n|---|---|\n| {} | b |",
            "# {}",
            "> *{}*",
        ] {
            assert_inert(&wrap.replace("{}", &markdown_escape(HOSTILE)));
            assert_inert(&wrap.replace("{}", &format!("<code>{}</code>", html_text(HOSTILE))));
        }
    }

    #[test]
    #[should_panic(expected = "link to javascript")]
    fn assert_inert_sees_a_link() {
        assert_inert(&format!("text {HOSTILE}"));
    }

    const HOSTILE: &str = "[click](javascript:alert(1)) ![t](https://x/p.png) <img src=x> *a* _b_ `c` | \\ # + - . ! {x} ~y~ &amp; <https://x/>";

    #[test]
    fn markdown_escape_escapes_what_starts_syntax_and_keeps_the_rest_readable() {
        let out = markdown_escape(HOSTILE);
        assert!(
            out.starts_with("\\[click\\](javascript:alert(1)) \\!\\[t\\]"),
            "{out}"
        );
        assert_eq!(
            markdown_escape("FIN-WAIT-2 3.3.2 SYN,ACK"),
            "FIN-WAIT-2 3.3.2 SYN,ACK"
        );
        assert_eq!(markdown_escape("a--b...c"), "a\\-\\-b\\.\\.\\.c");
        assert_eq!(markdown_escape("a\\b"), "a\\\\b");
        assert_eq!(markdown_escape("a\n\nb\r"), "a  b ");
        assert_eq!(markdown_escape("中文 text"), "中文 text");
    }

    proptest::proptest! {
        /// Whatever the text, mdBook's parser reads the escaped text back as exactly that
        /// text: nothing becomes syntax, in a paragraph or in a table cell.
        #[test]
        fn escaped_text_reads_back_literally(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "B", "中", " ", "-", "--", ".", "...", "'", "\"", "[", "]", "(", ")", "!",
                "*", "_", "~", "`", "<", ">", "&", "amp;", "#", "|", "{", "}", "$", "\\", ":",
                "^", "=", "+", "http://x.y", "www.x.y", "1.", "\n",
            ]), 0..24)
        ) {
            use pulldown_cmark::{Event, Parser};
            let text: String = pieces.concat();
            let expected = format!("x{}x", text.replace('\n', " "));
            for (wrap, cell) in [("x{}x", false), ("| h |\n|---|\n| x{}x |", true)] {
                let page = wrap.replace("{}", &markdown_escape(&text));
                let mut read = String::new();
                for event in Parser::new_ext(&page, crate::markup::mdbook_options()) {
                    match event {
                        Event::Text(t) => read.push_str(&t),
                        Event::Start(_) | Event::End(_) => {}
                        other => proptest::prop_assert!(false, "{other:?} in {page:?}"),
                    }
                }
                let read = if cell { read.trim_start_matches('h').to_string() } else { read };
                proptest::prop_assert_eq!(&read, &expected, "{}", page);
            }
        }
    }

    #[test]
    fn html_text_leaves_no_markdown_syntax() {
        let out = html_text(HOSTILE);
        assert!(
            !out.chars()
                .any(|c| c.is_ascii_punctuation() && !"&#;".contains(c)),
            "{out}"
        );
        assert!(
            out.starts_with("&#91;click&#93;&#40;javascript&#58;"),
            "{out}"
        );
        assert_eq!(html_text("a\n\nb"), "a  b");
        assert_eq!(html_text("<\"&>"), "&lt;&quot;&amp;&gt;");
    }

    #[test]
    fn inline_html_keeps_tags_and_entities() {
        let html = "<td class=\"x\" data-id=\"a&quot;b\">[c](javascript:x) &lt;b&gt; &#x27;</td>\n<td>*e*</td>";
        assert_eq!(
            inline_html(html),
            "<td class=\"x\" data-id=\"a&quot;b\">&#91;c&#93;&#40;javascript&#58;x&#41; &lt;b&gt; &#x27;</td> <td>&#42;e&#42;</td>"
        );
    }
}
