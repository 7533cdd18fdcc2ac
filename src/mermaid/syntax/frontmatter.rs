//! YAML front matter (`---` … `---` at the top) and `%%{init: …}%%` directives: the settings
//! netfig honours (`title`, `config.theme`, `config.themeVariables`, `config.markdownAutoWrap`,
//! `config.flowchart.curve`, `nodeSpacing`, `rankSpacing`, `wrappingWidth`, netfig's own
//! `netfigMaxRankWidth`, and `check:`, which names the reference check) go into
//! [`Config`](super::Config); every other key gets one
//! warning at its position. A directive may be written as JSON without spaces, as mermaid
//! reads it.

use super::ast::{Text, TextKind};
use super::codes;
use super::config_sections::{
    apply_flowchart, apply_packet, apply_sequence, bool_value, packet_style, warn_not_bool,
};
use super::scan::{Hint, Parser};
use super::yaml::{self, Yaml};
use crate::diagnostic::Span;

/// Reads front matter if the source starts with a `---` line (after blank lines). Returns
/// `false` if it was never closed (the rest of the source was consumed and reported).
pub(crate) fn front_matter(p: &mut Parser<'_>) -> bool {
    let lead = p.src.len() - p.src.trim_start_matches([' ', '\t', '\r', '\n']).len();
    // Only whole blank lines may precede `---`.
    let line_start = p.src[..lead].rfind('\n').map_or(0, |i| i + 1);
    let first_end = p.src[line_start..]
        .find('\n')
        .map_or(p.src.len(), |i| line_start + i);
    if p.src[line_start..first_end].trim() != "---" {
        return true;
    }
    let open = Span::new(
        line_start
            + (p.src[line_start..first_end].len()
                - p.src[line_start..first_end].trim_start().len()),
        first_end,
    );
    let body_start = (first_end + 1).min(p.src.len());
    let mut at = body_start;
    let mut close = None;
    while at < p.src.len() {
        let end = p.src[at..].find('\n').map_or(p.src.len(), |i| at + i);
        // mermaid.run dedents a diagram before reading it, so an indented `---` closes too.
        if p.src[at..end].trim() == "---" {
            close = Some((at, end));
            break;
        }
        at = end + 1;
    }
    let Some((body_end, close_end)) = close else {
        p.error(
            codes::UNCLOSED_FRONT_MATTER,
            open,
            "front matter opened here is never closed",
        )
        .hint("end the front matter with a line containing only `---`");
        p.pos = p.src.len();
        return false;
    };
    p.pos = close_end;
    let text = &p.src[body_start..body_end];
    match yaml::parse(text) {
        Ok(v) => apply_front_matter(p, &v, body_start, text),
        Err((loc, msg)) => {
            let offset = loc.map_or(body_start, |(l, c)| offset_of(text, l, c) + body_start);
            let span = Span::new(offset, line_end(p.src, offset));
            p.error(
                codes::BAD_FRONT_MATTER,
                span,
                format!("front matter is not valid YAML: {msg}"),
            );
        }
    }
    true
}

fn line_end(src: &str, at: usize) -> usize {
    src[at..].find('\n').map_or(src.len(), |i| at + i)
}

/// Byte offset of 1-based line/column (characters) in `text`, clamped.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let c = l
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(l.trim_end().len(), |(b, _)| b);
            return off + c;
        }
        off += l.len();
    }
    text.len()
}

/// Position of `key` written as a mapping key in `text` at or after `from` (for warnings).
fn find_key(text: &str, from: usize, key: &str) -> Option<usize> {
    if key.is_empty() {
        // An empty (or null) key: nothing to point at, and `find("")` would never advance.
        return None;
    }
    let mut at = from.min(text.len());
    while let Some(i) = text[at..].find(key) {
        let s = at + i;
        let before = text[..s].chars().next_back();
        let after = &text[s + key.len()..];
        let ok_before =
            before.is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '"' | '\''));
        let after = after.trim_start_matches(['"', '\'']).trim_start();
        if ok_before && after.starts_with(':') {
            return Some(s);
        }
        at = s + key.len();
    }
    None
}

