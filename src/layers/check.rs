//! A layer diagram checked against the built-in models and the reference mappings:
//! [`LayerDiagram`] × [`reference`](super::reference) × [`mapping`](super::mapping) → findings
//! at the line of the node or edge, each with the reference as its hint. It never sees syntax.
//!
//! - a mapping edge no source holds (`A4 --> B2`: OSI Transport → TCP/IP Internet);
//! - a layer declared out of its model's order (the stack read top-down or bottom-up, as most
//!   of it is written);
//! - a layer of another model named inside a stack (`Internet Layer` in the OSI subgraph), with
//!   the layers of this model it corresponds to;
//! - a node whose name is one typo away from a layer's (warning);
//! - in a comparison of different models (or under `check: layers`): a layer missing from a
//!   stack, and a layer mapped to nothing in a model its stack is mapped to (warnings).

use super::mapping::{accepts, counterparts, describe};
use super::recognize::{check_says, increasing_run, places, Names};
use super::reference::{Model, MODELS};
use crate::diagnostic::codes::lyr as codes;
use crate::diagnostic::{suggest_by, Diagnostic};
use crate::model::{Endpoint, Flowchart, LayerDiagram, NodeId};
use std::collections::BTreeSet;

/// One model of the diagram as the check sees it.
struct Stack<'d> {
    /// Index into [`MODELS`], if recognised.
    reference: Option<usize>,
    /// The layers, top first, each with the reference position it names (if any).
    layers: Vec<(NodeId, Option<usize>)>,
    written_bottom_up: bool,
    model: &'d crate::model::LayerModel,
}

/// Every finding of `diagram` (recognised in `chart`).
pub fn check(chart: &Flowchart, diagram: &LayerDiagram) -> Vec<Diagnostic> {
    let names = Names::new();
    let stacks: Vec<Stack<'_>> = diagram
        .models
        .iter()
        .map(|m| {
            let reference = m
                .reference
                .and_then(|k| MODELS.iter().position(|x| x.key == k));
            let layers = m
                .layers
                .iter()
                .map(|&n| {
                    let named = reference.and_then(|r| names.label_names(label(chart, n), r));
                    (n, named)
                })
                .collect();
            Stack {
                reference,
                layers,
                written_bottom_up: m.written_bottom_up,
                model: m,
            }
        })
        .collect();
    let mut kinds: Vec<usize> = stacks.iter().filter_map(|s| s.reference).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let comparison = kinds.len() > 1 || check_says(chart, "layers");
    let mut out = Vec::new();
    for stack in &stacks {
        let Some(r) = stack.reference else { continue };
        order(chart, stack, MODELS[r], &mut out);
        let misspelt = names_in_stack(chart, stack, r, &names, &mut out);
        if comparison {
            missing(chart, stack, MODELS[r], &misspelt, &mut out);
        }
    }
    let ends = Ends {
        places: places(chart, diagram),
        stacks: &stacks,
    };
    mappings(chart, diagram, &ends, &mut out);
    if comparison {
        unmapped(chart, diagram, &ends, &mut out);
    }
    crate::diagnostic::sort(&mut out);
    out
}

fn label(chart: &Flowchart, n: NodeId) -> &crate::model::Label {
    &chart.nodes[n.index()].label
}

/// A node as messages show it: its label on one line.
fn shown(chart: &Flowchart, n: NodeId) -> String {
    let node = &chart.nodes[n.index()];
    let text = node.label.one_line();
    if text.trim().is_empty() {
        node.id.clone()
    } else {
        text
    }
}

