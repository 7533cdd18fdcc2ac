//! How each route piece crosses the gap between two ranks: straight from point to point, or
//! with legs (down out of the upper rank at its own x, across the gap, down into the lower rank
//! at its own x).
//!
//! Either form alone keeps the drawing honest: two pieces of one gap cross exactly when ordering
//! put their ends in opposite orders, because straight pieces are segments between the two
//! rank centre lines and legged pieces are segments between the rank borders with vertical legs
//! at x where no other piece of the gap has a leg. Mixing the forms is what adds crossings that
//! ordering never counted: a straight piece running past another piece's leg. So a piece gets
//! legs when it must (it would cut a box, or it leaves a port on a side that other routes meet
//! too, see `ports`), and then every piece of the gap that would run past one of those legs, or
//! that shares an end node with a legged piece, gets legs too, until nothing changes. Everything
//! else stays straight (fewer bends; the straightening pass can still pull legs out later, and
//! it never adds a crossing).

use crate::geometry::Point;
use crate::layout::clearance::CLEARANCE;
use crate::layout::curve::MARKER_ROOM_REACH;

/// Where legs end in a gap from `bottom` (of the upper rank) to `top` (of the lower rank):
/// `CLEARANCE` into it on each side whose rank holds boxes (`boxes`: upper, lower), so the run
/// between the legs keeps that much from them, where the gap leaves at least 2 px for the run
/// (`vertical` makes gaps beside boxes that wide); in a narrower gap, an equal share of it.
/// A side without boxes (borders, dummies) keeps its leg end on the rank's border.
///
/// Legs into the lower rank's boxes reach up to [`HEAD_LEG`] where the gap has room beyond
/// the upper side's share: edges run down (ranks follow the flow), so those legs carry the
/// arrowheads, and an arrowhead longer than its leg would be drawn along the run instead of
/// into its node.
pub(crate) fn leg_ends(bottom: f64, top: f64, boxes: [bool; 2]) -> (f64, f64) {
    let gap = (top - bottom).max(0.0);
    let sides = boxes.iter().filter(|&&b| b).count() as f64;
    if sides == 0.0 {
        return (bottom, top);
    }
    let m = if gap - 2.0 >= sides * CLEARANCE {
        CLEARANCE
    } else {
        gap / (sides + 1.0)
    };
    let upper = if boxes[0] { m } else { 0.0 };
    let lower = if boxes[1] {
        m.max(HEAD_LEG.min(gap - 2.0 - upper))
    } else {
        0.0
    };
    (bottom + upper, top - lower)
}

/// How far legs into the lower rank's boxes reach where the gap has room: an arrowhead
/// ([`MARKER_ROOM_REACH`]) and 4 px of leg before it, so the drawn curve arrives along the leg.
pub(crate) const HEAD_LEG: f64 = MARKER_ROOM_REACH + 4.0;

/// Whether runs between legs ending where [`leg_ends`] puts them in that gap still pass nearer
/// than `CLEARANCE` to the boxes of a side in `boxes`: the gap is too narrow to reach that far.
pub(crate) fn cramped(bottom: f64, top: f64, boxes: [bool; 2]) -> bool {
    let sides = boxes.iter().filter(|&&b| b).count() as f64;
    sides > 0.0 && (top - bottom).max(0.0) - 2.0 < sides * CLEARANCE
}

/// One route piece between rank `r` (upper end `a`) and rank `r + 1` (lower end `b`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Piece {
    /// Upper end and the layer node it belongs to.
    pub(crate) a: Point,
    pub(crate) upper: usize,
    /// Lower end and its layer node.
    pub(crate) b: Point,
    pub(crate) lower: usize,
    /// Whether it must have legs (it cuts a box straight, or an end is at a shared port).
    pub(crate) must: bool,
}

/// Most rounds of spreading legs before every piece of the gap gets legs (always consistent).
const MAX_ROUNDS: usize = 64;

