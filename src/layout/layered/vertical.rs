//! Phase 6: y-coordinates. Every rank is as tall as its tallest member (boxes, labels, cluster
//! title and bottom strips). Two consecutive ranks holding boxes are `rank_sep` apart; the ranks
//! between them hold only cluster borders and dummies: a cluster's title strip sits close
//! (half the cluster padding) to its first rank of contents, its bottom strip close to its last,
//! and whatever remains of `rank_sep` goes between the clusters that end and those that begin.
//! A rank of only dummies sits on the line of the box rank beside it, unless routing found
//! that gap cramped (a run crossing it passes a box nearer than `CLEARANCE`): then the gap
//! leaves room for the run to keep that far from the boxes ([`room_beside_dummies`]).

use super::work::{Kind, Work};
use crate::layout::clearance::CLEARANCE;

/// Vertical extent of each rank.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Band {
    pub(crate) top: f64,
    pub(crate) bottom: f64,
    /// Whether the rank holds boxes (nodes or edge labels), which routes keep clear of.
    pub(crate) boxes: bool,
}

impl Band {
    /// Centre line.
    pub(crate) fn center(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

/// Bands of all ranks, starting at y = 0, with room in the gaps `room` names (by the rank below
/// each; see [`room_beside_dummies`]; empty for none). Cluster strips are grown until every
/// cluster is at least its `min_height` tall.
pub(crate) fn bands(work: &mut Work, room: &[bool]) -> Vec<Band> {
    let mut result = compute(work, room);
    for _ in 0..64 {
        let mut grown = false;
        for c in 0..work.clusters.len() {
            let cl = &work.clusters[c];
            let (t, b) = (work.nodes[cl.top].rank, work.nodes[cl.bottom].rank);
            let h = result[b].bottom - result[t].top;
            if h + 1e-9 < cl.min_height {
                let d = (cl.min_height - h) / 2.0;
                let (top, bottom) = (cl.top, cl.bottom);
                work.clusters[c].top_strip += d;
                work.clusters[c].bottom_strip += d;
                work.nodes[top].height += d;
                work.nodes[bottom].height += d;
                grown = true;
            }
        }
        if !grown {
            break;
        }
        result = compute(work, room);
    }
    result
}

fn compute(work: &Work, room: &[bool]) -> Vec<Band> {
    let l = work.layers.len();
    let mut height = vec![0.0f64; l];
    let mut boxes = vec![false; l];
    let mut tops = vec![false; l];
    let mut bottoms = vec![false; l];
    for nd in &work.nodes {
        height[nd.rank] = height[nd.rank].max(nd.height);
        match nd.kind {
            Kind::Node(_) | Kind::Label(_) => boxes[nd.rank] = true,
            Kind::Top(_) => tops[nd.rank] = true,
            Kind::Bottom(_) => bottoms[nd.rank] = true,
            _ => {}
        }
    }
    let close = (work.spacing.cluster_padding / 2.0).min(work.rank_sep);
    // Between a rank of boxes and a border rank, routes cross with legs reaching `CLEARANCE`
    // into the gap where they must (`gap::leg_ends`), so the run between the legs keeps that
    // much from the boxes: the gap leaves room for it (the border rank needs no clearance).
    let beside_boxes = close.max((CLEARANCE + 2.0).min(work.rank_sep));
    // gap[r]: space between rank r − 1 and rank r.
    let mut gap = vec![0.0f64; l];
    for r in 1..l {
        gap[r] = if boxes[r - 1] && boxes[r] {
            work.rank_sep
        } else if tops[r - 1] || bottoms[r - 1] || tops[r] || bottoms[r] {
            if boxes[r - 1] || boxes[r] {
                beside_boxes
            } else {
                close
            }
        } else if room.get(r).copied().unwrap_or(false) {
            beside_boxes
        } else {
            0.0
        };
    }
    // Between two box ranks with only borders and dummies in between, top up to `rank_sep`,
    // after the last bottom strip and before the first title strip.
    let box_ranks: Vec<usize> = (0..l).filter(|&r| boxes[r]).collect();
    for w in box_ranks.windows(2) {
        let (a, b) = (w[0], w[1]);
        if b == a + 1 {
            continue;
        }
        let gaps: f64 = (a + 1..=b).map(|r| gap[r]).sum();
        let dist = gaps + (a + 1..b).map(|r| height[r]).sum::<f64>();
        // At least `rank_sep` from box to box, and at least half of it empty (so stacked
        // clusters do not touch).
        let extra = (work.rank_sep - dist).max(work.rank_sep / 2.0 - gaps);
        if extra > 0.0 {
            let after_bottom = (a + 1..b)
                .rev()
                .find(|&r| bottoms[r])
                .map_or(a + 1, |r| r + 1);
            let first_top = (a + 1..b).find(|&r| tops[r]).unwrap_or(b);
            gap[after_bottom.min(first_top)] += extra;
        }
    }
    let mut out = Vec::with_capacity(l);
    let mut y = 0.0;
    for r in 0..l {
        y += gap[r];
        out.push(Band {
            top: y,
            bottom: y + height[r],
            boxes: boxes[r],
        });
        y += height[r];
    }
    out
}

/// The gaps (by the rank below each) that get room when the bands are laid out again: those
/// between a rank of only dummies and a rank of boxes that routing found `cramped` (by the rank
/// above each gap, as `route::routes` reports them). `None` when there is none: the bands stand.
pub(crate) fn room_beside_dummies(work: &Work, cramped: &[bool]) -> Option<Vec<bool>> {
    let l = work.layers.len();
    let (mut boxes, mut plain) = (vec![false; l], vec![true; l]);
    for nd in &work.nodes {
        match nd.kind {
            Kind::Node(_) | Kind::Label(_) => {
                boxes[nd.rank] = true;
                plain[nd.rank] = false;
            }
            Kind::Top(_) | Kind::Bottom(_) => plain[nd.rank] = false,
            Kind::Dummy(_) | Kind::Marker(_) => {}
        }
    }
    let mut room = vec![false; l];
    for r in 1..l {
        room[r] = cramped.get(r - 1).copied().unwrap_or(false)
            && ((plain[r - 1] && boxes[r]) || (boxes[r - 1] && plain[r]));
    }
    room.contains(&true).then_some(room)
}

/// The cluster strips [`bands`] grows, kept to lay the bands out again from where they started.
pub(crate) struct Strips(Vec<[f64; 4]>);

impl Strips {
    /// The strips of every cluster and the heights of its border nodes.
    pub(crate) fn of(work: &Work) -> Strips {
        Strips(
            work.clusters
                .iter()
                .map(|c| {
                    let (t, b) = (work.nodes[c.top].height, work.nodes[c.bottom].height);
                    [c.top_strip, c.bottom_strip, t, b]
                })
                .collect(),
        )
    }

    /// Puts them back.
    pub(crate) fn restore(&self, work: &mut Work) {
        for (c, s) in self.0.iter().enumerate() {
            let (top, bottom) = (work.clusters[c].top, work.clusters[c].bottom);
            work.clusters[c].top_strip = s[0];
            work.clusters[c].bottom_strip = s[1];
            work.nodes[top].height = s[2];
            work.nodes[bottom].height = s[3];
        }
    }
}

/// Makes every edge longer than one rank (mermaid's `---->`: `min_len` ranks) as long as mermaid
/// (dagre) draws it: its ends' centres at least `min_len` rank separations apart, plus half of
/// each end rank's height and the heights of the ranks between, as if every rank it spans took
/// a separation of its own (ranks holding only dummies take no room otherwise). Ranks from the lower end down move by the shortfall; edges
/// are taken by lower end, so a shift never undoes an earlier one. `spans` holds (upper rank,
/// lower rank, min_len) per edge; `rank_sep` is the full rank separation.
pub(crate) fn keep_min_lens(bands: &mut [Band], spans: &[(usize, usize, u32)], rank_sep: f64) {
    let mut spans: Vec<(usize, usize, u32)> = spans
        .iter()
        .copied()
        .filter(|&(a, b, m)| m > 1 && a < b && b < bands.len())
        .collect();
    spans.sort_by_key(|&(a, b, _)| (b, a));
    for (a, b, m) in spans {
        let (ha, hb) = (
            bands[a].bottom - bands[a].top,
            bands[b].bottom - bands[b].top,
        );
        let between: f64 = bands[a + 1..b].iter().map(|r| r.bottom - r.top).sum();
        let want = (ha + hb) / 2.0 + between + f64::from(m) * rank_sep;
        let short = want - (bands[b].center() - bands[a].center());
        if short > 1e-9 {
            for band in &mut bands[b..] {
                band.top += short;
                band.bottom += short;
            }
        }
    }
}
