//! Clearance of drawn edges: how close an edge's drawn curve and markers come to the boxes it
//! does not belong to. [`super::curve`] keeps it, [`super::quality`] measures it; both ask
//! this module, so they agree on what counts.
//!
//! What an edge belongs to: the nodes it ends on, and the cluster it ends on (if an end is a
//! cluster, its title box sits on the border the edge meets). Every other node box and every
//! cluster title is foreign. A cluster's border is not an obstacle: edges enter and leave
//! clusters through it, and only its title box (text) must stay clear.

use super::{End, Layout};
use crate::geometry::{Point, Rect};

/// The distance (px) a drawn edge keeps from every box it does not belong to.
pub const CLEARANCE: f64 = 8.0;

/// Measuring slack (px): a drawn edge closer than `CLEARANCE - SLACK` violates clearance
/// (curves are measured as chords, coordinates are written rounded).
pub const SLACK: f64 = 0.5;

/// A box a drawn edge may have to keep clear of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Foreign {
    /// The node box at this index of [`Layout::nodes`].
    Node(usize),
    /// The title box of the cluster at this index of [`Layout::clusters`].
    ClusterTitle(usize),
}

impl Foreign {
    /// Whether an edge from `from` to `to` belongs to this box (may touch it).
    pub fn belongs(self, from: End, to: End) -> bool {
        match self {
            Foreign::Node(i) => from == End::node(i) || to == End::node(i),
            Foreign::ClusterTitle(c) => from == End::cluster(c) || to == End::cluster(c),
        }
    }
}

/// The boxes of a layout (nodes, titled clusters' title boxes), sorted by left side so a query
/// looks only at boxes under an x-range.
#[derive(Debug, Clone, Default)]
pub(crate) struct Boxes {
    items: Vec<(Foreign, Rect)>,
    widest: f64,
}

impl Boxes {
    /// Every node box and every non-empty cluster title box of `l` with finite coordinates.
    pub(crate) fn of(l: &Layout) -> Boxes {
        let nodes = l
            .nodes
            .iter()
            .enumerate()
            .map(|(i, r)| (Foreign::Node(i), *r));
        let titles = l
            .clusters
            .iter()
            .enumerate()
            .map(|(c, b)| (Foreign::ClusterTitle(c), b.title));
        let mut items: Vec<(Foreign, Rect)> = nodes
            .chain(titles)
            .filter(|(_, r)| {
                r.width > 0.0
                    && r.height > 0.0
                    && [r.x, r.y, r.width, r.height].iter().all(|v| v.is_finite())
            })
            .collect();
        items.sort_by(|a, b| a.1.x.total_cmp(&b.1.x).then(a.0.cmp(&b.0)));
        let widest = items.iter().map(|(_, r)| r.width).fold(0.0, f64::max);
        Boxes { items, widest }
    }

    /// The box of `f`, if it is one of these.
    pub(crate) fn rect(&self, f: Foreign) -> Option<Rect> {
        self.items.iter().find(|(g, _)| *g == f).map(|(_, r)| *r)
    }

    /// The boxes whose x-range meets `lo..=hi` (and a few more).
    fn near(&self, lo: f64, hi: f64) -> &[(Foreign, Rect)] {
        if !(lo.is_finite() && hi.is_finite()) {
            return &self.items;
        }
        let start = self.items.partition_point(|(_, r)| r.x < lo - self.widest);
        let end = self.items.partition_point(|(_, r)| r.x <= hi);
        &self.items[start..end.max(start)]
    }

    /// The boxes foreign to an edge from `from` to `to` that `lines` come closer to than
    /// `margin`, in box order, each once.
    pub(crate) fn closer_than(
        &self,
        lines: &[Vec<Point>],
        from: End,
        to: End,
        margin: f64,
    ) -> Vec<Foreign> {
        let mut out = Vec::new();
        for line in lines {
            for w in line.windows(2) {
                let (a, b) = (w[0], w[1]);
                let (lo, hi) = (a.x.min(b.x) - margin, a.x.max(b.x) + margin);
                for (f, r) in self.near(lo, hi) {
                    if !f.belongs(from, to) && distance(a, b, r) < margin {
                        out.push(*f);
                    }
                }
            }
            if let [p] = line.as_slice() {
                for (f, r) in self.near(p.x - margin, p.x + margin) {
                    if !f.belongs(from, to) && distance(*p, *p, r) < margin {
                        out.push(*f);
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// Distance from the segment `a`–`b` to the rectangle `r` (0 when they meet).
pub(crate) fn distance(a: Point, b: Point, r: &Rect) -> f64 {
    if crosses(a, b, r) {
        return 0.0;
    }
    let corners = [
        Point::new(r.x, r.y),
        Point::new(r.right(), r.y),
        Point::new(r.x, r.bottom()),
        Point::new(r.right(), r.bottom()),
    ];
    let to_rect = |p: Point| {
        let dx = (r.x - p.x).max(p.x - r.right()).max(0.0);
        let dy = (r.y - p.y).max(p.y - r.bottom()).max(0.0);
        dx.hypot(dy)
    };
    corners
        .iter()
        .map(|c| to_segment(*c, a, b))
        .chain([to_rect(a), to_rect(b)])
        .fold(f64::INFINITY, f64::min)
}

/// Whether the segment meets the closed rectangle (Liang–Barsky clipping).
fn crosses(a: Point, b: Point, r: &Rect) -> bool {
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    for (p, q) in [
        (-dx, a.x - r.x),
        (dx, r.right() - a.x),
        (-dy, a.y - r.y),
        (dy, r.bottom() - a.y),
    ] {
        if p.abs() < 1e-12 {
            if q < 0.0 {
                return false;
            }
        } else if p < 0.0 {
            t0 = t0.max(q / p);
        } else {
            t1 = t1.min(q / p);
        }
    }
    t0 <= t1
}

fn to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 1e-18 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.x - a.x - t * dx).hypot(p.y - a.y - t * dy)
}

#[cfg(test)]
mod tests {
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
}
