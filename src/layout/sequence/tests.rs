use super::*;
use crate::model::sequence::Event;

fn laid(src: &str) -> (Sequence, SequenceLayout) {
    let (seq, _) = crate::mermaid::sequence(src).expect("parses");
    let l = layout(&seq);
    (seq, l)
}

fn assert_no_overlaps(l: &SequenceLayout) {
    let problems = l.problems();
    assert!(problems.is_empty(), "{problems:#?}");
}

const EVERYTHING: &str = "sequenceDiagram
    title Handshake 握手
    autonumber
    actor C as Client 客户端
    participant S as Server
    participant DB@{ \"type\": \"database\" }
    C->>+S: SYN seq=x<br/>a second line
    S-->>-C: SYN+ACK seq=y ack=x+1
    loop every minute
        C-)S: keepalive
        alt is sick
            S->>S: self check with a long label
        else is well
            S->>DB: query
            Note over S,DB: a note over two
        end
    end
    Note left of C: left note
    Note right of DB: right note
    par one
        C->>S: a
    and two
        C->>DB: b
    end
    C-xS: bye
";

#[test]
fn labels_never_overlap_each_other_notes_or_block_headers() {
    let (_, l) = laid(EVERYTHING);
    assert_no_overlaps(&l);
}

#[test]
fn every_label_fits_its_box() {
    let (_, l) = laid(EVERYTHING);
    for (r, t) in l.boxed_labels() {
        assert!(
            r.contains(&text_rect(t), 0.01),
            "{:?} not in {r:?}",
            t.label
        );
    }
    for m in &l.messages {
        if let (Some(b), Some(t)) = (m.label_box, &m.label) {
            assert!(b.contains(&text_rect(t), 0.01));
        }
    }
}

#[test]
fn everything_is_inside_the_drawing() {
    let (_, l) = laid(EVERYTHING);
    let page = Rect::new(0.0, 0.0, l.width, l.height);
    let mut all: Vec<Rect> = l.messages.iter().filter_map(|m| m.label_box).collect();
    all.extend(l.notes.iter().map(|n| n.rect));
    all.extend(l.participants.iter().map(|p| p.head));
    all.extend(
        l.participants
            .iter()
            .filter_map(|p| p.foot.as_ref().map(|f| f.0)),
    );
    all.extend(l.blocks.iter().map(|b| b.rect));
    all.extend(l.activations.iter().copied());
    for r in all {
        assert!(page.contains(&r, 0.01), "{r:?} outside {page:?}");
    }
}

#[test]
fn participants_are_as_far_apart_as_their_longest_message_needs() {
    let short = laid("sequenceDiagram\nA->>B: x\nB->>C: y\n").1;
    let long = "a very long message label that needs much more room than the boxes";
    let (_, l) = laid(&format!(
        "sequenceDiagram\nA->>B: x\nB->>C: y\nA->>C: {long}\n"
    ));
    let w = crate::text::label_size(&Label::plain(long), l.font_size).width;
    let (a, c) = (l.participants[0].x, l.participants[2].x);
    assert!(c - a > w, "{} <= {w}", c - a);
    assert!(c - a > short.participants[2].x - short.participants[0].x);
    let b = l.messages[2].label_box.expect("label");
    assert!(b.x >= a && b.right() <= c, "{b:?} between {a} and {c}");
    // Neighbours keep mermaid's default margin between boxes.
    let (p, q) = (&short.participants[0], &short.participants[1]);
    assert!((q.head.x - p.head.right() - 50.0).abs() < 1e-9);
}

#[test]
fn self_messages_loop_right_of_their_lifeline() {
    let (_, l) = laid("sequenceDiagram\nA->>A: think\nA->>B: done\n");
    let m = &l.messages[0];
    let x = l.participants[0].x;
    assert_eq!(m.points.len(), 4);
    assert_eq!(m.points[0].x, x);
    assert_eq!(m.points[3].x, x);
    assert!(m.points[1].x > x && m.points[3].y > m.points[0].y);
    let b = m.label_box.expect("label");
    assert!(b.x > x && b.bottom() <= m.points[0].y);
    // The next row starts below the loop.
    assert!(l.messages[1].label_box.expect("label").y > m.points[3].y);
}

