//! Low-level SVG writing: number formatting, escaping, path data, and the line-per-element
//! document buffer.

use crate::geometry::Point;
pub(crate) use crate::layout::path::PathData;
use crate::layout::path::Seg;

/// Formats a coordinate: rounded once to 2 decimals, trailing zeros trimmed, never `-0`, and
/// non-finite values written as `0` so a bad number can never break the document.
pub(crate) fn num(v: f64) -> String {
    let mut s = String::new();
    push_num(&mut s, v);
    s
}

/// Appends [`num`]`(v)` to `out` without a temporary: the value is rounded once to whole
/// hundredths and those are written as digits (exactly what `format!("{:.2}")` prints for the
/// rounded value while it is below 2^53 hundredths; larger values take that slow path).
pub(crate) fn push_num(out: &mut String, v: f64) {
    if !v.is_finite() {
        out.push('0');
        return;
    }
    let hundredths = (v * 100.0).round();
    if hundredths == 0.0 {
        out.push('0');
        return;
    }
    if hundredths.abs() >= 9_007_199_254_740_992.0 {
        let mut s = format!("{:.2}", hundredths / 100.0);
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
        out.push_str(&s);
        return;
    }
    // Sign, up to 19 digits, a point and two decimals, written back to front.
    let h = hundredths as i64;
    let mut buf = [0u8; 24];
    let mut i = buf.len();
    let mut rest = h.unsigned_abs();
    let frac = rest % 100;
    rest /= 100;
    if frac != 0 {
        let (tenths, last) = (frac / 10, frac % 10);
        if last > 0 {
            i -= 1;
            buf[i] = b'0' + last as u8;
        }
        i -= 2;
        buf[i] = b'.';
        buf[i + 1] = b'0' + tenths as u8;
    }
    loop {
        i -= 1;
        buf[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if h < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
}

/// Appends `x,y`.
fn push_point(out: &mut String, p: &Point) {
    push_num(out, p.x);
    out.push(',');
    push_num(out, p.y);
}

/// An author's identifier (a node, subgraph or participant id) for a `data-*` attribute:
/// ASCII as [`esc`] writes it, every other character (and `%`) percent-encoded as UTF-8
/// bytes, as in a URL (`decodeURIComponent` gives the id back). Ids are not text the reader
/// sees: a drawing whose labels were translated into English (`--lang en`) has no Chinese
/// character left in it even when its ids are Chinese (`subgraph OSI七层模型（理论标准）`), also
/// after mdBook parses and rewrites the page's HTML (which turns character references back
/// into characters).
pub(crate) fn esc_id(s: &str) -> String {
    if s.is_ascii() && !s.contains('%') {
        return esc(s);
    }
    let mut encoded = String::with_capacity(s.len() * 3);
    for c in s.chars() {
        if c.is_ascii() && c != '%' {
            encoded.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                encoded.push_str(&format!("%{b:02X}"));
            }
        }
    }
    esc(&encoded)
}

/// Escapes text for XML content and double-quoted attributes; drops characters XML 1.0 cannot
/// carry.
pub(crate) fn esc(s: &str) -> String {
    // Most text has nothing to escape: `&<>"'`, controls, and U+FFFE/U+FFFF (EF BF BE/BF).
    let plain = !s
        .bytes()
        .any(|b| b < 0x20 || matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF));
    if plain {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A class name reduced to `[A-Za-z0-9_-]` (empty if nothing is left).
pub(crate) fn class_name(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

/// Writing path data.
impl PathData {
    /// The `d` attribute.
    pub(crate) fn to_d(&self) -> String {
        let mut d = String::with_capacity(self.segs.len() * 24);
        self.write_d(&mut d);
        d
    }
    /// Appends the `d` attribute's value to `out`.
    pub(crate) fn write_d(&self, out: &mut String) {
        for (i, s) in self.segs.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            match s {
                Seg::M(a) => {
                    out.push('M');
                    push_point(out, a);
                }
                Seg::L(a) => {
                    out.push('L');
                    push_point(out, a);
                }
                Seg::C(a, b, c) => {
                    out.push('C');
                    push_point(out, a);
                    out.push(' ');
                    push_point(out, b);
                    out.push(' ');
                    push_point(out, c);
                }
                Seg::Z => out.push('Z'),
            }
        }
    }
}

/// The document under construction: one element per line, indented by depth, never a blank
/// line.
#[derive(Debug, Default)]
pub(crate) struct Doc {
    out: String,
    depth: usize,
}

impl Doc {
    /// A self-contained line (`<rect …/>`, `<text>…</text>`).
    pub(crate) fn line(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }
    /// Opens an element (`<g …>`); the next lines are nested.
    pub(crate) fn open(&mut self, s: &str) {
        self.line(s);
        self.depth += 1;
    }
    /// Closes the innermost open element with `</tag>`.
    pub(crate) fn close(&mut self, tag: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line(&format!("</{tag}>"));
    }
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_rounded_and_trimmed() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(1.236), "1.24");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(-2.10), "-2.1");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(100.0), "100");
        assert_eq!(num(0.005), "0.01");
        assert_eq!(num(-0.004), "0");
        assert_eq!(num(12.3049), "12.3");
    }

    /// The digit writer prints what the old `format!("{:.2}")` of the rounded value printed.
    #[test]
    fn numbers_match_the_formatter() {
        fn by_format(v: f64) -> String {
            if !v.is_finite() {
                return "0".to_string();
            }
            let r = (v * 100.0).round() / 100.0;
            if r == 0.0 {
                return "0".to_string();
            }
            let mut s = format!("{r:.2}");
            while s.ends_with('0') {
                s.pop();
            }
            if s.ends_with('.') {
                s.pop();
            }
            s
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let unit = (x >> 11) as f64 / (1u64 << 53) as f64;
            let scale = [1.0, 10.0, 1e3, 1e6, 1e12, 1e15][i % 6];
            let v = (unit - 0.5) * scale;
            assert_eq!(num(v), by_format(v), "{v:e}");
            let grid = (v * 200.0).round() / 200.0;
            assert_eq!(num(grid), by_format(grid), "{grid:e}");
        }
    }

    #[test]
    fn escaping_covers_markup_characters() {
        assert_eq!(esc("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
        assert_eq!(esc("x\u{1}y\nz"), "xy z");
    }

    #[test]
    fn ids_keep_their_value_in_ascii() {
        assert_eq!(esc_id("A7"), "A7");
        assert_eq!(esc_id("OSI七层\"x"), "OSI%E4%B8%83%E5%B1%82&quot;x");
        assert_eq!(esc_id("100%"), "100%25");
    }

    #[test]
    fn class_names_are_sanitised() {
        assert_eq!(class_name("ok-1_a"), "ok-1_a");
        assert_eq!(class_name("bad\" onload=x"), "badonloadx");
    }
}
