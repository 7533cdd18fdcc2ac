//! Property tests of the sequence front end: it never panics, every diagnostic span lies in
//! the source on char boundaries, and the model it builds is consistent (indices in range,
//! blocks nested and closed, activations inside the timeline) — for arbitrary strings, soups
//! of grammar tokens and mutations of the corpus examples. Large adversarial inputs (the
//! shapes that were quadratic in shared code) are parsed whole; their speed is measured in
//! `benches/sequence.rs`.

use netfig::model::sequence::{Event, NotePlacement, Sequence};
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "sequenceDiagram",
    "sequencediagram",
    "participant",
    "actor",
    "create",
    "destroy",
    "box",
    "Aqua",
    "rgb(1, 2, 3)",
    "end",
    "loop",
    "alt",
    "else",
    "opt",
    "par",
    "par_over",
    "and",
    "critical",
    "option",
    "break",
    "rect",
    "Note",
    "note",
    "left of",
    "right of",
    "over",
    "activate",
    "deactivate",
    "autonumber",
    "off",
    "10",
    "1.5",
    ".01",
    "link",
    "links",
    "properties",
    "details",
    "title",
    "title:",
    "accTitle:",
    "accDescr:",
    "accDescr {",
    "}",
    "as",
    "@{",
    "\"type\": \"database\"",
    "\"alias\": \"x\"",
    "A",
    "B",
    "Alice Smith",
    "my-service",
    "应用层",
    "->",
    "-->",
    "->>",
    "-->>",
    "<<->>",
    "<<-->>",
    "-x",
    "--x",
    "-)",
    "--)",
    "-|\\",
    "--//",
    "/|-",
    "\\\\--",
    "()",
    "+",
    "-",
    ":",
    ",",
    ";",
    "#",
    "#9829;",
    "#35;",
    "%%",
    "%%{",
    "}%%",
    "%%{init: {'theme': 'dark'}}%%",
    "%%{wrap}%%",
    "---",
    "wrap:",
    "nowrap:",
    "<br>",
    "<br/>",
    "<b>",
    "@",
    "https://x/",
    "{\"a\": \"https://x/\"}",
    "\n",
    "\n",
    "\n",
    " ",
    " ",
    "\t",
    "\r\n",
];

/// Parses `src` and checks what every result must satisfy.
fn check(src: &str) {
    let (diags, seq) = match netfig::mermaid::sequence(src) {
        Ok((seq, warnings)) => (warnings, Some(seq)),
        Err(all) => (all, None),
    };
    crate::common::assert_spans_in(src, &diags);
    if let Some(s) = seq {
        consistent(&s);
    }
}

/// Every index in range; blocks open before they close, nest inside their parent and own the
/// markers that name them; activations lie in the timeline.
fn consistent(s: &Sequence) {
    let np = s.participants.len();
    let ne = s.events.len();
    let in_range = |p: netfig::model::sequence::ParticipantId| assert!(p.index() < np);
    for e in &s.events {
        match e {
            Event::Message(m) => {
                in_range(m.from);
                in_range(m.to);
            }
            Event::Note(n) => match n.placement {
                NotePlacement::LeftOf(p) | NotePlacement::RightOf(p) => in_range(p),
                NotePlacement::Over { first, last } => {
                    in_range(first);
                    last.into_iter().for_each(in_range);
                }
            },
            Event::BlockStart(b) | Event::BlockEnd(b) | Event::Section { block: b, .. } => {
                assert!(b.index() < s.blocks.len())
            }
            _ => {}
        }
    }
    for (i, b) in s.blocks.iter().enumerate() {
        assert!(b.start < b.end && b.end < ne, "{b:?}");
        assert_eq!(
            s.events[b.start],
            Event::BlockStart(netfig::model::sequence::BlockId::new(i))
        );
        assert_eq!(
            s.events[b.end],
            Event::BlockEnd(netfig::model::sequence::BlockId::new(i))
        );
        assert!(!b.sections.is_empty());
        assert_eq!(b.sections[0].start, b.start);
        assert!(b.sections.windows(2).all(|w| w[0].start < w[1].start));
        if let Some(p) = b.parent {
            let parent = &s.blocks[p.index()];
            assert!(p.index() < i && parent.start < b.start && b.end < parent.end);
            assert_eq!(b.depth, parent.depth + 1);
        } else {
            assert_eq!(b.depth, 0);
        }
    }
    for a in &s.activations {
        in_range(a.participant);
        assert!(a.start < ne);
        assert!(a.end.is_none_or(|e| a.start <= e && e < ne), "{a:?}");
    }
    assert!(s.activations.windows(2).all(|w| w[0].start <= w[1].start));
    for p in &s.participants {
        assert!(p.created.is_none_or(|e| e < ne));
        assert!(p.destroyed.is_none_or(|e| e < ne));
        assert!(p.group.is_none_or(|g| g < s.boxes.len()));
    }
}

