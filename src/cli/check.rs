//! `netfig check PATH... [--format text|json] [--deny-warnings]`: checks definitions and reports
//! findings. Folders are walked recursively (hidden folders and links to folders skipped) for
//! the kinds of file below, in sorted order; files named explicitly are checked whatever their
//! extension (a flowchart or a state machine by content, as `render` decides). Each file is
//! checked once, whatever names (links, spellings) lead to it.

use super::files::{display_name, read_input};
use super::output::FileKey;
use super::{EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::console::errln;
use crate::diagnostic::{Report, SourceFile};
use crate::input::ReadError;
use crate::pipeline::Kind;
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
    /// Diagram files: also report label lines that cannot be translated into this language
    /// (W-LANG-001), as `render --lang` would draw them. Chapters use their book's `lang`.
    #[arg(long, value_enum, ignore_case = true, default_value_t = crate::model::LangChoice::Both)]
    lang: crate::model::LangChoice,
    /// Diagram files: a glossary (YAML list of `zh:`/`en:` pairs) over the built-in one, for
    /// --lang. Chapters use their book's `glossary`.
    #[arg(long, value_name = "FILE")]
    glossary: Option<PathBuf>,
}

/// Why a path could not be checked at all (exit 2), as opposed to findings in it (exit 1).
#[derive(Debug, thiserror::Error)]
enum Failure {
    /// A path on the command line names nothing.
    #[error("{0}: no such file or folder")]
    Missing(String),
    /// A folder could not be walked.
    #[error("cannot read {path}: {error}")]
    Walk { path: String, error: std::io::Error },
    /// A file could not be read (missing, not a regular file, too large).
    #[error("cannot read {name}: {error}")]
    Read { name: String, error: Box<ReadError> },
    /// A chapter includes what mdBook would read whole and netfig will not.
    #[error("{chapter}: cannot include {target}: {error}")]
    Include {
        chapter: String,
        target: String,
        error: Box<ReadError>,
    },
    /// The book's `book.toml` (or its `[preprocessor.netfig]` table) is invalid, as said.
    #[error("{0}")]
    BookConfig(String),
}

/// The kinds of file `check` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    /// A diagram source (a flowchart, a state machine).
    Diagram(Kind),
    /// A Markdown chapter: its netfig fences and `{{#netfig}}` includes are checked.
    Chapter,
}

impl FileKind {
    /// A named file without one of these extensions: a diagram by its content, as `render`
    /// decides.
    fn by_content(path: &Path, text: &str) -> FileKind {
        FileKind::Diagram(Kind::of(path, text))
    }
    /// The kind a walked file has, by extension; `None` = not ours, skipped.
    fn of(path: &Path) -> Option<FileKind> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("md") => Some(FileKind::Chapter),
            Some(ext) => Kind::from_extension(ext).map(FileKind::Diagram),
            None => None,
        }
    }
    /// Checks one source text of this kind: findings grouped by the file they point into (a
    /// chapter's findings may point into files it includes).
    fn check(
        self,
        path: &Path,
        name: String,
        text: String,
        options: &crate::pipeline::Options,
    ) -> Result<Vec<Report>, Failure> {
        match self {
            // A `.yaml` glossary beside the diagrams (`--glossary`, book.toml `glossary`).
            FileKind::Diagram(Kind::TcpStates) if crate::glossary::Glossary::is_glossary(&text) => {
                let d = crate::glossary::Glossary::with_user(&text)
                    .err()
                    .unwrap_or_default();
                Ok(vec![Report::new(SourceFile::new(name, text), d)])
            }
            FileKind::Diagram(kind) => {
                let mut d = crate::pipeline::check(&text, kind);
                d.extend(crate::pipeline::untranslated(&text, kind, options));
                crate::diagnostic::sort(&mut d);
                Ok(vec![Report::new(SourceFile::new(name, text), d)])
            }
            FileKind::Chapter => check_chapter(path, name, text),
        }
    }
}

/// Runs the mdBook preprocessor's own processing on a chapter (nothing is written), with the
/// configuration of the book it belongs to: a report for the chapter (first, even when empty)
/// and one for each file it includes that has findings. `{{#include}}`s
/// are expanded first, as mdBook's `links` preprocessor (which runs before netfig) expands
/// them; findings still point into the chapter as written.
fn check_chapter(path: &Path, name: String, text: String) -> Result<Vec<Report>, Failure> {
    let (config, glossary_findings) = book_config(path).map_err(Failure::BookConfig)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    refuse_unreadable_includes(&name, dir, &text, 0)?;
    let expanded = expand_links(path, &text);
    let cx = crate::book::ChapterContext {
        display_path: name.clone(),
        dir,
        disk_text: (expanded != text).then(|| text.clone()),
        renderer: "html",
        id_seed: "check".into(),
        config: &config,
    };
    let (_, mut findings) = crate::book::process_chapter(&expanded, &cx);
    findings.extend(glossary_findings);
    let mut reports = Report::group(findings);
    let chapter = match reports.iter().position(|r| r.file.name() == name) {
        Some(at) => reports.remove(at),
        None => Report::new(SourceFile::new(name, text), Vec::new()),
    };
    reports.insert(0, chapter);
    Ok(reports)
}

