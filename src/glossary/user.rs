//! A user's glossary: a YAML list of `zh:`/`en:` pairs, each side one form or a list of forms
//! (the first one is written):
//!
//! ```yaml
//! - zh: 七层模型
//!   en: seven-layer model
//! - zh: [运输层, 传输层]
//!   en: Transport Layer
//! ```

use super::Entry;
use crate::diagnostic::codes::lang;
use crate::diagnostic::{byte_offset, Diagnostic, Span};
use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

/// One form or several.
#[derive(Deserialize)]
#[serde(untagged)]
enum Forms {
    One(String),
    Many(Vec<String>),
}

impl Forms {
    fn list(self) -> Vec<String> {
        match self {
            Forms::One(s) => vec![s],
            Forms::Many(v) => v,
        }
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    zh: Forms,
    en: Forms,
}

/// What the user's source says where it came from.
pub(super) const USER_SOURCE: &str = "the user's glossary";

/// The entries of a user's glossary `text`, in order, or every problem, located.
pub(super) fn parse(text: &str) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let raw: Vec<Spanned<RawEntry>> = serde_saphyr::from_str(text).map_err(|e| {
        let at = e.location().map(|l| span(text, &l)).unwrap_or_default();
        vec![Diagnostic::error(
            lang::BAD_GLOSSARY,
            at,
            format!(
                "invalid glossary: {}",
                bare(&e.without_snippet().to_string())
            ),
        )
        .with_hint(
            "a glossary is a YAML list of entries: `- zh: 七层模型` then `  en: seven-layer model`",
        )]
    })?;
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for entry in raw {
        let (zh, en) = (entry.value.zh.list(), entry.value.en.list());
        if zh.is_empty() || en.is_empty() {
            problems.push(Diagnostic::error(
                lang::BAD_GLOSSARY,
                span(text, &entry.defined),
                "a glossary entry needs a non-empty `zh:` and `en:`",
            ));
            continue;
        }
        out.push(Entry {
            zh,
            en,
            source: USER_SOURCE.to_string(),
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The byte span of a YAML location in `text`.
fn span(text: &str, at: &Location) -> Span {
    let s = at.span();
    if let (Some(off), Some(len)) = (s.byte_offset(), s.byte_len()) {
        let start = floor(text, off as usize);
        let end = floor(text, start.saturating_add(len as usize));
        return Span::new(start, end);
    }
    let start = byte_offset(text, at.line() as usize, at.column() as usize);
    Span::new(start, start)
}

/// `at`, moved back to a character boundary of `text` (and into it).
fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `error: line 3 column 5: unclosed bracket '{'` → `unclosed bracket '{'`.
fn bare(rendered: &str) -> String {
    let first = rendered.lines().next().unwrap_or(rendered);
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let first = if first.starts_with("line ") {
        first.split_once(": ").map_or(first, |(_, m)| m)
    } else {
        first
    };
    first.to_string()
}
