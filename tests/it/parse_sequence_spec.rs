//! The cases of mermaid's own parser spec (`packages/mermaid/src/diagrams/sequence/
//! sequenceDiagram.spec.ts`, MIT), as data: what it accepts parses without errors here, and
//! what it rejects (its parser or its `sequenceDb` throws) is an error here, with a code and a
//! position. Each case is named after the spec's `it(…)`.

/// `(spec test, source)`: mermaid parses these.
const ACCEPTS: &[(&str, &str)] = &[
    ("should handle a sequenceDiagram definition", "sequenceDiagram\nAlice->Bob:Hello Bob, how are you?\nNote right of Bob: Bob thinks\nBob-->Alice: I am good thanks!"),
    ("should show sequence numbers when autonumber is enabled", "sequenceDiagram\nautonumber\nAlice->Bob:Hello Bob, how are you?\nNote right of Bob: Bob thinks\nBob-->Alice: I am good thanks!"),
    ("should allow sequence numbers to have decimals up to the hundredths place", "sequenceDiagram\nautonumber 10.1 .01\nAlice->Bob:Hello Bob, how are you?\nBob-->Alice: I am good thanks!\n"),
    ("should handle a sequenceDiagram definition with a title:", "sequenceDiagram\ntitle: Diagram Title\nAlice->Bob:Hello Bob, how are you?"),
    ("should handle a sequenceDiagram definition with a title without a :", "sequenceDiagram\ntitle Diagram Title\nAlice->Bob:Hello Bob, how are you?"),
    ("with a accessibility title and description (accDescr)", "sequenceDiagram\ntitle: Diagram Title\naccTitle: This is the title\naccDescr: Accessibility Description\nAlice->Bob:Hello Bob, how are you?\n"),
    ("with a accessibility title and multiline description (accDescr)", "sequenceDiagram\naccTitle: This is the title\naccDescr {\nAccessibility\nDescription\n}\nAlice->Bob:Hello Bob, how are you?\n"),
    ("should space in actor names", "sequenceDiagram\nAlice->Bob:Hello Bob, how are - you?\nBob-->Alice: I am good thanks!"),
    ("should handle dashes in actor names", "sequenceDiagram\nAlice-in-Wonderland->Bob:Hello Bob, how are - you?\nBob-->Alice-in-Wonderland:I am good thanks!"),
    ("should handle dashes in participant names", "sequenceDiagram\nparticipant Alice-in-Wonderland\nparticipant Bob\nAlice-in-Wonderland->Bob:Hello Bob, how are - you?\nBob-->Alice-in-Wonderland:I am good thanks!"),
    ("should handle equals in participant names", "sequenceDiagram\nparticipant Alice=Wonderland\nparticipant Bob\nAlice=Wonderland->Bob:Hello Bob, how are - you?\nBob-->Alice=Wonderland:I am good thanks!"),
    ("should alias participants", "sequenceDiagram\nparticipant A as Alice\nparticipant B as Bob\nA->B:Hello Bob, how are you?\nB-->A: I am good thanks!"),
    ("should alias a mix of actors and participants apa12", "sequenceDiagram\n  actor Alice as Alice2\n  actor Bob\n  participant John as John2\n  participant Mandy\n  Alice->>Bob: Hi Bob\n  Bob->>Alice: Hi Alice\n  Alice->>John: Hi John\n  John->>Mandy: Hi Mandy\n  Mandy ->>Joan: Hi Joan"),
    ("should handle in async messages", "sequenceDiagram\nAlice-xBob:Hello Bob, how are you?"),
    ("should handle in async dotted messages", "sequenceDiagram\nAlice--xBob:Hello Bob, how are you?"),
    ("should handle in sync messages", "sequenceDiagram\nAlice-)Bob:Hello Bob, how are you?"),
    ("should handle in sync dotted messages", "sequenceDiagram\nAlice--)Bob:Hello Bob, how are you?"),
    ("should handle bidirectional arrow messages", "sequenceDiagram\nAlice<<->>Bob:Hello Bob, how are you?"),
    ("should handle bidirectional dotted arrow messages", "\n    sequenceDiagram\n    Alice<<-->>Bob:Hello Bob, how are you?"),
    ("should parse actor ()->>() actor syntax as CENTRAL_CONNECTION_DUAL", "sequenceDiagram\nparticipant Alice\nparticipant Bob\nAlice ()->>() Bob: Hello Bob, how are you?\n"),
    ("should parse actor ->>() actor syntax as CENTRAL_CONNECTION", "sequenceDiagram\nAlice ->>() Bob: Hello Bob, how are you?\n"),
    ("should parse actor ()-->> actor syntax as CENTRAL_CONNECTION_REVERSE", "sequenceDiagram\nAlice ()-->> Bob: Hello Bob, how are you?\n"),
    ("should handle central connections with different arrow types", "sequenceDiagram\nAlice ()-x() Bob: Cross message\nAlice ()--x() Bob: Dotted cross message\n"),
    ("should handle actor activation", "sequenceDiagram\nAlice-->>Bob:Hello Bob, how are you?\nactivate Bob\nBob-->>Alice:Hello Alice, I'm fine and  you?\ndeactivate Bob"),
    ("should handle actor one line notation activation", "\n    sequenceDiagram\n    Alice-->>+Bob:Hello Bob, how are you?\n    Bob-->>- Alice:Hello Alice, I'm fine and  you?"),
    ("should handle stacked activations", "sequenceDiagram\nAlice-->>+Bob:Hello Bob, how are you?\nBob-->>+Carol:Carol, let me introduce Alice?\nBob-->>- Alice:Hello Alice, please meet Carol?\nCarol->>- Bob:Oh Bob, I'm so happy to be here!"),
    ("should handle comments in a sequenceDiagram", "\n      sequenceDiagram\n      Alice->Bob: Hello Bob, how are you?\n      %% Comment\n      Note right of Bob: Bob thinks\n      Bob-->Alice: I am good thanks!"),
    ("should handle semicolons", "\nsequenceDiagram;Alice->Bob: Hello Bob, how are you?;Note right of Bob: Bob thinks;Bob-->Alice: I am good thanks!;"),
    ("should handle several leading spaces in lines", "sequenceDiagram\nparticipant Alice\nparticipant Bob\nAlice->John: Hello John, how are you?\n    loop Healthcheck\nJohn->John: Fight against hypochondria\n end\nNote right of John: Rational thoughts<br/>prevail...\n    John-->Alice: Great!\n    John->Bob: How about you?\nBob-->John: Jolly good!"),
    ("should handle different line breaks", "sequenceDiagram\nparticipant 1 as multiline<br>text\nparticipant 2 as multiline<br/>text\nparticipant 3 as multiline<br />text\nparticipant 4 as multiline<br \t/>text\n1->>2: multiline<br>text\nnote right of 2: multiline<br>text\n4->>1: multiline<br \t/>text\n"),
    ("should handle notes and messages with wrap specified", "sequenceDiagram\nparticipant 1\nparticipant 2\n1->>2:wrap: single-line text\nnote right of 2:wrap: single-line text\n2->>1:nowrap: multiline<br/>text\n"),
    ("should handle notes over multiple actors", "sequenceDiagram\nAlice->Bob: Hello Bob, how are you?\nNote over Alice,Bob: confusion\nNote over Bob,Alice: resolution\n"),
    ("should add a rect around sequence", "\n      sequenceDiagram\n        Alice->Bob: Hello Bob, how are you?\n        %% Comment\n        rect rgb(200, 255, 200)\n        Note right of Bob: Bob thinks\n        Bob-->Alice: I am good thanks\n        end\n    "),
    ("should allow for nested rects", "sequenceDiagram\nrect rgb(200, 255, 200)\nrect rgb(0, 0, 0)\nNote right of Bob: Bob thinks\nend\nBob-->Alice: I am good thanks\nend\n"),
    ("should handle alt statements with multiple elses", "sequenceDiagram\nalt isWell\n\nBob-->Alice: I am good thanks!\nelse isSick\nBob-->Alice: Feel sick...\nelse default\nBob-->Alice: :-)\nend"),
    ("should handle critical statements with options", "sequenceDiagram\n    critical Establish a connection to the DB\n        Service-->DB: connect\n    option Network timeout\n        Service-->Service: Log error\n    end"),
    ("should handle break statements", "sequenceDiagram\n    Consumer-->API: Book something\n    break when the booking process fails\n        API-->Consumer: show failure\n    end"),
    ("should handle par statements", "sequenceDiagram\npar Parallel one\nAlice->>Bob: Hello Bob, how are you?\nand Parallel two\nAlice->>Bob: Are you OK?\nend"),
    ("it should handle par_over statements", "sequenceDiagram\npar_over Parallel overlap\nAlice ->> Bob: Message\nNote left of Alice: Alice note\nNote right of Bob: Bob note\nend"),
    ("should handle special characters in signals", "sequenceDiagram\nAlice->Bob: -:<>,;# comment"),
    ("should handle special characters in alt", "sequenceDiagram\nAlice->Bob: Hello Bob, how are you?\nalt -:<>,;# comment\nBob-->Alice: I am good thanks!\nelse ,<>:-#; comment\nBob-->Alice: I am good thanks!\nend"),
    ("should handle no-label opt", "sequenceDiagram\nAlice->Bob: Hello Bob, how are you?\nopt # comment\nBob-->Alice: I am good thanks!\nend"),
    ("should handle no-label alt", "sequenceDiagram\nAlice->Bob: Hello Bob, how are you?\nalt;Bob-->Alice: I am good thanks!\nelse # comment\nBob-->Alice: I am good thanks!\nend"),
    ("should handle links", "sequenceDiagram\nparticipant a as Alice\nlinks a: { \"Repo\": \"https://repo.contoso.com/\", \"Dashboard\": \"https://dashboard.contoso.com/\" }\nlink a: Tests @ https://tests.contoso.com/?svc=alice@contoso.com\n"),
    ("should handle box", "sequenceDiagram\nbox green Group 1\nparticipant a as Alice\nparticipant b as Bob\nend\nparticipant c as Charlie\n"),
    ("should handle box without description", "\n  sequenceDiagram\n  box aqua\n  participant a as Alice\n  end\n"),
    ("should handle simple actor creation", "\n  sequenceDiagram\n  participant a as Alice\n  a ->>b: Hello Bob?\n  create participant c\n  b-->>c: Hello c!\n  c ->> b: Hello b?\n  create actor d as Donald\n  a ->> d: Hello Donald?\n  "),
    ("should handle simple actor destruction", "\n  sequenceDiagram\n  participant a as Alice\n  a ->>b: Hello Bob?\n  destroy a\n  b-->>a: Hello Alice!\n  b ->> c: Where is Alice?\n  destroy c\n  b ->> c: Where are you?\n  "),
    ("should handle the creation and destruction of the same actor", "\n  sequenceDiagram\n  a ->>b: Hello Bob?\n  create participant c\n  b ->>c: Hello c!\n  c ->> b: Hello b?\n  destroy c\n  b ->> c : Bye c !\n  "),
    ("should handle same actor with different whitespace properly", "sequenceDiagram\nparticipant Alice\nparticipant Alice \nparticipant Alice\n"),
    ("should handle two actors with init directive with multiline directive", "%%{init: { 'logLevel': 0}}%%\nsequenceDiagram\n%%{\nwrap\n}%%\nAlice->Bob: Hello Bob, how are you?"),
    ("should handle one actor, when logLevel is 3 (dfg0)", "%%{initialize: { \"logLevel\": 3 }}%%\nsequenceDiagram\nparticipant Alice\n"),
];

