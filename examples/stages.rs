//! Per-stage timings of the pipeline on the benchmark's generated flowchart (the generator of
//! `benches/pipeline.rs`: `n` nodes in subgraphs of 25, long edges, some labels, a few back
//! edges), for profiling: `cargo run --release --example stages -- 1000`.
//!
//! `STAGES_METRICS=1` also prints the layout's quality metrics; `STAGES_OUT=file.svg` writes
//! the SVG.

/// The benchmark's generated flowchart with `n` nodes.
fn generated(n: usize) -> String {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15 ^ n as u64;
    let mut next = move |m: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % m.max(1)
    };
    let mut s = String::from("flowchart TD\n");
    for block in 0..n.div_ceil(25) {
        s.push_str(&format!("  subgraph g{block} [Group {block} 分组]\n"));
        for i in block * 25..((block + 1) * 25).min(n) {
            s.push_str(&format!("    n{i}[Node {i}<br>节点 {i}]\n"));
        }
        s.push_str("  end\n");
    }
    for i in 1..n {
        let back = 1 + next(8.min(i));
        s.push_str(&format!("  n{} --> n{i}\n", i - back));
        if next(2) == 0 {
            let j = next(i);
            if next(5) == 0 {
                s.push_str(&format!("  n{j} -->|edge {i}| n{i}\n"));
            } else {
                s.push_str(&format!("  n{j} --> n{i}\n"));
            }
        }
        if next(40) == 0 {
            s.push_str(&format!("  n{i} -.-> n{}\n", next(i)));
        }
    }
    s
}
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(1000);
    let src = generated(n);
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
