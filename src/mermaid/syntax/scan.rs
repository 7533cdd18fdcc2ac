//! The hand-written cursor the parser moves over the source: byte offsets, always on char
//! boundaries, never past the end. Linear time: every loop advances or stops.

use crate::diagnostic::{Diagnostic, Span};

/// Cursor plus collected diagnostics.
pub(crate) struct Parser<'a> {
    pub(crate) src: &'a str,
    pub(crate) pos: usize,
    pub(crate) diags: Vec<Diagnostic>,
    /// Subgraph nesting depth at the cursor.
    pub(crate) depth: usize,
    /// `end`s owed by subgraphs nested too deep, whose bodies are read flat.
    pub(crate) too_deep: usize,
    /// Configuration gathered from front matter and directives.
    pub(crate) config: super::ast::Config,
    /// Reading a sequence diagram: front matter applies `sequence` settings, not `flowchart`.
    pub(crate) sequence: bool,
    /// Reading a packet diagram: front matter applies `packet` settings.
    pub(crate) packet: bool,
    /// No `}%%` follows this offset: a `%%{` after it is unclosed without searching again
    /// (searching to the end for each of many unclosed `%%{` was quadratic).
    pub(crate) no_directive_close_from: usize,
}

/// Whether `c` may appear in a node id (besides `-`, handled by [`Parser::ident`]).
pub(crate) fn is_id_char(c: char) -> bool {
    // Any non-ASCII character (CJK, full-width punctuation, emoji) may be part of an id.
    c.is_alphanumeric() || c == '_' || (!c.is_ascii() && !c.is_whitespace())
}