/// The corpus examples mermaid renders, read in place (empty if the corpus is absent).
fn corpus() -> Vec<String> {
    let root = crate::common::root().join("../shared/corpus");
    let mut out = Vec::new();
    for dir in ["mermaid-sequence/docs", "realworld/sequence"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for p in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "mmd"))
        {
            out.extend(std::fs::read_to_string(p).ok());
        }
    }
    out
}

proptest! {
    // 2,000 cases per property by default; `PROPTEST_CASES=100000` for a long run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC*") {
        check(&s);
        check(&format!("sequenceDiagram\n{s}"));
    }

    #[test]
    fn token_soups_never_panic(toks in proptest::collection::vec(proptest::sample::select(TOKENS), 0..60)) {
        let body: String = toks.concat();
        check(&body);
        check(&format!("sequenceDiagram\n{body}"));
        check(&format!("---\n{body}\n---\nsequenceDiagram\n{body}"));
    }

    #[test]
    fn spaced_token_soups_never_panic(toks in proptest::collection::vec(proptest::sample::select(TOKENS), 0..40)) {
        check(&format!("sequenceDiagram\n{}", toks.join(" ")));
    }

    #[test]
    fn mutated_corpus_examples_never_panic(
        pick in 0usize..1000,
        edits in proptest::collection::vec((0usize..100_000, 0usize..8, proptest::sample::select(TOKENS)), 1..6)
    ) {
        let corpus = corpus();
        prop_assume!(!corpus.is_empty());
        let mut src = corpus[pick % corpus.len()].clone();
        for (at, del, tok) in edits {
            let mut at = at % (src.len() + 1);
            while !src.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + del).min(src.len());
            while !src.is_char_boundary(end) {
                end += 1;
            }
            src.replace_range(at..end, tok);
        }
        check(&src);
    }

    #[test]
    fn random_block_programs_keep_the_model_consistent(
        lines in proptest::collection::vec((0u8..10, 0u8..4, 0u8..4), 0..60)
    ) {
        let body: Vec<String> = lines
            .iter()
            .map(|&(k, i, j)| match k {
                0 => ["loop l", "alt a", "par p", "critical c", "rect rgb(1,2,3)"][i as usize % 5].to_string(),
                1 => "end".to_string(),
                2 => ["else e", "and a", "option o"][j as usize % 3].to_string(),
                3 => format!("P{i}->>+P{j}: go"),
                4 => format!("P{i}-->>-P{j}: back"),
                5 => format!("activate P{i}"),
                6 => format!("deactivate P{i}"),
                7 => format!("Note over P{i},P{j}: n"),
                8 => format!("create participant C{i}"),
                _ => format!("destroy P{j}"),
            })
            .collect();
        check(&format!("sequenceDiagram\n{}", body.join("\n")));
    }
}

/// Inputs of the shapes that made shared code quadratic (`%%{` never closed on many lines,
/// long lines of `#`, `<`, `&`, entity starts, deep nesting, one long `@{ … }`): each is parsed
/// whole, and the result is checked. A quadratic pass would keep this test running for minutes.
#[test]
fn large_adversarial_inputs_are_read_whole() {
    let n = 20_000;
    let shapes = [
        "%%{\n".repeat(n),
        "%%{init: {\"theme\": \"dark\"}}%%\n".repeat(n),
        format!("sequenceDiagram\n{}", "%%{\n".repeat(n)),
        format!("sequenceDiagram\nA->>B: {}\n", "#".repeat(n * 10)),
        format!("sequenceDiagram\nA->>B: {}\n", "#9829".repeat(n * 2)),
        format!("sequenceDiagram\nA->>B: {}\n", "<b".repeat(n * 5)),
        format!("sequenceDiagram\nA->>B: {}\n", "&#".repeat(n * 5)),
        format!("sequenceDiagram\nA->>B: {}\n", "<br".repeat(n * 5)),
        format!("sequenceDiagram\n{}", "loop x\n".repeat(n)),
        format!("sequenceDiagram\n{}", "A->>+B: x\n".repeat(n)),
        format!(
            "sequenceDiagram\n{}{}",
            "alt a\n".repeat(n / 2),
            "else e\nA->>B: x\n".repeat(n)
        ),
        format!(
            "sequenceDiagram\nparticipant A@{{ {} }}\n",
            (0..n / 10)
                .map(|i| format!("\"k{i}\": \"v\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!(
            "sequenceDiagram\nparticipant A\nlinks A: {{{}}}\n",
            (0..n / 10)
                .map(|i| format!("\"L{i}\": \"https://x/{i}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!("sequenceDiagram\n{}", "participant A as x<br>y\n".repeat(n)),
        format!("sequenceDiagram\nA{}B: x\n", " -".repeat(n)),
        format!("sequenceDiagram\n{}", "A - B: x\n".repeat(n)),
        format!("---\n{}---\nsequenceDiagram\n", "a: 1\n".repeat(n)),
    ];
    for src in &shapes {
        check(src);
    }
}
