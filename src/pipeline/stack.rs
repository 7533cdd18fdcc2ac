//! The stack view of a flowchart (`view=stack`): a layer diagram drawn as the textbook's
//! stacks ([`crate::layout::stack`], [`crate::render::svg::stack`]), or an error that says why
//! the flowchart is not one.

use super::{id_prefix, shown_title, Options, Output};
use crate::diagnostic::{codes, Diagnostic, Span};
use crate::model::{Flowchart, LayerDiagram};
use crate::render::{DiagramKind, SvgOptions};
use crate::{layout, render};

/// The stack view of `chart` (parsed from `source`, not yet reduced to a language) whose
/// layer diagram recognition found (`None`: it is not one), with the parser's `warnings`.
pub(super) fn draw(
    source: &str,
    chart: &Flowchart,
    diagram: Option<LayerDiagram>,
    warnings: Vec<Diagnostic>,
    options: &Options,
) -> Result<Output, Vec<Diagnostic>> {
    let Some(diagram) = diagram else {
        let mut all = warnings;
        all.push(not_a_layer_diagram(chart));
        crate::diagnostic::sort(&mut all);
        return Err(all);
    };
    let chart = chart.select_lang(options.lang);
    let geometry = layout::stack::layout(&chart, &diagram);
    let svg = render::svg::stack(
        &chart,
        &geometry,
        &SvgOptions {
            theme: options.theme,
            id_prefix: id_prefix(source, options),
            kind: DiagramKind::Stack,
            ..SvgOptions::default()
        },
    );
    Ok(Output {
        svg: Some(svg),
        table: None,
        title: shown_title(chart.title.as_ref(), chart.acc_title.as_ref()),
        warnings,
    })
}

/// Why `chart` has no stack view: at its first subgraph (or the top), what recognition needs
/// and what subgraphs the chart has.
pub(super) fn not_a_layer_diagram(chart: &Flowchart) -> Diagnostic {
    let span = chart.clusters.first().map_or(Span::default(), |c| c.span);
    let members = |c: usize| {
        chart
            .nodes
            .iter()
            .filter(|n| n.parent.is_some_and(|p| p.index() == c))
            .count()
    };
    let listed: Vec<String> = chart
        .clusters
        .iter()
        .enumerate()
        .take(8)
        .map(|(i, c)| match members(i) {
            1 => format!("`{}` (1 node)", c.id),
            n => format!("`{}` ({n} nodes)", c.id),
        })
        .collect();
    let more = chart.clusters.len().saturating_sub(listed.len());
    let has = match chart.clusters.len() {
        0 => "this flowchart has no subgraph".to_string(),
        n => format!(
            "this flowchart has {n} subgraph{}: {}{}",
            if n == 1 { "" } else { "s" },
            listed.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ),
    };
    Diagnostic::error(
        codes::mmd::NOT_LAYER_DIAGRAM,
        span,
        format!("view=stack draws layer diagrams, and this flowchart is not one: {has}"),
    )
    .with_hint("a layer diagram has two or more subgraphs that are layer models: most of a subgraph's nodes (at least three) name the layers of one built-in model — OSI, TCP/IP or the five-layer model — in Chinese or English (`传输层`, `Transport Layer`, `Network Interface Layer`, `Link`, …)")
    .with_hint("front matter `check: layers` reads every subgraph with nodes as a model; without `view=stack` the flowchart is drawn as a flowchart")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClusterId, LangChoice, LayerModel};

    const SRC: &str = "flowchart TD\nsubgraph L\nA[应用层<br>Application]\nend\nsubgraph R\nB[应用层<br>Application]\nC[x]\nend\nA --> B\n";

    #[test]
    fn a_chart_that_is_no_layer_diagram_names_its_subgraphs_and_what_is_needed() {
        let (chart, _) = crate::mermaid::flowchart(SRC);
        let errs = draw(SRC, &chart, None, Vec::new(), &Options::default()).unwrap_err();
        assert_eq!(errs.len(), 1);
        let e = &errs[0];
        assert_eq!(e.code, codes::mmd::NOT_LAYER_DIAGRAM);
        assert_eq!(&SRC[e.span.start..e.span.end], "subgraph");
        assert!(
            e.message
                .ends_with("2 subgraphs: `L` (1 node), `R` (2 nodes)"),
            "{}",
            e.message
        );
        assert!(e.hints.iter().any(|h| h.contains("Transport Layer")));
        let (none, _) = crate::mermaid::flowchart("flowchart LR\nA --> B\n");
        assert!(not_a_layer_diagram(&none).message.ends_with("no subgraph"));
    }

    #[test]
    fn a_layer_diagram_is_drawn_in_the_chosen_language() {
        let (chart, _) = crate::mermaid::flowchart(SRC);
        let model = |c: usize, ids: &[&str]| LayerModel {
            cluster: ClusterId::new(c),
            layers: ids.iter().map(|i| chart.node_by_id(i).unwrap()).collect(),
            written_bottom_up: false,
            reference: None,
        };
        let diagram = LayerDiagram {
            models: vec![model(0, &["A"]), model(1, &["B", "C"])],
            mappings: vec![crate::model::EdgeId::new(0)],
        };
        let options = Options {
            lang: LangChoice::En,
            ..Options::default()
        };
        let out = draw(SRC, &chart, Some(diagram), Vec::new(), &options).unwrap();
        let svg = out.svg.unwrap();
        assert!(svg.contains("netfig-stack") && svg.contains("Application"));
        assert!(!svg.contains("应用层"));
        assert!(svg.starts_with(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{}\"",
            super::super::default_id_prefix(SRC)
        )));
    }
}