/// `(spec test or sequenceDb rule, source, code)`: mermaid throws on these.
const REJECTS: &[(&str, &str, &str)] = &[
    ("should handle fail parsing when activating an inactive participant", "sequenceDiagram\nparticipant user as End User\nparticipant Server as Server\nuser->>+Server: Test\nuser->>+Server: Test2\nServer->>-user: Test\nServer->>-user: Test2\n%% The following deactivation of Server will fail\nServer->>-user: Test3", "E-SEQ-012"),
    ("should not allow sequence numbers to have decimals to the thousandths place or greater", "sequenceDiagram\nautonumber 10.001\nAlice->Bob:Hello Bob, how are you?", "E-SEQ-011"),
    ("sequenceDb: a created participant must exist only once", "sequenceDiagram\nA->>B: x\ncreate participant B\nA->>B: y", "E-SEQ-013"),
    ("sequenceDb: the created participant has no creating message", "sequenceDiagram\ncreate participant C\nA->>B: y", "E-SEQ-014"),
    ("sequenceDb: the destroyed participant has no destroying message", "sequenceDiagram\ndestroy A\nB->>C: y", "E-SEQ-015"),
    ("sequenceDb: a participant in two boxes", "sequenceDiagram\nbox One\nparticipant A\nend\nbox Two\nparticipant A\nend", "E-SEQ-016"),
    ("grammar: a message needs its text", "sequenceDiagram\nAlice->>Bob", "E-SEQ-005"),
    ("grammar: a message needs an arrow", "sequenceDiagram\nAlice Bob: hi", "E-SEQ-003"),
    ("grammar: `;` ends the text and the rest is no statement", "sequenceDiagram\nA->>B: one; two", "E-SEQ-003"),
    ("grammar: a box holds declarations only", "sequenceDiagram\nbox Aqua\nA->>B: x\nend", "E-SEQ-009"),
    ("grammar: `else` outside `alt`", "sequenceDiagram\nloop x\nA->>B: y\nelse z\nend", "E-SEQ-008"),
    ("grammar: an unclosed block", "sequenceDiagram\nloop x\nA->>B: y", "E-SEQ-007"),
    ("grammar: `end` without a block", "sequenceDiagram\nA->>B: y\nend", "E-SEQ-006"),
    ("grammar: a note needs a placement", "sequenceDiagram\nNote Alice: x", "E-SEQ-002"),
    ("grammar: `participant` without a name", "sequenceDiagram\nparticipant\n", "E-SEQ-004"),
];

