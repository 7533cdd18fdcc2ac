//! Real-browser check of TCP ladders (issue 13): in headless Chromium, in zh/en/both, the
//! ladders with three and four endpoints and with findings on crossing `par` arrows (marked
//! as `--check warn` marks them), and RFC 9293 Figure 13: no two of the texts drawn (states,
//! timers' names, findings' codes, message labels, notes) overlap as the browser sets them,
//! and no segment line passes through a state, a timer's name or a code. The screenshot stays
//! under `target/tmp/` as an artefact.

use crate::common::{check_page_in_chromium, root, scratch};

use netfig::model::LangChoice;
use netfig::pipeline::{self, CheckMode, Kind, Options};

/// Boxes from `getBoundingClientRect`; segment lines sampled every 2 px with
/// `getPointAtLength`, in screen coordinates through the SVG's `getScreenCTM`.
const CHECK_SCRIPT: &str = r#"
<script>
window.addEventListener('load', () => { try {
  const failures = [];
  const checked = {state: 0, timer: 0, finding: 0, message: 0, note: 0, line: 0};
  const tol = 0.5;
  const fmt = r => `[${r.left.toFixed(1)},${r.top.toFixed(1)},${r.right.toFixed(1)},${r.bottom.toFixed(1)}]`;
  for (const svg of document.querySelectorAll('svg')) {
    const texts = [];
    const add = (kind, el, name) => { checked[kind]++; texts.push({kind, name, r: el.getBoundingClientRect()}); };
    for (const g of svg.querySelectorAll('g.state')) {
      add('state', g.querySelector('rect.shape') || g.querySelector('text'), `state ${g.dataset.participant} ${g.dataset.state}`);
    }
    for (const g of svg.querySelectorAll('g.timer')) add('timer', g.querySelector('text'), `timer ${g.dataset.participant}`);
    for (const g of svg.querySelectorAll('g.finding:not(.state):not(.message)')) add('finding', g.querySelector('text'), `code ${g.dataset.code}`);
    for (const t of svg.querySelectorAll('g.message text.label')) add('message', t, `label "${t.textContent}"`);
    for (const n of svg.querySelectorAll('g.note rect.shape')) add('note', n, 'note');
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const [a, b] = [texts[i].r, texts[j].r];
      if (a.left + tol < b.right && b.left + tol < a.right && a.top + tol < b.bottom && b.top + tol < a.bottom)
        failures.push(`${svg.id} ${texts[i].name} ${fmt(a)} overlaps ${texts[j].name} ${fmt(b)}`);
    }
    const ctm = svg.getScreenCTM();
    const ladder = texts.filter(t => t.kind === 'state' || t.kind === 'timer' || t.kind === 'finding');
    for (const path of svg.querySelectorAll('g.message.segment path.line')) {
      checked.line++;
      const len = path.getTotalLength();
      for (let s = 0; s <= len; s += 2) {
        const p = new DOMPoint(path.getPointAtLength(s).x, path.getPointAtLength(s).y).matrixTransform(ctm);
        const hit = ladder.find(t => p.x > t.r.left + tol && p.x < t.r.right - tol && p.y > t.r.top + tol && p.y < t.r.bottom - tol);
        if (hit) { failures.push(`${svg.id} a segment line crosses ${hit.name} ${fmt(hit.r)} at ${p.x.toFixed(1)},${p.y.toFixed(1)}`); break; }
      }
    }
  }
  const cjk = document.fonts.check('16px "Noto Sans CJK SC"');
  document.getElementById('result').textContent = JSON.stringify({checked, failures, cjk});
  } catch (e) { document.getElementById('result').textContent = JSON.stringify({error: String(e)}); }
});
</script>
"#;

pub(crate) fn ladder_text_clear_in_chromium() {
    let dir = scratch("ladder-browser");
    let mut body = String::new();
    let mut svgs = 0;
    for name in [
        "three-endpoints",
        "four-endpoints",
        "four-endpoints-findings",
        "par-findings",
        "rfc9293-figure13",
    ] {
        let path = root()
            .join("tests/fixtures/exchange")
            .join(format!("{name}.mmd"));
        let source = std::fs::read_to_string(path).expect("fixture");
        for (lang, l) in [
            ("both", LangChoice::Both),
            ("zh", LangChoice::Zh),
            ("en", LangChoice::En),
        ] {
            let mut options = Options::default();
            options.lang = l;
            options.check = CheckMode::Warn;
            options.id_prefix = Some(format!("{name}-{lang}"));
            let out = pipeline::compile(&source, Kind::Sequence, &options)
                .unwrap_or_else(|d| panic!("{name}: {d:?}"));
            body.push_str(&format!("<h2>{name} {lang}</h2>\n{}\n", out.svg.unwrap()));
            svgs += 1;
        }
    }
    let result = check_page_in_chromium(&dir, &body, CHECK_SCRIPT, "1600,12000");
    assert_eq!(svgs, 15);
    eprintln!("checked in Chromium: {}", result["checked"]);
    let checked = &result["checked"];
    for kind in ["state", "finding", "timer", "message", "line"] {
        assert!(
            checked[kind].as_u64().is_some_and(|n| n > 0),
            "nothing of kind {kind} checked: {result}"
        );
    }
    assert_eq!(
        result["failures"].as_array().map(Vec::len),
        Some(0),
        "ladder texts overlapping or crossed: {:#}",
        result["failures"]
    );
}
