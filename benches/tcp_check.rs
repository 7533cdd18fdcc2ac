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
    let diagram = netfig::pipeline::Options::default();
    c.bench_function("tcp check+render full reference (svg)", |b| {
        b.iter(|| {
            netfig::pipeline::compile(
                black_box(&yaml),
                netfig::pipeline::Kind::TcpStates,
                &diagram,
            )
            .expect("renders")
        })
    });
    let (machine, _) = netfig::pipeline::load_states(&yaml, Default::default()).unwrap();
    let lowered =
        netfig::tcp::lower::state_diagram(&machine, Default::default(), Default::default());
    let graph = netfig::pipeline::state_graph(&lowered);
    c.bench_function("tcp layout full reference", |b| {
        b.iter(|| netfig::layout::layered::layout(black_box(&graph)))
    });
    c.bench_function("tcp render full reference (loaded machine → svg)", |b| {
        b.iter(|| netfig::pipeline::states_svg(black_box(&machine), &yaml, &diagram))
    });
    let mut table = netfig::pipeline::Options::default();
    table.view = netfig::pipeline::View::Table;
    c.bench_function("tcp check+render full reference (html table)", |b| {
        b.iter(|| {
            netfig::pipeline::compile(black_box(&yaml), netfig::pipeline::Kind::TcpStates, &table)
                .expect("renders")
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