#[test]
fn rows_grow_with_label_lines() {
    let one = laid("sequenceDiagram\nA->>B: first\nA->>B: one\n").1;
    let three = laid("sequenceDiagram\nA->>B: first\nA->>B: one<br>two<br>three\n").1;
    let gap = |l: &SequenceLayout| l.messages[1].points[0].y - l.messages[0].points[0].y;
    let lh = one.font_size * crate::text::LINE_HEIGHT;
    assert!((gap(&three) - gap(&one) - 2.0 * lh).abs() < 1e-9);
    let (a, b) = (
        three.messages[0].points[0].y,
        three.messages[1].label_box.expect("label").y,
    );
    assert!(a < b, "the three lines start below the previous arrow");
}

#[test]
fn nested_blocks_indent_and_sections_divide() {
    let (seq, l) =
        laid("sequenceDiagram\nloop outer\nalt yes\nA->>B: a\nelse no\nB->>A: b\nend\nend\n");
    let (outer, inner) = (l.blocks[0].rect, l.blocks[1].rect);
    assert!(outer.x < inner.x && inner.right() < outer.right());
    assert!(outer.y < inner.y && inner.bottom() < outer.bottom());
    assert_eq!(l.blocks[1].sections.len(), 2);
    let divider = l.blocks[1].sections[1].0;
    let (a, b) = (l.messages[0].points[0].y, l.messages[1].points[0].y);
    assert!(a < divider && divider < b);
    assert_eq!(seq.blocks[1].parent.map(|p| p.index()), Some(0));
}

#[test]
fn activations_nest_and_messages_end_at_the_bar() {
    let (_, l) = laid("sequenceDiagram\nA->>+B: one\nA->>+B: two\nB-->>-A: three\nB-->>-A: four\n");
    let (outer, inner) = (l.activations[0], l.activations[1]);
    assert!(inner.x > outer.x, "nested bar offset");
    assert!(outer.y <= inner.y && inner.bottom() <= outer.bottom());
    // The first message stops at the left edge of the bar it opens.
    assert_eq!(l.messages[0].points[1].x, outer.x);
    assert_eq!(outer.y, l.messages[0].points[0].y);
    assert_eq!(outer.bottom(), l.messages[3].points[0].y);
}

#[test]
fn created_participants_appear_at_their_row_and_destroyed_ones_end_in_their_bottom_box() {
    let src = "sequenceDiagram\nA->>B: hi\ncreate participant C\nA->>C: make\ndestroy C\nA-xC: bye\ndestroy B\nB->>A: agree\nA->>A: after\n";
    let (seq, l) = laid(src);
    let c = seq.participant_by_id("C").expect("C").index();
    let b = seq.participant_by_id("B").expect("B").index();
    let (pc, make) = (&l.participants[c], &l.messages[1]);
    let y = make.points[0].y;
    assert!(
        pc.head.y < y && y < pc.head.bottom(),
        "box around the creating line"
    );
    assert_eq!(make.points[1].x, pc.head.x, "the line ends at the box");
    // Mirrored (the default), as in mermaid: the bottom box sits on the destroying message,
    // which ends (or, from the destroyed participant, starts) at its edge.
    for (p, msg, end) in [(c, &l.messages[2], 1), (b, &l.messages[3], 0)] {
        let p = &l.participants[p];
        let (foot, _) = p.foot.as_ref().expect("a bottom box where it is destroyed");
        let y = msg.points[end].y;
        assert!(foot.y < y && y < foot.bottom(), "{foot:?} around {y}");
        assert_eq!(msg.points[end].x, foot.x, "the line meets the box");
        assert_eq!(p.lifeline.1, foot.y);
        assert!(p.cross.is_none());
        let after = l.messages[4].points[0].y;
        assert!(foot.bottom() < after, "the next message is below the box");
    }
    let (a_foot, _) = l.participants[0].foot.as_ref().expect("A's bottom box");
    assert!(a_foot.y > l.messages[4].points[2].y);
    assert_no_overlaps(&l);
    // Not mirrored: the lifeline ends in a cross on the destroying message.
    let (_, l) = laid(&src.replace(
        "sequenceDiagram",
        "---\nconfig:\n  sequence:\n    mirrorActors: false\n---\nsequenceDiagram",
    ));
    let pc = &l.participants[c];
    let cross = pc.cross.expect("destroyed");
    assert_eq!(cross.y, l.messages[2].points[0].y);
    assert_eq!(pc.lifeline.1, cross.y);
    assert!(pc.foot.is_none());
    assert!(matches!(seq.events[1], Event::Message(_)));
}

