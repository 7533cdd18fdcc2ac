//! The mdBook integration: finds netfig's fenced blocks and `{{#netfig …}}` includes in
//! chapters and replaces them, by byte offset, with inline figures. Everything outside the
//! replaced blocks stays byte-identical. No files are written: output is inline.
//!
//! [`process_chapter`] is the pure core (tested directly); [`Netfig`] is the mdBook
//! [`Preprocessor`](mdbook_preprocessor::Preprocessor) shell used by both the `mdbook-netfig`
//! binary and `netfig build`.

pub mod blocks;
pub mod config;
mod figure;
mod locate;
mod preprocessor;

pub use crate::diagnostic::Finding;
pub use config::{Config, ConfigError, OnError};
pub use preprocessor::{preprocessor_main, supported_mdbook, BookError, Netfig};

use crate::diagnostic::{codes, Diagnostic, SourceFile};
use crate::pipeline::{self, Kind, Options};
use blocks::{Block, Fence};
use locate::Locator;
use std::path::Path;
use std::sync::Arc;

/// Where a chapter comes from and how to render it.
#[derive(Debug, Clone)]
pub struct ChapterContext<'a> {
    /// The chapter's display path relative to the book root (`src/tcp.md`).
    pub display_path: String,
    /// The chapter file's folder, for resolving includes (absolute or relative to the cwd).
    pub dir: &'a Path,
    /// The chapter file as on disk, if readable. Diagnostics point into it, so line numbers
    /// are right even when an earlier preprocessor (e.g. `links`) changed the text.
    pub disk_text: Option<String>,
    /// The mdBook renderer (`html`, `markdown`, …).
    pub renderer: &'a str,
    /// Makes SVG ids unique per page: chapter-specific and deterministic.
    pub id_seed: String,
    /// The configuration.
    pub config: &'a Config,
}

/// The chapter with every netfig block replaced, and every finding. Blocks with errors stay as
/// they were (or become an error box with `on-error = "render"`).
pub fn process_chapter(content: &str, cx: &ChapterContext) -> (String, Vec<Finding>) {
    let blocks = blocks::find(content, &cx.config.claimed_fences());
    if blocks.is_empty() {
        return (content.to_string(), Vec::new());
    }
    let chapter_file = Arc::new(SourceFile::new(
        cx.display_path.clone(),
        cx.disk_text.clone().unwrap_or_else(|| content.to_string()),
    ));
    let loc = Locator::new(chapter_file.text(), content);
    let mut findings = Vec::new();
    let mut replacements: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut styled = false;
    for (n, block) in blocks.iter().enumerate() {
        if let Block::Include(inc) = block {
            if escaped_on_disk(inc, &loc, content) {
                continue;
            }
        }
        let inline = matches!(block, Block::Include(i) if i.inline);
        let id_prefix = format!("nf-{}-{n}", cx.id_seed);
        let job = match block {
            Block::Fence(f) => fence_job(f, &chapter_file, &loc, content, cx),
            Block::Include(inc) => include_job(inc, &chapter_file, &loc, content, cx),
        };
        let job = match job {
            Ok(job) => job,
            Err(finding) => {
                findings.push(*finding);
                continue;
            }
        };
        let lang = match attr(&job.attrs, "lang")
            .map(pipeline::parse_value)
            .transpose()
        {
            Ok(l) => l.unwrap_or(cx.config.lang),
            Err(e) => {
                findings.push(Finding {
                    file: job.site.clone(),
                    diagnostic: Diagnostic::error(
                        codes::book::BAD_BLOCK_ATTRIBUTE,
                        job.anchor,
                        format!("lang: {e}"),
                    ),
                });
                continue;
            }
        };
        if job.kind == Kind::Flowchart {
            if let Some(kind) = crate::mermaid::syntax::diagram_kind(&job.source)
                .filter(|k| is_other_mermaid_diagram(k))
            {
                findings.push(Finding {
                    file: job.site.clone(),
                    diagnostic: Diagnostic::warning(
                        codes::book::OTHER_MERMAID_DIAGRAM,
                        job.anchor,
                        format!(
                            "mermaid `{kind}` diagram left untouched: netfig renders flowcharts, sequence diagrams and packet diagrams"
                        ),
                    )
                    .with_hint("mdbook-mermaid can render it in the browser"),
                });
                continue;
            }
        }
        let options = match block_options(&job, cx, lang, id_prefix) {
            Ok(options) => options,
            Err(d) => {
                findings.push(Finding {
                    file: job.site.clone(),
                    diagnostic: d,
                });
                continue;
            }
        };
        let result = pipeline::compile(&job.source, job.kind, &options);
        match result {
            Ok(rendered) => {
                findings.extend(rendered.warnings.iter().map(|d| job.locate(d)));
                if inline {
                    let text = figure::inline_figure(&rendered, cx.renderer);
                    replacements.push((block.range(), text));
                    continue;
                }
                let first = !styled;
                styled = true;
                let mut text = figure::figure(&rendered, cx.renderer, first);
                if matches!(block, Block::Include(i) if i.in_html) {
                    text.truncate(text.trim_end().len());
                }
                replacements.push((block.range(), blocks::continue_lines(&text, &job.prefix)));
            }
            Err(diagnostics) => {
                let located: Vec<Finding> = diagnostics.iter().map(|d| job.locate(d)).collect();
                if cx.config.on_error == OnError::Render {
                    let text: Vec<String> = located.iter().map(Finding::render).collect();
                    let text = if inline {
                        figure::inline_error_box(&text.join("\n"), cx.renderer)
                    } else {
                        let text = figure::error_box(&text.join("\n"), cx.renderer);
                        blocks::continue_lines(&text, &job.prefix)
                    };
                    replacements.push((block.range(), text));
                }
                findings.extend(located);
            }
        }
    }
    (splice(content, replacements), findings)
}

