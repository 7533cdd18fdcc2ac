//! What replaces a block in the chapter, per mdBook renderer.

use crate::markup::{html_escape, html_text, inline_html, markdown_escape};
use crate::pipeline::Output as Figure;

/// The replacement for a rendered diagram. For `html`: the inline SVG in a
/// `<figure class="netfig">` with the diagram's title as caption, preceded on a page's first
/// figure by the stylesheet that maps netfig's colours to the active mdBook theme. For other
/// renderers (e.g. `markdown`): an image with the SVG as a data URL, which any Markdown viewer
/// can show.
pub(crate) fn figure(rendered: &Figure, renderer: &str, with_style: bool) -> String {
    let title = rendered.title.as_deref().unwrap_or("");
    if renderer != "html" {
        let mut out = String::new();
        if let Some(svg) = &rendered.svg {
            out.push_str(&format!(
                "![{}](data:image/svg+xml;base64,{})\n\n",
                markdown_escape(title),
                base64(svg.as_bytes())
            ));
        }
        if let Some(table) = &rendered.table {
            out.push_str(table.trim_end());
            out.push_str("\n\n");
        }
        return out;
    }
    let mut out = String::new();
    if with_style {
        out.push_str(THEME_STYLE);
    }
    out.push_str("<figure class=\"netfig\">\n");
    for part in [&rendered.svg, &rendered.table].into_iter().flatten() {
        // No blank line may appear inside the HTML block.
        for line in part.lines().filter(|l| !l.trim().is_empty()) {
            out.push_str(line);
            out.push('\n');
        }
    }
    if !title.is_empty() {
        out.push_str(&format!("<figcaption>{}</figcaption>\n", html_text(title)));
    }
    // The blank line ends the HTML block, whatever follows the fence.
    out.push_str("</figure>\n\n");
    out
}

/// The replacement for a diagram whose directive sits inside a line of text (a paragraph, a
/// heading, a table cell): one line, so the surrounding Markdown element stays whole. For
/// `html`: the SVG as an `<img>` with a data URL (inline SVG would be read as Markdown between
/// its tags) and a table as one line of HTML; otherwise a Markdown image.
pub(crate) fn inline_figure(rendered: &Figure, renderer: &str) -> String {
    let title = rendered.title.as_deref().unwrap_or("");
    let mut parts = Vec::new();
    if let Some(svg) = &rendered.svg {
        let url = format!("data:image/svg+xml;base64,{}", base64(svg.as_bytes()));
        parts.push(if renderer == "html" {
            format!(
                "<img class=\"netfig\" alt=\"{}\" src=\"{url}\">",
                html_text(title)
            )
        } else {
            format!("![{}]({url})", markdown_escape(title))
        });
    }
    if let Some(table) = &rendered.table {
        if renderer == "html" {
            // Inline, the text between the tags is read as Markdown: `inline_html` keeps it
            // literal.
            let one_line: Vec<&str> = table.lines().map(str::trim).collect();
            parts.push(inline_html(&one_line.concat()));
        } else if rendered.svg.is_none() {
            // A Markdown table cannot sit inside a line: its rows go in as text, one per
            // `<br>`, the cells (already Markdown-escaped, their own pipes as `\|`) separated
            // by ` · ` so an enclosing table cell stays whole.
            let rows: Vec<String> = table
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.chars().all(|c| "|-: ".contains(c)))
                .map(|l| {
                    let inner = l.strip_prefix("| ").unwrap_or(l);
                    let inner = inner.strip_suffix(" |").unwrap_or(inner);
                    inner.split(" | ").collect::<Vec<_>>().join(" · ")
                })
                .collect();
            parts.push(rows.join("<br>"));
        }
    }
    parts.join(" ")
}

/// A visible error box (for `on-error = "render"`). A `<pre>` HTML block may contain blank
/// lines, so the diagnostics keep their layout.
pub(crate) fn error_box(diagnostics: &str, renderer: &str) -> String {
    if renderer != "html" {
        let quoted: Vec<String> = diagnostics.lines().map(|l| format!("    {l}")).collect();
        return format!("**netfig error**\n\n{}\n\n", quoted.join("\n"));
    }
    error_box_html(diagnostics)
}

/// The error box on one line, for a directive inside a line of text.
pub(crate) fn inline_error_box(diagnostics: &str, renderer: &str) -> String {
    if renderer != "html" {
        return "**netfig error** (see the build log)".to_string();
    }
    format!(
        "<code class=\"netfig-error\" role=\"alert\" style=\"color:#d33\">netfig: {}</code>",
        html_text(
            diagnostics
                .lines()
                .next()
                .unwrap_or("this diagram has errors")
        )
    )
}

