//! `netfig check PATH... [--format text|json] [--deny-warnings]`: checks definitions and reports
//! findings. Folders are walked recursively (hidden folders skipped) for `.yaml`/`.yml` files, in
//! sorted order; files named explicitly are checked whatever their extension.

use super::files::read_input;
use super::{EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    /// Rendered diagnostics on standard error.
    Text,
    /// One JSON document on standard output.
    Json,
}

#[derive(Args, Debug)]
pub(crate) struct CheckArgs {
    /// Files or folders to check; `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Treat warnings as errors (exit 1).
    #[arg(long)]
    deny_warnings: bool,
}

/// The kinds of file `check` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    /// A TCP state machine definition (`.yaml`, `.yml`).
    TcpYaml,
    /// A mermaid flowchart (`.mmd`, `.mermaid`).
    Flowchart,
    /// A Markdown chapter: its netfig fences and `{{#netfig}}` includes are checked.
    Chapter,
}

impl FileKind {
    /// The kind a walked file has, by extension; `None` = not ours, skipped.
    fn of(path: &Path) -> Option<FileKind> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("yaml" | "yml") => Some(FileKind::TcpYaml),
            Some("mmd" | "mermaid") => Some(FileKind::Flowchart),
            Some("md") => Some(FileKind::Chapter),
            _ => None,
        }
    }
    /// Checks one source text of this kind: findings grouped by the file they point into (a
    /// chapter's findings may point into files it includes).
    fn check(self, path: &Path, name: String, text: String) -> Vec<(SourceFile, Vec<Diagnostic>)> {
        match self {
            FileKind::TcpYaml => {
                let d = crate::tcp::check_source(&text);
                vec![(SourceFile::new(name, text), d)]
            }
            FileKind::Flowchart => {
                let (_, d) = crate::diagram::parse_flowchart(&text);
                vec![(SourceFile::new(name, text), d)]
            }
            FileKind::Chapter => check_chapter(path, name, text),
        }
    }
}

/// Runs the mdBook preprocessor's own processing on a chapter (nothing is written), with the
/// configuration of the book it belongs to, and groups the findings by file.
fn check_chapter(path: &Path, name: String, text: String) -> Vec<(SourceFile, Vec<Diagnostic>)> {
    let config = book_config(path);
    let dir = path.parent().unwrap_or(Path::new("."));
    let cx = crate::book::ChapterContext {
        display_path: name.clone(),
        dir,
        disk_text: None,
        renderer: "html",
        id_seed: "check".into(),
        config: &config,
    };
    let (_, findings) = crate::book::process_chapter(&text, &cx);
    let mut groups: Vec<(SourceFile, Vec<Diagnostic>)> =
        vec![(SourceFile::new(name, text), Vec::new())];
    for f in findings {
        match groups
            .iter_mut()
            .find(|(file, _)| file.name() == f.file.name())
        {
            Some((_, ds)) => ds.push(f.diagnostic),
            None => groups.push(((*f.file).clone(), vec![f.diagnostic])),
        }
    }
    groups
}

/// The `[preprocessor.netfig]` table of the nearest enclosing book, or the defaults.
fn book_config(chapter: &Path) -> crate::book::Config {
    let abs = std::path::absolute(chapter).unwrap_or_else(|_| chapter.to_path_buf());
    for dir in abs.ancestors().skip(1) {
        let toml_path = dir.join("book.toml");
        if let Ok(text) = std::fs::read_to_string(&toml_path) {
            let table = text
                .parse::<toml::Table>()
                .ok()
                .and_then(|t| t.get("preprocessor")?.get("netfig").cloned());
            return table.and_then(|t| t.try_into().ok()).unwrap_or_default();
        }
    }
    crate::book::Config::default()
}

/// The outcome of one file.
enum Checked {
    Findings(Vec<(SourceFile, Vec<Diagnostic>)>),
    Failed(String),
}

pub(crate) fn run(args: CheckArgs) -> i32 {
    let mut failures: Vec<String> = Vec::new();
    let mut inputs: Vec<(PathBuf, FileKind)> = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" || path.is_file() {
            inputs.push((
                path.clone(),
                FileKind::of(path).unwrap_or(FileKind::TcpYaml),
            ));
        } else if path.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = walk(path, &mut found) {
                failures.push(format!("cannot read {}: {e}", path.display()));
            }
            found.sort();
            inputs.extend(
                found
                    .into_iter()
                    .filter_map(|p| FileKind::of(&p).map(|k| (p, k))),
            );
        } else {
            failures.push(format!("{}: no such file or folder", path.display()));
        }
    }
    let results: Vec<Checked> = inputs
        .par_iter()
        .map(|(path, kind)| match read_input(path) {
            Ok((name, text)) => Checked::Findings(kind.check(path, name, text)),
            Err(e) => Checked::Failed(format!("cannot read {}: {e}", path.display())),
        })
        .collect();
    let (mut errors, mut warnings, mut files) = (0usize, 0usize, 0usize);
    let mut findings = Vec::new();
    for result in &results {
        match result {
            Checked::Failed(message) => failures.push(message.clone()),
            Checked::Findings(groups) => {
                files += 1;
                for (file, diagnostics) in groups {
                    errors += diagnostics.iter().filter(|d| d.is_error()).count();
                    warnings += diagnostics.iter().filter(|d| !d.is_error()).count();
                    match args.format {
                        CheckFormat::Text if !diagnostics.is_empty() => {
                            eprintln!("{}", file.render_all(diagnostics));
                        }
                        CheckFormat::Text => {}
                        CheckFormat::Json => findings.extend(json_findings(file, diagnostics)),
                    }
                }
            }
        }
    }
    for message in &failures {
        eprintln!("error: {message}");
    }
    match args.format {
        CheckFormat::Text => {
            eprintln!("checked {files} file(s): {errors} error(s), {warnings} warning(s)")
        }
        CheckFormat::Json => {
            let doc = serde_json::json!({
                "files": files,
                "errors": errors,
                "warnings": warnings,
                "findings": findings,
                "failures": failures,
            });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
    }
    if !failures.is_empty() {
        EXIT_USAGE
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}

fn json_findings(file: &SourceFile, diagnostics: &[Diagnostic]) -> Vec<serde_json::Value> {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| d.span.start);
    sorted
        .into_iter()
        .map(|d| {
            let (line, col) = file.line_col(d.span.start);
            let (end_line, end_col) = file.line_col(d.span.end);
            serde_json::json!({
                "file": file.name(),
                "line": line,
                "col": col,
                "end_line": end_line,
                "end_col": end_col,
                "severity": match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                "code": d.code,
                "message": d.message,
                "hints": d.hints,
            })
        })
        .collect()
}

/// Every file under `dir`, skipping hidden folders (`.git`, `.github` …).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if path.is_dir() {
            if !hidden {
                walk(&path, out)?;
            }
        } else {
            out.push(path);
        }
    }
    Ok(())
}
