//! mermaid `sequenceDiagram` constructs, one behaviour a test: what the front end resolves
//! each into (`netfig::mermaid::sequence` → `model::Sequence`).

use netfig::diagnostic::Diagnostic;
use netfig::model::sequence::{
    ArrowHead, BlockKind, Event, LineStyle, MessageAlign, NotePlacement, ParticipantKind, Sequence,
    SequenceNumber,
};
use netfig::model::{Lang, LangChoice};

/// The diagram of `body` (after a `sequenceDiagram` header); panics on errors.
fn seq(body: &str) -> (Sequence, Vec<Diagnostic>) {
    let src = format!("sequenceDiagram\n{body}");
    netfig::mermaid::sequence(&src).unwrap_or_else(|d| panic!("{src}\n{d:#?}"))
}

fn errors(body: &str) -> Vec<&'static str> {
    let src = format!("sequenceDiagram\n{body}");
    match netfig::mermaid::sequence(&src) {
        Ok(_) => Vec::new(),
        Err(d) => d.iter().filter(|d| d.is_error()).map(|d| d.code).collect(),
    }
}

fn ids(s: &Sequence) -> Vec<&str> {
    s.participants.iter().map(|p| p.id.as_str()).collect()
}

fn labels(s: &Sequence) -> Vec<String> {
    s.participants.iter().map(|p| p.label.text()).collect()
}

/// One letter an event: `m` message, `n` note, `[` block start, `|` section, `]` block end.
fn shape(s: &Sequence) -> String {
    s.events
        .iter()
        .map(|e| match e {
            Event::Message(_) => 'm',
            Event::Note(_) => 'n',
            Event::BlockStart(_) => '[',
            Event::Section { .. } => '|',
            Event::BlockEnd(_) => ']',
            _ => '?',
        })
        .collect()
}

#[test]
fn participants_are_ordered_by_declaration_then_first_mention() {
    let (s, _) = seq("participant B\nA->>B: x\nC->>A: y\nparticipant D\n");
    assert_eq!(ids(&s), ["B", "A", "C", "D"]);
    assert_eq!(labels(&s), ["B", "A", "C", "D"]);
}

#[test]
fn a_later_declaration_updates_kind_and_label_but_not_the_position() {
    let (s, _) = seq("A->>B: x\nactor B as Bob\n");
    assert_eq!(ids(&s), ["A", "B"]);
    assert_eq!(s.participants[1].kind, ParticipantKind::Actor);
    assert_eq!(s.participants[1].label.text(), "Bob");
}

#[test]
fn declared_shapes_and_aliases() {
    let (s, _) = seq(concat!(
        "participant API@{ \"type\": \"boundary\" } as Public API\n",
        "actor DB@{ \"type\": \"database\" } as User Database\n",
        "participant Q@{ \"type\": \"queue\", \"alias\": \"Jobs\" }\n",
        "participant I@{ \"type\": \"entity\", \"alias\": \"Internal\" } as External\n",
        "participant C@{\"type\":\"collections\"}\n",
        "actor P\n",
    ));
    let kinds: Vec<_> = s.participants.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            ParticipantKind::Boundary,
            ParticipantKind::Database,
            ParticipantKind::Queue,
            ParticipantKind::Entity,
            ParticipantKind::Collections,
            ParticipantKind::Actor,
        ]
    );
    // `as` wins over the `alias` attribute.
    assert_eq!(
        labels(&s),
        ["Public API", "User Database", "Jobs", "External", "C", "P"]
    );
}

#[test]
fn names_keep_spaces_dashes_and_other_punctuation() {
    let (s, _) = seq("Alice Smith->>Bob-in-Wonderland: hi\nA=B ->> x.y/z: ok\n");
    assert_eq!(
        ids(&s),
        ["Alice Smith", "Bob-in-Wonderland", "A=B", "x.y/z"]
    );
}

