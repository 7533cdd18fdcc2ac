//! Parsing and checking the full RFC 9293 reference (59 transitions). Target: well under 2 ms.

use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let yaml = netfig::tcp::reference::to_yaml();
    c.bench_function("tcp parse+check full reference", |b| {
        b.iter(|| netfig::tcp::check_source(black_box(&yaml)))
    });
    let (def, _) = netfig::tcp::parse(&yaml);
    let def = def.expect("the reference parses");
    c.bench_function("tcp check full reference (parsed)", |b| {
        b.iter(|| netfig::tcp::check(black_box(&def)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
