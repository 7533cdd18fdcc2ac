//! TCP exchanges drawn as ladders (RFC 9293 Figures 6–13): snapshots of the RFC figures and
//! the textbook close, the states written beside each lifeline read back from the SVG and
//! compared with the RFC's columns, `par` segments that cross, a lost segment that stops
//! halfway in a cross, and findings marked under `--check warn`.
//!
//! Review a snapshot change with `INSTA_UPDATE=always cargo test --test it tcp_ladder::` and
//! `git diff tests/it/snapshots`.

use crate::common;
use crate::tcp_exchange::{NOTATION, PASSING};
use netfig::model::LangChoice;
use netfig::pipeline::{self, CheckMode, Kind, Options};
use netfig::tcp::exchange;

fn read(name: &str) -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures/exchange").join(name))
        .expect("fixture exists")
}

fn options(check: CheckMode) -> Options {
    let mut o = Options::default();
    o.check = check;
    o.id_prefix = Some("nf-ladder".into());
    o
}

fn render(src: &str, check: CheckMode) -> String {
    let out = pipeline::compile(src, Kind::Sequence, &options(check)).expect("renders");
    let svg = out.svg.expect("svg");
    usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("usvg accepts it");
    svg
}

fn classes<'a>(n: &roxmltree::Node<'a, 'a>) -> Vec<&'a str> {
    n.attribute("class")
        .map(|c| c.split_whitespace().collect())
        .unwrap_or_default()
}

fn groups<'a>(doc: &'a roxmltree::Document<'a>, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && classes(n).contains(&class))
        .collect()
}

fn num(n: &roxmltree::Node, attr: &str) -> f64 {
    n.attribute(attr)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{attr} on {n:?}"))
}

/// The first `<tspan>`'s baseline in `g`: where the text stands.
fn text_y(g: &roxmltree::Node) -> f64 {
    let t = g
        .descendants()
        .find(|n| n.has_tag_name("tspan"))
        .expect("text");
    num(&t, "y")
}

/// Each participant's lifeline x, by id.
fn lifelines(doc: &roxmltree::Document) -> Vec<(String, f64)> {
    groups(doc, "participant")
        .iter()
        .map(|g| {
            let line = g
                .children()
                .find(|n| n.has_tag_name("line"))
                .expect("lifeline");
            (
                g.attribute("data-id").unwrap_or("").to_string(),
                num(&line, "x1"),
            )
        })
        .collect()
}

/// The states written beside participant `id`'s lifeline, top to bottom, a state repeated
/// on consecutive rows once (the RFC writes it on every line).
fn column(doc: &roxmltree::Document, id: &str) -> Vec<String> {
    let mut marks: Vec<(f64, String)> = groups(doc, "state")
        .iter()
        .filter(|g| g.attribute("data-participant") == Some(id))
        .map(|g| {
            (
                text_y(g),
                g.attribute("data-state").unwrap_or("").to_string(),
            )
        })
        .collect();
    marks.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<String> = marks.into_iter().map(|(_, s)| s).collect();
    out.dedup();
    out
}