#[test]
fn a_bar_opened_by_the_creating_message_starts_under_the_new_box() {
    // mermaid's sequencediagram.spec.js (c1_createdestroy2): `create actor Lola` then
    // `Alice->>+Lola`: the bar must not cross the stick figure's name.
    for kind in ["participant", "actor"] {
        let src = format!(
            "sequenceDiagram\nA->>B: hi\ncreate {kind} L as Lola\nA->>+L: yes\nL-->>-A: ok\n"
        );
        let (seq, l) = laid(&src);
        let p = seq.participant_by_id("L").expect("L").index();
        let (head, bar) = (l.participants[p].head, l.activations[0]);
        assert!(bar.y >= head.bottom(), "{kind}: {bar:?} starts in {head:?}");
        assert_eq!(bar.bottom(), l.messages[2].points[0].y, "{kind}");
        assert_no_overlaps(&l);
    }
}

#[test]
fn mirror_actors_off_draws_no_bottom_boxes() {
    let (_, l) = laid(
        "---\nconfig:\n  sequence:\n    mirrorActors: false\n---\nsequenceDiagram\nA->>B: hi\n",
    );
    assert!(l.participants.iter().all(|p| p.foot.is_none()));
}

#[test]
fn autonumbers_sit_at_the_line_start() {
    let (_, l) = laid("sequenceDiagram\nautonumber 10 5\nA->>B: a\nB->>A: b\n");
    let (c, r, t) = l.messages[1].number.as_ref().expect("numbered");
    assert_eq!(*c, l.messages[1].points[0]);
    assert!(*r > 0.0);
    assert_eq!(t.label.text(), "15");
}

#[test]
fn groups_are_behind_their_members() {
    let (_, l) = laid("sequenceDiagram\nbox Aqua Team\nparticipant A\nparticipant B\nend\nparticipant C\nA->>C: hi\n");
    let g = &l.groups[0];
    for p in &l.participants[..2] {
        assert!(g.rect.contains(&p.head, 0.0));
    }
    assert!(!g.rect.overlaps(&l.participants[2].head, 0.0));
    let title = g.title.as_ref().expect("title");
    assert!(text_rect(title).bottom() <= l.participants[0].head.y);
}

#[test]
fn layout_is_deterministic() {
    let (seq, l) = laid(EVERYTHING);
    assert_eq!(layout(&seq), l);
}

#[test]
fn block_and_section_labels_are_bracketed_as_mermaid_shows_them() {
    let (_, l) = laid(
        "sequenceDiagram
    loop every minute
        A->>B: ping
    end
    alt is sick<br/>really
        A->>B: x
    else
        A->>B: y
    end
    rect rgb(1, 2, 3)
        A->>B: z
    end
",
    );
    let labels: Vec<Vec<String>> = l
        .blocks
        .iter()
        .map(|b| {
            b.sections
                .iter()
                .map(|(_, t)| t.as_ref().map_or(String::new(), |t| t.label.text()))
                .collect()
        })
        .collect();
    assert_eq!(
        labels,
        [
            vec!["[every minute]".to_string()],
            vec!["[is sick\nreally]".to_string(), String::new()],
            vec![String::new()],
        ]
    );
}

