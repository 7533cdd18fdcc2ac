//! mermaid `packet` (`packet-beta`) text → [`PacketDocument`], a syntax tree with byte spans.
//!
//! What is accepted follows mermaid's grammar (`packet.langium` and the shared
//! `common.langium`): the header `packet` or `packet-beta`, then one statement per line —
//! a field `start-end: "label"`, `bit: "label"` or `+bits: "label"` (the label in double or
//! single quotes), `title …`, `accTitle: …`, `accDescr: …` / `accDescr { … }` — and `%%`
//! comments. Front matter and `%%{init}%%` come from the shared `frontmatter` (with the
//! `packet` settings and `themeVariables.packet`). Positions are not resolved here: whether
//! a field starts where the one before it ended is lowering's question
//! (`mermaid::lower::packet`). Like the other parsers it never stops at the first problem.
//! Codes: [`codes::pkt`](crate::diagnostic::codes::pkt).

use super::frontmatter;
use super::scan::{Hint, Parser};
use super::{Config, Spanned, Text, TextKind};
use crate::diagnostic::codes::pkt as codes;
use crate::diagnostic::{Diagnostic, Span};

/// The largest bit number a source may write; larger numbers are reported (E-PKT-010).
pub const MAX_BIT: u64 = 1 << 20;

/// One `packet` source.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PacketDocument {
    /// The `packet` / `packet-beta` keyword, if found.
    pub header: Option<Span>,
    /// Settings from front matter and `%%{init}%%` directives that netfig honours.
    pub config: Config,
    /// Statements in source order.
    pub statements: Vec<PacketStatement>,
}

/// One statement.
#[derive(Debug, Clone, PartialEq)]
pub enum PacketStatement {
    /// A field.
    Field(FieldStmt),
    /// `title …`.
    Title(Text),
    /// `accTitle: …`.
    AccTitle(Text),
    /// `accDescr: …` or `accDescr { … }`.
    AccDescr(Text),
    /// A field that could not be read (its error is reported): lowering takes the next
    /// field's position as written instead of reporting a gap after it.
    Unreadable(Span),
}

/// How a field's bits are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BitRange {
    /// `start-end` or a single bit `start`.
    Absolute {
        /// The first bit.
        start: Spanned<u64>,
        /// The last bit, if written.
        end: Option<Spanned<u64>>,
    },
    /// `+bits`: the next `bits` bits.
    Relative(Spanned<u64>),
}

impl BitRange {
    /// Where the range is written.
    pub fn span(&self) -> Span {
        match self {
            BitRange::Absolute { start, end } => {
                Span::new(start.span.start, end.map_or(start.span.end, |e| e.span.end))
            }
            BitRange::Relative(n) => Span::new(n.span.start.saturating_sub(1), n.span.end),
        }
    }
}

/// `0-15: "Source Port"`.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldStmt {
    /// The bits.
    pub range: BitRange,
    /// The label, without its quotes.
    pub label: Text,
    /// The whole statement.
    pub span: Span,
}

/// Parses `source`. Always returns a tree (possibly partial) and every diagnostic found.
pub fn parse(source: &str) -> (PacketDocument, Vec<Diagnostic>) {
    let mut p = Parser::new(source);
    p.packet = true;
    let closed = frontmatter::front_matter(&mut p);
    let header = if closed { header(&mut p) } else { None };
    let mut statements = Vec::new();
    if header.is_some() {
        loop {
            super::skip_trivia(&mut p);
            if p.at_end() {
                break;
            }
            let start = p.pos;
            let is_field = p.peek().is_some_and(|c| c.is_ascii_digit() || c == '+');
            match statement(&mut p) {
                Some(s) => statements.push(s),
                None if is_field => {
                    statements.push(PacketStatement::Unreadable(Span::new(start, p.pos)))
                }
                None => {}
            }
        }
    }
    let config = std::mem::take(&mut p.config);
    (
        PacketDocument {
            header,
            config,
            statements,
        },
        p.diags,
    )
}

/// Whether `source` is a mermaid packet diagram (its first word is `packet` or `packet-beta`).
pub fn is_packet(source: &str) -> bool {
    super::diagram_kind(source).is_some_and(|k| k == "packet" || k == "packet-beta")
}

