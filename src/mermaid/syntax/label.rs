//! Label text → [`Label`]: `<br>` line breaks, `<hr>` rules, entity codes (`#quot;`,
//! `#9829;`, `#x2764;`, `&amp;`), `<b>`/`<strong>`/`<i>`/`<em>` styling, markdown strings
//! (`**bold**`, `_italic_`, newlines as line breaks with common indentation stripped). Other
//! HTML tags and `fa:fa-…` icon tokens are removed with a warning; the rest of the text is
//! kept.

use super::ast::{Text, TextKind};
use super::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Label, LabelLine, Lang, TextRun};

/// Converts label text to a [`Label`], with diagnostics positioned in the source
/// (`text.raw` is the source slice at `text.span`).
pub fn to_label(text: &Text) -> (Label, Vec<Diagnostic>) {
    convert(text, false)
}

fn convert(text: &Text, keep_segment_tags: bool) -> (Label, Vec<Diagnostic>) {
    let mut b = Builder {
        keep_segment_tags,
        ..Builder::default()
    };
    let base = text.span.start;
    let raw = text.raw.as_str();
    if text.kind == TextKind::Markdown {
        let lines: Vec<(usize, &str)> = raw
            .split('\n')
            .scan(0usize, |off, l| {
                let start = *off;
                *off += l.len() + 1;
                Some((start, l))
            })
            .collect();
        let indent = lines
            .iter()
            .skip(1)
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(_, l)| l.len() - l.trim_start_matches([' ', '\t']).len())
            .min()
            .unwrap_or(0);
        for (i, (off, line)) in lines.iter().enumerate() {
            if i > 0 {
                b.newline();
            }
            let cut = if i == 0 {
                0
            } else {
                indent.min(line.len() - line.trim_start_matches([' ', '\t']).len())
            };
            b.inline(&line[cut..], base + off + cut, true);
        }
    } else {
        b.inline(raw, base, false);
    }
    b.finish()
}

/// [`to_label`] in a TCP exchange (`check: tcp`): RFC 9293's segment fields (`<SEQ=100>`,
/// `<ACK=301>`, `<CTL=SYN,ACK>`, `<DATA>`, `<WND=…>`, `<LEN=…>`) are text, kept as written,
/// not HTML tags to remove.
pub fn to_label_keeping_segment_tags(text: &Text) -> (Label, Vec<Diagnostic>) {
    convert(text, true)
}

/// Whether the tag `<…>` at the start of `tag` is one of RFC 9293's segment fields.
fn is_segment_field(tag: &str) -> bool {
    let body = tag.trim_start_matches('<').trim_end_matches('>');
    let name = body.split('=').next().unwrap_or("");
    let field = ["SEQ", "ACK", "CTL", "DATA", "WND", "LEN"]
        .iter()
        .any(|f| name.eq_ignore_ascii_case(f));
    field && (body.contains('=') || name.eq_ignore_ascii_case("DATA"))
}

/// [`to_label`] in a diagram whose `markdownAutoWrap` is `markdown_auto_wrap`: with `false`, a
/// markdown string's spaces become no-break spaces (U+00A0), as mermaid writes them
/// (`&nbsp;`), so the string wraps only where ideographs allow a break. Other text is
/// unaffected.
pub fn to_label_with(text: &Text, markdown_auto_wrap: bool) -> (Label, Vec<Diagnostic>) {
    let (mut label, diags) = to_label(text);
    if !markdown_auto_wrap && text.kind == TextKind::Markdown {
        for run in label.lines.iter_mut().flat_map(|l| l.runs.iter_mut()) {
            if run.text.contains(' ') {
                run.text = run.text.replace(' ', "\u{a0}");
            }
        }
    }
    (label, diags)
}

#[derive(Default)]
struct Builder {
    lines: Vec<LabelLine>,
    line: LabelLine,
    html_bold: bool,
    html_italic: bool,
    md_bold: bool,
    md_italic: bool,
    diags: Vec<Diagnostic>,
    /// Keep RFC 9293 segment fields as text ([`to_label_keeping_segment_tags`]).
    keep_segment_tags: bool,
}

