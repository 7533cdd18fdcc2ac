//! A TCP state machine lowered into the flowchart IR: the state diagram's data, no geometry.
//!
//! One rounded box per state (`id` = the state as the author first wrote it), one edge per
//! transition labelled `event / action`, styled by its [`Path`]: the client path (active open,
//! active close) solid and thick in `--netfig-state-client`, the server path (passive open,
//! passive close) dashed in `--netfig-state-server`, other transitions thin in
//! `--netfig-state-other` (each `var(…)` with a literal fallback per theme, as the flowchart
//! colours are). The legend entries say which is which; the edge weights ask the layout to run
//! the client and server paths straight.
//!
//! State notes go into the box's tooltip (in the chosen language), keeping boxes as small as
//! Figure 5's. With `--lang zh` boxes show the Chinese state name only; protocol tokens (`SYN`,
//! `ACK`, `FIN`, `RST`, `TCB`, `2MSL`) stay as they are inside Chinese event and action names.

use super::model::{Bilingual, StateMachine};
use super::reference::Path;
use crate::model::{
    Direction, Edge as FlowEdge, Endpoint, Flowchart, LangChoice, LegendEntry, Link, Marker, Node,
    NodeId, Shape, Stroke, Style, Theme,
};

/// A state machine as a diagram: the chart, one layout weight per edge (same order), and the
/// legend explaining the edge styles.
#[derive(Debug, Clone, PartialEq)]
pub struct StateDiagram {
    /// The machine as a flowchart, labels already in the chosen language.
    pub chart: Flowchart,
    /// Importance of each edge for straightening: client and server paths weigh more.
    pub weights: Vec<f64>,
    /// One entry per path the machine uses.
    pub legend: Vec<LegendEntry>,
}

/// Lowers `machine` for `lang`, with edge colours' fallbacks for `theme`.
pub fn state_diagram(machine: &StateMachine, lang: LangChoice, theme: Theme) -> StateDiagram {
    StateDiagram {
        chart: state_chart(machine, lang, theme),
        weights: machine
            .transitions
            .iter()
            .map(|t| match t.path {
                Path::Client | Path::Server => 4.0,
                Path::Other => 1.0,
            })
            .collect(),
        legend: legend(machine, lang, theme),
    }
}

/// `machine` as a flowchart (top to bottom, like Figure 5), labels already in `lang`, edge
/// colours' fallbacks for `theme`.
fn state_chart(machine: &StateMachine, lang: LangChoice, theme: Theme) -> Flowchart {
    let nodes = machine
        .states
        .iter()
        .map(|s| Node {
            id: s.written.clone(),
            label: s.names.label().select(lang),
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
            from: Endpoint::Node(NodeId::new(t.from)),
            to: Endpoint::Node(NodeId::new(t.to)),
            label: t.label().select(lang),
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
fn legend(machine: &StateMachine, lang: LangChoice, theme: Theme) -> Vec<LegendEntry> {
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
                label: bi(zh, en).label().select(lang),
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
pub fn one_line(text: &Bilingual, lang: LangChoice) -> String {
    text.label().select(lang).one_line()
}
