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

use super::reference::{Group, Header, RefField};
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

/// Whether most of `packet`'s fields (at least half) name a field, or a run of fields, of
/// `h`: a diagram whose title says `UDP Packet` but whose fields are an application's
/// payload (`Channel name`, `Timestamp`) is not a drawing of the UDP header.
pub fn resembles(packet: &Packet, h: &Header) -> bool {
    let aliases: Vec<Vec<String>> = h
        .fields
        .iter()
        .map(|r| r.names.iter().map(|n| normal(n)).collect())
        .collect();
    let naming = packet
        .fields
        .iter()
        .filter(|f| !named(f, h, &aliases).is_empty() || named_group(f, h).is_some())
        .count();
    naming > 0 && 2 * naming >= packet.fields.len()
}

/// The group a drawn field's label names, if any.
fn named_group<'h>(f: &Field, h: &'h Header) -> Option<&'h Group> {
    let lines: Vec<String> = f.label.lines.iter().map(|l| normal(&l.text())).collect();
    h.groups.iter().find(|g| {
        let aliases: Vec<String> = g.names.iter().map(|n| normal(n)).collect();
        lines.iter().any(|l| names(l, &aliases, false))
    })
}

/// The reference layout, for hints: `0-15 Source Port 源端口, …`, and the runs that may be
/// drawn as one field.
fn layout_hint(h: &Header) -> String {
    let fields: Vec<String> = h
        .fields
        .iter()
        .map(|r| format!("{} {} {}", r.bits(), r.name(), r.zh()))
        .collect();
    let mut hint = format!("{} ({}): {}", h.name, h.source, fields.join(", "));
    let groups: Vec<String> = h
        .groups
        .iter()
        .filter(|g| g.split_by.is_none())
        .map(|g| format!("{} {} {}", g.bits(), g.names[0], g.names[1]))
        .collect();
    if !groups.is_empty() {
        hint.push_str(&format!(
            "; may be drawn as one field: {}",
            groups.join(", ")
        ));
    }
    hint
}

