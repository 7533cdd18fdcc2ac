use super::*;
use crate::model::{LangChoice, LayerModel};

const OSI_TCPIP: &str = include_str!("../../../diagrams/osi-vs-tcpip.mmd");

/// The layer diagram of `chart` with the models given as (subgraph index, layer ids top first)
/// and every edge between two of their layers as a mapping (what recognition builds).
fn diagram(chart: &Flowchart, models: &[(usize, &[&str])]) -> LayerDiagram {
    let models: Vec<LayerModel> = models
        .iter()
        .map(|(c, ids)| LayerModel {
            cluster: ClusterId::new(*c),
            layers: ids.iter().map(|id| chart.node_by_id(id).unwrap()).collect(),
            written_bottom_up: false,
            reference: None,
        })
        .collect();
    let mut d = LayerDiagram {
        models,
        mappings: Vec::new(),
    };
    for (i, e) in chart.edges.iter().enumerate() {
        if let (Endpoint::Node(a), Endpoint::Node(b)) = (e.from, e.to) {
            if d.position(a).is_some() && d.position(b).is_some() {
                d.mappings.push(EdgeId::new(i));
            }
        }
    }
    d
}

const OSI: &[&str] = &["A7", "A6", "A5", "A4", "A3", "A2", "A1"];
const TCPIP: &[&str] = &["B4", "B3", "B2", "B1"];

fn chart(src: &str, lang: LangChoice) -> Flowchart {
    let (chart, diagnostics) = crate::mermaid::flowchart(src);
    assert!(
        !crate::diagnostic::has_errors(&diagnostics),
        "{diagnostics:?}"
    );
    chart.select_lang(lang)
}

