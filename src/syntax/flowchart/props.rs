//! Style declaration lists (`classDef`, `style`, `linkStyle`): `name:value` pairs split on
//! commas outside parentheses, values sanitised for SVG attributes.

use super::ast::{Prop, Spanned};
use super::codes;
use super::scan::{Hint, Parser};
use crate::diagnostic::Span;

/// `name:value, name:value` up to the end of the statement; commas inside parentheses do not
/// split, a part without `:` continues the previous value (`stroke-dasharray: 5,5`). Values
/// are sanitised so nothing can break out of an SVG attribute.
pub(crate) fn props(p: &mut Parser<'_>) -> Vec<Prop> {
    let start = p.pos;
    while !p.at_eos() {
        p.bump();
    }
    let end = p.pos;
    let mut out: Vec<Prop> = Vec::new();
    let mut depth = 0i32;
    let mut seg = start;
    let bytes = p.src.as_bytes();
    let mut i = start;
    while i <= end {
        let b = if i < end { bytes[i] } else { b',' };
        match b {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b',' if depth <= 0 || i == end => {
                prop(p, seg, i, &mut out);
                seg = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn prop(p: &mut Parser<'_>, s: usize, e: usize, out: &mut Vec<Prop>) {
    let raw = &p.src[s..e];
    if raw.trim().is_empty() {
        return;
    }
    let lead = raw.len() - raw.trim_start().len();
    let Some(colon) = raw.find(':') else {
        if let Some(last) = out.last_mut() {
            last.value.value.push(',');
            last.value.value.push_str(raw.trim());
            last.value.span = last.value.span.join(Span::new(s, e));
        } else {
            let span = Span::new(s + lead, s + raw.trim_end().len());
            p.warn(
                codes::EMPTY_PROPERTY,
                span,
                format!(
                    "style property `{}` has no value; expected `name:value`",
                    raw.trim()
                ),
            );
        }
        return;
    };
    let name = raw[..colon].trim();
    let name_span = Span::new(s + lead, s + lead + name.len());
    let vraw = &raw[colon + 1..];
    let vlead = vraw.len() - vraw.trim_start().len();
    let value = vraw.trim();
    let vspan = Span::new(s + colon + 1 + vlead, s + colon + 1 + vlead + value.len());
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        p.warn(
            codes::UNSAFE_STYLE,
            name_span,
            format!("`{name}` is not a style property name; declaration dropped"),
        );
        return;
    }
    let lower = value.to_ascii_lowercase();
    if lower.contains("url(") || lower.contains("expression") || lower.contains("javascript:") {
        p.warn(
            codes::UNSAFE_STYLE,
            vspan,
            "style values may not load resources or run code; declaration dropped",
        );
        return;
    }
    if value.contains(['<', '>', '"', '\'', '{', '}', ';', '\\']) {
        p.warn(
            codes::UNSAFE_STYLE,
            vspan,
            "style values may not contain `<>\"'{};\\`; declaration dropped",
        )
        .hint("these characters could break out of the SVG attribute");
        return;
    }
    out.push(Prop {
        name: Spanned::new(name.to_ascii_lowercase(), name_span),
        value: Spanned::new(value.to_string(), vspan),
    });
}
