//! Every diagnostic code the TCP checker emits, with its meaning. Codes are stable: users' CI
//! and the fixtures rely on them.

use crate::diagnostic::Severity;

/// A state name that is not an RFC 9293 state nor an accepted alias.
pub const UNKNOWN_STATE: &str = "E-TCP-001";
/// An event that is not one of Figure 5's (or an accepted spelling).
pub const UNKNOWN_EVENT: &str = "E-TCP-002";
/// An action that is not one of Figure 5's (or an accepted spelling).
pub const UNKNOWN_ACTION: &str = "E-TCP-003";
/// A transition RFC 9293 does not have.
pub const NOT_IN_REFERENCE: &str = "E-TCP-004";
/// A legal transition with the wrong actions.
pub const WRONG_ACTION: &str = "E-TCP-005";
/// The same transition listed twice (after alias normalisation); every listing is reported.
pub const DUPLICATE_TRANSITION: &str = "E-TCP-006";
/// A transition the scope requires is missing (at `scope:`; also at a legal claim one value
/// away from it, with the same actions, that most likely stands for it).
pub const MISSING_TRANSITION: &str = "E-TCP-007";
/// A state that cannot be reached from CLOSED (only under `figure`/`full`).
pub const UNREACHABLE_STATE: &str = "E-TCP-008";
/// A name that contradicts the built-in glossary.
pub const GLOSSARY_CONTRADICTION: &str = "W-TCP-009";
/// The file is not valid YAML.
pub const YAML_SYNTAX: &str = "E-TCP-010";
/// A key netfig does not know.
pub const UNKNOWN_KEY: &str = "E-TCP-011";
/// A value split at a comma inside `{ … }`/`[ … ]`, leaving a stray TCP flag.
pub const SPLIT_AT_COMMA: &str = "E-TCP-012";
/// A required key is missing.
pub const MISSING_KEY: &str = "E-TCP-013";
/// A value of the wrong shape, or not one of the allowed values.
pub const INVALID_VALUE: &str = "E-TCP-014";
/// The same key twice in one mapping.
pub const DUPLICATE_KEY: &str = "E-TCP-015";

/// One row of the codes table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code, e.g. `E-TCP-001`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// What it means.
    pub description: &'static str,
}

const fn row(code: &'static str, severity: Severity, description: &'static str) -> CodeInfo {
    CodeInfo {
        code,
        severity,
        description,
    }
}

/// The codes table.
pub static CODES: [CodeInfo; 15] = [
    row(
        UNKNOWN_STATE,
        Severity::Error,
        "unknown state (not an RFC 9293 state or alias)",
    ),
    row(UNKNOWN_EVENT, Severity::Error, "unknown event"),
    row(UNKNOWN_ACTION, Severity::Error, "unknown action"),
    row(
        NOT_IN_REFERENCE,
        Severity::Error,
        "transition not in RFC 9293; hints give the legal outcomes and paths",
    ),
    row(
        WRONG_ACTION,
        Severity::Error,
        "legal transition, wrong actions",
    ),
    row(
        DUPLICATE_TRANSITION,
        Severity::Error,
        "the same transition (from, event, to) listed twice, aliases seen through; every listing is reported",
    ),
    row(
        MISSING_TRANSITION,
        Severity::Error,
        "a transition required by `scope: figure`/`full` is missing (reported at `scope:`, and at a legal claim one value away that likely stands for it)",
    ),
    row(
        UNREACHABLE_STATE,
        Severity::Error,
        "state unreachable from CLOSED (`scope: figure`/`full` only)",
    ),
    row(
        GLOSSARY_CONTRADICTION,
        Severity::Warning,
        "a name that is the built-in name of something else",
    ),
    row(YAML_SYNTAX, Severity::Error, "invalid YAML"),
    row(
        UNKNOWN_KEY,
        Severity::Error,
        "unknown key (with a did-you-mean hint)",
    ),
    row(
        SPLIT_AT_COMMA,
        Severity::Error,
        "a value like `rcv SYN,ACK` (or `create TCB, snd SYN`) split at the comma inside `{ … }`",
    ),
    row(MISSING_KEY, Severity::Error, "a required key is missing"),
    row(
        INVALID_VALUE,
        Severity::Error,
        "a value of the wrong shape or not an allowed value",
    ),
    row(
        DUPLICATE_KEY,
        Severity::Error,
        "the same key twice in one mapping",
    ),
];

/// The table row for `code`.
pub fn info(code: &str) -> Option<&'static CodeInfo> {
    CODES.iter().find(|c| c.code == code)
}
