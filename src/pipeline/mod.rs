//! The whole pipeline for one diagram source, the library's main entry point: [`compile`] takes
//! the text and one [`Options`], runs the front end of its [`Kind`] (text → IR, with the checks
//! against the references), the layout (IR → geometry) and the writers (SVG, tables), and
//! hands back an [`Output`]. The CLI, the mdBook preprocessor, the benches and the conformance
//! tests all call it.

mod glossary;
mod options;
mod stack;

pub use glossary::{read_glossary, GlossaryError};
pub use options::{parse_value, CheckMode, Options, TableFormat, View};

use crate::diagnostic::{has_errors, Diagnostic, Severity};
use crate::glossary::apply::{self as translate, Translator};
use crate::model::sequence::SequenceCheck;
use crate::model::{Flowchart, Label, LangChoice, Sequence, StateTable};
use crate::render::{DiagramKind, SvgOptions};
use crate::tcp::StateMachine;
use crate::{layout, mermaid, render, tcp};
use std::path::Path;

/// The kinds of diagram netfig reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// A mermaid flowchart (`.mmd`, `.mermaid`).
    Flowchart,
    /// A TCP state machine in YAML (`.yaml`, `.yml`), checked against RFC 9293.
    TcpStates,
    /// A mermaid sequence diagram (`.mmd`, `.mermaid` whose header is `sequenceDiagram`).
    Sequence,
    /// A mermaid packet diagram (`.mmd`, `.mermaid` whose header is `packet` or
    /// `packet-beta`).
    Packet,
}

impl Kind {
    /// The kind a file extension names, if any.
    pub fn from_extension(ext: &str) -> Option<Kind> {
        match ext {
            "mmd" | "mermaid" => Some(Kind::Flowchart),
            "yaml" | "yml" => Some(Kind::TcpStates),
            _ => None,
        }
    }
    /// The kind of `text` by its content: a mermaid flowchart or sequence diagram header, or a
    /// YAML mapping with a top-level `transitions:` key. Unknown text is a flowchart (its
    /// errors say why).
    pub fn detect(text: &str) -> Kind {
        if mermaid::syntax::is_flowchart(text) {
            Kind::Flowchart
        } else if mermaid::syntax::sequence::is_sequence(text) {
            Kind::Sequence
        } else if mermaid::syntax::packet::is_packet(text) {
            Kind::Packet
        } else if text
            .lines()
            .any(|l| l.starts_with("transitions:") || l.starts_with("\"transitions\":"))
        {
            Kind::TcpStates
        } else {
            Kind::Flowchart
        }
    }
    /// By `path`'s extension, else by content ([`Kind::detect`]); a mermaid file by its
    /// header ([`Kind::refine`]).
    pub fn of(path: &Path, text: &str) -> Kind {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Kind::from_extension)
            .map_or_else(|| Kind::detect(text), |k| k.refine(text))
    }
    /// A mermaid kind made precise by the text's header: a [`Kind::Flowchart`] (what a `.mmd`
    /// file or a ```` ```mermaid ```` fence says) whose header is `sequenceDiagram` is a
    /// [`Kind::Sequence`], one whose header is `packet` or `packet-beta` a [`Kind::Packet`];
    /// every other kind stays.
    pub fn refine(self, text: &str) -> Kind {
        if self != Kind::Flowchart {
            self
        } else if mermaid::syntax::sequence::is_sequence(text) {
            Kind::Sequence
        } else if mermaid::syntax::packet::is_packet(text) {
            Kind::Packet
        } else {
            self
        }
    }
}

/// A compiled diagram and the warnings met on the way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Output {
    /// The drawing (no XML prolog, no blank lines), when the view includes it.
    pub svg: Option<String>,
    /// The table (state machines, views `Table` and `Both`), in the chosen format.
    pub table: Option<String>,
    /// The diagram's title on one line, in the chosen language(s), for captions.
    pub title: Option<String>,
    /// Warnings (never errors); spans are byte ranges of the source.
    pub warnings: Vec<Diagnostic>,
}