/// The options for a block: `lang` as chosen, `view=` from the block, the table format from
/// the renderer (HTML for `html`, Markdown otherwise), template folder and check mode from the
/// configuration.
fn block_options(
    job: &Job,
    cx: &ChapterContext,
    lang: crate::model::LangChoice,
    id_prefix: String,
) -> Result<Options, Diagnostic> {
    let view = match attr(&job.attrs, "view") {
        Some(v) => {
            let bad = |message: String| {
                Diagnostic::error(codes::book::BAD_BLOCK_ATTRIBUTE, job.anchor, message)
            };
            let view: pipeline::View =
                pipeline::parse_value(v).map_err(|e| bad(format!("view: {e}")))?;
            let kind = job.kind.refine(&job.source);
            if !view.applies_to(kind) {
                return Err(bad(match kind {
                    Kind::TcpStates => format!("view: `{v}` draws layer diagrams (mermaid flowcharts), not a TCP state machine; expected one of `diagram`, `table`, `both`"),
                    Kind::Flowchart => format!("view: `{v}` applies to TCP state machines, not a mermaid flowchart; expected `diagram` or `stack`"),
                    _ => format!("view: `{v}` does not apply to a mermaid sequence or packet diagram; expected `diagram`"),
                }));
            }
            view
        }
        None => pipeline::View::Diagram,
    };
    Ok(Options {
        lang,
        id_prefix: Some(id_prefix),
        view,
        table_format: if cx.renderer == "html" {
            pipeline::TableFormat::Html
        } else {
            pipeline::TableFormat::Markdown
        },
        template_dir: cx.config.template_dir.clone(),
        check: cx.config.check,
        glossary: cx.config.loaded_glossary.clone(),
        ..Options::default()
    })
}

