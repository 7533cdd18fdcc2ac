//! User text cannot become Markdown in a built book (issue 9 item 6): the `hostile` fixture
//! book puts state names, titles, labels and error messages that are Markdown links, images
//! and raw HTML into inline includes, inline and block tables, error boxes, and the Markdown
//! renderer's output. Chromium loads the built page and finds no link or image made from them
//! and no external request.

use crate::common::{copy_dir, dumped_result, netfig, root, run_chromium, scratch};
use pulldown_cmark::{Event, Parser, Tag};
use std::path::PathBuf;

/// Builds the fixture (HTML and Markdown renderers) into a scratch folder.
fn build(test: &str) -> PathBuf {
    let dir = scratch(test);
    let book = dir.join("hostile");
    copy_dir(&root().join("tests/fixtures/books/hostile"), &book);
    let out = dir.join("out");
    let o = netfig(
        &[
            "build",
            book.to_str().unwrap(),
            "--dest-dir",
            out.to_str().unwrap(),
        ],
        &root(),
        None,
    );
    // `on-error = "render"`: the broken diagrams become error boxes and the build succeeds.
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// Injected before `</body>`: every link and image in the chapter's content, every URL an
/// element carries, and every resource the page requested.
const PROBE: &str = r#"<pre id="netfig-result"></pre><script>
window.addEventListener('load', () => setTimeout(() => {
  const main = document.querySelector('main');
  const links = [...main.querySelectorAll('a')].filter(a => !a.classList.contains('header'))
    .map(a => a.outerHTML);
  const images = [...main.querySelectorAll('img')].filter(i => !i.src.startsWith('data:image/svg+xml;base64,'))
    .map(i => i.outerHTML);
  const urls = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      if (a.name.startsWith('xmlns')) continue;
      const v = a.value.trim().toLowerCase();
      if (a.name.startsWith('on') || v.startsWith('javascript:') || /^(https?:)?\/\//.test(v) || v.includes('url(http'))
        urls.push(e.tagName + ' ' + a.name + '=' + a.value);
    }
  }
  const requests = performance.getEntriesByType('resource').map(r => r.name)
    .filter(n => !n.startsWith('file:') && !n.startsWith('data:'));
  document.getElementById('netfig-result').textContent = JSON.stringify({
    links, images, urls, requests,
    text: main.textContent,
    netfigImages: main.querySelectorAll('img.netfig').length,
    tables: main.querySelectorAll('table.netfig-state-table').length,
    errorBoxes: main.querySelectorAll('.netfig-error').length });
}, 200));
</script>"#;

pub(crate) fn hostile_text_stays_text_in_the_browser() {
    let out = build("book-markup-browser");
    let page = out.join("html/hostile.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let probe = page.with_file_name("probe-hostile.html");
    std::fs::write(
        &probe,
        html.replacen("</body>", &format!("{PROBE}</body>"), 1),
    )
    .unwrap();
    let o = run_chromium(
        &out.join("profile"),
        &["--dump-dom"],
        &format!("file://{}", probe.display()),
    );
    let r = dumped_result(&String::from_utf8_lossy(&o.stdout), "netfig-result");
    for key in ["links", "images", "urls", "requests"] {
        assert_eq!(r[key].as_array().map(Vec::len), Some(0), "{key}: {r:#}");
    }
    // The text is shown, as text: in the inline and block tables, the error boxes, the
    // captions.
    let text = r["text"].as_str().unwrap();
    assert!(text.contains("[click](javascript:alert(1))"), "{text}");
    assert!(text.contains("![t](https://x.invalid/p.png)"), "{text}");
    assert!(text.contains("`b`"), "error message quoted: {text}");
    // Inline: one diagram as an image (the one in the list item is a block), the tables;
    // error boxes: three inline, one block.
    assert_eq!(r["netfigImages"], 1, "{r:#}");
    assert_eq!(r["tables"], 3, "{r:#}");
    assert_eq!(r["errorBoxes"], 4, "{r:#}");
}

/// The Markdown renderer's page, parsed as a Markdown viewer would: the only images are the
/// diagrams' data URLs, there are no links and no raw HTML but the `<br>` of inline tables.
pub(crate) fn hostile_text_stays_text_in_the_markdown_output() {
    let out = build("book-markup-md");
    let md = std::fs::read_to_string(out.join("markdown/hostile.md")).unwrap();
    let mut images = 0;
    for event in Parser::new_ext(&md, netfig::markup::mdbook_options()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => panic!("link to {dest_url}:\n{md}"),
            Event::Start(Tag::Image { dest_url, .. }) => {
                assert!(
                    dest_url.starts_with("data:image/svg+xml;base64,"),
                    "{dest_url}"
                );
                images += 1;
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                assert_eq!(h.trim(), "<br>", "raw HTML in:\n{md}")
            }
            _ => {}
        }
    }
    assert_eq!(images, 3, "{md}");
    assert!(md.contains("\\[click\\](javascript:alert(1))"), "{md}");
}
