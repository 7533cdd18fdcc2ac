//! `netfig render INPUT... [-o OUT | --out-dir DIR] [--format svg|png|html|md] [--scale N] [--lang]
//! [--theme] [--view diagram|table|both] [--template DIR] [--check deny|warn|off]`
//!
//! Inputs are mermaid flowcharts or TCP state machine definitions: `.mmd`/`.mermaid` and
//! `.yaml`/`.yml` by extension, anything else (and standard input) by content.

use super::{files::read_input, files::write_atomic, EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::diagram::{self, CheckMode, Options, StatesOptions, TableFormat, View};
use crate::model::LangChoice;
use crate::render::Theme;
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use std::path::{Path, PathBuf};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// SVG image (the diagram view).
    Svg,
    /// PNG image (the diagram view).
    Png,
    /// HTML (table or both views of a TCP state machine).
    Html,
    /// Markdown (table or both views of a TCP state machine).
    Md,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Html => "html",
            Format::Md => "md",
        }
    }
}

/// What an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InputKind {
    Flowchart,
    Tcp,
}

impl InputKind {
    /// By extension, else by content: a mermaid flowchart header, or a YAML mapping with a
    /// top-level `transitions:` key. Unknown text is treated as a flowchart (its errors say why).
    fn of(path: &Path, text: &str) -> InputKind {
        match path.extension().and_then(|e| e.to_str()) {
            Some("mmd" | "mermaid") => return InputKind::Flowchart,
            Some("yaml" | "yml") => return InputKind::Tcp,
            _ => {}
        }
        if crate::syntax::flowchart::is_flowchart(text) {
            InputKind::Flowchart
        } else if text
            .lines()
            .any(|l| l.starts_with("transitions:") || l.starts_with("\"transitions\":"))
        {
            InputKind::Tcp
        } else {
            InputKind::Flowchart
        }
    }
}

#[derive(Args, Debug)]
pub(crate) struct RenderArgs {
    /// Diagram sources: flowcharts (`.mmd`, `.mermaid`) or TCP state machines (`.yaml`,
    /// `.yml`); `-` reads standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output file (one input only); `-` writes standard output. Default: next to the input.
    #[arg(short, long, conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Folder for the outputs, named after the inputs.
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// Output format: svg or png for diagrams, html or md for tables (default: svg, or html
    /// with --view table/both).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// PNG scale factor.
    #[arg(long, default_value_t = 1.0)]
    scale: f32,
    /// Which label lines to keep: zh, en or both.
    #[arg(long, default_value = "both")]
    lang: LangChoice,
    /// Colour theme: light or dark.
    #[arg(long, default_value = "light")]
    theme: Theme,
    /// TCP state machines: diagram, table or both.
    #[arg(long, default_value = "diagram")]
    view: View,
    /// A folder whose `state-table.html.hbs` replaces the built-in table template.
    #[arg(long, value_name = "DIR")]
    template: Option<PathBuf>,
    /// TCP state machines: findings of the RFC 9293 check are errors (deny), warnings (warn),
    /// or not looked for (off).
    #[arg(long, default_value = "deny")]
    check: CheckMode,
}

impl RenderArgs {
    fn format(&self) -> Format {
        self.format.unwrap_or(if self.view.has_table() {
            Format::Html
        } else {
            Format::Svg
        })
    }
}

/// What happened to one input.
enum Outcome {
    Ok,
    InputErrors,
    Failed,
}

pub(crate) fn run(args: RenderArgs) -> i32 {
    if args.output.is_some() && args.inputs.len() > 1 {
        eprintln!("error: -o/--output takes one input; use --out-dir for several");
        return EXIT_USAGE;
    }
    if !(args.scale.is_finite() && args.scale > 0.0 && args.scale <= 16.0) {
        eprintln!("error: --scale must be a number in (0, 16]");
        return EXIT_USAGE;
    }
    let format = args.format();
    if args.view.has_table() && matches!(format, Format::Svg | Format::Png) {
        eprintln!("error: --view table/both writes --format html or md, not svg or png");
        return EXIT_USAGE;
    }
    if !args.view.has_table() && matches!(format, Format::Html | Format::Md) {
        eprintln!("error: --format html/md needs --view table or both (TCP state machines only)");
        return EXIT_USAGE;
    }
    if let Some(dir) = &args.template {
        if !dir.is_dir() {
            eprintln!("error: --template {}: not a folder", dir.display());
            return EXIT_USAGE;
        }
        if format == Format::Html {
            if let Some(code) = check_template(dir) {
                return code;
            }
        }
    }
    if let Some(dir) = &args.out_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: cannot create {}: {e}", dir.display());
            return EXIT_USAGE;
        }
    }
    // Render in parallel, report in input order so output is deterministic.
    let results: Vec<(Outcome, String)> = args
        .inputs
        .par_iter()
        .map(|input| render_one(&args, input))
        .collect();
    let mut code = EXIT_OK;
    for (outcome, report) in results {
        eprint!("{report}");
        code = code.max(match outcome {
            Outcome::Ok => EXIT_OK,
            Outcome::InputErrors => EXIT_INPUT,
            Outcome::Failed => EXIT_USAGE,
        });
    }
    code
}

