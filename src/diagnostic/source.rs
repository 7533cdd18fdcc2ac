//! A named source text with a line index, and the rustc-style rendering of a diagnostic in it.

use super::{sort, Diagnostic};
use std::borrow::Cow;
use std::fmt::Write as _;

/// A named source text with a line index, for turning spans into `file:line:col`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    text: String,
    line_starts: Vec<usize>,
    /// Characters before each [`CHAR_BLOCK`]-byte block of `text`, so a column is counted
    /// from the nearest block rather than from its line's start (a diagnostic on a
    /// megabyte-long line costs no more than one on a short one).
    chars_before_block: Vec<usize>,
}

/// Bytes per entry of [`SourceFile`]'s character index.
const CHAR_BLOCK: usize = 256;

/// How much of a long source line a diagnostic quotes: this many characters before the
/// caret and [`SHOWN_AFTER`] from it, with `…` where the line is cut.
const SHOWN_BEFORE: usize = 60;
const SHOWN_AFTER: usize = 100;

impl SourceFile {
    /// Indexes `text` under the display name `name` (a path, or `<stdin>`).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut chars_before_block = Vec::with_capacity(text.len() / CHAR_BLOCK + 1);
        let mut chars = 0;
        for block in text.as_bytes().chunks(CHAR_BLOCK) {
            chars_before_block.push(chars);
            chars += count_chars(block);
        }
        chars_before_block.push(chars);
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            chars_before_block,
        }
    }
    /// Characters in `text[..offset]` (`offset` on a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / CHAR_BLOCK;
        self.chars_before_block[block]
            + count_chars(&self.text.as_bytes()[block * CHAR_BLOCK..offset])
    }
    /// The display name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// 1-based line and column (in characters) of a byte offset; offsets past the end clamp.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let col = self.chars_before(offset) - self.chars_before(self.line_starts[line]) + 1;
        (line + 1, col)
    }
    /// The text of 1-based line `line` without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
    /// Renders one diagnostic rustc-style:
    ///
    /// ```text
    /// diagrams/x.mmd:3:5: error[E-MMD-001]: unclosed `[`
    ///   |
    /// 3 |     A[label
    ///   |      ^ expected `]` before the end of the line
    ///   = hint: ...
    /// ```
    ///
    /// Control characters (C0, DEL, C1) and bidirectional formatting characters from the
    /// source, the message, the hints and the file name are shown escaped, as `\u{1b}` (see
    /// [`printable`]), so a diagnostic cannot drive the terminal or reorder what it shows; the
    /// caret still lines up under the escaped text.
    pub fn render(&self, d: &Diagnostic) -> String {
        let (line, col) = self.line_col(d.span.start);
        let kind = d.severity.as_str();
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            printable(&self.name),
            line,
            col,
            kind,
            d.code,
            printable(&d.message)
        );
        let src = self.line_text(line);
        let gutter = line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad} |");
        // A long line is quoted around the caret only.
        let line_start = self.line_starts[line - 1];
        let at = floor_char_boundary(&self.text, d.span.start.min(self.text.len())) - line_start;
        let from = floor_char_boundary(src, at.saturating_sub(SHOWN_BEFORE * 4));
        let from = src[from..at]
            .char_indices()
            .rev()
            .nth(SHOWN_BEFORE - 1)
            .map_or(from, |(i, _)| from + i);
        let to = src[at..]
            .char_indices()
            .nth(SHOWN_AFTER)
            .map_or(src.len(), |(i, _)| at + i);
        let (open, close) = (
            if from > 0 { "…" } else { "" },
            if to < src.len() { "…" } else { "" },
        );
        let _ = writeln!(out, "{line} | {open}{}{close}", shown(&src[from..to]));
        // Caret under the span, counting terminal cells (CJK and full-width forms take two),
        // cut where the quote ends.
        let span_end = d.span.end.clamp(d.span.start, line_start + to);
        let span_text = self
            .text
            .get(
                floor_char_boundary(&self.text, d.span.start)
                    ..floor_char_boundary(&self.text, span_end),
            )
            .unwrap_or("");
        let carets = shown_width(span_text.trim_end_matches(['\n', '\r'])).max(1);
        let _ = writeln!(
            out,
            "{pad} | {}{}",
            " ".repeat(cell_width(open) + shown_width(&src[from..at])),
            "^".repeat(carets)
        );
        for h in &d.hints {
            let _ = writeln!(out, "{pad} = hint: {}", printable(h));
        }
        out
    }
    /// Renders all diagnostics in [`sort`]'s order, one after another with a blank line
    /// between.
    pub fn render_all(&self, diagnostics: &[Diagnostic]) -> String {
        let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
        sort(&mut sorted);
        sorted
            .into_iter()
            .map(|d| self.render(d))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// How a tab is shown in a quoted source line: as four spaces, so the caret line lines up
/// whatever the terminal's tab stops are.
const TAB: &str = "    ";

/// Whether `c` must not reach a terminal as it is: C0 controls (tab and line feed included),
/// DEL, C1 controls, and the bidirectional formatting characters (embeddings, overrides,
/// isolates and marks), which reorder what a terminal shows.
fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` safe to print to a terminal: every C0 or C1 control, DEL and bidirectional formatting
/// character written as its Rust escape, `\u{1b}` for ESC, `\u{0}` for NUL, `\u{202e}` for RIGHT-TO-LEFT OVERRIDE (a tab
/// or line feed too: use it on one-line text such as a file name or a message).
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unprintable) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_shown(&mut out, c, false);
    }
    Cow::Owned(out)
}

fn push_shown(out: &mut String, c: char, expand_tabs: bool) {
    match c {
        '\t' if expand_tabs => out.push_str(TAB),
        c if is_unprintable(c) => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// A quoted source line as shown: tabs as [`TAB`], other unprintable characters escaped.
fn shown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_shown(&mut out, c, true);
    }
    out
}

/// Cells a piece of a source line takes as shown (see [`shown`]): wide characters take two.
fn shown_width(s: &str) -> usize {
    cell_width(&shown(s))
}

/// Characters in UTF-8 bytes: every byte that does not continue a character starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Terminal cells a string occupies: East Asian wide and full-width characters take two.
pub fn cell_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let wide = matches!(u,
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
                | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x20000..=0x3FFFD);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// The byte offset of 1-based `line` and character `column` (clamped to the text).
pub fn byte_offset(source: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line.max(1) {
        match source[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return source.len(),
        }
    }
    let line_text = &source[offset..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    let col = line_text[..line_end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_end, |(i, _)| i);
    offset + col
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    #[test]
    fn a_long_line_is_quoted_around_the_caret() {
        let line = format!("{}BAD{}", "a".repeat(5_000), "中".repeat(5_000));
        let f = SourceFile::new("x.mmd", format!("flowchart\n{line}\n"));
        let at = "flowchart\n".len() + 5_000;
        let out = f.render(&Diagnostic::error("E-X", Span::new(at, at + 3), "bad"));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "x.mmd:2:5001: error[E-X]: bad");
        let quoted = lines[2].strip_prefix("2 | ").unwrap();
        assert_eq!(
            quoted,
            format!("…{}BAD{}…", "a".repeat(60), "中".repeat(97))
        );
        let caret = lines[3].strip_prefix("  | ").unwrap();
        assert_eq!(caret, format!("{}^^^", " ".repeat(61)));
        // Short lines are quoted whole.
        let f = SourceFile::new("y.mmd", "A --> B\n");
        let out = f.render(&Diagnostic::error("E-X", Span::new(6, 7), "b"));
        assert!(out.contains("1 | A --> B\n  |       ^\n"), "{out}");
    }

    #[test]
    fn columns_count_characters_across_index_blocks() {
        let text = format!("{}\n{}x", "é".repeat(300), "中".repeat(700));
        let f = SourceFile::new("z", text.clone());
        for (offset, _) in text.char_indices().step_by(37) {
            let line = text[..offset].matches('\n').count() + 1;
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let col = text[start..offset].chars().count() + 1;
            assert_eq!(f.line_col(offset), (line, col), "at {offset}");
        }
    }

    #[test]
    fn line_col_counts_characters() {
        let f = SourceFile::new("x.mmd", "ab\n应用层 x\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(3 + 9 + 1), (2, 5));
    }

    #[test]
    fn render_points_caret_under_span() {
        let f = SourceFile::new("x.mmd", "flowchart LR\n    A[label\n");
        let d = Diagnostic::error("E-TEST", Span::new(18, 19), "unclosed `[`")
            .with_hint("expected `]`");
        let out = f.render(&d);
        assert_eq!(
            out,
            "x.mmd:2:6: error[E-TEST]: unclosed `[`\n  |\n2 |     A[label\n  |      ^\n  = hint: expected `]`\n"
        );
    }

    #[test]
    fn caret_lines_up_after_tabs() {
        let f = SourceFile::new("x.yaml", "a:\n\t\tb: [\n");
        let d = Diagnostic::error("E-X", Span::new(8, 9), "here");
        let out = f.render(&d);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[2], "2 |         b: [");
        assert_eq!(lines[3], "  |            ^");
    }

    /// ESC, NUL, C1 and bidi controls in the file name, the message, the hint and the source
    /// line are shown escaped; the caret stays under the span.
    #[test]
    fn control_characters_are_shown_escaped() {
        let f = SourceFile::new(
            "a\u{1b}[31m.mmd",
            "flowchart LR\n  A[\u{1b}[2J\u{0}\u{9b}\u{202e}x] --> B[\n",
        );
        let at = f.text().rfind('[').unwrap();
        let d = Diagnostic::error("E-X", Span::new(at, at + 1), "label `\u{1b}]0;t\u{7}` here")
            .with_hint("\u{2066}hint");
        let out = f.render(&d);
        assert!(
            !out.chars().any(|c| (c.is_control() && c != '\n')
                || ('\u{2066}'..='\u{2069}').contains(&c)
                || c == '\u{202e}'),
            "{out:?}"
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "a\\u{1b}[31m.mmd:2:20: error[E-X]: label `\\u{1b}]0;t\\u{7}` here"
        );
        assert_eq!(
            lines[2],
            "2 |   A[\\u{1b}[2J\\u{0}\\u{9b}\\u{202e}x] --> B["
        );
        assert_eq!(lines[3].find('^'), lines[2].rfind('['));
        assert_eq!(lines[4], "  = hint: \\u{2066}hint");
    }

    #[test]
    fn caret_skips_wide_characters() {
        let f = SourceFile::new("x", "应用 X\n");
        let d = Diagnostic::error("E", Span::new(7, 8), "m");
        assert!(f.render(&d).contains("  |      ^\n"), "{}", f.render(&d));
    }
}
