//! Unit tests of the YAML tree reader; `serde_oracle` (under `tests/`) is the reader it
//! replaced, kept as the oracle the event reader is compared with.

use super::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

mod serde_oracle;

fn entries(n: &Node) -> &[(Node, Node)] {
    match &n.kind {
        Kind::Map(e) => e,
        other => panic!("not a mapping: {other:?}"),
    }
}

fn items(n: &Node) -> &[Node] {
    match &n.kind {
        Kind::Seq(i) => i,
        other => panic!("not a list: {other:?}"),
    }
}

fn text<'s>(src: &'s str, n: &Node) -> &'s str {
    &src[n.span.start..n.span.end]
}

/// The event reader and the serde-saphyr reader it replaced agree: the same tree and spans, or
/// both an error, and the same error at the same place (when one text has two errors, the two
/// readers may meet a different one first: serde-saphyr buffers complex keys).
fn same_as_oracle(src: &str) {
    let new = parse(src);
    let old = serde_oracle::parse(src);
    match (&new, &old) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "trees differ for {src:?}:\n{a:#?}\n{b:#?}"),
        (Err(a), Err(b)) => assert!(
            a.span == b.span || a.message != b.message,
            "errors at different places for {src:?}: {} {:?} / {:?}",
            a.message,
            a.span,
            b.span
        ),
        _ => panic!("for {src:?}: event reader {new:?}, serde reader {old:?}"),
    }
}

#[test]
fn block_spans_point_at_keys_and_values() {
    let src = "machine: tcp\nscope:   full\nstates:\n  CLOSED:\n    zh: 关闭\n";
    let n = parse(src).unwrap();
    let e = entries(&n);
    assert_eq!(text(src, &e[0].0), "machine");
    assert_eq!(text(src, &e[0].1), "tcp");
    assert_eq!(text(src, &e[1].1), "full");
    let closed = &entries(&e[2].1)[0];
    assert_eq!(text(src, &closed.0), "CLOSED");
    assert_eq!(text(src, &entries(&closed.1)[0].1), "关闭");
}

#[test]
fn flow_spans_and_the_comma_split() {
    let src = "t: [ { from: A, event: rcv SYN,ACK }, x ]\n";
    let n = parse(src).unwrap();
    let list = &entries(&n)[0].1;
    assert_eq!(&src[list.span.start..][..1], "[");
    let map = &items(list)[0];
    assert_eq!(&src[map.span.start..][..1], "{");
    let e = entries(map);
    assert_eq!(text(src, &e[1].1), "rcv SYN");
    // The stray flag is a key without a value, as the comma trap in `flow.rs` expects.
    assert_eq!(e[2].0.as_str(), Some("ACK"));
    assert_eq!(e[2].1.kind, Kind::Null);
    assert_eq!(text(src, &e[2].0), "ACK");
    assert_eq!(items(list)[1].as_str(), Some("x"));
}

#[test]
fn quoted_and_multiline_scalars_are_unquoted_and_folded() {
    let src = "a: \"snd SYN,ACK\"\nb: 'it''s'\nc: \"tab\\tx\"\nd: |\n  one\n  two\ne: >\n  one\n  two\nf: plain\n  folded\n";
    let n = parse(src).unwrap();
    let e = entries(&n);
    assert_eq!(e[0].1.as_str(), Some("snd SYN,ACK"));
    assert_eq!(text(src, &e[0].1), "\"snd SYN,ACK\"");
    assert_eq!(e[1].1.as_str(), Some("it's"));
    assert_eq!(e[2].1.as_str(), Some("tab\tx"));
    assert_eq!(e[3].1.as_str(), Some("one\ntwo\n"));
    assert_eq!(e[4].1.as_str(), Some("one two\n"));
    assert_eq!(e[5].1.as_str(), Some("plain folded"));
    same_as_oracle(src);
}