/// Layers out of the model's order: those outside the longest run in order (the first node of
/// each layer only; a repeated layer is not an ordering error).
fn order(chart: &Flowchart, stack: &Stack<'_>, model: &Model, out: &mut Vec<Diagnostic>) {
    let mut seen = vec![false; model.layers.len()];
    let named: Vec<(NodeId, usize)> = stack
        .layers
        .iter()
        .filter_map(|&(n, p)| p.map(|p| (n, p)))
        .filter(|&(_, p)| !std::mem::replace(&mut seen[p], true))
        .collect();
    let positions: Vec<usize> = named.iter().map(|&(_, p)| p).collect();
    let mut in_order = vec![false; named.len()];
    for i in increasing_run(&positions) {
        in_order[i] = true;
    }
    // Two layers that trade places: both are reported, each naming the other.
    let mut sorted = positions.clone();
    sorted.sort_unstable();
    let moved: Vec<usize> = (0..positions.len())
        .filter(|&i| positions[i] != sorted[i])
        .collect();
    let swapped_with = |i: usize| match *moved.as_slice() {
        [x, y] if i == x => Some(y),
        [x, y] if i == y => Some(x),
        _ => None,
    };
    if let [x, y] = moved.as_slice() {
        in_order.fill(true);
        in_order[*x] = false;
        in_order[*y] = false;
    }
    let written = if stack.written_bottom_up {
        "bottom-up (physical side first)"
    } else {
        "top-down (application side first)"
    };
    for (i, &(n, p)) in named.iter().enumerate() {
        if in_order[i] {
            continue;
        }
        let layer = &model.layers[p];
        let neighbours: Vec<String> = [p.checked_sub(1), Some(p + 1)]
            .into_iter()
            .flatten()
            .filter_map(|q| model.layers.get(q))
            .map(|l| format!("`{}`", l.en))
            .collect();
        let place = match neighbours.as_slice() {
            [above, below] => format!("between {above} and {below}"),
            [one] if p == 0 => format!("on top, above {one}"),
            [one] => format!("at the bottom, below {one}"),
            _ => String::new(),
        };
        let what = match swapped_with(i) {
            Some(j) => format!("is swapped with `{}`", shown(chart, named[j].0)),
            None => "is out of order".to_string(),
        };
        out.push(
            Diagnostic::error(
                codes::OUT_OF_ORDER,
                chart.nodes[n.index()].span,
                format!(
                    "`{}` {what} in the {} stack: its {} layer belongs {place}",
                    shown(chart, n),
                    model.name,
                    layer.en
                ),
            )
            .with_hint(format!(
                "this stack is written {written}; {}",
                model.layers_hint()
            )),
        );
    }
}

/// Label lines naming a layer of another model, and names one typo from a layer's; the
/// positions of the layers those stand for (reported already, so not missing too).
fn names_in_stack(
    chart: &Flowchart,
    stack: &Stack<'_>,
    r: usize,
    names: &Names,
    out: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let model = MODELS[r];
    let mut misspelt = Vec::new();
    for &(n, named) in &stack.layers {
        let lines: Vec<String> = label(chart, n)
            .lines
            .iter()
            .filter(|l| !l.rule)
            .map(|l| l.text())
            .collect();
        let foreign = lines.iter().find_map(|line| {
            if names.line_names(line, r).is_some() {
                return None;
            }
            (0..MODELS.len())
                .filter(|&o| o != r)
                .find_map(|o| names.line_names(line, o).map(|p| (line, o, p)))
        });
        if let Some((line, o, p)) = foreign {
            let other = MODELS[o];
            let theirs = &other.layers[p];
            let cps = counterparts(other, theirs.key, model);
            let mut d = Diagnostic::error(
                codes::FOREIGN_LAYER,
                chart.nodes[n.index()].span,
                format!(
                    "`{}` names the {} layer of {}, which the {} model does not have",
                    line.trim(),
                    theirs.en,
                    other.name,
                    model.name
                ),
            );
            if let [one] = cps.as_slice() {
                misspelt.extend(model.position(one.layer.key));
            }
            if !cps.is_empty() {
                let wanted: Vec<String> = cps
                    .iter()
                    .map(|c| format!("`{} Layer` ({})", c.layer.en, c.layer.zh))
                    .collect();
                d = d.with_hint(format!(
                    "did you mean {}? {} {} corresponds to {}",
                    wanted.join(" or "),
                    other.name,
                    theirs.en,
                    describe(model, &cps)
                ));
            }
            out.push(d.with_hint(model.layers_hint()));
            continue;
        }
        if named.is_some() {
            continue;
        }
        let near = lines.iter().find_map(|line| {
            let key = super::reference::names::normal(line);
            suggest_by(&key, names.of(r).iter().map(|(p, s)| (*p, s.as_str()))).map(|p| (line, p))
        });
        if let Some((line, p)) = near {
            misspelt.push(p);
            let layer = &model.layers[p];
            out.push(
                Diagnostic::warning(
                    codes::MISSPELT_LAYER,
                    chart.nodes[n.index()].span,
                    format!(
                        "`{}` in the {} stack names no layer",
                        line.trim(),
                        model.name
                    ),
                )
                .with_hint(format!("did you mean `{} Layer` ({})?", layer.en, layer.zh)),
            );
        }
    }
    misspelt
}

/// Layers of the model that no node of the stack names (nor a misspelt or foreign name stands
/// for): one warning at the subgraph.
fn missing(
    chart: &Flowchart,
    stack: &Stack<'_>,
    model: &Model,
    misspelt: &[usize],
    out: &mut Vec<Diagnostic>,
) {
    let named: Vec<usize> = stack.layers.iter().filter_map(|&(_, p)| p).collect();
    let absent: Vec<String> = model
        .layers
        .iter()
        .enumerate()
        .filter(|(i, _)| !named.contains(i) && !misspelt.contains(i))
        .map(|(_, l)| format!("`{}`", l.both()))
        .collect();
    if absent.is_empty() {
        return;
    }
    let cluster = &chart.clusters[stack.model.cluster.index()];
    let layers = if absent.len() == 1 { "layer" } else { "layers" };
    out.push(
        Diagnostic::warning(
            codes::MISSING_LAYER,
            cluster.span,
            format!(
                "the {} stack `{}` has no {layers} {}",
                model.name,
                cluster.title.one_line(),
                absent.join(", ")
            ),
        )
        .with_hint(model.layers_hint()),
    );
}

