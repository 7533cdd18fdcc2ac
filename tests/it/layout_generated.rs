//! Generated layered graphs measured against a committed baseline (`tests/layout_baseline.txt`,
//! one line per case: `name crossings bends length area`), laid out as drawn: every phase of
//! `layout::layout` (layered, straightened, titles placed). Their timing is a criterion bench
//! (`benches/pipeline.rs`, group `layout`).
//!
//! The baseline is a ratchet: the test fails when a case has more crossings than its baseline.
//! `NETFIG_UPDATE_BASELINE=1 cargo test --test it layout_generated::` rewrites the file, but only if
//! no case got more crossings than before (so improvements can be locked in, regressions not).

use netfig::layout::quality::{generate, Metrics};
use netfig::layout::{self, LayoutGraph};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn cases() -> Vec<(&'static str, LayoutGraph)> {
    vec![
        ("dag20", generate::random_dag(1, 20, 30)),
        ("dag50", generate::random_dag(2, 50, 75)),
        ("dag100", generate::random_dag(3, 100, 150)),
        ("dag100dense", generate::random_dag(4, 100, 220)),
        ("cyclic50", generate::random_cyclic(5, 50, 70, 8)),
        ("clustered50", generate::random_clustered(6, 50, 75, 4)),
        ("k33", generate::k33()),
        ("tree5", generate::binary_tree(5)),
        ("ladder10", generate::ladder(10)),
        ("cycle12", generate::cycle(12)),
    ]
}

fn baseline_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/layout_baseline.txt")
}

fn read_baseline() -> BTreeMap<String, Vec<f64>> {
    let text = std::fs::read_to_string(baseline_path()).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let name = it.next()?.to_string();
            Some((name, it.filter_map(|v| v.parse().ok()).collect()))
        })
        .collect()
}

#[test]
fn generated_graphs_against_baseline() {
    let old = read_baseline();
    let mut lines = vec!["# name crossings bends length area".to_string()];
    let mut worse = Vec::new();
    for (name, g) in cases() {
        let l = layout::layout(&g);
        let m = Metrics::of(&g, &l);
        assert!(m.is_clean(), "{name}: {m}");
        println!("{name}: {m}");
        lines.push(format!(
            "{name} {} {} {:.0} {:.0}",
            m.crossings, m.bends, m.length, m.area
        ));
        match old.get(name) {
            Some(b) if (m.crossings as f64) > b[0] => {
                worse.push(format!(
                    "{name}: {} crossings, baseline {}",
                    m.crossings, b[0]
                ));
            }
            None if std::env::var_os("NETFIG_UPDATE_BASELINE").is_none() => {
                worse.push(format!("{name}: not in the baseline"));
            }
            _ => {}
        }
    }
    if std::env::var_os("NETFIG_UPDATE_BASELINE").is_some() {
        assert!(
            worse.iter().all(|w| w.ends_with("not in the baseline")),
            "not updating the baseline, crossings got worse:\n{}",
            worse.join("\n")
        );
        std::fs::write(baseline_path(), lines.join("\n") + "\n").expect("write baseline");
        return;
    }
    assert!(
        worse.is_empty(),
        "layout quality regressed:\n{}\n(after an intended change that improves or keeps all \
         counts, run `NETFIG_UPDATE_BASELINE=1 cargo test --test it layout_generated::`)",
        worse.join("\n")
    );
}

/// Shapes whose optimum is known to be crossing-free.
#[test]
fn known_planar_shapes_have_no_crossings() {
    for (name, g) in [
        ("tree5", generate::binary_tree(5)),
        ("tree7", generate::binary_tree(7)),
        ("ladder10", generate::ladder(10)),
        ("cycle12", generate::cycle(12)),
        ("chain", generate::random_dag(9, 30, 0)),
    ] {
        let l = layout::layout(&g);
        let m = Metrics::of(&g, &l);
        assert_eq!(m.crossings, 0, "{name}: {m}");
        assert!(m.is_clean(), "{name}: {m}");
    }
}