#[test]
fn scalars_keep_their_text_and_duplicates_pass() {
    let n = parse("n: yes\nn: 12\nf: 1.50\nb: TRUE\nz: ~\nq: 'null'\n").unwrap();
    let e = entries(&n);
    assert_eq!(e.len(), 6);
    assert_eq!(e[0].0.as_str(), Some("n"));
    assert_eq!(e[0].1.as_str(), Some("yes"));
    assert_eq!(e[1].1.as_str(), Some("12"));
    assert_eq!(e[2].1.as_str(), Some("1.50"));
    assert_eq!(e[3].1.as_str(), Some("TRUE"));
    assert_eq!(e[4].1.kind, Kind::Null);
    assert_eq!(e[5].1.as_str(), Some("null"));
}

#[test]
fn anchors_and_aliases_copy_the_node_at_the_alias() {
    let src = "a: &x { en: close }\nb: *x\nc: &s plain\nd: *s\n";
    let n = parse(src).unwrap();
    let e = entries(&n);
    assert_eq!(entries(&e[1].1)[0].1.as_str(), Some("close"));
    assert_eq!(text(src, &e[1].1), "*x");
    assert_eq!(text(src, &entries(&e[1].1)[0].1), "*x");
    assert_eq!(e[3].1.as_str(), Some("plain"));
    assert_eq!(text(src, &e[3].1), "*s");
    same_as_oracle(src);
    let merged = "base: &b { from: A, to: B }\nt: { <<: *b, to: C }\n";
    let n = parse(merged).unwrap();
    let t = entries(&entries(&n)[1].1);
    let keys: Vec<_> = t.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(keys, [(Some("to"), Some("C")), (Some("from"), Some("A"))]);
}

#[test]
fn alias_bombs_stop_at_the_cap() {
    let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..8 {
        let prev = format!("*a{}", i - 1);
        src.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
    }
    let d = parse(&src).unwrap_err();
    assert_eq!(d.code, codes::YAML_SYNTAX);
    assert!(d.message.contains("aliases expanded"), "{}", d.message);
}

#[test]
fn comments_tabs_and_crlf() {
    let src = "# head\r\nmachine: tcp # trailing\r\nt:\r\n  - a\t# tab before comment\r\n";
    let n = parse(src).unwrap();
    let e = entries(&n);
    assert_eq!(text(src, &e[0].1), "tcp");
    assert_eq!(items(&e[1].1)[0].as_str(), Some("a"));
    assert_eq!(text(src, &items(&e[1].1)[0]), "a");
    same_as_oracle(src);
    same_as_oracle("a:\tb\n");
}

#[test]
fn utf8_columns_are_bytes() {
    let src = "标题: { 中文: 时间等待, en: x }\n";
    let n = parse(src).unwrap();
    let e = entries(&n);
    assert_eq!(text(src, &e[0].0), "标题");
    let inner = entries(&e[0].1);
    assert_eq!(text(src, &inner[0].1), "时间等待");
    assert_eq!(text(src, &inner[1].1), "x");
    same_as_oracle(src);
}

#[test]
fn empty_documents_are_null() {
    for src in ["", "# only a comment\n", "---\n", "\n\n"] {
        assert_eq!(parse(src).unwrap().kind, Kind::Null, "{src:?}");
        same_as_oracle(src);
    }
}

#[test]
fn syntax_errors_have_positions() {
    let src = "x: 时间\ny: { a: b\n";
    let d = parse(src).unwrap_err();
    assert_eq!(d.code, codes::YAML_SYNTAX);
    assert!(d.message.starts_with("invalid YAML: "), "{}", d.message);
    assert!(d.message.contains("unclosed"), "{}", d.message);
    assert_eq!(&src[d.span.start..][..1], "{");
    let cases = [
        ("时间: 1\n时间 [\n", 0),
        ("a: 1\n---\nb: 2\n", 5),
        ("a: *nope\n", 3),
        ("a: b: c\n", 4),
        ("a:\n  - x\n - y\n", 0),
        ("a: 'open\n", 0),
        ("{ a: 1 }}\n", 0),
    ];
    for (src, _) in cases {
        assert!(parse(src).is_err(), "{src:?}");
        same_as_oracle(src);
    }
    let second = parse("a: 1\n---\nb: 2\n").unwrap_err();
    assert!(
        second.message.contains("second YAML document"),
        "{}",
        second.message
    );
    assert_eq!(second.span.start, 9, "at the second document's content");
}

