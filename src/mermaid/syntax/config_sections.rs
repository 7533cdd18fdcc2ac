//! The diagram-specific sections of mermaid's config (`flowchart:`, `sequence:`, `packet:`,
//! from front matter, `%%{init}%%`, or a directive's `config:`), and the value checks they share.

use super::codes;
use super::curve::curve_named;
use super::frontmatter::{warn_ignored, KeyCursor};
use super::scan::{Hint, Parser};
use super::yaml::Yaml;
use crate::diagnostic::Span;

/// `config.flowchart` in a flowchart: the curve, spacing and wrapping the layout honours.
pub(super) fn apply_flowchart(p: &mut Parser<'_>, value: &Yaml, keys: &mut KeyCursor<'_>) {
    for (k, x) in value.entries() {
        let (_, kspan) = keys.locate(k);
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

/// `config.sequence` in a sequence diagram: the settings the drawing honours.
pub(super) fn apply_sequence(p: &mut Parser<'_>, v: &Yaml, keys: &mut KeyCursor<'_>) {
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
pub(super) fn apply_packet(p: &mut Parser<'_>, v: &Yaml, keys: &mut KeyCursor<'_>) {
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
pub(super) const MAX_BITS_PER_ROW: u32 = 1024;

/// `themeVariables.packet` in a packet diagram: mermaid's packet style options.
pub(super) fn packet_style(p: &mut Parser<'_>, v: &Yaml, keys: &mut KeyCursor<'_>) {
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

pub(super) fn bool_value(v: &Yaml) -> Option<bool> {
    match v.as_text().as_deref() {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    }
}

pub(super) fn warn_not_bool(p: &mut Parser<'_>, key: &str, span: Span) {
    p.warn(
        codes::CONFIG_IGNORED,
        span,
        format!("`{key}` must be true or false; ignored"),
    );
}

/// The largest `nodeSpacing` / `rankSpacing` taken, in px (a sane drawing's bound).
pub(super) const MAX_SPACING: f64 = 1000.0;

/// A spacing in px: `30`, `30px`, `12.5`.
pub(super) fn spacing_px(t: &str) -> Option<f64> {
    px_within(t, 0.0, MAX_SPACING)
}

/// The range of `netfigMaxRankWidth`, px: narrower than a box is no limit a rank can meet.
pub(super) const MIN_RANK_WIDTH: f64 = 100.0;
pub(super) const MAX_RANK_WIDTH: f64 = 100_000.0;

/// A rank width limit in px: `750`, `750px`.
pub(super) fn rank_width_px(t: &str) -> Option<f64> {
    px_within(t, MIN_RANK_WIDTH, MAX_RANK_WIDTH)
}

/// A number of px (`12.5`, `30px`) from `lo` to `hi`.
pub(super) fn px_within(t: &str, lo: f64, hi: f64) -> Option<f64> {
    let t = t.trim();
    let n: f64 = t.strip_suffix("px").unwrap_or(t).trim().parse().ok()?;
    (n.is_finite() && (lo..=hi).contains(&n)).then_some(n)
}

/// The largest `wrappingWidth` taken, in px (wide enough to mean "do not wrap").
pub(super) const MAX_WRAPPING_WIDTH: f64 = 100_000.0;

/// A wrapping width in px: `200`, `300px`, at least 1.
pub(super) fn wrapping_width_px(t: &str) -> Option<f64> {
    px_within(t, 1.0, MAX_WRAPPING_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