/// The reference `source` is checked against as a `kind` diagram, in words (`RFC 9293` for a
/// TCP state machine, `RFC 9293, both endpoints` for a TCP exchange, the header's RFC for a
/// packet diagram, `layer models` for a layer diagram), or `None` when nothing but its syntax
/// is checked: a plain flowchart or sequence diagram, a packet diagram of no known header, or
/// front matter `check: off`. Invalid sources have none.
pub fn reference_of(source: &str, kind: Kind) -> Option<String> {
    match kind.refine(source) {
        Kind::TcpStates => Some("RFC 9293".to_string()),
        Kind::Sequence => {
            let (seq, _) = mermaid::sequence(source).ok()?;
            (seq.check == Some(SequenceCheck::Tcp)).then(|| "RFC 9293, both endpoints".to_string())
        }
        Kind::Packet => {
            let (p, _) = mermaid::packet(source).ok()?;
            let (header, _) = crate::packet::select(&p);
            header.map(|h| format!("{} header ({})", h.name, h.source))
        }
        Kind::Flowchart => {
            let (chart, diagnostics) = mermaid::flowchart(source);
            let off = chart
                .check
                .as_ref()
                .is_some_and(|(v, _)| v.trim().eq_ignore_ascii_case("off"));
            (!has_errors(&diagnostics) && !off && crate::layers::recognize(&chart).is_some())
                .then(|| "layer models (OSI, TCP/IP, five-layer)".to_string())
        }
    }
}

/// Compiles `source` as a `kind` diagram: the output, or every diagnostic if any is an error.
pub fn compile(source: &str, kind: Kind, options: &Options) -> Result<Output, Vec<Diagnostic>> {
    match kind.refine(source) {
        Kind::Flowchart => flowchart(source, options),
        Kind::TcpStates => states(source, options),
        Kind::Sequence => sequence(source, options),
        Kind::Packet => packet(source, options),
    }
}

/// Checks `source` as a `kind` diagram without drawing it: every diagnostic (errors, warnings
/// and the findings of the checks against the references), in source order.
pub fn check(source: &str, kind: Kind) -> Vec<Diagnostic> {
    match kind.refine(source) {
        Kind::Flowchart => {
            let (chart, mut diagnostics) = mermaid::flowchart(source);
            if !has_errors(&diagnostics) {
                with_findings(&mut diagnostics, crate::layers::findings(&chart));
            }
            diagnostics
        }
        Kind::TcpStates => tcp::check_source(source),
        Kind::Sequence => match mermaid::sequence(source) {
            Ok((seq, mut diagnostics)) => {
                diagnostics.extend(exchange_findings(&seq, source, CheckMode::Deny));
                crate::diagnostic::sort(&mut diagnostics);
                diagnostics
            }
            Err(diagnostics) => diagnostics,
        },
        Kind::Packet => match mermaid::packet(source) {
            Ok((p, mut warnings)) => {
                warnings.extend(crate::packet::findings(&p));
                crate::diagnostic::sort(&mut warnings);
                warnings
            }
            Err(diagnostics) => diagnostics,
        },
    }
}

