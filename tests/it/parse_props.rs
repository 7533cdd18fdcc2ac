//! Property tests: `parse` + `lower` never panic, and every diagnostic span lies inside the
//! source on char boundaries — for arbitrary strings and for soups of grammar tokens.

use netfig::mermaid::flowchart as parse_flowchart;
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
    "@",
    "}@",
    "L_A_B_0",
    "L_A_B_0@{ animation: fast }",
    "shape: choice",
    "shape: lean_right",
    "curve: rounded",
    "%%{\n init: {'config': {'curve': 'rounded'}}\n}%%",
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
    ".-",
    "..->",
    "x.-x",
    "\n-->",
    "-->\n",
    "subgraph \"s\"[\"T\"]",
    "label: |\n",
    "%%{init:{\"theme\":\"base\"}}%%",
    "<img src=\"x\">",
    "odd->",
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
        assert!(n.parent.is_none_or(|c| c.index() < nc));
    }
    for e in &g.edges {
        for end in [e.from, e.to] {
            match end {
                Endpoint::Node(n) => assert!(n.index() < g.nodes.len()),
                Endpoint::Cluster(c) => assert!(c.index() < nc),
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
            cur = g.clusters[c.index()].parent;
        }
    }
    crate::common::assert_spans_in(src, &diags);
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

/// Node ids mermaid accepts, including its punctuation (`a.b`, `x/y`, `n-1`, `1`, keyword
/// substrings); all distinct.
const IDS: &[&str] = &[
    "A",
    "b1",
    "1",
    "n-1",
    "a.b",
    "x/y",
    "p_q",
    "endpoint",
    "subgraphs",
    "styleX",
    "default",
    "v",
    "ÅÄÖ",
    "应用",
    "q?",
    "c#",
    "k:v",
    "m*",
    "x-y-z",
    "a&b",
];
/// Node shapes, `{}` standing for the text.
const SHAPES: &[&str] = &[
    "",
    "[{}]",
    "({})",
    "(({}))",
    "((({})))",
    "{{}}",
    "{{{}}}",
    ">{}]",
    "[/{}/]",
    "[\\{}\\]",
    "[/{}\\]",
    "[\\{}/]",
    "[({})]",
    "([{}])",
    "[[{}]]",
    "(-{}-)",
    "[\"{}\"]",
    "[|borders:lt|{}]",
    "@{ shape: {} }",
    "@{ label: \"{}\", shape: docs }",
    "@{\n    shape: cyl\n    label: \"{}\"\n  }",
    "[{}]@{ shape: circle }",
    "(\"`**{}**`\")",
    "@{\n    label: |\n      {}\n      second line\n  }",
    "@{ label: \"{}\n      on two lines\" }",
];
const TEXTS: &[&str] = &[
    "text",
    "two words",
    "a-b",
    "ÅÄÖ",
    "x / y",
    "#quot;q#quot;",
    "a<br>b",
    "two\n      lines",
    "x<hr>y",
];
/// Arrows with room for a label: `(before, after)` of `-- label -->` forms, or a bare arrow
/// that takes `|label|`.
const ARROWS: &[(&str, &str)] = &[
    ("-->", ""),
    ("---", ""),
    ("-.->", ""),
    ("-.-", ""),
    ("==>", ""),
    ("===", ""),
    ("~~~", ""),
    ("--o", ""),
    ("--x", ""),
    ("<-->", ""),
    ("x--x", ""),
    ("o--o", ""),
    ("<-.->", ""),
    ("<==>", ""),
    ("---->", ""),
    ("-...->", ""),
    ("<---", ""),
    (".->", ""),
    (".-", ""),
    ("..->", ""),
    ("e@-->", ""),
    ("-- ", " -->"),
    ("-- ", " ---"),
    ("== ", " ==>"),
    ("-. ", " .->"),
    ("<-- ", " -->"),
    ("x-- ", " --x"),
    ("o== ", " ==o"),
    ("<-. ", " .->"),
    ("-- ", " ---->"),
];
const LABELS: &[&str] = &["lbl", "two words", "ÅÄÖ", "\"quoted (x)\"", "\"`**md**`\""];

/// One generated statement: `(kind, a, b, c, d)` picks, rendered by [`render_program`].
type Pick = (u8, usize, usize, usize, usize);

/// Renders picks as a well-formed program; returns it with the node and edge counts mermaid
/// would build.
fn render_program(picks: &[Pick], semicolons: bool) -> (String, usize, usize) {
    let mut out = String::from("flowchart LR\n");
    let mut seen = std::collections::BTreeSet::new();
    let mut edges = 0;
    let mut depth = 0;
    let mut subgraphs = 0;
    let mut edge_ids = 0;
    let sep = if semicolons { ";" } else { "\n" };
    for &(kind, a, b, c, d) in picks {
        let mut node = |i: usize, s: usize, t: usize| {
            let id = IDS[i % IDS.len()];
            seen.insert(id);
            let shape = SHAPES[s % SHAPES.len()];
            let text = match shape {
                "@{ shape: {} }" => "rounded",
                _ => TEXTS[t % TEXTS.len()],
            };
            let class = if t.is_multiple_of(3) { ":::hot" } else { "" };
            format!("{id}{}{class}", shape.replace("{}", text))
        };
        match kind % 6 {
            0 | 1 => {
                // `g1 link g2 [link g3]` with `&` groups.
                let groups: Vec<Vec<String>> = (0..2 + (c % 2))
                    .map(|g| {
                        (0..1 + (d >> g) % 2)
                            .map(|k| node(a + 3 * g + k, b + g + k, c + k))
                            .collect()
                    })
                    .collect();
                let mut line = groups[0].join(" & ");
                for (g, pair) in groups.windows(2).enumerate() {
                    edges += pair[0].len() * pair[1].len();
                    let (before, after) = ARROWS[(b + 5 * g) % ARROWS.len()];
                    let label = LABELS[(c + g) % LABELS.len()];
                    let before = match before.strip_prefix("e@") {
                        Some(arrow) => {
                            edge_ids += 1;
                            format!("e{edge_ids}@{arrow}")
                        }
                        None => before.to_string(),
                    };
                    let link = if !after.is_empty() {
                        format!(" {before}{label}{after} ")
                    } else if (a + g) % 2 == 0 {
                        format!(" {before}|{label}| ")
                    } else {
                        format!(" {before} ")
                    };
                    // mermaid's arrows take a line break on either side as whitespace (an
                    // `id@` prefix has no leading whitespace in its token).
                    let link = match (semicolons, (d >> 3) % 3) {
                        (false, 1) if !before.contains('@') => {
                            format!("\n    {}", link.trim_start())
                        }
                        (false, 2) if !link.trim_end().ends_with('|') => {
                            format!("{}\n    ", link.trim_end())
                        }
                        _ => link,
                    };
                    line.push_str(&link);
                    line.push_str(&pair[1].join(" & "));
                }
                out.push_str(&line);
            }
            2 if depth < 2 => {
                depth += 1;
                subgraphs += 1;
                let forms = [
                    format!("subgraph sg{subgraphs}"),
                    format!("subgraph sg{subgraphs}[Title {a}]"),
                    format!("subgraph sg{subgraphs} [\"Title (x)\"]"),
                    format!("subgraph \"sg{subgraphs}\""),
                    format!("subgraph \"sg{subgraphs}\"[\"Title {a}\"]"),
                ];
                out.push_str(&forms[b % forms.len()]);
                if c.is_multiple_of(2) {
                    out.push_str(sep);
                    out.push_str(&format!("direction {}", ["TB", "LR", "BT", "RL"][d % 4]));
                }
            }
            3 if depth > 0 => {
                depth -= 1;
                out.push_str("end");
            }
            4 => {
                let id = IDS[a % IDS.len()];
                if id.contains('&') || !seen.contains(id) {
                    out.push_str("classDef hot fill:#f96,stroke:#333,stroke-width:4px");
                } else {
                    let stmts = [
                        format!("style {id} fill:#f9f,stroke:#333"),
                        format!("class {id} hot"),
                        format!("click {id} \"https://example.com\" \"tip\" _blank"),
                        "linkStyle default interpolate basis stroke:red".to_string(),
                    ];
                    out.push_str(&stmts[b % stmts.len()]);
                }
            }
            _ => {
                out.push_str(&node(a, b, c));
            }
        }
        if !semicolons && d.is_multiple_of(4) {
            out.push_str("   %% comment");
        }
        out.push_str(sep);
    }
    for _ in 0..depth {
        out.push_str("end");
        out.push_str(sep);
    }
    out.push_str("classDef hot fill:red");
    (out, seen.len(), edges)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_mermaid_programs_parse_and_round_trip_counts(
        picks in proptest::collection::vec((0u8..6, 0usize..64, 0usize..64, 0usize..64, 0usize..64), 0..25),
        semicolons in any::<bool>(),
    ) {
        let (src, nodes, edges) = render_program(&picks, semicolons);
        check(&src);
        let (g, diags) = parse_flowchart(&src);
        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
        prop_assert!(errors.is_empty(), "{src}\n{errors:#?}");
        prop_assert_eq!(g.nodes.len(), nodes, "{}", src);
        prop_assert_eq!(g.edges.len(), edges, "{}", src);
    }

    #[test]
    fn mutated_mermaid_programs_never_panic(
        picks in proptest::collection::vec((0u8..6, 0usize..64, 0usize..64, 0usize..64, 0usize..64), 0..15),
        cut in 0usize..2000,
        insert in proptest::sample::select(TOKENS),
    ) {
        let (src, _, _) = render_program(&picks, cut % 2 == 0);
        let mut at = cut.min(src.len());
        while !src.is_char_boundary(at) {
            at -= 1;
        }
        check(&src[..at]);
        check(&format!("{}{insert}{}", &src[..at], &src[at..]));
    }
}
