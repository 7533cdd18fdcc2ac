//! Cluster titles stepping aside from routes and from the room their markers take at their
//! ends: where along its strip a title goes, with an index of the routes' segments by height so
//! each title looks only at the segments near its strip (looking at every segment for every
//! title was quadratic: 16,000 subgraphs linked across took 12 s).

use super::EdgeRoute;
use crate::geometry::{Point, Rect, Size};

/// Height (px) of the index's rows.
const ROW: f64 = 32.0;

/// Rows a segment may span before it is kept aside and looked at by every query.
const MOST_ROWS: f64 = 1024.0;

/// The segments of a layout's routes, by the rows of [`ROW`] px their heights span; in each
/// row sorted by left end, with the row's widest segment, so a query looks at the segments
/// whose x-range may meet its own. The rows' entries lie one row after the other in one list
/// (rows no segment reaches take no room).
pub(super) struct Segments {
    segments: Vec<(Point, Point)>,
    /// The rows that hold segments, in order: `(row, its entries' end in `entries`, widest)`
    /// (a row's entries start where the previous row's end).
    rows: Vec<(i64, usize, f64)>,
    /// `(row, left x, segment)`, by row, then left x, then segment.
    entries: Vec<(i64, f64, usize)>,
    /// Segments spanning more than [`MOST_ROWS`] rows, or with coordinates not finite.
    tall: Vec<usize>,
}

impl Segments {
    pub(super) fn new(routes: &[EdgeRoute]) -> Self {
        let mut segments = Vec::new();
        let mut entries = Vec::new();
        let mut tall = Vec::new();
        for e in routes {
            // The route's pieces, then the room its markers may take at its ends (an arrowhead
            // is wider than the route).
            let [tail, head] = crate::layout::curve::marker_rooms(&e.points);
            for w in e
                .points
                .windows(2)
                .chain(tail.windows(2))
                .chain(head.windows(2))
            {
                let (a, b) = (w[0], w[1]);
                let k = segments.len();
                segments.push((a, b));
                let (top, bottom) = (a.y.min(b.y) / ROW, a.y.max(b.y) / ROW);
                let (left, right) = (a.x.min(b.x), a.x.max(b.x));
                let finite = [top, bottom, left, right].iter().all(|v| v.is_finite());
                if !finite || bottom.floor() - top.floor() > MOST_ROWS {
                    tall.push(k);
                    continue;
                }
                for r in (top.floor() as i64)..=(bottom.floor() as i64) {
                    entries.push((r, left, k));
                }
            }
        }
        sort_entries(&mut entries);
        let mut rows: Vec<(i64, usize, f64)> = Vec::new();
        for (at, &(r, left, k)) in entries.iter().enumerate() {
            let (a, b) = segments[k];
            let width = a.x.max(b.x) - left;
            match rows.last_mut() {
                Some(last) if last.0 == r => *last = (r, at + 1, last.2.max(width)),
                _ => rows.push((r, at + 1, 0.0f64.max(width))),
            }
        }
        Segments {
            segments,
            rows,
            entries,
            tall,
        }
    }

    /// Every segment that may meet the strip `y0..y1` between `x0` and `x1` (and some that
    /// do not; a segment spanning several rows may come more than once).
    fn near(
        &self,
        y0: f64,
        y1: f64,
        x0: f64,
        x1: f64,
    ) -> impl Iterator<Item = (Point, Point)> + '_ {
        let (r0, r1) = ((y0 / ROW).floor(), (y1 / ROW).floor());
        let rows = if r0.is_finite() && r1.is_finite() && r0 <= r1 {
            let (r0, r1) = (r0 as i64, r1 as i64);
            let first = self.rows.partition_point(|&(r, _, _)| r < r0);
            let last = self.rows.partition_point(|&(r, _, _)| r <= r1);
            first..last
        } else {
            0..0
        };
        let in_rows = rows.flat_map(move |i| {
            let (_, end, widest) = self.rows[i];
            let start = if i == 0 { 0 } else { self.rows[i - 1].1 };
            let row = &self.entries[start..end];
            let from = row.partition_point(|&(_, l, _)| l < x0 - widest);
            row[from..]
                .iter()
                .take_while(move |&&(_, l, _)| l <= x1)
                .map(|&(_, _, k)| k)
        });
        self.tall
            .iter()
            .copied()
            .chain(in_rows)
            .map(|k| self.segments[k])
    }
}

