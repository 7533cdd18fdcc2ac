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
/// the header its title names (`TCP Packet`, `IPv4 首部`), else none.
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
    (reference::by_title(&title), Vec::new())
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
