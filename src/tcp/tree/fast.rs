//! A fast reader for the plain subset of YAML that TCP definitions are written in: block
//! mappings and lists by indentation, one-line `{ … }` and `[ … ]`, plain and simply quoted
//! scalars, comments. Anything else (tabs, CR, anchors, tags, block scalars, escapes,
//! multi-line scalars or flow collections, `?` keys, `<<`, document markers, odd characters,
//! and every error) makes it give up, and the full parser reads the text instead; so it never
//! decides anything the full parser would decide differently (the tests compare the two).

use super::{is_null_plain, Kind, Node, MAX_DEPTH};
use crate::diagnostic::Span;

/// The tree, when the text is inside the subset; `None` hands it to the full parser.
pub(super) fn read(source: &str) -> Option<Node> {
    if !plain_text(source) {
        return None;
    }
    let mut r = Fast {
        b: source.as_bytes(),
        s: source,
        pos: 0,
        depth: 0,
    };
    r.skip_blank_lines()?;
    if r.pos >= r.b.len() {
        return None;
    }
    let indent = r.indent();
    let root = r.block_node(indent)?;
    r.skip_blank_lines()?;
    (r.pos >= r.b.len()).then_some(root)
}

/// No characters the subset leaves to the full parser: tabs, CR, controls, NEL, BOM, line and
/// paragraph separators, and no `---` / `...` document markers.
fn plain_text(s: &str) -> bool {
    let odd = |c: char| {
        (c < ' ' && c != '\n')
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
    };
    let marker = |l: &str| l.starts_with("---") || l.starts_with("...");
    !s.chars().any(odd) && !s.split('\n').any(marker)
}

struct Fast<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    /// Lists and mappings open around `pos`; beyond [`MAX_DEPTH`] the full parser reports.
    depth: usize,
}

fn node(kind: Kind, start: usize, end: usize) -> Node {
    Node {
        kind,
        span: Span::new(start, end),
    }
}

