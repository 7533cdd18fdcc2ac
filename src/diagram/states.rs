//! TCP state machines → state diagram SVG and state tables.
//!
//! The diagram is the machine lowered into the flowchart IR ([`state_chart`]): one rounded box
//! per state (`data-id` = the state as the author first wrote it), one edge per transition
//! labelled `event / action`, styled by its [`Path`]: the client path (active open, active
//! close) solid and thick in `--netfig-state-client`, the server path (passive open, passive
//! close) dashed in `--netfig-state-server`, other transitions thin in `--netfig-state-other`
//! (each `var(…)` with a literal fallback per theme, as the flowchart colours are). A legend
//! under the drawing says which is which. The layout, routing and SVG writer are the
//! flowchart's, so the SVG contract is the same; the root's class is `netfig netfig-states`.
//!
//! State notes go into the box's `<title>` tooltip (in the chosen language), keeping boxes as
//! small as Figure 5's. With `--lang zh` boxes show the Chinese state name only; protocol
//! tokens (`SYN`, `ACK`, `FIN`, `RST`, `TCB`, `2MSL`) stay as they are inside Chinese event and
//! action names, and the `data-id` attributes keep the author's spelling.

use super::table;
use crate::diagnostic::{has_errors, Diagnostic, Severity};
use crate::layout;
use crate::model::{
    Direction, Edge as FlowEdge, Endpoint, Flowchart, Label, LangChoice, Link, Marker, Node,
    NodeId, Shape, Stroke, Style,
};
use crate::render::{self, DiagramKind, LegendEntry, SvgOptions, Theme};
use crate::tcp::model::{Bilingual, StateMachine};
use crate::tcp::reference::Path;
use std::path::PathBuf;

/// What `states` produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum View {
    /// The state diagram (SVG).
    #[default]
    Diagram,
    /// The state table.
    Table,
    /// Both, diagram first.
    Both,
}

impl std::str::FromStr for View {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "diagram" => Ok(View::Diagram),
            "table" => Ok(View::Table),
            "both" => Ok(View::Both),
            _ => Err(format!(
                "unknown view `{s}` (expected diagram, table or both)"
            )),
        }
    }
}

impl View {
    /// Whether the view includes the diagram.
    pub fn has_diagram(self) -> bool {
        matches!(self, View::Diagram | View::Both)
    }
    /// Whether the view includes the table.
    pub fn has_table(self) -> bool {
        matches!(self, View::Table | View::Both)
    }
}

/// How a state table is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TableFormat {
    /// HTML through a handlebars template (`templates/state-table.html.hbs`).
    #[default]
    Html,
    /// A Markdown (GFM) table.
    Markdown,
}

impl std::str::FromStr for TableFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "html" => Ok(TableFormat::Html),
            "md" | "markdown" => Ok(TableFormat::Markdown),
            _ => Err(format!("unknown table format `{s}` (expected html or md)")),
        }
    }
}

/// What to do with the RFC 9293 check's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CheckMode {
    /// Findings that are errors stop rendering.
    #[default]
    Deny,
    /// Findings are returned as warnings (severity changed to [`Severity::Warning`]).
    Warn,
    /// The definition is not checked.
    Off,
}

impl std::str::FromStr for CheckMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "deny" => Ok(CheckMode::Deny),
            "warn" => Ok(CheckMode::Warn),
            "off" => Ok(CheckMode::Off),
            _ => Err(format!(
                "unknown check mode `{s}` (expected deny, warn or off)"
            )),
        }
    }
}

/// What the caller wants from a TCP state machine definition.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatesOptions {
    /// Which language(s) to show.
    pub lang: LangChoice,
    /// Colour theme of the diagram.
    pub theme: Theme,
    /// Id prefix for the SVG; `None` derives one from the source text.
    pub id_prefix: Option<String>,
    /// Diagram, table or both.
    pub view: View,
    /// Format of the table.
    pub table_format: TableFormat,
    /// A folder whose `state-table.html.hbs`, if present, replaces the built-in template.
    pub template_dir: Option<PathBuf>,
    /// How RFC 9293 check findings are treated.
    pub check: CheckMode,
}

/// A rendered state machine and the warnings met on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedStates {
    /// The state diagram (views `Diagram` and `Both`).
    pub svg: Option<String>,
    /// The state table (views `Table` and `Both`).
    pub table: Option<String>,
    /// The machine's title in the chosen language(s), on one line.
    pub title: Option<String>,
    /// Warnings (never errors); spans are byte offsets into the source.
    pub warnings: Vec<Diagnostic>,
}

