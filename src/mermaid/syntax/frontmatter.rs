//! YAML front matter (`---` … `---` at the top) and `%%{init: …}%%` directives: the settings
//! netfig honours (`title`, `config.theme`, `config.themeVariables`, `config.markdownAutoWrap`,
//! `config.flowchart.curve`, `nodeSpacing`, `rankSpacing`, `wrappingWidth`, netfig's own
//! `netfigMaxRankWidth`, and `check:`, which names the reference check) go into
//! [`Config`](super::Config); every other key gets one
//! warning at its position. A directive may be written as JSON without spaces, as mermaid
//! reads it.

use super::ast::{Text, TextKind};
use super::codes;
use super::curve::curve_named;
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
struct KeyCursor<'t> {
    text: &'t str,
    base: usize,
    from: usize,
    misses: usize,
}

impl<'t> KeyCursor<'t> {
    /// Searches to the end of `text` that found nothing, before the cursor gives up.
    const MISSES: usize = 8;

    /// A cursor over `text` (which starts at `base` in the source), from byte `from`.
    fn new(text: &'t str, base: usize, from: usize) -> Self {
        KeyCursor {
            text,
            base,
            from,
            misses: 0,
        }
    }

    /// Where the next `key` is written, and its span in the source; if it cannot be found, the
    /// cursor's position and an empty span there.
    fn locate(&mut self, key: &str) -> (usize, Span) {
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
                apply_config(p, value, base, text, pos)
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
fn apply_config(p: &mut Parser<'_>, v: &Yaml, base: usize, text: &str, from: usize) {
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
            "flowchart" => {
                let mut inner = KeyCursor::new(text, base, pos);
                for (k, x) in value.entries() {
                    let (_, kspan) = inner.locate(k);
                    if k == "curve" {
                        match curve_named(&x.as_text().unwrap_or_default(), kspan) {
                            Ok((c, warning)) => {
                                p.diags.extend(warning);
                                p.config.curve = Some(c);
                            }
                            Err(e) => p.diags.push(e),
                        }
                    } else if k == "nodeSpacing" || k == "rankSpacing" {
                        match x.as_text().and_then(|t| spacing_px(&t)) {
                            Some(px) if k == "nodeSpacing" => p.config.node_spacing = Some(px),
                            Some(px) => p.config.rank_spacing = Some(px),
                            None => {
                                p.warn(
                                    codes::CONFIG_IGNORED,
                                    kspan,
                                    format!("`flowchart.{k}` must be a number of pixels from 0 to {MAX_SPACING}; ignored"),
                                );
                            }
                        }
                    } else if k == "wrappingWidth" {
                        match x.as_text().and_then(|t| wrapping_width_px(&t)) {
                            Some(px) => p.config.wrapping_width = Some(px),
                            None => {
                                p.warn(
                                    codes::CONFIG_IGNORED,
                                    kspan,
                                    format!("`flowchart.wrappingWidth` must be a number of pixels from 1 to {MAX_WRAPPING_WIDTH}; ignored"),
                                );
                            }
                        }
                    } else if k == "netfigMaxRankWidth" {
                        match x.as_text().and_then(|t| rank_width_px(&t)) {
                            Some(px) => p.config.max_rank_width = Some(px),
                            None => {
                                p.warn(
                                    codes::CONFIG_IGNORED,
                                    kspan,
                                    format!("`flowchart.{k}` must be a number of pixels from {MIN_RANK_WIDTH} to {MAX_RANK_WIDTH}; ignored"),
                                );
                            }
                        }
                    } else {
                        warn_ignored(p, &format!("flowchart.{k}"), kspan);
                    }
                }
            }
            _ => warn_ignored(p, key, span),
        }
    }
}