impl Builder {
    fn newline(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.lines.push(line);
    }
    fn push(&mut self, c: char) {
        let bold = self.html_bold || self.md_bold;
        let italic = self.html_italic || self.md_italic;
        match self.line.runs.last_mut() {
            Some(r) if r.bold == bold && r.italic == italic => r.text.push(c),
            _ => self.line.runs.push(TextRun {
                text: c.to_string(),
                bold,
                italic,
            }),
        }
    }
    fn push_str(&mut self, s: &str) {
        s.chars().for_each(|c| self.push(c));
    }
    fn last_is_space(&self) -> bool {
        self.line
            .runs
            .last()
            .and_then(|r| r.text.chars().next_back())
            .is_none_or(char::is_whitespace)
    }

    /// One line (markdown) or the whole text (plain), starting at source offset `base`.
    fn inline(&mut self, s: &str, base: usize, markdown: bool) {
        let mut i = 0;
        let bytes = s.as_bytes();
        while i < s.len() {
            let rest = &s[i..];
            let c = rest.chars().next().unwrap_or(' ');
            let prev = s[..i].chars().next_back();
            if c == '<' {
                if let Some(n) = self.tag(rest, base + i) {
                    i += n;
                    continue;
                }
            } else if c == '#' || c == '&' {
                if let Some(n) = self.entity(rest, base + i) {
                    i += n;
                    continue;
                }
            } else if c == 'f' && prev.is_none_or(char::is_whitespace) {
                if let Some(n) = icon(rest) {
                    self.diags.push(Diagnostic::warning(
                        codes::FA_ICON,
                        Span::new(base + i, base + i + n),
                        format!(
                            "icon `{}` removed: icon fonts are not available offline",
                            &rest[..n]
                        ),
                    ));
                    i += n;
                    if self.last_is_space() && s[i..].starts_with(' ') {
                        i += 1;
                    }
                    continue;
                }
            } else if c == '\n' && !markdown {
                self.newline();
                i += 1;
                continue;
            } else if markdown && (c == '*' || c == '_') {
                let double = bytes.get(i + 1) == Some(&bytes[i]);
                let delim = if double { &rest[..2] } else { &rest[..1] };
                let after = &rest[delim.len()..];
                let next = after.chars().next();
                let word = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
                // `_` inside a word (snake_case) is text.
                let intraword = c == '_' && word(prev) && word(next);
                if !intraword {
                    let flag = if double { self.md_bold } else { self.md_italic };
                    if flag || (after.contains(delim) && !next.is_none_or(char::is_whitespace)) {
                        if double {
                            self.md_bold = !self.md_bold;
                        } else {
                            self.md_italic = !self.md_italic;
                        }
                        i += delim.len();
                        continue;
                    }
                }
            }
            self.push(c);
            i += c.len_utf8();
        }
        // Markdown emphasis does not continue past a line.
        self.md_bold = false;
        self.md_italic = false;
    }

    /// An HTML tag at the start of `s`; returns its length if it is one.
    fn tag(&mut self, s: &str, at: usize) -> Option<usize> {
        let body = s[1..].strip_prefix('/').unwrap_or(&s[1..]);
        let closing = body.len() < s.len() - 1;
        if !body.chars().next()?.is_ascii_alphabetic() {
            return None;
        }
        // The tag ends at the first `>`, unless a `<` or a line break comes first. Looking no
        // further than the next `<` keeps a run of `<b<b<b…` linear (searching each to the
        // end of the text for `>` was quadratic).
        let end = 1 + s[1..].find(['>', '<', '\n'])?;
        if s.as_bytes()[end] != b'>' {
            return None;
        }
        if self.keep_segment_tags && is_segment_field(&s[..=end]) {
            self.push_str(&s[..=end]);
            return Some(end + 1);
        }
        let name_len = body
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(body.len());
        let name = body[..name_len].to_ascii_lowercase();
        match name.as_str() {
            "br" => self.newline(),
            "hr" => {
                if self.line.runs.iter().any(|r| !r.text.trim().is_empty()) {
                    self.newline();
                } else {
                    self.line = LabelLine::default();
                }
                self.lines.push(LabelLine::rule());
            }
            "b" | "strong" => self.html_bold = !closing,
            "i" | "em" => self.html_italic = !closing,
            _ => self.diags.push(
                Diagnostic::warning(
                    codes::HTML_TAG,
                    Span::new(at, at + end + 1),
                    format!("HTML tag `{}` removed; only <br>, <hr>, <b>, <strong>, <i> and <em> are supported", &s[..=end]),
                )
                .with_hint("the text inside the tag is kept"),
            ),
        }
        Some(end + 1)
    }

