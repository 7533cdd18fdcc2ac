//! The node boxes of each rank, as obstacles for the pieces of edge routes: sorted by left
//! side, so a piece is tested only against the boxes under the part of it that lies within the
//! rank's height (testing every box of the rank for every piece was quadratic: 16,000 nodes in
//! one rank, each linked to one node above, took seconds).

use crate::geometry::{Point, Rect};
use crate::layout::clearance::distance;

/// The boxes of one rank.
#[derive(Default)]
pub(super) struct RankBoxes {
    /// `(working node, box)`, by left side.
    boxes: Vec<(usize, Rect)>,
    /// The widest box's width.
    widest: f64,
    /// The top of the highest box and the bottom of the lowest.
    top: f64,
    bottom: f64,
}

impl RankBoxes {
    /// The boxes of each rank, from `(rank, working node, box)` triples.
    pub(super) fn by_rank(
        ranks: usize,
        items: impl Iterator<Item = (usize, usize, Rect)>,
    ) -> Vec<Self> {
        let mut out: Vec<RankBoxes> = (0..ranks)
            .map(|_| RankBoxes {
                top: f64::INFINITY,
                bottom: f64::NEG_INFINITY,
                ..RankBoxes::default()
            })
            .collect();
        for (rank, v, r) in items {
            let rb = &mut out[rank];
            rb.boxes.push((v, r));
            rb.widest = rb.widest.max(r.width);
            rb.top = rb.top.min(r.y);
            rb.bottom = rb.bottom.max(r.bottom());
        }
        for rb in &mut out {
            rb.boxes
                .sort_by(|a, b| a.1.x.total_cmp(&b.1.x).then(a.0.cmp(&b.0)));
        }
        out
    }

    /// The boxes the segment `a`–`b` may pass within `margin` of: every box it comes that
    /// near, and some it does not (the caller tests them). All boxes when a coordinate is not
    /// finite.
    pub(super) fn near(&self, a: Point, b: Point, margin: f64) -> &[(usize, Rect)] {
        let all = &self.boxes[..];
        let finite = [a.x, a.y, b.x, b.y, self.widest, self.top, self.bottom]
            .iter()
            .all(|v| v.is_finite());
        if !finite {
            return all;
        }
        // The x-range of the part of the segment within the rank's height.
        let (lo, hi) = (
            a.y.min(b.y).max(self.top - margin),
            a.y.max(b.y).min(self.bottom + margin),
        );
        if lo > hi {
            return &all[..0];
        }
        let at = |y: f64| {
            if (b.y - a.y).abs() < 1e-12 {
                a.x
            } else {
                a.x + ((y - a.y) / (b.y - a.y)).clamp(0.0, 1.0) * (b.x - a.x)
            }
        };
        let (x0, x1) = if (b.y - a.y).abs() < 1e-12 {
            (a.x.min(b.x), a.x.max(b.x))
        } else {
            (at(lo).min(at(hi)), at(lo).max(at(hi)))
        };
        // One px to spare against rounding.
        let (x0, x1) = (x0 - margin, x1 + margin);
        let from = all.partition_point(|(_, r)| r.x < x0 - self.widest - 1.0);
        let to = from + all[from..].partition_point(|(_, r)| r.x <= x1 + 1.0);
        &all[from..to]
    }

    /// Whether the segment `a`–`b` passes nearer than `margin` to a box of a working node
    /// other than `own` (the ends of the edge it belongs to).
    pub(super) fn passes_near(&self, a: Point, b: Point, margin: f64, own: [usize; 2]) -> bool {
        self.near(a, b, margin)
            .iter()
            .any(|&(v, rect)| !own.contains(&v) && distance(a, b, &rect) < margin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::clearance::CLEARANCE;
    use crate::layout::quality::seg_hits;

    #[test]
    fn near_keeps_every_box_a_segment_hits_or_passes_within_the_margin() {
        let mut rng = crate::layout::quality::generate::Rng::new(0x9e37_79b9_7f4a_7c15_u64);
        let mut next = |m: f64| rng.below(100_000) as f64 / 100_000.0 * m;
        // Three ranks of boxes side by side, of varied sizes, centred on their rank's line.
        let mut items = Vec::new();
        for rank in 0..3 {
            let mut x = 0.0;
            for v in 0..200 {
                let (w, h) = (5.0 + next(80.0), 5.0 + next(60.0));
                items.push((
                    rank,
                    rank * 1000 + v,
                    Rect::new(x, 100.0 * rank as f64 - h / 2.0, w, h),
                ));
                x += w + next(30.0);
            }
        }
        let ranks = RankBoxes::by_rank(3, items.iter().copied());
        for _ in 0..3_000 {
            let a = Point::new(next(12_000.0) - 500.0, next(300.0) - 50.0);
            let b = if next(1.0) < 0.2 {
                Point::new(next(12_000.0), a.y)
            } else {
                Point::new(next(12_000.0) - 500.0, next(300.0) - 50.0)
            };
            for (rank, rb) in ranks.iter().enumerate() {
                let near = rb.near(a, b, 0.0);
                let within = rb.near(a, b, CLEARANCE);
                for &(r, v, rect) in &items {
                    if r == rank && seg_hits(a, b, &rect, 0.5) {
                        assert!(near.iter().any(|&(w, _)| w == v), "{a:?} {b:?} {rect:?}");
                    }
                    if r == rank && distance(a, b, &rect) < CLEARANCE {
                        assert!(within.iter().any(|&(w, _)| w == v), "{a:?} {b:?} {rect:?}");
                    }
                }
            }
        }
    }
}
