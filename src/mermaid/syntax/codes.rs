//! Every diagnostic code the flowchart parser and lowering emit, in one table.
//!
//! Codes are stable: users' CI and the fixture tests match on them. Never renumber; retire a
//! code by leaving its row in place.

/// `(code, one-line description)` for every code, errors first.
pub const CODES: &[(&str, &str)] = &[
    (
        NOT_FLOWCHART,
        "not a flowchart: missing or other diagram header",
    ),
    (UNKNOWN_DIRECTION, "unknown direction keyword"),
    (UNCLOSED_NODE, "node label bracket not closed on its line"),
    (UNCLOSED_STRING, "string or markdown string not closed"),
    (UNEXPECTED, "unexpected text in a statement"),
    (MISSING_NODE, "a node was expected (after an arrow or `&`)"),
    (BAD_ARROW, "malformed arrow or `|label|`"),
    (
        UNCLOSED_EDGE_LABEL,
        "edge label opened with `--`, `-.` or `==` not closed",
    ),
    (UNKNOWN_SHAPE, "unknown `shape:` name"),
    (BAD_ATTRS, "malformed `@{ … }` attribute block"),
    (STRAY_END, "`end` without an open subgraph"),
    (UNCLOSED_SUBGRAPH, "subgraph without its `end`"),
    (BAD_SUBGRAPH, "malformed subgraph header"),
    (
        BAD_STATEMENT,
        "malformed classDef/class/style/linkStyle/click/acc statement",
    ),
    (BAD_FRONT_MATTER, "front matter is not valid YAML"),
    (BAD_DIRECTIVE, "`%%{init}%%` directive is not valid"),
    (
        UNCLOSED_FRONT_MATTER,
        "front matter opened with `---` but never closed",
    ),
    (LINK_INDEX_RANGE, "linkStyle index out of range"),
    (
        UNKNOWN_CLICK_TARGET,
        "retired: click on an unknown node is now W-MMD-016",
    ),
    (DUPLICATE_SUBGRAPH, "two subgraphs with the same id"),
    (UNKNOWN_CURVE, "unknown curve name"),
    (
        DUPLICATE_EDGE_ID,
        "retired: a reused edge id is now W-MMD-017",
    ),
    (UNCLOSED_ACC_DESCR, "`accDescr {` block not closed"),
    (BAD_ATTR_VALUE, "invalid attribute value"),
    (
        NEEDS_QUOTES,
        "bracket or quote in unquoted text (mermaid needs the text quoted)",
    ),
    (SUBGRAPH_TOO_DEEP, "subgraphs nested more than 64 deep"),
    (
        TOO_MANY_LINK_EDGES,
        "an `&` link makes more edges than netfig draws from one link",
    ),
    (ELK, "`flowchart-elk`: netfig uses its own layered layout"),
    (
        ICON_IMAGE,
        "icons/images are not rendered (no external resources)",
    ),
    (
        FA_ICON,
        "`fa:` icon token removed (icon fonts unavailable offline)",
    ),
    (HTML_TAG, "unsupported HTML tag removed from a label"),
    (CALLBACK, "click callback ignored (needs JavaScript)"),
    (CONFIG_IGNORED, "configuration key ignored"),
    (UNSAFE_STYLE, "unsafe style declaration dropped"),
    (
        IMPLICIT_NODE,
        "style/class created a node that no statement defines",
    ),
    (
        UNDEFINED_CLASS,
        "class used but never defined with classDef",
    ),
    (UNKNOWN_ATTR, "unknown `@{ … }` attribute key ignored"),
    (
        TOP_DIRECTION,
        "`direction` outside a subgraph sets the graph direction",
    ),
    (UNKNOWN_ENTITY, "unknown entity code kept literally"),
    (
        EMPTY_PROPERTY,
        "style property without `name:value` ignored",
    ),
    (UNSAFE_LINK, "`click` link with a script URL dropped"),
    (
        MERMAID_REJECTS,
        "netfig renders it, but mermaid.js would reject the diagram",
    ),
    (
        UNKNOWN_CLICK_NODE,
        "`click` on an id that is not a node is ignored",
    ),
    (
        REUSED_EDGE_ID,
        "edge id already used: the later edge gets none",
    ),
];

