//! Per-stage timings of the pipeline on the benchmark's generated flowchart
//! (`layout::quality::generate::flowchart_source`: `n` nodes in subgraphs of 25, long edges,
//! some labels, a few back
//! edges), for profiling; the layout stage is split into the layered layout and the
//! straightening pass: `cargo run --release --example stages -- 1000`.
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
    let (chart, _) = netfig::mermaid::flowchart(&src);
    let t1 = t.elapsed();
    let g = netfig::layout::flowchart::graph(&chart);
    let t2 = t.elapsed();
    let mut l = netfig::layout::layered::layout(&g);
    let t3 = t.elapsed();
    // `STAGES_REPEAT=k` straightens k extra copies first and reports the fastest run.
    let repeat: usize = std::env::var("STAGES_REPEAT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut best = std::time::Duration::MAX;
    let mut best_cpu = u64::MAX;
    for _ in 0..repeat {
        let mut copy = l.clone();
        let t = std::time::Instant::now();
        let c = cpu_ns();
        netfig::layout::straighten::straighten(&g, &mut copy);
        best_cpu = best_cpu.min(cpu_ns() - c);
        best = best.min(t.elapsed());
    }
    if repeat > 0 {
        eprintln!("straighten cpu {:.2} ms", best_cpu as f64 / 1e6);
    }
    let ts = std::time::Instant::now();
    netfig::layout::straighten::straighten(&g, &mut l);
    best = best.min(ts.elapsed());
    let t3s = t.elapsed();
    let drawing = netfig::layout::drawing::Drawing::new(&chart, l.clone(), &[]);
    let svg = netfig::render::svg::flowchart(&chart, &drawing, &Default::default());
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
        best,
        t4 - t3s,
        svg.len()
    );
}

/// The state diagram of the full reference, laid out repeatedly.
fn tcp() {
    let yaml = netfig::tcp::reference::to_yaml();
    let (machine, _) = netfig::pipeline::load_states(&yaml, Default::default()).unwrap();
    let chart = netfig::tcp::lower::state_diagram(&machine, Default::default(), Default::default());
    let g = netfig::pipeline::state_graph(&chart);
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

/// Time this thread has run on a CPU (ns; Linux schedstat), which the other processes on a
/// busy machine do not inflate; 0 where unavailable.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
