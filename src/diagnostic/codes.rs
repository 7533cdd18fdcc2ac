//! Every diagnostic code netfig emits, declared once: its family, severity and one-line
//! summary. Code that emits a diagnostic names the constant (`codes::mmd::BAD_ARROW`), never
//! the string; a test scans `src/` for code literals outside this file.
//!
//! Codes are stable: users' CI and the fixture tests match on them. Never renumber; retire a
//! code by leaving its row in place (its summary says `retired: …`).

use super::Severity;

/// One row of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CodeInfo {
    /// The code, e.g. `E-TCP-001`.
    pub code: &'static str,
    /// The severity it is emitted with (`netfig render --check warn` may lower an error).
    pub severity: Severity,
    /// What it means, in one line.
    pub summary: &'static str,
}

/// Declares each family's constants (a module per family) and [`CODES`], every row in order.
macro_rules! registry {
    ($( #[doc = $fdoc:literal] $family:ident {
        $( $name:ident = $code:literal, $severity:ident, $summary:literal; )*
    } )*) => {
        $(
            #[doc = $fdoc]
            pub mod $family {
                $(
                    #[doc = concat!("`", $code, "`: ", $summary, ".")]
                    pub const $name: &str = $code;
                )*
            }
        )*
        /// Every code, family by family (errors before warnings within a family).
        pub static CODES: &[CodeInfo] = &[
            $( $( CodeInfo { code: $family::$name, severity: Severity::$severity, summary: $summary }, )* )*
        ];
    };
}