#[test]
fn settings_that_apply_change_the_drawing() {
    let with = |settings: &str, body: &str| {
        laid(&format!(
            "---\nconfig:\n  sequence:\n{settings}---\nsequenceDiagram\n{body}"
        ))
        .1
    };
    let gap = |l: &SequenceLayout| l.participants[1].head.x - l.participants[0].head.right();
    let body = "A->>B: x\n";
    assert_eq!(gap(&with("    actorMargin: 50\n", body)), 50.0);
    assert_eq!(gap(&with("    actorMargin: 120\n", body)), 120.0);
    let label_x = |align: &str| {
        let l = with(&format!("    messageAlign: {align}\n"), body);
        let m = &l.messages[0];
        let r = m.label_box.expect("label");
        (r.x - m.points[0].x, m.points[1].x - r.right())
    };
    let (left, center, right) = (label_x("left"), label_x("center"), label_x("right"));
    assert!(
        left.0 < center.0 && center.0 < right.0,
        "{left:?} {center:?} {right:?}"
    );
    assert!((center.0 - center.1).abs() < 0.01);
    let long = "A->>B: a long message that would need far more than two hundred pixels\n";
    let lines = |settings: &str| {
        with(settings, long).messages[0]
            .label
            .as_ref()
            .map_or(0, |t| t.label.lines.len())
    };
    assert_eq!(lines("    wrap: false\n"), 1);
    assert!(lines("    wrap: true\n") > 1);
    let numbered = with("    showSequenceNumbers: true\n", body);
    assert!(numbered.messages[0].number.is_some());
    assert!(with("    mirrorActors: true\n", body).messages[0]
        .number
        .is_none());
}

/// A ladder built by hand (the layout never sees the check): claims become states beside the
/// lifelines, a `par` block's segments cross, a lost one stops halfway, a timer brackets the
/// wait, a finding's code is placed, and nothing overlaps.
#[test]
fn a_ladder_places_states_flights_timers_and_findings() {
    use crate::model::ladder::{Finding, Flight, Ladder, Moment, StateMark, Timer};
    let src = "sequenceDiagram
    participant A
    participant B
    Note over A,B: ONE
    par
        A->>B: x
    and
        B->>A: y
    end
    A-xB: lost
    Note left of A: wait
";
    let (seq, plain) = laid(src);
    let at = |text: &str| {
        seq.events
            .iter()
            .position(|e| match e {
                Event::Message(m) => m.text.text() == text,
                Event::Note(n) => n.text.text() == text,
                _ => false,
            })
            .expect("row")
    };
    let (claim, x, y, lost, wait) = (at("ONE"), at("x"), at("y"), at("lost"), at("wait"));
    let par_end = seq.blocks[0].end;
    let mark = |state: &str, at: Moment, claimed: bool| StateMark {
        state: state.into(),
        text: Label::plain(state),
        at,
        claimed,
        event: None,
    };
    let ladder = Ladder {
        lanes: vec![
            vec![
                mark("ONE", Moment::Note(claim), true),
                mark("TWO", Moment::Arrived(y), false),
                mark("THREE", Moment::Note(wait), false),
            ],
            vec![mark("ONE", Moment::Note(claim), true)],
        ],
        flights: vec![
            Flight {
                event: x,
                group: x,
                arrives: par_end,
                lost: false,
                old: false,
            },
            Flight {
                event: y,
                group: x,
                arrives: par_end,
                lost: false,
                old: false,
            },
            Flight {
                event: lost,
                group: lost,
                arrives: lost,
                lost: true,
                old: false,
            },
        ],
        timers: vec![Timer {
            participant: 0,
            name: "2MSL".into(),
            from: Moment::Arrived(y),
            to: Moment::Note(wait),
        }],
        findings: vec![Finding {
            event: lost,
            participant: None,
            code: "E-TCPX-003".into(),
            message: "lost here".into(),
        }],
    };
    let l = layout_ladder(&seq, &ladder);
    assert!(plain.ladder.is_none() && !plain.blocks[0].hidden);
    assert!(l.blocks[0].hidden, "the par frame is not drawn");
    assert_eq!(
        l.notes.len(),
        1,
        "the claim is a state, `wait` stays a note"
    );
    let lad = l.ladder.as_ref().expect("ladder");
    let (ax, bx) = (l.participants[0].x, l.participants[1].x);
    for s in &lad.states {
        if s.participant == 0 {
            assert!(s.rect.right() < ax, "{s:?}");
        } else {
            assert!(s.rect.x > bx, "{s:?}");
        }
        assert_eq!(s.claimed, s.state == "ONE");
    }
    let line = |e: usize| {
        l.messages
            .iter()
            .find(|m| m.event == e)
            .expect("msg")
            .points
            .clone()
    };
    let (px, py) = (line(x), line(y));
    assert_eq!(px[0].y, py[0].y, "sent together");
    assert_eq!(px[1].y, py[1].y, "arrive together");
    assert!(px[1].y > px[0].y && (px[0].x - ax).abs() < 1e-9 && (py[0].x - bx).abs() < 1e-9);
    let pl = line(lost);
    assert!((pl[1].x - (ax + bx) / 2.0).abs() < 1e-9, "stops halfway");
    let seg = lad
        .segments
        .iter()
        .find(|s| s.event == lost)
        .expect("segment");
    assert_eq!(seg.cross, Some(pl[1]));
    // The inferred TWO stands at y's arrival, the timer runs from there.
    let two = lad.states.iter().find(|s| s.state == "TWO").expect("TWO");
    assert!((two.label.center.y - py[1].y).abs() < 1e-9);
    let t = &lad.timers[0];
    assert!((t.points[0].y - py[1].y).abs() < 1e-9 && t.points[0].x < t.points[1].x);
    assert_eq!(lad.findings.len(), 1);
    assert!(lad.findings[0].label.top > pl[0].y);
    let problems = l.problems();
    assert!(problems.is_empty(), "{problems:#?}");
    // Written across a segment's line, a state is reported.
    let mut moved = l.clone();
    if let Some(lad) = moved.ladder.as_mut() {
        let mid = Point::new((pl[0].x + pl[1].x) / 2.0, (pl[0].y + pl[1].y) / 2.0);
        lad.states[0].rect = Rect::new(mid.x - 20.0, mid.y - 10.0, 40.0, 20.0);
    }
    let problems = moved.problems();
    assert!(
        problems.iter().any(|p| p.contains("crosses state ONE")),
        "{problems:#?}"
    );
}