#[test]
fn every_arrow_gets_its_line_and_ends() {
    use ArrowHead::*;
    use LineStyle::*;
    let cases = [
        ("->", Solid, None, None),
        ("-->", Dotted, None, None),
        ("->>", Solid, Filled, None),
        ("-->>", Dotted, Filled, None),
        ("<<->>", Solid, Filled, Filled),
        ("<<-->>", Dotted, Filled, Filled),
        ("-x", Solid, Cross, None),
        ("--x", Dotted, Cross, None),
        ("-)", Solid, Open, None),
        ("--)", Dotted, Open, None),
        ("-|\\", Solid, HalfFilledTop, None),
        ("-|/", Solid, HalfFilledBottom, None),
        ("-\\\\", Solid, HalfOpenTop, None),
        ("-//", Solid, HalfOpenBottom, None),
        ("--|\\", Dotted, HalfFilledTop, None),
        ("--//", Dotted, HalfOpenBottom, None),
        ("/|-", Solid, None, HalfFilledTop),
        ("\\|-", Solid, None, HalfFilledBottom),
        ("//-", Solid, None, HalfOpenTop),
        ("\\\\-", Solid, None, HalfOpenBottom),
        ("/|--", Dotted, None, HalfFilledTop),
        ("\\\\--", Dotted, None, HalfOpenBottom),
    ];
    for (arrow, line, head, tail) in cases {
        let (s, _) = seq(&format!("Alice{arrow}Bob: text\n"));
        let m = s.messages().next().expect("one message");
        assert_eq!(ids(&s), ["Alice", "Bob"], "{arrow}");
        assert_eq!((m.line, m.head, m.tail), (line, head, tail), "{arrow}");
        assert_eq!(m.text.text(), "text", "{arrow}");
    }
}

#[test]
fn central_connections_mark_either_end() {
    let (s, _) = seq("A()->>B: a\nA->>()B: b\nA ()-->>() B: c\nA ()<<->>() B: d\n");
    let ends: Vec<_> = s
        .messages()
        .map(|m| (m.central_from, m.central_to))
        .collect();
    assert_eq!(
        ends,
        [(true, false), (false, true), (true, true), (true, true)]
    );
    assert_eq!(ids(&s), ["A", "B"]);
}

#[test]
fn self_messages_and_empty_text() {
    let (s, _) = seq("A->>A: \nA->>A:\n");
    assert!(s.messages().all(|m| m.is_self() && m.text.is_empty()));
}

#[test]
fn plus_and_minus_pair_activations_with_depth() {
    let (s, _) = seq(concat!(
        "Alice->>+John: one\n",
        "Alice->>+John: two\n",
        "John-->>-Alice: three\n",
        "John-->>-Alice: four\n",
    ));
    let bars: Vec<_> = s
        .activations
        .iter()
        .map(|a| (a.start, a.end, a.depth))
        .collect();
    assert_eq!(bars, [(0, Some(3), 0), (1, Some(2), 1)]);
}

#[test]
fn activate_statements_span_the_events_between_them() {
    let (s, _) = seq("A->>B: x\nactivate B\nB->>A: y\nB->>A: z\ndeactivate B\nA->>B: w\n");
    let a = s.activations[0];
    assert_eq!((a.start, a.end), (1, Some(2)));
    // Never deactivated: open to the end.
    let (s, _) = seq("activate B\nA->>B: x\n");
    assert_eq!(s.activations[0].end, None);
}

#[test]
fn notes_keep_the_authors_order_over_two_participants() {
    let (s, _) = seq(concat!(
        "Note left of A: l\n",
        "note right of B: r\n",
        "NOTE over B,A: o\n",
        "Note over C: c\n",
    ));
    let placements: Vec<_> = s.notes().map(|n| n.placement).collect();
    let p = |i| netfig::model::sequence::ParticipantId::new(i);
    assert_eq!(
        placements,
        [
            NotePlacement::LeftOf(p(0)),
            NotePlacement::RightOf(p(1)),
            NotePlacement::Over {
                first: p(1),
                last: Some(p(0))
            },
            NotePlacement::Over {
                first: p(2),
                last: None
            },
        ]
    );
}