/// Which pieces of one gap get legs. `bottom` and `top` are where legs end ([`leg_ends`]):
/// legs run from `a` down to `bottom` and from `top` down to `b`.
///
/// Round by round, a piece without legs gets them where it shares a node with a legged piece
/// or runs past one of its legs. A piece legged in an earlier round has passed that on
/// already, so each round looks only at the pieces legged in the round before (the same
/// answer as looking at all of them, with fewer legs to sort and search).
pub(crate) fn legged(pieces: &[Piece], bottom: f64, top: f64) -> Vec<bool> {
    let mut legs: Vec<bool> = pieces.iter().map(|p| p.must).collect();
    let mut last: Vec<usize> = (0..pieces.len()).filter(|&k| legs[k]).collect();
    if last.is_empty() {
        return legs;
    }
    let mut without: Vec<usize> = (0..pieces.len()).filter(|&k| !legs[k]).collect();
    for _ in 0..MAX_ROUNDS {
        // Nodes with a piece legged last round, and those legs sorted by x.
        let mut upper_nodes: Vec<usize> = Vec::with_capacity(last.len());
        let mut lower_nodes: Vec<usize> = Vec::with_capacity(last.len());
        // (x, y0, y1)
        let mut up_legs: Vec<(f64, f64, f64)> = Vec::with_capacity(last.len());
        let mut low_legs: Vec<(f64, f64, f64)> = Vec::with_capacity(last.len());
        for p in last.iter().map(|&k| &pieces[k]) {
            upper_nodes.push(p.upper);
            lower_nodes.push(p.lower);
            up_legs.push((p.a.x, p.a.y, bottom.max(p.a.y)));
            low_legs.push((p.b.x, top.min(p.b.y), p.b.y));
        }
        upper_nodes.sort_unstable();
        lower_nodes.sort_unstable();
        up_legs.sort_by(|a, b| a.0.total_cmp(&b.0));
        low_legs.sort_by(|a, b| a.0.total_cmp(&b.0));
        last.clear();
        without.retain(|&k| {
            let p = &pieces[k];
            let now = upper_nodes.binary_search(&p.upper).is_ok()
                || lower_nodes.binary_search(&p.lower).is_ok()
                || runs_past(p, &up_legs)
                || runs_past(p, &low_legs);
            if now {
                last.push(k);
            }
            !now
        });
        if last.is_empty() {
            return legs;
        }
        for &k in &last {
            legs[k] = true;
        }
    }
    vec![true; pieces.len()]
}