/// Replaces byte ranges (which do not overlap) in one pass: the replacements in order, the
/// text between them copied once. Linear in the chapter and the replacements.
fn splice(content: &str, mut replacements: Vec<(std::ops::Range<usize>, String)>) -> String {
    replacements.sort_by_key(|(r, _)| r.start);
    let added: usize = replacements.iter().map(|(_, t)| t.len()).sum();
    let mut out = String::with_capacity(content.len() + added);
    let mut at = 0;
    for (range, text) in replacements {
        debug_assert!(range.start >= at, "overlapping replacements");
        out.push_str(&content[at..range.start.max(at)]);
        out.push_str(&text);
        at = at.max(range.end);
    }
    out.push_str(&content[at..]);
    out
}

/// One diagram to render: its source, the file diagnostics point into, and where in that
/// file the source starts.
struct Job {
    kind: Kind,
    source: String,
    attrs: Vec<(String, String)>,
    file: Arc<SourceFile>,
    /// Where pieces of `source` lie in `file`: (offset in `source`, offset in `file`), sorted.
    pieces: Vec<(usize, usize)>,
    /// What continuation lines of the replacement start with (see
    /// [`blocks::continuation_prefix`]).
    prefix: String,
    /// Where to point diagnostics about the block as a whole (its fence line or directive).
    /// The chapter holding the block or directive: where findings about the block as a whole
    /// (a bad attribute, a diagram type left alone) point.
    site: Arc<SourceFile>,
    /// The fence line or the directive, in `site`.
    anchor: crate::diagnostic::Span,
}

impl Job {
    /// The job of a `{{#netfig …}}` directive: the whole of `text` (named `name`) is drawn
    /// where the directive stands in `content`.
    fn included(
        kind: Kind,
        name: String,
        text: String,
        (inc, chapter, content, anchor): (
            &blocks::Include,
            &Arc<SourceFile>,
            &str,
            crate::diagnostic::Span,
        ),
    ) -> Job {
        Job {
            kind,
            file: Arc::new(SourceFile::new(name, text.clone())),
            source: text,
            attrs: inc.attrs.clone(),
            pieces: vec![(0, 0)],
            // An inline replacement is one line: it needs no prefix.
            prefix: if inc.inline {
                String::new()
            } else {
                blocks::continuation_prefix(content, inc.range.start)
            },
            site: chapter.clone(),
            anchor,
        }
    }

