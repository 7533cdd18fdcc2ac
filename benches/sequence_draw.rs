//! Sequence diagrams drawn (issue 12; `benches/sequence.rs` measures the front end alone): the 36 examples of mermaid's sequence-diagram
//! documentation (`shared/corpus/mermaid-sequence/docs`) parsed, laid out and written as SVG
//! in one process (target: under 20 ms for the lot), and a 100-message diagram the same way
//! (target: under 1 ms). Without the corpus the first is skipped and says so.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use netfig::pipeline::{self, Kind, Options};

#[path = "../tests/common/mod.rs"]
mod common;

/// A 100-message exchange between five participants, with notes and blocks.
fn hundred_messages() -> String {
    let mut s = String::from("sequenceDiagram\nautonumber\n");
    for i in 0..100 {
        let (a, b) = (i % 5, (i * 3 + 1) % 5);
        if i % 10 == 0 {
            s.push_str(&format!("loop round {i}\n"));
        }
        s.push_str(&format!("P{a}->>P{b}: message {i} seq={}\n", i * 1000));
        if i % 7 == 0 {
            s.push_str(&format!("Note over P{a}: state {i}\n"));
        }
        if i % 10 == 9 {
            s.push_str("end\n");
        }
    }
    s
}

fn draw(source: &str) -> String {
    pipeline::compile(source, Kind::Sequence, &Options::default())
        .expect("renders")
        .svg
        .unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let big = hundred_messages();
    c.bench_function("sequence: 100 messages parse+layout+render", |b| {
        b.iter(|| black_box(draw(black_box(&big))))
    });
    // Bars that never close: each message's ends look up the open bars (was quadratic).
    for n in [500, 2000] {
        let open: String = std::iter::once("sequenceDiagram\n".to_string())
            .chain((0..n).map(|i| format!("A->>+B: m{i}\n")))
            .collect();
        c.bench_function(&format!("sequence: {n} open activations layout"), |b| {
            let (seq, _) = netfig::mermaid::sequence(&open).expect("parses");
            b.iter(|| black_box(netfig::layout::sequence::layout(black_box(&seq))))
        });
    }
    // The stages apart, to see where the time goes.
    c.bench_function("sequence: 100 messages parse", |b| {
        b.iter(|| black_box(netfig::mermaid::sequence(black_box(&big)).is_ok()))
    });
    let (seq, _) = netfig::mermaid::sequence(&big).expect("parses");
    c.bench_function("sequence: 100 messages layout", |b| {
        b.iter(|| black_box(netfig::layout::sequence::layout(black_box(&seq))))
    });
    let geometry = netfig::layout::sequence::layout(&seq);
    c.bench_function("sequence: 100 messages render", |b| {
        b.iter(|| {
            black_box(netfig::render::svg::sequence(
                black_box(&seq),
                &geometry,
                &Default::default(),
            ))
        })
    });
    if let Err(why) = common::Need::Corpus.find() {
        eprintln!("sequence corpus bench skipped: {why}");
        return;
    }
    let files = common::sequence_corpus_files();
    let sources: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read corpus file"))
        .collect();
    c.bench_function("sequence: 36 docs examples parse+layout+render", |b| {
        b.iter(|| {
            for s in &sources {
                black_box(draw(black_box(s)));
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
