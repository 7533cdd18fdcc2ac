//! Packet diagrams (issue 15): the fixtures (`tests/fixtures/packet/*.mmd`, expected
//! diagnostics inline as `%% error: LINE:COL CODE message`), property tests that the front
//! end never panics and that what it accepts is contiguous from bit 0, the drawing per
//! language, and the CLI.

use crate::common;
use netfig::model::packet::Packet;
use netfig::model::LangChoice;
use netfig::pipeline::{self, Kind, Options};
use proptest::prelude::*;

/// Every diagnostic of `src`, errors or not.
fn diagnose(src: &str) -> Vec<netfig::diagnostic::Diagnostic> {
    match netfig::mermaid::packet(src) {
        Ok((_, warnings)) => warnings,
        Err(all) => all,
    }
}

#[test]
fn packet_fixtures_report_exactly_the_declared_diagnostics() {
    let dir = common::root().join("tests/fixtures/packet");
    common::annotations::check_fixtures(&dir, "mmd", "%%", 5, diagnose);
}

const TOKENS: &[&str] = &[
    "packet",
    "packet-beta",
    "Packet",
    "0",
    "7",
    "15",
    "16",
    "31",
    "32",
    "4294967296",
    "99999999999999999999",
    "-",
    "+",
    "+0",
    "+1",
    "+16",
    ":",
    "\"",
    "'",
    "\"Source Port\"",
    "\"源端口<br>Source Port\"",
    "\"#quot;x#quot;\"",
    "\"<b>b</b>\"",
    "title",
    "title TCP",
    "accTitle:",
    "accDescr:",
    "accDescr {",
    "}",
    "%%",
    "%%{",
    "}%%",
    "%%{init: {'packet': {'bitsPerRow': 8}}}%%",
    "%%{init: {'packet': {'bitsPerRow': 1}}}%%",
    "---",
    "config:",
    "  packet:",
    "    bitsPerRow: 3",
    "\n",
    "\n",
    "\n",
    " ",
    "\t",
    "\r\n",
    ";",
];

/// Parses `src` and checks what every result must satisfy: spans in the source on char
/// boundaries; an accepted diagram's fields contiguous from bit 0 and non-empty; its drawing
/// made without panicking, one group per field.
fn check(src: &str) {
    let (diags, packet) = match netfig::mermaid::packet(src) {
        Ok((p, warnings)) => (warnings, Some(p)),
        Err(all) => (all, None),
    };
    common::assert_spans_in(src, &diags);
    if let Some(p) = packet {
        contiguous(&p);
        let l = netfig::layout::packet::layout(&p);
        assert_eq!(l.fields.len(), p.fields.len());
        assert!(l.width.is_finite() && l.height.is_finite());
    }
}

fn contiguous(p: &Packet) {
    let mut next = 0;
    for f in &p.fields {
        assert_eq!(f.start, next, "{p:?}");
        assert!(f.end >= f.start);
        next = f.end + 1;
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC*") {
        check(&s);
        check(&format!("packet\n{s}"));
    }

    #[test]
    fn token_soups_never_panic(toks in proptest::collection::vec(proptest::sample::select(TOKENS), 0..60)) {
        let body: String = toks.concat();
        check(&body);
        check(&format!("packet\n{body}"));
        check(&format!("---\n{body}\n---\npacket\n{body}"));
    }

    #[test]
    fn spaced_token_soups_never_panic(toks in proptest::collection::vec(proptest::sample::select(TOKENS), 0..40)) {
        check(&format!("packet-beta\n{}", toks.join(" ")));
    }

    /// Random widths written as `+n` or as absolute ranges: always accepted, and the fields
    /// are exactly those widths in order.
    #[test]
    fn contiguous_fields_are_accepted_as_written(
        widths in proptest::collection::vec((1u64..70, any::<bool>()), 1..30),
        per_row in prop_oneof![Just(32u32), Just(8), Just(16), Just(64)],
    ) {
        let mut src = format!("---\nconfig:\n  packet:\n    bitsPerRow: {per_row}\n---\npacket\n");
        let mut at = 0;
        for (i, (w, relative)) in widths.iter().enumerate() {
            if *relative {
                src.push_str(&format!("+{w}: \"f{i}\"\n"));
            } else if *w == 1 {
                src.push_str(&format!("{at}: \"f{i}\"\n"));
            } else {
                src.push_str(&format!("{at}-{}: \"f{i}\"\n", at + w - 1));
            }
            at += w;
        }
        let (p, warnings) = netfig::mermaid::packet(&src).expect("contiguous fields are valid");
        prop_assert!(warnings.is_empty(), "{:?}", warnings);
        let got: Vec<u64> = p.fields.iter().map(|f| f.bits()).collect();
        let want: Vec<u64> = widths.iter().map(|(w, _)| *w).collect();
        prop_assert_eq!(got, want);
        check(&src);
    }
}

