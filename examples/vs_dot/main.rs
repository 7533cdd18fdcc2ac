//! Layout quality of netfig against Graphviz `dot` on seeded random flowcharts.
//!
//! Each case is a (family, seed): the family decides the graph's kind (pure DAG, cycles,
//! tree, wide/flat, long edges, edge labels, 1–3 levels of nested subgraphs, all mixed), the
//! seed its size (10–300 nodes, log-uniform), direction (even seed TD, odd LR), shapes and
//! label texts. The case is written as mermaid text and parsed by the library
//! (`mermaid::flowchart` → `layout::flowchart::graph`), so node, edge label and
//! cluster title sizes are netfig's own. netfig lays that `LayoutGraph` out; the same graph is
//! written as DOT (`fixedsize` nodes of the same size and outline, fixed-size HTML labels for
//! edge labels and cluster titles, `subgraph cluster_*`, `minlen`, `rankdir`) and laid out by
//! `dot -Tjson`. dot's answer is read back into a netfig `Layout` and both are measured by the
//! same `layout::quality::Metrics::of`.
//!
//! How dot's edges become polylines: by default dot runs with `splines=polyline`, whose
//! Bézier pieces are straight, so the route is the pieces' joints (exactly comparable with
//! netfig's polylines, bends included). `--curves` runs dot with its default splines and
//! samples each cubic piece at 8 equal parameter steps: crossings and length stay meaningful,
//! bends then count sample points and are not comparable.
//!
//! Spacing: by default dot gets netfig's `nodesep`/`ranksep` (50 px = 50 pt); `--dot-spacing`
//! leaves dot's defaults (18 pt / 36 pt), as a judge running plain `dot` would see it.
//!
//! `along` and `across` split the route length into travel along the rank axis (y for TD,
//! x for LR) and across it (where positioning shows).
//!
//! Ratios are netfig / dot per case, summarised by their geometric mean per family; counts
//! (crossings, bends) use (netfig + 1) / (dot + 1). Aspect is long side / short side. The
//! hard-rule counts (node overlaps, cluster violations, edges through nodes, label overlaps)
//! are summed over the family, netfig vs dot.
//!
//! # Running
//!
//! Needs `dot` (Debian: `apt-get install graphviz`) on the PATH.
//!
//! ```text
//! cargo run --release --example vs_dot                      # 12 seeds per family
//! cargo run --release --example vs_dot -- --seeds 30 --family clusters
//! cargo run --release --example vs_dot -- --family long --seed 7 --dump /tmp/vsdot
//! ```
//!
//! netfig's layout is `pipeline::layout_flowchart`, the library's pipeline. `--spacing
//! NODE,RANK` and `--padding PX` override netfig's spacing (dot follows unless
//! `--dot-spacing`), for experiments; they lay out with the bare `layout::layered::layout`.
//!
//! `--dump DIR` writes `FAMILY-SEED.mmd` and `FAMILY-SEED.dot` for every case run, to render
//! with `netfig render --format png` and `dot -Tpng`. `--cases` prints one line per case.

mod dot;
mod families;

use netfig::layout::quality::Metrics;
use netfig::layout::{flowchart, layered, Layout, LayoutGraph};
use std::time::Instant;

struct Args {
    seeds: u64,
    first: u64,
    family: Option<String>,
    dump: Option<String>,
    cases: bool,
    opts: dot::DotOptions,
    /// Overrides of netfig's (and, with same spacing, dot's) node / rank spacing and cluster
    /// padding, for experiments.
    spacing: Option<(f64, f64)>,
    padding: Option<f64>,
}

fn args() -> Args {
    let mut a = Args {
        seeds: 12,
        first: 0,
        family: None,
        dump: None,
        cases: false,
        spacing: None,
        padding: None,
        opts: dot::DotOptions {
            same_spacing: true,
            curves: false,
        },
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut val = || it.next().expect("missing value");
        match k.as_str() {
            "--seeds" => a.seeds = val().parse().expect("--seeds N"),
            "--seed" => {
                a.first = val().parse().expect("--seed S");
                a.seeds = 1;
            }
            "--family" => a.family = Some(val()),
            "--dump" => a.dump = Some(val()),
            "--cases" => a.cases = true,
            "--curves" => a.opts.curves = true,
            "--dot-spacing" => a.opts.same_spacing = false,
            "--spacing" => {
                let v = val();
                let (n, r) = v.split_once(',').expect("--spacing NODE,RANK");
                a.spacing = Some((n.parse().unwrap(), r.parse().unwrap()));
            }
            "--padding" => a.padding = Some(val().parse().expect("--padding PX")),
            _ => panic!("unknown argument {k} (see the doc comment of examples/vs_dot)"),
        }
    }
    a
}