fn render_one(args: &RenderArgs, input: &Path) -> (Outcome, String) {
    let (name, text) = match read_input(input) {
        Ok(t) => t,
        Err(e) => {
            return (
                Outcome::Failed,
                format!("error: cannot read {}: {e}\n", input.display()),
            )
        }
    };
    let file = SourceFile::new(name, text);
    let kind = InputKind::of(input, file.text());
    if kind == InputKind::Flowchart && args.view != View::Diagram {
        return (
            Outcome::Failed,
            format!(
                "error: {}: --view table/both needs a TCP state machine (.yaml), not a flowchart\n",
                file.name()
            ),
        );
    }
    if args.format() == Format::Png && kind == InputKind::Flowchart {
        if let Err(e) = nodes_fit_png(args, &file) {
            return (Outcome::Failed, format!("error: {}: {e}\n", file.name()));
        }
    }
    let result = match kind {
        InputKind::Flowchart => render_flowchart(args, &file),
        InputKind::Tcp => render_states(args, &file),
    };
    let (text, warnings) = match result {
        Ok(r) => r,
        Err(diagnostics) => {
            let errors = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let mut report = file.render_all(&diagnostics);
            report.push_str(&format!(
                "\nerror: {}: {errors} error(s); nothing written\n",
                file.name()
            ));
            return (Outcome::InputErrors, report);
        }
    };
    let mut report = String::new();
    if !warnings.is_empty() {
        report.push_str(&file.render_all(&warnings));
    }
    let bytes = match args.format() {
        Format::Png => match crate::render::png::render(&text, args.scale) {
            Ok(b) => b,
            Err(e) => {
                report.push_str(&format!("error: {}: {e}\n", file.name()));
                return (Outcome::Failed, report);
            }
        },
        _ => text.into_bytes(),
    };
    let out = output_path(args, input);
    if let Err(e) = write_atomic(&out, &bytes) {
        report.push_str(&format!("error: cannot write {}: {e}\n", out.display()));
        return (Outcome::Failed, report);
    }
    (Outcome::Ok, report)
}

/// Whether the flowchart's nodes can fit in a PNG at `--scale`, judged before layout (a
/// flowchart with errors passes: rendering reports them).
fn nodes_fit_png(args: &RenderArgs, file: &SourceFile) -> Result<(), crate::render::png::PngError> {
    let (chart, diagnostics) = diagram::parse_flowchart(file.text());
    if crate::diagnostic::has_errors(&diagnostics) {
        return Ok(());
    }
    let graph = crate::layout::flowchart::graph(&chart.select_lang(args.lang));
    crate::render::png::check_nodes_fit(graph.nodes.iter().map(|n| n.size), args.scale)
}

/// The flowchart's SVG and its warnings.
fn render_flowchart(
    args: &RenderArgs,
    file: &SourceFile,
) -> Result<(String, Vec<Diagnostic>), Vec<Diagnostic>> {
    let options = Options {
        lang: args.lang,
        theme: args.theme,
        id_prefix: None,
    };
    diagram::flowchart_svg(file.text(), &options).map(|r| (r.svg, r.warnings))
}

/// The state machine's SVG, table, or both (SVG first), and its warnings.
fn render_states(
    args: &RenderArgs,
    file: &SourceFile,
) -> Result<(String, Vec<Diagnostic>), Vec<Diagnostic>> {
    let options = StatesOptions {
        lang: args.lang,
        theme: args.theme,
        id_prefix: None,
        view: args.view,
        table_format: match args.format() {
            Format::Md => TableFormat::Markdown,
            _ => TableFormat::Html,
        },
        template_dir: args.template.clone(),
        check: args.check,
    };
    let r = diagram::states(file.text(), &options)?;
    let separator = if options.table_format == TableFormat::Markdown {
        "\n"
    } else {
        ""
    };
    let text = match (r.svg, r.table) {
        (Some(svg), Some(table)) => format!("{}\n{separator}{table}", svg.trim_end()),
        (Some(svg), None) => svg,
        (None, Some(table)) => table,
        (None, None) => String::new(),
    };
    Ok((text, r.warnings))
}

fn output_path(args: &RenderArgs, input: &Path) -> PathBuf {
    let ext = args.format().extension();
    if let Some(o) = &args.output {
        return o.clone();
    }
    if input.as_os_str() == "-" {
        return match &args.out_dir {
            Some(d) => d.join(format!("stdin.{ext}")),
            None => PathBuf::from("-"),
        };
    }
    let file = input.with_extension(ext);
    match &args.out_dir {
        Some(d) => d.join(file.file_name().unwrap_or_default()),
        None => file,
    }
}

/// Checks `DIR/state-table.html.hbs` once, before any input is rendered with it: its errors
/// (syntax, recursion, nesting) are located in the template. `None` when there is nothing to
/// report (or no such file: the built-in template is used).
fn check_template(dir: &Path) -> Option<i32> {
    let path = dir.join(crate::diagram::table::TEMPLATE_NAME);
    if !path.is_file() {
        return None;
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read template {}: {e}", path.display());
            return Some(EXIT_USAGE);
        }
    };
    let (file, diagnostics) =
        crate::diagram::template::check(&path.display().to_string(), &text).err()?;
    eprint!("{}", file.render_all(&diagnostics));
    eprintln!(
        "\nerror: {}: {} error(s); nothing written",
        file.name(),
        diagnostics.len()
    );
    Some(EXIT_INPUT)
}
