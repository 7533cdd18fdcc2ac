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
    out.retain(|d| {
        let long = d.value.value.chars().count() > MAX_VALUE_CHARS;
        if long {
            p.warn(
                codes::UNSAFE_STYLE,
                d.value.span,
                format!(
                    "style values are at most {MAX_VALUE_CHARS} characters; declaration `{}` dropped",
                    d.name.value
                ),
            );
        }
        !long
    });
    // At most MAX_PROPERTIES distinct properties; the declarations of any other are dropped.
    let mut names: Vec<&str> = Vec::new();
    let mut dropped: Option<Span> = None;
    let mut keep = vec![true; out.len()];
    for (k, d) in out.iter().enumerate() {
        let name = d.name.value.as_str();
        if !names.contains(&name) {
            if names.len() == MAX_PROPERTIES {
                keep[k] = false;
                dropped.get_or_insert(d.name.span);
                continue;
            }
            names.push(name);
        }
    }
    if let Some(span) = dropped {
        p.warn(
            codes::UNSAFE_STYLE,
            span,
            format!("a style sets at most {MAX_PROPERTIES} properties; the declarations from here on of any other are dropped"),
        );
        let mut keep = keep.into_iter();
        out.retain(|_| keep.next().unwrap_or(true));
    }
    out
}

/// The most properties one `classDef`, `style` or `linkStyle` sets: every element it applies to
/// carries a copy (20,000 declarations given to 2,000 nodes took 4 GB).
const MAX_PROPERTIES: usize = 32;

/// The longest style value taken, in characters: every element a class or `linkStyle default`
/// applies to carries its own copy inline (a 300 KB `font-family` given to 2,000 nodes made a
/// 600 MB SVG).
const MAX_VALUE_CHARS: usize = 256;

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
    if let Some(why) = unsafe_value(value, false) {
        why.warn(p, vspan, "declaration dropped");
        return;
    }
    out.push(Prop {
        name: Spanned::new(name.to_ascii_lowercase(), name_span),
        value: Spanned::new(value.to_string(), vspan),
    });
}

/// Why a style value may not reach a stylesheet or a `style` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unsafe {
    /// It loads a resource or runs code (`url(`, `expression(`, `javascript:`, `@import`).
    Loads,
    /// It holds a character that could end the value, the declaration, the attribute or the
    /// `<style>` element (one of `<>"'{};\@`).
    BreaksOut(char),
}

impl Unsafe {
    pub(crate) fn warn(self, p: &mut Parser<'_>, span: Span, what: &str) {
        match self {
            Unsafe::Loads => {
                p.warn(
                    codes::UNSAFE_STYLE,
                    span,
                    format!("style values may not load resources or run code; {what}"),
                );
            }
            Unsafe::BreaksOut(c) => {
                p.warn(
                    codes::UNSAFE_STYLE,
                    span,
                    format!("style values may not contain `{c}`; {what}"),
                )
                .hint("these characters could break out of the SVG attribute");
            }
        }
    }
}

/// The one filter for style values written by the author (`style`, `classDef`, `linkStyle`
/// declarations and `themeVariables`): `None` when the value is safe. `quotes` lets a font
/// family keep its quotes (the theme writes them as single quotes).
pub(crate) fn unsafe_value(value: &str, quotes: bool) -> Option<Unsafe> {
    let lower = value.to_ascii_lowercase();
    if ["url(", "expression", "javascript:", "@import", "image-set("]
        .iter()
        .any(|bad| lower.contains(bad))
    {
        return Some(Unsafe::Loads);
    }
    let breaking: &[char] = if quotes {
        &['<', '>', '{', '}', ';', '\\', '@']
    } else {
        &['<', '>', '"', '\'', '{', '}', ';', '\\', '@']
    };
    value
        .chars()
        .find(|c| breaking.contains(c))
        .map(Unsafe::BreaksOut)
}

/// A `themeVariables` entry (front matter `config` or `%%{init}%%`), filtered like a style
/// value: kept, or dropped with a warning naming the variable at `span`.
pub(crate) fn theme_variable(p: &mut Parser<'_>, name: &str, value: String, span: Span) {
    match unsafe_value(&value, name == "fontFamily") {
        None => p.config.theme_variables.push((name.to_string(), value)),
        Some(why) => why.warn(p, span, &format!("theme variable `{name}` ignored")),
    }
}
