//! The token-level rules of mermaid's sequence lexer (`sequenceDiagram.jison`), on the shared
//! cursor: keywords (case-insensitive, whole words), participant names as a message reads them
//! and as a declaration reads them, arrows, text to the end of a statement, comments.
//!
//! Before it lexes, mermaid protects entity codes (`#9829;`, `#quot;`), so a `#` that starts
//! one is text; any other `#` starts a comment, which netfig drops too but warns about.

use super::codes;
use crate::diagnostic::Span;
use crate::mermaid::syntax::scan::{Hint, Parser};
use crate::mermaid::syntax::{Spanned, Text, TextKind};
use crate::model::sequence::{ArrowHead, LineStyle};

/// Whether `c` continues a word (a keyword must not be followed by one).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether the source has the keyword `lit` (ASCII, lower case) at the cursor, any case,
/// as a whole word.
pub(crate) fn at_keyword(p: &Parser<'_>, lit: &str) -> bool {
    let rest = p.rest().as_bytes();
    let n = lit.len();
    rest.len() >= n
        && rest[..n].eq_ignore_ascii_case(lit.as_bytes())
        && match rest.get(n) {
            None => true,
            Some(b) if b.is_ascii() => !(b.is_ascii_alphanumeric() || *b == b'_'),
            Some(_) => !p.rest()[n..].chars().next().is_some_and(is_word),
        }
}

/// Consumes the keyword `lit` if it is at the cursor; its span.
pub(crate) fn keyword(p: &mut Parser<'_>, lit: &str) -> Option<Span> {
    at_keyword(p, lit).then(|| {
        let start = p.pos;
        p.pos += lit.len();
        Span::new(start, p.pos)
    })
}

/// The length of an entity code `#name;` / `#123;` at the start of `s` (mermaid protects
/// these from its comment rule), if there is one.
pub(crate) fn entity_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix('#')?;
    let n = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    (n > 0 && body.as_bytes().get(n) == Some(&b';')).then_some(n + 2)
}

/// Where the text starting at `from` ends: at a line break, `;`, or a `#` that does not
/// start an entity code.
fn text_end(src: &str, from: usize) -> usize {
    let b = src.as_bytes();
    let mut at = from;
    while at < b.len() {
        match b[at] {
            b'\n' | b';' => break,
            b'#' => match entity_len(&src[at..]) {
                Some(n) => at += n,
                None => break,
            },
            _ => at += 1,
        }
    }
    at
}

/// Whether the cursor is at a `#` that starts a comment.
fn at_hash_comment(p: &Parser<'_>) -> bool {
    p.peek() == Some('#') && entity_len(p.rest()).is_none()
}

/// Skips a `#` comment at the cursor (to the end of the line), with its warning.
pub(crate) fn hash_comment(p: &mut Parser<'_>) {
    let start = p.pos;
    p.skip_line();
    let end = p.src[..p.pos].trim_end().len().max(start + 1);
    p.warn(
        codes::HASH_COMMENT,
        Span::new(start, end),
        "mermaid reads `#` as the start of a comment: the rest of the line is dropped",
    )
    .hint("write comments as `%% …`, and a `#` in text as `#35;`");
}

/// The text from the cursor to the end of the statement (`;`, line break, `#` comment),
/// trimmed, as mermaid's `restOfLine` and `TXT` read it. The cursor moves to its end.
pub(crate) fn rest_of_line(p: &mut Parser<'_>) -> Text {
    let end = text_end(p.src, p.pos);
    let raw = &p.src[p.pos..end];
    let lead = raw.len() - raw.trim_start().len();
    let start = p.pos + lead;
    let stop = start + raw.trim().len();
    p.pos = end;
    Text {
        kind: TextKind::Plain,
        raw: p.src[start..stop].to_string(),
        span: Span::new(start, stop),
    }
}

/// [`rest_of_line`] without a leading `wrap:` / `nowrap:` (mermaid's per-text wrap switch),
/// and which of them was given.
pub(crate) fn text_with_wrap(p: &mut Parser<'_>) -> (Text, Option<bool>) {
    let mut t = rest_of_line(p);
    for (prefix, wrap) in [("wrap:", true), ("nowrap:", false)] {
        let Some(rest) = t.raw.strip_prefix(prefix) else {
            continue;
        };
        let lead = t.raw.len() - rest.trim_start().len();
        let raw = rest.trim_start().to_string();
        t = Text {
            kind: TextKind::Plain,
            span: Span::new(t.span.start + lead, t.span.end),
            raw,
        };
        return (t, Some(wrap));
    }
    (t, None)
}