/// Whether the straight piece meets one of `legs` (sorted by x) strictly between its ends' x.
fn runs_past(p: &Piece, legs: &[(f64, f64, f64)]) -> bool {
    const EPS: f64 = 1e-6;
    let (lo, hi) = (p.a.x.min(p.b.x), p.a.x.max(p.b.x));
    if hi - lo <= EPS {
        // Vertical: legs are at other x (one node per x in a rank), or share this piece's end.
        return false;
    }
    let start = legs.partition_point(|l| l.0 <= lo + EPS);
    legs[start..]
        .iter()
        .take_while(|l| l.0 < hi - EPS)
        .any(|&(x, y0, y1)| {
            let t = (x - p.a.x) / (p.b.x - p.a.x);
            let y = p.a.y + t * (p.b.y - p.a.y);
            y >= y0 - EPS && y <= y1 + EPS
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`legged`] as it was: every round looks at every legged piece.
    fn legged_looking_at_all(pieces: &[Piece], bottom: f64, top: f64) -> Vec<bool> {
        let mut legs: Vec<bool> = pieces.iter().map(|p| p.must).collect();
        if !legs.iter().any(|&l| l) {
            return legs;
        }
        for _ in 0..MAX_ROUNDS {
            let mut upper_nodes: Vec<usize> = Vec::new();
            let mut lower_nodes: Vec<usize> = Vec::new();
            let mut up_legs: Vec<(f64, f64, f64)> = Vec::new();
            let mut low_legs: Vec<(f64, f64, f64)> = Vec::new();
            for (p, _) in pieces.iter().zip(&legs).filter(|(_, &l)| l) {
                upper_nodes.push(p.upper);
                lower_nodes.push(p.lower);
                up_legs.push((p.a.x, p.a.y, bottom.max(p.a.y)));
                low_legs.push((p.b.x, top.min(p.b.y), p.b.y));
            }
            upper_nodes.sort_unstable();
            lower_nodes.sort_unstable();
            up_legs.sort_by(|a, b| a.0.total_cmp(&b.0));
            low_legs.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut changed = false;
            for (k, p) in pieces.iter().enumerate() {
                if legs[k] {
                    continue;
                }
                if upper_nodes.binary_search(&p.upper).is_ok()
                    || lower_nodes.binary_search(&p.lower).is_ok()
                    || runs_past(p, &up_legs)
                    || runs_past(p, &low_legs)
                {
                    legs[k] = true;
                    changed = true;
                }
            }
            if !changed {
                return legs;
            }
        }
        vec![true; pieces.len()]
    }

    /// Looking only at the pieces legged last round answers as looking at all of them, on
    /// random gaps (few or many pieces, nodes shared or not, long chains of rounds).
    #[test]
    fn each_round_looking_at_the_last_answers_as_looking_at_all() {
        let mut rng = crate::layout::quality::generate::Rng::new(0x001e_66ed);
        for case in 0..3000 {
            let n = 1 + rng.below(if case % 10 == 0 { 200 } else { 30 });
            let nodes = 1 + rng.below(n + 2);
            let must_one_in = 1 + rng.below(40);
            let pieces: Vec<Piece> = (0..n)
                .map(|_| Piece {
                    a: Point::new(rng.below(400) as f64 / 2.0, rng.below(20) as f64),
                    upper: rng.below(nodes),
                    b: Point::new(rng.below(400) as f64 / 2.0, 80.0 + rng.below(20) as f64),
                    lower: rng.below(nodes),
                    must: rng.below(must_one_in) == 0,
                })
                .collect();
            let (bottom, top) = (rng.below(60) as f64, 40.0 + rng.below(60) as f64);
            assert_eq!(
                legged(&pieces, bottom, top),
                legged_looking_at_all(&pieces, bottom, top),
                "case {case}"
            );
        }
    }

    fn piece(ax: f64, bx: f64, upper: usize, lower: usize, must: bool) -> Piece {
        Piece {
            a: Point::new(ax, 0.0),
            upper,
            b: Point::new(bx, 100.0),
            lower,
            must,
        }
    }

    #[test]
    fn legs_reach_the_clearance_into_a_gap_only_beside_boxes() {
        // A 50 px gap: CLEARANCE into it on each side that asks.
        // The lower side's legs hold arrowheads: they reach `HEAD_LEG` where there is room.
        assert_eq!(leg_ends(100.0, 150.0, [true, true]), (108.0, 137.0));
        assert_eq!(leg_ends(100.0, 150.0, [false, true]), (100.0, 137.0));
        assert_eq!(leg_ends(100.0, 150.0, [true, false]), (108.0, 150.0));
        // A 25 px gap (ranks of a chart with edge labels): 13 px still fit beside 8 and 2.
        assert_eq!(leg_ends(100.0, 125.0, [true, true]), (108.0, 112.0));
        // Less room: as much as the run's 2 px leave, never less than the clearance.
        assert_eq!(leg_ends(100.0, 120.0, [true, true]), (108.0, 110.0));
        assert_eq!(leg_ends(100.0, 118.0, [true, true]), (108.0, 110.0));
        assert_eq!(leg_ends(100.0, 150.0, [false, false]), (100.0, 150.0));
        // The gap `vertical` leaves between a box rank and a border rank: 2 px left for the run.
        assert_eq!(leg_ends(100.0, 110.0, [false, true]), (100.0, 102.0));
        // Narrower than that: an equal share, the run keeps the middle.
        assert_eq!(leg_ends(100.0, 106.0, [true, true]), (102.0, 104.0));
        assert_eq!(leg_ends(100.0, 100.0, [true, false]), (100.0, 100.0));
    }

    #[test]
    fn a_gap_is_cramped_where_legs_cannot_reach_the_clearance_into_it() {
        assert!(!cramped(100.0, 110.0, [false, true]));
        assert!(cramped(100.0, 109.0, [false, true]));
        assert!(!cramped(100.0, 118.0, [true, true]));
        assert!(cramped(100.0, 117.0, [true, true]));
        // Nothing to keep clear of: never cramped, even with no room at all.
        assert!(!cramped(100.0, 100.0, [false, false]));
    }

    #[test]
    fn all_straight_when_nothing_must_bend() {
        let ps = [
            piece(0.0, 50.0, 0, 10, false),
            piece(40.0, 0.0, 1, 11, false),
        ];
        assert_eq!(legged(&ps, 20.0, 80.0), vec![false, false]);
    }

    #[test]
    fn a_straight_piece_running_past_a_leg_gets_legs_too() {
        // Piece 1 must bend at x = 30 (legs 0..20 and 80..100). Piece 0 runs from x 0 to x 200:
        // at x = 30 it is at y = 15, inside the upper leg, so it bends too. Piece 2 runs far
        // to the right and stays straight.
        let ps = [
            piece(0.0, 200.0, 0, 10, false),
            piece(30.0, 250.0, 1, 11, true),
            piece(300.0, 310.0, 2, 12, false),
        ];
        assert_eq!(legged(&ps, 20.0, 80.0), vec![true, true, false]);
    }

    #[test]
    fn pieces_sharing_an_end_with_a_legged_piece_get_legs() {
        let ps = [
            piece(0.0, 0.0, 0, 10, true),
            piece(0.0, 100.0, 0, 11, false),
            piece(100.0, 0.0, 1, 10, false),
            piece(500.0, 500.0, 2, 12, false),
        ];
        assert_eq!(legged(&ps, 20.0, 80.0), vec![true, true, true, false]);
    }

    #[test]
    fn legs_spread_until_stable() {
        // 0 must bend; 1 runs past 0's lower leg (x 100, y 80..100: at x 100 it is at y 95);
        // only then does 2 run past 1's upper leg (x 0, y 0..20: at x 0 it is at y 9). 3 passes
        // x 0 at y 96, below that leg, and stays straight.
        let ps = [
            piece(100.0, 100.0, 0, 10, true),
            piece(0.0, 105.0, 1, 11, false),
            piece(-50.0, 500.0, 2, 12, false),
            piece(-50.0, 2.0, 3, 13, false),
        ];
        assert_eq!(legged(&ps, 20.0, 80.0), vec![true, true, true, false]);
    }
}
