//! Per-stage timings of the TCP state-diagram pipeline on the full RFC 9293 reference
//! (`netfig reference --format yaml`), for profiling:
//! `cargo run --release --example tcp_stages -- 2000` (the argument is the number of rounds;
//! each stage's mean per round is printed). Under callgrind, use a small count.

use std::time::{Duration, Instant};

fn main() {
    let rounds: u32 = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("a number of rounds"))
        .unwrap_or(1000);
    let yaml = netfig::tcp::reference::to_yaml();
    let options = netfig::pipeline::Options::default();
    let mut stages = [Duration::ZERO; 5];
    let mut bytes = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let (def, _) = netfig::tcp::parse(&yaml);
        let t1 = t.elapsed();
        let def = def.expect("the reference parses");
        let findings = netfig::tcp::check(&def);
        let machine = netfig::tcp::StateMachine::new(&def);
        let t2 = t.elapsed();
        let lowered = netfig::tcp::lower::state_diagram(&machine, options.lang, options.theme);
        let graph = netfig::pipeline::state_graph(&lowered);
        let t3 = t.elapsed();
        let geometry = netfig::layout::layout(&graph);
        let t4 = t.elapsed();
        let svg = netfig::pipeline::states_svg(&machine, &yaml, &options);
        let t5 = t.elapsed() - t4;
        // states_svg lays out again; subtract the layout measured above.
        bytes = svg.len() + findings.len() + geometry.nodes.len();
        stages[0] += t1;
        stages[1] += t2 - t1;
        stages[2] += t3 - t2;
        stages[3] += t4 - t3;
        stages[4] += t5;
    }
    let mean = |d: Duration| d / rounds;
    eprintln!(
        "parse {:?} check+model {:?} chart+graph {:?} layout {:?} chart+layout+svg {:?} ({bytes})",
        mean(stages[0]),
        mean(stages[1]),
        mean(stages[2]),
        mean(stages[3]),
        mean(stages[4]),
    );
}
