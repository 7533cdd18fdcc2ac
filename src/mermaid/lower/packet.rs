//! Packet syntax tree → validated [`Packet`]: bit ranges resolved (`+n` after the field
//! before it), and checked as mermaid's `populate` checks them — every field starts where the
//! one before it ended — but with every problem reported at its range, not just the first:
//! a gap, an overlap, a field written before the one above it, an end before its start, a
//! `+0`. After a bad field, reading goes on from its end, so one mistake is reported once.

use crate::diagnostic::codes::pkt as codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::mermaid::syntax::label::to_label;
use crate::mermaid::syntax::packet::{BitRange, FieldStmt, PacketDocument, PacketStatement};
use crate::model::packet::{Field, Packet, PacketConfig, MAX_ROWS};
use crate::model::Label;

/// Resolves the fields and settings of `doc`.
pub fn packet(doc: &PacketDocument) -> (Packet, Vec<Diagnostic>) {
    let c = &doc.config;
    let s = &c.packet;
    let defaults = PacketConfig::default();
    let mut out = Packet {
        config: PacketConfig {
            bits_per_row: s.bits_per_row.unwrap_or(defaults.bits_per_row),
            bit_width: s.bit_width.unwrap_or(defaults.bit_width),
            row_height: s.row_height.unwrap_or(defaults.row_height),
            padding_x: s.padding_x.unwrap_or(defaults.padding_x),
            padding_y: s.padding_y.unwrap_or(defaults.padding_y),
            show_bits: s.show_bits.unwrap_or(defaults.show_bits),
            bit_order: s.bit_order.unwrap_or(defaults.bit_order),
            theme: c.theme.clone(),
            theme_variables: c.theme_variables.clone(),
            check: s.check.as_ref().map(|c| (c.value.clone(), c.span)),
            style: s.style.clone(),
        },
        ..Packet::default()
    };
    let mut diags = Vec::new();
    let label = |t: &crate::mermaid::syntax::Text, diags: &mut Vec<Diagnostic>| {
        let (l, d) = to_label(t);
        diags.extend(d);
        l
    };
    if let Some(t) = &c.title {
        out.title = Some(label(t, &mut diags));
        out.title_span = Some(t.span);
    }
    let mut next = 0u64;
    let mut previous: Option<Span> = None;
    // After a field that could not be read, the next one is taken where it says it starts.
    let mut resync = false;
    let row_limit = MAX_ROWS * u64::from(out.config.bits_per_row);
    for st in &doc.statements {
        match st {
            PacketStatement::Title(t) => {
                out.title = Some(label(t, &mut diags));
                out.title_span = Some(t.span);
            }
            PacketStatement::AccTitle(t) => out.acc_title = Some(t.raw.clone()),
            PacketStatement::AccDescr(t) => out.acc_descr = Some(t.raw.clone()),
            PacketStatement::Unreadable(_) => resync = true,
            PacketStatement::Field(f) => {
                let text = label(&f.label, &mut diags);
                if std::mem::take(&mut resync) {
                    if let BitRange::Absolute { start, .. } = f.range {
                        next = start.value;
                    }
                }
                if let Some((start, end)) = resolve(f, next, previous, &mut diags) {
                    if end >= row_limit {
                        diags.push(
                            Diagnostic::error(
                                codes::TOO_LARGE,
                                f.range.span(),
                                format!(
                                    "bit {end} would be on row {}: netfig draws at most {MAX_ROWS} rows",
                                    end / u64::from(out.config.bits_per_row) + 1
                                ),
                            ),
                        );
                        break;
                    }
                    let mut field = Field::new(start, end, text, f.span);
                    field.range_span = f.range.span();
                    out.fields.push(field);
                }
                if let Some(e) = written_end(f, next) {
                    next = next.max(e.saturating_add(1));
                }
                previous = Some(f.range.span());
            }
        }
    }
    mark_variable(&mut out.fields);
    (out, diags)
}

/// The last bit a field's text names (for reading on after an error).
fn written_end(f: &FieldStmt, next: u64) -> Option<u64> {
    match f.range {
        BitRange::Absolute { start, end } => Some(end.map_or(start.value, |e| e.value)),
        BitRange::Relative(n) => (n.value > 0).then(|| next + n.value - 1),
    }
}

