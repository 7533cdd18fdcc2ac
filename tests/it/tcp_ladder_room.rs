//! Every ladder keeps its text apart: over every exchange fixture (`tests/fixtures/exchange`,
//! clean and with its findings marked as `--check warn` marks them) and every exchange in the
//! book, in English, Chinese and both, no two text boxes overlap (message labels, notes,
//! participant boxes, states, timers' names, findings' codes) and no message line or timer
//! bracket passes through one (a note over a lifeline covers its bracket, as it covers the
//! lifeline; so may a label of a message passing a middle lifeline). Computed from the layout (which is pure) with the boxes and text extents it
//! reports, by a check of this file's own (not the layout's `problems`).

use crate::common;
use netfig::geometry::{Point, Rect};
use netfig::layout::sequence::{layout_ladder, text_rect, SequenceLayout};
use netfig::model::LangChoice;
use netfig::tcp::exchange;

/// How far boxes may touch, and lines graze a box, px.
const TOUCH: f64 = 0.01;
const GRAZE: f64 = 0.5;

/// Every exchange fixture, by name, sorted.
fn fixtures() -> Vec<(String, String)> {
    let dir = common::root().join("tests/fixtures/exchange");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "mmd"))
        .map(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy().into();
            (name, std::fs::read_to_string(&p).expect("fixture"))
        })
        .collect();
    out.sort();
    out
}

/// The text boxes drawn, each named.
fn text_boxes(l: &SequenceLayout) -> Vec<(String, Rect)> {
    let mut out = Vec::new();
    if let Some(t) = &l.title {
        out.push(("title".to_string(), text_rect(t)));
    }
    for (i, p) in l.participants.iter().enumerate() {
        out.push((format!("participant {i}"), p.head));
        if let Some((r, _)) = &p.foot {
            out.push((format!("participant {i} foot"), *r));
        }
    }
    for m in &l.messages {
        if let Some(b) = m.label_box {
            out.push((format!("label of message {}", m.event), b));
        }
    }
    for n in &l.notes {
        out.push((format!("note {}", n.event), n.rect));
    }
    for (i, b) in l.blocks.iter().enumerate().filter(|(_, b)| !b.hidden) {
        if let Some((r, _)) = &b.tab {
            out.push((format!("block {i} tab"), *r));
        }
    }
    let Some(ladder) = &l.ladder else { return out };
    for s in &ladder.states {
        out.push((format!("state {} of {}", s.state, s.participant), s.rect));
    }
    for t in &ladder.timers {
        out.push((format!("timer of {}", t.participant), text_rect(&t.label)));
    }
    for f in &ladder.findings {
        out.push((format!("{} at {}", f.code, f.event), text_rect(&f.label)));
    }
    out
}

/// The lines drawn that text must keep clear of: messages' lines, timers' brackets.
fn lines(l: &SequenceLayout) -> Vec<(String, Point, Point)> {
    let mut out = Vec::new();
    for m in &l.messages {
        for w in m.points.windows(2) {
            out.push((format!("line of message {}", m.event), w[0], w[1]));
        }
    }
    for t in l.ladder.iter().flat_map(|d| &d.timers) {
        for w in t.points.windows(2) {
            out.push((format!("bracket of {}", t.participant), w[0], w[1]));
        }
    }
    out
}

/// Whether segment `a`–`b` passes through `r` shrunk by `GRAZE`.
fn crosses(a: Point, b: Point, r: &Rect) -> bool {
    netfig::layout::quality::seg_hits(a, b, r, GRAZE)
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x + TOUCH < b.x + b.width
        && b.x + TOUCH < a.x + a.width
        && a.y + TOUCH < b.y + b.height
        && b.y + TOUCH < a.y + a.height
}

