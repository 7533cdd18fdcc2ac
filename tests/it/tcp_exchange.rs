//! TCP exchanges (`check: tcp` sequence diagrams, `tests/fixtures/exchange/`): the fixtures
//! report exactly their inline annotations, the RFC 9293 figures simulate to the RFC's state
//! columns, and every single mutation of a claim, a determined `ack` or a SYN/FIN is reported.

use crate::common;
use netfig::diagnostic::{Diagnostic, Severity, SourceFile};
use netfig::model::sequence::Event as Row;
use netfig::pipeline::{self, Kind};
use netfig::tcp::exchange::{self, claims, segment};
use netfig::tcp::State::{self, *};
use std::process::Command;

fn dir() -> std::path::PathBuf {
    common::root().join("tests/fixtures/exchange")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).expect("fixture exists")
}

fn diagnose(src: &str) -> Vec<Diagnostic> {
    pipeline::check(src, Kind::Sequence)
}

#[test]
fn exchange_fixtures_report_exactly_the_declared_diagnostics() {
    common::annotations::check_fixtures(&dir(), "mmd", "%%", 8, diagnose);
}

/// The figures and textbook exchanges that must pass, with each endpoint's states (the RFC
/// figures' columns, left and right).
pub(crate) const PASSING: &[(&str, &[State], &[State])] = &[
    (
        "rfc9293-figure6.mmd",
        &[Closed, SynSent, Established],
        &[Listen, SynReceived, Established],
    ),
    (
        "rfc9293-figure7.mmd",
        &[Closed, SynSent, SynReceived, Established],
        &[Closed, SynSent, SynReceived, Established],
    ),
    (
        "rfc9293-figure12.mmd",
        &[Established, FinWait1, FinWait2, TimeWait, Closed],
        &[Established, CloseWait, LastAck, Closed],
    ),
    (
        "rfc9293-figure13.mmd",
        &[Established, FinWait1, Closing, TimeWait, Closed],
        &[Established, FinWait1, Closing, TimeWait, Closed],
    ),
    (
        "textbook-handshake.mmd",
        &[Closed, SynSent, Established],
        &[Listen, SynReceived, Established],
    ),
    (
        "textbook-close.mmd",
        &[Established, FinWait1, FinWait2, TimeWait, Closed],
        &[Established, CloseWait, LastAck, Closed],
    ),
    (
        "plain-simultaneous-close.mmd",
        &[Established, FinWait1, Closing, TimeWait],
        &[Established, FinWait1, Closing, TimeWait],
    ),
    ("refused.mmd", &[Closed, SynSent, Closed], &[Closed]),
    ("reset.mmd", &[Established, Closed], &[Established, Closed]),
    (
        "unnamed-2msl.mmd",
        &[Established, FinWait1, FinWait2, TimeWait, Closed],
        &[Established, CloseWait, LastAck, Closed],
    ),
    (
        "lost-last-ack.mmd",
        &[Established, FinWait1, FinWait2, TimeWait, Closed],
        &[Established, CloseWait, LastAck, Closed],
    ),
];

/// Exchanges in the notation for old segments and reboots (RFC 9293 Figures 10 and 11), with
/// their columns. Not mutated: a first claim of a synchronized state is not determined there.
pub(crate) const NOTATION: &[(&str, &[State], &[State])] = &[
    ("rfc9293-figure10.mmd", &[Closed], &[Established, Closed]),
    ("old-duplicate.mmd", &[Listen], &[Listen, SynReceived]),
];

fn run(src: &str) -> exchange::Exchange {
    let (seq, warnings) = netfig::mermaid::sequence(src).expect("parses");
    assert!(warnings.is_empty(), "{warnings:?}");
    exchange::simulate(&seq, src)
}