/// The measures compared, per case and layout.
#[derive(Debug, Clone, Copy)]
struct Measure {
    m: Metrics,
    aspect: f64,
    millis: f64,
    /// Route travel along the rank axis (y for TD, x for LR) and across it.
    along: f64,
    across: f64,
}

fn measure(g: &LayoutGraph, l: &Layout, millis: f64) -> Measure {
    let (w, h) = (l.width.max(1.0), l.height.max(1.0));
    let (mut along, mut across) = (0.0, 0.0);
    for w in l.edges.iter().flat_map(|e| e.points.windows(2)) {
        let (dx, dy) = ((w[1].x - w[0].x).abs(), (w[1].y - w[0].y).abs());
        let (a, c) = if g.direction.is_horizontal() {
            (dx, dy)
        } else {
            (dy, dx)
        };
        along += a;
        across += c;
    }
    Measure {
        m: Metrics::of(g, l),
        aspect: w.max(h) / w.min(h),
        millis,
        along,
        across,
    }
}

/// The ratio columns: name and netfig/dot of one case.
const RATIOS: &[&str] = &[
    "cross", "bends", "length", "area", "aspect", "time", "along", "across",
];

fn ratios(n: &Measure, d: &Measure) -> [f64; 8] {
    let c = |a: usize, b: usize| (a as f64 + 1.0) / (b as f64 + 1.0);
    let f = |a: f64, b: f64| a.max(1e-9) / b.max(1e-9);
    [
        c(n.m.crossings, d.m.crossings),
        c(n.m.bends, d.m.bends),
        f(n.m.length, d.m.length),
        f(n.m.area, d.m.area),
        f(n.aspect, d.aspect),
        f(n.millis, d.millis),
        f(n.along, d.along),
        f(n.across, d.across),
    ]
}

fn hard(m: &Metrics) -> [usize; 4] {
    [
        m.node_overlaps,
        m.cluster_violations,
        m.edges_through_nodes,
        m.label_overlaps,
    ]
}

struct Case {
    family: &'static str,
    seed: u64,
    nodes: usize,
    edges: usize,
    net: Measure,
    dot: Measure,
    r: [f64; 8],
}

fn run_case(a: &Args, family: &'static str, seed: u64) -> Option<Case> {
    let src = families::source(family, seed)?;
    let (chart, diags) = netfig::mermaid::flowchart(&src);
    if netfig::diagnostic::has_errors(&diags) {
        eprintln!("{family} seed {seed}: parse errors: {:?}", diags.first());
        return None;
    }
    let mut g = flowchart::graph(&chart);
    if let Some((n, r)) = a.spacing {
        g.spacing.node = n;
        g.spacing.rank = r;
    }
    if let Some(p) = a.padding {
        g.spacing.cluster_padding = p;
    }
    let t = Instant::now();
    // The library's own pipeline, unless the experiment overrides change the graph (then the
    // bare layered layout, without any later pass the pipeline may add).
    let nl = if a.spacing.is_none() && a.padding.is_none() {
        netfig::pipeline::layout_flowchart(&chart).layout
    } else {
        layered::layout(&g)
    };
    let net = measure(&g, &nl, t.elapsed().as_secs_f64() * 1e3);
    let dsrc = dot::to_dot(&g, a.opts);
    if let Some(dir) = &a.dump {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(format!("{dir}/{family}-{seed}.mmd"), &src).unwrap();
        std::fs::write(format!("{dir}/{family}-{seed}.dot"), &dsrc).unwrap();
    }
    let t = Instant::now();
    let Some(json) = dot::run_dot(&dsrc) else {
        eprintln!("{family} seed {seed}: dot failed");
        return None;
    };
    let millis = t.elapsed().as_secs_f64() * 1e3;
    let dl = dot::layout_of(&g, &json, a.opts)?;
    let dm = measure(&g, &dl, millis);
    Some(Case {
        family,
        seed,
        nodes: g.nodes.len(),
        edges: g.edges.len(),
        r: ratios(&net, &dm),
        net,
        dot: dm,
    })
}

