//! The TCP exchange check (`tcp::exchange`): a generated 100-segment exchange (handshake,
//! 93 data segments and their acknowledgments, close) checked on its parsed diagram, and
//! parsed and checked from text. Target: well under 1 ms for the check. Also its ladder: laid
//! out from the simulation, and the whole render (parse, check, ladder, SVG), also of 2,000
//! and 8,000 segments (the time must grow about fourfold).

use criterion::{black_box, criterion_group, criterion_main, Criterion};

/// A `check: tcp` diagram of `n` segments (n ≥ 7): handshake, data both ways, close.
fn exchange(n: usize) -> String {
    let mut s = String::from(
        "---\ncheck: tcp\n---\nsequenceDiagram\n    participant A\n    participant B\n",
    );
    s.push_str("    Note left of A: CLOSED\n    Note right of B: LISTEN\n");
    s.push_str("    A->>B: <SEQ=100><CTL=SYN>\n    Note left of A: SYN-SENT\n");
    s.push_str("    B->>A: <SEQ=300><ACK=101><CTL=SYN,ACK>\n    Note right of B: SYN-RECEIVED\n");
    s.push_str("    A->>B: <SEQ=101><ACK=301><CTL=ACK>\n    Note over A,B: ESTABLISHED\n");
    let (mut a, mut b) = (101u32, 301u32);
    for i in 0..n.saturating_sub(7) {
        if i % 2 == 0 {
            s.push_str(&format!("    A->>B: <SEQ={a}><ACK={b}><CTL=ACK><LEN=10>\n"));
            a += 10;
        } else {
            s.push_str(&format!("    B->>A: <SEQ={b}><ACK={a}><CTL=ACK><LEN=10>\n"));
            b += 10;
        }
    }
    s.push_str(&format!(
        "    A->>B: <SEQ={a}><ACK={b}><CTL=FIN,ACK>\n    Note left of A: FIN-WAIT-1\n"
    ));
    s.push_str(&format!(
        "    B->>A: <SEQ={b}><ACK={}><CTL=ACK>\n    Note right of B: CLOSE-WAIT\n",
        a + 1
    ));
    s.push_str(&format!(
        "    B->>A: <SEQ={b}><ACK={}><CTL=FIN,ACK>\n    Note right of B: LAST-ACK\n",
        a + 1
    ));
    s.push_str(&format!("    A->>B: <SEQ={}><ACK={}><CTL=ACK>\n    Note left of A: TIME-WAIT\n    Note right of B: CLOSED\n", a + 1, b + 1));
    s
}

fn bench(c: &mut Criterion) {
    let src = exchange(100);
    let (seq, warnings) = netfig::mermaid::sequence(&src).expect("the generated exchange parses");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(seq.messages().count(), 100);
    let findings = netfig::tcp::exchange::check(&seq, &src);
    assert!(findings.is_empty(), "{findings:?}");
    c.bench_function("exchange: check 100 segments", |b| {
        b.iter(|| netfig::tcp::exchange::check(black_box(&seq), black_box(&src)))
    });
    c.bench_function("exchange: parse+check 100 segments", |b| {
        b.iter(|| netfig::pipeline::check(black_box(&src), netfig::pipeline::Kind::Sequence))
    });
    let x = netfig::tcp::exchange::simulate(&seq, &src);
    let ladder =
        netfig::tcp::exchange::ladder(&seq, (&seq, netfig::model::LangChoice::En), &x, &[]);
    c.bench_function("exchange: ladder layout 100 segments", |b| {
        b.iter(|| netfig::layout::sequence::layout_ladder(black_box(&seq), black_box(&ladder)))
    });
    let options = netfig::pipeline::Options::default();
    c.bench_function("exchange: render 100 segments", |b| {
        b.iter(|| {
            netfig::pipeline::compile(black_box(&src), netfig::pipeline::Kind::Sequence, &options)
        })
    });
    // Long exchanges: the render must grow linearly with the segments (classing each message
    // by searching the ladder's segments and findings made it quadratic: 3 s debug for 25,600).
    let mut group = c.benchmark_group("exchange: render");
    group.sample_size(10);
    for n in [2_000, 8_000] {
        let src = exchange(n);
        group.bench_function(format!("{n} segments"), |b| {
            b.iter(|| {
                netfig::pipeline::compile(
                    black_box(&src),
                    netfig::pipeline::Kind::Sequence,
                    &options,
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