/// `config.sequence` in a sequence diagram: the settings the drawing honours.
fn apply_sequence(p: &mut Parser<'_>, v: &Yaml, keys: &mut KeyCursor<'_>) {
    use crate::model::sequence::MessageAlign;
    for (k, x) in v.entries() {
        let (_, kspan) = keys.locate(k);
        let flag = match k.as_str() {
            "mirrorActors" => &mut p.config.sequence.mirror_actors,
            "rightAngles" => &mut p.config.sequence.right_angles,
            "wrap" => &mut p.config.sequence.wrap,
            "showSequenceNumbers" => &mut p.config.sequence.show_sequence_numbers,
            "messageAlign" => {
                match x.as_text().as_deref() {
                    Some("left") => p.config.sequence.message_align = Some(MessageAlign::Left),
                    Some("center") => p.config.sequence.message_align = Some(MessageAlign::Center),
                    Some("right") => p.config.sequence.message_align = Some(MessageAlign::Right),
                    _ => {
                        p.warn(
                            codes::CONFIG_IGNORED,
                            kspan,
                            "`sequence.messageAlign` must be left, center or right; ignored",
                        );
                    }
                }
                continue;
            }
            "actorMargin" => {
                match x.as_text().and_then(|t| spacing_px(&t)) {
                    Some(px) => p.config.sequence.actor_margin = Some(px),
                    None => {
                        p.warn(
                            codes::CONFIG_IGNORED,
                            kspan,
                            format!("`sequence.actorMargin` must be a number of pixels from 0 to {MAX_SPACING}; ignored"),
                        );
                    }
                }
                continue;
            }
            _ => {
                warn_ignored(p, &format!("sequence.{k}"), kspan);
                continue;
            }
        };
        match bool_value(x) {
            Some(b) => *flag = Some(b),
            None => warn_not_bool(p, &format!("sequence.{k}"), kspan),
        }
    }
}

/// `config.packet` in a packet diagram: the grid's settings.
fn apply_packet(p: &mut Parser<'_>, v: &Yaml, keys: &mut KeyCursor<'_>) {
    for (k, x) in v.entries() {
        let (_, kspan) = keys.locate(k);
        let t = x.as_text();
        let px = |lo: f64, hi: f64| t.as_deref().and_then(|t| px_within(t, lo, hi));
        let s = &mut p.config.packet;
        let ok = match k.as_str() {
            "bitsPerRow" => {
                let n = t
                    .as_deref()
                    .and_then(|t| t.trim().parse::<u32>().ok())
                    .filter(|n| (1..=MAX_BITS_PER_ROW).contains(n));
                s.bits_per_row = n.or(s.bits_per_row);
                n.is_some()
            }
            "bitWidth" => px(4.0, 200.0).map(|v| s.bit_width = Some(v)).is_some(),
            "rowHeight" => px(10.0, 400.0).map(|v| s.row_height = Some(v)).is_some(),
            "paddingX" => px(0.0, 100.0).map(|v| s.padding_x = Some(v)).is_some(),
            "paddingY" => px(0.0, 100.0).map(|v| s.padding_y = Some(v)).is_some(),
            "showBits" => bool_value(x).map(|b| s.show_bits = Some(b)).is_some(),
            "bitOrder" => t
                .as_deref()
                .and_then(crate::model::packet::BitOrder::parse)
                .map(|o| s.bit_order = Some(o))
                .is_some(),
            "useMaxWidth" => true,
            _ => {
                warn_ignored(p, &format!("packet.{k}"), kspan);
                continue;
            }
        };
        if !ok {
            let range = match k.as_str() {
                "bitsPerRow" => format!("a whole number from 1 to {MAX_BITS_PER_ROW}"),
                "bitWidth" => "a number of pixels from 4 to 200".into(),
                "rowHeight" => "a number of pixels from 10 to 400".into(),
                "showBits" => "true or false".into(),
                "bitOrder" => "`msb0` (bit 0 on the left, as the RFCs number bits) or `lsb0` (bit 0 on the right)".into(),
                _ => "a number of pixels from 0 to 100".into(),
            };
            p.warn(
                codes::CONFIG_IGNORED,
                kspan,
                format!("`packet.{k}` must be {range}; ignored"),
            );
        }
    }
}

/// The widest packet row netfig draws, in bits.
const MAX_BITS_PER_ROW: u32 = 1024;

