//! The mdBook preprocessor on a generated book: 200 chapters holding 500 diagrams (flowcharts of
//! 5–15 nodes with subgraphs and bilingual labels), plus ordinary Markdown. Target: under 1 s.

use criterion::{criterion_group, criterion_main, Criterion};
use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::config::Config;
use mdbook_preprocessor::PreprocessorContext;
use netfig::book::Netfig;
use std::hint::black_box;

fn diagram(seed: usize) -> String {
    let n = 5 + seed % 11;
    let mut s = format!("```mermaid\nflowchart {}\n", ["TD", "LR"][seed % 2]);
    s.push_str(&format!("    subgraph g{seed} [分组 Group {seed}]\n"));
    for i in 0..n / 2 {
        s.push_str(&format!("        n{i}[节点 {i}<br>Node {i}]\n"));
    }
    s.push_str("    end\n");
    for i in 1..n {
        let from = (i * 7 + seed) % i;
        if i % 4 == 0 {
            s.push_str(&format!("    n{from} -->|边 {i}| n{i}\n"));
        } else {
            s.push_str(&format!("    n{from} --> n{i}{{判断 {i}}}\n"));
        }
    }
    s.push_str("```\n");
    s
}

fn book() -> Book {
    let mut book = Book::new();
    let mut d = 0;
    for c in 0..200 {
        // 500 diagrams over 200 chapters: every other chapter has three, the rest two.
        let count = if c % 2 == 0 { 3 } else { 2 };
        let mut content =
            format!("# Chapter {c}\n\nSome *text* with `code` and a [link](x.md).\n\n");
        for _ in 0..count {
            content.push_str(&diagram(d));
            content.push_str("\nA paragraph between diagrams, 中文也有。\n\n");
            d += 1;
        }
        book.push_item(BookItem::Chapter(Chapter::new(
            &format!("Chapter {c}"),
            content,
            format!("ch{c}.md"),
            vec![],
        )));
    }
    assert_eq!(d, 500);
    book
}

fn benches(c: &mut Criterion) {
    let ctx = PreprocessorContext::new(std::env::temp_dir(), Config::default(), "html".to_string());
    let input = book();
    let mut group = c.benchmark_group("preprocessor");
    group.sample_size(10);
    group.bench_function("200 chapters, 500 diagrams", |b| {
        b.iter(|| {
            let (out, findings) = Netfig.process(&ctx, black_box(input.clone())).unwrap();
            assert!(findings.iter().all(|f| !f.is_error()));
            out
        })
    });
    group.finish();
}

criterion_group!(preprocess, benches);
criterion_main!(preprocess);