#[test]
fn rfc_figures_simulate_to_the_rfc_columns() {
    for (name, left, right) in PASSING.iter().chain(NOTATION) {
        let src = read(name);
        let x = run(&src);
        let shown = SourceFile::new(*name, src.as_str()).render_all(&x.diagnostics);
        assert!(x.diagnostics.is_empty(), "{shown}");
        assert_eq!(x.endpoints.len(), 2, "{name}");
        assert_eq!(x.endpoints[0].columns(), left.to_vec(), "{name}: left");
        assert_eq!(x.endpoints[1].columns(), right.to_vec(), "{name}: right");
    }
    // CLOSED after TIME-WAIT is the inferred 2MSL timeout; the SYN-SENT of Figure 7 is the
    // SYN's, not inferred.
    let x = run(&read("rfc9293-figure12.mmd"));
    let last = x.endpoints[0].states.last().copied().expect("states");
    assert_eq!(last.inferred, Some(netfig::tcp::Event::Timeout2Msl));
    let x = run(&read("rfc9293-figure7.mmd"));
    assert!(x.endpoints[0].states.iter().all(|s| s.inferred.is_none()));
}

/// A silent event no note names is inferred where a claim needs it — out of a state a note
/// showed, at the end of the endpoint's part (a user timeout only with a segment unacked) —
/// and drawn: the 2MSL bracket, the event on the state it led to.
#[test]
fn silent_events_are_inferred_where_a_claim_needs_them() {
    use netfig::tcp::Event::{Close, Timeout2Msl, UserTimeout};
    let x = run(&read("unnamed-2msl.mmd"));
    let last = x.endpoints[0].states.last().copied().expect("states");
    assert_eq!((last.state, last.inferred), (Closed, Some(Timeout2Msl)));
    let out = pipeline::compile(&read("unnamed-2msl.mmd"), pipeline::Kind::Sequence, &{
        let mut o = pipeline::Options::default();
        o.check = pipeline::CheckMode::Deny;
        o
    })
    .expect("renders");
    let svg = out.svg.expect("svg");
    assert_eq!(svg.matches("class=\"timer 2msl\"").count(), 1, "{svg}");
    assert!(svg.contains("data-event=\"timeout 2MSL\""), "{svg}");
    // The fixture's own errors are the cases not inferred; the others are.
    let src = read("silent-events.mmd");
    let (seq, _) = netfig::mermaid::sequence(&src).expect("parses");
    let x = exchange::simulate(&seq, &src);
    let last = |id: &str| {
        let e = x.endpoints.iter().find(|e| e.participant == id).expect(id);
        let s = e.states.last().copied().expect("states");
        (s.state, s.inferred)
    };
    assert_eq!(last("A"), (Closed, Some(Close)));
    assert_eq!(last("G"), (Closed, Some(UserTimeout)));
    assert_eq!(last("B").1, None);
    assert_eq!(last("E"), (Established, None));
}

/// 1-based line of byte `at`.
fn line_of(src: &str, at: usize) -> usize {
    src[..at].matches('\n').count() + 1
}

/// `src` with the first `from` after the `:` on line `line` (1-based) replaced by `to`.
fn replace_on_line(src: &str, line: usize, from: &str, to: &str) -> Option<String> {
    let mut out = Vec::new();
    let mut done = false;
    for (n, l) in src.split('\n').enumerate() {
        if n + 1 == line && !done {
            let colon = l.find(':')? + 1;
            let at = l[colon..].find(from)? + colon;
            out.push(format!("{}{}{}", &l[..at], to, &l[at + from.len()..]));
            done = true;
        } else {
            out.push(l.to_string());
        }
    }
    done.then(|| out.join("\n"))
}

fn errors_at(src: &str, line: usize) -> bool {
    let file = SourceFile::new("m", src);
    diagnose(src)
        .iter()
        .any(|d| d.severity == Severity::Error && file.line_col(d.span.start).0 == line)
}

fn has_errors(src: &str) -> bool {
    diagnose(src).iter().any(|d| d.severity == Severity::Error)
}

/// A mutation that went unreported, for the failure message.
fn missed(name: &str, what: String, out: &mut Vec<String>) {
    out.push(format!("{name}: {what}"));
}

