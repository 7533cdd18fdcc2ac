//! Conformance: every example of mermaid's flowchart documentation (`shared/corpus`) parses,
//! lays out without overlaps and renders to SVG that usvg accepts. Layout is measured as drawn
//! (`layout::drawing::draw`: straightened, titles placed, route ends on the shapes). The number that passes may
//! not drop below the committed figure in `tests/conformance.txt`. Every real-world flowchart
//! that mermaid renders (`shared/corpus/realworld/flowchart`) renders too.

use crate::common;

use netfig::diagnostic::{has_errors, SourceFile};
use netfig::geometry::Rect;
use netfig::layout::quality;
use netfig::model::Flowchart;
use netfig::pipeline::{self, Kind};

/// The example's edge crossings, or why it fails: parse errors, overlaps, clusters that do not
/// hold exactly their members, edges through nodes, overlapping labels, SVG usvg rejects.
fn check_example(source: &str, name: &str) -> Result<usize, String> {
    let (chart, diagnostics) = netfig::mermaid::flowchart(source);
    if has_errors(&diagnostics) {
        return Err(SourceFile::new(name, source).render_all(&diagnostics));
    }
    // What users get: every layout phase (straightened, titles placed), ends snapped.
    let graph = netfig::layout::flowchart::graph(&chart);
    let layout = netfig::layout::drawing::draw(&chart, &graph, &[]).layout;
    let clusters: Vec<Rect> = layout.clusters.iter().map(|c| c.rect).collect();
    if let Some(problem) = geometry_problem(&chart, &layout.nodes, &clusters) {
        return Err(problem);
    }
    let m = quality::Metrics::of(&graph, &layout);
    if m.edges_through_nodes > 0 || m.label_overlaps > 0 {
        return Err(format!("layout quality: {m}"));
    }
    let rendered = pipeline::compile(source, Kind::Flowchart, &Default::default())
        .map_err(|d| SourceFile::new(name, source).render_all(&d))?;
    usvg::Tree::from_str(
        rendered.svg.as_deref().unwrap_or_default(),
        &usvg::Options::default(),
    )
    .map_err(|e| format!("usvg rejects the SVG: {e}"))?;
    Ok(m.crossings)
}
/// Node overlaps, and clusters that do not contain exactly their members or overlap siblings.
fn geometry_problem(chart: &Flowchart, nodes: &[Rect], clusters: &[Rect]) -> Option<String> {
    for i in 0..nodes.len() {
        for j in i + 1..nodes.len() {
            if nodes[i].overlaps(&nodes[j], 0.5) {
                return Some(format!(
                    "nodes {} and {} overlap",
                    chart.nodes[i].id, chart.nodes[j].id
                ));
            }
        }
    }
    let inside = |node: usize, cluster: usize| {
        let mut p = chart.nodes[node].parent;
        while let Some(c) = p {
            if c.index() == cluster {
                return true;
            }
            p = chart.clusters[c.index()].parent;
        }
        false
    };
    for (c, rect) in clusters.iter().enumerate() {
        for (n, nrect) in nodes.iter().enumerate() {
            if inside(n, c) && !rect.contains(nrect, 0.5) {
                return Some(format!(
                    "member {} outside cluster {}",
                    chart.nodes[n].id, chart.clusters[c].id
                ));
            }
            if !inside(n, c) && rect.overlaps(nrect, 0.5) {
                return Some(format!(
                    "non-member {} inside cluster {}",
                    chart.nodes[n].id, chart.clusters[c].id
                ));
            }
        }
        for (d, other) in clusters.iter().enumerate().skip(c + 1) {
            let nested = |a: usize, b: usize| {
                let mut p = chart.clusters[a].parent;
                while let Some(x) = p {
                    if x.index() == b {
                        return true;
                    }
                    p = chart.clusters[x.index()].parent;
                }
                false
            };
            if !nested(c, d) && !nested(d, c) && rect.overlaps(other, 0.5) {
                return Some(format!(
                    "clusters {} and {} overlap",
                    chart.clusters[c].id, chart.clusters[d].id
                ));
            }
        }
    }
    None
}