/// `themeVariables.packet` in a packet diagram: mermaid's packet style options.
fn packet_style(p: &mut Parser<'_>, v: &Yaml, keys: &mut KeyCursor<'_>) {
    const KNOWN: &[&str] = &[
        "startByteColor",
        "endByteColor",
        "labelColor",
        "titleColor",
        "blockStrokeColor",
        "blockStrokeWidth",
        "blockFillColor",
    ];
    for (k, x) in v.entries() {
        let (_, kspan) = keys.locate(k);
        let value = x.as_text();
        match value {
            Some(value) if KNOWN.contains(&k.as_str()) => {
                match super::props::unsafe_value(&value, false) {
                    None => p.config.packet.style.push((k.clone(), value)),
                    Some(why) => {
                        why.warn(p, kspan, &format!("theme variable `packet.{k}` ignored"))
                    }
                }
            }
            _ => {
                let e = p.warn(
                    codes::CONFIG_IGNORED,
                    kspan,
                    format!("theme variable `packet.{k}` is ignored: netfig does not support it"),
                );
                if let Some(m) = crate::diagnostic::suggest(k, KNOWN) {
                    e.hint(format!("did you mean `{m}`?"));
                }
            }
        }
    }
}

fn bool_value(v: &Yaml) -> Option<bool> {
    match v.as_text().as_deref() {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    }
}

fn warn_not_bool(p: &mut Parser<'_>, key: &str, span: Span) {
    p.warn(
        codes::CONFIG_IGNORED,
        span,
        format!("`{key}` must be true or false; ignored"),
    );
}

/// The largest `nodeSpacing` / `rankSpacing` taken, in px (a sane drawing's bound).
const MAX_SPACING: f64 = 1000.0;

/// A spacing in px: `30`, `30px`, `12.5`.
fn spacing_px(t: &str) -> Option<f64> {
    px_within(t, 0.0, MAX_SPACING)
}

/// The range of `netfigMaxRankWidth`, px: narrower than a box is no limit a rank can meet.
const MIN_RANK_WIDTH: f64 = 100.0;
const MAX_RANK_WIDTH: f64 = 100_000.0;

/// A rank width limit in px: `750`, `750px`.
fn rank_width_px(t: &str) -> Option<f64> {
    px_within(t, MIN_RANK_WIDTH, MAX_RANK_WIDTH)
}

/// A number of px (`12.5`, `30px`) from `lo` to `hi`.
fn px_within(t: &str, lo: f64, hi: f64) -> Option<f64> {
    let t = t.trim();
    let n: f64 = t.strip_suffix("px").unwrap_or(t).trim().parse().ok()?;
    (n.is_finite() && (lo..=hi).contains(&n)).then_some(n)
}

/// The largest `wrappingWidth` taken, in px (wide enough to mean "do not wrap").
const MAX_WRAPPING_WIDTH: f64 = 100_000.0;

/// A wrapping width in px: `200`, `300px`, at least 1.
fn wrapping_width_px(t: &str) -> Option<f64> {
    px_within(t, 1.0, MAX_WRAPPING_WIDTH)
}

fn warn_ignored(p: &mut Parser<'_>, key: &str, span: Span) {
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
                    apply_config(p, value, body_start, text, pos);
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
    fn spacing_takes_px_numbers_in_range() {
        assert_eq!(spacing_px("30"), Some(30.0));
        assert_eq!(spacing_px("12.5px"), Some(12.5));
        assert_eq!(spacing_px("-1"), None);
        assert_eq!(spacing_px("1e9"), None);
        assert_eq!(spacing_px("NaN"), None);
    }

    #[test]
    fn wrapping_width_takes_positive_px_numbers() {
        assert_eq!(wrapping_width_px("200"), Some(200.0));
        assert_eq!(wrapping_width_px(" 320px "), Some(320.0));
        assert_eq!(wrapping_width_px("0"), None);
        assert_eq!(wrapping_width_px("-200"), None);
        assert_eq!(wrapping_width_px("inf"), None);
        assert_eq!(wrapping_width_px("1e9"), None);
        assert_eq!(wrapping_width_px("wide"), None);
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