#[test]
fn every_single_mutation_is_reported() {
    let mut misses = Vec::new();
    let (mut claims_tried, mut acks_tried, mut drops_tried) = (0, 0, 0);
    // The reset figures are left out: a first claim of any synchronized state is consistent
    // with an ABORT and its RST.
    let mutated = PASSING
        .iter()
        .map(|(name, _, _)| *name)
        .filter(|name| !["refused.mmd", "reset.mmd"].contains(name));
    for name in mutated {
        let src = read(name);
        let (seq, _) = netfig::mermaid::sequence(&src).expect("parses");
        let x = exchange::simulate(&seq, &src);
        let mut sent = std::collections::BTreeSet::new();
        let starts: Vec<Option<usize>> = x
            .endpoints
            .iter()
            .map(|e| e.states.first().and_then(|s| s.at))
            .collect();
        for (i, row) in seq.events.iter().enumerate() {
            match row {
                Row::Note(n) => {
                    let lines: Vec<String> = n.text.lines.iter().map(|l| l.text()).collect();
                    let claims::Reading::Claim { state, text } =
                        claims::read(lines.iter().map(String::as_str))
                    else {
                        continue;
                    };
                    let line = line_of(&src, n.span.start);
                    let initial = starts.contains(&Some(i));
                    for other in State::ALL.into_iter().filter(|s| *s != state) {
                        let Some(m) = replace_on_line(&src, line, &text, other.name()) else {
                            panic!("{name}:{line}: cannot find `{text}`")
                        };
                        claims_tried += 1;
                        // A first claim sets where the endpoint starts: its contradiction shows
                        // later; any other is reported at the note.
                        let reported = if initial {
                            has_errors(&m)
                        } else {
                            errors_at(&m, line)
                        };
                        // A claim reached by an inferred silent event may name the state
                        // before it: the event then happens later, unseen.
                        let before_inferred = x.endpoints.iter().any(|e| {
                            e.states.windows(2).any(|w| {
                                w[1].at == Some(i) && w[1].inferred.is_some() && w[0].state == other
                            })
                        });
                        let excused =
                            (initial && consistent_start(state, other)) || before_inferred;
                        if !reported && !excused {
                            missed(
                                name,
                                format!("line {line}: claim {} → {}", state.name(), other.name()),
                                &mut misses,
                            );
                        }
                    }
                }
                Row::Message(m) if !m.is_self() => {
                    let line = line_of(&src, m.span.start);
                    let lines: Vec<String> = m.text.lines.iter().map(|l| l.text()).collect();
                    let (seg, _) = segment::parse_lines(lines.iter().map(String::as_str));
                    if x.checked_acks.contains(&i) {
                        let ack = seg.ack.as_ref().expect("a checked ack");
                        for changed in off_by_one(&ack.value) {
                            let written = ack.text.replace(&ack.value.to_string(), &changed);
                            let m = replace_on_line(&src, line, &ack.text, &written)
                                .expect("the ack is on the line");
                            acks_tried += 1;
                            if !errors_at(&m, line) {
                                missed(
                                    name,
                                    format!("line {line}: {} → {written}", ack.text),
                                    &mut misses,
                                );
                            }
                        }
                    }
                    // A retransmission (the same flag sent again) may be dropped: the original
                    // stands for it.
                    let flag = if seg.flags.syn { "SYN" } else { "FIN" };
                    let first = sent.insert((m.from, flag));
                    if (seg.flags.syn || seg.flags.fin) && first {
                        drops_tried += 2;
                        let without: String = src
                            .split('\n')
                            .enumerate()
                            .filter(|(n, _)| n + 1 != line)
                            .map(|(_, l)| l)
                            .collect::<Vec<_>>()
                            .join("\n");
                        if !has_errors(&without) {
                            missed(name, format!("line {line}: segment dropped"), &mut misses);
                        }
                        match drop_flag(&src, line, flag) {
                            Some(m) if has_errors(&m) => {}
                            _ => missed(
                                name,
                                format!("line {line}: {flag} flag dropped"),
                                &mut misses,
                            ),
                        }
                    }
                }
                _ => {}
            }
        }
    }
    assert!(
        claims_tried > 300 && acks_tried > 20 && drops_tried >= 20,
        "{claims_tried} {acks_tried} {drops_tried}"
    );
    assert!(
        misses.is_empty(),
        "{} unreported mutations:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

/// `n+1` and `n-1` as written.
fn off_by_one(n: &segment::Number) -> Vec<String> {
    match n {
        segment::Number::Literal(v) => {
            vec![v.wrapping_add(1).to_string(), v.wrapping_sub(1).to_string()]
        }
        segment::Number::Symbol { name, offset } => [offset + 1, offset - 1]
            .into_iter()
            .map(|o| {
                segment::Number::Symbol {
                    name: name.clone(),
                    offset: o,
                }
                .to_string()
            })
            .collect(),
    }
}

/// The message on `line` with its `flag` removed, in whichever notation it is written.
fn drop_flag(src: &str, line: usize, flag: &str) -> Option<String> {
    let candidates = [
        format!("<CTL={flag}>"),
        format!("{flag},"),
        format!(",{flag}"),
        format!("{flag}=1, "),
        format!("{flag}, "),
        format!("{flag}+"),
        flag.to_string(),
    ];
    candidates
        .iter()
        .find_map(|c| replace_on_line(src, line, c, ""))
}

/// A first claim changed to a state the rest of the diagram cannot contradict, because the
/// reference takes it to the same places:
/// * CLOSED → LISTEN: LISTEN --SEND / snd SYN--> SYN-SENT (Figure 5) sends the same SYN;
/// * LISTEN → SYN-SENT: the endpoint's own SYN is off the diagram, and SYN-SENT --rcv SYN /
///   snd SYN,ACK--> SYN-RECEIVED (simultaneous open) answers as LISTEN would;
/// * ESTABLISHED → SYN-RECEIVED: the handshake's last ACK is off the diagram, and
///   SYN-RECEIVED --CLOSE / snd FIN--> FIN-WAIT-1 and --rcv FIN / snd ACK--> CLOSE-WAIT
///   (3.10.7.4) go where ESTABLISHED goes.
fn consistent_start(claimed: State, changed_to: State) -> bool {
    [
        (Closed, Listen),
        (Listen, SynSent),
        (Established, SynReceived),
    ]
    .contains(&(claimed, changed_to))
}

fn netfig(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_netfig"))
        .args(args)
        .output()
        .expect("netfig runs")
}

#[test]
fn cli_check_and_render_deny_exit_1_on_findings() {
    let bad = dir().join("explainer-mistake.mmd");
    let good = dir().join("rfc9293-figure13.mmd");
    let bad = bad.to_str().expect("utf-8 path");
    let good = good.to_str().expect("utf-8 path");
    let out = netfig(&["check", bad]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("E-TCPX-002") && err.contains("FIN-WAIT-1"),
        "{err}"
    );
    assert_eq!(netfig(&["check", good]).status.code(), Some(0));
    let deny = netfig(&["render", bad, "-o", "-", "--check", "deny"]);
    assert_eq!(
        deny.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&deny.stderr)
    );
    assert!(deny.stdout.is_empty());
    let warn = netfig(&["render", bad, "-o", "-", "--check", "warn"]);
    assert_eq!(
        warn.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&warn.stderr)
    );
    assert!(String::from_utf8_lossy(&warn.stderr).contains("warning[E-TCPX-002]"));
    assert!(String::from_utf8_lossy(&warn.stdout).contains("TIME_WAIT"));
    // RFC notation is kept as text, escaped.
    let fig = netfig(&["render", good, "-o", "-"]);
    assert_eq!(
        fig.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&fig.stderr)
    );
    let svg = String::from_utf8_lossy(&fig.stdout);
    assert!(
        svg.contains("&lt;SEQ=100&gt;&lt;ACK=300&gt;&lt;CTL=FIN,ACK&gt;"),
        "{svg}"
    );
}