#[test]
fn what_mermaids_spec_accepts_parses_without_errors() {
    let mut failures = Vec::new();
    for (name, src) in ACCEPTS {
        if let Err(d) = netfig::mermaid::sequence(src) {
            failures.push(format!(
                "{name}:\n{}",
                netfig::diagnostic::SourceFile::new("spec.mmd", *src).render_all(&d)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn what_mermaid_rejects_is_an_error_at_a_position() {
    for (name, src, code) in REJECTS {
        let Err(d) = netfig::mermaid::sequence(src) else {
            panic!("{name}: accepted");
        };
        let e = d
            .iter()
            .find(|d| d.is_error())
            .unwrap_or_else(|| panic!("{name}: no error in {d:?}"));
        assert_eq!(e.code, *code, "{name}: {d:?}");
        // Past the header, inside the source.
        assert!(
            e.span.start > "sequenceDiagram".len() && e.span.end <= src.len(),
            "{name}: {e:?}"
        );
    }
}

/// Box titles and their members' ids, in order.
fn boxes(seq: &netfig::model::Sequence) -> Vec<(String, Vec<String>)> {
    seq.boxes
        .iter()
        .map(|b| {
            let title = b.title.as_ref().map(|t| t.text()).unwrap_or_default();
            let ids = b
                .members
                .iter()
                .map(|m| seq.participants[m.index()].id.clone())
                .collect();
            (title, ids)
        })
        .collect()
}

#[test]
fn nested_boxes_of_the_cypress_spec_are_drawn_flat_with_a_warning() {
    // cypress/integration/rendering/sequence/sequencediagram.spec.js "should render nested
    // boxes with sibling inner boxes" (mermaid 11 draws Outer around both).
    let src = "sequenceDiagram\n  box Outer\n    box LightBlue Team A\n      participant Alice\n      participant Bob\n    end\n    box LightGreen Team B\n      participant Carol\n    end\n  end\n  Alice->>Carol: Cross-team message\n";
    let (seq, warnings) = netfig::mermaid::sequence(src).expect("mermaid accepts nested boxes");
    assert_eq!(
        boxes(&seq),
        [
            (
                "Team A".to_string(),
                vec!["Alice".to_string(), "Bob".to_string()]
            ),
            ("Team B".to_string(), vec!["Carol".to_string()])
        ]
    );
    let codes: Vec<_> = warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, ["W-SEQ-008"]);
    assert_eq!(
        &src[warnings[0].span.start..warnings[0].span.end],
        "box Outer"
    );
    // An outer box with participants of its own keeps them ("one level of nesting" keeps
    // John outside; here Zed is the outer box's own).
    let src = "sequenceDiagram\nbox Outer\nparticipant Zed\nbox Aqua Inner\nparticipant A\nend\nend\nparticipant John\nA->>Zed: hi";
    let (seq, _) = netfig::mermaid::sequence(src).expect("accepted");
    assert_eq!(
        boxes(&seq),
        [
            ("Outer".to_string(), vec!["Zed".to_string()]),
            ("Inner".to_string(), vec!["A".to_string()])
        ]
    );
    assert_eq!(seq.participants[2].group, None, "John is in no box");
    // Still only declarations and boxes inside a box; every box needs its `end`.
    for (src, code) in [
        (
            "sequenceDiagram\nbox A\nbox B\nX->>Y: m\nend\nend",
            "E-SEQ-009",
        ),
        (
            "sequenceDiagram\nbox A\nbox B\nparticipant X\nend",
            "E-SEQ-007",
        ),
    ] {
        let d = netfig::mermaid::sequence(src).expect_err(src);
        assert!(d.iter().any(|d| d.code == code), "{src}: {d:?}");
    }
}

#[test]
fn boxes_nested_past_the_limit_are_reported_not_recursed() {
    let depth = 200;
    let src = format!(
        "sequenceDiagram\n{}participant A\n{}A->>A: x",
        "box Aqua\n".repeat(depth),
        "end\n".repeat(depth)
    );
    let d = netfig::mermaid::sequence(&src).expect_err("too deep");
    let codes: Vec<_> = d.iter().filter(|d| d.is_error()).map(|d| d.code).collect();
    assert_eq!(codes, ["E-SEQ-018"], "one report, and every `end` matched");
}

#[test]
fn indented_front_matter_of_the_cypress_specs() {
    // packet.spec.ts "should render a complex packet diagram with showBits false" and
    // mermaid.run's dedent: the whole diagram, front matter included, may be indented.
    let packet = "\n      ---\n      title: \"Packet Diagram\"\n      ---\n      packet\n        0-15: \"Source Port\"\n        16-31: \"Destination Port\"\n      ";
    assert_eq!(
        netfig::mermaid::syntax::diagram_kind(packet).as_deref(),
        Some("packet")
    );
    let (p, _) = netfig::mermaid::packet(packet).expect("accepted");
    assert_eq!(p.fields.len(), 2);
    let seq = "  ---\n  title: T\n  ---\n  sequenceDiagram\n  A->>B: m\n";
    assert!(netfig::mermaid::syntax::sequence::is_sequence(seq));
    let (s, _) = netfig::mermaid::sequence(seq).expect("accepted");
    assert_eq!(s.title.as_ref().map(|t| t.text()).as_deref(), Some("T"));
}

#[test]
fn a_directive_over_several_lines_before_the_header() {
    // sequence-header-mode.spec.ts "skips multi-line init directive before header": the
    // header is found after the directive, whatever the kind.
    let src = "%%{\n  init: {\n    \"theme\": \"dark\",\n    \"sequence\": { \"mirrorActors\": true }\n  }\n}%%\nsequenceDiagram\nA-->>B: Ping";
    assert_eq!(
        netfig::mermaid::syntax::diagram_kind(src).as_deref(),
        Some("sequenceDiagram")
    );
    let (seq, warnings) = netfig::mermaid::sequence(src).expect("accepted");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(seq.participants.len(), 2);
    let flow = "%%{\n  init: { \"theme\": \"dark\" }\n}%%\nflowchart LR\nA-->B";
    assert_eq!(
        netfig::mermaid::syntax::diagram_kind(flow).as_deref(),
        Some("flowchart")
    );
    // mermaid's detector does not skip a `#` line: `# note` before the header is no diagram.
    let hash = "# hash comment\n\nsequenceDiagram\nAlice-->>Bob: Yo";
    assert!(!netfig::mermaid::syntax::sequence::is_sequence(hash));
}

#[test]
fn a_directives_config_is_the_diagrams_own_section() {
    // sequencediagram.spec.js "should wrap (directive) long actor descriptions" and "should
    // render with wrapping enabled": mermaid's detectInit moves `config` to the diagram's key,
    // so `%%{init: {'config': {'wrap': true}}}%%` wraps every message.
    let src = "%%{init: { 'config': { 'wrap': true }}}%%\nsequenceDiagram\nA->>John: Hello John, how are you today? I'm feeling quite verbose today.\nJohn-->>A: Fine";
    let (seq, warnings) = netfig::mermaid::sequence(src).expect("accepted");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(seq.messages().all(|m| m.wrap));
    // Without it, messages keep their lines; a flowchart's directive `config` is its
    // `flowchart` section.
    let (seq, _) = netfig::mermaid::sequence("sequenceDiagram\nA->>B: x").expect("accepted");
    assert!(seq.messages().all(|m| !m.wrap));
    let (g, d) = netfig::mermaid::flowchart(
        "%%{init: {\"config\": {\"curve\": \"linear\", \"nodeSpacing\": 30}}}%%\nflowchart LR\nA-->B",
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(g.curve, netfig::model::Curve::Linear);
    assert_eq!(g.node_spacing, Some(30.0));
    // In front matter `config` is already the config: a `config` inside it is no setting.
    let (_, d) = netfig::mermaid::flowchart(
        "---\nconfig:\n  config:\n    curve: linear\n---\nflowchart LR\nA-->B",
    );
    assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["W-MMD-006"]);
}
