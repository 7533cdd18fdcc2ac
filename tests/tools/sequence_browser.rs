//! Real-browser check of sequence diagrams (issue 12): in headless Chromium, in zh/en/both
//! and light/dark, every participant, note and block-tab label lies inside its box, and no
//! message label overlaps another or a note. Screenshots stay under `target/tmp/` as
//! artefacts.

use crate::common::{check_page_in_chromium, root, scratch};

use netfig::model::{LangChoice, Theme};
use netfig::pipeline::{self, Kind, Options};

/// For every participant, note and block: each `<tspan>` line of a boxed label lies inside
/// the shapes drawn before it in its group (a participant's box, a note's box, a block's
/// tab; section labels inside the frame). Then every message label's lines and every note's
/// box are compared pairwise: none may overlap.
const CHECK_SCRIPT: &str = r#"
<script>
window.addEventListener('load', () => { try {
  const failures = [];
  const checked = {participant: 0, note: 0, tab: 0, section: 0, message: 0};
  const tol = 0.5;
  const inside = (t, s) => t.left >= s.left - tol && t.right <= s.right + tol && t.top >= s.top - tol && t.bottom <= s.bottom + tol;
  const union = rs => rs.reduce((a, r) => ({left: Math.min(a.left, r.left), top: Math.min(a.top, r.top), right: Math.max(a.right, r.right), bottom: Math.max(a.bottom, r.bottom)}));
  const fmt = r => `[${r.left.toFixed(1)},${r.top.toFixed(1)},${r.right.toFixed(1)},${r.bottom.toFixed(1)}]`;
  const lines = text => { const s = [...text.querySelectorAll('tspan[x]')]; return s.length ? s : [text]; };
  const fits = (svg, kind, text, box) => {
    checked[kind]++;
    for (const l of lines(text)) {
      const t = l.getBoundingClientRect();
      if (!inside(t, box)) failures.push(`${svg.id} ${kind} "${l.textContent}": ${fmt(t)} outside ${fmt(box)}`);
    }
  };
  for (const svg of document.querySelectorAll('svg')) {
    for (const g of svg.querySelectorAll('g.participant, g.note')) {
      let shapes = [];
      for (const el of g.querySelectorAll('rect, path, ellipse, circle, text, line')) {
        if (el.closest('text') && el.tagName !== 'text') continue;
        if (el.tagName === 'text') {
          if (!shapes.length) { failures.push(`${svg.id} label "${el.textContent}" without a box`); continue; }
          fits(svg, g.classList.contains('note') ? 'note' : 'participant', el, union(shapes.map(s => s.getBoundingClientRect())));
          shapes = [];
        } else if (el.tagName !== 'line' && !el.classList.contains('destroyed')) {
          shapes.push(el);
        }
      }
    }
    for (const g of svg.querySelectorAll('g.block')) {
      const tab = g.querySelector('rect.tab');
      const frame = g.querySelector('rect.frame, rect.fill').getBoundingClientRect();
      for (const t of g.querySelectorAll('text.tab-label')) fits(svg, 'tab', t, tab.getBoundingClientRect());
      for (const t of g.querySelectorAll('text.label')) fits(svg, 'section', t, frame);
    }
    const taken = [];
    for (const t of svg.querySelectorAll('g.message text.label')) {
      checked.message++;
      taken.push({name: `message "${t.textContent}"`, r: union(lines(t).map(l => l.getBoundingClientRect()))});
    }
    for (const n of svg.querySelectorAll('g.note rect.shape')) taken.push({name: 'note', r: n.getBoundingClientRect()});
    for (let i = 0; i < taken.length; i++) for (let j = i + 1; j < taken.length; j++) {
      const [a, b] = [taken[i].r, taken[j].r];
      if (a.left + tol < b.right && b.left + tol < a.right && a.top + tol < b.bottom && b.top + tol < a.bottom)
        failures.push(`${svg.id} ${taken[i].name} ${fmt(a)} overlaps ${taken[j].name} ${fmt(b)}`);
    }
  }
  const cjk = document.fonts.check('16px "Noto Sans CJK SC"');
  document.getElementById('result').textContent = JSON.stringify({checked, failures, cjk});
  } catch (e) { document.getElementById('result').textContent = JSON.stringify({error: String(e)}); }
});
</script>
"#;

/// Every construct family with labels in both languages.
const CONSTRUCTS: &str = "sequenceDiagram
    title 握手 Handshake
    autonumber
    actor C as 客户端<br/>Client
    participant S as 服务器<br/>Server
    participant D@{ \"type\": \"database\", \"alias\": \"数据库 Database\" }
    box Aqua 后端 Back end
    participant Q@{ \"type\": \"queue\" }
    participant L@{ \"type\": \"collections\" }
    end
    C->>+S: SYN seq=x<br/>同步
    S-->>-C: SYN+ACK seq=y ack=x+1
    loop 每分钟 every minute
        C-)S: keepalive 保活
        alt 正常 healthy
            S->>S: 自检 self check
        else 异常 sick
            S-xD: query 查询
            Note over S,D: 稍后重试<br/>retry later
        end
    end
    Note left of C: 左边的注释 left note
    Note right of L: 右边 right
    par 一 one
        C->>Q: a
    and 二 two
        C->>L: b
    end
    create participant N as 新的 New
    S->>N: 创建 create
    destroy N
    S-xN: 销毁 destroy
    critical 连接 connect
        C<<->>S: 双向 both ways
    option 超时 timeout
        C->>C: 放弃 give up
    end
";

pub(crate) fn labels_fit_and_messages_clear_in_chromium() {
    let dir = scratch("sequence-browser");
    let close = std::fs::read_to_string(root().join("diagrams/tcp-close.mmd")).unwrap();
    let mut body = String::new();
    let mut svgs = 0;
    for (name, source) in [("close", close.as_str()), ("constructs", CONSTRUCTS)] {
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
                let out = pipeline::compile(source, Kind::Sequence, &options)
                    .unwrap_or_else(|d| panic!("{name}: {d:?}"));
                body.push_str(&format!(
                    "<h2>{name} {lang} {theme}</h2>\n{}\n",
                    out.svg.unwrap()
                ));
                svgs += 1;
            }
        }
    }
    let result = check_page_in_chromium(&dir, &body, CHECK_SCRIPT, "1600,6000");
    assert_eq!(svgs, 12);
    // Per language and theme: close has 2 participants × 2 boxes, 8 notes, 4 messages;
    // constructs has 6 participants × 2 boxes (New, destroyed, gets its bottom box on the
    // destroying message, as mermaid draws it), 3 notes, 4 tabs (loop, alt, par, critical),
    // 7 section labels, 11 messages.
    assert_eq!(
        result["checked"],
        serde_json::json!({"participant": 6 * 16, "note": 6 * 11, "tab": 6 * 4, "section": 6 * 7, "message": 6 * 15}),
        "{result}"
    );
    assert_eq!(
        result["failures"].as_array().map(Vec::len),
        Some(0),
        "labels outside their boxes or overlapping: {:#}",
        result["failures"]
    );
}