/// Inputs that must not allocate or loop without bound: huge bit numbers, many rows, many
/// fields, a one-bit row.
#[test]
fn large_inputs_are_bounded() {
    let n = 20_000;
    let shapes = [
        "packet\n0-1048576: \"x\"\n".to_string(),
        "---\nconfig:\n  packet:\n    bitsPerRow: 1\n---\npacket\n0-20000: \"x\"\n".to_string(),
        format!("packet\n{}", "+1: \"b\"\n".repeat(n)),
        format!("packet\n{}", "%%{\n".repeat(n)),
        format!("packet\n0-31: \"{}\"\n", "W".repeat(n)),
    ];
    for src in &shapes {
        check(src);
    }
    let d = diagnose(&shapes[0]);
    assert_eq!(
        d.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["E-PKT-010"],
        "{d:?}"
    );
}

/// The first word of an IPv4 header, so `check: off` (its title names the IPv4 header).
const IPV4: &str = "---\ncheck: off\n---\npacket\ntitle IPv4 首部 Header\n+4: \"Version<br>版本\"\n+4: \"IHL<br>首部长度\"\n+8: \"DSCP/ECN\"\n+16: \"Total Length<br>总长度\"\n";

fn render(src: &str, lang: LangChoice) -> String {
    let mut options = Options::default();
    options.lang = lang;
    options.id_prefix = Some("p".into());
    let svg = pipeline::compile(src, Kind::Flowchart, &options)
        .expect("renders")
        .svg
        .expect("an svg");
    usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("usvg accepts it");
    svg
}

#[test]
fn each_language_keeps_its_label_lines() {
    let both = render(IPV4, LangChoice::Both);
    let zh = render(IPV4, LangChoice::Zh);
    let en = render(IPV4, LangChoice::En);
    for word in ["版本", "Version", "首部长度", "IHL"] {
        assert!(both.contains(word), "{word}");
    }
    assert!(zh.contains("版本") && !zh.contains("Version"));
    assert!(en.contains("Version") && !en.contains("版本"));
    // DSCP/ECN has one line only: every choice keeps it.
    assert!(zh.contains("DSCP/ECN") && en.contains("DSCP/ECN"));
    assert_eq!(common::items(&both, "field").len(), 4);
}

#[test]
fn output_is_byte_identical_and_structured() {
    let a = render(IPV4, LangChoice::Both);
    assert_eq!(a, render(IPV4, LangChoice::Both));
    assert!(a.contains("<g class=\"field\" data-start=\"0\" data-end=\"3\">"));
    assert!(a.contains("<g class=\"field\" data-start=\"16\" data-end=\"31\">"));
    assert!(a.contains("<title id=\"p-title\">IPv4 首部 Header</title>"));
    assert!(a.contains("class=\"netfig netfig-packet\""));
    let mut options = Options::default();
    options.theme = netfig::model::Theme::Dark;
    let dark = pipeline::compile(IPV4, Kind::Flowchart, &options)
        .unwrap()
        .svg
        .unwrap();
    assert!(dark.contains("var(--netfig-node-fill,#1f2020)"));
}

#[test]
fn errors_are_located_not_rendered() {
    let src = "packet\n0-15: \"a\"\n17-31: \"b\"\n";
    let errs = pipeline::compile(src, Kind::Flowchart, &Options::default()).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].code, "E-PKT-007");
    assert_eq!(&src[errs[0].span.start..errs[0].span.end], "17-31");
}

