//! TCP state machines: the YAML definition format, the built-in RFC 9293 reference, and the
//! checker behind `netfig check`.
//!
//! # The format
//!
//! ```yaml
//! machine: tcp          # which reference to check against (tcp = RFC 9293)
//! scope: figure         # partial (default) | figure (all 20 Figure 5 transitions) | full
//! title: { en: TCP connection states, zh: TCP 连接状态 }
//! states:               # optional: order, names, notes; keys are state ids
//!   TIME-WAIT: { zh: 时间等待, note: { en: "Waits 2×MSL", zh: "等待 2MSL" } }
//! events:               # optional: rename events (`{ en, zh }` or one string)
//!   rcv FIN: { zh: 收到 FIN 报文段 }
//! actions:              # optional: rename actions
//!   snd ACK: 发送确认
//! transitions:
//!   - from: CLOSED
//!     event: active OPEN
//!     action: [create TCB, snd SYN]   # a list, or `create TCB; snd SYN`; `x` = none; omit = unchecked
//!     to: SYN-SENT
//!   - { from: FIN-WAIT-2, event: rcv FIN, action: snd ACK, to: TIME-WAIT }
//! ```
//!
//! * States accept the usual spellings ([`names::State::parse`]): `TIME_WAIT`, `time-wait`,
//!   `SYN-RCVD`, `SYN_RECV`, `ESTAB`, `FINWAIT-2`, Linux's `TCP_CLOSE`, the Chinese glossary names.
//!   Events and actions accept `SYN-ACK`, `SYN/ACK`, `SYN+ACK`, `Timeout=2MSL`, `receive FIN` ….
//!   What the author wrote is kept for rendering.
//! * `scope: full` requires Figure 5 and the section 3.10 transitions, except the permitted
//!   alternatives ([`reference::Origin::Alternative`]), which are accepted but never required.
//! * Chinese names: 谢希仁's terms for the states; CLOSING, which the textbook does not name, is
//!   同时关闭 ("simultaneous close", the only way into it), with 正在关闭 accepted as an alias.
//! * A transition's [`reference::Path`] (client / server / other) comes from the reference; see
//!   its documentation for the rule.
//!
//! # Checking
//!
//! A claim matches the reference when `from`, `event` and `to` are equal after alias
//! normalisation and, if `action` is given, the actions are equal as sets. Every finding has a
//! stable code listed in [`codes::CODES`]; all findings are collected, never just the first.
//!
//! ```
//! let src = "machine: tcp\ntransitions:\n  - { from: ESTABLISHED, event: CLOSE, action: snd FIN, to: TIME-WAIT }\n";
//! let diagnostics = netfig::tcp::check_source(src);
//! assert_eq!(diagnostics[0].code, "E-TCP-004");
//! ```

mod blame;
pub mod check;
pub mod codes;
pub mod definition;
mod export;
mod flow;
pub mod model;
pub mod names;
pub mod reference;
pub mod syntax;
mod tree;
mod values;

pub use check::check;
pub use model::StateMachine;
pub use names::{Action, Event, State};
pub use syntax::{parse, Definition};

use crate::diagnostic::Diagnostic;

/// Parses, checks and resolves one definition: the machine a renderer draws (`None` if the text
/// is not a definition at all) and every diagnostic, in source order.
pub fn load(source: &str) -> (Option<StateMachine>, Vec<Diagnostic>) {
    let (def, mut diagnostics) = parse(source);
    let machine = def.map(|def| {
        diagnostics.extend(check(&def));
        StateMachine::new(&def)
    });
    diagnostics.sort_by_key(|d| (d.span.start, d.code));
    (machine, diagnostics)
}

/// Parses and checks one definition; all diagnostics in source order.
pub fn check_source(source: &str) -> Vec<Diagnostic> {
    let (def, mut diagnostics) = parse(source);
    if let Some(def) = def {
        diagnostics.extend(check(&def));
    }
    diagnostics.sort_by_key(|d| (d.span.start, d.code));
    diagnostics
}
