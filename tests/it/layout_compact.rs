//! Compactness on request: `flowchart.netfigMaxRankWidth` (in `%%{init}%%` or front matter)
//! lets the leaves of an over-wide rank wrap into extra rows; without it ranks are kept.

use netfig::layout::quality::Metrics;
use netfig::model::Flowchart;
use netfig::pipeline;

/// A router with twelve devices hanging from it, after `config` (a directive or front matter).
fn fan_out(config: &str) -> String {
    let mut s = format!("{config}flowchart TD\n    ISP[Fibre] --> R[Home router]\n");
    for i in 1..=12 {
        s.push_str(&format!("    R --> D{i}[Device {i}]\n"));
    }
    s
}

fn parse(src: &str) -> (Flowchart, Vec<&'static str>) {
    let (chart, diagnostics) = netfig::mermaid::flowchart(src);
    (chart, diagnostics.iter().map(|d| d.code).collect())
}

/// Width, height and metrics of the drawing; the hard rules must hold.
fn draw(chart: &Flowchart) -> (f64, f64, Metrics, netfig::layout::Layout) {
    let graph = netfig::layout::flowchart::graph(chart);
    let layout = pipeline::layout_flowchart(chart).layout;
    let m = Metrics::of(&graph, &layout);
    assert!(m.is_clean(), "{m}");
    (layout.width, layout.height, m, layout)
}

#[test]
fn the_option_is_read_from_init_and_front_matter() {
    let (g, codes) = parse(&fan_out(
        "%%{init: {\"flowchart\": {\"netfigMaxRankWidth\": 700}}}%%\n",
    ));
    assert_eq!((g.max_rank_width, codes), (Some(700.0), vec![]));
    let (g, codes) = parse(&fan_out(
        "---\nconfig:\n  flowchart:\n    netfigMaxRankWidth: 640px\n---\n",
    ));
    assert_eq!((g.max_rank_width, codes), (Some(640.0), vec![]));
    assert_eq!(parse(&fan_out("")).0.max_rank_width, None);
}

#[test]
fn a_bad_value_is_warned_about_and_ignored() {
    for bad in ["\"wide\"", "-5", "10", "1e9"] {
        let (g, codes) = parse(&fan_out(&format!(
            "%%{{init: {{\"flowchart\": {{\"netfigMaxRankWidth\": {bad}}}}}}}%%\n"
        )));
        assert_eq!(
            (g.max_rank_width, codes),
            (None, vec!["W-MMD-006"]),
            "{bad}"
        );
    }
}

#[test]
fn a_wide_fan_out_wraps_into_rows_only_when_asked() {
    let (kept, _) = parse(&fan_out(""));
    let (wrapped, _) = parse(&fan_out(
        "%%{init: {\"flowchart\": {\"netfigMaxRankWidth\": 750}}}%%\n",
    ));
    let (w0, h0, m0, l0) = draw(&kept);
    let (w1, h1, m1, l1) = draw(&wrapped);
    // Without the option every device is on one row.
    let row = |l: &netfig::layout::Layout, i: usize| l.nodes[i].y;
    assert!((2..14).all(|i| row(&l0, i) == row(&l0, 2)));
    // With it the drawing is much narrower and grows down instead; nothing crosses.
    assert!(w0 > 750.0, "{w0}");
    assert!(w1 < 0.7 * w0, "{w1} (was {w0})");
    assert!(h1 > h0);
    assert_eq!((m0.crossings, m1.crossings), (0, 0));
    // Edges still flow one way: every device below the router.
    assert!((2..14).all(|i| row(&l1, i) > row(&l1, 1)));
    let rows: std::collections::BTreeSet<u64> = (2..14).map(|i| row(&l1, i).to_bits()).collect();
    assert!(rows.len() >= 2, "{rows:?}");
}

#[test]
fn a_rank_with_room_is_kept_even_when_asked() {
    let (g, _) = parse(&fan_out(
        "%%{init: {\"flowchart\": {\"netfigMaxRankWidth\": 5000}}}%%\n",
    ));
    let (plain, _) = parse(&fan_out(""));
    assert_eq!(draw(&g).3, draw(&plain).3);
}

/// On generated graphs (trees, random DAGs, clustered graphs) wrapping keeps every hard rule
/// and never adds a crossing to the layered layout.
#[test]
fn wrapping_keeps_the_rules_and_adds_no_crossing_on_generated_graphs() {
    use netfig::layout::{layered, quality::generate};
    let mut cases = vec![generate::binary_tree(4), generate::binary_tree(5)];
    for seed in 1..=6 {
        cases.push(generate::random_dag(seed, 30, 36));
        cases.push(generate::random_clustered(seed + 10, 30, 36, 3));
    }
    let mut wrapped_any = false;
    for (k, g) in cases.iter().enumerate() {
        let mut asked = g.clone();
        asked.spacing.max_rank_width = Some(300.0);
        let (plain, wrapped) = (layered::layout(g), layered::layout(&asked));
        let (m0, m1) = (Metrics::of(g, &plain), Metrics::of(&asked, &wrapped));
        assert!(m1.is_clean(), "case {k}: {m1}");
        assert!(m1.crossings <= m0.crossings, "case {k}: {m1} vs {m0}");
        let drawn = netfig::layout::layout(&asked);
        assert!(Metrics::of(&asked, &drawn).is_clean(), "case {k}");
        wrapped_any |= wrapped.nodes != plain.nodes;
    }
    assert!(wrapped_any, "no generated graph had a rank to wrap");
}

/// `layout::quality` reports the drawing's width and height, so that a change that widens
/// drawings shows in every report that prints metrics: the layout's size, and with
/// `of_drawing` the whole picture's (title band included).
#[test]
fn metrics_report_width_and_height() {
    let (kept, _) = parse(&fan_out("---\ntitle: A home network\n---\n"));
    let (asked, _) = parse(&fan_out(
        "---\ntitle: A home network\nconfig:\n  flowchart:\n    netfigMaxRankWidth: 750\n---\n",
    ));
    let graph = netfig::layout::flowchart::graph(&kept);
    let d = netfig::layout::drawing::draw(&kept, &graph, &[]);
    let m = Metrics::of(&graph, &d.layout);
    assert_eq!((m.width, m.height), (d.layout.width, d.layout.height));
    assert!(m.width > 750.0, "{m}");
    let whole = Metrics::of_drawing(&graph, &d);
    assert_eq!((whole.width, whole.height), (d.width, d.height));
    assert!(whole.height > m.height, "the title band: {whole} vs {m}");
    assert_eq!(whole.crossings, m.crossings);
    let shown = m.to_string();
    assert!(
        shown.ends_with(&format!("width {:.0} height {:.0}", m.width, m.height)),
        "{shown}"
    );
    // Compactness on request shows as a narrower, taller drawing.
    let (w1, h1, m1, _) = draw(&asked);
    assert_eq!((m1.width, m1.height), (w1, h1));
    assert!(m1.width < m.width && m1.height > m.height, "{m1} vs {m}");
}