/// The warnings `compile` gives for label lines it cannot translate into `options.lang`
/// (`W-LANG-001`, see [`crate::glossary`]), without drawing anything: what `netfig check
/// --lang` adds to [`check`]. None for `both`, or when the source has errors (`check` reports
/// those).
pub fn untranslated(source: &str, kind: Kind, options: &Options) -> Vec<Diagnostic> {
    if options.lang == LangChoice::Both {
        return Vec::new();
    }
    match kind.refine(source) {
        Kind::Flowchart => {
            let (mut chart, d) = mermaid::flowchart(source);
            if has_errors(&d) {
                return Vec::new();
            }
            translated(source, options, |t| translate::flowchart(&mut chart, t))
        }
        Kind::Sequence => match mermaid::sequence(source) {
            Ok((mut seq, _)) => translated(source, options, |t| translate::sequence(&mut seq, t)),
            Err(_) => Vec::new(),
        },
        Kind::Packet => match mermaid::packet(source) {
            Ok((mut p, _)) => translated(source, options, |t| translate::packet(&mut p, t)),
            Err(_) => Vec::new(),
        },
        Kind::TcpStates => match load_states(source, CheckMode::Off) {
            Ok((mut m, _)) => translated(source, options, |t| translate::state_machine(&mut m, t)),
            Err(_) => Vec::new(),
        },
    }
}

