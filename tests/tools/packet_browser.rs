//! Real-browser check of packet diagrams (issue 15): in headless Chromium, in zh/en/both and
//! light/dark, every field's label lies inside the field's outline (set level, wrapped, or
//! stacked a character a line in a narrow field), a label set beside the grid lies outside
//! the grid and clear of every other label, and no two labels overlap. Screenshots stay
//! under `target/tmp/` as artefacts.

use crate::common::{check_page_in_chromium, root, scratch};

use netfig::model::{LangChoice, Theme};
use netfig::packet::reference::{HEADERS, IPV4};
use netfig::pipeline::{self, Kind, Options};

/// For every `g.field`: the union of its outlines' boxes holds each line of its labels
/// (unless the label is `beside`: then it must lie left or right of the grid). Then every
/// label line is compared with every other one of the drawing: none may overlap.
const CHECK_SCRIPT: &str = r#"
<script>
window.addEventListener('load', () => { try {
  const failures = [];
  const checked = {inside: 0, stacked: 0, beside: 0};
  const tol = 0.5;
  const inside = (t, s) => t.left >= s.left - tol && t.right <= s.right + tol && t.top >= s.top - tol && t.bottom <= s.bottom + tol;
  const union = rs => rs.reduce((a, r) => ({left: Math.min(a.left, r.left), top: Math.min(a.top, r.top), right: Math.max(a.right, r.right), bottom: Math.max(a.bottom, r.bottom)}));
  const fmt = r => `[${r.left.toFixed(1)},${r.top.toFixed(1)},${r.right.toFixed(1)},${r.bottom.toFixed(1)}]`;
  for (const svg of document.querySelectorAll('svg')) {
    const boxes = [...svg.querySelectorAll('g.field path.box')].map(p => p.getBoundingClientRect());
    const grid = union(boxes);
    const lines = [];
    for (const g of svg.querySelectorAll('g.field')) {
      const field = union([...g.querySelectorAll('path.box')].map(p => p.getBoundingClientRect()));
      for (const t of g.querySelectorAll('text.label')) {
        const kind = t.classList.contains('beside') ? 'beside' : t.classList.contains('stacked') ? 'stacked' : 'inside';
        checked[kind]++;
        for (const l of t.querySelectorAll('tspan[x]')) {
          const r = l.getBoundingClientRect();
          lines.push({name: `${svg.id} ${g.dataset.start}-${g.dataset.end} "${l.textContent}"`, r});
          if (kind === 'beside') {
            if (r.right > grid.left + tol && r.left < grid.right - tol) failures.push(`${svg.id} beside "${l.textContent}" ${fmt(r)} over the grid ${fmt(grid)}`);
          } else if (!inside(r, field)) {
            failures.push(`${svg.id} field ${g.dataset.start}-${g.dataset.end} "${l.textContent}": ${fmt(r)} outside ${fmt(field)}`);
          }
        }
      }
    }
    // Stacked characters are set closer than their font boxes: compare glyph boxes a little
    // inside those (the ink), not the boxes themselves.
    const ink = r => ({left: r.left + 1, right: r.right - 1, top: r.top + 2, bottom: r.bottom - 2});
    for (let i = 0; i < lines.length; i++) for (let j = i + 1; j < lines.length; j++) {
      const [a, b] = [ink(lines[i].r), ink(lines[j].r)];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
        failures.push(`${lines[i].name} ${fmt(lines[i].r)} overlaps ${lines[j].name} ${fmt(lines[j].r)}`);
    }
  }
  const cjk = document.fonts.check('16px "Noto Sans CJK SC"');
  document.getElementById('result').textContent = JSON.stringify({checked, failures, cjk});
  } catch (e) { document.getElementById('result').textContent = JSON.stringify({error: String(e)}); }
});
</script>
"#;

/// A header in mermaid's own style with labels too long for their bits: they go beside
/// the grid with leaders.
const LONG_FLAGS: &str = "packet
title 长标签 Long labels
0-3: \"Version<br>版本\"
4: \"Congestion Window Reduced<br>拥塞窗口已减小\"
5: \"ECN-Echo<br>ECN回显\"
6-31: \"剩余 rest\"
";

pub(crate) fn labels_fit_their_fields_in_chromium() {
    let dir = scratch("packet-browser");
    let bundled = std::fs::read_to_string(root().join("diagrams/tcp-header.mmd")).unwrap();
    let mut sources: Vec<(String, String)> = vec![
        ("bundled".into(), bundled),
        ("long".into(), LONG_FLAGS.into()),
    ];
    for h in HEADERS {
        sources.push((h.id.into(), netfig::packet::reference::to_packet(h)));
    }
    // RFC 791's own Flags as one field, in Chinese.
    sources.push((
        "ipv4-zh".into(),
        netfig::packet::reference::to_packet(&IPV4),
    ));
    let mut body = String::new();
    let mut svgs = 0;
    for (name, source) in &sources {
        for (lang, l) in [
            ("both", LangChoice::Both),
            ("zh", LangChoice::Zh),
            ("en", LangChoice::En),
        ] {
            for (theme, t) in [("light", Theme::Light), ("dark", Theme::Dark)] {
                let mut options = Options::default();
                options.lang = l;
                options.theme = t;
                options.id_prefix = Some(format!("{name}-{lang}-{theme}"));
                let out = pipeline::compile(source, Kind::Packet, &options)
                    .unwrap_or_else(|d| panic!("{name}: {d:?}"));
                body.push_str(&format!(
                    "<h2>{name} {lang} {theme}</h2>\n{}\n",
                    out.svg.unwrap()
                ));
                svgs += 1;
            }
        }
    }
    let result = check_page_in_chromium(&dir, &body, CHECK_SCRIPT, "1400,9000");
    assert_eq!(svgs, sources.len() * 6);
    let checked = &result["checked"];
    // The TCP control bits are stacked (bundled and reference: 8 flags in 6 drawings each, a
    // text per label line: 2 in both, 1 in zh or en), and so are IPv4's DF and MF.
    let stacked = checked["stacked"].as_u64().unwrap_or(0);
    assert!(stacked >= 2 * 8 * 2 * (2 + 1 + 1), "{result}");
    // "Congestion Window Reduced" is too long to stack: beside the grid in en and both (×2
    // themes); 拥塞窗口已减小 alone stacks.
    assert_eq!(checked["beside"], serde_json::json!(4), "{result}");
    assert!(checked["inside"].as_u64().unwrap_or(0) > 100, "{result}");
    assert_eq!(
        result["failures"].as_array().map(Vec::len),
        Some(0),
        "labels outside their fields or overlapping: {:#}",
        result["failures"]
    );
}