/// Where each node sits: [`places`] of the diagram, and the stacks.
struct Ends<'s, 'd> {
    places: Vec<Option<(usize, usize)>>,
    stacks: &'s [Stack<'d>],
}

impl Ends<'_, '_> {
    /// The stack holding `end` and the reference position its node names.
    fn of(&self, end: Endpoint) -> Option<(usize, NodeId, Option<usize>)> {
        let Endpoint::Node(n) = end else { return None };
        let (m, l) = (*self.places.get(n.index())?)?;
        Some((m, n, self.stacks[m].layers[l].1))
    }
}

/// Mapping edges that no source holds.
fn mappings(
    chart: &Flowchart,
    diagram: &LayerDiagram,
    ends: &Ends<'_, '_>,
    out: &mut Vec<Diagnostic>,
) {
    let stacks = ends.stacks;
    for &e in &diagram.mappings {
        let edge = &chart.edges[e.index()];
        let (Some((ma, na, Some(pa))), Some((mb, nb, Some(pb)))) =
            (ends.of(edge.from), ends.of(edge.to))
        else {
            continue;
        };
        let (Some(ra), Some(rb)) = (stacks[ma].reference, stacks[mb].reference) else {
            continue;
        };
        let (a, b) = (MODELS[ra], MODELS[rb]);
        let (la, lb) = (&a.layers[pa], &b.layers[pb]);
        if accepts(a, la.key, b, lb.key) != Some(false) {
            continue;
        }
        let forward = counterparts(a, la.key, b);
        let backward = counterparts(b, lb.key, a);
        let mut d = Diagnostic::error(
            codes::WRONG_MAPPING,
            edge.span,
            format!(
                "`{} → {}` maps {} {} to {} {}, which no reference mapping holds",
                chart.nodes[na.index()].id,
                chart.nodes[nb.index()].id,
                a.name,
                la.en,
                b.name,
                lb.en
            ),
        );
        if !forward.is_empty() {
            d = d.with_hint(format!(
                "{} {} corresponds to {}",
                a.name,
                la.both(),
                describe(b, &forward)
            ));
        }
        if !backward.is_empty() {
            d = d.with_hint(format!(
                "{} {} corresponds to {}",
                b.name,
                lb.both(),
                describe(a, &backward)
            ));
        }
        out.push(d);
    }
}

/// Layers mapped to no layer of a model (of another kind) their stack has mappings to.
fn unmapped(
    chart: &Flowchart,
    diagram: &LayerDiagram,
    ends: &Ends<'_, '_>,
    out: &mut Vec<Diagnostic>,
) {
    let stacks = ends.stacks;
    // linked[m][o]: whether a mapping joins stacks m and o; touched[m][o]: the nodes of m
    // that one joins to o.
    let k = stacks.len();
    let mut linked = vec![vec![false; k]; k];
    let mut touched: Vec<Vec<BTreeSet<NodeId>>> = vec![vec![BTreeSet::new(); k]; k];
    for &e in &diagram.mappings {
        let edge = &chart.edges[e.index()];
        if let (Some((ma, na, _)), Some((mb, nb, _))) = (ends.of(edge.from), ends.of(edge.to)) {
            linked[ma][mb] = true;
            linked[mb][ma] = true;
            touched[ma][mb].insert(na);
            touched[mb][ma].insert(nb);
        }
    }
    for (m, stack) in stacks.iter().enumerate() {
        let Some(r) = stack.reference else { continue };
        for (o, other) in stacks.iter().enumerate() {
            let Some(ro) = other.reference else { continue };
            if o == m || ro == r || !linked[m][o] {
                continue;
            }
            for &(n, p) in &stack.layers {
                let Some(p) = p else { continue };
                if touched[m][o].contains(&n) {
                    continue;
                }
                let (a, b) = (MODELS[r], MODELS[ro]);
                let layer = &a.layers[p];
                let cps = counterparts(a, layer.key, b);
                let mut d = Diagnostic::warning(
                    codes::UNMAPPED_LAYER,
                    chart.nodes[n.index()].span,
                    format!(
                        "`{}` ({} {}) is mapped to no layer of the {} stack `{}`",
                        shown(chart, n),
                        a.name,
                        layer.en,
                        b.name,
                        chart.clusters[other.model.cluster.index()].title.one_line()
                    ),
                );
                if !cps.is_empty() {
                    d = d.with_hint(format!("it corresponds to {}", describe(b, &cps)));
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests;
