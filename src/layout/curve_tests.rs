//! Curves and marker shortening.

use super::*;
use crate::layout::path::Seg;

fn pts() -> Vec<Point> {
    vec![
        Point::new(0.0, 0.0),
        Point::new(0.0, 50.0),
        Point::new(40.0, 100.0),
        Point::new(40.0, 150.0),
    ]
}

fn end(p: &PathData) -> Point {
    let mut last = Point::default();
    for s in &p.segs {
        match *s {
            Seg::M(a) | Seg::L(a) | Seg::C(_, _, a) => last = a,
            Seg::Z => {}
        }
    }
    last
}

const ALL: [Curve; 12] = [
    Curve::Basis,
    Curve::Linear,
    Curve::Natural,
    Curve::Step,
    Curve::StepBefore,
    Curve::StepAfter,
    Curve::Cardinal,
    Curve::CatmullRom,
    Curve::MonotoneX,
    Curve::MonotoneY,
    Curve::BumpX,
    Curve::BumpY,
];

#[test]
fn every_curve_starts_and_ends_on_the_route() {
    for c in ALL {
        let p = edge_path(&pts(), c, 0.0, 0.0);
        assert_eq!(p.segs[0], Seg::M(Point::new(0.0, 0.0)), "{c:?}");
        let e = end(&p);
        assert!(
            (e.x - 40.0).abs() < 1e-9 && (e.y - 150.0).abs() < 1e-9,
            "{c:?}"
        );
        assert!(!p.to_d().contains("NaN"), "{c:?}");
    }
}

#[test]
fn markers_shorten_the_path_along_the_last_segment() {
    let p = edge_path(&pts(), Curve::Basis, 8.0, 9.0);
    let e = end(&p);
    assert!(
        (e.x - 40.0).abs() < 1e-9 && (e.y - 141.0).abs() < 1e-9,
        "{e:?}"
    );
    assert_eq!(p.segs[0], Seg::M(Point::new(0.0, 8.0)));
}

#[test]
fn basis_stays_in_the_hull_and_linear_is_a_polyline() {
    let p = edge_path(&pts(), Curve::Basis, 0.0, 0.0);
    for l in p.flatten(16) {
        for q in l {
            assert!(q.x >= -1e-9 && q.x <= 40.0 + 1e-9, "{q:?}");
        }
    }
    let l = edge_path(&pts(), Curve::Linear, 0.0, 0.0);
    assert_eq!(l.to_d(), "M0,0 L0,50 L40,100 L40,150");
}

#[test]
fn uniform_catmull_rom_is_cardinal() {
    let p = edge_path(&pts(), Curve::Cardinal, 0.0, 0.0);
    // Interior control: p1 + (p2 - p0) / 6 = (0,50) + (40,100)/6.
    match p.segs[2] {
        Seg::C(c1, _, _) => {
            assert!((c1.x - 40.0 / 6.0).abs() < 1e-9 && (c1.y - (50.0 + 100.0 / 6.0)).abs() < 1e-9)
        }
        s => panic!("{s:?}"),
    }
    // First control is the first point, as in d3.
    assert_eq!(
        p.segs[1],
        Seg::C(
            Point::new(0.0, 0.0),
            match p.segs[1] {
                Seg::C(_, c2, _) => c2,
                _ => Point::default(),
            },
            Point::new(0.0, 50.0)
        )
    );
    let c = edge_path(&pts(), Curve::CatmullRom, 0.0, 0.0);
    assert_ne!(c, p);
}

#[test]
fn steps_are_axis_aligned() {
    let p = edge_path(
        &[Point::new(0.0, 0.0), Point::new(40.0, 100.0)],
        Curve::Step,
        0.0,
        0.0,
    );
    assert_eq!(p.to_d(), "M0,0 L20,0 L20,100 L40,100");
    let b = edge_path(
        &[Point::new(0.0, 0.0), Point::new(40.0, 100.0)],
        Curve::StepBefore,
        0.0,
        0.0,
    );
    assert_eq!(b.to_d(), "M0,0 L0,100 L40,100");
}

