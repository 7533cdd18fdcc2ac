//! Recognising a layer diagram in a flowchart: which subgraphs are layer models, which built-in
//! model each one is, its layers top first, and which edges map a layer of one model to a layer
//! of another.
//!
//! A subgraph is a layer model when most of its own nodes (at least three) name layers of one
//! built-in model, on any label line, in either language, by any alias; among the models its
//! nodes name so, the one its title names wins (`TCP/IP四层模型`: the author's word for what
//! the stack is, so a wrong layer in it is reported as one), then the one they name most, then
//! the one with fewest layers left unnamed. A flowchart is a layer diagram when two or more of
//! its subgraphs are layer models, or when its front matter says `check: layers` (then every
//! subgraph with nodes is a model, the unrecognised ones in the author's order).
//!
//! The author may write a stack top-down or bottom-up: a stack wholly in order one way is
//! written that way; one with layers out of order is read the way the diagram's stacks lean
//! together (the longer runs in order), so that a swap reads as the swap it is.

use super::reference::{names, Model, MODELS};
use crate::model::{
    ClusterId, EdgeId, Endpoint, Flowchart, Label, LayerDiagram, LayerModel, NodeId,
};

/// The built-in models' layer names, normalised once.
pub(crate) struct Names {
    /// Per model (as [`MODELS`]): (layer position, normalised name).
    table: Vec<Vec<(usize, String)>>,
}

impl Names {
    pub(crate) fn new() -> Self {
        Names {
            table: MODELS
                .iter()
                .map(|m| {
                    m.layers
                        .iter()
                        .enumerate()
                        .flat_map(|(i, l)| l.names().map(move |n| (i, names::normal(n))))
                        .collect()
                })
                .collect(),
        }
    }

    /// The layer of `MODELS[model]` that `line` names, if any.
    pub(crate) fn line_names(&self, line: &str, model: usize) -> Option<usize> {
        names::candidates(line).iter().find_map(|c| {
            self.table[model]
                .iter()
                .find(|(_, n)| n == c)
                .map(|(i, _)| *i)
        })
    }

    /// The layer of `MODELS[model]` the label names: its first line that names one.
    pub(crate) fn label_names(&self, label: &Label, model: usize) -> Option<usize> {
        label
            .lines
            .iter()
            .filter(|l| !l.rule)
            .find_map(|l| self.line_names(&l.text(), model))
    }

    /// Every normalised name of `MODELS[model]` with its layer position.
    pub(crate) fn of(&self, model: usize) -> &[(usize, String)] {
        &self.table[model]
    }
}

/// Whether a flowchart's front matter `check:` says `value` (any case, spaces ignored).
pub(crate) fn check_says(chart: &Flowchart, value: &str) -> bool {
    chart
        .check
        .as_ref()
        .is_some_and(|(v, _)| v.trim().eq_ignore_ascii_case(value))
}

/// The layer diagram `chart` is, if it is one (see the module docs). `check: off` does not stop
/// recognition (the stack view still draws the diagram); it stops only the check.
pub fn recognize(chart: &Flowchart) -> Option<LayerDiagram> {
    let forced = check_says(chart, "layers");
    let names = Names::new();
    let mut models = Vec::new();
    let mut members: Vec<Vec<NodeId>> = vec![Vec::new(); chart.clusters.len()];
    for (n, node) in chart.nodes.iter().enumerate() {
        if let Some(c) = node.parent.filter(|c| c.index() < members.len()) {
            members[c.index()].push(NodeId::new(n));
        }
    }
    // (model, its reference positions in the author's order) per recognised stack.
    let mut evidence: Vec<Option<Vec<usize>>> = Vec::new();
    for ((c, cluster), nodes) in chart.clusters.iter().enumerate().zip(members) {
        let cluster_id = ClusterId::new(c);
        if nodes.is_empty() {
            continue;
        }
        let title = cluster.title.text().to_lowercase();
        match best_model(chart, &nodes, &title, &names) {
            Some((m, positions)) => {
                models.push(LayerModel {
                    cluster: cluster_id,
                    layers: nodes,
                    written_bottom_up: false,
                    reference: Some(MODELS[m].key),
                });
                evidence.push(Some(positions));
            }
            None if forced => {
                models.push(LayerModel {
                    cluster: cluster_id,
                    layers: nodes,
                    written_bottom_up: false,
                    reference: None,
                });
                evidence.push(None);
            }
            None => {}
        }
    }
    let runs: Vec<Option<Runs>> = evidence
        .iter()
        .map(|e| e.as_deref().map(Runs::of))
        .collect();
    // The diagram's way of writing stacks: what its stacks' runs say together.
    let lean: isize = runs
        .iter()
        .flatten()
        .map(|r| r.top_down as isize - r.bottom_up as isize)
        .sum();
    for (model, runs) in models.iter_mut().zip(&runs) {
        let Some(runs) = runs else { continue };
        model.written_bottom_up = runs.bottom_up_in(lean);
        if model.written_bottom_up {
            model.layers.reverse();
        }
    }
    if models.is_empty() || (models.len() < 2 && !forced) {
        return None;
    }
    let mut diagram = LayerDiagram {
        models,
        mappings: Vec::new(),
    };
    let places = places(chart, &diagram);
    diagram.mappings = (0..chart.edges.len())
        .map(EdgeId::new)
        .filter(|&e| {
            let edge = &chart.edges[e.index()];
            let model = |end: Endpoint| match end {
                Endpoint::Node(n) => places[n.index()].map(|(m, _)| m),
                Endpoint::Cluster(_) => None,
            };
            matches!((model(edge.from), model(edge.to)), (Some(a), Some(b)) if a != b)
        })
        .collect();
    Some(diagram)
}

