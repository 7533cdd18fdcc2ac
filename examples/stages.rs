//! Per-stage timings of the pipeline on the benchmark's generated flowchart
//! (`layout::quality::generate::flowchart_source`: `n` nodes in subgraphs of 25, long edges,
//! some labels, a few back
//! edges), for profiling; the layout stage is split into the layered layout and the
//! straightening pass: `cargo run --release --example stages -- 1000`.
//!
//! `STAGES_METRICS=1` also prints the layout's quality metrics; `STAGES_OUT=file.svg` writes
//! the SVG.

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(1000);
    let src = netfig::layout::quality::generate::flowchart_source(n);
    let t = std::time::Instant::now();
    let (chart, _) = netfig::diagram::parse_flowchart(&src);
    let t1 = t.elapsed();
    let g = netfig::layout::flowchart::graph(&chart);
    let t2 = t.elapsed();
    let mut l = netfig::layout::layered::layout(&g);
    let t3 = t.elapsed();
    netfig::layout::straighten::straighten(&g, &mut l);
    let t3s = t.elapsed();
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
        "nodes {} edges {} parse {:?} graph {:?} layout {:?} straighten {:?} render {:?} svg {} \
         bytes",
        chart.nodes.len(),
        chart.edges.len(),
        t1,
        t2 - t1,
        t3 - t2,
        t3s - t3,
        t4 - t3s,
        svg.len()
    );
}
