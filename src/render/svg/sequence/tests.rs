use super::*;
use crate::model::Theme;

fn svg_with(src: &str, options: &SvgOptions) -> String {
    let (seq, _) = crate::mermaid::sequence(src).expect("parses");
    let l = crate::layout::sequence::layout(&seq);
    sequence(&seq, &l, options)
}

fn svg(src: &str) -> String {
    svg_with(
        src,
        &SvgOptions {
            id_prefix: "t".into(),
            ..SvgOptions::default()
        },
    )
}

/// The lines of the group that starts with `open`, up to its closing tag.
fn group<'a>(s: &'a str, open: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = s.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with(open))
        .unwrap_or_else(|| panic!("no {open} in {s}"));
    let indent = lines[start].len() - lines[start].trim_start().len();
    let end = lines[start + 1..]
        .iter()
        .position(|l| l.len() - l.trim_start().len() == indent)
        .map_or(lines.len(), |e| start + 1 + e);
    lines[start + 1..end].iter().map(|l| l.trim()).collect()
}

#[test]
fn groups_carry_ids_and_put_the_box_before_the_label() {
    let s = svg(
        "sequenceDiagram\nparticipant A as Alice\nA->>+B: hi\nNote over A,B: n\nloop again\nB-->>-A: ok\nend\n",
    );
    let p = group(&s, "<g class=\"participant\" data-id=\"A\"");
    assert!(p[0].contains("<rect class=\"shape\""), "{p:?}");
    assert!(p[1].contains("<text class=\"label\"") && p[1].contains(">Alice<"));
    assert!(p.last().unwrap().contains("<line class=\"lifeline\""));
    let m = group(&s, "<g class=\"message\" data-from=\"A\" data-to=\"B\">");
    assert!(m[0].starts_with("<path class=\"line\"") && m[1].contains(">hi<"));
    let n = group(&s, "<g class=\"note\">");
    assert!(n[0].contains("<rect class=\"shape\"") && n[1].contains(">n<"));
    let b = group(&s, "<g class=\"block\" data-kind=\"loop\">");
    assert!(b[0].contains("class=\"frame\"") && b[1].contains("class=\"tab\""));
    assert!(b[2].contains(">loop<") && b[3].contains(">[again]<"));
    assert!(s.contains("<g class=\"activation\" data-id=\"B\">"));
    assert!(s.contains("<g class=\"message\" data-from=\"B\" data-to=\"A\">"));
    // Lines back to front: bands and frames, participants, bars, messages, notes.
    let at = |needle: &str| s.find(needle).expect(needle);
    assert!(at("class=\"block\"") < at("class=\"participant\""));
    assert!(at("class=\"participant\"") < at("class=\"activation\""));
    assert!(at("class=\"activation\"") < at("class=\"message\""));
    assert!(at("class=\"message\"") < at("class=\"note\""));
}

#[test]
fn every_arrow_kind_has_its_marker() {
    let s = svg("sequenceDiagram\nA->>B: a\nA-xB: b\nA-)B: c\nA<<->>B: d\nA-|\\B: e\nA-|/B: f\nA-\\\\B: g\nA-//B: h\nA->B: i\n");
    for name in [
        "filled",
        "cross",
        "open",
        "half-filled-top",
        "half-filled-bottom",
        "half-open-top",
        "half-open-bottom",
    ] {
        assert_eq!(
            s.matches(&format!("<marker id=\"t-{name}\"")).count(),
            1,
            "{name}: {s}"
        );
    }
    assert!(s.contains("marker-start=\"url(#t-filled)\" marker-end=\"url(#t-filled)\""));
    let plain = group(&s, "<g class=\"message\"").len();
    assert!(plain > 0);
    // `->` has no head at all.
    assert!(s
        .lines()
        .any(|l| l.contains("<path class=\"line\"") && !l.contains("marker")));
}

#[test]
fn dotted_lines_and_central_connections() {
    let s = svg("sequenceDiagram\nA-->>B: a\nA()->>()B: b\n");
    assert!(s.contains("<path class=\"line dotted\""));
    assert_eq!(s.matches("<circle class=\"central\"").count(), 2);
}

#[test]
fn links_are_safe_and_nothing_runs() {
    let s = svg(
        "sequenceDiagram\nparticipant A\nlink A: Docs @ https://example.com/a?b=1&c=2\nlink A: Bad @ javascript:alert(1)\nA->>B: <script>x</script>\n",
    );
    assert!(
        s.contains("<a href=\"https://example.com/a?b=1&amp;c=2\">"),
        "{s}"
    );
    assert!(!s.contains("javascript"));
    assert!(!s.contains("<script"));
    assert!(s.contains("&lt;script&gt;") || !s.contains("script"));
    let doc = roxmltree::Document::parse(&s).expect("well-formed");
    assert!(doc.descendants().all(|n| !n.has_tag_name("script")));
}