fn band(l: &StackLayout, chart: &Flowchart, id: &str) -> Rect {
    let n = chart.node_by_id(id).unwrap();
    l.models
        .iter()
        .flat_map(|m| &m.layers)
        .find(|p| p.node == n)
        .unwrap()
        .band
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// `b` spans exactly from the top of `first` to the bottom of `last`.
fn spans(b: Rect, first: Rect, last: Rect) -> bool {
    close(b.y, first.y) && close(b.bottom(), last.bottom())
}

#[test]
fn the_example_is_two_stacks_with_exact_spans() {
    for lang in [LangChoice::Both, LangChoice::Zh, LangChoice::En] {
        let c = chart(OSI_TCPIP, lang);
        let d = diagram(&c, &[(0, OSI), (1, TCPIP)]);
        let l = layout(&c, &d);
        let b = |id| band(&l, &c, id);
        assert!(spans(b("B4"), b("A7"), b("A5")), "{lang:?}");
        assert!(spans(b("B3"), b("A4"), b("A4")));
        assert!(spans(b("B2"), b("A3"), b("A3")));
        assert!(spans(b("B1"), b("A2"), b("A1")));
        // Top layer on top, stacked without gaps, models side by side in subgraph order.
        for w in OSI.windows(2) {
            assert!(close(b(w[0]).bottom(), b(w[1]).y), "{w:?}");
        }
        assert!(b("A7").right() < b("B4").x);
        assert!(l.mappings.iter().all(MappingPlace::is_span));
        assert_eq!(l.mappings.len(), 7);
        // Guides at the edges of the four aligned runs: five distinct heights.
        assert_eq!(l.guides.len(), 5);
        // Every label inside its band, titles inside their frames, all inside the drawing.
        for m in &l.models {
            let t = m.title.as_ref().unwrap();
            assert!(inside(t, m.frame), "{lang:?} title");
            for p in &m.layers {
                assert!(inside(p.label.as_ref().unwrap(), p.band), "{lang:?}");
            }
            assert!(m.frame.right() <= l.width && m.frame.bottom() <= l.height);
        }
        assert!(l.width <= 720.0, "{lang:?}: {}", l.width);
        assert!(l.font_size >= 13.0);
    }
}

/// The text block of `t` lies inside `r`.
fn inside(t: &TextBox, r: Rect) -> bool {
    let h = t.label.lines.len() as f64 * t.line_height;
    let w = text::label_size(&t.label, t.font_size).width;
    t.center.x - w / 2.0 >= r.x
        && t.center.x + w / 2.0 <= r.right()
        && t.top >= r.y
        && t.top + h <= r.bottom()
}

#[test]
fn written_bottom_up_draws_the_same_stacks() {
    let bottom_up = "flowchart BT
subgraph OSI
A1[Physical]
A2[Data Link]
A3[Network]
A4[Transport]
A5[Session]
A6[Presentation]
A7[Application]
end
subgraph TCPIP
B1[Link]
B2[Internet]
B3[Transport]
B4[Application]
end
A1 --> B1
A2 --> B1
A3 --> B2
A4 --> B3
A5 --> B4
A6 --> B4
A7 --> B4
";
    let c = chart(bottom_up, LangChoice::Both);
    let mut d = diagram(&c, &[(0, OSI), (1, TCPIP)]);
    for m in &mut d.models {
        m.written_bottom_up = true;
    }
    let l = layout(&c, &d);
    let b = |id| band(&l, &c, id);
    assert!(b("A7").y < b("A1").y, "the top layer is on top");
    assert!(spans(b("B4"), b("A7"), b("A5")));
    assert!(spans(b("B1"), b("A2"), b("A1")));
    assert!(l.mappings.iter().all(MappingPlace::is_span));
}

#[test]
fn mappings_that_are_not_contiguous_become_connectors_with_their_labels() {
    // Session → Transport leaves Application's targets split (A7, A6 and not A5).
    let src = "flowchart LR
subgraph OSI
A7[Application]
A6[Presentation]
A5[Session]
A4[Transport]
end
subgraph TCPIP
B4[Application]
B3[Transport]
end
A7 --> B4
A6 --> B4
A5 -- wrong --> B3
A4 --> B3
A5 -- split --> B4
";
    let c = chart(src, LangChoice::Both);
    let d = diagram(&c, &[(0, &["A7", "A6", "A5", "A4"]), (1, &["B4", "B3"])]);
    let l = layout(&c, &d);
    // A5 maps to both B4 and B3: one many-to-many component, all connectors.
    assert!(l.mappings.iter().all(|m| !m.is_span()), "{:?}", l.mappings);
    let (a6, b4) = (band(&l, &c, "A6"), band(&l, &c, "B4"));
    for m in &l.mappings {
        let (first, last) = (m.connector[0], *m.connector.last().unwrap());
        // From the right edge of an OSI band to the left edge of a TCP/IP band, orthogonal.
        // The head is moved back by the arrow's reach (its tip touches the band).
        assert!(
            close(first.x, a6.right()) && close(last.x + 9.0, b4.x),
            "{m:?}"
        );
        for w in m.connector.windows(2) {
            assert!(close(w[0].x, w[1].x) || close(w[0].y, w[1].y), "{m:?}");
        }
    }
    // Lanes: the vertical runs of different connectors do not share an x.
    let xs: BTreeSet<i64> = l
        .mappings
        .iter()
        .filter(|m| m.connector.len() == 4)
        .map(|m| (m.connector[1].x * 100.0).round() as i64)
        .collect();
    assert_eq!(
        xs.len(),
        l.mappings.iter().filter(|m| m.connector.len() == 4).count()
    );
    // Both labels are drawn, in the gap, not on each other.
    let boxes: Vec<Rect> = l
        .mappings
        .iter()
        .filter_map(|m| m.label.as_ref().map(|(r, _)| *r))
        .collect();
    assert_eq!(boxes.len(), 2);
    assert!(!boxes[0].overlaps(&boxes[1], 0.0));
    for r in &boxes {
        assert!(r.x > a6.right() && r.right() < b4.x, "{r:?}");
    }
}

#[test]
fn crossing_mappings_are_connectors_and_the_first_stays_a_span() {
    let src = "flowchart TD
subgraph L
A3[Application]
A2[Transport]
A1[Network]
end
subgraph R
B3[Application]
B2[Transport]
B1[Network]
end
A3 --> B3
A2 -- crosses --> B1
A1 --> B2
";
    let c = chart(src, LangChoice::Both);
    let d = diagram(&c, &[(0, &["A3", "A2", "A1"]), (1, &["B3", "B2", "B1"])]);
    let l = layout(&c, &d);
    let kinds: Vec<bool> = l.mappings.iter().map(MappingPlace::is_span).collect();
    assert_eq!(kinds, vec![true, false, false]);
    assert!(spans(
        band(&l, &c, "B3"),
        band(&l, &c, "A3"),
        band(&l, &c, "A3")
    ));
    // Each connector leaves its tail's band and reaches its head's band.
    for (m, (from, to)) in l.mappings[1..].iter().zip([("A2", "B1"), ("A1", "B2")]) {
        let (a, b) = (band(&l, &c, from), band(&l, &c, to));
        let (start, end) = (m.connector[0], *m.connector.last().unwrap());
        assert!(close(start.x, a.right()) && start.y > a.y && start.y < a.bottom());
        assert!(close(end.x + 9.0, b.x) && end.y > b.y && end.y < b.bottom());
    }
    // The connector's label sits on it, in the gap.
    let (r, t) = l.mappings[1].label.as_ref().unwrap();
    assert_eq!(t.label.lines[0].text(), "crosses");
    let vertical_x = l.mappings[1].connector[1].x;
    assert!(r.x < vertical_x && r.right() > vertical_x, "{r:?}");
}

#[test]
fn a_span_label_sits_beside_the_finer_band() {
    let src = "flowchart TD
subgraph L
A2[Application]
A1[Transport]
end
subgraph R
B1[Host to host]
end
A2 --> B1
A1 -- TCP, UDP --> B1
";
    let c = chart(src, LangChoice::Both);
    let d = diagram(&c, &[(0, &["A2", "A1"]), (1, &["B1"])]);
    let l = layout(&c, &d);
    assert!(l.mappings.iter().all(MappingPlace::is_span));
    let (r, _) = l.mappings[1].label.as_ref().unwrap();
    let a1 = band(&l, &c, "A1");
    assert!(close(r.center().y, a1.center().y));
    assert!(r.x > a1.right() && r.right() < band(&l, &c, "B1").x);
}

#[test]
fn a_reversed_mapping_runs_from_its_tail() {
    // Many to many: connectors, the first drawn from B2 (right model) to A1 (left model).
    let src = "flowchart LR
subgraph L
A2[Top]
A1[Bottom]
end
subgraph R
B2[Top]
B1[Bottom]
end
B2 --> A1
B2 --> A2
B1 --> A1
";
    let c = chart(src, LangChoice::Both);
    let d = diagram(&c, &[(0, &["A2", "A1"]), (1, &["B2", "B1"])]);
    let l = layout(&c, &d);
    let first = &l.mappings[0];
    assert!(!first.is_span());
    assert!(close(first.connector[0].x, band(&l, &c, "B2").x));
    assert!(close(
        first.connector.last().unwrap().x - 9.0,
        band(&l, &c, "A1").right()
    ));
}

#[test]
fn three_models_side_by_side_each_pair_aligned() {
    let src = "flowchart LR
subgraph OSI
A7[Application]
A6[Presentation]
A5[Session]
A4[Transport]
A3[Network]
A2[Data Link]
A1[Physical]
end
subgraph FIVE[五层]
F5[应用层]
F4[运输层]
F3[网络层]
F2[数据链路层]
F1[物理层]
end
subgraph TCPIP
B4[Application]
B3[Transport]
B2[Internet]
B1[Link]
end
A7 --> F5
A6 --> F5
A5 --> F5
A4 --> F4
A3 --> F3
A2 --> F2
A1 --> F1
F5 --> B4
F4 --> B3
F3 --> B2
F2 --> B1
F1 --> B1
";
    let c = chart(src, LangChoice::Both);
    let five = &["F5", "F4", "F3", "F2", "F1"];
    let d = diagram(&c, &[(0, OSI), (1, five), (2, TCPIP)]);
    let l = layout(&c, &d);
    let b = |id| band(&l, &c, id);
    assert!(l.mappings.iter().all(MappingPlace::is_span));
    assert!(spans(b("F5"), b("A7"), b("A5")));
    assert!(spans(b("B4"), b("F5"), b("F5")));
    assert!(spans(b("B1"), b("F2"), b("F1")));
    assert!(spans(b("B1"), b("A2"), b("A1")));
    assert!(b("A7").right() < b("F5").x && b("F5").right() < b("B4").x);
    // Model titles sit on top of their stacks.
    for m in &l.models {
        let t = m.title.as_ref().unwrap();
        assert!(t.top + t.line_height <= m.layers[0].band.y);
    }
}

#[test]
fn long_labels_wrap_at_the_band_and_styles_set_their_size() {
    let src = "flowchart TD
subgraph L [A model whose title is far longer than any of its layers could ever be]
A2[The application layer, where programs talk to each other over the network]
A1[Link]
end
subgraph R
B2[Top]
B1[Bottom]
end
A2 --> B2
A1 --> B1
style B1 font-size:24px
";
    let c = chart(src, LangChoice::Both);
    let d = diagram(&c, &[(0, &["A2", "A1"]), (1, &["B2", "B1"])]);
    let l = layout(&c, &d);
    let a2 = &l.models[0].layers[0];
    let label = a2.label.as_ref().unwrap();
    assert!(label.label.lines.len() > 1, "wrapped: {label:?}");
    // The title sets the band's width: wrapped at 1.5 × 200 px, with its safety margin.
    assert!(a2.band.width <= 300.0 * 1.04 + 2.0 + 2.0 * FRAME_PAD + 1e-9);
    assert!(inside(label, a2.band));
    let title = l.models[0].title.as_ref().unwrap();
    assert!(title.label.lines.len() > 1 && inside(title, l.models[0].frame));
    let b1 = &l.models[1].layers[1];
    assert_eq!(b1.label.as_ref().unwrap().font_size, 24.0);
    assert!(inside(b1.label.as_ref().unwrap(), b1.band));
}

#[test]
fn a_title_gets_a_band_above_the_models() {
    let src = "---\ntitle: Layers\n---\nflowchart TD\nsubgraph L\nA[x]\nend\nsubgraph R\nB[y]\nend\nA --> B\n";
    let c = chart(src, LangChoice::Both);
    let d = diagram(&c, &[(0, &["A"]), (1, &["B"])]);
    let l = layout(&c, &d);
    let t = l.title.as_ref().unwrap();
    assert!(t.top + t.line_height <= l.models[0].frame.y);
    assert!(close(t.center.x, l.width / 2.0));
}

/// The source of a diagram with `counts` layers per model and `links` (model, layer, model,
/// layer) as mapping edges, some labelled; node `M{m}L{l}`, labels of varied length.
fn generated(counts: &[usize], links: &[(usize, usize, usize, usize)]) -> String {
    const WORDS: [&str; 4] = [
        "层",
        "Transport Layer",
        "网络接口层<br>Network Interface",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    ];
    let mut src = String::from("flowchart TD\n");
    for (m, &n) in counts.iter().enumerate() {
        src.push_str(&format!("subgraph S{m}[Model {m}]\n"));
        for l in 0..n {
            src.push_str(&format!("M{m}L{l}[{}]\n", WORDS[(m + l) % WORDS.len()]));
        }
        src.push_str("end\n");
    }
    for (i, &(a, la, b, lb)) in links.iter().enumerate() {
        let label = if i % 3 == 0 { "-- map -->" } else { "-->" };
        src.push_str(&format!("M{a}L{la} {label} M{b}L{lb}\n"));
    }
    src
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Whatever the mappings, every span is exact, connectors run from band to band, labels
    /// sit in their bands, and nothing is out of the drawing.
    #[test]
    fn any_mappings_give_exact_spans_or_connectors(
        counts in proptest::collection::vec(1usize..7, 2..4),
        raw in proptest::collection::vec((0usize..4, 0usize..7, 0usize..4, 0usize..7), 0..12),
    ) {
        let links: Vec<(usize, usize, usize, usize)> = raw
            .into_iter()
            .map(|(a, la, b, lb)| (a % counts.len(), la % 7, b % counts.len(), lb % 7))
            .filter(|&(a, la, b, lb)| a != b && la < counts[a] && lb < counts[b])
            .collect();
        let c = chart(&generated(&counts, &links), LangChoice::Both);
        let models: Vec<(usize, Vec<String>)> = counts
            .iter()
            .enumerate()
            .map(|(m, &n)| (m, (0..n).map(|l| format!("M{m}L{l}")).collect()))
            .collect();
        let refs: Vec<Vec<&str>> = models.iter().map(|(_, v)| v.iter().map(String::as_str).collect()).collect();
        let spec: Vec<(usize, &[&str])> = refs.iter().enumerate().map(|(m, v)| (m, v.as_slice())).collect();
        let d = diagram(&c, &spec);
        let l = layout(&c, &d);
        proptest::prop_assert!(l.width.is_finite() && l.height.is_finite());
        for m in &l.models {
            for w in m.layers.windows(2) {
                proptest::prop_assert!(close(w[0].band.bottom(), w[1].band.y));
            }
            for p in &m.layers {
                proptest::prop_assert!(p.band.height > 0.0);
                proptest::prop_assert!(inside(p.label.as_ref().unwrap(), p.band));
                proptest::prop_assert!(p.band.right() <= l.width && p.band.bottom() <= l.height);
            }
        }
        let band_of = |e: Endpoint| match e {
            Endpoint::Node(n) => l.models.iter().flat_map(|m| &m.layers).find(|p| p.node == n).map(|p| p.band),
            Endpoint::Cluster(_) => None,
        };
        // Per layer and other model: the bands it spans.
        let mut covered: BTreeMap<(NodeId, usize), Vec<Rect>> = BTreeMap::new();
        for m in &l.mappings {
            let e = &c.edges[m.edge.index()];
            let (a, b) = (band_of(e.from).unwrap(), band_of(e.to).unwrap());
            if m.is_span() {
                // One band holds the other vertically.
                let holds = |x: Rect, y: Rect| x.y <= y.y + 1e-6 && x.bottom() >= y.bottom() - 1e-6;
                proptest::prop_assert!(holds(a, b) || holds(b, a), "{m:?}");
                for (end, other) in [(e.from, e.to), (e.to, e.from)] {
                    if let (Endpoint::Node(n), Endpoint::Node(o)) = (end, other) {
                        let model = d.position(o).unwrap().0;
                        let bands = covered.entry((n, model)).or_default();
                        let b = band_of(other).unwrap();
                        // The same mapping written twice spans nothing more.
                        if !bands.contains(&b) {
                            bands.push(b);
                        }
                    }
                }
            } else {
                let (first, last) = (m.connector[0], *m.connector.last().unwrap());
                let near = |p: Point, r: Rect| p.y > r.y && p.y < r.bottom() && (p.x >= r.x - 10.0 && p.x <= r.right() + 10.0);
                proptest::prop_assert!(near(first, a) && near(last, b), "{m:?}");
            }
        }
        // A layer that spans several layers of another model spans exactly them.
        for ((n, _), bands) in covered.iter().filter(|(_, b)| b.len() > 1) {
            let own = band_of(Endpoint::Node(*n)).unwrap();
            let top = bands.iter().map(|b| b.y).fold(f64::MAX, f64::min);
            let bottom = bands.iter().map(|b| b.bottom()).fold(f64::MIN, f64::max);
            proptest::prop_assert!(close(own.y, top) && close(own.bottom(), bottom), "{n:?}");
        }
    }
}

#[test]
fn connectors_run_straight_where_their_ends_can_meet() {
    // A2 maps to B2 and B1: one many-to-many component, all connectors. A3 → B2 and A1 → B1
    // each end alone on A3's and A1's sides, within reach of the other end: straight.
    let src = "flowchart TD
subgraph L
A3[Top]
A2[Middle]
A1[Bottom]
end
subgraph R
B2[Upper]
B1[Lower]
end
A3 --> B2
A2 --> B2
A2 --> B1
A1 --> B1
";
    let c = chart(src, LangChoice::Both);
    let d = diagram(&c, &[(0, &["A3", "A2", "A1"]), (1, &["B2", "B1"])]);
    let l = layout(&c, &d);
    assert!(l.mappings.iter().all(|m| !m.is_span()));
    for i in [0, 3] {
        let m = &l.mappings[i].connector;
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(close(m[0].y, m[1].y));
    }
    // The two from A2 leave A2's side at different heights and arrive at their own bands.
    let (down, up) = (&l.mappings[2].connector, &l.mappings[1].connector);
    assert!(up[0].y < down[0].y);
    assert_ne!(up[1].x, down[1].x);
}