#[test]
fn books_check_exchanges_in_their_chapters() {
    let chapter = dir().join("chapter.md");
    let out = netfig(&["check", chapter.to_str().expect("utf-8 path")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("chapter.md:14:21: error[E-TCPX-002]"), "{err}");
}

/// The findings as `netfig check` prints them: the explainer's mistake and the wrong numbers.
#[test]
fn findings_render_like_every_diagnostic() {
    for name in ["explainer-mistake.mmd", "mistakes-numbers.mmd"] {
        let src = read(name);
        let text = SourceFile::new(name, src.as_str()).render_all(&diagnose(&src));
        insta::assert_snapshot!(name, text);
    }
}

mod generated {
    use super::diagnose;
    use proptest::prelude::*;

    /// One row of a generated exchange: a segment in any notation, a claim, an event note, or
    /// a `par` of two segments.
    fn row() -> impl Strategy<Value = String> {
        let flags = prop::sample::select(vec![
            "SYN", "SYN, ACK", "SYN+ACK", "ACK", "FIN", "FIN, ACK", "RST", "RST, ACK", "DATA", "",
        ]);
        let number = prop_oneof![
            (0u32..400).prop_map(|n| n.to_string()),
            ("[uvwxy]", 0i64..3).prop_map(|(s, o)| if o == 0 { s } else { format!("{s}+{o}") }),
        ];
        let segment = (
            flags,
            prop::option::of(number.clone()),
            prop::option::of(number),
            0..3usize,
        )
            .prop_map(|(f, seq, ack, notation)| {
                let mut t = match notation {
                    0 => f.to_string(),
                    1 => f
                        .split([',', '+'])
                        .map(str::trim)
                        .filter(|x| !x.is_empty())
                        .map(|x| format!("{x}=1, "))
                        .collect::<String>(),
                    _ => format!("<CTL={}>", f.replace(' ', "")),
                };
                if let Some(n) = seq {
                    t += &format!(" seq={n}");
                }
                if let Some(n) = ack {
                    t += &format!(" ack={n}");
                }
                t
            });
        // C makes A and B proxies: one TCB per connection.
        let arrow = prop::sample::select(vec![
            "A->>B", "B->>A", "A-xB", "B--xA", "A->>A", "A->>C", "C->>B", "B->>C",
        ]);
        let state = prop::sample::select(netfig::tcp::State::ALL.to_vec());
        let on = prop::sample::select(vec![
            "left of A",
            "right of B",
            "over A,B",
            "over B",
            "over C",
            "over A,C",
        ]);
        let event = prop::sample::select(vec!["(2 MSL)", "(Close)", "ABORT", "timeout", "reboot"]);
        prop_oneof![
            4 => (arrow.clone(), segment.clone()).prop_map(|(a, s)| format!("{a}: {s}")),
            2 => (on.clone(), state).prop_map(|(o, s)| format!("Note {o}: {}", s.name())),
            1 => (on, event).prop_map(|(o, e)| format!("Note {o}: {e}")),
            1 => (segment.clone(), segment).prop_map(|(a, b)| format!("par\nA->>B: {a}\nand\nB->>A: {b}\nend")),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: crate::common::proptest_cases(256), ..ProptestConfig::default() })]
        /// Any exchange is checked to a list of findings, never a panic, and every finding
        /// points into the diagram.
        #[test]
        fn any_exchange_is_checked_without_panic(rows in prop::collection::vec(row(), 0..24)) {
            let src = format!("---\ncheck: tcp\n---\nsequenceDiagram\nparticipant A\nparticipant B\n{}\n", rows.join("\n"));
            for d in diagnose(&src) {
                prop_assert!(d.span.end <= src.len(), "{:?}", d);
            }
            // And drawn as a ladder with its findings marked.
            let mut options = netfig::pipeline::Options::default();
            options.check = netfig::pipeline::CheckMode::Warn;
            let out = netfig::pipeline::compile(&src, netfig::pipeline::Kind::Sequence, &options);
            prop_assert!(out.is_ok_and(|o| o.svg.is_some()));
        }
    }
}