/// Each clash in `l`, as a sentence; and how many boxes and lines were looked at.
fn clashes(l: &SequenceLayout) -> (Vec<String>, usize, usize) {
    let boxes = text_boxes(l);
    let lines = lines(l);
    let mut out = Vec::new();
    for (i, (a, ra)) in boxes.iter().enumerate() {
        for (b, rb) in &boxes[i + 1..] {
            if overlap(ra, rb) {
                out.push(format!("{a} {ra:?} overlaps {b} {rb:?}"));
            }
        }
        for (what, p, q) in &lines {
            // A note over a lifeline covers it, and the bracket beside it; a label of a
            // message passing a middle lifeline crosses it, and the bracket beside it.
            if what.starts_with("bracket") && (a.starts_with("note") || a.starts_with("label")) {
                continue;
            }
            if crosses(*p, *q, ra) {
                out.push(format!("{what} {p:?}-{q:?} crosses {a} {ra:?}"));
            }
        }
    }
    // A state is written beside its lifeline, never across one.
    for s in l.ladder.iter().flat_map(|d| &d.states) {
        for (i, p) in l.participants.iter().enumerate() {
            if s.rect.x < p.x && p.x < s.rect.x + s.rect.width {
                out.push(format!("state {} crosses lifeline {i}", s.state));
            }
        }
    }
    (out, boxes.len(), lines.len())
}

/// The ladder of `src` in `lang`, with its findings marked or not.
fn ladder_of(src: &str, lang: LangChoice, marked: bool) -> SequenceLayout {
    let (seq, _) = netfig::mermaid::sequence(src).expect("parses");
    let x = exchange::simulate(&seq, src);
    let findings = if marked {
        x.diagnostics.clone()
    } else {
        Vec::new()
    };
    let shown = seq.select_lang(lang);
    layout_ladder(
        &shown,
        &exchange::ladder(&seq, (&shown, lang), &x, &findings),
    )
}

