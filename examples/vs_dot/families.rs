//! Seeded graph families, written as mermaid flowchart text. Every graph is a function of
//! (family, seed): size, direction (even seed TD, odd seed LR), shapes, labels, clusters.

use netfig::layout::quality::generate::Rng;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The families, in report order.
pub(crate) const FAMILIES: &[&str] = &[
    "dag", "cyclic", "tree", "wide", "long", "labels", "clusters", "mixed",
];

const WORDS: &[&str] = &[
    "SYN",
    "ACK",
    "recv",
    "send",
    "socket",
    "listen",
    "buffer",
    "timer",
    "retransmit",
    "window",
    "close",
    "open",
    "route",
    "packet",
    "check",
    "state",
    "queue",
    "handshake",
    "ok",
    "fail",
    "x",
    "established",
    "FIN_WAIT_2",
    "parse header",
];

fn words(rng: &mut Rng, max: usize) -> String {
    let k = 1 + rng.below(max);
    (0..k)
        .map(|_| WORDS[rng.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Node count for `seed`: log-uniform in 10..=300.
fn size(rng: &mut Rng) -> usize {
    let u = rng.below(10_000) as f64 / 10_000.0;
    (10.0 * 30f64.powf(u)).round() as usize
}

/// The graph before it is written: edges are (from, to, label, min_len).
struct Spec {
    lr: bool,
    n: usize,
    edges: Vec<(usize, usize, Option<String>, u32)>,
    /// Cluster tree: (parent, title); node membership below.
    clusters: Vec<(Option<usize>, String)>,
    member: Vec<Option<usize>>,
}

impl Spec {
    fn new(rng: &mut Rng, seed: u64) -> Spec {
        let n = size(rng);
        Spec {
            lr: seed % 2 == 1,
            n,
            edges: Vec::new(),
            clusters: Vec::new(),
            member: vec![None; n],
        }
    }

    fn add(&mut self, seen: &mut BTreeSet<(usize, usize)>, a: usize, b: usize) -> bool {
        if a == b || a >= self.n || b >= self.n || !seen.insert((a, b)) {
            return false;
        }
        self.edges.push((a, b, None, 1));
        true
    }

    /// A connected DAG: a spanning "recent parent" tree plus `extra` forward edges spanning
    /// at most `span` indices.
    fn dag(&mut self, rng: &mut Rng, extra: usize, span: usize) {
        let mut seen = BTreeSet::new();
        for v in 1..self.n {
            let u = v - 1 - rng.below(v.min(6));
            self.add(&mut seen, u, v);
        }
        let mut tries = 0;
        let mut added = 0;
        while added < extra && tries < 20 * extra + 20 {
            tries += 1;
            let a = rng.below(self.n);
            let b = a + 1 + rng.below(span);
            if self.add(&mut seen, a, b) {
                added += 1;
            }
        }
    }

    fn back_edges(&mut self, rng: &mut Rng, k: usize) {
        for _ in 0..k {
            let a = 1 + rng.below(self.n - 1);
            let b = a.saturating_sub(1 + rng.below(12));
            self.edges.push((a, b, None, 1));
        }
    }

    fn label_edges(&mut self, rng: &mut Rng, per_mille: usize) {
        for e in &mut self.edges {
            if rng.below(1000) < per_mille {
                e.2 = Some(words(rng, 2));
            }
        }
    }

    /// Nested clusters over contiguous index runs, `depth` levels at most.
    fn nest(&mut self, rng: &mut Rng, lo: usize, hi: usize, parent: Option<usize>, depth: u32) {
        if depth == 0 || hi - lo < 3 {
            return;
        }
        let k = 2 + rng.below(3);
        let step = (hi - lo).div_ceil(k);
        let mut a = lo;
        while a < hi {
            let b = (a + step).min(hi);
            if rng.below(5) > 0 && b - a >= 2 {
                let c = self.clusters.len();
                self.clusters.push((parent, words(rng, 2)));
                // Leave a node or two of the run outside, in the parent.
                let skip = rng.below(2);
                for m in &mut self.member[a + skip..b] {
                    *m = Some(c);
                }
                self.nest(rng, a + skip, b, Some(c), depth - 1);
            }
            a = b;
        }
    }

    fn mermaid(&self, rng: &mut Rng) -> String {
        let mut s = String::new();
        let dir = if self.lr { "LR" } else { "TD" };
        writeln!(s, "flowchart {dir}").unwrap();
        let node = |s: &mut String, rng: &mut Rng, i: usize, indent: usize| {
            let mut label = words(rng, 3);
            if rng.below(6) == 0 {
                label = format!("{label}<br>{}", words(rng, 2));
            }
            let (o, c) = match rng.below(10) {
                0 => ("{", "}"),
                1 => ("((", "))"),
                2 => ("([", "])"),
                3 | 4 => ("(", ")"),
                _ => ("[", "]"),
            };
            writeln!(s, "{:indent$}n{i}{o}\"{label}\"{c}", "").unwrap();
        };
        // Nodes in their clusters, depth first.
        fn cluster(
            spec: &Spec,
            s: &mut String,
            rng: &mut Rng,
            c: Option<usize>,
            indent: usize,
            node: &dyn Fn(&mut String, &mut Rng, usize, usize),
        ) {
            for i in (0..spec.n).filter(|&i| spec.member[i] == c) {
                node(s, rng, i, indent);
            }
            for (k, (p, title)) in spec.clusters.iter().enumerate() {
                if *p == c {
                    writeln!(s, "{:indent$}subgraph c{k} [\"{title}\"]", "").unwrap();
                    cluster(spec, s, rng, Some(k), indent + 2, node);
                    writeln!(s, "{:indent$}end", "").unwrap();
                }
            }
        }
        cluster(self, &mut s, rng, None, 2, &node);
        for (a, b, label, min_len) in &self.edges {
            let dashes = "-".repeat(1 + *min_len as usize);
            match label {
                Some(l) => writeln!(s, "  n{a} {dashes}>|\"{l}\"| n{b}").unwrap(),
                None => writeln!(s, "  n{a} {dashes}> n{b}").unwrap(),
            }
        }
        s
    }
}

/// The mermaid source of `family` for `seed` (`None` for an unknown family).
pub(crate) fn source(family: &str, seed: u64) -> Option<String> {
    let mut rng = Rng::new(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ family.len() as u64);
    let mut g = Spec::new(&mut rng, seed);
    let n = g.n;
    match family {
        "dag" => g.dag(&mut rng, n / 2, 10),
        "cyclic" => {
            g.dag(&mut rng, n / 3, 10);
            g.back_edges(&mut rng, 1 + n / 8);
        }
        "tree" => {
            for v in 1..n {
                let u = rng.below(v);
                g.edges.push((u, v, None, 1));
            }
        }
        "wide" => {
            // 2–4 ranks, every node below the first with 1–3 parents in the rank above.
            let ranks = 2 + rng.below(3);
            let per = n.div_ceil(ranks);
            let mut seen = BTreeSet::new();
            for v in per..n {
                let r = v / per;
                for _ in 0..1 + rng.below(3) {
                    let u = (r - 1) * per + rng.below(per);
                    g.add(&mut seen, u, v);
                }
            }
        }
        "long" => {
            g.dag(&mut rng, n / 3, 4);
            let mut seen: BTreeSet<(usize, usize)> = g.edges.iter().map(|e| (e.0, e.1)).collect();
            for _ in 0..n / 2 {
                let a = rng.below(n);
                let b = a + 8 + rng.below(n / 2 + 1);
                g.add(&mut seen, a, b);
            }
            for e in g.edges.iter_mut() {
                if rng.below(10) == 0 {
                    e.3 = 2;
                }
            }
        }
        "labels" => {
            g.dag(&mut rng, n / 2, 10);
            g.label_edges(&mut rng, 500);
        }
        "clusters" => {
            g.dag(&mut rng, n / 2, 8);
            let depth = 1 + rng.below(3) as u32;
            g.nest(&mut rng, 0, n, None, depth);
        }
        "mixed" => {
            g.dag(&mut rng, n / 2, 16);
            g.back_edges(&mut rng, 1 + n / 12);
            g.label_edges(&mut rng, 200);
            let depth = 1 + rng.below(3) as u32;
            g.nest(&mut rng, 0, n, None, depth);
        }
        _ => return None,
    }
    Some(g.mermaid(&mut rng))
}
