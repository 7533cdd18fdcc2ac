//! The same `LayoutGraph` as Graphviz DOT, and dot's `-Tjson` answer back as a netfig
//! `Layout`, so `Metrics::of` measures both with the same code.

use netfig::geometry::{Point, Rect, Size};
use netfig::layout::{ClusterBox, Direction, EdgeRoute, End, Layout, LayoutGraph, Outline};
use serde_json::Value;
use std::fmt::Write;
use std::io::Write as _;
use std::process::{Command, Stdio};

/// How dot is run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DotOptions {
    /// `nodesep`/`ranksep` = netfig's `Spacing` (else dot's defaults 0.25in / 0.5in).
    pub(crate) same_spacing: bool,
    /// `splines=true` (Béziers, sampled) instead of `splines=polyline`.
    pub(crate) curves: bool,
}

/// Pixels per inch: netfig's px are dot's points.
const PT: f64 = 72.0;

/// A fixed-size invisible HTML label: dot reserves exactly `s` for it.
fn fixed_label(s: Size) -> String {
    format!(
        "<<TABLE BORDER=\"0\" CELLPADDING=\"0\" CELLSPACING=\"0\"><TR><TD FIXEDSIZE=\"TRUE\" \
         WIDTH=\"{:.0}\" HEIGHT=\"{:.0}\"></TD></TR></TABLE>>",
        s.width.max(1.0),
        s.height.max(1.0)
    )
}

/// `g` in DOT: node `n{i}` is `g.nodes[i]` with its exact size, cluster `cluster_{c}` is
/// `g.clusters[c]` with a title of its exact size, edges in `g.edges` order.
pub(crate) fn to_dot(g: &LayoutGraph, o: DotOptions) -> String {
    let mut s = String::from("digraph G {\n");
    let rankdir = match g.direction {
        Direction::TopBottom => "TB",
        Direction::BottomTop => "BT",
        Direction::LeftRight => "LR",
        Direction::RightLeft => "RL",
    };
    writeln!(
        s,
        "  rankdir={rankdir}; splines={};",
        if o.curves { "true" } else { "polyline" }
    )
    .unwrap();
    if o.same_spacing {
        writeln!(
            s,
            "  nodesep={:.4}; ranksep={:.4};",
            g.spacing.node / PT,
            g.spacing.rank / PT
        )
        .unwrap();
    }
    s.push_str("  node [label=\"\\N\", fontsize=10, fixedsize=true, margin=0];\n  edge [arrowhead=none];\n");
    emit_cluster(g, &mut s, None, 1);
    for e in &g.edges {
        let (End::Node(a), End::Node(b)) = (e.from, e.to) else {
            continue;
        };
        let (a, b) = (a.get(), b.get());
        write!(s, "  n{a} -> n{b} [minlen={}", e.min_len).unwrap();
        if let Some(l) = e.label {
            write!(s, ", label={}", fixed_label(l)).unwrap();
        }
        s.push_str("];\n");
    }
    s.push_str("}\n");
    s
}

fn emit_cluster(g: &LayoutGraph, s: &mut String, c: Option<usize>, depth: usize) {
    let ind = "  ".repeat(depth);
    for (i, n) in g.nodes.iter().enumerate().filter(|(_, n)| n.cluster == c) {
        let shape = match n.outline {
            Outline::Box => "box",
            Outline::Ellipse => "ellipse",
            Outline::Diamond => "diamond",
        };
        writeln!(
            s,
            "{ind}n{i} [shape={shape}, width={:.4}, height={:.4}];",
            n.size.width / PT,
            n.size.height / PT
        )
        .unwrap();
    }
    for (k, cl) in g
        .clusters
        .iter()
        .enumerate()
        .filter(|(_, cl)| cl.parent == c)
    {
        writeln!(s, "{ind}subgraph cluster_{k} {{").unwrap();
        if cl.title.width > 0.0 {
            writeln!(s, "{ind}  label={};", fixed_label(cl.title)).unwrap();
        }
        emit_cluster(g, s, Some(k), depth + 1);
        writeln!(s, "{ind}}}").unwrap();
    }
}

