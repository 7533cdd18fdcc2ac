//! Escaping text for where it lands in a book page: Markdown, and HTML that sits inside
//! Markdown. HTML escaping is not Markdown escaping: `[x](javascript:…)` has nothing for an
//! HTML escaper to do, yet becomes a link once mdBook parses the page. One place decides both.

/// `s` as literal Markdown inline text: every ASCII punctuation character backslash-escaped
/// (CommonMark allows it for each of them, so none of `[ ] ( ) ! * _ < > | # & \` …` starts
/// a link, an image, emphasis, raw HTML, an entity or a table cell), line breaks as blanks so
/// the text stays in its paragraph, table cell or image description.
pub(crate) fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` as text (or a double-quoted attribute value) of HTML inside a Markdown page: `& < > "`
/// as entities, the rest of ASCII punctuation as numeric character references, line breaks as
/// blanks. Markdown reads the text between inline HTML tags as Markdown, where a reference is
/// literal text; a line break could end the HTML block or the paragraph.
pub(crate) fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for c in s.chars() {
        push_html_char(&mut out, c);
    }
    out
}

/// HTML already escaped for HTML (by a template), made safe inline in a Markdown paragraph:
/// the text between tags gets the punctuation references of [`html_text`] (entities written
/// by the escaper stay as they are); the tags themselves are passed through.
pub(crate) fn inline_html(html: &str) -> String {
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
pub(crate) fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Test support: asserts that `markdown`, parsed as mdBook parses a page, holds no link, no
/// image other than a `data:` one, and no raw HTML that links or loads anything.
#[cfg(test)]
pub(crate) fn assert_inert(markdown: &str) {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut html = String::new();
    for event in Parser::new_ext(markdown, crate::book::blocks::mdbook_options()) {
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
    fn markdown_escape_escapes_every_ascii_punctuation() {
        let out = markdown_escape(HOSTILE);
        let chars: Vec<char> = out.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if c.is_ascii_punctuation() && *c != '\\' {
                assert_eq!(chars[i - 1], '\\', "{c} at {i} unescaped in {out}");
            }
        }
        assert!(out.starts_with("\\[click\\]\\(javascript\\:alert\\(1\\)\\)"));
        assert_eq!(markdown_escape("a\\b"), "a\\\\b");
        assert_eq!(markdown_escape("a\n\nb\r"), "a  b ");
        assert_eq!(markdown_escape("中文 text"), "中文 text");
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