registry! {
    /// Mermaid flowcharts: the parser and lowering (`E-MMD-…`, `W-MMD-…`).
    mmd {
        NOT_FLOWCHART = "E-MMD-001", Error, "not a flowchart: missing or other diagram header";
        UNKNOWN_DIRECTION = "E-MMD-002", Error, "unknown direction keyword";
        UNCLOSED_NODE = "E-MMD-003", Error, "node label bracket not closed on its line";
        UNCLOSED_STRING = "E-MMD-004", Error, "string or markdown string not closed";
        UNEXPECTED = "E-MMD-005", Error, "unexpected text in a statement";
        MISSING_NODE = "E-MMD-006", Error, "a node was expected (after an arrow or `&`)";
        BAD_ARROW = "E-MMD-007", Error, "malformed arrow or `|label|`";
        UNCLOSED_EDGE_LABEL = "E-MMD-008", Error, "edge label opened with `--`, `-.` or `==` not closed";
        UNKNOWN_SHAPE = "E-MMD-009", Error, "unknown `shape:` name";
        BAD_ATTRS = "E-MMD-010", Error, "malformed `@{ … }` attribute block";
        STRAY_END = "E-MMD-011", Error, "`end` without an open subgraph";
        UNCLOSED_SUBGRAPH = "E-MMD-012", Error, "subgraph without its `end`";
        BAD_SUBGRAPH = "E-MMD-013", Error, "malformed subgraph header";
        BAD_STATEMENT = "E-MMD-014", Error, "malformed classDef/class/style/linkStyle/click/acc statement";
        BAD_FRONT_MATTER = "E-MMD-015", Error, "front matter is not valid YAML";
        BAD_DIRECTIVE = "E-MMD-016", Error, "`%%{init}%%` directive is not valid";
        UNCLOSED_FRONT_MATTER = "E-MMD-017", Error, "front matter opened with `---` but never closed";
        LINK_INDEX_RANGE = "E-MMD-018", Error, "linkStyle index out of range";
        UNKNOWN_CLICK_TARGET = "E-MMD-019", Error, "retired: click on an unknown node is now W-MMD-016";
        DUPLICATE_SUBGRAPH = "E-MMD-020", Error, "two subgraphs with the same id";
        UNKNOWN_CURVE = "E-MMD-021", Error, "unknown curve name";
        DUPLICATE_EDGE_ID = "E-MMD-022", Error, "retired: a reused edge id is now W-MMD-017";
        UNCLOSED_ACC_DESCR = "E-MMD-023", Error, "`accDescr {` block not closed";
        BAD_ATTR_VALUE = "E-MMD-024", Error, "invalid attribute value";
        NEEDS_QUOTES = "E-MMD-025", Error, "bracket or quote in unquoted text (mermaid needs the text quoted)";
        SUBGRAPH_TOO_DEEP = "E-MMD-026", Error, "subgraphs nested more than 64 deep";
        TOO_MANY_LINK_EDGES = "E-MMD-027", Error, "an `&` link makes more edges than netfig draws from one link";
        NOT_LAYER_DIAGRAM = "E-MMD-028", Error, "`view=stack` on a flowchart that is not a layer diagram (two or more subgraphs of layer models)";
        ELK = "W-MMD-001", Warning, "`flowchart-elk`: netfig uses its own layered layout";
        ICON_IMAGE = "W-MMD-002", Warning, "icons/images are not rendered (no external resources)";
        FA_ICON = "W-MMD-003", Warning, "`fa:` icon token removed (icon fonts unavailable offline)";
        HTML_TAG = "W-MMD-004", Warning, "unsupported HTML tag removed from a label";
        CALLBACK = "W-MMD-005", Warning, "click callback ignored (needs JavaScript)";
        CONFIG_IGNORED = "W-MMD-006", Warning, "configuration key ignored";
        UNSAFE_STYLE = "W-MMD-007", Warning, "unsafe style declaration dropped";
        IMPLICIT_NODE = "W-MMD-008", Warning, "style/class created a node that no statement defines";
        UNDEFINED_CLASS = "W-MMD-009", Warning, "class used but never defined with classDef";
        UNKNOWN_ATTR = "W-MMD-010", Warning, "unknown `@{ … }` attribute key ignored";
        TOP_DIRECTION = "W-MMD-011", Warning, "`direction` outside a subgraph sets the graph direction";
        UNKNOWN_ENTITY = "W-MMD-012", Warning, "unknown entity code kept literally";
        EMPTY_PROPERTY = "W-MMD-013", Warning, "style property without `name:value` ignored";
        UNSAFE_LINK = "W-MMD-014", Warning, "`click` link with a script URL dropped";
        MERMAID_REJECTS = "W-MMD-015", Warning, "netfig renders it, but mermaid.js would reject the diagram";
        UNKNOWN_CLICK_NODE = "W-MMD-016", Warning, "`click` on an id that is not a node is ignored";
        REUSED_EDGE_ID = "W-MMD-017", Warning, "edge id already used: the later edge gets none";
        DRAWN_APPROXIMATELY = "W-MMD-018", Warning, "a curve or shape mermaid has is drawn with netfig's nearest one";
    }
    /// Mermaid sequence diagrams: the parser and lowering (`E-SEQ-…`, `W-SEQ-…`); front matter, `%%{init}%%` and label text are shared with flowcharts and keep their `mmd` codes.
    seq {
        NOT_SEQUENCE = "E-SEQ-001", Error, "not a sequence diagram: missing or other diagram header";
        UNEXPECTED = "E-SEQ-002", Error, "unexpected text in a statement";
        BAD_ARROW = "E-SEQ-003", Error, "a message without an arrow, or an arrow mermaid does not know";
        MISSING_PARTICIPANT = "E-SEQ-004", Error, "a participant name was expected";
        MISSING_TEXT = "E-SEQ-005", Error, "`:` and text expected (after a message, note or link)";
        STRAY_END = "E-SEQ-006", Error, "`end` without an open block or box";
        UNCLOSED_BLOCK = "E-SEQ-007", Error, "block or box without its `end`";
        MISPLACED_SECTION = "E-SEQ-008", Error, "`else`, `and` or `option` outside the block it divides";
        NOT_IN_BOX = "E-SEQ-009", Error, "a statement other than a declaration inside a `box`";
        BAD_ATTRS = "E-SEQ-010", Error, "malformed `@{ … }` on a participant, or an unknown type";
        BAD_AUTONUMBER = "E-SEQ-011", Error, "`autonumber` takes a start and a step (whole numbers) or `off`";
        INACTIVE = "E-SEQ-012", Error, "deactivating a participant that is not active";
        CREATE_EXISTING = "E-SEQ-013", Error, "`create` of an id already in use";
        CREATE_WITHOUT_MESSAGE = "E-SEQ-014", Error, "a created participant is not the target of the next message";
        DESTROY_WITHOUT_MESSAGE = "E-SEQ-015", Error, "a destroyed participant is not in the next message";
        TWO_BOXES = "E-SEQ-016", Error, "a participant declared in two boxes";
        BAD_LINKS = "E-SEQ-017", Error, "`link` without `label @ url`, or `links` that is not a JSON object of strings";
        TOO_DEEP = "E-SEQ-018", Error, "blocks or boxes nested more than 64 deep";
        UNKNOWN_STATEMENT = "E-SEQ-019", Error, "a keyword netfig does not know in a sequence diagram";
        HASH_COMMENT = "W-SEQ-001", Warning, "`#` starts a comment in mermaid's lexer: the rest of the line is dropped";
        IGNORED_STATEMENT = "W-SEQ-002", Warning, "statement ignored (`properties`, `details`: they need a browser)";
        UNSAFE_LINK = "W-SEQ-003", Warning, "participant link with a script URL dropped";
        MERMAID_REJECTS = "W-SEQ-004", Warning, "netfig renders it, but mermaid.js would reject the diagram";
        UNKNOWN_ATTR = "W-SEQ-005", Warning, "unknown `@{ … }` key on a participant ignored";
        EMPTY_ACTIVATION = "W-SEQ-006", Warning, "an activation that spans no message is not drawn";
        NOT_A_COLOUR = "W-SEQ-007", Warning, "a `rect` colour that is not a CSS colour is not used";
        NESTED_BOX = "W-SEQ-008", Warning, "a `box` holding boxes is drawn flat: the boxes inside it, not it around them";
    }
    /// Mermaid packet diagrams: the parser, lowering and the check against RFC header formats (`E-PKT-…`, `W-PKT-…`); front matter, `%%{init}%%` and label text are shared with flowcharts and keep their `mmd` codes.
    pkt {
        NOT_PACKET = "E-PKT-001", Error, "not a packet diagram: missing or other diagram header";
        UNEXPECTED = "E-PKT-002", Error, "unexpected text in a statement";
        BAD_RANGE = "E-PKT-003", Error, "a bit range (`0-15`, `7`, `+16`) was expected";
        MISSING_LABEL = "E-PKT-004", Error, "`:` and a quoted label expected after a bit range";
        UNCLOSED_STRING = "E-PKT-005", Error, "label string not closed on its line";
        OVERLAP = "E-PKT-006", Error, "a field overlaps the bits of the field before it";
        GAP = "E-PKT-007", Error, "bits left out between a field and the one before it";
        OUT_OF_ORDER = "E-PKT-008", Error, "a field's end before its start, or a field before the one above it";
        ZERO_WIDTH = "E-PKT-009", Error, "`+0`: a field of no bits";
        TOO_LARGE = "E-PKT-010", Error, "a bit number or row count beyond what netfig draws";
        CHECK_OFFSET = "E-PKT-011", Error, "a field at another offset than in the reference header (shifted, or swapped with another)";
        CHECK_WIDTH = "E-PKT-012", Error, "a field of another width than in the reference header";
        CHECK_NAME = "E-PKT-013", Error, "a field name of no field of the reference header, or of another field";
        CHECK_MISSING = "E-PKT-014", Error, "a field of the reference header is missing";
        CHECK_OLD_LAYOUT = "E-PKT-015", Error, "an older layout: bits drawn as reserved that a later RFC assigned (CWR and ECE: RFC 3168), or one field a later RFC split (IPv4 Type of Service: RFC 2474, RFC 3168)";
        MERMAID_REJECTS = "W-PKT-001", Warning, "netfig renders it, but mermaid.js would reject the diagram";
        UNKNOWN_CHECK = "W-PKT-002", Warning, "`check:` names no reference header";
    }
    /// Layer diagrams: flowcharts whose subgraphs are layer models (OSI, TCP/IP, five-layer), checked against the models and the reference mappings between them (`layers`).
    lyr {
        WRONG_MAPPING = "E-LYR-001", Error, "a mapping edge between two models that no reference mapping holds (OSI Transport → TCP/IP Internet)";
        OUT_OF_ORDER = "E-LYR-002", Error, "a layer declared out of its model's order (top-down or bottom-up, as the rest of the stack)";
        FOREIGN_LAYER = "E-LYR-003", Error, "a layer of another model named inside this one (`Internet Layer` in the OSI stack)";
        MISSING_LAYER = "W-LYR-001", Warning, "a layer of the model is missing from its stack";
        UNMAPPED_LAYER = "W-LYR-002", Warning, "a layer mapped to no layer of a model the others are mapped to";
        UNKNOWN_CHECK = "W-LYR-003", Warning, "a flowchart's `check:` names no check (`layers`, `off`)";
        MISSPELT_LAYER = "W-LYR-004", Warning, "a node in a layer stack whose name is close to, but not, a layer name";
    }
    /// TCP state machine definitions: reading the YAML and checking it against RFC 9293.
    tcp {
        UNKNOWN_STATE = "E-TCP-001", Error, "unknown state (not an RFC 9293 state or alias)";
        UNKNOWN_EVENT = "E-TCP-002", Error, "unknown event";
        UNKNOWN_ACTION = "E-TCP-003", Error, "unknown action";
        NOT_IN_REFERENCE = "E-TCP-004", Error, "transition not in RFC 9293; hints give the legal outcomes and paths";
        WRONG_ACTION = "E-TCP-005", Error, "legal transition, wrong actions";
        DUPLICATE_TRANSITION = "E-TCP-006", Error, "the same transition (from, event, to) listed twice, aliases seen through; every listing is reported";
        MISSING_TRANSITION = "E-TCP-007", Error, "a transition required by `scope: figure`/`full` is missing (reported at `scope:`, and at a legal claim one value away that likely stands for it)";
        UNREACHABLE_STATE = "E-TCP-008", Error, "state unreachable from CLOSED (`scope: figure`/`full` only)";
        GLOSSARY_CONTRADICTION = "W-TCP-009", Warning, "a name that is the built-in name of something else";
        YAML_SYNTAX = "E-TCP-010", Error, "invalid YAML";
        UNKNOWN_KEY = "E-TCP-011", Error, "unknown key (with a did-you-mean hint)";
        SPLIT_AT_COMMA = "E-TCP-012", Error, "a value like `rcv SYN,ACK` (or `create TCB, snd SYN`) split at the comma inside `{ … }`";
        MISSING_KEY = "E-TCP-013", Error, "a required key is missing";
        INVALID_VALUE = "E-TCP-014", Error, "a value of the wrong shape or not an allowed value";
        DUPLICATE_KEY = "E-TCP-015", Error, "the same key twice in one mapping";
        EXCLUDED_BY_FOLLOWS = "E-TCP-017", Error, "a transition whose condition the definition's `follows:` excludes (RFC 793's reset on a SYN under `follows: rfc5961`)";
        DEPRECATED_NAME = "W-TCP-016", Warning, "a deprecated name (`rcv FIN,ACK`): still accepted with its old meaning; the hint names the new one";
    }
    /// TCP exchanges: sequence diagrams with front matter `check: tcp`, both endpoints run through the RFC 9293 reference (`tcp::exchange`).
    tcpx {
        BAD_SEGMENT = "E-TCPX-001", Error, "a message line that starts as a segment is not one in any of the three notations";
        CLAIM = "E-TCPX-002", Error, "a state claimed in a note is not the state the endpoint is in";
        CANNOT_SEND = "E-TCPX-003", Error, "a segment the endpoint cannot send in its state";
        UNHANDLED_ARRIVAL = "E-TCPX-004", Error, "a segment arrives in a state where RFC 9293 has no transition for it";
        WRONG_ACK = "E-TCPX-005", Error, "an `ack` that is not the sender's next expected sequence number (RCV.NXT)";
        WRONG_SEQ = "E-TCPX-006", Error, "a `seq` that does not continue the sender's sequence, or is not what the receiver expects";
        MISSING_REPLY = "E-TCPX-007", Error, "the reference answers an arrival with a segment, and the endpoint's next segment is not that answer";
        SEVERAL_STATES = "W-TCPX-001", Warning, "a note naming two different states is not read as a claim";
    }
    /// The mdBook preprocessor: blocks and `{{#netfig …}}` includes in chapters.
    book {
        UNREADABLE_INCLUDE = "E-BOOK-001", Error, "an included diagram file cannot be read";
        UNKNOWN_INCLUDE_KIND = "E-BOOK-002", Error, "an included file is neither a flowchart (.mmd, .mermaid) nor a state machine (.yaml, .yml)";
        BAD_BLOCK_ATTRIBUTE = "E-BOOK-003", Error, "a block's `lang=` or `view=` attribute has a value netfig does not know";
        OTHER_MERMAID_DIAGRAM = "W-BOOK-001", Warning, "a mermaid diagram of another type is left for the browser";
    }
    /// The state table's Handlebars template (built in, or from a template folder).
    tpl {
        TEMPLATE_ERROR = "E-TPL-001", Error, "the table template cannot be read, compiled or rendered";
        TEMPLATE_INVALID = "E-TPL-002", Error, "the table template could recurse or nests too deep";
    }
    /// Labels in the language asked for (`--lang zh|en`): the glossaries that translate a line written in one language (`glossary`).
    lang {
        BAD_GLOSSARY = "E-LANG-001", Error, "a glossary file (`--glossary`, book.toml `glossary`) is not a YAML list of `zh:`/`en:` entries";
        UNTRANSLATED = "W-LANG-001", Warning, "a label line in one language has terms no glossary translates: it is kept as written";
    }
    /// Reading any source: the bytes are not text.
    input {
        NOT_UTF8 = "E-INPUT-001", Error, "not valid UTF-8";
        NOT_UTF16 = "E-INPUT-002", Error, "not valid UTF-16 (a file that starts with a UTF-16 byte order mark)";
        NUL_BYTE = "E-INPUT-003", Error, "a NUL byte (U+0000), which no diagram source contains";
    }
}