/// Runs `apply` with a translator into `options.lang` over `source`'s diagram (nothing for
/// `both`): the warnings for lines kept as written.
fn translated(
    source: &str,
    options: &Options,
    apply: impl FnOnce(&mut Translator<'_>),
) -> Vec<Diagnostic> {
    let glossary = options.glossary();
    match Translator::new(&glossary, options.lang, source) {
        Some(mut t) => {
            apply(&mut t);
            t.warnings
        }
        None => Vec::new(),
    }
}

/// The findings of a TCP exchange (a sequence diagram with `check: tcp`) as `check` says:
/// errors (deny), warnings (warn) or none (off); none for other sequence diagrams.
pub fn exchange_findings(seq: &Sequence, source: &str, check: CheckMode) -> Vec<Diagnostic> {
    if seq.check != Some(SequenceCheck::Tcp) {
        return Vec::new();
    }
    graded(check, || tcp::exchange::check(seq, source))
}

/// The findings of a check against a reference as `check` says: errors (deny), warnings
/// (warn) or none (off, and then the check does not run).
fn graded(check: CheckMode, findings: impl FnOnce() -> Vec<Diagnostic>) -> Vec<Diagnostic> {
    match check {
        CheckMode::Deny => findings(),
        CheckMode::Warn => findings()
            .into_iter()
            .map(|mut d| {
                d.severity = Severity::Warning;
                d
            })
            .collect(),
        CheckMode::Off => Vec::new(),
    }
}

/// A diagram's title for the page: its drawn title on one line, else its `accTitle`.
fn shown_title(title: Option<&Label>, acc_title: Option<&String>) -> Option<String> {
    title.map(Label::one_line).or_else(|| acc_title.cloned())
}

/// Adds a check's findings to a diagram's diagnostics, in source order (left as they are when
/// there are none).
fn with_findings(diagnostics: &mut Vec<Diagnostic>, findings: Vec<Diagnostic>) {
    if !findings.is_empty() {
        diagnostics.extend(findings);
        crate::diagnostic::sort(diagnostics);
    }
}

fn flowchart(source: &str, options: &Options) -> Result<Output, Vec<Diagnostic>> {
    let (mut chart, mut diagnostics) = mermaid::flowchart(source);
    if has_errors(&diagnostics) {
        return Err(diagnostics);
    }
    // A layer diagram's check reads every label line, whatever language is drawn.
    with_findings(
        &mut diagnostics,
        graded(options.check, || crate::layers::findings(&chart)),
    );
    if has_errors(&diagnostics) {
        return Err(diagnostics);
    }
    // Recognised as the author wrote it, before translation adds lines.
    let layers = (options.view == View::Stack).then(|| crate::layers::recognize(&chart));
    diagnostics.extend(translated(source, options, |t| {
        translate::flowchart(&mut chart, t)
    }));
    crate::diagnostic::sort(&mut diagnostics);
    if let Some(diagram) = layers {
        return stack::draw(source, &chart, diagram, diagnostics, options);
    }
    let chart = chart.select_lang(options.lang);
    let title = shown_title(chart.title.as_ref(), chart.acc_title.as_ref());
    let geometry = layout_flowchart(&chart);
    let svg = render::svg::flowchart(
        &chart,
        &geometry,
        &SvgOptions {
            theme: options.theme,
            id_prefix: id_prefix(source, options),
            ..SvgOptions::default()
        },
    );
    Ok(Output {
        svg: Some(svg),
        table: None,
        title,
        warnings: diagnostics,
    })
}

fn sequence(source: &str, options: &Options) -> Result<Output, Vec<Diagnostic>> {
    let (mut seq, mut warnings) = mermaid::sequence(source)?;
    // A TCP exchange is simulated once, on the labels as written: its findings as `--check`
    // grades them, its states for the ladder.
    let exchange =
        (seq.check == Some(SequenceCheck::Tcp)).then(|| tcp::exchange::simulate(&seq, source));
    let findings = match &exchange {
        Some(x) => graded(options.check, || x.diagnostics.clone()),
        None => Vec::new(),
    };
    warnings.extend(findings.iter().cloned());
    warnings.extend(translated(source, options, |t| {
        translate::sequence(&mut seq, t)
    }));
    crate::diagnostic::sort(&mut warnings);
    if has_errors(&warnings) {
        return Err(warnings);
    }
    let shown = seq.select_lang(options.lang);
    let title = shown_title(shown.title.as_ref(), shown.acc_title.as_ref());
    let geometry = match &exchange {
        Some(x) => layout::sequence::layout_ladder(
            &shown,
            &tcp::exchange::ladder(&seq, (&shown, options.lang), x, &findings),
        ),
        None => layout::sequence::layout(&shown),
    };
    let svg = render::svg::sequence(
        &shown,
        &geometry,
        &SvgOptions {
            theme: options.theme,
            id_prefix: id_prefix(source, options),
            kind: DiagramKind::Sequence,
            ..SvgOptions::default()
        },
    );
    Ok(Output {
        svg: Some(svg),
        table: None,
        title,
        warnings,
    })
}

fn packet(source: &str, options: &Options) -> Result<Output, Vec<Diagnostic>> {
    let (mut packet, mut warnings) = mermaid::packet(source)?;
    // The check reads every label line, whatever language is drawn.
    warnings.extend(graded(options.check, || crate::packet::findings(&packet)));
    warnings.extend(translated(source, options, |t| {
        translate::packet(&mut packet, t)
    }));
    crate::diagnostic::sort(&mut warnings);
    if has_errors(&warnings) {
        return Err(warnings);
    }
    let packet = packet.select_lang(options.lang);
    let title = shown_title(packet.title.as_ref(), packet.acc_title.as_ref());
    let geometry = layout::packet::layout(&packet);
    let svg = render::svg::packet(
        &packet,
        &geometry,
        &SvgOptions {
            theme: options.theme,
            id_prefix: id_prefix(source, options),
            kind: DiagramKind::Packet,
            ..SvgOptions::default()
        },
    );
    Ok(Output {
        svg: Some(svg),
        table: None,
        title,
        warnings,
    })
}

fn states(source: &str, options: &Options) -> Result<Output, Vec<Diagnostic>> {
    let (mut machine, mut diagnostics) = load_states(source, options.check)?;
    diagnostics.extend(translated(source, options, |t| {
        translate::state_machine(&mut machine, t)
    }));
    crate::diagnostic::sort(&mut diagnostics);
    let svg = options
        .view
        .has_diagram()
        .then(|| states_svg(&machine, source, options));
    let table = if options.view.has_table() {
        let table = tcp::table::state_table(&machine, options.lang);
        Some(match options.table_format {
            TableFormat::Html => {
                let custom =
                    table_template(options.template_dir.as_deref()).map_err(|d| vec![d])?;
                let custom = custom
                    .as_ref()
                    .map(|(name, text)| render::table::CustomTemplate { name, text });
                render::table::html(&table, custom).map_err(|d| vec![d])?
            }
            TableFormat::Markdown => render::table::markdown(&table),
        })
    } else {
        None
    };
    Ok(Output {
        svg,
        table,
        title: machine
            .title
            .as_ref()
            .map(|t| tcp::lower::one_line(t, options.lang)),
        warnings: diagnostics,
    })
}

/// The state diagram of an already loaded `machine` (`source` seeds the default id prefix).
pub fn states_svg(machine: &StateMachine, source: &str, options: &Options) -> String {
    let lowered = tcp::lower::state_diagram(machine, options.lang, options.theme);
    let graph = state_graph(&lowered);
    let geometry = layout::drawing::draw(&lowered.chart, &graph, &lowered.legend);
    render::svg::flowchart(
        &lowered.chart,
        &geometry,
        &SvgOptions {
            theme: options.theme,
            id_prefix: id_prefix(source, options),
            kind: DiagramKind::States,
            legend: lowered.legend,
        },
    )
}

/// Parses and checks a state machine as `check` says: the machine and the remaining warnings,
/// or every diagnostic if any is an error. Syntax errors are always errors.
pub fn load_states(
    source: &str,
    check: CheckMode,
) -> Result<(StateMachine, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (def, mut diagnostics) = tcp::parse(source);
    let def = match def {
        Some(def) if !has_errors(&diagnostics) => def,
        _ => {
            crate::diagnostic::sort(&mut diagnostics);
            return Err(diagnostics);
        }
    };
    diagnostics.extend(graded(check, || tcp::check(&def)));
    crate::diagnostic::sort(&mut diagnostics);
    if has_errors(&diagnostics) {
        return Err(diagnostics);
    }
    Ok((StateMachine::new(&def), diagnostics))
}

/// Lays out a flowchart (after language selection): the whole drawing, every phase of
/// [`layout::layout`] and the finishing of [`layout::drawing`].
pub fn layout_flowchart(chart: &Flowchart) -> layout::drawing::Drawing {
    layout::drawing::draw(chart, &layout::flowchart::graph(chart), &[])
}

/// The layout input of a state diagram: its chart's, with the edges weighted as lowering says
/// (client and server paths run as straight as the layout can make them).
pub fn state_graph(diagram: &tcp::lower::StateDiagram) -> layout::LayoutGraph {
    let mut graph = layout::flowchart::graph(&diagram.chart);
    for (e, w) in graph.edges.iter_mut().zip(&diagram.weights) {
        e.weight = *w;
    }
    graph
}

/// Checks a user's state-table template (`name` for messages, `text` its content) before
/// anything is rendered with it: syntax, partials, nesting, and a rendering of the RFC 9293
/// reference in each language.
pub fn check_table_template(name: &str, text: &str) -> Result<(), crate::diagnostic::Report> {
    let samples: Vec<StateTable> = match tcp::load(&tcp::reference::to_yaml()) {
        (Some(reference), _) => [LangChoice::Both, LangChoice::Zh, LangChoice::En]
            .into_iter()
            .map(|lang| tcp::table::state_table(&reference, lang))
            .collect(),
        (None, _) => Vec::new(),
    };
    render::table::check_template(name, text, &samples)
}

/// The user's table template in `dir`, if the folder has one: its name for messages and its
/// text.
fn table_template(dir: Option<&Path>) -> Result<Option<(String, String)>, Diagnostic> {
    let Some(path) = dir
        .map(|d| d.join(render::table::TEMPLATE_NAME))
        .filter(|p| p.is_file())
    else {
        return Ok(None);
    };
    let text = crate::input::read_file(&path).map_err(|e| {
        Diagnostic::error(
            crate::diagnostic::codes::tpl::TEMPLATE_ERROR,
            crate::diagnostic::Span::default(),
            format!("cannot read template {}: {e}", path.display()),
        )
    })?;
    Ok(Some((path.display().to_string(), text)))
}

fn id_prefix(source: &str, options: &Options) -> String {
    options
        .id_prefix
        .clone()
        .unwrap_or_else(|| default_id_prefix(source))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parse() {
        assert_eq!(parse_value::<View>("Table"), Ok(View::Table));
        assert_eq!(
            parse_value::<View>("chart"),
            Err(
                "unknown variant `chart`, expected one of `diagram`, `table`, `both`, `stack`"
                    .into()
            )
        );
        assert_eq!(parse_value::<TableFormat>("md"), Ok(TableFormat::Markdown));
        assert_eq!(parse_value::<CheckMode>("warn"), Ok(CheckMode::Warn));
        assert_eq!(parse_value::<LangChoice>("ZH"), Ok(LangChoice::Zh));
        assert_eq!(
            parse_value::<crate::model::Theme>("dark"),
            Ok(crate::model::Theme::Dark)
        );
        assert!(View::Both.has_diagram() && View::Both.has_table());
        assert_eq!(parse_value::<View>("stack"), Ok(View::Stack));
        assert!(View::Stack.has_diagram() && !View::Stack.has_table());
        assert!(
            View::Stack.applies_to(Kind::Flowchart) && !View::Stack.applies_to(Kind::TcpStates)
        );
        assert!(!View::Table.applies_to(Kind::Flowchart) && View::Diagram.applies_to(Kind::Packet));
    }

    #[test]
    fn kinds_by_extension_then_content() {
        assert_eq!(Kind::of(Path::new("a.yml"), "graph TD"), Kind::TcpStates);
        assert_eq!(Kind::of(Path::new("a"), "transitions:\n"), Kind::TcpStates);
        assert_eq!(Kind::of(Path::new("-"), "flowchart LR\n"), Kind::Flowchart);
        assert_eq!(Kind::of(Path::new("a.txt"), "hello"), Kind::Flowchart);
        let seq = "%% c\nsequenceDiagram\nA->>B: hi\n";
        assert_eq!(Kind::of(Path::new("a.mmd"), seq), Kind::Sequence);
        assert_eq!(Kind::of(Path::new("-"), seq), Kind::Sequence);
        assert_eq!(Kind::of(Path::new("a.yaml"), seq), Kind::TcpStates);
        let packet = "---\ntitle: T\n---\npacket-beta\n0-7: \"a\"\n";
        assert_eq!(Kind::of(Path::new("a.mmd"), packet), Kind::Packet);
        assert_eq!(Kind::of(Path::new("-"), "packet\n"), Kind::Packet);
        assert_eq!(Kind::Flowchart.refine("packet\n+8: \"x\""), Kind::Packet);
    }

    #[test]
    fn warn_mode_downgrades_findings_and_keeps_spans() {
        let src = "machine: tcp\ntransitions:\n  - { from: ESTABLISHED, event: CLOSE, action: snd FIN, to: TIME-WAIT }\n";
        let errs = compile(src, Kind::TcpStates, &Options::default()).unwrap_err();
        assert_eq!(errs[0].code, "E-TCP-004");
        let span = errs[0].span;
        assert!(span.start < span.end && span.end <= src.len(), "{span:?}");
        let opts = Options {
            check: CheckMode::Warn,
            ..Options::default()
        };
        let r = compile(src, Kind::TcpStates, &opts).unwrap();
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(r.warnings[0].severity, Severity::Warning);
        assert_eq!(r.warnings[0].span, span);
        assert!(r.svg.is_some() && r.table.is_none());
        let off = Options {
            check: CheckMode::Off,
            ..Options::default()
        };
        assert!(compile(src, Kind::TcpStates, &off)
            .unwrap()
            .warnings
            .is_empty());
        // Syntax errors stay errors whatever the mode.
        assert!(compile("machine: tcp\ntransitions: [", Kind::TcpStates, &off).is_err());
    }
}