/// How deep mdBook's `links` preprocessor follows `{{#include}}`s inside included files.
const MAX_INCLUDE_DEPTH: usize = 10;

/// mdBook's `links` preprocessor reads an `{{#include}}`d file whole, whatever it is: refuses
/// the chapter first when one of its includes (or theirs, as deep as mdBook goes) is not a
/// regular file or is larger than netfig reads. Missing or undecodable files are left to
/// mdBook, which leaves their directive in place.
fn refuse_unreadable_includes(
    name: &str,
    dir: &Path,
    text: &str,
    depth: usize,
) -> Result<(), Failure> {
    use crate::input::ReadError;
    for include in include_paths(text) {
        let target = dir.join(include);
        match crate::input::read_file(&target) {
            Ok(included) if depth < MAX_INCLUDE_DEPTH => {
                let dir = target.parent().unwrap_or(Path::new("."));
                refuse_unreadable_includes(name, dir, &included, depth + 1)?;
            }
            Err(error @ (ReadError::NotAFile(_) | ReadError::TooLarge)) => {
                return Err(Failure::Include {
                    chapter: name.to_string(),
                    target: target.display().to_string(),
                    error: Box::new(error),
                });
            }
            _ => {}
        }
    }
    Ok(())
}

/// The files named by mdBook's file-reading directives (`{{#include}}`, `{{#rustdoc_include}}`,
/// `{{#playground}}`) in `text`, without their line ranges or anchors.
fn include_paths(text: &str) -> impl Iterator<Item = &str> {
    const DIRECTIVES: [&str; 4] = ["include", "rustdoc_include", "playground", "playpen"];
    text.match_indices("{{#").filter_map(move |(at, _)| {
        if text[..at].ends_with('\\') {
            return None;
        }
        let rest = text[at + 3..].trim_start();
        let word = DIRECTIVES.iter().find(|d| {
            rest.strip_prefix(**d)
                .is_some_and(|r| r.starts_with(char::is_whitespace))
        })?;
        let token = rest[word.len()..].split_whitespace().next()?;
        let token = token.strip_suffix("}}").unwrap_or(token);
        let path = token.split(':').next().unwrap_or(token);
        (!path.is_empty()).then_some(path)
    })
}

/// The chapter with mdBook's `links` preprocessor applied (`{{#include}}` expanded, escaped
/// `\{{#…}}` unescaped); the text unchanged when it has no `{{#`.
fn expand_links(chapter: &Path, text: &str) -> String {
    use mdbook_driver::book::{Book, Chapter};
    use mdbook_preprocessor::Preprocessor;
    if !text.contains("{{#") {
        return text.to_string();
    }
    let abs = std::path::absolute(chapter).unwrap_or_else(|_| chapter.to_path_buf());
    let (Some(dir), Some(file)) = (abs.parent(), abs.file_name()) else {
        return text.to_string();
    };
    let mut config = mdbook_driver::config::Config::default();
    config.book.src = PathBuf::new();
    let ctx =
        mdbook_preprocessor::PreprocessorContext::new(dir.to_path_buf(), config, "html".into());
    let mut book = Book::new();
    book.push_item(Chapter::new("chapter", text.to_string(), file, Vec::new()));
    let expanded = mdbook_driver::builtin_preprocessors::LinkPreprocessor::new()
        .run(&ctx, book)
        .ok()
        .and_then(|b| {
            b.iter().find_map(|item| match item {
                mdbook_driver::book::BookItem::Chapter(ch) => Some(ch.content.clone()),
                _ => None,
            })
        });
    expanded.unwrap_or_else(|| text.to_string())
}

/// The `[preprocessor.netfig]` table of the nearest enclosing book, or the defaults, with the
/// glossary it names read (and what is wrong with that glossary); an error when the table is
/// invalid (mdBook would refuse to build the book).
fn book_config(
    chapter: &Path,
) -> Result<(crate::book::Config, Vec<crate::diagnostic::Finding>), String> {
    let abs = std::path::absolute(chapter).unwrap_or_else(|_| chapter.to_path_buf());
    for dir in abs.ancestors().skip(1) {
        let toml_path = dir.join("book.toml");
        if let Ok(text) = crate::input::read_file(&toml_path) {
            let mut config =
                crate::book::Config::from_book_toml(&toml_path.display().to_string(), &text)
                    .map_err(|e| e.to_string())?;
            // Named as a walk of the book's folder names it, so that it is reported once.
            let shown = std::env::current_dir()
                .ok()
                .and_then(|cwd| dir.strip_prefix(cwd).ok().map(Path::to_path_buf))
                .unwrap_or_else(|| dir.to_path_buf());
            let findings = config.load_glossary(dir, &shown);
            return Ok((config, findings));
        }
    }
    Ok((crate::book::Config::default(), Vec::new()))
}

