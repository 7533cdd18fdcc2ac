//! `netfig render INPUT... [-o OUT | --out-dir DIR] [--format svg|png] [--scale N] [--lang] [--theme]`

use super::{output::write_atomic, EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::{Severity, SourceFile};
use crate::diagram::{self, Options};
use crate::model::LangChoice;
use crate::render::Theme;
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Svg,
    Png,
}

#[derive(Args, Debug)]
pub(crate) struct RenderArgs {
    /// Diagram sources (`.mmd`, `.mermaid`); `-` reads standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output file (one input only); `-` writes standard output. Default: next to the input.
    #[arg(short, long, conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Folder for the outputs, named after the inputs.
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Svg)]
    format: Format,
    /// PNG scale factor.
    #[arg(long, default_value_t = 1.0)]
    scale: f32,
    /// Which label lines to keep: zh, en or both.
    #[arg(long, default_value = "both")]
    lang: LangChoice,
    /// Colour theme: light or dark.
    #[arg(long, default_value = "light")]
    theme: Theme,
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
    let options = Options {
        lang: args.lang,
        theme: args.theme,
        id_prefix: None,
    };
    let rendered = match diagram::flowchart_svg(file.text(), &options) {
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
    if !rendered.warnings.is_empty() {
        report.push_str(&file.render_all(&rendered.warnings));
    }
    let bytes = match args.format {
        Format::Svg => rendered.svg.into_bytes(),
        Format::Png => match crate::render::png::render(&rendered.svg, args.scale) {
            Ok(b) => b,
            Err(e) => {
                report.push_str(&format!("error: {}: {e}\n", file.name()));
                return (Outcome::Failed, report);
            }
        },
    };
    let out = output_path(args, input);
    if let Err(e) = write_atomic(&out, &bytes) {
        report.push_str(&format!("error: cannot write {}: {e}\n", out.display()));
        return (Outcome::Failed, report);
    }
    (Outcome::Ok, report)
}

fn read_input(input: &Path) -> std::io::Result<(String, String)> {
    if input.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        return Ok(("<stdin>".to_string(), s));
    }
    let bytes = std::fs::read(input)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not valid UTF-8"))?;
    Ok((input.display().to_string(), text))
}

fn output_path(args: &RenderArgs, input: &Path) -> PathBuf {
    let ext = match args.format {
        Format::Svg => "svg",
        Format::Png => "png",
    };
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