macro_rules! codes {
    ($($name:ident = $code:literal;)*) => {
        $( #[doc = concat!("`", $code, "`; see [`CODES`].")] pub const $name: &str = $code; )*
    };
}

codes! {
    NOT_FLOWCHART = "E-MMD-001";
    UNKNOWN_DIRECTION = "E-MMD-002";
    UNCLOSED_NODE = "E-MMD-003";
    UNCLOSED_STRING = "E-MMD-004";
    UNEXPECTED = "E-MMD-005";
    MISSING_NODE = "E-MMD-006";
    BAD_ARROW = "E-MMD-007";
    UNCLOSED_EDGE_LABEL = "E-MMD-008";
    UNKNOWN_SHAPE = "E-MMD-009";
    BAD_ATTRS = "E-MMD-010";
    STRAY_END = "E-MMD-011";
    UNCLOSED_SUBGRAPH = "E-MMD-012";
    BAD_SUBGRAPH = "E-MMD-013";
    BAD_STATEMENT = "E-MMD-014";
    BAD_FRONT_MATTER = "E-MMD-015";
    BAD_DIRECTIVE = "E-MMD-016";
    UNCLOSED_FRONT_MATTER = "E-MMD-017";
    LINK_INDEX_RANGE = "E-MMD-018";
    UNKNOWN_CLICK_TARGET = "E-MMD-019";
    DUPLICATE_SUBGRAPH = "E-MMD-020";
    UNKNOWN_CURVE = "E-MMD-021";
    DUPLICATE_EDGE_ID = "E-MMD-022";
    UNCLOSED_ACC_DESCR = "E-MMD-023";
    BAD_ATTR_VALUE = "E-MMD-024";
    NEEDS_QUOTES = "E-MMD-025";
    SUBGRAPH_TOO_DEEP = "E-MMD-026";
    TOO_MANY_LINK_EDGES = "E-MMD-027";
    ELK = "W-MMD-001";
    ICON_IMAGE = "W-MMD-002";
    FA_ICON = "W-MMD-003";
    HTML_TAG = "W-MMD-004";
    CALLBACK = "W-MMD-005";
    CONFIG_IGNORED = "W-MMD-006";
    UNSAFE_STYLE = "W-MMD-007";
    IMPLICIT_NODE = "W-MMD-008";
    UNDEFINED_CLASS = "W-MMD-009";
    UNKNOWN_ATTR = "W-MMD-010";
    TOP_DIRECTION = "W-MMD-011";
    UNKNOWN_ENTITY = "W-MMD-012";
    EMPTY_PROPERTY = "W-MMD-013";
    UNSAFE_LINK = "W-MMD-014";
    MERMAID_REJECTS = "W-MMD-015";
    UNKNOWN_CLICK_NODE = "W-MMD-016";
    REUSED_EDGE_ID = "W-MMD-017";
}

/// Levenshtein distance, for did-you-mean hints (inputs are short keywords).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest candidate within distance 2 (or a third of the word), case-insensitive.
pub(crate) fn did_you_mean<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    if word.chars().count() > 40 {
        return None;
    }
    let w = word.to_ascii_lowercase();
    let limit = (w.chars().count() / 3).clamp(1, 2);
    candidates
        .iter()
        .map(|c| (edit_distance(&w, &c.to_ascii_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for (code, desc) in CODES {
            assert!(seen.insert(*code), "duplicate {code}");
            assert!(code.starts_with("E-MMD-") || code.starts_with("W-MMD-"));
            assert!(!desc.is_empty());
        }
    }

    #[test]
    fn did_you_mean_finds_near_misses() {
        assert_eq!(
            did_you_mean("subgrap", &["subgraph", "end"]),
            Some("subgraph")
        );
        assert_eq!(did_you_mean("zzz", &["subgraph"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