#[test]
fn blocks_nest_with_sections_and_labels() {
    let (s, _) = seq(concat!(
        "alt is sick\n",
        "  B->>A: not so good\n",
        "else is well\n",
        "  loop every minute\n",
        "    B->>A: fresh\n",
        "  end\n",
        "end\n",
        "critical connect\n  A->>B: c\noption timeout\n  A->>A: log\noption refused\n  A->>A: log\nend\n",
    ));
    assert_eq!(shape(&s), "[m|[m]][m|m|m]");
    let kinds: Vec<_> = s.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [BlockKind::Alt, BlockKind::Loop, BlockKind::Critical]
    );
    let alt = &s.blocks[0];
    let sections: Vec<_> = alt.sections.iter().map(|x| x.label.text()).collect();
    assert_eq!(sections, ["is sick", "is well"]);
    assert_eq!((alt.start, alt.end, alt.depth), (0, 6, 0));
    assert_eq!(alt.sections[1].start, 2);
    let lp = &s.blocks[1];
    assert_eq!((lp.parent.map(|p| p.index()), lp.depth), (Some(0), 1));
    assert_eq!(s.blocks[2].sections.len(), 3);
}

#[test]
fn every_block_kind_and_rect_colours() {
    let (s, _) = seq(concat!(
        "opt o\nA->>B: x\nend\n",
        "par p\nA->>B: x\nand q\nA->>C: y\nend\n",
        "par_over po\nA->>B: x\nend\n",
        "break b\nA->>B: x\nend\n",
        "rect rgb(191, 223, 255)\nA->>B: x\nrect rgba(0, 0, 255, .1)\nA->>B: y\nend\nend\n",
    ));
    let kinds: Vec<_> = s.blocks.iter().map(|b| b.kind.keyword()).collect();
    assert_eq!(kinds, ["opt", "par", "par_over", "break", "rect", "rect"]);
    let fills: Vec<_> = s.blocks.iter().map(|b| b.fill.as_deref()).collect();
    assert_eq!(
        fills[4..],
        [Some("rgb(191, 223, 255)"), Some("rgba(0, 0, 255, .1)")]
    );
    assert!(s.blocks[4].sections[0].label.is_empty());
}

#[test]
fn autonumber_starts_steps_and_stops() {
    let (s, _) = seq(concat!(
        "A->>B: none\n",
        "autonumber\nA->>B: 1\nNote over A: notes are not numbered\nA->>B: 2\n",
        "autonumber 10 5\nA->>B: 10\nA->>B: 15\n",
        "autonumber off\nA->>B: none\n",
        "autonumber 1.5 .25\nA->>B: 1.5\nA->>B: 1.75\n",
    ));
    let numbers: Vec<_> = s
        .messages()
        .map(|m| m.number.map(|n| n.to_string()))
        .collect();
    // As in mermaid, the count runs for every message, numbered or not: the first message
    // took 1, so `autonumber` without a start shows 2 next.
    let want = [
        None,
        Some("2"),
        Some("3"),
        Some("10"),
        Some("15"),
        None,
        Some("1.5"),
        Some("1.75"),
    ];
    assert_eq!(numbers, want.map(|w| w.map(String::from)));
}

#[test]
fn sequence_numbers_keep_two_decimals_exactly() {
    assert_eq!(
        SequenceNumber::parse("10.1"),
        Some(SequenceNumber::whole(10).plus(SequenceNumber::parse(".1").unwrap()))
    );
    assert_eq!(
        SequenceNumber::parse(".01")
            .map(|n| n.to_string())
            .as_deref(),
        Some("0.01")
    );
    assert_eq!(SequenceNumber::parse("10.001"), None);
    assert_eq!(SequenceNumber::parse("."), None);
    assert_eq!(SequenceNumber::parse("1."), None);
    assert_eq!(SequenceNumber::parse("99999999999999999999"), None);
}

#[test]
fn create_and_destroy_attach_to_their_messages() {
    let (s, _) = seq(concat!(
        "Alice->>Bob: hi\n",
        "create participant Carl\n",
        "Alice->>Carl: Hi Carl!\n",
        "create actor D as Donald\n",
        "Carl->>D: Hi!\n",
        "destroy Carl\n",
        "Alice-xCarl: We are too many\n",
    ));
    let c = s.participant(s.participant_by_id("Carl").unwrap());
    assert_eq!((c.created, c.destroyed), (Some(1), Some(3)));
    let d = s.participant(s.participant_by_id("D").unwrap());
    assert_eq!(
        (d.kind, d.label.text(), d.created),
        (ParticipantKind::Actor, "Donald".into(), Some(2))
    );
}