/// Sorts `(row, left x, segment)` entries, made in segment order, by row, then left x, then
/// segment: by counting when the rows lie within a few times as many rows as there are entries
/// (then each row is sorted by left x and segment on its own), else by
/// comparing.
fn sort_entries(entries: &mut Vec<(i64, f64, usize)>) {
    let lo = entries.iter().map(|e| e.0).min().unwrap_or(0);
    let hi = entries.iter().map(|e| e.0).max().unwrap_or(0);
    let span = usize::try_from(i128::from(hi) - i128::from(lo) + 1).unwrap_or(usize::MAX);
    if span > 4 * entries.len() + 1024 {
        entries.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
        return;
    }
    let row = |e: &(i64, f64, usize)| (e.0 - lo) as usize;
    let mut starts = vec![0usize; span + 1];
    for e in entries.iter() {
        starts[row(e) + 1] += 1;
    }
    for r in 0..span {
        starts[r + 1] += starts[r];
    }
    let mut next = starts.clone();
    let mut sorted = vec![(0, 0.0, 0); entries.len()];
    for e in entries.iter() {
        sorted[next[row(e)]] = *e;
        next[row(e)] += 1;
    }
    for r in 0..span {
        // (left x, segment) is unique within a row, so an unstable sort gives the same order.
        sorted[starts[r]..starts[r + 1]]
            .sort_unstable_by(|a, b| a.1.total_cmp(&b.1).then(a.2.cmp(&b.2)));
    }
    *entries = sorted;
}

/// Room (px) a cluster title keeps from a route passing beside, above or below it: the drawn
/// curve's clearance.
const TITLE_CLEARANCE: f64 = crate::layout::clearance::CLEARANCE;

/// Points sampled along a segment's piece in a title strip (and its ends).
const SAMPLES: usize = 32;

/// The x-intervals a title `height` tall at top `y` inside `rect` must stay out of to keep
/// [`TITLE_CLEARANCE`] from every route: for each route piece near the strip, the x-range of
/// the piece grown by the clearance, measured at each height (a diagonal passing a title's
/// corner is as far from it as it is, not as the strip's widest x-range says).
fn blocked(rect: &Rect, height: f64, y: f64, routes: &Segments) -> Vec<(f64, f64)> {
    let c = TITLE_CLEARANCE;
    let (y0, y1) = (y - c, y + height + c);
    // Half-width of the title's clearance at height `yy` beside the text (rounded at its
    // corners).
    let reach = |yy: f64| {
        let d = (y - yy).max(yy - (y + height)).max(0.0);
        (c * c - d * d).max(0.0).sqrt()
    };
    let mut blocked: Vec<(f64, f64)> = Vec::new();
    for (a, b) in routes.near(y0, y1, rect.x - c, rect.right() + c) {
        if a.y.max(b.y) < y0 || a.y.min(b.y) > y1 {
            continue;
        }
        let (l, r) = if (b.y - a.y).abs() < 1e-9 {
            let e = reach(a.y);
            (a.x.min(b.x) - e, a.x.max(b.x) + e)
        } else {
            let (t0, t1) = (
                ((y0 - a.y) / (b.y - a.y)).clamp(0.0, 1.0),
                ((y1 - a.y) / (b.y - a.y)).clamp(0.0, 1.0),
            );
            let (t0, t1) = (t0.min(t1), t0.max(t1));
            let (mut l, mut r) = (f64::INFINITY, f64::NEG_INFINITY);
            for i in 0..=SAMPLES {
                let t = t0 + (t1 - t0) * i as f64 / SAMPLES as f64;
                let (px, py) = (a.x + t * (b.x - a.x), a.y + t * (b.y - a.y));
                let e = reach(py);
                l = l.min(px - e);
                r = r.max(px + e);
            }
            (l, r)
        };
        if r >= rect.x && l <= rect.right() && l.is_finite() && r.is_finite() {
            blocked.push((l, r));
        }
    }
    blocked
}

