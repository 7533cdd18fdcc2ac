//! Packet header diagrams checked against the RFC header formats: the references as data
//! ([`reference`]) and the check ([`check`]); [`select`] picks the reference a diagram is
//! checked against (front matter `check:`, else the title). The front end is
//! `mermaid::syntax::packet` / `mermaid::lower::packet`; this module sees only the IR.

pub mod check;
pub mod reference;

use crate::diagnostic::codes::pkt as codes;
use crate::diagnostic::{suggest, Diagnostic};
use crate::model::packet::Packet;
use reference::Header;

/// The reference `packet` is checked against, and a warning if its `check:` names none:
/// `check: tcp-header` (or `udp-header`, `ipv4-header`, `ipv6-header`; `off` for none), else
/// the header its title names (`TCP Packet`, `IPv4 首部`) if the diagram resembles it (at
/// least half its fields name fields of that header: [`check::resembles`]), else none.
pub fn select(packet: &Packet) -> (Option<&'static Header>, Vec<Diagnostic>) {
    if let Some((name, span)) = &packet.config.check {
        if name.trim().eq_ignore_ascii_case("off") {
            return (None, Vec::new());
        }
        if let Some(h) = reference::by_id(name) {
            return (Some(h), Vec::new());
        }
        let mut ids: Vec<&str> = reference::HEADERS.iter().map(|h| h.id).collect();
        ids.push("off");
        let mut d = Diagnostic::warning(
            codes::UNKNOWN_CHECK,
            *span,
            format!("`check: {name}` names no reference header; nothing is checked"),
        );
        d = match suggest(name, &ids) {
            Some(m) => d.with_hint(format!("did you mean `{m}`?")),
            None => d.with_hint(format!("expected one of {}", ids.join(", "))),
        };
        return (None, vec![d]);
    }
    let title = packet.title.as_ref().map(|t| t.text()).unwrap_or_default();
    let header = reference::by_title(&title).filter(|h| check::resembles(packet, h));
    (header, Vec::new())
}

/// Every finding of `packet` against the reference [`select`] picks (with `select`'s
/// warning, if any).
pub fn findings(packet: &Packet) -> Vec<Diagnostic> {
    let (header, mut out) = select(packet);
    if let Some(h) = header {
        out.extend(check::check(packet, h));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picked(src: &str) -> Option<&'static str> {
        let (p, _) = crate::mermaid::packet(src).expect("valid");
        select(&p).0.map(|h| h.id)
    }

    #[test]
    fn a_title_picks_the_header_only_when_the_fields_are_that_headers() {
        let udp = "packet\ntitle UDP Packet\n0-15: \"Source Port\"\n16-31: \"Destination Port\"\n32-47: \"Length\"\n48-63: \"Checksum\"\n";
        assert_eq!(picked(udp), Some("udp-header"));
        // One field renamed or moved still reads as the UDP header (and is checked).
        assert_eq!(
            picked(&udp.replace("\"Length\"", "\"Size\"")),
            Some("udp-header")
        );
        // An application's payload carried in UDP is not the UDP header.
        let payload = "packet\ntitle Telemetry UDP packet\n0-7: \"Kind\"\n8-31: \"Sensor id\"\n32-95: \"Timestamp\"\n96-111: \"Checksum\"\n";
        assert_eq!(picked(payload), None);
        // `check:` picks it whatever the fields are.
        assert_eq!(
            picked(&format!("---\ncheck: udp-header\n---\n{payload}")),
            Some("udp-header")
        );
    }
}