#[test]
fn boxes_take_a_colour_then_a_title() {
    let (s, _) = seq(concat!(
        "box Purple Alice & John\nparticipant A\nparticipant J\nend\n",
        "box Another Group\nparticipant B\nend\n",
        "box rgb(33, 66, 99)\nparticipant C\nend\n",
        "A->>B: x\n",
    ));
    let boxes: Vec<_> = s
        .boxes
        .iter()
        .map(|b| {
            (
                b.fill.as_deref(),
                b.title.as_ref().map(|t| t.text()),
                b.members.len(),
            )
        })
        .collect();
    assert_eq!(
        boxes,
        [
            (Some("Purple"), Some("Alice & John".to_string()), 2),
            (None, Some("Another Group".to_string()), 1),
            (Some("rgb(33, 66, 99)"), None, 1),
        ]
    );
    assert_eq!(s.participants[0].group, Some(0));
}

#[test]
fn links_merge_in_order_with_the_last_url_winning() {
    let (s, _) = seq(concat!(
        "participant a as Alice\n",
        "links a: { \"Repo\": \"https://repo/\", \"Dashboard\": \"https://dash/\" }\n",
        "link a: Tests @ https://tests/?svc=alice@contoso.com\n",
        "link a: Repo @ https://repo2/\n",
    ));
    let links: Vec<_> = s.participants[0]
        .links
        .iter()
        .map(|l| (l.label.as_str(), l.url.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("Repo", "https://repo2/"),
            ("Dashboard", "https://dash/"),
            ("Tests", "https://tests/?svc=alice@contoso.com"),
        ]
    );
}

#[test]
fn titles_and_accessibility_text() {
    let (s, _) = seq(
        "title: Diagram Title\naccTitle: The title\naccDescr {\nline one\nline two\n}\nA->>B: x\n",
    );
    assert_eq!(s.title.map(|t| t.text()).as_deref(), Some("Diagram Title"));
    assert_eq!(s.acc_title.as_deref(), Some("The title"));
    assert_eq!(s.acc_descr.as_deref(), Some("line one\nline two"));
    let (s, _) = seq("title Plain title\naccDescr: one line; with a semicolon\n");
    assert_eq!(s.title.map(|t| t.text()).as_deref(), Some("Plain title"));
    assert_eq!(s.acc_descr.as_deref(), Some("one line; with a semicolon"));
}

#[test]
fn line_breaks_and_entity_codes_in_labels() {
    let (s, _) = seq(concat!(
        "participant A as Alice<br/>Johnson\n",
        "A->>B: I #9829; you #infin; times<br>more\n",
        "Note over A,B: two<br />lines\n",
    ));
    let lines = |l: &netfig::model::Label| l.lines.iter().map(|x| x.text()).collect::<Vec<_>>();
    assert_eq!(lines(&s.participants[0].label), ["Alice", "Johnson"]);
    let m = s.messages().next().unwrap();
    assert_eq!(lines(&m.text), ["I ♥ you ∞ times", "more"]);
    assert_eq!(lines(&s.notes().next().unwrap().text), ["two", "lines"]);
}

#[test]
fn semicolons_separate_statements_and_comments_are_skipped() {
    let (s, w) = seq("%% a comment\nA->>B: one;B->>A: two; %% trailing\n");
    assert_eq!(shape(&s), "mm");
    assert!(w.is_empty(), "{w:?}");
    let src = "sequenceDiagram;Alice->Bob: Hello;Note right of Bob: thinks;Bob-->Alice: fine;";
    let (s, _) = netfig::mermaid::sequence(src).expect("parses");
    assert_eq!(shape(&s), "mnm");
}

#[test]
fn keywords_are_case_insensitive_whole_words() {
    let (s, _) =
        seq("PARTICIPANT A\nActor B\nNote Over A: x\nLOOP l\nA->>B: y\nEND\nloopy->>A: z\n");
    assert_eq!(ids(&s), ["A", "B", "loopy"]);
    assert_eq!(shape(&s), "n[m]m");
}

