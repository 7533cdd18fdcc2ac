//! Conformance: every example of mermaid's flowchart documentation (`shared/corpus`) parses,
//! lays out without overlaps and renders to SVG that usvg accepts. The number that passes may
//! not drop below the committed figure in `tests/conformance.txt`.

mod common;

use netfig::diagnostic::{has_errors, SourceFile};
use netfig::diagram;
use netfig::geometry::Rect;
use netfig::model::{ClusterId, Flowchart};

/// Why one example fails, or `None`.
fn check_example(source: &str, name: &str) -> Option<String> {
    let (chart, diagnostics) = diagram::parse_flowchart(source);
    if has_errors(&diagnostics) {
        return Some(SourceFile::new(name, source).render_all(&diagnostics));
    }
    let layout = diagram::layout_flowchart(&chart);
    if let Some(problem) = geometry_problem(
        &chart,
        &layout.nodes,
        &layout.clusters.iter().map(|c| c.rect).collect::<Vec<_>>(),
    ) {
        return Some(problem);
    }
    let rendered = match diagram::flowchart_svg(source, &Default::default()) {
        Ok(r) => r,
        Err(d) => return Some(SourceFile::new(name, source).render_all(&d)),
    };
    if let Err(e) = usvg::Tree::from_str(&rendered.svg, &usvg::Options::default()) {
        return Some(format!("usvg rejects the SVG: {e}"));
    }
    None
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
        while let Some(ClusterId(c)) = p {
            if c as usize == cluster {
                return true;
            }
            p = chart.clusters[c as usize].parent;
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
                while let Some(ClusterId(x)) = p {
                    if x as usize == b {
                        return true;
                    }
                    p = chart.clusters[x as usize].parent;
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

#[test]
fn corpus_examples_render() {
    let files = common::corpus_files();
    assert_eq!(files.len(), 111, "the corpus has 111 examples");
    let mut passed = 0;
    let mut failures = Vec::new();
    for f in &files {
        let source = std::fs::read_to_string(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        match check_example(&source, &name) {
            None => passed += 1,
            Some(why) => failures.push(format!("{name}: {why}")),
        }
    }
    let committed = std::fs::read_to_string(common::root().join("tests/conformance.txt")).unwrap();
    let floor: usize = committed
        .lines()
        .find_map(|l| l.strip_prefix("passing: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("tests/conformance.txt has a `passing: N` line");
    eprintln!(
        "conformance: {passed}/{} corpus examples parse, lay out and render",
        files.len()
    );
    for f in &failures {
        eprintln!("  FAIL {f}");
    }
    assert!(
        passed >= floor,
        "{passed} examples pass, fewer than the committed {floor}:\n{}",
        failures.join("\n")
    );
}