    /// An entity code (`#quot;`, `#9829;`, `#x2764;`, `&amp;`, `&#9829;`) at the start of `s`.
    fn entity(&mut self, s: &str, at: usize) -> Option<usize> {
        let semi = s
            .char_indices()
            .take(16)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i)?;
        let inner = &s[1..semi];
        let (numeric, body) = match inner.strip_prefix('#') {
            Some(b) if s.starts_with('&') => (true, b),
            _ => (false, inner),
        };
        if body.is_empty() || !body.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let hex = body.len() > 1
            && body.starts_with(['x', 'X'])
            && body[1..].chars().all(|c| c.is_ascii_hexdigit());
        if numeric || hex || body.starts_with(|c: char| c.is_ascii_digit()) {
            return self.numeric(body, s, semi, at);
        }
        match named(body) {
            Some(c) => {
                self.push(c);
            }
            None => {
                self.diags.push(Diagnostic::warning(
                    codes::UNKNOWN_ENTITY,
                    Span::new(at, at + semi + 1),
                    format!("unknown entity `{}` kept as written", &s[..=semi]),
                ));
                self.push_str(&s[..=semi]);
            }
        }
        Some(semi + 1)
    }

    fn numeric(&mut self, body: &str, s: &str, semi: usize, at: usize) -> Option<usize> {
        let n = match body.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => body.parse::<u32>().ok(),
        };
        match n.and_then(char::from_u32).filter(|c| *c != '\0') {
            Some(c) => self.push(c),
            None => {
                if !body.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return None;
                }
                self.diags.push(Diagnostic::warning(
                    codes::UNKNOWN_ENTITY,
                    Span::new(at, at + semi + 1),
                    format!(
                        "entity `{}` is not a valid character; kept as written",
                        &s[..=semi]
                    ),
                ));
                self.push_str(&s[..=semi]);
            }
        }
        Some(semi + 1)
    }

    fn finish(mut self) -> (Label, Vec<Diagnostic>) {
        self.newline();
        for line in &mut self.lines {
            if let Some(r) = line.runs.first_mut() {
                r.text = r.text.trim_start().to_string();
            }
            if let Some(r) = line.runs.last_mut() {
                r.text = r.text.trim_end().to_string();
            }
            line.runs.retain(|r| !r.text.is_empty());
            // Mermaid text states no language: each line's is guessed once, here.
            line.lang = Lang::of_text(&line.text());
        }
        // A trailing `<hr>` leaves an empty line after it: drop that.
        let n = self.lines.len();
        if n >= 2 && self.lines[n - 2].rule && self.lines[n - 1].runs.is_empty() {
            self.lines.pop();
        }
        (Label { lines: self.lines }, self.diags)
    }
}

