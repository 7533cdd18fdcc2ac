//! The shared row grid of a stack view: where every layer boundary of every model lies, in
//! rows from the top, so that a layer mapped to several layers of another model spans exactly
//! them.
//!
//! Each model of `n` layers has `n + 1` boundaries (0 above its top layer, `n` below its
//! bottom one). A mapping component between two models — the layers linked by mappings, one
//! layer on one side and a contiguous run on the other — is drawn as a span when its outer
//! boundaries can be made equal to the other model's: the equalities are added one component
//! at a time (in the order of their first mapping), and one that would make a layer of no
//! height or put boundaries out of order (crossing mappings, a run that another span already
//! splits) is refused; its mappings are drawn as connectors. Then, where they fit, every
//! model's top and bottom are made equal to the first model's. Levels are longest paths (one
//! row per layer at least) over the classes of equal boundaries; a model's boundaries that no
//! other model shares are spread evenly between the shared ones. Each attempt is a pass over
//! the boundaries; a fixed budget of such work keeps a huge input linear (what is left over is
//! drawn as connectors).

use std::collections::{BTreeMap, BTreeSet};

/// The most boundary steps spent on trying spans (a textbook diagram needs a few hundred).
const WORK_BUDGET: usize = 4_000_000;

/// A boundary (or a layer): model, index from the top.
type At = (usize, usize);

/// A mapping between layer `a.1` of model `a.0` and layer `b.1` of model `b.0`, `a.0 < b.0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Link {
    pub(super) a: (usize, usize),
    pub(super) b: (usize, usize),
}

/// Two models' runs made equal: the boundaries above and below them (model, boundary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Aligned {
    pub(super) models: (usize, usize),
    pub(super) top: (usize, usize),
    pub(super) bottom: (usize, usize),
}

/// The grid: levels of every boundary and which links are spans.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Grid {
    /// Per model, per boundary: its level in rows from the top (fractional where spread).
    pub(super) levels: Vec<Vec<f64>>,
    /// Per link: drawn as a span (true) or as a connector (false).
    pub(super) spans: Vec<bool>,
    /// The components drawn as spans.
    pub(super) aligned: Vec<Aligned>,
}

/// Equal boundaries as a union-find over boundary ids.
struct Boundaries {
    offset: Vec<usize>,
    counts: Vec<usize>,
    parent: Vec<usize>,
}

impl Boundaries {
    fn new(counts: &[usize]) -> Boundaries {
        let mut offset = Vec::with_capacity(counts.len());
        let mut total = 0;
        for &n in counts {
            offset.push(total);
            total += n + 1;
        }
        Boundaries {
            offset,
            counts: counts.to_vec(),
            parent: (0..total).collect(),
        }
    }