/// An endpoint between two others writes a state on the side away from the segment that
/// enters it: right of its lifeline for one from the left, left for one from the right; the
/// columns leave room on both sides.
#[test]
fn a_middle_endpoint_writes_away_from_the_segment() {
    use crate::model::ladder::{Flight, Ladder, Moment, StateMark};
    let src = "sequenceDiagram
    participant A
    participant B
    participant C
    A->>B: a
    C->>B: c
";
    let (seq, _) = laid(src);
    let mark = |state: &str, e: usize| StateMark {
        state: state.into(),
        text: Label::plain(&format!("{state} A LONG STATE NAME")),
        at: Moment::Arrived(e),
        claimed: false,
        event: None,
    };
    let lone = |e: usize| Flight {
        event: e,
        group: e,
        arrives: e,
        lost: false,
        old: false,
    };
    let ladder = Ladder {
        lanes: vec![vec![], vec![mark("FROM-A", 0), mark("FROM-C", 1)], vec![]],
        flights: vec![lone(0), lone(1)],
        timers: Vec::new(),
        findings: Vec::new(),
    };
    let l = layout_ladder(&seq, &ladder);
    let bx = l.participants[1].x;
    let lad = l.ladder.as_ref().expect("ladder");
    let at = |s: &str| lad.states.iter().find(|m| m.state == s).expect(s).rect;
    assert!(at("FROM-A").x > bx, "{:?} right of {bx}", at("FROM-A"));
    assert!(at("FROM-C").right() < bx, "{:?} left of {bx}", at("FROM-C"));
    // Room on both sides: the states clear the neighbours' lifelines.
    assert!(at("FROM-A").right() < l.participants[2].x);
    assert!(at("FROM-C").x > l.participants[0].x);
    let problems = l.problems();
    assert!(problems.is_empty(), "{problems:#?}");
}