#[test]
fn degenerate_routes_do_not_panic() {
    assert!(edge_path(&[], Curve::Basis, 9.0, 9.0).segs.is_empty());
    let p = edge_path(
        &[
            Point::new(1.0, 1.0),
            Point::new(1.0, 1.0),
            Point::new(1.0, 3.0),
        ],
        Curve::MonotoneX,
        9.0,
        9.0,
    );
    assert!(!p.to_d().contains("NaN"));
}

/// An L-shaped route around a box in its inner corner: the route clears the box by 12 px, the
/// basis curve cuts the corner into it; drawn, the curve is tightened onto the corner and
/// clears it too. Without a box there, the curve stays mermaid's smooth basis.
#[test]
fn basis_is_tightened_where_it_cuts_into_a_foreign_box() {
    use crate::geometry::Rect;
    use crate::layout::clearance::{Boxes, Foreign, SLACK};
    use crate::layout::{EdgeRoute, End, Layout};
    let route = vec![
        Point::new(0.0, 0.0),
        Point::new(0.0, 100.0),
        Point::new(100.0, 100.0),
    ];
    let mut l = Layout {
        nodes: vec![
            Rect::new(-20.0, -30.0, 40.0, 30.0),
            Rect::new(100.0, 80.0, 40.0, 40.0),
            Rect::new(12.0, 50.0, 40.0, 38.0),
        ],
        edges: vec![EdgeRoute {
            points: route.clone(),
            label: None,
        }],
        ..Layout::default()
    };
    let spec = EdgeSpec::new(
        End::node(0),
        End::node(1),
        Curve::Basis,
        Marker::None,
        Marker::Arrow,
    );
    let boxes = Boxes::of(&l);
    let near = |p: &PathData| {
        boxes.closer_than(
            &p.flatten(SAMPLES),
            End::node(0),
            End::node(1),
            CLEARANCE - SLACK,
        )
    };
    let smooth = edge_path(&route, Curve::Basis, 0.0, 9.0);
    assert_eq!(
        near(&smooth),
        vec![Foreign::Node(2)],
        "basis cuts the corner"
    );
    let drawn = draw_edges(&l, &[spec]);
    assert!(near(&drawn[0].path).is_empty(), "{:?}", drawn[0].path);
    assert_eq!(drawn[0].end.map(|m| m.tip), Some(Point::new(100.0, 100.0)));
    // No box in the corner: the smooth curve.
    l.nodes.pop();
    assert_eq!(draw_edges(&l, &[spec])[0].path, smooth);
}

/// A corner whose plain basis curve passes a foreign box closer than the full clearance but
/// not closer than quality's measuring slack allows (corpus 005 drew an edge 7.76 px from a
/// node), while the route keeps the full clearance: drawn, the curve keeps the full clearance
/// too, less only the sampling error.
#[test]
fn basis_keeps_the_full_clearance_not_only_the_measuring_slack() {
    use crate::geometry::Rect;
    use crate::layout::clearance::{distance, SLACK};
    use crate::layout::{EdgeRoute, End, Layout};
    let route = vec![
        Point::new(0.0, 0.0),
        Point::new(0.0, 100.0),
        Point::new(100.0, 100.0),
    ];
    let spec = EdgeSpec::new(
        End::node(0),
        End::node(1),
        Curve::Basis,
        Marker::None,
        Marker::Arrow,
    );
    let nearest = |p: &PathData, r: &Rect| {
        p.flatten(SAMPLES)
            .iter()
            .flat_map(|line| line.windows(2))
            .map(|w| distance(w[0], w[1], r))
            .fold(f64::INFINITY, f64::min)
    };
    // A 40 px box in the corner's inside, `8 + a` px from both legs of the route: the first
    // `a` (in steps of 0.05 px) where the plain curve passes it 7.5–8 px away.
    let smooth = edge_path(&route, Curve::Basis, 0.0, 9.0);
    let corner = |a: f64| Rect::new(8.0 + a, 52.0 - a, 40.0, 40.0);
    let a = (0..400)
        .map(|i| f64::from(i) * 0.05)
        .find(|&a| {
            let d = nearest(&smooth, &corner(a));
            d > CLEARANCE - SLACK && d < CLEARANCE - 0.1
        })
        .expect("a box the plain curve passes within the slack");
    let l = Layout {
        nodes: vec![
            Rect::new(-20.0, -30.0, 40.0, 30.0),
            Rect::new(100.0, 80.0, 40.0, 40.0),
            corner(a),
        ],
        edges: vec![EdgeRoute {
            points: route,
            label: None,
        }],
        ..Layout::default()
    };
    let drawn = draw_edges(&l, &[spec]);
    let d = nearest(&drawn[0].path, &corner(a));
    assert!(d >= CLEARANCE - DRAWN_SLACK, "{d} px at a = {a}");
}