fn error_box_html(diagnostics: &str) -> String {
    format!(
        "<pre class=\"netfig-error\" role=\"alert\" style=\"border:2px solid #d33;padding:.5em;color:#d33;background:transparent;white-space:pre-wrap\">netfig: this diagram has errors\n{}</pre>\n\n",
        html_escape(diagnostics.trim_end())
    )
}

/// Maps netfig's CSS variables to mdBook's theme variables, so diagrams follow the light, rust,
/// coal, navy and ayu themes; the literal fallbacks inside each SVG apply elsewhere.
const THEME_STYLE: &str = "<style>\n\
.netfig{margin:1em 0;text-align:center}\n\
.netfig svg{max-width:100% !important;height:auto}\n\
.netfig figcaption{font-size:.9em;color:var(--fg);opacity:.8}\n\
html.coal svg.netfig,html.navy svg.netfig,html.ayu svg.netfig{\
--netfig-node-fill:var(--sidebar-bg);--netfig-node-stroke:var(--sidebar-fg);--netfig-node-text:var(--fg);\
--netfig-edge-stroke:var(--fg);--netfig-edge-label-bg:var(--bg);--netfig-edge-label-text:var(--fg);\
--netfig-cluster-fill:var(--quote-bg);--netfig-cluster-stroke:var(--quote-border);--netfig-cluster-text:var(--fg);\
--netfig-title-text:var(--fg)}\n\
html.rust svg.netfig{--netfig-edge-stroke:var(--fg);--netfig-node-text:var(--fg);--netfig-cluster-text:var(--fg);--netfig-title-text:var(--fg)}\n\
</style>\n";

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn html_figure_has_no_blank_line_inside() {
        let r = Figure {
            svg: Some("<svg>\n<g/>\n</svg>\n".into()),
            table: None,
            warnings: vec![],
            title: Some("T <1>".into()),
        };
        let f = figure(&r, "html", false);
        let body = f.trim_end();
        assert!(!body.contains("\n\n"));
        assert!(body.contains("<figcaption>T &lt;1&gt;</figcaption>"));
    }

    const HOSTILE: &str =
        "[click](javascript:alert(1)) ![t](https://x/p.png) <img src=https://x/q.png>\n\n[a](https://x/)";

    /// A table as the built-in template and the Markdown table writer give it for hostile
    /// names (handlebars escapes `<>&"'`=`, not Markdown).
    fn hostile_figure(svg: bool, html: bool) -> Figure {
        let table = if html {
            "<table class=\"netfig-state-table\">\n<tr><td data-id=\"&lt;x&gt;\">[click](javascript:alert(1)) ![t](https://x/p.png) &lt;img src&#x3D;https://x/q.png&gt;</td></tr>\n</table>\n".to_string()
        } else {
            format!(
                "| From | To |\n|---|---|\n| {} | {} |\n",
                markdown_escape(HOSTILE),
                markdown_escape("a|b\\")
            )
        };
        Figure {
            svg: svg.then(|| "<svg><g/></svg>".to_string()),
            table: Some(table),
            title: Some(HOSTILE.to_string()),
            warnings: vec![],
        }
    }

    /// Every replacement, for both renderers, inline inside a paragraph, a heading and a table
    /// cell, and as a block: no link, no image but the diagram's own, no raw HTML that loads.
    #[test]
    fn user_text_cannot_become_markdown() {
        let diagnostics =
            format!("src/a.md:3:1: error[E-X]: unknown `{HOSTILE}`\n  |\n3 | {HOSTILE}\n  | ^");
        for renderer in ["html", "markdown"] {
            let html = renderer == "html";
            for svg in [true, false] {
                let f = hostile_figure(svg, html);
                let inline = inline_figure(&f, renderer);
                assert!(!inline.contains('\n'), "{inline}");
                for wrap in [
                    "text {} text",
                    "# T {}",
                    "| a | b |\n|---|---|\n| x {} | y |",
                ] {
                    crate::markup::assert_inert(&wrap.replace("{}", &inline));
                }
                crate::markup::assert_inert(&format!(
                    "text\n\n{}after *x*\n",
                    figure(&f, renderer, true)
                ));
            }
            let inline = inline_error_box(&diagnostics, renderer);
            crate::markup::assert_inert(&format!("text {inline} text"));
            crate::markup::assert_inert(&format!(
                "text\n\n{}after\n",
                error_box(&diagnostics, renderer)
            ));
        }
    }

    #[test]
    fn an_inline_markdown_table_keeps_an_enclosing_cell_whole() {
        let f = hostile_figure(false, false);
        let inline = inline_figure(&f, "markdown");
        let md = format!("| a | b |\n|---|---|\n| {inline} | y |\n");
        let cells = pulldown_cmark::Parser::new_ext(&md, crate::markup::mdbook_options())
            .filter(|e| {
                matches!(
                    e,
                    pulldown_cmark::Event::Start(pulldown_cmark::Tag::TableCell)
                )
            })
            .count();
        assert_eq!(cells, 4, "{md}");
    }
}