#[test]
fn themes_change_only_literal_fallbacks() {
    let src = "sequenceDiagram\nA->>B: hi\n";
    let light = svg(src);
    let dark = svg_with(
        src,
        &SvgOptions {
            id_prefix: "t".into(),
            theme: Theme::Dark,
            ..SvgOptions::default()
        },
    );
    assert!(light.contains("var(--netfig-node-fill,#ececff)"));
    assert!(dark.contains("var(--netfig-node-fill,#1f2020)"));
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.contains("var("))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&light), strip(&dark));
    let vars = svg("%%{init: {\"themeVariables\": {\"actorBkg\": \"#ff0000\", \"noteBkgColor\": \"#00ff00\"}}}%%\nsequenceDiagram\nA->>B: hi\n");
    assert!(vars.contains("var(--netfig-node-fill,#ff0000)"), "{vars}");
    assert!(vars.contains("var(--netfig-cluster-fill,#00ff00)"));
}

#[test]
fn titles_and_descriptions_are_accessible() {
    let s = svg("sequenceDiagram\ntitle Three-way 握手\naccDescr: SYN, SYN+ACK, ACK\nA->>B: SYN\n");
    assert!(s.contains("<title id=\"t-title\">Three-way 握手</title>"));
    assert!(s.contains("<desc id=\"t-desc\">SYN, SYN+ACK, ACK</desc>"));
    assert!(s.contains("<text class=\"title\""));
    let plain = svg("sequenceDiagram\nA->>B: SYN\n");
    assert!(plain.contains("<title id=\"t-title\">Sequence diagram</title>"));
}

#[test]
fn author_colours_are_sanitised() {
    let s = svg("sequenceDiagram\nbox rgb(33, 66, 99) Team\nparticipant A\nend\nrect rgba(0, 0, 255, .1)\nA->>B: hi\nend\n");
    assert!(s.contains("style=\"fill:rgb(33, 66, 99)\""), "{s}");
    assert!(s.contains("style=\"fill:rgba(0, 0, 255, .1)\""), "{s}");
    // A dark band gets light title text.
    assert!(s.contains("style=\"fill:#f5f5f5\""), "{s}");
}

#[test]
fn text_over_an_author_colour_gets_a_halo() {
    const HALO: &str = "{paint-order:stroke;stroke:var(--netfig-edge-label-bg,#e8e8e8);stroke-width:3px;stroke-linejoin:round}";
    let plain = svg("sequenceDiagram\nbox Team\nparticipant A\nend\nA->>B: hi\n");
    assert!(!plain.contains("paint-order"), "{plain}");
    // A named colour netfig cannot read: its title and the messages are outlined.
    let s = svg("sequenceDiagram\nbox Purple Alice & John\nparticipant A\nend\nA->>B: hi\n");
    assert!(
        s.contains(&format!(
            "#t .message .label,#t .block .label,#t .halo{HALO}"
        )),
        "{s}"
    );
    assert!(s.contains("<text class=\"label halo\""), "{s}");
    // A colour netfig reads keeps its contrasting title text and no halo class.
    let s = svg("sequenceDiagram\nbox rgb(20, 20, 20) Team\nparticipant A\nend\nA->>B: hi\n");
    assert!(
        s.contains("paint-order") && !s.contains("label halo"),
        "{s}"
    );
    let s = svg("sequenceDiagram\nrect rgb(0, 0, 80)\nA->>B: hi\nend\n");
    assert!(s.contains("paint-order"), "{s}");
    let tree = usvg::Tree::from_str(&s, &usvg::Options::default()).expect("resvg reads it");
    assert!(tree.size().width() > 0.0);
}

#[test]
fn self_messages_curve_unless_right_angles_is_set() {
    let path = |s: &str| {
        let m = group(s, "<g class=\"message\" data-from=\"A\" data-to=\"A\">");
        m[0].to_string()
    };
    let curved = path(&svg("sequenceDiagram\nA->>A: think\n"));
    assert!(curved.contains(" C") && !curved.contains(" L"), "{curved}");
    let square = path(&svg(
        "---\nconfig:\n  sequence:\n    rightAngles: true\n---\nsequenceDiagram\nA->>A: think\n",
    ));
    assert_eq!(square.matches(" L").count(), 3, "{square}");
    // The curve starts and ends where the loop's corners do.
    let ends = |p: &str| {
        let nums: Vec<&str> = p
            .split(['M', 'C', 'L', ' ', '"'])
            .filter(|t| t.contains(',') && t.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .collect();
        (nums[0].to_string(), nums[nums.len() - 1].to_string())
    };
    assert_eq!(ends(&curved), ends(&square));
}