/// A message's line: tail and head.
fn line(g: &roxmltree::Node) -> ((f64, f64), (f64, f64)) {
    let path = g.children().find(|n| n.has_tag_name("path")).expect("line");
    let pts: Vec<(f64, f64)> = path
        .attribute("d")
        .expect("d")
        .split(['M', 'L'])
        .filter_map(|p| {
            let (x, y) = p.trim().split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect();
    assert_eq!(pts.len(), 2, "{:?}", path.attribute("d"));
    (pts[0], pts[1])
}

/// Whether segments `a` and `b` cross at a point inside both.
fn intersect(a: ((f64, f64), (f64, f64)), b: ((f64, f64), (f64, f64))) -> bool {
    let cross = |o: (f64, f64), p: (f64, f64), q: (f64, f64)| {
        (p.0 - o.0) * (q.1 - o.1) - (p.1 - o.1) * (q.0 - o.0)
    };
    let d1 = cross(b.0, b.1, a.0);
    let d2 = cross(b.0, b.1, a.1);
    let d3 = cross(a.0, a.1, b.0);
    let d4 = cross(a.0, a.1, b.1);
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

#[test]
fn ladder_snapshots_of_the_rfc_figures_and_the_textbook_close() {
    for name in [
        "rfc9293-figure6",
        "rfc9293-figure7",
        "rfc9293-figure12",
        "rfc9293-figure13",
        "textbook-close",
    ] {
        let svg = render(&read(&format!("{name}.mmd")), CheckMode::Deny);
        insta::assert_snapshot!(format!("ladder_{name}"), svg);
    }
}

#[test]
fn the_states_beside_the_lifelines_are_the_rfc_columns() {
    for (name, left, right) in PASSING.iter().chain(NOTATION) {
        let svg = render(&read(name), CheckMode::Deny);
        let doc = roxmltree::Document::parse(&svg).expect("xml");
        let ids = lifelines(&doc);
        assert_eq!(ids.len(), 2, "{name}");
        let names = |s: &[netfig::tcp::State]| -> Vec<String> {
            let mut v: Vec<String> = s.iter().map(|s| s.name().to_string()).collect();
            v.dedup();
            v
        };
        assert_eq!(column(&doc, &ids[0].0), names(left), "{name}: left column");
        assert_eq!(
            column(&doc, &ids[1].0),
            names(right),
            "{name}: right column"
        );
        // The first endpoint's states on its left, the other's on its right.
        for g in groups(&doc, "state") {
            let r = g
                .children()
                .find(|n| n.has_tag_name("rect"))
                .map(|r| (num(&r, "x"), num(&r, "x") + num(&r, "width")));
            let Some((x0, x1)) = r else { continue };
            if g.attribute("data-participant") == Some(ids[0].0.as_str()) {
                assert!(x1 < ids[0].1, "{name}: {x1} left of {}", ids[0].1);
            } else {
                assert!(x0 > ids[1].1, "{name}: {x0} right of {}", ids[1].1);
            }
        }
        // Nothing written over anything else.
        let src = read(name);
        let (seq, _) = netfig::mermaid::sequence(&src).expect("parses");
        let x = exchange::simulate(&seq, &src);
        let ladder = exchange::ladder(&seq, (&seq, LangChoice::Both), &x, &[]);
        let l = netfig::layout::sequence::layout_ladder(&seq, &ladder);
        assert_eq!(l.problems(), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn claimed_states_are_boxed_inferred_ones_are_not() {
    // Figure 13 never names FIN-WAIT-1: netfig infers it from the FINs sent.
    let svg = render(&read("rfc9293-figure13.mmd"), CheckMode::Deny);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    for g in groups(&doc, "state") {
        let inferred = g.attribute("data-state") == Some("FIN-WAIT-1");
        assert_eq!(classes(&g).contains(&"inferred"), inferred, "{g:?}");
        assert_eq!(classes(&g).contains(&"claimed"), !inferred, "{g:?}");
        let boxed = g.children().any(|n| n.has_tag_name("rect"));
        assert_eq!(boxed, !inferred);
    }
    // A state entered by a silent event carries it: without the closing claim, the textbook
    // close's CLOSED after `2MSL` is inferred, from the 2MSL timeout.
    let src = read("textbook-close.mmd").replace("    Note left of A: CLOSED\n", "");
    let svg = render(&src, CheckMode::Deny);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let closed: Vec<_> = groups(&doc, "inferred")
        .into_iter()
        .filter(|g| g.attribute("data-participant") == Some("A"))
        .collect();
    assert_eq!(closed.len(), 1);
    assert_eq!(closed[0].attribute("data-state"), Some("CLOSED"));
    assert_eq!(closed[0].attribute("data-event"), Some("timeout 2MSL"));
    // No claim note stays a note: the ladder writes them as states.
    let svg = render(&read("rfc9293-figure6.mmd"), CheckMode::Deny);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    assert!(groups(&doc, "note").is_empty());
}

#[test]
fn segments_sent_together_cross_and_arrive_after_every_send() {
    for name in ["rfc9293-figure7.mmd", "rfc9293-figure13.mmd"] {
        let svg = render(&read(name), CheckMode::Deny);
        let doc = roxmltree::Document::parse(&svg).expect("xml");
        let crossing: Vec<_> = groups(&doc, "crossing").iter().map(line).collect();
        assert_eq!(crossing.len(), 4, "{name}: two par blocks of two");
        for pair in crossing.chunks(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(intersect(a, b), "{name}: {a:?} and {b:?} cross");
            // Both leave before either arrives.
            assert!(
                a.0 .1.max(b.0 .1) < a.1 .1.min(b.1 .1),
                "{name}: {a:?} {b:?}"
            );
        }
        // No `par` frame: the crossing shows it.
        assert!(groups(&doc, "block").is_empty(), "{name}");
    }
    // A segment sent alone still slants down, and crosses nothing.
    let svg = render(&read("rfc9293-figure6.mmd"), CheckMode::Deny);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let lines: Vec<_> = groups(&doc, "segment").iter().map(line).collect();
    assert_eq!(lines.len(), 4);
    assert!(lines.iter().all(|(t, h)| h.1 > t.1));
    assert!(groups(&doc, "crossing").is_empty());
}

#[test]
fn a_lost_segment_ends_midway_in_a_cross() {
    let svg = render(&read("lost-last-ack.mmd"), CheckMode::Deny);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let xs = lifelines(&doc);
    let lost = groups(&doc, "lost");
    assert_eq!(lost.len(), 1);
    let g = lost[0];
    assert!(classes(&g).contains(&"segment"));
    let (tail, head) = line(&g);
    assert!(
        (tail.0 - xs[0].1).abs() < 0.01,
        "{tail:?} leaves A's lifeline"
    );
    let mid = (xs[0].1 + xs[1].1) / 2.0;
    assert!((head.0 - mid).abs() < 0.01, "{head:?} stops midway ({mid})");
    let path = g.children().find(|n| n.has_tag_name("path")).expect("path");
    let marker = path.attribute("marker-end").expect("a head");
    assert!(marker.ends_with("-cross)"), "{marker}");
    // Every other segment reaches the far lifeline.
    for g in groups(&doc, "segment")
        .iter()
        .filter(|g| !classes(g).contains(&"lost"))
    {
        let (_, head) = line(g);
        assert!(
            xs.iter().any(|(_, x)| (head.0 - x).abs() < 0.01),
            "{head:?}"
        );
    }
    // The 2MSL wait restarts at the retransmitted FIN's arrival: the bracket starts there.
    let timers = groups(&doc, "timer");
    assert_eq!(timers.len(), 1);
    assert!(classes(&timers[0]).contains(&"2msl"));
    let bracket = timers[0]
        .children()
        .find(|n| n.has_tag_name("path"))
        .expect("bracket");
    let d = bracket.attribute("d").expect("d");
    let top: f64 = d
        .split(['M', 'L'])
        .filter_map(|p| p.trim().split_once(',')?.1.parse().ok())
        .fold(f64::INFINITY, f64::min);
    let fins: Vec<_> = groups(&doc, "segment")
        .iter()
        .filter(|g| g.attribute("data-to") == Some("A"))
        .map(line)
        .collect();
    let last_fin = fins.last().expect("FINs to A");
    assert!((top - last_fin.1 .1).abs() < 0.01, "{top} vs {last_fin:?}");
}

#[test]
fn check_warn_draws_the_ladder_with_the_findings_marked() {
    let src = read("explainer-mistake.mmd");
    // Denied, there is no drawing.
    let denied = pipeline::compile(&src, Kind::Sequence, &options(CheckMode::Deny));
    let errs = denied.expect_err("errors");
    assert!(errs.iter().any(|d| d.code == "E-TCPX-002"));
    // Warned, the claim is drawn in the finding's colour, with its code.
    let svg = render(&src, CheckMode::Warn);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let marked: Vec<_> = groups(&doc, "finding");
    let claim = marked
        .iter()
        .find(|g| classes(g).contains(&"state"))
        .expect("the claim marked");
    assert_eq!(claim.attribute("data-code"), Some("E-TCPX-002"));
    assert_eq!(claim.attribute("data-state"), Some("TIME-WAIT"));
    let code = marked
        .iter()
        .find(|g| !classes(g).contains(&"state"))
        .expect("the code written");
    assert_eq!(code.attribute("data-code"), Some("E-TCPX-002"));
    let title = code
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|t| t.text())
        .expect("title");
    assert!(title.contains("FIN-WAIT-1"), "{title}");
    // Where C really is, netfig writes it (inferred).
    assert!(groups(&doc, "inferred")
        .iter()
        .any(|g| g.attribute("data-state") == Some("FIN-WAIT-1")));
    // A wrong ack: the message is marked.
    let src = "---\ncheck: tcp\n---\nsequenceDiagram\n    A->>B: SYN seq=100\n    B->>A: SYN, ACK seq=300 ack=100\n";
    let svg = render(src, CheckMode::Warn);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let msg: Vec<_> = groups(&doc, "message")
        .into_iter()
        .filter(|g| classes(g).contains(&"finding"))
        .collect();
    assert_eq!(msg.len(), 1);
    assert_eq!(msg[0].attribute("data-from"), Some("B"));
    assert_eq!(msg[0].attribute("data-code"), Some("E-TCPX-005"));
    // Off: drawn, nothing marked.
    let svg = render(&read("explainer-mistake.mmd"), CheckMode::Off);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    assert!(groups(&doc, "finding").is_empty());
    assert!(groups(&doc, "state").len() > 2);
}

#[test]
fn an_old_segment_starts_midway_out_of_the_network() {
    let svg = render(&read("old-duplicate.mmd"), CheckMode::Deny);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let xs = lifelines(&doc);
    let old = groups(&doc, "old");
    assert_eq!(old.len(), 1);
    let (tail, head) = line(&old[0]);
    let mid = (xs[0].1 + xs[1].1) / 2.0;
    assert!(
        (tail.0 - mid).abs() < 0.01,
        "{tail:?} starts midway ({mid})"
    );
    assert!((head.0 - xs[1].1).abs() < 0.01, "{head:?} reaches B");
    assert!(head.1 > tail.1);
    // A never sent it: no state of A is entered there.
    assert_eq!(column(&doc, "A"), vec!["LISTEN".to_string()]);
}

#[test]
fn a_reboot_is_an_inferred_closed_marked_as_such() {
    let svg = render(&read("rfc9293-figure10.mmd"), CheckMode::Deny);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let a: Vec<_> = groups(&doc, "state")
        .into_iter()
        .filter(|g| g.attribute("data-participant") == Some("A"))
        .collect();
    assert_eq!(a.len(), 1);
    assert!(classes(&a[0]).contains(&"inferred"));
    assert_eq!(a[0].attribute("data-state"), Some("CLOSED"));
    assert_eq!(a[0].attribute("data-event"), Some("reboot"));
}

/// The `check: tcp` blocks of both editions of the book (fences indented in list items
/// included).
pub(crate) fn book_exchanges() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for edition in ["en", "zh"] {
        let dir = common::root().join("book").join(edition).join("src");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("book sources")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).expect("chapter");
            let mut block: Option<(usize, Vec<String>)> = None;
            for line in text.lines() {
                let indent = line.len() - line.trim_start().len();
                match &mut block {
                    None if line.trim_start() == "```mermaid" => block = Some((indent, Vec::new())),
                    Some((_, lines)) if line.trim_start() == "```" => {
                        let src = lines.join("\n") + "\n";
                        if src.contains("check: tcp") {
                            let name = format!("{}:{}", edition, path.display());
                            out.push((name, src));
                        }
                        block = None;
                    }
                    Some((at, lines)) => lines.push(line.get(*at..).unwrap_or("").to_string()),
                    None => {}
                }
            }
        }
    }
    out
}

#[test]
fn the_book_s_exchanges_pass_and_their_ladders_overlap_nothing() {
    let found = book_exchanges();
    // Per edition: handshake, simultaneous open, close, simultaneous close, lost ACK, Figure
    // 10, the netfig chapter's example of the notation (shown as source), and the closing
    // chapter's handshake, half-close, server-first close and SO_LINGER reset.
    assert_eq!(
        found.len(),
        2 * 11,
        "{:?}",
        found.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (name, src) in found {
        let (seq, warnings) = netfig::mermaid::sequence(&src).expect("parses");
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        let x = exchange::simulate(&seq, &src);
        assert!(x.diagnostics.is_empty(), "{name}: {:?}", x.diagnostics);
        for lang in [LangChoice::Zh, LangChoice::En] {
            let shown = seq.select_lang(lang);
            let ladder = exchange::ladder(&seq, (&shown, lang), &x, &[]);
            let l = netfig::layout::sequence::layout_ladder(&shown, &ladder);
            assert_eq!(l.problems(), Vec::<String>::new(), "{name} {lang:?}");
            assert!(l.ladder.is_some_and(|d| !d.states.is_empty()), "{name}");
        }
    }
}

/// Without claims, each endpoint's first state (given by the first segment) is written
/// before the first row, as the RFC's line 1; two states one arrival passes through are
/// written once, `ESTABLISHED → CLOSE-WAIT`; no two states of a lane share a row.
#[test]
fn first_states_come_first_and_instants_are_written_once() {
    let src = "---\ncheck: tcp\n---\nsequenceDiagram\n    A->>B: SYN seq=100\n    B->>A: SYN, ACK seq=300 ack=101\n    A->>B: FIN, ACK seq=101 ack=301\n";
    let svg = render(src, CheckMode::Deny);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    assert_eq!(
        column(&doc, "A"),
        ["CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1"]
    );
    assert_eq!(column(&doc, "B"), ["LISTEN", "SYN-RECEIVED", "CLOSE-WAIT"]);
    let first_tail = line(&groups(&doc, "segment")[0]).0;
    for (id, first) in [("A", "CLOSED"), ("B", "LISTEN")] {
        let g = groups(&doc, "state")
            .into_iter()
            .find(|g| g.attribute("data-participant") == Some(id))
            .expect("a state");
        assert_eq!(g.attribute("data-state"), Some(first));
        assert!(
            text_y(&g) < first_tail.1,
            "{id}: {first} above the first segment"
        );
    }
    let merged = groups(&doc, "state")
        .into_iter()
        .find(|g| g.attribute("data-state") == Some("CLOSE-WAIT"))
        .expect("CLOSE-WAIT");
    let text: String = merged
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<String>();
    assert_eq!(text.trim(), "ESTABLISHED → CLOSE-WAIT");
    for id in ["A", "B"] {
        let mut ys: Vec<f64> = groups(&doc, "state")
            .iter()
            .filter(|g| g.attribute("data-participant") == Some(id))
            .map(text_y)
            .collect();
        let n = ys.len();
        ys.sort_by(f64::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() < 1.0);
        assert_eq!(ys.len(), n, "{id}: two states on one row");
    }
}

/// Inferred states are named in the language shown: Chinese in `zh`, RFC names in `en`, both
/// in `both` when the diagram has Chinese text (RFC-notation figures stay English).
#[test]
fn inferred_states_are_named_in_the_language_shown() {
    let src = read("textbook-close.mmd").replace("    Note left of A: CLOSED\n", "");
    let named = |lang: LangChoice| {
        let mut o = options(CheckMode::Deny);
        o.lang = lang;
        let svg = pipeline::compile(&src, Kind::Sequence, &o)
            .expect("renders")
            .svg
            .expect("svg");
        let doc = roxmltree::Document::parse(&svg).expect("xml");
        let g = groups(&doc, "inferred");
        assert_eq!(g.len(), 1, "{lang:?}");
        g[0].descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect::<String>()
    };
    assert_eq!(named(LangChoice::Zh).trim(), "关闭");
    assert_eq!(named(LangChoice::En).trim(), "CLOSED");
    assert_eq!(named(LangChoice::Both).trim(), "关闭 CLOSED");
    // Figure 13 has no Chinese: its inferred FIN-WAIT-1 stays the RFC name under `both`.
    let svg = render(&read("rfc9293-figure13.mmd"), CheckMode::Deny);
    assert!(svg.contains(">FIN-WAIT-1</tspan>"));
}

/// A claim on `Note over A,B` wrong for both endpoints: each finding's code is written by
/// the state of the endpoint it is about, not both by the first.
#[test]
fn a_finding_at_a_shared_claim_stands_by_its_endpoint() {
    let src = "---\ncheck: tcp\n---\nsequenceDiagram\n    participant A\n    participant B\n    Note over A,B: ESTABLISHED\n    A->>B: FIN seq=1\n    Note over A,B: FIN-WAIT-2\n    B->>A: ACK ack=2\n";
    let svg = render(src, CheckMode::Warn);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let lifeline = |id: &str| {
        let g = groups(&doc, "participant")
            .into_iter()
            .find(|g| g.attribute("data-id") == Some(id))
            .expect(id);
        let l = g
            .descendants()
            .find(|n| n.has_tag_name("line"))
            .expect("lifeline");
        num(&l, "x1")
    };
    let (a, b) = (lifeline("A"), lifeline("B"));
    let xs: Vec<f64> = groups(&doc, "finding")
        .iter()
        .filter(|g| g.attribute("data-event").is_some())
        .map(|g| {
            let t = g
                .descendants()
                .find(|n| n.has_tag_name("text"))
                .expect("code");
            num(&t, "x")
        })
        .collect();
    assert_eq!(xs.len(), 2, "{svg}");
    let near = |x: f64| {
        if (x - a).abs() < (x - b).abs() {
            "A"
        } else {
            "B"
        }
    };
    let mut sides: Vec<&str> = xs.iter().map(|&x| near(x)).collect();
    sides.sort_unstable();
    assert_eq!(sides, ["A", "B"], "{xs:?} between {a} and {b}");
}

/// A shared claim wrong for one endpoint only marks that endpoint's state.
#[test]
fn a_shared_claim_marks_only_the_endpoint_it_is_wrong_for() {
    let src = "---\ncheck: tcp\n---\nsequenceDiagram\n    participant A\n    participant B\n    Note over A,B: ESTABLISHED\n    A->>B: FIN seq=1\n    Note over A,B: CLOSE-WAIT\n";
    let svg = render(src, CheckMode::Warn);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let marked: Vec<&str> = groups(&doc, "state")
        .iter()
        .filter(|g| classes(g).contains(&"finding"))
        .filter_map(|g| g.attribute("data-participant"))
        .collect();
    assert_eq!(marked, ["A"], "{svg}");
}

/// A silent event netfig inferred before a claim (a CLOSE in LISTEN, a user timeout) is
/// written by the claim, above its box, as the RFC's figures write `(Close)`; a 2MSL wait has
/// its bracket instead.
#[test]
fn an_inferred_silent_event_is_written_above_its_claim() {
    let src = "---\ncheck: tcp\n---\nsequenceDiagram\n    participant A\n    participant B\n    Note over B: LISTEN\n    Note over A: ESTABLISHED\n    A-xB: DATA seq=10 len=5\n    Note over A: CLOSED\n    Note over B: CLOSED\n";
    let svg = render(src, CheckMode::Deny);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    for (who, event, text) in [
        ("A", "user timeout", "(user timeout)"),
        ("B", "CLOSE", "(CLOSE)"),
    ] {
        let of = |class: &str| {
            groups(&doc, class)
                .into_iter()
                .find(|g| {
                    g.attribute("data-participant") == Some(who)
                        && g.attribute("data-event") == Some(event)
                })
                .unwrap_or_else(|| panic!("{who} {class}: {svg}"))
        };
        let (mark, claim) = (of("inferred"), of("claimed"));
        let written: String = mark
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(written.trim(), text);
        let rect = claim
            .children()
            .find(|n| n.has_tag_name("rect"))
            .expect("box");
        assert!(
            text_y(&mark) < num(&rect, "y"),
            "{who}: the event above its claim"
        );
    }
}
