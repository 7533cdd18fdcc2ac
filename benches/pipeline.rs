//! Parse + layout + render timings: the bundled example, the largest corpus example, all corpus
//! examples in one go, generated graphs of 100, 1,000 and 5,000 nodes, 16k self-loops, 4k
//! subgraphs linked across, a 16k fan-out, and 64k front matter keys; and the layout alone
//! (`layout::layout`, every phase) on generated graphs: DAGs of 100, 1,000 and 5,000 nodes and
//! 1,000 nodes in 20 clusters with 300 edge labels (formerly the ignored timing test in
//! `tests/layout_generated.rs`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use netfig::pipeline::{compile, Kind, Options};
use std::hint::black_box;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> Vec<String> {
    let dir = [
        root().join("../shared/corpus/mermaid-flowchart/docs"),
        root().join("shared/corpus/mermaid-flowchart/docs"),
    ]
    .into_iter()
    .find(|p| p.is_dir());
    let Some(dir) = dir else { return Vec::new() };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

fn benches(c: &mut Criterion) {
    let options = Options::default();
    let example = std::fs::read_to_string(root().join("diagrams/osi-vs-tcpip.mmd")).unwrap();
    c.bench_function("example osi-vs-tcpip", |b| {
        b.iter(|| compile(black_box(&example), Kind::Flowchart, &options).unwrap())
    });

    let corpus = corpus();
    if let Some(largest) = corpus.iter().max_by_key(|s| s.len()) {
        c.bench_function("largest corpus example", |b| {
            b.iter(|| compile(black_box(largest), Kind::Flowchart, &options))
        });
        c.bench_function("all corpus examples", |b| {
            b.iter(|| {
                for s in &corpus {
                    let _ = black_box(compile(s, Kind::Flowchart, &options));
                }
            })
        });
    }

    let mut group = c.benchmark_group("generated");
    group.sample_size(10);
    for n in [100, 1_000, 5_000] {
        let src = netfig::layout::quality::generate::flowchart_source(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &src, |b, src| {
            b.iter(|| compile(src, Kind::Flowchart, &options).unwrap())
        });
    }
    group.finish();

    // 16k self-loops on one node: the loops nest, so their routes' total length is quadratic;
    // the straightening grid and the loop routing must stay linear (issue 9, item 10).
    let mut group = c.benchmark_group("self-loops");
    group.sample_size(10);
    let loops = format!("flowchart TD\n{}", "A-->A\n".repeat(16_000));
    group.bench_function("16k", |b| {
        b.iter(|| compile(&loops, Kind::Flowchart, &options).unwrap())
    });
    group.finish();

    // 4,000 one-node subgraphs linked across: each title looks only at the route segments near
    // its strip (looking at all of them for every title was quadratic).
    let mut group = c.benchmark_group("subgraphs");
    group.sample_size(10);
    let n = 4_000;
    let boxes: String = (0..n)
        .map(|i| format!("subgraph s{i}\n a{i}\nend\n"))
        .collect();
    let links: String = (0..n)
        .map(|i| format!("a{i}-->a{}\n", (i * 7 + 3) % n))
        .collect();
    let across = format!("flowchart TD\n{boxes}{links}");
    group.bench_function("4k linked across", |b| {
        b.iter(|| compile(&across, Kind::Flowchart, &options).unwrap())
    });
    group.finish();

    // 16,000 nodes fanned out from one: a rank of 16,000 boxes, each piece of route tested only
    // against the boxes under it.
    let mut group = c.benchmark_group("fan-out");
    group.sample_size(10);
    let fan: String = (0..16_000).map(|i| format!("A-->n{i}\n")).collect();
    let fan = format!("flowchart TD\n{fan}");
    group.bench_function("16k", |b| {
        b.iter(|| compile(&fan, Kind::Flowchart, &options).unwrap())
    });
    group.finish();

    // 8,000 labelled edges between two nodes: their labels make a rank of 8,000 boxes and
    // every route passes the cells at both ends; straightening replaces each route there
    // (removing a replaced segment by searching its cells was quadratic: 10 s debug for 6,400).
    let mut group = c.benchmark_group("parallel labelled edges");
    group.sample_size(10);
    let parallel: String = (0..8_000).map(|i| format!("A-->|e{i}|B\n")).collect();
    let parallel = format!("flowchart TD\n{parallel}");
    group.bench_function("8k", |b| {
        b.iter(|| compile(&parallel, Kind::Flowchart, &options).unwrap())
    });
    group.finish();

    // 64k keys in the front matter's `config.flowchart`: their warnings are located in one pass
    // (each key searched from the mapping's start took 6 s).
    let mut group = c.benchmark_group("front matter keys");
    group.sample_size(10);
    let keys: String = (0..64_000).map(|i| format!("    k{i}: 1\n")).collect();
    let front = format!("---\nconfig:\n  flowchart:\n{keys}---\nflowchart TD\nA-->B\n");
    group.bench_function("64k", |b| {
        b.iter(|| compile(&front, Kind::Flowchart, &options).unwrap())
    });
    group.finish();
}

/// The layout alone, every phase, on generated graphs.
fn layout(c: &mut Criterion) {
    use netfig::layout::quality::generate;
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    for (n, e) in [(100, 150), (1_000, 1_500), (5_000, 7_500)] {
        let g = generate::random_dag(42, n, e);
        group.bench_with_input(BenchmarkId::new("dag", n), &g, |b, g| {
            b.iter(|| netfig::layout::layout(black_box(g)))
        });
    }
    let mut g = generate::random_clustered(7, 1_000, 1_500, 20);
    for e in g.edges.iter_mut().step_by(5) {
        e.label = Some(netfig::geometry::Size::new(40.0, 14.0));
    }
    group.bench_function("1000 nodes, 20 clusters, 300 labels", |b| {
        b.iter(|| netfig::layout::layout(black_box(&g)))
    });
    group.finish();
}

criterion_group!(pipeline, benches, layout);
criterion_main!(pipeline);
