//! Ranks of only dummies beside ranks of boxes (`vertical::room_beside_dummies`): such a rank
//! sits on the box rank's line, unless a route crossing between them would pass a box nearer
//! than `CLEARANCE`; then, and only then, the gap between them gets room.

use super::work::{Kind, Work};
use super::{build, cluster, normalize, order, place, place_and_route, position, vertical};
use crate::layout::clearance::CLEARANCE;
use crate::layout::curve::{draw_edges, EdgeSpec};
use crate::layout::{quality, LayoutGraph};

/// The working graph of `src` placed as `core_with` places it, and what a first routing with
/// no room anywhere reports cramped.
fn first_pass(src: &str) -> (LayoutGraph, Work, Vec<bool>) {
    let (chart, diagnostics) = crate::mermaid::flowchart(src);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let g = crate::layout::flowchart::graph(&chart);
    let (mut work, plans, shapes) = build::build(&g);
    normalize::normalize(&mut work, &plans);
    order::order(&mut work);
    let paths: Vec<Vec<usize>> = work.nodes.iter().map(|n| work.path(n.cluster)).collect();
    let placed = if place::wanted(&work) {
        place::network_simplex_x(&work, &paths)
    } else {
        None
    };
    let mut x = placed.unwrap_or_else(|| position::brandes_kopf(&work, &paths));
    let ext = cluster::enforce(&work, &paths, &mut x);
    let (_, _, _, cramped) = place_and_route(&g, &mut work, &x, &ext, &shapes, &[]);
    (g, work, cramped)
}

/// Whether rank `r` holds only dummies (and markers).
fn only_dummies(work: &Work, r: usize) -> bool {
    work.layers[r]
        .iter()
        .all(|&v| matches!(work.nodes[v].kind, Kind::Dummy(_) | Kind::Marker(_)))
}

/// Five edges fan out from R to a rank two ranks down (edge labels elsewhere give every edge
/// two ranks), so R's routes reach the rank of dummies above the fan at its box rank's line,
/// passing over the neighbouring boxes there (the CDN fixture of the mermaid comparison).
const FAN: &str = "flowchart TD\n  R[Router] --> E1[Edge in Frankfurt] & E2[Edge in Amsterdam] & E3[Edge in Singapore] & E4[Edge in Tokyo] & E5[Edge in Ashburn]\n  E1 -- miss --> T\n";

#[test]
fn a_fan_over_a_rank_of_dummies_finds_the_gap_beneath_it_cramped() {
    let (_, work, cramped) = first_pass(FAN);
    let room = vertical::room_beside_dummies(&work, &cramped).expect("a gap wants room");
    // Exactly the gap between the rank of dummies (1) and the rank of E1..E5 (2).
    assert!(only_dummies(&work, 1));
    let wanted: Vec<usize> = (0..room.len()).filter(|&r| room[r]).collect();
    assert_eq!(wanted, vec![2]);
}

#[test]
fn with_room_the_fan_keeps_clear_of_every_box_and_takes_no_more_height() {
    let (chart, _) = crate::mermaid::flowchart(FAN);
    let g = crate::layout::flowchart::graph(&chart);
    let l = crate::layout::layout(&g);
    let drawn = draw_edges(&l, &EdgeSpec::arrows(&g));
    let near = quality::near_foreign_boxes(&g, &l, &drawn);
    assert!(near.is_empty(), "{near:?}");
    // The room comes out of the rank separation the rank of dummies already had: R's bottom
    // is as far from the E row's top as without it (one rank separation, halved for labels,
    // as between any two ranks of boxes).
    let (r, e1) = (l.nodes[0], l.nodes[1]);
    assert!(
        (e1.y - r.bottom() - g.spacing.rank / 2.0).abs() < 1e-6,
        "{r:?} {e1:?}"
    );
    // The routes bend where the rank of dummies now sits, CLEARANCE above the E row (it sat
    // on the row's line, and the routes ran into it over the neighbouring boxes).
    let bends: Vec<f64> = l.edges[..5]
        .iter()
        .flat_map(|e| e.points[1..e.points.len() - 1].iter().map(|p| p.y))
        .collect();
    assert!(!bends.is_empty());
    for y in bends {
        assert!(
            y <= e1.y - CLEARANCE + 1e-6 && y > r.bottom(),
            "bend at {y}"
        );
    }
}

#[test]
fn a_rank_of_dummies_no_route_runs_along_keeps_to_the_box_line() {
    // The long edge goes straight down beside the boxes: nothing cramped, no room.
    let (_, work, cramped) = first_pass("flowchart TD\n  R --> E1\n  E1 -- miss --> T\n");
    assert!(cramped.iter().all(|&c| !c), "{cramped:?}");
    assert!(vertical::room_beside_dummies(&work, &cramped).is_none());
}

#[test]
fn room_goes_only_between_a_rank_of_dummies_and_a_rank_of_boxes() {
    let (_, work, _) = first_pass(FAN);
    let l = work.layers.len();
    // Call every gap cramped: only gaps with a rank of dummies on one side and boxes on the
    // other get room.
    let room = vertical::room_beside_dummies(&work, &vec![true; l]).expect("room");
    let boxes = |r: usize| work.layers[r].iter().any(|&v| work.nodes[v].is_box());
    let pairs: Vec<bool> = (0..l)
        .map(|r| {
            r > 0
                && ((only_dummies(&work, r - 1) && boxes(r))
                    || (boxes(r - 1) && only_dummies(&work, r)))
        })
        .collect();
    assert_eq!(room, pairs);
    assert!(pairs.contains(&true));
}