/// Whether a title `w` wide at left `x` keeps clear of every `blocked` interval.
fn free(blocked: &[(f64, f64)], x: f64, w: f64) -> bool {
    blocked
        .iter()
        .all(|&(l, r)| x + w <= l + 1e-9 || x >= r - 1e-9)
}

/// The left x of a cluster's title (top `y`): centred, unless a route crosses the title there;
/// then the free place along the title strip nearest the centre (`pad` inside the cluster's
/// sides), so no edge runs through the title's text. Where no place is free, the place
/// reaching least into the routes' clearance (and [`room_wanted`] says how much room on the
/// left the cluster needs).
pub(super) fn title_x(rect: &Rect, title: Size, y: f64, pad: f64, routes: &Segments) -> f64 {
    let w = title.width;
    let centre = rect.x + (rect.width - w) / 2.0;
    if title.height <= 0.0 || w <= 0.0 {
        return centre;
    }
    let blocked = blocked(rect, title.height, y, routes);
    if free(&blocked, centre, w) {
        return centre;
    }
    place(rect, w, pad, &blocked).unwrap_or_else(|| least_crossed(rect, w, pad, &blocked))
}

/// Where along the strip a title `w` wide reaches least far into the `blocked` intervals
/// (nearest the centre among equals): the fallback when no place is free.
fn least_crossed(rect: &Rect, w: f64, pad: f64, blocked: &[(f64, f64)]) -> f64 {
    let centre = rect.x + (rect.width - w) / 2.0;
    let (lo, hi) = (rect.x + pad, (rect.right() - pad - w).max(rect.x + pad));
    let depth = |x: f64| {
        blocked
            .iter()
            .map(|&(l, r)| (x + w - l).min(r - x).max(0.0))
            .fold(0.0, f64::max)
    };
    let mut candidates = vec![centre, lo, hi];
    for &(l, r) in blocked {
        candidates.push(l - w);
        candidates.push(r);
    }
    candidates
        .into_iter()
        .map(|x| x.clamp(lo, hi))
        .min_by(|&a, &b| {
            depth(a)
                .total_cmp(&depth(b))
                .then((a - centre).abs().total_cmp(&(b - centre).abs()))
                .then(a.total_cmp(&b))
        })
        .unwrap_or(centre)
}

/// The free place for a title `w` wide along the strip nearest the centre, `pad` inside the
/// cluster's sides; `None` when there is none.
fn place(rect: &Rect, w: f64, pad: f64, blocked: &[(f64, f64)]) -> Option<f64> {
    let centre = rect.x + (rect.width - w) / 2.0;
    let (lo, hi) = (rect.x + pad, rect.right() - pad - w);
    let mut candidates = vec![lo, hi];
    for &(l, r) in blocked {
        candidates.push(l - w);
        candidates.push(r);
    }
    candidates
        .into_iter()
        .filter(|&x| x >= lo - 1e-9 && x <= hi + 1e-9 && free(blocked, x, w))
        .min_by(|a, b| {
            (a - centre)
                .abs()
                .total_cmp(&(b - centre).abs())
                .then(a.total_cmp(b))
        })
}

/// Room (px) to add on the left of a cluster's contents so its title (top `y`) fits in the
/// strip left of every route crossing it, when no place along the strip is free today: `0`
/// when the title has a place (or no size). The title is read at the top left of its box, so
/// the room goes there; at most the title's width, `pad` and the clearance.
pub(super) fn room_wanted(rect: &Rect, title: Size, y: f64, pad: f64, routes: &Segments) -> f64 {
    let w = title.width;
    if title.height <= 0.0 || w <= 0.0 {
        return 0.0;
    }
    let blocked = blocked(rect, title.height, y, routes);
    let centre = rect.x + (rect.width - w) / 2.0;
    if free(&blocked, centre, w) || place(rect, w, pad, &blocked).is_some() {
        return 0.0;
    }
    let first = blocked
        .iter()
        .map(|&(l, _)| l)
        .fold(f64::INFINITY, f64::min);
    let want = rect.x + pad + w - first;
    if want.is_finite() {
        want.clamp(0.0, w + pad + TITLE_CLEARANCE)
    } else {
        0.0
    }
}