fn header(p: &mut Parser<'_>) -> Option<Span> {
    super::skip_trivia(p);
    let start = p.pos;
    let Some((word, span)) = p.word() else {
        p.error(
            codes::NOT_PACKET,
            Span::new(start, start),
            "expected a `packet` header",
        );
        return None;
    };
    if word != "packet" && word != "packet-beta" {
        let e = p.error(
            codes::NOT_PACKET,
            span,
            format!("this is a `{word}` diagram, not a `packet`"),
        );
        if let Some(m) = crate::diagnostic::suggest(&word, &["packet", "packet-beta"]) {
            e.hint(format!("did you mean `{m}`?"));
        }
        return None;
    }
    finish(p, "the header");
    Some(span)
}

/// Whether the keyword `kw` (ASCII, any case) is at the cursor as a whole word.
fn at_keyword(p: &Parser<'_>, kw: &str) -> bool {
    let rest = p.rest().as_bytes();
    rest.len() >= kw.len()
        && rest[..kw.len()].eq_ignore_ascii_case(kw.as_bytes())
        && rest
            .get(kw.len())
            .is_none_or(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-'))
}

/// Ends a statement: spaces and a `%%` comment may follow; anything else is reported and
/// skipped.
fn finish(p: &mut Parser<'_>, what: &str) {
    p.skip_ws();
    if p.rest().starts_with("%%") && !p.rest().starts_with("%%{") {
        p.skip_line();
    } else if !p.at_eos() {
        p.error_at_next(codes::UNEXPECTED, |next| {
            format!("unexpected {next} after {what}")
        })
        .hint("put each statement on its own line");
        p.skip_statement();
    }
}

/// The text to the end of the line, trimmed, the cursor after it.
fn rest_of_line(p: &mut Parser<'_>) -> Text {
    let end = p.line_end();
    let raw = &p.src[p.pos..end];
    let lead = raw.len() - raw.trim_start().len();
    let start = p.pos + lead;
    let text = raw.trim();
    p.pos = end;
    Text {
        kind: TextKind::Plain,
        raw: text.to_string(),
        span: Span::new(start, start + text.len()),
    }
}

fn statement(p: &mut Parser<'_>) -> Option<PacketStatement> {
    let start = p.pos;
    match p.peek() {
        Some(c) if c.is_ascii_digit() || c == '+' => return field(p),
        _ => {}
    }
    if at_keyword(p, "title") {
        p.pos += "title".len();
        let t = rest_of_line(p);
        if t.raw.is_empty() {
            p.error(
                codes::UNEXPECTED,
                Span::new(start, p.pos),
                "`title` without its text",
            );
            return None;
        }
        return Some(PacketStatement::Title(t));
    }
    for (kw, descr) in [("acctitle", false), ("accdescr", true)] {
        if !at_keyword(p, kw) {
            continue;
        }
        p.pos += kw.len();
        p.skip_ws();
        if p.eat(":") {
            let t = rest_of_line(p);
            return Some(if descr {
                PacketStatement::AccDescr(t)
            } else {
                PacketStatement::AccTitle(t)
            });
        }
        if descr && p.eat("{") {
            let s = p.pos;
            let Some(close) = p.rest().find('}') else {
                p.error(
                    codes::UNEXPECTED,
                    Span::new(start, s),
                    "`accDescr {` is never closed with `}`",
                );
                p.pos = p.src.len();
                return None;
            };
            p.pos = s + close + 1;
            let raw = &p.src[s..s + close];
            let lead = raw.len() - raw.trim_start().len();
            let text = Text {
                kind: TextKind::Plain,
                raw: raw.trim().to_string(),
                span: Span::new(s + lead, s + lead + raw.trim().len()),
            };
            finish(p, "`}`");
            return Some(PacketStatement::AccDescr(text));
        }
        p.error_at_next(codes::UNEXPECTED, |next| {
            format!("expected `:` after `{}`, found {next}", &p_kw(kw))
        });
        p.skip_statement();
        return None;
    }
    let (word, span) = p.word().unwrap_or((String::new(), p.here()));
    let e = p.error(
        codes::UNEXPECTED,
        span,
        format!("unexpected `{word}`: a packet diagram holds fields, `title`, `accTitle` and `accDescr`"),
    );
    match crate::diagnostic::suggest(&word, &["title", "accTitle", "accDescr"]) {
        Some(m) => e.hint(format!("did you mean `{m}`?")),
        None => {
            e.hint("write a field as `0-15: \"Source Port\"`, `16: \"Flag\"` or `+16: \"Port\"`")
        }
    };
    p.skip_statement();
    None
}

/// How mermaid spells a title keyword.
fn p_kw(lower: &str) -> &'static str {
    if lower == "acctitle" {
        "accTitle"
    } else {
        "accDescr"
    }
}