fn geomean(v: impl Iterator<Item = f64>) -> f64 {
    let (mut s, mut n) = (0.0, 0.0);
    for x in v {
        s += x.ln();
        n += 1.0;
    }
    if n == 0.0 {
        f64::NAN
    } else {
        (s / n).exp()
    }
}

fn summary(label: &str, cases: &[&Case]) {
    let mut line = format!("| {label:<9} | {:>3} |", cases.len());
    for k in 0..RATIOS.len() {
        line += &format!(" {:>6.2} |", geomean(cases.iter().map(|c| c.r[k])));
    }
    let sum = |f: &dyn Fn(&Case) -> [usize; 4]| {
        cases.iter().fold([0; 4], |mut acc, c| {
            for (a, b) in acc.iter_mut().zip(f(c)) {
                *a += b;
            }
            acc
        })
    };
    let (n, d) = (sum(&|c| hard(&c.net.m)), sum(&|c| hard(&c.dot.m)));
    for k in 0..4 {
        line += &format!(" {}/{} |", n[k], d[k]);
    }
    println!("{line}");
}

fn main() {
    let a = args();
    let fams: Vec<&'static str> = families::FAMILIES
        .iter()
        .copied()
        .filter(|f| a.family.as_deref().is_none_or(|x| x == *f))
        .collect();
    let mut cases = Vec::new();
    for &f in &fams {
        for seed in a.first..a.first + a.seeds {
            if let Some(c) = run_case(&a, f, seed) {
                if a.cases {
                    println!(
                        "{f} seed {seed} ({} nodes, {} edges): netfig {} aspect {:.2} {:.1} ms \
                         | dot {} aspect {:.2} {:.1} ms",
                        c.nodes,
                        c.edges,
                        c.net.m,
                        c.net.aspect,
                        c.net.millis,
                        c.dot.m,
                        c.dot.aspect,
                        c.dot.millis
                    );
                }
                cases.push(c);
            }
        }
    }
    println!(
        "\ndot: splines={}, spacing={}; ratios netfig/dot, geometric mean; hard rules netfig/dot \
         sums\n",
        if a.opts.curves {
            "true (sampled)"
        } else {
            "polyline"
        },
        if a.opts.same_spacing {
            "netfig's"
        } else {
            "dot's defaults"
        }
    );
    let mut head = "| family    |   n |".to_string();
    for r in RATIOS {
        head += &format!(" {r:>6} |");
    }
    head += " node ov | cluster viol | edge thru node | label ov |";
    println!("{head}");
    println!("|{}", "---|".repeat(2 + RATIOS.len() + 4));
    for &f in &fams {
        summary(
            f,
            &cases.iter().filter(|c| c.family == f).collect::<Vec<_>>(),
        );
    }
    for (name, lr) in [("all TD", false), ("all LR", true)] {
        summary(
            name,
            &cases
                .iter()
                .filter(|c| (c.seed % 2 == 1) == lr)
                .collect::<Vec<_>>(),
        );
    }
    summary("all", &cases.iter().collect::<Vec<_>>());
    println!("\nworst cases (largest netfig/dot ratio per family and metric):");
    for &f in &fams {
        let fc: Vec<&Case> = cases.iter().filter(|c| c.family == f).collect();
        let mut parts = Vec::new();
        for (k, name) in RATIOS.iter().enumerate().take(4) {
            if let Some(w) = fc.iter().max_by(|x, y| x.r[k].total_cmp(&y.r[k])) {
                parts.push(format!("{name} seed {} ×{:.2}", w.seed, w.r[k]));
            }
        }
        println!("  {f}: {}", parts.join(", "));
    }
    let bad: Vec<&Case> = cases.iter().filter(|c| !c.net.m.is_clean()).collect();
    for c in bad {
        println!(
            "  netfig hard-rule failure: {} seed {}: {}",
            c.family, c.seed, c.net.m
        );
    }
}