/// Parses, checks (per [`StatesOptions::check`]) and renders a TCP state machine definition.
/// Syntax errors are always errors; every diagnostic's span is a byte range of `source`.
pub fn states(source: &str, options: &StatesOptions) -> Result<RenderedStates, Vec<Diagnostic>> {
    let (machine, diagnostics) = load(source, options.check)?;
    let svg = options
        .view
        .has_diagram()
        .then(|| diagram_svg(&machine, source, options));
    let table = if options.view.has_table() {
        Some(match options.table_format {
            TableFormat::Html => {
                table::html(&machine, options.lang, options.template_dir.as_deref())
                    .map_err(|d| vec![d])?
            }
            TableFormat::Markdown => table::markdown(&machine, options.lang),
        })
    } else {
        None
    };
    Ok(RenderedStates {
        svg,
        table,
        title: machine.title.as_ref().map(|t| one_line(t, options.lang)),
        warnings: diagnostics,
    })
}

/// Parses and checks `source` as `check` says: the machine and the remaining warnings, or every
/// diagnostic if any is an error.
pub fn load(
    source: &str,
    check: CheckMode,
) -> Result<(StateMachine, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (def, mut diagnostics) = crate::tcp::parse(source);
    let def = match def {
        Some(def) if !has_errors(&diagnostics) => def,
        _ => {
            diagnostics.sort_by_key(|d| (d.span.start, d.code));
            return Err(diagnostics);
        }
    };
    match check {
        CheckMode::Deny => diagnostics.extend(crate::tcp::check(&def)),
        CheckMode::Warn => diagnostics.extend(crate::tcp::check(&def).into_iter().map(|mut d| {
            d.severity = Severity::Warning;
            d
        })),
        CheckMode::Off => {}
    }
    diagnostics.sort_by_key(|d| (d.span.start, d.code));
    if has_errors(&diagnostics) {
        return Err(diagnostics);
    }
    Ok((StateMachine::new(&def), diagnostics))
}

/// The SVG of `machine` (laid out and rendered like a flowchart, with the legend).
pub fn diagram_svg(machine: &StateMachine, source: &str, options: &StatesOptions) -> String {
    let chart = state_chart(machine, options.lang, options.theme);
    let geometry = layout::layered::layout(&state_graph(machine, &chart));
    render::svg::flowchart(
        &chart,
        &geometry,
        &SvgOptions {
            theme: options.theme,
            id_prefix: options
                .id_prefix
                .clone()
                .unwrap_or_else(|| super::default_id_prefix(source)),
            kind: DiagramKind::States,
            legend: legend(machine, options.lang, options.theme),
        },
    )
}

/// The layout input of a state chart: the flowchart's, with client and server transitions
/// weighted so the two main paths run as straight as the layout can make them.
pub fn state_graph(machine: &StateMachine, chart: &Flowchart) -> layout::LayoutGraph {
    let mut g = layout::flowchart::graph(chart);
    for (e, t) in g.edges.iter_mut().zip(&machine.transitions) {
        e.weight = match t.path {
            Path::Client | Path::Server => 4.0,
            Path::Other => 1.0,
        };
    }
    g
}

/// `machine` as a flowchart (top to bottom, like Figure 5), labels already in `lang`, edge
/// colours' fallbacks for `theme`.
pub fn state_chart(machine: &StateMachine, lang: LangChoice, theme: Theme) -> Flowchart {
    let nodes = machine
        .states
        .iter()
        .map(|s| Node {
            id: s.written.clone(),
            label: s.names.label(lang),
            shape: Shape::Rounded,
            classes: Vec::new(),
            style: Style::default(),
            // A link without a usable href only carries its tooltip: the note.
            link: s.note.as_ref().map(|n| Link {
                href: String::new(),
                target: None,
                tooltip: Some(one_line(n, lang)),
            }),
            parent: None,
            span: Default::default(),
        })
        .collect();
    let edges = machine
        .transitions
        .iter()
        .map(|t| FlowEdge {
            id: None,
            from: Endpoint::Node(NodeId(t.from as u32)),
            to: Endpoint::Node(NodeId(t.to as u32)),
            label: t.caption().label(lang),
            stroke: Stroke::Normal,
            start: Marker::None,
            end: Marker::Arrow,
            min_len: 1,
            style: path_style(t.path, theme),
            classes: vec![format!("path-{}", t.path.name())],
            curve: None,
            animation: None,
            span: Default::default(),
        })
        .collect();
    let title = machine.title.as_ref().map(|t| one_line(t, lang));
    let descr = describe(machine, lang);
    Flowchart {
        direction: Direction::TopBottom,
        acc_title: title,
        acc_descr: Some(descr),
        nodes,
        edges,
        ..Flowchart::default()
    }
}