/// `(old duplicate)` and `(delayed)` mark a segment sent before the rows drawn: it only
/// arrives, its sender's state and numbers untouched. Unmarked, the same message is a SYN sent
/// from LISTEN (`SEND`), and the claim that A is still listening is reported.
#[test]
fn an_old_duplicate_only_arrives() {
    let src = read("old-duplicate.mmd");
    let x = run(&src);
    assert!(x.diagnostics.is_empty(), "{:?}", x.diagnostics);
    assert_eq!(x.endpoints[0].columns(), vec![Listen]);
    let unmarked = src.replace(" (old duplicate)", "");
    assert!(errors_at(&unmarked, 11), "A is SYN-SENT, not LISTEN");
    let delayed = src.replace("(old duplicate)", "(delayed)");
    assert!(!has_errors(&delayed));
    // A lost message marked `(delayed)` is sent (its arrival is drawn later).
    let sent = "---\ncheck: tcp\n---\nsequenceDiagram\n    Note left of A: CLOSED\n    A-xB: SYN seq=100 (delayed)\n    Note left of A: SYN-SENT\n";
    assert!(!has_errors(sent), "{:?}", diagnose(sent));
}

/// A note naming a reboot (`(REBOOT)`, `crash`, `重启`) loses the endpoint's TCB: it is
/// CLOSED, whatever it was, and answers the peer's next segment with a RST (Figure 10).
#[test]
fn a_reboot_loses_the_tcb() {
    let src = read("reboot-half-open.mmd");
    let x = run(&src);
    assert_eq!(x.endpoints[0].columns(), vec![Established, Closed]);
    assert_eq!(x.endpoints[1].columns(), vec![Established, Closed]);
    let reboot = x.endpoints[0].states[1];
    assert_eq!(reboot.via, exchange::Via::Silent);
    assert_eq!(x.diagnostics.len(), 1, "only the claim after the reboot");
    // Without the reboot, A's RST is an ABORT: CLOSED at the RST, not at the note.
    let without = src.replace("    Note left of A: (REBOOT)\n", "");
    assert_eq!(
        run(&without).endpoints[0].states[1].via,
        exchange::Via::Sent
    );
    let zh = src.replace("(REBOOT)", "主机重启");
    assert_eq!(run(&zh).endpoints[0].columns(), vec![Established, Closed]);
}

/// A participant talking to two peers holds one TCB per connection: each runs through the
/// reference apart, a note on it is about the connection its latest segment belongs to (or,
/// before any, its first), and its findings name the peer.
#[test]
fn a_proxy_has_one_tcb_per_connection() {
    let src = read("proxy.mmd");
    let (seq, _) = netfig::mermaid::sequence(&src).expect("parses");
    let x = exchange::simulate(&seq, &src);
    let columns = |id: &str| {
        x.endpoints
            .iter()
            .find(|e| e.participant == id)
            .expect(id)
            .columns()
    };
    assert_eq!(
        columns("P"),
        [
            Listen,
            SynReceived,
            Established,
            Closed,
            SynSent,
            Established,
            CloseWait,
            FinWait1
        ]
    );
    assert_eq!(
        columns("C"),
        [Closed, SynSent, Established, FinWait1, FinWait2]
    );
    assert_eq!(columns("S"), [Listen, SynReceived, Established, CloseWait]);
    // Without the two mistakes, it passes.
    let fixed = src
        .replace("    Note over P: ESTABLISHED\n    P->>C", "    P->>C")
        .replace("ack=302", "ack=901");
    assert!(diagnose(&fixed).is_empty(), "{:?}", diagnose(&fixed));
}
