//! Parse + layout + render timings: the bundled example, the largest corpus example, all corpus
//! examples in one go, and generated graphs of 100, 1,000 and 5,000 nodes.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use netfig::diagram::{flowchart_svg, Options};
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

/// A mermaid flowchart of `n` nodes: a random layered DAG (about 1.5 edges per node, most
/// between nearby nodes, some long), every 25 nodes grouped in a subgraph, a few labels and
/// back edges. Deterministic (fixed-seed LCG).
pub fn generated(n: usize) -> String {
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

fn benches(c: &mut Criterion) {
    let options = Options::default();
    let example = std::fs::read_to_string(root().join("diagrams/osi-vs-tcpip.mmd")).unwrap();
    c.bench_function("example osi-vs-tcpip", |b| {
        b.iter(|| flowchart_svg(black_box(&example), &options).unwrap())
    });

    let corpus = corpus();
    if let Some(largest) = corpus.iter().max_by_key(|s| s.len()) {
        c.bench_function("largest corpus example", |b| {
            b.iter(|| flowchart_svg(black_box(largest), &options))
        });
        c.bench_function("all corpus examples", |b| {
            b.iter(|| {
                for s in &corpus {
                    let _ = black_box(flowchart_svg(s, &options));
                }
            })
        });
    }

    let mut group = c.benchmark_group("generated");
    group.sample_size(10);
    for n in [100, 1_000, 5_000] {
        let src = generated(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &src, |b, src| {
            b.iter(|| flowchart_svg(src, &options).unwrap())
        });
    }
    group.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