/// Finds the keys of one mapping in `text`, in order: each search starts where the previous
/// key was found, so a mapping's keys are located in one pass (searching from the mapping's
/// start for every key was quadratic: 64,000 keys took 6 s). A key that cannot be found (written
/// with escapes, say) costs a search to the end; after [`KeyCursor::MISSES`] of them the
/// remaining keys are not searched for.
pub(super) struct KeyCursor<'t> {
    text: &'t str,
    base: usize,
    from: usize,
    misses: usize,
}

impl<'t> KeyCursor<'t> {
    /// Searches to the end of `text` that found nothing, before the cursor gives up.
    const MISSES: usize = 8;

    /// A cursor over `text` (which starts at `base` in the source), from byte `from`.
    pub(super) fn new(text: &'t str, base: usize, from: usize) -> Self {
        KeyCursor {
            text,
            base,
            from,
            misses: 0,
        }
    }

    /// Where the next `key` is written, and its span in the source; if it cannot be found, the
    /// cursor's position and an empty span there.
    pub(super) fn locate(&mut self, key: &str) -> (usize, Span) {
        let (from, base) = (self.from, self.base);
        let found = if self.misses < Self::MISSES {
            find_key(self.text, from, key)
        } else {
            None
        };
        match found {
            Some(pos) => {
                self.from = pos;
                (pos, Span::new(base + pos, base + pos + key.len()))
            }
            None => {
                self.misses += 1;
                (from, Span::new(base + from, base + from))
            }
        }
    }
}

fn apply_front_matter(p: &mut Parser<'_>, v: &Yaml, base: usize, text: &str) {
    let mut keys = KeyCursor::new(text, base, 0);
    for (key, value) in v.entries() {
        let (pos, span) = keys.locate(key);
        match key.as_str() {
            "title" => {
                let Some(t) = value.as_text() else {
                    p.warn(codes::CONFIG_IGNORED, span, "`title` must be text; ignored");
                    continue;
                };
                {
                    let vpos = text[pos..].find(t.as_str()).map(|i| base + pos + i);
                    let tspan = vpos.map_or(span, |s| Span::new(s, s + t.len()));
                    p.config.title = Some(Text {
                        kind: TextKind::Quoted,
                        raw: t,
                        span: tspan,
                    });
                }
            }
            "check" if p.packet => match value.as_text() {
                Some(t) => p.config.packet.check = Some(super::Spanned::new(t, span)),
                None => {
                    p.warn(codes::CONFIG_IGNORED, span, "`check` must be text; ignored");
                }
            },
            "check" if p.sequence => match value
                .as_text()
                .as_deref()
                .and_then(crate::model::sequence::SequenceCheck::parse)
            {
                Some(check) => p.config.check = Some(check),
                None => {
                    p.warn(
                        codes::CONFIG_IGNORED,
                        span,
                        "`check` must name what to check against; ignored",
                    )
                    .hint("netfig knows `check: tcp` (a TCP exchange, checked against RFC 9293)");
                }
            },
            // YAML 1.1 reads a bare `off` as false.
            "check" => match value {
                Yaml::Bool(false) => {
                    p.config.flowchart_check = Some(super::Spanned::new("off".into(), span))
                }
                _ => match value.as_text() {
                    Some(t) => p.config.flowchart_check = Some(super::Spanned::new(t, span)),
                    None => {
                        p.warn(codes::CONFIG_IGNORED, span, "`check` must be text; ignored");
                    }
                },
            },
            "config" if matches!(value, Yaml::Map(_) | Yaml::Null) => {
                apply_config(p, value, base, text, pos, false)
            }
            "config" => {
                p.warn(
                    codes::CONFIG_IGNORED,
                    span,
                    "`config` must be a mapping; ignored",
                );
            }
            _ => {
                p.warn(
                    codes::CONFIG_IGNORED,
                    span,
                    format!("front matter key `{key}` is ignored"),
                );
            }
        }
    }
}

