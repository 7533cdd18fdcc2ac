//! Phase 6: y-coordinates. Every rank is as tall as its tallest member (boxes, labels, cluster
//! title strips); ranks are `rank_sep` apart, except that a cluster's title strip sits close to
//! the cluster's first rank and its bottom strip close to its last, so padding, not rank
//! separation, sets the distance between a cluster's border and its contents.

use super::work::{Kind, Work};

/// Vertical extent of each rank.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Band {
    pub(crate) top: f64,
    pub(crate) bottom: f64,
}

impl Band {
    /// Centre line.
    pub(crate) fn center(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

/// Bands of all ranks, starting at y = 0. Cluster strips are grown until every cluster is at
/// least its `min_height` tall.
pub(crate) fn bands(work: &mut Work) -> Vec<Band> {
    let mut result = compute(work);
    for _ in 0..(work.clusters.len().min(8) + 1) {
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
        result = compute(work);
    }
    result
}

fn compute(work: &Work) -> Vec<Band> {
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
    let close = work.spacing.cluster_padding / 2.0;
    let mut out = Vec::with_capacity(l);
    let mut y = 0.0;
    for r in 0..l {
        if r > 0 {
            let strip_above = !boxes[r - 1] && tops[r - 1];
            let strip_below = !boxes[r] && bottoms[r];
            y += if strip_above || strip_below {
                close.min(work.rank_sep)
            } else {
                work.rank_sep
            };
        }
        out.push(Band {
            top: y,
            bottom: y + height[r],
        });
        y += height[r];
    }
    out
}
