//! Distances to boxes, the grid of boxes, and what a drawn edge comes near.

use super::*;

#[test]
fn distances_to_a_box() {
    let r = Rect::new(0.0, 0.0, 10.0, 10.0);
    let p = Point::new;
    assert_eq!(distance(p(-5.0, 5.0), p(15.0, 5.0), &r), 0.0, "through");
    assert_eq!(distance(p(-5.0, -3.0), p(15.0, -3.0), &r), 3.0, "above");
    assert_eq!(distance(p(13.0, 13.0), p(20.0, 20.0), &r), 18f64.sqrt());
    assert_eq!(distance(p(12.0, -20.0), p(12.0, 20.0), &r), 2.0, "beside");
    // A diagonal passing a corner: the corner's distance to the line.
    let d = distance(p(5.0, -10.0), p(20.0, 5.0), &r);
    assert!((d - 5.0 / 2f64.sqrt()).abs() < 1e-9, "{d}");
}

#[test]
fn an_edge_may_touch_its_own_ends_only() {
    let l = Layout {
        nodes: vec![
            Rect::new(0.0, 0.0, 10.0, 10.0),
            Rect::new(0.0, 100.0, 10.0, 10.0),
            Rect::new(12.0, 50.0, 10.0, 10.0),
        ],
        ..Layout::default()
    };
    let b = Boxes::of(&l);
    let line = vec![vec![Point::new(5.0, 10.0), Point::new(5.0, 100.0)]];
    let near = b.closer_than(&line, End::node(0), End::node(1), CLEARANCE);
    assert_eq!(near, vec![Foreign::Node(2)], "7 px from node 2");
    assert!(b
        .closer_than(&line, End::node(0), End::node(1), 6.0)
        .is_empty());
    assert!(b
        .closer_than(&line, End::node(0), End::node(2), CLEARANCE)
        .contains(&Foreign::Node(1)));
}

/// The grid finds exactly what testing every box finds: random boxes (some huge, some far
/// apart) and random polylines (long and short pieces, some outside the grid).
#[test]
fn the_grid_finds_what_every_box_finds() {
    let mut rng = crate::layout::quality::generate::Rng::new(0x5eed_c1ea);
    let mut next = |m: f64| rng.below(100_000) as f64 / 100_000.0 * m;
    for round in 0..20 {
        let spread = if round % 2 == 0 { 2_000.0 } else { 60_000.0 };
        let nodes: Vec<Rect> = (0..60)
            .map(|k| {
                let big = if k == 0 { 5_000.0 } else { 200.0 };
                Rect::new(
                    next(spread),
                    next(spread),
                    1.0 + next(big),
                    1.0 + next(90.0),
                )
            })
            .collect();
        let l = Layout {
            nodes: nodes.clone(),
            ..Layout::default()
        };
        let grid = Boxes::of(&l);
        for _ in 0..40 {
            let line: Vec<Point> = (0..1 + (next(6.0) as usize))
                .map(|_| Point::new(next(spread * 1.2) - 500.0, next(spread * 1.2) - 500.0))
                .collect();
            let found = grid.closer_than(
                std::slice::from_ref(&line),
                End::node(0),
                End::node(1),
                CLEARANCE,
            );
            let mut every: Vec<Foreign> = (2..nodes.len())
                .filter(|&i| {
                    let pieces: Vec<(Point, Point)> = if line.len() == 1 {
                        vec![(line[0], line[0])]
                    } else {
                        line.windows(2).map(|w| (w[0], w[1])).collect()
                    };
                    pieces
                        .iter()
                        .any(|&(a, b)| distance(a, b, &nodes[i]) < CLEARANCE - 1e-6)
                })
                .map(Foreign::Node)
                .collect();
            every.sort();
            // Pieces split at cell steps may differ by rounding at exactly the margin.
            let near_margin: Vec<Foreign> = found
                .iter()
                .filter(|f| !every.contains(f))
                .copied()
                .collect();
            for f in &near_margin {
                let Foreign::Node(i) = f else { unreachable!() };
                let d = line
                    .windows(2)
                    .map(|w| distance(w[0], w[1], &nodes[*i]))
                    .fold(f64::INFINITY, f64::min);
                assert!(d > CLEARANCE - 1e-6 && d < CLEARANCE + 1e-6, "{f:?} at {d}");
            }
            for f in &every {
                assert!(found.contains(f), "{f:?} missed in round {round}");
            }
        }
    }
}

/// `nearer_than` says what `distance(..) < margin` says, also where the distance is the
/// margin to the last bit (whole and half coordinates, 3-4-5 offsets from corners).
#[test]
fn nearer_than_decides_as_the_distance_does() {
    let mut rng = crate::layout::quality::generate::Rng::new(0x00ea_7e57);
    let mut next = |m: usize| rng.below(m) as f64;
    let mut ties = 0;
    for _ in 0..200_000 {
        let r = Rect::new(next(40), next(40), 1.0 + next(30), 1.0 + next(30));
        // Half-pixel grid: many distances come out exactly 7.5, 8 or 0.
        let a = Point::new(next(200) / 2.0 - 20.0, next(200) / 2.0 - 20.0);
        let b = Point::new(next(200) / 2.0 - 20.0, next(200) / 2.0 - 20.0);
        let b = if next(4) == 0.0 { a } else { b };
        let margin = [CLEARANCE, CLEARANCE - SLACK, 2.5, 0.0][next(4) as usize];
        let d = distance(a, b, &r);
        ties += usize::from(d == margin && d > 0.0);
        assert_eq!(
            nearer_than(a, b, &r, margin),
            d < margin,
            "{a:?} {b:?} {r:?} {margin}"
        );
    }
    assert!(ties > 100, "{ties} ties");
}

/// What a drawn edge comes near, found cubic by cubic (bounding boxes first), is what
/// its sampled polylines come near: random paths and markers among random boxes.
#[test]
fn chords_find_what_sampling_finds() {
    use crate::layout::curve::{DrawnEdge, MarkerSpan};
    let mut rng = crate::layout::quality::generate::Rng::new(0x0d2a_03ed);
    let mut next = |m: f64| rng.below(1_000_000) as f64 / 1_000_000.0 * m;
    let mut found = 0;
    for _ in 0..300 {
        let nodes: Vec<Rect> = (0..30)
            .map(|_| Rect::new(next(400.0), next(300.0), 1.0 + next(60.0), 1.0 + next(40.0)))
            .collect();
        let boxes = Boxes::of(&Layout {
            nodes,
            ..Layout::default()
        });
        let marker = |next: &mut dyn FnMut(f64) -> f64| {
            (next(2.0) < 1.0).then(|| MarkerSpan {
                base: Point::new(next(400.0), next(300.0)),
                tip: Point::new(next(400.0), next(300.0)),
                half_width: 5.0,
            })
        };
        let drawn = DrawnEdge {
            path: crate::layout::path::tests::random_path(&mut next),
            start: marker(&mut next),
            end: marker(&mut next),
        };
        let (from, to) = (End::node(0), End::node(1));
        for margin in [CLEARANCE, CLEARANCE - SLACK] {
            let sampled = boxes.closer_than(&drawn.polylines(16), from, to, margin);
            let chords = boxes.drawn_closer_than(&drawn, 16, from, to, margin);
            assert_eq!(chords, sampled, "{drawn:?}");
            found += chords.len();
        }
    }
    assert!(found > 300, "{found} found");
}