/// The CSS variable and its literal fallbacks (light, dark) for a path's colour.
fn path_color(path: Path, theme: Theme) -> String {
    let (var, light, dark) = match path {
        Path::Client => ("--netfig-state-client", "#1f6feb", "#58a6ff"),
        Path::Server => ("--netfig-state-server", "#c2410c", "#f0883e"),
        Path::Other => ("--netfig-state-other", "#8c8c8c", "#8b949e"),
    };
    let fallback = match theme {
        Theme::Light => light,
        Theme::Dark => dark,
    };
    format!("var({var},{fallback})")
}

/// The line style of a transition on `path`.
pub fn path_style(path: Path, theme: Theme) -> Style {
    let mut declarations = vec![("stroke".to_string(), path_color(path, theme))];
    let extra: &[(&str, &str)] = match path {
        Path::Client => &[("stroke-width", "2.5px")],
        Path::Server => &[("stroke-width", "2px"), ("stroke-dasharray", "8 4")],
        Path::Other => &[("stroke-width", "1.25px")],
    };
    declarations.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Style { declarations }
}

/// Legend entries for the paths `machine` uses, client, server, other.
pub fn legend(machine: &StateMachine, lang: LangChoice, theme: Theme) -> Vec<LegendEntry> {
    [Path::Client, Path::Server, Path::Other]
        .into_iter()
        .filter(|p| machine.transitions.iter().any(|t| t.path == *p))
        .map(|p| {
            let (zh, en) = match p {
                Path::Client => (
                    "客户端路径（主动打开、主动关闭）",
                    "client path (active open, active close)",
                ),
                Path::Server => (
                    "服务器路径（被动打开、被动关闭）",
                    "server path (passive open, passive close)",
                ),
                Path::Other => ("其他转换", "other transitions"),
            };
            LegendEntry {
                label: bi(zh, en).label(lang),
                style: path_style(p, theme),
            }
        })
        .collect()
}

fn bi(zh: &str, en: &str) -> Bilingual {
    Bilingual {
        en: en.to_string(),
        zh: zh.to_string(),
    }
}

/// The accessible description: counts and the meaning of the line styles.
fn describe(machine: &StateMachine, lang: LangChoice) -> String {
    let (n, m) = (machine.states.len(), machine.transitions.len());
    let text = bi(
        &format!("{n} 个状态，{m} 个转换。客户端路径为蓝色实线，服务器路径为橙色虚线，其他转换为灰色细线。"),
        &format!("{n} states, {m} transitions. Client path: solid blue lines; server path: dashed orange lines; other transitions: thin grey lines."),
    );
    one_line(&text, lang)
}

/// A bilingual text in `lang`, lines joined with a space.
fn one_line(text: &Bilingual, lang: LangChoice) -> String {
    let label: Label = text.label(lang);
    label
        .lines
        .iter()
        .map(|l| l.text())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parse() {
        assert_eq!("Table".parse::<View>(), Ok(View::Table));
        assert!("chart".parse::<View>().is_err());
        assert_eq!("md".parse::<TableFormat>(), Ok(TableFormat::Markdown));
        assert_eq!("warn".parse::<CheckMode>(), Ok(CheckMode::Warn));
        assert!(View::Both.has_diagram() && View::Both.has_table());
    }

    #[test]
    fn warn_mode_downgrades_findings_and_keeps_spans() {
        let src = "machine: tcp\ntransitions:\n  - { from: ESTABLISHED, event: CLOSE, action: snd FIN, to: TIME-WAIT }\n";
        let errs = states(src, &StatesOptions::default()).unwrap_err();
        assert_eq!(errs[0].code, "E-TCP-004");
        let span = errs[0].span;
        assert!(span.start < span.end && span.end <= src.len(), "{span:?}");
        let opts = StatesOptions {
            check: CheckMode::Warn,
            ..StatesOptions::default()
        };
        let r = states(src, &opts).unwrap();
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(r.warnings[0].severity, Severity::Warning);
        assert_eq!(r.warnings[0].span, span);
        assert!(r.svg.is_some() && r.table.is_none());
        let off = StatesOptions {
            check: CheckMode::Off,
            ..StatesOptions::default()
        };
        assert!(states(src, &off).unwrap().warnings.is_empty());
        // Syntax errors stay errors whatever the mode.
        assert!(states("machine: tcp\ntransitions: [", &off).is_err());
    }
}