/// Length of an `fa:fa-name` (or `fab:`, `fas:`, `far:`, `fal:`, `fak:`) token at the start.
fn icon(s: &str) -> Option<usize> {
    let colon = s.find(':')?;
    let prefix = &s[..colon];
    if !(prefix.len() <= 3
        && prefix.starts_with("fa")
        && prefix.chars().all(|c| c.is_ascii_lowercase()))
    {
        return None;
    }
    let rest = s[colon + 1..].strip_prefix("fa-")?;
    let n = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    (n > 0).then_some(colon + 4 + n)
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "quot" => '"',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "num" => '#',
        "semi" => ';',
        "colon" => ':',
        "comma" => ',',
        "hearts" => '♥',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "middot" => '·',
        "bull" => '•',
        "laquo" => '«',
        "raquo" => '»',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "infin" => '∞',
        "equals" => '=',
        "ne" => '≠',
        "le" => '≤',
        "ge" => '≥',
        "asymp" => '≈',
        "rArr" => '⇒',
        "lArr" => '⇐',
        "hArr" => '⇔',
        "check" => '✓',
        "cross" => '✗',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "alpha" => 'α',
        "beta" => 'β',
        "delta" => 'δ',
        "Delta" => 'Δ',
        "lambda" => 'λ',
        "mu" => 'μ',
        "pi" => 'π',
        "sum" => '∑',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(kind: TextKind, raw: &str) -> (Label, Vec<Diagnostic>) {
        to_label(&Text {
            kind,
            raw: raw.to_string(),
            span: Span::new(10, 10 + raw.len()),
        })
    }

    fn runs(l: &Label) -> Vec<Vec<(String, bool, bool)>> {
        l.lines
            .iter()
            .map(|line| {
                line.runs
                    .iter()
                    .map(|r| (r.text.clone(), r.bold, r.italic))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn hr_is_a_rule_line_between_text_lines() {
        let (l, d) = label(TextKind::Plain, "title<hr>body<hr/>");
        assert!(d.is_empty(), "{d:?}");
        let kinds: Vec<_> = l.lines.iter().map(|l| (l.rule, l.text())).collect();
        assert_eq!(
            kinds,
            [
                (false, "title".to_string()),
                (true, String::new()),
                (false, "body".to_string()),
                (true, String::new()),
            ]
        );
        let (l, _) = label(TextKind::Plain, "<hr>x");
        assert_eq!(l.lines.len(), 2);
        assert!(l.lines[0].rule);
    }

    #[test]
    fn br_variants_break_lines() {
        let (l, d) = label(TextKind::Plain, "a<br>b<BR>c<br/>d<br />e<Br  />f");
        assert!(d.is_empty());
        assert_eq!(l.text(), "a\nb\nc\nd\ne\nf");
    }

    #[test]
    fn entities_named_decimal_hex() {
        let (l, d) = label(
            TextKind::Quoted,
            "#quot;#amp;#lt;#gt;#35;#9829;#x2764;&quot;&#65;&#x42;",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(l.text(), "\"&<>#♥❤\"AB");
    }

    #[test]
    fn invalid_entities_are_text_or_warned() {
        let (l, d) = label(TextKind::Plain, "#1114112; x #; y & z;");
        assert_eq!(l.text(), "#1114112; x #; y & z;");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, codes::UNKNOWN_ENTITY);
        assert_eq!(d[0].span, Span::new(10, 19));
    }

    #[test]
    fn html_emphasis_and_unknown_tags() {
        let (l, d) = label(
            TextKind::Quoted,
            "<strong>B</strong><em>I</em><code>c</code>",
        );
        assert_eq!(
            runs(&l),
            [[
                ("B".into(), true, false),
                ("I".into(), false, true),
                ("c".into(), false, false)
            ]]
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].span.start, 10 + "<strong>B</strong><em>I</em>".len());
    }

    #[test]
    fn markdown_runs_and_lines() {
        let (l, _) = label(
            TextKind::Markdown,
            "a **b** _c_ __d__ *e*\n   next **line**",
        );
        assert_eq!(
            runs(&l),
            [
                vec![
                    ("a ".into(), false, false),
                    ("b".into(), true, false),
                    (" ".into(), false, false),
                    ("c".into(), false, true),
                    (" ".into(), false, false),
                    ("d".into(), true, false),
                    (" ".into(), false, false),
                    ("e".into(), false, true),
                ],
                vec![("next ".into(), false, false), ("line".into(), true, false)],
            ]
        );
    }

    #[test]
    fn unmatched_markdown_delimiters_are_text() {
        let (l, _) = label(TextKind::Markdown, "2 * 3 and **open");
        assert_eq!(l.text(), "2 * 3 and **open");
        assert!(l.lines[0].runs.iter().all(|r| !r.bold && !r.italic));
    }

    #[test]
    fn markdown_is_literal_outside_markdown_strings() {
        let (l, _) = label(TextKind::Quoted, "**not bold**");
        assert_eq!(l.text(), "**not bold**");
    }

    #[test]
    fn icons_removed_with_position() {
        let (l, d) = label(TextKind::Plain, "fa:fa-car go fab:fa-x");
        assert_eq!(l.text(), "go");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].span, Span::new(10, 19));
        assert_eq!(d[1].span.start, 10 + "fa:fa-car go ".len());
        let (l, d) = label(TextKind::Plain, "sofa:fa-x");
        assert_eq!((l.text().as_str(), d.len()), ("sofa:fa-x", 0));
    }

    #[test]
    fn labels_are_trimmed_per_line() {
        let (l, _) = label(TextKind::Plain, "  a  <br>  b ");
        assert_eq!(l.text(), "a\nb");
    }
}