#[test]
fn byte_offset_counts_characters() {
    assert_eq!(byte_offset("应用\nab", 1, 2), 3);
    assert_eq!(byte_offset("应用\nab", 2, 2), 8);
    assert_eq!(byte_offset("a", 5, 5), 1);
}

#[test]
fn fixtures_and_the_reference_read_as_before() {
    same_as_oracle(&crate::tcp::reference::to_yaml());
    for dir in ["tests/fixtures/tcp", "diagrams"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                same_as_oracle(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
}

/// Pieces of YAML, glued at random: enough structure to reach flow and block collections,
/// quotes, anchors, comments, tabs, CRLF and CJK text, and plenty of broken input.
fn fragment() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a",
        "b: ",
        "- ",
        "  ",
        "\n",
        "\r\n",
        "\t",
        "{",
        "}",
        "[",
        "]",
        ", ",
        ": ",
        "'q'",
        "\"d\\n\"",
        "#c\n",
        "&x ",
        "*x",
        "~",
        "null",
        "12",
        "yes",
        "时间",
        "|\n  t\n",
        "---\n",
        "...\n",
        "? ",
        "!!str ",
        "<<: ",
        "from: CLOSED",
        "event: rcv SYN,ACK",
        "\"",
        "'",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(src in "\\PC{0,80}") {
        if let Ok(n) = parse(&src) {
            prop_assert!(n.span.end <= src.len());
        }
    }

    #[test]
    fn yaml_like_text_never_panics_and_spans_stay_in_the_text(
        parts in prop::collection::vec(fragment(), 0..24)
    ) {
        let src = parts.concat();
        match parse(&src) {
            Ok(n) => check_spans(&src, &n),
            Err(d) => prop_assert!(d.span.end <= src.len() && src.is_char_boundary(d.span.start)),
        }
    }
}

fn check_spans(src: &str, n: &Node) {
    assert!(n.span.end <= src.len(), "{n:?}");
    assert!(src.is_char_boundary(n.span.start) && src.is_char_boundary(n.span.end));
    match &n.kind {
        Kind::Null | Kind::Scalar(_) => {}
        Kind::Seq(items) => items.iter().for_each(|i| check_spans(src, i)),
        Kind::Map(entries) => entries.iter().for_each(|(k, v)| {
            check_spans(src, k);
            check_spans(src, v);
        }),
    }
}

#[test]
fn yaml_like_text_reads_as_the_serde_reader_did() {
    // A deterministic sweep over glued fragments, compared with the reader this one replaced.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = prop::collection::vec(fragment(), 0..16);
    for _ in 0..3000 {
        let parts = strategy.new_tree(&mut runner).unwrap().current();
        same_as_oracle(&parts.concat());
        fast_agrees(&parts.concat());
    }
}

/// The fast reader agrees with the full parser whenever it reads a text at all.
fn fast_agrees(src: &str) -> bool {
    let Some(fast) = fast::read(src) else {
        return false;
    };
    let full = parse_events(src);
    if full.as_ref() != Ok(&fast) {
        let mut a = String::new();
        let mut b = String::new();
        lines(src, &fast, 0, &mut a);
        match &full {
            Ok(n) => lines(src, n, 0, &mut b),
            Err(e) => b = format!("{e:?}"),
        }
        panic!("fast reader differs for {src:?}\nFAST\n{a}FULL\n{b}");
    }
    true
}

#[test]
fn the_fast_reader_reads_the_reference_and_fixtures_as_the_parser_does() {
    assert!(fast_agrees(&crate::tcp::reference::to_yaml()));
    let mut read = 0;
    for dir in ["tests/fixtures/tcp", "diagrams"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                read += usize::from(fast_agrees(&std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    assert!(read >= 10, "the fast reader took only {read} fixtures");
}

#[test]
fn the_fast_reader_covers_block_and_flow_shapes() {
    for src in [
        "a: x\nb:\n  - { c: d, ACK }\n  - [e, 'f']\n  -\n  - g\nh:\n  i: j\nk:\n",
        "  a: b  # c\n\n  d: {e: , f: g}\n",
        "- a\n- b: c\n  d: e\n",
        "t:\n- from: A\n  event: rcv SYN,ACK\n  action: [snd ACK]\n- { from: B, ACK, to: C }\nx: \"q\"\n",
        "标题: { 中文: 时间等待, en: x }\n",
        "a: ~\nb: null\nc: 'null'\nd: {}\ne: []\n",
    ] {
        assert!(fast_agrees(src), "the fast reader gave up on {src:?}");
    }
    for src in [
        "a: &x b\n",
        "a:\tb\n",
        "a: |\n  x\n",
        "a: b\r\n",
        "a: \"x\\ny\"\n",
        "? a\n",
        "a: {\n b: c }\n",
    ] {
        assert!(fast::read(src).is_none(), "{src:?}");
    }
}

/// A tree one node a line, for failure messages.
fn lines(src: &str, n: &Node, depth: usize, out: &mut String) {
    use std::fmt::Write;
    let pad = "  ".repeat(depth);
    let (a, b) = (n.span.start, n.span.end);
    let what = match &n.kind {
        Kind::Null => "null".to_string(),
        Kind::Scalar(s) => format!("{s:?}"),
        Kind::Seq(_) => "seq".to_string(),
        Kind::Map(_) => "map".to_string(),
    };
    let _ = writeln!(out, "{pad}{what} {a}..{b} {:?}", src.get(a..b));
    match &n.kind {
        Kind::Seq(items) => items.iter().for_each(|i| lines(src, i, depth + 1, out)),
        Kind::Map(e) => e.iter().for_each(|(k, v)| {
            lines(src, k, depth + 1, out);
            lines(src, v, depth + 2, out);
        }),
        _ => {}
    }
}

/// Lines inside the fast reader's subset (and a few just outside it): indentation, an
/// optional dash, a key or not, a value or not, a comment or not.
fn plain_line() -> impl Strategy<Value = String> {
    let indent = prop::sample::select(vec!["", "  ", "    ", " "]);
    let dash = prop::sample::select(vec!["", "", "- ", "-"]);
    let key = prop::sample::select(vec!["", "a: ", "b:", "ACK: ", "时间: ", "'q': ", "x y: "]);
    let value = prop::sample::select(vec![
        "",
        "v",
        "rcv SYN,ACK",
        "~",
        "null",
        "'s'",
        "\"d\"",
        "{ a: b, ACK }",
        "{}",
        "[x, y]",
        "[]",
        "{ a: [b, c], d: }",
        "{e: , f: g}",
        "[a, 'b']",
        "时间 2MSL",
        "a: b",
    ]);
    let comment = prop::sample::select(vec!["", "", " # c", "#c"]);
    (indent, dash, key, value, comment).prop_map(|(i, d, k, v, c)| format!("{i}{d}{k}{v}{c}\n"))
}

#[test]
fn plain_yaml_reads_the_same_fast_and_full() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = prop::collection::vec(plain_line(), 1..8);
    let mut fast_read = 0;
    for _ in 0..SWEEP {
        let src = strategy.new_tree(&mut runner).unwrap().current().concat();
        fast_read += usize::from(fast_agrees(&src));
    }
    assert!(
        fast_read > SWEEP / 40,
        "only {fast_read} texts took the fast path"
    );
}
const SWEEP: usize = 10000;

/// The error for `src`, which must be "nested too deep" at byte `at`.
fn too_deep_at(src: &str, at: usize) {
    let d = parse(src).unwrap_err();
    assert_eq!(d.code, codes::YAML_SYNTAX);
    assert!(
        d.message.contains("nested more than 64 deep"),
        "{}",
        d.message
    );
    assert_eq!(d.span.start, at, "{}", d.message);
}

#[test]
fn deep_flow_lists_and_mappings_stop_at_the_bracket_too_deep() {
    // 30,000 deep overflowed the stack (in the fast reader and `flow::repair_splits`).
    let head = "transitions: ";
    let src = format!("{head}{}{}\n", "[".repeat(30_000), "]".repeat(30_000));
    // The scanner runs ahead through `[[[…` and stops at the bracket that opens flow level 65.
    too_deep_at(&src, head.len() + MAX_DEPTH);
    // The reader counts the top mapping too: the 64th `{` opens level 65.
    let src = format!("{head}{}1{}\n", "{a: ".repeat(30_000), "}".repeat(30_000));
    too_deep_at(&src, head.len() + 4 * (MAX_DEPTH - 1));
    // At the bound it reads.
    let src = format!("{}{}\n", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert_eq!(parse(&src).unwrap().depth(), MAX_DEPTH);
}

#[test]
fn deep_block_nesting_stops_at_the_key_too_deep() {
    let lines: String = (0..100).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
    let src = format!("{lines}{}1\n", " ".repeat(100));
    // The mapping that opens at line 65 (its first key) is one too many.
    let line_129: usize = (0..MAX_DEPTH).map(|i| i + 3).sum();
    too_deep_at(&src, line_129 + MAX_DEPTH);
}

#[test]
fn aliases_cannot_stack_nesting_past_the_bound() {
    // Each anchor holds the one before it 10 levels down: a0 is 30 deep, a1 40, …, a3 60, and
    // the copy of a3 inside a4 (under the top mapping and 10 brackets) would reach 71.
    let mut src = format!("a0: &a0 {}x{}\n", "[".repeat(30), "]".repeat(30));
    for i in 1..40 {
        src.push_str(&format!(
            "a{i}: &a{i} {}*a{}{}\n",
            "[".repeat(10),
            i - 1,
            "]".repeat(10)
        ));
    }
    let d = parse(&src).unwrap_err();
    assert!(
        d.message.contains("nested more than 64 deep"),
        "{}",
        d.message
    );
    let at = &src[d.span.start..];
    assert!(at.starts_with("*a3"), "{} at {:?}", d.message, &at[..20]);
}

/// The parser says which errors are tab errors (by its error kind, not by the words of its
/// message): those point at the tab, which is what the author has to change; other errors stay
/// where the parser stopped, although a line after them is indented with a tab.
#[test]
fn only_tab_errors_move_to_the_tab() {
    let src = "machine: tcp\ntransitions:\n  - from: CLOSED\n    event: close\n\tto: LISTEN\n";
    let e = parse_classified(src).expect_err("a tab in indentation");
    assert!(e.at_tab, "{e:?}");
    let tab = src.find('\t').unwrap();
    assert_ne!(
        e.diagnostic.span.start, tab,
        "the parser stops before the tab"
    );
    let (_, ds) = crate::tcp::parse(src);
    assert_eq!(ds[0].span, Span::new(tab, tab + 1));
    assert_eq!(
        ds[0].hints,
        ["indent with spaces: YAML does not allow tabs in indentation"]
    );

    let src = "machine: tcp\nx: [1,\n\t2\n";
    let e = parse_classified(src).expect_err("an unclosed bracket");
    assert!(!e.at_tab, "{e:?}");
    let (_, ds) = crate::tcp::parse(src);
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!(ds[0].span, e.diagnostic.span);
    assert!(ds[0].hints.is_empty(), "{ds:?}");
}