/// [`LayerDiagram::position`] of every node of `chart`, indexed by node: one pass instead of a
/// search per edge.
pub(crate) fn places(chart: &Flowchart, diagram: &LayerDiagram) -> Vec<Option<(usize, usize)>> {
    let mut out = vec![None; chart.nodes.len()];
    for (m, model) in diagram.models.iter().enumerate() {
        for (l, n) in model.layers.iter().enumerate() {
            if let Some(slot) = out.get_mut(n.index()) {
                *slot = Some((m, l));
            }
        }
    }
    out
}

/// The built-in model (index into [`MODELS`]) most of `nodes` name, with the reference
/// positions of the nodes that name one of its layers, in the author's order.
fn best_model(
    chart: &Flowchart,
    nodes: &[NodeId],
    title: &str,
    names: &Names,
) -> Option<(usize, Vec<usize>)> {
    // The title, then most nodes named, then fewest layers left unnamed.
    type Rank = (bool, usize, std::cmp::Reverse<usize>);
    let mut best: Option<(Rank, usize, Vec<usize>)> = None;
    for (m, model) in MODELS.iter().enumerate() {
        let positions: Vec<usize> = nodes
            .iter()
            .filter_map(|&n| names.label_names(&chart.nodes[n.index()].label, m))
            .collect();
        let matched = positions.len();
        if matched < 3 || matched * 2 <= nodes.len() {
            continue;
        }
        let mut distinct = positions.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let unnamed = model.layers.len() - distinct.len();
        let key = (titled(model, title), matched, std::cmp::Reverse(unnamed));
        if best.as_ref().is_none_or(|(k, _, _)| key > *k) {
            best = Some((key, m, positions));
        }
    }
    best.map(|(_, m, p)| (m, p))
}

/// Whether a subgraph's (lower-cased) title names `model`.
fn titled(model: &Model, title: &str) -> bool {
    model.title_words.iter().any(|w| title.contains(w))
}

/// How well a stack's reference positions (0 = top layer), in the author's order, read each
/// way: the longest run in order top-down and bottom-up.
struct Runs {
    len: usize,
    top_down: usize,
    bottom_up: usize,
}

impl Runs {
    fn of(positions: &[usize]) -> Runs {
        let reversed: Vec<usize> = positions.iter().rev().copied().collect();
        Runs {
            len: positions.len(),
            top_down: increasing_run(positions).len(),
            bottom_up: increasing_run(&reversed).len(),
        }
    }

    /// Whether the stack is written bottom-up: a stack wholly in order one way is written that
    /// way (top-down if both); one that is not is written as the diagram leans (`lean`: the sum
    /// of its stacks' top-down minus bottom-up runs), and as its own runs say if that is even
    /// (ties read top-down). Two layers swapped at the ends of one stack (`[1, 3, 2, 4]`) thus
    /// read as that swap when the other stacks are top-down.
    fn bottom_up_in(&self, lean: isize) -> bool {
        if self.top_down == self.len {
            false
        } else if self.bottom_up == self.len {
            true
        } else if lean != 0 {
            lean < 0
        } else {
            self.bottom_up > self.top_down
        }
    }
}

/// Whether reference positions written in this order (0 = top layer) read bottom-up, for a
/// stack on its own: the reversed order has the longer increasing run (ties read top-down).
#[cfg(test)]
fn written_bottom_up(positions: &[usize]) -> bool {
    Runs::of(positions).bottom_up_in(0)
}