#[test]
fn no_text_in_any_ladder_overlaps_text_or_is_crossed_by_a_line() {
    let all = fixtures();
    assert!(all.len() >= 25, "{} fixtures", all.len());
    let mut problems = Vec::new();
    let (mut layouts, mut boxes, mut lines, mut codes) = (0, 0, 0, 0);
    for (name, src) in &all {
        for lang in [LangChoice::En, LangChoice::Zh, LangChoice::Both] {
            for marked in [false, true] {
                let l = ladder_of(src, lang, marked);
                let (found, b, n) = clashes(&l);
                layouts += 1;
                boxes += b;
                lines += n;
                codes += l.ladder.as_ref().map_or(0, |d| d.findings.len());
                problems.extend(
                    found
                        .into_iter()
                        .map(|p| format!("{name} {lang:?} marked={marked}: {p}")),
                );
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Looked at something: every fixture's ladder, the findings of those that have some.
    assert_eq!(layouts, all.len() * 6);
    assert!(
        boxes > 15 * layouts && lines > 4 * layouts,
        "{boxes} {lines}"
    );
    eprintln!("{layouts} ladders: {boxes} text boxes, {lines} lines, {codes} codes, no clash");
    assert!(codes > 10, "{codes} codes");
}

/// The book's exchanges (both editions), in each language.
#[test]
fn no_text_in_the_book_s_ladders_overlaps_text_or_is_crossed_by_a_line() {
    let found = crate::tcp_ladder::book_exchanges();
    assert!(found.len() >= 20, "{} exchanges", found.len());
    let mut problems = Vec::new();
    for (name, src) in &found {
        for lang in [LangChoice::En, LangChoice::Zh, LangChoice::Both] {
            let (found, boxes, _) = clashes(&ladder_of(src, lang, true));
            assert!(boxes > 4, "{name}: {boxes} boxes");
            problems.extend(found.into_iter().map(|p| format!("{name} {lang:?}: {p}")));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Three and four endpoints: the outer ones write their states outside the drawing (the
/// first on its left, the last on its right); the middle ones beside their lifeline, on
/// either side.
#[test]
fn outer_endpoints_write_outside_middle_ones_on_either_side() {
    for name in [
        "three-endpoints.mmd",
        "four-endpoints.mmd",
        "four-endpoints-findings.mmd",
    ] {
        let src =
            std::fs::read_to_string(common::root().join("tests/fixtures/exchange").join(name))
                .expect("fixture");
        let l = ladder_of(&src, LangChoice::Both, true);
        let n = l.participants.len();
        assert!(n >= 3, "{name}");
        let d = l.ladder.as_ref().expect("a ladder");
        let mut sides = vec![(0, 0); n];
        for s in &d.states {
            let x = l.participants[s.participant].x;
            if s.rect.x + s.rect.width < x {
                sides[s.participant].0 += 1;
            } else {
                assert!(s.rect.x > x, "{name}: {} across its lifeline", s.state);
                sides[s.participant].1 += 1;
            }
        }
        assert_eq!(sides[0].1, 0, "{name}: the first writes on its left");
        assert_eq!(sides[n - 1].0, 0, "{name}: the last writes on its right");
        assert!(sides.iter().all(|s| s.0 + s.1 > 0), "{name}: {sides:?}");
    }
}

mod generated {
    use super::{clashes, ladder_of};
    use netfig::model::LangChoice;
    use proptest::prelude::*;

    /// A segment between two of the first `n` endpoints (A, B, C, D), sent, lost or old.
    fn segment(n: usize) -> impl Strategy<Value = String> {
        let flags = prop::sample::select(vec![
            "SYN",
            "SYN, ACK",
            "ACK",
            "FIN, ACK",
            "RST",
            "DATA",
            "<SEQ=100><ACK=300><CTL=FIN,ACK>",
        ]);
        let arrow = prop::sample::select(vec!["->>", "->>", "->>", "-x"]);
        (0..n, 1..n, arrow, flags, prop::option::of(0u32..400)).prop_map(
            move |(a, d, arrow, f, seq)| {
                let names = ["A", "B", "C", "D"];
                let b = (a + d) % n;
                let seq = seq.map_or(String::new(), |s| format!(" seq={s}"));
                format!("{}{arrow}{}: {f}{seq}", names[a], names[b])
            },
        )
    }

    /// A row: a segment, a claim or an event note on one or two endpoints, or a `par` block of
    /// two or three segments.
    fn row(n: usize) -> impl Strategy<Value = String> {
        let state = prop::sample::select(netfig::tcp::State::ALL.to_vec());
        let on = prop::sample::select(vec![
            "left of A",
            "right of B",
            "over B",
            "over C",
            "over A,B",
            "right of C",
            "over B,C",
        ]);
        let event = prop::sample::select(vec!["(2 MSL)", "(Close)", "ABORT"]);
        prop_oneof![
            4 => segment(n),
            2 => (on.clone(), state).prop_map(|(o, s)| format!("Note {o}: {}", s.name())),
            1 => (on, event).prop_map(|(o, e)| format!("Note {o}: {e}")),
            1 => prop::collection::vec(segment(n), 2..4)
                .prop_map(|s| format!("par\n{}\nend", s.join("\nand\n"))),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: crate::common::proptest_cases(256), ..ProptestConfig::default() })]
        /// Any exchange between two to four endpoints, its findings marked, keeps its text
        /// apart.
        #[test]
        fn any_ladder_of_two_to_four_endpoints_keeps_its_text_apart(
            (n, rows) in (2..5usize).prop_flat_map(|n| (Just(n), prop::collection::vec(row(n), 1..16)))
        ) {
            let people: String = ["A", "B", "C", "D"][..n]
                .iter()
                .map(|p| format!("participant {p}\n"))
                .collect();
            let src = format!(
                "---\ncheck: tcp\n---\nsequenceDiagram\n{people}{}\n",
                rows.join("\n")
            );
            let (found, _, _) = clashes(&ladder_of(&src, LangChoice::Both, true));
            prop_assert!(found.is_empty(), "{src}\n{}", found.join("\n"));
        }
    }
}

/// Snapshots of the ladders with three and four endpoints, and of findings on crossing `par`
/// arrows (under `--check warn`). Review a change with `INSTA_UPDATE=always cargo test --test
/// it tcp_ladder_room::` and `git diff tests/it/snapshots`.
#[test]
fn ladder_snapshots_of_more_endpoints_and_crossing_findings() {
    use netfig::pipeline::{self, CheckMode, Kind, Options};
    for (name, check) in [
        ("three-endpoints", CheckMode::Deny),
        ("four-endpoints", CheckMode::Deny),
        ("four-endpoints-findings", CheckMode::Warn),
        ("par-findings", CheckMode::Warn),
    ] {
        let src = std::fs::read_to_string(
            common::root()
                .join("tests/fixtures/exchange")
                .join(format!("{name}.mmd")),
        )
        .expect("fixture");
        let mut o = Options::default();
        o.check = check;
        o.id_prefix = Some("nf-ladder".into());
        let svg = pipeline::compile(&src, Kind::Sequence, &o)
            .expect("renders")
            .svg
            .expect("svg");
        usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("usvg accepts it");
        insta::assert_snapshot!(format!("ladder_{name}"), svg);
    }
}
