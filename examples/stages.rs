//! Per-stage timings of the pipeline on the benchmark's generated flowchart
//! (`layout::quality::generate::flowchart_source`: `n` nodes in subgraphs of 25, long edges,
//! some labels, a few back
//! edges), for profiling: `cargo run --release --example stages -- 1000`.
//!
//! `stages tcp` instead lays out the full RFC 9293 state diagram (the `tcp layout` benchmark's
//! graph) 200 times (or `STAGES_RUNS`) and prints the mean.
//!
//! `STAGES_METRICS=1` also prints the layout's quality metrics; `STAGES_OUT=file.svg` writes
//! the SVG.

fn main() {
    let arg = std::env::args().nth(1);
    if arg.as_deref() == Some("tcp") {
        return tcp();
    }
    let n: usize = arg.map(|s| s.parse().unwrap()).unwrap_or(1000);
    let src = netfig::layout::quality::generate::flowchart_source(n);
    let t = std::time::Instant::now();
    let (chart, _) = netfig::diagram::parse_flowchart(&src);
    let t1 = t.elapsed();
    let g = netfig::layout::flowchart::graph(&chart);
    let t2 = t.elapsed();
    let l = netfig::layout::layered::layout(&g);
    let t3 = t.elapsed();
    let svg = netfig::render::svg::flowchart(&chart, &l, &Default::default());
    let t4 = t.elapsed();
    if std::env::var_os("STAGES_METRICS").is_some() {
        let m = netfig::layout::quality::Metrics::of(&g, &l);
        eprintln!("{m:?} clean {}", m.is_clean());
    }
    if let Some(out) = std::env::var_os("STAGES_OUT") {
        std::fs::write(out, &svg).unwrap();
    }
    eprintln!(
        "nodes {} edges {} parse {:?} graph {:?} layout {:?} render {:?} svg {} bytes",
        chart.nodes.len(),
        chart.edges.len(),
        t1,
        t2 - t1,
        t3 - t2,
        t4 - t3,
        svg.len()
    );
}

/// The state diagram of the full reference, laid out repeatedly.
fn tcp() {
    let yaml = netfig::tcp::reference::to_yaml();
    let (machine, _) = netfig::diagram::load(&yaml, netfig::diagram::CheckMode::Deny).unwrap();
    let chart = netfig::diagram::state_chart(&machine, Default::default(), Default::default());
    let g = netfig::diagram::state_graph(&machine, &chart);
    let runs = std::env::var("STAGES_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let t = std::time::Instant::now();
    let mut l = netfig::layout::layered::layout(&g);
    for _ in 1..runs {
        l = netfig::layout::layered::layout(std::hint::black_box(&g));
    }
    let per = t.elapsed() / runs;
    if std::env::var_os("STAGES_METRICS").is_some() {
        let m = netfig::layout::quality::Metrics::of(&g, &l);
        eprintln!("{m:?} clean {}", m.is_clean());
    }
    eprintln!(
        "tcp states {} transitions {} layout {:?} (mean of {runs})",
        g.nodes.len(),
        g.edges.len(),
        per
    );
}