/// Applies a mermaid config object (front matter `config:` or the `init` directive's value).
/// `directive`: the value of `%%{init: …}%%`, where `config` names the diagram's own section.
fn apply_config(
    p: &mut Parser<'_>,
    v: &Yaml,
    base: usize,
    text: &str,
    from: usize,
    directive: bool,
) {
    let mut keys = KeyCursor::new(text, base, from);
    for (key, value) in v.entries() {
        let (pos, span) = keys.locate(key);
        match key.as_str() {
            "theme" => p.config.theme = value.as_text(),
            "markdownAutoWrap" => match value.as_text().as_deref() {
                Some("true") => p.config.markdown_auto_wrap = Some(true),
                Some("false") => p.config.markdown_auto_wrap = Some(false),
                _ => {
                    p.warn(
                        codes::CONFIG_IGNORED,
                        span,
                        "`markdownAutoWrap` must be true or false; ignored",
                    );
                }
            },
            "themeVariables" => {
                if !matches!(value, Yaml::Map(_)) {
                    p.warn(
                        codes::CONFIG_IGNORED,
                        span,
                        "`themeVariables` must be a mapping; ignored",
                    );
                }
                let mut inner = KeyCursor::new(text, base, pos);
                for (k, x) in value.entries() {
                    if p.packet && k == "packet" && matches!(x, Yaml::Map(_)) {
                        let (kpos, _) = inner.locate(k);
                        packet_style(p, x, &mut KeyCursor::new(text, base, kpos));
                        continue;
                    }
                    match x.as_text() {
                        Some(t) => {
                            let (_, kspan) = inner.locate(k);
                            super::props::theme_variable(p, k, t, kspan);
                        }
                        None => {
                            let (_, kspan) = inner.locate(k);
                            p.warn(
                                codes::CONFIG_IGNORED,
                                kspan,
                                format!("theme variable `{k}` must be a single value; ignored"),
                            );
                        }
                    }
                }
            }
            "packet" if p.packet => apply_packet(p, value, &mut KeyCursor::new(text, base, pos)),
            "flowchart" | "sequence" if p.packet => {
                p.warn(
                    codes::CONFIG_IGNORED,
                    span,
                    format!("config key `{key}` is ignored: this is a packet diagram"),
                );
            }
            "sequence" if p.sequence => {
                apply_sequence(p, value, &mut KeyCursor::new(text, base, pos))
            }
            "wrap" if p.sequence => match bool_value(value) {
                Some(b) => p.config.sequence.wrap = Some(b),
                None => warn_not_bool(p, "wrap", span),
            },
            "flowchart" if p.sequence => warn_ignored(p, key, span),
            "flowchart" => apply_flowchart(p, value, &mut KeyCursor::new(text, base, pos)),
            // mermaid's `detectInit`: a directive's `config` is the diagram's own section.
            "config" if directive => {
                let keys = &mut KeyCursor::new(text, base, pos);
                if p.sequence {
                    apply_sequence(p, value, keys);
                } else if p.packet {
                    apply_packet(p, value, keys);
                } else {
                    apply_flowchart(p, value, keys);
                }
            }
            _ => warn_ignored(p, key, span),
        }
    }
}

pub(super) fn warn_ignored(p: &mut Parser<'_>, key: &str, span: Span) {
    let why = match key {
        "htmlLabels" | "flowchart.htmlLabels" => "netfig always renders SVG text",
        "securityLevel" => "netfig output never runs scripts",
        "look" | "handDrawnSeed" => "netfig has one look",
        "layout" | "flowchart.defaultRenderer" => "netfig uses its own layered layout",
        "flowchart" => "this is a sequence diagram",
        "flowchart.markdownAutoWrap" => {
            "mermaid reads it at the top level only: write `markdownAutoWrap` beside `flowchart`"
        }
        _ => "netfig does not support this setting",
    };
    p.warn(
        codes::CONFIG_IGNORED,
        span,
        format!("config key `{key}` is ignored: {why}"),
    );
}