#[test]
fn wrap_prefixes_and_the_wrap_setting() {
    let (s, _) = seq("A->>B:wrap: long\nA->>B:nowrap: short\nA->>B: plain\n");
    let wraps: Vec<_> = s.messages().map(|m| (m.wrap, m.text.text())).collect();
    assert_eq!(
        wraps,
        [
            (true, "long".into()),
            (false, "short".into()),
            (false, "plain".into())
        ]
    );
    let src = "%%{init: {'theme': 'dark'}}%%\nsequenceDiagram\n%%{\nwrap\n}%%\nA->>B: x\nNote over A: y\n";
    let (s, w) = netfig::mermaid::sequence(src).expect("parses");
    assert!(w.is_empty(), "{w:?}");
    assert!(s.messages().all(|m| m.wrap) && s.notes().all(|n| n.wrap));
    assert_eq!(s.config.theme.as_deref(), Some("dark"));
}

#[test]
fn front_matter_sets_title_and_sequence_settings() {
    let src = concat!(
        "---\ntitle: Handshake\nconfig:\n  theme: base\n  themeVariables:\n    actorBkg: '#ffeecc'\n",
        "  sequence:\n    mirrorActors: false\n    rightAngles: true\n    messageAlign: left\n",
        "    actorMargin: 80\n    showSequenceNumbers: true\n---\nsequenceDiagram\nA->>B: x\n",
    );
    let (s, w) = netfig::mermaid::sequence(src).expect("parses");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        s.title.as_ref().map(|t| t.text()).as_deref(),
        Some("Handshake")
    );
    let c = &s.config;
    assert!(!c.mirror_actors && c.right_angles);
    assert_eq!(
        (c.message_align, c.actor_margin),
        (MessageAlign::Left, Some(80.0))
    );
    assert_eq!(
        c.theme_variables,
        [("actorBkg".to_string(), "#ffeecc".to_string())]
    );
    assert_eq!(
        s.messages().next().unwrap().number,
        Some(SequenceNumber::whole(1))
    );
    // Defaults: mirrored, as in mermaid.
    assert!(seq("A->>B: x\n").0.config.mirror_actors);
}

#[test]
fn select_lang_reduces_every_label() {
    let (s, _) = seq("participant A as 客户端<br>Client\nA->>B: 连接<br>connect\nloop 重试<br>retry\nA->>B: x\nend\n");
    let zh = s.select_lang(LangChoice::Zh);
    assert_eq!(zh.participants[0].label.text(), "客户端");
    assert_eq!(zh.messages().next().unwrap().text.text(), "连接");
    assert_eq!(zh.blocks[0].sections[0].label.lines[0].lang, Lang::Zh);
    let en = s.select_lang(LangChoice::En);
    assert_eq!(en.participants[0].label.text(), "Client");
}

#[test]
fn what_mermaids_database_rejects_is_an_error() {
    assert_eq!(errors("A->>+B: x\nB-->>-A: y\nB-->>-A: z\n"), ["E-SEQ-012"]);
    assert_eq!(
        errors("A->>B: x\ncreate participant B\nA->>B: y\n"),
        ["E-SEQ-013"]
    );
    assert_eq!(errors("create participant C\nA->>B: y\n"), ["E-SEQ-014"]);
    assert_eq!(errors("destroy C\nA->>B: y\n"), ["E-SEQ-015"]);
    assert_eq!(
        errors("box One\nparticipant A\nend\nbox Two\nparticipant A\nend\n"),
        ["E-SEQ-016"]
    );
    assert!(errors("A->>B: x\n").is_empty());
}

#[test]
fn a_hash_inside_a_name_is_part_of_it_but_a_hash_after_a_statement_is_a_comment() {
    let (s, w) = seq("C#->>F#: x\nparticipant G # comment\n");
    assert_eq!(ids(&s), ["C#", "F#", "G"]);
    assert_eq!(w.iter().map(|d| d.code).collect::<Vec<_>>(), ["W-SEQ-001"]);
}

#[test]
fn a_declared_id_runs_to_the_first_as() {
    let (s, _) = seq("participant Alice Smith as A as B\nparticipant C@{ \"type\": \"queue\" } as Jobs\nparticipant a@b\n");
    assert_eq!(ids(&s), ["Alice Smith", "C", "a@b"]);
    assert_eq!(labels(&s), ["A as B", "Jobs", "a@b"]);
}