#[test]
fn cli_renders_and_checks_a_packet_diagram() {
    let dir = common::scratch("cli-packet");
    std::fs::write(dir.join("ipv4.mmd"), IPV4).unwrap();
    std::fs::write(dir.join("bad.mmd"), "packet\n0-15: \"a\"\n8-31: \"b\"\n").unwrap();
    let out = common::netfig(&["render", "ipv4.mmd", "--lang", "en"], &dir, None);
    assert!(out.status.success(), "{out:?}");
    let svg = std::fs::read_to_string(dir.join("ipv4.svg")).unwrap();
    assert!(svg.contains("netfig-packet") && svg.contains("Version") && !svg.contains("版本"));
    let out = common::netfig(&["check", "bad.mmd"], &dir, None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.mmd:3:1: error[E-PKT-006]"), "{stderr}");
    let out = common::netfig(&["check", "ipv4.mmd"], &dir, None);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

const UDP_EN: &str = "packet\ntitle UDP Header\n+16: \"Source Port\"\n+16: \"Destination Port\"\n+16: \"Length\"\n+16: \"Checksum\"\n+32: \"Data (variable length)\"\n";

/// The reference is chosen by `check:` or the title; `--check` decides what findings do.
#[test]
fn the_check_follows_front_matter_title_and_mode() {
    let compile = |src: &str, mode: pipeline::CheckMode| {
        let mut options = Options::default();
        options.check = mode;
        pipeline::compile(src, Kind::Flowchart, &options)
    };
    assert!(compile(UDP_EN, pipeline::CheckMode::Deny).is_ok());
    // Swap two fields: two findings at their ranges, errors under deny, warnings under warn,
    // nothing under off.
    let swapped = UDP_EN
        .replace("\"Length\"", "\"TMP\"")
        .replace("\"Checksum\"", "\"Length\"")
        .replace("\"TMP\"", "\"Checksum\"");
    let errs = compile(&swapped, pipeline::CheckMode::Deny).unwrap_err();
    let at: Vec<&str> = errs
        .iter()
        .map(|d| &swapped[d.span.start..d.span.end])
        .collect();
    assert_eq!(at, ["+16", "+16"], "{errs:?}");
    assert!(errs.iter().all(|d| d.code == "E-PKT-011"));
    let warned = compile(&swapped, pipeline::CheckMode::Warn).unwrap();
    assert_eq!(warned.warnings.len(), 2);
    assert!(compile(&swapped, pipeline::CheckMode::Off)
        .unwrap()
        .warnings
        .is_empty());
    // `check: off` and an untitled diagram are not checked; `check:` picks a reference
    // whatever the title says; an unknown name is a warning with a did-you-mean.
    let off = format!("---\ncheck: off\n---\n{swapped}");
    assert!(compile(&off, pipeline::CheckMode::Deny).is_ok());
    let untitled = swapped.replace("title UDP Header\n", "");
    assert!(compile(&untitled, pipeline::CheckMode::Deny).is_ok());
    let picked = format!("---\ncheck: udp-header\n---\n{untitled}");
    assert!(compile(&picked, pipeline::CheckMode::Deny).is_err());
    let typo = format!("---\ncheck: udp-heder\n---\n{untitled}");
    let out = compile(&typo, pipeline::CheckMode::Deny).unwrap();
    assert_eq!(out.warnings[0].code, "W-PKT-002");
    assert!(out.warnings[0].hints[0].contains("udp-header"));
    // Chinese names are aliases too.
    let zh = UDP_EN
        .replace("Source Port", "源端口")
        .replace("Destination Port", "目的端口")
        .replace("\"Length", "\"长度")
        .replace("Checksum", "检验和");
    assert!(compile(&zh, pipeline::CheckMode::Deny).is_ok());
}

/// `netfig reference --header`: the packet source passes `netfig check`; the table is
/// bilingual; formats that do not apply are usage errors.
#[test]
fn cli_prints_header_references() {
    let dir = common::scratch("cli-packet-reference");
    for header in ["tcp", "udp", "ipv4", "ipv6"] {
        let out = common::netfig(&["reference", "--header", header], &dir, None);
        assert!(out.status.success(), "{out:?}");
        let src = out.stdout;
        let check = common::netfig(&["check", "-"], &dir, Some(&src));
        assert_eq!(check.status.code(), Some(0), "{check:?}");
        let table = common::netfig(
            &["reference", "--header", header, "--format", "table"],
            &dir,
            None,
        );
        let text = String::from_utf8_lossy(&table.stdout);
        assert!(text.contains("| Bits | Field | 字段 |"), "{text}");
        assert!(text.contains("源地址") || text.contains("源端口"), "{text}");
    }
    let tcp = common::netfig(&["reference", "--header", "tcp"], &dir, None);
    let src = String::from_utf8_lossy(&tcp.stdout);
    assert!(
        src.contains("104: \"CWR<br>拥塞窗口减小\"")
            && src.contains("100-103: \"Reserved<br>保留\"")
    );
    for bad in [
        &["reference", "--format", "packet"][..],
        &["reference", "--header", "tcp", "--format", "json"][..],
        &["reference", "--header", "sctp"][..],
    ] {
        assert_eq!(
            common::netfig(bad, &dir, None).status.code(),
            Some(2),
            "{bad:?}"
        );
    }
}