impl<'a> Parser<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Parser {
            src,
            pos: 0,
            diags: Vec::new(),
            depth: 0,
            too_deep: 0,
            config: super::ast::Config::default(),
            sequence: false,
            packet: false,
            no_directive_close_from: usize::MAX,
        }
    }
    pub(crate) fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }
    pub(crate) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }
    pub(crate) fn peek2(&self) -> Option<char> {
        let mut it = self.rest().chars();
        it.next();
        it.next()
    }
    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }
    pub(crate) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }
    pub(crate) fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }
    /// Skips spaces, tabs and carriage returns (not newlines).
    pub(crate) fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if c == ' ' || c == '\t' || c == '\r' {
                self.pos += 1;
            } else {
                break;
            }
        }
    }
    /// At the end of a statement: end of input, newline, `;`, or a `%%` comment.
    pub(crate) fn at_eos(&self) -> bool {
        matches!(self.peek(), None | Some('\n') | Some(';'))
            || self.rest().starts_with("%%")
            || self.rest().starts_with("\r\n")
            || self.rest() == "\r"
    }
    /// At a line break (`\n` or `\r\n`).
    pub(crate) fn at_line_break(&self) -> bool {
        self.peek() == Some('\n') || self.rest().starts_with("\r\n")
    }
    /// Where the next content starts past whitespace, line breaks and whole `%%` comment
    /// lines (mermaid drops comment lines before it parses); `None` at the end of input.
    pub(crate) fn after_line_breaks(&self) -> Option<usize> {
        let b = self.src.as_bytes();
        let mut at = self.pos;
        loop {
            while at < b.len() && matches!(b[at], b' ' | b'\t' | b'\r' | b'\n') {
                at += 1;
            }
            let rest = &self.src[at..];
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with("%%") || rest.starts_with("%%{") {
                return Some(at);
            }
            at = rest.find('\n').map_or(b.len(), |i| at + i);
        }
    }
    /// Offset of the end of the current line (the `\n`, or the end of input).
    pub(crate) fn line_end(&self) -> usize {
        self.rest()
            .find('\n')
            .map_or(self.src.len(), |i| self.pos + i)
    }
    /// Moves to the end of the current line (before the `\n`).
    pub(crate) fn skip_line(&mut self) {
        self.pos = self.line_end();
    }
    /// Moves to the end of the current statement (before `\n`/`;`), ignoring quotes.
    pub(crate) fn skip_statement(&mut self) {
        while !self.at_eos() {
            self.bump();
        }
    }
    /// A node/class id: id chars, plus `-` when followed by an id char (`my-node`).
    pub(crate) fn ident(&mut self) -> Option<(String, Span)> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if is_id_char(c) {
                self.bump();
            } else if c == '-' && self.pos > start && self.peek2().is_some_and(is_id_char) {
                // `a-b` is one id, but `A--x`/`A-.-` are arrows: only a single dash joins.
                self.bump();
            } else {
                break;
            }
        }
        (self.pos > start).then(|| {
            (
                self.src[start..self.pos].to_string(),
                Span::new(start, self.pos),
            )
        })
    }
    /// A node id as mermaid's lexer reads one (`NODE_STRING` and the other id tokens): id
    /// chars plus the punctuation `.` `/` `\\` `#` `*` `!` `?` `+` `'` `$` `` ` `` `:` (not
    /// `:::`), and `-` unless it starts an arrow (followed by `-`, `>` or `.`). In a node
    /// chain (`in_list == false`) `&` and `,` are id characters too (`A&B` is one id, mermaid's
    /// groups need spaces: `A & B`); in `class a,b` lists they separate.
    pub(crate) fn node_id(&mut self, in_list: bool) -> Option<(String, Span)> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            let ok = match c {
                '-' => !matches!(self.peek2(), Some('-' | '>' | '.')),
                ':' => !self.rest().starts_with(":::"),
                '&' | ',' => !in_list,
                '.' | '/' | '\\' | '#' | '*' | '!' | '?' | '+' | '\'' | '$' | '`' => true,
                c => is_id_char(c),
            };
            if !ok {
                break;
            }
            self.bump();
        }
        (self.pos > start).then(|| {
            (
                self.src[start..self.pos].to_string(),
                Span::new(start, self.pos),
            )
        })
    }
    /// A run of non-whitespace characters up to the end of the statement.
    pub(crate) fn word(&mut self) -> Option<(String, Span)> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_whitespace() || c == ';' || self.rest().starts_with("%%") {
                break;
            }
            self.bump();
        }
        (self.pos > start).then(|| {
            (
                self.src[start..self.pos].to_string(),
                Span::new(start, self.pos),
            )
        })
    }
    /// Span of the next character (or an empty span at the end).
    pub(crate) fn here(&self) -> Span {
        Span::new(self.pos, self.pos + self.peek().map_or(0, char::len_utf8))
    }
    /// Describes the next character for messages.
    pub(crate) fn describe_next(&self) -> String {
        match self.peek() {
            None => "end of input".into(),
            Some('\n') => "end of line".into(),
            Some(c) => format!("`{c}`"),
        }
    }
    /// An error at the next character; `msg` is given how that character reads in a message
    /// (`` `]` ``, "end of line").
    pub(crate) fn error_at_next(
        &mut self,
        code: &'static str,
        msg: impl FnOnce(&str) -> String,
    ) -> &mut Diagnostic {
        let (here, next) = (self.here(), self.describe_next());
        self.error(code, here, msg(&next))
    }
    pub(crate) fn error(
        &mut self,
        code: &'static str,
        span: Span,
        msg: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(code, span, msg));
        self.diags.last_mut().expect("just pushed")
    }
    pub(crate) fn warn(
        &mut self,
        code: &'static str,
        span: Span,
        msg: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diags.push(Diagnostic::warning(code, span, msg));
        self.diags.last_mut().expect("just pushed")
    }
}

/// Adds a hint in place (for `p.error(..).hint(..)` chains).
pub(crate) trait Hint {
    fn hint(&mut self, h: impl Into<String>) -> &mut Self;
}

impl Hint for Diagnostic {
    fn hint(&mut self, h: impl Into<String>) -> &mut Self {
        self.hints.push(h.into());
        self
    }
}