/// A route that bends at its label's centre (the label dummy's point): the basis curve would
/// cut the corner 20 px past the label; drawn, it runs through the middle of the label (the
/// point doubled: 3.75 px from it), and through the point itself where doubling is not
/// enough. A straight route through the label, or a route with no label there, keeps the
/// plain curve.
#[test]
fn basis_runs_through_the_label_where_the_route_bends_at_it() {
    use crate::geometry::Rect;
    use crate::layout::{EdgeRoute, End, Layout};
    let route = vec![
        Point::new(0.0, 0.0),
        Point::new(100.0, 90.0),
        Point::new(200.0, 0.0),
    ];
    let label = Rect::centered(
        Point::new(100.0, 90.0),
        crate::geometry::Size::new(30.0, 20.0),
    );
    let mut l = Layout {
        nodes: vec![
            Rect::new(-20.0, -30.0, 40.0, 30.0),
            Rect::new(180.0, -30.0, 40.0, 30.0),
        ],
        edges: vec![EdgeRoute {
            points: route.clone(),
            label: Some(label),
        }],
        ..Layout::default()
    };
    let spec = EdgeSpec::new(
        End::node(0),
        End::node(1),
        Curve::Basis,
        Marker::None,
        Marker::Arrow,
    );
    let smooth = edge_path(&route, Curve::Basis, 0.0, 9.0);
    let passes = |p: &PathData, at: Point, within: f64| {
        p.flatten(SAMPLES)
            .iter()
            .flatten()
            .any(|q| (q.x - at.x).hypot(q.y - at.y) <= within)
    };
    let lowest = |p: &PathData| {
        p.flatten(SAMPLES)
            .iter()
            .flatten()
            .map(|q| q.y)
            .fold(f64::MIN, f64::max)
    };
    assert!(
        lowest(&smooth) < label.y,
        "the plain curve misses the label"
    );
    let drawn = draw_edges(&l, &[spec]);
    assert!(
        passes(&drawn[0].path, label.center(), 4.0),
        "{:?}",
        drawn[0].path
    );
    assert!(
        !passes(&drawn[0].path, label.center(), 3.0),
        "doubled, not tripled"
    );
    // A label too flat for a doubled corner: the curve goes through the point.
    l.edges[0].label = Some(Rect::centered(
        Point::new(100.0, 90.0),
        crate::geometry::Size::new(30.0, 4.0),
    ));
    let drawn = draw_edges(&l, &[spec]);
    assert!(
        passes(&drawn[0].path, label.center(), 1e-6),
        "{:?}",
        drawn[0].path
    );
    // Straight through the label: nothing to pull.
    l.edges[0].points = vec![route[0], Point::new(100.0, 0.0), Point::new(200.0, 0.0)];
    l.edges[0].label = Some(Rect::centered(
        Point::new(100.0, 0.0),
        crate::geometry::Size::new(30.0, 20.0),
    ));
    let straight = edge_path(&l.edges[0].points, Curve::Basis, 0.0, 9.0);
    assert_eq!(draw_edges(&l, &[spec])[0].path, straight);
    // A label away from the bend (a loop's, say) leaves the curve alone.
    l.edges[0].points = route.clone();
    l.edges[0].label = Some(Rect::new(300.0, 0.0, 30.0, 20.0));
    assert_eq!(draw_edges(&l, &[spec])[0].path, smooth);
}
