//! Layer diagrams (issue 14): recognition and the check of the bundled OSI/TCP-IP example
//! (parsed once; what a book build adds to each flowchart), and of a generated comparison of
//! 700 stacks' worth of layers (a bound for hostile input: the work is linear).

use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn big() -> String {
    let mut s = String::from("flowchart TD\nsubgraph O[OSI]\n");
    let osi = [
        "Application",
        "Presentation",
        "Session",
        "Transport",
        "Network",
        "Data Link",
        "Physical",
    ];
    let tcp = ["Application", "Transport", "Internet", "Link"];
    for i in 0..700 {
        s.push_str(&format!("o{i}[\"{} Layer\"]\n", osi[i % 7]));
    }
    s.push_str("end\nsubgraph T[TCP/IP]\n");
    for i in 0..400 {
        s.push_str(&format!("t{i}[{}]\n", tcp[i % 4]));
    }
    s.push_str("end\n");
    for i in 0..400 {
        s.push_str(&format!("o{i} --> t{i}\n"));
    }
    s
}

fn bench(c: &mut Criterion) {
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/diagrams/osi-vs-tcpip.mmd"
    ))
    .expect("the example");
    let (chart, _) = netfig::mermaid::flowchart(&example);
    c.bench_function("layers: recognise the OSI/TCP-IP example", |b| {
        b.iter(|| netfig::layers::recognize(black_box(&chart)))
    });
    c.bench_function("layers: recognise + check the OSI/TCP-IP example", |b| {
        b.iter(|| netfig::layers::findings(black_box(&chart)))
    });
    let (big, _) = netfig::mermaid::flowchart(&big());
    c.bench_function(
        "layers: recognise + check 1,100 layers, 400 mappings",
        |b| b.iter(|| netfig::layers::findings(black_box(&big))),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
