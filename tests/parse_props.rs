//! Property tests: `parse` + `lower` never panic, and every diagnostic span lies inside the
//! source on char boundaries — for arbitrary strings and for soups of grammar tokens.

use netfig::diagram::parse_flowchart;
use netfig::model::Endpoint;
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "flowchart",
    "graph",
    "FlowChart",
    "TD",
    "LR",
    "XY",
    "subgraph",
    "end",
    "End",
    "direction",
    "classDef",
    "class",
    "style",
    "linkStyle",
    "click",
    "accTitle:",
    "accDescr",
    "{",
    "}",
    "default",
    "A",
    "B",
    "c1",
    "e1",
    "e1@",
    "@{",
    "shape:",
    "label:",
    "icon:",
    "rect",
    "cyl",
    ",",
    ":",
    "\"",
    "\"`",
    "`\"",
    "`",
    "**",
    "_",
    "[",
    "]",
    "(",
    ")",
    "((",
    "))",
    "[[",
    "]]",
    "[(",
    ")]",
    "{{",
    "}}",
    "[/",
    "/]",
    "[\\",
    "\\]",
    ">",
    "<",
    "-->",
    "---",
    "-.->",
    "-.-",
    "==>",
    "===",
    "~~~",
    "--o",
    "--x",
    "<-->",
    "o--o",
    "x--x",
    "<-.->",
    "<==>",
    "---->",
    "-...->",
    "====>",
    "--",
    "-.",
    "==",
    ".->",
    "|",
    "&",
    ":::",
    ";",
    "%%",
    "%%{init: {'theme': 'dark'}}%%",
    "---",
    "\n",
    "\n",
    " ",
    " ",
    "\t",
    "\r\n",
    "#quot;",
    "#9829;",
    "#x2764;",
    "&amp;",
    "<br>",
    "<br/>",
    "<b>",
    "</b>",
    "<span>",
    "fa:fa-car",
    "应用层",
    "（",
    "）",
    "❤",
    "é",
    "fill:#f9f",
    "stroke:#333",
    "0",
    "1",
    "99",
    "href",
    "\"https://x\"",
    "_blank",
    "callback",
    "title: x",
    "config:",
    "  theme: dark",
];

fn check(src: &str) {
    let (g, diags) = parse_flowchart(src);
    // The IR is consistent: indices in range, cluster parents form a forest.
    let nc = g.clusters.len();
    for n in &g.nodes {
        assert!(n.parent.is_none_or(|c| (c.0 as usize) < nc));
    }
    for e in &g.edges {
        for end in [e.from, e.to] {
            match end {
                Endpoint::Node(n) => assert!((n.0 as usize) < g.nodes.len()),
                Endpoint::Cluster(c) => assert!((c.0 as usize) < nc),
            }
        }
        assert!(e.min_len >= 1);
    }
    for start in 0..nc {
        let mut cur = g.clusters[start].parent;
        let mut steps = 0;
        while let Some(c) = cur {
            steps += 1;
            assert!(steps <= nc, "cluster parent cycle");
            cur = g.clusters[c.0 as usize].parent;
        }
    }
    for d in &diags {
        assert!(d.span.start <= d.span.end, "{d:?}");
        assert!(d.span.end <= src.len(), "{d:?} beyond {}", src.len());
        assert!(
            src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end),
            "{d:?}"
        );
        assert!(!d.message.is_empty());
    }
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
        check(&format!("flowchart TD\n{s}"));
    }

    #[test]
    fn token_soups_never_panic(toks in proptest::collection::vec(proptest::sample::select(TOKENS), 0..60)) {
        let body: String = toks.concat();
        check(&body);
        check(&format!("flowchart LR\n{body}"));
        check(&format!("---\n{body}\n---\ngraph TD\n{body}"));
    }

    #[test]
    fn spaced_token_soups_never_panic(toks in proptest::collection::vec(proptest::sample::select(TOKENS), 0..40)) {
        check(&format!("flowchart TB\n{}", toks.join(" ")));
    }

    #[test]
    fn random_subgraph_programs_keep_the_ir_consistent(
        lines in proptest::collection::vec((0u8..6, 0u8..4, 0u8..4), 0..40)
    ) {
        let body: Vec<String> = lines
            .iter()
            .map(|&(k, i, j)| match k {
                0 => format!("subgraph S{i}"),
                1 => "end".to_string(),
                2 => format!("S{i} --> S{j}"),
                3 => format!("n{i} --> S{j}"),
                4 => format!("S{i}"),
                _ => format!("n{i} & n{j} --> n{i}"),
            })
            .collect();
        check(&format!("flowchart TD\n{}", body.join("\n")));
    }
}