/// The indices of the fixed reference fields a drawn range `start..=end` covers exactly (it
/// starts at the first one's first bit and ends at the last one's last bit), if it does.
fn covered(h: &Header, start: u64, end: u64) -> Option<Vec<usize>> {
    let inside: Vec<usize> = (0..h.fields.len())
        .filter(|&i| {
            let r = &h.fields[i];
            r.start >= start && r.end.is_some_and(|e| e <= end)
        })
        .collect();
    let first = h.fields[*inside.first()?].start;
    let last = h.fields[*inside.last()?].end?;
    (first == start && last == end).then_some(inside)
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
        // A run of fields drawn as one (`Flags`), unless the label names the field here.
        if let Some(g) =
            named_group(f, h).filter(|_| !here.is_some_and(|r| candidates.contains(&r)))
        {
            let run = covered(h, f.start, f.end).filter(|_| f.start >= g.start && f.end <= g.end);
            match (run, g.split_by) {
                (Some(run), None) => {
                    run.into_iter().for_each(|i| present[i] = true);
                }
                (Some(run), Some(by)) if f.start == g.start && f.end == g.end => {
                    run.into_iter().for_each(|i| present[i] = true);
                    let parts: Vec<String> = h
                        .fields
                        .iter()
                        .filter(|r| r.start >= g.start && r.end.is_some_and(|e| e <= g.end))
                        .map(|r| format!("{} ({})", r.name(), r.bits()))
                        .collect();
                    err(
                        codes::CHECK_OLD_LAYOUT,
                        format!(
                            "`{name}` (bits {}) is the layout from before {by}, which split it into {}",
                            g.bits(),
                            parts.join(" and ")
                        ),
                        &mut out,
                    );
                }
                _ => {
                    let code = if f.start == g.start {
                        codes::CHECK_WIDTH
                    } else {
                        codes::CHECK_OFFSET
                    };
                    err(
                        code,
                        format!(
                            "`{name}` is bits {} in {}, drawn as bits {}-{}",
                            g.bits(),
                            h.source,
                            f.start,
                            f.end
                        ),
                        &mut out,
                    );
                }
            }
            continue;
        }
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
            let past: Vec<&RefField> = h
                .fields
                .iter()
                .filter(|x| x.start > end && x.start <= f.end)
                .collect();
            let later: Vec<&RefField> = past
                .iter()
                .copied()
                .filter(|x| x.assigned_by.is_some())
                .collect();
            // Reserved bits drawn over assigned ones, or a field drawn over exactly the
            // fields a later RFC carved out of it (IPv4's DSCP over ECN).
            let carved =
                later.len() == past.len() && past.last().and_then(|x| x.end) == Some(f.end);
            if let (true, Some(by)) = (
                r.splittable || carved,
                later.first().and_then(|x| x.assigned_by),
            ) {
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

    const IPV4_791: &str = "packet\n0-3: \"Version\"\n4-7: \"IHL\"\n8-13: \"DSCP\"\n14-15: \"ECN\"\n16-31: \"Total Length\"\n32-47: \"Identification\"\n48-50: \"Flags\"\n51-63: \"Fragment Offset\"\n64-71: \"TTL\"\n72-79: \"Protocol\"\n80-95: \"Header Checksum\"\n96-127: \"Source Address\"\n128-159: \"Destination Address\"\n160-191: \"Options\"\n";

    #[test]
    fn runs_drawn_as_one_field_pass_where_the_rfc_draws_them_so() {
        use crate::packet::reference::IPV4;
        // RFC 791's own 3-bit Flags, in English and as the Chinese textbooks write it.
        assert_eq!(findings(IPV4_791, &IPV4), []);
        assert_eq!(
            findings(&IPV4_791.replace("\"Flags\"", "\"标志\""), &IPV4),
            []
        );
        // The TCP control bits as one 8-bit field, or CWR and ECE apart and the rest as one.
        let flags = TCP_9293.replace(
            "104: \"CWR\"\n105: \"ECE\"\n106: \"URG\"\n107: \"ACK\"\n108: \"PSH\"\n109: \"RST\"\n110: \"SYN\"\n111: \"FIN\"\n",
            "104-111: \"Flags\"\n",
        );
        assert_eq!(findings(&flags, &TCP), []);
        let rest = TCP_9293.replace(
            "106: \"URG\"\n107: \"ACK\"\n108: \"PSH\"\n109: \"RST\"\n110: \"SYN\"\n111: \"FIN\"\n",
            "106-111: \"控制位\"\n",
        );
        assert_eq!(findings(&rest, &TCP), []);
        // RFC 9293 §3.1's padding drawn apart from the options, as RFC 793's figure does.
        let padded = TCP_9293.replace(
            "160-191: \"(Options and Padding)\"\n",
            "160-183: \"Options\"\n184-191: \"Padding\"\n",
        );
        assert_eq!(findings(&padded, &TCP), []);
        // Part of a run is a run; what is drawn in place of the rest is checked.
        let cut = flags.replace(
            "104-111: \"Flags\"\n",
            "104-109: \"Flags\"\n110-111: \"Reserved\"\n",
        );
        let f = findings(&cut, &TCP);
        assert!(f == [("110-111".to_string(), codes::CHECK_OFFSET)], "{f:?}");
        let shifted = IPV4_791.replace("48-50: \"Flags\"\n51-63:", "48-51: \"Flags\"\n52-63:");
        let f = findings(&shifted, &IPV4);
        assert!(
            f.contains(&("48-51".to_string(), codes::CHECK_WIDTH)),
            "{f:?}"
        );
    }

    #[test]
    fn the_original_type_of_service_octet_is_the_older_layout_naming_the_rfcs_that_split_it() {
        use crate::packet::reference::IPV4;
        for octet in [
            "8-15: \"Type of Service\"\n",
            "8-15: \"服务类型\"\n",
            "8-15: \"区分服务\"\n",
        ] {
            let old = IPV4_791.replace("8-13: \"DSCP\"\n14-15: \"ECN\"\n", octet);
            let (p, _) = crate::mermaid::packet(&old).unwrap();
            let d = check(&p, &IPV4);
            assert_eq!(d.len(), 1, "{octet}: {d:?}");
            assert_eq!(d[0].code, codes::CHECK_OLD_LAYOUT, "{octet}");
            assert_eq!(&old[d[0].span.start..d[0].span.end], "8-15");
            assert!(d[0].message.contains("RFC 3168"), "{}", d[0].message);
        }
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
