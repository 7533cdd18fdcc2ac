//! `netfig render INPUT... [-o OUT | --out-dir DIR] [--format svg|png|html|md] [--scale N] [--lang]
//! [--theme] [--view diagram|table|both|stack] [--template DIR] [--check deny|warn|off]
//! [--glossary FILE]`
//!
//! Inputs are mermaid flowcharts or TCP state machine definitions: `.mmd`/`.mermaid` and
//! `.yaml`/`.yml` by extension, anything else (and standard input) by content.

use super::files::read_input;
use super::output::{write_output, FileKey};
use super::{EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::console::{err, errln};
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::input::ReadError;
use crate::model::LangChoice;
use crate::model::Theme;
use crate::pipeline::{self, CheckMode, Kind, Options, TableFormat, View};
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

#[derive(Args, Debug)]
pub(crate) struct RenderArgs {
    /// Diagram sources: flowcharts, sequence and packet diagrams (`.mmd`, `.mermaid`) or TCP state machines (`.yaml`,
    /// `.yml`); `-` reads standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output file (one input only); `-` writes standard output. Default: next to the input.
    #[arg(short, long, conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Folder for the outputs, named after the inputs.
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// Output format: svg or png for diagrams, html or md for tables (default: the extension
    /// of -o if it is one of these, else svg, or html with --view table/both).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// PNG scale factor, from 0.01 to 16.
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Which label lines to keep.
    #[arg(long, value_enum, ignore_case = true, default_value_t = LangChoice::Both)]
    lang: LangChoice,
    /// Colour theme.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Theme::Light)]
    theme: Theme,
    /// What to draw: the diagram; for TCP state machines also table or both; for mermaid
    /// flowcharts of layer models (OSI, TCP/IP, …) stack, the models as stacks side by side.
    #[arg(long, value_enum, ignore_case = true, default_value_t = View::Diagram)]
    view: View,
    /// A folder whose `state-table.html.hbs` replaces the built-in table template.
    #[arg(long, value_name = "DIR")]
    template: Option<PathBuf>,
    /// TCP state machines: findings of the RFC 9293 check are errors (deny), warnings (warn),
    /// or not looked for (off).
    #[arg(long, value_enum, ignore_case = true, default_value_t = CheckMode::Deny)]
    check: CheckMode,
    /// A glossary (YAML list of `zh:`/`en:` pairs) that translates label lines written in one
    /// language under --lang zh/en, over the built-in one.
    #[arg(long, value_name = "FILE")]
    glossary: Option<PathBuf>,
    /// The glossary `--glossary` names, once read.
    #[arg(skip)]
    loaded_glossary: Option<std::sync::Arc<crate::glossary::Glossary>>,
}

impl RenderArgs {
    /// `--format`; else what `-o`'s extension names (`.png`, `.svg`, `.html`, `.md`, as
    /// mermaid-cli reads `-o`); else SVG for diagrams and HTML for tables.
    fn format(&self) -> Format {
        let named = self.output.as_ref().and_then(|o| {
            let ext = o.extension()?.to_str()?.to_ascii_lowercase();
            [Format::Svg, Format::Png, Format::Html, Format::Md]
                .into_iter()
                .find(|f| f.extension() == ext)
        });
        self.format.or(named).unwrap_or(if self.view.has_table() {
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

pub(crate) fn run(mut args: RenderArgs) -> i32 {
    if args.output.is_some() && args.inputs.len() > 1 {
        errln("error: -o/--output takes one input; use --out-dir for several");
        return EXIT_USAGE;
    }
    if let Err(message) = check_scale(args.scale) {
        let shown = if (1e-4..1e6).contains(&args.scale.abs()) {
            args.scale.to_string()
        } else {
            format!("{:e}", args.scale)
        };
        errln(&format!("error: --scale {shown}: {message}"));
        return EXIT_USAGE;
    }
    let format = args.format();
    if args.view.has_table() && matches!(format, Format::Svg | Format::Png) {
        errln("error: --view table/both writes --format html or md, not svg or png");
        return EXIT_USAGE;
    }
    if !args.view.has_table() && matches!(format, Format::Html | Format::Md) {
        errln("error: --format html/md needs --view table or both (TCP state machines only)");
        return EXIT_USAGE;
    }
    if let Some(dir) = &args.template {
        if !dir.is_dir() {
            errln(&format!(
                "error: --template {}: not a folder",
                dir.display()
            ));
            return EXIT_USAGE;
        }
        if format == Format::Html {
            if let Some(code) = check_template(dir) {
                return code;
            }
        }
    }
    match super::files::read_glossary(args.glossary.as_deref()) {
        Ok(g) => args.loaded_glossary = g,
        Err(code) => return code,
    }
    if let Some(dir) = &args.out_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            errln(&format!("error: cannot create {}: {e}", dir.display()));
            return EXIT_USAGE;
        }
    }
    if let Err(message) = check_outputs(&args) {
        err(&message);
        return EXIT_USAGE;
    }
    // Render in parallel, report in input order so output is deterministic.
    let results: Vec<(Outcome, String)> = args
        .inputs
        .par_iter()
        .map(|input| render_one(&args, input))
        .collect();
    let mut code = EXIT_OK;
    for (outcome, report) in results {
        err(&report);
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
        Err(ReadError::Encoding(lossy, d)) => {
            let file = SourceFile::new(super::files::display_name(input), lossy);
            let mut report = file.render(&d);
            report.push_str(&format!(
                "\nerror: {}: not text; nothing written\n",
                file.name()
            ));
            return (Outcome::InputErrors, report);
        }
        Err(e) => {
            return (
                Outcome::Failed,
                format!(
                    "error: cannot read {}: {e}\n",
                    super::files::display_name(input)
                ),
            )
        }
    };
    let file = SourceFile::new(name, text);
    let kind = Kind::of(input, file.text());
    if !args.view.applies_to(kind) {
        let needs = if args.view == View::Stack {
            "--view stack needs a mermaid flowchart of layer models (.mmd), not a TCP state machine, sequence or packet diagram"
        } else {
            "--view table/both needs a TCP state machine (.yaml), not a mermaid diagram"
        };
        return (
            Outcome::Failed,
            format!("error: {}: {needs}\n", file.name()),
        );
    }
    if args.format() == Format::Png && kind == Kind::Flowchart {
        if let Err(e) = nodes_fit_png(args, &file) {
            return (Outcome::Failed, format!("error: {}: {e}\n", file.name()));
        }
    }
    let result = compile(args, &file, kind);
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
        Format::Png => match crate::render::png::render(&text, args.scale as f32) {
            Ok(b) => b,
            Err(e) => {
                report.push_str(&format!("error: {}: {e}\n", file.name()));
                return (Outcome::Failed, report);
            }
        },
        _ => text.into_bytes(),
    };
    let out = output_path(args, input);
    if let Err(e) = write_output(&out, &bytes) {
        report.push_str(&format!("error: cannot write {}: {e}\n", out.display()));
        return (Outcome::Failed, report);
    }
    (Outcome::Ok, report)
}

/// Whether the flowchart's nodes can fit in a PNG at `--scale`, judged before layout (a
/// flowchart with errors passes: rendering reports them).
fn nodes_fit_png(args: &RenderArgs, file: &SourceFile) -> Result<(), crate::render::png::PngError> {
    let (chart, diagnostics) = crate::mermaid::flowchart(file.text());
    if crate::diagnostic::has_errors(&diagnostics) {
        return Ok(());
    }
    let graph = crate::layout::flowchart::graph(&chart.select_lang(args.lang));
    crate::render::png::check_nodes_fit(graph.nodes.iter().map(|n| n.size), args.scale as f32)
}

/// The diagram's SVG, table, or both (SVG first), and its warnings.
fn compile(
    args: &RenderArgs,
    file: &SourceFile,
    kind: Kind,
) -> Result<(String, Vec<Diagnostic>), Vec<Diagnostic>> {
    let options = Options {
        lang: args.lang,
        theme: args.theme,
        view: args.view,
        table_format: match args.format() {
            Format::Md => TableFormat::Markdown,
            _ => TableFormat::Html,
        },
        template_dir: args.template.clone(),
        check: args.check,
        glossary: args.loaded_glossary.clone(),
        ..Options::default()
    };
    let r = pipeline::compile(file.text(), kind, &options)?;
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
/// (syntax, recursion, nesting, and what fails when it renders the RFC 9293 reference) are
/// located in the template. `None` when there is nothing to
/// report (or no such file: the built-in template is used).
fn check_template(dir: &Path) -> Option<i32> {
    let path = dir.join(crate::render::table::TEMPLATE_NAME);
    if !path.is_file() {
        return None;
    }
    let text = match crate::input::read_file(&path) {
        Ok(t) => t,
        Err(e) => {
            errln(&format!(
                "error: cannot read template {}: {e}",
                path.display()
            ));
            return Some(EXIT_USAGE);
        }
    };
    let report = crate::pipeline::check_table_template(&path.display().to_string(), &text).err()?;
    err(&report.render());
    errln(&format!(
        "\nerror: {}: {} error(s); nothing written",
        report.file.name(),
        report.diagnostics.len()
    ));
    Some(EXIT_INPUT)
}

/// Why a `--scale` is refused. A scale too small to hold a pixel (`1e-300` is 0 as the
/// renderer's `f32`) is named as such rather than "out of range".
fn check_scale(scale: f64) -> Result<(), String> {
    if !scale.is_finite() || scale <= 0.0 {
        return Err("the scale must be a positive number (at most 16)".into());
    }
    if scale > 16.0 {
        return Err("the scale is too large: at most 16 (a 16-fold image)".into());
    }
    if scale < MIN_SCALE {
        return Err(format!(
            "the scale is too small: at least {MIN_SCALE} (below it a diagram shrinks to a few pixels or none)"
        ));
    }
    Ok(())
}

/// The smallest `--scale`: a 100 px node is then 1 px.
const MIN_SCALE: f64 = 0.01;

/// Refuses, before anything is rendered, a run that would write onto one of its inputs (the
/// same file under any spelling, link or hard link) or write two inputs to the same output.
/// The message names the inputs.
fn check_outputs(args: &RenderArgs) -> Result<(), String> {
    let inputs: Vec<(FileKey, &PathBuf)> = args
        .inputs
        .iter()
        .filter(|i| i.as_os_str() != "-")
        .map(|i| (FileKey::of(i), i))
        .collect();
    let mut outputs: std::collections::BTreeMap<FileKey, &PathBuf> = Default::default();
    let mut problems = String::new();
    for input in &args.inputs {
        let out = output_path(args, input);
        if out.as_os_str() == "-" {
            continue;
        }
        let key = FileKey::of(&out);
        if let Some((_, source)) = inputs.iter().find(|(k, _)| *k == key) {
            problems.push_str(&format!(
                "error: {} would be written onto the input {} (the same file); choose another output\n",
                out.display(),
                source.display()
            ));
        } else if let Some(first) = outputs.get(&key) {
            problems.push_str(&format!(
                "error: {} and {} would both be written to {}; render them into different folders\n",
                first.display(),
                input.display(),
                out.display()
            ));
        } else {
            outputs.insert(key, input);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        problems.push_str("error: nothing written\n");
        Err(problems)
    }
}