/// Runs `dot -Tjson` on `src`; `None` if dot fails.
pub(crate) fn run_dot(src: &str) -> Option<Value> {
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(src.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    if !out.status.success() {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

fn nums(s: &str) -> Vec<f64> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .filter_map(|t| t.parse().ok())
        .collect()
}

/// The Bézier control points of a dot `pos` (arrow end points `e,`/`s,` dropped).
fn controls(pos: &str) -> Vec<(f64, f64)> {
    pos.split_whitespace()
        .filter(|t| !t.starts_with("e,") && !t.starts_with("s,"))
        .filter_map(|t| {
            let v = nums(t);
            (v.len() == 2).then(|| (v[0], v[1]))
        })
        .collect()
}

/// The polyline of a piecewise cubic Bézier `c` (3k+1 points): with `samples == 0` its
/// joints (exact for `splines=polyline`, whose pieces are straight), else each piece sampled
/// at `samples` equal parameter steps.
fn polyline(c: &[(f64, f64)], samples: usize) -> Vec<(f64, f64)> {
    if c.len() < 4 {
        return c.to_vec();
    }
    let mut out = vec![c[0]];
    for piece in c.windows(4).step_by(3) {
        if samples == 0 {
            out.push(piece[3]);
            continue;
        }
        for k in 1..=samples {
            let t = k as f64 / samples as f64;
            let u = 1.0 - t;
            let (b0, b1, b2, b3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            out.push((
                b0 * piece[0].0 + b1 * piece[1].0 + b2 * piece[2].0 + b3 * piece[3].0,
                b0 * piece[0].1 + b1 * piece[1].1 + b2 * piece[2].1 + b3 * piece[3].1,
            ));
        }
    }
    // Drop repeated points (dot repeats joints in polyline mode).
    out.dedup_by(|a, b| (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6);
    out
}

/// dot's layout of `g` as a netfig `Layout`: y flipped to point down, shifted so the
/// drawing's bounding box starts at netfig's margin, with the same margin on all sides.
pub(crate) fn layout_of(g: &LayoutGraph, v: &Value, o: DotOptions) -> Option<Layout> {
    let bb = nums(v.get("bb")?.as_str()?);
    let (x0, y0, x1, y1) = (bb[0], bb[1], bb[2], bb[3]);
    let m = g.spacing.margin;
    let tp = |(x, y): (f64, f64)| Point::new(x - x0 + m, y1 - y + m);
    let mut nodes = vec![Rect::default(); g.nodes.len()];
    let mut clusters = vec![ClusterBox::default(); g.clusters.len()];
    for obj in v.get("objects")?.as_array()? {
        let name = obj.get("name")?.as_str()?;
        if let Some(i) = name.strip_prefix('n').and_then(|t| t.parse::<usize>().ok()) {
            let p = nums(obj.get("pos")?.as_str()?);
            nodes[i] = Rect::centered(tp((p[0], p[1])), g.nodes[i].size);
        } else if let Some(c) = name
            .strip_prefix("cluster_")
            .and_then(|t| t.parse::<usize>().ok())
        {
            let b = nums(obj.get("bb")?.as_str()?);
            let (a, z) = (tp((b[0], b[3])), tp((b[2], b[1])));
            let rect = Rect::new(a.x, a.y, z.x - a.x, z.y - a.y);
            let title = match obj.get("lp").and_then(Value::as_str) {
                Some(lp) => {
                    let p = nums(lp);
                    Rect::centered(tp((p[0], p[1])), g.clusters[c].title)
                }
                None => Rect::new(rect.center().x, rect.y, 0.0, 0.0),
            };
            clusters[c] = ClusterBox { rect, title };
        }
    }
    // dot lists edges in its own order: match them to ours by (tail, head), in order.
    let names: std::collections::BTreeMap<i64, &str> = v
        .get("objects")?
        .as_array()?
        .iter()
        .filter_map(|o| Some((o.get("_gvid")?.as_i64()?, o.get("name")?.as_str()?)))
        .collect();
    let mut by_ends: std::collections::BTreeMap<(String, String), Vec<&Value>> = Default::default();
    for d in v
        .get("edges")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .rev()
    {
        let end = |k: &str| names.get(&d.get(k)?.as_i64()?).map(|s| s.to_string());
        if let (Some(t), Some(h)) = (end("tail"), end("head")) {
            by_ends.entry((t, h)).or_default().push(d);
        }
    }
    let mut edges = Vec::with_capacity(g.edges.len());
    for e in &g.edges {
        let (End::Node(a), End::Node(b)) = (e.from, e.to) else {
            edges.push(EdgeRoute::default());
            continue;
        };
        let (a, b) = (a.get(), b.get());
        let de = by_ends
            .get_mut(&(format!("n{a}"), format!("n{b}")))
            .and_then(Vec::pop);
        let pts = de
            .and_then(|d| d.get("pos"))
            .and_then(Value::as_str)
            .map(controls)
            .unwrap_or_default();
        let mut points: Vec<Point> = polyline(&pts, if o.curves { 8 } else { 0 })
            .into_iter()
            .map(tp)
            .collect();
        if points.len() < 2 {
            points = vec![nodes[a].center(), nodes[b].center()];
        }
        let label = match (
            e.label,
            de.and_then(|d| d.get("lp")).and_then(Value::as_str),
        ) {
            (Some(s), Some(lp)) => {
                let p = nums(lp);
                Some(Rect::centered(tp((p[0], p[1])), s))
            }
            _ => None,
        };
        edges.push(EdgeRoute { points, label });
    }
    Some(Layout {
        width: x1 - x0 + 2.0 * m,
        height: y1 - y0 + 2.0 * m,
        nodes,
        edges,
        clusters,
    })
}