/// A `%%{ … }%%` directive at the cursor: `init`/`initialize` are applied, others ignored.
pub(crate) fn directive(p: &mut Parser<'_>) {
    let start = p.pos;
    let body_start = start + 2; // the `{`
    let close = if body_start >= p.no_directive_close_from {
        None
    } else {
        p.src[body_start..].find("}%%")
    };
    let Some(i) = close else {
        p.no_directive_close_from = p.no_directive_close_from.min(body_start);
        p.error(
            codes::BAD_DIRECTIVE,
            Span::new(start, start + 3),
            "expected `}%%` to close the directive opened here",
        );
        p.skip_line();
        return;
    };
    let body_end = body_start + i + 1; // include the `}`
    p.pos = body_end + 2;
    let text = &p.src[body_start..body_end];
    // mermaid reads the directive as JSON (`{"init":{"theme":"base"}}`), which YAML does
    // not take without a space after `:`; read such text with the spaces added.
    match yaml::parse(text).or_else(|e| yaml::parse(&json_spaced(text)).map_err(|_| e)) {
        Ok(v) => {
            let mut keys = KeyCursor::new(text, body_start, 0);
            for (key, value) in v.entries() {
                let (pos, span) = keys.locate(key);
                if key == "init" || key == "initialize" {
                    apply_config(p, value, body_start, text, pos, true);
                } else if key == "wrap" && p.sequence {
                    // mermaid's `%%{wrap}%%`: every message and note wraps.
                    p.config.sequence.wrap = Some(true);
                } else {
                    p.warn(
                        codes::CONFIG_IGNORED,
                        span,
                        format!("directive `{key}` is ignored"),
                    );
                }
            }
        }
        Err((loc, msg)) => {
            let offset = loc.map_or(body_start, |(l, c)| offset_of(text, l, c) + body_start);
            let span = Span::new(offset, line_end(p.src, offset).min(body_end));
            p.error(
                codes::BAD_DIRECTIVE,
                span,
                format!("`%%{{…}}%%` directive is not valid: {msg}"),
            );
        }
    }
}

/// `text` with a space after every `:` and `,` outside quotes that lacks one, so JSON written
/// without spaces (`{"theme":"base"}`) reads as a YAML flow mapping.
fn json_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut quote = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        match (quote, c) {
            (Some(_), '\\') => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, ':' | ',') if chars.peek().is_some_and(|n| !n.is_whitespace()) => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_spacing_outside_quotes_only() {
        assert_eq!(
            json_spaced(r#"{init:{"theme":"base","x":'a:b'}}"#),
            r#"{init: {"theme": "base", "x": 'a:b'}}"#
        );
        assert_eq!(json_spaced(r#"{"a\":b":1}"#), r#"{"a\":b": 1}"#);
    }

    #[test]
    fn key_cursor_locates_keys_in_order_and_gives_up_on_misses() {
        let text = "a: 1\nb: { a: 2 }\nc: 3\n";
        let mut keys = KeyCursor::new(text, 100, 0);
        assert_eq!(keys.locate("a"), (0, Span::new(100, 101)));
        assert_eq!(keys.locate("b"), (5, Span::new(105, 106)));
        // The next `c` is after `b`, whatever comes between.
        assert_eq!(keys.locate("c"), (17, Span::new(117, 118)));
        // A key not written as such: an empty span at the cursor; after `MISSES` of them the
        // cursor stops searching, even for keys it could find.
        for _ in 0..KeyCursor::MISSES {
            assert_eq!(keys.locate("zz"), (17, Span::new(117, 117)));
        }
        let mut again = KeyCursor::new(text, 0, 0);
        again.misses = KeyCursor::MISSES;
        assert_eq!(again.locate("a"), (0, Span::new(0, 0)));
    }
}