/// The titled clusters' title strips by rank (the top border rank in TB, the bottom one in BT,
/// which the final flip puts on top): each rank's clusters' x-extents (internal coordinates),
/// sorted. Clusters whose strips share a rank are not nested, so their extents do not overlap.
pub(super) struct TitleStrips {
    ranks: Vec<Vec<(f64, f64)>>,
}

impl TitleStrips {
    pub(super) fn new(p: &super::route::Placed<'_>) -> Self {
        let work = p.work;
        let mut ranks: Vec<Vec<(f64, f64)>> = vec![Vec::new(); p.bands.len()];
        for (c, cl) in work.clusters.iter().enumerate() {
            let strip = match p.graph.direction {
                crate::layout::Direction::TopBottom => cl.top,
                crate::layout::Direction::BottomTop => cl.bottom,
                _ => continue,
            };
            let titled = p
                .graph
                .clusters
                .get(c)
                .is_some_and(|g| g.title.height > 0.0);
            let (Some(r), Some(at)) = (p.clusters.get(c), ranks.get_mut(work.nodes[strip].rank))
            else {
                continue;
            };
            if titled && r.x.is_finite() && r.right().is_finite() {
                at.push((r.x, r.right()));
            }
        }
        for at in &mut ranks {
            at.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        }
        TitleStrips { ranks }
    }

    /// Whether the piece from `a` (rank `ra`) to `b` (rank `rb`) ends in the title strip rank
    /// of a titled cluster and runs over that cluster's x-extent: a diagonal there would cut
    /// across the title strip (past the title, or where it would have to go), so the piece
    /// crosses the gap with legs, its run above the strip.
    pub(super) fn crossed(&self, a: Point, ra: usize, b: Point, rb: usize) -> bool {
        let (lo, hi) = (a.x.min(b.x), a.x.max(b.x));
        [ra, rb].iter().any(|&r| {
            let Some(at) = self.ranks.get(r) else {
                return false;
            };
            // The last extent starting left of `hi`; earlier ones end left of its start.
            let k = at.partition_point(|&(l, _)| l < hi);
            k > 0 && at[k - 1].1 > lo
        })
    }
}

