//! TCP state machines: the YAML definition format, the built-in RFC 9293 reference, and the
//! checker behind `netfig check`.
//!
//! # The format
//!
//! ```yaml
//! machine: tcp          # which reference to check against (tcp = RFC 9293)
//! scope: figure         # partial (default) | figure (all 20 Figure 5 transitions) | full
//! follows: rfc5961      # optional: rfc5961 | rfc793, the handling of a SYN when synchronized
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
//! * `scope: full` requires Figure 5 and the section 3.10 transitions, except the permitted
//!   alternatives ([`reference::Origin::Alternative`]), which are accepted but never required.
//! * Chinese names: 谢希仁's terms for the states; CLOSING, which the textbook does not name, is
//!   正在关闭 ("closing", naming the state rather than the simultaneous close that leads to it), with
//!   同时关闭 accepted as an alias.
//! * A transition's [`reference::Path`] (client / server / other) comes from the reference; see
//!   its documentation for the rule.
//!
//! # Accepted spellings
//!
//! Forgiving about spelling, strict about meaning. What the author wrote is kept for rendering.
//!
//! * **States** ([`names::State::parse`]): case, `-`, `_` and spaces do not matter, Linux's `TCP_`
//!   prefix is optional: `TIME_WAIT`, `time-wait`, `TCP_TIME_WAIT`, `SYN-RCVD`, `SYN_RECV`,
//!   `TCP_NEW_SYN_RECV`, `ESTAB`, `FINWAIT-2`, `FIN_WAIT2`, `TCP_CLOSE`, `TCP_SYN_SENT`, the
//!   glossary's Chinese names and common variants (监听, 同步已收到, 已建立, 正在关闭 …). `CLOSE`
//!   is not a state (it is an event).
//! * **Events** ([`names::Event::parse`]): case, spaces and the punctuation `, - / + = _ :` and
//!   brackets do not matter: `rcv SYN,ACK` = `rcv SYN+ACK` = `rcv SYN/ACK` = `rcv SYN-ACK`,
//!   `Timeout=2MSL` = `timeout (2 MSL)` = `2MSL timeout`, `OPEN (passive)`, `CLOSE()`;
//!   `receive`/`recv`/`received` mean `rcv`; `rcv ACK for SYN`; the glossary's Chinese names. A
//!   bare `rcv ACK` is *not* accepted (Figure 5 always says what is acknowledged, and in
//!   FIN-WAIT-1 an ACK of data is not an ACK of our FIN): E-TCP-002 with a hint. Nor is a bare
//!   `timeout`. `rcv FIN + ACK of FIN` is a FIN that also acknowledges our FIN (FIN-WAIT-1 →
//!   TIME-WAIT, Figure 5 note 2); a FIN that does not is `rcv FIN`, whatever flags it carries.
//!   Its old name `rcv FIN,ACK` (`rcv FIN+ACK`, `rcv FINACK`) is still accepted with its old
//!   meaning, and warned about (W-TCP-016, with a did-you-mean).
//! * **Actions** ([`names::Action::parse`]): the same rules; `send`/`sent` before a flag mean
//!   `snd`; `delete the TCB`. A list, or one string with `;` or `,` between actions (a comma
//!   before a bare flag belongs to it: `snd SYN, ACK` is one action); compared as sets, so any
//!   order. No action: `x`, `none`, `no action`, `-`, `—`, `无`, or an empty value (`action:`,
//!   `[]`, `""`). Leaving `action` out means "not checked". Actions are Figure 5's: LAST-ACK →
//!   CLOSED is `x`, though section 3.10.7.4 says the TCB is deleted there.
//! * **Keys**: case-insensitive (`From:`); `actions:` in a transition means `action:`; `states:`
//!   may be a mapping or a list (`[CLOSED, { TIME-WAIT: { zh: … } }]`); top-level keys starting
//!   with `x-` are ignored (a place for YAML anchors). Any other unknown key is an error (E-TCP-011,
//!   with a did-you-mean hint). `machine: tcp` (or `rfc9293`) may be left out; `scope` is
//!   case-insensitive and `figure 5` means `figure`.
//! * **YAML**: block or flow style, quoted or plain scalars, comments, anchors, aliases and `<<`
//!   merge keys, `---`/`...` markers, CRLF, a BOM; one document per file. Tabs in indentation are
//!   a syntax error (E-TCP-010), reported at the tab. Inside `{ … }` or `[ … ]` an unquoted comma
//!   ends a value, so `{ event: rcv SYN,ACK }` is YAML for `event: rcv SYN` plus a key `ACK`:
//!   E-TCP-012 at the stray part (also for `{ action: create TCB, snd SYN }`), and the value is
//!   read as meant. In block style `event: rcv SYN,ACK` is one value and fine.
//!
//! # Checking
//!
//! A claim matches the reference when `from`, `event` and `to` are equal after alias
//! normalisation and, if `action` is given, the actions are equal as sets. Every finding has a
//! stable code listed in [`CODES`](crate::diagnostic::codes::CODES); all findings are collected, never just the first.
//!
//! * A claim RFC 9293 does not have (E-TCP-004) is reported at the value to change: under
//!   `scope: figure`/`full`, the value that turns it into a required transition that is missing
//!   (so two mistakes in one file are told apart, and a swapped `from`/`to` is recognised);
//!   otherwise the target, the event or the source, whichever fix fills a gap (see `blame.rs`).
//! * A transition listed twice (after alias normalisation) is reported at every listing
//!   (E-TCP-006): which one is the mistake cannot be known.
//! * Under `scope: figure`/`full`, a legal claim the scope does not require that is one value
//!   away from a missing required transition with the same actions (`LISTEN --active OPEN-->
//!   SYN-SENT` where the figure's `LISTEN --SEND--> SYN-SENT` is missing) is reported at that
//!   value (E-TCP-007), besides the missing transition at `scope:`. Wrong actions (E-TCP-005)
//!   are reported at the value instead of the actions when a missing required transition one
//!   value away has exactly those actions.
//! * `follows: rfc5961` says the definition describes a stack with RFC 5961's mitigation: RFC
//!   793's reset on a SYN in a synchronized state (accepted otherwise) is an error there
//!   (E-TCP-017, with the challenge ACK as the hint). `follows: rfc793` excludes nothing.
//! * Conditions ([`condition::Condition`]) are data in the reference, each citing its section:
//!   transitions that differ only in their conditions (SYN-RECEIVED `rcv RST` → LISTEN after a
//!   passive OPEN, → CLOSED after an active OPEN; TIME-WAIT `rcv SYN` → CLOSED by RFC 793's rule
//!   or → SYN-RECEIVED by MAY-2) are all accepted; hints cite the conditions; tables and
//!   diagrams show them.
//! * A name override that is another thing's glossary name is a warning (W-TCP-009); the check
//!   exits 1 on it only with `--deny-warnings`.
//!
//! ```
//! let src = "machine: tcp\ntransitions:\n  - { from: ESTABLISHED, event: CLOSE, action: snd FIN, to: TIME-WAIT }\n";
//! let diagnostics = netfig::tcp::check_source(src);
//! assert_eq!(diagnostics[0].code, "E-TCP-004");
//! ```

mod blame;
pub mod check;
pub mod condition;
use crate::diagnostic::codes::tcp as codes;
pub mod definition;
pub mod exchange;
mod export;
mod flow;
pub mod lower;
pub mod model;
pub mod names;
pub mod reference;
pub mod syntax;
pub mod table;
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
    crate::diagnostic::sort(&mut diagnostics);
    (machine, diagnostics)
}

/// Parses and checks one definition; all diagnostics in source order.
pub fn check_source(source: &str) -> Vec<Diagnostic> {
    let (def, mut diagnostics) = parse(source);
    if let Some(def) = def {
        diagnostics.extend(check(&def));
    }
    crate::diagnostic::sort(&mut diagnostics);
    diagnostics
}
