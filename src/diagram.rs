//! The whole pipeline for one diagram source: syntax → model → layout → render.
//! This is the library's main entry point; the CLI and the mdBook preprocessor call it.

use crate::diagnostic::{has_errors, Diagnostic};
use crate::model::{Flowchart, LangChoice};
use crate::render::{SvgOptions, Theme};
use crate::{layout, model, render, syntax};

/// What the caller wants.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    /// Which label lines to keep.
    pub lang: LangChoice,
    /// Colour theme.
    pub theme: Theme,
    /// Id prefix for the SVG; `None` derives one from the source text, so output stays
    /// byte-identical for identical input.
    pub id_prefix: Option<String>,
}

/// A rendered diagram and the warnings met on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The SVG document (no XML prolog, no blank lines).
    pub svg: String,
    /// Warnings (never errors).
    pub warnings: Vec<Diagnostic>,
    /// The diagram's title (front matter `title`, else `accTitle`), for captions.
    pub title: Option<String>,
}

/// Parses and validates a flowchart; errors and warnings come back together.
pub fn parse_flowchart(source: &str) -> (Flowchart, Vec<Diagnostic>) {
    let (doc, mut diagnostics) = syntax::flowchart::parse(source);
    let (chart, more) = model::lower::flowchart(&doc);
    diagnostics.extend(more);
    (chart, diagnostics)
}

/// Lays out an already-parsed flowchart (after language selection): the layered layout,
/// then its routes straightened ([`layout::straighten`]).
pub fn layout_flowchart(chart: &Flowchart) -> layout::Layout {
    let graph = layout::flowchart::graph(chart);
    let mut geometry = layout::layered::layout(&graph);
    layout::straighten::straighten(&graph, &mut geometry);
    layout::layered::place_titles(&graph, &mut geometry);
    geometry
}

/// Renders mermaid flowchart `source` to SVG, or returns every diagnostic if any is an error.
pub fn flowchart_svg(source: &str, options: &Options) -> Result<Rendered, Vec<Diagnostic>> {
    let (chart, diagnostics) = parse_flowchart(source);
    if has_errors(&diagnostics) {
        return Err(diagnostics);
    }
    let chart = chart.select_lang(options.lang);
    let title = chart
        .title
        .as_ref()
        .map(|t| t.text().replace('\n', " "))
        .or_else(|| chart.acc_title.clone());
    let geometry = layout_flowchart(&chart);
    let id_prefix = options
        .id_prefix
        .clone()
        .unwrap_or_else(|| default_id_prefix(source));
    let svg = render::svg::flowchart(
        &chart,
        &geometry,
        &SvgOptions {
            theme: options.theme,
            id_prefix,
            ..SvgOptions::default()
        },
    );
    Ok(Rendered {
        svg,
        warnings: diagnostics,
        title,
    })
}

/// `nf-` and eight hex digits of an FNV-1a hash of the source: stable across runs and
/// machines, different for different diagrams on one page.
pub fn default_id_prefix(source: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in source.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("nf-{:08x}", (h >> 32) as u32)
}

mod states;
pub mod table;
pub mod template;

pub use states::{
    diagram_svg, legend, load, path_style, state_chart, state_graph, states, CheckMode,
    RenderedStates, StatesOptions, TableFormat, View,
};