/// Whether layer node `v` lies in the title strip of a cluster holding it (the top border
/// rank in TB, the bottom one in BT, which the final flip puts on top): a route passes such a
/// strip straight across, with legs, so the title beside it is clear of the route's bends.
pub(super) fn in_title_strip(p: &super::route::Placed<'_>, v: usize) -> bool {
    let work = p.work;
    let nd = &work.nodes[v];
    work.ancestors(nd.cluster).any(|c| {
        let cl = &work.clusters[c];
        let strip = match p.graph.direction {
            crate::layout::Direction::TopBottom => cl.top,
            crate::layout::Direction::BottomTop => cl.bottom,
            _ => return false,
        };
        work.nodes[strip].rank == nd.rank
            && p.graph
                .clusters
                .get(c)
                .is_some_and(|g| g.title.height > 0.0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routes(lines: &[&[(f64, f64)]]) -> Segments {
        let routes: Vec<EdgeRoute> = lines
            .iter()
            .map(|l| EdgeRoute {
                points: l.iter().map(|&(x, y)| Point::new(x, y)).collect(),
                label: None,
            })
            .collect();
        Segments::new(&routes)
    }

    /// The distance from the title at `x` (top 10, 60 × 20) to a segment, sampled.
    fn gap(x: f64, a: (f64, f64), b: (f64, f64)) -> f64 {
        let t = Rect::new(x, 10.0, 60.0, 20.0);
        (0..=1000)
            .map(|i| {
                let s = f64::from(i) / 1000.0;
                let (px, py) = (a.0 + s * (b.0 - a.0), a.1 + s * (b.1 - a.1));
                let dx = (t.x - px).max(px - t.right()).max(0.0);
                let dy = (t.y - py).max(py - t.bottom()).max(0.0);
                dx.hypot(dy)
            })
            .fold(f64::INFINITY, f64::min)
    }

    #[test]
    fn a_title_keeps_clear_of_the_arrowhead_at_a_route_end() {
        // A route ending 12 px below the strip, beside the centred title's corner: the route
        // keeps 8 px from the title there, its arrowhead (5 px to each side of the route's
        // last 9 px) would not, so the title steps aside from the arrowhead too.
        let rect = Rect::new(0.0, 0.0, 200.0, 100.0);
        let title = Size::new(60.0, 20.0);
        let (a, b) = ((160.0, -40.0), (136.0, 42.0));
        let centre = rect.x + (rect.width - title.width) / 2.0;
        assert!(gap(centre, a, b) > TITLE_CLEARANCE, "{}", gap(centre, a, b));
        let x = title_x(&rect, title, 10.0, 8.0, &routes(&[&[a, b]]));
        let t = Rect::new(x, 10.0, title.width, title.height);
        let [_, head] =
            crate::layout::curve::marker_rooms(&[Point::new(a.0, a.1), Point::new(b.0, b.1)]);
        let near = head
            .windows(2)
            .map(|w| crate::layout::clearance::distance(w[0], w[1], &t))
            .fold(f64::INFINITY, f64::min);
        // Diagonals are sampled ([`SAMPLES`] points): clear to within a hundredth of a px.
        assert!(
            near >= TITLE_CLEARANCE - 1e-2,
            "{t:?}: {near} px from the arrowhead"
        );
        assert!((x - centre).abs() > 1.0, "the centred title was clear");
    }

    #[test]
    fn a_title_with_no_free_place_asks_for_room_on_the_left_and_fits_there() {
        // A cluster as wide as its title plus padding, a route straight down its middle
        // (049's `START->TD`): no place along the strip keeps 8 px.
        let title = Size::new(60.0, 20.0);
        let rect = Rect::new(0.0, 0.0, 90.0, 100.0);
        let index = routes(&[&[(45.0, -40.0), (45.0, 60.0)]]);
        let want = room_wanted(&rect, title, 10.0, 15.0, &index);
        assert!(want > 0.0, "{want}");
        // With that room the cluster's left wall moves out and the title fits beside the
        // route, at the top left.
        let wider = Rect::new(-want, 0.0, 90.0 + want, 100.0);
        assert_eq!(room_wanted(&wider, title, 10.0, 15.0, &index), 0.0);
        let x = title_x(&wider, title, 10.0, 15.0, &index);
        assert!(
            gap(x, (45.0, -40.0), (45.0, 60.0)) >= TITLE_CLEARANCE - 1e-9,
            "{x}"
        );
        assert!((x - (wider.x + 15.0)).abs() < 1e-9, "{x} at the left");
        // A cluster with a free place asks for nothing.
        let wide = Rect::new(-200.0, 0.0, 290.0, 100.0);
        assert_eq!(room_wanted(&wide, title, 10.0, 15.0, &index), 0.0);
    }

    #[test]
    fn a_diagonal_past_a_title_corner_blocks_only_as_near_as_it_passes() {
        // A diagonal 10 px from the centred title's top-right corner, inside the strip's
        // x-range widened by 8 px: the title stays centred (the strip's x-range would have
        // moved it).
        let rect = Rect::new(0.0, 0.0, 200.0, 100.0);
        let title = Size::new(60.0, 20.0);
        let centre = 70.0;
        let (a, b) = ((140.0, -20.0), (180.0, 60.0));
        assert!(gap(centre, a, b) > TITLE_CLEARANCE, "{}", gap(centre, a, b));
        let index = routes(&[&[a, b]]);
        assert_eq!(title_x(&rect, title, 10.0, 15.0, &index), centre);
    }

    #[test]
    fn with_no_free_place_a_title_goes_where_it_reaches_least_into_the_clearance() {
        // Routes at x = 30 and 100 leave 54 px between their clearances for a 60 px title:
        // nowhere is free. Centred (45) the title sits across the route at 100; 6 px into
        // either clearance is the least, and of those the place nearer the centre wins.
        let rect = Rect::new(0.0, 0.0, 150.0, 100.0);
        let title = Size::new(60.0, 20.0);
        let (left, right) = (
            ((30.0, -40.0), (30.0, 60.0)),
            ((100.0, -40.0), (100.0, 60.0)),
        );
        let index = routes(&[&[left.0, left.1], &[right.0, right.1]]);
        let x = title_x(&rect, title, 10.0, 15.0, &index);
        assert_eq!(gap(45.0, right.0, right.1), 0.0);
        assert_eq!(x, 38.0);
        assert!(gap(x, right.0, right.1) > 1.0 && gap(x, left.0, left.1) >= 8.0);
        // Room for the title left of both: 15 + 60 - (30 - 8).
        assert_eq!(room_wanted(&rect, title, 10.0, 15.0, &index), 53.0);
    }

    #[test]
    fn near_finds_every_segment_meeting_the_strip() {
        // Deterministic pseudo-random polylines, long and short, some steep, one not finite.
        let mut rng = crate::layout::quality::generate::Rng::new(0x2545_f491_4f6c_dd1d_u64);
        let mut next = |m: f64| rng.below(10_000) as f64 / 10_000.0 * m;
        let mut routes: Vec<EdgeRoute> = (0..300)
            .map(|_| EdgeRoute {
                points: (0..4)
                    .map(|_| Point::new(next(3_000.0), next(2_000.0)))
                    .collect(),
                label: None,
            })
            .collect();
        routes.push(EdgeRoute {
            points: vec![Point::new(0.0, 0.0), Point::new(10.0, 90_000.0)],
            label: None,
        });
        routes.push(EdgeRoute {
            points: vec![Point::new(f64::NAN, 0.0), Point::new(10.0, 5.0)],
            label: None,
        });
        let index = Segments::new(&routes);
        for _ in 0..500 {
            let (y0, x0) = (next(2_100.0) - 50.0, next(3_100.0) - 50.0);
            let (y1, x1) = (y0 + next(40.0), x0 + next(400.0));
            let found: Vec<(Point, Point)> = index.near(y0, y1, x0, x1).collect();
            for e in &routes {
                for w in e.points.windows(2) {
                    let (a, b) = (w[0], w[1]);
                    let meets = a.y.max(b.y) >= y0
                        && a.y.min(b.y) <= y1
                        && a.x.max(b.x) >= x0
                        && a.x.min(b.x) <= x1;
                    if meets {
                        // Bit for bit: the non-finite route's NaN is not equal to itself.
                        let same = |p: Point, q: Point| {
                            p.x.to_bits() == q.x.to_bits() && p.y.to_bits() == q.y.to_bits()
                        };
                        assert!(
                            found.iter().any(|&(p, q)| same(p, a) && same(q, b)),
                            "{a:?} {b:?} in {y0}..{y1}"
                        );
                    }
                }
            }
        }
    }

    /// Counting rows gives the order comparing gives: rows, then left x, then segment (rows
    /// near each other, and rows too far apart to count).
    #[test]
    fn entries_sort_by_row_then_left_then_segment() {
        let mut rng = crate::layout::quality::generate::Rng::new(0x0005_0e75);
        for spread in [3, 40, 1_000_000] {
            let mut entries = Vec::new();
            for k in 0..300 {
                let top = rng.below(spread) as i64 - 5;
                let left = rng.below(50) as f64 / 2.0;
                for r in top..=top + rng.below(4) as i64 {
                    entries.push((r, left, k));
                }
            }
            let mut compared = entries.clone();
            compared.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
            sort_entries(&mut entries);
            assert_eq!(entries, compared, "spread {spread}");
        }
    }
}