pub(crate) fn corpus_examples_render() {
    let files = common::corpus_files();
    assert_eq!(files.len(), 111, "the corpus has 111 examples");
    let mut passed = 0;
    let mut crossings = 0;
    let mut failures = Vec::new();
    for f in &files {
        let source = std::fs::read_to_string(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        match check_example(&source, &name) {
            Ok(c) => {
                passed += 1;
                crossings += c;
            }
            Err(why) => failures.push(format!("{name}: {why}")),
        }
    }
    let committed = std::fs::read_to_string(common::root().join("tests/conformance.txt")).unwrap();
    let floor: usize = committed
        .lines()
        .find_map(|l| l.strip_prefix("passing: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("tests/conformance.txt has a `passing: N` line");
    let max_crossings: usize = committed
        .lines()
        .find_map(|l| l.strip_prefix("crossings: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("tests/conformance.txt has a `crossings: N` line");
    eprintln!(
        "conformance: {passed}/{} corpus examples parse, lay out and render; {crossings} edge crossings in all (baseline {max_crossings})",
        files.len()
    );
    for f in &failures {
        eprintln!("  FAIL {f}");
    }
    assert!(
        crossings <= max_crossings,
        "layout quality regressed: {crossings} crossings over the corpus; the baseline allows {max_crossings}"
    );
    assert!(
        passed >= floor,
        "{passed} examples pass, fewer than the committed {floor}:\n{}",
        failures.join("\n")
    );
}

/// Whatever mermaid renders, netfig renders (warnings allowed); what mermaid rejects is an
/// error here or carries a "mermaid.js would reject" warning (W-MMD-015).
pub(crate) fn realworld_flowcharts_render_where_mermaid_does() {
    let diagrams = common::realworld_flowcharts();
    assert!(diagrams.len() >= 70, "only {} diagrams", diagrams.len());
    let mut failures = Vec::new();
    let mut rendered = 0;
    for (path, mermaid_renders) in &diagrams {
        let source = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let result = pipeline::compile(&source, Kind::Flowchart, &Default::default());
        match (&result, mermaid_renders) {
            (Ok(r), true) => match usvg::Tree::from_str(
                r.svg.as_deref().unwrap_or_default(),
                &usvg::Options::default(),
            ) {
                Ok(_) => rendered += 1,
                Err(e) => failures.push(format!("{name}: usvg rejects the SVG: {e}")),
            },
            (Err(d), true) => failures.push(SourceFile::new(&name, &source).render_all(d)),
            (Ok(r), false) if !r.warnings.iter().any(|w| w.code == "W-MMD-015") => {
                failures.push(format!(
                    "{name}: mermaid rejects it, but netfig neither errs nor warns (W-MMD-015)"
                ))
            }
            (_, false) => {}
        }
    }
    let yes = diagrams.iter().filter(|(_, r)| *r).count();
    eprintln!("real-world flowcharts: {rendered}/{yes} that mermaid renders render");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same through the CLI: one `netfig render` of every diagram mermaid renders exits 0 and
/// writes an SVG for each.
pub(crate) fn realworld_flowcharts_render_with_the_cli() {
    let yes: Vec<String> = common::realworld_flowcharts()
        .into_iter()
        .filter(|(_, renders)| *renders)
        .map(|(p, _)| p.display().to_string())
        .collect();
    let out = common::scratch("realworld-render");
    let mut args = vec!["render", "--out-dir", out.to_str().unwrap()];
    args.extend(yes.iter().map(String::as_str));
    let run = common::netfig(&args, &common::root(), None);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for input in &yes {
        let stem = std::path::Path::new(input).file_stem().unwrap();
        let svg = out.join(stem).with_extension("svg");
        let text = std::fs::read_to_string(&svg).unwrap_or_default();
        assert!(
            text.starts_with("<svg"),
            "no SVG for {input} at {}",
            svg.display()
        );
    }
}
