//! TCP state machines: the YAML definition format, the built-in RFC 9293 reference, and the
//! checker behind `netfig check`.
//!
//! ```
//! let src = "machine: tcp\ntransitions:\n  - { from: ESTABLISHED, event: CLOSE, action: snd FIN, to: TIME-WAIT }\n";
//! let diagnostics = netfig::tcp::check_source(src);
//! assert_eq!(diagnostics[0].code, "E-TCP-004");
//! ```

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