    fn id(&self, (m, k): At) -> usize {
        self.offset[m] + k
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// The level of every boundary id (its class's longest path from the top, one per layer),
    /// or `None` when the classes are not in a consistent order (a cycle, or a layer whose two
    /// boundaries are one class). Linear in the boundaries.
    fn levels(&mut self) -> Option<Vec<usize>> {
        let total = self.parent.len();
        let roots: Vec<usize> = (0..total).map(|x| self.find(x)).collect();
        // The edges class → class below, as one array grouped by tail (counting sort).
        let mut start = vec![0usize; total + 1];
        let mut edges = 0;
        for (m, &n) in self.counts.iter().enumerate() {
            for k in 0..n {
                let (u, v) = (roots[self.offset[m] + k], roots[self.offset[m] + k + 1]);
                if u == v {
                    return None;
                }
                start[u + 1] += 1;
                edges += 1;
            }
        }
        for i in 0..total {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut heads = vec![0usize; edges];
        let mut indegree = vec![0usize; total];
        for (m, &n) in self.counts.iter().enumerate() {
            for k in 0..n {
                let (u, v) = (roots[self.offset[m] + k], roots[self.offset[m] + k + 1]);
                heads[fill[u]] = v;
                fill[u] += 1;
                indegree[v] += 1;
            }
        }
        let is_root: Vec<bool> = (0..total).map(|x| roots[x] == x).collect();
        let classes = is_root.iter().filter(|&&r| r).count();
        let mut ready: Vec<usize> = (0..total)
            .filter(|&c| is_root[c] && indegree[c] == 0)
            .collect();
        let mut level = vec![0usize; total];
        let mut done = 0;
        while let Some(u) = ready.pop() {
            done += 1;
            for &v in &heads[start[u]..start[u + 1]] {
                level[v] = level[v].max(level[u] + 1);
                indegree[v] -= 1;
                if indegree[v] == 0 {
                    ready.push(v);
                }
            }
        }
        (done == classes).then(|| roots.iter().map(|&r| level[r]).collect())
    }

    /// Makes each pair of boundaries equal if the order stays consistent; says whether it did.
    fn try_equal(&mut self, pairs: &[(At, At)]) -> bool {
        let saved = self.parent.clone();
        for &(x, y) in pairs {
            let (rx, ry) = (self.find(self.id(x)), self.find(self.id(y)));
            if rx != ry {
                self.parent[rx.max(ry)] = rx.min(ry);
            }
        }
        if self.levels().is_some() {
            true
        } else {
            self.parent = saved;
            false
        }
    }
}

/// The layers one mapping component links: on model `a`'s side and on model `b`'s, with the
/// links in it.
#[derive(Debug, Default)]
struct Component {
    a: BTreeSet<usize>,
    b: BTreeSet<usize>,
    links: Vec<usize>,
}

/// A run of consecutive layers.
fn contiguous(s: &BTreeSet<usize>) -> bool {
    match (s.first(), s.last()) {
        (Some(&lo), Some(&hi)) => hi - lo + 1 == s.len(),
        _ => false,
    }
}

/// The mapping components of `links` between each pair of models, in the order of their first
/// link: the layers linked directly or through others, found with a union-find over
/// (side, layer).
fn components(links: &[Link]) -> Vec<((usize, usize), Component)> {
    // Every (pair, side, layer) a link touches gets an index.
    let mut index: BTreeMap<((usize, usize), bool, usize), usize> = BTreeMap::new();
    for l in links {
        for key in [
            ((l.a.0, l.b.0), false, l.a.1),
            ((l.a.0, l.b.0), true, l.b.1),
        ] {
            let next = index.len();
            index.entry(key).or_insert(next);
        }
    }
    let mut parent: Vec<usize> = (0..index.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let ends = |l: &Link| {
        (
            index[&((l.a.0, l.b.0), false, l.a.1)],
            index[&((l.a.0, l.b.0), true, l.b.1)],
        )
    };
    for l in links {
        let (x, y) = ends(l);
        let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
        if rx != ry {
            parent[rx.max(ry)] = rx.min(ry);
        }
    }
    // Components in the order of their first link.
    let mut by_root: BTreeMap<usize, usize> = BTreeMap::new();
    let mut all: Vec<((usize, usize), Component)> = Vec::new();
    for (i, l) in links.iter().enumerate() {
        let root = find(&mut parent, ends(l).0);
        let at = *by_root.entry(root).or_insert_with(|| {
            all.push(((l.a.0, l.b.0), Component::default()));
            all.len() - 1
        });
        let c = &mut all[at].1;
        c.a.insert(l.a.1);
        c.b.insert(l.b.1);
        c.links.push(i);
    }
    all
}

/// The grid of models with `counts` layers each (top first) and `links` between them.
pub(super) fn grid(counts: &[usize], links: &[Link]) -> Grid {
    let mut b = Boundaries::new(counts);
    let mut spans = vec![false; links.len()];
    let mut aligned = Vec::new();
    // Each attempt costs a pass over the boundaries: past this many boundary steps the
    // remaining components are drawn as connectors, so that a huge input stays linear.
    let mut budget = WORK_BUDGET;
    for ((p, q), c) in components(links) {
        let shaped = contiguous(&c.a) && contiguous(&c.b) && (c.a.len() == 1 || c.b.len() == 1);
        let affordable = budget >= b.parent.len();
        budget = budget.saturating_sub(b.parent.len());
        let (Some(&a0), Some(&a1), Some(&b0), Some(&b1)) =
            (c.a.first(), c.a.last(), c.b.first(), c.b.last())
        else {
            continue;
        };
        let (top, bottom) = (((p, a0), (q, b0)), ((p, a1 + 1), (q, b1 + 1)));
        if shaped && affordable && b.try_equal(&[top, bottom]) {
            for &i in &c.links {
                spans[i] = true;
            }
            aligned.push(Aligned {
                models: (p, q),
                top: top.0,
                bottom: bottom.0,
            });
        }
    }
    for (m, &n) in counts.iter().enumerate().skip(1) {
        for pair in [((0, 0), (m, 0)), ((0, counts[0]), (m, n))] {
            if budget >= b.parent.len() {
                budget -= b.parent.len();
                b.try_equal(&[pair]);
            }
        }
    }
    let flat = b.levels().unwrap_or_else(|| {
        // Unreachable (every equality kept leaves the order consistent); one row per layer.
        counts.iter().flat_map(|&n| 0..=n).collect()
    });
    // Which models share each class.
    let mut shared: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (m, &n) in counts.iter().enumerate() {
        for k in 0..=n {
            let id = b.id((m, k));
            let root = b.find(id);
            shared.entry(root).or_default().insert(m);
        }
    }
    let mut levels = Vec::with_capacity(counts.len());
    for (m, &n) in counts.iter().enumerate() {
        let raw: Vec<f64> = (0..=n).map(|k| flat[b.id((m, k))] as f64).collect();
        let pinned: Vec<usize> = (0..=n)
            .filter(|&k| {
                let root = b.find(b.id((m, k)));
                k == 0 || k == n || shared.get(&root).is_some_and(|s| s.len() > 1)
            })
            .collect();
        let mut spread = raw.clone();
        for w in pinned.windows(2) {
            let (i, j) = (w[0], w[1]);
            for (k, level) in spread.iter_mut().enumerate().take(j).skip(i + 1) {
                *level = raw[i] + (raw[j] - raw[i]) * (k - i) as f64 / (j - i) as f64;
            }
        }
        levels.push(spread);
    }
    Grid {
        levels,
        spans,
        aligned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(a: (usize, usize), b: (usize, usize)) -> Link {
        Link { a, b }
    }

    /// OSI (7) against TCP/IP (4), the textbook mapping.
    fn osi_tcpip() -> Vec<Link> {
        vec![
            link((0, 0), (1, 0)),
            link((0, 1), (1, 0)),
            link((0, 2), (1, 0)),
            link((0, 3), (1, 1)),
            link((0, 4), (1, 2)),
            link((0, 5), (1, 3)),
            link((0, 6), (1, 3)),
        ]
    }

    #[test]
    fn a_coarse_layer_spans_the_rows_of_the_layers_mapped_to_it() {
        let g = grid(&[7, 4], &osi_tcpip());
        assert_eq!(g.levels[0], vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
        assert_eq!(g.levels[1], vec![0.0, 3.0, 4.0, 5.0, 7.0]);
        assert!(g.spans.iter().all(|&s| s));
        assert_eq!(g.aligned.len(), 4);
    }

    #[test]
    fn crossing_mappings_become_connectors() {
        // Transport → Link and Link → Transport cross.
        let mut links = osi_tcpip();
        links[3] = link((0, 3), (1, 3));
        links[5] = link((0, 5), (1, 1));
        let g = grid(&[7, 4], &links);
        // The first components (application, and transport with data link and physical
        // through link) are kept as far as they are consistent; the crossing one is not.
        assert!(g.spans[0] && g.spans[1] && g.spans[2]);
        assert!(!g.spans.iter().all(|&s| s), "{:?}", g.spans);
        // Every layer keeps at least one row, and the order holds.
        for l in &g.levels {
            assert!(l.windows(2).all(|w| w[1] - w[0] >= 1.0 - 1e-9), "{l:?}");
        }
    }

    #[test]
    fn a_layer_mapped_to_two_separate_bands_is_a_connector() {
        let links = vec![link((0, 0), (1, 0)), link((0, 2), (1, 0))];
        let g = grid(&[3, 2], &links);
        assert_eq!(g.spans, vec![false, false]);
        assert!(g.aligned.is_empty());
        // Tops and bottoms still line up; the two-layer model is spread over three rows.
        assert_eq!(g.levels[1], vec![0.0, 1.5, 3.0]);
    }

    #[test]
    fn many_to_many_components_are_connectors() {
        let links = vec![
            link((0, 0), (1, 0)),
            link((0, 1), (1, 0)),
            link((0, 1), (1, 1)),
        ];
        let g = grid(&[2, 2], &links);
        assert_eq!(g.spans, vec![false; 3]);
    }

    #[test]
    fn three_models_align_each_pair() {
        // OSI | five-layer | TCP/IP.
        let mut links = vec![
            link((0, 0), (1, 0)),
            link((0, 1), (1, 0)),
            link((0, 2), (1, 0)),
            link((0, 3), (1, 1)),
            link((0, 4), (1, 2)),
            link((0, 5), (1, 3)),
            link((0, 6), (1, 4)),
        ];
        links.extend([
            link((1, 0), (2, 0)),
            link((1, 1), (2, 1)),
            link((1, 2), (2, 2)),
            link((1, 3), (2, 3)),
            link((1, 4), (2, 3)),
        ]);
        let g = grid(&[7, 5, 4], &links);
        assert!(g.spans.iter().all(|&s| s), "{:?}", g.spans);
        assert_eq!(g.levels[1], vec![0.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
        assert_eq!(g.levels[2], vec![0.0, 3.0, 4.0, 5.0, 7.0]);
    }

    #[test]
    fn past_the_work_budget_mappings_are_connectors() {
        let n = 3000;
        let links: Vec<Link> = (0..n).map(|i| link((0, i), (1, i))).collect();
        let g = grid(&[n, n], &links);
        let attempts = WORK_BUDGET / (2 * (n + 1));
        assert!(g.spans[..attempts].iter().all(|&s| s));
        assert!(!g.spans[attempts..].iter().any(|&s| s));
        assert!(g.levels[1].windows(2).all(|w| w[1] > w[0]));
    }

    #[test]
    fn a_partial_model_floats_to_the_layers_it_maps() {
        // A two-layer model (network, link) beside OSI's network and data link.
        let links = vec![link((0, 4), (1, 0)), link((0, 5), (1, 1))];
        let g = grid(&[7, 2], &links);
        assert_eq!(g.spans, vec![true, true]);
        assert_eq!(g.levels[1], vec![4.0, 5.0, 6.0]);
    }
}