/// At the end of a statement (after spaces): the end of input, a line break, `;`, a `#`
/// comment or a `%%` comment.
pub(crate) fn at_statement_end(p: &Parser<'_>) -> bool {
    p.at_eos() || at_hash_comment(p)
}

/// Ends a statement: skips spaces and a trailing comment; anything else is an error, and the
/// rest of the statement is skipped.
pub(crate) fn finish(p: &mut Parser<'_>, what: &str) {
    p.skip_ws();
    if at_hash_comment(p) {
        hash_comment(p);
    } else if p.rest().starts_with("%%") && !p.rest().starts_with("%%{") {
        p.skip_line();
    } else if !p.at_eos() {
        p.error_at_next(codes::UNEXPECTED, |next| {
            format!("unexpected {next} after {what}")
        })
        .hint("put each statement on its own line or separate them with `;`");
        p.pos = text_end(p.src, p.pos);
    }
}

/// Skips the rest of the statement after an error (to `;`, a line break or a comment).
pub(crate) fn skip_statement(p: &mut Parser<'_>) {
    p.pos = text_end(p.src, p.pos);
}

/// Characters that cannot start a participant name in a message (they start arrows,
/// activation marks, central connections, text or a list).
fn actor_start(c: char) -> bool {
    !matches!(
        c,
        '/' | '\\' | '+' | '(' | ')' | '<' | '-' | '>' | ':' | '\n' | ',' | ';'
    )
}

/// Characters that may continue a participant name after a hyphen run.
fn actor_rest(c: char) -> bool {
    !matches!(c, '+' | '<' | '-' | '>' | ':' | '\n' | ',' | ';')
}

/// Whether an arrow (or `()`) starts at byte `at`.
fn arrow_ahead(src: &str, at: usize) -> bool {
    let b = &src.as_bytes()[at..];
    let (c, d, e) = (
        b.first().copied(),
        b.get(1).copied(),
        b.get(2).copied().unwrap_or(0),
    );
    match (c, d) {
        (Some(b'-'), Some(b'x' | b'X' | b')' | b'\\' | b'/' | b'-')) => true,
        (Some(b'-'), Some(b'|')) => matches!(e, b'\\' | b'/'),
        (Some(c @ (b'/' | b'\\')), Some(d)) => (d == b'|' || d == c) && e == b'-',
        (Some(b'('), Some(b')')) => true,
        _ => false,
    }
}

/// A participant name as messages, notes and links write it: spaces inside are part of it
/// (`Alice Smith->>Bob`), hyphens join words unless they start an arrow (`my-service`).
/// Trimmed; `None` if no name starts at the cursor.
pub(crate) fn actor(p: &mut Parser<'_>) -> Option<Spanned<String>> {
    let start = p.pos;
    let first = p.peek()?;
    if !actor_start(first) || first.is_whitespace() || first == '#' || p.rest().starts_with("%%") {
        return None;
    }
    let src = p.src;
    let mut q = start + first.len_utf8();
    let next = |at: usize| src[at..].chars().next();
    while let Some(c) = next(q).filter(|&c| actor_start(c)) {
        q += c.len_utf8();
    }
    while q < src.len() && !arrow_ahead(src, q) {
        let mut r = q;
        while src.as_bytes().get(r) == Some(&b'-') {
            r += 1;
        }
        match next(r) {
            Some(c) if actor_rest(c) => r += c.len_utf8(),
            _ => break,
        }
        while let Some(c) = next(r).filter(|&c| actor_rest(c)) {
            r += c.len_utf8();
        }
        q = r;
    }
    // A `%%` comment inside the run ends the name; a `#` does not (mermaid's comment rule
    // only applies where a token starts: `C#->>B` is from `C#`).
    let run = &src[start..q];
    let cut = comment_start(run, false).unwrap_or(run.len());
    let raw = &run[..cut];
    let name = raw.trim_end();
    p.pos = start + cut;
    (!name.is_empty()).then(|| Spanned::new(name.to_string(), Span::new(start, start + name.len())))
}

