//! The sequence front end (`mermaid::sequence`: parse + lower): the 36 examples of mermaid's
//! sequence-diagram documentation (`shared/corpus/mermaid-sequence/docs`) in one process, a
//! generated 100-message diagram, and inputs of growing size (n, 4n, 16n) whose times should
//! grow fourfold each step (linear time). Without the corpus the first bench is skipped.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};

#[path = "../tests/common/mod.rs"]
mod common;

/// A diagram of `n` messages among eight participants, with notes, activations and blocks.
fn generated(n: usize) -> String {
    let mut s = String::from("sequenceDiagram\nautonumber\n");
    for i in 0..n {
        let (a, b) = (i % 8, (i * 3 + 1) % 8);
        match i % 10 {
            0 => s.push_str(&format!("loop round {i}\n")),
            5 => s.push_str(&format!("Note over P{a},P{b}: note {i}<br>second line\n")),
            9 => s.push_str("end\n"),
            _ => {}
        }
        let mark = if i % 4 == 1 { "+" } else { "" };
        s.push_str(&format!("P{a}->>{mark}P{b}: message {i} #9829;\n"));
        if i % 4 == 1 {
            s.push_str(&format!("P{b}-->>-P{a}: reply {i}\n"));
        }
    }
    s
}

fn bench(c: &mut Criterion) {
    match common::Need::Corpus.find() {
        Err(why) => eprintln!("sequence corpus bench skipped: {why}"),
        Ok(_) => {
            let sources: Vec<String> = common::sequence_corpus_files()
                .iter()
                .map(|f| std::fs::read_to_string(f).expect("read corpus file"))
                .collect();
            c.bench_function("sequence: parse+lower 36 docs examples", |b| {
                b.iter(|| {
                    for s in &sources {
                        let _ = black_box(netfig::mermaid::sequence(black_box(s)));
                    }
                })
            });
        }
    }
    let hundred = generated(100);
    c.bench_function("sequence: parse+lower 100 messages", |b| {
        b.iter(|| black_box(netfig::mermaid::sequence(black_box(&hundred))))
    });
    let mut group = c.benchmark_group("sequence: linear time");
    for n in [500, 2_000, 8_000] {
        let diagram = generated(n);
        group.bench_with_input(BenchmarkId::new("messages", n), &diagram, |b, s| {
            b.iter(|| black_box(netfig::mermaid::sequence(black_box(s))))
        });
        let directives = format!("sequenceDiagram\n{}A->>B: x\n", "%%{\n".repeat(n));
        group.bench_with_input(BenchmarkId::new("unclosed %%{", n), &directives, |b, s| {
            b.iter(|| black_box(netfig::mermaid::sequence(black_box(s))))
        });
        let tags = format!("sequenceDiagram\nA->>B: {}\n", "<br".repeat(n));
        group.bench_with_input(BenchmarkId::new("unclosed <br", n), &tags, |b, s| {
            b.iter(|| black_box(netfig::mermaid::sequence(black_box(s))))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
