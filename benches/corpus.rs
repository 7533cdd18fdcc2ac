//! Parsing and lowering the 111 examples of mermaid's flowchart documentation
//! (`shared/corpus/mermaid-flowchart/docs`). Target: well under 10 ms for the lot in release.
//! Without the corpus beside the repository the bench says so and measures nothing.

use criterion::{black_box, criterion_group, criterion_main, Criterion};

#[path = "../tests/common/mod.rs"]
mod common;

fn bench(c: &mut Criterion) {
    if let Err(why) = common::Need::Corpus.find() {
        eprintln!("corpus bench skipped: {why}");
        return;
    }
    let sources: Vec<String> = common::corpus_files()
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read corpus file"))
        .collect();
    c.bench_function("parse+lower 111 corpus examples", |b| {
        b.iter(|| {
            for s in &sources {
                black_box(netfig::mermaid::flowchart(black_box(s)));
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
