//! Node data: the `@{ key: value, … }` block after a node id, read as mermaid reads it (as
//! YAML): flow scalars that may run over lines, `|` / `>` block scalars, newline-separated
//! pairs.

use super::ast::{Attr, NodeShape, Spanned};
use super::codes;
use super::node::Fail;
use super::scan::{Hint, Parser};
use crate::diagnostic::Span;

/// `@{ key: value, … }` (may span lines).
pub(crate) fn attrs(p: &mut Parser<'_>) -> Result<NodeShape, Fail> {
    let start = p.pos;
    p.pos += 2;
    let mut attrs = Vec::new();
    loop {
        skip_ws_nl(p);
        if p.eat("}") {
            return Ok(NodeShape::Attrs {
                attrs,
                span: Span::new(start, p.pos),
            });
        }
        let kstart = p.pos;
        while p
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            p.bump();
        }
        if p.pos == kstart {
            p.error_at_next(codes::BAD_ATTRS, |next| {
                format!("expected an attribute name or `}}`, found {next}")
            })
            .hint("write attributes as `@{ shape: rect, label: \"text\" }`");
            return Err(Fail::Reported);
        }
        let key = Spanned::new(p.src[kstart..p.pos].to_string(), Span::new(kstart, p.pos));
        p.skip_ws();
        if !p.eat(":") {
            let here = p.here();
            p.error(
                codes::BAD_ATTRS,
                here,
                format!("expected `:` after attribute `{}`", key.value),
            );
            return Err(Fail::Reported);
        }
        p.skip_ws();
        let (value, quoted) = match p.peek() {
            Some(q @ ('"' | '\'')) => {
                p.bump();
                let Some((len, value)) = yaml_quoted(p.rest(), q) else {
                    p.error(
                        codes::UNCLOSED_STRING,
                        Span::new(p.pos - 1, p.pos),
                        format!("expected `{q}` to close the string opened here"),
                    );
                    return Err(Fail::Reported);
                };
                let span = Span::new(p.pos, p.pos + len);
                p.pos += len + 1;
                (Spanned::new(value, span), true)
            }
            Some('|' | '>') if block_scalar_header(p.rest()) => {
                // mermaid reads the text after `@{` as the YAML document: a key on the `@{`
                // line is indented by the spaces after `@{`, not by its column.
                let line_start = p.src[..kstart].rfind('\n').map_or(0, |i| i + 1);
                let indent = kstart - line_start.max(start + 2);
                (block_scalar(p, indent), true)
            }
            _ => {
                let vstart = p.pos;
                while p.peek().is_some_and(|c| c != ',' && c != '}' && c != '\n') {
                    p.bump();
                }
                let raw = &p.src[vstart..p.pos];
                let trimmed = raw.trim_end();
                let span = Span::new(vstart, vstart + trimmed.len());
                (Spanned::new(trimmed.to_string(), span), false)
            }
        };
        attrs.push(Attr { key, value, quoted });
        let before = p.pos;
        skip_ws_nl(p);
        // A newline separates pairs too (mermaid reads a multi-line block as YAML).
        if p.eat(",") || p.peek() == Some('}') || p.src[before..p.pos].contains('\n') {
            continue;
        }
        p.error_at_next(codes::BAD_ATTRS, |next| {
            format!("expected `,` or `}}` in the attribute block, found {next}")
        });
        return Err(Fail::Reported);
    }
}

/// Whether `rest` (at `|` or `>`) is a YAML block scalar header: the indicator, an optional
/// chomping/indent indicator, then the end of the line.
fn block_scalar_header(rest: &str) -> bool {
    let line = rest.split('\n').next().unwrap_or("");
    line[1..]
        .trim_start_matches(['-', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
        .trim()
        .is_empty()
}

/// A YAML block scalar (`label: |` / `label: >`) inside `@{ … }`: the following lines
/// indented deeper than the key (`key_indent`), up to a `}` (mermaid's lexer ends the block
/// there). `|` keeps the line breaks, `>` folds them into spaces. The cursor ends after the
/// last line taken (or on the `}`).
fn block_scalar(p: &mut Parser<'_>, key_indent: usize) -> Spanned<String> {
    let literal = p.peek() == Some('|');
    p.skip_line();
    let mut lines: Vec<&str> = Vec::new();
    let mut block_indent = None;
    let (start, mut end) = (p.pos, p.pos);
    while p.at_line_break() {
        let line_start = p.pos + if p.rest().starts_with('\r') { 2 } else { 1 };
        let line_end = p.src[line_start..]
            .find('\n')
            .map_or(p.src.len(), |i| line_start + i);
        let line = p.src[line_start..line_end].trim_end_matches('\r');
        let body = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - body.len();
        if !body.is_empty() && (indent <= key_indent || body.starts_with('}')) {
            break;
        }
        if body.is_empty() {
            lines.push("");
            p.pos = line_end;
            continue;
        }
        let strip = (*block_indent.get_or_insert(indent)).min(indent);
        let text = &line[strip..];
        if let Some(i) = text.find('}') {
            lines.push(text[..i].trim_end());
            p.pos = line_start + strip + i;
            end = p.pos;
            break;
        }
        lines.push(text);
        p.pos = line_end;
        end = p.pos;
    }
    if !p.rest().starts_with('}') {
        p.pos = end;
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let value = if literal {
        lines.join("\n")
    } else {
        // Folding: a line break becomes a space, an empty line a line break.
        let mut out = String::new();
        for l in &lines {
            if l.is_empty() {
                out.push('\n');
            } else {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push(' ');
                }
                out.push_str(l.trim());
            }
        }
        out
    };
    Spanned::new(value, Span::new(start, end))
}

/// A YAML flow scalar's body up to its closing quote `q` (mermaid reads `@{…}` as YAML):
/// `"…"` takes backslash escapes (`\"`, `\\`, `\n`, `\t`), `'…'` takes `''` for a quote.
/// Either may run over lines: in `"…"` a line break (and the indentation after it) is a
/// line break of the label (mermaid's lexer turns it into `<br/>`), in `'…'` a space (YAML
/// folding). Returns the body's length in the source and its value.
fn yaml_quoted(rest: &str, q: char) -> Option<(usize, String)> {
    let mut value = String::new();
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\r' => {}
            '\n' => {
                while chars.peek().is_some_and(|&(_, n)| n.is_whitespace()) {
                    chars.next();
                }
                let trimmed = value.trim_end_matches([' ', '\t']).len();
                value.truncate(trimmed);
                value.push(if q == '"' { '\n' } else { ' ' });
            }
            '\\' if q == '"' => match chars.next() {
                Some((_, 'n')) => value.push('\n'),
                Some((_, 't')) => value.push('\t'),
                Some((_, e)) => value.push(e),
                None => return None,
            },
            '\'' if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                value.push('\'');
            }
            c if c == q => return Some((i, value)),
            c => value.push(c),
        }
    }
    None
}

fn skip_ws_nl(p: &mut Parser<'_>) {
    while p.peek().is_some_and(char::is_whitespace) {
        p.bump();
    }
}