/// The outcome of one file.
enum Checked {
    Findings(Vec<Report>),
    Failed(Failure),
}

pub(crate) fn run(args: CheckArgs) -> i32 {
    let options = match super::files::read_glossary(args.glossary.as_deref()) {
        Ok(glossary) => crate::pipeline::Options {
            lang: args.lang,
            glossary,
            ..crate::pipeline::Options::default()
        },
        Err(code) => return code,
    };
    // Said once each: a broken book.toml fails every chapter of its book the same way.
    let mut failures: Vec<String> = Vec::new();
    let mut fail = |failure: Failure| {
        let message = failure.to_string();
        if !failures.contains(&message) {
            failures.push(message);
        }
    };
    // The kind is `None` for a named file without a known extension: decided by its content.
    let mut inputs: Vec<(PathBuf, Option<FileKind>)> = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            let mut found = Vec::new();
            if let Err(error) = walk(path, &mut found) {
                fail(Failure::Walk {
                    path: path.display().to_string(),
                    error,
                });
            }
            found.sort();
            inputs.extend(
                found
                    .into_iter()
                    .filter_map(|p| FileKind::of(&p).map(|k| (p, Some(k)))),
            );
        } else if path.as_os_str() == "-" || path.exists() {
            // Whatever it is: reading says if it is not a regular file.
            inputs.push((path.clone(), FileKind::of(path)));
        } else {
            fail(Failure::Missing(path.display().to_string()));
        }
    }
    // Each file once, however many names (symbolic or hard links, paths given twice) it has.
    let mut seen = std::collections::BTreeSet::new();
    inputs.retain(|(path, _)| path.as_os_str() == "-" || seen.insert(FileKey::of(path)));
    let results: Vec<Checked> = inputs
        .par_iter()
        .map(|(path, kind)| match read_input(path) {
            Ok((name, text)) => {
                let kind = kind.unwrap_or_else(|| FileKind::by_content(path, &text));
                match kind.check(path, name, text, &options) {
                    Ok(groups) => Checked::Findings(groups),
                    Err(failure) => Checked::Failed(failure),
                }
            }
            Err(ReadError::Encoding(lossy, d)) => Checked::Findings(vec![Report::new(
                SourceFile::new(display_name(path), lossy),
                vec![d],
            )]),
            Err(error) => Checked::Failed(Failure::Read {
                name: display_name(path),
                error: Box::new(error),
            }),
        })
        .collect();
    let (mut errors, mut warnings, mut files) = (0usize, 0usize, 0usize);
    let mut glossary_reports = std::collections::BTreeSet::new();
    let mut findings = Vec::new();
    for result in results {
        match result {
            Checked::Failed(failure) => fail(failure),
            Checked::Findings(reports) => {
                files += 1;
                for report in reports {
                    // A book's glossary is read for each of its chapters: its problems once.
                    let glossary_only = !report.diagnostics.is_empty()
                        && report
                            .diagnostics
                            .iter()
                            .all(|d| d.code == crate::diagnostic::codes::lang::BAD_GLOSSARY);
                    if glossary_only && !glossary_reports.insert(report.render()) {
                        continue;
                    }
                    errors += report.errors();
                    warnings += report.warnings();
                    match args.format {
                        CheckFormat::Text if !report.diagnostics.is_empty() => {
                            errln(&report.render());
                        }
                        CheckFormat::Text => {}
                        CheckFormat::Json => findings.extend(report.to_json()),
                    }
                }
            }
        }
    }
    for message in &failures {
        errln(&format!("error: {message}"));
    }
    match args.format {
        CheckFormat::Text => errln(&format!(
            "checked {files} file(s): {errors} error(s), {warnings} warning(s)"
        )),
        CheckFormat::Json => {
            let doc = serde_json::json!({
                "files": files,
                "errors": errors,
                "warnings": warnings,
                "findings": findings,
                "failures": failures,
            });
            let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
            crate::console::out(text.as_bytes());
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

/// Every file under `dir`, skipping hidden folders (`.git`, `.github` …) and the output folder
/// of a book (`build.build-dir`, `book/` by default), which holds copies of the sources.
/// Symbolic links to folders are not followed (a link to `..` would loop); links to files are
/// listed (`run` checks each file once, whatever its names).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let build_dir = crate::input::read_file(&dir.join("book.toml"))
        .ok()
        .map(|text| {
            let table = text.parse::<toml::Table>().ok();
            let configured = table.as_ref().and_then(|t| {
                t.get("build")?
                    .get("build-dir")?
                    .as_str()
                    .map(PathBuf::from)
            });
            dir.join(configured.unwrap_or_else(|| PathBuf::from("book")))
        });
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        // `file_type` does not follow links: a link to a folder is not a folder here.
        let real_dir = entry.file_type()?.is_dir();
        if real_dir {
            if !hidden && build_dir.as_ref() != Some(&path) {
                walk(&path, out)?;
            }
        } else if !path.is_dir() {
            out.push(path);
        }
    }
    Ok(())
}
