use super::*;
use proptest::prelude::*;

fn seg(line: &str) -> Segment {
    match parse_line(line) {
        Line::Segment(s) => s,
        other => panic!("{line}: {other:?}"),
    }
}

fn sym(name: &str, offset: i64) -> Number {
    Number::Symbol {
        name: name.into(),
        offset,
    }
}

#[test]
fn rfc_notation() {
    let s = seg("<SEQ=300><ACK=101><CTL=SYN,ACK>");
    assert_eq!(s.flags.name(), "SYN,ACK");
    assert_eq!(
        s.seq.as_ref().map(|w| &w.value),
        Some(&Number::Literal(300))
    );
    assert_eq!(s.ack.as_ref().map(|w| w.text.as_str()), Some("<ACK=101>"));
    assert_eq!(s.notation, Some(Notation::Rfc));
    assert!(!s.data);
    let d = seg("... <SEQ=101><ACK=301><CTL=ACK><DATA> (line 5)");
    assert!(d.data && d.flags.ack && d.space().is_none());
    assert_eq!(seg("<SEQ=100><CTL=SYN>").space(), Some(1));
    assert_eq!(seg("<SEQ=1><CTL=ACK><LEN=10>").space(), Some(10));
}

#[test]
fn textbook_notation() {
    let s = seg("SYN=1, ACK=1, seq=y, ack=x+1");
    assert_eq!(s.flags.name(), "SYN,ACK");
    assert_eq!(s.seq.map(|w| w.value), Some(sym("y", 0)));
    assert_eq!(s.ack.map(|w| w.value), Some(sym("x", 1)));
    assert_eq!(s.notation, Some(Notation::Textbook));
    let f = seg("FIN=1，seq = u");
    assert_eq!(f.flags.name(), "FIN");
    assert_eq!(f.seq.map(|w| w.value), Some(sym("u", 0)));
    // `ACK=0` sets nothing; `Ack=1` (Wireshark) is the number.
    assert!(!seg("ACK=0, seq=1").flags.ack);
    assert_eq!(
        seg("[ACK] Seq=1 Ack=1 Len=0").ack.map(|w| w.value),
        Some(Number::Literal(1))
    );
}

#[test]
fn plain_flag_names() {
    for (text, name) in [
        ("SYN", "SYN"),
        ("SYN, ACK", "SYN,ACK"),
        ("SYN+ACK", "SYN,ACK"),
        ("SYN-ACK", "SYN,ACK"),
        ("SYN/ACK", "SYN,ACK"),
        ("FIN", "FIN"),
        ("FIN, ACK", "FIN,ACK"),
        ("ACK", "ACK"),
        ("RST", "RST"),
        ("RST, ACK", "RST,ACK"),
        ("[SYN, ACK] Seq=0 Ack=1", "SYN,ACK"),
        ("FIN seq=u ack=v+1", "FIN,ACK"),
        (
            "[SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM WS=128",
            "SYN",
        ),
    ] {
        assert_eq!(seg(text).flags.name(), name, "{text}");
    }
    assert_eq!(
        seg("SYN, ACK seq=y ack=x+1").ack.map(|w| w.value),
        Some(sym("x", 1))
    );
}

