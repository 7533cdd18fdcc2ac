//! Exact crossing count between two adjacent layers with the accumulator tree of Barth, Jünger
//! and Mutzel ("Simple and efficient bilayer cross counting", 2004): O(E log V).

/// Crossings among `edges` (position in the upper layer, position in the lower layer), the lower
/// layer having `lower_len` positions.
#[cfg(test)]
pub(crate) fn bilayer_crossings(edges: &mut [(usize, usize)], lower_len: usize) -> u64 {
    edges.sort_unstable();
    let lower: Vec<usize> = edges.iter().map(|&(_, l)| l).collect();
    sorted_bilayer_crossings(&lower, lower_len, &mut Vec::new())
}

/// Crossings of edges given by their lower positions, listed in (upper, lower) order; `tree`
/// is scratch space.
pub(crate) fn sorted_bilayer_crossings(
    lower: &[usize],
    lower_len: usize,
    tree: &mut Vec<u64>,
) -> u64 {
    if lower.len() < 2 || lower_len == 0 {
        return 0;
    }
    let mut first = 1usize;
    while first < lower_len {
        first <<= 1;
    }
    let size = 2 * first - 1;
    let first = first - 1;
    tree.clear();
    tree.resize(size, 0);
    let mut count = 0u64;
    for &l in lower {
        let mut index = l + first;
        tree[index] += 1;
        while index > 0 {
            if index % 2 == 1 {
                count += tree[index + 1];
            }
            index = (index - 1) / 2;
            tree[index] += 1;
        }
    }
    count
}

/// Quadratic reference count, for tests.
#[cfg(test)]
pub(crate) fn brute_force(edges: &[(usize, usize)]) -> u64 {
    let mut c = 0;
    for i in 0..edges.len() {
        for j in i + 1..edges.len() {
            let (a, b) = (edges[i], edges[j]);
            if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                c += 1;
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equals_brute_force_on_random_layers() {
        let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |m: usize| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s % m as u64) as usize
        };
        for _ in 0..300 {
            let (a, b) = (1 + next(12), 1 + next(12));
            let m = next(40);
            let mut edges: Vec<(usize, usize)> = (0..m).map(|_| (next(a), next(b))).collect();
            let expect = brute_force(&edges);
            assert_eq!(bilayer_crossings(&mut edges, b), expect);
        }
    }

    #[test]
    fn k22_crosses_once() {
        assert_eq!(bilayer_crossings(&mut [(0, 1), (1, 0)], 2), 1);
        assert_eq!(bilayer_crossings(&mut [(0, 0), (1, 1)], 2), 0);
    }
}
