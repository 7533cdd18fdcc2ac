//! Packet diagrams (issue 15): parse + check + render of the TCP header (the RFC 9293 layout
//! `netfig reference --header tcp` prints, bilingual labels), through the pipeline as a book
//! build runs it (target: under 0.5 ms), and the front end and check alone.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use netfig::packet::reference::{to_packet, TCP};
use netfig::pipeline::{self, Kind, Options};

fn bench(c: &mut Criterion) {
    let src = to_packet(&TCP);
    let options = Options::default();
    c.bench_function("packet: parse+check+render TCP header", |b| {
        b.iter(|| pipeline::compile(black_box(&src), Kind::Flowchart, &options).expect("valid"))
    });
    c.bench_function("packet: parse+check TCP header", |b| {
        b.iter(|| {
            let (p, _) = netfig::mermaid::packet(black_box(&src)).expect("valid");
            netfig::packet::findings(&p)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