#[test]
fn commentary_and_errors() {
    for text in [
        "经过 2MSL 后",
        "after 2MSL",
        "",
        "hello world",
        "(retransmitted)",
    ] {
        assert_eq!(parse_line(text), Line::Commentary, "{text}");
    }
    for (text, part) in [
        ("<SEQ=1x><CTL=SYN>", "<SEQ=1x>"),
        ("<SEQ=1><CTL=SYN,XYZ>", "<CTL=SYN,XYZ>"),
        ("<SEQ=1><FOO=2>", "<FOO=2>"),
        ("<SEQ=1> trailing", "trailing"),
        ("SYN sent", "sent"),
        ("SYN=1, seq=", "seq="),
        ("ACK=7", "ACK=7"),
        ("<SEQ=4294967296>", "<SEQ=4294967296>"),
    ] {
        match parse_line(text) {
            Line::Error(e) => assert_eq!(e[0].text, part, "{text}: {}", e[0].message),
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn lines_merge_into_one_segment() {
    let (s, errors) = parse_lines(["SYN=1, ACK=1", "seq=y, ack=x+1", "第二次握手"]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(s.flags.name(), "SYN,ACK");
    assert!(s.seq.is_some() && s.ack.is_some());
    let (_, errors) = parse_lines(["seq=1", "seq=2"]);
    assert_eq!(errors.len(), 1);
    let (s, errors) = parse_lines(["some data"]);
    assert!(errors.is_empty() && s.notation.is_none() && s.flags == Flags::default());
}

#[test]
fn numbers() {
    assert_eq!(parse_number("4294967295"), Some(Number::Literal(u32::MAX)));
    assert_eq!(parse_number("ISN - 1"), Some(sym("ISN", -1)));
    assert_eq!(parse_number("x+1+1"), None);
    assert_eq!(parse_number("+1"), None);
    assert_eq!(parse_number("x+99999999999"), None);
    assert_eq!(sym("w", 1).to_string(), "w+1");
    assert_eq!(sym("w", -2).to_string(), "w-2");
}

fn arb_number() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<u32>().prop_map(Number::Literal),
        ("[a-zA-Z][a-zA-Z0-9_]{0,4}", -1000i64..1000)
            .prop_map(|(name, offset)| Number::Symbol { name, offset }),
    ]
}

proptest! {
    /// Any text: a result, never a panic.
    #[test]
    fn never_panics(line in "\\PC{0,60}") {
        let _ = parse_line(&line);
        let _ = parse_lines(line.split('\n'));
    }

    /// Segment-shaped noise (brackets, `=`, flags, signs): a result, never a panic.
    #[test]
    fn never_panics_on_segment_shaped_text(line in "[<>=,+/ SYNACKFIseqk0-9xyDTL().]{0,40}") {
        let _ = parse_line(&line);
    }

    /// What is written in any of the three notations reads back as written.
    #[test]
    fn notations_round_trip(
        syn: bool, ack: bool, fin: bool, rst: bool,
        seq in proptest::option::of(arb_number()),
        ackno in proptest::option::of(arb_number()),
    ) {
        let flags = Flags { syn, ack: ack || ackno.is_some(), fin, rst };
        let mut rfc = String::new();
        let mut book = Vec::new();
        if let Some(n) = &seq { rfc += &format!("<SEQ={n}>"); }
        if let Some(n) = &ackno { rfc += &format!("<ACK={n}>"); }
        if flags != Flags::default() { rfc += &format!("<CTL={}>", flags.name()); }
        for (set, name) in [(syn, "SYN"), (flags.ack, "ACK"), (fin, "FIN"), (rst, "RST")] {
            if set { book.push(format!("{name}=1")); }
        }
        if let Some(n) = &seq { book.push(format!("seq={n}")); }
        if let Some(n) = &ackno { book.push(format!("ack={n}")); }
        let plain = if flags == Flags::default() {
            None
        } else {
            let mut p = flags.name().replace(',', ", ");
            if let Some(n) = &seq { p += &format!(" seq={n}"); }
            if let Some(n) = &ackno { p += &format!(" ack={n}"); }
            Some(p)
        };
        let mut texts = vec![book.join(", ")];
        if !rfc.is_empty() { texts.push(rfc); }
        texts.extend(plain);
        for text in texts {
            if text.is_empty() { continue; }
            let s = seg(&text);
            prop_assert_eq!(s.flags, flags, "{}", text);
            prop_assert_eq!(s.seq.map(|w| w.value), seq.clone(), "{}", text);
            prop_assert_eq!(s.ack.map(|w| w.value), ackno.clone(), "{}", text);
        }
    }
}

#[test]
fn every_error_of_a_line_is_reported() {
    for (text, parts) in [
        (
            "SYN, ACK seq=x+99999999999 ack=4294967296",
            &["seq=x+99999999999", "ack=4294967296"][..],
        ),
        ("SYN=2, ACK=1, seq=-5", &["SYN=2", "seq=-5"][..]),
        (
            "<SEQ=-1><ACK=+><CTL=SYN,XYZ>",
            &["<SEQ=-1>", "<ACK=+>", "<CTL=SYN,XYZ>"][..],
        ),
        ("<SEQ=1><SEQ=2> junk", &["<SEQ=2>", "junk"][..]),
    ] {
        match parse_line(text) {
            Line::Error(e) => {
                let got: Vec<&str> = e.iter().map(|e| e.text.as_str()).collect();
                assert_eq!(got, parts, "{text}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}
