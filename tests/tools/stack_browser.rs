//! Real-browser check of the stack view: the bundled layer diagram rendered with `--view stack`
//! in three languages and both themes, every line of every layer's label inside its band in
//! headless Chromium, every model title inside its frame, the figure at most 720 px wide at its
//! natural size with text at 13 px or more. Screenshots are kept under
//! `target/tmp/stack-browser/`.

use crate::common::{check_page_in_chromium, netfig, root, scratch};

/// For every layer, model and mapping label: each line of its text (each `<tspan>` as
/// Chromium lays it out) inside its box; every `<svg>`'s laid-out width and the smallest
/// computed font size of its text. The result goes into `<pre id="result">`.
const CHECK_SCRIPT: &str = r#"
<script>
window.addEventListener('load', () => { try {
  const failures = [];
  const checked = {layer: 0, model: 0, label: 0};
  const figures = [];
  const kinds = [['layer', 'g.layer', 'rect.band'], ['model', 'g.model', ':scope > rect.frame'],
                 ['label', 'g.mapping > g.edge-label', 'rect.bg']];
  for (const svg of document.querySelectorAll('svg')) {
    let smallest = Infinity;
    for (const [kind, selector, boxSelector] of kinds) {
      for (const group of svg.querySelectorAll(selector)) {
        const text = kind === 'model' ? group.querySelector(':scope > text.heading') : group.querySelector('text');
        if (!text || !text.textContent.trim()) continue;
        const shape = group.querySelector(boxSelector);
        const name = group.dataset.id || group.parentElement.dataset.from + '->' + group.parentElement.dataset.to;
        checked[kind]++;
        if (!shape) { failures.push(`${svg.id} ${kind} ${name}: no box`); continue; }
        const s = shape.getBoundingClientRect();
        const spans = [...text.querySelectorAll('tspan')];
        for (const line of spans.length ? spans : [text]) {
          const t = line.getBoundingClientRect();
          smallest = Math.min(smallest, parseFloat(getComputedStyle(line).fontSize));
          const tol = 0.5;
          if (t.left < s.left - tol || t.right > s.right + tol || t.top < s.top - tol || t.bottom > s.bottom + tol) {
            failures.push(`${svg.id} ${kind} ${name} "${line.textContent}": [${t.left.toFixed(1)},${t.top.toFixed(1)},${t.right.toFixed(1)},${t.bottom.toFixed(1)}] outside [${s.left.toFixed(1)},${s.top.toFixed(1)},${s.right.toFixed(1)},${s.bottom.toFixed(1)}]`);
          }
        }
      }
    }
    figures.push({svg: svg.id, width: svg.getBoundingClientRect().width, smallest});
  }
  const cjk = document.fonts.check('16px "Noto Sans CJK SC"');
  document.getElementById('result').textContent = JSON.stringify({checked, failures, figures, cjk});
  } catch (e) { document.getElementById('result').textContent = JSON.stringify({error: String(e)}); }
});
</script>
"#;

pub(crate) fn labels_lie_in_their_bands_in_chromium() {
    let dir = scratch("stack-browser");
    let mut body = String::new();
    for lang in ["zh", "en", "both"] {
        for theme in ["light", "dark"] {
            let out = dir.join(format!("{lang}-{theme}.svg"));
            let o = netfig(
                &[
                    "render",
                    "diagrams/osi-vs-tcpip.mmd",
                    "--view",
                    "stack",
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
            let prefix = roxmltree::Document::parse(&svg)
                .unwrap()
                .root_element()
                .attribute("id")
                .unwrap()
                .to_string();
            let svg = svg.replace(&prefix, &format!("{prefix}-{lang}-{theme}"));
            // A book's column: the figure keeps its natural size in it.
            body.push_str(&format!(
                "<h2>{lang} {theme}</h2>\n<div style=\"width:750px\">{svg}</div>\n"
            ));
        }
    }
    let result = check_page_in_chromium(&dir, &body, CHECK_SCRIPT, "800,3600");
    assert_eq!(
        result["checked"],
        serde_json::json!({"layer": 66, "model": 12, "label": 0}),
        "11 layers and 2 model titles in each of 6 renderings; the example's mappings have no labels"
    );
    assert_eq!(
        result["failures"].as_array().map(Vec::len),
        Some(0),
        "labels outside their boxes: {:#}",
        result["failures"]
    );
    for f in result["figures"].as_array().unwrap() {
        let (width, smallest) = (
            f["width"].as_f64().unwrap(),
            f["smallest"].as_f64().unwrap(),
        );
        assert!(width <= 720.0, "{f}");
        assert!(smallest >= 13.0, "{f}");
    }
}
