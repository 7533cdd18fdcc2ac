//! Prints the benchmark's generated flowchart (`layout::quality::generate::flowchart_source`)
//! of `n` nodes (default 1,000), so that `netfig render` or a profiler can be run on exactly
//! the graph `cargo bench --bench pipeline -- generated/<n>` measures:
//! `cargo run --release --example generated_source -- 1000 > g1000.mmd`.

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("a node count"))
        .unwrap_or(1000);
    print!("{}", netfig::layout::quality::generate::flowchart_source(n));
}