/// The bits of `f`, or `None` (with its error) if they do not follow on from bit `next`.
fn resolve(
    f: &FieldStmt,
    next: u64,
    previous: Option<Span>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(u64, u64)> {
    let span = f.range.span();
    let (start, end) = match f.range {
        BitRange::Relative(n) if n.value == 0 => {
            diags.push(
                Diagnostic::error(
                    codes::ZERO_WIDTH,
                    span,
                    "`+0`: a field needs at least one bit",
                )
                .with_hint("write `+1` for a single bit, or remove the field"),
            );
            return None;
        }
        BitRange::Relative(n) => (next, next + n.value - 1),
        BitRange::Absolute { start, end } => (start.value, end.map_or(start.value, |e| e.value)),
    };
    if end < start {
        diags.push(
            Diagnostic::error(
                codes::OUT_OF_ORDER,
                span,
                format!("the range {start}-{end} ends before it starts"),
            )
            .with_hint(format!("write `{end}-{start}`")),
        );
        return None;
    }
    let before = || match (next, previous) {
        (0, _) | (_, None) => "the diagram starts at bit 0".to_string(),
        (n, Some(_)) => format!("the field before it ends at bit {}", n - 1),
    };
    if start > next {
        let missing = if start - next == 1 {
            format!("bit {next} is")
        } else {
            format!("bits {next}-{} are", start - 1)
        };
        diags.push(
            Diagnostic::error(
                codes::GAP,
                span,
                format!("{missing} left out: {}", before()),
            )
            .with_hint(format!(
                "start this field at bit {next}, or add a field for the missing bits"
            )),
        );
        return None;
    }
    if start < next {
        let d = if end < next {
            Diagnostic::error(
                codes::OUT_OF_ORDER,
                span,
                format!(
                    "bits {start}-{end} come before the field above it: {}",
                    before()
                ),
            )
            .with_hint("list the fields in bit order")
        } else {
            Diagnostic::error(
                codes::OVERLAP,
                span,
                format!(
                    "this field overlaps bits {start}-{} of the field before it: {}",
                    next - 1,
                    before()
                ),
            )
            .with_hint(format!("start this field at bit {next}"))
        };
        diags.push(d);
        return None;
    }
    Some((start, end))
}

/// Words that name a variable-length field when a trailing field's label starts with them.
const VARIABLE_NAMES: &[&str] = &[
    "options", "option", "data", "payload", "padding", "选项", "数据", "载荷", "填充",
];

/// Marks the fields whose length varies: any whose label says so (`variable`, `可变`,
/// `变长`), and the trailing run of fields named options, padding, data or payload.
fn mark_variable(fields: &mut [Field]) {
    for f in fields.iter_mut() {
        let t = f.label.text().to_lowercase();
        if t.contains("variable") || t.contains("可变") || t.contains("变长") {
            f.variable = true;
        }
    }
    for f in fields.iter_mut().rev() {
        if names_variable(&f.label) {
            f.variable = true;
        } else {
            break;
        }
    }
}

/// Whether a label's first word is one of [`VARIABLE_NAMES`] (`(Options and Padding)`,
/// `Data`, `数据`).
fn names_variable(label: &Label) -> bool {
    label.lines.iter().any(|l| {
        let t = l.text().to_lowercase();
        let t = t.trim_start_matches(['(', '[', ' ']);
        VARIABLE_NAMES.iter().any(|w| {
            t.strip_prefix(w)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mermaid::syntax::packet::parse;

    fn lower(src: &str) -> (Packet, Vec<Diagnostic>) {
        let (doc, mut d) = parse(src);
        let (p, more) = packet(&doc);
        d.extend(more);
        (p, d)
    }

    #[test]
    fn relative_and_absolute_ranges_resolve() {
        let (p, d) = lower("packet\n+16: \"a\"\n16-31: \"b\"\n32: \"c\"\n+7: \"d\"\n");
        assert!(d.is_empty(), "{d:?}");
        let bits: Vec<_> = p.fields.iter().map(|f| (f.start, f.end)).collect();
        assert_eq!(bits, [(0, 15), (16, 31), (32, 32), (33, 39)]);
    }

    #[test]
    fn every_position_error_is_reported_once() {
        let src = "packet\n0-7: \"a\"\n10-15: \"gap\"\n14-20: \"overlap\"\n+0: \"zero\"\n30-25: \"rev\"\n2-3: \"order\"\n";
        let (_, d) = lower(src);
        let codes: Vec<_> = d.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                codes::GAP,
                codes::OVERLAP,
                codes::ZERO_WIDTH,
                codes::OUT_OF_ORDER,
                codes::OUT_OF_ORDER
            ]
        );
    }

    #[test]
    fn an_unreadable_field_causes_no_gap_error_after_it() {
        let (p, d) = lower("packet\n0-15: \"a\"\n16-31 \"b\"\n32-63: \"c\"\n");
        let codes: Vec<_> = d.iter().map(|d| d.code).collect();
        assert_eq!(codes, [codes::MISSING_LABEL]);
        assert_eq!(p.fields.len(), 2);
    }

    #[test]
    fn trailing_options_and_data_are_variable_but_data_offset_is_not() {
        let (p, _) = lower(
            "packet\n0-3: \"Data Offset\"\n4-31: \"x\"\n32-63: \"(Options and Padding)\"\n64-95: \"Data\"\n",
        );
        let v: Vec<_> = p.fields.iter().map(|f| f.variable).collect();
        assert_eq!(v, [false, false, true, true]);
        let (p, _) = lower("packet\n0-15: \"Length\"\n16-31: \"x (variable length)\"\n32: \"y\"\n");
        assert!(p.fields[1].variable && !p.fields[2].variable);
    }

    #[test]
    fn too_many_rows_is_an_error_not_an_allocation() {
        let (p, d) =
            lower("---\nconfig:\n  packet:\n    bitsPerRow: 1\n---\npacket\n0-999999: \"x\"\n");
        assert_eq!(d[0].code, codes::TOO_LARGE);
        assert!(p.fields.is_empty());
    }
}