impl Fast<'_> {
    /// `read` one level deeper; `None` (the full parser's turn) beyond [`MAX_DEPTH`].
    fn nested(&mut self, read: impl FnOnce(&mut Self) -> Option<Node>) -> Option<Node> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let node = read(self)?;
        self.depth -= 1;
        Some(node)
    }
    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(b'\n')
    }
    fn eof(&self) -> bool {
        self.pos >= self.b.len()
    }
    fn skip_spaces(&mut self) {
        while self.b.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
    }
    /// Spaces at the start of the line `pos` is at (the start of a line).
    fn indent(&self) -> usize {
        self.b[self.pos..]
            .iter()
            .take_while(|&&c| c == b' ')
            .count()
    }
    /// From a line start, past empty and comment-only lines, to the next content line's start.
    fn skip_blank_lines(&mut self) -> Option<()> {
        while !self.eof() {
            let start = self.pos;
            self.skip_spaces();
            match self.at(self.pos) {
                b'\n' => self.pos += 1,
                b'#' => self.skip_to_line_end(),
                _ => {
                    self.pos = start;
                    return Some(());
                }
            }
        }
        Some(())
    }
    fn skip_to_line_end(&mut self) {
        while !self.eof() && self.b[self.pos] != b'\n' {
            self.pos += 1;
        }
        if !self.eof() {
            self.pos += 1;
        }
    }
    /// The rest of the line is spaces and perhaps a ` # comment`; `pos` moves to the next line.
    fn end_line(&mut self) -> Option<()> {
        let before = self.pos;
        self.skip_spaces();
        match self.at(self.pos) {
            b'\n' => {
                self.pos = (self.pos + 1).min(self.b.len());
                Some(())
            }
            b'#' if self.pos > before || self.at(before.wrapping_sub(1)) == b' ' => {
                self.skip_to_line_end();
                Some(())
            }
            _ => None,
        }
    }
    /// The indentation of the next content line (`None` at the end), `pos` left at its start.
    fn next_indent(&mut self) -> Option<Option<usize>> {
        self.skip_blank_lines()?;
        Some((!self.eof()).then(|| self.indent()))
    }
    fn is_entry_dash(&self, i: usize) -> bool {
        self.at(i) == b'-' && matches!(self.at(i + 1), b' ' | b'\n')
    }

    /// The block node whose first line starts at `pos` with `indent` spaces.
    fn block_node(&mut self, indent: usize) -> Option<Node> {
        let col = self.pos + indent;
        if self.is_entry_dash(col) {
            return self.block_seq(indent, false);
        }
        self.pos = col;
        let key = self.block_scalar_or_flow(false)?;
        self.skip_spaces();
        if !self.is_colon() {
            return None;
        }
        self.block_map(col - self.line_start(col), key)
    }

    fn line_start(&self, i: usize) -> usize {
        self.b[..i]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1)
    }

    fn is_colon(&self) -> bool {
        self.at(self.pos) == b':' && matches!(self.at(self.pos + 1), b' ' | b'\n')
    }

    /// A block list at `indent`; `pos` is at the start of its first line. It starts at its
    /// first dash, or, when `indentless` (a mapping value at the key's own indentation), where
    /// its first item does.
    fn block_seq(&mut self, indent: usize, indentless: bool) -> Option<Node> {
        self.nested(|r| r.block_seq_items(indent, indentless))
    }

    fn block_seq_items(&mut self, indent: usize, indentless: bool) -> Option<Node> {
        let mut first = self.pos + indent;
        let mut items = Vec::new();
        loop {
            let dash = self.pos + indent;
            self.pos = dash + 1;
            self.skip_spaces();
            if indentless && items.is_empty() {
                if self.at(self.pos) == b'\n' {
                    return None;
                }
                first = self.pos;
            }
            if self.at(self.pos) == b'\n' {
                // An empty item is null where its line ends.
                let at = self.pos;
                self.end_line()?;
                if self.next_indent()?.is_some_and(|i| i > indent) {
                    return None;
                }
                items.push(node(Kind::Null, at, at));
            } else {
                if self.is_entry_dash(self.pos) {
                    return None;
                }
                items.push(self.compact(indent)?);
            }
            match self.next_indent()? {
                Some(i) if i == indent && self.is_entry_dash(self.pos + i) => {}
                Some(i) if i > indent => return None,
                _ => break,
            }
        }
        Some(node(Kind::Seq(items), first, first))
    }

    /// A list item's content on the dash's line: a value that ends the line, or the first key
    /// of a mapping indented to it.
    fn compact(&mut self, parent_indent: usize) -> Option<Node> {
        let col = self.pos;
        let value = self.block_scalar_or_flow(true)?;
        self.skip_spaces();
        if self.is_colon() {
            if !matches!(value.kind, Kind::Scalar(_) | Kind::Null) {
                return None;
            }
            return self.block_map(col - self.line_start(col), value);
        }
        self.end_line()?;
        if self.next_indent()?.is_some_and(|i| i > parent_indent) {
            return None;
        }
        Some(value)
    }

    /// A block mapping at column `indent` whose first key has been read (`pos` at its `:`).
    fn block_map(&mut self, indent: usize, first_key: Node) -> Option<Node> {
        self.nested(|r| r.block_map_items(indent, first_key))
    }

    fn block_map_items(&mut self, indent: usize, first_key: Node) -> Option<Node> {
        let start = first_key.span.start;
        let mut entries = Vec::new();
        let mut key = first_key;
        loop {
            if key.as_str() == Some("<<") {
                return None;
            }
            let colon = self.pos;
            self.pos += 1;
            self.skip_spaces();
            let value = if matches!(self.at(self.pos), b'\n' | b'#') {
                let commented = self.at(self.pos) == b'#';
                self.end_line()?;
                match self.next_indent()? {
                    Some(i) if i > indent => self.block_node(i)?,
                    Some(i) if i == indent && self.is_entry_dash(self.pos + i) => {
                        self.block_seq(i, true)?
                    }
                    // Where a commented empty value sits is the full parser's business.
                    _ if commented => return None,
                    _ => node(Kind::Null, colon, colon),
                }
            } else {
                let v = self.block_scalar_or_flow(true)?;
                self.end_line()?;
                if self.next_indent()?.is_some_and(|i| i > indent) {
                    return None;
                }
                v
            };
            entries.push((key, value));
            match self.next_indent()? {
                Some(i) if i == indent => {
                    let col = self.pos + i;
                    if self.is_entry_dash(col) {
                        return None;
                    }
                    self.pos = col;
                    key = self.block_scalar_or_flow(false)?;
                    self.skip_spaces();
                    if !self.is_colon() {
                        return None;
                    }
                }
                Some(i) if i > indent => return None,
                _ => break,
            }
        }
        Some(node(Kind::Map(entries), start, start))
    }

    /// A scalar in block context, or (for values) a one-line flow collection.
    fn block_scalar_or_flow(&mut self, value: bool) -> Option<Node> {
        match self.at(self.pos) {
            b'{' | b'[' if value => self.flow_node(),
            b'"' | b'\'' => self.quoted(),
            _ => self.plain(false),
        }
    }

    /// A plain scalar: in block context it ends at `: `, ` #` or the line's end; in flow
    /// context also at `,`, `]`, `}` and `:` before those. Indicators, inner `:`, `#` and
    /// brackets give up.
    fn plain(&mut self, flow: bool) -> Option<Node> {
        let start = self.pos;
        let first = self.at(start);
        if b"-?:,[]{}#&*!|>'\"%@`\n ".contains(&first) {
            return None;
        }
        let mut end = start;
        loop {
            let c = self.at(end);
            match c {
                b'\n' => break,
                b':' => {
                    let next = self.at(end + 1);
                    if next == b' ' || next == b'\n' || (flow && b",]}".contains(&next)) {
                        break;
                    }
                    return None;
                }
                b'#' => {
                    if self.at(end - 1) == b' ' {
                        break;
                    }
                    return None;
                }
                b',' | b']' | b'}' if flow => break,
                b'[' | b'{' | b']' | b'}' => return None,
                _ => end += 1,
            }
        }
        let text = self.s[start..end].trim_end_matches(' ');
        let end = start + text.len();
        self.pos = end;
        let kind = if is_null_plain(text) {
            Kind::Null
        } else {
            Kind::Scalar(text.to_string())
        };
        Some(node(kind, start, end))
    }

    /// `"…"` without escapes or `'…'` without `''`, on one line.
    fn quoted(&mut self) -> Option<Node> {
        let start = self.pos;
        let q = self.b[start];
        let len = self.b[start + 1..].iter().position(|&c| c == q)?;
        let inner = &self.s[start + 1..start + 1 + len];
        if inner.contains('\n') || (q == b'"' && inner.contains('\\')) {
            return None;
        }
        let end = start + len + 2;
        if q == b'\'' && self.at(end) == b'\'' {
            return None;
        }
        self.pos = end;
        Some(node(Kind::Scalar(inner.to_string()), start, end))
    }

    fn flow_node(&mut self) -> Option<Node> {
        match self.at(self.pos) {
            b'{' => self.flow_map(),
            b'[' => self.flow_seq(),
            b'"' | b'\'' => self.quoted(),
            _ => self.plain(true),
        }
    }

    /// After an entry of a flow collection: `,` and the next entry, or the closing bracket.
    /// `Some(true)` when the collection goes on.
    fn flow_next(&mut self, close: u8) -> Option<bool> {
        self.skip_spaces();
        match self.at(self.pos) {
            b',' => {
                self.pos += 1;
                self.skip_spaces();
                (self.at(self.pos) != close).then_some(true)
            }
            c if c == close => {
                self.pos += 1;
                Some(false)
            }
            _ => None,
        }
    }

    fn flow_map(&mut self) -> Option<Node> {
        self.nested(|r| r.flow_map_items())
    }

    fn flow_map_items(&mut self) -> Option<Node> {
        let open = self.pos;
        self.pos += 1;
        self.skip_spaces();
        let mut entries = Vec::new();
        if self.at(self.pos) == b'}' {
            self.pos += 1;
        } else {
            loop {
                let key = match self.at(self.pos) {
                    b'"' | b'\'' => self.quoted()?,
                    _ => self.plain(true)?,
                };
                if key.as_str() == Some("<<") {
                    return None;
                }
                self.skip_spaces();
                let value = if self.at(self.pos) == b':' {
                    let colon = self.pos;
                    self.pos += 1;
                    if !b" ,}".contains(&self.at(self.pos)) {
                        return None;
                    }
                    self.skip_spaces();
                    if matches!(self.at(self.pos), b',' | b'}') {
                        node(Kind::Null, colon, colon)
                    } else {
                        self.flow_node()?
                    }
                } else {
                    node(Kind::Null, self.pos, self.pos)
                };
                entries.push((key, value));
                if !self.flow_next(b'}')? {
                    break;
                }
            }
        }
        Some(node(Kind::Map(entries), open, open + 1))
    }

    fn flow_seq(&mut self) -> Option<Node> {
        self.nested(|r| r.flow_seq_items())
    }

    fn flow_seq_items(&mut self) -> Option<Node> {
        let open = self.pos;
        self.pos += 1;
        self.skip_spaces();
        let mut items = Vec::new();
        if self.at(self.pos) == b']' {
            self.pos += 1;
        } else {
            loop {
                items.push(self.flow_node()?);
                self.skip_spaces();
                if self.at(self.pos) == b':' {
                    return None;
                }
                if !self.flow_next(b']')? {
                    break;
                }
            }
        }
        Some(node(Kind::Seq(items), open, open + 1))
    }
}