    fn locate(&self, d: &Diagnostic) -> Finding {
        let mut diagnostic = d.clone();
        let start = blocks::piece_offset(&self.pieces, d.span.start);
        let end = blocks::piece_offset(&self.pieces, d.span.end).max(start);
        diagnostic.span = crate::diagnostic::Span::new(start, end);
        Finding {
            file: self.file.clone(),
            diagnostic,
        }
    }
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn kind_of_fence(lang: &str, config: &Config) -> Kind {
    if config.tcp_fences.iter().any(|f| f == lang) {
        Kind::TcpStates
    } else {
        Kind::Flowchart
    }
}

/// Whether a directive is escaped in the chapter file (`\{{#netfig …}}`) although not in the
/// content: mdBook's `links` preprocessor, which runs first, removes the backslash of every
/// escaped `{{#…}}`.
fn escaped_on_disk(inc: &blocks::Include, loc: &Locator, content: &str) -> bool {
    let directive = &content[inc.range.clone()];
    !loc.same()
        && loc
            .map(inc.range.start, directive)
            .is_some_and(|at| loc.disk()[..at].ends_with('\\'))
}

fn fence_job(
    f: &Fence,
    chapter: &Arc<SourceFile>,
    loc: &Locator,
    content: &str,
    cx: &ChapterContext,
) -> Result<Job, Box<Finding>> {
    let fence_line = &content[f.range.start..f.content_start];
    // The whole block first: where it lies, its fence line lies.
    let block_at = loc.map(f.range.start, &content[f.range.clone()]);
    let fence_at = block_at
        .or_else(|| loc.map(f.range.start, fence_line))
        .unwrap_or(0);
    // Offsets into the file. The whole block is usually verbatim in the file (at the same
    // offset unless `links` expanded something earlier in the chapter): then every line of
    // the content maps to its own line, list indentation and `>` markers included. Otherwise
    // (an `{{#include}}` inside the fence) look for the content itself, then the fence line.
    let mut file = chapter.clone();
    let pieces = match block_at {
        Some(at) => f
            .segments
            .iter()
            .map(|&(c, ch)| (c, (ch + at).saturating_sub(f.range.start)))
            .collect(),
        None => match included_source(chapter.text(), fence_at + fence_line.len(), f, cx) {
            Some((included, at)) => {
                file = included;
                vec![(0, at)]
            }
            None => {
                let base = loc
                    .map(f.content_start, &f.content)
                    .unwrap_or(fence_at + fence_line.len());
                vec![(0, base)]
            }
        },
    };
    Ok(Job {
        kind: kind_of_fence(&f.lang, cx.config),
        source: f.content.clone(),
        attrs: f.attrs.clone(),
        file,
        pieces,
        prefix: blocks::continuation_prefix(content, f.range.start),
        site: chapter.clone(),
        anchor: crate::diagnostic::Span::new(fence_at, fence_at + 3),
    })
}

/// For a fence whose body in the chapter file is an mdBook `{{#include file}}` (expanded by
/// `links` before netfig runs): the included file and where the fence's content lies in it,
/// so diagnostics point into that file.
fn included_source(
    disk: &str,
    body_start: usize,
    f: &Fence,
    cx: &ChapterContext,
) -> Option<(Arc<SourceFile>, usize)> {
    let body = disk.get(body_start..)?;
    let line = body.lines().next()?.trim();
    let tail = line
        .strip_prefix("{{#include")
        .or_else(|| line.strip_prefix("{{#rustdoc_include"))?
        .strip_suffix("}}")?;
    let path = tail.split_whitespace().next()?.split(':').next()?;
    let text = read_source(&cx.dir.join(path)).ok()?;
    let at = text.find(f.content.trim_end())?;
    let display = Path::new(&cx.display_path)
        .parent()
        .unwrap_or(Path::new(""))
        .join(path);
    Some((
        Arc::new(SourceFile::new(display.display().to_string(), text)),
        at,
    ))
}

fn include_job(
    inc: &blocks::Include,
    chapter: &Arc<SourceFile>,
    loc: &Locator,
    content: &str,
    cx: &ChapterContext,
) -> Result<Job, Box<Finding>> {
    let directive = &content[inc.range.clone()];
    let at = loc.map(inc.range.start, directive).unwrap_or(0);
    let anchor = crate::diagnostic::Span::new(at, at + directive.len());
    if inc.path == "reference" {
        return reference_job(inc, chapter, content, anchor);
    }
    // The extension first: nothing is read from a file netfig would not include anyway.
    let ext = Path::new(&inc.path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some(kind) = Kind::from_extension(&ext) else {
        return Err(Box::new(Finding {
            file: chapter.clone(),
            diagnostic: Diagnostic::error(
                codes::book::UNKNOWN_INCLUDE_KIND,
                anchor,
                format!("cannot tell what `{}` is", inc.path),
            )
            .with_hint(
                "netfig includes .mmd/.mermaid flowcharts and .yaml/.yml TCP state machines",
            ),
        }));
    };
    let display = Path::new(&cx.display_path)
        .parent()
        .unwrap_or(Path::new(""))
        .join(&inc.path);
    let path = cx.dir.join(&inc.path);
    let text = read_source(&path).map_err(|e| match e {
        // Not text: the error points into the included file.
        crate::input::ReadError::Encoding(lossy, diagnostic) => Box::new(Finding {
            file: Arc::new(SourceFile::new(display.display().to_string(), lossy)),
            diagnostic,
        }),
        e => Box::new(Finding {
            file: chapter.clone(),
            diagnostic: Diagnostic::error(
                codes::book::UNREADABLE_INCLUDE,
                anchor,
                format!("cannot read `{}`: {e}", inc.path),
            )
            .with_hint("include paths are relative to the chapter's folder"),
        }),
    })?;
    let name = display.display().to_string();
    Ok(Job::included(
        kind,
        name,
        text,
        (inc, chapter, content, anchor),
    ))
}

/// `{{#netfig reference [from=STATE] [to=STATE] …}}`: the built-in RFC 9293 reference, or the
/// transitions of it leaving or entering a state, as a TCP state machine of its own (drawn, or
/// a table with `view=table`) — a table in the book that cannot drift from the checker.
fn reference_job(
    inc: &blocks::Include,
    chapter: &Arc<SourceFile>,
    content: &str,
    anchor: crate::diagnostic::Span,
) -> Result<Job, Box<Finding>> {
    use crate::tcp::names::State;
    let state = |key: &str| -> Result<Option<State>, Box<Finding>> {
        attr(&inc.attrs, key)
            .map(|v| {
                State::parse(v).ok_or_else(|| {
                    let names: Vec<&str> = State::ALL.iter().map(|s| s.name()).collect();
                    Box::new(Finding {
                        file: chapter.clone(),
                        diagnostic: Diagnostic::error(
                            codes::book::BAD_BLOCK_ATTRIBUTE,
                            anchor,
                            format!("{key}: unknown state `{v}`"),
                        )
                        .with_hint(format!("states: {}", names.join(", "))),
                    })
                })
            })
            .transpose()
    };
    let filter = crate::tcp::reference::Filter {
        from: state("from")?,
        to: state("to")?,
    };
    let text = crate::tcp::reference::yaml_where(filter);
    let name = "netfig reference (RFC 9293)".to_string();
    Ok(Job::included(
        Kind::TcpStates,
        name,
        text,
        (inc, chapter, content, anchor),
    ))
}

/// A diagram file's text, read as every netfig input is ([`crate::input::read_file`]: regular
/// files only, size capped, one decoder).
pub(crate) fn read_source(path: &Path) -> Result<String, crate::input::ReadError> {
    crate::input::read_file(path)
}

/// Whether `keyword` starts one of mermaid's other diagram types. Anything else in a mermaid
/// fence is parsed as a flowchart, so a misspelt `flowchart` header is an error with a hint
/// rather than a block silently left alone.
fn is_other_mermaid_diagram(keyword: &str) -> bool {
    const OTHERS: &[&str] = &[
        "classdiagram",
        "classdiagram-v2",
        "statediagram",
        "statediagram-v2",
        "erdiagram",
        "journey",
        "gantt",
        "pie",
        "quadrantchart",
        "requirementdiagram",
        "gitgraph",
        "c4context",
        "c4container",
        "c4component",
        "c4dynamic",
        "c4deployment",
        "mindmap",
        "timeline",
        "zenuml",
        "sankey-beta",
        "sankey",
        "xychart-beta",
        "xychart",
        "block-beta",
        "block",
        "kanban",
        "architecture-beta",
        "architecture",
        "radar-beta",
        "treemap-beta",
        "treemap",
        "info",
    ];
    OTHERS.contains(&keyword.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Many replacements in one chapter: the output is the gaps and the replacements in
    /// order. (With the old backwards `replace_range`, each replacement moved the rest of the
    /// chapter: quadratic; the benchmark `preprocessor/one chapter, 20000 fences` times it.)
    #[test]
    fn splice_many_replacements_in_one_pass() {
        let n = 50_000;
        let content = "ab".repeat(n);
        // Every `a` becomes its index, given out of order.
        let mut replacements: Vec<_> = (0..n).map(|i| (2 * i..2 * i + 1, i.to_string())).collect();
        replacements.reverse();
        let out = splice(&content, replacements);
        let expected: String = (0..n).map(|i| format!("{i}b")).collect();
        assert_eq!(out, expected);
        assert_eq!(splice("keep", Vec::new()), "keep");
        assert_eq!(splice("xyz", vec![(0..3, String::new())]), "");
        assert_eq!(
            splice("xyz", vec![(3..3, "!".into()), (0..0, "¡".into())]),
            "¡xyz!"
        );
    }
}