/// The indices of a longest strictly increasing subsequence of `xs` (the first such, for
/// determinism), in order. O(n log n).
pub(crate) fn increasing_run(xs: &[usize]) -> Vec<usize> {
    // tails[k]: index of the smallest tail of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; xs.len()];
    for (i, &x) in xs.iter().enumerate() {
        let k = tails.partition_point(|&t| xs[t] < x);
        prev[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = Vec::new();
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.push(i);
        at = prev[i];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(src: &str) -> Flowchart {
        let (chart, diagnostics) = crate::mermaid::flowchart(src);
        assert!(
            !crate::diagnostic::has_errors(&diagnostics),
            "{diagnostics:?}"
        );
        chart
    }

    fn ids(chart: &Flowchart, nodes: &[NodeId]) -> Vec<String> {
        nodes
            .iter()
            .map(|n| chart.nodes[n.index()].id.clone())
            .collect()
    }

    #[test]
    fn the_bundled_example_is_recognised() {
        let src = include_str!("../../diagrams/osi-vs-tcpip.mmd");
        let c = chart(src);
        let d = recognize(&c).expect("a layer diagram");
        assert_eq!(d.models.len(), 2);
        assert_eq!(d.models[0].reference, Some("osi"));
        assert_eq!(d.models[1].reference, Some("tcpip"));
        assert!(!d.models[0].written_bottom_up && !d.models[1].written_bottom_up);
        assert_eq!(
            ids(&c, &d.models[0].layers),
            ["A7", "A6", "A5", "A4", "A3", "A2", "A1"]
        );
        assert_eq!(ids(&c, &d.models[1].layers), ["B4", "B3", "B2", "B1"]);
        assert_eq!(d.mappings.len(), 7);
        assert_eq!(d.position(c.node_by_id("B2").unwrap()), Some((1, 2)));
    }

    #[test]
    fn bottom_up_stacks_are_reversed() {
        let c = chart(
            "graph LR\nsubgraph A[五层]\np[物理层]\nd[数据链路层]\nn[网络层]\nt[运输层]\na[应用层]\nend\n\
             subgraph B[TCP/IP]\nl[Link]\ni[Internet]\ntt[Transport]\naa[Application]\nend\n\
             l --> p\nl --> d\n",
        );
        let d = recognize(&c).expect("a layer diagram");
        assert_eq!(d.models[0].reference, Some("five"));
        assert!(d.models[0].written_bottom_up && d.models[1].written_bottom_up);
        assert_eq!(ids(&c, &d.models[0].layers), ["a", "t", "n", "d", "p"]);
        assert_eq!(ids(&c, &d.models[1].layers), ["aa", "tt", "i", "l"]);
        assert_eq!(d.mappings.len(), 2);
    }

    #[test]
    fn the_titled_model_wins_then_the_most_named_then_coverage() {
        // Five names, all of both OSI and the five-layer model: fewer left unnamed wins.
        let five = "subgraph X\na[Application]\nt[Transport]\nn[Network]\nd[Data Link]\np[Physical]\nend\n";
        let tcp = "subgraph Y\na2[Application]\nt2[Transport]\ni2[Internet]\nl2[Link]\nend\n";
        let c = chart(&format!("flowchart TD\n{five}{tcp}"));
        let d = recognize(&c).unwrap();
        assert_eq!(d.models[0].reference, Some("five"));
        assert_eq!(d.models[1].reference, Some("tcpip"));
        // The title names OSI: OSI it is (with two layers missing, which the check reports).
        let c = chart(&format!(
            "flowchart TD\n{}{tcp}",
            five.replace("subgraph X", "subgraph X[OSI model]")
        ));
        assert_eq!(recognize(&c).unwrap().models[0].reference, Some("osi"));
        // A TCP/IP stack with the five-layer model's Data Link: TCP/IP, as its title says.
        let zh = "flowchart TD\nsubgraph A[TCP/IP四层模型]\na[应用层]\nb[传输层]\nc[网络层]\nd[数据链路层]\nend\n";
        let c = chart(&format!(
            "{zh}{}",
            five.replace("subgraph X", "subgraph X[OSI]")
        ));
        assert_eq!(recognize(&c).unwrap().models[0].reference, Some("tcpip"));
        // Untitled, the model naming all four wins.
        let c = chart(&format!("{}{five}", zh.replace("[TCP/IP四层模型]", "")));
        assert_eq!(recognize(&c).unwrap().models[0].reference, Some("five"));
    }

    #[test]
    fn ordinary_flowcharts_are_not_layer_diagrams() {
        let c = chart("flowchart LR\nsubgraph S[Server]\na[Start] --> b[Stop]\nend\nsubgraph C\nc[Client] --> d[Application]\nend\n");
        assert_eq!(recognize(&c), None);
        // One model alone is not a diagram of models...
        let one = "flowchart TD\nsubgraph OSI\na[Application]\nb[Transport]\nc[Network]\nend\n";
        assert_eq!(recognize(&chart(one)), None);
        // ... unless front matter asks for the check.
        let forced = format!("---\ncheck: layers\n---\n{one}");
        let d = recognize(&chart(&forced)).unwrap();
        assert_eq!(d.models.len(), 1);
        // Fewer than half the nodes naming layers: not a model.
        let mostly_other = "flowchart TD\nsubgraph A\na[Application]\nb[Transport]\nc[Network]\nx[x]\ny[y]\nz[z]\nend\n\
                            subgraph B\nd[Application]\ne[Transport]\nf[Internet]\nend\n";
        assert_eq!(recognize(&chart(mostly_other)), None);
    }

    #[test]
    fn forced_models_keep_the_authors_order() {
        let c = chart("---\ncheck: layers\n---\nflowchart TD\nsubgraph A\nx[Top] \ny[Bottom]\nend\nsubgraph B\nz[Only]\nend\nx --> z\n");
        let d = recognize(&c).unwrap();
        assert_eq!(d.models.len(), 2);
        assert_eq!(d.models[0].reference, None);
        assert_eq!(ids(&c, &d.models[0].layers), ["x", "y"]);
        assert_eq!(d.mappings.len(), 1);
        assert!(check_says(&c, "layers"));
        // Front matter `check:` is read, not reported as an ignored key.
        let (c, diagnostics) = crate::mermaid::flowchart("---\ncheck: Off\n---\nflowchart TD\na\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(check_says(&c, "off"), "{:?}", c.check);
        assert_eq!(c.check.map(|(v, s)| (v, s.start)), Some(("off".into(), 4)));
    }

    #[test]
    fn names_any_line_any_alias() {
        let names = Names::new();
        let osi = 0;
        let tcpip = 1;
        assert_eq!(names.line_names("Transport Layer (TCP/UDP)", osi), Some(3));
        assert_eq!(names.line_names("运输层", osi), Some(3));
        assert_eq!(names.line_names("网络接口层", tcpip), Some(3));
        assert_eq!(names.line_names("Network Access Layer", tcpip), Some(3));
        assert_eq!(names.line_names("Host-to-Network", tcpip), Some(3));
        assert_eq!(names.line_names("Internet Layer", osi), None);
        assert_eq!(names.line_names("L2: Data Link", osi), Some(5));
        let label = Label::plain("应用层\nApplication Layer");
        assert_eq!(names.label_names(&label, tcpip), Some(0));
    }

    #[test]
    fn a_stack_out_of_order_reads_as_the_diagram_leans() {
        // TCP/IP written [Link, Transport, Internet, Application]: bottom-up it is one swap in
        // the middle, top-down one swap of the ends; the OSI stack beside it is top-down.
        let src = "flowchart TD\nsubgraph O[OSI]\na[Application]\np[Presentation]\ns[Session]\nt[Transport]\nn[Network]\nd[Data Link]\nph[Physical]\nend\n\
                   subgraph T[TCP/IP]\nl[Link]\ntt[Transport]\ni[Internet]\naa[Application]\nend\n";
        let c = chart(src);
        let d = recognize(&c).unwrap();
        assert!(!d.models[1].written_bottom_up);
        assert_eq!(ids(&c, &d.models[1].layers), ["l", "tt", "i", "aa"]);
        // Alone (under check: layers), it reads bottom-up.
        let alone = format!(
            "---\ncheck: layers\n---\nflowchart TD\n{}",
            &src[src.find("subgraph T").unwrap()..]
        );
        let c = chart(&alone);
        assert!(recognize(&c).unwrap().models[0].written_bottom_up);
    }

    #[test]
    fn increasing_runs() {
        assert_eq!(increasing_run(&[0, 1, 2, 3]), [0, 1, 2, 3]);
        assert_eq!(increasing_run(&[0, 2, 1, 3]).len(), 3);
        assert_eq!(increasing_run(&[]), Vec::<usize>::new());
        assert!(!written_bottom_up(&[0, 1, 2]));
        assert!(written_bottom_up(&[2, 1, 0]));
        // One swap of the ends still reads top-down.
        assert!(!written_bottom_up(&[6, 1, 2, 3, 4, 5, 0]));
        assert!(!written_bottom_up(&[0]));
    }
}
