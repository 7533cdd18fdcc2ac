//! The ids mermaid gives edges written without one (`flowDb.addSingleLink`):
//! `L_<from>_<to>_<n>`, where `n` is 0 for the first edge between the two and the number of
//! earlier ones plus one after that (mermaid's `getEdgeId`; so the second is `_2`). A later
//! `L_A_B_0@{ animation: fast }` configures that edge, as mermaid's `addVertex` does when the
//! id is an edge's, instead of making a node.

use super::{attrs, Lower};
use crate::mermaid::syntax::{Chain, NodeRef, NodeShape, Statement};
use crate::model::Endpoint;
use std::collections::HashMap;

impl<'d> Lower<'d> {
    /// Every written edge id (`e1@-->`), so that `e1@{ … }` and `class e1 …` find the edge
    /// wherever it is defined.
    pub(super) fn collect_edge_ids(&mut self, stmts: &'d [Statement]) {
        for s in stmts {
            match s {
                Statement::Chain(c) => {
                    for l in &c.links {
                        if let Some(id) = &l.id {
                            self.edge_ids.insert(id.value.clone(), ());
                        }
                    }
                }
                Statement::Subgraph(sg) => self.collect_edge_ids(&sg.body),
                _ => {}
            }
        }
    }

    /// The id mermaid knows an endpoint by (a node's or a subgraph's).
    pub(super) fn endpoint_name(&self, e: Endpoint) -> String {
        match e {
            Endpoint::Node(n) => self.g.nodes[n.index()].id.clone(),
            Endpoint::Cluster(c) => self.g.clusters[c.index()].id.clone(),
        }
    }

    /// Whether statement `c` names an edge rather than a node: `e1@{ … }` alone configures
    /// edge `e1` (applied once every edge exists); an automatic id (`L_A_B_0`, alone or with
    /// `@{ … }`) names an edge made before it, as in mermaid's `addVertex`.
    pub(super) fn edge_reference(&mut self, c: &'d Chain) -> bool {
        let ([group], []) = (c.groups.as_slice(), c.links.as_slice()) else {
            return false;
        };
        let [NodeRef {
            id,
            shape,
            data,
            classes,
        }] = group.as_slice()
        else {
            return false;
        };
        let attrs = match shape {
            Some(NodeShape::Attrs { attrs, .. }) => Some(attrs),
            None => None,
            Some(_) => return false,
        };
        if let Some(attrs) = attrs.filter(|_| self.edge_ids.contains_key(&id.value)) {
            self.deferred_edge_attrs.push((id, attrs));
            return true;
        }
        match self.auto_edge_ids.get(&id.value) {
            Some(e) if classes.is_empty() && data.is_none() => {
                if let Some(attrs) = attrs {
                    attrs::edge_attrs(attrs, &mut self.g.edges[e], &mut self.diags);
                }
                true
            }
            _ => false,
        }
    }
}

/// Automatic edge ids, in the order the edges were made.
#[derive(Debug, Default)]
pub(super) struct AutoEdgeIds {
    /// Automatic id → edge index (the first edge to get it keeps it).
    ids: HashMap<String, usize>,
    /// Edges so far per `(from, to)` pair, with or without a written id.
    pairs: HashMap<(String, String), usize>,
}

impl AutoEdgeIds {
    /// Records edge `index` from `from` to `to`; one without a written id gets the automatic id.
    pub(super) fn record(&mut self, from: &str, to: &str, index: usize, written_id: bool) {
        let seen = self
            .pairs
            .entry((from.to_string(), to.to_string()))
            .or_insert(0);
        let n = if *seen == 0 { 0 } else { *seen + 1 };
        *seen += 1;
        if !written_id {
            self.ids
                .entry(format!("L_{from}_{to}_{n}"))
                .or_insert(index);
        }
    }

    /// The edge with automatic id `id`, if one has been made.
    pub(super) fn get(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_mermaids_get_edge_id() {
        let mut ids = AutoEdgeIds::default();
        ids.record("A", "B", 0, false);
        ids.record("A", "B", 1, true);
        ids.record("A", "B", 2, false);
        ids.record("B", "A", 3, false);
        assert_eq!(ids.get("L_A_B_0"), Some(0));
        // The second A→B edge has a written id; the third counts it: 2 earlier, so `_3`.
        assert_eq!(ids.get("L_A_B_2"), None);
        assert_eq!(ids.get("L_A_B_3"), Some(2));
        assert_eq!(ids.get("L_B_A_0"), Some(3));
        assert_eq!(ids.get("L_A_B_1"), None);
    }
}
