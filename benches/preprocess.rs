//! The mdBook preprocessor on a generated book: 200 chapters holding 500 diagrams (flowcharts of
//! 5–15 nodes with subgraphs and bilingual labels), plus ordinary Markdown. Target: under 1 s.
//!
//! And one chapter holding 20,000 two-node fences: the chapter's own processing (finding the
//! blocks, mapping them to the file, splicing the replacements) must stay linear; splicing
//! from the end backwards made it take 35 s (issue 9 item 11).

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

/// One chapter of `n` small fences, paragraphs between them.
fn many_fences(n: usize) -> Book {
    let mut content = String::from("# Many\n\n");
    for i in 0..n {
        content.push_str(&format!(
            "Step {i}:\n\n```mermaid\nflowchart LR\n  A{i} --> B\n```\n\n"
        ));
    }
    let mut book = Book::new();
    book.push_item(BookItem::Chapter(Chapter::new(
        "Many",
        content,
        "many.md",
        vec![],
    )));
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
    let many = many_fences(20_000);
    group.bench_function("one chapter, 20000 fences", |b| {
        b.iter(|| {
            let (out, findings) = Netfig.process(&ctx, black_box(many.clone())).unwrap();
            assert!(findings.is_empty());
            out
        })
    });
    group.finish();
}

criterion_group!(preprocess, benches);
criterion_main!(preprocess);
