//! The built book in a real browser: every chapter of both editions, in the light theme and in
//! a dark one (coal). No console errors, every diagram visible, every label inside its node's
//! shape (a sequence diagram's participant box and notes alike). Screenshots are kept under `target/tmp/book-browser/` as artefacts.

use crate::common::{dumped_result, netfig, root, run_chromium, scratch};

/// Injected first in `<head>`: selects the theme the way mdBook's own script reads it, and
/// records console errors and uncaught exceptions.
fn head_script(theme: &str) -> String {
    format!(
        r#"<script>
window.__errors = [];
window.addEventListener('error', e => window.__errors.push('error: ' + e.message));
const __ce = console.error; console.error = (...a) => {{ window.__errors.push('console.error: ' + a.join(' ')); __ce(...a); }};
try {{ localStorage.setItem('mdbook-theme', '{theme}'); }} catch (e) {{}}
</script>"#
    )
}

/// Injected before `</body>`: the checks; the result goes into `<pre id="netfig-result">`.
const CHECK_SCRIPT: &str = r#"<pre id="netfig-result"></pre><script>
window.addEventListener('load', () => setTimeout(() => {
  const failures = [];
  let diagrams = 0, labels = 0;
  for (const svg of document.querySelectorAll('svg.netfig')) {
    diagrams++;
    const r = svg.getBoundingClientRect();
    if (r.width < 10 || r.height < 10 || getComputedStyle(svg).visibility === 'hidden') failures.push(`${svg.id} not visible`);
    for (const node of svg.querySelectorAll('g.node, g.participant, g.note')) {
      const text = node.querySelector('text');
      if (!text || !text.textContent.trim()) continue;
      const shape = [...node.querySelectorAll('rect,path,polygon,circle,ellipse')].find(e => !e.closest('text'));
      const t = text.getBoundingClientRect(), s = shape.getBoundingClientRect();
      labels++;
      if (t.left < s.left - 0.5 || t.right > s.right + 0.5 || t.top < s.top - 0.5 || t.bottom > s.bottom + 0.5)
        failures.push(`${svg.id} ${node.dataset.id}: label outside its shape`);
      const fill = getComputedStyle(text).fill;
      if (!fill || fill === 'none') failures.push(`${svg.id} ${node.dataset.id}: label has no fill`);
    }
  }
  document.getElementById('netfig-result').textContent = JSON.stringify({
    theme: document.documentElement.className, diagrams, labels, failures, errors: window.__errors,
    tables: document.querySelectorAll('table.netfig-state-table').length,
    errorBoxes: document.querySelectorAll('.netfig-error').length });
}, 200));
</script>"#;

pub(crate) fn every_chapter_renders_cleanly_in_light_and_dark_themes() {
    let dir = scratch("book-browser");
    let out = dir.join("html");
    let o = netfig(
        &["build", "book", "--dest-dir", out.to_str().unwrap()],
        &root(),
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "netfig build book: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut total_diagrams = 0;
    let mut report = Vec::new();
    for edition in ["en", "zh"] {
        let summary =
            std::fs::read_to_string(root().join(format!("book/{edition}/src/SUMMARY.md"))).unwrap();
        let chapters: Vec<String> = summary
            .lines()
            .filter_map(|l| Some(l[l.find("](")? + 2..l.rfind(')')?].replace(".md", ".html")))
            .collect();
        assert!(chapters.len() >= 5, "{edition}: {chapters:?}");
        for chapter in &chapters {
            let page = out.join(edition).join(chapter);
            let html = std::fs::read_to_string(&page)
                .unwrap_or_else(|e| panic!("{}: {e}", page.display()));
            for theme in ["light", "coal"] {
                let probe = page.with_file_name(format!("probe-{theme}-{chapter}"));
                let html = html
                    .replacen("<head>", &format!("<head>{}", head_script(theme)), 1)
                    .replacen("</body>", &format!("{CHECK_SCRIPT}</body>"), 1);
                std::fs::write(&probe, html).unwrap();
                let url = format!("file://{}", probe.display());
                let profile = dir.join(format!("profile-{edition}-{theme}"));
                let o = run_chromium(&profile, &["--dump-dom"], &url);
                let result = dumped_result(&String::from_utf8_lossy(&o.stdout), "netfig-result");
                let shot = dir.join(format!(
                    "{edition}-{}-{theme}.png",
                    chapter.trim_end_matches(".html")
                ));
                let _ = run_chromium(
                    &profile,
                    &[
                        &format!("--screenshot={}", shot.display()),
                        "--window-size=1280,2400",
                    ],
                    &url,
                );
                assert!(
                    result["theme"]
                        .as_str()
                        .unwrap_or("")
                        .split_whitespace()
                        .any(|c| c == theme),
                    "{edition}/{chapter}: theme not applied: {result}"
                );
                assert_eq!(
                    result["failures"].as_array().map(Vec::len),
                    Some(0),
                    "{edition}/{chapter} {theme}: {result:#}"
                );
                assert_eq!(
                    result["errors"].as_array().map(Vec::len),
                    Some(0),
                    "{edition}/{chapter} {theme}: console errors: {result:#}"
                );
                assert_eq!(
                    result["errorBoxes"], 0,
                    "{edition}/{chapter}: error box in the page"
                );
                total_diagrams += result["diagrams"].as_u64().unwrap_or(0);
                report.push(format!("{edition}/{chapter} {theme}: {result}"));
            }
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(
        total_diagrams >= 2 * 2 * 2,
        "diagrams found in the built book: {total_diagrams}"
    );
}