/// The registry row for `code`.
pub fn info(code: &str) -> Option<&'static CodeInfo> {
    CODES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// `E-MMD-001` → (`E`, `MMD`, `001`) when it has that shape.
    fn parts(code: &str) -> Option<(char, &str, &str)> {
        let mut it = code.splitn(3, '-');
        let kind = it.next()?;
        let family = it.next()?;
        let number = it.next()?;
        let well_formed = matches!(kind, "E" | "W")
            && !family.is_empty()
            && family.bytes().all(|b| b.is_ascii_uppercase())
            && number.len() == 3
            && number.bytes().all(|b| b.is_ascii_digit());
        well_formed.then(|| (kind.chars().next().unwrap_or('E'), family, number))
    }

    #[test]
    fn codes_are_unique_well_formed_and_say_their_severity() {
        let mut seen = BTreeSet::new();
        for c in CODES {
            assert!(seen.insert(c.code), "{} is declared twice", c.code);
            let (kind, _, _) = parts(c.code).unwrap_or_else(|| panic!("malformed {}", c.code));
            let expected = if kind == 'E' {
                Severity::Error
            } else {
                Severity::Warning
            };
            assert_eq!(c.severity, expected, "{}", c.code);
            assert!(!c.summary.is_empty() && !c.summary.contains('\n'));
            assert_eq!(info(c.code), Some(c));
        }
        assert_eq!(info("E-MMD-999"), None);
        assert_eq!(
            info(mmd::BAD_ARROW).map(|c| c.severity),
            Some(Severity::Error)
        );
        assert_eq!(
            info(book::OTHER_MERMAID_DIAGRAM).map(|c| c.severity),
            Some(Severity::Warning)
        );
    }

    /// Every `"X-FAMILY-NNN"` literal in `src/` (doc examples and tests included) outside this
    /// file, with the text before it: (file, text before, code).
    fn code_literals() -> Vec<(String, String, String)> {
        fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
            let mut entries: Vec<_> = std::fs::read_dir(dir)
                .expect("src/ is readable")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .collect();
            entries.sort();
            for p in entries {
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|e| e == "rs") {
                    out.push(p);
                }
            }
        }
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        walk(&src, &mut files);
        let this = src.join("diagnostic").join("codes.rs");
        let mut found = Vec::new();
        for file in files.into_iter().filter(|f| *f != this) {
            let text = std::fs::read_to_string(&file).expect("sources are UTF-8");
            for (at, _) in text.match_indices('"') {
                let rest = &text[at + 1..];
                let Some(end) = rest.find('"') else { continue };
                let literal = &rest[..end];
                if literal.len() <= 16 && parts(literal).is_some() {
                    let before = text[..at].trim_end();
                    let before = &before[before.len().saturating_sub(40)..];
                    let name = file
                        .strip_prefix(&src)
                        .unwrap_or(&file)
                        .display()
                        .to_string();
                    found.push((name, before.to_string(), literal.to_string()));
                }
            }
        }
        found
    }

    #[test]
    fn every_code_in_the_sources_is_registered_and_emitted_by_its_constant() {
        let literals = code_literals();
        assert!(
            literals.iter().any(|(_, _, c)| c == "E-TCP-004"),
            "the scan finds the doc example in tcp/mod.rs: {literals:?}"
        );
        for (file, before, code) in &literals {
            assert!(
                info(code).is_some(),
                "{file}: {code} is not in the registry"
            );
            assert!(
                !before.ends_with("Diagnostic::error(")
                    && !before.ends_with("Diagnostic::warning(")
                    && !before.ends_with(": &str ="),
                "{file}: {code} is emitted or declared as a string; use codes::… instead"
            );
        }
    }
}
