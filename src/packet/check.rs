//! A packet diagram checked against a reference header: `model::Packet` × [`Header`] →
//! findings at the fields' ranges, each with the reference layout as its hint. It never sees
//! syntax.
//!
//! Each drawn field is named by one of its label lines (any alias, either language). A field
//! whose name is the reference field at its first bit must start and end where that field
//! does (a reserved field may be drawn in pieces; a variable-length one at any width); bits
//! drawn as reserved that a later RFC assigned are the older layout, and the message names
//! that RFC; a name that belongs to another field is reported with the field expected there;
//! a name of no field gets a did-you-mean; reference fields no drawn field stands for are
//! reported as missing (unless an error already covers their bits).

use super::reference::{Header, RefField};
use crate::diagnostic::codes::pkt as codes;
use crate::diagnostic::{suggest, Diagnostic, Span};
use crate::model::packet::{Field, Packet};

/// A name reduced for comparison: lower case, brackets and punctuation as spaces, spaces
/// collapsed.
fn normal(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| {
            if matches!(c, '(' | ')' | '[' | ']' | ':' | '_' | '/' | '-' | '.' | ',') {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a normalised label line names a reference field whose normalised names are
/// `names`: one of them exactly, or (for a variable-length field) as its first words
/// (`Data (variable length)`).
fn names(line: &str, names: &[String], variable: bool) -> bool {
    names.iter().any(|n| {
        line == n
            || (variable
                && line
                    .strip_prefix(n.as_str())
                    .is_some_and(|rest| rest.starts_with(' ')))
    })
}

/// The reference fields a drawn field's label names (`aliases`: each reference field's
/// normalised names).
fn named<'h>(f: &Field, h: &'h Header, aliases: &[Vec<String>]) -> Vec<&'h RefField> {
    let lines: Vec<String> = f.label.lines.iter().map(|l| normal(&l.text())).collect();
    h.fields
        .iter()
        .zip(aliases)
        .filter(|(r, a)| lines.iter().any(|l| names(l, a, r.end.is_none())))
        .map(|(r, _)| r)
        .collect()
}

/// The reference layout, for hints: `0-15 Source Port 源端口, …`.
fn layout_hint(h: &Header) -> String {
    let fields: Vec<String> = h
        .fields
        .iter()
        .map(|r| format!("{} {} {}", r.bits(), r.name(), r.zh()))
        .collect();
    format!("{} ({}): {}", h.name, h.source, fields.join(", "))
}

/// The reference field at bit `bit` (the first, for the variable tail).
fn at_bit(h: &Header, bit: u64) -> Option<&RefField> {
    h.fields
        .iter()
        .find(|r| bit >= r.start && r.end.is_none_or(|e| bit <= e))
}

/// Every finding of `packet` against `h`.
pub fn check(packet: &Packet, h: &Header) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    let hint = layout_hint(h);
    let mut present = vec![false; h.fields.len()];
    // Bits already reported (so a missing field there is not reported again).
    let mut reported: Vec<(u64, u64)> = Vec::new();
    let index = |r: &RefField| h.fields.iter().position(|x| x == r).unwrap_or(0);
    let aliases: Vec<Vec<String>> = h
        .fields
        .iter()
        .map(|r| r.names.iter().map(|n| normal(n)).collect())
        .collect();
    for f in &packet.fields {
        let span = f.range_span;
        let here = at_bit(h, f.start);
        let candidates = named(f, h, &aliases);
        let name = f.label.lines.first().map(|l| l.text()).unwrap_or_default();
        let mut err = |code, msg: String, out: &mut Vec<Diagnostic>| {
            reported.push((f.start, f.end));
            out.push(Diagnostic::error(code, span, msg).with_hint(hint.clone()));
        };
        // The reference field this one stands for: the one at its first bit if it names it,
        // else any it names.
        let matched = here
            .filter(|r| candidates.contains(r))
            .or_else(|| candidates.first().copied());
        let Some(r) = matched else {
            let expected = here.map_or("nothing".to_string(), |r| format!("`{}`", r.name()));
            let all: Vec<&str> = h
                .fields
                .iter()
                .flat_map(|r| r.names.iter().copied())
                .collect();
            let mut msg = format!(
                "`{name}` is no field of the {} header: bits {}-{} are {expected} in {}",
                h.name, f.start, f.end, h.source
            );
            if let Some(m) = suggest(&name, &all) {
                msg.push_str(&format!(" (did you mean `{m}`?)"));
            }
            err(codes::CHECK_NAME, msg, &mut out);
            continue;
        };
        present[index(r)] = true;
        // Options, padding and data follow one another in the variable tail at any width.
        if r.end.is_none() && here.is_some_and(|x| x.end.is_none()) {
            continue;
        }
        if here != Some(r) {
            let expected = here.map_or("past the end of the header".to_string(), |x| {
                format!("`{}` ({} {})", x.name(), x.bits(), x.zh())
            });
            let code = if here.is_some_and(|x| x.start == f.start) || r.start != f.start {
                codes::CHECK_OFFSET
            } else {
                codes::CHECK_NAME
            };
            err(
                code,
                format!(
                    "`{name}` is bits {} in {}, not {}-{}: bit {} starts {expected}",
                    r.bits(),
                    h.source,
                    f.start,
                    f.end,
                    f.start
                ),
                &mut out,
            );
            continue;
        }
        let Some(end) = r.end else {
            continue;
        };
        if f.start != r.start && !r.splittable {
            err(
                codes::CHECK_OFFSET,
                format!(
                    "`{name}` starts at bit {} in {}, not at bit {}",
                    r.start, h.source, f.start
                ),
                &mut out,
            );
        } else if f.end > end {
            // Bits past the field: the older layout if a later RFC assigned them.
            let later: Vec<&RefField> = h
                .fields
                .iter()
                .filter(|x| x.start > end && x.start <= f.end && x.assigned_by.is_some())
                .collect();
            if let (true, Some(by)) = (r.splittable, later.first().and_then(|x| x.assigned_by)) {
                let names: Vec<&str> = later.iter().map(|x| x.name()).collect();
                err(
                    codes::CHECK_OLD_LAYOUT,
                    format!(
                        "`{name}` is bits {} in {}: bits {}-{} are {}, assigned by {by}; this is the layout from before {by}",
                        r.bits(),
                        h.source,
                        end + 1,
                        f.end,
                        names.join(" and ")
                    ),
                    &mut out,
                );
            } else {
                err(
                    codes::CHECK_WIDTH,
                    format!(
                        "`{name}` is {} bits ({}) in {}, drawn as {} bits ({}-{})",
                        end - r.start + 1,
                        r.bits(),
                        h.source,
                        f.bits(),
                        f.start,
                        f.end
                    ),
                    &mut out,
                );
            }
        } else if f.end < end && !r.splittable {
            err(
                codes::CHECK_WIDTH,
                format!(
                    "`{name}` is {} bits ({}) in {}, drawn as {} bits ({}-{})",
                    end - r.start + 1,
                    r.bits(),
                    h.source,
                    f.bits(),
                    f.start,
                    f.end
                ),
                &mut out,
            );
        }
    }
    // Missing fields: fixed fields nothing stands for, whose bits no error covers.
    let last = packet.fields.last();
    for (r, _) in h.fields.iter().zip(&present).filter(|(_, p)| !**p) {
        let Some(end) = r.end else { continue };
        if reported.iter().any(|(a, b)| *a <= end && r.start <= *b) {
            continue;
        }
        let drawn = packet
            .fields
            .iter()
            .find(|f| f.start <= end && r.start <= f.end)
            .or(last);
        let span = drawn.map_or(Span::default(), |f| f.range_span);
        let mut msg = format!(
            "`{}` ({} {}) of {} is missing",
            r.name(),
            r.bits(),
            r.zh(),
            h.source
        );
        if let Some(by) = r.assigned_by {
            msg.push_str(&format!(" (assigned by {by})"));
        }
        out.push(Diagnostic::error(codes::CHECK_MISSING, span, msg).with_hint(hint.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packet::reference::{TCP, UDP};

    fn findings(src: &str, h: &Header) -> Vec<(String, &'static str)> {
        let (p, _) = crate::mermaid::packet(src).expect("valid");
        check(&p, h)
            .into_iter()
            .map(|d| (src[d.span.start..d.span.end].to_string(), d.code))
            .collect()
    }

    const TCP_9293: &str = "packet\n0-15: \"Source Port\"\n16-31: \"Destination Port\"\n32-63: \"Sequence Number\"\n64-95: \"Acknowledgment Number\"\n96-99: \"Data Offset\"\n100-103: \"Reserved\"\n104: \"CWR\"\n105: \"ECE\"\n106: \"URG\"\n107: \"ACK\"\n108: \"PSH\"\n109: \"RST\"\n110: \"SYN\"\n111: \"FIN\"\n112-127: \"Window\"\n128-143: \"Checksum\"\n144-159: \"Urgent Pointer\"\n160-191: \"(Options and Padding)\"\n192-255: \"Data (variable length)\"\n";

    #[test]
    fn the_rfc_9293_layout_passes_and_the_rfc_793_one_names_rfc_3168() {
        assert_eq!(findings(TCP_9293, &TCP), []);
        let old = TCP_9293.replace(
            "100-103: \"Reserved\"\n104: \"CWR\"\n105: \"ECE\"\n",
            "100-105: \"Reserved\"\n",
        );
        let (p, _) = crate::mermaid::packet(&old).unwrap();
        let d = check(&p, &TCP);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, codes::CHECK_OLD_LAYOUT);
        assert!(d[0].message.contains("RFC 3168") && d[0].message.contains("CWR and ECE"));
        assert!(d[0].message.contains("RFC 9293 §3.1"));
    }

    #[test]
    fn every_reference_printed_as_a_packet_diagram_passes_its_own_check() {
        for h in crate::packet::reference::HEADERS {
            let src = crate::packet::reference::to_packet(h);
            let (p, warnings) = crate::mermaid::packet(&src).expect("valid");
            assert!(warnings.is_empty(), "{warnings:?}");
            let (picked, _) = crate::packet::select(&p);
            assert_eq!(picked.map(|x| x.id), Some(h.id));
            assert_eq!(check(&p, h), [], "{src}");
            let table = crate::packet::reference::to_table(h);
            assert_eq!(table.matches("\n|").count(), h.fields.len() + 2, "{table}");
        }
    }

    #[test]
    fn split_reserved_bits_and_chinese_names_pass() {
        let zh = TCP_9293
            .replace("\"Source Port\"", "\"源端口\"")
            .replace("\"Sequence Number\"", "\"序号\"")
            .replace("\"Data Offset\"", "\"首部长度\"")
            .replace(
                "100-103: \"Reserved\"",
                "100: \"保留\"\n101: \"保留\"\n102-103: \"保留\"",
            )
            .replace("\"Checksum\"", "\"校验和\"");
        assert_eq!(findings(&zh, &TCP), []);
    }

    #[test]
    fn shifted_resized_swapped_renamed_and_missing_fields_are_reported_at_their_lines() {
        let swapped = "packet\n0-15: \"Destination Port\"\n16-31: \"Source Port\"\n32-47: \"Length\"\n48-63: \"Checksum\"\n";
        let f = findings(swapped, &UDP);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().all(|(_, c)| *c == codes::CHECK_OFFSET));
        let resized = "packet\n0-15: \"Source Port\"\n16-31: \"Destination Port\"\n32-39: \"Length\"\n40-63: \"Checksum\"\n";
        let f = findings(resized, &UDP);
        assert_eq!(f[0], ("32-39".to_string(), codes::CHECK_WIDTH), "{f:?}");
        let renamed = "packet\n0-15: \"Source Prot\"\n16-31: \"Destination Port\"\n32-47: \"Length\"\n48-63: \"Checksum\"\n";
        let f = findings(renamed, &UDP);
        assert_eq!(f[0], ("0-15".to_string(), codes::CHECK_NAME), "{f:?}");
        let short = "packet\n0-15: \"Source Port\"\n16-31: \"Destination Port\"\n";
        let f = findings(short, &UDP);
        assert_eq!(
            f.iter().filter(|(_, c)| *c == codes::CHECK_MISSING).count(),
            2
        );
    }
}
