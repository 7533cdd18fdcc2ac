//! Parsing and checking the full RFC 9293 reference (59 transitions), and checking plus
//! rendering it (diagram SVG, HTML table). Target: well under 2 ms each.
//!
//! The parse-only benches read the reference as written (the fast reader for plain YAML) and
//! with CRLF line ends, which only the full YAML parser reads.

use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let yaml = netfig::tcp::reference::to_yaml();
    c.bench_function("tcp parse full reference", |b| {
        b.iter(|| netfig::tcp::parse(black_box(&yaml)))
    });
    let crlf = yaml.replace('\n', "\r\n");
    c.bench_function("tcp parse full reference (CRLF, full YAML parser)", |b| {
        b.iter(|| netfig::tcp::parse(black_box(&crlf)))
    });
    c.bench_function("tcp parse+check full reference", |b| {
        b.iter(|| netfig::tcp::check_source(black_box(&yaml)))
    });
    let (def, _) = netfig::tcp::parse(&yaml);
    let def = def.expect("the reference parses");
    c.bench_function("tcp check full reference (parsed)", |b| {
        b.iter(|| netfig::tcp::check(black_box(&def)))
    });
    let diagram = netfig::diagram::StatesOptions::default();
    c.bench_function("tcp check+render full reference (svg)", |b| {
        b.iter(|| netfig::diagram::states(black_box(&yaml), &diagram).expect("renders"))
    });
    let (machine, _) = netfig::diagram::load(&yaml, netfig::diagram::CheckMode::Deny).unwrap();
    let chart = netfig::diagram::state_chart(&machine, Default::default(), Default::default());
    let graph = netfig::diagram::state_graph(&machine, &chart);
    c.bench_function("tcp layout full reference", |b| {
        b.iter(|| netfig::layout::layered::layout(black_box(&graph)))
    });
    c.bench_function("tcp render full reference (loaded machine → svg)", |b| {
        b.iter(|| netfig::diagram::diagram_svg(black_box(&machine), &yaml, &diagram))
    });
    let table = netfig::diagram::StatesOptions {
        view: netfig::diagram::View::Table,
        ..Default::default()
    };
    c.bench_function("tcp check+render full reference (html table)", |b| {
        b.iter(|| netfig::diagram::states(black_box(&yaml), &table).expect("renders"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