/// The offset of the first `%%`, or with `hash` of the first `#` comment, in `run`.
fn comment_start(run: &str, hash: bool) -> Option<usize> {
    let b = run.as_bytes();
    let mut at = 0;
    while at < b.len() {
        match b[at] {
            b'#' if hash => match entity_len(&run[at..]) {
                Some(n) => at += n,
                None => return Some(at),
            },
            b'%' if b.get(at + 1) == Some(&b'%') => return Some(at),
            _ => at += 1,
        }
    }
    None
}

/// A participant id as declarations read it (after `participant`, `actor`, `destroy`,
/// `activate`): up to the first ` as ` (mermaid's lazy rule: `participant Alice Smith as A`
/// is `Alice Smith`), `@{`, a comment, or the end of the statement; spaces inside are kept.
/// Stops before `<`, `>`, `:` and `,`, which no id contains.
pub(crate) fn declared_id(p: &mut Parser<'_>) -> Option<Spanned<String>> {
    p.skip_ws();
    let start = p.pos;
    let src = p.src;
    let b = src.as_bytes();
    let mut end = start;
    // Only ASCII bytes stop the scan, so `end` is always a char boundary.
    while end < b.len() {
        match b[end] {
            b'\n' | b'<' | b'>' | b':' | b',' | b';' => break,
            b'@' if b.get(end + 1) == Some(&b'{') => break,
            b'%' if b.get(end + 1) == Some(&b'%') => break,
            b'#' => match entity_len(&src[end..]) {
                Some(n) => {
                    end += n;
                    continue;
                }
                None => break,
            },
            b' ' | b'\t' => {
                let word =
                    end + src[end..].len() - src[end..].trim_start_matches([' ', '\t']).len();
                let alias = b
                    .get(word..word + 2)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"as"))
                    && matches!(b.get(word + 2), Some(b' ' | b'\t'));
                if alias {
                    break;
                }
                end = word;
                continue;
            }
            _ => {}
        }
        end += 1;
    }
    let name = src[start..end].trim_end_matches([' ', '\t', '\r']);
    p.pos = start + name.len();
    (!name.is_empty()).then(|| Spanned::new(name.to_string(), Span::new(start, p.pos)))
}

/// An arrow at the cursor: `->>`, `-->>`, `->`, `-->`, `-x`, `--x`, `-)`, `--)`, `<<->>`,
/// `<<-->>`, the half arrows `-|\` `-|/` `-\\` `-//` (and `--` dotted), and the reverse half
/// arrows `/|-` `\|-` `//-` `\\-` (and `--` dotted). Longest first.
pub(crate) fn arrow(p: &mut Parser<'_>) -> Option<(LineStyle, ArrowHead, ArrowHead, Span)> {
    use ArrowHead::*;
    use LineStyle::*;
    const ARROWS: &[(&str, LineStyle, ArrowHead, ArrowHead)] = &[
        ("<<-->>", Dotted, Filled, Filled),
        ("<<->>", Solid, Filled, Filled),
        ("-->>", Dotted, Filled, None),
        ("->>", Solid, Filled, None),
        ("-->", Dotted, None, None),
        ("->", Solid, None, None),
        ("--x", Dotted, Cross, None),
        ("--X", Dotted, Cross, None),
        ("-x", Solid, Cross, None),
        ("-X", Solid, Cross, None),
        ("--)", Dotted, Open, None),
        ("-)", Solid, Open, None),
        ("--|\\", Dotted, HalfFilledTop, None),
        ("--|/", Dotted, HalfFilledBottom, None),
        ("--\\\\", Dotted, HalfOpenTop, None),
        ("--//", Dotted, HalfOpenBottom, None),
        ("-|\\", Solid, HalfFilledTop, None),
        ("-|/", Solid, HalfFilledBottom, None),
        ("-\\\\", Solid, HalfOpenTop, None),
        ("-//", Solid, HalfOpenBottom, None),
        ("/|--", Dotted, None, HalfFilledTop),
        ("\\|--", Dotted, None, HalfFilledBottom),
        ("//--", Dotted, None, HalfOpenTop),
        ("\\\\--", Dotted, None, HalfOpenBottom),
        ("/|-", Solid, None, HalfFilledTop),
        ("\\|-", Solid, None, HalfFilledBottom),
        ("//-", Solid, None, HalfOpenTop),
        ("\\\\-", Solid, None, HalfOpenBottom),
    ];
    let start = p.pos;
    let &(lit, line, head, tail) = ARROWS.iter().find(|a| p.rest().starts_with(a.0))?;
    p.pos += lit.len();
    Some((line, head, tail, Span::new(start, p.pos)))
}
