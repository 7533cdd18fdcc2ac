//! Phase 1: break cycles. A depth-first search from every node (in index order, edges in index
//! order) marks back edges; those are reversed for ranking. Structural edges (cluster nesting)
//! must never be reversed: if the search would reverse one, a slower but safe insertion pass is
//! used instead, which keeps every edge that does not close a cycle with the ones kept so far.

/// Which of `edges` (tail, head) to reverse so that the graph becomes acyclic. Edges marked
/// `fixed` are never reversed (they must form a DAG by themselves). Self-loops must not be passed.
pub(crate) fn reversed_edges(n: usize, edges: &[(usize, usize)], fixed: &[bool]) -> Vec<bool> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, &(u, _)) in edges.iter().enumerate() {
        out[u].push(i);
    }
    let rev = dfs_back_edges(n, edges, &out);
    if !rev.iter().zip(fixed).any(|(&r, &f)| r && f) {
        return rev;
    }
    insertion(n, edges, fixed, &rev)
}

fn dfs_back_edges(n: usize, edges: &[(usize, usize)], out: &[Vec<usize>]) -> Vec<bool> {
    // 0 = unvisited, 1 = on stack, 2 = done
    let mut state = vec![0u8; n];
    let mut rev = vec![false; edges.len()];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for s in 0..n {
        if state[s] != 0 {
            continue;
        }
        state[s] = 1;
        stack.push((s, 0));
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            if i < out[v].len() {
                top.1 += 1;
                let e = out[v][i];
                let w = edges[e].1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => rev[e] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    rev
}

/// Inserts fixed edges first, then the DFS forward edges, then its back edges; an edge whose head
/// already reaches its tail is reversed (its reverse cannot close a cycle).
fn insertion(n: usize, edges: &[(usize, usize)], fixed: &[bool], dfs_rev: &[bool]) -> Vec<bool> {
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut rev = vec![false; edges.len()];
    let mut seen = vec![0u32; n];
    let mut stamp = 0u32;
    let mut order: Vec<usize> = (0..edges.len()).filter(|&e| fixed[e]).collect();
    order.extend((0..edges.len()).filter(|&e| !fixed[e] && !dfs_rev[e]));
    order.extend((0..edges.len()).filter(|&e| !fixed[e] && dfs_rev[e]));
    let mut stack = Vec::new();
    for e in order {
        let (u, v) = edges[e];
        let closes = !fixed[e] && {
            stamp += 1;
            stack.clear();
            stack.push(v);
            seen[v] = stamp;
            let mut found = false;
            while let Some(x) = stack.pop() {
                if x == u {
                    found = true;
                    break;
                }
                for &y in &adj[x] {
                    if seen[y] != stamp {
                        seen[y] = stamp;
                        stack.push(y);
                    }
                }
            }
            found
        };
        if closes {
            rev[e] = true;
            adj[v].push(u);
        } else {
            adj[u].push(v);
        }
    }
    rev
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_dag(n: usize, edges: &[(usize, usize)], rev: &[bool]) -> bool {
        let mut indeg = vec![0; n];
        let mut out = vec![Vec::new(); n];
        for (i, &(u, v)) in edges.iter().enumerate() {
            let (a, b) = if rev[i] { (v, u) } else { (u, v) };
            out[a].push(b);
            indeg[b] += 1;
        }
        let mut q: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
        let mut seen = 0;
        while let Some(v) = q.pop() {
            seen += 1;
            for &w in &out[v] {
                indeg[w] -= 1;
                if indeg[w] == 0 {
                    q.push(w);
                }
            }
        }
        seen == n
    }

    #[test]
    fn breaks_cycles_and_keeps_edges() {
        let edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 1), (1, 0)];
        let rev = reversed_edges(4, &edges, &[false; 6]);
        assert_eq!(rev.len(), edges.len());
        assert!(is_dag(4, &edges, &rev));
        assert!(rev.iter().filter(|&&r| r).count() <= 3);
    }

    #[test]
    fn never_reverses_fixed_edges() {
        // 0 -> 1 fixed, 1 -> 2 fixed, 2 -> 0 free: the free one must flip.
        let edges = [(2, 0), (0, 1), (1, 2)];
        let rev = reversed_edges(3, &edges, &[false, true, true]);
        assert_eq!(rev, vec![true, false, false]);
    }

    #[test]
    fn acyclic_input_is_untouched() {
        let edges = [(0, 1), (0, 2), (1, 3), (2, 3)];
        assert_eq!(reversed_edges(4, &edges, &[false; 4]), vec![false; 4]);
    }
}