/// A whole number at the cursor, its value capped (a longer run of digits reads as
/// [`MAX_BIT`] + 1 and is reported by the caller).
fn number(p: &mut Parser<'_>) -> Option<Spanned<u64>> {
    let start = p.pos;
    let digits = p.rest().bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    p.pos += digits;
    let text = &p.src[start..p.pos];
    let value = if digits > 8 {
        MAX_BIT + 1
    } else {
        text.parse().unwrap_or(MAX_BIT + 1)
    };
    Some(Spanned::new(value, Span::new(start, p.pos)))
}

/// A number where one must be, else an error.
fn expect_number(p: &mut Parser<'_>, after: &str) -> Option<Spanned<u64>> {
    let n = number(p);
    if n.is_none() {
        p.error_at_next(codes::BAD_RANGE, |next| {
            format!("expected a bit number after `{after}`, found {next}")
        })
        .hint("write a field as `0-15: \"Source Port\"`, `16: \"Flag\"` or `+16: \"Port\"`");
        p.skip_statement();
    }
    n
}

fn too_large(p: &mut Parser<'_>, n: Spanned<u64>) -> bool {
    if n.value > MAX_BIT {
        p.error(
            codes::TOO_LARGE,
            n.span,
            format!("bit numbers above {MAX_BIT} are not drawn"),
        );
        p.skip_statement();
        return true;
    }
    false
}

/// `start-end: "label"`, `start: "label"`, `+bits: "label"`.
fn field(p: &mut Parser<'_>) -> Option<PacketStatement> {
    let start = p.pos;
    let range = if p.eat("+") {
        let n = expect_number(p, "+")?;
        if too_large(p, n) {
            return None;
        }
        BitRange::Relative(n)
    } else {
        let first = number(p)?;
        p.skip_ws();
        let end = if p.eat("-") {
            p.skip_ws();
            Some(expect_number(p, "-")?)
        } else {
            None
        };
        if too_large(p, first) || end.is_some_and(|e| too_large(p, e)) {
            return None;
        }
        BitRange::Absolute { start: first, end }
    };
    p.skip_ws();
    if !p.eat(":") {
        p.error_at_next(codes::MISSING_LABEL, |next| {
            format!("expected `:` and a quoted label after the bits, found {next}")
        })
        .hint("write `0-15: \"Source Port\"`");
        p.skip_statement();
        return None;
    }
    p.skip_ws();
    let label = match p.peek() {
        Some(q @ ('"' | '\'')) => {
            let open = p.pos;
            p.bump();
            let body = p.pos;
            let line = p.line_end();
            let Some(i) = p.src[body..line].find(q) else {
                p.error(
                    codes::UNCLOSED_STRING,
                    Span::new(open, line),
                    format!("the label opened here is never closed with `{q}`"),
                );
                p.pos = line;
                return None;
            };
            p.pos = body + i + q.len_utf8();
            Text {
                kind: TextKind::Quoted,
                raw: p.src[body..body + i].to_string(),
                span: Span::new(body, body + i),
            }
        }
        _ => {
            let at = p.pos;
            let t = rest_of_line(p);
            let e = p.error(
                codes::MISSING_LABEL,
                if t.raw.is_empty() {
                    Span::new(at, at)
                } else {
                    t.span
                },
                "the label must be in quotes (mermaid's grammar takes a string only)",
            );
            if !t.raw.is_empty() {
                e.hint(format!("write `\"{}\"`", t.raw.replace('"', "#quot;")));
            }
            return None;
        }
    };
    finish(p, "the label");
    let end = label.span.end + 1;
    Some(PacketStatement::Field(FieldStmt {
        range,
        label,
        span: Span::new(start, end),
    }))
}
