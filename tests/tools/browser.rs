//! Real-browser check: every label's box lies inside its node's shape in headless Chromium,
//! in all three languages. Needs `chromium` and a CJK font (Debian: chromium, fonts-noto-cjk);
//! `scripts/test` installs both. Screenshots are kept under `target/tmp/browser/` as artefacts.

use crate::common::{dumped_result, netfig, root, run_chromium, scratch};

/// The page's script: for every node, the label's client box must lie inside the shape's;
/// the result goes into `<pre id="result">` for `--dump-dom` to carry out.
const CHECK_SCRIPT: &str = r#"
<script>
window.addEventListener('load', () => {
  const failures = [];
  let checked = 0;
  for (const svg of document.querySelectorAll('svg')) {
    for (const node of svg.querySelectorAll('g.node')) {
      const text = node.querySelector('text');
      if (!text || !text.textContent.trim()) continue;
      const shape = [...node.querySelectorAll('rect,path,polygon,circle,ellipse')]
        .find(e => !e.closest('text'));
      const t = text.getBoundingClientRect();
      const s = shape.getBoundingClientRect();
      checked++;
      const tol = 0.5;
      if (t.left < s.left - tol || t.right > s.right + tol || t.top < s.top - tol || t.bottom > s.bottom + tol) {
        failures.push(`${svg.id} ${node.dataset.id}: text [${t.left.toFixed(1)},${t.top.toFixed(1)},${t.right.toFixed(1)},${t.bottom.toFixed(1)}] outside shape [${s.left.toFixed(1)},${s.top.toFixed(1)},${s.right.toFixed(1)},${s.bottom.toFixed(1)}]`);
      }
    }
  }
  const cjk = document.fonts.check('16px "Noto Sans CJK SC"');
  document.getElementById('result').textContent = JSON.stringify({checked, failures, cjk});
});
</script>
"#;

pub(crate) fn labels_fit_their_nodes_in_chromium() {
    let dir = scratch("browser");
    let mut body = String::new();
    for lang in ["both", "zh", "en"] {
        for theme in ["light", "dark"] {
            let out = dir.join(format!("{lang}-{theme}.svg"));
            let o = netfig(
                &[
                    "render",
                    "diagrams/osi-vs-tcpip.mmd",
                    "--lang",
                    lang,
                    "--theme",
                    theme,
                    "-o",
                    out.to_str().unwrap(),
                ],
                &root(),
                None,
            );
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
            let svg = std::fs::read_to_string(&out).unwrap();
            // Two diagrams from one source on one page: give each its own ids, as the mdBook
            // integration does.
            let svg = uniquify(&svg, &format!("{lang}{theme}"));
            body.push_str(&format!("<h2>{lang} {theme}</h2>\n{svg}\n"));
        }
    }
    // The TCP state diagram (the full RFC 9293 reference), in the three languages.
    for lang in ["both", "zh", "en"] {
        let out = dir.join(format!("states-{lang}.svg"));
        let o = netfig(
            &[
                "render",
                "diagrams/tcp-states.yaml",
                "--lang",
                lang,
                "-o",
                out.to_str().unwrap(),
            ],
            &root(),
            None,
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let svg = std::fs::read_to_string(&out).unwrap();
        let svg = uniquify(&svg, &format!("states{lang}"));
        body.push_str(&format!("<h2>TCP states {lang}</h2>\n{svg}\n"));
    }
    let page = dir.join("page.html");
    std::fs::write(
        &page,
        format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{body}<pre id=\"result\"></pre>{CHECK_SCRIPT}</body></html>"),
    )
    .unwrap();
    let url = format!("file://{}", page.display());
    let o = run_chromium(&dir.join("profile"), &["--dump-dom"], &url);
    let result = dumped_result(&String::from_utf8_lossy(&o.stdout), "result");
    let _ = run_chromium(
        &dir.join("profile"),
        &[
            &format!("--screenshot={}", dir.join("page.png").display()),
            "--window-size=1600,4000",
        ],
        &url,
    );
    assert_eq!(
        result["cjk"], true,
        "Noto Sans CJK SC not available to Chromium: install fonts-noto-cjk"
    );
    assert_eq!(
        result["checked"], 99,
        "11 nodes × 6 flowchart renderings + 11 states × 3 state diagrams checked: {result}"
    );
    assert_eq!(
        result["failures"].as_array().map(Vec::len),
        Some(0),
        "labels outside their nodes: {result:#}"
    );
}

/// Rewrites the root id (the id prefix) of a netfig SVG to be unique on the page.
fn uniquify(svg: &str, suffix: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let prefix = doc.root_element().attribute("id").unwrap().to_string();
    svg.replace(&prefix, &format!("{prefix}-{suffix}"))
}
